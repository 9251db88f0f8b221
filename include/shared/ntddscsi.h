/*
 * ntddscsi.h - the SCSI port's device interface: the IOCTL_SCSI_*, IOCTL_ATA_* and
 * IOCTL_MPIO_* control codes (device type FILE_DEVICE_CONTROLLER), the pass-through requests
 * (SCSI_PASS_THROUGH and its direct, 32-bit and extended forms; ATA_PASS_THROUGH_EX), the
 * adapter's inquiry data and capabilities, SCSI_ADDRESS and SRB_IO_CONTROL. Names, values and
 * x64 layouts as documented (wdk-ddi-src/content/ntddscsi/); pinned by tests/storage. drvhost
 * runs no SCSI port: these are definitions only.
 */
#ifndef _NTDDSCSIH_
#define _NTDDSCSIH_

#include <ntdef.h>
#include <devioctl.h>

#ifndef ANYSIZE_ARRAY
#define ANYSIZE_ARRAY 1
#endif

#define IOCTL_SCSI_BASE     FILE_DEVICE_CONTROLLER
#define DD_SCSI_DEVICE_NAME "\\Device\\ScsiPort"

#define DRVHOST_SCSI_CTL_(n, access)           CTL_CODE(IOCTL_SCSI_BASE, (n), METHOD_BUFFERED, (access))
#define DRVHOST_SCSI_RW_                       (FILE_READ_ACCESS | FILE_WRITE_ACCESS)
#define IOCTL_SCSI_PASS_THROUGH                DRVHOST_SCSI_CTL_(0x0401, DRVHOST_SCSI_RW_)
#define IOCTL_SCSI_MINIPORT                    DRVHOST_SCSI_CTL_(0x0402, DRVHOST_SCSI_RW_)
#define IOCTL_SCSI_GET_INQUIRY_DATA            DRVHOST_SCSI_CTL_(0x0403, FILE_ANY_ACCESS)
#define IOCTL_SCSI_GET_CAPABILITIES            DRVHOST_SCSI_CTL_(0x0404, FILE_ANY_ACCESS)
#define IOCTL_SCSI_PASS_THROUGH_DIRECT         DRVHOST_SCSI_CTL_(0x0405, DRVHOST_SCSI_RW_)
#define IOCTL_SCSI_GET_ADDRESS                 DRVHOST_SCSI_CTL_(0x0406, FILE_ANY_ACCESS)
#define IOCTL_SCSI_RESCAN_BUS                  DRVHOST_SCSI_CTL_(0x0407, FILE_ANY_ACCESS)
#define IOCTL_SCSI_GET_DUMP_POINTERS           DRVHOST_SCSI_CTL_(0x0408, FILE_ANY_ACCESS)
#define IOCTL_SCSI_FREE_DUMP_POINTERS          DRVHOST_SCSI_CTL_(0x0409, FILE_ANY_ACCESS)
#define IOCTL_IDE_PASS_THROUGH                 DRVHOST_SCSI_CTL_(0x040a, DRVHOST_SCSI_RW_)
#define IOCTL_ATA_PASS_THROUGH                 DRVHOST_SCSI_CTL_(0x040b, DRVHOST_SCSI_RW_)
#define IOCTL_ATA_PASS_THROUGH_DIRECT          DRVHOST_SCSI_CTL_(0x040c, DRVHOST_SCSI_RW_)
#define IOCTL_ATA_MINIPORT                     DRVHOST_SCSI_CTL_(0x040d, DRVHOST_SCSI_RW_)
#define IOCTL_MINIPORT_PROCESS_SERVICE_IRP     DRVHOST_SCSI_CTL_(0x040e, DRVHOST_SCSI_RW_)
#define IOCTL_MPIO_PASS_THROUGH_PATH           DRVHOST_SCSI_CTL_(0x040f, DRVHOST_SCSI_RW_)
#define IOCTL_MPIO_PASS_THROUGH_PATH_DIRECT    DRVHOST_SCSI_CTL_(0x0410, DRVHOST_SCSI_RW_)
#define IOCTL_SCSI_PASS_THROUGH_EX             DRVHOST_SCSI_CTL_(0x0411, DRVHOST_SCSI_RW_)
#define IOCTL_SCSI_PASS_THROUGH_DIRECT_EX      DRVHOST_SCSI_CTL_(0x0412, DRVHOST_SCSI_RW_)
#define IOCTL_MPIO_PASS_THROUGH_PATH_EX        DRVHOST_SCSI_CTL_(0x0413, DRVHOST_SCSI_RW_)
#define IOCTL_MPIO_PASS_THROUGH_PATH_DIRECT_EX DRVHOST_SCSI_CTL_(0x0414, DRVHOST_SCSI_RW_)

/* DataIn / DataDirection of the pass-through requests. */
#define SCSI_IOCTL_DATA_OUT           0
#define SCSI_IOCTL_DATA_IN            1
#define SCSI_IOCTL_DATA_UNSPECIFIED   2
#define SCSI_IOCTL_DATA_BIDIRECTIONAL 3

