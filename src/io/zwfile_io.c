/*
 * zwfile_io.c - ZwReadFile, ZwWriteFile and ZwQueryInformationFile on sandbox files.
 *
 * Every request completes before the call returns (drvhost never returns STATUS_PENDING here,
 * even for a handle opened without FILE_SYNCHRONOUS_IO_*); the optional Event is reset at the
 * start and signalled at the end, as the I/O manager does. APC completion is not provided
 * (ApcRoutine must be NULL: STATUS_NOT_SUPPORTED otherwise). Key is ignored (no byte-range
 * locks).
 */
#include "io/zwfile.h"
#include "vf/vf.h"

#include <string.h>

/* Where a transfer starts: ByteOffset, or the file position for synchronous files (ByteOffset
 * NULL or FILE_USE_FILE_POINTER_POSITION); FILE_WRITE_TO_END_OF_FILE appends. A handle opened
 * with FILE_APPEND_DATA but not FILE_WRITE_DATA always appends. */
static NTSTATUS io_fs_offset(struct io_file *file, PLARGE_INTEGER offset, BOOLEAN write,
                             uint64_t *at)
{
    struct io_hostfile *h = file->host;
    BOOLEAN pointer = offset == NULL ||
                      (offset->HighPart == -1 && offset->LowPart == FILE_USE_FILE_POINTER_POSITION);
    BOOLEAN append = write && ((offset != NULL && offset->HighPart == -1 &&
                                offset->LowPart == FILE_WRITE_TO_END_OF_FILE) ||
                               !(file->access & FILE_WRITE_DATA));
    if (append) {
        struct os_fs_info info;
        enum os_fs_status s = os_fs_stat(h->fd, &info);
        *at = info.size;
        return io_fs_status(s);
    }
    if (pointer) {
        if (!h->synchronous)
            return STATUS_INVALID_PARAMETER;
        *at = (uint64_t)file->object.CurrentByteOffset.QuadPart;
        return STATUS_SUCCESS;
    }
    if (offset->QuadPart < 0)
        return STATUS_INVALID_PARAMETER;
    *at = (uint64_t)offset->QuadPart;
    return STATUS_SUCCESS;
}

static NTSTATUS io_fs_transfer(struct io_file *file, PLARGE_INTEGER offset, BOOLEAN write,
                               PVOID buffer, ULONG length, ULONG_PTR *done)
{
    struct io_hostfile *h = file->host;
    uint64_t at = 0;
    size_t n = 0;
    NTSTATUS status;
    *done = 0;
    if (h->directory)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!(file->access & (write ? FILE_WRITE_DATA | FILE_APPEND_DATA : FILE_READ_DATA)))
        return STATUS_ACCESS_DENIED;
    if (buffer == NULL && length > 0)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&h->lock);
    status = io_fs_offset(file, offset, write, &at);
    if (NT_SUCCESS(status) && length > 0)
        status = io_fs_status(write ? os_fs_write(h->fd, buffer, length, at, &n)
                                    : os_fs_read(h->fd, buffer, length, at, &n));
    if (NT_SUCCESS(status) && !write && length > 0 && n == 0)
        status = STATUS_END_OF_FILE; /* at or after the end of the file */
    if (h->synchronous && n > 0)
        file->object.CurrentByteOffset.QuadPart = (LONGLONG)(at + n);
    os_mutex_unlock(&h->lock);
    *done = n;
    return status;
}

static NTSTATUS io_fs_rw(const char *ddi, BOOLEAN write, HANDLE FileHandle, HANDLE Event,
                         PIO_APC_ROUTINE ApcRoutine, PIO_STATUS_BLOCK IoStatusBlock, PVOID Buffer,
                         ULONG Length, PLARGE_INTEGER ByteOffset)
{
    struct io_file *file;
    PVOID event = NULL;
    ULONG_PTR done = 0;
    NTSTATUS status;
    vf_check_zw_passive(ddi);
    if (IoStatusBlock == NULL)
        return STATUS_INVALID_PARAMETER;
    if (ApcRoutine != NULL)
        return STATUS_NOT_SUPPORTED;
    status = io_fs_file_of(FileHandle, &file);
    if (!NT_SUCCESS(status))
        return status;
    if (Event != NULL) {
        status = ObReferenceObjectByHandle(Event, EVENT_MODIFY_STATE, *ExEventObjectType,
                                           KernelMode, &event, NULL);
        if (!NT_SUCCESS(status)) {
            ob_dereference(file);
            return status;
        }
        KeClearEvent(event);
    }
    status = io_fs_transfer(file, ByteOffset, write, Buffer, Length, &done);
    IoStatusBlock->Status = status;
    IoStatusBlock->Information = done;
    if (event != NULL) {
        KeSetEvent(event, IO_NO_INCREMENT, FALSE);
        ObDereferenceObject(event);
    }
    ob_dereference(file);
    return status;
}

NTSYSAPI NTSTATUS NTAPI ZwReadFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine,
                                   PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock, PVOID Buffer,
                                   ULONG Length, PLARGE_INTEGER ByteOffset, PULONG Key)
{
    (void)ApcContext, (void)Key;
    return io_fs_rw("ZwReadFile", FALSE, FileHandle, Event, ApcRoutine, IoStatusBlock, Buffer,
                    Length, ByteOffset);
}

NTSYSAPI NTSTATUS NTAPI ZwWriteFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine,
                                    PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock, PVOID Buffer,
                                    ULONG Length, PLARGE_INTEGER ByteOffset, PULONG Key)
{
    (void)ApcContext, (void)Key;
    return io_fs_rw("ZwWriteFile", TRUE, FileHandle, Event, ApcRoutine, IoStatusBlock, Buffer,
                    Length, ByteOffset);
}

