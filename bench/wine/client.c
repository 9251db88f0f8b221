/*
 * client.c - the Win32 side of the Wine comparison (scripts/bench-wine.sh): a console program,
 * cross-compiled with mingw-w64 and run under Wine, that times the same round trip as
 * bench/bench_ioctl.c's wdm.ioctl.roundtrip against benchdrv.sys running in Wine's
 * winedevice.exe: DeviceIoControl(IOCTL_BENCH_COPY), METHOD_BUFFERED, 64 bytes in, 64 out,
 * completed in the driver's dispatch routine. Every round trip is checked (success, 64 bytes
 * returned, the echo equal to the input).
 *
 *   client.exe [ROUNDS [BATCHES]]     defaults 2000 round trips per batch, 7 batches
 *
 * Output, one figure per line (the script parses them):
 *   wine.ioctl.roundtrip NS      median ns per round trip on \\.\Bench
 *   wine.ioctl.stack3 NS         the same on \\.\BenchStack (two filter devices above it),
 *                                or "n/a REASON" when that device cannot be opened or fails
 * Exit status 0, or 2 when \\.\Bench cannot be opened or a round trip failed (with a message
 * on stderr).
 */
#include <windows.h>
#include <winioctl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../drivers/benchdrv.h"

#define PAYLOAD     64
#define MAX_BATCHES 31

static double qpc_ns(LARGE_INTEGER from, LARGE_INTEGER to, LARGE_INTEGER freq)
{
    return (double)(to.QuadPart - from.QuadPart) * 1e9 / (double)freq.QuadPart;
}

/* `rounds` checked round trips; 0 on success, else the failing round's GetLastError() (or
 * ERROR_INVALID_DATA for a short or wrong echo). */
static DWORD roundtrips(HANDLE device, unsigned rounds)
{
    unsigned char in[PAYLOAD], out[PAYLOAD];
    memset(in, 0xa5, sizeof(in));
    for (unsigned i = 0; i < rounds; i++) {
        DWORD returned = 0;
        in[0] = (unsigned char)i;
        in[PAYLOAD - 1] = (unsigned char)(i >> 8);
        memset(out, 0, sizeof(out));
        if (!DeviceIoControl(device, IOCTL_BENCH_COPY, in, PAYLOAD, out, PAYLOAD, &returned, NULL))
            return GetLastError() != 0 ? GetLastError() : ERROR_GEN_FAILURE;
        if (returned != PAYLOAD || memcmp(in, out, PAYLOAD) != 0)
            return ERROR_INVALID_DATA;
    }
    return 0;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median over `batches` batches of ns per round trip, after a warm-up of rounds / 10. A
 * negative result is the negated error of a failed round trip. */
static double measure(HANDLE device, unsigned rounds, unsigned batches)
{
    double ns[MAX_BATCHES];
    LARGE_INTEGER freq, t0, t1;
    DWORD err;
    QueryPerformanceFrequency(&freq);
    if ((err = roundtrips(device, rounds / 10 + 1)) != 0)
        return -(double)err;
    for (unsigned b = 0; b < batches; b++) {
        QueryPerformanceCounter(&t0);
        err = roundtrips(device, rounds);
        QueryPerformanceCounter(&t1);
        if (err != 0)
            return -(double)err;
        ns[b] = qpc_ns(t0, t1, freq) / rounds;
    }
    qsort(ns, batches, sizeof(ns[0]), compare_double);
    return ns[batches / 2];
}

static HANDLE open_device(const WCHAR *path)
{
    return CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                       FILE_ATTRIBUTE_NORMAL, NULL);
}

int main(int argc, char **argv)
{
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 2000;
    unsigned batches = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 7;
    HANDLE device;
    double ns;

    if (rounds == 0)
        rounds = 1;
    if (batches == 0 || batches > MAX_BATCHES)
        batches = 7;
    setvbuf(stdout, NULL, _IONBF, 0);

    device = open_device(L"\\\\.\\Bench");
    if (device == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "client: CreateFileW(\\\\.\\Bench) failed: error %lu\n", GetLastError());
        return 2;
    }
    ns = measure(device, rounds, batches);
    CloseHandle(device);
    if (ns < 0) {
        fprintf(stderr, "client: IOCTL_BENCH_COPY round trip failed: error %.0f\n", -ns);
        return 2;
    }
    printf("wine.ioctl.roundtrip %.1f\n", ns);

    device = open_device(L"\\\\.\\BenchStack");
    if (device == INVALID_HANDLE_VALUE) {
        printf("wine.ioctl.stack3 n/a CreateFileW error %lu\n", GetLastError());
        return 0;
    }
    ns = measure(device, rounds, batches);
    CloseHandle(device);
    if (ns < 0)
        printf("wine.ioctl.stack3 n/a round trip error %.0f\n", -ns);
    else
        printf("wine.ioctl.stack3 %.1f\n", ns);
    return 0;
}
