/*
 * wdfdma.c - a framework (KMDF) non-PnP driver that uses DMA transactions as a driver written
 * against the KMDF 1.33 documentation would. Its "device" is played by the driver itself, as
 * docs/wdf.md ("DMA transactions") describes: the run groups perform each transfer in line
 * (EvtProgramDma records the scatter/gather list, the group moves the bytes and calls
 * DmaCompleted); the request-based transactions use a WDFDPC as the device's interrupt: it
 * moves the bytes of the list EvtProgramDma was given, then does what an EvtInterruptDpc does
 * (DmaCompleted, and at the end completes the request). Every expected value is the documented
 * behaviour. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfdma.h"

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL DmaDeviceControl;
static EVT_WDF_PROGRAM_DMA DmaRecordProgram;
static EVT_WDF_PROGRAM_DMA DmaDeviceProgram;
static EVT_WDF_DPC DmaDeviceDpc;
static EVT_WDF_REQUEST_CANCEL DmaRequestCancel;
static EVT_WDF_RESERVE_DMA DmaReserve;

typedef struct _DEVICE_DATA {
    WDFDMAENABLER Packet; /* WdfDmaProfilePacket, WDFDMA_MAX_LENGTH */
    WDFDMAENABLER Gather; /* WdfDmaProfileScatterGather64, 65536 */
    WDFDPC Interrupt;     /* the device's "interrupt" (the request-based transactions) */
    WDFDMATRANSACTION Current;
    WDFREQUEST Request;
    BOOLEAN Hang;                 /* the device never finishes (IOCTL_DMA_HANG) */
    BOOLEAN InDpc;                /* DmaCompleted of the DPC programs the next transfer */
    ULONG DevicePosition;         /* bytes the device moved in the current transaction */
    PSCATTER_GATHER_LIST Pending; /* the transfer the device is doing */
    WDFDMA_LOG Log;
} DEVICE_DATA;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_DATA, GetData)

/* The alignment values a DMA driver hands WdfDeviceSetAlignmentRequirement (wdm.h). */
C_ASSERT(FILE_QUAD_ALIGNMENT == 7 && FILE_OCTA_ALIGNMENT == 0xF &&
         FILE_512_BYTE_ALIGNMENT == 0x1FF);

static WDFDMA_RESULT *g_result;
static WDFDEVICE g_device;
/* The run groups' record of what EvtProgramDma was given. */
static SCATTER_GATHER_ELEMENT g_elements[8][4];
static ULONG g_element_counts[8], g_programs;
static WDFDEVICE g_program_device;
static PVOID g_program_context;
static LONG g_reserves;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        g_result->Checks++;                                                                        \
        if (!(cond)) {                                                                             \
            g_result->Failed++;                                                                    \
            if (g_result->FirstLine == 0)                                                          \
                g_result->FirstLine = __LINE__;                                                    \
        }                                                                                          \
    } while (0)

static VOID LogEvent(DEVICE_DATA *d, char c)
{
    size_t n = strlen(d->Log.Events);
    if (n + 1 < sizeof(d->Log.Events))
        d->Log.Events[n] = c;
}

/* ---- the run groups: the device's transfers in line ------------------------------------ */

static BOOLEAN DmaRecordProgram(WDFDMATRANSACTION Transaction, WDFDEVICE Device, WDFCONTEXT Context,
                                WDF_DMA_DIRECTION Direction, PSCATTER_GATHER_LIST SgList)
{
    ULONG i;
    UNREFERENCED_PARAMETER(Transaction);
    UNREFERENCED_PARAMETER(Direction);
    g_program_device = Device;
    g_program_context = Context;
    if (g_programs < 8) {
        g_element_counts[g_programs] = SgList->NumberOfElements;
        for (i = 0; i < SgList->NumberOfElements && i < 4; i++)
            g_elements[g_programs][i] = SgList->Elements[i];
    }
    g_programs++;
    return TRUE;
}

static VOID ResetRecord(VOID)
{
    RtlZeroMemory(g_elements, sizeof(g_elements));
    RtlZeroMemory(g_element_counts, sizeof(g_element_counts));
    g_programs = 0;
}

static BOOLEAN IsElement(ULONG transfer, ULONG index, PVOID address, ULONG length)
{
    return g_elements[transfer][index].Address.QuadPart == (LONGLONG)(ULONG_PTR)address &&
           g_elements[transfer][index].Length == length;
}

/* Three MDLs of 3000, 5000 and 2000 bytes over separate buffers, chained. */
typedef struct _CHAIN {
    PUCHAR Buffer[3];
    PMDL Mdl[3];
} CHAIN;

static const ULONG g_chain_sizes[3] = {3000, 5000, 2000};

static BOOLEAN ChainBuild(CHAIN *c)
{
    ULONG i;
    RtlZeroMemory(c, sizeof(*c));
    for (i = 0; i < 3; i++) {
        c->Buffer[i] = ExAllocatePoolWithTag(NonPagedPoolNx, g_chain_sizes[i], 'amDW');
        if (c->Buffer[i] == NULL)
            return FALSE;
        c->Mdl[i] = IoAllocateMdl(c->Buffer[i], g_chain_sizes[i], FALSE, FALSE, NULL);
        if (c->Mdl[i] == NULL)
            return FALSE;
        MmBuildMdlForNonPagedPool(c->Mdl[i]);
        if (i > 0)
            c->Mdl[i - 1]->Next = c->Mdl[i];
    }
    return TRUE;
}

static VOID ChainFree(CHAIN *c)
{
    ULONG i;
    for (i = 0; i < 3; i++) {
        if (c->Mdl[i] != NULL)
            IoFreeMdl(c->Mdl[i]);
        if (c->Buffer[i] != NULL)
            ExFreePoolWithTag(c->Buffer[i], 'amDW');
    }
}

/* Completes every transfer in full; returns the number of DmaCompleted calls. */
static ULONG CompleteAll(WDFDMATRANSACTION t, NTSTATUS *status)
{
    ULONG calls = 1;
    while (!WdfDmaTransactionDmaCompleted(t, status)) {
        CHECK(*status == STATUS_MORE_PROCESSING_REQUIRED);
        if (++calls > 16)
            break;
    }
    return calls;
}

/* 8500 bytes from 1000 bytes into the chain, transfers of 4096 at most (the transaction's
 * maximum below the enabler's): elements cross the MDLs. */
