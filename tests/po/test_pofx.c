/*
 * test_pofx.c - the runtime power management framework (src/po/fx.c, docs/power.md) and power
 * setting callbacks (src/po/setting.c). The test plays a function driver: it registers the
 * PDO of a potest stack with PoFx, as a 2-component device (component 0 with F0-F2, component
 * 1 with F0-F1), and logs each PoFx callback as a token:
 *   "A<c>" ComponentActiveConditionCallback, "I<c>" ComponentIdleConditionCallback,
 *   "F<c>><s>" ComponentIdleStateCallback (component c to Fs), "R" DevicePowerRequired,
 *   "N" DevicePowerNotRequired.
 * The expected orders are those of the PoFxRegisterDevice, PoFxActivateComponent,
 * PoFxIdleComponent and PoFxSetDeviceIdleTimeout pages; the F-states chosen follow drvhost's
 * policy as the PEP (the deepest state the limits allow).
 */
#include <wdm.h>

#include "harness.h"

#include "drivers/potest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int32_t drvhost_po_power_setting(const void *guid, const void *value, uint32_t length);
int32_t drvhost_test_pnp_node(void *parent_pdo, void *pdo, const char *instance_id, int started);
void drvhost_test_pnp_node_free(void *pdo);
int32_t drvhost_po_system_sleep(uint32_t s_state);
int32_t drvhost_po_system_wake(void);

/* Which requests the callbacks complete themselves (from inside the callback). */
#define AUTO_IDLE_COND    0x1
#define AUTO_IDLE_STATE   0x2
#define AUTO_NOT_REQUIRED 0x4
#define AUTO_POWERED_ON   0x8
#define AUTO_ALL          0xF

static struct {
    KSPIN_LOCK lock;
    char text[1024];
    ULONG autos;
    POHANDLE handle;
    PDEVICE_OBJECT pdo;
    PKTHREAD caller; /* the thread calling PoFx; a callback elsewhere logs "*" after its token */
} g;

static void log_token(const char *fmt, ULONG a, ULONG b)
{
    char one[32];
    KIRQL irql;
    snprintf(one, sizeof(one), fmt, a, b);
    if (KeGetCurrentThread() != g.caller)
        strcat(one, "*");
    KeAcquireSpinLock(&g.lock, &irql);
    if (g.text[0] != '\0')
        strcat(g.text, " ");
    strcat(g.text, one);
    KeReleaseSpinLock(&g.lock, irql);
}

static char *log_take(void)
{
    static char copy[sizeof(g.text)];
    KIRQL irql;
    KeAcquireSpinLock(&g.lock, &irql);
    strcpy(copy, g.text);
    g.text[0] = '\0';
    KeReleaseSpinLock(&g.lock, irql);
    return copy;
}

static VOID ActiveCondition(PVOID Context, ULONG Component)
{
    ok(Context == &g, "active: context %p\n", Context);
    log_token("A%lu", Component, 0);
}

static VOID IdleCondition(PVOID Context, ULONG Component)
{
    (void)Context;
    log_token("I%lu", Component, 0);
    if (g.autos & AUTO_IDLE_COND)
        PoFxCompleteIdleCondition(g.handle, Component);
}

static VOID IdleState(PVOID Context, ULONG Component, ULONG State)
{
    (void)Context;
    log_token("F%lu>%lu", Component, State);
    if (g.autos & AUTO_IDLE_STATE)
        PoFxCompleteIdleState(g.handle, Component);
}

static VOID PowerRequired(PVOID Context)
{
    (void)Context;
    log_token("R", 0, 0);
    if (g.autos & AUTO_POWERED_ON)
        PoFxReportDevicePoweredOn(g.handle);
}

static VOID PowerNotRequired(PVOID Context)
{
    (void)Context;
    log_token("N", 0, 0);
    if (g.autos & AUTO_NOT_REQUIRED)
        PoFxCompleteDevicePowerNotRequired(g.handle);
}

