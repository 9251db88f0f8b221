/* rtl_private.h - shared between the runtime library's own files (not for other layers). */
#ifndef DRVHOST_RTL_PRIVATE_H
#define DRVHOST_RTL_PRIVATE_H

#include "rtl/rtl.h"

/* Frees what rtl_alloc allocated (RtlFreeUnicodeString, RtlFreeAnsiString). */
void rtl_free(void *p);

/* The tag of the strings the Rtl routines allocate. */
#define RTL_STRING_TAG 0x53747247u /* 'GrtS' as the pool prints it */

/* The version numbers only RtlGetVersion and RtlVerifyVersionInfo use (see rtl/rtl.h). */
#define RTL_DRVHOST_NTDDI      0x0A000008u /* NTDDI_WIN10_VB */
#define RTL_DRVHOST_SUITE_MASK 0x0100      /* VER_SUITE_SINGLEUSERTS, as a desktop reports */

/* The Microsoft printf dialect (format.c): formats into buf (narrow: char; wide: WCHAR), storing at
 * most cap characters and no terminator. Returns the number of characters the whole output takes
 * (it may exceed cap), or -1 for a format the engine refuses (%n, a malformed conversion). fmt is a
 * char string when wide is 0, a WCHAR string otherwise. buf may be NULL when cap is 0. The variant
 * taking a va_list pointer is in rtl/rtl.h. */
ptrdiff_t rtl_vformat(int wide, void *buf, size_t cap, const void *fmt, va_list ap);

/* Character helpers shared by string.c and format.c. Length in WCHARs of a terminated WCHAR string
 * (our own: glibc's wcs* are not for 16-bit). */
size_t rtl_wcslen(const WCHAR *s);
/* WCHAR to one ANSI (Latin-1) byte; '?' for what Latin-1 lacks. */
static inline char rtl_wchar_to_ansi(WCHAR c)
{
    return c < 0x100 ? (char)c : '?';
}

#endif
