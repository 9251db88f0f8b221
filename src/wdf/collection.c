/*
 * collection.c - framework collections (WDFCOLLECTION): an ordered list of framework objects.
 *
 * References (Microsoft: Framework Object Collections): adding an object takes a reference on
 * it, removing one drops it; deleting the collection drops the references of what is still in
 * it and deletes only the collection. An object deleted while in a collection stays in it
 * (its handle stays valid, its cleanup callbacks have run) until it is removed or the
 * collection goes: its destroy callbacks run then.
 *
 * Locking: the collection's own mutex guards items and count; driver code never runs under
 * it. Microsoft asks drivers to serialise their own use of a collection; the mutex only keeps
 * the framework's state consistent.
 */
#include <stdlib.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_COLLECTION_GET(g, h)                                                                   \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_COLLECTION), struct wdf_collection, obj)

/* Deleting the collection: what is still in it is released, not deleted. */
static void wdf_collection_cleanup(struct wdf_object *o)
{
    struct wdf_collection *c = CONTAINING_RECORD(o, struct wdf_collection, obj);
    struct wdf_object **items;
    ULONG count;
    os_mutex_lock(&c->lock);
    items = c->items;
    count = c->count;
    c->items = NULL;
    c->count = c->capacity = 0;
    os_mutex_unlock(&c->lock);
    for (ULONG i = 0; i < count; i++)
        wdf_object_release(items[i]);
    free(items);
}

static void wdf_collection_destroy(struct wdf_object *o)
{
    struct wdf_collection *c = CONTAINING_RECORD(o, struct wdf_collection, obj);
    free(c->items);
    os_mutex_destroy(&c->lock);
}

NTSTATUS imp_WdfCollectionCreate(PWDF_DRIVER_GLOBALS globals,
                                 PWDF_OBJECT_ATTRIBUTES CollectionAttributes,
                                 WDFCOLLECTION *Collection)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent =
        wdf_parent_of(g, CollectionAttributes, g->driver != NULL ? &g->driver->obj : NULL,
                      "WdfCollectionCreate", __builtin_return_address(0));
    struct wdf_object *o;
    struct wdf_collection *c;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Collection);
    *Collection = NULL;
    status =
        wdf_object_create(g, WDF_TYPE_COLLECTION, sizeof(*c), CollectionAttributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    c = CONTAINING_RECORD(o, struct wdf_collection, obj);
    os_mutex_init(&c->lock);
    o->type_cleanup = wdf_collection_cleanup;
    o->type_destroy = wdf_collection_destroy;
    *Collection = (WDFCOLLECTION)o;
    return STATUS_SUCCESS;
}

NTSTATUS wdf_collection_add(struct wdf_collection *c, struct wdf_object *item)
{
    NTSTATUS status = STATUS_SUCCESS;
    os_mutex_lock(&c->lock);
    if (__atomic_load_n(&c->obj.state, __ATOMIC_ACQUIRE) != WDF_LIVE) {
        status = STATUS_DELETE_PENDING;
    } else if (c->count == c->capacity) {
        ULONG capacity = c->capacity != 0 ? c->capacity * 2 : 8;
        struct wdf_object **items = realloc(c->items, capacity * sizeof(*items));
        if (items == NULL) {
            status = STATUS_UNSUCCESSFUL; /* Microsoft: the object could not be added */
        } else {
            c->items = items;
            c->capacity = capacity;
        }
    }
    if (NT_SUCCESS(status)) {
        wdf_object_reference(item);
        c->items[c->count++] = item;
    }
    os_mutex_unlock(&c->lock);
    return status;
}

