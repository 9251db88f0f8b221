/*
 * ldr.h - the loader: driver modules (ELF shared objects built by drvcc), their imports,
 * their entry point and unload.
 */
#ifndef DRVHOST_LDR_H
#define DRVHOST_LDR_H

#include <wdm.h>

struct ldr_module;

NTSTATUS ldr_init(void);
/* Unloads every module still loaded (DriverUnload when it has one). Returns the number of
 * device objects drivers left at their unload since boot (each was reported). */
size_t ldr_shutdown(void);

/* Loads the service's module and runs its entry point (see drvhost_driver_load). */
NTSTATUS ldr_load(const char *service);
NTSTATUS ldr_unload(const char *service);
/* The driver object of a loaded service (case-insensitive), NULL if it is not loaded. For
 * the PnP manager, which calls AddDevice; valid until the service is unloaded. */
PDRIVER_OBJECT ldr_driver_object(const char *service);
/* Finds a service's image: an absolute one as given; a relative one in base_dir (NULL: the
 * current folder), else its file name in DRVHOST_DRIVER_PATH and the runtime's driver folder.
 * *resolved (malloc'ed) always holds a '/', so the dynamic loader never searches for it. A
 * missing image is reported on stderr with the paths tried: STATUS_OBJECT_NAME_NOT_FOUND. */
NTSTATUS ldr_resolve_image(const char *service, const char *image, const char *base_dir,
                           char **resolved);

#endif
