/*
 * verifier.c - the framework verifier's routines a driver calls itself (wdfverifier.h):
 * WdfVerifierDbgBreakPoint and WdfVerifierKeBugCheck.
 */
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

/* Microsoft: breaks into a kernel debugger, if a debugger is running. drvhost has no kernel
 * debugger, so the break is reported (driver and caller) and the driver continues. */
VOID imp_WdfVerifierDbgBreakPoint(PWDF_DRIVER_GLOBALS globals)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    rtl_diag(RTL_DIAG_WARN, "wdf",
             "driver '%s': WdfVerifierDbgBreakPoint at %p: no kernel debugger is running, "
             "so the driver continues",
             g->pub.DriverName, __builtin_return_address(0));
}

/* Any IRQL: the bug check the driver names, with its four parameters. */
VOID imp_WdfVerifierKeBugCheck(PWDF_DRIVER_GLOBALS globals, ULONG BugCheckCode,
                               ULONG_PTR BugCheckParameter1, ULONG_PTR BugCheckParameter2,
                               ULONG_PTR BugCheckParameter3, ULONG_PTR BugCheckParameter4)
{
    (void)wdf_globals_of(globals);
    KeBugCheckEx(BugCheckCode, BugCheckParameter1, BugCheckParameter2, BugCheckParameter3,
                 BugCheckParameter4);
}
