/*
 * harness.c - the test harness: registration, checks, and a main() that runs each test in a
 * fork()ed child with a time-out.
 *
 * Process model: the parent never boots the runtime; it only forks, waits and reports, so it stays
 * single-threaded and fork() is safe. Before the first fork it maps one MAP_SHARED page
 * (struct harness_shared) that the child writes its check counts, its progress and any bug check
 * into; the parent reads it after the child ended, whatever way it ended (exit, crash, kill).
 * Counters are updated atomically because a test may call ok() from several threads.
 */
#include "harness.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef DRVHOST_TEST_DRIVER_DIR
#define DRVHOST_TEST_DRIVER_DIR "."
#endif

#define DEFAULT_TIMEOUT_S 30.0

struct harness_test {
    const char *name;
    harness_test_fn fn;
    const char *file;
    int line;
};

/* Where the child is; tells the parent what a crash interrupted. */
enum harness_phase {
    PHASE_START,
    PHASE_INIT,
    PHASE_BODY,
    PHASE_SHUTDOWN,
    PHASE_DONE,
};

/* The page shared between the parent and the running test's child. */
struct harness_shared {
    unsigned long checks;
    unsigned long failures;
    unsigned long skips;
    int phase;
    int32_t init_status;     /* failure status of drvhost_init, else 0 */
    int32_t shutdown_status; /* failure status of drvhost_shutdown, else 0 */
    int bugcheck_expected;
    uint32_t expected_code;
    uint64_t expected_p1;     /* parameter 1, or the start of its range */
    uint64_t expected_p1_end; /* expect_bugcheck_p1_in: the end of the range (else = start) */
    unsigned expected_mask;   /* expect_bugcheck_params: the parameters checked (bit i: i + 1) */
    uint64_t expected_params[4];
    int bugcheck_seen;
    uint32_t code;
    uint64_t params[4];
    int bugcheck_phase;       /* the child's phase when the bug check reached the harness */
    int expected_at_shutdown; /* expect_bugcheck_at_shutdown: from drvhost_shutdown, not the body */
    const char *expected_file; /* where the expectation was announced (the same address in the */
    int expected_line;         /* parent: the child is a fork of it) */
};

static struct harness_test *tests;
static size_t test_count;
static size_t test_capacity;
static struct harness_shared *shared;

/* ---- registration ----------------------------------------------------------------------- */

void harness_register(const char *name, harness_test_fn fn, const char *file, int line)
{
    if (test_count == test_capacity) {
        size_t capacity = test_capacity ? test_capacity * 2 : 64;
        struct harness_test *grown = realloc(tests, capacity * sizeof(*tests));
        if (!grown) {
            fprintf(stderr, "harness: out of memory registering %s\n", name);
            abort();
        }
        tests = grown;
        test_capacity = capacity;
    }
    tests[test_count++] = (struct harness_test){name, fn, file, line};
}

/* Source order: by file, then line (constructor order is not something to rely on). */
static int compare_tests(const void *a, const void *b)
{
    const struct harness_test *x = a, *y = b;
    int by_file = strcmp(x->file, y->file);
    return by_file ? by_file : (x->line > y->line) - (x->line < y->line);
}

/* ---- checks ----------------------------------------------------------------------------- */

int harness_verbose(void)
{
    const char *value = getenv("DRVHOST_TEST_VERBOSE");
    return value && *value;
}

static void count(unsigned long *counter)
{
    if (shared)
        __atomic_add_fetch(counter, 1, __ATOMIC_SEQ_CST);
}

unsigned long harness_check_count(void)
{
    return shared ? __atomic_load_n(&shared->checks, __ATOMIC_SEQ_CST) : 0;
}

unsigned long harness_failure_count(void)
{
    return shared ? __atomic_load_n(&shared->failures, __ATOMIC_SEQ_CST) : 0;
}

/* Prints "file:line: <what>message", adding the newline Wine-style messages usually carry. */
static void vreport(const char *file, int line, const char *what, const char *format, va_list args)
{
    char message[2048];
    vsnprintf(message, sizeof(message), format, args);
    size_t length = strlen(message);
    const char *newline = length && message[length - 1] == '\n' ? "" : "\n";
    printf("%s:%d: %s%s%s", file, line, what, message, newline);
    fflush(stdout);
}

