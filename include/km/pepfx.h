/*
 * pepfx.h - the platform extension plug-in (PEP) interface of the Windows power management
 * framework: how a PEP registers with PoFx (PoFxRegisterPlugin), the notifications PoFx sends
 * it, and the ACPI notification and resource structures (Microsoft's names, types and x64
 * layouts, from the pepfx and pep_x reference pages). A driver selects the kernel-information
 * version it uses by defining PEP_KERNEL_INFORMATION_VERSION before the include (V3 is the
 * one written here).
 *
 * drvhost has no power framework plug-in host: PoFxRegisterPlugin is declared not provided (the
 * loader refuses a module that imports it, naming it), so no notification ever reaches a PEP.
 * The PEP_ACPI_INITIALIZE_* helpers are FORCEINLINE in the WDK, but their pages describe the
 * parameters without saying how each lands in the resource structure (which bits of Information
 * or Flags, for instance): they are declared not provided too, rather than guessed.
 * The notification numbers and version values, which the pages name without giving, are
 * Microsoft's published constants, checked against the public WDK header (docs/compatibility.md).
 * Written: the ACPI notification class (what the pofx/PEP/acpi sample uses), PEP_WORK, the
 * V3 kernel information. Not written yet: the device (DPM) and processor (PPM) notification
 * structures and numbers, PEP_UNMASKED_INTERRUPT_INFORMATION, PEP_PLATFORM_IDLE_STATE_UPDATE
 * and PEP_PROCESSOR_IDLE_STATE_UPDATE (incomplete types here), PoFxRegisterCoreDevice.
 */
#ifndef _DRVHOST_PEPFX_H_
#define _DRVHOST_PEPFX_H_

#include <wdm.h>
#include <acpiioct.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The PEP's handle for a device it accepted (POHANDLE is PoFx's, wdm.h). */
typedef struct PEPHANDLE__ *PEPHANDLE;

#define PEP_INFORMATION_V3        0x00000003
#define PEP_INFORMATION_VERSION   PEP_INFORMATION_V3
#define PEP_KERNEL_INFORMATION_V3 0x00000003

/* ---- registration ---------------------------------------------------------------------- */

/* Each returns TRUE when the PEP handled the notification (Data's type follows Notification). */
typedef BOOLEAN PEPCALLBACKNOTIFYDPM(ULONG Notification, PVOID Data);
typedef PEPCALLBACKNOTIFYDPM *PPEPCALLBACKNOTIFYDPM;
typedef BOOLEAN PEPCALLBACKNOTIFYPPM(PEPHANDLE Handle, ULONG Notification, PVOID Data);
typedef PEPCALLBACKNOTIFYPPM *PPEPCALLBACKNOTIFYPPM;
typedef BOOLEAN PEPCALLBACKNOTIFYACPI(ULONG Notification, PVOID Data);
typedef PEPCALLBACKNOTIFYACPI *PPEPCALLBACKNOTIFYACPI;

typedef struct _PEP_INFORMATION {
    USHORT Version;
    USHORT Size;
    PPEPCALLBACKNOTIFYDPM AcceptDeviceNotification;
    PPEPCALLBACKNOTIFYPPM AcceptProcessorNotification;
    PPEPCALLBACKNOTIFYACPI AcceptAcpiNotification;
} PEP_INFORMATION, *PPEP_INFORMATION;

typedef struct _PEP_UNMASKED_INTERRUPT_INFORMATION PEP_UNMASKED_INTERRUPT_INFORMATION,
    *PPEP_UNMASKED_INTERRUPT_INFORMATION;
typedef struct _PEP_PLATFORM_IDLE_STATE_UPDATE PEP_PLATFORM_IDLE_STATE_UPDATE,
    *PPEP_PLATFORM_IDLE_STATE_UPDATE;
typedef struct _PEP_PROCESSOR_IDLE_STATE_UPDATE PEP_PROCESSOR_IDLE_STATE_UPDATE,
    *PPEP_PROCESSOR_IDLE_STATE_UPDATE;
