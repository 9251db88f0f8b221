/* wdftarget.h - control codes and records of the I/O target test drivers: wdftarget.sys (a
 * framework driver with a control device, \Device\WdfTarget, that opens the devices of
 * wdftgtlow.sys as remote I/O targets) and wdftgtlow.sys (a WDM driver with a buffered-I/O
 * device \Device\WtLowBuf and a direct-I/O device \Device\WtLowDir). */
#ifndef WDFTARGET_H
#define WDFTARGET_H

#define WDFTARGET_CODE(n, m) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC00 + (n), m, FILE_ANY_ACCESS)

/* wdftarget.sys */
#define IOCTL_T_RUN     WDFTARGET_CODE(0, METHOD_BUFFERED) /* in: ULONG group; out: result */
#define IOCTL_T_FORWARD WDFTARGET_CODE(1, METHOD_BUFFERED) /* to the low echo, own memory */
#define IOCTL_T_MISUSE  WDFTARGET_CODE(2, METHOD_BUFFERED) /* in: ULONG what; does not return */

/* The target opened on the interface of wdfpnp.sys's device (tests/wdf/drivers/wdfpnp.inf):
 * in: ULONG WDFTARGET_PNP_*; out: WDFTARGET_RESULT (its checks: properties, interfaces). */
#define IOCTL_T_PNP_OPEN  WDFTARGET_CODE(3, METHOD_BUFFERED)
#define IOCTL_T_PNP_STATE WDFTARGET_CODE(4, METHOD_BUFFERED) /* out: WDFTARGET_PNP */

#define WDFTARGET_PNP_CALLBACKS 0 /* the callbacks allow the removal, reopen, close */
#define WDFTARGET_PNP_VETO      1 /* EvtIoTargetQueryRemove vetoes the removal */
#define WDFTARGET_PNP_DEFAULTS  2 /* no callbacks: the framework's defaults */

typedef struct _WDFTARGET_PNP {
    ULONG State;                                       /* WdfIoTargetGetState */
    ULONG QueryRemove, RemoveCanceled, RemoveComplete; /* calls of each callback */
    NTSTATUS Echo;                                     /* an ioctl sent through the target now */
} WDFTARGET_PNP;

#define WDFTARGET_GROUP_OPEN     1 /* create, open by name and by device object, close */
#define WDFTARGET_GROUP_SYNC     2 /* synchronous reads, writes, ioctls; descriptors; time-outs */
#define WDFTARGET_GROUP_STATES   3 /* stop, start, purge, cancel */
#define WDFTARGET_GROUP_REQUESTS 4 /* WdfRequestCreate, Reuse, CreateFromIrp, ChangeTarget */
#define WDFTARGET_GROUP_LATER    5 /* reopen unopened; purge, stop without waiting; cancellers */
#define WDFTARGET_GROUP_NO_IRP   6 /* run with the next IRP allocation failing */

#define WDFTARGET_MISUSE_SENT_TWICE  1 /* a created request sent while it is sent */
#define WDFTARGET_MISUSE_NULL_OUT    2 /* WdfIoTargetCreate without a handle location */
#define WDFTARGET_MISUSE_WRONG_TYPE  3 /* WdfIoTargetStart on a memory object */
#define WDFTARGET_MISUSE_NO_LOCATION 4 /* WdfRequestWdmFormatUsingStackLocation, no location */

typedef struct _WDFTARGET_RESULT {
    ULONG Checks;
    ULONG Failed;
    ULONG FirstLine; /* in wdftarget.c */
} WDFTARGET_RESULT;

/* wdftgtlow.sys: what a read returns at a device offset, and its control codes. */
#define LOW_PATTERN(offset, i) ((UCHAR)(((offset) + (i)) ^ 0x5A))

#define IOCTL_LOW_ECHO     WDFTARGET_CODE(0x10, METHOD_BUFFERED)   /* output = input */
#define IOCTL_LOW_ECHO_DIR WDFTARGET_CODE(0x11, METHOD_OUT_DIRECT) /* output (MDL) = input */
#define IOCTL_LOW_HOLD     WDFTARGET_CODE(0x12, METHOD_BUFFERED)   /* pending until canceled */
#define IOCTL_LOW_INFO     WDFTARGET_CODE(0x13, METHOD_BUFFERED)   /* out: LOW_INFO */
#define IOCTL_LOW_INTERNAL WDFTARGET_CODE(0x14, METHOD_NEITHER)    /* internal: echo */
/* internal, "others": copies 4 bytes from Argument1 to Argument2, stores 0xABCD at Argument4 */
#define IOCTL_LOW_OTHERS WDFTARGET_CODE(0x15, METHOD_NEITHER)
/* pending; canceled, it is kept (not completed) until IOCTL_LOW_RELEASE completes it */
#define IOCTL_LOW_LATCH   WDFTARGET_CODE(0x16, METHOD_BUFFERED)
#define IOCTL_LOW_RELEASE WDFTARGET_CODE(0x17, METHOD_BUFFERED) /* information: 1 if one was */
/* pending; its cancel routine waits for IOCTL_LOW_PROCEED, then completes it (STATUS_CANCELLED)
 * on the canceling thread; IOCTL_LOW_WAIT_CANCEL returns once that routine has begun */
#define IOCTL_LOW_STALL       WDFTARGET_CODE(0x18, METHOD_BUFFERED)
#define IOCTL_LOW_WAIT_CANCEL WDFTARGET_CODE(0x19, METHOD_BUFFERED)
#define IOCTL_LOW_PROCEED     WDFTARGET_CODE(0x1A, METHOD_BUFFERED)

typedef struct _LOW_INFO {
    LONG Opens;          /* open file objects of this device */
    ULONG LastAccess;    /* the last create's DesiredAccess */
    ULONG LastShare;     /* ... and ShareAccess */
    ULONG Canceled;      /* held requests canceled so far */
    LONGLONG LastOffset; /* the last read's or write's ByteOffset */
    ULONG Written;       /* bytes of the last write */
    UCHAR Data[32];      /* its first bytes */
    PVOID LastFile;      /* the file object of the last request */
} LOW_INFO;

#endif
