/*
 * srb.h - SCSI request blocks: the classic SCSI_REQUEST_BLOCK and the extended
 * STORAGE_REQUEST_BLOCK (with its addresses STOR_ADDRESS / STOR_ADDR_BTL8 and its extended data
 * blocks SRBEX_DATA_*), the SRB functions, statuses, flags and queue tags that class drivers
 * send to a storage port through IRP_MJ_SCSI. Names, values and x64 layouts as documented
 * (wdk-ddi-src/content/srb/); pinned by tests/storage. drvhost runs no storage port (SCSI
 * port, Storport: docs/compatibility.md): these are definitions only.
 */
#ifndef _NTSRB_
#define _NTSRB_

#include <ntdef.h>
#include <scsi.h>

#ifndef ANYSIZE_ARRAY
#define ANYSIZE_ARRAY 1
#endif

#define SCSI_MAXIMUM_LOGICAL_UNITS   8
#define SCSI_MAXIMUM_TARGETS_PER_BUS 128
#define SCSI_MAXIMUM_LUNS_PER_TARGET 255
#define SCSI_MAXIMUM_BUSES           8
#define SCSI_MINIMUM_PHYSICAL_BREAKS 16
#define SCSI_MAXIMUM_PHYSICAL_BREAKS 255
#define SCSI_MAXIMUM_TARGETS         8
#define SCSI_COMBINE_BUS_TARGET(Bus, Target)                                                       \
    ((((UCHAR)(Target)) & ~(0x20 - 1)) << 8 | ((UCHAR)(Bus)) << 5 |                                \
     (((UCHAR)(Target)) & (0x20 - 1)))
#define SCSI_DECODE_BUS_TARGET(Value, Bus, Target)                                                 \
    (Bus = (UCHAR)((Value) >> 5),                                                                  \
     Target = (UCHAR)((((Value) >> 8) & ~(0x20 - 1)) | ((Value) & (0x20 - 1))))

/* ---- the classic request block ----------------------------------------------------------------
 */
typedef struct _SCSI_REQUEST_BLOCK {
    USHORT Length;    /* sizeof(SCSI_REQUEST_BLOCK) */
    UCHAR Function;   /* SRB_FUNCTION_* */
    UCHAR SrbStatus;  /* SRB_STATUS_* */
    UCHAR ScsiStatus; /* SCSISTAT_* */
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR QueueTag;
    UCHAR QueueAction; /* SRB_*_TAG_REQUEST */
    UCHAR CdbLength;
    UCHAR SenseInfoBufferLength;
    ULONG SrbFlags; /* SRB_FLAGS_* */
    ULONG DataTransferLength;
    ULONG TimeOutValue; /* seconds */
    PVOID DataBuffer;
    PVOID SenseInfoBuffer;
    struct _SCSI_REQUEST_BLOCK *NextSrb;
    PVOID OriginalRequest; /* the IRP */
    PVOID SrbExtension;
    union {
        ULONG InternalStatus;
        ULONG QueueSortKey;
        ULONG LinkTimeoutValue;
    };
    ULONG Reserved; /* x64 only: keeps Cdb 8-byte aligned */
    UCHAR Cdb[16];
} SCSI_REQUEST_BLOCK, *PSCSI_REQUEST_BLOCK;
#define SCSI_REQUEST_BLOCK_SIZE sizeof(SCSI_REQUEST_BLOCK)

/* SRB_FUNCTION_WMI's request block. */
typedef struct _SCSI_WMI_REQUEST_BLOCK {
    USHORT Length;
    UCHAR Function; /* SRB_FUNCTION_WMI */
    UCHAR SrbStatus;
    UCHAR WMISubFunction;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR Reserved1;
    UCHAR WMIFlags;
    UCHAR Reserved2[2];
    ULONG SrbFlags;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    PVOID DataBuffer;
    PVOID DataPath;
    PVOID Reserved3;
    PVOID OriginalRequest;
    PVOID SrbExtension;
    ULONG Reserved4;
    ULONG Reserved6;
    UCHAR Reserved5[16];
} SCSI_WMI_REQUEST_BLOCK, *PSCSI_WMI_REQUEST_BLOCK;
#define SRB_WMI_FLAGS_ADAPTER_REQUEST 0x01

