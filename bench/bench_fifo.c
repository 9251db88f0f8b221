/*
 * bench_fifo.c - the synchronous ioctls of the FIFO sample (fuzz/scenarios/fifo.scn without its
 * DELAY and RESET lines), N of each code, one noinline routine per code: the fuzzer's request
 * path, for instruction counts rather than time (the machine may be loaded):
 *   DRVHOST_DRIVER_PATH=build/release/drivers/kmdf valgrind --tool=callgrind \
 *       build/release/bin/bench_fifo 10000
 *   callgrind_annotate --inclusive=yes callgrind.out.PID | grep fifo_
 * Each fifo_* routine's inclusive count divided by N is the cost of one request of its code.
 * DRVHOST_DRIVER_PATH picks the driver (drivers/kmdf/: the framework port; drivers/: the WDM
 * sample); BENCH_FIFO_DELAY=1 sends one IOCTL_FIFO_DELAY (0 ms) first, as the fuzzer's full code
 * set does (the port forwards it out of its default queue). Exit status 1 when an ioctl fails
 * or echoes wrongly.
 */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800 + i, method, access) of samples/wdm/fifo/fifo.h. */
#define FIFO_CODE(fn, method, access) ((0x22u << 16) | ((access) << 14) | ((fn) << 2) | (method))

static int failed;

static void send(drvhost_file *f, uint32_t code, const char *in, uint32_t out_size,
                 uint32_t expect_info)
{
    unsigned char out[16];
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL,
                         .code = code,
                         .input = (void *)in,
                         .input_size = in != NULL ? (uint32_t)strlen(in) : 0,
                         .output = out,
                         .output_size = out_size};
    drvhost_iosb iosb;
    if (drvhost_io(f, &d, &iosb) != 0 || iosb.status != 0 || iosb.information != expect_info ||
        (in != NULL && memcmp(out, in, expect_info) != 0))
        failed = 1;
}

#define FIFO_ROUTINE(name, code, in, out, info)                                                    \
    __attribute__((noinline)) static void name(drvhost_file *f, uint64_t n)                        \
    {                                                                                              \
        for (uint64_t i = 0; i < n; i++)                                                           \
            send(f, code, in, out, info);                                                          \
    }

FIFO_ROUTINE(fifo_echo_buffered, FIFO_CODE(0x800, 0, 0), "echo", 4, 4)
FIFO_ROUTINE(fifo_echo_in_direct, FIFO_CODE(0x801, 1, 0), "in", 2, 2)
FIFO_ROUTINE(fifo_echo_out_direct, FIFO_CODE(0x802, 2, 0), "out", 3, 3)
FIFO_ROUTINE(fifo_echo_neither, FIFO_CODE(0x803, 3, 0), "neither", 7, 7)
FIFO_ROUTINE(fifo_get_stats, FIFO_CODE(0x804, 0, 1), NULL, 16, 16)

int main(int argc, char **argv)
{
    uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : bench_count(100000);
    drvhost_options options = {.processors = 0, .quiet = 1};
    drvhost_file *h, *direct, *neither;
    if (drvhost_init(&options) != 0)
        return 2;
    bench_load("fifo");
    h = bench_open("\\\\.\\Fifo");
    direct = bench_open("\\\\.\\FifoDirect");
    neither = bench_open("\\\\.\\FifoNeither");
    if (getenv("BENCH_FIFO_DELAY") != NULL && atoi(getenv("BENCH_FIFO_DELAY")) != 0) {
        static const unsigned char zero[4];
        unsigned char out[4];
        drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL,
                             .code = FIFO_CODE(0x805, 0, 0),
                             .input = (void *)zero,
                             .input_size = sizeof(zero),
                             .output = out,
                             .output_size = sizeof(out)};
        drvhost_iosb iosb;
        if (drvhost_io(h, &d, &iosb) != 0 || iosb.status != 0)
            failed = 1;
    }
    fifo_echo_buffered(h, n);
    fifo_echo_in_direct(direct, n);
    fifo_echo_out_direct(direct, n);
    fifo_echo_neither(neither, n);
    fifo_get_stats(h, n);
    drvhost_close(h);
    drvhost_close(direct);
    drvhost_close(neither);
    bench_shutdown();
    printf("bench_fifo: %llu ioctls of each of 5 codes: %s\n", (unsigned long long)n,
           failed ? "FAILED" : "ok");
    return failed;
}
