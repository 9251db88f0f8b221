/*
 * windot11.h - Native 802.11 (deprecated since Windows 10 in favour of WDI) definitions: the
 * operation modes and the current-operation-mode structure (Microsoft's names, values and x64
 * layouts). The reference's pages name ndis.h as the header to include; drvhost's ndis.h
 * includes this one.
 *
 * drvhost subset: what a WFP callout reading the FWPS_L2_METADATA_FIELD_WIFI_OPERATION_MODE
 * metadata needs. No OIDs, no PHY, association or cipher types: drvhost has no NDIS and no
 * wireless stack (docs/compatibility.md, "What drvhost deliberately does not support").
 */
#ifndef _WINDOT11_H_
#define _WINDOT11_H_

#include <ntdef.h>

/* The operation-mode bits of DOT11_CURRENT_OPERATION_MODE.uCurrentOpMode (named by the
 * ns-windot11-_dot11_current_operation_mode page, which gives no values) and of a miniport's
 * operation-mode capability. Values: Microsoft's Win32 metadata (microsoft/win32metadata,
 * generation/WinSDK/RecompiledIdlHeaders/shared/windot11.h). */
#define DOT11_OPERATION_MODE_UNKNOWN            0x00000000
#define DOT11_OPERATION_MODE_STATION            0x00000001
#define DOT11_OPERATION_MODE_AP                 0x00000002
#define DOT11_OPERATION_MODE_EXTENSIBLE_STATION 0x00000004
#define DOT11_OPERATION_MODE_EXTENSIBLE_AP      0x00000008
#define DOT11_OPERATION_MODE_WFD_DEVICE         0x00000010
#define DOT11_OPERATION_MODE_WFD_GROUP_OWNER    0x00000020
#define DOT11_OPERATION_MODE_WFD_CLIENT         0x00000040
#define DOT11_OPERATION_MODE_MANUFACTURING      0x40000000
#define DOT11_OPERATION_MODE_NETWORK_MONITOR    0x80000000

/* The ns-windot11-_dot11_current_operation_mode page. */
typedef struct _DOT11_CURRENT_OPERATION_MODE {
    ULONG uReserved;
    ULONG uCurrentOpMode; /* DOT11_OPERATION_MODE_* bits */
} DOT11_CURRENT_OPERATION_MODE, *PDOT11_CURRENT_OPERATION_MODE;

#endif /* _WINDOT11_H_ */
