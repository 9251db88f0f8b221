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
#include "trace/trace.h" /* trace_recorder_*: the framework's in-flight recorder events */

enum wdf_type {
    WDF_TYPE_OBJECT = 1, /* WdfObjectCreate: a general object */
    WDF_TYPE_DRIVER,
    WDF_TYPE_DEVICE,
    WDF_TYPE_QUEUE,
    WDF_TYPE_REQUEST,
    /* memory, lookaside lists, collections, strings, registry keys (memory.c, ...) */
    WDF_TYPE_MEMORY,
    WDF_TYPE_LOOKASIDE,
    WDF_TYPE_COLLECTION,
    WDF_TYPE_STRING,
    WDF_TYPE_KEY,
    /* synchronization, timers, work items, DPCs and locks (sync.c, timer.c, ...) */
    WDF_TYPE_TIMER,
    WDF_TYPE_WORKITEM,
    WDF_TYPE_DPC,
    WDF_TYPE_SPINLOCK,
    WDF_TYPE_WAITLOCK,
    WDF_TYPE_FILE, /* file.c: a WDFFILEOBJECT */
    /* PnP devices (pnp.c, iotarget.c) */
    WDF_TYPE_IOTARGET,
    WDF_TYPE_CMRESLIST, /* the resource lists of EvtDevicePrepareHardware */
    WDF_TYPE_CHILDLIST, /* wbus: a dynamic child list (childlist.c) */
    /* whdr: WMI providers and instances (wmi.c), DMA enablers (dma.c) */
    WDF_TYPE_WMIPROVIDER,
    WDF_TYPE_WMIINSTANCE,
    WDF_TYPE_DMAENABLER,
    WDF_TYPE_COMMONBUFFER,
    WDF_TYPE_INTERRUPT,      /* wintr: an interrupt (interrupt.c) */
    WDF_TYPE_DMATRANSACTION, /* dma: a DMA transaction (dma.c) */
    WDF_TYPE_USBINTERFACE,   /* usb: a WDFUSBINTERFACE (usb.c) */
    WDF_TYPE_USBREQ,         /* usb: a request's URB and USB completion parameters (usb.c) */
    WDF_TYPE_IORESREQLIST,   /* ioreslist: a resource requirements list (ioreslist.c) */
    WDF_TYPE_IORESLIST,      /* ioreslist: one of its logical configurations */
    WDF_TYPE_SPBTARGET,      /* spbcx: an SPBTARGET, a connection to a target (spbcx.c) */
    WDF_TYPE_UCMCONNECTOR,   /* ucmcx: a UCMCONNECTOR, a Type-C connector (ucmcx.c) */
};

#define WDF_SEND_NONE    0
#define WDF_SEND_SENT    1
#define WDF_SEND_WAITING 2

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
    /* A device's or queue's synchronization lock, created on first use (sync.c; atomic
     * pointer, freed with the object). */
    struct wdf_sync_lock *sync_lock;
    /* ---- fast paths (object.c; issue 14's speed) ---- */
    /* Set (under wdf_tree_lock) before a child is first added: deleting an object without a
     * parent takes the tree lock only if it ever had children. */
    LONG had_children;
    /* 1 while the object waits in a thread's cache for reuse (requests): its handle is stale. */
    LONG freed;
    size_t alloc_size; /* of the block (object and first context): reuse needs the same */
    struct wdf_context *inline_context; /* the attributes' context, in the object's block */
    /* session 11: 1 while the object waits in a thread's cache as wdf_object_end_request kept
     * it (its header and a request's fields from `send` on need no zeroing for reuse). */
    LONG kept;
};

/* One per bound module (WdfVersionBind .. WdfVersionUnbind): what the module sees as its
 * WdfDriverGlobals is `pub`. */
struct wdf_globals {
    WDF_DRIVER_GLOBALS pub;
    ULONG magic;
    PDRIVER_OBJECT driver_object;
    /* The driver's in-flight recorder, looked up once at binding so that the per-request
     * events cost stores only (trace_recorder_event); valid while the driver is loaded. */
    struct trace_driver *recorder;
    /* Parameters\Wdf\VerboseOn of the driver's service, read at binding (Microsoft:
     * "Registry Values for Debugging WDF Drivers": the event logger then records more). The
     * recorder's entry for each request presented and completed is such a verbose record. */
    BOOLEAN ifr_verbose;
    struct wdf_driver *driver; /* WdfDriverCreate's object, NULL before */
    struct wdf_globals *next;
    ULONG kmdf_minor; /* the KMDF 1.x version the module was built for (9..33) */
};

/* The Size a structure has in the module's KMDF version (bind.c): `size` (the 1.33 one) from
 * KMDF 1.`since` on, `older` before (docs/wdf.md, "KMDF versions"). */
ULONG wdf_versioned_size(struct wdf_globals *g, ULONG size, ULONG since, ULONG older);

struct wdf_driver {
    struct wdf_object obj;
    PDRIVER_OBJECT wdm;
    WDF_DRIVER_CONFIG config;
    UNICODE_STRING registry_path; /* our NUL-terminated copy */
};

/* wdeva: a list of PDOs a device reports in IRP_MN_QUERY_DEVICE_RELATIONS (device_pnp.c). */
struct wdf_relation_list {
    PDEVICE_OBJECT *pdo; /* referenced */
    ULONG count;
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
    /* ---- wio: requests ---- */
    PFN_WDF_IO_IN_CALLER_CONTEXT in_caller_context;
    BOOLEAN has_request_attributes;
    WDF_OBJECT_ATTRIBUTES request_attributes; /* WdfDeviceInitSetRequestAttributes */
    /* wfile: file object config and IRP preprocessing (file.c); NULL: none given */
    struct wdf_files *files;
    /* PnP devices (EvtDriverDeviceAdd's init; NULL/FALSE for control devices) */
    PDEVICE_OBJECT pdo;
    BOOLEAN filter;                   /* WdfFdoInitSetFilter */
    WDF_TRI_STATE power_policy_owner; /* WdfDeviceInitSetPowerPolicyOwnership */
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    struct wdf_device *created; /* WdfDeviceCreate's device, for AddDevice */
    /* ---- wpower: WdfDeviceInitSetPowerPolicyEventCallbacks (power_policy.c) ---- */
    WDF_POWER_POLICY_EVENT_CALLBACKS power_policy_callbacks;
    /* wbus: a PDO's settings (WdfPdoInitXxx) or an FDO's default child list config; NULL:
     * none (pdo.c, freed by wdf_bus_init_free) */
    struct wdf_bus_init *bus;
    /* ---- w117: security (security.c) ---- */
    UNICODE_STRING sddl; /* our copy of the SDDL string; Buffer NULL: none */
    BOOLEAN has_class;   /* WdfDeviceInitSetDeviceClass */
    GUID class_guid;
    /* ---- gkmdf: WdfControlDeviceInitSetShutdownNotification (shutdown.c) ---- */
    PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION shutdown_notification;
    UCHAR shutdown_flags;
    /* ---- wdevb: WdfDeviceInitAllowSelfIoTarget (self_target.c) ---- */
    BOOLEAN allow_self_target;
    /* ---- ioreslist: WdfFdoInitSetEventCallbacks (ioreslist.c); zero: none ---- */
    WDF_FDO_EVENT_CALLBACKS fdo_callbacks;
    /* ---- wdeva: power-pageable settings (device_pnp.c) ---- */
    WDF_TRI_STATE power_pageable; /* WdfDeviceInitSetPowerPageable / NotPageable; default */
    BOOLEAN power_inrush;         /* WdfDeviceInitSetPowerInrush */
    /* WdfDeviceInitSetReleaseHardwareOrderOnFailure's (0: not called); kept, one order in
     * drvhost (device_pnp.c) */
    WDF_RELEASE_HARDWARE_ORDER_ON_FAILURE release_hw_order;
    /* wdfstate: WdfDeviceInitRegister*StateChangeCallback's (state_notify.c; NULL: none) and
     * WdfDeviceInitSetRemoveLockOptions' flags (0: not called) */
    struct wdf_state_regs *state_regs;
    ULONG remove_lock_flags;
};

/* kspeed: one count of arrivals (queue.c), alone on its 64-byte cache line. */
#define WDF_ARRIVAL_SLOTS 8
struct wdf_arrival_count {
    LONG count; /* atomic */
    char pad[64 - sizeof(LONG)];
};

/* One lane of a queue's requests the driver owns (queue.c "Lanes"): its own lock and list,
 * 128 bytes apart from the next lane's, so two lanes never share a cache line. The lock is a
 * spin lock (queue.c wdf_lane_lock): it is held for a few list operations only, never around
 * driver code or another wait, and a mutex pair cost a twentieth of a request (session 10). */
struct wdf_queue_lane {
    LONG lock; /* atomic: 1 while held */
    LIST_ENTRY owned;
    char pad[128 - 8 - sizeof(LIST_ENTRY)];
};

