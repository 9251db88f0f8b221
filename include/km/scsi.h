/*
 * scsi.h - the SCSI command set as Windows storage drivers spell it: operation codes
 * (SCSIOP_*), service actions, SCSI status bytes, sense data (fixed and descriptor formats, sense
 * keys, additional sense codes and qualifiers), the command descriptor block union CDB, inquiry
 * data and device types, capacity data, mode parameter headers and pages, vital product data
 * page codes and headers, event status notification, persistent reservations, UNMAP and LBA
 * status. Names follow the WDK's scsi.h (wdk-ddi-src/content/scsi/); the values and byte
 * layouts are those of the SCSI standards (SPC, SBC, MMC), big-endian fields as byte arrays.
 * Pinned by tests/storage. Definitions only: drvhost runs no SCSI device.
 *
 * Not here yet (each a compile error naming it): the tape, changer and DVD/CD (MMC feature)
 * structures, the zoned and third-party-copy (token) parameter lists, the SES pages.
 */
#ifndef _NTSCSI_
#define _NTSCSI_

#include <ntdef.h>

#ifndef ANYSIZE_ARRAY
#define ANYSIZE_ARRAY 1
#endif

#include <pshpack1.h>

/* ---- command descriptor blocks ----------------------------------------------------------------
 */
typedef union _CDB {
    struct _CDB6GENERIC {
        UCHAR OperationCode;
        UCHAR Immediate : 1;
        UCHAR CommandUniqueBits : 4;
        UCHAR LogicalUnitNumber : 3;
        UCHAR CommandUniqueBytes[3];
        UCHAR Link : 1;
        UCHAR Flag : 1;
        UCHAR Reserved : 4;
        UCHAR VendorUnique : 2;
    } CDB6GENERIC;
    struct _CDB6READWRITE {
        UCHAR OperationCode;
        UCHAR LogicalBlockMsb1 : 5;
        UCHAR LogicalUnitNumber : 3;
        UCHAR LogicalBlockMsb0;
        UCHAR LogicalBlockLsb;
        UCHAR TransferBlocks;
        UCHAR Control;
    } CDB6READWRITE;
    struct _CDB6INQUIRY {
        UCHAR OperationCode;
        UCHAR Reserved1 : 5;
        UCHAR LogicalUnitNumber : 3;
        UCHAR PageCode;
        UCHAR IReserved;
        UCHAR AllocationLength;
        UCHAR Control;
    } CDB6INQUIRY;
    struct _CDB6INQUIRY3 {
        UCHAR OperationCode;
        UCHAR EnableVitalProductData : 1;
        UCHAR CommandSupportData : 1;
        UCHAR Reserved1 : 6;
        UCHAR PageCode;
        UCHAR Reserved2;
        UCHAR AllocationLength;
        UCHAR Control;
    } CDB6INQUIRY3;
    struct _CDB6VERIFY {
        UCHAR OperationCode;
        UCHAR Fixed : 1;
        UCHAR ByteCompare : 1;
        UCHAR Immediate : 1;
        UCHAR Reserved : 2;
        UCHAR LogicalUnitNumber : 3;
        UCHAR VerificationLength[3];
        UCHAR Control;
    } CDB6VERIFY;
    struct _CDB6FORMAT {
        UCHAR OperationCode;
        UCHAR FormatControl : 5;
        UCHAR LogicalUnitNumber : 3;
        UCHAR FReserved1;
        UCHAR InterleaveMsb;
        UCHAR InterleaveLsb;
        UCHAR FReserved2;
    } CDB6FORMAT;
    struct _CDB10 {
        UCHAR OperationCode;
        UCHAR RelativeAddress : 1;
        UCHAR Reserved1 : 2;
        UCHAR ForceUnitAccess : 1;
        UCHAR DisablePageOut : 1;
        UCHAR LogicalUnitNumber : 3;
        UCHAR LogicalBlockByte0; /* most significant */
        UCHAR LogicalBlockByte1;
        UCHAR LogicalBlockByte2;
        UCHAR LogicalBlockByte3;
        UCHAR Reserved2;
        UCHAR TransferBlocksMsb;
        UCHAR TransferBlocksLsb;
        UCHAR Control;
    } CDB10;
    struct _CDB12 {
        UCHAR OperationCode;
        UCHAR RelativeAddress : 1;
        UCHAR Reserved1 : 2;
        UCHAR ForceUnitAccess : 1;
        UCHAR DisablePageOut : 1;
        UCHAR LogicalUnitNumber : 3;
        UCHAR LogicalBlock[4];
        UCHAR TransferLength[4];
        UCHAR Reserved2;
        UCHAR Control;
    } CDB12;
    struct _CDB16 {
        UCHAR OperationCode;
        UCHAR Reserved1 : 3;
        UCHAR ForceUnitAccess : 1;
        UCHAR DisablePageOut : 1;
        UCHAR Protection : 3;
        UCHAR LogicalBlock[8];
        UCHAR TransferLength[4];
        UCHAR Reserved2;
        UCHAR Control;
    } CDB16;
    struct _MODE_SENSE {
        UCHAR OperationCode;
        UCHAR Reserved1 : 3;
        UCHAR Dbd : 1;
        UCHAR Reserved2 : 4;
        UCHAR PageCode : 6;
        UCHAR Pc : 2; /* MODE_SENSE_* page control */
        UCHAR SubPageCode;
        UCHAR AllocationLength;
        UCHAR Control;
    } MODE_SENSE;
    struct _MODE_SENSE10 {
        UCHAR OperationCode;
        UCHAR Reserved1 : 3;
        UCHAR Dbd : 1;
        UCHAR LongLBAAccepted : 1;
        UCHAR Reserved2 : 3;
        UCHAR PageCode : 6;
        UCHAR Pc : 2;
        UCHAR SubPageCode;
        UCHAR Reserved3[3];
        UCHAR AllocationLength[2];
        UCHAR Control;
    } MODE_SENSE10;
    struct _MODE_SELECT {
        UCHAR OperationCode;
        UCHAR SPBit : 1;
        UCHAR Reserved1 : 3;
        UCHAR PFBit : 1;
        UCHAR LogicalUnitNumber : 3;
        UCHAR Reserved2[2];
        UCHAR ParameterListLength;
        UCHAR Control;
    } MODE_SELECT;
    struct _MODE_SELECT10 {
        UCHAR OperationCode;
        UCHAR SPBit : 1;
        UCHAR Reserved1 : 3;
        UCHAR PFBit : 1;
        UCHAR LogicalUnitNumber : 3;
        UCHAR Reserved2[5];
        UCHAR ParameterListLength[2];
        UCHAR Control;
    } MODE_SELECT10;
    struct _LOGSENSE {
        UCHAR OperationCode;
        UCHAR SPBit : 1;
        UCHAR PPCBit : 1;
        UCHAR Reserved1 : 3;
        UCHAR LogicalUnitNumber : 3;
        UCHAR PageCode : 6;
        UCHAR PCBit : 2;
        union {
            UCHAR SubPageCode;
            UCHAR Reserved2;
        };
        UCHAR Reserved3;
        UCHAR ParameterPointer[2];
        UCHAR AllocationLength[2];
        UCHAR Control;
    } LOGSENSE;
    struct _START_STOP {
        UCHAR OperationCode;
        UCHAR Immediate : 1;
        UCHAR Reserved1 : 4;
        UCHAR LogicalUnitNumber : 3;
        UCHAR Reserved2[2];
        UCHAR Start : 1;
        UCHAR LoadEject : 1;
        UCHAR Reserved3 : 6;
        UCHAR Control;
    } START_STOP;
    struct _MEDIA_REMOVAL {
        UCHAR OperationCode;
        UCHAR Reserved1 : 5;
        UCHAR LogicalUnitNumber : 3;
        UCHAR Reserved2[2];
        UCHAR Prevent : 1;
        UCHAR Persistant : 1;
        UCHAR Reserved3 : 6;
        UCHAR Control;
    } MEDIA_REMOVAL;
    struct _SYNCHRONIZE_CACHE10 {
        UCHAR OperationCode;
        UCHAR RelAddr : 1;
        UCHAR Immediate : 1;
        UCHAR Reserved : 3;
        UCHAR Lun : 3;
        UCHAR LogicalBlockAddress[4];
        UCHAR Reserved2;
        UCHAR BlockCount[2];
        UCHAR Control;
    } SYNCHRONIZE_CACHE10;
    struct _SYNCHRONIZE_CACHE16 {
        UCHAR OperationCode;
        UCHAR Reserved1 : 1;
        UCHAR Immediate : 1;
        UCHAR Reserved2 : 6;
        UCHAR LogicalBlock[8];
        UCHAR BlockCount[4];
        UCHAR Reserved3;
        UCHAR Control;
    } SYNCHRONIZE_CACHE16;
    struct _GET_EVENT_STATUS_NOTIFICATION {
        UCHAR OperationCode;
        UCHAR Immediate : 1;
        UCHAR Reserved : 4;
        UCHAR Lun : 3;
        UCHAR Reserved2[2];
        UCHAR NotificationClassRequest; /* NOTIFICATION_*_CLASS_MASK */
        UCHAR Reserved3[2];
        UCHAR EventListLength[2];
        UCHAR Control;
    } GET_EVENT_STATUS_NOTIFICATION;
    struct _PERSISTENT_RESERVE_IN {
        UCHAR OperationCode;
        UCHAR ServiceAction : 5; /* RESERVATION_ACTION_READ_* */
        UCHAR Reserved1 : 3;
        UCHAR Reserved2[5];
        UCHAR AllocationLength[2];
        UCHAR Control;
    } PERSISTENT_RESERVE_IN;
    struct _PERSISTENT_RESERVE_OUT {
        UCHAR OperationCode;
        UCHAR ServiceAction : 5;
        UCHAR Reserved1 : 3;
        UCHAR Type : 4;  /* RESERVATION_TYPE_* */
        UCHAR Scope : 4; /* RESERVATION_SCOPE_* */
        UCHAR Reserved2[4];
        UCHAR ParameterListLength[2];
        UCHAR Control;
    } PERSISTENT_RESERVE_OUT;
    struct _READ_CAPACITY16 {
        UCHAR OperationCode;     /* SCSIOP_READ_CAPACITY16 */
        UCHAR ServiceAction : 5; /* SERVICE_ACTION_READ_CAPACITY16 */
        UCHAR Reserved1 : 3;
        UCHAR LogicalBlock[8];
        UCHAR AllocationLength[4];
        UCHAR PMI : 1;
        UCHAR Reserved2 : 7;
        UCHAR Control;
    } READ_CAPACITY16;
    struct _GET_LBA_STATUS {
        UCHAR OperationCode;     /* SCSIOP_GET_LBA_STATUS */
        UCHAR ServiceAction : 5; /* SERVICE_ACTION_GET_LBA_STATUS */
        UCHAR Reserved1 : 3;
        UCHAR StartingLBA[8];
        UCHAR AllocationLength[4];
        UCHAR Reserved2;
        UCHAR Control;
    } GET_LBA_STATUS;
    struct _UNMAP {
        UCHAR OperationCode; /* SCSIOP_UNMAP */
        UCHAR Anchor : 1;
        UCHAR Reserved1 : 7;
        UCHAR Reserved2[4];
        UCHAR GroupNumber : 5;
        UCHAR Reserved3 : 3;
        UCHAR AllocationLength[2];
        UCHAR Control;
    } UNMAP;
    struct _WRITE_BUFFER {
        UCHAR OperationCode;
        UCHAR Mode : 5;
        UCHAR ModeSpecific : 3;
        UCHAR BufferID;
        UCHAR BufferOffset[3];
        UCHAR ParameterListLength[3];
        UCHAR Control;
    } WRITE_BUFFER;
    struct _TOKEN_OPERATION {
        UCHAR OperationCode; /* SCSIOP_POPULATE_TOKEN, SCSIOP_WRITE_USING_TOKEN */
        UCHAR ServiceAction : 5;
        UCHAR Reserved1 : 3;
        UCHAR Reserved2[4];
        UCHAR ListIdentifier[4];
        UCHAR ParameterListLength[4];
        UCHAR GroupNumber : 5;
        UCHAR Reserved3 : 3;
        UCHAR Control;
    } TOKEN_OPERATION;
    struct _RECEIVE_TOKEN_INFORMATION {
        UCHAR OperationCode;     /* SCSIOP_RECEIVE_ROD_TOKEN_INFORMATION */
        UCHAR ServiceAction : 5; /* SERVICE_ACTION_RECEIVE_TOKEN_INFORMATION */
        UCHAR Reserved1 : 3;
        UCHAR ListIdentifier[4];
        UCHAR Reserved2[4];
        UCHAR AllocationLength[4];
        UCHAR Reserved3;
        UCHAR Control;
    } RECEIVE_TOKEN_INFORMATION;
    ULONG AsUlong[4];
    UCHAR AsByte[16];
} CDB, *PCDB;