/* ---- ZwQueryInformationFile ---------------------------------------------------------------- */

static void io_fs_basic(const struct os_fs_info *info, FILE_BASIC_INFORMATION *b)
{
    /* Linux keeps no portable creation time: CreationTime is the change time (docs/files.md). */
    b->CreationTime.QuadPart = info->change_time;
    b->LastAccessTime.QuadPart = info->access_time;
    b->LastWriteTime.QuadPart = info->write_time;
    b->ChangeTime.QuadPart = info->change_time;
    b->FileAttributes = info->directory ? FILE_ATTRIBUTE_DIRECTORY : 0;
    if (info->read_only)
        b->FileAttributes |= FILE_ATTRIBUTE_READONLY;
    if (b->FileAttributes == 0)
        b->FileAttributes = FILE_ATTRIBUTE_NORMAL;
}

static void io_fs_standard(const struct os_fs_info *info, FILE_STANDARD_INFORMATION *s)
{
    s->AllocationSize.QuadPart = (LONGLONG)info->allocated;
    s->EndOfFile.QuadPart = (LONGLONG)info->size;
    s->NumberOfLinks = info->links;
    s->DeletePending = FALSE;
    s->Directory = info->directory;
}

static NTSTATUS io_fs_query(struct io_file *file, PVOID out, ULONG length,
                            FILE_INFORMATION_CLASS cls, ULONG_PTR *written)
{
    union {
        FILE_BASIC_INFORMATION basic;
        FILE_STANDARD_INFORMATION standard;
        FILE_POSITION_INFORMATION position;
    } u;
    struct os_fs_info info;
    ULONG size;
    memset(&u, 0, sizeof(u));
    switch (cls) {
    case FileBasicInformation:
        size = sizeof(u.basic);
        break;
    case FileStandardInformation:
        size = sizeof(u.standard);
        break;
    case FilePositionInformation:
        size = sizeof(u.position);
        break;
    default:
        return STATUS_INVALID_INFO_CLASS;
    }
    if (length < size)
        return STATUS_INFO_LENGTH_MISMATCH;
    if (cls == FileBasicInformation && !(file->access & FILE_READ_ATTRIBUTES))
        return STATUS_ACCESS_DENIED;
    if (cls == FilePositionInformation) {
        os_mutex_lock(&file->host->lock);
        u.position.CurrentByteOffset = file->object.CurrentByteOffset;
        os_mutex_unlock(&file->host->lock);
    } else {
        NTSTATUS status = io_fs_status(os_fs_stat(file->host->fd, &info));
        if (!NT_SUCCESS(status))
            return status;
        if (cls == FileBasicInformation)
            io_fs_basic(&info, &u.basic);
        else
            io_fs_standard(&info, &u.standard);
    }
    memcpy(out, &u, size);
    *written = size;
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI ZwQueryInformationFile(HANDLE FileHandle, PIO_STATUS_BLOCK IoStatusBlock,
                                               PVOID FileInformation, ULONG Length,
                                               FILE_INFORMATION_CLASS FileInformationClass)
{
    struct io_file *file;
    ULONG_PTR written = 0;
    NTSTATUS status;
    vf_check_zw_passive("ZwQueryInformationFile");
    if (IoStatusBlock == NULL || FileInformation == NULL)
        return STATUS_INVALID_PARAMETER;
    status = io_fs_file_of(FileHandle, &file);
    if (!NT_SUCCESS(status))
        return status;
    status = io_fs_query(file, FileInformation, Length, FileInformationClass, &written);
    ob_dereference(file);
    IoStatusBlock->Status = status;
    IoStatusBlock->Information = written;
    return status;
}

/* ---- ZwSetInformationFile (gkmdf) ---------------------------------------------------------- */

/* The file position only (FilePositionInformation: what the ioctl KMDF sample sets); every
 * other class is STATUS_INVALID_INFO_CLASS (drvhost's sandbox changes no attributes, sizes or
 * names yet). Microsoft (FILE_POSITION_INFORMATION): a negative offset is invalid. */
static NTSTATUS io_fs_set(struct io_file *file, PVOID in, ULONG length, FILE_INFORMATION_CLASS cls)
{
    FILE_POSITION_INFORMATION position;
    if (cls != FilePositionInformation)
        return STATUS_INVALID_INFO_CLASS;
    if (length < sizeof(position))
        return STATUS_INFO_LENGTH_MISMATCH;
    memcpy(&position, in, sizeof(position));
    if (position.CurrentByteOffset.QuadPart < 0)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&file->host->lock);
    file->object.CurrentByteOffset = position.CurrentByteOffset;
    os_mutex_unlock(&file->host->lock);
    return STATUS_SUCCESS;
}

NTSYSAPI NTSTATUS NTAPI ZwSetInformationFile(HANDLE FileHandle, PIO_STATUS_BLOCK IoStatusBlock,
                                             PVOID FileInformation, ULONG Length,
                                             FILE_INFORMATION_CLASS FileInformationClass)
{
    struct io_file *file;
    NTSTATUS status;
    vf_check_zw_passive("ZwSetInformationFile");
    if (IoStatusBlock == NULL || FileInformation == NULL)
        return STATUS_INVALID_PARAMETER;
    status = io_fs_file_of(FileHandle, &file);
    if (!NT_SUCCESS(status))
        return status;
    status = io_fs_set(file, FileInformation, Length, FileInformationClass);
    ob_dereference(file);
    IoStatusBlock->Status = status;
    IoStatusBlock->Information = 0;
    return status;
}
