/*
 * evntrace.h - the event tracing levels drivers use with WPP (TRACE_LEVEL_*).
 *
 * drvhost has no ETW: this header carries only the level constants a driver's trace calls
 * name (the WDK's evntrace.h has much more). Included by drvhost_wpp.h.
 */
#ifndef _EVNTRACE_
#define _EVNTRACE_

#define TRACE_LEVEL_NONE        0 /* tracing is off */
#define TRACE_LEVEL_CRITICAL    1 /* abnormal exit or termination */
#define TRACE_LEVEL_FATAL       1 /* the older name of CRITICAL */
#define TRACE_LEVEL_ERROR       2 /* severe errors */
#define TRACE_LEVEL_WARNING     3 /* warnings such as allocation failures */
#define TRACE_LEVEL_INFORMATION 4 /* non-error cases */
#define TRACE_LEVEL_VERBOSE     5 /* detailed traces */
#define TRACE_LEVEL_RESERVED6   6
#define TRACE_LEVEL_RESERVED7   7
#define TRACE_LEVEL_RESERVED8   8
#define TRACE_LEVEL_RESERVED9   9

#endif
