/*
 * wppbench.c - the driver of bench/bench_wpp.c: loops of a disabled WPP call site against the
 * same loop without one, timed inside the driver (KeQueryPerformanceCounter) so that only the
 * call site's cost is measured. Tracing is never enabled for it.
 */
#include <ntddk.h>

#include "wpptrace.h"
#include "wppbench.tmh"

static PDEVICE_OBJECT g_Device;

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS CreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return Complete(Irp, STATUS_SUCCESS, 0);
}

/* The loops: the compiler barrier keeps each iteration (and the counter) in the code. */
static void RunLoop(ULONGLONG Count, ULONG Mode)
{
    ULONGLONG i;

    if (Mode == 0) {
        for (i = 0; i < Count; i++)
            __asm__ volatile("" : : "r"(i) : "memory");
    } else if (Mode == 1) {
        for (i = 0; i < Count; i++) {
            TraceEvents(TRACE_LEVEL_VERBOSE, TRACE_BENCH, "iteration %I64u", i);
            __asm__ volatile("" : : "r"(i) : "memory");
        }
    } else {
        for (i = 0; i < Count; i++) {
            TraceEvents(TRACE_LEVEL_INFORMATION, TRACE_BENCH, "iteration %I64u", i);
            __asm__ volatile("" : : "r"(i) : "memory");
        }
    }
}

static NTSTATUS DeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    WPPBENCH_LOOP loop;
    WPPBENCH_RESULT *result = Irp->AssociatedIrp.SystemBuffer;
    LARGE_INTEGER start, end, frequency;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.IoControlCode != IOCTL_WPPBENCH_LOOP)
        return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(loop) ||
        sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(*result))
        return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlCopyMemory(&loop, Irp->AssociatedIrp.SystemBuffer, sizeof(loop));
    start = KeQueryPerformanceCounter(&frequency);
    RunLoop(loop.Count, loop.Mode);
    end = KeQueryPerformanceCounter(NULL);
    result->Ticks = end.QuadPart - start.QuadPart;
    result->Frequency = frequency.QuadPart;
    return Complete(Irp, STATUS_SUCCESS, sizeof(*result));
}

static void Unload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WppBench");

    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
    WPP_CLEANUP(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\WppBench");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WppBench");
    NTSTATUS status;

    WPP_INIT_TRACING(DriverObject, RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status)) {
        WPP_CLEANUP(DriverObject);
        return status;
    }
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        WPP_CLEANUP(DriverObject);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = CreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = CreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DeviceControl;
    DriverObject->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
