/*
 * test_fault_inject.c - what a driver sees when the system runs out of memory or threads:
 * the documented failure of each routine, and nothing leaked (the harness fails a test whose
 * shutdown reports leaked pool). drvhost_fault_arm (src/os/os.h) makes the Nth pool allocation
 * with a given tag, or the Nth thread creation, fail once; DRVHOST_FAULT does the same from
 * the environment at boot. On Windows, Driver Verifier's low-resources simulation plays this
 * part.
 */
#include <wdm.h>

#include "harness.h"

#include "os/os.h"

#include <stdlib.h>
#include <string.h>

#define TAG        'tFxE'
#define OB_TAG     'jbOD'      /* src/ob/object.c: every object's header */
#define STRING_TAG 0x53747247u /* 'GrtS' as the pool prints it: Rtl's string buffers */
#define FAULT_KEY  L"\\Registry\\Machine\\Software\\DrvhostFault"

static drvhost_options quiet_options(void)
{
    drvhost_options o = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    return o;
}

/* ---- pool ------------------------------------------------------------------------------- */

/* Documented: NULL when the pool cannot satisfy the request; with
 * POOL_RAISE_IF_ALLOCATION_FAILURE an exception instead. */
TEST(pool_allocation_failure_returns_null_or_raises)
{
    NTSTATUS caught = STATUS_SUCCESS;
    PVOID p = (PVOID)1;
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    p = ExAllocatePoolWithTag(NonPagedPoolNx, 32, TAG);
    ok(p == NULL, "the armed allocation returned %p\n", p);
    p = ExAllocatePoolWithTag(NonPagedPoolNx, 32, TAG);
    ok(p != NULL, "only one allocation fails\n");
    ExFreePoolWithTag(p, TAG);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    __try {
        p = ExAllocatePoolWithTag((POOL_TYPE)(NonPagedPoolNx | POOL_RAISE_IF_ALLOCATION_FAILURE),
                                  32, TAG);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_INSUFFICIENT_RESOURCES);
}

/* Documented: ExAllocatePoolWithQuotaTag raises on failure unless the type carries
 * POOL_QUOTA_FAIL_INSTEAD_OF_RAISE. */
TEST(quota_allocation_failure_raises_unless_told_not_to)
{
    NTSTATUS caught = STATUS_SUCCESS;
    PVOID p = (PVOID)1;
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    __try {
        p = ExAllocatePoolWithQuotaTag(NonPagedPoolNx, 32, TAG);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_INSUFFICIENT_RESOURCES);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    p = ExAllocatePoolWithQuotaTag((POOL_TYPE)(NonPagedPoolNx | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE),
                                   32, TAG);
    ok(p == NULL, "the armed allocation returned %p\n", p);
}

/* ---- lookaside lists -------------------------------------------------------------------- */

/* EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL: "If the allocation fails, raise an exception";
 * without it the default allocation routine returns NULL. */
TEST(lookaside_ex_raise_on_fail)
{
    static LOOKASIDE_LIST_EX list;
    NTSTATUS caught = STATUS_SUCCESS;
    PVOID p = (PVOID)1;
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, NonPagedPoolNx,
                                          EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL, 48, TAG, 0),
              STATUS_SUCCESS);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    __try {
        p = ExAllocateFromLookasideListEx(&list);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        caught = GetExceptionCode();
    }
    ok_status(caught, STATUS_INSUFFICIENT_RESOURCES);
    ok(p == (PVOID)1, "no entry returned\n");
    ExDeleteLookasideListEx(&list);
}

TEST(lookaside_ex_without_flags_returns_null)
{
    static LOOKASIDE_LIST_EX list;
    PVOID p = (PVOID)1;
    ok_status(ExInitializeLookasideListEx(&list, NULL, NULL, NonPagedPoolNx, 0, 48, TAG, 0),
              STATUS_SUCCESS);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, TAG);
    p = ExAllocateFromLookasideListEx(&list);
    ok(p == NULL, "the failed allocation gave %p\n", p);
    p = ExAllocateFromLookasideListEx(&list);
    ok(p != NULL, "the next one succeeds\n");
    ExFreeToLookasideListEx(&list, p);
    ExDeleteLookasideListEx(&list);
}

/* ---- strings ---------------------------------------------------------------------------- */

/* RtlAnsiStringToUnicodeString allocating the destination: a failed allocation is
 * STATUS_NO_MEMORY and the destination is not changed. */
TEST(ansi_to_unicode_allocation_failure)
{
    ANSI_STRING a;
    UNICODE_STRING u = {0, 0, NULL};
    RtlInitAnsiString(&a, "drvhost");
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, STRING_TAG);
    ok_status(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_NO_MEMORY);
    ok(u.Buffer == NULL && u.Length == 0 && u.MaximumLength == 0, "destination changed\n");
    ok_status(RtlAnsiStringToUnicodeString(&u, &a, TRUE), STATUS_SUCCESS);
    ok(u.Length == 14, "length %u\n", u.Length);
    RtlFreeUnicodeString(&u);
}

