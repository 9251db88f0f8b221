/*
 * enum.c - identifying devices and enumerating buses: the identification IRPs sent to a new
 * PDO (QUERY_ID, QUERY_CAPABILITIES, QUERY_DEVICE_TEXT, QUERY_BUS_INFORMATION) and
 * QUERY_DEVICE_RELATIONS/BusRelations to a started device: the children it reports that the
 * tree does not have are created, identified and started; those it no longer reports are
 * removed (surprise-removed if started), children before parents.
 *
 * Instance IDs of bus-enumerated children: <device ID>\<instance ID> when the PDO's
 * capabilities say UniqueID; otherwise the instance ID is prefixed with the parent's prefix,
 * "<n>&<8 hex digits>&0&" as Windows's ParentIdPrefix reads (drvhost derives the hex digits
 * from a hash of the parent's instance ID; Windows's values differ).
 *
 * PnP thread only.
 */
#include "pnp/pnp_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- IDs ---------------------------------------------------------------------------------- */

/* A driver's ID buffer: each character must be printable ASCII (above space, below 0x7F), no
 * ','; a device ID may hold '\', an instance ID not (PNP_DETECTED_FATAL_ERROR 0xCA/3). */
static void check_id(PDEVICE_OBJECT pdo, const WCHAR *id, size_t n, ULONG type)
{
    for (size_t i = 0; i < n; i++) {
        WCHAR c = id[i];
        if (c <= 0x20 || c >= 0x7F || c == ',' || (c == '\\' && type == BusQueryInstanceID))
            vf_pnp_fatal(VF_CA_INVALID_ID, (ULONG_PTR)pdo, (ULONG_PTR)id, type + 1,
                         "the bus driver returned an ID with the character 0x%02X at %zu", c, i);
    }
}

/* QUERY_ID of one type to the PDO: the strings (a MULTI_SZ for hardware and compatible IDs),
 * NULL when the bus does not answer. */
static char **query_id(PDEVICE_OBJECT pdo, BUS_QUERY_ID_TYPE type)
{
    ULONG_PTR info = 0;
    char **list;
    struct {
        BUS_QUERY_ID_TYPE IdType;
    } params = {type};
    if (!NT_SUCCESS(pnp_irp(pdo, IRP_MN_QUERY_ID, &params, sizeof params, &info)) || info == 0)
        return NULL;
    const WCHAR *w = (const WCHAR *)info;
    bool multi = type == BusQueryHardwareIDs || type == BusQueryCompatibleIDs;
    size_t count = 0, at = 0;
    while (w[at] != 0) { /* the strings of a MULTI_SZ, or the one string */
        size_t len = 0;
        while (w[at + len] != 0)
            len++;
        check_id(pdo, w + at, len, type);
        at += len + 1;
        count++;
        if (!multi)
            break;
    }
    list = calloc(count + 1, sizeof *list);
    at = 0;
    for (size_t i = 0; list != NULL && i < count; i++) {
        size_t len = 0, out = 0;
        while (w[at + len] != 0)
            len++;
        if ((list[i] = malloc(len + 1)) != NULL)
            rtl_utf16_to_utf8(w + at, len, list[i], &out);
        at += len + 1;
    }
    ExFreePool((PVOID)info);
    return list;
}

static void query_caps(struct pnp_node *node)
{
    DEVICE_CAPABILITIES caps;
    memset(&caps, 0, sizeof caps);
    caps.Size = sizeof caps;
    caps.Version = 1;
    caps.Address = (ULONG)-1;
    caps.UINumber = (ULONG)-1;
    PDEVICE_CAPABILITIES p = &caps;
    if (NT_SUCCESS(pnp_irp(node->pdo, IRP_MN_QUERY_CAPABILITIES, &p, sizeof p, NULL)))
        node->caps = caps;
}

static void query_text(struct pnp_node *node)
{
    ULONG_PTR info = 0;
    struct {
        DEVICE_TEXT_TYPE DeviceTextType;
        LCID LocaleId;
    } params = {DeviceTextDescription, 0x409};
    if (!NT_SUCCESS(pnp_irp(node->pdo, IRP_MN_QUERY_DEVICE_TEXT, &params, sizeof params, &info)) ||
        info == 0)
        return;
    const WCHAR *w = (const WCHAR *)info;
    size_t len = 0, out = 0;
    while (w[len] != 0)
        len++;
    char *text = malloc(3 * len + 1);
    if (text != NULL && rtl_utf16_to_utf8(w, len, text, &out)) {
        free(node->description);
        node->description = text;
    } else {
        free(text);
    }
    ExFreePool((PVOID)info);
}

static void query_bus_information(struct pnp_node *node)
{
    ULONG_PTR info = 0;
    if (NT_SUCCESS(pnp_irp(node->pdo, IRP_MN_QUERY_BUS_INFORMATION, NULL, 0, &info)) && info)
        ExFreePool((PVOID)info); /* not kept: nothing in drvhost reads the bus type yet */
}

void pnp_node_query_caps(struct pnp_node *node)
{
    query_caps(node);
}

NTSTATUS pnp_node_query(struct pnp_node *node)
{
    query_caps(node);
    query_text(node);
    query_bus_information(node);
    return STATUS_SUCCESS;
}

/* ---- children ------------------------------------------------------------------------------ */

static unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h & 0xFFFFFFFFul;
}

