/*
 * wmi_consumer.c - the WMI consumer routines of a driver: IoWMIOpenBlock, IoWMIQueryAllData,
 * IoWMISetNotificationCallback. (IoWMIQuerySingleInstance is not provided: it needs the
 * instance names of the REGINFO reply mapped to providers and indexes, which wmi.c does not
 * keep.)
 *
 * A data block object (an object of type "WmiGuid", closed with ObDereferenceObject) names a
 * GUID some registered provider listed in its REGINFO reply (wmi.c keeps that table), and the
 * access rights it was opened with. Queries go to every provider of the GUID as
 * IRP_MJ_SYSTEM_CONTROL requests, each into a buffer of WMI's own (retried once with the size a
 * WNODE_TOO_SMALL asks for), then the replies are chained into the caller's buffer.
 *
 * Notifications: a callback set on an object is a subscription (struct io_wmi_sub) on a list;
 * every event a provider raises (IoWMIWriteEvent, WmiFireEvent) is copied and handed to the
 * subscriptions of its GUID from a system worker, as Windows calls them at PASSIVE_LEVEL.
 * Locking: io_wmi_sub_lock protects the list and each subscription's busy/calling/closed/
 * orphan fields.
 * Lifetime: closing the object (its last reference) unlinks the subscription, so that a
 * delivery not yet begun skips its callback, and waits for the callbacks running, so a driver
 * may unload once it dereferenced its objects. A callback that dereferences its own object
 * waits for the other threads' callbacks, not for itself (io_wmi_calling says which
 * subscription the thread is calling); the last delivery then frees the orphan. Session 15: a
 * single `sender` thread field, overwritten when two workers delivered events of one
 * subscription at once, let such a close skip the wait for the other callback, or wait for
 * itself for ever (test_wmic.c notification_close_in_callback_*).
 *
 * Deviations from Windows: no security descriptor is checked (every open succeeds for a
 * registered GUID); the WMIGUID_NOTIFICATION-needs-SYNCHRONIZE rule is not enforced (the
 * toastmon sample passes WMIGUID_NOTIFICATION alone).
 */
#include "io/io_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#define IO_WMIC_TAG        'cMWD'
#define IO_WMIC_BUFFER     4096
#define IO_WMIC_BUFFER_MAX 0x100000
#define IO_WMIC_PROVIDERS  32 /* the providers of one GUID a query reaches (drvhost's limit) */

#define IO_WMIC_RIGHTS                                                                             \
    (WMIGUID_QUERY | WMIGUID_SET | WMIGUID_NOTIFICATION | WMIGUID_READ_DESCRIPTION |               \
     WMIGUID_EXECUTE)

struct io_wmi_sub {
    struct io_wmi_sub *next;
    GUID guid;
    WMI_NOTIFICATION_CALLBACK callback;
    PVOID context;
    LONG busy;      /* deliveries holding it, queued or running (io_wmi_sub_lock) */
    LONG calling;   /* callbacks running now, on any thread */
    BOOLEAN closed; /* unlinked: deliveries not yet begun skip the callback */
    BOOLEAN orphan; /* closed while deliveries held it: the last one frees it */
};

/* The subscription whose callback this thread runs, NULL when none: a close from within that
 * callback does not wait for itself. A worker runs one callback at a time (deliveries are
 * always queued, never run inline), so one pointer per thread is the whole count. */
static __thread struct io_wmi_sub *io_wmi_calling;

struct io_wmi_block {
    GUID guid;
    ULONG access;
    struct io_wmi_sub *sub; /* the notification callback, NULL when none */
};

static void io_wmi_block_close(void *body);
static struct ob_type io_wmi_block_type = {"WmiGuid", io_wmi_block_close};

static os_mutex io_wmi_sub_lock = OS_MUTEX_INIT;
static os_cond io_wmi_sub_idle;
static LONG io_wmi_sub_cond_ready;
static struct io_wmi_sub *io_wmi_subs;

