/*
 * action.c - what the PnP manager does to devices: start (install, stack, START_DEVICE and the
 * queries that follow it), orderly removal (QUERY_REMOVE then REMOVE_DEVICE, or CANCEL_REMOVE
 * after a veto), surprise removal (SURPRISE_REMOVAL then REMOVE_DEVICE), disable and enable,
 * restart (QUERY_STOP, STOP, START: a rebalance), in the orders of the "Starting a Device",
 * "Removing a Device" and "Stopping a Device" pages; children before their parents.
 *
 * Every function here runs on the PnP thread, one action at a time (manager.c); the tree lock
 * is taken only to change links.
 *
 * After a surprise removal REMOVE_DEVICE waits for the last handle open on the subtree's
 * stacks, as on Windows (io's last-close hook queues the check: pnp_last_close).
 */
#include "pnp/pnp_private.h"

#include "io/io.h"
#include "ldr/ldr.h"
#include "rtl/rtl.h"

#include <wdmguid.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- start ---------------------------------------------------------------------------------- */

static void query_device_state(struct pnp_node *node)
{
    ULONG_PTR info = 0;
    if (NT_SUCCESS(pnp_irp(node->pdo, IRP_MN_QUERY_PNP_DEVICE_STATE, NULL, 0, &info)))
        node->pnp_device_state = (ULONG)info;
}

/* START_DEVICE with the device's resources (resources.c); a device the host gave none gets
 * empty lists (software devices have no hardware resources). */
static NTSTATUS send_start(struct pnp_node *node)
{
    CM_RESOURCE_LIST raw = {0}, translated = {0};
    struct {
        PCM_RESOURCE_LIST AllocatedResources;
        PCM_RESOURCE_LIST AllocatedResourcesTranslated;
    } params = {&raw, &translated};
    pnp_resources_of(node, &params.AllocatedResources, &params.AllocatedResourcesTranslated);
    return pnp_irp(node->pdo, IRP_MN_START_DEVICE, &params, sizeof params, NULL);
}

/* After a successful START_DEVICE, as Windows does: the capabilities again (a function driver
 * may change them), the PnP device state, the bus relations. */
static void after_start(struct pnp_node *node)
{
    node->state = PNP_NODE_STARTED;
    node->problem = 0;
    node->problem_status = STATUS_SUCCESS;
    pnp_node_query_caps(node);
    query_device_state(node);
    pnp_enumerate(node);
}

static NTSTATUS install_and_build(struct pnp_node *node)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (node->service == NULL)
        status = pnp_install_node(node);
    /* DEVICE_CAPABILITIES.RawDeviceOK: the bus driver drives the device when there is no
     * function driver, so no matching package is no failure for it (raw mode). */
    if (status == STATUS_NOT_FOUND && node->service == NULL && node->caps.RawDeviceOK)
        status = STATUS_SUCCESS;
    if (!NT_SUCCESS(status) || (node->service == NULL && !node->caps.RawDeviceOK)) {
        pnp_node_fail(node, CM_PROB_FAILED_INSTALL, NT_SUCCESS(status) ? STATUS_NOT_FOUND : status,
                      status == STATUS_NOT_FOUND || NT_SUCCESS(status)
                          ? "no driver package matches its IDs"
                          : "installing its driver failed");
        return NT_SUCCESS(status) ? STATUS_NOT_FOUND : status;
    }
    return pnp_stack_build(node);
}

/* "IRP_MN_FILTER_RESOURCE_REQUIREMENTS": QUERY_RESOURCE_REQUIREMENTS goes to the parent bus
 * driver alone, before the function driver attaches; the bus completes it untouched (NULL
 * list) for a device without hardware resources. */
static ULONG_PTR query_requirements(struct pnp_node *node)
{
    ULONG_PTR info = 0;
    if (!NT_SUCCESS(pnp_irp_pdo(node->pdo, IRP_MN_QUERY_RESOURCE_REQUIREMENTS, &info)))
        return 0;
    return info;
}

