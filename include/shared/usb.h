/*
 * usb.h - the USB request blocks (URBs) a client driver sends down with
 * IOCTL_INTERNAL_USB_SUBMIT_URB: the URB function codes, the transfer flags, USBD_STATUS and
 * its codes, the pipe and interface information of a selected configuration, and the URB
 * structures with their x64 layouts; the endpoint offload information a sideband audio driver
 * reads (usbsidebandaudio.h). drvhost has no USB stack: nothing answers a URB (see usbdlib.h for
 * the USBD_ routines). Pinned by tests/devclass and tests/headers (audio_layout.c).
 */
#ifndef __USB_H__
#define __USB_H__

#include <ntdef.h>
#include <usbspec.h>

typedef struct _MDL *PMDL;

/* ---- URB function codes ----------------------------------------------------------------- */

#define URB_FUNCTION_SELECT_CONFIGURATION                         0x0000
#define URB_FUNCTION_SELECT_INTERFACE                             0x0001
#define URB_FUNCTION_ABORT_PIPE                                   0x0002
#define URB_FUNCTION_TAKE_FRAME_LENGTH_CONTROL                    0x0003
#define URB_FUNCTION_RELEASE_FRAME_LENGTH_CONTROL                 0x0004
#define URB_FUNCTION_GET_FRAME_LENGTH                             0x0005
#define URB_FUNCTION_SET_FRAME_LENGTH                             0x0006
#define URB_FUNCTION_GET_CURRENT_FRAME_NUMBER                     0x0007
#define URB_FUNCTION_CONTROL_TRANSFER                             0x0008
#define URB_FUNCTION_BULK_OR_INTERRUPT_TRANSFER                   0x0009
#define URB_FUNCTION_ISOCH_TRANSFER                               0x000A
#define URB_FUNCTION_GET_DESCRIPTOR_FROM_DEVICE                   0x000B
#define URB_FUNCTION_SET_DESCRIPTOR_TO_DEVICE                     0x000C
#define URB_FUNCTION_SET_FEATURE_TO_DEVICE                        0x000D
#define URB_FUNCTION_SET_FEATURE_TO_INTERFACE                     0x000E
#define URB_FUNCTION_SET_FEATURE_TO_ENDPOINT                      0x000F
#define URB_FUNCTION_CLEAR_FEATURE_TO_DEVICE                      0x0010
#define URB_FUNCTION_CLEAR_FEATURE_TO_INTERFACE                   0x0011
#define URB_FUNCTION_CLEAR_FEATURE_TO_ENDPOINT                    0x0012
#define URB_FUNCTION_GET_STATUS_FROM_DEVICE                       0x0013
#define URB_FUNCTION_GET_STATUS_FROM_INTERFACE                    0x0014
#define URB_FUNCTION_GET_STATUS_FROM_ENDPOINT                     0x0015
#define URB_FUNCTION_RESERVED_0X0016                              0x0016
#define URB_FUNCTION_VENDOR_DEVICE                                0x0017
#define URB_FUNCTION_VENDOR_INTERFACE                             0x0018
#define URB_FUNCTION_VENDOR_ENDPOINT                              0x0019
#define URB_FUNCTION_CLASS_DEVICE                                 0x001A
#define URB_FUNCTION_CLASS_INTERFACE                              0x001B
#define URB_FUNCTION_CLASS_ENDPOINT                               0x001C
#define URB_FUNCTION_RESERVE_0X001D                               0x001D
#define URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL              0x001E
#define URB_FUNCTION_CLASS_OTHER                                  0x001F
#define URB_FUNCTION_VENDOR_OTHER                                 0x0020
#define URB_FUNCTION_GET_STATUS_FROM_OTHER                        0x0021
#define URB_FUNCTION_CLEAR_FEATURE_TO_OTHER                       0x0022
#define URB_FUNCTION_SET_FEATURE_TO_OTHER                         0x0023
#define URB_FUNCTION_GET_DESCRIPTOR_FROM_ENDPOINT                 0x0024
#define URB_FUNCTION_SET_DESCRIPTOR_TO_ENDPOINT                   0x0025
#define URB_FUNCTION_GET_CONFIGURATION                            0x0026
#define URB_FUNCTION_GET_INTERFACE                                0x0027
#define URB_FUNCTION_GET_DESCRIPTOR_FROM_INTERFACE                0x0028
#define URB_FUNCTION_SET_DESCRIPTOR_TO_INTERFACE                  0x0029
#define URB_FUNCTION_GET_MS_FEATURE_DESCRIPTOR                    0x002A
#define URB_FUNCTION_SYNC_RESET_PIPE                              0x0030
#define URB_FUNCTION_SYNC_CLEAR_STALL                             0x0031
#define URB_FUNCTION_CONTROL_TRANSFER_EX                          0x0032
#define URB_FUNCTION_OPEN_STATIC_STREAMS                          0x0035
#define URB_FUNCTION_CLOSE_STATIC_STREAMS                         0x0036
#define URB_FUNCTION_BULK_OR_INTERRUPT_TRANSFER_USING_CHAINED_MDL 0x0037
#define URB_FUNCTION_ISOCH_TRANSFER_USING_CHAINED_MDL             0x0038
#define URB_FUNCTION_GET_ISOCH_PIPE_TRANSFER_PATH_DELAYS          0x003D
#define URB_FUNCTION_RESET_PIPE                                   URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL

