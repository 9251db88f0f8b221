/*
 * bitmap.c - RTL_BITMAP: bit arrays over caller memory (RtlInitializeBitMap and friends).
 *
 * Bit n is bit n % 32 of Buffer[n / 32]. Searches go a ULONG at a time: a word with no bit of
 * the wanted value is skipped whole, otherwise the lowest wanted bit is found with ctz.
 *
 * The routines take no lock (the caller serialises, as on Windows) and allocate nothing: any
 * IRQL. Ranges reaching past SizeOfBitMap are clipped to the map (Windows would write past it;
 * drvhost has no documented bug check to raise from this layer).
 */
#include "rtl/rtl_private.h"

#define NOT_FOUND 0xFFFFFFFFu

/* ---- single bits and ranges --------------------------------------------------------------- */

static int bit_get(const RTL_BITMAP *bm, ULONG i)
{
    return (int)((bm->Buffer[i >> 5] >> (i & 31)) & 1);
}

/* Mask of bits [lo, hi) of one ULONG, 0 <= lo < hi <= 32. */
static ULONG word_mask(ULONG lo, ULONG hi)
{
    ULONG upper = hi == 32 ? 0xFFFFFFFFu : ((1u << hi) - 1);
    return upper & ~((1u << lo) - 1);
}

/* Clips [start, start + count) to the map; returns the end (exclusive). */
static ULONG range_end(const RTL_BITMAP *bm, ULONG start, ULONG count)
{
    if (start >= bm->SizeOfBitMap)
        return start;
    return count > bm->SizeOfBitMap - start ? bm->SizeOfBitMap : start + count;
}

static void fill_range(PRTL_BITMAP bm, ULONG start, ULONG count, int value)
{
    ULONG end = range_end(bm, start, count);

    while (start < end) {
        ULONG word = start >> 5, lo = start & 31;
        ULONG hi = end - (word << 5) < 32 ? end - (word << 5) : 32;
        ULONG mask = word_mask(lo, hi);
        if (value)
            bm->Buffer[word] |= mask;
        else
            bm->Buffer[word] &= ~mask;
        start = (word << 5) + hi;
    }
}

/* Number of set bits in [start, end) (end within the map). */
static ULONG count_set(const RTL_BITMAP *bm, ULONG start, ULONG end)
{
    ULONG n = 0;

    while (start < end) {
        ULONG word = start >> 5, lo = start & 31;
        ULONG hi = end - (word << 5) < 32 ? end - (word << 5) : 32;
        n += (ULONG)__builtin_popcount(bm->Buffer[word] & word_mask(lo, hi));
        start = (word << 5) + hi;
    }
    return n;
}

NTSYSAPI VOID NTAPI RtlInitializeBitMap(PRTL_BITMAP BitMapHeader, PULONG BitMapBuffer,
                                        ULONG SizeOfBitMap)
{
    BitMapHeader->SizeOfBitMap = SizeOfBitMap;
    BitMapHeader->Buffer = BitMapBuffer;
}

NTSYSAPI VOID NTAPI RtlClearBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    fill_range(BitMapHeader, BitNumber, 1, 0);
}

NTSYSAPI VOID NTAPI RtlSetBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    fill_range(BitMapHeader, BitNumber, 1, 1);
}

NTSYSAPI BOOLEAN NTAPI RtlTestBit(PRTL_BITMAP BitMapHeader, ULONG BitNumber)
{
    return BitNumber < BitMapHeader->SizeOfBitMap && bit_get(BitMapHeader, BitNumber);
}

/* Whole ULONGs, as Windows does: the buffer is a multiple of sizeof(ULONG). */
static void fill_all(PRTL_BITMAP bm, ULONG pattern)
{
    ULONG words = (ULONG)(((ULONGLONG)bm->SizeOfBitMap + 31) / 32);
    for (ULONG i = 0; i < words; i++)
        bm->Buffer[i] = pattern;
}

NTSYSAPI VOID NTAPI RtlClearAllBits(PRTL_BITMAP BitMapHeader)
{
    fill_all(BitMapHeader, 0);
}

NTSYSAPI VOID NTAPI RtlSetAllBits(PRTL_BITMAP BitMapHeader)
{
    fill_all(BitMapHeader, 0xFFFFFFFFu);
}

NTSYSAPI VOID NTAPI RtlClearBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToClear)
{
    fill_range(BitMapHeader, StartingIndex, NumberToClear, 0);
}

NTSYSAPI VOID NTAPI RtlSetBits(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG NumberToSet)
{
    fill_range(BitMapHeader, StartingIndex, NumberToSet, 1);
}