int harness_ok(int condition, const char *file, int line, const char *format, ...)
{
    count(shared ? &shared->checks : NULL);
    if (!condition) {
        count(shared ? &shared->failures : NULL);
        va_list args;
        va_start(args, format);
        vreport(file, line, "Test failed: ", format, args);
        va_end(args);
    }
    return condition;
}

int harness_ok_status(int32_t status, int32_t expected, const char *expression, const char *file,
                      int line)
{
    char got_text[96], expected_text[96];
    if (status == expected)
        return harness_ok(1, file, line, "%s", expression);
    drvhost_status_format(status, got_text, sizeof(got_text));
    drvhost_status_format(expected, expected_text, sizeof(expected_text));
    return harness_ok(0, file, line, "%s returned %s, expected %s", expression, got_text,
                      expected_text);
}

void harness_skip(const char *file, int line, const char *format, ...)
{
    count(shared ? &shared->skips : NULL);
    va_list args;
    va_start(args, format);
    vreport(file, line, "Tests skipped: ", format, args);
    va_end(args);
}

void harness_trace(const char *file, int line, const char *format, ...)
{
    if (!harness_verbose())
        return;
    va_list args;
    va_start(args, format);
    vreport(file, line, "", format, args);
    va_end(args);
}

/* ---- bug checks ------------------------------------------------------------------------- */

/* Runs in whatever thread bug-checked, possibly from a signal handler: record and leave, using
 * nothing that takes a lock. The phase read here is where the bug check counts as coming from:
 * the child's phase only moves forward and the runtime calls this handler after its report, so a
 * bug check that began in the body while another thread went on (the body returned, shutdown
 * began) is charged to the later phase, never a shutdown's bug check to the body. */
static void on_bugcheck(uint32_t code, const uint64_t params[4], void *context)
{
    (void)context;
    shared->bugcheck_phase = __atomic_load_n(&shared->phase, __ATOMIC_SEQ_CST);
    shared->code = code;
    for (int i = 0; i < 4; i++)
        shared->params[i] = params ? params[i] : 0;
    __atomic_store_n(&shared->bugcheck_seen, 1, __ATOMIC_SEQ_CST);
    _exit(0);
}

static void expect_bugcheck(uint32_t code, uint64_t lo, uint64_t hi, const char *file, int line)
{
    if (!shared) {
        fprintf(stderr, "%s:%d: expect_bugcheck_p1() outside a test\n", file, line);
        abort();
    }
    shared->expected_code = code;
    shared->expected_p1 = lo;
    shared->expected_p1_end = hi;
    shared->expected_mask = 0;
    shared->expected_at_shutdown = 0;
    shared->expected_file = file;
    shared->expected_line = line;
    __atomic_store_n(&shared->bugcheck_expected, 1, __ATOMIC_SEQ_CST);
    drvhost_set_bugcheck_handler(on_bugcheck, NULL);
}

void harness_expect_bugcheck_p1(uint32_t code, uint64_t p1, const char *file, int line)
{
    expect_bugcheck(code, p1, p1, file, line);
}

void harness_expect_bugcheck_p1_in(uint32_t code, uint64_t lo, uint64_t hi, const char *file,
                                   int line)
{
    if (hi <= lo) {
        fprintf(stderr, "%s:%d: expect_bugcheck_p1_in() with an empty range\n", file, line);
        abort();
    }
    expect_bugcheck(code, lo, hi, file, line);
}

void harness_expect_bugcheck_at_shutdown(const char *file, int line)
{
    if (!shared || !__atomic_load_n(&shared->bugcheck_expected, __ATOMIC_SEQ_CST)) {
        fprintf(stderr,
                "%s:%d: expect_bugcheck_at_shutdown() without an expect_bugcheck*() before it\n",
                file, line);
        abort();
    }
    shared->expected_at_shutdown = 1;
}

/* Parameter 1 as expected: equal to expected_p1, or in [expected_p1, expected_p1_end) when
 * expected_p1_end is above it. */
static int p1_matches(const struct harness_shared *s)
{
    if (s->expected_p1_end > s->expected_p1)
        return s->params[0] >= s->expected_p1 && s->params[0] < s->expected_p1_end;
    return s->params[0] == s->expected_p1;
}