typedef struct _PO_ENUMERATE_INTERRUPT_SOURCE_CALLBACK_ARGUMENT
    *PPO_ENUMERATE_INTERRUPT_SOURCE_CALLBACK;
typedef NTSTATUS (*PPROCESSOR_HALT_ROUTINE)(PVOID Context);

/* The services PoFx hands the PEP at registration. */
typedef VOID POFXCALLBACKREQUESTWORKER(POHANDLE PluginHandle);
typedef POFXCALLBACKREQUESTWORKER *PPOFXCALLBACKREQUESTWORKER;
typedef NTSTATUS POFXCALLBACKENUMERATEUNMASKEDINTERRUPTS(
    POHANDLE PluginHandle, ULONG EnumerateFlags, PPO_ENUMERATE_INTERRUPT_SOURCE_CALLBACK Callback,
    PVOID CallbackContext, PPEP_UNMASKED_INTERRUPT_INFORMATION InterruptInformation);
typedef POFXCALLBACKENUMERATEUNMASKEDINTERRUPTS *PPOFXCALLBACKENUMERATEUNMASKEDINTERRUPTS;
typedef NTSTATUS POFXCALLBACKPROCESSORHALT(ULONG Flags, PVOID Context,
                                           PPROCESSOR_HALT_ROUTINE Halt);
typedef POFXCALLBACKPROCESSORHALT *PPOFXCALLBACKPROCESSORHALT;
typedef NTSTATUS POFXCALLBACKREQUESTINTERRUPT(ULONG Gsiv);
typedef POFXCALLBACKREQUESTINTERRUPT *PPOFXCALLBACKREQUESTINTERRUPT;
typedef VOID POFXCALLBACKCRITICALRESOURCE(POHANDLE DeviceHandle, ULONG Component, BOOLEAN Active);
typedef POFXCALLBACKCRITICALRESOURCE *PPOFXCALLBACKCRITICALRESOURCE;
/* The page's syntax repeats Increment; its parameter list has four parameters. */
typedef VOID POFXCALLBACKPROCESSORIDLEVETO(POHANDLE ProcessorHandle, ULONG ProcessorState,
                                           ULONG VetoReason, BOOLEAN Increment);
typedef POFXCALLBACKPROCESSORIDLEVETO *PPOFXCALLBACKPROCESSORIDLEVETO;
typedef NTSTATUS POFXCALLBACKPLATFORMIDLEVETO(POHANDLE ProcessorHandle, ULONG PlatformState,
                                              ULONG VetoReason, BOOLEAN Increment);
typedef POFXCALLBACKPLATFORMIDLEVETO *PPOFXCALLBACKPLATFORMIDLEVETO;
typedef NTSTATUS POFXCALLBACKUPDATEPROCESSORIDLESTATE(POHANDLE ProcessorHandle,
                                                      ULONG ProcessorState,
                                                      PPEP_PROCESSOR_IDLE_STATE_UPDATE Update);
typedef POFXCALLBACKUPDATEPROCESSORIDLESTATE *PPOFXCALLBACKUPDATEPROCESSORIDLESTATE;
typedef NTSTATUS POFXCALLBACKUPDATEPLATFORMIDLESTATE(POHANDLE ProcessorHandle, ULONG PlatformState,
                                                     PPEP_PLATFORM_IDLE_STATE_UPDATE Update);
typedef POFXCALLBACKUPDATEPLATFORMIDLESTATE *PPOFXCALLBACKUPDATEPLATFORMIDLESTATE;
typedef NTSTATUS POFXCALLBACKREQUESTCOMMON(ULONG RequestId, PVOID Data);
typedef POFXCALLBACKREQUESTCOMMON *PPOFXCALLBACKREQUESTCOMMON;

