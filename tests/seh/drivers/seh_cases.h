/*
 * seh_cases.h - the structured exception handling cases, written as driver code against wdm.h
 * only. sehtest.sys runs them in its IOCTL_SEH_RUN_CASES handler (driver profile: drvcc's
 * flags), and test_seh.c runs the very same functions compiled as host code, so the macros are
 * checked under both profiles. Each case returns 0 when every expectation held, otherwise the
 * source line of the first one that did not. The expected values are what Windows documents.
 */
#ifndef SEH_CASES_H
#define SEH_CASES_H

#define SEH_EXPECT(cond)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            return __LINE__;                                                                       \
    } while (0)

/* The host build of these cases runs under UBSan, which would stop the deliberate NULL
 * accesses before they fault. */
#if defined(__GNUC__)
#define SEH_NO_UBSAN __attribute__((no_sanitize("undefined")))
#else
#define SEH_NO_UBSAN
#endif

/* A log of what ran, in order, to check the sequence of filters, finally blocks and handlers. */
typedef struct {
    char Steps[32];
    ULONG Count;
} SEH_LOG;

static __declspec(noinline) VOID SehLog(SEH_LOG *Log, char Step)
{
    if (Log->Count < sizeof(Log->Steps) - 1)
        Log->Steps[Log->Count++] = Step;
    Log->Steps[Log->Count] = 0;
}

static __declspec(noinline) LONG SehLogFilter(SEH_LOG *Log, char Step, LONG Disposition)
{
    SehLog(Log, Step);
    return Disposition;
}

static BOOLEAN SehLogIs(const SEH_LOG *Log, const char *Expected)
{
    return strcmp(Log->Steps, Expected) == 0;
}

/* Keeps the compiler from seeing through a raise condition. */
static __declspec(noinline) BOOLEAN SehTrue(volatile LONG *Value)
{
    return *Value != 0;
}

/* Raises from a few calls down, so that the jump crosses stack frames. */
static __declspec(noinline) VOID SehRaiseDeep2(NTSTATUS Status)
{
    ExRaiseStatus(Status);
}

static __declspec(noinline) VOID SehRaiseDeep1(NTSTATUS Status, int Depth)
{
    volatile char pad[64];
    pad[0] = (char)Depth;
    SehRaiseDeep2(Status + pad[0] - Depth);
}

static __declspec(noinline) VOID SehRaiseIn3Calls(NTSTATUS Status, int Depth)
{
    SehRaiseDeep1(Status, Depth);
}

/* 1. ExRaiseStatus caught, GetExceptionCode in the filter and in the handler. */
static ULONG SehCaseCatchRaise(VOID)
{
    volatile LONG reached = 0;
    NTSTATUS inFilter = 0, inHandler = 0;
    __try {
        SehRaiseIn3Calls(STATUS_INSUFFICIENT_RESOURCES, 3);
        reached = 1;
    } __except (inFilter = GetExceptionCode(), EXCEPTION_EXECUTE_HANDLER) {
        inHandler = GetExceptionCode();
    }
    SEH_EXPECT(reached == 0);
    SEH_EXPECT(inFilter == STATUS_INSUFFICIENT_RESOURCES);
    SEH_EXPECT(inHandler == STATUS_INSUFFICIENT_RESOURCES);
    return 0;
}

/* 2. The inner filter declines (EXCEPTION_CONTINUE_SEARCH): the outer one gets it; filters are
 * asked innermost first, and a filter selecting on the code. */
static ULONG SehCaseContinueSearch(VOID)
{
    SEH_LOG log = {{0}, 0};
    __try {
        __try {
            ExRaiseStatus(STATUS_INVALID_DEVICE_REQUEST);
        } __except (SehLogFilter(&log, 'i',
                                 GetExceptionCode() == STATUS_ACCESS_VIOLATION
                                     ? EXCEPTION_EXECUTE_HANDLER
                                     : EXCEPTION_CONTINUE_SEARCH)) {
            SehLog(&log, 'I');
        }
        SehLog(&log, 'x');
    } __except (SehLogFilter(&log, 'o', EXCEPTION_EXECUTE_HANDLER)) {
        SehLog(&log, GetExceptionCode() == STATUS_INVALID_DEVICE_REQUEST ? 'O' : '?');
    }
    SEH_EXPECT(SehLogIs(&log, "ioO"));
    return 0;
}

