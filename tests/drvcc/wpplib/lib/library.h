/* library.h - the library's WPP configuration: its own (dummy) control GUID and flag, and its
   trace function LibTrace. As in the WDK's MultiComp sample, the driver's control block is the
   one initialized: the library's messages go out under the driver's control GUID, by flag bit. */
#pragma once
#include <ntddk.h>
#define WPP_CONTROL_GUIDS                                                                          \
    WPP_DEFINE_CONTROL_GUID(LibraryControl, (0, 0, 0, 0, 0), WPP_DEFINE_BIT(LIB_ALL))
#define WPP_FLAG_LEVEL_LOGGER(flag, level) WPP_LEVEL_LOGGER(flag)
#define WPP_FLAG_LEVEL_ENABLED(flag, level)                                                        \
    (WPP_LEVEL_ENABLED(flag) && WPP_CONTROL(WPP_BIT_##flag).Level >= level)
// begin_wpp config
// FUNC LibTrace{FLAG=LIB_ALL}(LEVEL, MSG, ...);
// end_wpp
ULONG LibraryTwice(ULONG Value);