#define CDB6GENERIC_LENGTH  6
#define CDB10GENERIC_LENGTH 10
#define CDB12GENERIC_LENGTH 12
#define CDB16GENERIC_LENGTH 16

/* ---- operation codes ------------------------------------------------------------------------ */
/* 6-byte commands */
#define SCSIOP_TEST_UNIT_READY     0x00
#define SCSIOP_REZERO_UNIT         0x01
#define SCSIOP_REWIND              0x01
#define SCSIOP_REQUEST_BLOCK_ADDR  0x02
#define SCSIOP_REQUEST_SENSE       0x03
#define SCSIOP_FORMAT_UNIT         0x04
#define SCSIOP_READ_BLOCK_LIMITS   0x05
#define SCSIOP_REASSIGN_BLOCKS     0x07
#define SCSIOP_INIT_ELEMENT_STATUS 0x07
#define SCSIOP_READ6               0x08
#define SCSIOP_RECEIVE             0x08
#define SCSIOP_WRITE6              0x0A
#define SCSIOP_PRINT               0x0A
#define SCSIOP_SEND                0x0A
#define SCSIOP_SEEK6               0x0B
#define SCSIOP_TRACK_SELECT        0x0B
#define SCSIOP_SLEW_PRINT          0x0B
#define SCSIOP_SET_CAPACITY        0x0B
#define SCSIOP_SEEK_BLOCK          0x0C
#define SCSIOP_PARTITION           0x0D
#define SCSIOP_READ_REVERSE        0x0F
#define SCSIOP_WRITE_FILEMARKS     0x10
#define SCSIOP_FLUSH_BUFFER        0x10
#define SCSIOP_SPACE               0x11
#define SCSIOP_INQUIRY             0x12
#define SCSIOP_VERIFY6             0x13
#define SCSIOP_RECOVER_BUF_DATA    0x14
#define SCSIOP_MODE_SELECT         0x15
#define SCSIOP_RESERVE_UNIT        0x16
#define SCSIOP_RELEASE_UNIT        0x17
#define SCSIOP_COPY                0x18
#define SCSIOP_ERASE               0x19
#define SCSIOP_MODE_SENSE          0x1A
#define SCSIOP_START_STOP_UNIT     0x1B
#define SCSIOP_STOP_PRINT          0x1B
#define SCSIOP_LOAD_UNLOAD         0x1B
#define SCSIOP_RECEIVE_DIAGNOSTIC  0x1C
#define SCSIOP_SEND_DIAGNOSTIC     0x1D
#define SCSIOP_MEDIUM_REMOVAL      0x1E
/* 10-byte commands */
#define SCSIOP_READ_FORMATTED_CAPACITY 0x23
#define SCSIOP_READ_CAPACITY           0x25
#define SCSIOP_READ                    0x28
#define SCSIOP_WRITE                   0x2A
#define SCSIOP_SEEK                    0x2B
#define SCSIOP_LOCATE                  0x2B
#define SCSIOP_POSITION_TO_ELEMENT     0x2B
#define SCSIOP_WRITE_VERIFY            0x2E
#define SCSIOP_VERIFY                  0x2F
#define SCSIOP_SEARCH_DATA_HIGH        0x30
#define SCSIOP_SEARCH_DATA_EQUAL       0x31
#define SCSIOP_SEARCH_DATA_LOW         0x32
#define SCSIOP_SET_LIMITS              0x33
#define SCSIOP_READ_POSITION           0x34
#define SCSIOP_SYNCHRONIZE_CACHE       0x35
#define SCSIOP_COMPARE                 0x39
#define SCSIOP_COPY_COMPARE            0x3A
#define SCSIOP_WRITE_DATA_BUFF         0x3B
#define SCSIOP_READ_DATA_BUFF          0x3C
#define SCSIOP_WRITE_LONG              0x3F
#define SCSIOP_CHANGE_DEFINITION       0x40
#define SCSIOP_WRITE_SAME              0x41
#define SCSIOP_READ_SUB_CHANNEL        0x42
#define SCSIOP_UNMAP                   0x42
#define SCSIOP_READ_TOC                0x43
#define SCSIOP_READ_HEADER             0x44
#define SCSIOP_REPORT_DENSITY_SUPPORT  0x44
#define SCSIOP_PLAY_AUDIO              0x45
#define SCSIOP_GET_CONFIGURATION       0x46
#define SCSIOP_PLAY_AUDIO_MSF          0x47
#define SCSIOP_PLAY_TRACK_INDEX        0x48
#define SCSIOP_SANITIZE                0x48
#define SCSIOP_PLAY_TRACK_RELATIVE     0x49
#define SCSIOP_GET_EVENT_STATUS        0x4A
#define SCSIOP_PAUSE_RESUME            0x4B
#define SCSIOP_LOG_SELECT              0x4C
#define SCSIOP_LOG_SENSE               0x4D
#define SCSIOP_STOP_PLAY_SCAN          0x4E
#define SCSIOP_XDWRITE                 0x50
#define SCSIOP_XPWRITE                 0x51
#define SCSIOP_READ_DISK_INFORMATION   0x51
#define SCSIOP_READ_DISC_INFORMATION   0x51
#define SCSIOP_READ_TRACK_INFORMATION  0x52
#define SCSIOP_XDWRITE_READ            0x53
#define SCSIOP_RESERVE_TRACK_RZONE     0x53
#define SCSIOP_SEND_OPC_INFORMATION    0x54
#define SCSIOP_MODE_SELECT10           0x55
#define SCSIOP_RESERVE_UNIT10          0x56
#define SCSIOP_RESERVE_ELEMENT         0x56
#define SCSIOP_RELEASE_UNIT10          0x57
#define SCSIOP_RELEASE_ELEMENT         0x57
#define SCSIOP_REPAIR_TRACK            0x58
#define SCSIOP_MODE_SENSE10            0x5A
#define SCSIOP_CLOSE_TRACK_SESSION     0x5B
#define SCSIOP_READ_BUFFER_CAPACITY    0x5C
#define SCSIOP_SEND_CUE_SHEET          0x5D
#define SCSIOP_PERSISTENT_RESERVE_IN   0x5E
#define SCSIOP_PERSISTENT_RESERVE_OUT  0x5F
/* 32-byte (variable length) commands */
#define SCSIOP_OPERATION32 0x7F
/* 16-byte commands */
#define SCSIOP_XDWRITE_EXTENDED16            0x80
#define SCSIOP_WRITE_FILEMARKS16             0x80
#define SCSIOP_REBUILD16                     0x81
#define SCSIOP_READ_REVERSE16                0x81
#define SCSIOP_REGENERATE16                  0x82
#define SCSIOP_EXTENDED_COPY                 0x83
#define SCSIOP_POPULATE_TOKEN                0x83
#define SCSIOP_WRITE_USING_TOKEN             0x83
#define SCSIOP_RECEIVE_COPY_RESULTS          0x84
#define SCSIOP_RECEIVE_ROD_TOKEN_INFORMATION 0x84
#define SCSIOP_ATA_PASSTHROUGH16             0x85
#define SCSIOP_ACCESS_CONTROL_IN             0x86
#define SCSIOP_ACCESS_CONTROL_OUT            0x87
#define SCSIOP_READ16                        0x88
#define SCSIOP_COMPARE_AND_WRITE             0x89
#define SCSIOP_WRITE16                       0x8A
#define SCSIOP_READ_ATTRIBUTES               0x8C
#define SCSIOP_WRITE_ATTRIBUTES              0x8D
#define SCSIOP_WRITE_VERIFY16                0x8E
#define SCSIOP_VERIFY16                      0x8F
#define SCSIOP_PREFETCH16                    0x90
#define SCSIOP_SYNCHRONIZE_CACHE16           0x91
#define SCSIOP_SPACE16                       0x91
#define SCSIOP_LOCK_UNLOCK_CACHE16           0x92
#define SCSIOP_LOCATE16                      0x92
#define SCSIOP_WRITE_SAME16                  0x93
#define SCSIOP_ERASE16                       0x93
#define SCSIOP_ZBC_OUT                       0x94
#define SCSIOP_ZBC_IN                        0x95
#define SCSIOP_READ_DATA_BUFF16              0x9B
#define SCSIOP_READ_CAPACITY16               0x9E
#define SCSIOP_GET_LBA_STATUS                0x9E
#define SCSIOP_GET_PHYSICAL_ELEMENT_STATUS   0x9E
#define SCSIOP_REMOVE_ELEMENT_AND_TRUNCATE   0x9E
#define SCSIOP_SERVICE_ACTION_IN16           0x9E
#define SCSIOP_SERVICE_ACTION_OUT16          0x9F
/* 12-byte commands */
#define SCSIOP_REPORT_LUNS                  0xA0
#define SCSIOP_BLANK                        0xA1
#define SCSIOP_ATA_PASSTHROUGH12            0xA1
#define SCSIOP_SEND_EVENT                   0xA2
#define SCSIOP_SECURITY_PROTOCOL_IN         0xA2
#define SCSIOP_SEND_KEY                     0xA3
#define SCSIOP_MAINTENANCE_IN               0xA3
#define SCSIOP_REPORT_KEY                   0xA4
#define SCSIOP_MAINTENANCE_OUT              0xA4
#define SCSIOP_MOVE_MEDIUM                  0xA5
#define SCSIOP_LOAD_UNLOAD_SLOT             0xA6
#define SCSIOP_EXCHANGE_MEDIUM              0xA6
#define SCSIOP_SET_READ_AHEAD               0xA7
#define SCSIOP_MOVE_MEDIUM_ATTACHED         0xA7
#define SCSIOP_READ12                       0xA8
#define SCSIOP_GET_MESSAGE                  0xA8
#define SCSIOP_SERVICE_ACTION_OUT12         0xA9
#define SCSIOP_WRITE12                      0xAA
#define SCSIOP_SEND_MESSAGE                 0xAB
#define SCSIOP_SERVICE_ACTION_IN12          0xAB
#define SCSIOP_GET_PERFORMANCE              0xAC
#define SCSIOP_READ_DVD_STRUCTURE           0xAD
#define SCSIOP_WRITE_VERIFY12               0xAE
#define SCSIOP_VERIFY12                     0xAF
#define SCSIOP_SEARCH_DATA_HIGH12           0xB0
#define SCSIOP_SEARCH_DATA_EQUAL12          0xB1
#define SCSIOP_SEARCH_DATA_LOW12            0xB2
#define SCSIOP_SET_LIMITS12                 0xB3
#define SCSIOP_READ_ELEMENT_STATUS_ATTACHED 0xB4
#define SCSIOP_REQUEST_VOL_ELEMENT          0xB5
#define SCSIOP_SECURITY_PROTOCOL_OUT        0xB5
#define SCSIOP_SEND_VOLUME_TAG              0xB6
#define SCSIOP_SET_STREAMING                0xB6
#define SCSIOP_READ_DEFECT_DATA             0xB7
#define SCSIOP_READ_ELEMENT_STATUS          0xB8
#define SCSIOP_READ_CD_MSF                  0xB9
#define SCSIOP_SCAN_CD                      0xBA
#define SCSIOP_REDUNDANCY_GROUP_IN          0xBA
#define SCSIOP_SET_CD_SPEED                 0xBB
#define SCSIOP_REDUNDANCY_GROUP_OUT         0xBB
#define SCSIOP_PLAY_CD                      0xBC
#define SCSIOP_SPARE_IN                     0xBC
#define SCSIOP_MECHANISM_STATUS             0xBD
#define SCSIOP_SPARE_OUT                    0xBD
#define SCSIOP_READ_CD                      0xBE
#define SCSIOP_VOLUME_SET_IN                0xBE
#define SCSIOP_SEND_DVD_STRUCTURE           0xBF
#define SCSIOP_VOLUME_SET_OUT               0xBF
#define SCSIOP_INIT_ELEMENT_RANGE           0xE7