static VOID GroupScatterGather(DEVICE_DATA *d)
{
    WDFDMATRANSACTION t;
    NTSTATUS status;
    ULONG maps = 0, elements = 0;
    CHAIN c;
    CHECK(ChainBuild(&c));
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    ResetRecord();
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0] + 1000, 8500)));
    WdfDmaTransactionSetMaximumLength(t, WDFDMA_MAX_LENGTH);
    WdfDmaTransactionGetTransferInfo(t, &maps, &elements);
    CHECK(elements == 3);
    CHECK(maps == ADDRESS_AND_SIZE_TO_SPAN_PAGES(c.Buffer[0] + 1000, 2000) +
                      ADDRESS_AND_SIZE_TO_SPAN_PAGES(c.Buffer[1], 5000) +
                      ADDRESS_AND_SIZE_TO_SPAN_PAGES(c.Buffer[2], 1500));
    CHECK(g_programs == 0); /* nothing before Execute */
    CHECK(WdfDmaTransactionGetRequest(t) == NULL);
    CHECK(WdfDmaTransactionGetDevice(t) == g_device);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, (WDFCONTEXT)d)));
    CHECK(g_programs == 1 && g_program_device == g_device && g_program_context == d);
    CHECK(WdfDmaTransactionGetCurrentDmaTransferLength(t) == 4096);
    CHECK(WdfDmaTransactionCancel(t) == FALSE); /* already being processed */
    CHECK(CompleteAll(t, &status) == 3);
    CHECK(status == STATUS_SUCCESS);
    CHECK(WdfDmaTransactionGetBytesTransferred(t) == 8500);
    CHECK(g_programs == 3);
    CHECK(g_element_counts[0] == 2 && IsElement(0, 0, c.Buffer[0] + 1000, 2000) &&
          IsElement(0, 1, c.Buffer[1], 2096));
    CHECK(g_element_counts[1] == 2 && IsElement(1, 0, c.Buffer[1] + 2096, 2904) &&
          IsElement(1, 1, c.Buffer[2], 1192));
    CHECK(g_element_counts[2] == 1 && IsElement(2, 0, c.Buffer[2] + 1192, 308));
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    /* Reused: the enabler's maximum again (65536): one transfer of three elements. */
    ResetRecord();
    CHECK(NT_SUCCESS(WdfDmaTransactionInitializeUsingOffset(
        t, DmaRecordProgram, WdfDmaDirectionReadFromDevice, c.Mdl[0], 1000, 8500)));
    WdfDmaTransactionSetImmediateExecution(t, TRUE); /* the resources are there: it runs */
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(g_programs == 1 && g_element_counts[0] == 3 && g_program_context == NULL);
    CHECK(WdfDmaTransactionGetCurrentDmaTransferLength(t) == 8500);
    CHECK(CompleteAll(t, &status) == 1 && status == STATUS_SUCCESS);
    WdfObjectDelete(t);
    ChainFree(&c);
}

/* A packet device: one element a transfer, so a transfer stops at an MDL's end. */
static VOID GroupPacket(DEVICE_DATA *d)
{
    WDFDMATRANSACTION t;
    NTSTATUS status;
    CHAIN c;
    CHECK(ChainBuild(&c));
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Packet, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    ResetRecord();
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0] + 1000, 8500)));
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(CompleteAll(t, &status) == 4 && status == STATUS_SUCCESS);
    CHECK(g_programs == 4);
    CHECK(g_element_counts[0] == 1 && IsElement(0, 0, c.Buffer[0] + 1000, 2000));
    CHECK(g_element_counts[1] == 1 && IsElement(1, 0, c.Buffer[1], 4096));
    CHECK(g_element_counts[2] == 1 && IsElement(2, 0, c.Buffer[1] + 4096, 904));
    CHECK(g_element_counts[3] == 1 && IsElement(3, 0, c.Buffer[2], 1500));
    CHECK(WdfDmaTransactionGetBytesTransferred(t) == 8500);
    /* Map registers can be reserved for a packet device: EvtReserveDma runs. */
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    g_reserves = 0;
    CHECK(WdfDmaTransactionAllocateResources(t, WdfDmaDirectionWriteToDevice, 0, DmaReserve,
                                             NULL) == STATUS_SUCCESS);
    CHECK(g_reserves == 1);
    WdfDmaTransactionFreeResources(t);
    WdfObjectDelete(t);
    ChainFree(&c);
}

static VOID DmaReserve(WDFDMATRANSACTION DmaTransaction, PVOID Context)
{
    UNREFERENCED_PARAMETER(DmaTransaction);
    UNREFERENCED_PARAMETER(Context);
    InterlockedIncrement(&g_reserves);
}

/* Partial transfers (WithLength), an underrun (Final), a single transfer, fragment limits. */
static VOID GroupLengths(DEVICE_DATA *d)
{
    WDFDMATRANSACTION t;
    NTSTATUS status;
    CHAIN c;
    CHECK(ChainBuild(&c));
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    ResetRecord();
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[1], c.Buffer[1], 5000)));
    WdfDmaTransactionSetMaximumLength(t, 2000);
    WdfDmaTransactionSetMaximumLength(t, 100000); /* above the enabler's: ignored */
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(WdfDmaTransactionGetCurrentDmaTransferLength(t) == 2000);
    /* The device moved 500: the next transfer starts there. */
    CHECK(WdfDmaTransactionDmaCompletedWithLength(t, 500, &status) == FALSE);
    CHECK(status == STATUS_MORE_PROCESSING_REQUIRED);
    CHECK(g_programs == 2 && IsElement(1, 0, c.Buffer[1] + 500, 2000));
    /* An underrun: the transaction ends with what was moved. */
    CHECK(WdfDmaTransactionDmaCompletedFinal(t, 300, &status) == TRUE);
    CHECK(status == STATUS_SUCCESS);
    CHECK(WdfDmaTransactionGetBytesTransferred(t) == 800);
    CHECK(g_programs == 2);
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    /* A single transfer the device falls short of. */
    WdfDmaTransactionSetSingleTransferRequirement(t, TRUE);
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 8000)));
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(WdfDmaTransactionDmaCompletedWithLength(t, 6000, &status) == TRUE);
    CHECK(status == STATUS_WDF_TOO_MANY_TRANSFERS);
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    /* Released: the requirement is gone, so the maximum splits again (4000 + 4000). */
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 8000)));
    WdfDmaTransactionSetMaximumLength(t, 4000);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(CompleteAll(t, &status) == 2 && status == STATUS_SUCCESS);
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    /* A single transfer longer than the packet enabler's maximum. */
    WdfObjectDelete(t);
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Packet, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    WdfDmaTransactionSetSingleTransferRequirement(t, TRUE);
    CHECK(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice, c.Mdl[1],
                                      c.Buffer[1], 5000) == STATUS_WDF_TOO_MANY_TRANSFERS);
    WdfObjectDelete(t);
    /* A device that takes one element a transfer cannot take a transfer across two MDLs. */
    WdfDmaEnablerSetMaximumScatterGatherElements(d->Gather, 1);
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    CHECK(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice, c.Mdl[0],
                                      c.Buffer[0], 4000) == STATUS_WDF_TOO_FRAGMENTED);
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 3000)));
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    WdfDmaEnablerSetMaximumScatterGatherElements(d->Gather, WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS);
    WdfObjectDelete(t);
    ChainFree(&c);
}