static void io_wmi_sub_cond_locked(void)
{
    if (!io_wmi_sub_cond_ready) {
        os_cond_init(&io_wmi_sub_idle);
        io_wmi_sub_cond_ready = 1;
    }
}

/* Unlinks a subscription and waits for its callbacks in flight (see the file comment). */
static void io_wmi_sub_close(struct io_wmi_sub *sub)
{
    os_mutex_lock(&io_wmi_sub_lock);
    struct io_wmi_sub **at = &io_wmi_subs;
    while (*at != NULL && *at != sub)
        at = &(*at)->next;
    if (*at != NULL)
        *at = sub->next;
    sub->closed = TRUE;
    LONG own = io_wmi_calling == sub;
    while (sub->calling > own) {
        io_wmi_sub_cond_locked();
        os_cond_wait(&io_wmi_sub_idle, &io_wmi_sub_lock);
    }
    BOOLEAN orphan = sub->busy > 0;
    sub->orphan = orphan;
    os_mutex_unlock(&io_wmi_sub_lock);
    if (!orphan)
        ex_free(sub);
}

static void io_wmi_block_close(void *body)
{
    struct io_wmi_block *block = body;
    if (block->sub != NULL)
        io_wmi_sub_close(block->sub);
}

/* The data block object, or NULL (reported) for anything else. */
static struct io_wmi_block *io_wmi_block_of(PVOID object, const char *routine)
{
    if (object == NULL || ob_type_of(object) != &io_wmi_block_type) {
        rtl_diag(RTL_DIAG_WARN, "io", "%s: %p is no WMI data block object (IoWMIOpenBlock)",
                 routine, object);
        return NULL;
    }
    return object;
}

