/*
 * fwpmtypes.h - the objects of the Windows Filtering Platform's management interface: sessions,
 * providers, sublayers, callouts and filters as a callout driver or an application adds them to
 * the base filtering engine (Microsoft's names, values and x64 layouts).
 *
 * drvhost subset: the objects the FwpmXxx0 routines of fwpmk.h take, without the enumeration
 * templates, net events, IPsec and IKE policy types; of the provider contexts only version 3 is
 * complete (a driver that looks inside another fails to compile naming it). drvhost has no base
 * filtering engine: these are plain definitions.
 */
#ifndef _FWPMTYPES_H_
#define _FWPMTYPES_H_

#include <fwptypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Incomplete: the older provider contexts, the IPsec and IKE policies (ipsectypes.h,
 * iketypes.h) a provider context points to, other than the two below, are not described. */
typedef struct FWPM_PROVIDER_CONTEXT0_ FWPM_PROVIDER_CONTEXT0;
typedef struct FWPM_PROVIDER_CONTEXT1_ FWPM_PROVIDER_CONTEXT1;
typedef struct FWPM_PROVIDER_CONTEXT2_ FWPM_PROVIDER_CONTEXT2;
typedef struct IPSEC_TRANSPORT_POLICY2_ IPSEC_TRANSPORT_POLICY2;
typedef struct IPSEC_TUNNEL_POLICY2_ IPSEC_TUNNEL_POLICY2;
typedef struct IKEEXT_POLICY2_ IKEEXT_POLICY2;
typedef struct FWPM_NETWORK_CONNECTION_POLICY_SETTINGS0_ FWPM_NETWORK_CONNECTION_POLICY_SETTINGS0;

/* ipsectypes.h's keying-module policy (the keying modules a provider context allows, by key)
 * and IPsec DoS protection options: members, types and flag values from Microsoft's Win32
 * metadata (microsoft/win32metadata, RecompiledIdlHeaders/shared/ipsectypes.h); the Win32
 * reference's pages list the same members. */
typedef struct IPSEC_KEYING_POLICY0_ {
    UINT32 numKeyMods;
    GUID *keyModKeys; /* numKeyMods keying module keys */
} IPSEC_KEYING_POLICY0;

#define IPSEC_KEYING_POLICY_FLAG_TERMINATING_MATCH 0x00000001

typedef struct IPSEC_KEYING_POLICY1_ {
    UINT32 numKeyMods;
    GUID *keyModKeys;
    UINT32 flags; /* IPSEC_KEYING_POLICY_FLAG_* (Windows 8 and later) */
} IPSEC_KEYING_POLICY1;

#define IPSEC_DOSP_FLAG_ENABLE_IKEV1          0x00000001
#define IPSEC_DOSP_FLAG_ENABLE_IKEV2          0x00000002
#define IPSEC_DOSP_FLAG_DISABLE_AUTHIP        0x00000004
#define IPSEC_DOSP_FLAG_DISABLE_DEFAULT_BLOCK 0x00000008
#define IPSEC_DOSP_FLAG_FILTER_BLOCK          0x00000010
#define IPSEC_DOSP_FLAG_FILTER_EXEMPT         0x00000020
#define IPSEC_DOSP_DSCP_DISABLE_VALUE         0xff
#define IPSEC_DOSP_RATE_LIMIT_DISABLE_VALUE   0

typedef struct IPSEC_DOSP_OPTIONS0_ {
    UINT32 stateIdleTimeoutSeconds;
    UINT32 perIPRateLimitQueueIdleTimeoutSeconds;
    UINT8 ipV6IPsecUnauthDscp;
    UINT32 ipV6IPsecUnauthRateLimitBytesPerSec;
    UINT32 ipV6IPsecUnauthPerIPRateLimitBytesPerSec;
    UINT8 ipV6IPsecAuthDscp;
    UINT32 ipV6IPsecAuthRateLimitBytesPerSec;
    UINT8 icmpV6Dscp;
    UINT32 icmpV6RateLimitBytesPerSec;
    UINT8 ipV6FilterExemptDscp;
    UINT32 ipV6FilterExemptRateLimitBytesPerSec;
    UINT8 defBlockExemptDscp;
    UINT32 defBlockExemptRateLimitBytesPerSec;
    UINT32 maxStateEntries;
    UINT32 maxPerIPRateLimitQueues;
    UINT32 flags; /* IPSEC_DOSP_FLAG_* */
    UINT32 numPublicIFLuids;
    UINT64 *publicIFLuids;
    UINT32 numInternalIFLuids;
    UINT64 *internalIFLuids;
    FWP_V6_ADDR_AND_MASK publicV6AddrMask;
    FWP_V6_ADDR_AND_MASK internalV6AddrMask;
} IPSEC_DOSP_OPTIONS0;

