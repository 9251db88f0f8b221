/*
 * regfile_apply.c - applying a parsed .reg file to the store, and importing a file.
 *
 * Each operation is one store call (atomic by itself); the file as a whole is not applied
 * atomically with respect to other threads. Parsing comes first, so a malformed file changes
 * nothing; what can still fail here is running out of memory, or a key that another thread
 * deleted meanwhile.
 */
#include "cm/cm_private.h"

#include "os/os.h"
#include "rtl/rtl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cm/regfile.h"

static NTSTATUS cm_apply_err(const struct cm_regfile *rf, const struct cm_reg_op *op,
                             NTSTATUS status, const char *what, char *err, size_t errsize)
{
    if (err && errsize)
        snprintf(err, errsize, "%s:%u: error: %s failed with status 0x%08X", rf->name, op->line,
                 what, (unsigned)status);
    return status;
}

/* One operation; *cur is the key of the current [KEY] section (referenced) or NULL. */
static NTSTATUS cm_apply_op(const struct cm_reg_op *op, struct cm_key **cur, const char **what)
{
    struct cm_key *k = NULL;
    NTSTATUS status;

    switch (op->kind) {
    case CM_OP_KEY:
        cm_key_release(*cur);
        *cur = NULL;
        *what = "creating the key";
        return cm_key_create_path(op->path, op->path_len, cur, NULL);
    case CM_OP_DELETE_KEY:
        cm_key_release(*cur);
        *cur = NULL;
        *what = "deleting the key";
        status = cm_key_open(op->path, op->path_len, FALSE, &k, NULL);
        if (status == STATUS_OBJECT_NAME_NOT_FOUND)
            return STATUS_SUCCESS; /* regedit ignores a key that is not there */
        if (NT_SUCCESS(status))
            status = cm_key_delete_tree(k);
        cm_key_release(k);
        return status == STATUS_KEY_DELETED ? STATUS_SUCCESS : status;
    case CM_OP_SET:
        *what = "setting the value";
        return cm_value_set(*cur, op->name, op->name_len, op->type, op->data, op->size);
    case CM_OP_DELETE_VALUE:
        *what = "deleting the value";
        status = cm_value_delete(*cur, op->name, op->name_len);
        return status == STATUS_OBJECT_NAME_NOT_FOUND ? STATUS_SUCCESS : status;
    }
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS cm_regfile_apply(const struct cm_regfile *rf, char *err, size_t errsize)
{
    struct cm_key *cur = NULL;
    NTSTATUS status = STATUS_SUCCESS;

    if (!rf)
        return STATUS_INVALID_PARAMETER;
    for (size_t i = 0; i < rf->n && NT_SUCCESS(status); i++) {
        const char *what = "";
        status = cm_apply_op(&rf->ops[i], &cur, &what);
        if (!NT_SUCCESS(status))
            cm_apply_err(rf, &rf->ops[i], status, what, err, errsize);
    }
    cm_key_release(cur);
    return status;
}

/* A .reg file larger than this is refused (regedit's own exports of a whole hive stay far
 * below it). */
#define CM_REGFILE_MAX ((size_t)1 << 30)

/* Reads a whole file into memory (one reader for the runtime: os_file_read). */
static NTSTATUS cm_read_file(const char *path, void **buf, size_t *size, char *err, size_t errsize)
{
    int e = os_file_read(path, CM_REGFILE_MAX, buf, size);
    if (e == 0)
        return STATUS_SUCCESS;
    if (err && errsize)
        snprintf(err, errsize, "%s: error: %s", path,
                 e == EFBIG ? "larger than 1 GiB" : os_error_text(e));
    return rtl_status_from_errno(e, OS_ERRNO_OPEN, STATUS_UNSUCCESSFUL);
}

NTSTATUS cm_regfile_import(const char *path, char *err, size_t errsize)
{
    struct cm_regfile *rf = NULL;
    void *buf = NULL;
    size_t size = 0;
    NTSTATUS status;

    if (err && errsize)
        err[0] = 0;
    if (!path)
        return STATUS_INVALID_PARAMETER;
    status = cm_read_file(path, &buf, &size, err, errsize);
    if (NT_SUCCESS(status))
        status = cm_regfile_parse(buf, size, path, &rf, err, errsize);
    free(buf);
    if (NT_SUCCESS(status))
        status = cm_regfile_apply(rf, err, errsize);
    cm_regfile_free(rf);
    return status;
}
