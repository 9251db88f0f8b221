/*
 * mctest.c - the driver of the message compiler test project (mctest.vcxproj): registers the
 * provider of mctest.man through the header the project's MessageCompile item generates
 * (mctestEvents.h, written by drvmc) and the error codes of its message text file (mctestlog.h),
 * writes its events from another source (mcwrite.cpp: one
 * registration handle for the whole module) and unregisters at unload.
 */
#include <ntddk.h>

#include "mctestEvents.h"
#include "mctest.h"
#include "mctestlog.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD McTestUnload;
DRIVER_DISPATCH McTestCreateClose, McTestControl;

/* The constants the header defines from the manifest's symbols. */
C_ASSERT(MCTEST_OPERATIONAL == 0x10 && MCTEST_DEBUG == 20);
C_ASSERT(MCTEST_LEVEL_NOISY == 16 && MCTEST_TASK_IO == 7 && MCTEST_TASK_SETUP == 300);
C_ASSERT(MCTEST_OPCODE_PROBE == 10 && MCTEST_OPCODE_RETRY == 30);
C_ASSERT(MCTEST_KEYWORD_READ == 0x1 && MCTEST_KEYWORD_WRITE == 0x800000000000ULL);
C_ASSERT(IntsEvent_value == 1 && StringsEventV1_value == 2 && McTest_Empty_value == 4);
/* The message text file's codes: severity, the customer bit (SetCustomerbit), facility, id. */
C_ASSERT(MCTEST_LOG_STARTED == (NTSTATUS)0x60070001 && MCTEST_LOG_FAILED == (NTSTATUS)0xE0070002);
C_ASSERT(FACILITY_MCTEST_ERROR_CODE == 7 && STATUS_SEVERITY_INFORMATIONAL == 1);

NTSTATUS McTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

NTSTATUS McTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    ULONG_PTR info = 0;
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_MC_WRITE) {
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG)) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            status = McTestWriteAll((PULONG)Irp->AssociatedIrp.SystemBuffer);
            info = sizeof(ULONG);
        }
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = info;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

VOID McTestUnload(PDRIVER_OBJECT DriverObject)
{
    EventUnregisterDrvhost_McTest();
    IoDeleteDevice(DriverObject->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\McTest");
    PDEVICE_OBJECT device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = McTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = McTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = McTestControl;
    DriverObject->DriverUnload = McTestUnload;
    status = EventRegisterDrvhost_McTest();
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    return STATUS_SUCCESS;
}
