/*
 * test_breaks.c - the routines that stop a driver on purpose: the assertion macros of a checked
 * build (ASSERTMSG, NT_ASSERT, NT_ASSERTMSG, NT_ASSERT_ASSUME) and RtlAssert behind them, the
 * breakpoints (KdBreakPoint, DbgBreakPointWithStatus), KeBugCheck and RtlFailFast. With no kernel
 * debugger attached a breakpoint is an unhandled STATUS_BREAKPOINT exception: bug check 0x1E
 * (KMODE_EXCEPTION_NOT_HANDLED) with the exception code as parameter 1.
 */
#include <wdm.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

static volatile int one = 1;

/* A true assertion does nothing and evaluates its expression once. */
TEST(true_assertions_pass)
{
    int evaluated = 0;
    ok(DBG == 1, "drvhost headers are a checked build (DBG %d)", DBG);
    ok(ASSERTMSG("one is one", (evaluated++, one == 1)), "ASSERTMSG of a true expression");
    NT_ASSERT((evaluated++, one == 1));
    NT_ASSERTMSG("still one", (evaluated++, one == 1));
    NT_ASSERT_ASSUME((evaluated++, one == 1));
    ok(evaluated == 4, "expressions evaluated %d times, not 4", evaluated);
}

TEST(assertmsg_false_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    ASSERTMSG("one is two", one == 2);
}

TEST(nt_assert_false_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    NT_ASSERT(one == 2);
}

TEST(nt_assert_assume_false_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    NT_ASSERT_ASSUME(one == 2);
}

TEST(nt_assertmsg_false_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    NT_ASSERTMSG("one is two", one == 2);
}

TEST(rtl_assert_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    RtlAssert((PVOID) "x == y", (PVOID)__FILE__, __LINE__, (PCHAR) "message");
}

TEST(kd_break_point_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    KdBreakPoint();
}

TEST(dbg_break_point_with_status_breaks)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    DbgBreakPointWithStatus(1); /* DBG_STATUS_CONTROL_C */
}

/* DbgRaiseAssertionFailure raises STATUS_ASSERTION_FAILURE: a __try frame catches it... */
TEST(dbg_raise_assertion_failure_is_an_exception)
{
    NTSTATUS caught = STATUS_SUCCESS;
    __try {
        DbgRaiseAssertionFailure();
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_ASSERTION_FAILURE);
}

/* ...and with none it is bug check 0x1E naming that status, debugger or not. */
TEST(dbg_raise_assertion_failure_unhandled_stops)
{
    ok_status(drvhost_debugger(DRVHOST_DEBUGGER_GO), STATUS_SUCCESS);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_ASSERTION_FAILURE);
    DbgRaiseAssertionFailure();
}

/* KeBugCheck is KeBugCheckEx with the four parameters zero. */
TEST(ke_bug_check_stops_with_its_code)
{
    expect_bugcheck_p1(0xE2 /* MANUALLY_INITIATED_CRASH */, 0);
    KeBugCheck(0xE2);
}

/* RtlFailFast: KERNEL_SECURITY_CHECK_FAILURE (0x139), parameter 1 the fast-fail code. */
TEST(rtl_fail_fast)
{
    expect_bugcheck_p1(0x139, 5);
    RtlFailFast(5); /* FAST_FAIL_INVALID_ARG */
}

/* A bug check raised again by the thread that is bug-checking (here: its host handler) cannot be
 * handled twice: the report says so and the process ends with the bug-check exit status. */
static void bugcheck_again_handler(uint32_t code, const uint64_t params[4], void *context)
{
    (void)code, (void)params, (void)context;
    KeBugCheckEx(0xE2, 2, 0, 0, 0);
}

