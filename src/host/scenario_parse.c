/*
 * scenario_parse.c - scenario text -> struct scn_script (docs/scenario.md is the reference).
 *
 * Pure: no runtime state is touched (drvhost_status_parse is a table lookup). Each line is cut
 * into tokens (a token runs to the next blank outside quotes and CTL_CODE(...)), the first token
 * picks the command, the following ones are positional arguments up to the command's maximum or
 * the first `key=value` option. A line with an error is dropped and parsing goes on with the
 * next line so that every error is reported; the static checks (handles, tags, defines) follow
 * the text in order, like the run will.
 */
#include "scenario.h"

#include <drvhost/drvhost.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS           256
#define ARENA_BLOCK          16384
#define STATUS_TIMEOUT_VALUE 0x102

struct scn_block {
    struct scn_block *next;
    size_t used, cap;
    max_align_t mem[];
};

/* A view of part of a line; col is the 1-based column of s[0]. */
struct tok {
    const char *s;
    size_t n;
    unsigned col;
};

struct def {
    const char *name;
    uint64_t value;
};

/* Static state of a handle name or an async tag. */
struct slot {
    const char *name;
    int open;      /* handle: open now; tag: issued and not yet waited for */
    unsigned line; /* line of the last open/close (handle) or issue/wait (tag) */
};

struct slots {
    struct slot *v;
    size_t n, cap;
};

struct pctx {
    const char *file;
    FILE *err;
    int errors;
    unsigned line;
    struct scn_script *s;
    size_t cmd_cap;
    struct def *defs;
    size_t ndefs, def_cap;
    struct slots handles, tags;
    unsigned bugcheck_line;
    unsigned end_col; /* column just after the last token of the line */
    unsigned depth;   /* CTL_CODE nesting of the number being parsed */
};

/* ---- errors and memory ------------------------------------------------------------------- */

static int perr(struct pctx *c, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int perr(struct pctx *c, unsigned col, const char *fmt, ...)
{
    va_list ap;
    if (c->errors >= SCN_MAX_ERRORS)
        return -1;
    fprintf(c->err, "%s:%u:%u: error: ", c->file, c->line, col);
    va_start(ap, fmt);
    vfprintf(c->err, fmt, ap);
    va_end(ap);
    fputc('\n', c->err);
    if (++c->errors == SCN_MAX_ERRORS)
        fprintf(c->err, "%s: too many errors, stopping\n", c->file);
    return -1;
}

static void *arena_alloc(struct pctx *c, size_t n)
{
    struct scn_block *b = c->s->blocks;
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) {
            perr(c, 1, "out of memory");
            return NULL;
        }
        b->next = c->s->blocks;
        b->used = 0;
        b->cap = cap;
        c->s->blocks = b;
    }
    b->used += n;
    return (unsigned char *)b->mem + b->used - n;
}

/* Allocates size bytes plus the NUL that always follows a scn_bytes. */
static uint8_t *bytes_alloc(struct pctx *c, size_t size, struct scn_bytes *out)
{
    out->data = arena_alloc(c, size + 1);
    out->size = size;
    if (out->data)
        out->data[size] = 0;
    return out->data;
}

static const char *arena_strndup(struct pctx *c, const char *s, size_t n)
{
    struct scn_bytes b;
    if (!bytes_alloc(c, n, &b))
        return NULL;
    memcpy(b.data, s, n);
    return (const char *)b.data;
}

static int grow(struct pctx *c, void **v, size_t *cap, size_t n, size_t elem)
{
    void *p;
    size_t ncap;
    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    p = realloc(*v, ncap * elem);
    if (!p)
        return perr(c, 1, "out of memory");
    *v = p;
    *cap = ncap;
    return 0;
}

/* ---- token helpers ----------------------------------------------------------------------- */

static struct tok tok_sub(struct tok t, size_t from)
{
    struct tok r = {t.s + from, t.n - from, t.col + (unsigned)from};
    return r;
}

static int tok_is(struct tok t, const char *word)
{
    return strlen(word) == t.n && memcmp(t.s, word, t.n) == 0;
}

static int tok_starts(struct tok t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t.n >= n && memcmp(t.s, prefix, n) == 0;
}

