/*
 * scenario_parse_cmd.c - the commands: their options, their table (arguments and the options each
 * takes), their defaults, and one line turned into a struct scn_cmd.
 */
#include "scenario_parse_private.h"
#include "se/se.h"
#include "trace/trace.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- options ----------------------------------------------------------------------------- */

enum {
    O_EXPECT = 1 << 0,
    O_ACCESS = 1 << 1,
    O_IN = 1 << 2,
    O_OUT = 1 << 3,
    O_OFFSET = 1 << 4,
    O_EXPECT_OUT = 1 << 5,
    O_EXPECT_INFO = 1 << 6,
    O_ASYNC = 1 << 7,
    O_INTERNAL = 1 << 8,
    O_TIMEOUT = 1 << 9,
    O_CANCELLED = 1 << 10,
    O_COMPATIBLE = 1 << 11,
    O_INSTANCE = 1 << 12,
    O_ITEM = 1 << 13,
    O_METHOD = 1 << 14,
    O_TOO_SMALL = 1 << 15,
    O_INSTANCES = 1 << 16,
    O_GUIDS = 1 << 17,
    O_HANDLE = 1 << 18,
    O_OUT_INIT = 1 << 19,
    O_DIVISOR = 1 << 20,
    O_LCR = 1 << 21,
    O_AT_END = 1 << 22,
};

/* The options that are a bare word, with no value. */
#define O_FLAGS (O_INTERNAL | O_AT_END)

static const struct {
    const char *name;
    unsigned bit;
} option_names[] = {
    {"expect", O_EXPECT},
    {"access", O_ACCESS},
    {"in", O_IN},
    {"out", O_OUT},
    {"offset", O_OFFSET},
    {"expect-out", O_EXPECT_OUT},
    {"expect-info", O_EXPECT_INFO},
    {"async", O_ASYNC},
    {"internal", O_INTERNAL},
    {"timeout", O_TIMEOUT},
    {"expect-cancelled", O_CANCELLED},
    {"compatible", O_COMPATIBLE},
    {"instance", O_INSTANCE},
    {"item", O_ITEM},
    {"method", O_METHOD},
    {"expect-too-small", O_TOO_SMALL},
    {"expect-instances", O_INSTANCES},
    {"expect-guids", O_GUIDS},
    {"handle", O_HANDLE},
    {"out-init", O_OUT_INIT},
    {"expect-divisor", O_DIVISOR},
    {"expect-lcr", O_LCR},
    {"at-end", O_AT_END},
};

/* The option a token names by its key (the text before '='), 0 if none; *eq: it has a '='. */
static unsigned option_bit(struct tok t, struct tok *key, struct tok *value, int *eq)
{
    const char *p = memchr(t.s, '=', t.n);
    *key = t;
    *eq = p != NULL;
    if (p)
        key->n = (size_t)(p - t.s);
    *value = p ? scnp_tok_sub(t, key->n + 1) : scnp_tok_sub(t, t.n);
    for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++)
        if (scnp_tok_is(*key, option_names[i].name))
            return option_names[i].bit;
    return 0;
}

/* Does the token read as an option ("key=value" with a known key, or a flag: "internal",
 * "at-end")? */
static int is_option(struct tok t)
{
    struct tok key, value;
    int eq;
    unsigned bit = option_bit(t, &key, &value, &eq);
    return bit && eq == !(bit & O_FLAGS);
}

