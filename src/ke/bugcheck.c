/*
 * bugcheck.c - bug checks: the report, the host's handler, and the DDIs that end in one
 * (KeBugCheckEx, RtlAssert, DbgBreakPoint, RtlFailFast, PAGED_CODE violations).
 *
 * The report says what each parameter means (the table in src/vf/bugcodes.c) and what caused
 * the stop: a contract check the runtime made (the function that made it), a fault (a signal
 * turned into a bug check), an unhandled exception, or a caller of KeBugCheckEx.
 *
 * Only the first bug check runs: Windows stops every processor, so a second one from another
 * thread blocks that thread for good (the first one's handler ends the process). The report
 * goes to stderr with write(2) only, no locks taken: the thread that bug-checks may hold any of
 * the runtime's locks.
 */
#include "ke/ke_private.h"
#include "vf/vf.h"

#include <drvhost/drvhost.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static drvhost_bugcheck_handler bugcheck_handler;
static void *bugcheck_context;
static ke_address_namer address_namer;
static ke_report_context report_context;
static ke_report_driver_log report_driver_log;
static struct ke_thread *bugcheck_owner; /* the thread running the first bug check */

void ke_set_address_namer(ke_address_namer namer)
{
    __atomic_store_n(&address_namer, namer, __ATOMIC_RELEASE);
}

void ke_set_report_context(ke_report_context fn)
{
    __atomic_store_n(&report_context, fn, __ATOMIC_RELEASE);
}

void ke_set_report_driver_log(ke_report_driver_log fn)
{
    __atomic_store_n(&report_driver_log, fn, __ATOMIC_RELEASE);
}

const char *ke_address_name(const void *address)
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    return namer != NULL ? namer(address) : NULL;
}

