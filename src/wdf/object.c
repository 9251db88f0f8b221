/*
 * object.c - the framework's object model: the table of live handles, creation with
 * attributes and contexts, references, deletion (children first, cleanup callbacks, then the
 * destroy callbacks when the last reference goes), and WdfObject* DDIs. Violations are bug
 * check 0x10D WDF_VIOLATION with the parameter 1 of Microsoft's bug-check page.
 *
 * Locking: wdf_tree_lock guards the handle table, every object's state and children lists.
 * It is never held while driver code runs.
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_HASH_BUCKETS  1024u
#define WDF_CONTEXT_MAGIC 0x78637466u /* 'ftcx' */

os_mutex wdf_tree_lock = OS_MUTEX_INIT;
static struct wdf_object *wdf_hash[WDF_HASH_BUCKETS];

static unsigned wdf_hash_of(const void *p)
{
    return (unsigned)(((ULONG_PTR)p >> 4) ^ ((ULONG_PTR)p >> 14)) % WDF_HASH_BUCKETS;
}

/* Indexed by enum wdf_type (designated, so a type added anywhere cannot shift the names). */
static const char *const wdf_type_names[] = {
    [0] = "?",
    [WDF_TYPE_OBJECT] = "WDFOBJECT",
    [WDF_TYPE_DRIVER] = "WDFDRIVER",
    [WDF_TYPE_DEVICE] = "WDFDEVICE",
    [WDF_TYPE_QUEUE] = "WDFQUEUE",
    [WDF_TYPE_REQUEST] = "WDFREQUEST",
    [WDF_TYPE_MEMORY] = "WDFMEMORY",
    [WDF_TYPE_LOOKASIDE] = "WDFLOOKASIDE",
    [WDF_TYPE_COLLECTION] = "WDFCOLLECTION",
    [WDF_TYPE_STRING] = "WDFSTRING",
    [WDF_TYPE_KEY] = "WDFKEY",
    [WDF_TYPE_TIMER] = "WDFTIMER",
    [WDF_TYPE_WORKITEM] = "WDFWORKITEM",
    [WDF_TYPE_DPC] = "WDFDPC",
    [WDF_TYPE_SPINLOCK] = "WDFSPINLOCK",
    [WDF_TYPE_WAITLOCK] = "WDFWAITLOCK",
    [WDF_TYPE_FILE] = "WDFFILEOBJECT",
    [WDF_TYPE_IOTARGET] = "WDFIOTARGET",
    [WDF_TYPE_CMRESLIST] = "WDFCMRESLIST",
};

static const char *wdf_driver_name(struct wdf_globals *g)
{
    return g != NULL ? g->pub.DriverName : "?";
}

void wdf_violation_null(struct wdf_globals *g, const char *ddi, const char *parameter,
                        const void *caller)
{
    trace_recorder_log(g != NULL ? g->driver_object : NULL, "WDF_VIOLATION: NULL %s passed to %s",
                       parameter, ddi);
    ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_NULL_PARAMETER, 0, (ULONG_PTR)caller, 0,
                    "driver '%s' passed NULL as %s of %s, which requires a value",
                    wdf_driver_name(g), parameter, ddi);
}

/* The object behind a handle, if it is live (under wdf_tree_lock). */
static struct wdf_object *wdf_lookup_locked(const void *handle)
{
    struct wdf_object *o = wdf_hash[wdf_hash_of(handle)];
    while (o != NULL && o != handle)
        o = o->hash_next;
    return o;
}

struct wdf_object *wdf_object_get_in(struct wdf_globals *g, WDFOBJECT handle, enum wdf_type type,
                                     const char *ddi, const void *caller)
{
    struct wdf_object *o;
    if (handle == NULL)
        wdf_violation_null(g, ddi, "the handle", caller);
    os_mutex_lock(&wdf_tree_lock);
    o = wdf_lookup_locked(handle);
    os_mutex_unlock(&wdf_tree_lock);
    if (o == NULL || (type != 0 && o->type != type))
        trace_recorder_log(g != NULL ? g->driver_object : NULL,
                           "WDF_VIOLATION: bad handle %p passed to %s", handle, ddi);
    if (o == NULL)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_BAD_HANDLE, (ULONG_PTR)handle, 0, 0,
                        "driver '%s' passed %p to %s: not a framework object handle (deleted, "
                        "or never one)",
                        wdf_driver_name(g), handle, ddi);
    if (type != 0 && o->type != type)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_BAD_HANDLE, (ULONG_PTR)handle, 0, 0,
                        "driver '%s' passed a %s handle (%p) to %s, which takes a %s",
                        wdf_driver_name(g), wdf_type_names[o->type], handle, ddi,
                        wdf_type_names[type]);
    return o;
}

