/*
 * dmatest3.c - the DMA version-3 scenarios of dmatest.sys (DmaTest3Run, called by dmatest.c's
 * device control with the adapter it got for the description): the routines of DMA_OPERATIONS
 * after BuildMdlFromScatterGatherList, for a bus master and for a subordinate device's system
 * DMA channel. Each scenario records what it saw in DMATEST_OUT.V; test_dma.c checks it against
 * the pages (nc-wdm-p*_ex, pget_dma_*, pcancel_*, pfree_adapter_object).
 */
#include <wdm.h>

#include "dmatest.h"

#define DMA3_TAG '3amD'

/* What a scenario shares with its AdapterControl, AdapterListControl and completion routines. */
typedef struct _DMA3 {
    PDMA_ADAPTER Adapter;
    PDMA_OPERATIONS Ops;
    DMATEST_OUT *Out;
    PDEVICE_OBJECT Device;
    ULONG Registers;
    LONG ControlCalls, ListCalls, Completions;
    KIRQL ControlIrql, ListIrql, CompletionIrql;
    PVOID Base;
    PSCATTER_GATHER_LIST List;
    IO_ALLOCATION_ACTION Action;
    DMA_COMPLETION_STATUS Status;
    PDEVICE_OBJECT CompletionDevice;
    PVOID CompletionContext;
    KEVENT Done;
    KDPC Blocker;
    volatile LONG BlockerRunning, BlockerRelease;
    PUCHAR Block[2];
    PMDL Mdl[2]; /* a chain: 2 pages from byte 100 of a 3-page block, then 100 bytes */
    CHAR Context[DMA_TRANSFER_CONTEXT_SIZE_V1];
    CHAR Context2[DMA_TRANSFER_CONTEXT_SIZE_V1];
} DMA3;

#define DMA3_CHAIN_BYTES (2 * PAGE_SIZE + 100)

static DRIVER_CONTROL Dma3Control;
static DRIVER_LIST_CONTROL Dma3List;
static DMA_COMPLETION_ROUTINE Dma3Completion;
static KDEFERRED_ROUTINE Dma3BlockerRoutine;

static IO_ALLOCATION_ACTION Dma3Control(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                        PVOID MapRegisterBase, PVOID Context)
{
    DMA3 *r = Context;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    r->ControlCalls++;
    r->ControlIrql = KeGetCurrentIrql();
    r->Base = MapRegisterBase;
    return r->Action;
}

static VOID Dma3List(PDEVICE_OBJECT DeviceObject, PIRP Irp, PSCATTER_GATHER_LIST ScatterGather,
                     PVOID Context)
{
    DMA3 *r = Context;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    r->ListCalls++;
    r->ListIrql = KeGetCurrentIrql();
    r->List = ScatterGather;
}

static VOID Dma3Completion(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                           PVOID CompletionContext, DMA_COMPLETION_STATUS Status)
{
    DMA3 *r = CompletionContext;
    UNREFERENCED_PARAMETER(DmaAdapter);
    r->Status = Status;
    r->CompletionIrql = KeGetCurrentIrql();
    r->CompletionDevice = DeviceObject;
    r->CompletionContext = CompletionContext;
    InterlockedIncrement(&r->Completions);
    KeSetEvent(&r->Done, IO_NO_INCREMENT, FALSE);
}

/* Holds this processor's DPC queue until released, so that a transfer queued behind it stays
 * queued (the system controller's completion is a DPC). */
static VOID Dma3BlockerRoutine(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    DMA3 *r = Context;
    ULONG i;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    InterlockedExchange(&r->BlockerRunning, 1);
    for (i = 0; i < 500000 && r->BlockerRelease == 0; i++)
        KeStallExecutionProcessor(10);
}

static BOOLEAN Dma3WaitFor(volatile LONG *flag)
{
    ULONG i;
    for (i = 0; i < 500000 && *flag == 0; i++)
        KeStallExecutionProcessor(10);
    return *flag != 0;
}

