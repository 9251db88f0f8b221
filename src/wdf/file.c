/*
 * file.c - the framework's file objects: IRP_MJ_CREATE, IRP_MJ_CLEANUP and IRP_MJ_CLOSE of a
 * framework device (WdfDeviceInitSetFileObjectConfig, EvtDeviceFileCreate, EvtFileCleanup,
 * EvtFileClose, WDFFILEOBJECT), and the device's EvtDeviceWdmIrpPreprocess callbacks
 * (WdfDeviceInitAssignWdmIrpPreprocessCallback, WdfDeviceWdmDispatchPreprocessedIrp).
 *
 * Lifetime. A WDFFILEOBJECT is created for each create the device receives when its
 * FileObjectClass asks for one; it is a child of the device, listed in the device's `open`
 * list, and deleted after EvtFileClose (or when its create fails). The list is the lookup
 * from a WDM FILE_OBJECT to its WDFFILEOBJECT whatever the class (FsContext / FsContext2 are
 * also set when the class allows it, as Windows does).
 *
 * Synchronization (Microsoft: Using Automatic Synchronization, WdfDeviceInitSetFileObjectConfig):
 * file objects inherit their device's scope and execution level unless their attributes say
 * WdfSynchronizationScopeNone / an execution level. WdfDeviceCreate refuses a device whose
 * scope is not None and whose level is not passive unless the file objects opt out with the
 * scope None (wdf_files_check), so the only lock a file callback can need is a
 * passive-level device's mutex: EvtDeviceFileCreate, EvtFileCleanup and EvtFileClose then run
 * under it, as its queues' callbacks do. A file callback that must run at PASSIVE_LEVEL (under
 * that mutex, or file objects at WdfExecutionLevelPassive) and whose IRP arrives above it runs
 * on a system worker thread, the IRP pending meanwhile.
 *
 * Locking: `lock` guards `open`; no lock of this file is held while driver code runs.
 */
#include <stdlib.h>
#include <string.h>

#include "ex/ex.h"
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_MAJORS (IRP_MJ_MAXIMUM_FUNCTION + 1)

struct wdf_preprocess {
    PFN_WDFDEVICE_WDM_IRP_PREPROCESS callback; /* NULL: none for this major function */
    UCHAR *minors;                             /* our copy; NULL: every minor function */
    ULONG minor_count;
};

/* What WDFDEVICE_INIT collects for this file, then the device keeps. */
struct wdf_files {
    BOOLEAN configured; /* WdfDeviceInitSetFileObjectConfig was called */
    WDF_FILEOBJECT_CONFIG config;
    BOOLEAN has_attributes;
    WDF_OBJECT_ATTRIBUTES attributes;
    BOOLEAN preprocessing; /* some major function has a preprocess callback */
    const char *owner;     /* the class extension that configured the file objects, or NULL */
    NTSTATUS refused;      /* a malformed WDF_FILEOBJECT_CONFIG: WdfDeviceCreate's status */
    /* Set by wdf_files_check at WdfDeviceCreate, read-only after: */
    BOOLEAN device_lock; /* the callbacks run under the device's (passive) lock */
    BOOLEAN passive;     /* the callbacks run at PASSIVE_LEVEL */
    struct wdf_preprocess pre[WDF_MAJORS];
    os_mutex lock; /* `open`; initialised when the device takes the struct */
    LIST_ENTRY open;
};

struct wdf_file {
    struct wdf_object obj;
    struct wdf_device *device;
    PFILE_OBJECT wdm;
    LIST_ENTRY link; /* in device->files->open; unlinked when deleted */
};

static struct wdf_files *wdf_files_of_init(PWDFDEVICE_INIT init)
{
    if (init->files == NULL)
        init->files = calloc(1, sizeof(*init->files));
    return init->files;
}

void wdf_files_free(struct wdf_files *files)
{
    ULONG i;
    if (files == NULL)
        return;
    for (i = 0; i < WDF_MAJORS; i++)
        free(files->pre[i].minors);
    if (files->open.Flink != NULL)
        os_mutex_destroy(&files->lock);
    free(files);
}

