/*
 * ntifs_fs.h - part of ntifs.h (included by it; not a WDK header name): the types and codes
 * that file systems use, so that their sources get as far as the routines (issue 16, the
 * filesys/cdfs and filesys/fastfat samples): the FILE_* and FILE_FS_* information classes'
 * structures, the file-system control codes (FSCTL_*) and their buffers, the common FCB headers
 * of the file-system run-time library, the fast I/O dispatch table, the cache manager's file
 * sizes and callbacks, byte-range locks, share access, splay links and generic tables. Names,
 * values and x64 layouts as documented (wdk-ddi-src/content/ntifs/, wdm/, winioctl/); pinned by
 * tests/storage.
 *
 * Types only: the routines of the file-system run-time library (FsRtl*), of the cache manager
 * (Cc*), and the other routines file systems call are not provided by drvhost (ntifs.h,
 * docs/compatibility.md). FAST_IO_DISPATCH is in wdm.h in the WDK (wdm.h names it, opaque,
 * here); its members are here because only file systems and their filters fill it.
 */
#ifndef _NTIFS_FS_
#define _NTIFS_FS_

#include <ntifs.h> /* included alone: ntifs.h first (its include of this file is then empty) */

/* Named in prototypes below before (or without) their definitions. */
struct _COMPRESSED_DATA_INFO;
struct _FILE_LOCK_INFO;

#ifndef ANYSIZE_ARRAY
#define ANYSIZE_ARRAY 1
#endif

typedef ULONG CLONG;

/* Flag helpers of file systems (ntifs.h's macros). */
#ifndef FlagOn
#define FlagOn(_F, _SF) ((_F) & (_SF))
#endif
#ifndef BooleanFlagOn
#define BooleanFlagOn(F, SF) ((BOOLEAN)(((F) & (SF)) != 0))
#endif
#ifndef SetFlag
#define SetFlag(_F, _SF) ((_F) |= (_SF))
#endif
#ifndef ClearFlag
#define ClearFlag(_F, _SF) ((_F) &= ~(_SF))
#endif
typedef PVOID PACCESS_TOKEN;

/* ---- file information classes (IRP_MJ_QUERY_INFORMATION / SET_INFORMATION / DIRECTORY_CONTROL) */
typedef struct _FILE_DIRECTORY_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_DIRECTORY_INFORMATION, *PFILE_DIRECTORY_INFORMATION;

typedef struct _FILE_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    WCHAR FileName[1];
} FILE_FULL_DIR_INFORMATION, *PFILE_FULL_DIR_INFORMATION;

typedef struct _FILE_ID_FULL_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    LARGE_INTEGER FileId;
    WCHAR FileName[1];
} FILE_ID_FULL_DIR_INFORMATION, *PFILE_ID_FULL_DIR_INFORMATION;

typedef struct _FILE_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    CCHAR ShortNameLength;
    WCHAR ShortName[12];
    WCHAR FileName[1];
} FILE_BOTH_DIR_INFORMATION, *PFILE_BOTH_DIR_INFORMATION;

typedef struct _FILE_ID_BOTH_DIR_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER EndOfFile;
    LARGE_INTEGER AllocationSize;
    ULONG FileAttributes;
    ULONG FileNameLength;
    ULONG EaSize;
    CCHAR ShortNameLength;
    WCHAR ShortName[12];
    LARGE_INTEGER FileId;
    WCHAR FileName[1];
} FILE_ID_BOTH_DIR_INFORMATION, *PFILE_ID_BOTH_DIR_INFORMATION;

