/*
 * TrustedRT.h - the Trusted Runtime (TrEE) service request structures a TrEE miniport and its
 * OS services exchange (Microsoft's names and x64 layouts, from the trustedrt reference pages;
 * the *_VERSION values are Microsoft's published constants, checked against the public WDK
 * header, as docs/compatibility.md says). Types only: drvhost has no Trusted Runtime class
 * extension behind them (TrustedRuntimeClx.h). Left out: the IOCTL_TR_* codes (their pages
 * give no values).
 */
#ifndef _DRVHOST_TRUSTEDRT_H_
#define _DRVHOST_TRUSTEDRT_H_

#include <ntdef.h>

#define TRUSTED_RUNTIME_INTERFACE_VERSION_1 1
#define TRUSTED_RUNTIME_INTERFACE_VERSION   TRUSTED_RUNTIME_INTERFACE_VERSION_1

/* What a service reports about itself (TrSecureDeviceQueryOSService, IOCTL_TR_SERVICE_QUERY). */
typedef struct _TR_SERVICE_INFORMATION_V1 {
    ULONG InterfaceVersion;
    ULONG ServiceMajorVersion;
    ULONG ServiceMinorVersion;
} TR_SERVICE_INFORMATION_V1, *PTR_SERVICE_INFORMATION_V1;
typedef TR_SERVICE_INFORMATION_V1 TR_SERVICE_INFORMATION, *PTR_SERVICE_INFORMATION;

/* One call of a service function; the buffers are 64-bit pointers whatever the caller's
 * bitness (PVOID64). */
typedef struct _TR_SERVICE_REQUEST_V1 {
    ULONG InterfaceVersion;
    ULONG ServiceMajorVersion;
    ULONG ServiceMinorVersion;
    ULONG FunctionCode;
    PVOID64 InputBuffer;
    ULONG64 InputBufferSize;
    PVOID64 OutputBuffer;
    ULONG64 OutputBufferSize;
} TR_SERVICE_REQUEST_V1, *PTR_SERVICE_REQUEST_V1;
typedef TR_SERVICE_REQUEST_V1 TR_SERVICE_REQUEST, *PTR_SERVICE_REQUEST;

typedef struct _TR_SERVICE_REQUEST_RESPONSE_V1 {
    ULONG InterfaceVersion;
    ULONG64 BytesWritten;
} TR_SERVICE_REQUEST_RESPONSE_V1, *PTR_SERVICE_REQUEST_RESPONSE_V1;
typedef TR_SERVICE_REQUEST_RESPONSE_V1 TR_SERVICE_REQUEST_RESPONSE, *PTR_SERVICE_REQUEST_RESPONSE;

#endif /* _DRVHOST_TRUSTEDRT_H_ */
