/*
 * ntdddisk.h - the disk device interface: the IOCTL_DISK_* control codes (device type
 * FILE_DEVICE_DISK), media types, geometry, MBR and GPT partition information and drive
 * layouts, the partition type codes, cache and performance information, and the SMART
 * (ATA self-monitoring) command structures. Names, values and x64 layouts as documented
 * (wdk-ddi-src/content/ntdddisk/); pinned by tests/storage. drvhost runs no disk stack:
 * these are definitions only.
 */
#ifndef _NTDDDISK_H_
#define _NTDDDISK_H_

#include <ntdef.h>
#include <devioctl.h>
#include <guiddef.h>
#include <ntddstor.h>

/* ---- control codes ------------------------------------------------------------------------- */
#define IOCTL_DISK_BASE                     FILE_DEVICE_DISK
#define DRVHOST_DISK_CTL_(n, access)        CTL_CODE(IOCTL_DISK_BASE, (n), METHOD_BUFFERED, (access))
#define DRVHOST_DISK_RW_                    (FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_DISK_GET_DRIVE_GEOMETRY       DRVHOST_DISK_CTL_(0x0000, FILE_ANY_ACCESS)
#define IOCTL_DISK_GET_PARTITION_INFO       DRVHOST_DISK_CTL_(0x0001, FILE_READ_ACCESS)
#define IOCTL_DISK_SET_PARTITION_INFO       DRVHOST_DISK_CTL_(0x0002, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GET_DRIVE_LAYOUT         DRVHOST_DISK_CTL_(0x0003, FILE_READ_ACCESS)
#define IOCTL_DISK_SET_DRIVE_LAYOUT         DRVHOST_DISK_CTL_(0x0004, DRVHOST_DISK_RW_)
#define IOCTL_DISK_VERIFY                   DRVHOST_DISK_CTL_(0x0005, FILE_ANY_ACCESS)
#define IOCTL_DISK_FORMAT_TRACKS            DRVHOST_DISK_CTL_(0x0006, DRVHOST_DISK_RW_)
#define IOCTL_DISK_REASSIGN_BLOCKS          DRVHOST_DISK_CTL_(0x0007, DRVHOST_DISK_RW_)
#define IOCTL_DISK_PERFORMANCE              DRVHOST_DISK_CTL_(0x0008, FILE_ANY_ACCESS)
#define IOCTL_DISK_IS_WRITABLE              DRVHOST_DISK_CTL_(0x0009, FILE_ANY_ACCESS)
#define IOCTL_DISK_LOGGING                  DRVHOST_DISK_CTL_(0x000a, FILE_ANY_ACCESS)
#define IOCTL_DISK_FORMAT_TRACKS_EX         DRVHOST_DISK_CTL_(0x000b, DRVHOST_DISK_RW_)
#define IOCTL_DISK_HISTOGRAM_STRUCTURE      DRVHOST_DISK_CTL_(0x000c, FILE_ANY_ACCESS)
#define IOCTL_DISK_HISTOGRAM_DATA           DRVHOST_DISK_CTL_(0x000d, FILE_ANY_ACCESS)
#define IOCTL_DISK_HISTOGRAM_RESET          DRVHOST_DISK_CTL_(0x000e, FILE_ANY_ACCESS)
#define IOCTL_DISK_REQUEST_STRUCTURE        DRVHOST_DISK_CTL_(0x000f, FILE_ANY_ACCESS)
#define IOCTL_DISK_REQUEST_DATA             DRVHOST_DISK_CTL_(0x0010, FILE_ANY_ACCESS)
#define IOCTL_DISK_CONTROLLER_NUMBER        DRVHOST_DISK_CTL_(0x0011, FILE_ANY_ACCESS)
#define IOCTL_DISK_GET_PARTITION_INFO_EX    DRVHOST_DISK_CTL_(0x0012, FILE_ANY_ACCESS)
#define IOCTL_DISK_SET_PARTITION_INFO_EX    DRVHOST_DISK_CTL_(0x0013, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GET_DRIVE_LAYOUT_EX      DRVHOST_DISK_CTL_(0x0014, FILE_ANY_ACCESS)
#define IOCTL_DISK_SET_DRIVE_LAYOUT_EX      DRVHOST_DISK_CTL_(0x0015, DRVHOST_DISK_RW_)
#define IOCTL_DISK_CREATE_DISK              DRVHOST_DISK_CTL_(0x0016, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GET_LENGTH_INFO          DRVHOST_DISK_CTL_(0x0017, FILE_READ_ACCESS)
#define IOCTL_DISK_PERFORMANCE_OFF          DRVHOST_DISK_CTL_(0x0018, FILE_ANY_ACCESS)
#define IOCTL_DISK_COPY_DATA                DRVHOST_DISK_CTL_(0x0019, DRVHOST_DISK_RW_)
#define SMART_GET_VERSION                   DRVHOST_DISK_CTL_(0x0020, FILE_READ_ACCESS)
#define SMART_SEND_DRIVE_COMMAND            DRVHOST_DISK_CTL_(0x0021, DRVHOST_DISK_RW_)
#define SMART_RCV_DRIVE_DATA                DRVHOST_DISK_CTL_(0x0022, DRVHOST_DISK_RW_)
#define SMART_RCV_DRIVE_DATA_EX             DRVHOST_DISK_CTL_(0x0023, FILE_ANY_ACCESS)
#define IOCTL_DISK_GET_DRIVE_GEOMETRY_EX    DRVHOST_DISK_CTL_(0x0028, FILE_ANY_ACCESS)
#define IOCTL_DISK_REASSIGN_BLOCKS_EX       DRVHOST_DISK_CTL_(0x0029, DRVHOST_DISK_RW_)
#define IOCTL_DISK_UPDATE_DRIVE_SIZE        DRVHOST_DISK_CTL_(0x0032, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GROW_PARTITION           DRVHOST_DISK_CTL_(0x0034, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GET_CACHE_INFORMATION    DRVHOST_DISK_CTL_(0x0035, FILE_READ_ACCESS)
#define IOCTL_DISK_SET_CACHE_INFORMATION    DRVHOST_DISK_CTL_(0x0036, DRVHOST_DISK_RW_)
#define OBSOLETE_DISK_GET_WRITE_CACHE_STATE DRVHOST_DISK_CTL_(0x0037, FILE_READ_ACCESS)
#define IOCTL_DISK_GET_DISK_ATTRIBUTES      DRVHOST_DISK_CTL_(0x003c, FILE_ANY_ACCESS)
#define IOCTL_DISK_SET_DISK_ATTRIBUTES      DRVHOST_DISK_CTL_(0x003d, DRVHOST_DISK_RW_)
#define IOCTL_DISK_DELETE_DRIVE_LAYOUT      DRVHOST_DISK_CTL_(0x0040, DRVHOST_DISK_RW_)
#define IOCTL_DISK_UPDATE_PROPERTIES        DRVHOST_DISK_CTL_(0x0050, FILE_ANY_ACCESS)
#define IOCTL_DISK_RESET_SNAPSHOT_INFO      DRVHOST_DISK_CTL_(0x0084, DRVHOST_DISK_RW_)
#define IOCTL_DISK_GET_CLUSTER_INFO         DRVHOST_DISK_CTL_(0x0085, FILE_ANY_ACCESS)
#define IOCTL_DISK_SET_CLUSTER_INFO         DRVHOST_DISK_CTL_(0x0086, DRVHOST_DISK_RW_)
#define IOCTL_DISK_ARE_VOLUMES_READY        DRVHOST_DISK_CTL_(0x0087, FILE_READ_ACCESS)
#define IOCTL_DISK_FORMAT_DRIVE             DRVHOST_DISK_CTL_(0x00f3, DRVHOST_DISK_RW_)
#define IOCTL_DISK_SENSE_DEVICE             DRVHOST_DISK_CTL_(0x00f8, FILE_ANY_ACCESS)
#define IOCTL_DISK_CHECK_VERIFY             DRVHOST_DISK_CTL_(0x0200, FILE_READ_ACCESS)
#define IOCTL_DISK_MEDIA_REMOVAL            DRVHOST_DISK_CTL_(0x0201, FILE_READ_ACCESS)
#define IOCTL_DISK_EJECT_MEDIA              DRVHOST_DISK_CTL_(0x0202, FILE_READ_ACCESS)
#define IOCTL_DISK_LOAD_MEDIA               DRVHOST_DISK_CTL_(0x0203, FILE_READ_ACCESS)
#define IOCTL_DISK_RESERVE                  DRVHOST_DISK_CTL_(0x0204, FILE_READ_ACCESS)
#define IOCTL_DISK_RELEASE                  DRVHOST_DISK_CTL_(0x0205, FILE_READ_ACCESS)
#define IOCTL_DISK_FIND_NEW_DEVICES         DRVHOST_DISK_CTL_(0x0206, FILE_READ_ACCESS)
#define IOCTL_DISK_GET_MEDIA_TYPES          DRVHOST_DISK_CTL_(0x0300, FILE_ANY_ACCESS)
/* Internal (kernel-mode) requests of the disk class driver. */
#define IOCTL_DISK_INTERNAL_SET_VERIFY                                                             \
    CTL_CODE(IOCTL_DISK_BASE, 0x0100, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_DISK_INTERNAL_CLEAR_VERIFY                                                           \
    CTL_CODE(IOCTL_DISK_BASE, 0x0101, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_DISK_INTERNAL_SET_NOTIFY                                                             \
    CTL_CODE(IOCTL_DISK_BASE, 0x0102, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* ---- partition types (PARTITION_INFORMATION.PartitionType) ------------------------------------
 */
#define PARTITION_ENTRY_UNUSED    0x00
#define PARTITION_FAT_12          0x01
#define PARTITION_XENIX_1         0x02
#define PARTITION_XENIX_2         0x03
#define PARTITION_FAT_16          0x04
#define PARTITION_EXTENDED        0x05
#define PARTITION_HUGE            0x06
#define PARTITION_IFS             0x07
#define PARTITION_OS2BOOTMGR      0x0A
#define PARTITION_FAT32           0x0B
#define PARTITION_FAT32_XINT13    0x0C
#define PARTITION_XINT13          0x0E
#define PARTITION_XINT13_EXTENDED 0x0F
#define PARTITION_MSFT_RECOVERY   0x27
#define PARTITION_MAIN_OS         0x28
#define PARTIITON_OS_DATA         0x29
#define PARTITION_PRE_INSTALLED   0x2a
#define PARTITION_BSP             0x2b
#define PARTITION_DPP             0x2c
#define PARTITION_WINDOWS_SYSTEM  0x2d
#define PARTITION_PREP            0x41
#define PARTITION_LDM             0x42
#define PARTITION_DM              0x54
#define PARTITION_EZDRIVE         0x55
#define PARTITION_UNIX            0x63
#define PARTITION_SPACES_DATA     0xD7
#define PARTITION_SPACES          0xE7
#define PARTITION_GPT             0xEE
#define PARTITION_SYSTEM          0xEF
#define VALID_NTFT                0xC0
#define PARTITION_NTFT            0x80

#define IsRecognizedPartition(PartitionType)                                                       \
    (((PartitionType) == PARTITION_FAT_12) || ((PartitionType) == PARTITION_FAT_16) ||             \
     ((PartitionType) == PARTITION_HUGE) || ((PartitionType) == PARTITION_IFS) ||                  \
     ((PartitionType) == PARTITION_FAT32) || ((PartitionType) == PARTITION_FAT32_XINT13) ||        \
     ((PartitionType) == PARTITION_XINT13) ||                                                      \
     (((PartitionType)&PARTITION_NTFT) &&                                                          \
      ((((PartitionType) & ~VALID_NTFT) == PARTITION_FAT_12) ||                                    \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_FAT_16) ||                                    \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_HUGE) ||                                      \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_IFS) ||                                       \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_FAT32) ||                                     \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_FAT32_XINT13) ||                              \
       (((PartitionType) & ~VALID_NTFT) == PARTITION_XINT13))))