static int is_ident(struct tok t)
{
    if (t.n == 0 || !(isalpha((unsigned char)t.s[0]) || t.s[0] == '_'))
        return 0;
    for (size_t i = 1; i < t.n; i++)
        if (!(isalnum((unsigned char)t.s[i]) || t.s[i] == '_' || t.s[i] == '-'))
            return 0;
    return 1;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)tolower((unsigned char)ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Splits a line (without its newline) into tokens. Returns the count or -1. Blanks inside
 * quotes and inside CTL_CODE(...) do not end a token. */
static int tokenize(struct pctx *c, const char *s, size_t n, struct tok *t)
{
    int nt = 0;
    size_t i = 0;
    c->end_col = 1;
    while (i < n) {
        size_t start, quote = 0, paren = 0;
        int inq = 0, depth = 0;
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
            i++;
            continue;
        }
        if (s[i] == '#')
            break;
        if (nt == MAX_TOKENS)
            return perr(c, (unsigned)i + 1, "too many tokens on one line");
        for (start = i; i < n; i++) {
            char ch = s[i];
            if (inq) {
                if (ch == '\\' && i + 1 < n)
                    i++;
                else if (ch == '"')
                    inq = 0;
            } else if (ch == '"') {
                inq = 1;
                quote = i;
            } else if (ch == '(' &&
                       (depth || (i - start >= 8 && !memcmp(s + i - 8, "CTL_CODE", 8)))) {
                if (depth++ == 0)
                    paren = i;
            } else if (ch == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && (ch == ' ' || ch == '\t' || ch == '\r' || ch == '#')) {
                break;
            }
        }
        if (inq)
            return perr(c, (unsigned)quote + 1, "unterminated string");
        if (depth)
            return perr(c, (unsigned)paren + 1, "missing ')'");
        t[nt].s = s + start;
        t[nt].n = i - start;
        t[nt].col = (unsigned)start + 1;
        c->end_col = (unsigned)i + 1;
        nt++;
    }
    return nt;
}

/* ---- strings ----------------------------------------------------------------------------- */

static int decode_escape(struct pctx *c, struct tok t, size_t *i, uint8_t *out)
{
    char e = *i + 1 < t.n ? t.s[*i + 1] : 0;
    static const char from[] = "\"\\ntr0", to[] = "\"\\\n\t\r";
    const char *p = e ? strchr(from, e) : NULL;
    if (p) {
        *out = (uint8_t)to[p - from]; /* "0" maps onto the terminating NUL of `to` */
        *i += 2;
        return 0;
    }
    if (e == 'x') {
        int hi = *i + 2 < t.n ? hexval(t.s[*i + 2]) : -1;
        int lo = *i + 3 < t.n ? hexval(t.s[*i + 3]) : -1;
        if (hi < 0 || lo < 0)
            return perr(c, t.col + (unsigned)*i, "bad hex digit in \\x escape (need two digits)");
        *out = (uint8_t)(hi << 4 | lo);
        *i += 4;
        return 0;
    }
    return perr(c, t.col + (unsigned)*i, "unknown escape '\\%c'", e ? e : ' ');
}

/* t starts with '"'; the closing quote must end the token. */
static int decode_quoted(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    size_t i = 1, n = 0;
    uint8_t *d = bytes_alloc(c, t.n, out);
    if (!d)
        return -1;
    while (i < t.n && t.s[i] != '"') {
        if (t.s[i] == '\\') {
            if (decode_escape(c, t, &i, d + n++) < 0)
                return -1;
        } else {
            d[n++] = (uint8_t)t.s[i++];
        }
    }
    if (i >= t.n)
        return perr(c, t.col, "unterminated string");
    if (i + 1 != t.n)
        return perr(c, t.col + (unsigned)i + 1, "unexpected text after a string");
    d[n] = 0;
    out->size = n;
    return 0;
}

/* A quoted string or a bare word (taken literally). */
static int decode_string(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    const char *q;
    if (t.n && t.s[0] == '"')
        return decode_quoted(c, t, out);
    q = memchr(t.s, '"', t.n);
    if (q)
        return perr(c, t.col + (unsigned)(q - t.s), "unexpected '\"' inside a bare word");
    if (!bytes_alloc(c, t.n, out))
        return -1;
    memcpy(out->data, t.s, t.n);
    return 0;
}

/* A string used as a C string: no NUL byte inside; empty only when allow_empty. */
static int decode_name(struct pctx *c, struct tok t, const char *what, int allow_empty,
                       const char **out)
{
    struct scn_bytes b;
    if (decode_string(c, t, &b) < 0)
        return -1;
    if (memchr(b.data, 0, b.size))
        return perr(c, t.col, "%s contains a NUL byte", what);
    if (!allow_empty && b.size == 0)
        return perr(c, t.col, "%s is empty", what);
    *out = (const char *)b.data;
    return 0;
}

/* Next code point of UTF-8 text, or -1 if malformed. */
static long utf8_next(const uint8_t *s, size_t n, size_t *i)
{
    uint8_t b = s[*i];
    int len = b < 0x80             ? 1
              : (b & 0xE0) == 0xC0 ? 2
              : (b & 0xF0) == 0xE0 ? 3
              : (b & 0xF8) == 0xF0 ? 4
                                   : 0;
    static const long min[] = {0, 0, 0x80, 0x800, 0x10000};
    long cp = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
    if (len == 0 || *i + (size_t)len > n)
        return -1;
    for (int k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80)
            return -1;
        cp = cp << 6 | (s[*i + k] & 0x3F);
    }
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *i += (size_t)len;
    return cp;
}

static size_t put16(uint8_t *d, size_t n, unsigned v)
{
    d[n] = (uint8_t)(v & 0xFF);
    d[n + 1] = (uint8_t)(v >> 8);
    return n + 2;
}

