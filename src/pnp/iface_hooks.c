/*
 * iface_hooks.c - the part of device interfaces and PnP notifications the rest of the manager
 * calls (pnp_iface_node_removed, pnp_notify_target, pnp_interface_path), the lock and the
 * per-device state they share with interface.c and notify.c, and calling a registration's
 * callback.
 *
 * This file defines no exported DDI and calls the DDIs it needs through their exported names
 * (IoSetDeviceInterfaceState, IoGetDeviceInterfaces, ExFreePool): a white-box test that links
 * the internal library takes this object alone, and the state changes still happen in
 * libdrvhost.so's one copy of interface.c and notify.c (docs/building.md, "How tests are
 * built"). Its own allocations are malloc'ed for the same reason.
 *
 * Locking: iface_lock (below) guards the device list, each device's interface and target
 * lists, every registration's refs/active/dead fields and the notification queue. No driver
 * code runs under it.
 */
#include "pnp/pnp_private.h"

#include "rtl/rtl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static os_mutex iface_lock = OS_MUTEX_INIT;
static os_cond idle_cond; /* a registration's last running callback returned */
static os_once idle_once = OS_ONCE_INIT;
static LIST_ENTRY iface_devs = {&iface_devs, &iface_devs};

static void idle_init(void)
{
    os_cond_init(&idle_cond);
}

void pnp_iface_lock(void)
{
    os_mutex_lock(&iface_lock);
}

void pnp_iface_unlock(void)
{
    os_mutex_unlock(&iface_lock);
}

