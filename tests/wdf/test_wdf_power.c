/*
 * test_wdf_power.c - the framework's power policy through the embedding API, with the driver
 * of drivers/wdfpower.c (IdleCanWakeFromS0 with a 20 ms idle time-out, wake from Sx enabled,
 * S3 and DeviceWake mapped to D2 by WdfDeviceSetPowerCapabilities) on a root-enumerated
 * device. The driver logs its callbacks; each check compares the log with the order
 * Microsoft's guides give ("A Device Enters a Low-Power State", "A Device Returns to Its
 * Working State", "Supporting Idle Power-Down", "Supporting System Wake-Up").
 * WDF_POWER_DEVICE_STATE: D2 = 3, D3 = 4, D3Final = 5; POWER_ACTION: None 0, Sleep 2.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF                     WDF_TEST_DIR "/drivers/wdfpower.inf"
#define IFACE                   "{5a0f7e21-3c4d-4b8e-a1f2-6d7c8e9f0a13}"
#define INSTANCE                "ROOT\\WDFPOWERTEST\\0000"
#define CTL(function)           ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_WPW_LOG           CTL(0xC00)
#define IOCTL_WPW_WAIT_DX       CTL(0xC01)
#define IOCTL_WPW_WAIT_D0       CTL(0xC02)
#define IOCTL_WPW_STOP_IDLE     CTL(0xC03)
#define IOCTL_WPW_RESUME_IDLE   CTL(0xC04)
#define IOCTL_WPW_SET_FAILED    CTL(0xC05)
#define IOCTL_WPW_SET_STATE     CTL(0xC06)
#define IOCTL_WPW_PNP_STATE     CTL(0xC07)
#define IOCTL_WPW_FAIL_D0ENTRY  CTL(0xC08)
#define IOCTL_WPW_KEEP_READ     CTL(0xC09)
#define IOCTL_WPW_ASSIGN_ERRORS CTL(0xC0A)
#define IOCTL_WPW_INDICATE_WAKE CTL(0xC0B)
#define IOCTL_WPW_CAPS          CTL(0xC0C)

#define STATUS_SUCCESS_               ((int32_t)0x00000000)
#define STATUS_TIMEOUT_               ((int32_t)0x00000102)
#define STATUS_PENDING_               ((int32_t)0x00000103)
#define STATUS_CANCELLED_             ((int32_t)0xC0000120)
#define STATUS_INVALID_PARAMETER_     ((int32_t)0xC000000D)
#define STATUS_INFO_LENGTH_MISMATCH_  ((int32_t)0xC0000004)
#define STATUS_POWER_STATE_INVALID_   ((int32_t)0xC00002D3)
#define STATUS_OBJECT_NAME_NOT_FOUND_ ((int32_t)0xC0000034)
#define STATUS_INVALID_DEVICE_STATE_  ((int32_t)0xC0000184)
#define WDF_DEV_STATE_PNP_STARTED     0x119u /* WdfDevStatePnpStarted */
#define WAIT_MS                       5000u  /* an upper bound, never waited in a passing run */

