/*
 * iotest.c - an I/O manager conformance driver: a two-device stack (upper attached over lower)
 * whose control codes exercise completion routines, PendingReturned propagation,
 * STATUS_MORE_PROCESSING_REQUIRED, IoBuildDeviceIoControlRequest, IoAllocateIrp and the bug
 * checks of a broken driver. Written against the WDK documentation only.
 */
#include <ntddk.h>

#include "iotest.h"

typedef struct _IOTEST_EXT {
    BOOLEAN Upper;
    PDEVICE_OBJECT Lower; /* upper: the device it is attached to */
} IOTEST_EXT, *PIOTEST_EXT;

static PDEVICE_OBJECT g_Lower, g_Upper, g_Exclusive;
static IOTEST_RECORD g_Record;
static KDPC g_PendDpc;
static PIRP g_PendIrp;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD IoTestUnload;
DRIVER_DISPATCH IoTestCreateClose, IoTestDeviceControl, IoTestRead;
IO_COMPLETION_ROUTINE IoTestRecordCompletion, IoTestSignalCompletion, IoTestFreeCompletion,
    IoTestCountCompletion;
DRIVER_CANCEL IoTestCancelOwn;
KDEFERRED_ROUTINE IoTestPendDpc;

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* The lower device's read: fills the buffer with the low byte of ByteOffset. */
NTSTATUS IoTestRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    if (DeviceObject != g_Lower)
        return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    RtlFillMemory(Irp->AssociatedIrp.SystemBuffer, sp->Parameters.Read.Length,
                  (UCHAR)sp->Parameters.Read.ByteOffset.QuadPart);
    return Complete(Irp, STATUS_SUCCESS, sp->Parameters.Read.Length);
}

NTSTATUS IoTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return Complete(Irp, STATUS_SUCCESS, 0);
}

VOID IoTestPendDpc(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
    PIRP irp = g_PendIrp;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Context);
    UNREFERENCED_PARAMETER(A1);
    UNREFERENCED_PARAMETER(A2);
    g_PendIrp = NULL;
    Complete(irp, KeGetCurrentIrql() == DISPATCH_LEVEL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL, 3);
}

static NTSTATUS LowerControl(PIRP Irp, PIO_STACK_LOCATION sp)
{
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_T_COMPLETE:
        return Complete(Irp, STATUS_SUCCESS, 7);
    case IOCTL_T_PEND_DPC:
        IoMarkIrpPending(Irp);
        g_PendIrp = Irp;
        KeInsertQueueDpc(&g_PendDpc, NULL, NULL);
        return STATUS_PENDING;
    case IOCTL_T_DOUBLE_COMPLETE:
        Complete(Irp, STATUS_SUCCESS, 0);
        return Complete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_T_FAIL:
        return Complete(Irp, STATUS_DEVICE_NOT_READY, 0);
    case IOCTL_T_FORGET:
        return STATUS_SUCCESS; /* the bug: neither completed nor pended */
    case IOCTL_T_MISMATCH:
        Complete(Irp, STATUS_SUCCESS, 0);
        return STATUS_UNSUCCESSFUL; /* the bug: not the status it completed with */
    case IOCTL_T_FILL:
        RtlFillMemory(Irp->AssociatedIrp.SystemBuffer,
                      sp->Parameters.DeviceIoControl.OutputBufferLength, 0xA5);
        return Complete(Irp, STATUS_SUCCESS, sp->Parameters.DeviceIoControl.OutputBufferLength);
    default:
        return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* Records what the I/O manager passes to a completion routine, and propagates pending. */
NTSTATUS IoTestRecordCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    g_Record.Calls++;
    g_Record.PendingReturned = Irp->PendingReturned;
    g_Record.DeviceIsUpper = DeviceObject == g_Upper;
    g_Record.LastStatus = Irp->IoStatus.Status;
    g_Record.LastInformation = Irp->IoStatus.Information;
    if (Irp->PendingReturned)
        IoMarkIrpPending(Irp);
    return STATUS_CONTINUE_COMPLETION;
}

