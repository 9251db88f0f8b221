/*
 * hidpi.h - the HID parser's client interface: report types, the top-level collection's
 * capabilities (HIDP_CAPS), the HIDP_STATUS_* codes and the HidP_* routines that read and write
 * usages in reports (Microsoft's names, values, signatures and x64 layouts, as the hidpi
 * reference documents them).
 *
 * drvhost's parser (src/hid/hidp.c) provides the capability, link-collection, usage and
 * usage-value routines; HidP_GetData/SetData, the value-array routines and
 * HidP_SetScaledUsageValue are DRVHOST_NOT_PROVIDED (the loader refuses a module importing them).
 */
#ifndef _HIDPI_H_
#define _HIDPI_H_

#include <ntdef.h>
#include <hidusage.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _HIDP_REPORT_TYPE {
    HidP_Input,
    HidP_Output,
    HidP_Feature
} HIDP_REPORT_TYPE;

/* The parser's opaque description of a top-level collection (IOCTL_HID_GET_COLLECTION_DESCRIPTOR
 * returns it; its size is HID_COLLECTION_INFORMATION.DescriptorSize). */
typedef struct _HIDP_PREPARSED_DATA *PHIDP_PREPARSED_DATA;

typedef struct _HIDP_CAPS {
    USAGE Usage;
    USAGE UsagePage;
    USHORT InputReportByteLength; /* largest report of each kind, report ID included */
    USHORT OutputReportByteLength;
    USHORT FeatureReportByteLength;
    USHORT Reserved[17];
    USHORT NumberLinkCollectionNodes;
    USHORT NumberInputButtonCaps;
    USHORT NumberInputValueCaps;
    USHORT NumberInputDataIndices;
    USHORT NumberOutputButtonCaps;
    USHORT NumberOutputValueCaps;
    USHORT NumberOutputDataIndices;
    USHORT NumberFeatureButtonCaps;
    USHORT NumberFeatureValueCaps;
    USHORT NumberFeatureDataIndices;
} HIDP_CAPS, *PHIDP_CAPS;

/* Status codes: NTSTATUS values in the HID facility (0x11). */
#define FACILITY_HID_ERROR_CODE 0x11
#define HIDP_ERROR_CODES(SEV, CODE)                                                                \
    ((NTSTATUS)(((ULONG)(SEV) << 28) | (FACILITY_HID_ERROR_CODE << 16) | (CODE)))
#define HIDP_STATUS_SUCCESS                 (HIDP_ERROR_CODES(0x0, 0))
#define HIDP_STATUS_NULL                    (HIDP_ERROR_CODES(0x8, 1))
#define HIDP_STATUS_INVALID_PREPARSED_DATA  (HIDP_ERROR_CODES(0xC, 1))
#define HIDP_STATUS_INVALID_REPORT_TYPE     (HIDP_ERROR_CODES(0xC, 2))
#define HIDP_STATUS_INVALID_REPORT_LENGTH   (HIDP_ERROR_CODES(0xC, 3))
#define HIDP_STATUS_USAGE_NOT_FOUND         (HIDP_ERROR_CODES(0xC, 4))
#define HIDP_STATUS_VALUE_OUT_OF_RANGE      (HIDP_ERROR_CODES(0xC, 5))
#define HIDP_STATUS_BAD_LOG_PHY_VALUES      (HIDP_ERROR_CODES(0xC, 6))
#define HIDP_STATUS_BUFFER_TOO_SMALL        (HIDP_ERROR_CODES(0xC, 7))
#define HIDP_STATUS_INTERNAL_ERROR          (HIDP_ERROR_CODES(0xC, 8))
#define HIDP_STATUS_I8042_TRANS_UNKNOWN     (HIDP_ERROR_CODES(0xC, 9))
#define HIDP_STATUS_INCOMPATIBLE_REPORT_ID  (HIDP_ERROR_CODES(0xC, 0xA))
#define HIDP_STATUS_NOT_VALUE_ARRAY         (HIDP_ERROR_CODES(0xC, 0xB))
#define HIDP_STATUS_IS_VALUE_ARRAY          (HIDP_ERROR_CODES(0xC, 0xC))
#define HIDP_STATUS_DATA_INDEX_NOT_FOUND    (HIDP_ERROR_CODES(0xC, 0xD))
#define HIDP_STATUS_DATA_INDEX_OUT_OF_RANGE (HIDP_ERROR_CODES(0xC, 0xE))
#define HIDP_STATUS_BUTTON_NOT_PRESSED      (HIDP_ERROR_CODES(0xC, 0xF))
#define HIDP_STATUS_REPORT_DOES_NOT_EXIST   (HIDP_ERROR_CODES(0xC, 0x10))
#define HIDP_STATUS_NOT_IMPLEMENTED         (HIDP_ERROR_CODES(0xC, 0x20))