void wdf_files_to_device(PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    struct wdf_files *files = init->files;
    init->files = NULL;
    dev->files = files;
    if (files == NULL)
        return;
    os_mutex_init(&files->lock);
    InitializeListHead(&files->open);
    /* Microsoft (WdfDeviceInitAssignWdmIrpPreprocessCallback): one more stack location for
     * every IRP, so the callback can set a completion routine. */
    dev->preprocessing = files->preprocessing;
    wdf_device_detour(dev, WDF_DETOUR_PREPROCESS, files->preprocessing);
    if (files->preprocessing)
        dev->wdm->StackSize++;
}

/* ---- WDFDEVICE_INIT ------------------------------------------------------------------------ */

/* The init behind a handle the driver passes; a bad one is reported by device.c's checks on
 * its next use, here we only refuse NULL. */
static PWDFDEVICE_INIT wdf_files_init(struct wdf_globals *g, PWDFDEVICE_INIT init, const char *ddi,
                                      const void *caller)
{
    if (init == NULL)
        wdf_violation_null(g, ddi, "DeviceInit", caller);
    return init;
}

/* A class extension (SpbCx) owns the file object callbacks of the devices it configures:
 * another configuration on the same WDFDEVICE_INIT, before or after, would silently take them
 * from one of the two. SpbDeviceInitConfig's page says nothing of it; drvhost reports it as a
 * class extension misuse (0x10D/0x1003: the init, 0 the driver's call came second, 1 the
 * extension's), as a routine returning nothing cannot fail. */
static void wdf_files_owner_check(struct wdf_globals *g, PWDFDEVICE_INIT init,
                                  struct wdf_files *files, const char *owner)
{
    const char *first = files->owner != NULL ? files->owner : "the driver";
    if (!files->configured || (files->owner == NULL && owner == NULL))
        return;
    wdf_violation(g, VF_10D_SPB_MISUSE, (ULONG_PTR)init, owner != NULL, 0,
                  "driver '%s': %s configured the file objects of WDFDEVICE_INIT %p after %s "
                  "did: %s's EvtDeviceFileCreate/EvtFileClose would be lost (call "
                  "WdfDeviceInitSetFileObjectConfig only on a device %s does not serve)",
                  g->pub.DriverName, owner != NULL ? owner : "WdfDeviceInitSetFileObjectConfig",
                  (void *)init, first, first, owner != NULL ? owner : files->owner);
}

void wdf_files_configure(struct wdf_globals *g, PWDFDEVICE_INIT init, PWDF_FILEOBJECT_CONFIG config,
                         PWDF_OBJECT_ATTRIBUTES attributes, const char *owner)
{
    struct wdf_files *files = wdf_files_of_init(init);
    ULONG class = config->FileObjectClass & ~(ULONG)WdfFileObjectCanBeOptional;
    if (files == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetFileObjectConfig: out of memory", g->pub.DriverName);
        return;
    }
    wdf_files_owner_check(g, init, files, owner);
    /* The routine returns nothing: a malformed config fails WdfDeviceCreate, with the creation
     * errors' statuses (Framework Object Creation Errors: a wrong Size), drvhost's choice. */
    files->refused = config->Size != sizeof(WDF_FILEOBJECT_CONFIG) ? STATUS_INFO_LENGTH_MISMATCH
                     : class == WdfFileObjectInvalid || class > WdfFileObjectWdfCannotUseFsContexts
                         ? STATUS_INVALID_PARAMETER
                         : STATUS_SUCCESS;
    if (!NT_SUCCESS(files->refused)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetFileObjectConfig: WDF_FILEOBJECT_CONFIG with Size "
                 "%lu (expected %lu) and FileObjectClass 0x%lx is malformed: WdfDeviceCreate "
                 "will fail",
                 g->pub.DriverName, (unsigned long)config->Size,
                 (unsigned long)sizeof(WDF_FILEOBJECT_CONFIG),
                 (unsigned long)config->FileObjectClass);
        return;
    }
    files->configured = TRUE;
    files->owner = owner;
    files->config = *config;
    files->has_attributes = attributes != NULL;
    if (attributes != NULL) {
        files->attributes = *attributes;
        files->attributes.ParentObject = NULL; /* a file object's parent is its device */
    }
}

