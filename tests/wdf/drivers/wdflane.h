/* wdflane.h - control codes and records of wdflane.sys, the framework test driver of the
 * request path of a parallel queue that presents every request at once (tests/wdf/
 * test_wdf_lanes.c): requests the driver holds while their queue is folded, stopped, purged or
 * deleted, completed twice, cancelled, forwarded into it, and request objects that must look new
 * each time. */
#ifndef WDFLANE_H
#define WDFLANE_H

#define WDFLANE_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB40 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Reads and writes go to the lane queue: parallel, no limit on presented requests, not
 * power-managed, no synchronization scope. A read's ByteOffset says what EvtIoRead does: */
#define LANE_READ_COMPLETE          0 /* completes it: information = its length */
#define LANE_READ_HOLD              1 /* keeps it, cancelable (WdfRequestMarkCancelableEx) */
#define LANE_READ_HOLD_UNCANCELABLE 2 /* keeps it, not cancelable */
#define LANE_READ_INFO              3 /* WdfRequestSetInformation(0x77), then completes it */
/* allocates a second context on the request (WdfObjectAllocateContext, type LANE_ECHO_REQUEST,
 * its EvtCleanupCallback counting LANE_COUNTS.ExtraCleanups), then completes it */
#define LANE_READ_EXTRA_CONTEXT 4
/* Every read and write also checks that its request looks new (LANE_COUNTS.Stale): information
 * 0, WdfRequestGetIoQueue the lane queue, not cancelled, its context zero (the device's
 * request attributes), no completion parameters. Writes arrive at a second parallel queue
 * (at most 8 presented: not the lane queue's kind), whose EvtIoWrite forwards them to the lane
 * queue; its EvtIoWrite completes them with information = their length + LANE_WRITE_BIAS. */
#define LANE_WRITE_BIAS 500
#define LANE_MAX_HELD   8

/* Control codes (the default queue: parallel, at most 16 presented). */
/* In: ULONG slot. Completes the slot's held request with STATUS_SUCCESS, information 0x55 +
 * slot (its WdfRequestUnmarkCancelable first when cancelable; STATUS_CANCELLED from it: the
 * slot is left to EvtRequestCancel). This request's status: the unmark's, else success. */
#define IOCTL_LANE_COMPLETE WDFLANE_CODE(0)
/* In: ULONG slot. WdfObjectReference, WdfRequestComplete twice: the second is 0x10D. */
#define IOCTL_LANE_COMPLETE_TWICE WDFLANE_CODE(1)
/* Out: LANE_STATE of the lane queue (WdfIoQueueGetState). */
#define IOCTL_LANE_STATE WDFLANE_CODE(2)
/* WdfIoQueueStop / WdfIoQueuePurge / WdfIoQueueStart on the lane queue (the stop and the
 * purge with a notification, counted in LANE_COUNTS). */
#define IOCTL_LANE_STOP  WDFLANE_CODE(3)
#define IOCTL_LANE_PURGE WDFLANE_CODE(4)
#define IOCTL_LANE_START WDFLANE_CODE(5)
/* WdfObjectDelete of the lane queue (with a request held: 0x10D). */
#define IOCTL_LANE_DELETE WDFLANE_CODE(6)
/* Out: LANE_COUNTS. */
#define IOCTL_LANE_COUNTS WDFLANE_CODE(7)

/* Output = input; information the input length. The echo device, \Device\WdfLaneEcho, answers
 * it too; its requests have a context of another type (of the same size) and other cleanup and
 * destroy callbacks (its request attributes). */
#define IOCTL_LANE_ECHO WDFLANE_CODE(8)
/* The driver takes its output buffer, formats the request for IOCTL_LANE_ECHO to its own
 * device (an I/O target opened by name; the request's own memory objects), then fills the
 * output buffer with LANE_FILL and completes the request without sending it: information the
 * output length. */
#define IOCTL_LANE_FORMAT_COMPLETE WDFLANE_CODE(9)
#define LANE_FILL                  0x5A
/* The same format, sent synchronously: completed with the target's status and information
 * (the echo's). */
#define IOCTL_LANE_FORMAT_SEND WDFLANE_CODE(10)