static NTSTATUS Dma3Wait(DMA3 *r)
{
    LARGE_INTEGER timeout;
    timeout.QuadPart = -50000000LL; /* 5 s */
    return KeWaitForSingleObject(&r->Done, Executive, KernelMode, FALSE, &timeout);
}

static BOOLEAN Dma3Chain(DMA3 *r)
{
    r->Block[0] = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, DMA3_TAG);
    r->Block[1] = ExAllocatePool2(POOL_FLAG_NON_PAGED, 100, DMA3_TAG);
    if (r->Block[0] == NULL || r->Block[1] == NULL)
        return FALSE;
    r->Mdl[0] = IoAllocateMdl(r->Block[0] + 100, 2 * PAGE_SIZE, FALSE, FALSE, NULL);
    r->Mdl[1] = IoAllocateMdl(r->Block[1], 100, FALSE, FALSE, NULL);
    if (r->Mdl[0] == NULL || r->Mdl[1] == NULL)
        return FALSE;
    MmBuildMdlForNonPagedPool(r->Mdl[0]);
    MmBuildMdlForNonPagedPool(r->Mdl[1]);
    r->Mdl[0]->Next = r->Mdl[1];
    return TRUE;
}

static VOID Dma3Unchain(DMA3 *r)
{
    ULONG i;
    for (i = 0; i < 2; i++) {
        if (r->Mdl[i] != NULL)
            IoFreeMdl(r->Mdl[i]);
        if (r->Block[i] != NULL)
            ExFreePoolWithTag(r->Block[i], DMA3_TAG);
    }
}

static ULONG Dma3Registers(DMA3 *r)
{
    return ADDRESS_AND_SIZE_TO_SPAN_PAGES(r->Block[0] + 100, 2 * PAGE_SIZE) +
           ADDRESS_AND_SIZE_TO_SPAN_PAGES(r->Block[1], 100);
}

/* ---- information, contexts, common buffers -------------------------------------------------- */

static VOID Dma3Info(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    DMA_ADAPTER_INFO info;
    DMA_TRANSFER_INFO ti;
    KIRQL old;
    r->Out->V[1] = ops->Size;
    r->Out->V[2] = ops->GetDmaAdapterInfo && ops->GetDmaTransferInfo &&
                   ops->InitializeDmaTransferContext && ops->AllocateCommonBufferEx &&
                   ops->AllocateAdapterChannelEx && ops->ConfigureAdapterChannel &&
                   ops->CancelAdapterChannel && ops->MapTransferEx && ops->GetScatterGatherListEx &&
                   ops->BuildScatterGatherListEx && ops->FlushAdapterBuffersEx &&
                   ops->FreeAdapterObject && ops->CancelMappedTransfer &&
                   ops->CalculateScatterGatherList && ops->PutScatterGatherList;
    r->Out->V[3] = ops->AllocateDomainCommonBuffer == NULL;
    RtlZeroMemory(&info, sizeof(info));
    info.Version = DMA_ADAPTER_INFO_VERSION1;
    r->Out->V[4] = (ULONG)ops->GetDmaAdapterInfo(r->Adapter, &info);
    r->Out->V[5] = info.V1.ReadDmaCounterAvailable;
    r->Out->V[6] = info.V1.ScatterGatherLimit;
    r->Out->V[7] = info.V1.DmaAddressWidth;
    r->Out->V[8] = info.V1.MinimumTransferUnit;
    r->Out->V[9] = info.V1.Flags;
    info.Version = 2;
    r->Out->V[10] = (ULONG)ops->GetDmaAdapterInfo(r->Adapter, &info);
    r->Out->V[11] = (ULONG)ops->ConfigureAdapterChannel(r->Adapter, 1, NULL);
    r->Out->V[12] = (ULONG)ops->InitializeDmaTransferContext(r->Adapter, NULL);
    r->Out->V[13] = (ULONG)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    if (!Dma3Chain(r))
        return;
    ti.Version = DMA_TRANSFER_INFO_VERSION1;
    r->Out->V[14] =
        (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 0, DMA3_CHAIN_BYTES, TRUE, &ti);
    r->Out->V[15] = ti.V1.MapRegisterCount;
    r->Out->V[16] = ti.V1.ScatterGatherElementCount;
    r->Out->V[17] = ti.V1.ScatterGatherListSize;
    r->Out->V[18] = Dma3Registers(r);
    ti.Version = DMA_TRANSFER_INFO_VERSION2; /* the second MDL only */
    r->Out->V[19] =
        (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 2 * PAGE_SIZE, 100, FALSE, &ti);
    r->Out->V[20] = ti.V2.ScatterGatherElementCount;
    r->Out->V[21] = ti.V2.LogicalPageCount;
    r->Out->V[22] = ADDRESS_AND_SIZE_TO_SPAN_PAGES(r->Block[1], 100);
    ti.Version = 3;
    r->Out->V[23] = (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 0, 1, TRUE, &ti);
    ti.Version = DMA_TRANSFER_INFO_VERSION1;
    r->Out->V[24] = (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 0, 0, TRUE, &ti);
    r->Out->V[25] =
        (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], DMA3_CHAIN_BYTES, 1, TRUE, &ti);
    r->Out->V[26] =
        (ULONG)ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 0, DMA3_CHAIN_BYTES + 1, TRUE, &ti);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[27] = ops->ReadDmaCounter(r->Adapter);
    KeLowerIrql(old);
    Dma3Unchain(r);
}

