/*
 * test_irql_rule.c - the DDI compliance rule IrqlPsPassive: PsCreateSystemThread, PsGetVersion,
 * PsSetCreateProcessNotifyRoutine, PsSetCreateThreadNotifyRoutine, PsSetLoadImageNotifyRoutine
 * and PsTerminateSystemThread only at PASSIVE_LEVEL; Driver Verifier's DDI compliance checking
 * reports a call above it as bug check 0xC4 DRIVER_VERIFIER_DETECTED_VIOLATION with parameter 1
 * 0x2001C (the rule's page). drvhost's parameters 2 and 3: the IRQL, 0 (docs/verifier.md).
 * PsGetVersion under a spin lock is the defect injected in Driver Verifier's failing sample
 * (tools/dv/samples/DV-FailDriver-WDM).
 */
#include <wdm.h>
#include <ntddk.h>

#include "harness.h"
#include "systhread.h"

#define IRQL_PS_PASSIVE 0x2001C

static void expect_ps_rule(KIRQL irql)
{
    expect_bugcheck_params(0xC4, BUGCHECK_PALL, IRQL_PS_PASSIVE, irql, 0, 0);
}

TEST(version_under_a_spin_lock_is_0xC4_0x2001C)
{
    KSPIN_LOCK lock;
    KIRQL old;
    ULONG major, minor, build;

    KeInitializeSpinLock(&lock);
    ok(PsGetVersion(&major, &minor, &build, NULL) == FALSE, "at PASSIVE_LEVEL: fine");
    KeAcquireSpinLock(&lock, &old);
    expect_ps_rule(DISPATCH_LEVEL);
    PsGetVersion(&major, &minor, &build, NULL);
}

TEST(version_at_apc_level_is_0xC4_0x2001C)
{
    KIRQL old;

    KeRaiseIrql(APC_LEVEL, &old);
    expect_ps_rule(APC_LEVEL);
    PsGetVersion(NULL, NULL, NULL, NULL);
}

static VOID NoWork(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
}

TEST(create_system_thread_at_dispatch_is_0xC4_0x2001C)
{
    HANDLE h = NULL;
    KIRQL old;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_ps_rule(DISPATCH_LEVEL);
    PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, NoWork, NULL);
}

static VOID TerminateAtApc(PVOID Context)
{
    KIRQL old;

    UNREFERENCED_PARAMETER(Context);
    KeRaiseIrql(APC_LEVEL, &old);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

TEST(terminate_system_thread_at_apc_is_0xC4_0x2001C)
{
    expect_ps_rule(APC_LEVEL);
    join_thread(start_thread(TerminateAtApc, NULL));
}

/* Routines that are never called: the registrations below fail (or are undone) first. */
static VOID OnProcess(HANDLE ParentId, HANDLE ProcessId, BOOLEAN Create)
{
    (void)ParentId, (void)ProcessId, (void)Create;
}

static VOID OnThread(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    (void)ProcessId, (void)ThreadId, (void)Create;
}

static VOID OnImage(PUNICODE_STRING Name, HANDLE ProcessId, PIMAGE_INFO Info)
{
    (void)Name, (void)ProcessId, (void)Info;
}

TEST(process_routine_at_dispatch_is_0xC4_0x2001C)
{
    KIRQL old;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_ps_rule(DISPATCH_LEVEL);
    PsSetCreateProcessNotifyRoutine(OnProcess, FALSE);
}

TEST(thread_routine_at_apc_is_0xC4_0x2001C)
{
    KIRQL old;

    KeRaiseIrql(APC_LEVEL, &old);
    expect_ps_rule(APC_LEVEL);
    PsSetCreateThreadNotifyRoutine(OnThread);
}

TEST(image_routine_at_dispatch_is_0xC4_0x2001C)
{
    KIRQL old;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_ps_rule(DISPATCH_LEVEL);
    PsSetLoadImageNotifyRoutine(OnImage);
}

/* The Ex forms are not routines of the rule: their pages' PASSIVE_LEVEL is the generic IRQL
 * check, 0xA with the IRQL in parameter 2 (parameter 1, the address, is 0: none referenced). */
static VOID OnThreadEx(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    (void)ProcessId, (void)ThreadId, (void)Create;
}

TEST(thread_routine_ex_at_dispatch_is_0xA)
{
    KIRQL old;

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2, 0, DISPATCH_LEVEL, 0, 0);
    PsSetCreateThreadNotifyRoutineEx(PsCreateThreadNotifyNonSystem, (PVOID)OnThreadEx);
    ok(FALSE, "returned at DISPATCH_LEVEL"); /* the harness's own end of test would be 0xA too */
}

TEST(image_routine_ex_at_apc_is_0xA)
{
    KIRQL old;

    KeRaiseIrql(APC_LEVEL, &old);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2, 0, APC_LEVEL, 0, 0);
    PsSetLoadImageNotifyRoutineEx(OnImage, 0);
    ok(FALSE, "returned at APC_LEVEL"); /* the harness's own end of test would be 0xA too */
}

TEST(ex_registrations_at_passive_level)
{
    ok_status(PsSetCreateThreadNotifyRoutineEx(PsCreateThreadNotifyNonSystem, (PVOID)OnThreadEx),
              STATUS_SUCCESS);
    ok_status(PsRemoveCreateThreadNotifyRoutine(OnThreadEx), STATUS_SUCCESS);
    ok_status(PsSetLoadImageNotifyRoutineEx(OnImage, 0), STATUS_SUCCESS);
    ok_status(PsRemoveLoadImageNotifyRoutine(OnImage), STATUS_SUCCESS);
}

/* At PASSIVE_LEVEL the three registrations work (and are undone). */
TEST(registrations_at_passive_level)
{
    ok_status(PsSetCreateProcessNotifyRoutine(OnProcess, FALSE), STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutine(OnProcess, TRUE), STATUS_SUCCESS);
    ok_status(PsSetCreateThreadNotifyRoutine(OnThread), STATUS_SUCCESS);
    ok_status(PsRemoveCreateThreadNotifyRoutine(OnThread), STATUS_SUCCESS);
    ok_status(PsSetLoadImageNotifyRoutine(OnImage), STATUS_SUCCESS);
    ok_status(PsRemoveLoadImageNotifyRoutine(OnImage), STATUS_SUCCESS);
}