#define IsContainerPartition(PartitionType)                                                        \
    (((PartitionType) == PARTITION_EXTENDED) || ((PartitionType) == PARTITION_XINT13_EXTENDED))
#define IsFTPartition(PartitionType)                                                               \
    (((PartitionType)&PARTITION_NTFT) && IsRecognizedPartition(PartitionType))

/* ---- media and geometry ---------------------------------------------------------------------- */
typedef enum _MEDIA_TYPE {
    Unknown,
    F5_1Pt2_512,
    F3_1Pt44_512,
    F3_2Pt88_512,
    F3_20Pt8_512,
    F3_720_512,
    F5_360_512,
    F5_320_512,
    F5_320_1024,
    F5_180_512,
    F5_160_512,
    RemovableMedia,
    FixedMedia,
    F3_120M_512,
    F3_640_512,
    F5_640_512,
    F5_720_512,
    F3_1Pt2_512,
    F3_1Pt23_1024,
    F5_1Pt23_1024,
    F3_128Mb_512,
    F3_230Mb_512,
    F8_256_128,
    F3_200Mb_512,
    F3_240M_512,
    F3_32M_512
} MEDIA_TYPE, *PMEDIA_TYPE;

typedef struct _DISK_GEOMETRY {
    LARGE_INTEGER Cylinders;
    MEDIA_TYPE MediaType;
    ULONG TracksPerCylinder;
    ULONG SectorsPerTrack;
    ULONG BytesPerSector;
} DISK_GEOMETRY, *PDISK_GEOMETRY;