/* ---- functions --------------------------------------------------------------------------------
 */
#define SRB_FUNCTION_EXECUTE_SCSI          0x00
#define SRB_FUNCTION_CLAIM_DEVICE          0x01
#define SRB_FUNCTION_IO_CONTROL            0x02
#define SRB_FUNCTION_RECEIVE_EVENT         0x03
#define SRB_FUNCTION_RELEASE_QUEUE         0x04
#define SRB_FUNCTION_ATTACH_DEVICE         0x05
#define SRB_FUNCTION_RELEASE_DEVICE        0x06
#define SRB_FUNCTION_SHUTDOWN              0x07
#define SRB_FUNCTION_FLUSH                 0x08
#define SRB_FUNCTION_PROTOCOL_COMMAND      0x09
#define SRB_FUNCTION_ABORT_COMMAND         0x10
#define SRB_FUNCTION_RELEASE_RECOVERY      0x11
#define SRB_FUNCTION_RESET_BUS             0x12
#define SRB_FUNCTION_RESET_DEVICE          0x13
#define SRB_FUNCTION_TERMINATE_IO          0x14
#define SRB_FUNCTION_FLUSH_QUEUE           0x15
#define SRB_FUNCTION_REMOVE_DEVICE         0x16
#define SRB_FUNCTION_WMI                   0x17
#define SRB_FUNCTION_LOCK_QUEUE            0x18
#define SRB_FUNCTION_UNLOCK_QUEUE          0x19
#define SRB_FUNCTION_QUIESCE_DEVICE        0x1a
#define SRB_FUNCTION_RESET_LOGICAL_UNIT    0x20
#define SRB_FUNCTION_SET_LINK_TIMEOUT      0x21
#define SRB_FUNCTION_LINK_TIMEOUT_OCCURRED 0x22
#define SRB_FUNCTION_LINK_TIMEOUT_COMPLETE 0x23
#define SRB_FUNCTION_POWER                 0x24
#define SRB_FUNCTION_PNP                   0x25
#define SRB_FUNCTION_DUMP_POINTERS         0x26
#define SRB_FUNCTION_FREE_DUMP_POINTERS    0x27
#define SRB_FUNCTION_STORAGE_REQUEST_BLOCK 0x28
#define SRB_FUNCTION_CRYPTO_OPERATION      0x29
#define SRB_FUNCTION_GET_DUMP_INFO         0x2a
#define SRB_FUNCTION_FREE_DUMP_INFO        0x2b

/* ---- statuses ---------------------------------------------------------------------------------
 */
