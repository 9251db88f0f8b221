/* expect: 8: error: Print: 0 parameters then one in parentheses expected, as the FUNC declares */
#include "group_args.tmh"
// begin_wpp config
// FUNC Print((FLAGS, MSG, ...));
// end_wpp
void f(int a)
{
    Print(FLAG_A, "no parentheses %d", a);
}