typedef struct _PEP_KERNEL_INFORMATION_STRUCT_V3 {
    USHORT Version;
    USHORT Size;
    POHANDLE Plugin;
    PPOFXCALLBACKREQUESTWORKER RequestWorker;
    PPOFXCALLBACKENUMERATEUNMASKEDINTERRUPTS EnumerateUnmaskedInterrupts;
    PPOFXCALLBACKPROCESSORHALT ProcessorHalt;
    PPOFXCALLBACKREQUESTINTERRUPT RequestInterrupt;
    PPOFXCALLBACKCRITICALRESOURCE TransitionCriticalResource;
    PPOFXCALLBACKPROCESSORIDLEVETO ProcessorIdleVeto;
    PPOFXCALLBACKPLATFORMIDLEVETO PlatformIdleVeto;
    PPOFXCALLBACKUPDATEPROCESSORIDLESTATE UpdateProcessorIdleState;
    PPOFXCALLBACKUPDATEPLATFORMIDLESTATE UpdatePlatformIdleState;
    PPOFXCALLBACKREQUESTCOMMON RequestCommon;
} PEP_KERNEL_INFORMATION_STRUCT_V3, *PPEP_KERNEL_INFORMATION_STRUCT_V3;

/* PEP_KERNEL_INFORMATION is the version the driver chose (only V3 here). */
#if defined(PEP_KERNEL_INFORMATION_VERSION)
typedef PEP_KERNEL_INFORMATION_STRUCT_V3 PEP_KERNEL_INFORMATION, *PPEP_KERNEL_INFORMATION;

NTKERNELAPI NTSTATUS NTAPI PoFxRegisterPlugin(PPEP_INFORMATION PepInformation,
                                              PPEP_KERNEL_INFORMATION KernelInformation)
    DRVHOST_NOT_PROVIDED;
#endif

/* A processor idle state a PEP reports (PEP_PPM_QUERY_IDLE_STATES_V2). */
typedef struct _PEP_PROCESSOR_IDLE_STATE_V2 {
    union {
        ULONG Ulong;
        struct {
            ULONG Interruptible : 1;
            ULONG CacheCoherent : 1;
            ULONG ThreadContextRetained : 1;
            ULONG CStateType : 4;
            ULONG WakesSpuriously : 1;
            ULONG PlatformOnly : 1;
            ULONG Autonomous : 1;
            ULONG Reserved : 22;
        };
    };
    ULONG Latency;
    ULONG BreakEvenDuration;
} PEP_PROCESSOR_IDLE_STATE_V2, *PPEP_PROCESSOR_IDLE_STATE_V2;

/* ---- work a PEP asks PoFx to do (PEP_NOTIFY_*_WORK) ------------------------------------ */

typedef enum _PEP_WORK_TYPE {
    PepWorkActiveComplete,
    PepWorkRequestIdleState,
    PepWorkDevicePower,
    PepWorkRequestPowerControl,
    PepWorkDeviceIdle,
    PepWorkCompleteIdleState,
    PepWorkCompletePerfState,
    PepWorkAcpiNotify,
    PepWorkAcpiEvaluateControlMethodComplete,
    PepWorkMax
} PEP_WORK_TYPE, *PPEP_WORK_TYPE;

typedef struct _PEP_WORK_POWER_CONTROL {
    POHANDLE DeviceHandle;
    LPCGUID PowerControlCode;
    PVOID RequestContext;
    PVOID InBuffer;
    SIZE_T InBufferSize;
    PVOID OutBuffer;
    SIZE_T OutBufferSize;
} PEP_WORK_POWER_CONTROL, *PPEP_WORK_POWER_CONTROL;

typedef struct _PEP_WORK_COMPLETE_IDLE_STATE {
    POHANDLE DeviceHandle;
    ULONG Component;
} PEP_WORK_COMPLETE_IDLE_STATE, *PPEP_WORK_COMPLETE_IDLE_STATE;

typedef struct _PEP_WORK_COMPLETE_PERF_STATE {
    POHANDLE DeviceHandle;
    ULONG Component;
    BOOLEAN Succeeded;
} PEP_WORK_COMPLETE_PERF_STATE, *PPEP_WORK_COMPLETE_PERF_STATE;

