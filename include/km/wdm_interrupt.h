/*
 * wdm_interrupt.h - the interrupt part of wdm.h (included by wdm.h): the resource flags of
 * interrupt, port and memory descriptors, interrupt objects (IoConnectInterrupt[Ex],
 * KeSynchronizeExecution, KeAcquireInterruptSpinLock), mapped device memory (MmMapIoSpace[Ex])
 * and the register accessors (READ_REGISTER_* / WRITE_REGISTER_*; no port accessors yet).
 * What an interrupt and device memory are in drvhost: docs/interrupts.md.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef _DRVHOST_WDM_INTERRUPT_H_
#define _DRVHOST_WDM_INTERRUPT_H_

/* ---- resource descriptor flags (CM_PARTIAL_RESOURCE_DESCRIPTOR.Flags) ------------------- */

#define CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE     0x0000
#define CM_RESOURCE_INTERRUPT_LATCHED             0x0001
#define CM_RESOURCE_INTERRUPT_MESSAGE             0x0002
#define CM_RESOURCE_INTERRUPT_POLICY_INCLUDED     0x0004
#define CM_RESOURCE_INTERRUPT_SECONDARY_INTERRUPT 0x0010
#define CM_RESOURCE_INTERRUPT_WAKE_HINT           0x0020
#define CM_RESOURCE_INTERRUPT_LEVEL_LATCHED_BITS  0x0001

#define CM_RESOURCE_MEMORY_READ_WRITE    0x0000
#define CM_RESOURCE_MEMORY_READ_ONLY     0x0001
#define CM_RESOURCE_MEMORY_WRITE_ONLY    0x0002
#define CM_RESOURCE_MEMORY_PREFETCHABLE  0x0004
#define CM_RESOURCE_MEMORY_COMBINEDWRITE 0x0008
#define CM_RESOURCE_MEMORY_24            0x0010
#define CM_RESOURCE_MEMORY_CACHEABLE     0x0020
#define CM_RESOURCE_MEMORY_LARGE         0x0E00

#define CM_RESOURCE_PORT_MEMORY          0x0000
#define CM_RESOURCE_PORT_IO              0x0001
#define CM_RESOURCE_PORT_10_BIT_DECODE   0x0004
#define CM_RESOURCE_PORT_12_BIT_DECODE   0x0008
#define CM_RESOURCE_PORT_16_BIT_DECODE   0x0010
#define CM_RESOURCE_PORT_POSITIVE_DECODE 0x0020

/* ---- interrupt objects ------------------------------------------------------------------ */

typedef enum _KINTERRUPT_MODE {
    LevelSensitive,
    Latched
} KINTERRUPT_MODE;

typedef enum _KINTERRUPT_POLARITY {
    InterruptPolarityUnknown,
    InterruptActiveHigh,
    InterruptRisingEdge = InterruptActiveHigh,
    InterruptActiveLow,
    InterruptFallingEdge = InterruptActiveLow,
    InterruptActiveBoth,
    InterruptActiveBothTriggerLow = InterruptActiveBoth,
    InterruptActiveBothTriggerHigh
} KINTERRUPT_POLARITY;

typedef BOOLEAN KSERVICE_ROUTINE(struct _KINTERRUPT *Interrupt, PVOID ServiceContext);
typedef KSERVICE_ROUTINE *PKSERVICE_ROUTINE;
typedef BOOLEAN KSYNCHRONIZE_ROUTINE(PVOID SynchronizeContext);
typedef KSYNCHRONIZE_ROUTINE *PKSYNCHRONIZE_ROUTINE;

#define CONNECT_FULLY_SPECIFIED       0x1
#define CONNECT_LINE_BASED            0x2
#define CONNECT_MESSAGE_BASED         0x3
#define CONNECT_FULLY_SPECIFIED_GROUP 0x4
#define CONNECT_MESSAGE_BASED_PASSIVE 0x5
#define CONNECT_CURRENT_VERSION       0x5

