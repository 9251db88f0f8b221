/*
 * bthdef.h - Bluetooth definitions shared by user and kernel mode: the device address
 * (BTH_ADDR) and its NAP/SAP parts, HCI status codes (BTHSTATUS, BTH_ERROR_*), manufacturer
 * identifiers, the protocol UUID16 values, the universal SDP attribute identifiers, L2CAP
 * limits, device-information flags (BDIF_*) and BTH_DEVICE_INFO, the radio event GUIDs and
 * their buffers. Names, values and x64 layouts as the WDK documents them (the numeric values are
 * those of the Bluetooth core specification and assigned numbers); pinned by tests/headers
 * (bth_layout.c). Definitions only: drvhost has no Bluetooth stack.
 *
 * Not here (each a compile error naming it): the class-of-device (COD_*) macros, the
 * service-class UUID16 list, the extended-inquiry-response and Low Energy (BTH_LE_*) parts.
 */
#ifndef __BTHDEF_H__
#define __BTHDEF_H__

#include <guiddef.h>
#include <ntdef.h>

/* Device interface of the Bluetooth port driver's radios; the radio events that
 * IoRegisterPlugPlayNotification (EventCategoryTargetDeviceChange) reports. */
DEFINE_GUID(GUID_BTHPORT_DEVICE_INTERFACE, 0x0850302a, 0xb344, 0x4fda, 0x9b, 0xe9, 0x90, 0x57, 0x6b,
            0x8d, 0x46, 0xf0);
DEFINE_GUID(GUID_BTH_RFCOMM_SERVICE_DEVICE_INTERFACE, 0xb142fc3e, 0xfa4e, 0x460b, 0x8a, 0xbc, 0x07,
            0x2b, 0x62, 0x8b, 0x3c, 0x70);
DEFINE_GUID(GUID_BLUETOOTH_RADIO_IN_RANGE, 0xea3b5b82, 0x26ee, 0x450e, 0xb0, 0xd8, 0xd2, 0x6f, 0xe3,
            0x0a, 0x38, 0x69);
DEFINE_GUID(GUID_BLUETOOTH_RADIO_OUT_OF_RANGE, 0xe28867c9, 0xc2aa, 0x4ced, 0xb9, 0x69, 0x45, 0x70,
            0x86, 0x60, 0x37, 0xc4);
DEFINE_GUID(GUID_BLUETOOTH_L2CAP_EVENT, 0x7eae4030, 0xb709, 0x4aa8, 0xac, 0x55, 0xe9, 0x53, 0x82,
            0x9c, 0x9d, 0xaa);
DEFINE_GUID(GUID_BLUETOOTH_HCI_EVENT, 0xfc240062, 0x1541, 0x49be, 0xb4, 0x63, 0x84, 0xc4, 0xdc,
            0xd7, 0xbf, 0x7f);
DEFINE_GUID(GUID_BLUETOOTH_AUTHENTICATION_REQUEST, 0x5dc9136d, 0x996c, 0x46db, 0x84, 0xf5, 0x32,
            0xc0, 0xa3, 0xf4, 0x73, 0x52);
DEFINE_GUID(GUID_BLUETOOTH_KEYPRESS_EVENT, 0xd668dfcd, 0x0f4e, 0x4efc, 0xbf, 0xe0, 0x39, 0x2e, 0xee,
            0xc5, 0x10, 0x9c);
DEFINE_GUID(GUID_BLUETOOTH_HCI_VENDOR_EVENT, 0x547247e6, 0x45bb, 0x4c33, 0xaf, 0x8c, 0xc0, 0x0e,
            0xfe, 0x15, 0xa7, 0x1d);

#define BTH_MAJORVERSION 2
#define BTH_MINORVERSION 1

/* ---- addresses ---------------------------------------------------------------------------- */
/* A 48-bit device address in the low bits: NAP (16 bits, non-significant address part) above
 * SAP (32 bits: UAP and LAP). */
typedef ULONGLONG BTH_ADDR, *PBTH_ADDR;
typedef ULONG BTH_COD, *PBTH_COD;
typedef ULONG BTH_LAP, *PBTH_LAP;