static VOID Dma3Common(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    PHYSICAL_ADDRESS max, la;
    PVOID va;
    max.QuadPart = 0xFFFFFFFFLL;
    va = ops->AllocateCommonBufferEx(r->Adapter, &max, PAGE_SIZE + 1, &la, TRUE, MM_ANY_NODE_OK);
    r->Out->V[1] = (ULONG64)(ULONG_PTR)va;
    r->Out->V[2] = (ULONG64)la.QuadPart;
    if (va != NULL)
        ops->FreeCommonBuffer(r->Adapter, PAGE_SIZE + 1, la, va, TRUE);
    max.QuadPart = 0x1000;
    va = ops->AllocateCommonBufferEx(r->Adapter, &max, PAGE_SIZE, &la, TRUE, MM_ANY_NODE_OK);
    r->Out->V[3] = va == NULL;
    va = ops->AllocateCommonBufferEx(r->Adapter, NULL, 3 * PAGE_SIZE, &la, FALSE, 0);
    r->Out->V[4] = va != NULL && la.QuadPart == (LONGLONG)(ULONG_PTR)va;
    if (va != NULL)
        ops->FreeCommonBuffer(r->Adapter, 3 * PAGE_SIZE, la, va, FALSE);
}

/* ---- AllocateAdapterChannelEx, CancelAdapterChannel, MapTransferEx, FreeAdapterObject ------- */

static NTSTATUS Dma3Alloc(DMA3 *r, PDEVICE_OBJECT Device, PVOID Context, ULONG Registers,
                          ULONG Flags, BOOLEAN Routine, PVOID *Base)
{
    return r->Ops->AllocateAdapterChannelEx(r->Adapter, Device, Context, Registers, Flags,
                                            Routine ? Dma3Control : NULL, Routine ? r : NULL, Base);
}

/* The parameter rules of the page (every call fails, no routine runs). */
static VOID Dma3AllocRules(DMA3 *r)
{
    PVOID base = NULL;
    r->Out->V[1] = (ULONG)Dma3Alloc(r, r->Device, r->Context, 1, 0, FALSE, NULL);
    r->Out->V[2] = (ULONG)Dma3Alloc(r, r->Device, r->Context, 1, 0, TRUE, &base);
    r->Out->V[3] =
        (ULONG)Dma3Alloc(r, r->Device, r->Context, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE, NULL);
    r->Out->V[4] = (ULONG)Dma3Alloc(r, r->Device, r->Context, 1, 0x80, TRUE, NULL);
    r->Out->V[5] = (ULONG)Dma3Alloc(r, r->Device, r->Context, r->Registers + 1, 0, TRUE, NULL);
    r->Out->V[6] = (ULONG)r->ControlCalls;
}

