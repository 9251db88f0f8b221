/*
 * wdfglobals.h - WDF_DRIVER_GLOBALS, one per bound driver module, and the two variables every
 * framework driver module holds (defined by the entry-point object `drvcc --kmdf` links in):
 * WdfDriverGlobals, passed first to every framework routine, and WdfFunctions, the table.
 */
#ifndef _WDFGLOBALS_H_
#define _WDFGLOBALS_H_

#define WDF_DRIVER_GLOBALS_NAME_LEN (32)

typedef struct _WDF_DRIVER_GLOBALS {
    WDFDRIVER Driver; /* the WDFDRIVER, once WdfDriverCreate succeeded */
    ULONG DriverFlags;
    ULONG DriverTag;
    CHAR DriverName[WDF_DRIVER_GLOBALS_NAME_LEN];
    BOOLEAN DisplaceDriverUnload;
} WDF_DRIVER_GLOBALS, *PWDF_DRIVER_GLOBALS;

C_ASSERT(FIELD_OFFSET(WDF_DRIVER_GLOBALS, DriverFlags) == 8);
C_ASSERT(FIELD_OFFSET(WDF_DRIVER_GLOBALS, DriverName) == 16);
C_ASSERT(sizeof(WDF_DRIVER_GLOBALS) == 56);

/* Defined in each driver module (the entry-point object); the runtime never calls a wrapper. */
extern PWDF_DRIVER_GLOBALS WdfDriverGlobals;
extern const WDFFUNC *WdfFunctions_01033;
#define WdfFunctions WdfFunctions_01033

/* C++ gives a namespace-scope const internal linkage unless it is declared extern, and a weak
 * (selectany) object must have external linkage: the framework's one-per-module objects are
 * `extern const` in C++ (in C, an initialised extern is a warning, and needless). */
#ifdef __cplusplus
#define WDF_DRVHOST_CXX_EXTERN extern
#else
#define WDF_DRVHOST_CXX_EXTERN
#endif

/* drvhost's binding: the KMDF minor version the module's sources were built for, which its
 * entry point (FxDriverEntry, built once) reads to bind with that version's function table.
 * Weak, so every source file of a module may define it; hidden, so each module reads its own. */
#ifndef WDF_DRVHOST_ENTRY_POINT
WDF_DRVHOST_CXX_EXTERN __attribute__((weak, visibility("hidden"))) const ULONG WdfDrvhostKmdfMinor =
    KMDF_VERSION_MINOR;
#endif

#endif
