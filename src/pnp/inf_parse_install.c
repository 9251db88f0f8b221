/*
 * inf_parse_install.c - a model's install, decoded: the DDInstall section chosen for x64, its
 * AddReg/DelReg sections, the .HW section's, and the .Services section's AddService directives
 * with their service-install sections (INF DDInstall, DDInstall.HW, DDInstall.Services,
 * AddService, AddReg and DelReg reference pages).
 *
 * Only what the PnP manager needs is decoded; file copying, co-installers, interfaces and
 * other directives are not (drvhost runs a driver from where it is). Include= and Needs= are
 * refused: their sections live in other INF files (system INFs such as machine.inf) that
 * drvhost does not have.
 */
#include "pnp/inf_private.h"

#include <wdm.h>

/* The most registry entries one install decodes: far above real INFs (a few hundred), and a
 * bound for INFs that name the same big section many times over. */
#define INF_MAX_REGS 65536

struct regs {
    struct inf_reg *v;
    size_t n, cap;
};

const char *inf_install_section_name(const struct inf_file *inf, const char *install)
{
    static const char *const ext[] = {".NTamd64", ".NT", ""};
    char name[INF_SECTION_NAME_MAX + 16];
    size_t n = strlen(install);
    if (n > INF_SECTION_NAME_MAX)
        return NULL;
    for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
        const struct inf_section *s;
        memcpy(name, install, n);
        strcpy(name + n, ext[i]);
        if ((s = inf_section_find(inf, name)) != NULL)
            return s->name;
    }
    return NULL;
}

/* The section named by a directive's field, with its own name suffixed (".Services"). */
static const struct inf_section *find_suffixed(const struct inf_file *inf, const char *name,
                                               const char *suffix)
{
    char buf[INF_SECTION_NAME_MAX + 16];
    if (strlen(name) + strlen(suffix) >= sizeof(buf))
        return NULL;
    strcpy(buf, name);
    strcat(buf, suffix);
    return inf_section_find(inf, buf);
}

static NTSTATUS refuse_include(const struct inf_file *inf, const struct inf_line *l,
                               struct inf_error *err)
{
    if (l->key == NULL || (!inf_name_eq(l->key, "Include") && !inf_name_eq(l->key, "Needs")))
        return STATUS_SUCCESS;
    inf_fail(err, inf->name, l->line,
             "%s= is not supported (drvhost installs from one INF file; copy the needed "
             "sections into it)",
             l->key);
    return STATUS_NOT_SUPPORTED;
}

/* ---- AddReg / DelReg entries ---------------------------------------------------------- */

static bool parse_root(const char *s, enum inf_root *root)
{
    static const struct {
        const char *name;
        enum inf_root root;
    } roots[] = {{"HKR", INF_HKR},
                 {"HKCR", INF_HKCR},
                 {"HKCU", INF_HKCU},
                 {"HKLM", INF_HKLM},
                 {"HKU", INF_HKU}};
    for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
        if (inf_name_eq(s, roots[i].name)) {
            *root = roots[i].root;
            return true;
        }
    return false;
}