/* FILTER_RESOURCE_REQUIREMENTS to the full stack, the bus's list in IoStatus.Information.
 * A driver that resizes the list frees the old one and returns a new one; the manager frees
 * what comes back. Deviation: there is no arbiter: START_DEVICE gets the resources the host
 * gave the device (resources.c), or, when it gave none, the first alternative of the list
 * that comes back, unchecked (pnp_resources_from_requirements). */
static void filter_requirements(struct pnp_node *node, ULONG_PTR list)
{
    ULONG_PTR info = list;
    PIO_RESOURCE_REQUIREMENTS_LIST param = (PIO_RESOURCE_REQUIREMENTS_LIST)list;
    NTSTATUS status =
        pnp_irp_in(node->pdo, IRP_MN_FILTER_RESOURCE_REQUIREMENTS, &param, sizeof param, &info);
    ULONG_PTR last = NT_SUCCESS(status) ? info : list;
    pnp_resources_from_requirements(node, (PIO_RESOURCE_REQUIREMENTS_LIST)last);
    if (last != 0)
        ExFreePool((PVOID)last);
}

NTSTATUS pnp_node_start(struct pnp_node *node)
{
    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR requirements = query_requirements(node);
    if (!node->stack_built)
        status = install_and_build(node);
    if (!NT_SUCCESS(status)) {
        if (requirements != 0)
            ExFreePool((PVOID)requirements);
        return status;
    }
    filter_requirements(node, requirements);
    status = send_start(node);
    if (!NT_SUCCESS(status)) {
        pnp_node_fail(node, CM_PROB_FAILED_START, status, "START_DEVICE failed");
        pnp_stack_remove(node); /* Windows sends REMOVE_DEVICE after a failed start */
        return status;
    }
    after_start(node);
    return STATUS_SUCCESS;
}

/* ---- removal -------------------------------------------------------------------------------- */

static bool has_stack(const struct pnp_node *node)
{
    return node->stack_built;
}

/* SURPRISE_REMOVAL to the subtree, leaves first; each node's interfaces go and its target
 * notifications say so. */
static void surprise_subtree(struct pnp_node *node)
{
    for (struct pnp_node *c = node->child; c != NULL; c = c->sibling)
        surprise_subtree(c);
    if (node->state == PNP_NODE_STARTED || node->state == PNP_NODE_STOPPED) {
        pnp_irp(node->pdo, IRP_MN_SURPRISE_REMOVAL, NULL, 0, NULL);
        node->state = PNP_NODE_SURPRISE_REMOVED;
        /* Before the interfaces go: they hold the target registrations. */
        pnp_notify_target(node, &GUID_TARGET_DEVICE_REMOVE_COMPLETE);
        pnp_iface_node_removed(node);
    }
}

static void free_node(struct pnp_node *node)
{
    pnp_tree_lock();
    pnp_node_free(node);
    pnp_tree_unlock();
}

/* The drivers of a stack, referenced (top first, the PDO's driver last). */
struct stack_drivers {
    PDRIVER_OBJECT driver[16];
    size_t n;
};

static void collect_drivers(PDEVICE_OBJECT pdo, struct stack_drivers *s)
{
    s->n = 0;
    pnp_tree_lock(); /* the attachment chain, as pnp_node_of reads it */
    for (PDEVICE_OBJECT d = IoGetAttachedDevice(pdo); d != NULL && s->n < 16;
         d = ((struct io_device *)d)->attached_to) {
        ObReferenceObject(d->DriverObject);
        s->driver[s->n++] = d->DriverObject;
    }
    pnp_tree_unlock();
}

/* A PnP driver is unloaded once its last device object is gone, as Windows does (DriverUnload,
 * then the image). The root enumerator stays. */
static void unload_unused(struct stack_drivers *s)
{
    for (size_t i = 0; i < s->n; i++) {
        PDRIVER_OBJECT d = s->driver[i];
        char service[128];
        size_t n = 0, len = d->DriverName.Length / sizeof(WCHAR);
        bool unused = d->DeviceObject == NULL && d != pnp_root_driver() && len > 8 && len < 40;
        if (unused && rtl_utf16_to_utf8(d->DriverName.Buffer + 8, len - 8, service, &n))
            ldr_unload(service); /* "\Driver\" dropped */
        ObDereferenceObject(d);
    }
}