/* The whole signed 64-bit range of LARGE_INTEGER ByteOffset, INT64_MIN included. */
static int parse_offset(struct pctx *c, struct tok v, int64_t *out)
{
    int neg = v.n > 0 && v.s[0] == '-';
    uint64_t u = 0;
    if (scnp_parse_number(c, neg ? scnp_tok_sub(v, 1) : v, &u) < 0)
        return -1;
    if (u > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
        return scnp_perr(c, v.col, "offset is outside the signed 64-bit range");
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return 0;
}

static int parse_access(struct pctx *c, struct tok v, uint32_t *out)
{
    if (scnp_tok_is(v, "read"))
        *out = 0x80000000u;
    else if (scnp_tok_is(v, "write"))
        *out = 0x40000000u;
    else if (scnp_tok_is(v, "rw"))
        *out = 0xC0000000u;
    else
        return scnp_parse_u32(c, v, "access", out);
    return 0;
}

static int parse_yes_no(struct pctx *c, struct tok v, int *out)
{
    if (scnp_tok_is(v, "yes") || scnp_tok_is(v, "1") || scnp_tok_is(v, "true"))
        *out = 1;
    else if (scnp_tok_is(v, "no") || scnp_tok_is(v, "0") || scnp_tok_is(v, "false"))
        *out = 0;
    else
        return scnp_perr(c, v.col, "expected yes or no, got '%.*s'", (int)v.n, v.s);
    return 0;
}

/* handle=E@OFFSET: event E's handle goes into the input at byte OFFSET (checked against the
 * input's size once the input is known: check_handle_room). */
static int parse_handle_option(struct pctx *c, struct tok v, struct scn_cmd *cmd)
{
    const char *at = memchr(v.s, '@', v.n);
    struct tok name = v;
    if (!at)
        return scnp_perr(c, v.col, "expected handle=EVENT@OFFSET, got '%.*s'", (int)v.n, v.s);
    name.n = (size_t)(at - v.s);
    c->handle_col = v.col;
    if (scnp_event_use(c, name, cmd) < 0)
        return -1;
    return scnp_parse_size(c, scnp_tok_sub(v, name.n + 1), &cmd->event_offset);
}

/* The 8-byte handle of handle=E@OFFSET must lie inside the input. */
static int check_handle_room(struct pctx *c, const struct scn_cmd *cmd)
{
    if (cmd->event < 0 || cmd->event_offset + 8 <= cmd->data.size)
        return 0;
    return scnp_perr(c, c->handle_col,
                     "handle=...@%zu needs 8 bytes at offset %zu, but the input has %zu bytes",
                     cmd->event_offset, cmd->event_offset, cmd->data.size);
}

/* expect=STATUS, or on a `wait` line expect=A|B: a request that may finish either way (one
 * cancelled while the driver may be completing it). */
static int parse_expect(struct pctx *c, struct tok v, struct scn_cmd *cmd)
{
    const char *bar = memchr(v.s, '|', v.n);
    struct tok first = v;
    int check_alt = 0;
    if (!bar)
        return scnp_parse_status(c, v, &cmd->check_status, &cmd->status);
    if (cmd->kind != SCN_WAIT)
        return scnp_perr(c, v.col, "a choice of statuses (A|B) is allowed on 'wait' lines only");
    first.n = (size_t)(bar - v.s);
    if (scnp_parse_status(c, first, &cmd->check_status, &cmd->status) < 0 ||
        scnp_parse_status(c, scnp_tok_sub(v, first.n + 1), &check_alt, &cmd->status_alt) < 0)
        return -1;
    if (!cmd->check_status || !check_alt)
        return scnp_perr(c, v.col, "'any' cannot be one of a choice of statuses");
    cmd->has_status_alt = 1;
    return 0;
}

static int option_value(struct pctx *c, unsigned bit, struct tok v, struct scn_cmd *cmd)
{
    switch (bit) {
    case O_EXPECT:
        return parse_expect(c, v, cmd);
    case O_ACCESS:
        return parse_access(c, v, &cmd->access);
    case O_IN:
        return scnp_parse_data(c, v, &cmd->data);
    case O_OUT:
        return scnp_parse_size(c, v, &cmd->out_size);
    case O_OFFSET:
        return parse_offset(c, v, &cmd->offset);
    case O_OUT_INIT:
        return scnp_parse_data(c, v, &cmd->out_init);
    case O_EXPECT_OUT:
        cmd->check_out = 1;
        return scnp_parse_data(c, v, &cmd->out);
    case O_EXPECT_INFO:
        cmd->check_info = 1;
        return scnp_parse_number(c, v, &cmd->info);
    case O_ASYNC:
        return scnp_tag_issue(c, v, cmd);
    case O_INTERNAL:
        cmd->internal = 1;
        return 0;
    case O_AT_END:
        cmd->at_end = 1;
        return 0;
    case O_TIMEOUT:
        /* wait: how long to wait (a failure, the run goes on); elsewhere: the hang time-out */
        if (cmd->kind == SCN_WAIT || cmd->kind == SCN_EVENT_WAIT)
            return scnp_parse_u32(c, v, "timeout", &cmd->ms);
        if (scnp_parse_u32(c, v, "timeout", &cmd->hang_ms) < 0)
            return -1;
        return cmd->hang_ms ? 0 : scnp_perr(c, v.col, "timeout must be at least 1 ms");
    case O_CANCELLED:
        return parse_yes_no(c, v, &cmd->expect_cancelled);
    case O_COMPATIBLE:
        return scnp_decode_name(c, v, "compatible IDs", 0, &cmd->value_name);
    case O_INSTANCE:
        cmd->wmi.check_instance = 1;
        return scnp_parse_u32(c, v, "instance index", &cmd->wmi.instance);
    case O_ITEM:
    case O_METHOD:
        return scnp_parse_u32(c, v, bit == O_ITEM ? "item id" : "method id", &cmd->wmi.id);
    case O_TOO_SMALL:
        cmd->wmi.check_too_small = 1;
        return scnp_parse_u32(c, v, "size", &cmd->wmi.too_small);
    case O_INSTANCES:
    case O_GUIDS:
        cmd->wmi.check_count = 1;
        return scnp_parse_u32(c, v, "count", &cmd->wmi.count);
    case O_HANDLE:
        return parse_handle_option(c, v, cmd);
    case O_DIVISOR:
        cmd->uart.check_divisor = 1;
        return scnp_parse_u32(c, v, "divisor", &cmd->uart.divisor);
    case O_LCR:
        cmd->uart.check_lcr = 1;
        return scnp_parse_u32(c, v, "line control", &cmd->uart.lcr);
    }
    return -1;
}

/* ---- commands ---------------------------------------------------------------------------- */

struct cmd_def;
typedef int (*cmd_parser)(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n);

struct cmd_def {
    const char *name;
    enum scn_kind kind;
    int min_args, max_args;
    unsigned options;
    const char *args[5]; /* names of the positional arguments, for "missing argument" */
    cmd_parser parse;
};

static int resolve_image(struct pctx *c, struct tok t, const char **out)
{
    const char *img, *slash = strrchr(c->file, '/');
    size_t dir = slash ? (size_t)(slash - c->file) + 1 : 0;
    struct scn_bytes b;
    if (scnp_decode_name(c, t, "IMAGE", 0, &img) < 0)
        return -1;
    if (img[0] == '/' || dir == 0) {
        *out = img;
        return 0;
    }
    if (!scnp_bytes_alloc(c, dir + strlen(img), &b))
        return -1;
    memcpy(b.data, c->file, dir);
    memcpy(b.data + dir, img, strlen(img));
    *out = (const char *)b.data;
    return 0;
}

/* service NAME IMAGE: IMAGE is kept as written; the runner looks a relative one up in the
 * scenario's folder first (scn_script.dir), then in the driver search path. */
static int cmd_service(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_decode_name(c, a[0], "service name", 0, &cmd->name) < 0)
        return -1;
    return scnp_decode_name(c, a[1], "IMAGE", 0, &cmd->str);
}

/* reg import FILE: relative to the scenario's folder, like a service's image. */
static int cmd_reg_import(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return resolve_image(c, a[1], &cmd->str);
}

static int cmd_driver(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_decode_name(c, a[0], "service name", 0, &cmd->name);
}

/* counters NAME: a performance counter set's name (may hold blanks: quoted). */
static int cmd_counters(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_decode_name(c, a[0], "counter set name", 0, &cmd->name);
}

static const struct {
    const char *name;
    uint32_t type;
} reg_types[] = {
    {"REG_SZ", DRVHOST_REG_SZ},
    {"REG_EXPAND_SZ", DRVHOST_REG_EXPAND_SZ},
    {"REG_BINARY", DRVHOST_REG_BINARY},
    {"REG_DWORD", DRVHOST_REG_DWORD},
    {"REG_MULTI_SZ", DRVHOST_REG_MULTI_SZ},
    {"REG_QWORD", DRVHOST_REG_QWORD},
};

