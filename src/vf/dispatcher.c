/*
 * dispatcher.c - what the dispatcher-object check of vf.h does on a violation: a driver handed
 * a KEVENT, KSEMAPHORE, KMUTEX or KTIMER to a Ke routine before (or without) its
 * KeInitializeXxx.
 *
 * Windows documents no check for it apart from Deadlock Detection's "uninitialized resource"
 * (0xC4/0x1002, for locks such as a KMUTEX); without Driver Verifier the kernel follows the
 * object's NULL wait list and stops in its own code with an access fault at the dispatcher's
 * raised IRQL, far from the driver's mistake. drvhost stops at the driver's call with that
 * documented code for every kind of dispatcher object; the table in src/vf/bugcodes.c says so.
 */
#include "vf/vf_private.h"

#include <stdio.h>

void vf_dispatcher_not_initialised(const DISPATCHER_HEADER *h, const char *ddi, const void *caller)
{
    char site[160];
    ke_site_text(caller, site, sizeof(site));
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_UNINITIALIZED_RESOURCE,
                    (ULONG_PTR)h, (ULONG_PTR)caller, 0,
                    "%s(%p) called from %s: the object was never initialised (type %u, size %u, "
                    "wait list %p/%p); KeInitializeEvent, KeInitializeSemaphore, KeInitializeMutex "
                    "or KeInitializeTimer(Ex) must come first",
                    ddi, (const void *)h, site, (unsigned)h->Type, (unsigned)h->Size,
                    (void *)h->WaitListHead.Flink, (void *)h->WaitListHead.Blink);
}