VOID imp_WdfDeviceInitSetFileObjectConfig(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                          PWDF_FILEOBJECT_CONFIG FileObjectConfig,
                                          PWDF_OBJECT_ATTRIBUTES FileObjectAttributes)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_files_init(g, DeviceInit, "WdfDeviceInitSetFileObjectConfig",
                                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, FileObjectConfig);
    wdf_files_configure(g, init, FileObjectConfig, FileObjectAttributes, NULL);
}

/* Microsoft (WdfDeviceInitSetFileObjectConfig): file objects inherit their device's scope and
 * level; when these are not None and passive, the file objects' attributes must opt out, else
 * WdfDeviceCreate fails. The page asks for both WdfSynchronizationScopeNone and
 * WdfExecutionLevelPassive; Microsoft's serial sample, which runs on Windows, opts out with the
 * scope alone (file callbacks may take the device's lock only when the device is passive), so
 * the scope None suffices here (a deviation from the page's letter, docs/wdf.md). The page names
 * no status: drvhost's is STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL, the framework's status for a
 * lock that cannot serve a callback's level (the file callbacks' pages: PASSIVE_LEVEL). The
 * attributes themselves are checked as an object creation's (Framework Object Creation
 * Errors): a scope other than None is STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID. */
NTSTATUS wdf_files_check(struct wdf_globals *g, PWDFDEVICE_INIT init, struct wdf_device *dev)
{
    struct wdf_files *files = init->files;
    PWDF_OBJECT_ATTRIBUTES a;
    WDF_SYNCHRONIZATION_SCOPE scope = wdf_sync_scope_of(&dev->obj);
    WDF_EXECUTION_LEVEL level = wdf_sync_exec_level(&dev->obj);
    NTSTATUS status;
    if (files != NULL && !NT_SUCCESS(files->refused))
        return files->refused;
    if (files == NULL || !files->configured)
        return STATUS_SUCCESS;
    a = files->has_attributes ? &files->attributes : NULL;
    status = wdf_object_check_attributes(g, WDF_TYPE_FILE, a);
    if (!NT_SUCCESS(status))
        return status;
    if (scope != WdfSynchronizationScopeNone && level != WdfExecutionLevelPassive &&
        (a == NULL || a->SynchronizationScope != WdfSynchronizationScopeNone)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceCreate: the device's synchronization scope (%d) is not "
                 "None and its execution level (%d) not passive: its file objects' attributes "
                 "(WdfDeviceInitSetFileObjectConfig) must say WdfSynchronizationScopeNone (and "
                 "WdfExecutionLevelPassive)",
                 g->pub.DriverName, scope, level);
        return STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL;
    }
    files->device_lock = scope == WdfSynchronizationScopeDevice &&
                         (a == NULL || a->SynchronizationScope != WdfSynchronizationScopeNone);
    files->passive = a != NULL && a->ExecutionLevel != WdfExecutionLevelInheritFromParent
                         ? a->ExecutionLevel == WdfExecutionLevelPassive
                         : level == WdfExecutionLevelPassive;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDeviceInitAssignWdmIrpPreprocessCallback(
    PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
    PFN_WDFDEVICE_WDM_IRP_PREPROCESS EvtDeviceWdmIrpPreprocess, UCHAR MajorFunction,
    PUCHAR MinorFunctions, ULONG NumMinorFunctions)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_files_init(
        g, DeviceInit, "WdfDeviceInitAssignWdmIrpPreprocessCallback", __builtin_return_address(0));
    struct wdf_files *files;
    struct wdf_preprocess *pre;
    WDF_CHECK_NOT_NULL(g, EvtDeviceWdmIrpPreprocess);
    if (MajorFunction > IRP_MJ_MAXIMUM_FUNCTION)
        return STATUS_INVALID_PARAMETER;
    files = wdf_files_of_init(init);
    if (files == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    pre = &files->pre[MajorFunction];
    if (MinorFunctions != NULL && NumMinorFunctions != 0) {
        /* Microsoft: minor functions may be given once per major function. */
        if (pre->minors != NULL)
            return STATUS_INVALID_DEVICE_REQUEST;
        pre->minors = malloc(NumMinorFunctions);
        if (pre->minors == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(pre->minors, MinorFunctions, NumMinorFunctions);
        pre->minor_count = NumMinorFunctions;
    }
    pre->callback = EvtDeviceWdmIrpPreprocess; /* the latest one wins (Microsoft) */
    files->preprocessing = TRUE;
    return STATUS_SUCCESS;
}

/* ---- preprocessing ------------------------------------------------------------------------- */

BOOLEAN wdf_preprocess(struct wdf_device *dev, PIRP irp, NTSTATUS *status)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(irp);
    struct wdf_preprocess *pre;
    ULONG i;
    if (dev == NULL || dev->files == NULL || !dev->files->preprocessing)
        return FALSE;
    pre = &dev->files->pre[s->MajorFunction];
    if (pre->callback == NULL)
        return FALSE;
    for (i = 0; pre->minors != NULL && i < pre->minor_count; i++)
        if (pre->minors[i] == s->MinorFunction)
            break;
    if (pre->minors != NULL && i == pre->minor_count)
        return FALSE;
    *status = pre->callback((WDFDEVICE)dev, irp);
    return TRUE;
}