#define start_device() start_device_with("WDFPOWER\\IDLE")
static drvhost_file *start_device_with(const char *hwid)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f = NULL;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(hwid, NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok(strcmp(got, INSTANCE) == 0, "instance %s, expected %s\n", got, INSTANCE);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

static int32_t ioctl_u32(drvhost_file *f, uint32_t code, uint32_t in, uint32_t *out)
{
    drvhost_iosb iosb = {0};
    return harness_ioctl(f, code, &in, sizeof in, out, out != NULL ? sizeof *out : 0, &iosb);
}

/* The driver's log since the last call must be `expected`. */
#define expect_log(f, expected) expect_log_at((f), (expected), __LINE__)
static void expect_log_at(drvhost_file *f, const char *expected, int line)
{
    char out[2048] = {0};
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(f, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    ok(strcmp(out, expected) == 0, "line %d: log\n  '%s', expected\n  '%s'\n", line, out, expected);
}

/* The same, when two orders are right: a request presented when the queues restart may run
 * before or after EvtDeviceSelfManagedIoRestart (the guide orders the queues' restart, not
 * the presentation on another thread). */
#define expect_log2(f, a, b) expect_log2_at((f), (a), (b), __LINE__)
static void expect_log2_at(drvhost_file *f, const char *a, const char *b, int line)
{
    char out[2048] = {0};
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(f, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    ok(strcmp(out, a) == 0 || strcmp(out, b) == 0,
       "line %d: log\n  '%s', expected\n  '%s' or\n  '%s'\n", line, out, a, b);
}

/* A power reference (WdfDeviceStopIdle(TRUE)) and the log so far dropped: the 20 ms idle
 * time-out may or may not have passed since the start, the tests that follow need D0. */
static void hold_in_d0(drvhost_file *f)
{
    char out[2048];
    uint32_t status = 0xFFFFFFFF;
    drvhost_iosb iosb = {0};
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok(status == STATUS_SUCCESS_, "StopIdle(TRUE): 0x%08X\n", status);
    ok_status(harness_ioctl(f, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
}

static void wait_dx(drvhost_file *f)
{
    ok_status(ioctl_u32(f, IOCTL_WPW_WAIT_DX, WAIT_MS, NULL), STATUS_SUCCESS_);
}

static void expect_read(drvhost_file *f, const char *expected)
{
    char out[16] = {0};
    drvhost_iosb iosb = {0};
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, &iosb), STATUS_SUCCESS_);
    ok(strcmp(out, expected) == 0, "read '%s', expected '%s'\n", out, expected);
}

static char *tree_text(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    ok_status(drvhost_pnp_tree(out), STATUS_SUCCESS_);
    fclose(out);
    return text;
}

/* Microsoft ("Supporting Idle Power-Down"): after IdleTimeout without I/O the framework sends
 * the device to its DxState (PowerDeviceMaximum with IdleCanWakeFromS0: DeviceWake, D2),
 * arming it for wake from S0 after the queues stop; a request to a power-managed queue brings
 * it back (D0Entry from D2, disarm before the queues restart) and is presented in D0. */
TEST(the_idle_timeout_powers_the_device_down_and_a_read_brings_it_back)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
    expect_read(f, "power");
    wait_dx(f); /* idle again */
    expect_log2(f,
                "D0Entry(3) DisarmWakeFromS0 SmioRestart Read(keep0) SmioSuspend ArmWakeFromS0 "
                "D0Exit(3,action0) ",
                "D0Entry(3) DisarmWakeFromS0 Read(keep0) SmioRestart SmioSuspend ArmWakeFromS0 "
                "D0Exit(3,action0) ");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft (WdfDeviceStopIdle): WaitForD0 TRUE returns in D0; FALSE returns STATUS_PENDING
 * while the device comes back; the references nest, and the device idles again only when
 * WdfDeviceResumeIdle has matched every one. */
TEST(stop_idle_holds_the_device_in_d0_until_resume_idle_matches_it)
{
    uint32_t status = 0xFFFFFFFF;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 0, &status), STATUS_SUCCESS_);
    ok(status == (uint32_t)STATUS_PENDING_, "StopIdle(FALSE) in D2: 0x%08X\n", status);
    ok_status(ioctl_u32(f, IOCTL_WPW_WAIT_D0, WAIT_MS, NULL), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok(status == STATUS_SUCCESS_, "StopIdle(TRUE) in D0: 0x%08X\n", status);
    ok_status(ioctl_u32(f, IOCTL_WPW_WAIT_DX, 100, NULL), STATUS_TIMEOUT_); /* 5 time-outs */
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WPW_WAIT_DX, 100, NULL), STATUS_TIMEOUT_); /* one still held */
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    wait_dx(f);
    expect_log(f, "D0Entry(3) DisarmWakeFromS0 SmioRestart SmioSuspend ArmWakeFromS0 "
                  "D0Exit(3,action0) ");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* The system sleeps with the device in D0 (a power reference holds it): the D-state of S3 is
 * the capabilities' (D2, WdfDeviceSetPowerCapabilities), wake from Sx is armed after the
 * queues stop, WdfDeviceGetSystemPowerAction is PowerActionSleep in D0Exit; on wake D0Entry
 * names D2 and DisarmWakeFromSx comes before the queues restart. */
TEST(sleep_and_wake_use_the_capabilities_d_state_and_arm_for_wake_from_sx)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    expect_log(f, "SmioSuspend ArmWakeFromSx D0Exit(3,action2) D0Entry(3) DisarmWakeFromSx "
                  "SmioRestart ");
    expect_read(f, "power");
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft (PowerUpIdleDeviceOnSystemWake, default WdfFalse): a device idling in its DxState
 * sleeps and wakes without a callback and stays in DxState until I/O comes. */
TEST(an_idle_device_stays_in_its_dx_state_through_sleep_and_wake)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    expect_log(f, "");
    expect_read(f, "power");
    wait_dx(f);
    expect_log2(f,
                "D0Entry(3) DisarmWakeFromS0 SmioRestart Read(keep0) SmioSuspend ArmWakeFromS0 "
                "D0Exit(3,action0) ",
                "D0Entry(3) DisarmWakeFromS0 Read(keep0) SmioRestart SmioSuspend ArmWakeFromS0 "
                "D0Exit(3,action0) ");
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft (EvtIoStop): a request the driver keeps is shown to EvtIoStop with
 * WdfRequestStopActionSuspend (and WdfRequestStopRequestCancelable: it is cancelable) when
 * the device leaves D0; acknowledged with Requeue TRUE it goes back to the queue and is
 * presented again in D0. */
TEST(evt_io_stop_suspend_requeues_a_kept_read_presented_again_after_wake)
{
    char out[16] = {0};
    drvhost_io_desc read = {DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, 0};
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(ioctl_u32(f, IOCTL_WPW_KEEP_READ, 1, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_io_start(f, &read, &r), STATUS_PENDING_);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    ok_status(drvhost_request_wait(r, WAIT_MS, &iosb), STATUS_SUCCESS_);
    ok(strcmp(out, "power") == 0, "read '%s'\n", out);
    drvhost_request_free(r);
    expect_log2(f,
                "Read(keep1) SmioSuspend IoStop(0x10000001) ArmWakeFromSx "
                "D0Exit(3,action2) D0Entry(3) DisarmWakeFromSx Read(keep0) SmioRestart ",
                "Read(keep1) SmioSuspend IoStop(0x10000001) ArmWakeFromSx "
                "D0Exit(3,action2) D0Entry(3) DisarmWakeFromSx SmioRestart Read(keep0) ");
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft (WdfRequestStopAcknowledge, Requeue FALSE): the driver keeps the request; the
 * framework calls EvtIoResume for it when the device is back in D0. */
TEST(evt_io_resume_sees_a_read_the_driver_kept_through_sleep)
{
    char out[16] = {0};
    drvhost_io_desc read = {DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, 0};
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(ioctl_u32(f, IOCTL_WPW_KEEP_READ, 2, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_io_start(f, &read, &r), STATUS_PENDING_);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    ok_status(drvhost_request_wait(r, WAIT_MS, &iosb), STATUS_SUCCESS_);
    ok(strcmp(out, "resumed") == 0, "read '%s'\n", out);
    drvhost_request_free(r);
    expect_log(f, "Read(keep2) SmioSuspend IoStop(0x10000001) ArmWakeFromSx "
                  "D0Exit(3,action2) D0Entry(3) DisarmWakeFromSx IoResume SmioRestart ");
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft (EvtIoStop): at a surprise removal the kept request is shown with
 * WdfRequestStopActionPurge; the driver completes it. The surprise removal ends with
 * EvtDeviceSelfManagedIoFlush ("A User Unplugs a Device", step 8), before the handle closes. */
TEST(evt_io_stop_purge_at_surprise_removal)
{
    char out[16] = {0};
    drvhost_io_desc read = {DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, 0};
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(ioctl_u32(f, IOCTL_WPW_KEEP_READ, 1, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_io_start(f, &read, &r), STATUS_PENDING_);
    expect_log(f, "Read(keep1) ");
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_UNPLUG), STATUS_SUCCESS_);
    ok_status(drvhost_request_wait(r, WAIT_MS, &iosb), STATUS_CANCELLED_);
    drvhost_request_free(r);
    expect_log(f, "SurpriseRemoval IoStop(0x10000002) SmioSuspend D0Exit(5,action0) "
                  "ReleaseHardware SmioFlush ");
    drvhost_close(f);
}

/* Microsoft ("Supporting Idle Power-Down", the framework's QueryRemoveEnsureDeviceAwake
 * state): an idle device returns to D0 before EvtDeviceQueryRemove, and leaves it for
 * D3Final at the removal. */
TEST(an_orderly_removal_brings_an_idle_device_back_to_d0_first)
{
    drvhost_file *f = start_device(), *again = NULL;
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_DISABLE), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &again), STATUS_OBJECT_NAME_NOT_FOUND_);
    drvhost_close(f);
}

/* Microsoft (WdfDeviceSetFailed): the framework reports the device failed; the PnP manager
 * removes its stack (problem 43, CM_PROB_FAILED_POST_START). */
TEST(set_failed_removes_the_device_with_problem_43)
{
    char *t;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_WPW_SET_FAILED, 2 /* NoRestart */, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_); /* the PnP manager's queued work done */
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=43") != NULL, "tree:\n%s", t);
    free(t);
    drvhost_close(f);
}

