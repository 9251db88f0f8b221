/*
 * test_cm_regfile_parse.c - the .reg parser's buffer entry point (cm_regfile_parse, also the
 * fuzzing entry point): each malformed input gives "NAME:LINE: error: PROBLEM" on the right
 * line, and nothing is applied; arbitrary bytes never crash it.
 *
 * White-box (links the runtime's internal library and uses a private store, see CMakeLists.txt).
 */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "cm/cm.h"

#define HDR "Windows Registry Editor Version 5.00\n"

static const struct {
    const char *text;
    unsigned line;
    const char *problem; /* the start of the message after "error: " */
} bad[] = {
    {"", 1, "empty file"},
    {"REGEDIT5\n", 1, "not a .reg file"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"a\\u12\"=dword:1\n", 3, "bad \\u escape in a string"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"a\\u12zz\"=dword:1\n", 3, "bad \\u escape in a string"},
    {HDR "[HKLM\\SOFTWARE\\X\\\\u00zz]\n", 2, "bad \\\\u escape in a key path"},
    {HDR "[HKLM\\SOFTWARE\\X\\\\u005cY]\n", 2, "bad \\\\u escape in a key path"},
    {HDR "\"v\"=dword:1\n", 2, "value line before the first [KEY]"},
    {HDR "[HKLM\\SOFTWARE\\X\n", 2, "key line without its closing ']'"},
    {HDR "[HKEY_CURRENT_USER\\X]\n", 2, "unknown root key"},
    {HDR "[HKLM\\SOFTWARE\\\\X]\n", 2, "empty key name"},
    {HDR "[-HKLM\\SOFTWARE]\n", 2, "a root key cannot be deleted"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=dword:123456789\n", 3, "bad dword"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=dword:\n", 3, "bad dword"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=hex:1,zz\n", 3, "bad hex byte list"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=hex:123\n", 3, "bad hex byte list"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=hex(q):00\n", 3, "bad hex(TYPE)"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\n\"v\"=\"unterminated\n", 4, "missing closing quote"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=\"a\\tb\"\n", 3, "unknown escape"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=\"a\" junk\n", 3, "unexpected text after"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\" dword:1\n", 3, "expected '='"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=word:1\n", 3, "unknown value data"},
    {HDR "[HKLM\\SOFTWARE\\X]\nv=dword:1\n", 3, "expected a [KEY] line"},
    {HDR "[-HKLM\\SOFTWARE\\X]\n\"v\"=dword:1\n", 3, "value line in a [-KEY] section"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"v\"=hex:01,\\\n  02,\\\n  zz\n\"w\"=-\n", 3, "bad hex byte"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\"ok\"=hex:01,\\\n  02\n\"w\"=?\n", 5, "unknown value data"},
    {HDR "[HKLM\\SOFTWARE\\X]\n\xff\n", 3, "invalid UTF-8"},
};

TEST(malformed_inputs_name_their_line)
{
    char err[512], expect[256];

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct cm_regfile *rf = NULL;
        NTSTATUS status =
            cm_regfile_parse(bad[i].text, strlen(bad[i].text), "t.reg", &rf, err, sizeof(err));
        snprintf(expect, sizeof(expect), "t.reg:%u: error: %s", bad[i].line, bad[i].problem);
        ok(status == STATUS_DATA_ERROR && rf == NULL, "case %zu: status 0x%08x\n", i,
           (unsigned)status);
        ok(strncmp(err, expect, strlen(expect)) == 0, "case %zu: got \"%s\", want \"%s...\"\n", i,
           err, expect);
    }
}

