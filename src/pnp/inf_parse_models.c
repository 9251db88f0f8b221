/*
 * inf_parse_models.c - [Manufacturer], the choice of a models section by its TargetOSVersion
 * decoration, [Models] entries, and the ranking of models for a device.
 *
 * Decoration (INF Manufacturer section): nt[Architecture][.[major][.[minor][.[ProductType]
 * [.[SuiteMask][.[BuildNumber]]]]]]. On x64 only the amd64 architecture applies (an undecorated
 * models section and a plain NT decoration are for x86 since Windows Server 2003 SP1, per
 * "Creating INF Files for Multiple Platforms and Operating Systems"), so an entry without an
 * NTamd64 decoration contributes no models. Among the decorations that apply, the highest
 * version not above the system's wins; a build number counts only when the version is the
 * system's exactly; then one with a product type, then one with a suite mask, is the closer.
 */
#include "pnp/inf_private.h"

#include <stdio.h>

struct decoration {
    uint32_t major, minor, product, suite, build;
    bool has_major, has_minor, has_product, has_suite, has_build;
};

/* Field i (split at '.') of d, as a number; false when malformed. Empty is "not given". */
static bool deco_part(const char *p, size_t n, uint32_t *v, bool *given)
{
    char buf[16];
    *given = n > 0;
    if (n == 0)
        return true;
    if (n >= sizeof(buf))
        return false;
    memcpy(buf, p, n);
    buf[n] = '\0';
    return inf_parse_u32(buf, v);
}

/* Parses a decoration; false when it is malformed or not for NT amd64. */
static bool decoration_parse(const char *d, struct decoration *out, bool *for_amd64)
{
    const char *dot = strchr(d, '.');
    size_t arch_len = dot ? (size_t)(dot - d) : strlen(d);
    uint32_t *vals[] = {&out->major, &out->minor, &out->product, &out->suite, &out->build};
    bool *given[] = {&out->has_major, &out->has_minor, &out->has_product, &out->has_suite,
                     &out->has_build};
    memset(out, 0, sizeof(*out));
    if (!inf_name_eqn(d, "nt", 2))
        return false;
    *for_amd64 = arch_len == 7 && inf_name_eqn(d + 2, "amd64", 5);
    for (int i = 0; i < 5 && dot != NULL; i++) {
        const char *p = dot + 1;
        dot = strchr(p, '.');
        if (!deco_part(p, dot ? (size_t)(dot - p) : strlen(p), vals[i], given[i]))
            return false;
    }
    return dot == NULL;
}

static bool decoration_applies(const struct inf_options *o, const struct decoration *d)
{
    uint64_t sys = (uint64_t)o->os_major << 32 | o->os_minor;
    uint64_t want = (uint64_t)d->major << 32 | d->minor;
    if (want > sys)
        return false;
    if (d->has_build && want == sys && d->build > o->build)
        return false;
    if (d->has_product && d->product != 0 && d->product != o->product_type)
        return false;
    return !d->has_suite || (d->suite & o->suite_mask) == d->suite;
}

/* >0 when a is the closer match than b. */
static int decoration_cmp(const struct inf_options *o, const struct decoration *a,
                          const struct decoration *b)
{
    uint64_t va = (uint64_t)a->major << 32 | a->minor, vb = (uint64_t)b->major << 32 | b->minor;
    uint64_t sys = (uint64_t)o->os_major << 32 | o->os_minor;
    uint32_t ba = a->has_build && va == sys ? a->build : 0;
    uint32_t bb = b->has_build && vb == sys ? b->build : 0;
    if (va != vb)
        return va > vb ? 1 : -1;
    if (ba != bb)
        return ba > bb ? 1 : -1;
    if ((a->has_product && a->product) != (b->has_product && b->product))
        return a->has_product && a->product ? 1 : -1;
    return (a->has_suite && a->suite) - (b->has_suite && b->suite);
}

/* The decorated models section name of one [Manufacturer] entry for x64, or NULL (none of
 * its decorations applies). */
