/*
 * test_wdf_queue.c - framework queues and requests through drivers/wdfq.c: queue states
 * (stop, start, drain, purge and their notifications, WdfIoQueueGetState and the state
 * macros), manual queues (retrieval in order, find, requeue, ready notification), the
 * framework's cancellation of waiting requests, cancelable requests the driver owns (and the
 * race between EvtRequestCancel and the driver's own completion), forwarding, and the
 * framework's verifier for requests (0x10D, parameter 1 0xA).
 */
#include <wdm.h>
#include <wdf.h>

#include "drivers/wdfq.h"
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define WDFQ_PATH "\\\\.\\WdfQ"

static drvhost_file *wdfq_open(void)
{
    return harness_open_driver("wdfq", WDFQ_PATH);
}

static int32_t wdfq_ctl(drvhost_file *f, uint32_t code, const void *in, size_t in_size, void *out,
                        size_t out_size)
{
    return harness_ioctl(f, code, in, in_size, out, out_size, NULL);
}

static WDFQ_STATE wdfq_state(drvhost_file *f)
{
    WDFQ_STATE s;
    memset(&s, 0xFF, sizeof(s));
    ok_status(wdfq_ctl(f, IOCTL_Q_STATE, NULL, 0, &s, sizeof(s)), STATUS_SUCCESS);
    return s;
}

static WDFQ_LOG wdfq_log(drvhost_file *f)
{
    WDFQ_LOG log;
    memset(&log, 0, sizeof(log));
    ok_status(wdfq_ctl(f, IOCTL_Q_LOG, NULL, 0, &log, sizeof(log)), STATUS_SUCCESS);
    return log;
}

static int wdfq_index(const WDFQ_LOG *log, ULONG event)
{
    for (ULONG i = 0; i < log->Count && i < 32; i++)
        if (log->Events[i] == event)
            return (int)i;
    return -1;
}

/* Parks a request tagged `tag` in the manual queue (asynchronously). */
static drvhost_request *wdfq_park(drvhost_file *f, const unsigned char *tag)
{
    drvhost_io_desc d = {DRVHOST_OP_IOCTL, IOCTL_Q_PARK, tag, 1, NULL, 0, 0};
    drvhost_request *r = NULL;
    ok_status(drvhost_io_start(f, &d, &r), STATUS_PENDING);
    return r;
}

static void wdfq_expect(drvhost_request *r, int32_t status, uint64_t information)
{
    drvhost_iosb iosb = {0};
    if (r == NULL)
        return;
    ok_status(drvhost_request_wait(r, 5000, &iosb), status);
    ok(iosb.information == information, "information %llu, expected %llu\n",
       (unsigned long long)iosb.information, (unsigned long long)information);
    drvhost_request_free(r);
}

/* A manual queue keeps what arrives; the driver retrieves in arrival order; then
 * STATUS_NO_MORE_ENTRIES (Microsoft: WdfIoQueueRetrieveNextRequest). Ready notification:
 * once, when the empty queue gets a request. */
TEST(manual_queue_retrieves_in_arrival_order)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char a = 'A', b = 'B';
    drvhost_request *ra, *rb;
    WDFQ_STATE s;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    s = wdfq_state(f);
    ok(s.State == (WdfIoQueueAcceptRequests | WdfIoQueueDispatchRequests | WdfIoQueueNoRequests |
                   WdfIoQueueDriverNoRequests),
       "idle state %#lx\n", (unsigned long)s.State);
    ok(s.Macros == (WDFQ_IS_IDLE | WDFQ_IS_READY), "macros %#lx\n", (unsigned long)s.Macros);
    ra = wdfq_park(f, &a);
    rb = wdfq_park(f, &b);
    s = wdfq_state(f);
    ok(s.Queued == 2 && s.Driver == 0 && !(s.State & WdfIoQueueNoRequests), "queued %lu %#lx\n",
       (unsigned long)s.Queued, (unsigned long)s.State);
    log = wdfq_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ_EV_READY, "ready notified once (%lu events)\n",
       (unsigned long)log.Count);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(ra, STATUS_SUCCESS, 'A');
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rb, STATUS_SUCCESS, 'B');
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_NO_MORE_ENTRIES);
    drvhost_close(f);
}