struct wdf_device {
    struct wdf_object obj;
    PDEVICE_OBJECT wdm;
    struct wdf_driver *driver;
    BOOLEAN control;
    struct wdf_queue *default_queue; /* under wdf_tree_lock */
    UNICODE_STRING name;             /* the device object's name, empty if unnamed */
    UNICODE_STRING link; /* our copy of WdfDeviceCreateSymbolicLink's name, empty if none */
    /* ---- wio: requests ---- */
    PFN_WDF_IO_IN_CALLER_CONTEXT in_caller_context;
    BOOLEAN has_request_attributes;
    WDF_OBJECT_ATTRIBUTES request_attributes;
    /* WdfDeviceConfigureRequestDispatching: the queue of a major function (NULL: the default
     * queue); written under wdf_tree_lock, read without it by wdf_queue_dispatch. */
    struct wdf_queue *dispatch[IRP_MJ_MAXIMUM_FUNCTION + 1];
    /* wfile: moved from the WDFDEVICE_INIT by WdfDeviceCreate (file.c); NULL: none */
    struct wdf_files *files;
    /* ---- PnP devices (pnp.c, iotarget.c); all but `target` belong to the PnP and power
     * IRPs, which the PnP manager sends one at a time per stack ---- */
    PDEVICE_OBJECT pdo;
    PDEVICE_OBJECT lower; /* IoAttachDeviceToDeviceStack's result; NULL for control devices */
    BOOLEAN filter;
    BOOLEAN power_policy_owner;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    struct wdf_pnp_state *state;      /* pnp.c's (NULL until the first PnP IRP) */
    struct wdf_iotarget *target;      /* the default I/O target, created with the device */
    struct wdf_interface *interfaces; /* WdfDeviceCreateDeviceInterface's, newest first */
    /* ---- wpower: power policy, idle and wake (power_policy.c); NULL for control devices ---- */
    struct wdf_power_policy *pp;
    /* wbus (pdo.c, childlist.c): a framework PDO's bus part (NULL: not a PDO), an FDO's
     * children (NULL: none yet). Set at creation, freed by wdf_bus_device_cleanup. */
    struct wdf_pdo *pdo_part;
    struct wdf_bus *bus;
    /* Dispatches between reading a queue pointer of the device and their request holding that
     * queue (queue.c's arrivals: a deleted queue waits for them), one count per slot of
     * threads, each on its own cache line, so concurrent dispatches share none. */
    struct wdf_arrival_count dispatching[WDF_ARRIVAL_SLOTS];
    /* whdr: the device's WMI providers (wmi.c); NULL until the first one, freed with the
     * device (atomic pointer). */
    struct wdf_wmi *wmi;
    /* w117: WdfDeviceConfigureWdmIrpDispatchCallback's callbacks (irp_dispatch.c); NULL: none.
     * Published once with a release store, freed with the device. */
    struct wdf_irp_dispatch *irp_dispatch;
    /* gkmdf: WdfDeviceAssignMofResourceName's name (our copy; Buffer NULL: none) and the
     * shutdown notification of a control device (shutdown.c; NULL callback: none). */
    UNICODE_STRING mof_name;
    PFN_WDF_DEVICE_SHUTDOWN_NOTIFICATION shutdown_notification;
    UCHAR shutdown_flags;
    /* wdevb: the self I/O target (a child of the device; NULL: the driver did not allow one)
     * and the queue WdfIoTargetSelfAssignDefaultIoQueue gave it (NULL: the device's usual
     * dispatching; written under wdf_tree_lock, read without it by wdf_queue_dispatch, cleared
     * when the queue goes as dispatch[] is). */
    struct wdf_object *self_target;
    struct wdf_queue *self_queue;
    /* ioreslist: the FDO's resource callbacks, from the init (ioreslist.c, pnp.c) */
    WDF_FDO_EVENT_CALLBACKS fdo_callbacks;
    /* ---- wdeva (device_pnp.c): the removal relations (any PnP device) and ejection relations
     * (a PDO), each PDO referenced while listed; WdfDeviceSetStaticStopRemove's outstanding
     * FALSE calls. All under wdf_tree_lock. ---- */
    struct wdf_relation_list removal_relations, ejection_relations;
    ULONG static_stop_count;
    /* WdfDeviceAddQueryInterface's interfaces, newest first (device_pnp.c) */
    struct wdf_query_iface *query_ifaces;
    /* special files (device_pnp.c, under wdf_tree_lock): the types supported (bit per
     * WDF_SPECIAL_FILE_TYPE), the files of each type on the device, the devices it depends on
     * (WdfDeviceAddDependentUsageDeviceObject, referenced) */
    ULONG special_supported;
    ULONG special_count[WdfSpecialFileMax];
    struct wdf_relation_list dependent_usage;
    /* wpofx: the single-component PoFx settings and registration (pofx.c; NULL: none) */
    struct wdf_pofx *pofx;
    /* wdfstate (state_notify.c): the PnP, power and power policy states drvhost reports (enum
     * wdf_machine order; atomic, changed by the device's transitions one at a time) and the
     * driver's state-change registrations (NULL: none; freed with the device). */
    ULONG machine_state[3];
    struct wdf_state_regs *state_regs;
    /* wdfstate: WdfDeviceInitSetRemoveLockOptions' remove lock (remove_lock.c; NULL: the
     * option was not set, and the I/O path takes no lock at all) */
    IO_REMOVE_LOCK *remove_lock;
    /* session 12: some major function has a preprocess callback (file.c; set at creation) */
    BOOLEAN preprocessing;
    /* session 15: why a read, write or device control of this device may not go straight to
     * its queue (WDF_DETOUR_* bits; atomic): each set with, or after, what it stands for, and
     * cleared after it (wdf_device_detour); 0: wdf_dispatch_io takes the plain way. */
    UCHAR io_detours;
};

enum {
    WDF_DETOUR_FILTER = 0x01,         /* a filter: what it has no queue for goes down */
    WDF_DETOUR_PREPROCESS = 0x02,     /* a preprocess callback (file.c) */
    WDF_DETOUR_REMOVE_LOCK = 0x04,    /* the remove lock option (remove_lock.c) */
    WDF_DETOUR_IRP_DISPATCH = 0x08,   /* an IRP dispatch callback (irp_dispatch.c) */
    WDF_DETOUR_SELF_QUEUE = 0x10,     /* the self target's queue (self_target.c) */
    WDF_DETOUR_CALLER_CONTEXT = 0x20, /* EvtIoInCallerContext (device.c) */
};

/* Sets (on) or clears a WDF_DETOUR_* bit of dev->io_detours. */
static inline void wdf_device_detour(struct wdf_device *dev, UCHAR bit, BOOLEAN on)
{
    if (on)
        __atomic_or_fetch(&dev->io_detours, bit, __ATOMIC_RELEASE);
    else
        __atomic_and_fetch(&dev->io_detours, (UCHAR)~bit, __ATOMIC_RELEASE);
}

/* session 12: a read, write or device control of this device goes straight to its queue
 * (wdf_queue_dispatch): no filter, no preprocess callback, no IRP dispatch callback, no remove
 * lock option; else wdf_dispatch decides (device.c). dev NULL: the WDFDEVICE is deleted.
 * session 15: one load of the detour bits (without the self queue's and EvtIoInCallerContext's,
 * which the queue's dispatch tests on the general way). */
static inline BOOLEAN wdf_device_io_goes_to_queue(struct wdf_device *dev)
{
    return dev != NULL && (__atomic_load_n(&dev->io_detours, __ATOMIC_RELAXED) &
                           (WDF_DETOUR_FILTER | WDF_DETOUR_PREPROCESS | WDF_DETOUR_REMOVE_LOCK |
                            WDF_DETOUR_IRP_DISPATCH)) == 0;
}

struct wdf_queue {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_IO_QUEUE_CONFIG config;
    ULONG limit;     /* requests presented at once: 1 sequential, N parallel */
    os_mutex lock;   /* presented, pending */
    ULONG presented; /* presented to the driver and not completed */
    LIST_ENTRY pending;
    /* ---- wio: states, manual dispatch, cancellation (all under `lock`) ---- */
    BOOLEAN accept;     /* WdfIoQueueAcceptRequests */
    BOOLEAN dispatch;   /* WdfIoQueueDispatchRequests */
    BOOLEAN power_held; /* WdfIoQueuePnpHeld: a power-managed queue while the device is not in D0 */
    BOOLEAN power_managed; /* resolved at creation */
    ULONG queued;          /* entries in `pending` */
    LIST_ENTRY owned;      /* requests the driver owns (presented, retrieved), not completed */
    ULONG owned_count;
    /* The one pending stop / drain / purge notification (EvtIoQueueState), NULL: none. */
    PFN_WDF_IO_QUEUE_STATE idle_callback;
    WDFCONTEXT idle_context;
    BOOLEAN idle_needs_empty;              /* drain and purge also wait for `pending` to empty */
    PFN_WDF_IO_QUEUE_STATE ready_callback; /* WdfIoQueueReadyNotify (manual queues) */
    WDFCONTEXT ready_context;
    /* ---- lanes (queue.c "Lanes"): while `fast` (atomic; written under `lock`), requests are
     * presented and completed under their lane's lock alone; anything else folds the lanes
     * into `owned` first and clears `fast` ---- */
    BOOLEAN fast;
    char lanes_pad[64]; /* the lanes' lines apart from the fields above, which both threads read */
    struct wdf_queue_lane lanes[WDF_ARRIVAL_SLOTS];
    /* wdevb: WdfIoQueueAssignForwardProgressPolicy's reserved requests (forward_progress.c);
     * NULL: none. Published once with a release store, closed by the queue's cleanup. */
    struct wdf_fp *fp;
};

/* Where a request is (under its queue's lock). */
struct wdf_iotarget;
struct wdf_send_timer;
struct ke_thread;

/* wtarget: how a request was formatted for an I/O target and where it is there
 * (iotarget.c). `link`, `list` and `holds` are under the target's lock. */
struct wdf_send {
    BOOLEAN created;      /* WdfRequestCreate[FromIrp]: the driver's own, deleted by it */
    BOOLEAN frees_irp;    /* the request frees its IRP when it goes (IoFreeIrp) */
    BOOLEAN ignore_state; /* sent with WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE */
    BOOLEAN timed_out;    /* canceled because its time-out expired: STATUS_IO_TIMEOUT */
    UCHAR list;           /* WDF_SEND_NONE, _SENT (at the target), _WAITING (target stopped) */
    LIST_ENTRY link;
    ULONG holds; /* threads about to IoCancelIrp it: its IRP must stay (iotarget.c's frames) */
    struct wdf_send_timer *timer;      /* an asynchronous send's time-out, until it comes back */
    struct wdf_iotarget *owner_target; /* WdfRequestCreate's / ChangeTarget's I/O target */
    /* Set by the Format routines (major 0: formatted otherwise, or not at all). */
    UCHAR major;
    ULONG code;
    /* referenced WDFMEMORY of the input [0] and output [1] (internal ioctl others: of the
     * arguments 1, 2 and 4) */
    struct wdf_object *memory[3];
    size_t offset[3];
    PVOID others[3];  /* internal ioctl others: the arguments 1, 2 and 4 */
    PVOID out_buffer; /* METHOD_BUFFERED: where the output is copied back */
    size_t out_length;
    PVOID bounce;  /* METHOD_BUFFERED: the system buffer (host heap) */
    PMDL mdl;      /* an MDL built for the target (direct I/O), freed when it comes back */
    BOOLEAN saved; /* a received IRP's own buffers, restored when it comes back */
    PVOID saved_system_buffer, saved_user_buffer;
    PMDL saved_mdl;
};

enum wdf_request_where {
    WDF_REQ_QUEUED,    /* in queue->pending, owned by the framework, cancelable by it */
    WDF_REQ_DRIVER,    /* owned by the driver (in queue->owned) */
    WDF_REQ_CALLER,    /* in EvtIoInCallerContext: the driver's, in no queue yet */
    WDF_REQ_COMPLETED, /* completed: gone from the queue */
};

struct wdf_request {
    struct wdf_object obj;
    PIRP irp;
    struct wdf_queue *queue;
    LIST_ENTRY link; /* in queue->pending while waiting */
    ULONG_PTR information;
    LONG completed; /* atomic */
    /* ---- wio ---- */
    enum wdf_request_where where;  /* under queue->lock */
    BOOLEAN counted;               /* counts in queue->presented (dispatched by the queue) */
    BOOLEAN stopping;              /* EvtIoStop called, WdfRequestStopAcknowledge awaited */
    LIST_ENTRY owned_link;         /* in queue->owned while WDF_REQ_DRIVER */
    PFN_WDF_REQUEST_CANCEL cancel; /* WdfRequestMarkCancelable[Ex]: EvtRequestCancel */
    /* wfile: a request with no queue (file.c's create requests) is told its completion here,
     * before the IRP completes; NULL: nothing to tell. */
    void (*done)(struct wdf_request *request, NTSTATUS status);
    void *done_context;
    /* wfile (request_user.c): TRUE while EvtIoInCallerContext runs for the request (set by the
     * in-caller-context dispatch): the unsafe user buffers are reachable only then. */
    BOOLEAN in_caller_context;
    /* ---- sent to an I/O target (iotarget.c); the driver's until it sends the request ---- */
    BOOLEAN formatted;           /* the next stack location was written (WdfRequestFormat...) */
    struct wdf_iotarget *target; /* where it was last sent */
    PFN_WDF_REQUEST_COMPLETION_ROUTINE completion;
    WDFCONTEXT completion_context;
    WDF_REQUEST_COMPLETION_PARAMS completion_params;
    PKEVENT sent_sync; /* WDF_REQUEST_SEND_OPTION_SYNCHRONOUS: set when it comes back */
    BOOLEAN sent;      /* atomic: at the target, not back yet */
    /* The request holds a reference on `queue` (released by wdf_request_end after the queue's
     * next step, or by its destruction). A request the dispatch put in a lane holds none: the
     * lane keeps the queue (queue.c "Lanes"); a fold gives it one. Changes under the lane's lock
     * or the queue's. */
    BOOLEAN holds_queue;
    /* queue.c "Lanes": 1 + the lane of queue->lanes it is owned in, 0: in queue->owned or not
     * the driver's (atomic: changes to 0 under that lane's lock) */
    UCHAR lane;
    /* ---- wtarget: general targets and driver-created requests (iotarget.c,
     * request_create.c) ---- */
    struct wdf_send send;
    /* usb (usb.c): the URB and USB completion parameters of a request a WdfUsb routine
     * formatted (a child object of the request, reused by later formats); NULL: none yet */
    void *usb;
    /* wdevb: the forward progress pool a reserved request belongs to (forward_progress.c);
     * NULL: an ordinary request. A reserved request is not deleted when it ends: it goes back
     * to its pool (wdf_request_dispose). */
    struct wdf_fp *reserved_pool;
    /* wdfstate: the remove lock its IRP holds (remove_lock.c: WdfDeviceInitSetRemoveLockOptions'
     * device's, acquired at dispatch, released when the request ends); NULL: none */
    IO_REMOVE_LOCK *remove_lock;
    /* session 11: set (never cleared) once `send` may have been written: a format, a send
     * (iotarget.c); such a request object is zeroed whole before its reuse. */
    BOOLEAN send_used;
    /* session 11: its entry in the driver's in-flight recorder, written when a queue presents
     * it, completed in place by its completion (request.c); entry NULL: none. */
    struct trace_mark trace;
};