TEST(overlong_names)
{
    char *text = malloc(20000), err[256];
    struct cm_regfile *rf = NULL;
    size_t n;

    n = (size_t)sprintf(text, HDR "[HKLM\\SOFTWARE\\");
    memset(text + n, 'k', 256);
    strcpy(text + n + 256, "]\n");
    ok_status(cm_regfile_parse(text, strlen(text), "long.reg", &rf, err, sizeof(err)),
              STATUS_DATA_ERROR);
    ok(strstr(err, "long.reg:2: error: key name of 256 characters (the limit is 255)") == err,
       "%s\n", err);
    text[n + 255] = ']';
    text[n + 256] = '\n';
    text[n + 257] = 0;
    ok_status(cm_regfile_parse(text, strlen(text), "long.reg", &rf, err, sizeof(err)),
              STATUS_SUCCESS);
    cm_regfile_free(rf);
    n = (size_t)sprintf(text, HDR "[HKLM\\SOFTWARE\\X]\n\"");
    memset(text + n, 'v', 16384);
    strcpy(text + n + 16384, "\"=dword:1\n");
    ok_status(cm_regfile_parse(text, strlen(text), "long.reg", &rf, err, sizeof(err)),
              STATUS_DATA_ERROR);
    ok(strstr(err, "long.reg:3: error: value name of 16384 characters") == err, "%s\n", err);
    free(text);
}

TEST(utf16_input)
{
    static const char ascii[] = HDR "[HKLM\\SOFTWARE\\U]\r\n\"v\"=\"x\"\r\n";
    unsigned char buf[256];
    struct cm_regfile *rf = NULL;
    char err[256];
    size_t n = 2;

    buf[0] = 0xFF, buf[1] = 0xFE;
    for (size_t i = 0; ascii[i]; i++)
        buf[n++] = (unsigned char)ascii[i], buf[n++] = 0;
    ok_status(cm_regfile_parse(buf, n, "u16.reg", &rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    ok_status(cm_regfile_parse(buf, n - 1, "u16.reg", &rf, err, sizeof(err)), STATUS_DATA_ERROR);
    buf[0] = 0xFE, buf[1] = 0xFF;
    ok_status(cm_regfile_parse(buf, n, "u16.reg", &rf, err, sizeof(err)), STATUS_DATA_ERROR);
}

TEST(random_bytes_never_crash)
{
    unsigned char buf[512];
    unsigned seed = 12345;
    char err[256];

    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(seed % sizeof(buf)), start = 0;
        struct cm_regfile *rf = NULL;
        if (round % 2) { /* mostly valid text: header then random printable-ish bytes */
            memcpy(buf, HDR, sizeof(HDR) - 1);
            start = sizeof(HDR) - 1;
        }
        for (size_t i = start; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] =
                (unsigned char)("[]\\\"@=-,:;hexdwor(0123456789abcdef) \n\r\tK"[(seed >> 16) % 41]);
        }
        if (NT_SUCCESS(
                cm_regfile_parse(buf, n < start ? start : n, "r.reg", &rf, err, sizeof(err))))
            cm_regfile_free(rf);
        seed = seed * 1103515245u + 12345u;
    }
    ok(1, "survived\n");
}

