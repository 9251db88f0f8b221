/*
 * planted.h - the interface of the planted-bug driver (planted.sys): the fuzzer's test subject.
 */
#ifndef PLANTED_H
#define PLANTED_H

/* METHOD_BUFFERED: fills the output with 0xAB. The planted bug: when the input is exactly
 * PLANTED_BAD_INPUT bytes long it writes 16 bytes more than OutputBufferLength, past the end
 * of the system buffer (caught when the I/O manager frees it: bug check 0x19). */
#define IOCTL_PLANTED_FILL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x820, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* METHOD_BUFFERED: returns the input's byte sum (ULONG); correct. */
#define IOCTL_PLANTED_SUM CTL_CODE(FILE_DEVICE_UNKNOWN, 0x821, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define PLANTED_BAD_INPUT 13

#endif