/* REG_MULTI_SZ: each string terminated, then an empty string. */
static int reg_multi_sz(struct pctx *c, const struct tok *a, int n, struct scn_bytes *out)
{
    size_t room = 2, len = 0;
    for (int i = 0; i < n; i++)
        room += a[i].n * 2 + 2;
    if (!scnp_bytes_alloc(c, room, out))
        return -1;
    for (int i = 0; i < n; i++) {
        struct scn_bytes s;
        if (scnp_decode_string(c, a[i], &s) < 0 ||
            scnp_utf16_encode(c, a[i].col, s, 1, out->data, &len) < 0)
            return -1;
    }
    len = scnp_put16(out->data, len, 0);
    out->data[len] = 0;
    out->size = len;
    return 0;
}

static int reg_number(struct pctx *c, struct tok t, size_t size, struct scn_bytes *out)
{
    uint64_t v = 0;
    if (scnp_parse_number(c, t, &v) < 0)
        return -1;
    if (size == 4 && v > UINT32_MAX)
        return scnp_perr(c, t.col, "REG_DWORD value 0x%llX does not fit in 32 bits",
                         (unsigned long long)v);
    if (!scnp_bytes_alloc(c, size, out))
        return -1;
    for (size_t i = 0; i < size; i++)
        out->data[i] = (uint8_t)(v >> (8 * i));
    return 0;
}

static int reg_data(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    if (cmd->reg_type == DRVHOST_REG_MULTI_SZ)
        return reg_multi_sz(c, a, n, &cmd->data);
    if (n == 0)
        return scnp_perr(c, c->end_col, "missing argument DATA");
    if (n > 1)
        return scnp_perr(c, a[1].col, "unexpected argument '%.*s'", (int)a[1].n, a[1].s);
    switch (cmd->reg_type) {
    case DRVHOST_REG_DWORD:
        return reg_number(c, a[0], 4, &cmd->data);
    case DRVHOST_REG_QWORD:
        return reg_number(c, a[0], 8, &cmd->data);
    case DRVHOST_REG_BINARY:
        return scnp_parse_data(c, a[0], &cmd->data);
    default:
        return scnp_to_utf16(c, a[0], 1, &cmd->data);
    }
}

static int cmd_reg(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    size_t i;
    if (scnp_decode_name(c, a[1], "KEY", 0, &cmd->str) < 0)
        return -1;
    if (scnp_tok_is(a[2], "@"))
        cmd->value_name = "";
    else if (scnp_decode_name(c, a[2], "value name", 1, &cmd->value_name) < 0)
        return -1;
    for (i = 0; i < sizeof reg_types / sizeof reg_types[0]; i++)
        if (scnp_tok_is(a[3], reg_types[i].name))
            break;
    if (i == sizeof reg_types / sizeof reg_types[0])
        return scnp_perr(c, a[3].col, "unknown registry type '%.*s'", (int)a[3].n, a[3].s);
    cmd->reg_type = reg_types[i].type;
    return reg_data(c, cmd, a + 4, n - 4);
}

/* open H PATH, or open H {GUID} [N]: the N-th (from 0) enabled interface of that class. */
static int cmd_open(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    if (scnp_decode_name(c, a[1], "PATH", 0, &cmd->str) < 0)
        return -1;
    if (cmd->str[0] == '{') {
        cmd->kind = SCN_OPEN_INTERFACE;
        if (strlen(cmd->str) != 38 || cmd->str[37] != '}')
            return scnp_perr(c, a[1].col,
                             "expected an interface class {xxxxxxxx-xxxx-xxxx-xxxx-"
                             "xxxxxxxxxxxx}");
        if (n == 3 && scnp_parse_u32(c, a[2], "interface index", &cmd->code) < 0)
            return -1;
    } else if (n == 3) {
        return scnp_perr(c, a[2].col, "unexpected argument '%.*s' (an index follows a {GUID})",
                         (int)a[2].n, a[2].s);
    }
    return scnp_handle_open(c, a[0], cmd);
}

/* install FILE: relative to the scenario's folder. */
static int cmd_install(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return resolve_image(c, a[0], &cmd->str);
}

static int cmd_device(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_decode_name(c, a[0], "hardware ID", 0, &cmd->name);
}

static const char *const device_actions[] = {"remove", "unplug", "disable", "enable", "restart"};

/* remove, unplug, disable, enable, restart INSTANCE: code is the DRVHOST_DEVICE_* action. */
static int cmd_device_action(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    for (uint32_t i = 0; i < sizeof device_actions / sizeof device_actions[0]; i++)
        if (scnp_tok_is(a[-1], device_actions[i])) /* a[-1]: the command's name */
            cmd->code = i;
    return scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name);
}

static int cmd_none(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)c;
    (void)cmd;
    (void)a;
    (void)n;
    return 0;
}

static int cmd_close(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_handle_use(c, a[0], cmd);
}

static int cmd_ioctl(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_parse_u32(c, a[1], "control code", &cmd->code) < 0 || check_handle_room(c, cmd) < 0)
        return -1;
    return scnp_handle_use(c, a[0], cmd);
}

static int cmd_read(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_parse_size(c, a[1], &cmd->out_size) < 0)
        return -1;
    return scnp_handle_use(c, a[0], cmd);
}

static int cmd_write(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_parse_data(c, a[1], &cmd->data) < 0 || check_handle_room(c, cmd) < 0)
        return -1;
    return scnp_handle_use(c, a[0], cmd);
}

static int cmd_tag(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_tag_use(c, a[0], cmd);
}

static int cmd_sleep(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_parse_u32(c, a[0], "sleep time", &cmd->ms);
}

/* echo: the words (each may be quoted) joined by one space. */
static int cmd_echo(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    size_t room = 0, len = 0;
    struct scn_bytes out;
    for (int i = 0; i < n; i++)
        room += a[i].n + 1;
    if (!scnp_bytes_alloc(c, room, &out))
        return -1;
    for (int i = 0; i < n; i++) {
        struct scn_bytes w;
        if (scnp_decode_string(c, a[i], &w) < 0)
            return -1;
        if (i)
            out.data[len++] = ' ';
        memcpy(out.data + len, w.data, w.size);
        len += w.size;
    }
    out.data[len] = 0;
    cmd->str = (const char *)out.data;
    return 0;
}

/* resources HWID SPEC...: the SPEC words joined in str (checked when it runs). */
static int cmd_resources(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    if (scnp_decode_name(c, a[0], "hardware ID", 0, &cmd->name) < 0)
        return -1;
    return cmd_echo(c, cmd, a + 1, n - 1);
}

