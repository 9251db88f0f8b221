/*
 * magic.h - the interface of the magic-value driver (magic.sys): the coverage fuzzer's test
 * subject (tests/fuzz/drivers/magic.c).
 */
#ifndef MAGIC_H
#define MAGIC_H

/* METHOD_BUFFERED, at least 8 bytes of input (else STATUS_BUFFER_TOO_SMALL): STATUS_SUCCESS;
 * the bug (KeBugCheckEx MANUALLY_INITIATED_CRASH 0xE2, parameters 8 and the input length) when
 * the input starts with MAGIC_KEY. */
#define IOCTL_MAGIC_CHECK CTL_CODE(FILE_DEVICE_UNKNOWN, 0x830, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define MAGIC_KEY        "DrvFuzz!"
#define MAGIC_KEY_LENGTH 8
/* MANUALLY_INITIATED_CRASH (bugcodes.h) */
#define MAGIC_BUGCHECK 0xE2

#endif
