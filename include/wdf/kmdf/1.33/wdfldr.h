/*
 * wdfldr.h - binding a framework driver module to the framework: what the entry-point object
 * that `drvcc --kmdf` links into a module (FxDriverEntry) calls in libdrvhost.so, in the role
 * of the real framework loader's WdfVersionBind / WdfVersionUnbind. Not for driver code.
 *
 * drvhost's own layout (Microsoft does not document WDF_BIND_INFO): the module states the
 * framework version it was built for and the size of the function table it expects; the
 * framework checks both, gives the module its own WDF_DRIVER_GLOBALS and the table.
 */
#ifndef _WDFLDR_H_
#define _WDFLDR_H_

typedef struct _WDF_VERSION {
    ULONG Major;
    ULONG Minor;
    ULONG Build;
} WDF_VERSION;

typedef struct _WDF_BIND_INFO {
    ULONG Size;                /* sizeof(WDF_BIND_INFO) */
    PWCHAR Component;          /* L"KmdfLibrary" */
    WDF_VERSION Version;       /* KMDF_VERSION_MAJOR, KMDF_VERSION_MINOR, 0 */
    ULONG FuncCount;           /* WdfFunctionTableNumEntries of the driver's headers */
    const WDFFUNC **FuncTable; /* filled by WdfVersionBind: where the module's WdfFunctions is */
    PVOID Module;              /* reserved */
} WDF_BIND_INFO, *PWDF_BIND_INFO;

NTKERNELAPI NTSTATUS NTAPI WdfVersionBind(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                                          PWDF_BIND_INFO BindInfo, PWDF_DRIVER_GLOBALS *Globals);
NTKERNELAPI NTSTATUS NTAPI WdfVersionUnbind(PUNICODE_STRING RegistryPath, PWDF_BIND_INFO BindInfo,
                                            PWDF_DRIVER_GLOBALS Globals);

#endif
