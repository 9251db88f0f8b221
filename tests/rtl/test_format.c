/*
 * test_format.c - the Microsoft printf dialect of _snprintf/_snwprintf (and so of DbgPrint and
 * the ntstrsafe printf functions): sizes (l is 32-bit, I64, I), %wZ/%Z/%ws/%S, %p, and the
 * MS return convention (-1 and no terminator when the output does not fit).
 */
#include <string.h>

#include <wdm.h>

#include "harness.h"

static char out[256];

static const char *fmt(const char *format, ...)
{
    va_list ap;
    int n;

    memset(out, 0x7F, sizeof(out));
    va_start(ap, format);
    n = _vsnprintf(out, sizeof(out), format, ap);
    va_end(ap);
    return n < 0 ? "<-1>" : out;
}

#define check(expected, ...)                                                                       \
    do {                                                                                           \
        const char *got_ = fmt(__VA_ARGS__);                                                       \
        ok(strcmp(got_, expected) == 0, "%s: got \"%s\", expected \"%s\"\n", #__VA_ARGS__, got_,   \
           expected);                                                                              \
    } while (0)

TEST(integers)
{
    check("42 -7 4294967295", "%d %i %u", 42, -7, 4294967295u);
    check("ff FF 17", "%x %X %o", 255, 255, 15);
    check("0xff 0XFF 017", "%#x %#X %#o", 255, 255, 15);
    check("0 0", "%#x %#o", 0, 0);
    /* l is 32-bit (LLP64): a long long argument needs ll or I64. */
    check("-1 4294967295", "%ld %lu", -1, 0xFFFFFFFFu);
    check("-1 18446744073709551615", "%lld %llu", -1LL, ~0ULL);
    check("123456789012 1cbe991a14", "%I64d %I64x", 123456789012LL, 123456789012LL);
    check("ffffffffffffffff", "%Ix", ~(ULONG_PTR)0);
    check("-5 5", "%Id %Iu", (LONG_PTR)-5, (ULONG_PTR)5);
    check("7 8", "%I32d %zu", 7, (size_t)8);
    /* I32 is a 32-bit size: a negative int stays negative (read as 64 bits it would not). */
    check("-1 -2147483648", "%I32d %I32d", -1, (int)0x80000000u);
    check("-1 65535 255", "%hd %hu %hhu", 0xFFFF, 0x1FFFF, 0x1FF);
    check("  42|42  |00042|+42| 42", "%4d|%-4d|%05d|%+d|% d", 42, 42, 42, 42, 42);
    check("  007|-0042", "%5.3d|%05d", 7, -42);
    check("|", "%.0d|", 0);
    check("   42", "%*d", 5, 42);
    check("42   |", "%*d|", -5, 42);
    check("00042", "%.*d", 5, 42);
    check("-2147483648", "%d", (int)0x80000000);
}

TEST(pointers_and_chars)
{
    check("0000000012345678", "%p", (void *)0x12345678);
    check("0000000000000000", "%p", NULL);
    check("FFFFFFFFFFFFFFFF", "%p", (void *)~(ULONG_PTR)0);
    check("[x][y][z]", "[%c][%wc][%C]", 'x', L'y', L'z');
    check("  a|a  ", "%3c|%-3c", 'a', 'a');
    check("?", "%wc", 0x263A);
    check("100%", "%d%%", 100);
}

TEST(strings)
{
    UNICODE_STRING u;
    ANSI_STRING a;
    UNICODE_STRING empty = {0, 0, NULL};

    RtlInitUnicodeString(&u, L"wide");
    RtlInitAnsiString(&a, "ansi");
    check("wide ansi", "%wZ %Z", &u, &a);
    check("wi|an", "%.2wZ|%.2Z", &u, &a);
    check("  wide", "%6wZ", &u);
    check("(null) (null)", "%wZ %Z", (PUNICODE_STRING)NULL, (PANSI_STRING)NULL);
    check("(null)", "%wZ", &empty);
    check("abc|w1|w2|w3|n", "%s|%ws|%ls|%S|%hs", "abc", L"w1", L"w2", L"w3", "n");
    check("(null)", "%s", (char *)NULL);
    check("  abc|abc  |ab", "%5s|%-5s|%.2s", "abc", "abc", "abc");
    check("caf\xe9 ?", "%ws %ws", L"caf\x00e9", L"\x263A");
    /* A counted string is printed by its Length, not up to a terminator. */
    u.Length = 4;
    check("wi", "%wZ", &u);
}

TEST(floats)
{
    check("3.14", "%.2f", 3.14159);
    check("  2.5|2.500000e+00", "%5.1f|%e", 2.5, 2.5);
    check("0.001", "%g", 0.001);
}

/* L sizes a long double (Microsoft's format specification: "long double" for a, e, f, g), and
 * a conversion wider than the runtime's 128-byte scratch buffer is complete, for double and
 * long double alike. */
