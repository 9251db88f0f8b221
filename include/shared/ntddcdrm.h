/*
 * ntddcdrm.h - the CD-ROM device interface: the IOCTL_CDROM_* control codes (device type
 * FILE_DEVICE_CD_ROM), the table of contents (CDROM_TOC, READ_TOC_EX and its formats), audio
 * play and seek, raw reads, the disk type. Names, values and x64 layouts as documented
 * (wdk-ddi-src/content/ntddcdrm/); pinned by tests/storage. drvhost runs no CD-ROM stack:
 * these are definitions only.
 */
#ifndef _NTDDCDRM_
#define _NTDDCDRM_

#include <ntdef.h>
#include <devioctl.h>
#include <ntddstor.h>

#define IOCTL_CDROM_BASE                  FILE_DEVICE_CD_ROM
#define DRVHOST_CDROM_CTL_(n, access)     CTL_CODE(IOCTL_CDROM_BASE, (n), METHOD_BUFFERED, (access))
#define IOCTL_CDROM_UNLOAD_DRIVER         DRVHOST_CDROM_CTL_(0x0402, FILE_READ_ACCESS)
#define IOCTL_CDROM_READ_TOC              DRVHOST_CDROM_CTL_(0x0000, FILE_READ_ACCESS)
#define IOCTL_CDROM_SEEK_AUDIO_MSF        DRVHOST_CDROM_CTL_(0x0001, FILE_READ_ACCESS)
#define IOCTL_CDROM_STOP_AUDIO            DRVHOST_CDROM_CTL_(0x0002, FILE_READ_ACCESS)
#define IOCTL_CDROM_PAUSE_AUDIO           DRVHOST_CDROM_CTL_(0x0003, FILE_READ_ACCESS)
#define IOCTL_CDROM_RESUME_AUDIO          DRVHOST_CDROM_CTL_(0x0004, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_VOLUME            DRVHOST_CDROM_CTL_(0x0005, FILE_READ_ACCESS)
#define IOCTL_CDROM_PLAY_AUDIO_MSF        DRVHOST_CDROM_CTL_(0x0006, FILE_READ_ACCESS)
#define IOCTL_CDROM_SET_VOLUME            DRVHOST_CDROM_CTL_(0x000A, FILE_READ_ACCESS)
#define IOCTL_CDROM_READ_Q_CHANNEL        DRVHOST_CDROM_CTL_(0x000B, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_CONTROL           DRVHOST_CDROM_CTL_(0x000D, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_LAST_SESSION      DRVHOST_CDROM_CTL_(0x000E, FILE_READ_ACCESS)
#define IOCTL_CDROM_RAW_READ              CTL_CODE(IOCTL_CDROM_BASE, 0x000F, METHOD_OUT_DIRECT, FILE_READ_ACCESS)
#define IOCTL_CDROM_DISK_TYPE             DRVHOST_CDROM_CTL_(0x0010, FILE_ANY_ACCESS)
#define IOCTL_CDROM_GET_DRIVE_GEOMETRY    DRVHOST_CDROM_CTL_(0x0013, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_DRIVE_GEOMETRY_EX DRVHOST_CDROM_CTL_(0x0014, FILE_READ_ACCESS)
#define IOCTL_CDROM_READ_TOC_EX           DRVHOST_CDROM_CTL_(0x0015, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_CONFIGURATION     DRVHOST_CDROM_CTL_(0x0016, FILE_READ_ACCESS)
#define IOCTL_CDROM_EXCLUSIVE_ACCESS                                                               \
    DRVHOST_CDROM_CTL_(0x0017, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_CDROM_SET_SPEED        DRVHOST_CDROM_CTL_(0x0018, FILE_READ_ACCESS)
#define IOCTL_CDROM_GET_INQUIRY_DATA DRVHOST_CDROM_CTL_(0x0019, FILE_READ_ACCESS)
#define IOCTL_CDROM_ENABLE_STREAMING DRVHOST_CDROM_CTL_(0x001A, FILE_READ_ACCESS)
#define IOCTL_CDROM_SEND_OPC_INFORMATION                                                           \
    DRVHOST_CDROM_CTL_(0x001B, FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_CDROM_GET_PERFORMANCE  DRVHOST_CDROM_CTL_(0x001C, FILE_READ_ACCESS)
#define IOCTL_CDROM_CHECK_VERIFY     DRVHOST_CDROM_CTL_(0x0200, FILE_READ_ACCESS)
#define IOCTL_CDROM_MEDIA_REMOVAL    DRVHOST_CDROM_CTL_(0x0201, FILE_READ_ACCESS)
#define IOCTL_CDROM_EJECT_MEDIA      DRVHOST_CDROM_CTL_(0x0202, FILE_READ_ACCESS)
#define IOCTL_CDROM_LOAD_MEDIA       DRVHOST_CDROM_CTL_(0x0203, FILE_READ_ACCESS)
#define IOCTL_CDROM_RESERVE          DRVHOST_CDROM_CTL_(0x0204, FILE_READ_ACCESS)
#define IOCTL_CDROM_RELEASE          DRVHOST_CDROM_CTL_(0x0205, FILE_READ_ACCESS)
#define IOCTL_CDROM_FIND_NEW_DEVICES DRVHOST_CDROM_CTL_(0x0206, FILE_READ_ACCESS)

/* ---- the table of contents ------------------------------------------------------------------ */
#define MAXIMUM_NUMBER_TRACKS          100
#define MAXIMUM_CDROM_SIZE             804
#define MINIMUM_CDROM_READ_TOC_EX_SIZE 2

typedef struct _TRACK_DATA {
    UCHAR Reserved;
    UCHAR Control : 4;
    UCHAR Adr : 4;
    UCHAR TrackNumber;
    UCHAR Reserved1;
    UCHAR Address[4];
} TRACK_DATA, *PTRACK_DATA;

typedef struct _CDROM_TOC {
    UCHAR Length[2]; /* big-endian, not counting these two bytes */
    UCHAR FirstTrack;
    UCHAR LastTrack;
    TRACK_DATA TrackData[MAXIMUM_NUMBER_TRACKS];
} CDROM_TOC, *PCDROM_TOC;
#define CDROM_TOC_SIZE sizeof(CDROM_TOC)

typedef struct _CDROM_READ_TOC_EX {
    UCHAR Format : 4; /* CDROM_READ_TOC_EX_FORMAT_* */
    UCHAR Reserved1 : 3;
    UCHAR Msf : 1;
    UCHAR SessionTrack;
    UCHAR Reserved2;
    UCHAR Reserved3;
} CDROM_READ_TOC_EX, *PCDROM_READ_TOC_EX;
#define CDROM_READ_TOC_EX_FORMAT_TOC      0x00
#define CDROM_READ_TOC_EX_FORMAT_SESSION  0x01
#define CDROM_READ_TOC_EX_FORMAT_FULL_TOC 0x02
#define CDROM_READ_TOC_EX_FORMAT_PMA      0x03
#define CDROM_READ_TOC_EX_FORMAT_ATIP     0x04
#define CDROM_READ_TOC_EX_FORMAT_CDTEXT   0x05

typedef struct _CDROM_TOC_SESSION_DATA {
    UCHAR Length[2];
    UCHAR FirstCompleteSession;
    UCHAR LastCompleteSession;
    TRACK_DATA TrackData[1];
} CDROM_TOC_SESSION_DATA, *PCDROM_TOC_SESSION_DATA;

/* TRACK_DATA.Control bits. */
#define AUDIO_WITH_PREEMPHASIS 0x1
#define DIGITAL_COPY_PERMITTED 0x2
#define AUDIO_DATA_TRACK       0x4
#define TWO_FOUR_CHANNEL_AUDIO 0x8

/* ---- audio ---------------------------------------------------------------------------------- */
typedef struct _CDROM_PLAY_AUDIO_MSF {
    UCHAR StartingM;
    UCHAR StartingS;
    UCHAR StartingF;
    UCHAR EndingM;
    UCHAR EndingS;
    UCHAR EndingF;
} CDROM_PLAY_AUDIO_MSF, *PCDROM_PLAY_AUDIO_MSF;

typedef struct _CDROM_SEEK_AUDIO_MSF {
    UCHAR M;
    UCHAR S;
    UCHAR F;
} CDROM_SEEK_AUDIO_MSF, *PCDROM_SEEK_AUDIO_MSF;

typedef struct _CDROM_AUDIO_CONTROL {
    UCHAR LbaFormat;
    USHORT LogicalBlocksPerSecond;
} CDROM_AUDIO_CONTROL, *PCDROM_AUDIO_CONTROL;

#define MAXIMUM_NUMBER_OF_PORTS 4
typedef struct _VOLUME_CONTROL {
    UCHAR PortVolume[4];
} VOLUME_CONTROL, *PVOLUME_CONTROL;

typedef struct _CDROM_SUB_Q_DATA_FORMAT {
    UCHAR Format;
    UCHAR Track;
} CDROM_SUB_Q_DATA_FORMAT, *PCDROM_SUB_Q_DATA_FORMAT;
#define IOCTL_CDROM_SUB_Q_CHANNEL    0x00
#define IOCTL_CDROM_CURRENT_POSITION 0x01
#define IOCTL_CDROM_MEDIA_CATALOG    0x02
#define IOCTL_CDROM_TRACK_ISRC       0x03

/* ---- disk type and raw reads ------------------------------------------------------------------
 */
typedef struct _CDROM_DISK_DATA {
    ULONG DiskData; /* CDROM_DISK_* */
} CDROM_DISK_DATA, *PCDROM_DISK_DATA;
#define CDROM_DISK_AUDIO_TRACK (0x00000001)
#define CDROM_DISK_DATA_TRACK  (0x00000002)

typedef enum _TRACK_MODE_TYPE {
    YellowMode2,
    XAForm2,
    CDDA,
    RawWithC2AndSubCode,
    RawWithC2,
    RawWithSubCode
} TRACK_MODE_TYPE, *PTRACK_MODE_TYPE;

typedef struct __RAW_READ_INFO {
    LARGE_INTEGER DiskOffset;
    ULONG SectorCount;
    TRACK_MODE_TYPE TrackMode;
} RAW_READ_INFO, *PRAW_READ_INFO;

#define CD_RAW_READ_C2_SIZE                    (296)
#define CD_RAW_READ_SUBCODE_SIZE               (96)
#define CD_RAW_SECTOR_WITH_C2_SIZE             (2352 + 296)
#define CD_RAW_SECTOR_WITH_SUBCODE_SIZE        (2352 + 96)
#define CD_RAW_SECTOR_WITH_C2_AND_SUBCODE_SIZE (2352 + 296 + 96)

typedef enum _CDROM_SPEED_REQUEST {
    CdromSetSpeed,
    CdromSetStreaming
} CDROM_SPEED_REQUEST, *PCDROM_SPEED_REQUEST;

typedef enum _WRITE_ROTATION {
    CdromDefaultRotation,
    CdromCAVRotation
} WRITE_ROTATION, *PWRITE_ROTATION;

typedef struct _CDROM_SET_SPEED {
    CDROM_SPEED_REQUEST RequestType;
    USHORT ReadSpeed;
    USHORT WriteSpeed;
    WRITE_ROTATION RotationControl;
} CDROM_SET_SPEED, *PCDROM_SET_SPEED;

typedef enum _CDROM_EXCLUSIVE_REQUEST_TYPE {
    ExclusiveAccessQueryState,
    ExclusiveAccessLockDevice,
    ExclusiveAccessUnlockDevice
} EXCLUSIVE_ACCESS_REQUEST_TYPE, *PEXCLUSIVE_ACCESS_REQUEST_TYPE;

typedef struct _CDROM_EXCLUSIVE_ACCESS {
    EXCLUSIVE_ACCESS_REQUEST_TYPE RequestType;
    ULONG Flags;
} CDROM_EXCLUSIVE_ACCESS, *PCDROM_EXCLUSIVE_ACCESS;
#define CDROM_LOCK_IGNORE_VOLUME     (1 << 0)
#define CDROM_NO_MEDIA_NOTIFICATIONS (1 << 1)
#define CDROM_NOT_IN_EXCLUSIVE_MODE  0
#define CDROM_IN_EXCLUSIVE_MODE      1

#endif
