/*
 * ddicover.c - a driver calling the I/O and object routines no other test driver calls, each
 * checked against its reference page: IoAttachDeviceToDeviceStackSafe, IoGetLowerDeviceObject,
 * IoGetRelatedDeviceObject, IoCreateUnprotectedSymbolicLink, IoAllocateIrpEx, IoInitializeIrp,
 * IoBuildAsynchronousFsdRequest with IofCallDriver, IoInitializeWorkItem / IoQueueWorkItemEx /
 * IoUninitializeWorkItem, IoFreeWorkItem, IoInitializeDpcRequest / IoRequestDpc, the cancel spin
 * lock, the process queries, and ObReferenceObjectByPointer with the object types.
 *
 * Two devices: \Device\DdiCoverLower (named, also reachable as \DosDevices\DdiCoverLink) and an
 * unnamed upper device attached on top of it, which receives every request and passes reads
 * down. Both use neither buffered nor direct I/O for reads (the buffer is Irp->UserBuffer).
 */
#include <wdm.h>

#include "ddicover.h"

static PDEVICE_OBJECT g_Lower, g_Upper, g_AttachedTo;
static NTSTATUS g_AttachStatus, g_LinkStatus;
static PDDICOVER_RESULT g_Result;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        g_Result->Checks++;                                                                        \
        if (!(cond) && g_Result->Failed++ < 16)                                                    \
            g_Result->Lines[g_Result->Failed - 1] = __LINE__;                                      \
    } while (0)

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* ---- stack and object queries ------------------------------------------------------------- */

static void Stack(PIRP Irp, PIO_STACK_LOCATION sp)
{
    PDEVICE_OBJECT lower;
    CHECK(NT_SUCCESS(g_AttachStatus) && g_AttachedTo == g_Lower);
    CHECK(g_Upper->StackSize == g_Lower->StackSize + 1);
    lower = IoGetLowerDeviceObject(g_Upper);
    CHECK(lower == g_Lower);
    if (lower != NULL) {
        /* the reference IoGetLowerDeviceObject took: one more by pointer, both dropped */
        CHECK(ObReferenceObjectByPointer(lower, 0, *IoDeviceObjectType, KernelMode) ==
              STATUS_SUCCESS);
        ObfDereferenceObject(lower);
        ObDereferenceObject(lower);
    }
    CHECK(IoGetLowerDeviceObject(g_Lower) == NULL); /* the bottom of the stack */
    /* The file was opened by the lower device's name; its related device is the top. */
    CHECK(sp->FileObject != NULL && sp->FileObject->DeviceObject == g_Lower);
    CHECK(sp->FileObject != NULL && IoGetRelatedDeviceObject(sp->FileObject) == g_Upper);
    CHECK(NT_SUCCESS(g_LinkStatus));

    /* Object types. */
    CHECK(ObReferenceObjectByPointer(g_Upper, 0, *IoDriverObjectType, KernelMode) ==
          STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByPointer(g_Upper->DriverObject, 0, *IoDriverObjectType, KernelMode) ==
          STATUS_SUCCESS);
    ObDereferenceObjectWithTag(g_Upper->DriverObject, 'CidD');
    ObReferenceObjectWithTag(g_Upper, 'CidD');
    ObfReferenceObject(g_Upper);
    ObfDereferenceObject(g_Upper);
    ObDereferenceObjectWithTag(g_Upper, 'CidD');
    CHECK(ObReferenceObjectByPointer(sp->FileObject, 0, *PsProcessType, KernelMode) ==
          STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByPointer(sp->FileObject, 0, *ExSemaphoreObjectType, KernelMode) ==
          STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(ObReferenceObjectByPointer(sp->FileObject, 0, *IoFileObjectType, KernelMode) ==
          STATUS_SUCCESS);
    ObDereferenceObject(sp->FileObject);

    /* Processes: the requester of a request issued by a client thread is the current process
     * in a synchronous dispatch; the pseudo-handles have their documented values. */
    CHECK(IoGetCurrentProcess() != NULL && IoGetCurrentProcess() == PsGetCurrentProcess());
    CHECK(IoGetRequestorProcess(Irp) == IoGetCurrentProcess());
    /* An IRP the I/O manager issues is associated with the requesting thread (Microsoft:
     * IoGetRequestorProcess), which is the current one in a synchronous dispatch. */
    CHECK(Irp->Tail.Overlay.Thread == PsGetCurrentThread());
    /* ... and, for a request on a file handle, with its file object. */
    CHECK(Irp->Tail.Overlay.OriginalFileObject == sp->FileObject);
    CHECK(ObReferenceObjectByPointer(PsGetCurrentProcess(), 0, *PsProcessType, KernelMode) ==
          STATUS_SUCCESS);
    ObDereferenceObject(PsGetCurrentProcess());
    CHECK(NtCurrentProcess() == (HANDLE)(LONG_PTR)-1 && ZwCurrentProcess() == NtCurrentProcess());
    CHECK(NtCurrentThread() == (HANDLE)(LONG_PTR)-2);
}

/* ---- IRPs the driver builds ---------------------------------------------------------------- */

static KEVENT g_Done;
static IO_STATUS_BLOCK g_Iosb;
static PIRP g_SeenIrp;
static UCHAR g_ReadMajor;
static ULONG g_ReadLength;
static LONGLONG g_ReadOffset;

NTSTATUS DdiCoverRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    if (DeviceObject == g_Upper) { /* pass down untouched */
        IoSkipCurrentIrpStackLocation(Irp);
        return IofCallDriver(g_Lower, Irp);
    }
    g_SeenIrp = Irp;
    g_ReadMajor = sp->MajorFunction;
    g_ReadLength = sp->Parameters.Read.Length;
    g_ReadOffset = sp->Parameters.Read.ByteOffset.QuadPart;
    RtlFillMemory(Irp->UserBuffer, sp->Parameters.Read.Length, (UCHAR)g_ReadOffset);
    return Complete(Irp, STATUS_SUCCESS, sp->Parameters.Read.Length);
}