/* TransferFlags */
#define USBD_TRANSFER_DIRECTION_OUT    0
#define USBD_TRANSFER_DIRECTION_IN     1
#define USBD_SHORT_TRANSFER_OK         2
#define USBD_START_ISO_TRANSFER_ASAP   4
#define USBD_DEFAULT_PIPE_TRANSFER     8
#define USBD_TRANSFER_DIRECTION(flags) ((flags)&USBD_TRANSFER_DIRECTION_IN)

/* ---- USBD_STATUS ---------------------------------------------------------------------------- */

typedef LONG USBD_STATUS;
#define USBD_SUCCESS(Status) ((USBD_STATUS)(Status) >= 0)
#define USBD_PENDING(Status) ((ULONG)(Status) >> 30 == 1)
#define USBD_ERROR(Status)   ((USBD_STATUS)(Status) < 0)

#define USBD_STATUS_SUCCESS                          ((USBD_STATUS)0x00000000L)
#define USBD_STATUS_PENDING                          ((USBD_STATUS)0x40000000L)
#define USBD_STATUS_CRC                              ((USBD_STATUS)0xC0000001L)
#define USBD_STATUS_BTSTUFF                          ((USBD_STATUS)0xC0000002L)
#define USBD_STATUS_DATA_TOGGLE_MISMATCH             ((USBD_STATUS)0xC0000003L)
#define USBD_STATUS_STALL_PID                        ((USBD_STATUS)0xC0000004L)
#define USBD_STATUS_DEV_NOT_RESPONDING               ((USBD_STATUS)0xC0000005L)
#define USBD_STATUS_PID_CHECK_FAILURE                ((USBD_STATUS)0xC0000006L)
#define USBD_STATUS_UNEXPECTED_PID                   ((USBD_STATUS)0xC0000007L)
#define USBD_STATUS_DATA_OVERRUN                     ((USBD_STATUS)0xC0000008L)
#define USBD_STATUS_DATA_UNDERRUN                    ((USBD_STATUS)0xC0000009L)
#define USBD_STATUS_BUFFER_OVERRUN                   ((USBD_STATUS)0xC000000CL)
#define USBD_STATUS_BUFFER_UNDERRUN                  ((USBD_STATUS)0xC000000DL)
#define USBD_STATUS_NOT_ACCESSED                     ((USBD_STATUS)0xC000000FL)
#define USBD_STATUS_FIFO                             ((USBD_STATUS)0xC0000010L)
#define USBD_STATUS_XACT_ERROR                       ((USBD_STATUS)0xC0000011L)
#define USBD_STATUS_BABBLE_DETECTED                  ((USBD_STATUS)0xC0000012L)
#define USBD_STATUS_DATA_BUFFER_ERROR                ((USBD_STATUS)0xC0000013L)
#define USBD_STATUS_ENDPOINT_HALTED                  ((USBD_STATUS)0xC0000030L)
#define USBD_STATUS_INVALID_URB_FUNCTION             ((USBD_STATUS)0x80000200L)
#define USBD_STATUS_INVALID_PARAMETER                ((USBD_STATUS)0x80000300L)
#define USBD_STATUS_ERROR_BUSY                       ((USBD_STATUS)0x80000400L)
#define USBD_STATUS_INVALID_PIPE_HANDLE              ((USBD_STATUS)0x80000600L)
#define USBD_STATUS_NO_BANDWIDTH                     ((USBD_STATUS)0x80000700L)
#define USBD_STATUS_INTERNAL_HC_ERROR                ((USBD_STATUS)0x80000800L)
#define USBD_STATUS_ERROR_SHORT_TRANSFER             ((USBD_STATUS)0x80000900L)
#define USBD_STATUS_BAD_START_FRAME                  ((USBD_STATUS)0xC0000A00L)
#define USBD_STATUS_ISOCH_REQUEST_FAILED             ((USBD_STATUS)0xC0000B00L)
#define USBD_STATUS_FRAME_CONTROL_OWNED              ((USBD_STATUS)0xC0000C00L)
#define USBD_STATUS_FRAME_CONTROL_NOT_OWNED          ((USBD_STATUS)0xC0000D00L)
#define USBD_STATUS_NOT_SUPPORTED                    ((USBD_STATUS)0xC0000E00L)
#define USBD_STATUS_INAVLID_CONFIGURATION_DESCRIPTOR ((USBD_STATUS)0xC0000F00L)
#define USBD_STATUS_INVALID_CONFIGURATION_DESCRIPTOR ((USBD_STATUS)0xC0000F00L)
#define USBD_STATUS_INSUFFICIENT_RESOURCES           ((USBD_STATUS)0xC0001000L)
#define USBD_STATUS_SET_CONFIG_FAILED                ((USBD_STATUS)0xC0002000L)
#define USBD_STATUS_BUFFER_TOO_SMALL                 ((USBD_STATUS)0xC0003000L)
#define USBD_STATUS_INTERFACE_NOT_FOUND              ((USBD_STATUS)0xC0004000L)
#define USBD_STATUS_INAVLID_PIPE_FLAGS               ((USBD_STATUS)0xC0005000L)
#define USBD_STATUS_TIMEOUT                          ((USBD_STATUS)0xC0006000L)
#define USBD_STATUS_DEVICE_GONE                      ((USBD_STATUS)0xC0007000L)
#define USBD_STATUS_STATUS_NOT_MAPPED                ((USBD_STATUS)0xC0008000L)
#define USBD_STATUS_HUB_INTERNAL_ERROR               ((USBD_STATUS)0xC0009000L)
#define USBD_STATUS_CANCELED                         ((USBD_STATUS)0xC0010000L)
#define USBD_STATUS_ISO_NOT_ACCESSED_BY_HW           ((USBD_STATUS)0xC0020000L)
#define USBD_STATUS_ISO_TD_ERROR                     ((USBD_STATUS)0xC0030000L)
#define USBD_STATUS_ISO_NA_LATE_USBPORT              ((USBD_STATUS)0xC0040000L)
#define USBD_STATUS_ISO_NOT_ACCESSED_LATE            ((USBD_STATUS)0xC0050000L)
#define USBD_STATUS_BAD_DESCRIPTOR                   ((USBD_STATUS)0xC0100000L)
#define USBD_STATUS_BAD_DESCRIPTOR_BLEN              ((USBD_STATUS)0xC0100001L)
#define USBD_STATUS_BAD_DESCRIPTOR_TYPE              ((USBD_STATUS)0xC0100002L)
#define USBD_STATUS_BAD_INTERFACE_DESCRIPTOR         ((USBD_STATUS)0xC0100003L)
#define USBD_STATUS_BAD_ENDPOINT_DESCRIPTOR          ((USBD_STATUS)0xC0100004L)
#define USBD_STATUS_BAD_INTERFACE_ASSOC_DESCRIPTOR   ((USBD_STATUS)0xC0100005L)
#define USBD_STATUS_BAD_CONFIG_DESC_LENGTH           ((USBD_STATUS)0xC0100006L)
#define USBD_STATUS_BAD_NUMBER_OF_INTERFACES         ((USBD_STATUS)0xC0100007L)
#define USBD_STATUS_BAD_NUMBER_OF_ENDPOINTS          ((USBD_STATUS)0xC0100008L)
#define USBD_STATUS_BAD_ENDPOINT_ADDRESS             ((USBD_STATUS)0xC0100009L)

