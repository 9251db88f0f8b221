/*
 * potest.h - the power test driver's control interface (potest.c) and the log it writes: a
 * device stack per BUILD request (a PDO of its bus part, its function driver's FDO, which owns
 * the stack's power policy, and optionally an upper filter above it), each logging the power
 * IRPs it sees into the caller's struct potest_log.
 */
#ifndef POTEST_H
#define POTEST_H

#define POTEST_DEVICE L"\\Device\\PoTest"
#define POTEST_LINK   L"\\DosDevices\\PoTest"

#define IOCTL_POTEST_SET_LOG CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_POTEST_BUILD   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* BUILD flags */
#define POTEST_FILTER          0x01 /* an upper filter above the FDO */
#define POTEST_PAGABLE         0x02 /* DO_POWER_PAGABLE on every device of the stack */
#define POTEST_VETO_QUERY      0x04 /* the FDO fails system IRP_MN_QUERY_POWER (STATUS_DEVICE_BUSY) */
#define POTEST_HANG_SET        0x08 /* the FDO pends every IRP_MN_SET_POWER and never completes it */
#define POTEST_FILTER_COMPLETE 0x10 /* the filter completes every power IRP with `status` */
#define POTEST_PDO_FAIL_SET    0x20 /* the PDO fails system IRP_MN_SET_POWER (STATUS_UNSUCCESSFUL) */

struct potest_build_in {
    ULONG id;    /* the stack's number in the log */
    ULONG flags; /* POTEST_* */
    LONG status; /* POTEST_FILTER_COMPLETE's status */
};
struct potest_build_out {
    ULONG64 pdo, fdo, filter; /* device objects (filter 0 without one) */
};

/* One power IRP seen by one device, or one completion. */
enum potest_where {
    POTEST_AT_FILTER = 'F',    /* the filter's dispatch */
    POTEST_AT_FDO = 'D',       /* the FDO's dispatch */
    POTEST_AT_PDO = 'P',       /* the PDO's dispatch */
    POTEST_AT_SIRP_DONE = 'C', /* the FDO's IoCompletion of a system set-power IRP */
    POTEST_AT_DIRP_DONE = 'R', /* the FDO's PowerCompletion of the device IRP it requested */
};
struct potest_entry {
    ULONG stack;
    UCHAR where; /* enum potest_where */
    UCHAR minor;
    UCHAR type; /* Parameters.Power.Type (SystemPowerState 0, DevicePowerState 1) */
    UCHAR irql;
    ULONG state;    /* Parameters.Power.State (or WaitWake.PowerState) */
    ULONG action;   /* Parameters.Power.ShutdownType */
    ULONG context;  /* Parameters.Power.SystemPowerStateContext.ContextAsUlong */
    LONG status;    /* completions: IoStatus.Status */
    ULONG previous; /* FDO/PDO at device set-power: what PoSetPowerState returned */
};
#define POTEST_LOG_MAX 512
struct potest_log {
    volatile LONG n;
    struct potest_entry e[POTEST_LOG_MAX];
};

#endif
