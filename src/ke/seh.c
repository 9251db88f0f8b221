/*
 * seh.c - structured exception handling: the per-thread stack of __try frames that the macros of
 * drvhost_seh.h build, raising and dispatching exceptions, RtlRaiseException, and the
 * SIGSEGV/SIGBUS handler that turns a fault into STATUS_ACCESS_VIOLATION (docs/seh.md).
 *
 * Frames. Each __try declares a DRVHOST_SEH_FRAME in the driver function's stack frame and
 * pushes it here; the frames of a thread form a list, innermost first, in thread-local storage.
 * A frame lives in a block of the __try construct's own and leaves the list in one of three
 * ways: its block ends, after the body ended normally or by return/goto/break/continue (the
 * cleanup attribute calls drvhost_seh_scope_exit), __leave (drvhost_seh_leave pops it and
 * jumps back to it) or an exception (dispatch pops it and jumps to it). Only the owning thread
 * touches its list, so nothing here takes a lock.
 *
 * Dispatch is one phase: the innermost frame is popped and jumped to (__builtin_longjmp); an
 * __except there evaluates its filter, a __finally runs its block and then dispatch goes on with
 * the next frame. No frame left: bug check 0x1E KMODE_EXCEPTION_NOT_HANDLED (code, address,
 * parameter 0, parameter 1), as Windows reports an unhandled kernel-mode exception.
 *
 * Faults. The handler is installed once (ke_seh_init, also on first use of a frame) and keeps
 * the previous one. A fault on a thread with an active frame becomes an exception: the handler
 * records it and rewrites the signal context so that, when the handler returns, the thread
 * calls the dispatcher on its own stack in ordinary context (signal mask restored by the
 * kernel). A fault with no frame in driver or runtime code is a bug check from the handler
 * (0x1E with STATUS_ACCESS_VIOLATION, or 0xD1/0xA at DISPATCH_LEVEL and above, where Windows
 * cannot take a page fault at all); any other fault goes to the previous handler (ASan's, or
 * the default action).
 *
 * Stack overflow. A fault in the guard area below the stack of a thread that runs driver code
 * (client threads once they entered the runtime, DPC, worker and system threads: ke prepares
 * their stacks, os_stack_prepare) is a kernel stack overflow, which Windows cannot handle
 * either: the processor double-faults, UNEXPECTED_KERNEL_MODE_TRAP 0x7F with parameter 1 = 8
 * (EXCEPTION_DOUBLE_FAULT), whatever the IRQL and even inside __try. The handler runs on the
 * thread's alternate signal stack, the only stack left.
 *
 * The signal plumbing (sigaction, the saved registers, chaining to the previous handler) is
 * src/os/fault.c's; this file decides what a fault means.
 */
#include "ke/ke_private.h"
#include "os/os.h" /* DRVHOST_ASAN */
#include "vf/vf.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>

#ifdef DRVHOST_ASAN
void __asan_handle_no_return(void);
#endif

#define FRAME_ACTIVE 0x5E4AC71
#define FRAME_DONE   0

enum seh_landing {
    LAND_NONE,
    LAND_EXCEPTION,
    LAND_LEAVE
};

struct seh_thread {
    DRVHOST_SEH_FRAME *top;   /* innermost active frame */
    enum seh_landing landing; /* why the frame being jumped to is entered */
    BOOLEAN faulting;         /* a fault is being dispatched (a second one: bug check) */
    EXCEPTION_RECORD record;  /* the exception being dispatched or last handled */
    EXCEPTION_RECORD cause;   /* the exception STATUS_NONCONTINUABLE_EXCEPTION refers to */
    EXCEPTION_POINTERS pointers;
    const char *why; /* who raised it, for the report of an unhandled one */
};

/* initial-exec: static TLS, so that the signal handler can use it without allocating. */
static __thread struct seh_thread seh __attribute__((tls_model("initial-exec")));

/* ---- frames ------------------------------------------------------------------------------ */

static void seh_ensure_installed(void);

/* A frame to be jumped to lives in a caller's stack frame, above the current one. */
static __attribute__((noinline)) BOOLEAN frame_plausible(const DRVHOST_SEH_FRAME *f)
{
    return f->State == FRAME_ACTIVE && (uintptr_t)f > (uintptr_t)__builtin_frame_address(0);
}

static DRVHOST_SEH_FRAME *pop_top(void)
{
    DRVHOST_SEH_FRAME *f = seh.top;
    if (f != NULL) {
        seh.top = f->Previous;
        f->State = FRAME_DONE;
    }
    return f;
}

