/*
 * test_cm_store.c - the embedded registry store (src/cm): keys, values, paths, limits,
 * enumeration, deletion, the service helpers and UTF-8 conversion.
 *
 * The cm functions are hidden inside libdrvhost.so, so this test links the runtime's internal
 * library (the store's code, not libdrvhost.so's copy of it) and drives its own private store with
 * cm_init/cm_shutdown; the runtime that the harness boots around each test has a separate store
 * that is not touched.
 * Expected values are Windows' documented behaviour, or cm_private.h's documented choices where the
 * documentation names no status.
 */
#include "harness.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cm/cm_private.h"
#include "os/os.h" /* DRVHOST_ASAN, DRVHOST_TSAN */

/* A WCHAR literal as (pointer, length in characters). */
#define WS(s) (s), (sizeof(s) / sizeof(WCHAR) - 1)

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static int weq(const WCHAR *a, size_t alen, const WCHAR *b)
{
    return alen == wlen(b) && memcmp(a, b, alen * sizeof(WCHAR)) == 0;
}

/* Opens (or with create, creates with parents) an NT path given as a WCHAR literal. */
static struct cm_key *open_key(const WCHAR *path, BOOLEAN create)
{
    struct cm_key *k = NULL;
    NTSTATUS status = create ? cm_key_create_path(path, wlen(path), &k, NULL)
                             : cm_key_open(path, wlen(path), FALSE, &k, NULL);
    ok(status == STATUS_SUCCESS, "opening a key: 0x%08x\n", (unsigned)status);
    return k;
}

static void start(void)
{
    ok_status(cm_init(), STATUS_SUCCESS);
}

TEST(init_creates_the_fixed_tree)
{
    static const WCHAR *const paths[] = {
        L"\\Registry",
        L"\\Registry\\Machine",
        L"\\Registry\\Machine\\System",
        L"\\Registry\\Machine\\System\\CurrentControlSet",
        L"\\Registry\\Machine\\System\\CurrentControlSet\\Services",
        L"\\Registry\\Machine\\System\\CurrentControlSet\\Control",
        L"\\Registry\\Machine\\System\\CurrentControlSet\\Enum",
        L"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current",
        L"\\Registry\\Machine\\Software",
        L"\\Registry\\Machine\\Software\\Classes",
        L"\\Registry\\Machine\\Hardware",
        L"\\Registry\\User",
    };
    struct cm_key *k;

    start();
    ok_status(cm_init(), STATUS_UNSUCCESSFUL);
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        k = NULL;
        ok_status(cm_key_open(paths[i], wlen(paths[i]), FALSE, &k, NULL), STATUS_SUCCESS);
        cm_key_release(k);
    }
    cm_shutdown();
    ok_status(cm_key_open(WS(L"\\Registry\\Machine"), FALSE, &k, NULL), STATUS_UNSUCCESSFUL);
    /* A second store after a shutdown starts empty again. */
    start();
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\X"), FALSE, &k, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    cm_shutdown();
}