/* The documented error returns. */
/* A common buffer of the enabler lies below 4 GiB, aligned as asked (0: the device's). */
static BOOLEAN CommonBufferBelow4G(WDFDMAENABLER Enabler, size_t Length, ULONG Alignment)
{
    WDF_COMMON_BUFFER_CONFIG config;
    WDFCOMMONBUFFER buffer;
    PHYSICAL_ADDRESS la;
    PUCHAR va;
    BOOLEAN below;
    WDF_COMMON_BUFFER_CONFIG_INIT(&config, Alignment);
    if (!NT_SUCCESS(
            Alignment != 0
                ? WdfCommonBufferCreateWithConfig(Enabler, Length, &config,
                                                  WDF_NO_OBJECT_ATTRIBUTES, &buffer)
                : WdfCommonBufferCreate(Enabler, Length, WDF_NO_OBJECT_ATTRIBUTES, &buffer)))
        return FALSE;
    la = WdfCommonBufferGetAlignedLogicalAddress(buffer);
    va = WdfCommonBufferGetAlignedVirtualAddress(buffer);
    below = (ULONGLONG)la.QuadPart + Length <= 0x100000000ull && ((ULONG_PTR)va & Alignment) == 0 &&
            va[Length - 1] == 0;
    va[Length - 1] = 1;
    WdfObjectDelete(buffer);
    return below;
}

/* The WDM adapter of a simplex enabler serves both directions; a duplex enabler has one a
 * direction (the WdfDmaEnablerWdmGetDmaAdapter page); the adapters work (a common buffer). */
static VOID GroupAdapters(DEVICE_DATA *d)
{
    PDMA_ADAPTER read = WdfDmaEnablerWdmGetDmaAdapter(d->Gather, WdfDmaDirectionReadFromDevice);
    PDMA_ADAPTER write = WdfDmaEnablerWdmGetDmaAdapter(d->Gather, WdfDmaDirectionWriteToDevice);
    WDF_DMA_ENABLER_CONFIG config;
    WDFDMAENABLER duplex;
    PHYSICAL_ADDRESS la;
    PVOID va;
    CHECK(read != NULL && read == write);
    CHECK(WdfDmaEnablerWdmGetDmaAdapter(d->Gather, (WDF_DMA_DIRECTION)2) == NULL);
    if (read == NULL)
        return;
    CHECK(read->Version == 1 && read->DmaOperations != NULL);
    CHECK(read->DmaOperations->Size >= FIELD_OFFSET(DMA_OPERATIONS, PutScatterGatherList));
    va = read->DmaOperations->AllocateCommonBuffer(read, 100, &la, TRUE);
    CHECK(va != NULL);
    if (va != NULL)
        read->DmaOperations->FreeCommonBuffer(read, 100, la, va, TRUE);
    CHECK(WdfDmaEnablerWdmGetDmaAdapter(d->Packet, WdfDmaDirectionReadFromDevice) != NULL);
    /* A 32-bit profile's common buffers are below 4 GiB, and so are those of a 64-bit profile
     * whose AddressWidthOverride is 32 (docs/wdf.md, "DMA"). */
    CHECK(CommonBufferBelow4G(d->Packet, 100, 0));
    WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileScatterGather64, 8192);
    config.AddressWidthOverride = 32;
    CHECK(NT_SUCCESS(WdfDmaEnablerCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &duplex)));
    CHECK(CommonBufferBelow4G(duplex, 3 * PAGE_SIZE + 5, 2 * PAGE_SIZE - 1));
    WdfObjectDelete(duplex);
    WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileScatterGatherDuplex, 8192);
    CHECK(NT_SUCCESS(WdfDmaEnablerCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &duplex)));
    read = WdfDmaEnablerWdmGetDmaAdapter(duplex, WdfDmaDirectionReadFromDevice);
    write = WdfDmaEnablerWdmGetDmaAdapter(duplex, WdfDmaDirectionWriteToDevice);
    CHECK(read != NULL && write != NULL && read != write);
    WdfObjectDelete(duplex);
    /* A DMA version the system does not have (4): no enabler. */
    WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileScatterGather64, 8192);
    config.WdmDmaVersionOverride = 4;
    duplex = (WDFDMAENABLER)(ULONG_PTR)1;
    CHECK(WdfDmaEnablerCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &duplex) ==
          STATUS_NOT_SUPPORTED);
    CHECK(duplex == NULL);
}

/* ---- DMA version 3 and system-mode DMA ------------------------------------------------------ */

/* A version-3 bus-master enabler: its adapter's table is version 3, and a transaction's WDM
 * transfer context (after Initialize) works with the adapter's Ex routines; a version-2
 * enabler's transaction has none. */
static VOID GroupVersion3(DEVICE_DATA *d)
{
    WDF_DMA_ENABLER_CONFIG config;
    WDFDMAENABLER enabler;
    WDFDMATRANSACTION t, t2;
    PDMA_ADAPTER adapter;
    PVOID context, base = NULL;
    NTSTATUS status;
    KIRQL old;
    CHAIN c;
    WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileScatterGather64, 8192);
    config.WdmDmaVersionOverride = 3;
    CHECK(ChainBuild(&c));
    if (!NT_SUCCESS(WdfDmaEnablerCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &enabler))) {
        CHECK(FALSE);
        ChainFree(&c);
        return;
    }
    adapter = WdfDmaEnablerWdmGetDmaAdapter(enabler, WdfDmaDirectionWriteToDevice);
    CHECK(adapter != NULL && adapter->DmaOperations->Size == 232);
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(enabler, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 10000)));
    context = WdfDmaTransactionWdmGetTransferContext(t);
    CHECK(context != NULL);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    status = adapter->DmaOperations->AllocateAdapterChannelEx(
        adapter, WdfDeviceWdmGetDeviceObject(g_device), context, 1, DMA_SYNCHRONOUS_CALLBACK, NULL,
        NULL, &base);
    CHECK(status == STATUS_SUCCESS && base != NULL);
    if (NT_SUCCESS(status))
        adapter->DmaOperations->FreeAdapterObject(adapter, DeallocateObject);
    KeLowerIrql(old);
    /* The bus-master transaction runs as before (EvtProgramDma before Execute returns). */
    ResetRecord();
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, NULL)));
    CHECK(g_programs == 1);
    CHECK(CompleteAll(t, &status) == 2 && status == STATUS_SUCCESS);
    CHECK(g_programs == 2); /* 8192 + 1808 */
    WdfDmaTransactionRelease(t);
    WdfObjectDelete(t);
    WdfObjectDelete(enabler);
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t2)));
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t2, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 100)));
    CHECK(WdfDmaTransactionWdmGetTransferContext(t2) == NULL); /* version 2 */
    WdfObjectDelete(t2);
    ChainFree(&c);
}

