/* host.h - the host layer's internal header: boot state shared by its files. */
#ifndef DRVHOST_HOST_H
#define DRVHOST_HOST_H

#include <wdm.h>

#include <drvhost/drvhost.h>

/* True between drvhost_init and drvhost_shutdown. */
BOOLEAN host_booted(void);
/* Closes every handle the host still has open (at shutdown). */
void host_close_all(void);

#endif