const char *pnp_guid_text(const GUID *g, char buf[39])
{
    snprintf(buf, 39, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
    return buf;
}

struct pnp_iface_dev *pnp_iface_dev_get(struct pnp_node *node)
{
    if (node->interfaces != NULL)
        return node->interfaces;
    struct pnp_iface_dev *dev = calloc(1, sizeof *dev);
    if (dev == NULL || (dev->instance_id = strdup(node->instance_id)) == NULL) {
        free(dev);
        return NULL;
    }
    dev->node = node;
    InitializeListHead(&dev->ifaces);
    InitializeListHead(&dev->targets);
    InsertTailList(&iface_devs, &dev->entry);
    node->interfaces = dev;
    return dev;
}

struct pnp_iface_dev *pnp_iface_dev_next(struct pnp_iface_dev *dev)
{
    PLIST_ENTRY e = dev != NULL ? dev->entry.Flink : iface_devs.Flink;
    return e != &iface_devs ? CONTAINING_RECORD(e, struct pnp_iface_dev, entry) : NULL;
}

/* ---- calling a registration ------------------------------------------------------------ */

NTSTATUS pnp_notify_call(struct pnp_notify_reg *reg, PVOID notification)
{
    pnp_iface_lock();
    if (reg->dead) {
        pnp_iface_unlock();
        return STATUS_SUCCESS;
    }
    reg->active++;
    reg->thread = os_thread_id();
    pnp_iface_unlock();
    NTSTATUS status = reg->callback(notification, reg->context);
    pnp_iface_lock();
    if (--reg->active == 0) {
        os_run_once(&idle_once, idle_init);
        os_cond_broadcast(&idle_cond);
    }
    pnp_iface_unlock();
    return status;
}

void pnp_notify_wait_idle(struct pnp_notify_reg *reg)
{
    os_run_once(&idle_once, idle_init);
    uint64_t self = os_thread_id();
    while (reg->active > 0 && !(reg->active == 1 && reg->thread == self))
        os_cond_wait(&idle_cond, &iface_lock);
}

void pnp_notify_put(struct pnp_notify_reg *reg)
{
    pnp_iface_lock();
    LONG left = --reg->refs;
    pnp_iface_unlock();
    if (left != 0)
        return;
    ObDereferenceObject(reg->driver); /* the driver image may go after this */
    free(reg);
}

void pnp_notify_detach_targets(struct pnp_iface_dev *dev)
{
    while (!IsListEmpty(&dev->targets)) {
        PLIST_ENTRY e = RemoveHeadList(&dev->targets);
        struct pnp_notify_reg *reg = CONTAINING_RECORD(e, struct pnp_notify_reg, target_entry);
        InitializeListHead(&reg->target_entry); /* its unregistration then unlinks nothing */
    }
}

/* ---- target-device events of the manager ---------------------------------------------- */

/* The registrations of a device, referenced, in order (NULL and *n 0 if none). */
static struct pnp_notify_reg **target_snapshot(struct pnp_node *node, size_t *n)
{
    struct pnp_notify_reg **regs = NULL;
    *n = 0;
    pnp_iface_lock();
    struct pnp_iface_dev *dev = node->interfaces;
    size_t count = 0;
    for (PLIST_ENTRY e = dev ? dev->targets.Flink : NULL; e != NULL && e != &dev->targets;
         e = e->Flink)
        count++;
    if (count > 0 && (regs = malloc(count * sizeof *regs)) != NULL) {
        for (PLIST_ENTRY e = dev->targets.Flink; e != &dev->targets; e = e->Flink) {
            regs[*n] = CONTAINING_RECORD(e, struct pnp_notify_reg, target_entry);
            regs[(*n)++]->refs++;
        }
    }
    pnp_iface_unlock();
    return regs;
}

static NTSTATUS target_call(struct pnp_notify_reg *reg, const GUID *event)
{
    TARGET_DEVICE_REMOVAL_NOTIFICATION n = {
        .Version = 1, .Size = sizeof n, .Event = *event, .FileObject = reg->file};
    return pnp_notify_call(reg, &n);
}

NTSTATUS pnp_notify_target(struct pnp_node *node, const GUID *event)
{
    size_t n;
    struct pnp_notify_reg **regs = target_snapshot(node, &n);
    BOOLEAN query = IsEqualGUID(event, &GUID_TARGET_DEVICE_QUERY_REMOVE);
    NTSTATUS veto = STATUS_SUCCESS;
    size_t told = 0;
    for (; told < n && NT_SUCCESS(veto); told++) {
        NTSTATUS status = target_call(regs[told], event);
        if (query && !NT_SUCCESS(status))
            veto = status; /* only a query can be refused; the others are told */
    }
    /* A veto: the callbacks that agreed (the refusing one included, as it was asked) hear
     * that the removal is off. */
    for (size_t i = 0; !NT_SUCCESS(veto) && i < told; i++)
        target_call(regs[i], &GUID_TARGET_DEVICE_REMOVE_CANCELLED);
    /* The stack's cancel that follows (action.c) must not tell them a second time. */
    node->cancel_told = !NT_SUCCESS(veto);
    for (size_t i = 0; i < n; i++)
        pnp_notify_put(regs[i]);
    free(regs);
    return veto;
}

/* ---- a node going away ------------------------------------------------------------------ */

/* Copies of the node's enabled links (malloc'ed UNICODE_STRINGs), taken under the lock. */
static UNICODE_STRING *enabled_links(struct pnp_iface_dev *dev, size_t *n)
{
    size_t count = 0;
    *n = 0;
    for (PLIST_ENTRY e = dev->ifaces.Flink; e != &dev->ifaces; e = e->Flink)
        count += CONTAINING_RECORD(e, struct pnp_iface, entry)->enabled;
    UNICODE_STRING *links = count ? calloc(count, sizeof *links) : NULL;
    for (PLIST_ENTRY e = dev->ifaces.Flink; links != NULL && e != &dev->ifaces; e = e->Flink) {
        struct pnp_iface *i = CONTAINING_RECORD(e, struct pnp_iface, entry);
        if (!i->enabled)
            continue;
        links[*n] = i->link;
        links[*n].Buffer = malloc(i->link.MaximumLength);
        if (links[*n].Buffer != NULL)
            memcpy(links[(*n)++].Buffer, i->link.Buffer, i->link.MaximumLength);
    }
    return links;
}

static void free_dev(struct pnp_iface_dev *dev)
{
    while (!IsListEmpty(&dev->ifaces)) {
        struct pnp_iface *i =
            CONTAINING_RECORD(RemoveHeadList(&dev->ifaces), struct pnp_iface, entry);
        free(i->link.Buffer);
        free(i->ref_key);
        free(i);
    }
    free(dev->instance_id);
    free(dev);
}

void pnp_iface_node_removed(struct pnp_node *node)
{
    pnp_iface_lock();
    struct pnp_iface_dev *dev = node->interfaces;
    size_t n = 0;
    UNICODE_STRING *links = dev != NULL ? enabled_links(dev, &n) : NULL;
    pnp_iface_unlock();
    /* What the driver left enabled, as IoSetDeviceInterfaceState(FALSE) would: link deleted,
     * Linked cleared, GUID_DEVICE_INTERFACE_REMOVAL queued. */
    for (size_t i = 0; i < n; i++) {
        IoSetDeviceInterfaceState(&links[i], FALSE);
        free(links[i].Buffer);
    }
    free(links);
    if (dev == NULL)
        return;
    pnp_iface_lock();
    RemoveEntryList(&dev->entry);
    pnp_notify_detach_targets(dev);
    node->interfaces = NULL;
    pnp_iface_unlock();
    free_dev(dev);
}

/* ---- the host's `open H {GUID} [N]` ------------------------------------------------------- */

NTSTATUS pnp_interface_path(const GUID *guid, unsigned n, char **path)
{
    PZZWSTR list = NULL;
    NTSTATUS status = IoGetDeviceInterfaces(guid, NULL, 0, &list);
    if (!NT_SUCCESS(status))
        return status;
    PWSTR s = list;
    for (unsigned i = 0; i < n && *s != 0; i++)
        while (*s++ != 0)
            ;
    status = STATUS_OBJECT_NAME_NOT_FOUND;
    if (*s != 0) {
        size_t len = 0, out_len;
        while (s[len] != 0)
            len++;
        *path = malloc(3 * len + 1);
        status = *path == NULL                                ? STATUS_NO_MEMORY
                 : rtl_utf16_to_utf8(s, len, *path, &out_len) ? STATUS_SUCCESS
                                                              : STATUS_OBJECT_NAME_INVALID;
        if (!NT_SUCCESS(status)) {
            free(*path);
            *path = NULL;
        }
    }
    ExFreePool(list);
    return status;
}
