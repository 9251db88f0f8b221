/*
 * savefile.c - replacing a file's content atomically and locking a file against other processes.
 *
 * os_file_replace: the new content goes to a fresh temporary file in the target's folder, created
 * with O_CREAT|O_EXCL|O_NOFOLLOW under a name nobody else can have chosen (pid, counter, clock),
 * so a link or file planted there is never opened, let alone truncated. It takes the old file's
 * mode (and owner, when permitted), is fsync'ed, renamed over the target (atomic on POSIX file
 * systems) and the folder is fsync'ed so that the rename itself is durable. A process killed at
 * any point leaves the old or the new file at the target, never a mix; it may leave its
 * temporary file ("NAME.tmp-*"), never a truncated target. A symlink at path is followed (its
 * target is replaced, the link stays).
 *
 * os_file_lock: an flock(2) on "RESOLVED.lock" (a lock file beside the resolved target, since the
 * target itself is replaced by rename at every save and a lock on it would not be seen by a
 * process opening the new file). The lock file is left in place: removing it would race with a
 * process that has just opened it.
 */
#include "os/os_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* write() until everything is written (a short write is retried; it fails only with errno). */
static int os_write_all(int fd, const void *data, size_t size)
{
    const char *p = data;

    while (size) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

/* The folder part of path ("." if none), malloc'ed. */
static char *os_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    return strndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* fsync of the folder holding path, so that a rename into it is durable. Best effort: some file
 * systems refuse to open or sync folders. */
static void os_sync_dir(const char *path)
{
    char *dir = os_dir_of(path);
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

int os_file_resolve(const char *path, char **resolved)
{
    char *cur = strdup(path);

    /* Follows symlinks at the last component only (the folders are whatever the kernel
     * resolves); the target may not exist yet (a dangling link names the file to create). */
    for (int hops = 0; cur; hops++) {
        struct stat st;
        char buf[PATH_MAX];
        ssize_t n;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
            *resolved = cur;
            return 0;
        }
        if (hops == 40) {
            free(cur);
            return ELOOP;
        }
        n = readlink(cur, buf, sizeof(buf) - 1);
        if (n < 0) {
            int e = errno;
            free(cur);
            return e;
        }
        buf[n] = 0;
        char *next;
        if (buf[0] == '/') {
            next = strdup(buf);
        } else {
            char *dir = os_dir_of(cur);
            size_t len = dir ? strlen(dir) + 1 + (size_t)n + 1 : 0;
            next = dir ? malloc(len) : NULL;
            if (next)
                snprintf(next, len, "%s/%s", dir, buf);
            free(dir);
        }
        free(cur);
        cur = next;
    }
    return ENOMEM;
}

/* Creates a new temporary file beside target, exclusively; *name receives its path. */
static int os_temp_create(const char *target, char **name)
{
    static unsigned long counter;
    size_t len = strlen(target) + 64;
    char *tmp = malloc(len);

    if (!tmp)
        return -ENOMEM;
    for (int tries = 0; tries < 100; tries++) {
        unsigned long c = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
        struct timespec ts;
        int fd;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        snprintf(tmp, len, "%s.tmp-%ld-%lu-%lx", target, (long)getpid(), c,
                 (unsigned long)ts.tv_nsec);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *name = tmp;
            return fd;
        }
        if (errno != EEXIST) {
            int e = errno;
            free(tmp);
            return -e;
        }
    }
    free(tmp);
    return -EEXIST;
}

/* Writes, keeps the old file's mode and owner, syncs and renames tmp over target. */
static int os_temp_fill(int fd, const char *tmp, const char *target, const void *data, size_t size)
{
    struct stat st;
    int e = 0;

    if (stat(target, &st) == 0) {
        if (fchmod(fd, st.st_mode & 07777) != 0)
            e = errno;
        (void)!fchown(fd, st.st_uid, st.st_gid); /* best effort: only root may give files away */
    }
    if (!e)
        e = os_write_all(fd, data, size);
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, target) != 0)
        e = errno;
    return e;
}

int os_file_replace(const char *path, const void *data, size_t size)
{
    char *target = NULL, *tmp = NULL;
    int fd, e = os_file_resolve(path, &target);

    if (e)
        return e;
    fd = os_temp_create(target, &tmp);
    if (fd < 0) {
        free(target);
        return -fd;
    }
    e = os_temp_fill(fd, tmp, target, data, size);
    if (e)
        unlink(tmp);
    else
        os_sync_dir(target);
    free(tmp);
    free(target);
    return e;
}

int os_file_lock(const char *path, int *handle)
{
    char *target = NULL, *lock;
    size_t len;
    int fd, e = os_file_resolve(path, &target);

    if (e)
        return e;
    len = strlen(target) + 6;
    lock = malloc(len);
    if (!lock) {
        free(target);
        return ENOMEM;
    }
    snprintf(lock, len, "%s.lock", target);
    free(target);
    fd = open(lock, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    e = fd < 0 ? errno : 0;
    free(lock);
    if (e)
        return e;
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        e = errno == EWOULDBLOCK ? EBUSY : errno;
        close(fd);
        return e;
    }
    *handle = fd;
    return 0;
}

void os_file_unlock(int handle)
{
    if (handle >= 0)
        close(handle); /* closing the only descriptor releases the flock */
}

void os_file_remove_temps(const char *path)
{
    char *target = NULL, *dir, *base;
    size_t blen;
    DIR *d;
    struct dirent *e;

    if (os_file_resolve(path, &target) != 0)
        return;
    dir = os_dir_of(target);
    base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
    blen = strlen(base);
    d = dir ? opendir(dir) : NULL;
    while (d && (e = readdir(d))) {
        /* Only names os_temp_create makes for this target: "BASE.tmp-PID-..." */
        if (strncmp(e->d_name, base, blen) == 0 && strncmp(e->d_name + blen, ".tmp-", 5) == 0)
            (void)unlinkat(dirfd(d), e->d_name, 0);
    }
    if (d)
        closedir(d);
    free(dir);
    free(target);
}
