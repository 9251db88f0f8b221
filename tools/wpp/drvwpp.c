/*
 * drvwpp - drvhost's WPP preprocessor: generates the X.tmh header a driver source includes.
 *
 *   drvwpp [--scan FILE]... [--func 'NAME(ARGS,MSG,...)']... [--config FILE]... -d OUTDIR SOURCE
 *
 * It reads the control block (WPP_DEFINE_CONTROL_GUID / WPP_DEFINE_BIT) from the source and the
 * --scan headers, the trace functions from `begin_wpp config` ... `end_wpp` blocks (FUNC,
 * USEPREFIX, USESUFFIX) and --func, the custom types from --config files (DEFINE_CPLX_TYPE and
 * WPP_FLAGS(-D...), the localwpp.ini form), then every call of a trace function in SOURCE. It
 * writes OUTDIR/X.tmh for the `#include "X.tmh"` of SOURCE (nothing when SOURCE has none).
 *
 * The generated header maps each call site, by line, to a macro that tests the driver's
 * WPP_<ARGS>_ENABLED condition (and the in-flight recorder's WPP_RECORDER_<ARGS>_FILTER when
 * the driver or drvhost_wpp.h defines one) and calls a per-site function whose parameters have
 * the types the format string gives its arguments: the compiler checks the arguments, the
 * runtime (drvhost_wpp_trace) renders the message. A call it cannot understand (format,
 * argument count, a MSG that is not a string literal, two calls on one line) is an error
 * "FILE:LINE: error: ..." and exit status 1: never a silently dropped message.
 *
 * Only the C library: this program runs at build time on the build machine.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_ITEMS 256

struct func {
    char *name;
    int nparams;      /* dynamic parameters before MSG */
    char *params[16]; /* their names */
    int nstatic;      /* {NAME=VALUE,...} */
    char *static_names[8];
    char *static_values[8];
    char *prefix, *suffix; /* USEPREFIX / USESUFFIX format strings (C literal text), or NULL */
};

struct cplx {
    char *name;     /* %!NAME! */
    char *macro;    /* WPP_LOGxxx */
    char *argtype;  /* the parameter type */
    char *itemtype; /* ItemIPV6Addr, ItemHEXDump, ... (rendering) */
    char *pairs;    /* how many length/address pairs the macro passes */
};

struct bit {
    char *name;
    int ctl;
};

static struct func funcs[MAX_ITEMS];
static int nfuncs;
static struct cplx cplxs[MAX_ITEMS];
static int ncplx;
static char *flag_defines[MAX_ITEMS]; /* WPP_FLAGS(-D...) bodies: NAME(x) BODY */
static int nflag_defines;
static struct bit bits[MAX_ITEMS];
static int nbits;
static char *ctl_names[MAX_ITEMS];
static char *ctl_guids[MAX_ITEMS]; /* "{ 0x..., 0x..., 0x..., { ... } }" */
static int nctl;
static int errors;

static void fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    if (line > 0)
        fprintf(stderr, "%s:%d: error: ", file, line);
    else
        fprintf(stderr, "%s: error: ", file);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    errors++;
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL) {
        fprintf(stderr, "drvwpp: out of memory\n");
        exit(2);
    }
    return p;
}

static char *dupn(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* s without leading and trailing blanks (a new string). */
static char *trimn(const char *s, size_t n)
{
    while (n > 0 && isspace((unsigned char)*s))
        s++, n--;
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return dupn(s, n);
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL) {
        fprintf(stderr, "drvwpp: %s: %s\n", path, strerror(errno));
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = xmalloc((size_t)n + 1);
    if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "drvwpp: %s: read error\n", path);
        exit(2);
    }
    buf[n] = 0;
    fclose(f);
    return buf;
}

static int line_at(const char *text, const char *p)
{
    int line = 1;

    for (; text < p; text++)
        line += *text == '\n';
    return line;
}

static int is_ident_char(int c)
{
    return isalnum(c) || c == '_';
}

static const char *skip_literal(const char *p);

/* A copy of text with its comments blanked (newlines kept, so lines stay where they were):
 * the control block and the #include are looked for outside comments. */
static char *strip_comments(const char *text)
{
    char *out = dupn(text, strlen(text)), *p = out;

    while (*p) {
        if (*p == '"' || *p == '\'') {
            p = (char *)skip_literal(p);
        } else if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                *p++ = ' ';
        } else if (p[0] == '/' && p[1] == '*') {
            char *e = strstr(p + 2, "*/");
            char *end = e ? e + 2 : p + strlen(p);
            for (; p < end; p++)
                if (*p != '\n')
                    *p = ' ';
        } else {
            p++;
        }
    }
    return out;
}

/* ---- argument lists ---------------------------------------------------------------------- */

/* Skips a string or character literal starting at *p (the quote); returns the char after it. */
static const char *skip_literal(const char *p)
{
    char q = *p++;

    while (*p && *p != q && *p != '\n') {
        if (*p == '\\' && p[1])
            p++;
        p++;
    }
    return *p == q ? p + 1 : p;
}

/* Splits the parenthesized list at p ('(') into trimmed top-level arguments (comments
 * dropped). Returns the char after ')', or NULL when unbalanced. */