NTSTATUS IoTestSignalCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Forwards to the lower device and waits for it, then completes the IRP itself. */
static NTSTATUS ForwardAndWait(PIRP Irp, PIOTEST_EXT ext)
{
    KEVENT event;
    NTSTATUS status;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoGetNextIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode = IOCTL_T_PEND_DPC;
    IoSetCompletionRoutine(Irp, IoTestSignalCompletion, &event, TRUE, TRUE, TRUE);
    status = IoCallDriver(ext->Lower, Irp);
    if (status == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    /* The lower driver's status and information are visible; complete it a second time, as
     * the documentation allows after STATUS_MORE_PROCESSING_REQUIRED. */
    return Complete(Irp, Irp->IoStatus.Status, Irp->IoStatus.Information + 100);
}

/* Sends IOCTL_T_FILL to the lower device with an IRP built by IoBuildDeviceIoControlRequest. */
static NTSTATUS BuildIoctl(PIRP Irp, PIOTEST_EXT ext, PIO_STACK_LOCATION sp)
{
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    LARGE_INTEGER timeout;
    ULONG len = sp->Parameters.DeviceIoControl.OutputBufferLength;
    PUCHAR local = ExAllocatePool2(POOL_FLAG_NON_PAGED, len ? len : 1, 'tsTI');
    PIRP built;
    if (local == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    built = IoBuildDeviceIoControlRequest(IOCTL_T_FILL, ext->Lower, NULL, 0, local, len, FALSE,
                                          &event, &iosb);
    if (built == NULL) {
        ExFreePoolWithTag(local, 'tsTI');
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    }
    IoCallDriver(ext->Lower, built);
    /* Documented: the I/O manager signals Event when the request completes, pending or not;
     * waiting whatever the status, with a bound, checks it (a missing signal: STATUS_IO_TIMEOUT).
     */
    timeout.QuadPart = -10 * 1000 * 1000 * 10LL; /* 10 s */
    if (KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, &timeout) == STATUS_TIMEOUT) {
        ExFreePoolWithTag(local, 'tsTI');
        return Complete(Irp, STATUS_IO_TIMEOUT, 0);
    }
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, local, iosb.Information);
    ExFreePoolWithTag(local, 'tsTI');
    return Complete(Irp, iosb.Status, iosb.Information);
}

NTSTATUS IoTestFreeCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    *(IO_STATUS_BLOCK *)Context = Irp->IoStatus;
    IoFreeIrp(Irp);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* A driver-allocated IRP: the completion routine frees it. */
