/* projtest.c - the driver of the test project (projtest.vcxproj), built by `drvcc --project`.
 * It uses what the project file supplies (PROJTEST_MAGIC), a mixed-case and a backslash include,
 * bare try/except/finally as the WDK's C accepts them, a function of its C++ source, and a
 * secure device object (wdmsec.h: administrators and the system only). */
#include <ntddk.h>
#include <wdmsec.h>
#include "local.h"

#ifndef PROJTEST_MAGIC
#error "PROJTEST_MAGIC comes from the project's PreprocessorDefinitions"
#endif

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD ProjUnload;
static DRIVER_DISPATCH ProjCreateClose;
static DRIVER_DISPATCH ProjDeviceControl;

/* Not formatted: clang-format takes the bare except for a function call. */
/* clang-format off */
static ULONG ProjCaught(void)
{
    ULONG code = 0;
    try {
        ExRaiseStatus(STATUS_INVALID_PARAMETER_3);
    } except (EXCEPTION_EXECUTE_HANDLER) {
        code = (ULONG)GetExceptionCode();
    }
    return code;
}

static ULONG ProjFinally(void)
{
    ULONG ran = 0;
    try {
        try {
            leave;
        } finally {
            ran = 1;
        }
    } except (EXCEPTION_EXECUTE_HANDLER) {
        ran = 2;
    }
    return ran;
}
/* clang-format on */

static NTSTATUS ProjCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS ProjDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    ULONG_PTR info = 0;

    UNREFERENCED_PARAMETER(DeviceObject);
    if (stack->Parameters.DeviceIoControl.IoControlCode == IOCTL_PROJTEST_QUERY) {
        if (stack->Parameters.DeviceIoControl.OutputBufferLength < sizeof(PROJTEST_ANSWER)) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            PROJTEST_ANSWER *answer = (PROJTEST_ANSWER *)Irp->AssociatedIrp.SystemBuffer;
            answer->Magic = PROJTEST_MAGIC;
            answer->CppValue = ProjCppValue(20);
            answer->CaughtCode = ProjCaught();
            answer->FinallyRan = ProjFinally();
            status = STATUS_SUCCESS;
            info = sizeof(*answer);
        }
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = info;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static VOID ProjUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\ProjTest");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\ProjTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\ProjTest");
    PDEVICE_OBJECT device;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    if (ProjLegacyTwice(21) != 42) {
        return STATUS_UNSUCCESSFUL;
    }
    status =
        IoCreateDeviceSecure(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                             FALSE, &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, NULL, &device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = ProjCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = ProjCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = ProjDeviceControl;
    DriverObject->DriverUnload = ProjUnload;
    return STATUS_SUCCESS;
}
