/*
 * bench_util.c - the helpers of bench.h.
 */
#include "bench.h"

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int bench_met, bench_missed, bench_figures;

uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t bench_count(uint64_t n)
{
    const char *s = getenv("DRVHOST_BENCH_SCALE");
    double scale = s != NULL ? strtod(s, NULL) : 1.0;
    double v = (double)n * (scale > 0 ? scale : 1.0);
    return v < 1 ? 1 : (uint64_t)v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double bench_median(double *v, int count)
{
    qsort(v, (size_t)count, sizeof(v[0]), cmp_double);
    return v[count / 2];
}

double bench_median_ns(bench_fn fn, void *ctx, uint64_t n, int batches)
{
    double v[64];
    if (batches > 64)
        batches = 64;
    fn(ctx, n / 10 + 1); /* warm-up: caches, lazy allocations, branch predictors */
    for (int i = 0; i < batches; i++) {
        uint64_t t0 = bench_now_ns();
        fn(ctx, n);
        v[i] = (double)(bench_now_ns() - t0) / (double)n;
    }
    return bench_median(v, batches);
}

void bench_line(const char *name, double value, const char *unit, const char *note)
{
    bench_figures++;
    printf("%-30s %12.*f %-5s | %s\n", name, value >= 100000 ? 0 : 1, value, unit, note);
    fflush(stdout);
}

int bench_target(const char *name, double value, const char *unit, const char *note,
                 const char *target, int pass)
{
    bench_figures++;
    printf("%-30s %12.*f %-5s | %s | target %s %s\n", name, value >= 100000 ? 0 : 1, value, unit,
           note, target, pass ? "PASS" : "MISS");
    fflush(stdout);
    if (pass)
        bench_met++;
    else
        bench_missed++;
    return pass;
}

int bench_summary(const char *program)
{
    printf("%s: %d figures, %d targets met, %d missed\n", program, bench_figures, bench_met,
           bench_missed);
    return bench_missed ? 1 : 0;
}

uint64_t bench_rss_bytes(void)
{
    unsigned long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL)
        return 0;
    if (fscanf(f, "%lu %lu", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    return (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE);
}

const char *bench_driver_path(const char *name)
{
    static char path[PATH_MAX + 64];
    char exe[PATH_MAX];
    const char *dir = getenv("DRVHOST_DRIVER_PATH");
    ssize_t n;
    if (dir != NULL && *dir != '\0') {
        snprintf(path, sizeof(path), "%s/%s.sys", dir, name);
        return path;
    }
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return name;
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0'; /* build/<preset>/bin */
    snprintf(path, sizeof(path), "%s/../drivers/%s.sys", exe, name);
    return path;
}

void bench_load(const char *module)
{
    char buf[64];
    int32_t status = drvhost_service_add(module, bench_driver_path(module));
    if (status == 0)
        status = drvhost_driver_load(module);
    if (status != 0) {
        fprintf(stderr, "bench: loading %s: %s\n", bench_driver_path(module),
                drvhost_status_format(status, buf, sizeof(buf)));
        exit(2);
    }
}

void bench_boot(int load)
{
    drvhost_options options = {.processors = 0, .quiet = 1};
    char buf[64];
    int32_t status = drvhost_init(&options);
    if (status != 0) {
        fprintf(stderr, "bench: drvhost_init: %s\n",
                drvhost_status_format(status, buf, sizeof(buf)));
        exit(2);
    }
    if (load) {
        bench_load("benchdrv");
        return;
    }
    status = drvhost_service_add("benchdrv", bench_driver_path("benchdrv"));
    if (status != 0) {
        fprintf(stderr, "bench: service benchdrv (%s): %s\n", bench_driver_path("benchdrv"),
                drvhost_status_format(status, buf, sizeof(buf)));
        exit(2);
    }
}

drvhost_file *bench_open(const char *path)
{
    drvhost_file *f;
    char buf[64];
    int32_t status = drvhost_open(path, 0xC0000000u, &f);
    if (status != 0) {
        fprintf(stderr, "bench: open %s: %s\n", path,
                drvhost_status_format(status, buf, sizeof(buf)));
        exit(2);
    }
    return f;
}

void bench_shutdown(void)
{
    if (drvhost_shutdown() != 0)
        fprintf(stderr, "bench: warning: drvhost_shutdown reported leaks\n");
}

int bench_pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

int bench_cpus(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0)
        return 1;
    return CPU_COUNT(&set);
}
