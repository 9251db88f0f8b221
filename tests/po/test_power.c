/*
 * test_power.c - the power manager (src/po, docs/power.md): the system sleep and wake sequences
 * through a device tree of potest stacks (PDO, a function driver owning the power policy, an
 * upper filter), in the orders "System Power Transitions" gives (leaves first for sleep, root
 * first for wake; query before set; a veto cancels), PoRequestPowerIrp, PoSetPowerState,
 * PoStartNextPowerIrp, PoCallDriver, IRP_MN_WAIT_WAKE, and the verifier's power checks (0xC9
 * power errors, 0x9F / 0x3 after the time-out).
 *
 * The device nodes are made for potest's stacks through libdrvhost.so's test seam
 * (drvhost_test_pnp_node, src/pnp/stub_po.c: the PnP manager would make and start them), the
 * transitions through drvhost_po_system_sleep / drvhost_po_system_wake (src/po/host_api.c).
 */
#include <wdm.h>

#include "harness.h"
#include "systhread.h"

#include "drivers/potest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libdrvhost.so's exported entry points for this test (not in drvhost.h). */
int32_t drvhost_test_pnp_node(void *parent_pdo, void *pdo, const char *instance_id, int started);
void drvhost_test_pnp_node_free(void *pdo);
int32_t drvhost_po_system_sleep(uint32_t s_state);
int32_t drvhost_po_system_wake(void);

static NTSTATUS po_system_sleep(SYSTEM_POWER_STATE state)
{
    return drvhost_po_system_sleep((uint32_t)state - 1);
}

static NTSTATUS po_system_wake(void)
{
    return drvhost_po_system_wake();
}

static struct potest_log g_log;
static drvhost_file *g_file;
static void *g_nodes[16]; /* their PDOs, parents before children */
static int g_nnodes;

static void setup(void)
{
    ULONG64 log = (ULONG64)(ULONG_PTR)&g_log;
    g_file = harness_open_driver("potest", "\\\\.\\PoTest");
    ok_status(harness_ioctl(g_file, IOCTL_POTEST_SET_LOG, &log, sizeof(log), NULL, 0, NULL),
              STATUS_SUCCESS);
}

static struct potest_build_out build(ULONG id, ULONG flags, NTSTATUS status)
{
    struct potest_build_in in = {id, flags, status};
    struct potest_build_out out = {0};
    ok_status(harness_ioctl(g_file, IOCTL_POTEST_BUILD, &in, sizeof(in), &out, sizeof(out), NULL),
              STATUS_SUCCESS);
    return out;
}

/* A device node for the stack's PDO under parent's (NULL: the root node, or the root itself
 * while the tree has none), started unless said. */
static void *node_as(void *parent, const struct potest_build_out *s, const char *instance,
                     int started)
{
    void *pdo = (void *)(ULONG_PTR)s->pdo;
    ok_status(drvhost_test_pnp_node(parent, pdo, instance, started), STATUS_SUCCESS);
    g_nodes[g_nnodes++] = pdo;
    return pdo;
}

static void *node(void *parent, const struct potest_build_out *s, const char *instance)
{
    return node_as(parent, s, instance, 1);
}

/* Frees the nodes (children first: they were made after their parents) and the handle; the
 * stacks go at potest's unload. */
static void teardown(void)
{
    while (g_nnodes > 0)
        drvhost_test_pnp_node_free(g_nodes[--g_nnodes]);
    drvhost_close(g_file);
}

/* ---- the log as text: "<stack><where>:<Q|S|W><S|D><n>" per entry --------------------------- */

static void entry_text(const struct potest_entry *e, char *out, size_t size)
{
    char minor = e->minor == IRP_MN_QUERY_POWER ? 'Q'
                 : e->minor == IRP_MN_SET_POWER ? 'S'
                 : e->minor == IRP_MN_WAIT_WAKE ? 'W'
                                                : '?';
    if (e->minor == IRP_MN_WAIT_WAKE || e->type == SystemPowerState)
        snprintf(out, size, "%u%c:%cS%u", e->stack, e->where, minor, e->state - 1);
    else
        snprintf(out, size, "%u%c:%cD%u", e->stack, e->where, minor, e->state - 1);
}

