/*
 * dma.c - WDM DMA adapters: IoGetDmaAdapter and the routines of its DMA_OPERATIONS table.
 *
 * The model (docs/dma.md): drvhost has no IOMMU and no DMA hardware; the device a test plays
 * shares the process, so a logical address (what a driver programs into its device) is the
 * address of the bytes in the host's address space. An MDL's PFN array holds the pages of its
 * virtual range (src/io/mdl.c), and a logical address is made from those PFNs, so an element of
 * a scatter/gather list is a run of consecutive PFNs: one element per MDL piece. Versions 1 and 2
 * are bus masters only (a subordinate device's IoGetDmaAdapter is NULL); version 3 adds the
 * extended routines and, for a subordinate device, a simulated system DMA controller channel
 * ("Version 3" below).
 *
 * Map registers: IoGetDmaAdapter grants BYTES_TO_PAGES(MaximumLength) + 1 (a transfer of the
 * maximum length that does not start on a page boundary spans one more page). A transfer needing
 * more is refused as the pages say; below that, drvhost does not run short of map registers
 * (requests never wait for each other's registers, only for the adapter channel). They are
 * counted so that freeing too many, or releasing the adapter while some are held, is the
 * verifier's 0xE6 bug check.
 *
 * Double buffering, as map registers do on Windows: a device that cannot reach the buffer (a
 * 32-bit device, a buffer above 4 GiB) or cannot take its pieces (a chain, for a device without
 * scatter/gather) gets a copy (below 4 GiB for a 32-bit device) as one range: written from the
 * buffer when the transfer is mapped for a write to the device, copied back to the buffer by
 * PutScatterGatherList / FlushAdapterBuffers after a read from it. A 32-bit device's common
 * buffers are allocated below 4 GiB.
 *
 * Locking: the adapter's mutex guards its counts, common buffer list, S/G list records and the
 * channel queue; it is never held while driver code runs (an AdapterControl or AdapterListControl
 * routine). Lifetime: the adapter lives from IoGetDmaAdapter to PutDmaAdapter; a map register
 * base from AllocateAdapterChannel's grant to FreeMapRegisters (or FreeAdapterChannel / the
 * routine's DeallocateObject); a scatter/gather list from Get/BuildScatterGatherList to
 * PutScatterGatherList.
 */
#include "io/io_private.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

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

static const DMA_OPERATIONS io_dma_ops_v1, io_dma_ops_v2, io_dma_ops_v3;
static BOOLEAN io_dma_v3_init(struct io_dma_adapter *ad, PDEVICE_DESCRIPTION d);
static void io_dma_v3_put(struct io_dma_adapter *ad);
static void io_dma_v3_granted(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb);
static void io_dma_v3_released(struct io_dma_adapter *ad);
static ULONG io_dma_xfer_remaining(struct io_dma_adapter *ad);

/* ---- adapters ----------------------------------------------------------------------------- */

static struct io_dma_adapter *io_dma_of(PDMA_ADAPTER a, const char *ddi)
{
    struct io_dma_adapter *ad = (struct io_dma_adapter *)a;
    if (a == NULL || ad->magic != IO_DMA_MAGIC)
        vf_dma_violation(VF_E6_NULL_ADAPTER, 0, 0, 0,
                         "%s: not a DMA adapter from IoGetDmaAdapter (%p)", ddi, (void *)a);
    return ad;
}

/* Which table a description gets, NULL (with the reason) if none. */
static const DMA_OPERATIONS *io_dma_ops_for(PDEVICE_DESCRIPTION d)
{
    if (d->Version > DEVICE_DESCRIPTION_VERSION3)
        vf_dma_violation(VF_E6_UNKNOWN_DESCRIPTION, d->Version, 0, 0,
                         "IoGetDmaAdapter: DEVICE_DESCRIPTION version %lu is not one of 0-3",
                         (unsigned long)d->Version);
    if (d->Version == DEVICE_DESCRIPTION_VERSION3)
        return &io_dma_ops_v3; /* a bus master or a system DMA controller channel */
    if (!d->Master) {
        rtl_diag(RTL_DIAG_WARN, "io",
                 "IoGetDmaAdapter: a subordinate device's system DMA controller is simulated for "
                 "DEVICE_DESCRIPTION_VERSION3 only: NULL");
        return NULL;
    }
    return d->Version == DEVICE_DESCRIPTION_VERSION2 ? &io_dma_ops_v2 : &io_dma_ops_v1;
}

PDMA_ADAPTER NTAPI IoGetDmaAdapter(PDEVICE_OBJECT PhysicalDeviceObject,
                                   PDEVICE_DESCRIPTION DeviceDescription,
                                   PULONG NumberOfMapRegisters)
{
    const DMA_OPERATIONS *ops;
    struct io_dma_adapter *ad;
    (void)PhysicalDeviceObject; /* no bus to ask: the description says it all */
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetDmaAdapter", PhysicalDeviceObject,
                          __builtin_return_address(0));
    ops = io_dma_ops_for(DeviceDescription);
    if (ops == NULL)
        return NULL;
    ad = ex_alloc(sizeof(*ad), IO_DMA_TAG);
    if (ad == NULL)
        return NULL;
    ad->pub.Version = 1; /* always 1, whatever the table's version (the page) */
    ad->pub.Size = sizeof(DMA_ADAPTER);
    ad->pub.DmaOperations = (PDMA_OPERATIONS)ops;
    ad->magic = IO_DMA_MAGIC;
    ad->scatter_gather = DeviceDescription->ScatterGather;
    ad->dma64 = DeviceDescription->Dma64BitAddresses;
    ad->map_registers = BYTES_TO_PAGES(DeviceDescription->MaximumLength) + 1;
    os_mutex_init(&ad->lock);
    InitializeListHead(&ad->waiters);
    if (!io_dma_v3_init(ad, DeviceDescription)) {
        os_mutex_destroy(&ad->lock);
        ex_free(ad);
        return NULL;
    }
    *NumberOfMapRegisters = ad->map_registers;
    return &ad->pub;
}

static void io_dma_put_adapter(PDMA_ADAPTER DmaAdapter)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "PutDmaAdapter");
    ULONG lists = ad->lists_made - ad->lists_put;
    vf_dma_check_irql("PutDmaAdapter", DISPATCH_LEVEL, FALSE);
    io_dma_v3_put(ad);
    if (ad->common_count != 0)
        vf_dma_violation(VF_E6_PUT_WITH_COMMON_BUFFERS, (ULONG_PTR)ad, ad->common_count, 0,
                         "PutDmaAdapter(%p) with %lu common buffers not freed", (void *)ad,
                         (unsigned long)ad->common_count);
    if (ad->owner != NULL || !IsListEmpty(&ad->waiters))
        vf_dma_violation(VF_E6_PUT_WITH_CHANNELS, (ULONG_PTR)ad, 1, 0,
                         "PutDmaAdapter(%p) with its adapter channel allocated or waited for",
                         (void *)ad);
    if (ad->registers_held != 0)
        vf_dma_violation(VF_E6_PUT_WITH_MAP_REGISTERS, (ULONG_PTR)ad, ad->registers_held, 0,
                         "PutDmaAdapter(%p) with %lu map registers not freed", (void *)ad,
                         (unsigned long)ad->registers_held);
    if (lists != 0)
        vf_dma_violation(VF_E6_PUT_WITH_SG_LISTS, (ULONG_PTR)ad, lists, 0,
                         "PutDmaAdapter(%p) with %lu scatter/gather lists not put", (void *)ad,
                         (unsigned long)lists);
    ad->magic = 0;
    os_mutex_destroy(&ad->lock);
    ex_free(ad);
}

/* The host has no DMA alignment constraint: 1 (any address, any length). */
static ULONG io_dma_get_alignment(PDMA_ADAPTER DmaAdapter)
{
    (void)io_dma_of(DmaAdapter, "GetDmaAlignment");
    vf_dma_check_irql("GetDmaAlignment", PASSIVE_LEVEL, FALSE);
    return 1;
}

/* Only for subordinate devices (the page): the bytes the system controller has still to move.
 * A bus master's transfer count is the device's own business: 0, with a warning. */
static ULONG io_dma_read_counter(PDMA_ADAPTER DmaAdapter)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "ReadDmaCounter");
    vf_dma_check_irql("ReadDmaCounter", DISPATCH_LEVEL, FALSE);
    if (ad->system)
        return io_dma_xfer_remaining(ad);
    rtl_diag(RTL_DIAG_WARN, "io",
             "ReadDmaCounter on a bus-master adapter (it is for subordinate devices): 0");
    return 0;
}

/* ---- common buffers ----------------------------------------------------------------------- */

/* A common buffer of whole pages (a page at least), below 4 GiB if `low`. */
static PVOID io_dma_common_new(struct io_dma_adapter *ad, ULONG Length, BOOLEAN low,
                               PPHYSICAL_ADDRESS LogicalAddress)
{
    struct io_dma_common *c;
    size_t size = (size_t)BYTES_TO_PAGES(Length) * PAGE_SIZE;
    if (size == 0)
        size = PAGE_SIZE;
    c = ex_alloc(sizeof(*c), IO_DMA_TAG);
    if (c == NULL)
        return NULL;
    c->va = os_pages_alloc(size, low);
    if (c->va == NULL) {
        ex_free(c);
        return NULL;
    }
    c->size = size;
    os_mutex_lock(&ad->lock);
    c->next = ad->commons;
    ad->commons = c;
    ad->common_count++;
    os_mutex_unlock(&ad->lock);
    LogicalAddress->QuadPart = (LONGLONG)(ULONG_PTR)c->va;
    return c->va;
}