/* What the system transactions' callbacks saw. */
typedef struct _SYS_RUN {
    KEVENT Done;
    BOOLEAN Hold;         /* the transfer-complete callback does not call DmaCompleted */
    BOOLEAN RefuseConfig; /* the configure callback ends the transaction and returns FALSE */
    ULONG Programs, Completes, Configures, NullConfigures;
    ULONG Lengths[4], Totals[4], Offsets[4]; /* first element, list total, configure offset */
    DMA_COMPLETION_STATUS Status;
    KIRQL CompleteIrql;
    NTSTATUS Final;
    BOOLEAN Right;             /* every callback got its transaction's device and context */
    BOOLEAN SlowProgram;       /* EvtProgramDma takes 20 ms: the transfer ends meanwhile */
    volatile LONG InProgram;   /* EvtProgramDma is running */
    BOOLEAN CompleteInProgram; /* the transfer-complete callback came during EvtProgramDma */
} SYS_RUN;

static EVT_WDF_PROGRAM_DMA SysProgram;
static EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE SysComplete;
static EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL SysConfigure;

static BOOLEAN SysProgram(WDFDMATRANSACTION Transaction, WDFDEVICE Device, WDFCONTEXT Context,
                          WDF_DMA_DIRECTION Direction, PSCATTER_GATHER_LIST SgList)
{
    SYS_RUN *r = Context;
    ULONG i;
    UNREFERENCED_PARAMETER(Transaction);
    UNREFERENCED_PARAMETER(Direction);
    InterlockedExchange(&r->InProgram, 1);
    for (i = 0; r->SlowProgram && i < 2000; i++)
        KeStallExecutionProcessor(10);
    InterlockedExchange(&r->InProgram, 0);
    if (r->Programs < 4) {
        r->Lengths[r->Programs] = SgList->NumberOfElements > 0 ? SgList->Elements[0].Length : 0;
        for (i = 0; i < SgList->NumberOfElements; i++)
            r->Totals[r->Programs] += SgList->Elements[i].Length;
    }
    r->Programs++;
    r->Right = r->Right && Device == g_device;
    return TRUE;
}

static VOID SysComplete(WDFDMATRANSACTION Transaction, WDFDEVICE Device, WDFCONTEXT Context,
                        WDF_DMA_DIRECTION Direction, DMA_COMPLETION_STATUS Status)
{
    SYS_RUN *r = Context;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Direction);
    r->Completes++;
    r->CompleteInProgram = r->CompleteInProgram || r->InProgram != 0;
    r->Status = Status;
    r->CompleteIrql = KeGetCurrentIrql();
    r->Right = r->Right && Device == g_device;
    if (r->Hold)
        return;
    if (WdfDmaTransactionDmaCompleted(Transaction, &status)) {
        r->Final = status;
        KeSetEvent(&r->Done, IO_NO_INCREMENT, FALSE);
    }
}

static BOOLEAN SysConfigure(WDFDMATRANSACTION DmaTransaction, WDFDEVICE Device, PVOID Context,
                            PMDL Mdl, size_t Offset, size_t Length)
{
    SYS_RUN *r = Context;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Length);
    r->Right = r->Right && Device == g_device;
    if (Mdl == NULL) {
        r->NullConfigures++;
        return TRUE;
    }
    if (r->Configures < 4)
        r->Offsets[r->Configures] = (ULONG)Offset;
    r->Configures++;
    if (!r->RefuseConfig)
        return TRUE;
    r->Final = WdfDmaTransactionDmaCompletedFinal(DmaTransaction, 0, &status) ? status : 1;
    return FALSE;
}

/* Each transfer starts where the one before ended (the configure callback's offset), none
 * longer than the maximum length: the bytes of all of them. */
static ULONG SysContiguous(SYS_RUN *r)
{
    ULONG i, total = 0;
    for (i = 0; i < r->Programs && i < 4; i++) {
        if (r->Offsets[i] != total || r->Totals[i] > 8192)
            return 0;
        total += r->Totals[i];
    }
    return total;
}

static VOID SysInit(SYS_RUN *r)
{
    RtlZeroMemory(r, sizeof(*r));
    KeInitializeEvent(&r->Done, NotificationEvent, FALSE);
    r->Right = TRUE;
    r->Final = STATUS_PENDING;
}

/* One system transaction over the chain's 10000 bytes, waited for (r: SysInit'ed). */
static WDFDMATRANSACTION SysRun(WDFDMAENABLER Enabler, CHAIN *c, WDF_DMA_DIRECTION Direction,
                                SYS_RUN *r)
{
    LARGE_INTEGER timeout;
    WDFDMATRANSACTION t;
    timeout.QuadPart = -50000000LL;
    if (!NT_SUCCESS(WdfDmaTransactionCreate(Enabler, WDF_NO_OBJECT_ATTRIBUTES, &t)))
        return NULL;
    CHECK(NT_SUCCESS(
        WdfDmaTransactionInitialize(t, SysProgram, Direction, c->Mdl[0], c->Buffer[0], 10000)));
    WdfDmaTransactionSetDeviceAddressOffset(t, 0x40);
    WdfDmaTransactionSetTransferCompleteCallback(t, SysComplete, r);
    WdfDmaTransactionSetChannelConfigurationCallback(t, SysConfigure, r);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, r)));
    CHECK(KeWaitForSingleObject(&r->Done, Executive, KernelMode, FALSE, &timeout) ==
          STATUS_SUCCESS);
    return t;
}

static VOID SysFill(CHAIN *c, UCHAR seed)
{
    ULONG i, k, n = 0;
    for (i = 0; i < 3; i++)
        for (k = 0; k < g_chain_sizes[i]; k++)
            c->Buffer[i][k] = (UCHAR)(seed + n++ * 3);
}

