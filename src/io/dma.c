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
 * (dma3.c; the adapter and the helpers the two files share: dma_internal.h).
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
#include "io/dma_internal.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

static const DMA_OPERATIONS io_dma_ops_v1, io_dma_ops_v2, io_dma_ops_v3;

/* ---- adapters ----------------------------------------------------------------------------- */

struct io_dma_adapter *io_dma_of(PDMA_ADAPTER a, const char *ddi)
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
PVOID io_dma_common_new(struct io_dma_adapter *ad, ULONG Length, BOOLEAN low,
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

VOID io_dma_free_common(PDMA_ADAPTER DmaAdapter, ULONG Length, PHYSICAL_ADDRESS LogicalAddress,
                        PVOID VirtualAddress, BOOLEAN CacheEnabled)
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

void io_dma_check_mdl(PMDL mdl)
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
LONGLONG io_dma_logical(PMDL mdl, ULONG offset)
{
    ULONG at = mdl->ByteOffset + offset;
    return (LONGLONG)((MmGetMdlPfnArray(mdl)[at >> PAGE_SHIFT] << PAGE_SHIFT) +
                      (at & (PAGE_SIZE - 1)));
}

/* How many bytes from byte `offset` of the MDL are one logical run (consecutive PFNs). */
ULONG io_dma_run(PMDL mdl, ULONG offset)
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
void io_dma_copy(PMDL mdl, PVOID CurrentVa, ULONG length, PUCHAR copy, BOOLEAN to_copy)
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

struct io_dma_map_base *io_dma_base_new(ULONG count)
{
    struct io_dma_map_base *b = ex_alloc(sizeof(*b), IO_DMA_TAG);
    if (b != NULL) {
        b->magic = IO_DMA_MAP_MAGIC;
        b->count = count;
    }
    return b;
}

void io_dma_base_free(struct io_dma_adapter *ad, struct io_dma_map_base *b)
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

/* Runs the AdapterControl routine of the request the channel was just given to (ad->owner is its
 * device: the device's own Wcb for AllocateAdapterChannel, the transfer context's for
 * AllocateAdapterChannelEx), at DISPATCH_LEVEL (the caller's), and does what it returns. */
void io_dma_grant(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb)
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
void io_dma_release_channel(struct io_dma_adapter *ad)
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

struct io_dma_map_base *io_dma_base_of(PVOID MapRegisterBase, ULONG count)
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
LONGLONG io_dma_map_copy(struct io_dma_map_base *b, PVOID va, ULONG length, BOOLEAN write)
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
void io_dma_flush_base(struct io_dma_map_base *b)
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
NTSTATUS io_dma_walk(PMDL mdl, PVOID CurrentVa, ULONG length, PSCATTER_GATHER_LIST sg,
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

ULONG io_dma_sg_size(ULONG elements)
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
NTSTATUS io_dma_make_list(struct io_dma_adapter *ad, PDEVICE_OBJECT dev, PMDL mdl, PVOID CurrentVa,
                          ULONG Length, PDRIVER_LIST_CONTROL routine, PVOID Context, BOOLEAN write,
                          PVOID buffer, ULONG buffer_length, PSCATTER_GATHER_LIST *out)
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
