/*
 * hang.c - a driver that never finishes what it is asked, in each way a real one can: an ioctl
 * pended and never completed (with or without a cancel routine), a dispatch routine that spins,
 * a DriverEntry that spins (when its service key's SpinInEntry value is 1), and an ioctl that
 * takes as long as its input says. For the scenario runner's expect-bugcheck tests it also
 * completes a request twice (bug check 0x44 MULTIPLE_IRP_COMPLETE_REQUESTS, parameter 1 the IRP),
 * either at once (IOCTL_HANG_DOUBLE_COMPLETE) or later: IOCTL_HANG_ARM_CLEANUP marks its handle,
 * whose IRP_MJ_CLEANUP (when the handle is closed) is then completed twice. IOCTL_HANG_LEAK_POOL
 * allocates pool it never frees, so that its unload is bug check 0xC4/0x62 (the runner's tests
 * of a bug check at the shutdown that ends `drvhost run`). Device \Device\Hang, link \??\Hang.
 */
#include <ntddk.h>

#define IOCTL_HANG_PEND CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_PEND_CANCELABLE                                                                 \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x901, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_SPIN     CTL_CODE(FILE_DEVICE_UNKNOWN, 0x902, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_SLEEP_MS CTL_CODE(FILE_DEVICE_UNKNOWN, 0x903, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_DOUBLE_COMPLETE                                                                 \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x904, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_ARM_CLEANUP                                                                     \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x905, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_HANG_LEAK_POOL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x906, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* The mark of a handle whose cleanup is completed twice, in its file object's FsContext2 (the
 * driver's own field for a device without a file system). */
#define HANG_ARMED ((PVOID)(ULONG_PTR)0x1B)

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD HangUnload;
static DRIVER_CANCEL HangCancel;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) static DRIVER_DISPATCH HangCreateClose;
_Dispatch_type_(IRP_MJ_CLEANUP) static DRIVER_DISPATCH HangCleanup;
_Dispatch_type_(IRP_MJ_DEVICE_CONTROL) static DRIVER_DISPATCH HangIoctl;

static volatile LONG spin = 1;

static VOID HangCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    Irp->IoStatus.Status = STATUS_CANCELLED;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

static NTSTATUS HangCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS HangCleanup(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    BOOLEAN armed = sp->FileObject != NULL && sp->FileObject->FsContext2 == HANG_ARMED;
    HangCreateClose(DeviceObject, Irp);
    if (armed)
        HangCreateClose(DeviceObject, Irp); /* the defect: completed twice */
    return STATUS_SUCCESS;
}

static NTSTATUS HangSleep(PIRP Irp, PIO_STACK_LOCATION sp)
{
    LARGE_INTEGER delay;
    ULONG ms = 0;
    if (sp->Parameters.DeviceIoControl.InputBufferLength >= sizeof(ULONG))
        ms = *(ULONG *)Irp->AssociatedIrp.SystemBuffer;
    delay.QuadPart = -10000LL * ms;
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS HangIoctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_HANG_PEND_CANCELABLE:
        IoSetCancelRoutine(Irp, HangCancel);
        /* fall through */
    case IOCTL_HANG_PEND:
        IoMarkIrpPending(Irp);
        return STATUS_PENDING; /* and nobody will ever complete it */
    case IOCTL_HANG_SPIN:
        while (InterlockedCompareExchange(&spin, 1, 1) == 1)
            ;
        break;
    case IOCTL_HANG_SLEEP_MS:
        return HangSleep(Irp, sp);
    case IOCTL_HANG_DOUBLE_COMPLETE:
        HangCreateClose(DeviceObject, Irp);
        return HangCreateClose(DeviceObject, Irp); /* the defect: completed twice */
    case IOCTL_HANG_ARM_CLEANUP:
        sp->FileObject->FsContext2 = HANG_ARMED;
        return HangCreateClose(DeviceObject, Irp);
    case IOCTL_HANG_LEAK_POOL:
        /* the defect: never freed, not even by HangUnload */
        if (ExAllocatePool2(POOL_FLAG_NON_PAGED, 32, 'kaeL') == NULL)
            break;
        return HangCreateClose(DeviceObject, Irp);
    }
    Irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_INVALID_DEVICE_REQUEST;
}

static VOID HangUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\Hang");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(DriverObject->DeviceObject);
}

/* The service key's SpinInEntry value (REG_DWORD), 0 if absent. */
static ULONG SpinInEntry(PUNICODE_STRING RegistryPath)
{
    ULONG value = 0, none = 0;
    RTL_QUERY_REGISTRY_TABLE table[2];
    RtlZeroMemory(table, sizeof(table));
    table[0].Flags = RTL_QUERY_REGISTRY_DIRECT | RTL_QUERY_REGISTRY_TYPECHECK;
    table[0].Name = L"SpinInEntry";
    table[0].EntryContext = &value;
    table[0].DefaultType = (REG_DWORD << RTL_QUERY_REGISTRY_TYPECHECK_SHIFT) | REG_DWORD;
    table[0].DefaultData = &none;
    table[0].DefaultLength = sizeof(ULONG);
    RtlQueryRegistryValues(RTL_REGISTRY_ABSOLUTE, RegistryPath->Buffer, table, NULL, NULL);
    return value;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\Hang");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\Hang");
    PDEVICE_OBJECT device;
    NTSTATUS status;
    if (SpinInEntry(RegistryPath))
        while (InterlockedCompareExchange(&spin, 1, 1) == 1)
            ;
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = HangCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = HangCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = HangCleanup;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = HangIoctl;
    DriverObject->DriverUnload = HangUnload;
    return STATUS_SUCCESS;
}
