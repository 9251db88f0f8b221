/*
 * os.c - threads, locks, condition variables, clocks and process services over POSIX.
 *
 * Failures of pthread calls that cannot fail on a correct program (EINVAL, EDEADLK on a
 * mutex we own) are programming errors of the runtime: they abort at once with a message
 * rather than limp on with a broken lock.
 */
#include "os/os_private.h"

#include <errno.h>
#include <linux/membarrier.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Seconds between 1601-01-01 and 1970-01-01, in 100 ns units. */
#define OS_EPOCH_DIFFERENCE_100NS 116444736000000000LL

static void os_check(int error, const char *what)
{
    if (error != 0) {
        char line[160];
        int n = snprintf(line, sizeof(line), "drvhost: %s failed: %s\n", what, strerror(error));
        os_write_stderr(line, n > 0 ? (size_t)n : 0);
        abort();
    }
}

/* ---- mutexes and condition variables ---------------------------------------------------- */

void os_mutex_init(os_mutex *m)
{
    os_check(pthread_mutex_init(&m->m, NULL), "pthread_mutex_init");
}

void os_mutex_destroy(os_mutex *m)
{
    os_check(pthread_mutex_destroy(&m->m), "pthread_mutex_destroy");
}

void os_mutex_lock(os_mutex *m)
{
    os_check(pthread_mutex_lock(&m->m), "pthread_mutex_lock");
}

void os_mutex_unlock(os_mutex *m)
{
    os_check(pthread_mutex_unlock(&m->m), "pthread_mutex_unlock");
}

bool os_mutex_trylock(os_mutex *m)
{
    int error = pthread_mutex_trylock(&m->m);
    if (error == EBUSY)
        return false;
    os_check(error, "pthread_mutex_trylock");
    return true;
}

void os_rwlock_read(os_rwlock *l)
{
    os_check(pthread_rwlock_rdlock(&l->l), "pthread_rwlock_rdlock");
}

void os_rwlock_write(os_rwlock *l)
{
    os_check(pthread_rwlock_wrlock(&l->l), "pthread_rwlock_wrlock");
}

void os_rwlock_unlock(os_rwlock *l)
{
    os_check(pthread_rwlock_unlock(&l->l), "pthread_rwlock_unlock");
}

void os_run_once(os_once *once, void (*init)(void))
{
    os_check(pthread_once(&once->o, init), "pthread_once");
}

/* Deadlines are monotonic so that a wall-clock change never shortens or stretches a wait. */
void os_cond_init(os_cond *c)
{
    pthread_condattr_t attr;
    os_check(pthread_condattr_init(&attr), "pthread_condattr_init");
    os_check(pthread_condattr_setclock(&attr, CLOCK_MONOTONIC), "pthread_condattr_setclock");
    os_check(pthread_cond_init(&c->c, &attr), "pthread_cond_init");
    pthread_condattr_destroy(&attr);
}

void os_cond_destroy(os_cond *c)
{
    os_check(pthread_cond_destroy(&c->c), "pthread_cond_destroy");
}

void os_cond_wait(os_cond *c, os_mutex *m)
{
    os_check(pthread_cond_wait(&c->c, &m->m), "pthread_cond_wait");
}

bool os_cond_wait_until(os_cond *c, os_mutex *m, uint64_t deadline_ns)
{
    struct timespec ts = {.tv_sec = (time_t)(deadline_ns / 1000000000u),
                          .tv_nsec = (long)(deadline_ns % 1000000000u)};
    int error = pthread_cond_timedwait(&c->c, &m->m, &ts);
    if (error == ETIMEDOUT)
        return false;
    os_check(error, "pthread_cond_timedwait");
    return true;
}

void os_cond_signal(os_cond *c)
{
    os_check(pthread_cond_signal(&c->c), "pthread_cond_signal");
}

void os_cond_broadcast(os_cond *c)
{
    os_check(pthread_cond_broadcast(&c->c), "pthread_cond_broadcast");
}

/* ---- threads ---------------------------------------------------------------------------- */

int os_thread_create(os_thread *t, void *(*fn)(void *), void *arg, const char *name)
{
    int error = os_inject_hit(OS_INJECT_THREAD, 0) ? EAGAIN : pthread_create(&t->t, NULL, fn, arg);
    if (error == 0 && name != NULL) {
        char short_name[16]; /* the kernel keeps 15 characters */
        snprintf(short_name, sizeof(short_name), "%s", name);
        pthread_setname_np(t->t, short_name);
    }
    return error;
}

void os_thread_join(os_thread *t)
{
    os_check(pthread_join(t->t, NULL), "pthread_join");
}

void os_thread_detach(os_thread *t)
{
    os_check(pthread_detach(t->t), "pthread_detach");
}

uint64_t os_thread_id(void)
{
    return (uint64_t)syscall(SYS_gettid);
}

void os_yield(void)
{
    sched_yield();
}

int os_tls_key_create(os_tls_key *key, void (*destructor)(void *))
{
    return pthread_key_create(&key->k, destructor);
}

void os_tls_key_delete(os_tls_key *key)
{
    pthread_key_delete(key->k);
}

void os_tls_set(os_tls_key *key, void *value)
{
    os_check(pthread_setspecific(key->k, value), "pthread_setspecific");
}

/* ---- clocks ----------------------------------------------------------------------------- */

uint64_t os_monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int64_t os_system_time_100ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100 + OS_EPOCH_DIFFERENCE_100NS;
}

int os_random_bytes(void *buffer, size_t size)
{
    unsigned char *p = buffer;
    while (size > 0) {
        ssize_t got = getrandom(p, size, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return 0;
        p += got;
        size -= (size_t)got;
    }
    return 1;
}

void os_sleep_ns(uint64_t ns)
{
    struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                          .tv_nsec = (long)(ns % 1000000000u)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* The processors this process may run on (its affinity), not the machine's. */
unsigned os_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* ---- process ---------------------------------------------------------------------------- */

uint64_t os_process_id(void)
{
    return (uint64_t)getpid();
}

void os_write_stderr(const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDERR_FILENO, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        text += n;
        len -= (size_t)n;
    }
}

void os_exit_now(int status)
{
    _exit(status);
}

/* ---- asymmetric fences ---------------------------------------------------------------------- */

static os_once fence_once = OS_ONCE_INIT;
static bool fence_ok;

static void fence_register_once(void)
{
    long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    fence_ok = cmds >= 0 && (cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
               syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

bool os_fence_register(void)
{
    os_run_once(&fence_once, fence_register_once);
    return fence_ok;
}

void os_fence_heavy(void)
{
    /* Registered (os_fence_register returned true before any light side relied on it): the
     * call cannot fail; a failure would leave a light side unfenced, so it is fatal. */
    static const char msg[] = "drvhost: membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) failed after "
                              "its registration\n";
    if (syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) != 0) {
        os_write_stderr(msg, sizeof(msg) - 1);
        abort();
    }
}
