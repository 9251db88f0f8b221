/*
 * test_intsafe_all.c - every routine of intsafe.h (the HRESULT family) against its ntintsafe.h
 * counterpart, on the boundary values of its types: the same result, S_OK where the Rtl
 * routine returns STATUS_SUCCESS and INTSAFE_E_ARITHMETIC_OVERFLOW where it returns
 * STATUS_INTEGER_OVERFLOW, and the same _ERROR value left in the result on overflow.
 * (rtl_test_ntintsafe_all checks the Rtl routines themselves against 128-bit arithmetic.)
 */
#include <wdm.h>
#include <intsafe.h>

#include "harness.h"

#include <string.h>

#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Woverflow"

/* Boundary values of an integer type: its limits, around 0, and around half its range. */
#define IS_SIGNED(T) ((T)-1 < (T)0)
#define TMAX(T)                                                                                    \
    ((T)(IS_SIGNED(T) ? (T)((((unsigned long long)1 << (sizeof(T) * 8 - 2)) - 1) * 2 + 1)          \
                      : (T) ~(T)0))
#define TMIN(T) ((T)(IS_SIGNED(T) ? (T)(-TMAX(T) - 1) : (T)0))
#define BOUNDARY(T)                                                                                \
    {                                                                                              \
        TMIN(T), (T)(TMIN(T) + 1), (T)-1, (T)0, (T)1, (T)2, (T)(TMAX(T) / 2), (T)(TMAX(T) - 1),    \
            TMAX(T)                                                                                \
    }

static int mismatches;

static void expect_same(const char *name, HRESULT hr, NTSTATUS st, const void *r, const void *rr,
                        size_t size)
{
    HRESULT want = st == STATUS_SUCCESS ? S_OK : INTSAFE_E_ARITHMETIC_OVERFLOW;
    if (hr != want || memcmp(r, rr, size) != 0) {
        if (mismatches++ < 10) {
            ok(0, "%s: %#x (want %#x), or another result than its Rtl routine\n", name,
               (unsigned)hr, (unsigned)want);
        }
    }
}

