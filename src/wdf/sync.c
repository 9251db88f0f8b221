/*
 * sync.c - synchronization scope and execution level: which device or queue lock serialises a
 * framework object's callbacks, and WdfObjectAcquireLock/ReleaseLock.
 *
 * Skeleton: object.c still refuses attributes that ask for a scope or a level, so no object has
 * one and nothing is serialised.
 */
#include "wdf/wdf_private.h"

struct wdf_object *wdf_sync_owner(struct wdf_object *object)
{
    (void)object;
    return NULL;
}

void wdf_sync_acquire(struct wdf_object *owner)
{
    (void)owner;
}

void wdf_sync_release(struct wdf_object *owner)
{
    (void)owner;
}
