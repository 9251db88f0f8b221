/*
 * crt.c - the kernel CRT's string routines for drivers: 16-bit wide strings (wcslen...),
 * case-insensitive comparison, case conversion. Exported as drvhost_crt_<name>; drivers call
 * them by their C names through the asm labels of drvhost_crt.h (see there for why).
 *
 * The non-_s routines follow the C standard and Microsoft's documentation; like Microsoft's,
 * they do not check for NULL (a NULL string faults, as it does on Windows). All are
 * thread-safe and callable at any IRQL.
 */
#include "rtl/rtl_private.h"

/* ---- case --------------------------------------------------------------------------------- */

static WCHAR wide_lower(WCHAR c)
{
    return RtlDowncaseUnicodeChar(c);
}

/* The "C" locale: ASCII letters only. */
static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

/* WEOF and values beyond 16 bits are returned unchanged. */
NTSYSAPI wint_t __cdecl drvhost_crt_towupper(wint_t c)
{
    return c > 0xFFFF ? c : RtlUpcaseUnicodeChar((WCHAR)c);
}

NTSYSAPI wint_t __cdecl drvhost_crt_towlower(wint_t c)
{
    return c > 0xFFFF ? c : RtlDowncaseUnicodeChar((WCHAR)c);
}

NTSYSAPI wchar_t *__cdecl drvhost_crt__wcsupr(wchar_t *str)
{
    for (wchar_t *p = str; *p; p++)
        *p = RtlUpcaseUnicodeChar(*p);
    return str;
}

NTSYSAPI wchar_t *__cdecl drvhost_crt__wcslwr(wchar_t *str)
{
    for (wchar_t *p = str; *p; p++)
        *p = RtlDowncaseUnicodeChar(*p);
    return str;
}

NTSYSAPI char *__cdecl drvhost_crt__strupr(char *str)
{
    for (char *p = str; *p; p++)
        *p = (char)ascii_upper((unsigned char)*p);
    return str;
}

NTSYSAPI char *__cdecl drvhost_crt__strlwr(char *str)
{
    for (char *p = str; *p; p++)
        *p = (char)ascii_lower((unsigned char)*p);
    return str;
}

/* ---- length, copy, concatenation ---------------------------------------------------------- */

NTSYSAPI size_t __cdecl drvhost_crt_wcslen(const wchar_t *str)
{
    return rtl_wcslen(str);
}

NTSYSAPI size_t __cdecl drvhost_crt_wcsnlen(const wchar_t *str, size_t numberOfElements)
{
    size_t n = 0;
    while (n < numberOfElements && str[n] != 0)
        n++;
    return n;
}

NTSYSAPI wchar_t *__cdecl drvhost_crt_wcscpy(wchar_t *strDestination, const wchar_t *strSource)
{
    wchar_t *d = strDestination;
    while ((*d++ = *strSource++) != 0)
        ;
    return strDestination;
}

/* Copies at most count characters and pads with zeros up to count (no terminator when the
 * source has count characters or more), as the standard says. */
NTSYSAPI wchar_t *__cdecl drvhost_crt_wcsncpy(wchar_t *strDest, const wchar_t *strSource,
                                              size_t count)
{
    size_t i = 0;
    for (; i < count && strSource[i] != 0; i++)
        strDest[i] = strSource[i];
    for (; i < count; i++)
        strDest[i] = 0;
    return strDest;
}

NTSYSAPI wchar_t *__cdecl drvhost_crt_wcscat(wchar_t *strDestination, const wchar_t *strSource)
{
    drvhost_crt_wcscpy(strDestination + rtl_wcslen(strDestination), strSource);
    return strDestination;
}

/* Appends at most count characters, then always a terminator. */
NTSYSAPI wchar_t *__cdecl drvhost_crt_wcsncat(wchar_t *strDest, const wchar_t *strSource,
                                              size_t count)
{
    wchar_t *d = strDest + rtl_wcslen(strDest);
    size_t i = 0;
    for (; i < count && strSource[i] != 0; i++)
        d[i] = strSource[i];
    d[i] = 0;
    return strDest;
}

/* ---- comparison --------------------------------------------------------------------------- */

