/*
 * planted.h - the interface of the planted-bug driver (planted.sys): the fuzzers' test subject.
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

/* METHOD_BUFFERED, at least 8 bytes of input (else STATUS_BUFFER_TOO_SMALL): STATUS_SUCCESS;
 * the bug (KeBugCheckEx MANUALLY_INITIATED_CRASH 0xE2, parameters 8 and the input length) when
 * the input starts with PLANTED_KEY. */
#define IOCTL_PLANTED_KEY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x822, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define PLANTED_KEY        "DrvFuzz!"
#define PLANTED_KEY_LENGTH 8
/* MANUALLY_INITIATED_CRASH (bugcodes.h) */
#define PLANTED_KEY_BUGCHECK 0xE2

/* METHOD_BUFFERED, at least 8 bytes of input (else STATUS_BUFFER_TOO_SMALL): STATUS_SUCCESS;
 * the bug (KeBugCheckEx MANUALLY_INITIATED_CRASH 0xE2, parameters 8, the input length, 64) when
 * the input's first 8 bytes, read as one little-endian 64-bit value, equal PLANTED_KEY64: one
 * comparison, which a driver built with drvcc --fuzz reports to libFuzzer with both operands. */
#define IOCTL_PLANTED_KEY64 CTL_CODE(FILE_DEVICE_UNKNOWN, 0x824, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define PLANTED_KEY64 0x9E3779B97F4A7C15ULL

/* METHOD_BUFFERED, at most PLANTED_NAME_MAX bytes of input (else STATUS_INVALID_PARAMETER):
 * keeps the input as the device's name, NUL-terminated, in a pool block of PLANTED_NAME_MAX
 * bytes the driver allocates in DriverEntry and frees in DriverUnload. The planted bug: an
 * input of exactly PLANTED_NAME_MAX bytes writes its terminator one byte past the block. The
 * ordinary pool finds it only when the block is freed, at the unload; special pool at the
 * write (DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATED_POOL 0xD6): the block's size is a multiple
 * of 16, so it ends where its no-access page starts. */
#define IOCTL_PLANTED_NAME CTL_CODE(FILE_DEVICE_UNKNOWN, 0x823, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define PLANTED_NAME_MAX 32

#endif
