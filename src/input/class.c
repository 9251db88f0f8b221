/*
 * class.c - drvhost's keyboard and mouse class drivers (\Driver\kbdclass, \Driver\mouclass):
 * the class device on top of a PS/2 device's stack, which connects to the port below it
 * (IOCTL_INTERNAL_*_CONNECT with its service callback), keeps the input records the callback
 * delivers and hands them to the clients that read the class device (\Device\KeyboardClassN,
 * \Device\PointerClassN, opened through GUID_DEVINTERFACE_KEYBOARD / _MOUSE).
 *
 * Locking: ext->lock (a spin lock: the service callback runs at DISPATCH_LEVEL) guards the
 * record queue, the pending reads and `removed`; no IRP is completed under it.
 *
 * Deviation (docs/input.md): on Windows the class driver is the keyboard/mouse class's upper
 * filter, attached by the PnP manager at AddDevice time; drvhost attaches it when the device's
 * stack has started (ps2_device_plug), then connects it.
 */
#include "input/input_private.h"

#include "io/io.h"
#include "rtl/rtl.h"

#include <ntddkbd.h>
#include <ntddmou.h>

#include <stdio.h>
#include <string.h>

#define CLASS_QUEUE_BYTES (PS2_QUEUE_RECORDS * sizeof(MOUSE_INPUT_DATA))

struct class_ext {
    struct ps2_dev *dev;
    PDEVICE_OBJECT self, lower;
    size_t record; /* sizeof one record of the kind */
    KSPIN_LOCK lock;
    UCHAR queue[CLASS_QUEUE_BYTES]; /* a ring of `count` records from `head` */
    size_t head, count;
    LIST_ENTRY reads; /* pending IRP_MJ_READ (cancelable) */
    UNICODE_STRING iface;
    bool removed;
};

static struct io_driver *class_driver[2]; /* [mouse]; created on the first plug, PnP thread */
static LONG class_units[2];

/* ---- the record queue and the reads --------------------------------------------------------- */

static void queue_put(struct class_ext *ext, const UCHAR *record)
{
    size_t cap = PS2_QUEUE_RECORDS;
    size_t at = (ext->head + ext->count) % cap;
    memcpy(ext->queue + at * ext->record, record, ext->record);
    ext->count++;
}

/* Copies the oldest records that fit into the read's buffer (lock held). */
static void queue_take(struct class_ext *ext, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    size_t n = sp->Parameters.Read.Length / ext->record;
    UCHAR *out = irp->AssociatedIrp.SystemBuffer;
    if (n > ext->count)
        n = ext->count;
    for (size_t i = 0; i < n; i++) {
        memcpy(out + i * ext->record, ext->queue + ext->head * ext->record, ext->record);
        ext->head = (ext->head + 1) % PS2_QUEUE_RECORDS;
        ext->count--;
    }
    irp->IoStatus.Status = STATUS_SUCCESS;
    irp->IoStatus.Information = n * ext->record;
}

/* The first pending read that is not being cancelled, off the list (lock held); NULL: none. */
static PIRP reads_pop(struct class_ext *ext, PFILE_OBJECT file)
{
    for (PLIST_ENTRY e = ext->reads.Flink; e != &ext->reads; e = e->Flink) {
        PIRP irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        if (file != NULL && IoGetCurrentIrpStackLocation(irp)->FileObject != file)
            continue;
        RemoveEntryList(e);
        InitializeListHead(e); /* a cancel routine already running removes it harmlessly */
        if (IoSetCancelRoutine(irp, NULL) != NULL)
            return irp;
        e = &ext->reads; /* the cancel routine owns it: start over */
    }
    return NULL;
}

/* Completes the pending reads (of one file, or all) with status. */
static void reads_flush(struct class_ext *ext, PFILE_OBJECT file, NTSTATUS status)
{
    for (;;) {
        KIRQL irql;
        KeAcquireSpinLock(&ext->lock, &irql);
        PIRP irp = reads_pop(ext, file);
        KeReleaseSpinLock(&ext->lock, irql);
        if (irp == NULL)
            return;
        irp->IoStatus.Status = status;
        irp->IoStatus.Information = 0;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
    }
}