TEST(long_double_and_long_floats)
{
    char wide[200];
    memset(wide, ' ', 137);
    strcpy(wide + 137, "2.5");
    check("1.250|-3.5e+00", "%.3Lf|%.1Le", (long double)1.25, (long double)-3.5);
    check(wide, "%140.1f", 2.5);
    check(wide, "%140.1Lf", (long double)2.5);
    memset(wide, '0', 137);
    strcpy(wide + 137, "2.5");
    check(wide, "%0140.1Lf", (long double)2.5);
}

TEST(ms_return_convention)
{
    char buf[8];
    int n;

    memset(buf, 'X', sizeof(buf));
    n = _snprintf(buf, sizeof(buf), "%s", "abc");
    ok(n == 3 && strcmp(buf, "abc") == 0, "fits: %d\n", n);

    memset(buf, 'X', sizeof(buf));
    n = _snprintf(buf, 4, "%s", "abcd");
    ok(n == 4 && memcmp(buf, "abcdX", 5) == 0, "exact fit, no terminator: %d\n", n);

    memset(buf, 'X', sizeof(buf));
    n = _snprintf(buf, 4, "%s", "abcdef");
    ok(n == -1 && memcmp(buf, "abcdX", 5) == 0, "truncated: -1, no terminator: %d\n", n);

    n = _snprintf(NULL, 0, "%d", 12345);
    ok(n == 5, "NULL/0 gives the length: %d\n", n);
    n = _snprintf(buf, 0, "%d", 1);
    ok(n == -1, "count 0: %d\n", n);
    n = _snprintf(buf, sizeof(buf), "%n", &n);
    ok(n == -1, "%%n refused\n");
    n = _snprintf(buf, sizeof(buf), "abc%");
    ok(n == 3 && strcmp(buf, "abc") == 0, "dangling %%: %d\n", n);
}

TEST(wide_output)
{
    WCHAR w[32];
    UNICODE_STRING u;
    ANSI_STRING a;
    int n;

    RtlInitUnicodeString(&u, L"U");
    RtlInitAnsiString(&a, "A");
    /* In the wide functions %s is wide and %S narrow (Microsoft's legacy rule). */
    n = _snwprintf(w, 32, L"%s|%S|%hs|%ws|%wZ|%Z|%c|%C|%d|%I64x", L"s", "S", "h", L"w", &u, &a,
                   L'c', 'C', -3, 0x1ULL << 40);
    ok(n == 30 && memcmp(w, L"s|S|h|w|U|A|c|C|-3|10000000000", 31 * sizeof(WCHAR)) == 0,
       "wide format: %d\n", n);
    n = _snwprintf(w, 32, L"%hs", "caf\xe9");
    ok(n == 4 && w[3] == 0xE9 && w[4] == 0, "Latin-1 widening\n");
    n = _snwprintf(w, 2, L"%s", L"abc");
    ok(n == -1 && w[0] == 'a' && w[1] == 'b', "wide truncation\n");
}

static ULONG v_dbg_print_ex(ULONG component, ULONG level, PCCH format, ...)
{
    va_list ap;
    ULONG status;
    va_start(ap, format);
    status = vDbgPrintEx(component, level, format, ap);
    va_end(ap);
    return status;
}

/* vDbgPrintEx: DbgPrintEx with a va_list; STATUS_SUCCESS whether the filter passes the message
 * or not. (Its output is checked with the other DbgPrint output in test_dbgprint.c's way once
 * the tests no longer run quiet; here the harness silences debug output.) */
TEST(vdbgprintex_returns_success)
{
    ok_status(v_dbg_print_ex(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "v%d-%s|", 7, "xy"),
              STATUS_SUCCESS);
    ok_status(v_dbg_print_ex(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "filtered %d\n", 1),
              STATUS_SUCCESS);
    ok_status(v_dbg_print_ex(DPFLTR_IHVBUS_ID, DPFLTR_MASK | 0x10, "mask %s\n", "x"),
              STATUS_SUCCESS);
}

/* Fills a stack region deeper than the caller's frame with '%', so that a formatting routine
 * called next finds '%' wherever it reads a byte of its own frame it did not write. */
static __attribute__((noinline)) void dirty_stack(void)
{
    volatile char area[8192];
    for (size_t i = 0; i < sizeof(area); i++)
        area[i] = '%';
}

/* A float conversion gives exactly its digits, whatever the stack held before (the runtime
 * builds a host format string for it, which must be terminated). */
TEST(floats_on_a_dirty_stack)
{
    for (int i = 0; i < 3; i++) {
        dirty_stack();
        ok(strcmp(fmt("%.2f|", 1.5), "1.50|") == 0, "got \"%s\"\n", out);
        dirty_stack();
        ok(strcmp(fmt("%8.3e|", 12345.678), "1.235e+04|") == 0, "got \"%s\"\n", out);
    }
}
