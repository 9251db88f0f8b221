/*
 * inf_parse.c - the INF parser's text layer: decoding (UTF-16LE with BOM, UTF-8, ASCII), lines
 * and their continuation, comments, quoting, sections (merged by name), [Strings] and %token%
 * substitution, [Version].
 *
 * Two passes. The first cuts the text into sections of entries whose fields are unquoted but
 * not yet substituted (a [Strings] section may come last). The second substitutes every field
 * of every other section from [Strings], the DIRIDs and %%. Rules, from the INF reference
 * ("General Syntax Rules for INF Files"): a ';' outside quotes starts a comment; a '\' that is
 * the last character of a line outside quotes (a comment may follow) continues the entry on
 * the next line; "" inside quotes is one '"'; fields are separated by ',' (a [Strings] value
 * keeps its commas: it is one string); whitespace around unquoted text is dropped; a field is
 * at most 4095 characters before and after substitution; a section name at most 255.
 *
 * Deviations: text without a BOM must be UTF-8 (Windows reads it in the system's ANSI code
 * page); localized [Strings.LLLL] sections are kept but never used for substitution; a string
 * key defined twice keeps its first value (not documented).
 */
#include "pnp/inf_private.h"

#include "rtl/rtl.h"

#include <stdio.h>

#define INF_ARENA_BLOCK 16384

/* ---- arena, errors, names ------------------------------------------------------------- */

void *inf_alloc(struct inf_file *inf, size_t n)
{
    struct inf_block *b = inf->arena;
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > INF_ARENA_BLOCK ? n : INF_ARENA_BLOCK;
        b = malloc(sizeof(*b) + cap);
        if (b == NULL)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = inf->arena;
        inf->arena = b;
    }
    void *p = (char *)b->mem + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *inf_strndup(struct inf_file *inf, const char *s, size_t n)
{
    char *p = inf_alloc(inf, n + 1);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

void *inf_grow(struct inf_file *inf, void **v, size_t n, size_t *cap, size_t size)
{
    if (n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *nv = inf_alloc(inf, ncap * size);
        if (nv == NULL)
            return NULL;
        if (n > 0)
            memcpy(nv, *v, n * size);
        *v = nv;
        *cap = ncap;
    }
    return (char *)*v + n * size;
}

NTSTATUS inf_fail(struct inf_error *err, const char *file, unsigned line, const char *fmt, ...)
{
    va_list ap;
    int n;
    if (line > 0)
        n = snprintf(err->text, sizeof(err->text), "%s:%u: ", file, line);
    else
        n = snprintf(err->text, sizeof(err->text), "%s: ", file);
    if (n < 0 || (size_t)n >= sizeof(err->text))
        n = 0;
    va_start(ap, fmt);
    vsnprintf(err->text + n, sizeof(err->text) - (size_t)n, fmt, ap);
    va_end(ap);
    err->line = line;
    return STATUS_INVALID_PARAMETER;
}

NTSTATUS inf_no_memory(struct inf_error *err, const char *file)
{
    inf_fail(err, file, 0, "out of memory");
    return STATUS_NO_MEMORY;
}

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

bool inf_name_eqn(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
            return false;
        if (a[i] == '\0')
            return true;
    }
    return true;
}

bool inf_name_eq(const char *a, const char *b)
{
    return inf_name_eqn(a, b, (size_t)-1);
}

bool inf_parse_u32(const char *s, uint32_t *out)
{
    uint64_t v = 0;
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++) {
        int c = fold((unsigned char)*s), d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else
            return false;
        v = v * base + (unsigned)d;
        if (v > 0xFFFFFFFFu)
            return false;
    }
    *out = (uint32_t)v;
    return true;
}

const char *inf_field(const struct inf_line *line, size_t i)
{
    return i < line->nfields ? line->fields[i] : "";
}