/* Microsoft (EvtDeviceD0Entry): a failure when the device returns to D0 fails the device. */
TEST(a_failing_d0_entry_on_wake_fails_the_device)
{
    char *t;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(ioctl_u32(f, IOCTL_WPW_FAIL_D0ENTRY, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=43") != NULL, "tree:\n%s", t);
    free(t);
    drvhost_close(f);
}

/* WdfDeviceSetDeviceState / GetDeviceState give the same back; WdfDevStatePnpStarted while
 * started; Failed set to WdfTrue fails the device as WdfDeviceSetFailed does. */
TEST(device_state_round_trips_and_its_failed_bit_fails_the_device)
{
    char *t;
    uint32_t same = 0, state = 0;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_WPW_PNP_STATE, 0, &state), STATUS_SUCCESS_);
    ok(state == WDF_DEV_STATE_PNP_STARTED, "pnp state 0x%X\n", state);
    ok_status(ioctl_u32(f, IOCTL_WPW_SET_STATE, 2 /* WdfUseDefault */, &same), STATUS_SUCCESS_);
    ok(same == 1, "GetDeviceState differs from SetDeviceState\n");
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " started") != NULL, "tree:\n%s", t);
    free(t);
    ok_status(ioctl_u32(f, IOCTL_WPW_SET_STATE, 1 /* WdfTrue */, &same), STATUS_SUCCESS_);
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=43") != NULL, "tree:\n%s", t);
    free(t);
    drvhost_close(f);
}