struct wdf_globals *wdf_globals_of(PWDF_DRIVER_GLOBALS globals)
{
    return CONTAINING_RECORD(globals, struct wdf_globals, pub);
}

/* Microsoft (WDF_SYNCHRONIZATION_SCOPE, WDF_EXECUTION_LEVEL): a scope may be given to driver,
 * device and queue objects only; an execution level to driver, device, queue, general and
 * timer objects (file objects are file.c's: not created here). `type` 0: any (the attributes
 * of WdfObjectAllocateContext, whose constraints are not used). */
static NTSTATUS wdf_check_constraints(struct wdf_globals *g, enum wdf_type type,
                                      PWDF_OBJECT_ATTRIBUTES a)
{
    BOOLEAN scope_ok =
        type == 0 || type == WDF_TYPE_DRIVER || type == WDF_TYPE_DEVICE || type == WDF_TYPE_QUEUE;
    BOOLEAN level_ok = scope_ok || type == WDF_TYPE_OBJECT || type == WDF_TYPE_TIMER;
    if (a->ExecutionLevel > WdfExecutionLevelDispatch ||
        a->SynchronizationScope > WdfSynchronizationScopeNone) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': ExecutionLevel %d / SynchronizationScope %d: not a value of "
                 "WDF_EXECUTION_LEVEL / WDF_SYNCHRONIZATION_SCOPE",
                 g->pub.DriverName, a->ExecutionLevel, a->SynchronizationScope);
        return STATUS_INVALID_PARAMETER;
    }
    if (!scope_ok && a->SynchronizationScope > WdfSynchronizationScopeInheritFromParent) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': a %s cannot have a SynchronizationScope (only drivers, devices "
                 "and queues)",
                 g->pub.DriverName, wdf_type_names[type]);
        return STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID;
    }
    if (!level_ok && a->ExecutionLevel > WdfExecutionLevelInheritFromParent) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': a %s cannot have an ExecutionLevel",
                 g->pub.DriverName, wdf_type_names[type]);
        return STATUS_WDF_EXECUTION_LEVEL_INVALID;
    }
    return STATUS_SUCCESS;
}

/* Attributes a caller may pass: NULL, or initialised (Size) with constraints its object type
 * accepts. */
static NTSTATUS wdf_check_attributes(struct wdf_globals *g, enum wdf_type type,
                                     PWDF_OBJECT_ATTRIBUTES a)
{
    if (a == NULL)
        return STATUS_SUCCESS;
    if (a->Size != sizeof(WDF_OBJECT_ATTRIBUTES)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': WDF_OBJECT_ATTRIBUTES.Size is %lu, not %zu",
                 g->pub.DriverName, (unsigned long)a->Size, sizeof(WDF_OBJECT_ATTRIBUTES));
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    return wdf_check_constraints(g, type, a);
}

static struct wdf_context *wdf_context_new(struct wdf_object *o, PWDF_OBJECT_ATTRIBUTES a)
{
    size_t size = 0;
    struct wdf_context *c;
    if (a != NULL && a->ContextTypeInfo != NULL) {
        size = a->ContextTypeInfo->ContextSize;
        if (a->ContextSizeOverride > size)
            size = a->ContextSizeOverride;
    }
    c = calloc(1, sizeof(*c) + size);
    if (c == NULL)
        return NULL;
    c->object = o;
    c->magic = WDF_CONTEXT_MAGIC;
    if (a != NULL) {
        c->type = a->ContextTypeInfo != NULL ? a->ContextTypeInfo->UniqueType : NULL;
        c->cleanup = a->EvtCleanupCallback;
        c->destroy = a->EvtDestroyCallback;
    }
    return c;
}

NTSTATUS wdf_object_create(struct wdf_globals *g, enum wdf_type type, size_t size,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object *parent,
                           struct wdf_object **out)
{
    struct wdf_object *o;
    NTSTATUS status = wdf_check_attributes(g, type, attributes);
    if (!NT_SUCCESS(status))
        return status;
    o = calloc(1, size);
    if (o == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    o->contexts = wdf_context_new(o, attributes);
    if (o->contexts == NULL) {
        free(o);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    o->type = type;
    o->refs = 1;
    o->exec_level =
        attributes != NULL ? attributes->ExecutionLevel : WdfExecutionLevelInheritFromParent;
    o->sync_scope = attributes != NULL ? attributes->SynchronizationScope
                                       : WdfSynchronizationScopeInheritFromParent;
    o->owner = g;
    InitializeListHead(&o->children);
    os_mutex_lock(&wdf_tree_lock);
    if (parent != NULL && parent->state != WDF_LIVE) {
        os_mutex_unlock(&wdf_tree_lock);
        free(o->contexts);
        free(o);
        return STATUS_DELETE_PENDING;
    }
    o->parent = parent;
    if (parent != NULL) {
        __atomic_add_fetch(&parent->refs, 1, __ATOMIC_RELAXED);
        InsertTailList(&parent->children, &o->sibling);
    }
    o->hash_next = wdf_hash[wdf_hash_of(o)];
    wdf_hash[wdf_hash_of(o)] = o;
    os_mutex_unlock(&wdf_tree_lock);
    *out = o;
    return STATUS_SUCCESS;
}

void wdf_object_reference(struct wdf_object *o)
{
    __atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}

static void wdf_object_unhash(struct wdf_object *o)
{
    struct wdf_object **pp = &wdf_hash[wdf_hash_of(o)];
    while (*pp != o)
        pp = &(*pp)->hash_next;
    *pp = o->hash_next;
}

/* The last reference went: destroy callbacks, the framework's part, the memory; then the
 * reference this object held on its parent. */
static void wdf_object_destroy(struct wdf_object *o)
{
    struct wdf_object *parent = o->parent;
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->destroy != NULL)
            c->destroy((WDFOBJECT)o);
    if (o->type_destroy != NULL)
        o->type_destroy(o);
    os_mutex_lock(&wdf_tree_lock);
    wdf_object_unhash(o);
    os_mutex_unlock(&wdf_tree_lock);
    while (o->contexts != NULL) {
        struct wdf_context *c = o->contexts;
        o->contexts = c->next;
        c->magic = 0;
        free(c);
    }
    wdf_sync_free(o);
    free(o);
    if (parent != NULL)
        wdf_object_release(parent);
}

void wdf_object_release(struct wdf_object *o)
{
    LONG refs = __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL);
    if (refs > 0)
        return;
    if (o->state == WDF_LIVE)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_DEREFERENCE_DELETE, (ULONG_PTR)o, 0, 0,
                        "driver '%s' released the last reference of %s %p, which was not "
                        "deleted (WdfObjectDereference without a matching WdfObjectReference; "
                        "delete objects with WdfObjectDelete)",
                        wdf_driver_name(o->owner), wdf_type_names[o->type], (void *)o);
    wdf_object_destroy(o);
}

/* The first live child, referenced (NULL: none), under wdf_tree_lock. */
static struct wdf_object *wdf_first_child(struct wdf_object *o)
{
    struct wdf_object *child = NULL;
    os_mutex_lock(&wdf_tree_lock);
    if (!IsListEmpty(&o->children))
        child = CONTAINING_RECORD(o->children.Flink, struct wdf_object, sibling);
    os_mutex_unlock(&wdf_tree_lock);
    return child;
}

void wdf_object_delete(struct wdf_object *o)
{
    struct wdf_object *child;
    os_mutex_lock(&wdf_tree_lock);
    if (o->state != WDF_LIVE) {
        os_mutex_unlock(&wdf_tree_lock);
        return;
    }
    o->state = WDF_DELETING;
    if (o->parent != NULL)
        RemoveEntryList(&o->sibling); /* the parent's loop below never sees it again */
    os_mutex_unlock(&wdf_tree_lock);
    while ((child = wdf_first_child(o)) != NULL)
        wdf_object_delete(child);
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->cleanup != NULL)
            c->cleanup((WDFOBJECT)o);
    if (o->type_cleanup != NULL)
        o->type_cleanup(o);
    wdf_object_release(o); /* the creation reference */
}

/* ---- DDIs ---------------------------------------------------------------------------------- */

