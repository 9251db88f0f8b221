/* host_api.c - the tracing part of the host API (include/drvhost/drvhost.h). */
#include <drvhost/drvhost.h>

#include "trace/trace_private.h"

DRVHOST_API int drvhost_trace_set(const char *spec, char *err, size_t errsize)
{
    if (spec == NULL) {
        snprintf(err, errsize, "no trace setting");
        return -1;
    }
    return trace_set_spec(spec, err, errsize);
}

DRVHOST_API int drvhost_trace_file(const char *path)
{
    return trace_set_file(path);
}

DRVHOST_API int drvhost_recorder_dump(const char *driver, FILE *out)
{
    if (driver == NULL || out == NULL)
        return -1;
    return trace_recorder_dump(driver, out);
}
