/*
 * vfspool.c - a driver for the special pool tests (tests/vf/test_spool.c): it keeps one pool
 * block and touches it where the test says, inside or beyond the block, before or after the
 * free. Built against the public headers only.
 */
#include <wdm.h>

#include "vfspool.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD VfspUnload;
static DRIVER_DISPATCH VfspCreateClose;
static DRIVER_DISPATCH VfspDeviceControl;

static PDEVICE_OBJECT g_Device;
static volatile UCHAR *g_Block;
static PVOID g_Kept[VFSP_KEPT_MAX];
static ULONG g_KeptCount;

/* A block kept until IOCTL_VFSP_FREE_KEPT; it is the one block too (read, write, not free). */
static NTSTATUS VfspKeep(SIZE_T Size, ULONG64 *Out)
{
    PVOID block;
    if (g_KeptCount == VFSP_KEPT_MAX)
        return STATUS_INSUFFICIENT_RESOURCES;
    block = ExAllocatePool2(POOL_FLAG_NON_PAGED, Size, VFSP_TAG);
    if (block == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_Kept[g_KeptCount++] = block;
    g_Block = block;
    *Out = (ULONG64)(ULONG_PTR)block;
    return STATUS_SUCCESS;
}

static NTSTATUS VfspFreeKept(void)
{
    while (g_KeptCount > 0)
        ExFreePoolWithTag(g_Kept[--g_KeptCount], VFSP_TAG);
    g_Block = NULL;
    return STATUS_SUCCESS;
}

static NTSTATUS VfspUse(SIZE_T Size)
{
    SIZE_T i;
    for (i = 0; i < Size; i++)
        if (g_Block[i] != 0)
            return STATUS_DATA_ERROR;
    for (i = 0; i < Size; i++)
        g_Block[i] = (UCHAR)(i * 7 + 1);
    for (i = 0; i < Size; i++)
        if (g_Block[i] != (UCHAR)(i * 7 + 1))
            return STATUS_DATA_ERROR;
    return STATUS_SUCCESS;
}

static NTSTATUS VfspWriteInTry(ULONG64 Offset)
{
    __try {
        g_Block[Offset] = 0x11;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return GetExceptionCode();
    }
    return STATUS_SUCCESS;
}

static NTSTATUS VfspChurn(ULONG64 Rounds, ULONG64 *Out)
{
    ULONG64 atPageEnd = 0;
    for (ULONG64 i = 0; i < Rounds; i++) {
        volatile UCHAR *block = ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, VFSP_TAG);
        if (block == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        for (int k = 0; k < 32; k++) {
            if (block[k] != 0) {
                ExFreePoolWithTag((PVOID)block, VFSP_TAG);
                return STATUS_DATA_ERROR;
            }
            block[k] = (UCHAR)(k + 1);
        }
        atPageEnd += ((ULONG_PTR)block + 32) % PAGE_SIZE == 0;
        ExFreePoolWithTag((PVOID)block, VFSP_TAG);
    }
    *Out = atPageEnd;
    return STATUS_SUCCESS;
}

/* Runs one control code on `Value`; *Out receives what it returns. */
static NTSTATUS VfspControl(ULONG Code, ULONG64 Value, ULONG64 *Out)
{
    KIRQL old;
    switch (Code) {
    case IOCTL_VFSP_ALLOC:
        g_Block = ExAllocatePool2(POOL_FLAG_NON_PAGED, (SIZE_T)Value, VFSP_TAG);
        *Out = (ULONG64)(ULONG_PTR)g_Block;
        return g_Block != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    case IOCTL_VFSP_WRITE:
        g_Block[Value] = 0x11;
        return STATUS_SUCCESS;
    case IOCTL_VFSP_READ:
        *Out = g_Block[Value];
        return STATUS_SUCCESS;
    case IOCTL_VFSP_FREE:
        ExFreePoolWithTag((PVOID)g_Block, VFSP_TAG);
        return STATUS_SUCCESS;
    case IOCTL_VFSP_WRITE_RAISED:
        KeRaiseIrql(DISPATCH_LEVEL, &old);
        g_Block[Value] = 0x11;
        KeLowerIrql(old);
        return STATUS_SUCCESS;
    case IOCTL_VFSP_WRITE_IN_TRY:
        return VfspWriteInTry(Value);
    case IOCTL_VFSP_COMPARE:
        *Out = RtlCompareMemory((const VOID *)g_Block, (const VOID *)g_Block, (SIZE_T)Value);
        return STATUS_SUCCESS;
    case IOCTL_VFSP_USE:
        return VfspUse((SIZE_T)Value);
    case IOCTL_VFSP_KEEP:
        return VfspKeep((SIZE_T)Value, Out);
    case IOCTL_VFSP_FREE_KEPT:
        return VfspFreeKept();
    case IOCTL_VFSP_CHURN:
        return VfspChurn(Value, Out);
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

static NTSTATUS VfspDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG64 *buffer = Irp->AssociatedIrp.SystemBuffer, value = 0, out = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.InputBufferLength >= sizeof(ULONG64))
        value = buffer[0];
    status = VfspControl(sp->Parameters.DeviceIoControl.IoControlCode, value, &out);
    Irp->IoStatus.Information = 0;
    if (NT_SUCCESS(status) && sp->Parameters.DeviceIoControl.OutputBufferLength >= sizeof(out)) {
        buffer[0] = out;
        Irp->IoStatus.Information = sizeof(out);
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS VfspCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static VOID VfspUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\VfSpool");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\VfSpool");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\VfSpool");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = VfspCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = VfspCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = VfspCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = VfspDeviceControl;
    DriverObject->DriverUnload = VfspUnload;
    return STATUS_SUCCESS;
}
