/*
 * object.c - the framework's object model: the table of live handles, creation with
 * attributes and contexts, references, deletion (children first, cleanup callbacks, then the
 * destroy callbacks when the last reference goes), and WdfObject* DDIs. Violations are bug
 * check 0x10D WDF_VIOLATION with the parameter 1 of Microsoft's bug-check page.
 *
 * Locking: wdf_tree_lock serialises the writers of the handle table and guards every object's
 * children list; an object's state changes by atomic exchange. It is never held while driver
 * code runs.
 *
 * Speed (issue 14: a framework round trip within 1.5x the WDM one, and scaling with client
 * threads): every DDI validates its handle, so the lookup takes no lock (an open-addressing
 * table read with atomic loads; a miss is confirmed under the lock, since a concurrent removal
 * may move entries). Request objects, one per IRP, are not freed but kept in a per-thread FIFO
 * cache and reused (they stay in the handle table, marked freed): no allocation, no global lock
 * per request. A freed request's handle stays invalid until WDF_CACHE_QUARANTINE more requests
 * of that thread were freed (then the object may serve a new request and the stale handle
 * aliases it, as a reused handle value would on Windows). Session 11: the end of such a request
 * skips the general deletion when nothing else holds it, and its reuse resets only what a
 * request's life changed (wdf_object_end_request, wdf_object_renew; docs/wdf.md "Speed").
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_CONTEXT_MAGIC 0x78637466u /* 'ftcx' */

os_mutex wdf_tree_lock = OS_MUTEX_INIT;

/* ---- the handle table (struct wdf_handles: wdf_private.h) ---------------------------------- */

#define WDF_HANDLES_MIN 1024u

/* session 15: an empty slot holds &wdf_no_object, not NULL, and the table is never NULL (the
 * first is this one-slot static table): a look-up's hit is one compare, and a miss (NULL
 * handles included) ends at an empty slot with an object the checks refuse (freed, type 0). */
struct wdf_object wdf_no_object = {.freed = 1};
static struct wdf_handles wdf_handles_none = {.slot = {&wdf_no_object}};
struct wdf_handles *wdf_handles = &wdf_handles_none; /* atomic; replaced under wdf_tree_lock */

static void wdf_slot_set(struct wdf_handles *t, size_t i, struct wdf_object *o)
{
    __atomic_store_n(&t->slot[i], o, __ATOMIC_RELEASE);
}

static void wdf_handles_put(struct wdf_handles *t, struct wdf_object *o)
{
    size_t i = wdf_hash_of(o) & t->mask;
    while (t->slot[i] != &wdf_no_object)
        i = (i + 1) & t->mask;
    wdf_slot_set(t, i, o);
    t->count++;
}

/* The table's entry for `handle`, or &wdf_no_object; a bounded probe of its cluster. */
static struct wdf_object *wdf_handles_find(const void *handle)
{
    struct wdf_handles *t = __atomic_load_n(&wdf_handles, __ATOMIC_ACQUIRE);
    for (size_t i = wdf_hash_of(handle) & t->mask, n = 0; n <= t->mask;
         i = (i + 1) & t->mask, n++) {
        struct wdf_object *o = __atomic_load_n(&t->slot[i], __ATOMIC_ACQUIRE);
        if (o == handle || o == &wdf_no_object)
            return o;
    }
    return &wdf_no_object;
}

/* Room for one more entry (wdf_tree_lock held); FALSE when out of memory. */
static BOOLEAN wdf_handles_reserve(void)
{
    struct wdf_handles *old = wdf_handles, *t;
    size_t capacity = old != &wdf_handles_none ? old->mask + 1 : WDF_HANDLES_MIN / 2;
    if (old != &wdf_handles_none && (old->count + 1) * 2 <= capacity)
        return TRUE;
    capacity *= 2;
    t = calloc(1, sizeof(*t) + capacity * sizeof(t->slot[0]));
    if (t == NULL)
        return FALSE;
    t->mask = capacity - 1;
    t->retired = old;
    for (size_t i = 0; i <= t->mask; i++)
        t->slot[i] = &wdf_no_object;
    for (size_t i = 0; i <= old->mask; i++)
        if (old->slot[i] != &wdf_no_object)
            wdf_handles_put(t, old->slot[i]);
    __atomic_store_n(&wdf_handles, t, __ATOMIC_RELEASE);
    return TRUE;
}

