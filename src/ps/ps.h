/*
 * ps.h - the process and thread manager: system threads (PsCreateSystemThread,
 * PsTerminateSystemThread) and the version and thread queries of the DDI.
 *
 * A thread created by PsCreateSystemThread is an object-manager object whose body is a
 * struct ps_thread; the struct ke_thread at its start is what KeGetCurrentThread and
 * PsGetCurrentThread return in that thread, so the PKTHREAD a driver gets from
 * ObReferenceObjectByHandle(..., *PsThreadType, ...) can be waited on with
 * KeWaitForSingleObject and released with ObDereferenceObject (see src/ps/thread.c).
 */
#ifndef DRVHOST_PS_H
#define DRVHOST_PS_H

#include <wdm.h>

#include "ke/ke.h"
#include "os/os.h"

struct ps_thread {
    struct ke_thread kt; /* first: the ob body pointer is the PKTHREAD */
    os_thread host;      /* joinable; written before `go` is set, joined by the reaper */
    PKSTART_ROUTINE start;
    PVOID context;
    KEVENT started; /* set by the new thread once it adopted kt (ClientId is known) */
    KEVENT go;      /* set by the creator once `host` is written */
};

/* ---- notifications (notify.c) ------------------------------------------------------------ */

/* The load-image routines, for a driver module the loader mapped (ProcessId 0; IMAGE_INFO of a
 * kernel image). name stays the caller's. */
void ps_notify_image_load(PUNICODE_STRING name, void *base, size_t size);

#endif
