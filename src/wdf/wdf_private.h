/*
 * wdf_private.h - the framework's internals: the one object header every framework object
 * starts with, the driver, device, queue and request objects, the per-module globals, and the
 * violation reports (bug check 0x10D WDF_VIOLATION).
 *
 * Handles. A handle is the address of the object's header; every DDI maps it back through
 * wdf_object_get, which looks it up in the table of live objects (object.c), so a stale,
 * foreign or garbage handle is the framework's bug check, never a wild access.
 *
 * Lifetime. An object starts with one reference (its creation reference, dropped when it is
 * deleted) and holds one on its parent, so children are destroyed before their parent.
 * Deleting an object deletes its children first, then runs its cleanup callbacks; its destroy
 * callbacks run when the last reference goes. Callbacks never run under a framework lock.
 */
#ifndef DRVHOST_WDF_PRIVATE_H
#define DRVHOST_WDF_PRIVATE_H

#include <wdm.h>
#include <wdf.h>
#include <wdfldr.h>

#include "os/os.h"
#include "vf/vf.h"
#include "wdf/wdf.h"

enum wdf_type {
    WDF_TYPE_OBJECT = 1, /* WdfObjectCreate: a general object */
    WDF_TYPE_DRIVER,
    WDF_TYPE_DEVICE,
    WDF_TYPE_QUEUE,
    WDF_TYPE_REQUEST,
};

enum wdf_state {
    WDF_LIVE,
    WDF_DELETING
};

struct wdf_globals;

struct wdf_context {
    struct wdf_context *next;
    struct wdf_object *object;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO type; /* its UniqueType */
    PFN_WDF_OBJECT_CONTEXT_CLEANUP cleanup;
    PFN_WDF_OBJECT_CONTEXT_DESTROY destroy;
    ULONG magic;
    __attribute__((aligned(MEMORY_ALLOCATION_ALIGNMENT))) unsigned char data[];
};

struct wdf_object {
    enum wdf_type type;
    enum wdf_state state; /* atomic: LIVE -> DELETING once (object.c) */
    LONG refs;            /* atomic */
    struct wdf_globals *owner;
    struct wdf_object *parent;
    LIST_ENTRY children; /* live children; under wdf_tree_lock */
    LIST_ENTRY sibling;
    struct wdf_context *contexts; /* the attributes' context first, then allocation order */
    /* The attributes' constraints as the driver gave them (InheritFromParent when it gave no
     * attributes); wdf_sync_owner resolves them. */
    WDF_EXECUTION_LEVEL exec_level;
    WDF_SYNCHRONIZATION_SCOPE sync_scope;
    /* The framework's part of cleanup (after the driver's callbacks) and of destruction
     * (after the destroy callbacks, before the memory goes). NULL: nothing. */
    void (*type_cleanup)(struct wdf_object *object);
    void (*type_destroy)(struct wdf_object *object);
    /* ---- fast paths (object.c; issue 14's speed) ---- */
    /* Set (under wdf_tree_lock) before a child is first added: deleting an object without a
     * parent takes the tree lock only if it ever had children. */
    LONG had_children;
    /* 1 while the object waits in a thread's cache for reuse (requests): its handle is stale. */
    LONG freed;
    size_t alloc_size; /* of the block (object and first context): reuse needs the same */
    struct wdf_context *inline_context; /* the attributes' context, in the object's block */
};

/* One per bound module (WdfVersionBind .. WdfVersionUnbind): what the module sees as its
 * WdfDriverGlobals is `pub`. */
struct wdf_globals {
    WDF_DRIVER_GLOBALS pub;
    ULONG magic;
    PDRIVER_OBJECT driver_object;
    struct wdf_driver *driver; /* WdfDriverCreate's object, NULL before */
    struct wdf_globals *next;
};

struct wdf_driver {
    struct wdf_object obj;
    PDRIVER_OBJECT wdm;
    WDF_DRIVER_CONFIG config;
    UNICODE_STRING registry_path; /* our NUL-terminated copy */
};

struct WDFDEVICE_INIT {
    ULONG magic;
    struct wdf_driver *driver;
    BOOLEAN control;
    BOOLEAN exclusive;
    DEVICE_TYPE device_type;
    ULONG characteristics;
    WDF_DEVICE_IO_TYPE io_type;
    UNICODE_STRING name; /* our copy, empty if unnamed */
};

struct wdf_device {
    struct wdf_object obj;
    PDEVICE_OBJECT wdm;
    struct wdf_driver *driver;
    BOOLEAN control;
    struct wdf_queue *default_queue; /* under wdf_tree_lock */
    UNICODE_STRING name;             /* the device object's name, empty if unnamed */
    UNICODE_STRING link; /* our copy of WdfDeviceCreateSymbolicLink's name, empty if none */
};