static const char *split_args(const char *p, char **args, int max, int *count)
{
    int depth = 0, n = 0;
    const char *start = p + 1;
    char *acc = xmalloc(strlen(p) + 1);
    size_t alen = 0;

    for (p++;; p++) {
        if (*p == 0) {
            free(acc);
            return NULL;
        }
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
            acc[alen++] = ' ';
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            if (e == NULL) {
                free(acc);
                return NULL;
            }
            p = e + 1;
            acc[alen++] = ' ';
            continue;
        }
        if (*p == '"' || *p == '\'') {
            const char *e = skip_literal(p);
            memcpy(acc + alen, p, (size_t)(e - p));
            alen += (size_t)(e - p);
            p = e - 1;
            continue;
        }
        if (*p == '\\' && p[1] == '\n') { /* a continued macro line */
            p++;
            acc[alen++] = ' ';
            continue;
        }
        if (*p == '(' || *p == '[' || *p == '{')
            depth++;
        if ((*p == ',' && depth == 0) || (*p == ')' && depth == 0)) {
            if (n < max)
                args[n] = trimn(acc, alen);
            n++;
            alen = 0;
            if (*p == ')')
                break;
            continue;
        }
        if (*p == ')' || *p == ']' || *p == '}')
            depth--;
        acc[alen++] = *p;
    }
    (void)start;
    free(acc);
    if (n == 1 && args[0][0] == 0) { /* "()" */
        free(args[0]);
        n = 0;
    }
    *count = n;
    return p + 1;
}

/* The contents of the adjacent string literals of s ("a" "b" -> a b), or NULL when s is
 * anything else. */
static char *literal_contents(const char *s)
{
    char *out = xmalloc(strlen(s) + 1);
    size_t n = 0;

    while (*s) {
        const char *e;
        if (isspace((unsigned char)*s)) {
            s++;
            continue;
        }
        if (*s == 'L' && s[1] == '"')
            s++;
        if (*s != '"') {
            free(out);
            return NULL;
        }
        e = skip_literal(s);
        if (e[-1] != '"' || e - s < 2) {
            free(out);
            return NULL;
        }
        memcpy(out + n, s + 1, (size_t)(e - s - 2));
        n += (size_t)(e - s - 2);
        s = e;
    }
    out[n] = 0;
    return out;
}

/* ---- configuration ----------------------------------------------------------------------- */

static struct func *find_func(const char *name)
{
    int i;

    for (i = 0; i < nfuncs; i++)
        if (strcmp(funcs[i].name, name) == 0)
            return &funcs[i];
    return NULL;
}

/* Parses "NAME{A=B,...}(P,...,MSG,...)" (trailing ';' allowed). */
static void parse_func_decl(const char *decl, const char *file, int line)
{
    const char *p = decl;
    struct func f;
    char *args[24];
    int n, i, seen_msg = 0;

    memset(&f, 0, sizeof(f));
    while (isspace((unsigned char)*p))
        p++;
    {
        const char *s = p;
        while (is_ident_char((unsigned char)*p))
            p++;
        if (p == s) {
            fail(file, line, "FUNC: a trace function name is expected in '%s'", decl);
            return;
        }
        f.name = dupn(s, (size_t)(p - s));
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '{') {
        const char *e = strchr(p, '}');
        char *list, *tok, *save;
        if (e == NULL) {
            fail(file, line, "FUNC %s: '{' without '}'", f.name);
            return;
        }
        list = dupn(p + 1, (size_t)(e - p - 1));
        for (tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            char *eq = strchr(tok, '=');
            if (eq == NULL || f.nstatic == 8) {
                fail(file, line, "FUNC %s: static parameter '%s' is not NAME=VALUE", f.name, tok);
                free(list);
                return;
            }
            f.static_names[f.nstatic] = trimn(tok, (size_t)(eq - tok));
            f.static_values[f.nstatic] = trimn(eq + 1, strlen(eq + 1));
            f.nstatic++;
        }
        free(list);
        p = e + 1;
        while (isspace((unsigned char)*p))
            p++;
    }
    if (*p != '(' || split_args(p, args, 24, &n) == NULL) {
        fail(file, line, "FUNC %s: a parameter list (..., MSG, ...) is expected", f.name);
        return;
    }
    for (i = 0; i < n && i < 24; i++) {
        if (strcmp(args[i], "MSG") == 0) {
            seen_msg = 1;
            if (i + 2 != n || strcmp(args[i + 1], "...") != 0)
                fail(file, line, "FUNC %s: MSG must be followed by '...' and nothing else", f.name);
            break;
        }
        if (f.nparams == 16 || !is_ident_char((unsigned char)args[i][0])) {
            fail(file, line, "FUNC %s: bad parameter '%s'", f.name, args[i]);
            return;
        }
        f.params[f.nparams++] = args[i];
    }
    if (!seen_msg) {
        fail(file, line, "FUNC %s: no MSG parameter", f.name);
        return;
    }
    if (f.nparams + f.nstatic == 0) {
        fail(file, line, "FUNC %s: at least one condition parameter (a flag) is needed", f.name);
        return;
    }
    if (find_func(f.name) != NULL) {
        struct func *old = find_func(f.name);
        f.prefix = old->prefix;
        f.suffix = old->suffix;
        *old = f;
        return;
    }
    if (nfuncs == MAX_ITEMS) {
        fail(file, line, "too many trace functions");
        return;
    }
    funcs[nfuncs++] = f;
}