#define SRB_STATUS_PENDING                0x00
#define SRB_STATUS_SUCCESS                0x01
#define SRB_STATUS_ABORTED                0x02
#define SRB_STATUS_ABORT_FAILED           0x03
#define SRB_STATUS_ERROR                  0x04
#define SRB_STATUS_BUSY                   0x05
#define SRB_STATUS_INVALID_REQUEST        0x06
#define SRB_STATUS_INVALID_PATH_ID        0x07
#define SRB_STATUS_NO_DEVICE              0x08
#define SRB_STATUS_TIMEOUT                0x09
#define SRB_STATUS_SELECTION_TIMEOUT      0x0A
#define SRB_STATUS_COMMAND_TIMEOUT        0x0B
#define SRB_STATUS_MESSAGE_REJECTED       0x0D
#define SRB_STATUS_BUS_RESET              0x0E
#define SRB_STATUS_PARITY_ERROR           0x0F
#define SRB_STATUS_REQUEST_SENSE_FAILED   0x10
#define SRB_STATUS_NO_HBA                 0x11
#define SRB_STATUS_DATA_OVERRUN           0x12
#define SRB_STATUS_UNEXPECTED_BUS_FREE    0x13
#define SRB_STATUS_PHASE_SEQUENCE_FAILURE 0x14
#define SRB_STATUS_BAD_SRB_BLOCK_LENGTH   0x15
#define SRB_STATUS_REQUEST_FLUSHED        0x16
#define SRB_STATUS_INVALID_LUN            0x20
#define SRB_STATUS_INVALID_TARGET_ID      0x21
#define SRB_STATUS_BAD_FUNCTION           0x22
#define SRB_STATUS_ERROR_RECOVERY         0x23
#define SRB_STATUS_NOT_POWERED            0x24
#define SRB_STATUS_LINK_DOWN              0x25
#define SRB_STATUS_INSUFFICIENT_RESOURCES 0x26
#define SRB_STATUS_THROTTLED_REQUEST      0x27
#define SRB_STATUS_INTERNAL_ERROR         0x30
/* Bits the port driver adds to the status. */
#define SRB_STATUS_QUEUE_FROZEN    0x40
#define SRB_STATUS_AUTOSENSE_VALID 0x80
#define SRB_STATUS(Status)         ((Status) & ~(SRB_STATUS_AUTOSENSE_VALID | SRB_STATUS_QUEUE_FROZEN))

/* ---- flags and queue tags ------------------------------------------------------------------- */
#define SRB_FLAGS_QUEUE_ACTION_ENABLE      0x00000002
#define SRB_FLAGS_DISABLE_DISCONNECT       0x00000004
#define SRB_FLAGS_DISABLE_SYNCH_TRANSFER   0x00000008
#define SRB_FLAGS_BYPASS_FROZEN_QUEUE      0x00000010
#define SRB_FLAGS_DISABLE_AUTOSENSE        0x00000020
#define SRB_FLAGS_DATA_IN                  0x00000040
#define SRB_FLAGS_DATA_OUT                 0x00000080
#define SRB_FLAGS_NO_DATA_TRANSFER         0x00000000
#define SRB_FLAGS_UNSPECIFIED_DIRECTION    (SRB_FLAGS_DATA_IN | SRB_FLAGS_DATA_OUT)
#define SRB_FLAGS_NO_QUEUE_FREEZE          0x00000100
#define SRB_FLAGS_ADAPTER_CACHE_ENABLE     0x00000200
#define SRB_FLAGS_FREE_SENSE_BUFFER        0x00000400
#define SRB_FLAGS_D3_PROCESSING            0x00000800
#define SRB_FLAGS_SEQUENTIAL_REQUIRED      0x00001000
#define SRB_FLAGS_IS_ACTIVE                0x00010000
#define SRB_FLAGS_ALLOCATED_FROM_ZONE      0x00020000
#define SRB_FLAGS_SGLIST_FROM_POOL         0x00040000
#define SRB_FLAGS_BYPASS_LOCKED_QUEUE      0x00080000
#define SRB_FLAGS_NO_KEEP_AWAKE            0x00100000
#define SRB_FLAGS_PORT_DRIVER_ALLOCSENSE   0x00200000
#define SRB_FLAGS_PORT_DRIVER_SENSEHASPORT 0x00400000
#define SRB_FLAGS_DONT_START_NEXT_PACKET   0x00800000
#define SRB_FLAGS_PORT_DRIVER_RESERVED     0x0F000000
#define SRB_FLAGS_CLASS_DRIVER_RESERVED    0xF0000000

#define SRB_SIMPLE_TAG_REQUEST        0x20
#define SRB_HEAD_OF_QUEUE_TAG_REQUEST 0x21
#define SRB_ORDERED_QUEUE_TAG_REQUEST 0x22

#define SRB_POWER_FLAGS_ADAPTER_REQUEST 0x01
#define SRB_PNP_FLAGS_ADAPTER_REQUEST   0x01

/* ---- the extended request block ----------------------------------------------------------------
 */
