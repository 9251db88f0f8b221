/* systhread.h - test harness: starting and joining system threads in test programs
 * (PsCreateSystemThread, ObReferenceObjectByHandle, KeWaitForSingleObject on the thread object).
 * Any test links the harness and may #include "systhread.h"; it uses <wdm.h>. */
#ifndef DRVHOST_TEST_SYSTHREAD_H
#define DRVHOST_TEST_SYSTHREAD_H

#include <wdm.h>

#include "harness.h"

/* Starts a system thread; returns its referenced thread object (the handle is closed). */
static inline PKTHREAD start_thread(PKSTART_ROUTINE routine, PVOID context)
{
    HANDLE h = NULL;
    PVOID thread = NULL;
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, routine, context),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL),
              STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    return (PKTHREAD)thread;
}

/* Waits for the thread to end and drops the reference. */
static inline void join_thread(PKTHREAD thread)
{
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(thread);
}

static inline void sleep_ms(LONG ms)
{
    LARGE_INTEGER t = {.QuadPart = -10000LL * ms};
    KeDelayExecutionThread(KernelMode, FALSE, &t);
}

#endif
