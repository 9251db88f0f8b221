/*
 * host_api.c - the registry part of the host embedding API (include/drvhost/drvhost.h).
 *
 * Kept apart from the rest of cm so that a test can compile the store into itself without also
 * defining (and interposing) the exported drvhost_* symbols of libdrvhost.so.
 */
#include "cm/cm.h"

#include <drvhost/drvhost.h>

DRVHOST_API int32_t drvhost_reg_set(const char *key, const char *name, uint32_t type,
                                    const void *data, size_t size)
{
    return cm_reg_set_utf8(key, name, type, data, size);
}