void harness_expect_bugcheck_params(uint32_t code, unsigned mask, uint64_t p1, uint64_t p2,
                                    uint64_t p3, uint64_t p4, const char *file, int line)
{
    if (!(mask & BUGCHECK_P1)) {
        /* Every bug-check expectation checks parameter 1 at least (issue 17). */
        fprintf(stderr, "%s:%d: expect_bugcheck_params() without BUGCHECK_P1\n", file, line);
        abort();
    }
    expect_bugcheck(code, p1, p1, file, line);
    shared->expected_params[0] = p1;
    shared->expected_params[1] = p2;
    shared->expected_params[2] = p3;
    shared->expected_params[3] = p4;
    shared->expected_mask = mask & BUGCHECK_PALL;
}

/* The first parameter expect_bugcheck_params checks and the bug check gave otherwise; -1 if
 * none. */
static int wrong_param(const struct harness_shared *s)
{
    for (int i = 0; i < 4; i++)
        if ((s->expected_mask & (1u << i)) && s->params[i] != s->expected_params[i])
            return i;
    return -1;
}

/* ---- temporary folders ------------------------------------------------------------------ */

#define HARNESS_TEMP_DIRS 8

static char temp_dirs[HARNESS_TEMP_DIRS][PATH_MAX];
static int temp_dir_count;

/* Best effort: what cannot be removed stays, and the walk goes on. */
static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    remove(path);
    return 0;
}