/* USEPREFIX(Name, "fmt") / USESUFFIX(Name, "fmt"). */
static void parse_fix(const char *p, int suffix, const char *file, int line)
{
    char *args[4];
    int n;
    struct func *f;

    while (*p && *p != '(')
        p++;
    if (*p != '(' || split_args(p, args, 4, &n) == NULL || n != 2) {
        fail(file, line, "USE%s: (FUNCTION, \"FORMAT\") is expected", suffix ? "SUFFIX" : "PREFIX");
        return;
    }
    f = find_func(args[0]);
    if (f == NULL) {
        fail(file, line, "USE%s: %s is not a FUNC declared before", suffix ? "SUFFIX" : "PREFIX",
             args[0]);
        return;
    }
    if (literal_contents(args[1]) == NULL) {
        fail(file, line, "USE%s: the format must be a string literal",
             suffix ? "SUFFIX" : "PREFIX");
        return;
    }
    if (suffix)
        f->suffix = args[1];
    else
        f->prefix = args[1];
}

/* One line of a begin_wpp config block, comment markers already removed. */
static void config_line(const char *s, const char *file, int line)
{
    while (isspace((unsigned char)*s))
        s++;
    if (*s == 0)
        return;
    if (strncmp(s, "FUNC", 4) == 0 && isspace((unsigned char)s[4]))
        parse_func_decl(s + 4, file, line);
    else if (strncmp(s, "USEPREFIX", 9) == 0)
        parse_fix(s + 9, 0, file, line);
    else if (strncmp(s, "USESUFFIX", 9) == 0)
        parse_fix(s + 9, 1, file, line);
    else if (strncmp(s, "CUSTOM_TYPE", 11) == 0 || strncmp(s, "DEFINE_CPLX_TYPE", 16) == 0 ||
             strncmp(s, "WPP_FLAGS", 9) == 0)
        fail(file, line,
             "%.16s in a begin_wpp block is not supported: put it in a --wpp-config file", s);
    else
        fail(file, line, "unknown WPP configuration statement '%s'", s);
}

/* The text of line ln after blanks and comment markers (slashes, stars). */
static const char *config_text(const char *ln)
{
    while (isspace((unsigned char)*ln) || *ln == '/' || *ln == '*')
        ln++;
    return ln;
}

/* Every begin_wpp config ... end_wpp block of text: lines of their own, in comments. */
static void scan_config_blocks(const char *text, const char *file)
{
    const char *p = text;
    int in_block = 0, line = 1, start_line = 0;

    while (*p) {
        const char *e = strchr(p, '\n');
        char *ln = dupn(p, e ? (size_t)(e - p) : strlen(p));
        const char *t = config_text(ln);
        if (!in_block && strncmp(t, "begin_wpp", 9) == 0 &&
            strncmp(config_text(t + 9), "config", 6) == 0) {
            in_block = 1;
            start_line = line;
        } else if (in_block && strncmp(t, "end_wpp", 7) == 0) {
            in_block = 0;
        } else if (in_block) {
            config_line(t, file, line);
        }
        free(ln);
        if (e == NULL)
            break;
        p = e + 1;
        line++;
    }
    if (in_block)
        fail(file, start_line, "begin_wpp config without end_wpp");
}

/* (84bdb2e9,829e,41b3,b891,02f454bc2bd7) -> a GUID initializer. */
static char *guid_init(const char *s, const char *file, int line)
{
    unsigned long long a, b, c, d, e;
    char tail;
    char *out;

    if (sscanf(s, " ( %llx , %llx , %llx , %llx , %llx %c", &a, &b, &c, &d, &e, &tail) != 6 ||
        tail != ')') {
        fail(file, line,
             "WPP_DEFINE_CONTROL_GUID: the GUID '%s' is not (xxxxxxxx,xxxx,xxxx,xxxx,"
             "xxxxxxxxxxxx)",
             s);
        return NULL;
    }
    out = xmalloc(200);
    snprintf(out, 200,
             "{ 0x%08llx, 0x%04llx, 0x%04llx, { 0x%02llx, 0x%02llx, 0x%02llx, 0x%02llx, 0x%02llx, "
             "0x%02llx, 0x%02llx, 0x%02llx } }",
             a, b, c, d >> 8, d & 0xff, (e >> 40) & 0xff, (e >> 32) & 0xff, (e >> 24) & 0xff,
             (e >> 16) & 0xff, (e >> 8) & 0xff, e & 0xff);
    return out;
}

static void scan_control_block(const char *text, const char *file)
{
    const char *p = text;

    while ((p = strstr(p, "WPP_DEFINE_CONTROL_GUID")) != NULL) {
        const char *q = p + 23;
        char *args[3 + 0];
        int n, line = line_at(text, p);
        const char *b;

        if (p > text && is_ident_char((unsigned char)p[-1])) {
            p = q;
            continue;
        }
        while (isspace((unsigned char)*q) || (*q == '\\' && q[1] == '\n'))
            q++;
        if (*q != '(' || split_args(q, args, 3, &n) == NULL || n != 3) {
            fail(file, line,
                 "WPP_DEFINE_CONTROL_GUID(NAME, (GUID), WPP_DEFINE_BIT(...)...) expected");
            p = q;
            continue;
        }
        if (nctl == MAX_ITEMS)
            break;
        ctl_names[nctl] = args[0];
        ctl_guids[nctl] = guid_init(args[1], file, line);
        for (b = args[2]; (b = strstr(b, "WPP_DEFINE_BIT")) != NULL;) {
            char *bargs[2];
            int bn;
            b += 14;
            while (isspace((unsigned char)*b))
                b++;
            if (*b != '(' || (b = split_args(b, bargs, 2, &bn)) == NULL || bn != 1) {
                fail(file, line, "WPP_DEFINE_BIT(NAME) expected");
                break;
            }
            if (nbits < MAX_ITEMS) {
                bits[nbits].name = bargs[0];
                bits[nbits].ctl = nctl;
                nbits++;
            }
        }
        nctl++;
        p = q;
    }
}

