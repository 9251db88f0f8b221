/* host.h - the host layer's internal header: boot state shared by its files. */
#ifndef DRVHOST_HOST_H
#define DRVHOST_HOST_H

#include <wdm.h>

#include <drvhost/drvhost.h>

#include <stdint.h>
#include <stdio.h>

/* True between drvhost_init and drvhost_shutdown. */
BOOLEAN host_booted(void);
/* Waits until the PnP manager has done the work drivers queued (after each scenario command,
 * so that the children a bus reported exist before the next command runs). */
void host_pnp_settle(void);
/* Waits until the DPCs and work items queued so far, and those they queue in turn, have run,
 * and the PnP manager is idle (the scenario's `settle`: a driver's deferred work is done). */
void host_settle(void);
/* drvhost_service_add with a relative image looked up in base_dir first (a scenario's folder). */
NTSTATUS host_service_add(const char *service, const char *image_path, const char *base_dir);
/* Closes every handle the host still has open (at shutdown). */
void host_close_all(void);

/* ---- DbgPrint filter masks (dbgfilter.c) ------------------------------------------------ */

/* At boot: Windows' default masks (DRVHOST_DEBUG_PRINT_FILTERED), or every mask open and the
 * registry never read (DRVHOST_DEBUG_PRINT_ALL). */
void host_dbg_filter_init(int mode);
/* Before a driver load: the masks the Debug Print Filter key sets. */
void host_dbg_filter_from_registry(void);
/* A REG_DWORD of a service's Parameters key, for the trace layer (trace_param_reader). */
int host_service_param_dword(const char *service, const char *name, ULONG *value);

/* ---- reports (client.c) ---------------------------------------------------------------- */

/* "\Device\X (driver \Driver\y)": where requests on the handle go. */
void host_file_describe(drvhost_file *f, char *buf, size_t size);
/* "IRP_MJ_READ" ... for an enum drvhost_op. */
const char *host_op_major_name(int op);
/* The state of a request whose dispatch routine returned: pending or completed, cancel routine. */
void host_request_state(drvhost_request *r, char *buf, size_t size);

/* ---- the watchdog (watch.c) ------------------------------------------------------------- */

/* What the host is doing: a scenario command, or a phase of shutdown. The owner keeps it alive
 * between host_watch_begin and host_watch_end; the watchdog reads it under its lock. */
struct host_activity {
    const char *file; /* the scenario, or NULL */
    unsigned line;
    const char *text;         /* the command as written, or what is being done */
    drvhost_file *handle;     /* an I/O command's handle, or NULL */
    int op;                   /* enum drvhost_op of an I/O command, or -1 */
    uint32_t code;            /* its control code */
    drvhost_request *request; /* once the dispatch routine returned STATUS_PENDING */
    uint64_t start_ns;        /* set by host_watch_begin */
    uint32_t timeout_ms;      /* 0: never a hang */
};

/* Starts the watchdog thread: activities that outlive their time-out end the process with the
 * hang report (DRVHOST_EXIT_HANG); with catch_signals, SIGINT and SIGTERM (blocked by the caller
 * in every thread) end it with the report of what was outstanding, after saving the registry. */
NTSTATUS host_watch_start(uint32_t default_timeout_ms, int catch_signals);
void host_watch_stop(void);
/* The run's time-out (--timeout): 0 when there is no watchdog. */
uint32_t host_watch_default_timeout(void);
void host_watch_begin(struct host_activity *a);
/* The running I/O command's dispatch routine returned STATUS_PENDING. */
void host_watch_pending(drvhost_request *r);
void host_watch_end(void);
/* Prints the requests still outstanding besides the current one (the scenario runner's async
 * requests) into the reports. The callback runs on the watchdog thread. */
void host_watch_set_outstanding(void (*fn)(void *context, FILE *to), void *context);

/* A scenario's device path: `@INSTANCE` becomes the NT name of that device instance's PDO
 * (opening it reaches the top of its stack); any other text is copied. *out is malloc'ed;
 * STATUS_NO_SUCH_DEVICE for an unknown instance (pnp_api.c). */
int32_t host_device_path(const char *text, char **out);

#endif
