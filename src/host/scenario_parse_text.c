/*
 * scenario_parse_text.c - the scenario parser's text layer: errors, the arena every string of a
 * script lives in, tokens, quoted strings and their escapes, UTF-8 to UTF-16.
 */
#include "scenario_parse_private.h"

#include "rtl/rtl.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors and memory ------------------------------------------------------------------- */

int scnp_perr(struct pctx *c, unsigned col, const char *fmt, ...)
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

void *scnp_arena_alloc(struct pctx *c, size_t n)
{
    struct scn_block *b = c->s->blocks;
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_BLOCK ? n : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b) {
            scnp_perr(c, 1, "out of memory");
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
uint8_t *scnp_bytes_alloc(struct pctx *c, size_t size, struct scn_bytes *out)
{
    out->data = scnp_arena_alloc(c, size + 1);
    out->size = size;
    if (out->data)
        out->data[size] = 0;
    return out->data;
}

const char *scnp_arena_strndup(struct pctx *c, const char *s, size_t n)
{
    struct scn_bytes b;
    if (!scnp_bytes_alloc(c, n, &b))
        return NULL;
    memcpy(b.data, s, n);
    return (const char *)b.data;
}

int scnp_grow(struct pctx *c, void **v, size_t *cap, size_t n, size_t elem)
{
    void *p;
    size_t ncap;
    if (n < *cap)
        return 0;
    ncap = *cap ? *cap * 2 : 16;
    p = realloc(*v, ncap * elem);
    if (!p)
        return scnp_perr(c, 1, "out of memory");
    *v = p;
    *cap = ncap;
    return 0;
}

/* ---- token helpers ----------------------------------------------------------------------- */

struct tok scnp_tok_sub(struct tok t, size_t from)
{
    struct tok r = {t.s + from, t.n - from, t.col + (unsigned)from};
    return r;
}

int scnp_tok_is(struct tok t, const char *word)
{
    return strlen(word) == t.n && memcmp(t.s, word, t.n) == 0;
}

int scnp_tok_starts(struct tok t, const char *prefix)
{
    size_t n = strlen(prefix);
    return t.n >= n && memcmp(t.s, prefix, n) == 0;
}

int scnp_is_ident(struct tok t)
{
    if (t.n == 0 || !(isalpha((unsigned char)t.s[0]) || t.s[0] == '_'))
        return 0;
    for (size_t i = 1; i < t.n; i++)
        if (!(isalnum((unsigned char)t.s[i]) || t.s[i] == '_' || t.s[i] == '-'))
            return 0;
    return 1;
}

int scnp_hexval(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = (char)tolower((unsigned char)ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* Splits a line (without its newline) into tokens. Returns the count or -1. Blanks inside
 * quotes and inside CTL_CODE(...) do not end a token. */
int scnp_tokenize(struct pctx *c, const char *s, size_t n, struct tok *t)
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
            return scnp_perr(c, (unsigned)i + 1, "too many tokens on one line");
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
            return scnp_perr(c, (unsigned)quote + 1, "unterminated string");
        if (depth)
            return scnp_perr(c, (unsigned)paren + 1, "missing ')'");
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
        int hi = *i + 2 < t.n ? scnp_hexval(t.s[*i + 2]) : -1;
        int lo = *i + 3 < t.n ? scnp_hexval(t.s[*i + 3]) : -1;
        if (hi < 0 || lo < 0)
            return scnp_perr(c, t.col + (unsigned)*i,
                             "bad hex digit in \\x escape (need two digits)");
        *out = (uint8_t)(hi << 4 | lo);
        *i += 4;
        return 0;
    }
    return scnp_perr(c, t.col + (unsigned)*i, "unknown escape '\\%c'", e ? e : ' ');
}

/* t starts with '"'; the closing quote must end the token. */
int scnp_decode_quoted(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    size_t i = 1, n = 0;
    uint8_t *d = scnp_bytes_alloc(c, t.n, out);
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
        return scnp_perr(c, t.col, "unterminated string");
    if (i + 1 != t.n)
        return scnp_perr(c, t.col + (unsigned)i + 1, "unexpected text after a string");
    d[n] = 0;
    out->size = n;
    return 0;
}

/* A quoted string or a bare word (taken literally). */
int scnp_decode_string(struct pctx *c, struct tok t, struct scn_bytes *out)
{
    const char *q;
    if (t.n && t.s[0] == '"')
        return scnp_decode_quoted(c, t, out);
    q = memchr(t.s, '"', t.n);
    if (q)
        return scnp_perr(c, t.col + (unsigned)(q - t.s), "unexpected '\"' inside a bare word");
    if (!scnp_bytes_alloc(c, t.n, out))
        return -1;
    memcpy(out->data, t.s, t.n);
    return 0;
}

/* A string used as a C string: no NUL byte inside; empty only when allow_empty. */
int scnp_decode_name(struct pctx *c, struct tok t, const char *what, int allow_empty,
                     const char **out)
{
    struct scn_bytes b;
    if (scnp_decode_string(c, t, &b) < 0)
        return -1;
    if (memchr(b.data, 0, b.size))
        return scnp_perr(c, t.col, "%s contains a NUL byte", what);
    if (!allow_empty && b.size == 0)
        return scnp_perr(c, t.col, "%s is empty", what);
    *out = (const char *)b.data;
    return 0;
}

size_t scnp_put16(uint8_t *d, size_t n, unsigned v)
{
    d[n] = (uint8_t)(v & 0xFF);
    d[n + 1] = (uint8_t)(v >> 8);
    return n + 2;
}

/* UTF-8 -> UTF-16LE appended at d (room: 2 bytes per input byte, plus 2 for the terminator). */
int scnp_utf16_encode(struct pctx *c, unsigned col, struct scn_bytes in, int terminate, uint8_t *d,
                      size_t *len)
{
    size_t i = 0, n = *len;
    while (i < in.size) {
        long cp = rtl_utf8_decode(in.data, in.size, &i); /* strict, as for every host string */
        if (cp < 0)
            return scnp_perr(c, col, "invalid UTF-8 in string (byte %zu)", i);
        if (cp >= 0x10000) {
            n = scnp_put16(d, n, 0xD800 | (unsigned)((cp - 0x10000) >> 10));
            n = scnp_put16(d, n, 0xDC00 | (unsigned)(cp & 0x3FF));
        } else {
            n = scnp_put16(d, n, (unsigned)cp);
        }
    }
    if (terminate)
        n = scnp_put16(d, n, 0);
    *len = n;
    return 0;
}

int scnp_to_utf16(struct pctx *c, struct tok t, int terminate, struct scn_bytes *out)
{
    struct scn_bytes s;
    size_t len = 0;
    if (scnp_decode_string(c, t, &s) < 0 || !scnp_bytes_alloc(c, s.size * 2 + 2, out))
        return -1;
    if (scnp_utf16_encode(c, t.col, s, terminate, out->data, &len) < 0)
        return -1;
    out->data[len] = 0;
    out->size = len;
    return 0;
}