static char *log_text(void)
{
    static char text[POTEST_LOG_MAX * 16];
    size_t len = 0;
    text[0] = '\0';
    for (LONG i = 0; i < g_log.n && i < POTEST_LOG_MAX; i++) {
        char one[32];
        entry_text(&g_log.e[i], one, sizeof(one));
        len += snprintf(text + len, sizeof(text) - len, "%s%s", len ? " " : "", one);
    }
    return text;
}

static void log_reset(void)
{
    memset(&g_log, 0, sizeof(g_log));
}

/* What one stack with a filter logs for one step of a transition. */
static void expect_query(char *out, size_t size, unsigned s, unsigned sx)
{
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s%uF:QS%u %uD:QS%u %uP:QS%u", len ? " " : "", s, sx, s, sx, s,
             sx);
}

static void expect_set(char *out, size_t size, unsigned s, unsigned sx)
{
    size_t len = strlen(out);
    unsigned dx = sx == 0 ? 0 : 3;
    snprintf(out + len, size - len,
             "%s%uF:SS%u %uD:SS%u %uP:SS%u %uC:SS%u %uF:SD%u %uD:SD%u %uP:SD%u %uR:SD%u",
             len ? " " : "", s, sx, s, sx, s, sx, s, sx, s, dx, s, dx, s, dx, s, dx);
}

static const struct potest_entry *find(unsigned stack, UCHAR where, UCHAR minor, UCHAR type)
{
    for (LONG i = 0; i < g_log.n; i++) {
        const struct potest_entry *e = &g_log.e[i];
        if (e->stack == stack && e->where == where && e->minor == minor && e->type == type)
            return e;
    }
    return NULL;
}

static ULONG context_of(SYSTEM_POWER_STATE current, SYSTEM_POWER_STATE target)
{
    SYSTEM_POWER_STATE_CONTEXT c = {0};
    c.CurrentSystemState = current;
    c.TargetSystemState = target;
    c.EffectiveSystemState = target;
    return c.ContextAsUlong;
}

/* root 0 { 1 { 2 }, 3 }: leaves first is 2 1 3 0, parents first 0 1 2 3. */
static void build_tree(ULONG flags3)
{
    struct potest_build_out s0 = build(0, POTEST_FILTER, 0), s1 = build(1, POTEST_FILTER, 0),
                            s2 = build(2, POTEST_FILTER, 0),
                            s3 = build(3, POTEST_FILTER | flags3, 0);
    void *root = node(NULL, &s0, "ROOT\\POTEST\\ROOT");
    void *a = node(root, &s1, "ROOT\\POTEST\\0000");
    node(a, &s2, "POTEST\\CHILD\\0000");
    node(root, &s3, "ROOT\\POTEST\\0001");
}

/* ---- the system transitions ---------------------------------------------------------------- */

TEST(sleep_queries_then_sets_every_stack_leaves_first)
{
    char want[4096] = "";
    setup();
    build_tree(0);
    log_reset();
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_SUCCESS);
    for (unsigned i = 0, order[] = {2, 1, 3, 0}; i < 4; i++)
        expect_query(want, sizeof(want), order[i], 3);
    for (unsigned i = 0, order[] = {2, 1, 3, 0}; i < 4; i++)
        expect_set(want, sizeof(want), order[i], 3);
    ok(strcmp(log_text(), want) == 0, "sleep order:\n  got  %s\n  want %s\n", log_text(), want);
    teardown();
}

TEST(wake_sets_s0_parents_first)
{
    char want[4096] = "";
    setup();
    build_tree(0);
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_SUCCESS);
    log_reset();
    ok_status(po_system_wake(), STATUS_SUCCESS);
    for (unsigned i = 0, order[] = {0, 1, 2, 3}; i < 4; i++)
        expect_set(want, sizeof(want), order[i], 0);
    ok(strcmp(log_text(), want) == 0, "wake order:\n  got  %s\n  want %s\n", log_text(), want);
    teardown();
}

