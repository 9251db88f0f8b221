/*
 * test_wdf_lanes.c - the request path of a parallel queue that presents every request at once
 * (drvhost presents and completes them in the client thread's lane: src/wdf/queue.c "Lanes"):
 * requests the driver holds while the queue is folded (a state query), stopped, purged or
 * deleted, from the thread that sent them or another; completed twice; cancelled in their lane;
 * forwarded into the queue; and request objects that look new each time, whatever request the
 * object served before. Every expectation is Windows' (the KMDF documentation named at each
 * test). Driver: drivers/wdflane.c. Threads only send requests and are joined before the checks
 * that depend on them: nothing waits for time to pass.
 */
#include <wdm.h>

#include "drivers/wdflane.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

/* WDF_CACHE_QUARANTINE of src/wdf/object.c: a request object serves again only after this many
 * others were completed on its thread (docs/wdf.md). */
#define QUARANTINE 16
/* A bound on a request the driver completes at once: it fails the check, it synchronizes
 * nothing. */
#define DONE_MS 10000

/* The driver: wdflane.sys, or (the tests at the end) wdflane_plain.sys, whose requests have no
 * cleanup or destroy callback, so that their completions take the framework's common case. */
static const char *lane_module = "wdflane";

static drvhost_file *lane_open(void)
{
    return harness_open_driver(lane_module, "\\\\.\\WdfLane");
}

static drvhost_io_desc lane_read_desc(int64_t what, void *buffer, size_t size)
{
    drvhost_io_desc d = {DRVHOST_OP_READ, 0, NULL, 0, buffer, size, what};
    return d;
}

/* A read the driver completes at once: its status (information checked: the length). */
static int32_t lane_read(drvhost_file *f)
{
    char buffer[24];
    drvhost_io_desc d = lane_read_desc(LANE_READ_COMPLETE, buffer, sizeof(buffer));
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    int32_t status = drvhost_io_start(f, &d, &r);
    if (status == STATUS_PENDING)
        status = drvhost_request_wait(r, DONE_MS, &iosb);
    else
        drvhost_request_wait(r, 0, &iosb);
    if (status == STATUS_TIMEOUT) /* never presented: a failure, not a hang */
        drvhost_request_cancel(r);
    drvhost_request_free(r);
    if (status == STATUS_SUCCESS && iosb.information != sizeof(buffer))
        return -1;
    return status;
}

/* A read the driver keeps (what: LANE_READ_HOLD or _UNCANCELABLE), started on this thread:
 * presented, and so in this thread's lane, when drvhost_io_start returns. */
struct held {
    drvhost_file *file;
    int64_t what;
    char buffer[8];
    drvhost_request *request;
    int32_t started;
};

static void *hold_one(void *arg)
{
    struct held *h = arg;
    drvhost_io_desc d = lane_read_desc(h->what, h->buffer, sizeof(h->buffer));
    h->started = drvhost_io_start(h->file, &d, &h->request);
    return NULL;
}

static void hold_here(struct held *h, drvhost_file *f, int64_t what)
{
    h->file = f;
    h->what = what;
    hold_one(h);
    ok_status(h->started, STATUS_PENDING);
}

/* The same on a thread of its own, joined: the request stays in that thread's lane. */
static void hold_elsewhere(struct held *h, drvhost_file *f, int64_t what)
{
    pthread_t t;
    h->file = f;
    h->what = what;
    pthread_create(&t, NULL, hold_one, h);
    pthread_join(t, NULL);
    ok_status(h->started, STATUS_PENDING);
}

/* The held request's end: status and information (DONE_MS at most). */
static int32_t held_end(struct held *h, uint64_t *information)
{
    drvhost_iosb iosb = {0};
    int32_t status = drvhost_request_wait(h->request, DONE_MS, &iosb);
    if (status != STATUS_TIMEOUT) {
        drvhost_request_free(h->request);
        h->request = NULL;
    }
    if (information != NULL)
        *information = iosb.information;
    return status;
}

/* Whether the held request is still pending (looked at, not waited for). */
static int held_pending(struct held *h)
{
    return drvhost_request_wait(h->request, 0, NULL) == STATUS_TIMEOUT;
}

static int32_t lane_control(drvhost_file *f, ULONG code, ULONG slot)
{
    return harness_ioctl(f, code, &slot, sizeof(slot), NULL, 0, NULL);
}

static LANE_STATE lane_state(drvhost_file *f)
{
    LANE_STATE s;
    memset(&s, 0xFF, sizeof(s));
    ok_status(harness_ioctl(f, IOCTL_LANE_STATE, NULL, 0, &s, sizeof(s), NULL), STATUS_SUCCESS);
    return s;
}

static LANE_COUNTS lane_counts(drvhost_file *f)
{
    LANE_COUNTS c;
    memset(&c, 0xFF, sizeof(c));
    ok_status(harness_ioctl(f, IOCTL_LANE_COUNTS, NULL, 0, &c, sizeof(c), NULL), STATUS_SUCCESS);
    return c;
}