#define BTH_ADDR_NULL         ((BTH_ADDR)0x0000000000000000ULL)
#define NAP_MASK              ((ULONGLONG)0xFFFF00000000ULL)
#define SAP_MASK              ((ULONGLONG)0x0000FFFFFFFFULL)
#define NAP_BIT_OFFSET        (8 * 4)
#define SAP_BIT_OFFSET        (0)
#define GET_NAP(addr)         ((USHORT)(((addr)&NAP_MASK) >> NAP_BIT_OFFSET))
#define GET_SAP(addr)         ((ULONG)(((addr)&SAP_MASK) >> SAP_BIT_OFFSET))
#define SET_NAP(nap)          (((ULONGLONG)((USHORT)(nap))) << NAP_BIT_OFFSET)
#define SET_SAP(sap)          (((ULONGLONG)((ULONG)(sap))) << SAP_BIT_OFFSET)
#define SET_NAP_SAP(nap, sap) (SET_NAP(nap) | SET_SAP(sap))

/* Inquiry access codes (LAP values). */
#define LAP_GIAC_VALUE     (0x009E8B33)
#define LAP_LIAC_VALUE     (0x009E8B00)
#define BTH_ADDR_IAC_FIRST (0x9E8B00)
#define BTH_ADDR_IAC_LAST  (0x9E8B3f)
#define BTH_ADDR_LIAC      (0x9E8B00)
#define BTH_ADDR_GIAC      (0x9E8B33)

/* ---- HCI status codes ----------------------------------------------------------------------- */
typedef UCHAR BTHSTATUS, *PBTHSTATUS;

