/*
 * spbcx.c - the simple peripheral bus framework extension (SpbCx): what an I2C or SPI
 * controller driver gets from SpbDeviceInitConfig and SpbDeviceInitialize (docs/wdf.md, "SPB
 * controllers: SpbCx"), built on the framework's own routines as a class extension is.
 *
 * SpbDeviceInitConfig gives the device SpbCx's file object callbacks: a create names a
 * connection (the resource hub ID, pnp/reshub.c) and becomes an SPBTARGET (a child of the file
 * object) once EvtSpbTargetConnect accepts it; the close calls EvtSpbTargetDisconnect.
 * SpbDeviceInitialize creates the controller's default queue (the config's dispatch type and
 * power management), whose reads, writes and device controls become the controller's
 * EvtSpbControllerIoRead/Write/Sequence/Lock/Unlock/Other calls. An SPBREQUEST is the
 * WDFREQUEST itself; SpbCx's part of it (type, position, transfers) is a context of its own.
 *
 * Locking: `lock` of a controller guards its target list and its controller lock (which
 * target holds it, the position of the next transfer in the locked sequence). No lock is held
 * while driver code runs. Lifetime: the controller context lives with the device; a target
 * with its file object; a request's transfers (and the MDLs SpbCx built for them) with the
 * request's context.
 *
 * Deviations (docs/wdf.md): requests of other targets wait while one target holds the
 * controller lock (as on Windows), in a manual queue of SpbCx's; IOCTL_SPB_LOCK_CONNECTION and
 * IOCTL_SPB_UNLOCK_CONNECTION (shared connection locks between controllers) are refused with
 * STATUS_NOT_SUPPORTED; the queue does not allow zero-length requests (the framework's default:
 * a zero-length read or write completes with STATUS_SUCCESS without reaching the driver; the
 * pages do not say what SpbCx's queue does).
 */
#include <stdlib.h>
#include <string.h>

#include "pnp/pnp.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>
#include <SPBCx.h>

/* The framework routines SpbCx uses, as a class extension calls them (bind.c's table). */
NTSTATUS imp_WdfObjectAllocateContext(PWDF_DRIVER_GLOBALS, WDFOBJECT, PWDF_OBJECT_ATTRIBUTES,
                                      PVOID *);
PVOID imp_WdfObjectGetTypedContextWorker(PWDF_DRIVER_GLOBALS, WDFOBJECT,
                                         PCWDF_OBJECT_CONTEXT_TYPE_INFO);
NTSTATUS imp_WdfIoQueueCreate(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_IO_QUEUE_CONFIG,
                              PWDF_OBJECT_ATTRIBUTES, WDFQUEUE *);
VOID imp_WdfRequestComplete(PWDF_DRIVER_GLOBALS, WDFREQUEST, NTSTATUS);
WDFFILEOBJECT imp_WdfRequestGetFileObject(PWDF_DRIVER_GLOBALS, WDFREQUEST);
PUNICODE_STRING imp_WdfFileObjectGetFileName(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
NTSTATUS imp_WdfDeviceEnqueueRequest(PWDF_DRIVER_GLOBALS, WDFDEVICE, WDFREQUEST);
VOID imp_WdfRequestGetParameters(PWDF_DRIVER_GLOBALS, WDFREQUEST, PWDF_REQUEST_PARAMETERS);
NTSTATUS imp_WdfRequestRetrieveInputBuffer(PWDF_DRIVER_GLOBALS, WDFREQUEST, size_t, PVOID *,
                                           size_t *);
NTSTATUS imp_WdfRequestRetrieveOutputWdmMdl(PWDF_DRIVER_GLOBALS, WDFREQUEST, PMDL *);
NTSTATUS imp_WdfRequestRetrieveInputWdmMdl(PWDF_DRIVER_GLOBALS, WDFREQUEST, PMDL *);
NTSTATUS imp_WdfRequestForwardToIoQueue(PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFQUEUE);
NTSTATUS imp_WdfIoQueueRetrieveNextRequest(PWDF_DRIVER_GLOBALS, WDFQUEUE, WDFREQUEST *);

struct spbcx_target;

/* The controller: a context of the WDFDEVICE (SpbDeviceInitialize). */
struct spbcx_controller {
    struct wdf_device *dev;
    struct wdf_globals *g;
    SPB_CONTROLLER_CONFIG config;
    PFN_SPB_CONTROLLER_IO_OTHER other;            /* NULL: other IOCTLs are refused */
    PFN_WDF_IO_IN_CALLER_CONTEXT other_in_caller; /* the driver's, for other IOCTLs */
    BOOLEAN has_target_attributes;
    WDF_OBJECT_ATTRIBUTES target_attributes;
    WDFQUEUE queue; /* the controller's queue (default queue) */
    WDFQUEUE held;  /* manual: other targets' requests while one holds the controller lock */
    os_mutex lock;
    LIST_ENTRY targets;
    struct spbcx_target *locked_by; /* the target holding the controller lock; NULL: none */
    ULONG locked_transfers;         /* transfers since the lock (0: the next is First) */
    SPB_TRANSFER_DIRECTION last_direction;
};

struct spbcx_target {
    struct wdf_object obj;
    struct spbcx_controller *ctl;
    WDFFILEOBJECT file;
    LARGE_INTEGER id;
    PVOID properties; /* RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER (malloc'ed) */
    LIST_ENTRY link;  /* in ctl->targets; empty once disconnected */
};

struct spbcx_transfer {
    SPB_TRANSFER_DESCRIPTOR desc;
    PMDL mdl;
    ULONG owned_mdls; /* MDLs of the chain SpbCx allocated (0: the client's own) */
};

/* SpbCx's part of a request: a context of the WDFREQUEST. */
struct spbcx_request {
    struct spbcx_controller *ctl;
    struct spbcx_target *target;
    SPB_REQUEST_TYPE type;
    SPB_REQUEST_SEQUENCE_POSITION position;
    SPB_TRANSFER_DIRECTION previous;
    size_t length;
    ULONG count;
    struct spbcx_transfer *transfers; /* malloc'ed for sequences and captured lists */
    struct spbcx_transfer single;     /* a read's or write's one transfer */
};

static const WDF_OBJECT_CONTEXT_TYPE_INFO spbcx_controller_type = {
    sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), (PCHAR) "SpbCx controller",
    sizeof(struct spbcx_controller), &spbcx_controller_type, NULL};
