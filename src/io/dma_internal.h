/*
 * dma_internal.h - what src/io/dma.c (adapters, DMA_OPERATIONS versions 1 and 2) and
 * src/io/dma3.c (version 3, the system DMA controller) share: the adapter and its records, and
 * the helpers each file gives the other. Not for other layers (docs/dma.md; io_private.h is the
 * layer's header).
 */
#ifndef DRVHOST_IO_DMA_INTERNAL_H
#define DRVHOST_IO_DMA_INTERNAL_H

#include "io/io_private.h"

#define IO_DMA_TAG       'AmdI'
#define IO_DMA_MAGIC     0x414D4449u /* "IDMA": a live adapter */
#define IO_DMA_MAP_MAGIC 0x50414D49u /* "IMAP": a live map register base */
#define IO_4G            0x100000000ull

struct io_dma_common {
    struct io_dma_common *next;
    void *va;
    size_t size; /* whole pages */
};

struct io_dma_sg { /* an outstanding scatter/gather list */
    struct io_dma_sg *next;
    PSCATTER_GATHER_LIST list;
    BOOLEAN owned; /* GetScatterGatherList's (freed by Put), not the driver's buffer */
    BOOLEAN write; /* WriteToDevice */
    PUCHAR copy;   /* the double buffer (os_pages_alloc, copy_size bytes), NULL if none */
    size_t copy_size;
    PMDL mdl; /* what the copy stands for: the chain, from va, length bytes */
    PVOID va;
    ULONG length;
    PMDL copy_mdl; /* BuildMdlFromScatterGatherList's MDL of the copy, freed by Put */
};

struct io_dma_mapping { /* one MapTransfer through the double buffer */
    PUCHAR va;
    ULONG offset, length;
    BOOLEAN write;
};

struct io_dma_map_base {
    ULONG magic;
    ULONG count; /* map registers */
    /* The double buffer (count pages below 4 GiB, made at the first MapTransfer that needs it)
     * and what was mapped through it since the last FlushAdapterBuffers. */
    PUCHAR copy;
    ULONG used, mappings;
    struct io_dma_mapping *mapping; /* count entries */
    BOOLEAN mapped_ex;              /* a MapTransferEx not yet followed by FlushAdapterBuffersEx */
};

struct io_dma_adapter {
    DMA_ADAPTER pub; /* first: the driver's PDMA_ADAPTER is this */
    ULONG magic;
    BOOLEAN scatter_gather, dma64;
    ULONG map_registers; /* what IoGetDmaAdapter granted */
    os_mutex lock;
    struct io_dma_common *commons;
    ULONG common_count;
    struct io_dma_sg *lists;
    ULONG lists_made, lists_put;
    ULONG registers_held;               /* in bases not yet freed */
    PDEVICE_OBJECT owner;               /* the device holding the adapter channel, NULL if free */
    struct io_dma_map_base *owner_base; /* its registers while it holds the channel */
    /* The requests waiting for the channel: WAIT_CONTEXT_BLOCK.DmaWaitEntry of a device's
     * Queue.Wcb (AllocateAdapterChannel) or of a transfer context (Ex; DmaContext set). */
    LIST_ENTRY waiters;
    /* Version 3 (below). */
    ULONG version;                /* the DEVICE_DESCRIPTION's */
    BOOLEAN system;               /* a system DMA controller channel (a subordinate device) */
    ULONG width;                  /* DmaAddressWidth, in bits */
    struct io_dma_ctx *owner_ctx; /* the transfer context the channel was granted for */
    struct io_dma_xfer *xfer;     /* the system controller's transfer and FIFO */
};

/* dma.c */
struct io_dma_adapter *io_dma_of(PDMA_ADAPTER a, const char *ddi);
void io_dma_check_mdl(PMDL mdl);
LONGLONG io_dma_logical(PMDL mdl, ULONG offset);
ULONG io_dma_run(PMDL mdl, ULONG offset);
void io_dma_copy(PMDL mdl, PVOID CurrentVa, ULONG length, PUCHAR copy, BOOLEAN to_copy);
struct io_dma_map_base *io_dma_base_new(ULONG count);
void io_dma_base_free(struct io_dma_adapter *ad, struct io_dma_map_base *b);
void io_dma_grant(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb);
void io_dma_release_channel(struct io_dma_adapter *ad);
struct io_dma_map_base *io_dma_base_of(PVOID MapRegisterBase, ULONG count);
LONGLONG io_dma_map_copy(struct io_dma_map_base *b, PVOID va, ULONG length, BOOLEAN write);
void io_dma_flush_base(struct io_dma_map_base *b);
NTSTATUS io_dma_walk(PMDL mdl, PVOID CurrentVa, ULONG length, PSCATTER_GATHER_LIST sg,
                     ULONG *elements, ULONG *registers);
