/*
 * trace.h - WPP software tracing of irplog (the upper filter): its control GUID, one flag per area
 * of the driver, the condition macros of its trace function, and the begin_wpp config block the WPP
 * preprocessor reads ("Adding WPP Software Tracing to a Windows Driver").
 *
 * See the trace: drvhost run --trace irplog:INFORMATION:all demo.scn
 */
#ifndef IRPLOG_TRACE_H
#define IRPLOG_TRACE_H

#include <evntrace.h> /* TRACE_LEVEL_* */

// {3fc54b49-156f-492d-a639-b64e83f3f962}. The flags: TRACE_DRIVER DriverEntry, unload,
// the control device; TRACE_FILTER AddDevice and the PnP and power IRPs passing through;
// TRACE_LOG reads of the log.
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(IrpLogTraceGuid, (3fc54b49, 156f, 492d, a639, b64e83f3f962),           \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_FILTER)              \
                                WPP_DEFINE_BIT(TRACE_LOG))

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
