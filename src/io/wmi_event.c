/*
 * wmi_event.c - WMI events: IoWMIWriteEvent, IoWMIDeviceObjectToProviderId, and the events
 * kept for a consumer.
 *
 * An event a driver raises (IoWMIWriteEvent, WmiFireEvent) goes to the notification callbacks
 * of its GUID (IoWMISetNotificationCallback, wmi_consumer.c) and is copied into a queue, where
 * a scenario's `wmi-event` command takes it
 * (oldest first, by device and GUID). The queue keeps the last IO_WMI_EVENTS_KEPT events; an
 * older one is dropped, as WMI drops events nobody reads. Locking: io_wmi_event_lock protects
 * the queue; the copies are runtime memory (not the driver's pool), so events left at a
 * driver's unload are no leak of the driver's.
 */
#include "io/io_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#define IO_WMI_EVENT_TAG   'vEMW'
#define IO_WMI_EVENTS_KEPT 256

struct io_wmi_event {
    struct io_wmi_event *next;
    ULONG provider; /* WNODE_HEADER.ProviderId */
    ULONG size;
    WNODE_HEADER wnode; /* followed by the rest of the event: size bytes in all */
};

static os_mutex io_wmi_event_lock = OS_MUTEX_INIT;
static struct io_wmi_event *io_wmi_events, **io_wmi_events_tail = &io_wmi_events;
static ULONG io_wmi_event_count;

/* The low 32 bits of the device object's address, as the x64 ProviderId (a ULONG) holds it. */
NTKERNELAPI ULONG NTAPI IoWMIDeviceObjectToProviderId(PDEVICE_OBJECT DeviceObject)
{
    return (ULONG)(ULONG_PTR)DeviceObject;
}

NTSTATUS io_wmi_store_event(PDEVICE_OBJECT device, const WNODE_HEADER *wnode)
{
    ULONG size = wnode->BufferSize;
    struct io_wmi_event *e, *dropped = NULL;
    if (size < sizeof(WNODE_HEADER))
        return STATUS_INVALID_PARAMETER;
    if (size > IO_WMI_EVENT_MAX)
        return STATUS_BUFFER_OVERFLOW;
    e = ex_alloc(FIELD_OFFSET(struct io_wmi_event, wnode) + size, IO_WMI_EVENT_TAG);
    if (e == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    e->provider = device ? IoWMIDeviceObjectToProviderId(device) : wnode->ProviderId;
    e->size = size;
    memcpy(&e->wnode, wnode, size);
    io_wmi_notify(&e->wnode);
    os_mutex_lock(&io_wmi_event_lock);
    *io_wmi_events_tail = e;
    io_wmi_events_tail = &e->next;
    if (++io_wmi_event_count > IO_WMI_EVENTS_KEPT) {
        dropped = io_wmi_events;
        io_wmi_events = dropped->next;
        io_wmi_event_count--;
    }
    os_mutex_unlock(&io_wmi_event_lock);
    ex_free(dropped);
    return STATUS_SUCCESS;
}

/* Deviation: events of WNODE_FLAG_TRACED_GUID (an EVENT_TRACE_HEADER for the system logger)
 * are refused with STATUS_UNSUCCESSFUL ("WMI services are unavailable"): drvhost has no
 * logger session. */
NTKERNELAPI NTSTATUS NTAPI IoWMIWriteEvent(PVOID WnodeEventItem)
{
    PWNODE_HEADER w = WnodeEventItem;
    NTSTATUS status;
    if (w == NULL)
        return STATUS_INVALID_PARAMETER;
    if (w->Flags & WNODE_FLAG_TRACED_GUID)
        return STATUS_UNSUCCESSFUL;
    vf_check_irql_at_most(APC_LEVEL, "IoWMIWriteEvent", w, NULL);
    status = io_wmi_store_event(NULL, w);
    if (NT_SUCCESS(status))
        ExFreePool(w); /* "the memory for the event item will automatically be freed" */
    return status;
}

NTSTATUS io_wmi_take_event(ULONG provider, const GUID *guid, void **wnode, ULONG *size)
{
    struct io_wmi_event **at, *e = NULL;
    os_mutex_lock(&io_wmi_event_lock);
    for (at = &io_wmi_events; *at != NULL; at = &(*at)->next) {
        if ((*at)->provider == provider && IsEqualGUID(&(*at)->wnode.Guid, guid)) {
            e = *at;
            *at = e->next;
            if (io_wmi_events_tail == &e->next)
                io_wmi_events_tail = at;
            io_wmi_event_count--;
            break;
        }
    }
    os_mutex_unlock(&io_wmi_event_lock);
    if (e == NULL)
        return STATUS_NOT_FOUND;
    /* The caller frees the event with ex_free; the WNODE starts the block it gets. */
    ULONG bytes = e->size;
    void *copy = ex_alloc(bytes, IO_WMI_EVENT_TAG);
    if (copy != NULL)
        memcpy(copy, &e->wnode, bytes);
    ex_free(e);
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    *wnode = copy;
    *size = bytes;
    return STATUS_SUCCESS;
}

/* Events nobody took are dropped without a report: nobody has to read an event. */
void io_wmi_events_shutdown(void)
{
    os_mutex_lock(&io_wmi_event_lock);
    struct io_wmi_event *e = io_wmi_events;
    io_wmi_events = NULL;
    io_wmi_events_tail = &io_wmi_events;
    io_wmi_event_count = 0;
    os_mutex_unlock(&io_wmi_event_lock);
    while (e != NULL) {
        struct io_wmi_event *next = e->next;
        ex_free(e);
        e = next;
    }
}