/* Stop: the queue takes requests but delivers none (retrieve: STATUS_WDF_PAUSED); the stop
 * notification runs once the driver owns none; start delivers again and notifies ready. */
TEST(stopped_queue_keeps_requests_until_started)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char c = 'C';
    drvhost_request *rc;
    WDFQ_STATE s;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_STOP, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_STOPPED) == 0, "stop notified at once (nothing owned)\n");
    rc = wdfq_park(f, &c);
    s = wdfq_state(f);
    ok(s.Queued == 1 && (s.Macros & WDFQ_IS_STOPPED) && !(s.Macros & WDFQ_IS_READY),
       "stopped: queued %lu, macros %#lx\n", (unsigned long)s.Queued, (unsigned long)s.Macros);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_WDF_PAUSED);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_READY) < 0, "no ready notification while stopped\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_READY) >= 0, "start notifies ready for a non-empty queue\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rc, STATUS_SUCCESS, 'C');
    drvhost_close(f);
}

/* Purge: waiting requests are cancelled (EvtIoCanceledOnQueue, in queue order), then the
 * notification; new requests are refused (forwarding: STATUS_WDF_BUSY) until started. */
TEST(purge_cancels_waiting_requests_then_notifies)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char d = 'D', e = 'E';
    drvhost_request *rd, *re, *late;
    WDFQ_STATE s;
    WDFQ_LOG log;
    int c1, c2, p;
    if (f == NULL)
        return;
    rd = wdfq_park(f, &d);
    re = wdfq_park(f, &e);
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rd, STATUS_CANCELLED, 0);
    wdfq_expect(re, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    c1 = wdfq_index(&log, WDFQ_EV_CANCELED_ON_QUEUE);
    c2 = c1 >= 0 ? (int)log.Count - 1 : -1;
    p = wdfq_index(&log, WDFQ_EV_PURGED);
    ok(log.Count == 3 && c1 == 0 && log.Values[0] == 'D' && log.Values[1] == 'E' && p == 2,
       "purge order: %lu events, canceled %d %d, purged %d\n", (unsigned long)log.Count, c1, c2, p);
    s = wdfq_state(f);
    ok((s.Macros & WDFQ_IS_PURGED) && !(s.State & WdfIoQueueAcceptRequests), "purged state %#lx\n",
       (unsigned long)s.State);
    late = wdfq_park(f, &d);
    wdfq_expect(late, STATUS_WDF_BUSY, 0);
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok(wdfq_state(f).Macros & WDFQ_IS_READY, "started again\n");
    drvhost_close(f);
}

/* Purge also cancels the requests the driver owns and marked cancelable (EvtRequestCancel),
 * and notifies once they are completed. */
TEST(purge_cancels_the_drivers_cancelable_requests)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char p = 'P';
    drvhost_request *rp;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    rp = wdfq_park(f, &p);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE_HOLD, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok(wdfq_state(f).Driver == 1, "the driver owns it\n");
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rp, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 2 && log.Events[0] == WDFQ_EV_REQUEST_CANCEL && log.Events[1] == WDFQ_EV_PURGED,
       "EvtRequestCancel, then the purge notification (%lu events)\n", (unsigned long)log.Count);
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    drvhost_close(f);
}

/* Drain: no new requests, the waiting ones are still delivered; the notification once the
 * queue is empty and the driver owns none. */
