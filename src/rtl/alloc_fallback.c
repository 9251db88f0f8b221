/*
 * alloc_fallback.c - the allocator behind the Rtl routines that allocate for their caller
 * (RtlAnsiStringToUnicodeString with AllocateDestinationString, RtlCreateUnicodeString,
 * RtlStringFromGUID...).
 *
 * rtl sits below ex, so it does not call the pool itself: ex_init installs it here
 * (rtl_set_allocator), so that a string a driver forgets to free shows up in the pool report
 * under its tag (Windows uses paged pool and 'GrtS': RTL_STRING_TAG; the registry routines pass
 * their own), charged to the driver whose call of the DDI allocated it (the DDI's return
 * address is passed down as `caller`).
 *
 * Before ex_init installs the pool (no driver runs then) rtl_alloc fails: NULL, which the
 * routines turn into STATUS_NO_MEMORY. The hooks are set once at boot, before any other thread
 * runs, and never changed afterwards, so they are read without a lock.
 */
#include "rtl/rtl_private.h"

static struct rtl_allocator rtl_allocator;

void rtl_set_allocator(const struct rtl_allocator *allocator)
{
    rtl_allocator = *allocator;
}

void *rtl_alloc(SIZE_T size, ULONG tag, const void *caller)
{
    if (rtl_allocator.alloc == NULL)
        return NULL;
    return rtl_allocator.alloc(size ? size : 1, tag, caller);
}

void rtl_free(void *p)
{
    if (p != NULL && rtl_allocator.free != NULL)
        rtl_allocator.free(p);
}