/* MapTransferEx of the chain with the registers of `base` (a bus master). */
static VOID Dma3Map(DMA3 *r, PVOID base)
{
    PDMA_OPERATIONS ops = r->Ops;
    ULONG size = FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) + 4 * sizeof(SCATTER_GATHER_ELEMENT);
    PSCATTER_GATHER_LIST sg = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, DMA3_TAG);
    ULONG length = DMA3_CHAIN_BYTES - 50;
    if (sg == NULL)
        return;
    r->Out->V[14] = (ULONG)ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 50, 0, &length, TRUE, sg,
                                              size, NULL, NULL);
    r->Out->V[15] = length;
    r->Out->V[16] = sg->NumberOfElements;
    r->Out->V[17] = sg->Elements[0].Address.QuadPart == (LONGLONG)(ULONG_PTR)(r->Block[0] + 150) &&
                    sg->Elements[0].Length == 2 * PAGE_SIZE - 50;
    r->Out->V[18] = sg->Elements[1].Address.QuadPart == (LONGLONG)(ULONG_PTR)r->Block[1] &&
                    sg->Elements[1].Length == 100;
    r->Out->V[19] =
        (ULONG)ops->FlushAdapterBuffersEx(r->Adapter, r->Mdl[0], base, 50, length, TRUE);
    length = 100;
    r->Out->V[20] = (ULONG)ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 0, 0, &length, TRUE,
                                              NULL, 0, NULL, NULL);
    r->Out->V[21] =
        (ULONG)ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 0, 0, &length, TRUE, sg,
                                  FIELD_OFFSET(SCATTER_GATHER_LIST, Elements), NULL, NULL);
    r->Out->V[22] = (ULONG)ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 0, 0, &length, TRUE, sg,
                                              size, Dma3Completion, r);
    r->Out->V[23] = (ULONG)ops->MapTransferEx(r->Adapter, r->Mdl[0], base, DMA3_CHAIN_BYTES, 0,
                                              &length, TRUE, sg, size, NULL, NULL);
    /* A one-element buffer: the first piece only. */
    length = DMA3_CHAIN_BYTES;
    r->Out->V[24] = (ULONG)ops->MapTransferEx(
        r->Adapter, r->Mdl[0], base, 0, 0, &length, FALSE, sg,
        FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) + sizeof(SCATTER_GATHER_ELEMENT), NULL, NULL);
    r->Out->V[25] = length;
    (void)ops->FlushAdapterBuffersEx(r->Adapter, r->Mdl[0], base, 0, length, FALSE);
    ExFreePoolWithTag(sg, DMA3_TAG);
}

/* Granting, waiting, cancelling and freeing with contexts (at DISPATCH_LEVEL). */
static VOID Dma3Grants(DMA3 *r, PDEVICE_OBJECT other)
{
    PDMA_OPERATIONS ops = r->Ops;
    PVOID base = NULL, kept;
    r->Out->V[27] = ops->CancelAdapterChannel(r->Adapter, r->Device, r->Context); /* granted */
    ops->FreeAdapterObject(r->Adapter, KeepObject);                               /* no effect */
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    r->Out->V[37] = (ULONG)Dma3Alloc(r, other, r->Context2, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE,
                                     &base); /* still held */
    ops->FreeAdapterObject(r->Adapter, DeallocateObject);
    r->Out->V[28] = (ULONG)r->ControlCalls; /* the cancelled request is not granted */
    r->Action = DeallocateObject;
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    r->Out->V[29] = (ULONG)Dma3Alloc(r, r->Device, r->Context, 1, 0, TRUE, NULL);
    r->Out->V[30] = (ULONG)r->ControlCalls;
    r->Out->V[31] = r->ControlIrql;
    r->Out->V[32] = r->Base != NULL;
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    r->Out->V[33] = ops->CancelAdapterChannel(r->Adapter, r->Device, r->Context2);
    r->Out->V[34] = (ULONG)Dma3Alloc(r, r->Device, r->Context2, 1, 0, TRUE, NULL);
    r->Out->V[35] = (ULONG)r->ControlCalls;
    /* KeepObject, then DeallocateObjectKeepRegisters: the channel is free, the registers kept. */
    r->Action = KeepObject;
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    (void)Dma3Alloc(r, r->Device, r->Context, 2, 0, TRUE, NULL);
    kept = r->Base;
    ops->FreeAdapterObject(r->Adapter, DeallocateObjectKeepRegisters);
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    r->Out->V[36] =
        (ULONG)Dma3Alloc(r, other, r->Context2, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE, &base);
    ops->FreeAdapterObject(r->Adapter, DeallocateObject);
    ops->FreeMapRegisters(r->Adapter, kept, 2);
}