TEST(create_and_open)
{
    struct cm_key *a = NULL, *b = NULL, *c = NULL;
    BOOLEAN created = 2;

    start();
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Test"), TRUE, &a, &created),
              STATUS_SUCCESS);
    ok(created == TRUE, "first create: created %d\n", created);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Test"), TRUE, &b, &created),
              STATUS_SUCCESS);
    ok(created == FALSE && a == b, "second create opens the same key\n");
    cm_key_release(b);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Test"), FALSE, &b, NULL),
              STATUS_SUCCESS);
    ok(a == b, "open finds it\n");
    cm_key_release(b);

    /* ZwCreateKey creates one level only: a missing parent is not found. */
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\No\\Such"), TRUE, &c, &created),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Nope"), FALSE, &c, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* cm_key_create_path makes the parents too. */
    ok_status(cm_key_create_path(WS(L"\\Registry\\Machine\\Software\\P1\\P2\\P3"), &c, &created),
              STATUS_SUCCESS);
    ok(created == TRUE, "deep create: created %d\n", created);
    cm_key_release(c);
    ok_status(cm_key_create_path(WS(L"\\Registry\\Machine\\Software\\P1\\P2\\P3"), &c, &created),
              STATUS_SUCCESS);
    ok(created == FALSE, "deep create again: created %d\n", created);
    cm_key_release(c);

    /* Path syntax. */
    ok_status(cm_key_open(L"", 0, FALSE, &c, NULL), STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open(WS(L"Registry\\Machine"), FALSE, &c, NULL),
              STATUS_OBJECT_PATH_SYNTAX_BAD);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\"), FALSE, &c, NULL),
              STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\\\Software"), FALSE, &c, NULL),
              STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\New\\"), TRUE, &c, NULL),
              STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open(WS(L"\\\\Registry"), FALSE, &c, NULL), STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open(WS(L"\\Device\\Foo"), FALSE, &c, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_key_open(WS(L"\\RegistryX"), FALSE, &c, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_key_open(WS(L"\\"), FALSE, &c, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    /* \Registry holds only the fixed roots. */
    ok_status(cm_key_open(WS(L"\\Registry\\Other"), TRUE, &c, NULL), STATUS_ACCESS_DENIED);
    /* A counted path: the characters past len_chars are not looked at. */
    ok_status(cm_key_open(L"\\Registry\\Machine\\Software\\TestJunk", 31, FALSE, &c, NULL),
              STATUS_SUCCESS);
    ok(c == a, "counted path opens Test\n");
    cm_key_release(c);
    cm_key_release(a);
    cm_shutdown();
}

TEST(names_are_case_insensitive_and_keep_their_case)
{
    struct cm_key *a, *b = NULL;
    WCHAR buf[300];
    size_t len;
    BOOLEAN created;

    start();
    a = open_key(L"\\Registry\\Machine\\Software\\MixedCase", TRUE);
    ok_status(cm_key_open(WS(L"\\REGISTRY\\MACHINE\\SOFTWARE\\MIXEDCASE"), FALSE, &b, NULL),
              STATUS_SUCCESS);
    ok(a == b, "upper case opens the same key\n");
    cm_key_release(b);
    ok_status(cm_key_open(WS(L"\\registry\\machine\\software\\mixedcase"), TRUE, &b, &created),
              STATUS_SUCCESS);
    ok(a == b && !created, "lower case create opens the same key\n");
    cm_key_release(b);
    ok_status(cm_key_name(a, FALSE, buf, 300, &len), STATUS_SUCCESS);
    ok(weq(buf, len, L"MixedCase"), "own name keeps its case\n");
    ok_status(cm_key_name(a, TRUE, buf, 300, &len), STATUS_SUCCESS);
    ok(weq(buf, len, L"\\REGISTRY\\MACHINE\\SOFTWARE\\MixedCase"), "full name %u chars\n",
       (unsigned)len);
    ok_status(cm_key_name(a, TRUE, buf, 5, &len), STATUS_BUFFER_OVERFLOW);
    ok(len == 36 && memcmp(buf, L"\\REGI", 5 * sizeof(WCHAR)) == 0, "truncated full name\n");
    cm_key_release(a);

    /* Latin-1 letters fold too: A-umlaut / a-umlaut, and y-diaeresis / U+0178. */
    a = open_key(L"\\Registry\\Machine\\Software\\\x00C4rger\x00FF", TRUE);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\\x00E4RGER\x0178"), FALSE, &b, NULL),
              STATUS_SUCCESS);
    ok(a == b, "Latin-1 case folding\n");
    cm_key_release(b);
    cm_key_release(a);
    /* Outside Latin-1 the names compare exactly (documented deviation). */
    a = open_key(L"\\Registry\\Machine\\Software\\\x0101", TRUE);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\\x0100"), FALSE, &b, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    cm_key_release(a);
    ok(cm_upcase(0xF7) == 0xF7 && cm_upcase(0xE9) == 0xC9 && cm_upcase('z') == 'Z' &&
           cm_upcase(0xDF) == 0xDF,
       "cm_upcase\n");
    cm_shutdown();
}

TEST(relative_open)
{
    struct cm_key *sw, *a = NULL, *b = NULL;
    BOOLEAN created;

    start();
    sw = open_key(L"\\Registry\\Machine\\Software", FALSE);
    ok_status(cm_key_open_relative(sw, WS(L"Vendor"), TRUE, &a, &created), STATUS_SUCCESS);
    ok(created, "created below the base\n");
    ok_status(cm_key_open_relative(sw, WS(L"vendor\\Sub"), TRUE, &b, &created), STATUS_SUCCESS);
    cm_key_release(b);
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Vendor\\SUB"), FALSE, &b, NULL),
              STATUS_SUCCESS);
    cm_key_release(b);
    ok_status(cm_key_open_relative(sw, WS(L"\\Vendor"), FALSE, &b, NULL),
              STATUS_OBJECT_PATH_SYNTAX_BAD);
    ok_status(cm_key_open_relative(sw, WS(L"Vendor\\"), FALSE, &b, NULL),
              STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_key_open_relative(sw, WS(L"X\\Y"), TRUE, &b, NULL), STATUS_OBJECT_NAME_NOT_FOUND);
    /* An empty relative name opens the base itself. */
    ok_status(cm_key_open_relative(a, L"", 0, FALSE, &b, NULL), STATUS_SUCCESS);
    ok(a == b, "empty relative name\n");
    cm_key_release(b);
    ok_status(
        cm_key_open_relative(NULL, WS(L"\\Registry\\Machine\\Software\\Vendor"), FALSE, &b, NULL),
        STATUS_SUCCESS);
    ok(a == b, "NULL base is absolute\n");
    cm_key_release(b);
    cm_key_release(a);
    cm_key_release(sw);
    cm_shutdown();
}

static void check_path(const char *in, NTSTATUS expected, const WCHAR *out)
{
    WCHAR *nt = NULL;
    size_t len = 0;
    NTSTATUS status = cm_path_from_utf8(in, &nt, &len);

    ok(status == expected, "%s: status 0x%08x, expected 0x%08x\n", in, (unsigned)status,
       (unsigned)expected);
    if (NT_SUCCESS(status) && out) {
        ok(weq(nt, len, out) && nt[len] == 0, "%s: wrong NT path (%u chars)\n", in, (unsigned)len);
    }
    free(nt);
}