/* F0; F1 (latency 10 us, residency 100 us); F2 (latency 1 ms, residency 10 ms). */
static PO_FX_COMPONENT_IDLE_STATE g_states[3] = {
    {0, 0, 1000}, {100, 1000, 100}, {10000, 100000, PO_FX_UNKNOWN_POWER}};

/* The callbacks have the same names in PO_FX_DEVICE_V1 and _V2. */
#define SET_CALLBACKS(dev)                                                                         \
    do {                                                                                           \
        (dev).ComponentActiveConditionCallback = ActiveCondition;                                  \
        (dev).ComponentIdleConditionCallback = IdleCondition;                                      \
        (dev).ComponentIdleStateCallback = IdleState;                                              \
        (dev).DevicePowerRequiredCallback = PowerRequired;                                         \
        (dev).DevicePowerNotRequiredCallback = PowerNotRequired;                                   \
        (dev).DeviceContext = &g;                                                                  \
    } while (0)

struct two_comp {
    PO_FX_DEVICE_V1 dev;
    PO_FX_COMPONENT_V1 more[1];
};

static struct two_comp device_v1(void)
{
    struct two_comp d;
    memset(&d, 0, sizeof(d));
    d.dev.Version = PO_FX_VERSION_V1;
    d.dev.ComponentCount = 2;
    SET_CALLBACKS(d.dev);
    PO_FX_COMPONENT_V1 *c = d.dev.Components; /* ANYSIZE_ARRAY: 2 elements here */
    c[0].IdleStateCount = 3;
    c[0].DeepestWakeableIdleState = 1;
    c[0].IdleStates = g_states;
    c[1].IdleStateCount = 2;
    c[1].IdleStates = g_states;
    return d;
}

static PO_FX_COMPONENT_V1 *comp1(struct two_comp *d)
{
    PO_FX_COMPONENT_V1 *c = d->dev.Components;
    return &c[1];
}

static drvhost_file *g_file;

/* The PDO of a potest stack. */
static PDEVICE_OBJECT setup(ULONG autos)
{
    struct potest_build_in in = {1, 0, 0};
    struct potest_build_out out = {0};
    memset(&g, 0, sizeof(g));
    KeInitializeSpinLock(&g.lock);
    g.autos = autos;
    g.caller = KeGetCurrentThread();
    g_file = harness_open_driver("potest", "\\\\.\\PoTest");
    ok_status(harness_ioctl(g_file, IOCTL_POTEST_BUILD, &in, sizeof(in), &out, sizeof(out), NULL),
              STATUS_SUCCESS);
    return (PDEVICE_OBJECT)(ULONG_PTR)out.pdo;
}

static void setup_registered(ULONG autos)
{
    PDEVICE_OBJECT pdo = setup(autos);
    struct two_comp d = device_v1();
    g.pdo = pdo;
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &g.handle), STATUS_SUCCESS);
}

static void teardown(void)
{
    PoFxUnregisterDevice(g.handle);
    drvhost_close(g_file);
}

#define ok_log(expected)                                                                           \
    do {                                                                                           \
        const char *got_ = log_take();                                                             \
        ok(strcmp(got_, (expected)) == 0, "log \"%s\", expected \"%s\"\n", got_, (expected));      \
    } while (0)

/* ---- registration ---------------------------------------------------------------------------- */

