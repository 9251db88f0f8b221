/* wdffile.h - control codes and records of the framework file-object test driver
 * (drivers/wdffile.c; docs/wdf.md, "File objects"). */
#ifndef WDFFILE_H
#define WDFFILE_H

#define WDFFILE_CODE(n, method) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), method, FILE_ANY_ACCESS)

#define IOCTL_F_LOG    WDFFILE_CODE(0, METHOD_BUFFERED)   /* out: WDFFILE_LOG */
#define IOCTL_F_WHOAMI WDFFILE_CODE(1, METHOD_BUFFERED)   /* out: WDFFILE_WHOAMI */
#define IOCTL_F_RAW    WDFFILE_CODE(2, METHOD_BUFFERED)   /* completed by the preprocess callback */
#define IOCTL_F_INFO   WDFFILE_CODE(3, METHOD_BUFFERED)   /* out: WDFFILE_INFO */
#define IOCTL_F_USER   WDFFILE_CODE(4, METHOD_BUFFERED)   /* in: bytes; out: WDFFILE_USER */
#define IOCTL_F_USER_D WDFFILE_CODE(5, METHOD_OUT_DIRECT) /* the same, output by MDL */

/* One event per letter: C create, U cleanup (EvtFileCleanup), L close (EvtFileClose),
 * D the file object's EvtCleanupCallback (its deletion), each followed by the file's id digit
 * ('0' when the callback got no file object). */
typedef struct _WDFFILE_LOG {
    ULONG Count;
    CHAR Events[120];
} WDFFILE_LOG;

typedef struct _WDFFILE_WHOAMI {
    ULONG Id;       /* the file object's context: the order of its create, from 1; 0: none */
    ULONG Checks;   /* WDFFILE_WHO_ bits that held */
    WCHAR Name[16]; /* WdfFileObjectGetFileName at create, NUL-ended */
} WDFFILE_WHOAMI;
#define WDFFILE_WHO_DEVICE   0x01 /* WdfFileObjectGetDevice = the device */
#define WDFFILE_WHO_WDM      0x02 /* WdfFileObjectWdmGetFileObject = the IRP's FileObject */
#define WDFFILE_WHO_LOOKUP   0x04 /* WdfDeviceGetFileObject(device, FileObject) = the object */
#define WDFFILE_WHO_FSCTX    0x08 /* FileObject->FsContext is not NULL */
#define WDFFILE_WHO_CREATE_Q 0x10 /* the create request had no queue (WdfRequestGetIoQueue) */
#define WDFFILE_WHO_REQUEST  0x20 /* WdfRequestGetFileObject(create request) = the object */
#define WDFFILE_WHO_FLAGS    0x40 /* WdfFileObjectGetFlags = the FileObject's Flags */
#define WDFFILE_WHO_ALL      0x7F

typedef struct _WDFFILE_INFO {
    ULONG KmdfMinor;       /* KMDF_VERSION_MINOR the driver was built with */
    ULONG Preprocessed;    /* device controls EvtDeviceWdmIrpPreprocess saw */
    ULONG QueueConfigSize; /* sizeof(WDF_IO_QUEUE_CONFIG) at that version */
    ULONG Available;       /* WdfDriverIsVersionAvailable(1, KmdfMinor) */
    ULONG AssignChecks;    /* WDFFILE_ASSIGN_ bits that held at DriverEntry */
} WDFFILE_INFO;
/* WdfDeviceInitAssignWdmIrpPreprocessCallback's documented answers */
#define WDFFILE_ASSIGN_BAD_MAJOR    0x01 /* a major function past the last: INVALID_PARAMETER */
#define WDFFILE_ASSIGN_MINORS       0x02 /* minor functions given: SUCCESS */
#define WDFFILE_ASSIGN_MINORS_AGAIN 0x04 /* given again: INVALID_DEVICE_REQUEST */
#define WDFFILE_ASSIGN_ALL          0x07

/* IOCTL_F_USER: what the request's WDM views gave, from EvtIoDeviceControl. */
typedef struct _WDFFILE_USER {
    LONG UnsafeIn;  /* WdfRequestRetrieveUnsafeUserInputBuffer's status */
    LONG UnsafeOut; /* WdfRequestRetrieveUnsafeUserOutputBuffer's status */
    LONG InMdl;     /* WdfRequestRetrieveInputWdmMdl's status */
    LONG OutMdl;    /* WdfRequestRetrieveOutputWdmMdl's status */
    LONG EmptyMdl;  /* WdfRequestRetrieveInputWdmMdl's status for an empty input (-1: not tried) */
    ULONG Mode;     /* WdfRequestGetRequestorMode */
    ULONG Checks;   /* WDFFILE_USER_ bits that held */
} WDFFILE_USER;
#define WDFFILE_USER_IN_MDL  0x01 /* the input MDL maps the input bytes, its length */
#define WDFFILE_USER_OUT_MDL 0x02 /* the output MDL has the output length */
#define WDFFILE_USER_IRP_MDL 0x04 /* the output MDL is the IRP's MdlAddress (direct I/O) */

#endif
