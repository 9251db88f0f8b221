/* expect: 6: error: two trace calls on one line */
// clang-format off
#include "two_calls.tmh"
void f(void)
{
    TraceEvents(4, FLAG_A, "one"); TraceEvents(4, FLAG_A, "two");
}