/* ... and the other way, RtlUnicodeStringToAnsiString. */
TEST(unicode_to_ansi_allocation_failure)
{
    UNICODE_STRING u = RTL_CONSTANT_STRING(L"drvhost");
    ANSI_STRING a = {0, 0, NULL};
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, STRING_TAG);
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_NO_MEMORY);
    ok(a.Buffer == NULL && a.Length == 0 && a.MaximumLength == 0, "destination changed\n");
    ok_status(RtlUnicodeStringToAnsiString(&a, &u, TRUE), STATUS_SUCCESS);
    ok(a.Length == 7, "length %u\n", a.Length);
    RtlFreeAnsiString(&a);
}

/* ---- registry --------------------------------------------------------------------------- */

static NTSTATUS create_fault_key(HANDLE *h)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    RtlInitUnicodeString(&name, FAULT_KEY);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    return ZwCreateKey(h, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_VOLATILE, NULL);
}

/* The key object cannot be allocated: STATUS_INSUFFICIENT_RESOURCES and no handle; the key
 * is not leaked (the next create and a delete work, shutdown reports nothing). */
TEST(zw_create_key_object_allocation_fails)
{
    HANDLE h = NULL;
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, OB_TAG);
    ok_status(create_fault_key(&h), STATUS_INSUFFICIENT_RESOURCES);
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    ok_status(create_fault_key(&h), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* ---- threads and the boot --------------------------------------------------------------- */

/* A boot whose second DPC thread (two processors) or timer thread cannot be created fails
 * with STATUS_INSUFFICIENT_RESOURCES, having stopped what it started: the next boot works. */
TEST(boot_fails_when_a_kernel_thread_cannot_be_created)
{
    drvhost_options o = quiet_options();
    o.processors = 2;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    for (unsigned nth = 1; nth <= 3; nth++) { /* DPC thread 1, DPC thread 2, the timer */
        drvhost_fault_arm(OS_INJECT_THREAD, nth, 0);
        ok_status(drvhost_init(&o), STATUS_INSUFFICIENT_RESOURCES);
        drvhost_fault_arm(OS_INJECT_THREAD, 0, 0);
    }
    ok_status(drvhost_init(&o), STATUS_SUCCESS); /* the harness shuts it down */
    ok(KeQueryActiveProcessorCount(NULL) == 2, "processors %lu\n",
       (unsigned long)KeQueryActiveProcessorCount(NULL));
}

/* DRVHOST_FAULT arms the same from the environment at boot; a malformed value is named on
 * stderr and fails the boot. */
TEST(drvhost_fault_environment_variable)
{
    drvhost_options o = quiet_options();
    char *err;
    o.processors = 1;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    setenv("DRVHOST_FAULT", "thread:1", 1);
    ok_status(drvhost_init(&o), STATUS_INSUFFICIENT_RESOURCES);
    setenv("DRVHOST_FAULT", "alloc:1:tFx", 1);
    harness_stderr_begin();
    ok_status(drvhost_init(&o), STATUS_INVALID_PARAMETER);
    err = harness_stderr_end();
    ok(err && strstr(err, "DRVHOST_FAULT: 'alloc:1:tFx' is not") != NULL, "stderr: %s", err);
    free(err);
    setenv("DRVHOST_FAULT", "alloc:1:ExFt", 1); /* 'tFxE' as the pool prints it */
    ok_status(drvhost_init(&o), STATUS_SUCCESS);
    ok(ExAllocatePoolWithTag(NonPagedPoolNx, 8, TAG) == NULL, "the armed allocation\n");
    unsetenv("DRVHOST_FAULT");
}

/* ---- files ------------------------------------------------------------------------------ */

/* An open whose file object cannot be allocated fails with STATUS_INSUFFICIENT_RESOURCES and
 * releases the device it looked up: the driver still unloads, the next open works. */
TEST(open_fails_when_its_file_object_cannot_be_allocated)
{
    drvhost_file *file = NULL;
    harness_load_driver("fifo");
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, OB_TAG);
    ok_status(drvhost_open("\\\\.\\Fifo", GENERIC_READ | GENERIC_WRITE, &file),
              STATUS_INSUFFICIENT_RESOURCES);
    ok(file == NULL, "a handle for a failed open\n");
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    ok_status(drvhost_open("\\\\.\\Fifo", GENERIC_READ | GENERIC_WRITE, &file), STATUS_SUCCESS);
    ok_status(drvhost_close(file), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
}
