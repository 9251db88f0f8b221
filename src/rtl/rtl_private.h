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

/* The Microsoft printf dialect (rtl_vformat, format.c) is declared in rtl/rtl.h. */

/* Character helpers shared by string.c and format.c. Length in WCHARs of a terminated WCHAR string
 * (our own: glibc's wcs* are not for 16-bit). */
size_t rtl_wcslen(const WCHAR *s);
/* WCHAR to one ANSI (Latin-1) byte; '?' for what Latin-1 lacks. */
static inline char rtl_wchar_to_ansi(WCHAR c)
{
    return c < 0x100 ? (char)c : '?';
}

#endif
