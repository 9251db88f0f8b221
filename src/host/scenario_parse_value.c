/*
 * scenario_parse_value.c - numbers (decimal, hex, defined names, CTL_CODE), statuses and DATA
 * values of the scenario language.
 */
#include "scenario_parse_private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ----------------------------------------------------------------------------- */

static const struct def builtins[] = {
    {"METHOD_BUFFERED", 0},        {"METHOD_IN_DIRECT", 1}, {"METHOD_OUT_DIRECT", 2},
    {"METHOD_NEITHER", 3},         {"FILE_ANY_ACCESS", 0},  {"FILE_READ_ACCESS", 1},
    {"FILE_WRITE_ACCESS", 2},      {"FILE_READ_DATA", 1},   {"FILE_WRITE_DATA", 2},
    {"FILE_DEVICE_UNKNOWN", 0x22},
};

const struct def *scnp_find_def(struct pctx *c, struct tok t)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (scnp_tok_is(t, builtins[i].name))
            return &builtins[i];
    for (size_t i = 0; i < c->ndefs; i++)
        if (scnp_tok_is(t, c->defs[i].name))
            return &c->defs[i];
    return NULL;
}

static int parse_literal(struct pctx *c, struct tok t, uint64_t *out)
{
    int hex = t.n > 2 && t.s[0] == '0' && (t.s[1] == 'x' || t.s[1] == 'X');
    unsigned base = hex ? 16 : 10;
    uint64_t v = 0;
    for (size_t i = hex ? 2 : 0; i < t.n; i++) {
        int d = scnp_hexval(t.s[i]);
        if (d < 0 || (unsigned)d >= base)
            return scnp_perr(c, t.col + (unsigned)i, "bad %s digit '%c' in number '%.*s'",
                             hex ? "hex" : "decimal", t.s[i], (int)t.n, t.s);
        if (v > (UINT64_MAX - (unsigned)d) / base)
            return scnp_perr(c, t.col, "number '%.*s' is too large", (int)t.n, t.s);
        v = v * base + (unsigned)d;
    }
    *out = v;
    return 0;
}

/* CTL_CODE(DeviceType, Function, Method, Access); t starts with "CTL_CODE". */
static int parse_ctl_code(struct pctx *c, struct tok t, uint64_t *out)
{
    static const uint64_t max[4] = {0xFFFF, 0xFFF, 3, 3};
    static const char *const what[4] = {"DeviceType", "Function", "Method", "Access"};
    uint64_t v[4] = {0};
    size_t i = 8, k = 0;
    while (i < t.n && isspace((unsigned char)t.s[i]))
        i++;
    if (i >= t.n || t.s[i] != '(')
        return scnp_perr(c, t.col + (unsigned)i, "expected '(' after CTL_CODE");
    if (t.s[t.n - 1] != ')')
        return scnp_perr(c, t.col + (unsigned)t.n - 1, "unexpected text after CTL_CODE(...)");
    for (i++; k < 4 && i < t.n; k++) {
        size_t a = i, e;
        int parens = 0; /* an argument may itself be CTL_CODE(...): split at its own commas only */
        while (i < t.n - 1 && (t.s[i] != ',' || parens > 0)) {
            parens += t.s[i] == '(' ? 1 : t.s[i] == ')' ? -1 : 0;
            i++;
        }
        for (e = i; e > a && isspace((unsigned char)t.s[e - 1]); e--)
            ;
        while (a < e && isspace((unsigned char)t.s[a]))
            a++;
        if (scnp_parse_number(c, (struct tok){t.s + a, e - a, t.col + (unsigned)a}, &v[k]) < 0)
            return -1;
        if (v[k] > max[k])
            return scnp_perr(c, t.col + (unsigned)a, "CTL_CODE %s 0x%llX is larger than 0x%llX",
                             what[k], (unsigned long long)v[k], (unsigned long long)max[k]);
        i++;
    }
    if (k != 4 || i != t.n)
        return scnp_perr(c, t.col,
                         "CTL_CODE takes 4 arguments (DeviceType, Function, Method, Access)");
    *out = v[0] << 16 | v[3] << 14 | v[1] << 2 | v[2];
    return 0;
}

/* A decimal or 0x number, a defined or built-in name, or CTL_CODE(...). */
int scnp_parse_number(struct pctx *c, struct tok t, uint64_t *out)
{
    const struct def *d;
    if (t.n == 0)
        return scnp_perr(c, t.col, "missing number");
    if (isdigit((unsigned char)t.s[0]))
        return parse_literal(c, t, out);
    if (scnp_tok_starts(t, "CTL_CODE") && (t.n == 8 || !scnp_is_ident(scnp_tok_sub(t, 8)))) {
        int rc;
        /* CTL_CODE's arguments are numbers, so it nests: bound the recursion. */
        if (c->depth >= SCN_MAX_NESTING)
            return scnp_perr(c, t.col, "CTL_CODE nested more than %d deep", SCN_MAX_NESTING);
        c->depth++;
        rc = parse_ctl_code(c, t, out);
        c->depth--;
        return rc;
    }
    if (!scnp_is_ident(t))
        return scnp_perr(c, t.col, "expected a number, got '%.*s'", (int)t.n, t.s);
    d = scnp_find_def(c, t);
    if (!d)
        return scnp_perr(c, t.col, "undefined name '%.*s'", (int)t.n, t.s);
    *out = d->value;
    return 0;
}

