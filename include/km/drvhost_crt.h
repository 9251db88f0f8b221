/*
 * drvhost_crt.h - the kernel C runtime routines a driver calls besides the _snprintf family:
 * wide-character strings (wcslen, _wcsicmp...), the bounds-checked _s forms (wcscpy_s,
 * memcpy_s, swprintf_s...), case-insensitive narrow comparison and integer formatting
 * (_itoa_s...). On Windows they come with the WDK's CRT headers (string.h, wchar.h,
 * stdlib.h, stdio.h) and ntoskrnl exports them; drvhost's are declared here, included by
 * drvhost_rtl.h (so by wdm.h), and compile alone.
 *
 * Why the asm labels: a driver's wchar_t is 16 bits (-fshort-wchar), glibc's is 32. Were a
 * driver module to import `wcslen`, the dynamic linker could bind it to glibc's, which would
 * read the string four bytes at a time. So in driver code each routine is declared under its
 * C name with an assembler label: the call compiles as usual, but the module imports
 * `drvhost_crt_wcslen`, which only libdrvhost.so exports. The runtime itself (built with
 * DRVHOST_RUNTIME) sees the drvhost_crt_ names, which it defines; it never sees the C names,
 * so this header does not clash with glibc's <wchar.h> in runtime code. In driver code the
 * declarations are compatible with glibc's when a driver includes both (same types: wint_t
 * is the compiler's, see below).
 *
 * Behaviour is Microsoft's (cpp-docs), with these drvhost choices:
 *  - The _s routines report a bad parameter as the CRT does once its invalid parameter handler
 *    returns: an errno_t (EINVAL, ERANGE, STRUNCATE) or -1 for the printf forms, with the
 *    documented destination contents (dest[0] = 0 where the table says so). No handler is
 *    called and errno is not set (a driver has no errno). A destination size of 0 is EINVAL
 *    with the destination untouched (it has no first element to clear).
 *  - Case mapping (towupper, _wcsicmp, _wcsupr...) uses the runtime's table (RtlUpcaseUnicodeChar:
 *    ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic); the narrow ones (_stricmp, _strupr)
 *    map ASCII letters only, as the "C" locale does.
 *  - The printf forms use the Microsoft dialect of _vsnprintf (%ws, %wZ, %I64d...).
 *  - wint_t is the compiler's (32 bits) rather than Microsoft's 16: GCC knows towupper as a
 *    built-in with that type, and the values are the same. WEOF is 0xFFFF as in Microsoft's CRT.
 *  - _ltoa_s/_ultoa_s convert a 32-bit value, as Windows' long is (a driver built LP64 passes a
 *    64-bit long; its low 32 bits are converted).
 */
#ifndef DRVHOST_CRT_H
#define DRVHOST_CRT_H

#include <stdarg.h>
#include <stddef.h>

#include <ntdef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif
#ifndef __wint_t_defined
#define __wint_t_defined 1
typedef __WINT_TYPE__ wint_t;
#endif
#ifndef WEOF
#define WEOF ((wint_t)0xFFFF)
#endif

/* errno values (the same numbers in Microsoft's CRT and glibc). */
#ifndef EINVAL
#define EINVAL 22
#endif
#ifndef ERANGE
#define ERANGE 34
#endif
#ifndef STRUNCATE
#define STRUNCATE 80
#endif
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif

/* C++: noexcept, as the C library declares the same names (abs, sin, cos, wcslen...: glibc's
 * __THROW) in a header the driver may include after this one (math.h, wchar.h); clang refuses a
 * redeclaration whose exception specification differs, GCC merges them. */