#define SRB_SIGNATURE                   0x53524258 /* 'SRBX' */
#define STORAGE_REQUEST_BLOCK_VERSION_1 0x1

typedef enum _STOR_DEVICE_POWER_STATE {
    StorPowerDeviceUnspecified = 0,
    StorPowerDeviceD0,
    StorPowerDeviceD1,
    StorPowerDeviceD2,
    StorPowerDeviceD3,
    StorPowerDeviceMaximum
} STOR_DEVICE_POWER_STATE, *PSTOR_DEVICE_POWER_STATE;

typedef enum _STOR_POWER_ACTION {
    StorPowerActionNone = 0,
    StorPowerActionReserved,
    StorPowerActionSleep,
    StorPowerActionHibernate,
    StorPowerActionShutdown,
    StorPowerActionShutdownReset,
    StorPowerActionShutdownOff,
    StorPowerActionWarmEject
} STOR_POWER_ACTION, *PSTOR_POWER_ACTION;

typedef enum _STOR_PNP_ACTION {
    StorStartDevice = 0x0,
    StorRemoveDevice = 0x2,
    StorStopDevice = 0x4,
    StorQueryCapabilities = 0x9,
    StorQueryResourceRequirements = 0xB,
    StorFilterResourceRequirements = 0xD,
    StorSurpriseRemoval = 0x17
} STOR_PNP_ACTION, *PSTOR_PNP_ACTION;

#define STOR_ADDRESS_TYPE_UNKNOWN 0x0
#define STOR_ADDRESS_TYPE_BTL8    0x1
#define STOR_ADDRESS_TYPE_MAX     0xffff

/* On x64 the address and extended-data blocks are 8-byte aligned (their sizes round up to 8), so
 * the pointers inside the variable-length parts stay aligned. */
#define SRB_ALIGN          DECLSPEC_ALIGN(8)
#define STOR_ADDRESS_ALIGN DECLSPEC_ALIGN(8)
#define POINTER_ALIGN      DECLSPEC_ALIGN(8)

typedef struct STOR_ADDRESS_ALIGN _STOR_ADDRESS {
    USHORT Type; /* STOR_ADDRESS_TYPE_* */
    USHORT Port;
    ULONG AddressLength; /* of AddressData */
    UCHAR AddressData[ANYSIZE_ARRAY];
} STOR_ADDRESS, *PSTOR_ADDRESS;

#define STOR_ADDR_BTL8_ADDRESS_LENGTH 4
typedef struct STOR_ADDRESS_ALIGN _STOR_ADDR_BTL8 {
    USHORT Type; /* STOR_ADDRESS_TYPE_BTL8 */
    USHORT Port;
    ULONG AddressLength; /* STOR_ADDR_BTL8_ADDRESS_LENGTH */
    UCHAR Path;
    UCHAR Target;
    UCHAR Lun;
    UCHAR Reserved;
} STOR_ADDR_BTL8, *PSTOR_ADDR_BTL8;

typedef enum _SRBEXDATATYPE {
    SrbExDataTypeUnknown = 0,
    SrbExDataTypeBidirectional,
    SrbExDataTypeScsiCdb16 = 0x40,
    SrbExDataTypeScsiCdb32,
    SrbExDataTypeScsiCdbVar,
    SrbExDataTypeNvmeCommand,
    SrbExDataTypeWmi = 0x60,
    SrbExDataTypePower,
    SrbExDataTypePnP,
    SrbExDataTypeIoInfo = 0x80,
    SrbExDataTypeMSReservedStart = 0xf0000000,
    SrbExDataTypeReserved = 0xffffffff
} SRBEXDATATYPE, *PSRBEXDATATYPE;

/* Every extended data block begins with Type and Length (the bytes after these two). */
typedef struct SRB_ALIGN _SRBEX_DATA {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR Data[ANYSIZE_ARRAY];
} SRBEX_DATA, *PSRBEX_DATA;

