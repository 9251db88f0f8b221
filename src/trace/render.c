/*
 * render.c - WPP messages to text: the printf conversions through rtl's Microsoft dialect
 * (rtl_vformat_ap, one conversion at a time), the extended %!NAME! formats here.
 *
 * The arguments arrive with the types drvwpp gave the call site's parameters (its typed per-site
 * function), so each va_arg here reads the type the preprocessor declared for that format: the
 * two tables (drvwpp.c's arg_ext and the switch below) must agree. Renders into the caller's
 * buffer only: thread-safe, no allocation, no lock.
 */
#include <string.h>

#include "trace/trace_private.h"
#include "rtl/rtl.h"

struct out {
    char *buf;
    size_t size; /* buf's size, terminator included */
    size_t len;
};

static void put(struct out *o, const char *s, size_t n)
{
    while (n-- > 0) {
        if (o->len + 1 < o->size)
            o->buf[o->len] = *s;
        o->len++;
        s++;
    }
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putf(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n > 0)
        put(o, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

const char *trace_level_name(int level)
{
    static const char *const names[] = {"NONE",    "CRITICAL",    "ERROR",
                                        "WARNING", "INFORMATION", "VERBOSE"};
    return level >= 0 && level <= 5 ? names[level] : NULL;
}

/* ---- value tables ------------------------------------------------------------------------- */

struct named {
    unsigned long value;
    const char *name;
};

/* Win32 error codes (winerror.h values) a driver's trace most often shows. */
static const struct named win_errors[] = {
    {0, "ERROR_SUCCESS"},
    {1, "ERROR_INVALID_FUNCTION"},
    {2, "ERROR_FILE_NOT_FOUND"},
    {3, "ERROR_PATH_NOT_FOUND"},
    {5, "ERROR_ACCESS_DENIED"},
    {6, "ERROR_INVALID_HANDLE"},
    {8, "ERROR_NOT_ENOUGH_MEMORY"},
    {14, "ERROR_OUTOFMEMORY"},
    {21, "ERROR_NOT_READY"},
    {31, "ERROR_GEN_FAILURE"},
    {50, "ERROR_NOT_SUPPORTED"},
    {87, "ERROR_INVALID_PARAMETER"},
    {122, "ERROR_INSUFFICIENT_BUFFER"},
    {234, "ERROR_MORE_DATA"},
    {259, "ERROR_NO_MORE_ITEMS"},
    {995, "ERROR_OPERATION_ABORTED"},
    {997, "ERROR_IO_PENDING"},
    {1167, "ERROR_DEVICE_NOT_CONNECTED"},
    {1460, "ERROR_TIMEOUT"},
};

static const struct named hresults[] = {
    {0x00000000, "S_OK"},          {0x00000001, "S_FALSE"},       {0x80004001, "E_NOTIMPL"},
    {0x80004002, "E_NOINTERFACE"}, {0x80004003, "E_POINTER"},     {0x80004004, "E_ABORT"},
    {0x80004005, "E_FAIL"},        {0x8000FFFF, "E_UNEXPECTED"},  {0x80070005, "E_ACCESSDENIED"},
    {0x80070006, "E_HANDLE"},      {0x8007000E, "E_OUTOFMEMORY"}, {0x80070057, "E_INVALIDARG"},
};

static const char *lookup(const struct named *t, size_t n, unsigned long value)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (t[i].value == value)
            return t[i].name;
    return NULL;
}

/* "NAME(0xVALUE)", or the value alone when it has no name. */
static void named_value(struct out *o, const char *name, unsigned long value, int decimal)
{
    if (name != NULL)
        putf(o, decimal ? "%s(%lu)" : "%s(0x%08lX)", name, value);
    else
        putf(o, decimal ? "%lu" : "0x%08lX", value);
}

/* ---- extended formats -------------------------------------------------------------------- */

static void hex_bytes(struct out *o, const unsigned char *p, size_t n)
{
    size_t i;

    if (p == NULL && n > 0) {
        puts_(o, "NULL");
        return;
    }
    for (i = 0; i < n; i++)
        putf(o, i ? " %02x" : "%02x", p[i]);
}

static void guid(struct out *o, const GUID *g)
{
    if (g == NULL) {
        puts_(o, "NULL");
        return;
    }
    putf(o, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", (unsigned)g->Data1,
         (unsigned)g->Data2, (unsigned)g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3],
         g->Data4[4], g->Data4[5], g->Data4[6], g->Data4[7]);
}

