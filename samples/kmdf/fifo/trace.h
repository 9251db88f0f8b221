/*
 * trace.h - WPP software tracing of the FIFO sample's framework port: its control GUID (not the
 * WDM sample's: a trace session tells the two apart), one flag per area, the condition macros of
 * its trace function, and the begin_wpp config block the WPP preprocessor reads ("WPP Software
 * Tracing", "Using WPP Software Tracing in KMDF and UMDF 2 Drivers").
 *
 * See the trace: drvhost run --trace fifo:INFORMATION:all demo.scn (VERBOSE adds every read and
 * write).
 */
#ifndef FIFO_KMDF_TRACE_H
#define FIFO_KMDF_TRACE_H

#include <evntrace.h> /* TRACE_LEVEL_* */

// {0c55a76c-635d-40ca-8319-f36e3534c48f}. The flags: TRACE_DRIVER DriverEntry and unload;
// TRACE_DEVICE the control devices, their queues and file objects; TRACE_QUEUE the ioctls;
// TRACE_IO reads and writes.
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(FifoKmdfTraceGuid, (0c55a76c, 635d, 40ca, 8319, f36e3534c48f),         \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_DEVICE)              \
                                WPP_DEFINE_BIT(TRACE_QUEUE) WPP_DEFINE_BIT(TRACE_IO))

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