/* In: ULONG slot (a request held uncancelable). WdfObjectReference on it, WdfRequestComplete,
 * then WdfRequestForwardToIoQueue of it (to the write queue), WdfObjectDereference: this
 * request's status is the forward's. */
#define IOCTL_LANE_FORWARD_COMPLETED WDFLANE_CODE(11)

/* Internal device controls go to the forward-progress queue (parallel, at most 8 presented, a
 * WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest policy of 2 whose
 * EvtIoAllocateRequestResources runs for each arriving request); its EvtIoInternalDeviceControl
 * completes them with STATUS_SUCCESS. After IOCTL_LANE_FP_BLOCK the next arrival's
 * EvtIoAllocateRequestResources waits until IOCTL_LANE_FP_GO, then queries its queue's state
 * (WdfIoQueueGetState on the handle it was given) and lets the request go on. */
#define IOCTL_LANE_FP_BLOCK WDFLANE_CODE(12)
/* Returns once the blocked arrival is in EvtIoAllocateRequestResources. */
#define IOCTL_LANE_FP_WAIT WDFLANE_CODE(13)
#define IOCTL_LANE_FP_GO   WDFLANE_CODE(14)
/* WdfObjectDelete of the forward-progress queue. */
#define IOCTL_LANE_FP_DELETE WDFLANE_CODE(15)

/* In: ULONG slot. WdfRequestUnmarkCancelable on the slot's held request, which stays held
 * (uncancelable from then on when the unmark succeeds): this request's status is the
 * unmark's. */
#define IOCTL_LANE_UNMARK WDFLANE_CODE(16)
/* The park queue: a manual queue nothing dispatches to. IOCTL_LANE_PARK: the driver creates a
 * memory object (its EvtDestroyCallback counted: LANE_COUNTS.ParkMemoryDestroys) and formats
 * the request for IOCTL_LANE_ECHO (METHOD_BUFFERED) to its echo device with that memory as
 * input and the request's output memory as output, deletes its memory object (the format's
 * reference keeps it) and forwards the request to the park queue, where it waits: pending
 * (the forward's failure: the request completed with its status). */
#define IOCTL_LANE_PARK WDFLANE_CODE(17)
/* WdfRequestUnmarkCancelable on the last parked request (in the park queue, not the
 * driver's): this request's status is the unmark's. */
#define IOCTL_LANE_PARK_UNMARK WDFLANE_CODE(18)
/* WdfIoQueuePurgeSynchronously of the park queue, then WdfIoQueueStart. */
#define IOCTL_LANE_PARK_PURGE WDFLANE_CODE(19)
/* WdfObjectDelete of the park queue, then a new park queue. */
#define IOCTL_LANE_PARK_DELETE WDFLANE_CODE(20)

typedef struct _LANE_STATE {
    ULONG State; /* WDF_IO_QUEUE_STATE */
    ULONG Queued;
    ULONG Driver;
} LANE_STATE;

typedef struct _LANE_COUNTS {
    ULONG Held;          /* requests in the held slots now */
    ULONG Cancels;       /* EvtRequestCancel calls (each completes its request, STATUS_CANCELLED) */
    ULONG Stopped;       /* the stop notifications */
    ULONG Purged;        /* the purge notifications */
    ULONG Stale;         /* requests that did not look new (see above) */
    ULONG Forwarded;     /* writes forwarded to the lane queue */
    ULONG ForwardFailed; /* WdfRequestForwardToIoQueue failures */
    ULONG Cleanups;      /* the request attributes' EvtCleanupCallback calls */
    ULONG Destroys;      /* their EvtDestroyCallback calls */
    ULONG EchoRequests;  /* requests the echo device's queue got */
    ULONG EchoStale;     /* of them, those without their own zeroed context (LANE_ECHO_REQUEST) */
    ULONG EchoCleanups;  /* the echo device's request attributes' EvtCleanupCallback calls */
    ULONG EchoDestroys;  /* their EvtDestroyCallback calls */
    ULONG FpAllocated;   /* EvtIoAllocateRequestResources calls */
    ULONG ParkMemoryDestroys; /* EvtDestroyCallback calls of IOCTL_LANE_PARK's memory objects */
    ULONG ExtraCleanups;      /* the EvtCleanupCallback of LANE_READ_EXTRA_CONTEXT's contexts */
} LANE_COUNTS;

#endif
