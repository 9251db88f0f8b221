/*
 * test_ntintsafe_all.c - every arithmetic and conversion routine of ntintsafe.h, against a
 * reference computed in 128-bit arithmetic: for each routine, every pair (or value) from the
 * boundary set of its type (minimum, minimum + 1, -1, 0, 1, 2, maximum / 2, maximum - 1, maximum,
 * and for conversions the destination's limits and one beyond them). A result that fits is
 * returned with STATUS_SUCCESS; one that does not gives STATUS_INTEGER_OVERFLOW and *pResult set
 * to the type's _ERROR value, which is all bits set for every type (-1 when signed).
 */
#include <wdm.h>
#include <ntintsafe.h>

#include "harness.h"

#pragma GCC diagnostic ignored "-Wtype-limits" /* IS_SIGNED on unsigned types */

typedef __int128 wide;

/* Limits of an integer type, computed from its size and signedness. */
#define IS_SIGNED(T) ((T)-1 < (T)0)
#define TMAX(T)                                                                                    \
    (IS_SIGNED(T) ? ((wide)1 << (sizeof(T) * 8 - 1)) - 1                                           \
                  : (wide)(((unsigned __int128)1 << (sizeof(T) * 8)) - 1))
#define TMIN(T) (IS_SIGNED(T) ? -((wide)1 << (sizeof(T) * 8 - 1)) : (wide)0)

static int fits(wide v, wide min, wide max)
{
    return v >= min && v <= max;
}

/* Exact product of two values below 2^64 in magnitude (no 128-bit overflow). */
static int product(wide a, wide b, wide *r)
{
    unsigned __int128 ma = a < 0 ? (unsigned __int128)-a : (unsigned __int128)a;
    unsigned __int128 mb = b < 0 ? (unsigned __int128)-b : (unsigned __int128)b;
    unsigned __int128 m = ma * mb;
    if (m >> 126)
        return 0; /* beyond every 64-bit type anyway */
    *r = (a < 0) != (b < 0) ? -(wide)m : (wide)m;
    return 1;
}

