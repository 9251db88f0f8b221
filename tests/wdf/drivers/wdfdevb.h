/* wdfdevb.h - control codes and records of the framework test driver wdfdevb.sys: the self I/O
 * target (KMDF 1.15), the DEVICEMAP and persistent state registry keys, and the reserved and
 * internal routines (tests/wdf/test_wdf_devb.c). */
#ifndef WDFDEVB_H
#define WDFDEVB_H

#define WDFDEVB_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xDB0 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_DEVB_INFO        WDFDEVB_CODE(0)  /* out: WDFDEVB_INFO */
#define IOCTL_DEVB_ECHO        WDFDEVB_CODE(1)  /* in: ULONG; out: WDFDEVB_ECHO */
#define IOCTL_DEVB_SELF_SYNC   WDFDEVB_CODE(2)  /* in: ULONG; out: WDFDEVB_SENT (synchronous) */
#define IOCTL_DEVB_SELF_ASYNC  WDFDEVB_CODE(3)  /* in: ULONG; out: WDFDEVB_SENT (WdfRequestSend) */
#define IOCTL_DEVB_ASSIGN      WDFDEVB_CODE(4)  /* out: NTSTATUS[2]: other device's queue, side */
#define IOCTL_DEVB_BAD_ASSIGN  WDFDEVB_CODE(5)  /* a remote target to SelfAssign: bug check */
#define IOCTL_DEVB_DEVICEMAP   WDFDEVB_CODE(6)  /* out: WDFDEVB_KEYS */
#define IOCTL_DEVB_PERSISTENT  WDFDEVB_CODE(7)  /* out: WDFDEVB_KEYS */
#define IOCTL_DEVB_RESERVED    WDFDEVB_CODE(8)  /* out: WDFDEVB_RESERVED */
#define IOCTL_DEVB_BAD_TRACING WDFDEVB_CODE(9)  /* a device to GetTracingHandle: bug check */
#define IOCTL_DEVB_API_MISSING WDFDEVB_CODE(10) /* WdfDriverErrorReportApiMissing: bug check */

/* The queues that answer IOCTL_DEVB_ECHO. */
#define WDFDEVB_DEFAULT_QUEUE 1
#define WDFDEVB_SIDE_QUEUE    2
/* IOCTL_DEVB_SELF_ASYNC's Echo.Queue when WdfRequestCreate failed (nothing was sent). */
#define WDFDEVB_NOT_CREATED 3

/* IOCTL_DEVB_API_MISSING's API index. */
#define WDFDEVB_MISSING_INDEX 42

typedef struct _WDFDEVB_INFO {
    ULONG HasSelf;          /* WdfDeviceGetSelfIoTarget of the device that allowed one */
    ULONG OtherHasNone;     /* ... of the device that did not: NULL */
    ULONG SelfDevice;       /* WdfIoTargetGetDevice(self) is the device */
    ULONG SelfDeviceObject; /* WdfIoTargetWdmGetTargetDeviceObject(self) is the device's */
    ULONG SelfStarted;      /* WdfIoTargetGetState(self) == WdfIoTargetStarted */
    ULONG NotDefault;       /* the self target is not the device's default target (NULL) */
} WDFDEVB_INFO;

typedef struct _WDFDEVB_ECHO {
    ULONG Queue;    /* WDFDEVB_DEFAULT_QUEUE or WDFDEVB_SIDE_QUEUE */
    ULONG Value;    /* the input */
    ULONG FromSelf; /* the request's IRP was not the client's (WdfRequestGetRequestorMode) */
    ULONG Reserved;
} WDFDEVB_ECHO;

typedef struct _WDFDEVB_SENT {
    NTSTATUS Status;   /* the send's (or the completion's) status */
    ULONG Bytes;       /* bytes returned */
    WDFDEVB_ECHO Echo; /* what the queue that got it answered */
} WDFDEVB_SENT;

typedef struct _WDFDEVB_KEYS {
    NTSTATUS Open;       /* at PASSIVE_LEVEL */
    NTSTATUS Assign;     /* WdfRegistryAssignULong "Value" */
    NTSTATUS Child;      /* a non-volatile subkey (WdfRegistryCreateKey) */
    NTSTATUS AtDispatch; /* the open at DISPATCH_LEVEL */
    NTSTATUS Again;      /* the open again, then WdfRegistryQueryULong "Value" */
    ULONG Value;         /* what that query read */
} WDFDEVB_KEYS;

#define WDFDEVB_KEY_VALUE 0x5EB0

typedef struct _WDFDEVB_RESERVED {
    NTSTATUS ObjectQuery;
    NTSTATUS RegisterTraceInfo;
    ULONG QueryBufferUntouched; /* WdfObjectQuery wrote nothing */
} WDFDEVB_RESERVED;

/* ---- guaranteed forward progress ---- */
#define IOCTL_DEVB_FP_INFO   WDFDEVB_CODE(11) /* out: WDFDEVB_FP */
#define IOCTL_DEVB_FP_FAIL   WDFDEVB_CODE(12) /* the next EvtIoAllocateRequestResources fails */
#define IOCTL_DEVB_FP_DELETE WDFDEVB_CODE(13) /* deletes the checks' queue; out: WDFDEVB_FP */

/* How the write and read queues complete (Information): the reserved request's number (1..N,
 * in EvtIoAllocateResourcesForReservedRequest's order; 0: not one of them), and flags. */
#define WDFDEVB_FP_RESERVED  0x100 /* WdfRequestIsReserved */
#define WDFDEVB_FP_MARKER_OK 0x200 /* the context the reserved callback wrote is there */
#define WDFDEVB_FP_WRITES    2     /* the write queue's TotalForwardProgressRequests */
#define WDFDEVB_FP_CHECKS    3     /* the checks' queue's */

typedef struct _WDFDEVB_FP {
    ULONG ReserveCalls;  /* EvtIoAllocateResourcesForReservedRequest (write queue) */
    ULONG AllocateCalls; /* EvtIoAllocateRequestResources (write queue) */
    ULONG ExamineCalls;  /* EvtIoWdmIrpForForwardProgress (read queue) */
    ULONG ExamineMajor;  /* the IRP's major function there */
    NTSTATUS BadSize;    /* Size 4 */
    NTSTATUS NoRequests; /* TotalForwardProgressRequests 0 */
    NTSTATUS Refused;    /* EvtIoAllocateResourcesForReservedRequest failing the 2nd time */
    NTSTATUS Again;      /* the same queue, then with a callback that succeeds */
    NTSTATUS Second;     /* a second policy for that queue */
    ULONG CheckReserveCalls;
    ULONG ReservedCleanups; /* EvtCleanupCallback of the checks' queue's reserved requests */
    ULONG InitsOk;          /* the three _INIT functions set what their pages say */
    NTSTATUS PagingIo;      /* the device controls' queue gets the PagingIO policy */
} WDFDEVB_FP;

#endif