TEST(path_forms)
{
    start();
    check_path("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet", STATUS_SUCCESS,
               L"\\Registry\\Machine\\SYSTEM\\CurrentControlSet");
    check_path("HKLM\\Software", STATUS_SUCCESS, L"\\Registry\\Machine\\Software");
    check_path("hklm\\Software", STATUS_SUCCESS, L"\\Registry\\Machine\\Software");
    check_path("HKLM", STATUS_SUCCESS, L"\\Registry\\Machine");
    check_path("HKEY_USERS\\.DEFAULT", STATUS_SUCCESS, L"\\Registry\\User\\.DEFAULT");
    check_path("HKU", STATUS_SUCCESS, L"\\Registry\\User");
    check_path("HKEY_CURRENT_CONFIG\\System", STATUS_SUCCESS,
               L"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current"
               L"\\System");
    check_path("HKCC", STATUS_SUCCESS,
               L"\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current");
    check_path("HKEY_CLASSES_ROOT\\.txt", STATUS_SUCCESS,
               L"\\Registry\\Machine\\Software\\Classes\\.txt");
    check_path("HKCR", STATUS_SUCCESS, L"\\Registry\\Machine\\Software\\Classes");
    check_path("\\Registry\\Machine\\Software", STATUS_SUCCESS, L"\\Registry\\Machine\\Software");
    check_path("HKLM\\Software\\caf\xc3\xa9", STATUS_SUCCESS,
               L"\\Registry\\Machine\\Software\\caf\x00e9");
    check_path("", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("\\", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("HKLM\\", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("HKLM\\Software\\", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("HKLM\\Software\\\\Classes", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("\\Registry\\Machine\\", STATUS_OBJECT_NAME_INVALID, NULL);
    check_path("HKEY_CURRENT_USER\\Software", STATUS_OBJECT_PATH_SYNTAX_BAD, NULL);
    check_path("HKLMX\\Software", STATUS_OBJECT_PATH_SYNTAX_BAD, NULL);
    check_path("Software", STATUS_OBJECT_PATH_SYNTAX_BAD, NULL);
    check_path("HKLM\\\xc3", STATUS_INVALID_PARAMETER, NULL);
    check_path(NULL, STATUS_INVALID_PARAMETER, NULL);

    /* Both forms reach the same key. */
    ok_status(cm_reg_set_utf8("HKLM\\Software\\Both", "v", CM_REG_DWORD, "\1\0\0\0", 4),
              STATUS_SUCCESS);
    ok_status(
        cm_reg_set_utf8("\\Registry\\Machine\\Software\\Both", "w", CM_REG_DWORD, "\2\0\0\0", 4),
        STATUS_SUCCESS);
    struct cm_key *k = open_key(L"\\Registry\\Machine\\Software\\Both", FALSE);
    struct cm_key_info info;
    ok_status(cm_key_info(k, &info), STATUS_SUCCESS);
    ok(info.values == 2, "two values in one key, got %u\n", info.values);
    cm_key_release(k);
    cm_shutdown();
}

TEST(every_value_type)
{
    static const ULONG types[] = {
        CM_REG_NONE,
        CM_REG_SZ,
        CM_REG_EXPAND_SZ,
        CM_REG_BINARY,
        CM_REG_DWORD,
        CM_REG_DWORD_BIG_ENDIAN,
        CM_REG_LINK,
        CM_REG_MULTI_SZ,
        CM_REG_RESOURCE_LIST,
        CM_REG_FULL_RESOURCE_DESCRIPTOR,
        CM_REG_RESOURCE_REQUIREMENTS_LIST,
        CM_REG_QWORD,
        0x12345678, /* any number is a type, as on Windows */
    };
    static const WCHAR sz[] = L"hello";
    static const WCHAR multi[] = L"one\0two\0";
    static const unsigned char bin[] = {0, 1, 2, 0xff};
    const ULONG dword = 0xdeadbeef;
    const ULONGLONG qword = 0x0123456789abcdefULL;
    struct {
        const void *data;
        ULONG size;
    } payload[] = {
        {bin, 0},
        {sz, sizeof(sz)},
        {sz, sizeof(sz)},
        {bin, sizeof(bin)},
        {&dword, 4},
        {"\xde\xad\xbe\xef", 4},
        {sz, sizeof(sz) - 2},
        {multi, sizeof(multi)},
        {bin, sizeof(bin)},
        {bin, 3},
        {bin, 2},
        {&qword, 8},
        {bin, 1},
    };
    struct cm_key *k;
    unsigned char buf[64];
    WCHAR name[8];

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Types", TRUE);
    for (ULONG i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        ULONG type = 0xffff, size = sizeof(buf);
        name[0] = L'v';
        name[1] = (WCHAR)(L'a' + i);
        ok_status(cm_value_set(k, name, 2, types[i], payload[i].data, payload[i].size),
                  STATUS_SUCCESS);
        memset(buf, 0xcc, sizeof(buf));
        ok_status(cm_value_get(k, name, 2, &type, buf, &size), STATUS_SUCCESS);
        ok(type == types[i] && size == payload[i].size && memcmp(buf, payload[i].data, size) == 0 &&
               buf[size] == 0xcc,
           "type %u: round trip (type %u size %u)\n", types[i], type, size);
    }

    /* Replacing changes type and size; the value keeps its place and first name. */
    ULONG type, size = sizeof(buf);
    ok_status(cm_value_set(k, WS(L"VB"), CM_REG_QWORD, &qword, 8), STATUS_SUCCESS);
    ok_status(cm_value_get(k, WS(L"vb"), &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_QWORD && size == 8 && memcmp(buf, &qword, 8) == 0, "replaced\n");
    size_t len;
    ok_status(cm_key_enum_value(k, 1, name, 8, &len, NULL, NULL, NULL), STATUS_SUCCESS);
    ok(weq(name, len, L"vb"), "replaced value keeps its name and index\n");

    /* The default value (empty name), and names with a backslash and an embedded NUL. */
    ok_status(cm_value_set(k, NULL, 0, CM_REG_SZ, sz, sizeof(sz)), STATUS_SUCCESS);
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"", 0, &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_SZ && size == sizeof(sz), "default value\n");
    ok_status(cm_value_set(k, L"a\\b\0c", 5, CM_REG_DWORD, &dword, 4), STATUS_SUCCESS);
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"A\\B\0C", 5, &type, buf, &size), STATUS_SUCCESS);
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"a\\b", 3, &type, buf, &size), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_value_set(k, L"x", 1, CM_REG_BINARY, NULL, 4), STATUS_INVALID_PARAMETER);

    /* Deleting values. */
    ok_status(cm_value_delete(k, WS(L"VA")), STATUS_SUCCESS);
    ok_status(cm_value_delete(k, WS(L"va")), STATUS_OBJECT_NAME_NOT_FOUND);
    size = sizeof(buf);
    ok_status(cm_value_get(k, WS(L"va"), &type, buf, &size), STATUS_OBJECT_NAME_NOT_FOUND);
    cm_key_release(k);
    cm_shutdown();
}

TEST(value_get_buffer_semantics)
{
    static const unsigned char data[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    unsigned char buf[10];
    struct cm_key *k;
    ULONG type = 0, size;

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Buf", TRUE);
    ok_status(cm_value_set(k, WS(L"v"), CM_REG_BINARY, data, sizeof(data)), STATUS_SUCCESS);
    /* Size query: no buffer. */
    size = 0;
    ok_status(cm_value_get(k, WS(L"v"), &type, NULL, &size), STATUS_BUFFER_OVERFLOW);
    ok(size == 10 && type == CM_REG_BINARY, "size query: %u\n", size);
    /* Short buffer: partial copy, full size. */
    memset(buf, 0, sizeof(buf));
    size = 4;
    ok_status(cm_value_get(k, WS(L"v"), &type, buf, &size), STATUS_BUFFER_OVERFLOW);
    ok(size == 10 && memcmp(buf, data, 4) == 0 && buf[4] == 0, "partial copy\n");
    /* Exact buffer. */
    size = 10;
    ok_status(cm_value_get(k, WS(L"v"), NULL, buf, &size), STATUS_SUCCESS);
    ok(size == 10 && memcmp(buf, data, 10) == 0, "exact copy\n");
    size = 4;
    ok_status(cm_value_get(k, WS(L"v"), NULL, NULL, &size), STATUS_INVALID_PARAMETER);
    cm_key_release(k);
    cm_shutdown();
}

TEST(overlong_names)
{
    WCHAR *path, *name;
    struct cm_key *k, *sw;
    const size_t base = wlen(L"\\Registry\\Machine\\Software\\");
    ULONG size;

    start();
    path = malloc((base + 300) * sizeof(WCHAR));
    memcpy(path, L"\\Registry\\Machine\\Software\\", base * sizeof(WCHAR));
    for (size_t i = 0; i < 300; i++)
        path[base + i] = L'k';
    /* 255 characters: fine. 256: STATUS_INVALID_PARAMETER, for create and open alike. */
    k = NULL;
    ok_status(cm_key_open(path, base + 255, TRUE, &k, NULL), STATUS_SUCCESS);
    cm_key_release(k);
    ok_status(cm_key_open(path, base + 256, TRUE, &k, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_key_open(path, base + 256, FALSE, &k, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_key_create_path(path, base + 256, &k, NULL), STATUS_INVALID_PARAMETER);
    sw = open_key(L"\\Registry\\Machine\\Software", FALSE);
    ok_status(cm_key_open_relative(sw, path + base, 256, TRUE, &k, NULL), STATUS_INVALID_PARAMETER);
    free(path);

    /* Value names: 16383 characters fine, 16384 rejected when set, not found when read. */
    name = malloc(16384 * sizeof(WCHAR));
    for (size_t i = 0; i < 16384; i++)
        name[i] = L'n';
    ok_status(cm_value_set(sw, name, 16383, CM_REG_NONE, NULL, 0), STATUS_SUCCESS);
    size = 0;
    ok_status(cm_value_get(sw, name, 16383, NULL, NULL, &size), STATUS_SUCCESS);
    ok_status(cm_value_set(sw, name, 16384, CM_REG_NONE, NULL, 0), STATUS_INVALID_PARAMETER);
    ok_status(cm_value_get(sw, name, 16384, NULL, NULL, &size), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_value_delete(sw, name, 16384), STATUS_OBJECT_NAME_NOT_FOUND);
    struct cm_key_info info;
    ok_status(cm_key_info(sw, &info), STATUS_SUCCESS);
    ok(info.max_value_name_chars == 16383, "max value name %u\n", info.max_value_name_chars);
    ok(info.max_subkey_name_chars == 255, "max subkey name %u\n", info.max_subkey_name_chars);
    free(name);
    ok_status(cm_reg_set_utf8("HKLM\\Software", "", CM_REG_NONE, NULL, 0), STATUS_SUCCESS);
    cm_key_release(sw);
    cm_shutdown();
}

TEST(depth_limit)
{
    /* \Registry\Machine\Software is depth 2; 510 more levels reach the limit of 512. */
    const size_t prefix = wlen(L"\\Registry\\Machine\\Software");
    WCHAR *path = malloc((prefix + 2 * 511) * sizeof(WCHAR));
    struct cm_key *k = NULL, *deep;

    start();
    memcpy(path, L"\\Registry\\Machine\\Software", prefix * sizeof(WCHAR));
    for (size_t i = 0; i < 511; i++) {
        path[prefix + 2 * i] = L'\\';
        path[prefix + 2 * i + 1] = L'd';
    }
    ok_status(cm_key_create_path(path, prefix + 2 * 510, &k, NULL), STATUS_SUCCESS);
    deep = k;
    ok_status(cm_key_create_path(path, prefix + 2 * 511, &k, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_key_open(path, prefix + 2 * 511, FALSE, &k, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_key_open_relative(deep, WS(L"one"), TRUE, &k, NULL), STATUS_INVALID_PARAMETER);
    size_t len;
    ok_status(cm_key_name(deep, TRUE, NULL, 0, &len), STATUS_BUFFER_OVERFLOW);
    ok(len == 1 + wlen(L"REGISTRY\\MACHINE\\SOFTWARE") + 2 * 510, "deep name length %u\n",
       (unsigned)len);
    cm_key_release(deep);
    free(path);
    cm_shutdown();
}

TEST(delete_keys)
{
    struct cm_key *parent, *child, *again, *k;
    WCHAR buf[16];
    size_t len;
    ULONG size = 0;
    struct cm_key_info info;

    start();
    parent = open_key(L"\\Registry\\Machine\\Software\\Parent", TRUE);
    child = open_key(L"\\Registry\\Machine\\Software\\Parent\\Child", TRUE);
    ok_status(cm_value_set(child, WS(L"v"), CM_REG_DWORD, "\1\0\0\0", 4), STATUS_SUCCESS);
    ok_status(cm_key_delete(parent), STATUS_CANNOT_DELETE);
    ok_status(cm_key_delete(child), STATUS_SUCCESS);

    /* The holder's pointer stays valid; everything on it says STATUS_KEY_DELETED. */
    ok_status(cm_key_delete(child), STATUS_KEY_DELETED);
    ok_status(cm_value_set(child, WS(L"v"), CM_REG_DWORD, "\1\0\0\0", 4), STATUS_KEY_DELETED);
    ok_status(cm_value_get(child, WS(L"v"), NULL, NULL, &size), STATUS_KEY_DELETED);
    ok_status(cm_value_delete(child, WS(L"v")), STATUS_KEY_DELETED);
    ok_status(cm_key_enum_subkey(child, 0, buf, 16, &len), STATUS_KEY_DELETED);
    ok_status(cm_key_enum_value(child, 0, buf, 16, &len, NULL, NULL, NULL), STATUS_KEY_DELETED);
    ok_status(cm_key_info(child, &info), STATUS_KEY_DELETED);
    ok_status(cm_key_name(child, TRUE, buf, 16, &len), STATUS_KEY_DELETED);
    ok_status(cm_key_open_relative(child, WS(L"x"), TRUE, &k, NULL), STATUS_KEY_DELETED);
    ok_status(cm_key_open_relative(child, L"", 0, FALSE, &k, NULL), STATUS_KEY_DELETED);

    /* The name is free again: a new key, without the old values. */
    ok_status(cm_key_open(WS(L"\\Registry\\Machine\\Software\\Parent\\Child"), FALSE, &k, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND);
    again = open_key(L"\\Registry\\Machine\\Software\\Parent\\child", TRUE);
    ok(again != child, "a new key\n");
    ok_status(cm_key_info(again, &info), STATUS_SUCCESS);
    ok(info.values == 0, "new key has no values\n");
    ok_status(cm_key_delete(again), STATUS_SUCCESS);
    cm_key_release(again);
    cm_key_release(child);
    ok_status(cm_key_delete(parent), STATUS_SUCCESS);
    cm_key_release(parent);

    /* Hive roots cannot be deleted, even when empty. */
    static const WCHAR *const roots[] = {L"\\Registry", L"\\Registry\\Machine", L"\\Registry\\User",
                                         L"\\Registry\\Machine\\Hardware"};
    for (size_t i = 0; i < 4; i++) {
        k = open_key(roots[i], FALSE);
        ok_status(cm_key_delete(k), STATUS_CANNOT_DELETE);
        cm_key_release(k);
    }
    cm_shutdown();
}

TEST(enumeration)
{
    struct cm_key *k;
    WCHAR name[16];
    size_t len;
    ULONG type, size;
    unsigned char data[8];

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Enum", TRUE);
    ok_status(cm_key_enum_subkey(k, 0, name, 16, &len), STATUS_NO_MORE_ENTRIES);
    ok_status(cm_key_enum_value(k, 0, name, 16, &len, NULL, NULL, NULL), STATUS_NO_MORE_ENTRIES);
    static const WCHAR *const created[] = {L"beta", L"Alpha", L"gamma", L"BETA2", L"_x"};
    for (size_t i = 0; i < 5; i++) {
        struct cm_key *s = NULL;
        ok_status(cm_key_open_relative(k, created[i], wlen(created[i]), TRUE, &s, NULL),
                  STATUS_SUCCESS);
        cm_key_release(s);
    }
    /* Subkeys come in case-insensitive order (upcased: '_' 0x5F sorts after letters). */
    static const WCHAR *const sorted[] = {L"Alpha", L"beta", L"BETA2", L"gamma", L"_x"};
    for (ULONG i = 0; i < 5; i++) {
        ok_status(cm_key_enum_subkey(k, i, name, 16, &len), STATUS_SUCCESS);
        ok(weq(name, len, sorted[i]), "subkey %u\n", i);
    }
    ok_status(cm_key_enum_subkey(k, 5, name, 16, &len), STATUS_NO_MORE_ENTRIES);
    memset(name, 0, sizeof(name));
    ok_status(cm_key_enum_subkey(k, 0, name, 3, &len), STATUS_BUFFER_OVERFLOW);
    ok(len == 5 && memcmp(name, L"Alp", 6) == 0 && name[3] == 0, "truncated subkey name\n");

    /* Values come in creation order, and keep it across deletes. */
    ok_status(cm_value_set(k, WS(L"zeta"), CM_REG_DWORD, "\1\0\0\0", 4), STATUS_SUCCESS);
    ok_status(cm_value_set(k, WS(L"Eta"), CM_REG_BINARY, "\2\3", 2), STATUS_SUCCESS);
    ok_status(cm_value_set(k, WS(L"alpha"), CM_REG_QWORD, "12345678", 8), STATUS_SUCCESS);
    ok_status(cm_value_delete(k, WS(L"ETA")), STATUS_SUCCESS);
    size = sizeof(data);
    ok_status(cm_key_enum_value(k, 0, name, 16, &len, &type, data, &size), STATUS_SUCCESS);
    ok(weq(name, len, L"zeta") && type == CM_REG_DWORD && size == 4 && data[0] == 1, "value 0\n");
    size = 2;
    ok_status(cm_key_enum_value(k, 1, name, 16, &len, &type, data, &size), STATUS_BUFFER_OVERFLOW);
    ok(weq(name, len, L"alpha") && type == CM_REG_QWORD && size == 8 && data[1] == '2',
       "value 1 with a short data buffer\n");
    ok_status(cm_key_enum_value(k, 1, name, 2, &len, NULL, NULL, NULL), STATUS_BUFFER_OVERFLOW);
    ok(len == 5, "value name length %u\n", (unsigned)len);
    ok_status(cm_key_enum_value(k, 2, name, 16, &len, NULL, NULL, NULL), STATUS_NO_MORE_ENTRIES);
    cm_key_release(k);
    cm_shutdown();
}

/* Many subkeys and values created in random order, some deleted (issue 11, item 5: the store's
 * look-up structures): enumeration stays in case-insensitive name order for subkeys and in
 * creation order for values, and every name is found, whatever case it is asked in. */
static void many_name(WCHAR *w, unsigned v, int upper)
{
    /* "k" + 4 letters; upper case or lower case, the same name for the store. */
    w[0] = upper ? L'K' : L'k';
    for (int i = 0; i < 4; i++, v /= 26)
        w[1 + i] = (WCHAR)((upper ? L'A' : L'a') + v % 26);
    w[5] = 0;
}

TEST(many_subkeys_and_values)
{
    enum {
        N = 3000
    };
    static unsigned order[N];
    struct cm_key *k;
    WCHAR name[8], prev[8] = {0}, want[8];
    size_t len, prev_len = 0;
    unsigned seed = 7, bad_order = 0, missing = 0, count = 0;
    ULONG type, size;
    unsigned char data[4];

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Many", TRUE);
    for (unsigned i = 0; i < N; i++)
        order[i] = i * 7919u % 456976u; /* distinct 4-letter suffixes */
    for (unsigned i = N; i > 1; i--) {
        unsigned j, t;
        seed = seed * 1103515245u + 12345u;
        j = (seed >> 8) % i;
        t = order[i - 1], order[i - 1] = order[j], order[j] = t;
    }
    for (unsigned i = 0; i < N; i++) {
        struct cm_key *s = NULL;
        many_name(name, order[i], i % 2);
        ok_status(cm_key_open_relative(k, name, 5, TRUE, &s, NULL), STATUS_SUCCESS);
        cm_key_release(s);
        ok_status(cm_value_set(k, name, 5, CM_REG_DWORD, &i, 4), STATUS_SUCCESS);
    }
    /* Delete every third, in creation order: some from the sorted part, some pending. */
    for (unsigned i = 0; i < N; i += 3) {
        struct cm_key *s = NULL;
        many_name(name, order[i], 1);
        ok_status(cm_key_open_relative(k, name, 5, FALSE, &s, NULL), STATUS_SUCCESS);
        if (s)
            ok_status(cm_key_delete(s), STATUS_SUCCESS);
        cm_key_release(s);
        ok_status(cm_value_delete(k, name, 5), STATUS_SUCCESS);
    }
    for (ULONG i = 0; cm_key_enum_subkey(k, i, name, 8, &len) == STATUS_SUCCESS; i++, count++) {
        bad_order += i > 0 && cm_name_compare(prev, prev_len, name, len) >= 0;
        memcpy(prev, name, sizeof(name));
        prev_len = len;
    }
    ok(count == N - (N + 2) / 3, "%u subkeys enumerated\n", count);
    ok(bad_order == 0, "%u subkeys out of order\n", bad_order);
    /* Values: creation order, skipping the deleted ones; each found in the other case. */
    count = 0;
    for (unsigned i = 0; i < N; i++) {
        if (i % 3 == 0)
            continue;
        many_name(want, order[i], i % 2);
        size = sizeof(data);
        if (cm_key_enum_value(k, count++, name, 8, &len, &type, data, &size) != STATUS_SUCCESS ||
            !weq(name, len, want))
            bad_order++;
        many_name(want, order[i], !(i % 2));
        size = sizeof(data);
        missing += cm_value_get(k, want, 5, &type, data, &size) != STATUS_SUCCESS ||
                   memcmp(data, &i, 4) != 0;
    }
    ok(bad_order == 0, "%u values out of creation order\n", bad_order);
    ok(missing == 0, "%u values not found\n", missing);
    cm_key_release(k);
    cm_shutdown();
}

/* CPU time of this thread creating n values (subkeys: n subkeys in random order) in a new key,
 * in ns: the thread CPU clock leaves out the time other work on the machine takes the CPU. */
static uint64_t fill_time(unsigned n, int subkeys, unsigned run)
{
    WCHAR path[64], name[8];
    struct cm_key *k;
    struct timespec t0, t1;
    unsigned seed = run * 7 + 1;
    size_t len = 0;

    for (const char *p = "\\Registry\\Machine\\Software\\Scale"; *p; p++)
        path[len++] = (WCHAR)*p;
    path[len++] = (WCHAR)(L'a' + run % 26);
    path[len++] = (WCHAR)(L'a' + run / 26 % 26);
    path[len] = 0;
    k = open_key(path, TRUE);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    for (unsigned i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        many_name(name, subkeys ? (seed >> 4) % 456976u : i, 0);
        if (subkeys) {
            struct cm_key *s = NULL;
            cm_key_open_relative(k, name, 5, TRUE, &s, NULL);
            cm_key_release(s);
        } else {
            cm_value_set(k, name, 5, CM_REG_DWORD, &i, 4);
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    cm_key_release(k);
    return (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000u + (uint64_t)(t1.tv_nsec - t0.tv_nsec);
}

/* DRVHOST_ASAN and DRVHOST_TSAN (os/os.h): GCC and clang say it differently. */
#if defined(DRVHOST_ASAN) || defined(DRVHOST_TSAN)
#define SCALE_N 8000 /* the sanitizers make each operation 5-20 times slower */
/* Linear creation gives x4 and quadratic x16; a sanitizer build on a loaded machine has given
 * x15 by the wall clock (asan, CI beside other builds), so its bound sits nearer the quadratic. */
#define SCALE_BOUND 13
#else
#define SCALE_N     30000
#define SCALE_BOUND 10
#endif

TEST(creation_is_not_quadratic)
{
    unsigned run = 0;

    start();
    for (int subkeys = 0; subkeys < 2; subkeys++) {
        /* Four times the names: four times the time if each creation is O(1) or O(log n),
         * sixteen times if it is O(n). The small and the big fill alternate, three of each,
         * and the best of each counts: a burst of other work on the machine then slows both
         * sizes' worst runs, not one size's only run. */
        uint64_t small = UINT64_MAX, big = UINT64_MAX;
        for (int i = 0; i < 3; i++) {
            uint64_t t = fill_time(SCALE_N, subkeys, run++);
            small = t < small ? t : small;
            t = fill_time(4 * SCALE_N, subkeys, run++);
            big = t < big ? t : big;
        }
        ok(big < SCALE_BOUND * small, "%s: %u took %.1f ms, %u %.2f ms (x%.1f)\n",
           subkeys ? "subkeys" : "values", 4 * SCALE_N, big / 1e6, SCALE_N, small / 1e6,
           (double)big / (double)small);
        trace("%s: x%.1f\n", subkeys ? "subkeys" : "values", (double)big / (double)small);
    }
    cm_shutdown();
}

TEST(key_info)
{
    struct cm_key *k, *s;
    struct cm_key_info info, later;
    /* 2020-01-01 in 100 ns units since 1601. */
    const LONGLONG y2020 = 132223104000000000LL;

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Info", TRUE);
    ok_status(cm_key_info(k, &info), STATUS_SUCCESS);
    ok(info.subkeys == 0 && info.values == 0 && info.name_chars == 4, "empty key info\n");
    ok(info.last_write_time > y2020, "plausible last write time\n");
    s = open_key(L"\\Registry\\Machine\\Software\\Info\\LongerName", TRUE);
    cm_key_release(s);
    s = open_key(L"\\Registry\\Machine\\Software\\Info\\S", TRUE);
    cm_key_release(s);
    ok_status(cm_value_set(k, WS(L"abc"), CM_REG_BINARY, "0123456789", 10), STATUS_SUCCESS);
    ok_status(cm_value_set(k, WS(L"abcdefg"), CM_REG_DWORD, "1234", 4), STATUS_SUCCESS);
    ok_status(cm_key_info(k, &later), STATUS_SUCCESS);
    ok(later.subkeys == 2 && later.values == 2, "counts %u %u\n", later.subkeys, later.values);
    ok(later.max_subkey_name_chars == 10 && later.max_value_name_chars == 7 &&
           later.max_value_data_bytes == 10,
       "maxima %u %u %u\n", later.max_subkey_name_chars, later.max_value_name_chars,
       later.max_value_data_bytes);
    ok(later.last_write_time >= info.last_write_time, "last write time moves forward\n");
    cm_key_release(k);
    cm_shutdown();
}

TEST(services)
{
    struct cm_key *k;
    char *path = NULL;
    ULONG type, size, dword;
    WCHAR buf[64];

    start();
    ok_status(cm_service_create("mydrv", "/opt/drivers/m\xc3\xbc.sys"), STATUS_SUCCESS);
    k = open_key(L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\MyDrv", FALSE);
    size = sizeof(buf);
    ok_status(cm_value_get(k, WS(L"ImagePath"), &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_EXPAND_SZ && size == sizeof(L"/opt/drivers/m\x00fc.sys") &&
           memcmp(buf, L"/opt/drivers/m\x00fc.sys", size) == 0,
       "ImagePath is UTF-16 with its terminator\n");
    static const struct {
        const WCHAR *name;
        ULONG value;
    } dwords[] = {{L"Type", 1}, {L"Start", 3}, {L"ErrorControl", 1}};
    for (size_t i = 0; i < 3; i++) {
        size = sizeof(dword);
        ok_status(cm_value_get(k, dwords[i].name, wlen(dwords[i].name), &type, &dword, &size),
                  STATUS_SUCCESS);
        ok(type == CM_REG_DWORD && size == 4 && dword == dwords[i].value, "%u\n", (unsigned)i);
    }
    ok_status(cm_service_image_path("MYDRV", &path), STATUS_SUCCESS);
    ok(path && strcmp(path, "/opt/drivers/m\xc3\xbc.sys") == 0, "image path %s\n", path);
    free(path);

    /* Re-registering replaces the values and keeps other content. */
    ok_status(cm_value_set(k, WS(L"Extra"), CM_REG_DWORD, "\1\0\0\0", 4), STATUS_SUCCESS);
    ok_status(cm_service_create("mydrv", "/other.sys"), STATUS_SUCCESS);
    ok_status(cm_service_image_path("mydrv", &path), STATUS_SUCCESS);
    ok(path && strcmp(path, "/other.sys") == 0, "new image path %s\n", path);
    free(path);
    size = 0;
    ok_status(cm_value_get(k, WS(L"Extra"), NULL, NULL, &size), STATUS_BUFFER_OVERFLOW);
    ok(size == 4, "Extra kept\n");

    /* Errors. */
    path = NULL;
    ok_status(cm_service_image_path("nosuch", &path), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_reg_set_utf8("HKLM\\System\\CurrentControlSet\\Services\\bare", "Start",
                              CM_REG_DWORD, "\3\0\0\0", 4),
              STATUS_SUCCESS);
    ok_status(cm_service_image_path("bare", &path), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(cm_reg_set_utf8("HKLM\\System\\CurrentControlSet\\Services\\bare", "ImagePath",
                              CM_REG_DWORD, "\3\0\0\0", 4),
              STATUS_SUCCESS);
    ok_status(cm_service_image_path("bare", &path), STATUS_OBJECT_TYPE_MISMATCH);
    ok(path == NULL, "no path on failure\n");
    ok_status(cm_service_create("a\\b", "/x.sys"), STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_service_create("", "/x.sys"), STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_service_create("bad\xff", "/x.sys"), STATUS_INVALID_PARAMETER);
    ok_status(cm_service_create("ok", "/bad\xc0\x80.sys"), STATUS_INVALID_PARAMETER);
    char long_name[300];
    memset(long_name, 's', 256);
    long_name[256] = 0;
    ok_status(cm_service_create(long_name, "/x.sys"), STATUS_INVALID_PARAMETER);
    cm_key_release(k);
    cm_shutdown();
}

TEST(reg_set_utf8)
{
    struct cm_key *k;
    ULONG type, size;
    WCHAR name[8];
    size_t len;
    ULONG v = 7;

    start();
    ok_status(cm_reg_set_utf8("HKLM\\System\\CurrentControlSet\\Services\\foo\\Parameters", "Level",
                              CM_REG_DWORD, &v, sizeof(v)),
              STATUS_SUCCESS);
    k = open_key(L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\foo\\Parameters",
                 FALSE);
    size = sizeof(v);
    v = 0;
    ok_status(cm_value_get(k, WS(L"level"), &type, &v, &size), STATUS_SUCCESS);
    ok(type == CM_REG_DWORD && v == 7, "value read back\n");
    /* A name outside the BMP becomes a surrogate pair. */
    ok_status(cm_reg_set_utf8("HKLM\\System\\CurrentControlSet\\Services\\foo\\Parameters",
                              "\xf0\x9f\x98\x80", CM_REG_NONE, NULL, 0),
              STATUS_SUCCESS);
    ok_status(cm_key_enum_value(k, 1, name, 8, &len, NULL, NULL, NULL), STATUS_SUCCESS);
    ok(len == 2 && name[0] == 0xD83D && name[1] == 0xDE00, "surrogate pair\n");
    ok_status(cm_reg_set_utf8("HKLM\\Software", "\xed\xa0\x80", CM_REG_NONE, NULL, 0),
              STATUS_INVALID_PARAMETER);
    ok_status(cm_reg_set_utf8("HKLM\\Software\\", "x", CM_REG_NONE, NULL, 0),
              STATUS_OBJECT_NAME_INVALID);
    ok_status(cm_reg_set_utf8("HKLM\\Software", "x", CM_REG_BINARY, NULL, 1),
              STATUS_INVALID_PARAMETER);
    ok_status(cm_reg_set_utf8("HKLM\\Software", "x", CM_REG_BINARY, "", (size_t)MAXULONG + 1),
              STATUS_INVALID_PARAMETER);
    ok_status(cm_reg_set_utf8(NULL, "x", CM_REG_NONE, NULL, 0), STATUS_INVALID_PARAMETER);
    cm_key_release(k);
    cm_shutdown();
}

static void check_utf8(const char *in, size_t in_len, NTSTATUS expected)
{
    WCHAR *w = NULL;
    NTSTATUS status = cm_utf8_to_utf16(in, in_len, &w, NULL);
    ok(status == expected, "utf8 input of %u bytes: 0x%08x\n", (unsigned)in_len, (unsigned)status);
    free(w);
}

TEST(utf8_conversion)
{
    static const char text[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z"; /* a e-acute euro 😀 z */
    WCHAR *w;
    char *back;
    size_t wl, bl;

    ok_status(cm_utf8_to_utf16(text, sizeof(text) - 1, &w, &wl), STATUS_SUCCESS);
    ok(wl == 6 && w[0] == 'a' && w[1] == 0xE9 && w[2] == 0x20AC && w[3] == 0xD83D &&
           w[4] == 0xDE00 && w[5] == 'z' && w[6] == 0,
       "decoded\n");
    ok_status(cm_utf16_to_utf8(w, wl, &back, &bl), STATUS_SUCCESS);
    ok(bl == sizeof(text) - 1 && strcmp(back, text) == 0, "round trip\n");
    free(back);
    free(w);

    check_utf8("", 0, STATUS_SUCCESS);
    check_utf8("\xc0\x80", 2, STATUS_INVALID_PARAMETER);         /* overlong NUL */
    check_utf8("\xe0\x80\xaf", 3, STATUS_INVALID_PARAMETER);     /* overlong '/' */
    check_utf8("\xed\xa0\x80", 3, STATUS_INVALID_PARAMETER);     /* encoded surrogate */
    check_utf8("\xf4\x90\x80\x80", 4, STATUS_INVALID_PARAMETER); /* above U+10FFFF */
    check_utf8("\xe2\x82", 2, STATUS_INVALID_PARAMETER);         /* truncated */
    check_utf8("\x80", 1, STATUS_INVALID_PARAMETER);             /* lone continuation */
    check_utf8("\xff", 1, STATUS_INVALID_PARAMETER);
    check_utf8("\xf4\x8f\xbf\xbf", 4, STATUS_SUCCESS); /* U+10FFFF */

    static const WCHAR lone_high[] = {'a', 0xD800, 'b'}, lone_low[] = {0xDC00};
    static const WCHAR high_at_end[] = {0xDBFF};
    back = NULL;
    ok_status(cm_utf16_to_utf8(lone_high, 3, &back, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_utf16_to_utf8(lone_low, 1, &back, NULL), STATUS_INVALID_PARAMETER);
    ok_status(cm_utf16_to_utf8(high_at_end, 1, &back, NULL), STATUS_INVALID_PARAMETER);
    ok(back == NULL, "nothing returned on failure\n");
}

TEST(key_held_across_shutdown)
{
    struct cm_key *k;
    ULONG size = 0;

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Held", TRUE);
    ok_status(cm_value_set(k, WS(L"v"), CM_REG_BINARY, "abc", 3), STATUS_SUCCESS);
    cm_key_reference(k);
    cm_shutdown();
    /* Still a valid pointer (ASan would notice otherwise), now detached. */
    ok_status(cm_value_get(k, WS(L"v"), NULL, NULL, &size), STATUS_KEY_DELETED);
    ok_status(cm_key_delete(k), STATUS_KEY_DELETED);
    cm_key_release(k);
    cm_key_release(k); /* the last reference frees it */
    cm_key_release(NULL);
}

/* ---- concurrency (meaningful under TSan) ------------------------------------------------ */

#define THREADS 6
#define ROUNDS  300

static void *worker(void *arg)
{
    unsigned id = (unsigned)(uintptr_t)arg;
    WCHAR name[2] = {(WCHAR)(L'a' + id), 0};
    struct cm_key *base = NULL, *k = NULL;
    unsigned char buf[16];
    ULONG size;
    size_t len;
    WCHAR enum_name[8];
    struct cm_key_info info;

    if (cm_key_open(WS(L"\\Registry\\Machine\\Software\\Shared"), FALSE, &base, NULL) != 0)
        return (void *)1;
    for (unsigned r = 0; r < ROUNDS; r++) {
        /* Everyone writes and reads the same values of the shared key... */
        cm_value_set(base, WS(L"common"), CM_REG_DWORD, &r, sizeof(r));
        size = sizeof(buf);
        cm_value_get(base, WS(L"common"), NULL, buf, &size);
        cm_key_enum_subkey(base, r % 4, enum_name, 8, &len);
        cm_key_info(base, &info);
        /* ...and creates, fills and deletes a subkey of its own, sometimes while another
         * thread still enumerates it. */
        if (cm_key_open_relative(base, name, 1, TRUE, &k, NULL) != 0)
            return (void *)2;
        cm_value_set(k, WS(L"x"), CM_REG_BINARY, buf, 4);
        if (cm_key_delete(k) != 0)
            return (void *)3;
        cm_key_release(k);
    }
    cm_key_release(base);
    return NULL;
}

TEST(concurrent_use)
{
    pthread_t threads[THREADS];
    struct cm_key *k;
    struct cm_key_info info;

    start();
    k = open_key(L"\\Registry\\Machine\\Software\\Shared", TRUE);
    for (unsigned i = 0; i < THREADS; i++)
        ok(pthread_create(&threads[i], NULL, worker, (void *)(uintptr_t)i) == 0, "thread\n");
    for (unsigned i = 0; i < THREADS; i++) {
        void *result = (void *)-1;
        pthread_join(threads[i], &result);
        ok(result == NULL, "worker %u failed at step %p\n", i, result);
    }
    ok_status(cm_key_info(k, &info), STATUS_SUCCESS);
    ok(info.subkeys == 0 && info.values == 1, "subkeys %u values %u\n", info.subkeys, info.values);
    cm_key_release(k);
    cm_shutdown();
}