static void irql(struct out *o, int value)
{
    static const char *const names[] = {"PASSIVE_LEVEL", "APC_LEVEL", "DISPATCH_LEVEL"};

    if (value >= 0 && value <= 2)
        puts_(o, names[value]);
    else if (value == HIGH_LEVEL)
        puts_(o, "HIGH_LEVEL");
    else
        putf(o, "%d", value);
}

/* A system time (100 ns units since 1601, UTC) as "YYYY-MM-DD HH:MM:SS.mmm". */
static void system_time(struct out *o, LONGLONG t)
{
    LARGE_INTEGER li;
    TIME_FIELDS f;

    li.QuadPart = t;
    RtlTimeToTimeFields(&li, &f);
    putf(o, "%04d-%02d-%02d %02d:%02d:%02d.%03d", f.Year, f.Month, f.Day, f.Hour, f.Minute,
         f.Second, f.Milliseconds);
}

/* CUSTOM_TYPE's integers the decoder names (ItemEnum, ItemListLong, ItemSetLong ...): drvwpp
 * passes their value, not the names, so the value is shown. */
static int is_named_value(const char *item)
{
    return strncmp(item, "ItemEnum", 8) == 0 || strncmp(item, "ItemList", 8) == 0 ||
           strncmp(item, "ItemSet", 7) == 0;
}

/* A custom type (DEFINE_CPLX_TYPE): its pairs, rendered by item type. Returns 0, or -1 when the
 * site does not describe the type. */
static int custom(struct out *o, const struct drvhost_wpp_site *site, const char *name, va_list *ap)
{
    const char *p = site->Custom;
    size_t nlen = strlen(name);
    char item[48];
    ULONG len[4];
    const unsigned char *addr[4];
    unsigned pairs, i;

    while (p != NULL && *p && !(strncmp(p, name, nlen) == 0 && p[nlen] == '='))
        p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL;
    if (p == NULL || *p == 0)
        return -1;
    p += nlen + 1;
    for (i = 0; *p && *p != ':' && i + 1 < sizeof(item); p++)
        item[i++] = *p;
    item[i] = 0;
    pairs = *p == ':' ? (unsigned)(p[1] - '0') : 1;
    if (pairs < 1 || pairs > 4)
        pairs = 1;
    for (i = 0; i < pairs; i++) {
        len[i] = va_arg(*ap, ULONG);
        addr[i] = va_arg(*ap, const unsigned char *);
    }
    if (strcmp(item, "ItemIPV6Addr") == 0 && len[0] == 16 && addr[0] != NULL) {
        for (i = 0; i < 8; i++)
            putf(o, i ? ":%x" : "%x", (unsigned)(addr[0][2 * i] << 8 | addr[0][2 * i + 1]));
    } else if (strcmp(item, "ItemMACAddr") == 0 && len[0] == 6 && addr[0] != NULL) {
        for (i = 0; i < 6; i++)
            putf(o, i ? "-%02x" : "%02x", addr[0][i]);
    } else if (is_named_value(item) && len[0] == sizeof(int) && addr[0] != NULL) {
        int value;
        memcpy(&value, addr[0], sizeof(value));
        putf(o, "%d", value); /* deviation: the decoder shows the name */
    } else {
        /* ItemHEXDump and the rest: the bytes of the last pair (a leading pair is the length) */
        hex_bytes(o, addr[pairs - 1], len[pairs - 1]);
    }
    return 0;
}

