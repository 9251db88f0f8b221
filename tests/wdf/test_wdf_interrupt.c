/*
 * test_wdf_interrupt.c - hardware resources and framework interrupts through the embedding API,
 * with the driver of drivers/wdfintr.c on a root-enumerated device given a memory range, a
 * port range and two interrupt lines (drvhost_device_resources). The driver logs its callbacks
 * with their IRQL; each check compares the log with the orders of Microsoft's guides ("A User
 * Plugs in a Device", "A User Unplugs a Device", "Handling Hardware Interrupts", "Supporting
 * Passive-Level Interrupts") and the values with the reference pages (WdfInterruptCreate,
 * WdfInterruptGetInfo, WdfCmResourceListInsertDescriptor, WdfInterruptAcquireLock...).
 *
 * drvhost's translation (docs/interrupts.md): line N is vector 0x50 + N at DIRQL vector / 16,
 * so lines 5 and 9 are vectors 0x55 and 0x59, both at IRQL 5. WDF_POWER_DEVICE_STATE:
 * D3Final = 5. KINTERRUPT_MODE: LevelSensitive 0, Latched 1. CM_SHARE_DISPOSITION:
 * DeviceExclusive 1, Shared 3.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF                     WDF_TEST_DIR "/drivers/wdfintr.inf"
#define HWID                    "WDFINTR\\DEV"
#define IFACE                   "{6b1e4c52-8d3f-4a17-b2c9-3e5f7a9d1c84}"
#define INSTANCE                "ROOT\\WDFINTRTEST\\0000"
#define RESOURCES               "mem:0xFEB00000:0x1000 port:0x3F8:8 irq:5 irq:9:latched:shared"
#define CTL(function)           ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_WIN_LOG           CTL(0xD00)
#define IOCTL_WIN_WAIT_DEFERRED CTL(0xD01)
#define IOCTL_WIN_SYNC          CTL(0xD02)
#define IOCTL_WIN_LOCK          CTL(0xD03)
#define IOCTL_WIN_INFO          CTL(0xD04)
#define IOCTL_WIN_WDM_SYNC      CTL(0xD05)
#define IOCTL_WIN_MISUSE        CTL(0xD06)
#define IOCTL_WIN_INACTIVE      CTL(0xD07)
#define IOCTL_WIN_ENABLE        CTL(0xD08)

#define STATUS_SUCCESS_              ((int32_t)0x00000000)
#define STATUS_UNSUCCESSFUL_         ((int32_t)0xC0000001)
#define STATUS_INVALID_PARAMETER_    ((int32_t)0xC000000D)
#define STATUS_NO_SUCH_DEVICE_       ((int32_t)0xC000000E)
#define STATUS_ACCESS_DENIED_        ((int32_t)0xC0000022)
#define STATUS_INFO_LENGTH_MISMATCH_ ((int32_t)0xC0000004)
#define STATUS_DEVICE_NOT_CONNECTED_ ((int32_t)0xC000009D)
#define STATUS_INVALID_DEVICE_STATE_ ((int32_t)0xC0000184)
#define STATUS_NOT_FOUND_            ((int32_t)0xC0000225)

/* drivers/wdfintr.h's WIN_INFO */
typedef struct {
    uint32_t Vector[2];
    uint32_t Irql[2];
    uint32_t Mode[2];
    uint32_t Share[2];
    uint64_t Affinity[2];
    uint32_t ResourceCount;
    uint32_t Register;
    int32_t AppendStatus;
    int32_t InsertStatus;
    int32_t CreateErrors[3];
    uint32_t CountAfterRemove;
    uint32_t MappedTwiceSame;
    uint32_t Ports;
    int32_t ParentError;
} win_info;