/* Service actions (the low five bits of byte 1). */
#define SERVICE_ACTION_READ_CAPACITY16           0x10
#define SERVICE_ACTION_GET_LBA_STATUS            0x12
#define SERVICE_ACTION_POPULATE_TOKEN            0x10
#define SERVICE_ACTION_WRITE_USING_TOKEN         0x11
#define SERVICE_ACTION_RECEIVE_TOKEN_INFORMATION 0x07

/* ---- status bytes ------------------------------------------------------------------------------
 */
#define SCSISTAT_GOOD                  0x00
#define SCSISTAT_CHECK_CONDITION       0x02
#define SCSISTAT_CONDITION_MET         0x04
#define SCSISTAT_BUSY                  0x08
#define SCSISTAT_INTERMEDIATE          0x10
#define SCSISTAT_INTERMEDIATE_COND_MET 0x14
#define SCSISTAT_RESERVATION_CONFLICT  0x18
#define SCSISTAT_COMMAND_TERMINATED    0x22
#define SCSISTAT_QUEUE_FULL            0x28

/* ---- sense data ---------------------------------------------------------------------------- */
typedef struct _SENSE_DATA {
    UCHAR ErrorCode : 7; /* SCSI_SENSE_ERRORCODE_* */
    UCHAR Valid : 1;
    UCHAR SegmentNumber;
    UCHAR SenseKey : 4; /* SCSI_SENSE_* */
    UCHAR Reserved : 1;
    UCHAR IncorrectLength : 1;
    UCHAR EndOfMedia : 1;
    UCHAR FileMark : 1;
    UCHAR Information[4];
    UCHAR AdditionalSenseLength; /* bytes after this one */
    UCHAR CommandSpecificInformation[4];
    UCHAR AdditionalSenseCode;          /* SCSI_ADSENSE_* */
    UCHAR AdditionalSenseCodeQualifier; /* SCSI_SENSEQ_* */
    UCHAR FieldReplaceableUnitCode;
    UCHAR SenseKeySpecific[3];
} SENSE_DATA, *PSENSE_DATA;

