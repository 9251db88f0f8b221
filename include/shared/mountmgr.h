/*
 * mountmgr.h - the mount manager's device interface: the IOCTL_MOUNTMGR_* control codes (device
 * type 'm'), IOCTL_MOUNTDEV_QUERY_DEVICE_NAME with MOUNTDEV_NAME (which a volume driver answers
 * for the mount manager), and the mount point structures. Names, values and layouts as
 * documented (wdk-ddi-src/content/mountmgr/); pinned by tests/storage. drvhost runs no mount
 * manager: these are definitions only.
 */
#ifndef _MOUNTMGR_
#define _MOUNTMGR_

#include <ntdef.h>
#include <devioctl.h>
#include <guiddef.h>

#define MOUNTMGRCONTROLTYPE  0x0000006D /* 'm' */
#define MOUNTDEVCONTROLTYPE  0x0000004D /* 'M' */
#define MOUNTMGR_DEVICE_NAME L"\\Device\\MountPointManager"

#define DRVHOST_MOUNTMGR_CTL_(n, access)                                                           \
    CTL_CODE(MOUNTMGRCONTROLTYPE, (n), METHOD_BUFFERED, (access))
#define DRVHOST_MOUNTMGR_RW_                       (FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_MOUNTMGR_CREATE_POINT                DRVHOST_MOUNTMGR_CTL_(0, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_DELETE_POINTS               DRVHOST_MOUNTMGR_CTL_(1, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_QUERY_POINTS                DRVHOST_MOUNTMGR_CTL_(2, FILE_ANY_ACCESS)
#define IOCTL_MOUNTMGR_DELETE_POINTS_DBONLY        DRVHOST_MOUNTMGR_CTL_(3, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_NEXT_DRIVE_LETTER           DRVHOST_MOUNTMGR_CTL_(4, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_AUTO_DL_ASSIGNMENTS         DRVHOST_MOUNTMGR_CTL_(5, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_VOLUME_MOUNT_POINT_CREATED  DRVHOST_MOUNTMGR_CTL_(6, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_VOLUME_MOUNT_POINT_DELETED  DRVHOST_MOUNTMGR_CTL_(7, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_CHANGE_NOTIFY               DRVHOST_MOUNTMGR_CTL_(8, FILE_READ_ACCESS)
#define IOCTL_MOUNTMGR_KEEP_LINKS_WHEN_OFFLINE     DRVHOST_MOUNTMGR_CTL_(9, DRVHOST_MOUNTMGR_RW_)
#define IOCTL_MOUNTMGR_CHECK_UNPROCESSED_VOLUMES   DRVHOST_MOUNTMGR_CTL_(10, FILE_ANY_ACCESS)
#define IOCTL_MOUNTMGR_VOLUME_ARRIVAL_NOTIFICATION DRVHOST_MOUNTMGR_CTL_(11, FILE_ANY_ACCESS)
#define IOCTL_MOUNTMGR_QUERY_DOS_VOLUME_PATH       DRVHOST_MOUNTMGR_CTL_(12, FILE_ANY_ACCESS)
#define IOCTL_MOUNTMGR_QUERY_DOS_VOLUME_PATHS      DRVHOST_MOUNTMGR_CTL_(13, FILE_ANY_ACCESS)

/* Sent by the mount manager to a volume: its device name. */
#define IOCTL_MOUNTDEV_QUERY_DEVICE_NAME                                                           \
    CTL_CODE(MOUNTDEVCONTROLTYPE, 2, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _MOUNTDEV_NAME {
    USHORT NameLength; /* bytes */
    WCHAR Name[1];
} MOUNTDEV_NAME, *PMOUNTDEV_NAME;

/* The device interface class a volume registers for the mount manager. */
DEFINE_GUID(MOUNTDEV_MOUNTED_DEVICE_GUID, 0x53f5630dL, 0xb6bf, 0x11d0, 0x94, 0xf2, 0x00, 0xa0, 0xc9,
            0x1e, 0xfb, 0x8b);

typedef struct _MOUNTMGR_CREATE_POINT_INPUT {
    USHORT SymbolicLinkNameOffset; /* from the start of this structure */
    USHORT SymbolicLinkNameLength;
    USHORT DeviceNameOffset;
    USHORT DeviceNameLength;
} MOUNTMGR_CREATE_POINT_INPUT, *PMOUNTMGR_CREATE_POINT_INPUT;

typedef struct _MOUNTMGR_MOUNT_POINT {
    ULONG SymbolicLinkNameOffset;
    USHORT SymbolicLinkNameLength;
    USHORT Reserved1;
    ULONG UniqueIdOffset;
    USHORT UniqueIdLength;
    USHORT Reserved2;
    ULONG DeviceNameOffset;
    USHORT DeviceNameLength;
    USHORT Reserved3;
} MOUNTMGR_MOUNT_POINT, *PMOUNTMGR_MOUNT_POINT;

typedef struct _MOUNTMGR_MOUNT_POINTS {
    ULONG Size;
    ULONG NumberOfMountPoints;
    MOUNTMGR_MOUNT_POINT MountPoints[1];
} MOUNTMGR_MOUNT_POINTS, *PMOUNTMGR_MOUNT_POINTS;

typedef struct _MOUNTMGR_DRIVE_LETTER_TARGET {
    USHORT DeviceNameLength;
    WCHAR DeviceName[1];
} MOUNTMGR_DRIVE_LETTER_TARGET, *PMOUNTMGR_DRIVE_LETTER_TARGET;

typedef struct _MOUNTMGR_DRIVE_LETTER_INFORMATION {
    BOOLEAN DriveLetterWasAssigned;
    UCHAR CurrentDriveLetter;
} MOUNTMGR_DRIVE_LETTER_INFORMATION, *PMOUNTMGR_DRIVE_LETTER_INFORMATION;

typedef struct _MOUNTMGR_VOLUME_MOUNT_POINT {
    USHORT SourceVolumeNameOffset;
    USHORT SourceVolumeNameLength;
    USHORT TargetVolumeNameOffset;
    USHORT TargetVolumeNameLength;
} MOUNTMGR_VOLUME_MOUNT_POINT, *PMOUNTMGR_VOLUME_MOUNT_POINT;

typedef struct _MOUNTMGR_CHANGE_NOTIFY_INFO {
    ULONG EpicNumber;
} MOUNTMGR_CHANGE_NOTIFY_INFO, *PMOUNTMGR_CHANGE_NOTIFY_INFO;

typedef struct _MOUNTMGR_TARGET_NAME {
    USHORT DeviceNameLength;
    WCHAR DeviceName[1];
} MOUNTMGR_TARGET_NAME, *PMOUNTMGR_TARGET_NAME;

#endif
