/*
 * test_bitmap.c - RTL_BITMAP: set/clear/test, ranges, counts, searches with a hint and the
 * documented wrap-around, runs, empty and full maps, a map whose size is not a multiple of 32.
 */
#include <string.h>

#include <wdm.h>

#include "harness.h"

#define NF 0xFFFFFFFFu

TEST(layout_and_single_bits)
{
    ULONG buf[2] = {0, 0xFFFFFFFF};
    RTL_BITMAP bm;

    ok(sizeof(RTL_BITMAP) == 16 && sizeof(RTL_BITMAP_RUN) == 8, "layouts\n");
    RtlInitializeBitMap(&bm, buf, 40);
    ok(bm.SizeOfBitMap == 40 && bm.Buffer == buf, "header\n");
    ok(buf[1] == 0xFFFFFFFF, "RtlInitializeBitMap must not touch the bits\n");
    RtlClearAllBits(&bm);
    ok(buf[0] == 0 && buf[1] == 0, "cleared\n");
    RtlSetBit(&bm, 0);
    RtlSetBit(&bm, 33);
    ok(buf[0] == 1 && buf[1] == 2, "set bits: %#x %#x\n", buf[0], buf[1]);
    ok(RtlTestBit(&bm, 33) && !RtlTestBit(&bm, 32), "RtlTestBit\n");
    ok(RtlCheckBit(&bm, 33) == 1 && RtlCheckBit(&bm, 1) == 0, "RtlCheckBit\n");
    RtlClearBit(&bm, 33);
    ok(buf[1] == 0, "cleared bit\n");
    ok(RtlNumberOfSetBits(&bm) == 1 && RtlNumberOfClearBits(&bm) == 39, "counts\n");
}

TEST(ranges_across_words)
{
    ULONG buf[3];
    RTL_BITMAP bm;

    RtlInitializeBitMap(&bm, buf, 96);
    RtlClearAllBits(&bm);
    RtlSetBits(&bm, 30, 36); /* 30..65 */
    ok(buf[0] == 0xC0000000 && buf[1] == 0xFFFFFFFF && buf[2] == 0x3, "%#x %#x %#x\n", buf[0],
       buf[1], buf[2]);
    ok(RtlAreBitsSet(&bm, 30, 36), "set range\n");
    ok(!RtlAreBitsSet(&bm, 29, 2), "29 is clear\n");
    ok(RtlAreBitsClear(&bm, 66, 30), "tail clear\n");
    ok(!RtlAreBitsClear(&bm, 66, 31), "past the end is FALSE\n");
    ok(!RtlAreBitsClear(&bm, 0, 0), "empty range is FALSE\n");
    ok(RtlNumberOfSetBitsInRange(&bm, 0, 40) == 10, "in range\n");
    ok(RtlNumberOfClearBitsInRange(&bm, 0, 40) == 30, "clear in range\n");
    RtlClearBits(&bm, 31, 34);
    ok(buf[0] == 0x40000000 && buf[1] == 0 && buf[2] == 0x2, "%#x %#x %#x\n", buf[0], buf[1],
       buf[2]);
}

TEST(tail_bits_beyond_size_are_ignored)
{
    ULONG buf[1] = {0xFFFFFF00};
    RTL_BITMAP bm;

    RtlInitializeBitMap(&bm, buf, 8); /* bits 8..31 are outside the map */
    ok(RtlNumberOfSetBits(&bm) == 0, "tail bits counted\n");
    ok(RtlFindSetBits(&bm, 1, 0) == NF, "tail bits found\n");
    ok(RtlFindClearBits(&bm, 8, 0) == 0, "whole map clear\n");
    ok(RtlFindClearBits(&bm, 9, 0) == NF, "more than the map\n");
}

TEST(find_with_hint_and_wrap)
{
    ULONG buf[2];
    RTL_BITMAP bm;

    RtlInitializeBitMap(&bm, buf, 64);
    RtlSetAllBits(&bm);
    RtlClearBits(&bm, 4, 4);   /* 4..7 */
    RtlClearBits(&bm, 40, 10); /* 40..49 */
    ok(RtlFindClearBits(&bm, 4, 0) == 4, "from 0\n");
    ok(RtlFindClearBits(&bm, 4, 8) == 40, "from the hint\n");
    ok(RtlFindClearBits(&bm, 4, 50) == 4, "wrapped to the start\n");
    ok(RtlFindClearBits(&bm, 3, 5) == 5, "hint inside a run\n");
    ok(RtlFindClearBits(&bm, 10, 45) == 40, "run before the hint, through it\n");
    ok(RtlFindClearBits(&bm, 11, 0) == NF, "too long\n");
    ok(RtlFindClearBits(&bm, 4, 1000) == 4, "hint past the end is 0\n");
    ok(RtlFindSetBits(&bm, 14, 10) == 10, "from inside the run 8..39\n");
    ok(RtlFindSetBits(&bm, 14, 40) == 50, "set run at the end\n");
    ok(RtlFindSetBits(&bm, 32, 0) == 8, "exactly 32 set bits\n");
    ok(RtlFindSetBits(&bm, 33, 0) == NF, "no 33 set bits in a row\n");
    ok(RtlFindClearBitsAndSet(&bm, 4, 0) == 4, "and set\n");
    ok(RtlAreBitsSet(&bm, 0, 40), "now set\n");
    ok(RtlFindClearBitsAndSet(&bm, 4, 0) == 40, "next one\n");
    ok(RtlFindSetBitsAndClear(&bm, 64, 0) == NF, "not all set\n");
    ok(RtlFindSetBitsAndClear(&bm, 44, 0) == 0, "first 44 set\n");
    ok(RtlAreBitsClear(&bm, 0, 44) && RtlAreBitsClear(&bm, 44, 6), "cleared 0..49\n");
}

