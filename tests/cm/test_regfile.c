/*
 * test_regfile.c - .reg import and export through the host API (drvhost_reg_import,
 * drvhost_reg_export), checked with the Zw DDIs: every value type round-trips, UTF-8 and
 * UTF-16LE input, comments, continuations, deletions, and a malformed file changes nothing.
 */
#include <wdm.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"

/* A file in a fresh temporary folder (the test runs in its own child process). */
static const char *tmp_path(const char *name)
{
    static const char *dir;
    static char path[4][PATH_MAX];
    static int next;
    char *p = path[next++ % 4];
    if (dir == NULL)
        dir = harness_temp_dir("drvhost-regfile");
    snprintf(p, PATH_MAX, "%s/%s", dir ? dir : "/nonexistent", name);
    return p;
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    ok(f != NULL, "cannot write %s\n", path);
    if (f) {
        fwrite(data, 1, size, f);
        fclose(f);
    }
}

/* Reads a file; returns a malloc'ed buffer (NUL-terminated) and its size. */
static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *b = malloc(1 << 20);
    *size = f ? fread(b, 1, (1 << 20) - 1, f) : 0;
    b[*size] = 0;
    if (f)
        fclose(f);
    return b;
}

/* UTF-16LE with BOM (BMP only) to UTF-8: what the export wrote, readable. */
static char *utf16_file_to_utf8(const char *path)
{
    size_t size, n = 0;
    unsigned char *b = (unsigned char *)read_file(path, &size);
    char *out = malloc(size * 2 + 1);
    ok(size >= 2 && b[0] == 0xFF && b[1] == 0xFE, "export has no UTF-16LE BOM\n");
    for (size_t i = 2; i + 1 < size; i += 2) {
        unsigned c = b[i] | (b[i + 1] << 8);
        if (c < 0x80) {
            out[n++] = (char)c;
        } else if (c < 0x800) {
            out[n++] = (char)(0xC0 | (c >> 6));
            out[n++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[n++] = (char)(0xE0 | (c >> 12));
            out[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[n++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[n] = 0;
    free(b);
    return out;
}

/* Every value type, written exactly as the export writes it (regedit's canonical form). */
static const char canonical[] =
    "Windows Registry Editor Version 5.00\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\RegTest]\r\n"
    "@=\"default\"\r\n"
    "\"Str\"=\"a \\\"quoted\\\" \\\\ path\"\r\n"
    "\"Dword\"=dword:0000abcd\r\n"
    "\"Bin\"=hex:01,02,ff\r\n"
    "\"None\"=hex(0):\r\n"
    "\"Expand\"=hex(2):25,00,41,00,25,00,00,00\r\n"
    "\"Multi\"=hex(7):6f,00,6e,00,65,00,00,00,74,00,77,00,6f,00,00,00,74,00,68,00,72,\\\r\n"
    "  00,65,00,65,00,00,00,00,00\r\n"
    "\"Qword\"=hex(b):08,07,06,05,04,03,02,01\r\n"
    "\"Big\"=hex(5):00,00,00,01\r\n"
    "\"Link\"=hex(6):41,00\r\n"
    "\"Res\"=hex(8):00\r\n"
    "\"Full\"=hex(9):01\r\n"
    "\"Req\"=hex(a):02\r\n"
    "\"OddSz\"=hex(1):41\r\n"
    "\"ShortDword\"=hex(4):01,02\r\n"
    "\"Custom\"=hex(100):aa\r\n"
    "\r\n"
    "[HKEY_LOCAL_MACHINE\\SOFTWARE\\RegTest\\Sub]\r\n"
    "\"Unicode\"=\"caf\xc3\xa9\"\r\n"
    "\r\n";

static HANDLE open_abs(const WCHAR *path)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL;
    RtlInitUnicodeString(&u, path);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    return NT_SUCCESS(ZwOpenKey(&h, KEY_READ, &oa)) ? h : NULL;
}

/* The value's type and data (partial information) into buf. */
static NTSTATUS get(HANDLE h, const WCHAR *name, KEY_VALUE_PARTIAL_INFORMATION **pi)
{
    static UCHAR buf[512];
    UNICODE_STRING u;
    ULONG len;
    RtlInitUnicodeString(&u, name);
    *pi = (KEY_VALUE_PARTIAL_INFORMATION *)buf;
    return ZwQueryValueKey(h, &u, KeyValuePartialInformation, buf, sizeof(buf), &len);
}

TEST(every_type_round_trips)
{
    const char *in = tmp_path("in.reg"), *out = tmp_path("out.reg"), *out2 = tmp_path("out2.reg");
    KEY_VALUE_PARTIAL_INFORMATION *pi;
    HANDLE h;
    char *text, *text2;
    size_t n1, n2;

    write_file(in, canonical, sizeof(canonical) - 1);
    ok_status(drvhost_reg_import(in), STATUS_SUCCESS);
    h = open_abs(L"\\Registry\\Machine\\Software\\RegTest");
    ok(h != NULL, "key not created\n");
    ok_status(get(h, L"Str", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_SZ && pi->DataLength == sizeof(L"a \"quoted\" \\ path") &&
           memcmp(pi->Data, L"a \"quoted\" \\ path", pi->DataLength) == 0,
       "REG_SZ with escapes\n");
    ok_status(get(h, L"Dword", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_DWORD && pi->DataLength == 4 && pi->Data[0] == 0xcd && pi->Data[1] == 0xab,
       "dword\n");
    ok_status(get(h, L"Multi", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_MULTI_SZ && pi->DataLength == 30 &&
           memcmp(pi->Data, L"one\0two\0three\0", 30) == 0,
       "multi-sz across a continuation\n");
    ok_status(get(h, L"Qword", &pi), STATUS_SUCCESS);
    {
        ULONGLONG q;
        memcpy(&q, pi->Data, sizeof(q));
        ok(pi->Type == REG_QWORD && q == 0x0102030405060708ull, "qword\n");
    }
    ok_status(get(h, L"None", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_NONE && pi->DataLength == 0, "none\n");
    ok_status(get(h, L"Custom", &pi), STATUS_SUCCESS);
    ok(pi->Type == 0x100 && pi->DataLength == 1, "hex(100)\n");
    ok_status(get(h, L"", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_SZ && memcmp(pi->Data, L"default", 16) == 0, "default value\n");
    ok_status(ZwClose(h), STATUS_SUCCESS);

    ok_status(drvhost_reg_export("HKLM\\SOFTWARE\\RegTest", out), STATUS_SUCCESS);
    text = utf16_file_to_utf8(out);
    ok(strcmp(text, canonical) == 0, "export differs:\n%s\n", text);
    /* The UTF-16LE export imports back to the same tree. */
    {
        static const char del[] =
            "Windows Registry Editor Version 5.00\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\RegTest]\n";
        write_file(in, del, sizeof(del) - 1);
    }
    ok_status(drvhost_reg_import(in), STATUS_SUCCESS);
    ok(open_abs(L"\\Registry\\Machine\\Software\\RegTest") == NULL, "[-KEY] did not delete\n");
    ok_status(drvhost_reg_import(out), STATUS_SUCCESS);
    ok_status(drvhost_reg_export("\\Registry\\Machine\\Software\\RegTest", out2), STATUS_SUCCESS);
    free(read_file(out, &n1));
    text2 = utf16_file_to_utf8(out2);
    ok(strcmp(text, text2) == 0, "second export differs\n");
    (void)n2;
    free(text);
    free(text2);
}

TEST(syntax_variants)
{
    static const char file[] = "\xef\xbb\xbfWindows Registry Editor Version 5.00\n"
                               "; a comment\n"
                               "\n"
                               "  [HKLM\\SOFTWARE\\Variants\\Deep]  \n"
                               "\"Spaced\" = dword:1\n"
                               "\"Gone\"=\"x\"\n"
                               "\"Gone\"=-\n"
                               "\"Never\"=-\n"
                               "\"Wrapped\"=hex:01,\\\n"
                               "      02,  03 ,\\\n"
                               "  04\n"
                               "[-HKLM\\SOFTWARE\\DoesNotExist]\n"
                               "[HKEY_USERS\\.Default\\X]\n"
                               "@=\"\"\n";
    const char *in = tmp_path("variants.reg");
    KEY_VALUE_PARTIAL_INFORMATION *pi;
    HANDLE h;

    write_file(in, file, sizeof(file) - 1);
    ok_status(drvhost_reg_import(in), STATUS_SUCCESS);
    h = open_abs(L"\\Registry\\Machine\\Software\\Variants\\Deep");
    ok(h != NULL, "key\n");
    ok_status(get(h, L"Spaced", &pi), STATUS_SUCCESS);
    ok(pi->Data[0] == 1 && pi->DataLength == 4, "dword:1\n");
    ok_status(get(h, L"Gone", &pi), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(get(h, L"Wrapped", &pi), STATUS_SUCCESS);
    ok(pi->DataLength == 4 && pi->Data[3] == 4, "continued hex: %lu bytes\n",
       (unsigned long)pi->DataLength);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    h = open_abs(L"\\Registry\\User\\.Default\\X");
    ok(h != NULL, "HKEY_USERS key\n");
    ok_status(get(h, L"", &pi), STATUS_SUCCESS);
    ok(pi->Type == REG_SZ && pi->DataLength == 2, "empty string is its terminator\n");
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(drvhost_reg_import(tmp_path("missing.reg")), STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST(malformed_file_changes_nothing)
{
    static const char file[] = "Windows Registry Editor Version 5.00\n"
                               "[HKLM\\SOFTWARE\\Half]\n"
                               "\"ok\"=dword:00000001\n"
                               "\"bad\"=dword:123456789\n";
    const char *in = tmp_path("bad.reg");
    char *text;
    char expect[256];

    write_file(in, file, sizeof(file) - 1);
    harness_stderr_begin();
    ok_status(drvhost_reg_import(in), STATUS_DATA_ERROR);
    text = harness_stderr_end();
    snprintf(expect, sizeof(expect), "%s:4: error: bad dword", in);
    ok(strncmp(text, expect, strlen(expect)) == 0, "message: %s\n", text);
    free(text);
    ok(open_abs(L"\\Registry\\Machine\\Software\\Half") == NULL, "a malformed file changed the "
                                                                 "registry\n");
}
