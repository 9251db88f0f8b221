/*
 * cm.h - the registry layer's interface to the other layers: starting and stopping the registry
 * (the host's boot), and the service keys the host creates and the loader reads. Drivers reach
 * the registry through the Zw and Rtl registry DDIs (include/km/wdm_cm.h), the host program
 * through the drvhost_reg_* host API; the store itself, names and paths, .reg files and the
 * registry file are cm's own (cm/cm_private.h, which describes the store, its lock and the
 * keys' lifetime).
 */
#ifndef DRVHOST_CM_CM_H
#define DRVHOST_CM_CM_H

#include <ntdef.h>
#include <ntstatus.h>

/* ---- start and stop (store.c) ----------------------------------------------------------- */

/* Creates the empty tree: \Registry, \Registry\Machine\{System\CurrentControlSet\{Services,
 * Control,Enum,Hardware Profiles\Current},Software\Classes,Hardware} and \Registry\User.
 * Not thread-safe against other cm calls (boot-time only). STATUS_UNSUCCESSFUL if the store
 * already exists. Every other call fails with STATUS_UNSUCCESSFUL while there is no store. */
NTSTATUS cm_init(void);
/* Saves the registry file if one is open (cm_persist_shutdown), then detaches and frees every
 * key not held by someone (see "Lifetime" in cm/cm_private.h). Returns the save's status
 * (STATUS_SUCCESS if no file is open). */
NTSTATUS cm_shutdown(void);

/* ---- service keys (service.c) ---------------------------------------------------------- */

/* Creates (or opens) \Registry\Machine\System\CurrentControlSet\Services\<service> and sets
 * ImagePath (REG_EXPAND_SZ, UTF-16 with terminator), Type = 1 (SERVICE_KERNEL_DRIVER),
 * Start = 3 (SERVICE_DEMAND_START) and ErrorControl = 1 (SERVICE_ERROR_NORMAL), replacing
 * existing values (other values and subkeys of an existing service key are kept). The service
 * name must be one valid key name component (STATUS_OBJECT_NAME_INVALID if it is empty or
 * holds a '\', STATUS_INVALID_PARAMETER if too long or not UTF-8). */
NTSTATUS cm_service_create(const char *service, const char *image_path);
/* The service's ImagePath as UTF-8 (malloc'ed; trailing NULs of the value dropped).
 * STATUS_OBJECT_NAME_NOT_FOUND if there is no such service key or it has no ImagePath;
 * STATUS_OBJECT_TYPE_MISMATCH if ImagePath is not REG_SZ or REG_EXPAND_SZ;
 * STATUS_INVALID_PARAMETER if it is not valid UTF-16. */
NTSTATUS cm_service_image_path(const char *service, char **utf8_path);

/* Calls fn(name, value, ctx) for each REG_DWORD value of the key at utf8_path (an NT path,
 * \Registry\...) whose name is ASCII and shorter than 64 characters, in the key's value
 * order; values of another type or size are skipped. STATUS_OBJECT_NAME_NOT_FOUND if there
 * is no such key. The key is held (not locked) during the calls: fn may call the registry. */
NTSTATUS cm_key_dword_values(const char *utf8_path,
                             void (*fn)(const char *name, ULONG value, void *ctx), void *ctx);

#endif
