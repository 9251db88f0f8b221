/*
 * reserved.c - framework routines whose reference pages say they are not implemented, reserved
 * for internal use, or tied to a facility drvhost has not: each does exactly what its page
 * documents, and where the page names no result, drvhost's choice is written here and in
 * docs/wdf.md ("Reserved and internal routines").
 *
 *   WdfObjectQuery                  "is not implemented": STATUS_NOT_IMPLEMENTED
 *   WdfDriverRegisterTraceInfo      "reserved for internal use only": STATUS_NOT_IMPLEMENTED
 *   WdfWmiProviderGetTracingHandle  the provider's WPP tracing handle: 0, since drvhost refuses
 *                                   WdfWmiProviderTracing providers (wmi.c)
 *   WdfDriverErrorReportApiMissing  "for internal use only": the framework's report that a
 *                                   client called an API its framework extension does not
 *                                   have, i.e. drvhost's report of an unimplemented routine
 *                                   (0x10D/0x1000, as bind.c's stand-ins)
 *
 * Every handle is validated first (a bad one is WDF_VIOLATION 0x10D/0x5 as everywhere).
 */
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

/* The page names no return value and no effect; nothing is written to QueryBuffer. */
NTSTATUS imp_WdfObjectQuery(PWDF_DRIVER_GLOBALS globals, WDFOBJECT Object, CONST GUID *Guid,
                            ULONG QueryBufferLength, PVOID QueryBuffer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    (void)Guid, (void)QueryBufferLength, (void)QueryBuffer;
    wdf_object_get_in(g, Object, 0, "WdfObjectQuery", __builtin_return_address(0));
    rtl_diag(RTL_DIAG_WARN, "wdf",
             "driver '%s': WdfObjectQuery is not implemented (Microsoft's reference page says "
             "so): STATUS_NOT_IMPLEMENTED",
             g->pub.DriverName);
    return STATUS_NOT_IMPLEMENTED;
}

/* The callback is never called; the driver object is not a framework handle (not validated
 * beyond NULL). */
NTSTATUS imp_WdfDriverRegisterTraceInfo(PWDF_DRIVER_GLOBALS globals, PDRIVER_OBJECT DriverObject,
                                        PVOID EvtTraceCallback, PVOID ControlBlock)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    (void)EvtTraceCallback, (void)ControlBlock;
    if (DriverObject == NULL)
        wdf_violation_null(g, "WdfDriverRegisterTraceInfo", "DriverObject",
                           __builtin_return_address(0));
    rtl_diag(RTL_DIAG_WARN, "wdf",
             "driver '%s': WdfDriverRegisterTraceInfo is reserved for the framework's internal "
             "use (Microsoft): STATUS_NOT_IMPLEMENTED",
             g->pub.DriverName);
    return STATUS_NOT_IMPLEMENTED;
}

/* Microsoft: a tracing handle exists for a provider created with WdfWmiProviderTracing once an
 * instance registered; drvhost's WdfWmiProviderCreate refuses that flag (STATUS_NOT_SUPPORTED),
 * so every provider is one without a tracing session: 0. */
ULONGLONG imp_WdfWmiProviderGetTracingHandle(PWDF_DRIVER_GLOBALS globals,
                                             WDFWMIPROVIDER WmiProvider)
{
    wdf_object_get_in(wdf_globals_of(globals), WmiProvider, WDF_TYPE_WMIPROVIDER,
                      "WdfWmiProviderGetTracingHandle", __builtin_return_address(0));
    return 0;
}

/* A framework extension's stub calls this when its client uses an API index the extension
 * does not have: the bug check drvhost raises for any routine it does not provide, with
 * parameter 2 the index, 3 the caller, 4 whether the API returns an NTSTATUS. */
NTSTATUS imp_WdfDriverErrorReportApiMissing(PWDF_DRIVER_GLOBALS globals, WDFDRIVER Driver,
                                            PCWSTR FrameworkExtensionName, ULONG ApiIndex,
                                            BOOLEAN DoesApiReturnNtstatus)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    const void *caller = __builtin_return_address(0);
    char name[64];
    size_t i = 0;
    wdf_object_get_in(g, Driver, WDF_TYPE_DRIVER, "WdfDriverErrorReportApiMissing", caller);
    for (; FrameworkExtensionName != NULL && FrameworkExtensionName[i] != 0 && i < sizeof(name) - 1;
         i++)
        name[i] = FrameworkExtensionName[i] < 0x80 ? (char)FrameworkExtensionName[i] : '?';
    name[i] = '\0';
    wdf_violation(g, VF_10D_NOT_PROVIDED, ApiIndex, (ULONG_PTR)caller, DoesApiReturnNtstatus,
                  "driver '%s' called API %lu of framework extension '%s', which the extension "
                  "does not provide (WdfDriverErrorReportApiMissing)",
                  g->pub.DriverName, (unsigned long)ApiIndex, name);
}
