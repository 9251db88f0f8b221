/*
 * token.c - the identity drvhost's clients (drvhost_open, the scenario's open) act with, and the
 * access check of their opens against a device's security descriptor.
 *
 * drvhost has one client identity per runtime, not a token per thread: a host program or a
 * scenario chooses it (drvhost_client_identity, the scenario's `identity`). The default is an
 * elevated administrator's groups: what the test application of a driver sample has when it is
 * run from an administrator's prompt. Kernel-mode opens (ZwCreateFile, IoGetDeviceObjectPointer)
 * are not checked, as Windows does not check them without OBJ_FORCE_ACCESS_CHECK.
 *
 * Locking: se_identity_lock guards se_identity; an open copies nothing, it checks under the lock
 * (opens are not a hot path; the check is a few comparisons per entry).
 */
#include "se/se_private.h"

#include "os/os.h"

#include <string.h>

#define SE_IDENTITY_MAX 16

struct se_identity {
    ULONG count;
    struct se_sid sid[SE_IDENTITY_MAX];
};

static os_mutex se_identity_lock = OS_MUTEX_INIT;
static struct se_identity se_identity;
static BOOLEAN se_identity_custom; /* FALSE: the default (admin) */

struct se_preset {
    const char *name;
    const char *sids;
};

/* S-1-2-0 is LOCAL, which every interactive logon holds. */
static const struct se_preset se_presets[] = {
    {"admin", "BA,BU,WD,AU,IU,S-1-2-0"},
    {"user", "BU,WD,AU,IU,S-1-2-0"},
    {"system", "SY,BA,WD,AU"},
};

static NTSTATUS se_identity_parse(const char *spec, struct se_identity *id)
{
    WCHAR w[256];
    size_t len = strlen(spec), pos = 0;
    if (len == 0 || len >= sizeof(w) / sizeof(w[0]))
        return STATUS_INVALID_PARAMETER;
    for (size_t i = 0; i <= len; i++)
        w[i] = (WCHAR)(unsigned char)spec[i];
    id->count = 0;
    while (pos < len) {
        if (id->count == SE_IDENTITY_MAX || !se_sid_parse(w, len, &pos, &id->sid[id->count]))
            return STATUS_INVALID_PARAMETER;
        id->count++;
        if (pos < len && w[pos++] != ',')
            return STATUS_INVALID_PARAMETER;
        if (pos == len && w[len - 1] == ',')
            return STATUS_INVALID_PARAMETER;
    }
    return STATUS_SUCCESS;
}

/* The SIDs of a preset name, else spec itself. */
static const char *se_preset_sids(const char *spec)
{
    for (size_t i = 0; i < sizeof(se_presets) / sizeof(se_presets[0]); i++)
        if (strcmp(spec, se_presets[i].name) == 0)
            return se_presets[i].sids;
    return spec;
}

BOOLEAN se_identity_valid(const char *spec)
{
    struct se_identity id;
    return spec != NULL && NT_SUCCESS(se_identity_parse(se_preset_sids(spec), &id));
}

NTSTATUS se_identity_set(const char *spec)
{
    struct se_identity id;
    NTSTATUS status;
    if (spec == NULL)
        return STATUS_INVALID_PARAMETER;
    status = se_identity_parse(se_preset_sids(spec), &id);
    if (!NT_SUCCESS(status))
        return status;
    os_mutex_lock(&se_identity_lock);
    se_identity = id;
    se_identity_custom = TRUE;
    os_mutex_unlock(&se_identity_lock);
    return STATUS_SUCCESS;
}

void se_identity_reset(void)
{
    os_mutex_lock(&se_identity_lock);
    se_identity_custom = FALSE;
    os_mutex_unlock(&se_identity_lock);
}

static BOOLEAN se_sid_equal(const struct se_sid *a, const struct se_sid *b)
{
    return a->count == b->count && a->authority == b->authority &&
           memcmp(a->sub, b->sub, a->count * sizeof(a->sub[0])) == 0;
}

static BOOLEAN se_identity_holds(const struct se_identity *id, const struct se_sid *sid)
{
    for (ULONG i = 0; i < id->count; i++)
        if (se_sid_equal(&id->sid[i], sid))
            return TRUE;
    return FALSE;
}

static ACCESS_MASK se_granted_locked(const struct se_sd *sd)
{
    static struct se_identity admin;
    const struct se_identity *id = &se_identity;
    ACCESS_MASK granted = 0;
    if (!se_identity_custom) {
        if (admin.count == 0)
            se_identity_parse(se_presets[0].sids, &admin);
        id = &admin;
    }
    for (ULONG i = 0; i < sd->count; i++)
        if (se_identity_holds(id, &sd->ace[i].sid))
            granted |= sd->ace[i].mask;
    return granted;
}

NTSTATUS se_access_check(const struct se_sd *sd, ACCESS_MASK desired, ACCESS_MASK *granted)
{
    ACCESS_MASK have, want = se_map_generic(desired) & ~(MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY);
    if (sd == NULL) {
        *granted = desired & MAXIMUM_ALLOWED ? FILE_ALL_ACCESS : want;
        return STATUS_SUCCESS;
    }
    os_mutex_lock(&se_identity_lock);
    have = se_granted_locked(sd);
    os_mutex_unlock(&se_identity_lock);
    *granted = 0;
    if ((want & ~have) != 0 || ((desired & MAXIMUM_ALLOWED) && have == 0))
        return STATUS_ACCESS_DENIED;
    *granted = desired & MAXIMUM_ALLOWED ? have : want;
    return STATUS_SUCCESS;
}