static NTSTATUS AllocIrp(PIRP Irp, PIOTEST_EXT ext)
{
    IO_STATUS_BLOCK result = {0};
    PIRP irp = IoAllocateIrp(ext->Lower->StackSize, FALSE);
    PIO_STACK_LOCATION next;
    if (irp == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    next = IoGetNextIrpStackLocation(irp);
    next->MajorFunction = IRP_MJ_DEVICE_CONTROL;
    next->Parameters.DeviceIoControl.IoControlCode = IOCTL_T_COMPLETE;
    IoSetCompletionRoutine(irp, IoTestFreeCompletion, &result, TRUE, TRUE, TRUE);
    IoCallDriver(ext->Lower, irp); /* IOCTL_T_COMPLETE completes synchronously */
    return Complete(Irp, result.Status, result.Information);
}

/* Reads 16 bytes from the lower device at offset 0x42 with IoBuildSynchronousFsdRequest. */
static NTSTATUS FsdRead(PIRP Irp, PIOTEST_EXT ext)
{
    UCHAR local[16];
    LARGE_INTEGER offset;
    IO_STATUS_BLOCK iosb;
    KEVENT event;
    PIRP irp;
    offset.QuadPart = 0x42;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_READ, ext->Lower, local, sizeof(local), &offset,
                                       &event, &iosb);
    if (irp == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    if (IoCallDriver(ext->Lower, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    if (!NT_SUCCESS(iosb.Status))
        return Complete(Irp, iosb.Status, 0);
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, local, sizeof(local));
    return Complete(Irp, STATUS_SUCCESS, iosb.Information);
}

/* Object-manager and stack queries, each a bit of the result. */
static NTSTATUS Objects(PIRP Irp, PIOTEST_EXT ext)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoTestLower");
    UNICODE_STRING missing = RTL_CONSTANT_STRING(L"\\Device\\NoSuchDevice");
    PFILE_OBJECT file;
    PDEVICE_OBJECT dev, top;
    ULONG passed = 0;
    if (NT_SUCCESS(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &dev))) {
        passed |= dev == g_Upper ? 0x01 : 0;                /* the top of the stack */
        passed |= file->DeviceObject == g_Lower ? 0x02 : 0; /* the named device */
        ObDereferenceObject(file);                          /* sends cleanup and close */
    }
    top = IoGetAttachedDeviceReference(g_Lower);
    passed |= top == g_Upper ? 0x04 : 0;
    ObDereferenceObject(top);
    passed |= IoGetAttachedDevice(g_Upper) == g_Upper ? 0x08 : 0;
    passed |= IoGetDeviceObjectPointer(&missing, FILE_READ_DATA, &file, &dev) ==
                      STATUS_OBJECT_NAME_NOT_FOUND
                  ? 0x10
                  : 0;
    passed |= ext->Lower == g_Lower && g_Upper->StackSize == g_Lower->StackSize + 1 ? 0x20 : 0;
    *(PULONG)Irp->AssociatedIrp.SystemBuffer = passed;
    return Complete(Irp, STATUS_SUCCESS, sizeof(ULONG));
}

NTSTATUS IoTestCountCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Irp);
    InterlockedIncrement((LONG *)Context);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

VOID IoTestCancelOwn(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    *(LONG *)Irp->Tail.Overlay.DriverContext[0] += 1;
}

/* One driver-owned IRP, sent, reused, and cancelled while the driver holds it. */
static NTSTATUS ReuseCancel(PIRP Irp, PIOTEST_EXT ext)
{
    PIRP irp = IoAllocateIrp(ext->Lower->StackSize, FALSE);
    LONG completions = 0, cancels = 0;
    ULONG passed = 0;
    PIO_STACK_LOCATION next;
    if (irp == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    for (int round = 0; round < 2; round++) {
        next = IoGetNextIrpStackLocation(irp);
        next->MajorFunction = IRP_MJ_DEVICE_CONTROL;
        next->Parameters.DeviceIoControl.IoControlCode = IOCTL_T_COMPLETE;
        IoSetCompletionRoutineEx(ext->Lower, irp, IoTestCountCompletion, &completions, TRUE, TRUE,
                                 TRUE);
        IoCallDriver(ext->Lower, irp);
        passed |= irp->IoStatus.Information == 7 ? (round ? 0x02 : 0x01) : 0;
        IoReuseIrp(irp, STATUS_UNSUCCESSFUL);
    }
    passed |= completions == 2 && irp->IoStatus.Status == STATUS_UNSUCCESSFUL &&
                      irp->CurrentLocation == irp->StackCount + 1
                  ? 0x04
                  : 0;
    irp->Tail.Overlay.DriverContext[0] = &cancels;
    IoSetCancelRoutine(irp, IoTestCancelOwn);
    passed |= IoCancelIrp(irp) && cancels == 1 && irp->Cancel ? 0x08 : 0;
    passed |= !IoCancelIrp(irp) && cancels == 1 ? 0x10 : 0; /* no cancel routine left */
    IoFreeIrp(irp);
    *(PULONG)Irp->AssociatedIrp.SystemBuffer = passed;
    return Complete(Irp, STATUS_SUCCESS, sizeof(ULONG));
}

static NTSTATUS UpperControl(PIRP Irp, PIOTEST_EXT ext, PIO_STACK_LOCATION sp)
{
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_T_GET_RECORD:
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(g_Record))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &g_Record, sizeof(g_Record));
        RtlZeroMemory(&g_Record, sizeof(g_Record));
        return Complete(Irp, STATUS_SUCCESS, sizeof(g_Record));
    case IOCTL_T_FORWARD_AND_WAIT:
        return ForwardAndWait(Irp, ext);
    case IOCTL_T_BUILD_IOCTL:
        return BuildIoctl(Irp, ext, sp);
    case IOCTL_T_ALLOC_IRP:
        return AllocIrp(Irp, ext);
    case IOCTL_T_FSD_READ:
        return FsdRead(Irp, ext);
    case IOCTL_T_OBJECTS:
        return Objects(Irp, ext);
    case IOCTL_T_REUSE_CANCEL:
        return ReuseCancel(Irp, ext);
    case IOCTL_T_NO_STACK:
        IoSkipCurrentIrpStackLocation(Irp);
        IoSetNextIrpStackLocation(Irp); /* stays on our own location */
        IoSetNextIrpStackLocation(Irp);
        return IoCallDriver(ext->Lower, Irp);
    default: /* everything else goes down, with a completion routine that records */
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, IoTestRecordCompletion, NULL, TRUE, TRUE, TRUE);
        return IoCallDriver(ext->Lower, Irp);
    }
}