#define BTH_ERROR(_btStatus)                                           ((_btStatus) != BTH_ERROR_SUCCESS)
#define BTH_SUCCESS(_btStatus)                                         ((_btStatus) == BTH_ERROR_SUCCESS)
#define BTH_ERROR_SUCCESS                                              (0x00)
#define BTH_ERROR_UNKNOWN_HCI_COMMAND                                  (0x01)
#define BTH_ERROR_NO_CONNECTION                                        (0x02)
#define BTH_ERROR_HARDWARE_FAILURE                                     (0x03)
#define BTH_ERROR_PAGE_TIMEOUT                                         (0x04)
#define BTH_ERROR_AUTHENTICATION_FAILURE                               (0x05)
#define BTH_ERROR_KEY_MISSING                                          (0x06)
#define BTH_ERROR_MEMORY_FULL                                          (0x07)
#define BTH_ERROR_CONNECTION_TIMEOUT                                   (0x08)
#define BTH_ERROR_MAX_NUMBER_OF_CONNECTIONS                            (0x09)
#define BTH_ERROR_MAX_NUMBER_OF_SCO_CONNECTIONS                        (0x0A)
#define BTH_ERROR_ACL_CONNECTION_ALREADY_EXISTS                        (0x0B)
#define BTH_ERROR_COMMAND_DISALLOWED                                   (0x0C)
#define BTH_ERROR_HOST_REJECTED_LIMITED_RESOURCES                      (0x0D)
#define BTH_ERROR_HOST_REJECTED_SECURITY_REASONS                       (0x0E)
#define BTH_ERROR_HOST_REJECTED_PERSONAL_DEVICE                        (0x0F)
#define BTH_ERROR_HOST_TIMEOUT                                         (0x10)
#define BTH_ERROR_UNSUPPORTED_FEATURE_OR_PARAMETER                     (0x11)
#define BTH_ERROR_INVALID_HCI_PARAMETER                                (0x12)
#define BTH_ERROR_REMOTE_USER_ENDED_CONNECTION                         (0x13)
#define BTH_ERROR_REMOTE_LOW_RESOURCES                                 (0x14)
#define BTH_ERROR_REMOTE_POWERING_OFF                                  (0x15)
#define BTH_ERROR_LOCAL_HOST_TERMINATED_CONNECTION                     (0x16)
#define BTH_ERROR_REPEATED_ATTEMPTS                                    (0x17)
#define BTH_ERROR_PAIRING_NOT_ALLOWED                                  (0x18)
#define BTH_ERROR_UKNOWN_LMP_PDU                                       (0x19)
#define BTH_ERROR_UNSUPPORTED_REMOTE_FEATURE                           (0x1A)
#define BTH_ERROR_SCO_OFFSET_REJECTED                                  (0x1B)
#define BTH_ERROR_SCO_INTERVAL_REJECTED                                (0x1C)
#define BTH_ERROR_SCO_AIRMODE_REJECTED                                 (0x1D)
#define BTH_ERROR_INVALID_LMP_PARAMETERS                               (0x1E)
#define BTH_ERROR_UNSPECIFIED_ERROR                                    (0x1F)
#define BTH_ERROR_UNSUPPORTED_LMP_PARM_VALUE                           (0x20)
#define BTH_ERROR_ROLE_CHANGE_NOT_ALLOWED                              (0x21)
#define BTH_ERROR_LMP_RESPONSE_TIMEOUT                                 (0x22)
#define BTH_ERROR_LMP_TRANSACTION_COLLISION                            (0x23)
#define BTH_ERROR_LMP_PDU_NOT_ALLOWED                                  (0x24)
#define BTH_ERROR_ENCRYPTION_MODE_NOT_ACCEPTABLE                       (0x25)
#define BTH_ERROR_UNIT_KEY_NOT_USED                                    (0x26)
#define BTH_ERROR_QOS_IS_NOT_SUPPORTED                                 (0x27)
#define BTH_ERROR_INSTANT_PASSED                                       (0x28)
#define BTH_ERROR_PAIRING_WITH_UNIT_KEY_NOT_SUPPORTED                  (0x29)
#define BTH_ERROR_DIFFERENT_TRANSACTION_COLLISION                      (0x2A)
#define BTH_ERROR_QOS_UNACCEPTABLE_PARAMETER                           (0x2C)
#define BTH_ERROR_QOS_REJECTED                                         (0x2D)
#define BTH_ERROR_CHANNEL_CLASSIFICATION_NOT_SUPPORTED                 (0x2E)
#define BTH_ERROR_INSUFFICIENT_SECURITY                                (0x2F)
#define BTH_ERROR_PARAMETER_OUT_OF_MANDATORY_RANGE                     (0x30)
#define BTH_ERROR_ROLE_SWITCH_PENDING                                  (0x32)
#define BTH_ERROR_RESERVED_SLOT_VIOLATION                              (0x34)
#define BTH_ERROR_ROLE_SWITCH_FAILED                                   (0x35)
#define BTH_ERROR_EXTENDED_INQUIRY_RESPONSE_TOO_LARGE                  (0x36)
#define BTH_ERROR_SECURE_SIMPLE_PAIRING_NOT_SUPPORTED_BY_HOST          (0x37)
#define BTH_ERROR_HOST_BUSY_PAIRING                                    (0x38)
#define BTH_ERROR_CONNECTION_REJECTED_DUE_TO_NO_SUITABLE_CHANNEL_FOUND (0x39)
#define BTH_ERROR_CONTROLLER_BUSY                                      (0x3A)
#define BTH_ERROR_UNACCEPTABLE_CONNECTION_INTERVAL                     (0x3B)
#define BTH_ERROR_DIRECTED_ADVERTISING_TIMEOUT                         (0x3C)
#define BTH_ERROR_CONNECTION_TERMINATED_DUE_TO_MIC_FAILURE             (0x3D)
#define BTH_ERROR_CONNECTION_FAILED_TO_BE_ESTABLISHED                  (0x3E)
#define BTH_ERROR_MAC_CONNECTION_FAILED                                (0x3F)
#define BTH_ERROR_COARSE_CLOCK_ADJUSTMENT_REJECTED                     (0x40)
#define BTH_ERROR_TYPE_0_SUBMAP_NOT_DEFINED                            (0x41)
#define BTH_ERROR_UNKNOWN_ADVERTISING_IDENTIFIER                       (0x42)
#define BTH_ERROR_LIMIT_REACHED                                        (0x43)
#define BTH_ERROR_OPERATION_CANCELLED_BY_HOST                          (0x44)
#define BTH_ERROR_PACKET_TOO_LONG                                      (0x45)
#define BTH_ERROR_UNSPECIFIED                                          (0xFF)