const struct inf_section *inf_section_find(const struct inf_file *inf, const char *name)
{
    for (size_t i = 0; i < inf->nsections; i++)
        if (inf_name_eq(inf->sections[i].name, name))
            return &inf->sections[i];
    return NULL;
}

const struct inf_line *inf_line_find(const struct inf_section *section, const char *key)
{
    if (section == NULL)
        return NULL;
    for (size_t i = 0; i < section->nlines; i++)
        if (section->lines[i].key != NULL && inf_name_eq(section->lines[i].key, key))
            return &section->lines[i];
    return NULL;
}

void inf_free(struct inf_file *inf)
{
    struct inf_block *b, *next;
    if (inf == NULL)
        return;
    for (b = inf->arena; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(inf);
}

/* ---- decoding ------------------------------------------------------------------------- */

struct text {
    char *s; /* UTF-8, NUL-terminated (malloc'ed) */
    size_t n;
};

/* Line number of byte offset off in the UTF-8 text decoded so far. */
static unsigned line_at(const char *s, size_t off)
{
    unsigned line = 1;
    for (size_t i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

static NTSTATUS decode_utf16(const uint8_t *p, size_t size, const char *file, struct text *t,
                             struct inf_error *err)
{
    size_t units = size / 2, i = 0;
    if (size % 2 != 0)
        return inf_fail(err, file, 0, "UTF-16 text with an odd number of bytes");
    t->s = malloc(units * 3 + 1);
    if (t->s == NULL)
        return inf_no_memory(err, file);
    t->n = 0;
    while (i < units) {
        WCHAR w[2] = {(WCHAR)(p[2 * i] | p[2 * i + 1] << 8), 0};
        size_t pos = 0, avail = i + 1 < units ? 2 : 1;
        long cp;
        if (avail == 2)
            w[1] = (WCHAR)(p[2 * i + 2] | p[2 * i + 3] << 8);
        cp = rtl_utf16_decode(w, avail, &pos);
        if (cp <= 0)
            return inf_fail(err, file, line_at(t->s, t->n), "%s in the UTF-16 text",
                            cp == 0 ? "an embedded NUL character" : "an unpaired surrogate");
        t->n += rtl_utf8_encode((unsigned long)cp, t->s + t->n);
        i += pos;
    }
    t->s[t->n] = '\0';
    return STATUS_SUCCESS;
}

static NTSTATUS decode_utf8(const uint8_t *p, size_t size, const char *file, struct text *t,
                            struct inf_error *err)
{
    size_t pos = 0;
    while (pos < size) {
        size_t at = pos;
        long cp = rtl_utf8_decode(p, size, &pos);
        if (cp <= 0)
            return inf_fail(err, file, line_at((const char *)p, at), "%s",
                            cp == 0 ? "an embedded NUL character"
                                    : "text that is not UTF-8 (an INF without a byte-order mark "
                                      "is read as UTF-8; save it as UTF-16LE with a BOM)");
    }
    t->s = malloc(size + 1);
    if (t->s == NULL)
        return inf_no_memory(err, file);
    memcpy(t->s, p, size);
    t->s[size] = '\0';
    t->n = size;
    return STATUS_SUCCESS;
}

static NTSTATUS decode(const uint8_t *p, size_t size, const char *file, struct text *t,
                       struct inf_error *err)
{
    if (size >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return decode_utf16(p + 2, size - 2, file, t, err);
    if (size >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return inf_fail(err, file, 0, "UTF-16 big-endian text (Windows reads UTF-16LE)");
    if (size >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return decode_utf8(p + 3, size - 3, file, t, err);
    return decode_utf8(p, size, file, t, err);
}

/* ---- pass 1: entries ------------------------------------------------------------------ */

/* The entry being read: its fields so far and the one being filled. */
struct entry {
    char *buf; /* the current field */
    size_t len, cap;
    size_t quoted_end; /* buf[0..quoted_end) holds quoted text: never trimmed */
    size_t chars;      /* characters in the current field */
    bool started;      /* the field has quoted text or non-blank text */
    const char *key;
    bool has_key;
    const char **fields;
    size_t nfields, fcap;
};

struct pass1 {
    struct inf_file *inf;
    struct inf_error *err;
    struct inf_section *section; /* current section, NULL before the first */
    bool strings;                /* the current section is [Strings...]: commas are text */
    unsigned line;               /* current physical line */
    unsigned entry_line;         /* first line of the current entry */
    struct entry e;
};

static bool put(struct entry *e, char c)
{
    if (e->len + 1 >= e->cap) {
        size_t ncap = e->cap ? e->cap * 2 : 64;
        char *nb = realloc(e->buf, ncap);
        if (nb == NULL)
            return false;
        e->buf = nb;
        e->cap = ncap;
    }
    e->buf[e->len++] = c;
    if (((unsigned char)c & 0xC0) != 0x80)
        e->chars++;
    return true;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static void trim_field(struct entry *e)
{
    while (e->len > e->quoted_end && is_blank(e->buf[e->len - 1]))
        e->len--;
}

/* Ends the current field: to the key (before '=') or the field list. */
static NTSTATUS end_field(struct pass1 *c, bool as_key)
{
    struct entry *e = &c->e;
    char *s;
    trim_field(e);
    s = inf_strndup(c->inf, e->buf ? e->buf : "", e->len);
    if (s == NULL)
        return inf_no_memory(c->err, c->inf->name);
    if (as_key) {
        e->key = s;
        e->has_key = true;
    } else {
        const char **slot =
            inf_grow(c->inf, (void **)&e->fields, e->nfields, &e->fcap, sizeof(*e->fields));
        if (slot == NULL)
            return inf_no_memory(c->err, c->inf->name);
        *slot = s;
        e->nfields++;
    }
    e->len = e->quoted_end = e->chars = 0;
    e->started = false;
    return STATUS_SUCCESS;
}

static bool entry_empty(const struct entry *e)
{
    return !e->has_key && e->nfields == 0 && !e->started;
}

/* Stores the finished entry in the current section. */
static NTSTATUS end_entry(struct pass1 *c)
{
    struct entry *e = &c->e;
    struct inf_line *l;
    NTSTATUS st;
    if (entry_empty(e))
        return STATUS_SUCCESS;
    if ((st = end_field(c, false)) != STATUS_SUCCESS)
        return st;
    if (c->section == NULL)
        return inf_fail(c->err, c->inf->name, c->entry_line,
                        "an entry before the first [section] line");
    l = inf_grow(c->inf, (void **)&c->section->lines, c->section->nlines, &c->section->cap,
                 sizeof(*l));
    if (l == NULL)
        return inf_no_memory(c->err, c->inf->name);
    l->key = e->has_key ? e->key : NULL;
    l->fields = e->fields;
    l->nfields = e->nfields;
    l->line = c->entry_line;
    c->section->nlines++;
    e->key = NULL;
    e->has_key = false;
    e->fields = NULL;
    e->nfields = e->fcap = 0;
    return STATUS_SUCCESS;
}

/* Opens (or reopens: duplicate sections merge) the section named in a [name] line. */
static NTSTATUS section_line(struct pass1 *c, const char *p, const char *end)
{
    const char *close = memchr(p, ']', (size_t)(end - p));
    const char *q;
    char *name;
    size_t n;
    if (close == NULL)
        return inf_fail(c->err, c->inf->name, c->line, "a section line without ']'");
    for (q = close + 1; q < end && is_blank(*q); q++)
        ;
    if (q < end && *q != ';')
        return inf_fail(c->err, c->inf->name, c->line, "text after the section name's ']'");
    n = (size_t)(close - p - 1);
    if (n == 0)
        return inf_fail(c->err, c->inf->name, c->line, "an empty section name");
    if (n > INF_SECTION_NAME_MAX)
        return inf_fail(c->err, c->inf->name, c->line, "a section name longer than %d characters",
                        INF_SECTION_NAME_MAX);
    name = inf_strndup(c->inf, p + 1, n);
    if (name == NULL)
        return inf_no_memory(c->err, c->inf->name);
    c->section = (struct inf_section *)inf_section_find(c->inf, name);
    if (c->section == NULL) {
        c->section = inf_grow(c->inf, (void **)&c->inf->sections, c->inf->nsections, &c->inf->cap,
                              sizeof(*c->section));
        if (c->section == NULL)
            return inf_no_memory(c->err, c->inf->name);
        c->section->name = name;
        c->section->line = c->line;
        c->inf->nsections++;
    }
    c->strings = inf_name_eqn(name, "Strings", 7) && (name[7] == '\0' || name[7] == '.');
    return STATUS_SUCCESS;
}

static NTSTATUS too_long(struct pass1 *c)
{
    return inf_fail(c->err, c->inf->name, c->line,
                    "a field longer than %d characters (the INF limit, NUL included, is %d)",
                    INF_FIELD_MAX - 1, INF_FIELD_MAX);
}

/* One character outside quotes. *stop is set at a comment. */
static NTSTATUS plain_char(struct pass1 *c, char ch, bool *in_quote, bool *stop)
{
    struct entry *e = &c->e;
    if (ch == ';') {
        *stop = true;
        return STATUS_SUCCESS;
    }
    if (ch == '"') {
        *in_quote = true;
        e->started = true;
        return STATUS_SUCCESS;
    }
    if (ch == ',' && !c->strings)
        return end_field(c, false);
    if (ch == '=' && !e->has_key && e->nfields == 0)
        return end_field(c, true);
    if (is_blank(ch) && !e->started)
        return STATUS_SUCCESS;
    e->started = true;
    if (!put(e, ch))
        return inf_no_memory(c->err, c->inf->name);
    return e->chars >= INF_FIELD_MAX ? too_long(c) : STATUS_SUCCESS;
}

/* One physical line (without its end) of an entry. *more: it ends in a continuation. */
static NTSTATUS entry_text(struct pass1 *c, const char *p, const char *end, bool *more)
{
    struct entry *e = &c->e;
    bool in_quote = false, stop = false;
    NTSTATUS st;
    for (; p < end && !stop; p++) {
        if (!in_quote) {
            if ((st = plain_char(c, *p, &in_quote, &stop)) != STATUS_SUCCESS)
                return st;
            continue;
        }
        if (*p == '"' && p + 1 < end && p[1] == '"')
            p++;
        else if (*p == '"') {
            in_quote = false;
            e->quoted_end = e->len;
            continue;
        }
        if (!put(e, *p))
            return inf_no_memory(c->err, c->inf->name);
        if (e->chars >= INF_FIELD_MAX)
            return too_long(c);
    }
    if (in_quote)
        return inf_fail(c->err, c->inf->name, c->line, "an unterminated quoted string");
    trim_field(e);
    *more = e->len > e->quoted_end && e->buf[e->len - 1] == '\\';
    if (*more)
        e->len--, e->chars--;
    return STATUS_SUCCESS;
}

/* One physical line. *cont says whether the previous one continued into it. */
static NTSTATUS physical_line(struct pass1 *c, const char *p, const char *end, bool *cont)
{
    const char *q = p;
    bool more = false;
    NTSTATUS st;
    while (q < end && is_blank(*q))
        q++;
    if (!*cont && q < end && *q == '[')
        return section_line(c, q, end);
    if (!*cont)
        c->entry_line = c->line;
    if ((st = entry_text(c, q, end, &more)) != STATUS_SUCCESS)
        return st;
    *cont = more;
    return more ? STATUS_SUCCESS : end_entry(c);
}

static NTSTATUS pass1(struct pass1 *c, const struct text *t)
{
    const char *p = t->s, *end = t->s + t->n;
    bool cont = false;
    NTSTATUS st = STATUS_SUCCESS;
    c->line = 0;
    while (p < end && st == STATUS_SUCCESS) {
        const char *eol = p;
        while (eol < end && *eol != '\n' && *eol != '\r')
            eol++;
        c->line++;
        st = physical_line(c, p, eol, &cont);
        if (eol < end && *eol == '\r' && eol + 1 < end && eol[1] == '\n')
            eol++;
        p = eol + 1;
    }
    if (st == STATUS_SUCCESS && cont)
        st = end_entry(c); /* a continuation on the last line ends the entry */
    free(c->e.buf);
    return st;
}

/* ---- pass 2: substitution ------------------------------------------------------------- */

static const char *dirid_path(const struct inf_file *inf, const char *id)
{
    uint32_t n;
    if (!inf_parse_u32(id, &n) || (id[0] == '0' && (id[1] == 'x' || id[1] == 'X')))
        return NULL;
    switch (n) {
    case 10:
        return "C:\\Windows";
    case 11:
        return "C:\\Windows\\System32";
    case 12:
        return "C:\\Windows\\System32\\drivers";
    case 13:
        return inf->options.driver_store;
    default:
        return NULL;
    }
}

static const char *string_value(const struct inf_file *inf, const char *key, size_t n)
{
    const struct inf_section *s = inf_section_find(inf, "Strings");
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < s->nlines; i++)
        if (s->lines[i].key != NULL && strlen(s->lines[i].key) == n &&
            inf_name_eqn(s->lines[i].key, key, n))
            return inf_field(&s->lines[i], 0);
    return NULL;
}

static size_t char_count(const char *s, size_t n)
{
    size_t chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* The value of the token s[0..n) (without its % signs). */
static NTSTATUS token_value(struct inf_file *inf, const char *s, size_t n, unsigned line,
                            const char **value, struct inf_error *err)
{
    char id[16];
    bool digits = n > 0 && n < sizeof(id);
    for (size_t i = 0; digits && i < n; i++)
        digits = s[i] >= '0' && s[i] <= '9';
    *value = string_value(inf, s, n);
    if (*value != NULL)
        return STATUS_SUCCESS;
    if (!digits)
        return inf_fail(err, inf->name, line, "%%%.*s%% is not defined in [Strings]", (int)n, s);
    memcpy(id, s, n);
    id[n] = '\0';
    *value = dirid_path(inf, id);
    if (*value == NULL)
        return inf_fail(err, inf->name, line,
                        "%%%s%%: DIRID %s is not supported (10, 11, 12 and 13 are)", id, id);
    return STATUS_SUCCESS;
}

static NTSTATUS substitute(struct inf_file *inf, const char **field, unsigned line,
                           struct inf_error *err)
{
    const char *s = *field;
    char *out, *o;
    size_t need = 0;
    NTSTATUS st;
    if (strchr(s, '%') == NULL)
        return STATUS_SUCCESS;
    /* First the length, then the copy (the values are looked up twice; INFs are small). */
    for (int pass = 0; pass < 2; pass++) {
        o = out = pass ? inf_alloc(inf, need + 1) : NULL;
        if (pass && out == NULL)
            return inf_no_memory(err, inf->name);
        for (const char *p = s; *p != '\0';) {
            const char *close, *value;
            size_t vn;
            if (*p != '%') {
                if (pass)
                    *o++ = *p;
                need += !pass, p++;
                continue;
            }
            close = strchr(p + 1, '%');
            if (close == NULL)
                return inf_fail(err, inf->name, line,
                                "a lone %% in \"%s\" (write %%%% for a literal %%)", s);
            if (close == p + 1) {
                value = "%", vn = 1;
            } else {
                if ((st = token_value(inf, p + 1, (size_t)(close - p - 1), line, &value, err)) !=
                    STATUS_SUCCESS)
                    return st;
                vn = strlen(value);
            }
            if (pass)
                memcpy(o, value, vn), o += vn;
            need += pass ? 0 : vn;
            p = close + 1;
        }
    }
    if (char_count(out, need) >= INF_FIELD_MAX)
        return inf_fail(err, inf->name, line,
                        "a field longer than %d characters after string substitution",
                        INF_FIELD_MAX - 1);
    *field = out;
    return STATUS_SUCCESS;
}

static NTSTATUS pass2(struct inf_file *inf, struct inf_error *err)
{
    NTSTATUS st;
    for (size_t i = 0; i < inf->nsections; i++) {
        struct inf_section *s = &inf->sections[i];
        if (inf_name_eqn(s->name, "Strings", 7) && (s->name[7] == '\0' || s->name[7] == '.'))
            continue;
        for (size_t j = 0; j < s->nlines; j++) {
            struct inf_line *l = &s->lines[j];
            if (l->key != NULL && (st = substitute(inf, &l->key, l->line, err)) != STATUS_SUCCESS)
                return st;
            for (size_t k = 0; k < l->nfields; k++)
                if ((st = substitute(inf, &l->fields[k], l->line, err)) != STATUS_SUCCESS)
                    return st;
        }
    }
    return STATUS_SUCCESS;
}

/* ---- [Version] ------------------------------------------------------------------------ */

static int hexval(char c)
{
    c = (char)fold((unsigned char)c);
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* {nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn}, hexadecimal digits in either case. */
static bool parse_guid(const char *s, GUID *g)
{
    static const unsigned char groups[] = {8, 4, 4, 4, 12};
    uint8_t b[16];
    size_t nb = 0, nibble = 0;
    if (strlen(s) != 38 || s[0] != '{' || s[37] != '}')
        return false;
    s++;
    for (int gi = 0; gi < 5; gi++) {
        for (int i = 0; i < groups[gi]; i++, s++) {
            int v = hexval(*s);
            if (v < 0)
                return false;
            b[nb] = (uint8_t)(nibble ? b[nb] << 4 | v : v);
            nb += nibble;
            nibble ^= 1;
        }
        if (gi < 4 && *s++ != '-')
            return false;
    }
    g->Data1 = (ULONG)b[0] << 24 | (ULONG)b[1] << 16 | (ULONG)b[2] << 8 | b[3];
    g->Data2 = (USHORT)(b[4] << 8 | b[5]);
    g->Data3 = (USHORT)(b[6] << 8 | b[7]);
    memcpy(g->Data4, b + 8, 8);
    return true;
}

/* mm/dd/yyyy[,w.x.y.z] (INF DriverVer directive). */
static bool parse_driver_ver(const struct inf_line *l, struct inf_version *v)
{
    unsigned m, d, y, part[4] = {0, 0, 0, 0};
    int used = 0;
    const char *ver = inf_field(l, 1);
    if (sscanf(inf_field(l, 0), "%2u/%2u/%4u%n", &m, &d, &y, &used) != 3 ||
        inf_field(l, 0)[used] != '\0' || m < 1 || m > 12 || d < 1 || d > 31 || y < 1000)
        return false;
    if (*ver != '\0') {
        int n = sscanf(ver, "%5u.%5u.%5u.%5u%n", &part[0], &part[1], &part[2], &part[3], &used);
        if (n != 4 || ver[used] != '\0')
            return false;
        for (int i = 0; i < 4; i++)
            if (part[i] > 65535)
                return false;
    }
    v->month = (uint16_t)m, v->day = (uint16_t)d, v->year = (uint16_t)y;
    v->version =
        (uint64_t)part[0] << 48 | (uint64_t)part[1] << 32 | (uint64_t)part[2] << 16 | part[3];
    v->has_driver_ver = true;
    return true;
}

static NTSTATUS read_version(struct inf_file *inf, struct inf_error *err)
{
    const struct inf_section *s = inf_section_find(inf, "Version");
    const struct inf_line *l;
    struct inf_version *v = &inf->version;
    if (s == NULL)
        return inf_fail(err, inf->name, 0, "no [Version] section (every INF needs one)");
    l = inf_line_find(s, "Signature");
    if (l == NULL)
        return inf_fail(err, inf->name, s->line, "[Version] has no Signature entry");
    v->signature = inf_field(l, 0);
    if (!inf_name_eq(v->signature, "$Windows NT$") && !inf_name_eq(v->signature, "$Chicago$"))
        return inf_fail(err, inf->name, l->line,
                        "Signature \"%s\" is neither \"$Windows NT$\" nor \"$Chicago$\"",
                        v->signature);
    if ((l = inf_line_find(s, "Class")) != NULL)
        v->class_name = inf_field(l, 0);
    if ((l = inf_line_find(s, "Provider")) != NULL)
        v->provider = inf_field(l, 0);
    if ((l = inf_line_find(s, "ClassGuid")) != NULL) {
        if (!parse_guid(inf_field(l, 0), &v->class_guid))
            return inf_fail(err, inf->name, l->line,
                            "ClassGuid \"%s\" is not a GUID "
                            "{nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn}",
                            inf_field(l, 0));
        v->has_class_guid = true;
    }
    if ((l = inf_line_find(s, "DriverVer")) != NULL && !parse_driver_ver(l, v))
        return inf_fail(err, inf->name, l->line, "DriverVer \"%s%s%s\" is not mm/dd/yyyy[,w.x.y.z]",
                        inf_field(l, 0), l->nfields > 1 ? "," : "", inf_field(l, 1));
    return STATUS_SUCCESS;
}

/* ---- entry point ---------------------------------------------------------------------- */

static NTSTATUS set_options(struct inf_file *inf, const struct inf_options *o,
                            struct inf_error *err)
{
    static const char store[] = "C:\\Windows\\System32\\DriverStore\\FileRepository\\";
    const char *base = inf->name, *p;
    size_t n;
    char *dir;
    if (o != NULL)
        inf->options = *o;
    if (inf->options.os_major == 0)
        inf->options.os_major = 10, inf->options.os_minor = 0, inf->options.build = 19041;
    if (inf->options.product_type == 0)
        inf->options.product_type = 1;
    if (inf->options.suite_mask == 0)
        inf->options.suite_mask = 0x100;
    if (inf->options.driver_store != NULL)
        return STATUS_SUCCESS;
    for (p = inf->name; *p != '\0'; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    n = strlen(base);
    dir = inf_alloc(inf, sizeof(store) + n);
    if (dir == NULL)
        return inf_no_memory(err, inf->name);
    memcpy(dir, store, sizeof(store) - 1);
    memcpy(dir + sizeof(store) - 1, base, n);
    inf->options.driver_store = dir;
    return STATUS_SUCCESS;
}

NTSTATUS inf_parse(const void *data, size_t size, const char *name,
                   const struct inf_options *options, struct inf_file **out, struct inf_error *err)
{
    struct inf_file *inf = calloc(1, sizeof(*inf));
    struct pass1 c = {.err = err};
    struct text t = {NULL, 0};
    NTSTATUS st;
    *out = NULL;
    err->text[0] = '\0';
    err->line = 0;
    if (inf == NULL)
        return inf_no_memory(err, name);
    inf->name = inf_strndup(inf, name, strlen(name));
    if (inf->name == NULL) {
        inf_free(inf);
        return inf_no_memory(err, name);
    }
    c.inf = inf;
    st = set_options(inf, options, err);
    if (st == STATUS_SUCCESS)
        st = decode(data, size, inf->name, &t, err);
    if (st == STATUS_SUCCESS)
        st = pass1(&c, &t);
    if (st == STATUS_SUCCESS)
        st = pass2(inf, err);
    if (st == STATUS_SUCCESS)
        st = read_version(inf, err);
    free(t.s);
    if (st != STATUS_SUCCESS) {
        inf_free(inf);
        return st;
    }
    *out = inf;
    return STATUS_SUCCESS;
}
