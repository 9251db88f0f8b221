/*
 * string.c - counted strings (UNICODE_STRING, ANSI_STRING/STRING): initialisation, copy,
 * append, comparison, case mapping, allocation and release.
 *
 * Conventions kept from Windows: a Length is in bytes and excludes any terminator; the
 * routines write a terminator only where Windows does and only when MaximumLength leaves room
 * for it; none of them takes locks (a caller sharing a string serialises its own use).
 *
 * Case mapping: Windows uses the full Unicode upcase table (l_intl.nls). drvhost covers ASCII,
 * Latin-1 (U+00E0-U+00FE, and U+00FF <-> U+0178), Latin Extended-A (U+0100-U+017E), Greek
 * (U+0386-U+03CE, final sigma upcases to U+03A3) and Cyrillic (U+0400-U+052F); every other
 * character maps to itself. Deliberately unchanged as on a simple table: U+00B5, U+00DF,
 * U+0130, U+0131, U+017F.
 */
#include <string.h>

#include "rtl/rtl_private.h"

#define MAX_USTRING 0xFFFEu /* largest even USHORT: the longest UNICODE_STRING buffer */

size_t rtl_wcslen(const WCHAR *s)
{
    size_t n = 0;

    while (s[n] != 0)
        n++;
    return n;
}

/* ---- case mapping ------------------------------------------------------------------------- */

/* Blocks of case pairs: the capital has the even code point (odd_upper: the odd one) and its
 * small letter follows it. */
static WCHAR pair_up(WCHAR c, int odd_upper)
{
    int is_lower = odd_upper ? !(c & 1) : (c & 1);
    return is_lower ? (WCHAR)(c - 1) : c;
}

static WCHAR pair_down(WCHAR c, int odd_upper)
{
    int is_upper = odd_upper ? (c & 1) : !(c & 1);
    return is_upper ? (WCHAR)(c + 1) : c;
}

static WCHAR upcase_latin(WCHAR c)
{
    if (c >= 'a' && c <= 'z')
        return (WCHAR)(c - 0x20);
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return (WCHAR)(c - 0x20);
    if (c == 0xFF)
        return 0x178;
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return pair_up(c, 0);
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return pair_up(c, 1);
    return c;
}

static WCHAR downcase_latin(WCHAR c)
{
    if (c >= 'A' && c <= 'Z')
        return (WCHAR)(c + 0x20);
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return (WCHAR)(c + 0x20);
    if (c == 0x178)
        return 0xFF;
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return pair_down(c, 0);
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return pair_down(c, 1);
    return c;
}

static WCHAR upcase_greek_cyrillic(WCHAR c)
{
    if ((c >= 0x3B1 && c <= 0x3C1) || (c >= 0x3C3 && c <= 0x3CB))
        return (WCHAR)(c - 0x20);
    if (c == 0x3C2)
        return 0x3A3;
    if (c == 0x3AC)
        return 0x386;
    if (c >= 0x3AD && c <= 0x3AF)
        return (WCHAR)(c - 0x25);
    if (c == 0x3CC)
        return 0x38C;
    if (c == 0x3CD || c == 0x3CE)
        return (WCHAR)(c - 0x3F);
    if (c >= 0x430 && c <= 0x44F)
        return (WCHAR)(c - 0x20);
    if (c >= 0x450 && c <= 0x45F)
        return (WCHAR)(c - 0x50);
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return pair_up(c, 0);
    if (c >= 0x4C1 && c <= 0x4CE)
        return pair_up(c, 1);
    if (c == 0x4CF)
        return 0x4C0;
    return c;
}

static WCHAR downcase_greek_cyrillic(WCHAR c)
{
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB))
        return (WCHAR)(c + 0x20);
    if (c == 0x386)
        return 0x3AC;
    if (c >= 0x388 && c <= 0x38A)
        return (WCHAR)(c + 0x25);
    if (c == 0x38C)
        return 0x3CC;
    if (c == 0x38E || c == 0x38F)
        return (WCHAR)(c + 0x3F);
    if (c >= 0x410 && c <= 0x42F)
        return (WCHAR)(c + 0x20);
    if (c >= 0x400 && c <= 0x40F)
        return (WCHAR)(c + 0x50);
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return pair_down(c, 0);
    if (c >= 0x4C1 && c <= 0x4CE)
        return pair_down(c, 1);
    if (c == 0x4C0)
        return 0x4CF;
    return c;
}

NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter)
{
    WCHAR c = SourceCharacter;

    if (c < 0x80)
        return (c >= 'a' && c <= 'z') ? (WCHAR)(c - 0x20) : c;
    if (c < 0x180)
        return upcase_latin(c);
    if (c >= 0x370 && c < 0x530)
        return upcase_greek_cyrillic(c);
    return c;
}

NTSYSAPI WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter)
{
    WCHAR c = SourceCharacter;

    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? (WCHAR)(c + 0x20) : c;
    if (c < 0x180)
        return downcase_latin(c);
    if (c >= 0x370 && c < 0x530)
        return downcase_greek_cyrillic(c);
    return c;
}

/* ANSI upcase (RtlUpperChar's job): Latin-1 bytes whose upper case is also Latin-1. */
static unsigned char ansi_upcase(unsigned char c)
{
    WCHAR u = RtlUpcaseUnicodeChar(c);
    return u < 0x100 ? (unsigned char)u : c;
}

NTSYSAPI CHAR NTAPI RtlUpperChar(CHAR Character)
{
    return (CHAR)ansi_upcase((unsigned char)Character);
}

/* ---- initialisation ----------------------------------------------------------------------- */

NTSYSAPI VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString)
{
    size_t bytes;

    DestinationString->Buffer = (PWCH)SourceString;
    if (SourceString == NULL) {
        DestinationString->Length = DestinationString->MaximumLength = 0;
        return;
    }
    /* Too long: documented to clamp to MAX_USTRING - 2 / MAX_USTRING. */
    bytes = rtl_wcslen(SourceString) * sizeof(WCHAR);
    if (bytes > MAX_USTRING - sizeof(WCHAR))
        bytes = MAX_USTRING - sizeof(WCHAR);
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
}

NTSYSAPI NTSTATUS NTAPI RtlInitUnicodeStringEx(PUNICODE_STRING DestinationString,
                                               PCWSTR SourceString)
{
    size_t bytes;

    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = (PWCH)SourceString;
    if (SourceString == NULL)
        return STATUS_SUCCESS;
    bytes = rtl_wcslen(SourceString) * sizeof(WCHAR);
    if (bytes > MAX_USTRING - sizeof(WCHAR)) {
        DestinationString->Buffer = NULL;
        return STATUS_NAME_TOO_LONG;
    }
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSYSAPI VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString)
{
    size_t bytes;

    DestinationString->Buffer = (PCHAR)SourceString;
    if (SourceString == NULL) {
        DestinationString->Length = DestinationString->MaximumLength = 0;
        return;
    }
    /* Too long: documented to clamp to MAXUSHORT - 1 / MAXUSHORT. */
    bytes = strlen(SourceString);
    if (bytes > MAXUSHORT - 1)
        bytes = MAXUSHORT - 1;
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = (USHORT)(bytes + 1);
}

NTSYSAPI VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString)
{
    RtlInitString(DestinationString, SourceString);
}

NTSYSAPI NTSTATUS NTAPI RtlInitAnsiStringEx(PANSI_STRING DestinationString, PCSZ SourceString)
{
    size_t bytes;

    DestinationString->Length = DestinationString->MaximumLength = 0;
    DestinationString->Buffer = (PCHAR)SourceString;
    if (SourceString == NULL)
        return STATUS_SUCCESS;
    bytes = strlen(SourceString);
    if (bytes > MAXUSHORT - 1) {
        DestinationString->Buffer = NULL;
        return STATUS_NAME_TOO_LONG;
    }
    DestinationString->Length = (USHORT)bytes;
    DestinationString->MaximumLength = (USHORT)(bytes + 1);
    return STATUS_SUCCESS;
}

/* ---- copy and append ---------------------------------------------------------------------- */

/* Writes a terminator after Length bytes if MaximumLength has room for one. */
static void terminate_unicode(PUNICODE_STRING s)
{
    if ((ULONG)s->Length + sizeof(WCHAR) <= s->MaximumLength)
        s->Buffer[s->Length / sizeof(WCHAR)] = UNICODE_NULL;
}

NTSYSAPI VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
                                         PCUNICODE_STRING SourceString)
{
    USHORT n;

    if (SourceString == NULL) {
        DestinationString->Length = 0;
        return;
    }
    n = SourceString->Length < DestinationString->MaximumLength ? SourceString->Length
                                                                : DestinationString->MaximumLength;
    n &= (USHORT)~1u; /* whole characters only */
    memmove(DestinationString->Buffer, SourceString->Buffer, n);
    DestinationString->Length = n;
    terminate_unicode(DestinationString);
}