/* The HidP_* routines: drvhost's parser (src/hid/hidp.c, docs/hid.md "The HID parser"), exported
 * by libdrvhost.so where Windows' hidparse.sys exports them. */
#ifndef HIDPARSE_API
#define HIDPARSE_API __attribute__((visibility("default")))
#endif

/* HidP_GetSpecificButtonCaps / ValueCaps with no link-collection filter. */
#define HIDP_LINK_COLLECTION_ROOT        ((USHORT)-1)
#define HIDP_LINK_COLLECTION_UNSPECIFIED ((USHORT)0)

typedef struct _USAGE_AND_PAGE {
    USAGE Usage;
    USAGE UsagePage;
} USAGE_AND_PAGE, *PUSAGE_AND_PAGE;

#define HidP_IsSameUsageAndPage(u1, u2) ((*(PULONG) & (u1)) == (*(PULONG) & (u2)))

/* The members HIDP_BUTTON_CAPS and HIDP_VALUE_CAPS share, at the same offsets (written once
 * here; the layouts are the documented structures'). */
#define DRVHOST_HIDP_CAPS_HEAD                                                                     \
    USAGE UsagePage;                                                                               \
    UCHAR ReportID;                                                                                \
    BOOLEAN IsAlias;                                                                               \
    USHORT BitField;                                                                               \
    USHORT LinkCollection;                                                                         \
    USAGE LinkUsage;                                                                               \
    USAGE LinkUsagePage;                                                                           \
    BOOLEAN IsRange;                                                                               \
    BOOLEAN IsStringRange;                                                                         \
    BOOLEAN IsDesignatorRange;                                                                     \
    BOOLEAN IsAbsolute;
#define DRVHOST_HIDP_CAPS_USAGES                                                                   \
    union {                                                                                        \
        struct {                                                                                   \
            USAGE UsageMin, UsageMax;                                                              \
            USHORT StringMin, StringMax;                                                           \
            USHORT DesignatorMin, DesignatorMax;                                                   \
            USHORT DataIndexMin, DataIndexMax;                                                     \
        } Range;                                                                                   \
        struct {                                                                                   \
            USAGE Usage, Reserved1;                                                                \
            USHORT StringIndex, Reserved2;                                                         \
            USHORT DesignatorIndex, Reserved3;                                                     \
            USHORT DataIndex, Reserved4;                                                           \
        } NotRange;                                                                                \
    };

typedef struct _HIDP_BUTTON_CAPS {
    DRVHOST_HIDP_CAPS_HEAD
    USHORT ReportCount;
    USHORT Reserved2;
    ULONG Reserved[9];
    DRVHOST_HIDP_CAPS_USAGES
} HIDP_BUTTON_CAPS, *PHIDP_BUTTON_CAPS;

typedef struct _HIDP_VALUE_CAPS {
    DRVHOST_HIDP_CAPS_HEAD
    BOOLEAN HasNull;
    UCHAR Reserved;
    USHORT BitSize;
    USHORT ReportCount;
    USHORT Reserved2[5];
    ULONG UnitsExp;
    ULONG Units;
    LONG LogicalMin, LogicalMax;
    LONG PhysicalMin, PhysicalMax;
    DRVHOST_HIDP_CAPS_USAGES
} HIDP_VALUE_CAPS, *PHIDP_VALUE_CAPS;

typedef struct _HIDP_LINK_COLLECTION_NODE {
    USAGE LinkUsage;
    USAGE LinkUsagePage;
    USHORT Parent;
    USHORT NumberOfChildren;
    USHORT NextSibling;
    USHORT FirstChild;
    ULONG CollectionType : 8; /* the Collection item's data: 0 physical, 1 application, ... */
    ULONG IsAlias : 1;
    ULONG Reserved : 23;
    PVOID UserContext;
} HIDP_LINK_COLLECTION_NODE, *PHIDP_LINK_COLLECTION_NODE;

typedef struct _HIDP_DATA {
    USHORT DataIndex;
    USHORT Reserved;
    union {
        ULONG RawValue;
        BOOLEAN On;
    };
} HIDP_DATA, *PHIDP_DATA;

HIDPARSE_API NTSTATUS NTAPI HidP_GetCaps(PHIDP_PREPARSED_DATA PreparsedData,
                                         PHIDP_CAPS Capabilities);
