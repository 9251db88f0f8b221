/*
 * manager.c - the PnP manager's start and stop, its thread and action queue, and the root
 * enumerator (\Driver\PnpManager), which owns the PDOs of root-enumerated devices and of the
 * tree's root (HTREE\ROOT\0) and answers their PnP and power IRPs as a bus driver does.
 *
 * The thread: every change of the tree runs on it, one action at a time (pnp.h). Actions come
 * from the host (queued and waited for) and from drivers (IoInvalidateDeviceRelations and the
 * like: queued, not waited for). q_lock guards the queue; it is never held while an action
 * runs.
 */
#include "pnp/pnp_private.h"

#include "io/io.h"
#include "ke/ke.h"
#include "os/os.h"
#include "rtl/rtl.h"

#include <stdlib.h>
#include <string.h>

struct pnp_work {
    struct pnp_work *next;
    NTSTATUS (*fn)(void *context);
    void *context;
    NTSTATUS status;
    bool wait, done;
};

static os_mutex q_lock = OS_MUTEX_INIT;
static os_cond q_changed; /* work queued, work done, idle, stop */
static struct pnp_work *q_head, **q_tail = &q_head;
static bool q_busy, q_stop, q_running;
static uint64_t q_thread_tid;
static os_thread q_thread;
static struct io_driver *root_driver;

bool pnp_on_thread(void)
{
    return os_thread_id() == __atomic_load_n(&q_thread_tid, __ATOMIC_ACQUIRE);
}

PDRIVER_OBJECT pnp_root_driver(void)
{
    return &root_driver->object;
}

/* ---- the queue ------------------------------------------------------------------------- */

static void run_one(struct pnp_work *w)
{
    NTSTATUS status = w->fn(w->context);
    os_mutex_lock(&q_lock);
    if (w->wait) {
        w->status = status;
        w->done = true; /* the waiter frees it (its stack) */
    } else {
        free(w);
    }
    os_mutex_unlock(&q_lock);
}

static void *pnp_thread_main(void *arg)
{
    (void)arg;
    ke_thread_set_kind("pnp", TRUE, FALSE, 0);
    __atomic_store_n(&q_thread_tid, os_thread_id(), __ATOMIC_RELEASE);
    os_mutex_lock(&q_lock);
    for (;;) {
        while (q_head == NULL && !q_stop)
            os_cond_wait(&q_changed, &q_lock);
        if (q_head == NULL)
            break; /* stopping and drained */
        struct pnp_work *w = q_head;
        if ((q_head = w->next) == NULL)
            q_tail = &q_head;
        q_busy = true;
        os_mutex_unlock(&q_lock);
        run_one(w);
        os_mutex_lock(&q_lock);
        q_busy = false;
        os_cond_broadcast(&q_changed);
    }
    os_mutex_unlock(&q_lock);
    ke_thread_exit(STATUS_SUCCESS);
    return NULL;
}

