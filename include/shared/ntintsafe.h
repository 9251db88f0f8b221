/*
 * ntintsafe.h - integer arithmetic and conversions that detect overflow (the kernel's intsafe).
 *
 * As in the WDK every routine is a static inline function of this header: nothing is exported.
 * Each returns STATUS_SUCCESS with the exact result, or STATUS_INTEGER_OVERFLOW when the result
 * does not fit the destination type; the result is then set to the type's <TYPE>_ERROR value
 * (all bits set for unsigned types, -1 for signed ones), which the documentation calls "not
 * valid": callers must test the status, not the value.
 *
 * The checks are the compiler's __builtin_*_overflow, which computes in infinite precision, so
 * one form covers every pair of types (a conversion is "add 0 into the narrower type").
 *
 * drvhost specifics:
 *  - The signed arithmetic (RtlLongAdd, RtlIntMult...) is always available; the WDK's header may
 *    require ENABLE_INTSAFE_SIGNED_FUNCTIONS for it, which therefore changes nothing here.
 *  - LONG_MAX, LONG_MIN and ULONG_MAX are Windows' 32-bit values when this header defines them.
 *    A driver that includes <limits.h> after this header gets the C library's values, which
 *    describe the compiler's 64-bit `long` (drvhost builds drivers LP64); LONG and ULONG are
 *    32 bits either way, so prefer MAXLONG/MAXULONG (ntdef.h) for them.
 */
#ifndef _NTINTSAFE_H_INCLUDED_
#define _NTINTSAFE_H_INCLUDED_

#include <ntdef.h>
#include <ntstatus.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- limits ------------------------------------------------------------------------------- */

/* <stdint.h> (included by msvc.h) and <limits.h> define some of these with the same values. */
#ifndef INT8_MIN
#define INT8_MIN (-127 - 1)
#endif
#ifndef INT8_MAX
#define INT8_MAX 127
#endif
#ifndef UINT8_MAX
#define UINT8_MAX 0xff
#endif
#ifndef INT16_MIN
#define INT16_MIN (-32767 - 1)
#endif
#ifndef INT16_MAX
#define INT16_MAX 32767
#endif
#ifndef UINT16_MAX
#define UINT16_MAX 0xffff
#endif
#ifndef INT32_MIN
#define INT32_MIN (-2147483647 - 1)
#endif
#ifndef INT32_MAX
#define INT32_MAX 2147483647
#endif
#ifndef UINT32_MAX
#define UINT32_MAX 0xffffffffU
#endif
#ifndef INT64_MIN
#define INT64_MIN (-9223372036854775807LL - 1)
#endif
#ifndef INT64_MAX
#define INT64_MAX 9223372036854775807LL
#endif
#ifndef UINT64_MAX
#define UINT64_MAX 0xffffffffffffffffULL
#endif
#ifndef INT_MIN
#define INT_MIN (-2147483647 - 1)
#endif
#ifndef INT_MAX
#define INT_MAX 2147483647
#endif
#ifndef UINT_MAX
#define UINT_MAX 0xffffffffU
#endif
#ifndef LONG_MIN
#define LONG_MIN (-2147483647L - 1)
#endif
#ifndef LONG_MAX
#define LONG_MAX 2147483647L
#endif
#ifndef ULONG_MAX
#define ULONG_MAX 0xffffffffUL
#endif

#define BYTE_MAX      0xff
#define SHORT_MIN     (-32768)
#define SHORT_MAX     32767
#define USHORT_MAX    0xffff
#define WORD_MAX      0xffff
#define DWORD_MAX     0xffffffffUL
#define LONGLONG_MIN  INT64_MIN
#define LONGLONG_MAX  INT64_MAX
#define LONG64_MIN    INT64_MIN
#define LONG64_MAX    INT64_MAX
#define ULONGLONG_MAX 0xffffffffffffffffULL
#define DWORDLONG_MAX 0xffffffffffffffffULL
#define ULONG64_MAX   0xffffffffffffffffULL
#define DWORD64_MAX   0xffffffffffffffffULL
#define INT_PTR_MIN   INT64_MIN
#define INT_PTR_MAX   INT64_MAX
#define LONG_PTR_MIN  INT64_MIN
#define LONG_PTR_MAX  INT64_MAX
#define UINT_PTR_MAX  0xffffffffffffffffULL
#define ULONG_PTR_MAX 0xffffffffffffffffULL
#define DWORD_PTR_MAX 0xffffffffffffffffULL
#define PTRDIFF_T_MIN INT64_MIN
#define PTRDIFF_T_MAX INT64_MAX
#define SSIZE_T_MIN   INT64_MIN
#define SSIZE_T_MAX   INT64_MAX
#define SIZE_T_MAX    0xffffffffffffffffULL
#define _SIZE_T_MAX   SIZE_T_MAX