/* An asynchronous request belongs to its builder: the completion routine frees it. */
NTSTATUS DdiCoverAsyncDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    g_Iosb = Irp->IoStatus;
    IoFreeIrp(Irp);
    KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static void Irps(void)
{
    UCHAR buf[24];
    LARGE_INTEGER offset = {.QuadPart = 0x42};
    PIRP irp;
    USHORT size = IoSizeOfIrp(3);
    PIRP own;

    /* IoAllocateIrpEx: an IRP with StackSize locations, the current one past the last. */
    irp = IoAllocateIrpEx(g_Upper, 3, FALSE);
    CHECK(irp != NULL);
    if (irp != NULL) {
        CHECK(irp->StackCount == 3 && irp->CurrentLocation == 4 && irp->Size == size);
        CHECK(IoGetNextIrpStackLocation(irp) == (PIO_STACK_LOCATION)(irp + 1) + 2);
        IoFreeIrp(irp);
    }

    /* IoInitializeIrp on the driver's own memory (freed by the driver, not IoFreeIrp). */
    own = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'CidD');
    CHECK(own != NULL);
    if (own != NULL) {
        RtlFillMemory(own, size, 0xCC);
        IoInitializeIrp(own, size, 3);
        CHECK(own->Size == size && own->StackCount == 3 && own->CurrentLocation == 4);
        /* Not associated with a thread: no requestor (Microsoft: IoGetRequestorProcess). */
        CHECK(own->Tail.Overlay.Thread == NULL && IoGetRequestorProcess(own) == NULL);
        CHECK(own->MdlAddress == NULL && own->Cancel == FALSE && own->CancelRoutine == NULL);
        CHECK(IoGetNextIrpStackLocation(own) == (PIO_STACK_LOCATION)(own + 1) + 2);
        CHECK(own->IoStatus.Status == 0 && own->IoStatus.Information == 0);
        ExFreePoolWithTag(own, 'CidD');
    }

    /* IoBuildAsynchronousFsdRequest + IofCallDriver: the read reaches the lower device with
     * the length and offset given, the completion routine sees the final status. */
    RtlZeroMemory(buf, sizeof(buf));
    KeInitializeEvent(&g_Done, NotificationEvent, FALSE);
    irp = IoBuildAsynchronousFsdRequest(IRP_MJ_READ, g_Upper, buf, 16, &offset, NULL);
    CHECK(irp != NULL);
    if (irp == NULL)
        return;
    CHECK(irp->StackCount == g_Upper->StackSize);
    CHECK(IoGetNextIrpStackLocation(irp)->MajorFunction == IRP_MJ_READ);
    /* Associated with the calling thread (Microsoft: IoGetRequestorProcess). */
    CHECK(irp->Tail.Overlay.Thread == PsGetCurrentThread() &&
          IoGetRequestorProcess(irp) == IoGetCurrentProcess());
    IoSetCompletionRoutine(irp, DdiCoverAsyncDone, NULL, TRUE, TRUE, TRUE);
    CHECK(IofCallDriver(g_Upper, irp) == STATUS_SUCCESS);
    KeWaitForSingleObject(&g_Done, Executive, KernelMode, FALSE, NULL);
    CHECK(g_Iosb.Status == STATUS_SUCCESS && g_Iosb.Information == 16);
    CHECK(g_ReadMajor == IRP_MJ_READ && g_ReadLength == 16 && g_ReadOffset == 0x42);
    CHECK(buf[0] == 0x42 && buf[15] == 0x42 && buf[16] == 0);
}