/* One %!NAME!; returns -1 for a name the runtime does not know (drvwpp let it through). */
static int extended(struct out *o, const char *name, const struct drvhost_wpp_site *site,
                    const struct drvhost_wpp_control *ctl, int level, va_list *ap)
{
    /* A DEFINE_CPLX_TYPE of the driver's configuration redefines a default name (HEXDUMP with
     * the driver's own structure): drvwpp passed its pairs, as described at the site. */
    if (site->Custom != NULL && custom(o, site, name, ap) == 0)
        return 0;
    if (strcmp(name, "FUNC") == 0)
        puts_(o, site->Function);
    else if (strcmp(name, "LINE") == 0)
        putf(o, "%lu", (unsigned long)site->Line);
    else if (strcmp(name, "FILE") == 0)
        puts_(o, site->File);
    else if (strcmp(name, "FLAGS") == 0)
        puts_(o, site->Flag);
    else if (strcmp(name, "LEVEL") == 0)
        puts_(o, trace_level_name(level) ? trace_level_name(level) : "?");
    else if (strcmp(name, "COMPNAME") == 0)
        puts_(o, ctl != NULL ? ctl->Name : "");
    else if (strcmp(name, "STDPREFIX") == 0)
        ;
    else if (strcasecmp(name, "STATUS") == 0) {
        NTSTATUS s = va_arg(*ap, NTSTATUS);
        named_value(o, rtl_status_name(s), (ULONG)s, 0);
    } else if (strcasecmp(name, "HRESULT") == 0) {
        ULONG h = (ULONG)va_arg(*ap, LONG);
        named_value(o, lookup(hresults, sizeof(hresults) / sizeof(hresults[0]), h), h, 0);
    } else if (strcasecmp(name, "WINERROR") == 0) {
        ULONG e = va_arg(*ap, ULONG);
        named_value(o, lookup(win_errors, sizeof(win_errors) / sizeof(win_errors[0]), e), e, 1);
    } else if (strcasecmp(name, "GUID") == 0)
        guid(o, va_arg(*ap, const GUID *));
    else if (strcasecmp(name, "IRQL") == 0)
        irql(o, va_arg(*ap, int));
    else if (strcmp(name, "bool") == 0 || strcmp(name, "BOOLEAN") == 0)
        puts_(o, va_arg(*ap, int) ? "TRUE" : "FALSE");
    else if (strcasecmp(name, "HEXDUMP") == 0) {
        WPP_HEXDUMP h = va_arg(*ap, WPP_HEXDUMP);
        hex_bytes(o, h.Buffer, h.Length);
    } else if (strcasecmp(name, "TIME") == 0 || strcasecmp(name, "TIMESTAMP") == 0 ||
               strcasecmp(name, "DATETIME") == 0)
        system_time(o, va_arg(*ap, LONGLONG));
    else if (strcasecmp(name, "ipaddr") == 0) {
        ULONG a = va_arg(*ap, ULONG); /* network order: the first octet is the lowest byte */
        putf(o, "%u.%u.%u.%u", (unsigned)(a & 0xff), (unsigned)((a >> 8) & 0xff),
             (unsigned)((a >> 16) & 0xff), (unsigned)(a >> 24));
    } else if (strcasecmp(name, "port") == 0) {
        unsigned p = (unsigned)va_arg(*ap, int) & 0xffff; /* network order */
        putf(o, "%u", (p >> 8) | ((p & 0xff) << 8));
    } else
        return custom(o, site, name, ap);
    return 0;
}