/* usb-in INSTANCE ENDPOINT DATA: data arriving on a simulated USB device's IN endpoint. */
static int cmd_usb_in(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name) < 0 ||
        scnp_parse_u32(c, a[1], "endpoint address", &cmd->code) < 0)
        return -1;
    return scnp_parse_data(c, a[2], &cmd->data);
}

/* ps2-device keyboard|mouse: a simulated PS/2 device (docs/input.md). */
static int cmd_ps2_device(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_tok_is(a[0], "keyboard") || scnp_tok_is(a[0], "mouse")) {
        cmd->code = scnp_tok_is(a[0], "mouse");
        return 0;
    }
    return scnp_perr(c, a[0].col, "expected 'keyboard' or 'mouse', not '%.*s'", (int)a[0].n,
                     a[0].s);
}

/* ps2-in INSTANCE DATA: input records arriving at a simulated PS/2 port. */
static int cmd_ps2_in(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name) < 0)
        return -1;
    return scnp_parse_data(c, a[1], &cmd->data);
}

/* ps2-state INSTANCE: the simulated PS/2 device's state. */
static int cmd_ps2_state(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name);
}

/* ps2-hold INSTANCE MAKECODE MS: a key held down on a simulated PS/2 keyboard. */
static int cmd_ps2_hold(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    uint32_t ms;
    (void)n;
    if (scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name) < 0 ||
        scnp_parse_u32(c, a[1], "make code", &cmd->code) < 0 ||
        scnp_parse_u32(c, a[2], "milliseconds", &ms) < 0)
        return -1;
    if (cmd->code > 0xFFFF)
        return scnp_perr(c, a[1].col, "make code %u does not fit a USHORT", (unsigned)cmd->code);
    cmd->p1 = ms;
    return 0;
}

static int parse_guid(struct pctx *c, struct tok t, uint8_t out[16]);

/* power-setting GUID VALUE: VALUE a number (a ULONG, as most power settings are) or DATA. */
static int cmd_power_setting(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    uint32_t number;
    (void)n;
    cmd->wmi.has_guid = 1;
    if (parse_guid(c, a[0], cmd->wmi.guid) < 0)
        return -1;
    if (a[1].n > 0 && a[1].s[0] >= '0' && a[1].s[0] <= '9') {
        if (scnp_parse_u32(c, a[1], "power setting value", &number) < 0)
            return -1;
        if (!scnp_bytes_alloc(c, sizeof(number), &cmd->data)) /* freed with the script */
            return -1;
        memcpy(cmd->data.data, &number, sizeof(number)); /* little-endian, as on x64 */
        return 0;
    }
    return scnp_parse_data(c, a[1], &cmd->data);
}

/* uart-in PORT DATA (code: PORT): bytes arriving on a simulated UART's wire (docs/uart.md). */
static int cmd_uart_in(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_parse_u32(c, a[0], "UART port", &cmd->code) < 0)
        return -1;
    return scnp_parse_data(c, a[1], &cmd->data);
}

/* uart-out PORT (code: PORT). */
static int cmd_uart_out(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_parse_u32(c, a[0], "UART port", &cmd->code);
}

/* ucm-role ID data|power ROLE: a role swap UcmCx asks of connector ID (docs/usb.md, "UcmCx");
 * ROLE dfp, ufp (data), sink, source (power) or a number: UcmCx.h's value. */
static int cmd_ucm_role(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    static const char *const roles[2][2] = {{"dfp", "ufp"}, {"sink", "source"}};
    uint32_t role = 0, power;
    (void)n;
    if (scnp_parse_number(c, a[0], &cmd->p1) < 0)
        return -1;
    if (!scnp_tok_is(a[1], "data") && !scnp_tok_is(a[1], "power"))
        return scnp_perr(c, a[1].col, "expected 'data' or 'power', not '%.*s'", (int)a[1].n,
                         a[1].s);
    power = scnp_tok_is(a[1], "power");
    for (unsigned k = 0; k < 2 && role == 0; k++)
        role = scnp_tok_is(a[2], roles[power][k]) ? k + 1 : 0;
    if (role == 0 && scnp_parse_u32(c, a[2], "role", &role) < 0)
        return -1;
    if (role & SCN_UCM_POWER)
        return scnp_perr(c, a[2].col, "role %u out of range", role);
    cmd->code = role | (power ? SCN_UCM_POWER : 0);
    return 0;
}

/* tcp-echo PORT|H@OFFSET DATA (code: PORT, or handle and offset: the port in the handle's last
 * output): a TCP exchange with a driver's socket (docs/network.md). */
static int cmd_tcp_echo(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    const char *at = memchr(a[0].s, '@', a[0].n);
    (void)n;
    if (at != NULL) {
        struct tok h = {a[0].s, (size_t)(at - a[0].s), a[0].col};
        struct tok off = {at + 1, a[0].n - h.n - 1, a[0].col + (unsigned)h.n + 1};
        uint32_t offset;
        if (scnp_handle_use(c, h, cmd) < 0 || scnp_parse_u32(c, off, "output offset", &offset) < 0)
            return -1;
        cmd->offset = offset;
        return scnp_parse_data(c, a[1], &cmd->data);
    }
    if (scnp_parse_u32(c, a[0], "TCP port", &cmd->code) < 0)
        return -1;
    if (cmd->code == 0 || cmd->code > 65535)
        return scnp_perr(c, a[0].col, "TCP port %u is not 1 to 65535", (unsigned)cmd->code);
    return scnp_parse_data(c, a[1], &cmd->data);
}

/* uart-lines PORT [cts] [dsr] [ri] [dcd] (code: PORT; p1: the lines on, as MSR bits 4-7). */
static int cmd_uart_lines(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    static const char *const names[4] = {"cts", "dsr", "ri", "dcd"};
    if (scnp_parse_u32(c, a[0], "UART port", &cmd->code) < 0)
        return -1;
    for (int i = 1; i < n; i++) {
        unsigned bit = 0;
        for (unsigned k = 0; k < 4 && !bit; k++)
            bit = scnp_tok_is(a[i], names[k]) ? 0x10u << k : 0;
        if (!bit)
            return scnp_perr(c, a[i].col, "unknown modem line '%.*s' (cts, dsr, ri or dcd)",
                             (int)a[i].n, a[i].s);
        cmd->p1 |= bit;
    }
    return 0;
}