/* ---- objects (object.c) -------------------------------------------------------------------- */

extern os_mutex wdf_tree_lock;

/* Creates an object of `size` bytes (header first) with its attributes' context, under
 * `parent` (NULL: none). Validates the attributes (Size, parent handle); the object has one
 * reference. */
NTSTATUS wdf_object_create(struct wdf_globals *g, enum wdf_type type, size_t size,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object *parent,
                           struct wdf_object **out);
/* wdf_object_create(g, WDF_TYPE_REQUEST, size, attributes, NULL, out), the thread's cache of
 * request objects first (object.c): the request objects the framework makes for IRPs. *kept:
 * the object is one wdf_object_end_request kept clean; its header and attributes' context are
 * set up, the caller zeroes the request's fields before `send` (the rest are zero). */
NTSTATUS wdf_object_create_request(struct wdf_globals *g, size_t size,
                                   PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object **out,
                                   BOOLEAN *kept);
void wdf_object_delete(struct wdf_object *object);
void wdf_object_reference(struct wdf_object *object);
void wdf_object_release(struct wdf_object *object);
/* The table of live handles (object.c): open addressing with linear probing, at most half
 * full. Writers hold wdf_tree_lock; readers take no lock and read slots with atomic loads.
 * Removal shifts later entries of the cluster back (no tombstones), so a reader racing with it
 * may miss an entry: a miss is confirmed under the lock. A grown table replaces the old one,
 * which is kept (a reader may still be in it) on the new one's `retired` chain: the tables of
 * a run add up to less than twice the largest. Declared here for the look-up of every DDI,
 * inline (session 10). */
struct wdf_handles {
    size_t mask;  /* capacity - 1 (a power of two) */
    size_t count; /* live entries; under wdf_tree_lock */
    struct wdf_handles *retired;
    struct wdf_object *slot[]; /* atomic; &wdf_no_object: empty */
};
extern struct wdf_handles *wdf_handles; /* atomic, never NULL; replaced under wdf_tree_lock */
extern struct wdf_object wdf_no_object; /* an empty slot; what a look-up finds for a miss */

static inline size_t wdf_hash_of(const void *p)
{
    return (size_t)((((ULONG_PTR)p >> 4) * 0x9E3779B97F4A7C15ull) >> 20);
}

/* What the table holds in `handle`'s home slot: the handle's object if it is there (a live
 * or quarantined object: its `freed` says), else another object or &wdf_no_object. Never a wild
 * access: only the table is read. The DDIs' common case (session 15: one load and a compare,
 * no loop); a miss goes the general way, whose look-up (object.c) probes the whole cluster. */
static inline __attribute__((always_inline)) struct wdf_object *wdf_handles_home(const void *handle)
{
    struct wdf_handles *t = __atomic_load_n(&wdf_handles, __ATOMIC_ACQUIRE);
    return __atomic_load_n(&t->slot[wdf_hash_of(handle) & t->mask], __ATOMIC_ACQUIRE);
}

/* wdf_object_get_in's way for anything but a live handle of the right type in its home slot:
 * the whole look-up (under the lock if a concurrent removal hid the handle), the reports. */
__attribute__((noinline, cold)) struct wdf_object *wdf_object_get_slow(struct wdf_globals *g,
                                                                       WDFOBJECT handle,
                                                                       enum wdf_type type,
                                                                       const char *ddi,
                                                                       const void *caller);

/* The live object behind `handle`, of `type` (0: any); a bad handle is WDF_VIOLATION. */
static inline struct wdf_object *wdf_object_get_in(struct wdf_globals *g, WDFOBJECT handle,
                                                   enum wdf_type type, const char *ddi,
                                                   const void *caller)
{
    struct wdf_object *o = wdf_handles_home(handle);
    if (__builtin_expect(o == handle && !__atomic_load_n(&o->freed, __ATOMIC_ACQUIRE) &&
                             (type == 0 || o->type == type),
                         1))
        return o;
    return wdf_object_get_slow(g, handle, type, ddi, caller);
}
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
/* wdf_dispatch for IRP_MJ_READ, _WRITE, _DEVICE_CONTROL and _INTERNAL_DEVICE_CONTROL (queue.c) */
NTSTATUS wdf_dispatch_read(PDEVICE_OBJECT device, PIRP irp);
NTSTATUS wdf_dispatch_write(PDEVICE_OBJECT device, PIRP irp);
NTSTATUS wdf_dispatch_device_control(PDEVICE_OBJECT device, PIRP irp);
NTSTATUS wdf_dispatch_internal_device_control(PDEVICE_OBJECT device, PIRP irp);
/* wdf_dispatch without the preprocess callbacks (WdfDeviceWdmDispatchPreprocessedIrp). */
NTSTATUS wdf_dispatch_framework(struct wdf_device *dev, PIRP irp);

/* ---- queues and requests ------------------------------------------------------------------- */

/* Hands a read, write or device control IRP to the device's default queue (marks it pending). */
NTSTATUS wdf_queue_dispatch(struct wdf_device *device, PIRP irp);
/* WDFDEVICE_INIT's request settings go to the device (WdfDeviceCreate). */
void wdf_device_init_requests(struct wdf_device *device, PWDFDEVICE_INIT init);
/* A request object for an IRP the queue is given (`hold`: it holds a reference on the queue,
 * else the caller keeps the queue until the request is in a lane or holds one: see
 * wdf_request_hold_queue); NULL when out of memory. */
struct wdf_request *wdf_request_create(struct wdf_queue *queue, PIRP irp, BOOLEAN hold);
/* The request takes its reference on its queue (which the caller keeps alive meanwhile). */
void wdf_request_hold_queue(struct wdf_request *request);
/* What a queue does next, decided under its lock: present a waiting request, or run the
 * stop / drain / purge notification. */
struct wdf_queue_next {
    struct wdf_request *present;
    PFN_WDF_IO_QUEUE_STATE idle;
    WDFCONTEXT context;
};
/* The driver completes `request`: it leaves its queue, and what the queue does next is
 * decided in the same lock hold (`next`). Called before the IRP is completed; 0x10D/0xA when
 * the request is not the driver's (still in the queue). */
void wdf_queue_request_leave(struct wdf_globals *g, struct wdf_request *request,
                             struct wdf_queue_next *next);
/* RemoveEntryList, inline for certain (wdm.h's FORCEINLINE is plain `static inline`, and gcc
 * made it a call on the completion path: session 15); a corrupt entry fails the same way. */
static inline __attribute__((always_inline)) void wdf_list_remove(PLIST_ENTRY e)
{
    PLIST_ENTRY flink = e->Flink, blink = e->Blink;
    if (__builtin_expect(flink->Blink != e || blink->Flink != e, 0))
        RtlFailFast(FAST_FAIL_CORRUPT_LIST_ENTRY); /* as RemoveEntryList */
    blink->Flink = flink;
    flink->Blink = blink;
}

/* A lane's lock: a test-and-set spin lock (one locked exchange to take it, a release store to
 * give it back). */
void wdf_lane_lock_wait(struct wdf_queue_lane *l); /* queue.c */

static inline __attribute__((always_inline)) void wdf_lane_lock(struct wdf_queue_lane *l)
{
    if (__builtin_expect(__atomic_exchange_n(&l->lock, 1, __ATOMIC_ACQUIRE) != 0, 0))
        wdf_lane_lock_wait(l);
}

static inline void wdf_lane_unlock(struct wdf_queue_lane *l)
{
    __atomic_store_n(&l->lock, 0, __ATOMIC_RELEASE);
}

/* A completed request out of its lane (the lane's lock held): wdf_queue_leave_fast's and the
 * completion's common case's (request.c) step. */
static inline __attribute__((always_inline)) void wdf_lane_take_out(struct wdf_request *r)
{
    wdf_list_remove(&r->owned_link);
    __atomic_store_n(&r->lane, 0, __ATOMIC_RELAXED);
    r->counted = FALSE;
    r->stopping = FALSE;
    r->where = WDF_REQ_COMPLETED;
}

/* A request completed from its lane; FALSE: it was folded into `owned` (or never in a lane).
 * claim (session 13): the request's end is marked here, under the lane's lock, instead of by
 * wdf_request_end's exchange: any other end of it takes this lock too, or finds it out of the
 * lane and takes the exchange. *claim set: it had ended already (nothing done). */
static inline __attribute__((always_inline)) BOOLEAN wdf_queue_leave_fast(
    struct wdf_queue *q, struct wdf_request *r, struct wdf_queue_next *next, BOOLEAN *claim)
{
    unsigned lane = __atomic_load_n(&r->lane, __ATOMIC_RELAXED);
    struct wdf_queue_lane *l;
    if (lane == 0)
        return FALSE;
    l = &q->lanes[lane - 1];
    wdf_lane_lock(l);
    if (__atomic_load_n(&r->lane, __ATOMIC_RELAXED) != lane) {
        wdf_lane_unlock(l);
        return FALSE;
    }
    if (claim != NULL) {
        if (__atomic_load_n(&r->completed, __ATOMIC_RELAXED)) {
            wdf_lane_unlock(l);
            *claim = TRUE;
            return FALSE;
        }
        __atomic_store_n(&r->completed, 1, __ATOMIC_RELAXED);
    }
    wdf_lane_take_out(r);
    wdf_lane_unlock(l);
    next->present = NULL; /* nothing waits in the fast state, and no notification is pending */
    next->idle = NULL;
    next->context = NULL;
    return TRUE;
}

/* session 13: the request leaves its thread's lane and its end is marked under the lane's lock
 * (wdf_request_end's exchange then not needed). FALSE: not in a lane (or folded), nothing done
 * but *twice set if it had ended already. Inline in the completion (session 15). */
static inline __attribute__((always_inline)) BOOLEAN wdf_queue_request_leave_claim(
    struct wdf_request *r, struct wdf_queue_next *next, BOOLEAN *twice)
{
    return wdf_queue_leave_fast(r->queue, r, next, twice);
}
/* After the IRP was completed: does `next` (presents, notifies), without the lock. */
void wdf_queue_request_done(struct wdf_queue *queue, struct wdf_queue_next *next);
/* Runs the driver's EvtRequestCancel for a request whose cancellation was claimed, then drops
 * the reference WdfRequestMarkCancelable took (request.c). */
