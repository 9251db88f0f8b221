/*
 * file.c - reading host files (scenarios, driver modules) and the runtime's own location.
 *
 * A file is opened once and everything after works on that descriptor, so the file that is
 * checked is the file that is used (the loader reads a module's headers and dlopens it through
 * the same descriptor). Errors are errno values for the caller's message.
 */
#include "os/os_private.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const char *os_error_text(int error)
{
    return strerror(error);
}

/* The one errno -> status table: a row per errno value, a column per os_errno_context. Where a
 * context has no better meaning for an errno it is OS_FS_ERROR, for which each caller has its
 * own status (the loader STATUS_INVALID_IMAGE_FORMAT, the sandbox STATUS_UNEXPECTED_IO_ERROR,
 * the others STATUS_UNSUCCESSFUL). */
static const struct {
    int error;
    enum os_fs_status status[3]; /* OS_ERRNO_OPEN, OS_ERRNO_SAVE, OS_ERRNO_FS */
} os_errno_table[] = {
    /* A missing file when opening, a missing folder when creating (the file is made). */
    {ENOENT, {OS_FS_NOT_FOUND, OS_FS_PATH_NOT_FOUND, OS_FS_NOT_FOUND}},
    {ENOTDIR, {OS_FS_NOT_FOUND, OS_FS_PATH_NOT_FOUND, OS_FS_NOT_DIR}},
    {EEXIST, {OS_FS_ERROR, OS_FS_ERROR, OS_FS_EXISTS}},
    {EISDIR, {OS_FS_ERROR, OS_FS_ERROR, OS_FS_IS_DIR}},
    {EACCES, {OS_FS_DENIED, OS_FS_DENIED, OS_FS_DENIED}},
    {EPERM, {OS_FS_DENIED, OS_FS_DENIED, OS_FS_DENIED}},
    {EROFS, {OS_FS_DENIED, OS_FS_DENIED, OS_FS_DENIED}},
    {ELOOP, {OS_FS_ERROR, OS_FS_DENIED, OS_FS_LINK}},
    {EXDEV, {OS_FS_ERROR, OS_FS_ERROR, OS_FS_LINK}},
    {ENOSPC, {OS_FS_NO_SPACE, OS_FS_NO_SPACE, OS_FS_NO_SPACE}},
    {EDQUOT, {OS_FS_NO_SPACE, OS_FS_NO_SPACE, OS_FS_NO_SPACE}},
    {EFBIG, {OS_FS_ERROR, OS_FS_NO_SPACE, OS_FS_ERROR}},
    {ENAMETOOLONG, {OS_FS_ERROR, OS_FS_ERROR, OS_FS_NAME_INVALID}},
    {ENOTEMPTY, {OS_FS_ERROR, OS_FS_ERROR, OS_FS_NOT_EMPTY}},
    {EBUSY, {OS_FS_ERROR, OS_FS_BUSY, OS_FS_ERROR}},
    {ENOMEM, {OS_FS_NO_MEMORY, OS_FS_NO_MEMORY, OS_FS_ERROR}},
};

enum os_fs_status os_status_from_errno(int error, enum os_errno_context context)
{
    if (error == 0)
        return OS_FS_OK;
    for (size_t i = 0; i < sizeof(os_errno_table) / sizeof(os_errno_table[0]); i++)
        if (os_errno_table[i].error == error)
            return os_errno_table[i].status[context];
    return OS_FS_ERROR;
}

/* O_NONBLOCK: opening a FIFO must not wait for a writer (the read then finds it empty). */
int os_file_open_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    return fd >= 0 ? fd : -errno;
}

void os_file_close(int fd)
{
    if (fd >= 0)
        close(fd);
}

int os_file_kind(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return -errno;
    if (S_ISREG(st.st_mode))
        return OS_FILE_REGULAR;
    return S_ISDIR(st.st_mode) ? OS_FILE_DIRECTORY : OS_FILE_OTHER;
}

/* Reads at most max bytes; one byte more means the file is too large (EFBIG). A read that
 * would block (an empty FIFO) ends the file. */
static int os_read_all(int fd, size_t max, char **out, size_t *size)
{
    size_t cap = 0, n = 0;
    char *buf = NULL, *p;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            if (cap > max + 1)
                cap = max + 1;
            if (!(p = realloc(buf, cap + 1)))
                return free(buf), ENOMEM;
            buf = p;
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno != EAGAIN)
            return free(buf), errno;
        if (got <= 0)
            break;
        n += (size_t)got;
        if (n > max)
            return free(buf), EFBIG;
    }
    buf[n] = 0;
    *out = buf;
    *size = n;
    return 0;
}

int os_file_read_fd(int fd, size_t max, void **data, size_t *size)
{
    int kind = os_file_kind(fd);
    if (kind < 0)
        return -kind;
    if (kind == OS_FILE_DIRECTORY)
        return EISDIR;
    return os_read_all(fd, max, (char **)data, size);
}

int os_file_read(const char *path, size_t max, void **data, size_t *size)
{
    int fd = os_file_open_read(path), error;
    if (fd < 0)
        return -fd;
    error = os_file_read_fd(fd, max, data, size);
    os_file_close(fd);
    return error;
}

bool os_path_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

char *os_path_absolute(const char *path)
{
    char *abs = realpath(path, NULL);
    return abs != NULL ? abs : strdup(path);
}

int os_file_memory_copy(const char *name, const void *data, size_t size)
{
    int fd = memfd_create(name, MFD_CLOEXEC), error;
    for (size_t done = 0; fd >= 0 && done < size;) {
        ssize_t n = write(fd, (const char *)data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            close(fd);
            return -error;
        }
        done += (size_t)n;
    }
    return fd >= 0 ? fd : -errno;
}

/* dlopen through /proc/self/fd: the dynamic loader maps the very file the caller opened and
 * checked, whatever happens to the path meanwhile. The path must differ from every module
 * loaded before: glibc's dlopen returns the module already loaded under the same name without
 * opening the file, and descriptor numbers are reused (the second driver loaded while the first
 * is still there got the first one). So each load spells the path differently: a load counter
 * in binary, one "./" (0) or ".//" (1) component per bit, before the descriptor number. */
void *os_module_open_fd(int fd, char *error, size_t error_size)
{
    static unsigned long loads;
    unsigned long n = __atomic_fetch_add(&loads, 1, __ATOMIC_RELAXED);
    char path[256];
    size_t at = (size_t)snprintf(path, sizeof(path), "/proc/self/fd/");
    for (; n != 0; n >>= 1)
        at += (size_t)snprintf(path + at, sizeof(path) - at, "%s", n & 1 ? ".//" : "./");
    snprintf(path + at, sizeof(path) - at, "%d", fd);
    return os_module_open(path, error, error_size);
}

char *os_runtime_dir(void)
{
    Dl_info info;
    char *abs, *slash;
    if (!dladdr((void *)os_runtime_dir, &info) || info.dli_fname == NULL)
        return NULL;
    abs = realpath(info.dli_fname, NULL);
    if (abs != NULL && (slash = strrchr(abs, '/')) != NULL)
        *slash = 0;
    return abs;
}
