/*
 * stack.c - building a device's stack, as the PnP manager does once a driver is installed:
 * the drivers of the stack in Windows's order (device lower filters, class lower filters, the
 * function driver, device upper filters, class upper filters), each service loaded once and
 * its AddDevice called with the PDO; the first failure tears down what was attached
 * (REMOVE_DEVICE to the partial stack) and leaves the node with its problem code.
 *
 * Runs on the PnP thread (no lock held while a driver runs).
 */
#include "pnp/pnp_private.h"

#include "ldr/ldr.h"
#include "rtl/rtl.h"

#include <drvhost/drvhost.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pnp_node_fail(struct pnp_node *node, ULONG problem, NTSTATUS status, const char *why)
{
    char text[96];
    node->problem = problem;
    node->problem_status = status;
    node->state = PNP_NODE_FAILED;
    rtl_diag(RTL_DIAG_ERROR, "pnp", "%s: %s: problem %u (CM_PROB 0x%02X), %s", node->instance_id,
             why, (unsigned)problem, (unsigned)problem,
             drvhost_status_format(status, text, sizeof text));
}

/* ---- the services of the stack ------------------------------------------------------------ */

struct services {
    char *name[32];
    bool function[32];
    size_t n;
};

static void add_list(struct services *s, char **list)
{
    for (size_t i = 0; list != NULL && list[i] != NULL && s->n < 32; i++)
        if ((s->name[s->n] = strdup(list[i])) != NULL)
            s->function[s->n++] = false;
}

static void services_free(struct services *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->name[i]);
}

/* The filters of the Enum key (dev) and of the class key (cls), read once. */
struct filters {
    char **dev_lower, **dev_upper, **cls_lower, **cls_upper;
};

static void read_filters(struct pnp_node *node, struct filters *f)
{
    HANDLE key;
    char *path = pnp_enum_key_path(node), cls[256];
    if (path != NULL && NT_SUCCESS(pnp_key_open(path, false, &key))) {
        pnp_key_get_multi(key, "LowerFilters", &f->dev_lower);
        pnp_key_get_multi(key, "UpperFilters", &f->dev_upper);
        pnp_key_close(key);
    }
    free(path);
    if (node->class_guid == NULL)
        return;
    snprintf(cls, sizeof cls, "%s\\Control\\Class\\%s", PNP_REG_CCS, node->class_guid);
    if (NT_SUCCESS(pnp_key_open(cls, false, &key))) {
        pnp_key_get_multi(key, "LowerFilters", &f->cls_lower);
        pnp_key_get_multi(key, "UpperFilters", &f->cls_upper);
        pnp_key_close(key);
    }
}

static void stack_services(struct pnp_node *node, struct services *s)
{
    struct filters f = {0};
    read_filters(node, &f);
    add_list(s, f.dev_lower);
    add_list(s, f.cls_lower);
    if (node->service != NULL && s->n < 32 && (s->name[s->n] = strdup(node->service)) != NULL)
        s->function[s->n++] = true;
    add_list(s, f.dev_upper);
    add_list(s, f.cls_upper);
    pnp_ids_free(f.dev_lower);
    pnp_ids_free(f.dev_upper);
    pnp_ids_free(f.cls_lower);
    pnp_ids_free(f.cls_upper);
}

/* ---- AddDevice ---------------------------------------------------------------------------- */

static NTSTATUS load(const char *service, PDRIVER_OBJECT *driver)
{
    NTSTATUS status = ldr_load(service);
    if (status == STATUS_IMAGE_ALREADY_LOADED)
        status = STATUS_SUCCESS;
    *driver = NT_SUCCESS(status) ? ldr_driver_object(service) : NULL;
    if (NT_SUCCESS(status) && *driver == NULL)
        status = STATUS_DRIVER_UNABLE_TO_LOAD;
    return status;
}

/* A driver's AddDevice, and the DO_DEVICE_INITIALIZING flag of the device it attached (Windows
 * leaves the flag set, so the device cannot be opened: reported here so that the cause is visible).
 */
static NTSTATUS call_add_device(struct pnp_node *node, const char *service, PDRIVER_OBJECT driver)
{
    PDRIVER_ADD_DEVICE add = driver->DriverExtension->AddDevice;
    PDEVICE_OBJECT before = IoGetAttachedDevice(node->pdo);
    if (add == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "pnp", "%s: driver '%s' has no AddDevice routine",
                 node->instance_id, service);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    NTSTATUS status = add(driver, node->pdo);
    PDEVICE_OBJECT top = IoGetAttachedDevice(node->pdo);
    if (NT_SUCCESS(status) && top != before && (top->Flags & DO_DEVICE_INITIALIZING))
        rtl_diag(RTL_DIAG_WARN, "pnp",
                 "%s: AddDevice of '%s' left DO_DEVICE_INITIALIZING set on its device: it "
                 "cannot be opened",
                 node->instance_id, service);
    return status;
}

void pnp_stack_remove(struct pnp_node *node)
{
    pnp_irp(node->pdo, IRP_MN_REMOVE_DEVICE, NULL, 0, NULL);
    node->stack_built = false;
}

NTSTATUS pnp_stack_build(struct pnp_node *node)
{
    struct services s = {0};
    NTSTATUS status = STATUS_SUCCESS;
    stack_services(node, &s);
    for (size_t i = 0; i < s.n && NT_SUCCESS(status); i++) {
        PDRIVER_OBJECT driver;
        char why[160];
        status = load(s.name[i], &driver);
        if (!NT_SUCCESS(status)) {
            snprintf(why, sizeof why, "the %s '%s' could not be loaded",
                     s.function[i] ? "driver" : "filter driver", s.name[i]);
            pnp_node_fail(node, CM_PROB_DRIVER_FAILED_LOAD, status, why);
        } else if (!NT_SUCCESS(status = call_add_device(node, s.name[i], driver))) {
            snprintf(why, sizeof why, "AddDevice of '%s' failed", s.name[i]);
            pnp_node_fail(node, CM_PROB_FAILED_ADD, status, why);
        }
    }
    services_free(&s);
    if (!NT_SUCCESS(status)) {
        if (IoGetAttachedDevice(node->pdo) != node->pdo)
            pnp_stack_remove(node); /* the drivers already attached detach and delete */
        return status;
    }
    node->stack_built = true;
    node->state = PNP_NODE_INITIALIZED;
    return STATUS_SUCCESS;
}
