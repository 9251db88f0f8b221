/*
 * test_wdf_target.c - general I/O targets and driver-created requests through a framework
 * driver (drivers/wdftarget.c) over a WDM one (drivers/wdftgtlow.c): remote targets opened by
 * name and by device object, synchronous and asynchronous sends with the three kinds of
 * memory descriptors, time-outs, the target states (stop, start, purge, close), WdfRequestCreate
 * and WdfRequestReuse, and the misuse the framework reports (bug check 0x10D with the parameter
 * 1 of Microsoft's bug-check page). The driver runs each group of checks on its side (expected
 * values: the documentation) and reports how many held.
 */
#include <wdm.h>

#include "drivers/wdftarget.h"
#include "harness.h"

#include <stdint.h>
#include <string.h>

#define WDFTARGET_DEVICE "\\\\.\\WdfTarget"

static drvhost_file *open_target_driver(void)
{
    harness_load_driver("wdftgtlow");
    return harness_open_driver("wdftarget", WDFTARGET_DEVICE);
}

static void run_group(drvhost_file *f, ULONG group)
{
    WDFTARGET_RESULT r;
    memset(&r, 0, sizeof(r));
    r.Failed = 1;
    ok_status(harness_ioctl(f, IOCTL_T_RUN, &group, sizeof(group), &r, sizeof(r), NULL),
              STATUS_SUCCESS);
    ok(r.Failed == 0 && r.Checks > 0,
       "group %lu: %lu of %lu checks failed, the first at wdftarget.c:%lu\n", (unsigned long)group,
       (unsigned long)r.Failed, (unsigned long)r.Checks, (unsigned long)r.FirstLine);
}

/* The drivers loaded, one group of checks run on each open of wdftarget's device. */
static void run_groups(ULONG first, ULONG second)
{
    drvhost_file *f = open_target_driver();
    if (f == NULL)
        return;
    run_group(f, first);
    if (second != 0)
        run_group(f, second);
    drvhost_close(f);
}

/* WdfIoTargetCreate, WdfIoTargetOpen by name (the create IRP's access and share access) and by
 * device object, the WDM views, close, close for query-remove and reopen, deletion. */
TEST(remote_targets_open_by_name_and_device_object_and_close)
{
    run_groups(WDFTARGET_GROUP_OPEN, 0);
}

/* WdfIoTargetSend{Read,Write,Ioctl,InternalIoctl[Others]}Synchronously with buffer, MDL and
 * memory descriptors on buffered and direct I/O, offsets, Bytes*, time-outs (STATUS_IO_TIMEOUT);
 * then the states: stop keeps requests in the target until start; purge cancels them and
 * refuses new ones; IGNORE_TARGET_STATE; stop cancelling sent I/O; asynchronous time-outs;
 * WdfRequestCancelSentRequest; close. */
TEST(synchronous_sends_time_outs_and_target_states)
{
    run_groups(WDFTARGET_GROUP_SYNC, WDFTARGET_GROUP_STATES);
}

/* WdfRequestCreate (context, parent), Reuse (status, SET_NEW_IRP), CreateFromIrp, ChangeTarget
 * (STATUS_REQUEST_NOT_ACCEPTED), WdfRequestWdmFormatUsingStackLocation, WdfObjectDelete; formatted
 * writes and internal ioctls of memory objects. Then a request the queue delivered, formatted
 * with its own input and output memory and sent asynchronously: the target's output and
 * information reach the requester. */
TEST(driver_created_and_forwarded_requests)
{
    drvhost_file *f = open_target_driver();
    char out[16] = {0};
    drvhost_iosb iosb = {0};
    if (f == NULL)
        return;
    run_group(f, WDFTARGET_GROUP_REQUESTS);
    ok_status(harness_ioctl(f, IOCTL_T_FORWARD, "forward", 7, out, sizeof(out), &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == 7 && memcmp(out, "forward", 7) == 0, "%llu bytes '%s'\n",
       (unsigned long long)iosb.information, out);
    drvhost_close(f);
}

/* A reopen of a target never opened fails. WdfIoTargetPurgeIo does not wait for the sent request
 * it cancels (the device completes it later). Two threads canceling one sent request, completed
 * inside the first one's IoCancelIrp after the second's returned: both threads come back. */
TEST(purge_without_waiting_and_two_cancels_of_one_sent_request)
{
    run_groups(WDFTARGET_GROUP_LATER, 0);
}

#ifdef TARGET_FAULT_INJECTION
/* drvhost's low memory is its fault injection (src/os/os.h: drvhost_fault_arm, exported by
 * libdrvhost.so in builds other than Release; test_wdf_devb.c uses it the same way): the IRPs
 * are pool allocations with tag ' prI' (src/io/irp.c, "Irp " as the pool prints it). The first
 * IRP from the arming is the ioctl's, the second the one WdfRequestCreate allocates. */
#define OS_INJECT_ALLOC 0
#define TARGET_IRP_TAG  0x20707249u
void drvhost_fault_arm(int kind, unsigned n, uint32_t tag);

TEST(request_create_without_memory_for_its_irp_fails)
{
    drvhost_file *f = open_target_driver();
    if (f == NULL)
        return;
    drvhost_fault_arm(OS_INJECT_ALLOC, 2, TARGET_IRP_TAG);
    run_group(f, WDFTARGET_GROUP_NO_IRP);
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    drvhost_close(f);
}
#endif

static void misuse(ULONG what)
{
    drvhost_file *f = open_target_driver();
    if (f != NULL)
        harness_ioctl(f, IOCTL_T_MISUSE, &what, sizeof(what), NULL, 0, NULL);
    ok(0, "misuse %lu returned\n", (unsigned long)what);
}

TEST(sending_a_request_still_sent_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x6);
    misuse(WDFTARGET_MISUSE_SENT_TWICE);
}