void wdf_request_run_cancel(struct wdf_request *request);
/* Gives a request the driver owns back to a queue: `to` (WdfRequestForwardToIoQueue; fails
 * with STATUS_WDF_BUSY if it does not accept) or its own (requeue, at the head). */
NTSTATUS wdf_queue_requeue(struct wdf_request *request, struct wdf_queue *to);
/* Fills WDF_REQUEST_PARAMETERS (minus Size) from the request's IRP (request.c). */
void wdf_request_parameters(struct wdf_request *request, PWDF_REQUEST_PARAMETERS parameters);
/* 0x10D with parameter 1 0xA (WDF_QUEUE_FATAL_ERROR): a request used against its queue's
 * rules; parameter 2 points to a WDF_QUEUE_FATAL_ERROR_DATA-shaped record. */
__attribute__((noreturn)) void wdf_queue_fatal(struct wdf_queue *queue, struct wdf_request *request,
                                               NTSTATUS status, const char *what);
/* The end of a request the driver owns, completed or sent and forgotten (request.c): a second
 * end is WDF_VIOLATION (`verb` names this one in the report); the request leaves its queue and
 * stops being cancelable, `hand_off` passes its IRP on, its object goes, and the queue may
 * present the next. */
void wdf_request_end(struct wdf_globals *g, struct wdf_request *r, const char *verb,
                     void (*hand_off)(struct wdf_request *r, void *context), void *context);
/* Whether the queue has a handler for IRPs of this major function (device.c: a filter sends
 * the others down). */
BOOLEAN wdf_queue_handles(struct wdf_queue *queue, UCHAR major);

/* ---- synchronization scope and execution level (sync.c) ---------------------------------- */

/* The object (a device or a queue) whose lock serialises the callbacks of `object`, after its
 * SynchronizationScope is resolved through its parents (a queue's, or the parent's for a timer,
 * work item or DPC created with AutomaticSerialization); NULL when they are not serialised. */
struct wdf_object *wdf_sync_owner(struct wdf_object *object);
/* Takes and drops that lock around a callback (NULL: nothing), at the IRQL its execution level
 * implies. */
void wdf_sync_acquire(struct wdf_object *owner);
void wdf_sync_release(struct wdf_object *owner);
/* Frees the object's synchronization lock, if it has one (object.c, when the memory goes). */
void wdf_sync_free(struct wdf_object *object);
/* The resolved execution level of `object` (Passive or Dispatch), through its parents up to
 * the driver (whose default is Dispatch). */
WDF_EXECUTION_LEVEL wdf_sync_exec_level(struct wdf_object *object);
/* For a timer, work item or DPC with AutomaticSerialization under `parent`: the device or
 * queue whose lock serialises its callback (NULL: none). */
struct wdf_object *wdf_sync_owner_for_child(struct wdf_object *parent);
/* The device at or above `object` (NULL: none). */
struct wdf_device *wdf_sync_device_of(struct wdf_object *object);
/* Whether the calling thread holds the owner's lock (a framework callback under it runs). */
BOOLEAN wdf_sync_held(struct wdf_object *owner);
/* The checks every timer, work item and DPC creation makes (Microsoft's WdfXxxCreate pages):
 * attributes with a parent that is or leads to a device. Sets *parent on success. */
NTSTATUS wdf_sync_child_parent(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                               const char *ddi, struct wdf_object **parent);

/* The lock serialising a timer's, work item's or DPC's callback under `parent` when
 * `automatic` (AutomaticSerialization), into *sync (NULL: none); a passive callback needs a
 * passive lock and a DISPATCH_LEVEL one a spin lock: STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL. */
NTSTATUS wdf_sync_serialization(struct wdf_globals *g, struct wdf_object *parent, BOOLEAN automatic,
                                BOOLEAN passive, const char *ddi, struct wdf_object **sync);

/* Callbacks of timers, work items and DPCs in flight: `busy` counts those queued to a worker
 * or running, `runner` is the thread running one (so that a flush from the callback itself,
 * which would wait for itself, is caught). */
struct wdf_gate {
    os_mutex lock;
    os_cond idle;
    ULONG busy;               /* under lock */
    struct ke_thread *runner; /* atomic */
};
void wdf_gate_init(struct wdf_gate *gate);
void wdf_gate_destroy(struct wdf_gate *gate);
void wdf_gate_enter(struct wdf_gate *gate); /* one more in flight */
void wdf_gate_leave(struct wdf_gate *gate); /* one less; wakes wdf_gate_wait at zero */
void wdf_gate_wait(struct wdf_gate *gate);  /* until none is in flight */
/* Runs `call(context)` (a trampoline to the driver's callback) under the owner's lock (NULL:
 * none), the calling thread marked as the gate's runner. */
void wdf_gate_run(struct wdf_gate *gate, struct wdf_object *sync, void (*call)(void *),
                  void *context);
BOOLEAN wdf_gate_running_here(struct wdf_gate *gate);
/* A timer or DPC keeps one reference for its flush (taken at creation). At cleanup, `flush`
 * (stop it, wait for its callbacks) runs here when it can (PASSIVE_LEVEL, not from its own
 * callback, not under its serialising lock, any of which would wait for itself), else on a
 * worker thread; then that reference is dropped, so the memory outlives the callbacks. */
void wdf_flush_at_cleanup(struct wdf_object *object, struct wdf_gate *gate, struct wdf_object *sync,
                          void (*flush)(struct wdf_object *object));
/* A routine that would wait for the callback it is called from: 0x10D/VF_10D_WAITS_FOR_SELF. */
__attribute__((noreturn)) void wdf_gate_self_wait(struct wdf_object *object, const char *ddi);

/* ---- file objects (file.c) ----------------------------------------------------------------- */

/* The WDM file object of a WDFFILEOBJECT (queue.c finds requests by it). */
PFILE_OBJECT wdf_file_wdm(struct wdf_globals *g, WDFFILEOBJECT file);

/* IRP_MJ_CREATE, IRP_MJ_CLEANUP and IRP_MJ_CLOSE for a framework device. */
NTSTATUS wdf_file_dispatch(struct wdf_device *device, PIRP irp);
/* WdfDeviceCreate hands the init's file object config and preprocess callbacks to the device;
 * wdf_files_free frees them (an init freed without a device, or the device destroyed). */
void wdf_files_to_device(PWDFDEVICE_INIT init, struct wdf_device *device);
void wdf_files_free(struct wdf_files *files);
/* EvtDeviceWdmIrpPreprocess: TRUE and *status when the driver's callback took the IRP. */
BOOLEAN wdf_preprocess(struct wdf_device *device, PIRP irp, NTSTATUS *status);

/* ---- PnP and power (pnp.c) ----------------------------------------------------------------- */

/* IRP_MJ_PNP and IRP_MJ_POWER for a framework device. */
NTSTATUS wdf_pnp_dispatch(struct wdf_device *device, PIRP irp);
/* Power-managed queues follow the device: stopped (EvtIoStop for what is presented) when it
 * leaves its working state, restarted when it returns (queue.c). */
void wdf_queue_device_power(struct wdf_device *device, BOOLEAN working);

/* The framework's AddDevice for PnP drivers (device.c): EvtDriverDeviceAdd with a
 * WDFDEVICE_INIT for the PDO. */
NTSTATUS wdf_add_device(PDRIVER_OBJECT driver_object, PDEVICE_OBJECT pdo);
/* Sends the IRP to the next lower driver as it is (its current stack location skipped) and
 * returns what IoCallDriver (PoCallDriver for power IRPs) returns. */
NTSTATUS wdf_irp_pass_down(struct wdf_device *device, PIRP irp);
/* The device is deleted: pnp.c frees its state, device.c its interfaces. */
void wdf_pnp_device_cleanup(struct wdf_device *device);
/* Whether the device is started (between START_DEVICE and its stop or removal). */
BOOLEAN wdf_pnp_started(struct wdf_device *device);
/* Enables the interfaces the driver wants enabled (started) or disables them all. */
void wdf_device_interfaces_set(struct wdf_device *device, BOOLEAN started);
void wdf_device_interfaces_free(struct wdf_device *device);

/* ---- power policy, idle and wake (power_policy.c; wpower) ---------------------------------- */

/* The WDFDEVICE_INIT behind `init` (device.c); a bad one is WDF_VIOLATION naming `ddi`. */
PWDFDEVICE_INIT wdf_init_get(struct wdf_globals *g, PWDFDEVICE_INIT init, const char *ddi,
                             const void *caller);
/* WdfDeviceCreate for a PnP device: its power policy state with the init's callbacks. */
NTSTATUS wdf_power_policy_attach(PWDFDEVICE_INIT init, struct wdf_device *device);
/* The device is deleted: the idle timer cancelled, the worker waited for, the state freed. */
void wdf_power_policy_free(struct wdf_device *device);
/* ... in two steps: the device's removal stops idle transitions and waits for the worker
 * (pnp.c, at cleanup); its object's destruction frees the state (device.c), so a thread still
 * holding one of the device's queues or requests finds it removed, not freed. */
void wdf_power_policy_stop(struct wdf_device *device);
void wdf_power_policy_release(struct wdf_device *device);
/* One transition at a time per device (PnP IRPs, system set-power IRPs, idle transitions);
 * unlock may run in another thread than lock. No-ops for a device without power policy. */
void wdf_power_policy_lock(struct wdf_device *device);
void wdf_power_policy_unlock(struct wdf_device *device);
/* pnp.c tells: the device entered or left D0; it left the started state. */
void wdf_power_policy_d0(struct wdf_device *device, BOOLEAN in_d0);
void wdf_power_policy_stopped(struct wdf_device *device);
/* queue.c tells: a request arrived at a power-managed queue (an idle device returns to D0). */
void wdf_power_policy_io(struct wdf_device *device);
/* A query to remove or stop (the transition lock held): a power reference that brings an idle
 * device back to D0 (`hold` TRUE), or its release. */
void wdf_power_policy_hold(struct wdf_device *device, BOOLEAN hold);
/* Whether the device idles in its DxState while the system is in S0. */
BOOLEAN wdf_power_policy_idle_off(struct wdf_device *device);
/* Inside the power-down (after the queues stop) and power-up (before they restart) sequences:
 * the power policy owner's arm and disarm callbacks. */
void wdf_power_policy_arm(struct wdf_device *device);
void wdf_power_policy_disarm(struct wdf_device *device);
/* The device state for system state `s`; a system set-power IRP begins and ends; on wake,
 * whether the device returns to D0 now. */
DEVICE_POWER_STATE wdf_power_policy_dstate(struct wdf_device *device, SYSTEM_POWER_STATE s);
void wdf_power_policy_system(struct wdf_device *device, SYSTEM_POWER_STATE s, POWER_ACTION action);
void wdf_power_policy_system_done(struct wdf_device *device);
BOOLEAN wdf_power_policy_wake_to_d0(struct wdf_device *device);
/* IRP_MN_QUERY_CAPABILITIES and IRP_MN_QUERY_PNP_DEVICE_STATE on their way up. */
void wdf_power_policy_caps(struct wdf_device *device, PDEVICE_CAPABILITIES caps);
ULONG_PTR wdf_power_policy_pnp_state(struct wdf_device *device, ULONG_PTR bits);
/* The device failed: PNP_DEVICE_FAILED reported (IoInvalidateDeviceState). */
void wdf_power_policy_fail(struct wdf_device *device);
/* The power-managed queues follow the device with EvtIoStop's `stop_action`
 * (WdfRequestStopActionSuspend, or Purge when the device is removed; queue.c). */
void wdf_queue_device_power_action(struct wdf_device *device, BOOLEAN working, ULONG stop_action);