TEST(system_irps_carry_the_action_and_the_state_context)
{
    const struct potest_entry *e;
    setup();
    build_tree(0);
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_SUCCESS);
    e = find(1, POTEST_AT_FILTER, IRP_MN_QUERY_POWER, SystemPowerState);
    ok(e != NULL && e->action == PowerActionSleep &&
           e->context == context_of(PowerSystemWorking, PowerSystemSleeping3),
       "query S3: action %u context 0x%X\n", e ? e->action : 0, e ? e->context : 0);
    e = find(1, POTEST_AT_PDO, IRP_MN_SET_POWER, SystemPowerState);
    ok(e != NULL && e->action == PowerActionSleep && e->irql == PASSIVE_LEVEL &&
           e->context == context_of(PowerSystemWorking, PowerSystemSleeping3),
       "set S3: action %u context 0x%X\n", e ? e->action : 0, e ? e->context : 0);
    /* The device IRP the policy owner requested while its system IRP was under way carries
     * the system IRP's action (System Power Actions). */
    e = find(1, POTEST_AT_FILTER, IRP_MN_SET_POWER, DevicePowerState);
    ok(e != NULL && e->action == PowerActionSleep, "D3 IRP: action %u\n", e ? e->action : 0);
    e = find(1, POTEST_AT_DIRP_DONE, IRP_MN_SET_POWER, DevicePowerState);
    ok(e != NULL && e->status == STATUS_SUCCESS && e->previous == 1 && e->state == PowerDeviceD3,
       "PowerCompletion: status 0x%X, device passed %u, state %u\n", e ? e->status : 0,
       e ? e->previous : 0, e ? e->state : 0);
    e = find(1, POTEST_AT_FDO, IRP_MN_SET_POWER, DevicePowerState);
    ok(e != NULL && e->previous == PowerDeviceD0, "FDO's PoSetPowerState(D3) returned %u\n",
       e ? e->previous : 0);
    log_reset();
    ok_status(po_system_wake(), STATUS_SUCCESS);
    e = find(2, POTEST_AT_FDO, IRP_MN_SET_POWER, SystemPowerState);
    ok(e != NULL && e->action == PowerActionSleep &&
           e->context == context_of(PowerSystemSleeping3, PowerSystemWorking),
       "set S0: action %u context 0x%X\n", e ? e->action : 0, e ? e->context : 0);
    e = find(2, POTEST_AT_PDO, IRP_MN_SET_POWER, DevicePowerState);
    ok(e != NULL && e->previous == PowerDeviceD3, "PDO's PoSetPowerState(D0) returned %u\n",
       e ? e->previous : 0);
    teardown();
}

TEST(a_query_veto_cancels_the_sleep)
{
    char want[4096] = "";
    setup();
    build_tree(POTEST_VETO_QUERY); /* stack 3 fails the query */
    log_reset();
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_DEVICE_BUSY);
    /* Queried 2, 1, 3 (which vetoed): each gets SET_POWER S0, parents first; 0 never queried. */
    expect_query(want, sizeof(want), 2, 3);
    expect_query(want, sizeof(want), 1, 3);
    snprintf(want + strlen(want), sizeof(want) - strlen(want), " 3F:QS3 3D:QS3");
    for (unsigned i = 0, order[] = {3, 1, 2}; i < 3; i++)
        expect_set(want, sizeof(want), order[i], 0);
    ok(strcmp(log_text(), want) == 0, "veto:\n  got  %s\n  want %s\n", log_text(), want);
    /* Still awake: there is nothing to wake from. */
    ok_status(po_system_wake(), STATUS_INVALID_DEVICE_STATE);
    teardown();
}