/* The value a failed operation leaves in its result. */
#define INT8_ERROR      (-1)
#define UINT8_ERROR     0xff
#define BYTE_ERROR      0xff
#define SHORT_ERROR     (-1)
#define USHORT_ERROR    0xffff
#define WORD_ERROR      0xffff
#define INT_ERROR       (-1)
#define INT32_ERROR     (-1)
#define UINT_ERROR      0xffffffffU
#define UINT32_ERROR    0xffffffffU
#define LONG_ERROR      (-1L)
#define ULONG_ERROR     0xffffffffUL
#define DWORD_ERROR     0xffffffffUL
#define INT64_ERROR     (-1LL)
#define LONGLONG_ERROR  (-1LL)
#define LONG64_ERROR    (-1LL)
#define ULONGLONG_ERROR 0xffffffffffffffffULL
#define DWORDLONG_ERROR 0xffffffffffffffffULL
#define ULONG64_ERROR   0xffffffffffffffffULL
#define DWORD64_ERROR   0xffffffffffffffffULL
#define UINT64_ERROR    0xffffffffffffffffULL
#define INT_PTR_ERROR   (-1LL)
#define LONG_PTR_ERROR  (-1LL)
#define PTRDIFF_T_ERROR (-1LL)
#define SSIZE_T_ERROR   (-1LL)
#define UINT_PTR_ERROR  0xffffffffffffffffULL
#define ULONG_PTR_ERROR 0xffffffffffffffffULL
#define DWORD_PTR_ERROR 0xffffffffffffffffULL
#define SIZE_T_ERROR    0xffffffffffffffffULL
#define _SIZE_T_ERROR   SIZE_T_ERROR

/* ---- the generators ----------------------------------------------------------------------- */

/* Rtl<Name><Op>(a, b, &r): r = a op b when it fits, else <ERR> and STATUS_INTEGER_OVERFLOW. */
#define DRVHOST_INTSAFE_OP_(Name, Type, Err, Op, op)                                               \
    static inline NTSTATUS Rtl##Name##Op(Type Operand1, Type Operand2, Type *pResult)              \
    {                                                                                              \
        Type r;                                                                                    \
        if (__builtin_##op##_overflow(Operand1, Operand2, &r)) {                                   \
            *pResult = (Type)(Err);                                                                \
            return STATUS_INTEGER_OVERFLOW;                                                        \
        }                                                                                          \
        *pResult = r;                                                                              \
        return STATUS_SUCCESS;                                                                     \
    }

#define DRVHOST_INTSAFE_MATH_(Name, Type, Err)                                                     \
    DRVHOST_INTSAFE_OP_(Name, Type, Err, Add, add)                                                 \
    DRVHOST_INTSAFE_OP_(Name, Type, Err, Sub, sub)                                                 \
    DRVHOST_INTSAFE_OP_(Name, Type, Err, Mult, mul)

/* Rtl<From>To<To>(v, &r): r = v when the value fits the destination type, else <ERR>. */
#define DRVHOST_INTSAFE_CONV_(Src, SrcType, Dst, DstType, Err)                                     \
    static inline NTSTATUS Rtl##Src##To##Dst(SrcType Operand, DstType *pResult)                    \
    {                                                                                              \
        DstType r;                                                                                 \
        if (__builtin_add_overflow(Operand, 0, &r)) {                                              \
            *pResult = (DstType)(Err);                                                             \
            return STATUS_INTEGER_OVERFLOW;                                                        \
        }                                                                                          \
        *pResult = r;                                                                              \
        return STATUS_SUCCESS;                                                                     \
    }

/* ---- arithmetic --------------------------------------------------------------------------- */

