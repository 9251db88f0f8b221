/* secdev.h - control codes of secdev.sys, the driver that creates secure device objects
 * (IoCreateDeviceSecure) for tests/sec. */
#ifndef SECDEV_H
#define SECDEV_H

#define SECDEV_CODE(n, access) CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00 + (n), METHOD_BUFFERED, access)
/* Input SECDEV_CREATE: IoCreateDeviceSecure with these arguments; output SECDEV_CREATED. */
#define IOCTL_SECDEV_CREATE SECDEV_CODE(0, FILE_ANY_ACCESS)
/* Input ULONG RequiredAccess; output the NTSTATUS of IoValidateDeviceIoControlAccess. */
#define IOCTL_SECDEV_VALIDATE SECDEV_CODE(1, FILE_ANY_ACCESS)

typedef struct _SECDEV_CREATE {
    WCHAR Name[64];  /* \Device\... */
    WCHAR Sddl[200]; /* NUL-terminated; SddlBytes may say otherwise */
    USHORT SddlBytes;
    BOOLEAN UseGuid;
    GUID ClassGuid;
    ULONG Characteristics;
    BOOLEAN Exclusive;
} SECDEV_CREATE;

typedef struct _SECDEV_CREATED {
    LONG Status;
    ULONG DeviceType;
    ULONG Characteristics;
    ULONG Flags;
} SECDEV_CREATED;

#endif
