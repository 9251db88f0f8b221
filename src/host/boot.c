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
#include "rtl/rtl.h"

#include <stdio.h>

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
    rtl_dbg_set_quiet(options->quiet);
    /* Deviation: Windows filters DbgPrint and KdPrint output below the error level unless the
     * Debug Print Filter key enables it; a developer running a driver here wants to see it, so
     * every component starts enabled (drvhost_options.quiet silences everything). */
    rtl_dbg_set_filter(RTL_DBG_ALL_COMPONENTS, 0xFFFFFFFF);
    status = ke_init(options->processors);
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
    booted = NT_SUCCESS(status);
    return status;
}

int32_t drvhost_shutdown(void)
{
    size_t leaks = 0;
    NTSTATUS saved;
    if (!booted)
        return STATUS_UNSUCCESSFUL;
    host_close_all();
    ldr_shutdown();
    KeFlushQueuedDpcs();
    ex_flush_work();
    io_shutdown();
    leaks += ob_shutdown();
    saved = cm_shutdown();
    leaks += ex_pool_report_leaks(NULL, "drvhost");
    ex_shutdown();
    ke_shutdown();
    booted = FALSE;
    if (!NT_SUCCESS(saved))
        return STATUS_REGISTRY_IO_FAILED; /* takes precedence: the leak report is on stderr */
    return leaks ? STATUS_UNSUCCESSFUL : STATUS_SUCCESS;
}

int32_t drvhost_service_add(const char *service, const char *image_path)
{
    return cm_service_create(service, image_path);
}

int32_t drvhost_driver_load(const char *service)
{
    return ldr_load(service);
}

int32_t drvhost_driver_unload(const char *service)
{
    return ldr_unload(service);
}
