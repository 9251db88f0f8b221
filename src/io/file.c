/*
 * file.c - file objects: open (IRP_MJ_CREATE), cleanup (IRP_MJ_CLEANUP when the handle closes)
 * and close (IRP_MJ_CLOSE when the last reference to the file object goes), as on Windows.
 */
#include "io/io_private.h"

#include <string.h>

struct io_wait {
    KEVENT done;
    IO_STATUS_BLOCK iosb;
};

static void io_wait_done(PIRP irp, void *context)
{
    struct io_wait *w = context;
    w->iosb = irp->IoStatus;
    KeSetEvent(&w->done, IO_NO_INCREMENT, FALSE);
}

/* Sends an IRP built by io_irp_alloc_hosted(.., NULL, NULL) and waits for its completion. */
NTSTATUS io_call_and_wait(PDEVICE_OBJECT device, PIRP irp, IO_STATUS_BLOCK *iosb)
{
    struct io_wait w;
    struct io_irp_private *p = io_irp_private_of(irp);
    NTSTATUS status;
    KeInitializeEvent(&w.done, NotificationEvent, FALSE);
    p->done = io_wait_done;
    p->done_context = &w;
    status = IoCallDriver(device, irp);
    KeWaitForSingleObject(&w.done, Executive, KernelMode, FALSE, NULL);
    if (iosb != NULL)
        *iosb = w.iosb;
    return status == STATUS_PENDING ? w.iosb.Status : status;
}

static PIRP io_file_irp(struct io_file *file, UCHAR major, PDEVICE_OBJECT *top)
{
    PIRP irp;
    PIO_STACK_LOCATION sp;
    *top = IoGetAttachedDeviceReference(file->object.DeviceObject);
    irp = io_irp_alloc_hosted((*top)->StackSize, NULL, NULL);
    if (irp == NULL) {
        ObDereferenceObject(*top);
        return NULL;
    }
    irp->Tail.Overlay.OriginalFileObject = &file->object;
    irp->Tail.Overlay.Thread = (PETHREAD)KeGetCurrentThread();
    irp->RequestorMode = KernelMode;
    sp = IoGetNextIrpStackLocation(irp);
    sp->MajorFunction = major;
    sp->FileObject = &file->object;
    return irp;
}

/* Cleanup and close are sent even when memory is short: a driver must see them. Deviation:
 * Windows preallocates the close IRP at open time; drvhost retries the allocation. */
static void io_file_simple_irp(struct io_file *file, UCHAR major)
{
    PDEVICE_OBJECT top;
    PIRP irp;
    while ((irp = io_file_irp(file, major, &top)) == NULL)
        os_sleep_ns(1000000);
    io_call_and_wait(top, irp, NULL);
    io_irp_free(irp);
    ObDereferenceObject(top);
}

void io_cleanup(struct io_file *file)
{
    if (file->cleaned_up)
        return;
    file->cleaned_up = TRUE;
    io_file_simple_irp(file, IRP_MJ_CLEANUP);
    file->object.Flags |= FO_CLEANUP_COMPLETE;
}

/* The last handle to a driver whose unload was requested: run the deferred unload. The file
 * still holds its device, and the device its driver object, so both outlive the unload. */
static void io_file_unload_if_last(PDEVICE_OBJECT dev)
{
    struct io_driver *driver = (struct io_driver *)dev->DriverObject;
    if (io_driver_claim_unload(driver, TRUE))
        driver->deferred_unload(driver->module);
}

static void (*last_close_hook)(PDEVICE_OBJECT device);

void io_set_last_close_hook(void (*hook)(PDEVICE_OBJECT device))
{
    __atomic_store_n(&last_close_hook, hook, __ATOMIC_RELEASE);
}

static void io_file_last_close(PDEVICE_OBJECT dev)
{
    void (*hook)(PDEVICE_OBJECT) = __atomic_load_n(&last_close_hook, __ATOMIC_ACQUIRE);
    if (hook != NULL)
        hook(dev);
}

static void io_file_close(void *body)
{
    struct io_file *file = body;
    if (file->host != NULL)
        io_hostfile_close(file);
    if (file->opened) {
        io_cleanup(file);
        io_file_simple_irp(file, IRP_MJ_CLOSE);
        __atomic_sub_fetch(&io_device_of(file->object.DeviceObject)->opens, 1, __ATOMIC_ACQ_REL);
        if (__atomic_sub_fetch(&file->object.DeviceObject->ReferenceCount, 1, __ATOMIC_SEQ_CST) ==
            0)
            io_file_last_close(file->object.DeviceObject);
        io_file_unload_if_last(file->object.DeviceObject);
    }
    ob_string_free(&file->object.FileName);
    if (file->object.DeviceObject != NULL)
        ObDereferenceObject(file->object.DeviceObject);
}