/* ConfigureSystemProfile's documented errors, then a configured profile's adapter. */
static BOOLEAN SysConfigureProfile(DEVICE_DATA *d, WDFDMAENABLER e)
{
    CM_PARTIAL_RESOURCE_DESCRIPTOR dma;
    WDF_DMA_SYSTEM_PROFILE_CONFIG sc;
    PHYSICAL_ADDRESS address;
    PDMA_ADAPTER adapter;
    DMA_ADAPTER_INFO info;
    address.QuadPart = 0x70006200;
    RtlZeroMemory(&dma, sizeof(dma));
    dma.Type = CmResourceTypeMemory;
    dma.Flags = CM_RESOURCE_DMA_V3;
    dma.u.DmaV3.Channel = 2;
    dma.u.DmaV3.RequestLine = 5;
    WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(&sc, address, Width32Bits, &dma);
    sc.DemandMode = TRUE;
    CHECK(WdfDmaEnablerWdmGetDmaAdapter(e, WdfDmaDirectionReadFromDevice) == NULL);
    CHECK(WdfDmaEnablerConfigureSystemProfile(e, NULL, WdfDmaDirectionReadFromDevice) ==
          STATUS_INVALID_PARAMETER);
    sc.Size--;
    CHECK(WdfDmaEnablerConfigureSystemProfile(e, &sc, WdfDmaDirectionReadFromDevice) ==
          STATUS_INFO_LENGTH_MISMATCH);
    sc.Size++;
    CHECK(WdfDmaEnablerConfigureSystemProfile(e, &sc, WdfDmaDirectionReadFromDevice) ==
          STATUS_INVALID_PARAMETER); /* not a DMA descriptor */
    dma.Type = CmResourceTypeDma;
    sc.DmaDescriptor = NULL;
    CHECK(WdfDmaEnablerConfigureSystemProfile(e, &sc, WdfDmaDirectionReadFromDevice) ==
          STATUS_INVALID_PARAMETER);
    sc.DmaDescriptor = &dma;
    CHECK(WdfDmaEnablerConfigureSystemProfile(d->Gather, &sc, WdfDmaDirectionReadFromDevice) ==
          STATUS_INVALID_DEVICE_REQUEST); /* a bus master's */
    CHECK(WdfDmaEnablerConfigureSystemProfile(e, &sc, WdfDmaDirectionWriteToDevice) ==
          STATUS_SUCCESS);
    adapter = WdfDmaEnablerWdmGetDmaAdapter(e, WdfDmaDirectionReadFromDevice);
    CHECK(adapter != NULL &&
          adapter == WdfDmaEnablerWdmGetDmaAdapter(e, WdfDmaDirectionWriteToDevice));
    if (adapter == NULL)
        return FALSE;
    info.Version = DMA_ADAPTER_INFO_VERSION1;
    CHECK(adapter->DmaOperations->GetDmaAdapterInfo(adapter, &info) == STATUS_SUCCESS &&
          info.V1.ReadDmaCounterAvailable && info.V1.DmaAddressWidth == 32);
    return TRUE;
}

/* A transaction waiting for the channel another one holds, cancelled, then deleted: its
 * callbacks never run. */
static VOID SysWaitAndDelete(WDFDMAENABLER e, CHAIN *c)
{
    WDFDMATRANSACTION a, b;
    SYS_RUN ra, rb;
    NTSTATUS status;
    LARGE_INTEGER timeout;
    timeout.QuadPart = -50000000LL;
    SysInit(&ra);
    SysInit(&rb);
    ra.Hold = TRUE;
    if (!NT_SUCCESS(WdfDmaTransactionCreate(e, WDF_NO_OBJECT_ATTRIBUTES, &a)) ||
        !NT_SUCCESS(WdfDmaTransactionCreate(e, WDF_NO_OBJECT_ATTRIBUTES, &b)))
        return;
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(a, SysProgram, WdfDmaDirectionWriteToDevice,
                                                 c->Mdl[0], c->Buffer[0], 100)));
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(b, SysProgram, WdfDmaDirectionWriteToDevice,
                                                 c->Mdl[0], c->Buffer[0], 100)));
    WdfDmaTransactionSetTransferCompleteCallback(a, SysComplete, &ra);
    WdfDmaTransactionSetTransferCompleteCallback(b, SysComplete, &rb);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(a, &ra)));
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(b, &rb)));
    CHECK(ra.Programs == 1 && rb.Programs == 0); /* b waits for the channel */
    /* WdfDmaTransactionCancel: TRUE for the waiting one (then released), FALSE for the one
     * whose EvtProgramDma ran (the page). */
    CHECK(WdfDmaTransactionCancel(b) && !WdfDmaTransactionCancel(a));
    CHECK(WdfDmaTransactionRelease(b) == STATUS_SUCCESS);
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(b, SysProgram, WdfDmaDirectionWriteToDevice,
                                                 c->Mdl[0], c->Buffer[0], 100)));
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(b, &rb))); /* waits again: deleted waiting */
    WdfObjectDelete(b);
    while (ra.Completes == 0 && KeWaitForSingleObject(&ra.Done, Executive, KernelMode, FALSE,
                                                      &timeout) == STATUS_SUCCESS)
        ;
    CHECK(WdfDmaTransactionDmaCompleted(a, &status) && status == STATUS_SUCCESS);
    CHECK(rb.Programs == 0 && rb.Completes == 0);
    WdfObjectDelete(a);
}

/* Holds this processor's DPC queue (the controller's completion is a DPC) until released. */
static KDPC g_blocker;
static volatile LONG g_blocker_running, g_blocker_release;
static KDEFERRED_ROUTINE SysBlocker;

static VOID SysBlocker(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    ULONG i;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    InterlockedExchange(&g_blocker_running, 1);
    for (i = 0; i < 500000 && g_blocker_release == 0; i++)
        KeStallExecutionProcessor(10);
}

/* StopSystemTransfer of a transfer still queued: the callback gets DmaCancelled and its
 * DmaCompleted ends the transaction (STATUS_CANCELLED); of one that finished (the callback does
 * not complete it): no callback, the next DmaCompleted ends it. */
static VOID SysStop(WDFDMAENABLER e, CHAIN *c)
{
    WDFDMATRANSACTION t;
    NTSTATUS status;
    SYS_RUN r;
    ULONG i;
    if (!NT_SUCCESS(WdfDmaTransactionCreate(e, WDF_NO_OBJECT_ATTRIBUTES, &t)))
        return;
    SysInit(&r);
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, SysProgram, WdfDmaDirectionWriteToDevice,
                                                 c->Mdl[0], c->Buffer[0], 100)));
    WdfDmaTransactionSetTransferCompleteCallback(t, SysComplete, &r);
    KeInitializeDpc(&g_blocker, SysBlocker, NULL);
    g_blocker_running = g_blocker_release = 0;
    KeInsertQueueDpc(&g_blocker, NULL, NULL);
    for (i = 0; i < 500000 && g_blocker_running == 0; i++)
        KeStallExecutionProcessor(10);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, &r)));
    CHECK(r.Programs == 1 && r.Completes == 0);
    WdfDmaTransactionStopSystemTransfer(t);
    CHECK(r.Completes == 1 && r.Status == DmaCancelled && r.Final == STATUS_CANCELLED);
    InterlockedExchange(&g_blocker_release, 1);
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    SysInit(&r);
    r.Hold = TRUE;
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, SysProgram, WdfDmaDirectionReadFromDevice,
                                                 c->Mdl[0], c->Buffer[0], 100)));
    WdfDmaTransactionSetTransferCompleteCallback(t, SysComplete, &r);
    CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, &r)));
    for (i = 0; i < 500000 && r.Completes == 0; i++)
        KeStallExecutionProcessor(10);
    WdfDmaTransactionStopSystemTransfer(t);
    CHECK(r.Completes == 1 && r.Status == DmaComplete);
    CHECK(WdfDmaTransactionDmaCompleted(t, &status) && status == STATUS_CANCELLED);
    WdfObjectDelete(t);
}

