/*
 * drvwpp - drvhost's WPP preprocessor: generates the X.tmh header a driver source includes.
 *
 *   drvwpp [--scan FILE]... [--func 'NAME(ARGS,MSG,...)']... [--config FILE]... -d OUTDIR SOURCE
 *          [--define NAME[=VALUE]]...
 *
 * The control block is the driver's WPP_CONTROL_GUIDS, expanded by the C preprocessor in the
 * .tmh (as the WDK's tracewpp leaves it to the compiler), so it may live in any header the source
 * includes before the .tmh. drvwpp reads the trace functions from `begin_wpp config` ...
 * `end_wpp` blocks of the source and the --scan headers (FUNC, USEPREFIX, USESUFFIX,
 * CUSTOM_TYPE, DEFINE_CPLX_TYPE, WPP_FLAGS) and --func, the same statements from --config files
 * (localwpp.ini), then every call of a trace function in SOURCE. It writes OUTDIR/X.tmh for the
 * `#include "X.tmh"` of SOURCE (nothing when SOURCE has none), with the --define macros first.
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
    int nparams;      /* dynamic parameters before MSG (all of them when there is no MSG) */
    char *params[16]; /* their names */
    int nstatic;      /* {NAME=VALUE,...} */
    char *static_names[8];
    char *static_values[8];
    int has_msg;           /* MSG is a parameter (a FUNC may have none: its prefix and suffix are
                            * the message) */
    int variadic;          /* '...' follows: the format's arguments */
    int group;             /* the first parameter inside a parenthesized group, as in
                            * KdPrint((MSG, ...)) or DoTrace(LEVEL, FLAGS, (MSG, ...)); -1 when none.
                            * The group runs to the end of the list. */
    int level_is_flag;     /* DoTraceMessage: its condition parameter, named LEVEL, is a flag */
    char *prefix, *suffix; /* USEPREFIX / USESUFFIX format strings (C literal text), or NULL */
    char *prefix_args, *suffix_args; /* their arguments (", a, b"), or NULL */
    int nprefix_args, nsuffix_args;
};

/* A USEPREFIX / USESUFFIX: applied once every FUNC is known (either may come first). */
struct fix {
    char *func, *format, *args;
    int nargs, suffix, line;
    const char *file;
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
};

static struct func funcs[MAX_ITEMS];
static int nfuncs;
static struct fix fixes[MAX_ITEMS];
static int nfixes;
static char *tmh_defines[MAX_ITEMS]; /* --define NAME[=VALUE]: #define at the top of the .tmh */
static int ntmh_defines;
static struct cplx cplxs[MAX_ITEMS];
static int ncplx;
static char *flag_defines[MAX_ITEMS]; /* WPP_FLAGS(-D...) bodies: NAME(x) BODY */
static int nflag_defines;
static struct bit bits[MAX_ITEMS];
static int nbits;
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

/* __DATE__, __TIME__, __FILE__: string literals the compiler supplies. */
static int is_literal_macro(const char *s)
{
    return (strncmp(s, "__DATE__", 8) == 0 || strncmp(s, "__TIME__", 8) == 0 ||
            strncmp(s, "__FILE__", 8) == 0) &&
           !is_ident_char((unsigned char)s[8]);
}

/* The contents of the adjacent string literals of s ("a" "b" -> a b; __DATE__, __TIME__ and
 * __FILE__ among them count as text without conversions), or NULL when s is anything else. */
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
        if (is_literal_macro(s)) { /* "built " __DATE__: a literal, without a conversion */
            s += 8;
            continue;
        }
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

/* tracewpp's "shriek" spelling of a printf conversion, %!s! or numbered %1!d!, as plain printf
 * (%s, %d) in a copy of the literal text s; extended formats (%!STATUS!) stay. */
static char *unshriek(const char *s)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;

    while (*s) {
        const char *p = s + 1, *q;
        if (*s != '%' || s[1] == '%') {
            if (*s == '%')
                *o++ = *s++;
            *o++ = *s++;
            continue;
        }
        while (isdigit((unsigned char)*p))
            p++;
        if (*p != '!') {
            *o++ = *s++;
            continue;
        }
        q = p + 1;
        while (*q && strchr("-+ #0123456789.*hlLIwzjt", *q))
            q++;
        if (*q && strchr("diouxXcCsSpeEfgGaAZ", *q) && q[1] == '!' &&
            (q == p + 1 || strchr("-+ #0123456789.*hlLIwzjt", q[-1]))) {
            *o++ = '%';
            memcpy(o, p + 1, (size_t)(q - p));
            o += q - p;
            s = q + 2;
        } else {
            *o++ = *s++;
        }
    }
    *o = 0;
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

/* The parameters of a FUNC declaration: names, then MSG (optional), then '...' (optional); one
 * trailing parenthesized group flattens into the list (KdPrint((MSG, ...))). */
