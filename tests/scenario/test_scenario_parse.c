/*
 * test_scenario_parse.c - the scenario parser (src/host/scenario_parse*.c), without the runtime.
 *
 * The parser source is compiled into this test directly: its functions are hidden in
 * libdrvhost.so. Errors are captured in a memory stream and compared as FILE:LINE:COL text.
 */
#include "harness.h"

#include "host/scenario.h"

#include <drvhost/drvhost.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATUS_PENDING_V                0x103
#define STATUS_CANCELLED_V              ((int32_t)0xC0000120)
#define STATUS_INVALID_DEVICE_REQUEST_V ((int32_t)0xC0000010)

/* Parses text as "t.scn"; *errors receives the error text (free it). */
static int parse(const char *text, struct scn_script **s, char **errors)
{
    size_t size = 0;
    FILE *err = open_memstream(errors, &size);
    int rc = scn_parse(text, strlen(text), "t.scn", s, err);
    fclose(err);
    return rc;
}

static struct scn_script *parse_ok(const char *text)
{
    struct scn_script *s = NULL;
    char *errors = NULL;
    int rc = parse(text, &s, &errors);
    ok(rc == 0 && s, "parses: %s (errors: %s)", text, errors);
    ok(errors && errors[0] == 0, "no error text for: %s", text);
    free(errors);
    return s;
}

/* The scenario must be rejected with an error starting with want. */
static void parse_bad(const char *text, const char *want)
{
    struct scn_script *s = (struct scn_script *)1;
    char *errors = NULL;
    int rc = parse(text, &s, &errors);
    ok(rc == -1 && s == NULL, "rejected: %s", text);
    ok(errors && strncmp(errors, want, strlen(want)) == 0, "error for [%s]: want [%s] got [%s]",
       text, want, errors ? errors : "");
    free(errors);
}

static int bytes_eq(struct scn_bytes b, const void *want, size_t size)
{
    return b.size == size && memcmp(b.data, want, size) == 0 && b.data[size] == 0;
}

#define OPEN "open h \\\\.\\Echo\n"

TEST(scenario_setup_commands)
{
    struct scn_script *s = parse_ok("# comment line\n"
                                    "\n"
                                    "service echo drivers/echo.sys   # trailing comment\n"
                                    "service abs /opt/x.sys expect=STATUS_OBJECT_NAME_NOT_FOUND\n"
                                    "load echo\n"
                                    "unload echo expect=STATUS_INVALID_DEVICE_REQUEST\n"
                                    "load echo expect=any\n");
    if (!s)
        return;
    ok(s->count == 5, "5 commands, got %zu", s->count);
    ok(s->cmds[0].kind == SCN_SERVICE && s->cmds[0].line == 3, "service on line 3");
    ok(strcmp(s->cmds[0].name, "echo") == 0, "service name");
    ok(strcmp(s->cmds[0].str, "drivers/echo.sys") == 0, "relative image (no dir in filename)");
    ok(strcmp(s->cmds[0].text, "service echo drivers/echo.sys") == 0, "text without comment: %s",
       s->cmds[0].text);
    ok(s->cmds[0].check_status && s->cmds[0].status == 0, "default expect success");
    ok(strcmp(s->cmds[1].str, "/opt/x.sys") == 0, "absolute image");
    ok(s->cmds[1].status == (int32_t)0xC0000034, "expect status name");
    ok(s->cmds[2].kind == SCN_LOAD && s->cmds[3].kind == SCN_UNLOAD, "load, unload");
    ok(s->cmds[3].status == STATUS_INVALID_DEVICE_REQUEST_V, "unload expect");
    ok(!s->cmds[4].check_status, "expect=any");
    scn_script_free(s);
}

TEST(scenario_image_relative_to_scenario)
{
    struct scn_script *s = NULL;
    char *errors = NULL;
    const char *text = "service a a.sys\nservice b sub/b.sys\n";
    size_t size = 0;
    FILE *err = open_memstream(&errors, &size);
    int rc = scn_parse(text, strlen(text), "tests/x/t.scn", &s, err);
    fclose(err);
    ok(rc == 0, "parses");
    if (rc == 0) {
        /* IMAGE is kept as written; the runner looks it up in the scenario's folder. */
        ok(strcmp(s->cmds[0].str, "a.sys") == 0, "got %s", s->cmds[0].str);
        ok(strcmp(s->cmds[1].str, "sub/b.sys") == 0, "got %s", s->cmds[1].str);
        ok(strcmp(s->dir, "tests/x") == 0, "dir %s", s->dir);
        ok(strcmp(s->filename, "tests/x/t.scn") == 0, "filename kept");
    }
    scn_script_free(s);
    free(errors);
}