static PVOID io_dma_allocate_common(PDMA_ADAPTER DmaAdapter, ULONG Length,
                                    PPHYSICAL_ADDRESS LogicalAddress, BOOLEAN CacheEnabled)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "AllocateCommonBuffer");
    (void)CacheEnabled; /* ignored, as the page says */
    vf_dma_check_irql("AllocateCommonBuffer", PASSIVE_LEVEL, FALSE);
    return io_dma_common_new(ad, Length, !ad->dma64, LogicalAddress);
}

static VOID io_dma_free_common(PDMA_ADAPTER DmaAdapter, ULONG Length,
                               PHYSICAL_ADDRESS LogicalAddress, PVOID VirtualAddress,
                               BOOLEAN CacheEnabled)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "FreeCommonBuffer");
    struct io_dma_common **pp, *c = NULL;
    (void)Length;
    (void)LogicalAddress;
    (void)CacheEnabled;
    vf_dma_check_irql("FreeCommonBuffer", PASSIVE_LEVEL, FALSE);
    os_mutex_lock(&ad->lock);
    for (pp = &ad->commons; *pp != NULL; pp = &(*pp)->next)
        if ((*pp)->va == VirtualAddress) {
            c = *pp;
            *pp = c->next;
            ad->common_count--;
            break;
        }
    os_mutex_unlock(&ad->lock);
    if (c == NULL)
        vf_dma_violation(VF_E6_EXTRA_COMMON_BUFFER_FREED, 1, 0, 0,
                         "FreeCommonBuffer(%p): not a common buffer of adapter %p (freed twice?)",
                         VirtualAddress, (void *)ad);
    os_pages_free(c->va, c->size);
    ex_free(c);
}

/* ---- MDLs and logical addresses ----------------------------------------------------------- */

static void io_dma_check_mdl(PMDL mdl)
{
    if (!(mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL)))
        vf_dma_violation(VF_E6_BUFFER_NOT_LOCKED, (ULONG_PTR)mdl, 0, 0,
                         "DMA of MDL %p, which is neither locked nor built for nonpaged pool",
                         (void *)mdl);
}

/* The byte offset of `va` in `mdl`: 0xE6/0x1B if it is not inside. */
static ULONG io_dma_offset_in(PMDL mdl, PVOID va)
{
    PUCHAR start = MmGetMdlVirtualAddress(mdl);
    if ((PUCHAR)va < start || (PUCHAR)va >= start + MmGetMdlByteCount(mdl))
        vf_dma_violation(VF_E6_ADDRESS_OUTSIDE_MDL, (ULONG_PTR)va, (ULONG_PTR)mdl, 0,
                         "address %p is outside MDL %p (%p, %lu bytes)", va, (void *)mdl,
                         (void *)start, (unsigned long)MmGetMdlByteCount(mdl));
    return (ULONG)((PUCHAR)va - start);
}

/* The logical address of byte `offset` of the MDL: from its PFN array. */
static LONGLONG io_dma_logical(PMDL mdl, ULONG offset)
{
    ULONG at = mdl->ByteOffset + offset;
    return (LONGLONG)((MmGetMdlPfnArray(mdl)[at >> PAGE_SHIFT] << PAGE_SHIFT) +
                      (at & (PAGE_SIZE - 1)));
}

/* How many bytes from byte `offset` of the MDL are one logical run (consecutive PFNs). */
static ULONG io_dma_run(PMDL mdl, ULONG offset)
{
    ULONG at = mdl->ByteOffset + offset, end = mdl->ByteOffset + MmGetMdlByteCount(mdl);
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    ULONG page = at >> PAGE_SHIFT, last = (end - 1) >> PAGE_SHIFT;
    while (page < last && pfn[page + 1] == pfn[page] + 1)
        page++;
    return (page == last ? end : (page + 1) << PAGE_SHIFT) - at;
}

/* Copies `length` bytes between the chain from CurrentVa and `copy`: into the copy for a write
 * to the device (to_copy), back into the buffer after a read from it. */
static void io_dma_copy(PMDL mdl, PVOID CurrentVa, ULONG length, PUCHAR copy, BOOLEAN to_copy)
{
    ULONG offset = (ULONG)((PUCHAR)CurrentVa - (PUCHAR)MmGetMdlVirtualAddress(mdl));
    for (; mdl != NULL && length > 0; mdl = mdl->Next, offset = 0) {
        ULONG piece = MmGetMdlByteCount(mdl) - offset;
        PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl) + offset; /* one address space */
        piece = piece < length ? piece : length;
        if (to_copy)
            memcpy(copy, va, piece);
        else
            memcpy(va, copy, piece);
        copy += piece;
        length -= piece;
    }
}

/* ---- adapter channels and map registers --------------------------------------------------- */

static struct io_dma_map_base *io_dma_base_new(ULONG count)
{
    struct io_dma_map_base *b = ex_alloc(sizeof(*b), IO_DMA_TAG);
    if (b != NULL) {
        b->magic = IO_DMA_MAP_MAGIC;
        b->count = count;
    }
    return b;
}

static void io_dma_base_free(struct io_dma_adapter *ad, struct io_dma_map_base *b)
{
    os_mutex_lock(&ad->lock);
    ad->registers_held -= b->count;
    os_mutex_unlock(&ad->lock);
    b->magic = 0;
    if (b->copy != NULL) {
        os_pages_free(b->copy, (size_t)b->count * PAGE_SIZE);
        ex_free(b->mapping);
    }
    ex_free(b);
}

static void io_dma_release_channel(struct io_dma_adapter *ad);

/* Runs the AdapterControl routine of the request the channel was just given to (ad->owner is its
 * device: the device's own Wcb for AllocateAdapterChannel, the transfer context's for
 * AllocateAdapterChannelEx), at DISPATCH_LEVEL (the caller's), and does what it returns. */
static void io_dma_grant(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb)
{
    PDEVICE_OBJECT dev = wcb->DeviceObject;
    struct io_dma_map_base *b = io_dma_base_new(wcb->NumberOfMapRegisters);
    IO_ALLOCATION_ACTION action;
    if (b == NULL)
        vf_dma_violation(VF_E6_MISCELLANEOUS, 2, wcb->NumberOfMapRegisters, 0,
                         "no memory for a map register base");
    os_mutex_lock(&ad->lock);
    ad->registers_held += b->count;
    ad->owner_base = b;
    os_mutex_unlock(&ad->lock);
    action = wcb->DeviceRoutine(dev, wcb->CurrentIrp, b, wcb->DeviceContext);
    if (action == KeepObject)
        return; /* channel and registers until FreeAdapterChannel */
    if (action == DeallocateObject)
        io_dma_base_free(ad, b);
    os_mutex_lock(&ad->lock);
    ad->owner_base = NULL;
    os_mutex_unlock(&ad->lock);
    io_dma_release_channel(ad);
}

/* The channel is free again: the next waiting request gets it (its routine runs here). */
static void io_dma_release_channel(struct io_dma_adapter *ad)
{
    PWAIT_CONTEXT_BLOCK next = NULL;
    io_dma_v3_released(ad);
    os_mutex_lock(&ad->lock);
    ad->owner = NULL;
    ad->owner_ctx = NULL;
    if (!IsListEmpty(&ad->waiters)) {
        PLIST_ENTRY e = RemoveHeadList(&ad->waiters);
        next = CONTAINING_RECORD(e, WAIT_CONTEXT_BLOCK, DmaWaitEntry);
        ad->owner = next->DeviceObject;
        io_dma_v3_granted(ad, next);
    }
    os_mutex_unlock(&ad->lock);
    if (next != NULL)
        io_dma_grant(ad, next);
}

static BOOLEAN io_dma_is_waiting(struct io_dma_adapter *ad, PDEVICE_OBJECT dev)
{
    for (PLIST_ENTRY e = ad->waiters.Flink; e != &ad->waiters; e = e->Flink)
        if (e == &dev->Queue.Wcb.DmaWaitEntry)
            return TRUE;
    return FALSE;
}

static NTSTATUS io_dma_allocate_channel(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                        ULONG NumberOfMapRegisters,
                                        PDRIVER_CONTROL ExecutionRoutine, PVOID Context)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "AllocateAdapterChannel");
    PWAIT_CONTEXT_BLOCK wcb = &DeviceObject->Queue.Wcb;
    BOOLEAN now;
    vf_dma_check_irql("AllocateAdapterChannel", DISPATCH_LEVEL, TRUE);
    if (NumberOfMapRegisters > ad->map_registers)
        return STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_lock(&ad->lock);
    if (ad->owner == DeviceObject || io_dma_is_waiting(ad, DeviceObject)) {
        os_mutex_unlock(&ad->lock);
        vf_dma_violation(VF_E6_TOO_MANY_CHANNELS, 2, 0, 0,
                         "AllocateAdapterChannel: device %p already holds or waits for the "
                         "channel of adapter %p",
                         (void *)DeviceObject, (void *)ad);
    }
    wcb->DeviceRoutine = ExecutionRoutine;
    wcb->DeviceContext = Context;
    wcb->NumberOfMapRegisters = NumberOfMapRegisters;
    wcb->DeviceObject = DeviceObject;
    wcb->CurrentIrp = DeviceObject->CurrentIrp;
    wcb->DmaContext = 0; /* not a transfer context's (io_dma_v3_granted) */
    now = ad->owner == NULL;
    if (now)
        ad->owner = DeviceObject;
    else
        InsertTailList(&ad->waiters, &wcb->DmaWaitEntry);
    os_mutex_unlock(&ad->lock);
    if (now)
        io_dma_grant(ad, wcb);
    return STATUS_SUCCESS;
}