static int parse_params(struct func *f, char **args, int n, const char *file, int line)
{
    int i;

    for (i = 0; i < n; i++) {
        const char *a = args[i];
        if (a[0] == '(' && f->group < 0 && i == n - 1) {
            char *inner[24];
            int m;
            if (split_args(a, inner, 24, &m) == NULL || m > 24) {
                fail(file, line, "FUNC %s: bad parameter group '%s'", f->name, a);
                return -1;
            }
            f->group = i;
            return parse_params(f, inner, m, file, line);
        }
        if (f->variadic) {
            fail(file, line, "FUNC %s: '...' must be the last parameter", f->name);
            return -1;
        }
        if (strcmp(a, "...") == 0) {
            f->variadic = 1;
        } else if (strcmp(a, "MSG") == 0) {
            f->has_msg = 1;
        } else if (f->has_msg) {
            fail(file, line, "FUNC %s: MSG must be followed by '...' and nothing else", f->name);
            return -1;
        } else if (f->nparams == 16 || !is_ident_char((unsigned char)a[0])) {
            fail(file, line, "FUNC %s: bad parameter '%s'", f->name, a);
            return -1;
        } else {
            f->params[f->nparams++] = args[i];
        }
    }
    return 0;
}

/* Parses "NAME{A=B,...}(P,...,MSG,...)" (trailing ';' allowed). */
static void parse_func_decl(const char *decl, const char *file, int line)
{
    const char *p = decl;
    struct func f;
    char *args[24];
    int n;

    memset(&f, 0, sizeof(f));
    f.group = -1;
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
    if (*p != '(' || split_args(p, args, 24, &n) == NULL || n > 24) {
        fail(file, line, "FUNC %s: a parameter list (..., MSG, ...) is expected", f.name);
        return;
    }
    if (parse_params(&f, args, n, file, line) != 0)
        return;
    if (find_func(f.name) != NULL) {
        struct func *old = find_func(f.name);
        *old = f;
        return;
    }
    if (nfuncs == MAX_ITEMS) {
        fail(file, line, "too many trace functions");
        return;
    }
    funcs[nfuncs++] = f;
}

/* USEPREFIX(Name, "fmt"[, args]) / USESUFFIX(Name, "fmt"[, args]): recorded, applied by
 * apply_fixes once every FUNC is read (the WDK's own examples put USEPREFIX first). The
 * arguments are expressions evaluated at the call; a FUNC parameter's name among them stands for
 * the call's argument. */
static void parse_fix(const char *p, int suffix, const char *file, int line)
{
    char *args[24];
    int n, i;
    size_t len = 1;
    struct fix *x;

    while (*p && *p != '(')
        p++;
    if (*p != '(' || split_args(p, args, 24, &n) == NULL || n < 2 || n > 24) {
        fail(file, line, "USE%s: (FUNCTION, \"FORMAT\"[, ARGUMENTS]) is expected",
             suffix ? "SUFFIX" : "PREFIX");
        return;
    }
    if (literal_contents(args[1]) == NULL) {
        fail(file, line, "USE%s: the format must be a string literal",
             suffix ? "SUFFIX" : "PREFIX");
        return;
    }
    if (nfixes == MAX_ITEMS) {
        fail(file, line, "too many USEPREFIX/USESUFFIX statements");
        return;
    }
    x = &fixes[nfixes++];
    x->func = args[0];
    x->format = args[1];
    x->suffix = suffix;
    x->file = file;
    x->line = line;
    x->nargs = n - 2;
    for (i = 2; i < n; i++)
        len += strlen(args[i]) + 2;
    x->args = xmalloc(len);
    x->args[0] = 0;
    for (i = 2; i < n; i++) {
        strcat(x->args, ", ");
        strcat(x->args, args[i]);
    }
}

static void apply_fixes(void)
{
    int i;

    for (i = 0; i < nfixes; i++) {
        struct fix *x = &fixes[i];
        struct func *f = find_func(x->func);
        if (f == NULL) {
            fail(x->file, x->line, "USE%s: %s is not a FUNC of any configuration block",
                 x->suffix ? "SUFFIX" : "PREFIX", x->func);
            continue;
        }
        if (x->suffix) {
            f->suffix = unshriek(x->format);
            f->suffix_args = x->args;
            f->nsuffix_args = x->nargs;
        } else {
            f->prefix = unshriek(x->format);
            f->prefix_args = x->args;
            f->nprefix_args = x->nargs;
        }
    }
}

static void add_cplx(char *name, char *macro, char *argtype, char *itemtype, char *pairs)
{
    if (ncplx == MAX_ITEMS)
        return;
    cplxs[ncplx].name = name;
    cplxs[ncplx].macro = macro;
    cplxs[ncplx].argtype = argtype;
    cplxs[ncplx].itemtype = itemtype;
    cplxs[ncplx].pairs = pairs;
    ncplx++;
}