/* A scenario named without a folder is in "."; one in "/" is in "/". */
TEST(scenario_dir_of_bare_and_root_names)
{
    static const char *const names[][2] = {{"t.scn", "."}, {"/t.scn", "/"}, {"a/b/t.scn", "a/b"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        struct scn_script *s = NULL;
        int rc = scn_parse("echo x\n", 7, names[i][0], &s, stderr);
        ok(rc == 0 && strcmp(s->dir, names[i][1]) == 0, "%s: dir %s", names[i][0],
           rc == 0 ? s->dir : "?");
        scn_script_free(s);
    }
}

TEST(scenario_reg_set)
{
    static const uint8_t dword[] = {0x78, 0x56, 0x34, 0x12};
    static const uint8_t qword[] = {5, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t sz[] = {'h', 0, 'i', 0, 0, 0};
    static const uint8_t multi[] = {'a', 0, 0, 0, 'b', 0, ' ', 0, 'c', 0, 0, 0, 0, 0};
    static const uint8_t bin[] = {1, 2, 0xff};
    struct scn_script *s =
        parse_ok("reg set HKLM\\SYSTEM\\CurrentControlSet\\Services\\echo\\Parameters Count "
                 "REG_DWORD 0x12345678\n"
                 "reg set \\Registry\\Machine\\Software\\X Big REG_QWORD 5\n"
                 "reg set HKEY_LOCAL_MACHINE\\Software\\X @ REG_SZ hi\n"
                 "reg set HKLM\\Software\\X \"\" REG_EXPAND_SZ \"hi\"\n"
                 "reg set HKLM\\Software\\X List REG_MULTI_SZ a \"b c\"\n"
                 "reg set HKLM\\Software\\X Bin REG_BINARY hex:0102ff expect=any\n"
                 "reg set HKLM\\Software\\X Empty REG_MULTI_SZ\n"
                 "reg set \"HKLM\\\\Software\\\\Y\" \"my value\" REG_DWORD 10\n");
    if (!s)
        return;
    ok(s->count == 8, "8 commands");
    ok(s->cmds[0].kind == SCN_REG_SET && s->cmds[0].reg_type == DRVHOST_REG_DWORD, "dword type");
    ok(strcmp(s->cmds[0].str, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\echo\\Parameters") == 0,
       "key passed through: %s", s->cmds[0].str);
    ok(strcmp(s->cmds[0].value_name, "Count") == 0, "value name");
    ok(bytes_eq(s->cmds[0].data, dword, sizeof dword), "dword bytes");
    ok(s->cmds[1].reg_type == DRVHOST_REG_QWORD && bytes_eq(s->cmds[1].data, qword, 8), "qword");
    ok(strcmp(s->cmds[2].value_name, "") == 0, "@ is the default value");
    ok(s->cmds[2].reg_type == DRVHOST_REG_SZ && bytes_eq(s->cmds[2].data, sz, sizeof sz), "sz");
    ok(strcmp(s->cmds[3].value_name, "") == 0, "\"\" is the default value");
    ok(s->cmds[3].reg_type == DRVHOST_REG_EXPAND_SZ && bytes_eq(s->cmds[3].data, sz, sizeof sz),
       "expand sz");
    ok(s->cmds[4].reg_type == DRVHOST_REG_MULTI_SZ &&
           bytes_eq(s->cmds[4].data, multi, sizeof multi),
       "multi sz (%zu bytes)", s->cmds[4].data.size);
    ok(s->cmds[5].reg_type == DRVHOST_REG_BINARY && bytes_eq(s->cmds[5].data, bin, 3), "binary");
    ok(!s->cmds[5].check_status, "reg set expect=any");
    ok(bytes_eq(s->cmds[6].data, "\0", 2), "empty multi sz is one terminator");
    ok(strcmp(s->cmds[7].str, "HKLM\\Software\\Y") == 0, "quoted key with escapes");
    ok(strcmp(s->cmds[7].value_name, "my value") == 0, "quoted value name");
    scn_script_free(s);
}

TEST(scenario_open_close_io)
{
    struct scn_script *s =
        parse_ok("open h \\\\.\\Echo\n"
                 "open r \\Device\\Echo access=read\n"
                 "open w \\Device\\Echo\\sub access=write expect=STATUS_SUCCESS\n"
                 "open x \\Device\\Echo access=0x120089\n"
                 "ioctl h 0x222003 in=hex:0a0b out=64 expect-info=2 expect-out=hex:0a0b\n"
                 "ioctl h 2236419 internal\n"
                 "read r 16 offset=512 expect-out=\"abc\"\n"
                 "write w \"hello\" offset=-1 expect-info=5\n"
                 "ioctl h 0x222003 expect-out=zero:4\n"
                 "close h\n"
                 "close r expect=any\n"
                 "open h \\\\.\\Echo\n");
    if (!s)
        return;
    ok(s->count == 12, "12 commands");
    ok(s->handle_count == 4, "4 handle names, got %zu", s->handle_count);
    ok(strcmp(s->handle_names[0], "h") == 0 && strcmp(s->handle_names[3], "x") == 0, "names");
    ok(s->cmds[0].kind == SCN_OPEN && strcmp(s->cmds[0].str, "\\\\.\\Echo") == 0, "open path %s",
       s->cmds[0].str);
    ok(s->cmds[0].access == 0xC0000000u && s->cmds[0].handle == 0, "default access rw");
    ok(s->cmds[1].access == 0x80000000u && s->cmds[1].handle == 1, "access=read");
    ok(s->cmds[2].access == 0x40000000u, "access=write");
    ok(s->cmds[3].access == 0x120089u, "access hex");
    ok(s->cmds[4].kind == SCN_IOCTL && s->cmds[4].code == 0x222003 && !s->cmds[4].internal,
       "ioctl");
    ok(bytes_eq(s->cmds[4].data, "\x0a\x0b", 2) && s->cmds[4].out_size == 64, "in, out");
    ok(s->cmds[4].check_info && s->cmds[4].info == 2, "expect-info");
    ok(s->cmds[4].check_out && bytes_eq(s->cmds[4].out, "\x0a\x0b", 2), "expect-out");
    ok(s->cmds[4].check_status && s->cmds[4].status == 0 && !s->cmds[4].async, "sync default");
    ok(s->cmds[5].code == 2236419 && s->cmds[5].internal && s->cmds[5].out_size == 0, "internal");
    ok(s->cmds[6].kind == SCN_READ && s->cmds[6].out_size == 16 && s->cmds[6].offset == 512,
       "read");
    ok(bytes_eq(s->cmds[6].out, "abc", 3), "read expect-out string");
    ok(s->cmds[7].kind == SCN_WRITE && bytes_eq(s->cmds[7].data, "hello", 5), "write data");
    ok(s->cmds[7].offset == -1 && s->cmds[7].handle == 2, "write offset -1");
    ok(s->cmds[8].out_size == 4, "ioctl out defaults to the expect-out size");
    ok(s->cmds[9].kind == SCN_CLOSE && s->cmds[9].handle == 0 && s->cmds[9].check_status, "close");
    ok(s->cmds[11].handle == 0, "reopen after close reuses the slot");
    scn_script_free(s);
}

/* out-init=: the output buffer's first bytes before the call (a program filling its buffer, as
 * HidD_GetFeature puts the report ID in byte 0); the buffer is at least that large. */
TEST(scenario_ioctl_out_init)
{
    struct scn_script *s = parse_ok(OPEN "ioctl h 1 out-init=hex:02 out=4\n"
                                         "ioctl h 1 out-init=hex:0203\n"
                                         "ioctl h 1 out-init=hex:02 expect-out=hex:020304\n");
    if (!s)
        return;
    ok(bytes_eq(s->cmds[1].out_init, "\x02", 1) && s->cmds[1].out_size == 4, "out-init, out");
    ok(s->cmds[2].out_size == 2, "the buffer defaults to the out-init size");
    ok(s->cmds[3].out_size == 3, "or to the expect-out size when larger");
    ok(s->cmds[1].data.size == 0, "out-init is not the input");
    scn_script_free(s);
    parse_bad(OPEN "ioctl h 1 out-init=hex:0203 out=1\n",
              "t.scn:2:1: error: out-init= holds 2 bytes, more than the output buffer (out=1)");
    parse_bad(OPEN "read h 4 out-init=hex:02\n",
              "t.scn:2:10: error: option 'out-init' does not apply to read");
}

TEST(scenario_async_wait_cancel)
{
    struct scn_script *s =
        parse_ok(OPEN "ioctl h 0x222007 out=8 async=t1 expect=STATUS_PENDING\n"
                      "read h 4 async=t2\n"
                      "cancel t1 expect-cancelled=yes\n"
                      "cancel t2\n"
                      "wait t1 expect=STATUS_CANCELLED expect-info=0 timeout=500\n"
                      "wait t2 expect-out=hex:01020304\n"
                      "sleep 25\n");
    if (!s)
        return;
    ok(s->count == 8 && s->tag_count == 2, "8 commands, 2 tags");
    ok(s->cmds[1].async && s->cmds[1].tag == 0 && s->cmds[1].status == STATUS_PENDING_V, "async");
    ok(!s->cmds[2].check_status && s->cmds[2].async && s->cmds[2].tag == 1,
       "async default: no status check");
    ok(s->cmds[3].kind == SCN_CANCEL && s->cmds[3].expect_cancelled == 1, "cancel yes");
    ok(s->cmds[4].expect_cancelled == -1 && !s->cmds[4].check_status, "cancel without check");
    ok(s->cmds[5].kind == SCN_WAIT && s->cmds[5].tag == 0 && s->cmds[5].ms == 500, "wait timeout");
    ok(s->cmds[5].status == STATUS_CANCELLED_V && s->cmds[5].check_info, "wait expectations");
    ok(s->cmds[6].ms == SCN_DEFAULT_TIMEOUT_MS && s->cmds[6].check_status && s->cmds[6].status == 0,
       "wait defaults: success, 10 s");
    ok(s->cmds[6].check_out && s->cmds[6].out.size == 4, "wait expect-out");
    ok(s->cmds[7].kind == SCN_SLEEP && s->cmds[7].ms == 25, "sleep");
    ok(strcmp(s->tag_names[1], "t2") == 0, "tag names");
    scn_script_free(s);
}

TEST(scenario_echo_define_bugcheck)
{
    struct scn_script *s = parse_ok(
        "define IOCTL_ECHO CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)\n"
        "define IOCTL_NEITHER CTL_CODE( 0x22 , 0x801 , METHOD_NEITHER , FILE_READ_DATA )\n"
        "define SIZE 64\n"
        "define MY_STATUS 0xC0000001\n"
        "define ALIAS IOCTL_ECHO\n" OPEN "ioctl h IOCTL_ECHO out=SIZE expect=MY_STATUS\n"
        "ioctl h CTL_CODE(0x22,0x802,METHOD_OUT_DIRECT,FILE_WRITE_ACCESS)\n"
        "ioctl h IOCTL_NEITHER\n"
        "ioctl h ALIAS\n"
        "echo hello   \"big  world\" #x\n"
        "echo\n"
        "expect-bugcheck 0x44 address\n"
        "echo (unbalanced :-( )\n");
    if (!s)
        return;
    ok(s->count == 9, "define is not a command: %zu", s->count);
    ok(strcmp(s->cmds[8].str, "(unbalanced :-( )") == 0, "parentheses outside CTL_CODE");
    ok(s->cmds[1].code == 0x222000 && s->cmds[1].out_size == 64, "CTL_CODE via define");
    ok(s->cmds[1].status == (int32_t)0xC0000001, "status via define");
    ok(s->cmds[2].code == (0x22u << 16 | 2u << 14 | 0x802u << 2 | 2u), "inline CTL_CODE 0x%X",
       s->cmds[2].code);
    ok(s->cmds[3].code == (0x22u << 16 | 1u << 14 | 0x801u << 2 | 3u), "spaces in CTL_CODE");
    ok(s->cmds[4].code == 0x222000, "define of a define");
    ok(s->cmds[5].kind == SCN_ECHO && strcmp(s->cmds[5].str, "hello big  world") == 0,
       "echo text [%s]", s->cmds[5].str);
    ok(strcmp(s->cmds[6].str, "") == 0, "empty echo");
    ok(s->cmds[7].kind == SCN_EXPECT_BUGCHECK && s->cmds[7].code == 0x44 && s->cmds[7].p1_address,
       "expect-bugcheck");
    scn_script_free(s);
}

TEST(scenario_expect_bugcheck_p1)
{
    struct scn_script *s = parse_ok("expect-bugcheck 0xC9 0x226\n");
    if (!s)
        return;
    ok(s->cmds[0].code == 0xC9 && s->cmds[0].p1 == 0x226 && !s->cmds[0].p1_address,
       "code 0x%X, p1 0x%llX", s->cmds[0].code, (unsigned long long)s->cmds[0].p1);
    ok(!s->cmds[0].at_end, "a plain expectation is for the steps");
    scn_script_free(s);
}

/* at-end: the expected bug check comes from the end of the run; a flag of expect-bugcheck only. */
TEST(scenario_expect_bugcheck_at_end)
{
    struct scn_script *s = parse_ok("expect-bugcheck 0x44 address at-end\n");
    if (!s)
        return;
    ok(s->cmds[0].kind == SCN_EXPECT_BUGCHECK && s->cmds[0].code == 0x44 && s->cmds[0].p1_address &&
           s->cmds[0].at_end,
       "expect-bugcheck at-end");
    ok(strcmp(s->cmds[0].text, "expect-bugcheck 0x44 address at-end") == 0, "text [%s]",
       s->cmds[0].text);
    scn_script_free(s);
    parse_bad("expect-bugcheck 0x44 address at-end=yes\n",
              "t.scn:1:30: error: option 'at-end' takes no value");
    parse_bad("expect-bugcheck 0x44 address at-end at-end\n",
              "t.scn:1:37: error: duplicate option 'at-end'");
    parse_bad("expect-bugcheck 0x44 at-end\n", "t.scn:1:22: error: missing argument P1");
    parse_bad(OPEN "ioctl h 1 at-end\n",
              "t.scn:2:11: error: option 'at-end' does not apply to ioctl");
}

TEST(scenario_data_forms)
{
    static const uint8_t utf16[] = {'A', 0, 0xE9, 0, 0x3D, 0xD8, 0x00, 0xDE};
    struct scn_script *s = parse_ok(OPEN "write h hex:\n"
                                         "write h hex:00FFaB\n"
                                         "write h \"q\\\"\\\\\\n\\t\\x41#\"\n"
                                         "write h utf16:\"A\xC3\xA9\xF0\x9F\x98\x80\"\n"
                                         "write h utf16:bare\n"
                                         "write h zero:3\n"
                                         "write h repeat:3:cc\n"
                                         "write h \"\"\n");
    if (!s)
        return;
    ok(s->count == 9, "9 commands");
    ok(s->cmds[1].data.size == 0, "empty hex");
    ok(bytes_eq(s->cmds[2].data, "\x00\xff\xab", 3), "hex digits, both cases");
    ok(bytes_eq(s->cmds[3].data, "q\"\\\n\tA#", 7), "escapes and # inside quotes");
    ok(bytes_eq(s->cmds[4].data, utf16, sizeof utf16), "utf16 with a surrogate pair");
    ok(bytes_eq(s->cmds[5].data, "b\0a\0r\0e\0", 8), "utf16 bare word");
    ok(bytes_eq(s->cmds[6].data, "\0\0\0", 3), "zero:3");
    ok(bytes_eq(s->cmds[7].data, "\xcc\xcc\xcc", 3), "repeat");
    ok(s->cmds[8].data.size == 0, "empty string");
    scn_script_free(s);
}

TEST(scenario_crlf_and_tabs)
{
    struct scn_script *s = parse_ok("load\tdrv\r\n\r\n  unload drv  \r\n");
    if (!s)
        return;
    ok(s->count == 2 && strcmp(s->cmds[0].name, "drv") == 0, "tabs and CRLF");
    ok(strcmp(s->cmds[1].text, "unload drv") == 0 && s->cmds[1].line == 3, "text trimmed");
    scn_script_free(s);
}

TEST(scenario_malformed)
{
    parse_bad("load a\nopne h \\\\.\\X\n", "t.scn:2:1: error: unknown command 'opne'");
    parse_bad("service echo\n", "t.scn:1:13: error: missing argument IMAGE");
    parse_bad("load\n", "t.scn:1:5: error: missing argument NAME");
    parse_bad(OPEN "ioctl h expect=STATUS_SUCCESS\n", "t.scn:2:9: error: missing argument CODE");
    parse_bad(OPEN "write h hex:0g\n", "t.scn:2:14: error: bad hex digit 'g'");
    parse_bad(OPEN "write h hex:abc\n", "t.scn:2:13: error: odd number of hex digits");
    parse_bad(OPEN "write h \"abc\n", "t.scn:2:9: error: unterminated string");
    parse_bad(OPEN "write h \"a\\qb\"\n", "t.scn:2:11: error: unknown escape '\\q'");
    parse_bad(OPEN "write h \"\\x4\"\n", "t.scn:2:10: error: bad hex digit in \\x escape");
    parse_bad(OPEN "ioctl h 1 expect-cancelled=yes\n",
              "t.scn:2:11: error: option 'expect-cancelled' does not apply to ioctl");
    parse_bad(OPEN "ioctl h 1 timeout=0\n", "t.scn:2:19: error: timeout must be at least 1 ms");
    parse_bad(OPEN "cancel t timeout=5\n",
              "t.scn:2:10: error: option 'timeout' does not apply to cancel");
    parse_bad(OPEN "ioctl h 1 bogus=5\n", "t.scn:2:11: error: unknown option 'bogus'");
    parse_bad(OPEN "ioctl h 1 extra\n", "t.scn:2:11: error: unexpected argument 'extra'");
    parse_bad(OPEN "ioctl h 1 out=1 out=2\n", "t.scn:2:17: error: duplicate option 'out'");
    parse_bad(OPEN "ioctl h 1 expect=STATUS_NOPE\n",
              "t.scn:2:18: error: unknown status 'STATUS_NOPE'");
    parse_bad("ioctl h 0x222003\n", "t.scn:1:7: error: undefined handle 'h'");
    parse_bad(OPEN "close h\nread h 4\n", "t.scn:3:6: error: handle 'h' is not open");
    parse_bad(OPEN OPEN, "t.scn:2:6: error: handle 'h' is already open (line 1)");
    parse_bad("open h \\Device\\X expect=STATUS_OBJECT_NAME_NOT_FOUND\nclose h\n",
              "t.scn:2:7: error: handle 'h' is not open");
    parse_bad(OPEN "read h 1 async=t\nread h 1 async=t\n",
              "t.scn:3:16: error: duplicate async tag 't' (first used on line 2)");
    parse_bad("wait t\n", "t.scn:1:6: error: unknown async tag 't'");
    parse_bad(OPEN "read h 1 async=t\nwait t\ncancel t\n",
              "t.scn:4:8: error: request 't' was already waited for on line 3");
    parse_bad(OPEN "read h 1 async=t expect-out=\"a\"\n",
              "t.scn:2:1: error: expect-out and expect-info of an async request");
    parse_bad(OPEN "ioctl h CTL_CODE(1, 2, 3)\n", "t.scn:2:9: error: CTL_CODE takes 4 arguments");
    parse_bad(OPEN "ioctl h CTL_CODE(0x22, 0x1000, 0, 0)\n",
              "t.scn:2:24: error: CTL_CODE Function 0x1000 is larger than 0xFFF");
    parse_bad(OPEN "ioctl h CTL_CODE(0x22, 1, 0, 0\n", "t.scn:2:17: error: missing ')'");
    parse_bad(OPEN "ioctl h IOCTL_X\n", "t.scn:2:9: error: undefined name 'IOCTL_X'");
    parse_bad(OPEN "ioctl h 0x12z\n", "t.scn:2:13: error: bad hex digit 'z' in number '0x12z'");
    parse_bad(OPEN "ioctl h 0x100000000\n",
              "t.scn:2:9: error: control code 0x100000000 does not fit");
    parse_bad("define A 1\ndefine A 2\n", "t.scn:2:8: error: 'A' is already defined");
    parse_bad("define METHOD_NEITHER 2\n", "t.scn:1:8: error: 'METHOD_NEITHER' is already defined");
    parse_bad("define A\n", "t.scn:1:9: error: missing argument VALUE");
    parse_bad(OPEN "write h abc\n", "t.scn:2:9: error: bad DATA 'abc'");
    parse_bad(OPEN "write h zero:99999999999\n", "t.scn:2:14: error: size 99999999999 is larger");
    parse_bad(OPEN "write h repeat:3:ccc\n", "t.scn:2:18: error: odd number of hex digits");
    parse_bad(OPEN "write h utf16:\"\xC3\"\n", "t.scn:2:15: error: invalid UTF-8");
    parse_bad("reg set HKLM\\X v REG_DWORD 0x100000000\n",
              "t.scn:1:28: error: REG_DWORD value 0x100000000 does not fit in 32 bits");
    parse_bad("reg set HKLM\\X v REG_FOO 1\n",
              "t.scn:1:18: error: unknown registry type 'REG_FOO'");
    parse_bad("reg set HKLM\\X v REG_SZ\n", "t.scn:1:24: error: missing argument DATA");
    parse_bad("reg get HKLM\\X v\n", "t.scn:1:5: error: unknown reg subcommand 'get'");
    parse_bad(OPEN "cancel t\n", "t.scn:2:8: error: unknown async tag 't'");
    parse_bad(OPEN "read h 1 async=t\ncancel t expect-cancelled=maybe\n",
              "t.scn:3:27: error: expected yes or no, got 'maybe'");
    parse_bad("sleep 1 2\n", "t.scn:1:9: error: unexpected argument '2'");
    parse_bad("settle 5\n", "t.scn:1:8: error: unexpected argument '5'");
    parse_bad("expect-bugcheck 0x44 address\nexpect-bugcheck 0x44 address\n",
              "t.scn:2:17: error: duplicate expect-bugcheck (first on line 1)");
    /* Parameter 1 cannot be left out: a code alone would pass on any crash with that code. */
    parse_bad("expect-bugcheck 0x1E\n", "t.scn:1:21: error: missing argument P1");
    parse_bad("expect-bugcheck 0xC9 somewhere\n", "t.scn:1:22: error: undefined name 'somewhere'");
    parse_bad(OPEN "ioctl h 1 internal=1\n", "t.scn:2:11: error: option 'internal' takes no value");
    parse_bad(OPEN "ioctl h 1 out=\n", "t.scn:2:15: error: missing value for option 'out'");
    parse_bad("open 9h \\Device\\X\n", "t.scn:1:6: error: bad handle name '9h'");
    parse_bad("load a\"b\"\n", "t.scn:1:7: error: unexpected '\"' inside a bare word");
    parse_bad("load \"a\"b\n", "t.scn:1:9: error: unexpected text after a string");
    parse_bad("load \"a\\x00\"\n", "t.scn:1:6: error: service name contains a NUL byte");
    parse_bad(OPEN "wait\n", "t.scn:2:5: error: missing argument TAG");
}

/* Every error is reported (the lines with errors are skipped), up to the limit. */
TEST(scenario_all_errors_reported)
{
    struct scn_script *s = NULL;
    char *errors = NULL, *p;
    int lines = 0;
    ok(parse("opne\nload a\nclsoe h\nread\n", &s, &errors) == -1, "rejected");
    for (p = errors; p && (p = strchr(p, '\n')); p++)
        lines++;
    ok(lines == 3, "3 errors, got %d: %s", lines, errors);
    ok(errors && strstr(errors, "t.scn:3:1: error: unknown command 'clsoe'"), "second error");
    free(errors);
    char many[400] = "";
    for (int i = 0; i < 30; i++)
        strcat(many, "bogus\n");
    ok(parse(many, &s, &errors) == -1, "rejected");
    lines = 0;
    for (p = errors; p && (p = strchr(p, '\n')); p++)
        lines++;
    ok(lines == SCN_MAX_ERRORS + 1, "stops after %d errors, got %d lines", SCN_MAX_ERRORS, lines);
    ok(errors && strstr(errors, "t.scn: too many errors, stopping"), "says so");
    free(errors);
}

TEST(scenario_nul_byte_and_empty)
{
    struct scn_script *s = NULL;
    char *errors = NULL;
    size_t size = 0;
    FILE *err = open_memstream(&errors, &size);
    ok(scn_parse("load a\0b\n", 9, "t.scn", &s, err) == -1, "NUL rejected");
    fclose(err);
    ok(errors && strncmp(errors, "t.scn:1:7: error: NUL byte", 26) == 0, "got %s", errors);
    free(errors);
    s = parse_ok("");
    ok(s && s->count == 0, "empty scenario is valid");
    scn_script_free(s);
    s = parse_ok("load a");
    ok(s && s->count == 1, "no final newline");
    scn_script_free(s);
}

/* Each malformed/NAME.scn names its one error on its first line:
 * "# expect-error: LINE:COL: error: TEXT"; the parser must print exactly FILE:LINE:COL: ... */
static void check_malformed_file(const char *dir, const char *name)
{
    char path[1024], *text = NULL, *errors = NULL, want[1200];
    size_t len = 0, size = 0;
    struct scn_script *s = NULL;
    FILE *f, *err;
    if (!ok(snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path,
            "path too long: %s/%s", dir, name))
        return;
    f = fopen(path, "rb");
    ok(f != NULL, "open %s", path);
    if (!f)
        return;
    err = open_memstream(&text, &len);
    for (int ch; (ch = fgetc(f)) != EOF;)
        fputc(ch, err);
    fclose(f);
    fclose(err);
    ok(strncmp(text, "# expect-error: ", 16) == 0, "%s states its error", name);
    snprintf(want, sizeof want, "%s:%.*s", path, (int)strcspn(text + 16, "\n") + 1, text + 16);
    err = open_memstream(&errors, &size);
    ok(scn_parse(text, len, path, &s, err) == -1, "%s rejected", name);
    fclose(err);
    ok(errors && strcmp(errors, want) == 0, "%s: want [%s] got [%s]", name, want, errors);
    free(errors);
    free(text);
}

TEST(scenario_malformed_files)
{
    char dir[1024];
    const char *slash = strrchr(__FILE__, '/');
    int n = 0;
    DIR *d;
    snprintf(dir, sizeof dir, "%.*smalformed", slash ? (int)(slash - __FILE__ + 1) : 0, __FILE__);
    d = opendir(dir);
    ok(d != NULL, "open directory %s", dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".scn") == 0) {
            check_malformed_file(dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    ok(n >= 10, "found the malformed scenarios (%d)", n);
}

TEST(reg_import_resolves_its_file_like_an_image)
{
    struct scn_script *s = parse_ok("reg import params.reg\n"
                                    "reg import /abs/other.reg expect=STATUS_DATA_ERROR\n");
    if (!s)
        return;
    ok(s->count == 2 && s->cmds[0].kind == SCN_REG_IMPORT, "reg import parsed");
    ok(strstr(s->cmds[0].str, "params.reg") != NULL, "file: %s", s->cmds[0].str);
    ok(strcmp(s->cmds[1].str, "/abs/other.reg") == 0, "absolute path kept: %s", s->cmds[1].str);
    scn_script_free(s);
    parse_bad("reg import\n", "t.scn:1:11: error: missing argument FILE");
    parse_bad("reg export x.reg\n", "t.scn:1:5: error: unknown reg subcommand 'export'");
}

/* offset= takes the whole LARGE_INTEGER range, INT64_MIN included, and nothing beyond it. */
TEST(scenario_offset_full_signed_range)
{
    struct scn_script *s = parse_ok(OPEN "read h 1 offset=-9223372036854775808\n"
                                         "read h 1 offset=9223372036854775807\n");
    if (s) {
        ok(s->cmds[1].offset == INT64_MIN, "offset %lld", (long long)s->cmds[1].offset);
        ok(s->cmds[2].offset == INT64_MAX, "offset %lld", (long long)s->cmds[2].offset);
    }
    scn_script_free(s);
    parse_bad(OPEN "read h 1 offset=9223372036854775808\n",
              "t.scn:2:17: error: offset is outside the signed 64-bit range");
    parse_bad(OPEN "read h 1 offset=-9223372036854775809\n",
              "t.scn:2:17: error: offset is outside the signed 64-bit range");
}

/* CTL_CODE nests (its arguments are numbers), to a bounded depth: 70,000 levels are an error, not
 * a stack overflow. */
TEST(scenario_ctl_code_nesting_is_bounded)
{
    static const char head[] = "CTL_CODE(", tail[] = ",0,0,0)";
    size_t deep = 70000, n = 0;
    char *text = malloc(deep * (sizeof head + sizeof tail) + 64);
    struct scn_script *s;
    s = parse_ok(OPEN "ioctl h CTL_CODE(CTL_CODE(0,0,0,0),1,0,0)\n");
    ok(s && s->cmds[1].code == 4, "nested code 0x%X", s ? s->cmds[1].code : 0);
    scn_script_free(s);
    if (!ok(text != NULL, "memory"))
        return;
    n += (size_t)sprintf(text, OPEN "ioctl h ");
    for (size_t i = 0; i < deep; i++)
        n += (size_t)sprintf(text + n, "%s", head);
    n += (size_t)sprintf(text + n, "0");
    for (size_t i = 0; i < deep; i++)
        n += (size_t)sprintf(text + n, "%s", tail);
    sprintf(text + n, "\n");
    parse_bad(text, "t.scn:2:");
    free(text);
    parse_bad(OPEN
              "ioctl h CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE("
              "CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE(CTL_CODE("
              "0,0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,"
              "0,0),0,0,0),0,0,0),0,0,0),0,0,0),0,0,0)\n",
              "t.scn:2:");
}

/* The PnP commands (docs/scenario.md): their kinds, arguments and defaults. */
TEST(scenario_pnp_commands)
{
    struct scn_script *s =
        parse_ok("install x.inf\n"
                 "device ROOT\\X compatible=A\\B,C\n"
                 "open h {6f1d7e8a-3b5c-4e2f-9a10-2c3d4e5f6a7b} 2\n"
                 "remove ROOT\\X\\0000 expect=STATUS_DEVICE_BUSY\n"
                 "unplug I\ndisable I\nenable I\nrestart I\n"
                 "rescan\nsleep\nsleep 5\nwake expect=any\ntree\nsettle\nclose h\n");
    if (!s)
        return;
    ok(s->count == 15, "count %zu\n", s->count);
    ok(s->cmds[0].kind == SCN_INSTALL && strcmp(s->cmds[0].str, "x.inf") == 0, "install\n");
    ok(s->cmds[0].check_status && s->cmds[0].status == 0, "install expects success\n");
    ok(s->cmds[1].kind == SCN_DEVICE && strcmp(s->cmds[1].name, "ROOT\\X") == 0 &&
           strcmp(s->cmds[1].value_name, "A\\B,C") == 0,
       "device\n");
    ok(s->cmds[2].kind == SCN_OPEN_INTERFACE && s->cmds[2].code == 2 &&
           s->cmds[2].access == 0xC0000000u && s->cmds[2].handle == 0,
       "open {GUID} N\n");
    ok(s->cmds[3].kind == SCN_DEVICE_ACTION && s->cmds[3].code == 0 &&
           s->cmds[3].status == (int32_t)0x80000011,
       "remove\n");
    for (int i = 4; i < 8; i++)
        ok(s->cmds[i].kind == SCN_DEVICE_ACTION && s->cmds[i].code == (uint32_t)(i - 3) &&
               strcmp(s->cmds[i].name, "I") == 0,
           "action %d\n", i);
    ok(s->cmds[8].kind == SCN_RESCAN, "rescan\n");
    ok(s->cmds[9].kind == SCN_SYSTEM_SLEEP && s->cmds[9].check_status, "sleep without MS\n");
    ok(s->cmds[10].kind == SCN_SLEEP && s->cmds[10].ms == 5, "sleep MS\n");
    ok(s->cmds[11].kind == SCN_SYSTEM_WAKE && !s->cmds[11].check_status, "wake expect=any\n");
    ok(s->cmds[12].kind == SCN_TREE && !s->cmds[12].check_status, "tree\n");
    ok(s->cmds[13].kind == SCN_SETTLE, "settle\n");
    scn_script_free(s);
    parse_bad("open h {123}\n", "t.scn:1:8: error: expected an interface class");
    parse_bad("open h \\\\.\\X 2\n", "t.scn:1:14: error: unexpected argument '2'");
    parse_bad("device\n", "t.scn:1:7: error: missing argument HWID");
    parse_bad("remove\n", "t.scn:1:7: error: missing argument INSTANCE");
    parse_bad("tree expect=STATUS_SUCCESS\n", "t.scn:1:6: error: option 'expect' does not apply");
    parse_bad("rescan x\n", "t.scn:1:8: error: unexpected argument 'x'");
}

TEST(scenario_wmi_commands)
{
    static const unsigned char guid[16] = {0x10, 0x3a, 0x8f, 0x6d, 0x01, 0x00, 0x5b, 0x4a,
                                           0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73};
    struct scn_script *s =
        parse_ok("wmi \\Device\\W reginfo-ex expect-guids=3\n"
                 "wmi \\Device\\W query-all {6d8f3a10-0001-4a5b-9c1d-2e3f40516273} out=88 "
                 "expect-too-small=100\n"
                 "wmi \\Device\\W change-item {6D8F3A10-0001-4A5B-9C1D-2E3F40516273} instance=1 "
                 "item=2 in=hex:01\n"
                 "wmi-event \\Device\\W {6d8f3a10-0001-4a5b-9c1d-2e3f40516273} instance=4\n");
    if (!s)
        return;
    ok(s->count == 4, "count %zu\n", s->count);
    ok(s->cmds[0].kind == SCN_WMI && s->cmds[0].code == 0x0b && !s->cmds[0].wmi.has_guid &&
           s->cmds[0].wmi.check_count && s->cmds[0].wmi.count == 3 && s->cmds[0].out_size == 4096 &&
           strcmp(s->cmds[0].str, "\\Device\\W") == 0,
       "reginfo-ex\n");
    ok(s->cmds[1].code == 0 && s->cmds[1].out_size == 88 && s->cmds[1].wmi.check_too_small &&
           s->cmds[1].wmi.too_small == 100 && memcmp(s->cmds[1].wmi.guid, guid, 16) == 0,
       "query-all: the GUID in GUID layout\n");
    ok(s->cmds[2].code == 3 && s->cmds[2].wmi.instance == 1 && s->cmds[2].wmi.id == 2 &&
           s->cmds[2].data.size == 1 && memcmp(s->cmds[2].wmi.guid, guid, 16) == 0,
       "change-item, upper-case GUID\n");
    ok(s->cmds[3].kind == SCN_WMI_EVENT && s->cmds[3].wmi.check_instance &&
           s->cmds[3].wmi.instance == 4 && s->cmds[3].check_status,
       "wmi-event\n");
    scn_script_free(s);
    parse_bad("wmi \\Device\\W query\n", "t.scn:1:15: error: unknown WMI request 'query'");
    parse_bad("wmi \\Device\\W query-all\n", "t.scn:1:24: error: missing argument GUID");
    parse_bad("wmi \\Device\\W query-all {6d8f3a10-0001-4a5b-9c1d-2e3f4051627}\n",
              "t.scn:1:25: error: expected a GUID");
    parse_bad("wmi \\Device\\W query-all {6d8f3a10+0001-4a5b-9c1d-2e3f40516273}\n",
              "t.scn:1:25: error: expected a GUID");
    parse_bad("wmi \\Device\\W reginfo {6d8f3a10-0001-4a5b-9c1d-2e3f40516273}\n",
              "t.scn:1:23: error: unexpected argument");
    parse_bad("wmi-event \\Device\\W {6d8f3a10-0001-4a5b-9c1d-2e3f40516273} item=1\n",
              "t.scn:1:60: error: option 'item' does not apply to wmi-event");
    parse_bad("wmi \\Device\\W\n", "t.scn:1:14: error: missing argument REQUEST");
}

TEST(scenario_power_setting_command)
{
    static const unsigned char guid[16] = {0x10, 0x3a, 0x8f, 0x6d, 0x01, 0x00, 0x5b, 0x4a,
                                           0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73};
    static const unsigned char five[4] = {5, 0, 0, 0};
    struct scn_script *s = parse_ok("power-setting {6d8f3a10-0001-4a5b-9c1d-2e3f40516273} 5\n"
                                    "power-setting {6d8f3a10-0001-4a5b-9c1d-2e3f40516273} hex:0102 "
                                    "expect=STATUS_SUCCESS\n");
    if (!s)
        return;
    ok(s->count == 2, "count %zu\n", s->count);
    ok(s->cmds[0].kind == SCN_POWER_SETTING && memcmp(s->cmds[0].wmi.guid, guid, 16) == 0 &&
           s->cmds[0].data.size == 4 && memcmp(s->cmds[0].data.data, five, 4) == 0,
       "a number is a ULONG\n");
    ok(s->cmds[1].data.size == 2 && s->cmds[1].data.data[1] == 2 && s->cmds[1].check_status,
       "DATA as given\n");
    scn_script_free(s);
    parse_bad("power-setting {6d8f3a10-0001-4a5b-9c1d-2e3f4051627} 5\n",
              "t.scn:1:15: error: expected a GUID");
    parse_bad("power-setting {6d8f3a10-0001-4a5b-9c1d-2e3f40516273}\n",
              "t.scn:1:53: error: missing argument VALUE");
}