#define SENSE_BUFFER_SIZE          (sizeof(SENSE_DATA))
#define MAX_SENSE_BUFFER_SIZE      255
#define MAX_ADDITIONAL_SENSE_BYTES (MAX_SENSE_BUFFER_SIZE - SENSE_BUFFER_SIZE)

typedef struct _SENSE_DATA_EX {
    UCHAR ErrorCode : 7;
    UCHAR Valid : 1;
    UCHAR SegmentNumber;
    UCHAR SenseKey : 4;
    UCHAR Reserved : 1;
    UCHAR IncorrectLength : 1;
    UCHAR EndOfMedia : 1;
    UCHAR FileMark : 1;
    UCHAR Information[4];
    UCHAR AdditionalSenseLength;
    UCHAR CommandSpecificInformation[4];
    UCHAR AdditionalSenseCode;
    UCHAR AdditionalSenseCodeQualifier;
    UCHAR FieldReplaceableUnitCode;
    UCHAR SenseKeySpecific[3];
    UCHAR AdditionalSenseBytes[MAX_ADDITIONAL_SENSE_BYTES];
} SENSE_DATA_EX, *PSENSE_DATA_EX;

typedef struct _DESCRIPTOR_SENSE_DATA {
    UCHAR ErrorCode : 7;
    UCHAR Reserved1 : 1;
    UCHAR SenseKey : 4;
    UCHAR Reserved2 : 4;
    UCHAR AdditionalSenseCode;
    UCHAR AdditionalSenseCodeQualifier;
    UCHAR Reserved3[3];
    UCHAR AdditionalSenseLength;
    UCHAR DescriptorBuffer[ANYSIZE_ARRAY];
} DESCRIPTOR_SENSE_DATA, *PDESCRIPTOR_SENSE_DATA;

#define SCSI_SENSE_ERRORCODE_FIXED_CURRENT       0x70
#define SCSI_SENSE_ERRORCODE_FIXED_DEFERRED      0x71
#define SCSI_SENSE_ERRORCODE_DESCRIPTOR_CURRENT  0x72
#define SCSI_SENSE_ERRORCODE_DESCRIPTOR_DEFERRED 0x73

#define SCSI_SENSE_DESCRIPTOR_TYPE_INFORMATION                  0x00
#define SCSI_SENSE_DESCRIPTOR_TYPE_COMMAND_SPECIFIC             0x01
#define SCSI_SENSE_DESCRIPTOR_TYPE_SENSE_KEY_SPECIFIC           0x02
#define SCSI_SENSE_DESCRIPTOR_TYPE_FIELD_REPLACEABLE_UNIT       0x03
#define SCSI_SENSE_DESCRIPTOR_TYPE_STREAM_COMMAND               0x04
#define SCSI_SENSE_DESCRIPTOR_TYPE_BLOCK_COMMAND                0x05
#define SCSI_SENSE_DESCRIPTOR_TYPE_OSD_OBJECT_IDENTIFICATION    0x06
#define SCSI_SENSE_DESCRIPTOR_TYPE_OSD_RESPONSE_INTEGRITY_CHECK 0x07
#define SCSI_SENSE_DESCRIPTOR_TYPE_OSD_ATTRIBUTE_IDENTIFICATION 0x08
#define SCSI_SENSE_DESCRIPTOR_TYPE_ATA_STATUS                   0x09
#define SCSI_SENSE_DESCRIPTOR_TYPE_PROGRESS_INDICATION          0x0A
#define SCSI_SENSE_DESCRIPTOR_TYPE_USER_DATA_SEGMENT_REFERRAL   0x0B
#define SCSI_SENSE_DESCRIPTOR_TYPE_FORWARDED_SENSE_DATA         0x0C
#define SCSI_SENSE_DESCRIPTOR_TYPE_DIRECT_ACCESS_BLOCK_DEVICE   0x0D
#define SCSI_SENSE_DESCRIPTOR_TYPE_DEVICE_DESIGNATION           0x0E
#define SCSI_SENSE_DESCRIPTOR_TYPE_MICROCODE_ACTIVATION         0x0F
#define SCSI_SENSE_DESCRIPTOR_TYPE_VENDOR_SPECIFIC              0x80

/* Sense keys. */
#define SCSI_SENSE_NO_SENSE        0x00
#define SCSI_SENSE_RECOVERED_ERROR 0x01
#define SCSI_SENSE_NOT_READY       0x02
#define SCSI_SENSE_MEDIUM_ERROR    0x03
#define SCSI_SENSE_HARDWARE_ERROR  0x04
#define SCSI_SENSE_ILLEGAL_REQUEST 0x05
#define SCSI_SENSE_UNIT_ATTENTION  0x06
#define SCSI_SENSE_DATA_PROTECT    0x07
#define SCSI_SENSE_BLANK_CHECK     0x08
#define SCSI_SENSE_UNIQUE          0x09
#define SCSI_SENSE_COPY_ABORTED    0x0A
#define SCSI_SENSE_ABORTED_COMMAND 0x0B
#define SCSI_SENSE_EQUAL           0x0C
#define SCSI_SENSE_VOL_OVERFLOW    0x0D
#define SCSI_SENSE_MISCOMPARE      0x0E
#define SCSI_SENSE_RESERVED        0x0F

