/*
 * test_ntintsafe.c - ntintsafe.h: arithmetic and conversions at their overflow boundaries.
 * A failure is STATUS_INTEGER_OVERFLOW with the result set to the type's _ERROR value.
 */
#include <wdm.h>
#include <ntintsafe.h>

#include "harness.h"

TEST(unsigned_add_sub_mult)
{
    ULONG ul;
    USHORT us;
    SIZE_T sz;
    ULONGLONG ull;

    ok_status(RtlULongAdd(0xFFFFFFFE, 1, &ul), STATUS_SUCCESS);
    ok(ul == 0xFFFFFFFF, "got %#x\n", ul);
    ok_status(RtlULongAdd(0xFFFFFFFF, 1, &ul), STATUS_INTEGER_OVERFLOW);
    ok(ul == ULONG_ERROR, "got %#x\n", ul);
    ok_status(RtlULongSub(5, 5, &ul), STATUS_SUCCESS);
    ok(ul == 0, "got %u\n", ul);
    ok_status(RtlULongSub(5, 6, &ul), STATUS_INTEGER_OVERFLOW);
    ok(ul == ULONG_ERROR, "got %#x\n", ul);
    ok_status(RtlULongMult(0x10000, 0xFFFF, &ul), STATUS_SUCCESS);
    ok(ul == 0xFFFF0000, "got %#x\n", ul);
    ok_status(RtlULongMult(0x10000, 0x10000, &ul), STATUS_INTEGER_OVERFLOW);

    ok_status(RtlUShortAdd(0xFFFF, 0, &us), STATUS_SUCCESS);
    ok_status(RtlUShortAdd(0xFFFF, 1, &us), STATUS_INTEGER_OVERFLOW);
    ok(us == USHORT_ERROR, "got %#x\n", us);
    ok_status(RtlUShortMult(256, 256, &us), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlUShortMult(255, 257, &us), STATUS_SUCCESS);
    ok(us == 0xFFFF, "got %#x\n", us);

    ok_status(RtlSizeTAdd(SIZE_T_MAX, 1, &sz), STATUS_INTEGER_OVERFLOW);
    ok(sz == SIZE_T_ERROR, "size_t result not SIZE_T_ERROR\n");
    ok_status(RtlSizeTMult((SIZE_T)1 << 32, (SIZE_T)1 << 31, &sz), STATUS_SUCCESS);
    ok_status(RtlSizeTMult((SIZE_T)1 << 32, (SIZE_T)1 << 32, &sz), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlSizeTSub(0, 1, &sz), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlULongLongMult(0xFFFFFFFFULL, 0x100000001ULL, &ull), STATUS_SUCCESS);
    ok(ull == ULONGLONG_MAX, "got %#llx\n", ull);
    ok_status(RtlULongLongAdd(ULONGLONG_MAX, 1, &ull), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlULongPtrAdd(1, 2, &sz), STATUS_SUCCESS);
    ok(sz == 3, "got %zu\n", (size_t)sz);
    {
        UINT u;
        ok_status(RtlUIntAdd(UINT_MAX, 1, &u), STATUS_INTEGER_OVERFLOW);
        ok(u == UINT_ERROR, "got %#x\n", u);
        ok_status(RtlUIntMult(65537, 65535, &u), STATUS_SUCCESS);
        ok(u == 0xFFFFFFFF, "got %#x\n", u);
    }
}

