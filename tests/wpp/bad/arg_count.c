/* expect: 8: error: TraceEvents: the format takes 1 argument, the call passes 2 */
// clang-format off
#include "arg_count.tmh"
void f(int a, int b)
{
    TraceEvents(4, FLAG_A, "%d", a);
    /* the next call passes one argument too many */
    TraceEvents(4, FLAG_A, "%d", a,
                b);
}
