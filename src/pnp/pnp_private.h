/*
 * pnp_private.h - the PnP manager's own state, shared by the files of src/pnp: the device node
 * and the tree. Not for other layers (they use pnp.h).
 *
 * Ownership of the fields of struct pnp_node, so that the parts of the manager stay apart:
 *   tree.c       links, instance ID, PDO, lookup, the tree lock, walking;
 *   state/stack  (the manager proper) state, problem, the stack, IDs, capabilities;
 *   install.c    the driver chosen (through the registry: Enum\<instance>\Service, filters);
 *   interface.c  the node's device interfaces and target-device notifications;
 *   po           the node's power state (src/po keeps its own table keyed by the PDO).
 *
 * Lifetime: a node is created when its PDO is first reported (root enumerator or a bus
 * driver's BusRelations) and freed after REMOVE_DEVICE once the PDO is deleted or its parent
 * is gone; it holds a reference on its PDO (ObReferenceObject) from pnp_node_create to
 * pnp_node_free.
 *
 * Locking: tree_lock (an os_mutex, tree.c) guards the links and the instance-ID index; it is
 * never held while a driver runs. A node's other fields are changed only by the PnP manager's
 * thread (one action at a time), so that thread reads them without the lock.
 */
#ifndef DRVHOST_PNP_PNP_PRIVATE_H
#define DRVHOST_PNP_PNP_PRIVATE_H

#include "pnp/pnp.h"

#include <wdmguid.h>

#include <stdbool.h>
#include <stdint.h>

/* Device node states (the user-visible ones of the issue; Windows has more internal ones). */
enum pnp_node_state {
    PNP_NODE_UNINITIALIZED, /* reported, no driver yet */
    PNP_NODE_INITIALIZED,   /* stack built (AddDevice done), not started */
    PNP_NODE_STARTED,
    PNP_NODE_QUERY_STOPPED, /* QUERY_STOP succeeded: waiting for STOP or CANCEL_STOP */
    PNP_NODE_STOPPED,
    PNP_NODE_QUERY_REMOVED, /* QUERY_REMOVE succeeded: waiting for REMOVE or CANCEL_REMOVE */
    PNP_NODE_SURPRISE_REMOVED,
    PNP_NODE_REMOVED,
    PNP_NODE_FAILED, /* problem != 0 */
    PNP_NODE_DISABLED,
};

struct pnp_node {
    /* tree.c, under tree_lock */
    struct pnp_node *parent, *child, *sibling; /* first child; next sibling */
    char *instance_id;                         /* "ROOT\SAMPLE\0000" (malloc'ed) */
    PDEVICE_OBJECT pdo;                        /* referenced */
    unsigned depth;                            /* root 0 */

    /* the manager proper (PnP thread only) */
    enum pnp_node_state state;
    ULONG problem;           /* CM_PROB_* (0: none) */
    NTSTATUS problem_status; /* the status that caused it */
    char **hardware_ids;     /* NULL-terminated arrays (malloc'ed) */
    char **compatible_ids;
    char *service;            /* function driver's service, NULL: none (raw PDO) */
    bool reported_missing;    /* its bus no longer lists it */
    bool remove_pending;      /* surprise-removed; REMOVE_DEVICE waits for the last handle */
    DEVICE_CAPABILITIES caps; /* from QUERY_CAPABILITIES */
    ULONG pnp_device_state;   /* PNP_DEVICE_* from QUERY_PNP_DEVICE_STATE */

    /* the manager proper (PnP thread only), added by the manager */
    bool root_enumerated; /* its PDO belongs to the root enumerator (\Driver\PnpManager) */
    bool pdo_gone;        /* the PDO is to be deleted at REMOVE_DEVICE (root enumerator) */
    bool stack_built;     /* AddDevice done for every driver of the stack */
    char *class_guid;     /* "{...}" from the INF or the Enum key, NULL: none */
    char *description;    /* QUERY_DEVICE_TEXT or DeviceDesc, NULL: none */
    bool cancel_told;     /* a subscriber vetoed QUERY_REMOVE: those asked heard the cancel */

    /* interface.c */
    void *interfaces;
};

