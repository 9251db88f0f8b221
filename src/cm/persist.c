/*
 * persist.c - the registry file: loading it at drvhost_registry_open, saving it on ZwFlushKey,
 * drvhost_registry_save and at shutdown, and the atomic file write both saving and
 * drvhost_reg_export use.
 *
 * Atomicity: os_file_replace (src/os/savefile.c) writes a fresh exclusive temporary file
 * beside the target, syncs it and renames it over the target: a process killed at any point
 * leaves either the old or the new file, never a mix, and a planted link is never followed.
 *
 * One process per file: cm_persist_open takes an exclusive lock on "FILE.lock" (os_file_lock)
 * and keeps it until cm_persist_shutdown (or the process's end). A second process opening the
 * same file is refused at once with STATUS_SHARING_VIOLATION and a message naming the file,
 * rather than waiting (a run can last long) or interleaving its saves with the first one's.
 *
 * Locking: cm_persist_lock serializes saves and guards the cm_persist_* state. It is taken
 * before any store call and the store's lock is a leaf, so there is no ordering problem.
 */
#include "cm/cm_private.h"
#include "rtl/rtl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

static os_mutex cm_persist_lock = OS_MUTEX_INIT;
static char *cm_persist_path;       /* NULL: no registry file */
static int cm_persist_lock_fd = -1; /* the os_file_lock handle while a file is open */
static BOOLEAN cm_persist_had_file; /* the file existed at open or was saved since */
static int cm_persist_last_error;   /* errno of the last failed save, for the message */

/* cm_file_write_atomic, also giving the errno of a failure. */
static NTSTATUS cm_file_write_errno(const char *path, const void *data, size_t size, int *error)
{
    int e = os_file_replace(path, data, size);

    if (error)
        *error = e;
    return e ? rtl_status_from_errno(e, OS_ERRNO_SAVE, STATUS_UNSUCCESSFUL) : STATUS_SUCCESS;
}

NTSTATUS cm_file_write_atomic(const char *path, const void *data, size_t size)
{
    return cm_file_write_errno(path, data, size, NULL);
}

/* Takes the file's lock (cm_persist_lock held); the message says why it cannot be had. */
static NTSTATUS cm_persist_take_lock(const char *path)
{
    int e = os_file_lock(path, &cm_persist_lock_fd);

    if (e == EBUSY)
        rtl_diag(RTL_DIAG_ERROR, "cm",
                 "%s: the registry file is in use by another drvhost process (one "
                 "process at a time may use a registry file)",
                 path);
    else if (e)
        rtl_diag(RTL_DIAG_ERROR, "cm", "%s: cannot lock the registry file (%s.lock): %s", path,
                 path, strerror(e));
    if (e)
        cm_persist_lock_fd = -1;
    return e ? rtl_status_from_errno(e, OS_ERRNO_SAVE, STATUS_UNSUCCESSFUL) : STATUS_SUCCESS;
}

NTSTATUS cm_persist_open(const char *path)
{
    char err[512];
    NTSTATUS status;

    if (!path || !path[0])
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&cm_persist_lock);
    if (cm_persist_path) {
        os_mutex_unlock(&cm_persist_lock);
        return STATUS_INVALID_PARAMETER;
    }
    status = cm_persist_take_lock(path);
    if (NT_SUCCESS(status)) {
        /* With the lock, no other process saves here: temporary files are a killed run's. */
        os_file_remove_temps(path);
        status = cm_regfile_import(path, err, sizeof(err));
    }
    cm_persist_had_file = NT_SUCCESS(status);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND)
        status = STATUS_SUCCESS; /* no file yet: it is created at the first save */
    else if (!NT_SUCCESS(status) && cm_persist_lock_fd >= 0)
        rtl_diag_plain(RTL_DIAG_ERROR, "cm", "%s", err); /* FILE:LINE: error: ... */
    if (NT_SUCCESS(status) && !(cm_persist_path = strdup(path)))
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status)) {
        os_file_unlock(cm_persist_lock_fd);
        cm_persist_lock_fd = -1;
    }
    os_mutex_unlock(&cm_persist_lock);
    return status;
}

/* Saves to cm_persist_path (lock held). */
static NTSTATUS cm_persist_save_locked(void)
{
    void *buf = NULL;
    size_t size;
    NTSTATUS status;

    if (!cm_persist_path)
        return STATUS_SUCCESS;
    cm_persist_last_error = 0;
    status = cm_regfile_export_buffer(NULL, TRUE, &buf, &size);
    if (NT_SUCCESS(status))
        status = cm_file_write_errno(cm_persist_path, buf, size, &cm_persist_last_error);
    else
        cm_persist_last_error = ENOMEM;
    if (NT_SUCCESS(status))
        cm_persist_had_file = TRUE;
    free(buf);
    return status;
}

NTSTATUS cm_persist_save(void)
{
    NTSTATUS status;

    os_mutex_lock(&cm_persist_lock);
    status = cm_persist_save_locked();
    os_mutex_unlock(&cm_persist_lock);
    return status;
}

NTSTATUS cm_persist_shutdown(void)
{
    NTSTATUS status;

    os_mutex_lock(&cm_persist_lock);
    status = cm_persist_save_locked();
    if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_ERROR, "cm",
                 "the registry could not be saved to %s: %s (status 0x%08X); %s", cm_persist_path,
                 strerror(cm_persist_last_error), (unsigned)status,
                 cm_persist_had_file ? "the previous file is unchanged"
                                     : "no registry file was written");
    free(cm_persist_path);
    cm_persist_path = NULL;
    os_file_unlock(cm_persist_lock_fd);
    cm_persist_lock_fd = -1;
    os_mutex_unlock(&cm_persist_lock);
    return status;
}