static void remove_temp_dirs(void)
{
    for (int i = 0; i < temp_dir_count; i++)
        nftw(temp_dirs[i], remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    temp_dir_count = 0;
}

const char *harness_temp_dir(const char *prefix)
{
    const char *base = getenv("TMPDIR");
    char *dir;
    if (temp_dir_count == HARNESS_TEMP_DIRS) {
        ok(0, "harness_temp_dir: more than %d folders in one test\n", HARNESS_TEMP_DIRS);
        return NULL;
    }
    dir = temp_dirs[temp_dir_count];
    snprintf(dir, PATH_MAX, "%s/%s-XXXXXX", base && *base ? base : "/tmp", prefix);
    if (!ok(mkdtemp(dir) != NULL, "mkdtemp %s: %s\n", dir, strerror(errno)))
        return NULL;
    if (temp_dir_count++ == 0)
        atexit(remove_temp_dirs);
    return dir;
}

/* ---- driver paths ----------------------------------------------------------------------- */

const char *harness_driver_path(const char *name)
{
    static char buffers[8][PATH_MAX];
    static unsigned next;

    if (strchr(name, '/'))
        return name;
    const char *dir = getenv("DRVHOST_TEST_DRIVER_DIR");
    if (!dir || !*dir)
        dir = DRVHOST_TEST_DRIVER_DIR;
    size_t length = strlen(name);
    const char *suffix = length > 4 && strcmp(name + length - 4, ".sys") == 0 ? "" : ".sys";
    char *buffer = buffers[__atomic_fetch_add(&next, 1, __ATOMIC_RELAXED) % 8];
    snprintf(buffer, PATH_MAX, "%s/%s%s", dir, name, suffix);
    return buffer;
}

/* ---- test drivers ------------------------------------------------------------------------ */

void harness_load_driver_at(const char *service, const char *file, int line)
{
    harness_ok_status(drvhost_service_add(service, harness_driver_path(service)), 0,
                      "drvhost_service_add", file, line);
    harness_ok_status(drvhost_driver_load(service), 0, "drvhost_driver_load", file, line);
}

drvhost_file *harness_open_driver_at(const char *service, const char *device, const char *file,
                                     int line)
{
    drvhost_file *handle = NULL;
    harness_load_driver_at(service, file, line);
    harness_ok_status(drvhost_open(device, 0xC0000000u /* GENERIC_READ | GENERIC_WRITE */, &handle),
                      0, "drvhost_open", file, line);
    return handle;
}

int32_t harness_io(drvhost_file *file, enum drvhost_op op, uint32_t code, const void *input,
                   size_t input_size, void *output, size_t output_size, drvhost_iosb *iosb)
{
    drvhost_io_desc d = {.op = op,
                         .code = code,
                         .input = input,
                         .input_size = input_size,
                         .output = output,
                         .output_size = output_size};
    return drvhost_io(file, &d, iosb);
}

int32_t harness_ioctl(drvhost_file *file, uint32_t code, const void *input, size_t input_size,
                      void *output, size_t output_size, drvhost_iosb *iosb)
{
    return harness_io(file, DRVHOST_OP_IOCTL, code, input, input_size, output, output_size, iosb);
}

/* ---- running one test ------------------------------------------------------------------- */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double timeout_seconds(void)
{
    const char *value = getenv("DRVHOST_TEST_TIMEOUT");
    if (!value || !*value)
        return DEFAULT_TIMEOUT_S;
    char *end;
    double seconds = strtod(value, &end);
    if (*end || seconds < 0) {
        fprintf(stderr, "harness: DRVHOST_TEST_TIMEOUT=%s is not a number of seconds; using %g\n",
                value, DEFAULT_TIMEOUT_S);
        return DEFAULT_TIMEOUT_S;
    }
    return seconds; /* 0: no time-out */
}

/* The child: boot, run the body, shut down. Never returns. */
static void run_child(const struct harness_test *test, pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* do not outlive a killed harness */
    if (getppid() != parent)          /* it died before prctl took effect */
        _exit(127);

    __atomic_store_n(&shared->phase, PHASE_INIT, __ATOMIC_SEQ_CST);
    drvhost_options options = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    int32_t status = drvhost_init(&options);
    if (status < 0) {
        shared->init_status = status;
        exit(0);
    }
    drvhost_set_bugcheck_handler(on_bugcheck, NULL);

    /* The phase is stored atomically: a bug check on any thread reads it (on_bugcheck). */
    __atomic_store_n(&shared->phase, PHASE_BODY, __ATOMIC_SEQ_CST);
    test->fn();

    __atomic_store_n(&shared->phase, PHASE_SHUTDOWN, __ATOMIC_SEQ_CST);
    status = drvhost_shutdown();
    if (status < 0)
        shared->shutdown_status = status;
    __atomic_store_n(&shared->phase, PHASE_DONE, __ATOMIC_SEQ_CST);
    fflush(stdout);
    fflush(stderr);
    exit(0); /* exit(), not _exit(): LeakSanitizer checks the child at exit */
}

static const char *phase_name(int phase)
{
    switch (phase) {
    case PHASE_INIT:
        return " in drvhost_init";
    case PHASE_BODY:
        return " in the test body";
    case PHASE_SHUTDOWN:
        return " in drvhost_shutdown";
    case PHASE_DONE:
        return " after drvhost_shutdown";
    default:
        return "";
    }
}

/* Waits for the child up to the time-out; kills it when the time is up. Returns 1 if it was
 * killed for the time-out. */
static int wait_child(pid_t pid, double timeout, int *wait_status)
{
    double deadline = now_seconds() + timeout;
    long nap_ns = 1000000;
    for (;;) {
        pid_t done = waitpid(pid, wait_status, timeout > 0 ? WNOHANG : 0);
        if (done == pid)
            return 0;
        if (done < 0 && errno != EINTR) {
            perror("harness: waitpid");
            exit(2);
        }
        if (timeout > 0 && now_seconds() >= deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, wait_status, 0) < 0 && errno == EINTR)
                ;
            return 1;
        }
        struct timespec nap = {0, nap_ns};
        nanosleep(&nap, NULL);
        if (nap_ns < 16000000)
            nap_ns *= 2;
    }
}

/* The expected bug check's phase: the body's, or drvhost_shutdown's after
 * expect_bugcheck_at_shutdown. */
static int expected_phase(const struct harness_shared *s)
{
    return s->expected_at_shutdown ? PHASE_SHUTDOWN : PHASE_BODY;
}

/* A bug check that is not where the expectation said: named with its parameters and origin
 * (its code too may differ: the expected one never came where it should have). */
static void report_misplaced(const struct harness_shared *s, char *reason, size_t size)
{
    snprintf(reason, size,
             "expected bug check 0x%X (%s:%d) did not come %s: bug check 0x%X (0x%llX, 0x%llX, "
             "0x%llX, 0x%llX) came%s%s",
             s->expected_code, s->expected_file, s->expected_line,
             s->expected_at_shutdown ? "from the harness's shutdown" : "from the test body",
             s->code, (unsigned long long)s->params[0], (unsigned long long)s->params[1],
             (unsigned long long)s->params[2], (unsigned long long)s->params[3],
             phase_name(s->bugcheck_phase),
             s->bugcheck_phase == PHASE_SHUTDOWN
                 ? " (the harness's end of the test, after the body returned)"
                 : "");
}