static const WDF_OBJECT_CONTEXT_TYPE_INFO spbcx_request_type = {
    sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), (PCHAR) "SpbCx request", sizeof(struct spbcx_request),
    &spbcx_request_type, NULL};

/* ---- look-ups ------------------------------------------------------------------------------ */

static struct spbcx_controller *spbcx_controller_of(struct wdf_device *dev)
{
    return imp_WdfObjectGetTypedContextWorker(&dev->obj.owner->pub, (WDFOBJECT)dev,
                                              &spbcx_controller_type);
}

static struct wdf_device *spbcx_device_get(WDFDEVICE handle, const char *ddi)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)handle, WDF_TYPE_DEVICE, ddi,
                                             __builtin_return_address(0));
    return CONTAINING_RECORD(o, struct wdf_device, obj);
}

/* The controller of a device SpbDeviceInitialize initialized; the violation otherwise. */
static struct spbcx_controller *spbcx_controller_get(WDFDEVICE handle, const char *ddi)
{
    struct wdf_device *dev = spbcx_device_get(handle, ddi);
    struct spbcx_controller *ctl = spbcx_controller_of(dev);
    if (ctl == NULL)
        wdf_violation(dev->obj.owner, VF_10D_SPB_MISUSE, (ULONG_PTR)handle, 0, 0,
                      "driver '%s': %s on device %p, which SpbDeviceInitialize did not "
                      "initialize",
                      dev->obj.owner->pub.DriverName, ddi, (void *)handle);
    return ctl;
}

/* SpbCx's part of a request SpbCx presented to the driver; the violation otherwise. */
static struct spbcx_request *spbcx_request_get(SPBREQUEST handle, const char *ddi)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)handle, WDF_TYPE_REQUEST, ddi,
                                             __builtin_return_address(0));
    struct spbcx_request *sr =
        imp_WdfObjectGetTypedContextWorker(&o->owner->pub, (WDFOBJECT)o, &spbcx_request_type);
    if (sr == NULL || sr->ctl == NULL)
        wdf_violation(o->owner, VF_10D_SPB_MISUSE, (ULONG_PTR)handle, 0, 0,
                      "driver '%s': %s on request %p, which SpbCx did not present (not an "
                      "SPBREQUEST)",
                      o->owner->pub.DriverName, ddi, (void *)handle);
    return sr;
}

static struct spbcx_target *spbcx_target_get(SPBTARGET handle, const char *ddi)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)handle, WDF_TYPE_SPBTARGET, ddi,
                                             __builtin_return_address(0));
    return CONTAINING_RECORD(o, struct spbcx_target, obj);
}

static struct spbcx_target *spbcx_target_of_file(struct spbcx_controller *ctl, WDFFILEOBJECT f)
{
    struct spbcx_target *found = NULL;
    os_mutex_lock(&ctl->lock);
    for (LIST_ENTRY *e = ctl->targets.Flink; e != &ctl->targets; e = e->Flink) {
        struct spbcx_target *t = CONTAINING_RECORD(e, struct spbcx_target, link);
        if (t->file == f) {
            found = t;
            break;
        }
    }
    os_mutex_unlock(&ctl->lock);
    return found;
}

static void spbcx_complete(struct spbcx_controller *ctl, WDFREQUEST request, NTSTATUS status)
{
    imp_WdfRequestComplete(&ctl->g->pub, request, status);
}

/* ---- transfers ----------------------------------------------------------------------------- */

static void spbcx_transfers_free(struct spbcx_request *sr)
{
    for (ULONG i = 0; sr->transfers != NULL && i < sr->count; i++) {
        PMDL m = sr->transfers[i].mdl;
        for (ULONG n = sr->transfers[i].owned_mdls; n > 0 && m != NULL; n--) {
            PMDL next = m->Next;
            IoFreeMdl(m);
            m = next;
        }
    }
    free(sr->transfers);
    sr->transfers = NULL;
    sr->count = 0;
}

/* The request ends (or is deleted): SpbCx's MDLs and transfer array go with it. */
static VOID spbcx_request_cleanup(WDFOBJECT object)
{
    struct wdf_object *o = object;
    struct spbcx_request *sr =
        imp_WdfObjectGetTypedContextWorker(&o->owner->pub, object, &spbcx_request_type);
    if (sr != NULL)
        spbcx_transfers_free(sr);
}

/* The MDL of one client buffer (nonpaged in drvhost: the client's memory is always there). */
static PMDL spbcx_mdl(PVOID buffer, ULONG bytes)
{
    PMDL m = IoAllocateMdl(buffer, bytes, FALSE, FALSE, NULL);
    if (m != NULL)
        MmBuildMdlForNonPagedPool(m);
    return m;
}