TEST(pofx_register_refuses_what_its_page_names)
{
    PDEVICE_OBJECT pdo = setup(AUTO_ALL);
    struct two_comp d = device_v1();
    POHANDLE h = NULL;
    PO_FX_COMPONENT_IDLE_STATE bad_f0[2] = {{1, 0, 0}, {0, 0, 0}};
    ok_status(PoFxRegisterDevice(NULL, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d.dev.Version = 0;
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d = device_v1();
    d.dev.ComponentCount = 0;
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d = device_v1();
    comp1(&d)->IdleStateCount = 0;
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d = device_v1();
    comp1(&d)->IdleStates = bad_f0; /* F0 must have no latency and no residency */
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d = device_v1();
    d.dev.Components[0].DeepestWakeableIdleState = 3; /* beyond F2 */
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    d = device_v1();
    d.dev.DevicePowerRequiredCallback = NULL; /* drvhost's choice: all five are needed */
    harness_stderr_begin();
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &h), STATUS_INVALID_PARAMETER);
    free(harness_stderr_end());
    ok(h == NULL, "a refused registration wrote the handle\n");
    ok_log(""); /* no callback for any of them */
    drvhost_close(g_file);
}

TEST(pofx_v2_device_registers_and_reads_its_components)
{
    PDEVICE_OBJECT pdo = setup(AUTO_ALL);
    struct {
        PO_FX_DEVICE_V2 dev;
        PO_FX_COMPONENT_V2 more[1];
    } d;
    memset(&d, 0, sizeof(d));
    d.dev.Version = PO_FX_VERSION_V2;
    d.dev.ComponentCount = 2;
    SET_CALLBACKS(d.dev);
    PO_FX_COMPONENT_V2 *c = d.dev.Components; /* ANYSIZE_ARRAY: 2 elements here */
    for (int i = 0; i < 2; i++)
        c[i].IdleStateCount = 3, c[i].IdleStates = g_states;
    c[1].IdleStateCount = 2;
    ok_status(PoFxRegisterDevice(pdo, (PPO_FX_DEVICE)&d.dev, &g.handle), STATUS_SUCCESS);
    ok_log(""); /* registered fully on and active: nothing to say */
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1 N");
    teardown();
}

/* ---- conditions and F-states ----------------------------------------------------------------- */

TEST(pofx_start_idles_the_components_the_driver_did_not_activate)
{
    setup_registered(AUTO_ALL);
    PoFxActivateComponent(g.handle, 1, 0); /* before start: stays active (its page) */
    ok_log("");
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2"); /* component 1 is still referenced: the device stays on */
    PoFxIdleComponent(g.handle, 1, 0);
    ok_log("I1 F1>1 N");
    PoFxActivateComponent(g.handle, 0, 0); /* power first, then F0, then the condition */
    ok_log("R F0>0 A0");
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0 F0>2 N");
    teardown();
}

TEST(pofx_only_the_first_and_last_references_change_the_condition)
{
    setup_registered(AUTO_ALL);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1 N");
    PoFxActivateComponent(g.handle, 0, 0);
    ok_log("R F0>0 A0");
    PoFxActivateComponent(g.handle, 0, 0);
    PoFxActivateComponent(g.handle, 0, 0);
    PoFxIdleComponent(g.handle, 0, 0);
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log(""); /* 1 -> 3 -> 1: no transition */
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0 F0>2 N");
    teardown();
}

TEST(pofx_each_step_waits_for_the_drivers_completion)
{
    setup_registered(0);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 I1");
    PoFxCompleteIdleCondition(g.handle, 1);
    ok_log("F1>1");
    PoFxCompleteIdleCondition(g.handle, 0);
    ok_log("F0>2");
    PoFxCompleteIdleState(g.handle, 0);
    ok_log("");
    PoFxCompleteIdleState(g.handle, 1);
    ok_log("N");
    PoFxActivateComponent(g.handle, 0, 0); /* the device is still going off: wait for it */
    ok_log("");
    PoFxCompleteDevicePowerNotRequired(g.handle);
    ok_log("R");
    PoFxReportDevicePoweredOn(g.handle);
    ok_log("F0>0");
    PoFxIdleComponent(g.handle, 0, 0); /* while going to F0: finish it, then go back */
    PoFxActivateComponent(g.handle, 0, 0);
    PoFxCompleteIdleState(g.handle, 0);
    ok_log("A0");
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0");
    PoFxActivateComponent(g.handle, 0, 0); /* during the idle transition */
    PoFxCompleteIdleCondition(g.handle, 0);
    ok_log("A0"); /* back to active, still F0: no F-state request */
    g.autos = AUTO_ALL;
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0 F0>2 N");
    teardown();
}