/* Microsoft (WdfDeviceAssignS0IdleSettings, WdfDeviceAssignSxWakeSettings): a wrong Size is
 * STATUS_INFO_LENGTH_MISMATCH, a DxState of D0 STATUS_POWER_STATE_INVALID, an invalid IdleCaps
 * STATUS_INVALID_PARAMETER. */
/* The driver's misuse statuses (IOCTL_WPW_ASSIGN_ERRORS) must be `expected[0..n-1]`. */
static void expect_assign_errors(const char *hwid, const int32_t *expected, size_t n)
{
    int32_t got[8] = {0};
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device_with(hwid);
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WPW_ASSIGN_ERRORS, NULL, 0, got, n * sizeof *got, &iosb),
              STATUS_SUCCESS_);
    for (size_t i = 0; i < n; i++)
        ok(got[i] == expected[i], "misuse %zu: 0x%08X, expected 0x%08X\n", i, (unsigned)got[i],
           (unsigned)expected[i]);
    drvhost_close(f);
}

TEST(assigning_bad_idle_and_wake_settings_fails_with_the_documented_statuses)
{
    static const int32_t expected[5] = {STATUS_INFO_LENGTH_MISMATCH_, STATUS_POWER_STATE_INVALID_,
                                        STATUS_INVALID_PARAMETER_, STATUS_POWER_STATE_INVALID_,
                                        STATUS_INFO_LENGTH_MISMATCH_};
    expect_assign_errors("WDFPOWER\\IDLE", expected, 5);
}