/* Judges a child that bug-checked: the test passes iff the bug check was announced, came from
 * the announced phase (the body unless expect_bugcheck_at_shutdown), has the code and
 * parameters announced, and no check failed before it. */
static int judge_bugcheck(const struct harness_shared *s, char *reason, size_t size)
{
    if (!s->bugcheck_expected)
        snprintf(reason, size, "unexpected bug check 0x%X (0x%llX, 0x%llX, 0x%llX, 0x%llX)%s",
                 s->code, (unsigned long long)s->params[0], (unsigned long long)s->params[1],
                 (unsigned long long)s->params[2], (unsigned long long)s->params[3],
                 phase_name(s->bugcheck_phase));
    else if (s->bugcheck_phase != expected_phase(s))
        report_misplaced(s, reason, size);
    else if (s->code != s->expected_code)
        snprintf(reason, size, "expected bug check 0x%X, got 0x%X", s->expected_code, s->code);
    else if (!p1_matches(s) && s->expected_p1_end > s->expected_p1)
        snprintf(reason, size, "expected bug check 0x%X (0x%llX..0x%llX, ...), got (0x%llX, ...)",
                 s->code, (unsigned long long)s->expected_p1,
                 (unsigned long long)s->expected_p1_end, (unsigned long long)s->params[0]);
    else if (!p1_matches(s))
        snprintf(reason, size, "expected bug check 0x%X (0x%llX, ...), got (0x%llX, ...)", s->code,
                 (unsigned long long)s->expected_p1, (unsigned long long)s->params[0]);
    else if (wrong_param(s) >= 0)
        snprintf(reason, size, "expected bug check 0x%X with parameter %d = 0x%llX, got 0x%llX",
                 s->code, wrong_param(s) + 1,
                 (unsigned long long)s->expected_params[wrong_param(s)],
                 (unsigned long long)s->params[wrong_param(s)]);
    else if (s->failures)
        snprintf(reason, size, "%lu of %lu checks failed", s->failures, s->checks);
    return reason[0] == '\0';
}

/* Judges a finished child from its wait status and the shared page. Returns 1 if the test
 * passed; otherwise writes the reason into reason. */
static int judge(int timed_out, double timeout, int wait_status, char *reason, size_t size)
{
    const struct harness_shared *s = shared;
    reason[0] = '\0';

    if (timed_out) {
        snprintf(reason, size, "timed out after %g s%s (killed)", timeout, phase_name(s->phase));
        return 0;
    }
    if (s->bugcheck_seen)
        return judge_bugcheck(s, reason, size);
    if (WIFSIGNALED(wait_status)) {
        int sig = WTERMSIG(wait_status);
        snprintf(reason, size, "crashed%s: signal %d (%s)", phase_name(s->phase), sig,
                 strsignal(sig));
        return 0;
    }
    if (WIFEXITED(wait_status) && WEXITSTATUS(wait_status) != 0) {
        int code = WEXITSTATUS(wait_status);
        snprintf(reason, size, "exited with status %d%s%s", code, phase_name(s->phase),
                 code == DRVHOST_EXIT_BUGCHECK ? " (the default bug-check exit status)"
                                               : " (see the output above)");
        return 0;
    }
    char text[96];
    if (s->init_status < 0) {
        snprintf(reason, size, "drvhost_init failed: %s",
                 drvhost_status_format(s->init_status, text, sizeof(text)));
        return 0;
    }
    if (s->phase != PHASE_DONE) {
        snprintf(reason, size, "exited%s before the test ended", phase_name(s->phase));
        return 0;
    }
    if (s->bugcheck_expected) {
        snprintf(reason, size, "expected bug check 0x%X, got none", s->expected_code);
        return 0;
    }
    size_t used = 0;
    if (s->checks == 0) /* a test asserts what it names; expect_bugcheck* counts (above) */
        used = (size_t)snprintf(reason, size, "made no check (a TEST must assert its effect)");
    else if (s->failures)
        used = (size_t)snprintf(reason, size, "%lu of %lu checks failed", s->failures, s->checks);
    if (s->shutdown_status < 0 && used < size)
        snprintf(reason + used, size - used,
                 "%sdrvhost_shutdown failed: %s (leaked objects or a failed unload, see the "
                 "report above)",
                 used ? "; " : "", drvhost_status_format(s->shutdown_status, text, sizeof(text)));
    return reason[0] == '\0';
}