/* Problem codes (CM_PROB_*, cfg.h) the manager sets. */
#define CM_PROB_FAILED_START       0x0A /* START_DEVICE failed (Code 10) */
#define CM_PROB_FAILED_INSTALL     0x1C /* no driver installed (Code 28) */
#define CM_PROB_DISABLED           0x16 /* disabled by the user (Code 22) */
#define CM_PROB_FAILED_ADD         0x1F /* AddDevice failed (Code 31) */
#define CM_PROB_DRIVER_FAILED_LOAD 0x27 /* the driver could not load (Code 39) */
#define CM_PROB_FAILED_POST_START  0x2B /* the driver reported a failure after start (43) */
#define CM_PROB_DEVICE_NOT_THERE   0x18 /* not present (Code 24) */

/* ---- the tree (tree.c) --------------------------------------------------------------- */

void pnp_tree_lock(void);
void pnp_tree_unlock(void);
/* The root node (HTREE\ROOT\0), whose PDO belongs to the root enumerator. */
struct pnp_node *pnp_root(void);
/* A node for a PDO under parent (NULL only for the root), with this instance ID; takes a
 * reference on the PDO and sets its io_device's pnp_node. Caller holds the tree lock.
 * STATUS_OBJECT_NAME_COLLISION if the instance ID is taken, STATUS_NO_MEMORY. */
NTSTATUS pnp_node_create(struct pnp_node *parent, PDEVICE_OBJECT pdo, const char *instance_id,
                         struct pnp_node **node);
/* Unlinks a node without children and frees it (the PDO's reference dropped, its pnp_node
 * cleared). Caller holds the tree lock. */
void pnp_node_free(struct pnp_node *node);
/* By instance ID, case-insensitive (caller holds the tree lock), or NULL. */
struct pnp_node *pnp_node_find(const char *instance_id);
/* The node of any device object of a PnP stack (the PDO at the bottom of its stack), or NULL
 * for a device outside the tree. Takes the tree lock itself. */
struct pnp_node *pnp_node_of(PDEVICE_OBJECT device);
/* The node of exactly this PDO, or NULL (no lock needed: the field is set once). */
struct pnp_node *pnp_node_of_pdo(PDEVICE_OBJECT pdo);

/* Frees a NULL-terminated array of strings (tree.c). */
void pnp_ids_free(char **ids);

/* ---- the manager's thread (manager.c) ------------------------------------------------ */

/* Queues fn(context) for the PnP thread. wait: waits for it and returns its status (run at
 * once when called on the PnP thread itself); !wait: returns STATUS_PENDING at once (a
 * driver's request; context is then fn's to free). */
NTSTATUS pnp_queue(NTSTATUS (*fn)(void *context), void *context, bool wait);
/* True on the PnP manager's thread. */
bool pnp_on_thread(void);
/* The root enumerator's driver object (\Driver\PnpManager). */
PDRIVER_OBJECT pnp_root_driver(void);
/* Creates a PDO of the root enumerator for a root-enumerated device (autogenerated name). */
NTSTATUS pnp_root_pdo_create(PDEVICE_OBJECT *pdo);

/* ---- PnP IRPs (irp.c) ------------------------------------------------------------------ */

/* Sends one IRP_MJ_PNP to the top of pdo's stack and waits for it. params: the stack
 * location's Parameters (NULL: zeroed). *info (may be NULL): IoStatus.Information. */
NTSTATUS pnp_irp(PDEVICE_OBJECT pdo, UCHAR minor, const void *params, size_t params_size,
                 ULONG_PTR *info);
/* The same with IoStatus.Information set to *info before sending (FILTER_RESOURCE_REQUIREMENTS
 * carries its list in there); *info receives it back. */
NTSTATUS pnp_irp_in(PDEVICE_OBJECT pdo, UCHAR minor, const void *params, size_t params_size,
                    ULONG_PTR *info);
/* An IRP to the PDO alone, not through the drivers attached above it: what Windows asks of
 * the parent bus driver before the function driver attaches (QUERY_RESOURCE_REQUIREMENTS). */
NTSTATUS pnp_irp_pdo(PDEVICE_OBJECT pdo, UCHAR minor, ULONG_PTR *info);
/* io's last-close hook: a surprise-removed subtree gets its REMOVE_DEVICE (action.c). */
void pnp_last_close(PDEVICE_OBJECT device);

/* ---- the manager's registry helpers (reg.c): UTF-8 paths and values, Zw handles -- */