/* The instance ID of a new child, from its device ID and instance ID. */
static char *child_instance(struct pnp_node *parent, const char *device_id, const char *instance,
                            bool unique)
{
    char prefix[32] = "";
    size_t n;
    if (!unique)
        snprintf(prefix, sizeof prefix, "%u&%08lx&0&", parent->depth + 1,
                 hash(parent->instance_id));
    n = strlen(device_id) + strlen(prefix) + strlen(instance) + 2;
    char *id = malloc(n);
    if (id != NULL)
        snprintf(id, n, "%s\\%s%s", device_id, prefix, instance);
    return id;
}

/* A PDO the bus reports for the first time: identified, given a node. */
static struct pnp_node *new_child(struct pnp_node *parent, PDEVICE_OBJECT pdo)
{
    struct pnp_node probe = {.pdo = pdo}, *node = NULL;
    char **device_id = query_id(pdo, BusQueryDeviceID), **instance;
    if (device_id == NULL || device_id[0] == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "pnp", "%s: a child PDO %p answered no device ID: ignored",
                 parent->instance_id, (void *)pdo);
        pnp_ids_free(device_id);
        return NULL;
    }
    query_caps(&probe);
    instance = query_id(pdo, BusQueryInstanceID);
    char *id = child_instance(parent, device_id[0], instance && instance[0] ? instance[0] : "0",
                              probe.caps.UniqueID);
    pnp_ids_free(device_id);
    pnp_ids_free(instance);
    if (id == NULL)
        return NULL;
    pnp_tree_lock();
    struct pnp_node *other = pnp_node_find(id);
    if (other != NULL) {
        pnp_tree_unlock();
        vf_pnp_fatal(VF_CA_DUPLICATE_PDO, (ULONG_PTR)pdo, (ULONG_PTR)other->pdo, 0,
                     "two PDOs report the instance ID %s", id);
    }
    NTSTATUS status = pnp_node_create(parent, pdo, id, &node);
    pnp_tree_unlock();
    free(id);
    if (!NT_SUCCESS(status))
        return NULL;
    pdo->Flags |= DO_BUS_ENUMERATED_DEVICE;
    node->caps = probe.caps;
    node->hardware_ids = query_id(pdo, BusQueryHardwareIDs);
    node->compatible_ids = query_id(pdo, BusQueryCompatibleIDs);
    query_text(node);
    query_bus_information(node);
    return node;
}

struct relations {
    PDEVICE_OBJECT *pdo;
    size_t n;
};

/* BusRelations of a started node, the PDOs referenced (NULL list: none). FALSE when the
 * stack did not answer (the children stay as they are). */
static bool query_bus_relations(struct pnp_node *node, struct relations *r)
{
    ULONG_PTR info = 0;
    DEVICE_RELATION_TYPE type = BusRelations;
    NTSTATUS status = pnp_irp(node->pdo, IRP_MN_QUERY_DEVICE_RELATIONS, &type, sizeof type, &info);
    r->pdo = NULL;
    r->n = 0;
    if (!NT_SUCCESS(status))
        return false;
    PDEVICE_RELATIONS rel = (PDEVICE_RELATIONS)info;
    if (rel == NULL)
        return true;
    r->pdo = malloc((rel->Count + 1) * sizeof *r->pdo);
    for (ULONG i = 0; i < rel->Count; i++) {
        if (r->pdo != NULL)
            r->pdo[r->n++] = rel->Objects[i]; /* the reference passes to us */
        else
            ObDereferenceObject(rel->Objects[i]);
    }
    ExFreePool(rel);
    return true;
}

static bool listed(const struct relations *r, PDEVICE_OBJECT pdo)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->pdo[i] == pdo)
            return true;
    return false;
}

/* Children no longer reported: surprise-removed when they were started, then removed. */
static void remove_missing(struct pnp_node *node, const struct relations *r)
{
    struct pnp_node *c = node->child;
    while (c != NULL) {
        struct pnp_node *next = c->sibling;
        if (!listed(r, c->pdo) && !c->remove_pending) {
            c->reported_missing = true;
            pnp_subtree_remove(c, c->state == PNP_NODE_STARTED, false);
        }
        c = next;
    }
}

NTSTATUS pnp_enumerate(struct pnp_node *node)
{
    struct relations r;
    struct pnp_node *added[64];
    size_t nadded = 0;
    if (node->state != PNP_NODE_STARTED || !query_bus_relations(node, &r))
        return STATUS_SUCCESS;
    remove_missing(node, &r);
    for (size_t i = 0; i < r.n; i++) {
        struct pnp_node *c = pnp_node_of_pdo(r.pdo[i]);
        if (c == NULL && (c = new_child(node, r.pdo[i])) != NULL && nadded < 64)
            added[nadded++] = c;
        else if (c != NULL && c->parent == node && c->state == PNP_NODE_REMOVED && nadded < 64)
            added[nadded++] = c; /* ejected, yet still on the bus: started again */
        else if (c != NULL && c->parent != node)
            vf_pnp_fatal(VF_CA_DUPLICATE_PDO, (ULONG_PTR)r.pdo[i], (ULONG_PTR)c->pdo, 0,
                         "a PDO of %s is reported by %s too", c->parent->instance_id,
                         node->instance_id);
        ObDereferenceObject(r.pdo[i]);
    }
    free(r.pdo);
    for (size_t i = 0; i < nadded; i++)
        pnp_node_start(added[i]);
    return STATUS_SUCCESS;
}
