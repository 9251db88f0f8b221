/*
 * wdm_etw.h - the event tracing (ETW) provider routines of wdm.h: EtwRegister and its enable
 * callback, EtwUnregister, EtwEventEnabled, EtwProviderEnabled, EtwWrite, EtwWriteEx,
 * EtwWriteTransfer, EtwWriteString, EtwActivityIdControl, EtwSetInformation, and the
 * EVENT_DESCRIPTOR / EVENT_DATA_DESCRIPTOR helpers. Included by wdm.h.
 *
 * drvhost has no ETW sessions: a provider is enabled by drvhost's trace settings
 * (`drvhost run --trace GUID-or-name:LEVEL:KEYWORDS`), and its events are lines of the trace
 * output (docs/tracing.md, "ETW providers").
 */
#ifndef DRVHOST_WDM_ETW_H
#define DRVHOST_WDM_ETW_H

#include <ntdef.h>
#include <guiddef.h>
#include <string.h>

typedef ULONGLONG REGHANDLE, *PREGHANDLE;

#define MAX_EVENT_DATA_DESCRIPTORS 128
#define MAX_EVENT_FILTER_DATA_SIZE 1024
#define MAX_EVENT_FILTERS_COUNT    8

#define EVENT_DATA_DESCRIPTOR_TYPE_NONE               0
#define EVENT_DATA_DESCRIPTOR_TYPE_EVENT_METADATA     1
#define EVENT_DATA_DESCRIPTOR_TYPE_PROVIDER_METADATA  2
#define EVENT_DATA_DESCRIPTOR_TYPE_TIMESTAMP_OVERRIDE 3

typedef struct _EVENT_DATA_DESCRIPTOR {
    ULONGLONG Ptr; /* the data's address */
    ULONG Size;
    union {
        ULONG Reserved;
        struct {
            UCHAR Type; /* EVENT_DATA_DESCRIPTOR_TYPE_* (EventProviderUseDescriptorType) */
            UCHAR Reserved1;
            USHORT Reserved2;
        };
    };
} EVENT_DATA_DESCRIPTOR, *PEVENT_DATA_DESCRIPTOR;

typedef struct _EVENT_DESCRIPTOR {
    USHORT Id;
    UCHAR Version;
    UCHAR Channel;
    UCHAR Level;
    UCHAR Opcode;
    USHORT Task;
    ULONGLONG Keyword;
} EVENT_DESCRIPTOR, *PEVENT_DESCRIPTOR;
typedef const EVENT_DESCRIPTOR *PCEVENT_DESCRIPTOR;

typedef struct _EVENT_FILTER_DESCRIPTOR {
    ULONGLONG Ptr;
    ULONG Size;
    ULONG Type;
} EVENT_FILTER_DESCRIPTOR, *PEVENT_FILTER_DESCRIPTOR;

C_ASSERT(sizeof(EVENT_DATA_DESCRIPTOR) == 16);
C_ASSERT(sizeof(EVENT_DESCRIPTOR) == 16);
C_ASSERT(sizeof(EVENT_FILTER_DESCRIPTOR) == 16);

/* ControlCode of the enable callback. */
#define EVENT_CONTROL_CODE_DISABLE_PROVIDER 0
#define EVENT_CONTROL_CODE_ENABLE_PROVIDER  1
#define EVENT_CONTROL_CODE_CAPTURE_STATE    2

/* EtwActivityIdControl's ControlCode. */
#define EVENT_ACTIVITY_CTRL_GET_ID        1
#define EVENT_ACTIVITY_CTRL_SET_ID        2
#define EVENT_ACTIVITY_CTRL_CREATE_ID     3
#define EVENT_ACTIVITY_CTRL_GET_SET_ID    4
#define EVENT_ACTIVITY_CTRL_CREATE_SET_ID 5

typedef enum _EVENT_INFO_CLASS {
    EventProviderBinaryTrackInfo,
    EventProviderSetReserved1,
    EventProviderSetTraits,
    EventProviderUseDescriptorType,
    MaxEventInfo
} EVENT_INFO_CLASS;

typedef VOID NTAPI ETWENABLECALLBACK(LPCGUID SourceId, ULONG ControlCode, UCHAR Level,
                                     ULONGLONG MatchAnyKeyword, ULONGLONG MatchAllKeyword,
                                     PEVENT_FILTER_DESCRIPTOR FilterData, PVOID CallbackContext);
typedef ETWENABLECALLBACK *PETWENABLECALLBACK;

NTKERNELAPI NTSTATUS NTAPI EtwRegister(LPCGUID ProviderId, PETWENABLECALLBACK EnableCallback,
                                       PVOID CallbackContext, PREGHANDLE RegHandle);
NTKERNELAPI NTSTATUS NTAPI EtwUnregister(REGHANDLE RegHandle);
NTKERNELAPI BOOLEAN NTAPI EtwEventEnabled(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor);
NTKERNELAPI BOOLEAN NTAPI EtwProviderEnabled(REGHANDLE RegHandle, UCHAR Level, ULONGLONG Keyword);
NTKERNELAPI NTSTATUS NTAPI EtwWrite(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor,
                                    LPCGUID ActivityId, ULONG UserDataCount,
                                    PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteEx(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor,
                                      ULONG64 Filter, ULONG Flags, LPCGUID ActivityId,
                                      LPCGUID RelatedActivityId, ULONG UserDataCount,
                                      PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteTransfer(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor,
                                            LPCGUID ActivityId, LPCGUID RelatedActivityId,
                                            ULONG UserDataCount, PEVENT_DATA_DESCRIPTOR UserData);
NTKERNELAPI NTSTATUS NTAPI EtwWriteString(REGHANDLE RegHandle, UCHAR Level, ULONGLONG Keyword,
                                          LPCGUID ActivityId, PCWSTR String);
NTKERNELAPI NTSTATUS NTAPI EtwActivityIdControl(ULONG ControlCode, LPGUID ActivityId);
NTKERNELAPI NTSTATUS NTAPI EtwSetInformation(REGHANDLE RegHandle, EVENT_INFO_CLASS InformationClass,
                                             PVOID EventInformation, ULONG InformationLength);

FORCEINLINE VOID EventDataDescCreate(PEVENT_DATA_DESCRIPTOR EventDataDescriptor,
                                     const VOID *DataPtr, ULONG DataSize)
{
    EventDataDescriptor->Ptr = (ULONGLONG)(ULONG_PTR)DataPtr;
    EventDataDescriptor->Size = DataSize;
    EventDataDescriptor->Reserved = 0;
}

FORCEINLINE VOID EventDescCreate(PEVENT_DESCRIPTOR EventDescriptor, USHORT Id, UCHAR Version,
                                 UCHAR Channel, UCHAR Level, USHORT Task, UCHAR Opcode,
                                 ULONGLONG Keyword)
{
    EventDescriptor->Id = Id;
    EventDescriptor->Version = Version;
    EventDescriptor->Channel = Channel;
    EventDescriptor->Level = Level;
    EventDescriptor->Task = Task;
    EventDescriptor->Opcode = Opcode;
    EventDescriptor->Keyword = Keyword;
}

FORCEINLINE VOID EventDescZero(PEVENT_DESCRIPTOR EventDescriptor)
{
    memset(EventDescriptor, 0, sizeof(EVENT_DESCRIPTOR));
}

#endif