/* A driver built for KMDF 1.9 (smaller idle and wake settings, WdfDeviceStopIdle without
 * tracking) idles and comes back the same way; its EvtDeviceArmWakeFromSxWithReason is called
 * (DeviceWakeEnabled TRUE, no children) instead of ArmWakeFromSx. */
TEST(a_kmdf_1_9_driver_idles_comes_back_and_arms_with_reason)
{
    drvhost_file *f = start_device_with("WDFPOWER\\IDLE9");
    uint32_t status = 0xFFFFFFFF;
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok(status == STATUS_SUCCESS_, "StopIdle(TRUE): 0x%08X\n", status);
    expect_log(f, "D0Entry(3) DisarmWakeFromS0 SmioRestart ");
    /* Microsoft: EvtDeviceArmWakeFromSxWithReason, when set, instead of ArmWakeFromSx */
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    expect_log(f, "SmioSuspend ArmWakeFromSxWithReason(1,0) D0Exit(3,action2) D0Entry(3) "
                  "DisarmWakeFromSx SmioRestart ");
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    drvhost_close(f);
}

/* Microsoft (WdfDeviceIndicateWakeStatus): STATUS_PENDING or STATUS_CANCELLED is
 * STATUS_INVALID_PARAMETER; a function driver is not the one waiting for the wake signal
 * (the bus driver is): STATUS_INVALID_DEVICE_STATE. */
TEST(indicate_wake_status_from_a_function_driver_is_refused)
{
    uint32_t status = 0;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_WPW_INDICATE_WAKE, (uint32_t)STATUS_PENDING_, &status),
              STATUS_SUCCESS_);
    ok_status((int32_t)status, STATUS_INVALID_PARAMETER_);
    ok_status(ioctl_u32(f, IOCTL_WPW_INDICATE_WAKE, (uint32_t)STATUS_CANCELLED_, &status),
              STATUS_SUCCESS_);
    ok_status((int32_t)status, STATUS_INVALID_PARAMETER_);
    ok_status(ioctl_u32(f, IOCTL_WPW_INDICATE_WAKE, STATUS_SUCCESS_, &status), STATUS_SUCCESS_);
    ok_status((int32_t)status, STATUS_INVALID_DEVICE_STATE_);
    drvhost_close(f);
}

/* Every form of the power reference routines counts the same (WdfDeviceStopIdleWithTag,
 * WdfDeviceStopIdleActual, WdfDeviceStopIdleNoTrack and their WdfDeviceResumeIdle* pairs):
 * three references hold the device in D0 until the three releases. */
TEST(every_form_of_stop_idle_and_resume_idle_counts_one_reference)
{
    uint32_t status = 0xFFFFFFFF;
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    for (uint32_t form = 1; form <= 3; form++) {
        ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, form << 8 | 1, &status), STATUS_SUCCESS_);
        ok(status == STATUS_SUCCESS_, "form %u: StopIdle(TRUE) 0x%08X\n", form, status);
    }
    for (uint32_t form = 1; form <= 3; form++) {
        ok_status(ioctl_u32(f, IOCTL_WPW_WAIT_DX, 60, NULL), STATUS_TIMEOUT_); /* 3 time-outs */
        ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, form << 8, NULL), STATUS_SUCCESS_);
    }
    wait_dx(f);
    drvhost_close(f);
}

/* Microsoft (EvtDeviceD0Entry; "A User Unplugs a Device"): a read brings the idle device back,
 * its D0Entry fails: the device fails, the PnP manager removes it, and the read that waited in
 * the power-managed queue is cancelled when the framework purges the queues (the device never
 * returned to D0). */