/* A --config file (localwpp.ini): DEFINE_CPLX_TYPE(...) and WPP_FLAGS(-DNAME(x) BODY). */
static void scan_ini(const char *path)
{
    char *text = read_file(path);
    const char *p = text;

    while (*p) {
        const char *e = strchr(p, '\n');
        char *ln = dupn(p, e ? (size_t)(e - p) : strlen(p));
        char *s = ln;
        int line = line_at(text, p);
        while (isspace((unsigned char)*s))
            s++;
        if (strncmp(s, "DEFINE_CPLX_TYPE", 16) == 0) {
            char *args[8];
            int n;
            const char *q = strchr(s, '(');
            if (q == NULL || split_args(q, args, 8, &n) == NULL || n != 8)
                fail(path, line,
                     "DEFINE_CPLX_TYPE(NAME, MACRO, ARGTYPE, ITEMTYPE, \"s\", _TAG_, 0, "
                     "PAIRS) expected");
            else if (ncplx < MAX_ITEMS) {
                cplxs[ncplx].name = args[0];
                cplxs[ncplx].macro = args[1];
                cplxs[ncplx].argtype = args[2];
                cplxs[ncplx].itemtype = args[3];
                cplxs[ncplx].pairs = args[7];
                ncplx++;
            }
        } else if (strncmp(s, "WPP_FLAGS", 9) == 0) {
            char *q = strstr(s, "-D");
            char *end = strrchr(s, ')');
            if (q == NULL || end == NULL || end < q)
                fail(path, line, "WPP_FLAGS(-DNAME(x) BODY) expected");
            else if (nflag_defines < MAX_ITEMS)
                flag_defines[nflag_defines++] = trimn(q + 2, (size_t)(end - q - 2));
        } else if (*s && *s != ';' && *s != '#' && strncmp(s, "//", 2) != 0) {
            fail(path, line, "unknown statement (DEFINE_CPLX_TYPE and WPP_FLAGS are understood)");
        }
        free(ln);
        if (e == NULL)
            break;
        p = e + 1;
    }
}

/* ---- formats ------------------------------------------------------------------------------ */

/* Extended format names without an argument, then those with one and the parameter type. */
static const char *const no_arg_ext[] = {"FUNC",  "LINE",     "FILE",     "LEVEL",
                                         "FLAGS", "COMPNAME", "STDPREFIX"};
static const struct {
    const char *name;
    const char *type;
} arg_ext[] = {
    {"STATUS", "NTSTATUS"},   {"HRESULT", "LONG"},
    {"WINERROR", "ULONG"},    {"GUID", "const GUID *"},
    {"IRQL", "int"},          {"bool", "int"},
    {"BOOLEAN", "int"},       {"HEXDUMP", "WPP_HEXDUMP"},
    {"TIME", "LONGLONG"},     {"TIMESTAMP", "LONGLONG"},
    {"DATETIME", "LONGLONG"}, {"ipaddr", "ULONG"},
    {"port", "int"},
};

struct arg {
    const char *type;  /* parameter type */
    const char *macro; /* custom type: WPP_LOGxxx, else NULL */
};

