/*
 * test_rtl_multibyte.c - ntifs.h's RtlUnicodeToMultiByteN: translation into the system ANSI
 * code page (drvhost's: Latin-1, '?' for what it lacks), truncation to the buffer without an
 * error status, the optional length, the terminator only when the counted source holds one.
 * Expected values: the reference page.
 */
#include <ntifs.h>

#include "harness.h"

#include <string.h>

TEST(unicode_to_multibyte)
{
    static const WCHAR text[] = L"caf\x00e9\x263A";
    char out[8];
    ULONG n = 99;

    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), &n, text, sizeof(text)), STATUS_SUCCESS);
    ok(n == 6 && memcmp(out, "caf\xe9?", 6) == 0, "translated with terminator: %lu\n",
       (unsigned long)n);

    /* Truncated: no error, the length tells; no terminator written. */
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, 3, &n, text, sizeof(text)), STATUS_SUCCESS);
    ok(n == 3 && memcmp(out, "cafx", 4) == 0, "truncated: %lu\n", (unsigned long)n);

    /* Without the terminator in the count, none is added; the length is optional. */
    memset(out, 'x', sizeof(out));
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), NULL, text, 2 * sizeof(WCHAR)),
              STATUS_SUCCESS);
    ok(memcmp(out, "cax", 3) == 0, "two characters, no terminator\n");
    ok_status(RtlUnicodeToMultiByteN(out, sizeof(out), &n, text, 0), STATUS_SUCCESS);
    ok(n == 0, "empty source: %lu\n", (unsigned long)n);
}
