/*
 * reshub.c - drvhost's model of the resource hub (docs/wdf.md, "SPB controllers: SpbCx"): the
 * connections a peripheral driver opens by the name RESOURCE_HUB_CREATE_PATH_FROM_ID makes
 * (\Device\RESOURCE_HUB\ and the 64-bit connection ID in 16 hex digits).
 *
 * Windows learns a connection from the ACPI tables (the CmResourceTypeConnection resource of
 * the peripheral, the I2cSerialBus/SpiSerialBus descriptor naming the controller) and redirects
 * an open of that name to the controller's stack, whose class extension queries the hub for the
 * descriptor (IOCTL_RH_QUERY_CONNECTION_PROPERTIES). drvhost has no ACPI: the host declares a
 * connection (`connection ID INSTANCE DATA`, drvhost_resource_hub_connection), which becomes a
 * symbolic link \Device\RESOURCE_HUB\<id> to "<the controller's PDO name>\<id>", so the open
 * reaches the top of the controller's stack with the ID as the file name, and the descriptor
 * bytes are what pnp_reshub_properties gives back.
 *
 * Lifetime: an entry lives until shutdown (pnp_reshub_free); `lock` guards the list.
 */
#include "pnp/pnp_private.h"

#include "ob/ob.h"
#include "os/os.h"

#define RESHUB_USE_HELPER_ROUTINES
#include <reshub.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reshub_entry {
    struct reshub_entry *next;
    LARGE_INTEGER id;
    char *instance;      /* the controller's instance ID (malloc'ed) */
    UNICODE_STRING link; /* \Device\RESOURCE_HUB\<id> */
    ULONG size;          /* of the descriptor */
    UCHAR data[];
};

static struct reshub_entry *entries;
static os_mutex lock = OS_MUTEX_INIT;

/* "\Device\RESOURCE_HUB\<16 hex digits>" and "<pdo>\<16 hex digits>" as UTF-8. */
static void reshub_names(LARGE_INTEGER id, const char *pdo, char *link, size_t link_size,
                         char *target, size_t target_size)
{
    snprintf(link, link_size, "\\Device\\RESOURCE_HUB\\%08lX%08lX", (unsigned long)id.HighPart,
             (unsigned long)id.LowPart);
    snprintf(target, target_size, "%s\\%08lX%08lX", pdo, (unsigned long)id.HighPart,
             (unsigned long)id.LowPart);
}

static struct reshub_entry *reshub_find_locked(LARGE_INTEGER id)
{
    for (struct reshub_entry *e = entries; e != NULL; e = e->next)
        if (e->id.QuadPart == id.QuadPart)
            return e;
    return NULL;
}

static NTSTATUS reshub_link(struct reshub_entry *e, const char *instance)
{
    char *pdo = NULL, link[64], target[512];
    UNICODE_STRING t = {0};
    NTSTATUS status = pnp_instance_pdo_name(instance, &pdo);
    if (!NT_SUCCESS(status))
        return status;
    reshub_names(e->id, pdo, link, sizeof link, target, sizeof target);
    free(pdo);
    status = ob_string_from_utf8(&e->link, link);
    if (NT_SUCCESS(status))
        status = ob_string_from_utf8(&t, target);
    if (NT_SUCCESS(status))
        status = ob_link_create(&e->link, &t);
    ob_string_free(&t);
    if (!NT_SUCCESS(status))
        ob_string_free(&e->link);
    return status;
}

NTSTATUS pnp_reshub_connection_add(ULONGLONG id, const char *instance, const void *data, ULONG size)
{
    struct reshub_entry *e;
    NTSTATUS status;
    if (instance == NULL || (data == NULL && size != 0) || size > 0xFFFF)
        return STATUS_INVALID_PARAMETER;
    e = calloc(1, sizeof(*e) + size);
    if (e == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    e->id.QuadPart = (LONGLONG)id;
    e->size = size;
    e->instance = strdup(instance);
    if (e->instance == NULL) {
        free(e);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (size != 0)
        memcpy(e->data, data, size);
    os_mutex_lock(&lock);
    /* A declared ID's link exists: ob_link_create says STATUS_OBJECT_NAME_COLLISION. */
    status = reshub_link(e, instance);
    if (NT_SUCCESS(status)) {
        e->next = entries;
        entries = e;
    }
    os_mutex_unlock(&lock);
    if (!NT_SUCCESS(status)) {
        free(e->instance);
        free(e);
    }
    return status;
}

NTSTATUS pnp_reshub_controller(LARGE_INTEGER id, PDEVICE_OBJECT *pdo)
{
    char *instance = NULL;
    os_mutex_lock(&lock);
    struct reshub_entry *e = reshub_find_locked(id);
    if (e != NULL)
        instance = strdup(e->instance);
    os_mutex_unlock(&lock);
    if (e == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    if (instance == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = pnp_device_pdo(instance, pdo);
    free(instance);
    return status;
}

NTSTATUS pnp_reshub_properties(LARGE_INTEGER id, PVOID *buffer, ULONG *size)
{
    PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER out = NULL;
    struct reshub_entry *e;
    ULONG bytes = 0;
    os_mutex_lock(&lock);
    e = reshub_find_locked(id);
    if (e != NULL) {
        bytes = (ULONG)FIELD_OFFSET(RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER,
                                    ConnectionProperties) +
                e->size;
        out = calloc(1, bytes);
        if (out != NULL) {
            out->Version = RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_VERSION;
            out->PropertiesLength = e->size;
            memcpy(out->ConnectionProperties, e->data, e->size);
        }
    }
    os_mutex_unlock(&lock);
    if (e == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    if (out == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    *buffer = out;
    *size = bytes;
    return STATUS_SUCCESS;
}

void pnp_reshub_free(void)
{
    os_mutex_lock(&lock);
    while (entries != NULL) {
        struct reshub_entry *e = entries;
        entries = e->next;
        ob_link_delete(&e->link);
        ob_string_free(&e->link);
        free(e->instance);
        free(e);
    }
    os_mutex_unlock(&lock);
}