typedef struct _PEP_WORK_ACPI_NOTIFY {
    POHANDLE DeviceHandle;
    ULONG NotifyCode;
} PEP_WORK_ACPI_NOTIFY, *PPEP_WORK_ACPI_NOTIFY;

typedef struct _PEP_WORK_ACPI_EVALUATE_CONTROL_METHOD_COMPLETE {
    POHANDLE DeviceHandle;
    ULONG CompletionFlags;
    NTSTATUS MethodStatus;
    PVOID CompletionContext;
    SIZE_T OutputArgumentSize;
    PACPI_METHOD_ARGUMENT OutputArguments;
} PEP_WORK_ACPI_EVALUATE_CONTROL_METHOD_COMPLETE, *PPEP_WORK_ACPI_EVALUATE_CONTROL_METHOD_COMPLETE;

typedef struct _PEP_WORK_INFORMATION {
    PEP_WORK_TYPE WorkType;
    union {
        PEP_WORK_POWER_CONTROL PowerControl;
        PEP_WORK_COMPLETE_IDLE_STATE CompleteIdleState;
        PEP_WORK_COMPLETE_PERF_STATE CompletePerfState;
        PEP_WORK_ACPI_NOTIFY AcpiNotify;
        PEP_WORK_ACPI_EVALUATE_CONTROL_METHOD_COMPLETE ControlMethodComplete;
    };
} PEP_WORK_INFORMATION, *PPEP_WORK_INFORMATION;

typedef struct _PEP_WORK {
    PPEP_WORK_INFORMATION WorkInformation;
    BOOLEAN NeedWork;
} PEP_WORK, *PPEP_WORK;

/* ---- the ACPI notifications (AcceptAcpiNotification's Notification) ---------------------- */

#define PEP_NOTIFY_ACPI_PREPARE_DEVICE                      0x01
#define PEP_NOTIFY_ACPI_ABANDON_DEVICE                      0x02
#define PEP_NOTIFY_ACPI_REGISTER_DEVICE                     0x03
#define PEP_NOTIFY_ACPI_UNREGISTER_DEVICE                   0x04
#define PEP_NOTIFY_ACPI_ENUMERATE_DEVICE_NAMESPACE          0x05
#define PEP_NOTIFY_ACPI_QUERY_OBJECT_INFORMATION            0x06
#define PEP_NOTIFY_ACPI_EVALUATE_CONTROL_METHOD             0x07
#define PEP_NOTIFY_ACPI_QUERY_DEVICE_CONTROL_RESOURCES      0x08
#define PEP_NOTIFY_ACPI_TRANSLATED_DEVICE_CONTROL_RESOURCES 0x09
#define PEP_NOTIFY_ACPI_WORK                                0x0A

#define PEP_ACPI_PREPARE_DEVICE_INPUT_FLAG_NONE   0x0
#define PEP_ACPI_PREPARE_DEVICE_OUTPUT_FLAG_NONE  0x0
#define PEP_ACPI_REGISTER_DEVICE_INPUT_FLAG_NONE  0x0
#define PEP_ACPI_REGISTER_DEVICE_OUTPUT_FLAG_NONE 0x0
/* PEP_ACPI_EVALUATE_CONTROL_METHOD.RequestFlags: which name member is valid. */
#define PEP_ACPI_ECM_FLAG_NONE                              0x0
#define PEP_ACPI_ECM_FLAG_RELATIVE_NAME                     0x1
#define PEP_ACPI_ECM_FLAG_FULLY_QUALIFIED_NAME              0x2
#define PEP_ACPI_EDN_FLAG_NONE                              0x0
#define PEP_ACPI_TDCR_FLAG_NONE                             0x0
#define PEP_ACPI_EVALUATE_CONTROL_METHOD_COMPLETE_FLAG_NONE 0x0

