/*
 * wmi.c - IoWMIRegistrationControl and the IRP_MJ_SYSTEM_CONTROL requests WMI sends.
 *
 * What is modelled: a registration list (device objects, each referenced while registered);
 * right after WMIREG_ACTION_REGISTER (and REREGISTER, UPDATE_GUIDS) a system worker sends the
 * device's stack IRP_MN_REGINFO_EX (IRP_MN_REGINFO when the driver rejects the _EX form with
 * STATUS_INVALID_DEVICE_REQUEST), ProviderId = the device object, DataPath = WMIREGISTER or
 * WMIUPDATE, a 4 KiB buffer (one retry with the size the driver asks for on
 * STATUS_BUFFER_TOO_SMALL, up to 64 KiB), as Windows' WMI does asynchronously. The WMIREGINFO
 * the driver returns gives the registration its GUID table (the WMIREGGUID entries of every
 * WMIREGINFO in the chain; a later reply replaces it): the consumer routines (wmi_consumer.c)
 * find a block's providers there. WMIREG_FLAG_CALLBACK registrations are STATUS_NOT_SUPPORTED.
 *
 * Locking: io_wmi_lock protects the list and each registration's busy/orphan fields.
 * Lifetime: a registration holds a device reference; a queued request holds another until its
 * IRP is done. Deregistering waits (io_wmi_idle) until the registration is not busy, unless the
 * caller is the thread sending (a driver deregistering from within the request): then the
 * registration is an orphan the worker frees.
 */
#include "io/io_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>

#define IO_WMI_TAG        'iMWD'
#define IO_WMI_BUFFER     4096
#define IO_WMI_BUFFER_MAX 65536

struct io_wmi_reg {
    struct io_wmi_reg *next;
    PDEVICE_OBJECT device;
    BOOLEAN blocked; /* WMIREG_ACTION_BLOCK_IRPS */
    LONG busy;       /* requests being sent (io_wmi_lock) */
    BOOLEAN orphan;  /* deregistered from within a request: the worker frees it */
    GUID *guids;     /* the blocks of the last REGINFO reply (io_wmi_lock), ex_alloc'd */
    ULONG guid_count;
};

static void io_wmi_reg_free(struct io_wmi_reg *reg)
{
    ObDereferenceObject(reg->device);
    ex_free(reg->guids);
    ex_free(reg);
}

static os_mutex io_wmi_lock = OS_MUTEX_INIT;
static os_cond io_wmi_idle; /* a registration's busy count dropped to 0 */
static LONG io_wmi_cond_ready;
static struct io_wmi_reg *io_wmi_list;

/* The condition variable is made on first use (a static initialiser would not pick the
 * monotonic clock os_cond_init sets). Called under io_wmi_lock. */
static void io_wmi_cond_locked(void)
{
    if (!io_wmi_cond_ready) {
        os_cond_init(&io_wmi_idle);
        io_wmi_cond_ready = 1;
    }
}

struct io_wmi_request {
    PDEVICE_OBJECT device; /* referenced */
    ULONG_PTR data_path;
};

static struct io_wmi_reg **io_wmi_find_locked(PDEVICE_OBJECT device)
{
    struct io_wmi_reg **at = &io_wmi_list;
    while (*at != NULL && (*at)->device != device)
        at = &(*at)->next;
    return at;
}

/* Sends one IRP_MJ_SYSTEM_CONTROL to the top of the device's stack and waits for it. */
static NTSTATUS io_wmi_send(PDEVICE_OBJECT device, UCHAR minor, ULONG_PTR data_path, void *buffer,
                            ULONG size, ULONG_PTR *information)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(device);
    PIRP irp = io_irp_alloc_hosted(top->StackSize, NULL, NULL);
    IO_STATUS_BLOCK iosb = {0};
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    if (irp != NULL) {
        PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
        irp->IoStatus.Status = STATUS_NOT_SUPPORTED; /* as for every IRP the system builds */
        irp->Tail.Overlay.Thread = (PETHREAD)KeGetCurrentThread();
        irp->RequestorMode = KernelMode;
        sp->MajorFunction = IRP_MJ_SYSTEM_CONTROL;
        sp->MinorFunction = minor;
        sp->Parameters.WMI.ProviderId = (ULONG_PTR)device;
        sp->Parameters.WMI.DataPath = (PVOID)data_path;
        sp->Parameters.WMI.BufferSize = size;
        sp->Parameters.WMI.Buffer = buffer;
        status = io_call_and_wait(top, irp, &iosb);
        io_irp_free(irp);
        *information = iosb.Information;
    }
    ObDereferenceObject(top);
    return status;
}

