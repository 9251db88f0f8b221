/*
 * convert.c - conversions: ANSI <-> Unicode, UTF-16 <-> UTF-8, integers <-> strings, GUIDs <->
 * strings, and the string hash.
 *
 * ANSI here is code page 1252 treated as Latin-1 (byte 0xNN is U+00NN; drvhost has no
 * "system locale"). Converting to ANSI maps anything above U+00FF to '?', the default
 * character Windows uses for characters a code page lacks. Nothing here keeps state: every
 * routine is thread-safe for distinct arguments.
 */
#include <string.h>

#include "rtl/rtl_private.h"

#define MAX_USTRING 0xFFFEu

/* ---- ANSI <-> Unicode --------------------------------------------------------------------- */

NTSYSAPI ULONG NTAPI RtlxAnsiStringToUnicodeSize(PCANSI_STRING AnsiString)
{
    return ((ULONG)AnsiString->Length + 1) * sizeof(WCHAR);
}

NTSYSAPI ULONG NTAPI RtlxUnicodeStringToAnsiSize(PCUNICODE_STRING UnicodeString)
{
    return ((ULONG)UnicodeString->Length + sizeof(WCHAR)) / sizeof(WCHAR);
}

NTSYSAPI NTSTATUS NTAPI RtlAnsiStringToUnicodeString(PUNICODE_STRING DestinationString,
                                                     PCANSI_STRING SourceString,
                                                     BOOLEAN AllocateDestinationString)
{
    ULONG size = RtlxAnsiStringToUnicodeSize(SourceString); /* with the terminator */
    ULONG i, length = size - sizeof(WCHAR);
    const unsigned char *in = (const unsigned char *)SourceString->Buffer;

    if (size > MAXUSHORT)
        return STATUS_INVALID_PARAMETER_2;
    if (AllocateDestinationString) {
        WCHAR *p = rtl_alloc(size, RTL_STRING_TAG, __builtin_return_address(0));
        if (p == NULL)
            return STATUS_NO_MEMORY;
        DestinationString->Buffer = p;
        DestinationString->MaximumLength = (USHORT)size;
    } else if (length >= DestinationString->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW; /* as Windows: room for the terminator is required */
    }
    for (i = 0; i < SourceString->Length; i++)
        DestinationString->Buffer[i] = in[i];
    DestinationString->Length = (USHORT)length;
    if (length + sizeof(WCHAR) <= DestinationString->MaximumLength)
        DestinationString->Buffer[length / sizeof(WCHAR)] = UNICODE_NULL;
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToAnsiString(PANSI_STRING DestinationString,
                                                     PCUNICODE_STRING SourceString,
                                                     BOOLEAN AllocateDestinationString)
{
    ULONG size = RtlxUnicodeStringToAnsiSize(SourceString); /* with the terminator */
    ULONG i, length = size - 1;

    if (size > MAXUSHORT)
        return STATUS_INVALID_PARAMETER_2;
    if (AllocateDestinationString) {
        char *p = rtl_alloc(size, RTL_STRING_TAG, __builtin_return_address(0));
        if (p == NULL)
            return STATUS_NO_MEMORY;
        DestinationString->Buffer = p;
        DestinationString->MaximumLength = (USHORT)size;
    } else if (length >= DestinationString->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW; /* documented: no conversion done */
    }
    for (i = 0; i < length; i++)
        DestinationString->Buffer[i] = rtl_wchar_to_ansi(SourceString->Buffer[i]);
    DestinationString->Buffer[length] = ANSI_NULL;
    DestinationString->Length = (USHORT)length;
    return STATUS_SUCCESS;
}

/* ntifs.h: the characters that fit, never an error (a truncation shows only in the length);
 * a terminator is translated like any character, so the result ends in one only when the
 * source's counted bytes held one and nothing was cut. An odd byte count ignores the last
 * byte. */
NTSYSAPI NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString,
                                               ULONG MaxBytesInMultiByteString,
                                               PULONG BytesInMultiByteString, PCWCH UnicodeString,
                                               ULONG BytesInUnicodeString)
{
    ULONG i, n = BytesInUnicodeString / sizeof(WCHAR);
    if (n > MaxBytesInMultiByteString)
        n = MaxBytesInMultiByteString;
    for (i = 0; i < n; i++)
        MultiByteString[i] = rtl_wchar_to_ansi(UnicodeString[i]);
    if (BytesInMultiByteString != NULL)
        *BytesInMultiByteString = n;
    return STATUS_SUCCESS;
}