/* UTF-8 -> UTF-16LE appended at d (room: 2 bytes per input byte, plus 2 for the terminator). */
static int utf16_encode(struct pctx *c, unsigned col, struct scn_bytes in, int terminate,
                        uint8_t *d, size_t *len)
{
    size_t i = 0, n = *len;
    while (i < in.size) {
        long cp = utf8_next(in.data, in.size, &i);
        if (cp < 0)
            return perr(c, col, "invalid UTF-8 in string (byte %zu)", i);
        if (cp >= 0x10000) {
            n = put16(d, n, 0xD800 | (unsigned)((cp - 0x10000) >> 10));
            n = put16(d, n, 0xDC00 | (unsigned)(cp & 0x3FF));
        } else {
            n = put16(d, n, (unsigned)cp);
        }
    }
    if (terminate)
        n = put16(d, n, 0);
    *len = n;
    return 0;
}

static int to_utf16(struct pctx *c, struct tok t, int terminate, struct scn_bytes *out)
{
    struct scn_bytes s;
    size_t len = 0;
    if (decode_string(c, t, &s) < 0 || !bytes_alloc(c, s.size * 2 + 2, out))
        return -1;
    if (utf16_encode(c, t.col, s, terminate, out->data, &len) < 0)
        return -1;
    out->data[len] = 0;
    out->size = len;
    return 0;
}

/* ---- numbers ----------------------------------------------------------------------------- */

static const struct def builtins[] = {
    {"METHOD_BUFFERED", 0},        {"METHOD_IN_DIRECT", 1}, {"METHOD_OUT_DIRECT", 2},
    {"METHOD_NEITHER", 3},         {"FILE_ANY_ACCESS", 0},  {"FILE_READ_ACCESS", 1},
    {"FILE_WRITE_ACCESS", 2},      {"FILE_READ_DATA", 1},   {"FILE_WRITE_DATA", 2},
    {"FILE_DEVICE_UNKNOWN", 0x22},
};

static const struct def *find_def(struct pctx *c, struct tok t)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (tok_is(t, builtins[i].name))
            return &builtins[i];
    for (size_t i = 0; i < c->ndefs; i++)
        if (tok_is(t, c->defs[i].name))
            return &c->defs[i];
    return NULL;
}

static int parse_number(struct pctx *c, struct tok t, uint64_t *out);

static int parse_literal(struct pctx *c, struct tok t, uint64_t *out)
{
    int hex = t.n > 2 && t.s[0] == '0' && (t.s[1] == 'x' || t.s[1] == 'X');
    unsigned base = hex ? 16 : 10;
    uint64_t v = 0;
    for (size_t i = hex ? 2 : 0; i < t.n; i++) {
        int d = hexval(t.s[i]);
        if (d < 0 || (unsigned)d >= base)
            return perr(c, t.col + (unsigned)i, "bad %s digit '%c' in number '%.*s'",
                        hex ? "hex" : "decimal", t.s[i], (int)t.n, t.s);
        if (v > (UINT64_MAX - (unsigned)d) / base)
            return perr(c, t.col, "number '%.*s' is too large", (int)t.n, t.s);
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
        return perr(c, t.col + (unsigned)i, "expected '(' after CTL_CODE");
    if (t.s[t.n - 1] != ')')
        return perr(c, t.col + (unsigned)t.n - 1, "unexpected text after CTL_CODE(...)");
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
        if (parse_number(c, (struct tok){t.s + a, e - a, t.col + (unsigned)a}, &v[k]) < 0)
            return -1;
        if (v[k] > max[k])
            return perr(c, t.col + (unsigned)a, "CTL_CODE %s 0x%llX is larger than 0x%llX", what[k],
                        (unsigned long long)v[k], (unsigned long long)max[k]);
        i++;
    }
    if (k != 4 || i != t.n)
        return perr(c, t.col, "CTL_CODE takes 4 arguments (DeviceType, Function, Method, Access)");
    *out = v[0] << 16 | v[3] << 14 | v[1] << 2 | v[2];
    return 0;
}

/* A decimal or 0x number, a defined or built-in name, or CTL_CODE(...). */
static int parse_number(struct pctx *c, struct tok t, uint64_t *out)
{
    const struct def *d;
    if (t.n == 0)
        return perr(c, t.col, "missing number");
    if (isdigit((unsigned char)t.s[0]))
        return parse_literal(c, t, out);
    if (tok_starts(t, "CTL_CODE") && (t.n == 8 || !is_ident(tok_sub(t, 8)))) {
        int rc;
        /* CTL_CODE's arguments are numbers, so it nests: bound the recursion. */
        if (c->depth >= SCN_MAX_NESTING)
            return perr(c, t.col, "CTL_CODE nested more than %d deep", SCN_MAX_NESTING);
        c->depth++;
        rc = parse_ctl_code(c, t, out);
        c->depth--;
        return rc;
    }
    if (!is_ident(t))
        return perr(c, t.col, "expected a number, got '%.*s'", (int)t.n, t.s);
    d = find_def(c, t);
    if (!d)
        return perr(c, t.col, "undefined name '%.*s'", (int)t.n, t.s);
    *out = d->value;
    return 0;
}

