/* expect: 5: error: format: unknown extended format %!NOPE! */
#include "unknown_ext.tmh"
void f(int a)
{
    TraceEvents(4, FLAG_A, "x %!NOPE!", a);
}
