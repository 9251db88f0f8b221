/*
 * alloc_fallback.c - the allocator behind the Rtl routines that allocate for their caller.
 *
 * TODO lead: route to ExAllocatePoolWithTag 'GrtS' (PagedPool, as Windows does for
 * RtlAnsiStringToUnicodeString and friends) and ExFreePoolWithTag once src/ex exists, so
 * that leaks show up in the pool report. Until then it is plain malloc/free.
 */
#include <stdlib.h>

#include "rtl.h"

void *rtl_alloc(SIZE_T size, ULONG tag)
{
    (void)tag;
    return malloc(size ? size : 1);
}

void rtl_free(void *p)
{
    free(p);
}