static int parse_u32(struct pctx *c, struct tok t, const char *what, uint32_t *out)
{
    uint64_t v = 0;
    if (parse_number(c, t, &v) < 0)
        return -1;
    if (v > UINT32_MAX)
        return perr(c, t.col, "%s 0x%llX does not fit in 32 bits", what, (unsigned long long)v);
    *out = (uint32_t)v;
    return 0;
}

static int parse_size(struct pctx *c, struct tok t, size_t *out)
{
    uint64_t v = 0;
    if (parse_number(c, t, &v) < 0)
        return -1;
    if (v > SCN_MAX_DATA)
        return perr(c, t.col, "size %llu is larger than the limit %u", (unsigned long long)v,
                    SCN_MAX_DATA);
    *out = (size_t)v;
    return 0;
}

static int parse_status(struct pctx *c, struct tok t, int *check, int32_t *status)
{
    char buf[128];
    const struct def *d;
    *check = !tok_is(t, "any");
    if (!*check)
        return 0;
    if (t.n > 0 && t.n < sizeof buf) {
        memcpy(buf, t.s, t.n);
        buf[t.n] = 0;
        if (drvhost_status_parse(buf, status) == 0)
            return 0;
    }
    d = is_ident(t) ? find_def(c, t) : NULL;
    if (d && d->value <= UINT32_MAX) {
        *status = (int32_t)(uint32_t)d->value;
        return 0;
    }
    return perr(c, t.col, "unknown status '%.*s'", (int)t.n, t.s);
}

/* ---- DATA -------------------------------------------------------------------------------- */

static int parse_hex(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    if (t.n % 2)
        return perr(c, t.col, "odd number of hex digits in DATA");
    if (!bytes_alloc(c, t.n / 2, out))
        return -1;
    for (size_t i = 0; i < t.n; i += 2) {
        int hi = hexval(t.s[i]), lo = hexval(t.s[i + 1]);
        if (hi < 0 || lo < 0)
            return perr(c, t.col + (unsigned)i + (hi >= 0), "bad hex digit '%c'",
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
        return perr(c, t.col, "expected repeat:COUNT:BYTEHEX");
    if (colon) {
        count.n = (size_t)(colon - t.s);
        if (parse_hex(c, tok_sub(t, count.n + 1), &byte) < 0)
            return -1;
        if (byte.size != 1)
            return perr(c, t.col + (unsigned)count.n + 1,
                        "repeat needs exactly one byte (2 hex digits)");
    }
    if (parse_size(c, count, &n) < 0 || !bytes_alloc(c, n, out))
        return -1;
    memset(out->data, byte.size ? byte.data[0] : 0, n);
    return 0;
}

static int parse_data(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    if (tok_starts(t, "hex:"))
        return parse_hex(c, tok_sub(t, 4), out);
    if (tok_starts(t, "utf16:"))
        return to_utf16(c, tok_sub(t, 6), 0, out);
    if (tok_starts(t, "zero:"))
        return parse_repeat(c, tok_sub(t, 5), 0, out);
    if (tok_starts(t, "repeat:"))
        return parse_repeat(c, tok_sub(t, 7), 1, out);
    if (t.n && t.s[0] == '"')
        return decode_quoted(c, t, out);
    return perr(c, t.col,
                "bad DATA '%.*s' (expected hex:..., \"string\", utf16:\"...\", "
                "zero:N or repeat:N:XX)",
                (int)t.n, t.s);
}

/* ---- static checks: handles and tags ----------------------------------------------------- */

static int slot_find(struct slots *v, struct tok t)
{
    for (size_t i = 0; i < v->n; i++)
        if (tok_is(t, v->v[i].name))
            return (int)i;
    return -1;
}

static int slot_add(struct pctx *c, struct slots *v, struct tok t)
{
    const char *name;
    if (grow(c, (void **)&v->v, &v->cap, v->n, sizeof *v->v) < 0)
        return -1;
    name = arena_strndup(c, t.s, t.n);
    if (!name)
        return -1;
    v->v[v->n] = (struct slot){name, 0, 0};
    return (int)v->n++;
}

static int check_ident(struct pctx *c, struct tok t, const char *what)
{
    if (!is_ident(t))
        return perr(c, t.col, "bad %s name '%.*s' (letters, digits, '_' and '-')", what, (int)t.n,
                    t.s);
    return 0;
}

/* `open H`: H must not be open already. */
static int handle_open(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int h;
    if (check_ident(c, t, "handle") < 0)
        return -1;
    h = slot_find(&c->handles, t);
    if (h >= 0 && c->handles.v[h].open)
        return perr(c, t.col, "handle '%.*s' is already open (line %u)", (int)t.n, t.s,
                    c->handles.v[h].line);
    if (h < 0 && (h = slot_add(c, &c->handles, t)) < 0)
        return -1;
    /* An open expected to fail leaves the name closed. */
    c->handles.v[h].open = !cmd->check_status || cmd->status >= 0;
    c->handles.v[h].line = c->line;
    cmd->handle = h;
    return 0;
}

static int handle_use(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int h = slot_find(&c->handles, t);
    if (h < 0)
        return perr(c, t.col, "undefined handle '%.*s' (no 'open %.*s' before)", (int)t.n, t.s,
                    (int)t.n, t.s);
    if (!c->handles.v[h].open)
        return perr(c, t.col, "handle '%.*s' is not open (closed or failed open on line %u)",
                    (int)t.n, t.s, c->handles.v[h].line);
    cmd->handle = h;
    if (cmd->kind == SCN_CLOSE) {
        c->handles.v[h].open = 0;
        c->handles.v[h].line = c->line;
    }
    return 0;
}

static int tag_issue(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k;
    if (check_ident(c, t, "async tag") < 0)
        return -1;
    k = slot_find(&c->tags, t);
    if (k >= 0)
        return perr(c, t.col, "duplicate async tag '%.*s' (first used on line %u)", (int)t.n, t.s,
                    c->tags.v[k].line);
    if ((k = slot_add(c, &c->tags, t)) < 0)
        return -1;
    c->tags.v[k].open = 1;
    c->tags.v[k].line = c->line;
    cmd->tag = k;
    cmd->async = 1;
    return 0;
}

/* `wait TAG` / `cancel TAG`: the request must have been issued and not yet waited for. */
static int tag_use(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k = slot_find(&c->tags, t);
    if (k < 0)
        return perr(c, t.col, "unknown async tag '%.*s' (no async=%.*s before)", (int)t.n, t.s,
                    (int)t.n, t.s);
    if (!c->tags.v[k].open)
        return perr(c, t.col, "request '%.*s' was already waited for on line %u", (int)t.n, t.s,
                    c->tags.v[k].line);
    cmd->tag = k;
    if (cmd->kind == SCN_WAIT) {
        c->tags.v[k].open = 0;
        c->tags.v[k].line = c->line;
    }
    return 0;
}

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
};

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
};

