/* WppCtl.h - the control block of the wppproj test driver (tests/drvcc/check_wppproj.sh), in a
 * header of another folder that no WPP setting names: WPP finds it through the C preprocessor,
 * because the sources include it before their .tmh. Two control GUIDs, so a flag of the second
 * one is traced under its own name (its GUID's last group is below 2^32). */
#ifndef WPPCTL_H
#define WPPCTL_H

#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(WppProjGuid, (3f1e2d4c, 5b6a, 4798, 8a9b, 0c1d2e3f4a5b),               \
                            WPP_DEFINE_BIT(PROJ_INIT) WPP_DEFINE_BIT(PROJ_IO))                     \
    WPP_DEFINE_CONTROL_GUID(WppProjAuxGuid, (7a8b9c0d, 1e2f, 4a3b, 9c4d, 00005e6f7081),            \
                            WPP_DEFINE_BIT(AUX_MISC))

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags)                                                        \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_##flags).Level >= lvl)

/* The functions without condition parameters (TraceEntry, KdPrint): WPP__ENABLED/_LOGGER. */
#define WPP__ENABLED() WPP_LEVEL_ENABLED(PROJ_IO)
#define WPP__LOGGER()  WPP_LEVEL_LOGGER(PROJ_IO)

#endif
