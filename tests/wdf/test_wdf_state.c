/*
 * test_wdf_state.c - the framework's state machines' states as drvhost reports them
 * (WdfDeviceGetDevicePnpState / PowerState / PowerPolicyState, WdfDeviceInitRegister{Pnp,
 * Power,PowerPolicy}StateChangeCallback) and WdfDeviceInitSetRemoveLockOptions, with the
 * driver of drivers/wdfstate.c on root-enumerated devices. Expected values: the documented
 * state values of wdfdevice.h's reference pages; the order of a change's notifications is
 * the WDF_STATE_NOTIFICATION_TYPE page's (leave a, enter b, the state changes, post-process b);
 * which states drvhost's path passes through is its mapping (docs/wdf.md, "The framework's
 * state machines' states"). The log's entries: wdfstate.c's header.
 *
 * States (hex): PnP Init 105, InitStarting 106, HardwareAvailable 108, EnableInterfaces 109,
 * Started 119, QueryRemovePending 10C, RemovingDisableInterfaces 117, Removed 113, Final 135;
 * power ObjectCreated 300, D0 307, D0Starting 30F, GotoDx 31A, Dx 31F, Waking 333, GotoStopped
 * 34B, Stopped 315, Final 351; power policy ObjectCreated 500, Starting 501, StartedIdleCapable
 * 505, TimerExpiredNoWake 506, WaitingUnarmed 508, S0NoWakePowerUp 50A, Stopping 55B, Stopped
 * 563, Removed 58E, Final 574. WDF_POWER_DEVICE_STATE: D3 4, D3Final 5.
 */
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define INF                 WDF_TEST_DIR "/drivers/wdfstate.inf"
#define IFACE               "{3d8c41e7-95a2-4f06-b1c3-7e2a5d9f0b64}"
#define HWID                "WDFSTATE\\DEV"
#define CTL(function)       ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_WST_WHO       CTL(0xC00)
#define IOCTL_WST_LOG       CTL(0xC01)
#define IOCTL_WST_WAIT_IDLE CTL(0xC02)
#define IOCTL_WST_MODE      CTL(0xC03)
#define IOCTL_WST_INVALID   CTL(0xC04)
#define IOCTL_WST_HELD      CTL(0xC05)
#define IOCTL_WST_RELEASE   CTL(0xC06)
#define IOCTL_WST_STATES    CTL(0xC07)
#define IOCTL_WST_HOLD      CTL(0xC08)
#define MODE_LATE           1u
#define MODE_LOCK           2u
#define MODE_PLAIN          3u
#define MODE_NO_IDLE        4u
#define MODE_FAIL           5u

#define STATUS_SUCCESS_           ((int32_t)0x00000000)
#define STATUS_INVALID_PARAMETER_ ((int32_t)0xC000000D)
#define STATUS_DELETE_PENDING_    ((int32_t)0xC0000056)
#define STATUS_CANCELLED_         ((int32_t)0xC0000120)
#define WAIT_MS                   5000u /* an upper bound, never waited in a passing run */

