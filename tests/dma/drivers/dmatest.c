/*
 * dmatest.c - a WDM driver that uses a bus-master DMA adapter as a driver of a DMA device does:
 * IoGetDmaAdapter, common buffers, scatter/gather lists of an MDL chain, the adapter channel and
 * MapTransfer. Each IOCTL_DMATEST_RUN runs one scenario (dmatest.h) and reports what it saw in
 * DMATEST_OUT.V[] for test_dma.c to check; the failure scenarios break one rule and end in the
 * bug check. Public headers only.
 */
#include <ntddk.h>

#include "dmatest.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD DmaTestUnload;
static DRIVER_DISPATCH DmaTestCreateClose;
static DRIVER_DISPATCH DmaTestDeviceControl;
static DRIVER_CONTROL DmaTestControl;
static DRIVER_CONTROL DmaTestKeep;
static DRIVER_CONTROL DmaTestCopyControl;
static DRIVER_LIST_CONTROL DmaTestList;

static PDEVICE_OBJECT g_Device;

#define DMATEST_TAG 'tamD'

/* What a scenario shares with its AdapterControl / AdapterListControl routines. */
typedef struct _DMATEST_RUN {
    PDMA_ADAPTER Adapter;
    DMATEST_OUT *Out;
    PIRP Irp;
    PMDL Mdl;
    PUCHAR Va;
    ULONG Length, Registers;
    ULONG Op;
    LONG Calls;
    PVOID Base;
    PSCATTER_GATHER_LIST List;
    KIRQL Irql;
    PDEVICE_OBJECT Device;
    IO_ALLOCATION_ACTION Action;
} DMATEST_RUN;

static PDMA_OPERATIONS Ops(DMATEST_RUN *r)
{
    return r->Adapter->DmaOperations;
}

/* ---- the driver's routines for the adapter ------------------------------------------------ */

static VOID DmaTestList(PDEVICE_OBJECT DeviceObject, PIRP Irp, PSCATTER_GATHER_LIST ScatterGather,
                        PVOID Context)
{
    DMATEST_RUN *r = Context;
    UNREFERENCED_PARAMETER(DeviceObject);
    r->Calls++;
    r->List = ScatterGather;
    r->Irql = KeGetCurrentIrql();
    r->Out->V[14] = Irp == r->Irp;
}

/* AdapterControl of DMATEST_CHANNEL and the MapTransfer failures: maps the MDL (r->Length
 * bytes asked), flushes, keeps the registers. */
static IO_ALLOCATION_ACTION DmaTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                           PVOID MapRegisterBase, PVOID Context)
{
    DMATEST_RUN *r = Context;
    ULONG length = r->Length;
    PHYSICAL_ADDRESS la;
    PVOID va = r->Op == DMATEST_MAP_OUTSIDE ? r->Va + MmGetMdlByteCount(r->Mdl) : r->Va;
    UNREFERENCED_PARAMETER(DeviceObject);
    r->Calls++;
    r->Base = MapRegisterBase;
    r->Out->V[2] = KeGetCurrentIrql();
    r->Out->V[3] = MapRegisterBase != NULL;
    r->Out->V[4] = Irp == r->Irp;
    if (r->Op == DMATEST_FREE_EXTRA_REGS)
        return DeallocateObjectKeepRegisters;
    la = Ops(r)->MapTransfer(r->Adapter, r->Mdl, MapRegisterBase, va, &length, TRUE);
    r->Out->V[6] = (ULONG64)la.QuadPart;
    r->Out->V[7] = length;
    r->Out->V[8] = (ULONG64)(ULONG_PTR)r->Va;
    r->Out->V[9] =
        Ops(r)->FlushAdapterBuffers(r->Adapter, r->Mdl, MapRegisterBase, r->Va, length, TRUE);
    return DeallocateObjectKeepRegisters;
}

/* The byte at `position` of a transfer: pattern 1 (the driver's data) or 2 (the device's). */
static UCHAR DmaTestByte(ULONG position, ULONG pattern)
{
    return (UCHAR)((position * 7 + pattern * 0x55) & 0xFF);
}

static VOID DmaTestFill(PUCHAR p, ULONG length, ULONG pattern)
{
    ULONG i;
    for (i = 0; i < length; i++)
        p[i] = DmaTestByte(i, pattern);
}

