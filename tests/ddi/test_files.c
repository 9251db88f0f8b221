/*
 * test_files.c - ZwCreateFile, ZwReadFile, ZwWriteFile, ZwQueryInformationFile and ZwClose on
 * the file sandbox (docs/files.md): every CreateDisposition with its IoStatusBlock Information,
 * the file position of synchronous handles, ByteOffset forms, the information classes, access
 * checks, folders, and confinement (.., symbolic links, names outside \??\X: and \SystemRoot).
 * Expected values are Windows' documented behaviour; the host side of each file is checked
 * through the folder given as drvhost_options.file_root.
 */
#include <ntddk.h>

#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[1024];

/* Boots again with a root folder of the test's own (kept at shutdown), so the host side of
 * every file can be checked. */
static void use_root(void)
{
    drvhost_options options = {.quiet = !harness_verbose()};
    const char *dir = harness_temp_dir("ddi-files");
    snprintf(root, sizeof(root), "%s/root", dir != NULL ? dir : "/nonexistent");
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    options.file_root = root;
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
}

static char *host_path(const char *rel)
{
    static char path[1200];
    snprintf(path, sizeof(path), "%s/%s", root, rel);
    return path;
}

static int host_read(const char *rel, char *buf, size_t size)
{
    FILE *f = fopen(host_path(rel), "rb");
    size_t n;
    if (f == NULL)
        return -1;
    n = fread(buf, 1, size - 1, f);
    buf[n] = 0;
    fclose(f);
    return (int)n;
}

static void host_write(const char *rel, const char *text)
{
    FILE *f = fopen(host_path(rel), "wb");
    ok(f != NULL, "host file %s\n", rel);
    if (f != NULL) {
        fputs(text, f);
        fclose(f);
    }
}

static NTSTATUS create(HANDLE *h, const WCHAR *name, ACCESS_MASK access, ULONG disposition,
                       ULONG options, IO_STATUS_BLOCK *iosb)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    RtlInitUnicodeString(&u, name);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    memset(iosb, 0xCC, sizeof(*iosb));
    *h = NULL;
    return ZwCreateFile(h, access, &oa, iosb, NULL, FILE_ATTRIBUTE_NORMAL, 0, disposition, options,
                        NULL, 0);
}

#define SYNC_READ  (GENERIC_READ | SYNCHRONIZE)
#define SYNC_WRITE (GENERIC_WRITE | SYNCHRONIZE)
#define SYNC_RW    (GENERIC_READ | GENERIC_WRITE | SYNCHRONIZE)
#define SYNC_OPT   (FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE)

static NTSTATUS write_at(HANDLE h, const char *text, LARGE_INTEGER *offset, IO_STATUS_BLOCK *iosb)
{
    return ZwWriteFile(h, NULL, NULL, NULL, iosb, (PVOID)text, (ULONG)strlen(text), offset, NULL);
}

static NTSTATUS read_at(HANDLE h, char *buf, ULONG len, LARGE_INTEGER *offset,
                        IO_STATUS_BLOCK *iosb)
{
    memset(buf, 0, len + 1);
    return ZwReadFile(h, NULL, NULL, NULL, iosb, buf, len, offset, NULL);
}