static __attribute__((noreturn)) void jump_to(DRVHOST_SEH_FRAME *f, enum seh_landing why)
{
    seh.landing = why;
#ifdef DRVHOST_ASAN
    /* The frames between here and f are abandoned: forget their stack poisoning. */
    __asan_handle_no_return();
#endif
    __builtin_longjmp(f->Jump, 1);
}

VOID drvhost_seh_push(DRVHOST_SEH_FRAME *Frame)
{
    seh_ensure_installed();
    Frame->Previous = seh.top;
    Frame->State = FRAME_ACTIVE;
    Frame->Reserved = 0;
    seh.top = Frame;
}

/* The block holding the frame ends. After __leave or an exception the frame is off the list
 * already; after a normal end of the body, or a return/goto/break/continue out of it, it is
 * still on it, normally as the innermost frame (frames of inner blocks were popped by their own
 * cleanups first). Anything found above it goes too. */
VOID drvhost_seh_scope_exit(DRVHOST_SEH_FRAME *Frame)
{
    DRVHOST_SEH_FRAME *f;
    if (Frame->State != FRAME_ACTIVE)
        return;
    for (f = seh.top; f != NULL && f != Frame; f = f->Previous)
        ;
    if (f == NULL) {
        Frame->State = FRAME_DONE;
        return;
    }
    while (pop_top() != Frame)
        ;
}

/* After a __try body, reached by falling through, by __leave or by a jump for an exception.
 * Returns the reason. The frame is off the list already: the block holding it has ended (its
 * cleanup, drvhost_seh_scope_exit, pops it on a normal end), or __leave or dispatch popped it. */
static enum seh_landing landing(void)
{
    enum seh_landing why = seh.landing;
    seh.landing = LAND_NONE;
    if (why == LAND_EXCEPTION)
        seh.faulting = FALSE;
    return why;
}

BOOLEAN drvhost_seh_except_landing(VOID)
{
    return landing() == LAND_EXCEPTION;
}

DRVHOST_SEH_FINALLY drvhost_seh_finally_landing(VOID)
{
    DRVHOST_SEH_FINALLY fin;
    memset(&fin, 0, sizeof(fin));
    if (landing() == LAND_EXCEPTION) {
        fin.Abnormal = 1;
        fin.Record = seh.record;
    }
    return fin;
}

static __attribute__((noreturn)) void dispatch(void);

/* The __finally block ended: an exception it was run for goes on outwards. */
VOID drvhost_seh_finally_end(DRVHOST_SEH_FINALLY *Finally)
{
    LONG abnormal = Finally->Abnormal;
    Finally->Abnormal = -1;
    if (abnormal > 0) {
        seh.record = Finally->Record;
        dispatch();
    }
}

VOID drvhost_seh_leave(VOID)
{
    DRVHOST_SEH_FRAME *f = seh.top;
    if (f == NULL || !frame_plausible(f))
        ke_bugcheck_msg(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED,
                        (ULONG_PTR)(ULONG)STATUS_INVALID_PARAMETER,
                        (ULONG_PTR)__builtin_return_address(0), 0, 0,
                        "__leave outside a __try body (no active frame on this thread)");
    pop_top();
    jump_to(f, LAND_LEAVE);
}

NTSTATUS drvhost_seh_exception_code(VOID)
{
    return seh.record.ExceptionCode;
}

PEXCEPTION_POINTERS drvhost_seh_exception_pointers(VOID)
{
    seh.pointers.ExceptionRecord = &seh.record;
    seh.pointers.ContextRecord = NULL;
    return &seh.pointers;
}

/* ---- dispatch ---------------------------------------------------------------------------- */

static __attribute__((noreturn)) void unhandled(void)
{
    const EXCEPTION_RECORD *r = &seh.record;
    ULONG_PTR p0 = r->NumberParameters > 0 ? r->ExceptionInformation[0] : 0;
    ULONG_PTR p1 = r->NumberParameters > 1 ? r->ExceptionInformation[1] : 0;
    char cause[200];
    if (seh.faulting)
        snprintf(cause, sizeof(cause),
                 "fault (%s at address %p, instruction %p) inside __try, declined by every "
                 "handler",
                 r->ExceptionCode == STATUS_ACCESS_VIOLATION ? "SIGSEGV" : "SIGBUS", (void *)p1,
                 r->ExceptionAddress);
    else
        snprintf(cause, sizeof(cause), "exception 0x%08X raised by %s, not handled",
                 (unsigned)r->ExceptionCode, seh.why != NULL ? seh.why : "a raise");
    ke_bugcheck_because(cause, BUGCODE_KMODE_EXCEPTION_NOT_HANDLED,
                        (ULONG_PTR)(ULONG)r->ExceptionCode, (ULONG_PTR)r->ExceptionAddress, p0, p1,
                        "%s: exception 0x%08X at %p, and no __try/__except on this thread "
                        "handled it",
                        seh.why != NULL ? seh.why : "exception", (unsigned)r->ExceptionCode,
                        r->ExceptionAddress);
}