NTSYSAPI VOID NTAPI RtlCopyString(PSTRING DestinationString, const STRING *SourceString)
{
    USHORT n;

    if (SourceString == NULL) {
        DestinationString->Length = 0;
        return;
    }
    n = SourceString->Length < DestinationString->MaximumLength ? SourceString->Length
                                                                : DestinationString->MaximumLength;
    memmove(DestinationString->Buffer, SourceString->Buffer, n);
    DestinationString->Length = n;
}

static NTSTATUS append_unicode(PUNICODE_STRING dst, const WCHAR *src, ULONG bytes)
{
    if (bytes == 0)
        return STATUS_SUCCESS;
    if ((ULONG)dst->Length + bytes > dst->MaximumLength)
        return STATUS_BUFFER_TOO_SMALL;
    memmove((char *)dst->Buffer + dst->Length, src, bytes);
    dst->Length = (USHORT)(dst->Length + bytes);
    terminate_unicode(dst);
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination,
                                                       PCUNICODE_STRING Source)
{
    return append_unicode(Destination, Source->Buffer, Source->Length);
}

NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source)
{
    size_t bytes;

    if (Source == NULL)
        return STATUS_SUCCESS;
    bytes = rtl_wcslen(Source) * sizeof(WCHAR);
    if (bytes > MAX_USTRING)
        return STATUS_BUFFER_TOO_SMALL;
    return append_unicode(Destination, Source, (ULONG)bytes);
}

/* ---- comparison --------------------------------------------------------------------------- */

/* Character-by-character difference as unsigned code units; then the shorter string is less. */
static LONG compare_wide(const WCHAR *a, size_t na, const WCHAR *b, size_t nb, BOOLEAN ci)
{
    size_t i, n = na < nb ? na : nb;

    for (i = 0; i < n; i++) {
        WCHAR ca = a[i], cb = b[i];
        if (ci) {
            ca = RtlUpcaseUnicodeChar(ca);
            cb = RtlUpcaseUnicodeChar(cb);
        }
        if (ca != cb)
            return (LONG)ca - (LONG)cb;
    }
    return (LONG)na - (LONG)nb;
}

NTSYSAPI LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                            BOOLEAN CaseInSensitive)
{
    return compare_wide(String1->Buffer, String1->Length / sizeof(WCHAR), String2->Buffer,
                        String2->Length / sizeof(WCHAR), CaseInSensitive);
}

NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                             BOOLEAN CaseInSensitive)
{
    if (String1->Length != String2->Length)
        return FALSE;
    return RtlCompareUnicodeString(String1, String2, CaseInSensitive) == 0;
}

NTSYSAPI BOOLEAN NTAPI RtlPrefixUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                              BOOLEAN CaseInSensitive)
{
    size_t n = String1->Length / sizeof(WCHAR);

    if (String1->Length > String2->Length)
        return FALSE;
    return compare_wide(String1->Buffer, n, String2->Buffer, n, CaseInSensitive) == 0;
}

NTSYSAPI LONG NTAPI RtlCompareString(const STRING *String1, const STRING *String2,
                                     BOOLEAN CaseInSensitive)
{
    const unsigned char *a = (const unsigned char *)String1->Buffer;
    const unsigned char *b = (const unsigned char *)String2->Buffer;
    USHORT i, n = String1->Length < String2->Length ? String1->Length : String2->Length;

    for (i = 0; i < n; i++) {
        unsigned char ca = a[i], cb = b[i];
        if (CaseInSensitive) {
            ca = ansi_upcase(ca);
            cb = ansi_upcase(cb);
        }
        if (ca != cb)
            return (LONG)ca - (LONG)cb;
    }
    return (LONG)String1->Length - (LONG)String2->Length;
}

NTSYSAPI BOOLEAN NTAPI RtlEqualString(const STRING *String1, const STRING *String2,
                                      BOOLEAN CaseInSensitive)
{
    if (String1->Length != String2->Length)
        return FALSE;
    return RtlCompareString(String1, String2, CaseInSensitive) == 0;
}

/* ---- case conversion of whole strings ----------------------------------------------------- */