/* ---- manufacturers (the assigned company identifiers) and protocol UUID16 values ----------- */
#define SDP_PROTOCOL_UUID16               0x0001
#define UDP_PROTOCOL_UUID16               0x0002
#define RFCOMM_PROTOCOL_UUID16            0x0003
#define TCP_PROTOCOL_UUID16               0x0004
#define TCSBIN_PROTOCOL_UUID16            0x0005
#define TCSAT_PROTOCOL_UUID16             0x0006
#define ATT_PROTOCOL_UUID16               0x0007
#define OBEX_PROTOCOL_UUID16              0x0008
#define IP_PROTOCOL_UUID16                0x0009
#define FTP_PROTOCOL_UUID16               0x000A
#define HTTP_PROTOCOL_UUID16              0x000C
#define WSP_PROTOCOL_UUID16               0x000E
#define BNEP_PROTOCOL_UUID16              0x000F
#define UPNP_PROTOCOL_UUID16              0x0010
#define HID_PROTOCOL_UUID16               0x0011
#define HCCC_PROTOCOL_UUID16              0x0012
#define HCDC_PROTOCOL_UUID16              0x0014
#define HCN_PROTOCOL_UUID16               0x0016
#define AVCTP_PROTOCOL_UUID16             0x0017
#define AVDTP_PROTOCOL_UUID16             0x0019
#define CMPT_PROTOCOL_UUID16              0x001B
#define UDI_C_PLANE_PROTOCOL_UUID16       0x001D
#define L2CAP_PROTOCOL_UUID16             0x0100
#define BTH_MFG_ERICSSON                  0x0000
#define BTH_MFG_NOKIA                     0x0001
#define BTH_MFG_INTEL                     0x0002
#define BTH_MFG_IBM                       0x0003
#define BTH_MFG_TOSHIBA                   0x0004
#define BTH_MFG_3COM                      0x0005
#define BTH_MFG_MICROSOFT                 0x0006
#define BTH_MFG_LUCENT                    0x0007
#define BTH_MFG_MOTOROLA                  0x0008
#define BTH_MFG_INFINEON                  0x0009
#define BTH_MFG_CSR                       0x000A
#define BTH_MFG_SILICONWAVE               0x000B
#define BTH_MFG_DIGIANSWER                0x000C
#define BTH_MFG_TI                        0x000D
#define BTH_MFG_PARTHUS                   0x000E
#define BTH_MFG_BROADCOM                  0x000F
#define BTH_MFG_MITEL                     0x0010
#define BTH_MFG_WIDCOMM                   0x0011
#define BTH_MFG_ZEEVO                     0x0012
#define BTH_MFG_ATMEL                     0x0013
#define BTH_MFG_MITSIBUSHI                0x0014
#define BTH_MFG_RTX_TELECOM               0x0015
#define BTH_MFG_KC_TECHNOLOGY             0x0016
#define BTH_MFG_NEWLOGIC                  0x0017
#define BTH_MFG_TRANSILICA                0x0018
#define BTH_MFG_ROHDE_SCHWARZ             0x0019
#define BTH_MFG_TTPCOM                    0x001A
#define BTH_MFG_SIGNIA                    0x001B
#define BTH_MFG_CONEXANT                  0x001C
#define BTH_MFG_QUALCOMM                  0x001D
#define BTH_MFG_INVENTEL                  0x001E
#define BTH_MFG_AVM_BERLIN                0x001F
#define BTH_MFG_BANDSPEED                 0x0020
#define BTH_MFG_MANSELLA                  0x0021
#define BTH_MFG_NEC                       0x0022
#define BTH_MFG_WAVEPLUS_TECHNOLOGY_CO    0x0023
#define BTH_MFG_ALCATEL                   0x0024
#define BTH_MFG_PHILIPS_SEMICONDUCTOR     0x0025
#define BTH_MFG_C_TECHNOLOGIES            0x0026
#define BTH_MFG_OPEN_INTERFACE            0x0027
#define BTH_MFG_RF_MICRO_DEVICES          0x0028
#define BTH_MFG_HITACHI                   0x0029
#define BTH_MFG_SYMBOL_TECHNOLOGIES       0x002A
#define BTH_MFG_TENOVIS                   0x002B
#define BTH_MFG_MACRONIX_INTERNATIONAL    0x002C
#define BTH_MFG_MARVELL                   0x0048
#define BTH_MFG_APPLE                     0x004C
#define BTH_MFG_NORDIC_SEMICONDUCTORS_ASA 0x0059
#define BTH_MFG_ARUBA_NETWORKS            0x011B
#define BTH_MFG_INTERNAL_USE              0xFFFF

