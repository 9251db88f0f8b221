/*
 * fault.c - SIGSEGV and SIGBUS for the kernel layer's fault handler (src/ke/seh.c decides what a
 * fault means; this file only translates the signal and resumes or chains).
 *
 * The handler runs on the faulting thread, on its alternate signal stack when it has one
 * (SA_ONSTACK: a stack overflow leaves no other), in async-signal context. A signal sent by
 * kill or raise is not a fault: it goes to the previous handler at once. A fault the handler
 * does not resume goes to the handler installed before ours (a sanitizer's), or, with none, to
 * the default action: reinstated, the faulting instruction runs again and the kernel ends the
 * process with the signal.
 */
#include "os/os_private.h"

#include <signal.h>
#include <string.h>
#include <ucontext.h>

static os_fault_handler fault_handler;
static struct sigaction previous_segv, previous_bus;

struct os_fault_private {
    struct os_fault public_part;
    int resumed;
};

static void chain(int sig, siginfo_t *info, void *context)
{
    const struct sigaction *prev = sig == SIGSEGV ? &previous_segv : &previous_bus;
    struct sigaction dfl;
    if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction != NULL) {
        prev->sa_sigaction(sig, info, context);
        return;
    }
    if (!(prev->sa_flags & SA_SIGINFO) && prev->sa_handler != SIG_DFL &&
        prev->sa_handler != SIG_IGN) {
        prev->sa_handler(sig);
        return;
    }
    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    if (info->si_code <= 0)
        raise(sig); /* sent by kill: raised again, now with the default action */
}

#if defined(__x86_64__)
#define CTX_PC(uc) ((uintptr_t)(uc)->uc_mcontext.gregs[REG_RIP])
/* Page-fault error code: bit 1 write, bit 4 instruction fetch. Windows: 0 read, 1 write,
 * 8 execute (DEP). */
static int fault_access(const ucontext_t *uc)
{
    unsigned long err = (unsigned long)uc->uc_mcontext.gregs[REG_ERR];
    return (err & 0x10) ? 8 : (err & 0x2) ? 1 : 0;
}
/* As if the faulting instruction had called entry: its return address is pushed below the red
 * zone, 16-byte aligned at the "call". */
static __attribute__((no_sanitize_address)) void redirect(ucontext_t *uc, void (*entry)(void))
{
    uintptr_t pc = CTX_PC(uc);
    uintptr_t sp = (((uintptr_t)uc->uc_mcontext.gregs[REG_RSP] - 256) & ~(uintptr_t)15) - 8;
    *(volatile uintptr_t *)sp = pc;
    uc->uc_mcontext.gregs[REG_RSP] = (greg_t)sp;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)entry;
}
#elif defined(__aarch64__)
#define CTX_PC(uc) ((uintptr_t)(uc)->uc_mcontext.pc)
static int fault_access(const ucontext_t *uc)
{
    (void)uc;
    return 0; /* not decoded on arm64 */
}
static void redirect(ucontext_t *uc, void (*entry)(void))
{
    uc->uc_mcontext.regs[30] = uc->uc_mcontext.pc;
    uc->uc_mcontext.sp = (uc->uc_mcontext.sp - 256) & ~(uint64_t)15;
    uc->uc_mcontext.pc = (uint64_t)(uintptr_t)entry;
}
#else
#error "fault.c: unsupported architecture"
#endif

static __attribute__((no_sanitize_address)) void on_signal(int sig, siginfo_t *info, void *context)
{
    ucontext_t *uc = context;
    struct os_fault_private f;
    if (info->si_code <= 0 || fault_handler == NULL) {
        chain(sig, info, context);
        return;
    }
    f.public_part.kind = sig == SIGSEGV                ? OS_FAULT_ACCESS
                         : info->si_code == BUS_ADRALN ? OS_FAULT_MISALIGNED
                                                       : OS_FAULT_BUS;
    f.public_part.pc = CTX_PC(uc);
    f.public_part.address = (uintptr_t)info->si_addr;
    f.public_part.access = fault_access(uc);
    f.public_part.context = uc;
    f.resumed = 0;
    fault_handler(&f.public_part);
    if (!f.resumed)
        chain(sig, info, context);
}

void os_fault_resume_at(struct os_fault *fault, void (*entry)(void))
{
    struct os_fault_private *f = (struct os_fault_private *)fault;
    redirect(fault->context, entry);
    f->resumed = 1;
}

void os_fault_install(os_fault_handler handler)
{
    struct sigaction sa;
    if (fault_handler != NULL)
        return;
    fault_handler = handler;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, &previous_segv);
    sigaction(SIGBUS, &sa, &previous_bus);
}
