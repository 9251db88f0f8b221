/* expect: 6: error: TraceEvents: the message 'text' is not a string literal */
#include "msg_not_literal.tmh"
static const char text[] = "x";
void f(void)
{
    TraceEvents(4, FLAG_A, text);
}