#define PNP_REG_CCS "\\Registry\\Machine\\System\\CurrentControlSet"
NTSTATUS pnp_key_open(const char *path, bool create, HANDLE *key);
NTSTATUS pnp_key_open_sub(HANDLE parent, const char *subkey, bool create, HANDLE *key);
void pnp_key_close(HANDLE key);
NTSTATUS pnp_key_set(HANDLE key, const char *name, ULONG type, const void *data, size_t size);
NTSTATUS pnp_key_set_sz(HANDLE key, const char *name, const char *value);
NTSTATUS pnp_key_set_multi(HANDLE key, const char *name, const char *const *list, size_t count);
NTSTATUS pnp_key_set_dword(HANDLE key, const char *name, ULONG value);
NTSTATUS pnp_key_delete_value(HANDLE key, const char *name);
/* *value malloc'ed UTF-8 (REG_SZ/REG_EXPAND_SZ). */
NTSTATUS pnp_key_get_sz(HANDLE key, const char *name, char **value);
/* *list a malloc'ed NULL-terminated array (free with pnp_ids_free). */
NTSTATUS pnp_key_get_multi(HANDLE key, const char *name, char ***list);
bool pnp_key_exists(const char *path);

/* ---- the driver chosen for a node (install.c) ---------------------------------------- */

/* The registry paths of a node (UTF-8, malloc'ed): \Registry\Machine\System\CurrentControlSet\
 * Enum\<instance> and its driver (software) key Control\Class\{GUID}\NNNN (NULL without one). */
char *pnp_enum_key_path(const struct pnp_node *node);
/* Chooses and installs the best driver of the driver store for the node (its hardware and
 * compatible IDs) unless its Enum key already names a service: writes the Enum, Class and
 * Services keys. STATUS_NOT_FOUND (problem CM_PROB_FAILED_INSTALL) when nothing matches. */
NTSTATUS pnp_install_node(struct pnp_node *node);
/* The class name of the best driver for these IDs (malloc'ed), NULL: none matches. */
char *pnp_match_class(char **hwids, char **cids);
/* Frees the driver store (pnp_shutdown). */
void pnp_store_free(void);

/* ---- stacks and actions (stack.c, action.c, enum.c) ---------------------------------- */

/* Builds the node's stack (filters and function driver loaded, AddDevice in order) and
 * starts it; on failure the node keeps its problem code. */
NTSTATUS pnp_node_start(struct pnp_node *node);
/* Loads the stack's drivers and calls their AddDevice (stack.c). */
NTSTATUS pnp_stack_build(struct pnp_node *node);
/* REMOVE_DEVICE to the node's stack (the drivers detach and delete their devices). */
void pnp_stack_remove(struct pnp_node *node);
/* The node's subtree removed, children first; surprise: SURPRISE_REMOVAL first. keep: the
 * node itself stays in the tree (disable). */
void pnp_subtree_remove(struct pnp_node *node, bool surprise, bool keep);
/* IoRequestDeviceEject's action: orderly removal, then IRP_MN_EJECT to the PDO (action.c). */
NTSTATUS pnp_node_eject(struct pnp_node *node);
/* BusRelations of a started node: new children created and started, missing ones removed. */
NTSTATUS pnp_enumerate(struct pnp_node *node);
/* Sends the identification IRPs to a new PDO (IDs, capabilities, text): fills the node. */
NTSTATUS pnp_node_query(struct pnp_node *node);
/* QUERY_CAPABILITIES alone (after a start: a function driver may change them). */
void pnp_node_query_caps(struct pnp_node *node);
/* Sets a problem (and logs it with the status and the reason). */
void pnp_node_fail(struct pnp_node *node, ULONG problem, NTSTATUS status, const char *why);

/* ---- device interfaces and notifications: hooks the manager calls (interface.c, notify.c) - */

/* The node is being removed (after REMOVE_DEVICE or at disable): its enabled interfaces are
 * disabled (links deleted, removal notifications queued), its interface records freed, its
 * target-device registrations detached (they stay valid until unregistered). PnP thread. */
void pnp_iface_node_removed(struct pnp_node *node);
/* Calls the node's EventCategoryTargetDeviceChange callbacks for a system event
 * (GUID_TARGET_DEVICE_QUERY_REMOVE, _REMOVE_CANCELLED, _REMOVE_COMPLETE) on the calling
 * thread (the PnP thread), in registration order. A veto of GUID_TARGET_DEVICE_QUERY_REMOVE
 * (a callback's failure status) stops the walk, sends GUID_TARGET_DEVICE_REMOVE_CANCELLED to
 * the callbacks already told, and is returned; otherwise STATUS_SUCCESS. */
NTSTATUS pnp_notify_target(struct pnp_node *node, const GUID *event);

/* ---- the registry as PnP uses it (pnp_reg.c) ---------------------------------------------- */