static NTSTATUS convert_case(PUNICODE_STRING dst, PCUNICODE_STRING src, BOOLEAN allocate,
                             WCHAR (*map)(WCHAR), const void *caller)
{
    USHORT i, n = src->Length / sizeof(WCHAR);
    const WCHAR *in = src->Buffer;

    if (allocate) {
        WCHAR *p = rtl_alloc(src->Length, RTL_STRING_TAG, caller);
        if (p == NULL)
            return STATUS_NO_MEMORY;
        dst->Buffer = p;
        dst->MaximumLength = src->Length;
    } else if (src->Length > dst->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    /* In place (dst == src) is fine: each character is read before it is written. */
    for (i = 0; i < n; i++)
        dst->Buffer[i] = map(in[i]);
    dst->Length = (USHORT)(n * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI RtlUpcaseUnicodeString(PUNICODE_STRING DestinationString,
                                               PCUNICODE_STRING SourceString,
                                               BOOLEAN AllocateDestinationString)
{
    return convert_case(DestinationString, SourceString, AllocateDestinationString,
                        RtlUpcaseUnicodeChar, __builtin_return_address(0));
}

NTSYSAPI NTSTATUS NTAPI RtlDowncaseUnicodeString(PUNICODE_STRING DestinationString,
                                                 PCUNICODE_STRING SourceString,
                                                 BOOLEAN AllocateDestinationString)
{
    return convert_case(DestinationString, SourceString, AllocateDestinationString,
                        RtlDowncaseUnicodeChar, __builtin_return_address(0));
}

/* ---- allocation and release --------------------------------------------------------------- */

NTSYSAPI VOID NTAPI RtlFreeUnicodeString(PUNICODE_STRING UnicodeString)
{
    if (UnicodeString->Buffer != NULL) {
        rtl_free(UnicodeString->Buffer);
        memset(UnicodeString, 0, sizeof(*UnicodeString));
    }
}

NTSYSAPI VOID NTAPI RtlFreeAnsiString(PANSI_STRING AnsiString)
{
    if (AnsiString->Buffer != NULL) {
        rtl_free(AnsiString->Buffer);
        memset(AnsiString, 0, sizeof(*AnsiString));
    }
}

NTSYSAPI BOOLEAN NTAPI RtlCreateUnicodeString(PUNICODE_STRING DestinationString,
                                              PCWSTR SourceString)
{
    size_t bytes = (rtl_wcslen(SourceString) + 1) * sizeof(WCHAR);
    WCHAR *p;

    if (bytes > MAX_USTRING)
        return FALSE;
    p = rtl_alloc(bytes, RTL_STRING_TAG, __builtin_return_address(0));
    if (p == NULL)
        return FALSE;
    memcpy(p, SourceString, bytes);
    DestinationString->Buffer = p;
    DestinationString->Length = (USHORT)(bytes - sizeof(WCHAR));
    DestinationString->MaximumLength = (USHORT)bytes;
    return TRUE;
}

NTSYSAPI NTSTATUS NTAPI RtlDuplicateUnicodeString(ULONG Flags, PCUNICODE_STRING StringIn,
                                                  PUNICODE_STRING StringOut)
{
    const ULONG valid = RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE |
                        RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING;
    ULONG max;
    WCHAR *p;

    if (StringIn == NULL || StringOut == NULL || (Flags & ~valid) != 0 ||
        (StringIn->Length & 1) != 0 || StringIn->Length > StringIn->MaximumLength ||
        (StringIn->Length != 0 && StringIn->Buffer == NULL))
        return STATUS_INVALID_PARAMETER;
    if (StringIn->Length == 0 && !(Flags & RTL_DUPLICATE_UNICODE_STRING_ALLOCATE_NULL_STRING)) {
        memset(StringOut, 0, sizeof(*StringOut));
        return STATUS_SUCCESS;
    }
    max = StringIn->Length;
    if (Flags & RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE)
        max += sizeof(WCHAR);
    if (max > MAX_USTRING)
        return STATUS_INVALID_PARAMETER;
    p = rtl_alloc(max, RTL_STRING_TAG, __builtin_return_address(0));
    if (p == NULL)
        return STATUS_NO_MEMORY;
    if (StringIn->Length != 0)
        memcpy(p, StringIn->Buffer, StringIn->Length);
    if (Flags & RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE)
        p[StringIn->Length / sizeof(WCHAR)] = UNICODE_NULL;
    StringOut->Buffer = p;
    StringOut->Length = StringIn->Length;
    StringOut->MaximumLength = (USHORT)max;
    return STATUS_SUCCESS;
}

NTSYSAPI SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length)
{
    const unsigned char *a = Source1, *b = Source2;
    SIZE_T i = 0;

    while (i < Length && a[i] == b[i])
        i++;
    return i;
}
