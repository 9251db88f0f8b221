/* etwtest.h - control codes of etwtest.sys, an ETW provider (tests/etw). */
#ifndef ETWTEST_H
#define ETWTEST_H

/* {6C0B7F3E-2D1A-4E55-8A9B-0C1D2E3F4A5B}: the provider EtwRegister registers in DriverEntry. */
#define ETWTEST_GUID_TEXT "6C0B7F3E-2D1A-4E55-8A9B-0C1D2E3F4A5B"
#define ETWTEST_GUID_INIT                                                                          \
    {                                                                                              \
        0x6c0b7f3e, 0x2d1a, 0x4e55,                                                                \
        {                                                                                          \
            0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b                                         \
        }                                                                                          \
    }

#define ETWTEST_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC00 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_ETW_WRITE ETWTEST_CODE(0) /* the events (EtwWrite, Transfer, Ex, String) */
#define IOCTL_ETW_STATE ETWTEST_CODE(1) /* output ETWTEST_STATE */
#define IOCTL_ETW_ACTIVITY                                                                         \
    ETWTEST_CODE(2)                      /* EtwActivityIdControl checks; output ETWTEST_CHECKS     \
                                          */
#define IOCTL_ETW_TRAITS ETWTEST_CODE(3) /* names the provider "Drvhost-Test-Provider" */
#define IOCTL_ETW_ERRORS ETWTEST_CODE(4) /* failure cases; output ETWTEST_CHECKS */
#define IOCTL_ETW_FORGET ETWTEST_CODE(5) /* DriverUnload will not call EtwUnregister */

typedef struct _ETWTEST_STATE {
    ULONG Callbacks; /* enable callback calls */
    ULONG LastCode;  /* its last ControlCode */
    UCHAR LastLevel;
    ULONGLONG LastAny;
    BOOLEAN SourceIdSet;
    BOOLEAN ContextRight;   /* CallbackContext was what EtwRegister got */
    BOOLEAN EnabledInfo;    /* EtwEventEnabled(INFORMATION event, keyword 0x1) */
    BOOLEAN EnabledVerbose; /* EtwEventEnabled(VERBOSE event, keyword 0x1) */
    BOOLEAN EnabledKw4;     /* EtwProviderEnabled(INFORMATION, 0x4) */
    BOOLEAN EnabledKw0;     /* EtwProviderEnabled(INFORMATION, 0) */
} ETWTEST_STATE;

typedef struct _ETWTEST_CHECKS {
    ULONG Checks;
    ULONG Failed;
    ULONG Lines[8];
} ETWTEST_CHECKS;

#endif