/* ---- pass-through requests ------------------------------------------------------------------- */
typedef struct _SCSI_PASS_THROUGH {
    USHORT Length; /* sizeof(SCSI_PASS_THROUGH) */
    UCHAR ScsiStatus;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR CdbLength;
    UCHAR SenseInfoLength;
    UCHAR DataIn;
    ULONG DataTransferLength;
    ULONG TimeOutValue;         /* seconds */
    ULONG_PTR DataBufferOffset; /* from the start of this structure */
    ULONG SenseInfoOffset;
    UCHAR Cdb[16];
} SCSI_PASS_THROUGH, *PSCSI_PASS_THROUGH;

typedef struct _SCSI_PASS_THROUGH_DIRECT {
    USHORT Length;
    UCHAR ScsiStatus;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR CdbLength;
    UCHAR SenseInfoLength;
    UCHAR DataIn;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    PVOID DataBuffer; /* the caller's buffer, aligned as the adapter requires */
    ULONG SenseInfoOffset;
    UCHAR Cdb[16];
} SCSI_PASS_THROUGH_DIRECT, *PSCSI_PASS_THROUGH_DIRECT;

/* The layouts a 32-bit process sends to a 64-bit driver. */
typedef struct _SCSI_PASS_THROUGH32 {
    USHORT Length;
    UCHAR ScsiStatus;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR CdbLength;
    UCHAR SenseInfoLength;
    UCHAR DataIn;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    ULONG32 DataBufferOffset;
    ULONG SenseInfoOffset;
    UCHAR Cdb[16];
} SCSI_PASS_THROUGH32, *PSCSI_PASS_THROUGH32;

typedef struct _SCSI_PASS_THROUGH_DIRECT32 {
    USHORT Length;
    UCHAR ScsiStatus;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR CdbLength;
    UCHAR SenseInfoLength;
    UCHAR DataIn;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    ULONG32 DataBuffer; /* a 32-bit pointer (VOID * POINTER_32): GCC has no __ptr32 */
    ULONG SenseInfoOffset;
    UCHAR Cdb[16];
} SCSI_PASS_THROUGH_DIRECT32, *PSCSI_PASS_THROUGH_DIRECT32;