void ke_site_text(const void *caller, char *out, size_t size)
{
    void *base = NULL;
    const char *driver = caller != NULL ? ke_address_name(caller) : NULL;
    if (driver == NULL || !os_address_module(caller, &base, NULL) || base == NULL) {
        snprintf(out, size, "%p", caller);
        return;
    }
    snprintf(out, size, "%s+0x%llx", driver,
             (unsigned long long)((uintptr_t)caller - (uintptr_t)base));
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

/* "driver: NAME (routine NAME+0xOFFSET)" for a check made after `routine` returned. Returns
 * the driver's name or NULL. */
static const char *report_routine(const void *routine)
{
    ke_address_namer namer = __atomic_load_n(&address_namer, __ATOMIC_ACQUIRE);
    const char *driver = namer != NULL ? namer(routine) : NULL;
    void *base = NULL;
    if (driver == NULL) {
        report("driver: (none: routine %p is not in a driver module)\n", routine);
        return NULL;
    }
    if (!os_address_module(routine, &base, NULL) || base == NULL)
        base = (void *)routine;
    report("driver: %s (routine %s+0x%llx)\n", driver, driver,
           (unsigned long long)((uintptr_t)routine - (uintptr_t)base));
    return driver;
}

/* The "driver:" line; returns the driver's name or NULL. */
static const char *report_driver(const ULONG_PTR p[4], const void *routine)
{
    const char *driver;
    if (routine != NULL)
        return report_routine(routine);
    driver = find_driver();
    if (driver == NULL)
        driver = driver_of_params(p);
    report("driver: %s\n", driver != NULL ? driver : "(unknown)");
    return driver;
}

/* The report's lines from the driver's in-flight recorder (src/trace), written as they come. */
static void report_log_line(const char *line)
{
    report("    %s\n", line);
}

/* What each parameter means: Microsoft's meaning from the table, the violation's row for a
 * code whose parameter 1 selects one, and drvhost's note where its parameters differ. Reserved
 * and undocumented parameters are left out. */
static void report_param(int number, const char *meaning)
{
    if (meaning[0] != 0 && strcmp(meaning, "reserved") != 0)
        report("    %d: %s\n", number, meaning);
}

static void report_params(ULONG code, const ULONG_PTR p[4])
{
    const struct vf_bugcode *b = vf_bugcode_find(code);
    const struct vf_subcode *sub = vf_subcode_find(code, p[0]);
    if (b == NULL)
        return;
    if (b->flags & VF_SUBCODES) {
        report("    1: 0x%llX: %s\n", (unsigned long long)p[0],
               sub != NULL ? sub->what : "(a violation this table does not describe)");
        for (int i = 0; sub != NULL && i < 3; i++)
            report_param(i + 2, sub->param[i]);
    } else {
        for (int i = 0; i < 4; i++)
            report_param(i + 1, b->param[i]);
    }
    if (sub != NULL && sub->note != NULL)
        report("    drvhost: %s\n", sub->note);
    else if (sub == NULL && b->note != NULL)
        report("    drvhost: %s\n", b->note);
}

static void report_bugcheck(ULONG code, const ULONG_PTR p[4], const void *routine,
                            const char *cause)
{
    struct ke_thread *t = ke_current_thread();
    ke_report_context context = __atomic_load_n(&report_context, __ATOMIC_ACQUIRE);
    char during[600] = "";
    if (context != NULL)
        context(during, sizeof(during));
    report("*** STOP 0x%08X %s\n", (unsigned)code, vf_bugcode_name(code));
    report("    (0x%016llX, 0x%016llX, 0x%016llX, 0x%016llX)\n", (unsigned long long)p[0],
           (unsigned long long)p[1], (unsigned long long)p[2], (unsigned long long)p[3]);
    report_params(code, p);
    report("cause: %s\n", cause);
    const char *driver = report_driver(p, routine);
    ke_report_driver_log log = __atomic_load_n(&report_driver_log, __ATOMIC_ACQUIRE);
    if (driver != NULL && log != NULL)
        log(driver, report_log_line);
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

struct stop {
    ULONG code;
    ULONG_PTR p[4];
    const char *why;     /* the one-line explanation, or NULL */
    const void *routine; /* the driver routine a check after its return names, or NULL */
    const char *cause;   /* the report's cause line */
};

static __attribute__((noreturn)) void bugcheck(const struct stop *s)
{
    struct ke_thread *t = ke_current_thread(), *none = NULL;
    if (!__atomic_compare_exchange_n(&bugcheck_owner, &none, t, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE))
        bugcheck_again(t);
    if (s->why != NULL)
        report("drvhost: %s\n", s->why);
    report_bugcheck(s->code, s->p, s->routine, s->cause);
    drvhost_bugcheck_handler handler = __atomic_load_n(&bugcheck_handler, __ATOMIC_ACQUIRE);
    if (handler != NULL) {
        const uint64_t params[4] = {s->p[0], s->p[1], s->p[2], s->p[3]};
        handler(s->code, params, __atomic_load_n(&bugcheck_context, __ATOMIC_RELAXED));
    }
    os_exit_now(DRVHOST_EXIT_BUGCHECK);
}

/* The owner's handler ends the process (drvhost.h: a handler never returns), so this thread
 * waits for that, as bugcheck_again's other threads do. */
void ke_bugcheck_settle(void)
{
    if (__atomic_load_n(&bugcheck_owner, __ATOMIC_ACQUIRE) == NULL)
        return;
    for (;;)
        os_sleep_ns(1000000000u);
}

/* A contract check made by `function` of the runtime; fmt (may be NULL) the explanation. */
static __attribute__((noreturn)) void contract_stop(const char *function, struct stop *s,
                                                    const char *fmt, va_list *args)
{
    char why[400], cause[160];
    if (fmt != NULL) {
        vsnprintf(why, sizeof(why), fmt, *args);
        s->why = why;
    }
    snprintf(cause, sizeof(cause), "contract check in %s", function);
    s->cause = cause;
    bugcheck(s);
}

void ke_bugcheck_in(const char *function, ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3,
                    ULONG_PTR p4)
{
    struct stop s = {code, {p1, p2, p3, p4}, NULL, NULL, NULL};
    contract_stop(function, &s, NULL, NULL);
}

void ke_bugcheck_msg_in(const char *function, ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3,
                        ULONG_PTR p4, const char *fmt, ...)
{
    struct stop s = {code, {p1, p2, p3, p4}, NULL, NULL, NULL};
    va_list args;
    va_start(args, fmt);
    contract_stop(function, &s, fmt, &args);
}

void ke_bugcheck_routine_in(const char *function, ULONG code, ULONG_PTR p1, ULONG_PTR p2,
                            ULONG_PTR p3, ULONG_PTR p4, const void *routine, const char *fmt, ...)
{
    struct stop s = {code, {p1, p2, p3, p4}, NULL, routine, NULL};
    va_list args;
    va_start(args, fmt);
    contract_stop(function, &s, fmt, &args);
}

void ke_bugcheck_because(const char *cause, ULONG code, ULONG_PTR p1, ULONG_PTR p2, ULONG_PTR p3,
                         ULONG_PTR p4, const char *fmt, ...)
{
    char why[400];
    struct stop s = {code, {p1, p2, p3, p4}, why, NULL, cause};
    va_list args;
    va_start(args, fmt);
    vsnprintf(why, sizeof(why), fmt, args);
    va_end(args);
    bugcheck(&s);
}

/* ---- DDIs ------------------------------------------------------------------------------- */

/* A driver (or the host) stopping the system itself: the cause names the caller. */
static __attribute__((noreturn)) void called(ULONG code, const ULONG_PTR p[4], const char *ddi,
                                             void *caller)
{
    char cause[160];
    const char *driver = ke_address_name(caller);
    struct stop s = {code, {p[0], p[1], p[2], p[3]}, NULL, NULL, cause};
    snprintf(cause, sizeof(cause), "%s called by %s (%p)", ddi,
             driver != NULL ? driver : "the host program", caller);
    bugcheck(&s);
}

VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1, ULONG_PTR BugCheckParameter2,
                  ULONG_PTR BugCheckParameter3, ULONG_PTR BugCheckParameter4)
{
    const ULONG_PTR p[4] = {BugCheckParameter1, BugCheckParameter2, BugCheckParameter3,
                            BugCheckParameter4};
    called(BugCheckCode, p, "KeBugCheckEx", __builtin_return_address(0));
}

VOID KeBugCheck(ULONG BugCheckCode)
{
    const ULONG_PTR p[4] = {0, 0, 0, 0};
    called(BugCheckCode, p, "KeBugCheck", __builtin_return_address(0));
}

/* Windows would break into an attached kernel debugger; with none (the default) the breakpoint
 * exception is unhandled: KMODE_EXCEPTION_NOT_HANDLED with STATUS_BREAKPOINT. */
static __attribute__((noreturn)) void breakpoint(void *caller, const char *ddi, const char *why)
{
    char cause[160];
    struct stop s = {BUGCODE_KMODE_EXCEPTION_NOT_HANDLED,
                     {(ULONG_PTR)(ULONG)STATUS_BREAKPOINT, (ULONG_PTR)caller, 0, 0},
                     why,
                     NULL,
                     cause};
    snprintf(cause, sizeof(cause), "contract check in %s (a breakpoint, and no debugger)", ddi);
    bugcheck(&s);
}

VOID RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber,
               PCHAR MutableMessage)
{
    char why[600];
    snprintf(why, sizeof(why), "Assertion failed: %s%s%s, %s:%lu",
             MutableMessage != NULL ? MutableMessage : "", MutableMessage != NULL ? ": " : "",
             (const char *)VoidFailedAssertion, (const char *)VoidFileName,
             (unsigned long)LineNumber);
    breakpoint(__builtin_return_address(0), "RtlAssert", why);
}