/* Hands seh.record to the innermost frame. */
static void dispatch(void)
{
    DRVHOST_SEH_FRAME *f = seh.top;
    if (f == NULL)
        unhandled();
    if (!frame_plausible(f))
        ke_bugcheck_msg(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED,
                        (ULONG_PTR)(ULONG)seh.record.ExceptionCode,
                        (ULONG_PTR)seh.record.ExceptionAddress, (ULONG_PTR)f, 0,
                        "exception 0x%08X: the innermost __try frame (%p) is corrupt or stale",
                        (unsigned)seh.record.ExceptionCode, (void *)f);
    pop_top();
    jump_to(f, LAND_EXCEPTION);
}

/* EXCEPTION_CONTINUE_EXECUTION: the raising frames are gone, so every exception is
 * noncontinuable here; Windows then raises STATUS_NONCONTINUABLE_EXCEPTION, whose record
 * points to the original, to the handlers further out. */
static __attribute__((noreturn)) void continue_execution(void)
{
    seh.cause = seh.record;
    memset(&seh.record, 0, sizeof(seh.record));
    seh.record.ExceptionCode = STATUS_NONCONTINUABLE_EXCEPTION;
    seh.record.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
    seh.record.ExceptionRecord = &seh.cause;
    seh.record.ExceptionAddress = seh.cause.ExceptionAddress;
    seh.why = "EXCEPTION_CONTINUE_EXECUTION (drvhost cannot resume)";
    dispatch();
}

BOOLEAN drvhost_seh_filter(LONG Disposition)
{
    if (Disposition > 0)
        return TRUE;
    if (Disposition == 0)
        dispatch();
    continue_execution();
}

void ke_raise_exception(const EXCEPTION_RECORD *record, const char *why)
{
    seh_ensure_installed();
    memmove(&seh.record, record, sizeof(seh.record));
    if (seh.record.NumberParameters > EXCEPTION_MAXIMUM_PARAMETERS)
        seh.record.NumberParameters = EXCEPTION_MAXIMUM_PARAMETERS;
    seh.why = why;
    dispatch();
}

void ke_raise_status(NTSTATUS status, const void *address, const char *why)
{
    EXCEPTION_RECORD r;
    memset(&r, 0, sizeof(r));
    r.ExceptionCode = status;
    r.ExceptionFlags = EXCEPTION_NONCONTINUABLE; /* as RtlRaiseStatus raises it */
    r.ExceptionAddress = (PVOID)address;
    ke_raise_exception(&r, why);
}

/* ExceptionAddress is the caller's return address, as documented. */
VOID RtlRaiseException(PEXCEPTION_RECORD ExceptionRecord)
{
    EXCEPTION_RECORD r = *ExceptionRecord;
    r.ExceptionAddress = __builtin_return_address(0);
    ke_raise_exception(&r, "RtlRaiseException");
}

/* ---- faults ------------------------------------------------------------------------------ */

static uintptr_t runtime_base, runtime_end; /* libdrvhost.so's mapped range */

/* Entered (not called) from a rewritten signal context: the faulting thread, on its own stack,
 * with the fault address as a fake return address for backtraces. */
static __attribute__((noreturn, used)) void fault_entry(void)
{
    dispatch();
}

enum fault_owner {
    OWNER_OTHER,
    OWNER_RUNTIME,
    OWNER_DRIVER
};

static enum fault_owner owner_of(uintptr_t pc)
{
    const char *file = NULL;
    size_t n;
    if (pc >= runtime_base && pc < runtime_end)
        return OWNER_RUNTIME;
    /* Driver modules are what the loader mapped through /proc/self/fd (ldr_open_module), or any
     * *.sys object (dladdr, lock-free, so usable in the fault handler). */
    if (!os_address_module((const void *)pc, NULL, &file) || file == NULL)
        return OWNER_OTHER;
    n = strlen(file);
    if (strncmp(file, "/proc/self/fd/", 14) == 0)
        return OWNER_DRIVER;
    return n > 4 && strcmp(file + n - 4, ".sys") == 0 ? OWNER_DRIVER : OWNER_OTHER;
}

