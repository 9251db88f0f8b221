/*
 * stacks.c - termination signals taken by one thread, and the stacks of every thread of the
 * process for a hang report.
 *
 * Stacks: the reporting thread walks /proc/self/task and asks each other thread in turn, with
 * OS_STACK_SIGNAL, to write its own backtrace (backtrace_symbols_fd: no malloc, no lock), then
 * waits for its answer up to a time-out: a thread spinning where the signal is deferred (a
 * sanitizer defers signals in uninstrumented code) is reported as not answering. One thread dumps
 * at a time (the hang report is the process's last act).
 */
#include "os/os_private.h"

#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define OS_STACK_SIGNAL (SIGRTMIN + 5)

static volatile int stack_answered;

static void termination_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

/* The disposition goes back to default: an ignored signal (a shell starts background jobs with
 * SIGINT ignored) would be discarded even while blocked, and sigtimedwait would never see it. */
void os_block_termination_signals(void)
{
    sigset_t set;
    termination_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

int os_wait_termination_signal(uint64_t timeout_ns)
{
    sigset_t set;
    struct timespec ts = {(time_t)(timeout_ns / 1000000000u), (long)(timeout_ns % 1000000000u)};
    int sig;
    termination_set(&set);
    sig = sigtimedwait(&set, NULL, &ts);
    return sig > 0 ? sig : 0;
}

const char *os_signal_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}

static void stack_handler(int sig)
{
    void *frames[64];
    int n, saved = errno;
    (void)sig;
    n = backtrace(frames, 64);
    if (n > 2)
        backtrace_symbols_fd(frames + 2, n - 2, STDERR_FILENO); /* this handler, the trampoline */
    __atomic_store_n(&stack_answered, 1, __ATOMIC_RELEASE);
    errno = saved;
}

static void thread_title(long tid)
{
    char path[64], name[64] = "?", line[128];
    FILE *f;
    int n;
    snprintf(path, sizeof(path), "/proc/self/task/%ld/comm", tid);
    if ((f = fopen(path, "r")) != NULL) {
        if (fgets(name, sizeof(name), f) != NULL)
            name[strcspn(name, "\n")] = 0;
        fclose(f);
    }
    n = snprintf(line, sizeof(line), "thread %ld (%s):\n", tid, name);
    os_write_stderr(line, n > 0 ? (size_t)n : 0);
}

static void dump_one(long tid, unsigned timeout_ms)
{
    uint64_t deadline = os_monotonic_ns() + (uint64_t)timeout_ms * 1000000u;
    thread_title(tid);
    __atomic_store_n(&stack_answered, 0, __ATOMIC_RELEASE);
    if (syscall(SYS_tgkill, getpid(), tid, OS_STACK_SIGNAL) != 0)
        return;
    while (!__atomic_load_n(&stack_answered, __ATOMIC_ACQUIRE)) {
        if (os_monotonic_ns() > deadline) {
            static const char none[] = "  (did not answer: running where signals wait)\n";
            os_write_stderr(none, sizeof(none) - 1);
            return;
        }
        os_sleep_ns(1000000);
    }
}

void os_dump_thread_stacks(unsigned timeout_ms)
{
    struct sigaction sa = {0};
    long self = (long)os_thread_id();
    DIR *d;
    struct dirent *e;
    void *warm[1];
    backtrace(warm, 1); /* loads libgcc's unwinder now, outside any signal handler */
    sa.sa_handler = stack_handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(OS_STACK_SIGNAL, &sa, NULL);
    thread_title(self);
    os_backtrace(1);
    if ((d = opendir("/proc/self/task")) == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        long tid = strtol(e->d_name, NULL, 10);
        if (tid > 0 && tid != self)
            dump_one(tid, timeout_ms);
    }
    closedir(d);
}