/* The driver gives the IRP back (Microsoft: after IoSkipCurrentIrpStackLocation, or
 * IoCopyCurrentIrpStackLocationToNext with a completion routine): the framework steps to the
 * next stack location, the one the extra StackSize count provided, and handles the IRP as if
 * no callback had been registered. */
NTSTATUS imp_WdfDeviceWdmDispatchPreprocessedIrp(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                                 PIRP Irp)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    WDF_CHECK_NOT_NULL(g, Irp);
    IoSetNextIrpStackLocation(Irp);
    return wdf_dispatch_framework(dev, Irp);
}

/* ---- file objects -------------------------------------------------------------------------- */

static ULONG wdf_file_class(struct wdf_device *dev)
{
    if (dev->files == NULL || !dev->files->configured)
        return WdfFileObjectNotRequired; /* Microsoft: no config, no file objects */
    return dev->files->config.FileObjectClass & ~(ULONG)WdfFileObjectCanBeOptional;
}

static void wdf_file_cleanup(struct wdf_object *o)
{
    struct wdf_file *f = CONTAINING_RECORD(o, struct wdf_file, obj);
    struct wdf_files *files = f->device->files;
    os_mutex_lock(&files->lock);
    RemoveEntryList(&f->link);
    InitializeListHead(&f->link);
    os_mutex_unlock(&files->lock);
}

/* The WDFFILEOBJECT of a WDM file object on `dev`, NULL if it has none. */
static struct wdf_file *wdf_file_find(struct wdf_device *dev, PFILE_OBJECT wdm)
{
    struct wdf_file *found = NULL;
    PLIST_ENTRY e;
    if (dev == NULL || dev->files == NULL || dev->files->open.Flink == NULL)
        return NULL;
    os_mutex_lock(&dev->files->lock);
    for (e = dev->files->open.Flink; e != &dev->files->open; e = e->Flink)
        if (CONTAINING_RECORD(e, struct wdf_file, link)->wdm == wdm) {
            found = CONTAINING_RECORD(e, struct wdf_file, link);
            break;
        }
    os_mutex_unlock(&dev->files->lock);
    return found;
}

/* Whether a create gets a framework file object as far as its WDM file object goes. Microsoft
 * (Framework File Objects): a create a driver sends may have no WDM file object, and then the
 * framework typically creates no framework file object (EvtDeviceFileCreate gets NULL), except
 * for an exclusive device (WdfDeviceInitSetExclusive) whose class is
 * WdfFileObjectWdfCannotUseFsContexts. Such a file object is found by a cleanup or close that
 * has no WDM file object either (wdf_file_find; an exclusive device has one open at a time):
 * drvhost's reading, the page says nothing of its end. */
static BOOLEAN wdf_file_wanted(struct wdf_device *dev, PFILE_OBJECT wdm, ULONG class)
{
    if (wdm != NULL)
        return TRUE;
    return class == WdfFileObjectWdfCannotUseFsContexts && (dev->wdm->Flags & DO_EXCLUSIVE);
}

