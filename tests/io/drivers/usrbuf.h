/* usrbuf.h - control codes of usrbuf.sys, the driver behind the tests of a client's bad
 * pointers (test_client_pointers.c). */
#ifndef USRBUF_H
#define USRBUF_H

#define USRBUF_CODE(n, method) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), method, FILE_ANY_ACCESS)

/* Complete with success and Information 0 (the output buffers are left as they are). */
#define IOCTL_UB_BUFFERED   USRBUF_CODE(0, METHOD_BUFFERED)
#define IOCTL_UB_IN_DIRECT  USRBUF_CODE(1, METHOD_IN_DIRECT)
#define IOCTL_UB_OUT_DIRECT USRBUF_CODE(2, METHOD_OUT_DIRECT)
/* METHOD_NEITHER: the driver probes and reads Type3InputBuffer in its own __try and completes
 * with the exception code (STATUS_SUCCESS when the input was readable). */
#define IOCTL_UB_NEITHER USRBUF_CODE(3, METHOD_NEITHER)
/* Output: ULONG, the number of requests (other than this one) the driver's dispatch routines
 * received since the driver was loaded. */
#define IOCTL_UB_CALLS USRBUF_CODE(4, METHOD_BUFFERED)

/* Reads fill the buffer with USRBUF_FILL; writes succeed with Information = Length.
 * \Device\UsrBufBuffered does buffered I/O, \Device\UsrBufDirect direct I/O. */
#define USRBUF_FILL 0x5A

#endif
