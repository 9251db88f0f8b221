/*
 * bind.c - binding a framework driver module to the framework (WdfVersionBind and
 * WdfVersionUnbind, called by the module's FxDriverEntry, tools/kmdf/fxdriverentry.c), the
 * per-module globals, and the function table.
 *
 * The table has one entry per WDFFUNCENUM index (functions.def). An entry is the routine
 * imp_WdfXxx when a file of src/wdf defines it; otherwise it is a weak stand-in that raises
 * WDF_VIOLATION naming the routine, so nothing unimplemented pretends to work.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cm/cm.h"
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_GLOBALS_MAGIC 0x6c626c67u /* 'glbl' */

static const char *const wdf_function_names[] = {
#define WDF_FUNCTION(name) #name,
#include "wdf/functions.def"
#undef WDF_FUNCTION
};
_Static_assert(sizeof(wdf_function_names) / sizeof(wdf_function_names[0]) ==
                   WdfFunctionTableNumEntries_01033,
               "functions.def and WDFFUNCENUM list the same routines");

__attribute__((noreturn, noinline)) static void wdf_not_provided(PWDF_DRIVER_GLOBALS globals,
                                                                 ULONG index, const void *caller)
{
    wdf_violation(globals != NULL ? wdf_globals_of(globals) : NULL, VF_10D_NOT_PROVIDED, index,
                  (ULONG_PTR)caller, 0,
                  "driver '%s' called %s (framework function %lu), which drvhost does not "
                  "implement yet (docs/wdf.md lists what it does)",
                  globals != NULL ? globals->DriverName : "?", wdf_function_names[index],
                  (unsigned long)index);
}

/* Each routine's stand-in, and imp_<routine> as its weak alias: a definition in another file
 * of the framework replaces it. */