/* ---- a selected configuration: its interfaces and pipes --------------------------------- */

typedef PVOID USBD_PIPE_HANDLE;
typedef PVOID USBD_CONFIGURATION_HANDLE;
typedef PVOID USBD_INTERFACE_HANDLE;

#define USBD_DEFAULT_MAXIMUM_TRANSFER_SIZE 0xFFFFFFFF
#define USBD_ISO_START_FRAME_RANGE         1024

typedef enum _USBD_PIPE_TYPE {
    UsbdPipeTypeControl,
    UsbdPipeTypeIsochronous,
    UsbdPipeTypeBulk,
    UsbdPipeTypeInterrupt
} USBD_PIPE_TYPE;

#define USBD_PF_CHANGE_MAX_PACKET       0x00000001
#define USBD_PF_SHORT_PACKET_OPT        0x00000002
#define USBD_PF_ENABLE_RT_THREAD_ACCESS 0x00000004
#define USBD_PF_MAP_ADD_TRANSFERS       0x00000008

typedef struct _USBD_VERSION_INFORMATION {
    ULONG USBDI_Version;
    ULONG Supported_USB_Version;
} USBD_VERSION_INFORMATION, *PUSBD_VERSION_INFORMATION;

typedef struct _USBD_PIPE_INFORMATION {
    USHORT MaximumPacketSize;
    UCHAR EndpointAddress;
    UCHAR Interval;
    USBD_PIPE_TYPE PipeType;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG MaximumTransferSize;
    ULONG PipeFlags;
} USBD_PIPE_INFORMATION, *PUSBD_PIPE_INFORMATION;

