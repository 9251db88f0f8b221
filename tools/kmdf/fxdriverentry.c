/*
 * fxdriverentry.c - the entry point of every framework driver module, in the role of the WDK's
 * WdfDriverEntry.lib: `drvcc --kmdf` (and drvhost_add_driver(... KMDF)) links this object into
 * the module, and the loader calls FxDriverEntry instead of DriverEntry when a module has it.
 *
 * FxDriverEntry binds the module to the framework in libdrvhost.so (WdfVersionBind: version
 * check, this module's own WDF_DRIVER_GLOBALS, the function table), then calls the driver's
 * DriverEntry. The framework's DriverUnload (installed by WdfDriverCreate) is displaced by
 * fx_driver_unload, which calls it (EvtDriverUnload, the driver's objects deleted) and then
 * unbinds. Each module has its own copy of this object, hence its own globals.
 *
 * Built once (at KMDF 1.33) for every KMDF version: the version the module's own sources were
 * built for is WdfDrvhostKmdfMinor (defined by wdfglobals.h in each of them), and the module
 * binds with that version's function table (WDF_FUNCTION_TABLE_COUNT).
 *
 * Compiled with the driver profile: it is driver code, and sees only the public headers.
 */
#include <ntddk.h>
#define WDF_DRVHOST_ENTRY_POINT /* WdfDrvhostKmdfMinor is the driver sources' */
#include <wdf.h>
#include <wdfldr.h>

extern const ULONG WdfDrvhostKmdfMinor __attribute__((visibility("hidden")));

PWDF_DRIVER_GLOBALS WdfDriverGlobals;
const WDFFUNC *WdfFunctions_01033;

static WDF_BIND_INFO fx_bind_info = {sizeof(WDF_BIND_INFO),
                                     (PWCHAR)L"KmdfLibrary",
                                     {KMDF_VERSION_MAJOR, 0, 0}, /* Minor: at bind */
                                     0,                          /* FuncCount: at bind */
                                     &WdfFunctions_01033,
                                     NULL};
static PDRIVER_UNLOAD fx_displaced_unload;

DRIVER_INITIALIZE DriverEntry;
DRIVER_INITIALIZE FxDriverEntry;

static VOID fx_driver_unload(PDRIVER_OBJECT DriverObject)
{
    if (fx_displaced_unload != NULL)
        fx_displaced_unload(DriverObject);
    WdfVersionUnbind(NULL, &fx_bind_info, WdfDriverGlobals);
    WdfDriverGlobals = NULL;
}

NTSTATUS FxDriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    fx_bind_info.Version.Minor = WdfDrvhostKmdfMinor;
    fx_bind_info.FuncCount = WDF_FUNCTION_TABLE_COUNT(WdfDrvhostKmdfMinor);
    status = WdfVersionBind(DriverObject, RegistryPath, &fx_bind_info, &WdfDriverGlobals);
    if (!NT_SUCCESS(status))
        return status;
    status = DriverEntry(DriverObject, RegistryPath);
    if (!NT_SUCCESS(status)) {
        /* EvtDriverUnload is not called when DriverEntry fails (Microsoft: EvtDriverUnload);
         * unbinding deletes what the driver created. */
        WdfVersionUnbind(RegistryPath, &fx_bind_info, WdfDriverGlobals);
        WdfDriverGlobals = NULL;
        return status;
    }
    if (DriverObject->DriverUnload != NULL) {
        fx_displaced_unload = DriverObject->DriverUnload;
        DriverObject->DriverUnload = fx_driver_unload;
    }
    return status;
}