TEST(transitions_refuse_what_does_not_apply)
{
    setup();
    build_tree(0);
    ok_status(po_system_wake(), STATUS_INVALID_DEVICE_STATE);
    ok_status(po_system_sleep(PowerSystemWorking), STATUS_INVALID_PARAMETER);
    ok_status(po_system_sleep(PowerSystemShutdown), STATUS_INVALID_PARAMETER);
    log_reset();
    ok_status(po_system_sleep(PowerSystemHibernate), STATUS_SUCCESS);
    const struct potest_entry *e = find(0, POTEST_AT_FDO, IRP_MN_SET_POWER, SystemPowerState);
    ok(e != NULL && e->state == PowerSystemHibernate && e->action == PowerActionHibernate,
       "S4: state %u action %u\n", e ? e->state : 0, e ? e->action : 0);
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_INVALID_DEVICE_STATE);
    log_reset();
    ok_status(po_system_wake(), STATUS_SUCCESS);
    e = find(0, POTEST_AT_FDO, IRP_MN_SET_POWER, SystemPowerState);
    ok(e != NULL && e->action == PowerActionHibernate &&
           e->context == context_of(PowerSystemHibernate, PowerSystemWorking),
       "wake from S4: action %u context 0x%X\n", e ? e->action : 0, e ? e->context : 0);
    teardown();
}

TEST(only_started_nodes_get_system_irps)
{
    setup();
    struct potest_build_out s0 = build(0, 0, 0), s1 = build(1, 0, 0);
    void *root = node(NULL, &s0, "ROOT\\POTEST\\ROOT");
    node_as(root, &s1, "ROOT\\POTEST\\0000", 0);
    log_reset();
    ok_status(po_system_sleep(PowerSystemSleeping1), STATUS_SUCCESS);
    ok(find(1, POTEST_AT_FDO, IRP_MN_QUERY_POWER, SystemPowerState) == NULL,
       "a stopped stack was queried\n");
    ok(find(0, POTEST_AT_FDO, IRP_MN_QUERY_POWER, SystemPowerState) != NULL,
       "the started stack was not queried\n");
    teardown();
}

/* ---- PoRequestPowerIrp --------------------------------------------------------------------- */

struct completion {
    int calls;
    PDEVICE_OBJECT device;
    UCHAR minor;
    POWER_STATE state;
    PVOID context;
    NTSTATUS status;
    KIRQL irql;
    KEVENT done;
};

static VOID NTAPI on_complete(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction,
                              POWER_STATE PowerState, PVOID Context, PIO_STATUS_BLOCK IoStatus)
{
    struct completion *c = Context;
    c->calls++;
    c->device = DeviceObject;
    c->minor = MinorFunction;
    c->state = PowerState;
    c->context = Context;
    c->status = IoStatus->Status;
    c->irql = KeGetCurrentIrql();
    KeSetEvent(&c->done, IO_NO_INCREMENT, FALSE);
}

static void completion_init(struct completion *c)
{
    memset(c, 0, sizeof(*c));
    KeInitializeEvent(&c->done, NotificationEvent, FALSE);
}

TEST(request_goes_to_the_top_and_completes_with_the_documented_arguments)
{
    struct completion c;
    POWER_STATE d2 = {.DeviceState = PowerDeviceD2};
    setup();
    struct potest_build_out s = build(5, POTEST_FILTER, 0);
    PDEVICE_OBJECT fdo = (PDEVICE_OBJECT)(ULONG_PTR)s.fdo;
    completion_init(&c);
    log_reset();
    ok_status(PoRequestPowerIrp(fdo, IRP_MN_SET_POWER, d2, on_complete, &c, NULL), STATUS_PENDING);
    ok(strcmp(log_text(), "5F:SD2 5D:SD2 5P:SD2") == 0, "the IRP went %s\n", log_text());
    ok(c.calls == 1 && c.device == fdo && c.minor == IRP_MN_SET_POWER &&
           c.state.DeviceState == PowerDeviceD2 && c.context == &c && c.status == STATUS_SUCCESS,
       "completion: %d calls, device %p (want %p), minor %u, state %u, status 0x%X\n", c.calls,
       (void *)c.device, (void *)fdo, c.minor, c.state.DeviceState, c.status);
    ok(c.irql == PASSIVE_LEVEL, "completion at IRQL %u\n", c.irql);
    /* Outside a system transition a device IRP's ShutdownType is PowerActionNone. */
    ok(g_log.e[0].action == PowerActionNone, "ShutdownType %u\n", g_log.e[0].action);
    /* A query for a device state, named by the PDO: also to the top. */
    completion_init(&c);
    log_reset();
    ok_status(PoRequestPowerIrp((PDEVICE_OBJECT)(ULONG_PTR)s.pdo, IRP_MN_QUERY_POWER, d2,
                                on_complete, &c, NULL),
              STATUS_PENDING);
    ok(strcmp(log_text(), "5F:QD2 5D:QD2 5P:QD2") == 0, "the query went %s\n", log_text());
    ok(c.calls == 1 && c.device == (PDEVICE_OBJECT)(ULONG_PTR)s.pdo, "query completion\n");
    /* Without a completion function. */
    ok_status(PoRequestPowerIrp(fdo, IRP_MN_SET_POWER, d2, NULL, NULL, NULL), STATUS_PENDING);
    teardown();
}