static BOOLEAN DmaTestHolds(const UCHAR *p, ULONG length, ULONG pattern)
{
    ULONG i;
    for (i = 0; i < length; i++)
        if (p[i] != DmaTestByte(i, pattern))
            return FALSE;
    return TRUE;
}

/* DMATEST_MAP_COPY's AdapterControl (a 32-bit device, a buffer above 4 GiB): a write maps a
 * copy of the buffer; a read's bytes reach the buffer at FlushAdapterBuffers. */
static IO_ALLOCATION_ACTION DmaTestCopyControl(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                               PVOID MapRegisterBase, PVOID Context)
{
    DMATEST_RUN *r = Context;
    PDMA_OPERATIONS ops = Ops(r);
    ULONG length = r->Length;
    PHYSICAL_ADDRESS la;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    r->Calls++;
    r->Base = MapRegisterBase;
    DmaTestFill(r->Va, r->Length, 1);
    la = ops->MapTransfer(r->Adapter, r->Mdl, MapRegisterBase, r->Va, &length, TRUE);
    r->Out->V[6] = (ULONG64)la.QuadPart;
    r->Out->V[7] = length;
    r->Out->V[12] = DmaTestHolds((PUCHAR)(ULONG_PTR)la.QuadPart, length, 1);
    r->Out->V[9] =
        ops->FlushAdapterBuffers(r->Adapter, r->Mdl, MapRegisterBase, r->Va, length, TRUE);
    la = ops->MapTransfer(r->Adapter, r->Mdl, MapRegisterBase, r->Va, &length, FALSE);
    r->Out->V[15] = (ULONG64)la.QuadPart;
    DmaTestFill((PUCHAR)(ULONG_PTR)la.QuadPart, length, 2); /* the device writes */
    r->Out->V[13] = DmaTestHolds(r->Va, length, 1);         /* not in the buffer yet */
    (void)ops->FlushAdapterBuffers(r->Adapter, r->Mdl, MapRegisterBase, r->Va, length, FALSE);
    r->Out->V[14] = DmaTestHolds(r->Va, length, 2);
    return DeallocateObjectKeepRegisters;
}

/* DMATEST_QUEUE: the first device keeps the channel; the second one's routine records its call. */
static IO_ALLOCATION_ACTION DmaTestKeep(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                        PVOID MapRegisterBase, PVOID Context)
{
    DMATEST_RUN *r = Context;
    UNREFERENCED_PARAMETER(Irp);
    UNREFERENCED_PARAMETER(MapRegisterBase);
    r->Calls++;
    r->Device = DeviceObject;
    r->Irql = KeGetCurrentIrql();
    return r->Action;
}

/* ---- scenarios ----------------------------------------------------------------------------- */

static VOID DmaTestGet(DMATEST_RUN *r)
{
    PDMA_OPERATIONS ops = Ops(r);
    KIRQL old;
    r->Out->V[1] = r->Adapter->Version;
    r->Out->V[2] = r->Adapter->Size;
    r->Out->V[3] = ops->Size;
    r->Out->V[5] = ops->CalculateScatterGatherList != NULL;
    r->Out->V[6] = ops->BuildScatterGatherList != NULL;
    r->Out->V[7] = ops->BuildMdlFromScatterGatherList != NULL;
    r->Out->V[8] = ops->GetDmaAlignment(r->Adapter);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[9] = ops->ReadDmaCounter(r->Adapter);
    KeLowerIrql(old);
    r->Out->V[10] = ops->GetDmaAdapterInfo == NULL && ops->AllocateCommonBufferWithBounds == NULL;
    r->Out->V[11] = ops->PutDmaAdapter != NULL && ops->AllocateCommonBuffer != NULL &&
                    ops->FreeCommonBuffer != NULL && ops->AllocateAdapterChannel != NULL &&
                    ops->FlushAdapterBuffers != NULL && ops->FreeAdapterChannel != NULL &&
                    ops->FreeMapRegisters != NULL && ops->MapTransfer != NULL &&
                    ops->GetScatterGatherList != NULL && ops->PutScatterGatherList != NULL;
}

