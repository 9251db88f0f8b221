/*
 * wdfassert.h - the framework's checks a driver writes in its own code: WDFVERIFY (in checked
 * builds, DBG: the failed expression is printed, and the driver breaks into the debugger through
 * WdfVerifierDbgBreakPoint when the framework verifier is on for it), VERIFY_IS_IRQL_PASSIVE_LEVEL,
 * and the compile-time WDFCASSERT.
 */
#ifndef _WDFASSERT_H_
#define _WDFASSERT_H_

#define WDFCASSERT(c) C_ASSERT(c)

#if DBG
#define WDFVERIFY(exp)                                                                             \
    do {                                                                                           \
        if ((exp) == 0) {                                                                          \
            DbgPrint("WDF VERIFIER: %s failed in file %s, line %d\n", #exp, __FILE__, __LINE__);   \
            if (WdfDriverGlobals->DriverFlags & WdfVerifyOn)                                       \
                WdfVerifierDbgBreakPoint();                                                        \
        }                                                                                          \
    } while (0)
#define VERIFY_IS_IRQL_PASSIVE_LEVEL() WDFVERIFY(KeGetCurrentIrql() == PASSIVE_LEVEL)
#else
#define WDFVERIFY(exp)                 ((void)0)
#define VERIFY_IS_IRQL_PASSIVE_LEVEL() ((void)0)
#endif

#endif
