/*
 * trace.h - WPP software tracing of vchild (the function driver): its control GUID, one flag per
 * area of the driver, the condition macros of its trace function, and the begin_wpp config block
 * the WPP preprocessor reads ("Adding WPP Software Tracing to a Windows Driver").
 *
 * See the trace: drvhost run --trace vchild:INFORMATION:all demo.scn
 */
#ifndef VCHILD_TRACE_H
#define VCHILD_TRACE_H

#include <evntrace.h> /* TRACE_LEVEL_* */

// {c40311df-527d-485a-943b-10024ee1cc4f}. The flags: TRACE_DRIVER DriverEntry, unload,
// AddDevice; TRACE_PNP PnP IRPs and the device's states; TRACE_POWER power IRPs and power policy;
// TRACE_IO create, close, reads, writes and ioctls.
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(VchildTraceGuid, (c40311df, 527d, 485a, 943b, 10024ee1cc4f),           \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_PNP)                 \
                                WPP_DEFINE_BIT(TRACE_POWER) WPP_DEFINE_BIT(TRACE_IO))

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