#define SRBEX_DATA_BIDIRECTIONAL_LENGTH ((2 * sizeof(ULONG)) + sizeof(PVOID))
typedef struct SRB_ALIGN _SRBEX_DATA_BIDIRECTIONAL {
    SRBEXDATATYPE Type;
    ULONG Length;
    ULONG DataInTransferLength;
    ULONG Reserved1;
    PVOID DataInBuffer;
} SRBEX_DATA_BIDIRECTIONAL, *PSRBEX_DATA_BIDIRECTIONAL;

#define SRBEX_DATA_SCSI_CDB16_LENGTH ((20 * sizeof(UCHAR)) + sizeof(ULONG) + sizeof(PVOID))
typedef struct SRB_ALIGN _SRBEX_DATA_SCSI_CDB16 {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR ScsiStatus;
    UCHAR SenseInfoBufferLength;
    UCHAR CdbLength;
    UCHAR Reserved;
    ULONG Reserved1;
    PVOID SenseInfoBuffer;
    UCHAR Cdb[16];
} SRBEX_DATA_SCSI_CDB16, *PSRBEX_DATA_SCSI_CDB16;

#define SRBEX_DATA_SCSI_CDB32_LENGTH ((36 * sizeof(UCHAR)) + sizeof(ULONG) + sizeof(PVOID))
typedef struct SRB_ALIGN _SRBEX_DATA_SCSI_CDB32 {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR ScsiStatus;
    UCHAR SenseInfoBufferLength;
    UCHAR CdbLength;
    UCHAR Reserved;
    ULONG Reserved1;
    PVOID SenseInfoBuffer;
    UCHAR Cdb[32];
} SRBEX_DATA_SCSI_CDB32, *PSRBEX_DATA_SCSI_CDB32;

#define SRBEX_DATA_SCSI_CDB_VAR_LENGTH_MIN                                                         \
    ((4 * sizeof(UCHAR)) + (3 * sizeof(ULONG)) + sizeof(PVOID))
typedef struct SRB_ALIGN _SRBEX_DATA_SCSI_CDB_VAR {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR ScsiStatus;
    UCHAR SenseInfoBufferLength;
    UCHAR Reserved[2];
    ULONG CdbLength;
    ULONG Reserved1[2];
    PVOID SenseInfoBuffer;
    UCHAR Cdb[ANYSIZE_ARRAY];
} SRBEX_DATA_SCSI_CDB_VAR, *PSRBEX_DATA_SCSI_CDB_VAR;

#define SRBEX_DATA_WMI_LENGTH ((4 * sizeof(UCHAR)) + sizeof(ULONG) + sizeof(PVOID))
typedef struct SRB_ALIGN _SRBEX_DATA_WMI {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR WMISubFunction;
    UCHAR WMIFlags;
    UCHAR Reserved[2];
    ULONG Reserved1;
    PVOID DataPath;
} SRBEX_DATA_WMI, *PSRBEX_DATA_WMI;

#define SRBEX_DATA_POWER_LENGTH                                                                    \
    ((4 * sizeof(UCHAR)) + sizeof(STOR_DEVICE_POWER_STATE) + sizeof(STOR_POWER_ACTION))
typedef struct SRB_ALIGN _SRBEX_DATA_POWER {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR SrbPowerFlags;
    UCHAR Reserved[3];
    STOR_DEVICE_POWER_STATE DevicePowerState;
    STOR_POWER_ACTION PowerAction;
} SRBEX_DATA_POWER, *PSRBEX_DATA_POWER;

#define SRBEX_DATA_PNP_LENGTH ((4 * sizeof(UCHAR)) + sizeof(STOR_PNP_ACTION) + (2 * sizeof(ULONG)))
typedef struct SRB_ALIGN _SRBEX_DATA_PNP {
    SRBEXDATATYPE Type;
    ULONG Length;
    UCHAR PnPSubFunction;
    UCHAR Reserved[3];
    STOR_PNP_ACTION PnPAction;
    ULONG SrbPnPFlags;
    ULONG Reserved1;
} SRBEX_DATA_PNP, *PSRBEX_DATA_PNP;

