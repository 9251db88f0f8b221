/*
 * fifo.h - the interface of the FIFO sample driver, shared with its clients (scenarios).
 *
 * Three device objects share one byte FIFO: \Device\Fifo (buffered I/O, link \??\Fifo),
 * \Device\FifoDirect (direct I/O, \??\FifoDirect) and \Device\FifoNeither (neither,
 * \??\FifoNeither). Writes append, reads take; a read on an empty FIFO waits for data.
 */
#ifndef FIFO_H
#define FIFO_H

#define FIFO_DEVICE_TYPE FILE_DEVICE_UNKNOWN

/* Copies the input to the output, one of each transfer method. */
#define IOCTL_FIFO_ECHO_BUFFERED CTL_CODE(FIFO_DEVICE_TYPE, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_FIFO_ECHO_IN_DIRECT                                                                  \
    CTL_CODE(FIFO_DEVICE_TYPE, 0x801, METHOD_IN_DIRECT, FILE_ANY_ACCESS)
#define IOCTL_FIFO_ECHO_OUT_DIRECT                                                                 \
    CTL_CODE(FIFO_DEVICE_TYPE, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS)
#define IOCTL_FIFO_ECHO_NEITHER CTL_CODE(FIFO_DEVICE_TYPE, 0x803, METHOD_NEITHER, FILE_ANY_ACCESS)
/* Output: FIFO_STATS. */
#define IOCTL_FIFO_GET_STATS CTL_CODE(FIFO_DEVICE_TYPE, 0x804, METHOD_BUFFERED, FILE_READ_ACCESS)
/* Input: ULONG milliseconds. Pends, then completes from a timer DPC with the ULONG as output. */
#define IOCTL_FIFO_DELAY CTL_CODE(FIFO_DEVICE_TYPE, 0x805, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* Pends, empties the FIFO from a work item, completes with Information = bytes discarded. */
#define IOCTL_FIFO_RESET CTL_CODE(FIFO_DEVICE_TYPE, 0x806, METHOD_BUFFERED, FILE_WRITE_ACCESS)

typedef struct _FIFO_STATS {
    ULONG BytesQueued;
    ULONG PendingReads;
    ULONG Writes;
    ULONG Reads;
} FIFO_STATS;

/* The name of an ioctl of this interface, for the drivers' traces ("ECHO_BUFFERED"). */
static __inline const char *FifoIoctlName(ULONG Code)
{
    switch (Code) {
    case IOCTL_FIFO_ECHO_BUFFERED:
        return "ECHO_BUFFERED";
    case IOCTL_FIFO_ECHO_IN_DIRECT:
        return "ECHO_IN_DIRECT";
    case IOCTL_FIFO_ECHO_OUT_DIRECT:
        return "ECHO_OUT_DIRECT";
    case IOCTL_FIFO_ECHO_NEITHER:
        return "ECHO_NEITHER";
    case IOCTL_FIFO_GET_STATS:
        return "GET_STATS";
    case IOCTL_FIFO_DELAY:
        return "DELAY";
    case IOCTL_FIFO_RESET:
        return "RESET";
    default:
        return "unknown";
    }
}

#endif
