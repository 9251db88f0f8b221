/*
 * UcmTraceEnums.h - WPP configuration for the USB connector manager's enumerations (UcmCx.h): a
 * UcmCx client project names this file as a scan file (WppAdditionalOptions
 * -scan:"$(UCM_INC_PATH)\$(UCM_VER_PATH)\UcmTraceEnums.h") so that its trace messages can format
 * them as %!UCM_DATA_ROLE!, %!UCM_POWER_ROLE! ... Nothing here is C: the block below is read by
 * drvwpp only.
 *
 * drvhost specifics: the WDK's file has no reference page; this one declares each enumeration
 * of drvhost's UcmCx.h. drvhost's trace lines show a CUSTOM_TYPE's value, not its enumerator's
 * name (docs/tracing.md).
 */
#ifndef _UCMTRACEENUMS_H_
#define _UCMTRACEENUMS_H_

// begin_wpp config
// CUSTOM_TYPE(UCM_CHARGING_STATE, ItemEnum(_UCM_CHARGING_STATE));
// CUSTOM_TYPE(UCM_PD_CONN_STATE, ItemEnum(_UCM_PD_CONN_STATE));
// CUSTOM_TYPE(UCM_PD_POWER_DATA_OBJECT_TYPE, ItemEnum(_UCM_PD_POWER_DATA_OBJECT_TYPE));
// CUSTOM_TYPE(UCM_POWER_ROLE, ItemEnum(_UCM_POWER_ROLE));
// CUSTOM_TYPE(UCM_TYPEC_CURRENT, ItemEnum(_UCM_TYPE_C_CURRENT));
// CUSTOM_TYPE(UCM_TYPEC_OPERATING_MODE, ItemEnum(_UCM_TYPEC_OPERATING_MODE));
// CUSTOM_TYPE(UCM_TYPEC_PARTNER, ItemEnum(_UCM_TYPEC_PARTNER));
// CUSTOM_TYPE(UCM_DATA_ROLE, ItemEnum(_UCM_DATA_ROLE));
// end_wpp

#endif