/* Frees the channel and the registers kept with it (an AdapterControl that returned KeepObject). */
static VOID io_dma_free_channel(PDMA_ADAPTER DmaAdapter)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "FreeAdapterChannel");
    struct io_dma_map_base *b;
    vf_dma_check_irql("FreeAdapterChannel", DISPATCH_LEVEL, TRUE);
    os_mutex_lock(&ad->lock);
    b = ad->owner_base;
    ad->owner_base = NULL;
    if (ad->owner == NULL) {
        os_mutex_unlock(&ad->lock);
        vf_dma_violation(VF_E6_EXTRA_CHANNEL_FREED, 1, 0, 0,
                         "FreeAdapterChannel(%p): the adapter channel is not allocated",
                         (void *)ad);
    }
    os_mutex_unlock(&ad->lock);
    if (b != NULL)
        io_dma_base_free(ad, b);
    io_dma_release_channel(ad);
}

static struct io_dma_map_base *io_dma_base_of(PVOID MapRegisterBase, ULONG count)
{
    struct io_dma_map_base *b = MapRegisterBase;
    if (b == NULL || b->magic != IO_DMA_MAP_MAGIC)
        vf_dma_violation(VF_E6_EXTRA_MAP_REGISTERS_FREED, count ? count : 1, 0, 0,
                         "%p is not a map register base the adapter handed out (freed twice?)",
                         MapRegisterBase);
    return b;
}

static VOID io_dma_free_map_registers(PDMA_ADAPTER DmaAdapter, PVOID MapRegisterBase,
                                      ULONG NumberOfMapRegisters)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "FreeMapRegisters");
    struct io_dma_map_base *b;
    vf_dma_check_irql("FreeMapRegisters", DISPATCH_LEVEL, TRUE);
    b = io_dma_base_of(MapRegisterBase, NumberOfMapRegisters);
    if (NumberOfMapRegisters > b->count)
        vf_dma_violation(VF_E6_EXTRA_MAP_REGISTERS_FREED, NumberOfMapRegisters - b->count, 0, 0,
                         "FreeMapRegisters(%p, %lu): only %lu were allocated", MapRegisterBase,
                         (unsigned long)NumberOfMapRegisters, (unsigned long)b->count);
    os_mutex_lock(&ad->lock);
    if (ad->owner_base == b)
        ad->owner_base = NULL;
    os_mutex_unlock(&ad->lock);
    io_dma_base_free(ad, b);
}

/* MapTransfer through the registers' double buffer (count pages below 4 GiB): the logical
 * address of the copy. Running out of it is 0xE6/0 ("out of contiguous map registers"). */
static LONGLONG io_dma_map_copy(struct io_dma_map_base *b, PVOID va, ULONG length, BOOLEAN write)
{
    size_t size = (size_t)b->count * PAGE_SIZE;
    struct io_dma_mapping *m;
    if (b->copy == NULL) {
        b->mapping = ex_alloc(b->count * sizeof(*b->mapping), IO_DMA_TAG);
        b->copy = b->mapping != NULL ? os_pages_alloc(size, TRUE) : NULL;
        if (b->copy == NULL) {
            ex_free(b->mapping);
            b->mapping = NULL;
        }
    }
    if (b->copy == NULL || b->mappings == b->count || b->used + (size_t)length > size)
        vf_dma_violation(VF_E6_MISCELLANEOUS, 2, BYTES_TO_PAGES(b->used + (size_t)length), b->count,
                         "MapTransfer: no room in the map registers' double buffer");
    m = &b->mapping[b->mappings++];
    m->va = va;
    m->offset = b->used;
    m->length = length;
    m->write = write;
    if (write)
        memcpy(b->copy + b->used, va, length);
    b->used += length;
    return (LONGLONG)(ULONG_PTR)(b->copy + m->offset);
}

static PHYSICAL_ADDRESS io_dma_map_transfer(PDMA_ADAPTER DmaAdapter, PMDL Mdl,
                                            PVOID MapRegisterBase, PVOID CurrentVa, PULONG Length,
                                            BOOLEAN WriteToDevice)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "MapTransfer");
    struct io_dma_map_base *b = io_dma_base_of(MapRegisterBase, 0);
    ULONG offset, left, length = *Length, needed;
    PHYSICAL_ADDRESS la;
    vf_dma_check_irql("MapTransfer", DISPATCH_LEVEL, FALSE);
    io_dma_check_mdl(Mdl);
    if (length == 0)
        vf_dma_violation(VF_E6_ZERO_LENGTH_MAP, (ULONG_PTR)Mdl, 0, 0,
                         "MapTransfer of 0 bytes of MDL %p", (void *)Mdl);
    offset = io_dma_offset_in(Mdl, CurrentVa);
    left = io_dma_run(Mdl, offset);
    if (ad->scatter_gather) {
        /* As many bytes as are logically contiguous and the registers cover. */
        ULONG cover = b->count * PAGE_SIZE - BYTE_OFFSET(CurrentVa);
        if (b->count == 0)
            cover = 0;
        length = length < left ? length : left;
        length = length < cover ? length : cover;
        if (length == 0)
            vf_dma_violation(VF_E6_TOO_MANY_MAP_REGISTERS, 1, 0, 0,
                             "MapTransfer with a map register base of no registers");
        *Length = length;
    } else if (length > left) {
        vf_dma_violation(VF_E6_BUFFER_TOO_SHORT, length - left, 0, 0,
                         "MapTransfer of %lu bytes from %p: MDL %p has %lu from there",
                         (unsigned long)length, CurrentVa, (void *)Mdl, (unsigned long)left);
    }
    needed = ADDRESS_AND_SIZE_TO_SPAN_PAGES(CurrentVa, length);
    if (needed > b->count)
        vf_dma_violation(VF_E6_TOO_MANY_MAP_REGISTERS, needed, b->count, 0,
                         "MapTransfer of %lu bytes needs %lu map registers; %lu were allocated",
                         (unsigned long)length, (unsigned long)needed, (unsigned long)b->count);
    la.QuadPart = io_dma_logical(Mdl, offset);
    if (!ad->dma64 && (ULONGLONG)la.QuadPart + length > IO_4G)
        la.QuadPart = io_dma_map_copy(b, CurrentVa, length, WriteToDevice);
    return la;
}

/* Copies back what the device wrote into the double buffer since the last flush (a read from the
 * device); the registers' copy area is free again. */
static void io_dma_flush_base(struct io_dma_map_base *b)
{
    for (ULONG i = 0; i < b->mappings; i++)
        if (!b->mapping[i].write)
            memcpy(b->mapping[i].va, b->copy + b->mapping[i].offset, b->mapping[i].length);
    b->used = b->mappings = 0;
}

static BOOLEAN io_dma_flush(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                            PVOID CurrentVa, ULONG Length, BOOLEAN WriteToDevice)
{
    struct io_dma_map_base *b;
    (void)io_dma_of(DmaAdapter, "FlushAdapterBuffers");
    (void)Length;
    (void)WriteToDevice;
    vf_dma_check_irql("FlushAdapterBuffers", DISPATCH_LEVEL, FALSE);
    b = io_dma_base_of(MapRegisterBase, 0);
    io_dma_check_mdl(Mdl);
    (void)io_dma_offset_in(Mdl, CurrentVa);
    io_dma_flush_base(b);
    return TRUE;
}

/* ---- scatter/gather lists ----------------------------------------------------------------- */

/* Walks `length` bytes of the chain from CurrentVa (in the first MDL): the elements (written to
 * sg if not NULL) and the map registers they need. STATUS_BUFFER_TOO_SMALL if the chain ends
 * first. */
static NTSTATUS io_dma_walk(PMDL mdl, PVOID CurrentVa, ULONG length, PSCATTER_GATHER_LIST sg,
                            ULONG *elements, ULONG *registers)
{
    ULONG n = 0, regs = 0, offset = io_dma_offset_in(mdl, CurrentVa);
    for (; mdl != NULL && length > 0; mdl = mdl->Next, offset = 0) {
        io_dma_check_mdl(mdl);
        while (offset < MmGetMdlByteCount(mdl) && length > 0) {
            ULONG run = io_dma_run(mdl, offset);
            PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl) + offset;
            run = run < length ? run : length;
            if (sg != NULL) {
                sg->Elements[n].Address.QuadPart = io_dma_logical(mdl, offset);
                sg->Elements[n].Length = run;
                sg->Elements[n].Reserved = 0;
            }
            n++;
            regs += ADDRESS_AND_SIZE_TO_SPAN_PAGES(va, run);
            offset += run;
            length -= run;
        }
    }
    *elements = n;
    *registers = regs;
    if (sg != NULL)
        sg->NumberOfElements = n;
    return length == 0 ? STATUS_SUCCESS : STATUS_BUFFER_TOO_SMALL;
}

