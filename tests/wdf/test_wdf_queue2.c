/*
 * test_wdf_queue2.c - create requests in a queue (WdfDeviceConfigureRequestDispatching with
 * WdfRequestTypeCreate, Parameters.Create, the request context, the file object),
 * WdfIoQueueStopAndPurge[Synchronously] and WdfIoQueuePurge with requests the driver owns,
 * WdfDeviceWdmDispatchIrpToIoQueue from EvtDeviceWdmIrpPreprocess, EvtIoQueueState outside the
 * queue's synchronization lock, and the framework's version (drivers/wdfq2.c; docs/wdf.md,
 * "Create requests in queues, stop-and-purge, IRPs to queues").
 */
#include <wdm.h>
#include <wdf.h>

#include "drivers/wdfq2.h"
#include "harness.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#define WDFQ2_PATH "\\\\.\\WdfQ2"
#define RW         0xC0000000u

static drvhost_file *q2_open(void)
{
    return harness_open_driver("wdfq2", WDFQ2_PATH);
}

static int32_t q2_ctl(drvhost_file *f, uint32_t code, const void *in, size_t in_size, void *out,
                      size_t out_size)
{
    return harness_ioctl(f, code, in, in_size, out, out_size, NULL);
}

static WDFQ2_LOG q2_log(drvhost_file *f)
{
    WDFQ2_LOG log;
    memset(&log, 0, sizeof(log));
    ok_status(q2_ctl(f, IOCTL_Q2_LOG, NULL, 0, &log, sizeof(log)), STATUS_SUCCESS);
    return log;
}

static int q2_index(const WDFQ2_LOG *log, ULONG event)
{
    for (ULONG i = 0; i < log->Count && i < 32; i++)
        if (log->Events[i] == event)
            return (int)i;
    return -1;
}

static WDFQ2_CREATE_INFO q2_create_info(drvhost_file *f)
{
    WDFQ2_CREATE_INFO c;
    memset(&c, 0xFF, sizeof(c));
    ok_status(q2_ctl(f, IOCTL_Q2_CREATE_INFO, NULL, 0, &c, sizeof(c)), STATUS_SUCCESS);
    return c;
}

static ULONG q2_whoami(drvhost_file *f)
{
    ULONG id = 0xFFFFFFFF;
    ok_status(q2_ctl(f, IOCTL_Q2_WHOAMI, NULL, 0, &id, sizeof(id)), STATUS_SUCCESS);
    return id;
}

/* The manual queue's state: [0] WDF_IO_QUEUE_STATE, [1] waiting, [2] the driver's. */
static void q2_state(drvhost_file *f, ULONG s[3])
{
    memset(s, 0xFF, 3 * sizeof(ULONG));
    ok_status(q2_ctl(f, IOCTL_Q2_STATE, NULL, 0, s, 3 * sizeof(ULONG)), STATUS_SUCCESS);
}

/* Waits (5 s at most) until `n` requests wait in the manual queue: a request another thread
 * started has arrived. */
static void q2_wait_queued(drvhost_file *f, ULONG n)
{
    struct timespec pause = {0, 1000000};
    ULONG s[3];
    for (int i = 0; i < 5000; i++) {
        q2_state(f, s);
        if (s[1] == n)
            return;
        nanosleep(&pause, NULL);
    }
    ok(0, "%lu requests never waited in the manual queue (%lu do)\n", (unsigned long)n,
       (unsigned long)s[1]);
}

static drvhost_request *q2_park(drvhost_file *f)
{
    drvhost_io_desc d = {DRVHOST_OP_IOCTL, IOCTL_Q2_PARK, NULL, 0, NULL, 0, 0};
    drvhost_request *r = NULL;
    ok_status(drvhost_io_start(f, &d, &r), STATUS_PENDING);
    return r;
}

static void q2_expect(drvhost_request *r, int32_t status)
{
    drvhost_iosb iosb = {0};
    if (r == NULL)
        return;
    ok_status(drvhost_request_wait(r, 5000, &iosb), status);
    drvhost_request_free(r);
}

/* Microsoft (Framework File Objects; WDF_REQUEST_PARAMETERS; WdfDeviceInitSetRequestAttributes):
 * with a queue configured for WdfRequestTypeCreate every open reaches its EvtIoDefault, never
 * the default queue's; WdfRequestGetParameters fills Parameters.Create from the create (drvhost's
 * I/O manager opens existing, share read and write, normal attributes, the access asked for);
 * the request has the device's request context, zeroed; WdfRequestGetFileObject gives the new
 * file object. The default queue and a queue without EvtIoDefault are refused, a second create
 * queue is STATUS_WDF_BUSY (DriverEntry's checks). */