static NTSTATUS wdf_file_new(struct wdf_device *dev, PFILE_OBJECT wdm, struct wdf_file **out)
{
    struct wdf_files *files = dev->files;
    struct wdf_object *o;
    struct wdf_file *f;
    ULONG class = wdf_file_class(dev);
    NTSTATUS status;
    *out = NULL;
    if (class == WdfFileObjectNotRequired || !wdf_file_wanted(dev, wdm, class))
        return STATUS_SUCCESS;
    status = wdf_object_create(dev->obj.owner, WDF_TYPE_FILE, sizeof(*f),
                               files->has_attributes ? &files->attributes : NULL, &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    f = CONTAINING_RECORD(o, struct wdf_file, obj);
    f->device = dev;
    f->wdm = wdm;
    os_mutex_lock(&files->lock);
    InsertTailList(&files->open, &f->link);
    os_mutex_unlock(&files->lock);
    o->type_cleanup = wdf_file_cleanup;
    if (wdm != NULL && class == WdfFileObjectWdfCanUseFsContext)
        wdm->FsContext = f;
    else if (wdm != NULL && class == WdfFileObjectWdfCanUseFsContext2)
        wdm->FsContext2 = f;
    *out = f;
    return STATUS_SUCCESS;
}

/* The create request's completion: a failed create leaves no file object behind (the I/O
 * manager sends no cleanup or close for it), so EvtFileClose is not called. */
static void wdf_file_create_done(struct wdf_request *r, NTSTATUS status)
{
    struct wdf_file *f = r->done_context;
    if (!NT_SUCCESS(status) && f != NULL)
        wdf_object_delete(&f->obj);
}

/* ---- calling the driver's file callbacks ----------------------------------------------- */

struct wdf_file_work {
    struct wdf_device *device; /* referenced until the call is done */
    void (*call)(struct wdf_device *device, void *context);
    void *context;
};

/* `call` under the lock and at the level wdf_files_check resolved for the file objects. */
static void wdf_file_call_now(struct wdf_device *dev, void (*call)(struct wdf_device *, void *),
                              void *context)
{
    struct wdf_object *sync = dev->files->device_lock ? &dev->obj : NULL;
    wdf_sync_acquire(sync);
    call(dev, context);
    wdf_sync_release(sync);
}

static void wdf_file_call_worker(void *context)
{
    struct wdf_file_work *w = context;
    wdf_file_call_now(w->device, w->call, w->context);
    wdf_object_release(&w->device->obj);
    free(w);
}

/* Whether a file callback must leave this thread: it must run at PASSIVE_LEVEL (a passive
 * level, or the device's passive lock) and the thread is above it. */
static BOOLEAN wdf_file_must_defer(struct wdf_device *dev)
{
    return KeGetCurrentIrql() > PASSIVE_LEVEL && (dev->files->passive || dev->files->device_lock);
}

/* Runs `call` at once, or when wdf_file_must_defer on a system worker thread: the caller has
 * then marked its IRP pending and `call` ends it. Without memory for the work item the call
 * runs here (a diagnostic). */
static void wdf_file_call(struct wdf_device *dev, void (*call)(struct wdf_device *, void *),
                          void *context)
{
    struct wdf_file_work *w = wdf_file_must_defer(dev) ? malloc(sizeof(*w)) : NULL;
    if (w == NULL) {
        if (wdf_file_must_defer(dev))
            rtl_diag(RTL_DIAG_ERROR, "wdf",
                     "driver '%s': no memory to defer a file object callback to PASSIVE_LEVEL: "
                     "called at IRQL %u",
                     dev->obj.owner->pub.DriverName, (unsigned)KeGetCurrentIrql());
        wdf_file_call_now(dev, call, context);
        return;
    }
    w->device = dev;
    w->call = call;
    w->context = context;
    wdf_object_reference(&dev->obj);
    ex_queue_work(wdf_file_call_worker, w);
}

static void wdf_file_create_call(struct wdf_device *dev, void *context)
{
    struct wdf_request *r = context;
    dev->files->config.EvtDeviceFileCreate((WDFDEVICE)dev, (WDFREQUEST)r,
                                           (WDFFILEOBJECT)r->done_context);
}

/* EvtDeviceFileCreate gets a request of its own (no queue), which it completes, at once or
 * later: the IRP is pending until then. */
static NTSTATUS wdf_file_create_request(struct wdf_device *dev, PIRP irp, struct wdf_file *f)
{
    struct wdf_object *o;
    struct wdf_request *r;
    NTSTATUS status =
        wdf_object_create(dev->obj.owner, WDF_TYPE_REQUEST, sizeof(*r), NULL, NULL, &o);
    if (!NT_SUCCESS(status)) {
        if (f != NULL)
            wdf_object_delete(&f->obj);
        return wdf_irp_complete(irp, status);
    }
    r = CONTAINING_RECORD(o, struct wdf_request, obj);
    r->irp = irp;
    r->done = wdf_file_create_done;
    r->done_context = f;
    IoMarkIrpPending(irp);
    wdf_file_call(dev, wdf_file_create_call, r);
    return STATUS_PENDING;
}

/* Microsoft (WDF_FILEOBJECT_CONFIG, AutoForwardCleanupClose): whether the framework sends
 * creates it does not give the driver, and every cleanup and close, to the next lower driver:
 * WdfTrue, or WdfUseDefault (and no file object config) for a filter. A device with no lower
 * driver (a control device) has nowhere to send them. */
static BOOLEAN wdf_file_forwards(struct wdf_device *dev)
{
    WDF_TRI_STATE forward = dev->files != NULL && dev->files->configured
                                ? dev->files->config.AutoForwardCleanupClose
                                : WdfUseDefault;
    if (dev->lower == NULL || forward == WdfFalse)
        return FALSE;
    return forward == WdfTrue || dev->filter;
}

/* A create the framework forwarded came back: a failure leaves no file object (the I/O manager
 * sends no cleanup or close for it). */
static NTSTATUS wdf_file_forwarded_create_done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct wdf_file *f = context;
    (void)device;
    if (irp->PendingReturned)
        IoMarkIrpPending(irp);
    if (!NT_SUCCESS(irp->IoStatus.Status))
        wdf_object_delete(&f->obj);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS wdf_file_create_forward(struct wdf_device *dev, PIRP irp, struct wdf_file *f)
{
    if (f == NULL)
        return wdf_irp_pass_down(dev, irp);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, wdf_file_forwarded_create_done, f, TRUE, TRUE, TRUE);
    return IoCallDriver(dev->lower, irp);
}

