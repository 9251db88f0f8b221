/*
 * custom_logger.h - the trace header of wpp_custom_logger: condition macros of the driver's own,
 * written in the WDK's style (as network/trans/WFPSampler writes them): a WPP_<ARGS>_LOGGER
 * macro reads the control block's Logger member and ends with a comma, a WPP_<ARGS>_ENABLED
 * macro reads its Level. The control GUIDs: the bits Error, Unusual and Noise (those the WPP
 * preprocessor's -ctl option defines, and that WFPSampler's macros name), and a second one.
 */
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(CustomLoggerCtl, (c2d54877, 461b, 4c2d, 86e5, 869199874d6f),           \
                            WPP_DEFINE_BIT(Error) WPP_DEFINE_BIT(Unusual) WPP_DEFINE_BIT(Noise))   \
    WPP_DEFINE_CONTROL_GUID(CustomSecondCtl, (b04afffb, 261e, 4eea, 9a5a, a3a4a3e8a07f),           \
                            WPP_DEFINE_BIT(Second))

/* DbgPrintEx(COMPID, LEVEL, MSG, ...) (the project's -func): every message goes to the Error
 * control, the condition is its level against the call's DPFLTR_ level. */
#define WPP_COMPID_LEVEL_LOGGER(COMPID, LEVEL)  (WPP_CONTROL(WPP_BIT_Error).Logger),
#define WPP_COMPID_LEVEL_ENABLED(COMPID, LEVEL) (WPP_CONTROL(WPP_BIT_Error).Level >= LEVEL)

/* TraceRouted(FLAGS, MSG, ...): the condition is the flag of the first control, the logger the
 * second control's: the message goes to the provider the logger names. */
#define WPP_FLAGS_LOGGER(FLAGS)  (WPP_CONTROL(WPP_BIT_Second).Logger),
#define WPP_FLAGS_ENABLED(FLAGS) WPP_LEVEL_ENABLED(FLAGS)

//
// begin_wpp config
// FUNC TraceRouted(FLAGS, MSG, ...);
// end_wpp
//