TEST(drain_delivers_waiting_requests_then_notifies)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char g = 'G';
    drvhost_request *rg, *late;
    WDFQ_LOG log;
    WDFQ_STATE s;
    if (f == NULL)
        return;
    rg = wdfq_park(f, &g);
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_DRAIN, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_DRAINED) < 0, "not drained while a request waits\n");
    late = wdfq_park(f, &g);
    wdfq_expect(late, STATUS_WDF_BUSY, 0);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rg, STATUS_SUCCESS, 'G');
    log = wdfq_log(f);
    ok(log.Count == 2 && log.Events[0] == WDFQ_EV_RETRIEVED && log.Events[1] == WDFQ_EV_DRAINED,
       "drained after the last was delivered and completed (%lu events)\n",
       (unsigned long)log.Count);
    s = wdfq_state(f);
    ok(s.Macros & WDFQ_IS_DRAINED, "drained state %#lx\n", (unsigned long)s.State);
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    drvhost_close(f);
}

/* The synchronous forms return once the queue got there. */
TEST(synchronous_stop_and_purge_return_when_done)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char h = 'H';
    drvhost_request *rh;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    rh = wdfq_park(f, &h);
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_STOP_SYNC, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(wdfq_ctl(f, IOCTL_Q_PURGE_SYNC, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rh, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_STOP_SYNC_DONE) >= 0 &&
           wdfq_index(&log, WDFQ_EV_CANCELED_ON_QUEUE) < wdfq_index(&log, WDFQ_EV_PURGE_SYNC_DONE),
       "purge returned after the cancellation\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    drvhost_close(f);
}

/* WdfIoQueueDrainSynchronously returns once the queue is empty and no request is the
 * driver's; a drained queue accepts no new request until it is started again (Microsoft:
 * WdfIoQueueDrain). */
TEST(synchronous_drain_returns_and_refuses_new_requests)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char d = 'D';
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    ok_status(wdfq_ctl(f, IOCTL_Q_DRAIN_SYNC, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_DRAIN_SYNC_DONE) >= 0, "drain returned\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_PARK, &d, 1, NULL, 0), STATUS_WDF_BUSY);
    ok_status(wdfq_ctl(f, IOCTL_Q_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok(wdfq_state(f).Queued == 0, "nothing queued\n");
    drvhost_close(f);
}

/* WdfRequestCompleteWithPriorityBoost completes like WdfRequestComplete: the status and the
 * information set before reach the requester (the boost is a scheduling hint). */
TEST(complete_with_priority_boost_completes_the_request)
{
    drvhost_file *f = wdfq_open();
    drvhost_iosb iosb = {0};
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_Q_BOOST, NULL, 0, NULL, 0, &iosb), STATUS_DEVICE_BUSY);
    ok(iosb.information == 7, "information %llu\n", (unsigned long long)iosb.information);
    drvhost_close(f);
}

/* IoCancelIrp of a request waiting in a queue: the framework takes it out and calls
 * EvtIoCanceledOnQueue (Microsoft), which completes it. */
TEST(cancelling_a_waiting_request_calls_evt_io_canceled_on_queue)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char k = 'K';
    drvhost_request *rk;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    rk = wdfq_park(f, &k);
    wdfq_log(f);
    ok(drvhost_request_cancel(rk) == 1, "a cancel routine ran\n");
    wdfq_expect(rk, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ_EV_CANCELED_ON_QUEUE && log.Values[0] == 'K',
       "EvtIoCanceledOnQueue (%lu events)\n", (unsigned long)log.Count);
    ok(wdfq_state(f).Queued == 0, "gone from the queue\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_NO_MORE_ENTRIES);
    drvhost_close(f);
}

/* The parallel default queue counts what the driver owns: a held (cancelable) request and the
 * request asking, which the driver is handling (Microsoft: WdfIoQueueGetState's
 * DriverRequests). Requests of such a queue are kept per thread (docs/wdf.md "Speed"): the
 * count must see them. */
