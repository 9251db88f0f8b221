/*
 * po.h - the power manager's interface to the host (src/po): the system sleep and wake
 * sequences sent through the device tree. Drivers reach the power manager through its DDIs
 * (PoCallDriver, PoRequestPowerIrp, PoStartNextPowerIrp, PoSetPowerState: wdm_pnp.h).
 *
 * Layer: po sits above pnp (it walks the device tree through pnp_run_exclusive and
 * pnp_walk_started) and io; the host calls it.
 */
#ifndef DRVHOST_PO_PO_H
#define DRVHOST_PO_PO_H

#include <wdm.h>

/* After pnp_init / before pnp_shutdown. */
NTSTATUS po_init(void);
void po_shutdown(void);

/* Puts the system to sleep in `state` (PowerSystemSleeping1..3, PowerSystemHibernate): a
 * QUERY_POWER then a SET_POWER system IRP to every started device stack, leaves before their
 * parents; a veto of QUERY_POWER cancels the transition (STATUS of the veto, and the stacks
 * already queried get SET_POWER S0 as Windows does). */
NTSTATUS po_system_sleep(SYSTEM_POWER_STATE state);
/* Wakes the system: SET_POWER S0 to every started device stack, parents before children. */
NTSTATUS po_system_wake(void);

#endif