static VOID Dma3Channel(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    PDEVICE_OBJECT other;
    PVOID base = NULL;
    KIRQL old;
    if (!Dma3Chain(r) || !NT_SUCCESS(IoCreateDevice(r->Device->DriverObject, 0, NULL,
                                                    FILE_DEVICE_UNKNOWN, 0, FALSE, &other))) {
        Dma3Unchain(r);
        return;
    }
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Dma3AllocRules(r);
    r->Out->V[7] = (ULONG)Dma3Alloc(r, r->Device, r->Context, r->Registers,
                                    DMA_SYNCHRONOUS_CALLBACK, FALSE, &base);
    r->Out->V[8] = base != NULL;
    r->Out->V[9] = (ULONG)Dma3Alloc(r, other, r->Context2, 1, DMA_SYNCHRONOUS_CALLBACK, TRUE, NULL);
    r->Out->V[10] = (ULONG)r->ControlCalls;
    r->Out->V[11] = (ULONG)Dma3Alloc(r, other, r->Context2, 1, 0, TRUE, NULL); /* waits */
    r->Out->V[12] = (ULONG)r->ControlCalls;
    r->Out->V[13] = ops->CancelAdapterChannel(r->Adapter, other, r->Context2);
    r->Out->V[38] = (ULONG)Dma3Alloc(r, other, r->Context2, 1, 0, TRUE, NULL); /* cancelled */
    Dma3Map(r, base);
    Dma3Grants(r, other);
    KeLowerIrql(old);
    IoDeleteDevice(other);
    Dma3Unchain(r);
}

/* ---- Get/BuildScatterGatherListEx ----------------------------------------------------------- */

static NTSTATUS Dma3GetList(DMA3 *r, PVOID Context, ULONG Flags, BOOLEAN Routine,
                            PDMA_COMPLETION_ROUTINE Completion, PSCATTER_GATHER_LIST *List)
{
    return r->Ops->GetScatterGatherListEx(r->Adapter, r->Device, Context, r->Mdl[0], 50,
                                          DMA3_CHAIN_BYTES - 50, Flags, Routine ? Dma3List : NULL,
                                          r, TRUE, Completion, Completion ? r : NULL, List);
}

static VOID Dma3BuildLists(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    PSCATTER_GATHER_LIST list = NULL;
    DMA_TRANSFER_INFO ti;
    PVOID buffer;
    ti.Version = DMA_TRANSFER_INFO_VERSION1;
    if (!NT_SUCCESS(
            ops->GetDmaTransferInfo(r->Adapter, r->Mdl[0], 50, DMA3_CHAIN_BYTES - 50, TRUE, &ti)))
        return;
    buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, ti.V1.ScatterGatherListSize, DMA3_TAG);
    if (buffer == NULL)
        return;
    r->Out->V[11] = (ULONG)ops->BuildScatterGatherListEx(
        r->Adapter, r->Device, r->Context, r->Mdl[0], 50, DMA3_CHAIN_BYTES - 50,
        DMA_SYNCHRONOUS_CALLBACK, NULL, NULL, FALSE, buffer, ti.V1.ScatterGatherListSize, NULL,
        NULL, &list);
    r->Out->V[12] = list == buffer;
    if (list != NULL)
        ops->PutScatterGatherList(r->Adapter, list, FALSE);
    r->Out->V[13] = (ULONG)ops->BuildScatterGatherListEx(
        r->Adapter, r->Device, r->Context, r->Mdl[0], 50, DMA3_CHAIN_BYTES - 50, 0, Dma3List, r,
        FALSE, buffer, ti.V1.ScatterGatherListSize - 1, NULL, NULL, NULL);
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    (void)ops->CancelAdapterChannel(r->Adapter, r->Device, r->Context2);
    r->Out->V[14] = (ULONG)ops->BuildScatterGatherListEx(
        r->Adapter, r->Device, r->Context2, r->Mdl[0], 50, DMA3_CHAIN_BYTES - 50, 0, Dma3List, r,
        FALSE, buffer, ti.V1.ScatterGatherListSize, NULL, NULL, NULL);
    r->Out->V[15] = (ULONG)r->ListCalls;
    ExFreePoolWithTag(buffer, DMA3_TAG);
}