static VOID NTAPI class_cancel_read(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    KIRQL irql;
    IoReleaseCancelSpinLock(irp->CancelIrql);
    KeAcquireSpinLock(&ext->lock, &irql);
    RemoveEntryList(&irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&ext->lock, irql);
    irp->IoStatus.Status = STATUS_CANCELLED;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

/* The service callback the port (or the filter above it) calls at DISPATCH_LEVEL with the
 * records [start, end): queued (those past a full queue are dropped and not counted in
 * *consumed), then handed to the pending reads. */
static VOID class_service(PVOID context, PVOID start, PVOID end, PVOID consumed)
{
    PDEVICE_OBJECT device = context;
    struct class_ext *ext = device->DeviceExtension;
    ULONG taken = 0;
    PIRP done[8]; /* the reads it ends; more waiting ones get the next records' callback */
    size_t ndone = 0;
    KeAcquireSpinLockAtDpcLevel(&ext->lock);
    for (UCHAR *r = start; r + ext->record <= (UCHAR *)end; r += ext->record)
        if (ext->count < PS2_QUEUE_RECORDS) {
            queue_put(ext, r);
            taken++;
        }
    while (ext->count > 0 && ndone < 8) {
        PIRP irp = reads_pop(ext, NULL);
        if (irp == NULL)
            break;
        queue_take(ext, irp);
        done[ndone++] = irp;
    }
    KeReleaseSpinLockFromDpcLevel(&ext->lock);
    *(PULONG)consumed = taken;
    for (size_t i = 0; i < ndone; i++)
        IoCompleteRequest(done[i], IO_KEYBOARD_INCREMENT);
}

/* ---- dispatch ----------------------------------------------------------------------------- */

static NTSTATUS complete(PIRP irp, NTSTATUS status)
{
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* A read returns the queued records that fit (whole records only), or waits for the next. */
static NTSTATUS NTAPI class_read(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    KIRQL irql;
    irp->IoStatus.Information = 0;
    if (IoGetCurrentIrpStackLocation(irp)->Parameters.Read.Length < ext->record)
        return complete(irp, STATUS_BUFFER_TOO_SMALL);
    KeAcquireSpinLock(&ext->lock, &irql);
    if (ext->removed) {
        KeReleaseSpinLock(&ext->lock, irql);
        return complete(irp, STATUS_DEVICE_NOT_CONNECTED);
    }
    if (ext->count > 0) {
        queue_take(ext, irp);
        KeReleaseSpinLock(&ext->lock, irql);
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return STATUS_SUCCESS;
    }
    IoSetCancelRoutine(irp, class_cancel_read);
    if (__atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE) && IoSetCancelRoutine(irp, NULL) != NULL) {
        KeReleaseSpinLock(&ext->lock, irql);
        return complete(irp, STATUS_CANCELLED);
    }
    IoMarkIrpPending(irp);
    InsertTailList(&ext->reads, &irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&ext->lock, irql);
    return STATUS_PENDING;
}

static NTSTATUS NTAPI class_create_close(PDEVICE_OBJECT device, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    if (sp->MajorFunction == IRP_MJ_CLEANUP)
        reads_flush(device->DeviceExtension, sp->FileObject, STATUS_CANCELLED);
    irp->IoStatus.Information = 0;
    return complete(irp, STATUS_SUCCESS);
}

/* A client's device control goes down the stack as an internal one, as the class driver sends
 * the keyboard and mouse IOCTLs to its port. */
static NTSTATUS NTAPI class_device_control(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_INTERNAL_DEVICE_CONTROL;
    return IoCallDriver(ext->lower, irp);
}

static NTSTATUS NTAPI class_pass_down(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    IoSkipCurrentIrpStackLocation(irp);
    return IoCallDriver(ext->lower, irp);
}

static NTSTATUS NTAPI class_power(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    IoSkipCurrentIrpStackLocation(irp);
    return PoCallDriver(ext->lower, irp);
}

/* The device is gone: reads fail from now on, the interface is disabled. */
static void class_gone(struct class_ext *ext)
{
    KIRQL irql;
    KeAcquireSpinLock(&ext->lock, &irql);
    bool was = ext->removed;
    ext->removed = true;
    KeReleaseSpinLock(&ext->lock, irql);
    reads_flush(ext, NULL, STATUS_DEVICE_NOT_CONNECTED);
    if (!was && ext->iface.Buffer != NULL)
        IoSetDeviceInterfaceState(&ext->iface, FALSE);
}

static NTSTATUS NTAPI class_pnp(PDEVICE_OBJECT device, PIRP irp)
{
    struct class_ext *ext = device->DeviceExtension;
    UCHAR minor = IoGetCurrentIrpStackLocation(irp)->MinorFunction;
    if (minor != IRP_MN_REMOVE_DEVICE && minor != IRP_MN_SURPRISE_REMOVAL)
        return class_pass_down(device, irp);
    class_gone(ext);
    if (minor == IRP_MN_SURPRISE_REMOVAL)
        return class_pass_down(device, irp);
    PDEVICE_OBJECT lower = ext->lower;
    irp->IoStatus.Status = STATUS_SUCCESS;
    IoSkipCurrentIrpStackLocation(irp);
    NTSTATUS status = IoCallDriver(lower, irp);
    RtlFreeUnicodeString(&ext->iface);
    IoDetachDevice(lower);
    IoDeleteDevice(device);
    return status;
}

/* ---- attaching ---------------------------------------------------------------------------- */

NTSTATUS input_internal_ioctl(PDEVICE_OBJECT target, ULONG code, PVOID in, ULONG in_len, PVOID out,
                              ULONG out_len)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb = {0};
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    PIRP irp =
        IoBuildDeviceIoControlRequest(code, target, in, in_len, out, out_len, TRUE, &done, &iosb);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = IoCallDriver(target, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
        status = iosb.Status;
    }
    return status;
}

