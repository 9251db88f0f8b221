/*
 * regfile_parse.c - parsing a regedit .reg file ("Windows Registry Editor Version 5.00", or the
 * older 8-bit "REGEDIT4") into a list of operations, without touching the registry
 * (cm_regfile_apply does that afterwards, so a malformed file changes nothing).
 *
 * Accepted syntax (docs/registry.md has the full description):
 *   the header line; blank lines; comment lines starting with ';';
 *   [ROOT\path] and [-ROOT\path] (delete the subtree); \\uXXXX in a path is one code unit;
 *   "name" or @ (default value), optional blanks, '=', optional blanks, then one of
 *     "string"  (REG_SZ; escapes \\, \" and \uXXXX)   dword:XXXXXXXX (1 to 8 hex digits)
 *     hex:xx,xx,...  (REG_BINARY)   hex(T):xx,...  (type T, hex)   -  (delete the value)
 *   a hex list continues on the next line when a line ends with '\'.
 * Encodings: UTF-16LE with a BOM, UTF-8 (BOM optional), or Windows-1252 when the header is
 * REGEDIT4 and there is no BOM.
 *
 * Pure: no globals, no I/O, no registry calls; every allocation is freed on every path, so the
 * function is a fuzzing entry point (cm_regfile_parse).
 */
#include "cm/cm_private.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cm/regfile.h"

struct cm_parser {
    const char *file;
    char *err;
    size_t errsize;
    struct cm_regfile *rf;
    unsigned line;      /* line of the logical line being parsed (its first physical line) */
    BOOLEAN in_key;     /* a [KEY] section is open: values may follow */
    BOOLEAN in_deleted; /* a [-KEY] section is open: values may not */
    BOOLEAN regedit4;   /* the header is REGEDIT4: string data in hex form is 8-bit */
};