static VOID DmaTestCommon(DMATEST_RUN *r, ULONG Length)
{
    PHYSICAL_ADDRESS la;
    PUCHAR va = Ops(r)->AllocateCommonBuffer(r->Adapter, Length, &la, TRUE);
    ULONG i, zero = 1;
    r->Out->V[0] = va != NULL;
    if (va == NULL)
        return;
    r->Out->V[1] = (ULONG64)(ULONG_PTR)va;
    r->Out->V[2] = (ULONG64)la.QuadPart;
    r->Out->V[3] = (ULONG_PTR)va & (PAGE_SIZE - 1);
    for (i = 0; i < Length; i++)
        zero &= va[i] == 0;
    r->Out->V[4] = zero;
    va[Length - 1] = 0xA5; /* the driver may use all Length bytes */
    r->Out->V[5] = va[Length - 1];
    Ops(r)->FreeCommonBuffer(r->Adapter, Length, la, va, TRUE);
    if (r->Op == DMATEST_COMMON_TWICE)
        Ops(r)->FreeCommonBuffer(r->Adapter, Length, la, va, TRUE);
}

/* Three nonpaged buffers and their chain: piece 1 is 2 pages from byte 100 of a 3-page block,
 * piece 2 is 100 bytes, piece 3 a page. */
typedef struct _DMATEST_CHAIN {
    PUCHAR Block[3];
    PMDL Mdl[3];
} DMATEST_CHAIN;

static BOOLEAN DmaTestChain(DMATEST_CHAIN *c)
{
    static const ULONG sizes[3] = {3 * PAGE_SIZE, 100, PAGE_SIZE};
    static const ULONG offsets[3] = {100, 0, 0};
    static const ULONG lengths[3] = {2 * PAGE_SIZE, 100, PAGE_SIZE};
    ULONG i;
    RtlZeroMemory(c, sizeof(*c));
    for (i = 0; i < 3; i++) {
        c->Block[i] = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizes[i], DMATEST_TAG);
        if (c->Block[i] == NULL)
            return FALSE;
        c->Mdl[i] = IoAllocateMdl(c->Block[i] + offsets[i], lengths[i], FALSE, FALSE, NULL);
        if (c->Mdl[i] == NULL)
            return FALSE;
        MmBuildMdlForNonPagedPool(c->Mdl[i]);
        if (i > 0)
            c->Mdl[i - 1]->Next = c->Mdl[i];
    }
    return TRUE;
}

static VOID DmaTestUnchain(DMATEST_CHAIN *c)
{
    ULONG i;
    for (i = 0; i < 3; i++) {
        if (c->Mdl[i] != NULL)
            IoFreeMdl(c->Mdl[i]);
        if (c->Block[i] != NULL)
            ExFreePoolWithTag(c->Block[i], DMATEST_TAG);
    }
}

/* The list's elements into V[6..12]; the addresses the driver expects into V[15..17]. */
static VOID DmaTestReportList(DMATEST_RUN *r, DMATEST_CHAIN *c, PUCHAR cva)
{
    ULONG i;
    r->Out->V[6] = r->List->NumberOfElements;
    for (i = 0; i < 3 && i < r->List->NumberOfElements; i++) {
        r->Out->V[7 + 2 * i] = (ULONG64)r->List->Elements[i].Address.QuadPart;
        r->Out->V[8 + 2 * i] = r->List->Elements[i].Length;
    }
    r->Out->V[13] = r->Irql;
    r->Out->V[15] = (ULONG64)(ULONG_PTR)cva;
    r->Out->V[16] = (ULONG64)(ULONG_PTR)c->Block[1];
    r->Out->V[17] = (ULONG64)(ULONG_PTR)c->Block[2];
    /* The map registers the chain needs: a page of each piece (ADDRESS_AND_SIZE_TO_SPAN_PAGES). */
    r->Out->V[27] = ADDRESS_AND_SIZE_TO_SPAN_PAGES(cva, 2 * PAGE_SIZE - 16) +
                    ADDRESS_AND_SIZE_TO_SPAN_PAGES(c->Block[1], 100) +
                    ADDRESS_AND_SIZE_TO_SPAN_PAGES(c->Block[2], 50);
}

