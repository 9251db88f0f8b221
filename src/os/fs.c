/*
 * fs.c - files confined to one folder (the file sandbox of ZwCreateFile and friends).
 *
 * Every path is relative to a root folder's descriptor, '/'-separated UTF-8, already checked by
 * the caller (no empty, "." or ".." component). Confinement does not rely on that check alone:
 * the parent folder is resolved with openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
 * RESOLVE_NO_MAGICLINKS) when the kernel has it, else by a walk opening one component at a
 * time with O_NOFOLLOW and refusing "..", so neither ".." nor a symbolic link planted in the
 * folder can lead outside it. The last component is opened relative to that parent with
 * O_NOFOLLOW; a symbolic link there is refused too (OS_FS_LINK).
 */
#include "os/os_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define OS_EPOCH_DIFFERENCE_100NS 116444736000000000LL

int os_fs_root_open(const char *path, bool create)
{
    if (create && mkdir(path, 0777) != 0 && errno != EEXIST)
        return -1;
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

bool os_fs_temp_dir(char *out, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(out, size, "%s/drvhost-files.XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    return n > 0 && (size_t)n < size && mkdtemp(out) != NULL;
}

static int os_fs_rm_cb(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

bool os_fs_remove_tree(const char *path)
{
    /* FTW_PHYS: symbolic links are removed, never followed. */
    return nftw(path, os_fs_rm_cb, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

/* openat2 is tried once; ENOSYS (old kernel) or EPERM (a seccomp filter) selects the walk. */
static int os_fs_have_openat2 = -1;

static int os_fs_walk(int root, const char *rel)
{
    char component[256];
    int fd = dup(root);
    while (fd >= 0 && *rel != 0) {
        const char *slash = strchr(rel, '/');
        size_t n = slash != NULL ? (size_t)(slash - rel) : strlen(rel);
        if (n == 0 || n >= sizeof(component) || (n == 2 && rel[0] == '.' && rel[1] == '.')) {
            close(fd);
            errno = n == 0 || n >= sizeof(component) ? ENAMETOOLONG : EXDEV;
            return -1;
        }
        memcpy(component, rel, n);
        component[n] = 0;
        int next = openat(fd, component, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int error = errno;
        struct stat st;
        /* A symbolic link fails O_DIRECTORY with ENOTDIR: report it as the link it is. */
        if (next < 0 && error == ENOTDIR && fstatat(fd, component, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISLNK(st.st_mode))
            error = ELOOP;
        close(fd);
        fd = next;
        errno = error;
        rel += n + (slash != NULL);
    }
    return fd;
}

/* A folder beneath root (rel "" = root itself), as an O_PATH descriptor. */
static int os_fs_open_dir(int root, const char *rel)
{
    if (*rel == 0)
        return dup(root);
    if (__atomic_load_n(&os_fs_have_openat2, __ATOMIC_RELAXED) < 0 &&
        getenv("DRVHOST_FS_WALK") != NULL) /* tests: the walk without waiting for an old kernel */
        __atomic_store_n(&os_fs_have_openat2, 0, __ATOMIC_RELAXED);
    if (__atomic_load_n(&os_fs_have_openat2, __ATOMIC_RELAXED) != 0) {
        struct open_how how = {.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
                               .resolve =
                                   RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS};
        int fd = (int)syscall(SYS_openat2, root, rel, &how, sizeof(how));
        if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) {
            __atomic_store_n(&os_fs_have_openat2, 1, __ATOMIC_RELAXED);
            return fd;
        }
        __atomic_store_n(&os_fs_have_openat2, 0, __ATOMIC_RELAXED);
    }
    return os_fs_walk(root, rel);
}

/* The name in folder dir that equals name but for ASCII letter case, copied over name (the same
 * length); name is left alone when none does. The first such name in the folder's order wins. */
static void os_fs_find_folded(int dir, char *name)
{
    size_t n = strlen(name);
    int fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    struct dirent *e;
    if (d == NULL) {
        if (fd >= 0)
            close(fd);
        return;
    }
    while ((e = readdir(d)) != NULL)
        if (strlen(e->d_name) == n && strcasecmp(e->d_name, name) == 0) {
            memcpy(name, e->d_name, n);
            break;
        }
    closedir(d);
}

void os_fs_match_case(int root, char *rel)
{
    int dir = dup(root);
    char *p = rel;
    while (dir >= 0 && *p != 0) {
        char *slash = strchr(p, '/');
        size_t n = slash != NULL ? (size_t)(slash - p) : strlen(p);
        char saved = p[n];
        struct stat st;
        p[n] = 0;
        if (fstatat(dir, p, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT)
            os_fs_find_folded(dir, p);
        /* Only real folders are entered (O_NOFOLLOW): a link ends the matching, and the open
         * that follows refuses it. */
        int next =
            saved != 0 ? openat(dir, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) : -1;
        p[n] = saved;
        close(dir);
        dir = next;
        p += n + (saved != 0);
    }
    if (dir >= 0)
        close(dir);
}

/* Splits "a/b/c" into the parent's descriptor and "c". */
static enum os_fs_status os_fs_parent(int root, const char *rel, int *parent, const char **last)
{
    char dir[4096];
    const char *slash = strrchr(rel, '/');
    size_t n = slash != NULL ? (size_t)(slash - rel) : 0;
    if (n >= sizeof(dir))
        return OS_FS_NAME_INVALID;
    memcpy(dir, rel, n);
    dir[n] = 0;
    *last = slash != NULL ? slash + 1 : rel;
    *parent = os_fs_open_dir(root, dir);
    if (*parent >= 0)
        return OS_FS_OK;
    enum os_fs_status s = os_status_from_errno(errno, OS_ERRNO_FS);
    return s == OS_FS_NOT_FOUND || s == OS_FS_NOT_DIR ? OS_FS_PATH_NOT_FOUND : s;
}

static enum os_fs_status os_fs_open_once(int parent, const char *last, const struct os_fs_open *o,
                                         int *fd, bool *existed)
{
    struct stat st;
    int access = o->write ? O_RDWR : O_RDONLY;
    bool exists = fstatat(parent, last, &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (!exists && errno != ENOENT)
        return os_status_from_errno(errno, OS_ERRNO_FS);
    if (exists && S_ISLNK(st.st_mode))
        return OS_FS_LINK;
    *existed = exists;
    if (exists && o->how == OS_FS_CREATE_NEW)
        return OS_FS_EXISTS;
    if (!exists && (o->how == OS_FS_OPEN_EXISTING || o->how == OS_FS_TRUNCATE_EXISTING))
        return OS_FS_NOT_FOUND;
    if (exists && S_ISDIR(st.st_mode) != o->directory)
        return o->directory ? OS_FS_NOT_DIR : OS_FS_IS_DIR;
    if (o->directory) {
        if (!exists && mkdirat(parent, last, 0777) != 0)
            return os_status_from_errno(errno, OS_ERRNO_FS);
        *fd = openat(parent, last, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        return *fd >= 0 ? OS_FS_OK : os_status_from_errno(errno, OS_ERRNO_FS);
    }
    int flags = access | O_NOFOLLOW | O_CLOEXEC | (exists ? 0 : O_CREAT | O_EXCL);
    if (exists && (o->how == OS_FS_TRUNCATE_EXISTING || o->how == OS_FS_TRUNCATE_ALWAYS))
        flags |= O_TRUNC;
    *fd = openat(parent, last, flags, 0666);
    return *fd >= 0 ? OS_FS_OK : os_status_from_errno(errno, OS_ERRNO_FS);
}

/* A file made by someone else between the look and the O_EXCL create is opened as existing. */
static enum os_fs_status os_fs_open_last(int parent, const char *last, const struct os_fs_open *o,
                                         int *fd, bool *existed)
{
    enum os_fs_status s = os_fs_open_once(parent, last, o, fd, existed);
    if (s == OS_FS_EXISTS && !*existed && o->how != OS_FS_CREATE_NEW)
        s = os_fs_open_once(parent, last, o, fd, existed);
    return s;
}

enum os_fs_status os_fs_open(int root, const char *rel, const struct os_fs_open *o, int *fd,
                             bool *existed)
{
    const char *last;
    int parent;
    enum os_fs_status s;
    *fd = -1;
    *existed = false;
    if (*rel == 0) { /* the root folder itself */
        if (!o->directory && o->how != OS_FS_OPEN_EXISTING && o->how != OS_FS_OPEN_ALWAYS)
            return OS_FS_IS_DIR;
        *existed = true;
        *fd = openat(root, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        return *fd >= 0 ? OS_FS_OK : os_status_from_errno(errno, OS_ERRNO_FS);
    }
    s = os_fs_parent(root, rel, &parent, &last);
    if (s != OS_FS_OK)
        return s;
    s = os_fs_open_last(parent, last, o, fd, existed);
    close(parent);
    return s;
}

enum os_fs_status os_fs_unlink(int root, const char *rel, bool directory)
{
    const char *last;
    int parent;
    enum os_fs_status s = os_fs_parent(root, rel, &parent, &last);
    if (s != OS_FS_OK)
        return s;
    s = unlinkat(parent, last, directory ? AT_REMOVEDIR : 0) == 0
            ? OS_FS_OK
            : os_status_from_errno(errno, OS_ERRNO_FS);
    close(parent);
    return s;
}

enum os_fs_status os_fs_read(int fd, void *buffer, size_t length, uint64_t offset, size_t *done)
{
    ssize_t n;
    do
        n = pread(fd, buffer, length, (off_t)offset);
    while (n < 0 && errno == EINTR);
    *done = n > 0 ? (size_t)n : 0;
    return n >= 0 ? OS_FS_OK : os_status_from_errno(errno, OS_ERRNO_FS);
}

enum os_fs_status os_fs_write(int fd, const void *buffer, size_t length, uint64_t offset,
                              size_t *done)
{
    *done = 0;
    while (*done < length) {
        ssize_t n =
            pwrite(fd, (const char *)buffer + *done, length - *done, (off_t)(offset + *done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? os_status_from_errno(errno, OS_ERRNO_FS) : OS_FS_NO_SPACE;
        *done += (size_t)n;
    }
    return OS_FS_OK;
}

static int64_t os_fs_time(struct timespec ts)
{
    return (int64_t)ts.tv_sec * 10000000 + ts.tv_nsec / 100 + OS_EPOCH_DIFFERENCE_100NS;
}

enum os_fs_status os_fs_stat(int fd, struct os_fs_info *info)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return os_status_from_errno(errno, OS_ERRNO_FS);
    info->size = (uint64_t)st.st_size;
    info->allocated = (uint64_t)st.st_blocks * 512;
    info->links = (uint32_t)st.st_nlink;
    info->directory = S_ISDIR(st.st_mode);
    info->read_only = (st.st_mode & 0222) == 0;
    info->access_time = os_fs_time(st.st_atim);
    info->write_time = os_fs_time(st.st_mtim);
    info->change_time = os_fs_time(st.st_ctim);
    return OS_FS_OK;
}

void os_fs_close(int fd)
{
    if (fd >= 0)
        close(fd);
}
