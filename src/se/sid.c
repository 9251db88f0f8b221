/*
 * sid.c - SIDs in SDDL form (the aliases of "SDDL for Device Objects" and S-1-...) and the
 * generic mapping: what the identity (token.c) and the SDDL parser (sddl.c) share. No pool
 * use here: the scenario parser checks identities with it before the runtime boots.
 */
#include "se/se_private.h"

#include <string.h>

struct se_alias {
    char name[3];
    struct se_sid sid;
};

/* The SIDs the device-object page names, with their well-known values. */
static const struct se_alias se_aliases[] = {
    {"SY", {1, 5, {18}}},
    {"LS", {1, 5, {19}}},
    {"NS", {1, 5, {20}}},
    {"BA", {2, 5, {32, 544}}},
    {"BU", {2, 5, {32, 545}}},
    {"BG", {2, 5, {32, 546}}},
    {"AU", {1, 5, {11}}},
    {"AN", {1, 5, {7}}},
    {"IU", {1, 5, {4}}},
    {"NU", {1, 5, {2}}},
    {"WD", {1, 1, {0}}},
    {"RC", {1, 5, {12}}},
    {"UD", {6, 5, {84, 0, 0, 0, 0, 0}}},
};

ACCESS_MASK se_map_generic(ACCESS_MASK mask)
{
    ACCESS_MASK out = mask & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
    if (mask & GENERIC_READ)
        out |= FILE_GENERIC_READ;
    if (mask & GENERIC_WRITE)
        out |= FILE_GENERIC_WRITE;
    if (mask & GENERIC_EXECUTE)
        out |= FILE_GENERIC_EXECUTE;
    if (mask & GENERIC_ALL)
        out |= FILE_ALL_ACCESS;
    return out;
}

BOOLEAN se_match(const WCHAR *s, size_t len, size_t pos, const char *lit)
{
    size_t n = strlen(lit);
    if (pos + n > len)
        return FALSE;
    for (size_t i = 0; i < n; i++)
        if (s[pos + i] != (WCHAR)(unsigned char)lit[i])
            return FALSE;
    return TRUE;
}

BOOLEAN se_number(const WCHAR *s, size_t len, size_t *pos, ULONGLONG max, ULONGLONG *v)
{
    size_t p = *pos, start;
    unsigned base = 10;
    ULONGLONG n = 0;
    if (se_match(s, len, p, "0x")) {
        base = 16;
        p += 2;
    }
    start = p;
    for (; p < len; p++) {
        WCHAR c = s[p];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        n = n * base + d;
        if (n > max)
            return FALSE;
    }
    if (p == start)
        return FALSE;
    *pos = p;
    *v = n;
    return TRUE;
}

BOOLEAN se_sid_parse(const WCHAR *s, size_t len, size_t *pos, struct se_sid *sid)
{
    ULONGLONG v;
    size_t p = *pos;
    for (size_t i = 0; i < sizeof(se_aliases) / sizeof(se_aliases[0]); i++)
        if (se_match(s, len, p, se_aliases[i].name)) {
            *sid = se_aliases[i].sid;
            *pos = p + 2;
            return TRUE;
        }
    if (!se_match(s, len, p, "S-1-"))
        return FALSE;
    p += 4;
    memset(sid, 0, sizeof(*sid));
    if (!se_number(s, len, &p, 0xFFFFFFFFFFFFull, &sid->authority))
        return FALSE;
    while (p < len && s[p] == '-') {
        p++;
        if (sid->count == SE_SID_MAX_SUB || !se_number(s, len, &p, 0xFFFFFFFFu, &v))
            return FALSE;
        sid->sub[sid->count++] = (ULONG)v;
    }
    *pos = p;
    return TRUE;
}
