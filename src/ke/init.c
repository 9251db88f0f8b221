/*
 * init.c - ke_init and ke_shutdown: the timer thread and one DPC thread per emulated
 * processor. Called once each by drvhost_init / drvhost_shutdown on the booting thread.
 */
#include "ke/ke_private.h"

/* KAFFINITY has 64 bits: one processor group of at most 64 processors. */
#define KE_MAX_PROCESSORS 64

static ULONG processor_count; /* 0 before ke_init: queries then report one processor */

ULONG ke_processor_count(void)
{
    ULONG n = __atomic_load_n(&processor_count, __ATOMIC_RELAXED);
    return n != 0 ? n : 1;
}

NTSTATUS ke_init(unsigned processors)
{
    NTSTATUS status;
    if (processors == 0)
        processors = os_cpu_count();
    if (processors > KE_MAX_PROCESSORS)
        processors = KE_MAX_PROCESSORS;
    __atomic_store_n(&processor_count, processors, __ATOMIC_RELAXED);
    /* The fault handler turns access violations in drivers into exceptions or bug checks. */
    ke_seh_init();
    status = ke_dpc_start(processors);
    if (!NT_SUCCESS(status))
        goto fail;
    status = ke_timer_start();
    if (!NT_SUCCESS(status))
        goto fail_dpc;
    return STATUS_SUCCESS;

fail_dpc:
    ke_dpc_stop();
fail:
    __atomic_store_n(&processor_count, 0, __ATOMIC_RELAXED);
    return status;
}

/* The timer thread stops first, so that no timer queues a DPC into a stopping queue; the DPC
 * threads then drain their queues and exit. */
void ke_shutdown(void)
{
    ke_timer_stop();
    ke_dpc_stop();
    ke_thread_release_current();
    __atomic_store_n(&processor_count, 0, __ATOMIC_RELAXED);
}