typedef struct _IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS {
    PDEVICE_OBJECT PhysicalDeviceObject;
    struct _KINTERRUPT **InterruptObject;
    PKSERVICE_ROUTINE ServiceRoutine;
    PVOID ServiceContext;
    PKSPIN_LOCK SpinLock;
    KIRQL SynchronizeIrql;
    BOOLEAN FloatingSave;
    BOOLEAN ShareVector;
    ULONG Vector;
    KIRQL Irql;
    KINTERRUPT_MODE InterruptMode;
    KAFFINITY ProcessorEnableMask;
    USHORT Group;
} IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS,
    *PIO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS;

typedef struct _IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS {
    PDEVICE_OBJECT PhysicalDeviceObject;
    struct _KINTERRUPT **InterruptObject;
    PKSERVICE_ROUTINE ServiceRoutine;
    PVOID ServiceContext;
    PKSPIN_LOCK SpinLock;
    KIRQL SynchronizeIrql;
    BOOLEAN FloatingSave;
} IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS, *PIO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS;

typedef BOOLEAN KMESSAGE_SERVICE_ROUTINE(struct _KINTERRUPT *Interrupt, PVOID ServiceContext,
                                         ULONG MessageID);
typedef KMESSAGE_SERVICE_ROUTINE *PKMESSAGE_SERVICE_ROUTINE;

typedef struct _IO_INTERRUPT_MESSAGE_INFO_ENTRY {
    PHYSICAL_ADDRESS MessageAddress;
    KAFFINITY TargetProcessorSet;
    struct _KINTERRUPT *InterruptObject;
    ULONG MessageData;
    ULONG Vector;
    KIRQL Irql;
    KINTERRUPT_MODE Mode;
    KINTERRUPT_POLARITY Polarity;
} IO_INTERRUPT_MESSAGE_INFO_ENTRY, *PIO_INTERRUPT_MESSAGE_INFO_ENTRY;

typedef struct _IO_INTERRUPT_MESSAGE_INFO {
    KIRQL UnifiedIrql;
    ULONG MessageCount;
    IO_INTERRUPT_MESSAGE_INFO_ENTRY MessageInfo[1];
} IO_INTERRUPT_MESSAGE_INFO, *PIO_INTERRUPT_MESSAGE_INFO;

typedef struct _IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS {
    PDEVICE_OBJECT PhysicalDeviceObject;
    union {
        PVOID *Generic;
        PIO_INTERRUPT_MESSAGE_INFO *InterruptMessageTable;
        struct _KINTERRUPT **InterruptObject;
    } ConnectionContext;
    PKMESSAGE_SERVICE_ROUTINE MessageServiceRoutine;
    PVOID ServiceContext;
    PKSPIN_LOCK SpinLock;
    KIRQL SynchronizeIrql;
    BOOLEAN FloatingSave;
    PKSERVICE_ROUTINE FallBackServiceRoutine;
} IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS, *PIO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS;

typedef struct _IO_CONNECT_INTERRUPT_PARAMETERS {
    ULONG Version;
    union {
        IO_CONNECT_INTERRUPT_FULLY_SPECIFIED_PARAMETERS FullySpecified;
        IO_CONNECT_INTERRUPT_LINE_BASED_PARAMETERS LineBased;
        IO_CONNECT_INTERRUPT_MESSAGE_BASED_PARAMETERS MessageBased;
    };
} IO_CONNECT_INTERRUPT_PARAMETERS, *PIO_CONNECT_INTERRUPT_PARAMETERS;

typedef struct _IO_DISCONNECT_INTERRUPT_PARAMETERS {
    ULONG Version;
    union {
        PVOID Generic;
        struct _KINTERRUPT *InterruptObject;
        PIO_INTERRUPT_MESSAGE_INFO InterruptMessageTable;
    } ConnectionContext;
} IO_DISCONNECT_INTERRUPT_PARAMETERS, *PIO_DISCONNECT_INTERRUPT_PARAMETERS;