TEST(pofx_an_activation_during_an_f_state_change_asks_for_f0_after_it)
{
    setup_registered(0);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 I1");
    PoFxCompleteIdleCondition(g.handle, 0);
    ok_log("F0>2");
    PoFxActivateComponent(g.handle, 0, 0); /* while the component goes to F2 */
    ok_log("");
    PoFxCompleteIdleState(g.handle, 0); /* it is in F2 now: back to F0 first */
    ok_log("F0>0");
    PoFxCompleteIdleState(g.handle, 0);
    ok_log("A0");
    PoFxCompleteIdleCondition(g.handle, 1);
    ok_log("F1>1");
    PoFxCompleteIdleState(g.handle, 1);
    ok_log(""); /* component 0 is active: the device stays on */
    teardown();
}

TEST(pofx_latency_residency_and_wake_limit_the_f_state)
{
    setup_registered(AUTO_ALL);
    PoFxSetComponentLatency(g.handle, 0, 100); /* F1's latency, below F2's */
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>1 I1 F1>1 N");
    PoFxSetComponentLatency(g.handle, 0, 10000); /* idle: moves at once */
    ok_log("F0>2");
    PoFxSetComponentResidency(g.handle, 0, 999); /* below F1's requirement: F0 only */
    ok_log("F0>0");
    PoFxSetComponentResidency(g.handle, 0, 1000000);
    ok_log("F0>2");
    PoFxSetComponentWake(g.handle, 0, TRUE); /* DeepestWakeableIdleState 1 */
    ok_log("F0>1");
    PoFxSetComponentWake(g.handle, 0, FALSE);
    ok_log("F0>2");
    teardown();
}

TEST(pofx_idle_timeout_delays_device_power_not_required)
{
    setup_registered(AUTO_ALL);
    PoFxSetDeviceIdleTimeout(g.handle, 2000000); /* 200 ms */
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1");
    usleep(50000);
    PoFxActivateComponent(g.handle, 0, 0); /* within the time-out: no Dx at all */
    ok_log("F0>0 A0");
    usleep(300000);
    ok_log("");
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0 F0>2");
    for (int i = 0; i < 100 && g.text[0] == '\0'; i++)
        usleep(20000);
    ok_log("N*"); /* from the timer, in another thread */
    teardown();
}

TEST(pofx_async_only_calls_back_from_another_thread_and_blocking_waits)
{
    setup_registered(AUTO_ALL);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1 N");
    PoFxActivateComponent(g.handle, 1, PO_FX_FLAG_ASYNC_ONLY);
    for (int i = 0; i < 100 && strstr(g.text, "A1") == NULL; i++)
        usleep(10000);
    ok_log("R* F1>0* A1*");
    PoFxActivateComponent(g.handle, 0, PO_FX_FLAG_BLOCKING);
    ok_log("F0>0 A0"); /* done when the call returns */
    PoFxIdleComponent(g.handle, 0, PO_FX_FLAG_ASYNC_ONLY);
    for (int i = 0; i < 100 && strstr(g.text, "F0>2") == NULL; i++)
        usleep(10000);
    ok_log("I0* F0>2*");
    PoFxIdleComponent(g.handle, 1, 0);
    ok_log("I1 F1>1 N");
    teardown();
}

TEST(pofx_power_control_without_a_pep_is_not_supported)
{
    static const GUID code = {0x1, 0x2, 0x3, {4, 5, 6, 7, 8, 9, 10, 11}};
    SIZE_T returned = 99;
    UCHAR out[8];
    setup_registered(AUTO_ALL);
    ok_status(PoFxPowerControl(g.handle, &code, NULL, 0, out, sizeof(out), &returned),
              STATUS_NOT_SUPPORTED);
    ok(returned == 0, "BytesReturned %zu\n", (size_t)returned);
    PoFxNotifySurprisePowerOn(g.pdo); /* a notice for the PEP: nothing happens without one */
    ok_log("");
    teardown();
}