/* The length of the printf conversion at s ('%' included), as drvwpp parses it. */
static size_t spec_length(const char *s)
{
    const char *p = s + 1;

    while (*p && strchr("-+ #0", *p))
        p++;
    if (*p == '*')
        p++;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p == '*')
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (strncmp(p, "I64", 3) == 0 || strncmp(p, "I32", 3) == 0)
        p += 3;
    else if (strncmp(p, "hh", 2) == 0 || strncmp(p, "ll", 2) == 0)
        p += 2;
    else if (*p && strchr("hlwIzjtL", *p))
        p++;
    if (*p)
        p++;
    return (size_t)(p - s);
}

void trace_render(char *buf, size_t size, const struct drvhost_wpp_site *site,
                  const struct drvhost_wpp_control *ctl, int level, va_list *ap)
{
    struct out o = {buf, size, 0};
    const char *f = site->Format;

    while (*f) {
        const char *pct = strchr(f, '%');
        if (pct == NULL) {
            puts_(&o, f);
            break;
        }
        put(&o, f, (size_t)(pct - f));
        if (pct[1] == '%') {
            put(&o, "%", 1);
            f = pct + 2;
        } else if (pct[1] == '!' && strchr(pct + 2, '!') != NULL) {
            const char *end = strchr(pct + 2, '!');
            char name[64];
            size_t n = (size_t)(end - pct - 2) < sizeof(name) - 1 ? (size_t)(end - pct - 2)
                                                                  : sizeof(name) - 1;
            memcpy(name, pct + 2, n);
            name[n] = 0;
            if (extended(&o, name, site, ctl, level, ap) < 0) {
                put(&o, pct, (size_t)(end + 1 - pct)); /* shown as written */
                break;                                 /* its argument is unknown: stop */
            }
            f = end + 1;
        } else {
            char spec[32];
            size_t n = spec_length(pct);
            ptrdiff_t w;
            if (n >= sizeof(spec))
                n = sizeof(spec) - 1;
            memcpy(spec, pct, n);
            spec[n] = 0;
            w = rtl_vformat_ap(0, o.len + 1 < size ? buf + o.len : NULL,
                               o.len + 1 < size ? size - 1 - o.len : 0, spec, ap);
            if (w > 0)
                o.len += (size_t)w;
            f = pct + n;
        }
    }
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = 0;
}

/* ---- raw recorder entries: the arguments kept, the message made when read ---------------- */

/* a == b, in any letter case when nocase: by hand, as the library's comparisons are hooked
 * (and slow) in the fuzz build, and this runs for each message the recorder takes. */
static int same(const char *a, const char *b, int nocase)
{
    for (; *a != 0 && *b != 0; a++, b++)
        if (*a != *b &&
            !(nocase && (*a | 0x20) == (*b | 0x20) && (*a | 0x20) >= 'a' && (*a | 0x20) <= 'z'))
            return 0;
    return *a == *b;
}

/* Extended formats without an argument, and those whose argument is one integer (kept as is). */
static int extended_args(const char *name)
{
    static const char *const none[] = {"FUNC",  "LINE",     "FILE",     "FLAGS",
                                       "LEVEL", "COMPNAME", "STDPREFIX"};
    /* As extended() compares them: bool and BOOLEAN exactly, the rest in any case. */
    static const char *const integer[] = {"STATUS",    "HRESULT",  "WINERROR", "IRQL", "TIME",
                                          "TIMESTAMP", "DATETIME", "ipaddr",   "port"};

    for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
        if (same(name, none[i], 0))
            return 0;
    if (same(name, "bool", 0) || same(name, "BOOLEAN", 0))
        return 1;
    for (size_t i = 0; i < sizeof(integer) / sizeof(integer[0]); i++)
        if (same(name, integer[i], 1))
            return 1;
    return -1; /* GUID, HEXDUMP, custom types: memory the message must not outlive */
}

/* How a printf conversion's argument is kept: 0 an integer or pointer, 1 a narrow string
 * (copied), -1 not at all (floating point, wide and counted strings). */