static VOID DmaTestSgBuild(DMATEST_RUN *r, PUCHAR cva, ULONG length, ULONG size)
{
    PDMA_OPERATIONS ops = Ops(r);
    PVOID buffer = ExAllocatePool2(POOL_FLAG_NON_PAGED, size + 1, DMATEST_TAG);
    PMDL target = NULL;
    LONG before;
    if (buffer == NULL)
        return;
    before = r->Calls;
    r->Out->V[18] = (ULONG)ops->BuildScatterGatherList(r->Adapter, g_Device, r->Mdl, cva, length,
                                                       DmaTestList, r, FALSE, buffer, size - 1);
    r->Out->V[19] = (ULONG)(r->Calls - before);
    r->Out->V[20] = (ULONG)ops->BuildScatterGatherList(r->Adapter, g_Device, r->Mdl, cva, length,
                                                       DmaTestList, r, FALSE, buffer, size);
    r->Out->V[21] = r->List == buffer;
    r->Out->V[22] = (ULONG)ops->BuildMdlFromScatterGatherList(r->Adapter, r->List, r->Mdl, &target);
    r->Out->V[23] = target == r->Mdl;
    r->Out->V[24] = (ULONG)ops->BuildMdlFromScatterGatherList(r->Adapter, r->List, NULL, &target);
    if (r->Out->V[20] == STATUS_SUCCESS)
        ops->PutScatterGatherList(r->Adapter, r->List, FALSE);
    ExFreePoolWithTag(buffer, DMATEST_TAG);
}

static VOID DmaTestSg(DMATEST_RUN *r)
{
    PDMA_OPERATIONS ops = Ops(r);
    DMATEST_CHAIN c;
    PUCHAR cva;
    ULONG length = (2 * PAGE_SIZE - 16) + 100 + 50, size = 0, regs = 0;
    KIRQL old;
    if (!DmaTestChain(&c)) {
        DmaTestUnchain(&c);
        return;
    }
    cva = c.Block[0] + 100 + 16;
    r->Mdl = c.Mdl[0];
    r->Out->V[0] =
        (ULONG)ops->CalculateScatterGatherList(r->Adapter, r->Mdl, cva, length, &size, &regs);
    r->Out->V[1] = size;
    r->Out->V[2] = regs;
    r->Out->V[3] =
        (ULONG)ops->CalculateScatterGatherList(r->Adapter, NULL, cva, length, &size, &regs);
    r->Out->V[28] = size;
    r->Out->V[29] = regs;
    r->Out->V[30] = ADDRESS_AND_SIZE_TO_SPAN_PAGES(cva, length);
    g_Device->CurrentIrp = r->Irp; /* what AdapterListControl gets as its Irp */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[5] = (ULONG)ops->GetScatterGatherList(r->Adapter, g_Device, r->Mdl, cva, length,
                                                    DmaTestList, r, TRUE);
    if (r->Out->V[5] == STATUS_SUCCESS) {
        DmaTestReportList(r, &c, cva);
        ops->PutScatterGatherList(r->Adapter, r->List, TRUE);
        if (r->Op == DMATEST_PUT_SG_TWICE)
            ops->PutScatterGatherList(r->Adapter, r->List, TRUE);
        DmaTestSgBuild(r, cva, length, (ULONG)r->Out->V[1]);
    }
    /* Past the chain's end: 50 bytes of piece 3 were used, a page + 1 more is too many. */
    r->Out->V[25] = (ULONG)ops->GetScatterGatherList(
        r->Adapter, g_Device, r->Mdl, cva, length - 50 + PAGE_SIZE + 1, DmaTestList, r, TRUE);
    r->Out->V[26] = (ULONG)r->Calls;
    KeLowerIrql(old);
    g_Device->CurrentIrp = NULL;
    DmaTestUnchain(&c);
}

/* Walks `length` bytes of the chain from cva: fills them with the pattern (Fill), or says
 * whether they hold it. */
static BOOLEAN DmaTestChainPattern(PMDL mdl, PUCHAR cva, ULONG length, ULONG pattern, BOOLEAN Fill)
{
    ULONG offset = (ULONG)(cva - (PUCHAR)MmGetMdlVirtualAddress(mdl)), position = 0;
    for (; mdl != NULL && position < length; mdl = mdl->Next, offset = 0) {
        PUCHAR va = (PUCHAR)MmGetMdlVirtualAddress(mdl) + offset;
        ULONG i, piece = MmGetMdlByteCount(mdl) - offset;
        for (i = 0; i < piece && position < length; i++, position++) {
            if (Fill)
                va[i] = DmaTestByte(position, pattern);
            else if (va[i] != DmaTestByte(position, pattern))
                return FALSE;
        }
    }
    return TRUE;
}