/* ---- sessions */
#define FWPM_SESSION_FLAG_DYNAMIC 0x00000001 /* objects added in the session die with it */

typedef struct FWPM_SESSION0_ {
    GUID sessionKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    UINT32 txnWaitTimeoutInMSec;
    DWORD processId;
    struct _SID *sid;
    wchar_t *username;
    BOOL kernelMode;
} FWPM_SESSION0;

/* ---- providers */
#define FWPM_PROVIDER_FLAG_PERSISTENT 0x00000001
#define FWPM_PROVIDER_FLAG_DISABLED   0x00000010

typedef struct FWPM_PROVIDER0_ {
    GUID providerKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    FWP_BYTE_BLOB providerData;
    wchar_t *serviceName;
} FWPM_PROVIDER0;

/* ---- sublayers */
#define FWPM_SUBLAYER_FLAG_PERSISTENT 0x00000001

typedef struct FWPM_SUBLAYER0_ {
    GUID subLayerKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    UINT16 weight;
} FWPM_SUBLAYER0;

/* ---- callouts */
#define FWPM_CALLOUT_FLAG_PERSISTENT            0x00010000
#define FWPM_CALLOUT_FLAG_USES_PROVIDER_CONTEXT 0x00020000
#define FWPM_CALLOUT_FLAG_REGISTERED            0x00040000

typedef struct FWPM_CALLOUT0_ {
    GUID calloutKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    GUID applicableLayer;
    UINT32 calloutId; /* set by the engine */
} FWPM_CALLOUT0;

/* ---- filters */
typedef struct FWPM_FILTER_CONDITION0_ {
    GUID fieldKey; /* an FWPM_CONDITION_* GUID */
    FWP_MATCH_TYPE matchType;
    FWP_CONDITION_VALUE0 conditionValue;
} FWPM_FILTER_CONDITION0;

typedef struct FWPM_ACTION0_ {
    FWP_ACTION_TYPE type;
    union {
        GUID filterType;
        GUID calloutKey; /* the FWP_ACTION_CALLOUT_* types */
        UINT8 bitmapIndex;
    };
} FWPM_ACTION0;

#define FWPM_FILTER_FLAG_NONE                           0x00000000
#define FWPM_FILTER_FLAG_PERSISTENT                     0x00000001
#define FWPM_FILTER_FLAG_BOOTTIME                       0x00000002
#define FWPM_FILTER_FLAG_HAS_PROVIDER_CONTEXT           0x00000004
#define FWPM_FILTER_FLAG_CLEAR_ACTION_RIGHT             0x00000008
#define FWPM_FILTER_FLAG_PERMIT_IF_CALLOUT_UNREGISTERED 0x00000010
#define FWPM_FILTER_FLAG_DISABLED                       0x00000020
#define FWPM_FILTER_FLAG_INDEXED                        0x00000040

typedef struct FWPM_FILTER0_ {
    GUID filterKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    GUID layerKey;
    GUID subLayerKey;
    FWP_VALUE0 weight;
    UINT32 numFilterConditions;
    FWPM_FILTER_CONDITION0 *filterCondition;
    FWPM_ACTION0 action;
    union {
        UINT64 rawContext;
        GUID providerContextKey;
    };
    GUID *reserved;
    UINT64 filterId; /* set by the engine */
    FWP_VALUE0 effectiveWeight;
} FWPM_FILTER0;

