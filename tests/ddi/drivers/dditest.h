/* dditest.h - control codes of dditest.sys (\Device\DdiTest, \??\DdiTest). */
#ifndef DDITEST_H
#define DDITEST_H

#define DDITEST_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Runs the checks of one area in the driver; STATUS_SUCCESS, or DDITEST_FAILED(line) naming
 * the first failing check of drivers/dditest.c. */
#define IOCTL_D_SYSTEM_ROUTINES DDITEST_CODE(0)
#define IOCTL_D_ERRLOG_LIMITS   DDITEST_CODE(1)
/* Writes one error log entry (device object, ErrorCode 0xC0040001, FinalStatus
 * STATUS_DEVICE_NOT_READY, UniqueErrorValue 0x1234, dump data 0xAABBCCDD 0x11223344, one
 * insertion string "disk0"). */
#define IOCTL_D_ERRLOG_WRITE DDITEST_CODE(2)
#define IOCTL_D_ERRLOG_TWICE DDITEST_CODE(3) /* writes one entry twice: bug check 0xC4 */
#define IOCTL_D_ERRLOG_HIGH  DDITEST_CODE(4) /* allocates at HIGH_LEVEL: bug check 0xA */
/* WMI: input ULONG action for IoWMIRegistrationControl; output DDITEST_WMI_CONTROL. */
#define IOCTL_D_WMI_CONTROL DDITEST_CODE(5)
/* Waits until WMI sent at least DDITEST_WMI_WAIT.Count IRP_MJ_SYSTEM_CONTROL requests in all
 * (or TimeoutMs passed: STATUS_IO_TIMEOUT); output DDITEST_WMI_RECORD. */
#define IOCTL_D_WMI_WAIT DDITEST_CODE(6)
/* Input ULONG: how IRP_MJ_SYSTEM_CONTROL is answered from now on (DDITEST_WMI_*). */
#define IOCTL_D_WMI_MODE      DDITEST_CODE(7)
#define IOCTL_D_MISC          DDITEST_CODE(8)
#define IOCTL_D_ERRLOG_FORGET DDITEST_CODE(9) /* allocates an entry and forgets it */

#define DDITEST_WMI_OK         0 /* REGINFO(_EX): success, Information = 8 */
#define DDITEST_WMI_REJECT_EX  1 /* REGINFO_EX: STATUS_INVALID_DEVICE_REQUEST; REGINFO: ok */
#define DDITEST_WMI_TOO_SMALL  2 /* first request: STATUS_BUFFER_TOO_SMALL asking 8192 bytes */
#define DDITEST_WMI_SLOW       3 /* each request takes 300 ms */
#define DDITEST_WMI_SELF_DEREG 4 /* the request deregisters the device from within */

#define DDITEST_FAILED(line) ((NTSTATUS)(0xE0000000u | (ULONG)(line)))

typedef struct _DDITEST_WMI_WAIT {
    ULONG Count;
    ULONG TimeoutMs;
} DDITEST_WMI_WAIT;

typedef struct _DDITEST_WMI_CONTROL {
    LONG Status;      /* of IoWMIRegistrationControl */
    LONG InsideAfter; /* a WMI request was still in the driver when it returned */
} DDITEST_WMI_CONTROL;

#define DDITEST_WMI_HISTORY 8
typedef struct _DDITEST_WMI_RECORD {
    ULONG Count;           /* IRP_MJ_SYSTEM_CONTROL requests seen so far */
    ULONG AllFromProvider; /* every ProviderId was the device object */
    ULONG MaxIrql;         /* the highest IRQL they arrived at */
    LONG SelfStatus;       /* DDITEST_WMI_SELF_DEREG: IoWMIRegistrationControl's status */
    UCHAR Minor[DDITEST_WMI_HISTORY]; /* of the first requests */
    ULONG_PTR DataPath[DDITEST_WMI_HISTORY];
    ULONG BufferSize[DDITEST_WMI_HISTORY];
} DDITEST_WMI_RECORD;

#endif
