/*
 * dbgprint.c - DbgPrint, DbgPrintEx, vDbgPrintEx, vDbgPrintExWithPrefix: debug output with
 * Windows' component filtering, written to the host's stderr instead of a kernel debugger.
 *
 * Filtering (documented in "Reading and Filtering Debugging Messages"): Level 0-31 selects one
 * bit (1 << Level), a larger Level is the importance field itself; a message is written when
 * that field ANDed with (component mask | WIN2000 mask) is nonzero. Component masks start at
 * 0 and the WIN2000 mask at 0x1, so by default only DPFLTR_ERROR_LEVEL messages are written,
 * and DbgPrint/KdPrint (DEFAULT component, INFO level) are not, as on Windows Vista and
 * later. The host opens the filter with rtl_dbg_set_filter (the Kd_<component>_Mask and
 * "Debug Print Filter" registry values of Windows). An id outside the DPFLTR table is
 * filtered by the WIN2000 mask alone.
 *
 * Each message is formatted (prefix included) into a 512-byte buffer, as Windows transmits at
 * most 512 bytes per call (the rest is lost), and written with one fwrite to stderr; stdio
 * locks the stream for the call, so messages from concurrent threads do not interleave. A
 * message without a trailing newline is written as is. The masks are read and written with
 * atomic operations: every routine here is thread-safe and takes no lock of ours, so it may be
 * called at any IRQL.
 */
#include <stdio.h>
#include <string.h>

#include "rtl/rtl_private.h"

#define DBG_MESSAGE_MAX 512

static ULONG component_masks[DPFLTR_ENDOFTABLE_ID];
static ULONG win2000_mask = 0x1;
static int dbg_quiet;

void rtl_dbg_set_filter(ULONG component, ULONG mask)
{
    ULONG i;

    if (component == RTL_DBG_WIN2000 || component == RTL_DBG_ALL_COMPONENTS)
        __atomic_store_n(&win2000_mask, mask, __ATOMIC_RELAXED);
    if (component == RTL_DBG_ALL_COMPONENTS) {
        for (i = 0; i < DPFLTR_ENDOFTABLE_ID; i++)
            __atomic_store_n(&component_masks[i], mask, __ATOMIC_RELAXED);
    } else if (component < DPFLTR_ENDOFTABLE_ID) {
        __atomic_store_n(&component_masks[component], mask, __ATOMIC_RELAXED);
    }
}

void rtl_dbg_set_quiet(int quiet)
{
    __atomic_store_n(&dbg_quiet, quiet, __ATOMIC_RELAXED);
}

int rtl_dbg_quiet(void)
{
    return __atomic_load_n(&dbg_quiet, __ATOMIC_RELAXED);
}

static int dbg_enabled(ULONG component, ULONG level)
{
    ULONG importance = level < 32 ? 1u << level : level;
    ULONG mask = __atomic_load_n(&win2000_mask, __ATOMIC_RELAXED);

    if (component < DPFLTR_ENDOFTABLE_ID)
        mask |= __atomic_load_n(&component_masks[component], __ATOMIC_RELAXED);
    return (importance & mask) != 0;
}

NTSYSAPI ULONG NTAPI vDbgPrintExWithPrefix(PCCH Prefix, ULONG ComponentId, ULONG Level, PCCH Format,
                                           va_list arglist)
{
    char buf[DBG_MESSAGE_MAX];
    size_t plen = 0;
    ptrdiff_t n;

    if (!dbg_enabled(ComponentId, Level))
        return STATUS_SUCCESS;
    if (Prefix != NULL) {
        plen = strlen(Prefix);
        if (plen > sizeof(buf))
            plen = sizeof(buf);
        memcpy(buf, Prefix, plen);
    }
    n = rtl_vformat(0, buf + plen, sizeof(buf) - plen, Format, arglist);
    if (n < 0)
        return (ULONG)STATUS_INVALID_PARAMETER; /* %n or no format */
    if ((size_t)n > sizeof(buf) - plen)
        n = (ptrdiff_t)(sizeof(buf) - plen); /* the 512-byte limit: the rest is lost */
    if (!__atomic_load_n(&dbg_quiet, __ATOMIC_RELAXED) && plen + (size_t)n > 0) {
        fwrite(buf, 1, plen + (size_t)n, stderr);
        fflush(stderr);
    }
    return STATUS_SUCCESS;
}

NTSYSAPI ULONG NTAPI vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
    return vDbgPrintExWithPrefix(NULL, ComponentId, Level, Format, arglist);
}

NTSYSAPI ULONG __cdecl DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
    va_list ap;
    ULONG status;

    va_start(ap, Format);
    status = vDbgPrintExWithPrefix(NULL, ComponentId, Level, Format, ap);
    va_end(ap);
    return status;
}

NTSYSAPI ULONG __cdecl DbgPrint(PCSTR Format, ...)
{
    va_list ap;
    ULONG status;

    va_start(ap, Format);
    status = vDbgPrintExWithPrefix(NULL, DPFLTR_DEFAULT_ID, DPFLTR_INFO_LEVEL, Format, ap);
    va_end(ap);
    return status;
}