TEST(a_failing_return_from_idle_fails_the_device_and_cancels_the_waiting_read)
{
    char *t, out[16] = {0};
    drvhost_io_desc read = {DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, 0};
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    wait_dx(f);
    ok_status(ioctl_u32(f, IOCTL_WPW_FAIL_D0ENTRY, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_io_start(f, &read, &r), STATUS_PENDING_);
    ok_status(drvhost_request_wait(r, WAIT_MS, &iosb), STATUS_CANCELLED_);
    drvhost_request_free(r);
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=43") != NULL, "tree:\n%s", t);
    free(t);
    drvhost_close(f);
}

/* Microsoft ("A User Unplugs a Device": the framework purges the power-managed queues): a read
 * that waits in a power-managed queue while the device is out of D0 (the system sleeps) is
 * cancelled at a surprise removal, though the device never returns to D0. */
TEST(a_surprise_removal_out_of_d0_cancels_the_waiting_read)
{
    char out[16] = {0};
    drvhost_io_desc read = {DRVHOST_OP_READ, 0, NULL, 0, out, sizeof out, 0};
    drvhost_request *r = NULL;
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_io_start(f, &read, &r), STATUS_PENDING_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_UNPLUG), STATUS_SUCCESS_);
    ok_status(drvhost_request_wait(r, WAIT_MS, &iosb), STATUS_CANCELLED_);
    drvhost_request_free(r);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    drvhost_close(f);
}

/* ---- system-managed idle: the framework and PoFx (drivers/wdfpower.c with WDFPOWER_POFX) ---- */

#define STATUS_INVALID_DEVICE_REQUEST_ ((int32_t)0xC0000010)

/* Microsoft ("Supporting Single-Component Devices with Single or Multiple Functional Power
 * States"): with SystemManagedIdleTimeout the framework registers the device with PoFx after
 * the first D0 entry (EvtDeviceWdmPostPoFxRegisterDevice then); an idle power-down is the idle
 * condition, the F-state change, then the D0 exit; the return to D0 brings F0 and the active
 * condition. PoFx passes the driver's PoFxDeviceContext (its WDFDEVICE) to its callbacks. */
/* The device of `hwid` idles (log `down`), comes back for WdfDeviceStopIdle(TRUE) (`up`) and
 * idles again after WdfDeviceResumeIdle (`again`). */
static void idle_cycle(const char *hwid, const char *down, const char *up, const char *again)
{
    drvhost_file *f = start_device_with(hwid);
    uint32_t status = 0xFFFFFFFF;
    if (f == NULL)
        return;
    wait_dx(f);
    expect_log(f, down);
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok(status == STATUS_SUCCESS_, "StopIdle(TRUE): 0x%08X\n", status);
    expect_log(f, up);
    ok_status(ioctl_u32(f, IOCTL_WPW_RESUME_IDLE, 0, NULL), STATUS_SUCCESS_);
    wait_dx(f);
    expect_log(f, again);
    drvhost_close(f);
}

TEST(system_managed_idle_registers_with_pofx_and_idles_the_component_first)
{
    idle_cycle("WDFPOWER\\POFX",
               "D0Entry(5) SmioInit PostPoFxRegister IdleCondition(0) F1(0) SmioSuspend "
               "ArmWakeFromS0 D0Exit(3,action0) ",
               "D0Entry(3) DisarmWakeFromS0 F0(0) Active(0) SmioRestart ",
               "IdleCondition(0) F1(0) SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
}

/* Microsoft (WdfDeviceWdmAssignPowerFrameworkSettings): a wrong Size is
 * STATUS_INFO_LENGTH_MISMATCH, an invalid setting (a component without idle states)
 * STATUS_INVALID_PARAMETER. A second call is a verifier error on Windows; drvhost refuses it
 * with STATUS_INVALID_DEVICE_REQUEST (a deviation, docs/wdf.md). */
TEST(assigning_bad_power_framework_settings_fails_with_the_documented_statuses)
{
    /* [0..4] are the idle and wake settings' misuses, as above */
    static const int32_t expected[8] = {
        STATUS_INFO_LENGTH_MISMATCH_, STATUS_POWER_STATE_INVALID_,   STATUS_INVALID_PARAMETER_,
        STATUS_POWER_STATE_INVALID_,  STATUS_INFO_LENGTH_MISMATCH_,  STATUS_INFO_LENGTH_MISMATCH_,
        STATUS_INVALID_PARAMETER_,    STATUS_INVALID_DEVICE_REQUEST_};
    expect_assign_errors("WDFPOWER\\POFX", expected, 8);
}

/* Without WdfDeviceWdmAssignPowerFrameworkSettings the framework registers an F0-only
 * component and answers PoFx itself: the device idles and comes back as a driver-managed one
 * does (the guide: the settings are optional for a single F-state). */
TEST(system_managed_idle_without_settings_idles_with_the_frameworks_own_callbacks)
{
    idle_cycle(
        "WDFPOWER\\POFX2", "D0Entry(5) SmioInit SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ",
        "D0Entry(3) DisarmWakeFromS0 SmioRestart ", "SmioSuspend ArmWakeFromS0 D0Exit(3,action0) ");
}

/* The device header's comment on EvtDeviceWdmPostPoFxRegisterDevice: its failure fails the
 * start (the device is left with a problem code, its interface never enabled). */
TEST(a_failing_post_pofx_register_callback_fails_the_start)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f = NULL;
    char *t;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    drvhost_device_create("WDFPOWER\\POFX3", NULL, 0, got, sizeof got);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_OBJECT_NAME_NOT_FOUND_);
    t = tree_text();
    ok(t != NULL && strstr(t, INSTANCE " failed problem=") != NULL, "tree:\n%s", t);
    free(t);
}