HIDPARSE_API NTSTATUS NTAPI HidP_GetButtonCaps(HIDP_REPORT_TYPE ReportType,
                                               PHIDP_BUTTON_CAPS ButtonCaps,
                                               PUSHORT ButtonCapsLength,
                                               PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI HidP_GetSpecificButtonCaps(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                                       USHORT LinkCollection, USAGE Usage,
                                                       PHIDP_BUTTON_CAPS ButtonCaps,
                                                       PUSHORT ButtonCapsLength,
                                                       PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI HidP_GetValueCaps(HIDP_REPORT_TYPE ReportType,
                                              PHIDP_VALUE_CAPS ValueCaps, PUSHORT ValueCapsLength,
                                              PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI HidP_GetSpecificValueCaps(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                                      USHORT LinkCollection, USAGE Usage,
                                                      PHIDP_VALUE_CAPS ValueCaps,
                                                      PUSHORT ValueCapsLength,
                                                      PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI
HidP_GetLinkCollectionNodes(PHIDP_LINK_COLLECTION_NODE LinkCollectionNodes,
                            PULONG LinkCollectionNodesLength, PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI HidP_InitializeReportForID(HIDP_REPORT_TYPE ReportType, UCHAR ReportID,
                                                       PHIDP_PREPARSED_DATA PreparsedData,
                                                       PCHAR Report, ULONG ReportLength);
HIDPARSE_API ULONG NTAPI HidP_MaxUsageListLength(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                                 PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API ULONG NTAPI HidP_MaxDataListLength(HIDP_REPORT_TYPE ReportType,
                                                PHIDP_PREPARSED_DATA PreparsedData);
HIDPARSE_API NTSTATUS NTAPI HidP_GetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                           USHORT LinkCollection, PUSAGE UsageList,
                                           PULONG UsageLength, PHIDP_PREPARSED_DATA PreparsedData,
                                           PCHAR Report, ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_GetUsagesEx(HIDP_REPORT_TYPE ReportType, USHORT LinkCollection,
                                             PUSAGE_AND_PAGE ButtonList, ULONG *UsageLength,
                                             PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                             ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_SetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                           USHORT LinkCollection, PUSAGE UsageList,
                                           PULONG UsageLength, PHIDP_PREPARSED_DATA PreparsedData,
                                           PCHAR Report, ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_UnsetUsages(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                             USHORT LinkCollection, PUSAGE UsageList,
                                             PULONG UsageLength, PHIDP_PREPARSED_DATA PreparsedData,
                                             PCHAR Report, ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_GetUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                               USHORT LinkCollection, USAGE Usage,
                                               PULONG UsageValue,
                                               PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                               ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_SetUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                               USHORT LinkCollection, USAGE Usage, ULONG UsageValue,
                                               PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                               ULONG ReportLength);
HIDPARSE_API NTSTATUS NTAPI HidP_GetScaledUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                                     USHORT LinkCollection, USAGE Usage,
                                                     PLONG UsageValue,
                                                     PHIDP_PREPARSED_DATA PreparsedData,
                                                     PCHAR Report, ULONG ReportLength);
/* Not provided: the data-list, value-array and scaled-set routines. */
NTSTATUS NTAPI HidP_GetData(HIDP_REPORT_TYPE ReportType, PHIDP_DATA DataList, PULONG DataLength,
                            PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                            ULONG ReportLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI HidP_SetData(HIDP_REPORT_TYPE ReportType, PHIDP_DATA DataList, PULONG DataLength,
                            PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                            ULONG ReportLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI HidP_SetScaledUsageValue(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                        USHORT LinkCollection, USAGE Usage, LONG UsageValue,
                                        PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                        ULONG ReportLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI HidP_GetUsageValueArray(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                       USHORT LinkCollection, USAGE Usage, PCHAR UsageValue,
                                       USHORT UsageValueByteLength,
                                       PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                       ULONG ReportLength) DRVHOST_NOT_PROVIDED;
NTSTATUS NTAPI HidP_SetUsageValueArray(HIDP_REPORT_TYPE ReportType, USAGE UsagePage,
                                       USHORT LinkCollection, USAGE Usage, PCHAR UsageValue,
                                       USHORT UsageValueByteLength,
                                       PHIDP_PREPARSED_DATA PreparsedData, PCHAR Report,
                                       ULONG ReportLength) DRVHOST_NOT_PROVIDED;

/* The documented button aliases of the usage routines. */
#define HidP_GetButtons(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)                                    \
    HidP_GetUsages(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)
#define HidP_SetButtons(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)                                    \
    HidP_SetUsages(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)
#define HidP_UnsetButtons(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)                                  \
    HidP_UnsetUsages(Rty, UPa, LCo, ULi, ULe, Ppd, Rep, RLe)
#define HidP_GetButtonsEx(Rty, LCo, BLi, ULe, Ppd, Rep, RLe)                                       \
    HidP_GetUsagesEx(Rty, LCo, BLi, ULe, Ppd, Rep, RLe)

#ifdef __cplusplus
}
#endif

#endif /* _HIDPI_H_ */
