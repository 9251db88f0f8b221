/* expect: 5: error: two trace calls on one line */
#include "two_calls.tmh"
void f(void)
{
    TraceEvents(4, FLAG_A, "one"); TraceEvents(4, FLAG_A, "two");
}
