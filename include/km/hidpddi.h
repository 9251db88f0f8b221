/*
 * hidpddi.h - the HID parser's driver interface: hidpi.h's client routines, which a HID
 * minidriver or filter that parses its own reports uses (the firefly sample), plus the parser's
 * collection-description routines the HID class driver calls.
 *
 * drvhost's parser (src/hid/hidp.c, docs/hid.md) describes the first top-level collection of a
 * report descriptor only (CollectionDescLength is 1).
 */
#ifndef _HIDPDDI_H
#define _HIDPDDI_H

#include <hidusage.h>
#include <wdm.h>
#include <hidpi.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef PUCHAR PHIDP_REPORT_DESCRIPTOR;

typedef struct _HIDP_COLLECTION_DESC {
    USAGE UsagePage;
    USAGE Usage;
    UCHAR CollectionNumber; /* 1-based */
    UCHAR Reserved[15];
    USHORT InputLength;
    USHORT OutputLength;
    USHORT FeatureLength;
    USHORT PreparsedDataLength;
    PHIDP_PREPARSED_DATA PreparsedData;
} HIDP_COLLECTION_DESC, *PHIDP_COLLECTION_DESC;

typedef struct _HIDP_REPORT_IDS {
    UCHAR ReportID;
    UCHAR CollectionNumber;
    USHORT InputLength;
    USHORT OutputLength;
    USHORT FeatureLength;
} HIDP_REPORT_IDS, *PHIDP_REPORT_IDS;

typedef struct _HIDP_GETCOLDESC_DBG {
    ULONG BreakOffset;
    ULONG ErrorCode;
    ULONG Args[6];
} HIDP_GETCOLDESC_DBG, *PHIDP_GETCOLDESC_DBG;

typedef struct _HIDP_DEVICE_DESC {
    PHIDP_COLLECTION_DESC CollectionDesc;
    ULONG CollectionDescLength;
    PHIDP_REPORT_IDS ReportIDs;
    ULONG ReportIDsLength;
    HIDP_GETCOLDESC_DBG Dbg;
} HIDP_DEVICE_DESC, *PHIDP_DEVICE_DESC;

HIDPARSE_API NTSTATUS NTAPI HidP_GetCollectionDescription(PHIDP_REPORT_DESCRIPTOR ReportDesc,
                                                          ULONG DescLength, POOL_TYPE PoolType,
                                                          PHIDP_DEVICE_DESC DeviceDescription);
HIDPARSE_API VOID NTAPI HidP_FreeCollectionDescription(PHIDP_DEVICE_DESC DeviceDescription);

#ifdef __cplusplus
}
#endif

#endif /* _HIDPDDI_H */
