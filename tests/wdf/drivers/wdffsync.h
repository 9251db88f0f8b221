/* wdffsync.h - control codes and records of the file-object synchronization test driver
 * (drivers/wdffsync.c; docs/wdf.md, "File objects"), built in modes (WDFFSYNC_MODE):
 *   0 wdffsync0: DriverEntry tries WdfDeviceCreate with file object configurations against the
 *                rules of WdfDeviceInitSetFileObjectConfig (IOCTL_FS_RULES: the statuses);
 *                its device \Device\WdfFsync0 has the defaults.
 *   1 wdffsync1: the device has WdfSynchronizationScopeDevice and WdfExecutionLevelPassive, its
 *                file objects inherit both.
 *   2 wdffsync2: the same device; its file objects' attributes say WdfSynchronizationScopeNone
 *                and WdfExecutionLevelPassive.
 *   3 wdffsync3: SpbDeviceInitConfig, then WdfDeviceInitSetFileObjectConfig (a misuse).
 *   4 wdffsync4: WdfDeviceInitSetFileObjectConfig, then SpbDeviceInitConfig (a misuse). */
#ifndef WDFFSYNC_H
#define WDFFSYNC_H

#define WDFFSYNC_CODE(n)                                                                           \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB40 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_FS_RULES WDFFSYNC_CODE(0) /* out: WDFFSYNC_RULES */
#define IOCTL_FS_SLOW  WDFFSYNC_CODE(1) /* busy 20 ms in EvtIoDeviceControl */
#define IOCTL_FS_STATS WDFFSYNC_CODE(2) /* out: WDFFSYNC_STATS */
#define IOCTL_FS_SEND  WDFFSYNC_CODE(3) /* a DPC sends a create to the device at DISPATCH_LEVEL */
#define IOCTL_FS_SENT  WDFFSYNC_CODE(4) /* out: WDFFSYNC_SENT */

/* WdfDeviceCreate's status per case (the device's attributes; the file objects'):
 *  0 defaults; none                      7 None + Passive; none
 *  1 Device + Dispatch; none             8 defaults; scope Device
 *  2 Device + Dispatch; None             9 defaults; scope Queue
 *  3 Device + Dispatch; Passive         10 defaults; level Dispatch
 *  4 Device + Dispatch; None + Passive  11 defaults; attributes with a wrong Size
 *  5 Device + Passive; none             12 Device + Dispatch; no file object config
 *  6 Queue + Dispatch; none             13 Device + Dispatch; none, WdfFileObjectNotRequired
 * 14 defaults; none, WDF_FILEOBJECT_CONFIG with a wrong Size
 * 15 defaults; none, FileObjectClass WdfFileObjectCanBeOptional alone */
#define WDFFSYNC_RULES_COUNT 16
typedef struct _WDFFSYNC_RULES {
    LONG Status[WDFFSYNC_RULES_COUNT];
} WDFFSYNC_RULES;

typedef struct _WDFFSYNC_STATS {
    ULONG MaxBusy;   /* most queue and file callbacks running at once */
    ULONG MaxIrql;   /* highest IRQL of a file callback */
    ULONG FileCalls; /* EvtDeviceFileCreate, EvtFileCleanup and EvtFileClose calls */
    ULONG IoCalls;   /* IOCTL_FS_SLOW calls */
} WDFFSYNC_STATS;

typedef struct _WDFFSYNC_SENT {
    LONG Done;        /* the create came back */
    LONG Status;      /* its status (EvtDeviceFileCreate completes it with ACCESS_DENIED) */
    LONG SendIrql;    /* the IRQL it was sent at */
    LONG CreateIrql;  /* the IRQL EvtDeviceFileCreate ran at (-1: it did not run) */
    LONG OtherThread; /* EvtDeviceFileCreate ran on another thread than the sender's */
} WDFFSYNC_SENT;

#endif