/* interrupt INSTANCE [INDEX] */
static int cmd_interrupt(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    if (scnp_decode_name(c, a[0], "instance ID", 0, &cmd->name) < 0)
        return -1;
    return n > 1 ? scnp_parse_u32(c, a[1], "interrupt index", &cmd->code) : 0;
}

/* connection ID INSTANCE DATA: a resource hub connection (drvhost_resource_hub_connection). */
static int cmd_connection(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_parse_number(c, a[0], &cmd->p1) < 0 ||
        scnp_decode_name(c, a[1], "instance ID", 0, &cmd->name) < 0)
        return -1;
    return scnp_parse_data(c, a[2], &cmd->data);
}

static int cmd_bugcheck(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (c->bugcheck_line)
        return scnp_perr(c, a[0].col, "duplicate expect-bugcheck (first on line %u)",
                         c->bugcheck_line);
    c->bugcheck_line = c->line;
    if (scnp_parse_u32(c, a[0], "bug-check code", &cmd->code) < 0)
        return -1;
    /* Parameter 1 is required: a code alone passes on any stop with that code (a segfault is
     * 0x1E too). `address` is for a pointer the scenario cannot know (the IRP of 0x44). */
    if (a[1].n == 7 && memcmp(a[1].s, "address", 7) == 0) {
        cmd->p1_address = 1;
        return 0;
    }
    return scnp_parse_number(c, a[1], &cmd->p1);
}

/* trace DRIVER [level=LEVEL] [flags=FLAGS]: the trace session's settings of a driver's WPP
 * providers (docs/tracing.md). Defaults: level=INFORMATION, flags=all. Flag names are checked
 * when the command runs (the driver's WPP_DEFINE_BITs are known once it traces). */
static int cmd_trace(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    int level = 4; /* TRACE_LEVEL_INFORMATION */
    const char *flags = "all";
    if (scnp_decode_name(c, a[0], "driver name", 0, &cmd->name) < 0)
        return -1;
    for (int i = 1; i < n; i++) {
        if (a[i].n > 6 && memcmp(a[i].s, "level=", 6) == 0) {
            char text[32];
            snprintf(text, sizeof text, "%.*s", (int)(a[i].n - 6), a[i].s + 6);
            if ((level = trace_level_parse(text)) < 0)
                return scnp_perr(c, a[i].col + 6,
                                 "'%s' is not a trace level (CRITICAL, ERROR, WARNING, "
                                 "INFORMATION, VERBOSE, or 0-255)",
                                 text);
        } else if (a[i].n > 6 && memcmp(a[i].s, "flags=", 6) == 0) {
            flags = scnp_arena_strndup(c, a[i].s + 6, a[i].n - 6);
            if (flags == NULL)
                return -1;
        } else {
            return scnp_perr(c, a[i].col, "unexpected argument '%.*s' (level=LEVEL or flags=FLAGS)",
                             (int)a[i].n, a[i].s);
        }
    }
    cmd->code = (uint32_t)level;
    cmd->str = flags;
    return 0;
}

/* A GUID written {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, stored with the GUID structure's
 * layout (Data1..Data3 little-endian, Data4 as written). */
static int parse_guid(struct pctx *c, struct tok t, uint8_t out[16])
{
    static const int groups[5] = {8, 4, 4, 4, 12};
    uint8_t raw[16];
    size_t at = 1, n = 0;
    if (t.n != 38 || t.s[0] != '{' || t.s[37] != '}')
        goto bad;
    for (int g = 0; g < 5; g++, at++) {
        for (int i = 0; i < groups[g]; i += 2, at += 2) {
            if (!isxdigit((unsigned char)t.s[at]) || !isxdigit((unsigned char)t.s[at + 1]))
                goto bad;
            char hex[3] = {t.s[at], t.s[at + 1], 0};
            raw[n++] = (uint8_t)strtoul(hex, NULL, 16);
        }
        if (g < 4 && t.s[at] != '-')
            goto bad;
    }
    /* Data1 (4 bytes), Data2, Data3 (2 each) are little-endian numbers; Data4 bytes in order */
    for (int i = 0; i < 4; i++)
        out[i] = raw[3 - i];
    out[4] = raw[5], out[5] = raw[4], out[6] = raw[7], out[7] = raw[6];
    memcpy(out + 8, raw + 8, 8);
    return 0;
bad:
    return scnp_perr(c, t.col, "expected a GUID {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, got '%.*s'",
                     (int)t.n, t.s);
}

/* The WMI requests of `wmi` and their IRP_MN_ minor codes. */
static const struct {
    const char *name;
    uint32_t minor;
} wmi_requests[] = {
    {"query-all", 0x00},         {"query-instance", 0x01},     {"change-instance", 0x02},
    {"change-item", 0x03},       {"enable-events", 0x04},      {"disable-events", 0x05},
    {"enable-collection", 0x06}, {"disable-collection", 0x07}, {"reginfo", 0x08},
    {"execute-method", 0x09},    {"reginfo-ex", 0x0b},
};

/* wmi DEVICE REQUEST [GUID]: a GUID for every request but reginfo(-ex). */
static int cmd_wmi(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    size_t i, count = sizeof wmi_requests / sizeof wmi_requests[0];
    if (scnp_decode_name(c, a[0], "device name", 0, &cmd->str) < 0)
        return -1;
    for (i = 0; i < count && !scnp_tok_is(a[1], wmi_requests[i].name); i++)
        ;
    if (i == count)
        return scnp_perr(c, a[1].col,
                         "unknown WMI request '%.*s' (query-all, query-instance, "
                         "change-instance, change-item, enable-events, disable-events, "
                         "enable-collection, disable-collection, execute-method, reginfo, "
                         "reginfo-ex)",
                         (int)a[1].n, a[1].s);
    cmd->code = wmi_requests[i].minor;
    if (cmd->code == 0x08 || cmd->code == 0x0b) {
        if (n == 3)
            return scnp_perr(c, a[2].col, "unexpected argument '%.*s' (reginfo takes no GUID)",
                             (int)a[2].n, a[2].s);
        return 0;
    }
    if (n < 3)
        return scnp_perr(c, c->end_col, "missing argument GUID");
    cmd->wmi.has_guid = 1;
    return parse_guid(c, a[2], cmd->wmi.guid);
}