TEST(parallel_queue_state_counts_the_drivers_requests)
{
    drvhost_file *f = wdfq_open();
    drvhost_io_desc hold = {DRVHOST_OP_IOCTL, IOCTL_Q_HOLD, NULL, 0, NULL, 0, 0};
    static const ULONG of_default = 1;
    drvhost_request *r = NULL;
    WDFQ_STATE s;
    if (f == NULL)
        return;
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    memset(&s, 0xFF, sizeof(s));
    ok_status(wdfq_ctl(f, IOCTL_Q_STATE, &of_default, sizeof(of_default), &s, sizeof(s)),
              STATUS_SUCCESS);
    ok(s.Driver == 2 && s.Queued == 0, "driver owns %lu (not 2), %lu queued",
       (unsigned long)s.Driver, (unsigned long)s.Queued);
    ok((s.Macros & WDFQ_IS_READY) != 0, "the queue is ready (0x%lx)", (unsigned long)s.State);
    ok_status(wdfq_ctl(f, IOCTL_Q_RELEASE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(r, STATUS_SUCCESS, 1);
    ok_status(wdfq_ctl(f, IOCTL_Q_STATE, &of_default, sizeof(of_default), &s, sizeof(s)),
              STATUS_SUCCESS);
    ok(s.Driver == 1, "driver owns %lu after the release (not 1)", (unsigned long)s.Driver);
    drvhost_close(f);
}

/* MarkCancelableEx: IoCancelIrp runs EvtRequestCancel; UnmarkCancelable before that succeeds
 * and the driver completes; the form without Ex behaves the same while not cancelled. */
TEST(cancelable_request_cancel_and_unmark)
{
    drvhost_file *f = wdfq_open();
    drvhost_io_desc hold = {DRVHOST_OP_IOCTL, IOCTL_Q_HOLD, NULL, 0, NULL, 0, 0};
    static const ULONG plain = 1;
    drvhost_request *r = NULL;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok(drvhost_request_cancel(r) == 1, "the framework's cancel routine ran\n");
    wdfq_expect(r, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ_EV_REQUEST_CANCEL, "EvtRequestCancel\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_RELEASE, NULL, 0, NULL, 0), STATUS_NOT_FOUND);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok_status(wdfq_ctl(f, IOCTL_Q_RELEASE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(r, STATUS_SUCCESS, 1);
    hold.input = &plain;
    hold.input_size = sizeof(plain);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok(drvhost_request_cancel(r) == 1, "cancel routine of WdfRequestMarkCancelable\n");
    wdfq_expect(r, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(wdfq_index(&log, WDFQ_EV_REQUEST_CANCEL) >= 0, "no EvtRequestCancel\n");
    drvhost_close(f);
}

/* UnmarkCancelable after EvtRequestCancel ran (it left the request to the driver):
 * STATUS_CANCELLED, and the driver must not complete it there (Microsoft). */
TEST(unmark_after_evt_request_cancel_ran_is_status_cancelled)
{
    drvhost_file *f = wdfq_open();
    static const ULONG deferring = 3;
    drvhost_io_desc hold = {
        DRVHOST_OP_IOCTL, IOCTL_Q_HOLD, &deferring, sizeof(deferring), NULL, 0, 0};
    drvhost_request *r = NULL;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok(drvhost_request_cancel(r) == 1, "the framework's cancel routine ran\n");
    ok_status(drvhost_request_wait(r, 20, NULL), STATUS_TIMEOUT);
    ok_status(wdfq_ctl(f, IOCTL_Q_RELEASE, NULL, 0, NULL, 0), STATUS_CANCELLED);
    ok_status(drvhost_request_wait(r, 20, NULL), STATUS_TIMEOUT);
    ok_status(wdfq_ctl(f, IOCTL_Q_FINISH, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(r, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ_EV_REQUEST_CANCEL && log.Values[0] == 1,
       "EvtRequestCancel once (%lu events)\n", (unsigned long)log.Count);
    drvhost_close(f);
}

struct wdfq_race {
    drvhost_file *f;
    drvhost_request *r;
    int32_t release;
};

static void *wdfq_release_thread(void *arg)
{
    struct wdfq_race *race = arg;
    race->release = wdfq_ctl(race->f, IOCTL_Q_RELEASE, NULL, 0, NULL, 0);
    return NULL;
}

/* The race between EvtRequestCancel and the driver's UnmarkCancelable + completion: exactly
 * one of them completes the request, whoever wins (run under tsan). */
TEST(cancel_races_with_unmark_and_completion)
{
    drvhost_file *f = wdfq_open();
    drvhost_io_desc hold = {DRVHOST_OP_IOCTL, IOCTL_Q_HOLD, NULL, 0, NULL, 0, 0};
    int cancelled = 0, released = 0, bad = 0;
    if (f == NULL)
        return;
    for (int i = 0; i < 200; i++) {
        struct wdfq_race race = {f, NULL, 0};
        drvhost_iosb iosb = {0};
        pthread_t t;
        int32_t status;
        if (drvhost_io_start(f, &hold, &race.r) != STATUS_PENDING) {
            bad++;
            break;
        }
        pthread_create(&t, NULL, wdfq_release_thread, &race);
        drvhost_request_cancel(race.r);
        pthread_join(t, NULL);
        status = drvhost_request_wait(race.r, 5000, &iosb);
        drvhost_request_free(race.r);
        if (status == STATUS_CANCELLED && race.release != STATUS_SUCCESS)
            cancelled++;
        else if (status == STATUS_SUCCESS && race.release == STATUS_SUCCESS)
            released++;
        else
            bad++;
    }
    ok(bad == 0, "%d inconsistent outcomes (%d cancelled, %d released)\n", bad, cancelled,
       released);
    trace("%d cancelled, %d released\n", cancelled, released);
    wdfq_log(f);
    drvhost_close(f);
}

/* WdfRequestRequeue puts a retrieved request back at the head of its manual queue. */
TEST(requeue_returns_a_request_to_its_manual_queue)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char m = 'M', n = 'N';
    drvhost_request *rm, *rn;
    if (f == NULL)
        return;
    rm = wdfq_park(f, &m);
    rn = wdfq_park(f, &n);
    ok_status(wdfq_ctl(f, IOCTL_Q_REQUEUE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok(wdfq_state(f).Queued == 2, "still two in the queue\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rm, STATUS_SUCCESS, 'M'); /* requeued at the head */
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rn, STATUS_SUCCESS, 'N');
    drvhost_close(f);
}

/* FindRequest walks the queue (each found request referenced, released by the driver);
 * RetrieveFoundRequest takes the one found out of the middle. */
TEST(find_and_retrieve_found_request)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char x = 'X', y = 'Y', z = 'Z';
    drvhost_request *rx, *ry, *rz;
    ULONG looked = 0;
    if (f == NULL)
        return;
    rx = wdfq_park(f, &x);
    ry = wdfq_park(f, &y);
    rz = wdfq_park(f, &z);
    ok_status(wdfq_ctl(f, IOCTL_Q_FIND, &y, 1, &looked, sizeof(looked)), STATUS_SUCCESS);
    ok(looked == 2, "looked at %lu requests\n", (unsigned long)looked);
    wdfq_expect(ry, STATUS_SUCCESS, 'Y');
    ok(wdfq_state(f).Queued == 2, "the others stay\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_FIND, &y, 1, &looked, sizeof(looked)), STATUS_NO_MORE_ENTRIES);
    ok(looked == 2, "looked at %lu requests\n", (unsigned long)looked);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rx, STATUS_SUCCESS, 'X');
    wdfq_expect(rz, STATUS_SUCCESS, 'Z');
    drvhost_close(f);
}

/* The documented failures: Requeue outside manual queues, forwarding to the same queue or a
 * cancelable request, retrieving from a parallel queue, ReadyNotify misuse. */
TEST(requeue_forward_retrieve_and_ready_notify_refusals)
{
    drvhost_file *f = wdfq_open();
    ULONG checks = 0;
    if (f == NULL)
        return;
    ok_status(wdfq_ctl(f, IOCTL_Q_CHECKS, NULL, 0, &checks, sizeof(checks)), STATUS_SUCCESS);
    ok(checks == WDFQ_CHECK_ALL, "checks %#lx (missing %#lx)\n", (unsigned long)checks,
       (unsigned long)(WDFQ_CHECK_ALL & ~checks));
    drvhost_close(f);
}

static void wdfq_misuse(ULONG what, int park)
{
    drvhost_file *f = wdfq_open();
    static const unsigned char t = 'T';
    if (f == NULL)
        return;
    if (park)
        wdfq_park(f, &t);
    wdfq_ctl(f, IOCTL_Q_MISUSE, &what, sizeof(what), NULL, 0);
    ok(0, "misuse %lu returned\n", (unsigned long)what);
}

TEST(completing_a_request_still_in_its_queue_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0xA);
    wdfq_misuse(WDFQ_MISUSE_COMPLETE_QUEUED, 1);
}

TEST(stop_acknowledge_without_evt_io_stop_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0xA);
    wdfq_misuse(WDFQ_MISUSE_STOP_ACK, 0);
}

TEST(deleting_a_queue_while_the_driver_owns_a_request_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0xA);
    wdfq_misuse(WDFQ_MISUSE_DELETE_WITH_OWNED, 1);
}

/* WdfDeviceInitSetRequestAttributes gives each request a context; EvtIoInCallerContext sees
 * the request first and may complete it itself or give it to its queue
 * (WdfDeviceEnqueueRequest), context and all. */
TEST(in_caller_context_and_request_context)
{
    drvhost_file *f = wdfq_open();
    ULONG marker = 0;
    if (f == NULL)
        return;
    ok_status(wdfq_ctl(f, IOCTL_Q_CONTEXT, NULL, 0, &marker, sizeof(marker)), STATUS_SUCCESS);
    ok(marker == WDFQ_CONTEXT_MARKER, "context marker %#lx\n", (unsigned long)marker);
    ok_status(wdfq_ctl(f, IOCTL_Q_CALLER_COMPLETES, NULL, 0, NULL, 0), STATUS_DEVICE_BUSY);
    drvhost_close(f);
}

/* WdfRequestProbeAndLockUserBufferForRead / ForWrite: in EvtIoInCallerContext they give memory
 * objects over the requester's buffers (a zero length is STATUS_INVALID_USER_BUFFER); outside
 * the requester's context they fail (drvhost: STATUS_ACCESS_VIOLATION, the page's status for a
 * thread that is not the request's creator). */
TEST(probe_and_lock_user_buffers_in_caller_context)
{
    drvhost_file *f = wdfq_open();
    drvhost_iosb iosb = {0};
    char out[8] = {0};
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_Q_LOCK_USER, "abc", 3, out, sizeof(out), &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == 3 && memcmp(out, "abc", 3) == 0, "copied %llu: %.3s\n",
       (unsigned long long)iosb.information, out);
    ok_status(harness_ioctl(f, IOCTL_Q_LOCK_OUTSIDE, "x", 1, NULL, 0, NULL),
              STATUS_ACCESS_VIOLATION);
    drvhost_close(f);
}

/* A buffer locked in EvtIoInCallerContext goes with its request into the queue: the memory
 * object (WdfMemoryGetBuffer: the requester's bytes and their size) is the driver's until the
 * request completes, and is deleted with it (Microsoft: the memory object's parent is the
 * request); the requester's buffer is unlocked (the MDL freed: no leak at shutdown). */
TEST(locked_buffer_goes_with_its_request_into_the_queue)
{
    drvhost_file *f = wdfq_open();
    drvhost_iosb iosb = {0};
    char *big;
    if (f == NULL)
        return;
    for (int i = 0; i < 40; i++) /* past the thread's cache of request objects (32) */
        ok_status(harness_ioctl(f, IOCTL_Q_LOCK_QUEUED, "locked", 6, NULL, 0, &iosb),
                  STATUS_SUCCESS);
    ok(iosb.information == 6, "memory size %llu\n", (unsigned long long)iosb.information);
    ok_status(harness_ioctl(f, IOCTL_Q_LOCK_QUEUED, "lack", 4, NULL, 0, NULL), STATUS_DATA_ERROR);
    /* A buffer over several pages (its MDL's page array is longer; checked under ASan too). */
    big = calloc(1, 3 * 4096 + 100);
    if (big != NULL) {
        memcpy(big + 4000, "lock", 4);
        ok_status(harness_ioctl(f, IOCTL_Q_LOCK_QUEUED, big + 4000, 2 * 4096 + 50, NULL, 0, &iosb),
                  STATUS_SUCCESS);
        ok(iosb.information == 2 * 4096 + 50, "memory size %llu\n",
           (unsigned long long)iosb.information);
        free(big);
    }
    drvhost_close(f);
}

/* The memory object of a locked buffer after its request completed: a deleted handle,
 * WDF_VIOLATION (0x10D) with parameter 1 0x5, an invalid handle. */
TEST(locked_buffer_memory_after_its_request_completed_is_wdf_violation)
{
    drvhost_file *f = wdfq_open();
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_Q_LOCK_QUEUED, "lock", 4, NULL, 0, NULL), STATUS_SUCCESS);
    expect_bugcheck_p1(0x10D, 0x5);
    wdfq_ctl(f, IOCTL_Q_LOCK_STALE, NULL, 0, NULL, 0);
    ok(0, "the stale memory handle was accepted\n");
}