static VOID Dma3Lists(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    PSCATTER_GATHER_LIST list = NULL;
    KIRQL old;
    if (!Dma3Chain(r))
        goto out;
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[1] = (ULONG)Dma3GetList(r, r->Context, DMA_SYNCHRONOUS_CALLBACK, FALSE, NULL, &list);
    r->Out->V[2] = list != NULL;
    if (list != NULL) {
        r->Out->V[3] = list->NumberOfElements;
        r->Out->V[4] =
            list->Elements[0].Address.QuadPart == (LONGLONG)(ULONG_PTR)(r->Block[0] + 150) &&
            list->Elements[0].Length == 2 * PAGE_SIZE - 50;
        r->Out->V[5] = list->Elements[1].Length == 100;
        ops->PutScatterGatherList(r->Adapter, list, TRUE);
    }
    r->Out->V[6] = (ULONG)Dma3GetList(r, r->Context, 0, FALSE, NULL, &list);
    r->Out->V[7] = (ULONG)Dma3GetList(r, r->Context, DMA_SYNCHRONOUS_CALLBACK, FALSE, NULL, NULL);
    r->Out->V[8] = (ULONG)Dma3GetList(r, r->Context, 0, TRUE, NULL, NULL);
    r->Out->V[9] = (ULONG)r->ListCalls;
    r->Out->V[10] = r->ListIrql;
    if (r->ListCalls == 1)
        ops->PutScatterGatherList(r->Adapter, r->List, TRUE);
    Dma3BuildLists(r);
    r->Out->V[16] = (ULONG)Dma3GetList(r, r->Context, 0, TRUE, Dma3Completion, NULL);
    ops->FreeAdapterObject(r->Adapter, DeallocateObject); /* nothing held */
    r->Out->V[17] = 1;
    KeLowerIrql(old);
out:
    Dma3Unchain(r);
}

/* ---- the system DMA controller ------------------------------------------------------------- */

static UCHAR Dma3Byte(ULONG i)
{
    return (UCHAR)(i * 13 + 7);
}

/* One system transfer of `length` bytes of `mdl`, waited for; its completion status. */
static ULONG Dma3Transfer(DMA3 *r, PMDL mdl, PVOID base, ULONG length, BOOLEAN write,
                          NTSTATUS *status)
{
    KeClearEvent(&r->Done);
    r->Status = (DMA_COMPLETION_STATUS)0xFF; /* none */
    *status = r->Ops->MapTransferEx(r->Adapter, mdl, base, 0, 0x10, &length, write, NULL, 0,
                                    Dma3Completion, r);
    if (NT_SUCCESS(*status))
        (void)Dma3Wait(r);
    (void)r->Ops->FlushAdapterBuffersEx(r->Adapter, mdl, base, 0, length, write);
    return (ULONG)r->Status;
}

