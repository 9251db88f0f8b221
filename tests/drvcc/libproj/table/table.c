/* table.c - the table library: its TABLE_BASE differs between Release and Debug. */
#include "table.h"

#ifndef TABLE_BASE
#error "TABLE_BASE comes from the table project's PreprocessorDefinitions"
#endif
#ifdef LIBDRV_DRIVER_ONLY
#error "the driver project's definitions must not reach its libraries"
#endif

ULONG TableLookup(ULONG Index)
{
    return TABLE_BASE + Index;
}
