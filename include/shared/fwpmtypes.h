/*
 * fwpmtypes.h - the objects of the Windows Filtering Platform's management interface: sessions,
 * providers, sublayers, callouts and filters as a callout driver or an application adds them to
 * the base filtering engine (Microsoft's names, values and x64 layouts).
 *
 * drvhost subset: the objects the FwpmXxx0 routines of fwpmk.h take, without the enumeration
 * templates, net events, IPsec and IKE policy types; the provider contexts are named but
 * incomplete (a driver that looks inside one fails to compile naming it). drvhost has no base
 * filtering engine: these are plain definitions.
 */
#ifndef _FWPMTYPES_H_
#define _FWPMTYPES_H_

#include <fwptypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Incomplete: the IPsec and IKE policies a provider context carries are not described. */
typedef struct FWPM_PROVIDER_CONTEXT0_ FWPM_PROVIDER_CONTEXT0;
typedef struct FWPM_PROVIDER_CONTEXT1_ FWPM_PROVIDER_CONTEXT1;
typedef struct FWPM_PROVIDER_CONTEXT2_ FWPM_PROVIDER_CONTEXT2;
typedef struct FWPM_PROVIDER_CONTEXT3_ FWPM_PROVIDER_CONTEXT3;

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

#ifdef __cplusplus
}
#endif

#endif /* _FWPMTYPES_H_ */