/* An SPB_TRANSFER_BUFFER_FORMAT's MDL chain into *out; STATUS_INVALID_PARAMETER if malformed. */
static NTSTATUS spbcx_buffer_mdl(const SPB_TRANSFER_BUFFER *b, struct spbcx_transfer *out)
{
    switch (b->Format) {
    case SpbTransferBufferFormatSimple:
    case SpbTransferBufferFormatSimpleNonPaged:
        if (b->Simple.Buffer == NULL || b->Simple.BufferCb == 0)
            return STATUS_INVALID_PARAMETER;
        out->desc.TransferLength = b->Simple.BufferCb;
        out->mdl = spbcx_mdl(b->Simple.Buffer, b->Simple.BufferCb);
        out->owned_mdls = out->mdl != NULL;
        return out->mdl != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    case SpbTransferBufferFormatList: {
        PMDL *link = &out->mdl;
        if (b->BufferList.List == NULL || b->BufferList.ListCe == 0)
            return STATUS_INVALID_PARAMETER;
        for (ULONG i = 0; i < b->BufferList.ListCe; i++) {
            const SPB_TRANSFER_BUFFER_LIST_ENTRY *e = &b->BufferList.List[i];
            if (e->Buffer == NULL || e->BufferCb == 0)
                return STATUS_INVALID_PARAMETER;
            *link = spbcx_mdl(e->Buffer, e->BufferCb);
            if (*link == NULL)
                return STATUS_INSUFFICIENT_RESOURCES;
            out->owned_mdls++;
            out->desc.TransferLength += e->BufferCb;
            link = &(*link)->Next;
        }
        return STATUS_SUCCESS;
    }
    case SpbTransferBufferFormatMdl:
        if (b->Mdl == NULL)
            return STATUS_INVALID_PARAMETER;
        out->mdl = b->Mdl;
        for (PMDL m = b->Mdl; m != NULL; m = m->Next)
            out->desc.TransferLength += MmGetMdlByteCount(m);
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

static NTSTATUS spbcx_entry(const SPB_TRANSFER_LIST_ENTRY *e, struct spbcx_transfer *out)
{
    SPB_TRANSFER_DESCRIPTOR_INIT(&out->desc);
    if (e->Direction != SpbTransferDirectionFromDevice &&
        e->Direction != SpbTransferDirectionToDevice)
        return STATUS_INVALID_PARAMETER;
    out->desc.Direction = e->Direction;
    out->desc.DelayInUs = e->DelayInUs;
    return spbcx_buffer_mdl(&e->Buffer, out);
}

/* The SPB_TRANSFER_LIST of the request's input buffer, checked, as the request's transfers. */
static NTSTATUS spbcx_capture(struct spbcx_controller *ctl, WDFREQUEST request,
                              struct spbcx_request *sr)
{
    const size_t head = FIELD_OFFSET(SPB_TRANSFER_LIST, Transfers);
    PSPB_TRANSFER_LIST list;
    const SPB_TRANSFER_LIST_ENTRY *entries;
    size_t length = 0;
    NTSTATUS status =
        imp_WdfRequestRetrieveInputBuffer(&ctl->g->pub, request, head, (PVOID *)&list, &length);
    if (!NT_SUCCESS(status))
        return STATUS_INVALID_PARAMETER;
    if (list->Size != sizeof(SPB_TRANSFER_LIST) || list->TransferCount == 0 ||
        (length - head) / sizeof(SPB_TRANSFER_LIST_ENTRY) < list->TransferCount)
        return STATUS_INVALID_PARAMETER;
    spbcx_transfers_free(sr);
    sr->transfers = calloc(list->TransferCount, sizeof(*sr->transfers));
    if (sr->transfers == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    sr->count = list->TransferCount;
    sr->length = 0;
    /* Through a pointer: Transfers is declared [1] and holds TransferCount entries. */
    entries = list->Transfers;
    for (ULONG i = 0; i < list->TransferCount; i++) {
        status = spbcx_entry(&entries[i], &sr->transfers[i]);
        if (!NT_SUCCESS(status)) {
            spbcx_transfers_free(sr);
            return status;
        }
        sr->length += sr->transfers[i].desc.TransferLength;
    }
    return STATUS_SUCCESS;
}

/* ---- requests ------------------------------------------------------------------------------ */

/* SpbCx's part of the request, allocated on first use (a context of the request). */
static struct spbcx_request *spbcx_request_of(struct spbcx_controller *ctl, WDFREQUEST request)
{
    WDF_OBJECT_ATTRIBUTES a;
    struct spbcx_request *sr =
        imp_WdfObjectGetTypedContextWorker(&ctl->g->pub, (WDFOBJECT)request, &spbcx_request_type);
    if (sr != NULL)
        return sr;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ContextTypeInfo = &spbcx_request_type;
    a.EvtCleanupCallback = spbcx_request_cleanup;
    if (!NT_SUCCESS(
            imp_WdfObjectAllocateContext(&ctl->g->pub, (WDFOBJECT)request, &a, (PVOID *)&sr)))
        return NULL;
    sr->ctl = ctl;
    return sr;
}

/* The request's target and position; FALSE when another target holds the controller lock
 * (the request then waits in `held`). `counted`: a read, write or other IOCTL, which has a
 * position in the holder's locked sequence; `direction`: its own (None for other IOCTLs). */
static BOOLEAN spbcx_admit(struct spbcx_controller *ctl, WDFREQUEST request,
                           struct spbcx_request *sr, BOOLEAN counted,
                           SPB_TRANSFER_DIRECTION direction)
{
    BOOLEAN admitted = TRUE;
    sr->target = spbcx_target_of_file(ctl, imp_WdfRequestGetFileObject(&ctl->g->pub, request));
    sr->position = SpbRequestSequencePositionSingle;
    sr->previous = SpbTransferDirectionNone;
    os_mutex_lock(&ctl->lock);
    if (ctl->locked_by != NULL && ctl->locked_by != sr->target) {
        admitted = FALSE;
    } else if (ctl->locked_by != NULL && counted) {
        sr->position = ctl->locked_transfers++ == 0 ? SpbRequestSequencePositionFirst
                                                    : SpbRequestSequencePositionContinue;
        if (direction != SpbTransferDirectionNone) {
            sr->previous = ctl->last_direction;
            ctl->last_direction = direction;
        }
    }
    os_mutex_unlock(&ctl->lock);
    if (!admitted && !NT_SUCCESS(imp_WdfRequestForwardToIoQueue(&ctl->g->pub, request, ctl->held)))
        spbcx_complete(ctl, request, STATUS_INSUFFICIENT_RESOURCES);
    return admitted;
}

/* The controller lock is released: the requests other targets sent meanwhile go back to the
 * controller's queue, in their order. */
static void spbcx_release_held(struct spbcx_controller *ctl)
{
    WDFREQUEST r;
    while (NT_SUCCESS(imp_WdfIoQueueRetrieveNextRequest(&ctl->g->pub, ctl->held, &r)))
        if (!NT_SUCCESS(imp_WdfRequestForwardToIoQueue(&ctl->g->pub, r, ctl->queue)))
            spbcx_complete(ctl, r, STATUS_INVALID_DEVICE_STATE);
}

static void spbcx_unlock(struct spbcx_controller *ctl, struct spbcx_target *target)
{
    BOOLEAN released = FALSE;
    os_mutex_lock(&ctl->lock);
    if (ctl->locked_by == target) {
        ctl->locked_by = NULL;
        released = TRUE;
    }
    os_mutex_unlock(&ctl->lock);
    if (released)
        spbcx_release_held(ctl);
}

static struct spbcx_controller *spbcx_queue_controller(WDFQUEUE queue)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)queue, WDF_TYPE_QUEUE, "SpbCx queue",
                                             __builtin_return_address(0));
    return spbcx_controller_of(CONTAINING_RECORD(o, struct wdf_queue, obj)->device);
}

