/*
 * init.c - the executive's start and stop.
 */
#include "ex/ex_private.h"
#include "rtl/rtl.h"

NTSTATUS ex_init(void)
{
    /* The Rtl routines that allocate for their caller use the pool, so that a string a driver
     * forgets to free is its pool leak; rtl is below ex and gets the pool through this hook. */
    static const struct rtl_allocator pool = {ex_alloc_for, ex_free};
    rtl_set_allocator(&pool);
    ex_sysinfo_init();
    return ex_worker_init();
}

/* Runs after every other layer has stopped and reported its leaks: the worker threads finish
 * what is queued, then the quarantined pool memory goes back to the host. Live blocks stay
 * (they were reported; the process is about to exit or boot again). */
void ex_shutdown(void)
{
    ex_worker_shutdown();
    ex_track_drain();
}
