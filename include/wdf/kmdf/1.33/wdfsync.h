/*
 * wdfsync.h - framework wait locks and spin locks (WdfObjectAcquireLock and WdfObjectReleaseLock
 * are in wdfobject.h).
 */
#ifndef _WDFSYNC_H_
#define _WDFSYNC_H_

typedef NTSTATUS (*PFN_WDFWAITLOCKCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES,
                                          WDFWAITLOCK *);
FORCEINLINE NTSTATUS WdfWaitLockCreate(PWDF_OBJECT_ATTRIBUTES LockAttributes, WDFWAITLOCK *Lock)
{
    return ((PFN_WDFWAITLOCKCREATE)WdfFunctions[WdfWaitLockCreateTableIndex])(WdfDriverGlobals,
                                                                              LockAttributes, Lock);
}

typedef NTSTATUS (*PFN_WDFWAITLOCKACQUIRE)(PWDF_DRIVER_GLOBALS, WDFWAITLOCK, PLONGLONG);
FORCEINLINE NTSTATUS WdfWaitLockAcquire(WDFWAITLOCK Lock, PLONGLONG Timeout)
{
    return ((PFN_WDFWAITLOCKACQUIRE)WdfFunctions[WdfWaitLockAcquireTableIndex])(WdfDriverGlobals,
                                                                                Lock, Timeout);
}

typedef VOID (*PFN_WDFWAITLOCKRELEASE)(PWDF_DRIVER_GLOBALS, WDFWAITLOCK);
FORCEINLINE VOID WdfWaitLockRelease(WDFWAITLOCK Lock)
{
    ((PFN_WDFWAITLOCKRELEASE)WdfFunctions[WdfWaitLockReleaseTableIndex])(WdfDriverGlobals, Lock);
}

typedef NTSTATUS (*PFN_WDFSPINLOCKCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES,
                                          WDFSPINLOCK *);
FORCEINLINE NTSTATUS WdfSpinLockCreate(PWDF_OBJECT_ATTRIBUTES SpinLockAttributes,
                                       WDFSPINLOCK *SpinLock)
{
    return ((PFN_WDFSPINLOCKCREATE)WdfFunctions[WdfSpinLockCreateTableIndex])(
        WdfDriverGlobals, SpinLockAttributes, SpinLock);
}

typedef VOID (*PFN_WDFSPINLOCKACQUIRE)(PWDF_DRIVER_GLOBALS, WDFSPINLOCK);
FORCEINLINE VOID WdfSpinLockAcquire(WDFSPINLOCK SpinLock)
{
    ((PFN_WDFSPINLOCKACQUIRE)WdfFunctions[WdfSpinLockAcquireTableIndex])(WdfDriverGlobals,
                                                                         SpinLock);
}

typedef VOID (*PFN_WDFSPINLOCKRELEASE)(PWDF_DRIVER_GLOBALS, WDFSPINLOCK);
FORCEINLINE VOID WdfSpinLockRelease(WDFSPINLOCK SpinLock)
{
    ((PFN_WDFSPINLOCKRELEASE)WdfFunctions[WdfSpinLockReleaseTableIndex])(WdfDriverGlobals,
                                                                         SpinLock);
}

#endif