/* The log keeper, the driver's device 0, created first and opened (NULL: a failed check). */
static drvhost_file *keeper(void)
{
    char msg[512] = "", instance[64];
    drvhost_file *f = NULL;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(HWID, NULL, 0, instance, sizeof instance), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

static int32_t ioctl_u32(drvhost_file *f, uint32_t code, uint32_t in, uint32_t *out)
{
    return harness_ioctl(f, code, &in, sizeof in, out, out != NULL ? sizeof *out : 0, NULL);
}

/* The driver's device `number`: the interface whose IOCTL_WST_WHO says so (NULL: a failed
 * check). */
static drvhost_file *open_number(uint32_t number)
{
    for (unsigned i = 0; i < 4; i++) {
        drvhost_file *f = NULL;
        uint32_t who = ~0u;
        if (drvhost_open_interface(IFACE, i, 0xC0000000u, &f) != STATUS_SUCCESS_)
            break;
        if (harness_ioctl(f, IOCTL_WST_WHO, NULL, 0, &who, sizeof who, NULL) == STATUS_SUCCESS_ &&
            who == number)
            return f;
        drvhost_close(f);
    }
    ok(0, "device %u not found\n", number);
    return NULL;
}

#define expect_log(f, expected) expect_log_at((f), (expected), __LINE__)
static void expect_log_at(drvhost_file *f, const char *expected, int line)
{
    char out[4096] = {0};
    ok_status(harness_ioctl(f, IOCTL_WST_LOG, NULL, 0, out, sizeof out - 1, NULL), STATUS_SUCCESS_);
    ok(strcmp(out, expected) == 0, "line %d: log\n  '%s', expected\n  '%s'\n", line, out, expected);
}

/* The states device's instance (the driver's device 1, created after the keeper). */
static void create_device(char instance[64])
{
    ok_status(drvhost_device_create(HWID, NULL, 0, instance, 64), STATUS_SUCCESS_);
}

/* Microsoft (WDF_STATE_NOTIFICATION_TYPE, the Register routines, the getters): each
 * registered state's notifications of the types asked for, in the documented order, with the
 * getter giving the current state until the change; the states follow drvhost's path through
 * a start, an idle power-down (IdleCannotWakeFromS0, 100 ms), the return to D0 for a request,
 * and an orderly removal. The log keeper outlives the device, so its removal can be read. */
TEST(state_callbacks_follow_start_idle_wake_and_removal)
{
    drvhost_file *k = keeper(), *f = NULL;
    char instance[64];
    uint32_t states[3] = {0}, disable = 1;
    if (k == NULL)
        return;
    create_device(instance);
    ok_status(ioctl_u32(k, IOCTL_WST_WAIT_IDLE, WAIT_MS, NULL), STATUS_SUCCESS_);
    expect_log(k, "Pl105>106 Pe105>106 Pp106 Ye500>501 prep Pl106>108 Pe106>108 Pp108 "
                  "We300>30F d0in5 We30F>307 Wp307 Pl108>109 Pe108>109 Pp109 Ye501>505 "
                  "Pl109>119 Pe109>119 "
                  "Ye505>506 Wl307>31A We307>31A d0out4 We31A>31F Ye506>508");
    /* A device control returns the device to D0 (its queue is power-managed); the getters
     * in the request: started, in D0; the policy may not have finished its power-up yet. */
    for (unsigned i = 0; i < 4 && f == NULL; i++) {
        drvhost_file *g = NULL;
        if (drvhost_open_interface(IFACE, i, 0xC0000000u, &g) != STATUS_SUCCESS_)
            break;
        if (harness_ioctl(g, IOCTL_WST_STATES, &disable, sizeof disable, states, sizeof states,
                          NULL) == STATUS_SUCCESS_)
            f = g;
        else
            drvhost_close(g);
    }
    ok(f != NULL, "no device answered IOCTL_WST_STATES\n");
    ok(states[0] == 0x119 && states[1] == 0x307 && (states[2] == 0x50A || states[2] == 0x505),
       "getters in D0: %X %X %X\n", states[0], states[1], states[2]);
    if (f != NULL)
        ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    expect_log(k, "Ye508>50A We31F>333 d0in4 We333>307 Wp307 Ye50A>505 "
                  "Pl119>10C Pe119>10C Pp10C Pl10C>117 Pe10C>117 Pp117 Ye505>55B "
                  "Wl307>34B We307>34B d0out5 We34B>315 rel Ye55B>563 Ye563>58E "
                  "Pl117>113 Pe117>113 Pp113 We315>351 Ye58E>574 Pl113>135 Pe113>135");
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* Microsoft (the Register routines): STATUS_INVALID_PARAMETER for an invalid parameter: a
 * state outside the machine's (Invalid, Null, another machine's), callback types none or
 * undefined, no callback (drvhost's reading). A non-pageable state is one of the machine's;
 * WdfDevStateIsNP and WdfDevStateNormalize take the NP bit (the driver checks them). */
TEST(invalid_registrations_are_status_invalid_parameter)
{
    drvhost_file *k = keeper();
    char instance[64];
    int32_t got[9];
    if (k == NULL)
        return;
    create_device(instance);
    memset(got, 0xEE, sizeof got);
    ok_status(harness_ioctl(k, IOCTL_WST_INVALID, NULL, 0, got, sizeof got, NULL), STATUS_SUCCESS_);
    for (int i = 0; i < 7; i++)
        ok(got[i] == STATUS_INVALID_PARAMETER_, "registration %d: 0x%08X\n", i, (unsigned)got[i]);
    ok(got[7] == STATUS_SUCCESS_, "WdfDevStatePowerD0NP: 0x%08X\n", (unsigned)got[7]);
    ok(got[8] == STATUS_SUCCESS_, "WdfDevStateIsNP / WdfDevStateNormalize: 0x%08X\n",
       (unsigned)got[8]);
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* Microsoft (the Register routines: before WdfDeviceCreate, which sets DeviceInit to NULL):
 * a registration after it passes NULL: WDF_VIOLATION, parameter 1 0x4 (a NULL parameter). */
TEST(registering_after_wdf_device_create_is_wdf_violation)
{
    drvhost_file *k = keeper();
    char instance[64];
    if (k == NULL)
        return;
    ok_status(ioctl_u32(k, IOCTL_WST_MODE, MODE_LATE, NULL), STATUS_SUCCESS_);
    expect_bugcheck_params(0x10D, BUGCHECK_P1, 0x4, 0, 0, 0);
    drvhost_device_create(HWID, NULL, 0, instance, sizeof instance);
}

/* A restart (QUERY_STOP, STOP, START) and a surprise removal of a device without idle
 * settings (power policy Started): the PnP states of drvhost's stop and surprise-removal
 * paths; the removal after a surprise removal stops nothing again. StartedStopping 120,
 * Stopped 11E, StartingFromStopped 11D, QueryStopPending 110, SurpriseRemove 121; power
 * policy Started 565. */
TEST(state_callbacks_follow_restart_and_surprise_removal)
{
    drvhost_file *k = keeper();
    char instance[64];
    if (k == NULL)
        return;
    ok_status(ioctl_u32(k, IOCTL_WST_MODE, MODE_NO_IDLE, NULL), STATUS_SUCCESS_);
    create_device(instance);
    expect_log(k, "Pl105>106 Pe105>106 Pp106 Ye500>501 prep Pl106>108 Pe106>108 Pp108 "
                  "We300>30F d0in5 We30F>307 Wp307 Pl108>109 Pe108>109 Pp109 Ye501>565 "
                  "Pl109>119 Pe109>119");
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_RESTART), STATUS_SUCCESS_);
    expect_log(k, "Pl119>110 Pe119>110 Pp110 Pl110>120 Pe110>120 Ye565>55B Wl307>34B "
                  "We307>34B d0out5 We34B>315 rel Ye55B>563 Pe120>11E "
                  "Pe11E>11D Ye563>501 prep Pe11D>108 Pp108 We315>30F d0in5 We30F>307 Wp307 "
                  "Pl108>109 Pe108>109 Pp109 Ye501>565 Pl109>119 Pe109>119");
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_UNPLUG), STATUS_SUCCESS_);
    expect_log(k, "Pl119>121 Pe119>121 Ye565>55B Wl307>34B We307>34B d0out5 We34B>315 rel "
                  "Ye55B>563 Pe121>117 Pp117 Ye563>58E Pl117>113 Pe117>113 Pp113 We315>351 "
                  "Ye58E>574 Pl113>135 Pe113>135");
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* Surprise-removed while idle in Dx (no query brings it back to D0): the power machine goes
 * from Dx to DxStopped (34A), no D0Exit again; the hardware is released. */