typedef struct _USBD_INTERFACE_INFORMATION {
    USHORT Length;
    UCHAR InterfaceNumber;
    UCHAR AlternateSetting;
    UCHAR Class;
    UCHAR SubClass;
    UCHAR Protocol;
    UCHAR Reserved;
    USBD_INTERFACE_HANDLE InterfaceHandle;
    ULONG NumberOfPipes;
    USBD_PIPE_INFORMATION Pipes[1];
} USBD_INTERFACE_INFORMATION, *PUSBD_INTERFACE_INFORMATION;

typedef struct _USBD_ISO_PACKET_DESCRIPTOR {
    ULONG Offset;
    ULONG Length;
    USBD_STATUS Status;
} USBD_ISO_PACKET_DESCRIPTOR, *PUSBD_ISO_PACKET_DESCRIPTOR;

typedef struct _USBD_STREAM_INFORMATION {
    USBD_PIPE_HANDLE PipeHandle;
    ULONG StreamID;
    ULONG MaximumTransferSize;
    ULONG PipeFlags;
} USBD_STREAM_INFORMATION, *PUSBD_STREAM_INFORMATION;

/* ---- the URBs ----------------------------------------------------------------------------------
 */

struct _URB_HEADER {
    USHORT Length;
    USHORT Function;
    USBD_STATUS Status;
    PVOID UsbdDeviceHandle;
    ULONG UsbdFlags;
};

struct _URB_HCD_AREA {
    PVOID Reserved8[8];
};

struct _URB_SELECT_CONFIGURATION {
    struct _URB_HEADER Hdr;
    PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor; /* NULL: unconfigure */
    USBD_CONFIGURATION_HANDLE ConfigurationHandle;
    USBD_INTERFACE_INFORMATION Interface; /* one per interface, each with its pipes */
};

struct _URB_SELECT_INTERFACE {
    struct _URB_HEADER Hdr;
    USBD_CONFIGURATION_HANDLE ConfigurationHandle;
    USBD_INTERFACE_INFORMATION Interface;
};

struct _URB_PIPE_REQUEST {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG Reserved;
};

struct _URB_FRAME_LENGTH_CONTROL {
    struct _URB_HEADER Hdr;
};

struct _URB_GET_FRAME_LENGTH {
    struct _URB_HEADER Hdr;
    ULONG FrameLength;
    ULONG FrameNumber;
};

struct _URB_SET_FRAME_LENGTH {
    struct _URB_HEADER Hdr;
    LONG FrameLengthDelta;
};

struct _URB_GET_CURRENT_FRAME_NUMBER {
    struct _URB_HEADER Hdr;
    ULONG FrameNumber;
};

struct _URB_CONTROL_TRANSFER {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG TransferFlags;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    UCHAR SetupPacket[8];
};

struct _URB_CONTROL_TRANSFER_EX {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG TransferFlags;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    ULONG Timeout; /* milliseconds, 0: none */
    struct _URB_HCD_AREA hca;
    UCHAR SetupPacket[8];
};

struct _URB_BULK_OR_INTERRUPT_TRANSFER {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG TransferFlags;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
};