static NTSTATUS class_driver_get(bool mouse, PDRIVER_OBJECT *driver)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct io_driver **slot = &class_driver[mouse];
    if (*slot == NULL &&
        NT_SUCCESS(status = io_driver_create(mouse ? "mouclass" : "kbdclass", slot))) {
        PDRIVER_OBJECT d = &(*slot)->object;
        for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
            d->MajorFunction[i] = class_pass_down;
        d->MajorFunction[IRP_MJ_CREATE] = class_create_close;
        d->MajorFunction[IRP_MJ_CLOSE] = class_create_close;
        d->MajorFunction[IRP_MJ_CLEANUP] = class_create_close;
        d->MajorFunction[IRP_MJ_READ] = class_read;
        d->MajorFunction[IRP_MJ_DEVICE_CONTROL] = class_device_control;
        d->MajorFunction[IRP_MJ_PNP] = class_pnp;
        d->MajorFunction[IRP_MJ_POWER] = class_power;
    }
    *driver = *slot != NULL ? &(*slot)->object : NULL;
    return status;
}

/* \Device\KeyboardClassN or \Device\PointerClassN (N from 0 per kind, as the class drivers
 * number their devices), attached on top of the stack. */
static NTSTATUS class_create(struct ps2_dev *dev, PDEVICE_OBJECT *out)
{
    PDRIVER_OBJECT driver;
    WCHAR wname[64];
    char name[64];
    size_t n = 0;
    UNICODE_STRING uname;
    PDEVICE_OBJECT cdo;
    NTSTATUS status = class_driver_get(dev->mouse, &driver);
    if (!NT_SUCCESS(status))
        return status;
    snprintf(name, sizeof name, "%s%ld",
             dev->mouse ? DD_MOUSE_DEVICE_NAME : DD_KEYBOARD_DEVICE_NAME,
             (long)InterlockedIncrement(&class_units[dev->mouse]) - 1);
    rtl_utf8_to_utf16(name, strlen(name), wname, &n);
    uname.Buffer = wname;
    uname.Length = uname.MaximumLength = (USHORT)(n * sizeof(WCHAR));
    status = IoCreateDevice(driver, sizeof(struct class_ext), &uname,
                            dev->mouse ? FILE_DEVICE_MOUSE : FILE_DEVICE_KEYBOARD, 0, FALSE, &cdo);
    if (!NT_SUCCESS(status))
        return status;
    struct class_ext *ext = cdo->DeviceExtension;
    ext->dev = dev;
    ext->self = cdo;
    ext->record = ps2_record_size(dev);
    KeInitializeSpinLock(&ext->lock);
    InitializeListHead(&ext->reads);
    cdo->Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
    /* The Safe form sets ext->lower before the device is on the stack: the PnP manager's
     * thread may send the stack an IRP at once (an enumeration of the port's device), which
     * class_pass_down forwards with ext->lower (ThreadSanitizer caught the plain form's late
     * store). */
    if (!NT_SUCCESS(IoAttachDeviceToDeviceStackSafe(cdo, dev->pdo, &ext->lower))) {
        IoDeleteDevice(cdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    cdo->Flags &= ~DO_DEVICE_INITIALIZING;
    *out = cdo;
    return STATUS_SUCCESS;
}

NTSTATUS input_class_attach(struct ps2_dev *dev)
{
    PDEVICE_OBJECT cdo = NULL;
    UCHAR attrs[sizeof(KEYBOARD_ATTRIBUTES) + sizeof(MOUSE_ATTRIBUTES)];
    NTSTATUS status = class_create(dev, &cdo);
    if (!NT_SUCCESS(status))
        return status;
    struct class_ext *ext = cdo->DeviceExtension;
    CONNECT_DATA connect = {cdo, (PVOID)class_service};
    dev->class_device = cdo;
    /* Connect, then the attributes (the filters in between see both, as on Windows). */
    status = input_internal_ioctl(
        ext->lower, dev->mouse ? IOCTL_INTERNAL_MOUSE_CONNECT : IOCTL_INTERNAL_KEYBOARD_CONNECT,
        &connect, sizeof connect, NULL, 0);
    if (NT_SUCCESS(status))
        status = input_internal_ioctl(
            ext->lower, dev->mouse ? IOCTL_MOUSE_QUERY_ATTRIBUTES : IOCTL_KEYBOARD_QUERY_ATTRIBUTES,
            NULL, 0, attrs, dev->mouse ? sizeof(MOUSE_ATTRIBUTES) : sizeof(KEYBOARD_ATTRIBUTES));
    if (NT_SUCCESS(status))
        status = IoRegisterDeviceInterface(
            dev->pdo, dev->mouse ? &GUID_DEVINTERFACE_MOUSE : &GUID_DEVINTERFACE_KEYBOARD, NULL,
            &ext->iface);
    if (NT_SUCCESS(status))
        status = IoSetDeviceInterfaceState(&ext->iface, TRUE);
    return status;
}

void input_class_shutdown(void)
{
    for (int i = 0; i < 2; i++) {
        if (class_driver[i] != NULL)
            io_driver_destroy(class_driver[i]);
        class_driver[i] = NULL;
        class_units[i] = 0;
    }
}