/* ---- I/O targets (iotarget.c) -------------------------------------------------------------- */

/* The default I/O target of a PnP device: the next lower device of its stack. */
NTSTATUS wdf_iotarget_create_default(struct wdf_device *device);
/* wtarget: the device IRPs sent to the target go to (NULL: a closed target). */
PDEVICE_OBJECT wdf_iotarget_device(struct wdf_iotarget *target);
/* Releases what the Format routines attached to a request (MDLs, buffers, memory references)
 * and gives a received IRP its own buffers back (WdfRequestReuse, deletion). */
void wdf_send_release(struct wdf_request *request);
/* A driver-created request (request_create.c) whose IRP has room for `target` (NULL: the
 * framework's default stack size); `irp` NULL allocates one. */
NTSTATUS wdf_request_create_driver(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                   struct wdf_iotarget *target, PIRP irp, BOOLEAN frees_irp,
                                   struct wdf_request **out);

/* Completes an IRP the framework answers itself (no information) and returns `status`. */
NTSTATUS wdf_irp_complete(PIRP irp, NTSTATUS status);

/* ---- memory, lookaside lists, collections, strings, registry keys (wsup) ------------------ */

enum wdf_memory_kind {
    WDF_MEMORY_POOL,         /* WdfMemoryCreate: the buffer is the driver's pool, freed with it */
    WDF_MEMORY_PREALLOCATED, /* the driver's buffer, never freed by the framework */
    WDF_MEMORY_LOOKASIDE,    /* from a lookaside list, returned to it when destroyed */
    WDF_MEMORY_REQUEST,      /* a request's buffer; a child of the request */
};

struct wdf_lookaside;

struct wdf_memory {
    struct wdf_object obj;
    enum wdf_memory_kind kind;
    PVOID buffer;
    size_t size;
    struct wdf_lookaside *lookaside; /* WDF_MEMORY_LOOKASIDE: referenced until destroyed */
};

struct wdf_lookaside {
    struct wdf_object obj;
    LOOKASIDE_LIST_EX list;
    size_t size;
    const void *caller; /* WdfLookasideListCreate's caller: the blocks are charged to it */
    BOOLEAN has_memory_attributes;
    WDF_OBJECT_ATTRIBUTES memory_attributes; /* our copy, for each memory object */
};

struct wdf_collection {
    struct wdf_object obj;
    os_mutex lock; /* items, count */
    struct wdf_object **items;
    ULONG count, capacity;
};

struct wdf_string {
    struct wdf_object obj;
    UNICODE_STRING string; /* our copy, NUL-terminated; Buffer from the host heap */
};

struct wdf_key {
    struct wdf_object obj;
    HANDLE handle;      /* a kernel handle, closed when the object is deleted (after cleanup) */
    ACCESS_MASK access; /* granted (generic rights mapped): the routines check it */
};

/* A key object owning `handle` (closed on failure), registry.c; WdfDeviceOpenRegistryKey's too. */
NTSTATUS wdf_key_wrap(struct wdf_globals *g, HANDLE handle, ACCESS_MASK access,
                      PWDF_OBJECT_ATTRIBUTES attributes, const char *ddi, const void *caller,
                      WDFKEY *out);
/* The parent an object's attributes name (validated), else `fallback`. */
struct wdf_object *wdf_parent_of(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                 struct wdf_object *fallback, const char *ddi, const void *caller);
/* A memory object over `buffer` (kind PREALLOCATED or REQUEST: not freed by the framework). */
NTSTATUS wdf_memory_create_over(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                struct wdf_object *parent, enum wdf_memory_kind kind, PVOID buffer,
                                size_t size, struct wdf_memory **out);
/* A memory object with a new buffer of `size` bytes from the driver's pool, charged to the
 * driver code at `caller`. */
NTSTATUS wdf_memory_create_pool(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                                struct wdf_object *parent, ULONG tag, size_t size,
                                const void *caller, struct wdf_memory **out);
/* A string object holding a copy of `source` (NULL: empty). */
NTSTATUS wdf_string_create(struct wdf_globals *g, PCUNICODE_STRING source,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_string **out);
NTSTATUS wdf_string_assign(struct wdf_string *s, const WCHAR *chars, size_t bytes);
/* Appends `item` to the collection (a reference on it). */
NTSTATUS wdf_collection_add(struct wdf_collection *c, struct wdf_object *item);
/* The collection's items, referenced, in order (free() the array, release each). */
NTSTATUS wdf_collection_snapshot(struct wdf_collection *c, struct wdf_object ***items,
                                 ULONG *count);

/* ---- bus drivers: PDOs, static children, child lists (wbus: pdo.c, childlist.c) ----------- */

struct wdf_child;
struct wdf_childlist;

/* A PDO's text for one locale (WdfPdoInitAddDeviceText); NUL-terminated copies. */
struct wdf_device_text {
    struct wdf_device_text *next;
    LCID locale;
    WCHAR *description, *location; /* location NULL: none */
};

/* What a WDFDEVICE_INIT says for bus drivers: a PDO's IDs and settings (is_pdo), or an FDO's
 * default child list configuration. Strings are NUL-terminated copies (hardware and
 * compatible IDs: MULTI_SZ of `*_chars` characters without the final NUL). */
struct wdf_bus_init {
    BOOLEAN is_pdo;
    struct wdf_device *parent; /* the PDO's parent FDO */
    struct wdf_child *child;   /* EvtChildListCreateDevice's description; NULL: a static child */
    WCHAR *device_id, *instance_id, *container_id;
    WCHAR *hardware_ids, *compatible_ids;
    size_t hardware_chars, compatible_chars;
    struct wdf_device_text *texts; /* newest first */
    LCID default_locale;
    BOOLEAN has_default_locale;
    BOOLEAN raw;
    GUID raw_class;
    BOOLEAN forward_to_parent;
    WDF_PDO_EVENT_CALLBACKS callbacks;
    BOOLEAN has_child_config; /* WdfFdoInitSetDefaultChildListConfig */
    WDF_CHILD_LIST_CONFIG child_config;
    BOOLEAN has_child_attributes;
    WDF_OBJECT_ATTRIBUTES child_attributes;
};

/* A framework PDO's bus part. `missing`, `reported` and the links are under the parent's bus
 * lock (childlist.c); the rest is set at creation. */
struct wdf_pdo {
    struct wdf_bus_init ids;   /* moved from the init */
    struct wdf_device *device; /* the PDO */
    struct wdf_device *parent;
    struct wdf_child *child; /* a dynamic child's description; NULL: static (or its list gone) */
    LIST_ENTRY static_link;  /* a static child: in the parent's list (WdfFdoAddStaticChild) */
    BOOLEAN is_static;
    BOOLEAN missing;  /* off the bus: left out of BusRelations, deleted at REMOVE_DEVICE */
    BOOLEAN reported; /* reported in BusRelations at least once */
    BOOLEAN told_missing;
    WDF_DEVICE_PNP_CAPABILITIES pnp_caps;
    WDF_DEVICE_POWER_CAPABILITIES power_caps;
};

struct wdf_bus_init *wdf_bus_init_of(PWDFDEVICE_INIT init); /* created on first use */
void wdf_bus_ids_free(struct wdf_bus_init *ids);
/* The PDO part of a WDFDEVICE handle; a device that is not a PDO is 0x10D/0x5. */
struct wdf_pdo *wdf_pdo_of(struct wdf_globals *g, WDFDEVICE handle, const char *ddi);
/* childlist.c's side of pdo.c: */
NTSTATUS wdf_fdo_created(PWDFDEVICE_INIT init, struct wdf_device *fdo);
void wdf_childlist_pdo_created(struct wdf_child *child, struct wdf_device *pdo);
NTSTATUS wdf_bus_mark_missing(struct wdf_device *pdo, struct wdf_pdo *p);
BOOLEAN wdf_bus_pdo_gone(struct wdf_device *pdo);
NTSTATUS wdf_child_copy_id(struct wdf_child *child,
                           PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER to);
/* `update`: from `address` into the child's description, else out of it. */
NTSTATUS wdf_child_copy_address(struct wdf_child *child,
                                PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER address, BOOLEAN update);
BOOLEAN wdf_bus_information(struct wdf_device *fdo, PNP_BUS_INFORMATION *info);
NTSTATUS wdf_fdo_bus_relations(struct wdf_device *fdo, PIRP irp);

/* A new WDFDEVICE_INIT of the driver (device.c), PnP defaults, no PDO below it. */
PWDFDEVICE_INIT wdf_device_init_alloc(struct wdf_driver *driver);
/* Frees init->bus (device.c's wdf_init_free). */
void wdf_bus_init_free(PWDFDEVICE_INIT init);
/* WdfDeviceCreate made `device` from `init` (its WDM device exists): a PDO gets its bus part,
 * an FDO its default child list. A failure deletes nothing; the caller deletes the device. */
NTSTATUS wdf_bus_device_created(PWDFDEVICE_INIT init, struct wdf_device *device);
/* The device is being deleted (device.c's cleanup): its bus part and children bookkeeping. */
void wdf_bus_device_cleanup(struct wdf_device *device);
/* IRP_MJ_PNP and IRP_MJ_POWER of a PDO or of an FDO with children (pnp.c's dispatch hands
 * them here); what is not the bus driver's goes on to wdf_pnp_dispatch_stack. */
NTSTATUS wdf_bus_pnp_dispatch(struct wdf_device *device, PIRP irp);
/* pnp.c's handling of a PnP or power IRP for a device of a stack (FDO, filter, PDO). */
NTSTATUS wdf_pnp_dispatch_stack(struct wdf_device *device, PIRP irp);
/* REMOVE_DEVICE of a PDO its bus still reports: the framework keeps the PDO (Microsoft:
 * "Removing a Device in a Bus Driver"). FALSE for every other device. */
BOOLEAN wdf_pdo_keep_at_remove(struct wdf_device *device);
/* WdfDeviceSetPowerCapabilities for a PDO (pdo.c); FALSE: not a PDO. */
BOOLEAN wdf_pdo_set_power_caps(struct wdf_device *dev, PWDF_DEVICE_POWER_CAPABILITIES caps);
/* A PDO is the bottom of its stack: "passing an IRP down" completes it with its status. */
NTSTATUS wdf_pdo_complete_irp(struct wdf_device *device, PIRP irp);

/* ---- the function table (bind.c): implementations, named imp_WdfXxx ---------------------- */

#define WDF_IMP(name) imp_##name

/* ---- wqueue: create requests to queues, stop-and-purge, IRPs to queues (queue_extra.c) ---- */

/* A request the framework made for an IRP enters `q` as an arriving one (queue.c): presented,
 * waiting, or refused (STATUS_INVALID_DEVICE_STATE: the caller completes it). */
NTSTATUS wdf_queue_enter(struct wdf_queue *queue, struct wdf_request *request);
/* WdfIoQueueStopAndPurge's work (queue.c). */
void wdf_queue_stop_and_purge(struct wdf_queue *queue, PFN_WDF_IO_QUEUE_STATE callback,
                              WDFCONTEXT context);
/* Runs an EvtIoQueueState callback (stop, drain, purge, ready) never under the queue's
 * synchronization lock: when the calling thread holds it (a request completed inside a
 * serialised callback), on a worker thread instead (queue_extra.c). */
void wdf_queue_notify(struct wdf_queue *queue, PFN_WDF_IO_QUEUE_STATE callback, WDFCONTEXT context);
/* Gives an IRP to `queue` as a new request (marked pending; EvtIoInCallerContext first when
 * `in_caller` and the device has one); the request's `done` and `done_context` are set before
 * it is queued (and `done` runs if the queue refuses it). Returns STATUS_PENDING, or the
 * status the IRP was completed with when no request could be made (`done` not called). */