/* A write queued behind a blocked DPC queue, cancelled by CancelMappedTransfer. */
static VOID Dma3CancelMapped(DMA3 *r, PMDL mdl)
{
    PDMA_OPERATIONS ops = r->Ops;
    ULONG length = 100;
    LONG before = r->Completions;
    KIRQL old;
    KeInitializeDpc(&r->Blocker, Dma3BlockerRoutine, r);
    r->BlockerRunning = r->BlockerRelease = 0;
    KeInsertQueueDpc(&r->Blocker, NULL, NULL);
    r->Out->V[15] = Dma3WaitFor(&r->BlockerRunning);
    r->Out->V[16] = (ULONG)ops->MapTransferEx(r->Adapter, mdl, r->Base, 0, 0, &length, TRUE, NULL,
                                              0, Dma3Completion, r);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[17] = ops->ReadDmaCounter(r->Adapter);
    KeLowerIrql(old);
    r->Out->V[18] = (ULONG)ops->CancelMappedTransfer(r->Adapter, r->Context);
    r->Out->V[19] = (ULONG)r->Status;
    r->Out->V[20] = (ULONG)(r->Completions - before);
    InterlockedExchange(&r->BlockerRelease, 1);
    r->Out->V[21] = (ULONG)ops->FlushAdapterBuffersEx(r->Adapter, mdl, r->Base, 0, length, TRUE);
    r->Out->V[22] = (ULONG)ops->MapTransferEx(r->Adapter, mdl, r->Base, 0, 0, &length, TRUE, NULL,
                                              0, Dma3Completion, r);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    ops->FreeAdapterChannel(r->Adapter);
    KeLowerIrql(old);
}

