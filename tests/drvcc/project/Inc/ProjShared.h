/* ProjShared.h - what the test project's driver and its scenario agree on. Included from the
 * driver as "..\inc\projshared.h": a backslash path, and a folder and file spelled in another
 * letter case than on disk, as Windows resolves them. */
#ifndef PROJSHARED_H
#define PROJSHARED_H

#define IOCTL_PROJTEST_QUERY CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* The IOCTL's answer: four ULONGs. */
typedef struct _PROJTEST_ANSWER {
    ULONG Magic;      /* PROJTEST_MAGIC, from the project's PreprocessorDefinitions */
    ULONG CppValue;   /* computed by the C++ source (helper.cpp) */
    ULONG CaughtCode; /* the status caught by a bare try/except */
    ULONG FinallyRan; /* 1 when the bare try/finally block ran */
} PROJTEST_ANSWER;

#endif