/* The option a token names by its key (the text before '='), 0 if none; *eq: it has a '='. */
static unsigned option_bit(struct tok t, struct tok *key, struct tok *value, int *eq)
{
    const char *p = memchr(t.s, '=', t.n);
    *key = t;
    *eq = p != NULL;
    if (p)
        key->n = (size_t)(p - t.s);
    *value = p ? tok_sub(t, key->n + 1) : tok_sub(t, t.n);
    for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++)
        if (tok_is(*key, option_names[i].name))
            return option_names[i].bit;
    return 0;
}

/* Does the token read as an option ("key=value" with a known key, or the flag "internal")? */
static int is_option(struct tok t)
{
    struct tok key, value;
    int eq;
    unsigned bit = option_bit(t, &key, &value, &eq);
    return bit && eq == (bit != O_INTERNAL);
}

/* The whole signed 64-bit range of LARGE_INTEGER ByteOffset, INT64_MIN included. */
static int parse_offset(struct pctx *c, struct tok v, int64_t *out)
{
    int neg = v.n > 0 && v.s[0] == '-';
    uint64_t u = 0;
    if (parse_number(c, neg ? tok_sub(v, 1) : v, &u) < 0)
        return -1;
    if (u > (uint64_t)INT64_MAX + (neg ? 1u : 0u))
        return perr(c, v.col, "offset is outside the signed 64-bit range");
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return 0;
}

static int parse_access(struct pctx *c, struct tok v, uint32_t *out)
{
    if (tok_is(v, "read"))
        *out = 0x80000000u;
    else if (tok_is(v, "write"))
        *out = 0x40000000u;
    else if (tok_is(v, "rw"))
        *out = 0xC0000000u;
    else
        return parse_u32(c, v, "access", out);
    return 0;
}

static int parse_yes_no(struct pctx *c, struct tok v, int *out)
{
    if (tok_is(v, "yes") || tok_is(v, "1") || tok_is(v, "true"))
        *out = 1;
    else if (tok_is(v, "no") || tok_is(v, "0") || tok_is(v, "false"))
        *out = 0;
    else
        return perr(c, v.col, "expected yes or no, got '%.*s'", (int)v.n, v.s);
    return 0;
}

