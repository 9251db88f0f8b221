/*
 * benchdrv.c - the WDM benchmark driver: a legacy (non-PnP) driver whose DriverEntry creates
 * two named devices, one alone and one under two pass-through filter devices, and whose
 * device controls are the work the benchmarks of bench/ time:
 *
 *   IOCTL_BENCH_COPY            METHOD_BUFFERED echo, completed in the dispatch routine
 *   IOCTL_BENCH_PENDED          the same, pended and completed from a DPC
 *   IOCTL_BENCH_*_LOOP          N allocate+free pairs of an IRP, a lookaside entry, a pool block
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>

#include "benchdrv.h"

#define BENCH_TAG 'hcnB'

typedef enum _BENCH_KIND {
    BenchBase,
    BenchFilter
} BENCH_KIND;

typedef struct _BENCH_EXTENSION {
    BENCH_KIND Kind;
    PDEVICE_OBJECT Lower; /* filters: the device below */
} BENCH_EXTENSION, *PBENCH_EXTENSION;

typedef struct _BENCH_STATE {
    PDEVICE_OBJECT Single;     /* \Device\Bench */
    PDEVICE_OBJECT StackBase;  /* \Device\BenchStack */
    PDEVICE_OBJECT Filters[2]; /* attached above StackBase, bottom first */
    NPAGED_LOOKASIDE_LIST Lookaside;
    KDPC CompleteDpc; /* IOCTL_BENCH_PENDED; one pended request at a time */
} BENCH_STATE;

static BENCH_STATE g_Bench;

/* Where the allocation loops store what they got, so the compiler keeps every call. */
PVOID volatile g_BenchSink;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD BenchUnload;
DRIVER_DISPATCH BenchDispatch;
KDEFERRED_ROUTINE BenchCompleteDpc;

static NTSTATUS BenchComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* METHOD_BUFFERED: SystemBuffer holds the input and receives the output, so the echo is
 * already in place; the I/O manager copies min(in, out) bytes back to the caller. */
static ULONG_PTR BenchEchoLength(PIO_STACK_LOCATION Sp)
{
    ULONG in = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = Sp->Parameters.DeviceIoControl.OutputBufferLength;
    return in < out ? in : out;
}

VOID BenchCompleteDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    PIRP irp = Arg1;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(Arg2);
    BenchComplete(irp, STATUS_SUCCESS, BenchEchoLength(IoGetCurrentIrpStackLocation(irp)));
}

static NTSTATUS BenchPend(PIRP Irp)
{
    IoMarkIrpPending(Irp);
    if (!KeInsertQueueDpc(&g_Bench.CompleteDpc, Irp, NULL)) {
        /* Another pended request's DPC is still queued: the benchmark issues one at a time. */
        BenchComplete(Irp, STATUS_DEVICE_BUSY, 0);
    }
    return STATUS_PENDING;
}

static NTSTATUS BenchLoop(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG Code)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG count, i;
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(BENCH_LOOP))
        return BenchComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    count = ((BENCH_LOOP *)Irp->AssociatedIrp.SystemBuffer)->Count;
    for (i = 0; i < count; i++) {
        PVOID p;
        if (Code == IOCTL_BENCH_IRP_LOOP) {
            PIRP irp = IoAllocateIrp(DeviceObject->StackSize, FALSE);
            if (irp == NULL)
                return BenchComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
            g_BenchSink = irp;
            IoFreeIrp(irp);
        } else if (Code == IOCTL_BENCH_LOOKASIDE_LOOP) {
            p = ExAllocateFromNPagedLookasideList(&g_Bench.Lookaside);
            if (p == NULL)
                return BenchComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
            g_BenchSink = p;
            ExFreeToNPagedLookasideList(&g_Bench.Lookaside, p);
        } else {
            p = ExAllocatePoolWithTag(NonPagedPoolNx, BENCH_ENTRY_SIZE, BENCH_TAG);
            if (p == NULL)
                return BenchComplete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
            g_BenchSink = p;
            ExFreePoolWithTag(p, BENCH_TAG);
        }
    }
    return BenchComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS BenchDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    switch (code) {
    case IOCTL_BENCH_COPY:
        return BenchComplete(Irp, STATUS_SUCCESS, BenchEchoLength(sp));
    case IOCTL_BENCH_PENDED:
        return BenchPend(Irp);
    case IOCTL_BENCH_IRP_LOOP:
    case IOCTL_BENCH_LOOKASIDE_LOOP:
    case IOCTL_BENCH_POOL_LOOP:
        return BenchLoop(DeviceObject, Irp, code);
    default:
        return BenchComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* One dispatch routine for every major function: a filter passes the IRP down unchanged
 * (IoSkipCurrentIrpStackLocation: the lower driver sees this location's parameters), the
 * base device handles it. */
NTSTATUS BenchDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PBENCH_EXTENSION ext = DeviceObject->DeviceExtension;
    if (ext->Kind == BenchFilter) {
        IoSkipCurrentIrpStackLocation(Irp);
        return IoCallDriver(ext->Lower, Irp);
    }
    if (IoGetCurrentIrpStackLocation(Irp)->MajorFunction == IRP_MJ_DEVICE_CONTROL)
        return BenchDeviceControl(DeviceObject, Irp);
    return BenchComplete(Irp, STATUS_SUCCESS, 0); /* create, cleanup, close */
}

static NTSTATUS BenchCreateNamed(PDRIVER_OBJECT DriverObject, PCWSTR Name, PCWSTR Link,
                                 PDEVICE_OBJECT *Device)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    RtlInitUnicodeString(&name, Name);
    RtlInitUnicodeString(&link, Link);
    status = IoCreateDevice(DriverObject, sizeof(BENCH_EXTENSION), &name, FILE_DEVICE_UNKNOWN,
                            FILE_DEVICE_SECURE_OPEN, FALSE, Device);
    if (!NT_SUCCESS(status))
        return status;
    ((PBENCH_EXTENSION)(*Device)->DeviceExtension)->Kind = BenchBase;
    (*Device)->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(*Device);
        *Device = NULL;
    }
    return status;
}

