/*
 * selftest_fail.c - tests that must FAIL, each in its own way, without taking the others down.
 * Not a CTest test itself: check_selftest.cmake runs it and checks its report.
 */
#include <signal.h>
#include <unistd.h>

#include "harness.h"

#include "bugcheck.h"

TEST(passes)
{
    ok(1, "fine\n");
}

TEST(fails_check)
{
    ok(1, "fine\n");
    ok(0, "this check fails on purpose (%d)\n", 42);
    ok(1, "the test goes on after a failed check\n");
}

TEST(crashes)
{
    volatile int *null = NULL;
    *null = 1;
}

TEST(hangs)
{
    for (;;)
        pause();
}

TEST(unexpected_bugcheck)
{
    selftest_bugcheck(0xE2);
}

TEST(expected_bugcheck_none)
{
    expect_bugcheck_p1(0x44, 1);
    ok(1, "no bug check follows\n");
}

TEST(expected_bugcheck_wrong_code)
{
    expect_bugcheck_p1(0x44, 1);
    selftest_bugcheck(0xC4);
}

TEST(expected_bugcheck_wrong_p1)
{
    expect_bugcheck_p1(0x44, 7);
    selftest_bugcheck(0x44); /* parameter 1 is 1 */
}

TEST(expected_bugcheck_p1_out_of_range)
{
    expect_bugcheck_p1_in(0x44, 2, 5);
    selftest_bugcheck(0x44); /* parameter 1 is 1 */
}

TEST(expected_bugcheck_wrong_p3)
{
    expect_bugcheck_params(0x44, BUGCHECK_P1 | BUGCHECK_P3, 1, 0, 9, 0);
    selftest_bugcheck(0x44); /* parameters 1, 2, 3, 4 */
}

TEST(expected_bugcheck_from_shutdown)
{
    /* The body only leaves the IRQL raised: the 0xA comes from the harness's shutdown, not
     * from the body, so it does not meet the expectation (the same code and parameter 1). */
    expect_bugcheck_p1(0xA, 0);
    selftest_leave_irql_raised();
}

TEST(expected_at_shutdown_came_in_body)
{
    expect_bugcheck_p1(0x44, 1);
    expect_bugcheck_at_shutdown();
    selftest_bugcheck(0x44); /* parameter 1 is 1, but in the body */
}

TEST(at_shutdown_without_expectation)
{
    expect_bugcheck_at_shutdown(); /* a misuse: the harness aborts the child */
    ok(1, "not reached\n");
}

TEST(no_check)
{
    trace("runs, but asserts nothing\n");
}

TEST(only_skips)
{
    skip("a skip is not a check\n");
}

TEST(passes_after_failures)
{
    ok(1, "the harness survived the tests above\n");
}
