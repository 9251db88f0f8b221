/*
 * host_api.c - the power manager's exported entry points for tests and hosts: a system sleep in
 * any sleeping state and the wake. (The host API's drvhost_system_sleep, S3 as the `sleep`
 * scenario command, is src/host's.) Not declared in include/drvhost/drvhost.h: tests declare
 * them (tests/po).
 *
 * Kept apart from the rest of po so that a white-box program taking po from the internal
 * library does not also define these exported symbols.
 */
#include "po/po.h"

#include <drvhost/drvhost.h>

/* S1..S4 as 1..4 (PowerSystemSleeping1..PowerSystemHibernate); anything else is handed to
 * po_system_sleep as it maps (STATUS_INVALID_PARAMETER). */
DRVHOST_API int32_t drvhost_po_system_sleep(uint32_t s_state)
{
    return po_system_sleep((SYSTEM_POWER_STATE)(s_state + 1));
}

DRVHOST_API int32_t drvhost_po_system_wake(void)
{
    return po_system_wake();
}

/* A power setting's new value: its callbacks are called before this returns. */
DRVHOST_API int32_t drvhost_po_power_setting(const void *guid, const void *value, uint32_t length)
{
    return po_power_setting_set((const GUID *)guid, value, length);
}
