/*
 * fwptypes.h - the base types of the Windows Filtering Platform (WFP) that the management
 * (fwpmtypes.h, fwpmk.h) and run-time (fwpsk.h) interfaces share: directions, IP versions,
 * the tagged data values a filter condition or an incoming field carries, match types and
 * filter actions (Microsoft's names, values and x64 layouts).
 *
 * drvhost has no network stack and no filter engine: these are plain definitions, so a callout
 * driver's source compiles; the routines that use them (fwpsk.h, fwpmk.h) are not provided.
 * Enumerations whose values the reference does not spell out number their members in the order
 * the reference lists them, from 0 (the reference's own convention for these enumerations).
 */
#ifndef _FWPTYPES_H_
#define _FWPTYPES_H_

#include <ntdef.h>
#include <guiddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum FWP_DIRECTION_ {
    FWP_DIRECTION_OUTBOUND = 0,
    FWP_DIRECTION_INBOUND = 1,
    FWP_DIRECTION_MAX
} FWP_DIRECTION;

typedef enum FWP_IP_VERSION_ {
    FWP_IP_VERSION_V4 = 0,
    FWP_IP_VERSION_V6,
    FWP_IP_VERSION_NONE,
    FWP_IP_VERSION_MAX
} FWP_IP_VERSION;

typedef enum FWP_AF_ {
    FWP_AF_INET = FWP_IP_VERSION_V4,
    FWP_AF_INET6 = FWP_IP_VERSION_V6,
    FWP_AF_ETHER,
    FWP_AF_NONE
} FWP_AF;

typedef enum FWP_ETHER_ENCAP_METHOD_ {
    FWP_ETHER_ENCAP_METHOD_ETHER_V2 = 0,
    FWP_ETHER_ENCAP_METHOD_SNAP = 1,
    FWP_ETHER_ENCAP_METHOD_SNAP_W_OUI_ZERO = 3
} FWP_ETHER_ENCAP_METHOD;

/* The tag of FWP_VALUE0 and FWP_CONDITION_VALUE0: the types up to FWP_SINGLE_DATA_TYPE_MAX
 * (0xff) hold one value, the ones after it describe a set of values (conditions only). */
typedef enum FWP_DATA_TYPE_ {
    FWP_EMPTY = 0,
    FWP_UINT8,
    FWP_UINT16,
    FWP_UINT32,
    FWP_UINT64,
    FWP_INT8,
    FWP_INT16,
    FWP_INT32,
    FWP_INT64,
    FWP_FLOAT,
    FWP_DOUBLE,
    FWP_BYTE_ARRAY16_TYPE,
    FWP_BYTE_BLOB_TYPE,
    FWP_SID,
    FWP_SECURITY_DESCRIPTOR_TYPE,
    FWP_TOKEN_INFORMATION_TYPE,
    FWP_TOKEN_ACCESS_INFORMATION_TYPE,
    FWP_UNICODE_STRING_TYPE,
    FWP_BYTE_ARRAY6_TYPE,
    FWP_BITMAP_INDEX_TYPE,
    FWP_BITMAP_ARRAY64_TYPE,
    FWP_SINGLE_DATA_TYPE_MAX = 0xff,
    FWP_V4_ADDR_MASK,
    FWP_V6_ADDR_MASK,
    FWP_RANGE_TYPE,
    FWP_DATA_TYPE_MAX
} FWP_DATA_TYPE;

typedef struct FWP_BITMAP_ARRAY64_ {
    UINT8 bitmapArray64[8];
} FWP_BITMAP_ARRAY64;

#define FWP_BYTE_ARRAY6_SIZE 6
typedef struct FWP_BYTE_ARRAY6_ {
    UINT8 byteArray6[FWP_BYTE_ARRAY6_SIZE]; /* a MAC address */
} FWP_BYTE_ARRAY6;

typedef struct FWP_BYTE_ARRAY16_ {
    UINT8 byteArray16[16]; /* an IPv6 address, in network order */
} FWP_BYTE_ARRAY16;

typedef struct FWP_BYTE_BLOB_ {
    UINT32 size;
    UINT8 *data;
} FWP_BYTE_BLOB;

/* The SIDs a token holds (SID_AND_ATTRIBUTES is ntifs.h's; named here by its tag). */
typedef struct FWP_TOKEN_INFORMATION_ {
    ULONG sidCount;
    struct _SID_AND_ATTRIBUTES *sids;
    ULONG restrictedSidCount;
    struct _SID_AND_ATTRIBUTES *restrictedSids;
} FWP_TOKEN_INFORMATION;

/* The members of the single data types, shared by FWP_VALUE0 and FWP_CONDITION_VALUE0 (an IPv4
 * address or a port in uint32/uint16 is in host byte order). */
