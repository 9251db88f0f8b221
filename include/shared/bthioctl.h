/*
 * bthioctl.h - the Bluetooth port driver's control codes: the internal (kernel-mode) requests a
 * profile driver sends to its BTHENUM PDO (IOCTL_INTERNAL_BTH_SUBMIT_BRB carries a BRB, see
 * <bthddi.h>), and the user-visible requests for radio and device information and for the SDP
 * client and server (device type FILE_DEVICE_BLUETOOTH, function codes as documented), with the
 * structures they carry. These structures are byte-packed, as in the WDK; pinned by
 * tests/headers (bth_layout.c). Definitions only: drvhost has no Bluetooth stack.
 */
#ifndef __BTHIOCTL_H__
#define __BTHIOCTL_H__

#include <bthdef.h>
#include <bthsdpdef.h>
#include <devioctl.h>
#include <ntdef.h>

#define BTH_IOCTL_BASE     0
#define BTH_CTL(id)        CTL_CODE(FILE_DEVICE_BLUETOOTH, (id), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define BTH_KERNEL_CTL(id) CTL_CODE(FILE_DEVICE_BLUETOOTH, (id), METHOD_NEITHER, FILE_ANY_ACCESS)

/* Internal requests (IRP_MJ_INTERNAL_DEVICE_CONTROL, argument 1 the BRB or output buffer). */
#define IOCTL_INTERNAL_BTH_SUBMIT_BRB       BTH_KERNEL_CTL(BTH_IOCTL_BASE + 0x00)
#define IOCTL_INTERNAL_BTHENUM_GET_ENUMINFO BTH_KERNEL_CTL(BTH_IOCTL_BASE + 0x01)
#define IOCTL_INTERNAL_BTHENUM_GET_DEVINFO  BTH_KERNEL_CTL(BTH_IOCTL_BASE + 0x02)

/* Radio and device information. */
#define IOCTL_BTH_GET_LOCAL_INFO     BTH_CTL(BTH_IOCTL_BASE + 0x00)
#define IOCTL_BTH_GET_RADIO_INFO     BTH_CTL(BTH_IOCTL_BASE + 0x01)
#define IOCTL_BTH_GET_DEVICE_INFO    BTH_CTL(BTH_IOCTL_BASE + 0x02)
#define IOCTL_BTH_DISCONNECT_DEVICE  BTH_CTL(BTH_IOCTL_BASE + 0x03)
#define IOCTL_BTH_HCI_VENDOR_COMMAND BTH_CTL(BTH_IOCTL_BASE + 0x14)

/* SDP client (connect, search, disconnect) and server (publish, remove a record). */
#define IOCTL_BTH_SDP_CONNECT                  BTH_CTL(BTH_IOCTL_BASE + 0x80)
#define IOCTL_BTH_SDP_DISCONNECT               BTH_CTL(BTH_IOCTL_BASE + 0x81)
#define IOCTL_BTH_SDP_SERVICE_SEARCH           BTH_CTL(BTH_IOCTL_BASE + 0x82)
#define IOCTL_BTH_SDP_ATTRIBUTE_SEARCH         BTH_CTL(BTH_IOCTL_BASE + 0x83)
#define IOCTL_BTH_SDP_SERVICE_ATTRIBUTE_SEARCH BTH_CTL(BTH_IOCTL_BASE + 0x84)
#define IOCTL_BTH_SDP_SUBMIT_RECORD            BTH_CTL(BTH_IOCTL_BASE + 0x85)
#define IOCTL_BTH_SDP_REMOVE_RECORD            BTH_CTL(BTH_IOCTL_BASE + 0x86)
#define IOCTL_BTH_SDP_SUBMIT_RECORD_WITH_INFO  BTH_CTL(BTH_IOCTL_BASE + 0x87)
#define IOCTL_BTH_GET_HOST_SUPPORTED_FEATURES  BTH_CTL(BTH_IOCTL_BASE + 0x88)

