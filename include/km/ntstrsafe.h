/*
 * ntstrsafe.h - the kernel's safe string functions (RtlString*, RtlUnicodeString*).
 *
 * As in the WDK, every function is defined in this header (static inline: nothing to link but
 * _vsnprintf/_vsnwprintf, which the runtime exports). Behaviour follows the documentation:
 *   - a destination size of 0 or above NTSTRSAFE_MAX_CCH characters is STATUS_INVALID_PARAMETER
 *     (the Ex functions accept 0 with STRSAFE_IGNORE_NULLS);
 *   - truncation returns STATUS_BUFFER_OVERFLOW with the result still null-terminated (the
 *     UNICODE_STRING forms are counted and never terminated);
 *   - Cat on a destination holding no terminator within its size ("already full") is
 *     STATUS_INVALID_PARAMETER;
 *   - the printf forms use the Microsoft dialect (%wZ, %ws, %I64d...) of _vsnprintf.
 * Provided Ex forms: RtlStringC{b,ch}CopyEx{A,W}, RtlStringCb{,V}PrintfEx{A,W}. Not provided
 * yet: the other Ex forms (CatEx, CopyNEx, CatNEx, RtlStringCchPrintfEx), RtlUnicodeStringInitEx
 * and the other RtlUnicodeString*Ex / *N forms, RtlStringC{b,ch}CopyUnicodeString{,Ex}, the
 * RtlUnalignedStringC{b,ch}Length forms.
 */
#ifndef _NTSTRSAFE_H_INCLUDED_
#define _NTSTRSAFE_H_INCLUDED_

#include <stdarg.h>

#include <ntdef.h>
#include <ntstatus.h>