TEST(signed_add_sub_mult)
{
    LONG l;
    LONGLONG ll;
    INT i;

    ok_status(RtlLongAdd(0x7FFFFFFF, 0, &l), STATUS_SUCCESS);
    ok_status(RtlLongAdd(0x7FFFFFFF, 1, &l), STATUS_INTEGER_OVERFLOW);
    ok(l == LONG_ERROR, "got %d\n", l);
    ok_status(RtlLongAdd(-0x7FFFFFFF - 1, -1, &l), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlLongAdd(-5, 3, &l), STATUS_SUCCESS);
    ok(l == -2, "got %d\n", l);
    ok_status(RtlLongSub(-0x7FFFFFFF - 1, 1, &l), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlLongSub(0, -0x7FFFFFFF, &l), STATUS_SUCCESS);
    ok(l == 0x7FFFFFFF, "got %d\n", l);
    ok_status(RtlLongMult(-0x7FFFFFFF - 1, -1, &l), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlLongMult(-65536, 32768, &l), STATUS_SUCCESS);
    ok(l == -0x7FFFFFFF - 1, "got %d\n", l);
    ok_status(RtlLongLongAdd(LONGLONG_MAX, 1, &ll), STATUS_INTEGER_OVERFLOW);
    ok(ll == LONGLONG_ERROR, "got %lld\n", ll);
    ok_status(RtlLongLongMult(LONGLONG_MIN, -1, &ll), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlLongLongMult(-3, 4, &ll), STATUS_SUCCESS);
    ok(ll == -12, "got %lld\n", ll);
    ok_status(RtlIntAdd(INT_MAX, 1, &i), STATUS_INTEGER_OVERFLOW);
    ok(i == INT_ERROR, "got %d\n", i);
    ok_status(RtlIntAdd(INT_MAX, INT_MIN, &i), STATUS_SUCCESS);
    ok(i == -1, "got %d\n", i);
}

TEST(conversions)
{
    ULONG ul;
    USHORT us;
    LONG l;
    UINT u;
    UCHAR uc;

    ok_status(RtlULongLongToULong(0xFFFFFFFFULL, &ul), STATUS_SUCCESS);
    ok(ul == 0xFFFFFFFF, "got %#x\n", ul);
    ok_status(RtlULongLongToULong(0x100000000ULL, &ul), STATUS_INTEGER_OVERFLOW);
    ok(ul == ULONG_ERROR, "got %#x\n", ul);
    ok_status(RtlSizeTToULong((SIZE_T)0x100000000ULL, &ul), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlSizeTToULong(42, &ul), STATUS_SUCCESS);
    ok(ul == 42, "got %u\n", ul);
    ok_status(RtlULongToUShort(0xFFFF, &us), STATUS_SUCCESS);
    ok_status(RtlULongToUShort(0x10000, &us), STATUS_INTEGER_OVERFLOW);
    ok(us == USHORT_ERROR, "got %#x\n", us);
    ok_status(RtlLongToULong(-1, &ul), STATUS_INTEGER_OVERFLOW);
    ok(ul == ULONG_ERROR, "got %#x\n", ul);
    ok_status(RtlLongToULong(0x7FFFFFFF, &ul), STATUS_SUCCESS);
    ok_status(RtlULongToLong(0x80000000u, &l), STATUS_INTEGER_OVERFLOW);
    ok(l == LONG_ERROR, "got %d\n", l);
    ok_status(RtlULongToLong(0x7FFFFFFF, &l), STATUS_SUCCESS);
    ok_status(RtlLongLongToLong(-0x80000000LL, &l), STATUS_SUCCESS);
    ok(l == -0x7FFFFFFF - 1, "got %d\n", l);
    ok_status(RtlLongLongToLong(-0x80000001LL, &l), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlLongLongToLong(0x80000000LL, &l), STATUS_INTEGER_OVERFLOW);
    ok_status(RtlIntToUInt(-1, &u), STATUS_INTEGER_OVERFLOW);
    ok(u == UINT_ERROR, "got %#x\n", u);
    ok_status(RtlIntToUInt(0, &u), STATUS_SUCCESS);
    ok(u == 0, "got %u\n", u);
    ok_status(RtlULongToUChar(256, &uc), STATUS_INTEGER_OVERFLOW);
    ok(uc == 0xFF, "got %#x\n", uc);
    ok_status(RtlULongLongToLongLong(0x8000000000000000ULL, &(LONGLONG){0}),
              STATUS_INTEGER_OVERFLOW);
}

TEST(limits)
{
    ok(ULONG_ERROR == 0xFFFFFFFFu && USHORT_MAX == 0xFFFF && SIZE_T_MAX == ~(SIZE_T)0, "limits\n");
    ok(LONG_ERROR == -1 && INT_ERROR == -1 && LONGLONG_MIN < 0, "error values\n");
}