NTKERNELAPI NTSTATUS NTAPI IoWMIOpenBlock(LPCGUID Guid, ULONG DesiredAccess, PVOID *DataBlockObject)
{
    vf_check_irql_at_most(APC_LEVEL, "IoWMIOpenBlock", NULL, NULL);
    if (Guid == NULL || DataBlockObject == NULL)
        return STATUS_INVALID_PARAMETER;
    *DataBlockObject = NULL;
    /* An object for events may be opened before any provider of the GUID registers: its
     * callback gets the events of providers that come later. The pages do not say so; the
     * toaster monitor sample relies on it (it fails its AddDevice when this open fails, and
     * watches for toasters that arrive after it). Queries, sets and methods need a provider. */
    if (!(DesiredAccess & WMIGUID_NOTIFICATION) && io_wmi_providers_of(Guid, NULL, 0) == 0)
        return STATUS_WMI_GUID_NOT_FOUND;
    struct io_wmi_block *block = ob_create(&io_wmi_block_type, sizeof(*block));
    if (block == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    block->guid = *Guid;
    /* Standard rights (SYNCHRONIZE, ...) are accepted; only the WMIGUID_ bits grant anything. */
    block->access = DesiredAccess & IO_WMIC_RIGHTS;
    *DataBlockObject = block;
    return STATUS_SUCCESS;
}

/* One provider's reply to a query of `minor`: *reply is an ex_alloc'd WNODE (its BufferSize
 * bytes), `head` the request's WNODE header (size bytes, the rest of the buffer zero). */
static NTSTATUS io_wmi_query_one(PDEVICE_OBJECT device, UCHAR minor, const void *head,
                                 ULONG head_size, PWNODE_HEADER *reply)
{
    ULONG size = IO_WMIC_BUFFER;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    *reply = NULL;
    for (int attempt = 0; attempt < 2; attempt++) {
        PWNODE_HEADER w = ex_alloc(size, IO_WMIC_TAG);
        ULONG_PTR info = 0;
        if (w == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(w, head, head_size);
        w->BufferSize = size;
        w->ProviderId = IoWMIDeviceObjectToProviderId(device);
        status = io_wmi_send_to(device, minor, &w->Guid, w, size, &info);
        if (NT_SUCCESS(status) && (w->Flags & WNODE_FLAG_TOO_SMALL))
            status = STATUS_BUFFER_TOO_SMALL;
        if (NT_SUCCESS(status) && (w->BufferSize < sizeof(WNODE_HEADER) || w->BufferSize > size)) {
            rtl_diag(RTL_DIAG_WARN, "io",
                     "WMI query of device %p: the reply's WnodeHeader.BufferSize %u is outside "
                     "the %u-byte buffer",
                     (void *)device, w->BufferSize, size);
            status = STATUS_WMI_GUID_NOT_FOUND;
        }
        if (NT_SUCCESS(status)) {
            *reply = w;
            return status;
        }
        ULONG needed = ((PWNODE_TOO_SMALL)w)->SizeNeeded;
        ex_free(w);
        if (status != STATUS_BUFFER_TOO_SMALL || needed <= size || needed > IO_WMIC_BUFFER_MAX)
            break;
        size = needed;
    }
    return status;
}

/* Sends the query to every provider of the GUID and chains the replies into OutBuffer
 * (Linkage: the offset of the next WNODE, 8-byte aligned; 0 in the last). */
static NTSTATUS io_wmi_query(struct io_wmi_block *block, UCHAR minor, const void *head,
                             ULONG head_size, PULONG InOutBufferSize, PVOID OutBuffer)
{
    PDEVICE_OBJECT devices[IO_WMIC_PROVIDERS];
    PWNODE_HEADER replies[IO_WMIC_PROVIDERS];
    ULONG n = io_wmi_providers_of(&block->guid, devices, IO_WMIC_PROVIDERS), got = 0, total = 0;
    NTSTATUS status = STATUS_WMI_GUID_NOT_FOUND;
    if (n > IO_WMIC_PROVIDERS)
        n = IO_WMIC_PROVIDERS;
    for (ULONG i = 0; i < n; i++) {
        NTSTATUS s = io_wmi_query_one(devices[i], minor, head, head_size, &replies[got]);
        ObDereferenceObject(devices[i]);
        if (NT_SUCCESS(s)) {
            total = (total + 7) & ~7u;
            total += replies[got++]->BufferSize;
        } else if (status == STATUS_WMI_GUID_NOT_FOUND) {
            status = s; /* the first failure is the answer when nobody succeeds */
        }
    }
    if (got > 0) {
        if (total > *InOutBufferSize || OutBuffer == NULL) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            ULONG at = 0;
            PWNODE_HEADER prev = NULL;
            for (ULONG i = 0; i < got; i++) {
                at = (at + 7) & ~7u;
                if (prev != NULL)
                    prev->Linkage = (ULONG)((PUCHAR)OutBuffer + at - (PUCHAR)prev);
                prev = (PWNODE_HEADER)((PUCHAR)OutBuffer + at);
                memcpy(prev, replies[i], replies[i]->BufferSize);
                prev->Linkage = 0;
                at += replies[i]->BufferSize;
            }
            status = STATUS_SUCCESS;
        }
        *InOutBufferSize = total;
    }
    for (ULONG i = 0; i < got; i++)
        ex_free(replies[i]);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI IoWMIQueryAllData(PVOID DataBlockObject, PULONG InOutBufferSize,
                                             PVOID OutBuffer)
{
    vf_check_irql_at_most(APC_LEVEL, "IoWMIQueryAllData", NULL, NULL);
    struct io_wmi_block *block = io_wmi_block_of(DataBlockObject, "IoWMIQueryAllData");
    if (block == NULL || InOutBufferSize == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!(block->access & WMIGUID_QUERY))
        return STATUS_ACCESS_DENIED;
    WNODE_ALL_DATA head = {0};
    head.WnodeHeader.Guid = block->guid;
    head.WnodeHeader.Flags = WNODE_FLAG_ALL_DATA;
    return io_wmi_query(block, IRP_MN_QUERY_ALL_DATA, &head, sizeof(head), InOutBufferSize,
                        OutBuffer);
}

NTKERNELAPI NTSTATUS NTAPI IoWMISetNotificationCallback(PVOID Object,
                                                        WMI_NOTIFICATION_CALLBACK Callback,
                                                        PVOID Context)
{
    vf_check_irql_at_most(APC_LEVEL, "IoWMISetNotificationCallback", NULL, NULL);
    struct io_wmi_block *block = io_wmi_block_of(Object, "IoWMISetNotificationCallback");
    if (block == NULL || Callback == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!(block->access & WMIGUID_NOTIFICATION))
        return STATUS_ACCESS_DENIED;
    struct io_wmi_sub *sub = ex_alloc(sizeof(*sub), IO_WMIC_TAG);
    if (sub == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    sub->guid = block->guid;
    sub->callback = Callback;
    sub->context = Context;
    /* A second call replaces the callback: the old subscription goes first. */
    if (block->sub != NULL)
        io_wmi_sub_close(block->sub);
    block->sub = sub;
    os_mutex_lock(&io_wmi_sub_lock);
    sub->next = io_wmi_subs;
    io_wmi_subs = sub;
    os_mutex_unlock(&io_wmi_sub_lock);
    return STATUS_SUCCESS;
}

struct io_wmi_delivery {
    ULONG count;
    struct io_wmi_sub **subs; /* each busy until its callback returned */
    WNODE_HEADER wnode;       /* followed by the rest of the event */
};

static void io_wmi_deliver(void *context)
{
    struct io_wmi_delivery *d = context;
    for (ULONG i = 0; i < d->count; i++) {
        struct io_wmi_sub *sub = d->subs[i];
        os_mutex_lock(&io_wmi_sub_lock);
        BOOLEAN closed = sub->closed;
        if (!closed)
            sub->calling++;
        os_mutex_unlock(&io_wmi_sub_lock);
        if (!closed) {
            io_wmi_calling = sub;
            sub->callback(&d->wnode, sub->context);
            io_wmi_calling = NULL;
        }
        os_mutex_lock(&io_wmi_sub_lock);
        if (!closed)
            sub->calling--;
        BOOLEAN orphan = --sub->busy == 0 && sub->orphan;
        io_wmi_sub_cond_locked();
        os_cond_broadcast(&io_wmi_sub_idle);
        os_mutex_unlock(&io_wmi_sub_lock);
        if (orphan)
            ex_free(sub);
    }
    ex_free(d->subs);
    ex_free(d);
}

void io_wmi_notify(const WNODE_HEADER *wnode)
{
    ULONG count = 0, n = 0;
    os_mutex_lock(&io_wmi_sub_lock);
    for (struct io_wmi_sub *s = io_wmi_subs; s != NULL; s = s->next)
        count += IsEqualGUID(&s->guid, &wnode->Guid);
    os_mutex_unlock(&io_wmi_sub_lock);
    if (count == 0)
        return;
    struct io_wmi_delivery *d =
        ex_alloc(FIELD_OFFSET(struct io_wmi_delivery, wnode) + wnode->BufferSize, IO_WMIC_TAG);
    struct io_wmi_sub **subs = ex_alloc(count * sizeof(*subs), IO_WMIC_TAG);
    if (d == NULL || subs == NULL) {
        ex_free(d);
        ex_free(subs);
        return; /* as WMI drops an event it cannot deliver */
    }
    memcpy(&d->wnode, wnode, wnode->BufferSize);
    os_mutex_lock(&io_wmi_sub_lock);
    for (struct io_wmi_sub *s = io_wmi_subs; s != NULL && n < count; s = s->next) {
        if (IsEqualGUID(&s->guid, &wnode->Guid)) {
            s->busy++;
            subs[n++] = s;
        }
    }
    os_mutex_unlock(&io_wmi_sub_lock);
    d->count = n;
    d->subs = subs;
    ex_queue_work(io_wmi_deliver, d);
}