/* Until the controller has no transfer queued, and 10 ms more (its DPC ran). */
static VOID SysSettle(WDFDMAENABLER e)
{
    PDMA_ADAPTER a = WdfDmaEnablerWdmGetDmaAdapter(e, WdfDmaDirectionWriteToDevice);
    KIRQL old;
    ULONG i, left = 1;
    for (i = 0; i < 100000 && left != 0; i++) {
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        left = a->DmaOperations->ReadDmaCounter(a);
        KeLowerIrql(old);
        KeStallExecutionProcessor(10);
    }
    KeStallExecutionProcessor(10000);
}

static VOID GroupSystem(DEVICE_DATA *d)
{
    WDF_DMA_ENABLER_CONFIG config;
    WDFDMAENABLER e;
    WDFDMATRANSACTION t;
    NTSTATUS status;
    SYS_RUN r;
    CHAIN out, in;
    WDF_DMA_ENABLER_CONFIG_INIT(&config, WdfDmaProfileSystem, 8192);
    config.AddressWidthOverride = 32; /* the adapter's DmaAddressWidth */
    CHECK(ChainBuild(&out) && ChainBuild(&in));
    if (!NT_SUCCESS(WdfDmaEnablerCreate(g_device, &config, WDF_NO_OBJECT_ATTRIBUTES, &e))) {
        CHECK(FALSE);
        goto free;
    }
    /* Not configured yet: a transaction cannot be initialized (drvhost: docs/wdf.md). */
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(e, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    CHECK(WdfDmaTransactionInitialize(t, SysProgram, WdfDmaDirectionWriteToDevice, out.Mdl[0],
                                      out.Buffer[0], 100) == STATUS_INVALID_DEVICE_REQUEST);
    WdfObjectDelete(t);
    if (!SysConfigureProfile(d, e))
        goto free;
    /* A write of 10000 bytes in transfers of 8192 at most, and of what the 3 map registers
     * (BYTES_TO_PAGES(8192) + 1) cover: the controller's completion calls the transfer-complete
     * callback, whose DmaCompleted maps the next transfer from where this one ended. */
    SysFill(&out, 7);
    SysInit(&r);
    t = SysRun(e, &out, WdfDmaDirectionWriteToDevice, &r);
    CHECK(r.Programs >= 2 && r.Programs <= 4 && r.Lengths[0] == 3000);
    CHECK(r.Completes == r.Programs && r.Status == DmaComplete);
    CHECK(r.CompleteIrql == DISPATCH_LEVEL && r.Final == STATUS_SUCCESS && r.Right);
    CHECK(r.Configures == r.Programs && r.NullConfigures == 1);
    CHECK(SysContiguous(&r) == 10000);
    CHECK(t != NULL && WdfDmaTransactionGetBytesTransferred(t) == 10000);
    if (t != NULL)
        WdfObjectDelete(t);
    /* Read back: the controller's device end gives the bytes written (docs/dma.md). */
    SysInit(&r);
    t = SysRun(e, &in, WdfDmaDirectionReadFromDevice, &r);
    CHECK(SysContiguous(&r) == 10000 && r.Status == DmaComplete && r.Final == STATUS_SUCCESS);
    CHECK(RtlCompareMemory(in.Buffer[0], out.Buffer[0], 3000) == 3000 &&
          RtlCompareMemory(in.Buffer[1], out.Buffer[1], 5000) == 5000 &&
          RtlCompareMemory(in.Buffer[2], out.Buffer[2], 2000) == 2000);
    if (t != NULL) {
        /* Release clears the callbacks (the pages): a transaction executed again without them
         * calls neither; the driver's own DmaCompleted ends it (after the controller's). */
        CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
        SysInit(&r);
        CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, SysProgram, WdfDmaDirectionWriteToDevice,
                                                     out.Mdl[0], out.Buffer[0], 100)));
        CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, &r)));
        SysSettle(e);
        CHECK(r.Programs == 1 && r.Completes == 0 && r.Configures == 0);
        CHECK(WdfDmaTransactionDmaCompleted(t, &status) && status == STATUS_SUCCESS);
        WdfObjectDelete(t);
    }
    /* A transfer that ends while EvtProgramDma still runs: its callback comes after. */
    SysInit(&r);
    r.SlowProgram = TRUE;
    t = SysRun(e, &in, WdfDmaDirectionReadFromDevice, &r);
    CHECK(r.Completes >= 1 && !r.CompleteInProgram && r.Final == STATUS_SUCCESS);
    if (t != NULL)
        WdfObjectDelete(t);
    /* The configure callback stops the transaction: no EvtProgramDma. */
    SysInit(&r);
    r.RefuseConfig = TRUE;
    if (NT_SUCCESS(WdfDmaTransactionCreate(e, WDF_NO_OBJECT_ATTRIBUTES, &t))) {
        CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, SysProgram, WdfDmaDirectionWriteToDevice,
                                                     out.Mdl[0], out.Buffer[0], 100)));
        WdfDmaTransactionSetChannelConfigurationCallback(t, SysConfigure, &r);
        CHECK(NT_SUCCESS(WdfDmaTransactionExecute(t, &r)));
        CHECK(r.Configures == 1 && r.Programs == 0 && r.Final == STATUS_SUCCESS &&
              r.NullConfigures == 1);
        WdfObjectDelete(t);
    }
    SysWaitAndDelete(e, &out);
    SysStop(e, &out);
    WdfObjectDelete(e);
free:
    ChainFree(&out);
    ChainFree(&in);
}

/* A Length no buffer can have: rounded up to the alignment it wraps around (Microsoft: both
 * create routines fail, STATUS_INVALID_PARAMETER or STATUS_INSUFFICIENT_RESOURCES, and give no
 * handle). */
static VOID CommonBufferTooLong(WDFDMAENABLER Enabler)
{
    WDF_COMMON_BUFFER_CONFIG config;
    WDFCOMMONBUFFER buffer = (WDFCOMMONBUFFER)(ULONG_PTR)1;
    NTSTATUS status;
    WDF_COMMON_BUFFER_CONFIG_INIT(&config, FILE_64_BYTE_ALIGNMENT);
    status = WdfCommonBufferCreateWithConfig(Enabler, (size_t)-8, &config, WDF_NO_OBJECT_ATTRIBUTES,
                                             &buffer);
    CHECK(!NT_SUCCESS(status) && buffer == NULL);
    buffer = (WDFCOMMONBUFFER)(ULONG_PTR)1;
    status = WdfCommonBufferCreate(Enabler, (size_t)-1, WDF_NO_OBJECT_ATTRIBUTES, &buffer);
    CHECK(!NT_SUCCESS(status) && buffer == NULL);
}