#define WMI_DISK_GEOMETRY_GUID                                                                     \
    {                                                                                              \
        0x25007f51, 0x57c2, 0x11d1,                                                                \
        {                                                                                          \
            0xa5, 0x28, 0x0, 0xa0, 0xc9, 0x6, 0x29, 0x10                                           \
        }                                                                                          \
    }

typedef struct _DISK_INT13_INFO {
    USHORT DriveSelect;
    ULONG MaxCylinders;
    USHORT SectorsPerTrack;
    USHORT MaxHeads;
    USHORT NumberDrives;
} DISK_INT13_INFO, *PDISK_INT13_INFO;

typedef struct _DISK_EX_INT13_INFO {
    USHORT ExBufferSize;
    USHORT ExFlags;
    ULONG ExCylinders;
    ULONG ExHeads;
    ULONG ExSectorsPerTrack;
    ULONG64 ExSectorsPerDrive;
    USHORT ExSectorSize;
    USHORT ExReserved;
} DISK_EX_INT13_INFO, *PDISK_EX_INT13_INFO;

typedef enum _DETECTION_TYPE {
    DetectNone,
    DetectInt13,
    DetectExInt13
} DETECTION_TYPE;

typedef struct _DISK_DETECTION_INFO {
    ULONG SizeOfDetectInfo;
    DETECTION_TYPE DetectionType;
    union {
        struct {
            DISK_INT13_INFO Int13;
            DISK_EX_INT13_INFO ExInt13;
        };
    };
} DISK_DETECTION_INFO, *PDISK_DETECTION_INFO;