typedef struct _FILE_NAMES_INFORMATION {
    ULONG NextEntryOffset;
    ULONG FileIndex;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_NAMES_INFORMATION, *PFILE_NAMES_INFORMATION;

typedef struct _FILE_INTERNAL_INFORMATION {
    LARGE_INTEGER IndexNumber;
} FILE_INTERNAL_INFORMATION, *PFILE_INTERNAL_INFORMATION;

typedef struct _FILE_EA_INFORMATION {
    ULONG EaSize;
} FILE_EA_INFORMATION, *PFILE_EA_INFORMATION;

typedef struct _FILE_ACCESS_INFORMATION {
    ACCESS_MASK AccessFlags;
} FILE_ACCESS_INFORMATION, *PFILE_ACCESS_INFORMATION;

typedef struct _FILE_MODE_INFORMATION {
    ULONG Mode;
} FILE_MODE_INFORMATION, *PFILE_MODE_INFORMATION;

typedef struct _FILE_ALIGNMENT_INFORMATION {
    ULONG AlignmentRequirement;
} FILE_ALIGNMENT_INFORMATION, *PFILE_ALIGNMENT_INFORMATION;

typedef struct _FILE_NAME_INFORMATION {
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_NAME_INFORMATION, *PFILE_NAME_INFORMATION;

typedef struct _FILE_ALL_INFORMATION {
    FILE_BASIC_INFORMATION BasicInformation;
    FILE_STANDARD_INFORMATION StandardInformation;
    FILE_INTERNAL_INFORMATION InternalInformation;
    FILE_EA_INFORMATION EaInformation;
    FILE_ACCESS_INFORMATION AccessInformation;
    FILE_POSITION_INFORMATION PositionInformation;
    FILE_MODE_INFORMATION ModeInformation;
    FILE_ALIGNMENT_INFORMATION AlignmentInformation;
    FILE_NAME_INFORMATION NameInformation;
} FILE_ALL_INFORMATION, *PFILE_ALL_INFORMATION;

typedef struct _FILE_ALLOCATION_INFORMATION {
    LARGE_INTEGER AllocationSize;
} FILE_ALLOCATION_INFORMATION, *PFILE_ALLOCATION_INFORMATION;

typedef struct _FILE_END_OF_FILE_INFORMATION {
    LARGE_INTEGER EndOfFile;
} FILE_END_OF_FILE_INFORMATION, *PFILE_END_OF_FILE_INFORMATION;

typedef struct _FILE_VALID_DATA_LENGTH_INFORMATION {
    LARGE_INTEGER ValidDataLength;
} FILE_VALID_DATA_LENGTH_INFORMATION, *PFILE_VALID_DATA_LENGTH_INFORMATION;

typedef struct _FILE_DISPOSITION_INFORMATION {
    BOOLEAN DeleteFile;
} FILE_DISPOSITION_INFORMATION, *PFILE_DISPOSITION_INFORMATION;

typedef struct _FILE_RENAME_INFORMATION {
    union {
        BOOLEAN ReplaceIfExists;
        ULONG Flags;
    };
    HANDLE RootDirectory;
    ULONG FileNameLength;
    WCHAR FileName[1];
} FILE_RENAME_INFORMATION, *PFILE_RENAME_INFORMATION;

typedef struct _FILE_NETWORK_OPEN_INFORMATION {
    LARGE_INTEGER CreationTime;
    LARGE_INTEGER LastAccessTime;
    LARGE_INTEGER LastWriteTime;
    LARGE_INTEGER ChangeTime;
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER EndOfFile;
    ULONG FileAttributes;
} FILE_NETWORK_OPEN_INFORMATION, *PFILE_NETWORK_OPEN_INFORMATION;

typedef struct _FILE_FULL_EA_INFORMATION {
    ULONG NextEntryOffset;
    UCHAR Flags;
    UCHAR EaNameLength;
    USHORT EaValueLength;
    CHAR EaName[1];
} FILE_FULL_EA_INFORMATION, *PFILE_FULL_EA_INFORMATION;

typedef struct _FILE_GET_EA_INFORMATION {
    ULONG NextEntryOffset;
    UCHAR EaNameLength;
    CHAR EaName[1];
} FILE_GET_EA_INFORMATION, *PFILE_GET_EA_INFORMATION;

/* ---- volume information classes (IRP_MJ_QUERY/SET_VOLUME_INFORMATION) ------------------------ */
typedef struct _FILE_FS_VOLUME_INFORMATION {
    LARGE_INTEGER VolumeCreationTime;
    ULONG VolumeSerialNumber;
    ULONG VolumeLabelLength;
    BOOLEAN SupportsObjects;
    WCHAR VolumeLabel[1];
} FILE_FS_VOLUME_INFORMATION, *PFILE_FS_VOLUME_INFORMATION;

typedef struct _FILE_FS_LABEL_INFORMATION {
    ULONG VolumeLabelLength;
    WCHAR VolumeLabel[1];
} FILE_FS_LABEL_INFORMATION, *PFILE_FS_LABEL_INFORMATION;

typedef struct _FILE_FS_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits;
    LARGE_INTEGER AvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit;
    ULONG BytesPerSector;
} FILE_FS_SIZE_INFORMATION, *PFILE_FS_SIZE_INFORMATION;

typedef struct _FILE_FS_FULL_SIZE_INFORMATION {
    LARGE_INTEGER TotalAllocationUnits;
    LARGE_INTEGER CallerAvailableAllocationUnits;
    LARGE_INTEGER ActualAvailableAllocationUnits;
    ULONG SectorsPerAllocationUnit;
    ULONG BytesPerSector;
} FILE_FS_FULL_SIZE_INFORMATION, *PFILE_FS_FULL_SIZE_INFORMATION;

typedef struct _FILE_FS_DEVICE_INFORMATION {
    DEVICE_TYPE DeviceType;
    ULONG Characteristics;
} FILE_FS_DEVICE_INFORMATION, *PFILE_FS_DEVICE_INFORMATION;

typedef struct _FILE_FS_ATTRIBUTE_INFORMATION {
    ULONG FileSystemAttributes;
    LONG MaximumComponentNameLength;
    ULONG FileSystemNameLength;
    WCHAR FileSystemName[1];
} FILE_FS_ATTRIBUTE_INFORMATION, *PFILE_FS_ATTRIBUTE_INFORMATION;

typedef struct _FILE_FS_SECTOR_SIZE_INFORMATION {
    ULONG LogicalBytesPerSector;
    ULONG PhysicalBytesPerSectorForAtomicity;
    ULONG PhysicalBytesPerSectorForPerformance;
    ULONG FileSystemEffectivePhysicalBytesPerSectorForAtomicity;
    ULONG Flags;
    ULONG ByteOffsetForSectorAlignment;
    ULONG ByteOffsetForPartitionAlignment;
} FILE_FS_SECTOR_SIZE_INFORMATION, *PFILE_FS_SECTOR_SIZE_INFORMATION;
#define SSINFO_FLAGS_ALIGNED_DEVICE              0x00000001
#define SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE 0x00000002
#define SSINFO_FLAGS_NO_SEEK_PENALTY             0x00000004
#define SSINFO_FLAGS_TRIM_ENABLED                0x00000008
#define SSINFO_OFFSET_UNKNOWN                    (0xffffffff)

/* ---- fast I/O (DRIVER_OBJECT.FastIoDispatch) ------------------------------------------------- */
typedef BOOLEAN FAST_IO_CHECK_IF_POSSIBLE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                          ULONG Length, BOOLEAN Wait, ULONG LockKey,
                                          BOOLEAN CheckForReadOperation, PIO_STATUS_BLOCK IoStatus,
                                          PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_CHECK_IF_POSSIBLE *PFAST_IO_CHECK_IF_POSSIBLE;
typedef BOOLEAN FAST_IO_READ(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
                             BOOLEAN Wait, ULONG LockKey, PVOID Buffer, PIO_STATUS_BLOCK IoStatus,
                             PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_READ *PFAST_IO_READ;
typedef BOOLEAN FAST_IO_WRITE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
                              BOOLEAN Wait, ULONG LockKey, PVOID Buffer, PIO_STATUS_BLOCK IoStatus,
                              PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_WRITE *PFAST_IO_WRITE;
typedef BOOLEAN FAST_IO_QUERY_BASIC_INFO(PFILE_OBJECT FileObject, BOOLEAN Wait,
                                         PFILE_BASIC_INFORMATION Buffer, PIO_STATUS_BLOCK IoStatus,
                                         PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_QUERY_BASIC_INFO *PFAST_IO_QUERY_BASIC_INFO;
typedef BOOLEAN FAST_IO_QUERY_STANDARD_INFO(PFILE_OBJECT FileObject, BOOLEAN Wait,
                                            PFILE_STANDARD_INFORMATION Buffer,
                                            PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_QUERY_STANDARD_INFO *PFAST_IO_QUERY_STANDARD_INFO;
typedef BOOLEAN FAST_IO_LOCK(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                             PLARGE_INTEGER Length, PEPROCESS ProcessId, ULONG Key,
                             BOOLEAN FailImmediately, BOOLEAN ExclusiveLock,
                             PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_LOCK *PFAST_IO_LOCK;
typedef BOOLEAN FAST_IO_UNLOCK_SINGLE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                      PLARGE_INTEGER Length, PEPROCESS ProcessId, ULONG Key,
                                      PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_UNLOCK_SINGLE *PFAST_IO_UNLOCK_SINGLE;
typedef BOOLEAN FAST_IO_UNLOCK_ALL(PFILE_OBJECT FileObject, PEPROCESS ProcessId,
                                   PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_UNLOCK_ALL *PFAST_IO_UNLOCK_ALL;
typedef BOOLEAN FAST_IO_UNLOCK_ALL_BY_KEY(PFILE_OBJECT FileObject, PVOID ProcessId, ULONG Key,
                                          PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_UNLOCK_ALL_BY_KEY *PFAST_IO_UNLOCK_ALL_BY_KEY;
typedef BOOLEAN FAST_IO_DEVICE_CONTROL(PFILE_OBJECT FileObject, BOOLEAN Wait, PVOID InputBuffer,
                                       ULONG InputBufferLength, PVOID OutputBuffer,
                                       ULONG OutputBufferLength, ULONG IoControlCode,
                                       PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_DEVICE_CONTROL *PFAST_IO_DEVICE_CONTROL;
typedef VOID FAST_IO_ACQUIRE_FILE(PFILE_OBJECT FileObject);
typedef FAST_IO_ACQUIRE_FILE *PFAST_IO_ACQUIRE_FILE;
typedef VOID FAST_IO_RELEASE_FILE(PFILE_OBJECT FileObject);
typedef FAST_IO_RELEASE_FILE *PFAST_IO_RELEASE_FILE;
typedef VOID FAST_IO_DETACH_DEVICE(PDEVICE_OBJECT SourceDevice, PDEVICE_OBJECT TargetDevice);
typedef FAST_IO_DETACH_DEVICE *PFAST_IO_DETACH_DEVICE;
typedef BOOLEAN FAST_IO_QUERY_NETWORK_OPEN_INFO(PFILE_OBJECT FileObject, BOOLEAN Wait,
                                                PFILE_NETWORK_OPEN_INFORMATION Buffer,
                                                PIO_STATUS_BLOCK IoStatus,
                                                PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_QUERY_NETWORK_OPEN_INFO *PFAST_IO_QUERY_NETWORK_OPEN_INFO;
typedef NTSTATUS FAST_IO_ACQUIRE_FOR_MOD_WRITE(PFILE_OBJECT FileObject, PLARGE_INTEGER EndingOffset,
                                               PERESOURCE *ResourceToRelease,
                                               PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_ACQUIRE_FOR_MOD_WRITE *PFAST_IO_ACQUIRE_FOR_MOD_WRITE;
typedef BOOLEAN FAST_IO_MDL_READ(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
                                 ULONG LockKey, PMDL *MdlChain, PIO_STATUS_BLOCK IoStatus,
                                 PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_MDL_READ *PFAST_IO_MDL_READ;
typedef BOOLEAN FAST_IO_MDL_READ_COMPLETE(PFILE_OBJECT FileObject, PMDL MdlChain,
                                          PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_MDL_READ_COMPLETE *PFAST_IO_MDL_READ_COMPLETE;
typedef BOOLEAN FAST_IO_PREPARE_MDL_WRITE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                          ULONG Length, ULONG LockKey, PMDL *MdlChain,
                                          PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_PREPARE_MDL_WRITE *PFAST_IO_PREPARE_MDL_WRITE;
typedef BOOLEAN FAST_IO_MDL_WRITE_COMPLETE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                           PMDL MdlChain, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_MDL_WRITE_COMPLETE *PFAST_IO_MDL_WRITE_COMPLETE;
struct _COMPRESSED_DATA_INFO; /* declared before use in a parameter list (visible after it) */
typedef BOOLEAN FAST_IO_READ_COMPRESSED(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                        ULONG Length, ULONG LockKey, PVOID Buffer, PMDL *MdlChain,
                                        PIO_STATUS_BLOCK IoStatus,
                                        struct _COMPRESSED_DATA_INFO *CompressedDataInfo,
                                        ULONG CompressedDataInfoLength,
                                        PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_READ_COMPRESSED *PFAST_IO_READ_COMPRESSED;
typedef BOOLEAN FAST_IO_WRITE_COMPRESSED(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
                                         ULONG Length, ULONG LockKey, PVOID Buffer, PMDL *MdlChain,
                                         PIO_STATUS_BLOCK IoStatus,
                                         struct _COMPRESSED_DATA_INFO *CompressedDataInfo,
                                         ULONG CompressedDataInfoLength,
                                         PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_WRITE_COMPRESSED *PFAST_IO_WRITE_COMPRESSED;
typedef BOOLEAN FAST_IO_MDL_READ_COMPLETE_COMPRESSED(PFILE_OBJECT FileObject, PMDL MdlChain,
                                                     PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_MDL_READ_COMPLETE_COMPRESSED *PFAST_IO_MDL_READ_COMPLETE_COMPRESSED;
typedef BOOLEAN FAST_IO_MDL_WRITE_COMPLETE_COMPRESSED(PFILE_OBJECT FileObject,
                                                      PLARGE_INTEGER FileOffset, PMDL MdlChain,
                                                      PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_MDL_WRITE_COMPLETE_COMPRESSED *PFAST_IO_MDL_WRITE_COMPLETE_COMPRESSED;
typedef BOOLEAN FAST_IO_QUERY_OPEN(PIRP Irp, PFILE_NETWORK_OPEN_INFORMATION NetworkInformation,
                                   PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_QUERY_OPEN *PFAST_IO_QUERY_OPEN;
typedef NTSTATUS FAST_IO_RELEASE_FOR_MOD_WRITE(PFILE_OBJECT FileObject,
                                               PERESOURCE ResourceToRelease,
                                               PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_RELEASE_FOR_MOD_WRITE *PFAST_IO_RELEASE_FOR_MOD_WRITE;
typedef NTSTATUS FAST_IO_ACQUIRE_FOR_CCFLUSH(PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_ACQUIRE_FOR_CCFLUSH *PFAST_IO_ACQUIRE_FOR_CCFLUSH;
typedef NTSTATUS FAST_IO_RELEASE_FOR_CCFLUSH(PFILE_OBJECT FileObject, PDEVICE_OBJECT DeviceObject);
typedef FAST_IO_RELEASE_FOR_CCFLUSH *PFAST_IO_RELEASE_FOR_CCFLUSH;

struct _FAST_IO_DISPATCH {
    ULONG SizeOfFastIoDispatch; /* sizeof(FAST_IO_DISPATCH) */
    PFAST_IO_CHECK_IF_POSSIBLE FastIoCheckIfPossible;
    PFAST_IO_READ FastIoRead;
    PFAST_IO_WRITE FastIoWrite;
    PFAST_IO_QUERY_BASIC_INFO FastIoQueryBasicInfo;
    PFAST_IO_QUERY_STANDARD_INFO FastIoQueryStandardInfo;
    PFAST_IO_LOCK FastIoLock;
    PFAST_IO_UNLOCK_SINGLE FastIoUnlockSingle;
    PFAST_IO_UNLOCK_ALL FastIoUnlockAll;
    PFAST_IO_UNLOCK_ALL_BY_KEY FastIoUnlockAllByKey;
    PFAST_IO_DEVICE_CONTROL FastIoDeviceControl;
    PFAST_IO_ACQUIRE_FILE AcquireFileForNtCreateSection;
    PFAST_IO_RELEASE_FILE ReleaseFileForNtCreateSection;
    PFAST_IO_DETACH_DEVICE FastIoDetachDevice;
    PFAST_IO_QUERY_NETWORK_OPEN_INFO FastIoQueryNetworkOpenInfo;
    PFAST_IO_ACQUIRE_FOR_MOD_WRITE AcquireForModWrite;
    PFAST_IO_MDL_READ MdlRead;
    PFAST_IO_MDL_READ_COMPLETE MdlReadComplete;
    PFAST_IO_PREPARE_MDL_WRITE PrepareMdlWrite;
    PFAST_IO_MDL_WRITE_COMPLETE MdlWriteComplete;
    PFAST_IO_READ_COMPRESSED FastIoReadCompressed;
    PFAST_IO_WRITE_COMPRESSED FastIoWriteCompressed;
    PFAST_IO_MDL_READ_COMPLETE_COMPRESSED MdlReadCompleteCompressed;
    PFAST_IO_MDL_WRITE_COMPLETE_COMPRESSED MdlWriteCompleteCompressed;
    PFAST_IO_QUERY_OPEN FastIoQueryOpen;
    PFAST_IO_RELEASE_FOR_MOD_WRITE ReleaseForModWrite;
    PFAST_IO_ACQUIRE_FOR_CCFLUSH AcquireForCcFlush;
    PFAST_IO_RELEASE_FOR_CCFLUSH ReleaseForCcFlush;
};
typedef struct _FAST_IO_DISPATCH FAST_IO_DISPATCH;

/* The cache manager's and memory manager's pointers of a file (FILE_OBJECT.SectionObjectPointer).
 */
struct _SECTION_OBJECT_POINTERS {
    PVOID DataSectionObject;
    PVOID SharedCacheMap;
    PVOID ImageSectionObject;
};
typedef struct _SECTION_OBJECT_POINTERS SECTION_OBJECT_POINTERS;

/* ---- file-system control codes and their buffers --------------------------------------------- */
#ifndef FILE_SPECIAL_ACCESS
#define FILE_SPECIAL_ACCESS FILE_ANY_ACCESS
#endif
#define DRVHOST_FSCTL_(n, method, access) CTL_CODE(FILE_DEVICE_FILE_SYSTEM, (n), (method), (access))
#define FSCTL_REQUEST_OPLOCK_LEVEL_1      DRVHOST_FSCTL_(0, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_OPLOCK_LEVEL_2      DRVHOST_FSCTL_(1, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_BATCH_OPLOCK        DRVHOST_FSCTL_(2, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPLOCK_BREAK_ACKNOWLEDGE    DRVHOST_FSCTL_(3, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPBATCH_ACK_CLOSE_PENDING   DRVHOST_FSCTL_(4, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_OPLOCK_BREAK_NOTIFY         DRVHOST_FSCTL_(5, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_LOCK_VOLUME                 DRVHOST_FSCTL_(6, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_UNLOCK_VOLUME               DRVHOST_FSCTL_(7, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_DISMOUNT_VOLUME             DRVHOST_FSCTL_(8, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_VOLUME_MOUNTED           DRVHOST_FSCTL_(10, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_IS_PATHNAME_VALID           DRVHOST_FSCTL_(11, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_MARK_VOLUME_DIRTY           DRVHOST_FSCTL_(12, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_RETRIEVAL_POINTERS    DRVHOST_FSCTL_(14, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_GET_COMPRESSION             DRVHOST_FSCTL_(15, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_COMPRESSION             DRVHOST_FSCTL_(16, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)
#define FSCTL_OPLOCK_BREAK_ACK_NO_2       DRVHOST_FSCTL_(20, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_INVALIDATE_VOLUMES          DRVHOST_FSCTL_(21, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_QUERY_FAT_BPB               DRVHOST_FSCTL_(22, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_FILTER_OPLOCK       DRVHOST_FSCTL_(23, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_FILESYSTEM_GET_STATISTICS   DRVHOST_FSCTL_(24, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_NTFS_VOLUME_DATA        DRVHOST_FSCTL_(25, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_NTFS_FILE_RECORD        DRVHOST_FSCTL_(26, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_VOLUME_BITMAP           DRVHOST_FSCTL_(27, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_GET_RETRIEVAL_POINTERS      DRVHOST_FSCTL_(28, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_MOVE_FILE                   DRVHOST_FSCTL_(29, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_IS_VOLUME_DIRTY             DRVHOST_FSCTL_(30, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_ALLOW_EXTENDED_DASD_IO      DRVHOST_FSCTL_(32, METHOD_NEITHER, FILE_ANY_ACCESS)
#define FSCTL_MARK_HANDLE                 DRVHOST_FSCTL_(63, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_ZERO_ON_DEALLOCATION    DRVHOST_FSCTL_(101, METHOD_BUFFERED, FILE_SPECIAL_ACCESS)
#define FSCTL_GET_BOOT_AREA_INFO          DRVHOST_FSCTL_(140, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_GET_RETRIEVAL_POINTER_BASE  DRVHOST_FSCTL_(141, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_REQUEST_OPLOCK              DRVHOST_FSCTL_(144, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define FSCTL_SET_PURGE_FAILURE_MODE      DRVHOST_FSCTL_(156, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Volume states (FSCTL_IS_VOLUME_DIRTY's output). */
#define VOLUME_IS_DIRTY          (0x00000001)
#define VOLUME_UPGRADE_SCHEDULED (0x00000002)
#define VOLUME_SESSION_OPEN      (0x00000004)

typedef struct _STARTING_LCN_INPUT_BUFFER {
    LARGE_INTEGER StartingLcn;
} STARTING_LCN_INPUT_BUFFER, *PSTARTING_LCN_INPUT_BUFFER;

typedef struct _VOLUME_BITMAP_BUFFER {
    LARGE_INTEGER StartingLcn;
    LARGE_INTEGER BitmapSize;
    UCHAR Buffer[1];
} VOLUME_BITMAP_BUFFER, *PVOLUME_BITMAP_BUFFER;

typedef struct _STARTING_VCN_INPUT_BUFFER {
    LARGE_INTEGER StartingVcn;
} STARTING_VCN_INPUT_BUFFER, *PSTARTING_VCN_INPUT_BUFFER;

typedef struct RETRIEVAL_POINTERS_BUFFER {
    ULONG ExtentCount;
    LARGE_INTEGER StartingVcn;
    struct {
        LARGE_INTEGER NextVcn;
        LARGE_INTEGER Lcn;
    } Extents[1];
} RETRIEVAL_POINTERS_BUFFER, *PRETRIEVAL_POINTERS_BUFFER;

typedef struct _MOVE_FILE_DATA {
    HANDLE FileHandle;
    LARGE_INTEGER StartingVcn;
    LARGE_INTEGER StartingLcn;
    ULONG ClusterCount;
} MOVE_FILE_DATA, *PMOVE_FILE_DATA;

typedef struct _MOVE_FILE_DATA32 {
    UINT32 FileHandle; /* a 32-bit process's handle */
    LARGE_INTEGER StartingVcn;
    LARGE_INTEGER StartingLcn;
    ULONG ClusterCount;
} MOVE_FILE_DATA32, *PMOVE_FILE_DATA32;

typedef struct _MARK_HANDLE_INFO {
    union {
        ULONG UsnSourceInfo;
        ULONG CopyNumber;
    };
    HANDLE VolumeHandle;
    ULONG HandleInfo;
} MARK_HANDLE_INFO, *PMARK_HANDLE_INFO;

typedef struct _MARK_HANDLE_INFO32 {
    union {
        ULONG UsnSourceInfo;
        ULONG CopyNumber;
    };
    UINT32 VolumeHandle;
    ULONG HandleInfo;
} MARK_HANDLE_INFO32, *PMARK_HANDLE_INFO32;

#define MARK_HANDLE_PROTECT_CLUSTERS   (0x00000001)
#define MARK_HANDLE_TXF_SYSTEM_LOG     (0x00000004)
#define MARK_HANDLE_NOT_TXF_SYSTEM_LOG (0x00000008)
#define MARK_HANDLE_REALTIME           (0x00000020)
#define MARK_HANDLE_NOT_REALTIME       (0x00000040)
#define MARK_HANDLE_READ_COPY          (0x00000080)
#define MARK_HANDLE_NOT_READ_COPY      (0x00000100)

typedef struct _BOOT_AREA_INFO {
    ULONG BootSectorCount;
    struct {
        LARGE_INTEGER Offset;
    } BootSectors[2];
} BOOT_AREA_INFO, *PBOOT_AREA_INFO;

typedef struct _RETRIEVAL_POINTER_BASE {
    LARGE_INTEGER FileAreaOffset;
} RETRIEVAL_POINTER_BASE, *PRETRIEVAL_POINTER_BASE;

typedef struct _FILESYSTEM_STATISTICS {
    USHORT FileSystemType; /* FILESYSTEM_STATISTICS_TYPE_* */
    USHORT Version;
    ULONG SizeOfCompleteStructure; /* with the file system's own statistics after it */
    ULONG UserFileReads;
    ULONG UserFileReadBytes;
    ULONG UserDiskReads;
    ULONG UserFileWrites;
    ULONG UserFileWriteBytes;
    ULONG UserDiskWrites;
    ULONG MetaDataReads;
    ULONG MetaDataReadBytes;
    ULONG MetaDataDiskReads;
    ULONG MetaDataWrites;
    ULONG MetaDataWriteBytes;
    ULONG MetaDataDiskWrites;
} FILESYSTEM_STATISTICS, *PFILESYSTEM_STATISTICS;
#define FILESYSTEM_STATISTICS_TYPE_NTFS  1
#define FILESYSTEM_STATISTICS_TYPE_FAT   2
#define FILESYSTEM_STATISTICS_TYPE_EXFAT 3
#define FILESYSTEM_STATISTICS_TYPE_REFS  4

typedef struct _FAT_STATISTICS {
    ULONG CreateHits;
    ULONG SuccessfulCreates;
    ULONG FailedCreates;
    ULONG NonCachedReads;
    ULONG NonCachedReadBytes;
    ULONG NonCachedWrites;
    ULONG NonCachedWriteBytes;
    ULONG NonCachedDiskReads;
    ULONG NonCachedDiskWrites;
} FAT_STATISTICS, *PFAT_STATISTICS;

typedef struct _FSCTL_QUERY_FAT_BPB_BUFFER {
    UCHAR First0x24BytesOfBootSector[0x24];
} FSCTL_QUERY_FAT_BPB_BUFFER, *PFSCTL_QUERY_FAT_BPB_BUFFER;

#define OPLOCK_LEVEL_CACHE_READ                         (0x00000001)
#define OPLOCK_LEVEL_CACHE_HANDLE                       (0x00000002)
#define OPLOCK_LEVEL_CACHE_WRITE                        (0x00000004)
#define REQUEST_OPLOCK_INPUT_FLAG_REQUEST               (0x00000001)
#define REQUEST_OPLOCK_INPUT_FLAG_ACK                   (0x00000002)
#define REQUEST_OPLOCK_INPUT_FLAG_COMPLETE_ACK_ON_CLOSE (0x00000004)
#define REQUEST_OPLOCK_CURRENT_VERSION                  1
#define REQUEST_OPLOCK_OUTPUT_FLAG_ACK_REQUIRED         (0x00000001)
#define REQUEST_OPLOCK_OUTPUT_FLAG_MODES_PROVIDED       (0x00000002)

typedef struct _REQUEST_OPLOCK_INPUT_BUFFER {
    USHORT StructureVersion; /* REQUEST_OPLOCK_CURRENT_VERSION */
    USHORT StructureLength;
    ULONG RequestedOplockLevel; /* OPLOCK_LEVEL_CACHE_* */
    ULONG Flags;                /* REQUEST_OPLOCK_INPUT_FLAG_* */
} REQUEST_OPLOCK_INPUT_BUFFER, *PREQUEST_OPLOCK_INPUT_BUFFER;

typedef struct _REQUEST_OPLOCK_OUTPUT_BUFFER {
    USHORT StructureVersion;
    USHORT StructureLength;
    ULONG OriginalOplockLevel;
    ULONG NewOplockLevel;
    ULONG Flags;
    ACCESS_MASK AccessMode;
    USHORT ShareMode;
} REQUEST_OPLOCK_OUTPUT_BUFFER, *PREQUEST_OPLOCK_OUTPUT_BUFFER;

#define SET_PURGE_FAILURE_MODE_ENABLED  0x00000001
#define SET_PURGE_FAILURE_MODE_DISABLED 0x00000002
typedef struct _SET_PURGE_FAILURE_MODE_INPUT {
    ULONG Flags;
} SET_PURGE_FAILURE_MODE_INPUT, *PSET_PURGE_FAILURE_MODE_INPUT;

/* ---- splay links and generic tables (Rtl*) -------------------------------------------------- */
typedef struct _RTL_SPLAY_LINKS {
    struct _RTL_SPLAY_LINKS *Parent;
    struct _RTL_SPLAY_LINKS *LeftChild;
    struct _RTL_SPLAY_LINKS *RightChild;
} RTL_SPLAY_LINKS, *PRTL_SPLAY_LINKS;

/* The documented macros: a root is its own parent. */
#define RtlInitializeSplayLinks(Links)                                                             \
    {                                                                                              \
        PRTL_SPLAY_LINKS _SplayLinks;                                                              \
        _SplayLinks = (PRTL_SPLAY_LINKS)(Links);                                                   \
        _SplayLinks->Parent = _SplayLinks;                                                         \
        _SplayLinks->LeftChild = NULL;                                                             \
        _SplayLinks->RightChild = NULL;                                                            \
    }
#define RtlParent(Links)       ((PRTL_SPLAY_LINKS)(Links)->Parent)
#define RtlLeftChild(Links)    ((PRTL_SPLAY_LINKS)(Links)->LeftChild)
#define RtlRightChild(Links)   ((PRTL_SPLAY_LINKS)(Links)->RightChild)
#define RtlIsRoot(Links)       ((RtlParent(Links) == (PRTL_SPLAY_LINKS)(Links)))
#define RtlIsLeftChild(Links)  ((RtlLeftChild(RtlParent(Links)) == (PRTL_SPLAY_LINKS)(Links)))
#define RtlIsRightChild(Links) ((RtlRightChild(RtlParent(Links)) == (PRTL_SPLAY_LINKS)(Links)))
#define RtlInsertAsLeftChild(ParentLinks, ChildLinks)                                              \
    {                                                                                              \
        PRTL_SPLAY_LINKS _SplayParent;                                                             \
        PRTL_SPLAY_LINKS _SplayChild;                                                              \
        _SplayParent = (PRTL_SPLAY_LINKS)(ParentLinks);                                            \
        _SplayChild = (PRTL_SPLAY_LINKS)(ChildLinks);                                              \
        _SplayParent->LeftChild = _SplayChild;                                                     \
        _SplayChild->Parent = _SplayParent;                                                        \
    }
#define RtlInsertAsRightChild(ParentLinks, ChildLinks)                                             \
    {                                                                                              \
        PRTL_SPLAY_LINKS _SplayParent;                                                             \
        PRTL_SPLAY_LINKS _SplayChild;                                                              \
        _SplayParent = (PRTL_SPLAY_LINKS)(ParentLinks);                                            \
        _SplayChild = (PRTL_SPLAY_LINKS)(ChildLinks);                                              \
        _SplayParent->RightChild = _SplayChild;                                                    \
        _SplayChild->Parent = _SplayParent;                                                        \
    }

typedef enum _RTL_GENERIC_COMPARE_RESULTS {
    GenericLessThan,
    GenericGreaterThan,
    GenericEqual
} RTL_GENERIC_COMPARE_RESULTS;

struct _RTL_GENERIC_TABLE;
typedef RTL_GENERIC_COMPARE_RESULTS NTAPI RTL_GENERIC_COMPARE_ROUTINE(
    struct _RTL_GENERIC_TABLE *Table, PVOID FirstStruct, PVOID SecondStruct);
typedef RTL_GENERIC_COMPARE_ROUTINE *PRTL_GENERIC_COMPARE_ROUTINE;
typedef PVOID NTAPI RTL_GENERIC_ALLOCATE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, CLONG ByteSize);
typedef RTL_GENERIC_ALLOCATE_ROUTINE *PRTL_GENERIC_ALLOCATE_ROUTINE;
typedef VOID NTAPI RTL_GENERIC_FREE_ROUTINE(struct _RTL_GENERIC_TABLE *Table, PVOID Buffer);
typedef RTL_GENERIC_FREE_ROUTINE *PRTL_GENERIC_FREE_ROUTINE;

typedef struct _RTL_GENERIC_TABLE {
    PRTL_SPLAY_LINKS TableRoot;
    LIST_ENTRY InsertOrderList;
    PLIST_ENTRY OrderedPointer;
    ULONG WhichOrderedElement;
    ULONG NumberGenericTableElements;
    PRTL_GENERIC_COMPARE_ROUTINE CompareRoutine;
    PRTL_GENERIC_ALLOCATE_ROUTINE AllocateRoutine;
    PRTL_GENERIC_FREE_ROUTINE FreeRoutine;
    PVOID TableContext;
} RTL_GENERIC_TABLE, *PRTL_GENERIC_TABLE;

/* ---- the common FCB headers of the file-system run-time library ------------------------------ */
typedef enum _FAST_IO_POSSIBLE {
    FastIoIsNotPossible = 0,
    FastIoIsPossible,
    FastIoIsQuestionable
} FAST_IO_POSSIBLE;

#define FSRTL_FLAG_FILE_MODIFIED             (0x01)
#define FSRTL_FLAG_FILE_LENGTH_CHANGED       (0x02)
#define FSRTL_FLAG_LIMIT_MODIFIED_PAGES      (0x04)
#define FSRTL_FLAG_ACQUIRE_MAIN_RSRC_EX      (0x08)
#define FSRTL_FLAG_ACQUIRE_MAIN_RSRC_SH      (0x10)
#define FSRTL_FLAG_USER_MAPPED_FILE          (0x20)
#define FSRTL_FLAG_ADVANCED_HEADER           (0x40)
#define FSRTL_FLAG_EOF_ADVANCE_ACTIVE        (0x80)
#define FSRTL_FLAG2_DO_MODIFIED_WRITE        (0x01)
#define FSRTL_FLAG2_SUPPORTS_FILTER_CONTEXTS (0x02)
#define FSRTL_FLAG2_PURGE_WHEN_MAPPED        (0x04)
#define FSRTL_FLAG2_IS_PAGING_FILE           (0x08)
#define FSRTL_FCB_HEADER_V0                  (0x00)
#define FSRTL_FCB_HEADER_V1                  (0x01)
#define FSRTL_FCB_HEADER_V2                  (0x02)
#define FSRTL_FCB_HEADER_V3                  (0x03)
#define FSRTL_FCB_HEADER_V4                  (0x04)

typedef struct _FSRTL_COMMON_FCB_HEADER {
    CSHORT NodeTypeCode;
    CSHORT NodeByteSize;
    UCHAR Flags;            /* FSRTL_FLAG_* */
    UCHAR IsFastIoPossible; /* a FAST_IO_POSSIBLE */
    UCHAR Flags2;           /* FSRTL_FLAG2_* */
    UCHAR Reserved : 4;
    UCHAR Version : 4; /* FSRTL_FCB_HEADER_V* */
    PERESOURCE Resource;
    PERESOURCE PagingIoResource;
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER FileSize;
    LARGE_INTEGER ValidDataLength;
} FSRTL_COMMON_FCB_HEADER, *PFSRTL_COMMON_FCB_HEADER;

/* The common header's members read as this header's own: an unnamed member in C, a base in C++
 * (as the WDK spells it). */
#ifdef __cplusplus
typedef struct _FSRTL_ADVANCED_FCB_HEADER : FSRTL_COMMON_FCB_HEADER {
#else
typedef struct _FSRTL_ADVANCED_FCB_HEADER {
    FSRTL_COMMON_FCB_HEADER DUMMYSTRUCTNAME;
#endif
    PFAST_MUTEX FastMutex;
    LIST_ENTRY FilterContexts;
    EX_PUSH_LOCK PushLock;
    PVOID *FileContextSupportPointer;
    union {
        OPLOCK Oplock;
        PVOID ReservedForRemote;
    };
    PVOID ReservedContext;
} FSRTL_ADVANCED_FCB_HEADER, *PFSRTL_ADVANCED_FCB_HEADER;

/* ---- the cache manager's types -------------------------------------------------------------- */
struct _CC_FILE_SIZES {
    LARGE_INTEGER AllocationSize;
    LARGE_INTEGER FileSize;
    LARGE_INTEGER ValidDataLength;
};
typedef struct _CC_FILE_SIZES CC_FILE_SIZES;

typedef BOOLEAN NTAPI ACQUIRE_FOR_LAZY_WRITE(PVOID Context, BOOLEAN Wait);
typedef ACQUIRE_FOR_LAZY_WRITE *PACQUIRE_FOR_LAZY_WRITE;
typedef VOID NTAPI RELEASE_FROM_LAZY_WRITE(PVOID Context);
typedef RELEASE_FROM_LAZY_WRITE *PRELEASE_FROM_LAZY_WRITE;
typedef BOOLEAN NTAPI ACQUIRE_FOR_READ_AHEAD(PVOID Context, BOOLEAN Wait);
typedef ACQUIRE_FOR_READ_AHEAD *PACQUIRE_FOR_READ_AHEAD;
typedef VOID NTAPI RELEASE_FROM_READ_AHEAD(PVOID Context);
typedef RELEASE_FROM_READ_AHEAD *PRELEASE_FROM_READ_AHEAD;

struct _CACHE_MANAGER_CALLBACKS {
    PACQUIRE_FOR_LAZY_WRITE AcquireForLazyWrite;
    PRELEASE_FROM_LAZY_WRITE ReleaseFromLazyWrite;
    PACQUIRE_FOR_READ_AHEAD AcquireForReadAhead;
    PRELEASE_FROM_READ_AHEAD ReleaseFromReadAhead;
};
typedef struct _CACHE_MANAGER_CALLBACKS CACHE_MANAGER_CALLBACKS;

typedef struct _CACHE_UNINITIALIZE_EVENT {
    struct _CACHE_UNINITIALIZE_EVENT *Next;
    KEVENT Event;
} CACHE_UNINITIALIZE_EVENT, *PCACHE_UNINITIALIZE_EVENT;

/* ---- byte-range locks, share access, tunnels, name generation ---------------------------------
 */
typedef NTSTATUS NTAPI COMPLETE_LOCK_IRP_ROUTINE(PVOID Context, PIRP Irp);
typedef COMPLETE_LOCK_IRP_ROUTINE *PCOMPLETE_LOCK_IRP_ROUTINE;
struct _FILE_LOCK_INFO; /* defined below */
typedef VOID NTAPI UNLOCK_ROUTINE(PVOID Context, struct _FILE_LOCK_INFO *FileLockInfo);
typedef UNLOCK_ROUTINE *PUNLOCK_ROUTINE;

typedef struct _FILE_LOCK_INFO {
    LARGE_INTEGER StartingByte;
    LARGE_INTEGER Length;
    BOOLEAN ExclusiveLock;
    ULONG Key;
    PFILE_OBJECT FileObject;
    PVOID ProcessId;
    LARGE_INTEGER EndingByte;
} FILE_LOCK_INFO, *PFILE_LOCK_INFO;

struct _FILE_LOCK {
    PCOMPLETE_LOCK_IRP_ROUTINE CompleteLockIrpRoutine;
    PUNLOCK_ROUTINE UnlockRoutine;
    BOOLEAN FastIoIsQuestionable;
    BOOLEAN SpareC[3];
    PVOID LockInformation;
    FILE_LOCK_INFO LastReturnedLockInfo;
    PVOID LastReturnedLock;
    LONG volatile LockRequestsInProgress;
};
typedef struct _FILE_LOCK FILE_LOCK;

typedef struct _SHARE_ACCESS {
    ULONG OpenCount;
    ULONG Readers;
    ULONG Writers;
    ULONG Deleters;
    ULONG SharedRead;
    ULONG SharedWrite;
    ULONG SharedDelete;
} SHARE_ACCESS, *PSHARE_ACCESS;

typedef struct _LARGE_MCB {
    PKGUARDED_MUTEX GuardedMutex;
    struct {
        ULONG MaximumPairCount;
        ULONG PairCount;
        USHORT PoolType;
        USHORT Flags;
        PVOID Mapping;
    } BaseMcb;
} LARGE_MCB, *PLARGE_MCB;

typedef struct _TUNNEL {
    FAST_MUTEX Mutex;
    PRTL_SPLAY_LINKS Cache;
    LIST_ENTRY TimerQueue;
    USHORT NumEntries;
} TUNNEL, *PTUNNEL;

typedef struct _GENERATE_NAME_CONTEXT {
    USHORT Checksum;
    BOOLEAN ChecksumInserted;
    UCHAR NameLength;
    WCHAR NameBuffer[8];
    ULONG ExtensionLength;
    WCHAR ExtensionBuffer[4];
    ULONG LastIndexValue;
} GENERATE_NAME_CONTEXT, *PGENERATE_NAME_CONTEXT;

typedef enum _FSRTL_COMPARISON_RESULT {
    LessThan = -1,
    EqualTo = 0,
    GreaterThan = 1
} FSRTL_COMPARISON_RESULT;

typedef struct _REAL_NOTIFY_SYNC *PNOTIFY_SYNC;

/* ---- volumes, minor functions and flags of file-system requests --------------------------------
 */
#ifndef NOTHING
#define NOTHING
#endif
#define MAXIMUM_VOLUME_LABEL_LENGTH (32 * sizeof(WCHAR))

/* The volume parameter block (wdm.h's in the WDK, opaque there here). */
struct _VPB {
    CSHORT Type;
    CSHORT Size;
    USHORT Flags;                        /* VPB_* */
    USHORT VolumeLabelLength;            /* bytes */
    struct _DEVICE_OBJECT *DeviceObject; /* the file system's volume device */
    struct _DEVICE_OBJECT *RealDevice;   /* the storage device */
    ULONG SerialNumber;
    ULONG ReferenceCount;
    WCHAR VolumeLabel[MAXIMUM_VOLUME_LABEL_LENGTH / sizeof(WCHAR)];
};
typedef struct _VPB VPB;
#define VPB_MOUNTED               0x00000001
#define VPB_LOCKED                0x00000002
#define VPB_PERSISTENT            0x00000004
#define VPB_REMOVE_PENDING        0x00000008
#define VPB_RAW_MOUNT             0x00000010
#define VPB_DIRECT_WRITES_ALLOWED 0x00000020

/* Minor functions of IRP_MJ_DIRECTORY_CONTROL, IRP_MJ_FILE_SYSTEM_CONTROL, IRP_MJ_LOCK_CONTROL,
 * and the read/write modifiers. */
#define IRP_MN_QUERY_DIRECTORY         0x01
#define IRP_MN_NOTIFY_CHANGE_DIRECTORY 0x02
#define IRP_MN_USER_FS_REQUEST         0x00
#define IRP_MN_MOUNT_VOLUME            0x01
#define IRP_MN_VERIFY_VOLUME           0x02
#define IRP_MN_LOAD_FILE_SYSTEM        0x03
#define IRP_MN_TRACK_LINK              0x04
#define IRP_MN_KERNEL_CALL             0x04
#define IRP_MN_LOCK                    0x01
#define IRP_MN_UNLOCK_SINGLE           0x02
#define IRP_MN_UNLOCK_ALL              0x03
#define IRP_MN_UNLOCK_ALL_BY_KEY       0x04
#ifndef IRP_MN_COMPRESSED
#define IRP_MN_COMPRESSED 0x08
#endif
#ifndef IRP_MN_MDL_DPC
#define IRP_MN_MDL_DPC (IRP_MN_MDL | IRP_MN_DPC)
#endif
#ifndef IRP_MN_COMPLETE_MDL
#define IRP_MN_COMPLETE_MDL (IRP_MN_COMPLETE | IRP_MN_MDL)
#endif
#ifndef IRP_MN_COMPLETE_MDL_DPC
#define IRP_MN_COMPLETE_MDL_DPC (IRP_MN_COMPLETE_MDL | IRP_MN_DPC)
#endif

/* IO_STACK_LOCATION.Flags of those requests. */
#define SL_RESTART_SCAN                0x01
#define SL_RETURN_SINGLE_ENTRY         0x02
#define SL_INDEX_SPECIFIED             0x04
#define SL_RETURN_ON_DISK_ENTRIES_ONLY 0x08
#define SL_NO_CURSOR_UPDATE            0x10
#define SL_WATCH_TREE                  0x01
#define SL_ALLOW_RAW_MOUNT             0x01
#define SL_FAIL_IMMEDIATELY            0x01
#define SL_EXCLUSIVE_LOCK              0x02

#ifndef DO_LOW_PRIORITY_FILESYSTEM
#define DO_LOW_PRIORITY_FILESYSTEM 0x00010000
#endif
#ifndef FILE_OPEN_REQUIRING_OPLOCK
#define FILE_OPEN_REQUIRING_OPLOCK 0x00010000
#endif
#ifndef SE_TCB_PRIVILEGE
#define SE_TCB_PRIVILEGE (7L)
#endif

/* FILE_FS_ATTRIBUTE_INFORMATION.FileSystemAttributes. */
#define FILE_CASE_SENSITIVE_SEARCH        0x00000001
#define FILE_CASE_PRESERVED_NAMES         0x00000002
#define FILE_UNICODE_ON_DISK              0x00000004
#define FILE_PERSISTENT_ACLS              0x00000008
#define FILE_FILE_COMPRESSION             0x00000010
#define FILE_VOLUME_QUOTAS                0x00000020
#define FILE_SUPPORTS_SPARSE_FILES        0x00000040
#define FILE_SUPPORTS_REPARSE_POINTS      0x00000080
#define FILE_SUPPORTS_REMOTE_STORAGE      0x00000100
#define FILE_VOLUME_IS_COMPRESSED         0x00008000
#define FILE_SUPPORTS_OBJECT_IDS          0x00010000
#define FILE_SUPPORTS_ENCRYPTION          0x00020000
#define FILE_NAMED_STREAMS                0x00040000
#define FILE_READ_ONLY_VOLUME             0x00080000
#define FILE_SEQUENTIAL_WRITE_ONCE        0x00100000
#define FILE_SUPPORTS_TRANSACTIONS        0x00200000
#define FILE_SUPPORTS_HARD_LINKS          0x00400000
#define FILE_SUPPORTS_EXTENDED_ATTRIBUTES 0x00800000
#define FILE_SUPPORTS_OPEN_BY_FILE_ID     0x01000000
#define FILE_SUPPORTS_USN_JOURNAL         0x02000000

/* Oplock results (IO_STATUS_BLOCK.Information). */
#define FILE_OPLOCK_BROKEN_TO_LEVEL_2 0x00000007
#define FILE_OPLOCK_BROKEN_TO_NONE    0x00000008
#define FILE_OPBATCH_BREAK_UNDERWAY   0x00000009

/* FsRtlNotifyVolumeEvent's events. */
#define FSRTL_VOLUME_DISMOUNT          1
#define FSRTL_VOLUME_DISMOUNT_FAILED   2
#define FSRTL_VOLUME_LOCK              3
#define FSRTL_VOLUME_LOCK_FAILED       4
#define FSRTL_VOLUME_UNLOCK            5
#define FSRTL_VOLUME_MOUNT             6
#define FSRTL_VOLUME_NEEDS_CHKDSK      7
#define FSRTL_VOLUME_WORM_NEAR_FULL    8
#define FSRTL_VOLUME_WEARING_OUT       9
#define FSRTL_VOLUME_FORCED_CLOSED     10
#define FSRTL_VOLUME_INFO_MAKE_COMPAT  11
#define FSRTL_VOLUME_PREPARING_EJECT   12
#define FSRTL_VOLUME_CHANGE_SIZE       13
#define FSRTL_VOLUME_BACKGROUND_FORMAT 14

/* IoGetTopLevelIrp's special values. */
#define FSRTL_FSP_TOP_LEVEL_IRP       ((LONG_PTR)0x01)
#define FSRTL_CACHE_TOP_LEVEL_IRP     ((LONG_PTR)0x02)
#define FSRTL_MOD_WRITE_TOP_LEVEL_IRP ((LONG_PTR)0x03)
#define FSRTL_FAST_IO_TOP_LEVEL_IRP   ((LONG_PTR)0x04)
#define FSRTL_NETWORK1_TOP_LEVEL_IRP  ((LONG_PTR)0x05)
#define FSRTL_NETWORK2_TOP_LEVEL_IRP  ((LONG_PTR)0x06)
#define FSRTL_MAX_TOP_LEVEL_IRP_FLAG  ((LONG_PTR)0xFFFF)

#define VACB_MAPPING_GRANULARITY (0x40000)
#define VACB_OFFSET_SHIFT        (18)

typedef enum _MMFLUSH_TYPE {
    MmFlushForDelete,
    MmFlushForWrite
} MMFLUSH_TYPE;

/* ---- file-system filter callbacks (FsRtlRegisterFileSystemFilterCallbacks) --------------------
 */
typedef enum _FS_FILTER_SECTION_SYNC_TYPE {
    SyncTypeOther = 0,
    SyncTypeCreateSection
} FS_FILTER_SECTION_SYNC_TYPE, *PFS_FILTER_SECTION_SYNC_TYPE;

typedef struct _FS_FILTER_SECTION_SYNC_OUTPUT {
    ULONG StructureSize;
    ULONG SizeReturned;
    ULONG Flags;
    ULONG DesiredReadAlignment;
} FS_FILTER_SECTION_SYNC_OUTPUT, *PFS_FILTER_SECTION_SYNC_OUTPUT;

typedef union _FS_FILTER_PARAMETERS {
    struct {
        PLARGE_INTEGER EndingOffset;
        PERESOURCE *ResourceToRelease;
    } AcquireForModifiedPageWriter;
    struct {
        PERESOURCE ResourceToRelease;
    } ReleaseForModifiedPageWriter;
    struct {
        FS_FILTER_SECTION_SYNC_TYPE SyncType;
        ULONG PageProtection;
        PFS_FILTER_SECTION_SYNC_OUTPUT OutputInformation;
        ULONG Flags;
        ULONG AllocationAttributes;
    } AcquireForSectionSynchronization;
    struct {
        PIRP Irp;
        PVOID FileInformation;
        PULONG Length;
        FILE_INFORMATION_CLASS FileInformationClass;
        NTSTATUS CompletionStatus;
    } QueryOpen;
    struct {
        PVOID Argument1;
        PVOID Argument2;
        PVOID Argument3;
        PVOID Argument4;
        PVOID Argument5;
    } Others;
} FS_FILTER_PARAMETERS, *PFS_FILTER_PARAMETERS;

#define FS_FILTER_ACQUIRE_FOR_SECTION_SYNCHRONIZATION (UCHAR) - 1
#define FS_FILTER_RELEASE_FOR_SECTION_SYNCHRONIZATION (UCHAR) - 2
#define FS_FILTER_ACQUIRE_FOR_MOD_WRITE               (UCHAR) - 3
#define FS_FILTER_RELEASE_FOR_MOD_WRITE               (UCHAR) - 4
#define FS_FILTER_ACQUIRE_FOR_CC_FLUSH                (UCHAR) - 5
#define FS_FILTER_RELEASE_FOR_CC_FLUSH                (UCHAR) - 6
#define FS_FILTER_QUERY_OPEN                          (UCHAR) - 7

typedef struct _FS_FILTER_CALLBACK_DATA {
    ULONG SizeOfFsFilterCallbackData;
    UCHAR Operation; /* FS_FILTER_* */
    UCHAR Reserved;
    struct _DEVICE_OBJECT *DeviceObject;
    struct _FILE_OBJECT *FileObject;
    FS_FILTER_PARAMETERS Parameters;
} FS_FILTER_CALLBACK_DATA, *PFS_FILTER_CALLBACK_DATA;

typedef NTSTATUS NTAPI FS_FILTER_CALLBACK(PFS_FILTER_CALLBACK_DATA Data, PVOID *CompletionContext);
typedef FS_FILTER_CALLBACK *PFS_FILTER_CALLBACK;
typedef VOID NTAPI FS_FILTER_COMPLETION_CALLBACK(PFS_FILTER_CALLBACK_DATA Data,
                                                 NTSTATUS OperationStatus, PVOID CompletionContext);
typedef FS_FILTER_COMPLETION_CALLBACK *PFS_FILTER_COMPLETION_CALLBACK;

typedef struct _FS_FILTER_CALLBACKS {
    ULONG SizeOfFsFilterCallbacks; /* sizeof(FS_FILTER_CALLBACKS) */
    ULONG Reserved;
    PFS_FILTER_CALLBACK PreAcquireForSectionSynchronization;
    PFS_FILTER_COMPLETION_CALLBACK PostAcquireForSectionSynchronization;
    PFS_FILTER_CALLBACK PreReleaseForSectionSynchronization;
    PFS_FILTER_COMPLETION_CALLBACK PostReleaseForSectionSynchronization;
    PFS_FILTER_CALLBACK PreAcquireForCcFlush;
    PFS_FILTER_COMPLETION_CALLBACK PostAcquireForCcFlush;
    PFS_FILTER_CALLBACK PreReleaseForCcFlush;
    PFS_FILTER_COMPLETION_CALLBACK PostReleaseForCcFlush;
    PFS_FILTER_CALLBACK PreAcquireForModifiedPageWriter;
    PFS_FILTER_COMPLETION_CALLBACK PostAcquireForModifiedPageWriter;
    PFS_FILTER_CALLBACK PreReleaseForModifiedPageWriter;
    PFS_FILTER_COMPLETION_CALLBACK PostReleaseForModifiedPageWriter;
    PFS_FILTER_CALLBACK PreQueryOpen;
    PFS_FILTER_COMPLETION_CALLBACK PostQueryOpen;
} FS_FILTER_CALLBACKS, *PFS_FILTER_CALLBACKS;

/* ---- directory change notification, attributes, oplock and pin flags, privileges ------------- */
#define FILE_NOTIFY_CHANGE_FILE_NAME    0x00000001
#define FILE_NOTIFY_CHANGE_DIR_NAME     0x00000002
#define FILE_NOTIFY_CHANGE_NAME         0x00000003
#define FILE_NOTIFY_CHANGE_ATTRIBUTES   0x00000004
#define FILE_NOTIFY_CHANGE_SIZE         0x00000008
#define FILE_NOTIFY_CHANGE_LAST_WRITE   0x00000010
#define FILE_NOTIFY_CHANGE_LAST_ACCESS  0x00000020
#define FILE_NOTIFY_CHANGE_CREATION     0x00000040
#define FILE_NOTIFY_CHANGE_EA           0x00000080
#define FILE_NOTIFY_CHANGE_SECURITY     0x00000100
#define FILE_NOTIFY_CHANGE_STREAM_NAME  0x00000200
#define FILE_NOTIFY_CHANGE_STREAM_SIZE  0x00000400
#define FILE_NOTIFY_CHANGE_STREAM_WRITE 0x00000800

#define FILE_ACTION_ADDED            0x00000001
#define FILE_ACTION_REMOVED          0x00000002
#define FILE_ACTION_MODIFIED         0x00000003
#define FILE_ACTION_RENAMED_OLD_NAME 0x00000004
#define FILE_ACTION_RENAMED_NEW_NAME 0x00000005
#define FILE_ACTION_ADDED_STREAM     0x00000006
#define FILE_ACTION_REMOVED_STREAM   0x00000007
#define FILE_ACTION_MODIFIED_STREAM  0x00000008

#ifndef FILE_ATTRIBUTE_TEMPORARY
#define FILE_ATTRIBUTE_TEMPORARY 0x00000100
#endif
#ifndef FILE_ATTRIBUTE_ENCRYPTED
#define FILE_ATTRIBUTE_ENCRYPTED 0x00004000
#endif
#define FILE_NEED_EA 0x00000080

#ifndef DO_SYSTEM_BOOT_PARTITION
#define DO_SYSTEM_BOOT_PARTITION 0x00000100
#endif

#define OPLOCK_FLAG_COMPLETE_IF_OPLOCKED    0x00000001
#define OPLOCK_FLAG_OPLOCK_KEY_CHECK_ONLY   0x00000002
#define OPLOCK_FLAG_BACK_OUT_ATOMIC_OPLOCK  0x00000004
#define OPLOCK_FLAG_IGNORE_OPLOCK_KEYS      0x00000008
#define OPLOCK_FLAG_PARENT_OBJECT           0x00000010
#define OPLOCK_FLAG_CLOSING_DELETE_ON_CLOSE 0x00000020
#define OPLOCK_FLAG_REMOVING_FILE_OR_LINK   0x00000040

/* CcPinRead / CcMapData flags. */
#define PIN_WAIT                     (1)
#define PIN_EXCLUSIVE                (2)
#define PIN_NO_READ                  (4)
#define PIN_IF_BCB                   (8)
#define PIN_CALLER_TRACKS_DIRTY_DATA (32)
#define PIN_HIGH_PRIORITY            (64)
#define MAP_WAIT                     (1)
#define MAP_NO_READ                  (16)
#define MAP_HIGH_PRIORITY            (64)

typedef VOID NTAPI CC_POST_DEFERRED_WRITE(PVOID Context1, PVOID Context2);
typedef CC_POST_DEFERRED_WRITE *PCC_POST_DEFERRED_WRITE;

/* IRP_MJ_FLUSH_BUFFERS minor functions. */
#define IRP_MN_FLUSH_AND_PURGE      0x01
#define IRP_MN_FLUSH_DATA_ONLY      0x02
#define IRP_MN_FLUSH_NO_SYNC        0x03
#define IRP_MN_FLUSH_DATA_SYNC_ONLY 0x04

/* MARK_HANDLE_INFO.UsnSourceInfo. */
#define USN_SOURCE_DATA_MANAGEMENT        (0x00000001)
#define USN_SOURCE_AUXILIARY_DATA         (0x00000002)
#define USN_SOURCE_REPLICATION_MANAGEMENT (0x00000004)

/* Privileges a file system checks (SeSinglePrivilegeCheck, SePrivilegeCheck). */
#ifndef SE_SECURITY_PRIVILEGE
#define SE_SECURITY_PRIVILEGE (8L)
#endif
#ifndef SE_MANAGE_VOLUME_PRIVILEGE
#define SE_MANAGE_VOLUME_PRIVILEGE (28L)
#endif
#define PRIVILEGE_SET_ALL_NECESSARY (1)

#include <pshpack4.h>
typedef struct _LUID_AND_ATTRIBUTES {
    LUID Luid;
    ULONG Attributes;
} LUID_AND_ATTRIBUTES, *PLUID_AND_ATTRIBUTES;
#include <poppack.h>

typedef struct _PRIVILEGE_SET {
    ULONG PrivilegeCount;
    ULONG Control; /* PRIVILEGE_SET_ALL_NECESSARY */
    LUID_AND_ATTRIBUTES Privilege[ANYSIZE_ARRAY];
} PRIVILEGE_SET, *PPRIVILEGE_SET;

/* ---- scatter reads (MmPrefetchPages) ------------------------------------------------------------
 */
typedef union _FILE_SEGMENT_ELEMENT {
    PVOID Buffer; /* PVOID64 in the WDK: the same on x64 */
    ULONGLONG Alignment;
} FILE_SEGMENT_ELEMENT, *PFILE_SEGMENT_ELEMENT;

typedef struct _READ_LIST {
    PFILE_OBJECT FileObject;
    ULONG NumberOfEntries;
    LOGICAL IsImage;
    FILE_SEGMENT_ELEMENT List[ANYSIZE_ARRAY];
} READ_LIST, *PREAD_LIST;

/* The routines (after the types they take). */
#include <ntifs_decl.h>

#endif
