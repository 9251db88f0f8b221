/*
 * client.c - the client side of the I/O path: what NtCreateFile, NtReadFile, NtWriteFile,
 * NtDeviceIoControlFile and NtClose do for a user-mode caller, as the embedding API.
 *
 * A request holds a reference on its file object until it is freed, so a close while requests
 * are in flight sends IRP_MJ_CLEANUP at once and IRP_MJ_CLOSE only when the last request is
 * gone, as on Windows. The file object holds its device; a filter on top of it is referenced
 * by the request too (io_request_top).
 *
 * The request's state lives in the host area of its client IRP's block (io_irp_alloc_client),
 * which comes from a per-thread cache: the common round trip does no heap or pool operation
 * and takes no global lock. It is valid from drvhost_io_start to drvhost_request_free.
 */
#include "host/host.h"
#include "rtl/rtl.h"

#include "ex/ex.h"
#include "io/io.h"
#include "ke/ke.h"
#include "ob/ob.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct drvhost_file {
    LIST_ENTRY link; /* host_files, under host_files_lock */
    struct io_file *file;
};

enum {
    CLIENT_RUNNING,
    CLIENT_WAITING,
    CLIENT_DONE
};

struct drvhost_request {
    PFILE_OBJECT file_object; /* referenced: keeps IRP_MJ_CLOSE back until the request goes */
    PDEVICE_OBJECT top;
    BOOLEAN top_referenced; /* a filter's top device: dereferenced at free */
    PIRP irp;
    /* Completion hand-off: the completing thread moves `state` to CLIENT_DONE and signals `done`
     * only if the client is (or was) blocked on it, so a request that completes before anybody
     * waits costs no dispatcher operation. `waited` is the client's own note that the event
     * is in use (the completing thread then owns the last touch of it, ordered by the
     * dispatcher lock in the client's final wait). */
    volatile LONG state;
    BOOLEAN waited;
    KEVENT done;
    UCHAR major;
    drvhost_iosb iosb;
    ULONG out_capacity;
    NTSTATUS dispatch_status;
};

_Static_assert(sizeof(struct drvhost_request) <= IO_IRP_HOST_AREA,
               "a request fits in its IRP's host area");

/* A system service returns to user mode at PASSIVE_LEVEL: a driver routine that left the IRQL
 * raised is IRQL_GT_ZERO_AT_SYSTEM_SERVICE 0x4A (parameter 1 the system service: here the
 * drvhost_* entry point playing it; 2 the IRQL). `routine` is the driver routine called last
 * (the dispatch routine, or the cancel routine), named in the report. */
static void client_check_return(const void *service, const char *name, const void *routine)
{
    KIRQL irql = ke_irql();
    if (irql != PASSIVE_LEVEL)
        ke_bugcheck_routine(BUGCODE_IRQL_GT_ZERO_AT_SYSTEM_SERVICE, (ULONG_PTR)service, irql, 0, 0,
                            routine,
                            "%s returns to its caller at IRQL %u: the driver routine it called "
                            "last (%p) left the IRQL raised",
                            name, irql, routine);
}

static const void *client_last_routine(void)
{
    return ke_current_thread()->dispatch_routine;
}

static os_mutex host_files_lock = OS_MUTEX_INIT;
static LIST_ENTRY host_files = {&host_files, &host_files};

/* ---- the system-service boundary -------------------------------------------------------- */

/* The embedding API plays the system services (NtCreateFile, NtReadFile, NtWriteFile,
 * NtDeviceIoControlFile) for a user-mode caller, so it checks the caller's pointers as they do,
 * inside a __try: an unreadable or unwritable pointer argument, or a buffer the I/O manager
 * would copy or lock, is STATUS_ACCESS_VIOLATION returned to the caller, never a fault in the
 * runtime (a bug check). NULL with a non-zero length is such a pointer; NULL with length 0 is
 * fine. The caller's memory is touched (a read, or a locked add of zero) once per page here;
 * a client that unmaps a buffer while the request is being built still faults later (Windows
 * copies inside its __try; drvhost probes first and copies after). */

