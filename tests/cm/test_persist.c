/*
 * test_persist.c - the registry file (drvhost_registry_open): loading, saving on ZwFlushKey,
 * drvhost_registry_save and shutdown, volatile keys left out, and atomic saves: a save that
 * fails midway (file size limit) or cannot create its temporary file (read-only folder)
 * leaves the previous file intact and no temporary file behind. Saving never follows a link
 * planted beside the file, keeps the file's mode, updates a symlinked file's target; one process
 * at a time may use a file (a lock); a failed final save makes drvhost_shutdown fail; saves may
 * come from another thread while the registry changes (issue 11).
 */
#include <wdm.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
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

/* The lock's descriptor is closed at shutdown and forgotten: a later boot without a registry
 * file must not close it again, by then possibly a descriptor the host opened since. */
TEST(shutdown_forgets_the_lock_descriptor)
{
    int fd;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    fd = open("/dev/null", O_RDONLY | O_CLOEXEC); /* the lowest free number: the lock's */
    ok(fd >= 0, "open /dev/null: %s\n", strerror(errno));
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok(fcntl(fd, F_GETFD) != -1, "the host's descriptor %d was closed by a shutdown\n", fd);
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
    close(fd);
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
    uid_t root = geteuid();

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Ro", 0), STATUS_SUCCESS);
    ok_status(drvhost_registry_save(), STATUS_SUCCESS);
    before = slurp(path, &size);
    ok_status(set_dword(k, L"New", 1), STATUS_SUCCESS);
    /* Root ignores folder permissions: the save runs as "nobody" (effective id only, for this
     * test's child process), who owns the folder, so the check runs everywhere, never skipped. */
    if (root == 0)
        ok(chown(dir, 65534, 65534) == 0 && seteuid(65534) == 0, "dropping root: %d\n", errno);
    chmod(dir, 0555);
    ok_status(ZwFlushKey(k), STATUS_ACCESS_DENIED);
    chmod(dir, 0755);
    if (root == 0)
        ok(seteuid(0) == 0, "back to root: %d\n", errno);
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

/* ---- issue 11: safe temporary files, locking, failures that are reported ------------------ */

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

TEST(planted_temporary_link_is_not_followed)
{
    char victim[PATH_MAX + 16];
    HANDLE k;
    struct stat st;

    make_paths();
    snprintf(victim, sizeof(victim), "%s/victim", dir);
    write_text(victim, "precious\n");
    ok(symlink(victim, tmp) == 0, "symlink\n"); /* PATH.tmp, the name saves used to write */
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Planted", 0), STATUS_SUCCESS);
    ok_status(ZwFlushKey(k), STATUS_SUCCESS);
    ok(file_has(path, "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Planted]"), "saved\n");
    ok(lstat(path, &st) == 0 && S_ISREG(st.st_mode), "the file is a regular file\n");
    ok(stat(victim, &st) == 0 && st.st_size == 9, "the link's target was overwritten\n");
    ok(lstat(tmp, &st) == 0 && S_ISLNK(st.st_mode), "the planted link was replaced\n");
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(symlinked_file_keeps_its_link_and_mode)
{
    char real[PATH_MAX + 16];
    HANDLE k;
    struct stat st;

    make_paths();
    snprintf(real, sizeof(real), "%s/real.reg", dir);
    write_text(real, "Windows Registry Editor Version 5.00\n");
    chmod(real, 0640);
    ok(symlink("real.reg", path) == 0, "symlink\n"); /* relative, as users make them */
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Linked", 0), STATUS_SUCCESS);
    ok_status(drvhost_registry_save(), STATUS_SUCCESS);
    ok(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "the link was replaced by a file\n");
    ok(file_has(real, "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Linked]"), "the target was not saved\n");
    ok(stat(real, &st) == 0 && (st.st_mode & 07777) == 0640, "mode %o, want 640\n",
       (unsigned)(st.st_mode & 07777));
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(one_process_at_a_time)
{
    char lock[PATH_MAX + 32];
    int fd;

    make_paths();
    snprintf(lock, sizeof(lock), "%s.lock", path);
    /* Another holder of the lock (flock locks of separate opens conflict even in one process,
     * as between two processes): the file is refused at once. */
    fd = open(lock, O_RDWR | O_CREAT, 0666);
    ok(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0, "taking the lock\n");
    ok_status(drvhost_registry_open(path), STATUS_SHARING_VIOLATION);
    close(fd);
    /* Once it is free the file can be used, and then the runtime holds the lock. */
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    fd = open(lock, O_RDWR);
    ok(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK,
       "the runtime does not hold the lock\n");
    close(fd);
}

TEST(missing_folder_is_refused_at_open)
{
    char p[PATH_MAX + 32];

    make_paths();
    snprintf(p, sizeof(p), "%s/missing/registry.reg", dir);
    ok_status(drvhost_registry_open(p), STATUS_OBJECT_PATH_NOT_FOUND);
}

TEST(failed_final_save_fails_shutdown)
{
    char inside[PATH_MAX + 32];
    HANDLE k;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Lost", 0), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
    /* A non-empty folder where the file should go: the rename fails, even for root. */
    snprintf(inside, sizeof(inside), "%s/x", path);
    ok(mkdir(path, 0755) == 0, "mkdir\n");
    write_text(inside, "x");
    ok_status(drvhost_registry_save(), STATUS_UNSUCCESSFUL);
    ok_status(drvhost_shutdown(), DRVHOST_STATUS_REGISTRY_IO_FAILED);
    unlink(inside);
    rmdir(path);
    ok_status(drvhost_init(NULL), STATUS_SUCCESS); /* for the harness's shutdown */
}

static volatile LONG saver_failures, saver_done;

static void *saver(void *arg)
{
    (void)arg;
    for (int i = 0; i < 40; i++) {
        if (drvhost_registry_save() != STATUS_SUCCESS)
            __atomic_add_fetch(&saver_failures, 1, __ATOMIC_RELAXED);
    }
    __atomic_store_n(&saver_done, 1, __ATOMIC_RELEASE);
    return NULL;
}

TEST(save_from_another_thread_while_the_registry_changes)
{
    pthread_t t;
    HANDLE k;
    ULONG sets = 0;
    WCHAR name[4];
    UNICODE_STRING u;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    ok_status(create(&k, L"\\Registry\\Machine\\Software\\Busy", 0), STATUS_SUCCESS);
    ok(pthread_create(&t, NULL, saver, NULL) == 0, "thread\n");
    while (!__atomic_load_n(&saver_done, __ATOMIC_ACQUIRE) || sets < 100) {
        ULONG v = sets++;
        name[0] = L'v', name[1] = (WCHAR)(L'a' + v % 26), name[2] = (WCHAR)(L'a' + v / 26 % 20);
        name[3] = 0;
        RtlInitUnicodeString(&u, name);
        ZwSetValueKey(k, &u, 0, REG_DWORD, &v, sizeof(v));
        if (v % 7 == 0)
            ZwDeleteValueKey(k, &u);
    }
    pthread_join(t, NULL);
    ok(saver_failures == 0, "%d saves failed\n", (int)saver_failures);
    /* The last file saved loads. */
    ok_status(drvhost_reg_import(path), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
}

TEST(names_with_nul_and_newlines_survive_a_reload)
{
    /* Windows takes any code unit in a value name (a counted string) and any but '\\' in a
     * key name; the file must carry them. */
    static const WCHAR vname[] = {'a', 0, 'b', '\n', 'c', '\r', 0xD800};
    static const WCHAR kpath[] = L"\\Registry\\Machine\\Software\\N\nL\0Z";
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    HANDLE k;
    UCHAR buf[64];
    ULONG len, v = 7;

    make_paths();
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    u.Buffer = (PWSTR)kpath;
    u.Length = u.MaximumLength = sizeof(kpath) - sizeof(WCHAR);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwCreateKey(&k, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL), STATUS_SUCCESS);
    u.Buffer = (PWSTR)vname;
    u.Length = u.MaximumLength = sizeof(vname);
    ok_status(ZwSetValueKey(k, &u, 0, REG_DWORD, &v, sizeof(v)), STATUS_SUCCESS);
    ok_status(ZwFlushKey(k), STATUS_SUCCESS);
    ok_status(ZwClose(k), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    /* The next boot loads the file and finds both names. */
    ok_status(drvhost_init(NULL), STATUS_SUCCESS);
    ok_status(drvhost_registry_open(path), STATUS_SUCCESS);
    u.Buffer = (PWSTR)kpath;
    u.Length = u.MaximumLength = sizeof(kpath) - sizeof(WCHAR);
    ok_status(ZwOpenKey(&k, KEY_READ, &oa), STATUS_SUCCESS);
    u.Buffer = (PWSTR)vname;
    u.Length = u.MaximumLength = sizeof(vname);
    ok_status(ZwQueryValueKey(k, &u, KeyValuePartialInformation, buf, sizeof(buf), &len),
              STATUS_SUCCESS);
    ok(((KEY_VALUE_PARTIAL_INFORMATION *)buf)->Data[0] == 7, "loaded value\n");
    ok_status(ZwClose(k), STATUS_SUCCESS);
}