/* ---- the report after an S0 IRP ----------------------------------------------------------------
 */

/* PoFxReportDevicePoweredOn's page: the driver must call it after DevicePowerRequiredCallback,
 * and also after PoFx sends it an S0 IRP (IRP_MN_SET_POWER for PowerSystemWorking). The
 * registered PDO is made a started device node so that the system wake sends its stack S0. */
static void setup_in_the_tree(void)
{
    setup_registered(AUTO_ALL);
    ok_status(drvhost_test_pnp_node(NULL, g.pdo, "ROOT\\POFXTEST\\0000", 1), STATUS_SUCCESS);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1 N"); /* every component idle: the device power not required */
    ok_status(drvhost_po_system_sleep(PowerSystemSleeping3 - 1), STATUS_SUCCESS);
    ok_status(drvhost_po_system_wake(), STATUS_SUCCESS);
    ok_log(""); /* the engine does not wait for the report */
}

TEST(pofx_report_powered_on_after_an_s0_irp)
{
    setup_in_the_tree();
    /* Taken; the device power stays not required (no second "N" without an "R" before it). */
    PoFxReportDevicePoweredOn(g.handle);
    ok_log("");
    PoFxActivateComponent(g.handle, 0, 0);
    ok_log("R F0>0 A0");
    PoFxIdleComponent(g.handle, 0, 0);
    ok_log("I0 F0>2 N");
    PoFxUnregisterDevice(g.handle);
    drvhost_test_pnp_node_free(g.pdo);
    drvhost_close(g_file);
}

/* One report per S0 IRP: a second one is owed to nobody. */
TEST(pofx_a_second_report_after_one_s0_irp_is_0x9F)
{
    setup_in_the_tree();
    PoFxReportDevicePoweredOn(g.handle);
    ok_log("");
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2, 0xD05, g.handle, 0, 0);
    PoFxReportDevicePoweredOn(g.handle);
}

/* The sleep's own IRPs (IRP_MN_QUERY_POWER and IRP_MN_SET_POWER of S3) owe no report: only S0. */
TEST(pofx_a_report_after_the_sleep_irps_only_is_0x9F)
{
    setup_registered(AUTO_ALL);
    ok_status(drvhost_test_pnp_node(NULL, g.pdo, "ROOT\\POFXTEST\\0000", 1), STATUS_SUCCESS);
    PoFxStartDevicePowerManagement(g.handle);
    ok_log("I0 F0>2 I1 F1>1 N");
    ok_status(drvhost_po_system_sleep(PowerSystemSleeping3 - 1), STATUS_SUCCESS);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2, 0xD05, g.handle, 0, 0);
    PoFxReportDevicePoweredOn(g.handle);
}

/* ---- misuse ---------------------------------------------------------------------------------- */

TEST(pofx_idle_without_a_reference_is_0x9F)
{
    setup_registered(AUTO_ALL);
    PoFxStartDevicePowerManagement(g.handle);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3 | BUGCHECK_P4, 0xD04,
                           g.handle, 1, 0);
    PoFxIdleComponent(g.handle, 1, 0);
}

TEST(pofx_completing_what_was_not_asked_is_0x9F)
{
    setup_registered(AUTO_ALL);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0xD05, g.handle, 0, 0);
    PoFxCompleteIdleState(g.handle, 0);
}

TEST(pofx_a_component_out_of_range_is_0x9F)
{
    setup_registered(AUTO_ALL);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0xD02, g.handle, 2, 0);
    PoFxActivateComponent(g.handle, 2, 0);
}