int scnp_parse_u32(struct pctx *c, struct tok t, const char *what, uint32_t *out)
{
    uint64_t v = 0;
    if (scnp_parse_number(c, t, &v) < 0)
        return -1;
    if (v > UINT32_MAX)
        return scnp_perr(c, t.col, "%s 0x%llX does not fit in 32 bits", what,
                         (unsigned long long)v);
    *out = (uint32_t)v;
    return 0;
}

int scnp_parse_size(struct pctx *c, struct tok t, size_t *out)
{
    uint64_t v = 0;
    if (scnp_parse_number(c, t, &v) < 0)
        return -1;
    if (v > SCN_MAX_DATA)
        return scnp_perr(c, t.col, "size %llu is larger than the limit %u", (unsigned long long)v,
                         SCN_MAX_DATA);
    *out = (size_t)v;
    return 0;
}

int scnp_parse_status(struct pctx *c, struct tok t, int *check, int32_t *status)
{
    char buf[128];
    const struct def *d;
    *check = !scnp_tok_is(t, "any");
    if (!*check)
        return 0;
    if (t.n > 0 && t.n < sizeof buf) {
        memcpy(buf, t.s, t.n);
        buf[t.n] = 0;
        if (drvhost_status_parse(buf, status) == 0)
            return 0;
    }
    d = scnp_is_ident(t) ? scnp_find_def(c, t) : NULL;
    if (d && d->value <= UINT32_MAX) {
        *status = (int32_t)(uint32_t)d->value;
        return 0;
    }
    return scnp_perr(c, t.col, "unknown status '%.*s'", (int)t.n, t.s);
}

/* ---- DATA -------------------------------------------------------------------------------- */

static int parse_hex(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    if (t.n % 2)
        return scnp_perr(c, t.col, "odd number of hex digits in DATA");
    if (!scnp_bytes_alloc(c, t.n / 2, out))
        return -1;
    for (size_t i = 0; i < t.n; i += 2) {
        int hi = scnp_hexval(t.s[i]), lo = scnp_hexval(t.s[i + 1]);
        if (hi < 0 || lo < 0)
            return scnp_perr(c, t.col + (unsigned)i + (hi >= 0), "bad hex digit '%c'",
                             hi < 0 ? t.s[i] : t.s[i + 1]);
        out->data[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* repeat:N:BYTE (t is what follows "repeat:"); zero:N is repeat with byte 0. */
static int parse_repeat(struct pctx *c, struct tok t, int has_byte, struct scn_bytes *out)
{
    const char *colon = has_byte ? memchr(t.s, ':', t.n) : NULL;
    struct tok count = t;
    struct scn_bytes byte = {0};
    size_t n = 0;
    if (has_byte && !colon)
        return scnp_perr(c, t.col, "expected repeat:COUNT:BYTEHEX");
    if (colon) {
        count.n = (size_t)(colon - t.s);
        if (parse_hex(c, scnp_tok_sub(t, count.n + 1), &byte) < 0)
            return -1;
        if (byte.size != 1)
            return scnp_perr(c, t.col + (unsigned)count.n + 1,
                             "repeat needs exactly one byte (2 hex digits)");
    }
    if (scnp_parse_size(c, count, &n) < 0 || !scnp_bytes_alloc(c, n, out))
        return -1;
    memset(out->data, byte.size ? byte.data[0] : 0, n);
    return 0;
}

int scnp_parse_data(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    if (scnp_tok_starts(t, "hex:"))
        return parse_hex(c, scnp_tok_sub(t, 4), out);
    if (scnp_tok_starts(t, "utf16:"))
        return scnp_to_utf16(c, scnp_tok_sub(t, 6), 0, out);
    if (scnp_tok_starts(t, "zero:"))
        return parse_repeat(c, scnp_tok_sub(t, 5), 0, out);
    if (scnp_tok_starts(t, "repeat:"))
        return parse_repeat(c, scnp_tok_sub(t, 7), 1, out);
    if (t.n && t.s[0] == '"')
        return scnp_decode_quoted(c, t, out);
    return scnp_perr(c, t.col,
                     "bad DATA '%.*s' (expected hex:..., \"string\", utf16:\"...\", "
                     "zero:N or repeat:N:XX)",
                     (int)t.n, t.s);
}