/* An unnamed filter device attached to the top of Target's stack. */
static NTSTATUS BenchAttachFilter(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT Target,
                                  PDEVICE_OBJECT *Filter)
{
    PBENCH_EXTENSION ext;
    NTSTATUS status = IoCreateDevice(DriverObject, sizeof(BENCH_EXTENSION), NULL,
                                     FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN, FALSE, Filter);
    if (!NT_SUCCESS(status))
        return status;
    ext = (*Filter)->DeviceExtension;
    ext->Kind = BenchFilter;
    ext->Lower = IoAttachDeviceToDeviceStack(*Filter, Target);
    if (ext->Lower == NULL) {
        IoDeleteDevice(*Filter);
        *Filter = NULL;
        return STATUS_NO_SUCH_DEVICE;
    }
    (*Filter)->Flags |= ext->Lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO);
    (*Filter)->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID BenchDeleteDevices(VOID)
{
    UNICODE_STRING link;
    for (int i = 1; i >= 0; i--) {
        PDEVICE_OBJECT filter = g_Bench.Filters[i];
        if (filter == NULL)
            continue;
        IoDetachDevice(((PBENCH_EXTENSION)filter->DeviceExtension)->Lower);
        IoDeleteDevice(filter);
        g_Bench.Filters[i] = NULL;
    }
    if (g_Bench.StackBase != NULL) {
        RtlInitUnicodeString(&link, L"\\DosDevices\\BenchStack");
        IoDeleteSymbolicLink(&link);
        IoDeleteDevice(g_Bench.StackBase);
        g_Bench.StackBase = NULL;
    }
    if (g_Bench.Single != NULL) {
        RtlInitUnicodeString(&link, L"\\DosDevices\\Bench");
        IoDeleteSymbolicLink(&link);
        IoDeleteDevice(g_Bench.Single);
        g_Bench.Single = NULL;
    }
}

VOID BenchUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    KeFlushQueuedDpcs();
    BenchDeleteDevices();
    ExDeleteNPagedLookasideList(&g_Bench.Lookaside);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    RtlZeroMemory(&g_Bench, sizeof(g_Bench));
    ExInitializeNPagedLookasideList(&g_Bench.Lookaside, NULL, NULL, POOL_NX_ALLOCATION,
                                    BENCH_ENTRY_SIZE, BENCH_TAG, 0);
    KeInitializeDpc(&g_Bench.CompleteDpc, BenchCompleteDpc, NULL);
    for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = BenchDispatch;
    DriverObject->DriverUnload = BenchUnload;
    status =
        BenchCreateNamed(DriverObject, L"\\Device\\Bench", L"\\DosDevices\\Bench", &g_Bench.Single);
    if (NT_SUCCESS(status))
        status = BenchCreateNamed(DriverObject, L"\\Device\\BenchStack",
                                  L"\\DosDevices\\BenchStack", &g_Bench.StackBase);
    if (NT_SUCCESS(status))
        status = BenchAttachFilter(DriverObject, g_Bench.StackBase, &g_Bench.Filters[0]);
    if (NT_SUCCESS(status))
        status = BenchAttachFilter(DriverObject, g_Bench.Filters[0], &g_Bench.Filters[1]);
    if (!NT_SUCCESS(status)) {
        BenchDeleteDevices();
        ExDeleteNPagedLookasideList(&g_Bench.Lookaside);
    }
    return status;
}
