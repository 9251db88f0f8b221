/*
 * harness.h - the drvhost test harness (Wine-style checks, one fork()ed child per test).
 *
 *   #include "harness.h"
 *
 *   TEST(open_close)
 *   {
 *       drvhost_file *file;
 *       ok_status(drvhost_service_add("fifo", harness_driver_path("fifo")), 0);
 *       ok(drvhost_driver_load("fifo") == 0, "load failed\n");
 *       ...
 *   }
 *
 * The harness provides main(): it runs every TEST of the executable, or those named on the command
 * line, each in its own child process with a time-out (DRVHOST_TEST_TIMEOUT seconds, default 30),
 * so a crash or a hang fails that test only. Around the body the child calls
 * drvhost_init(quiet unless DRVHOST_TEST_VERBOSE is set) and drvhost_shutdown(); a failing
 * shutdown (a leak) fails the test. A bug check fails the test unless expect_bugcheck_p1() (or
 * expect_bugcheck_p1_in(), expect_bugcheck_params()) announced it, and an announced one counts
 * only if it comes while the body runs (see expect_bugcheck_at_shutdown). A test that makes no
 * check (no ok(), ok_status() or expected bug check; skip() is not a check) fails: every TEST
 * asserts the effect it names. The last two lines printed are "harness: N cases, N checks" (TEST
 * cases run, checks made) and "N passed, N failed"; the exit status is 0 iff none failed.
 *
 * Options: --list prints the test names; -h prints usage.
 */
#ifndef DRVHOST_TEST_HARNESS_H
#define DRVHOST_TEST_HARNESS_H

#include <stdint.h>

#include <drvhost/drvhost.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*harness_test_fn)(void);

