/*
 * acxdataformat.h - ACX data formats (an ACXDATAFORMAT wraps a KS data format) and data format
 * lists (the formats a pin supports per signal processing mode, with a default and an iterator).
 * Types are inferred from the reference's prose (see acx.h).
 */
#include <acx.h>

#ifndef _ACXDATAFORMAT_H_
#define _ACXDATAFORMAT_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef enum _ACX_DATAFORMAT_TYPE {
    AcxDataFormatKsFormat,
    AcxDataFormatMaximum
} ACX_DATAFORMAT_TYPE;

typedef enum _ACX_DATAFORMAT_CONFIG_FLAGS {
    AcxDataFormatConfigNoFlags = 0x0000,
    AcxDataFormatConfigValidFlags = 0x0000
} ACX_DATAFORMAT_CONFIG_FLAGS;

typedef enum _ACX_DATAFORMAT_LIST_CONFIG_FLAGS {
    AcxDataFormatListConfigNoFlags = 0x0000,
    AcxDataFormatListConfigValidFlags = 0x0000
} ACX_DATAFORMAT_LIST_CONFIG_FLAGS;

typedef enum _ACX_DATAFORMAT_LIST_ITERATOR_CONFIG_FLAGS {
    AcxDataFormatListIteratorConfigNoFlags = 0x0000,
    AcxDataFormatListIteratorConfigValidFlags = 0x0000
} ACX_DATAFORMAT_LIST_ITERATOR_CONFIG_FLAGS;

typedef struct _ACX_DATAFORMAT_CONFIG {
    ULONG Size;
    ULONG Flags;
    ACX_DATAFORMAT_TYPE Type;
    union {
        PKSDATAFORMAT KsFormat; /* Type == AcxDataFormatKsFormat */
    } u;
} ACX_DATAFORMAT_CONFIG, *PACX_DATAFORMAT_CONFIG;

typedef struct _ACX_DATAFORMAT_LIST_CONFIG {
    ULONG Size;
    ULONG Flags;
} ACX_DATAFORMAT_LIST_CONFIG, *PACX_DATAFORMAT_LIST_CONFIG;

/* Reserved is ACX's iteration state; the driver only initialises the iterator. */
typedef struct _ACX_DATAFORMAT_LIST_ITERATOR {
    ULONG Size;
    ULONG Flags;
    PVOID Reserved[4];
} ACX_DATAFORMAT_LIST_ITERATOR, *PACX_DATAFORMAT_LIST_ITERATOR;

_ACX_SIZED_INIT(ACX_DATAFORMAT_CONFIG, Config)

FORCEINLINE VOID ACX_DATAFORMAT_CONFIG_INIT_KS(PACX_DATAFORMAT_CONFIG Config, PVOID Format)
{
    ACX_DATAFORMAT_CONFIG_INIT(Config);
    Config->Type = AcxDataFormatKsFormat;
    Config->u.KsFormat = (PKSDATAFORMAT)Format;
}

_ACX_SIZED_INIT(ACX_DATAFORMAT_LIST_CONFIG, Config)

_ACX_SIZED_INIT(ACX_DATAFORMAT_LIST_ITERATOR, Iterator)

NTSTATUS AcxDataFormatCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                             PACX_DATAFORMAT_CONFIG Config,
                             ACXDATAFORMAT *DataFormat) DRVHOST_NOT_PROVIDED;
GUID AcxDataFormatGetMajorFormat(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
GUID AcxDataFormatGetSubFormat(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
GUID AcxDataFormatGetSpecifier(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
USHORT AcxDataFormatGetChannelsCount(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONGLONG AcxDataFormatGetChannelMask(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetSampleSize(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetBitsPerSample(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetValidBitsPerSample(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetSamplesPerBlock(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetBlockAlign(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetSampleRate(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetAverageBytesPerSec(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetEncodedSamplesPerSec(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetEncodedChannelCount(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
ULONG AcxDataFormatGetEncodedAverageBytesPerSec(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
PKSDATAFORMAT AcxDataFormatGetKsDataFormat(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
PWAVEFORMATEX AcxDataFormatGetWaveFormatEx(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
PWAVEFORMATEXTENSIBLE AcxDataFormatGetWaveFormatExtensible(ACXDATAFORMAT DataFormat)
    DRVHOST_NOT_PROVIDED;
PVOID AcxDataFormatGetWaveFormatExtensibleIec61937(ACXDATAFORMAT DataFormat) DRVHOST_NOT_PROVIDED;
BOOLEAN AcxDataFormatIsEqual(ACXDATAFORMAT DataFormat1,
                             ACXDATAFORMAT DataFormat2) DRVHOST_NOT_PROVIDED;

NTSTATUS AcxDataFormatListCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                                 PACX_DATAFORMAT_LIST_CONFIG Config,
                                 ACXDATAFORMATLIST *DataFormatList) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListAddDataFormat(ACXDATAFORMATLIST AcxDataFormatList,
                                        ACXDATAFORMAT AcxDataFormat) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListRemoveDataFormat(ACXDATAFORMATLIST AcxDataFormatList,
                                           ACXDATAFORMAT AcxDataFormat) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListRemoveDataFormats(ACXDATAFORMATLIST AcxDataFormatList)
    DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListAssignDefaultDataFormat(ACXDATAFORMATLIST AcxDataFormatList,
                                                  ACXDATAFORMAT AcxDataFormat) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListRetrieveDefaultDataFormat(
    ACXDATAFORMATLIST AcxDataFormatList, ACXDATAFORMAT *AcxDataFormat) DRVHOST_NOT_PROVIDED;
VOID AcxDataFormatListBeginIteration(ACXDATAFORMATLIST AcxDataFormatList,
                                     PACX_DATAFORMAT_LIST_ITERATOR Iterator) DRVHOST_NOT_PROVIDED;
NTSTATUS AcxDataFormatListRetrieveNextFormat(ACXDATAFORMATLIST AcxDataFormatList,
                                             PACX_DATAFORMAT_LIST_ITERATOR Iterator,
                                             ACXDATAFORMAT *Format) DRVHOST_NOT_PROVIDED;
VOID AcxDataFormatListEndIteration(ACXDATAFORMATLIST AcxDataFormatList,
                                   PACX_DATAFORMAT_LIST_ITERATOR Iterator) DRVHOST_NOT_PROVIDED;

#ifdef __cplusplus
}
#endif

#endif /* _ACXDATAFORMAT_H_ */