static ULONG io_dma_sg_size(ULONG elements)
{
    return (ULONG)(FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) +
                   (size_t)elements * sizeof(SCATTER_GATHER_ELEMENT));
}

static NTSTATUS io_dma_calculate(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID CurrentVa, ULONG Length,
                                 PULONG ScatterGatherListSize, PULONG pNumberOfMapRegisters)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "CalculateScatterGatherList");
    ULONG n, regs;
    if (Mdl == NULL) { /* the most the buffer could need: an element and a register a page */
        n = regs = ADDRESS_AND_SIZE_TO_SPAN_PAGES(CurrentVa, Length);
    } else {
        NTSTATUS status = io_dma_walk(Mdl, CurrentVa, Length, NULL, &n, &regs);
        if (!NT_SUCCESS(status))
            return status;
    }
    if (regs > ad->map_registers)
        return STATUS_INSUFFICIENT_RESOURCES;
    *ScatterGatherListSize = io_dma_sg_size(n);
    if (pNumberOfMapRegisters != NULL)
        *pNumberOfMapRegisters = regs;
    return STATUS_SUCCESS;
}

/* Whether the device can take the list as it is: its elements' count (one, without
 * scatter/gather) and addresses (below 4 GiB for a 32-bit device). */
static BOOLEAN io_dma_reachable(struct io_dma_adapter *ad, PSCATTER_GATHER_LIST sg)
{
    if (!ad->scatter_gather && sg->NumberOfElements > 1)
        return FALSE;
    for (ULONG i = 0; !ad->dma64 && i < sg->NumberOfElements; i++)
        if ((ULONGLONG)sg->Elements[i].Address.QuadPart + sg->Elements[i].Length > IO_4G)
            return FALSE;
    return TRUE;
}

/* Replaces the list by one element, a double buffer the device can reach. */
static NTSTATUS io_dma_double_buffer(struct io_dma_adapter *ad, struct io_dma_sg *rec)
{
    rec->copy_size = (size_t)BYTES_TO_PAGES(rec->length) * PAGE_SIZE;
    rec->copy = os_pages_alloc(rec->copy_size, !ad->dma64);
    if (rec->copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (rec->write)
        io_dma_copy(rec->mdl, rec->va, rec->length, rec->copy, TRUE);
    rec->list->NumberOfElements = 1;
    rec->list->Elements[0].Address.QuadPart = (LONGLONG)(ULONG_PTR)rec->copy;
    rec->list->Elements[0].Length = rec->length;
    rec->list->Elements[0].Reserved = 0;
    return STATUS_SUCCESS;
}

static void io_dma_sg_free(struct io_dma_sg *rec)
{
    if (rec->copy_mdl != NULL)
        IoFreeMdl(rec->copy_mdl);
    if (rec->copy != NULL)
        os_pages_free(rec->copy, rec->copy_size);
    if (rec->owned)
        ex_free(rec->list);
    ex_free(rec);
}

/* Get/BuildScatterGatherList(Ex): `buffer` NULL allocates the list; `out` (if not NULL) gets it
 * before the routine (if any: the Ex routines' synchronous calls may have none) runs. */
static NTSTATUS io_dma_make_list(struct io_dma_adapter *ad, PDEVICE_OBJECT dev, PMDL mdl,
                                 PVOID CurrentVa, ULONG Length, PDRIVER_LIST_CONTROL routine,
                                 PVOID Context, BOOLEAN write, PVOID buffer, ULONG buffer_length,
                                 PSCATTER_GATHER_LIST *out)
{
    ULONG n, regs;
    NTSTATUS status = io_dma_walk(mdl, CurrentVa, Length, NULL, &n, &regs);
    struct io_dma_sg *rec;
    if (!NT_SUCCESS(status))
        return status;
    if (regs > ad->map_registers)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (buffer != NULL && buffer_length < io_dma_sg_size(n))
        return STATUS_BUFFER_TOO_SMALL;
    rec = ex_alloc(sizeof(*rec), IO_DMA_TAG);
    if (rec == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    rec->owned = buffer == NULL;
    rec->list = buffer != NULL ? buffer : ex_alloc(io_dma_sg_size(n), IO_DMA_TAG);
    if (rec->list == NULL) {
        ex_free(rec);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    (void)io_dma_walk(mdl, CurrentVa, Length, rec->list, &n, &regs);
    rec->list->Reserved = 0;
    rec->write = write;
    rec->mdl = mdl;
    rec->va = CurrentVa;
    rec->length = Length;
    if (!io_dma_reachable(ad, rec->list) && !NT_SUCCESS(io_dma_double_buffer(ad, rec))) {
        io_dma_sg_free(rec);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    os_mutex_lock(&ad->lock);
    rec->next = ad->lists;
    ad->lists = rec;
    ad->lists_made++;
    os_mutex_unlock(&ad->lock);
    if (out != NULL)
        *out = rec->list;
    if (routine != NULL)
        routine(dev, dev->CurrentIrp, rec->list, Context);
    return STATUS_SUCCESS;
}

static NTSTATUS io_dma_get_list(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject, PMDL Mdl,
                                PVOID CurrentVa, ULONG Length,
                                PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                                BOOLEAN WriteToDevice)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "GetScatterGatherList");
    vf_dma_check_irql("GetScatterGatherList", DISPATCH_LEVEL, TRUE);
    return io_dma_make_list(ad, DeviceObject, Mdl, CurrentVa, Length, ExecutionRoutine, Context,
                            WriteToDevice, NULL, 0, NULL);
}

static NTSTATUS io_dma_build_list(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject, PMDL Mdl,
                                  PVOID CurrentVa, ULONG Length,
                                  PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                                  BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer,
                                  ULONG ScatterGatherLength)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "BuildScatterGatherList");
    vf_dma_check_irql("BuildScatterGatherList", DISPATCH_LEVEL, TRUE);
    if (ScatterGatherBuffer == NULL)
        return STATUS_BUFFER_TOO_SMALL;
    return io_dma_make_list(ad, DeviceObject, Mdl, CurrentVa, Length, ExecutionRoutine, Context,
                            WriteToDevice, ScatterGatherBuffer, ScatterGatherLength, NULL);
}

/* Flushes (a double buffer's bytes back into the buffer after a read from the device) and
 * frees. */
static VOID io_dma_put_list(PDMA_ADAPTER DmaAdapter, PSCATTER_GATHER_LIST ScatterGather,
                            BOOLEAN WriteToDevice)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "PutScatterGatherList");
    struct io_dma_sg **pp, *rec = NULL;
    (void)WriteToDevice; /* the direction the list was made for counts */
    vf_dma_check_irql("PutScatterGatherList", DISPATCH_LEVEL, TRUE);
    os_mutex_lock(&ad->lock);
    for (pp = &ad->lists; *pp != NULL; pp = &(*pp)->next)
        if ((*pp)->list == ScatterGather) {
            rec = *pp;
            *pp = rec->next;
            ad->lists_put++;
            break;
        }
    os_mutex_unlock(&ad->lock);
    if (rec == NULL)
        vf_dma_violation(VF_E6_EXTRA_SG_LIST_FREED, ad->lists_made, ad->lists_put + 1, 0,
                         "PutScatterGatherList(%p): not an outstanding list of adapter %p "
                         "(put twice?)",
                         (void *)ScatterGather, (void *)ad);
    if (rec->copy != NULL && !rec->write)
        io_dma_copy(rec->mdl, rec->va, rec->length, rec->copy, FALSE);
    io_dma_sg_free(rec);
}

static struct io_dma_sg *io_dma_sg_find(struct io_dma_adapter *ad, PSCATTER_GATHER_LIST sg)
{
    struct io_dma_sg *rec;
    os_mutex_lock(&ad->lock);
    for (rec = ad->lists; rec != NULL && rec->list != sg; rec = rec->next)
        ;
    os_mutex_unlock(&ad->lock);
    return rec;
}

/* The MDL of what the list describes: the original one, or a new one of the double buffer (once:
 * a second call is STATUS_NONE_MAPPED, the page). A list that is not outstanding:
 * STATUS_INVALID_PARAMETER (drvhost's choice; the page names none). */
static NTSTATUS io_dma_build_mdl(PDMA_ADAPTER DmaAdapter, PSCATTER_GATHER_LIST ScatterGather,
                                 PMDL OriginalMdl, PMDL *TargetMdl)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "BuildMdlFromScatterGatherList");
    struct io_dma_sg *rec;
    vf_dma_check_irql("BuildMdlFromScatterGatherList", DISPATCH_LEVEL, FALSE);
    rec = io_dma_sg_find(ad, ScatterGather);
    if (OriginalMdl == NULL || rec == NULL)
        return STATUS_INVALID_PARAMETER;
    if (rec->copy == NULL) {
        *TargetMdl = OriginalMdl;
        return STATUS_SUCCESS;
    }
    if (rec->copy_mdl != NULL)
        return STATUS_NONE_MAPPED;
    rec->copy_mdl = IoAllocateMdl(rec->copy, rec->length, FALSE, FALSE, NULL);
    if (rec->copy_mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmBuildMdlForNonPagedPool(rec->copy_mdl);
    *TargetMdl = rec->copy_mdl;
    return STATUS_SUCCESS;
}

