/*
 * drvhost.h - the host embedding API.
 *
 * A host program (the `drvhost` CLI, the test harness, a fuzzer, a user's own test) boots the
 * runtime, registers driver modules as services, loads them, and plays the role of a Windows
 * client: open, read, write, device control and close, synchronously or asynchronously.
 *
 * This header uses only C99 types so a host does not need the WDK headers. Status values are
 * NTSTATUS values (int32_t); drvhost_status_name() names them.
 *
 * Threads: every call may be made from any host thread; several threads may issue I/O at once.
 */
#ifndef DRVHOST_DRVHOST_H
#define DRVHOST_DRVHOST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h> /* FILE: drvhost_pnp_tree, drvhost_run_scenario */

#ifdef __cplusplus
extern "C" {
#endif

#define DRVHOST_API __attribute__((visibility("default")))

/* ---- booting ---------------------------------------------------------------------------- */

typedef struct drvhost_options {
    unsigned processors; /* emulated processors (DPC threads); 0 = number of host cores */
    int quiet;           /* nonzero: DbgPrint output (see debug_print) is not written */
    /* The watchdog (0 = none): a scenario command, or the unloads at drvhost_shutdown, that
     * takes longer than this many milliseconds (a command's own timeout= overrides it) is a
     * hang: the report (command, request, IRP state, every thread's stack) goes to stderr and
     * the process exits with DRVHOST_EXIT_HANG. `drvhost run` uses DRVHOST_DEFAULT_TIMEOUT_MS. */
    uint32_t timeout_ms;
    /* Nonzero: drvhost_init blocks SIGINT and SIGTERM in the calling thread (so in every thread
     * created after it) and a runtime thread takes them: it prints what was outstanding, saves
     * the registry file (drvhost_registry_open) and exits with 128 + the signal number. */
    int catch_signals;
    /* The folder drivers' files live in (docs/files.md): \??\C:\x is file_root/C/x,
     * \SystemRoot\x is file_root/Windows/x. Created if missing and kept at shutdown. NULL: a
     * fresh folder $TMPDIR/drvhost-files.XXXXXX made at the first ZwCreateFile and removed by
     * drvhost_shutdown. */
    const char *file_root;
    /* DRVHOST_DEBUG_PRINT_FILTERED (0): DbgPrint/DbgPrintEx/KdPrint output is filtered as on
     * Windows: only DPFLTR_ERROR_LEVEL messages, unless the registry's Debug Print Filter key
     * (HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Debug Print Filter, read before
     * each driver load) or DbgSetDebugFilterState opens a component's mask.
     * DRVHOST_DEBUG_PRINT_ALL: every mask open, the registry key is not read. */
    int debug_print;
} drvhost_options;

#define DRVHOST_DEBUG_PRINT_FILTERED 0
#define DRVHOST_DEBUG_PRINT_ALL      1

/* The default time-out of `drvhost run` (--timeout changes it). */
#define DRVHOST_DEFAULT_TIMEOUT_MS 10000u

/* "0.1.0": the version of the runtime. */
DRVHOST_API const char *drvhost_version(void);

/* Boots the runtime (object namespace, registry, DPC and worker threads). NULL = defaults.
 * Returns STATUS_SUCCESS, or a failure status if already booted or out of resources. */
DRVHOST_API int32_t drvhost_init(const drvhost_options *options);

/* Unloads every loaded driver (DriverUnload), saves the registry file (drvhost_registry_open),
 * stops the threads, frees everything. Returns STATUS_SUCCESS; DRVHOST_STATUS_REGISTRY_IO_FAILED
 * if the registry file could not be saved (the reason went to stderr; this takes precedence);
 * else STATUS_UNSUCCESSFUL if something leaked (the leak report went to stderr). */
DRVHOST_API int32_t drvhost_shutdown(void);

/* ---- bug checks ------------------------------------------------------------------------- */

/* Called once when a driver (or the runtime on its behalf) bug-checks, after the report was
 * printed. It must not return (exit, _exit or longjmp). Default: _exit(DRVHOST_EXIT_BUGCHECK). */
typedef void (*drvhost_bugcheck_handler)(uint32_t code, const uint64_t params[4], void *context);
DRVHOST_API void drvhost_set_bugcheck_handler(drvhost_bugcheck_handler handler, void *context);

/* Exit statuses of `drvhost run`, also used by the default bug-check handler. */
#define DRVHOST_EXIT_OK          0
#define DRVHOST_EXIT_EXPECTATION 1
#define DRVHOST_EXIT_MALFORMED   2
#define DRVHOST_EXIT_BUGCHECK    3
#define DRVHOST_EXIT_HANG        4 /* a command outlived its time-out (the watchdog's report) */
/* 5: the registry file (drvhost_registry_open) could not be saved at the end of the run. */
#define DRVHOST_EXIT_SAVE_FAILED 5

/* STATUS_REGISTRY_IO_FAILED: what drvhost_shutdown returns when the final save failed. */
#define DRVHOST_STATUS_REGISTRY_IO_FAILED ((int32_t)0xC000014D)

/* ---- status names ----------------------------------------------------------------------- */

/* "STATUS_SUCCESS" for 0; NULL for a value without a known name. */
DRVHOST_API const char *drvhost_status_name(int32_t status);
/* Formats "STATUS_X (0xXXXXXXXX)" or "0xXXXXXXXX" into buf; returns buf. */
DRVHOST_API const char *drvhost_status_format(int32_t status, char *buf, size_t size);
/* Parses "STATUS_NAME" or a hex "0x..." value. Returns 0 on success, -1 if unknown. */
DRVHOST_API int drvhost_status_parse(const char *text, int32_t *status);

/* ---- registry --------------------------------------------------------------------------- */

/* Registry value types: the REG_* numbers of winnt.h. */
#define DRVHOST_REG_SZ        1
#define DRVHOST_REG_EXPAND_SZ 2
#define DRVHOST_REG_BINARY    3
#define DRVHOST_REG_DWORD     4
#define DRVHOST_REG_MULTI_SZ  7
#define DRVHOST_REG_QWORD     11

/* Writes a value, creating the key and its parents. key is regedit form
 * ("HKEY_LOCAL_MACHINE\SYSTEM\...", "HKLM\...") or NT form ("\Registry\Machine\..."); name "" is
 * the default value. data is the raw value bytes (REG_SZ: UTF-16LE with its terminator). */
DRVHOST_API int32_t drvhost_reg_set(const char *key, const char *name, uint32_t type,
                                    const void *data, size_t size);

/* Imports a regedit .reg file ("Windows Registry Editor Version 5.00"; UTF-16LE with BOM, or
 * UTF-8/ASCII): [KEY] creates keys (with parents), [-KEY] deletes a subtree, "name"=... sets
 * and "name"=- deletes values (docs/registry.md). The whole file is parsed first: a malformed
 * file changes nothing, prints "FILE:LINE: error: PROBLEM" on stderr and returns
 * STATUS_DATA_ERROR (0xC000003E). A missing file: STATUS_OBJECT_NAME_NOT_FOUND. */
DRVHOST_API int32_t drvhost_reg_import(const char *path);
/* Exports the subtree at key (either path form; NULL or "" = the whole registry) to path as a
 * .reg file, UTF-16LE with BOM as regedit writes it. The file is replaced atomically. */
DRVHOST_API int32_t drvhost_reg_export(const char *key, const char *path);
/* Makes path the registry file: takes an exclusive lock for this process (on "path.lock",
 * beside the file; a symlink at path is followed), imports path if it exists (a malformed file:
 * as drvhost_reg_import, and the path is not remembered), then remembers it; the registry is
 * saved there by ZwFlushKey, drvhost_registry_save and drvhost_shutdown. Another process
 * using the same file: STATUS_SHARING_VIOLATION at once (no waiting), with a message on stderr;
 * a missing or unwritable folder: its error status, with a message. Saving writes a new
 * exclusive temporary file beside path (never following a link planted there), with the old
 * file's mode, fsyncs it and renames it over path, so an interrupted save leaves the previous
 * file intact. Volatile keys (REG_OPTION_VOLATILE) are not saved. Call after drvhost_init; one
 * file per boot (STATUS_INVALID_PARAMETER if one is already open). */
DRVHOST_API int32_t drvhost_registry_open(const char *path);
/* Saves the registry to the file opened with drvhost_registry_open now (STATUS_SUCCESS and
 * nothing done if none is open). STATUS_DISK_FULL, STATUS_ACCESS_DENIED, ... on failure, the
 * previous file intact. Thread-safe: may be called from any thread while drivers run (a signal
 * handling thread, say); saves are serialized, and each writes one consistent state of the
 * registry (the store is held shared while it is turned into text, so drivers changing the
 * registry wait for that long). After drvhost_shutdown it does nothing. */
DRVHOST_API int32_t drvhost_registry_save(void);

/* ---- services and drivers --------------------------------------------------------------- */

/* Registers a driver module under a service name (creates the service key with ImagePath, the
 * module's absolute path). The module must exist: an absolute image_path as given; a relative
 * one in the current folder, else its file name in each folder of DRVHOST_DRIVER_PATH
 * (colon-separated), then in the runtime's driver folder (<libdir>/drvhost/drivers installed,
 * build/<preset>/drivers in a build tree). STATUS_OBJECT_NAME_NOT_FOUND, with the paths tried on
 * stderr, if it is nowhere. The dynamic loader is always given a path, never a bare name, so a
 * module is never picked up from LD_LIBRARY_PATH or the system's library folders. */
DRVHOST_API int32_t drvhost_service_add(const char *service, const char *image_path);
/* The same, with a relative image_path looked up in base_dir instead of the current folder (a
 * scenario's folder: this is what the scenario command `service` does). */
DRVHOST_API int32_t drvhost_service_add_at(const char *service, const char *image_path,
                                           const char *base_dir);
/* Loads the service's module and calls its entry point. Returns the entry point's status, or
 * the load failure (STATUS_OBJECT_NAME_NOT_FOUND: no such service or file;
 * STATUS_PROCEDURE_NOT_FOUND: the module imports routines drvhost lacks, named on stderr;
 * STATUS_INVALID_IMAGE_FORMAT: not a driver module). */
DRVHOST_API int32_t drvhost_driver_load(const char *service);
/* Calls DriverUnload and unloads the module. STATUS_INVALID_DEVICE_REQUEST when the driver has
 * no DriverUnload (it cannot be unloaded, as on Windows). */
DRVHOST_API int32_t drvhost_driver_unload(const char *service);

/* ---- client I/O ------------------------------------------------------------------------- */

typedef struct drvhost_file drvhost_file;       /* an open handle */
typedef struct drvhost_request drvhost_request; /* an I/O request in flight or finished */

/* Bad pointers. The client calls below play the system services (NtCreateFile, NtReadFile,
 * NtWriteFile, NtDeviceIoControlFile, NtClose) for a user-mode caller and check its pointers as
 * they do, so a bad one is a status, never a fault or a bug check:
 *   - a NULL drvhost_file or drvhost_request: STATUS_INVALID_HANDLE (0xC0000008), as for a NULL
 *     handle (drvhost_request_cancel returns 0, drvhost_request_free does nothing). A non-NULL
 *     one must be what drvhost_open / drvhost_io_start returned: it is not looked up.
 *   - a NULL path: STATUS_OBJECT_NAME_INVALID (0xC0000033), as for a missing object name.
 *   - desc, and the file, request and iosb result pointers (iosb may be NULL): not readable
 *     (writable for results), NULL included: STATUS_ACCESS_VIOLATION (0xC0000005),
 *     nothing issued, nothing written through any of them (not even *iosb).
 *   - the buffers: what the I/O manager copies or locks must be readable (write data and ioctl
 *     input with buffered or direct I/O; METHOD_IN_DIRECT output) or writable (read buffers,
 *     whatever the device's I/O method, as NtReadFile probes them; METHOD_BUFFERED and
 *     METHOD_OUT_DIRECT output): else STATUS_ACCESS_VIOLATION before the driver sees the
 *     request. NULL with a non-zero size is such a buffer; NULL with size 0 is fine. Like
 *     the arguments, the buffers of reads and device controls are probed first (Windows
 *     probes them before it looks the handle up: the method is in the code), so *iosb is not
 *     written; a write's buffer is probed once the device (its I/O method) is known, and
 *     that failure is written to *iosb like the other failures before the driver is called.
 *     METHOD_NEITHER buffers and neither-I/O write data go to the driver unchecked (its own
 *     ProbeForRead/ProbeForWrite in __try decides, as on Windows).
 * A buffer unmapped by another thread while the request is being built or completed is not
 * covered (the check is made once, before the copy). */
typedef struct drvhost_iosb {
    int32_t status;
    uint64_t information;
} drvhost_iosb;

/* Opens "\\.\Link", "\??\Link", "\DosDevices\Link" or "\Device\Name" (an optional trailing
 * "\rest" becomes the file object's FileName) with IRP_MJ_CREATE. access is a Windows access
 * mask (GENERIC_READ | GENERIC_WRITE = 0xC0000000). Returns the create status. */
DRVHOST_API int32_t drvhost_open(const char *path, uint32_t access, drvhost_file **file);
/* The identity client opens act with, checked against the security descriptor of a device made
 * by IoCreateDeviceSecure (docs/io.md, "Device security"): "admin" (the default: the groups of
 * an elevated administrator, BA BU WD AU IU and LOCAL), "user" (the same without BA), "system"
 * (SY BA WD AU), or SIDs joined by ',' (SDDL aliases such as BA, WD, RC, or S-1-5-32-544).
 * STATUS_INVALID_PARAMETER (nothing changed) for anything else. Kept until drvhost_shutdown. */
DRVHOST_API int32_t drvhost_client_identity(const char *identity);
/* IRP_MJ_CLEANUP then IRP_MJ_CLOSE (the close is deferred until in-flight requests finish). */
DRVHOST_API int32_t drvhost_close(drvhost_file *file);

enum drvhost_op {
    DRVHOST_OP_READ,
    DRVHOST_OP_WRITE,
    DRVHOST_OP_IOCTL,
    DRVHOST_OP_INTERNAL_IOCTL,
};

typedef struct drvhost_io_desc {
    enum drvhost_op op;
    uint32_t code;     /* ioctl code */
    const void *input; /* write data or ioctl input */
    size_t input_size;
    void *output; /* read buffer or ioctl output */
    size_t output_size;
    int64_t offset; /* read/write ByteOffset */
} drvhost_io_desc;

/* Synchronous I/O: issues the request and waits for it. Returns the final status; *iosb (may be
 * NULL) receives status and Information. Output bytes are in desc->output. */
DRVHOST_API int32_t drvhost_io(drvhost_file *file, const drvhost_io_desc *desc, drvhost_iosb *iosb);

/* Asynchronous I/O: returns STATUS_PENDING when the driver pended the request, else its final
 * status; *request is set in both cases and must be freed. desc->output must stay valid until
 * the request finished. On failure *request is NULL (not written when request or desc is not a
 * valid pointer). */
DRVHOST_API int32_t drvhost_io_start(drvhost_file *file, const drvhost_io_desc *desc,
                                     drvhost_request **request);
/* Waits up to timeout_ms (UINT32_MAX: forever). Returns the final status, or STATUS_TIMEOUT
 * (0x102) if it is still pending. */
DRVHOST_API int32_t drvhost_request_wait(drvhost_request *request, uint32_t timeout_ms,
                                         drvhost_iosb *iosb);
/* IoCancelIrp on the request's IRP: returns 1 if a cancel routine was called, else 0. */
DRVHOST_API int drvhost_request_cancel(drvhost_request *request);
/* Frees a finished request; a request still pending is waited for first. */
DRVHOST_API void drvhost_request_free(drvhost_request *request);

/* ---- the kernel debugger ---------------------------------------------------------------- */

/* Whether a kernel debugger is attached. DRVHOST_DEBUGGER_NONE (the default): a break
 * instruction (DbgBreakPoint, DbgBreakPointWithStatus, KdBreakPoint) is an unhandled breakpoint
 * exception, bug check 0x1E with STATUS_BREAKPOINT, as on Windows booted without debugging.
 * DRVHOST_DEBUGGER_GO: a debugger is attached and its user resumes every break (`g`): the break
 * is shown on stderr and the driver goes on. Failed assertions (RtlAssert) still stop.
 * STATUS_INVALID_PARAMETER for another mode. */
#define DRVHOST_DEBUGGER_NONE 0
#define DRVHOST_DEBUGGER_GO   1
DRVHOST_API int32_t drvhost_debugger(int mode);

/* ---- a client's event objects ----------------------------------------------------------- */

/* What CreateEvent, WaitForSingleObject, ResetEvent and CloseHandle give a user-mode caller
 * that hands an event to a driver (a handle in a device control's input, which the driver
 * passes to ObReferenceObjectByHandle with *ExEventObjectType). drvhost_event_create makes an
 * unnamed event, not signalled, notification (manual reset) if notification is nonzero else
 * synchronization, with EVENT_ALL_ACCESS; *handle is its handle value as the driver sees it.
 * Deviation: drvhost has one handle table, so the value is a kernel handle (docs/io.md). */
DRVHOST_API int32_t drvhost_event_create(int notification, uint64_t *handle);
/* Waits up to timeout_ms (UINT32_MAX: forever): STATUS_SUCCESS once signalled, STATUS_TIMEOUT
 * (0x102); STATUS_INVALID_HANDLE or STATUS_OBJECT_TYPE_MISMATCH for a handle that is no
 * event's. */
DRVHOST_API int32_t drvhost_event_wait(uint64_t handle, uint32_t timeout_ms);
/* Sets the event back to not signalled. */
DRVHOST_API int32_t drvhost_event_reset(uint64_t handle);
/* Closes the handle; the event lives on while a driver holds a reference. */
DRVHOST_API int32_t drvhost_event_close(uint64_t handle);

/* ---- Plug and Play ---------------------------------------------------------------------- */

/* Stages a driver package (an INF; a relative path from the current folder) in the driver
 * store and installs it on the devices that have no driver yet. The INF's folder is its driver
 * store: ServiceBinary's file is looked up there. A malformed INF: STATUS_INVALID_PARAMETER
 * and "FILE:LINE: problem" in msg (may be NULL). See docs/pnp.md. */
DRVHOST_API int32_t drvhost_pnp_install(const char *inf_path, char *msg, size_t msg_size);

/* Creates a root-enumerated device with this hardware ID (and compatible IDs, may be NULL),
 * installs its best driver, builds its stack and starts it. instance (may be NULL) receives
 * its instance ID (ROOT\CLASS\NNNN) even when the device could not start; the status then
 * says why (the device keeps its problem code: `drvhost_pnp_tree`). */
DRVHOST_API int32_t drvhost_device_create(const char *hardware_id, const char *const *compatible,
                                          size_t ncompatible, char *instance, size_t instance_size);

enum drvhost_device_action {
    DRVHOST_DEVICE_REMOVE,  /* orderly removal (QUERY_REMOVE, REMOVE_DEVICE) */
    DRVHOST_DEVICE_UNPLUG,  /* surprise removal (SURPRISE_REMOVAL, REMOVE_DEVICE) */
    DRVHOST_DEVICE_DISABLE, /* orderly removal, the device kept disabled */
    DRVHOST_DEVICE_ENABLE,  /* a disabled (or failed) device started again */
    DRVHOST_DEVICE_RESTART, /* QUERY_STOP, STOP, START */
};
/* One action on a device by instance ID. STATUS_NO_SUCH_DEVICE if there is none; a driver's
 * veto is returned as its status. */
DRVHOST_API int32_t drvhost_device_action(const char *instance, int action);
/* The simulated USB bus (docs/usb.md): plugs in the device the description file describes
 * (hardware ID USB\VID_xxxx&PID_xxxx) and starts it as drvhost_device_create does; a malformed
 * file gives STATUS_INVALID_PARAMETER and "FILE:LINE: problem" in msg. */
DRVHOST_API int32_t drvhost_usb_device_create(const char *path, char *instance,
                                              size_t instance_size, char *msg, size_t msg_size);
/* Data arrives on the device's IN endpoint `address` (0x81-0x8F): it completes the transfers
 * waiting there, or waits for the next ones. */
DRVHOST_API int32_t drvhost_usb_input(const char *instance, unsigned address, const void *data,
                                      size_t size);
/* The simulated 16550 UART behind the port range starting at `port` (a resources word
 * "port:START:8:uart16550"; docs/uart.md). drvhost_uart_input: bytes arrive on its receive line.
 * drvhost_uart_lines: the far end sets the modem-status inputs, DRVHOST_UART_* bits.
 * drvhost_uart_output: takes up to `size` bytes it transmitted (*taken: how many) and, if
 * `setup` is not NULL, the line's set-up: setup[0] the divisor latch, [1] LCR, [2] MCR, [3] IER,
 * [4] FCR. Each returns once the interrupts it raised were serviced (and the DPCs they queued
 * ran); STATUS_NOT_FOUND when no UART starts at that port. */
#define DRVHOST_UART_CTS 0x10u
#define DRVHOST_UART_DSR 0x20u
#define DRVHOST_UART_RI  0x40u
#define DRVHOST_UART_DCD 0x80u
DRVHOST_API int32_t drvhost_uart_input(unsigned port, const void *data, size_t size);
DRVHOST_API int32_t drvhost_uart_lines(unsigned port, unsigned lines);
/* What the device on the wire sends each time the UART raises RTS while DTR is on, as a Plug and
 * Play external COM device sends its ID (size 0: nothing; at most 64 KiB). */
DRVHOST_API int32_t drvhost_uart_answer(unsigned port, const void *data, size_t size);
/* A break arrives on the UART's receive line: a zero character with LSR's break bit. */
DRVHOST_API int32_t drvhost_uart_break(unsigned port);
DRVHOST_API int32_t drvhost_uart_output(unsigned port, void *buffer, size_t size, size_t *taken,
                                        unsigned setup[5]);
/* The simulated PS/2 port (docs/input.md): plugs in a keyboard (mouse 0, hardware ID
 * ACPI\PNP0303) or a mouse (ACPI\PNP0F13), starts it as drvhost_device_create does, then
 * attaches drvhost's class driver on top of its stack and connects it. */
DRVHOST_API int32_t drvhost_ps2_device_create(int mouse, char *instance, size_t instance_size);
/* Input records (KEYBOARD_INPUT_DATA or MOUSE_INPUT_DATA, `size` a multiple of one) arrive at
 * the device's port: each goes through the i8042 isr hook, then to the connected service
 * callback. */
DRVHOST_API int32_t drvhost_ps2_input(const char *instance, const void *data, size_t size);
/* A key of the simulated keyboard held down for `ms` milliseconds (docs/input.md "The device"):
 * KEYBOARD_INPUT_DATA records of make_code, repeated at the device's typematic rate after its
 * delay, then its break, through the port as drvhost_ps2_input's (all at once: virtual time).
 * STATUS_INVALID_DEVICE_REQUEST for a mouse. */
DRVHOST_API int32_t drvhost_ps2_hold(const char *instance, unsigned make_code, unsigned ms);
/* The state of the simulated device (docs/input.md "The device"): DRVHOST_PS2_STATE_SIZE bytes,
 * [0..3] the bytes it was sent (little-endian), [4] its LEDs (bit 0 scroll, 1 num, 2 caps lock),
 * [5] its typematic byte, [6] how many of [8..15] hold bytes, [8..15] the last bytes sent,
 * oldest first. STATUS_NO_SUCH_DEVICE when there is no such PS/2 device. */
#define DRVHOST_PS2_STATE_SIZE 16
DRVHOST_API int32_t drvhost_ps2_state(const char *instance, uint8_t state[DRVHOST_PS2_STATE_SIZE]);

/* Hardware resources (docs/interrupts.md): the devices whose first hardware ID is hardware_id
 * get these from their next START_DEVICE on. spec: words "mem:START:LENGTH",
 * "port:START:LENGTH", "irq:LINE[:latched][:shared]", "i2c:ID", "spi:ID" (a serial bus
 * connection: drvhost_resource_hub_connection) separated by spaces. A bad spec:
 * STATUS_INVALID_PARAMETER (0xC000000D) and the problem in msg (may be NULL). */
DRVHOST_API int32_t drvhost_device_resources(const char *hardware_id, const char *spec, char *msg,
                                             size_t msg_size);
/* The device's index-th interrupt (from 0) fires: its ISRs run on the calling thread at their
 * DIRQL. STATUS_SUCCESS: an ISR claimed it; STATUS_UNSUCCESSFUL (0xC0000001): none did;
 * STATUS_DEVICE_NOT_CONNECTED (0xC000009D): no ISR connected; STATUS_NOT_FOUND (0xC0000225): no
 * such interrupt; STATUS_NO_SUCH_DEVICE (0xC000000E). */
DRVHOST_API int32_t drvhost_device_interrupt(const char *instance, unsigned index);
/* The resource hub (docs/wdf.md, "SPB controllers: SpbCx"): connection `id` leads to the
 * controller device `instance` (opening \Device\RESOURCE_HUB\<id in 16 hex digits> reaches
 * its stack with the ID as the file name), and `data` (the ACPI connection descriptor, such as
 * an I2cSerialBus one) is what its class extension reads as the connection's properties.
 * STATUS_OBJECT_NAME_COLLISION (0xC0000035): the ID is declared; STATUS_NO_SUCH_DEVICE. */
DRVHOST_API int32_t drvhost_resource_hub_connection(uint64_t id, const char *instance,
                                                    const void *data, size_t size);
/* UcmCx (docs/usb.md, "UcmCx"): what the connector driver last reported for connector
 * `connector_id` (its UCM_CONNECTOR_CONFIG.ConnectorId; the first live connector of that ID
 * across the manager devices). Values are UcmCx.h's enums as numbers; a PDO or RDO is its
 * 32-bit value. STATUS_NOT_FOUND (0xC0000225): no such connector. */
typedef struct drvhost_ucm_connector {
    uint32_t attached;      /* 1 between UcmConnectorTypeCAttach and UcmConnectorTypeCDetach */
    uint32_t partner;       /* UCM_TYPEC_PARTNER */
    uint32_t current_ad;    /* UCM_TYPEC_CURRENT */
    uint32_t charging;      /* UCM_CHARGING_STATE */
    uint32_t pd_conn_state; /* UCM_PD_CONN_STATE */
    uint32_t rdo;           /* the contract's request data object */
    uint32_t data_role;     /* UCM_DATA_ROLE (UcmConnectorDataDirectionChanged) */
    uint32_t power_role;    /* UCM_POWER_ROLE (UcmConnectorPowerDirectionChanged) */
    uint32_t data_swap_failed, power_swap_failed; /* the last direction report's !Success */
    uint32_t source_caps_count, partner_caps_count;
    uint32_t source_caps[7], partner_caps[7];
} drvhost_ucm_connector;
DRVHOST_API int32_t drvhost_ucm_connector_query(uint64_t connector_id, drvhost_ucm_connector *out);
/* A role swap asked of the connector, as UcmCx asks when the system wants one: the driver's
 * EVT_UCM_CONNECTOR_SET_DATA_ROLE (role: UCM_DATA_ROLE) or EVT_UCM_CONNECTOR_SET_POWER_ROLE
 * (UCM_POWER_ROLE) runs on the calling thread; its status is returned. STATUS_NOT_FOUND;
 * STATUS_INVALID_DEVICE_STATE (0xC0000184): no partner attached; STATUS_NOT_SUPPORTED
 * (0xC00000BB): the connector has no such callback (or no PD, for a power role);
 * STATUS_INVALID_PARAMETER: not a role the connector supports. */
DRVHOST_API int32_t drvhost_ucm_set_data_role(uint64_t connector_id, uint32_t role);
DRVHOST_API int32_t drvhost_ucm_set_power_role(uint64_t connector_id, uint32_t role);
/* Asks every started bus for its children again (QUERY_DEVICE_RELATIONS/BusRelations). */
DRVHOST_API int32_t drvhost_pnp_rescan(void);
/* Prints the device tree, one line per device (format: docs/pnp.md). */
DRVHOST_API int32_t drvhost_pnp_tree(FILE *out);
/* The system sleep (S3) and wake sequences sent through the tree. */
DRVHOST_API int32_t drvhost_system_sleep(void);
DRVHOST_API int32_t drvhost_system_wake(void);
/* Opens the index-th (from 0) enabled device interface of a class ("{guid}"). */
DRVHOST_API int32_t drvhost_open_interface(const char *guid, unsigned index, uint32_t access,
                                           drvhost_file **file);

/* ---- tracing (docs/tracing.md) ----------------------------------------------------------- */

/* Enables a driver's WPP tracing: "DRIVER:LEVEL:FLAGS" (LEVEL a TRACE_LEVEL_ name without the
 * prefix or a number, FLAGS WPP_DEFINE_BIT names joined by '|' or a mask, "all"). May be
 * called before drvhost_init; kept until drvhost_shutdown. Returns 0, or -1 with a message in
 * err. */
DRVHOST_API int drvhost_trace_set(const char *spec, char *err, size_t errsize);
/* Trace lines go to this file (created or truncated) instead of stderr; NULL: stderr again.
 * DbgPrint output goes there too while it is set. Returns 0, or -1 if it cannot be opened. */
DRVHOST_API int drvhost_trace_file(const char *path);
/* Writes a driver's in-flight recorder logs (service name), oldest entry first, as the
 * debugger's !wdflogdump does. Returns the entry count, or -1 if the driver has none. */
DRVHOST_API int drvhost_recorder_dump(const char *driver, FILE *out);

/* ---- scenarios -------------------------------------------------------------------------- */

/* Runs a scenario file (see docs/scenario.md). Returns a DRVHOST_EXIT_* status. Output (one
 * line per command) goes to out, errors to err. */
DRVHOST_API int drvhost_run_scenario(const char *path, FILE *out, FILE *err);
/* Runs a scenario as `drvhost run` does: drvhost_run_scenario, then drvhost_shutdown as the last
 * part of the scenario's end (it unloads the drivers still loaded). A bug check there is the
 * scenario's: an `expect-bugcheck ... at-end` sees it. The shutdown's result is in the status
 * (leaks: 1, the registry file not saved: 5). The runtime is shut down when it returns, even
 * for a scenario that cannot be read or parsed. */
DRVHOST_API int drvhost_run_scenario_and_shutdown(const char *path, FILE *out, FILE *err);

#ifdef __cplusplus
}
#endif

#endif