/* DEFINE_CPLX_TYPE(NAME, MACRO, ARGTYPE, ITEMTYPE, "s", _TAG_, 0[, PAIRS]). */
static void parse_cplx(const char *s, const char *file, int line)
{
    char *args[8];
    int n;
    const char *q = strchr(s, '(');

    if (q == NULL || split_args(q, args, 8, &n) == NULL || n < 7 || n > 8)
        fail(file, line,
             "DEFINE_CPLX_TYPE(NAME, MACRO, ARGTYPE, ITEMTYPE, \"s\", _TAG_, 0, PAIRS) expected");
    else
        add_cplx(args[0], args[1], args[2], args[3], n == 8 ? args[7] : "1");
}

/* CUSTOM_TYPE(NAME, ItemEnum(TYPE)) / CUSTOM_TYPE(NAME, ItemListLong(A, B, ...)): an integer the
 * decoder shows by name. drvhost shows its value (deviation: the names are not read). */
static void parse_custom(const char *s, const char *file, int line)
{
    char *args[4];
    int n;
    const char *q = strchr(s, '(');
    size_t k;

    if (q == NULL || split_args(q, args, 4, &n) == NULL || n != 2 ||
        !is_ident_char((unsigned char)args[1][0])) {
        fail(file, line, "CUSTOM_TYPE(NAME, ItemEnum(TYPE)) expected");
        return;
    }
    for (k = 0; is_ident_char((unsigned char)args[1][k]); k++)
        ;
    add_cplx(args[0], "DRVHOST_WPP_LOGVAL", "int", dupn(args[1], k), "1");
}

/* WPP_FLAGS(-DNAME=VALUE) or (-DNAME(x)=BODY, or the older -DNAME(x) BODY): a #define in the
 * .tmh. Other WPP_FLAGS options (-public:NAME: symbol-file annotations) mean nothing here. */
static void parse_wpp_flags(const char *s, const char *file, int line)
{
    const char *q = strstr(s, "-D");
    const char *end = strrchr(s, ')');
    char *def;
    int depth = 0;
    size_t i;

    if (q == NULL && strchr(s, '-') != NULL)
        return;
    if (q == NULL || end == NULL || end < q) {
        fail(file, line, "WPP_FLAGS(-DNAME(x)=BODY) expected");
        return;
    }
    def = trimn(q + 2, (size_t)(end - q - 2));
    for (i = 0; def[i]; i++) {
        if (def[i] == '(')
            depth++;
        else if (def[i] == ')')
            depth--;
        else if (depth == 0 && (def[i] == '=' || isspace((unsigned char)def[i]))) {
            def[i] = ' ';
            break;
        }
    }
    if (nflag_defines < MAX_ITEMS)
        flag_defines[nflag_defines++] = def;
}

/* NAME(... or NAME{...}(...: a trace function's declaration. */
static int is_func_shape(const char *s)
{
    if (!is_ident_char((unsigned char)*s) || isdigit((unsigned char)*s))
        return 0;
    while (is_ident_char((unsigned char)*s))
        s++;
    while (isspace((unsigned char)*s))
        s++;
    return *s == '(' || *s == '{';
}

/* One configuration statement: a line of a begin_wpp config block (comment markers removed) or
 * of a --config file. */