/* ---- version 3 ---------------------------------------------------------------------------- */

/*
 * Transfer contexts: InitializeDmaTransferContext fills the driver's DMA_TRANSFER_CONTEXT_SIZE_V1
 * bytes with an io_dma_ctx (at the first 8-byte boundary: a driver may pass a CHAR array). It
 * tracks one allocation request (AllocateAdapterChannelEx, Get/BuildScatterGatherListEx):
 * IDLE, WAITING for the channel (its own wait block, DmaContext set, in ad->waiters: a device
 * may wait with several contexts), GRANTED, or CANCELLED (CancelAdapterChannel before the grant).
 * CancelMappedTransfer sets no_transfers. Guarded by the adapter's mutex.
 *
 * The system DMA controller (a subordinate device, DEVICE_DESCRIPTION_VERSION3): one channel per
 * adapter, whose device end is a loopback FIFO of IO_DMA_FIFO_SIZE bytes (drvhost has no device
 * registers: what a write to the device puts in, a read from it takes out, in order).
 * MapTransferEx queues the transfer and returns; the adapter's DPC, playing the controller's
 * completion interrupt, moves the bytes and calls the DmaCompletionRoutine at DISPATCH_LEVEL.
 * CancelMappedTransfer, FlushAdapterBuffersEx before the DPC ran (the page: "might cancel the
 * transfer"), releasing the channel and PutDmaAdapter cancel a queued transfer: no bytes move and
 * the routine gets DmaCancelled. States (under the adapter's mutex): IDLE, QUEUED, RUNNING (the
 * DPC moves the bytes), DONE (until FlushAdapterBuffersEx). The completion routine runs without
 * the mutex, counted in `completing` so that PutDmaAdapter waits for it.
 */
#define IO_DMA_CTX_MAGIC 0x58544344u /* "DCTX" */
#define IO_DMA_FIFO_SIZE (64u * 1024u)

enum io_dma_ctx_state {
    IO_DMA_CTX_IDLE,
    IO_DMA_CTX_WAITING,
    IO_DMA_CTX_GRANTED,
    IO_DMA_CTX_CANCELLED
};
enum io_dma_xfer_state {
    IO_DMA_X_IDLE,
    IO_DMA_X_QUEUED,
    IO_DMA_X_RUNNING,
    IO_DMA_X_DONE
};

struct io_dma_ctx {
    ULONG magic;
    ULONG state;
    BOOLEAN no_transfers; /* CancelMappedTransfer */
    struct io_dma_adapter *ad;
    PDEVICE_OBJECT dev;
    WAIT_CONTEXT_BLOCK wcb; /* the request, while it waits for the channel */
};
_Static_assert(sizeof(struct io_dma_ctx) + 7 <= DMA_TRANSFER_CONTEXT_SIZE_V1,
               "a transfer context fits the driver's bytes");

struct io_dma_xfer {
    KDPC dpc;
    ULONG state;
    PMDL mdl; /* the mapped bytes: the chain from va, length bytes */
    PVOID va;
    ULONG length;
    BOOLEAN write;
    PDMA_COMPLETION_ROUTINE routine;
    PVOID context;
    PDEVICE_OBJECT dev;
    ULONG completing;   /* completion routines running */
    PKTHREAD completer; /* the thread running the last one (PutDmaAdapter from it: no wait) */
    ULONG fifo_used;
    UCHAR fifo[IO_DMA_FIFO_SIZE];
};

static KDEFERRED_ROUTINE io_dma_xfer_dpc;

static BOOLEAN io_dma_v3_init(struct io_dma_adapter *ad, PDEVICE_DESCRIPTION d)
{
    ad->version = d->Version;
    ad->width = ad->dma64 ? 64 : 32;
    if (d->Version != DEVICE_DESCRIPTION_VERSION3)
        return TRUE;
    if (d->DmaAddressWidth != 0) { /* version 3 says the width in bits */
        ad->width = d->DmaAddressWidth;
        ad->dma64 = d->DmaAddressWidth > 32;
    }
    ad->system = !d->Master;
    if (!ad->system)
        return TRUE;
    ad->xfer = ex_alloc(sizeof(*ad->xfer), IO_DMA_TAG);
    if (ad->xfer == NULL)
        return FALSE;
    KeInitializeDpc(&ad->xfer->dpc, io_dma_xfer_dpc, ad);
    return TRUE;
}

static struct io_dma_ctx *io_dma_ctx_at(PVOID p)
{
    return (struct io_dma_ctx *)(((ULONG_PTR)p + 7) & ~(ULONG_PTR)7);
}

/* The driver's initialized transfer context, NULL if it is not one. */
static struct io_dma_ctx *io_dma_ctx_of(PVOID p)
{
    struct io_dma_ctx *c = p != NULL ? io_dma_ctx_at(p) : NULL;
    return c != NULL && c->magic == IO_DMA_CTX_MAGIC ? c : NULL;
}

static NTSTATUS io_dma_init_context(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "InitializeDmaTransferContext");
    struct io_dma_ctx *c;
    vf_dma_check_irql("InitializeDmaTransferContext", DISPATCH_LEVEL, FALSE);
    if (DmaTransferContext == NULL)
        return STATUS_INVALID_PARAMETER;
    memset(DmaTransferContext, 0, DMA_TRANSFER_CONTEXT_SIZE_V1);
    c = io_dma_ctx_at(DmaTransferContext);
    c->magic = IO_DMA_CTX_MAGIC;
    c->state = IO_DMA_CTX_IDLE;
    c->ad = ad;
    return STATUS_SUCCESS;
}

/* ---- the system controller's transfer ---- */

/* Moves the transfer's bytes between memory and the FIFO: DmaError if the FIFO has no room (a
 * write) or not the bytes (a read) for all of them; the rest moves. */
static DMA_COMPLETION_STATUS io_dma_xfer_move(struct io_dma_xfer *x)
{
    ULONG n;
    if (x->write) {
        n = IO_DMA_FIFO_SIZE - x->fifo_used;
        n = n < x->length ? n : x->length;
        io_dma_copy(x->mdl, x->va, n, x->fifo + x->fifo_used, TRUE);
        x->fifo_used += n;
    } else {
        n = x->fifo_used < x->length ? x->fifo_used : x->length;
        io_dma_copy(x->mdl, x->va, n, x->fifo, FALSE);
        memmove(x->fifo, x->fifo + n, x->fifo_used - n);
        x->fifo_used -= n;
    }
    return n == x->length ? DmaComplete : DmaError;
}

/* What a finished transfer's completion needs, taken under the adapter's mutex when it became
 * DONE (a next MapTransferEx may change the transfer while the routine runs). */
struct io_dma_done {
    PDMA_COMPLETION_ROUTINE routine;
    PDEVICE_OBJECT dev;
    PVOID context;
};

static struct io_dma_done io_dma_xfer_done(struct io_dma_xfer *x)
{
    struct io_dma_done d = {x->routine, x->dev, x->context};
    x->state = IO_DMA_X_DONE;
    x->completing++;
    return d;
}

/* Calls the completion routine (if any) at DISPATCH_LEVEL with `status`. */
static void io_dma_xfer_complete(struct io_dma_adapter *ad, struct io_dma_done d,
                                 DMA_COMPLETION_STATUS status)
{
    struct io_dma_xfer *x = ad->xfer;
    KIRQL old;
    if (d.routine != NULL) {
        os_mutex_lock(&ad->lock);
        x->completer = KeGetCurrentThread();
        os_mutex_unlock(&ad->lock);
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        d.routine(&ad->pub, d.dev, d.context, status);
        KeLowerIrql(old);
    }
    os_mutex_lock(&ad->lock);
    x->completer = NULL;
    x->completing--;
    os_mutex_unlock(&ad->lock);
}

/* The controller's completion interrupt: the transfer happens, then its routine runs. */
static VOID io_dma_xfer_dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    struct io_dma_adapter *ad = Context;
    struct io_dma_xfer *x = ad->xfer;
    DMA_COMPLETION_STATUS status;
    struct io_dma_done d;
    (void)Dpc;
    (void)Arg1;
    (void)Arg2;
    os_mutex_lock(&ad->lock);
    if (x->state != IO_DMA_X_QUEUED) { /* cancelled meanwhile */
        os_mutex_unlock(&ad->lock);
        return;
    }
    x->state = IO_DMA_X_RUNNING;
    os_mutex_unlock(&ad->lock);
    status = io_dma_xfer_move(x);
    os_mutex_lock(&ad->lock);
    d = io_dma_xfer_done(x);
    os_mutex_unlock(&ad->lock);
    io_dma_xfer_complete(ad, d, status);
}

/* Waits until no completion routine runs (but one of this thread: the routine may flush, free
 * the channel or put the adapter itself). */