TEST(io_target_create_without_a_handle_location_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x4);
    misuse(WDFTARGET_MISUSE_NULL_OUT);
}

TEST(io_target_routine_on_a_memory_object_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    misuse(WDFTARGET_MISUSE_WRONG_TYPE);
}

TEST(formatting_an_irp_without_a_location_left_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x6);
    misuse(WDFTARGET_MISUSE_NO_LOCATION);
}

/* ---- a target on a PnP device (wdfpnp.sys, installed from drivers/wdfpnp.inf) -------------- */

#define PNP_INF WDF_TEST_DIR "/drivers/wdfpnp.inf"
/* WDF_IO_TARGET_STATE (wdfiotarget.h; the host side does not include wdf.h) */
#define TARGET_STARTED 1
#define TARGET_CLOSED  4
#define TARGET_DELETED 5
#define PNP_INSTANCE   "ROOT\\WDFPNPTEST\\0000"

/* The device, then the target opened on its interface in `mode` (its checks: the PDO's
 * properties, an interface nobody provides). */
static drvhost_file *pnp_target(ULONG mode)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f;
    WDFTARGET_RESULT r;
    ok_status(drvhost_pnp_install(PNP_INF, msg, sizeof msg), STATUS_SUCCESS);
    ok_status(drvhost_device_create("WDFPNP\\FUNC", NULL, 0, got, sizeof got), STATUS_SUCCESS);
    f = open_target_driver();
    if (f == NULL)
        return NULL;
    memset(&r, 0, sizeof(r));
    ok_status(harness_ioctl(f, IOCTL_T_PNP_OPEN, &mode, sizeof(mode), &r, sizeof(r), NULL),
              STATUS_SUCCESS);
    ok(r.Failed == 0 && r.Checks > 0, "%lu of %lu checks failed, the first at wdftarget.c:%lu\n",
       (unsigned long)r.Failed, (unsigned long)r.Checks, (unsigned long)r.FirstLine);
    return f;
}

static WDFTARGET_PNP pnp_state(drvhost_file *f)
{
    WDFTARGET_PNP p;
    memset(&p, 0xFF, sizeof(p));
    ok_status(harness_ioctl(f, IOCTL_T_PNP_STATE, NULL, 0, &p, sizeof(p), NULL), STATUS_SUCCESS);
    return p;
}

/* WdfIoTargetQueryTargetProperty / AllocAndQueryTargetProperty (the PDO's hardware ID),
 * WdfIoTargetQueryForInterface; then an orderly removal: EvtIoTargetQueryRemove (the driver
 * closes the target for it), EvtIoTargetRemoveComplete (the driver closes it). */
TEST(a_target_on_a_pnp_device_hears_of_its_removal)
{
    drvhost_file *f = pnp_target(WDFTARGET_PNP_CALLBACKS);
    WDFTARGET_PNP p;
    if (f == NULL)
        return;
    p = pnp_state(f);
    ok(p.State == TARGET_STARTED && p.Echo == STATUS_SUCCESS, "state %lu, echo 0x%08X\n",
       (unsigned long)p.State, (unsigned)p.Echo);
    ok_status(drvhost_device_action(PNP_INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS);
    p = pnp_state(f);
    ok(p.QueryRemove == 1 && p.RemoveCanceled == 0 && p.RemoveComplete == 1 &&
           p.State == TARGET_CLOSED && p.Echo == STATUS_INVALID_DEVICE_STATE,
       "query %lu, canceled %lu, complete %lu, state %lu, echo 0x%08X\n",
       (unsigned long)p.QueryRemove, (unsigned long)p.RemoveCanceled,
       (unsigned long)p.RemoveComplete, (unsigned long)p.State, (unsigned)p.Echo);
    drvhost_close(f);
}

/* EvtIoTargetQueryRemove fails: the removal is vetoed, EvtIoTargetRemoveCanceled reopens. */
TEST(a_target_vetoing_the_removal_is_reopened_when_it_is_canceled)
{
    drvhost_file *f = pnp_target(WDFTARGET_PNP_VETO);
    WDFTARGET_PNP p;
    if (f == NULL)
        return;
    ok(drvhost_device_action(PNP_INSTANCE, DRVHOST_DEVICE_REMOVE) != STATUS_SUCCESS,
       "the removal went through\n");
    p = pnp_state(f);
    ok(p.QueryRemove == 1 && p.RemoveCanceled == 1 && p.RemoveComplete == 0 &&
           p.State == TARGET_STARTED && p.Echo == STATUS_SUCCESS,
       "query %lu, canceled %lu, complete %lu, state %lu, echo 0x%08X\n",
       (unsigned long)p.QueryRemove, (unsigned long)p.RemoveCanceled,
       (unsigned long)p.RemoveComplete, (unsigned long)p.State, (unsigned)p.Echo);
    drvhost_close(f);
}

/* Without the callbacks the framework closes the target for the removal and for good. */
TEST(without_callbacks_the_framework_closes_the_target_for_the_removal)
{
    drvhost_file *f = pnp_target(WDFTARGET_PNP_DEFAULTS);
    WDFTARGET_PNP p;
    if (f == NULL)
        return;
    ok_status(drvhost_device_action(PNP_INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS);
    p = pnp_state(f);
    ok(p.State == TARGET_DELETED && p.Echo == STATUS_INVALID_DEVICE_STATE,
       "state %lu, echo 0x%08X\n", (unsigned long)p.State, (unsigned)p.Echo);
    drvhost_close(f);
}