/* Who the fault belongs to: the faulting instruction's module, or else the nearest caller in
 * driver or runtime code (a driver's memcpy faulting inside the C library). */
static enum fault_owner fault_owner(uintptr_t pc)
{
    void *frames[48];
    int n, i;
    enum fault_owner o = owner_of(pc);
    if (o != OWNER_OTHER)
        return o;
    n = os_backtrace_frames(frames, 48);
    for (i = 0; i < n && (uintptr_t)frames[i] != pc; i++)
        ;
    for (i++; i < n; i++)
        if ((o = owner_of((uintptr_t)frames[i])) != OWNER_OTHER)
            return o;
    return OWNER_OTHER;
}

#define KE_TRAP_DOUBLE_FAULT 8 /* EXCEPTION_DOUBLE_FAULT, parameter 1 of 0x7F */

/* Parameters 2-4 of 0x7F are not documented for a double fault: zero here; the message gives
 * the faulting instruction, the address and the stack's extent. */
static __attribute__((noreturn)) void stack_overflow(uintptr_t pc, uintptr_t address)
{
    uintptr_t low = 0, high = 0;
    char cause[160];
    os_stack_bounds(&low, &high);
    snprintf(cause, sizeof(cause), "fault (SIGSEGV at address %p, instruction %p): stack overflow",
             (void *)address, (void *)pc);
    ke_bugcheck_because(cause, BUGCODE_UNEXPECTED_KERNEL_MODE_TRAP, KE_TRAP_DOUBLE_FAULT, 0, 0, 0,
                        "kernel stack overflow (double fault): the instruction at %p touched %p, "
                        "below the %zu KiB stack [%p, %p) of this thread",
                        (void *)pc, (void *)address, (size_t)((high - low) / 1024), (void *)low,
                        (void *)high);
}

static const char *access_name(ULONG_PTR access)
{
    return access == 1 ? "write" : access == 8 ? "execute" : "read";
}

/* The report's cause line for a fault: the signal, the address and the instruction. */
static void fault_cause(char *buf, size_t size, const struct os_fault *f)
{
    snprintf(buf, size, "fault (%s at address %p, instruction %p)",
             f->kind == OS_FAULT_ACCESS ? "SIGSEGV" : "SIGBUS", (void *)f->address, (void *)f->pc);
}

/* A fault at DISPATCH_LEVEL or above: (DRIVER_)IRQL_NOT_LESS_OR_EQUAL, __try or not. */
static __attribute__((noreturn)) void fault_at_dispatch(const struct os_fault *f,
                                                        enum fault_owner owner)
{
    char cause[160];
    fault_cause(cause, sizeof(cause), f);
    ke_bugcheck_because(cause,
                        owner == OWNER_DRIVER ? BUGCODE_DRIVER_IRQL_NOT_LESS_OR_EQUAL
                                              : BUGCODE_IRQL_NOT_LESS_OR_EQUAL,
                        f->address, ke_irql(), (ULONG_PTR)f->access, f->pc,
                        "page fault at IRQL %u: %s of %p at %p (a fault cannot be handled at "
                        "DISPATCH_LEVEL or above, even inside __try)",
                        (unsigned)ke_irql(), access_name((ULONG_PTR)f->access), (void *)f->address,
                        (void *)f->pc);
}

/* A fault of driver or runtime code that no __try takes: KMODE_EXCEPTION_NOT_HANDLED. */
static __attribute__((noreturn)) void fault_unhandled(const struct os_fault *f, NTSTATUS code,
                                                      enum fault_owner owner)
{
    char cause[160];
    fault_cause(cause, sizeof(cause), f);
    ke_bugcheck_because(cause, BUGCODE_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)(ULONG)code, f->pc,
                        (ULONG_PTR)f->access, f->address, "%s in %s code: %s of %p at %p, %s",
                        code == STATUS_ACCESS_VIOLATION ? "access violation" : "bus error",
                        owner == OWNER_DRIVER ? "driver" : "runtime",
                        access_name((ULONG_PTR)f->access), (void *)f->address, (void *)f->pc,
                        seh.faulting ? "while dispatching another fault"
                                     : "outside any __try on this thread");
}

static ke_special_pool_lookup special_pool_lookup;

void ke_set_special_pool_lookup(ke_special_pool_lookup lookup)
{
    __atomic_store_n(&special_pool_lookup, lookup, __ATOMIC_RELEASE);
}