NTSTATUS wdf_collection_snapshot(struct wdf_collection *c, struct wdf_object ***items, ULONG *count)
{
    NTSTATUS status = STATUS_SUCCESS;
    os_mutex_lock(&c->lock);
    *count = c->count;
    *items = calloc(c->count + 1, sizeof(**items));
    if (*items == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    for (ULONG i = 0; NT_SUCCESS(status) && i < c->count; i++) {
        (*items)[i] = c->items[i];
        wdf_object_reference(c->items[i]);
    }
    os_mutex_unlock(&c->lock);
    return status;
}

ULONG imp_WdfCollectionGetCount(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection)
{
    struct wdf_collection *c = WDF_COLLECTION_GET(wdf_globals_of(globals), Collection);
    ULONG count;
    os_mutex_lock(&c->lock);
    count = c->count;
    os_mutex_unlock(&c->lock);
    return count;
}

NTSTATUS imp_WdfCollectionAdd(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection,
                              WDFOBJECT Object)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_collection *c = WDF_COLLECTION_GET(g, Collection);
    return wdf_collection_add(c, wdf_object_get(g, Object, 0));
}

/* Takes item `index` out (the caller releases it); NULL: no such item. */
static struct wdf_object *wdf_collection_take(struct wdf_collection *c, ULONG index)
{
    struct wdf_object *item = NULL;
    if (index < c->count) {
        item = c->items[index];
        for (ULONG i = index + 1; i < c->count; i++)
            c->items[i - 1] = c->items[i];
        c->count--;
    }
    return item;
}

static void wdf_collection_not_there(struct wdf_globals *g, const char *ddi, const char *what)
{
    rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: %s is not in the collection; nothing removed",
             g->pub.DriverName, ddi, what);
}

VOID imp_WdfCollectionRemove(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection, WDFOBJECT Item)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_collection *c = WDF_COLLECTION_GET(g, Collection);
    struct wdf_object *wanted = wdf_object_get(g, Item, 0), *item = NULL;
    os_mutex_lock(&c->lock);
    for (ULONG i = 0; item == NULL && i < c->count; i++)
        if (c->items[i] == wanted)
            item = wdf_collection_take(c, i);
    os_mutex_unlock(&c->lock);
    if (item == NULL)
        wdf_collection_not_there(g, "WdfCollectionRemove", "the object");
    else
        wdf_object_release(item);
}

VOID imp_WdfCollectionRemoveItem(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection, ULONG Index)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_collection *c = WDF_COLLECTION_GET(g, Collection);
    struct wdf_object *item;
    os_mutex_lock(&c->lock);
    item = wdf_collection_take(c, Index);
    os_mutex_unlock(&c->lock);
    if (item == NULL)
        wdf_collection_not_there(g, "WdfCollectionRemoveItem", "the index");
    else
        wdf_object_release(item);
}

/* Item `index` (count: the last; count + 1: none), NULL when there is none. */
static WDFOBJECT wdf_collection_at(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection,
                                   ULONG index, BOOLEAN last, const char *ddi, const void *caller)
{
    struct wdf_collection *c =
        CONTAINING_RECORD(wdf_object_get_in(wdf_globals_of(globals), (WDFOBJECT)Collection,
                                            WDF_TYPE_COLLECTION, ddi, caller),
                          struct wdf_collection, obj);
    WDFOBJECT item = NULL;
    os_mutex_lock(&c->lock);
    if (last)
        index = c->count - 1; /* wraps to MAXULONG when empty: none */
    if (index < c->count)
        item = (WDFOBJECT)c->items[index];
    os_mutex_unlock(&c->lock);
    return item;
}

WDFOBJECT imp_WdfCollectionGetItem(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection,
                                   ULONG Index)
{
    return wdf_collection_at(globals, Collection, Index, FALSE, "WdfCollectionGetItem",
                             __builtin_return_address(0));
}

WDFOBJECT imp_WdfCollectionGetFirstItem(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection)
{
    return wdf_collection_at(globals, Collection, 0, FALSE, "WdfCollectionGetFirstItem",
                             __builtin_return_address(0));
}

WDFOBJECT imp_WdfCollectionGetLastItem(PWDF_DRIVER_GLOBALS globals, WDFCOLLECTION Collection)
{
    return wdf_collection_at(globals, Collection, 0, TRUE, "WdfCollectionGetLastItem",
                             __builtin_return_address(0));
}
