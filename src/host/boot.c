/*
 * boot.c - drvhost_init and drvhost_shutdown: the layers start bottom-up and stop top-down,
 * and the service and driver calls of the embedding API.
 */
#include "host/host.h"

#include "cm/cm.h"
#include "ex/ex.h"
#include "io/io.h"
#include "ke/ke.h"
#include "ldr/ldr.h"
#include "ob/ob.h"
#include "pnp/pnp.h"
#include "po/po.h"
#include "rtl/rtl.h"
#include "usb/usb.h"
#include "input/input.h"
#include "se/se.h"
#include "wsk/wsk.h"

#include "os/os.h"
#include "trace/trace.h"

#include <stdio.h>
#include <stdlib.h>

static BOOLEAN booted;

BOOLEAN host_booted(void)
{
    return booted;
}

int32_t drvhost_init(const drvhost_options *options)
{
    drvhost_options defaults = {0};
    NTSTATUS status;
    if (booted)
        return STATUS_UNSUCCESSFUL;
    if (options == NULL)
        options = &defaults;
    if (!os_inject_from_env()) /* tests only (os.h); the message is on stderr */
        return STATUS_INVALID_PARAMETER;
    /* First: a file root that cannot be used fails the boot before anything started. */
    status = io_files_init(options->file_root);
    if (!NT_SUCCESS(status))
        return status;
    /* Before any runtime thread exists, so that every thread inherits the mask. */
    if (options->catch_signals)
        os_block_termination_signals();
    rtl_dbg_set_quiet(options->quiet);
    rtl_diag_set_quiet(options->quiet);
    host_dbg_filter_init(options->debug_print);
    status = ke_init(options->processors);
    if (NT_SUCCESS(status)) {
        trace_init();
        trace_set_param_reader(host_service_param_dword);
    }
    if (NT_SUCCESS(status))
        status = ex_init();
    if (NT_SUCCESS(status))
        status = ob_init();
    if (NT_SUCCESS(status))
        status = cm_init();
    if (NT_SUCCESS(status))
        status = io_init();
    if (NT_SUCCESS(status))
        status = ldr_init();
    if (NT_SUCCESS(status))
        status = pnp_init();
    if (NT_SUCCESS(status))
        status = po_init();
    if (NT_SUCCESS(status))
        status = host_watch_start(options->timeout_ms, options->catch_signals);
    booted = NT_SUCCESS(status);
    return status;
}

int32_t drvhost_shutdown(void)
{
    size_t leaks = 0;
    NTSTATUS saved;
    struct host_activity unloading = {.text = "shutdown: closing handles and unloading drivers",
                                      .op = -1,
                                      .timeout_ms = host_watch_default_timeout()};
    if (!booted)
        return STATUS_UNSUCCESSFUL;
    host_watch_begin(&unloading);
    host_close_all();
    io_shutdown_notify(); /* gkmdf: IRP_MJ_SHUTDOWN, before the power manager's shutdown */
    po_shutdown();
    leaks += pnp_shutdown(); /* every device removed before the drivers unload */
    usb_shutdown();          /* the simulated USB devices, after their PDOs were removed */
    input_shutdown();        /* the simulated PS/2 devices and the class drivers, likewise */
    leaks += ldr_shutdown(); /* devices left at unload; leaked pool was bug check 0xC4 */
    wsk_shutdown();          /* the WSK poll thread, once no driver is left to own a socket */
    host_watch_end();
    KeFlushQueuedDpcs();
    ex_flush_work();
    io_shutdown();
    leaks += ob_shutdown();
    io_files_shutdown(); /* after every file handle was closed */
    saved = cm_shutdown();
    leaks += ex_pool_report_leaks(NULL, "drvhost");
    ex_shutdown();
    host_watch_stop();
    se_identity_reset();
    ke_debugger_set(DRVHOST_DEBUGGER_NONE);
    trace_shutdown();
    ke_shutdown();
    ke_bugcheck_settle(); /* a bug check under way is never lost to the host's exit */
    booted = FALSE;
    if (!NT_SUCCESS(saved))
        return STATUS_REGISTRY_IO_FAILED; /* takes precedence: the leak report is on stderr */
    return leaks ? STATUS_UNSUCCESSFUL : STATUS_SUCCESS;
}

/* The image must exist now, so that a scenario reports a wrong name on the `service` line. The
 * service key keeps the absolute path, so later loads do not depend on the current folder. */
NTSTATUS host_service_add(const char *service, const char *image_path, const char *base_dir)
{
    char *resolved = NULL, *absolute;
    NTSTATUS status;
    if (service == NULL || image_path == NULL)
        return STATUS_INVALID_PARAMETER;
    status = ldr_resolve_image(service, image_path, base_dir, &resolved);
    if (!NT_SUCCESS(status))
        return status;
    absolute = os_path_absolute(resolved);
    free(resolved);
    if (absolute == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = cm_service_create(service, absolute);
    free(absolute);
    return status;
}

int32_t drvhost_service_add(const char *service, const char *image_path)
{
    return host_service_add(service, image_path, NULL);
}

int32_t drvhost_service_add_at(const char *service, const char *image_path, const char *base_dir)
{
    return host_service_add(service, image_path, base_dir);
}

int32_t drvhost_driver_load(const char *service)
{
    host_dbg_filter_from_registry();
    return ldr_load(service);
}

int32_t drvhost_driver_unload(const char *service)
{
    return ldr_unload(service);
}

const char *drvhost_version(void)
{
    return DRVHOST_VERSION_STRING;
}