/* A list the device cannot take (the chain above 4 GiB for a 32-bit device, or three pieces
 * for a device without scatter/gather): one element, a copy. */
static VOID DmaTestSgCopy(DMATEST_RUN *r)
{
    PDMA_OPERATIONS ops = Ops(r);
    ULONG length = (2 * PAGE_SIZE - 16) + 100 + 50;
    PMDL target = NULL, first;
    DMATEST_CHAIN c;
    PUCHAR cva, element;
    KIRQL old;
    if (!DmaTestChain(&c)) {
        DmaTestUnchain(&c);
        return;
    }
    cva = c.Block[0] + 116;
    (void)DmaTestChainPattern(c.Mdl[0], cva, length, 1, TRUE);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[0] = (ULONG)ops->GetScatterGatherList(r->Adapter, g_Device, c.Mdl[0], cva, length,
                                                    DmaTestList, r, TRUE);
    if (r->Out->V[0] == STATUS_SUCCESS) {
        element = (PUCHAR)(ULONG_PTR)r->List->Elements[0].Address.QuadPart;
        r->Out->V[1] = r->List->NumberOfElements;
        r->Out->V[2] = (ULONG64)(ULONG_PTR)element;
        r->Out->V[3] = r->List->Elements[0].Length;
        r->Out->V[4] = DmaTestHolds(element, length, 1);
        r->Out->V[5] = element != cva;
        r->Out->V[6] =
            (ULONG)ops->BuildMdlFromScatterGatherList(r->Adapter, r->List, c.Mdl[0], &target);
        r->Out->V[7] = target != NULL && target != c.Mdl[0];
        r->Out->V[8] = target != NULL && MmGetMdlVirtualAddress(target) == element &&
                       MmGetMdlByteCount(target) == length;
        first = target;
        r->Out->V[9] =
            (ULONG)ops->BuildMdlFromScatterGatherList(r->Adapter, r->List, c.Mdl[0], &target);
        r->Out->V[16] = target == first;
        ops->PutScatterGatherList(r->Adapter, r->List, TRUE);
    }
    r->Out->V[10] = (ULONG)ops->GetScatterGatherList(r->Adapter, g_Device, c.Mdl[0], cva, length,
                                                     DmaTestList, r, FALSE);
    if (r->Out->V[10] == STATUS_SUCCESS) {
        element = (PUCHAR)(ULONG_PTR)r->List->Elements[0].Address.QuadPart;
        DmaTestFill(element, length, 2); /* the device writes */
        r->Out->V[11] = DmaTestChainPattern(c.Mdl[0], cva, length, 1, FALSE);
        ops->PutScatterGatherList(r->Adapter, r->List, FALSE);
        r->Out->V[12] = DmaTestChainPattern(c.Mdl[0], cva, length, 2, FALSE);
    }
    KeLowerIrql(old);
    r->Out->V[13] = (ULONG64)(ULONG_PTR)cva;
    DmaTestUnchain(&c);
}

/* A 2-page MDL from byte 10 of a 3-page block, the registers (Arg), the control routine. */
static VOID DmaTestChannel(DMATEST_RUN *r, ULONG Registers)
{
    PDMA_OPERATIONS ops = Ops(r);
    PUCHAR block = ExAllocatePool2(POOL_FLAG_NON_PAGED, 3 * PAGE_SIZE, DMATEST_TAG);
    KIRQL old;
    if (block == NULL)
        return;
    r->Va = block + 10;
    r->Mdl = IoAllocateMdl(r->Va, 2 * PAGE_SIZE, FALSE, FALSE, NULL);
    if (r->Mdl == NULL) {
        ExFreePoolWithTag(block, DMATEST_TAG);
        return;
    }
    MmBuildMdlForNonPagedPool(r->Mdl);
    g_Device->CurrentIrp = r->Irp;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[0] = (ULONG)ops->AllocateAdapterChannel(r->Adapter, g_Device, r->Registers + 1,
                                                      DmaTestControl, r);
    r->Out->V[1] = (ULONG)r->Calls;
    r->Out->V[10] = (ULONG)ops->AllocateAdapterChannel(
        r->Adapter, g_Device, Registers,
        r->Op == DMATEST_MAP_COPY ? DmaTestCopyControl : DmaTestControl, r);
    r->Out->V[11] = (ULONG)r->Calls;
    r->Out->V[5] = r->Calls == 1;
    if (r->Calls == 1)
        ops->FreeMapRegisters(r->Adapter, r->Base,
                              r->Op == DMATEST_FREE_EXTRA_REGS ? Registers + r->Length : Registers);
    KeLowerIrql(old);
    g_Device->CurrentIrp = NULL;
    IoFreeMdl(r->Mdl);
    ExFreePoolWithTag(block, DMATEST_TAG);
}