/* A read or write: one transfer, the request's buffer. */
static void spbcx_io_transfer(WDFQUEUE queue, WDFREQUEST request, size_t length,
                              SPB_REQUEST_TYPE type)
{
    struct spbcx_controller *ctl = spbcx_queue_controller(queue);
    struct spbcx_request *sr = spbcx_request_of(ctl, request);
    BOOLEAN read = type == SpbRequestTypeRead;
    NTSTATUS status;
    if (sr == NULL) {
        spbcx_complete(ctl, request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    if (!spbcx_admit(ctl, request, sr, TRUE,
                     read ? SpbTransferDirectionFromDevice : SpbTransferDirectionToDevice))
        return;
    sr->type = type;
    sr->length = length;
    sr->count = 1;
    SPB_TRANSFER_DESCRIPTOR_INIT(&sr->single.desc);
    sr->single.desc.Direction =
        read ? SpbTransferDirectionFromDevice : SpbTransferDirectionToDevice;
    sr->single.desc.TransferLength = length;
    status = read ? imp_WdfRequestRetrieveOutputWdmMdl(&ctl->g->pub, request, &sr->single.mdl)
                  : imp_WdfRequestRetrieveInputWdmMdl(&ctl->g->pub, request, &sr->single.mdl);
    if (!NT_SUCCESS(status)) {
        spbcx_complete(ctl, request, status);
        return;
    }
    if (read)
        ctl->config.EvtSpbIoRead((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target, (SPBREQUEST)request,
                                 length);
    else
        ctl->config.EvtSpbIoWrite((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target, (SPBREQUEST)request,
                                  length);
}

static VOID spbcx_io_read(WDFQUEUE queue, WDFREQUEST request, size_t length)
{
    spbcx_io_transfer(queue, request, length, SpbRequestTypeRead);
}

static VOID spbcx_io_write(WDFQUEUE queue, WDFREQUEST request, size_t length)
{
    spbcx_io_transfer(queue, request, length, SpbRequestTypeWrite);
}

static void spbcx_sequence(struct spbcx_controller *ctl, WDFREQUEST request,
                           struct spbcx_request *sr)
{
    NTSTATUS status = spbcx_capture(ctl, request, sr);
    if (!NT_SUCCESS(status)) {
        spbcx_complete(ctl, request, status);
        return;
    }
    sr->type = SpbRequestTypeSequence;
    ctl->config.EvtSpbIoSequence((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target, (SPBREQUEST)request,
                                 sr->count);
}

static void spbcx_lock(struct spbcx_controller *ctl, WDFREQUEST request, struct spbcx_request *sr)
{
    BOOLEAN ok;
    os_mutex_lock(&ctl->lock);
    ok = ctl->locked_by == NULL;
    if (ok) {
        ctl->locked_by = sr->target;
        ctl->locked_transfers = 0;
        ctl->last_direction = SpbTransferDirectionNone;
    }
    os_mutex_unlock(&ctl->lock);
    if (!ok) { /* the target holds it already (another target's request waits in `held`) */
        spbcx_complete(ctl, request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    sr->type = SpbRequestTypeLockController;
    sr->position = SpbRequestSequencePositionFirst;
    if (ctl->config.EvtSpbControllerLock != NULL)
        ctl->config.EvtSpbControllerLock((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target,
                                         (SPBREQUEST)request);
    else
        spbcx_complete(ctl, request, STATUS_SUCCESS);
}

static void spbcx_unlock_request(struct spbcx_controller *ctl, WDFREQUEST request,
                                 struct spbcx_request *sr)
{
    BOOLEAN ok;
    os_mutex_lock(&ctl->lock);
    ok = ctl->locked_by == sr->target;
    sr->previous = ctl->last_direction;
    os_mutex_unlock(&ctl->lock);
    if (!ok) { /* the target does not hold the controller lock */
        spbcx_complete(ctl, request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    sr->type = SpbRequestTypeUnlockController;
    sr->position = SpbRequestSequencePositionLast;
    spbcx_unlock(ctl, sr->target);
    if (ctl->config.EvtSpbControllerUnlock != NULL)
        ctl->config.EvtSpbControllerUnlock((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target,
                                           (SPBREQUEST)request);
    else
        spbcx_complete(ctl, request, STATUS_SUCCESS);
}

static void spbcx_other(struct spbcx_controller *ctl, WDFREQUEST request, struct spbcx_request *sr,
                        size_t out, size_t in, ULONG code)
{
    if (ctl->other == NULL) { /* SpbControllerSetIoOtherCallback's page */
        spbcx_complete(ctl, request, STATUS_INVALID_DEVICE_REQUEST);
        return;
    }
    sr->type = SpbRequestTypeOther;
    ctl->other((WDFDEVICE)ctl->dev, (SPBTARGET)sr->target, (SPBREQUEST)request, out, in, code);
}

static BOOLEAN spbcx_code_is_ours(ULONG code)
{
    return code == IOCTL_SPB_EXECUTE_SEQUENCE || code == IOCTL_SPB_LOCK_CONTROLLER ||
           code == IOCTL_SPB_UNLOCK_CONTROLLER || code == IOCTL_SPB_LOCK_CONNECTION ||
           code == IOCTL_SPB_UNLOCK_CONNECTION;
}

static VOID spbcx_io_control(WDFQUEUE queue, WDFREQUEST request, size_t out, size_t in, ULONG code)
{
    struct spbcx_controller *ctl = spbcx_queue_controller(queue);
    struct spbcx_request *sr = spbcx_request_of(ctl, request);
    if (sr == NULL) {
        spbcx_complete(ctl, request, STATUS_INSUFFICIENT_RESOURCES);
        return;
    }
    /* Another target's requests, its lock included, wait for the holder's unlock; an other
     * IOCTL of the holder has a position in its sequence (SPB_REQUEST_SEQUENCE_POSITION). */
    if (!spbcx_admit(ctl, request, sr, !spbcx_code_is_ours(code), SpbTransferDirectionNone))
        return;
    switch (code) {
    case IOCTL_SPB_EXECUTE_SEQUENCE:
        spbcx_sequence(ctl, request, sr);
        break;
    case IOCTL_SPB_LOCK_CONTROLLER:
        spbcx_lock(ctl, request, sr);
        break;
    case IOCTL_SPB_UNLOCK_CONTROLLER:
        spbcx_unlock_request(ctl, request, sr);
        break;
    case IOCTL_SPB_LOCK_CONNECTION:
    case IOCTL_SPB_UNLOCK_CONNECTION: /* not modelled (docs/wdf.md) */
        spbcx_complete(ctl, request, STATUS_NOT_SUPPORTED);
        break;
    default:
        spbcx_other(ctl, request, sr, out, in, code);
        break;
    }
}

/* The device's EvtIoInCallerContext once the driver gave one for its other IOCTLs: those go
 * to the driver's (which enqueues them itself), the rest straight to the controller's queue. */
static VOID spbcx_in_caller(WDFDEVICE device, WDFREQUEST request)
{
    struct spbcx_controller *ctl = spbcx_controller_of(spbcx_device_get(device, "SpbCx"));
    WDF_REQUEST_PARAMETERS p;
    NTSTATUS status;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    imp_WdfRequestGetParameters(&ctl->g->pub, request, &p);
    if (p.Type == WdfRequestTypeDeviceControl &&
        !spbcx_code_is_ours(p.Parameters.DeviceIoControl.IoControlCode)) {
        if (spbcx_request_of(ctl, request) == NULL) {
            spbcx_complete(ctl, request, STATUS_INSUFFICIENT_RESOURCES);
            return;
        }
        ctl->other_in_caller(device, request);
        return;
    }
    status = imp_WdfDeviceEnqueueRequest(&ctl->g->pub, device, request);
    if (!NT_SUCCESS(status))
        spbcx_complete(ctl, request, status);
}

/* ---- targets: the file objects ------------------------------------------------------------- */

static void spbcx_target_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct spbcx_target, obj)->properties);
}

/* The connection ID the create names ("\" and 16 hex digits), its properties. */
static NTSTATUS spbcx_connection(struct spbcx_controller *ctl, WDFFILEOBJECT file,
                                 LARGE_INTEGER *id, PVOID *properties)
{
    return wdf_reshub_connection(imp_WdfFileObjectGetFileName(&ctl->g->pub, file), id, properties);
}

NTSTATUS wdf_reshub_connection(PCUNICODE_STRING name, LARGE_INTEGER *id, PVOID *properties)
{
    WCHAR chars[RESOURCE_HUB_CONNECTION_FILE_CHARS + 2];
    ULONG size;
    USHORT n = name != NULL ? name->Length / sizeof(WCHAR) : 0;
    /* RESOURCE_HUB_ID_FROM_FILE_NAME wants the bare name: the I/O manager gives "\<id>". */
    if (n == 0 || n >= ARRAYSIZE(chars) || name->Buffer[0] != L'\\')
        return STATUS_OBJECT_NAME_INVALID;
    memcpy(chars, name->Buffer + 1, (n - 1) * sizeof(WCHAR));
    chars[n - 1] = 0;
    if (!NT_SUCCESS(RESOURCE_HUB_ID_FROM_FILE_NAME(chars, id)))
        return STATUS_OBJECT_NAME_INVALID;
    return pnp_reshub_properties(*id, properties, &size);
}

static BOOLEAN spbcx_target_busy(struct spbcx_controller *ctl, LARGE_INTEGER id)
{
    BOOLEAN busy = FALSE;
    os_mutex_lock(&ctl->lock);
    for (LIST_ENTRY *e = ctl->targets.Flink; e != &ctl->targets && !busy; e = e->Flink)
        busy = CONTAINING_RECORD(e, struct spbcx_target, link)->id.QuadPart == id.QuadPart;
    os_mutex_unlock(&ctl->lock);
    return busy;
}

static NTSTATUS spbcx_target_create(struct spbcx_controller *ctl, WDFFILEOBJECT file,
                                    LARGE_INTEGER id, PVOID properties, struct spbcx_target **out)
{
    WDF_OBJECT_ATTRIBUTES a = ctl->target_attributes;
    struct wdf_object *parent = wdf_object_get_in(ctl->g, (WDFOBJECT)file, WDF_TYPE_FILE, "SpbCx",
                                                  __builtin_return_address(0));
    struct wdf_object *o;
    struct spbcx_target *t;
    NTSTATUS status;
    a.ParentObject = NULL; /* a target's parent is its file object */
    status = wdf_object_create(ctl->g, WDF_TYPE_SPBTARGET, sizeof(*t),
                               ctl->has_target_attributes ? &a : NULL, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    t = CONTAINING_RECORD(o, struct spbcx_target, obj);
    t->ctl = ctl;
    t->file = file;
    t->id = id;
    t->properties = properties;
    o->type_destroy = spbcx_target_destroy;
    *out = t;
    return STATUS_SUCCESS;
}

/* A client opens a connection: exclusive (EvtSpbTargetConnect's page), the driver's
 * EvtSpbTargetConnect decides. */
static NTSTATUS spbcx_connect(struct spbcx_controller *ctl, WDFFILEOBJECT file)
{
    LARGE_INTEGER id;
    PVOID properties = NULL;
    struct spbcx_target *t;
    NTSTATUS status = spbcx_connection(ctl, file, &id, &properties);
    if (!NT_SUCCESS(status))
        return status;
    if (spbcx_target_busy(ctl, id)) {
        free(properties);
        return STATUS_SHARING_VIOLATION;
    }
    status = spbcx_target_create(ctl, file, id, properties, &t);
    if (!NT_SUCCESS(status)) {
        free(properties);
        return status;
    }
    if (ctl->config.EvtSpbTargetConnect != NULL)
        status = ctl->config.EvtSpbTargetConnect((WDFDEVICE)ctl->dev, (SPBTARGET)t);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(&t->obj);
        return status;
    }
    os_mutex_lock(&ctl->lock);
    InsertTailList(&ctl->targets, &t->link);
    os_mutex_unlock(&ctl->lock);
    return STATUS_SUCCESS;
}

static VOID spbcx_file_create(WDFDEVICE device, WDFREQUEST request, WDFFILEOBJECT file)
{
    struct wdf_device *dev = spbcx_device_get(device, "SpbCx");
    struct spbcx_controller *ctl = spbcx_controller_of(dev);
    if (ctl == NULL) { /* SpbDeviceInitialize was not called */
        imp_WdfRequestComplete(&dev->obj.owner->pub, request, STATUS_INVALID_DEVICE_STATE);
        return;
    }
    spbcx_complete(ctl, request, spbcx_connect(ctl, file));
}

/* The connection closes (all its I/O is done): its controller lock goes, then the driver's
 * EvtSpbTargetDisconnect; the target goes with the file object. */
static VOID spbcx_file_close(WDFFILEOBJECT file)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)file, WDF_TYPE_FILE, "SpbCx",
                                             __builtin_return_address(0));
    struct wdf_device *dev = o->parent != NULL && o->parent->type == WDF_TYPE_DEVICE
                                 ? CONTAINING_RECORD(o->parent, struct wdf_device, obj)
                                 : NULL;
    struct spbcx_controller *ctl = dev != NULL ? spbcx_controller_of(dev) : NULL;
    struct spbcx_target *t = ctl != NULL ? spbcx_target_of_file(ctl, file) : NULL;
    if (t == NULL)
        return;
    spbcx_unlock(ctl, t);
    os_mutex_lock(&ctl->lock);
    RemoveEntryList(&t->link);
    InitializeListHead(&t->link);
    os_mutex_unlock(&ctl->lock);
    if (ctl->config.EvtSpbTargetDisconnect != NULL)
        ctl->config.EvtSpbTargetDisconnect((WDFDEVICE)ctl->dev, (SPBTARGET)t);
}

/* ---- the routines -------------------------------------------------------------------------- */

NTSTATUS SpbDeviceInitConfig(PWDFDEVICE_INIT DeviceInit)
{
    WDF_FILEOBJECT_CONFIG files;
    struct wdf_globals *g;
    if (DeviceInit == NULL)
        wdf_violation_null(NULL, "SpbDeviceInitConfig", "DeviceInit", __builtin_return_address(0));
    g = DeviceInit->driver->obj.owner;
    WDF_FILEOBJECT_CONFIG_INIT(&files, spbcx_file_create, spbcx_file_close, WDF_NO_EVENT_CALLBACK);
    wdf_files_configure(g, DeviceInit, &files, WDF_NO_OBJECT_ATTRIBUTES, "SpbCx");
    return STATUS_SUCCESS;
}

static VOID spbcx_controller_destroy(WDFOBJECT object)
{
    struct spbcx_controller *ctl =
        spbcx_controller_of(CONTAINING_RECORD((struct wdf_object *)object, struct wdf_device, obj));
    if (ctl != NULL && ctl->dev != NULL)
        os_mutex_destroy(&ctl->lock);
}

/* SPB_CONTROLLER_CONFIG's rules (its page): the size, a queue type that is not manual, the
 * three transfer callbacks. */
static const char *spbcx_config_refused(const SPB_CONTROLLER_CONFIG *c)
{
    if (c->Size != sizeof(SPB_CONTROLLER_CONFIG))
        return "its Size is not sizeof(SPB_CONTROLLER_CONFIG)";
    if (c->ControllerDispatchType != WdfIoQueueDispatchSequential &&
        c->ControllerDispatchType != WdfIoQueueDispatchParallel)
        return "ControllerDispatchType is neither sequential nor parallel";
    if (c->EvtSpbIoRead == NULL || c->EvtSpbIoWrite == NULL || c->EvtSpbIoSequence == NULL)
        return "EvtSpbIoRead, EvtSpbIoWrite and EvtSpbIoSequence are required";
    return NULL;
}

static NTSTATUS spbcx_queues(struct spbcx_controller *ctl, const SPB_CONTROLLER_CONFIG *c)
{
    WDF_IO_QUEUE_CONFIG q;
    NTSTATUS status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&q, c->ControllerDispatchType);
    q.PowerManaged = c->PowerManaged;
    q.EvtIoRead = spbcx_io_read;
    q.EvtIoWrite = spbcx_io_write;
    q.EvtIoDeviceControl = spbcx_io_control;
    status = imp_WdfIoQueueCreate(&ctl->g->pub, (WDFDEVICE)ctl->dev, &q, WDF_NO_OBJECT_ATTRIBUTES,
                                  &ctl->queue);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&q, WdfIoQueueDispatchManual);
    q.PowerManaged = WdfFalse;
    return imp_WdfIoQueueCreate(&ctl->g->pub, (WDFDEVICE)ctl->dev, &q, WDF_NO_OBJECT_ATTRIBUTES,
                                &ctl->held);
}

NTSTATUS SpbDeviceInitialize(WDFDEVICE FxDevice, PSPB_CONTROLLER_CONFIG Config)
{
    struct wdf_device *dev = spbcx_device_get(FxDevice, "SpbDeviceInitialize");
    struct wdf_globals *g = dev->obj.owner;
    struct spbcx_controller *ctl;
    WDF_OBJECT_ATTRIBUTES a;
    const char *why;
    NTSTATUS status;
    if (Config == NULL)
        wdf_violation_null(g, "SpbDeviceInitialize", "Config", __builtin_return_address(0));
    why = spbcx_config_refused(Config);
    if (why != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': SpbDeviceInitialize: SPB_CONTROLLER_CONFIG "
                 "refused: %s",
                 g->pub.DriverName, why);
        return STATUS_INVALID_PARAMETER;
    }
    if (spbcx_controller_of(dev) != NULL)
        wdf_violation(g, VF_10D_SPB_MISUSE, (ULONG_PTR)FxDevice, 0, 0,
                      "driver '%s': SpbDeviceInitialize called twice on device %p",
                      g->pub.DriverName, (void *)FxDevice);
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ContextTypeInfo = &spbcx_controller_type;
    a.EvtDestroyCallback = spbcx_controller_destroy;
    status = imp_WdfObjectAllocateContext(&g->pub, (WDFOBJECT)FxDevice, &a, (PVOID *)&ctl);
    if (!NT_SUCCESS(status))
        return status;
    ctl->g = g;
    ctl->config = *Config;
    os_mutex_init(&ctl->lock);
    InitializeListHead(&ctl->targets);
    ctl->dev = dev; /* last: the destroy callback frees the lock once this is set */
    return spbcx_queues(ctl, Config);
}

VOID SpbControllerSetIoOtherCallback(WDFDEVICE FxDevice,
                                     PFN_SPB_CONTROLLER_IO_OTHER EvtSpbControllerIoOther,
                                     PFN_WDF_IO_IN_CALLER_CONTEXT EvtIoInCallerContext)
{
    struct spbcx_controller *ctl =
        spbcx_controller_get(FxDevice, "SpbControllerSetIoOtherCallback");
    ctl->other = EvtSpbControllerIoOther;
    ctl->other_in_caller = EvtIoInCallerContext;
    /* Called before the device is committed (its page): no request arrives yet. */
    if (EvtIoInCallerContext != NULL)
        ctl->dev->in_caller_context = spbcx_in_caller;
}

/* The controller of an SpbControllerSet*Attributes call, its attributes checked. */
static struct spbcx_controller *spbcx_attributes_call(WDFDEVICE device,
                                                      PWDF_OBJECT_ATTRIBUTES attributes,
                                                      const char *ddi, const char *parameter,
                                                      const void *caller)
{
    struct spbcx_controller *ctl = spbcx_controller_get(device, ddi);
    if (attributes == NULL)
        wdf_violation_null(ctl->g, ddi, parameter, caller);
    return ctl;
}

VOID SpbControllerSetRequestAttributes(WDFDEVICE FxDevice, PWDF_OBJECT_ATTRIBUTES RequestAttributes)
{
    struct spbcx_controller *ctl =
        spbcx_attributes_call(FxDevice, RequestAttributes, "SpbControllerSetRequestAttributes",
                              "RequestAttributes", __builtin_return_address(0));
    /* The framework gives every request of the device this context when it makes the request
     * (as WdfDeviceInitSetRequestAttributes does), before EvtIoInCallerContext. */
    ctl->dev->request_attributes = *RequestAttributes;
    ctl->dev->has_request_attributes = TRUE;
}

VOID SpbControllerSetTargetAttributes(WDFDEVICE FxDevice, PWDF_OBJECT_ATTRIBUTES ObjectAttributes)
{
    struct spbcx_controller *ctl =
        spbcx_attributes_call(FxDevice, ObjectAttributes, "SpbControllerSetTargetAttributes",
                              "ObjectAttributes", __builtin_return_address(0));
    ctl->target_attributes = *ObjectAttributes;
    ctl->has_target_attributes = TRUE;
}

NTSTATUS SpbRequestCaptureIoOtherTransferList(SPBREQUEST SpbRequest)
{
    struct spbcx_request *sr =
        spbcx_request_get(SpbRequest, "SpbRequestCaptureIoOtherTransferList");
    return spbcx_capture(sr->ctl, (WDFREQUEST)SpbRequest, sr);
}

VOID SpbRequestComplete(SPBREQUEST Request, NTSTATUS CompletionStatus)
{
    struct spbcx_request *sr = spbcx_request_get(Request, "SpbRequestComplete");
    /* A lock the driver refused is not held. */
    if (sr->type == SpbRequestTypeLockController && !NT_SUCCESS(CompletionStatus))
        spbcx_unlock(sr->ctl, sr->target);
    spbcx_complete(sr->ctl, (WDFREQUEST)Request, CompletionStatus);
}

WDFDEVICE SpbRequestGetController(SPBREQUEST SpbRequest)
{
    return (WDFDEVICE)spbcx_request_get(SpbRequest, "SpbRequestGetController")->ctl->dev;
}

VOID SpbRequestGetParameters(SPBREQUEST SpbRequest, SPB_REQUEST_PARAMETERS *Parameters)
{
    struct spbcx_request *sr = spbcx_request_get(SpbRequest, "SpbRequestGetParameters");
    if (Parameters == NULL)
        wdf_violation_null(sr->ctl->g, "SpbRequestGetParameters", "Parameters",
                           __builtin_return_address(0));
    Parameters->Type = sr->type;
    Parameters->Position = sr->position;
    Parameters->PreviousTransferDirection = sr->previous;
    Parameters->Length = sr->length;
    Parameters->SequenceTransferCount = sr->type == SpbRequestTypeSequence ? sr->count : 0;
}

SPBTARGET SpbRequestGetTarget(SPBREQUEST SpbRequest)
{
    return (SPBTARGET)spbcx_request_get(SpbRequest, "SpbRequestGetTarget")->target;
}

VOID SpbRequestGetTransferParameters(SPBREQUEST SpbRequest, ULONG Index,
                                     SPB_TRANSFER_DESCRIPTOR *TransferDescriptor,
                                     PMDL *TransferBuffer)
{
    struct spbcx_request *sr = spbcx_request_get(SpbRequest, "SpbRequestGetTransferParameters");
    const struct spbcx_transfer *t;
    if (Index >= sr->count)
        wdf_violation(sr->ctl->g, VF_10D_SPB_MISUSE, (ULONG_PTR)SpbRequest, Index, 0,
                      "driver '%s': SpbRequestGetTransferParameters: index %lu of request %p, "
                      "which has %lu transfer(s)",
                      sr->ctl->g->pub.DriverName, (unsigned long)Index, (void *)SpbRequest,
                      (unsigned long)sr->count);
    t = sr->transfers != NULL ? &sr->transfers[Index] : &sr->single;
    if (TransferDescriptor != NULL) {
        USHORT size = TransferDescriptor->Size;
        *TransferDescriptor = t->desc;
        TransferDescriptor->Size = size;
    }
    if (TransferBuffer != NULL)
        *TransferBuffer = t->mdl;
}

VOID SpbTargetGetConnectionParameters(SPBTARGET Target,
                                      SPB_CONNECTION_PARAMETERS *ConnectionParameters)
{
    struct spbcx_target *t = spbcx_target_get(Target, "SpbTargetGetConnectionParameters");
    if (ConnectionParameters == NULL)
        wdf_violation_null(t->obj.owner, "SpbTargetGetConnectionParameters", "ConnectionParameters",
                           __builtin_return_address(0));
    ConnectionParameters->ConnectionTag = NULL; /* drvhost's connections have no tag */
    ConnectionParameters->ConnectionParameters = t->properties;
}

WDFFILEOBJECT SpbTargetGetFileObject(SPBTARGET Target)
{
    return spbcx_target_get(Target, "SpbTargetGetFileObject")->file;
}
