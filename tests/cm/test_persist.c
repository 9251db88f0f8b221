/*
 * test_persist.c - the registry file (drvhost_registry_open): loading, saving on ZwFlushKey,
 * drvhost_registry_save and shutdown, volatile keys left out, and atomic saves: a save that
 * fails midway (file size limit) or cannot create its temporary file (read-only folder)
 * leaves the previous file intact and no temporary file behind.
 */
#include <wdm.h>

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static char dir[PATH_MAX], path[PATH_MAX + 16], tmp[PATH_MAX + 32];

static void make_paths(void)
{
    const char *d = harness_temp_dir("drvhost-persist");
    snprintf(dir, sizeof(dir), "%s", d ? d : "/nonexistent");
    snprintf(path, sizeof(path), "%s/registry.reg", dir);
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
}

static char *slurp(const char *p, size_t *size)
{
    FILE *f = fopen(p, "rb");
    char *b = malloc(1 << 21);
    *size = f ? fread(b, 1, (1 << 21) - 1, f) : 0;
    if (f)
        fclose(f);
    return b;
}

/* TRUE if the UTF-16LE file holds the ASCII text. */
static int file_has(const char *p, const char *ascii)
{
    size_t size, n = strlen(ascii);
    char *b = slurp(p, &size);
    int found = 0;
    for (size_t i = 2; !found && i + 2 * n <= size; i += 2) {
        size_t j = 0;
        while (j < n && b[i + 2 * j] == ascii[j] && b[i + 2 * j + 1] == 0)
            j++;
        found = j == n;
    }
    free(b);
    return found;
}

static NTSTATUS create(HANDLE *h, const WCHAR *name, ULONG options)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    RtlInitUnicodeString(&u, name);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    return ZwCreateKey(h, KEY_ALL_ACCESS, &oa, 0, NULL, options, NULL);
}

static NTSTATUS set_dword(HANDLE h, const WCHAR *name, ULONG v)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, name);
    return ZwSetValueKey(h, &u, 0, REG_DWORD, &v, sizeof(v));
}

TEST(flush_saves_without_volatile_keys)
{
    HANDLE k, v;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok(access(path, F_OK) != 0, "nothing written before the first save\n");
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Kept", 0), STATUS_SUCCESS);
    ok_status(set_dword(k, L"Answer", 42), STATUS_SUCCESS);
    ok_status(create(&v, L"\\Registry\\Machine\\Software\\Kept\\Fleeting", REG_OPTION_VOLATILE),
              STATUS_SUCCESS);
    ok_status(ZwFlushKey(k), STATUS_SUCCESS);
    ok(file_has(path, "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Kept]"), "saved key\n");
    ok(file_has(path, "\"Answer\"=dword:0000002a"), "saved value\n");
    ok(!file_has(path, "Fleeting"), "a volatile key was saved\n");
    ok(access(tmp, F_OK) != 0, "temporary file left behind\n");
    ok_status(drvhost_registry_open(path), STATUS_INVALID_PARAMETER);
    ok_status(ZwClose(v), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(shutdown_saves_and_open_loads)
{
    HANDLE k;
    UNICODE_STRING u;
    UCHAR buf[64];
    ULONG len;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\P", 0),
              STATUS_SUCCESS);
    ok_status(set_dword(k, L"Start", 3), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok(file_has(path, "\"Start\"=dword:00000003"), "saved at shutdown\n");
    /* A new boot: the file is the initial registry. */
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\P", 0),
              STATUS_SUCCESS);
    RtlInitUnicodeString(&u, L"Start");
    ok_status(ZwQueryValueKey(k, &u, KeyValuePartialInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(((KEY_VALUE_PARTIAL_INFORMATION *)buf)->Data[0] == 3, "loaded value\n");
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(interrupted_save_keeps_previous_file)
{
    static UCHAR big[200000];
    struct rlimit old, lim;
    HANDLE k;
    UNICODE_STRING u;
    size_t before_size, after_size;
    char *before, *after;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Atomic", 0), STATUS_SUCCESS);
    ok_status(set_dword(k, L"Generation", 1), STATUS_SUCCESS);
    ok_status(drvhost_registry_save(), STATUS_SUCCESS);
    before = slurp(path, &before_size);
    ok(before_size > 0, "first save\n");
    /* The next save is much larger than the file size limit: write() fails midway. */
    RtlInitUnicodeString(&u, L"Big");
    ok_status(ZwSetValueKey(k, &u, 0, REG_BINARY, big, sizeof(big)), STATUS_SUCCESS);
    ok_status(set_dword(k, L"Generation", 2), STATUS_SUCCESS);
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    lim = old;
    lim.rlim_cur = before_size + 4096;
    ok(setrlimit(RLIMIT_FSIZE, &lim) == 0, "setrlimit\n");
    ok_status(ZwFlushKey(k), STATUS_DISK_FULL);
    ok_status(drvhost_registry_save(), STATUS_DISK_FULL);
    setrlimit(RLIMIT_FSIZE, &old);
    after = slurp(path, &after_size);
    ok(after_size == before_size && memcmp(before, after, before_size) == 0,
       "the previous file changed (%zu -> %zu bytes)\n", before_size, after_size);
    ok(access(tmp, F_OK) != 0, "temporary file left behind\n");
    free(after);
    /* Without the limit the same save succeeds. */
    ok_status(ZwFlushKey(k), STATUS_SUCCESS);
    ok(file_has(path, "\"Generation\"=dword:00000002"), "second save\n");
    free(before);
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(read_only_folder_keeps_previous_file)
{
    HANDLE k;
    size_t size;
    char *before;

    make_paths();
    if (geteuid() == 0) {
        skip("running as root: directory permissions are not enforced\n");
        return;
    }
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Ro", 0), STATUS_SUCCESS);
    ok_status(drvhost_registry_save(), STATUS_SUCCESS);
    before = slurp(path, &size);
    ok_status(set_dword(k, L"New", 1), STATUS_SUCCESS);
    chmod(dir, 0555);
    ok_status(ZwFlushKey(k), STATUS_ACCESS_DENIED);
    chmod(dir, 0755);
    ok(!file_has(path, "\"New\""), "the previous file changed\n");
    free(before);
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(malformed_registry_file_is_refused)
{
    FILE *f;
    HANDLE k;
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    ULONG disp = 0;

    make_paths();
    f = fopen(path, "w");
    fputs("Windows Registry Editor Version 5.00\n[HKLM\\SOFTWARE\\Partial]\n\"x\"=bogus\n", f);
    fclose(f);
    ok_status(drvhost_registry_open(path), STATUS_DATA_ERROR);
    RtlInitUnicodeString(&u, L"\\Registry\\Machine\\Software\\Partial");
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwCreateKey(&k, KEY_ALL_ACCESS, &oa, 0, NULL, 0, &disp), STATUS_SUCCESS);
    ok(disp == REG_CREATED_NEW_KEY, "the malformed file created a key\n");
    ok_status(ZwDeleteKey(k), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
    ok_status(drvhost_registry_save(), STATUS_SUCCESS); /* no file open: nothing to do */
}