/* drvhost_debugger: DRVHOST_DEBUGGER_GO models a kernel debugger attached to the machine whose
 * user answers every break instruction with `g` (go). */
static int debugger_mode = DRVHOST_DEBUGGER_NONE;

void ke_debugger_set(int mode)
{
    __atomic_store_n(&debugger_mode, mode, __ATOMIC_RELAXED);
}

/* A break instruction: with the debugger attached, the break is shown and the caller goes on
 * (returns); without one the breakpoint exception is unhandled (does not return). */
static void break_in(void *caller, const char *ddi, const char *why)
{
    const char *driver;
    if (__atomic_load_n(&debugger_mode, __ATOMIC_RELAXED) != DRVHOST_DEBUGGER_GO)
        breakpoint(caller, ddi, why);
    driver = ke_address_name(caller);
    report("drvhost: break instruction exception: %s in %s (from %p); the debugger goes on\n", why,
           driver != NULL ? driver : "(no driver)", caller);
}

/* KdComPortInUse, a data export of the HAL: the address of the COM port the kernel debugger uses,
 * NULL when it uses none. No WDK header declares it; a serial driver declares it itself as
 * `extern PUCHAR *KdComPortInUse;` and compares *KdComPortInUse with its port to leave the
 * debugger's port alone. drvhost's debugger (ke_debugger_set) uses no serial port, so the
 * pointed-to address is always NULL. */