typedef enum _PARTITION_STYLE {
    PARTITION_STYLE_MBR,
    PARTITION_STYLE_GPT,
    PARTITION_STYLE_RAW
} PARTITION_STYLE;

typedef struct _DISK_PARTITION_INFO {
    ULONG SizeOfPartitionInfo;
    PARTITION_STYLE PartitionStyle;
    union {
        struct {
            ULONG Signature;
            ULONG CheckSum;
        } Mbr;
        struct {
            GUID DiskId;
        } Gpt;
    };
} DISK_PARTITION_INFO, *PDISK_PARTITION_INFO;

typedef struct _DISK_GEOMETRY_EX {
    DISK_GEOMETRY Geometry;
    LARGE_INTEGER DiskSize;
    UCHAR Data[1]; /* a DISK_PARTITION_INFO, then a DISK_DETECTION_INFO */
} DISK_GEOMETRY_EX, *PDISK_GEOMETRY_EX;
#define DiskGeometryGetPartition(Geometry) ((PDISK_PARTITION_INFO)((Geometry)->Data))
#define DiskGeometryGetDetect(Geometry)                                                            \
    ((PDISK_DETECTION_INFO)(((ULONG_PTR)DiskGeometryGetPartition(Geometry) +                       \
                             DiskGeometryGetPartition(Geometry)->SizeOfPartitionInfo)))

/* ---- partitions and layouts ------------------------------------------------------------------ */
typedef struct _PARTITION_INFORMATION {
    LARGE_INTEGER StartingOffset;
    LARGE_INTEGER PartitionLength;
    ULONG HiddenSectors;
    ULONG PartitionNumber;
    UCHAR PartitionType;
    BOOLEAN BootIndicator;
    BOOLEAN RecognizedPartition;
    BOOLEAN RewritePartition;
} PARTITION_INFORMATION, *PPARTITION_INFORMATION;

typedef struct _SET_PARTITION_INFORMATION {
    UCHAR PartitionType;
} SET_PARTITION_INFORMATION, *PSET_PARTITION_INFORMATION;

typedef struct _DRIVE_LAYOUT_INFORMATION {
    ULONG PartitionCount;
    ULONG Signature;
    PARTITION_INFORMATION PartitionEntry[1];
} DRIVE_LAYOUT_INFORMATION, *PDRIVE_LAYOUT_INFORMATION;