/* ---- UTF-16 <-> UTF-8 --------------------------------------------------------------------- */

/* Reads one code point from UTF-16 at src[*i] (advancing *i); a lone surrogate is U+FFFD. */
static ULONG utf16_next(const WCHAR *src, ULONG n, ULONG *i, int *bad)
{
    ULONG c = src[(*i)++];

    if (c >= 0xD800 && c <= 0xDBFF && *i < n && src[*i] >= 0xDC00 && src[*i] <= 0xDFFF)
        return 0x10000 + ((c - 0xD800) << 10) + (src[(*i)++] - 0xDC00);
    if (c >= 0xD800 && c <= 0xDFFF) {
        *bad = 1;
        return 0xFFFD;
    }
    return c;
}

static ULONG utf8_encode(ULONG c, unsigned char out[4])
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xC0 | (c >> 6));
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (c >> 12));
        out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (c >> 18));
    out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

NTSYSAPI NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination, ULONG UTF8StringMaxByteCount,
                                          PULONG UTF8StringActualByteCount,
                                          PCWCH UnicodeStringSource, ULONG UnicodeStringByteCount)
{
    ULONG i = 0, n = UnicodeStringByteCount / sizeof(WCHAR), written = 0;
    int bad = 0;

    if (UTF8StringDestination == NULL && UTF8StringActualByteCount == NULL)
        return STATUS_INVALID_PARAMETER;
    if (UnicodeStringSource == NULL)
        return STATUS_INVALID_PARAMETER_4;
    if (UnicodeStringByteCount % sizeof(WCHAR) != 0)
        return STATUS_INVALID_PARAMETER_5;
    while (i < n) {
        unsigned char bytes[4];
        ULONG len = utf8_encode(utf16_next(UnicodeStringSource, n, &i, &bad), bytes);
        if (UTF8StringDestination != NULL) {
            if (written + len > UTF8StringMaxByteCount) {
                if (UTF8StringActualByteCount != NULL)
                    *UTF8StringActualByteCount = written;
                return STATUS_BUFFER_TOO_SMALL;
            }
            memcpy(UTF8StringDestination + written, bytes, len);
        }
        written += len;
    }
    if (UTF8StringActualByteCount != NULL)
        *UTF8StringActualByteCount = written;
    return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}

/* Decodes one UTF-8 sequence at src[*i]. Invalid input (a stray continuation byte, an
 * overlong form, a surrogate, a value above U+10FFFF, a truncated sequence) yields U+FFFD and
 * consumes the longest valid-looking prefix (at least one byte). */
static ULONG utf8_next(const unsigned char *src, ULONG n, ULONG *i, int *bad)
{
    ULONG c = src[*i], need, k, min;

    (*i)++;
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, min = 0x10000, c &= 0x07;
    } else {
        *bad = 1;
        return 0xFFFD;
    }
    for (k = 0; k < need; k++) {
        if (*i >= n || (src[*i] & 0xC0) != 0x80) {
            *bad = 1;
            return 0xFFFD;
        }
        c = (c << 6) | (src[*i] & 0x3F);
        /* Overlong, surrogate and too-large forms show in the second byte; it is then left
         * unconsumed, to be judged on its own (one U+FFFD per maximal invalid subpart). */
        if (k == 0 && ((need == 2 && (c < 0x20 || (c >= 0x360 && c <= 0x37F))) ||
                       (need == 3 && (c < 0x10 || c > 0x10F)))) {
            *bad = 1;
            return 0xFFFD;
        }
        (*i)++;
    }
    if (c < min) {
        *bad = 1;
        return 0xFFFD;
    }
    return c;
}