#ifdef __cplusplus
extern "C" {
#endif

/* _vsnprintf, _vsnwprintf (the Microsoft printf dialect): declared by drvhost_rtl.h. */
#include <drvhost_rtl.h>

#ifdef NTSTRSAFEDDI
#undef NTSTRSAFEDDI
#endif
#define NTSTRSAFEDDI       static inline NTSTATUS NTAPI
#define NTSTRSAFEWORKERDDI static inline NTSTATUS NTAPI

typedef char *NTSTRSAFE_PSTR;
typedef const char *NTSTRSAFE_PCSTR;
typedef wchar_t *NTSTRSAFE_PWSTR;
typedef const wchar_t *NTSTRSAFE_PCWSTR;
typedef ULONG STRSAFE_DWORD;

#define NTSTRSAFE_MAX_CCH                2147483647
#define NTSTRSAFE_MAX_LENGTH             (NTSTRSAFE_MAX_CCH - 1)
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH 32767

#define STRSAFE_IGNORE_NULLS     0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE  0x00000400
#define STRSAFE_NULL_ON_FAILURE  0x00000800
#define STRSAFE_NO_TRUNCATION    0x00001000
#define STRSAFE_VALID_FLAGS                                                                        \
    (0x000000FF | STRSAFE_IGNORE_NULLS | STRSAFE_FILL_BEHIND_NULL | STRSAFE_FILL_ON_FAILURE |      \
     STRSAFE_NULL_ON_FAILURE | STRSAFE_NO_TRUNCATION)
#define STRSAFE_FILL_BYTE(x)              ((STRSAFE_DWORD)(((x)&0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x)           ((STRSAFE_DWORD)(((x)&0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags)&0x000000FF))

/*
 * The workers, once per character type (S = A with char, W with wchar_t). Names are
 * drvhost's (snake_case after a prefix no driver uses).
 *   len:    length of s if a terminator lies within max characters.
 *   copy:   copies at most max_src characters of src into dst (cch > 0), always terminated;
 *           *copied receives the characters copied.
 *   vprintf: formats into dst (cch > 0), always terminated; *written gets the length.
 *   ex:     the STRSAFE_* flag handling of the Ex forms after the operation.
 */
#define DRVHOST_NTSTRSAFE_WORKERS(S, T, VSNPRINTF)                                                 \
    static inline NTSTATUS drvhost_ntss_len_##S(const T *s, size_t max, size_t *len)               \
    {                                                                                              \
        size_t n = 0;                                                                              \
        while (n < max && s[n] != 0)                                                               \
            n++;                                                                                   \
        *len = n < max ? n : 0;                                                                    \
        return n < max ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;                                \
    }                                                                                              \
    static inline NTSTATUS drvhost_ntss_copy_##S(T *dst, size_t cch, const T *src, size_t max_src, \
                                                 size_t *copied)                                   \
    {                                                                                              \
        size_t n = 0;                                                                              \
        while (n + 1 < cch && n < max_src && src[n] != 0) {                                        \
            dst[n] = src[n];                                                                       \
            n++;                                                                                   \
        }                                                                                          \
        dst[n] = 0;                                                                                \
        if (copied)                                                                                \
            *copied = n;                                                                           \
        return (n < max_src && src[n] != 0) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;             \
    }                                                                                              \
    static inline NTSTATUS drvhost_ntss_vprintf_##S(T *dst, size_t cch, const T *fmt, va_list ap,  \
                                                    size_t *written)                               \
    {                                                                                              \
        size_t max = cch - 1;                                                                      \
        int r = VSNPRINTF(dst, max, fmt, ap);                                                      \
        if (r < 0 || (size_t)r > max) {                                                            \
            dst[max] = 0;                                                                          \
            if (written)                                                                           \
                *written = max;                                                                    \
            return STATUS_BUFFER_OVERFLOW;                                                         \
        }                                                                                          \
        dst[r] = 0;                                                                                \
        if (written)                                                                               \
            *written = (size_t)r;                                                                  \
        return STATUS_SUCCESS;                                                                     \
    }                                                                                              \
    static inline NTSTATUS drvhost_ntss_ex_check_##S(T *dst, size_t cch, STRSAFE_DWORD flags)      \
    {                                                                                              \
        if (flags & ~(STRSAFE_DWORD)STRSAFE_VALID_FLAGS)                                           \
            return STATUS_INVALID_PARAMETER;                                                       \
        if (flags & STRSAFE_IGNORE_NULLS)                                                          \
            return ((dst == NULL && cch != 0) || cch > NTSTRSAFE_MAX_CCH)                          \
                       ? STATUS_INVALID_PARAMETER                                                  \
                       : STATUS_SUCCESS;                                                           \
        return (dst == NULL || cch == 0 || cch > NTSTRSAFE_MAX_CCH) ? STATUS_INVALID_PARAMETER     \
                                                                    : STATUS_SUCCESS;              \
    }                                                                                              \
    static inline NTSTATUS drvhost_ntss_ex_##S(NTSTATUS status, T *dst, size_t cch, size_t len,    \
                                               T **end, size_t *remaining, STRSAFE_DWORD flags)    \
    {                                                                                              \
        int fill = STRSAFE_GET_FILL_PATTERN(flags);                                                \
        size_t rem = cch - len;                                                                    \
        if (status == STATUS_SUCCESS) {                                                            \
            if ((flags & STRSAFE_FILL_BEHIND_NULL) && rem > 1)                                     \
                memset(dst + len + 1, fill, (rem - 1) * sizeof(T));                                \
        } else if (dst != NULL && cch > 0) {                                                       \
            if ((flags & STRSAFE_FILL_ON_FAILURE)) {                                               \
                memset(dst, fill, cch * sizeof(T));                                                \
                len = fill == 0 ? 0 : cch - 1;                                                     \
                dst[len] = 0;                                                                      \
            } else if ((flags & STRSAFE_NULL_ON_FAILURE) ||                                        \
                       ((flags & STRSAFE_NO_TRUNCATION) && status == STATUS_BUFFER_OVERFLOW)) {    \
                len = 0;                                                                           \
                dst[0] = 0;                                                                        \
            }                                                                                      \
            rem = cch - len;                                                                       \
        }                                                                                          \
        if (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW) {                        \
            if (end) /* NULL stays NULL (IGNORE_NULLS): no arithmetic on a null pointer */         \
                *end = dst != NULL ? dst + len : NULL;                                             \
            if (remaining)                                                                         \
                *remaining = rem;                                                                  \
        }                                                                                          \
        return status;                                                                             \
    }