typedef struct _SCSI_PASS_THROUGH_EX {
    ULONG Version; /* 0 */
    ULONG Length;  /* sizeof(SCSI_PASS_THROUGH_EX) */
    ULONG CdbLength;
    ULONG StorAddressLength;
    UCHAR ScsiStatus;
    UCHAR SenseInfoLength;
    UCHAR DataDirection; /* SCSI_IOCTL_DATA_* */
    UCHAR Reserved;
    ULONG TimeOutValue;
    ULONG StorAddressOffset;
    ULONG SenseInfoOffset;
    ULONG DataOutTransferLength;
    ULONG DataInTransferLength;
    ULONG_PTR DataOutBufferOffset;
    ULONG_PTR DataInBufferOffset;
    UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH_EX, *PSCSI_PASS_THROUGH_EX;

typedef struct _SCSI_PASS_THROUGH_DIRECT_EX {
    ULONG Version;
    ULONG Length;
    ULONG CdbLength;
    ULONG StorAddressLength;
    UCHAR ScsiStatus;
    UCHAR SenseInfoLength;
    UCHAR DataDirection;
    UCHAR Reserved;
    ULONG TimeOutValue;
    ULONG StorAddressOffset;
    ULONG SenseInfoOffset;
    ULONG DataOutTransferLength;
    ULONG DataInTransferLength;
    VOID *DataOutBuffer;
    VOID *DataInBuffer;
    UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH_DIRECT_EX, *PSCSI_PASS_THROUGH_DIRECT_EX;

typedef struct _SCSI_PASS_THROUGH32_EX {
    ULONG Version;
    ULONG Length;
    ULONG CdbLength;
    ULONG StorAddressLength;
    UCHAR ScsiStatus;
    UCHAR SenseInfoLength;
    UCHAR DataDirection;
    UCHAR Reserved;
    ULONG TimeOutValue;
    ULONG StorAddressOffset;
    ULONG SenseInfoOffset;
    ULONG DataOutTransferLength;
    ULONG DataInTransferLength;
    ULONG32 DataOutBufferOffset;
    ULONG32 DataInBufferOffset;
    UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH32_EX, *PSCSI_PASS_THROUGH32_EX;

typedef struct _SCSI_PASS_THROUGH_DIRECT32_EX {
    ULONG Version;
    ULONG Length;
    ULONG CdbLength;
    ULONG StorAddressLength;
    UCHAR ScsiStatus;
    UCHAR SenseInfoLength;
    UCHAR DataDirection;
    UCHAR Reserved;
    ULONG TimeOutValue;
    ULONG StorAddressOffset;
    ULONG SenseInfoOffset;
    ULONG DataOutTransferLength;
    ULONG DataInTransferLength;
    ULONG32 DataOutBuffer; /* VOID * POINTER_32, as above */
    ULONG32 DataInBuffer;
    UCHAR Cdb[ANYSIZE_ARRAY];
} SCSI_PASS_THROUGH_DIRECT32_EX, *PSCSI_PASS_THROUGH_DIRECT32_EX;

typedef struct _ATA_PASS_THROUGH_EX {
    USHORT Length;
    USHORT AtaFlags; /* ATA_FLAGS_* */
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR ReservedAsUchar;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    ULONG ReservedAsUlong;
    ULONG_PTR DataBufferOffset;
    UCHAR PreviousTaskFile[8];
    UCHAR CurrentTaskFile[8];
} ATA_PASS_THROUGH_EX, *PATA_PASS_THROUGH_EX;

typedef struct _ATA_PASS_THROUGH_DIRECT {
    USHORT Length;
    USHORT AtaFlags;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    UCHAR ReservedAsUchar;
    ULONG DataTransferLength;
    ULONG TimeOutValue;
    ULONG ReservedAsUlong;
    PVOID DataBuffer;
    UCHAR PreviousTaskFile[8];
    UCHAR CurrentTaskFile[8];
} ATA_PASS_THROUGH_DIRECT, *PATA_PASS_THROUGH_DIRECT;

#define ATA_FLAGS_DRDY_REQUIRED (1 << 0)
#define ATA_FLAGS_DATA_IN       (1 << 1)
#define ATA_FLAGS_DATA_OUT      (1 << 2)
#define ATA_FLAGS_48BIT_COMMAND (1 << 3)
#define ATA_FLAGS_USE_DMA       (1 << 4)
#define ATA_FLAGS_NO_MULTIPLE   (1 << 5)

typedef struct _MPIO_PASS_THROUGH_PATH {
    SCSI_PASS_THROUGH PassThrough;
    ULONG Version;
    USHORT Length;
    UCHAR Flags;
    UCHAR PortNumber;
    ULONGLONG MpioPathId;
} MPIO_PASS_THROUGH_PATH, *PMPIO_PASS_THROUGH_PATH;

typedef struct _MPIO_PASS_THROUGH_PATH_DIRECT {
    SCSI_PASS_THROUGH_DIRECT PassThrough;
    ULONG Version;
    USHORT Length;
    UCHAR Flags;
    UCHAR PortNumber;
    ULONGLONG MpioPathId;
} MPIO_PASS_THROUGH_PATH_DIRECT, *PMPIO_PASS_THROUGH_PATH_DIRECT;
#define MPIO_IOCTL_FLAG_USE_PATHID      1
#define MPIO_IOCTL_FLAG_USE_SCSIADDRESS 2
#define MPIO_IOCTL_FLAG_INVOLVE_DSM     4

/* ---- the adapter: inquiry data, capabilities, addresses ----------------------------------------
 */
typedef struct _SCSI_BUS_DATA {
    UCHAR NumberOfLogicalUnits;
    UCHAR InitiatorBusId;
    ULONG InquiryDataOffset;
} SCSI_BUS_DATA, *PSCSI_BUS_DATA;

typedef struct _SCSI_ADAPTER_BUS_INFO {
    UCHAR NumberOfBuses;
    SCSI_BUS_DATA BusData[1];
} SCSI_ADAPTER_BUS_INFO, *PSCSI_ADAPTER_BUS_INFO;

typedef struct _SCSI_INQUIRY_DATA {
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
    BOOLEAN DeviceClaimed;
    ULONG InquiryDataLength;
    ULONG NextInquiryDataOffset;
    UCHAR InquiryData[1];
} SCSI_INQUIRY_DATA, *PSCSI_INQUIRY_DATA;

typedef struct _SRB_IO_CONTROL {
    ULONG HeaderLength;
    UCHAR Signature[8];
    ULONG Timeout;
    ULONG ControlCode;
    ULONG ReturnCode;
    ULONG Length;
} SRB_IO_CONTROL, *PSRB_IO_CONTROL;

typedef struct _IO_SCSI_CAPABILITIES {
    ULONG Length;
    ULONG MaximumTransferLength;
    ULONG MaximumPhysicalPages;
    ULONG SupportedAsynchronousEvents;
    ULONG AlignmentMask;
    BOOLEAN TaggedQueuing;
    BOOLEAN AdapterScansDown;
    BOOLEAN AdapterUsesPio;
} IO_SCSI_CAPABILITIES, *PIO_SCSI_CAPABILITIES;

typedef struct _SCSI_ADDRESS {
    ULONG Length;
    UCHAR PortNumber;
    UCHAR PathId;
    UCHAR TargetId;
    UCHAR Lun;
} SCSI_ADDRESS, *PSCSI_ADDRESS;

#endif
