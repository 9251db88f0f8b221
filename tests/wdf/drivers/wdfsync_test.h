/* wdfsync_test.h - control codes and records of the framework synchronization test driver
 * (drivers/wdfsync.c), built in four modes (WDFSYNC_MODE):
 *   0 wdfsync0: no synchronization scope (the driver's default, None), \Device\WdfSync0
 *   1 wdfsync1: the device has SynchronizationScopeDevice (dispatch level)
 *   2 wdfsync2: the default queue and a second queue each have SynchronizationScopeQueue
 *   3 wdfsync3: the device has SynchronizationScopeDevice and WdfExecutionLevelPassive
 *   4 wdfsync4: the device has WdfExecutionLevelPassive only */
#ifndef WDFSYNC_TEST_H
#define WDFSYNC_TEST_H

#define WDFSYNC_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_S_SLOW   WDFSYNC_CODE(0) /* busy for 30 ms in EvtIoDeviceControl */
#define IOCTL_S_STATS  WDFSYNC_CODE(1) /* out: WDFSYNC_STATS */
#define IOCTL_S_RUN    WDFSYNC_CODE(2) /* in: ULONG WDFSYNC_RUN_*; out: WDFSYNC_RESULT */
#define IOCTL_S_MISUSE WDFSYNC_CODE(3) /* in: ULONG WDFSYNC_MISUSE_*: a bug check */

typedef struct _WDFSYNC_STATS {
    ULONG MaxBusy; /* most EvtIoDeviceControl calls running at once */
    ULONG MaxIrql; /* highest IRQL EvtIoDeviceControl ran at */
    ULONG Calls;
} WDFSYNC_STATS;

typedef struct _WDFSYNC_RESULT {
    LONG Values[8]; /* per scenario, below */
} WDFSYNC_RESULT;

#define WDFSYNC_RUN_TIMER_ONESHOT     1
#define WDFSYNC_RUN_TIMER_PERIODIC    2
#define WDFSYNC_RUN_TIMER_STOP_WAIT   3
#define WDFSYNC_RUN_TIMER_PASSIVE     4
#define WDFSYNC_RUN_CREATE_ERRORS     5
#define WDFSYNC_RUN_SERIALIZATION     6
#define WDFSYNC_RUN_DELETE_PARENT     7
#define WDFSYNC_RUN_WORKITEM          8
#define WDFSYNC_RUN_DPC               9
#define WDFSYNC_RUN_SPINLOCK          10
#define WDFSYNC_RUN_WAITLOCK          11
#define WDFSYNC_RUN_OBJECT_LOCK       12
#define WDFSYNC_RUN_TIMER_IN_IO       13
#define WDFSYNC_RUN_TIMER_FIRED       14
#define WDFSYNC_RUN_OTHER_QUEUE_LOCK  15
#define WDFSYNC_RUN_WORKITEM_QUEUED   16
#define WDFSYNC_RUN_WORKITEM_COUNT    17
#define WDFSYNC_RUN_DELETE_UNDER_LOCK 18
#define WDFSYNC_RUN_UNDER_LOCK_CALLS  19

#define WDFSYNC_MISUSE_SPIN_RELEASE_UNHELD   1
#define WDFSYNC_MISUSE_SPIN_RECURSIVE        2
#define WDFSYNC_MISUSE_SPIN_ABOVE_DISPATCH   3
#define WDFSYNC_MISUSE_OBJLOCK_NO_LOCK       4
#define WDFSYNC_MISUSE_OBJLOCK_RELEASE       5
#define WDFSYNC_MISUSE_OBJLOCK_RECURSIVE     6
#define WDFSYNC_MISUSE_TIMER_STOP_IN_PASSIVE 7
#define WDFSYNC_MISUSE_TIMER_STOP_IN_DPC     8
#define WDFSYNC_MISUSE_WORKITEM_FLUSH_SELF   9
#define WDFSYNC_MISUSE_WAITLOCK_AT_DISPATCH  10
#define WDFSYNC_MISUSE_OBJLOCK_IN_DPC        11 /* mode 2: a DPC of the other queue */

#endif