/* Additional sense codes. */
#define SCSI_ADSENSE_NO_SENSE                              0x00
#define SCSI_ADSENSE_NO_SEEK_COMPLETE                      0x02
#define SCSI_ADSENSE_WRITE                                 0x03
#define SCSI_ADSENSE_LUN_NOT_READY                         0x04
#define SCSI_ADSENSE_LUN_COMMUNICATION                     0x08
#define SCSI_ADSENSE_SERVO_ERROR                           0x09
#define SCSI_ADSENSE_WARNING                               0x0B
#define SCSI_ADSENSE_WRITE_ERROR                           0x0C
#define SCSI_ADSENSE_COPY_TARGET_DEVICE_ERROR              0x0D
#define SCSI_ADSENSE_CRC_OR_ECC_ERROR                      0x10
#define SCSI_ADSENSE_UNRECOVERED_ERROR                     0x11
#define SCSI_ADSENSE_TRACK_ERROR                           0x14
#define SCSI_ADSENSE_SEEK_ERROR                            0x15
#define SCSI_ADSENSE_REC_DATA_NOECC                        0x17
#define SCSI_ADSENSE_REC_DATA_ECC                          0x18
#define SCSI_ADSENSE_DEFECT_LIST_FORMAT_ERROR              0x19
#define SCSI_ADSENSE_PARAMETER_LIST_LENGTH                 0x1A
#define SCSI_ADSENSE_MISCOMPARE_DURING_VERIFY_OPERATION    0x1D
#define SCSI_ADSENSE_ILLEGAL_COMMAND                       0x20
#define SCSI_ADSENSE_ACCESS_DENIED                         0x20
#define SCSI_ADSENSE_ILLEGAL_BLOCK                         0x21
#define SCSI_ADSENSE_INVALID_TOKEN                         0x23
#define SCSI_ADSENSE_INVALID_CDB                           0x24
#define SCSI_ADSENSE_INVALID_LUN                           0x25
#define SCSI_ADSENSE_INVALID_FIELD_PARAMETER_LIST          0x26
#define SCSI_ADSENSE_WRITE_PROTECT                         0x27
#define SCSI_ADSENSE_MEDIUM_CHANGED                        0x28
#define SCSI_ADSENSE_BUS_RESET                             0x29
#define SCSI_ADSENSE_PARAMETERS_CHANGED                    0x2A
#define SCSI_ADSENSE_COMMAND_SEQUENCE_ERROR                0x2C
#define SCSI_ADSENSE_INSUFFICIENT_TIME_FOR_OPERATION       0x2E
#define SCSI_ADSENSE_INVALID_MEDIA                         0x30
#define SCSI_ADSENSE_MEDIUM_FORMAT_CORRUPTED               0x31
#define SCSI_ADSENSE_DEFECT_LIST                           0x32
#define SCSI_ADSENSE_LB_PROVISIONING                       0x38
#define SCSI_ADSENSE_NO_MEDIA_IN_DEVICE                    0x3A
#define SCSI_ADSENSE_POSITION_ERROR                        0x3B
#define SCSI_ADSENSE_LOGICAL_UNIT_ERROR                    0x3E
#define SCSI_ADSENSE_OPERATING_CONDITIONS_CHANGED          0x3F
#define SCSI_ADSENSE_DATA_PATH_FAILURE                     0x41
#define SCSI_ADSENSE_POWER_ON_SELF_TEST_FAILURE            0x42
#define SCSI_ADSENSE_INTERNAL_TARGET_FAILURE               0x44
#define SCSI_ADSENSE_DATA_TRANSFER_ERROR                   0x4B
#define SCSI_ADSENSE_LUN_FAILED_SELF_CONFIGURATION         0x4C
#define SCSI_ADSENSE_RESOURCE_FAILURE                      0x55
#define SCSI_ADSENSE_OPERATOR_REQUEST                      0x5A
#define SCSI_ADSENSE_FAILURE_PREDICTION_THRESHOLD_EXCEEDED 0x5D
#define SCSI_ADSENSE_ILLEGAL_MODE_FOR_THIS_TRACK           0x64
#define SCSI_ADSENSE_COPY_PROTECTION_FAILURE               0x6F
#define SCSI_ADSENSE_POWER_CALIBRATION_ERROR               0x73
#define SCSI_ADSENSE_VENDOR_UNIQUE                         0x80
#define SCSI_ADSENSE_MUSIC_AREA                            0xA0
#define SCSI_ADSENSE_DATA_AREA                             0xA1
#define SCSI_ADSENSE_VOLUME_OVERFLOW                       0xA7
#define SCSI_ADWRITE_PROTECT                               SCSI_ADSENSE_WRITE_PROTECT

/* Additional sense code qualifiers; each belongs to the sense code named in its group. */
/* SCSI_ADSENSE_LUN_NOT_READY */
#define SCSI_SENSEQ_CAUSE_NOT_REPORTABLE         0x00
#define SCSI_SENSEQ_BECOMING_READY               0x01
#define SCSI_SENSEQ_INIT_COMMAND_REQUIRED        0x02
#define SCSI_SENSEQ_MANUAL_INTERVENTION_REQUIRED 0x03
#define SCSI_SENSEQ_FORMAT_IN_PROGRESS           0x04
#define SCSI_SENSEQ_REBUILD_IN_PROGRESS          0x05
#define SCSI_SENSEQ_RECALCULATION_IN_PROGRESS    0x06
#define SCSI_SENSEQ_OPERATION_IN_PROGRESS        0x07
#define SCSI_SENSEQ_LONG_WRITE_IN_PROGRESS       0x08
#define SCSI_SENSEQ_SPACE_ALLOC_IN_PROGRESS      0x14
/* SCSI_ADSENSE_COPY_TARGET_DEVICE_ERROR */
#define SCSI_SENSEQ_DATA_UNDERRUN 0x04
/* SCSI_ADSENSE_LUN_COMMUNICATION (SPC: unreachable copy target is ASC 08h, ASCQ 04h) */
#define SCSI_SENSEQ_UNREACHABLE_TARGET 0x04
/* SCSI_ADSENSE_INVALID_FIELD_PARAMETER_LIST */
#define SCSI_SENSEQ_INVALID_RELEASE_OF_PERSISTENT_RESERVATION 0x04
#define SCSI_SENSEQ_TOO_MANY_SEGMENT_DESCRIPTORS              0x08
/* SCSI_ADSENSE_WRITE_PROTECT */
#define SCSI_SENSEQ_SPACE_ALLOC_FAILED_WRITE_PROTECT 0x07
/* SCSI_ADSENSE_PARAMETERS_CHANGED */
#define SCSI_SENSEQ_CAPACITY_DATA_CHANGED 0x09
/* SCSI_ADSENSE_INVALID_MEDIA */
#define SCSI_SENSEQ_INCOMPATIBLE_MEDIA_INSTALLED 0x00
#define SCSI_SENSEQ_UNKNOWN_FORMAT               0x01
#define SCSI_SENSEQ_INCOMPATIBLE_FORMAT          0x02
#define SCSI_SENSEQ_CLEANING_CARTRIDGE_INSTALLED 0x03
/* SCSI_ADSENSE_LB_PROVISIONING */
#define SCSI_SENSEQ_SOFT_THRESHOLD_REACHED 0x07
/* SCSI_ADSENSE_POSITION_ERROR and the sequential-access sense codes */
#define SCSI_SENSEQ_FILEMARK_DETECTED           0x01
#define SCSI_SENSEQ_END_OF_MEDIA_DETECTED       0x02
#define SCSI_SENSEQ_SETMARK_DETECTED            0x03
#define SCSI_SENSEQ_BEGINNING_OF_MEDIA_DETECTED 0x04
#define SCSI_SENSEQ_DESTINATION_FULL            0x0D
#define SCSI_SENSEQ_SOURCE_EMPTY                0x0E
/* SCSI_ADSENSE_ILLEGAL_BLOCK */
#define SCSI_SENSEQ_ILLEGAL_ELEMENT_ADDR 0x01
/* SCSI_ADSENSE_LOGICAL_UNIT_ERROR */
#define SCSI_SENSEQ_LOGICAL_UNIT_FAILURE    0x01
#define SCSI_SENSEQ_TIMEOUT_ON_LOGICAL_UNIT 0x02
/* SCSI_ADSENSE_OPERATING_CONDITIONS_CHANGED */
#define SCSI_SENSEQ_MICROCODE_CHANGED            0x01
#define SCSI_SENSEQ_OPERATING_DEFINITION_CHANGED 0x02
#define SCSI_SENSEQ_INQUIRY_DATA_CHANGED         0x03
#define SCSI_SENSEQ_REPORTED_LUNS_DATA_CHANGED   0x0E
/* SCSI_ADSENSE_DATA_TRANSFER_ERROR */
#define SCSI_SENSEQ_INITIATOR_RESPONSE_TIMEOUT 0x06
/* SCSI_ADSENSE_RESOURCE_FAILURE */
#define SCSI_SENSEQ_INSUFFICIENT_RESOURCES 0x03
/* SCSI_ADSENSE_OPERATOR_REQUEST */
#define SCSI_SENSEQ_MEDIUM_REMOVAL        0x01
#define SCSI_SENSEQ_WRITE_PROTECT_ENABLE  0x02
#define SCSI_SENSEQ_WRITE_PROTECT_DISABLE 0x03
/* SCSI_ADSENSE_COPY_PROTECTION_FAILURE */
#define SCSI_SENSEQ_AUTHENTICATION_FAILURE                          0x00
#define SCSI_SENSEQ_KEY_NOT_PRESENT                                 0x01
#define SCSI_SENSEQ_KEY_NOT_ESTABLISHED                             0x02
#define SCSI_SENSEQ_READ_OF_SCRAMBLED_SECTOR_WITHOUT_AUTHENTICATION 0x03
#define SCSI_SENSEQ_MEDIA_CODE_MISMATCHED_TO_LOGICAL_UNIT           0x04
#define SCSI_SENSEQ_LOGICAL_UNIT_RESET_COUNT_ERROR                  0x05

