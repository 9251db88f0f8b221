/*
 * alloc_fallback.c - the allocator behind the Rtl routines that allocate for their caller
 * (RtlAnsiStringToUnicodeString with AllocateDestinationString, RtlCreateUnicodeString,
 * RtlStringFromGUID...): the executive's pool, so that a string a driver forgets to free shows
 * up in the pool report under its tag (Windows uses paged pool and 'GrtS': RTL_STRING_TAG; the
 * registry routines pass their own).
 *
 * The block is charged to the driver whose call of the DDI allocated it (ex_alloc_for with the
 * DDI's return address), so a string it forgets to free is that driver's leak at its unload,
 * listed with the driver's call site. ex_alloc_for zeroes the block, which the callers do not
 * rely on.
 */
#include "rtl.h"

#include "ex/ex.h"

void *rtl_alloc(SIZE_T size, ULONG tag, const void *caller)
{
    return ex_alloc_for(size ? size : 1, tag, caller);
}

void rtl_free(void *p)
{
    if (p != NULL)
        ex_free(p);
}
