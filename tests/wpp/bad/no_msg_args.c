/* expect: 8: error: Enter: 2 arguments, exactly 1 expected (the FUNC's parameters) */
#include "no_msg_args.tmh"
// begin_wpp config
// FUNC Enter{LEVEL=TRACE_LEVEL_VERBOSE}(FLAGS);
// end_wpp
void f(int a)
{
    Enter(FLAG_A, a);
}