/* The held request of `slot` completed by the driver (control code on this thread). */
static void complete_held(drvhost_file *f, struct held *h, ULONG slot)
{
    uint64_t information = 0;
    ok_status(lane_control(f, IOCTL_LANE_COMPLETE, slot), STATUS_SUCCESS);
    ok_status(held_end(h, &information), STATUS_SUCCESS);
    ok(information == 0x55 + slot, "slot %lu: information %llu\n", (unsigned long)slot,
       (unsigned long long)information);
}

/* The device opened, its lane queue used once, and one read held uncancelable by the driver,
 * sent on a thread of its own (the request stays in that thread's lane). */
static drvhost_file *lane_open_holding(struct held *h)
{
    drvhost_file *f = lane_open();
    if (f != NULL) {
        ok_status(lane_read(f), STATUS_SUCCESS);
        hold_elsewhere(h, f, LANE_READ_HOLD_UNCANCELABLE);
    }
    return f;
}

/* Microsoft (WdfIoQueueGetState: the requests the driver owns; WdfRequestComplete): requests
 * the driver holds count as its own, from the queue's state query (which drvhost answers by
 * folding the lanes into the queue) to their completion, on whatever thread they came from and
 * are completed on; after them the queue presents every new request at once, as before. */
TEST(held_requests_count_as_the_drivers_and_the_queue_presents_after_them)
{
    struct held h[3];
    LANE_STATE s;
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    memset(h, 0, sizeof(h));
    for (int round = 0; round < 2; round++) {
        ok_status(lane_read(f), STATUS_SUCCESS); /* the queue in its fast state */
        hold_elsewhere(&h[0], f, LANE_READ_HOLD_UNCANCELABLE);
        hold_elsewhere(&h[1], f, LANE_READ_HOLD);
        hold_here(&h[2], f, LANE_READ_HOLD_UNCANCELABLE);
        s = lane_state(f);
        ok(s.Queued == 0 && s.Driver == 3, "round %d: %lu queued, %lu the driver's\n", round,
           (unsigned long)s.Queued, (unsigned long)s.Driver);
        for (ULONG i = 0; i < 3; i++)
            complete_held(f, &h[2 - i], 2 - i);
        s = lane_state(f);
        ok(s.Queued == 0 && s.Driver == 0, "round %d, completed: %lu queued, %lu the driver's\n",
           round, (unsigned long)s.Queued, (unsigned long)s.Driver);
        for (int i = 0; i < 3; i++)
            ok_status(lane_read(f), STATUS_SUCCESS);
    }
    ok(lane_counts(f).Stale == 0, "a request did not look new\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestComplete; the KMDF verifier): completing a request a second time is a
 * WDF_VIOLATION (0x10D, parameter 1 5 here: its handle is no longer a live request's), for a
 * request the queue's state query took out of its lane before its first completion. */
TEST(a_held_request_completed_twice_after_a_fold_is_0x10d)
{
    struct held h = {0};
    drvhost_file *f = lane_open_holding(&h);
    if (f == NULL)
        return;
    ok(lane_state(f).Driver == 1, "not the driver's\n");
    expect_bugcheck_p1(0x10D, 0x5);
    lane_control(f, IOCTL_LANE_COMPLETE_TWICE, 0);
    ok(0, "the second completion returned\n");
}

/* The same for a request still in its lane (no fold between its presentation and its two
 * completions), held on another thread and completed from this one. */
TEST(a_held_request_completed_twice_from_its_lane_on_another_thread_is_0x10d)
{
    struct held h = {0};
    drvhost_file *f = lane_open_holding(&h);
    if (f == NULL)
        return;
    expect_bugcheck_p1(0x10D, 0x5);
    lane_control(f, IOCTL_LANE_COMPLETE_TWICE, 0);
    ok(0, "the second completion returned\n");
}

/* Microsoft (WdfRequestForwardToIoQueue: STATUS_INVALID_DEVICE_REQUEST, the driver does not
 * own the request; WdfObjectReference): a request completed from its lane is no longer the
 * driver's, though its reference keeps its object (here one that served requests before);
 * its requester has its status. */
TEST(a_request_completed_from_its_lane_is_no_longer_the_drivers)
{
    struct held h = {0};
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 3 * QUARANTINE; i++) /* its object one the thread served before */
        ok_status(lane_read(f), STATUS_SUCCESS);
    hold_here(&h, f, LANE_READ_HOLD_UNCANCELABLE);
    ok_status(lane_control(f, IOCTL_LANE_FORWARD_COMPLETED, 0), STATUS_INVALID_DEVICE_REQUEST);
    ok_status(held_end(&h, NULL), STATUS_SUCCESS);
    ok(lane_state(f).Driver == 0, "still the driver's\n");
    ok_status(lane_read(f), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestMarkCancelableEx, EvtRequestCancel, WdfRequestUnmarkCancelable): the
 * requester's cancellation of a cancelable request the driver holds calls EvtRequestCancel
 * once, which completes it with STATUS_CANCELLED; the driver's later completion attempt finds
 * it gone. In its lane, and after a fold alike. */
TEST(a_held_request_cancelled_in_its_lane_or_after_a_fold_is_cancelled_once)
{
    struct held h = {0};
    LANE_COUNTS c;
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    for (int fold = 0; fold < 2; fold++) {
        ok_status(lane_read(f), STATUS_SUCCESS);
        hold_elsewhere(&h, f, LANE_READ_HOLD);
        if (fold)
            ok(lane_state(f).Driver == 1, "not the driver's\n");
        ok(drvhost_request_cancel(h.request) == 1, "fold %d: no cancel routine ran\n", fold);
        ok_status(held_end(&h, NULL), STATUS_CANCELLED);
        ok_status(lane_control(f, IOCTL_LANE_COMPLETE, 0), STATUS_NOT_FOUND);
        c = lane_counts(f);
        ok(c.Cancels == (ULONG)fold + 1 && c.Held == 0, "fold %d: %lu cancels, %lu held\n", fold,
           (unsigned long)c.Cancels, (unsigned long)c.Held);
        ok(lane_state(f).Driver == 0, "fold %d: still the driver's\n", fold);
        ok_status(lane_read(f), STATUS_SUCCESS);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfIoQueueStop, WdfIoQueueStart): a stopped queue keeps new requests; its
 * EvtIoQueueState runs once every request delivered to the driver is completed (here: held on
 * another thread when the queue stopped); WdfIoQueueStart presents what waited, and the queue
 * presents new requests at once again. */
TEST(a_stop_waits_for_the_held_requests_and_a_start_presents_what_waited)
{
    struct held h = {0}, waiting = {0};
    LANE_STATE s;
    drvhost_file *f = lane_open_holding(&h);
    uint64_t information = 0;
    if (f == NULL)
        return;
    ok_status(lane_control(f, IOCTL_LANE_STOP, 0), STATUS_SUCCESS);
    ok(lane_counts(f).Stopped == 0, "the stop was notified while the driver held a request\n");
    hold_here(&waiting, f, LANE_READ_COMPLETE); /* kept by the stopped queue */
    s = lane_state(f);
    ok(s.Queued == 1 && s.Driver == 1, "stopped: %lu queued, %lu the driver's\n",
       (unsigned long)s.Queued, (unsigned long)s.Driver);
    complete_held(f, &h, 0);
    ok(lane_counts(f).Stopped == 1, "the stop was not notified once the request completed\n");
    ok(held_pending(&waiting), "a stopped queue presented a request\n");
    ok_status(lane_control(f, IOCTL_LANE_START, 0), STATUS_SUCCESS);
    ok_status(held_end(&waiting, &information), STATUS_SUCCESS);
    ok(information == sizeof(waiting.buffer), "information %llu\n",
       (unsigned long long)information);
    for (int i = 0; i < 3; i++)
        ok_status(lane_read(f), STATUS_SUCCESS);
    ok(lane_state(f).Driver == 0, "still the driver's\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfIoQueuePurge): the purge cancels the requests the driver holds cancelable
 * (EvtRequestCancel), refuses new requests, and notifies once every delivered request is
 * completed (here the one held uncancelable); WdfIoQueueStart takes requests again. */
TEST(a_purge_cancels_held_cancelable_requests_and_waits_for_the_others)
{
    struct held cancelable = {0}, kept = {0};
    LANE_COUNTS c;
    drvhost_file *f = lane_open_holding(&kept);
    if (f == NULL)
        return;
    hold_elsewhere(&cancelable, f, LANE_READ_HOLD);
    ok_status(lane_control(f, IOCTL_LANE_PURGE, 0), STATUS_SUCCESS);
    ok_status(held_end(&cancelable, NULL), STATUS_CANCELLED);
    c = lane_counts(f);
    ok(c.Cancels == 1 && c.Purged == 0 && c.Held == 1, "%lu cancels, %lu purged, %lu held\n",
       (unsigned long)c.Cancels, (unsigned long)c.Purged, (unsigned long)c.Held);
    ok_status(lane_read(f), STATUS_INVALID_DEVICE_STATE);
    complete_held(f, &kept, 0);
    ok(lane_counts(f).Purged == 1, "the purge was not notified once the request completed\n");
    ok_status(lane_control(f, IOCTL_LANE_START, 0), STATUS_SUCCESS);
    for (int i = 0; i < 3; i++)
        ok_status(lane_read(f), STATUS_SUCCESS);
    ok(lane_state(f).Driver == 0, "still the driver's\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* The KMDF verifier: deleting a queue while the driver owns one of its requests (held in its
 * lane on another thread) is WDF_VIOLATION 0x10D, parameter 1 0xA (WDF_QUEUE_FATAL_ERROR). */
TEST(deleting_the_queue_while_a_request_is_held_in_its_lane_is_0x10d)
{
    struct held h = {0};
    drvhost_file *f = lane_open_holding(&h);
    if (f == NULL)
        return;
    expect_bugcheck_p1(0x10D, 0xA);
    lane_control(f, IOCTL_LANE_DELETE, 0);
    ok(0, "the deletion returned\n");
}

struct deleter {
    drvhost_file *file;
    int32_t status;
};

static void *delete_fp_queue(void *arg)
{
    struct deleter *d = arg;
    d->status = lane_control(d->file, IOCTL_LANE_FP_DELETE, 0);
    return NULL;
}

static void *send_internal(void *arg)
{
    struct held *h = arg;
    h->started = harness_io(h->file, DRVHOST_OP_INTERNAL_IOCTL, 0x22200B, NULL, 0, NULL, 0, NULL);
    return NULL;
}

/* Microsoft (EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES; WdfObjectDelete): the callback runs for a
 * request arriving at the queue, the Queue handle it gets valid until it returns. Here the
 * queue is deleted on another thread while the callback waits: the deletion waits for the
 * arrival (drvhost: for every dispatch that read the queue, src/wdf/queue.c "arrivals"), the
 * callback's WdfIoQueueGetState then still finds the queue, and the request, no longer taken
 * by the deleted queue, fails. The one second is a bound for seeing a deletion that does not
 * wait, never a condition of the right behaviour. */
TEST(a_queue_deleted_while_a_request_arrives_waits_for_the_arrival)
{
    struct held arriving = {0};
    struct deleter d = {NULL, -1};
    pthread_t a, t;
    struct timespec until;
    int early;
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    arriving.file = d.file = f;
    ok_status(lane_control(f, IOCTL_LANE_FP_BLOCK, 0), STATUS_SUCCESS);
    pthread_create(&a, NULL, send_internal, &arriving);
    ok_status(lane_control(f, IOCTL_LANE_FP_WAIT, 0), STATUS_SUCCESS);
    pthread_create(&t, NULL, delete_fp_queue, &d);
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 1;
    early = pthread_timedjoin_np(t, NULL, &until) == 0;
    ok(!early, "the deletion returned while a request was arriving at the queue\n");
    ok_status(lane_control(f, IOCTL_LANE_FP_GO, 0), STATUS_SUCCESS);
    if (!early)
        pthread_join(t, NULL);
    pthread_join(a, NULL);
    ok_status(d.status, STATUS_SUCCESS);
    ok_status(arriving.started, STATUS_INVALID_DEVICE_STATE);
    ok(lane_counts(f).FpAllocated == 1, "EvtIoAllocateRequestResources not called once\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

struct reader {
    drvhost_file *file;
    pthread_barrier_t *both;
    struct held held[2];
    unsigned failures;
};

static void *hold_two_then_read(void *arg)
{
    struct reader *r = arg;
    for (int i = 0; i < 2; i++) {
        r->held[i].file = r->file;
        r->held[i].what = LANE_READ_HOLD;
        hold_one(&r->held[i]);
        if (r->held[i].started != STATUS_PENDING)
            r->failures++;
    }
    pthread_barrier_wait(r->both); /* both threads alive at once: a lane each */
    return NULL;
}

static void *read_many(void *arg)
{
    struct reader *r = arg;
    for (int i = 0; i < 300; i++)
        if (lane_read(r->file) != STATUS_SUCCESS)
            r->failures++;
    return NULL;
}

/* Two client threads on one queue: each holds requests in its own lane, a third thread
 * completes them all (Microsoft: a driver may complete a request on any thread); then both
 * read at once while the third folds the lanes again and again (state queries). Every request
 * completes once, with its own information (AddressSanitizer and ThreadSanitizer: no race). */
TEST(two_threads_lanes_completed_from_a_third_and_folded_while_in_use)
{
    struct reader r[2];
    pthread_t t[2];
    pthread_barrier_t both;
    drvhost_file *f = lane_open();
    LANE_STATE s;
    if (f == NULL)
        return;
    pthread_barrier_init(&both, NULL, 2);
    for (int i = 0; i < 2; i++) {
        memset(&r[i], 0, sizeof(r[i]));
        r[i].file = f;
        r[i].both = &both;
        pthread_create(&t[i], NULL, hold_two_then_read, &r[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&both);
    s = lane_state(f);
    ok(s.Driver == 4 && r[0].failures + r[1].failures == 0, "%lu the driver's, %u failures\n",
       (unsigned long)s.Driver, r[0].failures + r[1].failures);
    for (ULONG slot = 0; slot < 4; slot++) { /* the slots in the order the driver filled them */
        uint64_t information = 0;
        ok_status(lane_control(f, IOCTL_LANE_COMPLETE, slot), STATUS_SUCCESS);
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 2; k++)
                if (r[i].held[k].request != NULL && !held_pending(&r[i].held[k])) {
                    ok_status(held_end(&r[i].held[k], &information), STATUS_SUCCESS);
                    ok(information == 0x55 + slot, "slot %lu: information %llu\n",
                       (unsigned long)slot, (unsigned long long)information);
                }
    }
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++)
            ok(r[i].held[k].request == NULL, "thread %d's request %d did not complete\n", i, k);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, read_many, &r[i]);
    for (int i = 0; i < 40; i++)
        lane_state(f);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        ok(r[i].failures == 0, "thread %d: %u failed reads\n", i, r[i].failures);
    }
    ok(lane_state(f).Driver == 0 && lane_counts(f).Stale == 0, "left the driver's, or stale\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestForwardToIoQueue, WdfRequestGetIoQueue): a request forwarded to another
 * queue is that queue's: its callbacks get it with the queue's handle, and WdfRequestGetIoQueue
 * names it. Here the destination presents every request at once (drvhost: in the forwarding
 * thread's lane). */
/* Holds a request on a thread of its own, each time: the request objects are made on those
 * threads and deleted on this one (its cache fills: src/wdf/object.c). */
TEST(requests_completed_on_a_thread_that_did_not_send_them)
{
    drvhost_file *f = lane_open();
    unsigned failures = 0;
    if (f == NULL)
        return;
    for (int i = 0; i < 3 * QUARANTINE; i++) {
        struct held h = {0};
        uint64_t information = 0;
        hold_elsewhere(&h, f, LANE_READ_HOLD_UNCANCELABLE);
        failures += lane_control(f, IOCTL_LANE_COMPLETE, 0) != STATUS_SUCCESS;
        failures += held_end(&h, &information) != STATUS_SUCCESS || information != 0x55;
    }
    ok(failures == 0, "%u failures\n", failures);
    for (int i = 0; i < 3 * QUARANTINE; i++)
        ok_status(lane_read(f), STATUS_SUCCESS);
    ok(lane_counts(f).Stale == 0, "a request did not look new\n");
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

TEST(a_request_forwarded_to_the_lane_queue_is_that_queues)
{
    char data[5] = "lane";
    drvhost_iosb iosb = {0};
    LANE_COUNTS c;
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 3; i++) {
        ok_status(harness_io(f, DRVHOST_OP_WRITE, 0, data, sizeof(data), NULL, 0, &iosb),
                  STATUS_SUCCESS);
        ok(iosb.information == sizeof(data) + LANE_WRITE_BIAS, "information %llu\n",
           (unsigned long long)iosb.information);
    }
    c = lane_counts(f);
    ok(c.Forwarded == 3 && c.ForwardFailed == 0 && c.Stale == 0,
       "%lu forwarded, %lu failed, %lu did not look like the lane queue's\n",
       (unsigned long)c.Forwarded, (unsigned long)c.ForwardFailed, (unsigned long)c.Stale);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestSetInformation, WdfRequestGetInformation, WDF_OBJECT_ATTRIBUTES'
 * context, EvtCleanupCallback): each request is a new object: information 0, its context
 * zeroed, not cancelled, its queue's; its cleanup callback runs once. drvhost reuses a
 * request's object past a quarantine (docs/wdf.md): after requests whose life set their
 * information, were cancelled, held cancelable and unmarked, folded out of their lane and
 * forwarded, or cancelled while they waited in the stopped queue (holding it), the ones served by
 * the same objects must still look new. */
TEST(a_request_object_served_again_looks_new)
{
    LANE_COUNTS before, after;
    struct held h = {0};
    drvhost_file *f = lane_open();
    char data[3] = "ab";
    unsigned requests = 0;
    if (f == NULL)
        return;
    before = lane_counts(f);
    requests++;
    for (int i = 0; i < 4 * QUARANTINE; i++) {
        drvhost_io_desc d;
        char buffer[8];
        drvhost_iosb iosb = {0};
        switch (i % 5) {
        case 0: /* information set by the driver */
            d = lane_read_desc(LANE_READ_INFO, buffer, sizeof(buffer));
            ok_status(drvhost_io(f, &d, &iosb), STATUS_SUCCESS);
            ok(iosb.information == 0x77, "information %llu\n",
               (unsigned long long)iosb.information);
            requests++;
            break;
        case 1: /* held cancelable, cancelled */
            hold_here(&h, f, LANE_READ_HOLD);
            drvhost_request_cancel(h.request);
            ok_status(held_end(&h, NULL), STATUS_CANCELLED);
            requests++;
            break;
        case 2: /* held cancelable, folded, unmarked and completed */
            hold_here(&h, f, LANE_READ_HOLD);
            lane_state(f);
            complete_held(f, &h, 0);
            requests += 3;
            break;
        case 3: /* waiting in the stopped queue, cancelled there by its requester */
            ok_status(lane_control(f, IOCTL_LANE_STOP, 0), STATUS_SUCCESS);
            hold_here(&h, f, LANE_READ_COMPLETE);
            drvhost_request_cancel(h.request);
            ok_status(held_end(&h, NULL), STATUS_CANCELLED);
            ok_status(lane_control(f, IOCTL_LANE_START, 0), STATUS_SUCCESS);
            requests += 3;
            break;
        default: /* forwarded from the write queue */
            ok_status(harness_io(f, DRVHOST_OP_WRITE, 0, data, sizeof(data), NULL, 0, &iosb),
                      STATUS_SUCCESS);
            requests++;
            break;
        }
    }
    /* Requests cancelled while they waited (each holding the queue), their objects then
     * serving reads the queue presents at once (which hold nothing). */
    ok_status(lane_control(f, IOCTL_LANE_STOP, 0), STATUS_SUCCESS);
    for (int i = 0; i < 4; i++) {
        hold_here(&h, f, LANE_READ_COMPLETE);
        drvhost_request_cancel(h.request);
        ok_status(held_end(&h, NULL), STATUS_CANCELLED);
    }
    ok_status(lane_control(f, IOCTL_LANE_START, 0), STATUS_SUCCESS);
    for (int i = 0; i < 2 * QUARANTINE; i++)
        ok_status(lane_read(f), STATUS_SUCCESS);
    requests += 2 + 4 + 2 * QUARANTINE;
    after = lane_counts(f);
    ok(after.Stale == 0, "%lu requests did not look new\n", (unsigned long)after.Stale);
    ok(after.Cleanups - before.Cleanups == requests, "%lu cleanup callbacks for %u requests\n",
       (unsigned long)(after.Cleanups - before.Cleanups), requests);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfDeviceInitSetRequestAttributes, WdfObjectGetTypedContext, EvtCleanupCallback,
 * EvtDestroyCallback): each device's requests get its own request attributes: their context
 * type, zeroed, and their callbacks, once each. Here two devices of one driver, with contexts of
 * two types of the same size, take turns on one client thread (drvhost reuses request objects
 * across them: docs/wdf.md). */
TEST(two_devices_requests_on_one_thread_get_their_own_attributes)
{
    drvhost_file *f = lane_open(), *echo = NULL;
    LANE_COUNTS before, after;
    const unsigned rounds = 4 * QUARANTINE;
    if (f == NULL)
        return;
    ok_status(drvhost_open("\\Device\\WdfLaneEcho", 0xC0000000u, &echo), STATUS_SUCCESS);
    if (echo == NULL)
        return;
    before = lane_counts(f);
    for (unsigned i = 0; i < rounds; i++) {
        char in[4] = "abc", out[4] = {0};
        drvhost_iosb iosb = {0};
        ok_status(lane_read(f), STATUS_SUCCESS);
        ok_status(harness_ioctl(echo, IOCTL_LANE_ECHO, in, sizeof(in), out, sizeof(out), &iosb),
                  STATUS_SUCCESS);
        ok(iosb.information == sizeof(in) && memcmp(in, out, sizeof(in)) == 0, "echo %u\n", i);
    }
    after = lane_counts(f);
    ok(after.Stale == 0 && after.EchoStale == 0, "%lu lane and %lu echo requests not new\n",
       (unsigned long)after.Stale, (unsigned long)after.EchoStale);
    /* the lane device's: the reads and the first IOCTL_LANE_COUNTS */
    ok(after.Cleanups - before.Cleanups == rounds + 1 &&
           after.Destroys - before.Destroys == rounds + 1,
       "lane: %lu cleanups, %lu destroys for %u requests\n",
       (unsigned long)(after.Cleanups - before.Cleanups),
       (unsigned long)(after.Destroys - before.Destroys), rounds + 1);
    ok(after.EchoRequests - before.EchoRequests == rounds &&
           after.EchoCleanups - before.EchoCleanups == rounds &&
           after.EchoDestroys - before.EchoDestroys == rounds,
       "echo: %lu requests, %lu cleanups, %lu destroys for %u\n",
       (unsigned long)(after.EchoRequests - before.EchoRequests),
       (unsigned long)(after.EchoCleanups - before.EchoCleanups),
       (unsigned long)(after.EchoDestroys - before.EchoDestroys), rounds);
    ok_status(drvhost_close(echo), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfIoTargetFormatRequestForIoctl, WdfRequestSend, WdfRequestComplete): a request
 * the driver formatted for an I/O target is still its own: completed without being sent, its
 * requester gets what the driver wrote in its output buffer; sent, it gets what the target
 * answered. drvhost reuses a request's object past a quarantine (docs/wdf.md) and resets only
 * the fields a request's life wrote unless it was formatted or sent (`send_used`): every
 * request here, formatted, sent or neither, must behave as a new one. */
TEST(formatted_and_sent_requests_and_the_ones_after_them_behave_as_new)
{
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 4 * QUARANTINE; i++) {
        static const ULONG codes[3] = {IOCTL_LANE_FORMAT_COMPLETE, IOCTL_LANE_FORMAT_SEND,
                                       IOCTL_LANE_ECHO};
        char in[12], out[12], want[12];
        drvhost_iosb iosb = {0};
        ULONG code = codes[i % 3];
        snprintf(in, sizeof(in), "request %03d", i);
        memset(out, 0, sizeof(out));
        if (code == IOCTL_LANE_FORMAT_COMPLETE)
            memset(want, LANE_FILL, sizeof(want));
        else
            memcpy(want, in, sizeof(want));
        ok_status(harness_ioctl(f, code, in, sizeof(in), out, sizeof(out), &iosb), STATUS_SUCCESS);
        ok(iosb.information == sizeof(out) && memcmp(out, want, sizeof(out)) == 0,
           "request %d (code %lx): information %llu, output '%.12s'\n", i, (unsigned long)code,
           (unsigned long long)iosb.information, out);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestUnmarkCancelable): STATUS_INVALID_PARAMETER when the request is not
 * cancelable (never marked, or unmarked already); STATUS_INVALID_DEVICE_REQUEST when the
 * driver does not own it (here: forwarded to a manual queue, where it waits). */
TEST(unmark_of_a_request_not_cancelable_or_not_the_drivers_fails)
{
    struct held kept = {0}, cancelable = {0};
    char out[16];
    drvhost_io_desc d = {DRVHOST_OP_IOCTL, IOCTL_LANE_PARK, NULL, 0, out, sizeof(out), 0};
    drvhost_request *parked = NULL;
    drvhost_file *f = lane_open_holding(&kept);
    if (f == NULL)
        return;
    hold_elsewhere(&cancelable, f, LANE_READ_HOLD);
    ok_status(lane_control(f, IOCTL_LANE_UNMARK, 0), STATUS_INVALID_PARAMETER);
    ok_status(lane_control(f, IOCTL_LANE_UNMARK, 1), STATUS_SUCCESS);
    ok_status(lane_control(f, IOCTL_LANE_UNMARK, 1), STATUS_INVALID_PARAMETER);
    ok(held_pending(&kept) && held_pending(&cancelable), "a failed unmark ended a request\n");
    ok(drvhost_request_cancel(cancelable.request) == 0, "the unmarked request was cancelable\n");
    complete_held(f, &cancelable, 1);
    complete_held(f, &kept, 0);
    ok_status(drvhost_io_start(f, &d, &parked), STATUS_PENDING);
    ok_status(harness_ioctl(f, IOCTL_LANE_PARK_UNMARK, NULL, 0, NULL, 0, NULL),
              STATUS_INVALID_DEVICE_REQUEST);
    ok(drvhost_request_cancel(parked) == 1, "the parked request had no cancel routine\n");
    ok_status(drvhost_request_wait(parked, DONE_MS, NULL), STATUS_CANCELLED);
    drvhost_request_free(parked);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* A request parked (IOCTL_LANE_PARK: formatted for the echo device, then forwarded to the
 * manual park queue); STATUS_PENDING expected. */
static drvhost_request *park(drvhost_file *f, char out[16])
{
    drvhost_io_desc d = {DRVHOST_OP_IOCTL, IOCTL_LANE_PARK, NULL, 0, out, 16, 0};
    drvhost_request *r = NULL;
    memset(out, 0xEE, 16);
    ok_status(drvhost_io_start(f, &d, &r), STATUS_PENDING);
    return r;
}

/* Microsoft (WdfIoTargetFormatRequestForIoctl: the framework keeps a reference on the memory
 * objects of a format until the request is completed or formatted again; WdfIoQueuePurge,
 * WdfObjectDelete of a queue, IoCancelIrp: the framework completes a request waiting in a
 * queue with STATUS_CANCELLED). A request formatted for a target, then forwarded to a queue
 * and completed by the framework there (its requester's cancellation, a purge, the queue's
 * deletion) releases what the format took: the driver's deleted memory object is destroyed
 * then, and the requester gets STATUS_CANCELLED, information 0, its output untouched. drvhost:
 * the format's bounce buffer goes too (leak-checked by the asan preset). */
TEST(a_formatted_request_the_framework_cancels_in_a_queue_releases_its_format)
{
    static const ULONG ends[3] = {0, IOCTL_LANE_PARK_PURGE, IOCTL_LANE_PARK_DELETE};
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    for (int i = 0; i < 3 * QUARANTINE; i++) {
        char out[16], in[12] = "after park", echo[12];
        drvhost_iosb iosb = {0};
        ULONG destroys = lane_counts(f).ParkMemoryDestroys, end = ends[i % 3];
        drvhost_request *r = park(f, out);
        if (r == NULL)
            break;
        ok(drvhost_request_wait(r, 0, NULL) == STATUS_TIMEOUT, "round %d: not parked\n", i);
        ok(lane_counts(f).ParkMemoryDestroys == destroys,
           "round %d: the memory went while the format held it\n", i);
        if (end == 0)
            ok(drvhost_request_cancel(r) == 1, "round %d: no cancel routine\n", i);
        else
            ok_status(harness_ioctl(f, end, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
        ok_status(drvhost_request_wait(r, DONE_MS, &iosb), STATUS_CANCELLED);
        drvhost_request_free(r);
        ok(iosb.information == 0 && out[0] == (char)0xEE && out[15] == (char)0xEE,
           "round %d: information %llu, output %02x\n", i, (unsigned long long)iosb.information,
           (unsigned char)out[0]);
        ok(lane_counts(f).ParkMemoryDestroys == destroys + 1,
           "round %d (end %lx): the format's memory object was not released\n", i,
           (unsigned long)end);
        ok_status(harness_ioctl(f, IOCTL_LANE_ECHO, in, sizeof(in), echo, sizeof(echo), &iosb),
                  STATUS_SUCCESS);
        ok(memcmp(in, echo, sizeof(in)) == 0, "round %d: the echo after it\n", i);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* Microsoft (WdfObjectAllocateContext, EVT_WDF_OBJECT_CONTEXT_CLEANUP): a context the driver
 * adds to a request has its cleanup callback run when the request is completed, once per
 * request, the request object served again or not. */
TEST(a_context_added_to_a_request_is_cleaned_up_at_its_completion)
{
    LANE_COUNTS before, after;
    const ULONG requests = 2 * QUARANTINE + 3;
    drvhost_file *f = lane_open();
    if (f == NULL)
        return;
    before = lane_counts(f);
    for (ULONG i = 0; i < requests; i++) {
        char buffer[8];
        drvhost_io_desc d = lane_read_desc(LANE_READ_EXTRA_CONTEXT, buffer, sizeof(buffer));
        ok_status(drvhost_io(f, &d, NULL), STATUS_SUCCESS);
    }
    after = lane_counts(f);
    ok(after.ExtraCleanups - before.ExtraCleanups == requests,
       "%lu cleanup callbacks of added contexts for %lu requests\n",
       (unsigned long)(after.ExtraCleanups - before.ExtraCleanups), (unsigned long)requests);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
}

/* session 15: the completion's common case (src/wdf/request.c wdf_request_end_fast) is taken
 * only by requests whose objects have no cleanup or destroy callback, which wdflane.sys's have:
 * the same tests again on wdflane_plain.sys, whose requests have none, so that each of that
 * case's conditions (a request completed twice, cancelable, referenced, forwarded, formatted,
 * folded or held elsewhere) meets the test that needs it; one child each, as every test. */
#define WITHOUT_REQUEST_CALLBACKS(name)                                                            \
    TEST(plain_##name)                                                                             \
    {                                                                                              \
        lane_module = "wdflane_plain";                                                             \
        harness_test_##name();                                                                     \
    }
WITHOUT_REQUEST_CALLBACKS(held_requests_count_as_the_drivers_and_the_queue_presents_after_them)
WITHOUT_REQUEST_CALLBACKS(a_held_request_completed_twice_after_a_fold_is_0x10d)
WITHOUT_REQUEST_CALLBACKS(a_held_request_completed_twice_from_its_lane_on_another_thread_is_0x10d)
WITHOUT_REQUEST_CALLBACKS(a_request_completed_from_its_lane_is_no_longer_the_drivers)
WITHOUT_REQUEST_CALLBACKS(a_held_request_cancelled_in_its_lane_or_after_a_fold_is_cancelled_once)
WITHOUT_REQUEST_CALLBACKS(a_stop_waits_for_the_held_requests_and_a_start_presents_what_waited)
WITHOUT_REQUEST_CALLBACKS(a_purge_cancels_held_cancelable_requests_and_waits_for_the_others)
WITHOUT_REQUEST_CALLBACKS(deleting_the_queue_while_a_request_is_held_in_its_lane_is_0x10d)
WITHOUT_REQUEST_CALLBACKS(two_threads_lanes_completed_from_a_third_and_folded_while_in_use)
WITHOUT_REQUEST_CALLBACKS(requests_completed_on_a_thread_that_did_not_send_them)
WITHOUT_REQUEST_CALLBACKS(a_request_forwarded_to_the_lane_queue_is_that_queues)
WITHOUT_REQUEST_CALLBACKS(formatted_and_sent_requests_and_the_ones_after_them_behave_as_new)
WITHOUT_REQUEST_CALLBACKS(unmark_of_a_request_not_cancelable_or_not_the_drivers_fails)
WITHOUT_REQUEST_CALLBACKS(a_context_added_to_a_request_is_cleaned_up_at_its_completion)