/* Removes `o` (wdf_tree_lock held): the entries after it in its cluster that hash at or
 * before its slot move back (backward-shift deletion). */
static void wdf_handles_remove(struct wdf_object *o)
{
    struct wdf_handles *t = wdf_handles;
    size_t i = wdf_hash_of(o) & t->mask, j;
    while (t->slot[i] != o)
        i = (i + 1) & t->mask;
    for (j = (i + 1) & t->mask; t->slot[j] != &wdf_no_object; j = (j + 1) & t->mask) {
        size_t home = wdf_hash_of(t->slot[j]) & t->mask;
        /* The entry stays if its home slot lies cyclically in (i, j]. */
        if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
            continue;
        wdf_slot_set(t, i, t->slot[j]);
        i = j;
    }
    wdf_slot_set(t, i, &wdf_no_object);
    t->count--;
}

/* The live (or deleted but referenced) object behind a handle; NULL for anything else. */
static struct wdf_object *wdf_lookup(const void *handle)
{
    struct wdf_object *o = wdf_handles_find(handle);
    if (o == &wdf_no_object) { /* a removal may have moved it past us: ask again, alone */
        os_mutex_lock(&wdf_tree_lock);
        o = wdf_handles_find(handle);
        os_mutex_unlock(&wdf_tree_lock);
    }
    if (__atomic_load_n(&o->freed, __ATOMIC_ACQUIRE)) /* wdf_no_object included */
        return NULL;
    return o;
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
    [WDF_TYPE_INTERRUPT] = "WDFINTERRUPT",
    [WDF_TYPE_CHILDLIST] = "WDFCHILDLIST",
    [WDF_TYPE_WMIPROVIDER] = "WDFWMIPROVIDER",
    [WDF_TYPE_WMIINSTANCE] = "WDFWMIINSTANCE",
    [WDF_TYPE_DMAENABLER] = "WDFDMAENABLER",
    [WDF_TYPE_COMMONBUFFER] = "WDFCOMMONBUFFER",
    [WDF_TYPE_DMATRANSACTION] = "WDFDMATRANSACTION",
    [WDF_TYPE_USBINTERFACE] = "WDFUSBINTERFACE",
    [WDF_TYPE_USBREQ] = "WDFOBJECT",
    [WDF_TYPE_IORESREQLIST] = "WDFIORESREQLIST",
    [WDF_TYPE_IORESLIST] = "WDFIORESLIST",
    [WDF_TYPE_SPBTARGET] = "SPBTARGET",
    [WDF_TYPE_UCMCONNECTOR] = "UCMCONNECTOR",
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

__attribute__((noinline, cold)) struct wdf_object *wdf_object_get_slow(struct wdf_globals *g,
                                                                       WDFOBJECT handle,
                                                                       enum wdf_type type,
                                                                       const char *ddi,
                                                                       const void *caller)
{
    struct wdf_object *o;
    if (handle == NULL)
        wdf_violation_null(g, ddi, "the handle", caller);
    o = wdf_lookup(handle);
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

/* Microsoft (Framework Object Creation Errors): STATUS_WDF_OBJECT_ATTRIBUTES_INVALID for an
 * ExecutionLevel or SynchronizationScope that is no value of its type a driver may give
 * (WdfExecutionLevelInvalid and WdfSynchronizationScopeInvalid are reserved: zeroed attributes
 * that skipped WDF_OBJECT_ATTRIBUTES_INIT fail), a context name with a context size of zero, a
 * ContextSizeOverride without a ContextTypeInfo, or one smaller than the type's ContextSize
 * (s14-wdfgaps; before, the first two were STATUS_INVALID_PARAMETER and the others passed). */
static const char *wdf_attributes_invalid(PWDF_OBJECT_ATTRIBUTES a)
{
    PCWDF_OBJECT_CONTEXT_TYPE_INFO t = a->ContextTypeInfo;
    if (a->ExecutionLevel != WdfExecutionLevelInheritFromParent &&
        a->ExecutionLevel != WdfExecutionLevelPassive &&
        a->ExecutionLevel != WdfExecutionLevelDispatch)
        return "its ExecutionLevel is no WDF_EXECUTION_LEVEL a driver may give";
    if (a->SynchronizationScope != WdfSynchronizationScopeInheritFromParent &&
        a->SynchronizationScope != WdfSynchronizationScopeDevice &&
        a->SynchronizationScope != WdfSynchronizationScopeQueue &&
        a->SynchronizationScope != WdfSynchronizationScopeNone)
        return "its SynchronizationScope is no WDF_SYNCHRONIZATION_SCOPE a driver may give";
    if (t != NULL && t->ContextName != NULL && t->ContextSize == 0)
        return "its context type has a name and a ContextSize of 0";
    if (a->ContextSizeOverride != 0 && t == NULL)
        return "it has a ContextSizeOverride and no ContextTypeInfo";
    if (a->ContextSizeOverride != 0 && a->ContextSizeOverride < t->ContextSize)
        return "its ContextSizeOverride is smaller than its context type's ContextSize";
    return NULL;
}

/* Microsoft (WDF_SYNCHRONIZATION_SCOPE, WDF_EXECUTION_LEVEL): a scope may be given to driver,
 * device and queue objects only; an execution level to driver, device, file, queue, general
 * and timer objects. File objects (WdfDeviceInitSetFileObjectConfig) may also opt out of their
 * device's scope with WdfSynchronizationScopeNone, which that page tells a driver whose device
 * has a scope to set. `type` 0: any (the attributes of WdfObjectAllocateContext,
 * whose constraints are not used). */
static NTSTATUS wdf_check_constraints(struct wdf_globals *g, enum wdf_type type,
                                      PWDF_OBJECT_ATTRIBUTES a)
{
    BOOLEAN scope_ok =
        type == 0 || type == WDF_TYPE_DRIVER || type == WDF_TYPE_DEVICE || type == WDF_TYPE_QUEUE;
    BOOLEAN level_ok =
        scope_ok || type == WDF_TYPE_OBJECT || type == WDF_TYPE_TIMER || type == WDF_TYPE_FILE;
    BOOLEAN file = type == WDF_TYPE_FILE;
    const char *invalid = wdf_attributes_invalid(a);
    if (invalid != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WDF_OBJECT_ATTRIBUTES %p of a new %s: %s (ExecutionLevel %d, "
                 "SynchronizationScope %d)",
                 g->pub.DriverName, (void *)a, type != 0 ? wdf_type_names[type] : "context",
                 invalid, (int)a->ExecutionLevel, (int)a->SynchronizationScope);
        /* WdfObjectAllocateContext creates no object: its page's status for a bad parameter */
        return type != 0 ? STATUS_WDF_OBJECT_ATTRIBUTES_INVALID : STATUS_INVALID_PARAMETER;
    }
    if (!scope_ok && a->SynchronizationScope > WdfSynchronizationScopeInheritFromParent &&
        !(file && a->SynchronizationScope == WdfSynchronizationScopeNone)) {
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
NTSTATUS wdf_object_check_attributes(struct wdf_globals *g, enum wdf_type type,
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

NTSTATUS wdf_parent_refused(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES a, const char *ddi)
{
    /* A wrong Size is wdf_object_create's error (STATUS_INFO_LENGTH_MISMATCH): no parent read. */
    if (a == NULL || a->Size != sizeof(*a) || a->ParentObject == NULL)
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "wdf",
             "driver '%s': %s: the framework chooses the parent: the attributes' ParentObject "
             "must be NULL",
             g->pub.DriverName, ddi);
    return STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED;
}

/* The bytes of context data the attributes ask for. */
static size_t wdf_context_size(PWDF_OBJECT_ATTRIBUTES a)
{
    size_t size = 0;
    if (a != NULL && a->ContextTypeInfo != NULL) {
        size = a->ContextTypeInfo->ContextSize;
        if (a->ContextSizeOverride > size)
            size = a->ContextSizeOverride;
    }
    return size;
}

static void wdf_context_init(struct wdf_context *c, struct wdf_object *o, PWDF_OBJECT_ATTRIBUTES a)
{
    c->object = o;
    c->magic = WDF_CONTEXT_MAGIC;
    if (a != NULL) {
        c->type = a->ContextTypeInfo != NULL ? a->ContextTypeInfo->UniqueType : NULL;
        c->cleanup = a->EvtCleanupCallback;
        c->destroy = a->EvtDestroyCallback;
    }
}

/* A context of its own block (WdfObjectAllocateContext). */
static struct wdf_context *wdf_context_new(struct wdf_object *o, PWDF_OBJECT_ATTRIBUTES a)
{
    struct wdf_context *c = calloc(1, sizeof(*c) + wdf_context_size(a));
    if (c != NULL)
        wdf_context_init(c, o, a);
    return c;
}

/* Frees an object's memory: out of the handle table, its contexts, its block. */
void wdf_object_free(struct wdf_object *o)
{
    os_mutex_lock(&wdf_tree_lock);
    wdf_handles_remove(o);
    os_mutex_unlock(&wdf_tree_lock);
    while (o->contexts != NULL) {
        struct wdf_context *c = o->contexts;
        o->contexts = c->next;
        c->magic = 0;
        if (c != o->inline_context)
            free(c);
    }
    free(o);
}

/* ---- the per-thread cache of request objects (wdf_private.h) ----------------------------- */
static os_once wdf_cache_key_once = OS_ONCE_INIT;
static os_tls_key wdf_cache_key;
static BOOLEAN wdf_cache_key_ok;
__thread struct wdf_cache *wdf_cache_tls __attribute__((tls_model("initial-exec")));

static void wdf_cache_exit(void *arg)
{
    struct wdf_cache *c = arg;
    wdf_cache_tls = NULL;
    for (; c->count > 0; c->count--, c->head = (c->head + 1) % WDF_CACHE_MAX)
        wdf_object_free(c->ring[c->head]);
    free(c);
}

static void wdf_cache_key_create(void)
{
    wdf_cache_key_ok = os_tls_key_create(&wdf_cache_key, wdf_cache_exit) == 0;
}

/* The calling thread's cache, created at its first use; NULL when the host is out of memory. */
static struct wdf_cache *wdf_cache(void)
{
    struct wdf_cache *c = wdf_cache_tls;
    if (__builtin_expect(c != NULL, 1))
        return c;
    os_run_once(&wdf_cache_key_once, wdf_cache_key_create);
    if (!wdf_cache_key_ok || (c = calloc(1, sizeof(*c))) == NULL)
        return NULL;
    os_tls_set(&wdf_cache_key, c);
    wdf_cache_tls = c;
    return c;
}

/* A popped object's block zeroed, as calloc gave it (the context's data too). */
static struct wdf_object *wdf_cache_zero(struct wdf_object *o)
{
    size_t block = o->alloc_size;
    memset(o, 0, block);
    o->alloc_size = block;
    __atomic_store_n(&o->freed, 1, __ATOMIC_RELAXED); /* until wdf_object_create is done */
    return o;
}

/* A cached request object whose block has `block` bytes, zeroed, or NULL. */
static struct wdf_object *wdf_cache_take(size_t block)
{
    struct wdf_object *o = wdf_cache_pop(block);
    return o != NULL ? wdf_cache_zero(o) : NULL;
}

/* Keeps a destroyed object for reuse if it is a request as the framework creates them (no
 * parent, no context but the one of its attributes); FALSE: the caller frees it. */
static BOOLEAN wdf_cache_put(struct wdf_object *o)
{
    struct wdf_context *inline_context = o->inline_context;
    struct wdf_cache *c;
    if (o->type != WDF_TYPE_REQUEST || o->parent != NULL || o->contexts != inline_context ||
        inline_context->next != NULL || (c = wdf_cache()) == NULL)
        return FALSE;
    wdf_cache_push(c, o);
    return TRUE;
}

/* ---- creation and deletion ----------------------------------------------------------------- */

/* A zeroed block for the object and its first context; *cached: it came from the cache (and
 * is in the handle table already). */
static struct wdf_object *wdf_object_alloc(enum wdf_type type, size_t size,
                                           PWDF_OBJECT_ATTRIBUTES a, struct wdf_object *parent,
                                           BOOLEAN *cached)
{
    size_t block = wdf_context_offset(size) + sizeof(struct wdf_context) + wdf_context_size(a);
    struct wdf_object *o = NULL;
    *cached = FALSE;
    if (type == WDF_TYPE_REQUEST && parent == NULL)
        o = wdf_cache_take(block);
    if (o != NULL)
        *cached = TRUE;
    else if ((o = calloc(1, block)) != NULL)
        o->alloc_size = block;
    return o;
}

/* Links a new object under its parent and into the handle table (wdf_tree_lock held). */
static NTSTATUS wdf_object_link(struct wdf_object *o, struct wdf_object *parent)
{
    if (parent != NULL) {
        /* Before the state is read: an unlocked deletion of the parent then sees the flag. */
        __atomic_store_n(&parent->had_children, 1, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&parent->state, __ATOMIC_SEQ_CST) != WDF_LIVE)
            return STATUS_DELETE_PENDING;
    }
    if (!wdf_handles_reserve())
        return STATUS_INSUFFICIENT_RESOURCES;
    o->parent = parent;
    if (parent != NULL) {
        __atomic_add_fetch(&parent->refs, 1, __ATOMIC_RELAXED);
        InsertTailList(&parent->children, &o->sibling);
    }
    wdf_handles_put(wdf_handles, o);
    return STATUS_SUCCESS;
}

/* A new object's header and its attributes' context, in its zeroed block. */
static inline void wdf_object_init(struct wdf_globals *g, struct wdf_object *o, enum wdf_type type,
                                   size_t size, PWDF_OBJECT_ATTRIBUTES attributes)
{
    o->inline_context = (struct wdf_context *)((unsigned char *)o + wdf_context_offset(size));
    wdf_context_init(o->inline_context, o, attributes);
    o->contexts = o->inline_context;
    o->type = type;
    o->refs = 1;
    o->exec_level =
        attributes != NULL ? attributes->ExecutionLevel : WdfExecutionLevelInheritFromParent;
    o->sync_scope = attributes != NULL ? attributes->SynchronizationScope
                                       : WdfSynchronizationScopeInheritFromParent;
    o->owner = g;
    InitializeListHead(&o->children);
}

/* wdevb: a test's simulated low memory for request objects (forward_progress.c), asked once per
 * request object, whether its memory would come from the cache or not; nothing in a Release
 * build. */
static BOOLEAN wdf_request_memory_fails(enum wdf_type type)
{
    return type == WDF_TYPE_REQUEST && os_inject_hit(OS_INJECT_ALLOC, WDF_REQUEST_FAULT_TAG);
}

/* wdf_object_create after its attribute and low-memory checks. */
static NTSTATUS wdf_object_create_checked(struct wdf_globals *g, enum wdf_type type, size_t size,
                                          PWDF_OBJECT_ATTRIBUTES attributes,
                                          struct wdf_object *parent, struct wdf_object **out)
{
    struct wdf_object *o;
    BOOLEAN cached;
    NTSTATUS status;
    o = wdf_object_alloc(type, size, attributes, parent, &cached);
    if (o == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    wdf_object_init(g, o, type, size, attributes);
    if (cached) { /* no parent, already in the table: the handle comes back to life */
        __atomic_store_n(&o->freed, 0, __ATOMIC_RELEASE);
        *out = o;
        return STATUS_SUCCESS;
    }
    os_mutex_lock(&wdf_tree_lock);
    status = wdf_object_link(o, parent);
    os_mutex_unlock(&wdf_tree_lock);
    if (!NT_SUCCESS(status)) {
        free(o);
        return status;
    }
    *out = o;
    return STATUS_SUCCESS;
}

NTSTATUS wdf_object_create(struct wdf_globals *g, enum wdf_type type, size_t size,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object *parent,
                           struct wdf_object **out)
{
    NTSTATUS status = wdf_object_check_attributes(g, type, attributes);
    if (!NT_SUCCESS(status))
        return status;
    if (wdf_request_memory_fails(type))
        return STATUS_INSUFFICIENT_RESOURCES;
    return wdf_object_create_checked(g, type, size, attributes, parent, out);
}

/* The request object of an IRP (request.c): what wdf_object_create(g, WDF_TYPE_REQUEST, size,
 * attributes, NULL, out) makes, without its generic steps when the thread's cache has one
 * (the path of every request, session 10). */
NTSTATUS wdf_object_create_request(struct wdf_globals *g, size_t size,
                                   PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object **out,
                                   BOOLEAN *kept)
{
    struct wdf_object *o;
    size_t context = wdf_context_size(attributes);
    NTSTATUS status = wdf_object_check_attributes(g, WDF_TYPE_REQUEST, attributes);
    *kept = FALSE;
    if (!NT_SUCCESS(status))
        return status;
    if (wdf_request_memory_fails(WDF_TYPE_REQUEST)) /* before the cache: it stands for memory */
        return STATUS_INSUFFICIENT_RESOURCES;
    o = wdf_cache_pop(wdf_context_offset(size) + sizeof(struct wdf_context) + context);
    if (o != NULL && o->kept) { /* session 11: the header reset, not the whole block */
        wdf_object_renew(g, o, attributes, context);
        *kept = TRUE;
        *out = o;
        return STATUS_SUCCESS;
    }
    if (o == NULL) /* the general way (its cache look-up misses again) */
        return wdf_object_create_checked(g, WDF_TYPE_REQUEST, size, attributes, NULL, out);
    wdf_cache_zero(o);
    wdf_object_init(g, o, WDF_TYPE_REQUEST, size, attributes);
    __atomic_store_n(&o->freed, 0, __ATOMIC_RELEASE);
    *out = o;
    return STATUS_SUCCESS;
}

void wdf_object_reference(struct wdf_object *o)
{
    __atomic_add_fetch(&o->refs, 1, __ATOMIC_RELAXED);
}

/* The last reference went: destroy callbacks, the framework's part, the memory (or the cache);
 * then the reference this object held on its parent. */
static void wdf_object_destroy(struct wdf_object *o)
{
    struct wdf_object *parent = o->parent;
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->destroy != NULL)
            c->destroy((WDFOBJECT)o);
    if (o->type_destroy != NULL)
        o->type_destroy(o);
    wdf_sync_free(o); /* before the cache: a reused object starts without a lock */
    if (!wdf_cache_put(o))
        wdf_object_free(o);
    if (parent != NULL)
        wdf_object_release(parent);
}

void wdf_object_release(struct wdf_object *o)
{
    LONG refs = __atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL);
    if (refs > 0)
        return;
    if (__atomic_load_n(&o->state, __ATOMIC_ACQUIRE) == WDF_LIVE)
        wdf_violation(o->owner, VF_10D_DEREFERENCE_DELETE, (ULONG_PTR)o, 0, 0,
                      "driver '%s' released the last reference of %s %p, which was not "
                      "deleted (WdfObjectDereference without a matching WdfObjectReference; "
                      "delete objects with WdfObjectDelete)",
                      wdf_driver_name(o->owner), wdf_type_names[o->type], (void *)o);
    wdf_object_destroy(o);
}

/* LIVE -> DELETING, once: FALSE if the object is already being deleted. */
BOOLEAN wdf_object_claim_delete(struct wdf_object *o)
{
    enum wdf_state live = WDF_LIVE;
    return __atomic_compare_exchange_n(&o->state, &live, WDF_DELETING, FALSE, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

/* LIVE -> DELETING and out of the parent's list of children, in one step under wdf_tree_lock
 * (so the parent's loop in wdf_object_cleanup_tree never sees it again); FALSE if the object is
 * already being deleted. */
static BOOLEAN wdf_object_claim_unlink(struct wdf_object *o)
{
    if (o->parent == NULL)
        return wdf_object_claim_delete(o);
    os_mutex_lock(&wdf_tree_lock);
    BOOLEAN claimed = wdf_object_claim_delete(o);
    if (claimed)
        RemoveEntryList(&o->sibling);
    os_mutex_unlock(&wdf_tree_lock);
    return claimed;
}

/* o's first child, claimed (LIVE -> DELETING) and unlinked in one locked step; NULL: none
 * left. A child in the list is always live (a claim unlinks it under the same lock). */
static struct wdf_object *wdf_claim_first_child(struct wdf_object *o)
{
    struct wdf_object *child = NULL;
    os_mutex_lock(&wdf_tree_lock);
    if (!IsListEmpty(&o->children)) {
        child = CONTAINING_RECORD(o->children.Flink, struct wdf_object, sibling);
        if (wdf_object_claim_delete(child))
            RemoveEntryList(&child->sibling);
        else
            child = NULL; /* cannot happen: see above */
    }
    os_mutex_unlock(&wdf_tree_lock);
    return child;
}

static void wdf_object_run_cleanup(struct wdf_object *o)
{
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->cleanup != NULL)
            c->cleanup((WDFOBJECT)o);
    if (o->type_cleanup != NULL)
        o->type_cleanup(o);
}

/* The cleanup of o's subtree, each child's (and its children's first) before o's own; each
 * claimed object joins `disposed` (through its sibling link, free once it is unlinked) after
 * its cleanup, holding its creation reference. The caller releases them in that order, so every
 * cleanup callback of the tree runs before any destroy callback, children's destroy before their
 * parent's, as Microsoft documents (EVT_WDF_OBJECT_CONTEXT_DESTROY): a driver's cleanup callback
 * may still use, and even delete (a no-op), a child the framework has cleaned up already. */
static void wdf_object_cleanup_tree(struct wdf_object *o, LIST_ENTRY *disposed)
{
    struct wdf_object *child;
    /* After the state changed (wdf_object_link): no child can be added unseen; an object that
     * never had one (the flag is set before its state is read) has no list to look at. */
    if (__atomic_load_n(&o->had_children, __ATOMIC_SEQ_CST))
        while ((child = wdf_claim_first_child(o)) != NULL)
            wdf_object_cleanup_tree(child, disposed);
    wdf_object_run_cleanup(o);
    InsertTailList(disposed, &o->sibling);
}

void wdf_object_delete(struct wdf_object *o)
{
    LIST_ENTRY disposed;
    if (!wdf_object_claim_unlink(o))
        return;
    /* No child ever: no tree to walk. */
    if (!__atomic_load_n(&o->had_children, __ATOMIC_SEQ_CST)) {
        wdf_object_run_cleanup(o);
        wdf_object_release(o); /* the creation reference */
        return;
    }
    InitializeListHead(&disposed);
    wdf_object_cleanup_tree(o, &disposed);
    while (!IsListEmpty(&disposed)) /* children first, o last: creation references */
        wdf_object_release(
            CONTAINING_RECORD(RemoveHeadList(&disposed), struct wdf_object, sibling));
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
     * deleting a request is completing it, unless the driver created it (WdfRequestCreate). */
    if (o->type == WDF_TYPE_DRIVER ||
        (o->type == WDF_TYPE_REQUEST &&
         !CONTAINING_RECORD(o, struct wdf_request, obj)->send.created)) {
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
    status = wdf_object_check_attributes(g, 0, attributes);
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
    status = __atomic_load_n(&o->state, __ATOMIC_ACQUIRE) == WDF_LIVE ? STATUS_SUCCESS
                                                                      : STATUS_DELETE_PENDING;
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
        wdf_violation(g, VF_10D_BAD_HANDLE, (ULONG_PTR)context, 0, 0,
                      "driver '%s' passed %p to WdfObjectContextGetObject: not an object "
                      "context",
                      g->pub.DriverName, context);
    return (WDFOBJECT)c->object;
}