/* ---- inquiry data ------------------------------------------------------------------------------
 */
typedef struct _INQUIRYDATA {
    UCHAR DeviceType : 5;          /* DIRECT_ACCESS_DEVICE ... */
    UCHAR DeviceTypeQualifier : 3; /* DEVICE_QUALIFIER_* */
    union {                        /* byte 1: two views, as Windows names it */
        struct {
            UCHAR DeviceTypeModifier : 7;
            UCHAR ReservedField1 : 1;
        };
        struct {
            UCHAR ReservedField2 : 4;
            UCHAR HotPluggable : 2;
            UCHAR LU_CONG : 1;
            UCHAR RemovableMedia : 1;
        };
    };
    union {
        UCHAR Versions;
        struct {
            UCHAR ANSIVersion : 3;
            UCHAR ECMAVersion : 3;
            UCHAR ISOVersion : 2;
        };
    };
    UCHAR ResponseDataFormat : 4;
    UCHAR HiSupport : 1;
    UCHAR NormACA : 1;
    UCHAR TerminateTask : 1;
    UCHAR AERC : 1;
    UCHAR AdditionalLength; /* bytes after this one */
    union {
        UCHAR Reserved;
        struct {
            UCHAR PROTECT : 1;
            UCHAR Reserved_1 : 2;
            UCHAR ThirdPartyCoppy : 1;
            UCHAR TPGS : 2;
            UCHAR ACC : 1;
            UCHAR SCCS : 1;
        };
    };
    UCHAR Addr16 : 1;
    UCHAR Addr32 : 1;
    UCHAR AckReqQ : 1;
    UCHAR MediumChanger : 1;
    UCHAR MultiPort : 1;
    UCHAR ReservedBit2 : 1;
    UCHAR EnclosureServices : 1;
    UCHAR ReservedBit3 : 1;
    UCHAR SoftReset : 1;
    UCHAR CommandQueue : 1;
    UCHAR TransferDisable : 1;
    UCHAR LinkedCommands : 1;
    UCHAR Synchronous : 1;
    UCHAR Wide16Bit : 1;
    UCHAR Wide32Bit : 1;
    UCHAR RelativeAddressing : 1;
    UCHAR VendorId[8];
    UCHAR ProductId[16];
    UCHAR ProductRevisionLevel[4];
    UCHAR VendorSpecific[20];
    UCHAR Reserved3[2];
    USHORT VersionDescriptors[8];
    UCHAR Reserved4[30];
} INQUIRYDATA, *PINQUIRYDATA;
#define INQUIRYDATABUFFERSIZE 36

/* Peripheral device types. */
#define DIRECT_ACCESS_DEVICE              0x00
#define SEQUENTIAL_ACCESS_DEVICE          0x01
#define PRINTER_DEVICE                    0x02
#define PROCESSOR_DEVICE                  0x03
#define WRITE_ONCE_READ_MULTIPLE_DEVICE   0x04
#define READ_ONLY_DIRECT_ACCESS_DEVICE    0x05
#define SCANNER_DEVICE                    0x06
#define OPTICAL_DEVICE                    0x07
#define MEDIUM_CHANGER                    0x08
#define COMMUNICATION_DEVICE              0x09
#define ARRAY_CONTROLLER_DEVICE           0x0C
#define SCSI_ENCLOSURE_DEVICE             0x0D
#define REDUCED_BLOCK_DEVICE              0x0E
#define OPTICAL_CARD_READER_WRITER_DEVICE 0x0F
#define BRIDGE_CONTROLLER_DEVICE          0x10
#define OBJECT_BASED_STORAGE_DEVICE       0x11
#define HOST_MANAGED_ZONED_BLOCK_DEVICE   0x14
#define UNKNOWN_OR_NO_DEVICE              0x1F
#define LOGICAL_UNIT_NOT_PRESENT_DEVICE   0x7F

#define DEVICE_QUALIFIER_ACTIVE        0x00
#define DEVICE_QUALIFIER_NOT_ACTIVE    0x01
#define DEVICE_QUALIFIER_NOT_SUPPORTED 0x03

#define DEVICE_CONNECTED 0x00

/* ---- vital product data --------------------------------------------------------------------- */
#define VPD_MAX_BUFFER_SIZE                    0xff
#define VPD_SUPPORTED_PAGES                    0x00
#define VPD_SERIAL_NUMBER                      0x80
#define VPD_DEVICE_IDENTIFIERS                 0x83
#define VPD_MEDIA_SERIAL_NUMBER                0x84
#define VPD_SOFTWARE_INTERFACE_IDENTIFIERS     0x84
#define VPD_NETWORK_MANAGEMENT_ADDRESSES       0x85
#define VPD_EXTENDED_INQUIRY_DATA              0x86
#define VPD_MODE_PAGE_POLICY                   0x87
#define VPD_SCSI_PORTS                         0x88
#define VPD_ATA_INFORMATION                    0x89
#define VPD_THIRD_PARTY_COPY                   0x8F
#define VPD_BLOCK_LIMITS                       0xB0
#define VPD_BLOCK_DEVICE_CHARACTERISTICS       0xB1
#define VPD_LOGICAL_BLOCK_PROVISIONING         0xB2
#define VPD_ZONED_BLOCK_DEVICE_CHARACTERISTICS 0xB6

typedef struct _VPD_SUPPORTED_PAGES_PAGE {
    UCHAR DeviceType : 5;
    UCHAR DeviceTypeQualifier : 3;
    UCHAR PageCode; /* VPD_SUPPORTED_PAGES */
    UCHAR Reserved;
    UCHAR PageLength;
    UCHAR SupportedPageList[0];
} VPD_SUPPORTED_PAGES_PAGE, *PVPD_SUPPORTED_PAGES_PAGE;
#define VPD_PAGE_HEADER_SIZE sizeof(VPD_SUPPORTED_PAGES_PAGE)

typedef struct _VPD_SERIAL_NUMBER_PAGE {
    UCHAR DeviceType : 5;
    UCHAR DeviceTypeQualifier : 3;
    UCHAR PageCode; /* VPD_SERIAL_NUMBER */
    UCHAR Reserved;
    UCHAR PageLength;
    UCHAR SerialNumber[0];
} VPD_SERIAL_NUMBER_PAGE, *PVPD_SERIAL_NUMBER_PAGE;

typedef struct _VPD_IDENTIFICATION_DESCRIPTOR {
    UCHAR CodeSet : 4;
    UCHAR Reserved : 4;
    UCHAR IdentifierType : 4;
    UCHAR Association : 2;
    UCHAR Reserved2 : 2;
    UCHAR Reserved3;
    UCHAR IdentifierLength;
    UCHAR Identifier[0];
} VPD_IDENTIFICATION_DESCRIPTOR, *PVPD_IDENTIFICATION_DESCRIPTOR;

typedef struct _VPD_IDENTIFICATION_PAGE {
    UCHAR DeviceType : 5;
    UCHAR DeviceTypeQualifier : 3;
    UCHAR PageCode; /* VPD_DEVICE_IDENTIFIERS */
    UCHAR Reserved;
    UCHAR PageLength;
    UCHAR Descriptors[0];
} VPD_IDENTIFICATION_PAGE, *PVPD_IDENTIFICATION_PAGE;

/* ---- capacity -------------------------------------------------------------------------------- */
typedef struct _READ_CAPACITY_DATA {
    ULONG LogicalBlockAddress; /* big-endian: the last block */
    ULONG BytesPerBlock;       /* big-endian */
} READ_CAPACITY_DATA, *PREAD_CAPACITY_DATA;

typedef struct _READ_CAPACITY_DATA_EX {
    LARGE_INTEGER LogicalBlockAddress; /* big-endian */
    ULONG BytesPerBlock;
} READ_CAPACITY_DATA_EX, *PREAD_CAPACITY_DATA_EX;