NTSYSAPI NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination,
                                          ULONG UnicodeStringMaxByteCount,
                                          PULONG UnicodeStringActualByteCount,
                                          PCCH UTF8StringSource, ULONG UTF8StringByteCount)
{
    const unsigned char *src = (const unsigned char *)UTF8StringSource;
    ULONG i = 0, written = 0; /* bytes */
    int bad = 0;

    if (UnicodeStringDestination == NULL && UnicodeStringActualByteCount == NULL)
        return STATUS_INVALID_PARAMETER;
    if (UTF8StringSource == NULL)
        return STATUS_INVALID_PARAMETER_4;
    while (i < UTF8StringByteCount) {
        ULONG c = utf8_next(src, UTF8StringByteCount, &i, &bad);
        ULONG len = c >= 0x10000 ? 2 * sizeof(WCHAR) : sizeof(WCHAR);
        if (UnicodeStringDestination != NULL) {
            WCHAR *out = UnicodeStringDestination + written / sizeof(WCHAR);
            if (written + len > UnicodeStringMaxByteCount) {
                if (UnicodeStringActualByteCount != NULL)
                    *UnicodeStringActualByteCount = written;
                return STATUS_BUFFER_TOO_SMALL;
            }
            if (c >= 0x10000) {
                out[0] = (WCHAR)(0xD800 + ((c - 0x10000) >> 10));
                out[1] = (WCHAR)(0xDC00 + ((c - 0x10000) & 0x3FF));
            } else {
                out[0] = (WCHAR)c;
            }
        }
        written += len;
    }
    if (UnicodeStringActualByteCount != NULL)
        *UnicodeStringActualByteCount = written;
    return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}

/* ---- integers ----------------------------------------------------------------------------- */

static NTSTATUS integer_to_unicode(ULONGLONG value, ULONG base, PUNICODE_STRING string)
{
    static const char digits[] = "0123456789ABCDEF";
    char tmp[64];
    ULONG n = 0, i;

    if (base == 0)
        base = 10;
    if (base != 2 && base != 8 && base != 10 && base != 16)
        return STATUS_INVALID_PARAMETER;
    do {
        tmp[n++] = digits[value % base];
        value /= base;
    } while (value != 0);
    /* Windows converts through an ANSI string and requires room for the terminator too. */
    if ((n + 1) * sizeof(WCHAR) > string->MaximumLength)
        return STATUS_BUFFER_OVERFLOW;
    for (i = 0; i < n; i++)
        string->Buffer[i] = (WCHAR)tmp[n - 1 - i];
    string->Buffer[n] = UNICODE_NULL;
    string->Length = (USHORT)(n * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG Value, ULONG Base, PUNICODE_STRING String)
{
    return integer_to_unicode(Value, Base, String);
}

NTSYSAPI NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG Value, ULONG Base, PUNICODE_STRING String)
{
    return integer_to_unicode(Value, Base, String);
}

static int digit_value(ULONG c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c >= 'a' && c <= 'f')
        return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F')
        return (int)(c - 'A' + 10);
    return 99;
}

/* The parser shared by RtlUnicodeStringToInteger and RtlCharToInteger: leading white space
 * (any character up to ' '), an optional sign, with Base 0 a "0x" / "0o" / "0b" prefix, then
 * digits up to the first character that is not one. The value wraps modulo 2^32 as on
 * Windows (no overflow error is documented or returned). */
static NTSTATUS parse_integer(const void *s, size_t n, int wide, ULONG base, PULONG value)
{
#define CH(k) (wide ? (ULONG)((const WCHAR *)s)[k] : (ULONG)((const unsigned char *)s)[k])
    size_t i = 0;
    ULONG result = 0;
    int negative = 0, d;

    if (base != 0 && base != 2 && base != 8 && base != 10 && base != 16)
        return STATUS_INVALID_PARAMETER;
    while (i < n && CH(i) <= ' ')
        i++;
    if (i < n && (CH(i) == '-' || CH(i) == '+'))
        negative = CH(i++) == '-';
    if (base == 0) {
        base = 10;
        if (i + 1 < n && CH(i) == '0') {
            ULONG p = CH(i + 1);
            base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
            if (base != 10)
                i += 2;
        }
    }
    while (i < n && (d = digit_value(CH(i))) < (int)base) {
        result = result * base + (ULONG)d;
        i++;
    }
    *value = negative ? (ULONG)(0u - result) : result;
    return STATUS_SUCCESS;
#undef CH
}

NTSYSAPI NTSTATUS NTAPI RtlUnicodeStringToInteger(PCUNICODE_STRING String, ULONG Base, PULONG Value)
{
    if (String == NULL || Value == NULL || String->Length == 0)
        return STATUS_INVALID_PARAMETER; /* documented: an empty string fails */
    return parse_integer(String->Buffer, String->Length / sizeof(WCHAR), 1, Base, Value);
}

