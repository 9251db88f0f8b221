/*
 * ntpoapi.h - the power-management types of the ntpoapi reference pages. The ones drvhost has
 * are wdm.h's (DEVICE_POWER_STATE, SYSTEM_POWER_STATE, POWER_STATE[_TYPE], POWER_ACTION,
 * SYSTEM_POWER_STATE_CONTEXT, COUNTED_REASON_CONTEXT, BATTERY_REPORTING_SCALE): this file
 * brings them in, as the WDK's does for a driver that includes it (the PEP samples).
 * Not written yet: MONITOR_DISPLAY_STATE, POWER_REQUEST_TYPE, POWER_INFORMATION_LEVEL,
 * POWER_PLATFORM_INFORMATION, CM_POWER_DATA and NtPowerInformation (a driver naming one gets a
 * compile error naming it).
 */
#ifndef _DRVHOST_NTPOAPI_H_
#define _DRVHOST_NTPOAPI_H_

#include <wdm.h>

#endif /* _DRVHOST_NTPOAPI_H_ */
