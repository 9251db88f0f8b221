/*
 * wdm_pcw.h - the kernel-mode performance counter provider routines of wdm.h (Performance
 * Counters for Windows, PCW): PcwRegister, PcwUnregister, PcwCreateInstance, PcwCloseInstance,
 * PcwAddInstance, their structures (PCW_REGISTRATION_INFORMATION, PCW_COUNTER_DESCRIPTOR,
 * PCW_DATA) and the provider's PCW_CALLBACK with PCW_CALLBACK_TYPE / PCW_CALLBACK_INFORMATION.
 * Included by wdm.h. The headers ctrpp writes from a counter manifest (drvhost: tools/drvctrpp)
 * are inline functions over these routines.
 *
 * drvhost has no performance-counter consumers: the host reads a counter set's instances and
 * values itself (the scenario's `counters NAME`; docs/scenario.md).
 */
#ifndef DRVHOST_WDM_PCW_H
#define DRVHOST_WDM_PCW_H

#include <ntdef.h>

#define PCW_VERSION_1       0x0100
#define PCW_VERSION_2       0x0200
#define PCW_CURRENT_VERSION PCW_VERSION_2
#define PCW_ANY_INSTANCE_ID 0xFFFFFFFF

/* Opaque handles: the runtime's registrations, instances and consumer buffers. */
typedef struct _KEVENT *PKEVENT; /* as wdm.h's (a repeated typedef: C11) */
typedef struct _PCW_INSTANCE *PPCW_INSTANCE;
typedef struct _PCW_REGISTRATION *PPCW_REGISTRATION;
typedef struct _PCW_BUFFER *PPCW_BUFFER;

typedef struct _PCW_COUNTER_DESCRIPTOR {
    USHORT Id;
    USHORT StructIndex; /* which of the instance's data blocks holds the value */
    USHORT Offset;      /* the value's offset in that block */
    USHORT Size;        /* the value's size: 4 or 8 */
} PCW_COUNTER_DESCRIPTOR, *PPCW_COUNTER_DESCRIPTOR;

typedef struct _PCW_DATA {
    const VOID *Data;
    ULONG Size;
} PCW_DATA, *PPCW_DATA;

typedef struct _PCW_COUNTER_INFORMATION {
    ULONG64 CounterMask;
    PCUNICODE_STRING InstanceMask;
} PCW_COUNTER_INFORMATION, *PPCW_COUNTER_INFORMATION;

typedef struct _PCW_MASK_INFORMATION {
    ULONG64 CounterMask;
    PCUNICODE_STRING InstanceMask;
    ULONG InstanceId;
    BOOLEAN CollectMultiple;
    PPCW_BUFFER Buffer;
    PKEVENT CancelEvent;
} PCW_MASK_INFORMATION, *PPCW_MASK_INFORMATION;

typedef union _PCW_CALLBACK_INFORMATION {
    PCW_COUNTER_INFORMATION AddCounter;
    PCW_COUNTER_INFORMATION RemoveCounter;
    PCW_MASK_INFORMATION EnumerateInstances;
    PCW_MASK_INFORMATION CollectData;
} PCW_CALLBACK_INFORMATION, *PPCW_CALLBACK_INFORMATION;

typedef enum _PCW_CALLBACK_TYPE {
    PcwCallbackAddCounter = 0,
    PcwCallbackRemoveCounter,
    PcwCallbackEnumerateInstances,
    PcwCallbackCollectData
} PCW_CALLBACK_TYPE, *PPCW_CALLBACK_TYPE;

typedef NTSTATUS NTAPI PCW_CALLBACK(PCW_CALLBACK_TYPE Type, PPCW_CALLBACK_INFORMATION Info,
                                    PVOID Context);
typedef PCW_CALLBACK *PPCW_CALLBACK;

typedef enum _PCW_REGISTRATION_FLAGS {
    PcwRegistrationNone = 0x0,
    PcwRegistrationSiloNeutral = 0x1
} PCW_REGISTRATION_FLAGS;

typedef struct _PCW_REGISTRATION_INFORMATION {
    ULONG Version;
    PCUNICODE_STRING Name;
    ULONG CounterCount;
    PPCW_COUNTER_DESCRIPTOR Counters;
    PPCW_CALLBACK Callback;
    PVOID CallbackContext;
    PCW_REGISTRATION_FLAGS Flags; /* read only when Version >= PCW_VERSION_2 */
} PCW_REGISTRATION_INFORMATION, *PPCW_REGISTRATION_INFORMATION;

NTSYSAPI NTSTATUS NTAPI PcwRegister(PPCW_REGISTRATION *Registration,
                                    PPCW_REGISTRATION_INFORMATION Info);
NTSYSAPI VOID NTAPI PcwUnregister(PPCW_REGISTRATION Registration);
NTSYSAPI NTSTATUS NTAPI PcwCreateInstance(PPCW_INSTANCE *Instance, PPCW_REGISTRATION Registration,
                                          PCUNICODE_STRING Name, ULONG Count, PPCW_DATA Data);
NTSYSAPI VOID NTAPI PcwCloseInstance(PPCW_INSTANCE Instance);
NTSYSAPI NTSTATUS NTAPI PcwAddInstance(PPCW_BUFFER Buffer, PCUNICODE_STRING Name, ULONG Id,
                                       ULONG Count, PPCW_DATA Data);

C_ASSERT(sizeof(PCW_COUNTER_DESCRIPTOR) == 8);
C_ASSERT(sizeof(PCW_DATA) == 16);
C_ASSERT(sizeof(PCW_MASK_INFORMATION) == 40 && FIELD_OFFSET(PCW_MASK_INFORMATION, Buffer) == 24);
C_ASSERT(sizeof(PCW_REGISTRATION_INFORMATION) == 56);

#endif /* DRVHOST_WDM_PCW_H */
