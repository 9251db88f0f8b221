/*
 * os_status.c - the NTSTATUS of a host failure: src/os classifies an errno value for what was
 * being done (os_status_from_errno, the one errno mapping); this turns the class into the status
 * Windows returns for the same condition. src/os knows nothing of NTSTATUS, so the step lives
 * here, in the lowest layer that does.
 */
#include "rtl/rtl_private.h"

#include "os/os.h"

NTSTATUS rtl_status_from_os(enum os_fs_status s, NTSTATUS otherwise)
{
    switch (s) {
    case OS_FS_OK:
        return STATUS_SUCCESS;
    case OS_FS_NOT_FOUND:
        return STATUS_OBJECT_NAME_NOT_FOUND;
    case OS_FS_PATH_NOT_FOUND:
        return STATUS_OBJECT_PATH_NOT_FOUND;
    case OS_FS_EXISTS:
        return STATUS_OBJECT_NAME_COLLISION;
    case OS_FS_IS_DIR:
        return STATUS_FILE_IS_A_DIRECTORY;
    case OS_FS_NOT_DIR:
        return STATUS_NOT_A_DIRECTORY;
    case OS_FS_DENIED:
    case OS_FS_LINK: /* a link refused by the sandbox, or a loop */
        return STATUS_ACCESS_DENIED;
    case OS_FS_NO_SPACE:
        return STATUS_DISK_FULL;
    case OS_FS_NAME_INVALID:
        return STATUS_OBJECT_NAME_INVALID;
    case OS_FS_NOT_EMPTY:
        return STATUS_DIRECTORY_NOT_EMPTY;
    case OS_FS_BUSY:
        return STATUS_SHARING_VIOLATION;
    case OS_FS_NO_MEMORY:
        return STATUS_INSUFFICIENT_RESOURCES;
    default:
        return otherwise;
    }
}

NTSTATUS rtl_status_from_errno(int error, enum os_errno_context context, NTSTATUS otherwise)
{
    return rtl_status_from_os(os_status_from_errno(error, context), otherwise);
}
