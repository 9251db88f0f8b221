/* vfspool.h - control codes of the special pool test driver (vfspool.c), shared with its
 * tests. Every input is a ULONG64 (a size or an offset into the driver's block). */
#ifndef VFSPOOL_H
#define VFSPOOL_H

#define VFSP_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_VFSP_ALLOC        VFSP_CODE(0) /* in: size; out: the block's address (ULONG64) */
#define IOCTL_VFSP_WRITE        VFSP_CODE(1) /* in: offset; writes 0x11 there */
#define IOCTL_VFSP_READ         VFSP_CODE(2) /* in: offset; out: the byte (ULONG64) */
#define IOCTL_VFSP_FREE         VFSP_CODE(3) /* ExFreePoolWithTag of the block */
#define IOCTL_VFSP_WRITE_RAISED VFSP_CODE(4) /* in: offset; the write at DISPATCH_LEVEL */
#define IOCTL_VFSP_WRITE_IN_TRY VFSP_CODE(5) /* in: offset; the write inside __try/__except */
#define IOCTL_VFSP_COMPARE      VFSP_CODE(6) /* in: length; RtlCompareMemory(block, block, n) */
#define IOCTL_VFSP_USE                                                                             \
    VFSP_CODE(7) /* in: size; checks the block is zero, fills it,                                  \
                    reads it back: STATUS_SUCCESS or                                               \
                    STATUS_DATA_ERROR */

/* Kept blocks (up to VFSP_KEPT_MAX, besides the one block): */
#define IOCTL_VFSP_KEEP      VFSP_CODE(8) /* in: size; out: address; also the one block now */
#define IOCTL_VFSP_FREE_KEPT VFSP_CODE(9) /* frees every kept block */
#define VFSP_KEPT_MAX        64
/* in: rounds; allocates a 32-byte block, checks it is zero, fills it and frees it, `rounds`
 * times (another block than the one block); out: how many ended at a page end (special) */
#define IOCTL_VFSP_CHURN VFSP_CODE(10)

#define VFSP_TAG 'lpSV'

#endif