struct io_file *io_file_new(void)
{
    static struct ob_type *type = &ob_type_file;
    struct io_file *file;
    type->close = io_file_close;
    file = ob_create(type, sizeof(*file));
    if (file == NULL)
        return NULL;
    file->object.Type = IO_TYPE_FILE;
    file->object.Size = sizeof(FILE_OBJECT);
    KeInitializeEvent(&file->object.Lock, SynchronizationEvent, FALSE);
    KeInitializeEvent(&file->object.Event, NotificationEvent, FALSE);
    InitializeListHead(&file->object.IrpList);
    return file;
}

static NTSTATUS io_file_create(PDEVICE_OBJECT dev, PCUNICODE_STRING rest, ACCESS_MASK access,
                               struct io_file **out)
{
    struct io_file *file = io_file_new();
    *out = NULL;
    if (file == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    file->object.DeviceObject = dev; /* the reference from the lookup moves here */
    file->object.ReadAccess = (access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA)) != 0;
    file->object.WriteAccess = (access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA)) != 0;
    file->access = access;
    *out = file;
    if (rest->Length == 0)
        return STATUS_SUCCESS;
    return ob_string_dup(&file->object.FileName, rest);
}

/* Checks Windows makes before a create reaches the driver. */
static NTSTATUS io_open_checks(void *object, PDEVICE_OBJECT *dev)
{
    struct io_device *d;
    if (ob_type_of(object) != &ob_type_device)
        return STATUS_OBJECT_TYPE_MISMATCH;
    *dev = object;
    d = io_device_of(*dev);
    if (d->delete_pending)
        return STATUS_DELETE_PENDING;
    if ((*dev)->Flags & DO_DEVICE_INITIALIZING)
        return STATUS_NO_SUCH_DEVICE;
    if (((*dev)->Flags & DO_EXCLUSIVE) && d->opens > 0)
        return STATUS_ACCESS_DENIED;
    return STATUS_SUCCESS;
}

static NTSTATUS io_send_create(struct io_file *file, ACCESS_MASK access,
                               const struct io_create_params *p, KPROCESSOR_MODE mode)
{
    IO_SECURITY_CONTEXT context = {NULL, NULL, access, 0};
    PDEVICE_OBJECT top;
    PIRP irp = io_file_irp(file, IRP_MJ_CREATE, &top);
    PIO_STACK_LOCATION sp;
    NTSTATUS status;
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->RequestorMode = mode;
    sp = IoGetNextIrpStackLocation(irp);
    sp->Parameters.Create.SecurityContext = &context;
    if (p != NULL) { /* the creator's (WdfIoTargetOpen) */
        sp->Parameters.Create.Options = (p->disposition << 24) | (p->options & 0xFFFFFF);
        sp->Parameters.Create.ShareAccess = (USHORT)p->share;
        sp->Parameters.Create.FileAttributes = (USHORT)p->attributes;
    } else {
        sp->Parameters.Create.Options = (ULONG)FILE_OPEN << 24;
        sp->Parameters.Create.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
        sp->Parameters.Create.FileAttributes = FILE_ATTRIBUTE_NORMAL;
    }
    status = io_call_and_wait(top, irp, NULL);
    io_irp_free(irp);
    ObDereferenceObject(top);
    return status;
}

NTSTATUS io_open(PCUNICODE_STRING path, ACCESS_MASK access, KPROCESSOR_MODE mode,
                 struct io_file **out)
{
    return io_open_with(path, access, NULL, mode, out);
}

NTSTATUS io_open_with(PCUNICODE_STRING path, ACCESS_MASK access,
                      const struct io_create_params *params, KPROCESSOR_MODE mode,
                      struct io_file **out)
{
    UNICODE_STRING rest;
    void *object;
    PDEVICE_OBJECT dev;
    struct io_file *file = NULL;
    NTSTATUS status = ob_lookup(path, &object, &rest);
    if (!NT_SUCCESS(status))
        return status;
    status = io_open_checks(object, &dev);
    if (NT_SUCCESS(status))
        status = io_secure_open_check(dev, &rest, access, mode);
    if (!NT_SUCCESS(status)) {
        ob_dereference(object);
        return status;
    }
    status = io_file_create(dev, &rest, access, &file);
    if (!NT_SUCCESS(status)) {
        if (file == NULL)
            ob_dereference(object);
        else
            ob_dereference(file);
        return status;
    }
    __atomic_add_fetch(&io_device_of(dev)->opens, 1, __ATOMIC_ACQ_REL);
    status = io_send_create(file, access, params, mode);
    if (!NT_SUCCESS(status)) {
        __atomic_sub_fetch(&io_device_of(dev)->opens, 1, __ATOMIC_ACQ_REL);
        ob_dereference(file); /* no cleanup or close for a failed create */
        return status;
    }
    file->opened = TRUE;
    file->object.Flags |= FO_HANDLE_CREATED;
    __atomic_add_fetch(&dev->ReferenceCount, 1, __ATOMIC_ACQ_REL);
    *out = file;
    return STATUS_SUCCESS;
}
