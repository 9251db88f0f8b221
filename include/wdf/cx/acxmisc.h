/*
 * acxmisc.h - ACX object bags: named, typed values (integers, GUIDs, strings, blobs) that ACX
 * passes between a driver and the class extension or other drivers (a stream's variable
 * arguments, a circuit's properties, a device's registry-backed settings). Types are inferred
 * from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXMISC_H_
#define _ACXMISC_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_OBJECTBAG_CONFIG_FLAGS {
    AcxObjectBagConfigNoFlags = 0x0000,
    AcxObjectBagConfigEnableReads = 0x0001,
    AcxObjectBagConfigEnableWrites = 0x0002,
    AcxObjectBagConfigFailIfExist = 0x0004,
    AcxObjectBagConfigOpenWithHandle = 0x0008,
    AcxObjectBagConfigValidFlags = 0x000F
} ACX_OBJECTBAG_CONFIG_FLAGS;

/* Open by ParentKey + Name, or (AcxObjectBagConfigOpenWithHandle) by Handle. */
typedef struct _ACX_OBJECTBAG_CONFIG {
    ULONG Size;
    ULONG Flags;
    WDFKEY ParentKey;
    PCUNICODE_STRING Name;
    ACXOBJECTBAG Handle;
} ACX_OBJECTBAG_CONFIG, *PACX_OBJECTBAG_CONFIG;

_ACX_SIZED_INIT(ACX_OBJECTBAG_CONFIG, Config)

/* Value names with the documented prefixes: drv_<ven>_, sys_, hda_, sdca_, usb_. Each declares
 * a constant UNICODE_STRING called `name`. */
#define _ACX_WIDE_NAME(x) L## #x
#define DECLARE_CONST_ACXOBJECTBAG_DRIVER_PROPERTY_NAME(ven, name)                                 \
    DECLARE_CONST_UNICODE_STRING(name, L"drv_" _ACX_WIDE_NAME(ven) L"_" _ACX_WIDE_NAME(name))
#define DECLARE_CONST_ACXOBJECTBAG_SYSTEM_PROPERTY_NAME(name)                                      \
    DECLARE_CONST_UNICODE_STRING(name, L"sys_" _ACX_WIDE_NAME(name))
#define DECLARE_CONST_ACXOBJECTBAG_HDAUDIO_PROPERTY_NAME(name)                                     \
    DECLARE_CONST_UNICODE_STRING(name, L"hda_" _ACX_WIDE_NAME(name))
#define DECLARE_CONST_ACXOBJECTBAG_SOUNDWIRE_PROPERTY_NAME(name)                                   \
    DECLARE_CONST_UNICODE_STRING(name, L"sdca_" _ACX_WIDE_NAME(name))
#define DECLARE_CONST_ACXOBJECTBAG_USB_PROPERTY_NAME(name)                                         \
    DECLARE_CONST_UNICODE_STRING(name, L"usb_" _ACX_WIDE_NAME(name))

NTSTATUS AcxObjectBagCreate(PWDF_OBJECT_ATTRIBUTES Attributes, PACX_OBJECTBAG_CONFIG Config,
                            ACXOBJECTBAG *ObjectBag) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagOpen(PWDF_OBJECT_ATTRIBUTES Attributes, PACX_OBJECTBAG_CONFIG Config,
                          ACXOBJECTBAG *ObjectBag) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxObjectBagAddI1(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                           CHAR Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddUI1(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                            UCHAR Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddI2(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                           SHORT Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddUI2(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                            USHORT Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddI4(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                           LONG Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddUI4(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                            ULONG Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddI8(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                           LONG64 Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddUI8(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                            ULONG64 Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddSizeT(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                              SIZE_T Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddGuid(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                             GUID Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                               WDFSTRING Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddMultiString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                    WDFCOLLECTION Values) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddUnicodeString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                      PCUNICODE_STRING Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagAddBlob(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                             WDFMEMORY Value) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxObjectBagRetrieveI1(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                CHAR *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveUI1(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                 UCHAR *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveI2(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                SHORT *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveUI2(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                 USHORT *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveI4(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                LONG *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveUI4(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                 ULONG *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveI8(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                LONG64 *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveUI8(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                 ULONG64 *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveSizeT(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                   SIZE_T *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveGuid(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                  GUID *Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                    WDFSTRING Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveMultiString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                         PWDF_OBJECT_ATTRIBUTES StringsAttributes,
                                         WDFCOLLECTION Values) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveUnicodeString(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                           PUNICODE_STRING Value) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxObjectBagRetrieveBlob(ACXOBJECTBAG ObjectBag, PCUNICODE_STRING ValueName,
                                  PWDF_OBJECT_ATTRIBUTES ValueAttributes,
                                  WDFMEMORY *Value) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXMISC_H_ */