typedef struct _PEP_ACPI_PREPARE_DEVICE {
    PCUNICODE_STRING AcpiDeviceName;
    ULONG InputFlags;
    BOOLEAN DeviceAccepted;
    ULONG OutputFlags;
} PEP_ACPI_PREPARE_DEVICE, *PPEP_ACPI_PREPARE_DEVICE;

typedef struct _PEP_ACPI_ABANDON_DEVICE {
    PCUNICODE_STRING AcpiDeviceName;
    BOOLEAN DeviceAccepted;
} PEP_ACPI_ABANDON_DEVICE, *PPEP_ACPI_ABANDON_DEVICE;

typedef struct _PEP_ACPI_REGISTER_DEVICE {
    PCUNICODE_STRING AcpiDeviceName;
    ULONG InputFlags;
    POHANDLE KernelHandle;
    PEPHANDLE DeviceHandle;
    ULONG OutputFlags;
} PEP_ACPI_REGISTER_DEVICE, *PPEP_ACPI_REGISTER_DEVICE;

typedef struct _PEP_ACPI_UNREGISTER_DEVICE {
    PEPHANDLE DeviceHandle;
    ULONG InputFlags;
} PEP_ACPI_UNREGISTER_DEVICE, *PPEP_ACPI_UNREGISTER_DEVICE;

typedef enum _PEP_ACPI_OBJECT_TYPE {
    PepAcpiObjectTypeMethod,
    PepAcpiObjectTypeDevice,
    PepAcpiObjectTypeMaximum
} PEP_ACPI_OBJECT_TYPE, *PPEP_ACPI_OBJECT_TYPE;

/* An ACPI name segment: four characters, or the same bytes as one ULONG. */
typedef union _PEP_ACPI_OBJECT_NAME {
    UCHAR Name[4];
    ULONG NameAsUlong;
} PEP_ACPI_OBJECT_NAME, *PPEP_ACPI_OBJECT_NAME;

typedef struct _PEP_ACPI_OBJECT_NAME_WITH_TYPE {
    PEP_ACPI_OBJECT_NAME Name;
    PEP_ACPI_OBJECT_TYPE Type;
} PEP_ACPI_OBJECT_NAME_WITH_TYPE, *PPEP_ACPI_OBJECT_NAME_WITH_TYPE;

typedef struct _PEP_ACPI_ENUMERATE_DEVICE_NAMESPACE {
    PEPHANDLE DeviceHandle;
    ULONG RequestFlags;
    NTSTATUS Status;
    ULONG ObjectCount;
    SIZE_T ObjectBufferSize;
    PEP_ACPI_OBJECT_NAME_WITH_TYPE Objects[ANYSIZE_ARRAY];
} PEP_ACPI_ENUMERATE_DEVICE_NAMESPACE, *PPEP_ACPI_ENUMERATE_DEVICE_NAMESPACE;

typedef struct _PEP_ACPI_QUERY_OBJECT_INFORMATION {
    PEPHANDLE DeviceHandle;
    PEP_ACPI_OBJECT_NAME Name;
    PEP_ACPI_OBJECT_TYPE Type;
    ULONG ObjectFlags;
    union {
        struct {
            ULONG InputArgumentCount;
            ULONG OutputArgumentCount;
        } MethodObject;
    };
} PEP_ACPI_QUERY_OBJECT_INFORMATION, *PPEP_ACPI_QUERY_OBJECT_INFORMATION;

typedef struct _PEP_ACPI_EVALUATE_CONTROL_METHOD {
    PEPHANDLE DeviceHandle;
    ULONG RequestFlags;
    union {
        ULONG MethodName;
        ANSI_STRING MethodNameString;
    };
    NTSTATUS MethodStatus;
    PVOID CompletionContext;
    ULONG InputArgumentCount;
    SIZE_T InputArgumentSize;
    PACPI_METHOD_ARGUMENT InputArguments;
    ULONG OutputArgumentCount;
    SIZE_T OutputArgumentSize;
    PACPI_METHOD_ARGUMENT OutputArguments;
} PEP_ACPI_EVALUATE_CONTROL_METHOD, *PPEP_ACPI_EVALUATE_CONTROL_METHOD;

