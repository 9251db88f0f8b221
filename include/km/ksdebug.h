/*
 * ksdebug.h - the debug-print macro of kernel streaming and audio drivers: _DbgPrintF(level,
 * (format, ...)) prints STR_MODULENAME (which the driver defines) and the message when level is
 * at most DEBUG_LEVEL, in checked (DBG) builds; the DEBUGLVL_xxx levels.
 *
 * drvhost: DBG is 1 (as in drvhost's wdm.h), so the messages print through DbgPrint.
 * Deviation: the WDK's checked build also breaks into the debugger (DbgBreakPoint) after a
 * DEBUGLVL_ERROR message; drvhost only prints (no debugger to break into).
 */
#ifndef _KSDEBUG_
#define _KSDEBUG_

#include <wdm.h>

#define DEBUGLVL_BLAB    3
#define DEBUGLVL_VERBOSE 2
#define DEBUGLVL_TERSE   1
#define DEBUGLVL_ERROR   0

#ifndef DEBUG_LEVEL
#define DEBUG_LEVEL DEBUGLVL_TERSE
#endif

#if DBG
#define _DbgPrintF(lvl, strings)                                                                   \
    do {                                                                                           \
        if ((lvl) <= DEBUG_LEVEL) {                                                                \
            DbgPrint(STR_MODULENAME);                                                              \
            DbgPrint strings;                                                                      \
            DbgPrint("\n");                                                                        \
        }                                                                                          \
    } while (0)
#else
#define _DbgPrintF(lvl, strings) ((void)0)
#endif

#endif /* _KSDEBUG_ */
