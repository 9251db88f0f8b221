/*
 * test_named_events.c - IoCreateNotificationEvent / IoCreateSynchronizationEvent: created
 * signalled, opened by name, reachable through ObReferenceObjectByHandle with
 * *ExEventObjectType, gone with the last handle.
 */
#include <wdm.h>

#include "harness.h"

TEST(notification_event_created_signalled_and_opened_by_name)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\BaseNamedObjects\\DrvhostTestEvent");
    HANDLE h1 = NULL, h2 = NULL;
    PKEVENT e1 = IoCreateNotificationEvent(&name, &h1), e2;
    PVOID object = NULL;
    LARGE_INTEGER zero = {.QuadPart = 0};
    ok(e1 != NULL && h1 != NULL, "created: %p %p", (void *)e1, h1);
    ok(KeReadStateEvent(e1) == 1, "a new event is signalled");
    ok_status(KeWaitForSingleObject(e1, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    ok(KeReadStateEvent(e1) == 1, "a notification event stays signalled after a wait");
    KeClearEvent(e1);
    e2 = IoCreateNotificationEvent(&name, &h2);
    ok(e2 == e1 && h2 != h1, "the existing event is opened: %p %p", (void *)e1, (void *)e2);
    ok(KeReadStateEvent(e2) == 0, "opening does not signal it");
    ok_status(ObReferenceObjectByHandle(h2, EVENT_MODIFY_STATE, *ExEventObjectType, KernelMode,
                                        &object, NULL),
              STATUS_SUCCESS);
    ok(object == e1, "ObReferenceObjectByHandle gives the KEVENT");
    ObDereferenceObject(object);
    ok_status(ObReferenceObjectByHandle(h2, 0, *PsThreadType, KernelMode, &object, NULL),
              STATUS_OBJECT_TYPE_MISMATCH);
    ok_status(ZwClose(h1), STATUS_SUCCESS);
    ok_status(ZwClose(h2), STATUS_SUCCESS);
    ok_status(ZwClose(h2), STATUS_INVALID_HANDLE);
    e1 = IoCreateNotificationEvent(&name, &h1);
    ok(e1 != NULL && KeReadStateEvent(e1) == 1, "after the last close the name makes a new event");
    ZwClose(h1);
}

TEST(synchronization_event_resets_after_a_wait)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\BaseNamedObjects\\DrvhostSyncEvent");
    HANDLE h = NULL;
    PKEVENT e = IoCreateSynchronizationEvent(&name, &h);
    LARGE_INTEGER zero = {.QuadPart = 0};
    ok(e != NULL && KeReadStateEvent(e) == 1, "created signalled");
    ok_status(KeWaitForSingleObject(e, Executive, KernelMode, FALSE, &zero), STATUS_SUCCESS);
    ok_status(KeWaitForSingleObject(e, Executive, KernelMode, FALSE, &zero), STATUS_TIMEOUT);
    ZwClose(h);
}

/* A name whose last component is empty names no object: the event is not created, the link
 * is refused with STATUS_OBJECT_NAME_INVALID. */
TEST(a_name_ending_in_a_backslash_is_invalid)
{
    UNICODE_STRING event = RTL_CONSTANT_STRING(L"\\BaseNamedObjects\\");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\");
    UNICODE_STRING target = RTL_CONSTANT_STRING(L"\\Device\\DrvhostNone");
    HANDLE h = NULL;
    PKEVENT e = IoCreateNotificationEvent(&event, &h);
    ok(e == NULL, "an event named \\BaseNamedObjects\\ was created: %p", (void *)e);
    if (e != NULL)
        ZwClose(h);
    ok_status(IoCreateSymbolicLink(&link, &target), STATUS_OBJECT_NAME_INVALID);
}