static VOID DmaTestQueue(DMATEST_RUN *r)
{
    PDMA_OPERATIONS ops = Ops(r);
    DMATEST_RUN second = *r;
    PDEVICE_OBJECT other;
    KIRQL old;
    if (!NT_SUCCESS(
            IoCreateDevice(g_Device->DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &other)))
        return;
    r->Action = KeepObject;
    second.Action = DeallocateObject;
    second.Calls = 0;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    r->Out->V[0] = (ULONG)ops->AllocateAdapterChannel(r->Adapter, g_Device, 1, DmaTestKeep, r);
    r->Out->V[1] = (ULONG)r->Calls;
    r->Out->V[2] = (ULONG)ops->AllocateAdapterChannel(r->Adapter, other, 1, DmaTestKeep, &second);
    r->Out->V[3] = (ULONG)second.Calls;
    ops->FreeAdapterChannel(r->Adapter);
    r->Out->V[4] = (ULONG)second.Calls;
    r->Out->V[5] = second.Irql;
    r->Out->V[6] = second.Device == other;
    r->Out->V[7] = r->Device == g_Device;
    KeLowerIrql(old);
    IoDeleteDevice(other);
}

/* ---- failures ------------------------------------------------------------------------------ */

/* A list not put before the adapter (its chain stays: the bug check ends the test), or the list
 * of an MDL neither locked nor built for nonpaged pool. */
static VOID DmaTestFailureList(DMATEST_RUN *r)
{
    DMATEST_CHAIN c;
    KIRQL old;
    if (!DmaTestChain(&c))
        return;
    if (r->Op == DMATEST_UNLOCKED_MDL)
        c.Mdl[0]->MdlFlags = 0; /* as IoAllocateMdl left it */
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    Ops(r)->GetScatterGatherList(r->Adapter, g_Device, c.Mdl[0], MmGetMdlVirtualAddress(c.Mdl[0]),
                                 16, DmaTestList, r, TRUE);
    KeLowerIrql(old);
}

static VOID DmaTestFailure(DMATEST_RUN *r)
{
    PDMA_OPERATIONS ops = Ops(r);
    PHYSICAL_ADDRESS la;
    KIRQL old;
    switch (r->Op) {
    case DMATEST_SG_AT_PASSIVE: {
        DMATEST_CHAIN c;
        if (DmaTestChain(&c))
            ops->GetScatterGatherList(r->Adapter, g_Device, c.Mdl[0],
                                      MmGetMdlVirtualAddress(c.Mdl[0]), 16, DmaTestList, r, TRUE);
        DmaTestUnchain(&c);
        break;
    }
    case DMATEST_COMMON_AT_DPC:
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        ops->AllocateCommonBuffer(r->Adapter, PAGE_SIZE, &la, TRUE);
        KeLowerIrql(old);
        break;
    case DMATEST_PUT_WITH_COMMON:
        ops->AllocateCommonBuffer(r->Adapter, PAGE_SIZE, &la, TRUE);
        break; /* the caller puts the adapter */
    case DMATEST_FREE_CHANNEL:
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        ops->FreeAdapterChannel(r->Adapter);
        KeLowerIrql(old);
        break;
    case DMATEST_CHANNEL_TWICE:
    case DMATEST_PUT_WITH_REGS:
    case DMATEST_PUT_WITH_CHANNEL:
        r->Action = r->Op == DMATEST_PUT_WITH_REGS ? DeallocateObjectKeepRegisters : KeepObject;
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        ops->AllocateAdapterChannel(r->Adapter, g_Device, 1, DmaTestKeep, r);
        if (r->Op == DMATEST_CHANNEL_TWICE)
            ops->AllocateAdapterChannel(r->Adapter, g_Device, 1, DmaTestKeep, r);
        KeLowerIrql(old);
        break; /* the caller puts the adapter */
    case DMATEST_PUT_WITH_LIST:
    case DMATEST_UNLOCKED_MDL:
        DmaTestFailureList(r);
        break;
    default:
        break;
    }
}