/* The boundary set of a type, as 128-bit values. */
static int boundaries(wide min, wide max, wide *v)
{
    wide all[] = {min, min + 1, -1, 0, 1, 2, max / 2, max - 1, max};
    int n = 0;
    for (unsigned i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        if (fits(all[i], min, max))
            v[n++] = all[i];
    return n;
}

static unsigned long long lo(wide v)
{
    return (unsigned long long)v;
}

/* Add, Sub and Mult of one type over every pair of its boundary set. */
#define CHECK_MATH(T, add, sub, mult)                                                              \
    do {                                                                                           \
        wide v[9], want;                                                                           \
        int n = boundaries(TMIN(T), TMAX(T), v);                                                   \
        for (int i = 0; i < n; i++)                                                                \
            for (int j = 0; j < n; j++) {                                                          \
                T a = (T)v[i], b = (T)v[j], r;                                                     \
                NTSTATUS st;                                                                       \
                int good;                                                                          \
                r = (T)0x5A;                                                                       \
                st = add(a, b, &r);                                                                \
                want = v[i] + v[j];                                                                \
                good = fits(want, TMIN(T), TMAX(T));                                               \
                ok(st == (good ? STATUS_SUCCESS : STATUS_INTEGER_OVERFLOW) &&                      \
                       (wide)r == (good ? want : (wide)(T)-1),                                     \
                   #add "(%#llx, %#llx): status %#x, result %#llx\n", lo(v[i]), lo(v[j]),          \
                   (unsigned)st, lo(r));                                                           \
                r = (T)0x5A;                                                                       \
                st = sub(a, b, &r);                                                                \
                want = v[i] - v[j];                                                                \
                good = fits(want, TMIN(T), TMAX(T));                                               \
                ok(st == (good ? STATUS_SUCCESS : STATUS_INTEGER_OVERFLOW) &&                      \
                       (wide)r == (good ? want : (wide)(T)-1),                                     \
                   #sub "(%#llx, %#llx): status %#x, result %#llx\n", lo(v[i]), lo(v[j]),          \
                   (unsigned)st, lo(r));                                                           \
                r = (T)0x5A;                                                                       \
                st = mult(a, b, &r);                                                               \
                good = product(v[i], v[j], &want) && fits(want, TMIN(T), TMAX(T));                 \
                ok(st == (good ? STATUS_SUCCESS : STATUS_INTEGER_OVERFLOW) &&                      \
                       (wide)r == (good ? want : (wide)(T)-1),                                     \
                   #mult "(%#llx, %#llx): status %#x, result %#llx\n", lo(v[i]), lo(v[j]),         \
                   (unsigned)st, lo(r));                                                           \
            }                                                                                      \
    } while (0)

/* A conversion over the boundary sets of its source and destination types (those the source
 * can hold), each value one below and one above the destination's limits included. */
#define CHECK_CONV(S, D, conv)                                                                     \
    do {                                                                                           \
        wide v[9], cand[14];                                                                       \
        int n = boundaries(TMIN(S), TMAX(S), v), m = 0;                                            \
        for (int i = 0; i < n; i++)                                                                \
            cand[m++] = v[i];                                                                      \
        cand[m++] = TMIN(D) - 1;                                                                   \
        cand[m++] = TMIN(D);                                                                       \
        cand[m++] = TMAX(D);                                                                       \
        cand[m++] = TMAX(D) + 1;                                                                   \
        for (int i = 0; i < m; i++) {                                                              \
            D r = (D)0x5A;                                                                         \
            NTSTATUS st;                                                                           \
            int good;                                                                              \
            if (!fits(cand[i], TMIN(S), TMAX(S)))                                                  \
                continue;                                                                          \
            st = conv((S)cand[i], &r);                                                             \
            good = fits(cand[i], TMIN(D), TMAX(D));                                                \
            ok(st == (good ? STATUS_SUCCESS : STATUS_INTEGER_OVERFLOW) &&                          \
                   (wide)r == (good ? cand[i] : (wide)(D)-1),                                      \
               #conv "(%#llx): status %#x, result %#llx\n", lo(cand[i]), (unsigned)st, lo(r));     \
        }                                                                                          \
    } while (0)

TEST(every_arithmetic_routine)
{
    CHECK_MATH(UINT8, RtlUInt8Add, RtlUInt8Sub, RtlUInt8Mult);
    CHECK_MATH(BYTE, RtlByteAdd, RtlByteSub, RtlByteMult);
    CHECK_MATH(USHORT, RtlUShortAdd, RtlUShortSub, RtlUShortMult);
    CHECK_MATH(WORD, RtlWordAdd, RtlWordSub, RtlWordMult);
    CHECK_MATH(UINT, RtlUIntAdd, RtlUIntSub, RtlUIntMult);
    CHECK_MATH(ULONG, RtlULongAdd, RtlULongSub, RtlULongMult);
    CHECK_MATH(DWORD, RtlDWordAdd, RtlDWordSub, RtlDWordMult);
    CHECK_MATH(ULONGLONG, RtlULongLongAdd, RtlULongLongSub, RtlULongLongMult);
    CHECK_MATH(DWORDLONG, RtlDWordLongAdd, RtlDWordLongSub, RtlDWordLongMult);
    CHECK_MATH(ULONG64, RtlULong64Add, RtlULong64Sub, RtlULong64Mult);
    CHECK_MATH(DWORD64, RtlDWord64Add, RtlDWord64Sub, RtlDWord64Mult);
    CHECK_MATH(UINT64, RtlUInt64Add, RtlUInt64Sub, RtlUInt64Mult);
    CHECK_MATH(SIZE_T, RtlSizeTAdd, RtlSizeTSub, RtlSizeTMult);
    CHECK_MATH(SIZE_T, RtlSIZETAdd, RtlSIZETSub, RtlSIZETMult);
    CHECK_MATH(UINT_PTR, RtlUIntPtrAdd, RtlUIntPtrSub, RtlUIntPtrMult);
    CHECK_MATH(ULONG_PTR, RtlULongPtrAdd, RtlULongPtrSub, RtlULongPtrMult);
    CHECK_MATH(DWORD_PTR, RtlDWordPtrAdd, RtlDWordPtrSub, RtlDWordPtrMult);
    CHECK_MATH(INT8, RtlInt8Add, RtlInt8Sub, RtlInt8Mult);
    CHECK_MATH(SHORT, RtlShortAdd, RtlShortSub, RtlShortMult);
    CHECK_MATH(INT, RtlIntAdd, RtlIntSub, RtlIntMult);
    CHECK_MATH(LONG, RtlLongAdd, RtlLongSub, RtlLongMult);
    CHECK_MATH(LONGLONG, RtlLongLongAdd, RtlLongLongSub, RtlLongLongMult);
    CHECK_MATH(LONG64, RtlLong64Add, RtlLong64Sub, RtlLong64Mult);
    CHECK_MATH(INT64, RtlInt64Add, RtlInt64Sub, RtlInt64Mult);
    CHECK_MATH(INT_PTR, RtlIntPtrAdd, RtlIntPtrSub, RtlIntPtrMult);
    CHECK_MATH(LONG_PTR, RtlLongPtrAdd, RtlLongPtrSub, RtlLongPtrMult);
    CHECK_MATH(ptrdiff_t, RtlPtrdiffTAdd, RtlPtrdiffTSub, RtlPtrdiffTMult);
    CHECK_MATH(SSIZE_T, RtlSSIZETAdd, RtlSSIZETSub, RtlSSIZETMult);
}

TEST(every_conversion_routine)
{
    CHECK_CONV(ULONGLONG, UCHAR, RtlULongLongToUChar);
    CHECK_CONV(ULONGLONG, USHORT, RtlULongLongToUShort);
    CHECK_CONV(ULONGLONG, INT, RtlULongLongToInt);
    CHECK_CONV(ULONGLONG, UINT, RtlULongLongToUInt);
    CHECK_CONV(ULONGLONG, LONG, RtlULongLongToLong);
    CHECK_CONV(ULONGLONG, ULONG, RtlULongLongToULong);
    CHECK_CONV(ULONGLONG, DWORD, RtlULongLongToDWord);
    CHECK_CONV(ULONGLONG, LONGLONG, RtlULongLongToLongLong);
    CHECK_CONV(ULONGLONG, INT_PTR, RtlULongLongToIntPtr);
    CHECK_CONV(ULONGLONG, LONG_PTR, RtlULongLongToLongPtr);
    CHECK_CONV(ULONGLONG, UINT_PTR, RtlULongLongToUIntPtr);
    CHECK_CONV(ULONGLONG, ULONG_PTR, RtlULongLongToULongPtr);
    CHECK_CONV(ULONGLONG, SIZE_T, RtlULongLongToSizeT);
    CHECK_CONV(LONGLONG, UCHAR, RtlLongLongToUChar);
    CHECK_CONV(LONGLONG, SHORT, RtlLongLongToShort);
    CHECK_CONV(LONGLONG, USHORT, RtlLongLongToUShort);
    CHECK_CONV(LONGLONG, INT, RtlLongLongToInt);
    CHECK_CONV(LONGLONG, UINT, RtlLongLongToUInt);
    CHECK_CONV(LONGLONG, LONG, RtlLongLongToLong);
    CHECK_CONV(LONGLONG, ULONG, RtlLongLongToULong);
    CHECK_CONV(LONGLONG, DWORD, RtlLongLongToDWord);
    CHECK_CONV(LONGLONG, ULONGLONG, RtlLongLongToULongLong);
    CHECK_CONV(LONGLONG, INT_PTR, RtlLongLongToIntPtr);
    CHECK_CONV(LONGLONG, LONG_PTR, RtlLongLongToLongPtr);
    CHECK_CONV(LONGLONG, UINT_PTR, RtlLongLongToUIntPtr);
    CHECK_CONV(LONGLONG, ULONG_PTR, RtlLongLongToULongPtr);
    CHECK_CONV(LONGLONG, SIZE_T, RtlLongLongToSizeT);
    CHECK_CONV(SIZE_T, USHORT, RtlSizeTToUShort);
    CHECK_CONV(SIZE_T, INT, RtlSizeTToInt);
    CHECK_CONV(SIZE_T, UINT, RtlSizeTToUInt);
    CHECK_CONV(SIZE_T, LONG, RtlSizeTToLong);
    CHECK_CONV(SIZE_T, ULONG, RtlSizeTToULong);
    CHECK_CONV(SIZE_T, DWORD, RtlSizeTToDWord);
    CHECK_CONV(SIZE_T, INT_PTR, RtlSizeTToIntPtr);
    CHECK_CONV(SIZE_T, LONG_PTR, RtlSizeTToLongPtr);
    CHECK_CONV(SIZE_T, LONGLONG, RtlSizeTToLongLong);
    CHECK_CONV(ULONG_PTR, USHORT, RtlULongPtrToUShort);
    CHECK_CONV(ULONG_PTR, INT, RtlULongPtrToInt);
    CHECK_CONV(ULONG_PTR, UINT, RtlULongPtrToUInt);
    CHECK_CONV(ULONG_PTR, LONG, RtlULongPtrToLong);
    CHECK_CONV(ULONG_PTR, ULONG, RtlULongPtrToULong);
    CHECK_CONV(ULONG_PTR, LONG_PTR, RtlULongPtrToLongPtr);
    CHECK_CONV(UINT_PTR, UINT, RtlUIntPtrToUInt);
    CHECK_CONV(UINT_PTR, ULONG, RtlUIntPtrToULong);
    CHECK_CONV(UINT_PTR, INT, RtlUIntPtrToInt);
    CHECK_CONV(LONG_PTR, INT, RtlLongPtrToInt);
    CHECK_CONV(LONG_PTR, UINT, RtlLongPtrToUInt);
    CHECK_CONV(LONG_PTR, LONG, RtlLongPtrToLong);
    CHECK_CONV(LONG_PTR, ULONG, RtlLongPtrToULong);
    CHECK_CONV(LONG_PTR, ULONG_PTR, RtlLongPtrToULongPtr);
    CHECK_CONV(LONG_PTR, SIZE_T, RtlLongPtrToSizeT);
    CHECK_CONV(INT_PTR, INT, RtlIntPtrToInt);
    CHECK_CONV(INT_PTR, UINT, RtlIntPtrToUInt);
    CHECK_CONV(INT_PTR, ULONG, RtlIntPtrToULong);
    CHECK_CONV(INT_PTR, UINT_PTR, RtlIntPtrToUIntPtr);
    CHECK_CONV(ULONG, UCHAR, RtlULongToUChar);
    CHECK_CONV(ULONG, SHORT, RtlULongToShort);
    CHECK_CONV(ULONG, USHORT, RtlULongToUShort);
    CHECK_CONV(ULONG, INT, RtlULongToInt);
    CHECK_CONV(ULONG, LONG, RtlULongToLong);
    CHECK_CONV(DWORD, USHORT, RtlDWordToUShort);
    CHECK_CONV(DWORD, INT, RtlDWordToInt);
    CHECK_CONV(DWORD, LONG, RtlDWordToLong);
    CHECK_CONV(UINT, UCHAR, RtlUIntToUChar);
    CHECK_CONV(UINT, USHORT, RtlUIntToUShort);
    CHECK_CONV(UINT, INT, RtlUIntToInt);
    CHECK_CONV(UINT, LONG, RtlUIntToLong);
    CHECK_CONV(LONG, UCHAR, RtlLongToUChar);
    CHECK_CONV(LONG, SHORT, RtlLongToShort);
    CHECK_CONV(LONG, USHORT, RtlLongToUShort);
    CHECK_CONV(LONG, UINT, RtlLongToUInt);
    CHECK_CONV(LONG, ULONG, RtlLongToULong);
    CHECK_CONV(LONG, DWORD, RtlLongToDWord);
    CHECK_CONV(LONG, ULONGLONG, RtlLongToULongLong);
    CHECK_CONV(LONG, UINT_PTR, RtlLongToUIntPtr);
    CHECK_CONV(LONG, ULONG_PTR, RtlLongToULongPtr);
    CHECK_CONV(LONG, SIZE_T, RtlLongToSizeT);
    CHECK_CONV(INT, UCHAR, RtlIntToUChar);
    CHECK_CONV(INT, SHORT, RtlIntToShort);
    CHECK_CONV(INT, USHORT, RtlIntToUShort);
    CHECK_CONV(INT, UINT, RtlIntToUInt);
    CHECK_CONV(INT, ULONG, RtlIntToULong);
    CHECK_CONV(INT, ULONGLONG, RtlIntToULongLong);
    CHECK_CONV(INT, SIZE_T, RtlIntToSizeT);
    CHECK_CONV(USHORT, UCHAR, RtlUShortToUChar);
    CHECK_CONV(USHORT, SHORT, RtlUShortToShort);
    CHECK_CONV(SHORT, UCHAR, RtlShortToUChar);
    CHECK_CONV(SHORT, USHORT, RtlShortToUShort);
    CHECK_CONV(SHORT, UINT, RtlShortToUInt);
    CHECK_CONV(SHORT, ULONG, RtlShortToULong);
    CHECK_CONV(SHORT, SIZE_T, RtlShortToSizeT);
}