static drvhost_file *start_device(void)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f = NULL;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_resources(HWID, RESOURCES, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(HWID, NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok(strcmp(got, INSTANCE) == 0, "instance %s, expected %s\n", got, INSTANCE);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

static int32_t ioctl_u32(drvhost_file *f, uint32_t code, uint32_t in)
{
    drvhost_iosb iosb = {0};
    return harness_ioctl(f, code, &in, sizeof in, NULL, 0, &iosb);
}

/* The driver's log since the last call must be `expected`. */
#define expect_log(f, expected) expect_log_at((f), (expected), __LINE__)
static void expect_log_at(drvhost_file *f, const char *expected, int line)
{
    char out[2048] = {0};
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(f, IOCTL_WIN_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
    ok(strcmp(out, expected) == 0, "line %d: log\n  '%s', expected\n  '%s'\n", line, out, expected);
}

static void drop_log(drvhost_file *f)
{
    char out[2048];
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(f, IOCTL_WIN_LOG, NULL, 0, out, sizeof out - 1, &iosb),
              STATUS_SUCCESS_);
}

/* Microsoft ("A User Plugs in a Device"; WdfInterruptCreate; EvtInterruptEnable): the resources
 * reach EvtDevicePrepareHardware, the interrupts are connected and enabled after D0Entry and
 * before D0EntryPostInterruptsEnabled, each EvtInterruptEnable at its DIRQL (a passive-level
 * interrupt's at PASSIVE_LEVEL), in creation order. */
TEST(start_prepares_then_enables_the_interrupts_after_d0entry)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    expect_log(f, "Prepare(4,4) D0Entry(5) IntEnable0(5) IntEnable1(0) D0PostIntEnable ");
    drvhost_close(f);
}

/* The raw and translated lists, the mapped memory and WdfInterruptGetInfo. */
TEST(the_resources_reach_prepare_hardware_translated)
{
    win_info info = {0};
    drvhost_iosb iosb = {0};
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WIN_INFO, NULL, 0, &info, sizeof info, &iosb),
              STATUS_SUCCESS_);
    ok(info.ResourceCount == 4, "%u resources\n", info.ResourceCount);
    ok(info.Vector[0] == 0x55 && info.Vector[1] == 0x59, "vectors 0x%x 0x%x\n", info.Vector[0],
       info.Vector[1]);
    ok(info.Irql[0] == 5 && info.Irql[1] == 5, "IRQLs %u %u\n", info.Irql[0], info.Irql[1]);
    ok(info.Mode[0] == 0 && info.Mode[1] == 1, "modes %u %u\n", info.Mode[0], info.Mode[1]);
    ok(info.Share[0] == 1 && info.Share[1] == 3, "share %u %u\n", info.Share[0], info.Share[1]);
    ok(info.Affinity[0] != 0 && info.Affinity[0] == info.Affinity[1], "affinity 0x%llx 0x%llx\n",
       (unsigned long long)info.Affinity[0], (unsigned long long)info.Affinity[1]);
    /* MmMapIoSpace: the registers are memory both mappings see. */
    ok(info.Register == 0x1234 && info.MappedTwiceSame == 1, "register 0x%x, same %u\n",
       info.Register, info.MappedTwiceSame);
    ok(info.Ports == 0x1F, "the port range through wdfhwaccess.h: checks %#x of 0x1f\n",
       info.Ports);
    /* WdfCmResourceListInsertDescriptor: PrepareHardware's lists cannot be changed. */
    ok(info.AppendStatus == STATUS_ACCESS_DENIED_ && info.InsertStatus == STATUS_ACCESS_DENIED_,
       "append 0x%08X, insert 0x%08X\n", (unsigned)info.AppendStatus, (unsigned)info.InsertStatus);
    ok(info.CountAfterRemove == 404, "%u after Remove\n", info.CountAfterRemove);
    /* WdfInterruptCreate's refusals: resources named in EvtDriverDeviceAdd, a wrong Size, no
     * resources named in EvtDevicePrepareHardware. */
    ok(info.CreateErrors[0] == STATUS_INVALID_PARAMETER_ &&
           info.CreateErrors[1] == STATUS_INFO_LENGTH_MISMATCH_ &&
           info.CreateErrors[2] == STATUS_INVALID_DEVICE_STATE_,
       "create errors 0x%08X 0x%08X 0x%08X\n", (unsigned)info.CreateErrors[0],
       (unsigned)info.CreateErrors[1], (unsigned)info.CreateErrors[2]);
    /* Microsoft (WdfInterruptCreate, KMDF 1.11 on): a ParentObject that is no device or queue
     * is STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED (0xC020020F). */
    ok(info.ParentError == (int32_t)0xC020020F, "a general object as parent: 0x%08X\n",
       (unsigned)info.ParentError);
    drvhost_close(f);
}

/* The ISR at the DIRQL with the lock held; EvtInterruptDpc at DISPATCH_LEVEL with the device
 * as its associated object. */
TEST(an_interrupt_runs_the_isr_at_dirql_then_its_dpc)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    drop_log(f);
    ok_status(drvhost_device_interrupt(INSTANCE, 0), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WIN_WAIT_DEFERRED, 1), STATUS_SUCCESS_);
    expect_log(f, "Isr0(5,0x1234) Dpc0(2,1) ");
    drvhost_close(f);
}

/* Microsoft ("Supporting Passive-Level Interrupts"): the ISR at PASSIVE_LEVEL, then
 * EvtInterruptWorkItem at PASSIVE_LEVEL. */
TEST(a_passive_level_interrupt_runs_its_isr_and_work_item_at_passive)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    drop_log(f);
    ok_status(drvhost_device_interrupt(INSTANCE, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WIN_WAIT_DEFERRED, 2), STATUS_SUCCESS_);
    expect_log(f, "Isr1(0) Work1(0) ");
    drvhost_close(f);
}

/* WdfInterruptAcquireLock raises to the DIRQL; a passive interrupt's lock stays at
 * PASSIVE_LEVEL (TryToAcquireLock takes it when free); ReleaseLock gives the IRQL back. */
