/*
 * host_api.c - the registry part of the host embedding API (include/drvhost/drvhost.h).
 *
 * Kept apart from the rest of cm so that a test can compile the store into itself without also
 * defining (and interposing) the exported drvhost_* symbols of libdrvhost.so.
 */
#include "cm/cm_private.h"
#include "rtl/rtl.h"

#include <drvhost/drvhost.h>

#include <stdio.h>

DRVHOST_API int32_t drvhost_reg_set(const char *key, const char *name, uint32_t type,
                                    const void *data, size_t size)
{
    return cm_reg_set_utf8(key, name, type, data, size);
}

DRVHOST_API int32_t drvhost_reg_import(const char *path)
{
    char err[512];
    NTSTATUS status = cm_regfile_import(path, err, sizeof(err));

    if (!NT_SUCCESS(status) && err[0])
        rtl_diag_plain(RTL_DIAG_ERROR, "cm", "%s", err); /* FILE:LINE: error: ... */
    return status;
}

DRVHOST_API int32_t drvhost_reg_export(const char *key, const char *path)
{
    return cm_regfile_export(key, path);
}

DRVHOST_API int32_t drvhost_registry_open(const char *path)
{
    return cm_persist_open(path);
}

DRVHOST_API int32_t drvhost_registry_save(void)
{
    return cm_persist_save();
}