typedef struct _VERIFY_INFORMATION {
    LARGE_INTEGER StartingOffset;
    ULONG Length;
} VERIFY_INFORMATION, *PVERIFY_INFORMATION;

typedef struct _REASSIGN_BLOCKS {
    USHORT Reserved;
    USHORT Count;
    ULONG BlockNumber[1];
} REASSIGN_BLOCKS, *PREASSIGN_BLOCKS;

#include <pshpack1.h>
typedef struct _REASSIGN_BLOCKS_EX {
    USHORT Reserved;
    USHORT Count;
    LARGE_INTEGER BlockNumber[1];
} REASSIGN_BLOCKS_EX, *PREASSIGN_BLOCKS_EX;
#include <poppack.h>

typedef struct _PARTITION_INFORMATION_GPT {
    GUID PartitionType;
    GUID PartitionId;
    ULONG64 Attributes;
    WCHAR Name[36];
} PARTITION_INFORMATION_GPT, *PPARTITION_INFORMATION_GPT;

#define GPT_ATTRIBUTE_PLATFORM_REQUIRED          (0x0000000000000001ULL)
#define GPT_ATTRIBUTE_NO_BLOCK_IO_PROTOCOL       (0x0000000000000002ULL)
#define GPT_ATTRIBUTE_LEGACY_BIOS_BOOTABLE       (0x0000000000000004ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_NO_DRIVE_LETTER (0x8000000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_HIDDEN          (0x4000000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_SHADOW_COPY     (0x2000000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_READ_ONLY       (0x1000000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_OFFLINE         (0x0800000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_DAX             (0x0400000000000000ULL)
#define GPT_BASIC_DATA_ATTRIBUTE_SERVICE         (0x0200000000000000ULL)

typedef struct _PARTITION_INFORMATION_MBR {
    UCHAR PartitionType;
    BOOLEAN BootIndicator;
    BOOLEAN RecognizedPartition;
    ULONG HiddenSectors;
    GUID PartitionId;
} PARTITION_INFORMATION_MBR, *PPARTITION_INFORMATION_MBR;

typedef SET_PARTITION_INFORMATION SET_PARTITION_INFORMATION_MBR;
typedef PARTITION_INFORMATION_GPT SET_PARTITION_INFORMATION_GPT;

typedef struct _SET_PARTITION_INFORMATION_EX {
    PARTITION_STYLE PartitionStyle;
    union {
        SET_PARTITION_INFORMATION_MBR Mbr;
        SET_PARTITION_INFORMATION_GPT Gpt;
    };
} SET_PARTITION_INFORMATION_EX, *PSET_PARTITION_INFORMATION_EX;

typedef struct _CREATE_DISK_GPT {
    GUID DiskId;
    ULONG MaxPartitionCount;
} CREATE_DISK_GPT, *PCREATE_DISK_GPT;

typedef struct _CREATE_DISK_MBR {
    ULONG Signature;
} CREATE_DISK_MBR, *PCREATE_DISK_MBR;

typedef struct _CREATE_DISK {
    PARTITION_STYLE PartitionStyle;
    union {
        CREATE_DISK_MBR Mbr;
        CREATE_DISK_GPT Gpt;
    };
} CREATE_DISK, *PCREATE_DISK;

typedef struct _GET_LENGTH_INFORMATION {
    LARGE_INTEGER Length;
} GET_LENGTH_INFORMATION, *PGET_LENGTH_INFORMATION;

typedef struct _PARTITION_INFORMATION_EX {
    PARTITION_STYLE PartitionStyle;
    LARGE_INTEGER StartingOffset;
    LARGE_INTEGER PartitionLength;
    ULONG PartitionNumber;
    BOOLEAN RewritePartition;
    BOOLEAN IsServicePartition;
    union {
        PARTITION_INFORMATION_MBR Mbr;
        PARTITION_INFORMATION_GPT Gpt;
    };
} PARTITION_INFORMATION_EX, *PPARTITION_INFORMATION_EX;

typedef struct _DRIVE_LAYOUT_INFORMATION_GPT {
    GUID DiskId;
    LARGE_INTEGER StartingUsableOffset;
    LARGE_INTEGER UsableLength;
    ULONG MaxPartitionCount;
} DRIVE_LAYOUT_INFORMATION_GPT, *PDRIVE_LAYOUT_INFORMATION_GPT;

