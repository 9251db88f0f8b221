/*
 * bugcheck.c - bug checks: the report, the host's handler, and the DDIs that end in one
 * (KeBugCheckEx, RtlAssert, DbgBreakPoint, RtlFailFast, PAGED_CODE violations).
 *
 * Only the first bug check runs: Windows stops every processor, so a second one from another
 * thread blocks that thread for good (the first one's handler ends the process). The report
 * goes to stderr with write(2) only, no locks taken: the thread that bug-checks may hold any of
 * the runtime's locks.
 */
#include "ke/ke_private.h"

#include <drvhost/drvhost.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static drvhost_bugcheck_handler bugcheck_handler;
static void *bugcheck_context;
static ke_address_namer address_namer;
static ke_report_context report_context;
static struct ke_thread *bugcheck_owner; /* the thread running the first bug check */

static const struct {
    ULONG code;
    const char *name;
} bugcheck_names[] = {
    {0x01, "APC_INDEX_MISMATCH"},
    {0x03, "INVALID_AFFINITY_SET"},
    {0x04, "INVALID_DATA_ACCESS_TRAP"},
    {0x08, "IRQL_NOT_DISPATCH_LEVEL"},
    {0x09, "IRQL_NOT_GREATER_OR_EQUAL"},
    {0x0A, "IRQL_NOT_LESS_OR_EQUAL"},
    {0x0B, "NO_EXCEPTION_HANDLING_SUPPORT"},
    {0x0C, "MAXIMUM_WAIT_OBJECTS_EXCEEDED"},
    {0x0D, "MUTEX_LEVEL_NUMBER_VIOLATION"},
    {0x0E, "NO_USER_MODE_CONTEXT"},
    {0x0F, "SPIN_LOCK_ALREADY_OWNED"},
    {0x10, "SPIN_LOCK_NOT_OWNED"},
    {0x11, "THREAD_NOT_MUTEX_OWNER"},
    {0x12, "TRAP_CAUSE_UNKNOWN"},
    {0x18, "REFERENCE_BY_POINTER"},
    {0x19, "BAD_POOL_HEADER"},
    {0x1E, "KMODE_EXCEPTION_NOT_HANDLED"},
    {0x20, "KERNEL_APC_PENDING_DURING_EXIT"},
    {0x33, "UNEXPECTED_INITIALIZATION_CALL"},
    {0x34, "CACHE_MANAGER"},
    {0x35, "NO_MORE_IRP_STACK_LOCATIONS"},
    {0x39, "SYSTEM_EXIT_OWNED_MUTEX"},
    {0x3A, "SYSTEM_UNWIND_PREVIOUS_USER"},
    {0x3B, "SYSTEM_SERVICE_EXCEPTION"},
    {0x41, "MUST_SUCCEED_POOL_EMPTY"},
    {0x44, "MULTIPLE_IRP_COMPLETE_REQUESTS"},
    {0x4A, "IRQL_GT_ZERO_AT_SYSTEM_SERVICE"},
    {0x4E, "PFN_LIST_CORRUPT"},
    {0x50, "PAGE_FAULT_IN_NONPAGED_AREA"},
    {0x76, "PROCESS_HAS_LOCKED_PAGES"},
    {0x7E, "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED"},
    {0x7F, "UNEXPECTED_KERNEL_MODE_TRAP"},
    {0x8E, "KERNEL_MODE_EXCEPTION_NOT_HANDLED"},
    {0x9F, "DRIVER_POWER_STATE_FAILURE"},
    {0xA0, "INTERNAL_POWER_ERROR"},
    {0xB8, "ATTEMPTED_SWITCH_FROM_DPC"},
    {0xBE, "ATTEMPTED_WRITE_TO_READONLY_MEMORY"},
    {0xC1, "SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION"},
    {0xC2, "BAD_POOL_CALLER"},
    {0xC4, "DRIVER_VERIFIER_DETECTED_VIOLATION"},
    {0xC5, "DRIVER_CORRUPTED_EXPOOL"},
    {0xC6, "DRIVER_CAUGHT_MODIFYING_FREED_POOL"},
    {0xC7, "TIMER_OR_DPC_INVALID"},
    {0xC8, "IRQL_UNEXPECTED_VALUE"},
    {0xC9, "DRIVER_VERIFIER_IOMANAGER_VIOLATION"},
    {0xCA, "PNP_DETECTED_FATAL_ERROR"},
    {0xCB, "DRIVER_LEFT_LOCKED_PAGES_IN_PROCESS"},
    {0xCE, "DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS"},
    {0xD1, "DRIVER_IRQL_NOT_LESS_OR_EQUAL"},
    {0xD5, "DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL"},
    {0xD6, "DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATED_POOL"},
    {0xE1, "WORKER_THREAD_RETURNED_AT_BAD_IRQL"},
    {0xE2, "MANUALLY_INITIATED_CRASH"},
    {0xE3, "RESOURCE_NOT_OWNED"},
    {0xEA, "THREAD_STUCK_IN_DEVICE_DRIVER"},
    {0xF6, "DRIVER_RETURNED_STATUS_REPARSE_FOR_VOLUME_OPEN"},
    {0xFE, "BUGCODE_USB_DRIVER"},
    {0x133, "DPC_WATCHDOG_VIOLATION"},
    {0x139, "KERNEL_SECURITY_CHECK_FAILURE"},
    {0x13A, "KERNEL_MODE_HEAP_CORRUPTION"},
    {0x1C4, "DRIVER_VERIFIER_DETECTED_VIOLATION_LIVEDUMP"},
};

