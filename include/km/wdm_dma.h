/*
 * wdm_dma.h - the few WDM DMA types the framework's DMA headers name (wdfdmaenabler.h,
 * wdfdmatransaction.h): DMA_WIDTH, DMA_COMPLETION_STATUS, the scatter/gather list, and the
 * adapter object's header. drvhost has no WDM DMA (no IoGetDmaAdapter, no DMA_OPERATIONS):
 * DMA_ADAPTER is declared for WdfDmaEnablerWdmGetDmaAdapter's type only (docs/wdf.md, "DMA").
 * Names, values and x64 layouts as documented.
 */
#ifndef DRVHOST_WDM_DMA_H
#define DRVHOST_WDM_DMA_H

#include <wdm.h>

#ifndef _DMA_WIDTH_DEFINED
#define _DMA_WIDTH_DEFINED
typedef enum _DMA_WIDTH {
    Width8Bits,
    Width16Bits,
    Width32Bits,
    Width64Bits,
    WidthNoWrap,
    MaximumDmaWidth,
} DMA_WIDTH, *PDMA_WIDTH;

typedef enum _DMA_COMPLETION_STATUS {
    DmaComplete,
    DmaAborted,
    DmaError,
    DmaCancelled,
} DMA_COMPLETION_STATUS, *PDMA_COMPLETION_STATUS;

/* One element of a scatter/gather list: a device-visible address and a length. 24 bytes. */
typedef struct _SCATTER_GATHER_ELEMENT {
    PHYSICAL_ADDRESS Address;
    ULONG Length;
    ULONG_PTR Reserved;
} SCATTER_GATHER_ELEMENT, *PSCATTER_GATHER_ELEMENT;

typedef struct _SCATTER_GATHER_LIST {
    ULONG NumberOfElements;
    ULONG_PTR Reserved;
    SCATTER_GATHER_ELEMENT Elements[];
} SCATTER_GATHER_LIST, *PSCATTER_GATHER_LIST;

struct _DMA_OPERATIONS;
typedef struct _DMA_ADAPTER {
    USHORT Version;
    USHORT Size;
    struct _DMA_OPERATIONS *DmaOperations;
} DMA_ADAPTER, *PDMA_ADAPTER;

C_ASSERT(sizeof(SCATTER_GATHER_ELEMENT) == 24);
C_ASSERT(FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) == 16);
C_ASSERT(sizeof(DMA_ADAPTER) == 16);
#endif

#endif
