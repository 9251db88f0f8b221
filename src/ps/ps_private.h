/* ps_private.h - shared between the process and thread manager's own files (not for other
 * layers). */
#ifndef DRVHOST_PS_PRIVATE_H
#define DRVHOST_PS_PRIVATE_H

#include "ps/ps.h"

/* The thread-notify routines (notify.c): create (in the creating thread, before the new thread
 * runs its start routine) or exit (in the exiting thread). Nothing when no routine is
 * registered. */
void ps_notify_thread(HANDLE thread_id, BOOLEAN create);

#endif
