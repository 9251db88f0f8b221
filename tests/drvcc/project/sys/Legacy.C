/* Legacy.C - a C source with an upper-case extension, as Windows trees have them (the WDK's
 * pcidrv sample has PCIDRV.C): MSVC compiles it as C, and so must drvcc, although GCC's own
 * rule makes .C C++. What it holds is C that a C++ compiler refuses. */
#include <ntddk.h>
#include "Local.h"

ULONG ProjLegacyTwice(ULONG Value)
{
    ULONG new = 2; /* a C++ keyword */
    void *raw = &Value;
    ULONG *value = raw; /* a void * converted without a cast: C only */
    return *value * new;
}