/* ---- sizes ------------------------------------------------------------------------------- */
#define BTH_MAX_NAME_SIZE         (248)
#define BTH_MAX_PIN_SIZE          (16)
#define BTH_LINK_KEY_LENGTH       (16)
#define BTH_MAX_SERVICE_NAME_SIZE (256)
#define BTH_VID_DEFAULT_VALUE     (0xFFFF)
/* The SDP specification allows at most twelve UUIDs in one search pattern. */
#define MAX_UUIDS_IN_QUERY (12)

/* ---- L2CAP ------------------------------------------------------------------------------- */
#define L2CAP_MIN_MTU              (48)
#define L2CAP_MAX_MTU              (0xFFFF)
#define L2CAP_DEFAULT_MTU          (672)
#define MAX_L2CAP_PING_DATA_LENGTH (44)
#define MAX_L2CAP_INFO_DATA_LENGTH (44)

/* ---- device information --------------------------------------------------------------------- */
#define BDIF_ADDRESS                     (0x00000001)
#define BDIF_COD                         (0x00000002)
#define BDIF_NAME                        (0x00000004)
#define BDIF_PAIRED                      (0x00000008)
#define BDIF_PERSONAL                    (0x00000010)
#define BDIF_CONNECTED                   (0x00000020)
#define BDIF_SHORT_NAME                  (0x00000040)
#define BDIF_VISIBLE                     (0x00000080)
#define BDIF_SSP_SUPPORTED               (0x00000100)
#define BDIF_SSP_PAIRED                  (0x00000200)
#define BDIF_SSP_MITM_PROTECTED          (0x00000400)
#define BDIF_RSSI                        (0x00001000)
#define BDIF_EIR                         (0x00002000)
#define BDIF_BR                          (0x00004000)
#define BDIF_LE                          (0x00008000)
#define BDIF_LE_PAIRED                   (0x00010000)
#define BDIF_LE_PERSONAL                 (0x00020000)
#define BDIF_LE_MITM_PROTECTED           (0x00040000)
#define BDIF_LE_PRIVACY_ENABLED          (0x00080000)
#define BDIF_LE_RANDOM_ADDRESS_TYPE      (0x00100000)
#define BDIF_LE_DISCOVERABLE             (0x00200000)
#define BDIF_LE_NAME                     (0x00400000)
#define BDIF_LE_VISIBLE                  (0x00800000)
#define BDIF_LE_CONNECTED                (0x01000000)
#define BDIF_LE_CONNECTABLE              (0x02000000)
#define BDIF_BR_SECURE_CONNECTION_PAIRED (0x08000000)
#define BDIF_LE_SECURE_CONNECTION_PAIRED (0x10000000)
#define BDIF_DEBUGKEY                    (0x20000000)
#define BDIF_LE_DEBUGKEY                 (0x40000000)
#define BDIF_TX_POWER                    (0x80000000)

/* A remote (or the local) device: BDIF_* validity flags, its address, class of device and UTF-8
 * name. Natural alignment: address at 8, name at 20, 272 bytes. */
typedef struct _BTH_DEVICE_INFO {
    ULONG flags;
    BTH_ADDR address;
    BTH_COD classOfDevice;
    CHAR name[BTH_MAX_NAME_SIZE];
} BTH_DEVICE_INFO, *PBTH_DEVICE_INFO;

