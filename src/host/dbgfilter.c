/*
 * dbgfilter.c - the DbgPrint filter masks from the registry, as Windows sets them at boot from
 * HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Debug Print Filter: one REG_DWORD value
 * per component name ("IHVDRIVER", "DEFAULT", ...) and "WIN2000" for the system-wide mask.
 *
 * Deviation: Windows reads the key once, at boot; drvhost's registry is filled after boot (a
 * registry file, `reg import`, drvhost_reg_set), so the key is read before each driver load,
 * and a value there replaces what DbgSetDebugFilterState set for that component. Values of
 * another type or size, and names that are no component, are ignored, as Windows does.
 */
#include <stdio.h>
#include <strings.h>

#include "host/host.h"

#include "cm/cm.h"
#include "rtl/rtl.h"

#define FILTER_KEY                                                                                 \
    "\\Registry\\Machine\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Debug Print Filter"

static int debug_print_all;

void host_dbg_filter_init(int mode)
{
    debug_print_all = mode == DRVHOST_DEBUG_PRINT_ALL;
    rtl_dbg_set_filter(RTL_DBG_ALL_COMPONENTS, debug_print_all ? 0xFFFFFFFFu : 0);
    rtl_dbg_set_filter(RTL_DBG_WIN2000, debug_print_all ? 0xFFFFFFFFu : 0x1);
}

/* One value of the filter key: a component's mask (or WIN2000's). */
static void filter_value(const char *name, ULONG mask, void *ctx)
{
    ULONG id = rtl_dbg_component_id(name);
    (void)ctx;
    if (id != RTL_DBG_ALL_COMPONENTS)
        rtl_dbg_set_filter(id, mask);
}

struct param_query {
    const char *name;
    ULONG *value;
    int found;
};

static void param_value(const char *name, ULONG value, void *ctx)
{
    struct param_query *q = ctx;
    if (strcasecmp(name, q->name) == 0) {
        *q->value = value;
        q->found = 1;
    }
}

/* The trace layer's reader of a service's Parameters values (trace_set_param_reader): the
 * in-flight recorder's VerboseOn. Value names are matched without case, as the registry's. */
int host_service_param_dword(const char *service, const char *name, ULONG *value)
{
    char path[256];
    struct param_query q = {name, value, 0};
    int n = snprintf(path, sizeof(path),
                     "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\%s\\Parameters",
                     service);
    if (n < 0 || (size_t)n >= sizeof(path))
        return -1;
    if (!NT_SUCCESS(cm_key_dword_values(path, param_value, &q)))
        return -1;
    return q.found ? 0 : -1;
}

void host_dbg_filter_from_registry(void)
{
    /* No key: the masks stay as they are. */
    if (!debug_print_all)
        (void)cm_key_dword_values(FILTER_KEY, filter_value, NULL);
}