TEST(request_refuses_bad_minor_codes_and_states)
{
    struct completion c;
    POWER_STATE d0 = {.DeviceState = PowerDeviceD0}, bad = {.DeviceState = PowerDeviceMaximum};
    POWER_STATE none = {.DeviceState = PowerDeviceUnspecified};
    POWER_STATE s5 = {.SystemState = PowerSystemShutdown};
    setup();
    struct potest_build_out s = build(6, 0, 0);
    PDEVICE_OBJECT pdo = (PDEVICE_OBJECT)(ULONG_PTR)s.pdo;
    completion_init(&c);
    log_reset();
    ok_status(PoRequestPowerIrp(pdo, IRP_MN_POWER_SEQUENCE, d0, on_complete, &c, NULL),
              STATUS_INVALID_PARAMETER_2);
    ok_status(PoRequestPowerIrp(pdo, 0x07, d0, on_complete, &c, NULL), STATUS_INVALID_PARAMETER_2);
    ok_status(PoRequestPowerIrp(pdo, IRP_MN_SET_POWER, bad, on_complete, &c, NULL),
              STATUS_INVALID_PARAMETER_3);
    ok_status(PoRequestPowerIrp(pdo, IRP_MN_QUERY_POWER, none, on_complete, &c, NULL),
              STATUS_INVALID_PARAMETER_3);
    ok_status(PoRequestPowerIrp(pdo, IRP_MN_WAIT_WAKE, s5, on_complete, &c, NULL),
              STATUS_INVALID_PARAMETER_3);
    ok(c.calls == 0 && g_log.n == 0, "a refused request was sent (%d calls, %ld IRPs)\n", c.calls,
       (long)g_log.n);
    teardown();
}

TEST(wait_wake_pends_until_cancelled)
{
    struct completion c;
    POWER_STATE s3 = {.SystemState = PowerSystemSleeping3};
    PIRP irp = NULL;
    setup();
    setenv("DRVHOST_POWER_TIMEOUT_MS", "100", 1); /* a wait-wake IRP has no time-out */
    struct potest_build_out s = build(7, POTEST_FILTER, 0);
    PDEVICE_OBJECT fdo = (PDEVICE_OBJECT)(ULONG_PTR)s.fdo;
    completion_init(&c);
    log_reset();
    ok_status(PoRequestPowerIrp(fdo, IRP_MN_WAIT_WAKE, s3, on_complete, &c, &irp), STATUS_PENDING);
    ok(irp != NULL, "no IRP returned for IRP_MN_WAIT_WAKE\n");
    ok(strcmp(log_text(), "7F:WS3 7D:WS3 7P:WS3") == 0, "the IRP went %s\n", log_text());
    sleep_ms(300);
    ok(c.calls == 0, "a wait-wake IRP completed before the device woke\n");
    ok(IoCancelIrp(irp), "IoCancelIrp found no cancel routine\n");
    ok(c.calls == 1 && c.status == STATUS_CANCELLED && c.minor == IRP_MN_WAIT_WAKE &&
           c.state.SystemState == PowerSystemSleeping3 && c.device == fdo,
       "cancelled: %d calls, status 0x%X, minor %u, state %u\n", c.calls, c.status, c.minor,
       c.state.SystemState);
    teardown();
}