/* Nodes waiting for their REMOVE_DEVICE (read by the closing thread's hook without the PnP
 * thread: atomic). */
static int pending_removals;

/* REMOVE_DEVICE to the subtree, leaves first; the nodes are freed (keep: the top one stays
 * without a stack). A PDO gets REMOVE_DEVICE even without a stack when its node goes, so that
 * its bus driver can delete it. */
static void remove_subtree(struct pnp_node *node, bool keep)
{
    if (node->remove_pending) {
        node->remove_pending = false;
        __atomic_sub_fetch(&pending_removals, 1, __ATOMIC_SEQ_CST);
    }
    while (node->child != NULL)
        remove_subtree(node->child, false);
    bool started = node->state == PNP_NODE_STARTED || node->state == PNP_NODE_STOPPED ||
                   node->state == PNP_NODE_QUERY_REMOVED;
    if (!keep && node->root_enumerated)
        node->pdo_gone = true;
    struct stack_drivers drivers = {0};
    if (has_stack(node) || !keep) {
        collect_drivers(node->pdo, &drivers);
        pnp_irp(node->pdo, IRP_MN_REMOVE_DEVICE, NULL, 0, NULL);
        node->stack_built = false;
    }
    if (started) {
        /* Before the interfaces go: they hold the target registrations. */
        pnp_notify_target(node, &GUID_TARGET_DEVICE_REMOVE_COMPLETE);
        pnp_iface_node_removed(node);
    }
    node->state = PNP_NODE_REMOVED;
    if (!keep)
        free_node(node);
    unload_unused(&drivers);
}

/* A file object open on a device of the subtree's stacks (each holds ReferenceCount). */
static bool subtree_open(struct pnp_node *node)
{
    for (struct pnp_node *c = node->child; c != NULL; c = c->sibling)
        if (subtree_open(c))
            return true;
    bool open = false;
    pnp_tree_lock(); /* the attachment chain */
    for (PDEVICE_OBJECT d = IoGetAttachedDevice(node->pdo); d != NULL && !open;
         d = ((struct io_device *)d)->attached_to)
        open = __atomic_load_n(&d->ReferenceCount, __ATOMIC_SEQ_CST) > 0;
    pnp_tree_unlock();
    return open;
}

/* "Understanding When Remove IRPs Are Issued": after a surprise removal, REMOVE_DEVICE comes
 * once every handle to the device is closed. Until then the node stays in the tree,
 * surprise-removed, and its bus's PDO with it. */
void pnp_subtree_remove(struct pnp_node *node, bool surprise, bool keep)
{
    if (surprise)
        surprise_subtree(node);
    if (surprise && !keep && subtree_open(node)) {
        if (!node->remove_pending)
            __atomic_add_fetch(&pending_removals, 1, __ATOMIC_SEQ_CST);
        node->remove_pending = true;
        /* Checked again after the count is published: a handle closed in between saw no
         * pending removal and queued nothing (both sides sequentially consistent). */
        if (subtree_open(node))
            return;
    }
    remove_subtree(node, keep);
}

/* The pending removals whose last handle has gone (children before the parent's turn comes:
 * a pending node is removed with its subtree). */
static void remove_closed(struct pnp_node *node)
{
    struct pnp_node *c = node->child;
    while (c != NULL) {
        struct pnp_node *next = c->sibling;
        remove_closed(c);
        c = next;
    }
    if (node->remove_pending && !subtree_open(node))
        pnp_subtree_remove(node, false, false);
}

static NTSTATUS remove_closed_run(void *context)
{
    (void)context;
    if (pnp_root() != NULL)
        remove_closed(pnp_root());
    return STATUS_SUCCESS;
}

/* io's last-close hook (any thread): queues the check on the PnP thread. */
void pnp_last_close(PDEVICE_OBJECT device)
{
    (void)device;
    if (__atomic_load_n(&pending_removals, __ATOMIC_SEQ_CST) > 0)
        pnp_queue(remove_closed_run, NULL, false);
}