TEST(create_write_read_and_the_file_position)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    char buf[64];
    FILE_POSITION_INFORMATION pos;
    LARGE_INTEGER at;
    use_root();
    ok_status(create(&h, L"\\??\\C:\\hello.txt", SYNC_WRITE, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Status == STATUS_SUCCESS && iosb.Information == FILE_CREATED, "Information %lu\n",
       (unsigned long)iosb.Information);
    ok_status(write_at(h, "hello", NULL, &iosb), STATUS_SUCCESS);
    ok(iosb.Information == 5, "written %lu\n", (unsigned long)iosb.Information);
    ok_status(write_at(h, ", world", NULL, &iosb), STATUS_SUCCESS); /* at the position */
    ok_status(ZwQueryInformationFile(h, &iosb, &pos, sizeof(pos), FilePositionInformation),
              STATUS_SUCCESS);
    ok(pos.CurrentByteOffset.QuadPart == 12 && iosb.Information == sizeof(pos), "position %lld\n",
       (long long)pos.CurrentByteOffset.QuadPart);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok(host_read("C/hello.txt", buf, sizeof(buf)) == 12 && strcmp(buf, "hello, world") == 0,
       "host file: %s\n", buf);

    ok_status(create(&h, L"\\??\\C:\\hello.txt", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_OPENED, "Information %lu\n", (unsigned long)iosb.Information);
    ok_status(read_at(h, buf, 5, NULL, &iosb), STATUS_SUCCESS);
    ok(iosb.Information == 5 && strcmp(buf, "hello") == 0, "first read %s\n", buf);
    ok_status(read_at(h, buf, 40, NULL, &iosb), STATUS_SUCCESS);
    ok(iosb.Information == 7 && strcmp(buf, ", world") == 0, "short read %s\n", buf);
    ok_status(read_at(h, buf, 40, NULL, &iosb), STATUS_END_OF_FILE);
    ok(iosb.Status == STATUS_END_OF_FILE && iosb.Information == 0, "EOF information %lu\n",
       (unsigned long)iosb.Information);
    at.QuadPart = 7;
    ok_status(read_at(h, buf, 3, &at, &iosb), STATUS_SUCCESS); /* ByteOffset given */
    ok(strcmp(buf, "wor") == 0, "read at 7: %s\n", buf);
    ok_status(ZwQueryInformationFile(h, &iosb, &pos, sizeof(pos), FilePositionInformation),
              STATUS_SUCCESS);
    ok(pos.CurrentByteOffset.QuadPart == 10, "position follows the read: %lld\n",
       (long long)pos.CurrentByteOffset.QuadPart);
    at.HighPart = -1, at.LowPart = FILE_USE_FILE_POINTER_POSITION;
    ok_status(read_at(h, buf, 5, &at, &iosb), STATUS_SUCCESS);
    ok(strcmp(buf, "ld") == 0, "FILE_USE_FILE_POINTER_POSITION: %s\n", buf);
    at.QuadPart = 100;
    ok_status(read_at(h, buf, 5, &at, &iosb), STATUS_END_OF_FILE);
    ok_status(read_at(h, buf, 0, NULL, &iosb), STATUS_SUCCESS); /* zero bytes at the end */
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_INVALID_HANDLE);
}