struct wdf_queue {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_IO_QUEUE_CONFIG config;
    ULONG limit;     /* requests presented at once: 1 sequential, N parallel */
    os_mutex lock;   /* presented, pending */
    ULONG presented; /* presented to the driver and not completed */
    LIST_ENTRY pending;
};

struct wdf_request {
    struct wdf_object obj;
    PIRP irp;
    struct wdf_queue *queue;
    LIST_ENTRY link; /* in queue->pending while waiting */
    ULONG_PTR information;
    LONG completed; /* atomic */
};

/* ---- objects (object.c) -------------------------------------------------------------------- */

extern os_mutex wdf_tree_lock;

/* Creates an object of `size` bytes (header first) with its attributes' context, under
 * `parent` (NULL: none). Validates the attributes (Size, parent handle); the object has one
 * reference. */
NTSTATUS wdf_object_create(struct wdf_globals *g, enum wdf_type type, size_t size,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object *parent,
                           struct wdf_object **out);
void wdf_object_delete(struct wdf_object *object);
void wdf_object_reference(struct wdf_object *object);
void wdf_object_release(struct wdf_object *object);
/* The live object behind `handle`, of `type` (0: any); a bad handle is WDF_VIOLATION. */
struct wdf_object *wdf_object_get_in(struct wdf_globals *g, WDFOBJECT handle, enum wdf_type type,
                                     const char *ddi, const void *caller);
#define wdf_object_get(g, handle, type)                                                            \
    wdf_object_get_in(g, (WDFOBJECT)(handle), type, __func__ + 4, __builtin_return_address(0))
struct wdf_globals *wdf_globals_of(PWDF_DRIVER_GLOBALS globals);

__attribute__((noreturn)) void wdf_violation_null(struct wdf_globals *g, const char *ddi,
                                                  const char *parameter, const void *caller);
#define WDF_CHECK_NOT_NULL(g, p)                                                                   \
    do {                                                                                           \
        if ((p) == NULL)                                                                           \
            wdf_violation_null(g, __func__ + 4, #p, __builtin_return_address(0));                  \
    } while (0)

/* ---- drivers and devices ------------------------------------------------------------------- */

struct wdf_globals *wdf_globals_find(PDRIVER_OBJECT driver_object);
void wdf_driver_unbind(struct wdf_globals *g);
NTSTATUS wdf_dispatch(PDEVICE_OBJECT device, PIRP irp);

/* ---- queues and requests ------------------------------------------------------------------- */

/* Hands a read, write or device control IRP to the device's default queue (marks it pending). */
NTSTATUS wdf_queue_dispatch(struct wdf_device *device, PIRP irp);
/* A request object for an IRP the queue is given (it holds a reference on the queue); NULL
 * when out of memory. */
struct wdf_request *wdf_request_create(struct wdf_queue *queue, PIRP irp);
/* The request was completed: the next one may be presented. */
void wdf_queue_request_done(struct wdf_queue *queue);

/* ---- synchronization scope and execution level (sync.c) ---------------------------------- */

/* The object (a device or a queue) whose lock serialises the callbacks of `object`, after its
 * SynchronizationScope is resolved through its parents (a queue's, or the parent's for a timer,
 * work item or DPC created with AutomaticSerialization); NULL when they are not serialised. */
struct wdf_object *wdf_sync_owner(struct wdf_object *object);
/* Takes and drops that lock around a callback (NULL: nothing), at the IRQL its execution level
 * implies. */
void wdf_sync_acquire(struct wdf_object *owner);
void wdf_sync_release(struct wdf_object *owner);

/* ---- file objects (file.c) ----------------------------------------------------------------- */

/* IRP_MJ_CREATE, IRP_MJ_CLEANUP and IRP_MJ_CLOSE for a framework device. */
NTSTATUS wdf_file_dispatch(struct wdf_device *device, PIRP irp);

/* ---- PnP and power (pnp.c) ----------------------------------------------------------------- */

/* IRP_MJ_PNP and IRP_MJ_POWER for a framework device. */
NTSTATUS wdf_pnp_dispatch(struct wdf_device *device, PIRP irp);
/* Power-managed queues follow the device: stopped (EvtIoStop for what is presented) when it
 * leaves its working state, restarted when it returns (queue.c). */
void wdf_queue_device_power(struct wdf_device *device, BOOLEAN working);

/* Completes an IRP the framework answers itself (no information) and returns `status`. */
NTSTATUS wdf_irp_complete(PIRP irp, NTSTATUS status);

/* ---- the function table (bind.c): implementations, named imp_WdfXxx ---------------------- */

#define WDF_IMP(name) imp_##name

#endif
