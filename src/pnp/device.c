/*
 * device.c - root-enumerated devices the host creates (`device HWID`), the tree printout, and
 * the DDIs by which drivers ask the PnP manager for work (IoInvalidateDeviceRelations,
 * IoInvalidateDeviceState, IoRequestDeviceEject): they queue an action and return.
 *
 * Instance IDs of root devices: ROOT\<CLASS>\NNNN, CLASS the class name of the best matching
 * driver package in upper case (UNKNOWN when none matches), NNNN the first number free in the
 * tree, as Windows numbers them.
 */
#include "pnp/pnp_private.h"

#include "io/io.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char **copy_ids(const char *first, const char *const *more, size_t n)
{
    char **ids = calloc(n + 2, sizeof *ids);
    size_t k = 0;
    if (ids != NULL && first != NULL)
        ids[k++] = strdup(first);
    for (size_t i = 0; ids != NULL && i < n; i++)
        ids[k++] = strdup(more[i]);
    for (size_t i = 0; ids != NULL && i < k; i++)
        if (ids[i] == NULL) {
            pnp_ids_free(ids);
            return NULL;
        }
    return ids;
}

/* A number whose Enum key exists belongs to the device it was made for (an earlier run's, kept
 * by --registry, or one removed since: Windows keeps a phantom's keys): it is taken again only
 * by a device with the same first hardware ID. */
static bool enum_key_usable(const char *id, const char *hwid)
{
    char path[256], **ids = NULL;
    HANDLE key;
    bool usable = true;
    snprintf(path, sizeof path, "%s\\Enum\\%s", PNP_REG_CCS, id);
    if (NT_SUCCESS(pnp_key_open(path, false, &key))) {
        if (NT_SUCCESS(pnp_key_get_multi(key, "HardwareID", &ids)))
            usable = ids[0] != NULL && strcasecmp(ids[0], hwid) == 0;
        pnp_ids_free(ids);
        pnp_key_close(key);
    }
    return usable;
}

