/*
 * test_os_status.c - the runtime's one errno -> NTSTATUS mapping: os_status_from_errno (src/os,
 * the errno value and what was being done) and rtl_status_from_os (src/rtl, the class to the
 * status Windows returns for the same condition).
 *
 * A white-box test: both functions are hidden inside libdrvhost.so, so their sources are
 * compiled into it. Expected values: a missing file opened is STATUS_OBJECT_NAME_NOT_FOUND, a
 * missing folder on the way of a file being created STATUS_OBJECT_PATH_NOT_FOUND, as
 * NtCreateFile returns them; no permission STATUS_ACCESS_DENIED; a full disk or quota
 * STATUS_DISK_FULL; a file another process holds STATUS_SHARING_VIOLATION; out of memory
 * STATUS_INSUFFICIENT_RESOURCES.
 */
#include "harness.h"

#include <errno.h>

#include "os/os.h"
#include "rtl/rtl.h"

/* A status no class produces, to see where the caller's own status is used. */
#define OTHER ((NTSTATUS)0xC0DE0001)

/* An errno value and the status expected when opening a file, saving one, and in the sandbox. */
struct row {
    int error;
    NTSTATUS open, save, fs;
};

static void check(const struct row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct row *r = &rows[i];
        ok_status(rtl_status_from_errno(r->error, OS_ERRNO_OPEN, OTHER), r->open);
        ok_status(rtl_status_from_errno(r->error, OS_ERRNO_SAVE, OTHER), r->save);
        ok_status(rtl_status_from_errno(r->error, OS_ERRNO_FS, OTHER), r->fs);
    }
}
#define CHECK(rows) check(rows, sizeof(rows) / sizeof(rows[0]))

TEST(zero_is_success_in_every_context)
{
    static const struct row rows[] = {{0, STATUS_SUCCESS, STATUS_SUCCESS, STATUS_SUCCESS}};
    CHECK(rows);
}

/* The sandbox finds a missing folder itself; its ENOENT is the last component. */
TEST(a_missing_file_when_opening_a_missing_folder_when_saving)
{
    static const struct row rows[] = {
        {ENOENT, STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND,
         STATUS_OBJECT_NAME_NOT_FOUND},
        {ENOTDIR, STATUS_OBJECT_NAME_NOT_FOUND, STATUS_OBJECT_PATH_NOT_FOUND,
         STATUS_NOT_A_DIRECTORY},
    };
    CHECK(rows);
}

/* A link loop when saving, a link refused by the sandbox: denied too. */
TEST(permission_is_access_denied)
{
    static const struct row rows[] = {
        {EACCES, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED},
        {EPERM, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED},
        {EROFS, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED},
        {ELOOP, OTHER, STATUS_ACCESS_DENIED, STATUS_ACCESS_DENIED},
        {EXDEV, OTHER, OTHER, STATUS_ACCESS_DENIED},
    };
    CHECK(rows);
}

TEST(no_space_is_disk_full)
{
    static const struct row rows[] = {
        {ENOSPC, STATUS_DISK_FULL, STATUS_DISK_FULL, STATUS_DISK_FULL},
        {EDQUOT, STATUS_DISK_FULL, STATUS_DISK_FULL, STATUS_DISK_FULL},
        {EFBIG, OTHER, STATUS_DISK_FULL, OTHER},
    };
    CHECK(rows);
}

TEST(memory_and_locks)
{
    static const struct row rows[] = {
        {ENOMEM, STATUS_INSUFFICIENT_RESOURCES, STATUS_INSUFFICIENT_RESOURCES, OTHER},
        {EBUSY, OTHER, STATUS_SHARING_VIOLATION, OTHER},
    };
    CHECK(rows);
}

/* What a context has no status for is the caller's: a folder or an over-large file is not a
 * loadable image (the loader), a .reg file that cannot be read is STATUS_UNSUCCESSFUL, the
 * sandbox's STATUS_UNEXPECTED_IO_ERROR. */
TEST(names_folders_and_the_callers_status)
{
    static const struct row rows[] = {
        {EEXIST, OTHER, OTHER, STATUS_OBJECT_NAME_COLLISION},
        {EISDIR, OTHER, OTHER, STATUS_FILE_IS_A_DIRECTORY},
        {ENAMETOOLONG, OTHER, OTHER, STATUS_OBJECT_NAME_INVALID},
        {ENOTEMPTY, OTHER, OTHER, STATUS_DIRECTORY_NOT_EMPTY},
        {EIO, OTHER, OTHER, OTHER},
        {ENOEXEC, OTHER, OTHER, OTHER},
    };
    CHECK(rows);
    ok_status(rtl_status_from_os(OS_FS_ERROR, STATUS_UNEXPECTED_IO_ERROR),
              STATUS_UNEXPECTED_IO_ERROR);
}