#define WDF_FUNCTION(name)                                                                         \
    void wdf_stub_##name(PWDF_DRIVER_GLOBALS globals);                                             \
    void wdf_stub_##name(PWDF_DRIVER_GLOBALS globals)                                              \
    {                                                                                              \
        wdf_not_provided(globals, name##TableIndex, __builtin_return_address(0));                  \
    }                                                                                              \
    extern void imp_##name(PWDF_DRIVER_GLOBALS globals)                                            \
        __attribute__((weak, alias("wdf_stub_" #name)));
#include "wdf/functions.def"
#undef WDF_FUNCTION

static const WDFFUNC wdf_function_table[WdfFunctionTableNumEntries_01033] = {
#define WDF_FUNCTION(name) [name##TableIndex] = (WDFFUNC)imp_##name,
#include "wdf/functions.def"
#undef WDF_FUNCTION
};

/* Every bound module's globals; under wdf_tree_lock. */
static struct wdf_globals *wdf_bound;

ULONG wdf_versioned_size(struct wdf_globals *g, ULONG size, ULONG since, ULONG older)
{
    return g->kmdf_minor >= since ? size : older;
}

struct wdf_globals *wdf_globals_find(PDRIVER_OBJECT driver_object)
{
    struct wdf_globals *g;
    os_mutex_lock(&wdf_tree_lock);
    for (g = wdf_bound; g != NULL && g->driver_object != driver_object; g = g->next)
        ;
    os_mutex_unlock(&wdf_tree_lock);
    return g;
}

/* DriverName: the service name, the last component of the registry path, in ASCII. */
static void wdf_set_name(struct wdf_globals *g, PCUNICODE_STRING registry_path)
{
    USHORT n = registry_path != NULL ? registry_path->Length / sizeof(WCHAR) : 0, start = n, i;
    while (start > 0 && registry_path->Buffer[start - 1] != L'\\')
        start--;
    for (i = 0; start + i < n && i < WDF_DRIVER_GLOBALS_NAME_LEN - 1; i++) {
        WCHAR c = registry_path->Buffer[start + i];
        g->pub.DriverName[i] = c < 0x80 ? (CHAR)c : '?';
    }
    g->pub.DriverName[i] = '\0';
}

struct wdf_param_query {
    const char *name;
    ULONG value;
};

static void wdf_param_value(const char *name, ULONG value, void *ctx)
{
    struct wdf_param_query *q = ctx;
    if (strcasecmp(name, q->name) == 0) /* value names are matched without case */
        q->value = value;
}

/* VerboseOn (REG_DWORD) under the service's Parameters\Wdf key, nonzero: the framework's event
 * logger records additional information (Microsoft: "Registry Values for Debugging WDF
 * Drivers"). Read once, at binding, as the framework reads its settings when a driver loads. */
static BOOLEAN wdf_read_ifr_verbose(PCUNICODE_STRING registry_path)
{
    static const char sub[] = "\\Parameters\\Wdf";
    struct wdf_param_query q = {"VerboseOn", 0};
    char path[3 * 256 + sizeof(sub)];
    size_t n = registry_path != NULL ? registry_path->Length / sizeof(WCHAR) : 0, len;
    if (n == 0 || n > 256 || !rtl_utf16_to_utf8(registry_path->Buffer, n, path, &len))
        return FALSE;
    memcpy(path + len, sub, sizeof(sub));
    return NT_SUCCESS(cm_key_dword_values(path, wdf_param_value, &q)) && q.value != 0;
}

static NTSTATUS wdf_check_bind_info(PWDF_BIND_INFO info)
{
    if (info == NULL || info->Size != sizeof(WDF_BIND_INFO) || info->FuncTable == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "WdfVersionBind: malformed WDF_BIND_INFO");
        return STATUS_INVALID_PARAMETER;
    }
    /* KMDF 1.9 to 1.33: the table of 1.N is a prefix of 1.33's (wdffuncenum.h). */
    if (info->Version.Major != 1 || info->Version.Minor < 9 || info->Version.Minor > 33 ||
        info->FuncCount != WDF_FUNCTION_TABLE_COUNT(info->Version.Minor)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "WdfVersionBind: the module was built for KMDF %lu.%lu with %lu framework "
                 "functions; drvhost's framework binds KMDF 1.9 to 1.33, 1.%lu with %u",
                 (unsigned long)info->Version.Major, (unsigned long)info->Version.Minor,
                 (unsigned long)info->FuncCount, (unsigned long)info->Version.Minor,
                 info->Version.Minor >= 9 && info->Version.Minor <= 33
                     ? WDF_FUNCTION_TABLE_COUNT(info->Version.Minor)
                     : 0u);
        return STATUS_REVISION_MISMATCH;
    }
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI WdfVersionBind(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                                          PWDF_BIND_INFO BindInfo, PWDF_DRIVER_GLOBALS *Globals)
{
    struct wdf_globals *g;
    NTSTATUS status = wdf_check_bind_info(BindInfo);
    if (!NT_SUCCESS(status))
        return status;
    if (DriverObject == NULL || Globals == NULL)
        return STATUS_INVALID_PARAMETER;
    g = calloc(1, sizeof(*g));
    if (g == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g->magic = WDF_GLOBALS_MAGIC;
    g->driver_object = DriverObject;
    g->recorder = trace_recorder_of(DriverObject);
    g->ifr_verbose = wdf_read_ifr_verbose(RegistryPath);
    g->kmdf_minor = BindInfo->Version.Minor;
    wdf_set_name(g, RegistryPath);
    os_mutex_lock(&wdf_tree_lock);
    g->next = wdf_bound;
    wdf_bound = g;
    os_mutex_unlock(&wdf_tree_lock);
    *BindInfo->FuncTable = wdf_function_table;
    *Globals = &g->pub;
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI WdfVersionUnbind(PUNICODE_STRING RegistryPath, PWDF_BIND_INFO BindInfo,
                                            PWDF_DRIVER_GLOBALS Globals)
{
    struct wdf_globals *g, **pp;
    (void)RegistryPath;
    if (Globals == NULL)
        return STATUS_INVALID_PARAMETER;
    g = wdf_globals_of(Globals);
    if (g->magic != WDF_GLOBALS_MAGIC)
        return STATUS_INVALID_PARAMETER;
    wdf_driver_unbind(g); /* what the driver still has goes now */
    os_mutex_lock(&wdf_tree_lock);
    for (pp = &wdf_bound; *pp != NULL && *pp != g; pp = &(*pp)->next)
        ;
    if (*pp == g)
        *pp = g->next;
    os_mutex_unlock(&wdf_tree_lock);
    g->magic = 0;
    free(g);
    if (BindInfo != NULL && BindInfo->FuncTable != NULL)
        *BindInfo->FuncTable = NULL;
    return STATUS_SUCCESS;
}