TEST(empty_and_full_maps)
{
    ULONG buf[2] = {0, 0};
    RTL_BITMAP bm;
    ULONG start = 7;

    RtlInitializeBitMap(&bm, buf, 0);
    ok(RtlFindClearBits(&bm, 1, 0) == NF, "empty map\n");
    ok(RtlNumberOfClearBits(&bm) == 0, "empty count\n");
    ok(RtlFindFirstRunClear(&bm, &start) == 0, "no run\n");
    ok(RtlFindLongestRunClear(&bm, &start) == 0, "no longest run\n");

    RtlInitializeBitMap(&bm, buf, 64);
    RtlSetAllBits(&bm);
    ok(RtlFindClearBits(&bm, 1, 17) == NF, "full map\n");
    ok(RtlNumberOfSetBits(&bm) == 64, "full count\n");
    ok(RtlFindNextForwardRunClear(&bm, 0, &start) == 0, "no forward run\n");
    RtlClearAllBits(&bm);
    ok(RtlFindClearBits(&bm, 64, 63) == 0, "whole map from a hint\n");
    ok(RtlFindLongestRunClear(&bm, &start) == 64 && start == 0, "longest is everything\n");
}

TEST(runs)
{
    ULONG buf[2];
    RTL_BITMAP bm;
    RTL_BITMAP_RUN runs[3];
    ULONG start;

    RtlInitializeBitMap(&bm, buf, 60);
    RtlSetAllBits(&bm);
    RtlClearBits(&bm, 2, 3);  /* 2..4   (3) */
    RtlClearBits(&bm, 10, 8); /* 10..17 (8) */
    RtlClearBits(&bm, 30, 1); /* 30     (1) */
    RtlClearBits(&bm, 40, 8); /* 40..47 (8) */
    RtlClearBits(&bm, 55, 5); /* 55..59 (5), ends at the map's end */

    ok(RtlFindFirstRunClear(&bm, &start) == 3 && start == 2, "first run %u\n", start);
    ok(RtlFindLongestRunClear(&bm, &start) == 8 && start == 10, "longest %u\n", start);
    ok(RtlFindNextForwardRunClear(&bm, 12, &start) == 6 && start == 12, "forward from inside\n");
    ok(RtlFindNextForwardRunClear(&bm, 48, &start) == 5 && start == 55, "forward to the end\n");
    ok(RtlFindLastBackwardRunClear(&bm, 38, &start) == 1 && start == 30, "backward\n");
    ok(RtlFindLastBackwardRunClear(&bm, 15, &start) == 6 && start == 10, "backward inside\n");
    ok(RtlFindLastBackwardRunClear(&bm, 1, &start) == 0, "none before\n");

    ok(RtlFindClearRuns(&bm, runs, 3, FALSE) == 3, "first runs\n");
    ok(runs[0].StartingIndex == 2 && runs[1].StartingIndex == 10 && runs[2].StartingIndex == 30,
       "map order\n");
    ok(RtlFindClearRuns(&bm, runs, 3, TRUE) == 3, "longest runs\n");
    ok(runs[0].StartingIndex == 10 && runs[0].NumberOfBits == 8 && runs[1].StartingIndex == 40 &&
           runs[2].StartingIndex == 55 && runs[2].NumberOfBits == 5,
       "longest first: %u/%u %u/%u %u/%u\n", runs[0].StartingIndex, runs[0].NumberOfBits,
       runs[1].StartingIndex, runs[1].NumberOfBits, runs[2].StartingIndex, runs[2].NumberOfBits);
    ok(RtlFindClearRuns(&bm, runs, 0, TRUE) == 0, "no room\n");
    memset(runs, 0, sizeof(runs));
    ok(RtlFindClearRuns(&bm, runs, 3, TRUE) == 3, "again\n");
}

/* The 64-bit bit scans: zero-based positions, -1 for no bit set. */
TEST(significant_bits)
{
    ok(RtlFindLeastSignificantBit(0) == -1 && RtlFindMostSignificantBit(0) == -1, "zero\n");
    ok(RtlFindLeastSignificantBit(1) == 0 && RtlFindMostSignificantBit(1) == 0, "bit 0\n");
    ok(RtlFindLeastSignificantBit(0x8000000000000000ull) == 63, "bit 63 lowest\n");
    ok(RtlFindMostSignificantBit(0x8000000000000000ull) == 63, "bit 63 highest\n");
    ok(RtlFindLeastSignificantBit(0x0000010000100000ull) == 20, "lowest of two\n");
    ok(RtlFindMostSignificantBit(0x0000010000100000ull) == 40, "highest of two\n");
    ok(RtlFindLeastSignificantBit(0xFFFFFFFF00000000ull) == 32, "upper half: %d\n",
       RtlFindLeastSignificantBit(0xFFFFFFFF00000000ull));
}
