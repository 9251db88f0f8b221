/*
 * irql.c - what the IRQL rules of vf.h do on a violation (the checks themselves are inline in
 * vf.h). Out of line and cold, so that the DDIs' fast paths carry only the compare.
 */
#include "vf/vf_private.h"

void vf_irql_above_max(const char *ddi, KIRQL max, const void *object, const void *caller)
{
    KIRQL irql = ke_irql();
    ke_bugcheck_msg(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)object, irql, 0, (ULONG_PTR)caller,
                    "%s called at IRQL %u: it requires IRQL <= %u", ddi, irql, max);
}

/* A DDI compliance rule requiring PASSIVE_LEVEL: 0xC4 with the rule's subcode. Microsoft's
 * parameters 2 and 3 point to the rule's description and state; drvhost passes the IRQL, 0. */
static __attribute__((noreturn)) void vf_irql_rule_not_passive(ULONG_PTR subcode,
                                                               const char *routines,
                                                               const char *rule, const char *ddi)
{
    KIRQL irql = ke_irql();
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, subcode, irql, 0, 0,
                    "%s called at IRQL %u: %s require PASSIVE_LEVEL (DDI compliance rule %s)", ddi,
                    irql, routines, rule);
}

void vf_irql_zw_not_passive(const char *ddi)
{
    vf_irql_rule_not_passive(VF_C4_IRQL_ZW_PASSIVE, "the Zw routines", "IrqlZwPassive", ddi);
}

void vf_irql_ps_not_passive(const char *ddi)
{
    vf_irql_rule_not_passive(VF_C4_IRQL_PS_PASSIVE, "these process structure routines",
                             "IrqlPsPassive", ddi);
}

void vf_irql_below_dpc(ULONG_PTR subcode, const char *ddi, const void *lock)
{
    KIRQL irql = ke_irql();
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, subcode, irql, (ULONG_PTR)lock, 0,
                    "%s(%p) at IRQL %u, below DISPATCH_LEVEL", ddi, lock, irql);
}