typedef struct _DRIVE_LAYOUT_INFORMATION_MBR {
    ULONG Signature;
    ULONG CheckSum;
} DRIVE_LAYOUT_INFORMATION_MBR, *PDRIVE_LAYOUT_INFORMATION_MBR;

typedef struct _DRIVE_LAYOUT_INFORMATION_EX {
    ULONG PartitionStyle;
    ULONG PartitionCount;
    union {
        DRIVE_LAYOUT_INFORMATION_MBR Mbr;
        DRIVE_LAYOUT_INFORMATION_GPT Gpt;
    };
    PARTITION_INFORMATION_EX PartitionEntry[1];
} DRIVE_LAYOUT_INFORMATION_EX, *PDRIVE_LAYOUT_INFORMATION_EX;

typedef struct _DISK_GROW_PARTITION {
    ULONG PartitionNumber;
    LARGE_INTEGER BytesToGrow;
} DISK_GROW_PARTITION, *PDISK_GROW_PARTITION;

/* ---- formatting ---------------------------------------------------------------------------- */
typedef struct _FORMAT_PARAMETERS {
    MEDIA_TYPE MediaType;
    ULONG StartCylinderNumber;
    ULONG EndCylinderNumber;
    ULONG StartHeadNumber;
    ULONG EndHeadNumber;
} FORMAT_PARAMETERS, *PFORMAT_PARAMETERS;

typedef USHORT BAD_TRACK_NUMBER, *PBAD_TRACK_NUMBER;

typedef struct _FORMAT_EX_PARAMETERS {
    MEDIA_TYPE MediaType;
    ULONG StartCylinderNumber;
    ULONG EndCylinderNumber;
    ULONG StartHeadNumber;
    ULONG EndHeadNumber;
    USHORT FormatGapLength;
    USHORT SectorsPerTrack;
    USHORT SectorNumber[1];
} FORMAT_EX_PARAMETERS, *PFORMAT_EX_PARAMETERS;

/* ---- performance, cache, controller ------------------------------------------------------ */
typedef struct _DISK_PERFORMANCE {
    LARGE_INTEGER BytesRead;
    LARGE_INTEGER BytesWritten;
    LARGE_INTEGER ReadTime;
    LARGE_INTEGER WriteTime;
    LARGE_INTEGER IdleTime;
    ULONG ReadCount;
    ULONG WriteCount;
    ULONG QueueDepth;
    ULONG SplitCount;
    LARGE_INTEGER QueryTime;
    ULONG StorageDeviceNumber;
    WCHAR StorageManagerName[8];
} DISK_PERFORMANCE, *PDISK_PERFORMANCE;

typedef struct _DISK_CONTROLLER_NUMBER {
    ULONG ControllerNumber;
    ULONG DiskNumber;
} DISK_CONTROLLER_NUMBER, *PDISK_CONTROLLER_NUMBER;

typedef enum {
    EqualPriority,
    KeepPrefetchedData,
    KeepReadData
} DISK_CACHE_RETENTION_PRIORITY;

typedef struct _DISK_CACHE_INFORMATION {
    BOOLEAN ParametersSavable;
    BOOLEAN ReadCacheEnabled;
    BOOLEAN WriteCacheEnabled;
    DISK_CACHE_RETENTION_PRIORITY ReadRetentionPriority;
    DISK_CACHE_RETENTION_PRIORITY WriteRetentionPriority;
    USHORT DisablePrefetchTransferLength;
    BOOLEAN PrefetchScalar;
    union {
        struct {
            USHORT Minimum;
            USHORT Maximum;
            USHORT MaximumBlocks;
        } ScalarPrefetch;
        struct {
            USHORT Minimum;
            USHORT Maximum;
        } BlockPrefetch;
    };
} DISK_CACHE_INFORMATION, *PDISK_CACHE_INFORMATION;

typedef struct _GET_DISK_ATTRIBUTES {
    ULONG Version;
    ULONG Reserved1;
    ULONGLONG Attributes;
} GET_DISK_ATTRIBUTES, *PGET_DISK_ATTRIBUTES;

typedef struct _SET_DISK_ATTRIBUTES {
    ULONG Version;
    BOOLEAN Persist;
    BOOLEAN RelinquishOwnership; /* the kernel header's names; winioctl.h calls these reserved */
    BOOLEAN Reserved1[2];
    ULONGLONG Attributes;
    ULONGLONG AttributesMask;
    GUID Owner;
} SET_DISK_ATTRIBUTES, *PSET_DISK_ATTRIBUTES;
#define DISK_ATTRIBUTE_OFFLINE   0x0000000000000001ULL
#define DISK_ATTRIBUTE_READ_ONLY 0x0000000000000002ULL

