/*
 * bench_ioctl.c - the IOCTL round trip through the client API (drvhost_io) against the
 * in-process floor, with 1 and 2 client threads, pended (completed from a DPC), through a
 * 3-deep device stack, and the resident memory over many round trips.
 *
 * The floor is what an in-process "driver" costs at the least: an indirect call through a
 * function table to a routine that copies 64 bytes. The table is read through a volatile
 * pointer and the output escapes, so the compiler can neither inline nor drop the call.
 *
 * The round trip and its 2-thread scaling are measured for each driver model of `models`
 * below: the WDM driver, and the framework (KMDF) driver once the framework exists. A model is
 * a driver module, the device its ioctl goes to, and the model its figures are compared with;
 * adding one is one row of that table.
 *
 * Environment: DRVHOST_BENCH_SCALE scales the iteration counts; DRVHOST_BENCH_RSS_ROUNDS
 * (default 10000000) is the number of round trips of the memory figure; DRVHOST_BENCH_ONLY
 * (a comma-separated list of threads, pended, stack, rss) runs the floor, the round trip and
 * only those sections (for profiling one of them).
 */
#include "bench.h"
#include "drivers/benchdrv.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAYLOAD 64

/* ---- the in-process floor ------------------------------------------------------------------ */

typedef void (*copy_fn)(void *out, const void *in, size_t n);

__attribute__((noinline)) static void floor_copy(void *out, const void *in, size_t n)
{
    memcpy(out, in, n);
}

__attribute__((noinline)) static void floor_other(void *out, const void *in, size_t n)
{
    memmove(out, in, n); /* a second entry so the table is a real table */
}

static copy_fn floor_table[2] = {floor_copy, floor_other};
static copy_fn *volatile floor_table_ptr = floor_table;
static volatile unsigned floor_index = 0;

static void run_floor(void *ctx, uint64_t n)
{
    unsigned char in[PAYLOAD], out[PAYLOAD];
    (void)ctx;
    memset(in, 0x5a, sizeof(in));
    for (uint64_t i = 0; i < n; i++) {
        in[0] = (unsigned char)i;
        BENCH_ESCAPE(in);
        floor_table_ptr[floor_index](out, in, PAYLOAD);
        BENCH_ESCAPE(out);
    }
}

/* ---- round trips ------------------------------------------------------------------------------
 */

struct rt_ctx {
    drvhost_file *file;
    uint32_t code;
    int failed;
};

static void run_roundtrips(void *ctx, uint64_t n)
{
    struct rt_ctx *c = ctx;
    unsigned char in[PAYLOAD], out[PAYLOAD];
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL,
                         .code = c->code,
                         .input = in,
                         .input_size = PAYLOAD,
                         .output = out,
                         .output_size = PAYLOAD};
    drvhost_iosb iosb;
    memset(in, 0xa5, sizeof(in));
    for (uint64_t i = 0; i < n; i++) {
        in[0] = (unsigned char)i;
        if (drvhost_io(c->file, &d, &iosb) != 0 || iosb.information != PAYLOAD || out[0] != in[0])
            c->failed = 1;
    }
}

/* ---- the host thread hand-off floor of the pended round trip ------------------------------- */

/* A pended request is completed by another thread (the DPC thread) and the requester waits
 * for it: its floor is one wake-up of another thread and one back (condition variables). */
struct pingpong {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t sent, answered;
    int stop;
};