/* 3. __finally on the normal path, on __leave and during unwinding by an exception. */
static ULONG SehCaseFinally(VOID)
{
    SEH_LOG log = {{0}, 0};
    volatile LONG after = 0;

    __try {
        SehLog(&log, 'b');
    } __finally {
        SehLog(&log, AbnormalTermination() ? 'A' : 'n');
    }
    SEH_EXPECT(SehLogIs(&log, "bn"));

    log.Count = 0;
    __try {
        SehLog(&log, 'b');
        __leave;
        after = 1;
    } __finally {
        SehLog(&log, AbnormalTermination() ? 'A' : 'n');
    }
    SEH_EXPECT(SehLogIs(&log, "bn") && after == 0);

    /* Unwinding: the finally block runs, abnormally, before the handler. (Windows evaluates
     * the outer filter first: "ofE"; drvhost's one-phase dispatch gives "foE", docs/seh.md.) */
    log.Count = 0;
    __try {
        __try {
            SehRaiseIn3Calls(STATUS_UNSUCCESSFUL, 2);
        } __finally {
            SehLog(&log, AbnormalTermination() ? 'f' : 'n');
        }
        SehLog(&log, 'x');
    } __except (SehLogFilter(&log, 'o', EXCEPTION_EXECUTE_HANDLER)) {
        SehLog(&log, GetExceptionCode() == STATUS_UNSUCCESSFUL ? 'E' : '?');
    }
    SEH_EXPECT(SehLogIs(&log, "foE"));

    /* __leave in __try/__except skips the rest of the body and the handler. */
    log.Count = 0;
    __try {
        SehLog(&log, 'b');
        __leave;
        SehLog(&log, 'x');
    } __except (SehLogFilter(&log, 'f', EXCEPTION_EXECUTE_HANDLER)) {
        SehLog(&log, 'h');
    }
    SEH_EXPECT(SehLogIs(&log, "b"));
    return 0;
}

/* 4. Nested and looped __try, with break and continue leaving the body. */
static ULONG SehCaseLoops(VOID)
{
    volatile LONG caught = 0, normal = 0, inner = 0, counted = 0;
    LONG i, j;
    for (i = 0; i < 10; i++) {
        __try {
            for (j = 0; j < 3; j++) {
                __try {
                    if (j == 1)
                        ExRaiseStatus(STATUS_INVALID_PARAMETER_1 + j);
                } __except (EXCEPTION_EXECUTE_HANDLER) {
                    inner++;
                }
            }
            if (i % 2)
                ExRaiseStatus(STATUS_UNSUCCESSFUL);
            normal++;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            caught++;
        }
    }
    SEH_EXPECT(caught == 5 && normal == 5 && inner == 10);

    for (i = 0; i < 8; i++) {
        __try {
            if (i == 3)
                continue;
            if (i == 6)
                break;
            counted++;
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            return __LINE__;
        }
    }
    SEH_EXPECT(i == 6 && counted == 5);

    /* The frames left by break and continue are gone: this raise reaches this handler. */
    caught = 0;
    __try {
        ExRaiseStatus(STATUS_TIMEOUT);
    } __except (GetExceptionCode() == STATUS_TIMEOUT) {
        caught = 1;
    }
    SEH_EXPECT(caught == 1);
    return 0;
}

static __declspec(noinline) NTSTATUS SehReturnInsideTry(volatile LONG *Value)
{
    __try {
        if (SehTrue(Value))
            return STATUS_SUCCESS;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_PENDING;
}

static __declspec(noinline) NTSTATUS SehReturnInsideNestedTry(volatile LONG *Value)
{
    __try {
        __try {
            if (SehTrue(Value))
                return STATUS_SUCCESS;
        } __finally {
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        return STATUS_UNSUCCESSFUL;
    }
    return STATUS_PENDING;
}

/* 5. return inside __try pops the frame: a later exception finds the right (outer) frame. */
static ULONG SehCaseReturnInsideTry(VOID)
{
    volatile LONG one = 1;
    volatile LONG handled = 0;
    NTSTATUS code = 0;
    __try {
        SEH_EXPECT(SehReturnInsideTry(&one) == STATUS_SUCCESS);
        SEH_EXPECT(SehReturnInsideNestedTry(&one) == STATUS_SUCCESS);
        ExRaiseStatus(STATUS_NOT_SUPPORTED);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        handled = 1;
        code = GetExceptionCode();
    }
    SEH_EXPECT(handled == 1 && code == STATUS_NOT_SUPPORTED);
    return 0;
}

static EXCEPTION_RECORD SehSavedRecord;

static __declspec(noinline) LONG SehSaveRecord(PEXCEPTION_POINTERS Pointers)
{
    SehSavedRecord = *Pointers->ExceptionRecord;
    return EXCEPTION_EXECUTE_HANDLER;
}

/* 6. Access violations: a NULL write and a read of page 0, with the documented parameters
 * ([0] 0 read / 1 write, [1] the address). */
static SEH_NO_UBSAN ULONG SehCaseAccessViolation(VOID)
{
    volatile LONG *volatile nowhere = NULL;
    volatile LONG handled = 0, value = 0;
    __try {
        *nowhere = 1;
        handled = -1;
    } __except (SehSaveRecord(GetExceptionInformation())) {
        handled = 1;
    }
    SEH_EXPECT(handled == 1);
    SEH_EXPECT(SehSavedRecord.ExceptionCode == STATUS_ACCESS_VIOLATION);
    SEH_EXPECT(SehSavedRecord.NumberParameters == 2);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[0] == 1);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[1] == 0);
    SEH_EXPECT(SehSavedRecord.ExceptionAddress != NULL);

    handled = 0;
    __try {
        value = nowhere[2];
    } __except (SehSaveRecord(GetExceptionInformation())) {
        handled = GetExceptionCode() == STATUS_ACCESS_VIOLATION;
    }
    SEH_EXPECT(handled == 1 && value == 0);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[0] == 0);
    SEH_EXPECT(SehSavedRecord.ExceptionInformation[1] == 2 * sizeof(LONG));

    /* A second fault after the first was handled is caught too. */
    handled = 0;
    __try {
        *nowhere = 2;
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        handled = 1;
    }
    SEH_EXPECT(handled == 1);
    return 0;
}

static __declspec(noinline) NTSTATUS
    SehProbe(const volatile VOID *Address, SIZE_T Length, ULONG Alignment, BOOLEAN Write)
{
    NTSTATUS status = STATUS_SUCCESS;
    __try {
        if (Write)
            ProbeForWrite((volatile VOID *)Address, Length, Alignment);
        else
            ProbeForRead(Address, Length, Alignment);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        status = GetExceptionCode();
    }
    return status;
}

