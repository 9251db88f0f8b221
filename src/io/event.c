/*
 * event.c - named kernel events: IoCreateNotificationEvent and IoCreateSynchronizationEvent.
 *
 * The event is an object of type Event (ExEventObjectType) whose body is the KEVENT itself, so
 * the PKEVENT a driver gets and the object ObReferenceObjectByHandle returns are the same
 * pointer. A new event starts signalled, as documented; an existing name is opened. The name
 * lives as long as the object: it is removed when the last handle and reference go.
 */
#include "io/io_private.h"
#include "vf/vf.h"

static void io_event_close(void *body)
{
    ob_name_remove(body);
}

/* Opens an existing event by name: a handle and the (unreferenced) KEVENT, or NULL. */
static PKEVENT io_event_open(PUNICODE_STRING name, PHANDLE handle, NTSTATUS *status)
{
    UNICODE_STRING rest;
    void *object;
    *status = ob_lookup(name, &object, &rest);
    if (!NT_SUCCESS(*status))
        return NULL;
    if (rest.Length != 0 || ob_type_of(object) != &ob_type_event)
        *status = STATUS_OBJECT_TYPE_MISMATCH;
    else
        *status = ob_handle_create(object, EVENT_ALL_ACCESS, handle);
    ob_dereference(object);
    return NT_SUCCESS(*status) ? (PKEVENT)object : NULL;
}

static PKEVENT io_event_create(PUNICODE_STRING name, PHANDLE handle, EVENT_TYPE type,
                               NTSTATUS *status)
{
    PKEVENT event;
    ob_type_event.close = io_event_close;
    event = ob_create(&ob_type_event, sizeof(KEVENT));
    if (event == NULL) {
        *status = STATUS_INSUFFICIENT_RESOURCES;
        return NULL;
    }
    KeInitializeEvent(event, type, TRUE);
    *status = ob_name_insert(event, name);
    if (NT_SUCCESS(*status))
        *status = ob_handle_create(event, EVENT_ALL_ACCESS, handle);
    ob_dereference(event); /* the handle holds it now, or it goes */
    return NT_SUCCESS(*status) ? event : NULL;
}

static PKEVENT io_named_event(PUNICODE_STRING EventName, PHANDLE EventHandle, EVENT_TYPE type)
{
    NTSTATUS status;
    PKEVENT event;
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoCreate*Event", NULL, NULL);
    /* Create first: the name decides, atomically, who creates and who opens. */
    for (int attempt = 0; attempt < 4; attempt++) {
        event = io_event_create(EventName, EventHandle, type, &status);
        if (event != NULL || status != STATUS_OBJECT_NAME_COLLISION)
            return event;
        event = io_event_open(EventName, EventHandle, &status);
        if (event != NULL || status != STATUS_OBJECT_NAME_NOT_FOUND)
            return event; /* the other creator's event, or a non-event of that name */
    }
    return NULL;
}

PKEVENT NTAPI IoCreateNotificationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle)
{
    return io_named_event(EventName, EventHandle, NotificationEvent);
}

PKEVENT NTAPI IoCreateSynchronizationEvent(PUNICODE_STRING EventName, PHANDLE EventHandle)
{
    return io_named_event(EventName, EventHandle, SynchronizationEvent);
}