/* Whether [start, start + length) lies in the map, non-empty, with `set` bits all of value. */
static BOOLEAN range_all(const RTL_BITMAP *bm, ULONG start, ULONG length, int value)
{
    if (length == 0 || start >= bm->SizeOfBitMap || length > bm->SizeOfBitMap - start)
        return FALSE;
    ULONG set = count_set(bm, start, start + length);
    return value ? set == length : set == 0;
}

NTSYSAPI BOOLEAN NTAPI RtlAreBitsClear(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return range_all(BitMapHeader, StartingIndex, Length, 0);
}

NTSYSAPI BOOLEAN NTAPI RtlAreBitsSet(PRTL_BITMAP BitMapHeader, ULONG StartingIndex, ULONG Length)
{
    return range_all(BitMapHeader, StartingIndex, Length, 1);
}

NTSYSAPI ULONG NTAPI RtlNumberOfSetBits(PRTL_BITMAP BitMapHeader)
{
    return count_set(BitMapHeader, 0, BitMapHeader->SizeOfBitMap);
}

NTSYSAPI ULONG NTAPI RtlNumberOfClearBits(PRTL_BITMAP BitMapHeader)
{
    return BitMapHeader->SizeOfBitMap - RtlNumberOfSetBits(BitMapHeader);
}

NTSYSAPI ULONG NTAPI RtlNumberOfSetBitsInRange(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
                                               ULONG Length)
{
    return count_set(BitMapHeader, StartingIndex, range_end(BitMapHeader, StartingIndex, Length));
}

NTSYSAPI ULONG NTAPI RtlNumberOfClearBitsInRange(PRTL_BITMAP BitMapHeader, ULONG StartingIndex,
                                                 ULONG Length)
{
    ULONG end = range_end(BitMapHeader, StartingIndex, Length);
    if (end <= StartingIndex)
        return 0;
    return end - StartingIndex - count_set(BitMapHeader, StartingIndex, end);
}

/* ---- searching ---------------------------------------------------------------------------- */

/* Index of the first bit of `value` at or after `from`, or SizeOfBitMap. */
static ULONG find_next(const RTL_BITMAP *bm, ULONG from, int value)
{
    ULONG size = bm->SizeOfBitMap;

    while (from < size) {
        ULONG word = bm->Buffer[from >> 5];
        ULONG bits = (value ? word : ~word) & word_mask(from & 31, 32);
        if (bits != 0) {
            ULONG i = (from & ~31u) + (ULONG)__builtin_ctz(bits);
            return i < size ? i : size;
        }
        from = (from & ~31u) + 32;
        if (from < 32)
            break; /* wrapped past 0xFFFFFFFF */
    }
    return size;
}

/* The run of `value` bits that starts at the first such bit at or after `from`: its start in
 * *start, its length returned (0: none). */
static ULONG next_run(const RTL_BITMAP *bm, ULONG from, int value, ULONG *start)
{
    ULONG s = find_next(bm, from, value);
    *start = s;
    if (s >= bm->SizeOfBitMap)
        return 0;
    return find_next(bm, s, !value) - s;
}

/* First start in [from, limit) of a run of `count` bits of `value` (the run may reach past
 * limit), or NOT_FOUND. */
static ULONG search_window(const RTL_BITMAP *bm, ULONG count, int value, ULONG from, ULONG limit)
{
    ULONG start, len;

    while (from < limit && (len = next_run(bm, from, value, &start)) != 0) {
        if (start >= limit)
            break;
        if (len >= count)
            return start;
        from = start + len;
    }
    return NOT_FOUND;
}

static ULONG find_bits(const RTL_BITMAP *bm, ULONG count, ULONG hint, int value)
{
    ULONG found;

    if (count == 0)
        return 0;
    if (count > bm->SizeOfBitMap)
        return NOT_FOUND;
    if (hint >= bm->SizeOfBitMap)
        hint = 0;
    found = search_window(bm, count, value, hint, bm->SizeOfBitMap);
    if (found == NOT_FOUND && hint > 0) /* documented wrap: from the start back to the hint */
        found = search_window(bm, count, value, 0, hint);
    return found;
}

NTSYSAPI ULONG NTAPI RtlFindClearBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    return find_bits(BitMapHeader, NumberToFind, HintIndex, 0);
}

NTSYSAPI ULONG NTAPI RtlFindSetBits(PRTL_BITMAP BitMapHeader, ULONG NumberToFind, ULONG HintIndex)
{
    return find_bits(BitMapHeader, NumberToFind, HintIndex, 1);
}