/* Parses the format; fills args[] with the parameter types. Returns the count or -1. */
static int format_args(const char *fmt, struct arg *args, int max, const char *file, int line)
{
    int n = 0;
    const char *p = fmt;

    while ((p = strchr(p, '%')) != NULL) {
        const char *start = p++;
        char size[4] = "";
        int star = 0, c;
        size_t i;

        if (*p == '%') {
            p++;
            continue;
        }
        if (*p == '!') {
            const char *e = strchr(p + 1, '!');
            char name[64];
            int found = 0;
            if (e == NULL || e - p - 1 >= (long)sizeof(name) || e == p + 1) {
                fail(file, line, "format: '%%!' without a closing '!': \"%s\"", start);
                return -1;
            }
            memcpy(name, p + 1, (size_t)(e - p - 1));
            name[e - p - 1] = 0;
            p = e + 1;
            for (i = 0; i < sizeof(no_arg_ext) / sizeof(no_arg_ext[0]); i++)
                if (strcmp(name, no_arg_ext[i]) == 0)
                    found = 1;
            if (found)
                continue;
            if (n == max)
                return -1;
            /* exact first (bool and BOOLEAN differ only in case), then in any case */
            for (c = 0; c < 2 && !found; c++)
                for (i = 0; i < sizeof(arg_ext) / sizeof(arg_ext[0]) && !found; i++)
                    if (c == 0 ? strcmp(name, arg_ext[i].name) == 0
                               : strcasecmp(name, arg_ext[i].name) == 0 &&
                                     strcasecmp(name, "bool") != 0 &&
                                     strcasecmp(name, "BOOLEAN") != 0) {
                        args[n].type = arg_ext[i].type;
                        args[n].macro = NULL;
                        n++;
                        found = 1;
                    }
            for (i = 0; i < (size_t)ncplx && !found; i++)
                if (strcmp(name, cplxs[i].name) == 0) {
                    args[n].type = cplxs[i].argtype;
                    args[n].macro = cplxs[i].macro;
                    n++;
                    found = 1;
                }
            if (!found) {
                fail(file, line,
                     "format: unknown extended format %%!%s! (a DEFINE_CPLX_TYPE in a "
                     "--wpp-config file adds one)",
                     name);
                return -1;
            }
            continue;
        }
        while (*p && strchr("-+ #0", *p))
            p++;
        if (*p == '*')
            star++, p++;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p == '.') {
            p++;
            if (*p == '*')
                star++, p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
        if (strncmp(p, "I64", 3) == 0 || strncmp(p, "I32", 3) == 0) {
            memcpy(size, p, 3);
            p += 3;
        } else if (strncmp(p, "hh", 2) == 0 || strncmp(p, "ll", 2) == 0) {
            memcpy(size, p, 2);
            p += 2;
        } else if (*p && strchr("hlwIzjtL", *p)) {
            size[0] = *p++;
        }
        while (star-- > 0) {
            if (n == max)
                return -1;
            args[n].type = "int";
            args[n++].macro = NULL;
        }
        if (n == max)
            return -1;
        args[n].macro = NULL;
        switch (*p) {
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
            int sgn = *p == 'd' || *p == 'i';
            if (!strcmp(size, "ll") || !strcmp(size, "I64"))
                args[n].type = sgn ? "LONGLONG" : "ULONGLONG";
            else if (!strcmp(size, "I") || !strcmp(size, "z") || !strcmp(size, "j") ||
                     !strcmp(size, "t"))
                args[n].type = sgn ? "LONG_PTR" : "ULONG_PTR";
            else if (!strcmp(size, "l") || !strcmp(size, "I32"))
                args[n].type = sgn ? "LONG" : "ULONG";
            else if (!strcmp(size, "") || !strcmp(size, "h") || !strcmp(size, "hh"))
                args[n].type = sgn ? "int" : "unsigned int";
            else
                goto bad;
            break;
        }
        case 'c':
        case 'C':
            args[n].type = "int";
            break;
        case 's':
            args[n].type =
                (!strcmp(size, "l") || !strcmp(size, "w")) ? "const WCHAR *" : "const char *";
            break;
        case 'S':
            args[n].type = !strcmp(size, "h") ? "const char *" : "const WCHAR *";
            break;
        case 'Z':
            args[n].type =
                (!strcmp(size, "l") || !strcmp(size, "w")) ? "PCUNICODE_STRING" : "PCANSI_STRING";
            break;
        case 'p':
            args[n].type = "const void *";
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            args[n].type = "double";
            break;
        default:
        bad:
            fail(file, line, "format: '%.*s' is not a conversion WPP understands",
                 (int)(p - start + (*p != 0)), start);
            return -1;
        }
        n++;
        p++;
    }
    return n;
}

/* ---- the source's call sites -------------------------------------------------------------- */

struct site {
    int line;
    struct func *f;
    char *args[40];
    int nargs;
    char *msg; /* the MSG argument as written (literals) */
    struct arg types[32];
    int ntypes;
};

static struct site *sites;
static int nsites;

static int bit_index(const char *name)
{
    int i;

    for (i = 0; i < nbits; i++)
        if (strcmp(bits[i].name, name) == 0)
            return i;
    return -1;
}

static void scan_call(const char *text, const char *p, struct func *f, const char *file,
                      const char **next)
{
    struct site s;
    int line = line_at(text, p), n, i;
    const char *q = p + strlen(f->name);
    char *contents;

    memset(&s, 0, sizeof(s));
    *next = q;
    while (isspace((unsigned char)*q))
        q++;
    if (*q != '(') {
        fail(file, line, "%s is used without an argument list: WPP cannot trace it", f->name);
        return;
    }
    if ((*next = split_args(q, s.args, 40, &n)) == NULL) {
        fail(file, line, "%s(: unbalanced parentheses", f->name);
        *next = q + 1;
        return;
    }
    s.line = line;
    s.f = f;
    s.nargs = n;
    if (n < f->nparams + 1 || n > 40) {
        fail(file, line, "%s: %d arguments, at least %d expected (%s)", f->name, n, f->nparams + 1,
             f->nparams ? "the condition arguments and MSG" : "MSG");
        return;
    }
    s.msg = s.args[f->nparams];
    contents = literal_contents(s.msg);
    if (contents == NULL) {
        fail(file, line, "%s: the message '%s' is not a string literal", f->name, s.msg);
        return;
    }
    {
        size_t len = strlen(contents) + (f->prefix ? strlen(f->prefix) : 0) +
                     (f->suffix ? strlen(f->suffix) : 0) + 1;
        char *all = xmalloc(len);
        snprintf(all, len, "%s%s%s", f->prefix ? literal_contents(f->prefix) : "", contents,
                 f->suffix ? literal_contents(f->suffix) : "");
        s.ntypes = format_args(all, s.types, 32, file, line);
        free(all);
    }
    if (s.ntypes < 0)
        return;
    if (s.ntypes != n - f->nparams - 1) {
        fail(file, line, "%s: the format takes %d argument%s, the call passes %d", f->name,
             s.ntypes, s.ntypes == 1 ? "" : "s", n - f->nparams - 1);
        return;
    }
    for (i = 0; i < nsites; i++)
        if (sites[i].line == line) {
            fail(file, line, "two trace calls on one line: WPP identifies a call by its line");
            return;
        }
    sites = realloc(sites, sizeof(*sites) * (size_t)(nsites + 1));
    if (sites == NULL)
        exit(2);
    sites[nsites++] = s;
}