static VOID NTAPI request_at_dispatch(PKDPC dpc, PVOID context, PVOID a1, PVOID a2)
{
    /* D0: the one state PoSetPowerState takes at DISPATCH_LEVEL (the PDO calls it). */
    POWER_STATE d0 = {.DeviceState = PowerDeviceD0};
    (void)dpc;
    (void)a2;
    ok_status(PoRequestPowerIrp(a1, IRP_MN_SET_POWER, d0, on_complete, context, NULL),
              STATUS_PENDING);
}

/* From DISPATCH_LEVEL (a DPC): a DO_POWER_PAGABLE stack gets the IRP at PASSIVE_LEVEL (a worker
 * thread), another stack at the caller's DISPATCH_LEVEL. */
static KIRQL dispatch_irql_of_request(ULONG flags, ULONG id)
{
    struct completion c;
    KDPC dpc;
    setup();
    struct potest_build_out s = build(id, flags, 0);
    completion_init(&c);
    log_reset();
    KeInitializeDpc(&dpc, request_at_dispatch, &c);
    KeInsertQueueDpc(&dpc, (PVOID)(ULONG_PTR)s.pdo, NULL);
    ok_status(KeWaitForSingleObject(&c.done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ok(g_log.n == 2 && c.status == STATUS_SUCCESS, "%ld IRPs logged, status 0x%X\n", (long)g_log.n,
       c.status);
    KIRQL irql = g_log.e[0].irql;
    teardown();
    return irql;
}

TEST(a_pageable_stack_gets_its_irps_at_passive_level)
{
    ok(dispatch_irql_of_request(POTEST_PAGABLE, 8) == PASSIVE_LEVEL,
       "a DO_POWER_PAGABLE stack was called above PASSIVE_LEVEL\n");
}

TEST(a_nonpageable_stack_gets_its_irps_at_the_callers_irql)
{
    ok(dispatch_irql_of_request(0, 9) == DISPATCH_LEVEL,
       "a stack without DO_POWER_PAGABLE was not called at DISPATCH_LEVEL\n");
}

/* ---- PoSetPowerState, PoStartNextPowerIrp, PoCallDriver ------------------------------------- */

TEST(set_power_state_returns_the_previous_state)
{
    PDEVICE_OBJECT dev;
    POWER_STATE d0 = {.DeviceState = PowerDeviceD0}, d3 = {.DeviceState = PowerDeviceD3};
    POWER_STATE s3 = {.SystemState = PowerSystemSleeping3}, r;
    KIRQL old;
    setup();
    struct potest_build_out s = build(10, 0, 0);
    ok_status(IoCreateDevice(((PDEVICE_OBJECT)(ULONG_PTR)s.pdo)->DriverObject, 0, NULL,
                             FILE_DEVICE_UNKNOWN, 0, FALSE, &dev),
              STATUS_SUCCESS);
    r = PoSetPowerState(dev, DevicePowerState, d3);
    ok(r.DeviceState == PowerDeviceUnspecified, "first: previous %u\n", r.DeviceState);
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* D0 is allowed up to DISPATCH_LEVEL */
    r = PoSetPowerState(dev, DevicePowerState, d0);
    KeLowerIrql(old);
    ok(r.DeviceState == PowerDeviceD3, "second: previous %u\n", r.DeviceState);
    /* Not a device power state: reported, nothing recorded, State returned. */
    harness_stderr_begin();
    r = PoSetPowerState(dev, SystemPowerState, s3);
    char *err = harness_stderr_end();
    ok(r.SystemState == PowerSystemSleeping3, "SystemPowerState: returned %u\n", r.SystemState);
    ok(strstr(err, "PoSetPowerState") != NULL && strstr(err, "DevicePowerState") != NULL,
       "no message: %s\n", err);
    free(err);
    r = PoSetPowerState(dev, DevicePowerState, d3);
    ok(r.DeviceState == PowerDeviceD0, "after the refused call: previous %u\n", r.DeviceState);
    IoDeleteDevice(dev);
    teardown();
}

TEST(set_power_state_d3_at_dispatch_level_is_0xA)
{
    POWER_STATE d3 = {.DeviceState = PowerDeviceD3};
    KIRQL old;
    setup();
    struct potest_build_out s = build(11, 0, 0);
    PDEVICE_OBJECT pdo = (PDEVICE_OBJECT)(ULONG_PTR)s.pdo;
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2, pdo, DISPATCH_LEVEL, 0, 0);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PoSetPowerState(pdo, DevicePowerState, d3);
}

TEST(start_next_power_irp_on_another_irp_is_0xC9_0x200)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    ok(irp != NULL, "IoAllocateIrp\n");
    IoSetNextIrpStackLocation(irp);
    IoGetCurrentIrpStackLocation(irp)->MajorFunction = IRP_MJ_READ;
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x200, 0, irp, 0);
    PoStartNextPowerIrp(irp);
}