/* A create request of a queue ends (completed or cancelled): as wdf_file_create_done, then the
 * reference the request held on its file object goes (the device's deletion may have deleted
 * the file object meanwhile: the reference keeps its memory). */
static void wdf_file_queued_create_done(struct wdf_request *r, NTSTATUS status)
{
    struct wdf_file *f = r->done_context;
    wdf_file_create_done(r, status);
    if (f != NULL)
        wdf_object_release(&f->obj);
}

/* Creates to the queue WdfDeviceConfigureRequestDispatching named: the file object first, then
 * a request of that queue (with the device's request attributes) for its EvtIoDefault. */
static NTSTATUS wdf_file_create_to_queue(struct wdf_device *dev, struct wdf_queue *q, PIRP irp)
{
    struct wdf_file *f;
    NTSTATUS status = wdf_file_new(dev, IoGetCurrentIrpStackLocation(irp)->FileObject, &f);
    if (!NT_SUCCESS(status))
        return wdf_irp_complete(irp, status);
    if (f != NULL)
        wdf_object_reference(&f->obj);
    status = wdf_queue_give(q, irp, FALSE, wdf_file_queued_create_done, f);
    if (status != STATUS_PENDING && f != NULL) { /* no request was made */
        wdf_object_delete(&f->obj);
        wdf_object_release(&f->obj);
    }
    return status;
}

/* The device's create queue with a reference, or NULL: read as an arrival (queue.c), so a
 * queue deleted on another thread meanwhile is either not seen or still referenced. */
static struct wdf_queue *wdf_file_create_queue(struct wdf_device *dev)
{
    unsigned slot = wdf_queue_arrival_enter(dev);
    struct wdf_queue *q = __atomic_load_n(&dev->dispatch[IRP_MJ_CREATE], __ATOMIC_ACQUIRE);
    if (q != NULL)
        wdf_object_reference(&q->obj);
    wdf_queue_arrival_leave(dev, slot);
    return q;
}