/* A trace call in the body of a #define is an error, not a dropped message: WPP identifies each
 * message by the line of its call, and a macro's expansion has the line of its use (the WDK's
 * tracewpp cannot trace from a macro body either: its expansion names a WPP_CALL_ macro that
 * does not exist). [start, end) is the directive with its continuation lines. */
static void check_define(const char *text, const char *start, const char *end, const char *file)
{
    const char *p = start + 1;

    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if ((size_t)(end - p) < 6 || strncmp(p, "define", 6) != 0)
        return;
    for (p += 6; p < end; p++) {
        const char *s = p, *q;
        struct func *f;
        char name[128];
        if (*p == '"' || *p == '\'') {
            p = skip_literal(p) - 1;
            continue;
        }
        if (p[0] == '/' && (p[1] == '/' || p[1] == '*')) {
            const char *e = p[1] == '*' ? strstr(p + 2, "*/") : NULL;
            if (e == NULL || e >= end)
                return;
            p = e + 1;
            continue;
        }
        if (!is_ident_char((unsigned char)*p) || (p > start && is_ident_char((unsigned char)p[-1])))
            continue;
        while (p < end && is_ident_char((unsigned char)*p))
            p++;
        if (p - s >= (long)sizeof(name))
            continue;
        memcpy(name, s, (size_t)(p - s));
        name[p - s] = 0;
        for (q = p; q < end && isspace((unsigned char)*q); q++)
            ;
        if ((f = find_func(name)) != NULL && q < end && *q == '(')
            fail(file, line_at(text, s),
                 "%s called inside a #define: WPP identifies each message by the line of its "
                 "call, which a macro body does not have; trace from a function instead",
                 f->name);
        p--;
    }
}

/* Every trace function call outside comments, literals and preprocessor directives. */
static void scan_calls(const char *text, const char *file)
{
    const char *p = text;
    int bol = 1;

    while (*p) {
        if (p[0] == '/' && p[1] == '/') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
            continue;
        }
        if (*p == '\n') {
            bol = 1;
            p++;
            continue;
        }
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (*p == '#' && bol) { /* a directive, with its continuation lines */
            const char *start = p;
            while (*p && !(*p == '\n' && p[-1] != '\\'))
                p++;
            check_define(text, start, p, file);
            continue;
        }
        bol = 0;
        if (*p == '"' || *p == '\'') {
            p = skip_literal(p);
            continue;
        }
        if (is_ident_char((unsigned char)*p)) {
            const char *s = p;
            struct func *f;
            char name[128];
            while (is_ident_char((unsigned char)*p))
                p++;
            if (p - s < (long)sizeof(name) && !isdigit((unsigned char)*s)) {
                memcpy(name, s, (size_t)(p - s));
                name[p - s] = 0;
                if ((f = find_func(name)) != NULL)
                    scan_call(text, s, f, file, &p);
            }
            continue;
        }
        p++;
    }
}

/* ---- output ------------------------------------------------------------------------------- */

/* WPP_<NAMES>_ suffix of a function's condition macros: static names, then dynamic ones. */
static void cond_key(const struct func *f, char *out, size_t cap)
{
    int i;

    out[0] = 0;
    for (i = 0; i < f->nstatic; i++) {
        strncat(out, f->static_names[i], cap - strlen(out) - 1);
        strncat(out, "_", cap - strlen(out) - 1);
    }
    for (i = 0; i < f->nparams; i++) {
        strncat(out, f->params[i], cap - strlen(out) - 1);
        strncat(out, "_", cap - strlen(out) - 1);
    }
    out[strlen(out) - 1] = 0;
}

/* The condition arguments: static values, then the macro's dynamic parameter names. */
static void cond_args(FILE *o, const struct func *f)
{
    int i;

    for (i = 0; i < f->nstatic; i++)
        fprintf(o, "%s%s", i ? ", " : "", f->static_values[i]);
    for (i = 0; i < f->nparams; i++)
        fprintf(o, "%s%s", (i || f->nstatic) ? ", " : "", f->params[i]);
}