struct _URB_ISOCH_TRANSFER {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG TransferFlags;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    ULONG StartFrame;
    ULONG NumberOfPackets;
    ULONG ErrorCount;
    USBD_ISO_PACKET_DESCRIPTOR IsoPacket[1];
};

struct _URB_CONTROL_DESCRIPTOR_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved0;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    USHORT Reserved1;
    UCHAR Index;
    UCHAR DescriptorType;
    USHORT LanguageId;
    USHORT Reserved2;
};

struct _URB_CONTROL_GET_STATUS_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved0;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    UCHAR Reserved1[4];
    USHORT Index;
    USHORT Reserved2;
};

struct _URB_CONTROL_FEATURE_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved2;
    ULONG Reserved3;
    PVOID Reserved4;
    PMDL Reserved5;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    USHORT Reserved0;
    USHORT FeatureSelector;
    USHORT Index;
    USHORT Reserved1;
};

struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG TransferFlags;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    UCHAR RequestTypeReservedBits;
    UCHAR Request;
    USHORT Value;
    USHORT Index;
    USHORT Reserved1;
};

struct _URB_CONTROL_GET_INTERFACE_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved0;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    UCHAR Reserved1[4];
    USHORT Interface;
    USHORT Reserved2;
};

struct _URB_CONTROL_GET_CONFIGURATION_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved0;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink;
    struct _URB_HCD_AREA hca;
    UCHAR Reserved1[8];
};

/* URB_FUNCTION_GET_MS_FEATURE_DESCRIPTOR: a Microsoft OS feature descriptor (the fields the
 * URB page lists for UrbOSFeatureDescriptorRequest). */
struct _URB_OS_FEATURE_DESCRIPTOR_REQUEST {
    struct _URB_HEADER Hdr;
    PVOID Reserved;
    ULONG Reserved0;
    ULONG TransferBufferLength;
    PVOID TransferBuffer;
    PMDL TransferBufferMDL;
    struct _URB *UrbLink; /* reserved */
    struct _URB_HCD_AREA hca;
    UCHAR Recipient : 5;
    UCHAR Reserved1 : 3;
    UCHAR Reserved2;
    UCHAR InterfaceNumber;
    UCHAR MS_PageIndex;
    USHORT MS_FeatureDescriptorIndex;
    USHORT Reserved3;
};

/* URB_FUNCTION_GET_ISOCH_PIPE_TRANSFER_PATH_DELAYS (UrbGetIsochPipeTransferPathDelays). */
struct _URB_GET_ISOCH_PIPE_TRANSFER_PATH_DELAYS {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG MaximumSendPathDelayInMilliSeconds;
    ULONG MaximumCompletionPathDelayInMilliSeconds;
};

struct _URB_OPEN_STATIC_STREAMS {
    struct _URB_HEADER Hdr;
    USBD_PIPE_HANDLE PipeHandle;
    ULONG NumberOfStreams;
    USHORT StreamInfoVersion;
    USHORT StreamInfoSize;
    PUSBD_STREAM_INFORMATION Streams;
};

typedef struct _URB {
    union {
        struct _URB_HEADER UrbHeader;
        struct _URB_SELECT_INTERFACE UrbSelectInterface;
        struct _URB_SELECT_CONFIGURATION UrbSelectConfiguration;
        struct _URB_PIPE_REQUEST UrbPipeRequest;
        struct _URB_FRAME_LENGTH_CONTROL UrbFrameLengthControl;
        struct _URB_GET_FRAME_LENGTH UrbGetFrameLength;
        struct _URB_SET_FRAME_LENGTH UrbSetFrameLength;
        struct _URB_GET_CURRENT_FRAME_NUMBER UrbGetCurrentFrameNumber;
        struct _URB_CONTROL_TRANSFER UrbControlTransfer;
        struct _URB_CONTROL_TRANSFER_EX UrbControlTransferEx;
        struct _URB_BULK_OR_INTERRUPT_TRANSFER UrbBulkOrInterruptTransfer;
        struct _URB_ISOCH_TRANSFER UrbIsochronousTransfer;
        struct _URB_CONTROL_DESCRIPTOR_REQUEST UrbControlDescriptorRequest;
        struct _URB_CONTROL_GET_STATUS_REQUEST UrbControlGetStatusRequest;
        struct _URB_CONTROL_FEATURE_REQUEST UrbControlFeatureRequest;
        struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST UrbControlVendorClassRequest;
        struct _URB_CONTROL_GET_INTERFACE_REQUEST UrbControlGetInterfaceRequest;
        struct _URB_CONTROL_GET_CONFIGURATION_REQUEST UrbControlGetConfigurationRequest;
        struct _URB_OS_FEATURE_DESCRIPTOR_REQUEST UrbOSFeatureDescriptorRequest;
        struct _URB_OPEN_STATIC_STREAMS UrbOpenStaticStreams;
        struct _URB_GET_ISOCH_PIPE_TRANSFER_PATH_DELAYS UrbGetIsochPipeTransferPathDelays;
    };
} URB, *PURB;