#ifdef __cplusplus
#define DRVHOST_CRT_NOTHROW_ noexcept
#else
#define DRVHOST_CRT_NOTHROW_
#endif
#if defined(DRVHOST_RUNTIME)
#define DRVHOST_CRT_(ret, name, params) NTSYSAPI ret __cdecl drvhost_crt_##name params
#else
#define DRVHOST_CRT_(ret, name, params)                                                            \
    NTSYSAPI ret __cdecl name params DRVHOST_CRT_NOTHROW_ __asm__("drvhost_crt_" #name)
#endif

/* ---- wide-character strings --------------------------------------------------------------- */

DRVHOST_CRT_(size_t, wcslen, (const wchar_t *str));
DRVHOST_CRT_(size_t, wcsnlen, (const wchar_t *str, size_t numberOfElements));
DRVHOST_CRT_(wchar_t *, wcscpy, (wchar_t * strDestination, const wchar_t *strSource));
DRVHOST_CRT_(wchar_t *, wcsncpy, (wchar_t * strDest, const wchar_t *strSource, size_t count));
DRVHOST_CRT_(wchar_t *, wcscat, (wchar_t * strDestination, const wchar_t *strSource));
DRVHOST_CRT_(wchar_t *, wcsncat, (wchar_t * strDest, const wchar_t *strSource, size_t count));
DRVHOST_CRT_(int, wcscmp, (const wchar_t *string1, const wchar_t *string2));
DRVHOST_CRT_(int, wcsncmp, (const wchar_t *string1, const wchar_t *string2, size_t count));
DRVHOST_CRT_(int, _wcsicmp, (const wchar_t *string1, const wchar_t *string2));
DRVHOST_CRT_(int, _wcsnicmp, (const wchar_t *string1, const wchar_t *string2, size_t count));
DRVHOST_CRT_(wchar_t *, wcschr, (const wchar_t *str, wchar_t c));
DRVHOST_CRT_(wchar_t *, wcsrchr, (const wchar_t *str, wchar_t c));
DRVHOST_CRT_(wchar_t *, wcsstr, (const wchar_t *str, const wchar_t *strSearch));
DRVHOST_CRT_(size_t, wcsspn, (const wchar_t *str, const wchar_t *strCharSet));
DRVHOST_CRT_(size_t, wcscspn, (const wchar_t *str, const wchar_t *strCharSet));
DRVHOST_CRT_(wchar_t *, wcspbrk, (const wchar_t *str, const wchar_t *strCharSet));
DRVHOST_CRT_(wint_t, towupper, (wint_t c));
DRVHOST_CRT_(wint_t, towlower, (wint_t c));
DRVHOST_CRT_(wchar_t *, _wcsupr, (wchar_t * str));
DRVHOST_CRT_(wchar_t *, _wcslwr, (wchar_t * str));

/* ---- narrow strings glibc lacks ----------------------------------------------------------- */

DRVHOST_CRT_(int, _stricmp, (const char *string1, const char *string2));
DRVHOST_CRT_(int, _strnicmp, (const char *string1, const char *string2, size_t count));
DRVHOST_CRT_(char *, _strupr, (char *str));
DRVHOST_CRT_(char *, _strlwr, (char *str));

/* ---- bounds-checked copies ---------------------------------------------------------------- */

DRVHOST_CRT_(errno_t, wcscpy_s, (wchar_t * dest, rsize_t dest_size, const wchar_t *src));
DRVHOST_CRT_(errno_t, wcsncpy_s,
             (wchar_t * strDest, size_t numberOfElements, const wchar_t *strSource, size_t count));
DRVHOST_CRT_(errno_t, wcscat_s,
             (wchar_t * strDestination, size_t numberOfElements, const wchar_t *strSource));
DRVHOST_CRT_(errno_t, wcsncat_s,
             (wchar_t * strDest, size_t numberOfElements, const wchar_t *strSource, size_t count));
DRVHOST_CRT_(errno_t, strcpy_s, (char *dest, rsize_t dest_size, const char *src));
DRVHOST_CRT_(errno_t, strncpy_s,
             (char *strDest, size_t numberOfElements, const char *strSource, size_t count));
DRVHOST_CRT_(errno_t, strcat_s,
             (char *strDestination, size_t numberOfElements, const char *strSource));
DRVHOST_CRT_(errno_t, strncat_s,
             (char *strDest, size_t numberOfElements, const char *strSource, size_t count));
DRVHOST_CRT_(errno_t, memcpy_s, (void *dest, size_t destSize, const void *src, size_t count));
DRVHOST_CRT_(errno_t, memmove_s,
             (void *dest, size_t numberOfElements, const void *src, size_t count));

/* ---- bounds-checked printf ---------------------------------------------------------------- */

/* The number of characters stored (without the terminator), or -1. */
DRVHOST_CRT_(int, swprintf_s, (wchar_t * buffer, size_t sizeOfBuffer, const wchar_t *format, ...));
DRVHOST_CRT_(int, vswprintf_s,
             (wchar_t * buffer, size_t numberOfElements, const wchar_t *format, va_list argptr));
DRVHOST_CRT_(int, _snwprintf_s,
             (wchar_t * buffer, size_t sizeOfBuffer, size_t count, const wchar_t *format, ...));
DRVHOST_CRT_(int, _vsnwprintf_s,
             (wchar_t * buffer, size_t sizeOfBuffer, size_t count, const wchar_t *format,
              va_list argptr));
DRVHOST_CRT_(int, sprintf_s, (char *buffer, size_t sizeOfBuffer, const char *format, ...));
DRVHOST_CRT_(int, vsprintf_s,
             (char *buffer, size_t numberOfElements, const char *format, va_list argptr));
DRVHOST_CRT_(int, _snprintf_s,
             (char *buffer, size_t sizeOfBuffer, size_t count, const char *format, ...));
DRVHOST_CRT_(int, _vsnprintf_s,
             (char *buffer, size_t sizeOfBuffer, size_t count, const char *format, va_list argptr));

/* ---- integers to strings ------------------------------------------------------------------ */

/* Radix 2..36, lower-case digits; a '-' only for negative values in radix 10. */
DRVHOST_CRT_(errno_t, _itoa_s, (int value, char *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _itow_s, (int value, wchar_t *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ltoa_s, (long value, char *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ltow_s, (long value, wchar_t *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ultoa_s, (unsigned long value, char *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ultow_s, (unsigned long value, wchar_t *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _i64toa_s, (long long value, char *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _i64tow_s, (long long value, wchar_t *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ui64toa_s, (unsigned long long value, char *buffer, size_t size, int radix));
DRVHOST_CRT_(errno_t, _ui64tow_s,
             (unsigned long long value, wchar_t *buffer, size_t size, int radix));

/* The kernel CRT's arithmetic (libcntpr.lib) that general/perfcounters/kcs calls with no header
 * of its own (abs, and sin and cos between KeSaveFloatingPointState and
 * KeRestoreFloatingPointState): the host C library's, behind drvhost_crt_ names like the
 * others (src/rtl/crt_math.c). */
DRVHOST_CRT_(int, abs, (int value));
DRVHOST_CRT_(double, sin, (double x));
DRVHOST_CRT_(double, cos, (double x));

#undef DRVHOST_CRT_
#undef DRVHOST_CRT_NOTHROW_

#ifdef __cplusplus
}
#endif

#endif