/* CANCEL_REMOVE to the nodes already queried (state QUERY_REMOVED), leaves first. */
static void cancel_remove(struct pnp_node *node)
{
    for (struct pnp_node *c = node->child; c != NULL; c = c->sibling)
        cancel_remove(c);
    if (node->state == PNP_NODE_QUERY_REMOVED) {
        pnp_irp(node->pdo, IRP_MN_CANCEL_REMOVE_DEVICE, NULL, 0, NULL);
        node->state = PNP_NODE_STARTED;
        /* Once per subscriber: a vetoing query already told those it asked. */
        if (!node->cancel_told)
            pnp_notify_target(node, &GUID_TARGET_DEVICE_REMOVE_CANCELLED);
        node->cancel_told = false;
    }
}

/* The query phase of an orderly removal, leaves first: the target-device notification (a
 * subscriber may veto), then QUERY_REMOVE_DEVICE to each started stack. */
static NTSTATUS query_remove(struct pnp_node *node)
{
    for (struct pnp_node *c = node->child; c != NULL; c = c->sibling) {
        NTSTATUS status = query_remove(c);
        if (!NT_SUCCESS(status))
            return status;
    }
    if (node->state != PNP_NODE_STARTED)
        return STATUS_SUCCESS;
    NTSTATUS status = pnp_notify_target(node, &GUID_TARGET_DEVICE_QUERY_REMOVE);
    if (NT_SUCCESS(status))
        status = pnp_irp(node->pdo, IRP_MN_QUERY_REMOVE_DEVICE, NULL, 0, NULL);
    /* A veto too leaves the node to be cancelled: Windows sends CANCEL_REMOVE_DEVICE to the
     * whole stack, the driver that failed the query included. */
    node->state = PNP_NODE_QUERY_REMOVED;
    if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_NOTE, "pnp", "%s: removal vetoed (0x%08X)", node->instance_id,
                 (unsigned)status);
    return status;
}

/* ---- removal and ejection relations ---------------------------------------------------------- */

/* The devices whose drivers go with a device's ("IRP_MN_QUERY_DEVICE_RELATIONS": the PnP
 * manager queries RemovalRelations before it removes a device's drivers, and EjectionRelations
 * too before it ejects it). Collected transitively (a relation's own relations join), each once;
 * the device's subtree and its ancestors are left out (children are removed with their parent;
 * an ancestor cannot go before its descendant), and so is a relation inside another relation's
 * subtree (removed with it). */
#define PNP_MAX_RELATIONS 32
struct removal_set {
    struct pnp_node *node[PNP_MAX_RELATIONS];
    size_t n;
};

static bool in_subtree(const struct pnp_node *top, const struct pnp_node *node)
{
    for (; node != NULL; node = node->parent)
        if (node == top)
            return true;
    return false;
}

static bool set_covers(const struct removal_set *set, struct pnp_node *origin,
                       struct pnp_node *node)
{
    if (in_subtree(origin, node) || in_subtree(node, origin))
        return true;
    for (size_t i = 0; i < set->n; i++)
        if (in_subtree(set->node[i], node))
            return true;
    return false;
}

/* A relation's ancestor joining after it: the relation goes with the ancestor's subtree. */
static void set_add(struct removal_set *set, struct pnp_node *node)
{
    size_t kept = 0;
    for (size_t i = 0; i < set->n; i++)
        if (!in_subtree(node, set->node[i]))
            set->node[kept++] = set->node[i];
    set->n = kept;
    if (set->n < PNP_MAX_RELATIONS)
        set->node[set->n++] = node;
    else
        rtl_diag(RTL_DIAG_ERROR, "pnp", "%s: more than %d removal relations: the rest stay",
                 node->instance_id, PNP_MAX_RELATIONS);
}

/* One query of a started stack; every PDO of the answer must be a PDO of the tree (else bug
 * check 0xCA, as Windows does), the references and the structure are the manager's to free. */
