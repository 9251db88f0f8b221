/*
 * test_wdf_pnp.c - framework PnP devices through the embedding API: the drivers of
 * drivers/wdfpnp.c installed from drivers/wdfpnp.inf on root-enumerated devices. The callback
 * orders are pinned by the scenarios (scenarios/pnp*.scn); here the host's view: the device
 * starts and serves I/O through its interface, a removal the driver vetoes keeps it, a removal
 * disables its interface, sleep and wake keep its queue working, a failing EvtDriverDeviceAdd
 * is problem 31, and requests the filter sends come back.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF            WDF_TEST_DIR "/drivers/wdfpnp.inf"
#define IFACE          "{8d3c1a52-6e4f-4b7a-9c21-5f0e3d2b1a90}"
#define INSTANCE       "ROOT\\WDFPNPTEST\\0000"
#define CTL(function)  ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_WP_ECHO  CTL(0xB00)
#define IOCTL_WP_WHERE CTL(0xB01)
#define IOCTL_WP_OTHER CTL(0xB02)
#define IOCTL_WP_PLAIN CTL(0xB03)
#define IOCTL_WP_VETO  CTL(0xB04)
#define IOCTL_WP_IFACE CTL(0xB06)

#define STATUS_SUCCESS_                   0x00000000
#define STATUS_DEVICE_BUSY_               ((int32_t)0x80000011)
#define STATUS_INVALID_DEVICE_REQUEST_    ((int32_t)0xC0000010)
#define STATUS_OBJECT_NAME_NOT_FOUND_     ((int32_t)0xC0000034)
#define STATUS_DEVICE_CONFIGURATION_ERROR ((int32_t)0xC0000182)

static void create(const char *hwid, int32_t expected)
{
    char msg[512] = "", got[64] = "";
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(hwid, NULL, 0, got, sizeof got), expected);
    ok(strcmp(got, INSTANCE) == 0, "instance %s, expected %s\n", got, INSTANCE);
}

static drvhost_file *open_interface(void)
{
    drvhost_file *f = NULL;
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

/* The ioctl's output must be `expected` (its length is the Information). */
static void expect_ioctl(drvhost_file *f, uint32_t code, const char *in, const char *expected)
{
    char out[32] = {0};
    drvhost_iosb iosb = {0};
    size_t in_size = in != NULL ? strlen(in) : 0;
    ok_status(harness_ioctl(f, code, in, in_size, out, sizeof out, &iosb), STATUS_SUCCESS_);
    ok(iosb.information == strlen(expected) && memcmp(out, expected, strlen(expected)) == 0,
       "ioctl 0x%x: %llu bytes '%s', expected '%s'\n", code, (unsigned long long)iosb.information,
       out, expected);
}

static char *tree_text(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    ok_status(drvhost_pnp_tree(f), STATUS_SUCCESS_);
    fclose(f);
    return text;
}

TEST(function_device_starts_serves_io_and_its_removal_disables_the_interface)
{
    drvhost_file *f, *again = NULL;
    create("WDFPNP\\FUNC", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    expect_ioctl(f, IOCTL_WP_ECHO, "framework pnp", "framework pnp");
    expect_ioctl(f, IOCTL_WP_WHERE, NULL, "fdo");
    ok_status(harness_ioctl(f, IOCTL_WP_OTHER, NULL, 0, NULL, 0, NULL),
              STATUS_INVALID_DEVICE_REQUEST_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &again), STATUS_OBJECT_NAME_NOT_FOUND_);
}

/* Microsoft (WdfDeviceSetDeviceInterfaceState): on a started device the state changes at once. */
TEST(the_driver_disables_and_enables_its_interface)
{
    drvhost_file *f, *g = NULL;
    create("WDFPNP\\FUNC", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WP_IFACE, "\0", 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &g), STATUS_OBJECT_NAME_NOT_FOUND_);
    ok_status(harness_ioctl(f, IOCTL_WP_IFACE, "\1", 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &g), STATUS_SUCCESS_);
    if (g != NULL)
        drvhost_close(g);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

TEST(a_vetoed_removal_keeps_the_device_serving_io)
{
    drvhost_file *f;
    create("WDFPNP\\FUNC", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WP_VETO, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_DEVICE_BUSY_);
    expect_ioctl(f, IOCTL_WP_WHERE, NULL, "fdo");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

TEST(sleep_and_wake_keep_the_queue_working)
{
    drvhost_file *f;
    create("WDFPNP\\FUNC", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    expect_ioctl(f, IOCTL_WP_ECHO, "awake", "awake");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

TEST(restart_stops_and_starts_the_framework_device)
{
    drvhost_file *f;
    create("WDFPNP\\FUNC", STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_RESTART), STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    expect_ioctl(f, IOCTL_WP_WHERE, NULL, "fdo");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

TEST(filter_sends_requests_to_the_device_below)
{
    drvhost_file *f;
    char out[8] = {0};
    drvhost_iosb iosb = {0};
    create("WDFPNP\\FILTERED", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    expect_ioctl(f, IOCTL_WP_ECHO, "with routine", "with routine"); /* completion routine */
    expect_ioctl(f, IOCTL_WP_WHERE, NULL, "fdo");                   /* synchronous */
    expect_ioctl(f, IOCTL_WP_PLAIN, "no routine", "no routine");    /* completed by the framework */
    ok_status(harness_ioctl(f, IOCTL_WP_OTHER, NULL, 0, NULL, 0, NULL), /* send and forget */
              STATUS_INVALID_DEVICE_REQUEST_);
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, &iosb), STATUS_SUCCESS_);
    ok(iosb.information == 3 && memcmp(out, "fdo", 3) == 0, "read through the filter: '%s'\n", out);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_UNPLUG), STATUS_SUCCESS_);
}

TEST(failing_device_add_leaves_no_device_and_is_problem_31)
{
    char *t;
    drvhost_file *f = NULL;
    create("WDFPNP\\FAILADD", STATUS_DEVICE_CONFIGURATION_ERROR);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=31 status=0xC0000182 stack: PnpManager"),
       "tree:\n%s", t != NULL ? t : "");
    free(t);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_OBJECT_NAME_NOT_FOUND_);
}

/* Microsoft (bug check 0x10D): parameter 1 0x6, parameter 2 0x3 "the driver attempted to send a
 * framework request that has already been sent to an I/O target", parameter 3 the request. */
TEST(sending_a_request_still_at_its_target_is_wdf_violation)
{
    drvhost_file *f;
    create("WDFPNP\\FILTERED", STATUS_SUCCESS_);
    f = open_interface();
    if (f == NULL)
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P2, 0x6, 0x3, 0, 0);
    harness_ioctl(f, CTL(0xB05), NULL, 0, NULL, 0, NULL);
}