/* Records "FILE:LINE: error: ..." and returns STATUS_DATA_ERROR. */
static NTSTATUS __attribute__((format(printf, 2, 3)))
cm_perr(struct cm_parser *p, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (p->err && p->errsize) {
        n = snprintf(p->err, p->errsize, "%s:%u: error: ", p->file, p->line);
        if (n >= 0 && (size_t)n < p->errsize) {
            va_start(ap, fmt);
            vsnprintf(p->err + n, p->errsize - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return STATUS_DATA_ERROR;
}

/* ---- the operation list ------------------------------------------------------------------- */

void cm_regfile_free(struct cm_regfile *rf)
{
    if (!rf)
        return;
    for (size_t i = 0; i < rf->n; i++) {
        free(rf->ops[i].path);
        free(rf->ops[i].name);
        free(rf->ops[i].data);
    }
    free(rf->ops);
    free(rf->name);
    free(rf);
}

/* Appends an operation; takes ownership of its buffers (freed here on failure). */
static NTSTATUS cm_op_add(struct cm_parser *p, struct cm_reg_op *op)
{
    struct cm_regfile *rf = p->rf;

    op->line = p->line;
    if (rf->n == rf->cap) {
        size_t ncap = rf->cap ? rf->cap * 2 : 16;
        struct cm_reg_op *n = realloc(rf->ops, ncap * sizeof(*n));
        if (!n) {
            free(op->path);
            free(op->name);
            free(op->data);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        rf->ops = n;
        rf->cap = ncap;
    }
    rf->ops[rf->n++] = *op;
    return STATUS_SUCCESS;
}

/* ---- decoding ----------------------------------------------------------------------------- */

/* The line (1-based) on which the first invalid UTF-8 sequence of buf is. */
static unsigned cm_bad_utf8_line(const char *buf, size_t size)
{
    unsigned line = 1;
    size_t start = 0;

    for (size_t i = 0; i <= size; i++) {
        if (i == size || buf[i] == '\n') {
            WCHAR *w;
            if (!NT_SUCCESS(cm_utf8_to_utf16(buf + start, i - start, &w, NULL)))
                return line;
            free(w);
            line++;
            start = i + 1;
        }
    }
    return line;
}

/* Windows-1252 (the ANSI code page of western Windows) to UTF-16: Latin-1 except 0x80..0x9F,
 * where the five unassigned bytes map to the C1 controls as MultiByteToWideChar does. */
static WCHAR cm_cp1252(unsigned char c)
{
    static const WCHAR high[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    };

    return c >= 0x80 && c < 0xA0 ? high[c - 0x80] : (WCHAR)c;
}

/* TRUE if the 8-bit text's first line (after blank lines) is "REGEDIT4", the header of the ANSI
 * files regedit wrote before Windows 2000 (and still writes on request). */
static BOOLEAN cm_is_regedit4(const unsigned char *b, size_t size)
{
    static const char header[] = "REGEDIT4";
    size_t i = 0, n = sizeof(header) - 1;

    while (i < size && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
        i++;
    if (size - i < n)
        return FALSE;
    for (size_t j = 0; j < n; j++) {
        if ((b[i + j] & ~0x20) != (header[j] & ~0x20))
            return FALSE;
    }
    i += n;
    return i == size || b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n';
}

static NTSTATUS cm_decode_cp1252(const unsigned char *b, size_t size, WCHAR **text, size_t *chars)
{
    WCHAR *w = malloc((size + 1) * sizeof(WCHAR));

    if (!w)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (size_t i = 0; i < size; i++)
        w[i] = cm_cp1252(b[i]);
    *text = w;
    *chars = size;
    return STATUS_SUCCESS;
}

/* The whole file as UTF-16 text (malloc'ed). */
static NTSTATUS cm_decode(struct cm_parser *p, const void *buf, size_t size, WCHAR **text,
                          size_t *chars)
{
    const unsigned char *b = buf;
    NTSTATUS status;

    if (size >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        size_t n = (size - 2) / 2;
        WCHAR *w = malloc((n + 1) * sizeof(WCHAR));
        if (!w)
            return STATUS_INSUFFICIENT_RESOURCES;
        for (size_t i = 0; i < n; i++)
            w[i] = (WCHAR)(b[2 + 2 * i] | (b[3 + 2 * i] << 8));
        *text = w;
        *chars = n;
        p->line = 1;
        return (size & 1) ? cm_perr(p, "UTF-16 file with an odd number of bytes") : 0;
    }
    if (size >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        p->line = 1;
        return cm_perr(p, "UTF-16 big-endian files are not supported (use UTF-16LE or UTF-8)");
    }
    if (size >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        b += 3, size -= 3;
    else if (cm_is_regedit4(b, size))
        return cm_decode_cp1252(b, size, text, chars); /* an ANSI file, as regedit reads it */
    status = cm_utf8_to_utf16((const char *)b, size, text, chars);
    if (status == STATUS_INVALID_PARAMETER) {
        p->line = cm_bad_utf8_line((const char *)b, size);
        return cm_perr(p, "invalid UTF-8");
    }
    return status;
}

/* ---- lexical helpers ---------------------------------------------------------------------- */

struct cm_text {
    const WCHAR *s;
    size_t n;
};

static BOOLEAN cm_blank(WCHAR c)
{
    return c == L' ' || c == L'\t';
}

static void cm_skip_blanks(struct cm_text *t)
{
    while (t->n && cm_blank(t->s[0]))
        t->s++, t->n--;
}

static void cm_trim_end(struct cm_text *t)
{
    while (t->n && (cm_blank(t->s[t->n - 1]) || t->s[t->n - 1] == L'\r'))
        t->n--;
}

static int cm_hexval(WCHAR c)
{
    if (c >= L'0' && c <= L'9')
        return c - L'0';
    if (c >= L'a' && c <= L'f')
        return c - L'a' + 10;
    if (c >= L'A' && c <= L'F')
        return c - L'A' + 10;
    return -1;
}

/* TRUE (and consumed) if t starts with the ASCII word, case-insensitively. */
static BOOLEAN cm_eat(struct cm_text *t, const char *word)
{
    size_t n = strlen(word);

    if (t->n < n || !cm_name_equals_ascii(t->s, n, word))
        return FALSE;
    t->s += n, t->n -= n;
    return TRUE;
}

/* Reads 1..max hex digits as a number; FALSE if there are none or too many. */
static BOOLEAN cm_hex_number(struct cm_text *t, unsigned max, ULONG *v)
{
    unsigned digits = 0;

    *v = 0;
    while (t->n && cm_hexval(t->s[0]) >= 0) {
        if (++digits > max)
            return FALSE;
        *v = (*v << 4) | (ULONG)cm_hexval(t->s[0]);
        t->s++, t->n--;
    }
    return digits > 0;
}

/* Reads the 4 hex digits of a \uXXXX escape (t at the digits) as one UTF-16 code unit. */
static BOOLEAN cm_code_unit(struct cm_text *t, WCHAR *c)
{
    ULONG v = 0;

    if (t->n < 4)
        return FALSE;
    for (int i = 0; i < 4; i++) {
        int d = cm_hexval(t->s[i]);
        if (d < 0)
            return FALSE;
        v = (v << 4) | (ULONG)d;
    }
    t->s += 4, t->n -= 4;
    *c = (WCHAR)v;
    return TRUE;
}

/* A quoted string with the escapes \\ and \" (regedit's) and \uXXXX (drvhost's: any UTF-16
 * code unit, for the characters a line cannot hold); t starts after the opening quote. The
 * result is malloc'ed with room for (and holding) a terminator. */
static NTSTATUS cm_quoted(struct cm_parser *p, struct cm_text *t, WCHAR **out, size_t *len)
{
    WCHAR *s = malloc((t->n + 1) * sizeof(WCHAR));
    size_t n = 0;

    if (!s)
        return STATUS_INSUFFICIENT_RESOURCES;
    while (t->n && t->s[0] != L'"') {
        if (t->s[0] == L'\\' && t->n >= 2 && t->s[1] == L'u') {
            t->s += 2, t->n -= 2;
            if (!cm_code_unit(t, &s[n++])) {
                free(s);
                return cm_perr(p, "bad \\u escape in a string (expected \\u and 4 hex digits)");
            }
            continue;
        }
        if (t->s[0] == L'\\') {
            if (t->n < 2 || (t->s[1] != L'\\' && t->s[1] != L'"')) {
                free(s);
                return cm_perr(p, "unknown escape sequence in a string (only \\\\, \\\" and "
                                  "\\uXXXX are allowed)");
            }
            t->s++, t->n--;
        }
        s[n++] = t->s[0];
        t->s++, t->n--;
    }
    if (!t->n) {
        free(s);
        return cm_perr(p, "missing closing quote");
    }
    t->s++, t->n--; /* the closing quote */
    s[n] = 0;
    *out = s;
    *len = n;
    return STATUS_SUCCESS;
}

/* ---- sections ----------------------------------------------------------------------------- */

/* TRUE for the keys that cannot be deleted (cm's hive roots) given as an NT path. */
static BOOLEAN cm_is_hive_root(const WCHAR *nt, size_t len)
{
    static const char *const roots[] = {
        "\\Registry\\Machine",           "\\Registry\\User",
        "\\Registry\\Machine\\System",   "\\Registry\\Machine\\Software",
        "\\Registry\\Machine\\Hardware",
    };

    for (size_t i = 0; i < RTL_NUMBER_OF(roots); i++) {
        if (cm_name_equals_ascii(nt, len, roots[i]))
            return TRUE;
    }
    return FALSE;
}

/* Checks each component of a regedit path, for precise messages. */
static NTSTATUS cm_check_components(struct cm_parser *p, const WCHAR *s, size_t n)
{
    size_t start = 0, depth = 0;

    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != L'\\')
            continue;
        if (i == start)
            return cm_perr(p, "empty key name (a doubled, leading or trailing '\\')");
        if (i - start > CM_MAX_KEY_NAME_CHARS)
            return cm_perr(p, "key name of %zu characters (the limit is %d)", i - start,
                           CM_MAX_KEY_NAME_CHARS);
        if (++depth > CM_MAX_DEPTH)
            return cm_perr(p, "key path deeper than %d levels", CM_MAX_DEPTH);
        start = i + 1;
    }
    return STATUS_SUCCESS;
}

static BOOLEAN cm_path_has_escape(const struct cm_text *t)
{
    for (size_t i = 0; i + 2 < t->n; i++) {
        if (t->s[i] == L'\\' && t->s[i + 1] == L'\\' && t->s[i + 2] == L'u')
            return TRUE;
    }
    return FALSE;
}

/* drvhost's escape in a key path: \\uXXXX (two backslashes, u, 4 hex digits) is the UTF-16
 * code unit XXXX, part of the key name it is in. Unambiguous, since a doubled separator (an
 * empty key name) is otherwise invalid; a backslash not starting one is a separator. A path
 * with escapes is decoded into *buf (malloc'ed; NULL if there were none) and t points there. */
static NTSTATUS cm_unescape_path(struct cm_parser *p, struct cm_text *t, WCHAR **buf)
{
    struct cm_text in = *t;
    size_t n = 0;

    *buf = NULL;
    if (!cm_path_has_escape(t))
        return STATUS_SUCCESS;
    *buf = malloc(t->n * sizeof(WCHAR));
    if (!*buf)
        return STATUS_INSUFFICIENT_RESOURCES;
    while (in.n) {
        if (in.n >= 3 && in.s[0] == L'\\' && in.s[1] == L'\\' && in.s[2] == L'u') {
            in.s += 3, in.n -= 3;
            if (!cm_code_unit(&in, &(*buf)[n]) || (*buf)[n] == L'\\')
                return cm_perr(p, "bad \\\\u escape in a key path (expected \\\\u and 4 hex "
                                  "digits, not 005c: a key name cannot hold a backslash)");
            n++;
            continue;
        }
        (*buf)[n++] = in.s[0];
        in.s++, in.n--;
    }
    t->s = *buf;
    t->n = n;
    return STATUS_SUCCESS;
}

static NTSTATUS cm_parse_section(struct cm_parser *p, struct cm_text t)
{
    struct cm_reg_op op = {0};
    WCHAR *unescaped;
    BOOLEAN del;
    NTSTATUS status;

    cm_trim_end(&t);
    if (t.n < 2 || t.s[t.n - 1] != L']')
        return cm_perr(p, "key line without its closing ']'");
    t.s++, t.n -= 2;
    del = t.n && t.s[0] == L'-';
    if (del)
        t.s++, t.n--;
    status = cm_unescape_path(p, &t, &unescaped);
    if (NT_SUCCESS(status))
        status = cm_check_components(p, t.s, t.n);
    if (NT_SUCCESS(status))
        status = cm_path_from_regedit(t.s, t.n, &op.path, &op.path_len);
    free(unescaped);
    if (status == STATUS_DATA_ERROR)
        return status; /* the message is written */
    if (status == STATUS_OBJECT_PATH_SYNTAX_BAD)
        return cm_perr(p, "unknown root key (known: HKEY_LOCAL_MACHINE, HKEY_USERS, "
                          "HKEY_CURRENT_CONFIG, HKEY_CLASSES_ROOT, or HKLM, HKU, HKCC, HKCR)");
    if (!NT_SUCCESS(status))
        return status == STATUS_INSUFFICIENT_RESOURCES ? status : cm_perr(p, "invalid key path");
    if (del && cm_is_hive_root(op.path, op.path_len)) {
        free(op.path);
        return cm_perr(p, "a root key cannot be deleted");
    }
    op.kind = del ? CM_OP_DELETE_KEY : CM_OP_KEY;
    p->in_key = !del;
    p->in_deleted = del;
    return cm_op_add(p, &op);
}

/* ---- values ------------------------------------------------------------------------------- */

/* hex bytes: "xx,xx,..." (blanks allowed around the commas, a trailing comma tolerated). */
static NTSTATUS cm_parse_hex(struct cm_parser *p, struct cm_text t, struct cm_reg_op *op)
{
    UCHAR *b = malloc(t.n / 2 + 1);
    ULONG n = 0, v;

    if (!b)
        return STATUS_INSUFFICIENT_RESOURCES;
    cm_skip_blanks(&t);
    while (t.n) {
        if (!cm_hex_number(&t, 2, &v)) {
            free(b);
            return cm_perr(p, "bad hex byte list (expected two hex digits per byte, separated "
                              "by commas)");
        }
        b[n++] = (UCHAR)v;
        cm_skip_blanks(&t);
        if (t.n && t.s[0] != L',') {
            free(b);
            return cm_perr(p, "bad hex byte list (expected ',' between bytes)");
        }
        if (t.n)
            t.s++, t.n--;
        cm_skip_blanks(&t);
    }
    op->data = b;
    op->size = n;
    return STATUS_SUCCESS;
}

/* REGEDIT4 files hold the string types (REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ) written as hex
 * in the ANSI code page, one byte per character; regedit widens them when it imports the file.
 * So does this, byte by byte through Windows-1252. */
static NTSTATUS cm_ansi_strings(struct cm_reg_op *op)
{
    WCHAR *w;

    if (op->type != CM_REG_SZ && op->type != CM_REG_EXPAND_SZ && op->type != CM_REG_MULTI_SZ)
        return STATUS_SUCCESS;
    w = malloc(op->size ? op->size * sizeof(WCHAR) : 1);
    if (!w)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (ULONG i = 0; i < op->size; i++)
        w[i] = cm_cp1252(((const unsigned char *)op->data)[i]);
    free(op->data);
    op->data = w;
    op->size *= sizeof(WCHAR);
    return STATUS_SUCCESS;
}

/* The text after '=': fills op's kind, type and data. */
static NTSTATUS cm_parse_data(struct cm_parser *p, struct cm_text t, struct cm_reg_op *op)
{
    ULONG v;

    op->kind = CM_OP_SET;
    if (t.n == 1 && t.s[0] == L'-') {
        op->kind = CM_OP_DELETE_VALUE;
        return STATUS_SUCCESS;
    }
    if (t.n && t.s[0] == L'"') {
        WCHAR *s;
        size_t len;
        NTSTATUS status;
        t.s++, t.n--;
        status = cm_quoted(p, &t, &s, &len);
        if (!NT_SUCCESS(status))
            return status;
        if (t.n) {
            free(s);
            return cm_perr(p, "unexpected text after the closing quote");
        }
        op->type = CM_REG_SZ;
        op->data = s;
        op->size = (ULONG)((len + 1) * sizeof(WCHAR)); /* with its terminator, as Windows stores */
        return STATUS_SUCCESS;
    }
    if (cm_eat(&t, "dword:")) {
        if (!cm_hex_number(&t, 8, &v) || t.n)
            return cm_perr(p, "bad dword (expected dword: and 1 to 8 hex digits)");
        op->type = CM_REG_DWORD;
        op->size = sizeof(ULONG);
        op->data = malloc(sizeof(ULONG));
        if (!op->data)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(op->data, &v, sizeof(ULONG));
        return STATUS_SUCCESS;
    }
    if (cm_eat(&t, "hex:")) {
        op->type = CM_REG_BINARY;
        return cm_parse_hex(p, t, op);
    }
    if (cm_eat(&t, "hex(")) {
        NTSTATUS status;
        if (!cm_hex_number(&t, 8, &op->type) || !cm_eat(&t, "):"))
            return cm_perr(p, "bad hex(TYPE): prefix (TYPE is 1 to 8 hex digits)");
        status = cm_parse_hex(p, t, op);
        return NT_SUCCESS(status) && p->regedit4 ? cm_ansi_strings(op) : status;
    }
    return cm_perr(p, "unknown value data (expected \"string\", dword:, hex:, hex(TYPE): or -)");
}

static NTSTATUS cm_parse_value(struct cm_parser *p, struct cm_text t)
{
    struct cm_reg_op op = {0};
    NTSTATUS status;

    if (p->in_deleted)
        return cm_perr(p, "value line in a [-KEY] section (the key is being deleted)");
    if (!p->in_key)
        return cm_perr(p, "value line before the first [KEY] line");
    if (t.s[0] == L'@') {
        t.s++, t.n--;
    } else {
        t.s++, t.n--;
        status = cm_quoted(p, &t, &op.name, &op.name_len);
        if (!NT_SUCCESS(status))
            return status;
        if (op.name_len > CM_MAX_VALUE_NAME_CHARS) {
            free(op.name);
            return cm_perr(p, "value name of %zu characters (the limit is %d)", op.name_len,
                           CM_MAX_VALUE_NAME_CHARS);
        }
    }
    cm_skip_blanks(&t);
    if (!t.n || t.s[0] != L'=') {
        free(op.name);
        return cm_perr(p, "expected '=' after the value name");
    }
    t.s++, t.n--;
    cm_skip_blanks(&t);
    cm_trim_end(&t);
    status = cm_parse_data(p, t, &op);
    if (!NT_SUCCESS(status)) {
        free(op.name);
        free(op.data);
        return status;
    }
    return cm_op_add(p, &op);
}

/* ---- lines -------------------------------------------------------------------------------- */

/* The next physical line of text (without its '\n' and a '\r' before it). */
static BOOLEAN cm_next_line(const WCHAR *text, size_t chars, size_t *pos, struct cm_text *line)
{
    size_t start = *pos, end = start;

    if (start >= chars)
        return FALSE;
    while (end < chars && text[end] != L'\n')
        end++;
    *pos = end + 1;
    line->s = text + start;
    line->n = end - start;
    cm_trim_end(line);
    return TRUE;
}

/* A value line and its continuation lines joined into one malloc'ed buffer ("...,\" + the
 * next line without its leading blanks). *extra counts the lines consumed. */
static NTSTATUS cm_join(const WCHAR *text, size_t chars, size_t *pos, struct cm_text first,
                        WCHAR **buf, struct cm_text *out, unsigned *extra)
{
    size_t n = first.n;
    WCHAR *b = malloc((n + 1) * sizeof(WCHAR));
    struct cm_text next;

    if (!b)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(b, first.s, n * sizeof(WCHAR));
    while (n && b[n - 1] == L'\\' && cm_next_line(text, chars, pos, &next)) {
        WCHAR *nb;
        (*extra)++;
        n--; /* drop the backslash */
        cm_skip_blanks(&next);
        nb = realloc(b, (n + next.n + 1) * sizeof(WCHAR));
        if (!nb) {
            free(b);
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        b = nb;
        memcpy(b + n, next.s, next.n * sizeof(WCHAR));
        n += next.n;
        struct cm_text tail = {b, n};
        cm_trim_end(&tail);
        n = tail.n;
    }
    *buf = b;
    out->s = b;
    out->n = n;
    return STATUS_SUCCESS;
}

/* The header line; REGEDIT4 marks the 8-bit format (see cm_ansi_strings). */
static BOOLEAN cm_is_header(struct cm_parser *p, struct cm_text t)
{
    p->regedit4 = cm_name_equals_ascii(t.s, t.n, "REGEDIT4");
    return p->regedit4 || cm_name_equals_ascii(t.s, t.n, "Windows Registry Editor Version 5.00");
}

/* One logical line (the header was already seen). */
static NTSTATUS cm_parse_line(struct cm_parser *p, const WCHAR *text, size_t chars, size_t *pos,
                              struct cm_text t, unsigned *extra)
{
    WCHAR *joined;
    NTSTATUS status;

    if (t.s[0] == L';')
        return STATUS_SUCCESS;
    if (t.s[0] == L'[')
        return cm_parse_section(p, t);
    if (t.s[0] != L'"' && t.s[0] != L'@')
        return cm_perr(p, "expected a [KEY] line, a \"value\"= or @= line, or a ; comment");
    status = cm_join(text, chars, pos, t, &joined, &t, extra);
    if (!NT_SUCCESS(status))
        return status;
    status = cm_parse_value(p, t);
    free(joined);
    return status;
}

static NTSTATUS cm_parse_text(struct cm_parser *p, const WCHAR *text, size_t chars)
{
    struct cm_text t;
    size_t pos = 0;
    unsigned next_line = 1;
    BOOLEAN header = FALSE;
    NTSTATUS status = STATUS_SUCCESS;

    for (size_t i = 0; i < chars; i++) {
        if (text[i] == 0) {
            p->line = 1;
            for (size_t j = 0; j < i; j++)
                p->line += text[j] == L'\n';
            return cm_perr(p, "NUL character in the file");
        }
    }
    while (NT_SUCCESS(status) && cm_next_line(text, chars, &pos, &t)) {
        unsigned extra = 0;
        p->line = next_line;
        cm_skip_blanks(&t);
        if (t.n && !header) {
            if (!cm_is_header(p, t))
                return cm_perr(p, "not a .reg file: the first line must be \"Windows Registry "
                                  "Editor Version 5.00\" or \"REGEDIT4\"");
            header = TRUE;
        } else if (t.n) {
            status = cm_parse_line(p, text, chars, &pos, t, &extra);
        }
        next_line += 1 + extra;
    }
    if (NT_SUCCESS(status) && !header) {
        p->line = next_line > 1 ? next_line - 1 : 1;
        return cm_perr(p, "empty file: expected \"Windows Registry Editor Version 5.00\" or "
                          "\"REGEDIT4\"");
    }
    return status;
}

NTSTATUS cm_regfile_parse(const void *buf, size_t size, const char *name, struct cm_regfile **out,
                          char *err, size_t errsize)
{
    struct cm_parser p = {name ? name : "<buffer>", err, errsize, NULL, 1, FALSE, FALSE, FALSE};
    WCHAR *text = NULL;
    size_t chars = 0;
    NTSTATUS status;

    if (!out || (!buf && size))
        return STATUS_INVALID_PARAMETER;
    if (err && errsize)
        err[0] = 0;
    p.rf = calloc(1, sizeof(*p.rf));
    if (p.rf && !(p.rf->name = strdup(p.file))) {
        free(p.rf);
        p.rf = NULL;
    }
    if (!p.rf)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = cm_decode(&p, buf ? buf : "", size, &text, &chars);
    if (NT_SUCCESS(status))
        status = cm_parse_text(&p, text, chars);
    free(text);
    if (!NT_SUCCESS(status)) {
        cm_regfile_free(p.rf);
        return status;
    }
    *out = p.rf;
    return STATUS_SUCCESS;
}
