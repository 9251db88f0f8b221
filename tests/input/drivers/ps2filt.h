/*
 * ps2filt.h - the device controls of the PS/2 filter test driver (drivers/ps2filt.c). A client
 * sends them to the class device; the class passes them down as internal device controls, so
 * they reach the filter as they would on Windows.
 */
#ifndef PS2FILT_H
#define PS2FILT_H

/* Output: PS2FILT_STATE. */
#define IOCTL_PS2FILT_STATE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* Sends a second connect request down to the port and completes with its status. */
#define IOCTL_PS2FILT_CONNECT_AGAIN                                                                \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Sends a connect request whose input buffer is one byte short of a CONNECT_DATA. */
#define IOCTL_PS2FILT_CONNECT_SHORT                                                                \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Calls the port's queue-packet routine outside its isr hook (a misuse: nothing is queued). */
#define IOCTL_PS2FILT_QUEUE_OUTSIDE                                                                \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x903, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Input: bytes the filter sends to the port in an IOCTL_INTERNAL_I8042_KEYBOARD_WRITE_BUFFER
 * (_MOUSE_WRITE_BUFFER); completes with its status. */
#define IOCTL_PS2FILT_WRITE_BUFFER                                                                 \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x904, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* Output: the NTSTATUS (a ULONG) of the write-buffer request the filter sent down while the
 * class's connect request went through it (before the port's hook request). */
#define IOCTL_PS2FILT_EARLY_WRITE                                                                  \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x905, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* What the filter saw (12 ULONGs, 48 bytes). */
typedef struct _PS2FILT_STATE {
    ULONG Connects;            /* connect requests that went through */
    ULONG Hooks;               /* i8042 hook requests that went through */
    ULONG InitCalls;           /* calls of the keyboard initialization routine */
    ULONG InitReadByte;        /* what the port's ReadPort returned in it */
    ULONG IsrCalls;            /* calls of the isr hook */
    ULONG Callbacks;           /* calls of the filter's service callback */
    ULONG Records;             /* records passed to it */
    ULONG LastStatusByte;      /* the isr hook's last StatusByte */
    ULONG LastDataByte;        /* and *DataByte */
    ULONG HookHadPortRoutines; /* 1: the hook request had IsrWritePort, the queue routine and
                                  CallContext */
    ULONG CallbackIrql;        /* the IRQL of the last service callback */
    ULONG UpperConsumed;       /* what the class callback said it consumed, last time */
} PS2FILT_STATE;

#endif
