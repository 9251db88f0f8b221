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

static NTSTATUS open_status(int e)
{
    return rtl_status_from_errno(e, OS_ERRNO_OPEN, OTHER);
}

static NTSTATUS save_status(int e)
{
    return rtl_status_from_errno(e, OS_ERRNO_SAVE, OTHER);
}

static NTSTATUS fs_status(int e)
{
    return rtl_status_from_errno(e, OS_ERRNO_FS, OTHER);
}

TEST(zero_is_success_in_every_context)
{
    ok_status(open_status(0), STATUS_SUCCESS);
    ok_status(save_status(0), STATUS_SUCCESS);
    ok_status(fs_status(0), STATUS_SUCCESS);
}

TEST(a_missing_file_when_opening_a_missing_folder_when_saving)
{
    ok_status(open_status(ENOENT), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(open_status(ENOTDIR), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(save_status(ENOENT), STATUS_OBJECT_PATH_NOT_FOUND);
    ok_status(save_status(ENOTDIR), STATUS_OBJECT_PATH_NOT_FOUND);
    /* The sandbox finds a missing folder itself; ENOENT is the last component. */
    ok_status(fs_status(ENOENT), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(fs_status(ENOTDIR), STATUS_NOT_A_DIRECTORY);
}

TEST(permission_is_access_denied)
{
    static const int errors[] = {EACCES, EPERM, EROFS};
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
        ok_status(open_status(errors[i]), STATUS_ACCESS_DENIED);
        ok_status(save_status(errors[i]), STATUS_ACCESS_DENIED);
        ok_status(fs_status(errors[i]), STATUS_ACCESS_DENIED);
    }
    /* A link loop when saving, a refused link in the sandbox. */
    ok_status(save_status(ELOOP), STATUS_ACCESS_DENIED);
    ok_status(fs_status(ELOOP), STATUS_ACCESS_DENIED);
    ok_status(fs_status(EXDEV), STATUS_ACCESS_DENIED);
}

TEST(no_space_is_disk_full)
{
    ok_status(save_status(ENOSPC), STATUS_DISK_FULL);
    ok_status(save_status(EDQUOT), STATUS_DISK_FULL);
    ok_status(save_status(EFBIG), STATUS_DISK_FULL);
    ok_status(fs_status(ENOSPC), STATUS_DISK_FULL);
    ok_status(fs_status(EDQUOT), STATUS_DISK_FULL);
}

TEST(memory_and_locks)
{
    ok_status(open_status(ENOMEM), STATUS_INSUFFICIENT_RESOURCES);
    ok_status(save_status(ENOMEM), STATUS_INSUFFICIENT_RESOURCES);
    ok_status(save_status(EBUSY), STATUS_SHARING_VIOLATION);
}

TEST(sandbox_names_and_folders)
{
    ok_status(fs_status(EEXIST), STATUS_OBJECT_NAME_COLLISION);
    ok_status(fs_status(EISDIR), STATUS_FILE_IS_A_DIRECTORY);
    ok_status(fs_status(ENAMETOOLONG), STATUS_OBJECT_NAME_INVALID);
    ok_status(fs_status(ENOTEMPTY), STATUS_DIRECTORY_NOT_EMPTY);
}

/* What a context has no status for is the caller's: a directory or an over-large file is not a
 * loadable image (the loader), a .reg file that cannot be read is STATUS_UNSUCCESSFUL. */
TEST(the_rest_is_the_callers_status)
{
    static const int errors[] = {EIO, EISDIR, EFBIG, ELOOP, EBUSY, ENOEXEC};
    for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
        ok_status(open_status(errors[i]), OTHER);
    ok_status(save_status(EIO), OTHER);
    ok_status(save_status(EISDIR), OTHER);
    ok_status(fs_status(EIO), OTHER);
    ok_status(fs_status(ENOMEM), OTHER);
    ok_status(rtl_status_from_os(OS_FS_ERROR, STATUS_UNEXPECTED_IO_ERROR),
              STATUS_UNEXPECTED_IO_ERROR);
}