/* The removal: EvtDeviceWdmPrePoFxUnregisterDevice with the registration's handle, after the
 * device left D0 for good (two devices of the driver: the second one's device controls read
 * the log the first one's removal left, the driver staying loaded). */
TEST(the_removal_calls_pre_pofx_unregister_with_the_handle)
{
    char msg[512] = "", got[64] = "", out[2048] = {0};
    drvhost_file *f = start_device_with("WDFPOWER\\POFX"), *second = NULL;
    drvhost_iosb iosb = {0};
    uint32_t status = 0xFFFFFFFF;
    const char *tail;
    if (f == NULL)
        return;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create("WDFPOWER\\POFX", NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 1, 0xC0000000u, &second), STATUS_SUCCESS_);
    if (second == NULL)
        return;
    ok_status(ioctl_u32(second, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WPW_STOP_IDLE, 1, &status), STATUS_SUCCESS_);
    ok_status(harness_ioctl(f, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    drvhost_close(f);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    memset(out, 0, sizeof out);
    ok_status(harness_ioctl(second, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    tail = strstr(out, "ReleaseHardware ");
    ok(tail != NULL && strcmp(tail, "ReleaseHardware SmioFlush PrePoFxUnregister ") == 0,
       "log '%s'\n", out);
    drvhost_close(second);
}

/* Microsoft (WdfDeviceWdmAssignPowerFrameworkSettings: "a device can start more than once"):
 * the registration is the first start's; a stop and start again (rebalance) keeps it, no
 * second EvtDeviceWdmPostPoFxRegisterDevice. */
TEST(a_restarted_device_stays_registered_with_pofx)
{
    char out[2048] = {0};
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device_with("WDFPOWER\\POFX");
    if (f == NULL)
        return;
    hold_in_d0(f);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_RESTART), STATUS_SUCCESS_);
    ok_status(harness_ioctl(f, IOCTL_WPW_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    ok(strstr(out, "D0Entry(5)") != NULL && strstr(out, "PostPoFxRegister") == NULL &&
           strstr(out, "PrePoFxUnregister") == NULL,
       "log '%s'\n", out);
    drvhost_close(f);
}

/* Microsoft (WdfDeviceSetPowerCapabilities reports the device's power capabilities; with several
 * drivers calling it the highest one's values are used): the stack's answer to
 * IRP_MN_QUERY_CAPABILITIES carries the driver's S3 mapping and DeviceWake, D2 (3). */
TEST(the_capabilities_query_reports_the_drivers_power_capabilities)
{
    drvhost_file *f = start_device();
    uint32_t out[3] = {~0u, ~0u, ~0u};
    drvhost_iosb iosb = {0};
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WPW_CAPS, NULL, 0, out, sizeof out, &iosb), STATUS_SUCCESS_);
    ok(out[0] == 0 && out[1] == 3 && out[2] == 3, "status 0x%08X, S3 -> D%d, DeviceWake D%d\n",
       out[0], (int)out[1] - 1, (int)out[2] - 1);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}
