/*
 * wdfverifier.h - the framework verifier's routines a driver calls itself:
 * WdfVerifierDbgBreakPoint, WdfVerifierKeBugCheck and (KMDF 1.11) WdfGetTriageInfo.
 */
#ifndef _WDFVERIFIER_H_
#define _WDFVERIFIER_H_

typedef VOID (*PFN_WDFVERIFIERDBGBREAKPOINT)(PWDF_DRIVER_GLOBALS);
FORCEINLINE VOID WdfVerifierDbgBreakPoint(VOID)
{
    ((PFN_WDFVERIFIERDBGBREAKPOINT)WdfFunctions[WdfVerifierDbgBreakPointTableIndex])(
        WdfDriverGlobals);
}

typedef VOID (*PFN_WDFVERIFIERKEBUGCHECK)(PWDF_DRIVER_GLOBALS, ULONG, ULONG_PTR, ULONG_PTR,
                                          ULONG_PTR, ULONG_PTR);
FORCEINLINE VOID WdfVerifierKeBugCheck(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1,
                                       ULONG_PTR BugCheckParameter2, ULONG_PTR BugCheckParameter3,
                                       ULONG_PTR BugCheckParameter4)
{
    ((PFN_WDFVERIFIERKEBUGCHECK)WdfFunctions[WdfVerifierKeBugCheckTableIndex])(
        WdfDriverGlobals, BugCheckCode, BugCheckParameter1, BugCheckParameter2, BugCheckParameter3,
        BugCheckParameter4);
}

#if KMDF_VERSION_MINOR >= 11
typedef PVOID (*PFN_WDFGETTRIAGEINFO)(PWDF_DRIVER_GLOBALS);
FORCEINLINE PVOID WdfGetTriageInfo(VOID)
{
    return ((PFN_WDFGETTRIAGEINFO)WdfFunctions[WdfGetTriageInfoTableIndex])(WdfDriverGlobals);
}
#endif

#endif
