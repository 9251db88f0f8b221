/*
 * acxdriver.h - binding a KMDF driver to ACX (AcxDriverInitialize from DriverEntry, after
 * WdfDriverCreate) and querying the ACX version. Types are inferred from the reference's prose.
 */
#include <acx.h>

#ifndef _ACXDRIVER_H_
#define _ACXDRIVER_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_DRIVER_CONFIG_FLAGS {
    AcxDriverConfigNoFlags = 0x0000,
    AcxDriverConfigValidFlags = 0x0000
} ACX_DRIVER_CONFIG_FLAGS;

typedef struct _ACX_DRIVER_CONFIG {
    ULONG Size;
    ULONG Flags;
} ACX_DRIVER_CONFIG, *PACX_DRIVER_CONFIG;

typedef struct _ACX_DRIVER_VERSION_AVAILABLE_PARAMS {
    ULONG Size;
    ULONG MajorVersion;
    ULONG MinorVersion;
} ACX_DRIVER_VERSION_AVAILABLE_PARAMS, *PACX_DRIVER_VERSION_AVAILABLE_PARAMS;

_ACX_SIZED_INIT(ACX_DRIVER_CONFIG, Config)

FORCEINLINE VOID ACX_DRIVER_VERSION_AVAILABLE_PARAMS_INIT(
    PACX_DRIVER_VERSION_AVAILABLE_PARAMS Params, ULONG MajorVersion, ULONG MinorVersion)
{
    RtlZeroMemory(Params, sizeof(*Params));
    Params->Size = sizeof(*Params);
    Params->MajorVersion = MajorVersion;
    Params->MinorVersion = MinorVersion;
}

NTSTATUS AcxDriverInitialize(WDFDRIVER Driver,
                             PACX_DRIVER_CONFIG DriverConfig) DRVHOST_NOT_PROVIDED;
BOOLEAN AcxDriverIsVersionAvailable(WDFDRIVER Driver,
                                    PACX_DRIVER_VERSION_AVAILABLE_PARAMS VersionAvailableParams)
    DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXDRIVER_H_ */