/* wmi-event DEVICE GUID: takes the oldest event the device raised with that GUID. */
static int cmd_wmi_event(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_decode_name(c, a[0], "device name", 0, &cmd->str) < 0)
        return -1;
    cmd->wmi.has_guid = 1;
    return parse_guid(c, a[1], cmd->wmi.guid);
}

/* identity SPEC: checked here, so that a typo is an error at its line before anything runs. */
static int cmd_identity(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_decode_name(c, a[0], "identity", 0, &cmd->name) < 0)
        return -1;
    if (!se_identity_valid(cmd->name))
        return scnp_perr(c, a[0].col,
                         "'%s' is not an identity (admin, user, system, or SIDs joined by ',': "
                         "BA,WD or S-1-5-32-544)",
                         cmd->name);
    return 0;
}

/* event E [manual|auto]: a notification (manual-reset) event unless `auto` is given. */
static int cmd_event(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    cmd->code = 1;
    if (n > 1 && scnp_tok_is(a[1], "auto"))
        cmd->code = 0;
    else if (n > 1 && !scnp_tok_is(a[1], "manual"))
        return scnp_perr(c, a[1].col, "expected manual or auto, got '%.*s'", (int)a[1].n, a[1].s);
    return scnp_event_create(c, a[0], cmd);
}

/* debugger go|none: a kernel debugger that resumes every break, or none (the default). */
static int cmd_debugger(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (scnp_tok_is(a[0], "go"))
        cmd->code = DRVHOST_DEBUGGER_GO;
    else if (scnp_tok_is(a[0], "none"))
        cmd->code = DRVHOST_DEBUGGER_NONE;
    else
        return scnp_perr(c, a[0].col, "expected go or none, got '%.*s'", (int)a[0].n, a[0].s);
    return 0;
}

static int cmd_event_use(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return scnp_event_use(c, a[0], cmd);
}