NTSTATUS wdf_queue_give(struct wdf_queue *queue, PIRP irp, BOOLEAN in_caller,
                        void (*done)(struct wdf_request *r, NTSTATUS status), void *done_context);

/* Why `queue` cannot take the device's create requests (WdfDeviceConfigureRequestDispatching
 * with WdfRequestTypeCreate), NULL if it can; *status is the status to return (file.c). */
const char *wdf_file_queue_refused(struct wdf_device *device, struct wdf_queue *queue,
                                   NTSTATUS *status);

/* ---- the framework's events in the driver's in-flight recorder (events.c) ------------------ */

/* A contract violation: recorded in the driver's in-flight recorder ("WDF_VIOLATION 0xP1:
 * message"), then bug check 0x10D with the same message; g may be NULL (nothing recorded). */
#define wdf_violation(g, p1, p2, p3, p4, ...)                                                      \
    wdf_violation_in(__func__, g, p1, p2, p3, p4, __VA_ARGS__)
__attribute__((noreturn, format(printf, 7, 8))) void wdf_violation_in(const char *function,
                                                                      struct wdf_globals *g,
                                                                      ULONG_PTR p1, ULONG_PTR p2,
                                                                      ULONG_PTR p3, ULONG_PTR p4,
                                                                      const char *fmt, ...);
/* PnP and power: the IRP the device's framework received, and its transitions (pnp.c). */
void wdf_event_pnp_irp(struct wdf_device *dev, UCHAR minor);
void wdf_event_power_irp(struct wdf_device *dev, PIO_STACK_LOCATION s);
void wdf_event_d0(struct wdf_device *dev, BOOLEAN entered, WDF_POWER_DEVICE_STATE other);
void wdf_event_pnp_state(struct wdf_device *dev, const char *fmt);

/* ---- whdr: WMI (wmi.c) --------------------------------------------------------------------- */

/* IRP_MJ_SYSTEM_CONTROL of a framework device: answered through the WMI library when the
 * device has WMI providers, else sent down (a PDO completes it as it is). */
NTSTATUS wdf_wmi_dispatch(struct wdf_device *device, PIRP irp);
/* The device's memory goes: its WMI state too. */
void wdf_wmi_device_free(struct wdf_device *device);

/* ---- w117: WDM IRP dispatch callbacks (irp_dispatch.c), device security (security.c) ------- */

/* The framework's handling of an IRP without the driver's EvtDeviceWdmIrpDispatch (device.c):
 * what WdfDeviceWdmDispatchIrp hands the IRP back to. */
NTSTATUS wdf_dispatch_default(struct wdf_device *dev, PIRP irp);
/* TRUE (and *status) when the device has an EvtDeviceWdmIrpDispatch for the IRP's major
 * function and it ran. */
BOOLEAN wdf_irp_dispatch(struct wdf_device *dev, PIRP irp, NTSTATUS *status);
void wdf_irp_dispatch_free(struct wdf_device *dev);
/* The WDM device object of a WdfDeviceCreate: IoCreateDeviceSecure when the init has an SDDL
 * string (the class key's overrides when it has a class), else IoCreateDevice. */
NTSTATUS wdf_security_create_device(PWDFDEVICE_INIT init, ULONG extension_size,
                                    PDEVICE_OBJECT *out);
/* Keeps a copy of `sddl` in the init (NULL or empty: none). */
NTSTATUS wdf_security_assign(PWDFDEVICE_INIT init, PCUNICODE_STRING sddl);
void wdf_security_init_free(PWDFDEVICE_INIT init);

/* ---- wintr: resource lists and interrupts (resource.c, interrupt.c) ------------------------ */

struct wdf_cmreslist;
/* A WDFCMRESLIST child of the device with a copy of `list` (NULL: empty); `changeable`: the
 * WdfCmResourceList Append/Insert/Remove routines may change it. NULL: no memory. */
struct wdf_cmreslist *wdf_cmreslist_make(struct wdf_device *dev, PCM_RESOURCE_LIST list,
                                         BOOLEAN changeable);
ULONG wdf_cmreslist_count(struct wdf_cmreslist *l);
PCM_PARTIAL_RESOURCE_DESCRIPTOR wdf_cmreslist_at(struct wdf_cmreslist *l, ULONG index);

/* The PnP side of the device's interrupts (pnp.c calls them, in "A User Plugs in a Device"
 * and "A User Unplugs a Device" order). Before EvtDevicePrepareHardware: the interrupts
 * created in EvtDriverDeviceAdd get the translated list's interrupt resources in creation
 * order; `inside` marks the PrepareHardware call (WdfInterruptCreate's rules). */
void wdf_interrupts_assign(struct wdf_device *dev, struct wdf_cmreslist *raw,
                           struct wdf_cmreslist *translated);
void wdf_interrupts_preparing(struct wdf_device *dev, BOOLEAN inside);
/* After EvtDeviceD0Entry: each assigned interrupt connected, then EvtInterruptEnable at its
 * DIRQL under its lock; the first failure's status (those enabled are disabled again). */
NTSTATUS wdf_interrupts_enable(struct wdf_device *dev);
/* After EvtDeviceD0ExitPreInterruptsDisabled: EvtInterruptDisable, disconnected, the DPCs and
 * work items the ISRs queued run to the end. */
void wdf_interrupts_disable(struct wdf_device *dev);
/* After EvtDeviceReleaseHardware: the resources forgotten; the interrupts created in
 * PrepareHardware deleted (Microsoft: "Deleting an Interrupt Object"). */
void wdf_interrupts_release(struct wdf_device *dev);
/* The KSPIN_LOCK of a WDFSPINLOCK object (lock.c), for an interrupt's SpinLock. */
PKSPIN_LOCK wdf_spinlock_word(struct wdf_object *spinlock);

/* ---- gkmdf: properties, interfaces, the MOF name, shutdown notification (property.c,
 * shutdown.c; iotarget.c's query) ---- */

/* IRP_MN_QUERY_INTERFACE to `target` (file: the stack location's FileObject, may be NULL),
 * synchronously; STATUS_NOT_SUPPORTED when no driver answers it. */
NTSTATUS wdf_query_interface_irp(PDEVICE_OBJECT target, PFILE_OBJECT file, LPCGUID type,
                                 PINTERFACE iface, USHORT size, USHORT version, PVOID specific);
/* Keeps a copy of the device's MOF resource name; STATUS_INVALID_DEVICE_REQUEST the second
 * time (Microsoft: WdfDeviceAssignMofResourceName). */
NTSTATUS wdf_mof_name_assign(struct wdf_globals *g, struct wdf_device *dev, PCUNICODE_STRING name);
/* WdfDeviceCreate of a control device: its shutdown notification moves from the init to the
 * device and is registered with the I/O manager. */
NTSTATUS wdf_shutdown_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev);
/* IRP_MJ_SHUTDOWN of a framework device: the driver's EvtDeviceShutdownNotification. */
NTSTATUS wdf_shutdown_dispatch(struct wdf_device *dev, PIRP irp);
/* The device's memory goes: the MOF name freed (IoDeleteDevice forgets the shutdown
 * registrations). */
void wdf_gkmdf_device_destroy(struct wdf_device *dev);

/* ---- kspeed: arrivals (queue.c) ------------------------------------------------------------ */

/* An arrival: between wdf_queue_arrival_enter and _leave, a thread may read the device's queue
 * pointers (dispatch[], default_queue) and take a reference on the queue it read; a queue's
 * deletion clears its pointers, then waits for the arrivals in progress. enter returns the
 * thread's slot, which leave takes back. */
unsigned wdf_queue_arrival_enter(struct wdf_device *device);
void wdf_queue_arrival_leave(struct wdf_device *device, unsigned slot);
/* The queue's lock for readers of its requests' state outside queue.c (request.c): the lanes
 * are folded into `owned` first. */
void wdf_queue_acquire(struct wdf_queue *q);
void wdf_queue_release(struct wdf_queue *q);
/* Where the request is (queue.c "Lanes": read under the lock that orders its changes). */
enum wdf_request_where wdf_queue_request_where(struct wdf_request *r);

/* ---- dma: DMA transactions (dma.c) ------------------------------------------------------- */

/* The MDL of a request's input (a write's) or output (a read's, a direct device control's)
 * buffer, as WdfRequestRetrieveInputWdmMdl / OutputWdmMdl return it (request_user.c); a
 * buffered request's MDL lives as long as the request. */
NTSTATUS wdf_request_mdl(struct wdf_request *r, BOOLEAN input, PMDL *mdl);
/* ---- USB targets (usb, usb.c and iotarget.c) ----------------------------------------------- */

/* A WDFUSBDEVICE or WDFUSBPIPE: an I/O target on the device's lower device (the PDO) carrying
 * usb.c's part `usb`, freed by `cleanup` when the target is destroyed. */
NTSTATUS wdf_iotarget_create_usb(struct wdf_device *device, PWDF_OBJECT_ATTRIBUTES attributes,
                                 struct wdf_object *parent, void *usb, void (*cleanup)(void *),
                                 struct wdf_object **target);
/* usb.c's part of a target (NULL: not a USB target, or not a target). */
void *wdf_iotarget_usb(struct wdf_object *target);
BOOLEAN wdf_iotarget_started(struct wdf_object *target);
/* Formats the request for the target as an internal device control `code` whose Argument1 is
 * `urb` (the URB stays the caller's). */
NTSTATUS wdf_iotarget_format_urb(struct wdf_object *target, struct wdf_request *request, ULONG code,
                                 PVOID urb);
/* WdfIoTargetStart of a USB target: a pipe's continuous reader sends its reads. */
void wdf_usb_target_started(void *usb);
/* A request formatted by a WdfUsb routine came back: Parameters.Usb of its completion
 * parameters. */
void wdf_usb_record(struct wdf_request *request, PWDF_REQUEST_COMPLETION_PARAMS params);

/* ---- wdevb: the self I/O target (iotarget.c, self_target.c) ------------------------------- */

/* WdfDeviceCreate with WdfDeviceInitAllowSelfIoTarget: the device's self target, started, whose
 * device is the device's own device object (dev->self_target). */
NTSTATUS wdf_iotarget_create_self(struct wdf_device *device);
BOOLEAN wdf_iotarget_is_self(struct wdf_object *target);
/* Whether `irp` belongs to a request sent to `target` and not back yet. */
BOOLEAN wdf_iotarget_sent_irp(struct wdf_object *target, PIRP irp);
/* The queue an arriving read, write or device control goes to because it was sent to the
 * device's self target with an assigned queue (NULL: the usual dispatching). */
struct wdf_queue *wdf_self_queue_for(struct wdf_device *device, PIRP irp);

/* ---- wdevb: guaranteed forward progress (forward_progress.c) ------------------------------- */

/* The request for an IRP arriving at `queue`: a new one, or, under the queue's forward progress
 * policy, a reserved one; NULL: the IRP is to be completed with *status. */
struct wdf_request *wdf_fp_request(struct wdf_queue *queue, PIRP irp, NTSTATUS *status);
/* Where a request goes once it ended (completed, failed at insertion, canceled): a reserved
 * one back to its pool, any other deleted. */
void wdf_request_dispose(struct wdf_request *request);
/* The queue's cleanup: its reserved requests are deleted (those in use when they end). */
void wdf_fp_close(struct wdf_queue *queue);
/* Framework request objects count as pool allocations with this tag for fault injection
 * (object.c; drvhost_fault_arm), so tests reach the low-memory paths. */