static char *root_instance(char **hwids, char **cids)
{
    char *cls = pnp_match_class(hwids, cids), base[128], id[160];
    snprintf(base, sizeof base, "ROOT\\%s", cls != NULL ? cls : "UNKNOWN");
    free(cls);
    for (char *p = base; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    for (unsigned i = 0; i < 10000; i++) {
        snprintf(id, sizeof id, "%s\\%04u", base, i);
        if (pnp_node_find(id) == NULL && enum_key_usable(id, hwids[0]))
            return strdup(id);
    }
    return NULL;
}

struct create_request {
    const char *hwid;
    const char *const *compatible;
    size_t ncompat;
    char *instance;
    PDEVICE_OBJECT pdo; /* made by another bus of drvhost's (src/usb), or NULL: the root's */
};

static NTSTATUS create_run(void *context)
{
    struct create_request *r = context;
    PDEVICE_OBJECT pdo;
    struct pnp_node *node = NULL;
    char **hw = copy_ids(r->hwid, NULL, 0), **compat = copy_ids(NULL, r->compatible, r->ncompat);
    NTSTATUS status = !hw || !compat   ? STATUS_INSUFFICIENT_RESOURCES
                      : r->pdo != NULL ? (pdo = r->pdo, STATUS_SUCCESS)
                                       : pnp_root_pdo_create(&pdo);
    if (!NT_SUCCESS(status) && r->pdo != NULL)
        IoDeleteDevice(r->pdo);
    if (NT_SUCCESS(status)) {
        pnp_tree_lock();
        char *id = root_instance(hw, compat);
        status = id ? pnp_node_create(pnp_root(), pdo, id, &node) : STATUS_INSUFFICIENT_RESOURCES;
        pnp_tree_unlock();
        free(id);
        if (!NT_SUCCESS(status))
            IoDeleteDevice(pdo); /* else deleted by the root enumerator at REMOVE_DEVICE */
    }
    if (!NT_SUCCESS(status)) {
        pnp_ids_free(hw);
        pnp_ids_free(compat);
        return status;
    }
    node->root_enumerated = true;
    node->hardware_ids = hw;
    node->compatible_ids = compat;
    r->instance = strdup(node->instance_id);
    pnp_node_query(node);
    return pnp_node_start(node);
}

NTSTATUS pnp_device_create(const char *hardware_id, const char *const *compatible, size_t ncompat,
                           char **instance)
{
    return pnp_device_create_pdo(hardware_id, compatible, ncompat, NULL, instance);
}

NTSTATUS pnp_device_create_pdo(const char *hardware_id, const char *const *compatible,
                               size_t ncompat, PDEVICE_OBJECT pdo, char **instance)
{
    struct create_request r = {hardware_id, compatible, ncompat, NULL, pdo};
    if (hardware_id == NULL || hardware_id[0] == 0 || (ncompat > 0 && compatible == NULL))
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = pnp_queue(create_run, &r, true);
    if (instance != NULL)
        *instance = r.instance;
    else
        free(r.instance);
    return status;
}

/* ---- the printout ------------------------------------------------------------------------------
 */

static const char *state_name(enum pnp_node_state s)
{
    static const char *const names[] = {
        "uninitialized", "initialized",      "started", "query-stopped", "stopped",
        "query-removed", "surprise-removed", "removed", "failed",        "disabled"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

static void print_name(FILE *out, PUNICODE_STRING name)
{
    char text[256];
    size_t n = 0, len = name->Length / sizeof(WCHAR);
    if (name->Buffer == NULL || len > 80 || !rtl_utf16_to_utf8(name->Buffer, len, text, &n))
        snprintf(text, sizeof text, "?");
    fputs(text, out);
}

/* The stack from top to bottom: "driver" per device object, e.g. "filt > func > PnpManager". */
static void print_stack(FILE *out, PDEVICE_OBJECT pdo)
{
    PDEVICE_OBJECT d = IoGetAttachedDevice(pdo);
    bool first = true;
    while (d != NULL) {
        fputs(first ? " stack: " : " > ", out);
        first = false;
        UNICODE_STRING drv = d->DriverObject->DriverName;
        if (drv.Length > 8 * sizeof(WCHAR)) { /* "\Driver\" dropped */
            drv.Buffer += 8;
            drv.Length -= 8 * sizeof(WCHAR);
        }
        print_name(out, &drv);
        d = ((struct io_device *)d)->attached_to;
    }
}

static void print_node(FILE *out, struct pnp_node *n)
{
    fprintf(out, "%*s%s %s", (int)(2 * n->depth), "", n->instance_id, state_name(n->state));
    if (n->problem != 0)
        fprintf(out, " problem=%u status=0x%08X", (unsigned)n->problem,
                (unsigned)n->problem_status);
    print_stack(out, n->pdo);
    fputc('\n', out);
    for (struct pnp_node *c = n->child; c != NULL; c = c->sibling)
        print_node(out, c);
}

static NTSTATUS print_run(void *context)
{
    if (pnp_root() != NULL)
        print_node(context, pnp_root());
    return STATUS_SUCCESS;
}

void pnp_tree_print(FILE *out)
{
    pnp_queue(print_run, out, true);
}

/* ---- drivers' requests ---------------------------------------------------------------------- */

enum request_kind {
    REQ_RELATIONS,
    REQ_STATE,
    REQ_EJECT
};

struct driver_request {
    PDEVICE_OBJECT pdo; /* referenced until the action ran */
    enum request_kind kind;
};

static NTSTATUS state_changed(struct pnp_node *node)
{
    ULONG_PTR info = 0;
    if (node->state != PNP_NODE_STARTED ||
        !NT_SUCCESS(pnp_irp(node->pdo, IRP_MN_QUERY_PNP_DEVICE_STATE, NULL, 0, &info)))
        return STATUS_SUCCESS;
    node->pnp_device_state = (ULONG)info;
    if (info & (PNP_DEVICE_FAILED | PNP_DEVICE_REMOVED)) {
        pnp_subtree_remove(node, false, true);
        pnp_node_fail(node, CM_PROB_FAILED_POST_START, STATUS_UNSUCCESSFUL,
                      "its driver reported it failed (PNP_DEVICE_FAILED)");
    }
    return STATUS_SUCCESS;
}

static NTSTATUS request_run(void *context)
{
    struct driver_request *r = context;
    struct pnp_node *node = pnp_node_of_pdo(r->pdo); /* NULL: removed meanwhile */
    if (node != NULL && r->kind == REQ_RELATIONS)
        pnp_enumerate(node);
    else if (node != NULL && r->kind == REQ_STATE)
        state_changed(node);
    else if (node != NULL && r->kind == REQ_EJECT)
        pnp_node_eject(node);
    ObDereferenceObject(r->pdo);
    free(r);
    return STATUS_SUCCESS;
}

static void request(PDEVICE_OBJECT pdo, enum request_kind kind)
{
    struct driver_request *r = malloc(sizeof *r);
    if (r == NULL)
        return; /* Windows too drops the request when it cannot allocate */
    r->pdo = pdo;
    r->kind = kind;
    ObReferenceObject(pdo);
    if (pnp_queue(request_run, r, false) != STATUS_PENDING) {
        ObDereferenceObject(pdo);
        free(r);
    }
}

VOID NTAPI IoInvalidateDeviceRelations(PDEVICE_OBJECT DeviceObject, DEVICE_RELATION_TYPE Type)
{
    pnp_node_of_pdo_checked(DeviceObject, "IoInvalidateDeviceRelations");
    if (Type == BusRelations)
        request(DeviceObject, REQ_RELATIONS);
    /* Other relation types (removal, ejection, power) change nothing the manager keeps. */
}

VOID NTAPI IoInvalidateDeviceState(PDEVICE_OBJECT PhysicalDeviceObject)
{
    pnp_node_of_pdo_checked(PhysicalDeviceObject, "IoInvalidateDeviceState");
    request(PhysicalDeviceObject, REQ_STATE);
}

VOID NTAPI IoRequestDeviceEject(PDEVICE_OBJECT PhysicalDeviceObject)
{
    pnp_node_of_pdo_checked(PhysicalDeviceObject, "IoRequestDeviceEject");
    request(PhysicalDeviceObject, REQ_EJECT);
}