static void *pingpong_thread(void *arg)
{
    struct pingpong *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->sent == p->answered && !p->stop)
            pthread_cond_wait(&p->cond, &p->lock);
        if (p->stop)
            break;
        p->answered = p->sent;
        pthread_cond_broadcast(&p->cond);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void run_pingpong(void *ctx, uint64_t n)
{
    struct pingpong *p = ctx;
    pthread_mutex_lock(&p->lock);
    for (uint64_t i = 0; i < n; i++) {
        p->sent++;
        pthread_cond_broadcast(&p->cond);
        while (p->answered != p->sent)
            pthread_cond_wait(&p->cond, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

static double measure_pingpong(uint64_t n)
{
    struct pingpong p = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    pthread_t t;
    double ns;
    pthread_create(&t, NULL, pingpong_thread, &p);
    ns = bench_median_ns(run_pingpong, &p, n, 5);
    pthread_mutex_lock(&p.lock);
    p.stop = 1;
    pthread_cond_broadcast(&p.cond);
    pthread_mutex_unlock(&p.lock);
    pthread_join(t, NULL);
    return ns;
}

/* ---- several client threads ------------------------------------------------------------------ */

/* A thread of a scaling trial: the round trip on its own handle, or (no handle) the floor. */
struct worker {
    pthread_t thread;
    int cpu;
    uint64_t n;
    bench_fn fn;
    struct rt_ctx rt;
    pthread_barrier_t *start;
    uint64_t t_start, t_end; /* the worker's own clock readings around its timed loop */
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    bench_pin(w->cpu);
    w->fn(&w->rt, w->n / 10 + 1); /* warm-up */
    pthread_barrier_wait(w->start);
    w->t_start = bench_now_ns();
    w->fn(&w->rt, w->n);
    w->t_end = bench_now_ns();
    return NULL;
}

/* Operations per second of `threads` threads on CPUs first_cpu, first_cpu + 1, each with its
 * own handle on `device` (NULL: the floor instead of round trips), all starting together; wall
 * time from the first start to the last end, as the workers saw them (the main thread may be
 * scheduled late after the barrier on a busy machine). */
static double measure_threads(const char *device, int first_cpu, int threads, uint64_t n_each,
                              int *failed)
{
    struct worker w[2];
    pthread_barrier_t start;
    uint64_t t0 = UINT64_MAX, t1 = 0;
    pthread_barrier_init(&start, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++) {
        w[i] = (struct worker){.cpu = first_cpu + i,
                               .n = n_each,
                               .fn = device != NULL ? run_roundtrips : run_floor,
                               .start = &start,
                               .rt = {.code = IOCTL_BENCH_COPY}};
        if (device != NULL)
            w[i].rt.file = bench_open(device);
        pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
    }
    pthread_barrier_wait(&start);
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        t0 = w[i].t_start < t0 ? w[i].t_start : t0;
        t1 = w[i].t_end > t1 ? w[i].t_end : t1;
        *failed |= w[i].rt.failed;
        if (w[i].rt.file != NULL)
            drvhost_close(w[i].rt.file);
    }
    pthread_barrier_destroy(&start);
    return (double)threads * (double)n_each / ((double)(t1 - t0) / 1e9);
}

/* One trial's scaling: 2-thread throughput over the mean of the 1-thread ones on CPU 0 and
 * CPU 1 (so that a CPU slowed by a neighbour counts in both terms). */
static double trial_ratio(const char *device, uint64_t n, double *one, double *two, int *failed)
{
    *one =
        (measure_threads(device, 0, 1, n, failed) + measure_threads(device, 1, 1, n, failed)) / 2;
    *two = measure_threads(device, 0, 2, n, failed);
    return *two / *one;
}

/* Scaling over SCALING_TRIALS trials; each measures the round trip's scaling and then the
 * floor's (the same 1/1/2-thread pattern with the in-process floor), so the figure can be read
 * against what the machine gave at that moment: the two vCPUs of this shared VM are at times
 * not independent (a neighbour on the host core or its sibling), and then even the floor
 * scales far below 2x. Returns the median ratio; *one, *two are median round-trip throughputs,
 * *floor_ratio the floor's median ratio. */
#define SCALING_TRIALS 7

static double measure_scaling(const char *device, uint64_t n, double *one, double *two,
                              double *floor_ratio, int *failed)
{
    double v1[SCALING_TRIALS], v2[SCALING_TRIALS], ratio[SCALING_TRIALS], fr[SCALING_TRIALS];
    double f1, f2;
    for (int i = 0; i < SCALING_TRIALS; i++) {
        ratio[i] = trial_ratio(device, n, &v1[i], &v2[i], failed);
        fr[i] = trial_ratio(NULL, n * 8, &f1, &f2, failed);
    }
    *one = bench_median(v1, SCALING_TRIALS);
    *two = bench_median(v2, SCALING_TRIALS);
    *floor_ratio = bench_median(fr, SCALING_TRIALS);
    return bench_median(ratio, SCALING_TRIALS);
}

/* The sections DRVHOST_BENCH_ONLY selects (all when it is unset). */
static int want(const char *section)
{
    const char *only = getenv("DRVHOST_BENCH_ONLY");
    return only == NULL || strstr(only, section) != NULL;
}

static int check(int failed, const char *what)
{
    if (failed)
        fprintf(stderr, "bench_ioctl: %s: a round trip returned a wrong status or output\n", what);
    return failed;
}

/* ---- driver models -------------------------------------------------------------------------
 */

/* A driver model whose round trip is measured: its module answers IOCTL_BENCH_COPY on `device`
 * (64 bytes in, copied to the output, completed with Information 64), as benchdrv.c does. */
struct model {
    const char *name;   /* figure prefix */
    const char *module; /* driver module and service name (module.sys) */
    const char *device; /* the device the client opens */
    const char *absent; /* why the model cannot be measured yet; NULL when it can */
    int baseline;       /* the model its round trip is compared with; -1: the floor */
    double max_ratio;   /* target: round trip <= max_ratio x the baseline */
};

#define MODELS 2

static const struct model models[MODELS] = {
    {"wdm", "benchdrv", "\\\\.\\Bench", NULL, -1, 10.0},
    /* The framework driver (drivers/benchkmdf.c): a default parallel queue whose
     * EvtIoDeviceControl retrieves both buffers, copies and completes with information. */
    {"kmdf", "benchkmdf", "\\\\.\\BenchKmdf", NULL, 0, 1.5},
};

static void print_absent(const char *name, const char *figure, const char *why)
{
    char full[64];
    snprintf(full, sizeof(full), "%s.%s", name, figure);
    printf("%-30s %12s %-5s | %s: not measured\n", full, "n/a", "", why);
}

/* ---- the round trips, measured in turns -------------------------------------------------------
 *
 * session 15: each of TRIALS trials runs one batch of the floor and one of every model, one
 * after the other, so that a model and its baseline are measured at the same moment of a shared
 * machine; a model's round trip is the median of its batches, its ratio the median of the
 * trials' ratios to its baseline. (Before, each figure's 7 batches ran together, the models one
 * after the other: a neighbour's load during one model's batches moved the ratio.) */
#define TRIALS 7

struct turns {
    double floor_ns;
    double rt_ns[MODELS];   /* median batch; 0: not measured */
    double ratio[MODELS];   /* median of the trials' ratios to the baseline */
    double base_ns[MODELS]; /* the baseline's median batch */
};

static double time_batch(bench_fn fn, void *ctx, uint64_t n)
{
    uint64_t t0 = bench_now_ns();
    fn(ctx, n);
    return (double)(bench_now_ns() - t0) / (double)n;
}

static void measure_turns(struct turns *t, int *failed)
{
    uint64_t n = bench_count(200000);
    struct rt_ctx rt[MODELS];
    double floor_v[TRIALS], v[MODELS][TRIALS], r[TRIALS];
    for (int i = 0; i < MODELS; i++) {
        rt[i] = (struct rt_ctx){.code = IOCTL_BENCH_COPY};
        if (models[i].absent != NULL)
            continue;
        if (i > 0)
            bench_load(models[i].module);
        rt[i].file = bench_open(models[i].device);
        run_roundtrips(&rt[i], n / 10 + 1); /* warm-up: caches, lazy allocations, predictors */
    }
    run_floor(NULL, n * 5 + 1);
    for (int k = 0; k < TRIALS; k++) {
        floor_v[k] = time_batch(run_floor, NULL, n * 50);
        for (int i = 0; i < MODELS; i++)
            if (models[i].absent == NULL)
                v[i][k] = time_batch(run_roundtrips, &rt[i], n);
    }
    t->floor_ns = bench_median(floor_v, TRIALS);
    for (int i = 0; i < MODELS; i++) {
        int b = models[i].baseline;
        t->rt_ns[i] = t->ratio[i] = t->base_ns[i] = 0;
        if (models[i].absent != NULL)
            continue;
        *failed |= check(rt[i].failed, models[i].name);
        drvhost_close(rt[i].file);
        t->rt_ns[i] = bench_median(v[i], TRIALS);
        for (int k = 0; k < TRIALS; k++)
            r[k] = v[i][k] / (b < 0 ? floor_v[k] : v[b][k]);
        t->ratio[i] = bench_median(r, TRIALS);
        t->base_ns[i] = b < 0 ? t->floor_ns : bench_median(v[b], TRIALS);
    }
}

/* The round trip of model i (and its rate), from the turns. */
static void model_roundtrip(int i, const struct turns *t)
{
    const struct model *m = &models[i];
    const char *base_name = m->baseline < 0 ? "the floor" : models[m->baseline].name;
    char name[64], note[200], target[32];
    if (m->absent != NULL) {
        print_absent(m->name, "ioctl.roundtrip", m->absent);
        return;
    }
    snprintf(name, sizeof(name), "%s.ioctl.roundtrip", m->name);
    snprintf(note, sizeof(note), "%.2fx %s (%.1f ns; median of %d trials' ratios)", t->ratio[i],
             base_name, t->base_ns[i], TRIALS);
    snprintf(target, sizeof(target), "<= %gx %s", m->max_ratio,
             m->baseline < 0 ? "floor" : base_name);
    bench_target(name, t->rt_ns[i], "ns", note, target, t->ratio[i] <= m->max_ratio);
    snprintf(name, sizeof(name), "%s.ioctl.rate", m->name);
    snprintf(note, sizeof(note), "%s: %.0f/s", m->baseline < 0 ? "floor" : base_name,
             1e9 / t->base_ns[i]);
    bench_line(name, 1e9 / t->rt_ns[i], "1/s", note);
}

static void model_scaling(const struct model *m, int *failed)
{
    char name[64], note[160];
    double one, two, scaling, floor_ratio;
    if (m->absent != NULL) {
        print_absent(m->name, "ioctl.scaling.2threads", m->absent);
        return;
    }
    if (bench_cpus() < 2) {
        print_absent(m->name, "ioctl.scaling.2threads", "only one CPU available");
        return;
    }
    scaling = measure_scaling(m->device, bench_count(200000), &one, &two, &floor_ratio, failed);
    check(*failed, m->name);
    snprintf(name, sizeof(name), "%s.ioctl.rate.2threads", m->name);
    snprintf(note, sizeof(note),
             "2 threads on 2 CPUs, own handles; 1 thread (mean of CPU 0 and CPU 1): %.0f/s "
             "(medians of %d trials)",
             one, SCALING_TRIALS);
    bench_line(name, two, "1/s", note);
    snprintf(name, sizeof(name), "%s.ioctl.scaling.2threads", m->name);
    snprintf(note, sizeof(note),
             "2 threads / 1 thread, median of the trials' ratios; the floor scaled %.2fx in the "
             "same trials",
             floor_ratio);
    bench_target(name, scaling, "x", note, ">= 1.7x", scaling >= 1.7);
    snprintf(name, sizeof(name), "%s.ioctl.scaling.vs_floor", m->name);
    bench_line(name, scaling / floor_ratio, "x",
               "the round trip's scaling / the floor's: 1.0 = drvhost loses nothing to sharing");
}

/* ---- the figures ------------------------------------------------------------------------------
 */

int main(void)
{
    char note[256];
    uint64_t n = bench_count(200000);
    int failed = 0;
    double stack_ns, pend_ns, handoff_ns;
    struct turns turns;
    struct rt_ctx rt;

    bench_boot(1);
    printf("bench_ioctl: WDM driver benchdrv.sys, METHOD_BUFFERED ioctl, %d-byte input copied to "
           "the output, through drvhost_io (medians of 7 batches)\n",
           PAYLOAD);

    measure_turns(&turns, &failed);
    bench_line("floor.indirect_call_copy64", turns.floor_ns, "ns",
               "in-process floor: indirect call through a function table, 64-byte memcpy");
    for (int i = 0; i < MODELS; i++)
        model_roundtrip(i, &turns);
    if (want("threads"))
        for (int i = 0; i < MODELS; i++)
            model_scaling(&models[i], &failed);

    rt = (struct rt_ctx){.file = bench_open("\\\\.\\Bench"), .code = IOCTL_BENCH_COPY};
    if (want("pended")) {
        handoff_ns = measure_pingpong(n / 4);
        bench_line(
            "floor.thread_handoff", handoff_ns, "ns",
            "host floor of a pended request: wake another thread and be woken back (condvar)");
        rt.code = IOCTL_BENCH_PENDED;
        pend_ns = bench_median_ns(run_roundtrips, &rt, n / 4, 7);
        failed |= check(rt.failed, "pended round trip");
        snprintf(note, sizeof(note),
                 "pended, completed from a DPC: %.1fx the hand-off floor, %.1fx the "
                 "synchronous round trip",
                 pend_ns / handoff_ns, pend_ns / turns.rt_ns[0]);
        bench_line("wdm.ioctl.pended_dpc", pend_ns, "ns", note);
    }
    drvhost_close(rt.file);

    if (want("stack")) {
        rt = (struct rt_ctx){.file = bench_open("\\\\.\\BenchStack"), .code = IOCTL_BENCH_COPY};
        stack_ns = bench_median_ns(run_roundtrips, &rt, n, 7);
        failed |= check(rt.failed, "3-deep stack");
        snprintf(note, sizeof(note),
                 "2 filters (IoSkipCurrentIrpStackLocation) + base: %.2fx the 1-deep "
                 "round trip, +%.1f ns per filter",
                 stack_ns / turns.rt_ns[0], (stack_ns - turns.rt_ns[0]) / 2);
        bench_line("wdm.ioctl.stack3", stack_ns, "ns", note);
        drvhost_close(rt.file);
    }

    if (want("rss")) {
        const char *s = getenv("DRVHOST_BENCH_RSS_ROUNDS");
        uint64_t rounds = s != NULL ? strtoull(s, NULL, 0) : 10000000u, before, after;
        double growth;
        rt = (struct rt_ctx){.file = bench_open("\\\\.\\Bench"), .code = IOCTL_BENCH_COPY};
        run_roundtrips(&rt, 100000); /* steady state first: quarantines and caches filled */
        before = bench_rss_bytes();
        run_roundtrips(&rt, rounds);
        after = bench_rss_bytes();
        failed |= check(rt.failed, "memory");
        drvhost_close(rt.file);
        growth = ((double)after - (double)before) / 1024.0;
        snprintf(note, sizeof(note), "resident %.0f KiB before, %.0f KiB after %llu round trips",
                 (double)before / 1024, (double)after / 1024, (unsigned long long)rounds);
        bench_target("wdm.ioctl.rss_growth", growth, "KiB", note, "< 1024 KiB", growth < 1024);
        if (rounds < 10000000u)
            printf("  (quick run: DRVHOST_BENCH_RSS_ROUNDS=%llu; the target is set for 10000000)\n",
                   (unsigned long long)rounds);
    }

    bench_shutdown();
    return failed ? 2 : bench_summary("bench_ioctl");
}
