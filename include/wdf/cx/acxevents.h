/*
 * acxevents.h - ACX events: KS events an ACX object raises (ACXEVENT, with enable/disable
 * callbacks) and PnP custom notifications (ACXPNPEVENT). Types are inferred from the
 * reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXEVENTS_H_
#define _ACXEVENTS_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_EVENT_CONFIG_FLAGS {
    AcxEventConfigNoFlags = 0x0000,
    AcxEventConfigValidFlags = 0x0000
} ACX_EVENT_CONFIG_FLAGS;

typedef enum _ACX_PNPEVENT_CONFIG_FLAGS {
    AcxPnpEventConfigNoFlags = 0x0000,
    AcxPnpEventConfigValidFlags = 0x0000
} ACX_PNPEVENT_CONFIG_FLAGS;

typedef NTSTATUS EVT_ACX_EVENT_ENABLE(ACXEVENT Event);
typedef EVT_ACX_EVENT_ENABLE *PFN_ACX_EVENT_ENABLE;
typedef VOID EVT_ACX_EVENT_DISABLE(ACXEVENT Event);
typedef EVT_ACX_EVENT_DISABLE *PFN_ACX_EVENT_DISABLE;

typedef struct _ACX_EVENT_CALLBACKS {
    ULONG Size;
    PFN_ACX_EVENT_ENABLE EvtAcxEventEnable;
    PFN_ACX_EVENT_DISABLE EvtAcxEventDisable;
    PFN_ACX_OBJECT_PROCESS_REQUEST EvtAcxEventProcessRequest;
} ACX_EVENT_CALLBACKS, *PACX_EVENT_CALLBACKS;

typedef struct _ACX_EVENT_CONFIG {
    ULONG Size;
    ULONG Flags;
    const GUID *Set;
    ULONG Id;
    ULONG Type;
    PACX_EVENT_CALLBACKS Callbacks;
} ACX_EVENT_CONFIG, *PACX_EVENT_CONFIG;

typedef struct _ACX_PNPEVENT_CONFIG {
    ULONG Size;
    ULONG Flags;
    const GUID *Event;
} ACX_PNPEVENT_CONFIG, *PACX_PNPEVENT_CONFIG;

_ACX_SIZED_INIT(ACX_EVENT_CALLBACKS, Callbacks)

_ACX_SIZED_INIT(ACX_EVENT_CONFIG, Config)

_ACX_SIZED_INIT(ACX_PNPEVENT_CONFIG, Config)

NTSTATUS AcxEventCreate(ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                        PACX_EVENT_CONFIG Config, ACXEVENT *Event) DRVHOST_NOT_PROVIDED;
VOID AcxEventAddEventData(ACXEVENT Event, ACXEVENTDATA EventData) DRVHOST_NOT_PROVIDED;
VOID AcxEventGenerateEvent(ACXEVENT Event) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPnpEventCreate(WDFDEVICE Device, ACXOBJECT Object, PWDF_OBJECT_ATTRIBUTES Attributes,
                           PACX_PNPEVENT_CONFIG Config, ACXPNPEVENT *Event) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxPnpEventGenerateEvent(ACXPNPEVENT Event, PVOID Payload,
                                  USHORT Size) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXEVENTS_H_ */
