/* control.h - the control block the bad sources share (scanned with --scan control.h). */
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(BadTraceGuid, (11111111, 2222, 3333, 4444, 555555555555),              \
                            WPP_DEFINE_BIT(FLAG_A))
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp
