/*
 * drvhost_seh.h - structured exception handling for driver code built with GCC (included by
 * wdm.h; do not include directly).
 *
 * MSVC compiles __try/__except/__finally/__leave itself; GCC does not know them, so here they are
 * macros over a per-thread stack of frames (DRVHOST_SEH_FRAME, one per __try, living in the
 * function's stack frame) and __builtin_setjmp/__builtin_longjmp. The runtime (src/ke/seh.c)
 * raises exceptions (ExRaiseStatus, ProbeForRead/ProbeForWrite, RtlRaiseException, access
 * violations caught by its SIGSEGV/SIGBUS handler) by jumping to the innermost frame.
 * docs/seh.md describes the design; the limits that matter to driver source are:
 *
 *   - One phase: the frames are visited innermost first, each filter is evaluated in its own
 *     function after the stack below it has been unwound, and a __finally passed on the way out
 *     runs when it is reached. Windows evaluates every filter first and then runs the __finally
 *     blocks, so a __finally nested inside a __try/__except runs before, not after, the outer
 *     filter. EXCEPTION_CONTINUE_EXECUTION cannot resume (the raising frames are gone): it is
 *     treated as for a noncontinuable exception, STATUS_NONCONTINUABLE_EXCEPTION is raised.
 *   - `return`, `goto`, `break` and `continue` out of a __try body leave it without running its
 *     __finally block (Windows runs it: "local unwind"); the frame itself is popped as the body
 *     is left (a cleanup attribute on the frame, which lives in a block of the construct's own).
 *   - __try ... __except/__finally is one statement (an if-else): it may follow a label or a
 *     case label and be the unbraced body of if/for/while/else.
 *   - A variable assigned in a __try body and read in the handler after an access violation
 *     (a fault, not a call) must be volatile, as with setjmp: the compiler does not know that a
 *     plain memory access can jump to the handler. With clang, after a raise too (clang does
 *     not give calls an edge to the __builtin_setjmp receiver, GCC does).
 *   - `break`/`continue` inside a __finally block end the block (it is the body of a loop).
 *   - GetExceptionCode() in a handler is the code of the exception last dispatched on the
 *     thread: after a nested __try/__except inside the handler caught another one, it is that.
 */
#ifndef _WDMDDK_
#include <wdm.h> /* it includes this file where it belongs */
#else
#ifndef DRVHOST_SEH_H
#define DRVHOST_SEH_H

/* ==== exception records (x64 layouts) ===================================================== */

#define EXCEPTION_MAXIMUM_PARAMETERS 15
#define EXCEPTION_NONCONTINUABLE     0x1
#define EXCEPTION_UNWINDING          0x2
#define EXCEPTION_EXIT_UNWIND        0x4
#define EXCEPTION_STACK_INVALID      0x8
#define EXCEPTION_NESTED_CALL        0x10
#define EXCEPTION_TARGET_UNWIND      0x20
#define EXCEPTION_COLLIDED_UNWIND    0x40

