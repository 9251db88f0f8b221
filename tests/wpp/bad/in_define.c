/* expect: 7: error: TraceEvents called inside a #define: WPP identifies each message */
// clang-format off
#include "in_define.tmh"
/* TraceEvents("not a call") in a comment, and one in a string: "TraceEvents(" */
#define NOT_TRACED(x) ((x) + 1) /* TraceEvents(4, FLAG_A, "in a comment") */
#define TRACE_VALUE(v)                                                                             \
    TraceEvents(4, FLAG_A, "value %d", (v))
void f(int a)
{
    TRACE_VALUE(NOT_TRACED(a));
}
