/*
 * test_threads.c - several client threads issuing I/O at once through the FIFO sample: echo
 * ioctls on private and shared handles, and readers whose reads pend until writers on other
 * threads bring data (completed from the driver's DPC). Also run under TSan.
 */
#include <wdm.h>

#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define IOCTL_FIFO_ECHO_BUFFERED                                                                   \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define THREADS 4
#define ROUNDS  1000
#define CHUNKS  400

struct worker {
    drvhost_file *file;
    int id;
    int failures;
    unsigned long bytes;
};

static void load_fifo(void)
{
    harness_load_driver("fifo");
}

static drvhost_file *open_fifo(void)
{
    drvhost_file *f = NULL;
    ok_status(drvhost_open("\\\\.\\Fifo", GENERIC_READ | GENERIC_WRITE, &f), STATUS_SUCCESS);
    return f;
}

static void *echo_worker(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < ROUNDS; i++) {
        char in[32], out[32];
        int n = snprintf(in, sizeof(in), "thread %d round %d", w->id, i);
        drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL,
                             .code = IOCTL_FIFO_ECHO_BUFFERED,
                             .input = in,
                             .input_size = (size_t)n,
                             .output = out,
                             .output_size = sizeof(out)};
        drvhost_iosb iosb;
        if (drvhost_io(w->file, &d, &iosb) != STATUS_SUCCESS || iosb.information != (uint64_t)n ||
            memcmp(in, out, (size_t)n) != 0)
            w->failures++;
    }
    return NULL;
}

static void run(void *(*fn)(void *), struct worker *w, int count)
{
    pthread_t t[THREADS * 2];
    for (int i = 0; i < count; i++)
        pthread_create(&t[i], NULL, fn, &w[i]);
    for (int i = 0; i < count; i++)
        pthread_join(t[i], NULL);
}

TEST(concurrent_echo_on_private_and_shared_handles)
{
    struct worker w[THREADS];
    drvhost_file *shared;
    load_fifo();
    shared = open_fifo();
    for (int i = 0; i < THREADS; i++)
        w[i] = (struct worker){.file = i % 2 ? shared : open_fifo(), .id = i};
    run(echo_worker, w, THREADS);
    for (int i = 0; i < THREADS; i++) {
        ok(w[i].failures == 0, "thread %d: %d bad round trips", i, w[i].failures);
        if (w[i].file != shared)
            drvhost_close(w[i].file);
    }
    drvhost_close(shared);
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
}

static void *writer(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < CHUNKS; i++) {
        drvhost_io_desc d = {.op = DRVHOST_OP_WRITE, .input = "12345678", .input_size = 8};
        drvhost_iosb iosb;
        if (drvhost_io(w->file, &d, &iosb) != STATUS_SUCCESS || iosb.information != 8)
            w->failures++;
        else
            w->bytes += 8;
    }
    return NULL;
}

static void *reader(void *arg)
{
    struct worker *w = arg;
    while (w->bytes < CHUNKS * 8) {
        char buf[8];
        drvhost_io_desc d = {.op = DRVHOST_OP_READ, .output = buf, .output_size = sizeof(buf)};
        drvhost_iosb iosb;
        if (drvhost_io(w->file, &d, &iosb) != STATUS_SUCCESS || iosb.information == 0) {
            w->failures++;
            break;
        }
        w->bytes += iosb.information;
    }
    return NULL;
}

/* Each reader takes exactly as many bytes as one writer writes; reads that find the FIFO empty
 * pend and are completed by the driver's DPC when a write arrives. */
TEST(readers_wait_for_writers_on_other_threads)
{
    struct worker w[4];
    load_fifo();
    for (int i = 0; i < 4; i++)
        w[i] = (struct worker){.file = open_fifo(), .id = i};
    pthread_t t[4];
    pthread_create(&t[0], NULL, reader, &w[0]);
    pthread_create(&t[1], NULL, reader, &w[1]);
    pthread_create(&t[2], NULL, writer, &w[2]);
    pthread_create(&t[3], NULL, writer, &w[3]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) {
        ok(w[i].failures == 0, "thread %d: %d failures", i, w[i].failures);
        ok(w[i].bytes == CHUNKS * 8, "thread %d moved %lu bytes", i, w[i].bytes);
        drvhost_close(w[i].file);
    }
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
}