/* Writes pattern bytes to the device (the FIFO), reads them back, reads from an empty FIFO. */
static VOID Dma3System(DMA3 *r)
{
    PDMA_OPERATIONS ops = r->Ops;
    ULONG length = PAGE_SIZE + 200, i;
    PUCHAR w = ExAllocatePool2(POOL_FLAG_NON_PAGED, length, DMA3_TAG);
    PUCHAR rd = ExAllocatePool2(POOL_FLAG_NON_PAGED, length, DMA3_TAG);
    PMDL wm = w ? IoAllocateMdl(w, length, FALSE, FALSE, NULL) : NULL;
    PMDL rm = rd ? IoAllocateMdl(rd, length, FALSE, FALSE, NULL) : NULL;
    DMA_ADAPTER_INFO info;
    NTSTATUS status;
    PVOID base = NULL;
    KIRQL old;
    if (wm == NULL || rm == NULL)
        goto out;
    MmBuildMdlForNonPagedPool(wm);
    MmBuildMdlForNonPagedPool(rm);
    for (i = 0; i < length; i++)
        w[i] = Dma3Byte(i);
    info.Version = DMA_ADAPTER_INFO_VERSION1;
    (void)ops->GetDmaAdapterInfo(r->Adapter, &info);
    r->Out->V[1] = info.V1.ReadDmaCounterAvailable;
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    r->Action = KeepObject;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[2] = (ULONG)Dma3Alloc(r, r->Device, r->Context, r->Registers, 0, TRUE, NULL);
    KeLowerIrql(old);
    r->Out->V[3] = (ULONG)r->ControlCalls;
    KeClearEvent(&r->Done);
    r->Out->V[4] = (ULONG)ops->MapTransferEx(r->Adapter, wm, r->Base, 0, 0x10, &length, TRUE, NULL,
                                             0, Dma3Completion, r);
    r->Out->V[5] = length;
    r->Out->V[6] = (ULONG)Dma3Wait(r);
    r->Out->V[7] = (ULONG)r->Status;
    r->Out->V[8] = r->CompletionIrql;
    r->Out->V[9] = r->CompletionDevice == r->Device && r->CompletionContext == r;
    r->Out->V[10] = (ULONG)ops->FlushAdapterBuffersEx(r->Adapter, wm, r->Base, 0, length, TRUE);
    r->Out->V[11] = Dma3Transfer(r, rm, r->Base, length, FALSE, &status);
    r->Out->V[12] = (ULONG)status;
    r->Out->V[13] = RtlCompareMemory(w, rd, length) == length;
    r->Out->V[14] = Dma3Transfer(r, rm, r->Base, 100, FALSE, &status); /* the FIFO is empty */
    Dma3CancelMapped(r, wm);
    /* The cancelled write did not reach the FIFO: a read finds it empty. */
    (void)ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[23] =
        (ULONG)Dma3Alloc(r, r->Device, r->Context2, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE, &base);
    KeLowerIrql(old);
    r->Out->V[24] = Dma3Transfer(r, rm, base, 100, FALSE, &status);
    r->Out->V[25] = (ULONG)ops->ConfigureAdapterChannel(r->Adapter, 0, NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[26] = (ULONG)Dma3GetList(r, r->Context, 0, TRUE, NULL, NULL);
    ops->FreeAdapterObject(r->Adapter, DeallocateObject);
    KeLowerIrql(old);
out:
    if (wm != NULL)
        IoFreeMdl(wm);
    if (rm != NULL)
        IoFreeMdl(rm);
    if (w != NULL)
        ExFreePoolWithTag(w, DMA3_TAG);
    if (rd != NULL)
        ExFreePoolWithTag(rd, DMA3_TAG);
}

/* ---- failures (each ends in a bug check) ---------------------------------------------------- */

static VOID Dma3Failure(DMA3 *r, ULONG Op)
{
    /* A list with room for 4 elements: a union, since a structure ending in a flexible array
     * may not be followed by another member (a GNU extension clang warns about). */
    union {
        SCATTER_GATHER_LIST List;
        UCHAR Bytes[sizeof(SCATTER_GATHER_LIST) + 4 * sizeof(SCATTER_GATHER_ELEMENT)];
    } sg;
    PVOID base = NULL;
    ULONG length = Op == DMATEST_V3_MAP_ZERO ? 0 : 100;
    KIRQL old;
    (void)r->Ops->InitializeDmaTransferContext(r->Adapter, r->Context);
    (void)r->Ops->InitializeDmaTransferContext(r->Adapter, r->Context2);
    if (Op == DMATEST_V3_AT_PASSIVE) {
        (void)Dma3Alloc(r, r->Device, r->Context, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE, &base);
        return;
    }
    if (!Dma3Chain(r))
        return;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    (void)Dma3Alloc(r, r->Device, r->Context, 1, DMA_SYNCHRONOUS_CALLBACK, FALSE, &base);
    if (Op == DMATEST_V3_CHANNEL_TWICE) /* the same context (another one would wait) */
        (void)Dma3Alloc(r, r->Device, r->Context, 1, 0, TRUE, NULL);
    (void)r->Ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 0, 0, &length, TRUE, &sg.List,
                                sizeof(sg), NULL, NULL);
    (void)r->Ops->MapTransferEx(r->Adapter, r->Mdl[0], base, 0, 0, &length, TRUE, &sg.List,
                                sizeof(sg), NULL, NULL);
    KeLowerIrql(old);
}

VOID DmaTest3Run(PDMA_ADAPTER Adapter, ULONG Registers, ULONG Op, DMATEST_OUT *Out,
                 PDEVICE_OBJECT Device)
{
    DMA3 *r = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(DMA3), DMA3_TAG);
    if (r == NULL)
        return;
    r->Adapter = Adapter;
    r->Ops = Adapter->DmaOperations;
    r->Out = Out;
    r->Device = Device;
    r->Registers = Registers;
    KeInitializeEvent(&r->Done, NotificationEvent, FALSE);
    switch (Op) {
    case DMATEST_V3_INFO:
        Dma3Info(r);
        break;
    case DMATEST_V3_COMMON:
        Dma3Common(r);
        break;
    case DMATEST_V3_CHANNEL:
        Dma3Channel(r);
        break;
    case DMATEST_V3_LISTS:
        Dma3Lists(r);
        break;
    case DMATEST_V3_SYSTEM:
        Dma3System(r);
        break;
    default:
        Dma3Failure(r, Op);
        break;
    }
    ExFreePoolWithTag(r, DMA3_TAG);
}
