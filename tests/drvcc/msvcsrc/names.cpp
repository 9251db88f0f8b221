// names.cpp - MSVC's __FUNCTION__ in C++: the undecorated name with its namespaces and classes.
#include <ntddk.h>
#include "INC/defs.h"

namespace outer {
struct Probe {
    static const char *Inline()
    {
        return "" __FUNCTION__;
    }
    static const char *OutOfLine();
};
const char *Probe::OutOfLine()
{
    return __FUNCTION__ "";
}
} // namespace outer

static bool Same(const char *a, const char *b)
{
    while (*a != 0 && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

extern "C" int CxxChecks(void)
{
    if (!Same(outer::Probe::Inline(), "outer::Probe::Inline"))
        return 10;
    if (!Same(outer::Probe::OutOfLine(), "outer::Probe::OutOfLine"))
        return 11;
    if (!Same(TRACE_TEXT("x"), "Entering CxxChecks: x"))
        return 12;
    return 0;
}