/* The buffer of GUID_BLUETOOTH_RADIO_IN_RANGE. */
typedef struct _BTH_RADIO_IN_RANGE {
    BTH_DEVICE_INFO deviceInfo;
    ULONG previousDeviceFlags;
} BTH_RADIO_IN_RANGE, *PBTH_RADIO_IN_RANGE;

/* The buffer of GUID_BLUETOOTH_L2CAP_EVENT. */
typedef struct _BTH_L2CAP_EVENT_INFO {
    BTH_ADDR bthAddress;
    USHORT psm;
    UCHAR connected;
    UCHAR initiated;
} BTH_L2CAP_EVENT_INFO, *PBTH_L2CAP_EVENT_INFO;

#define HCI_CONNECTION_TYPE_ACL  (1)
#define HCI_CONNECTION_TYPE_SCO  (2)
#define HCI_CONNECTION_TYPE_LE   (3)
#define HCI_CONNNECTION_TYPE_ACL HCI_CONNECTION_TYPE_ACL
#define HCI_CONNNECTION_TYPE_SCO HCI_CONNECTION_TYPE_SCO

/* The buffer of GUID_BLUETOOTH_HCI_EVENT. */
typedef struct _BTH_HCI_EVENT_INFO {
    BTH_ADDR bthAddress;
    UCHAR connectionType;
    UCHAR connected;
} BTH_HCI_EVENT_INFO, *PBTH_HCI_EVENT_INFO;

/* ---- SDP --------------------------------------------------------------------------------- */
#define SDP_ERROR_INVALID_SDP_VERSION        (0x0001)
#define SDP_ERROR_INVALID_RECORD_HANDLE      (0x0002)
#define SDP_ERROR_INVALID_REQUEST_SYNTAX     (0x0003)
#define SDP_ERROR_INVALID_PDU_SIZE           (0x0004)
#define SDP_ERROR_INVALID_CONTINUATION_STATE (0x0005)
#define SDP_ERROR_INSUFFICIENT_RESOURCES     (0x0006)

/* The universal attributes of a service record. */
#define SDP_ATTRIB_RECORD_HANDLE                       (0x0000)
#define SDP_ATTRIB_CLASS_ID_LIST                       (0x0001)
#define SDP_ATTRIB_RECORD_STATE                        (0x0002)
#define SDP_ATTRIB_SERVICE_ID                          (0x0003)
#define SDP_ATTRIB_PROTOCOL_DESCRIPTOR_LIST            (0x0004)
#define SDP_ATTRIB_BROWSE_GROUP_LIST                   (0x0005)
#define SDP_ATTRIB_LANG_BASE_ATTRIB_ID_LIST            (0x0006)
#define SDP_ATTRIB_INFO_TIME_TO_LIVE                   (0x0007)
#define SDP_ATTRIB_AVAILABILITY                        (0x0008)
#define SDP_ATTRIB_PROFILE_DESCRIPTOR_LIST             (0x0009)
#define SDP_ATTRIB_DOCUMENTATION_URL                   (0x000A)
#define SDP_ATTRIB_CLIENT_EXECUTABLE_URL               (0x000B)
#define SDP_ATTRIB_ICON_URL                            (0x000C)
#define SDP_ATTRIB_ADDITIONAL_PROTOCOL_DESCRIPTOR_LIST (0x000D)
#define SDP_ATTRIB_PROFILE_SPECIFIC                    (0x0200)

/* Offsets from a language base attribute (SDP_ATTRIB_LANG_BASE_ATTRIB_ID_LIST). */
#define STRING_NAME_OFFSET          (0x0000)
#define STRING_DESCRIPTION_OFFSET   (0x0001)
#define STRING_PROVIDER_NAME_OFFSET (0x0002)
/* The primary language base attribute ID the specification reserves. */
#define LANG_DEFAULT_ID (0x0100)
#define LANGUAGE_EN_US  (0x656E)
#define ENCODING_UTF_8  (0x006A)

#endif /* __BTHDEF_H__ */
