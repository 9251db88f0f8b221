/* wppdrv.h - the driver's WPP configuration: its control GUID, flag and trace function. */
#pragma once
#include <ntddk.h>
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(DriverControl, (1c2f3e4d, 5a6b, 4c7d, 8e9f, 0a1b2c3d4e5f),             \
                            WPP_DEFINE_BIT(DRV_ALL))
#define WPP_FLAG_LEVEL_LOGGER(flag, level) WPP_LEVEL_LOGGER(flag)
#define WPP_FLAG_LEVEL_ENABLED(flag, level)                                                        \
    (WPP_LEVEL_ENABLED(flag) && WPP_CONTROL(WPP_BIT_##flag).Level >= level)
// begin_wpp config
// FUNC DrvTrace{FLAG=DRV_ALL}(LEVEL, MSG, ...);
// end_wpp
ULONG LibraryTwice(ULONG Value);
