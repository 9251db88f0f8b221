/*
 * inf_load.c - reading an INF file from the host (through src/os) for the parser. Runtime
 * only: the parser's object library (inf_parse*.c) leaves this file out, so the fuzzer and
 * the parser tests need no platform code.
 */
#include "pnp/inf.h"

#include "os/os.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

/* Far above any real INF (the largest system INFs are a few MiB). */
#define INF_FILE_MAX ((size_t)64 << 20)

NTSTATUS inf_load(const char *path, const struct inf_options *options, struct inf_file **out,
                  struct inf_error *err)
{
    void *data = NULL;
    size_t size = 0;
    int e = os_file_read(path, INF_FILE_MAX, &data, &size);
    NTSTATUS status;
    *out = NULL;
    if (e != 0) {
        snprintf(err->text, sizeof(err->text), "%s: %s", path,
                 e == EFBIG ? "larger than 64 MiB" : os_error_text(e));
        err->line = 0;
        return e == ENOENT   ? STATUS_OBJECT_NAME_NOT_FOUND
               : e == EACCES ? STATUS_ACCESS_DENIED
               : e == ENOMEM ? STATUS_INSUFFICIENT_RESOURCES
                             : STATUS_UNSUCCESSFUL;
    }
    status = inf_parse(data, size, path, options, out, err);
    free(data);
    return status;
}
