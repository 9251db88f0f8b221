/*
 * test_float_state.c - KeSaveFloatingPointState and KeRestoreFloatingPointState: both return
 * STATUS_SUCCESS, and the restore gives back the floating-point control state the save found
 * (x64: MXCSR, here its rounding mode), whatever the code between them changed.
 */
#include <wdm.h>

#include "harness.h"

#define MXCSR_ROUNDING_MASK 0x6000 /* bits 13-14: round to nearest, down, up, toward zero */

TEST(float_state_save_restore)
{
    KFLOATING_SAVE save;
    unsigned before = __builtin_ia32_stmxcsr();
    ok_status(KeSaveFloatingPointState(&save), STATUS_SUCCESS);
    /* The driver's floating-point code changes the rounding mode (toward zero). */
    __builtin_ia32_ldmxcsr(before | MXCSR_ROUNDING_MASK);
    ok((__builtin_ia32_stmxcsr() & MXCSR_ROUNDING_MASK) == MXCSR_ROUNDING_MASK,
       "the rounding mode did not change\n");
    ok_status(KeRestoreFloatingPointState(&save), STATUS_SUCCESS);
    ok(__builtin_ia32_stmxcsr() == before, "MXCSR %#x after the restore, %#x before the save\n",
       __builtin_ia32_stmxcsr(), before);
}
