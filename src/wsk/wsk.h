/*
 * wsk.h - the Winsock Kernel provider (src/wsk): what the other layers call. The provider's
 * DDIs (WskRegister and the dispatch tables it hands out) are reached by drivers only.
 */
#ifndef DRVHOST_WSK_H
#define DRVHOST_WSK_H

#include <ntdef.h>

#include "os/os.h"

/* Stops the poll thread (drvhost_shutdown, after every driver unloaded: no socket is left). */
void wsk_shutdown(void);
/* The NTSTATUS of a platform socket result (the table docs/network.md lists). */
NTSTATUS wsk_status(enum os_net_status status);

#endif