TEST(the_interrupt_locks_run_at_their_irql)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    drop_log(f);
    ok_status(ioctl_u32(f, IOCTL_WIN_LOCK, 0), STATUS_SUCCESS_);
    expect_log(f, "Locked0(5) Locked1(0,try1) Locked1(0) After(0) ");
    ok_status(ioctl_u32(f, IOCTL_WIN_SYNC, 0), STATUS_SUCCESS_);
    expect_log(f, "Sync(5,ctx) SyncResult(1) ");
    ok_status(ioctl_u32(f, IOCTL_WIN_WDM_SYNC, 0), STATUS_SUCCESS_);
    expect_log(f, "WdmSync(5) WdmLock(5) ");
    /* WdfInterruptDisable / Enable: the driver's callbacks, at the DIRQL. */
    ok_status(ioctl_u32(f, IOCTL_WIN_ENABLE, 0), STATUS_SUCCESS_);
    expect_log(f, "IntDisable0(5) IntEnable0(5) ");
    drvhost_close(f);
}

/* Microsoft ("A User Unplugs a Device"; EvtInterruptDisable; "Deleting an Interrupt Object"):
 * D0ExitPreInterruptsDisabled, the interrupts disabled at their IRQL, D0Exit, then
 * ReleaseHardware; the interrupt created in PrepareHardware is deleted after ReleaseHardware
 * (the restart creates one again: still two interrupts, not three). */
TEST(stop_disables_the_interrupts_before_d0exit_and_restart_enables_them_again)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    drop_log(f);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_RESTART), STATUS_SUCCESS_);
    expect_log(f, "D0PreIntDisable IntDisable0(5) IntDisable1(0) D0Exit(5) Release Prepare(4,4) "
                  "D0Entry(5) IntEnable0(5) IntEnable1(0) D0PostIntEnable ");
    ok_status(drvhost_device_interrupt(INSTANCE, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WIN_WAIT_DEFERRED, 2), STATUS_SUCCESS_);
    expect_log(f, "Isr1(0) Work1(0) ");
    drvhost_close(f);
}

/* Reported inactive, the ISR is not called: nobody claims the interrupt; active again, it is. */
TEST(an_inactive_interrupt_is_not_serviced)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    drop_log(f);
    ok_status(ioctl_u32(f, IOCTL_WIN_INACTIVE, 1), STATUS_SUCCESS_);
    ok_status(drvhost_device_interrupt(INSTANCE, 0), STATUS_UNSUCCESSFUL_);
    expect_log(f, "");
    ok_status(ioctl_u32(f, IOCTL_WIN_INACTIVE, 0), STATUS_SUCCESS_);
    ok_status(drvhost_device_interrupt(INSTANCE, 0), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_WIN_WAIT_DEFERRED, 1), STATUS_SUCCESS_);
    expect_log(f, "Isr0(5,0x1234) Dpc0(2,1) ");
    drvhost_close(f);
}

/* The host's errors: no such interrupt, device, or resource; nothing connected once removed. */
TEST(bad_interrupts_and_resources_are_refused)
{
    char msg[256] = "";
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ok_status(drvhost_device_interrupt(INSTANCE, 2), STATUS_NOT_FOUND_);
    ok_status(drvhost_device_interrupt("ROOT\\NOTHERE\\0000", 0), STATUS_NO_SUCH_DEVICE_);
    ok_status(drvhost_device_resources("X\\Y", "irq:5 dma:1", msg, sizeof msg),
              STATUS_INVALID_PARAMETER_);
    ok(strstr(msg, "bad resource 'dma'") != NULL, "message '%s'\n", msg);
    ok_status(drvhost_device_resources("X\\Y", "irq:200", msg, sizeof msg),
              STATUS_INVALID_PARAMETER_);
    drvhost_close(f);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok_status(drvhost_device_interrupt(INSTANCE, 0), STATUS_NO_SUCH_DEVICE_);
}

/* ---- the verifier ------------------------------------------------------------------------ */

static void misuse(uint32_t which)
{
    drvhost_file *f = start_device();
    if (f == NULL)
        return;
    ioctl_u32(f, IOCTL_WIN_MISUSE, which);
    ok(0, "misuse %u returned\n", which);
}

/* Microsoft (WdfInterruptAcquireLock): not again before ReleaseLock: 0x10D/0x2. */
TEST(interrupt_lock_acquired_twice_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x2);
    misuse(1);
}

/* Released by a thread that does not hold it: 0x10D/0xB (parameter 3: 1). */
TEST(interrupt_lock_released_without_acquire_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0xB, 0, 1, 0);
    misuse(2);
}

/* WdfInterruptTryToAcquireLock is for passive-level interrupts: drvhost's 0x10D/0x1002. */
TEST(try_to_acquire_lock_of_a_dirql_interrupt_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x1002);
    misuse(3);
}

/* WdfInterruptAcquireLock at IRQL <= DIRQL: drvhost's 0x10D/0x1002 (parameter 3: the IRQL). */
TEST(interrupt_lock_above_its_dirql_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0x1002, 0, 15, 0);
    misuse(4);
}

/* A passive-level interrupt's lock at PASSIVE_LEVEL only. */
TEST(passive_interrupt_lock_at_dispatch_level_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3, 0x1002, 0, 2, 0);
    misuse(5);
}