#define IO_EXPECT (O_EXPECT | O_EXPECT_INFO | O_EXPECT_OUT | O_ASYNC)
static const struct cmd_def commands[] = {
    {"service", SCN_SERVICE, 2, 2, O_EXPECT, {"NAME", "IMAGE"}, cmd_service},
    {"reg", SCN_REG_SET, 4, MAX_TOKENS, O_EXPECT, {"set", "KEY", "NAME", "TYPE"}, cmd_reg},
    {"reg", SCN_REG_IMPORT, 2, 2, O_EXPECT, {"import", "FILE"}, cmd_reg_import},
    {"load", SCN_LOAD, 1, 1, O_EXPECT | O_TIMEOUT, {"NAME"}, cmd_driver},
    {"unload", SCN_UNLOAD, 1, 1, O_EXPECT | O_TIMEOUT, {"NAME"}, cmd_driver},
    {"open", SCN_OPEN, 2, 3, O_EXPECT | O_ACCESS | O_TIMEOUT, {"H", "PATH"}, cmd_open},
    {"close", SCN_CLOSE, 1, 1, O_EXPECT | O_TIMEOUT, {"H"}, cmd_close},
    {"ioctl",
     SCN_IOCTL,
     2,
     2,
     IO_EXPECT | O_IN | O_OUT | O_OUT_INIT | O_INTERNAL | O_TIMEOUT | O_HANDLE,
     {"H", "CODE"},
     cmd_ioctl},
    {"read", SCN_READ, 2, 2, IO_EXPECT | O_OFFSET | O_TIMEOUT, {"H", "N"}, cmd_read},
    {"write",
     SCN_WRITE,
     2,
     2,
     O_EXPECT | O_EXPECT_INFO | O_ASYNC | O_OFFSET | O_TIMEOUT | O_HANDLE,
     {"H", "DATA"},
     cmd_write},
    {"wait", SCN_WAIT, 1, 1, O_EXPECT | O_EXPECT_INFO | O_EXPECT_OUT | O_TIMEOUT, {"TAG"}, cmd_tag},
    {"cancel", SCN_CANCEL, 1, 1, O_CANCELLED, {"TAG"}, cmd_tag},
    {"sleep", SCN_SLEEP, 1, 1, 0, {"MS"}, cmd_sleep},
    {"sleep", SCN_SYSTEM_SLEEP, 0, 0, O_EXPECT | O_TIMEOUT, {0}, cmd_none}, /* no MS */
    {"settle", SCN_SETTLE, 0, 0, 0, {0}, cmd_none},
    {"counters", SCN_COUNTERS, 1, 1, O_INSTANCES, {"NAME"}, cmd_counters},
    {"wake", SCN_SYSTEM_WAKE, 0, 0, O_EXPECT | O_TIMEOUT, {0}, cmd_none},
    {"install", SCN_INSTALL, 1, 1, O_EXPECT | O_TIMEOUT, {"FILE"}, cmd_install},
    {"device", SCN_DEVICE, 1, 1, O_EXPECT | O_COMPATIBLE | O_TIMEOUT, {"HWID"}, cmd_device},
    {"remove", SCN_DEVICE_ACTION, 1, 1, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_device_action},
    {"unplug", SCN_DEVICE_ACTION, 1, 1, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_device_action},
    {"disable", SCN_DEVICE_ACTION, 1, 1, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_device_action},
    {"enable", SCN_DEVICE_ACTION, 1, 1, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_device_action},
    {"restart", SCN_DEVICE_ACTION, 1, 1, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_device_action},
    {"rescan", SCN_RESCAN, 0, 0, O_EXPECT | O_TIMEOUT, {0}, cmd_none},
    {"tree", SCN_TREE, 0, 0, O_TIMEOUT, {0}, cmd_none},
    {"trace", SCN_TRACE, 1, 3, 0, {"DRIVER"}, cmd_trace},
    {"wdflogdump", SCN_WDFLOGDUMP, 1, 1, 0, {"DRIVER"}, cmd_driver},
    {"wmi",
     SCN_WMI,
     2,
     3,
     O_EXPECT | O_EXPECT_OUT | O_IN | O_OUT | O_TIMEOUT | O_INSTANCE | O_ITEM | O_METHOD |
         O_TOO_SMALL | O_INSTANCES | O_GUIDS,
     {"DEVICE", "REQUEST", "GUID"},
     cmd_wmi},
    {"wmi-event",
     SCN_WMI_EVENT,
     2,
     2,
     O_EXPECT | O_EXPECT_OUT | O_INSTANCE,
     {"DEVICE", "GUID"},
     cmd_wmi_event},
    {"identity", SCN_IDENTITY, 1, 1, 0, {"SPEC"}, cmd_identity},
    {"event", SCN_EVENT, 1, 2, O_EXPECT, {"E"}, cmd_event},
    {"event-wait", SCN_EVENT_WAIT, 1, 1, O_EXPECT | O_TIMEOUT, {"E"}, cmd_event_use},
    {"event-reset", SCN_EVENT_RESET, 1, 1, O_EXPECT, {"E"}, cmd_event_use},
    {"event-close", SCN_EVENT_CLOSE, 1, 1, O_EXPECT, {"E"}, cmd_event_use},
    {"debugger", SCN_DEBUGGER, 1, 1, 0, {"MODE"}, cmd_debugger},
    {"resources", SCN_RESOURCES, 2, MAX_TOKENS, O_EXPECT, {"HWID", "SPEC"}, cmd_resources},
    {"interrupt", SCN_INTERRUPT, 1, 2, O_EXPECT | O_TIMEOUT, {"INSTANCE"}, cmd_interrupt},
    {"connection", SCN_CONNECTION, 3, 3, O_EXPECT, {"ID", "INSTANCE", "DATA"}, cmd_connection},
    {"usb-device", SCN_USB_DEVICE, 1, 1, O_EXPECT | O_TIMEOUT, {"FILE"}, cmd_install},
    {"usb-in",
     SCN_USB_IN,
     3,
     3,
     O_EXPECT | O_TIMEOUT,
     {"INSTANCE", "ENDPOINT", "DATA"},
     cmd_usb_in},
    {"uart-in", SCN_UART_IN, 2, 2, O_EXPECT | O_TIMEOUT, {"PORT", "DATA"}, cmd_uart_in},
    {"uart-out",
     SCN_UART_OUT,
     1,
     1,
     O_EXPECT | O_EXPECT_OUT | O_DIVISOR | O_LCR | O_TIMEOUT,
     {"PORT"},
     cmd_uart_out},
    {"uart-lines", SCN_UART_LINES, 1, 5, O_EXPECT | O_TIMEOUT, {"PORT"}, cmd_uart_lines},
    {"uart-answer", SCN_UART_ANSWER, 2, 2, O_EXPECT, {"PORT", "DATA"}, cmd_uart_in},
    {"uart-break", SCN_UART_BREAK, 1, 1, O_EXPECT | O_TIMEOUT, {"PORT"}, cmd_uart_out},
    {"ps2-device", SCN_PS2_DEVICE, 1, 1, O_EXPECT | O_TIMEOUT, {"KIND"}, cmd_ps2_device},
    {"ps2-in", SCN_PS2_IN, 2, 2, O_EXPECT | O_TIMEOUT, {"INSTANCE", "DATA"}, cmd_ps2_in},
    {"ps2-state",
     SCN_PS2_STATE,
     1,
     1,
     O_EXPECT | O_EXPECT_OUT | O_TIMEOUT,
     {"INSTANCE"},
     cmd_ps2_state},
    {"ps2-hold",
     SCN_PS2_HOLD,
     3,
     3,
     O_EXPECT | O_TIMEOUT,
     {"INSTANCE", "MAKECODE", "MS"},
     cmd_ps2_hold},
    {"power-setting", SCN_POWER_SETTING, 2, 2, O_EXPECT, {"GUID", "VALUE"}, cmd_power_setting},
    {"ucm-role", SCN_UCM_ROLE, 3, 3, O_EXPECT, {"ID", "KIND", "ROLE"}, cmd_ucm_role},
    {"tcp-echo",
     SCN_TCP_ECHO,
     2,
     2,
     O_EXPECT | O_EXPECT_OUT | O_TIMEOUT,
     {"PORT|H@OFFSET", "DATA"},
     cmd_tcp_echo},
    {"echo", SCN_ECHO, 0, MAX_TOKENS, 0, {0}, cmd_echo},
    {"expect-bugcheck", SCN_EXPECT_BUGCHECK, 2, 2, O_AT_END, {"CODE", "P1"}, cmd_bugcheck},
};

static int parse_options(struct pctx *c, const struct cmd_def *d, struct scn_cmd *cmd,
                         const struct tok *t, int n, unsigned *given)
{
    for (int i = 0; i < n; i++) {
        struct tok key, value;
        int eq;
        unsigned bit = option_bit(t[i], &key, &value, &eq);
        if (!eq && !bit)
            return scnp_perr(c, t[i].col, "unexpected argument '%.*s'", (int)t[i].n, t[i].s);
        if (!bit)
            return scnp_perr(c, t[i].col, "unknown option '%.*s'", (int)key.n, key.s);
        if ((bit & O_FLAGS) && eq)
            return scnp_perr(c, t[i].col, "option '%.*s' takes no value", (int)key.n, key.s);
        if (!(d->options & bit))
            return scnp_perr(c, t[i].col, "option '%.*s' does not apply to %s", (int)key.n, key.s,
                             d->name);
        if (*given & bit)
            return scnp_perr(c, t[i].col, "duplicate option '%.*s'", (int)key.n, key.s);
        *given |= bit;
        if (!(bit & O_FLAGS) && (!eq || value.n == 0))
            return scnp_perr(c, value.col, "missing value for option '%.*s'", (int)key.n, key.s);
        if (option_value(c, bit, value, cmd) < 0)
            return -1;
    }
    return 0;
}