static void io_dma_xfer_settle(struct io_dma_adapter *ad)
{
    struct io_dma_xfer *x = ad->xfer;
    os_mutex_lock(&ad->lock);
    while (x->completing != 0 && x->completer != KeGetCurrentThread()) {
        os_mutex_unlock(&ad->lock);
        os_yield();
        os_mutex_lock(&ad->lock);
    }
    os_mutex_unlock(&ad->lock);
}

/* Cancels a queued transfer (its routine gets DmaCancelled), waits for a running one and for
 * the completion routines. */
static void io_dma_xfer_cancel(struct io_dma_adapter *ad)
{
    struct io_dma_xfer *x = ad->xfer;
    BOOLEAN cancelled = FALSE;
    struct io_dma_done d;
    if (x == NULL)
        return;
    os_mutex_lock(&ad->lock);
    while (x->state == IO_DMA_X_RUNNING) {
        os_mutex_unlock(&ad->lock);
        os_yield();
        os_mutex_lock(&ad->lock);
    }
    if (x->state == IO_DMA_X_QUEUED) {
        d = io_dma_xfer_done(x);
        cancelled = TRUE;
    }
    os_mutex_unlock(&ad->lock);
    if (cancelled) {
        (void)KeRemoveQueueDpc(&x->dpc); /* if it still runs, it sees DONE and returns */
        io_dma_xfer_complete(ad, d, DmaCancelled);
    }
    io_dma_xfer_settle(ad);
}

static ULONG io_dma_xfer_remaining(struct io_dma_adapter *ad)
{
    ULONG left;
    os_mutex_lock(&ad->lock);
    left = ad->xfer->state == IO_DMA_X_QUEUED ? ad->xfer->length : 0;
    os_mutex_unlock(&ad->lock);
    return left;
}

static void io_dma_v3_put(struct io_dma_adapter *ad)
{
    struct io_dma_xfer *x = ad->xfer;
    if (x == NULL)
        return;
    io_dma_xfer_cancel(ad);
    (void)KeRemoveQueueDpc(&x->dpc);
    ad->xfer = NULL;
    ex_free(x);
}

/* ---- channel allocation ---- */

/* The channel was just given to a waiting request (under the adapter's mutex): a transfer
 * context's is granted. */
static void io_dma_v3_granted(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb)
{
    struct io_dma_ctx *c;
    if (!wcb->DmaContext)
        return;
    c = CONTAINING_RECORD(wcb, struct io_dma_ctx, wcb);
    c->state = IO_DMA_CTX_GRANTED;
    ad->owner_ctx = c;
}

/* The channel is being released: a transfer still queued on it is cancelled. */
static void io_dma_v3_released(struct io_dma_adapter *ad)
{
    io_dma_xfer_cancel(ad);
}

/* The parameter rules of AllocateAdapterChannelEx's page. */
static BOOLEAN io_dma_channel_ex_valid(ULONG Flags, PDRIVER_CONTROL routine, PVOID *base)
{
    BOOLEAN sync = (Flags & DMA_SYNCHRONOUS_CALLBACK) != 0;
    if ((Flags & ~(ULONG)DMA_SYNCHRONOUS_CALLBACK) != 0)
        return FALSE;
    if (routine == NULL)
        return sync && base != NULL;
    return base == NULL;
}

static NTSTATUS io_dma_allocate_channel_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                           PVOID DmaTransferContext, ULONG NumberOfMapRegisters,
                                           ULONG Flags, PDRIVER_CONTROL ExecutionRoutine,
                                           PVOID ExecutionContext, PVOID *MapRegisterBase)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "AllocateAdapterChannelEx");
    struct io_dma_ctx *c = io_dma_ctx_of(DmaTransferContext);
    PWAIT_CONTEXT_BLOCK wcb;
    BOOLEAN now;
    vf_dma_check_irql("AllocateAdapterChannelEx", DISPATCH_LEVEL, TRUE);
    if (c == NULL || !io_dma_channel_ex_valid(Flags, ExecutionRoutine, MapRegisterBase))
        return STATUS_INVALID_PARAMETER;
    if (NumberOfMapRegisters > ad->map_registers)
        return STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_lock(&ad->lock);
    if (c->state == IO_DMA_CTX_CANCELLED) { /* CancelAdapterChannel came first (the page) */
        os_mutex_unlock(&ad->lock);
        return STATUS_CANCELLED;
    }
    if (c->state == IO_DMA_CTX_WAITING || (ad->owner != NULL && ad->owner_ctx == c)) {
        os_mutex_unlock(&ad->lock); /* a context is unique to a request (the page) */
        vf_dma_violation(VF_E6_TOO_MANY_CHANNELS, 2, 0, 0,
                         "AllocateAdapterChannelEx: transfer context %p already holds or waits "
                         "for the channel of adapter %p",
                         DmaTransferContext, (void *)ad);
    }
    if ((Flags & DMA_SYNCHRONOUS_CALLBACK) && ad->owner != NULL) {
        os_mutex_unlock(&ad->lock);
        return STATUS_INSUFFICIENT_RESOURCES; /* not available now: no waiting (the page) */
    }
    wcb = &c->wcb;
    memset(wcb, 0, sizeof(*wcb));
    wcb->DeviceRoutine = ExecutionRoutine;
    wcb->DeviceContext = ExecutionContext;
    wcb->NumberOfMapRegisters = NumberOfMapRegisters;
    wcb->DeviceObject = DeviceObject;
    wcb->CurrentIrp = DeviceObject->CurrentIrp;
    wcb->DmaContext = 1;
    c->dev = DeviceObject;
    c->no_transfers = FALSE;
    now = ad->owner == NULL;
    if (now) {
        ad->owner = DeviceObject;
        ad->owner_ctx = c;
        c->state = IO_DMA_CTX_GRANTED;
    } else {
        InsertTailList(&ad->waiters, &wcb->DmaWaitEntry);
        c->state = IO_DMA_CTX_WAITING;
    }
    os_mutex_unlock(&ad->lock);
    if (now && ExecutionRoutine != NULL)
        io_dma_grant(ad, wcb);
    else if (now) { /* synchronous, no routine: the driver uses the registers itself */
        struct io_dma_map_base *b = io_dma_base_new(NumberOfMapRegisters);
        if (b == NULL)
            vf_dma_violation(VF_E6_MISCELLANEOUS, 2, NumberOfMapRegisters, 0,
                             "no memory for a map register base");
        os_mutex_lock(&ad->lock);
        ad->registers_held += b->count;
        ad->owner_base = b;
        os_mutex_unlock(&ad->lock);
        *MapRegisterBase = b;
    }
    return STATUS_SUCCESS;
}

/* TRUE if the request was waiting (now it is not: its routine is never called) or not made yet
 * (a later one with this context is cancelled, the page); FALSE once the channel was granted. */
static BOOLEAN io_dma_cancel_channel(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                     PVOID DmaTransferContext)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "CancelAdapterChannel");
    struct io_dma_ctx *c = io_dma_ctx_of(DmaTransferContext);
    BOOLEAN cancelled = FALSE;
    vf_dma_check_irql("CancelAdapterChannel", DISPATCH_LEVEL, FALSE);
    if (c == NULL)
        return FALSE;
    os_mutex_lock(&ad->lock);
    if (c->state == IO_DMA_CTX_WAITING && c->dev == DeviceObject) {
        RemoveEntryList(&c->wcb.DmaWaitEntry);
        c->state = IO_DMA_CTX_CANCELLED;
        cancelled = TRUE;
    } else if (c->state == IO_DMA_CTX_IDLE || c->state == IO_DMA_CTX_CANCELLED) {
        c->state = IO_DMA_CTX_CANCELLED;
        cancelled = TRUE;
    }
    os_mutex_unlock(&ad->lock);
    return cancelled;
}

/* Releases what AllocateAdapterChannelEx (or a routine's KeepObject) holds: the channel, and the
 * registers unless DeallocateObjectKeepRegisters; KeepObject does nothing (the page). Without
 * the channel (a synchronous scatter/gather list holds none in drvhost) nothing is held. */
static VOID io_dma_free_adapter_object(PDMA_ADAPTER DmaAdapter,
                                       IO_ALLOCATION_ACTION AllocationAction)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "FreeAdapterObject");
    struct io_dma_map_base *b;
    vf_dma_check_irql("FreeAdapterObject", DISPATCH_LEVEL, FALSE);
    if (AllocationAction == KeepObject)
        return;
    os_mutex_lock(&ad->lock);
    if (ad->owner == NULL) {
        os_mutex_unlock(&ad->lock);
        return;
    }
    b = ad->owner_base;
    ad->owner_base = NULL;
    os_mutex_unlock(&ad->lock);
    if (b != NULL && AllocationAction == DeallocateObject)
        io_dma_base_free(ad, b);
    io_dma_release_channel(ad);
}

/* ---- information ---- */

static NTSTATUS io_dma_adapter_info(PDMA_ADAPTER DmaAdapter, PDMA_ADAPTER_INFO AdapterInfo)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "GetDmaAdapterInfo");
    vf_dma_check_irql("GetDmaAdapterInfo", DISPATCH_LEVEL, FALSE);
    if (AdapterInfo == NULL)
        return STATUS_INVALID_PARAMETER;
    if (AdapterInfo->Version != DMA_ADAPTER_INFO_VERSION1)
        return STATUS_NOT_SUPPORTED;
    AdapterInfo->V1.ReadDmaCounterAvailable = ad->system; /* the controller counts */
    AdapterInfo->V1.ScatterGatherLimit = ad->scatter_gather ? ad->map_registers : 1;
    AdapterInfo->V1.DmaAddressWidth = ad->width;
    AdapterInfo->V1.Flags = 0; /* none is defined (DMA_ADAPTER_INFO_V1) */
    AdapterInfo->V1.MinimumTransferUnit = 1;
    return STATUS_SUCCESS;
}

