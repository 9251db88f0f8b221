/*
 * test_harness.c - self-test of the harness: what must pass. Its counterpart selftest_fail.c
 * holds the tests that must fail, checked by check_selftest.cmake.
 */
#include <dlfcn.h>
#include <string.h>

#include "harness.h"

#include "bugcheck.h"

TEST(ok_counts)
{
    ok(harness_check_count() == 0, "a test starts with no checks, got %lu\n",
       harness_check_count());
    ok(1, "true\n");
    ok(2 + 2 == 4, "arithmetic\n");
    ok(harness_check_count() == 3, "3 checks so far, got %lu\n", harness_check_count());
    ok(harness_failure_count() == 0, "no failure, got %lu\n", harness_failure_count());
    ok(ok(1, "nested\n") == 1, "ok() returns the condition\n");
}

TEST(skip_passes)
{
    skip("nothing to see here\n");
    trace("trace output shows with DRVHOST_TEST_VERBOSE\n");
    ok(harness_check_count() == 0, "a skip is not a check, got %lu\n", harness_check_count());
}

static int ends_with(const char *text, const char *suffix)
{
    size_t length = strlen(text), suffix_length = strlen(suffix);
    return length >= suffix_length && strcmp(text + length - suffix_length, suffix) == 0;
}

TEST(driver_path)
{
    const char *path = harness_driver_path("sample");
    ok(path[0] == '/' && ends_with(path, "/sample.sys"), "got %s\n", path);
    path = harness_driver_path("other.sys");
    ok(path[0] == '/' && ends_with(path, "/other.sys"), "got %s\n", path);
    ok(strcmp(harness_driver_path("./x/y.sys"), "./x/y.sys") == 0, "a path is kept\n");
}

TEST(isolated_state)
{
    /* Each test runs in a fresh child: a global changed by another test is back to 0 here. */
    static int touched;
    ok(touched == 0, "state leaked between tests\n");
    touched = 1;
}

TEST(isolated_state_again)
{
    ok(harness_check_count() == 0, "counts start at zero\n");
}

TEST(expected_bugcheck_p1_in_range)
{
    if (!dlsym(RTLD_DEFAULT, "KeBugCheckEx")) {
        skip("libdrvhost.so does not export KeBugCheckEx yet\n");
        return;
    }
    expect_bugcheck_p1_in(0xE2, 1, 2);
    selftest_bugcheck(0xE2); /* parameter 1 is 1 */
}

TEST(expected_bugcheck_p1)
{
    if (!dlsym(RTLD_DEFAULT, "KeBugCheckEx")) {
        skip("libdrvhost.so does not export KeBugCheckEx yet\n");
        return;
    }
    expect_bugcheck_p1(0xE2, 1);
    selftest_bugcheck(0xE2); /* parameters 1, 2, 3, 4 */
}

TEST(expected_bugcheck_params)
{
    expect_bugcheck_params(0xE2, BUGCHECK_PALL, 1, 2, 3, 4);
    selftest_bugcheck(0xE2); /* parameters 1, 2, 3, 4 */
}

TEST(expected_bugcheck_params_unchecked_ones)
{
    expect_bugcheck_params(0xE2, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P4, 1, 2, 0, 4); /* not 3 */
    selftest_bugcheck(0xE2);
}

TEST(expected_bugcheck_at_shutdown)
{
    /* The opt-in for a bug check that belongs to the end of the test: the body leaves the IRQL
     * raised and returns; drvhost_shutdown then waits at DISPATCH_LEVEL (0xA). */
    expect_bugcheck_p1(0xA, 0);
    expect_bugcheck_at_shutdown();
    selftest_leave_irql_raised();
}

TEST(a_new_expectation_replaces_the_shutdown_one)
{
    /* Each expect_bugcheck* announces a whole expectation: the opt-in before it no longer holds,
     * and the bug check from the body meets the new one. */
    expect_bugcheck_p1(0xA, 0);
    expect_bugcheck_at_shutdown();
    expect_bugcheck_p1(0xE2, 1);
    selftest_bugcheck(0xE2); /* parameter 1 is 1 */
}
