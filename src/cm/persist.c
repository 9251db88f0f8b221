/*
 * persist.c - the registry file: loading it at drvhost_registry_open, saving it on ZwFlushKey
 * and at shutdown, and the atomic file write both saving and drvhost_reg_export use.
 *
 * Atomicity: the new content goes to PATH.tmp, which is fsync'ed and then renamed over PATH
 * (rename is atomic on POSIX file systems), and the directory is fsync'ed so that the rename
 * itself is durable. A process killed at any point leaves either the old or the new file at
 * PATH, never a mix; a failed write removes PATH.tmp and leaves PATH untouched.
 *
 * Locking: cm_persist_lock serializes saves (two would write the same PATH.tmp) and guards
 * cm_persist_path. It is taken before any store call and the store's lock is a leaf, so there
 * is no ordering problem.
 *
 * This file calls POSIX directly (open, write, fsync, rename): src/os has no file API yet.
 */
#include "cm/cm.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t cm_persist_lock = PTHREAD_MUTEX_INITIALIZER;
static char *cm_persist_path; /* NULL: no registry file */

static NTSTATUS cm_errno_status(int e)
{
    switch (e) {
    case ENOSPC:
    case EFBIG:
    case EDQUOT:
        return STATUS_DISK_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
        return STATUS_ACCESS_DENIED;
    case ENOENT:
    case ENOTDIR:
        return STATUS_OBJECT_PATH_NOT_FOUND;
    default:
        return STATUS_UNSUCCESSFUL;
    }
}

/* write() until everything is written (a short write is retried; it fails only with errno). */
static int cm_write_all(int fd, const void *data, size_t size)
{
    const char *p = data;

    while (size) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? -1 : (errno = EIO, -1);
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

/* fsync of the directory holding path, so that a rename into it is durable. Best effort:
 * some file systems refuse to open or sync directories. */
static void cm_sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    int fd;

    if (!dir)
        return;
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

NTSTATUS cm_file_write_atomic(const char *path, const void *data, size_t size)
{
    size_t len = strlen(path);
    char *tmp = malloc(len + 5);
    int fd, e = 0;

    if (!tmp)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(tmp, path, len);
    memcpy(tmp + len, ".tmp", 5);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        e = errno;
    } else {
        if (cm_write_all(fd, data, size) != 0 || fsync(fd) != 0)
            e = errno;
        if (close(fd) != 0 && !e)
            e = errno;
        if (!e && rename(tmp, path) != 0)
            e = errno;
        if (e)
            unlink(tmp);
    }
    free(tmp);
    if (e)
        return cm_errno_status(e);
    cm_sync_dir(path);
    return STATUS_SUCCESS;
}

NTSTATUS cm_persist_open(const char *path)
{
    char err[512];
    char *copy;
    NTSTATUS status;

    if (!path || !path[0])
        return STATUS_INVALID_PARAMETER;
    pthread_mutex_lock(&cm_persist_lock);
    if (cm_persist_path) {
        pthread_mutex_unlock(&cm_persist_lock);
        return STATUS_INVALID_PARAMETER;
    }
    status = cm_regfile_import(path, err, sizeof(err));
    if (status == STATUS_OBJECT_NAME_NOT_FOUND && access(path, F_OK) != 0)
        status = STATUS_SUCCESS; /* no file yet: it is created at the first save */
    else if (!NT_SUCCESS(status))
        fprintf(stderr, "%s\n", err);
    if (NT_SUCCESS(status)) {
        copy = strdup(path);
        if (copy)
            cm_persist_path = copy;
        else
            status = STATUS_INSUFFICIENT_RESOURCES;
    }
    pthread_mutex_unlock(&cm_persist_lock);
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
    status = cm_regfile_export_buffer(NULL, TRUE, &buf, &size);
    if (NT_SUCCESS(status))
        status = cm_file_write_atomic(cm_persist_path, buf, size);
    free(buf);
    return status;
}

NTSTATUS cm_persist_save(void)
{
    NTSTATUS status;

    pthread_mutex_lock(&cm_persist_lock);
    status = cm_persist_save_locked();
    pthread_mutex_unlock(&cm_persist_lock);
    return status;
}

void cm_persist_shutdown(void)
{
    NTSTATUS status;

    pthread_mutex_lock(&cm_persist_lock);
    status = cm_persist_save_locked();
    if (!NT_SUCCESS(status))
        fprintf(stderr,
                "drvhost: saving the registry to %s failed (status 0x%08X); the previous "
                "file is unchanged\n",
                cm_persist_path, (unsigned)status);
    free(cm_persist_path);
    cm_persist_path = NULL;
    pthread_mutex_unlock(&cm_persist_lock);
}