/* The MDL of the chain holding byte `offset` and that byte's address; FALSE past the chain. */
static BOOLEAN io_dma_locate(PMDL mdl, ULONGLONG offset, PMDL *at, PVOID *va)
{
    for (; mdl != NULL; mdl = mdl->Next) {
        if (offset < MmGetMdlByteCount(mdl)) {
            *at = mdl;
            *va = (PUCHAR)MmGetMdlVirtualAddress(mdl) + offset;
            return TRUE;
        }
        offset -= MmGetMdlByteCount(mdl);
    }
    return FALSE;
}

static NTSTATUS io_dma_transfer_info(PDMA_ADAPTER DmaAdapter, PMDL Mdl, ULONGLONG Offset,
                                     ULONG Length, BOOLEAN WriteOnly,
                                     PDMA_TRANSFER_INFO TransferInfo)
{
    PMDL at;
    PVOID va;
    ULONG n, regs;
    (void)io_dma_of(DmaAdapter, "GetDmaTransferInfo");
    (void)WriteOnly; /* no cache to keep coherent */
    vf_dma_check_irql("GetDmaTransferInfo", DISPATCH_LEVEL, FALSE);
    if (TransferInfo == NULL)
        return STATUS_INVALID_PARAMETER;
    if (TransferInfo->Version != DMA_TRANSFER_INFO_VERSION1 &&
        TransferInfo->Version != DMA_TRANSFER_INFO_VERSION2)
        return STATUS_NOT_SUPPORTED;
    if (Length == 0 || !io_dma_locate(Mdl, Offset, &at, &va) ||
        !NT_SUCCESS(io_dma_walk(at, va, Length, NULL, &n, &regs)))
        return STATUS_INVALID_PARAMETER; /* outside 0..N-1 and 1..N-Offset (the page) */
    TransferInfo->V1.MapRegisterCount = regs;
    TransferInfo->V1.ScatterGatherElementCount = n;
    TransferInfo->V1.ScatterGatherListSize = io_dma_sg_size(n);
    if (TransferInfo->Version == DMA_TRANSFER_INFO_VERSION2)
        TransferInfo->V2.LogicalPageCount = regs; /* a map register a page */
    return STATUS_SUCCESS;
}

/* Below MaximumAddress (if given): below 4 GiB is what drvhost can ask for, so a lower limit the
 * buffer misses is a NULL return, as when no memory is there. */
static PVOID io_dma_allocate_common_ex(PDMA_ADAPTER DmaAdapter, PPHYSICAL_ADDRESS MaximumAddress,
                                       ULONG Length, PPHYSICAL_ADDRESS LogicalAddress,
                                       BOOLEAN CacheEnabled, NODE_REQUIREMENT PreferredNode)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "AllocateCommonBufferEx");
    BOOLEAN low = !ad->dma64;
    PVOID va;
    (void)CacheEnabled;
    (void)PreferredNode; /* one node */
    vf_dma_check_irql("AllocateCommonBufferEx", PASSIVE_LEVEL, FALSE);
    if (MaximumAddress != NULL && (ULONGLONG)MaximumAddress->QuadPart < IO_4G)
        low = TRUE;
    va = io_dma_common_new(ad, Length, low, LogicalAddress);
    if (va != NULL && MaximumAddress != NULL &&
        (ULONGLONG)LogicalAddress->QuadPart + BYTES_TO_PAGES(Length) * PAGE_SIZE - 1 >
            (ULONGLONG)MaximumAddress->QuadPart) {
        io_dma_free_common(DmaAdapter, Length, *LogicalAddress, va, CacheEnabled);
        return NULL;
    }
    return va;
}

/* No custom function: the simulated controller implements none. */
static NTSTATUS io_dma_configure_channel(PDMA_ADAPTER DmaAdapter, ULONG FunctionNumber,
                                         PVOID Context)
{
    (void)io_dma_of(DmaAdapter, "ConfigureAdapterChannel");
    (void)FunctionNumber;
    (void)Context;
    vf_dma_check_irql("ConfigureAdapterChannel", DISPATCH_LEVEL, FALSE);
    return STATUS_NOT_IMPLEMENTED;
}

/* ---- MapTransferEx, FlushAdapterBuffersEx, CancelMappedTransfer ---- */

/* Maps `length` bytes of the chain from `va` (in `mdl`) into `sg`: at most `max` elements and
 * the base's registers; a 32-bit bus master's elements above 4 GiB through the registers' double
 * buffer. Returns the bytes mapped. */
static ULONG io_dma_map_ex_walk(struct io_dma_adapter *ad, struct io_dma_map_base *b, PMDL mdl,
                                PUCHAR va, ULONG length, BOOLEAN write, PSCATTER_GATHER_LIST sg,
                                ULONG max)
{
    ULONG n = 0, regs = 0, done = 0;
    ULONG offset = (ULONG)(va - (PUCHAR)MmGetMdlVirtualAddress(mdl));
    for (; mdl != NULL && done < length && n < max && regs < b->count;
         mdl = mdl->Next, offset = 0) {
        io_dma_check_mdl(mdl);
        while (offset < MmGetMdlByteCount(mdl) && done < length && n < max && regs < b->count) {
            PUCHAR at = (PUCHAR)MmGetMdlVirtualAddress(mdl) + offset;
            ULONG run = io_dma_run(mdl, offset);
            ULONG cover = (b->count - regs) * PAGE_SIZE - BYTE_OFFSET(at);
            LONGLONG la = io_dma_logical(mdl, offset);
            run = run < length - done ? run : length - done;
            run = run < cover ? run : cover;
            if (!ad->system && !ad->dma64 && (ULONGLONG)la + run > IO_4G)
                la = io_dma_map_copy(b, at, run, write);
            sg->Elements[n].Address.QuadPart = la;
            sg->Elements[n].Length = run;
            sg->Elements[n].Reserved = 0;
            n++;
            regs += ADDRESS_AND_SIZE_TO_SPAN_PAGES(at, run);
            offset += run;
            done += run;
        }
    }
    sg->NumberOfElements = n;
    return done;
}

/* Hands the mapped bytes to the system controller: its DPC moves them. */
static void io_dma_xfer_start(struct io_dma_adapter *ad, PMDL mdl, PVOID va, ULONG length,
                              BOOLEAN write, PDMA_COMPLETION_ROUTINE routine, PVOID context)
{
    struct io_dma_xfer *x = ad->xfer;
    os_mutex_lock(&ad->lock);
    x->mdl = mdl;
    x->va = va;
    x->length = length;
    x->write = write;
    x->routine = routine;
    x->context = context;
    x->dev = ad->owner;
    x->state = IO_DMA_X_QUEUED;
    os_mutex_unlock(&ad->lock);
    (void)KeInsertQueueDpc(&x->dpc, NULL, NULL);
}

/* The pages' parameter rules: a bus master needs a list buffer and takes no completion routine;
 * a buffer must hold one element at least. */
static BOOLEAN io_dma_map_ex_valid(struct io_dma_adapter *ad, PSCATTER_GATHER_LIST sg,
                                   ULONG sg_length, PDMA_COMPLETION_ROUTINE routine)
{
    if (!ad->system && (sg == NULL || routine != NULL))
        return FALSE;
    return sg == NULL || sg_length >= io_dma_sg_size(1);
}

static NTSTATUS io_dma_map_transfer_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                       ULONGLONG Offset, ULONG DeviceOffset, PULONG Length,
                                       BOOLEAN WriteToDevice,
                                       PSCATTER_GATHER_LIST ScatterGatherBuffer,
                                       ULONG ScatterGatherBufferLength,
                                       PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                                       PVOID CompletionContext)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "MapTransferEx");
    struct io_dma_map_base *b = io_dma_base_of(MapRegisterBase, 0);
    struct {
        SCATTER_GATHER_LIST list;
        SCATTER_GATHER_ELEMENT element;
    } one; /* the default buffer of a system transfer: one element (the page) */
    PSCATTER_GATHER_LIST sg = ScatterGatherBuffer != NULL ? ScatterGatherBuffer : &one.list;
    ULONG max = 1;
    PMDL at;
    PVOID va;
    (void)DeviceOffset; /* one FIFO per channel */
    vf_dma_check_irql("MapTransferEx", DISPATCH_LEVEL, FALSE);
    if (*Length == 0)
        vf_dma_violation(VF_E6_ZERO_LENGTH_MAP, (ULONG_PTR)Mdl, 0, 0,
                         "MapTransferEx of 0 bytes of MDL %p", (void *)Mdl);
    if (!io_dma_map_ex_valid(ad, ScatterGatherBuffer, ScatterGatherBufferLength,
                             DmaCompletionRoutine) ||
        !io_dma_locate(Mdl, Offset, &at, &va))
        return STATUS_INVALID_PARAMETER;
    if (ad->owner_ctx != NULL && ad->owner_ctx->no_transfers)
        return STATUS_CANCELLED;
    if (b->mapped_ex)
        vf_dma_violation(VF_E6_MISCELLANEOUS, 3, (ULONG_PTR)MapRegisterBase, 0,
                         "MapTransferEx before FlushAdapterBuffersEx of the previous transfer");
    if (ScatterGatherBuffer != NULL && ad->scatter_gather)
        max = (ScatterGatherBufferLength - io_dma_sg_size(0)) / sizeof(SCATTER_GATHER_ELEMENT);
    *Length = io_dma_map_ex_walk(ad, b, at, va, *Length, WriteToDevice, sg, max);
    b->mapped_ex = TRUE;
    if (ad->system)
        io_dma_xfer_start(ad, at, va, *Length, WriteToDevice, DmaCompletionRoutine,
                          CompletionContext);
    return STATUS_SUCCESS;
}