#include <string.h> /* memset, for the Ex workers */

DRVHOST_NTSTRSAFE_WORKERS(A, char, _vsnprintf)
DRVHOST_NTSTRSAFE_WORKERS(W, wchar_t, _vsnwprintf)

static inline int drvhost_ntss_cch_bad(size_t cch)
{
    return cch == 0 || cch > NTSTRSAFE_MAX_CCH;
}

/* ---- Copy ----------------------------------------------------------------------------------- */

NTSTRSAFEDDI RtlStringCchCopyA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_copy_A(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH, NULL);
}

NTSTRSAFEDDI RtlStringCchCopyW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_copy_W(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH, NULL);
}

NTSTRSAFEDDI RtlStringCbCopyA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return RtlStringCchCopyA(pszDest, cbDest / sizeof(char), pszSrc);
}

NTSTRSAFEDDI RtlStringCbCopyW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return RtlStringCchCopyW(pszDest, cbDest / sizeof(wchar_t), pszSrc);
}

NTSTRSAFEDDI RtlStringCchCopyNA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc,
                                size_t cchToCopy)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    if (cchToCopy > NTSTRSAFE_MAX_CCH) {
        pszDest[0] = 0;
        return STATUS_INVALID_PARAMETER;
    }
    return drvhost_ntss_copy_A(pszDest, cchDest, pszSrc, cchToCopy, NULL);
}

NTSTRSAFEDDI RtlStringCchCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc,
                                size_t cchToCopy)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    if (cchToCopy > NTSTRSAFE_MAX_CCH) {
        pszDest[0] = 0;
        return STATUS_INVALID_PARAMETER;
    }
    return drvhost_ntss_copy_W(pszDest, cchDest, pszSrc, cchToCopy, NULL);
}

NTSTRSAFEDDI RtlStringCbCopyNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc,
                               size_t cbToCopy)
{
    return RtlStringCchCopyNA(pszDest, cbDest / sizeof(char), pszSrc, cbToCopy / sizeof(char));
}

NTSTRSAFEDDI RtlStringCbCopyNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc,
                               size_t cbToCopy)
{
    return RtlStringCchCopyNW(pszDest, cbDest / sizeof(wchar_t), pszSrc,
                              cbToCopy / sizeof(wchar_t));
}

NTSTRSAFEDDI RtlStringCchCopyExA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc,
                                 NTSTRSAFE_PSTR *ppszDestEnd, size_t *pcchRemaining,
                                 STRSAFE_DWORD dwFlags)
{
    size_t len = 0;
    NTSTATUS status = drvhost_ntss_ex_check_A(pszDest, cchDest, dwFlags);

    if (status == STATUS_SUCCESS && pszSrc == NULL && !(dwFlags & STRSAFE_IGNORE_NULLS))
        status = STATUS_INVALID_PARAMETER;
    if (pszSrc == NULL)
        pszSrc = "";
    if (status == STATUS_SUCCESS && cchDest == 0)
        status = pszSrc[0] == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    else if (status == STATUS_SUCCESS)
        status = drvhost_ntss_copy_A(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH, &len);
    if (status == STATUS_INVALID_PARAMETER && drvhost_ntss_cch_bad(cchDest))
        return status; /* nothing may be written */
    return drvhost_ntss_ex_A(status, pszDest, cchDest, len, ppszDestEnd, pcchRemaining, dwFlags);
}