/* Defaults that depend on the options given. */
static int apply_defaults(struct pctx *c, struct scn_cmd *cmd, unsigned given, unsigned col)
{
    int io = cmd->kind == SCN_IOCTL || cmd->kind == SCN_READ || cmd->kind == SCN_WRITE;
    if (!(given & O_EXPECT)) {
        cmd->check_status = !cmd->async && cmd->kind != SCN_CANCEL && cmd->kind != SCN_SLEEP &&
                            cmd->kind != SCN_ECHO && cmd->kind != SCN_EXPECT_BUGCHECK &&
                            cmd->kind != SCN_TREE && cmd->kind != SCN_TRACE &&
                            cmd->kind != SCN_WDFLOGDUMP && cmd->kind != SCN_IDENTITY &&
                            cmd->kind != SCN_COUNTERS;
        cmd->status = 0;
    }
    if (io && cmd->async && (given & (O_EXPECT_OUT | O_EXPECT_INFO)))
        return scnp_perr(c, col,
                         "expect-out and expect-info of an async request belong on its "
                         "'wait' line");
    if (cmd->kind == SCN_IOCTL && !(given & O_OUT) && cmd->check_out)
        cmd->out_size = cmd->out.size;
    if ((given & O_OUT_INIT) && !(given & O_OUT) && cmd->out_size < cmd->out_init.size)
        cmd->out_size = cmd->out_init.size;
    if ((given & O_OUT_INIT) && cmd->out_init.size > cmd->out_size)
        return scnp_perr(c, col, "out-init= holds %zu bytes, more than the output buffer (out=%zu)",
                         cmd->out_init.size, cmd->out_size);
    if (cmd->kind == SCN_WMI && !(given & O_OUT))
        cmd->out_size = 4096; /* the buffer WMI passes, unless out= says otherwise */
    if (cmd->kind == SCN_OPEN && !(given & O_ACCESS))
        cmd->access = 0xC0000000u;
    if ((cmd->kind == SCN_WAIT || cmd->kind == SCN_EVENT_WAIT) && !(given & O_TIMEOUT))
        cmd->ms = SCN_DEFAULT_TIMEOUT_MS;
    if (cmd->kind == SCN_WAIT && cmd->check_status &&
        (cmd->status == STATUS_TIMEOUT_VALUE ||
         (cmd->has_status_alt && cmd->status_alt == STATUS_TIMEOUT_VALUE)))
        return scnp_perr(c, col,
                         "a wait that times out always fails; expect=STATUS_TIMEOUT is not "
                         "allowed");
    return 0;
}

static const struct cmd_def *find_command(struct tok t)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (scnp_tok_is(t, commands[i].name))
            return &commands[i];
    return NULL;
}

/* Positional arguments: up to max_args tokens, ending early at a known option. */
static int count_args(const struct cmd_def *d, const struct tok *t, int n)
{
    int k = 0;
    while (k < n && k < d->max_args && !(d->options && is_option(t[k])))
        k++;
    return k;
}

static int push_cmd(struct pctx *c, const struct scn_cmd *cmd)
{
    if (scnp_grow(c, (void **)&c->s->cmds, &c->cmd_cap, c->s->count, sizeof *cmd) < 0)
        return -1;
    c->s->cmds[c->s->count++] = *cmd;
    return 0;
}

static int parse_define(struct pctx *c, const struct tok *t, int n)
{
    uint64_t v = 0;
    const char *name;
    if (n < 3)
        return scnp_perr(c, c->end_col, "missing argument %s", n < 2 ? "NAME" : "VALUE");
    if (n > 3)
        return scnp_perr(c, t[3].col, "unexpected argument '%.*s'", (int)t[3].n, t[3].s);
    if (!scnp_is_ident(t[1]) || scnp_tok_is(t[1], "CTL_CODE") || scnp_tok_is(t[1], "any"))
        return scnp_perr(c, t[1].col, "bad name '%.*s' for define", (int)t[1].n, t[1].s);
    if (scnp_find_def(c, t[1]))
        return scnp_perr(c, t[1].col, "'%.*s' is already defined", (int)t[1].n, t[1].s);
    if (scnp_parse_number(c, t[2], &v) < 0 ||
        scnp_grow(c, (void **)&c->defs, &c->def_cap, c->ndefs, sizeof *c->defs) < 0)
        return -1;
    name = scnp_arena_strndup(c, t[1].s, t[1].n);
    if (!name)
        return -1;
    c->defs[c->ndefs++] = (struct def){name, v};
    return 0;
}

static int parse_command(struct pctx *c, const struct cmd_def *d, const struct tok *t, int n)
{
    struct scn_cmd cmd = {.kind = d->kind,
                          .line = c->line,
                          .handle = -1,
                          .tag = -1,
                          .event = -1,
                          .expect_cancelled = -1};
    unsigned given = 0;
    int nargs = count_args(d, t + 1, n - 1);
    if (d->kind == SCN_SLEEP && (n == 1 || is_option(t[1])))
        d++; /* the next entry: `sleep` without MS puts the system to sleep */
    if (d->kind == SCN_REG_SET && nargs > 0 && scnp_tok_is(t[1], "import"))
        d++; /* the next entry: reg import */
    if (d->kind == SCN_REG_SET && nargs > 0 && !scnp_tok_is(t[1], "set"))
        return scnp_perr(c, t[1].col, "unknown reg subcommand '%.*s' (expected 'set' or 'import')",
                         (int)t[1].n, t[1].s);
    cmd.kind = d->kind;
    nargs = count_args(d, t + 1, n - 1);
    if (nargs < d->min_args)
        return scnp_perr(c, nargs + 1 < n ? t[nargs + 1].col : c->end_col, "missing argument %s",
                         d->args[nargs]);
    cmd.text = scnp_arena_strndup(c, t[0].s, (size_t)(t[n - 1].s + t[n - 1].n - t[0].s));
    if (!cmd.text)
        return -1;
    if (parse_options(c, d, &cmd, t + 1 + nargs, n - 1 - nargs, &given) < 0 ||
        apply_defaults(c, &cmd, given, t[0].col) < 0 || d->parse(c, &cmd, t + 1, nargs) < 0)
        return -1;
    return push_cmd(c, &cmd);
}

void scnp_parse_line(struct pctx *c, const char *s, size_t n)
{
    struct tok t[MAX_TOKENS];
    const struct cmd_def *d;
    int nt = scnp_tokenize(c, s, n, t);
    if (nt <= 0)
        return;
    if (scnp_tok_is(t[0], "define")) {
        parse_define(c, t, nt);
        return;
    }
    d = find_command(t[0]);
    if (!d) {
        scnp_perr(c, t[0].col, "unknown command '%.*s'", (int)t[0].n, t[0].s);
        return;
    }
    parse_command(c, d, t, nt);
}
