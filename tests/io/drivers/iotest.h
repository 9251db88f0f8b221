/* iotest.h - control codes of the I/O manager conformance driver (iotest.sys). */
#ifndef IOTEST_H
#define IOTEST_H

#define IOTEST_CODE(n, method) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), method, FILE_ANY_ACCESS)

/* Handled by the lower device (\Device\IoTestLower). */
#define IOCTL_T_COMPLETE        IOTEST_CODE(0, METHOD_BUFFERED) /* Information 7, success */
#define IOCTL_T_PEND_DPC        IOTEST_CODE(1, METHOD_BUFFERED) /* pends, DPC completes */
#define IOCTL_T_DOUBLE_COMPLETE IOTEST_CODE(2, METHOD_BUFFERED) /* completes twice: 0x44 */
#define IOCTL_T_FAIL            IOTEST_CODE(3, METHOD_BUFFERED) /* STATUS_DEVICE_NOT_READY */
#define IOCTL_T_FILL            IOTEST_CODE(4, METHOD_BUFFERED) /* output = 0xA5 * OutputLength */
#define IOCTL_T_FORGET          IOTEST_CODE(5, METHOD_BUFFERED) /* returns success, never completes */
#define IOCTL_T_MISMATCH        IOTEST_CODE(6, METHOD_BUFFERED) /* completes OK, returns a failure */
/* Handled by the upper device (\Device\IoTestUpper, attached over the lower one). */
#define IOCTL_T_GET_RECORD       IOTEST_CODE(16, METHOD_BUFFERED) /* output: IOTEST_RECORD */
#define IOCTL_T_FORWARD_AND_WAIT IOTEST_CODE(17, METHOD_BUFFERED)
#define IOCTL_T_BUILD_IOCTL      IOTEST_CODE(18, METHOD_BUFFERED) /* IoBuildDeviceIoControlRequest */
#define IOCTL_T_ALLOC_IRP        IOTEST_CODE(19, METHOD_BUFFERED) /* IoAllocateIrp + completion */
#define IOCTL_T_NO_STACK         IOTEST_CODE(20, METHOD_BUFFERED) /* forwards past the stack: 0x35 */
#define IOCTL_T_OBJECTS                                                                            \
    IOTEST_CODE(21, METHOD_BUFFERED) /* output: ULONG bit mask of checks passed */
#define IOCTL_T_REUSE_CANCEL IOTEST_CODE(22, METHOD_BUFFERED) /* output: ULONG bit mask */
#define IOTEST_OBJECTS_ALL   0x3F
#define IOTEST_REUSE_ALL     0x1F
#define IOCTL_T_FSD_READ     IOTEST_CODE(23, METHOD_BUFFERED) /* output: the 16 bytes read */

typedef struct _IOTEST_RECORD {
    ULONG Calls;           /* completion routine calls */
    ULONG PendingReturned; /* Irp->PendingReturned seen by the last call */
    ULONG DeviceIsUpper;   /* the DeviceObject argument was the upper device */
    LONG LastStatus;
    ULONG_PTR LastInformation;
} IOTEST_RECORD;

#endif
