/*
 * dma3.c - DMA_OPERATIONS version 3 (docs/dma.md, "Version 3" and "System DMA"): transfer
 * contexts, adapter and transfer information, the Ex routines, and the simulated system DMA
 * controller channel of a subordinate device. The adapter, its channel queue and its map
 * registers are dma.c's (dma_internal.h).
 */
#include "io/dma_internal.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <string.h>

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

BOOLEAN io_dma_v3_init(struct io_dma_adapter *ad, PDEVICE_DESCRIPTION d)
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

NTSTATUS io_dma_init_context(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext)
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

ULONG io_dma_xfer_remaining(struct io_dma_adapter *ad)
{
    ULONG left;
    os_mutex_lock(&ad->lock);
    left = ad->xfer->state == IO_DMA_X_QUEUED ? ad->xfer->length : 0;
    os_mutex_unlock(&ad->lock);
    return left;
}

void io_dma_v3_put(struct io_dma_adapter *ad)
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
void io_dma_v3_granted(struct io_dma_adapter *ad, PWAIT_CONTEXT_BLOCK wcb)
{
    struct io_dma_ctx *c;
    if (!wcb->DmaContext)
        return;
    c = CONTAINING_RECORD(wcb, struct io_dma_ctx, wcb);
    c->state = IO_DMA_CTX_GRANTED;
    ad->owner_ctx = c;
}

/* The channel is being released: a transfer still queued on it is cancelled. */
void io_dma_v3_released(struct io_dma_adapter *ad)
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

NTSTATUS io_dma_allocate_channel_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
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
BOOLEAN io_dma_cancel_channel(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
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
VOID io_dma_free_adapter_object(PDMA_ADAPTER DmaAdapter, IO_ALLOCATION_ACTION AllocationAction)
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

NTSTATUS io_dma_adapter_info(PDMA_ADAPTER DmaAdapter, PDMA_ADAPTER_INFO AdapterInfo)
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

NTSTATUS io_dma_transfer_info(PDMA_ADAPTER DmaAdapter, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                              BOOLEAN WriteOnly, PDMA_TRANSFER_INFO TransferInfo)
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
PVOID io_dma_allocate_common_ex(PDMA_ADAPTER DmaAdapter, PPHYSICAL_ADDRESS MaximumAddress,
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
NTSTATUS io_dma_configure_channel(PDMA_ADAPTER DmaAdapter, ULONG FunctionNumber, PVOID Context)
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

/* Whether CancelMappedTransfer stopped the transfers of the context holding the channel. */
static BOOLEAN io_dma_transfers_cancelled(struct io_dma_adapter *ad)
{
    BOOLEAN cancelled;
    os_mutex_lock(&ad->lock);
    cancelled = ad->owner_ctx != NULL && ad->owner_ctx->no_transfers;
    os_mutex_unlock(&ad->lock);
    return cancelled;
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

NTSTATUS io_dma_map_transfer_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase,
                                ULONGLONG Offset, ULONG DeviceOffset, PULONG Length,
                                BOOLEAN WriteToDevice, PSCATTER_GATHER_LIST ScatterGatherBuffer,
                                ULONG ScatterGatherBufferLength,
                                PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                                PVOID CompletionContext)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "MapTransferEx");
    struct io_dma_map_base *b = io_dma_base_of(MapRegisterBase, 0);
    /* The default buffer of a system transfer: one element (the page). A union, not a structure
     * holding the list then an element: a structure ending in a flexible array may not be
     * followed by another member (a GNU extension, which clang warns about). */
    union {
        SCATTER_GATHER_LIST list;
        UCHAR bytes[FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) + sizeof(SCATTER_GATHER_ELEMENT)];
    } one;
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
    if (io_dma_transfers_cancelled(ad))
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

NTSTATUS io_dma_flush_ex(PDMA_ADAPTER DmaAdapter, PMDL Mdl, PVOID MapRegisterBase, ULONGLONG Offset,
                         ULONG Length, BOOLEAN WriteToDevice)
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
NTSTATUS io_dma_cancel_mapped(PDMA_ADAPTER DmaAdapter, PVOID DmaTransferContext)
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

NTSTATUS io_dma_get_list_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                            PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                            ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                            BOOLEAN WriteToDevice, PDMA_COMPLETION_ROUTINE DmaCompletionRoutine,
                            PVOID CompletionContext, PSCATTER_GATHER_LIST *ScatterGatherList)
{
    struct io_dma_adapter *ad = io_dma_of(DmaAdapter, "GetScatterGatherListEx");
    (void)CompletionContext;
    vf_dma_check_irql("GetScatterGatherListEx", DISPATCH_LEVEL, TRUE);
    return io_dma_list_ex(ad, DeviceObject, DmaTransferContext, Mdl, Offset, Length, Flags,
                          ExecutionRoutine, Context, WriteToDevice, DmaCompletionRoutine, NULL, 0,
                          ScatterGatherList);
}

NTSTATUS io_dma_build_list_ex(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                              PVOID DmaTransferContext, PMDL Mdl, ULONGLONG Offset, ULONG Length,
                              ULONG Flags, PDRIVER_LIST_CONTROL ExecutionRoutine, PVOID Context,
                              BOOLEAN WriteToDevice, PVOID ScatterGatherBuffer,
                              ULONG ScatterGatherLength,
                              PDMA_COMPLETION_ROUTINE DmaCompletionRoutine, PVOID CompletionContext,
                              PVOID ScatterGatherList)
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
