/* expect: 5: error: TraceEvents: 1 arguments, at least 3 expected */
#include "too_few.tmh"
void f(void)
{
    TraceEvents("no level and flags");
}