#define REQUEST_INFO_NO_CACHE_FLAG             0x00000001
#define REQUEST_INFO_PAGING_IO_FLAG            0x00000002
#define REQUEST_INFO_SEQUENTIAL_IO_FLAG        0x00000004
#define REQUEST_INFO_TEMPORARY_FLAG            0x00000008
#define REQUEST_INFO_WRITE_THROUGH_FLAG        0x00000010
#define REQUEST_INFO_HYBRID_WRITE_THROUGH_FLAG 0x00000020
#define REQUEST_INFO_NO_FILE_OBJECT_FLAG       0x00000040
#define REQUEST_INFO_VOLSNAP_IO_FLAG           0x00000080
#define REQUEST_INFO_STREAM_FLAG               0x00000100
#define REQUEST_INFO_VALID_CACHEPRIORITY_FLAG  0x80000000

#define SRBEX_DATA_IO_INFO_LENGTH ((5 * sizeof(ULONG)) + (4 * sizeof(UCHAR)))
typedef struct SRB_ALIGN _SRBEX_DATA_IO_INFO {
    SRBEXDATATYPE Type;
    ULONG Length;
    ULONG Flags; /* REQUEST_INFO_* */
    ULONG Key;
    ULONG RWLength;
    BOOLEAN IsWriteRequest;
    UCHAR CachePriority;
    UCHAR Reserved[2];
    ULONG Reserved1[2];
} SRBEX_DATA_IO_INFO, *PSRBEX_DATA_IO_INFO;

/* The first bytes every request block shares: IRP_MJ_SCSI's Srb can be either kind. */
typedef struct SRB_ALIGN _STORAGE_REQUEST_BLOCK_HEADER {
    USHORT Length;
    UCHAR Function; /* SRB_FUNCTION_STORAGE_REQUEST_BLOCK for the extended form */
    UCHAR SrbStatus;
} STORAGE_REQUEST_BLOCK_HEADER, *PSTORAGE_REQUEST_BLOCK_HEADER;

typedef struct _STORAGE_REQUEST_BLOCK {
    USHORT Length; /* FIELD_OFFSET(STORAGE_REQUEST_BLOCK, Signature) */
    UCHAR Function;
    UCHAR SrbStatus;
    ULONG ReservedUlong1;
    ULONG Signature;   /* SRB_SIGNATURE */
    ULONG Version;     /* STORAGE_REQUEST_BLOCK_VERSION_1 */
    ULONG SrbLength;   /* the whole block: this structure, the address, the extended data */
    ULONG SrbFunction; /* SRB_FUNCTION_* */
    ULONG SrbFlags;
    ULONG ReservedUlong2;
    ULONG RequestTag;
    USHORT RequestPriority;
    USHORT RequestAttribute;
    ULONG TimeOutValue;
    union {
        ULONG SystemStatus;
        ULONG RequestTagHigh4Bytes;
    };
    ULONG ZeroGuard1;
    ULONG AddressOffset; /* of the STOR_ADDRESS, from the start of the block */
    ULONG NumSrbExData;
    ULONG DataTransferLength;
    PVOID DataBuffer;
    PVOID ZeroGuard2;
    PVOID OriginalRequest;
    PVOID ClassContext;
    PVOID PortContext;
    PVOID MiniportContext;
    struct _STORAGE_REQUEST_BLOCK *NextSrb;
    ULONG SrbExDataOffset[ANYSIZE_ARRAY]; /* of each SRBEX_DATA, from the start of the block */
} STORAGE_REQUEST_BLOCK, *PSTORAGE_REQUEST_BLOCK;
#define SRB_TYPE_SCSI_REQUEST_BLOCK    0
#define SRB_TYPE_STORAGE_REQUEST_BLOCK 1
#define STORAGE_ADDRESS_TYPE_BTL8      0

#endif
