/*
 * trace.h - the WPP control block of wpp_test_driver, written the way the WDK documents a
 * driver's trace header: the control GUID and its flags, the condition macros of TraceEvents,
 * and the begin_wpp config block declaring the trace functions.
 */
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(WppTestTraceGuid, (5c4f6d1e, 2b3a, 4c8d, 9e0f, 1a2b3c4d5e6f),          \
                            WPP_DEFINE_BIT(TRACE_DRIVER) WPP_DEFINE_BIT(TRACE_DEVICE)              \
                                WPP_DEFINE_BIT(TRACE_QUEUE))

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags)                                                        \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

//
// Scanned by the WPP preprocessor:
//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// FUNC TraceQueue{FLAGS=TRACE_QUEUE}(LEVEL, MSG, ...);
// USEPREFIX(TraceQueue, "[q] ");
// end_wpp
//