static VOID DmaTestRun(const DMATEST_IN *In, DMATEST_OUT *Out, PIRP Irp)
{
    DEVICE_DESCRIPTION d;
    DMATEST_RUN r;
    RtlZeroMemory(&d, sizeof(d));
    RtlZeroMemory(&r, sizeof(r));
    d.Version = In->Version;
    d.Master = In->Master;
    d.ScatterGather = In->ScatterGather;
    d.Dma32BitAddresses = In->Dma32;
    d.Dma64BitAddresses = In->Dma64;
    d.InterfaceType = PCIBus;
    d.MaximumLength = In->MaximumLength;
    d.DmaRequestLine = d.DmaChannel = In->Master ? 0 : 0x1000; /* a system channel's line */
    r.Out = Out;
    r.Irp = Irp;
    r.Op = In->Op;
    if (In->Op == DMATEST_GET_AT_DPC) {
        KIRQL old;
        KeRaiseIrql(DISPATCH_LEVEL, &old); /* the bug check ends the test */
    }
    r.Adapter = IoGetDmaAdapter(NULL, &d, &r.Registers);
    Out->V[0] = r.Adapter != NULL;
    if (r.Adapter == NULL)
        return;
    Out->V[4] = r.Registers;
    r.Length = In->Arg;
    switch (In->Op) {
    case DMATEST_GET:
        DmaTestGet(&r);
        break;
    case DMATEST_COMMON:
    case DMATEST_COMMON_TWICE:
        DmaTestCommon(&r, In->Arg);
        break;
    case DMATEST_SG:
    case DMATEST_PUT_SG_TWICE:
        DmaTestSg(&r);
        break;
    case DMATEST_SG_COPY:
        DmaTestSgCopy(&r);
        break;
    case DMATEST_MAP_COPY:
    case DMATEST_MAP_ZERO:
    case DMATEST_MAP_PAST_MDL:
    case DMATEST_CHANNEL:
    case DMATEST_MAP_OUTSIDE:
    case DMATEST_MAP_TOO_MUCH:
    case DMATEST_FREE_EXTRA_REGS:
        DmaTestChannel(&r, In->Op == DMATEST_MAP_OUTSIDE || In->Op == DMATEST_MAP_TOO_MUCH ||
                                   In->Op == DMATEST_FREE_EXTRA_REGS
                               ? 1
                               : r.Registers);
        break;
    case DMATEST_QUEUE:
        DmaTestQueue(&r);
        break;
    case DMATEST_V3_INFO:
    case DMATEST_V3_COMMON:
    case DMATEST_V3_CHANNEL:
    case DMATEST_V3_LISTS:
    case DMATEST_V3_SYSTEM:
    case DMATEST_V3_MAP_TWICE:
    case DMATEST_V3_CHANNEL_TWICE:
    case DMATEST_V3_MAP_ZERO:
    case DMATEST_V3_AT_PASSIVE:
        DmaTest3Run(r.Adapter, r.Registers, In->Op, Out, g_Device);
        break;
    default:
        DmaTestFailure(&r);
        break;
    }
    r.Adapter->DmaOperations->PutDmaAdapter(r.Adapter);
}

/* ---- the device ---------------------------------------------------------------------------- */

static NTSTATUS DmaTestComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS DmaTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return DmaTestComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS DmaTestDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    DMATEST_IN in;
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.IoControlCode != IOCTL_DMATEST_RUN ||
        sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(DMATEST_IN) ||
        sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(DMATEST_OUT))
        return DmaTestComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    in = *(DMATEST_IN *)Irp->AssociatedIrp.SystemBuffer;
    RtlZeroMemory(Irp->AssociatedIrp.SystemBuffer, sizeof(DMATEST_OUT));
    DmaTestRun(&in, Irp->AssociatedIrp.SystemBuffer, Irp);
    return DmaTestComplete(Irp, STATUS_SUCCESS, sizeof(DMATEST_OUT));
}

static VOID DmaTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DmaTest");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\DmaTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DmaTest");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DmaTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DmaTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DmaTestDeviceControl;
    DriverObject->DriverUnload = DmaTestUnload;
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status))
        IoDeleteDevice(g_Device);
    return status;
}
