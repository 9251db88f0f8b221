/* dmatest.h - the device control of dmatest.sys (WDM DMA adapters, test_dma.c). */
#ifndef DMATEST_H
#define DMATEST_H

/* Input: DMATEST_IN; output: DMATEST_OUT. The driver gets an adapter for the description,
 * runs scenario Op with it and releases it (the failure scenarios end in a bug check). */
#define IOCTL_DMATEST_RUN CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

enum dmatest_op {
    DMATEST_GET,              /* the adapter and its table: V[0..] below */
    DMATEST_COMMON,           /* a common buffer of Arg bytes */
    DMATEST_SG,               /* scatter/gather lists of a three-MDL chain */
    DMATEST_CHANNEL,          /* AllocateAdapterChannel, MapTransfer, Flush, FreeMapRegisters */
    DMATEST_QUEUE,            /* a second device waits for the channel */
    DMATEST_SG_AT_PASSIVE,    /* bug check: GetScatterGatherList at PASSIVE_LEVEL */
    DMATEST_COMMON_AT_DPC,    /* bug check: AllocateCommonBuffer at DISPATCH_LEVEL */
    DMATEST_PUT_WITH_COMMON,  /* bug check: PutDmaAdapter with a common buffer */
    DMATEST_PUT_SG_TWICE,     /* bug check: PutScatterGatherList twice */
    DMATEST_FREE_CHANNEL,     /* bug check: FreeAdapterChannel without the channel */
    DMATEST_MAP_OUTSIDE,      /* bug check: MapTransfer of an address outside the MDL */
    DMATEST_FREE_EXTRA_REGS,  /* bug check: FreeMapRegisters of Arg more than allocated */
    DMATEST_MAP_TOO_MUCH,     /* bug check: MapTransfer beyond the registers (no S/G) */
    DMATEST_COMMON_TWICE,     /* bug check: FreeCommonBuffer twice */
    DMATEST_SG_COPY,          /* a list the device cannot take as it is: the double buffer */
    DMATEST_MAP_COPY,         /* MapTransfer and FlushAdapterBuffers through the double buffer */
    DMATEST_CHANNEL_TWICE,    /* bug check: AllocateAdapterChannel while holding the channel */
    DMATEST_PUT_WITH_REGS,    /* bug check: PutDmaAdapter with map registers kept */
    DMATEST_PUT_WITH_CHANNEL, /* bug check: PutDmaAdapter with the channel kept */
    DMATEST_PUT_WITH_LIST,    /* bug check: PutDmaAdapter with a list not put */
    DMATEST_UNLOCKED_MDL, /* bug check: GetScatterGatherList of an MDL neither locked nor built */
    DMATEST_MAP_ZERO,     /* bug check: MapTransfer of 0 bytes */
    DMATEST_MAP_PAST_MDL, /* bug check: MapTransfer past the MDL's end (no S/G) */
    DMATEST_GET_AT_DPC,   /* bug check: IoGetDmaAdapter at DISPATCH_LEVEL */
    /* DMA version 3 (dmatest3.c) */
    DMATEST_V3_INFO,          /* the table, GetDmaAdapterInfo, GetDmaTransferInfo, contexts */
    DMATEST_V3_COMMON,        /* AllocateCommonBufferEx */
    DMATEST_V3_CHANNEL,       /* AllocateAdapterChannelEx, CancelAdapterChannel, MapTransferEx */
    DMATEST_V3_LISTS,         /* Get/BuildScatterGatherListEx */
    DMATEST_V3_SYSTEM,        /* a system DMA channel: transfers, completion, cancel */
    DMATEST_V3_MAP_TWICE,     /* bug check: MapTransferEx twice without FlushAdapterBuffersEx */
    DMATEST_V3_CHANNEL_TWICE, /* bug check: AllocateAdapterChannelEx again with a context holding it
                               */
    DMATEST_V3_MAP_ZERO,      /* bug check: MapTransferEx of 0 bytes */
    DMATEST_V3_AT_PASSIVE,    /* bug check: AllocateAdapterChannelEx at PASSIVE_LEVEL */
};

typedef struct _DMATEST_IN {
    ULONG Op;
    ULONG Version;
    BOOLEAN Master, ScatterGather, Dma32, Dma64;
    ULONG MaximumLength;
    ULONG Arg;
} DMATEST_IN;

#define DMATEST_VALUES 40
typedef struct _DMATEST_OUT {
    ULONG64 V[DMATEST_VALUES];
} DMATEST_OUT;

/* dmatest3.c: the version-3 scenarios (Op DMATEST_V3_*) with the adapter dmatest.c got. */
VOID DmaTest3Run(PDMA_ADAPTER Adapter, ULONG Registers, ULONG Op, DMATEST_OUT *Out,
                 PDEVICE_OBJECT Device);

#endif
