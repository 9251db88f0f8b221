/* csqtest.h - control codes of csqtest.sys (shared with test_csq_io.c). */
#ifndef CSQTEST_H
#define CSQTEST_H
#define IOCTL_CSQ_QUEUE   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_CSQ_DEQUEUE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)
#endif