NTSTATUS IoTestDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIOTEST_EXT ext = DeviceObject->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    return ext->Upper ? UpperControl(Irp, ext, sp) : LowerControl(Irp, sp);
}

VOID IoTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\IoTest");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Exclusive);
    IoDetachDevice(g_Lower);
    IoDeleteDevice(g_Upper);
    IoDeleteDevice(g_Lower);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING lower = RTL_CONSTANT_STRING(L"\\Device\\IoTestLower");
    UNICODE_STRING upper = RTL_CONSTANT_STRING(L"\\Device\\IoTestUpper");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\IoTest");
    UNICODE_STRING exclusive = RTL_CONSTANT_STRING(L"\\Device\\IoTestExclusive");
    PIOTEST_EXT ext;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeDpc(&g_PendDpc, IoTestPendDpc, NULL);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = IoTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = IoTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = IoTestDeviceControl;
    DriverObject->MajorFunction[IRP_MJ_READ] = IoTestRead;
    DriverObject->DriverUnload = IoTestUnload;
    status = IoCreateDevice(DriverObject, sizeof(IOTEST_EXT), &lower, FILE_DEVICE_UNKNOWN, 0, FALSE,
                            &g_Lower);
    if (!NT_SUCCESS(status))
        return status;
    g_Lower->Flags |= DO_BUFFERED_IO;
    status = IoCreateDevice(DriverObject, sizeof(IOTEST_EXT), &exclusive, FILE_DEVICE_UNKNOWN, 0,
                            TRUE, &g_Exclusive);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Lower);
        return status;
    }
    status = IoCreateDevice(DriverObject, sizeof(IOTEST_EXT), &upper, FILE_DEVICE_UNKNOWN, 0, FALSE,
                            &g_Upper);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Exclusive);
        IoDeleteDevice(g_Lower);
        return status;
    }
    g_Upper->Flags |= DO_BUFFERED_IO;
    ext = g_Upper->DeviceExtension;
    ext->Upper = TRUE;
    ext->Lower = IoAttachDeviceToDeviceStack(g_Upper, g_Lower);
    status = IoCreateSymbolicLink(&link, &lower); /* opening the lower name reaches the top */
    if (!NT_SUCCESS(status) || ext->Lower == NULL) {
        IoDetachDevice(g_Lower);
        IoDeleteDevice(g_Upper);
        IoDeleteDevice(g_Exclusive);
        IoDeleteDevice(g_Lower);
        return NT_SUCCESS(status) ? STATUS_UNSUCCESSFUL : status;
    }
    return STATUS_SUCCESS;
}