#define DRVHOST_FWP_SINGLE_VALUES                                                                  \
    UINT8 uint8;                                                                                   \
    UINT16 uint16;                                                                                 \
    UINT32 uint32;                                                                                 \
    UINT64 *uint64;                                                                                \
    INT8 int8;                                                                                     \
    INT16 int16;                                                                                   \
    INT32 int32;                                                                                   \
    INT64 *int64;                                                                                  \
    float float32;                                                                                 \
    double *double64;                                                                              \
    FWP_BYTE_ARRAY16 *byteArray16;                                                                 \
    FWP_BYTE_BLOB *byteBlob;                                                                       \
    struct _SID *sid;                                                                              \
    FWP_BYTE_BLOB *sd;                                                                             \
    FWP_TOKEN_INFORMATION *tokenInformation;                                                       \
    FWP_BYTE_BLOB *tokenAccessInformation;                                                         \
    LPWSTR unicodeString;                                                                          \
    FWP_BYTE_ARRAY6 *byteArray6;                                                                   \
    FWP_BITMAP_ARRAY64 *bitmapArray64

/* One value of any single data type: the small integers inline, the others by pointer. */
typedef struct FWP_VALUE0_ {
    FWP_DATA_TYPE type;
    union {
        DRVHOST_FWP_SINGLE_VALUES;
    };
} FWP_VALUE0;

typedef enum FWP_MATCH_TYPE_ {
    FWP_MATCH_EQUAL = 0,
    FWP_MATCH_GREATER,
    FWP_MATCH_LESS,
    FWP_MATCH_GREATER_OR_EQUAL,
    FWP_MATCH_LESS_OR_EQUAL,
    FWP_MATCH_RANGE,
    FWP_MATCH_FLAGS_ALL_SET,
    FWP_MATCH_FLAGS_ANY_SET,
    FWP_MATCH_FLAGS_NONE_SET,
    FWP_MATCH_EQUAL_CASE_INSENSITIVE,
    FWP_MATCH_NOT_EQUAL,
    FWP_MATCH_PREFIX,
    FWP_MATCH_NOT_PREFIX,
    FWP_MATCH_TYPE_MAX
} FWP_MATCH_TYPE;

typedef struct FWP_V4_ADDR_AND_MASK_ {
    UINT32 addr; /* host byte order */
    UINT32 mask;
} FWP_V4_ADDR_AND_MASK;

#define FWP_V6_ADDR_SIZE 16
typedef struct FWP_V6_ADDR_AND_MASK_ {
    UINT8 addr[FWP_V6_ADDR_SIZE];
    UINT8 prefixLength;
} FWP_V6_ADDR_AND_MASK;

typedef struct FWP_RANGE0_ {
    FWP_VALUE0 valueLow;
    FWP_VALUE0 valueHigh;
} FWP_RANGE0;

/* A filter condition's value: any single value, or an address with mask, or a range. */
typedef struct FWP_CONDITION_VALUE0_ {
    FWP_DATA_TYPE type;
    union {
        DRVHOST_FWP_SINGLE_VALUES;
        FWP_V4_ADDR_AND_MASK *v4AddrMask;
        FWP_V6_ADDR_AND_MASK *v6AddrMask;
        FWP_RANGE0 *rangeValue;
    };
} FWP_CONDITION_VALUE0;

typedef enum FWP_CLASSIFY_OPTION_TYPE_ {
    FWP_CLASSIFY_OPTION_MULTICAST_STATE = 0,
    FWP_CLASSIFY_OPTION_LOOSE_SOURCE_MAPPING,
    FWP_CLASSIFY_OPTION_UNICAST_LIFETIME,
    FWP_CLASSIFY_OPTION_MCAST_BCAST_LIFETIME,
    FWP_CLASSIFY_OPTION_SECURE_SOCKET_SECURITY_FLAGS,
    FWP_CLASSIFY_OPTION_SECURE_SOCKET_AUTHIP_MM_POLICY_KEY,
    FWP_CLASSIFY_OPTION_SECURE_SOCKET_AUTHIP_QM_POLICY_KEY,
    FWP_CLASSIFY_OPTION_LOCAL_ONLY_MAPPING,
    FWP_CLASSIFY_OPTION_MAX
} FWP_CLASSIFY_OPTION_TYPE;

typedef enum FWP_FILTER_ENUM_TYPE_ {
    FWP_FILTER_ENUM_FULLY_CONTAINED = 0,
    FWP_FILTER_ENUM_OVERLAPPING,
    FWP_FILTER_ENUM_TYPE_MAX
} FWP_FILTER_ENUM_TYPE;

/* A filter's action: a base value with flags saying whether it ends the evaluation
 * (terminating), never does (non-terminating) and whether a callout decides it. */