static NTSTATUS wdf_file_create(struct wdf_device *dev, PIRP irp)
{
    struct wdf_queue *q = wdf_file_create_queue(dev);
    BOOLEAN configured = dev->files != NULL && dev->files->configured;
    struct wdf_file *f = NULL;
    NTSTATUS status;
    if (q != NULL) {
        status = wdf_file_create_to_queue(dev, q, irp);
        wdf_object_release(&q->obj);
        return status;
    }
    if (configured) {
        status = wdf_file_new(dev, IoGetCurrentIrpStackLocation(irp)->FileObject, &f);
        if (!NT_SUCCESS(status))
            return wdf_irp_complete(irp, status);
        if (dev->files->config.EvtDeviceFileCreate != NULL)
            return wdf_file_create_request(dev, irp, f);
    }
    /* Microsoft (Framework File Objects): without EvtDeviceFileCreate or a create queue, a
     * function driver's creates are completed with STATUS_SUCCESS, a filter's forwarded. */
    if (wdf_file_forwards(dev))
        return wdf_file_create_forward(dev, irp, f);
    return wdf_irp_complete(irp, STATUS_SUCCESS);
}

const char *wdf_file_queue_refused(struct wdf_device *dev, struct wdf_queue *q, NTSTATUS *status)
{
    *status = STATUS_INVALID_PARAMETER;
    if (q->device != dev)
        return "the queue belongs to another device";
    /* Microsoft (Framework File Objects): a default queue cannot receive create requests. */
    if (q->config.DefaultQueue)
        return "a default queue cannot receive create requests";
    if (q->config.DispatchType != WdfIoQueueDispatchManual && q->config.EvtIoDefault == NULL)
        return "create requests reach a queue's EvtIoDefault, and this queue has none";
    if (dev->files != NULL && dev->files->configured &&
        dev->files->config.EvtDeviceFileCreate != NULL) {
        *status = STATUS_INVALID_DEVICE_REQUEST; /* drvhost's choice: Microsoft says neither */
        return "the device has EvtDeviceFileCreate: create requests go to it or to a queue, "
               "not both";
    }
    return NULL;
}

/* Cleanup and close: EvtFileCleanup, EvtFileClose (then the file object goes); both get NULL
 * when the class asks for no file object. */
static void wdf_file_cleanup_close_callbacks(struct wdf_device *dev, void *context)
{
    PIRP irp = context;
    PFILE_OBJECT wdm = IoGetCurrentIrpStackLocation(irp)->FileObject;
    BOOLEAN close = IoGetCurrentIrpStackLocation(irp)->MajorFunction == IRP_MJ_CLOSE;
    struct wdf_file *f = wdf_file_find(dev, wdm);
    PWDF_FILEOBJECT_CONFIG c = &dev->files->config;
    if (f != NULL || wdf_file_class(dev) == WdfFileObjectNotRequired) {
        if (close && c->EvtFileClose != NULL)
            c->EvtFileClose((WDFFILEOBJECT)f);
        else if (!close && c->EvtFileCleanup != NULL)
            c->EvtFileCleanup((WDFFILEOBJECT)f);
    }
    if (close && f != NULL)
        wdf_object_delete(&f->obj);
}

/* The IRP's end: forwarded after the driver's callbacks (WDF_FILEOBJECT_CONFIG), or completed. */
static NTSTATUS wdf_file_cleanup_close_end(struct wdf_device *dev, PIRP irp)
{
    if (wdf_file_forwards(dev))
        return wdf_irp_pass_down(dev, irp);
    return wdf_irp_complete(irp, STATUS_SUCCESS);
}

static void wdf_file_cleanup_close_later(struct wdf_device *dev, void *context)
{
    wdf_file_cleanup_close_callbacks(dev, context);
    wdf_file_cleanup_close_end(dev, context);
}

static NTSTATUS wdf_file_cleanup_close(struct wdf_device *dev, PIRP irp)
{
    if (dev->files == NULL || !dev->files->configured)
        return wdf_file_cleanup_close_end(dev, irp);
    if (wdf_file_must_defer(dev)) {
        IoMarkIrpPending(irp);
        wdf_file_call(dev, wdf_file_cleanup_close_later, irp);
        return STATUS_PENDING;
    }
    wdf_file_call(dev, wdf_file_cleanup_close_callbacks, irp);
    return wdf_file_cleanup_close_end(dev, irp);
}