/* ---- SMART (ATA self-monitoring) requests: byte-packed, as the ATA registers are ------------ */
#include <pshpack1.h>
typedef struct _GETVERSIONINPARAMS {
    UCHAR bVersion;
    UCHAR bRevision;
    UCHAR bReserved;
    UCHAR bIDEDeviceMap;
    ULONG fCapabilities;
    ULONG dwReserved[4];
} GETVERSIONINPARAMS, *PGETVERSIONINPARAMS, *LPGETVERSIONINPARAMS;
#define CAP_ATA_ID_CMD   1
#define CAP_ATAPI_ID_CMD 2
#define CAP_SMART_CMD    4

typedef struct _IDEREGS {
    UCHAR bFeaturesReg;
    UCHAR bSectorCountReg;
    UCHAR bSectorNumberReg;
    UCHAR bCylLowReg;
    UCHAR bCylHighReg;
    UCHAR bDriveHeadReg;
    UCHAR bCommandReg;
    UCHAR bReserved;
} IDEREGS, *PIDEREGS, *LPIDEREGS;
#define ATAPI_ID_CMD  0xA1
#define ID_CMD        0xEC
#define SMART_CMD     0xB0
#define SMART_CYL_LOW 0x4F
#define SMART_CYL_HI  0xC2

typedef struct _SENDCMDINPARAMS {
    ULONG cBufferSize;
    IDEREGS irDriveRegs;
    UCHAR bDriveNumber;
    UCHAR bReserved[3];
    ULONG dwReserved[4];
    UCHAR bBuffer[1];
} SENDCMDINPARAMS, *PSENDCMDINPARAMS, *LPSENDCMDINPARAMS;

typedef struct _DRIVERSTATUS {
    UCHAR bDriverError;
    UCHAR bIDEError;
    UCHAR bReserved[2];
    ULONG dwReserved[2];
} DRIVERSTATUS, *PDRIVERSTATUS, *LPDRIVERSTATUS;
#define SMART_NO_ERROR         0
#define SMART_IDE_ERROR        1
#define SMART_INVALID_FLAG     2
#define SMART_INVALID_COMMAND  3
#define SMART_INVALID_BUFFER   4
#define SMART_INVALID_DRIVE    5
#define SMART_INVALID_IOCTL    6
#define SMART_ERROR_NO_MEM     7
#define SMART_INVALID_REGISTER 8
#define SMART_NOT_SUPPORTED    9
#define SMART_NO_IDE_DEVICE    10

typedef struct _SENDCMDOUTPARAMS {
    ULONG cBufferSize;
    DRIVERSTATUS DriverStatus;
    UCHAR bBuffer[1];
} SENDCMDOUTPARAMS, *PSENDCMDOUTPARAMS, *LPSENDCMDOUTPARAMS;
#include <poppack.h>

#define READ_ATTRIBUTE_BUFFER_SIZE 512
#define IDENTIFY_BUFFER_SIZE       512
#define READ_THRESHOLD_BUFFER_SIZE 512
#define SMART_LOG_SECTOR_SIZE      512

#define READ_ATTRIBUTES             0xD0
#define READ_THRESHOLDS             0xD1
#define ENABLE_DISABLE_AUTOSAVE     0xD2
#define SAVE_ATTRIBUTE_VALUES       0xD3
#define EXECUTE_OFFLINE_DIAGS       0xD4
#define SMART_READ_LOG              0xD5
#define SMART_WRITE_LOG             0xd6
#define ENABLE_SMART                0xD8
#define DISABLE_SMART               0xD9
#define RETURN_SMART_STATUS         0xDA
#define ENABLE_DISABLE_AUTO_OFFLINE 0xDB

#define SMART_OFFLINE_ROUTINE_OFFLINE   0
#define SMART_SHORT_SELFTEST_OFFLINE    1
#define SMART_EXTENDED_SELFTEST_OFFLINE 2
#define SMART_ABORT_OFFLINE_SELFTEST    127
#define SMART_SHORT_SELFTEST_CAPTIVE    129
#define SMART_EXTENDED_SELFTEST_CAPTIVE 130

#endif
