/*
 * trace.h - WPP software tracing of vbus (the bus driver): its control GUID, one flag per area of
 * the driver, the condition macros of its trace function, and the begin_wpp config block the WPP
 * preprocessor reads ("Adding WPP Software Tracing to a Windows Driver").
 *
 * See the trace: drvhost run --trace vbus:INFORMATION:all demo.scn
 */
#ifndef VBUS_TRACE_H
#define VBUS_TRACE_H

#include <evntrace.h> /* TRACE_LEVEL_* */

// {215a0165-405f-4753-a7bc-9c1ef9ec2b5d}. The flags: TRACE_DRIVER DriverEntry, unload,
// AddDevice; TRACE_PNP PnP IRPs of the bus and its children; TRACE_POWER power IRPs; TRACE_IOCTL
// the bus's ioctls (plugging children).
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(VbusTraceGuid, (215a0165, 405f, 4753, a7bc, 9c1ef9ec2b5d),             \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_PNP)                 \
                                WPP_DEFINE_BIT(TRACE_POWER) WPP_DEFINE_BIT(TRACE_IOCTL))

/* TraceEvents(LEVEL, FLAGS, ...) is enabled when the session enables the flag at that level or
 * a more detailed one; its logger is the flag's. */
#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags)                                                        \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

//
// For the WPP preprocessor:
//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp
//

#endif
