/*
 * test_cm_regfile_parse.c - the .reg parser's buffer entry point (cm_regfile_parse, also the
 * fuzzing entry point): each malformed input gives "NAME:LINE: error: PROBLEM" on the right
 * line, and nothing is applied; arbitrary bytes never crash it.
 *
 * White-box (compiles src/cm into itself and uses a private store, see CMakeLists.txt).
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
    {"REGEDIT4\n", 1, "not a .reg file"},
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