const char *ke_bugcheck_name(ULONG code)
{
    for (size_t i = 0; i < sizeof(bugcheck_names) / sizeof(bugcheck_names[0]); i++)
        if (bugcheck_names[i].code == code)
            return bugcheck_names[i].name;
    return "UNKNOWN_BUGCHECK_CODE";
}

void ke_set_address_namer(ke_address_namer namer)
{
    __atomic_store_n(&address_namer, namer, __ATOMIC_RELEASE);
}

void ke_set_report_context(ke_report_context fn)
{
    __atomic_store_n(&report_context, fn, __ATOMIC_RELEASE);
}

const char *ke_address_name(const void *address)
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    return namer != NULL ? namer(address) : NULL;
}

void drvhost_set_bugcheck_handler(drvhost_bugcheck_handler handler, void *context)
{
    __atomic_store_n(&bugcheck_context, context, __ATOMIC_RELAXED);
    __atomic_store_n(&bugcheck_handler, handler, __ATOMIC_RELEASE);
}

static void report(const char *format, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *format, ...)
{
    char line[512];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    if (n > 0)
        os_write_stderr(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}

/* The driver of the innermost stack frame a driver module owns, so that a bug check raised by
 * the runtime on a driver's behalf (a spin lock, an IRP) names the driver that called it. */
static const char *find_driver(void)
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    void *frames[48];
    if (namer == NULL)
        return NULL;
    int n = os_backtrace_frames(frames, 48);
    for (int i = 0; i < n; i++) {
        const char *name = namer(frames[i]);
        if (name != NULL)
            return name;
    }
    return NULL;
}

/* No driver frame on the stack (a check the runtime makes after a dispatch routine returned):
 * a parameter that points into a driver module (0xC9's dispatch routine) names it. */
static const char *driver_of_params(const ULONG_PTR p[4])
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    for (int i = 0; namer != NULL && i < 4; i++) {
        const char *name = p[i] > 0xFFFF ? namer((const void *)p[i]) : NULL;
        if (name != NULL)
            return name;
    }
    return NULL;
}

/* "driver: NAME (routine NAME+0xOFFSET)" for a check made after `routine` returned. */
static void report_routine(const void *routine)
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    const char *driver = namer != NULL ? namer(routine) : NULL;
    void *base = NULL;
    if (driver == NULL) {
        report("driver: (none: routine %p is not in a driver module)\n", routine);
        return;
    }
    if (!os_address_module(routine, &base, NULL) || base == NULL)
        base = (void *)routine;
    report("driver: %s (routine %s+0x%llx)\n", driver, driver,
           (unsigned long long)((uintptr_t)routine - (uintptr_t)base));
}

static void report_driver(const ULONG_PTR p[4], const void *routine)
{
    const char *driver;
    if (routine != NULL) {
        report_routine(routine);
        return;
    }
    driver = find_driver();
    if (driver == NULL)
        driver = driver_of_params(p);
    report("driver: %s\n", driver != NULL ? driver : "(unknown)");
}

static void report_bugcheck(ULONG code, const ULONG_PTR p[4], const void *routine)
{
    struct ke_thread *t = ke_current_thread();
    ke_report_context context = __atomic_load_n(&report_context, __ATOMIC_ACQUIRE);
    char during[600] = "";
    if (context != NULL)
        context(during, sizeof(during));
    report("*** STOP 0x%08X %s\n", (unsigned)code, ke_bugcheck_name(code));
    report("    (0x%016llX, 0x%016llX, 0x%016llX, 0x%016llX)\n", (unsigned long long)p[0],
           (unsigned long long)p[1], (unsigned long long)p[2], (unsigned long long)p[3]);
    report_driver(p, routine);
    if (during[0] != 0)
        report("scenario: %s\n", during);
    report("thread: %s tid %llu irql %u\n", t->name ? t->name : "?", (unsigned long long)t->tid,
           (unsigned)ke_irql());
    os_backtrace(2);
}

/* A second bug check: the same thread (its handler or report failed) ends the process; any
 * other thread stops here for good, as the other processors do on Windows. */
static __attribute__((noreturn)) void bugcheck_again(struct ke_thread *t)
{
    if (t == __atomic_load_n(&bugcheck_owner, __ATOMIC_ACQUIRE)) {
        report("*** recursive bug check\n");
        os_exit_now(DRVHOST_EXIT_BUGCHECK);
    }
    for (;;)
        os_sleep_ns(1000000000u);
}

