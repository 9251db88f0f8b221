/*
 * settings.c - the trace session's settings per driver: `drvhost run --trace DRIVER:LEVEL:FLAGS`
 * and the scenario command `trace DRIVER level=LEVEL flags=FLAGS`, the role of a TraceView /
 * tracelog session enabling a provider with a level and flags. A setting is kept by driver name
 * and applied to every control GUID of the driver, now if it traces, else at WPP_INIT_TRACING.
 * The same settings enable ETW providers (etw.c), named by GUID, provider name or driver.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trace/trace_private.h"

struct trace_setting {
    struct trace_setting *next;
    char driver[64];
    unsigned level;
    char flags[256];
};

static struct trace_setting *settings; /* under trace_lock */

/* An ETW provider GUID, with or without braces, into canon (36 characters, capitals); FALSE
 * for anything else (a driver or provider name). */
static int guid_text(const char *s, char canon[40])
{
    size_t n = strlen(s), i;
    int braces = n == 38 && s[0] == '{' && s[37] == '}';
    if (n != 36 && !braces)
        return 0;
    s += braces;
    for (i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return 0;
        canon[i] = (char)toupper((unsigned char)s[i]);
    }
    canon[36] = 0;
    return 1;
}

/* An ETW provider's MatchAnyKeyword from a flags text: "all", numbers (64 bits) OR'ed; -1 with
 * err for a name when `strict` (a GUID setting has no names), else names are skipped (they are
 * the driver's WPP flags). */
static int keywords_of(const char *text, int strict, ULONGLONG *any, char *err, size_t errsize)
{
    char buf[256], *tok, *save, *end;
    snprintf(buf, sizeof(buf), "%s", text);
    *any = 0;
    for (tok = strtok_r(buf, "|,+", &save); tok != NULL; tok = strtok_r(NULL, "|,+", &save)) {
        unsigned long long v = strtoull(tok, &end, 0);
        if (strcasecmp(tok, "all") == 0)
            *any = ~0ull;
        else if (*tok != 0 && *end == 0)
            *any |= v;
        else if (strict) {
            snprintf(err, errsize,
                     "keywords: %s is not a number (an ETW provider's keywords are "
                     "a mask: 0x10, all)",
                     tok);
            return -1;
        }
    }
    return 0;
}

BOOLEAN trace_setting_lookup(const char *guid, const char *provider, const char *driver,
                             unsigned *level, ULONGLONG *any)
{
    const struct trace_setting *s, *by_name = NULL, *by_driver = NULL;
    char err[8];
    for (s = settings; s != NULL; s = s->next) {
        if (strcmp(s->driver, guid) == 0)
            break;
        if (provider[0] != 0 && strcasecmp(s->driver, provider) == 0)
            by_name = s;
        if (driver[0] != 0 && strcasecmp(s->driver, driver) == 0)
            by_driver = s;
    }
    if (s == NULL)
        s = by_name != NULL ? by_name : by_driver;
    if (s == NULL)
        return FALSE;
    *level = s->level;
    keywords_of(s->flags, 0, any, err, sizeof(err));
    return TRUE;
}

/* The mask of a flags text for one control block: -1 (with err) for an unknown name. */
static long long flags_mask(const char *text, const struct drvhost_wpp_control *ctl, char *err,
                            size_t errsize)
{
    char buf[256], *tok, *save;
    unsigned long long mask = 0;

    snprintf(buf, sizeof(buf), "%s", text);
    for (tok = strtok_r(buf, "|,+", &save); tok != NULL; tok = strtok_r(NULL, "|,+", &save)) {
        char *end;
        unsigned long long v;
        int i, found = 0;
        while (isspace((unsigned char)*tok))
            tok++;
        if (strcasecmp(tok, "all") == 0) {
            mask = 0xFFFFFFFFu;
            continue;
        }
        v = strtoull(tok, &end, 0);
        if (*tok != 0 && *end == 0) {
            if (v > 0xFFFFFFFFull) {
                snprintf(err, errsize, "flags: %s is more than 32 bits", tok);
                return -1;
            }
            mask |= v;
            continue;
        }
        for (i = 0; ctl != NULL && i < 32 && ctl->FlagNames != NULL && ctl->FlagNames[i]; i++)
            if (strcmp(ctl->FlagNames[i], tok) == 0) {
                mask |= 1ull << i;
                found = 1;
            }
        if (!found) {
            if (ctl == NULL)
                continue; /* names are checked once the driver traces */
            snprintf(err, errsize, "flags: %s is not a WPP_DEFINE_BIT of %s", tok, ctl->Name);
            return -1;
        }
    }
    return (long long)mask;
}

