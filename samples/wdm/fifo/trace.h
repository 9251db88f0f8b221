/*
 * trace.h - WPP software tracing of the FIFO sample: its control GUID, one flag per area of the
 * driver, the condition macros of its trace function, and the begin_wpp config block the WPP
 * preprocessor reads ("Adding WPP Software Tracing to a Windows Driver").
 *
 * See the trace: drvhost run --trace fifo:INFORMATION:all demo.scn (VERBOSE adds every read and
 * write); with the WDK, a trace session enabling this GUID (tracelog, TraceView).
 */
#ifndef FIFO_TRACE_H
#define FIFO_TRACE_H

#include <evntrace.h> /* TRACE_LEVEL_* */

// {db566cf8-e69b-4d97-a08b-f1f21b5d9776}. The flags: TRACE_DRIVER DriverEntry, unload and the
// devices; TRACE_CREATE create, cleanup and close; TRACE_IO reads and writes; TRACE_IOCTL device
// controls; TRACE_CANCEL the cancel routines.
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(FifoTraceGuid, (db566cf8, e69b, 4d97, a08b, f1f21b5d9776),             \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_CREATE)              \
                                WPP_DEFINE_BIT(TRACE_IO) WPP_DEFINE_BIT(TRACE_IOCTL)               \
                                    WPP_DEFINE_BIT(TRACE_CANCEL))

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
