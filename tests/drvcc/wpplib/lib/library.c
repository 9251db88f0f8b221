/* library.c - a library routine tracing with the library's own trace function. */
#include "library.h"
#include "library.tmh"

ULONG LibraryTwice(ULONG Value)
{
    LibTrace(TRACE_LEVEL_ERROR, "library twice %lu", Value);
    return Value * 2;
}