/* Microsoft (WdfCommonBufferCreate, WdfCommonBufferCreateWithConfig): the enabler is the
 * parent, ParentObject must be NULL; Framework Object Creation Errors:
 * STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED, no handle. */
static VOID CommonBufferParentRefused(WDFDMAENABLER Enabler)
{
    WDF_COMMON_BUFFER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFCOMMONBUFFER buffer = (WDFCOMMONBUFFER)(ULONG_PTR)1;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    CHECK(WdfCommonBufferCreate(Enabler, 64, &attributes, &buffer) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          buffer == NULL);
    buffer = (WDFCOMMONBUFFER)(ULONG_PTR)1;
    WDF_COMMON_BUFFER_CONFIG_INIT(&config, FILE_64_BYTE_ALIGNMENT);
    CHECK(WdfCommonBufferCreateWithConfig(Enabler, 64, &config, &attributes, &buffer) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          buffer == NULL);
}

static VOID GroupErrors(DEVICE_DATA *d)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDMATRANSACTION t;
    CHAIN c;
    CHECK(ChainBuild(&c));
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device; /* must be NULL (the page) */
    t = (WDFDMATRANSACTION)(ULONG_PTR)1;
    CHECK(WdfDmaTransactionCreate(d->Gather, &attributes, &t) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          t == NULL);
    CHECK(NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    CHECK(WdfDmaTransactionExecute(t, NULL) == STATUS_INVALID_DEVICE_REQUEST); /* not initialized */
    CHECK(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice, c.Mdl[0],
                                      c.Buffer[0], 0) == STATUS_INVALID_PARAMETER);
    CHECK(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice, c.Mdl[0],
                                      c.Buffer[1], 10) == STATUS_INVALID_PARAMETER);
    CHECK(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice, c.Mdl[0],
                                      c.Buffer[0], 10001) == STATUS_INVALID_PARAMETER);
    CHECK(WdfDmaTransactionAllocateResources(t, WdfDmaDirectionWriteToDevice, 0, DmaReserve,
                                             NULL) == STATUS_INVALID_DEVICE_REQUEST);
    CHECK(NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                 c.Mdl[0], c.Buffer[0], 10000)));
    /* Initialized, then released without executing (the Execute page's error path). */
    CHECK(WdfDmaTransactionRelease(t) == STATUS_SUCCESS);
    CHECK(WdfDmaTransactionRelease(t) == STATUS_INVALID_DEVICE_STATE);
    CHECK(WdfDmaTransactionExecute(t, NULL) == STATUS_INVALID_DEVICE_REQUEST);
    WdfObjectDelete(t);
    ChainFree(&c);
    CommonBufferTooLong(d->Gather);
    CommonBufferParentRefused(d->Gather);
}

/* ---- the request-based transactions: the device behind a DPC ---------------------------- */

static BOOLEAN DmaDeviceProgram(WDFDMATRANSACTION Transaction, WDFDEVICE Device, WDFCONTEXT Context,
                                WDF_DMA_DIRECTION Direction, PSCATTER_GATHER_LIST SgList)
{
    DEVICE_DATA *d = GetData(Device);
    ULONG i, length = 0;
    UNREFERENCED_PARAMETER(Transaction);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Direction);
    for (i = 0; i < SgList->NumberOfElements; i++)
        length += SgList->Elements[i].Length;
    if (d->Log.ProgramCount < 16) {
        d->Log.Programs[d->Log.ProgramCount][0] = length;
        d->Log.Programs[d->Log.ProgramCount][1] = SgList->NumberOfElements;
    }
    d->Log.ProgramCount++;
    LogEvent(d, 'P');
    d->Pending = SgList;
    /* "Programs the device": it interrupts when done. The DPC's own DmaCompleted programs the
     * next transfer: the DPC queues itself again once DmaCompleted has returned, so the events
     * keep their order. */
    if (!d->Hang && !d->InDpc)
        WdfDpcEnqueue(d->Interrupt);
    return TRUE;
}

/* The device moves the bytes of the pending transfer, then the driver's DPC part runs. */
static VOID DmaDeviceDpc(WDFDPC Dpc)
{
    DEVICE_DATA *d = GetData(WdfDpcGetParentObject(Dpc));
    WDFDMATRANSACTION t = d->Current;
    PSCATTER_GATHER_LIST sg = d->Pending;
    WDFREQUEST request;
    NTSTATUS status;
    ULONG i, j;
    for (i = 0; i < sg->NumberOfElements; i++) {
        PUCHAR va = (PUCHAR)(ULONG_PTR)sg->Elements[i].Address.QuadPart;
        for (j = 0; j < sg->Elements[i].Length; j++, d->DevicePosition++) {
            if (d->Log.WriteSum == MAXULONG) /* a read: the device writes its pattern */
                va[j] = (UCHAR)(d->DevicePosition * 7);
            else
                d->Log.WriteSum += va[j];
        }
    }
    d->InDpc = TRUE;
    if (!WdfDmaTransactionDmaCompleted(t, &status)) {
        d->InDpc = FALSE;
        LogEvent(d, 'F');
        WdfDpcEnqueue(Dpc);
        return;
    }
    d->InDpc = FALSE;
    LogEvent(d, 'T');
    request = WdfDmaTransactionGetRequest(t);
    d->Log.RequestMatched = request == d->Request;
    d->Log.Status = (ULONG)status;
    d->Log.Transferred = (ULONG)WdfDmaTransactionGetBytesTransferred(t);
    if (d->Log.WriteSum == MAXULONG)
        d->Log.WriteSum = 0;
    WdfObjectDelete(t);
    d->Current = NULL;
    d->Request = NULL;
    WdfRequestCompleteWithInformation(request, status, d->Log.Transferred);
}

static VOID DmaRequestCancel(WDFREQUEST Request)
{
    DEVICE_DATA *d = GetData(g_device);
    /* The transfer is with the device: too late to cancel the allocation (the page). */
    if (WdfDmaTransactionCancel(d->Current) == FALSE)
        LogEvent(d, 'X');
    WdfObjectDelete(d->Current); /* as the AMCC sample's DPC does for a cancelled request */
    d->Current = NULL;
    d->Request = NULL;
    WdfRequestComplete(Request, STATUS_CANCELLED);
}