static int spec_kind(const char *spec, size_t n)
{
    char conv = spec[n - 1];

    if (conv == 'd' || conv == 'i' || conv == 'o' || conv == 'u' || conv == 'x' || conv == 'X' ||
        conv == 'c' || conv == 'p')
        return 0;
    if (conv != 's')
        return -1;
    for (size_t i = 1; i + 1 < n; i++)
        if (spec[i] == 'l' || spec[i] == 'w')
            return -1; /* a wide string */
    return 1;
}

int trace_capture(const struct drvhost_wpp_site *site, va_list *ap, struct trace_raw *raw)
{
    const char *f = site->Format;
    size_t used = 0;

    raw->count = 0;
    raw->strings = 0;
    while ((f = strchr(f, '%')) != NULL) {
        int kind, stars = 0;
        size_t n;
        if (f[1] == '%') {
            f += 2;
            continue;
        }
        if (f[1] == '!' && strchr(f + 2, '!') != NULL) {
            const char *end = strchr(f + 2, '!');
            char name[64];
            n = (size_t)(end - f - 2);
            if (n >= sizeof(name))
                return -1;
            memcpy(name, f + 2, n);
            name[n] = 0;
            if ((kind = extended_args(name)) < 0)
                return -1;
            if (kind == 1) {
                if (raw->count >= TRACE_RAW_ARGS)
                    return -1;
                /* Every integer argument fills one 8-byte slot of the variadic call (x86-64 and
                 * AArch64 System V): the whole slot is kept and given back the same way, and the
                 * renderer reads the type drvwpp declared, as from the driver's own call. */
                raw->value[raw->count++] = va_arg(*ap, uint64_t);
            }
            f = end + 1;
            continue;
        }
        n = spec_length(f);
        for (size_t i = 1; i < n; i++)
            stars += f[i] == '*';
        if ((kind = spec_kind(f, n)) < 0 || raw->count + (unsigned)stars + 1 > TRACE_RAW_ARGS)
            return -1;
        while (stars-- > 0)
            raw->value[raw->count++] = va_arg(*ap, uint64_t);
        if (kind == 0) {
            raw->value[raw->count++] = va_arg(*ap, uint64_t);
        } else {
            const char *s = va_arg(*ap, const char *);
            size_t len = s != NULL ? strnlen(s, sizeof(raw->text) - 1 - used) : 0;
            if (s != NULL && used + len + 1 > sizeof(raw->text))
                return -1;
            raw->strings |= 1u << raw->count;
            raw->value[raw->count++] = s != NULL ? used : UINT64_MAX; /* its copy's offset */
            if (s != NULL) {
                memcpy(raw->text + used, s, len); /* longer strings are cut, as messages are */
                raw->text[used + len] = 0;
                used += len + 1;
            }
        }
        f += n;
    }
    raw->text_used = (unsigned)used;
    return 0;
}

/* trace_render with its arguments given as a variadic call's. */
static void render_args(char *buf, size_t size, const struct drvhost_wpp_site *site,
                        const struct drvhost_wpp_control *ctl, int level, ...)
{
    va_list ap;

    va_start(ap, level);
    trace_render(buf, size, site, ctl, level, &ap);
    va_end(ap);
}

void trace_render_raw(char *buf, size_t size, const struct drvhost_wpp_site *site,
                      const struct drvhost_wpp_control *ctl, int level, const struct trace_raw *raw)
{
    uint64_t v[TRACE_RAW_ARGS] = {0};

    for (unsigned i = 0; i < raw->count && i < TRACE_RAW_ARGS; i++) {
        v[i] = raw->value[i];
        if (raw->strings & (1u << i))
            v[i] = v[i] == UINT64_MAX || v[i] >= sizeof(raw->text)
                       ? 0
                       : (uint64_t)(uintptr_t)(raw->text + v[i]);
    }
    render_args(buf, size, site, ctl, level, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8],
                v[9], v[10], v[11]);
}