static void c_string(FILE *o, const char *s)
{
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

static void emit_func_macros(FILE *o)
{
    int i;
    char key[512];

    for (i = 0; i < nfuncs; i++) {
        struct func *f = &funcs[i];
        cond_key(f, key, sizeof(key));
        fprintf(o, "/* %s: WPP_%s_ENABLED / _LOGGER (the driver's), WPP_RECORDER_%s_FILTER */\n",
                f->name, key, key);
        fprintf(o, "#ifdef WPP_%s_ENABLED\n#define WPP_ON_%s(...) WPP_%s_ENABLED(__VA_ARGS__)\n",
                key, f->name, key);
        fprintf(o, "#define WPP_UNCHECKED_%s 0u\n#else\n#define WPP_ON_%s(...) 1\n", f->name,
                f->name);
        fprintf(o, "#define WPP_UNCHECKED_%s 4u\n#endif\n", f->name);
        fprintf(o, "#ifdef WPP_%s_LOGGER\n#define WPP_LG_%s(fb, ...) WPP_%s_LOGGER(__VA_ARGS__)\n",
                key, f->name, key);
        fprintf(o, "#else\n#define WPP_LG_%s(fb, ...) (fb)\n#endif\n", f->name);
        fprintf(o, "#ifdef WPP_RECORDER_%s_FILTER\n", key);
        fprintf(o, "#define WPP_REC_%s(...) WPP_RECORDER_%s_FILTER(__VA_ARGS__)\n", f->name, key);
        fprintf(o, "#else\n#define WPP_REC_%s(...) 0\n#endif\n", f->name);
        fprintf(o, "#undef %s\n#define %s WPP_CAT(WPP_CALL_, __LINE__)\n\n", f->name, f->name);
    }
}

/* The level and flag of a call: the argument of a parameter named LEVEL that is not a flag
 * name, and the argument (or static value) that is one of the WPP_DEFINE_BIT names. */
static void site_level_flag(const struct site *s, const char **level, const char **flag)
{
    const struct func *f = s->f;
    int i;

    *level = NULL;
    *flag = NULL;
    for (i = 0; i < f->nstatic; i++)
        if (bit_index(f->static_values[i]) >= 0)
            *flag = f->static_values[i];
    for (i = 0; i < f->nparams; i++) {
        if (bit_index(s->args[i]) >= 0)
            *flag = s->args[i];
        else if (strcmp(f->params[i], "LEVEL") == 0 || strcmp(f->params[i], "LVL") == 0)
            *level = f->params[i];
    }
}

/* The site's Custom field: "NAME=ItemType:PAIRS;..." for the custom types its format uses. */
static void emit_custom(FILE *o, const struct site *s)
{
    int i, k, any = 0;

    for (i = 0; i < s->ntypes; i++)
        for (k = 0; k < ncplx; k++)
            if (s->types[i].macro != NULL && s->types[i].macro == cplxs[k].macro) {
                fprintf(o, "%s%s=%s:%s;", any ? "" : "\"", cplxs[k].name, cplxs[k].itemtype,
                        cplxs[k].pairs);
                any = 1;
            }
    fprintf(o, "%s", any ? "\"" : "NULL");
}

static void emit_site(FILE *o, const struct site *s, const char *base)
{
    const struct func *f = s->f;
    const char *level, *flag;
    char key[512];
    int i;

    cond_key(f, key, sizeof(key));
    site_level_flag(s, &level, &flag);
    /* the per-site function: typed parameters, so the compiler checks the arguments */
    fprintf(o,
            "static __inline void WPP_SF_%d(const struct drvhost_wpp_site *wpp_s, "
            "WPP_LOGGER_T wpp_l, int wpp_lvl, unsigned wpp_m",
            s->line);
    for (i = 0; i < s->ntypes; i++)
        fprintf(o, ", %s a%d", s->types[i].type, i);
    fprintf(o, ")\n{\n    drvhost_wpp_trace(wpp_s, wpp_l, wpp_lvl, wpp_m");
    for (i = 0; i < s->ntypes; i++) {
        if (s->types[i].macro)
            fprintf(o, " %s(a%d)", s->types[i].macro, i);
        else
            fprintf(o, ", a%d", i);
    }
    fprintf(o, ");\n}\n");
    fprintf(o, "#define WPP_CALL_%d(", s->line);
    for (i = 0; i < f->nparams; i++)
        fprintf(o, "%s, ", f->params[i]);
    fprintf(o, "MSG, ...) \\\n    do { \\\n        unsigned wpp_m_ = ((WPP_ON_%s(", f->name);
    cond_args(o, f);
    fprintf(o, ")) ? 1u : 0u) | ((WPP_REC_%s(", f->name);
    cond_args(o, f);
    fprintf(o, ")) ? 2u : 0u) | WPP_UNCHECKED_%s; \\\n", f->name);
    fprintf(o, "        if ((wpp_m_ & 3u) != 0) { \\\n");
    fprintf(o, "            static const struct drvhost_wpp_site wpp_s_ = { ");
    c_string(o, base);
    fprintf(o, ", __func__, %d, ", s->line);
    if (flag)
        c_string(o, flag);
    else
        fprintf(o, "\"\"");
    fprintf(o, ", %s%s%s", flag ? "WPP_BIT_" : "", flag ? flag : "0", ", ");
    fprintf(o, "%s", f->prefix ? f->prefix : "");
    fprintf(o, " MSG %s, ", f->suffix ? f->suffix : "");
    emit_custom(o, s);
    fprintf(o, " }; \\\n");
    fprintf(o, "            WPP_SF_%d(&wpp_s_, WPP_LG_%s(", s->line, f->name);
    if (flag)
        fprintf(o, "&WPP_CONTROL(WPP_BIT_%s)", flag);
    else
        fprintf(o, "&WPP_MAIN_CB[0]");
    fprintf(o, ", ");
    cond_args(o, f);
    fprintf(o, "), %s, wpp_m_, ##__VA_ARGS__); \\\n", level ? level : "0");
    fprintf(o, "        } \\\n    } while (0)\n\n");
}

static void emit(FILE *o, const char *tmh, const char *base)
{
    int i, c;

    fprintf(o,
            "/* %s - generated by drvwpp (drvhost's WPP preprocessor) from %s: do not edit. */\n",
            tmh, base);
    fprintf(o, "#include <drvhost_wpp.h>\n\n");
    fprintf(o, "#define WPP_CTL_COUNT %d\n", nctl);
    /* WPP_BIT_<name>: (control << 16) | (bit number + 1), as WPP numbers them */
    fprintf(o, "enum {\n");
    for (c = 0, i = 0; i < nbits; i++) {
        int k, nb = 0;
        for (k = 0; k < i; k++)
            nb += bits[k].ctl == bits[i].ctl;
        fprintf(o, "    WPP_BIT_%s = (%d << 16) | %d,\n", bits[i].name, bits[i].ctl, nb + 1);
        c++;
    }
    fprintf(o, "    WPP_BIT_COUNT_ = %d\n};\n", c);
    if (nctl > 0) {
        fprintf(o, "static const char *const WPP_FLAG_NAMES_[%d][32] = {\n", nctl);
        for (c = 0; c < nctl; c++) {
            fprintf(o, "    {");
            for (i = 0; i < nbits; i++)
                if (bits[i].ctl == c)
                    fprintf(o, " \"%s\",", bits[i].name);
            fprintf(o, " },\n");
        }
        fprintf(o, "};\n");
        /* One control block per module: every .tmh defines it weak, the linker keeps one. */
        fprintf(o, "__attribute__((weak)) struct drvhost_wpp_control WPP_MAIN_CB[%d] = {\n", nctl);
        for (c = 0; c < nctl; c++)
            fprintf(o, "    { \"%s\", %s, WPP_FLAG_NAMES_[%d] },\n", ctl_names[c],
                    ctl_guids[c] ? ctl_guids[c] : "{ 0 }", c);
        fprintf(o, "};\n");
        fprintf(o,
                "#define WPP_INIT_TRACING(DriverObject, RegistryPath) "
                "drvhost_wpp_init(WPP_MAIN_CB, WPP_CTL_COUNT, (DriverObject), (RegistryPath))\n");
        fprintf(o, "#define WPP_CLEANUP(DriverObject) drvhost_wpp_cleanup(WPP_MAIN_CB, "
                   "WPP_CTL_COUNT, (DriverObject))\n\n");
    }
    for (i = 0; i < nflag_defines; i++)
        fprintf(o, "#define %s\n", flag_defines[i]);
    emit_func_macros(o);
    for (i = 0; i < nsites; i++)
        emit_site(o, &sites[i], base);
}

/* The X.tmh named by `#include "X.tmh"` in text, or NULL. */
static char *tmh_name(const char *text)
{
    const char *p = text;

    while ((p = strstr(p, ".tmh\"")) != NULL) {
        const char *q = p;
        while (q > text && q[-1] != '"' && q[-1] != '\n')
            q--;
        if (q > text && q[-1] == '"') {
            const char *h = q - 1;
            while (h > text && h[-1] != '\n')
                h--;
            while (isspace((unsigned char)*h))
                h++;
            if (*h == '#' && strstr(h, "include") != NULL && strstr(h, "include") < q)
                return dupn(q, (size_t)(p + 4 - q));
        }
        p += 5;
    }
    return NULL;
}

static int usage(void)
{
    fprintf(stderr, "usage: drvwpp [--scan FILE]... [--func 'NAME(ARGS,MSG,...)']... "
                    "[--config FILE]... -d OUTDIR SOURCE\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *outdir = NULL, *source = NULL;
    const char *scans[64], *configs[64], *cmdfuncs[64];
    int nscan = 0, nconfig = 0, ncmdfunc = 0, i;
    char *text, *bare, *tmh, *path, *base;
    FILE *o;

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--scan") && i + 1 < argc && nscan < 64)
            scans[nscan++] = argv[++i];
        else if (!strcmp(argv[i], "--func") && i + 1 < argc && ncmdfunc < 64)
            cmdfuncs[ncmdfunc++] = argv[++i];
        else if (!strcmp(argv[i], "--config") && i + 1 < argc && nconfig < 64)
            configs[nconfig++] = argv[++i];
        else if (!strcmp(argv[i], "-d") && i + 1 < argc)
            outdir = argv[++i];
        else if (argv[i][0] != '-' && source == NULL)
            source = argv[i];
        else
            return usage();
    }
    if (outdir == NULL || source == NULL)
        return usage();
    text = read_file(source);
    bare = strip_comments(text);
    tmh = tmh_name(bare);
    if (tmh == NULL)
        return 0; /* no .tmh included: nothing to generate */
    /* DoTraceMessage(FLAG, MSG, ...) is always there, as in the WDK's defaults */
    parse_func_decl("DoTraceMessage(LEVEL, MSG, ...)", "(default)", 0);
    for (i = 0; i < nconfig; i++)
        scan_ini(configs[i]);
    for (i = 0; i < nscan; i++) {
        char *h = read_file(scans[i]);
        scan_config_blocks(h, scans[i]);
        scan_control_block(strip_comments(h), scans[i]);
    }
    scan_config_blocks(text, source);
    scan_control_block(bare, source);
    for (i = 0; i < ncmdfunc; i++)
        parse_func_decl(cmdfuncs[i], "--wpp-func", 0);
    if (nctl == 0)
        fail(source, line_at(bare, strstr(bare, tmh)),
             "includes %s but no WPP_DEFINE_CONTROL_GUID was found (the header "
             "defining WPP_CONTROL_GUIDS goes to --wpp-scan)",
             tmh);
    scan_calls(text, source);
    if (errors)
        return 1;
    base = strrchr(source, '/') ? strrchr(source, '/') + 1 : (char *)source;
    path = xmalloc(strlen(outdir) + strlen(tmh) + 2);
    sprintf(path, "%s/%s", outdir, strrchr(tmh, '/') ? strrchr(tmh, '/') + 1 : tmh);
    o = fopen(path, "w");
    if (o == NULL) {
        fprintf(stderr, "drvwpp: %s: %s\n", path, strerror(errno));
        return 2;
    }
    emit(o, tmh, base);
    if (fclose(o) != 0) {
        fprintf(stderr, "drvwpp: %s: write error\n", path);
        return 2;
    }
    return 0;
}