/* 7. ProbeForRead/ProbeForWrite: alignment, range, wrap, Length 0, a good buffer. */
static ULONG SehCaseProbe(VOID)
{
    ULONG buffer[64] = {0};
    PUCHAR b = (PUCHAR)buffer;
    ULONG_PTR limit = (ULONG_PTR)MM_USER_PROBE_ADDRESS;
    SEH_EXPECT(limit == 0x7FFFFFFF0000ULL);
    SEH_EXPECT(SehProbe(buffer, sizeof(buffer), sizeof(ULONG), FALSE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe(buffer, sizeof(buffer), sizeof(ULONG), TRUE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe(b + 1, 4, 4, FALSE) == STATUS_DATATYPE_MISALIGNMENT);
    SEH_EXPECT(SehProbe(b + 2, 4, 4, TRUE) == STATUS_DATATYPE_MISALIGNMENT);
    SEH_EXPECT(SehProbe(b + 1, 4, 1, FALSE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe((PVOID)(limit - 2), 4, 1, FALSE) == STATUS_ACCESS_VIOLATION);
    SEH_EXPECT(SehProbe((PVOID)(limit - 4), 4, 1, FALSE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe((PVOID)limit, 1, 1, TRUE) == STATUS_ACCESS_VIOLATION);
    SEH_EXPECT(SehProbe((PVOID) ~(ULONG_PTR)0xF, 0x20, 1, FALSE) == STATUS_ACCESS_VIOLATION);
    /* Misalignment is reported before the range. */
    SEH_EXPECT(SehProbe((PVOID)(limit + 1), 8, 8, FALSE) == STATUS_DATATYPE_MISALIGNMENT);
    /* Length 0: no check at all. */
    SEH_EXPECT(SehProbe((PVOID)(limit + 1), 0, 8, FALSE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe((PVOID)(limit + 1), 0, 8, TRUE) == STATUS_SUCCESS);
    /* Unmapped: ProbeForRead does not touch it, ProbeForWrite faults on it. */
    SEH_EXPECT(SehProbe((PVOID)0x1000, 16, 1, FALSE) == STATUS_SUCCESS);
    SEH_EXPECT(SehProbe((PVOID)0x1000, 16, 1, TRUE) == STATUS_ACCESS_VIOLATION);
    return 0;
}

/* 8. EXCEPTION_CONTINUE_EXECUTION: STATUS_NONCONTINUABLE_EXCEPTION to the next handler, its
 * record pointing to the original. RtlRaiseException with parameters. A raise inside a
 * handler, caught further out. A raise from the pool (POOL_FLAG_RAISE_ON_FAILURE). */
static ULONG SehCaseMore(VOID)
{
    EXCEPTION_RECORD r;
    volatile LONG handled = 0;
    NTSTATUS code = 0;
    PVOID p;

    __try {
        __try {
            ExRaiseStatus(STATUS_INVALID_HANDLE);
        } __except (EXCEPTION_CONTINUE_EXECUTION) {
            return __LINE__;
        }
    } __except (SehSaveRecord(GetExceptionInformation())) {
        handled = 1;
    }
    SEH_EXPECT(handled == 1);
    SEH_EXPECT(SehSavedRecord.ExceptionCode == STATUS_NONCONTINUABLE_EXCEPTION);
    SEH_EXPECT(SehSavedRecord.ExceptionRecord != NULL &&
               SehSavedRecord.ExceptionRecord->ExceptionCode == STATUS_INVALID_HANDLE);

    RtlZeroMemory(&r, sizeof(r));
    r.ExceptionCode = (NTSTATUS)0xE0001234;
    r.NumberParameters = 3;
    r.ExceptionInformation[0] = 10;
    r.ExceptionInformation[2] = 30;
    handled = 0;
    __try {
        RtlRaiseException(&r);
    } __except (SehSaveRecord(GetExceptionInformation())) {
        handled = 1;
    }
    SEH_EXPECT(handled == 1 && SehSavedRecord.ExceptionCode == (NTSTATUS)0xE0001234);
    SEH_EXPECT(SehSavedRecord.NumberParameters == 3 &&
               SehSavedRecord.ExceptionInformation[2] == 30);

    __try {
        __try {
            ExRaiseAccessViolation();
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            SEH_EXPECT(GetExceptionCode() == STATUS_ACCESS_VIOLATION);
            ExRaiseDatatypeMisalignment();
        }
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    SEH_EXPECT(code == STATUS_DATATYPE_MISALIGNMENT);

    code = 0;
    p = NULL;
    __try {
        p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, 16, 0);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    SEH_EXPECT(p == NULL && code == STATUS_INVALID_PARAMETER);
    return 0;
}

/* __try directly under case and default labels (common in dispatch routines; one statement
 * with MSVC): a fault caught under a case, a raise unwinding through a __finally under a case,
 * break inside a body ending the switch, a raise caught under default. The frames of the cases
 * the switch jumps over are never entered. */
static __declspec(noinline) SEH_NO_UBSAN VOID SehSwitch(LONG Selector, SEH_LOG *Log)
{
    volatile LONG *volatile nowhere = NULL;
    volatile LONG value = 0;
    switch (Selector) {
    case 0:
        __try {
            SehLog(Log, 'a');
            value = *nowhere;
            SehLog(Log, 'x');
        } __except (SehLogFilter(Log, 'f', GetExceptionCode() == STATUS_ACCESS_VIOLATION)) {
            SehLog(Log, 'h');
        }
        break;
    case 1:
        __try {
            SehLog(Log, 'b');
            SehRaiseIn3Calls(STATUS_UNSUCCESSFUL, 1);
        } __finally {
            SehLog(Log, AbnormalTermination() ? 'F' : 'n');
        }
        break;
    case 2:
        __try {
            SehLog(Log, 'c');
            if (SehTrue(&Selector))
                break;
            SehLog(Log, 'x');
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            SehLog(Log, 'x');
        }
        SehLog(Log, 'x');
        break;
    case 3:
        __try {
            SehLog(Log, 'e');
        } __finally {
            SehLog(Log, AbnormalTermination() ? 'A' : 'n');
        }
        break;
    default:
        __try {
            SehLog(Log, 'd');
            ExRaiseStatus(STATUS_TIMEOUT);
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            SehLog(Log, GetExceptionCode() == STATUS_TIMEOUT ? 'D' : '?');
        }
    }
    SehLog(Log, (char)('0' + value));
}

/* 9. __try under case and default labels, each path; then a raise finds the right frame (no
 * frame of SehSwitch is left behind). */
static ULONG SehCaseSwitch(VOID)
{
    SEH_LOG log = {{0}, 0};
    NTSTATUS code = 0;
    LONG i;
    SehSwitch(0, &log);
    SEH_EXPECT(SehLogIs(&log, "afh0"));
    log.Count = 0;
    __try {
        SehSwitch(1, &log);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    SEH_EXPECT(SehLogIs(&log, "bF") && code == STATUS_UNSUCCESSFUL);
    log.Count = 0;
    SehSwitch(2, &log);
    SEH_EXPECT(SehLogIs(&log, "c0"));
    log.Count = 0;
    SehSwitch(3, &log);
    SEH_EXPECT(SehLogIs(&log, "en0"));
    log.Count = 0;
    SehSwitch(7, &log);
    SEH_EXPECT(SehLogIs(&log, "dD0"));
    log.Count = 0;
    SehSwitch(-1, &log);
    SEH_EXPECT(SehLogIs(&log, "dD0"));
    /* Every path again, in a loop, then a raise: it reaches this handler. */
    log.Count = 0;
    for (i = 0; i < 5; i++)
        if (i != 1)
            SehSwitch(i, &log);
    SEH_EXPECT(SehLogIs(&log, "afh0c0en0dD0"));
    code = 0;
    __try {
        ExRaiseStatus(STATUS_NOT_SUPPORTED);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        code = GetExceptionCode();
    }
    SEH_EXPECT(code == STATUS_NOT_SUPPORTED);
    return 0;
}

/* 10. __try/__except and __try/__finally are single statements: after an ordinary label, as
 * the unbraced body of if, else and for, and followed by an else that belongs to the enclosing
 * if. */
static ULONG SehCaseStatementForms(VOID)
{
    SEH_LOG log = {{0}, 0};
    volatile LONG zero = 0, one = 1;
    /* Assigned in the body and read after the handler: volatile (docs/seh.md, limit 7). */
    volatile LONG tries = 0;
    LONG i;

retry:
    __try {
        tries++;
        if (tries < 3)
            ExRaiseStatus(STATUS_RETRY);
    } __except (EXCEPTION_EXECUTE_HANDLER) {
        goto retry;
    }
    SEH_EXPECT(tries == 3);

    if (SehTrue(&zero))
        __try {
            SehLog(&log, 'x');
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            SehLog(&log, 'x');
        }
    else
        SehLog(&log, 'e');
    SEH_EXPECT(SehLogIs(&log, "e"));

    log.Count = 0;
    if (SehTrue(&one))
        __try {
            ExRaiseStatus(STATUS_UNSUCCESSFUL);
        } __except (SehLogFilter(&log, 'f', EXCEPTION_EXECUTE_HANDLER)) {
            SehLog(&log, 'h');
        }
    else
        SehLog(&log, 'x');
    SEH_EXPECT(SehLogIs(&log, "fh"));

    log.Count = 0;
    if (SehTrue(&zero))
        SehLog(&log, 'x');
    else
        __try {
            SehLog(&log, 'b');
        } __finally {
            SehLog(&log, AbnormalTermination() ? 'A' : 'n');
        }
    SEH_EXPECT(SehLogIs(&log, "bn"));

    log.Count = 0;
    for (i = 0; i < 3; i++)
        __try {
            if (i == 1)
                ExRaiseStatus(STATUS_UNSUCCESSFUL);
            SehLog(&log, (char)('0' + i));
        } __except (EXCEPTION_EXECUTE_HANDLER) {
            SehLog(&log, 'h');
        }
    SEH_EXPECT(SehLogIs(&log, "0h2"));
    return 0;
}

typedef ULONG (*SEH_CASE)(VOID);

static const struct {
    const char *Name;
    SEH_CASE Run;
} SehCases[] = {
    {"catch_raise", SehCaseCatchRaise},
    {"continue_search", SehCaseContinueSearch},
    {"finally", SehCaseFinally},
    {"loops", SehCaseLoops},
    {"return_inside_try", SehCaseReturnInsideTry},
    {"access_violation", SehCaseAccessViolation},
    {"probe", SehCaseProbe},
    {"more", SehCaseMore},
    {"switch", SehCaseSwitch},
    {"statement_forms", SehCaseStatementForms},
};

#define SEH_CASE_COUNT (sizeof(SehCases) / sizeof(SehCases[0]))

#endif