/* Defines and registers a test; the body follows as a function body. */
#define TEST(name)                                                                                 \
    static void harness_test_##name(void);                                                         \
    __attribute__((constructor)) static void harness_register_##name(void)                         \
    {                                                                                              \
        harness_register(#name, harness_test_##name, __FILE__, __LINE__);                          \
    }                                                                                              \
    static void harness_test_##name(void)

/* ok(condition, printf format, ...): counts a check; when the condition is false prints
 * "file:line: Test failed: message" and the test fails (it goes on running). Returns the
 * condition (0 or 1). */
#define ok(cond, ...) harness_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* ok_status(expression, expected NTSTATUS): ok() with both statuses named in the message. */
#define ok_status(expr, expected)                                                                  \
    harness_ok_status((int32_t)(expr), (int32_t)(expected), #expr, __FILE__, __LINE__)

/* skip(printf format, ...): notes that checks were skipped ("file:line: Tests skipped: ..."). */
#define skip(...) harness_skip(__FILE__, __LINE__, __VA_ARGS__)

/* trace(printf format, ...): prints "file:line: message" when DRVHOST_TEST_VERBOSE is set. */
#define trace(...) harness_trace(__FILE__, __LINE__, __VA_ARGS__)

/* expect_bugcheck_p1(code, p1): call in a test body before the code that should bug-check. The
 * test then passes iff a bug check with this code and this parameter 1 happens before the body
 * returns (and no check failed before it); the child ends at the bug check. A bug check that
 * comes after the body returned (from drvhost_shutdown: an IRQL left raised, a DPC left queued)
 * does not meet it, even with the same code and parameters: the test fails, saying where the bug
 * check came from (expect_bugcheck_at_shutdown is for a test that means that). A body whose bug
 * check comes on another thread (a DPC, a work item) waits for it (KeFlushQueuedDpcs, an event
 * never set, or a long wait and then a failing check): a bug check still under way when the body
 * returns counts as the shutdown's. Without an expectation, any bug check fails the test. Parameter
 * 1 is what Windows defines for the code: the violation of 0xC4, 0xC9, 0xC2, 0x19
 * (DRIVER_VERIFIER_DETECTED_VIOLATION's 0x62, ...), the exception code of 0x1E (so that a segfault,
 * STATUS_ACCESS_VIOLATION, does not pass for a raise or a breakpoint), the object of most others.
 * There is deliberately no form without parameter 1. */
#define expect_bugcheck_p1(code, p1)                                                               \
    harness_expect_bugcheck_p1((uint32_t)(code), (uint64_t)(p1), __FILE__, __LINE__)

/* expect_bugcheck_p1_in(code, lo, hi): the same, with parameter 1 in [lo, hi): for a parameter
 * the test cannot know exactly (the IRP the I/O manager built, a return address inside a
 * routine). Say in a comment why the exact value is out of reach. */
#define expect_bugcheck_p1_in(code, lo, hi)                                                        \
    harness_expect_bugcheck_p1_in((uint32_t)(code), (uint64_t)(lo), (uint64_t)(hi), __FILE__,      \
                                  __LINE__)

/* expect_bugcheck_params(code, mask, p1, p2, p3, p4): the same, and each parameter whose bit is
 * set in mask (BUGCHECK_P1 ... BUGCHECK_P4) must have the given value; the others are not
 * checked (pass 0). For codes whose other parameters Windows defines (0xC9's IRP and device,
 * ...). */
#define BUGCHECK_P1   1u
#define BUGCHECK_P2   2u
#define BUGCHECK_P3   4u
#define BUGCHECK_P4   8u
#define BUGCHECK_PALL 15u
#define expect_bugcheck_params(code, mask, p1, p2, p3, p4)                                         \
    harness_expect_bugcheck_params((uint32_t)(code), (mask), (uint64_t)(p1), (uint64_t)(p2),       \
                                   (uint64_t)(p3), (uint64_t)(p4), __FILE__, __LINE__)

/* expect_bugcheck_at_shutdown(): after an expect_bugcheck_p1(), _p1_in() or _params(), for a
 * test whose bug check belongs to the end of the test, not its body: the harness's
 * drvhost_shutdown unloading a driver that leaked or whose unload routine bug-checks. The
 * expected bug check must then come from drvhost_shutdown; one in the body fails the test. */
#define expect_bugcheck_at_shutdown() harness_expect_bugcheck_at_shutdown(__FILE__, __LINE__)

/* Full path of test driver module `name` ("fifo" or "fifo.sys") in the test driver folder
 * (build/<preset>/drivers, or $DRVHOST_TEST_DRIVER_DIR). A name holding a '/' is returned as is.
 * The string stays valid for the next 7 calls (a small rotating set of buffers). */
const char *harness_driver_path(const char *name);

/* harness_load_driver(service): registers `service` with the test driver module of the same name
 * (harness_driver_path) and loads it; a failure of either step is a failed check at the
 * caller's line. */
#define harness_load_driver(service) harness_load_driver_at((service), __FILE__, __LINE__)

/* harness_open_driver(service, device): harness_load_driver(service), then opens `device`
 * ("\\\\.\\IoTest") for read and write. Returns the handle; NULL, with a failed check at the
 * caller's line, if any step fails. The test closes it (drvhost_close). */
#define harness_open_driver(service, device)                                                       \
    harness_open_driver_at((service), (device), __FILE__, __LINE__)

/* One synchronous request through drvhost_io: operation `op` (code: the ioctl code, else 0) with
 * the input and output buffers given (NULL and 0 for none). Returns the final status; *iosb (may
 * be NULL) receives status and Information. harness_ioctl is the device-control form. */
int32_t harness_io(drvhost_file *file, enum drvhost_op op, uint32_t code, const void *input,
                   size_t input_size, void *output, size_t output_size, drvhost_iosb *iosb);
int32_t harness_ioctl(drvhost_file *file, uint32_t code, const void *input, size_t input_size,
                      void *output, size_t output_size, drvhost_iosb *iosb);

/* A new empty folder "$TMPDIR/PREFIX-XXXXXX" (/tmp without TMPDIR) for the running test, removed
 * with everything in it when the test's child process exits normally (a test that ends in a
 * bug check leaves it). NULL, with a failed check, if it cannot be created. Up to 8 per test. */
const char *harness_temp_dir(const char *prefix);

/* Captures what the test writes to stderr (file descriptor 2) from harness_stderr_begin to
 * harness_stderr_end, which returns it NUL-terminated (malloc'ed; the caller frees it; at most
 * 64 KiB are kept). Not nested. */
void harness_stderr_begin(void);
char *harness_stderr_end(void);

/* Nonzero when DRVHOST_TEST_VERBOSE is set. */
int harness_verbose(void);

/* Checks and failed checks of the running test so far (for the harness self-test). */
unsigned long harness_check_count(void);
unsigned long harness_failure_count(void);

/* Implementation of the macros above. */
void harness_register(const char *name, harness_test_fn fn, const char *file, int line);
int harness_ok(int condition, const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
int harness_ok_status(int32_t status, int32_t expected, const char *expression, const char *file,
                      int line);
void harness_skip(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void harness_trace(const char *file, int line, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void harness_expect_bugcheck_p1(uint32_t code, uint64_t p1, const char *file, int line);
void harness_expect_bugcheck_params(uint32_t code, unsigned mask, uint64_t p1, uint64_t p2,
                                    uint64_t p3, uint64_t p4, const char *file, int line);
void harness_load_driver_at(const char *service, const char *file, int line);
drvhost_file *harness_open_driver_at(const char *service, const char *device, const char *file,
                                     int line);
void harness_expect_bugcheck_p1_in(uint32_t code, uint64_t lo, uint64_t hi, const char *file,
                                   int line);
void harness_expect_bugcheck_at_shutdown(const char *file, int line);

#ifdef __cplusplus
}
#endif

#endif