/* A fault on a special pool page (Driver Verifier's Special Pool): beyond the end of a block
 * (0xD6 from driver code, 0xCD from the runtime's) or in a freed block (0xD5, 0xCC), at any
 * IRQL and inside __try too, as documented ("cannot be protected by a try - except handler").
 * Parameters: the address, 0 read / 1 write, the instruction, 0. */
static __attribute__((noreturn)) void special_pool_fault(const struct os_fault *f, int kind)
{
    BOOLEAN driver = fault_owner(f->pc) == OWNER_DRIVER, freed = kind == KE_SPECIAL_POOL_FREED;
    ULONG code = freed ? (driver ? BUGCODE_DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL
                                 : BUGCODE_PAGE_FAULT_IN_FREED_SPECIAL_POOL)
                       : (driver ? BUGCODE_DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATED_POOL
                                 : BUGCODE_PAGE_FAULT_BEYOND_END_OF_ALLOCATION);
    ULONG_PTR write = f->access == 1;
    char cause[160];
    fault_cause(cause, sizeof(cause), f);
    ke_bugcheck_because(cause, code, f->address, write, f->pc, 0,
                        "special pool: %s of %p at %p (%s code), %s", access_name(write),
                        (void *)f->address, (void *)f->pc, driver ? "driver" : "runtime",
                        freed ? "in a freed block" : "beyond the end of a block");
}

static int special_pool_kind(const struct os_fault *f)
{
    ke_special_pool_lookup lookup = __atomic_load_n(&special_pool_lookup, __ATOMIC_ACQUIRE);
    if (f->kind != OS_FAULT_ACCESS || lookup == NULL)
        return KE_SPECIAL_POOL_NONE;
    return lookup(f->address);
}

/* The kernel layer's policy for a fault (src/os/fault.c delivers it): a stack overflow, a fault
 * at DISPATCH_LEVEL or above, a fault inside a __try (the thread resumes in fault_entry), an
 * unhandled fault in driver or runtime code; anything else goes back to the previous handler. */
static __attribute__((no_sanitize_address)) void on_fault(struct os_fault *f)
{
    uintptr_t pc = f->pc, address = f->address;
    ULONG_PTR access = (ULONG_PTR)f->access;
    NTSTATUS code = STATUS_ACCESS_VIOLATION;
    enum fault_owner owner;
    int special = special_pool_kind(f);
    if (f->kind == OS_FAULT_ACCESS && os_stack_overflow_address(address))
        stack_overflow(pc, address);
    if (special != KE_SPECIAL_POOL_NONE)
        special_pool_fault(f, special);
    if (f->kind != OS_FAULT_ACCESS)
        code = f->kind == OS_FAULT_MISALIGNED ? STATUS_DATATYPE_MISALIGNMENT : STATUS_IN_PAGE_ERROR;
    owner = fault_owner(pc);
    if (owner != OWNER_OTHER && ke_irql() >= DISPATCH_LEVEL)
        fault_at_dispatch(f, owner);
    if (seh.top != NULL && !seh.faulting) {
        seh.faulting = TRUE;
        memset(&seh.record, 0, sizeof(seh.record));
        seh.record.ExceptionCode = code;
        seh.record.ExceptionAddress = (PVOID)pc;
        seh.record.NumberParameters = 2;
        seh.record.ExceptionInformation[0] = access;
        seh.record.ExceptionInformation[1] = address;
        seh.why = "access violation";
        os_fault_resume_at(f, fault_entry);
        return;
    }
    if (owner != OWNER_OTHER)
        fault_unhandled(f, code, owner);
}

/* libdrvhost.so's extent, from its program headers (read once, so that the handler need not
 * ask the dynamic linker whether a fault is in the runtime). */
static void find_runtime_range(void)
{
    void *base = NULL;
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph;
    uintptr_t end = 0;
    if (!os_address_module((const void *)(uintptr_t)ke_seh_init, &base, NULL) || base == NULL)
        return;
    eh = base;
    ph = (const Elf64_Phdr *)((const char *)base + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_vaddr + ph[i].p_memsz > end)
            end = ph[i].p_vaddr + ph[i].p_memsz;
    runtime_base = (uintptr_t)base;
    runtime_end = (uintptr_t)base + end;
}

static void install(void)
{
    void *warm[4];
    find_runtime_range();
    os_backtrace_frames(warm, 4); /* loads the unwinder now, not inside the handler */
    os_fault_install(on_fault);
}

static os_once install_once = OS_ONCE_INIT;

static void seh_ensure_installed(void)
{
    os_run_once(&install_once, install);
}

void ke_seh_init(void)
{
    seh_ensure_installed();
}
