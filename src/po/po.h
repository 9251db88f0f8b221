/*
 * po.h - the power manager's interface to the host (src/po): the system sleep and wake
 * sequences sent through the device tree. Drivers reach the power manager through its DDIs
 * (PoCallDriver, PoRequestPowerIrp, PoStartNextPowerIrp, PoSetPowerState: wdm_pnp.h).
 *
 * Layer: po sits above pnp (it walks the device tree through pnp_run_exclusive and
 * pnp_walk_started) and io; the host calls it. Its per-device state lives in the device
 * objects (struct io_device: the device power state, the system IRP under way on a stack).
 *
 * Time-out: a power IRP the power manager sent that is not completed within
 * DRVHOST_POWER_TIMEOUT_MS milliseconds (environment; default 600000, Windows' ten minutes)
 * is bug check 0x9F / 0x3 (docs/power.md).
 */
#ifndef DRVHOST_PO_PO_H
#define DRVHOST_PO_PO_H

#include <wdm.h>

/* After pnp_init / before pnp_shutdown. The system is awake (S0) after po_init. */
NTSTATUS po_init(void);
void po_shutdown(void);

/* Puts the system to sleep in `state` (PowerSystemSleeping1..3, PowerSystemHibernate; other
 * values: STATUS_INVALID_PARAMETER): a QUERY_POWER then a SET_POWER system IRP to every started
 * device stack, leaves before their parents, each waited for. A veto of QUERY_POWER cancels
 * the transition: the stacks queried (the vetoing one too) get SET_POWER S0, parents first,
 * and the veto's status is returned. STATUS_INVALID_DEVICE_STATE when asleep already. */
NTSTATUS po_system_sleep(SYSTEM_POWER_STATE state);
/* Wakes the system: SET_POWER S0 to every started device stack, parents before children.
 * STATUS_INVALID_DEVICE_STATE when the system is not asleep. */
NTSTATUS po_system_wake(void);

/* Sets a power setting's value (at most 256 bytes) and calls every callback registered for it
 * (PoRegisterPowerSettingCallback), at PASSIVE_LEVEL, in the caller's thread. */
NTSTATUS po_power_setting_set(const GUID *guid, const void *value, ULONG length);

#endif