typedef struct _READ_CAPACITY16_DATA {
    LARGE_INTEGER LogicalBlockAddress;
    ULONG BytesPerBlock;
    UCHAR ProtectionEnable : 1;
    UCHAR ProtectionType : 3;
    UCHAR RcBasis : 2;
    UCHAR Reserved : 2;
    UCHAR LogicalPerPhysicalExponent : 4;
    UCHAR ProtectionInfoExponent : 4;
    UCHAR LowestAlignedBlock_MSB : 6;
    UCHAR LBPRZ : 1;
    UCHAR LBPME : 1;
    UCHAR LowestAlignedBlock_LSB;
    UCHAR Reserved3[16];
} READ_CAPACITY16_DATA, *PREAD_CAPACITY16_DATA;

/* ---- mode parameters --------------------------------------------------------------------------
 */
typedef struct _MODE_PARAMETER_HEADER {
    UCHAR ModeDataLength;
    UCHAR MediumType;
    UCHAR DeviceSpecificParameter; /* MODE_DSP_* */
    UCHAR BlockDescriptorLength;
} MODE_PARAMETER_HEADER, *PMODE_PARAMETER_HEADER;

typedef struct _MODE_PARAMETER_HEADER10 {
    UCHAR ModeDataLength[2];
    UCHAR MediumType;
    UCHAR DeviceSpecificParameter;
    UCHAR Reserved[2];
    UCHAR BlockDescriptorLength[2];
} MODE_PARAMETER_HEADER10, *PMODE_PARAMETER_HEADER10;

#define MODE_FD_SINGLE_SIDE    0x01
#define MODE_FD_DOUBLE_SIDE    0x02
#define MODE_FD_MAXIMUM_TYPE   0x1E
#define MODE_DSP_FUA_SUPPORTED 0x10
#define MODE_DSP_WRITE_PROTECT 0x80

typedef struct _MODE_PARAMETER_BLOCK {
    UCHAR DensityCode;
    UCHAR NumberOfBlocks[3];
    UCHAR Reserved;
    UCHAR BlockLength[3];
} MODE_PARAMETER_BLOCK, *PMODE_PARAMETER_BLOCK;

/* Page control (CDB MODE_SENSE.Pc) and page codes. */
#define MODE_SENSE_CURRENT_VALUES    0x00
#define MODE_SENSE_CHANGEABLE_VALUES 0x40
#define MODE_SENSE_DEFAULT_VAULES    0x80
#define MODE_SENSE_SAVED_VALUES      0xc0

#define MODE_PAGE_VENDOR_SPECIFIC               0x00
#define MODE_PAGE_ERROR_RECOVERY                0x01
#define MODE_PAGE_DISCONNECT                    0x02
#define MODE_PAGE_FORMAT_DEVICE                 0x03
#define MODE_PAGE_MRW                           0x03
#define MODE_PAGE_RIGID_GEOMETRY                0x04
#define MODE_PAGE_FLEXIBILE                     0x05
#define MODE_PAGE_WRITE_PARAMETERS              0x05
#define MODE_PAGE_VERIFY_ERROR                  0x07
#define MODE_PAGE_CACHING                       0x08
#define MODE_PAGE_PERIPHERAL                    0x09
#define MODE_PAGE_CONTROL                       0x0A
#define MODE_PAGE_MEDIUM_TYPES                  0x0B
#define MODE_PAGE_NOTCH_PARTITION               0x0C
#define MODE_PAGE_CD_AUDIO_CONTROL              0x0E
#define MODE_PAGE_DATA_COMPRESS                 0x0F
#define MODE_PAGE_DEVICE_CONFIG                 0x10
#define MODE_PAGE_XOR_CONTROL                   0x10
#define MODE_PAGE_MEDIUM_PARTITION              0x11
#define MODE_PAGE_ENCLOSURE_SERVICES_MANAGEMENT 0x14
#define MODE_PAGE_EXTENDED                      0x15
#define MODE_PAGE_EXTENDED_DEVICE_SPECIFIC      0x16
#define MODE_PAGE_CDVD_FEATURE_SET              0x18
#define MODE_PAGE_PROTOCOL_SPECIFIC_LUN         0x18
#define MODE_PAGE_PROTOCOL_SPECIFIC_PORT        0x19
#define MODE_PAGE_POWER_CONDITION               0x1A
#define MODE_PAGE_LUN_MAPPING                   0x1B
#define MODE_PAGE_FAULT_REPORTING               0x1C
#define MODE_PAGE_CDVD_INACTIVITY               0x1D
#define MODE_PAGE_ELEMENT_ADDRESS               0x1D
#define MODE_PAGE_TRANSPORT_GEOMETRY            0x1E
#define MODE_PAGE_DEVICE_CAPABILITIES           0x1F
#define MODE_PAGE_CAPABILITIES                  0x2A
#define MODE_SENSE_RETURN_ALL                   0x3f

typedef struct _MODE_CACHING_PAGE {
    UCHAR PageCode : 6; /* MODE_PAGE_CACHING */
    UCHAR Reserved : 1;
    UCHAR PageSavable : 1;
    UCHAR PageLength;
    UCHAR ReadDisableCache : 1;
    UCHAR MultiplicationFactor : 1;
    UCHAR WriteCacheEnable : 1;
    UCHAR Reserved2 : 5;
    UCHAR WriteRetensionPriority : 4;
    UCHAR ReadRetensionPriority : 4;
    UCHAR DisablePrefetchTransfer[2];
    UCHAR MinimumPrefetch[2];
    UCHAR MaximumPrefetch[2];
    UCHAR MaximumPrefetchCeiling[2];
} MODE_CACHING_PAGE, *PMODE_CACHING_PAGE;

typedef struct _MODE_DISCONNECT_PAGE {
    UCHAR PageCode : 6; /* MODE_PAGE_DISCONNECT */
    UCHAR Reserved : 1;
    UCHAR PageSavable : 1;
    UCHAR PageLength;
    UCHAR BufferFullRatio;
    UCHAR BufferEmptyRatio;
    UCHAR BusInactivityLimit[2];
    UCHAR BusDisconnectTime[2];
    UCHAR BusConnectTime[2];
    UCHAR MaximumBurstSize[2];
    UCHAR DataTransferDisconnect : 2;
    UCHAR Reserved2[3];
} MODE_DISCONNECT_PAGE, *PMODE_DISCONNECT_PAGE;

typedef struct _MODE_INFO_EXCEPTIONS {
    UCHAR PageCode : 6; /* MODE_PAGE_FAULT_REPORTING */
    UCHAR Reserved1 : 1;
    UCHAR PSBit : 1;
    UCHAR PageLength;
    union {
        UCHAR Flags;
        struct {
            UCHAR LogErr : 1;
            UCHAR Reserved2 : 1;
            UCHAR Test : 1;
            UCHAR Dexcpt : 1;
            UCHAR Reserved3 : 3;
            UCHAR Perf : 1;
        };
    };
    UCHAR ReportMethod : 4;
    UCHAR Reserved4 : 4;
    UCHAR IntervalTimer[4];
    UCHAR ReportCount[4];
} MODE_INFO_EXCEPTIONS, *PMODE_INFO_EXCEPTIONS;

/* ---- GET EVENT STATUS NOTIFICATION ------------------------------------------------------------
 */
#define NOTIFICATION_OPERATIONAL_CHANGE_CLASS_MASK 0x02
#define NOTIFICATION_POWER_MANAGEMENT_CLASS_MASK   0x04
#define NOTIFICATION_EXTERNAL_REQUEST_CLASS_MASK   0x08
#define NOTIFICATION_MEDIA_STATUS_CLASS_MASK       0x10
#define NOTIFICATION_MULTI_HOST_CLASS_MASK         0x20
#define NOTIFICATION_DEVICE_BUSY_CLASS_MASK        0x40

#define NOTIFICATION_NO_CLASS_EVENTS                 0x0
#define NOTIFICATION_OPERATIONAL_CHANGE_CLASS_EVENTS 0x1
#define NOTIFICATION_POWER_MANAGEMENT_CLASS_EVENTS   0x2
#define NOTIFICATION_EXTERNAL_REQUEST_CLASS_EVENTS   0x3
#define NOTIFICATION_MEDIA_STATUS_CLASS_EVENTS       0x4
#define NOTIFICATION_MULTI_HOST_CLASS_EVENTS         0x5
#define NOTIFICATION_DEVICE_BUSY_CLASS_EVENTS        0x6