/* ---- work items --------------------------------------------------------------------------- */

static PVOID g_WiObject, g_WiContext;
static PIO_WORKITEM g_WiItem;
static KIRQL g_WiIrql;
static PETHREAD g_WiThread;

VOID DdiCoverWorkEx(PVOID IoObject, PVOID Context, PIO_WORKITEM IoWorkItem)
{
    g_WiObject = IoObject;
    g_WiContext = Context;
    g_WiItem = IoWorkItem;
    g_WiIrql = KeGetCurrentIrql();
    g_WiThread = PsGetCurrentThread();
    KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
}

VOID DdiCoverWork(PDEVICE_OBJECT DeviceObject, PVOID Context)
{
    g_WiObject = DeviceObject;
    g_WiContext = Context;
    KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
}

static void WorkItems(void)
{
    ULONG size = IoSizeofWorkItem();
    PIO_WORKITEM item;
    CHECK(size != 0);
    item = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, 'CidD');
    CHECK(item != NULL);
    if (item == NULL)
        return;
    RtlFillMemory(item, size, 0xCC);
    IoInitializeWorkItem(g_Lower, item);
    for (int round = 0; round < 2; round++) { /* an item runs again once its routine started */
        KeInitializeEvent(&g_Done, NotificationEvent, FALSE);
        g_WiObject = g_WiContext = g_WiItem = NULL;
        IoQueueWorkItemEx(item, DdiCoverWorkEx, DelayedWorkQueue, (PVOID)(ULONG_PTR)(0x77 + round));
        KeWaitForSingleObject(&g_Done, Executive, KernelMode, FALSE, NULL);
        CHECK(g_WiObject == g_Lower && g_WiItem == item);
        CHECK(g_WiContext == (PVOID)(ULONG_PTR)(0x77 + round));
        CHECK(g_WiIrql == PASSIVE_LEVEL && g_WiThread != PsGetCurrentThread());
    }
    IoUninitializeWorkItem(item);
    ExFreePoolWithTag(item, 'CidD');

    item = IoAllocateWorkItem(g_Upper);
    CHECK(item != NULL);
    if (item == NULL)
        return;
    KeInitializeEvent(&g_Done, NotificationEvent, FALSE);
    IoQueueWorkItem(item, DdiCoverWork, CriticalWorkQueue, (PVOID)0x99);
    KeWaitForSingleObject(&g_Done, Executive, KernelMode, FALSE, NULL);
    CHECK(g_WiObject == g_Upper && g_WiContext == (PVOID)0x99);
    IoFreeWorkItem(item);
}

/* ---- the device's DPC ---------------------------------------------------------------------- */

static PVOID g_DpcDevice, g_DpcIrp, g_DpcContext;
static KIRQL g_DpcIrql;

VOID DdiCoverDpcForIsr(PKDPC Dpc, PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    g_DpcDevice = Dpc == &DeviceObject->Dpc ? DeviceObject : NULL;
    g_DpcIrp = Irp;
    g_DpcContext = Context;
    g_DpcIrql = KeGetCurrentIrql();
    KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
}