static __attribute__((noreturn)) void bugcheck(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3,
                                               ULONG_PTR p4, const char *why, const void *routine)
{
    struct ke_thread *t = ke_current_thread(), *none = NULL;
    const ULONG_PTR p[4] = {p1, p2, p3, p4};
    if (!__atomic_compare_exchange_n(&bugcheck_owner, &none, t, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        bugcheck_again(t);
    if (why != NULL)
        report("drvhost: %s\n", why);
    report_bugcheck(code, p, routine);
    drvhost_bugcheck_handler handler = __atomic_load_n(&bugcheck_handler, __ATOMIC_ACQUIRE);
    if (handler != NULL) {
        const uint64_t params[4] = {p1, p2, p3, p4};
        handler(code, params, __atomic_load_n(&bugcheck_context, __ATOMIC_RELAXED));
    }
    os_exit_now(DRVHOST_EXIT_BUGCHECK);
}

void ke_bugcheck(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4)
{
    bugcheck(code, p1, p2, p3, p4, NULL, NULL);
}

static __attribute__((noreturn)) void bugcheck_v(ULONG code, const ULONG_PTR p[4],
                                                 const void *routine, const char *fmt, va_list args)
{
    char why[400];
    vsnprintf(why, sizeof(why), fmt, args);
    bugcheck(code, p[0], p[1], p[2], p[3], why, routine);
}

void ke_bugcheck_msg(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4,
                     const char *fmt, ...)
{
    const ULONG_PTR p[4] = {p1, p2, p3, p4};
    va_list args;
    va_start(args, fmt);
    bugcheck_v(code, p, NULL, fmt, args);
}

void ke_bugcheck_routine(ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3, ULONG_PTR p4,
                         const void *routine, const char *fmt, ...)
{
    const ULONG_PTR p[4] = {p1, p2, p3, p4};
    va_list args;
    va_start(args, fmt);
    bugcheck_v(code, p, routine, fmt, args);
}

/* ---- DDIs ------------------------------------------------------------------------------- */

VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1, ULONG_PTR BugCheckParameter2,
                  ULONG_PTR BugCheckParameter3, ULONG_PTR BugCheckParameter4)
{
    bugcheck(BugCheckCode, BugCheckParameter1, BugCheckParameter2, BugCheckParameter3,
             BugCheckParameter4, NULL, NULL);
}

VOID KeBugCheck(ULONG BugCheckCode)
{
    bugcheck(BugCheckCode, 0, 0, 0, 0, NULL, NULL);
}

/* Windows would break into an attached kernel debugger; with none (as here) the breakpoint
 * exception is unhandled: KMODE_EXCEPTION_NOT_HANDLED with STATUS_BREAKPOINT. */
static __attribute__((noreturn)) void breakpoint(void *caller, const char *why)
{
    bugcheck(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)(ULONG)STATUS_BREAKPOINT,
             (ULONG_PTR)caller, 0, 0, why, NULL);
}

VOID RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber,
               PCHAR MutableMessage)
{
    char why[600];
    snprintf(why, sizeof(why), "Assertion failed: %s%s%s, %s:%lu",
             MutableMessage != NULL ? MutableMessage : "", MutableMessage != NULL ? ": " : "",
             (const char *)VoidFailedAssertion, (const char *)VoidFileName,
             (unsigned long)LineNumber);
    breakpoint(__builtin_return_address(0), why);
}

VOID DbgBreakPoint(VOID)
{
    breakpoint(__builtin_return_address(0), "DbgBreakPoint");
}

VOID DbgBreakPointWithStatus(ULONG Status)
{
    char why[64];
    snprintf(why, sizeof(why), "DbgBreakPointWithStatus(0x%08X)", (unsigned)Status);
    breakpoint(__builtin_return_address(0), why);
}

/* KERNEL_SECURITY_CHECK_FAILURE, parameter 1 = the fast-fail code (3: corrupt LIST_ENTRY). */
VOID RtlFailFast(ULONG Code)
{
    char why[64];
    snprintf(why, sizeof(why), "RtlFailFast(%lu)%s", (unsigned long)Code,
             Code == FAST_FAIL_CORRUPT_LIST_ENTRY ? ": corrupted LIST_ENTRY" : "");
    bugcheck(BUGCODE_KERNEL_SECURITY_CHECK_FAILURE, Code, 0, 0, 0, why, NULL);
}

/* PAGED_CODE() above APC_LEVEL: IRQL_NOT_LESS_OR_EQUAL with the parameters of an execute
 * fault on pageable code: address (the caller), IRQL, 8 (execute), instruction pointer. */
VOID drvhost_paged_code_violation(const char *File, int Line)
{
    char why[400];
    void *caller = __builtin_return_address(0);
    snprintf(why, sizeof(why), "PAGED_CODE() at IRQL %u in %s:%d", (unsigned)ke_irql(), File, Line);
    bugcheck(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)caller, ke_irql(), 8, (ULONG_PTR)caller,
             why, NULL);
}
