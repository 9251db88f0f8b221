/* host.h - the host layer's internal header: boot state shared by its files. */
#ifndef DRVHOST_HOST_H
#define DRVHOST_HOST_H

#include <wdm.h>

#include <drvhost/drvhost.h>

/* True between drvhost_init and drvhost_shutdown. */
BOOLEAN host_booted(void);
/* drvhost_service_add with a relative image looked up in base_dir first (a scenario's folder). */
NTSTATUS host_service_add(const char *service, const char *image_path, const char *base_dir);
/* Closes every handle the host still has open (at shutdown). */
void host_close_all(void);

#endif