NTSTATUS imp_WdfObjectCreate(PWDF_DRIVER_GLOBALS globals, PWDF_OBJECT_ATTRIBUTES attributes,
                             WDFOBJECT *object)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *parent, *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, object);
    /* The default parent is the driver object (Microsoft: WDF_OBJECT_ATTRIBUTES). */
    parent = g->driver != NULL ? &g->driver->obj : NULL;
    if (attributes != NULL && attributes->Size == sizeof(*attributes) &&
        attributes->ParentObject != NULL)
        parent = wdf_object_get(g, attributes->ParentObject, 0);
    status = wdf_object_create(g, WDF_TYPE_OBJECT, sizeof(*o), attributes, parent, &o);
    *object = NT_SUCCESS(status) ? (WDFOBJECT)o : NULL;
    return status;
}

VOID imp_WdfObjectDelete(PWDF_DRIVER_GLOBALS globals, WDFOBJECT object)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o = wdf_object_get(g, object, 0);
    /* Objects the framework owns cannot be deleted by the driver (Microsoft: WdfObjectDelete);
     * deleting a request is completing it. */
    if (o->type == WDF_TYPE_DRIVER || o->type == WDF_TYPE_REQUEST) {
        rtl_diag(RTL_DIAG_WARN, "wdf", "driver '%s': WdfObjectDelete on a %s is ignored",
                 g->pub.DriverName, wdf_type_names[o->type]);
        return;
    }
    wdf_object_delete(o);
}

VOID imp_WdfObjectReferenceActual(PWDF_DRIVER_GLOBALS globals, WDFOBJECT object, PVOID tag,
                                  LONG line, PCHAR file)
{
    (void)tag, (void)line, (void)file; /* tag tracking is the KMDF Verifier's; not kept */
    wdf_object_reference(wdf_object_get(wdf_globals_of(globals), object, 0));
}

VOID imp_WdfObjectDereferenceActual(PWDF_DRIVER_GLOBALS globals, WDFOBJECT object, PVOID tag,
                                    LONG line, PCHAR file)
{
    (void)tag, (void)line, (void)file;
    wdf_object_release(wdf_object_get(wdf_globals_of(globals), object, 0));
}

PVOID imp_WdfObjectGetTypedContextWorker(PWDF_DRIVER_GLOBALS globals, WDFOBJECT object,
                                         PCWDF_OBJECT_CONTEXT_TYPE_INFO type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o = wdf_object_get(g, object, 0);
    WDF_CHECK_NOT_NULL(g, type);
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->type != NULL && c->type == type->UniqueType)
            return c->data;
    return NULL;
}

NTSTATUS imp_WdfObjectAllocateContext(PWDF_DRIVER_GLOBALS globals, WDFOBJECT object,
                                      PWDF_OBJECT_ATTRIBUTES attributes, PVOID *context)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_object *o = wdf_object_get(g, object, 0);
    struct wdf_context *c, **tail;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, attributes);
    status = wdf_check_attributes(g, 0, attributes);
    if (!NT_SUCCESS(status))
        return status;
    if (attributes->ContextTypeInfo == NULL)
        return STATUS_OBJECT_NAME_INVALID; /* no type to allocate */
    os_mutex_lock(&wdf_tree_lock);
    for (c = o->contexts; c != NULL; c = c->next)
        if (c->type == attributes->ContextTypeInfo->UniqueType) {
            os_mutex_unlock(&wdf_tree_lock);
            if (context != NULL)
                *context = c->data;
            return STATUS_OBJECT_NAME_EXISTS;
        }
    status = o->state == WDF_LIVE ? STATUS_SUCCESS : STATUS_DELETE_PENDING;
    c = NT_SUCCESS(status) ? wdf_context_new(o, attributes) : NULL;
    if (NT_SUCCESS(status) && c == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (c != NULL) {
        for (tail = &o->contexts; *tail != NULL; tail = &(*tail)->next)
            ;
        *tail = c;
    }
    os_mutex_unlock(&wdf_tree_lock);
    if (context != NULL)
        *context = c != NULL ? c->data : NULL;
    return status;
}

WDFOBJECT imp_WdfObjectContextGetObject(PWDF_DRIVER_GLOBALS globals, PVOID context)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_context *c;
    WDF_CHECK_NOT_NULL(g, context);
    c = CONTAINING_RECORD(context, struct wdf_context, data);
    if (c->magic != WDF_CONTEXT_MAGIC)
        ke_bugcheck_msg(BUGCODE_WDF_VIOLATION, VF_10D_BAD_HANDLE, (ULONG_PTR)context, 0, 0,
                        "driver '%s' passed %p to WdfObjectContextGetObject: not an object "
                        "context",
                        g->pub.DriverName, context);
    return (WDFOBJECT)c->object;
}