static void config_line(const char *s, const char *file, int line)
{
    while (isspace((unsigned char)*s))
        s++;
    if (*s == 0 || *s == ';' || *s == '#' || strncmp(s, "//", 2) == 0)
        return;
    if (strncmp(s, "FUNC", 4) == 0 && (isspace((unsigned char)s[4]) || s[4] == ':'))
        parse_func_decl(s + 5, file, line);
    else if (strncmp(s, "USEPREFIX", 9) == 0)
        parse_fix(s + 9, 0, file, line);
    else if (strncmp(s, "USESUFFIX", 9) == 0)
        parse_fix(s + 9, 1, file, line);
    else if (strncmp(s, "DEFINE_CPLX_TYPE", 16) == 0)
        parse_cplx(s, file, line);
    else if (strncmp(s, "CUSTOM_TYPE", 11) == 0)
        parse_custom(s, file, line);
    else if (strncmp(s, "WPP_FLAGS", 9) == 0)
        parse_wpp_flags(s, file, line);
    else if (is_func_shape(s)) /* the FUNC keyword left out: the WDK's samples build so */
        parse_func_decl(s, file, line);
    else
        fprintf(stderr,
                "%s:%d: warning: '%s' is not a WPP configuration statement (FUNC, "
                "USEPREFIX, USESUFFIX, CUSTOM_TYPE, DEFINE_CPLX_TYPE, WPP_FLAGS): ignored\n",
                file, line, s);
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

/* The WPP_DEFINE_BIT names of the control blocks written in text (the source, the --scan
 * headers): they tell which argument of a call is its flag when no parameter is named FLAGS. The
 * control block itself comes from the C preprocessor (the .tmh expands WPP_CONTROL_GUIDS, as
 * the WDK's does), wherever the driver defines it. */
static void scan_control_block(const char *text)
{
    const char *b = text;

    while ((b = strstr(b, "WPP_DEFINE_BIT")) != NULL) {
        char *bargs[2];
        int bn;
        const char *q = b + 14;
        if (b > text && is_ident_char((unsigned char)b[-1])) {
            b = q;
            continue;
        }
        while (isspace((unsigned char)*q))
            q++;
        b = q;
        if (*q != '(' || split_args(q, bargs, 2, &bn) == NULL || bn != 1 ||
            !is_ident_char((unsigned char)bargs[0][0]) || strcmp(bargs[0], "Name") == 0)
            continue;
        if (nbits < MAX_ITEMS)
            bits[nbits++].name = bargs[0];
    }
}

/* A --config file (localwpp.ini): configuration statements, one a line. */
static void scan_ini(const char *path)
{
    char *text = read_file(path);
    const char *p = text;
    int line = 1;

    while (*p) {
        const char *e = strchr(p, '\n');
        char *ln = dupn(p, e ? (size_t)(e - p) : strlen(p));
        config_line(ln, path, line);
        free(ln);
        if (e == NULL)
            break;
        p = e + 1;
        line++;
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
            /* A DEFINE_CPLX_TYPE of the configuration first: it redefines a name of the
               defaults (localwpp.ini's HEXDUMP takes the driver's xstr_t and WPP_LOGHEXDUMP),
               as a tracewpp configuration file overrides defaultwpp.ini. */
            for (i = 0; i < (size_t)ncplx && !found; i++)
                if (strcmp(name, cplxs[i].name) == 0) {
                    args[n].type = cplxs[i].argtype;
                    args[n].macro = cplxs[i].macro;
                    n++;
                    found = 1;
                }
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
    char *msg;      /* the MSG argument as written (literals) */
    char *msg_text; /* the same with %!s! spellings made plain printf, when it has any */
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

/* The call's arguments with a parenthesized group (KdPrint((MSG, ...))) spliced in; 0 or -1. */
static int flatten_group(struct site *s, const struct func *f, const char *file, int line)
{
    char *inner[40];
    int m, i;
    const char *g;

    if (f->group < 0)
        return 0;
    g = s->nargs == f->group + 1 ? s->args[f->group] : NULL;
    if (g == NULL || g[0] != '(' || g[strlen(g) - 1] != ')' ||
        split_args(g, inner, 40, &m) == NULL || f->group + m > 40) {
        fail(file, line,
             "%s: %d parameters then one in parentheses expected, as the FUNC "
             "declares",
             f->name, f->group);
        return -1;
    }
    for (i = 0; i < m; i++)
        s->args[f->group + i] = inner[i];
    s->nargs = f->group + m;
    return 0;
}

static void scan_call(const char *text, const char *p, struct func *f, const char *file,
                      const char **next)
{
    struct site s;
    int line = line_at(text, p), n, i, fixed = f->nparams + f->has_msg, passed;
    const char *q = p + strlen(f->name);
    const char *contents = "";

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
    s.nargs = n > 40 ? 40 : n;
    if (n > 40 || flatten_group(&s, f, file, line) != 0)
        return;
    n = s.nargs;
    if (n < fixed || (!f->variadic && n != fixed)) {
        fail(file, line, "%s: %d arguments, %s %d expected (%s)", f->name, n,
             f->variadic ? "at least" : "exactly", fixed,
             f->has_msg ? (f->nparams ? "the condition arguments and MSG" : "MSG")
                        : "the FUNC's parameters");
        return;
    }
    if (f->has_msg) {
        s.msg = s.args[f->nparams];
        if (literal_contents(s.msg) != NULL && strcmp(unshriek(s.msg), s.msg) != 0)
            s.msg_text = unshriek(s.msg); /* the site's format, in place of MSG */
        contents = literal_contents(s.msg_text ? s.msg_text : s.msg);
        if (contents == NULL) {
            fail(file, line, "%s: the message '%s' is not a string literal", f->name, s.msg);
            return;
        }
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
    passed = f->nprefix_args + (n - fixed) + f->nsuffix_args;
    if (s.ntypes != passed) {
        fail(file, line, "%s: the format takes %d argument%s, the call passes %d", f->name,
             s.ntypes, s.ntypes == 1 ? "" : "s", passed);
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

/* The name at p follows a type name (VOID TraceEvents(ULONG Level, ...)): the declaration or
 * definition of a function of that name, which a source without WPP uses (in an #else branch,
 * as the WDK's samples do), not a call. A call follows ; { } ) : else do. */
/* Whether the word at b is the end of a directive line (#endif) or of a // comment: text the
 * compiler does not see, so it says nothing about the call after it. */
static int in_directive_or_comment(const char *text, const char *b)
{
    const char *ls = b, *q;

    while (ls > text && ls[-1] != '\n')
        ls--;
    for (q = ls; q < b && isspace((unsigned char)*q); q++)
        ;
    if (*q == '#')
        return 1;
    for (; q + 1 < b; q++)
        if (q[0] == '/' && q[1] == '/')
            return 1;
    return 0;
}

static int is_declaration(const char *text, const char *p)
{
    const char *e = p, *b;

    while (e > text && isspace((unsigned char)e[-1]))
        e--;
    if (e == text || !is_ident_char((unsigned char)e[-1]))
        return 0;
    for (b = e; b > text && is_ident_char((unsigned char)b[-1]); b--)
        ;
    if (in_directive_or_comment(text, b))
        return 0;
    return !((e - b == 4 && strncmp(b, "else", 4) == 0) ||
             (e - b == 2 && strncmp(b, "do", 2) == 0));
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
                if ((f = find_func(name)) != NULL && !is_declaration(text, s))
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
    for (i = 0; i < f->nstatic + f->nparams; i++) {
        if (i > 0)
            strncat(out, "_", cap - strlen(out) - 1);
        strncat(out, i < f->nstatic ? f->static_names[i] : f->params[i - f->nstatic],
                cap - strlen(out) - 1);
    }
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

/* WPP_<what>_<f>(...): the driver's WPP_<KEY>_<suffix>(...) when it defines one, else fallback. */
static void emit_optional(FILE *o, const char *what, const char *f, const char *key,
                          const char *suffix, const char *fallback)
{
    fprintf(o, "#ifdef WPP_%s_%s\n#define WPP_%s_%s(...) WPP_%s_%s(__VA_ARGS__)\n", key, suffix,
            what, f, key, suffix);
    fprintf(o, "#else\n#define WPP_%s_%s(...) %s\n#endif\n", what, f, fallback);
}

static void emit_func_macros(FILE *o)
{
    int i;
    char key[512];

    for (i = 0; i < nfuncs; i++) {
        struct func *f = &funcs[i];
        cond_key(f, key, sizeof(key));
        fprintf(o,
                "/* %s: WPP_%s_ENABLED / _LOGGER / _PRE / _POST (the driver's), "
                "WPP_RECORDER_%s_FILTER */\n",
                f->name, key, key);
        fprintf(o,
                "#ifdef WPP_%s_ENABLED\n#define WPP_UNCHECKED_%s 0u\n#else\n"
                "#define WPP_UNCHECKED_%s 4u\n#endif\n",
                key, f->name, f->name);
        emit_optional(o, "ON", f->name, key, "ENABLED", "1");
        fprintf(o, "#ifdef WPP_%s_LOGGER\n#define WPP_LG_%s(fb, ...) WPP_%s_LOGGER(__VA_ARGS__)\n",
                key, f->name, key);
        fprintf(o, "#else\n#define WPP_LG_%s(fb, ...) (fb),\n#endif\n", f->name);
        fprintf(o, "#ifdef WPP_RECORDER_%s_FILTER\n", key);
        fprintf(o, "#define WPP_REC_%s(...) WPP_RECORDER_%s_FILTER(__VA_ARGS__)\n", f->name, key);
        fprintf(o, "#else\n#define WPP_REC_%s(...) 0\n#endif\n", f->name);
        emit_optional(o, "PRE", f->name, key, "PRE", "");
        emit_optional(o, "POST", f->name, key, "POST", "");
        fprintf(o, "#undef %s\n#define %s WPP_CAT(WPP_CALL_, __LINE__)\n\n", f->name, f->name);
    }
}

static int is_identifier(const char *s)
{
    if (!is_ident_char((unsigned char)*s) || isdigit((unsigned char)*s))
        return 0;
    while (is_ident_char((unsigned char)*s))
        s++;
    return *s == 0;
}

/* A candidate flag: an identifier, and a WPP_DEFINE_BIT name when the bits are known. */
static int flag_ok(const char *value)
{
    return value != NULL && is_identifier(value) && (nbits == 0 || bit_index(value) >= 0);
}

/* The flag and level of a call. The flag: the value of a parameter named FLAGS or FLAG (static
 * or the call's argument), else an argument that is a WPP_DEFINE_BIT name written in the source
 * or a --scan header, else DoTraceMessage's condition argument. The level: the argument of a
 * parameter named LEVEL that is not the flag, or a static LEVEL=TRACE_LEVEL_x. */
static void site_level_flag(const struct site *s, const char **level, const char **flag)
{
    const struct func *f = s->f;
    int i;

    *level = NULL;
    *flag = NULL;
    for (i = 0; i < f->nstatic; i++)
        if ((!strcmp(f->static_names[i], "FLAGS") || !strcmp(f->static_names[i], "FLAG")) &&
            flag_ok(f->static_values[i]))
            *flag = f->static_values[i];
    for (i = 0; i < f->nparams; i++)
        if ((!strcmp(f->params[i], "FLAGS") || !strcmp(f->params[i], "FLAG")) &&
            flag_ok(s->args[i]))
            *flag = s->args[i];
    for (i = 0; i < f->nstatic && *flag == NULL; i++)
        if (bit_index(f->static_values[i]) >= 0)
            *flag = f->static_values[i];
    for (i = 0; i < f->nparams && *flag == NULL; i++)
        if (bit_index(s->args[i]) >= 0)
            *flag = s->args[i];
    for (i = 0; i < f->nparams; i++) {
        if (strcmp(f->params[i], "LEVEL") != 0 && strcmp(f->params[i], "LVL") != 0)
            continue;
        if (*flag == NULL && f->level_is_flag && flag_ok(s->args[i]))
            *flag = s->args[i];
        else if (*flag != s->args[i])
            *level = f->params[i];
    }
    for (i = 0; i < f->nstatic && *level == NULL; i++)
        if (!strcmp(f->static_names[i], "LEVEL") &&
            (!strncmp(f->static_values[i], "TRACE_LEVEL_", 12) ||
             isdigit((unsigned char)f->static_values[i][0])))
            *level = f->static_values[i];
}

/* The site's Custom field: "NAME=ItemType:PAIRS;..." for the custom types its format uses. */
static void emit_custom(FILE *o, const struct site *s)
{
    int i, k, any = 0;

    for (i = 0; i < s->ntypes; i++)
        for (k = 0; k < ncplx; k++)
            if (s->types[i].macro != NULL && s->types[i].macro == cplxs[k].macro &&
                s->types[i].type == cplxs[k].argtype) {
                fprintf(o, "%s%s=%s:%s;", any ? "" : "\"", cplxs[k].name, cplxs[k].itemtype,
                        cplxs[k].pairs);
                any = 1;
            }
    fprintf(o, "%s", any ? "\"" : "NULL");
}

/* The per-site function: typed parameters, so the compiler checks the arguments. */
static void emit_site_function(FILE *o, const struct site *s)
{
    int i;

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
}

/* WPP_CALL_<line>(the FUNC's parameters): what the call becomes. A parenthesized group is
 * opened by a first macro, so the last one sees the parameters flat. */
static void emit_call_head(FILE *o, const struct site *s)
{
    const struct func *f = s->f;
    int i, n = 0;

    if (f->group >= 0) {
        fprintf(o, "#define WPP_CALL_%d(", s->line);
        for (i = 0; i < f->group; i++)
            fprintf(o, "%s, ", f->params[i]);
        fprintf(o, "WPP_G_) WPP_CALLX_%d(", s->line);
        for (i = 0; i < f->group; i++)
            fprintf(o, "%s, ", f->params[i]);
        fprintf(o, "DRVHOST_WPP_UNPAREN_ WPP_G_)\n");
        fprintf(o, "#define WPP_CALLX_%d(...) WPP_CALLF_%d(__VA_ARGS__)\n", s->line, s->line);
        fprintf(o, "#define WPP_CALLF_%d(", s->line);
    } else {
        fprintf(o, "#define WPP_CALL_%d(", s->line);
    }
    for (i = 0; i < f->nparams; i++)
        fprintf(o, "%s%s", n++ ? ", " : "", f->params[i]);
    if (f->has_msg)
        fprintf(o, "%sMSG", n++ ? ", " : "");
    if (f->variadic)
        fprintf(o, "%s...", n++ ? ", " : "");
    fprintf(o, ") \\\n");
}

static void emit_site(FILE *o, const struct site *s, const char *base)
{
    const struct func *f = s->f;
    const char *level, *flag;

    site_level_flag(s, &level, &flag);
    emit_site_function(o, s);
    emit_call_head(o, s);
    fprintf(o, "    WPP_PRE_%s(", f->name);
    cond_args(o, f);
    fprintf(o, ") do { \\\n        unsigned wpp_m_ = ((WPP_ON_%s(", f->name);
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
    fprintf(o, ", %s%s, ", flag ? "WPP_BIT_" : "", flag ? flag : "0");
    fprintf(o, "%s %s %s, ", f->prefix ? f->prefix : "",
            f->has_msg ? (s->msg_text ? s->msg_text : "MSG") : "",
            f->suffix ? f->suffix : (f->prefix || f->has_msg ? "" : "\"\""));
    emit_custom(o, s);
    fprintf(o, " }; \\\n");
    fprintf(o, "            WPP_SF_%d(&wpp_s_, WPP_LG_%s(", s->line, f->name);
    if (flag)
        fprintf(o, "WPP_CONTROL(WPP_BIT_%s).Logger", flag);
    else
        fprintf(o, "WPP_MAIN_CB[0].Logger");
    fprintf(o, ", ");
    cond_args(o, f);
    fprintf(o, ") %s, wpp_m_%s%s%s); \\\n", level ? level : "0",
            f->prefix_args ? f->prefix_args : "", f->variadic ? ", ##__VA_ARGS__" : "",
            f->suffix_args ? f->suffix_args : "");
    fprintf(o, "        } \\\n    } while (0) WPP_POST_%s(", f->name);
    cond_args(o, f);
    fprintf(o, ")\n\n");
}

/* The control block, made by the C preprocessor from the driver's WPP_CONTROL_GUIDS (defined
 * before the #include of the .tmh, as the WDK requires): the control count, the WPP_BIT_<name>
 * constants ((control index << 16) | (bit number + 1), as WPP numbers them), the flag names and
 * WPP_MAIN_CB (one per module: every .tmh defines it weak, the linker keeps one). */
static void emit_control(FILE *o, const char *tmh)
{
    fprintf(o,
            "#ifndef WPP_CONTROL_GUIDS\n#error \"%s: WPP_CONTROL_GUIDS is not defined: "
            "define it (WPP_DEFINE_CONTROL_GUID(Name, (GUID), WPP_DEFINE_BIT(...) ...)) "
            "before the #include of the .tmh\"\n#endif\n",
            tmh);
    fprintf(o, "#ifndef DRVHOST_WPP_CONTROL_BLOCK_\n#define DRVHOST_WPP_CONTROL_BLOCK_\n");
    fprintf(o, "#define WPP_DEFINE_BIT(Name)\n"
               "#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) WPP_CTL_##Name,\n"
               "enum { WPP_CONTROL_GUIDS WPP_CTL_COUNT_ };\n"
               "#undef WPP_DEFINE_BIT\n#undef WPP_DEFINE_CONTROL_GUID\n");
    fprintf(o, "#define WPP_DEFINE_BIT(Name) WPP_BIT_##Name,\n"
               "#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) \\\n"
               "    WPP_CTLSTART_##Name = WPP_CTL_##Name << 16, Bits\n"
               "enum { WPP_CONTROL_GUIDS WPP_BIT_END_ };\n"
               "#undef WPP_DEFINE_BIT\n#undef WPP_DEFINE_CONTROL_GUID\n");
    fprintf(o, "#define WPP_CTL_COUNT ((ULONG)WPP_CTL_COUNT_)\n");
    fprintf(o, "#define WPP_DEFINE_BIT(Name) #Name,\n"
               "#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) { Bits },\n"
               "static const char *const WPP_FLAG_NAMES_[WPP_CTL_COUNT_ + 1][32] = { "
               "WPP_CONTROL_GUIDS };\n"
               "#undef WPP_DEFINE_BIT\n#undef WPP_DEFINE_CONTROL_GUID\n");
    /* (l, w1, w2, w3, ll): the GUID's five hexadecimal groups, without 0x */
    fprintf(o,
            "#define DRVHOST_WPP_GUID_(l, w1, w2, w3, ll) { 0x##l, 0x##w1, 0x##w2, { "
            "(UCHAR)(0x##w3 >> 8), (UCHAR)0x##w3, (UCHAR)(0x##ll##ULL >> 40), "
            "(UCHAR)(0x##ll##ULL >> 32), (UCHAR)(0x##ll##ULL >> 24), (UCHAR)(0x##ll##ULL >> 16), "
            "(UCHAR)(0x##ll##ULL >> 8), (UCHAR)0x##ll##ULL } }\n");
    fprintf(o, "#define WPP_DEFINE_BIT(Name)\n"
               "#define WPP_DEFINE_CONTROL_GUID(Name, Guid, Bits) \\\n"
               "    { #Name, DRVHOST_WPP_GUID_ Guid, WPP_FLAG_NAMES_[WPP_CTL_##Name] },\n"
               "__attribute__((weak)) struct drvhost_wpp_control WPP_MAIN_CB[WPP_CTL_COUNT_ + 1] = "
               "{ WPP_CONTROL_GUIDS };\n"
               "#undef WPP_DEFINE_BIT\n#undef WPP_DEFINE_CONTROL_GUID\n");
    fprintf(o, "#define WPP_INIT_TRACING(DriverObject, RegistryPath) "
               "drvhost_wpp_init(WPP_MAIN_CB, WPP_CTL_COUNT, (DriverObject), (RegistryPath))\n");
    fprintf(o, "#define WPP_CLEANUP(DriverObject) drvhost_wpp_cleanup(WPP_MAIN_CB, "
               "WPP_CTL_COUNT, (DriverObject))\n");
    fprintf(o, "#define DRVHOST_WPP_LOGVAL(x) WPP_LOGPAIR(sizeof(x), &(x))\n");
    fprintf(o, "#define DRVHOST_WPP_UNPAREN_(...) __VA_ARGS__\n");
    /* Windows 2000's WMI registration through IRP_MJ_SYSTEM_CONTROL: nothing since Windows XP */
    fprintf(o, "#define WPP_SYSTEMCONTROL(PDO)\n#define WPP_SYSTEMCONTROL2(PDO, offset)\n");
    fprintf(o, "#endif\n\n");
}

/* TraceWPP's -ctl:GUID (a project's WppAddControlGuid): WPP_CONTROL_GUIDS defined for the
 * driver with that control GUID and the bits Error, Unusual and Noise, as the WPP preprocessor
 * reference describes. The control's name is not documented: drvhost calls it CtlGuid. A
 * WPP_CONTROL_GUIDS of the driver's own comes first (the .tmh only defines an absent one). */
static char ctl_guid[5][13];
static int have_ctl_guid;

static int parse_ctl_guid(const char *g)
{
    static const int widths[5] = {8, 4, 4, 4, 12};
    int part, n;

    for (part = 0; part < 5; part++) {
        for (n = 0; n < widths[part] && isxdigit((unsigned char)g[n]); n++)
            ctl_guid[part][n] = g[n];
        ctl_guid[part][n] = 0;
        if (n != widths[part] || g[n] != (part == 4 ? '\0' : '-'))
            return -1;
        g += n + (part < 4);
    }
    have_ctl_guid = 1;
    return 0;
}

static void emit_ctl_guid(FILE *o)
{
    if (!have_ctl_guid)
        return;
    fprintf(o,
            "#ifndef WPP_CONTROL_GUIDS\n#define WPP_CONTROL_GUIDS WPP_DEFINE_CONTROL_GUID("
            "CtlGuid, (%s, %s, %s, %s, %s), WPP_DEFINE_BIT(Error) WPP_DEFINE_BIT(Unusual) "
            "WPP_DEFINE_BIT(Noise))\n#endif\n",
            ctl_guid[0], ctl_guid[1], ctl_guid[2], ctl_guid[3], ctl_guid[4]);
}

static void emit(FILE *o, const char *tmh, const char *base)
{
    int i;

    fprintf(o,
            "/* %s - generated by drvwpp (drvhost's WPP preprocessor) from %s: do not edit. */\n",
            tmh, base);
    for (i = 0; i < ntmh_defines; i++)
        fprintf(o, "#define %s\n", tmh_defines[i]);
    fprintf(o, "#include <drvhost_wpp.h>\n\n");
    emit_ctl_guid(o);
    emit_control(o, tmh);
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

/* NAME=VALUE (a -D of the WPP command line) as a #define body: NAME VALUE. */
static char *define_body(const char *d)
{
    char *out = dupn(d, strlen(d));
    char *eq = strchr(out, '=');

    if (eq != NULL)
        *eq = ' ';
    return out;
}

static int usage(void)
{
    fprintf(stderr, "usage: drvwpp [--scan FILE]... [--func 'NAME(ARGS,MSG,...)']... "
                    "[--config FILE]... [--define NAME[=VALUE]]... [--ctl GUID] -d OUTDIR "
                    "SOURCE\n");
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
        else if (!strcmp(argv[i], "--define") && i + 1 < argc && ntmh_defines < MAX_ITEMS)
            tmh_defines[ntmh_defines++] = define_body(argv[++i]);
        else if (!strcmp(argv[i], "--ctl") && i + 1 < argc) {
            if (parse_ctl_guid(argv[++i]) != 0) {
                fprintf(stderr,
                        "drvwpp: --ctl %s: not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-"
                        "xxxxxxxxxxxx, hexadecimal digits)\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "-d") && i + 1 < argc)
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
    funcs[0].level_is_flag = 1;
    for (i = 0; i < nconfig; i++)
        scan_ini(configs[i]);
    for (i = 0; i < nscan; i++) {
        char *h = read_file(scans[i]);
        scan_config_blocks(h, scans[i]);
        scan_control_block(strip_comments(h));
    }
    scan_config_blocks(text, source);
    scan_control_block(bare);
    for (i = 0; i < ncmdfunc; i++)
        parse_func_decl(cmdfuncs[i], "--wpp-func", 0);
    apply_fixes();
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