typedef struct _NOTIFICATION_EVENT_STATUS_HEADER {
    UCHAR EventDataLength[2];
    UCHAR NotificationClass : 3;
    UCHAR Reserved : 4;
    UCHAR NEA : 1; /* no event available */
    UCHAR SupportedEventClasses;
    UCHAR ClassEventData[0];
} NOTIFICATION_EVENT_STATUS_HEADER, *PNOTIFICATION_EVENT_STATUS_HEADER;

#define NOTIFICATION_OPERATIONAL_EVENT_NO_CHANGE         0x0
#define NOTIFICATION_OPERATIONAL_EVENT_CHANGE_REQUESTED  0x1
#define NOTIFICATION_OPERATIONAL_EVENT_CHANGE_OCCURRED   0x2
#define NOTIFICATION_OPERATIONAL_STATUS_AVAILABLE        0x0
#define NOTIFICATION_OPERATIONAL_STATUS_TEMPORARY_BUSY   0x1
#define NOTIFICATION_OPERATIONAL_STATUS_EXTENDED_BUSY    0x2
#define NOTIFICATION_OPERATIONAL_OPCODE_NONE             0x0
#define NOTIFICATION_OPERATIONAL_OPCODE_FEATURE_CHANGE   0x1
#define NOTIFICATION_OPERATIONAL_OPCODE_FEATURE_ADDED    0x2
#define NOTIFICATION_OPERATIONAL_OPCODE_UNIT_RESET       0x3
#define NOTIFICATION_OPERATIONAL_OPCODE_FIRMWARE_CHANGED 0x4
#define NOTIFICATION_OPERATIONAL_OPCODE_INQUIRY_CHANGED  0x5

typedef struct _NOTIFICATION_OPERATIONAL_STATUS {
    UCHAR OperationalEvent : 4;
    UCHAR Reserved1 : 4;
    UCHAR OperationalStatus : 4;
    UCHAR Reserved2 : 3;
    UCHAR PersistentPrevented : 1;
    UCHAR Operation[2];
} NOTIFICATION_OPERATIONAL_STATUS, *PNOTIFICATION_OPERATIONAL_STATUS;

#define NOTIFICATION_EXTERNAL_EVENT_NO_CHANGE   0x0
#define NOTIFICATION_EXTERNAL_EVENT_BUTTON_DOWN 0x1
#define NOTIFICATION_EXTERNAL_EVENT_BUTTON_UP   0x2
#define NOTIFICATION_EXTERNAL_EVENT_EXTERNAL    0x3

typedef struct _NOTIFICATION_EXTERNAL_STATUS {
    UCHAR ExternalEvent : 4;
    UCHAR Reserved1 : 4;
    UCHAR ExternalStatus : 4;
    UCHAR Reserved2 : 3;
    UCHAR PersistentPrevented : 1;
    UCHAR Request[2];
} NOTIFICATION_EXTERNAL_STATUS, *PNOTIFICATION_EXTERNAL_STATUS;

#define NOTIFICATION_MEDIA_EVENT_NO_CHANGE     0x0
#define NOTIFICATION_MEDIA_EVENT_EJECT_REQUEST 0x1
#define NOTIFICATION_MEDIA_EVENT_NEW_MEDIA     0x2
#define NOTIFICATION_MEDIA_EVENT_MEDIA_REMOVAL 0x3
#define NOTIFICATION_MEDIA_EVENT_MEDIA_CHANGE  0x4

typedef struct _NOTIFICATION_MEDIA_STATUS {
    UCHAR MediaEvent : 4;
    UCHAR Reserved : 4;
    union {
        UCHAR PowerStatus;
        UCHAR MediaStatus;
        struct {
            UCHAR DoorTrayOpen : 1;
            UCHAR MediaPresent : 1;
            UCHAR ReservedX : 6;
        };
    };
    UCHAR StartSlot;
    UCHAR EndSlot;
} NOTIFICATION_MEDIA_STATUS, *PNOTIFICATION_MEDIA_STATUS;

typedef struct _NOTIFICATION_BUSY_STATUS {
    UCHAR DeviceBusyEvent : 4;
    UCHAR Reserved : 4;
    UCHAR DeviceBusyStatus;
    UCHAR Time[2];
} NOTIFICATION_BUSY_STATUS, *PNOTIFICATION_BUSY_STATUS;

/* ---- persistent reservations ------------------------------------------------------------------
 */
#define RESERVATION_ACTION_READ_KEYS                0x00
#define RESERVATION_ACTION_READ_RESERVATIONS        0x01
#define RESERVATION_ACTION_REGISTER                 0x00
#define RESERVATION_ACTION_RESERVE                  0x01
#define RESERVATION_ACTION_RELEASE                  0x02
#define RESERVATION_ACTION_CLEAR                    0x03
#define RESERVATION_ACTION_PREEMPT                  0x04
#define RESERVATION_ACTION_PREEMPT_ABORT            0x05
#define RESERVATION_ACTION_REGISTER_IGNORE_EXISTING 0x06

#define RESERVATION_SCOPE_LU      0x00
#define RESERVATION_SCOPE_ELEMENT 0x02

#define RESERVATION_TYPE_WRITE_EXCLUSIVE             0x01
#define RESERVATION_TYPE_EXCLUSIVE                   0x03
#define RESERVATION_TYPE_WRITE_EXCLUSIVE_REGISTRANTS 0x05
#define RESERVATION_TYPE_EXCLUSIVE_REGISTRANTS       0x06

typedef struct {
    UCHAR Generation[4];
    UCHAR AdditionalLength[4];
    UCHAR ReservationKeyList[0][8];
} PRI_REGISTRATION_LIST, *PPRI_REGISTRATION_LIST;

typedef struct {
    UCHAR ReservationKey[8];
    UCHAR ScopeSpecificAddress[4];
    UCHAR Reserved;
    UCHAR Type : 4;
    UCHAR Scope : 4;
    UCHAR Obsolete[2];
} PRI_RESERVATION_DESCRIPTOR, *PPRI_RESERVATION_DESCRIPTOR;

typedef struct {
    UCHAR Generation[4];
    UCHAR AdditionalLength[4];
    PRI_RESERVATION_DESCRIPTOR Reservations[0];
} PRI_RESERVATION_LIST, *PPRI_RESERVATION_LIST;

typedef struct {
    UCHAR ReservationKey[8];
    UCHAR ServiceActionReservationKey[8];
    UCHAR ScopeSpecificAddress[4];
    UCHAR ActivatePersistThroughPowerLoss : 1;
    UCHAR Reserved1 : 1;
    UCHAR AllTargetPorts : 1;
    UCHAR SpecifyInitiatorPorts : 1;
    UCHAR Reserved2 : 4;
    UCHAR Reserved3;
    UCHAR Obsolete[2];
} PRO_PARAMETER_LIST, *PPRO_PARAMETER_LIST;

/* ---- UNMAP and GET LBA STATUS parameter data --------------------------------------------------
 */
typedef struct _UNMAP_BLOCK_DESCRIPTOR {
    UCHAR StartingLba[8];
    UCHAR LbaCount[4];
    UCHAR Reserved[4];
} UNMAP_BLOCK_DESCRIPTOR, *PUNMAP_BLOCK_DESCRIPTOR;

typedef struct _UNMAP_LIST_HEADER {
    UCHAR DataLength[2];
    UCHAR BlockDescrDataLength[2];
    UCHAR Reserved[4];
    UNMAP_BLOCK_DESCRIPTOR Descriptors[0];
} UNMAP_LIST_HEADER, *PUNMAP_LIST_HEADER;

typedef struct _LBA_STATUS_DESCRIPTOR {
    ULONG64 StartingLBA;
    ULONG LogicalBlockCount;
    UCHAR ProvisioningStatus : 4; /* LBA_STATUS_* */
    UCHAR Reserved1 : 4;
    UCHAR Reserved2[3];
} LBA_STATUS_DESCRIPTOR, *PLBA_STATUS_DESCRIPTOR;

typedef struct _LBA_STATUS_LIST_HEADER {
    ULONG ParameterLength;
    ULONG Reserved;
    LBA_STATUS_DESCRIPTOR Descriptors[0];
} LBA_STATUS_LIST_HEADER, *PLBA_STATUS_LIST_HEADER;

#define LBA_STATUS_MAPPED      0x0
#define LBA_STATUS_DEALLOCATED 0x1
#define LBA_STATUS_ANCHORED    0x2

#include <poppack.h>

#endif
