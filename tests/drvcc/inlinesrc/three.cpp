// three.cpp - Inline.h in C++: inline functions are COMDAT there already (with C names here), and
// so is this one, with a C++ name: the rewrite leaves C++ alone.
#include <ntddk.h>
#include "Inline.h"

__inline ULONG ThreeTimesTen(ULONG Value)
{
    return Value * 10;
}

extern "C" ULONG ThreeScale(ULONG Value)
{
    ULONG (*volatile call)(ULONG) = ThreeTimesTen;

    return call(InlineScale(Value));
}