/* ---- classify options and provider contexts (session 12, WFPSampler) */
/* One option a filter's classify options context sets (FWPM_CLASSIFY_OPTION0 page: the option
 * and its value). */
typedef struct FWPM_CLASSIFY_OPTION0_ {
    FWP_CLASSIFY_OPTION_TYPE type;
    FWP_VALUE0 value;
} FWPM_CLASSIFY_OPTION0;

typedef struct FWPM_CLASSIFY_OPTIONS0_ {
    UINT32 numOptions;
    FWPM_CLASSIFY_OPTION0 *options; /* numOptions of them */
} FWPM_CLASSIFY_OPTIONS0;

/* What a provider context holds. The page lists the members without values: numbered from 0 in
 * its order, _MAX last (the page has no member for the network-connection-policy context that
 * FWPM_PROVIDER_CONTEXT3 can carry: _MAX is 13 here). */
typedef enum FWPM_PROVIDER_CONTEXT_TYPE_ {
    FWPM_IPSEC_KEYING_CONTEXT = 0,
    FWPM_IPSEC_IKE_QM_TRANSPORT_CONTEXT,
    FWPM_IPSEC_IKE_QM_TUNNEL_CONTEXT,
    FWPM_IPSEC_AUTHIP_QM_TRANSPORT_CONTEXT,
    FWPM_IPSEC_AUTHIP_QM_TUNNEL_CONTEXT,
    FWPM_IPSEC_IKE_MM_CONTEXT,
    FWPM_IPSEC_AUTHIP_MM_CONTEXT,
    FWPM_CLASSIFY_OPTIONS_CONTEXT,
    FWPM_GENERAL_CONTEXT,
    FWPM_IPSEC_IKEV2_QM_TUNNEL_CONTEXT,
    FWPM_IPSEC_IKEV2_MM_CONTEXT,
    FWPM_IPSEC_DOSP_CONTEXT,
    FWPM_IPSEC_IKEV2_QM_TRANSPORT_CONTEXT,
    FWPM_PROVIDER_CONTEXT_TYPE_MAX
} FWPM_PROVIDER_CONTEXT_TYPE;

/* A provider context, version 3: its key, names, flags, provider, the type and, by type, a
 * pointer to the policy or data; providerContextId is set by the engine (the value filters
 * referencing the context carry). Member types as the FWPM_PROVIDER_CONTEXT3 page gives them. */
typedef struct FWPM_PROVIDER_CONTEXT3_ {
    GUID providerContextKey;
    FWPM_DISPLAY_DATA0 displayData;
    UINT32 flags;
    GUID *providerKey;
    FWP_BYTE_BLOB providerData;
    FWPM_PROVIDER_CONTEXT_TYPE type;
    union {
        IPSEC_KEYING_POLICY1 *keyingPolicy;
        IPSEC_TRANSPORT_POLICY2 *ikeQmTransportPolicy;
        IPSEC_TUNNEL_POLICY2 *ikeQmTunnelPolicy;
        IPSEC_TRANSPORT_POLICY2 *authipQmTransportPolicy;
        IPSEC_TUNNEL_POLICY2 *authipQmTunnelPolicy;
        IKEEXT_POLICY2 *ikeMmPolicy;
        IKEEXT_POLICY2 *authIpMmPolicy;
        FWP_BYTE_BLOB *dataBuffer;
        FWPM_CLASSIFY_OPTIONS0 *classifyOptions;
        IPSEC_TUNNEL_POLICY2 *ikeV2QmTunnelPolicy;
        IPSEC_TRANSPORT_POLICY2 *ikeV2QmTransportPolicy;
        IKEEXT_POLICY2 *ikeV2MmPolicy;
        IPSEC_DOSP_OPTIONS0 *idpOptions;
        FWPM_NETWORK_CONNECTION_POLICY_SETTINGS0 *networkConnectionPolicy;
    };
    UINT64 providerContextId;
} FWPM_PROVIDER_CONTEXT3;

#ifdef __cplusplus
}
#endif

#endif /* _FWPMTYPES_H_ */
