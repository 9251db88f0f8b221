/*
 * test_csq_io.c - a cancel-safe queue in a driver (csqtest.sys) through the client I/O path:
 * a parked request is cancelled with IoCancelIrp (drvhost_request_cancel) and completes with
 * STATUS_CANCELLED; parked requests are dequeued in order.
 */
#include <wdm.h>

#include "drivers/csqtest.h"
#include "harness.h"

static drvhost_file *open_csqtest(void)
{
    return harness_open_driver("csqtest", "\\\\.\\CsqTest");
}

static drvhost_io_desc ioctl_desc(ULONG code)
{
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL, .code = code};
    return d;
}

TEST(cancel_a_parked_request)
{
    drvhost_file *f = open_csqtest();
    drvhost_io_desc park = ioctl_desc(IOCTL_CSQ_QUEUE), take = ioctl_desc(IOCTL_CSQ_DEQUEUE);
    drvhost_request *req;
    drvhost_iosb iosb;
    ok_status(drvhost_io_start(f, &park, &req), STATUS_PENDING);
    ok_status(drvhost_request_wait(req, 50, &iosb), STATUS_TIMEOUT);
    ok(drvhost_request_cancel(req) == 1, "the queue's cancel routine was not called");
    ok_status(drvhost_request_wait(req, 10000, &iosb), STATUS_CANCELLED);
    drvhost_request_free(req);
    ok_status(drvhost_io(f, &take, &iosb), STATUS_NO_MORE_ENTRIES);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("csqtest"), STATUS_SUCCESS);
}

TEST(dequeue_in_order)
{
    drvhost_file *f = open_csqtest();
    drvhost_io_desc park = ioctl_desc(IOCTL_CSQ_QUEUE), take = ioctl_desc(IOCTL_CSQ_DEQUEUE);
    drvhost_request *a, *b;
    drvhost_iosb iosb;
    ok_status(drvhost_io_start(f, &park, &a), STATUS_PENDING);
    ok_status(drvhost_io_start(f, &park, &b), STATUS_PENDING);
    ok_status(drvhost_io(f, &take, &iosb), STATUS_SUCCESS);
    ok_status(drvhost_request_wait(a, 10000, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 5, "information %llu", (unsigned long long)iosb.information);
    ok_status(drvhost_request_wait(b, 0, &iosb), STATUS_TIMEOUT);
    ok(drvhost_request_cancel(b) == 1, "cancel the second");
    ok_status(drvhost_request_wait(b, 10000, &iosb), STATUS_CANCELLED);
    ok(drvhost_request_cancel(a) == 0, "a finished request has no cancel routine");
    drvhost_request_free(a);
    drvhost_request_free(b);
    drvhost_close(f);
}