#define FWP_ACTION_FLAG_TERMINATING     0x00001000
#define FWP_ACTION_FLAG_NON_TERMINATING 0x00002000
#define FWP_ACTION_FLAG_CALLOUT         0x00004000

typedef UINT32 FWP_ACTION_TYPE;
#define FWP_ACTION_BLOCK  (0x00000001 | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_PERMIT (0x00000002 | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_CALLOUT_TERMINATING                                                             \
    (0x00000003 | FWP_ACTION_FLAG_CALLOUT | FWP_ACTION_FLAG_TERMINATING)
#define FWP_ACTION_CALLOUT_INSPECTION                                                              \
    (0x00000004 | FWP_ACTION_FLAG_CALLOUT | FWP_ACTION_FLAG_NON_TERMINATING)
#define FWP_ACTION_CALLOUT_UNKNOWN  (0x00000005 | FWP_ACTION_FLAG_CALLOUT)
#define FWP_ACTION_CONTINUE         (0x00000006 | FWP_ACTION_FLAG_NON_TERMINATING)
#define FWP_ACTION_NONE             0x00000007
#define FWP_ACTION_NONE_NO_MATCH    0x00000008
#define FWP_ACTION_BITMAP_INDEX_SET 0x00000009

/* The bits of the FLAGS field of the run-time layers (FWPS_FIELD_..._FLAGS). */
#define FWP_CONDITION_FLAG_IS_LOOPBACK              0x00000001
#define FWP_CONDITION_FLAG_IS_IPSEC_SECURED         0x00000002
#define FWP_CONDITION_FLAG_IS_REAUTHORIZE           0x00000004
#define FWP_CONDITION_FLAG_IS_WILDCARD_BIND         0x00000008
#define FWP_CONDITION_FLAG_IS_RAW_ENDPOINT          0x00000010
#define FWP_CONDITION_FLAG_IS_FRAGMENT              0x00000020
#define FWP_CONDITION_FLAG_IS_FRAGMENT_GROUP        0x00000040
#define FWP_CONDITION_FLAG_IS_IPSEC_NATT_RECLASSIFY 0x00000080
#define FWP_CONDITION_FLAG_REQUIRES_ALE_CLASSIFY    0x00000100
#define FWP_CONDITION_FLAG_IS_IMPLICIT_BIND         0x00000200
#define FWP_CONDITION_FLAG_IS_REASSEMBLED           0x00000400
#define FWP_CONDITION_FLAG_IS_NAME_APP_SPECIFIED    0x00004000
#define FWP_CONDITION_FLAG_IS_PROMISCUOUS           0x00008000
#define FWP_CONDITION_FLAG_IS_AUTH_FW               0x00010000
#define FWP_CONDITION_FLAG_IS_RECLASSIFY            0x00020000
#define FWP_CONDITION_FLAG_IS_OUTBOUND_PASS_THRU    0x00040000
#define FWP_CONDITION_FLAG_IS_INBOUND_PASS_THRU     0x00080000
#define FWP_CONDITION_FLAG_IS_CONNECTION_REDIRECTED 0x00100000
/* Windows 8 and later ("Filtering condition flags", the network guide's page gives the values) */
#define FWP_CONDITION_FLAG_IS_PROXY_CONNECTION          0x00200000
#define FWP_CONDITION_FLAG_IS_APPCONTAINER_LOOPBACK     0x00400000
#define FWP_CONDITION_FLAG_IS_NON_APPCONTAINER_LOOPBACK 0x00800000
#define FWP_CONDITION_FLAG_IS_RESERVED                  0x01000000
#define FWP_CONDITION_FLAG_IS_HONORING_POLICY_AUTHORIZE 0x02000000

/* The bits of the L2_FLAGS field of the MAC frame layers ("Filtering condition L2 flags"). */
#define FWP_CONDITION_L2_IS_NATIVE_ETHERNET   0x00000001
#define FWP_CONDITION_L2_IS_WIFI              0x00000002
#define FWP_CONDITION_L2_IS_MOBILE_BROADBAND  0x00000004
#define FWP_CONDITION_L2_IS_WIFI_DIRECT_DATA  0x00000008
#define FWP_CONDITION_L2_IS_VM2VM             0x00000010
#define FWP_CONDITION_L2_IS_MALFORMED_PACKET  0x00000020
#define FWP_CONDITION_L2_IS_IP_FRAGMENT_GROUP 0x00000040
#define FWP_CONDITION_L2_IF_CONNECTOR_PRESENT 0x00000080

/* A display name and description of a WFP object (both may be NULL). */
typedef struct FWPM_DISPLAY_DATA0_ {
    wchar_t *name;
    wchar_t *description;
} FWPM_DISPLAY_DATA0;

#ifdef __cplusplus
}
#endif

#endif /* _FWPTYPES_H_ */