NTSYSAPI ULONG NTAPI RtlFindClearBitsAndSet(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
                                            ULONG HintIndex)
{
    ULONG i = find_bits(BitMapHeader, NumberToFind, HintIndex, 0);
    if (i != NOT_FOUND)
        fill_range(BitMapHeader, i, NumberToFind, 1);
    return i;
}

NTSYSAPI ULONG NTAPI RtlFindSetBitsAndClear(PRTL_BITMAP BitMapHeader, ULONG NumberToFind,
                                            ULONG HintIndex)
{
    ULONG i = find_bits(BitMapHeader, NumberToFind, HintIndex, 1);
    if (i != NOT_FOUND)
        fill_range(BitMapHeader, i, NumberToFind, 0);
    return i;
}

NTSYSAPI CCHAR NTAPI RtlFindLeastSignificantBit(ULONGLONG Set)
{
    return Set ? (CCHAR)__builtin_ctzll(Set) : -1;
}

NTSYSAPI CCHAR NTAPI RtlFindMostSignificantBit(ULONGLONG Set)
{
    return Set ? (CCHAR)(63 - __builtin_clzll(Set)) : -1;
}

/* ---- runs --------------------------------------------------------------------------------- */

NTSYSAPI ULONG NTAPI RtlFindNextForwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
                                                PULONG StartingRunIndex)
{
    ULONG start, len = next_run(BitMapHeader, FromIndex, 0, &start);
    *StartingRunIndex = len ? start : 0;
    return len;
}

NTSYSAPI ULONG NTAPI RtlFindFirstRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
    return RtlFindNextForwardRunClear(BitMapHeader, 0, StartingIndex);
}

/* The clear run holding or preceding FromIndex: found bit by bit going down (rarely used). */
NTSYSAPI ULONG NTAPI RtlFindLastBackwardRunClear(PRTL_BITMAP BitMapHeader, ULONG FromIndex,
                                                 PULONG StartingRunIndex)
{
    ULONG end, i;

    *StartingRunIndex = 0;
    if (BitMapHeader->SizeOfBitMap == 0)
        return 0;
    i = FromIndex < BitMapHeader->SizeOfBitMap ? FromIndex : BitMapHeader->SizeOfBitMap - 1;
    while (bit_get(BitMapHeader, i)) {
        if (i == 0)
            return 0;
        i--;
    }
    end = i;
    while (i > 0 && !bit_get(BitMapHeader, i - 1))
        i--;
    *StartingRunIndex = i;
    return end - i + 1;
}

NTSYSAPI ULONG NTAPI RtlFindLongestRunClear(PRTL_BITMAP BitMapHeader, PULONG StartingIndex)
{
    ULONG from = 0, start, len, best = 0;

    *StartingIndex = 0;
    while ((len = next_run(BitMapHeader, from, 0, &start)) != 0) {
        if (len > best) { /* strictly longer: the first of equal runs wins */
            best = len;
            *StartingIndex = start;
        }
        from = start + len;
    }
    return best;
}

/* Inserts a run into runs[0..*used) kept longest first (equal lengths in map order), dropping
 * the shortest when the array is full. */
static void keep_longest(PRTL_BITMAP_RUN runs, ULONG size, ULONG *used, ULONG start, ULONG len)
{
    ULONG i = *used;

    if (i == size) {
        if (runs[size - 1].NumberOfBits >= len)
            return;
        i--;
    } else {
        (*used)++;
    }
    while (i > 0 && runs[i - 1].NumberOfBits < len) {
        runs[i] = runs[i - 1];
        i--;
    }
    runs[i].StartingIndex = start;
    runs[i].NumberOfBits = len;
}

NTSYSAPI ULONG NTAPI RtlFindClearRuns(PRTL_BITMAP BitMapHeader, PRTL_BITMAP_RUN RunArray,
                                      ULONG SizeOfRunArray, BOOLEAN LocateLongestRuns)
{
    ULONG from = 0, used = 0, start, len;

    if (SizeOfRunArray == 0)
        return 0;
    while ((len = next_run(BitMapHeader, from, 0, &start)) != 0) {
        if (LocateLongestRuns) {
            keep_longest(RunArray, SizeOfRunArray, &used, start, len);
        } else {
            RunArray[used].StartingIndex = start;
            RunArray[used].NumberOfBits = len;
            if (++used == SizeOfRunArray)
                break;
        }
        from = start + len;
    }
    return used;
}
