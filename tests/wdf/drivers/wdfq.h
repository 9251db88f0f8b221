/* wdfq.h - control codes and records of the framework queue test driver (wdfq.sys): a control
 * device whose parallel default queue takes the control codes and parks requests in a manual
 * queue, or holds them cancelable in the driver. */
#ifndef WDFQ_H
#define WDFQ_H

#define WDFQ_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_Q_PARK                                                                               \
    WDFQ_CODE(0) /* forwarded to the manual queue; completed when retrieved                        \
                    with information = its first input byte */
#define IOCTL_Q_RETRIEVE                                                                           \
    WDFQ_CODE(1) /* RetrieveNextRequest on the manual queue, completes what                        \
                    it got; this request's status is the retrieve's */
#define IOCTL_Q_STATE                                                                              \
    WDFQ_CODE(2) /* out: WDFQ_STATE of the manual queue (in: ULONG 1: of the default queue) */
#define IOCTL_Q_STOP  WDFQ_CODE(3) /* WdfIoQueueStop with a notification */
#define IOCTL_Q_START WDFQ_CODE(4)
#define IOCTL_Q_PURGE WDFQ_CODE(5) /* WdfIoQueuePurge with a notification */
#define IOCTL_Q_DRAIN WDFQ_CODE(6) /* WdfIoQueueDrain with a notification */
#define IOCTL_Q_LOG   WDFQ_CODE(7) /* out: WDFQ_LOG (and clears it) */
#define IOCTL_Q_HOLD                                                                               \
    WDFQ_CODE(8) /* kept by the driver, MarkCancelableEx; in: ULONG 1 = the                        \
                    form without Ex */
#define IOCTL_Q_RELEASE                                                                            \
    WDFQ_CODE(9)                      /* UnmarkCancelable the held one, complete it with success   \
                                         if that succeeded; this request's status: Unmark's */
#define IOCTL_Q_REQUEUE WDFQ_CODE(10) /* retrieve the next, WdfRequestRequeue it: its status */
#define IOCTL_Q_FIND                                                                               \
    WDFQ_CODE(11) /* in: UCHAR tag; FindRequest for it, RetrieveFoundRequest,                      \
                     complete it; out: ULONG number of requests looked at */
#define IOCTL_Q_MISUSE     WDFQ_CODE(12) /* in: ULONG WDFQ_MISUSE_ */
#define IOCTL_Q_CHECKS     WDFQ_CODE(13) /* status checks; out: ULONG WDFQ_CHECK_ bits */
#define IOCTL_Q_STOP_SYNC  WDFQ_CODE(14) /* WdfIoQueueStopSynchronously, then log it */
#define IOCTL_Q_PURGE_SYNC WDFQ_CODE(15) /* WdfIoQueuePurgeSynchronously, then log it */

#define IOCTL_Q_CONTEXT                                                                            \
    WDFQ_CODE(16) /* out: ULONG, the request context's Marker (set by                              \
                     EvtIoInCallerContext) */
#define IOCTL_Q_CALLER_COMPLETES                                                                   \
    WDFQ_CODE(17) /* EvtIoInCallerContext completes it:                                            \
                     STATUS_DEVICE_BUSY, never queued */
#define IOCTL_Q_MARK                                                                               \
    WDFQ_CODE(18) /* marks the held request (IOCTL_Q_HOLD with 2: not marked)                      \
                    cancelable; in: ULONG 1 = the form without Ex; this                            \
                    request's status: MarkCancelableEx's */
#define IOCTL_Q_FINISH                                                                             \
    WDFQ_CODE(19) /* completes the request whose EvtRequestCancel deferred                         \
                    (IOCTL_Q_HOLD with 3) with STATUS_CANCELLED */
#define IOCTL_Q_RETRIEVE_HOLD                                                                      \
    WDFQ_CODE(20) /* retrieves the next parked request and holds it,                               \
                    MarkCancelableEx */
#define WDFQ_CONTEXT_MARKER 0xC0FFEE

/* Writes go to a sequential queue of their own (WdfDeviceConfigureRequestDispatching); it
 * completes them with information = length + WDFQ_WRITE_BIAS. */
#define WDFQ_WRITE_BIAS 1000

#define WDFQ_MISUSE_COMPLETE_QUEUED   1 /* complete a request still in the manual queue */
#define WDFQ_MISUSE_STOP_ACK          2 /* WdfRequestStopAcknowledge without EvtIoStop */
#define WDFQ_MISUSE_DELETE_WITH_OWNED 3 /* retrieve one, delete the manual queue */

#define WDFQ_CHECK_REQUEUE_PARALLEL                                                                \
    0x01                                  /* Requeue on the parallel queue: INVALID_DEVICE_REQUEST \
                                           */
