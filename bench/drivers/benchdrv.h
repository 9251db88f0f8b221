/*
 * benchdrv.h - the interface of the benchmark driver (benchdrv.sys), shared with the benchmark
 * programs of bench/. Plain C: the host includes it after <drvhost/drvhost.h>, the driver after
 * <ntddk.h>.
 *
 * Devices:
 *   \Device\Bench       (\??\Bench)       buffered I/O, alone in its stack
 *   \Device\BenchStack  (\??\BenchStack)  the same, with two pass-through filter devices
 *                                         attached above it: a request goes through 3 devices
 */
#ifndef BENCHDRV_H
#define BENCHDRV_H

#define BENCH_CTL_CODE(function, method) ((0x22u << 16) | ((function) << 2) | (method))

/* METHOD_BUFFERED: the input is copied to the output (Information = min(in, out)), completed
 * in the dispatch routine. */
#define IOCTL_BENCH_COPY BENCH_CTL_CODE(0x900u, 0u)
/* Same, but the dispatch routine pends the IRP and a DPC completes it. */
#define IOCTL_BENCH_PENDED BENCH_CTL_CODE(0x901u, 0u)
/* Input: BENCH_LOOP. The driver performs Count allocate+free pairs and completes. */
#define IOCTL_BENCH_IRP_LOOP       BENCH_CTL_CODE(0x910u, 0u) /* IoAllocateIrp + IoFreeIrp */
#define IOCTL_BENCH_LOOKASIDE_LOOP BENCH_CTL_CODE(0x911u, 0u) /* NPAGED_LOOKASIDE_LIST */
#define IOCTL_BENCH_POOL_LOOP      BENCH_CTL_CODE(0x912u, 0u) /* ExAllocatePoolWithTag + Free */

/* Size of a lookaside entry and of a pool block in the allocation loops. */
#define BENCH_ENTRY_SIZE 256

typedef struct _BENCH_LOOP {
    unsigned int Count;
} BENCH_LOOP;

#endif
