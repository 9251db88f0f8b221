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

#define WDFSPEED_MAX_OBJECTS 4096

#endif
