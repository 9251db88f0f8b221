/*
 * pnp.h - the PnP manager's interface to the layers above it (src/po, src/host): the device
 * tree, installing driver packages, device actions and device interfaces. Drivers reach the PnP
 * manager through its DDIs (include/km/wdm_pnp.h). The INF parser has its own header (inf.h).
 *
 * Layer: pnp sits above ldr (it loads the drivers a device needs) and io/cm (device objects,
 * IRPs, the registry); po and host call it; nothing below calls it.
 *
 * Threads: every change of the tree runs on the PnP manager's own system thread, one action at
 * a time, as Windows serialises PnP work on its PnP worker (so a driver's PnP dispatch routine
 * is never entered twice at once for one device). The calls below queue an action and wait for
 * it (they are called at PASSIVE_LEVEL by the host, never by driver code); drivers' requests
 * (IoInvalidateDeviceRelations, IoRequestDeviceEject, ...) queue an action and return at once.
 *
 * Text is UTF-8 here (instance IDs, hardware IDs, paths); the registry holds it as UTF-16.
 */
#ifndef DRVHOST_PNP_PNP_H
#define DRVHOST_PNP_PNP_H

#include <wdm.h>

#include <stddef.h>
#include <stdio.h>

/* ---- start and stop (tree.c) --------------------------------------------------------- */

/* After io, cm and ldr: creates the root device node (HTREE\ROOT\0) and the root enumerator
 * (\Driver\PnpManager), starts the PnP manager's thread. */
NTSTATUS pnp_init(void);
/* Before ldr_shutdown: removes every device node (children before parents, the orderly
 * removal sequence), stops the thread. Returns the number of devices whose removal went wrong
 * (each reported). */
size_t pnp_shutdown(void);
/* Waits until no PnP action is queued or running (the host calls it after each command, so a
 * scenario sees the children a bus driver reported before the next command runs). */
void pnp_wait_idle(void);

/* ---- driver packages (install.c) ----------------------------------------------------- */

/* Stages a driver package: parses the INF (relative paths from base_dir; NULL: the current
 * folder), keeps it in the driver store, and installs it on every existing device it matches
 * better than the driver it has (a device without a driver gets one: as `pnputil /add-driver
 * X.inf /install`). A malformed INF: STATUS_INVALID_PARAMETER with "FILE:LINE: problem" in msg. */
NTSTATUS pnp_install_inf(const char *path, const char *base_dir, char *msg, size_t msg_size);

/* ---- devices (tree.c, action.c) ------------------------------------------------------ */

/* Creates a root-enumerated device with these IDs (compatible may be NULL), installs its best
 * driver, builds its stack and starts it. *instance (malloc'ed) is its instance ID, e.g.
 * ROOT\SAMPLE\0000, even when the device could not start (then the status says why and the node
 * keeps its problem code). */
NTSTATUS pnp_device_create(const char *hardware_id, const char *const *compatible, size_t ncompat,
                           char **instance);
/* As pnp_device_create, with a PDO another bus of drvhost's made (src/usb, src/input): its driver
 * answers the PDO's IRPs (PnP and power through pnp_root_driver's routines). The PDO is deleted
 * when the device cannot be created, else at its REMOVE_DEVICE. */
NTSTATUS pnp_device_create_pdo(const char *hardware_id, const char *const *compatible,
                               size_t ncompat, PDEVICE_OBJECT pdo, char **instance);
/* The root enumerator (\Driver\PnpManager): its PnP and power dispatch routines serve the PDOs
 * of drvhost's own buses too. */
PDRIVER_OBJECT pnp_root_driver(void);
struct io_driver;
/* The driver of one of drvhost's own buses (src/usb, src/input): `pnp` and `internal` dispatch
 * the PDOs' PnP IRPs (ending in pnp_root_driver's routine) and internal device controls; power
 * goes to the root's routine; create, close and cleanup succeed, WMI IRPs keep their status (as
 * a bus driver leaves them) and every other request is STATUS_INVALID_DEVICE_REQUEST. */
NTSTATUS pnp_bus_driver_create(const char *name, PDRIVER_DISPATCH pnp, PDRIVER_DISPATCH internal,
                               struct io_driver **driver);

enum pnp_action {
    PNP_ACTION_REMOVE,  /* orderly: QUERY_REMOVE, then REMOVE_DEVICE (or CANCEL_REMOVE) */
    PNP_ACTION_UNPLUG,  /* surprise removal: SURPRISE_REMOVAL, then REMOVE_DEVICE */
    PNP_ACTION_DISABLE, /* orderly removal, the node kept with CM_PROB_DISABLED */
    PNP_ACTION_ENABLE,  /* a disabled node rebuilt and started */
    PNP_ACTION_RESTART, /* QUERY_STOP, STOP, START (rebalance) */
};
/* One action on a device by instance ID (case-insensitive). STATUS_NO_SUCH_DEVICE when there
 * is none; a driver's veto (QUERY_REMOVE/QUERY_STOP failed) is returned as its status. */
NTSTATUS pnp_device_action(const char *instance, enum pnp_action action);
/* The PDO of the device with that instance ID (case-insensitive), referenced;
 * STATUS_NO_SUCH_DEVICE when there is none. */
NTSTATUS pnp_device_pdo(const char *instance, PDEVICE_OBJECT *pdo);
/* The NT name of the device's PDO (\Device\xxxxxxxx, malloc'ed UTF-8): opening it reaches the
 * top of the device's stack, as a kernel component opens a device it knows by its PDO.
 * STATUS_NO_SUCH_DEVICE when there is no such instance (property.c). */