TEST(open_file_is_create_with_file_open)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h = NULL;
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    char buf[8];
    use_root();
    RtlInitUnicodeString(&u, L"\\??\\C:\\o.txt");
    InitializeObjectAttributes(&oa, &u, OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenFile(&h, SYNC_READ, &oa, &iosb, FILE_SHARE_READ, SYNC_OPT),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok(iosb.Information == FILE_DOES_NOT_EXIST, "Information %lu\n",
       (unsigned long)iosb.Information);
    host_write("C/o.txt", "ok");
    ok_status(ZwOpenFile(&h, SYNC_READ, &oa, &iosb, FILE_SHARE_READ, SYNC_OPT), STATUS_SUCCESS);
    ok(iosb.Information == FILE_OPENED, "Information %lu\n", (unsigned long)iosb.Information);
    ok_status(read_at(h, buf, 4, NULL, &iosb), STATUS_SUCCESS);
    ok(strcmp(buf, "ok") == 0, "read %s\n", buf);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

TEST(create_dispositions)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    char buf[64];
    use_root();
    host_write("C/a.txt", "old contents");
    ok_status(create(&h, L"\\??\\C:\\a.txt", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_OBJECT_NAME_COLLISION);
    ok(iosb.Information == FILE_EXISTS && h == NULL, "FILE_CREATE on a file: %lu\n",
       (unsigned long)iosb.Information);
    ok_status(create(&h, L"\\??\\C:\\none.txt", SYNC_RW, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok(iosb.Information == FILE_DOES_NOT_EXIST, "FILE_OPEN of nothing: %lu\n",
       (unsigned long)iosb.Information);
    ok_status(create(&h, L"\\??\\C:\\nodir\\x.txt", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ok_status(create(&h, L"\\??\\C:\\none.txt", SYNC_RW, FILE_OVERWRITE, SYNC_OPT, &iosb),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok(access(host_path("C/none.txt"), F_OK) != 0, "FILE_OVERWRITE created nothing\n");

    ok_status(create(&h, L"\\??\\C:\\a.txt", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_OPENED, "OPEN_IF existing: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    ok_status(create(&h, L"\\??\\C:\\b.txt", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_CREATED, "OPEN_IF new: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    ok_status(create(&h, L"\\??\\C:\\a.txt", SYNC_RW, FILE_OVERWRITE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_OVERWRITTEN, "OVERWRITE: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    ok(host_read("C/a.txt", buf, sizeof(buf)) == 0, "overwritten file is empty\n");
    ok_status(create(&h, L"\\??\\C:\\c.txt", SYNC_RW, FILE_OVERWRITE_IF, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_CREATED, "OVERWRITE_IF new: %lu\n",
       (unsigned long)iosb.Information);
    ZwClose(h);
    host_write("C/c.txt", "xyz");
    ok_status(create(&h, L"\\??\\C:\\c.txt", SYNC_RW, FILE_OVERWRITE_IF, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_OVERWRITTEN && host_read("C/c.txt", buf, sizeof(buf)) == 0,
       "OVERWRITE_IF existing: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    ok_status(create(&h, L"\\??\\C:\\d.txt", SYNC_RW, FILE_SUPERSEDE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_CREATED, "SUPERSEDE new: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    host_write("C/d.txt", "xyz");
    ok_status(create(&h, L"\\??\\C:\\d.txt", SYNC_RW, FILE_SUPERSEDE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_SUPERSEDED && host_read("C/d.txt", buf, sizeof(buf)) == 0,
       "SUPERSEDE existing: %lu\n", (unsigned long)iosb.Information);
    ZwClose(h);
    ok_status(
        create(&h, L"\\??\\C:\\e.txt", SYNC_RW, FILE_MAXIMUM_DISPOSITION + 1, SYNC_OPT, &iosb),
        STATUS_INVALID_PARAMETER);
}

TEST(name_mapping)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    char buf[64];
    use_root();
    ok(access(host_path("C"), F_OK) == 0 &&
           access(host_path("Windows/System32/drivers"), F_OK) == 0 &&
           access(host_path("Windows/Temp"), F_OK) == 0,
       "the root has C, Windows, Windows/System32/drivers and Windows/Temp\n");
    /* The folders of every Windows installation are there already. */
    ok_status(create(&h, L"\\SystemRoot\\System32", FILE_LIST_DIRECTORY | SYNCHRONIZE, FILE_CREATE,
                     FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
              STATUS_OBJECT_NAME_COLLISION);
    ok_status(create(&h, L"\\SystemRoot\\System32\\drvhost.ini", SYNC_WRITE, FILE_CREATE, SYNC_OPT,
                     &iosb),
              STATUS_SUCCESS);
    write_at(h, "[x]", NULL, &iosb);
    ZwClose(h);
    ok(host_read("Windows/System32/drvhost.ini", buf, sizeof(buf)) == 3, "\\SystemRoot file\n");
    /* Aliases of \??, a lower-case drive letter and prefix case: the same file. */
    ok_status(create(&h, L"\\DosDevices\\c:\\f.txt", SYNC_WRITE, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    ok(access(host_path("C/f.txt"), F_OK) == 0, "\\DosDevices\\c: is ROOT/C\n");
    ok_status(create(&h, L"\\GLOBAL??\\C:\\f.txt", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    ok_status(
        create(&h, L"\\systemroot\\System32\\drvhost.ini", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
        STATUS_SUCCESS);
    ZwClose(h);
    /* Names compare without letter case, folders and files alike; a new name keeps the case the
     * driver gave it (NTFS is case-insensitive and case-preserving). */
    ok_status(create(&h, L"\\??\\C:\\F.TXT", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    ok_status(create(&h, L"\\SystemRoot\\temp\\Log.TXT", SYNC_WRITE, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    ok(access(host_path("Windows/Temp/Log.TXT"), F_OK) == 0,
       "\\SystemRoot\\temp is Windows/Temp\n");
    ok_status(create(&h, L"\\SYSTEMROOT\\TEMP\\log.txt", SYNC_WRITE, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_OBJECT_NAME_COLLISION);
    ok_status(create(&h, L"\\SystemRoot\\system32\\DRIVERS", FILE_LIST_DIRECTORY | SYNCHRONIZE,
                     FILE_OPEN, FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    /* Another drive exists only if its folder does. */
    ok_status(create(&h, L"\\??\\D:\\x.txt", SYNC_READ, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_OBJECT_PATH_NOT_FOUND);
    mkdir(host_path("D"), 0777);
    ok_status(create(&h, L"\\??\\D:\\x.txt", SYNC_WRITE, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    /* Names outside the sandbox. */
    ok_status(create(&h, L"\\Device\\HarddiskVolume1\\x.txt", SYNC_READ, FILE_OPEN, 0, &iosb),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ok_status(create(&h, L"\\??\\UNC\\server\\share\\x", SYNC_READ, FILE_OPEN, 0, &iosb),
              STATUS_OBJECT_PATH_NOT_FOUND);
    ok_status(create(&h, L"\\??\\CC:\\x", SYNC_READ, FILE_OPEN, 0, &iosb),
              STATUS_OBJECT_PATH_NOT_FOUND);
}

static void check_confinement(void)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    char link[1300];
    static const WCHAR *const invalid[] = {
        L"\\??\\C:\\..\\..\\etc\\passwd",
        L"\\??\\C:\\a\\..\\b",
        L"\\??\\C:\\.",
        L"\\??\\C:\\..",
        L"\\SystemRoot\\..\\C\\x",
        L"\\??\\C:\\a\\\\b",
        L"\\??\\C:\\a*b",
        L"\\??\\C:\\a/../../b",
        L"\\??\\C:\\a:stream",
        L"\\??\\C:\\a\x0001",
    };
    for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
        ok_status(create(&h, invalid[i], SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
                  STATUS_OBJECT_NAME_INVALID);
    /* Symbolic links planted in the root lead nowhere: neither on the way nor at the end. */
    ok(symlink("/", host_path("C/up")) == 0, "symlink\n");
    ok(symlink("/etc/hostname", host_path("C/host")) == 0, "symlink\n");
    ok(symlink("../Windows", host_path("C/win")) == 0, "symlink\n"); /* relative, inside */
    snprintf(link, sizeof(link), "%s", host_path("Windows"));
    ok(symlink(link, host_path("C/winabs")) == 0, "symlink\n");
    ok_status(create(&h, L"\\??\\C:\\up\\etc\\hostname", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_ACCESS_DENIED);
    ok_status(
        create(&h, L"\\??\\C:\\up\\tmp\\drvhost-escape", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
        STATUS_ACCESS_DENIED);
    ok_status(create(&h, L"\\??\\C:\\host", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_ACCESS_DENIED);
    ok_status(create(&h, L"\\??\\C:\\win\\x.txt", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_ACCESS_DENIED); /* even a link that stays inside */
    ok_status(create(&h, L"\\??\\C:\\winabs\\x.txt", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb),
              STATUS_ACCESS_DENIED);
    ok(access(host_path("Windows/x.txt"), F_OK) != 0, "nothing created through the links\n");
    ok(access("/tmp/drvhost-escape", F_OK) != 0, "nothing created outside\n");
}

TEST(confinement_openat2)
{
    use_root();
    check_confinement();
}

TEST(confinement_component_walk)
{
    setenv("DRVHOST_FS_WALK", "1", 1); /* the fallback for kernels without openat2 */
    use_root();
    check_confinement();
}

TEST(access_and_byte_offsets)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    char buf[64];
    LARGE_INTEGER at;
    use_root();
    host_write("C/f.txt", "0123456789");
    ok_status(create(&h, L"\\??\\C:\\f.txt", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok_status(write_at(h, "x", NULL, &iosb), STATUS_ACCESS_DENIED);
    ZwClose(h);
    ok_status(create(&h, L"\\??\\C:\\f.txt", SYNC_WRITE, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok_status(read_at(h, buf, 4, NULL, &iosb), STATUS_ACCESS_DENIED);
    at.QuadPart = 2;
    ok_status(write_at(h, "AB", &at, &iosb), STATUS_SUCCESS);
    at.HighPart = -1, at.LowPart = FILE_WRITE_TO_END_OF_FILE;
    ok_status(write_at(h, "END", &at, &iosb), STATUS_SUCCESS);
    at.QuadPart = -5;
    ok_status(write_at(h, "bad", &at, &iosb), STATUS_INVALID_PARAMETER);
    ZwClose(h);
    ok(host_read("C/f.txt", buf, sizeof(buf)) == 13 && strcmp(buf, "01AB456789END") == 0,
       "host file %s\n", buf);
    /* Without FILE_SYNCHRONOUS_IO_*, there is no file position: ByteOffset is required. */
    ok_status(
        create(&h, L"\\??\\C:\\f.txt", GENERIC_READ, FILE_OPEN, FILE_NON_DIRECTORY_FILE, &iosb),
        STATUS_SUCCESS);
    ok_status(read_at(h, buf, 4, NULL, &iosb), STATUS_INVALID_PARAMETER);
    at.QuadPart = 10;
    ok_status(read_at(h, buf, 4, &at, &iosb), STATUS_SUCCESS);
    ok(iosb.Information == 3 && strcmp(buf, "END") == 0, "read at 10: %s\n", buf);
    ZwClose(h);
    /* FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the end. */
    ok_status(
        create(&h, L"\\??\\C:\\f.txt", FILE_APPEND_DATA | SYNCHRONIZE, FILE_OPEN, SYNC_OPT, &iosb),
        STATUS_SUCCESS);
    at.QuadPart = 0;
    ok_status(write_at(h, "!", &at, &iosb), STATUS_SUCCESS);
    ZwClose(h);
    ok(host_read("C/f.txt", buf, sizeof(buf)) == 14 && buf[13] == '!', "appended: %s\n", buf);
    /* The synchronous options need SYNCHRONIZE, and only one of them. */
    ok_status(create(&h, L"\\??\\C:\\f.txt", GENERIC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_INVALID_PARAMETER);
    ok((ULONG)iosb.Status == 0xCCCCCCCCu, "a parameter error leaves the IoStatusBlock alone\n");
    ok_status(create(&h, L"\\??\\C:\\f.txt", SYNC_READ, FILE_OPEN,
                     FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
              STATUS_INVALID_PARAMETER);
    ok_status(create(&h, L"\\??\\C:\\f.txt", SYNC_READ, FILE_OPEN,
                     FILE_DIRECTORY_FILE | FILE_NON_DIRECTORY_FILE, &iosb),
              STATUS_INVALID_PARAMETER);
}

TEST(query_information)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    FILE_STANDARD_INFORMATION std;
    FILE_BASIC_INFORMATION basic;
    LARGE_INTEGER before, after;
    UCHAR small[8];
    use_root();
    KeQuerySystemTime(&before);
    ok_status(create(&h, L"\\??\\C:\\q.bin", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok_status(write_at(h, "0123456789abcdef", NULL, &iosb), STATUS_SUCCESS);
    KeQuerySystemTime(&after);
    ok_status(ZwQueryInformationFile(h, &iosb, &std, sizeof(std), FileStandardInformation),
              STATUS_SUCCESS);
    ok(iosb.Information == sizeof(std) && std.EndOfFile.QuadPart == 16 && std.NumberOfLinks == 1 &&
           !std.Directory && !std.DeletePending && std.AllocationSize.QuadPart >= 0,
       "standard: size %lld links %u\n", (long long)std.EndOfFile.QuadPart, std.NumberOfLinks);
    ok_status(ZwQueryInformationFile(h, &iosb, &basic, sizeof(basic), FileBasicInformation),
              STATUS_SUCCESS);
    ok(iosb.Information == sizeof(basic) && basic.FileAttributes == FILE_ATTRIBUTE_NORMAL,
       "attributes %#x\n", basic.FileAttributes);
    ok(basic.LastWriteTime.QuadPart >= before.QuadPart - 20000000 &&
           basic.LastWriteTime.QuadPart <= after.QuadPart + 20000000,
       "LastWriteTime %lld in [%lld, %lld]\n", (long long)basic.LastWriteTime.QuadPart,
       (long long)before.QuadPart, (long long)after.QuadPart);
    /* A file created just now was last accessed just now (a creation sets the access time,
     * whatever the mount's atime policy). */
    ok(basic.LastAccessTime.QuadPart >= before.QuadPart - 20000000 &&
           basic.LastAccessTime.QuadPart <= after.QuadPart + 20000000,
       "LastAccessTime %lld in [%lld, %lld]\n", (long long)basic.LastAccessTime.QuadPart,
       (long long)before.QuadPart, (long long)after.QuadPart);
    ok_status(ZwQueryInformationFile(h, &iosb, small, sizeof(small), FileStandardInformation),
              STATUS_INFO_LENGTH_MISMATCH);
    ok_status(ZwQueryInformationFile(h, &iosb, small, sizeof(small), FileBasicInformation),
              STATUS_INFO_LENGTH_MISMATCH);
    ok_status(ZwQueryInformationFile(h, &iosb, &std, sizeof(std), FileNameInformation),
              STATUS_INVALID_INFO_CLASS);
    ZwClose(h);
    /* FileBasicInformation needs FILE_READ_ATTRIBUTES; the others nothing. */
    ok_status(
        create(&h, L"\\??\\C:\\q.bin", FILE_WRITE_DATA | SYNCHRONIZE, FILE_OPEN, SYNC_OPT, &iosb),
        STATUS_SUCCESS);
    ok_status(ZwQueryInformationFile(h, &iosb, &basic, sizeof(basic), FileBasicInformation),
              STATUS_ACCESS_DENIED);
    ok_status(ZwQueryInformationFile(h, &iosb, &std, sizeof(std), FileStandardInformation),
              STATUS_SUCCESS);
    ZwClose(h);
}

TEST(folders_and_relative_names)
{
    IO_STATUS_BLOCK iosb;
    HANDLE dir, h;
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    FILE_STANDARD_INFORMATION std;
    FILE_BASIC_INFORMATION basic;
    char buf[16];
    use_root();
    ok_status(create(&dir, L"\\??\\C:\\logs",
                     FILE_LIST_DIRECTORY | FILE_READ_ATTRIBUTES | SYNCHRONIZE, FILE_CREATE,
                     FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
              STATUS_SUCCESS);
    ok(iosb.Information == FILE_CREATED, "folder created\n");
    ok_status(ZwQueryInformationFile(dir, &iosb, &std, sizeof(std), FileStandardInformation),
              STATUS_SUCCESS);
    ok(std.Directory, "Directory\n");
    ok_status(ZwQueryInformationFile(dir, &iosb, &basic, sizeof(basic), FileBasicInformation),
              STATUS_SUCCESS);
    ok(basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY, "attributes %#x\n", basic.FileAttributes);
    ok_status(read_at(dir, buf, 4, NULL, &iosb), STATUS_INVALID_DEVICE_REQUEST);
    RtlInitUnicodeString(&u, L"today.log");
    InitializeObjectAttributes(&oa, &u, OBJ_KERNEL_HANDLE, dir, NULL);
    ok_status(ZwCreateFile(&h, SYNC_WRITE, &oa, &iosb, NULL, 0, 0, FILE_CREATE, SYNC_OPT, NULL, 0),
              STATUS_SUCCESS);
    ZwClose(h);
    ok(access(host_path("C/logs/today.log"), F_OK) == 0, "relative to the folder handle\n");
    RtlInitUnicodeString(&u, L"..\\escape");
    ok_status(ZwCreateFile(&h, SYNC_WRITE, &oa, &iosb, NULL, 0, 0, FILE_CREATE, SYNC_OPT, NULL, 0),
              STATUS_OBJECT_NAME_INVALID);
    /* A name relative to a folder does not start with a backslash (docs/files.md: its first
     * component would be empty). */
    RtlInitUnicodeString(&u, L"\\rooted.log");
    ok_status(ZwCreateFile(&h, SYNC_WRITE, &oa, &iosb, NULL, 0, 0, FILE_CREATE, SYNC_OPT, NULL, 0),
              STATUS_OBJECT_NAME_INVALID);
    ok(access(host_path("C/logs/rooted.log"), F_OK) != 0 &&
           access(host_path("C/rooted.log"), F_OK) != 0,
       "no file made\n");
    ZwClose(dir);
    ok_status(create(&h, L"\\??\\C:\\logs", SYNC_READ, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_FILE_IS_A_DIRECTORY);
    ok_status(create(&h, L"\\??\\C:\\logs\\today.log", FILE_LIST_DIRECTORY | SYNCHRONIZE, FILE_OPEN,
                     FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
              STATUS_NOT_A_DIRECTORY);
    ok_status(create(&h, L"\\??\\C:\\logs", FILE_LIST_DIRECTORY | SYNCHRONIZE, FILE_OVERWRITE,
                     FILE_DIRECTORY_FILE, &iosb),
              STATUS_INVALID_PARAMETER);
    /* Without FILE_NON_DIRECTORY_FILE a folder opens as a folder; reading it is invalid. */
    ok_status(
        create(&h, L"\\??\\C:\\logs", SYNC_READ, FILE_OPEN, FILE_SYNCHRONOUS_IO_NONALERT, &iosb),
        STATUS_SUCCESS);
    ok_status(read_at(h, buf, 4, NULL, &iosb), STATUS_INVALID_DEVICE_REQUEST);
    ZwClose(h);
}

TEST(handles_are_kernel_file_handles)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h, ev;
    PFILE_OBJECT fo = NULL;
    PKEVENT event;
    UNICODE_STRING name;
    char buf[8];
    use_root();
    ok_status(create(&h, L"\\??\\C:\\h.txt", SYNC_RW, FILE_CREATE, SYNC_OPT | FILE_DELETE_ON_CLOSE,
                     &iosb),
              STATUS_INVALID_PARAMETER); /* FILE_DELETE_ON_CLOSE needs DELETE */
    ok_status(create(&h, L"\\??\\C:\\h.txt", SYNC_RW | DELETE, FILE_CREATE,
                     SYNC_OPT | FILE_DELETE_ON_CLOSE, &iosb),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, 0, *IoFileObjectType, KernelMode, (PVOID *)&fo, NULL),
              STATUS_SUCCESS);
    RtlInitUnicodeString(&name, L"\\??\\C:\\h.txt");
    ok(fo != NULL && RtlEqualUnicodeString(&fo->FileName, &name, FALSE) &&
           (fo->Flags & FO_SYNCHRONOUS_IO) && fo->ReadAccess && fo->WriteAccess,
       "file object\n");
    ok_status(write_at(h, "abc", NULL, &iosb), STATUS_SUCCESS);
    ok(fo != NULL && fo->CurrentByteOffset.QuadPart == 3, "CurrentByteOffset\n");
    /* The Event parameter is signalled at the end of the transfer. */
    RtlInitUnicodeString(&name, L"\\BaseNamedObjects\\DdiFilesEvent");
    event = IoCreateNotificationEvent(&name, &ev);
    ok(event != NULL, "event\n");
    if (event != NULL) {
        KeClearEvent(event);
        ok_status(ZwReadFile(h, ev, NULL, NULL, &iosb, buf, 2, NULL, NULL), STATUS_END_OF_FILE);
        ok(KeReadStateEvent(event) != 0, "event signalled\n");
        ok_status(ZwReadFile(ev, NULL, NULL, NULL, &iosb, buf, 2, NULL, NULL),
                  STATUS_OBJECT_TYPE_MISMATCH); /* not a file handle */
        ZwClose(ev);
    }
    ok_status(ZwReadFile((HANDLE)(LONG_PTR)-4000, NULL, NULL, NULL, &iosb, buf, 2, NULL, NULL),
              STATUS_INVALID_HANDLE);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok(access(host_path("C/h.txt"), F_OK) == 0, "the object still holds the file\n");
    if (fo != NULL)
        ObDereferenceObject(fo);
    ok(access(host_path("C/h.txt"), F_OK) != 0, "FILE_DELETE_ON_CLOSE removed it\n");
}

TEST(default_root_is_a_fresh_folder_removed_at_shutdown)
{
    drvhost_options options = {.quiet = 1};
    const char *tmp = harness_temp_dir("ddi-tmp");
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    DIR *d;
    struct dirent *e;
    int folders = 0;
    if (tmp == NULL)
        return;
    setenv("TMPDIR", tmp, 1);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
    d = opendir(tmp);
    while (d != NULL && (e = readdir(d)) != NULL)
        folders += strncmp(e->d_name, "drvhost-files.", 14) == 0;
    closedir(d);
    ok(folders == 0, "no folder before the first file\n");
    ok_status(create(&h, L"\\??\\C:\\x.txt", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    d = opendir(tmp);
    while (d != NULL && (e = readdir(d)) != NULL)
        if (strncmp(e->d_name, "drvhost-files.", 14) == 0) {
            snprintf(root, sizeof(root), "%s/%s", tmp, e->d_name);
            folders++;
        }
    closedir(d);
    ok(folders == 1 && access(host_path("C/x.txt"), F_OK) == 0, "one fresh folder: %s\n", root);
    ZwClose(h);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok(access(root, F_OK) != 0, "removed at shutdown\n");
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
}

TEST(callers_root_is_made_and_kept)
{
    drvhost_options options = {.quiet = 1};
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    use_root(); /* root does not exist before: drvhost_init made it */
    ok(access(host_path("C"), F_OK) == 0, "made with C\n");
    ok_status(create(&h, L"\\??\\C:\\keep.txt", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ZwClose(h);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok(access(host_path("C/keep.txt"), F_OK) == 0, "kept after shutdown\n");
    options.file_root = "/nonexistent-drvhost/root";
    ok(drvhost_init(&options) != STATUS_SUCCESS, "a root that cannot be made fails the boot\n");
    options.file_root = NULL;
    ok_status(drvhost_init(&options), STATUS_SUCCESS);
}

TEST(create_above_passive_bugchecks)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    KIRQL old;
    expect_bugcheck_p1(0xC4, 0x2001F);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    create(&h, L"\\??\\C:\\x", SYNC_RW, FILE_OPEN_IF, SYNC_OPT, &iosb);
}

static VOID NTAPI unused_apc(PVOID context, PIO_STATUS_BLOCK iosb, ULONG reserved)
{
    (void)context, (void)iosb, (void)reserved;
    ok(0, "the APC routine ran\n");
}

/* docs/files.md's deviations: extended attributes (EaBuffer) are STATUS_INVALID_PARAMETER, an
 * ApcRoutine is STATUS_NOT_SUPPORTED (nothing is written), share modes are ignored (a second
 * writer with no sharing opens), CreationTime is the change time (so never after the last
 * write here). */
TEST(files_deviations_ea_apc_share_creation_time)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h, second;
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    FILE_BASIC_INFORMATION basic;
    char ea[32] = {0}, buf[16];
    use_root();
    RtlInitUnicodeString(&u, L"\\??\\C:\\dev.txt");
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwCreateFile(&h, SYNC_RW, &oa, &iosb, NULL, FILE_ATTRIBUTE_NORMAL, 0, FILE_CREATE,
                           SYNC_OPT, ea, sizeof(ea)),
              STATUS_INVALID_PARAMETER);
    ok(host_read("C/dev.txt", buf, sizeof(buf)) < 0, "the file was created despite EaBuffer\n");
    ok_status(create(&h, L"\\??\\C:\\dev.txt", SYNC_RW, FILE_CREATE, SYNC_OPT, &iosb),
              STATUS_SUCCESS);
    ok_status(ZwWriteFile(h, NULL, unused_apc, NULL, &iosb, "apc", 3, NULL, NULL),
              STATUS_NOT_SUPPORTED);
    ok(host_read("C/dev.txt", buf, sizeof(buf)) == 0, "written despite the ApcRoutine: %s\n", buf);
    ok_status(create(&second, L"\\??\\C:\\dev.txt", SYNC_RW, FILE_OPEN, SYNC_OPT, &iosb),
              STATUS_SUCCESS); /* ShareAccess 0: Windows would say STATUS_SHARING_VIOLATION */
    ok_status(write_at(second, "shared", NULL, &iosb), STATUS_SUCCESS);
    ok(host_read("C/dev.txt", buf, sizeof(buf)) == 6 && strcmp(buf, "shared") == 0,
       "second writer wrote %s\n", buf);
    ok_status(ZwQueryInformationFile(h, &iosb, &basic, sizeof(basic), FileBasicInformation),
              STATUS_SUCCESS);
    ok(basic.CreationTime.QuadPart == basic.ChangeTime.QuadPart,
       "CreationTime %lld is not the change time %lld\n", (long long)basic.CreationTime.QuadPart,
       (long long)basic.ChangeTime.QuadPart);
    ZwClose(second);
    ZwClose(h);
}
