/* expect: 5: error: format: '%n' is not a conversion WPP understands */
#include "bad_conversion.tmh"
void f(int *a)
{
    TraceEvents(4, FLAG_A, "count %n", a);
}