NTKERNELAPI NTSTATUS NTAPI IoConnectInterrupt(struct _KINTERRUPT **InterruptObject,
                                              PKSERVICE_ROUTINE ServiceRoutine,
                                              PVOID ServiceContext, PKSPIN_LOCK SpinLock,
                                              ULONG Vector, KIRQL Irql, KIRQL SynchronizeIrql,
                                              KINTERRUPT_MODE InterruptMode, BOOLEAN ShareVector,
                                              KAFFINITY ProcessorEnableMask, BOOLEAN FloatingSave);
NTKERNELAPI VOID NTAPI IoDisconnectInterrupt(struct _KINTERRUPT *InterruptObject);
NTKERNELAPI NTSTATUS NTAPI IoConnectInterruptEx(PIO_CONNECT_INTERRUPT_PARAMETERS Parameters);
NTKERNELAPI VOID NTAPI IoDisconnectInterruptEx(PIO_DISCONNECT_INTERRUPT_PARAMETERS Parameters);
NTKERNELAPI BOOLEAN NTAPI KeSynchronizeExecution(struct _KINTERRUPT *Interrupt,
                                                 PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
                                                 PVOID SynchronizeContext);
NTKERNELAPI KIRQL NTAPI KeAcquireInterruptSpinLock(struct _KINTERRUPT *Interrupt);
NTKERNELAPI VOID NTAPI KeReleaseInterruptSpinLock(struct _KINTERRUPT *Interrupt, KIRQL OldIrql);

/* ---- device memory and registers -------------------------------------------------------- */

/* MmMapIoSpaceEx's Protect (page protections). */
#ifndef PAGE_READWRITE
#define PAGE_NOACCESS     0x01
#define PAGE_READONLY     0x02
#define PAGE_READWRITE    0x04
#define PAGE_WRITECOPY    0x08
#define PAGE_EXECUTE      0x10
#define PAGE_GUARD        0x100
#define PAGE_NOCACHE      0x200
#define PAGE_WRITECOMBINE 0x400
#endif

NTKERNELAPI PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
                                     MEMORY_CACHING_TYPE CacheType);
NTKERNELAPI PVOID NTAPI MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
                                       ULONG Protect);
NTKERNELAPI VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);

/* Register access: a volatile access of the mapped memory (drvhost's device memory is plain
 * memory; docs/interrupts.md). */
#define DRVHOST_REG_READ(type, reg)         (*(volatile type *)(reg))
#define DRVHOST_REG_WRITE(type, reg, value) (*(volatile type *)(reg) = (value))
FORCEINLINE UCHAR READ_REGISTER_UCHAR(volatile UCHAR *Register)
{
    return DRVHOST_REG_READ(UCHAR, Register);
}
FORCEINLINE USHORT READ_REGISTER_USHORT(volatile USHORT *Register)
{
    return DRVHOST_REG_READ(USHORT, Register);
}
FORCEINLINE ULONG READ_REGISTER_ULONG(volatile ULONG *Register)
{
    return DRVHOST_REG_READ(ULONG, Register);
}
FORCEINLINE ULONG64 READ_REGISTER_ULONG64(volatile ULONG64 *Register)
{
    return DRVHOST_REG_READ(ULONG64, Register);
}
FORCEINLINE VOID WRITE_REGISTER_UCHAR(volatile UCHAR *Register, UCHAR Value)
{
    DRVHOST_REG_WRITE(UCHAR, Register, Value);
}
FORCEINLINE VOID WRITE_REGISTER_USHORT(volatile USHORT *Register, USHORT Value)
{
    DRVHOST_REG_WRITE(USHORT, Register, Value);
}
FORCEINLINE VOID WRITE_REGISTER_ULONG(volatile ULONG *Register, ULONG Value)
{
    DRVHOST_REG_WRITE(ULONG, Register, Value);
}
FORCEINLINE VOID WRITE_REGISTER_ULONG64(volatile ULONG64 *Register, ULONG64 Value)
{
    DRVHOST_REG_WRITE(ULONG64, Register, Value);
}

