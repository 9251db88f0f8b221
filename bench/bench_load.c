/*
 * bench_load.c - driver load to ready: drvhost_driver_load (module load and relocation, import
 * binding, DriverEntry creating its devices and links) then the first drvhost_open
 * (IRP_MJ_CREATE through the new device), repeated load/open/close/unload cycles; the median.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* pnp.load_to_ready: a root device of the staged package created (Enum key, AddDevice,
 * START_DEVICE), its first open, then its orderly removal; the driver stays loaded between
 * cycles (drvhost unloads PnP drivers at shutdown). */
static int pnp_load_to_ready(uint64_t runs)
{
    static uint64_t total[10000], create[10000];
    char msg[512], note[256], instance[64];
    double median_us;
    if (drvhost_pnp_install(PNPBENCH_INF, msg, sizeof msg) != 0) {
        fprintf(stderr, "bench_load: %s\n", msg);
        return 2;
    }
    for (uint64_t i = 0; i < runs; i++) {
        drvhost_file *f;
        uint64_t t0 = bench_now_ns(), t1, t2;
        int32_t status =
            drvhost_device_create("PNPBENCH\\DEVICE", NULL, 0, instance, sizeof instance);
        t1 = bench_now_ns();
        if (status == 0)
            status = drvhost_open("\\\\.\\PnpBench", 0xC0000000u, &f);
        t2 = bench_now_ns();
        if (status != 0) {
            fprintf(stderr, "bench_load: PnP cycle %llu: 0x%08X\n", (unsigned long long)i,
                    (unsigned)status);
            return 2;
        }
        total[i] = t2 - t0;
        create[i] = t1 - t0;
        drvhost_close(f);
        if (drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE) != 0) {
            fprintf(stderr, "bench_load: removing %s failed\n", instance);
            return 2;
        }
    }
    qsort(total, runs, sizeof(total[0]), cmp_u64);
    qsort(create, runs, sizeof(create[0]), cmp_u64);
    median_us = (double)total[runs / 2] / 1e3;
    snprintf(note, sizeof(note),
             "device create (install, AddDevice, START) %.1f us median; min %.1f us, max %.1f us; "
             "interfaces: not yet (opened by link)",
             (double)create[runs / 2] / 1e3, (double)total[0] / 1e3, (double)total[runs - 1] / 1e3);
    bench_target("pnp.load_to_ready", median_us, "us", note, "<= 1000 us median",
                 median_us <= 1000);
    return 0;
}

int main(void)
{
    enum {
        MAX_RUNS = 10000
    };
    static uint64_t total[MAX_RUNS], load[MAX_RUNS], open[MAX_RUNS];
    uint64_t runs = bench_count(200);
    char note[256], buf[64];
    double median_us;

    if (runs > MAX_RUNS)
        runs = MAX_RUNS;
    bench_boot(0);
    printf(
        "bench_load: load benchdrv.sys, DriverEntry (2 devices, 2 filters, 2 links), first open; "
        "median of %llu cycles\n",
        (unsigned long long)runs);
    for (uint64_t i = 0; i < runs; i++) {
        drvhost_file *f;
        uint64_t t0 = bench_now_ns(), t1, t2;
        int32_t status = drvhost_driver_load("benchdrv");
        t1 = bench_now_ns();
        if (status == 0)
            status = drvhost_open("\\\\.\\Bench", 0xC0000000u, &f);
        t2 = bench_now_ns();
        if (status != 0) {
            fprintf(stderr, "bench_load: cycle %llu: %s\n", (unsigned long long)i,
                    drvhost_status_format(status, buf, sizeof(buf)));
            return 2;
        }
        total[i] = t2 - t0;
        load[i] = t1 - t0;
        open[i] = t2 - t1;
        drvhost_close(f);
        if (drvhost_driver_unload("benchdrv") != 0) {
            fprintf(stderr, "bench_load: unload failed\n");
            return 2;
        }
    }
    qsort(total, runs, sizeof(total[0]), cmp_u64);
    qsort(load, runs, sizeof(load[0]), cmp_u64);
    qsort(open, runs, sizeof(open[0]), cmp_u64);
    median_us = (double)total[runs / 2] / 1e3;
    snprintf(note, sizeof(note),
             "load + DriverEntry %.1f us, first open %.1f us (medians); "
             "min %.1f us, max %.1f us",
             (double)load[runs / 2] / 1e3, (double)open[runs / 2] / 1e3, (double)total[0] / 1e3,
             (double)total[runs - 1] / 1e3);
    bench_target("wdm.load_to_ready", median_us, "us", note, "<= 1000 us median",
                 median_us <= 1000);
    if (pnp_load_to_ready(runs) != 0)
        return 2;
    bench_shutdown();
    return bench_summary("bench_load");
}