static NTSTATUS DmaStartRequest(DEVICE_DATA *d, WDFREQUEST Request, WDF_DMA_DIRECTION direction,
                                BOOLEAN hang)
{
    WDFDMATRANSACTION t;
    NTSTATUS status = WdfDmaTransactionCreate(d->Packet, WDF_NO_OBJECT_ATTRIBUTES, &t);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfDmaTransactionInitializeUsingRequest(t, Request, DmaDeviceProgram, direction);
    if (!NT_SUCCESS(status)) {
        WdfObjectDelete(t);
        return status;
    }
    RtlZeroMemory(&d->Log, sizeof(d->Log));
    d->Log.WriteSum = direction == WdfDmaDirectionReadFromDevice ? MAXULONG : 0;
    d->DevicePosition = 0;
    d->Current = t;
    d->Request = Request;
    d->Hang = hang;
    if (hang)
        WdfRequestMarkCancelable(Request, DmaRequestCancel);
    /* Nothing of d is touched after Execute: the device's DPC may already be running. */
    status = WdfDmaTransactionExecute(t, d);
    if (!NT_SUCCESS(status)) {
        WdfDmaTransactionRelease(t);
        WdfObjectDelete(t);
        d->Current = NULL;
        d->Request = NULL;
    }
    return status;
}

/* ---- misuse ----------------------------------------------------------------------------- */

static VOID DmaMisuse(DEVICE_DATA *d, ULONG what)
{
    WDFDMATRANSACTION t;
    NTSTATUS status;
    CHAIN c;
    if (!ChainBuild(&c) ||
        !NT_SUCCESS(WdfDmaTransactionCreate(d->Gather, WDF_NO_OBJECT_ATTRIBUTES, &t)) ||
        !NT_SUCCESS(WdfDmaTransactionInitialize(t, DmaRecordProgram, WdfDmaDirectionWriteToDevice,
                                                c.Mdl[0], c.Buffer[0], 1000)))
        return;
    switch (what) {
    case WDFDMA_MISUSE_COMPLETE_NOT_EXECUTING:
        (void)WdfDmaTransactionDmaCompleted(t, &status);
        break;
    case WDFDMA_MISUSE_RELEASE_EXECUTING:
        (void)WdfDmaTransactionExecute(t, NULL);
        (void)WdfDmaTransactionRelease(t);
        break;
    case WDFDMA_MISUSE_EXECUTE_TWICE:
        (void)WdfDmaTransactionExecute(t, NULL);
        (void)WdfDmaTransactionExecute(t, NULL);
        break;
    case WDFDMA_MISUSE_SYSTEM_SETTING:
        WdfDmaTransactionSetDeviceAddressOffset(t, 0x10); /* a bus master's transaction */
        break;
    case WDFDMA_MISUSE_CONTEXT_NOT_INITIALIZED:
        (void)WdfDmaTransactionRelease(t);
        (void)WdfDmaTransactionWdmGetTransferContext(t);
        break;
    }
}

/* ---- I/O -------------------------------------------------------------------------------- */

static VOID DmaDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                             size_t InputBufferLength, ULONG IoControlCode)
{
    DEVICE_DATA *d = GetData(WdfIoQueueGetDevice(Queue));
    PVOID in = NULL, out = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG group;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_DMA_RUN:
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL);
        if (NT_SUCCESS(status))
            status = WdfRequestRetrieveOutputBuffer(Request, sizeof(WDFDMA_RESULT), &out, NULL);
        if (!NT_SUCCESS(status))
            break;
        group = *(PULONG)in; /* before the output (the same system buffer) is cleared */
        g_result = out;
        RtlZeroMemory(g_result, sizeof(*g_result));
        switch (group) {
        case WDFDMA_GROUP_SCATTER_GATHER:
            GroupScatterGather(d);
            break;
        case WDFDMA_GROUP_PACKET:
            GroupPacket(d);
            break;
        case WDFDMA_GROUP_LENGTHS:
            GroupLengths(d);
            break;
        case WDFDMA_GROUP_ERRORS:
            GroupErrors(d);
            break;
        case WDFDMA_GROUP_ADAPTERS:
            GroupAdapters(d);
            break;
        case WDFDMA_GROUP_VERSION3:
            GroupVersion3(d);
            break;
        case WDFDMA_GROUP_SYSTEM:
            GroupSystem(d);
            break;
        default:
            status = STATUS_INVALID_PARAMETER;
        }
        WdfRequestCompleteWithInformation(Request, status, sizeof(WDFDMA_RESULT));
        return;
    case IOCTL_DMA_READ:
    case IOCTL_DMA_HANG:
        status = DmaStartRequest(d, Request, WdfDmaDirectionReadFromDevice,
                                 IoControlCode == IOCTL_DMA_HANG);
        if (NT_SUCCESS(status))
            return; /* the DPC (or the cancel routine) completes it */
        break;
    case IOCTL_DMA_WRITE:
        status = DmaStartRequest(d, Request, WdfDmaDirectionWriteToDevice, FALSE);
        if (NT_SUCCESS(status))
            return;
        break;
    case IOCTL_DMA_LOG:
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(WDFDMA_LOG), &out, NULL);
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(out, &d->Log, sizeof(WDFDMA_LOG));
            WdfRequestCompleteWithInformation(Request, status, sizeof(WDFDMA_LOG));
            return;
        }
        break;
    case IOCTL_DMA_MISUSE:
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), &in, NULL);
        if (NT_SUCCESS(status))
            DmaMisuse(d, *(PULONG)in);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    WdfRequestComplete(Request, status);
}

static NTSTATUS DmaCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfDma");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfDma");
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue_config;
    WDF_DMA_ENABLER_CONFIG dma_config;
    WDF_DPC_CONFIG dpc_config;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    DEVICE_DATA *d;
    WDFQUEUE queue;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    WdfDeviceInitSetIoType(init, WdfDeviceIoDirect);
    status = WdfDeviceInitAssignName(init, &name);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_DATA);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, &attributes, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    d = GetData(g_device);
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    WDF_DMA_ENABLER_CONFIG_INIT(&dma_config, WdfDmaProfilePacket, WDFDMA_MAX_LENGTH);
    if (NT_SUCCESS(status))
        status = WdfDmaEnablerCreate(g_device, &dma_config, WDF_NO_OBJECT_ATTRIBUTES, &d->Packet);
    WDF_DMA_ENABLER_CONFIG_INIT(&dma_config, WdfDmaProfileScatterGather64, 65536);
    if (NT_SUCCESS(status))
        status = WdfDmaEnablerCreate(g_device, &dma_config, WDF_NO_OBJECT_ATTRIBUTES, &d->Gather);
    WDF_DPC_CONFIG_INIT(&dpc_config, DmaDeviceDpc);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = g_device;
    if (NT_SUCCESS(status))
        status = WdfDpcCreate(&dpc_config, &attributes, &d->Interrupt);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WdfIoQueueDispatchSequential);
    queue_config.EvtIoDeviceControl = DmaDeviceControl;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(g_device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(g_device);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return DmaCreateDevice(driver);
}