NTSTATUS pnp_queue(NTSTATUS (*fn)(void *), void *context, bool wait)
{
    struct pnp_work local = {.fn = fn, .context = context, .wait = true};
    struct pnp_work *w = &local;
    if (wait && pnp_on_thread())
        return fn(context); /* already inside an action (nested call from an action) */
    if (!wait && (w = calloc(1, sizeof *w)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!wait)
        *w = (struct pnp_work){.fn = fn, .context = context};
    os_mutex_lock(&q_lock);
    if (!q_running) {
        os_mutex_unlock(&q_lock);
        if (!wait)
            free(w);
        return STATUS_DEVICE_NOT_READY;
    }
    *q_tail = w;
    q_tail = &w->next;
    os_cond_broadcast(&q_changed);
    while (wait && !w->done)
        os_cond_wait(&q_changed, &q_lock);
    os_mutex_unlock(&q_lock);
    return wait ? w->status : STATUS_PENDING;
}

void pnp_wait_idle(void)
{
    if (pnp_on_thread())
        return;
    os_mutex_lock(&q_lock);
    while (q_running && (q_head != NULL || q_busy))
        os_cond_wait(&q_changed, &q_lock);
    os_mutex_unlock(&q_lock);
}

NTSTATUS pnp_run_exclusive(NTSTATUS (*fn)(void *context), void *context)
{
    return pnp_queue(fn, context, true);
}

/* ---- the root enumerator --------------------------------------------------------------- */

/* A MULTI_SZ (multi) or a string from paged pool, as a bus driver returns IDs. */
static PWCHAR pool_strings(char *const *list, size_t count, bool multi)
{
    size_t total = 1, at = 0;
    for (size_t i = 0; i < count; i++)
        total += strlen(list[i]) + 1;
    PWCHAR w = ExAllocatePool2(POOL_FLAG_PAGED, total * sizeof(WCHAR), 'PnpR');
    for (size_t i = 0; w != NULL && i < count; i++) {
        size_t n = 0;
        rtl_utf8_to_utf16(list[i], strlen(list[i]), w + at, &n);
        at += n + 1;
    }
    if (w != NULL && multi)
        w[at] = 0;
    return w;
}

static size_t count_ids(char **ids)
{
    size_t n = 0;
    while (ids != NULL && ids[n] != NULL)
        n++;
    return n;
}

/* IRP_MN_QUERY_ID of a root-enumerated PDO: the IDs the Enum key gave its node. */
static NTSTATUS root_query_id(struct pnp_node *node, PIRP irp, PIO_STACK_LOCATION sp)
{
    char buf[256], *one = buf;
    const char *inst = node->instance_id, *last = strrchr(inst, '\\');
    PWCHAR out = NULL;
    switch (sp->Parameters.QueryId.IdType) {
    case BusQueryDeviceID: /* ROOT\SAMPLE of ROOT\SAMPLE\0000 */
        snprintf(buf, sizeof buf, "%.*s", (int)(last ? last - inst : 0), inst);
        out = pool_strings(&one, 1, false);
        break;
    case BusQueryInstanceID:
        snprintf(buf, sizeof buf, "%s", last ? last + 1 : inst);
        out = pool_strings(&one, 1, false);
        break;
    case BusQueryHardwareIDs:
        if (count_ids(node->hardware_ids) == 0)
            return irp->IoStatus.Status;
        out = pool_strings(node->hardware_ids, count_ids(node->hardware_ids), true);
        break;
    case BusQueryCompatibleIDs:
        if (count_ids(node->compatible_ids) == 0)
            return irp->IoStatus.Status;
        out = pool_strings(node->compatible_ids, count_ids(node->compatible_ids), true);
        break;
    default:
        return irp->IoStatus.Status;
    }
    if (out == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->IoStatus.Information = (ULONG_PTR)out;
    return STATUS_SUCCESS;
}

/* TargetDeviceRelation: the PDO itself, referenced (the caller dereferences it). */
static NTSTATUS root_target_relation(PDEVICE_OBJECT pdo, PIRP irp)
{
    PDEVICE_RELATIONS r = ExAllocatePool2(POOL_FLAG_PAGED, sizeof *r, 'PnpR');
    if (r == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    r->Count = 1;
    r->Objects[0] = pdo;
    ObReferenceObject(pdo);
    irp->IoStatus.Information = (ULONG_PTR)r;
    return STATUS_SUCCESS;
}

static NTSTATUS root_pnp_status(PDEVICE_OBJECT pdo, PIRP irp, struct pnp_node *node)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    switch (sp->MinorFunction) {
    case IRP_MN_START_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_CANCEL_REMOVE_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_QUERY_CAPABILITIES:
        return STATUS_SUCCESS;
    case IRP_MN_DEVICE_USAGE_NOTIFICATION: /* nothing of the root bus's is in the file's path */
        return STATUS_SUCCESS;
    case IRP_MN_REMOVE_DEVICE:
        if (node != NULL && node->pdo_gone)
            IoDeleteDevice(pdo); /* the device is gone: the bus deletes its PDO */
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_ID:
        return node != NULL ? root_query_id(node, irp, sp) : irp->IoStatus.Status;
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        if (sp->Parameters.QueryDeviceRelations.Type == TargetDeviceRelation)
            return root_target_relation(pdo, irp);
        return irp->IoStatus.Status;
    default: /* not handled: completed with the status it has, as a PDO does */
        return irp->IoStatus.Status;
    }
}

static NTSTATUS NTAPI root_dispatch_pnp(PDEVICE_OBJECT pdo, PIRP irp)
{
    NTSTATUS status = root_pnp_status(pdo, irp, pnp_node_of_pdo(pdo));
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* Power IRPs of a root PDO: the bus driver's part (nothing to power), success for SET_POWER
 * and QUERY_POWER; the others keep their status. PoStartNextPowerIrp is not called: since
 * Windows Vista it is not needed. */
static NTSTATUS NTAPI root_dispatch_power(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = irp->IoStatus.Status;
    (void)pdo;
    if (sp->MinorFunction == IRP_MN_SET_POWER || sp->MinorFunction == IRP_MN_QUERY_POWER)
        status = STATUS_SUCCESS;
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

NTSTATUS pnp_root_pdo_create(PDEVICE_OBJECT *pdo)
{
    NTSTATUS status = IoCreateDevice(&root_driver->object, 0, NULL, FILE_DEVICE_UNKNOWN,
                                     FILE_AUTOGENERATED_DEVICE_NAME, FALSE, pdo);
    if (NT_SUCCESS(status))
        (*pdo)->Flags &= ~DO_DEVICE_INITIALIZING;
    return status;
}

/* ---- start and stop -------------------------------------------------------------------- */

static NTSTATUS create_root_node(void)
{
    PDEVICE_OBJECT pdo;
    struct pnp_node *root;
    NTSTATUS status = pnp_root_pdo_create(&pdo);
    if (!NT_SUCCESS(status))
        return status;
    pnp_tree_lock();
    status = pnp_node_create(NULL, pdo, "HTREE\\ROOT\\0", &root);
    pnp_tree_unlock();
    if (!NT_SUCCESS(status))
        IoDeleteDevice(pdo);
    if (NT_SUCCESS(status)) {
        root->state = PNP_NODE_STARTED;
        root->stack_built = true;
        root->root_enumerated = true;
    }
    return status;
}

static NTSTATUS NTAPI bus_dispatch_other(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    (void)pdo;
    if (sp->MajorFunction == IRP_MJ_CREATE || sp->MajorFunction == IRP_MJ_CLOSE ||
        sp->MajorFunction == IRP_MJ_CLEANUP)
        status = STATUS_SUCCESS;
    else if (sp->MajorFunction == IRP_MJ_SYSTEM_CONTROL)
        status = irp->IoStatus.Status;
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

NTSTATUS pnp_bus_driver_create(const char *name, PDRIVER_DISPATCH pnp, PDRIVER_DISPATCH internal,
                               struct io_driver **driver)
{
    NTSTATUS status = io_driver_create(name, driver);
    if (!NT_SUCCESS(status))
        return status;
    for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        (*driver)->object.MajorFunction[i] = bus_dispatch_other;
    (*driver)->object.MajorFunction[IRP_MJ_PNP] = pnp;
    (*driver)->object.MajorFunction[IRP_MJ_POWER] = root_dispatch_power;
    (*driver)->object.MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = internal;
    return STATUS_SUCCESS;
}

NTSTATUS pnp_init(void)
{
    NTSTATUS status = io_driver_create("PnpManager", &root_driver);
    if (!NT_SUCCESS(status))
        return status;
    root_driver->object.MajorFunction[IRP_MJ_PNP] = root_dispatch_pnp;
    root_driver->object.MajorFunction[IRP_MJ_POWER] = root_dispatch_power;
    status = create_root_node();
    if (!NT_SUCCESS(status)) {
        io_driver_destroy(root_driver);
        root_driver = NULL;
        return status;
    }
    os_cond_init(&q_changed);
    io_set_last_close_hook(pnp_last_close);
    q_stop = false;
    q_running = true;
    if (os_thread_create(&q_thread, pnp_thread_main, NULL, "pnp") != 0) {
        q_running = false;
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

/* The whole tree removed, children first (REMOVE_DEVICE to every stack, as when the devices
 * are uninstalled: the drivers free what they hold before the loader unloads them). */
static NTSTATUS remove_all(void *context)
{
    struct pnp_node *root = pnp_root();
    (void)context;
    while (root != NULL && root->child != NULL)
        pnp_subtree_remove(root->child, false, false);
    return STATUS_SUCCESS;
}

size_t pnp_shutdown(void)
{
    if (root_driver == NULL)
        return 0;
    io_set_last_close_hook(NULL);
    pnp_queue(remove_all, NULL, true);
    os_mutex_lock(&q_lock);
    q_stop = true;
    os_cond_broadcast(&q_changed);
    os_mutex_unlock(&q_lock);
    os_thread_join(&q_thread);
    __atomic_store_n(&q_thread_tid, 0, __ATOMIC_RELEASE);
    os_mutex_lock(&q_lock);
    q_running = false;
    os_mutex_unlock(&q_lock);
    pnp_tree_lock();
    struct pnp_node *root = pnp_root();
    if (root != NULL)
        pnp_node_free(root);
    pnp_tree_unlock();
    pnp_store_free();
    pnp_resources_free();
    pnp_reshub_free();
    io_driver_destroy(root_driver); /* deletes the root's PDO */
    root_driver = NULL;
    return 0;
}
