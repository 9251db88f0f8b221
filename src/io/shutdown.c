/*
 * shutdown.c - shutdown notification (gkmdf): IoRegisterShutdownNotification,
 * IoRegisterLastChanceShutdownNotification, IoUnregisterShutdownNotification, and the
 * IRP_MJ_SHUTDOWN requests of the system's shutdown.
 *
 * drvhost's "system shutdown" is drvhost_shutdown (the end of a `drvhost run` scenario, or an
 * embedding program's call): once every client handle is closed and before the power manager's
 * shutdown and the removal of the device nodes, each registered device gets one IRP_MJ_SHUTDOWN
 * (the ordinary registrations first, then the last-chance ones, as Windows sends those after
 * flushing the file systems), synchronously at PASSIVE_LEVEL on the shutting-down thread. Within
 * each list the newest registration goes first; Microsoft promises no order. A registration is
 * consumed by the shutdown (sent once); IoDeleteDevice forgets a device still registered, as
 * Windows does for a device with DO_SHUTDOWN_REGISTERED.
 *
 * Locking: io_shutdown_lock guards the list; the IRPs are sent without it (a dispatch routine
 * may unregister or register).
 */
#include <stdlib.h>

#include "io/io_private.h"
#include "vf/vf.h"

struct io_shutdown_entry {
    struct io_shutdown_entry *next;
    PDEVICE_OBJECT device;
    BOOLEAN last_chance;
};

static os_mutex io_shutdown_lock = OS_MUTEX_INIT;
static struct io_shutdown_entry *io_shutdown_list; /* newest first */

static NTSTATUS io_shutdown_register(PDEVICE_OBJECT device, BOOLEAN last_chance, const char *ddi,
                                     const void *caller)
{
    struct io_shutdown_entry *e;
    vf_check_irql_at_most(PASSIVE_LEVEL, ddi, device, caller);
    if (device == NULL)
        return STATUS_INVALID_PARAMETER;
    e = calloc(1, sizeof(*e));
    if (e == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    e->device = device;
    e->last_chance = last_chance;
    os_mutex_lock(&io_shutdown_lock);
    e->next = io_shutdown_list;
    io_shutdown_list = e;
    device->Flags |= DO_SHUTDOWN_REGISTERED;
    os_mutex_unlock(&io_shutdown_lock);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoRegisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
    return io_shutdown_register(DeviceObject, FALSE, "IoRegisterShutdownNotification",
                                __builtin_return_address(0));
}

NTSTATUS NTAPI IoRegisterLastChanceShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
    return io_shutdown_register(DeviceObject, TRUE, "IoRegisterLastChanceShutdownNotification",
                                __builtin_return_address(0));
}

/* Every registration of the device goes (both kinds). */
static void io_shutdown_forget(PDEVICE_OBJECT device)
{
    struct io_shutdown_entry **p, *e;
    os_mutex_lock(&io_shutdown_lock);
    for (p = &io_shutdown_list; (e = *p) != NULL;) {
        if (e->device == device) {
            *p = e->next;
            free(e);
        } else {
            p = &e->next;
        }
    }
    device->Flags &= ~DO_SHUTDOWN_REGISTERED;
    os_mutex_unlock(&io_shutdown_lock);
}

VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoUnregisterShutdownNotification", DeviceObject,
                          __builtin_return_address(0));
    if (DeviceObject != NULL)
        io_shutdown_forget(DeviceObject);
}

void io_shutdown_device_deleted(PDEVICE_OBJECT device)
{
    if (device->Flags & DO_SHUTDOWN_REGISTERED)
        io_shutdown_forget(device);
}

/* Takes the newest registration of the kind off the list (NULL: none left). */
static struct io_shutdown_entry *io_shutdown_take(BOOLEAN last_chance)
{
    struct io_shutdown_entry **p, *e;
    os_mutex_lock(&io_shutdown_lock);
    for (p = &io_shutdown_list; (e = *p) != NULL && e->last_chance != last_chance; p = &e->next)
        ;
    if (e != NULL)
        *p = e->next;
    os_mutex_unlock(&io_shutdown_lock);
    return e;
}

static void io_shutdown_send(PDEVICE_OBJECT device)
{
    IO_STATUS_BLOCK iosb;
    KEVENT done;
    PIRP irp;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_SHUTDOWN, device, NULL, 0, NULL, &done, &iosb);
    if (irp == NULL)
        return; /* no memory: the device misses its notification, as a failed send would */
    if (IoCallDriver(device, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
}

void io_shutdown_notify(void)
{
    BOOLEAN last_chance;
    struct io_shutdown_entry *e;
    for (last_chance = FALSE; last_chance <= TRUE; last_chance++)
        while ((e = io_shutdown_take(last_chance)) != NULL) {
            PDEVICE_OBJECT device = e->device;
            free(e);
            io_shutdown_send(device);
        }
}
