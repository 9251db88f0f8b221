/* wdfctl.h - control codes and records of the framework control-device test driver
 * (wdfctl.sys: sequential default queue; wdfctl_par.sys: the same driver with a parallel one). */
#ifndef WDFCTL_H
#define WDFCTL_H

#define WDFCTL_CODE(n, method) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00 + (n), method, FILE_ANY_ACCESS)

#define IOCTL_W_ECHO        WDFCTL_CODE(0, METHOD_BUFFERED)   /* output = input */
#define IOCTL_W_ECHO_DIRECT WDFCTL_CODE(1, METHOD_OUT_DIRECT) /* output (an MDL) = input */
#define IOCTL_W_RETRIEVE    WDFCTL_CODE(2, METHOD_BUFFERED)   /* in: WDFCTL_RETRIEVE_IN */
#define IOCTL_W_DRIVER_INFO WDFCTL_CODE(3, METHOD_BUFFERED)   /* out: WDFCTL_DRIVER_INFO */
#define IOCTL_W_OBJECTS     WDFCTL_CODE(4, METHOD_BUFFERED)   /* out: WDFCTL_LOG */
#define IOCTL_W_MISUSE      WDFCTL_CODE(5, METHOD_BUFFERED)   /* in: ULONG, a WDFCTL_MISUSE_ */
/* IOCTL_W_PEND: completed 100 ms later (in: an optional ULONG, the milliseconds instead) */
#define IOCTL_W_PEND      WDFCTL_CODE(6, METHOD_BUFFERED)
#define IOCTL_W_COUNTERS  WDFCTL_CODE(7, METHOD_BUFFERED) /* out: WDFCTL_COUNTERS */
#define IOCTL_W_UNHANDLED WDFCTL_CODE(8, METHOD_BUFFERED) /* the driver: INVALID_DEVICE_REQUEST */
#define IOCTL_W_PARAMS    WDFCTL_CODE(9, METHOD_BUFFERED) /* out: ULONG WDFCTL_PARAMS_ bits */
/* IOCTL_W_RELEASE: completes the pended request now; STATUS_NOT_FOUND when there is none */
#define IOCTL_W_RELEASE WDFCTL_CODE(10, METHOD_BUFFERED)

/* IOCTL_W_PARAMS: completed with WdfRequestComplete after WdfRequestSetInformation(8). */
#define WDFCTL_PARAMS_TYPE        0x01 /* WdfRequestGetParameters: Type, Size kept */
#define WDFCTL_PARAMS_LENGTHS     0x02 /* the buffer lengths and the control code */
#define WDFCTL_PARAMS_IRP         0x04 /* WdfRequestWdmGetIrp: the IRP of this device control */
#define WDFCTL_PARAMS_INFORMATION 0x08 /* WdfRequestGetInformation after SetInformation */
#define WDFCTL_PARAMS_ALL         0x0F

#define WDFCTL_MISUSE_COMPLETE_TWICE 1
#define WDFCTL_MISUSE_BAD_HANDLE     2
#define WDFCTL_MISUSE_NULL_BUFFER    3
#define WDFCTL_MISUSE_DEREF_DELETE   4
#define WDFCTL_MISUSE_NOT_PROVIDED   5
#define WDFCTL_MISUSE_WRONG_TYPE     6
#define WDFCTL_MISUSE_USE_DELETED    7

/* IOCTL_W_RETRIEVE: which buffer (0 input, 1 output) with what minimum; the answer is the
 * status and length RetrieveXxxBuffer gave, written to the output buffer when there is one,
 * else returned as the request's status. */
typedef struct _WDFCTL_RETRIEVE_IN {
    ULONG Output;
    ULONG Minimum;
} WDFCTL_RETRIEVE_IN;
typedef struct _WDFCTL_RETRIEVE_OUT {
    LONG Status;
    ULONG Length;
} WDFCTL_RETRIEVE_OUT;