/* BiosResources runs past the structure (BiosResourcesSize bytes). */
#define PEP_ACPI_QDCR_FLAG_NONE 0x0
typedef struct _PEP_ACPI_QUERY_DEVICE_CONTROL_RESOURCES {
    PEPHANDLE DeviceHandle;
    ULONG RequestFlags;
    NTSTATUS Status;
    SIZE_T BiosResourcesSize;
    ACPI_METHOD_ARGUMENT BiosResources[ANYSIZE_ARRAY];
} PEP_ACPI_QUERY_DEVICE_CONTROL_RESOURCES, *PPEP_ACPI_QUERY_DEVICE_CONTROL_RESOURCES;

typedef struct _PEP_ACPI_TRANSLATED_DEVICE_CONTROL_RESOURCES {
    PEPHANDLE DeviceHandle;
    ULONG RequestFlags;
    NTSTATUS Status;
    SIZE_T TranslatedResourcesSize;
    CM_RESOURCE_LIST TranslatedResources;
} PEP_ACPI_TRANSLATED_DEVICE_CONTROL_RESOURCES, *PPEP_ACPI_TRANSLATED_DEVICE_CONTROL_RESOURCES;

/* ---- ACPI resources a PEP describes for a device ----------------------------------------- */

typedef enum _PEP_ACPI_RESOURCE_TYPE {
    PepAcpiMemory,
    PepAcpiIoPort,
    PepAcpiInterrupt,
    PepAcpiGpioIo,
    PepAcpiGpioInt,
    PepAcpiSpbI2c,
    PepAcpiSpbSpi,
    PepAcpiSpbUart,
    PepAcpiExtendedMemory,
    PepAcpiExtendedIo
} PEP_ACPI_RESOURCE_TYPE, *PPEP_ACPI_RESOURCE_TYPE;

typedef enum _GPIO_PIN_CONFIG_TYPE {
    PullDefault,
    PullUp,
    PullDown,
    PullNone
} GPIO_PIN_CONFIG_TYPE, *PGPIO_PIN_CONFIG_TYPE;

typedef enum _GPIO_PIN_IORESTRICTION_TYPE {
    IoRestrictionNone,
    IoRestrictionInputOnly,
    IoRestrictionOutputOnly,
    IoRestrictionNoneAndPreserve
} GPIO_PIN_IORESTRICTION_TYPE, *PGPIO_PIN_IORESTRICTION_TYPE;

typedef union _PEP_ACPI_RESOURCE_FLAGS {
    ULONG AsULong;
    struct {
        ULONG Shared : 1;
        ULONG Wake : 1;
        ULONG ResourceUsage : 1;
        ULONG SlaveMode : 1;
        ULONG AddressingMode : 1;
        ULONG SharedMode : 1;
        ULONG Reserved : 26;
    };
} PEP_ACPI_RESOURCE_FLAGS, *PPEP_ACPI_RESOURCE_FLAGS;

typedef struct _PEP_ACPI_IO_MEMORY_RESOURCE {
    PEP_ACPI_RESOURCE_TYPE Type;
    UCHAR Information;
    PHYSICAL_ADDRESS MinimumAddress;
    PHYSICAL_ADDRESS MaximumAddress;
    ULONG Alignment;
    ULONG Length;
} PEP_ACPI_IO_MEMORY_RESOURCE, *PPEP_ACPI_IO_MEMORY_RESOURCE;

typedef struct _PEP_ACPI_INTERRUPT_RESOURCE {
    PEP_ACPI_RESOURCE_TYPE Type;
    KINTERRUPT_MODE InterruptType;
    KINTERRUPT_POLARITY InterruptPolarity;
    PEP_ACPI_RESOURCE_FLAGS Flags;
    UCHAR Count;
    PULONG Pins;
} PEP_ACPI_INTERRUPT_RESOURCE, *PPEP_ACPI_INTERRUPT_RESOURCE;