/* I/O port access (docs/interrupts.md "I/O ports"): the ports of a range the host gave a device
 * hold what was last written; other ports read as all ones. Deviation: the x64 WDK compiles
 * these inline (IN/OUT instructions); here they are routines a driver imports. */
#define DRVHOST_PORT_ACCESS(suffix, type)                                                          \
    NTHALAPI type NTAPI READ_PORT_##suffix(type *Port);                                            \
    NTHALAPI VOID NTAPI WRITE_PORT_##suffix(type *Port, type Value);                               \
    NTHALAPI VOID NTAPI READ_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count);          \
    NTHALAPI VOID NTAPI WRITE_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count)
DRVHOST_PORT_ACCESS(UCHAR, UCHAR);
DRVHOST_PORT_ACCESS(USHORT, USHORT);
DRVHOST_PORT_ACCESS(ULONG, ULONG);
#undef DRVHOST_PORT_ACCESS

/* ---- GUID_ACPI_INTERFACE_STANDARD2 ------------------------------------------------------ */

/* What the ACPI driver hands a function driver that queries GUID_ACPI_INTERFACE_STANDARD2
 * (IRP_MN_QUERY_INTERFACE, Version 1): general-purpose-event vectors and device Notify()
 * callbacks, each routine taking the interface's Context first. Here, after KINTERRUPT_MODE,
 * which the GPE connect routine takes. drvhost has no ACPI driver: nothing answers the query, so
 * it fails as on a device without an ACPI namespace node; the types let the driver compile. */
typedef BOOLEAN GPE_SERVICE_ROUTINE(PVOID ObjectContext, PVOID ServiceContext);
typedef GPE_SERVICE_ROUTINE *PGPE_SERVICE_ROUTINE;
typedef NTSTATUS (*PGPE_CONNECT_VECTOR2)(PVOID Context, ULONG GpeNumber, KINTERRUPT_MODE Mode,
                                         BOOLEAN Shareable, PGPE_SERVICE_ROUTINE ServiceRoutine,
                                         PVOID ServiceContext, PVOID *ObjectContext);
typedef NTSTATUS (*PGPE_DISCONNECT_VECTOR2)(PVOID Context, PVOID ObjectContext);
typedef NTSTATUS (*PGPE_ENABLE_EVENT2)(PVOID Context, PVOID ObjectContext);
typedef NTSTATUS (*PGPE_DISABLE_EVENT2)(PVOID Context, PVOID ObjectContext);
typedef NTSTATUS (*PGPE_CLEAR_STATUS2)(PVOID Context, PVOID ObjectContext);
/* Called with the ACPI Notify code (0x80 and up are device specific). */
typedef VOID (*PDEVICE_NOTIFY_CALLBACK2)(PVOID NotificationContext, ULONG NotifyCode);
typedef NTSTATUS (*PREGISTER_FOR_DEVICE_NOTIFICATIONS2)(
    PVOID Context, PDEVICE_NOTIFY_CALLBACK2 NotificationHandler, PVOID NotificationContext);
typedef VOID (*PUNREGISTER_FOR_DEVICE_NOTIFICATIONS2)(PVOID Context);

typedef struct {
    USHORT Size;
    USHORT Version;
    PVOID Context;
    PINTERFACE_REFERENCE InterfaceReference;
    PINTERFACE_DEREFERENCE InterfaceDereference;
    PGPE_CONNECT_VECTOR2 GpeConnectVector;
    PGPE_DISCONNECT_VECTOR2 GpeDisconnectVector;
    PGPE_ENABLE_EVENT2 GpeEnableEvent;
    PGPE_DISABLE_EVENT2 GpeDisableEvent;
    PGPE_CLEAR_STATUS2 GpeClearStatus;
    PREGISTER_FOR_DEVICE_NOTIFICATIONS2 RegisterForDeviceNotifications;
    PUNREGISTER_FOR_DEVICE_NOTIFICATIONS2 UnregisterForDeviceNotifications;
} ACPI_INTERFACE_STANDARD2, *PACPI_INTERFACE_STANDARD2;

#endif
#endif
