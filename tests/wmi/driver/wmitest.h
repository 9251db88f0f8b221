/* wmitest.h - shared by wmitest.sys and its tests: device names, block GUIDs, control codes. */
#ifndef WMITEST_H
#define WMITEST_H

#define WMITEST_DEVICE    L"\\Device\\WmiTest"   /* every callback */
#define WMITEST_RO_DEVICE L"\\Device\\WmiTestRO" /* only the two required callbacks */

/* Block 0: data, 2 instances (4 and 12 bytes), settable. */
#define WMITEST_GUID_DATA                                                                          \
    {                                                                                              \
        0x6d8f3a10, 0x0001, 0x4a5b,                                                                \
        {                                                                                          \
            0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73                                         \
        }                                                                                          \
    }
/* Block 1: an event, 1 instance, WMIREG_FLAG_EVENT_ONLY_GUID. */
#define WMITEST_GUID_EVENT                                                                         \
    {                                                                                              \
        0x6d8f3a10, 0x0002, 0x4a5b,                                                                \
        {                                                                                          \
            0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73                                         \
        }                                                                                          \
    }
/* Block 2: methods, 1 instance (method 1 returns its input reversed). */
#define WMITEST_GUID_METHOD                                                                        \
    {                                                                                              \
        0x6d8f3a10, 0x0003, 0x4a5b,                                                                \
        {                                                                                          \
            0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73                                         \
        }                                                                                          \
    }

#define WMITEST_BASENAME L"WmiTest"
#define WMITEST_MOF      L"WmiTestMof"

/* The state the tests read back (IOCTL_WMITEST_STATE). */
typedef struct {
    ULONG Disposition; /* of the last WmiSystemControl */
    ULONG Callbacks;   /* data, method and control DpWmiXxx routines called so far */
    ULONG EventsEnabled;
    ULONG CollectionEnabled;
    ULONG RegInfoCalls; /* DpWmiQueryReginfo: also WMI's own requests after registering */
    ULONG RegInfoDone;  /* REGINFO(_EX) requests whose disposition has been stored */
} WMITEST_STATE;

#define IOCTL_WMITEST_STATE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* in: ULONG value: WmiFireEvent(block 1, instance 0, the 4 bytes) */
#define IOCTL_WMITEST_FIRE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)
/* in: ULONG kind (0 plain, 1 traced, 2 oversized): IoWMIWriteEvent; out: NTSTATUS */
#define IOCTL_WMITEST_WRITE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS)

#endif