NTSTATUS wdf_file_dispatch(struct wdf_device *device, PIRP irp)
{
    switch (IoGetCurrentIrpStackLocation(irp)->MajorFunction) {
    case IRP_MJ_CREATE:
        if (device == NULL)
            return wdf_irp_complete(irp, STATUS_DELETE_PENDING);
        return wdf_file_create(device, irp);
    case IRP_MJ_CLEANUP:
    case IRP_MJ_CLOSE:
        if (device == NULL) /* the WDFDEVICE is gone: the file still closes */
            return wdf_irp_complete(irp, STATUS_SUCCESS);
        return wdf_file_cleanup_close(device, irp);
    default:
        return wdf_irp_complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    }
}

/* ---- WdfFileObject* and the lookups -------------------------------------------------------- */

#define WDF_FILE_GET(g, h)                                                                         \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_FILE), struct wdf_file, obj)

PUNICODE_STRING imp_WdfFileObjectGetFileName(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject)
{
    struct wdf_file *f = WDF_FILE_GET(wdf_globals_of(globals), FileObject);
    /* Microsoft: NULL without a WDM file object, or above PASSIVE_LEVEL. */
    if (f->wdm == NULL || KeGetCurrentIrql() > PASSIVE_LEVEL)
        return NULL;
    return &f->wdm->FileName;
}

ULONG imp_WdfFileObjectGetFlags(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject)
{
    struct wdf_file *f = WDF_FILE_GET(wdf_globals_of(globals), FileObject);
    return f->wdm != NULL ? f->wdm->Flags : 0;
}

WDFDEVICE imp_WdfFileObjectGetDevice(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject)
{
    return (WDFDEVICE)WDF_FILE_GET(wdf_globals_of(globals), FileObject)->device;
}

PFILE_OBJECT wdf_file_wdm(struct wdf_globals *g, WDFFILEOBJECT file)
{
    return WDF_FILE_GET(g, file)->wdm;
}

PFILE_OBJECT imp_WdfFileObjectWdmGetFileObject(PWDF_DRIVER_GLOBALS globals,
                                               WDFFILEOBJECT FileObject)
{
    return wdf_file_wdm(wdf_globals_of(globals), FileObject);
}

WDFFILEOBJECT imp_WdfDeviceGetFileObject(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                         PFILE_OBJECT FileObject)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    return (WDFFILEOBJECT)wdf_file_find(dev, FileObject);
}

/* The device a request belongs to: its queue's, or (a create request) its file object's, or
 * the device object the IRP's current stack location names. */
static struct wdf_device *wdf_request_device(struct wdf_request *r)
{
    PDEVICE_OBJECT wdm;
    if (r->queue != NULL)
        return r->queue->device;
    if (r->done == wdf_file_create_done && r->done_context != NULL)
        return ((struct wdf_file *)r->done_context)->device;
    wdm = IoGetCurrentIrpStackLocation(r->irp)->DeviceObject;
    if (wdm == NULL || wdm->DriverObject->MajorFunction[IRP_MJ_CREATE] != wdf_dispatch)
        return NULL;
    return *(struct wdf_device **)wdm->DeviceExtension;
}

WDFFILEOBJECT imp_WdfRequestGetFileObject(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    struct wdf_device *dev = wdf_request_device(r);
    struct wdf_file *f;
    if (r->done == wdf_file_create_done || r->done == wdf_file_queued_create_done)
        return (WDFFILEOBJECT)r->done_context;
    f = wdf_file_find(dev, IoGetCurrentIrpStackLocation(r->irp)->FileObject);
    if (f == NULL && dev != NULL && wdf_file_class(dev) != WdfFileObjectNotRequired &&
        !(dev->files->config.FileObjectClass & WdfFileObjectCanBeOptional))
        rtl_diag(RTL_DIAG_WARN, "wdf",
                 "driver '%s': WdfRequestGetFileObject: request %p has no framework file object "
                 "and the FileObjectClass does not have WdfFileObjectCanBeOptional",
                 g->pub.DriverName, (void *)r);
    return (WDFFILEOBJECT)f;
}