/* The registry type the flags ask for, or false (undocumented type bits). */
static bool flags_type(uint32_t flags, uint32_t *type)
{
    uint32_t high = flags >> 16;
    if ((flags & FLG_ADDREG_BINVALUETYPE) == 0) {
        static const uint32_t string_types[] = {REG_SZ, REG_MULTI_SZ, REG_EXPAND_SZ};
        if (high > 2)
            return false;
        *type = string_types[high];
        return true;
    }
    *type = high == 0 ? REG_BINARY : high == 1 ? REG_DWORD : high == 2 ? REG_NONE : high;
    return true;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Binary data: one hexadecimal byte per field ("1", "0A", "ff"). */
static NTSTATUS reg_binary(struct inf_file *inf, const struct inf_line *l, struct inf_reg *r,
                           struct inf_error *err)
{
    uint8_t *b = inf_alloc(inf, l->nfields - 4 + 1);
    if (b == NULL)
        return inf_no_memory(err, inf->name);
    for (size_t i = 4; i < l->nfields; i++) {
        const char *f = l->fields[i];
        int hi = hex_digit(f[0]), lo = f[0] ? hex_digit(f[1]) : -1;
        if (hi < 0 || (f[1] != '\0' && (lo < 0 || f[2] != '\0')))
            return inf_fail(err, inf->name, l->line,
                            "binary data \"%s\" (value %zu) is not a hexadecimal byte", f, i - 3);
        b[i - 4] = (uint8_t)(f[1] ? hi << 4 | lo : hi);
    }
    r->data = b;
    r->size = l->nfields - 4;
    return STATUS_SUCCESS;
}

static NTSTATUS reg_multi_sz(struct inf_file *inf, const struct inf_line *l, struct inf_reg *r,
                             struct inf_error *err)
{
    size_t size = 0;
    char *p;
    for (size_t i = 4; i < l->nfields; i++)
        size += strlen(l->fields[i]) + 1;
    p = inf_alloc(inf, size + 1);
    if (p == NULL)
        return inf_no_memory(err, inf->name);
    r->data = (const uint8_t *)p;
    r->size = size;
    for (size_t i = 4; i < l->nfields; i++) {
        size_t n = strlen(l->fields[i]) + 1;
        memcpy(p, l->fields[i], n);
        p += n;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS reg_data(struct inf_file *inf, const struct inf_line *l, struct inf_reg *r,
                         struct inf_error *err)
{
    uint32_t v;
    uint8_t *b;
    r->has_data = l->nfields > 4;
    if (!r->has_data)
        return STATUS_SUCCESS;
    switch (r->type) {
    case REG_SZ:
    case REG_EXPAND_SZ:
        r->data = (const uint8_t *)l->fields[4];
        r->size = strlen(l->fields[4]);
        return STATUS_SUCCESS;
    case REG_MULTI_SZ:
        return reg_multi_sz(inf, l, r, err);
    case REG_DWORD:
        if (l->nfields != 5 || !inf_parse_u32(l->fields[4], &v))
            return inf_fail(err, inf->name, l->line,
                            "a REG_DWORD value (flags 0x%08x) is one number, decimal or 0x "
                            "hexadecimal, not \"%s\"%s",
                            r->flags, l->fields[4], l->nfields > 5 ? ",..." : "");
        if ((b = inf_alloc(inf, 4)) == NULL)
            return inf_no_memory(err, inf->name);
        b[0] = (uint8_t)v, b[1] = (uint8_t)(v >> 8), b[2] = (uint8_t)(v >> 16);
        b[3] = (uint8_t)(v >> 24);
        r->data = b;
        r->size = 4;
        return STATUS_SUCCESS;
    default:
        return reg_binary(inf, l, r, err);
    }
}

/* One entry of an add-registry (del false) or del-registry (del true) section. */
static NTSTATUS reg_entry(struct inf_file *inf, const struct inf_section *s,
                          const struct inf_line *l, bool del, enum inf_reg_origin origin,
                          struct regs *out, struct inf_error *err)
{
    struct inf_reg r = {.origin = origin, .section = s->name, .line = l->line, .del = del};
    const char *flags = inf_field(l, 3);
    NTSTATUS st;
    if (l->key != NULL)
        return inf_fail(err, inf->name, l->line,
                        "a registry entry is reg-root, subkey, value-name, flags, value "
                        "(this one has '=')");
    if (!parse_root(inf_field(l, 0), &r.root))
        return inf_fail(err, inf->name, l->line,
                        "registry root \"%s\" is not HKR, HKCR, HKCU, HKLM or HKU",
                        inf_field(l, 0));
    r.subkey = inf_field(l, 1);
    r.name = l->nfields > 2 && *l->fields[2] != '\0' ? l->fields[2] : NULL;
    if (*flags != '\0' && !inf_parse_u32(flags, &r.flags))
        return inf_fail(err, inf->name, l->line, "registry flags \"%s\" are not a number", flags);
    if (!flags_type(r.flags & ~(uint32_t)FLG_ADDREG_DELREG_BIT, &r.type))
        return inf_fail(err, inf->name, l->line,
                        "registry flags 0x%08x name no value type (FLG_ADDREG_TYPE_*)", r.flags);
    if (!del && (r.flags & FLG_ADDREG_APPEND) && r.type != REG_MULTI_SZ)
        return inf_fail(err, inf->name, l->line,
                        "FLG_ADDREG_APPEND (0x8) is valid only with FLG_ADDREG_TYPE_MULTI_SZ");
    r.del = del || (r.flags & FLG_ADDREG_DELVAL) != 0;
    if (r.flags & (FLG_ADDREG_KEYONLY | FLG_ADDREG_KEYONLY_COMMON))
        r.name = NULL;
    else if (del && r.flags == FLG_DELREG_MULTI_SZ_DELSTRING) {
        r.has_data = l->nfields > 4;
        r.data = (const uint8_t *)inf_field(l, 4);
        r.size = strlen(inf_field(l, 4));
    } else if (!r.del && (st = reg_data(inf, l, &r, err)) != STATUS_SUCCESS)
        return st;
    if (out->n >= INF_MAX_REGS)
        return inf_fail(err, inf->name, l->line, "more than %d registry entries in one install",
                        INF_MAX_REGS);
    struct inf_reg *slot = inf_grow(inf, (void **)&out->v, out->n, &out->cap, sizeof(r));
    if (slot == NULL)
        return inf_no_memory(err, inf->name);
    *slot = r;
    out->n++;
    return STATUS_SUCCESS;
}

/* AddReg=/DelReg= in section s: every named section's entries, in order. */
static NTSTATUS reg_directives(struct inf_file *inf, const struct inf_section *s,
                               enum inf_reg_origin origin, struct regs *out, struct inf_error *err)
{
    NTSTATUS st;
    for (size_t i = 0; s != NULL && i < s->nlines; i++) {
        const struct inf_line *l = &s->lines[i];
        bool add = l->key && inf_name_eq(l->key, "AddReg");
        if ((st = refuse_include(inf, l, err)) != STATUS_SUCCESS)
            return st;
        if (!add && !(l->key && inf_name_eq(l->key, "DelReg")))
            continue;
        for (size_t f = 0; f < l->nfields; f++) {
            const struct inf_section *rs;
            if (*l->fields[f] == '\0')
                continue;
            rs = inf_section_find(inf, l->fields[f]);
            if (rs == NULL)
                return inf_fail(err, inf->name, l->line, "%s section [%s] is named but absent",
                                add ? "add-registry" : "del-registry", l->fields[f]);
            for (size_t j = 0; j < rs->nlines; j++)
                if ((st = reg_entry(inf, rs, &rs->lines[j], !add, origin, out, err)) !=
                    STATUS_SUCCESS)
                    return st;
        }
    }
    return STATUS_SUCCESS;
}

/* ---- AddService ----------------------------------------------------------------------- */

static NTSTATUS svc_number(struct inf_file *inf, const struct inf_section *s, const char *key,
                           uint32_t max, uint32_t *out, unsigned line, struct inf_error *err)
{
    const struct inf_line *l = inf_line_find(s, key);
    if (l == NULL)
        return inf_fail(err, inf->name, line, "service-install section [%s] has no %s entry",
                        s->name, key);
    if (!inf_parse_u32(inf_field(l, 0), out))
        return inf_fail(err, inf->name, l->line, "%s \"%s\" is not a number", key, inf_field(l, 0));
    if (*out > max)
        return inf_fail(err, inf->name, l->line, "%s %u is out of range (0-%u)", key, *out, max);
    return STATUS_SUCCESS;
}

static const char *svc_string(const struct inf_section *s, const char *key)
{
    const struct inf_line *l = inf_line_find(s, key);
    return l != NULL ? inf_field(l, 0) : NULL;
}

/* ImagePath as Windows writes it: C:\Windows\... becomes \SystemRoot\... */
static const char *image_path(struct inf_file *inf, const char *binary)
{
    static const char win[] = "C:\\Windows\\";
    size_t n = sizeof(win) - 1;
    char *p;
    if (!inf_name_eqn(binary, win, n))
        return binary;
    p = inf_alloc(inf, strlen(binary) - n + sizeof("\\SystemRoot\\"));
    if (p == NULL)
        return NULL;
    strcpy(p, "\\SystemRoot\\");
    strcat(p, binary + n);
    return p;
}

static NTSTATUS service_install(struct inf_file *inf, const struct inf_section *s,
                                struct inf_service *svc, unsigned line, struct inf_error *err)
{
    struct regs regs = {NULL, 0, 0};
    const struct inf_line *dep;
    NTSTATUS st;
    if ((st = svc_number(inf, s, "ServiceType", 0xFFFFFFFFu, &svc->service_type, line, err)) ||
        (st = svc_number(inf, s, "StartType", 4, &svc->start_type, line, err)) ||
        (st = svc_number(inf, s, "ErrorControl", 3, &svc->error_control, line, err)))
        return st;
    svc->binary = svc_string(s, "ServiceBinary");
    if (svc->binary == NULL || *svc->binary == '\0')
        return inf_fail(err, inf->name, line, "service-install section [%s] has no %s entry",
                        s->name, "ServiceBinary");
    if ((svc->image_path = image_path(inf, svc->binary)) == NULL)
        return inf_no_memory(err, inf->name);
    svc->display_name = svc_string(s, "DisplayName");
    svc->description = svc_string(s, "Description");
    svc->load_order_group = svc_string(s, "LoadOrderGroup");
    svc->start_name = svc_string(s, "StartName");
    if ((dep = inf_line_find(s, "Dependencies")) != NULL) {
        svc->dependencies = dep->fields;
        svc->ndependencies = dep->nfields;
    }
    if ((st = reg_directives(inf, s, INF_ORIGIN_SERVICE, &regs, err)) != STATUS_SUCCESS)
        return st;
    svc->regs = regs.v;
    svc->nregs = regs.n;
    return STATUS_SUCCESS;
}

static NTSTATUS add_service(struct inf_file *inf, const struct inf_line *l, struct inf_install *out,
                            size_t *cap, struct inf_error *err)
{
    struct inf_service svc = {.name = inf_field(l, 0), .line = l->line};
    const char *flags = inf_field(l, 1);
    const struct inf_section *s;
    NTSTATUS st;
    if (*flags != '\0' && !inf_parse_u32(flags, &svc.flags))
        return inf_fail(err, inf->name, l->line, "AddService flags \"%s\" are not a number", flags);
    svc.install_section = inf_field(l, 2);
    if (*svc.name == '\0' && !(svc.flags & SPSVCINST_ASSOCSERVICE))
        return inf_fail(err, inf->name, l->line, "AddService without a service name");
    if (*svc.name != '\0') {
        if ((s = inf_section_find(inf, svc.install_section)) == NULL)
            return inf_fail(err, inf->name, l->line,
                            "service-install section [%s] is named but absent",
                            svc.install_section);
        if ((st = service_install(inf, s, &svc, l->line, err)) != STATUS_SUCCESS)
            return st;
    }
    if ((svc.flags & SPSVCINST_ASSOCSERVICE) && out->function != NULL)
        return inf_fail(err, inf->name, l->line,
                        "a second associated service (SPSVCINST_ASSOCSERVICE); line %u has one",
                        out->function->line);
    struct inf_service *slot =
        inf_grow(inf, (void **)&out->services, out->nservices, cap, sizeof(svc));
    if (slot == NULL)
        return inf_no_memory(err, inf->name);
    *slot = svc;
    if (svc.flags & SPSVCINST_ASSOCSERVICE)
        out->function = slot;
    out->nservices++;
    return STATUS_SUCCESS;
}

static NTSTATUS services(struct inf_file *inf, const struct inf_section *s, struct inf_install *out,
                         struct inf_error *err)
{
    size_t cap = 0;
    NTSTATUS st;
    for (size_t i = 0; s != NULL && i < s->nlines; i++) {
        const struct inf_line *l = &s->lines[i];
        if ((st = refuse_include(inf, l, err)) != STATUS_SUCCESS)
            return st;
        if (l->key != NULL && inf_name_eq(l->key, "AddService") &&
            (st = add_service(inf, l, out, &cap, err)) != STATUS_SUCCESS)
            return st;
    }
    /* out->function points into the array, which may have moved while it grew. */
    for (size_t i = 0; i < out->nservices; i++)
        if (out->services[i].flags & SPSVCINST_ASSOCSERVICE)
            out->function = &out->services[i];
    return STATUS_SUCCESS;
}

NTSTATUS inf_install_read(const struct inf_file *cinf, const struct inf_model *model,
                          struct inf_install *out, struct inf_error *err)
{
    struct inf_file *inf = (struct inf_file *)cinf; /* only its arena grows */
    struct regs regs = {NULL, 0, 0};
    const struct inf_section *dd;
    const struct inf_line *fs;
    uint32_t score = 0xFF;
    NTSTATUS st;
    memset(out, 0, sizeof(*out));
    out->section = inf_install_section_name(inf, model->install);
    if (out->section == NULL)
        return inf_fail(err, inf->name, model->line, "install section [%s] is named but absent",
                        model->install);
    dd = inf_section_find(inf, out->section);
    if ((fs = inf_line_find(dd, "FeatureScore")) != NULL &&
        (!inf_parse_u32(inf_field(fs, 0), &score) || score > 0xFF))
        return inf_fail(err, inf->name, fs->line, "FeatureScore \"%s\" is not a byte (0x00-0xFF)",
                        inf_field(fs, 0));
    out->feature_score = (uint8_t)score;
    if ((st = reg_directives(inf, dd, INF_ORIGIN_DDINSTALL, &regs, err)) != STATUS_SUCCESS ||
        (st = reg_directives(inf, find_suffixed(inf, out->section, ".HW"), INF_ORIGIN_HW, &regs,
                             err)) != STATUS_SUCCESS)
        return st;
    out->regs = regs.v;
    out->nregs = regs.n;
    return services(inf, find_suffixed(inf, out->section, ".Services"), out, err);
}
