/*
 * event.c - a client's own event objects (drvhost_event_*): what CreateEvent,
 * WaitForSingleObject, ResetEvent and CloseHandle do for a user-mode program that hands an event
 * to a driver, as the event sample's test application passes one in a device control's input.
 *
 * The event is an object of type Event (ExEventObjectType) whose body is the KEVENT, as a named
 * event of io/event.c, so the driver's ObReferenceObjectByHandle finds it. The handle holds the
 * only reference the client has; a driver that referenced the event keeps it alive after the
 * client closed its handle, as on Windows. Deviation: drvhost has one handle table, so the
 * handle is a kernel handle (bit 31 set), where Windows gives the process a user handle.
 */
#include "host/host.h"

#include "ke/ke.h"
#include "ob/ob.h"

static HANDLE host_event_handle(uint64_t handle)
{
    return (HANDLE)(uintptr_t)handle;
}

int32_t drvhost_event_create(int notification, uint64_t *handle)
{
    HANDLE h = NULL;
    NTSTATUS status;
    PKEVENT event;
    if (handle == NULL)
        return STATUS_INVALID_PARAMETER;
    event = ob_create(&ob_type_event, sizeof(KEVENT));
    if (event == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    /* CreateEvent(NULL, bManualReset, FALSE, NULL): not signalled. */
    KeInitializeEvent(event, notification ? NotificationEvent : SynchronizationEvent, FALSE);
    status = ob_handle_create(event, EVENT_ALL_ACCESS, &h);
    ob_dereference(event); /* the handle holds it now, or it goes */
    if (NT_SUCCESS(status))
        *handle = (uint64_t)(uintptr_t)h;
    return status;
}

/* The event behind a client's handle, referenced, checked as a user-mode caller is. */
static NTSTATUS host_event_reference(uint64_t handle, ACCESS_MASK access, PKEVENT *event)
{
    return ObReferenceObjectByHandle(host_event_handle(handle), access, *ExEventObjectType,
                                     UserMode, (PVOID *)event, NULL);
}

int32_t drvhost_event_wait(uint64_t handle, uint32_t timeout_ms)
{
    PKEVENT event;
    NTSTATUS status = host_event_reference(handle, SYNCHRONIZE, &event);
    if (!NT_SUCCESS(status))
        return status;
    status = ke_wait_event_ms(event, timeout_ms);
    ObDereferenceObject(event);
    return status;
}

int32_t drvhost_event_reset(uint64_t handle)
{
    PKEVENT event;
    NTSTATUS status = host_event_reference(handle, EVENT_MODIFY_STATE, &event);
    if (!NT_SUCCESS(status))
        return status;
    KeClearEvent(event);
    ObDereferenceObject(event);
    return STATUS_SUCCESS;
}

int32_t drvhost_event_close(uint64_t handle)
{
    PKEVENT event;
    NTSTATUS status = host_event_reference(handle, 0, &event);
    if (!NT_SUCCESS(status))
        return status; /* not an event's handle: left alone */
    ObDereferenceObject(event);
    return ZwClose(host_event_handle(handle));
}