TEST(create_requests_reach_their_queue_with_parameters_context_and_file_object)
{
    drvhost_file *a = q2_open(), *b = NULL;
    WDFQ2_CHECKS checks = {0, 0};
    WDFQ2_CREATE_INFO c;
    WDFQ2_LOG log;
    if (a == NULL)
        return;
    ok_status(q2_ctl(a, IOCTL_Q2_CHECKS, NULL, 0, &checks, sizeof(checks)), STATUS_SUCCESS);
    ok(checks.Bits == WDFQ2_CHECK_ALL, "DriverEntry's checks 0x%lx, first failure at line %lu\n",
       (unsigned long)checks.Bits, (unsigned long)checks.FirstFailedLine);
    ok_status(drvhost_open(WDFQ2_PATH, RW, &b), STATUS_SUCCESS);
    c = q2_create_info(a);
    ok(c.Count == 2 && c.DefaultSaw == 0, "creates: %lu in the create queue, %lu in the default\n",
       (unsigned long)c.Count, (unsigned long)c.DefaultSaw);
    ok(c.Type == WdfRequestTypeCreate && c.Options == (FILE_OPEN << 24) &&
           c.FileAttributes == FILE_ATTRIBUTE_NORMAL &&
           c.ShareAccess == (FILE_SHARE_READ | FILE_SHARE_WRITE) && c.EaLength == 0 &&
           c.DesiredAccess == RW,
       "Parameters.Create: type %lu options %#lx attributes %#lx share %#lx ea %lu access %#lx\n",
       (unsigned long)c.Type, (unsigned long)c.Options, (unsigned long)c.FileAttributes,
       (unsigned long)c.ShareAccess, (unsigned long)c.EaLength, (unsigned long)c.DesiredAccess);
    ok(c.ContextWasZero == 1 && c.HasFileObject == 1 && c.QueueIsCreateQueue == 1,
       "context zeroed %lu, file object %lu, queue %lu\n", (unsigned long)c.ContextWasZero,
       (unsigned long)c.HasFileObject, (unsigned long)c.QueueIsCreateQueue);
    ok(c.BufferStatus == (ULONG)STATUS_INVALID_DEVICE_REQUEST, "a create has no buffer: %#lx\n",
       (unsigned long)c.BufferStatus);
    ok(q2_whoami(a) == 1, "the first handle's file object\n");
    if (b != NULL) {
        ok(q2_whoami(b) == 2, "the second handle's file object\n");
        q2_log(a);
        ok_status(drvhost_close(b), STATUS_SUCCESS);
        log = q2_log(a);
        ok(log.Count == 3 && log.Events[0] == WDFQ2_EV_CLEANUP && log.Events[1] == WDFQ2_EV_CLOSE &&
               log.Events[2] == WDFQ2_EV_FILE_GONE && log.Values[2] == 2,
           "close: %lu events\n", (unsigned long)log.Count);
    }
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* Microsoft (Framework File Objects): a create the driver completes with an error status
 * deletes the file object without EvtFileCleanup or EvtFileClose. */
TEST(a_create_its_queue_fails_leaves_no_file_object)
{
    drvhost_file *a = q2_open(), *b = NULL;
    WDFQ2_LOG log;
    if (a == NULL)
        return;
    q2_log(a);
    ok_status(drvhost_open(WDFQ2_PATH "\\fail", RW, &b), STATUS_ACCESS_DENIED);
    ok(b == NULL, "no handle\n");
    log = q2_log(a);
    ok(log.Count == 1 && log.Events[0] == WDFQ2_EV_FILE_GONE && log.Values[0] == 2,
       "only the file object's cleanup: %lu events, first %lu\n", (unsigned long)log.Count,
       (unsigned long)log.Events[0]);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

struct q2_opener {
    const char *path;
    int32_t status;
    drvhost_file *file;
};

static void *q2_open_thread(void *context)
{
    struct q2_opener *o = context;
    o->status = drvhost_open(o->path, RW, &o->file);
    return NULL;
}

/* A create the driver forwarded to its manual queue waits there; WdfIoQueueStopAndPurge cancels
 * it (Microsoft: the framework completes a cancelled request without EvtIoCanceledOnQueue), and
 * its file object goes. */
TEST(a_waiting_create_is_cancelled_by_stop_and_purge)
{
    drvhost_file *a = q2_open();
    struct q2_opener o = {WDFQ2_PATH "\\park", 0, NULL};
    pthread_t t;
    WDFQ2_LOG log;
    if (a == NULL)
        return;
    q2_log(a);
    pthread_create(&t, NULL, q2_open_thread, &o);
    q2_wait_queued(a, 1);
    ok_status(q2_ctl(a, IOCTL_Q2_STOP_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    pthread_join(t, NULL);
    ok_status(o.status, STATUS_CANCELLED);
    ok(o.file == NULL, "no handle\n");
    log = q2_log(a);
    ok(q2_index(&log, WDFQ2_EV_FILE_GONE) >= 0 && q2_index(&log, WDFQ2_EV_STOP_PURGED) >= 0 &&
           q2_index(&log, WDFQ2_EV_CLOSE) < 0,
       "file object gone without close, then notified (%lu events)\n", (unsigned long)log.Count);
    ok_status(q2_ctl(a, IOCTL_Q2_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* Microsoft (WdfIoQueueStopAndPurge): waiting requests and the driver's cancelable ones are
 * cancelled, the notification runs once the driver owns none; the queue goes on accepting
 * requests but delivers none until WdfIoQueueStart (retrieval: STATUS_WDF_PAUSED). */
TEST(stop_and_purge_cancels_waiting_and_cancelable_requests_and_keeps_accepting)
{
    drvhost_file *f = q2_open();
    drvhost_request *ra, *rb, *rc;
    ULONG one = 1, s[3];
    WDFQ2_LOG log;
    if (f == NULL)
        return;
    ra = q2_park(f);
    rb = q2_park(f);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE_HOLD, &one, sizeof(one), NULL, 0), STATUS_SUCCESS);
    q2_log(f);
    ok_status(q2_ctl(f, IOCTL_Q2_STOP_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    q2_expect(ra, STATUS_CANCELLED); /* the held one: EvtRequestCancel */
    q2_expect(rb, STATUS_CANCELLED); /* the waiting one: the framework */
    log = q2_log(f);
    ok(q2_index(&log, WDFQ2_EV_CANCEL) >= 0 &&
           q2_index(&log, WDFQ2_EV_CANCEL) < q2_index(&log, WDFQ2_EV_STOP_PURGED),
       "EvtRequestCancel, then the notification (%lu events)\n", (unsigned long)log.Count);
    q2_state(f, s);
    ok(s[0] == (WdfIoQueueAcceptRequests | WdfIoQueueNoRequests | WdfIoQueueDriverNoRequests),
       "stopped, accepting: %#lx\n", (unsigned long)s[0]);
    rc = q2_park(f);
    q2_wait_queued(f, 1);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE, NULL, 0, NULL, 0), STATUS_WDF_PAUSED);
    ok_status(q2_ctl(f, IOCTL_Q2_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    q2_expect(rc, STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* A request the driver owns and did not mark cancelable is not cancelled: stop-and-purge and
 * purge notify only once the driver completed it (Microsoft: WdfIoQueueStopAndPurge,
 * WdfIoQueuePurge). After a purge the queue refuses requests (forwarding: STATUS_WDF_BUSY). */
TEST(stop_and_purge_and_purge_wait_for_a_request_the_driver_owns)
{
    drvhost_file *f = q2_open();
    drvhost_request *ra, *rb;
    ULONG zero = 0;
    WDFQ2_LOG log;
    if (f == NULL)
        return;
    ra = q2_park(f);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE_HOLD, &zero, sizeof(zero), NULL, 0), STATUS_SUCCESS);
    q2_log(f);
    ok_status(q2_ctl(f, IOCTL_Q2_STOP_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = q2_log(f);
    ok(log.Count == 0, "not notified while the driver owns a request (%lu events)\n",
       (unsigned long)log.Count);
    ok_status(q2_ctl(f, IOCTL_Q2_RELEASE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    q2_expect(ra, STATUS_SUCCESS);
    log = q2_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ2_EV_STOP_PURGED, "notified after it (%lu)\n",
       (unsigned long)log.Count);
    ok_status(q2_ctl(f, IOCTL_Q2_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    rb = q2_park(f);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE_HOLD, &zero, sizeof(zero), NULL, 0), STATUS_SUCCESS);
    ok_status(q2_ctl(f, IOCTL_Q2_PURGE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = q2_log(f);
    ok(log.Count == 0, "purge: not notified while the driver owns a request\n");
    ok_status(q2_ctl(f, IOCTL_Q2_PARK, NULL, 0, NULL, 0), STATUS_WDF_BUSY);
    ok_status(q2_ctl(f, IOCTL_Q2_RELEASE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    q2_expect(rb, STATUS_SUCCESS);
    log = q2_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ2_EV_PURGED, "purge notified after it\n");
    ok_status(q2_ctl(f, IOCTL_Q2_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* Microsoft (WdfIoQueueStopAndPurge): after WdfIoQueueDrain (which refuses new requests) the
 * stop-and-purge makes the queue accept again. The synchronous form returns once done. */
TEST(stop_and_purge_synchronously_after_a_drain_accepts_again)
{
    drvhost_file *f = q2_open();
    drvhost_request *r;
    WDFQ2_LOG log;
    if (f == NULL)
        return;
    ok_status(q2_ctl(f, IOCTL_Q2_DRAIN, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(q2_ctl(f, IOCTL_Q2_PARK, NULL, 0, NULL, 0), STATUS_WDF_BUSY);
    q2_log(f);
    ok_status(q2_ctl(f, IOCTL_Q2_STOP_PURGE_SYNC, NULL, 0, NULL, 0), STATUS_SUCCESS);
    log = q2_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ2_EV_STOP_PURGED && log.Values[0] == 1,
       "the synchronous form returned (%lu events)\n", (unsigned long)log.Count);
    r = q2_park(f);
    q2_wait_queued(f, 1);
    ok_status(q2_ctl(f, IOCTL_Q2_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    ok_status(q2_ctl(f, IOCTL_Q2_RETRIEVE, NULL, 0, NULL, 0), STATUS_SUCCESS);
    q2_expect(r, STATUS_SUCCESS);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* Microsoft (WdfDeviceWdmDispatchIrpToIoQueue, WDF_DISPATCH_IRP_TO_IO_QUEUE_FLAGS): from
 * EvtDeviceWdmIrpPreprocess (after IoSkipCurrentIrpStackLocation, with PREPROCESSED_IRP) the
 * IRP becomes a request of the named queue; EvtIoInCallerContext sees it first only with
 * INVOKE_INCALLERCTX_CALLBACK. Undefined flags: drvhost completes the IRP with
 * STATUS_INVALID_PARAMETER. */
TEST(preprocess_dispatches_irps_to_a_queue)
{
    drvhost_file *f = q2_open();
    ULONG marker = 0xFFFFFFFF;
    WDFQ2_LOG log;
    if (f == NULL)
        return;
    q2_log(f);
    ok_status(q2_ctl(f, IOCTL_Q2_SIDE, NULL, 0, &marker, sizeof(marker)), STATUS_SUCCESS);
    ok(marker == 0, "no EvtIoInCallerContext: context %#lx\n", (unsigned long)marker);
    log = q2_log(f);
    ok(log.Count == 1 && log.Events[0] == WDFQ2_EV_SIDE && log.Values[0] == 0,
       "the side queue got it (%lu events)\n", (unsigned long)log.Count);
    ok_status(q2_ctl(f, IOCTL_Q2_SIDE_CALLER, NULL, 0, &marker, sizeof(marker)), STATUS_SUCCESS);
    ok(marker == WDFQ2_MARKER, "EvtIoInCallerContext marked it: %#lx\n", (unsigned long)marker);
    log = q2_log(f);
    ok(log.Count == 2 && log.Events[0] == WDFQ2_EV_IN_CALLER && log.Events[1] == WDFQ2_EV_SIDE,
       "in caller context, then the side queue (%lu events)\n", (unsigned long)log.Count);
    ok_status(q2_ctl(f, IOCTL_Q2_SIDE_BADFLAGS, NULL, 0, &marker, sizeof(marker)),
              STATUS_INVALID_PARAMETER);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* Microsoft (EVT_WDF_IO_QUEUE_STATE) names no lock held for the notification: a queue with
 * queue-level synchronization that stops itself and completes its request inside its
 * EvtIoDeviceControl (its lock held) still gets a notification that can take that lock. */
TEST(queue_state_notification_runs_outside_the_queues_lock)
{
    drvhost_file *f = q2_open();
    ULONG result = 0xFFFFFFFF;
    if (f == NULL)
        return;
    for (int round = 0; round < 2; round++) {
        ok_status(q2_ctl(f, IOCTL_Q2_LOCKED_STOP, NULL, 0, NULL, 0), STATUS_SUCCESS);
        ok_status(q2_ctl(f, IOCTL_Q2_LOCKED_WAIT, NULL, 0, &result, sizeof(result)),
                  STATUS_SUCCESS);
        ok(result == 1, "round %d: the notification took the queue's lock: %lu\n", round,
           (unsigned long)result);
        ok_status(q2_ctl(f, IOCTL_Q2_LOCKED_START, NULL, 0, NULL, 0), STATUS_SUCCESS);
    }
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* WdfDriverRetrieveVersionString: the framework's text (Microsoft: not to be interpreted);
 * drvhost's names itself and KMDF 1.33 (docs/wdf.md). WdfDriverIsVersionAvailable: DriverEntry's
 * checks (1.9 and 1.33 yes, 1.34 and 2.0 no, a wrong Size no). */
TEST(version_string_names_the_framework)
{
    drvhost_file *f = q2_open();
    WCHAR text[128];
    char narrow[128];
    size_t i;
    static const char expected[] = "drvhost Kernel-Mode Driver Framework 1.33 (drvhost ";
    if (f == NULL)
        return;
    memset(text, 0, sizeof(text));
    ok_status(q2_ctl(f, IOCTL_Q2_VERSION, NULL, 0, text, sizeof(text)), STATUS_SUCCESS);
    for (i = 0; i + 1 < sizeof(narrow) && text[i] != 0; i++)
        narrow[i] = (char)text[i];
    narrow[i] = '\0';
    ok(strncmp(narrow, expected, sizeof(expected) - 1) == 0 && narrow[i - 1] == ')',
       "version string '%s'\n", narrow);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfq2"), STATUS_SUCCESS);
}

/* ---- framework filters: AutoForwardCleanupClose (drivers/wdfq2pnp.c, drivers/wdfq2.inf) ---- */

#define Q2P_INF    WDF_TEST_DIR "/drivers/wdfq2.inf"
#define Q2P_IFACE  "{5a1e7c33-2b9d-4c80-914f-6d27a80e3c55}"
#define Q2P_COUNTS CTL_CODE(FILE_DEVICE_UNKNOWN, 0xC80, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Opens the function driver's interface twice under the filter of `hwid`, closes the second
 * handle, and returns what the function driver saw: creates, cleanups, closes. */
static void q2p_counts(const char *hwid, LONG counts[4])
{
    char msg[512] = "", instance[64] = "";
    drvhost_file *a = NULL, *b = NULL;
    memset(counts, 0xFF, 4 * sizeof(LONG));
    ok_status(drvhost_pnp_install(Q2P_INF, msg, sizeof msg), STATUS_SUCCESS);
    ok_status(drvhost_device_create(hwid, NULL, 0, instance, sizeof instance), STATUS_SUCCESS);
    ok_status(drvhost_open_interface(Q2P_IFACE, 0, RW, &a), STATUS_SUCCESS);
    ok_status(drvhost_open_interface(Q2P_IFACE, 0, RW, &b), STATUS_SUCCESS);
    if (a == NULL || b == NULL)
        return;
    ok_status(drvhost_close(b), STATUS_SUCCESS);
    ok_status(q2_ctl(a, Q2P_COUNTS, NULL, 0, counts, 4 * sizeof(LONG)), STATUS_SUCCESS);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
}

/* Microsoft (Framework File Objects; WDF_FILEOBJECT_CONFIG): a filter without EvtDeviceFileCreate
 * or a create queue forwards creates, and (WdfUseDefault: WdfTrue for a filter) cleanups and
 * closes, to the next lower driver. */
TEST(a_filter_forwards_creates_cleanups_and_closes_by_default)
{
    LONG c[4];
    q2p_counts("WDFQ2\\FLT_DEFAULT", c);
    ok(c[3] == 1,
       "a create queue beside EvtDeviceFileCreate: STATUS_INVALID_DEVICE_REQUEST (drvhost)\n");
    ok(c[0] == 2 && c[1] == 1 && c[2] == 1,
       "below the filter: %ld creates, %ld cleanups, %ld closes\n", (long)c[0], (long)c[1],
       (long)c[2]);
}

/* Microsoft (WDF_FILEOBJECT_CONFIG): WdfFalse: the framework completes creates, cleanups and
 * closes for the filter; the driver below sees none. */
TEST(a_filter_with_auto_forward_false_completes_file_requests_itself)
{
    LONG c[4];
    q2p_counts("WDFQ2\\FLT_FALSE", c);
    ok(c[0] == 0 && c[1] == 0 && c[2] == 0,
       "below the filter: %ld creates, %ld cleanups, %ld closes\n", (long)c[0], (long)c[1],
       (long)c[2]);
}

/* Microsoft (WDF_FILEOBJECT_CONFIG): WdfTrue with a create queue: the driver forwards the creates
 * (WdfRequestSend to its default I/O target), the framework the cleanups and closes. */
TEST(a_filter_with_a_create_queue_forwards_creates_and_the_framework_the_rest)
{
    LONG c[4];
    q2p_counts("WDFQ2\\FLT_QUEUE", c);
    ok(c[0] == 2 && c[1] == 1 && c[2] == 1,
       "below the filter: %ld creates, %ld cleanups, %ld closes\n", (long)c[0], (long)c[1],
       (long)c[2]);
}
