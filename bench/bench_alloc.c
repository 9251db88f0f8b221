/*
 * bench_alloc.c - allocation costs inside a driver: IoAllocateIrp+IoFreeIrp, an
 * NPAGED_LOOKASIDE_LIST's allocate+free and ExAllocatePoolWithTag+ExFreePoolWithTag, each
 * against the host's malloc+free of the same size measured in the same run.
 *
 * The loops run inside benchdrv.sys (IOCTL_BENCH_*_LOOP, Count pairs per request), so what is
 * timed is what a driver's own code pays; one request of Count pairs is timed from the host
 * and the cost of an empty request (Count = 0) is subtracted.
 */
#include "bench.h"
#include "drivers/benchdrv.h"

#include <stdio.h>
#include <stdlib.h>

static void run_malloc(void *ctx, uint64_t n)
{
    (void)ctx;
    for (uint64_t i = 0; i < n; i++) {
        void *p = malloc(BENCH_ENTRY_SIZE);
        BENCH_ESCAPE(p);
        free(p);
    }
}

struct loop_ctx {
    drvhost_file *file;
    uint32_t code;
    int failed;
};

static void run_loop_once(struct loop_ctx *c, uint64_t n)
{
    BENCH_LOOP loop = {.Count = (unsigned int)n};
    drvhost_io_desc d = {
        .op = DRVHOST_OP_IOCTL, .code = c->code, .input = &loop, .input_size = sizeof(loop)};
    if (drvhost_io(c->file, &d, NULL) != 0)
        c->failed = 1;
}

/* n pairs, in requests of at most 100000 pairs. */
static void run_loop(void *ctx, uint64_t n)
{
    struct loop_ctx *c = ctx;
    while (n > 0) {
        uint64_t k = n > 100000 ? 100000 : n;
        run_loop_once(c, k);
        n -= k;
    }
}

static void run_empty(void *ctx, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        run_loop_once(ctx, 0);
}

static double measure_loop(drvhost_file *f, uint32_t code, uint64_t n, double empty_ns, int *failed)
{
    struct loop_ctx c = {.file = f, .code = code};
    /* per pair = (time of n pairs in n/100000 requests - their empty requests) / n */
    double ns = bench_median_ns(run_loop, &c, n, 7);
    double requests = (double)((n + 99999) / 100000);
    *failed |= c.failed;
    return ns - empty_ns * requests / (double)n;
}

int main(void)
{
    char note[256];
    uint64_t n = bench_count(2000000);
    int failed = 0;
    double malloc_ns, empty_ns, irp_ns, look_ns, pool_ns;
    struct loop_ctx empty;
    drvhost_file *f;

    bench_boot(1);
    f = bench_open("\\\\.\\Bench");
    printf("bench_alloc: allocate+free pairs inside benchdrv.sys, %d-byte entries (median of 7)\n",
           BENCH_ENTRY_SIZE);

    malloc_ns = bench_median_ns(run_malloc, NULL, n * 5, 7);
    snprintf(note, sizeof(note), "host floor: glibc malloc(%d) + free", BENCH_ENTRY_SIZE);
    bench_line("floor.malloc_free", malloc_ns, "ns", note);

    empty = (struct loop_ctx){.file = f, .code = IOCTL_BENCH_IRP_LOOP};
    empty_ns = bench_median_ns(run_empty, &empty, 20000, 5);

    irp_ns = measure_loop(f, IOCTL_BENCH_IRP_LOOP, n, empty_ns, &failed);
    snprintf(note, sizeof(note), "IoAllocateIrp(StackSize 1) + IoFreeIrp: %.1fx malloc+free",
             irp_ns / malloc_ns);
    bench_line("wdm.irp.alloc_free", irp_ns, "ns", note);

    look_ns = measure_loop(f, IOCTL_BENCH_LOOKASIDE_LOOP, n, empty_ns, &failed);
    snprintf(note, sizeof(note),
             "ExAllocateFrom/ExFreeToNPagedLookasideList: %.2fx malloc+free (%.1f ns)",
             look_ns / malloc_ns, malloc_ns);
    bench_target("wdm.lookaside.alloc_free", look_ns, "ns", note, "<= malloc+free",
                 look_ns <= malloc_ns);

    pool_ns = measure_loop(f, IOCTL_BENCH_POOL_LOOP, n, empty_ns, &failed);
    snprintf(note, sizeof(note), "ExAllocatePoolWithTag + ExFreePoolWithTag: %.1fx malloc+free",
             pool_ns / malloc_ns);
    bench_line("wdm.pool.alloc_free", pool_ns, "ns", note);

    drvhost_close(f);
    bench_shutdown();
    if (failed)
        fprintf(stderr, "bench_alloc: an allocation loop failed\n");
    return failed ? 2 : bench_summary("bench_alloc");
}
