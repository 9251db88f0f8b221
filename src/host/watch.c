/*
 * watch.c - the watchdog: a test tool never hangs.
 *
 * The host publishes what it is doing (struct host_activity: a scenario command, a phase of
 * shutdown) with a time-out. One thread checks it every WATCH_TICK_NS; when an activity outlives
 * its time-out (a synchronous request the driver never completes, a dispatch routine or
 * DriverEntry that spins or blocks), it prints the hang report (the command and its line, the
 * request and its IRP's state, the other outstanding requests, the stacks of every thread) and
 * ends the process with DRVHOST_EXIT_HANG. With catch_signals the same thread takes SIGINT and
 * SIGTERM (blocked in every thread since drvhost_init), prints what was outstanding, saves the
 * registry file if one is open, and exits with 128 + the signal number, as a shell expects.
 *
 * Locking: watch_lock guards `current` and `outstanding`; the owner of an activity changes it
 * only under the lock, so the watchdog never reads a finished activity. The bug-check report
 * takes the lock with trylock only (a bug check may come from any thread, at any point).
 */
#include "host/host.h"

#include "ke/ke.h"
#include "os/os.h"

#include <stdio.h>
#include <string.h>

#define WATCH_TICK_NS       (20u * 1000000u)
#define WATCH_STACK_WAIT_MS 300u

static os_mutex watch_lock = OS_MUTEX_INIT;
static struct host_activity *current;
static void (*outstanding)(void *context, FILE *to);
static void *outstanding_context;
static uint32_t default_timeout;
static int catching;
static volatile int stopping;
static int running;
static os_thread watch_thread;

/* "demo.scn:23: ioctl h ...", "demo.scn: end of the scenario: ..." (line 0: the runner's own end
 * of the run, no line of the scenario) or the text alone. */
static void activity_where(const struct host_activity *a, char *buf, size_t size)
{
    if (a->file != NULL && a->line == 0)
        snprintf(buf, size, "%s: %s", a->file, a->text);
    else if (a->file != NULL)
        snprintf(buf, size, "%s:%u: %s", a->file, a->line, a->text);
    else
        snprintf(buf, size, "%s", a->text);
}

static void report_request(const struct host_activity *a, uint64_t now)
{
    char where[600], state[300];
    if (a->op < 0 || a->handle == NULL)
        return;
    host_file_describe(a->handle, where, sizeof(where));
    fprintf(stderr, "    request: %s", host_op_major_name(a->op));
    if (a->op >= DRVHOST_OP_IOCTL)
        fprintf(stderr, ", control code 0x%08X", (unsigned)a->code);
    fprintf(stderr, ", to %s\n", where);
    if (a->request != NULL)
        host_request_state(a->request, state, sizeof(state));
    else
        snprintf(state, sizeof(state),
                 "the dispatch routine has not returned after %llu ms (the driver is running or "
                 "blocked in it)",
                 (unsigned long long)((now - a->start_ns) / 1000000u));
    fprintf(stderr, "    state: %s\n", state);
}

/* The report of what was going on; watch_lock held. */
static void report_outstanding(const char *headline)
{
    uint64_t now = os_monotonic_ns();
    char where[700];
    fflush(stdout);
    fprintf(stderr, "drvhost: %s\n", headline);
    if (current != NULL) {
        activity_where(current, where, sizeof(where));
        fprintf(stderr, "    running: %s (for %llu ms)\n", where,
                (unsigned long long)((now - current->start_ns) / 1000000u));
        report_request(current, now);
    } else {
        fprintf(stderr, "    running: nothing (between commands)\n");
    }
    if (outstanding != NULL)
        outstanding(outstanding_context, stderr);
    fflush(stderr);
}

static __attribute__((noreturn)) void watch_hang(void)
{
    char headline[200];
    snprintf(headline, sizeof(headline),
             "HANG: a command did not finish within its time-out of %u ms (timeout= on the "
             "line or --timeout changes it)",
             (unsigned)current->timeout_ms);
    report_outstanding(headline);
    fprintf(stderr, "threads:\n");
    os_dump_thread_stacks(WATCH_STACK_WAIT_MS);
    fprintf(stderr, "drvhost: exit status %d: a request or the driver hung\n", DRVHOST_EXIT_HANG);
    fflush(stderr);
    os_exit_now(DRVHOST_EXIT_HANG);
}

static __attribute__((noreturn)) void watch_interrupted(int sig)
{
    char headline[200];
    int32_t saved;
    snprintf(headline, sizeof(headline), "interrupted by %s", os_signal_name(sig));
    report_outstanding(headline);
    saved = drvhost_registry_save();
    if (saved != 0)
        fprintf(stderr, "drvhost: the registry file was NOT saved (status 0x%08X)\n",
                (unsigned)saved);
    fflush(stderr);
    os_exit_now(128 + sig);
}

static void watch_check(void)
{
    os_mutex_lock(&watch_lock);
    if (current != NULL && current->timeout_ms != 0 &&
        os_monotonic_ns() - current->start_ns > (uint64_t)current->timeout_ms * 1000000u)
        watch_hang();
    os_mutex_unlock(&watch_lock);
}

static void *watch_main(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&stopping, __ATOMIC_ACQUIRE)) {
        int sig = catching ? os_wait_termination_signal(WATCH_TICK_NS) : 0;
        if (sig != 0) {
            os_mutex_lock(&watch_lock);
            watch_interrupted(sig);
        }
        if (!catching)
            os_sleep_ns(WATCH_TICK_NS);
        watch_check();
    }
    return NULL;
}

/* The bug-check report's "scenario:" line. */
static void watch_context(char *buf, size_t size)
{
    buf[0] = 0;
    if (!os_mutex_trylock(&watch_lock))
        return;
    if (current != NULL)
        activity_where(current, buf, size);
    os_mutex_unlock(&watch_lock);
}

NTSTATUS host_watch_start(uint32_t default_timeout_ms, int catch_signals)
{
    ke_set_report_context(watch_context);
    default_timeout = default_timeout_ms;
    if (default_timeout_ms == 0 && !catch_signals)
        return STATUS_SUCCESS;
    catching = catch_signals;
    stopping = 0;
    if (os_thread_create(&watch_thread, watch_main, NULL, "watchdog") != 0)
        return STATUS_INSUFFICIENT_RESOURCES;
    running = 1;
    return STATUS_SUCCESS;
}

void host_watch_stop(void)
{
    if (running) {
        __atomic_store_n(&stopping, 1, __ATOMIC_RELEASE);
        os_thread_join(&watch_thread);
        running = 0;
    }
    ke_set_report_context(NULL);
    default_timeout = 0;
}

uint32_t host_watch_default_timeout(void)
{
    return default_timeout;
}

void host_watch_begin(struct host_activity *a)
{
    a->start_ns = os_monotonic_ns();
    a->request = NULL;
    os_mutex_lock(&watch_lock);
    current = a;
    os_mutex_unlock(&watch_lock);
}

void host_watch_pending(drvhost_request *r)
{
    os_mutex_lock(&watch_lock);
    if (current != NULL)
        current->request = r;
    os_mutex_unlock(&watch_lock);
}

void host_watch_end(void)
{
    os_mutex_lock(&watch_lock);
    current = NULL;
    os_mutex_unlock(&watch_lock);
}

void host_watch_set_outstanding(void (*fn)(void *context, FILE *to), void *context)
{
    os_mutex_lock(&watch_lock);
    outstanding = fn;
    outstanding_context = context;
    os_mutex_unlock(&watch_lock);
}
