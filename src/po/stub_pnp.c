/*
 * stub_pnp.c - stand-ins for the power manager's host interface (s5-po implements src/po).
 * Deleted at the merge.
 */
#include "po/po.h"

NTSTATUS po_init(void)
{
    return STATUS_SUCCESS;
}

void po_shutdown(void)
{}

NTSTATUS po_system_sleep(SYSTEM_POWER_STATE state)
{
    (void)state;
    return STATUS_NOT_IMPLEMENTED;
}

NTSTATUS po_system_wake(void)
{
    return STATUS_NOT_IMPLEMENTED;
}