NTSYSAPI NTSTATUS NTAPI RtlCharToInteger(PCSZ String, ULONG Base, PULONG Value)
{
    if (String == NULL || Value == NULL)
        return STATUS_INVALID_PARAMETER;
    return parse_integer(String, strlen(String), 0, Base, Value);
}

/* ---- GUIDs -------------------------------------------------------------------------------- */

#define GUID_STRING_CHARS 38 /* {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} */

NTSYSAPI NTSTATUS NTAPI RtlStringFromGUID(REFGUID Guid, PUNICODE_STRING GuidString)
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char bytes[16];
    WCHAR *p = rtl_alloc((GUID_STRING_CHARS + 1) * sizeof(WCHAR), RTL_STRING_TAG,
                         __builtin_return_address(0));
    size_t i, o = 0;

    if (p == NULL)
        return STATUS_NO_MEMORY;
    /* Data1..Data3 print as numbers (most significant first), Data4 byte by byte. */
    for (i = 0; i < 4; i++)
        bytes[i] = (unsigned char)(Guid->Data1 >> (24 - 8 * i));
    bytes[4] = (unsigned char)(Guid->Data2 >> 8);
    bytes[5] = (unsigned char)Guid->Data2;
    bytes[6] = (unsigned char)(Guid->Data3 >> 8);
    bytes[7] = (unsigned char)Guid->Data3;
    memcpy(bytes + 8, Guid->Data4, 8);
    p[o++] = '{';
    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            p[o++] = '-';
        p[o++] = (WCHAR)hex[bytes[i] >> 4];
        p[o++] = (WCHAR)hex[bytes[i] & 15];
    }
    p[o++] = '}';
    p[o] = UNICODE_NULL;
    GuidString->Buffer = p;
    GuidString->Length = GUID_STRING_CHARS * sizeof(WCHAR);
    GuidString->MaximumLength = (GUID_STRING_CHARS + 1) * sizeof(WCHAR);
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI RtlGUIDFromString(PCUNICODE_STRING GuidString, GUID *Guid)
{
    unsigned char bytes[16];
    const WCHAR *s;
    size_t i, pos = 1;

    if (GuidString == NULL || Guid == NULL ||
        GuidString->Length != GUID_STRING_CHARS * sizeof(WCHAR))
        return STATUS_INVALID_PARAMETER;
    s = GuidString->Buffer;
    if (s[0] != '{' || s[GUID_STRING_CHARS - 1] != '}')
        return STATUS_INVALID_PARAMETER;
    for (i = 0; i < 16; i++) {
        int hi, lo;
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            if (s[pos++] != '-')
                return STATUS_INVALID_PARAMETER;
        }
        hi = digit_value(s[pos]);
        lo = digit_value(s[pos + 1]);
        if (hi > 15 || lo > 15)
            return STATUS_INVALID_PARAMETER;
        bytes[i] = (unsigned char)(hi << 4 | lo);
        pos += 2;
    }
    Guid->Data1 = (ULONG)bytes[0] << 24 | (ULONG)bytes[1] << 16 | (ULONG)bytes[2] << 8 | bytes[3];
    Guid->Data2 = (USHORT)(bytes[4] << 8 | bytes[5]);
    Guid->Data3 = (USHORT)(bytes[6] << 8 | bytes[7]);
    memcpy(Guid->Data4, bytes + 8, 8);
    return STATUS_SUCCESS;
}

/* ---- hashing ------------------------------------------------------------------------------ */

NTSYSAPI NTSTATUS NTAPI RtlHashUnicodeString(PCUNICODE_STRING String, BOOLEAN CaseInSensitive,
                                             ULONG HashAlgorithm, PULONG HashValue)
{
    ULONG i, hash = 0;

    if (String == NULL || HashValue == NULL ||
        (HashAlgorithm != HASH_STRING_ALGORITHM_DEFAULT &&
         HashAlgorithm != HASH_STRING_ALGORITHM_X65599))
        return STATUS_INVALID_PARAMETER;
    /* x65599: hash = hash * 65599 + character, over upcased characters when insensitive. */
    for (i = 0; i < String->Length / sizeof(WCHAR); i++) {
        WCHAR c = String->Buffer[i];
        hash = hash * 65599u + (CaseInSensitive ? RtlUpcaseUnicodeChar(c) : c);
    }
    *HashValue = hash;
    return STATUS_SUCCESS;
}