/* "\Registry\Machine\System\CurrentControlSet\" followed by the formatted tail (malloc'ed,
 * NULL without memory). */
char *pnp_reg_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
enum {
    PNP_REG_OPEN,
    PNP_REG_CREATE,
    PNP_REG_CREATE_VOLATILE
};
/* Opens (or creates) the key at a UTF-8 path, relative to root (NULL: an absolute path).
 * *created (may be NULL) says whether it was made now. Returns the Zw routine's status. */
NTSTATUS pnp_reg_open(HANDLE root, const char *path, ULONG how, ACCESS_MASK access, HANDLE *key,
                      BOOLEAN *created);
BOOLEAN pnp_reg_exists(const char *path);
/* Opens the key at an absolute path, creating it and every missing parent (nonvolatile). */
NTSTATUS pnp_reg_create_path(const char *path, ACCESS_MASK access, HANDLE *key);
NTSTATUS pnp_reg_set(HANDLE key, const char *value, ULONG type, const void *data, ULONG size);
NTSTATUS pnp_reg_set_sz(HANDLE key, const char *value, const char *text);
/* A value's type and data (malloc'ed: *data is freed by the caller). */
NTSTATUS pnp_reg_query(HANDLE key, const char *value, ULONG *type, void **data, ULONG *size);
/* A REG_SZ/REG_EXPAND_SZ value as UTF-8 (malloc'ed), NULL if absent or of another type. */
char *pnp_reg_query_sz(HANDLE key, const char *value);
/* The name of subkey number index (UTF-8, truncated to size); STATUS_NO_MORE_ENTRIES after
 * the last. */
NTSTATUS pnp_reg_subkey(HANDLE key, ULONG index, char *name, size_t size);

/* ---- between interface.c and notify.c ------------------------------------------------------ */

/* The interface state of a PDO that registered interfaces or has target-device registrations
 * (struct pnp_node's `interfaces`): created on first need, freed by pnp_iface_node_removed. */
struct pnp_iface_dev {
    LIST_ENTRY entry; /* in interface.c's list of them */
    struct pnp_node *node;
    char *instance_id;  /* the node's, copied (UTF-8) */
    LIST_ENTRY ifaces;  /* struct pnp_iface (interface.c) */
    LIST_ENTRY targets; /* target-device registrations (notify.c) */
};
/* One registered interface instance of a present device (IoRegisterDeviceInterface). */
struct pnp_iface {
    LIST_ENTRY entry; /* dev->ifaces */
    GUID interface_class;
    UNICODE_STRING link; /* \??\ROOT#SAMPLE#0000#{guid}[\ref] (malloc'ed, NUL-terminated) */
    char *ref_key;       /* its registry key: DeviceClasses\{guid}\##?#...#{guid}\#[ref] */
    BOOLEAN enabled;     /* lock */
};
/* The lock of every list of interface.c and notify.c (registrations, devices, interfaces, the
 * notification queue). Never held while a driver's callback runs. */
void pnp_iface_lock(void);
void pnp_iface_unlock(void);
/* The node's state (created if need be; NULL without memory). Caller holds the lock. */
struct pnp_iface_dev *pnp_iface_dev_get(struct pnp_node *node);
/* The node of a PDO; for anything else the documented bug check 0xCA PNP_DETECTED_FATAL_ERROR
 * (0x2, invalid PDO: the device object, its driver object), naming the DDI (notify.c). */
struct pnp_node *pnp_node_of_pdo_checked(PDEVICE_OBJECT pdo, const char *ddi);
/* Walks the devices: the first (dev NULL) or the one after dev; NULL at the end. Lock held. */
struct pnp_iface_dev *pnp_iface_dev_next(struct pnp_iface_dev *dev);
/* Queues a DEVICE_INTERFACE_CHANGE_NOTIFICATION (GUID_DEVICE_INTERFACE_ARRIVAL/_REMOVAL) for
 * the registrations of the class; delivered in order on a system worker thread. Caller holds
 * the lock (so that notifications keep the order of the state changes). */
void pnp_notify_interface(const GUID *event, const GUID *interface_class, PCUNICODE_STRING link);
/* The enabled interfaces of a class as symbolic link names, for a registration with
 * PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES: a ZZ list as IoGetDeviceInterfaces
 * returns it (freed with ExFreePool), or NULL. */
