/*
 * bench.h - what the benchmark programs of bench/ share: clocks, the figure lines they print,
 * booting the runtime with the benchmark driver loaded, resident memory.
 *
 * Output: one line per figure,
 *
 *   NAME  VALUE UNIT  | what it is compared with (its floor, measured in the same run) | target
 *
 * and, where the issue sets a target, PASS or MISS at the end of the line.
 */
#ifndef DRVHOST_BENCH_H
#define DRVHOST_BENCH_H

#include <drvhost/drvhost.h>

#include <stddef.h>
#include <stdint.h>

/* Keeps a value (or the memory it points to) alive for the optimizer. */
#define BENCH_ESCAPE(p) __asm__ volatile("" : : "g"(p) : "memory")
#define BENCH_CLOBBER() __asm__ volatile("" : : : "memory")

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);

/* DRVHOST_BENCH_SCALE (default 1.0) times n, at least 1: shorter or longer runs. */
uint64_t bench_count(uint64_t n);

/* A measured quantity: runs fn(ctx, n) `batches` times and returns the median of the per-
 * operation times in ns. */
typedef void (*bench_fn)(void *ctx, uint64_t n);
double bench_median_ns(bench_fn fn, void *ctx, uint64_t n, int batches);
/* The median of count values (sorts them in place). */
double bench_median(double *v, int count);

/* Prints one figure line: "NAME VALUE UNIT | note" and, when target is not NULL,
 * "| target: TARGET PASS|MISS". Returns pass (for the summary). */
void bench_line(const char *name, double value, const char *unit, const char *note);
int bench_target(const char *name, double value, const char *unit, const char *note,
                 const char *target, int pass);
/* Prints the final "bench: N figures, N targets met, N missed" line; returns the exit status
 * (0: every target met, 1: some missed). */
int bench_summary(const char *program);

/* Resident set size in bytes (/proc/self/statm). */
uint64_t bench_rss_bytes(void);

/* Boots the runtime (quiet) and registers + loads the benchmark driver (benchdrv.sys, found in
 * $DRVHOST_DRIVER_PATH, else ../drivers next to the executable). Exits on failure. */
void bench_boot(int load);
/* Registers and loads another driver module (MODULE.sys, found as bench_boot finds benchdrv)
 * as service MODULE, or exits. */
void bench_load(const char *module);
const char *bench_driver_path(const char *name);
/* Opens \\.\<link> or exits. */
drvhost_file *bench_open(const char *path);
/* Shuts the runtime down; a leak report makes it print a warning. */
void bench_shutdown(void);

/* Pins the calling thread to one host CPU; returns 0 on success. */
int bench_pin(int cpu);
int bench_cpus(void);

#endif