static NTSTATUS choose_models(const struct inf_file *inf, const struct inf_line *l,
                              const char *models, const char **chosen, struct inf_error *err)
{
    const char *best = NULL;
    struct decoration bd = {0}; /* read only once best is set; zeroed for -Wmaybe-uninitialized */
    for (size_t i = 1; i < l->nfields; i++) {
        struct decoration d;
        bool amd64 = false;
        const char *deco = l->fields[i];
        if (*deco == '\0')
            continue; /* a trailing comma */
        if (!decoration_parse(deco, &d, &amd64))
            return inf_fail(err, inf->name, l->line,
                            "\"%s\" is not a TargetOSVersion decoration "
                            "(nt[arch][.major[.minor[.type[.suite[.build]]]]])",
                            deco);
        if (!amd64 || !decoration_applies(&inf->options, &d))
            continue;
        if (best == NULL || decoration_cmp(&inf->options, &d, &bd) > 0)
            best = deco, bd = d;
    }
    *chosen = NULL;
    if (best != NULL) {
        size_t n = strlen(models), m = strlen(best);
        char *name = inf_alloc((struct inf_file *)inf, n + m + 2);
        if (name == NULL)
            return inf_no_memory(err, inf->name);
        memcpy(name, models, n);
        name[n] = '.';
        memcpy(name + n + 1, best, m);
        *chosen = name;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS add_model(const struct inf_file *inf, const struct inf_line *l,
                          const char *manufacturer, const char *section, struct inf_models *out,
                          size_t *cap, struct inf_error *err)
{
    struct inf_model *m;
    if (l->key == NULL || l->nfields < 1 || *l->fields[0] == '\0')
        return inf_fail(err, inf->name, l->line,
                        "a models entry is description = install-section[, hardware-id"
                        "[, compatible-id...]]");
    m = inf_grow((struct inf_file *)inf, (void **)&out->v, out->n, cap, sizeof(*m));
    if (m == NULL)
        return inf_no_memory(err, inf->name);
    m->description = l->key;
    m->install = l->fields[0];
    m->hwid = inf_field(l, 1);
    m->compatible = l->nfields > 2 ? l->fields + 2 : NULL;
    m->ncompatible = l->nfields > 2 ? l->nfields - 2 : 0;
    m->manufacturer = manufacturer;
    m->models_section = section;
    m->line = l->line;
    out->n++;
    return STATUS_SUCCESS;
}

/* One [Manufacturer] entry: its chosen models section's entries. */
static NTSTATUS manufacturer_entry(const struct inf_file *inf, const struct inf_line *l,
                                   struct inf_models *out, size_t *cap, struct inf_error *err)
{
    const char *name = l->key != NULL ? l->key : inf_field(l, 0);
    const char *models = l->key != NULL ? inf_field(l, 0) : name;
    const char *chosen = NULL;
    const struct inf_section *s;
    NTSTATUS st;
    if (*models == '\0')
        return inf_fail(err, inf->name, l->line,
                        "a [Manufacturer] entry without a models "
                        "section name");
    if ((st = choose_models(inf, l, models, &chosen, err)) != STATUS_SUCCESS || chosen == NULL)
        return st;
    s = inf_section_find(inf, chosen);
    if (s == NULL)
        return inf_fail(err, inf->name, l->line, "models section [%s] is named but absent", chosen);
    for (size_t i = 0; i < s->nlines; i++)
        if ((st = add_model(inf, &s->lines[i], name, s->name, out, cap, err)) != STATUS_SUCCESS)
            return st;
    return STATUS_SUCCESS;
}

NTSTATUS inf_models_read(const struct inf_file *inf, struct inf_models *out, struct inf_error *err)
{
    const struct inf_section *s = inf_section_find(inf, "Manufacturer");
    size_t cap = 0;
    NTSTATUS st;
    out->v = NULL;
    out->n = 0;
    if (s == NULL)
        return inf_fail(err, inf->name, 0, "no [Manufacturer] section");
    for (size_t i = 0; i < s->nlines; i++)
        if ((st = manufacturer_entry(inf, &s->lines[i], out, &cap, err)) != STATUS_SUCCESS)
            return st;
    return STATUS_SUCCESS;
}

/* ---- ranking -------------------------------------------------------------------------- */

#define NO_MATCH 0xFFFFFFFFu

static size_t find_id(const char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n && i < 0x100; i++)
        if (*id != '\0' && inf_name_eq(ids[i], id))
            return i;
    return (size_t)-1;
}

/* The identifier score of model m for the device (Identifier Score, Windows Vista and later),
 * or NO_MATCH. */
static uint32_t identifier_score(const struct inf_model *m, const char *const *hwids, size_t nhwids,
                                 const char *const *cids, size_t ncids)
{
    size_t pos;
    if ((pos = find_id(hwids, nhwids, m->hwid)) != (size_t)-1)
        return (uint32_t)pos;
    for (size_t i = 0; i < nhwids && i < 0x100; i++)
        if (find_id(m->compatible, m->ncompatible, hwids[i]) != (size_t)-1)
            return 0x1000 + (uint32_t)i;
    if ((pos = find_id(cids, ncids, m->hwid)) != (size_t)-1)
        return 0x2000 + (uint32_t)pos;
    for (size_t i = 0; i < ncids && i < 0x100; i++) {
        size_t k = find_id(m->compatible, m->ncompatible, cids[i]);
        if (k != (size_t)-1 && k < 0x10)
            return 0x3000 + (uint32_t)i + 0x100 * (uint32_t)k;
    }
    return NO_MATCH;
}

/* FeatureScore= of the model's DDInstall section (0xFF when absent). */
static NTSTATUS feature_score(const struct inf_file *inf, const struct inf_model *m,
                              uint32_t *score, struct inf_error *err)
{
    const char *name = inf_install_section_name(inf, m->install);
    const struct inf_line *l;
    *score = 0xFF;
    if (name == NULL)
        return inf_fail(err, inf->name, m->line, "install section [%s] is named but absent",
                        m->install);
    l = inf_line_find(inf_section_find(inf, name), "FeatureScore");
    if (l != NULL && (!inf_parse_u32(inf_field(l, 0), score) || *score > 0xFF))
        return inf_fail(err, inf->name, l->line, "FeatureScore \"%s\" is not a byte (0x00-0xFF)",
                        inf_field(l, 0));
    return STATUS_SUCCESS;
}

NTSTATUS inf_match_device(const struct inf_file *inf, const struct inf_models *models,
                          const char *const *hwids, size_t nhwids, const char *const *cids,
                          size_t ncids, struct inf_match *match, struct inf_error *err)
{
    NTSTATUS st;
    match->model = NULL;
    match->rank = NO_MATCH;
    for (size_t i = 0; i < models->n; i++) {
        uint32_t id = identifier_score(&models->v[i], hwids, nhwids, cids, ncids), fs;
        if (id == NO_MATCH)
            continue;
        if ((st = feature_score(inf, &models->v[i], &fs, err)) != STATUS_SUCCESS)
            return st;
        if (match->model == NULL || (fs << 16 | id) < match->rank) {
            match->model = &models->v[i];
            match->rank = fs << 16 | id;
        }
    }
    if (match->model != NULL)
        return STATUS_SUCCESS;
    inf_fail(err, inf->name, 0, "no model matches the device's %s",
             nhwids + ncids > 0 ? "IDs" : "IDs (it has none)");
    return STATUS_NOT_FOUND;
}