static NTSTATUS io_dma_flush_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                ULONGLONG Offset, ULONG Length, BOOLEAN WriteToDevice)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "FlushAdapterBuffersEx");
    struct io_dma_map_base *b;
    PMDL at;
    PVOID va;
    (void)Length;
    (void)WriteToDevice; /* the direction of each mapping counts */
    vf_dma_check_irql("FlushAdapterBuffersEx", DISPATCH_LEVEL, FALSE);
    b = io_dma_base_of(MapRegisterBase, 0);
    if (!io_dma_locate(Mdl, Offset, &at, &va))
        return STATUS_INVALID_PARAMETER;
    if (ad->xfer != NULL) {
        io_dma_xfer_cancel(ad); /* before it completed: cancelled (the page: "might cancel") */
        os_mutex_lock(&ad->lock);
        ad->xfer->state = IO_DMA_X_IDLE;
        os_mutex_unlock(&ad->lock);
    }
    io_dma_flush_base(b);
    b->mapped_ex = FALSE;
    return STATUS_SUCCESS;
}

/* Cancels the system transfer mapped under the context's channel (its routine gets
 * DmaCancelled) and any later one (MapTransferEx: STATUS_CANCELLED). */
static NTSTATUS io_dma_cancel_mapped(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "CancelMappedTransfer");
    struct io_dma_ctx *c = io_dma_ctx_of(DmaTransferContext);
    vf_dma_check_irql("CancelMappedTransfer", DISPATCH_LEVEL, FALSE);
    if (c == NULL || !ad->system)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&ad->lock);
    if (ad->owner_ctx != c) {
        os_mutex_unlock(&ad->lock);
        return STATUS_INVALID_PARAMETER; /* not the context the channel was granted for */
    }
    c->no_transfers = TRUE;
    os_mutex_unlock(&ad->lock);
    io_dma_xfer_cancel(ad);
    return STATUS_SUCCESS;
}

/* ---- Get/BuildScatterGatherListEx ---- */

/* The pages' rules: bus masters only (drvhost: STATUS_NOT_SUPPORTED for a system adapter); an
 * initialized context; the routine optional only for a synchronous call, which then needs the
 * list pointer. Lists never wait in drvhost (the map registers are counted, not shared), so the
 * routine runs before the call returns, synchronous or not. */
static NTSTATUS io_dma_list_ex(struct io_dma_adapter *ad, PDEVICE_OBJECT dev, PVOID ctx, PMDL Mdl,
                               ULONGLONG Offset, ULONG Length, ULONG Flags,
                               PDRIVER_LIST_CONTROL routine, PVOID Context, BOOLEAN write,
                               PDMA_COMPLETION_ROUTINE completion, PVOID buffer,
                               ULONG buffer_length, PSCATTER_GATHER_LIST *out)
{
    struct io_dma_ctx *c = io_dma_ctx_of(ctx);
    BOOLEAN sync = (Flags & DMA_SYNCHRONOUS_CALLBACK) != 0;
    NTSTATUS status;
    PMDL at;
    PVOID va;
    if (ad->system)
        return STATUS_NOT_SUPPORTED;
    if (c == NULL || (Flags & ~(ULONG)DMA_SYNCHRONOUS_CALLBACK) != 0 || completion != NULL ||
        (routine == NULL && (!sync || out == NULL)) || Length == 0 ||
        !io_dma_locate(Mdl, Offset, &at, &va))
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&ad->lock);
    status = c->state == IO_DMA_CTX_CANCELLED ? STATUS_CANCELLED : STATUS_SUCCESS;
    if (NT_SUCCESS(status)) {
        c->state = IO_DMA_CTX_GRANTED;
        c->dev = dev;
    }
    os_mutex_unlock(&ad->lock);
    if (!NT_SUCCESS(status))
        return status;
    return io_dma_make_list(ad, dev, at, va, Length, routine, Context, write, buffer, buffer_length,
                            out);
}

static NTSTATUS io_dma_get_list_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                   PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset,
                                   ULONG Length, ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine,
                                   PVOID Context, BOOLEAN WriteToDevice,
                                   PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                                   PVOID CompletionContext, PSCATTER_GATHER_LIST *ScatterGatherList)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "GetScatterGatherListEx");
    (void)CompletionContext;
    vf_dma_check_irql("GetScatterGatherListEx", DISPATCH_LEVEL, TRUE);
    return io_dma_list_ex(ad, DeviceObject, DmaTransferContext, Mdl, Offset, Length, Flags,
                          ExecutionRoutine, Context, WriteToDevice, DmaCompletionRoutine, NULL, 0,
                          ScatterGatherList);
}

static NTSTATUS io_dma_build_list_ex(
    PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject, PVOID DmaTransferContext, PMDL Mdl,
    ULONGLONG Offset, ULONG Length, ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine,
    PVOID Context, BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer, ULONG ScatterGatherLength,
    PDMA_COMPLETION_ROUTINE DmaCompletionRoutine, PVOID CompletionContext, PVOID ScatterGatherList)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "BuildScatterGatherListEx");
    (void)CompletionContext;
    vf_dma_check_irql("BuildScatterGatherListEx", DISPATCH_LEVEL, TRUE);
    if (ScatterGatherBuffer == NULL)
        return STATUS_BUFFER_TOO_SMALL;
    return io_dma_list_ex(ad, DeviceObject, DmaTransferContext, Mdl, Offset, Length, Flags,
                          ExecutionRoutine, Context, WriteToDevice, DmaCompletionRoutine,
                          ScatterGatherBuffer, ScatterGatherLength, ScatterGatherList);
}

/* Version 1 ends with PutScatterGatherList, version 2 with BuildMdlFromScatterGatherList. */
#define IO_DMA_V1_MEMBERS                                                                          \
    .PutDmaAdapter = io_dma_put_adapter, .AllocateCommonBuffer = io_dma_allocate_common,           \
    .FreeCommonBuffer = io_dma_free_common, .AllocateAdapterChannel = io_dma_allocate_channel,     \
    .FlushAdapterBuffers = io_dma_flush, .FreeAdapterChannel = io_dma_free_channel,                \
    .FreeMapRegisters = io_dma_free_map_registers, .MapTransfer = io_dma_map_transfer,             \
    .GetDmaAlignment = io_dma_get_alignment, .ReadDmaCounter = io_dma_read_counter,                \
    .GetScatterGatherList = io_dma_get_list, .PutScatterGatherList = io_dma_put_list

static const DMA_OPERATIONS io_dma_ops_v1 = {
    .Size = FIELD_OFFSET(DMA_OPERATIONS, CalculateScatterGatherList),
    IO_DMA_V1_MEMBERS,
};
#define IO_DMA_V2_MEMBERS                                                                          \
    IO_DMA_V1_MEMBERS, .CalculateScatterGatherList = io_dma_calculate,                             \
                       .BuildScatterGatherList = io_dma_build_list,                                \
                       .BuildMdlFromScatterGatherList = io_dma_build_mdl

static const DMA_OPERATIONS io_dma_ops_v2 = {
    .Size = FIELD_OFFSET(DMA_OPERATIONS, GetDmaAdapterInfo),
    IO_DMA_V2_MEMBERS,
};
/* Version 3 through CancelMappedTransfer (the later members are not provided: docs/dma.md). */
static const DMA_OPERATIONS io_dma_ops_v3 = {
    .Size = FIELD_OFFSET(DMA_OPERATIONS, AllocateDomainCommonBuffer),
    IO_DMA_V2_MEMBERS,
    .GetDmaAdapterInfo = io_dma_adapter_info,
    .GetDmaTransferInfo = io_dma_transfer_info,
    .InitializeDmaTransferContext = io_dma_init_context,
    .AllocateCommonBufferEx = io_dma_allocate_common_ex,
    .AllocateAdapterChannelEx = io_dma_allocate_channel_ex,
    .ConfigureAdapterChannel = io_dma_configure_channel,
    .CancelAdapterChannel = io_dma_cancel_channel,
    .MapTransferEx = io_dma_map_transfer_ex,
    .GetScatterGatherListEx = io_dma_get_list_ex,
    .BuildScatterGatherListEx = io_dma_build_list_ex,
    .FlushAdapterBuffersEx = io_dma_flush_ex,
    .FreeAdapterObject = io_dma_free_adapter_object,
    .CancelMappedTransfer = io_dma_cancel_mapped,
};