/* The default queue (parallel, not power-managed) stopped and started while requests come
 * through EvtIoInCallerContext and WdfDeviceEnqueueRequest: a request arriving while it is
 * stopped waits (Microsoft: WdfIoQueueStop, the queue accepts but does not deliver) and is
 * delivered at the start; the queue then delivers each new request at once, again and again
 * (drvhost: back in its lanes, docs/wdf.md "Speed" session 12). */
TEST(default_queue_stopped_and_started_through_in_caller_context)
{
    drvhost_file *f = wdfq_open();
    drvhost_io_desc d = {DRVHOST_OP_IOCTL, IOCTL_Q_CONTEXT, NULL, 0, NULL, sizeof(ULONG), 0};
    ULONG marker = 0;
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    if (f == NULL)
        return;
    d.output = &marker;
    ok_status(wdfq_ctl(f, IOCTL_Q_DEFAULT_STOP, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(drvhost_io_start(f, &d, &r), STATUS_PENDING);
    if (r != NULL)
        ok_status(drvhost_request_wait(r, 50, &iosb), STATUS_TIMEOUT);
    ok_status(wdfq_ctl(f, IOCTL_Q_DEFAULT_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(r, STATUS_SUCCESS, sizeof(ULONG));
    ok(marker == WDFQ_CONTEXT_MARKER, "context marker %#lx\n", (unsigned long)marker);
    for (int round = 0; round < 2; round++) { /* stopped again after the lanes came back */
        for (int i = 0; i < 3; i++)
            ok_status(wdfq_ctl(f, IOCTL_Q_CONTEXT, NULL, 0, &marker, sizeof(marker)),
                      STATUS_SUCCESS);
        ok_status(wdfq_ctl(f, IOCTL_Q_DEFAULT_STOP, NULL, 0, NULL, 0), STATUS_SUCCESS);
        r = NULL;
        ok_status(drvhost_io_start(f, &d, &r), STATUS_PENDING);
        if (r != NULL)
            ok_status(drvhost_request_wait(r, 50, &iosb), STATUS_TIMEOUT);
        ok_status(wdfq_ctl(f, IOCTL_Q_DEFAULT_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
        wdfq_expect(r, STATUS_SUCCESS, sizeof(ULONG));
    }
    drvhost_close(f);
}

/* WdfIoQueueRetrieveRequestByFileObject: the next request of that file object, skipping
 * other handles' requests; none left: STATUS_NO_MORE_ENTRIES (Microsoft). */
TEST(retrieve_request_by_file_object)
{
    drvhost_file *f = wdfq_open(), *g = NULL;
    static const unsigned char a = 'a', b = 'b';
    drvhost_request *ra, *rb;
    if (f == NULL)
        return;
    ok_status(drvhost_open(WDFQ_PATH, 0xC0000000u, &g), STATUS_SUCCESS); /* a second handle */
    if (g == NULL) {
        drvhost_close(f);
        return;
    }
    ra = wdfq_park(f, &a);
    rb = wdfq_park(g, &b);
    ok_status(wdfq_ctl(g, IOCTL_Q_RETRIEVE_MINE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(rb, STATUS_SUCCESS, 'b');
    ok_status(wdfq_ctl(g, IOCTL_Q_RETRIEVE_MINE, NULL, 0, NULL, 0), STATUS_NO_MORE_ENTRIES);
    ok(wdfq_state(f).Queued == 1, "the other handle's request still waits\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_RETRIEVE_MINE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    wdfq_expect(ra, STATUS_SUCCESS, 'a');
    drvhost_close(g);
    drvhost_close(f);
}

/* WdfDeviceConfigureRequestDispatching: writes go to their own queue. */
TEST(configured_request_type_goes_to_its_queue)
{
    drvhost_file *f = wdfq_open();
    drvhost_iosb iosb = {0};
    if (f == NULL)
        return;
    ok_status(harness_io(f, DRVHOST_OP_WRITE, 0, "abc", 3, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 3 + WDFQ_WRITE_BIAS, "write information %llu\n",
       (unsigned long long)iosb.information);
    /* Reads have no queue of their own, and the default queue has no EvtIoRead. */
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, &iosb, 1, NULL),
              STATUS_INVALID_DEVICE_REQUEST);
    drvhost_close(f);
}

/* Marking a request that was cancelled before: the Ex form returns STATUS_CANCELLED (the
 * driver completes it), the other calls EvtRequestCancel at once (Microsoft). */
TEST(marking_a_cancelled_request_cancelable)
{
    drvhost_file *f = wdfq_open();
    static const ULONG unmarked = 2, plain = 1;
    drvhost_io_desc hold = {
        DRVHOST_OP_IOCTL, IOCTL_Q_HOLD, &unmarked, sizeof(unmarked), NULL, 0, 0};
    drvhost_request *r = NULL;
    WDFQ_LOG log;
    if (f == NULL)
        return;
    wdfq_log(f);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok(drvhost_request_cancel(r) == 0, "no cancel routine while unmarked\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_MARK, NULL, 0, NULL, 0), STATUS_CANCELLED);
    wdfq_expect(r, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 0, "no EvtRequestCancel for the Ex form (%lu events)\n",
       (unsigned long)log.Count);
    ok_status(drvhost_io_start(f, &hold, &r), STATUS_PENDING);
    ok(drvhost_request_cancel(r) == 0, "no cancel routine while unmarked\n");
    ok_status(wdfq_ctl(f, IOCTL_Q_MARK, &plain, sizeof(plain), NULL, 0), STATUS_SUCCESS);
    wdfq_expect(r, STATUS_CANCELLED, 0);
    log = wdfq_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ_EV_REQUEST_CANCEL,
       "EvtRequestCancel at once (%lu events)\n", (unsigned long)log.Count);
    drvhost_close(f);
}