#define WDF_REQUEST_FAULT_TAG 0x71527846u /* 'FxRq' as the pool prints it */
/* ---- ioreslist: resource requirements lists and the FDO's resource callbacks (ioreslist.c,
 * resource.c) ---- */

/* A CM_RESOURCE_LIST from pool with the list's descriptors in one full descriptor that takes
 * its interface type, bus number and versions from `like`'s first (NULL: Internal, bus 0, 1.1);
 * NULL when the list is empty or there is no memory (*status says which). */
PCM_RESOURCE_LIST wdf_cmreslist_build(struct wdf_cmreslist *l, PCM_RESOURCE_LIST like,
                                      NTSTATUS *status);
/* An array of `count` elements of `size` bytes: a gap opened at `index` (room for one more
 * is the caller's), or the element at `index` taken out (the later ones move up). */
void wdf_array_open(void *base, ULONG count, ULONG index, size_t size);
void wdf_array_remove(void *base, ULONG *count, ULONG index, size_t size);
/* The object header of a WDFCMRESLIST (to delete one the framework made for a callback). */
struct wdf_object *wdf_cmreslist_object(struct wdf_cmreslist *l);
/* IRP_MN_FILTER_RESOURCE_REQUIREMENTS of a framework FDO or filter (pnp.c sends it down
 * between the two halves): on the way down EvtDeviceFilterRemoveResourceRequirements, on the
 * way up (`status`: the drivers below's) EvtDeviceFilterAddResourceRequirements; a list the
 * driver changed is rebuilt into IoStatus.Information. `f` carries the lists between the two;
 * the up half returns the IRP's status. */
struct wdf_filter_lists {
    ULONG_PTR original; /* the list the IRP came with */
    ULONG_PTR ours;     /* the one the down half put in its place (0: none) */
};
BOOLEAN wdf_fdo_filters_requirements(struct wdf_device *dev);
NTSTATUS wdf_fdo_filter_down(struct wdf_device *dev, PIRP irp, struct wdf_filter_lists *f);
NTSTATUS wdf_fdo_filter_up(struct wdf_device *dev, PIRP irp, struct wdf_filter_lists *f,
                           NTSTATUS status);
/* START_DEVICE before it goes down (pnp.c): EvtDeviceRemoveAddedResources with changeable
 * copies of the assigned lists, which then replace the stack location's for the drivers below
 * (`saved` keeps the assigned ones). wdf_fdo_restore_added puts them back once the IRP is
 * ours again. */
struct wdf_added_resources {
    PCM_RESOURCE_LIST raw, translated; /* the assigned lists; NULL: nothing was replaced */
    BOOLEAN replaced;
};
NTSTATUS wdf_fdo_remove_added(struct wdf_device *dev, PIRP irp, struct wdf_added_resources *saved);
void wdf_fdo_restore_added(PIRP irp, struct wdf_added_resources *saved);
/* A framework PDO's QUERY_RESOURCE_REQUIREMENTS (pdo.c): EvtDeviceResourceRequirementsQuery
 * with an empty WDFIORESREQLIST; *list: what it built (NULL: no requirements). */
NTSTATUS wdf_pdo_query_requirements(struct wdf_device *dev,
                                    PFN_WDF_DEVICE_RESOURCE_REQUIREMENTS_QUERY callback,
                                    ULONG_PTR *list);
/* A framework PDO's QUERY_RESOURCES (pdo.c): EvtDeviceResourcesQuery with an empty changeable
 * WDFCMRESLIST; *list: what it built (NULL: no resources). */
NTSTATUS wdf_pdo_query_resources(struct wdf_device *dev, PFN_WDF_DEVICE_RESOURCES_QUERY callback,
                                 ULONG_PTR *list);
/* ---- wdeva: the device's PnP settings (device_pnp.c) ---------------------------------------- */

/* IRP_MN_QUERY_DEVICE_RELATIONS: the device's removal relations (or a PDO's ejection
 * relations) added to the IRP's list (status success); other types and empty lists leave the
 * IRP alone. STATUS_INSUFFICIENT_RESOURCES when out of memory (the IRP untouched). */
NTSTATUS wdf_device_pnp_relations(struct wdf_device *dev, PIRP irp);
/* FALSE while WdfDeviceSetStaticStopRemove(FALSE) calls are outstanding. */
BOOLEAN wdf_device_pnp_stoppable(struct wdf_device *dev);
/* The relation lists released (the device's cleanup). */
void wdf_device_pnp_cleanup(struct wdf_device *dev);
/* DO_POWER_PAGABLE / DO_POWER_INRUSH of a new PnP device object from the init's settings, the
 * device below (lower, NULL for a PDO) and a PDO's parent device object (NULL otherwise). */
void wdf_device_pnp_power_flags(PWDFDEVICE_INIT init, PDEVICE_OBJECT wdm, PDEVICE_OBJECT lower,
                                PDEVICE_OBJECT parent);
/* IRP_MN_QUERY_INTERFACE for an interface of WdfDeviceAddQueryInterface: TRUE and the status to
 * complete the IRP with; FALSE when the device does not export the interface (pass it on). */
BOOLEAN wdf_device_pnp_query_interface(struct wdf_device *dev, PIRP irp, NTSTATUS *status);
/* IRP_MN_DEVICE_USAGE_NOTIFICATION: _begin before the IRP goes down (FALSE: complete it with
 * *status), _end once the drivers below answered `below` (the status to complete it with). */
BOOLEAN wdf_device_pnp_usage_begin(struct wdf_device *dev, PIRP irp, NTSTATUS *status);
NTSTATUS wdf_device_pnp_usage_end(struct wdf_device *dev, PIRP irp, NTSTATUS below);

/* ---- wpofx: the framework's single-component PoFx support (pofx.c) ------------------------ */

/* Whether the idle settings use SystemManagedIdleTimeout[WithHint] (power_policy.c). */
BOOLEAN wdf_power_policy_system_managed(struct wdf_device *dev);
/* The end of a successful start: registers a system-managed-idle device with PoFx once; a
 * failure fails the start. */
NTSTATUS wdf_pofx_start(struct wdf_device *dev);
/* The device entered D0 (before its queues restart): the component active again. */
void wdf_pofx_d0(struct wdf_device *dev);
/* An idle power-down: the component idled, returns when the device power is not required. */
void wdf_pofx_idle(struct wdf_device *dev);
/* The device's cleanup: EvtDeviceWdmPrePoFxUnregisterDevice, PoFxUnregisterDevice, freed. */
void wdf_pofx_cleanup(struct wdf_device *dev);

/* ---- wdfstate: the state machines' states and notifications (state_notify.c) ----------- */

/* The framework's three state machines, as drvhost maps its PnP and power path to them. */
enum wdf_machine {
    WDF_MACHINE_PNP,
    WDF_MACHINE_POWER,
    WDF_MACHINE_PWRPOL,
    WDF_MACHINES
};
/* The device's state in machine m becomes `next` (a WDF_DEVICE_*_STATE value): the driver's
 * leave, enter and post-process callbacks, in Microsoft's order. Called in the thread of one
 * of the device's transitions (PASSIVE_LEVEL, one at a time per device); no-op when unchanged. */
void wdf_state_set(struct wdf_device *dev, enum wdf_machine m, ULONG next);
ULONG wdf_state_get(struct wdf_device *dev, enum wdf_machine m);
/* WdfDeviceCreate: the init's registrations to the device, its first states. */
void wdf_state_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev);
void wdf_state_device_free(struct wdf_device *dev);
void wdf_state_init_free(PWDFDEVICE_INIT init);
/* WdfDeviceInitSetRemoveLockOptions (remove_lock.c): the lock made at WdfDeviceCreate and freed
 * with the device; an I/O IRP of such a device acquires it at dispatch (a failure completes it
 * with the lock's status) and its request releases it when it ends (wdf_request_dispose); a
 * refused IRP releases it once completed (wdf_remove_lock_complete). REMOVE_DEVICE waits for
 * them (wdf_remove_lock_wait); a device that stays (a PDO on its bus) gets it back at START. */
NTSTATUS wdf_remove_lock_device_created(PWDFDEVICE_INIT init, struct wdf_device *dev);
void wdf_remove_lock_device_free(struct wdf_device *dev);
NTSTATUS wdf_remove_lock_dispatch(struct wdf_device *dev, PIRP irp);
NTSTATUS wdf_remove_lock_complete(struct wdf_device *dev, PIRP irp, NTSTATUS status);
void wdf_remove_lock_release(struct wdf_request *r);
void wdf_remove_lock_wait(struct wdf_device *dev);
void wdf_remove_lock_started(struct wdf_device *dev);
/* The power policy's "started" state for a device (power_policy.c): Started, or
 * StartedIdleCapable / StartedWakeCapable with S0 idle settings. */
ULONG wdf_power_policy_started_state(struct wdf_device *dev);
/* ---- the per-thread cache of request objects (object.c) ----------------------------------
 *
 * A FIFO ring per thread: a destroyed request waits there (still in the handle table, marked
 * freed) and is reused only once more than WDF_CACHE_QUARANTINE others wait behind it; past
 * WDF_CACHE_MAX the oldest is freed. Lifetime and locking: the ring is touched by its thread
 * only, and by the TLS destructor when the thread leaves (which frees what is left). Here, not
 * in object.c, for the completion, which ends its request inline (session 15). */
#define WDF_CACHE_MAX        32u
#define WDF_CACHE_QUARANTINE 16u

struct wdf_cache {
    struct wdf_object *ring[WDF_CACHE_MAX];
    unsigned head, count;
};

extern __thread struct wdf_cache *wdf_cache_tls __attribute__((tls_model("initial-exec")));
/* Frees an object's memory: out of the handle table, its contexts, its block. */
void wdf_object_free(struct wdf_object *object);
/* LIVE -> DELETING, once: FALSE if the object is already being deleted. */
BOOLEAN wdf_object_claim_delete(struct wdf_object *object);

/* ---- a request object from the thread's cache (object.c, request.c; here so that the
 * dispatch makes its request inline: session 15) ------------------------------------------ */

/* Where the attributes' context starts in the block of an object of `size` bytes: the object
 * and its first context are one allocation. */
static inline size_t wdf_context_offset(size_t size)
{
    size_t align = _Alignof(struct wdf_context);
    return (size + align - 1) & ~(align - 1);
}

/* The ring's oldest object, out of the ring (still in the handle table, still marked freed,
 * not zeroed), when it may be reused (the quarantine) and its block (object and first
 * context) has `block` bytes; else NULL. */
static inline __attribute__((always_inline)) struct wdf_object *wdf_cache_pop(size_t block)
{
    struct wdf_cache *c = wdf_cache_tls;
    struct wdf_object *o;
    if (c == NULL || c->count <= WDF_CACHE_QUARANTINE || c->ring[c->head]->alloc_size != block)
        return NULL;
    o = c->ring[c->head];
    c->head = (c->head + 1) % WDF_CACHE_MAX;
    c->count--;
    return o;
}

/* session 11: a request object wdf_object_end_request kept, made new: what a request's life
 * changes in the header and in the attributes' context (set from this request's attributes,
 * its data zeroed, as Windows gives a new request a zeroed context), the handle live again.
 * What it keeps: type, block size, the contexts' places, the empty list of children (it never
 * had one), no parent, no lock, no framework cleanup part. */