/* Unsigned: Sub overflows when the result would be negative. */
DRVHOST_INTSAFE_MATH_(UInt8, UINT8, UINT8_ERROR)
DRVHOST_INTSAFE_MATH_(Byte, BYTE, BYTE_ERROR)
DRVHOST_INTSAFE_MATH_(UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_MATH_(Word, WORD, WORD_ERROR)
DRVHOST_INTSAFE_MATH_(UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_MATH_(ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_MATH_(DWord, DWORD, DWORD_ERROR)
DRVHOST_INTSAFE_MATH_(ULongLong, ULONGLONG, ULONGLONG_ERROR)
DRVHOST_INTSAFE_MATH_(DWordLong, DWORDLONG, DWORDLONG_ERROR)
DRVHOST_INTSAFE_MATH_(ULong64, ULONG64, ULONG64_ERROR)
DRVHOST_INTSAFE_MATH_(DWord64, DWORD64, DWORD64_ERROR)
DRVHOST_INTSAFE_MATH_(UInt64, UINT64, UINT64_ERROR)
DRVHOST_INTSAFE_MATH_(SizeT, SIZE_T, SIZE_T_ERROR)
DRVHOST_INTSAFE_MATH_(SIZET, SIZE_T, SIZE_T_ERROR)
DRVHOST_INTSAFE_MATH_(UIntPtr, UINT_PTR, UINT_PTR_ERROR)
DRVHOST_INTSAFE_MATH_(ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
DRVHOST_INTSAFE_MATH_(DWordPtr, DWORD_PTR, DWORD_PTR_ERROR)

/* Signed: overflow in either direction (INT_MIN - 1, INT_MAX * 2, INT_MIN * -1). */
DRVHOST_INTSAFE_MATH_(Int8, INT8, INT8_ERROR)
DRVHOST_INTSAFE_MATH_(Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_MATH_(Int, INT, INT_ERROR)
DRVHOST_INTSAFE_MATH_(Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_MATH_(LongLong, LONGLONG, LONGLONG_ERROR)
DRVHOST_INTSAFE_MATH_(Long64, LONG64, LONG64_ERROR)
DRVHOST_INTSAFE_MATH_(Int64, INT64, INT64_ERROR)
DRVHOST_INTSAFE_MATH_(IntPtr, INT_PTR, INT_PTR_ERROR)
DRVHOST_INTSAFE_MATH_(LongPtr, LONG_PTR, LONG_PTR_ERROR)
DRVHOST_INTSAFE_MATH_(PtrdiffT, ptrdiff_t, PTRDIFF_T_ERROR)
DRVHOST_INTSAFE_MATH_(SSIZET, SSIZE_T, SSIZE_T_ERROR)

/* ---- conversions -------------------------------------------------------------------------- */

/* From ULONGLONG */
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, DWord, DWORD, DWORD_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, LongLong, LONGLONG, LONGLONG_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, IntPtr, INT_PTR, INT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, LongPtr, LONG_PTR, LONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, UIntPtr, UINT_PTR, UINT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(ULongLong, ULONGLONG, SizeT, SIZE_T, SIZE_T_ERROR)

/* From LONGLONG */
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, DWord, DWORD, DWORD_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, ULongLong, ULONGLONG, ULONGLONG_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, IntPtr, INT_PTR, INT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, LongPtr, LONG_PTR, LONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, UIntPtr, UINT_PTR, UINT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(LongLong, LONGLONG, SizeT, SIZE_T, SIZE_T_ERROR)

/* From SIZE_T */
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, DWord, DWORD, DWORD_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, IntPtr, INT_PTR, INT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, LongPtr, LONG_PTR, LONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(SizeT, SIZE_T, LongLong, LONGLONG, LONGLONG_ERROR)

/* From ULONG_PTR / UINT_PTR / LONG_PTR / INT_PTR */
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(ULongPtr, ULONG_PTR, LongPtr, LONG_PTR, LONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(UIntPtr, UINT_PTR, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(UIntPtr, UINT_PTR, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(UIntPtr, UINT_PTR, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(LongPtr, LONG_PTR, SizeT, SIZE_T, SIZE_T_ERROR)
DRVHOST_INTSAFE_CONV_(IntPtr, INT_PTR, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(IntPtr, INT_PTR, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(IntPtr, INT_PTR, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(IntPtr, INT_PTR, UIntPtr, UINT_PTR, UINT_PTR_ERROR)

/* From ULONG / DWORD / UINT */
DRVHOST_INTSAFE_CONV_(ULong, ULONG, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(ULong, ULONG, Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_CONV_(ULong, ULONG, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(ULong, ULONG, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(ULong, ULONG, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(DWord, DWORD, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(DWord, DWORD, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(DWord, DWORD, Long, LONG, LONG_ERROR)
DRVHOST_INTSAFE_CONV_(UInt, UINT, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(UInt, UINT, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(UInt, UINT, Int, INT, INT_ERROR)
DRVHOST_INTSAFE_CONV_(UInt, UINT, Long, LONG, LONG_ERROR)

/* From LONG / INT */
DRVHOST_INTSAFE_CONV_(Long, LONG, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, DWord, DWORD, DWORD_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, ULongLong, ULONGLONG, ULONGLONG_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, UIntPtr, UINT_PTR, UINT_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, ULongPtr, ULONG_PTR, ULONG_PTR_ERROR)
DRVHOST_INTSAFE_CONV_(Long, LONG, SizeT, SIZE_T, SIZE_T_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, ULongLong, ULONGLONG, ULONGLONG_ERROR)
DRVHOST_INTSAFE_CONV_(Int, INT, SizeT, SIZE_T, SIZE_T_ERROR)

/* From USHORT / SHORT */
DRVHOST_INTSAFE_CONV_(UShort, USHORT, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(UShort, USHORT, Short, SHORT, SHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Short, SHORT, UChar, UCHAR, UINT8_ERROR)
DRVHOST_INTSAFE_CONV_(Short, SHORT, UShort, USHORT, USHORT_ERROR)
DRVHOST_INTSAFE_CONV_(Short, SHORT, UInt, UINT, UINT_ERROR)
DRVHOST_INTSAFE_CONV_(Short, SHORT, ULong, ULONG, ULONG_ERROR)
DRVHOST_INTSAFE_CONV_(Short, SHORT, SizeT, SIZE_T, SIZE_T_ERROR)

#undef DRVHOST_INTSAFE_MATH_
#undef DRVHOST_INTSAFE_OP_
#undef DRVHOST_INTSAFE_CONV_

#ifdef __cplusplus
}
#endif

#endif