#define WDFQ_CHECK_FORWARD_SAME      0x02 /* Forward to its own queue: INVALID_DEVICE_REQUEST */
#define WDFQ_CHECK_RETRIEVE_PARALLEL 0x04 /* Retrieve on a parallel queue: INVALID_DEVICE_STATE */
#define WDFQ_CHECK_NOT_CANCELED      0x08 /* WdfRequestIsCanceled FALSE, GetRequestorMode UserMode */
#define WDFQ_CHECK_READY_NOTIFY                                                                    \
    0x10 /* ReadyNotify on a parallel queue: INVALID_DEVICE_REQUEST;                               \
            a second registration too */
#define WDFQ_CHECK_FORWARD_CANCELABLE                                                              \
    0x20                                /* Forward a cancelable request: INVALID_DEVICE_REQUEST */
#define WDFQ_CHECK_CONFIGURE_TWICE 0x40 /* ConfigureRequestDispatching(write) again: WDF_BUSY */
#define WDFQ_CHECK_CONFIGURE_TYPES 0x80 /* create to default queue, cleanup: INVALID_PARAMETER */
#define WDFQ_CHECK_ALL             0xFF

typedef struct _WDFQ_STATE {
    ULONG State; /* WDF_IO_QUEUE_STATE */
    ULONG Queued;
    ULONG Driver;
    ULONG Macros; /* WDFQ_IS_ bits */
} WDFQ_STATE;
#define WDFQ_IS_IDLE    0x01
#define WDFQ_IS_READY   0x02
#define WDFQ_IS_STOPPED 0x04
#define WDFQ_IS_DRAINED 0x08
#define WDFQ_IS_PURGED  0x10

#define IOCTL_Q_DRAIN_SYNC WDFQ_CODE(21) /* WdfIoQueueDrainSynchronously, then log it */
#define IOCTL_Q_BOOST                                                                              \
    WDFQ_CODE(22) /* WdfRequestSetInformation 7, WdfRequestCompleteWithPriorityBoost with          \
                     STATUS_DEVICE_BUSY and IO_SERIAL_INCREMENT */

/* METHOD_NEITHER: EvtIoInCallerContext probes and locks both user buffers
 * (WdfRequestProbeAndLockUserBufferForRead/ForWrite; a zero length first, expected
 * STATUS_INVALID_USER_BUFFER) and copies the input to the output: information the bytes. */
#define IOCTL_Q_LOCK_USER CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + 23, METHOD_NEITHER, FILE_ANY_ACCESS)
/* WdfRequestProbeAndLockUserBufferForRead outside EvtIoInCallerContext: its status. */
#define IOCTL_Q_LOCK_OUTSIDE WDFQ_CODE(24)

/* WdfIoQueueRetrieveRequestByFileObject with this request's file object: the next parked
 * request of the same handle, completed as IOCTL_Q_RETRIEVE does; its status. */
#define IOCTL_Q_RETRIEVE_MINE WDFQ_CODE(25)

/* METHOD_NEITHER: EvtIoInCallerContext probes and locks the input buffer into the request's
 * context and enqueues the request; the queue's EvtIoDeviceControl reads it through
 * WdfMemoryGetBuffer and completes it with information the size (STATUS_DATA_ERROR when the
 * bytes are not the input's first bytes, "lock"), keeping the WDFMEMORY handle for: */
#define IOCTL_Q_LOCK_QUEUED                                                                        \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + 26, METHOD_NEITHER, FILE_ANY_ACCESS)
/* WdfMemoryGetBuffer on IOCTL_Q_LOCK_QUEUED's memory handle, its request completed. */
#define IOCTL_Q_LOCK_STALE WDFQ_CODE(27)

/* Handled in EvtIoInCallerContext (never queued): WdfIoQueueStop (no notification) and
 * WdfIoQueueStart on the default queue (parallel, not power-managed: it keeps the lanes). */
#define IOCTL_Q_DEFAULT_STOP  WDFQ_CODE(28)
#define IOCTL_Q_DEFAULT_START WDFQ_CODE(29)

#define WDFQ_EV_STOPPED           1 /* the stop notification, context checked */
#define WDFQ_EV_PURGED            2
#define WDFQ_EV_DRAINED           3
#define WDFQ_EV_CANCELED_ON_QUEUE 4 /* EvtIoCanceledOnQueue (Value: the tag) */
#define WDFQ_EV_REQUEST_CANCEL    5 /* EvtRequestCancel of the held request */
#define WDFQ_EV_READY             6 /* the manual queue's ReadyNotify callback */
#define WDFQ_EV_RETRIEVED         7 /* IOCTL_Q_RETRIEVE completed a parked one (Value: the tag) */
#define WDFQ_EV_STOP_SYNC_DONE    8
#define WDFQ_EV_PURGE_SYNC_DONE   9
#define WDFQ_EV_DRAIN_SYNC_DONE   10
#define WDFQ_EV_BAD_CONTEXT       99

typedef struct _WDFQ_LOG {
    ULONG Count;
    ULONG Events[32];
    ULONG Values[32];
} WDFQ_LOG;

#endif