/* The GUIDs of a REGINFO reply of `size` bytes (the chain of WMIREGINFO); a malformed reply
 * is reported and gives no GUIDs. */
static ULONG io_wmi_parse_reginfo(const UCHAR *buffer, ULONG size, GUID **guids)
{
    ULONG count = 0, at = 0, capacity = 0;
    *guids = NULL;
    for (;;) {
        const WMIREGINFO *r = (const WMIREGINFO *)(buffer + at);
        if (size - at < sizeof(WMIREGINFO) || r->BufferSize > size - at ||
            r->GuidCount > (r->BufferSize - sizeof(WMIREGINFO)) / sizeof(WMIREGGUID)) {
            rtl_diag(RTL_DIAG_WARN, "io",
                     "WMI registration: malformed WMIREGINFO at offset %u of the %u-byte reply "
                     "(BufferSize or GuidCount out of range); its GUIDs are ignored",
                     at, size);
            ex_free(*guids);
            *guids = NULL;
            return 0;
        }
        if (count + r->GuidCount > capacity) {
            capacity = count + r->GuidCount;
            GUID *grown = ex_alloc(capacity * sizeof(GUID), IO_WMI_TAG);
            if (grown == NULL)
                break;
            if (*guids != NULL)
                memcpy(grown, *guids, count * sizeof(GUID));
            ex_free(*guids);
            *guids = grown;
        }
        for (ULONG i = 0; i < r->GuidCount; i++)
            (*guids)[count++] = r->WmiRegGuid[i].Guid;
        if (r->NextWmiRegInfo == 0 || r->NextWmiRegInfo >= size - at)
            break;
        at += r->NextWmiRegInfo;
    }
    return count;
}

static void io_wmi_set_guids(struct io_wmi_reg *reg, const void *buffer, ULONG size)
{
    GUID *guids, *old;
    ULONG count = io_wmi_parse_reginfo(buffer, size, &guids);
    os_mutex_lock(&io_wmi_lock);
    old = reg->guids;
    reg->guids = guids;
    reg->guid_count = count;
    os_mutex_unlock(&io_wmi_lock);
    ex_free(old);
}

/* The registration information request, with WMI's retries (see the file comment); the
 * reply fills the registration's GUID table. */