static void Dpc(PIRP Irp)
{
    KeInitializeEvent(&g_Done, NotificationEvent, FALSE);
    IoInitializeDpcRequest(g_Upper, DdiCoverDpcForIsr);
    CHECK(g_Upper->Dpc.DeferredRoutine == (PKDEFERRED_ROUTINE)DdiCoverDpcForIsr);
    CHECK(IoRequestDpc(g_Upper, Irp, (PVOID)0x55));
    KeWaitForSingleObject(&g_Done, Executive, KernelMode, FALSE, NULL);
    CHECK(g_DpcDevice == g_Upper && g_DpcIrp == Irp && g_DpcContext == (PVOID)0x55);
    CHECK(g_DpcIrql == DISPATCH_LEVEL);
}

/* ---- the cancel spin lock ------------------------------------------------------------------ */

static volatile LONG g_OtherHolds;
static KEVENT g_Go;

VOID DdiCoverCancelThread(PVOID Context)
{
    KIRQL irql;
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&g_Go, Executive, KernelMode, FALSE, NULL);
    IoAcquireCancelSpinLock(&irql);
    InterlockedExchange(&g_OtherHolds, 1);
    IoReleaseCancelSpinLock(irql);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

static void Cancel(void)
{
    KIRQL irql = HIGH_LEVEL;
    HANDLE h;
    PVOID thread = NULL;
    g_OtherHolds = 0;
    KeInitializeEvent(&g_Go, NotificationEvent, FALSE);
    if (NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                        DdiCoverCancelThread, NULL))) {
        ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL);
        ZwClose(h);
    }
    CHECK(thread != NULL);
    IoAcquireCancelSpinLock(&irql);
    CHECK(irql == PASSIVE_LEVEL && KeGetCurrentIrql() == DISPATCH_LEVEL);
    /* Another thread asking for the lock waits until it is released. */
    KeSetEvent(&g_Go, IO_NO_INCREMENT, FALSE);
    KeStallExecutionProcessor(100000);
    CHECK(g_OtherHolds == 0);
    IoReleaseCancelSpinLock(irql);
    CHECK(KeGetCurrentIrql() == PASSIVE_LEVEL);
    if (thread != NULL) {
        KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL);
        ObDereferenceObject(thread);
    }
    CHECK(g_OtherHolds == 1);
}

/* ---- dispatch ------------------------------------------------------------------------------ */

NTSTATUS DdiCoverCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return Complete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS DdiCoverControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    DDICOVER_RESULT result;
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(result))
        return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlZeroMemory(&result, sizeof(result));
    g_Result = &result;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_DC_STACK:
        Stack(Irp, sp);
        break;
    case IOCTL_DC_IRPS:
        Irps();
        break;
    case IOCTL_DC_WORKITEMS:
        WorkItems();
        break;
    case IOCTL_DC_DPC:
        Dpc(Irp);
        break;
    case IOCTL_DC_CANCEL:
        Cancel();
        break;
    case IOCTL_DC_MAKE_TEMP:
        ObMakeTemporaryObject(&result); /* not an object */
        break;
    default:
        return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &result, sizeof(result));
    return Complete(Irp, STATUS_SUCCESS, sizeof(result));
}

VOID DdiCoverUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DdiCoverLink");
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteSymbolicLink(&link);
    IoDetachDevice(g_Lower);
    IoDeleteDevice(g_Upper);
    IoDeleteDevice(g_Lower);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\DdiCoverLower");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\DdiCoverLink");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    /* DRIVER_OBJECT: DriverStart and DriverSize are the driver's image, DriverInit its entry. */
    if (DriverObject->DriverStart == NULL || DriverObject->DriverInit != DriverEntry ||
        (ULONG_PTR)DriverEntry < (ULONG_PTR)DriverObject->DriverStart ||
        (ULONG_PTR)DriverEntry >= (ULONG_PTR)DriverObject->DriverStart + DriverObject->DriverSize)
        return STATUS_INVALID_IMAGE_FORMAT;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DdiCoverCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DdiCoverCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = DdiCoverRead;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DdiCoverControl;
    DriverObject->DriverUnload = DdiCoverUnload;
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Lower);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Upper);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Lower);
        return status;
    }
    g_AttachStatus = IoAttachDeviceToDeviceStackSafe(g_Upper, g_Lower, &g_AttachedTo);
    g_LinkStatus = IoCreateUnprotectedSymbolicLink(&link, &name);
    g_Lower->Flags &= ~DO_DEVICE_INITIALIZING;
    g_Upper->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}