TEST(recursive_bug_check_ends_the_process)
{
    int fds[2];
    ok(pipe(fds) == 0, "pipe");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        drvhost_set_bugcheck_handler(bugcheck_again_handler, NULL);
        KeBugCheckEx(0xE2, 1, 0, 0, 0);
        _exit(99);
    }
    close(fds[1]);
    char out[8192];
    size_t n = 0;
    ssize_t r;
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    /* Until the child exits (end of file); one that hangs instead is killed after 20 s. */
    int ready = 0;
    while (n < sizeof out - 1 && (ready = poll(&p, 1, 20000)) == 1 &&
           (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = '\0';
    close(fds[0]);
    int status = 0;
    ok(ready == 1, "the child ended within 20 s");
    if (ready != 1)
        kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == DRVHOST_EXIT_BUGCHECK, "exit status %d, not %d",
       WIFEXITED(status) ? WEXITSTATUS(status) : -1, DRVHOST_EXIT_BUGCHECK);
    ok(strstr(out, "*** recursive bug check") != NULL, "the report names it:\n%s", out);
}

/* A bug check under way on a thread drvhost_shutdown does not join (a system thread the driver
 * left running) when the shutdown ends: the shutdown waits for it, so the process ends with the
 * bug check's status 3, never with the host's own exit (0 here). Its handler takes 500 ms, far
 * longer than the shutdown needs. Run in a child process with a runtime of its own (the test's
 * is shut down first and booted again afterwards for the harness). */
static volatile LONG slow_handler_entered;

static void slow_handler(uint32_t code, const uint64_t params[4], void *context)
{
    (void)code, (void)params, (void)context;
    __atomic_store_n(&slow_handler_entered, 1, __ATOMIC_SEQ_CST);
    usleep(500000);
    _exit(DRVHOST_EXIT_BUGCHECK);
}

static VOID BugCheckingThread(PVOID Context)
{
    (void)Context;
    KeBugCheckEx(0xE2, 3, 0, 0, 0);
}

static int shut_down_during_a_bug_check(const drvhost_options *o)
{
    HANDLE thread;
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0)
        dup2(null, 2); /* the report */
    if (drvhost_init(o) != 0)
        return 90;
    drvhost_set_bugcheck_handler(slow_handler, NULL);
    if (!NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                         BugCheckingThread, NULL)))
        return 91;
    ZwClose(thread);
    while (!__atomic_load_n(&slow_handler_entered, __ATOMIC_SEQ_CST))
        usleep(1000);
    drvhost_shutdown();
    return DRVHOST_EXIT_OK; /* the host's own exit: the bug check would be lost */
}

TEST(shutdown_waits_for_a_bug_check_under_way)
{
    drvhost_options o = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    int status = -1;
    pid_t pid;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0)
        _exit(shut_down_during_a_bug_check(&o));
    ok(waitpid(pid, &status, 0) == pid, "waitpid");
    ok(WIFEXITED(status) && WEXITSTATUS(status) == DRVHOST_EXIT_BUGCHECK, "exit status %d, not %d",
       WIFEXITED(status) ? WEXITSTATUS(status) : -1, DRVHOST_EXIT_BUGCHECK);
    ok_status(drvhost_init(&o), STATUS_SUCCESS);
}

/* With a kernel debugger attached that resumes every break (drvhost_debugger GO), the break
 * instructions return to their caller; without one (the default again) they stop. */
TEST(debugger_go_resumes_breaks)
{
    volatile int reached = 0;
    ok_status(drvhost_debugger(DRVHOST_DEBUGGER_GO), STATUS_SUCCESS);
    DbgBreakPoint();
    reached++;
    KdBreakPoint();
    reached++;
    DbgBreakPointWithStatus(1);
    reached++;
    ok(reached == 3, "went on after %d of 3 breaks", reached);
    ok_status(drvhost_debugger(DRVHOST_DEBUGGER_NONE), STATUS_SUCCESS);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    DbgBreakPoint();
}

/* The debugger resumes breakpoints, not failed assertions. */
TEST(debugger_go_assertion_still_stops)
{
    ok_status(drvhost_debugger(DRVHOST_DEBUGGER_GO), STATUS_SUCCESS);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    NT_ASSERT(one == 2);
}

TEST(debugger_unknown_mode_refused)
{
    ok_status(drvhost_debugger(2), STATUS_INVALID_PARAMETER);
    ok_status(drvhost_debugger(-1), STATUS_INVALID_PARAMETER);
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_BREAKPOINT);
    DbgBreakPoint(); /* still no debugger */
}