static inline __attribute__((always_inline)) void wdf_object_renew(struct wdf_globals *g,
                                                                   struct wdf_object *o,
                                                                   PWDF_OBJECT_ATTRIBUTES a,
                                                                   size_t context)
{
    struct wdf_context *c = o->inline_context;
    o->state = WDF_LIVE;
    o->refs = 1;
    o->owner = g;
    o->kept = 0;
    o->exec_level = a != NULL ? a->ExecutionLevel : WdfExecutionLevelInheritFromParent;
    o->sync_scope = a != NULL ? a->SynchronizationScope : WdfSynchronizationScopeInheritFromParent;
    c->type = a != NULL && a->ContextTypeInfo != NULL ? a->ContextTypeInfo->UniqueType : NULL;
    c->cleanup = a != NULL ? a->EvtCleanupCallback : NULL;
    c->destroy = a != NULL ? a->EvtDestroyCallback : NULL;
    if (context > 0)
        memset(c->data, 0, context);
    __atomic_store_n(&o->freed, 0, __ATOMIC_RELEASE);
}

/* session 11: a request object wdf_request_dispose kept clean made new: its fields before
 * `send` zeroed as a new object's are (`send` itself and usb are: send_used was clear, and
 * reserved_pool is only set on a pool's own requests), and its recorder entry forgotten. The
 * fields are zeroed with 16-byte stores: a memset of this constant size is `rep stosq`, whose
 * start-up costs more than the stores (docs/benchmarks.md, io_zero_host_area). */
static inline __attribute__((always_inline)) void wdf_request_renew(struct wdf_request *r)
{
    typedef unsigned long long wdf_v16 __attribute__((vector_size(16), may_alias, aligned(8)));
    enum {
        FIRST = offsetof(struct wdf_request, irp),
        END = offsetof(struct wdf_request, send)
    };
    unsigned char *p = (unsigned char *)r + FIRST;
    size_t i = 0;
    _Static_assert((END - FIRST) % 8 == 0, "whole 8-byte words");
    /* session 14: unrolled whole (a constant count): no loop's add, compare and jump a step */
#pragma GCC unroll 16
    for (; i + 64 <= END - FIRST; i += 64) { /* four stores a step: not turned into a memset */
        *(wdf_v16 *)(p + i) = (wdf_v16){0, 0};
        *(wdf_v16 *)(p + i + 16) = (wdf_v16){0, 0};
        *(wdf_v16 *)(p + i + 32) = (wdf_v16){0, 0};
        *(wdf_v16 *)(p + i + 48) = (wdf_v16){0, 0};
    }
    for (; i + 16 <= END - FIRST; i += 16)
        *(wdf_v16 *)(p + i) = (wdf_v16){0, 0};
    if (i < END - FIRST)
        *(unsigned long long *)(p + i) = 0;
    r->send_used = FALSE;
    r->trace.entry = NULL;
}

/* The framework's part of a request object's destruction (request.c). */
void wdf_request_destroy(struct wdf_object *o);

/* wdf_request_create(q, irp, FALSE) for a device without request attributes: the thread's
 * oldest cached request object, past its quarantine, made new in place when wdf_request_dispose
 * kept it clean (one test of the fault injection, as wdf_object_create_request makes); any
 * other case is wdf_request_create's. NULL: out of memory. */
static inline __attribute__((always_inline)) struct wdf_request *wdf_request_get(
    struct wdf_queue *q, PIRP irp)
{
    enum {
        BLOCK = ((sizeof(struct wdf_request) + _Alignof(struct wdf_context) - 1) &
                 ~(_Alignof(struct wdf_context) - 1)) +
                sizeof(struct wdf_context)
    };
    struct wdf_cache *c = wdf_cache_tls;
    struct wdf_object *o;
    struct wdf_request *r;
    if (q->device->has_request_attributes || c == NULL || c->count <= WDF_CACHE_QUARANTINE ||
        c->ring[c->head]->alloc_size != BLOCK || !c->ring[c->head]->kept)
        return wdf_request_create(q, irp, FALSE);
    if (os_inject_hit(OS_INJECT_ALLOC, WDF_REQUEST_FAULT_TAG)) /* it stands for memory */
        return NULL;
    o = wdf_cache_pop(BLOCK);
    wdf_object_renew(q->obj.owner, o, NULL, 0);
    r = CONTAINING_RECORD(o, struct wdf_request, obj);
    wdf_request_renew(r);
    r->irp = irp;
    r->queue = q;
    o->type_destroy = wdf_request_destroy;
    return r;
}

/* Puts a destroyed request object at the ring's tail (the oldest is freed when it is full):
 * its handle is stale from here on. */
static inline __attribute__((always_inline)) void wdf_cache_push(struct wdf_cache *c,
                                                                 struct wdf_object *o)
{
    if (c->count == WDF_CACHE_MAX) {
        wdf_object_free(c->ring[c->head]);
        c->head = (c->head + 1) % WDF_CACHE_MAX;
        c->count--;
    }
    __atomic_store_n(&o->freed, 1, __ATOMIC_RELEASE);
    c->ring[(c->head + c->count) % WDF_CACHE_MAX] = o;
    c->count++;
}

/* session 11 (kspeed4): wdf_object_delete of a request object the framework made for an IRP,
 * without its general steps while nothing but that creation holds the object: no parent, no
 * child ever, no context but its attributes' one, and, once its cleanup callback returned, no
 * other reference (the driver's, a cancel routine's); the thread has its cache. Then the
 * destroy callback runs after the cleanup callback, as always, then the framework's part
 * (wdf_request_destroy), and the object goes straight into the thread's ring, the quarantine
 * unchanged. FALSE: not such an object (nothing done; the caller deletes it the general way).
 * The reference count is read, not decremented: a reference only the driver could add now
 * would be taken on a request it completes on another thread at the same time, a use after
 * completion on Windows too. clean: the request's fields from `send` on are as a new request
 * has them (its reuse skips them). Inline in the completion (session 15). */
static inline __attribute__((always_inline)) BOOLEAN wdf_object_end_request(struct wdf_object *o,
                                                                            BOOLEAN clean,
                                                                            BOOLEAN sole_claimer)
{
    struct wdf_context *c = o->inline_context;
    struct wdf_cache *cache = wdf_cache_tls;
    if (cache == NULL || o->parent != NULL || o->type_cleanup != NULL || o->sync_lock != NULL ||
        o->contexts != c || __atomic_load_n(&o->had_children, __ATOMIC_SEQ_CST))
        return FALSE;
    /* session 13: a request the framework received, ending here, has no other claimer (no
     * parent, WdfObjectDelete leaves it alone, its end came once: wdf_request_end's exchange or
     * the mark under its lane's lock):
     * a store claims it, not a compare-exchange. A child created on another thread while the
     * request ends is the driver's race, as before (wdf_object_link reads the state once). */
    if (sole_claimer && __atomic_load_n(&o->state, __ATOMIC_RELAXED) == WDF_LIVE)
        __atomic_store_n(&o->state, WDF_DELETING, __ATOMIC_RELEASE);
    else if (!wdf_object_claim_delete(o))
        return FALSE;
    /* Deleting now: no context or child can be added (WdfObjectAllocateContext, object_link
     * read the state), a reference can (the cleanup callback's, say). A context allocated
     * before the claim goes the general way: every cleanup callback, then the last release. A
     * child created on another thread while the driver completes the request (its race, as on
     * Windows) holds a reference: the same way, without the child's deletion. */
    if (c->next != NULL) {
        for (struct wdf_context *x = c; x != NULL; x = x->next)
            if (x->cleanup != NULL)
                x->cleanup((WDFOBJECT)o);
        wdf_object_release(o);
        return TRUE;
    }
    if (c->cleanup != NULL)
        c->cleanup((WDFOBJECT)o);
    if (__atomic_load_n(&o->refs, __ATOMIC_ACQUIRE) != 1) { /* the last release destroys it */
        wdf_object_release(o);
        return TRUE;
    }
    __atomic_store_n(&o->refs, 0, __ATOMIC_RELAXED);
    if (c->destroy != NULL)
        c->destroy((WDFOBJECT)o);
    if (o->type_destroy != NULL)
        o->type_destroy(o);
    o->kept = clean;
    wdf_cache_push(cache, o);
    return TRUE;
}

/* The end of a request object with no reserved pool and no remove lock (wdf_request_dispose's
 * common way, inline on the completion path): kept by the thread's cache when nothing else
 * holds it, else deleted. */
static inline __attribute__((always_inline)) void wdf_request_drop(struct wdf_request *r)
{
    if (!wdf_object_end_request(&r->obj, !r->send_used && r->usb == NULL, !r->send.created))
        wdf_object_delete(&r->obj);
}

/* WdfIoTargetStop of a USB target (usb.c): a USB device's stops its pipes' targets too, with the
 * same action; a pipe's does nothing more. */
void wdf_usb_target_stopped(void *usb, WDF_IO_TARGET_SENT_IO_ACTION action);

/* session 13: the resource hub connection a create names ("\\" and the ID's 16 hex digits, as
 * RESOURCE_HUB_CREATE_PATH_FROM_ID's path reaches the controller): the ID, and the hub's
 * RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER (the caller frees it with free()).
 * STATUS_OBJECT_NAME_INVALID: not such a name; STATUS_OBJECT_NAME_NOT_FOUND: no such connection
 * (spbcx.c; SpbCx's targets and GpioClx's connections). */
NTSTATUS wdf_reshub_connection(PCUNICODE_STRING name, LARGE_INTEGER *id, PVOID *properties);

/* s14-wdffile: file objects' synchronization (file.c). WdfDeviceInitSetFileObjectConfig's work,
 * `owner` the class extension calling it (SpbCx) or NULL for the driver; wdf_files_check, from
 * WdfDeviceCreate once the device object has its attributes, applies the file objects' scope and
 * level rules (an error status fails WdfDeviceCreate). */
void wdf_files_configure(struct wdf_globals *g, PWDFDEVICE_INIT init, PWDF_FILEOBJECT_CONFIG config,
                         PWDF_OBJECT_ATTRIBUTES attributes, const char *owner);
NTSTATUS wdf_files_check(struct wdf_globals *g, PWDFDEVICE_INIT init, struct wdf_device *dev);
/* An object's resolved synchronization scope (sync.c): its own, or its parents', up to the
 * driver's default WdfSynchronizationScopeNone. */
WDF_SYNCHRONIZATION_SCOPE wdf_sync_scope_of(struct wdf_object *object);
/* The checks of WDF_OBJECT_ATTRIBUTES an object creation of `type` makes (object.c): NULL is
 * fine; a wrong Size, a scope or level the type does not take, the creation errors. */
NTSTATUS wdf_object_check_attributes(struct wdf_globals *g, enum wdf_type type,
                                     PWDF_OBJECT_ATTRIBUTES attributes);

/* s14-wdfgaps: a request the framework completes itself while it waits in a queue (cancelled,
 * purged, its queue deleted: queue.c) gets back what a format for an I/O target took, as
 * wdf_request_to_requester does for the driver's completions: its IRP's own buffers, and its
 * bounce buffer, MDL and memory references freed (iotarget.c). Nothing if it was not
 * formatted or is at a target. */
void wdf_request_unformat(struct wdf_request *r);

/* s15-wdfgaps2: creations whose parent the framework fixes (a DMA transaction's or common
 * buffer's is the enabler, a resource list's its requirements list, a WMI provider's its
 * device, a WMI instance's its provider): a ParentObject in the attributes is
 * STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED (Microsoft: Framework Object Creation Errors, "does
 * not allow drivers to assign parents to the object type"), reported as `ddi`'s; else
 * STATUS_SUCCESS (object.c). */
NTSTATUS wdf_parent_refused(struct wdf_globals *g, PWDF_OBJECT_ATTRIBUTES attributes,
                            const char *ddi);

#endif