static PUCHAR kd_com_port;
__attribute__((visibility("default"))) PUCHAR *KdComPortInUse = &kd_com_port;

VOID DbgBreakPoint(VOID)
{
    break_in(__builtin_return_address(0), "DbgBreakPoint", "DbgBreakPoint");
}

VOID DbgBreakPointWithStatus(ULONG Status)
{
    char why[64];
    snprintf(why, sizeof(why), "DbgBreakPointWithStatus(0x%08X)", (unsigned)Status);
    break_in(__builtin_return_address(0), "DbgBreakPointWithStatus", why);
}

/* DbgRaiseAssertionFailure: an exception, not a breakpoint (a driver's __except sees
 * STATUS_ASSERTION_FAILURE); unhandled, bug check 0x1E with that status as parameter 1. */
VOID drvhost_assertion_failure(VOID)
{
    ke_raise_status(STATUS_ASSERTION_FAILURE, __builtin_return_address(0),
                    "DbgRaiseAssertionFailure");
}

/* KERNEL_SECURITY_CHECK_FAILURE, parameter 1 = the fast-fail code (3: corrupt LIST_ENTRY). */
VOID RtlFailFast(ULONG Code)
{
    ke_bugcheck_msg(BUGCODE_KERNEL_SECURITY_CHECK_FAILURE, Code, 0, 0, 0, "RtlFailFast(%lu)%s",
                    (unsigned long)Code,
                    Code == FAST_FAIL_CORRUPT_LIST_ENTRY ? ": corrupted LIST_ENTRY" : "");
}

/* A call to a pure virtual function (g++ puts __cxa_pure_virtual in an abstract class's vtable
 * slots; MSVC puts _purecall). Microsoft documents that _purecall ends the program; no bug check
 * is documented for it in kernel mode. drvhost's choice: KERNEL_SECURITY_CHECK_FAILURE with
 * parameter 1 = FAST_FAIL_FATAL_APP_EXIT (7), the fast-fail code of an abnormal end
 * (docs/building.md, kernel C++ profile). Parameters 2 and 3 (trap frame, exception
 * record) are 0: there is neither. The report names the driver routine that made the call. */
#define DRVHOST_FAST_FAIL_FATAL_APP_EXIT 7
NTSYSAPI void __cxa_pure_virtual(void);
NTSYSAPI void __cxa_pure_virtual(void)
{
    ke_bugcheck_routine(BUGCODE_KERNEL_SECURITY_CHECK_FAILURE, DRVHOST_FAST_FAIL_FATAL_APP_EXIT, 0,
                        0, 0, __builtin_return_address(0),
                        "a pure virtual function called (__cxa_pure_virtual)");
}

/* PAGED_CODE() above APC_LEVEL: IRQL_NOT_LESS_OR_EQUAL with the parameters of an execute
 * fault on pageable code: address (the caller), IRQL, 8 (execute), instruction pointer. */
VOID drvhost_paged_code_violation(const char *File, int Line)
{
    void *caller = __builtin_return_address(0);
    ke_bugcheck_msg(BUGCODE_IRQL_NOT_LESS_OR_EQUAL, (ULONG_PTR)caller, ke_irql(), 8,
                    (ULONG_PTR)caller, "PAGED_CODE() at IRQL %u in %s:%d", (unsigned)ke_irql(),
                    File, Line);
}