typedef struct _PEP_ACPI_GPIO_RESOURCE {
    PEP_ACPI_RESOURCE_TYPE Type;
    PEP_ACPI_RESOURCE_FLAGS Flags;
    KINTERRUPT_MODE InterruptType;
    KINTERRUPT_POLARITY InterruptPolarity;
    GPIO_PIN_CONFIG_TYPE PinConfig;
    GPIO_PIN_IORESTRICTION_TYPE IoRestrictionType;
    USHORT DriveStrength;
    USHORT DebounceTimeout;
    PUSHORT PinTable;
    USHORT PinCount;
    UCHAR ResourceSourceIndex;
    PUNICODE_STRING ResourceSourceName;
    PUCHAR VendorData;
    USHORT VendorDataLength;
} PEP_ACPI_GPIO_RESOURCE, *PPEP_ACPI_GPIO_RESOURCE;

typedef struct _PEP_ACPI_SPB_RESOURCE {
    PEP_ACPI_RESOURCE_TYPE Type;
    PEP_ACPI_RESOURCE_FLAGS Flags;
    USHORT TypeSpecificFlags;
    UCHAR ResourceSourceIndex;
    PUNICODE_STRING ResourceSourceName;
    PCHAR VendorData;
    USHORT VendorDataLength;
} PEP_ACPI_SPB_RESOURCE, *PPEP_ACPI_SPB_RESOURCE;

typedef struct _PEP_ACPI_SPB_I2C_RESOURCE {
    PEP_ACPI_SPB_RESOURCE SpbCommon;
    ULONG ConnectionSpeed;
    USHORT SlaveAddress;
} PEP_ACPI_SPB_I2C_RESOURCE, *PPEP_ACPI_SPB_I2C_RESOURCE;

typedef struct _PEP_ACPI_SPB_SPI_RESOURCE {
    PEP_ACPI_SPB_RESOURCE SpbCommon;
    ULONG ConnectionSpeed;
    UCHAR DataBitLength;
    UCHAR Phase;
    UCHAR Polarity;
    USHORT DeviceSelection;
} PEP_ACPI_SPB_SPI_RESOURCE, *PPEP_ACPI_SPB_SPI_RESOURCE;

typedef struct _PEP_ACPI_SPB_UART_RESOURCE {
    PEP_ACPI_SPB_RESOURCE SpbCommon;
    ULONG BaudRate;
    USHORT RxBufferSize;
    USHORT TxBufferSize;
    UCHAR Parity;
    UCHAR LinesInUse;
} PEP_ACPI_SPB_UART_RESOURCE, *PPEP_ACPI_SPB_UART_RESOURCE;

typedef struct _PEP_ACPI_EXTENDED_ADDRESS {
    PEP_ACPI_RESOURCE_TYPE Type;
    PEP_ACPI_RESOURCE_FLAGS Flags;
    UCHAR ResourceFlags;
    UCHAR GeneralFlags;
    UCHAR TypeSpecificFlags;
    UCHAR RevisionId;
    UCHAR Reserved;
    ULONGLONG Granularity;
    ULONGLONG MinimumAddress;
    ULONGLONG MaximumAddress;
    ULONGLONG TranslationAddress;
    ULONGLONG AddressLength;
    ULONGLONG TypeAttribute;
    PUNICODE_STRING DescriptorName;
} PEP_ACPI_EXTENDED_ADDRESS, *PPEP_ACPI_EXTENDED_ADDRESS;

/* One resource; Type (first in every member) says which member is valid. */
typedef union _PEP_ACPI_RESOURCE {
    PEP_ACPI_RESOURCE_TYPE Type;
    PEP_ACPI_IO_MEMORY_RESOURCE IoMemory;
    PEP_ACPI_INTERRUPT_RESOURCE Interrupt;
    PEP_ACPI_GPIO_RESOURCE Gpio;
    PEP_ACPI_SPB_I2C_RESOURCE SpbI2c;
    PEP_ACPI_SPB_SPI_RESOURCE SpbSpi;
    PEP_ACPI_SPB_UART_RESOURCE SpbUart;
    PEP_ACPI_EXTENDED_ADDRESS ExtendedAddress;
} PEP_ACPI_RESOURCE, *PPEP_ACPI_RESOURCE;