NTSTRSAFEDDI RtlStringCchCopyExW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc,
                                 NTSTRSAFE_PWSTR *ppszDestEnd, size_t *pcchRemaining,
                                 STRSAFE_DWORD dwFlags)
{
    size_t len = 0;
    NTSTATUS status = drvhost_ntss_ex_check_W(pszDest, cchDest, dwFlags);

    if (status == STATUS_SUCCESS && pszSrc == NULL && !(dwFlags & STRSAFE_IGNORE_NULLS))
        status = STATUS_INVALID_PARAMETER;
    if (pszSrc == NULL)
        pszSrc = L"";
    if (status == STATUS_SUCCESS && cchDest == 0)
        status = pszSrc[0] == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    else if (status == STATUS_SUCCESS)
        status = drvhost_ntss_copy_W(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH, &len);
    if (status == STATUS_INVALID_PARAMETER && drvhost_ntss_cch_bad(cchDest))
        return status;
    return drvhost_ntss_ex_W(status, pszDest, cchDest, len, ppszDestEnd, pcchRemaining, dwFlags);
}

NTSTRSAFEDDI RtlStringCbCopyExA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc,
                                NTSTRSAFE_PSTR *ppszDestEnd, size_t *pcbRemaining,
                                STRSAFE_DWORD dwFlags)
{
    size_t rem = 0;
    NTSTATUS status =
        RtlStringCchCopyExA(pszDest, cbDest / sizeof(char), pszSrc, ppszDestEnd, &rem, dwFlags);
    if (pcbRemaining && (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW))
        *pcbRemaining = rem * sizeof(char);
    return status;
}

NTSTRSAFEDDI RtlStringCbCopyExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc,
                                NTSTRSAFE_PWSTR *ppszDestEnd, size_t *pcbRemaining,
                                STRSAFE_DWORD dwFlags)
{
    size_t rem = 0;
    NTSTATUS status =
        RtlStringCchCopyExW(pszDest, cbDest / sizeof(wchar_t), pszSrc, ppszDestEnd, &rem, dwFlags);
    if (pcbRemaining && (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW))
        *pcbRemaining = rem * sizeof(wchar_t);
    return status;
}

/* ---- Cat ------------------------------------------------------------------------------------ */

NTSTRSAFEDDI RtlStringCchCatNA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc,
                               size_t cchToAppend)
{
    size_t len;

    if (drvhost_ntss_cch_bad(cchDest) || cchToAppend > NTSTRSAFE_MAX_CCH ||
        drvhost_ntss_len_A(pszDest, cchDest, &len) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_copy_A(pszDest + len, cchDest - len, pszSrc, cchToAppend, NULL);
}

NTSTRSAFEDDI RtlStringCchCatNW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc,
                               size_t cchToAppend)
{
    size_t len;

    if (drvhost_ntss_cch_bad(cchDest) || cchToAppend > NTSTRSAFE_MAX_CCH ||
        drvhost_ntss_len_W(pszDest, cchDest, &len) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_copy_W(pszDest + len, cchDest - len, pszSrc, cchToAppend, NULL);
}

NTSTRSAFEDDI RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc)
{
    return RtlStringCchCatNA(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTRSAFEDDI RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return RtlStringCchCatNW(pszDest, cchDest, pszSrc, NTSTRSAFE_MAX_CCH);
}

NTSTRSAFEDDI RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc)
{
    return RtlStringCchCatA(pszDest, cbDest / sizeof(char), pszSrc);
}

NTSTRSAFEDDI RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc)
{
    return RtlStringCchCatW(pszDest, cbDest / sizeof(wchar_t), pszSrc);
}

NTSTRSAFEDDI RtlStringCbCatNA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc,
                              size_t cbToAppend)
{
    return RtlStringCchCatNA(pszDest, cbDest / sizeof(char), pszSrc, cbToAppend / sizeof(char));
}

NTSTRSAFEDDI RtlStringCbCatNW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc,
                              size_t cbToAppend)
{
    return RtlStringCchCatNW(pszDest, cbDest / sizeof(wchar_t), pszSrc,
                             cbToAppend / sizeof(wchar_t));
}

