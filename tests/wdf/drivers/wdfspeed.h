/* wdfspeed.h - control codes of wdfspeed.sys, the framework test driver of the object model's
 * fast paths (tests/wdf/test_wdf_speed.c): lock-free handle lookups in a growing table,
 * request objects reused from a per-thread cache, children of a request. */
#ifndef WDFSPEED_H
#define WDFSPEED_H

#define WDFSPEED_CODE(n)                                                                           \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Output = input; Information = the input length. */
#define IOCTL_S_COPY WDFSPEED_CODE(0)
/* The driver keeps the request's handle, then completes it (Information 0). */
#define IOCTL_S_KEEP WDFSPEED_CODE(1)
/* The driver calls WdfRequestGetInformation on the kept (completed) request's handle. */
#define IOCTL_S_USE_KEPT WDFSPEED_CODE(2)
/* In: ULONG count (at most WDFSPEED_MAX_OBJECTS). The driver creates count objects, checks
 * every handle (WdfObjectGetTypedContext finds the context it wrote), deletes every other
 * one and checks the rest again, then deletes them all. Out: ULONG, the failed checks. */
#define IOCTL_S_HANDLES WDFSPEED_CODE(3)
/* In: ULONG count. The same objects are created and all deleted, in creation order; then
 * WdfObjectReference on the first one's (deleted) handle. */
#define IOCTL_S_USE_DELETED WDFSPEED_CODE(4)
/* The driver creates an object whose parent is the request (with a cleanup callback that
 * counts), then completes the request: completing deletes the child. */
#define IOCTL_S_CHILD WDFSPEED_CODE(5)
/* Out: ULONG, the child cleanups counted so far. */
#define IOCTL_S_CHILD_CLEANUPS WDFSPEED_CODE(6)

/* Out: ULONG, the requests whose context (the device's request attributes) was not zero when
 * the driver got them. */
#define IOCTL_S_DIRTY_CONTEXTS WDFSPEED_CODE(7)
/* The create queue (creates reach its EvtIoDefault): deleted; its creates counted so far
 * (ULONG out). */
#define IOCTL_S_DELETE_CREATE_QUEUE WDFSPEED_CODE(8)
#define IOCTL_S_QUEUED_CREATES      WDFSPEED_CODE(9)

/* Reads go to the read queue (parallel: its requests are presented in the threads' lanes),
 * whose EvtIoRead completes them with Information = their length. This code stops it
 * synchronously and deletes it; later reads reach the default queue, which has no EvtIoRead. */
#define IOCTL_S_DELETE_READ_QUEUE WDFSPEED_CODE(10)

/* Session 11 (request objects kept across requests, one recorder entry per request). Every
 * request has the device's request attributes' EvtCleanupCallback and EvtDestroyCallback,
 * which count (the destroy callback checks that the cleanup ran first, once). */
/* Out: SPEED_COUNTS. */
#define IOCTL_S_COUNTS WDFSPEED_CODE(11)
/* WdfObjectReference on the request, kept, then completed. */
#define IOCTL_S_REFERENCE WDFSPEED_CODE(12)
/* WdfObjectDereference on the request IOCTL_S_REFERENCE kept, after reading its context
 * (Out: SPEED_COUNTS, taken after the dereference; ReferencedIntact read before it). */
#define IOCTL_S_DEREFERENCE WDFSPEED_CODE(13)
/* WdfObjectAllocateContext on the request (type SPEED_EXTRA, with a cleanup callback that
 * counts), then completed. Every request arriving with a SPEED_EXTRA context counts as stale. */
#define IOCTL_S_EXTRA_CONTEXT WDFSPEED_CODE(14)
/* The driver keeps the request without completing it (in a manual queue). */
#define IOCTL_S_PEND WDFSPEED_CODE(15)
/* Out: ULONG_PTR, the handle of the request IOCTL_S_PEND keeps (0: none yet). */
#define IOCTL_S_PENDING WDFSPEED_CODE(16)
/* Completes the kept request with STATUS_SUCCESS and Information 7. */
#define IOCTL_S_FINISH WDFSPEED_CODE(17)
/* Takes a reference on its request, completes it, then completes it again: the framework's bug
 * check (the reference keeps the object, so the second call reaches the request's end). */
#define IOCTL_S_COMPLETE_TWICE WDFSPEED_CODE(18)

typedef struct _SPEED_COUNTS {
    ULONG RequestCleanups;     /* the request attributes' EvtCleanupCallback calls */
    ULONG RequestDestroys;     /* their EvtDestroyCallback calls */
    ULONG Misordered;          /* destroy without a cleanup before it, or a second cleanup */
    ULONG ExtraCleanups;       /* SPEED_EXTRA contexts' cleanup calls */
    ULONG StaleExtra;          /* requests that arrived with a SPEED_EXTRA context */
    ULONG ReferencedDestroyed; /* the IOCTL_S_REFERENCE request's destroy callback ran */
    ULONG ReferencedIntact;    /* its context still had the driver's marks at the dereference */
} SPEED_COUNTS;

#define WDFSPEED_MAX_OBJECTS 4096

#endif