PZZWSTR pnp_iface_enabled_list(const GUID *interface_class);
/* A PnP notification registration (IoRegisterPlugPlayNotification's NotificationEntry). */
struct pnp_notify_reg {
    LIST_ENTRY entry;        /* every live registration, in registration order (notify.c) */
    LIST_ENTRY target_entry; /* dev->targets (EventCategoryTargetDeviceChange), else empty */
    ULONG magic;             /* PNP_NOTIFY_MAGIC while registered */
    IO_NOTIFICATION_EVENT_CATEGORY category;
    GUID interface_class;  /* EventCategoryDeviceInterfaceChange */
    PFILE_OBJECT file;     /* EventCategoryTargetDeviceChange (not referenced, as Windows) */
    PDRIVER_OBJECT driver; /* referenced until the registration is freed */
    PDRIVER_NOTIFICATION_CALLBACK_ROUTINE callback;
    PVOID context;
    LONG refs;       /* the list's one, plus one per delivery holding it (lock) */
    LONG active;     /* callbacks running now (lock) */
    uint64_t thread; /* the thread of the last callback started (lock) */
    BOOLEAN dead;    /* unregistered: no callback starts any more (lock) */
};
#define PNP_NOTIFY_MAGIC 0x6e504e50u /* "PNPn" */
/* Calls reg's callback unless it was unregistered; returns the callback's status
 * (STATUS_SUCCESS when not called). Takes the lock around, never across, the call. */
NTSTATUS pnp_notify_call(struct pnp_notify_reg *reg, PVOID notification);
/* Drops a reference taken under the lock (refs++); the last one frees the registration. */
void pnp_notify_put(struct pnp_notify_reg *reg);
/* Waits (lock held) until no callback of reg runs, except one on this thread (a callback
 * unregistering itself). */
void pnp_notify_wait_idle(struct pnp_notify_reg *reg);
/* Detaches the target-device registrations of a device going away. Caller holds the lock. */
void pnp_notify_detach_targets(struct pnp_iface_dev *dev);
/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" (lower case, as Windows writes interface classes
 * in link names and under DeviceClasses) into buf (39 bytes). */
const char *pnp_guid_text(const GUID *guid, char buf[39]);
/* The registry key of a registered device interface instance, relative to CurrentControlSet
 * (malloc'ed into *tail): STATUS_INVALID_PARAMETER for a malformed link name,
 * STATUS_OBJECT_NAME_NOT_FOUND for one never registered (interface.c). */
NTSTATUS pnp_iface_key_tail(PCUNICODE_STRING link, char **tail);

/* ---- hardware resources (resources.c) ------------------------------------------------ */

/* The node's assigned resources (immutable, live until shutdown); false: none. */
bool pnp_resources_of(struct pnp_node *node, PCM_RESOURCE_LIST *raw, PCM_RESOURCE_LIST *translated);
/* ioreslist: a device the host gave no resources gets the first alternative of its filtered
 * requirements, each descriptor's lowest range (not IO_RESOURCE_ALTERNATIVE ones), from then on
 * as if the host had given them for its first hardware ID (drvhost's stand-in for the
 * arbiter: no conflicts are checked). Types other than memory, ports and interrupts are left
 * out (reported). */
void pnp_resources_from_requirements(struct pnp_node *node,
                                     const IO_RESOURCE_REQUIREMENTS_LIST *list);
/* The translated descriptor of the node's index-th interrupt, or NULL. */
const CM_PARTIAL_RESOURCE_DESCRIPTOR *pnp_resources_interrupt(struct pnp_node *node,
                                                              unsigned index);
/* At shutdown. */
void pnp_resources_free(void);

/* ---- the simulated 16550 UART (uart16550.c, docs/uart.md) ---------------------------------- */

/* A UART whose interrupt output fires `vector` (0: none); its thread starts here. */
struct pnp_uart *pnp_uart_create(ULONG vector);
void pnp_uart_free(struct pnp_uart *u);
/* A byte access of register `offset` (0-7) by the driver, at any IRQL. */
void pnp_uart_access(struct pnp_uart *u, unsigned offset, UCHAR *value, bool write);
void pnp_uart_wire_in(struct pnp_uart *u, const void *data, size_t size);
void pnp_uart_wire_lines(struct pnp_uart *u, UCHAR msr_bits);
bool pnp_uart_wire_answer(struct pnp_uart *u, const void *data, size_t size);
void pnp_uart_wire_break(struct pnp_uart *u);
size_t pnp_uart_wire_out(struct pnp_uart *u, void *buffer, size_t size,
                         struct pnp_uart_state *state);
/* At shutdown: the resource hub's links and entries go (reshub.c). */
void pnp_reshub_free(void);

#endif