static int option_value(struct pctx *c, unsigned bit, struct tok v, struct scn_cmd *cmd)
{
    switch (bit) {
    case O_EXPECT:
        return parse_status(c, v, &cmd->check_status, &cmd->status);
    case O_ACCESS:
        return parse_access(c, v, &cmd->access);
    case O_IN:
        return parse_data(c, v, &cmd->data);
    case O_OUT:
        return parse_size(c, v, &cmd->out_size);
    case O_OFFSET:
        return parse_offset(c, v, &cmd->offset);
    case O_EXPECT_OUT:
        cmd->check_out = 1;
        return parse_data(c, v, &cmd->out);
    case O_EXPECT_INFO:
        cmd->check_info = 1;
        return parse_number(c, v, &cmd->info);
    case O_ASYNC:
        return tag_issue(c, v, cmd);
    case O_INTERNAL:
        cmd->internal = 1;
        return 0;
    case O_TIMEOUT:
        /* wait: how long to wait (a failure, the run goes on); elsewhere: the hang time-out */
        if (cmd->kind == SCN_WAIT)
            return parse_u32(c, v, "timeout", &cmd->ms);
        if (parse_u32(c, v, "timeout", &cmd->hang_ms) < 0)
            return -1;
        return cmd->hang_ms ? 0 : perr(c, v.col, "timeout must be at least 1 ms");
    case O_CANCELLED:
        return parse_yes_no(c, v, &cmd->expect_cancelled);
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
    if (decode_name(c, t, "IMAGE", 0, &img) < 0)
        return -1;
    if (img[0] == '/' || dir == 0) {
        *out = img;
        return 0;
    }
    if (!bytes_alloc(c, dir + strlen(img), &b))
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
    if (decode_name(c, a[0], "service name", 0, &cmd->name) < 0)
        return -1;
    return decode_name(c, a[1], "IMAGE", 0, &cmd->str);
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
    return decode_name(c, a[0], "service name", 0, &cmd->name);
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
    if (!bytes_alloc(c, room, out))
        return -1;
    for (int i = 0; i < n; i++) {
        struct scn_bytes s;
        if (decode_string(c, a[i], &s) < 0 || utf16_encode(c, a[i].col, s, 1, out->data, &len) < 0)
            return -1;
    }
    len = put16(out->data, len, 0);
    out->data[len] = 0;
    out->size = len;
    return 0;
}

static int reg_number(struct pctx *c, struct tok t, size_t size, struct scn_bytes *out)
{
    uint64_t v = 0;
    if (parse_number(c, t, &v) < 0)
        return -1;
    if (size == 4 && v > UINT32_MAX)
        return perr(c, t.col, "REG_DWORD value 0x%llX does not fit in 32 bits",
                    (unsigned long long)v);
    if (!bytes_alloc(c, size, out))
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
        return perr(c, c->end_col, "missing argument DATA");
    if (n > 1)
        return perr(c, a[1].col, "unexpected argument '%.*s'", (int)a[1].n, a[1].s);
    switch (cmd->reg_type) {
    case DRVHOST_REG_DWORD:
        return reg_number(c, a[0], 4, &cmd->data);
    case DRVHOST_REG_QWORD:
        return reg_number(c, a[0], 8, &cmd->data);
    case DRVHOST_REG_BINARY:
        return parse_data(c, a[0], &cmd->data);
    default:
        return to_utf16(c, a[0], 1, &cmd->data);
    }
}

static int cmd_reg(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    size_t i;
    if (decode_name(c, a[1], "KEY", 0, &cmd->str) < 0)
        return -1;
    if (tok_is(a[2], "@"))
        cmd->value_name = "";
    else if (decode_name(c, a[2], "value name", 1, &cmd->value_name) < 0)
        return -1;
    for (i = 0; i < sizeof reg_types / sizeof reg_types[0]; i++)
        if (tok_is(a[3], reg_types[i].name))
            break;
    if (i == sizeof reg_types / sizeof reg_types[0])
        return perr(c, a[3].col, "unknown registry type '%.*s'", (int)a[3].n, a[3].s);
    cmd->reg_type = reg_types[i].type;
    return reg_data(c, cmd, a + 4, n - 4);
}

static int cmd_open(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (decode_name(c, a[1], "PATH", 0, &cmd->str) < 0)
        return -1;
    return handle_open(c, a[0], cmd);
}

static int cmd_close(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return handle_use(c, a[0], cmd);
}

static int cmd_ioctl(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (parse_u32(c, a[1], "control code", &cmd->code) < 0)
        return -1;
    return handle_use(c, a[0], cmd);
}

static int cmd_read(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (parse_size(c, a[1], &cmd->out_size) < 0)
        return -1;
    return handle_use(c, a[0], cmd);
}

static int cmd_write(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (parse_data(c, a[1], &cmd->data) < 0)
        return -1;
    return handle_use(c, a[0], cmd);
}

static int cmd_tag(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return tag_use(c, a[0], cmd);
}

static int cmd_sleep(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    return parse_u32(c, a[0], "sleep time", &cmd->ms);
}

/* echo: the words (each may be quoted) joined by one space. */
static int cmd_echo(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    size_t room = 0, len = 0;
    struct scn_bytes out;
    for (int i = 0; i < n; i++)
        room += a[i].n + 1;
    if (!bytes_alloc(c, room, &out))
        return -1;
    for (int i = 0; i < n; i++) {
        struct scn_bytes w;
        if (decode_string(c, a[i], &w) < 0)
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

static int cmd_bugcheck(struct pctx *c, struct scn_cmd *cmd, const struct tok *a, int n)
{
    (void)n;
    if (c->bugcheck_line)
        return perr(c, a[0].col, "duplicate expect-bugcheck (first on line %u)", c->bugcheck_line);
    c->bugcheck_line = c->line;
    return parse_u32(c, a[0], "bug-check code", &cmd->code);
}

#define IO_EXPECT (O_EXPECT | O_EXPECT_INFO | O_EXPECT_OUT | O_ASYNC)
static const struct cmd_def commands[] = {
    {"service", SCN_SERVICE, 2, 2, O_EXPECT, {"NAME", "IMAGE"}, cmd_service},
    {"reg", SCN_REG_SET, 4, MAX_TOKENS, O_EXPECT, {"set", "KEY", "NAME", "TYPE"}, cmd_reg},
    {"reg", SCN_REG_IMPORT, 2, 2, O_EXPECT, {"import", "FILE"}, cmd_reg_import},
    {"load", SCN_LOAD, 1, 1, O_EXPECT | O_TIMEOUT, {"NAME"}, cmd_driver},
    {"unload", SCN_UNLOAD, 1, 1, O_EXPECT | O_TIMEOUT, {"NAME"}, cmd_driver},
    {"open", SCN_OPEN, 2, 2, O_EXPECT | O_ACCESS | O_TIMEOUT, {"H", "PATH"}, cmd_open},
    {"close", SCN_CLOSE, 1, 1, O_EXPECT | O_TIMEOUT, {"H"}, cmd_close},
    {"ioctl",
     SCN_IOCTL,
     2,
     2,
     IO_EXPECT | O_IN | O_OUT | O_INTERNAL | O_TIMEOUT,
     {"H", "CODE"},
     cmd_ioctl},
    {"read", SCN_READ, 2, 2, IO_EXPECT | O_OFFSET | O_TIMEOUT, {"H", "N"}, cmd_read},
    {"write",
     SCN_WRITE,
     2,
     2,
     O_EXPECT | O_EXPECT_INFO | O_ASYNC | O_OFFSET | O_TIMEOUT,
     {"H", "DATA"},
     cmd_write},
    {"wait", SCN_WAIT, 1, 1, O_EXPECT | O_EXPECT_INFO | O_EXPECT_OUT | O_TIMEOUT, {"TAG"}, cmd_tag},
    {"cancel", SCN_CANCEL, 1, 1, O_CANCELLED, {"TAG"}, cmd_tag},
    {"sleep", SCN_SLEEP, 1, 1, 0, {"MS"}, cmd_sleep},
    {"echo", SCN_ECHO, 0, MAX_TOKENS, 0, {0}, cmd_echo},
    {"expect-bugcheck", SCN_EXPECT_BUGCHECK, 1, 1, 0, {"CODE"}, cmd_bugcheck},
};

static int parse_options(struct pctx *c, const struct cmd_def *d, struct scn_cmd *cmd,
                         const struct tok *t, int n, unsigned *given)
{
    for (int i = 0; i < n; i++) {
        struct tok key, value;
        int eq;
        unsigned bit = option_bit(t[i], &key, &value, &eq);
        if (!eq && !bit)
            return perr(c, t[i].col, "unexpected argument '%.*s'", (int)t[i].n, t[i].s);
        if (!bit)
            return perr(c, t[i].col, "unknown option '%.*s'", (int)key.n, key.s);
        if (bit == O_INTERNAL && eq)
            return perr(c, t[i].col, "option 'internal' takes no value");
        if (!(d->options & bit))
            return perr(c, t[i].col, "option '%.*s' does not apply to %s", (int)key.n, key.s,
                        d->name);
        if (*given & bit)
            return perr(c, t[i].col, "duplicate option '%.*s'", (int)key.n, key.s);
        *given |= bit;
        if (bit != O_INTERNAL && (!eq || value.n == 0))
            return perr(c, value.col, "missing value for option '%.*s'", (int)key.n, key.s);
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
                            cmd->kind != SCN_ECHO && cmd->kind != SCN_EXPECT_BUGCHECK;
        cmd->status = 0;
    }
    if (io && cmd->async && (given & (O_EXPECT_OUT | O_EXPECT_INFO)))
        return perr(c, col,
                    "expect-out and expect-info of an async request belong on its "
                    "'wait' line");
    if (cmd->kind == SCN_IOCTL && !(given & O_OUT) && cmd->check_out)
        cmd->out_size = cmd->out.size;
    if (cmd->kind == SCN_OPEN && !(given & O_ACCESS))
        cmd->access = 0xC0000000u;
    if (cmd->kind == SCN_WAIT && !(given & O_TIMEOUT))
        cmd->ms = SCN_DEFAULT_TIMEOUT_MS;
    if (cmd->kind == SCN_WAIT && cmd->check_status && cmd->status == STATUS_TIMEOUT_VALUE)
        return perr(c, col,
                    "a wait that times out always fails; expect=STATUS_TIMEOUT is not "
                    "allowed");
    return 0;
}

static const struct cmd_def *find_command(struct tok t)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (tok_is(t, commands[i].name))
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
    if (grow(c, (void **)&c->s->cmds, &c->cmd_cap, c->s->count, sizeof *cmd) < 0)
        return -1;
    c->s->cmds[c->s->count++] = *cmd;
    return 0;
}

static int parse_define(struct pctx *c, const struct tok *t, int n)
{
    uint64_t v = 0;
    const char *name;
    if (n < 3)
        return perr(c, c->end_col, "missing argument %s", n < 2 ? "NAME" : "VALUE");
    if (n > 3)
        return perr(c, t[3].col, "unexpected argument '%.*s'", (int)t[3].n, t[3].s);
    if (!is_ident(t[1]) || tok_is(t[1], "CTL_CODE") || tok_is(t[1], "any"))
        return perr(c, t[1].col, "bad name '%.*s' for define", (int)t[1].n, t[1].s);
    if (find_def(c, t[1]))
        return perr(c, t[1].col, "'%.*s' is already defined", (int)t[1].n, t[1].s);
    if (parse_number(c, t[2], &v) < 0 ||
        grow(c, (void **)&c->defs, &c->def_cap, c->ndefs, sizeof *c->defs) < 0)
        return -1;
    name = arena_strndup(c, t[1].s, t[1].n);
    if (!name)
        return -1;
    c->defs[c->ndefs++] = (struct def){name, v};
    return 0;
}

static int parse_command(struct pctx *c, const struct cmd_def *d, const struct tok *t, int n)
{
    struct scn_cmd cmd = {
        .kind = d->kind, .line = c->line, .handle = -1, .tag = -1, .expect_cancelled = -1};
    unsigned given = 0;
    int nargs = count_args(d, t + 1, n - 1);
    if (d->kind == SCN_REG_SET && nargs > 0 && tok_is(t[1], "import"))
        d++; /* the next entry: reg import */
    if (d->kind == SCN_REG_SET && nargs > 0 && !tok_is(t[1], "set"))
        return perr(c, t[1].col, "unknown reg subcommand '%.*s' (expected 'set' or 'import')",
                    (int)t[1].n, t[1].s);
    cmd.kind = d->kind;
    nargs = count_args(d, t + 1, n - 1);
    if (nargs < d->min_args)
        return perr(c, nargs + 1 < n ? t[nargs + 1].col : c->end_col, "missing argument %s",
                    d->args[nargs]);
    cmd.text = arena_strndup(c, t[0].s, (size_t)(t[n - 1].s + t[n - 1].n - t[0].s));
    if (!cmd.text)
        return -1;
    if (parse_options(c, d, &cmd, t + 1 + nargs, n - 1 - nargs, &given) < 0 ||
        apply_defaults(c, &cmd, given, t[0].col) < 0 || d->parse(c, &cmd, t + 1, nargs) < 0)
        return -1;
    return push_cmd(c, &cmd);
}

static void parse_line(struct pctx *c, const char *s, size_t n)
{
    struct tok t[MAX_TOKENS];
    const struct cmd_def *d;
    int nt = tokenize(c, s, n, t);
    if (nt <= 0)
        return;
    if (tok_is(t[0], "define")) {
        parse_define(c, t, nt);
        return;
    }
    d = find_command(t[0]);
    if (!d) {
        perr(c, t[0].col, "unknown command '%.*s'", (int)t[0].n, t[0].s);
        return;
    }
    parse_command(c, d, t, nt);
}

/* ---- entry points ------------------------------------------------------------------------ */

static int export_names(struct pctx *c, struct slots *v, const char ***out)
{
    const char **names = arena_alloc(c, (v->n + 1) * sizeof *names);
    if (!names)
        return -1;
    for (size_t i = 0; i < v->n; i++)
        names[i] = v->v[i].name;
    *out = names;
    return 0;
}

void scn_script_free(struct scn_script *script)
{
    struct scn_block *b, *next;
    if (!script)
        return;
    free(script->cmds);
    for (b = script->blocks; b; b = next) {
        next = b->next;
        free(b);
    }
    free(script);
}

static void parse_text(struct pctx *c, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len && c->errors < SCN_MAX_ERRORS) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *nul = memchr(text + pos, 0, end - pos);
        c->line++;
        if (nul)
            perr(c, (unsigned)(nul - text - pos) + 1, "NUL byte in scenario text");
        else
            parse_line(c, text + pos, end - pos);
        pos = end + 1;
    }
}

int scn_parse(const char *text, size_t len, const char *filename, struct scn_script **out,
              FILE *err)
{
    struct pctx c = {.file = filename, .err = err};
    const char *slash;
    *out = NULL;
    c.s = calloc(1, sizeof *c.s);
    if (!c.s) {
        fprintf(err, "%s: error: out of memory\n", filename);
        return -1;
    }
    slash = strrchr(filename, '/');
    c.s->filename = arena_strndup(&c, filename, strlen(filename));
    /* "/x.scn" is in "/"; "x.scn" in "." */
    c.s->dir = slash ? arena_strndup(&c, filename, slash == filename ? 1 : (size_t)(slash - filename))
                     : ".";
    if (c.s->filename && c.s->dir)
        parse_text(&c, text, len);
    if (!c.errors) {
        c.s->handle_count = c.handles.n;
        c.s->tag_count = c.tags.n;
        if (export_names(&c, &c.handles, &c.s->handle_names) == 0)
            export_names(&c, &c.tags, &c.s->tag_names);
    }
    free(c.defs);
    free(c.handles.v);
    free(c.tags.v);
    if (c.errors) {
        scn_script_free(c.s);
        return -1;
    }
    *out = c.s;
    return 0;
}