static void query_relations(struct pnp_node *of, DEVICE_RELATION_TYPE type, struct pnp_node *origin,
                            struct removal_set *set)
{
    ULONG_PTR info = 0;
    if (of->state != PNP_NODE_STARTED ||
        !NT_SUCCESS(pnp_irp(of->pdo, IRP_MN_QUERY_DEVICE_RELATIONS, &type, sizeof type, &info)) ||
        info == 0)
        return;
    PDEVICE_RELATIONS rel = (PDEVICE_RELATIONS)info;
    for (ULONG i = 0; i < rel->Count; i++) {
        struct pnp_node *r = pnp_node_of_pdo_checked(
            rel->Objects[i], type == RemovalRelations ? "IRP_MN_QUERY_DEVICE_RELATIONS(Removal)"
                                                      : "IRP_MN_QUERY_DEVICE_RELATIONS(Ejection)");
        if (!set_covers(set, origin, r))
            set_add(set, r);
        ObDereferenceObject(rel->Objects[i]);
    }
    ExFreePool(rel);
}

/* The removal relations of `top` and of its descendants (they go with it), leaves first. */
static void query_subtree(struct pnp_node *top, struct pnp_node *origin, struct removal_set *set)
{
    for (struct pnp_node *c = top->child; c != NULL; c = c->sibling)
        query_subtree(c, origin, set);
    query_relations(top, RemovalRelations, origin, set);
}

static void collect_relations(struct pnp_node *node, bool eject, struct removal_set *set)
{
    set->n = 0;
    query_subtree(node, node, set);
    if (eject)
        query_relations(node, EjectionRelations, node, set);
    /* The relations' own (and their subtrees'); the set may shrink as ancestors join. */
    for (size_t i = 0; i < set->n; i++)
        query_subtree(set->node[i], node, set);
}

/* An orderly removal of the device and its removal (and, for an eject, ejection) relations:
 * QUERY_REMOVE to all of them (a veto cancels all), then the relations are removed before the
 * device. Deviation (docs/pnp.md): a relation loses its drivers but its node stays in the tree,
 * removed, as a disabled device does (without the problem): enabling or restarting it starts it
 * again; Windows re-enumerates it. */
static NTSTATUS orderly_remove_related(struct pnp_node *node, bool keep, bool eject)
{
    struct removal_set set;
    collect_relations(node, eject, &set);
    NTSTATUS status = query_remove(node);
    for (size_t i = 0; i < set.n && NT_SUCCESS(status); i++)
        status = query_remove(set.node[i]);
    if (!NT_SUCCESS(status)) {
        for (size_t i = 0; i < set.n; i++)
            cancel_remove(set.node[i]);
        cancel_remove(node);
        return status;
    }
    for (size_t i = 0; i < set.n; i++)
        pnp_subtree_remove(set.node[i], false, true);
    pnp_subtree_remove(node, false, keep);
    return STATUS_SUCCESS;
}

static NTSTATUS orderly_remove(struct pnp_node *node, bool keep)
{
    return orderly_remove_related(node, keep, false);
}

/* IoRequestDeviceEject ("IRP_MN_EJECT"): an orderly removal, then IRP_MN_EJECT to the parent
 * bus driver alone (function and filter drivers do not receive it). The node stays, removed,
 * while its bus still reports it; once the bus leaves it out, its PDO gets a second
 * REMOVE_DEVICE, at which the bus deletes it ("Removing a Device in a Bus Driver"). A
 * root-enumerated device is only removed: the root enumerator has nothing to eject. */
NTSTATUS pnp_node_eject(struct pnp_node *node)
{
    if (node->root_enumerated)
        return orderly_remove_related(node, false, true);
    NTSTATUS status = orderly_remove_related(node, true, true);
    if (!NT_SUCCESS(status))
        return status;
    ULONG_PTR info = 0;
    return pnp_irp_pdo(node->pdo, IRP_MN_EJECT, &info);
}

/* ---- disable, enable, restart ---------------------------------------------------------------- */

static void set_config_flags(struct pnp_node *node, ULONG flags)
{
    HANDLE key;
    char *path = pnp_enum_key_path(node);
    if (path != NULL && NT_SUCCESS(pnp_key_open(path, true, &key))) {
        pnp_key_set_dword(key, "ConfigFlags", flags);
        pnp_key_close(key);
    }
    free(path);
}

#define CONFIGFLAG_DISABLED 0x00000001