static NTSTATUS NTAPI keep_irp(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    (void)device;
    (void)irp;
    (void)context;
    return STATUS_MORE_PROCESSING_REQUIRED; /* the test frees it */
}

/* A power-sequence IRP (the one power IRP a driver allocates itself) for the test. */
static PIRP power_sequence_irp(PDEVICE_OBJECT top)
{
    PIRP irp = IoAllocateIrp(top->StackSize, FALSE);
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    sp->MajorFunction = IRP_MJ_POWER;
    sp->MinorFunction = IRP_MN_POWER_SEQUENCE;
    IoSetCompletionRoutine(irp, keep_irp, NULL, TRUE, TRUE, TRUE);
    return irp;
}

TEST(call_driver_to_a_pageable_device_at_dispatch_level_is_0xC9_0x23A)
{
    KIRQL old;
    setup();
    struct potest_build_out s = build(12, POTEST_PAGABLE, 0);
    PDEVICE_OBJECT pdo = (PDEVICE_OBJECT)(ULONG_PTR)s.pdo;
    PIRP irp = power_sequence_irp(pdo);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x23A, 0, irp, pdo);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    PoCallDriver(pdo, irp);
}

TEST(call_driver_passes_the_irp_like_io_call_driver)
{
    setup();
    struct potest_build_out s = build(13, POTEST_PAGABLE, 0);
    PDEVICE_OBJECT pdo = (PDEVICE_OBJECT)(ULONG_PTR)s.pdo;
    PIRP irp = power_sequence_irp(pdo);
    log_reset();
    /* Not handled by the PDO: completed with the status it carries. */
    ok_status(PoCallDriver(pdo, irp), STATUS_NOT_SUPPORTED);
    ok(g_log.n == 1 && g_log.e[0].where == POTEST_AT_PDO &&
           g_log.e[0].minor == IRP_MN_POWER_SEQUENCE,
       "the PDO did not get it (%ld entries)\n", (long)g_log.n);
    IoFreeIrp(irp);
    teardown();
}

/* ---- the verifier's power rules ------------------------------------------------------------ */

TEST(a_filter_completing_a_power_irp_with_not_supported_is_0xC9_0x232)
{
    POWER_STATE d3 = {.DeviceState = PowerDeviceD3};
    setup();
    struct potest_build_out s =
        build(14, POTEST_FILTER | POTEST_FILTER_COMPLETE, (NTSTATUS)STATUS_NOT_SUPPORTED);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P4, 0x232, 0, 0, s.filter);
    PoRequestPowerIrp((PDEVICE_OBJECT)(ULONG_PTR)s.pdo, IRP_MN_SET_POWER, d3, NULL, NULL, NULL);
}