static int run_test(const struct harness_test *test, double timeout)
{
    memset(shared, 0, sizeof(*shared));
    if (harness_verbose())
        printf("RUN  %s (%s:%d)\n", test->name, test->file, test->line);
    fflush(stdout);
    fflush(stderr);

    double start = now_seconds();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        perror("harness: fork");
        exit(2);
    }
    if (pid == 0)
        run_child(test, parent);

    int wait_status = 0;
    int timed_out = wait_child(pid, timeout, &wait_status);
    double elapsed = now_seconds() - start;

    char reason[1024];
    int passed = judge(timed_out, timeout, wait_status, reason, sizeof(reason));
    if (passed) {
        printf("PASS %s (%lu checks", test->name, shared->checks);
        if (shared->skips)
            printf(", %lu skipped", shared->skips);
        if (shared->bugcheck_seen)
            printf(", bug check 0x%X as expected", shared->code);
        printf(", %.2f s)\n", elapsed);
    } else {
        printf("FAIL %s: %s (%.2f s)\n", test->name, reason, elapsed);
    }
    fflush(stdout);
    return passed;
}

/* ---- main ------------------------------------------------------------------------------- */

static void usage(const char *program, FILE *to)
{
    fprintf(to,
            "usage: %s [--list] [TEST...]\n"
            "Runs the named tests, or all of them, each in a child process.\n"
            "Environment: DRVHOST_TEST_TIMEOUT (seconds per test, default %g, 0 = none),\n"
            "DRVHOST_TEST_VERBOSE (runtime output and trace()), DRVHOST_TEST_DRIVER_DIR.\n",
            program, DEFAULT_TIMEOUT_S);
}

static const struct harness_test *find_test(const char *name)
{
    for (size_t i = 0; i < test_count; i++)
        if (strcmp(tests[i].name, name) == 0)
            return &tests[i];
    return NULL;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (test_count)
        qsort(tests, test_count, sizeof(*tests), compare_tests);

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(argv[0], stdout);
            return 0;
        }
        if (strcmp(argv[i], "--list") == 0) {
            for (size_t t = 0; t < test_count; t++)
                printf("%s\n", tests[t].name);
            return 0;
        }
        if (argv[i][0] == '-' || !find_test(argv[i])) {
            fprintf(stderr, "%s: %s: no such test (--list shows them)\n", argv[0], argv[i]);
            return 2;
        }
    }

    shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("harness: mmap");
        return 2;
    }

    double timeout = timeout_seconds();
    unsigned passed = 0, failed = 0;
    unsigned long checks = 0;
    size_t runs = argc > 1 ? (size_t)argc - 1 : test_count;
    for (size_t i = 0; i < runs; i++) {
        run_test(argc > 1 ? find_test(argv[i + 1]) : &tests[i], timeout) ? passed++ : failed++;
        checks += shared->checks;
    }

    munmap(shared, sizeof(*shared));
    shared = NULL;
    /* What scripts/test.sh adds up from the ctest log: TEST cases run and ok() checks made. */
    printf("harness: %zu cases, %lu checks\n", runs, checks);
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}

/* ---- stderr capture ------------------------------------------------------------------------ */

static FILE *capture_file;
static int capture_saved = -1;

void harness_stderr_begin(void)
{
    capture_file = tmpfile();
    capture_saved = dup(2);
    if (!ok(capture_file != NULL && capture_saved >= 0, "stderr capture set-up\n"))
        return;
    fflush(stderr);
    dup2(fileno(capture_file), 2);
}

char *harness_stderr_end(void)
{
    char *text = calloc(1, 65536);
    size_t n = 0;
    fflush(stderr);
    if (capture_saved >= 0) {
        dup2(capture_saved, 2);
        close(capture_saved);
        capture_saved = -1;
    }
    if (capture_file != NULL) {
        rewind(capture_file);
        if (text != NULL)
            n = fread(text, 1, 65535, capture_file);
        fclose(capture_file);
        capture_file = NULL;
    }
    if (text != NULL)
        text[n] = 0;
    return text;
}