/* Name(a, b, &r) against RtlName(a, b, &r) for every pair of boundary values. */
#define CHECK_OP(Type, Name, RtlName)                                                              \
    do {                                                                                           \
        static const Type v[] = BOUNDARY(Type);                                                    \
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {                                    \
            for (size_t j = 0; j < sizeof(v) / sizeof(v[0]); j++) {                                \
                Type r, rr;                                                                        \
                HRESULT hr = Name(v[i], v[j], &r);                                                 \
                NTSTATUS st = RtlName(v[i], v[j], &rr);                                            \
                expect_same(#Name, hr, st, &r, &rr, sizeof(r));                                    \
                checked++;                                                                         \
            }                                                                                      \
        }                                                                                          \
    } while (0)

/* Name(v, &r) against RtlName(v, &r) for the boundary values of the source type. */
#define CHECK_CONV(Src, Dst, Name, RtlName)                                                        \
    do {                                                                                           \
        static const Src v[] = BOUNDARY(Src);                                                      \
        for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {                                    \
            Dst r, rr;                                                                             \
            HRESULT hr = Name(v[i], &r);                                                           \
            NTSTATUS st = RtlName(v[i], &rr);                                                      \
            expect_same(#Name, hr, st, &r, &rr, sizeof(r));                                        \
            checked++;                                                                             \
        }                                                                                          \
    } while (0)

TEST(arithmetic)
{
    unsigned checked = 0;
    mismatches = 0;
    CHECK_OP(UINT8, UInt8Add, RtlUInt8Add);
    CHECK_OP(UINT8, UInt8Sub, RtlUInt8Sub);
    CHECK_OP(UINT8, UInt8Mult, RtlUInt8Mult);
    CHECK_OP(BYTE, ByteAdd, RtlByteAdd);
    CHECK_OP(BYTE, ByteSub, RtlByteSub);
    CHECK_OP(BYTE, ByteMult, RtlByteMult);
    CHECK_OP(USHORT, UShortAdd, RtlUShortAdd);
    CHECK_OP(USHORT, UShortSub, RtlUShortSub);
    CHECK_OP(USHORT, UShortMult, RtlUShortMult);
    CHECK_OP(WORD, WordAdd, RtlWordAdd);
    CHECK_OP(WORD, WordSub, RtlWordSub);
    CHECK_OP(WORD, WordMult, RtlWordMult);
    CHECK_OP(UINT, UIntAdd, RtlUIntAdd);
    CHECK_OP(UINT, UIntSub, RtlUIntSub);
    CHECK_OP(UINT, UIntMult, RtlUIntMult);
    CHECK_OP(ULONG, ULongAdd, RtlULongAdd);
    CHECK_OP(ULONG, ULongSub, RtlULongSub);
    CHECK_OP(ULONG, ULongMult, RtlULongMult);
    CHECK_OP(DWORD, DWordAdd, RtlDWordAdd);
    CHECK_OP(DWORD, DWordSub, RtlDWordSub);
    CHECK_OP(DWORD, DWordMult, RtlDWordMult);
    CHECK_OP(ULONGLONG, ULongLongAdd, RtlULongLongAdd);
    CHECK_OP(ULONGLONG, ULongLongSub, RtlULongLongSub);
    CHECK_OP(ULONGLONG, ULongLongMult, RtlULongLongMult);
    CHECK_OP(DWORDLONG, DWordLongAdd, RtlDWordLongAdd);
    CHECK_OP(DWORDLONG, DWordLongSub, RtlDWordLongSub);
    CHECK_OP(DWORDLONG, DWordLongMult, RtlDWordLongMult);
    CHECK_OP(ULONG64, ULong64Add, RtlULong64Add);
    CHECK_OP(ULONG64, ULong64Sub, RtlULong64Sub);
    CHECK_OP(ULONG64, ULong64Mult, RtlULong64Mult);
    CHECK_OP(DWORD64, DWord64Add, RtlDWord64Add);
    CHECK_OP(DWORD64, DWord64Sub, RtlDWord64Sub);
    CHECK_OP(DWORD64, DWord64Mult, RtlDWord64Mult);
    CHECK_OP(UINT64, UInt64Add, RtlUInt64Add);
    CHECK_OP(UINT64, UInt64Sub, RtlUInt64Sub);
    CHECK_OP(UINT64, UInt64Mult, RtlUInt64Mult);
    CHECK_OP(SIZE_T, SizeTAdd, RtlSizeTAdd);
    CHECK_OP(SIZE_T, SizeTSub, RtlSizeTSub);
    CHECK_OP(SIZE_T, SizeTMult, RtlSizeTMult);
    CHECK_OP(SIZE_T, SIZETAdd, RtlSIZETAdd);
    CHECK_OP(SIZE_T, SIZETSub, RtlSIZETSub);
    CHECK_OP(SIZE_T, SIZETMult, RtlSIZETMult);
    CHECK_OP(UINT_PTR, UIntPtrAdd, RtlUIntPtrAdd);
    CHECK_OP(UINT_PTR, UIntPtrSub, RtlUIntPtrSub);
    CHECK_OP(UINT_PTR, UIntPtrMult, RtlUIntPtrMult);
    CHECK_OP(ULONG_PTR, ULongPtrAdd, RtlULongPtrAdd);
    CHECK_OP(ULONG_PTR, ULongPtrSub, RtlULongPtrSub);
    CHECK_OP(ULONG_PTR, ULongPtrMult, RtlULongPtrMult);
    CHECK_OP(DWORD_PTR, DWordPtrAdd, RtlDWordPtrAdd);
    CHECK_OP(DWORD_PTR, DWordPtrSub, RtlDWordPtrSub);
    CHECK_OP(DWORD_PTR, DWordPtrMult, RtlDWordPtrMult);
    CHECK_OP(INT8, Int8Add, RtlInt8Add);
    CHECK_OP(INT8, Int8Sub, RtlInt8Sub);
    CHECK_OP(INT8, Int8Mult, RtlInt8Mult);
    CHECK_OP(SHORT, ShortAdd, RtlShortAdd);
    CHECK_OP(SHORT, ShortSub, RtlShortSub);
    CHECK_OP(SHORT, ShortMult, RtlShortMult);
    CHECK_OP(INT, IntAdd, RtlIntAdd);
    CHECK_OP(INT, IntSub, RtlIntSub);
    CHECK_OP(INT, IntMult, RtlIntMult);
    CHECK_OP(LONG, LongAdd, RtlLongAdd);
    CHECK_OP(LONG, LongSub, RtlLongSub);
    CHECK_OP(LONG, LongMult, RtlLongMult);
    CHECK_OP(LONGLONG, LongLongAdd, RtlLongLongAdd);
    CHECK_OP(LONGLONG, LongLongSub, RtlLongLongSub);
    CHECK_OP(LONGLONG, LongLongMult, RtlLongLongMult);
    CHECK_OP(LONG64, Long64Add, RtlLong64Add);
    CHECK_OP(LONG64, Long64Sub, RtlLong64Sub);
    CHECK_OP(LONG64, Long64Mult, RtlLong64Mult);
    CHECK_OP(INT64, Int64Add, RtlInt64Add);
    CHECK_OP(INT64, Int64Sub, RtlInt64Sub);
    CHECK_OP(INT64, Int64Mult, RtlInt64Mult);
    CHECK_OP(INT_PTR, IntPtrAdd, RtlIntPtrAdd);
    CHECK_OP(INT_PTR, IntPtrSub, RtlIntPtrSub);
    CHECK_OP(INT_PTR, IntPtrMult, RtlIntPtrMult);
    CHECK_OP(LONG_PTR, LongPtrAdd, RtlLongPtrAdd);
    CHECK_OP(LONG_PTR, LongPtrSub, RtlLongPtrSub);
    CHECK_OP(LONG_PTR, LongPtrMult, RtlLongPtrMult);
    CHECK_OP(ptrdiff_t, PtrdiffTAdd, RtlPtrdiffTAdd);
    CHECK_OP(ptrdiff_t, PtrdiffTSub, RtlPtrdiffTSub);
    CHECK_OP(ptrdiff_t, PtrdiffTMult, RtlPtrdiffTMult);
    CHECK_OP(SSIZE_T, SSIZETAdd, RtlSSIZETAdd);
    CHECK_OP(SSIZE_T, SSIZETSub, RtlSSIZETSub);
    CHECK_OP(SSIZE_T, SSIZETMult, RtlSSIZETMult);
    ok(mismatches == 0, "%d mismatches\n", mismatches);
    ok(checked == 84 * 81, "checked %u\n", checked);
}

TEST(conversions)
{
    unsigned checked = 0;
    mismatches = 0;
    CHECK_CONV(ULONGLONG, UCHAR, ULongLongToUChar, RtlULongLongToUChar);
    CHECK_CONV(ULONGLONG, USHORT, ULongLongToUShort, RtlULongLongToUShort);
    CHECK_CONV(ULONGLONG, INT, ULongLongToInt, RtlULongLongToInt);
    CHECK_CONV(ULONGLONG, UINT, ULongLongToUInt, RtlULongLongToUInt);
    CHECK_CONV(ULONGLONG, LONG, ULongLongToLong, RtlULongLongToLong);
    CHECK_CONV(ULONGLONG, ULONG, ULongLongToULong, RtlULongLongToULong);
    CHECK_CONV(ULONGLONG, DWORD, ULongLongToDWord, RtlULongLongToDWord);
    CHECK_CONV(ULONGLONG, LONGLONG, ULongLongToLongLong, RtlULongLongToLongLong);
    CHECK_CONV(ULONGLONG, INT_PTR, ULongLongToIntPtr, RtlULongLongToIntPtr);
    CHECK_CONV(ULONGLONG, LONG_PTR, ULongLongToLongPtr, RtlULongLongToLongPtr);
    CHECK_CONV(ULONGLONG, UINT_PTR, ULongLongToUIntPtr, RtlULongLongToUIntPtr);
    CHECK_CONV(ULONGLONG, ULONG_PTR, ULongLongToULongPtr, RtlULongLongToULongPtr);
    CHECK_CONV(ULONGLONG, SIZE_T, ULongLongToSizeT, RtlULongLongToSizeT);
    CHECK_CONV(LONGLONG, UCHAR, LongLongToUChar, RtlLongLongToUChar);
    CHECK_CONV(LONGLONG, SHORT, LongLongToShort, RtlLongLongToShort);
    CHECK_CONV(LONGLONG, USHORT, LongLongToUShort, RtlLongLongToUShort);
    CHECK_CONV(LONGLONG, INT, LongLongToInt, RtlLongLongToInt);
    CHECK_CONV(LONGLONG, UINT, LongLongToUInt, RtlLongLongToUInt);
    CHECK_CONV(LONGLONG, LONG, LongLongToLong, RtlLongLongToLong);
    CHECK_CONV(LONGLONG, ULONG, LongLongToULong, RtlLongLongToULong);
    CHECK_CONV(LONGLONG, DWORD, LongLongToDWord, RtlLongLongToDWord);
    CHECK_CONV(LONGLONG, ULONGLONG, LongLongToULongLong, RtlLongLongToULongLong);
    CHECK_CONV(LONGLONG, INT_PTR, LongLongToIntPtr, RtlLongLongToIntPtr);
    CHECK_CONV(LONGLONG, LONG_PTR, LongLongToLongPtr, RtlLongLongToLongPtr);
    CHECK_CONV(LONGLONG, UINT_PTR, LongLongToUIntPtr, RtlLongLongToUIntPtr);
    CHECK_CONV(LONGLONG, ULONG_PTR, LongLongToULongPtr, RtlLongLongToULongPtr);
    CHECK_CONV(LONGLONG, SIZE_T, LongLongToSizeT, RtlLongLongToSizeT);
    CHECK_CONV(SIZE_T, USHORT, SizeTToUShort, RtlSizeTToUShort);
    CHECK_CONV(SIZE_T, INT, SizeTToInt, RtlSizeTToInt);
    CHECK_CONV(SIZE_T, UINT, SizeTToUInt, RtlSizeTToUInt);
    CHECK_CONV(SIZE_T, LONG, SizeTToLong, RtlSizeTToLong);
    CHECK_CONV(SIZE_T, ULONG, SizeTToULong, RtlSizeTToULong);
    CHECK_CONV(SIZE_T, DWORD, SizeTToDWord, RtlSizeTToDWord);
    CHECK_CONV(SIZE_T, INT_PTR, SizeTToIntPtr, RtlSizeTToIntPtr);
    CHECK_CONV(SIZE_T, LONG_PTR, SizeTToLongPtr, RtlSizeTToLongPtr);
    CHECK_CONV(SIZE_T, LONGLONG, SizeTToLongLong, RtlSizeTToLongLong);
    CHECK_CONV(ULONG_PTR, USHORT, ULongPtrToUShort, RtlULongPtrToUShort);
    CHECK_CONV(ULONG_PTR, INT, ULongPtrToInt, RtlULongPtrToInt);
    CHECK_CONV(ULONG_PTR, UINT, ULongPtrToUInt, RtlULongPtrToUInt);
    CHECK_CONV(ULONG_PTR, LONG, ULongPtrToLong, RtlULongPtrToLong);
    CHECK_CONV(ULONG_PTR, ULONG, ULongPtrToULong, RtlULongPtrToULong);
    CHECK_CONV(ULONG_PTR, LONG_PTR, ULongPtrToLongPtr, RtlULongPtrToLongPtr);
    CHECK_CONV(UINT_PTR, UINT, UIntPtrToUInt, RtlUIntPtrToUInt);
    CHECK_CONV(UINT_PTR, ULONG, UIntPtrToULong, RtlUIntPtrToULong);
    CHECK_CONV(UINT_PTR, INT, UIntPtrToInt, RtlUIntPtrToInt);
    CHECK_CONV(LONG_PTR, INT, LongPtrToInt, RtlLongPtrToInt);
    CHECK_CONV(LONG_PTR, UINT, LongPtrToUInt, RtlLongPtrToUInt);
    CHECK_CONV(LONG_PTR, LONG, LongPtrToLong, RtlLongPtrToLong);
    CHECK_CONV(LONG_PTR, ULONG, LongPtrToULong, RtlLongPtrToULong);
    CHECK_CONV(LONG_PTR, ULONG_PTR, LongPtrToULongPtr, RtlLongPtrToULongPtr);
    CHECK_CONV(LONG_PTR, SIZE_T, LongPtrToSizeT, RtlLongPtrToSizeT);
    CHECK_CONV(INT_PTR, INT, IntPtrToInt, RtlIntPtrToInt);
    CHECK_CONV(INT_PTR, UINT, IntPtrToUInt, RtlIntPtrToUInt);
    CHECK_CONV(INT_PTR, ULONG, IntPtrToULong, RtlIntPtrToULong);
    CHECK_CONV(INT_PTR, UINT_PTR, IntPtrToUIntPtr, RtlIntPtrToUIntPtr);
    CHECK_CONV(ULONG, UCHAR, ULongToUChar, RtlULongToUChar);
    CHECK_CONV(ULONG, SHORT, ULongToShort, RtlULongToShort);
    CHECK_CONV(ULONG, USHORT, ULongToUShort, RtlULongToUShort);
    CHECK_CONV(ULONG, INT, ULongToInt, RtlULongToInt);
    CHECK_CONV(ULONG, LONG, ULongToLong, RtlULongToLong);
    CHECK_CONV(DWORD, USHORT, DWordToUShort, RtlDWordToUShort);
    CHECK_CONV(DWORD, INT, DWordToInt, RtlDWordToInt);
    CHECK_CONV(DWORD, LONG, DWordToLong, RtlDWordToLong);
    CHECK_CONV(UINT, UCHAR, UIntToUChar, RtlUIntToUChar);
    CHECK_CONV(UINT, USHORT, UIntToUShort, RtlUIntToUShort);
    CHECK_CONV(UINT, INT, UIntToInt, RtlUIntToInt);
    CHECK_CONV(UINT, LONG, UIntToLong, RtlUIntToLong);
    CHECK_CONV(LONG, UCHAR, LongToUChar, RtlLongToUChar);
    CHECK_CONV(LONG, SHORT, LongToShort, RtlLongToShort);
    CHECK_CONV(LONG, USHORT, LongToUShort, RtlLongToUShort);
    CHECK_CONV(LONG, UINT, LongToUInt, RtlLongToUInt);
    CHECK_CONV(LONG, ULONG, LongToULong, RtlLongToULong);
    CHECK_CONV(LONG, DWORD, LongToDWord, RtlLongToDWord);
    CHECK_CONV(LONG, ULONGLONG, LongToULongLong, RtlLongToULongLong);
    CHECK_CONV(LONG, UINT_PTR, LongToUIntPtr, RtlLongToUIntPtr);
    CHECK_CONV(LONG, ULONG_PTR, LongToULongPtr, RtlLongToULongPtr);
    CHECK_CONV(LONG, SIZE_T, LongToSizeT, RtlLongToSizeT);
    CHECK_CONV(INT, UCHAR, IntToUChar, RtlIntToUChar);
    CHECK_CONV(INT, SHORT, IntToShort, RtlIntToShort);
    CHECK_CONV(INT, USHORT, IntToUShort, RtlIntToUShort);
    CHECK_CONV(INT, UINT, IntToUInt, RtlIntToUInt);
    CHECK_CONV(INT, ULONG, IntToULong, RtlIntToULong);
    CHECK_CONV(INT, ULONGLONG, IntToULongLong, RtlIntToULongLong);
    CHECK_CONV(INT, SIZE_T, IntToSizeT, RtlIntToSizeT);
    CHECK_CONV(USHORT, UCHAR, UShortToUChar, RtlUShortToUChar);
    CHECK_CONV(USHORT, SHORT, UShortToShort, RtlUShortToShort);
    CHECK_CONV(SHORT, UCHAR, ShortToUChar, RtlShortToUChar);
    CHECK_CONV(SHORT, USHORT, ShortToUShort, RtlShortToUShort);
    CHECK_CONV(SHORT, UINT, ShortToUInt, RtlShortToUInt);
    CHECK_CONV(SHORT, ULONG, ShortToULong, RtlShortToULong);
    CHECK_CONV(SHORT, SIZE_T, ShortToSizeT, RtlShortToSizeT);
    ok(mismatches == 0, "%d mismatches\n", mismatches);
    ok(checked == 91 * 9, "checked %u\n", checked);
}
