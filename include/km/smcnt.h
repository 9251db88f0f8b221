/*
 * smcnt.h - the operating-system part of the smart card driver library's extension:
 * OS_DEP_DATA, which a reader driver allocates and points SMARTCARD_EXTENSION.OsData at (the
 * library uses its spin lock, notification IRP and remove lock). Members as documented
 * (wdk-ddi-src/content/smcnt/); pinned by tests/headers (smc_layout.c). The DEBUG_INTERFACE
 * member (DebugDeviceObject) is not declared: no documented build defines DEBUG_INTERFACE.
 */
#ifndef _SMCNT_
#define _SMCNT_

#include <wdm.h>

typedef struct _OS_DEP_DATA {
    PDEVICE_OBJECT DeviceObject;
    PIRP CurrentIrp;      /* the request being processed */
    PIRP NotificationIrp; /* the pending IOCTL_SMARTCARD_IS_PRESENT/IS_ABSENT */
    KMUTANT Mutex;
    KSPIN_LOCK SpinLock; /* guards CurrentState, the ATR and NotificationIrp */
    struct {
        BOOLEAN Removed;
        LONG RefCount;
        KEVENT RemoveEvent;
        LIST_ENTRY TagList;
    } RemoveLock;
} OS_DEP_DATA, *POS_DEP_DATA;

#endif /* _SMCNT_ */
