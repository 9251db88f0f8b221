/*
 * bugcheck.h - for the harness self-tests: bug-checks through the runtime's exported
 * KeBugCheckEx, found at run time so the self-tests build before the kernel layer exists.
 */
#ifndef DRVHOST_TEST_HARNESS_BUGCHECK_H
#define DRVHOST_TEST_HARNESS_BUGCHECK_H

#include <dlfcn.h>
#include <stdint.h>

typedef void (*ke_bugcheck_ex_fn)(uint32_t code, uint64_t p1, uint64_t p2, uint64_t p3,
                                  uint64_t p4);

/* Returns 0 (after a failed ok()) when libdrvhost.so does not export KeBugCheckEx yet. */
static inline int selftest_bugcheck(uint32_t code)
{
    ke_bugcheck_ex_fn bugcheck = (ke_bugcheck_ex_fn)dlsym(RTLD_DEFAULT, "KeBugCheckEx");
    if (!ok(bugcheck != NULL, "libdrvhost.so does not export KeBugCheckEx\n"))
        return 0;
    bugcheck(code, 1, 2, 3, 4);
    ok(0, "KeBugCheckEx returned\n");
    return 0;
}

typedef unsigned char (*kf_raise_irql_fn)(unsigned char irql);

/* Leaves the calling thread at DISPATCH_LEVEL (2): the harness's drvhost_shutdown after the body
 * then bug-checks (0xA, a wait at a raised IRQL). Returns 0 (after a failed ok()) when
 * libdrvhost.so does not export KfRaiseIrql. */
static inline int selftest_leave_irql_raised(void)
{
    kf_raise_irql_fn raise = (kf_raise_irql_fn)dlsym(RTLD_DEFAULT, "KfRaiseIrql");
    if (!ok(raise != NULL, "libdrvhost.so does not export KfRaiseIrql\n"))
        return 0;
    ok(raise(2) == 0, "the test body starts at PASSIVE_LEVEL\n");
    return 1;
}

#endif