/* ---- Endpoint offload (xHCI sideband) ---------------------------------------------------- */

/* Who moves an offloaded endpoint's data (the USBD_ENDPOINT_OFFLOAD_MODE page: its three values
 * in order, the first 0). */
typedef enum _USBD_ENDPOINT_OFFLOAD_MODE {
    UsbdEndpointOffloadModeNotSupported = 0,
    UsbdEndpointOffloadSoftwareAssisted,
    UsbdEndpointOffloadHardwareAssisted
} USBD_ENDPOINT_OFFLOAD_MODE;

/* The xHCI facts of an offloaded endpoint, version 1 and version 2 (the current name; the V2
 * adds the client's transfer ring and data buffer): members, types and bit widths as the
 * USBD_ENDPOINT_OFFLOAD_INFORMATION_V1 and USBD_ENDPOINT_OFFLOAD_INFORMATION pages give them.
 * Byte-packed: the pages do not say so, Microsoft's Win32 metadata does (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/usb.h packs both at 1), so the 32-bit words of
 * bit fields start at offset 14 and the V1 is 82 bytes, the V2 130 (tests/headers). drvhost has
 * no USB stack that fills one. */
/* The V1 members, which the V2 begins with (one list, so the two cannot drift apart). */
#define DRVHOST_USBD_OFFLOAD_V1_MEMBERS_                                                           \
    ULONG Size;                                                                                    \
    USHORT EndpointAddress;                                                                        \
    ULONG ResourceId;                                                                              \
    USBD_ENDPOINT_OFFLOAD_MODE Mode;                                                               \
    ULONG RootHubPortNumber : 8;                                                                   \
    ULONG RouteString : 20;                                                                        \
    ULONG Speed : 4;                                                                               \
    ULONG UsbDeviceAddress : 8;                                                                    \
    ULONG SlotId : 8;                                                                              \
    ULONG MultiTT : 1;                                                                             \
    ULONG LSOrFSDeviceConnectedToTTHub : 1;                                                        \
    ULONG Reserved0 : 14;                                                                          \
    PHYSICAL_ADDRESS TransferSegmentLA;                                                            \
    PVOID TransferSegmentVA;                                                                       \
    size_t TransferRingSize;                                                                       \
    ULONG TransferRingInitialCycleBit;                                                             \
    ULONG MessageNumber;                                                                           \
    PHYSICAL_ADDRESS EventRingSegmentLA;                                                           \
    PVOID EventRingSegmentVA;                                                                      \
    size_t EventRingSize;                                                                          \
    ULONG EventRingInitialCycleBit;

#include <pshpack1.h>
typedef struct _USBD_ENDPOINT_OFFLOAD_INFORMATION_V1 {
    DRVHOST_USBD_OFFLOAD_V1_MEMBERS_
} USBD_ENDPOINT_OFFLOAD_INFORMATION_V1, *PUSBD_ENDPOINT_OFFLOAD_INFORMATION_V1;

typedef struct _USBD_ENDPOINT_OFFLOAD_INFORMATION {
    DRVHOST_USBD_OFFLOAD_V1_MEMBERS_
    PHYSICAL_ADDRESS ClientTransferRingSegmentPAIn;
    size_t ClientTransferRingSizeIn;
    PHYSICAL_ADDRESS ClientDataBufferPAIn;
    size_t ClientDataBufferSizeIn;
    PHYSICAL_ADDRESS ClientDataBufferLAOut;
    PVOID ClientDataBufferVAOut;
} USBD_ENDPOINT_OFFLOAD_INFORMATION, *PUSBD_ENDPOINT_OFFLOAD_INFORMATION,
    USBD_ENDPOINT_OFFLOAD_INFORMATION_V2, *PUSBD_ENDPOINT_OFFLOAD_INFORMATION_V2;
#include <poppack.h>

#endif