typedef struct _EXCEPTION_RECORD {
    NTSTATUS ExceptionCode;
    ULONG ExceptionFlags;
    struct _EXCEPTION_RECORD *ExceptionRecord;
    PVOID ExceptionAddress;
    ULONG NumberParameters;
    ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;

/* The processor context is not captured by drvhost: CONTEXT stays an incomplete type and
 * EXCEPTION_POINTERS.ContextRecord is NULL. */
typedef struct _CONTEXT CONTEXT, *PCONTEXT;

typedef struct _EXCEPTION_POINTERS {
    PEXCEPTION_RECORD ExceptionRecord;
    PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;

/* Filter results (excpt.h). Any positive value executes the handler, any negative one asks to
 * continue execution. */
#define EXCEPTION_EXECUTE_HANDLER    1
#define EXCEPTION_CONTINUE_SEARCH    0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

/* ==== raising and probing ================================================================= */

NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseAccessViolation(VOID);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI ExRaiseDatatypeMisalignment(VOID);
NTSYSAPI DECLSPEC_NORETURN VOID NTAPI RtlRaiseException(PEXCEPTION_RECORD ExceptionRecord);

NTKERNELAPI VOID NTAPI ProbeForRead(const volatile VOID *Address, SIZE_T Length, ULONG Alignment);
NTKERNELAPI VOID NTAPI ProbeForWrite(volatile VOID *Address, SIZE_T Length, ULONG Alignment);

/* The first address above the user range (x64: 0x7FFFFFFF0000). Every host address the driver
 * sees is below it, so the runtime's own buffers are "user" addresses to ProbeForRead. */
extern NTKERNELAPI ULONG_PTR MmUserProbeAddress;
#define MM_USER_PROBE_ADDRESS        MmUserProbeAddress

/* ==== the frame and the runtime entry points the macros use =============================== */

typedef struct _DRVHOST_SEH_FRAME {
    struct _DRVHOST_SEH_FRAME *Previous; /* the next outer frame of this thread */
    PVOID Jump[5];                       /* __builtin_setjmp buffer */
    LONG State;                          /* private to the runtime */
    ULONG Reserved;
} DRVHOST_SEH_FRAME;

/* What __finally keeps while its block runs: whether it runs because of an exception, and that
 * exception, resumed when the block ends. */
typedef struct _DRVHOST_SEH_FINALLY {
    LONG Abnormal; /* 1: unwinding for an exception; 0: normal end or __leave; -1: done */
    ULONG Reserved;
    EXCEPTION_RECORD Record;
} DRVHOST_SEH_FINALLY;

NTKERNELAPI VOID NTAPI drvhost_seh_push(DRVHOST_SEH_FRAME *Frame);
NTKERNELAPI VOID NTAPI drvhost_seh_scope_exit(DRVHOST_SEH_FRAME *Frame);
NTKERNELAPI BOOLEAN NTAPI drvhost_seh_except_landing(VOID);
NTKERNELAPI BOOLEAN NTAPI drvhost_seh_filter(LONG Disposition);
NTKERNELAPI DRVHOST_SEH_FINALLY NTAPI drvhost_seh_finally_landing(VOID);
NTKERNELAPI VOID NTAPI drvhost_seh_finally_end(DRVHOST_SEH_FINALLY *Finally);
NTKERNELAPI DECLSPEC_NORETURN VOID NTAPI drvhost_seh_leave(VOID);
NTKERNELAPI NTSTATUS NTAPI drvhost_seh_exception_code(VOID);
NTKERNELAPI PEXCEPTION_POINTERS NTAPI drvhost_seh_exception_pointers(VOID);

/* ==== the keywords ======================================================================== */

/* __try { body } __except (filter) { handler }   and   __try { body } __finally { block }
 *
 * The whole construct is one if-else statement, so that it may stand wherever a statement may
 * (after a label, `case X:` or `default:`, as the unbraced body of if/for/while/else), and a
 * switch jumping to a later label never enters the scope of its frame. The frame lives in a
 * block of its own, which the body's end leaves by a goto to the else branch (the cleanup
 * attribute pops the frame there); the landing code and the handler or finally block follow
 * the label in that branch:
 *
 *   if (1) { DRVHOST_SEH_FRAME f; push(&f); if (setjmp(f) == 0) { body } goto L_m; }
 *   else L_m: if (!(landing && filter)) {} else { handler }
 *
 * The handler's `if` has an else of its own, so an `else` after the construct belongs to an
 * enclosing if, as with MSVC. n numbers the frame (__try), m the label (__except/__finally). */
#define DRVHOST_SEH_FRAME_NAME(n)    __drvhost_seh_frame_##n
#define DRVHOST_SEH_LABEL(m)         __drvhost_seh_landing_##m
#define DRVHOST_SEH_TRY(n)                                                                         \
    if (1) {                                                                                       \
        DRVHOST_SEH_FRAME DRVHOST_SEH_FRAME_NAME(n)                                                \
            __attribute__((cleanup(drvhost_seh_scope_exit)));                                      \
        drvhost_seh_push(&DRVHOST_SEH_FRAME_NAME(n));                                              \
        if (__builtin_setjmp(DRVHOST_SEH_FRAME_NAME(n).Jump) == 0)
#define DRVHOST_SEH_TRY_(n) DRVHOST_SEH_TRY(n)
/* The end of the frame's block: the cleanup pops the frame if it is still on the list. */
#define DRVHOST_SEH_END(m)                                                                         \
    goto DRVHOST_SEH_LABEL(m);                                                                     \
    }                                                                                              \
    else DRVHOST_SEH_LABEL(m) :
#define DRVHOST_SEH_EXCEPT(m, ...)                                                                 \
    DRVHOST_SEH_END(m)                                                                             \
    if (!(drvhost_seh_except_landing() && drvhost_seh_filter((LONG)(__VA_ARGS__)))) {              \
    } else
#define DRVHOST_SEH_EXCEPT_(m, ...) DRVHOST_SEH_EXCEPT(m, __VA_ARGS__)
#define DRVHOST_SEH_FINALLY_BLOCK(m)                                                               \
    DRVHOST_SEH_END(m)                                                                             \
    for (DRVHOST_SEH_FINALLY __drvhost_seh_finally = drvhost_seh_finally_landing();                \
         __drvhost_seh_finally.Abnormal >= 0; drvhost_seh_finally_end(&__drvhost_seh_finally))
#define DRVHOST_SEH_FINALLY_BLOCK_(m) DRVHOST_SEH_FINALLY_BLOCK(m)

/* Not formatted: clang-format takes __except for the keyword and writes "__except (...)". */
/* clang-format off */
#define __try DRVHOST_SEH_TRY_(__COUNTER__)
/* Variadic: a filter may use the comma operator, `__except (puts("f"), 1)`. */
#define __except(...) DRVHOST_SEH_EXCEPT_(__COUNTER__, __VA_ARGS__)
#define __finally DRVHOST_SEH_FINALLY_BLOCK_(__COUNTER__)
#define __leave drvhost_seh_leave()
/* clang-format on */

/* excpt.h: the intrinsics, each valid where MSVC accepts it (filter or handler; finally block). */
#define _exception_code()             drvhost_seh_exception_code()
#define _exception_info()             drvhost_seh_exception_pointers()
#define _abnormal_termination()       (__drvhost_seh_finally.Abnormal != 0)
#define GetExceptionCode              _exception_code
#define GetExceptionInformation       _exception_info
#define AbnormalTermination           _abnormal_termination

/* The unadorned spellings try/except/finally/leave: C drivers built by the WDK use them (the WDK
 * compiles C with them as synonyms of the __ forms; C++ has its own try). The driver profile
 * (drvcc, drvhost_add_driver) defines DRVHOST_SEH_KEYWORDS, so driver C code gets them as the
 * WDK gives them; -UDRVHOST_SEH_KEYWORDS keeps them ordinary identifiers. drvhost's runtime and
 * host code are not built with it (the words are names there). */
#if defined(DRVHOST_SEH_KEYWORDS) && !defined(__cplusplus)
#define try     __try
#define except  __except
#define finally __finally
#define leave   __leave
#endif

#endif
#endif
