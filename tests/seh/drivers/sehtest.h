/* sehtest.h - control codes of the structured exception handling test driver (sehtest.sys). */
#ifndef SEHTEST_H
#define SEHTEST_H

#define SEHTEST_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Input: ULONG case index (seh_cases.h). Output: SEHTEST_RESULT. */
#define IOCTL_SEH_RUN_CASE SEHTEST_CODE(0)
/* Input: PVOID of a read-only page. Output: SEHTEST_RESULT (Status: the code caught, Line:
 * 0 when the exception record held what Windows documents). */
#define IOCTL_SEH_PROBE_WRITE_READONLY SEHTEST_CODE(1)
/* ExRaiseStatus(STATUS_INSUFFICIENT_RESOURCES) with no __try: bug check 0x1E. */
#define IOCTL_SEH_RAISE_UNCAUGHT SEHTEST_CODE(2)
/* A NULL write with no __try: bug check 0x1E with STATUS_ACCESS_VIOLATION. */
#define IOCTL_SEH_FAULT_UNCAUGHT SEHTEST_CODE(3)
/* The filter declines everything: bug check 0x1E after the __finally ran. */
#define IOCTL_SEH_RAISE_DECLINED SEHTEST_CODE(4)
/* A NULL read inside __try at DISPATCH_LEVEL: bug check 0xD1. */
#define IOCTL_SEH_FAULT_AT_DISPATCH SEHTEST_CODE(5)

typedef struct _SEHTEST_RESULT {
    ULONG Line;      /* 0: the case passed; else the line of seh_cases.h that failed */
    LONG Status;     /* IOCTL_SEH_PROBE_WRITE_READONLY: the exception code */
    ULONG EntryLine; /* the DriverEntry self-check: 0 when every case passed there */
    ULONG Reserved;
} SEHTEST_RESULT;

#endif
