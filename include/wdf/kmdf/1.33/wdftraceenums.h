/*
 * wdftraceenums.h - WPP configuration for the framework's enumerations: a driver project names
 * this file as a scan file (WppAdditionalOptions -scan:"$(KMDF_INC_PATH)\$(KMDF_VER_PATH)\
 * wdftraceenums.h") so that its trace messages can format them as %!WDF_POWER_DEVICE_STATE!.
 * Nothing here is C: the block below is read by drvwpp only.
 *
 * drvhost specifics: the WDK's file has no reference page; this one declares the framework
 * enumerations the driver samples format (WDF_POWER_DEVICE_STATE). drvhost's trace lines show
 * a CUSTOM_TYPE's value, not its enumerator's name (docs/tracing.md).
 */
#ifndef _WDFTRACEENUMS_H_
#define _WDFTRACEENUMS_H_

// begin_wpp config
// CUSTOM_TYPE(WDF_POWER_DEVICE_STATE, ItemEnum(_WDF_POWER_DEVICE_STATE));
// end_wpp

#endif