/* RequestCommon's conversion of PEP_ACPI_RESOURCEs to an ACPI resource template (RequestId
 * PEP_ACPI_REQUEST_COMMON_CONVERT_TO_BIOS_RESOURCES, Data this structure). */
#define PEP_ACPI_REQUEST_COMMON_CONVERT_TO_BIOS_RESOURCES 0x01
typedef struct _PEP_ACPI_REQUEST_CONVERT_TO_BIOS_RESOURCES {
    NTSTATUS TranslationStatus;
    PPEP_ACPI_RESOURCE InputBuffer;
    SIZE_T InputBufferSize;
    PVOID OutputBuffer;
    SIZE_T OutputBufferSize;
    ULONG Flags;
} PEP_ACPI_REQUEST_CONVERT_TO_BIOS_RESOURCES, *PPEP_ACPI_REQUEST_CONVERT_TO_BIOS_RESOURCES;

/* The resource builders (not provided: see the top of this file). */
VOID PEP_ACPI_INITIALIZE_MEMORY_RESOURCE(UCHAR ReadWrite, ULONG MinimumAddress,
                                         ULONG MaximumAddress, ULONG Alignment, ULONG MemorySize,
                                         PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;
VOID PEP_ACPI_INITIALIZE_IOPORT_RESOURCE(UCHAR Decode, USHORT MinimumAddress, USHORT MaximumAddress,
                                         UCHAR Alignment, UCHAR PortLength,
                                         PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;
VOID PEP_ACPI_INITIALIZE_INTERRUPT_RESOURCE(BOOLEAN ResourceUsage, KINTERRUPT_MODE EdgeLevel,
                                            KINTERRUPT_POLARITY InterruptLevel, BOOLEAN ShareType,
                                            BOOLEAN Wake, PULONG PinTable, UCHAR PinCount,
                                            PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;
VOID PEP_ACPI_INITIALIZE_GPIO_INT_RESOURCE(
    KINTERRUPT_MODE InterruptType, KINTERRUPT_POLARITY LevelType, BOOLEAN Shareable,
    BOOLEAN CanWake, GPIO_PIN_CONFIG_TYPE PinConfig, USHORT DebounceTimeout,
    UCHAR ResourceSourceIndex, PUNICODE_STRING ResourceSourceName, BOOLEAN ResourceUsage,
    PUCHAR VendorData, USHORT VendorDataLength, PUSHORT PinTable, UCHAR PinCount,
    PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;
VOID PEP_ACPI_INITIALIZE_GPIO_IO_RESOURCE(
    BOOLEAN Shareable, BOOLEAN CanWake, GPIO_PIN_CONFIG_TYPE PinConfig, USHORT DebounceTimeout,
    USHORT DriveStrength, GPIO_PIN_IORESTRICTION_TYPE IoRestriction, UCHAR ResourceSourceIndex,
    PUNICODE_STRING ResourceSourceName, BOOLEAN ResourceUsage, PUCHAR VendorData,
    USHORT VendorDataLength, PUSHORT PinTable, UCHAR PinCount,
    PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;
VOID PEP_ACPI_INITIALIZE_SPB_I2C_RESOURCE(USHORT SlaveAddress, BOOLEAN DeviceInitiated,
                                          ULONG ConnectionSpeed, BOOLEAN AddressingMode,
                                          PUNICODE_STRING ResourceSource, UCHAR ResourceSourceIndex,
                                          BOOLEAN ResourceUsage, BOOLEAN SharedMode,
                                          PCHAR VendorData, USHORT VendorDataLength,
                                          PPEP_ACPI_RESOURCE Resource) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _DRVHOST_PEPFX_H_ */