/* Applies one setting to a driver's providers (under trace_lock). A name unknown to one
 * control GUID is left out of that one's mask: a driver may have several. */
static void apply(const struct trace_setting *s, struct trace_driver *d)
{
    ULONG i;
    char err[128];

    for (i = 0; i < d->control_count; i++) {
        long long mask = flags_mask(s->flags, &d->controls[i], err, sizeof(err));
        __atomic_store_n(&d->controls[i].Level, (UCHAR)s->level, __ATOMIC_RELAXED);
        __atomic_store_n(&d->controls[i].Flags[0], mask < 0 ? 0 : (ULONG)mask, __ATOMIC_RELAXED);
    }
}

void trace_apply_settings(struct trace_driver *d)
{
    struct trace_setting *s;

    for (s = settings; s != NULL; s = s->next)
        if (strcasecmp(s->driver, d->name) == 0)
            apply(s, d);
}

/* A name none of the driver's control GUIDs defines is an error (when it traces). */
static int check_names(const struct trace_setting *s, struct trace_driver *d, char *err,
                       size_t errsize)
{
    char buf[256], *tok, *save, one[128];
    ULONG i;

    if (d == NULL || d->control_count == 0)
        return 0;
    snprintf(buf, sizeof(buf), "%s", s->flags);
    for (tok = strtok_r(buf, "|,+", &save); tok != NULL; tok = strtok_r(NULL, "|,+", &save)) {
        int ok = 0;
        for (i = 0; i < d->control_count && !ok; i++)
            ok = flags_mask(tok, &d->controls[i], one, sizeof(one)) >= 0;
        if (!ok) {
            snprintf(err, errsize, "%s", one);
            return -1;
        }
    }
    return 0;
}

int trace_set(const char *driver, unsigned level, const char *flags, char *err, size_t errsize)
{
    struct trace_setting *s, tmp;
    struct trace_driver *d;
    int rc = 0;

    if (strlen(driver) >= sizeof(tmp.driver) || strlen(flags) >= sizeof(tmp.flags) || level > 255) {
        snprintf(err, errsize, "trace setting too long or level above 255");
        return -1;
    }
    char canon[40];
    ULONGLONG any;
    int is_guid = guid_text(driver, canon);
    if (is_guid ? keywords_of(flags, 1, &any, err, errsize) < 0
                : flags_mask(flags, NULL, err, errsize) < 0)
        return -1;
    memset(&tmp, 0, sizeof(tmp));
    snprintf(tmp.driver, sizeof(tmp.driver), "%s", is_guid ? canon : driver);
    snprintf(tmp.flags, sizeof(tmp.flags), "%s", flags);
    tmp.level = level;
    os_mutex_lock(&trace_lock);
    d = trace_driver_find(driver, 0);
    if (check_names(&tmp, d, err, errsize) < 0) {
        rc = -1;
        goto out;
    }
    for (s = settings; s != NULL && strcasecmp(s->driver, driver) != 0; s = s->next)
        ;
    if (s == NULL) {
        if ((s = calloc(1, sizeof(*s))) == NULL) {
            snprintf(err, errsize, "out of memory");
            rc = -1;
            goto out;
        }
        s->next = settings;
        settings = s;
    }
    tmp.next = s->next;
    *s = tmp;
    if (d != NULL)
        apply(s, d);
out:
    os_mutex_unlock(&trace_lock);
    if (rc == 0)
        trace_etw_refresh_all(); /* ETW providers the setting names: enable callbacks */
    return rc;
}

int trace_set_spec(const char *spec, char *err, size_t errsize)
{
    char buf[400], *level, *flags;
    int lv;

    snprintf(buf, sizeof(buf), "%s", spec);
    level = strchr(buf, ':');
    flags = level ? strchr(level + 1, ':') : NULL;
    if (level == NULL || flags == NULL || level == buf) {
        snprintf(err, errsize, "'%s' is not DRIVER:LEVEL:FLAGS", spec);
        return -1;
    }
    *level++ = 0;
    *flags++ = 0;
    if ((lv = trace_level_parse(level)) < 0) {
        snprintf(err, errsize, "'%s' is not a trace level (ERROR, INFORMATION, ... or 0-255)",
                 level);
        return -1;
    }
    return trace_set(buf, (unsigned)lv, flags, err, errsize);
}

void trace_settings_free(void)
{
    os_mutex_lock(&trace_lock);
    while (settings != NULL) {
        struct trace_setting *s = settings;
        settings = s->next;
        free(s);
    }
    os_mutex_unlock(&trace_lock);
}
