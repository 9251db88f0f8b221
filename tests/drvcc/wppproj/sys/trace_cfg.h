/* trace_cfg.h - the wppproj driver's WPP configuration (the project's WppScanConfigurationData):
 * a USEPREFIX before its FUNC, functions without MSG, one without parameters, a Trace-If
 * function with PRE and POST macros and USESUFFIX arguments (one stringized, shown by %!s!), a
 * custom enumeration type, a declaration without the FUNC keyword (as some WDK samples write it).
 */
#ifndef TRACE_CFG_H
#define TRACE_CFG_H

// begin_wpp config
// USEPREFIX(FuncEntry, "%!STDPREFIX!--> ");
// FUNC FuncEntry{LEVEL=TRACE_LEVEL_VERBOSE}(FLAGS);
// USESUFFIX(FuncEntry, "entered %!FUNC!");
// end_wpp

// begin_wpp config
// TraceWarn{LEVEL=TRACE_LEVEL_WARNING}(FLAGS, MSG, ...);
// end_wpp

// begin_wpp config
// FUNC TraceEntry();
// USESUFFIX(TraceEntry, "==> %!FUNC!");
// end_wpp

// MACRO: CHECK_STATUS(STATUS, MSG, ...): traces and leaves through Exit when STATUS failed.
// begin_wpp config
// FUNC CHECK_STATUS{LEVEL=TRACE_LEVEL_ERROR,FLAGS=PROJ_INIT}(STATUS, MSG, ...);
// USESUFFIX(CHECK_STATUS, " [%!STATUS!] %!s!", STATUS, #STATUS);
// end_wpp
#define WPP_LEVEL_FLAGS_STATUS_PRE(LEVEL, FLAGS, STATUS)                                           \
    {                                                                                              \
        if (!NT_SUCCESS(STATUS)) {
#define WPP_LEVEL_FLAGS_STATUS_POST(LEVEL, FLAGS, STATUS)                                          \
    ;                                                                                              \
    goto Exit;                                                                                     \
    }                                                                                              \
    }
#define WPP_LEVEL_FLAGS_STATUS_ENABLED(LEVEL, FLAGS, STATUS) WPP_LEVEL_FLAGS_ENABLED(LEVEL, FLAGS)
#define WPP_LEVEL_FLAGS_STATUS_LOGGER(LEVEL, FLAGS, STATUS)  WPP_LEVEL_FLAGS_LOGGER(LEVEL, FLAGS)

typedef enum _PROJ_STATE {
    ProjStateIdle,
    ProjStateStarting,
    ProjStateRunning
} PROJ_STATE;
// begin_wpp config
// CUSTOM_TYPE(pstate, ItemEnum(_PROJ_STATE));
// end_wpp

#endif