static NTSTATUS io_wmi_reginfo(struct io_wmi_reg *reg, PDEVICE_OBJECT device, ULONG_PTR data_path)
{
    ULONG size = IO_WMI_BUFFER;
    UCHAR minor = IRP_MN_REGINFO_EX;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    for (int attempt = 0; attempt < 3; attempt++) {
        ULONG_PTR info = 0;
        ULONG *buffer = ex_alloc(size, IO_WMI_TAG);
        if (buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        status = io_wmi_send(device, minor, data_path, buffer, size, &info);
        ULONG wanted = buffer[0];
        if (NT_SUCCESS(status))
            io_wmi_set_guids(reg, buffer, (ULONG)(info < size ? info : size));
        ex_free(buffer);
        if (status == STATUS_INVALID_DEVICE_REQUEST && minor == IRP_MN_REGINFO_EX)
            minor = IRP_MN_REGINFO;
        else if (status == STATUS_BUFFER_TOO_SMALL && wanted > size && wanted <= IO_WMI_BUFFER_MAX)
            size = wanted;
        else
            break;
    }
    return status;
}

/* Marks a registration busy for a request to its device (the calling thread sends it), or
 * returns NULL when the device gets no request: not registered, blocked, or being deleted (its
 * driver may be gone). Deregistering waits until it is not busy (io_wmi_busy_end). */
/* The registration the calling thread is sending a request to (the innermost), and how many
 * of that registration's `busy` are this thread's: deregistering from within a request waits
 * for the other threads' requests only (session 14: a single `sender` field, overwritten by a
 * second thread's request, let the deregistration skip the wait for a worker's REGINFO still
 * reading the driver's memory: tsan wmi_scenario_failures). */
static __thread struct io_wmi_reg *io_wmi_sending;
static __thread LONG io_wmi_sending_depth;

struct io_wmi_scope {
    struct io_wmi_reg *reg, *prev;
    LONG prev_depth;
};

static struct io_wmi_reg *io_wmi_busy_begin(PDEVICE_OBJECT device, struct io_wmi_scope *scope)
{
    os_mutex_lock(&io_wmi_lock);
    struct io_wmi_reg *reg = *io_wmi_find_locked(device);
    if (reg != NULL &&
        (reg->blocked || __atomic_load_n(&io_device_of(device)->delete_pending, __ATOMIC_ACQUIRE)))
        reg = NULL;
    if (reg != NULL)
        reg->busy++;
    os_mutex_unlock(&io_wmi_lock);
    scope->reg = reg;
    if (reg != NULL) {
        scope->prev = io_wmi_sending;
        scope->prev_depth = io_wmi_sending_depth;
        io_wmi_sending_depth = io_wmi_sending == reg ? io_wmi_sending_depth + 1 : 1;
        io_wmi_sending = reg;
    }
    return reg;
}

/* The request is done: wakes a deregistration waiting for it, frees an orphan. */
static void io_wmi_busy_end(struct io_wmi_scope *scope)
{
    struct io_wmi_reg *reg = scope->reg;
    io_wmi_sending = scope->prev;
    io_wmi_sending_depth = scope->prev_depth;
    os_mutex_lock(&io_wmi_lock);
    BOOLEAN orphan = --reg->busy == 0 && reg->orphan;
    if (reg->busy == 0) {
        io_wmi_cond_locked();
        os_cond_broadcast(&io_wmi_idle);
    }
    os_mutex_unlock(&io_wmi_lock);
    if (orphan)
        io_wmi_reg_free(reg);
}

static void io_wmi_worker(void *context)
{
    struct io_wmi_request *r = context;
    struct io_wmi_scope scope;
    struct io_wmi_reg *reg = io_wmi_busy_begin(r->device, &scope);
    if (reg != NULL) {
        NTSTATUS status = io_wmi_reginfo(reg, r->device, r->data_path);
        if (!NT_SUCCESS(status) && !rtl_dbg_quiet()) {
            const char *name = rtl_status_name(status);
            rtl_diag(RTL_DIAG_WARN, "io",
                     "WMI registration of device %p: the driver answered the "
                     "registration request with %s (0x%08X)",
                     (void *)r->device, name ? name : "a failure", (ULONG)status);
        }
        io_wmi_busy_end(&scope);
    }
    ObDereferenceObject(r->device);
    ex_free(r);
}

static NTSTATUS io_wmi_queue_reginfo(PDEVICE_OBJECT device, ULONG_PTR data_path)
{
    struct io_wmi_request *r = ex_alloc(sizeof(*r), IO_WMI_TAG);
    if (r == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    ObReferenceObject(device);
    r->device = device;
    r->data_path = data_path;
    ex_queue_work(io_wmi_worker, r);
    return STATUS_SUCCESS;
}

static NTSTATUS io_wmi_register(PDEVICE_OBJECT device)
{
    struct io_wmi_reg *reg = ex_alloc(sizeof(*reg), IO_WMI_TAG);
    if (reg == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_lock(&io_wmi_lock);
    if (*io_wmi_find_locked(device) != NULL) {
        os_mutex_unlock(&io_wmi_lock);
        ex_free(reg);
        return STATUS_OBJECT_NAME_EXISTS; /* drvhost's choice: the page names no status */
    }
    ObReferenceObject(device);
    reg->device = device;
    reg->next = io_wmi_list;
    io_wmi_list = reg;
    os_mutex_unlock(&io_wmi_lock);
    return io_wmi_queue_reginfo(device, WMIREGISTER);
}

static NTSTATUS io_wmi_deregister(PDEVICE_OBJECT device)
{
    struct io_wmi_reg **at, *reg;
    LONG own;
    os_mutex_lock(&io_wmi_lock);
    at = io_wmi_find_locked(device);
    reg = *at;
    if (reg != NULL)
        *at = reg->next;
    /* As on Windows, deregistering waits for the WMI requests in flight, so the driver may
     * delete the device afterwards; not when called from within one (it would wait for
     * itself). */
    own = reg != NULL && io_wmi_sending == reg ? io_wmi_sending_depth : 0;
    while (reg != NULL && reg->busy > own) {
        io_wmi_cond_locked();
        os_cond_wait(&io_wmi_idle, &io_wmi_lock);
    }
    BOOLEAN orphan = reg != NULL && reg->busy > 0; /* called from within a request */
    if (orphan)
        reg->orphan = TRUE;
    os_mutex_unlock(&io_wmi_lock);
    if (reg == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!orphan)
        io_wmi_reg_free(reg);
    return STATUS_SUCCESS;
}

static NTSTATUS io_wmi_block(PDEVICE_OBJECT device)
{
    struct io_wmi_reg *reg;
    os_mutex_lock(&io_wmi_lock);
    reg = *io_wmi_find_locked(device);
    if (reg != NULL)
        reg->blocked = TRUE;
    os_mutex_unlock(&io_wmi_lock);
    return reg != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

static BOOLEAN io_wmi_registered(PDEVICE_OBJECT device)
{
    os_mutex_lock(&io_wmi_lock);
    BOOLEAN found = *io_wmi_find_locked(device) != NULL;
    os_mutex_unlock(&io_wmi_lock);
    return found;
}

NTKERNELAPI NTSTATUS NTAPI IoWMIRegistrationControl(PDEVICE_OBJECT DeviceObject, ULONG Action)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoWMIRegistrationControl", NULL, NULL);
    if (Action & WMIREG_FLAG_CALLBACK)
        return STATUS_NOT_SUPPORTED;
    if (DeviceObject == NULL || ob_type_of(DeviceObject) != &ob_type_device)
        return STATUS_INVALID_PARAMETER;
    switch (Action) {
    case WMIREG_ACTION_REGISTER:
        return io_wmi_register(DeviceObject);
    case WMIREG_ACTION_DEREGISTER:
        return io_wmi_deregister(DeviceObject);
    case WMIREG_ACTION_REREGISTER:
        if (!io_wmi_registered(DeviceObject))
            return STATUS_INVALID_PARAMETER;
        return io_wmi_queue_reginfo(DeviceObject, WMIREGISTER);
    case WMIREG_ACTION_UPDATE_GUIDS:
        if (!io_wmi_registered(DeviceObject))
            return STATUS_INVALID_PARAMETER;
        return io_wmi_queue_reginfo(DeviceObject, WMIUPDATE);
    case WMIREG_ACTION_BLOCK_IRPS:
        return io_wmi_block(DeviceObject);
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

/* Registrations left at shutdown: the driver deleted a device without deregistering it
 * (Windows requires WMIREG_ACTION_DEREGISTER before IoDeleteDevice). Reported and released. */
void io_wmi_shutdown(void)
{
    io_wmi_events_shutdown();
    os_mutex_lock(&io_wmi_lock);
    while (io_wmi_list != NULL) {
        struct io_wmi_reg *reg = io_wmi_list;
        io_wmi_list = reg->next;
        rtl_diag(RTL_DIAG_WARN, "io",
                 "device %p is still registered with WMI (no "
                 "WMIREG_ACTION_DEREGISTER before IoDeleteDevice)",
                 (void *)reg->device);
        io_wmi_reg_free(reg);
    }
    os_mutex_unlock(&io_wmi_lock);
}

/* ---- requests of a data consumer (the host's scenarios) ----------------------------------- */

/* The named device object, referenced; STATUS_OBJECT_NAME_NOT_FOUND for anything else. */
NTSTATUS io_wmi_device_by_name(PCUNICODE_STRING name, PDEVICE_OBJECT *device)
{
    void *object = NULL;
    UNICODE_STRING rest;
    NTSTATUS status = ob_lookup(name, &object, &rest);
    if (!NT_SUCCESS(status))
        return status;
    if (ob_type_of(object) != &ob_type_device || rest.Length != 0) {
        ObDereferenceObject(object);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    *device = object;
    return STATUS_SUCCESS;
}

/* Which device of a PnP stack a data consumer reaches: WMI names a PnP device's blocks after
 * its PDO's instance, whichever driver of the stack registered them (the framework registers
 * its FDO). The top-most registered device, referenced; NULL when none is. */
PDEVICE_OBJECT io_wmi_provider_in_stack(PDEVICE_OBJECT pdo)
{
    PDEVICE_OBJECT d = IoGetAttachedDeviceReference(pdo);
    while (d != NULL) {
        os_mutex_lock(&io_wmi_lock);
        bool registered = *io_wmi_find_locked(d) != NULL;
        os_mutex_unlock(&io_wmi_lock);
        if (registered)
            return d;
        PDEVICE_OBJECT lower = IoGetLowerDeviceObject(d);
        ObDereferenceObject(d);
        d = lower;
    }
    return NULL;
}

NTSTATUS io_wmi_request(PDEVICE_OBJECT device, UCHAR minor, void *buffer, ULONG size,
                        ULONG_PTR *information)
{
    *information = 0;
    struct io_wmi_scope scope;
    struct io_wmi_reg *reg = io_wmi_busy_begin(device, &scope);
    /* WMI knows only the blocks of registered providers. */
    NTSTATUS status = STATUS_WMI_GUID_NOT_FOUND;
    if (reg != NULL) {
        /* DataPath of a data request: the GUID of the block (the WNODE's). */
        status = io_wmi_send(device, minor, (ULONG_PTR) & ((PWNODE_HEADER)buffer)->Guid, buffer,
                             size, information);
        io_wmi_busy_end(&scope);
    }
    return status;
}

static BOOLEAN io_wmi_has_guid_locked(const struct io_wmi_reg *reg, const GUID *guid)
{
    for (ULONG i = 0; i < reg->guid_count; i++)
        if (IsEqualGUID(&reg->guids[i], guid))
            return TRUE;
    return FALSE;
}

ULONG io_wmi_providers_of(const GUID *guid, PDEVICE_OBJECT *devices, ULONG max)
{
    ULONG n = 0;
    os_mutex_lock(&io_wmi_lock);
    for (struct io_wmi_reg *reg = io_wmi_list; reg != NULL; reg = reg->next) {
        if (reg->blocked || !io_wmi_has_guid_locked(reg, guid))
            continue;
        if (devices != NULL && n < max)
            ObReferenceObject(devices[n] = reg->device);
        n++;
    }
    os_mutex_unlock(&io_wmi_lock);
    return n;
}

NTSTATUS io_wmi_send_to(PDEVICE_OBJECT device, UCHAR minor, const GUID *guid, void *buffer,
                        ULONG size, ULONG_PTR *information)
{
    struct io_wmi_scope scope;
    struct io_wmi_reg *reg = io_wmi_busy_begin(device, &scope);
    NTSTATUS status = STATUS_WMI_GUID_NOT_FOUND; /* deregistered or blocked meanwhile */
    *information = 0;
    if (reg != NULL) {
        status = io_wmi_send(device, minor, (ULONG_PTR)guid, buffer, size, information);
        io_wmi_busy_end(&scope);
    }
    return status;
}

NTSTATUS io_wmi_take_event_of(PDEVICE_OBJECT device, const GUID *guid, void **wnode, ULONG *size)
{
    return io_wmi_take_event(IoWMIDeviceObjectToProviderId(device), guid, wnode, size);
}
