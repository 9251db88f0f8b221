/*
 * test_prm.c - the Platform Runtime Mechanism direct-call interface (prminterface.h):
 * ExGetPrmInterface and the routines of its PRM_INTERFACE, on drvhost's machine, whose
 * firmware publishes no PRM module (docs/notify.md, "Platform Runtime Mechanism"): the
 * interface is there, no handler is found, and what needs a handler fails.
 */
#include <ntddk.h>
#include <prminterface.h>

#include "harness.h"

#include <string.h>

/* Any handler GUID: none exists here. */
static GUID handler = {
    0x5a3d1f6e, 0x2b4c, 0x4d8e, {0x9a, 0x10, 0x3c, 0x55, 0x6e, 0x7f, 0x80, 0x91}};

static PRM_INTERFACE get_interface(void)
{
    PRM_INTERFACE prm;
    memset(&prm, 0, sizeof(prm));
    ok_status(ExGetPrmInterface(1, &prm), STATUS_SUCCESS);
    return prm;
}

/* Version 1 (Windows 11, version 24H2): the structure's version and its four routines. */
TEST(interface_version_1_has_its_routines)
{
    PRM_INTERFACE prm = get_interface();
    ok(prm.Version == 1, "Version %lu", (unsigned long)prm.Version);
    ok(prm.LockModule != NULL && prm.UnlockModule != NULL && prm.InvokeHandler != NULL &&
           prm.QueryHandler != NULL,
       "a routine is missing");
}

/* drvhost's statuses for what Windows calls "an appropriate error code"; the structure is not
 * written on failure. */
TEST(interface_bad_version_or_pointer)
{
    PRM_INTERFACE prm;
    memset(&prm, 0xA5, sizeof(prm));
    ok_status(ExGetPrmInterface(0, &prm), STATUS_INVALID_PARAMETER);
    ok_status(ExGetPrmInterface(2, &prm), STATUS_INVALID_PARAMETER);
    ok(prm.Version == 0xA5A5A5A5u, "written on failure");
    ok_status(ExGetPrmInterface(1, NULL), STATUS_INVALID_PARAMETER);
}

TEST(query_finds_no_handler)
{
    PRM_INTERFACE prm = get_interface();
    BOOLEAN found = TRUE;
    if (prm.QueryHandler == NULL)
        return;
    ok_status(prm.QueryHandler(&handler, &found), STATUS_SUCCESS);
    ok(found == FALSE, "a handler found on a machine without PRM modules");
    ok_status(prm.QueryHandler(NULL, &found), STATUS_INVALID_PARAMETER);
    ok_status(prm.QueryHandler(&handler, NULL), STATUS_INVALID_PARAMETER);
}

TEST(lock_and_unlock_find_no_module)
{
    PRM_INTERFACE prm = get_interface();
    if (prm.LockModule == NULL || prm.UnlockModule == NULL)
        return;
    ok_status(prm.LockModule(&handler), STATUS_NOT_FOUND);
    ok_status(prm.UnlockModule(&handler), STATUS_NOT_FOUND);
    ok_status(prm.LockModule(NULL), STATUS_INVALID_PARAMETER);
    ok_status(prm.UnlockModule(NULL), STATUS_INVALID_PARAMETER);
}

/* No handler runs: STATUS_NOT_FOUND and the EFI status untouched; Reserved must be zero. */
TEST(invoke_runs_no_handler)
{
    PRM_INTERFACE prm = get_interface();
    UCHAR parameters[308] = {0};
    ULONG64 efi = 0x1234;
    if (prm.InvokeHandler == NULL)
        return;
    ok_status(prm.InvokeHandler(&handler, parameters, 0, &efi), STATUS_NOT_FOUND);
    ok(efi == 0x1234, "EfiStatus written: %#llx", (unsigned long long)efi);
    ok_status(prm.InvokeHandler(&handler, parameters, 1, &efi), STATUS_INVALID_PARAMETER);
    ok_status(prm.InvokeHandler(NULL, parameters, 0, &efi), STATUS_INVALID_PARAMETER);
    ok_status(prm.InvokeHandler(&handler, parameters, 0, NULL), STATUS_INVALID_PARAMETER);
}

/* The routines may be called at any IRQL up to HIGH_LEVEL. */
TEST(routines_callable_at_high_level)
{
    PRM_INTERFACE prm = get_interface();
    BOOLEAN found = TRUE;
    KIRQL old;
    if (prm.QueryHandler == NULL)
        return;
    KeRaiseIrql(HIGH_LEVEL, &old);
    ok_status(prm.QueryHandler(&handler, &found), STATUS_SUCCESS);
    ok_status(prm.LockModule(&handler), STATUS_NOT_FOUND);
    KeLowerIrql(old);
}

/* ExGetPrmInterface is PASSIVE_LEVEL only: IRQL_NOT_LESS_OR_EQUAL (the structure, the IRQL). */
TEST(get_interface_at_dispatch_level_bugchecks)
{
    PRM_INTERFACE prm;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_params(0x0A, BUGCHECK_P1 | BUGCHECK_P2, &prm, DISPATCH_LEVEL, 0, 0);
    ExGetPrmInterface(1, &prm);
}