/* Compares at most count characters, each mapped by `fold` (NULL: as is); the sign of the
 * first difference of the (unsigned) character values. */
static int compare_wide(const wchar_t *a, const wchar_t *b, size_t count, WCHAR (*fold)(WCHAR))
{
    for (size_t i = 0; i < count; i++) {
        WCHAR ca = fold ? fold(a[i]) : a[i], cb = fold ? fold(b[i]) : b[i];
        if (ca != cb)
            return ca < cb ? -1 : 1;
        if (ca == 0)
            break;
    }
    return 0;
}

NTSYSAPI int __cdecl drvhost_crt_wcscmp(const wchar_t *string1, const wchar_t *string2)
{
    return compare_wide(string1, string2, (size_t)-1, NULL);
}

NTSYSAPI int __cdecl drvhost_crt_wcsncmp(const wchar_t *string1, const wchar_t *string2,
                                         size_t count)
{
    return compare_wide(string1, string2, count, NULL);
}

/* Microsoft's _wcsicmp compares the lower-case forms (so '_' sorts before letters). */
NTSYSAPI int __cdecl drvhost_crt__wcsicmp(const wchar_t *string1, const wchar_t *string2)
{
    return compare_wide(string1, string2, (size_t)-1, wide_lower);
}

NTSYSAPI int __cdecl drvhost_crt__wcsnicmp(const wchar_t *string1, const wchar_t *string2,
                                           size_t count)
{
    return compare_wide(string1, string2, count, wide_lower);
}

static int compare_narrow_ci(const char *a, const char *b, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        int ca = ascii_lower((unsigned char)a[i]), cb = ascii_lower((unsigned char)b[i]);
        if (ca != cb)
            return ca - cb;
        if (ca == 0)
            break;
    }
    return 0;
}

NTSYSAPI int __cdecl drvhost_crt__stricmp(const char *string1, const char *string2)
{
    return compare_narrow_ci(string1, string2, (size_t)-1);
}

NTSYSAPI int __cdecl drvhost_crt__strnicmp(const char *string1, const char *string2, size_t count)
{
    return compare_narrow_ci(string1, string2, count);
}

/* ---- searching ---------------------------------------------------------------------------- */

/* The terminator is part of the string: wcschr(s, 0) finds it. */
NTSYSAPI wchar_t *__cdecl drvhost_crt_wcschr(const wchar_t *str, wchar_t c)
{
    for (;; str++) {
        if (*str == c)
            return (wchar_t *)str;
        if (*str == 0)
            return NULL;
    }
}

NTSYSAPI wchar_t *__cdecl drvhost_crt_wcsrchr(const wchar_t *str, wchar_t c)
{
    const wchar_t *last = NULL;
    for (;; str++) {
        if (*str == c)
            last = str;
        if (*str == 0)
            return (wchar_t *)last;
    }
}

/* An empty strSearch matches at str. */
NTSYSAPI wchar_t *__cdecl drvhost_crt_wcsstr(const wchar_t *str, const wchar_t *strSearch)
{
    size_t n = rtl_wcslen(strSearch);
    for (; *str; str++)
        if (compare_wide(str, strSearch, n, NULL) == 0)
            return (wchar_t *)str;
    return n == 0 ? (wchar_t *)str : NULL;
}

static int in_set(wchar_t c, const wchar_t *set)
{
    for (; *set; set++)
        if (*set == c)
            return 1;
    return 0;
}

NTSYSAPI size_t __cdecl drvhost_crt_wcsspn(const wchar_t *str, const wchar_t *strCharSet)
{
    size_t n = 0;
    while (str[n] != 0 && in_set(str[n], strCharSet))
        n++;
    return n;
}

NTSYSAPI size_t __cdecl drvhost_crt_wcscspn(const wchar_t *str, const wchar_t *strCharSet)
{
    size_t n = 0;
    while (str[n] != 0 && !in_set(str[n], strCharSet))
        n++;
    return n;
}

NTSYSAPI wchar_t *__cdecl drvhost_crt_wcspbrk(const wchar_t *str, const wchar_t *strCharSet)
{
    str += drvhost_crt_wcscspn(str, strCharSet);
    return *str ? (wchar_t *)str : NULL;
}