typedef struct _WDFCTL_DRIVER_INFO {
    WCHAR RegistryPathTail[32]; /* the last component of WdfDriverGetRegistryPath, NUL-ended */
    CHAR DriverName[32];        /* WdfDriverGlobals->DriverName */
    ULONG DriverTag;            /* WdfDriverGlobals->DriverTag */
    ULONG DriverFlags;          /* WdfDriverGlobals->DriverFlags */
    ULONG Checks;               /* WDFCTL_INFO_ bits that held */
    ULONG DeviceType;           /* of the WDM device object */
    ULONG Characteristics;
    ULONG DeviceFlags;
} WDFCTL_DRIVER_INFO;
#define WDFCTL_INFO_WDM_DRIVER    0x01 /* WdfDriverWdmGetDriverObject = the DriverEntry one */
#define WDFCTL_INFO_HANDLE        0x02 /* WdfWdmDriverGetWdfDriverHandle = WdfGetDriver */
#define WDFCTL_INFO_VERSION_SAME  0x04 /* IsVersionAvailable(1.33) */
#define WDFCTL_INFO_VERSION_OLDER 0x08 /* IsVersionAvailable(1.9) */
#define WDFCTL_INFO_VERSION_NEWER 0x10 /* !IsVersionAvailable(1.35) */
#define WDFCTL_INFO_VERSION_MAJOR 0x20 /* !IsVersionAvailable(2.0) */
#define WDFCTL_INFO_VERSION_SIZE  0x40 /* !IsVersionAvailable with a wrong Size */
#define WDFCTL_INFO_DEVICE        0x80 /* device, queue, WDM device handles agree */
#define WDFCTL_INFO_ALL           0xFF

/* IOCTL_W_OBJECTS: the object model run inside the driver; Events[] in the order they
 * happened. */
typedef struct _WDFCTL_LOG {
    ULONG Count;
    ULONG Checks;     /* WDFCTL_OBJ_ bits that held */
    ULONG Events[16]; /* WDFCTL_EV_* */
} WDFCTL_LOG;
#define WDFCTL_EV_CLEANUP_PARENT  1
#define WDFCTL_EV_CLEANUP_CHILD   2
#define WDFCTL_EV_CLEANUP_GRAND   3
#define WDFCTL_EV_DESTROY_PARENT  4
#define WDFCTL_EV_DESTROY_CHILD   5
#define WDFCTL_EV_DESTROY_GRAND   6
#define WDFCTL_EV_CLEANUP_EXTRA   7    /* the context added by WdfObjectAllocateContext */
#define WDFCTL_EV_DEREFERENCED    8    /* marker: the driver dropped its extra reference */
#define WDFCTL_OBJ_CONTEXT_ZERO   0x01 /* a new context is zeroed */
#define WDFCTL_OBJ_CONTEXT_OBJECT 0x02 /* WdfObjectContextGetObject(context) = the object */
#define WDFCTL_OBJ_CONTEXT_TYPED  0x04 /* the typed accessor finds it; another type: NULL */
#define WDFCTL_OBJ_ALLOCATE       0x08 /* WdfObjectAllocateContext adds a second context */
#define WDFCTL_OBJ_ALLOCATE_AGAIN 0x10 /* a second time: STATUS_OBJECT_NAME_EXISTS */
#define WDFCTL_OBJ_SIZE_OVERRIDE  0x20 /* ContextSizeOverride: the larger size is usable */
#define WDFCTL_OBJ_BAD_SIZE       0x40 /* attributes with a wrong Size: STATUS_INFO_LENGTH_MISMATCH */
#define WDFCTL_OBJ_SYNC_SCOPE     0x80 /* a scope on a general object: SCOPE_INVALID */
#define WDFCTL_OBJ_CHILD_KEPT                                                                      \
    0x100 /* in the parent's cleanup the cleaned-up child is still                                 \
           * there: its context readable, WdfObjectDelete a no-op */
#define WDFCTL_OBJ_ALL 0x1FF

typedef struct _WDFCTL_COUNTERS {
    ULONG Reads;   /* EvtIoRead calls */
    ULONG Writes;  /* EvtIoWrite calls */
    ULONG Ioctls;  /* EvtIoDeviceControl calls */
    ULONG MaxBusy; /* most requests presented at once */
} WDFCTL_COUNTERS;

#endif