TEST(a_filter_completing_a_power_irp_successfully_is_0xC9_0x231)
{
    POWER_STATE d3 = {.DeviceState = PowerDeviceD3};
    setup();
    struct potest_build_out s = build(15, POTEST_FILTER | POTEST_FILTER_COMPLETE, STATUS_SUCCESS);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P4, 0x231, 0, 0, s.filter);
    PoRequestPowerIrp((PDEVICE_OBJECT)(ULONG_PTR)s.pdo, IRP_MN_QUERY_POWER, d3, NULL, NULL, NULL);
}

TEST(a_filter_completing_an_unknown_power_irp_is_0xC9_0x230)
{
    setup();
    struct potest_build_out s =
        build(1, POTEST_FILTER | POTEST_FILTER_COMPLETE, STATUS_INVALID_DEVICE_REQUEST);
    PDEVICE_OBJECT filter = (PDEVICE_OBJECT)(ULONG_PTR)s.filter;
    PIRP irp = power_sequence_irp(filter);
    IoGetNextIrpStackLocation(irp)->MinorFunction = 0x07;
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x230, 0, irp, filter);
    IoCallDriver(filter, irp);
}

TEST(a_filter_failing_a_query_is_allowed)
{
    struct completion c;
    POWER_STATE d3 = {.DeviceState = PowerDeviceD3};
    setup();
    struct potest_build_out s =
        build(2, POTEST_FILTER | POTEST_FILTER_COMPLETE, STATUS_DEVICE_BUSY);
    completion_init(&c);
    ok_status(PoRequestPowerIrp((PDEVICE_OBJECT)(ULONG_PTR)s.pdo, IRP_MN_QUERY_POWER, d3,
                                on_complete, &c, NULL),
              STATUS_PENDING);
    ok(c.calls == 1 && c.status == STATUS_DEVICE_BUSY, "the veto came back as 0x%X\n", c.status);
    teardown();
}

TEST(a_pdo_failing_a_system_set_power_irp_is_0xC9_0x247)
{
    setup();
    struct potest_build_out s = build(0, POTEST_PDO_FAIL_SET, 0);
    node(NULL, &s, "ROOT\\POTEST\\ROOT");
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P4, 0x247, 0, 0, s.pdo);
    po_system_sleep(PowerSystemSleeping3);
}

TEST(a_system_irp_never_completed_is_0x9F_3_after_the_time_out)
{
    setup();
    setenv("DRVHOST_POWER_TIMEOUT_MS", "200", 1);
    struct potest_build_out s = build(0, POTEST_FILTER | POTEST_HANG_SET, 0);
    node(NULL, &s, "ROOT\\POTEST\\ROOT");
    /* The query passes; the FDO keeps the set-power IRP: the PDO, the FDO holding it. */
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 3, s.pdo, s.fdo, 0);
    po_system_sleep(PowerSystemSleeping3);
}

TEST(a_device_irp_never_completed_is_0x9F_3_after_the_time_out)
{
    POWER_STATE d2 = {.DeviceState = PowerDeviceD2};
    setup();
    setenv("DRVHOST_POWER_TIMEOUT_MS", "200", 1);
    struct potest_build_out s = build(3, POTEST_HANG_SET, 0);
    expect_bugcheck_params(0x9F, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 3, s.pdo, s.fdo, 0);
    ok_status(
        PoRequestPowerIrp((PDEVICE_OBJECT)(ULONG_PTR)s.pdo, IRP_MN_SET_POWER, d2, NULL, NULL, NULL),
        STATUS_PENDING);
    sleep_ms(5000);
    ok(0, "no bug check after 5 s\n");
}

TEST(irps_completed_in_time_disarm_the_watchdog)
{
    setup();
    setenv("DRVHOST_POWER_TIMEOUT_MS", "100", 1);
    build_tree(0);
    ok_status(po_system_sleep(PowerSystemSleeping3), STATUS_SUCCESS);
    ok_status(po_system_wake(), STATUS_SUCCESS);
    sleep_ms(400); /* past the time-out of every IRP sent */
    ok(g_log.n > 0, "nothing was sent\n");
    teardown();
}
