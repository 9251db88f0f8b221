/*
 * irql.c - the IRQL of the calling thread. Raising and lowering only change a thread-local
 * value: nothing is masked on the host, but the rules are enforced as on Windows, so that
 * a driver that breaks them stops with the bug check it would get there.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

KIRQL KeGetCurrentIrql(VOID)
{
    return ke_tls_irql;
}

/* Raising to a lower level: IRQL_NOT_GREATER_OR_EQUAL (0x9), as the checked HAL reports it.
 * Parameters (not documented by Microsoft; ours): current IRQL, requested IRQL, 0, caller. */
KIRQL ke_irql_raise(KIRQL new_irql, void *caller)
{
    KIRQL old = ke_tls_irql;
    if (new_irql < old || new_irql > HIGH_LEVEL)
        ke_bugcheck_msg(BUGCODE_IRQL_NOT_GREATER_OR_EQUAL, old, new_irql, 0, (ULONG_PTR)caller,
                        "KeRaiseIrql from IRQL %u to the lower IRQL %u", old, new_irql);
    ke_tls_irql = new_irql;
    return old;
}

/* Lowering to a higher level: IRQL_NOT_LESS_OR_EQUAL (0xA), as the checked HAL reports it.
 * Parameters (ours): requested IRQL, current IRQL, 0, caller. */
void ke_irql_lower(KIRQL new_irql, void *caller)
{
    KIRQL old = ke_tls_irql;
    if (new_irql > old)
        ke_bugcheck_msg(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, new_irql, old, 0, (ULONG_PTR)caller,
                        "KeLowerIrql from IRQL %u to the higher IRQL %u", old, new_irql);
    ke_tls_irql = new_irql;
}

VOID KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql)
{
    *OldIrql = ke_irql_raise(NewIrql, __builtin_return_address(0));
}

KIRQL KfRaiseIrql(KIRQL NewIrql)
{
    return ke_irql_raise(NewIrql, __builtin_return_address(0));
}

KIRQL KeRaiseIrqlToDpcLevel(VOID)
{
    return ke_irql_raise(DISPATCH_LEVEL, __builtin_return_address(0));
}

VOID KeLowerIrql(KIRQL NewIrql)
{
    ke_irql_lower(NewIrql, __builtin_return_address(0));
}

VOID KfLowerIrql(KIRQL NewIrql)
{
    ke_irql_lower(NewIrql, __builtin_return_address(0));
}
