/* wdfsup.h - control codes and records of the framework support-object test driver
 * (wdfsup.sys: memory objects, lookaside lists, collections, strings, registry keys). */
#ifndef WDFSUP_H
#define WDFSUP_H

#define WDFSUP_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IOCTL_S_RUN    WDFSUP_CODE(0) /* in: ULONG WDFSUP_GROUP_; out: WDFSUP_RESULT */
#define IOCTL_S_ECHO   WDFSUP_CODE(1) /* output = input, through the request's memory objects */
#define IOCTL_S_MISUSE WDFSUP_CODE(2) /* in: ULONG WDFSUP_MISUSE_; does not return */

#define WDFSUP_GROUP_MEMORY     1
#define WDFSUP_GROUP_LOOKASIDE  2
#define WDFSUP_GROUP_COLLECTION 3
#define WDFSUP_GROUP_STRING     4
#define WDFSUP_GROUP_REGISTRY   5
#define WDFSUP_GROUP_ATTRIBUTES 6

#define WDFSUP_MISUSE_WRONG_TYPE     1 /* WdfMemoryGetBuffer on a collection */
#define WDFSUP_MISUSE_NULL_MEMORY    2 /* WdfMemoryCreate with Memory NULL */
#define WDFSUP_MISUSE_DELETED_HANDLE 3 /* WdfCollectionGetCount on a deleted collection */
#define WDFSUP_MISUSE_LOOKASIDE_TYPE 4 /* WdfMemoryCreateFromLookaside on a memory object */

/* What a group's checks found: each CHECK in the driver counts; the first failing one's line
 * (in wdfsup.c) is kept. */
typedef struct _WDFSUP_RESULT {
    ULONG Checks;
    ULONG Failed;
    ULONG FirstLine;
    ULONG FromHost; /* registry: the DWORD the host wrote to Parameters\FromHost */
} WDFSUP_RESULT;

/* Values the registry group leaves under the service key's Parameters subkey. */
#define WDFSUP_LEFT_ULONG  0x5A5A1234u       /* "LeftULong", REG_DWORD */
#define WDFSUP_LEFT_STRING L"left by wdfsup" /* "LeftString", REG_SZ */

#endif