ULONG io_dma_sg_size(ULONG elements);
NTSTATUS io_dma_make_list(struct io_dma_adapter *ad, PDEVICE_OBJECT dev, PMDL mdl, PVOID CurrentVa,
                          ULONG Length, PDRIVER_LIST_CONTROL routine, PVOID Context, BOOLEAN write,
                          PVOID buffer, ULONG buffer_length, PSCATTER_GATHER_LIST *out);
PVOID io_dma_common_new(struct io_dma_adapter *ad, ULONG Length, BOOLEAN low,
                        PPHYSICAL_ADDRESS LogicalAddress);
VOID io_dma_free_common(PDMA_ADAPTER DmaAdapter, ULONG Length, PHYSICAL_ADDRESS LogicalAddress,
                        PVOID VirtualAddress, BOOLEAN CacheEnabled);

/* dma3.c: the adapter's version-3 state (set up, released, the channel granted to a transfer
 * context under the adapter's mutex, the channel released) and the version-3 routines. */
BOOLEAN io_dma_v3_init(struct io_dma_adapter *ad, PDEVICE_DESCRIPTION d);
void io_dma_v3_put(struct io_dma_adapter *ad);
void io_dma_v3_granted(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb);
void io_dma_v3_released(struct io_dma_adapter *ad);
ULONG io_dma_xfer_remaining(struct io_dma_adapter *ad);
NTSTATUS io_dma_adapter_info(PDMA_ADAPTER DmaAdapter, PDMA_ADAPTER_INFO AdapterInfo);
NTSTATUS io_dma_transfer_info(PDMA_ADAPTER DmaAdapter, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                              BOOLEAN WriteOnly, PDMA_TRANSFER_INFO TransferInfo);
NTSTATUS io_dma_init_context(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext);
PVOID io_dma_allocate_common_ex(PDMA_ADAPTER DmaAdapter, PPHYSICAL_ADDRESS MaximumAddress,
                                ULONG Length, PPHYSICAL_ADDRESS LogicalAddress,
                                BOOLEAN CacheEnabled, NODE_REQUIREMENT PreferredNode);
NTSTATUS io_dma_allocate_channel_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                    PVOID DmaTransferContext, ULONG NumberOfMapRegisters,
                                    ULONG Flags, PDRIVER_CONTROL ExecutionRoutine,
                                    PVOID ExecutionContext, PVOID *MapRegisterBase);
NTSTATUS io_dma_configure_channel(PDMA_ADAPTER DmaAdapter, ULONG FunctionNumber, PVOID Context);
BOOLEAN io_dma_cancel_channel(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                              PVOID DmaTransferContext);
NTSTATUS io_dma_map_transfer_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                ULONGLONG Offset, ULONG DeviceOffset, PULONG Length,
                                BOOLEAN WriteToDevice, PSCATTER_GATHER_LIST ScatterGatherBuffer,
                                ULONG ScatterGatherBufferLength,
                                PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                                PVOID CompletionContext);
NTSTATUS io_dma_get_list_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                            PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                            ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                            BOOLEAN WriteToDevice, PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                            PVOID CompletionContext, PSCATTER_GATHER_LIST *ScatterGatherList);
NTSTATUS io_dma_build_list_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                              PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                              ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                              BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer,
                              ULONG ScatterGatherLength,
                              PDMA_COMPLETION_ROUTINE DmaCompletionRoutine, PVOID CompletionContext,
                              PVOID ScatterGatherList);
NTSTATUS io_dma_flush_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase, ULONGLONG Offset,
                         ULONG Length, BOOLEAN WriteToDevice);
VOID io_dma_free_adapter_object(PDMA_ADAPTER DmaAdapter, IO_ALLOCATION_ACTION AllocationAction);
NTSTATUS io_dma_cancel_mapped(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext);

#endif
