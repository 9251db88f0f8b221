/* wdfq2.h - control codes and records of the second framework queue test driver (wdfq2.sys):
 * create requests in a queue of their own, WdfIoQueueStopAndPurge, IRPs dispatched to a queue
 * from EvtDeviceWdmIrpPreprocess, EvtIoQueueState outside the queue's lock, the framework's
 * version (tests/wdf/test_wdf_queue2.c). */
#ifndef WDFQ2_H
#define WDFQ2_H

#define WDFQ2_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_Q2_CREATE_INFO WDFQ2_CODE(0) /* out: WDFQ2_CREATE_INFO of the last create */
#define IOCTL_Q2_WHOAMI      WDFQ2_CODE(1) /* out: ULONG, the file object context's Id */
#define IOCTL_Q2_CHECKS      WDFQ2_CODE(2) /* out: WDFQ2_CHECKS (DriverEntry's checks) */
#define IOCTL_Q2_PARK        WDFQ2_CODE(3) /* forwarded to the manual queue */
#define IOCTL_Q2_RETRIEVE_HOLD                                                                     \
    WDFQ2_CODE(4)                              /* retrieve the next parked one, hold it; in: ULONG \
                                                   1 = mark it cancelable */
#define IOCTL_Q2_STOP_PURGE      WDFQ2_CODE(5) /* WdfIoQueueStopAndPurge(manual queue) */
#define IOCTL_Q2_STOP_PURGE_SYNC WDFQ2_CODE(6) /* ...Synchronously */
#define IOCTL_Q2_START           WDFQ2_CODE(7) /* WdfIoQueueStart(manual queue) */
#define IOCTL_Q2_RETRIEVE                                                                          \
    WDFQ2_CODE(8)                       /* retrieve the next parked one and complete it;           \
                                            this request's status is the retrieve's */
#define IOCTL_Q2_RELEASE WDFQ2_CODE(9)  /* complete the held one with success */
#define IOCTL_Q2_PURGE   WDFQ2_CODE(10) /* WdfIoQueuePurge(manual queue) */
#define IOCTL_Q2_DRAIN   WDFQ2_CODE(11) /* WdfIoQueueDrain(manual queue) */
#define IOCTL_Q2_STATE   WDFQ2_CODE(12) /* out: ULONG[3]: state, queued, driver-owned */
#define IOCTL_Q2_LOG     WDFQ2_CODE(13) /* out: WDFQ2_LOG (and clears it) */
#define IOCTL_Q2_SIDE    WDFQ2_CODE(14) /* preprocess: to the side queue, no flags */
#define IOCTL_Q2_SIDE_CALLER                                                                       \
    WDFQ2_CODE(15)                            /* preprocess: to the side queue through             \
                                                  EvtIoInCallerContext */
#define IOCTL_Q2_SIDE_BADFLAGS WDFQ2_CODE(16) /* preprocess: undefined flags */
#define IOCTL_Q2_LOCKED_STOP                                                                       \
    WDFQ2_CODE(17) /* forwarded to the serialised queue, which stops                               \
                       itself and completes the request */
#define IOCTL_Q2_LOCKED_WAIT                                                                       \
    WDFQ2_CODE(18)                           /* waits (5 s at most) for the serialised queue's     \
                                                 stop notification; out: ULONG 1 once it took      \
                                                 the queue's lock there, 0 if it did not run */
#define IOCTL_Q2_LOCKED_START WDFQ2_CODE(19) /* restarts the serialised queue */
#define IOCTL_Q2_VERSION      WDFQ2_CODE(20) /* out: WCHAR[128], WdfDriverRetrieveVersionString */
/* Completed in EvtIoInCallerContext with STATUS_DEVICE_BUSY: never presented by a queue. */
#define IOCTL_Q2_CALLER_BUSY WDFQ2_CODE(21)

typedef struct _WDFQ2_CREATE_INFO {
    ULONG Count;      /* creates the create queue's EvtIoDefault saw */
    ULONG DefaultSaw; /* creates the default queue's EvtIoDefault saw (never, Microsoft) */
    ULONG Type;       /* WDF_REQUEST_PARAMETERS of the last */
    ULONG Options;
    ULONG FileAttributes;
    ULONG ShareAccess;
    ULONG EaLength;
    ULONG DesiredAccess;  /* SecurityContext->DesiredAccess */
    ULONG ContextWasZero; /* the request context was zeroed */
    ULONG HasFileObject;  /* WdfRequestGetFileObject gave the file object */
    ULONG QueueIsCreateQueue;
    ULONG BufferStatus; /* WdfRequestRetrieveInputBuffer's status */
} WDFQ2_CREATE_INFO;

/* Bits of DriverEntry's checks (all set when each held). */
#define WDFQ2_CHECK_DEFAULT_QUEUE_REFUSED 0x001 /* Create to the default queue */
#define WDFQ2_CHECK_NO_DEFAULT_REFUSED    0x002 /* Create to a queue without EvtIoDefault */
#define WDFQ2_CHECK_CREATE_CONFIGURED     0x004
#define WDFQ2_CHECK_SECOND_BUSY           0x008  /* a second create queue: STATUS_WDF_BUSY */
#define WDFQ2_CHECK_VERSION_133           0x010  /* IsVersionAvailable(1.33) */
#define WDFQ2_CHECK_VERSION_19            0x020  /* IsVersionAvailable(1.9) */
#define WDFQ2_CHECK_VERSION_134_NOT       0x040  /* not 1.34 */
#define WDFQ2_CHECK_VERSION_2_NOT         0x080  /* not 2.0 */
#define WDFQ2_CHECK_VERSION_BADSIZE_NOT   0x100  /* a wrong Size: FALSE */
#define WDFQ2_CHECK_VERSION_STRING        0x200  /* RetrieveVersionString succeeded, not empty */
#define WDFQ2_CHECK_CHARACTERISTICS       0x400  /* WdfDeviceSet/GetCharacteristics */
#define WDFQ2_CHECK_ALIGNMENT             0x800  /* WdfDeviceSet/GetAlignmentRequirement */
#define WDFQ2_CHECK_DEVICE_NAME           0x1000 /* WdfDeviceRetrieveDeviceName */
#define WDFQ2_CHECK_NOT_RESERVED          0x2000 /* WdfRequestIsReserved: FALSE */
#define WDFQ2_CHECK_ALL                   0x3FFF

typedef struct _WDFQ2_CHECKS {
    ULONG Bits;
    ULONG FirstFailedLine;
} WDFQ2_CHECKS;

/* Log events. */
#define WDFQ2_EV_CANCEL      1 /* EvtRequestCancel of the held request */
#define WDFQ2_EV_STOP_PURGED 2 /* the stop-and-purge notification */
#define WDFQ2_EV_PURGED      3 /* the purge notification */
#define WDFQ2_EV_DRAINED     4
#define WDFQ2_EV_SIDE        5 /* the side queue's EvtIoDeviceControl; value: context marker */
#define WDFQ2_EV_IN_CALLER   6 /* EvtIoInCallerContext */
#define WDFQ2_EV_CLEANUP     7 /* EvtFileCleanup; value: file Id */
#define WDFQ2_EV_CLOSE       8 /* EvtFileClose; value: file Id */
#define WDFQ2_EV_FILE_GONE   9 /* the file object's EvtCleanupCallback; value: file Id */

typedef struct _WDFQ2_LOG {
    ULONG Count;
    ULONG Events[32];
    ULONG Values[32];
} WDFQ2_LOG;

#define WDFQ2_MARKER 0xC0FFEE

#endif
