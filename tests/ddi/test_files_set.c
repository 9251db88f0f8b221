/*
 * test_files_set.c - ZwSetInformationFile on the file sandbox (docs/files.md): the file
 * position of a synchronous handle (FilePositionInformation) moves the next read, a negative
 * offset, a short buffer and another class fail as documented (gkmdf: the ioctl KMDF sample
 * rewinds its file this way).
 */
#include <ntddk.h>

#include "harness.h"

#include <string.h>

static NTSTATUS create(HANDLE *h, ACCESS_MASK access, ULONG disposition)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    IO_STATUS_BLOCK iosb;
    RtlInitUnicodeString(&u, L"\\??\\C:\\position.txt");
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    *h = NULL;
    return ZwCreateFile(h, access | SYNCHRONIZE, &oa, &iosb, NULL, FILE_ATTRIBUTE_NORMAL, 0,
                        disposition, FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE, NULL,
                        0);
}

static NTSTATUS set_position(HANDLE h, LONGLONG at, ULONG length, FILE_INFORMATION_CLASS cls)
{
    FILE_POSITION_INFORMATION pos;
    IO_STATUS_BLOCK iosb;
    pos.CurrentByteOffset.QuadPart = at;
    return ZwSetInformationFile(h, &iosb, &pos, length, cls);
}

TEST(set_file_position_moves_the_next_read)
{
    IO_STATUS_BLOCK iosb;
    FILE_POSITION_INFORMATION pos;
    char buf[16] = {0};
    HANDLE h;
    ok_status(create(&h, GENERIC_READ | GENERIC_WRITE, FILE_CREATE), STATUS_SUCCESS);
    ok_status(ZwWriteFile(h, NULL, NULL, NULL, &iosb, "abcdef", 6, NULL, NULL), STATUS_SUCCESS);
    ok_status(set_position(h, 2, sizeof(pos), FilePositionInformation), STATUS_SUCCESS);
    ok_status(ZwQueryInformationFile(h, &iosb, &pos, sizeof(pos), FilePositionInformation),
              STATUS_SUCCESS);
    ok(pos.CurrentByteOffset.QuadPart == 2, "position %lld\n",
       (long long)pos.CurrentByteOffset.QuadPart);
    ok_status(ZwReadFile(h, NULL, NULL, NULL, &iosb, buf, 3, NULL, NULL), STATUS_SUCCESS);
    ok(iosb.Information == 3 && memcmp(buf, "cde", 3) == 0, "read '%s'\n", buf);
    ok_status(set_position(h, 0, sizeof(pos), FilePositionInformation), STATUS_SUCCESS);
    ok_status(ZwReadFile(h, NULL, NULL, NULL, &iosb, buf, 6, NULL, NULL), STATUS_SUCCESS);
    ok(memcmp(buf, "abcdef", 6) == 0, "read from the start '%s'\n", buf);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

TEST(set_file_information_failures)
{
    HANDLE h;
    ok_status(create(&h, GENERIC_READ | GENERIC_WRITE, FILE_CREATE), STATUS_SUCCESS);
    ok_status(set_position(h, -1, sizeof(FILE_POSITION_INFORMATION), FilePositionInformation),
              STATUS_INVALID_PARAMETER);
    ok_status(set_position(h, 0, 4, FilePositionInformation), STATUS_INFO_LENGTH_MISMATCH);
    ok_status(set_position(h, 0, sizeof(FILE_POSITION_INFORMATION), FileBasicInformation),
              STATUS_INVALID_INFO_CLASS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(set_position(h, 0, sizeof(FILE_POSITION_INFORMATION), FilePositionInformation),
              STATUS_INVALID_HANDLE);
}