/* ---- Printf --------------------------------------------------------------------------------- */

NTSTRSAFEDDI RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat,
                                  va_list argList)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_vprintf_A(pszDest, cchDest, pszFormat, argList, NULL);
}

NTSTRSAFEDDI RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
                                  NTSTRSAFE_PCWSTR pszFormat, va_list argList)
{
    if (drvhost_ntss_cch_bad(cchDest))
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_vprintf_W(pszDest, cchDest, pszFormat, argList, NULL);
}

NTSTRSAFEDDI RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat,
                                 va_list argList)
{
    return RtlStringCchVPrintfA(pszDest, cbDest / sizeof(char), pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat,
                                 va_list argList)
{
    return RtlStringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, argList);
}

NTSTRSAFEDDI RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat,
                                 ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status = RtlStringCchVPrintfA(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTRSAFEDDI RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest,
                                 NTSTRSAFE_PCWSTR pszFormat, ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status = RtlStringCchVPrintfW(pszDest, cchDest, pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTRSAFEDDI RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat,
                                ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status = RtlStringCchVPrintfA(pszDest, cbDest / sizeof(char), pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTRSAFEDDI RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat,
                                ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status = RtlStringCchVPrintfW(pszDest, cbDest / sizeof(wchar_t), pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTRSAFEDDI RtlStringCbVPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
                                   NTSTRSAFE_PSTR *ppszDestEnd, size_t *pcbRemaining,
                                   STRSAFE_DWORD dwFlags, NTSTRSAFE_PCSTR pszFormat,
                                   va_list argList)
{
    size_t cch = cbDest / sizeof(char), len = 0;
    NTSTATUS status = drvhost_ntss_ex_check_A(pszDest, cch, dwFlags);

    if (status == STATUS_SUCCESS && pszFormat == NULL && !(dwFlags & STRSAFE_IGNORE_NULLS))
        status = STATUS_INVALID_PARAMETER;
    if (pszFormat == NULL)
        pszFormat = "";
    if (status == STATUS_SUCCESS && cch == 0)
        status = pszFormat[0] == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    else if (status == STATUS_SUCCESS)
        status = drvhost_ntss_vprintf_A(pszDest, cch, pszFormat, argList, &len);
    if (status == STATUS_INVALID_PARAMETER && drvhost_ntss_cch_bad(cch))
        return status;
    status = drvhost_ntss_ex_A(status, pszDest, cch, len, ppszDestEnd, &len, dwFlags);
    if (pcbRemaining && (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW))
        *pcbRemaining = len * sizeof(char);
    return status;
}

NTSTRSAFEDDI RtlStringCbVPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
                                   NTSTRSAFE_PWSTR *ppszDestEnd, size_t *pcbRemaining,
                                   STRSAFE_DWORD dwFlags, NTSTRSAFE_PCWSTR pszFormat,
                                   va_list argList)
{
    size_t cch = cbDest / sizeof(wchar_t), len = 0;
    NTSTATUS status = drvhost_ntss_ex_check_W(pszDest, cch, dwFlags);

    if (status == STATUS_SUCCESS && pszFormat == NULL && !(dwFlags & STRSAFE_IGNORE_NULLS))
        status = STATUS_INVALID_PARAMETER;
    if (pszFormat == NULL)
        pszFormat = L"";
    if (status == STATUS_SUCCESS && cch == 0)
        status = pszFormat[0] == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    else if (status == STATUS_SUCCESS)
        status = drvhost_ntss_vprintf_W(pszDest, cch, pszFormat, argList, &len);
    if (status == STATUS_INVALID_PARAMETER && drvhost_ntss_cch_bad(cch))
        return status;
    status = drvhost_ntss_ex_W(status, pszDest, cch, len, ppszDestEnd, &len, dwFlags);
    if (pcbRemaining && (status == STATUS_SUCCESS || status == STATUS_BUFFER_OVERFLOW))
        *pcbRemaining = len * sizeof(wchar_t);
    return status;
}

NTSTRSAFEDDI RtlStringCbPrintfExA(NTSTRSAFE_PSTR pszDest, size_t cbDest,
                                  NTSTRSAFE_PSTR *ppszDestEnd, size_t *pcbRemaining,
                                  STRSAFE_DWORD dwFlags, NTSTRSAFE_PCSTR pszFormat, ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status =
        RtlStringCbVPrintfExA(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat, ap);
    va_end(ap);
    return status;
}

NTSTRSAFEDDI RtlStringCbPrintfExW(NTSTRSAFE_PWSTR pszDest, size_t cbDest,
                                  NTSTRSAFE_PWSTR *ppszDestEnd, size_t *pcbRemaining,
                                  STRSAFE_DWORD dwFlags, NTSTRSAFE_PCWSTR pszFormat, ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status =
        RtlStringCbVPrintfExW(pszDest, cbDest, ppszDestEnd, pcbRemaining, dwFlags, pszFormat, ap);
    va_end(ap);
    return status;
}

/* ---- Length --------------------------------------------------------------------------------- */

NTSTRSAFEDDI RtlStringCchLengthA(NTSTRSAFE_PCSTR psz, size_t cchMax, size_t *pcchLength)
{
    size_t len = 0;
    NTSTATUS status = STATUS_INVALID_PARAMETER;

    if (psz != NULL && cchMax <= NTSTRSAFE_MAX_CCH)
        status = drvhost_ntss_len_A(psz, cchMax, &len);
    if (pcchLength)
        *pcchLength = len;
    return status;
}

NTSTRSAFEDDI RtlStringCchLengthW(NTSTRSAFE_PCWSTR psz, size_t cchMax, size_t *pcchLength)
{
    size_t len = 0;
    NTSTATUS status = STATUS_INVALID_PARAMETER;

    if (psz != NULL && cchMax <= NTSTRSAFE_MAX_CCH)
        status = drvhost_ntss_len_W(psz, cchMax, &len);
    if (pcchLength)
        *pcchLength = len;
    return status;
}

NTSTRSAFEDDI RtlStringCbLengthA(NTSTRSAFE_PCSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t len = 0;
    NTSTATUS status = RtlStringCchLengthA(psz, cbMax / sizeof(char), &len);

    if (pcbLength)
        *pcbLength = len * sizeof(char);
    return status;
}

NTSTRSAFEDDI RtlStringCbLengthW(NTSTRSAFE_PCWSTR psz, size_t cbMax, size_t *pcbLength)
{
    size_t len = 0;
    NTSTATUS status = RtlStringCchLengthW(psz, cbMax / sizeof(wchar_t), &len);

    if (pcbLength)
        *pcbLength = len * sizeof(wchar_t);
    return status;
}

/* ---- UNICODE_STRING ------------------------------------------------------------------------- */

/* Counted strings: Length <= MaximumLength, both even, MaximumLength at most
 * NTSTRSAFE_UNICODE_STRING_MAX_CCH characters, Buffer only NULL for an empty string. Results
 * are never null-terminated; truncation fills the buffer and returns STATUS_BUFFER_OVERFLOW. */

NTSTRSAFEDDI RtlUnicodeStringValidate(PCUNICODE_STRING SourceString)
{
    if (SourceString == NULL || SourceString->Length % sizeof(wchar_t) != 0 ||
        SourceString->MaximumLength % sizeof(wchar_t) != 0 ||
        SourceString->Length > SourceString->MaximumLength ||
        SourceString->MaximumLength > NTSTRSAFE_UNICODE_STRING_MAX_CCH * sizeof(wchar_t) ||
        (SourceString->Buffer == NULL &&
         (SourceString->Length != 0 || SourceString->MaximumLength != 0)))
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

NTSTRSAFEDDI RtlUnicodeStringInit(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    size_t len = 0;

    if (DestinationString == NULL)
        return pszSrc == NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = NULL;
    if (pszSrc == NULL)
        return STATUS_SUCCESS;
    /* The terminator must lie within NTSTRSAFE_UNICODE_STRING_MAX_CCH characters. */
    if (drvhost_ntss_len_W(pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH, &len) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    DestinationString->Buffer = (PWCH)pszSrc;
    DestinationString->Length = (USHORT)(len * sizeof(wchar_t));
    DestinationString->MaximumLength = (USHORT)((len + 1) * sizeof(wchar_t));
    return STATUS_SUCCESS;
}

/* Appends up to max_src characters of src (stopping at a terminator when terminated is set)
 * after the first `at` characters of dst; sets Length. */
static inline NTSTATUS drvhost_ntss_ustr_put(PUNICODE_STRING dst, size_t at, const wchar_t *src,
                                             size_t max_src, int terminated)
{
    size_t cch = dst->MaximumLength / sizeof(wchar_t), n = 0;
    int more;

    while (at + n < cch && n < max_src && !(terminated && src[n] == 0)) {
        dst->Buffer[at + n] = src[n];
        n++;
    }
    more = n < max_src && !(terminated && src[n] == 0);
    if (more && cch == 0)
        return STATUS_INVALID_PARAMETER; /* a zero-length buffer and a nonempty source */
    dst->Length = (USHORT)((at + n) * sizeof(wchar_t));
    return more ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTRSAFEDDI RtlUnicodeStringCopy(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    if (RtlUnicodeStringValidate(DestinationString) != STATUS_SUCCESS ||
        RtlUnicodeStringValidate(SourceString) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_ustr_put(DestinationString, 0, SourceString->Buffer,
                                 SourceString->Length / sizeof(wchar_t), 0);
}

NTSTRSAFEDDI RtlUnicodeStringCopyString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    if (RtlUnicodeStringValidate(DestinationString) != STATUS_SUCCESS || pszSrc == NULL)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_ustr_put(DestinationString, 0, pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH, 1);
}

NTSTRSAFEDDI RtlUnicodeStringCat(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString)
{
    if (RtlUnicodeStringValidate(DestinationString) != STATUS_SUCCESS ||
        RtlUnicodeStringValidate(SourceString) != STATUS_SUCCESS)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_ustr_put(DestinationString, DestinationString->Length / sizeof(wchar_t),
                                 SourceString->Buffer, SourceString->Length / sizeof(wchar_t), 0);
}

NTSTRSAFEDDI RtlUnicodeStringCatString(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc)
{
    if (RtlUnicodeStringValidate(DestinationString) != STATUS_SUCCESS || pszSrc == NULL)
        return STATUS_INVALID_PARAMETER;
    return drvhost_ntss_ustr_put(DestinationString, DestinationString->Length / sizeof(wchar_t),
                                 pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH, 1);
}

NTSTRSAFEDDI RtlUnicodeStringVPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat,
                                     va_list argList)
{
    size_t cch;
    int r;

    if (RtlUnicodeStringValidate(DestinationString) != STATUS_SUCCESS || pszFormat == NULL)
        return STATUS_INVALID_PARAMETER;
    cch = DestinationString->MaximumLength / sizeof(wchar_t);
    if (cch == 0) {
        DestinationString->Length = 0;
        return pszFormat[0] == 0 ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    }
    r = _vsnwprintf(DestinationString->Buffer, cch, pszFormat, argList);
    if (r < 0 || (size_t)r > cch) {
        DestinationString->Length = (USHORT)(cch * sizeof(wchar_t));
        return STATUS_BUFFER_OVERFLOW;
    }
    DestinationString->Length = (USHORT)((size_t)r * sizeof(wchar_t));
    return STATUS_SUCCESS;
}

NTSTRSAFEDDI RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat,
                                    ...)
{
    va_list ap;
    NTSTATUS status;

    va_start(ap, pszFormat);
    status = RtlUnicodeStringVPrintf(DestinationString, pszFormat, ap);
    va_end(ap);
    return status;
}

#ifdef __cplusplus
}
#endif

#endif