static NTSTATUS disable(struct pnp_node *node)
{
    NTSTATUS status = orderly_remove(node, true);
    if (!NT_SUCCESS(status))
        return status;
    node->state = PNP_NODE_DISABLED;
    node->problem = CM_PROB_DISABLED;
    node->problem_status = STATUS_SUCCESS;
    set_config_flags(node, CONFIGFLAG_DISABLED);
    return STATUS_SUCCESS;
}

/* Enable a disabled device, or retry one that failed (its problem cleared). */
static NTSTATUS enable(struct pnp_node *node)
{
    if (node->state == PNP_NODE_STARTED)
        return STATUS_SUCCESS;
    if (node->problem == CM_PROB_DISABLED)
        set_config_flags(node, 0);
    node->problem = 0;
    node->state = PNP_NODE_UNINITIALIZED;
    free(node->service);
    node->service = NULL; /* read again from the Enum key (pnp_install_node) */
    return pnp_node_start(node);
}

/* A rebalance: QUERY_STOP (a veto gets CANCEL_STOP), STOP, START. */
static NTSTATUS restart(struct pnp_node *node)
{
    if (node->state != PNP_NODE_STARTED)
        return enable(node);
    NTSTATUS status = pnp_irp(node->pdo, IRP_MN_QUERY_STOP_DEVICE, NULL, 0, NULL);
    if (!NT_SUCCESS(status)) {
        pnp_irp(node->pdo, IRP_MN_CANCEL_STOP_DEVICE, NULL, 0, NULL);
        return status;
    }
    node->state = PNP_NODE_QUERY_STOPPED;
    pnp_irp(node->pdo, IRP_MN_STOP_DEVICE, NULL, 0, NULL);
    node->state = PNP_NODE_STOPPED;
    status = send_start(node);
    if (!NT_SUCCESS(status)) {
        pnp_subtree_remove(node, false, true);
        pnp_node_fail(node, CM_PROB_FAILED_START, status, "START_DEVICE after a stop failed");
        return status;
    }
    node->state = PNP_NODE_STARTED;
    return STATUS_SUCCESS;
}

/* ---- the host's requests --------------------------------------------------------------------- */

struct action_request {
    const char *instance;
    enum pnp_action action;
};

static NTSTATUS action_run(void *context)
{
    struct action_request *r = context;
    pnp_tree_lock();
    struct pnp_node *node = pnp_node_find(r->instance);
    pnp_tree_unlock();
    if (node == NULL || node == pnp_root())
        return STATUS_NO_SUCH_DEVICE;
    switch (r->action) {
    case PNP_ACTION_REMOVE:
        /* A bus child keeps its node, removed, while its bus still reports it; its PDO gets a
         * second REMOVE_DEVICE once the bus leaves it out ("Removing a Device in a Bus
         * Driver": the PnP manager tracks the enumerated device). */
        return orderly_remove(node, !node->root_enumerated);
    case PNP_ACTION_UNPLUG:
        if (node->root_enumerated)
            node->pdo_gone = true;
        pnp_subtree_remove(node, true, false);
        return STATUS_SUCCESS;
    case PNP_ACTION_DISABLE:
        return disable(node);
    case PNP_ACTION_ENABLE:
        return enable(node);
    case PNP_ACTION_RESTART:
        return restart(node);
    }
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS pnp_device_action(const char *instance, enum pnp_action action)
{
    struct action_request r = {instance, action};
    if (instance == NULL)
        return STATUS_INVALID_PARAMETER;
    return pnp_queue(action_run, &r, true);
}

static NTSTATUS rescan_node(struct pnp_node *node)
{
    for (struct pnp_node *c = node->child; c != NULL;) {
        struct pnp_node *next = c->sibling; /* c may go away while its parent enumerates */
        rescan_node(c);
        c = next;
    }
    return pnp_enumerate(node);
}

static NTSTATUS rescan_run(void *context)
{
    (void)context;
    struct pnp_node *root = pnp_root();
    return root != NULL ? rescan_node(root) : STATUS_SUCCESS;
}

NTSTATUS pnp_rescan(void)
{
    return pnp_queue(rescan_run, NULL, true);
}