TEST(unplugged_while_idle_the_power_state_is_dx_stopped)
{
    drvhost_file *k = keeper();
    char instance[64], log[4096];
    if (k == NULL)
        return;
    create_device(instance);
    ok_status(ioctl_u32(k, IOCTL_WST_WAIT_IDLE, WAIT_MS, NULL), STATUS_SUCCESS_);
    ok_status(harness_ioctl(k, IOCTL_WST_LOG, NULL, 0, log, sizeof log - 1, NULL),
              STATUS_SUCCESS_); /* the start and the idle power-down: the first test's */
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_UNPLUG), STATUS_SUCCESS_);
    expect_log(k, "Pl119>121 Pe119>121 Ye508>55B We31F>34A rel Ye55B>563 Pe121>117 Pp117 "
                  "Ye563>58E Pl117>113 Pe117>113 Pp113 We34A>351 Ye58E>574 Pl113>135 Pe113>135");
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* A start that fails in EvtDevicePrepareHardware: PnP Failed (12B), power policy
 * StartingFailed (503); the PnP manager removes the stack (docs/pnp.md). The power machine
 * never left ObjectCreated. */
TEST(a_failed_start_reports_failed_states)
{
    drvhost_file *k = keeper();
    char instance[64];
    if (k == NULL)
        return;
    ok_status(ioctl_u32(k, IOCTL_WST_MODE, MODE_FAIL, NULL), STATUS_SUCCESS_);
    ok(drvhost_device_create(HWID, NULL, 0, instance, sizeof instance) < 0, "started\n");
    expect_log(k, "Pl105>106 Pe105>106 Pp106 Ye500>501 prepfail Ye501>503 Pl106>12B Pe106>12B "
                  "Pe12B>117 Pp117 Ye503>55B Ye55B>563 Ye563>58E Pl117>113 Pe117>113 Pp113 "
                  "We300>351 Ye58E>574 Pl113>135 Pe113>135");
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* ---- WdfDeviceInitSetRemoveLockOptions ----------------------------------------------------- */

struct held_io {
    drvhost_file *f;
    int32_t status;
};

static void *hold_thread(void *arg)
{
    struct held_io *h = arg;
    h->status = harness_ioctl(h->f, IOCTL_WST_HOLD, NULL, 0, NULL, 0, NULL);
    return NULL;
}

struct removal {
    const char *instance;
    int32_t status;
    int done; /* atomic */
};

static void *remove_thread(void *arg)
{
    struct removal *r = arg;
    r->status = drvhost_device_action(r->instance, DRVHOST_DEVICE_REMOVE);
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

static void sleep_ms(unsigned ms)
{
    struct timespec t = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

/* A device of `mode` whose request IOCTL_WST_HOLD the driver keeps: the held I/O runs in
 * h's thread (joined by the caller); FALSE with a failed check when it is not held. */
static int hold_one(drvhost_file *k, uint32_t mode, char instance[64], struct held_io *h,
                    pthread_t *t)
{
    uint32_t held = 0;
    ok_status(ioctl_u32(k, IOCTL_WST_MODE, mode, NULL), STATUS_SUCCESS_);
    create_device(instance);
    h->f = open_number(1);
    if (h->f == NULL)
        return 0;
    pthread_create(t, NULL, hold_thread, h);
    for (unsigned waited = 0; waited < WAIT_MS && !held; waited += 5) {
        ok_status(harness_ioctl(k, IOCTL_WST_HELD, NULL, 0, &held, sizeof held, NULL),
                  STATUS_SUCCESS_);
        if (!held)
            sleep_ms(5);
    }
    ok(held, "the request was not held\n");
    return held;
}

/* Microsoft (WdfDeviceInitSetRemoveLockOptions, "Using Remove Locks"): with
 * ACQUIRE_FOR_IO the framework holds a remove lock for each I/O request until it completes,
 * so the removal waits for the one in flight; once the removal began, new I/O fails with
 * STATUS_DELETE_PENDING (the lock's status). */
TEST(remove_waits_for_a_request_in_flight_with_the_remove_lock_option)
{
    drvhost_file *k = keeper(), *g = NULL;
    char instance[64];
    struct held_io h = {0};
    struct removal r = {0};
    pthread_t ht, rt;
    int32_t status = STATUS_SUCCESS_;
    if (k == NULL || !hold_one(k, MODE_LOCK, instance, &h, &ht))
        return;
    g = open_number(1); /* a second handle: the first one's I/O is held */
    r.instance = instance;
    pthread_create(&rt, NULL, remove_thread, &r);
    for (unsigned waited = 0; waited < WAIT_MS && status != STATUS_DELETE_PENDING_; waited += 5) {
        uint32_t who;
        status = harness_ioctl(g != NULL ? g : h.f, IOCTL_WST_WHO, NULL, 0, &who, sizeof who, NULL);
        if (status != STATUS_DELETE_PENDING_)
            sleep_ms(5);
    }
    ok(status == STATUS_DELETE_PENDING_, "new I/O during the removal: 0x%08X\n", (unsigned)status);
    sleep_ms(50);
    ok(!__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), "the removal did not wait for the request\n");
    ok_status(harness_ioctl(k, IOCTL_WST_RELEASE, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    pthread_join(ht, NULL);
    pthread_join(rt, NULL);
    ok(h.status == STATUS_SUCCESS_, "the held request: 0x%08X\n", (unsigned)h.status);
    ok(r.status == STATUS_SUCCESS_, "the removal: 0x%08X\n", (unsigned)r.status);
    expect_log(k, "prep d0in5 held released d0out5 rel");
    if (g != NULL)
        drvhost_close(g);
    drvhost_close(h.f);
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}

/* Without the option the removal does not wait: the framework stops the device's queues with
 * the purge action (Microsoft: EvtIoStop), and the driver completes the request it held. */
TEST(without_the_remove_lock_option_remove_does_not_wait)
{
    drvhost_file *k = keeper();
    char instance[64];
    struct held_io h = {0};
    pthread_t ht;
    if (k == NULL || !hold_one(k, MODE_PLAIN, instance, &h, &ht))
        return;
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    pthread_join(ht, NULL);
    ok(h.status == STATUS_CANCELLED_, "the held request: 0x%08X\n", (unsigned)h.status);
    expect_log(k, "prep d0in5 held stop d0out5 rel");
    drvhost_close(h.f);
    ok_status(drvhost_close(k), STATUS_SUCCESS_);
}