static NTSTATUS client_probe(const volatile void *read, size_t read_size, volatile void *write,
                             size_t write_size)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (read_size == 0 && write_size == 0)
        return STATUS_SUCCESS; /* nothing to probe costs no __try */
    __try {
        ex_probe_readable(read, read_size);
        ProbeForWrite(write, write_size, 1);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

/* The buffers of a request, by how the I/O manager presents them (src/io/buffers.c): what it
 * copies or locks for reading must be readable, what it copies back or locks for writing
 * writable. NtReadFile probes its buffer for writing whatever the device's I/O method.
 * METHOD_NEITHER buffers and a write's data (see client_probe_write) are not probed here.
 * Raises; called inside client_probe_request's __try. */
static void client_probe_buffers(const drvhost_io_desc *d)
{
    if (d->op == DRVHOST_OP_READ) {
        ProbeForWrite(d->output, d->output_size, 1);
        return;
    }
    if (d->op == DRVHOST_OP_WRITE)
        return;
    switch (METHOD_FROM_CTL_CODE(d->code)) {
    case METHOD_NEITHER: /* Type3InputBuffer, UserBuffer: the driver probes them */
        return;
    case METHOD_IN_DIRECT: /* the output buffer is locked for read access */
        ex_probe_readable(d->input, d->input_size);
        ex_probe_readable(d->output, d->output_size);
        return;
    default:
        ex_probe_readable(d->input, d->input_size);
        ProbeForWrite(d->output, d->output_size, 1);
        return;
    }
}

/* The arguments of drvhost_io and drvhost_io_start, in one __try: desc readable, the result
 * (iosb, *request) writable, and the buffers of a read or device control (which need no
 * handle: the method is in the control code). NtReadFile and NtDeviceIoControlFile probe the
 * same before they look the handle up. */
static NTSTATUS client_probe_request(const drvhost_io_desc *d, void *result, size_t result_size)
{
    NTSTATUS status = STATUS_SUCCESS;
    __try {
        ex_probe_readable(d, sizeof(*d));
        ProbeForWrite(result, result_size, 1);
        client_probe_buffers(d);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

/* A write's data is copied or locked for reading with buffered or direct I/O; with neither,
 * the driver gets the pointer in UserBuffer and probes it itself. */
static NTSTATUS client_probe_write(PDEVICE_OBJECT top, const drvhost_io_desc *d)
{
    if (d->op != DRVHOST_OP_WRITE || !(top->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO)))
        return STATUS_SUCCESS;
    return client_probe(d->input, d->input_size, NULL, 0);
}

/* "\\.\X" is how Win32 names "\??\X". A path longer than a UNICODE_STRING holds is
 * STATUS_OBJECT_NAME_INVALID (ob_string_from_utf8), never cut short. */
static NTSTATUS client_nt_path(const char *path, UNICODE_STRING *nt)
{
    char *buf = NULL;
    NTSTATUS status;
    if (path == NULL)
        return STATUS_OBJECT_NAME_INVALID;
    if (strncmp(path, "\\\\.\\", 4) == 0 || strncmp(path, "\\\\?\\", 4) == 0) {
        if (asprintf(&buf, "\\??\\%s", path + 4) < 0)
            return STATUS_INSUFFICIENT_RESOURCES;
        path = buf;
    }
    status = ob_string_from_utf8(nt, path);
    free(buf);
    return status;
}

int32_t drvhost_open(const char *path, uint32_t access, drvhost_file **out)
{
    UNICODE_STRING nt;
    struct io_file *file;
    drvhost_file *f;
    NTSTATUS status = client_probe(NULL, 0, out, sizeof(*out));
    if (!NT_SUCCESS(status))
        return status;
    *out = NULL;
    status = client_nt_path(path, &nt); /* NULL: STATUS_OBJECT_NAME_INVALID */
    if (!NT_SUCCESS(status))
        return status;
    status = io_open(&nt, access, UserMode, &file);
    ob_string_free(&nt);
    client_check_return((const void *)drvhost_open, "drvhost_open", client_last_routine());
    if (!NT_SUCCESS(status))
        return status;
    f = calloc(1, sizeof(*f));
    if (f == NULL) {
        io_cleanup(file);
        ob_dereference(file);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    f->file = file;
    os_mutex_lock(&host_files_lock);
    InsertTailList(&host_files, &f->link);
    os_mutex_unlock(&host_files_lock);
    *out = f;
    return STATUS_SUCCESS;
}

static void client_close(drvhost_file *f)
{
    io_cleanup(f->file);
    ob_dereference(f->file); /* IRP_MJ_CLOSE once in-flight requests release theirs */
    free(f);
}

int32_t drvhost_close(drvhost_file *f)
{
    if (f == NULL)
        return STATUS_INVALID_HANDLE;
    os_mutex_lock(&host_files_lock);
    RemoveEntryList(&f->link);
    os_mutex_unlock(&host_files_lock);
    client_close(f);
    client_check_return((const void *)drvhost_close, "drvhost_close", client_last_routine());
    return STATUS_SUCCESS;
}

void host_close_all(void)
{
    for (;;) {
        drvhost_file *f = NULL;
        os_mutex_lock(&host_files_lock);
        if (!IsListEmpty(&host_files))
            f = CONTAINING_RECORD(RemoveHeadList(&host_files), drvhost_file, link);
        os_mutex_unlock(&host_files_lock);
        if (f == NULL)
            return;
        client_close(f);
    }
}

/* ---- requests -------------------------------------------------------------------------- */

static void client_done(PIRP irp, void *context)
{
    struct drvhost_request *r = context;
    if (!io_finish_buffers(irp, r->out_capacity))
        rtl_diag(RTL_DIAG_WARN, "host",
                 "driver completed a request with Information %llu, larger than the "
                 "%lu-byte output buffer: only %lu bytes were copied back",
                 (unsigned long long)irp->IoStatus.Information, (unsigned long)r->out_capacity,
                 (unsigned long)r->out_capacity);
    r->iosb.status = irp->IoStatus.Status;
    r->iosb.information = irp->IoStatus.Information;
    if (__atomic_exchange_n(&r->state, CLIENT_DONE, __ATOMIC_ACQ_REL) == CLIENT_WAITING)
        KeSetEvent(&r->done, IO_NO_INCREMENT, FALSE);
}

/* NtReadFile / NtWriteFile / NtDeviceIoControlFile check the handle's access first. */
static NTSTATUS client_access_check(PFILE_OBJECT fo, const drvhost_io_desc *d)
{
    ULONG need = 0;
    if (d->op == DRVHOST_OP_READ)
        need = FILE_READ_ACCESS;
    else if (d->op == DRVHOST_OP_WRITE)
        need = FILE_WRITE_ACCESS;
    else if (d->op == DRVHOST_OP_IOCTL)
        need = (d->code >> 14) & 3;
    if ((need & FILE_READ_ACCESS) && !fo->ReadAccess)
        return STATUS_ACCESS_DENIED;
    if ((need & FILE_WRITE_ACCESS) && !fo->WriteAccess)
        return STATUS_ACCESS_DENIED;
    return STATUS_SUCCESS;
}

static UCHAR client_major(enum drvhost_op op)
{
    switch (op) {
    case DRVHOST_OP_READ:
        return IRP_MJ_READ;
    case DRVHOST_OP_WRITE:
        return IRP_MJ_WRITE;
    case DRVHOST_OP_INTERNAL_IOCTL:
        return IRP_MJ_INTERNAL_DEVICE_CONTROL;
    default:
        return IRP_MJ_DEVICE_CONTROL;
    }
}

static NTSTATUS client_buffers(struct drvhost_request *r, const drvhost_io_desc *d, UCHAR major)
{
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(r->irp);
    if (d->input_size > MAXULONG || d->output_size > MAXULONG)
        return STATUS_INVALID_PARAMETER;
    if (major == IRP_MJ_READ || major == IRP_MJ_WRITE) {
        void *buf = major == IRP_MJ_READ ? d->output : (void *)d->input;
        ULONG len = (ULONG)(major == IRP_MJ_READ ? d->output_size : d->input_size);
        r->out_capacity = major == IRP_MJ_READ ? len : 0;
        sp->Parameters.Read.ByteOffset.QuadPart = d->offset;
        return io_setup_read_write(r->irp, r->top, major, buf, len);
    }
    r->out_capacity = (ULONG)d->output_size;
    return io_setup_ioctl(r->irp, d->code, (void *)d->input, (ULONG)d->input_size, d->output,
                          (ULONG)d->output_size);
}

static NTSTATUS client_build(PFILE_OBJECT fo, const drvhost_io_desc *d, struct drvhost_request *r,
                             UCHAR major)
{
    PIO_STACK_LOCATION sp;
    r->irp->RequestorMode = UserMode;
    r->irp->Tail.Overlay.OriginalFileObject = fo;
    r->irp->Tail.Overlay.Thread = (PETHREAD)KeGetCurrentThread();
    sp = IoGetNextIrpStackLocation(r->irp);
    sp->MajorFunction = major;
    sp->FileObject = fo;
    r->major = major;
    return client_buffers(r, d, major);
}

/* Frees the request (its memory is the IRP's block: read what is needed first). */
static void client_request_release(struct drvhost_request *r)
{
    PDEVICE_OBJECT top = r->top_referenced ? r->top : NULL;
    PFILE_OBJECT fo = r->file_object;
    io_irp_free(r->irp);
    if (top != NULL)
        ObDereferenceObject(top);
    ObDereferenceObject(fo);
}

static BOOLEAN client_finished(struct drvhost_request *r)
{
    return __atomic_load_n(&r->state, __ATOMIC_ACQUIRE) == CLIENT_DONE;
}

/* I/O Verification checks on what the top driver's dispatch routine returned (bug check 0xC9,
 * parameter 1 the I/O error code, 3 the IRP, 4 the device). A non-pending status means the IRP
 * was completed before the return; it must also be the status the IRP was completed with. The
 * host's IRP stays allocated until the request is freed, so reading it here is safe. */
static const void *client_dispatch_routine(const struct drvhost_request *r)
{
    return (const void *)r->top->DriverObject->MajorFunction[r->major];
}

static void client_check_dispatch(struct drvhost_request *r)
{
    if (r->dispatch_status == STATUS_PENDING)
        return;
    if (!client_finished(r))
        vf_io_not_completed(client_dispatch_routine(r), r->irp, r->top, r->dispatch_status);
    if (r->iosb.status != r->dispatch_status)
        vf_io_status_mismatch(client_dispatch_routine(r), r->irp, r->top, r->dispatch_status,
                              r->iosb.status);
}

/* drvhost_io_start once client_probe_request passed and *out was set to NULL. */
static int32_t client_start(drvhost_file *f, const drvhost_io_desc *d, drvhost_request **out)
{
    PFILE_OBJECT fo;
    UCHAR major;
    struct drvhost_request *r;
    BOOLEAN referenced;
    PDEVICE_OBJECT top;
    PIRP irp;
    NTSTATUS status;
    if (f == NULL)
        return STATUS_INVALID_HANDLE;
    fo = &f->file->object;
    major = client_major(d->op);
    status = client_access_check(fo, d);
    if (!NT_SUCCESS(status))
        return status;
    top = io_request_top(fo->DeviceObject, &referenced);
    status = client_probe_write(top, d);
    if (!NT_SUCCESS(status)) {
        if (referenced)
            ObDereferenceObject(top);
        return status;
    }
    irp = io_irp_alloc_client(top->StackSize, client_done, (void **)&r);
    if (irp == NULL) {
        if (referenced)
            ObDereferenceObject(top);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    /* The host area comes zeroed; `done` is initialised by the first client_block that waits. */
    r->file_object = fo;
    ObReferenceObject(fo);
    r->top = top;
    r->top_referenced = referenced;
    r->irp = irp;
    status = client_build(fo, d, r, major);
    if (!NT_SUCCESS(status)) {
        io_finish_buffers(r->irp, 0);
        client_request_release(r);
        return status;
    }
    r->dispatch_status = IoCallDriver(r->top, r->irp);
    client_check_dispatch(r);
    client_check_return((const void *)drvhost_io_start, "drvhost_io_start", client_last_routine());
    *out = r;
    return r->dispatch_status;
}

int32_t drvhost_io_start(drvhost_file *f, const drvhost_io_desc *d, drvhost_request **out)
{
    NTSTATUS status = client_probe_request(d, out, sizeof(*out));
    if (!NT_SUCCESS(status))
        return status;
    *out = NULL;
    return client_start(f, d, out);
}

/* Blocks until the request completed or the time-out passed (STATUS_TIMEOUT). */
static NTSTATUS client_block(struct drvhost_request *r, uint32_t timeout_ms)
{
    LONG expected = CLIENT_RUNNING;
    if (client_finished(r))
        return STATUS_SUCCESS;
    /* The event is needed only from here on: the completing thread signals it only after it
     * saw CLIENT_WAITING, which the exchange below publishes after this initialisation. */
    if (!r->waited)
        KeInitializeEvent(&r->done, NotificationEvent, FALSE);
    if (!__atomic_compare_exchange_n(&r->state, &expected, CLIENT_WAITING, FALSE, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE) &&
        expected == CLIENT_DONE)
        return STATUS_SUCCESS; /* completed meanwhile, without touching the event */
    r->waited = TRUE;
    return ke_wait_event_ms(&r->done, timeout_ms);
}

int32_t drvhost_request_wait(drvhost_request *r, uint32_t timeout_ms, drvhost_iosb *iosb)
{
    NTSTATUS status;
    if (r == NULL)
        return STATUS_INVALID_HANDLE;
    if (iosb != NULL && !NT_SUCCESS(status = client_probe(NULL, 0, iosb, sizeof(*iosb))))
        return status;
    if (client_block(r, timeout_ms) == STATUS_TIMEOUT)
        return STATUS_TIMEOUT;
    if (iosb != NULL)
        *iosb = r->iosb;
    /* A request the driver did not pend reports what its dispatch routine returned, as the
     * system services do; a pended one reports the status it was completed with. */
    return r->dispatch_status == STATUS_PENDING ? r->iosb.status : r->dispatch_status;
}

int drvhost_request_cancel(drvhost_request *r)
{
    const void *routine;
    BOOLEAN called;
    if (r == NULL || client_finished(r))
        return 0;
    routine = (const void *)__atomic_load_n(&r->irp->CancelRoutine, __ATOMIC_ACQUIRE);
    called = IoCancelIrp(r->irp);
    client_check_return((const void *)drvhost_request_cancel, "drvhost_request_cancel",
                        called ? routine : client_last_routine());
    return called ? 1 : 0;
}

void drvhost_request_free(drvhost_request *r)
{
    if (r == NULL)
        return;
    client_block(r, UINT32_MAX);
    /* Once the client has waited, the completing thread signals the event: wait for that
     * signal too (the dispatcher lock orders it) so the event is not freed under KeSetEvent. */
    if (r->waited)
        ke_wait_event_ms(&r->done, UINT32_MAX);
    client_request_release(r); /* may send IRP_MJ_CLOSE: the last reference to the file */
    client_check_return((const void *)drvhost_request_free, "drvhost_request_free",
                        client_last_routine());
}

int32_t drvhost_io(drvhost_file *f, const drvhost_io_desc *d, drvhost_iosb *iosb)
{
    drvhost_request *r = NULL;
    /* The arguments first, as NtXxx probes them: a bad one is reported, nothing is issued and
     * nothing written through them. */
    NTSTATUS status = client_probe_request(d, iosb, iosb != NULL ? sizeof(*iosb) : 0);
    if (!NT_SUCCESS(status))
        return status;
    status = client_start(f, d, &r);
    if (r == NULL) {
        if (iosb != NULL) {
            iosb->status = status;
            iosb->information = 0;
        }
        return status;
    }
    status = drvhost_request_wait(r, UINT32_MAX, iosb);
    drvhost_request_free(r);
    return status;
}

/* ---- descriptions for the hang and interrupt reports ------------------------------------- */

static const char *client_major_name(UCHAR major)
{
    switch (major) {
    case IRP_MJ_READ:
        return "IRP_MJ_READ";
    case IRP_MJ_WRITE:
        return "IRP_MJ_WRITE";
    case IRP_MJ_DEVICE_CONTROL:
        return "IRP_MJ_DEVICE_CONTROL";
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        return "IRP_MJ_INTERNAL_DEVICE_CONTROL";
    default:
        return "IRP_MJ_?";
    }
}

/* "\Device\Fifo (driver \Driver\fifo)" for the device a request on the handle goes to. */
void host_file_describe(drvhost_file *f, char *buf, size_t size)
{
    char dev[256], drv[256];
    PDEVICE_OBJECT d = f != NULL ? f->file->object.DeviceObject : NULL;
    if (d == NULL) {
        snprintf(buf, size, "(no device)");
        return;
    }
    d = IoGetAttachedDevice(d);
    PCUNICODE_STRING name = ob_name_of(d); /* NULL: an unnamed device (a framework FDO, say) */
    if (name != NULL)
        ob_string_to_utf8(name, dev, sizeof(dev));
    ob_string_to_utf8(&d->DriverObject->DriverName, drv, sizeof(drv));
    snprintf(buf, size, "%s (driver %s)", name != NULL ? dev : "an unnamed device", drv);
}

const char *host_op_major_name(int op)
{
    return client_major_name(client_major((enum drvhost_op)op));
}

/* What the I/O manager knows of a request its driver pended: completed or not, cancel routine
 * set or not, Cancel flag. Read without locks from another thread: the report is a snapshot. */
void host_request_state(drvhost_request *r, char *buf, size_t size)
{
    PDRIVER_CANCEL cancel;
    if (client_finished(r)) {
        snprintf(buf, size, "completed (status 0x%08X)", (unsigned)r->iosb.status);
        return;
    }
    cancel = __atomic_load_n(&r->irp->CancelRoutine, __ATOMIC_ACQUIRE);
    snprintf(buf, size,
             "the dispatch routine returned STATUS_PENDING and the IRP %p is not completed; %s%s",
             (void *)r->irp,
             cancel != NULL ? "a cancel routine is set (cancelling would call it)"
                            : "no cancel routine is set (the request cannot be cancelled)",
             __atomic_load_n(&r->irp->Cancel, __ATOMIC_ACQUIRE) ? "; IoCancelIrp was called" : "");
}