NTSTATUS pnp_instance_pdo_name(const char *instance, char **path);

/* ---- hardware resources (resources.c, docs/interrupts.md) ------------------------------ */

/* The resources (SPEC: words mem:START:LENGTH, port:START:LENGTH, irq:LINE[:latched][:shared])
 * of the devices whose first hardware ID is hardware_id, from their next START_DEVICE on.
 * A bad SPEC: STATUS_INVALID_PARAMETER with the problem in msg. */
NTSTATUS pnp_resources_set(const char *hardware_id, const char *spec, char *msg, size_t msg_size);
/* The device's index-th interrupt (from 0) fires on the calling thread: STATUS_SUCCESS (an ISR
 * claimed it), STATUS_UNSUCCESSFUL (none did), STATUS_DEVICE_NOT_CONNECTED (no ISR connected),
 * STATUS_NOT_FOUND (no such interrupt), STATUS_NO_SUCH_DEVICE. */
NTSTATUS pnp_device_interrupt(const char *instance, unsigned index);
/* The simulated 16550 UART behind the port range starting at `port` (a `resources` word
 * port:START:8:uart16550; docs/uart.md): bytes arrive on its wire (uart-in), the far end sets
 * its modem-status inputs (MSR bits 4-7), the bytes it transmitted are taken with the line's
 * set-up (uart-out). Each returns once the interrupts it raised were serviced.
 * STATUS_NOT_FOUND when no such UART was declared. */
struct pnp_uart_state {
    USHORT divisor;
    UCHAR lcr, mcr, ier, fcr;
};
NTSTATUS pnp_uart_input(ULONG port, const void *data, size_t size);
NTSTATUS pnp_uart_lines(ULONG port, UCHAR msr_bits);
/* What the device on the wire sends each time the UART raises RTS while DTR is on (a Plug and
 * Play external COM device's ID; size 0: nothing); STATUS_INVALID_PARAMETER above 64 KiB. */
NTSTATUS pnp_uart_answer(ULONG port, const void *data, size_t size);
/* A break arrives on the wire (docs/uart.md). */
NTSTATUS pnp_uart_break(ULONG port);
NTSTATUS pnp_uart_output(ULONG port, void *buffer, size_t size, size_t *taken,
                         struct pnp_uart_state *state);
/* Re-enumerates the whole tree (QUERY_DEVICE_RELATIONS/BusRelations to every started bus). */
NTSTATUS pnp_rescan(void);
/* Prints the tree: one line per node (indented by depth) with its instance ID, state, problem
 * code, then its stack from top to bottom (device object name and driver). */
void pnp_tree_print(FILE *out);

/* ---- the resource hub (reshub.c, docs/wdf.md "SPB controllers: SpbCx") ------------------- */

/* Declares connection `id` to the controller device `instance`: \Device\RESOURCE_HUB\<id>
 * (16 hex digits) opens "<its PDO name>\<id>", and `data` (size bytes, the ACPI connection
 * descriptor) is what pnp_reshub_properties gives back. STATUS_OBJECT_NAME_COLLISION: the ID
 * is declared; STATUS_NO_SUCH_DEVICE: no such instance. Kept until shutdown. */
NTSTATUS pnp_reshub_connection_add(ULONGLONG id, const char *instance, const void *data,
                                   ULONG size);
/* The connection's properties as IOCTL_RH_QUERY_CONNECTION_PROPERTIES returns them
 * (RH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER, malloc'ed: the caller frees it);
 * STATUS_OBJECT_NAME_NOT_FOUND for an undeclared ID. */
NTSTATUS pnp_reshub_properties(LARGE_INTEGER id, PVOID *buffer, ULONG *size);
/* The PDO (referenced) of the controller the connection was declared to (a GpioInt
 * connection's GPIO controller); STATUS_OBJECT_NAME_NOT_FOUND for an undeclared ID,
 * STATUS_NO_SUCH_DEVICE when that device is gone. */
NTSTATUS pnp_reshub_controller(LARGE_INTEGER id, PDEVICE_OBJECT *pdo);

/* ---- device interfaces (interface.c) ------------------------------------------------- */

/* The n-th (from 0) enabled interface of the class, in the order IoGetDeviceInterfaces
 * returns them, as a path the host can open (\??\ROOT#SAMPLE#0000#{guid}, malloc'ed).
 * STATUS_OBJECT_NAME_NOT_FOUND when there are not that many. */
NTSTATUS pnp_interface_path(const GUID *guid, unsigned n, char **path);

/* ---- walking the tree (tree.c; for the power manager) -------------------------------- */

enum pnp_walk_order {
    PNP_WALK_PARENTS_FIRST, /* root, then each child before its children (waking) */
    PNP_WALK_CHILDREN_FIRST /* leaves first, parents after all their children (sleeping) */
};
/* Runs fn on the PnP manager's thread as one action (no other PnP action runs meanwhile, so the
 * tree does not change) and returns its status: the power manager's system transitions. */
NTSTATUS pnp_run_exclusive(NTSTATUS (*fn)(void *context), void *context);
/* Inside pnp_run_exclusive only: calls fn for each started device's PDO in that order, on the
 * caller's thread, no lock held. fn's non-success status stops the walk and is returned. */
NTSTATUS pnp_walk_started(enum pnp_walk_order order,
                          NTSTATUS (*fn)(PDEVICE_OBJECT pdo, void *context), void *context);

#endif
