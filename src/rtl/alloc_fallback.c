/*
 * alloc_fallback.c - the allocator behind the Rtl routines that allocate for their caller
 * (RtlAnsiStringToUnicodeString with AllocateDestinationString, RtlCreateUnicodeString,
 * RtlStringFromGUID...): the executive's pool, so that a string a driver forgets to free shows
 * up in the pool report under its tag (Windows uses paged pool and 'GrtS': RTL_STRING_TAG; the
 * registry routines pass their own).
 *
 * The runtime's pool (ex_alloc) accounts the block to the runtime, not to the driver that asked
 * for the string: ex_alloc has no way to name the driver yet, so such a leak is reported under
 * "drvhost" with the tag. ex_alloc zeroes the block, which the callers do not rely on.
 */
#include "rtl.h"

#include "ex/ex.h"

void *rtl_alloc(SIZE_T size, ULONG tag)
{
    return ex_alloc(size ? size : 1, tag);
}

void rtl_free(void *p)
{
    if (p != NULL)
        ex_free(p);
}