#define SDP_CONNECT_CACHE     (0x00000001)
#define SDP_CONNECT_ALLOW_PIN (0x00000002)

/* BTH_SDP_CONNECT.requestTimeout, in seconds (0: the stack's default). */
#define SDP_REQUEST_TO_DEFAULT (0)
#define SDP_REQUEST_TO_MIN     (10)
#define SDP_REQUEST_TO_MAX     (45)

#define SERVICE_OPTION_DO_NOT_PUBLISH     (0x00000002)
#define SERVICE_OPTION_NO_PUBLIC_BROWSE   (0x00000004)
#define SERVICE_OPTION_DO_NOT_PUBLISH_EIR (0x00000008)

#define SERVICE_SECURITY_USE_DEFAULTS     (0x00000000)
#define SERVICE_SECURITY_NONE             (0x00000001)
#define SERVICE_SECURITY_AUTHORIZE        (0x00000002)
#define SERVICE_SECURITY_AUTHENTICATE     (0x00000004)
#define SERVICE_SECURITY_ENCRYPT_REQUIRED (0x00000010)
#define SERVICE_SECURITY_ENCRYPT_OPTIONAL (0x00000020)
#define SERVICE_SECURITY_DISABLED         (0x10000000)
#define SERVICE_SECURITY_NO_ASK           (0x20000000)

#define SDP_SEARCH_NO_PARSE_CHECK  (0x00000001)
#define SDP_SEARCH_NO_FORMAT_CHECK (0x00000002)

#ifndef HANDLE_SDP_TYPE
typedef ULONGLONG HANDLE_SDP, *PHANDLE_SDP;
#define HANDLE_SDP_TYPE       HANDLE_SDP
#define HANDLE_SDP_FIELD_NAME hConnection
#define HANDLE_SDP_NULL       ((HANDLE_SDP)0x0)
#endif
/* Searches the local SDP server instead of a connection. */
#define HANDLE_SDP_LOCAL ((HANDLE_SDP)-2)

#define BTH_HOST_FEATURE_ENHANCED_RETRANSMISSION_MODE (0x0000000000000001ULL)
#define BTH_HOST_FEATURE_STREAMING_MODE               (0x0000000000000002ULL)
#define BTH_HOST_FEATURE_LOW_ENERGY                   (0x0000000000000004ULL)
#define BTH_HOST_FEATURE_SCO_HCI                      (0x0000000000000008ULL)
#define BTH_HOST_FEATURE_SCO_HCIBYPASS                (0x0000000000000010ULL)

#include <pshpack1.h>

typedef struct _BTH_DEVICE_INFO_LIST {
    ULONG numOfDevices; /* in: at least 1; out: the devices returned */
    BTH_DEVICE_INFO deviceList[1];
} BTH_DEVICE_INFO_LIST, *PBTH_DEVICE_INFO_LIST;

typedef struct _BTH_RADIO_INFO {
    ULONGLONG lmpSupportedFeatures;
    USHORT mfg; /* a BTH_MFG_* value */
    USHORT lmpSubversion;
    UCHAR lmpVersion;
} BTH_RADIO_INFO, *PBTH_RADIO_INFO;

typedef struct _BTH_LOCAL_RADIO_INFO {
    BTH_DEVICE_INFO localInfo;
    ULONG flags;
    USHORT hciRevision;
    UCHAR hciVersion;
    BTH_RADIO_INFO radioInfo;
} BTH_LOCAL_RADIO_INFO, *PBTH_LOCAL_RADIO_INFO;

typedef struct _BTH_SDP_CONNECT {
    BTH_ADDR bthAddress;
    ULONG fSdpConnect; /* SDP_CONNECT_* */
    HANDLE_SDP_TYPE HANDLE_SDP_FIELD_NAME;
    UCHAR requestTimeout; /* seconds, SDP_REQUEST_TO_* */
} BTH_SDP_CONNECT, *PBTH_SDP_CONNECT;

