/* ddicover.h - control codes of ddicover.sys, the driver that exercises the I/O routines no
 * other test driver calls. Each code runs one group of checks in the driver and returns a
 * DDICOVER_RESULT: how many checks ran, how many failed, and the source lines of the failures. */
#ifndef DDICOVER_H
#define DDICOVER_H

#define DDICOVER_CODE(n)                                                                           \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_DC_STACK     DDICOVER_CODE(0) /* stack and object queries */
#define IOCTL_DC_IRPS      DDICOVER_CODE(1) /* IRPs the driver builds */
#define IOCTL_DC_WORKITEMS DDICOVER_CODE(2) /* work items */
#define IOCTL_DC_DPC       DDICOVER_CODE(3) /* the device's DPC */
#define IOCTL_DC_CANCEL    DDICOVER_CODE(4) /* the cancel spin lock */
#define IOCTL_DC_MAKE_TEMP DDICOVER_CODE(5) /* ObMakeTemporaryObject on a non-object */

typedef struct _DDICOVER_RESULT {
    ULONG Checks;
    ULONG Failed;
    ULONG Lines[16]; /* the first failures' source lines */
} DDICOVER_RESULT, *PDDICOVER_RESULT;

#endif