TEST(pofx_blocking_and_async_only_together_is_0x9F)
{
    setup_registered(AUTO_ALL);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P3, 0xD03, 0, 3, 0);
    PoFxActivateComponent(g.handle, 0, PO_FX_FLAG_BLOCKING | PO_FX_FLAG_ASYNC_ONLY);
}

TEST(pofx_blocking_at_dispatch_level_is_0xA)
{
    KIRQL old;
    setup_registered(AUTO_ALL);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2, g.handle, DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PoFxActivateComponent(g.handle, 0, PO_FX_FLAG_BLOCKING);
}

/* ---- power setting callbacks ----------------------------------------------------------------- */

static const GUID g_setting = {0x12345678, 0x1, 0x2, {3, 4, 5, 6, 7, 8, 9, 10}};
static int g_calls;
static ULONG g_value, g_length;

static NTSTATUS SettingCallback(LPCGUID SettingGuid, PVOID Value, ULONG ValueLength, PVOID Context)
{
    ok(IsEqualGUID(SettingGuid, &g_setting) && Context == &g_calls, "guid or context\n");
    ok(KeGetCurrentIrql() == PASSIVE_LEVEL, "IRQL %u\n", KeGetCurrentIrql());
    g_calls++;
    g_length = ValueLength;
    g_value = ValueLength >= sizeof(ULONG) ? *(ULONG *)Value : 0xFFFFFFFF;
    return STATUS_SUCCESS;
}

TEST(power_setting_callback_gets_the_value_at_once_and_at_each_change)
{
    static const GUID other = {0x87654321, 0x1, 0x2, {3, 4, 5, 6, 7, 8, 9, 10}};
    PVOID handle = NULL;
    ULONG v = 7;
    g_calls = 0;
    ok_status(PoRegisterPowerSettingCallback(NULL, &g_setting, SettingCallback, &g_calls, &handle),
              STATUS_SUCCESS);
    ok(g_calls == 1 && g_length == sizeof(ULONG) && g_value == 0,
       "at registration: %d calls, %u bytes, value %u\n", g_calls, (unsigned)g_length,
       (unsigned)g_value);
    ok_status(drvhost_po_power_setting(&g_setting, &v, sizeof(v)), STATUS_SUCCESS);
    ok(g_calls == 2 && g_value == 7, "after the change: %d calls, value %u\n", g_calls,
       (unsigned)g_value);
    ok_status(drvhost_po_power_setting(&other, &v, sizeof(v)), STATUS_SUCCESS);
    ok(g_calls == 2, "another setting called it: %d\n", g_calls);
    PVOID second = NULL; /* a later registration gets the current value, not the default */
    ok_status(PoRegisterPowerSettingCallback(NULL, &g_setting, SettingCallback, &g_calls, &second),
              STATUS_SUCCESS);
    ok(g_calls == 3 && g_value == 7, "second registration: %d calls, value %u\n", g_calls,
       (unsigned)g_value);
    ok_status(PoUnregisterPowerSettingCallback(second), STATUS_SUCCESS);
    ok_status(PoUnregisterPowerSettingCallback(handle), STATUS_SUCCESS);
    v = 9;
    ok_status(drvhost_po_power_setting(&g_setting, &v, sizeof(v)), STATUS_SUCCESS);
    ok(g_calls == 3, "called after unregistration: %d\n", g_calls);
    harness_stderr_begin();
    ok_status(PoUnregisterPowerSettingCallback(handle), STATUS_INVALID_PARAMETER);
    free(harness_stderr_end());
}

/* ---- KMDF: WDF_POWER_FRAMEWORK_SETTINGS_INIT, and a NULL device (tests/wdf for the rest) ---- */

TEST(kmdf_power_framework_settings_with_a_null_device_is_0x10D)
{
    /* the framework's NULL-parameter violation (0x4): the routine exists and checks its handle
     * (test_wdf_power.c drives it on a real device) */
    expect_bugcheck_params(0x10D, BUGCHECK_P1, 0x4, 0, 0, 0);
    harness_load_driver("pofxkmdf");
}