TEST(apply_and_export_private_store)
{
    static const char text[] = HDR "[HKLM\\SOFTWARE\\P]\n\"a\"=dword:2\n"
                                   "[HKLM\\SOFTWARE\\P\\Q]\n@=\"d\"\n";
    struct cm_regfile *rf = NULL;
    void *out = NULL;
    size_t size = 0;
    char err[256];

    ok_status(cm_init(), STATUS_SUCCESS);
    ok_status(cm_regfile_parse(text, sizeof(text) - 1, "p.reg", &rf, err, sizeof(err)),
              STATUS_SUCCESS);
    ok_status(cm_regfile_apply(rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    ok_status(cm_regfile_export_buffer(NULL, TRUE, &out, &size), STATUS_SUCCESS);
    ok(size > 100 && ((unsigned char *)out)[0] == 0xFF, "export of everything: %zu bytes\n", size);
    /* The whole export parses again. */
    ok_status(cm_regfile_parse(out, size, "all.reg", &rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    free(out);
    cm_shutdown();
}

/* ---- every name and value round-trips through the file (issue 11, item 1) ---------------- */

struct snap_value {
    WCHAR name[8];
    size_t name_len;
    ULONG type, size;
    UCHAR data[300];
};

/* Every value of key (at most max, each name of at most 8 units, data 300 bytes). */
static size_t snap_values(struct cm_key *key, struct snap_value *out, size_t max)
{
    size_t n = 0;

    for (ULONG i = 0; n < max; i++) {
        struct snap_value *v = &out[n];
        v->size = sizeof(v->data);
        if (cm_key_enum_value(key, i, v->name, 8, &v->name_len, &v->type, v->data, &v->size) !=
            STATUS_SUCCESS)
            break;
        n++;
    }
    return n;
}

/* The names of key's subkeys, concatenated with their lengths (each at most 8 units). */
static size_t snap_subkeys(struct cm_key *key, WCHAR (*names)[9], size_t max)
{
    size_t n = 0, len;

    for (ULONG i = 0; n < max; i++) {
        if (cm_key_enum_subkey(key, i, names[n] + 1, 8, &len) != STATUS_SUCCESS)
            break;
        names[n++][0] = (WCHAR)len;
    }
    return n;
}

/* Value "v<c>x" = REG_SZ "<c>" for every UTF-16 code unit c (lone surrogates included), a
 * surrogate pair and a reversed one, a REG_BINARY with every byte value, and subkey "k<c>" for
 * every code unit but '\'. */
static void fill_every_code_unit(struct cm_key *values, struct cm_key *keys)
{
    static const WCHAR pair[] = {L'p', 0xD83D, 0xDE00}, reversed[] = {L'r', 0xDE00, 0xD83D};
    UCHAR bytes[256];
    ULONG fails = 0;

    for (ULONG c = 0; c <= 0xFFFF; c++) {
        WCHAR name[3] = {L'v', (WCHAR)c, L'x'}, data[2] = {(WCHAR)c, 0},
              kname[2] = {L'k', (WCHAR)c};
        struct cm_key *sub = NULL;
        /* The first 1024 code units, the surrogates and the last 256 (all 65536 take too long
         * under the sanitizers; the writer treats every other unit alike). */
        if ((c >= 0x400 && c < 0xD800) || (c >= 0xE000 && c < 0xFF00))
            continue;
        fails += cm_value_set(values, name, 3, CM_REG_SZ, data, sizeof(data)) != STATUS_SUCCESS;
        if (c == L'\\')
            continue;
        fails += cm_key_create(keys, kname, 2, FALSE, &sub, NULL) != STATUS_SUCCESS;
        cm_key_release(sub);
    }
    for (int i = 0; i < 256; i++)
        bytes[i] = (UCHAR)i;
    fails += cm_value_set(values, pair, 3, CM_REG_SZ, pair, sizeof(pair)) != STATUS_SUCCESS;
    fails += cm_value_set(values, reversed, 3, CM_REG_BINARY, bytes, 256) != STATUS_SUCCESS;
    ok(fails == 0, "%u names refused by the store\n", (unsigned)fails);
}

TEST(every_code_unit_in_names_and_data_round_trips)
{
    static const WCHAR vpath[] = L"\\Registry\\Machine\\Software\\RT",
                       kpath[] = L"\\Registry\\Machine\\Software\\RT\\K";
    struct snap_value *before = calloc(4000, sizeof(*before)),
                      *after = calloc(4000, sizeof(*after));
    WCHAR(*kb)[9] = calloc(4000, sizeof(*kb)), (*ka)[9] = calloc(4000, sizeof(*ka));
    struct cm_key *v = NULL, *k = NULL;
    struct cm_regfile *rf = NULL;
    size_t nb, na, kn_b, kn_a, size = 0;
    int differ = 0;
    void *out = NULL;
    char err[256] = "";

    ok_status(cm_init(), STATUS_SUCCESS);
    ok_status(cm_key_create_path(vpath, sizeof(vpath) / 2 - 1, &v, NULL), STATUS_SUCCESS);
    ok_status(cm_key_create_path(kpath, sizeof(kpath) / 2 - 1, &k, NULL), STATUS_SUCCESS);
    fill_every_code_unit(v, k);
    nb = snap_values(v, before, 4000);
    kn_b = snap_subkeys(k, kb, 4000);
    ok_status(cm_regfile_export_buffer(NULL, TRUE, &out, &size), STATUS_SUCCESS);
    cm_key_release(v);
    cm_key_release(k);
    v = k = NULL;
    cm_shutdown();

    /* A fresh store loads the file back. */
    ok_status(cm_init(), STATUS_SUCCESS);
    ok_status(cm_regfile_parse(out, size, "all.reg", &rf, err, sizeof(err)), STATUS_SUCCESS);
    ok(err[0] == 0, "%s\n", err);
    if (rf)
        ok_status(cm_regfile_apply(rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    ok_status(cm_key_open(vpath, sizeof(vpath) / 2 - 1, FALSE, &v, NULL), STATUS_SUCCESS);
    ok_status(cm_key_open(kpath, sizeof(kpath) / 2 - 1, FALSE, &k, NULL), STATUS_SUCCESS);
    na = v ? snap_values(v, after, 4000) : 0;
    kn_a = k ? snap_subkeys(k, ka, 4000) : 0;
    /* 3328 names, less the case-insensitive duplicates (a-z, Latin-1...), plus the two extra. */
    ok(nb > 3200 && na == nb, "values: %zu before, %zu after\n", nb, na);
    ok(kn_b > 3200 && kn_a == kn_b, "subkeys: %zu before, %zu after\n", kn_b, kn_a);
    for (size_t i = 0; i < na && i < nb && !differ; i++) {
        const struct snap_value *a = &after[i], *b = &before[i];
        differ = a->name_len != b->name_len || a->type != b->type || a->size != b->size ||
                 memcmp(a->name, b->name, a->name_len * 2) != 0 ||
                 memcmp(a->data, b->data, a->size) != 0;
        if (differ)
            ok(0, "value %zu (name unit 0x%04x) differs after the reload\n", i, b->name[1]);
    }
    ok(!differ, "a value differs after the reload\n");
    ok(kn_a == kn_b && memcmp(ka, kb, kn_a * sizeof(*ka)) == 0, "a subkey name differs\n");
    cm_key_release(v);
    cm_key_release(k);
    cm_shutdown();
    free(out);
    free(before);
    free(after);
    free(kb);
    free(ka);
}

TEST(escapes_in_names)
{
    static const char text[] = HDR "[HKLM\\SOFTWARE\\E\\a\\\\u000ab\\\\u0000]\n"
                                   "\"n\\u0000\\u000d\\u000a\\\\u0041\"=dword:1\n";
    static const WCHAR key[] = {'\\', 'R', 'e', 'g', 'i',  's', 't',  'r', 'y',  '\\', 'M',
                                'a',  'c', 'h', 'i', 'n',  'e', '\\', 'S', 'o',  'f',  't',
                                'w',  'a', 'r', 'e', '\\', 'E', '\\', 'a', '\n', 'b',  0};
    static const WCHAR name[] = {'n', 0, '\r', '\n', '\\', 'u', '0', '0', '4', '1'};
    struct cm_regfile *rf = NULL;
    struct cm_key *k = NULL;
    char err[256];
    ULONG size = 4, v = 0, type;

    ok_status(cm_init(), STATUS_SUCCESS);
    ok_status(cm_regfile_parse(text, sizeof(text) - 1, "e.reg", &rf, err, sizeof(err)),
              STATUS_SUCCESS);
    ok_status(cm_regfile_apply(rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    /* "a<LF>b<NUL>" is one key name: the escapes are part of the name they are in. */
    ok_status(cm_key_open(key, 33, FALSE, &k, NULL), STATUS_SUCCESS);
    if (k)
        ok_status(cm_value_get(k, name, 10, &type, &v, &size), STATUS_SUCCESS);
    ok(v == 1, "value %u\n", (unsigned)v);
    cm_key_release(k);
    cm_shutdown();
}

/* ---- REGEDIT4: 8-bit files in the ANSI code page (issue 11, item 6) ------------------------ */

TEST(regedit4_files_are_windows_1252)
{
    /* "caf\xe9 \x80" is "café €" in Windows-1252 (and invalid UTF-8). */
    static const char text[] = "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Old]\r\n"
                               "\"caf\xe9\"=\"\x80 \x81\"\r\n"
                               "\"Path\"=hex(2):25,53,79,73,25,5c,e9,00\r\n"
                               "\"Multi\"=hex(7):61,00,9c,00,00\r\n"
                               "\"Bin\"=hex:e9,00\r\n";
    static const WCHAR key[] = L"\\Registry\\Machine\\Software\\Old";
    static const WCHAR cafe[] = {'c', 'a', 'f', 0xE9}, sz[] = {0x20AC, ' ', 0x81, 0};
    static const WCHAR path[] = {'%', 'S', 'y', 's', '%', '\\', 0xE9, 0};
    static const WCHAR multi[] = {'a', 0, 0x153, 0, 0};
    struct cm_regfile *rf = NULL;
    struct cm_key *k = NULL;
    WCHAR buf[16];
    ULONG size, type;
    char err[256] = "";

    ok_status(cm_init(), STATUS_SUCCESS);
    ok_status(cm_regfile_parse(text, sizeof(text) - 1, "old.reg", &rf, err, sizeof(err)),
              STATUS_SUCCESS);
    ok(err[0] == 0, "%s\n", err);
    if (rf)
        ok_status(cm_regfile_apply(rf, err, sizeof(err)), STATUS_SUCCESS);
    cm_regfile_free(rf);
    ok_status(cm_key_open(key, sizeof(key) / 2 - 1, FALSE, &k, NULL), STATUS_SUCCESS);
    if (!k) {
        cm_shutdown();
        return;
    }
    size = sizeof(buf);
    ok_status(cm_value_get(k, cafe, 4, &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_SZ && size == sizeof(sz) && memcmp(buf, sz, size) == 0, "REG_SZ\n");
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"Path", 4, &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_EXPAND_SZ && size == sizeof(path) && memcmp(buf, path, size) == 0,
       "hex(2) is widened: %u bytes\n", (unsigned)size);
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"Multi", 5, &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_MULTI_SZ && size == sizeof(multi) && memcmp(buf, multi, size) == 0,
       "hex(7) is widened: %u bytes\n", (unsigned)size);
    size = sizeof(buf);
    ok_status(cm_value_get(k, L"Bin", 3, &type, buf, &size), STATUS_SUCCESS);
    ok(type == CM_REG_BINARY && size == 2 && ((UCHAR *)buf)[0] == 0xE9, "hex: is kept as is\n");
    cm_key_release(k);
    cm_shutdown();
}

TEST(version5_files_are_not_ansi)
{
    /* Without REGEDIT4 an 8-bit file must be UTF-8: the byte 0xE9 alone is refused. */
    static const char text[] = HDR "[HKLM\\SOFTWARE\\X]\n\"caf\xe9\"=dword:1\n";
    struct cm_regfile *rf = NULL;
    char err[256];

    ok_status(cm_regfile_parse(text, sizeof(text) - 1, "u.reg", &rf, err, sizeof(err)),
              STATUS_DATA_ERROR);
    ok(strstr(err, "u.reg:3: error: invalid UTF-8") == err, "%s\n", err);
}