typedef struct _BTH_SDP_DISCONNECT {
    HANDLE_SDP_TYPE HANDLE_SDP_FIELD_NAME;
} BTH_SDP_DISCONNECT, *PBTH_SDP_DISCONNECT;

typedef struct _BTH_SDP_RECORD {
    ULONG fSecurity;   /* SERVICE_SECURITY_* */
    ULONG fOptions;    /* SERVICE_OPTION_* */
    ULONG fCodService; /* class-of-device service bits */
    ULONG recordLength;
    UCHAR record[1];
} BTH_SDP_RECORD, *PBTH_SDP_RECORD;

typedef struct _BTH_SDP_SERVICE_SEARCH_REQUEST {
    HANDLE_SDP_TYPE HANDLE_SDP_FIELD_NAME;
    SdpQueryUuid uuids[MAX_UUIDS_IN_QUERY];
} BTH_SDP_SERVICE_SEARCH_REQUEST, *PBTH_SDP_SERVICE_SEARCH_REQUEST;

typedef struct _BTH_SDP_ATTRIBUTE_SEARCH_REQUEST {
    HANDLE_SDP_TYPE HANDLE_SDP_FIELD_NAME;
    ULONG searchFlags; /* SDP_SEARCH_* */
    ULONG recordHandle;
    SdpAttributeRange range[1]; /* ascending, open-ended */
} BTH_SDP_ATTRIBUTE_SEARCH_REQUEST, *PBTH_SDP_ATTRIBUTE_SEARCH_REQUEST;

typedef struct _BTH_SDP_SERVICE_ATTRIBUTE_SEARCH_REQUEST {
    HANDLE_SDP_TYPE HANDLE_SDP_FIELD_NAME;
    ULONG searchFlags;
    SdpQueryUuid uuids[MAX_UUIDS_IN_QUERY];
    SdpAttributeRange range[1];
} BTH_SDP_SERVICE_ATTRIBUTE_SEARCH_REQUEST, *PBTH_SDP_SERVICE_ATTRIBUTE_SEARCH_REQUEST;

/* requiredSize: the whole response's size; responseSize: the bytes copied into response[]. */
typedef struct _BTH_SDP_STREAM_RESPONSE {
    ULONG requiredSize;
    ULONG responseSize;
    UCHAR response[1];
} BTH_SDP_STREAM_RESPONSE, *PBTH_SDP_STREAM_RESPONSE;

typedef struct _BTH_COMMAND_HEADER {
    USHORT OpCode;
    UCHAR TotalParameterLength;
} BTH_COMMAND_HEADER, *PBTH_COMMAND_HEADER;

typedef struct _BTH_VENDOR_SPECIFIC_COMMAND {
    ULONG ManufacturerId;
    UCHAR LmpVersion;
    BOOLEAN MatchAnySinglePattern;
    BTH_COMMAND_HEADER HciHeader;
    UCHAR Data[1];
} BTH_VENDOR_SPECIFIC_COMMAND, *PBTH_VENDOR_SPECIFIC_COMMAND;

typedef struct _BTH_VENDOR_PATTERN {
    UCHAR Offset;
    UCHAR Size;
    UCHAR Pattern[1];
} BTH_VENDOR_PATTERN, *PBTH_VENDOR_PATTERN;

/* The buffer of GUID_BLUETOOTH_HCI_VENDOR_EVENT. */
typedef struct _BTH_VENDOR_EVENT_INFO {
    BTH_ADDR BthAddress;
    ULONG EventSize;
    UCHAR EventInfo[1];
} BTH_VENDOR_EVENT_INFO, *PBTH_VENDOR_EVENT_INFO;

typedef struct _BTH_HOST_FEATURE_MASK {
    ULONGLONG Mask; /* BTH_HOST_FEATURE_* */
    ULONGLONG Reserved1;
    ULONGLONG Reserved2;
} BTH_HOST_FEATURE_MASK, *PBTH_HOST_FEATURE_MASK;

#include <poppack.h>

#endif /* __BTHIOCTL_H__ */
