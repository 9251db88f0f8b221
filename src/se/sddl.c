/*
 * sddl.c - the SDDL subset IoCreateDeviceSecure accepts ("SDDL for Device Objects") and
 * self-relative security descriptors (a class key's Security value), both into struct se_sd.
 *
 * Grammar (strict: no blanks, codes in capitals, as the reference writes them):
 *   "D:" ["P"] { "(A;;" RIGHTS ";;;" SID ")" }
 *   RIGHTS = "0x" HEX | { GA | GR | GW | GX | RC | SD | WD | WO | FA | FR | FW | FX }
 *   SID    = SY | LS | NS | BA | BU | BG | AU | AN | IU | NU | WD | RC | UD | "S-1-" N { "-" N }
 * FA/FR/FW/FX are full SDDL's file rights; the device-object page lists only the generic and
 * standard codes (deviation: accepted).
 */
#include "se/se_private.h"

#include "ex/ex.h"

#include <stdio.h>
#include <string.h>

#define SE_TAG 'cSeS'

struct se_right {
    char name[3];
    ACCESS_MASK mask;
};

static const struct se_right se_rights[] = {
    {"GA", GENERIC_ALL},       {"GR", GENERIC_READ},       {"GW", GENERIC_WRITE},
    {"GX", GENERIC_EXECUTE},   {"RC", READ_CONTROL},       {"SD", DELETE},
    {"WD", WRITE_DAC},         {"WO", WRITE_OWNER},        {"FA", FILE_ALL_ACCESS},
    {"FR", FILE_GENERIC_READ}, {"FW", FILE_GENERIC_WRITE}, {"FX", FILE_GENERIC_EXECUTE},
};

static BOOLEAN se_rights_parse(const WCHAR *s, size_t len, size_t *pos, ACCESS_MASK *mask)
{
    size_t p = *pos;
    ULONGLONG v;
    *mask = 0;
    if (se_match(s, len, p, "0x")) {
        if (!se_number(s, len, &p, 0xFFFFFFFFu, &v))
            return FALSE;
        *mask = (ACCESS_MASK)v;
        *pos = p;
        return TRUE;
    }
    while (p < len && s[p] != ';') {
        size_t i, n = sizeof(se_rights) / sizeof(se_rights[0]);
        for (i = 0; i < n && !se_match(s, len, p, se_rights[i].name); i++)
            ;
        if (i == n)
            return FALSE;
        *mask |= se_rights[i].mask;
        p += 2;
    }
    if (p == *pos)
        return FALSE; /* no rights at all */
    *pos = p;
    return TRUE;
}

static struct se_sd *se_sd_alloc(ULONG count)
{
    struct se_sd *sd = ex_alloc(sizeof(*sd) + count * sizeof(sd->ace[0]), SE_TAG);
    if (sd != NULL)
        memset(sd, 0, sizeof(*sd));
    return sd;
}

void se_sd_free(struct se_sd *sd)
{
    if (sd != NULL)
        ex_free(sd);
}

static NTSTATUS se_bad(char *why, size_t size, size_t pos, const char *what)
{
    if (why != NULL && size > 0)
        snprintf(why, size, "%s at character %zu", what, pos + 1);
    return STATUS_INVALID_PARAMETER;
}

/* One "(A;;RIGHTS;;;SID)" at s[*pos]. */
static NTSTATUS se_ace_parse(const WCHAR *s, size_t len, size_t *pos, struct se_ace *ace, char *why,
                             size_t why_size)
{
    size_t p = *pos;
    if (!se_match(s, len, p, "(A;"))
        return se_bad(why, why_size, p, "an entry must begin with \"(A;\" (access allowed)");
    p += 3;
    if (!se_match(s, len, p, ";"))
        return se_bad(why, why_size, p, "entry flags are not allowed for device objects");
    p += 1;
    if (!se_rights_parse(s, len, &p, &ace->mask))
        return se_bad(why, why_size, p,
                      "rights must be 0xHEX or GA/GR/GW/GX/RC/SD/WD/WO/FA/FR/FW/FX");
    if (!se_match(s, len, p, ";;;"))
        return se_bad(why, why_size, p, "object types are not allowed for device objects");
    p += 3;
    if (!se_sid_parse(s, len, &p, &ace->sid))
        return se_bad(why, why_size, p, "unknown SID (an alias such as SY, BA, WD, or S-1-...)");
    if (!se_match(s, len, p, ")"))
        return se_bad(why, why_size, p, "expected ')' after the SID");
    ace->mask = se_map_generic(ace->mask);
    *pos = p + 1;
    return STATUS_SUCCESS;
}

NTSTATUS se_sd_from_sddl(const WCHAR *s, size_t len, struct se_sd **out, char *why, size_t why_size)
{
    size_t p = 2, count = 0;
    struct se_sd *sd;
    NTSTATUS status;
    *out = NULL;
    if (!se_match(s, len, 0, "D:"))
        return se_bad(why, why_size, 0, "a device object's SDDL must begin with \"D:\"");
    for (size_t i = 0; i < len; i++)
        count += s[i] == '(';
    sd = se_sd_alloc((ULONG)count);
    if (sd == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (se_match(s, len, p, "P")) {
        sd->protected_dacl = TRUE;
        p++;
    }
    while (p < len) {
        status = se_ace_parse(s, len, &p, &sd->ace[sd->count], why, why_size);
        if (!NT_SUCCESS(status)) {
            se_sd_free(sd);
            return status;
        }
        sd->count++;
    }
    *out = sd;
    return STATUS_SUCCESS;
}

/* ---- self-relative descriptors ----------------------------------------------------------- */

#define SE_DACL_PRESENT_BIT   0x0004
#define SE_SELF_RELATIVE_BIT  0x8000
#define SE_ACCESS_ALLOWED_ACE 0

static ULONG se_le32(const UCHAR *p)
{
    return p[0] | (ULONG)p[1] << 8 | (ULONG)p[2] << 16 | (ULONG)p[3] << 24;
}

static USHORT se_le16(const UCHAR *p)
{
    return (USHORT)(p[0] | p[1] << 8);
}

/* A binary SID of at most `room` bytes. */
static BOOLEAN se_sid_binary(const UCHAR *p, ULONG room, struct se_sid *sid)
{
    if (room < 8 || p[0] != 1 || p[1] > SE_SID_MAX_SUB || room < 8u + 4u * p[1])
        return FALSE;
    sid->count = p[1];
    sid->authority = 0;
    for (int i = 2; i < 8; i++)
        sid->authority = sid->authority << 8 | p[i];
    for (int i = 0; i < sid->count; i++)
        sid->sub[i] = se_le32(p + 8 + 4 * i);
    return TRUE;
}

static NTSTATUS se_acl_binary(const UCHAR *acl, ULONG room, struct se_sd **out, char *why,
                              size_t why_size)
{
    USHORT size, count;
    ULONG off = 8;
    struct se_sd *sd;
    if (room < 8 || (acl[0] != 2 && acl[0] != 4) || (size = se_le16(acl + 2)) > room || size < 8)
        return se_bad(why, why_size, 0, "malformed ACL");
    count = se_le16(acl + 4);
    sd = se_sd_alloc(count);
    if (sd == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (USHORT i = 0; i < count; i++) {
        USHORT ace_size = off + 4 <= size ? se_le16(acl + off + 2) : 0;
        if (ace_size < 16 || off + ace_size > size || acl[off] != SE_ACCESS_ALLOWED_ACE ||
            !se_sid_binary(acl + off + 8, ace_size - 8u, &sd->ace[i].sid)) {
            se_sd_free(sd);
            return se_bad(why, why_size, off, "ACE not an access-allowed entry, or malformed");
        }
        sd->ace[i].mask = se_map_generic(se_le32(acl + off + 4));
        sd->count++;
        off += ace_size;
    }
    *out = sd;
    return STATUS_SUCCESS;
}

NTSTATUS se_sd_from_relative(const void *buf, ULONG len, struct se_sd **out, char *why,
                             size_t why_size)
{
    const UCHAR *p = buf;
    USHORT control;
    ULONG dacl;
    *out = NULL;
    if (len < 20 || p[0] != 1)
        return se_bad(why, why_size, 0, "not a revision 1 security descriptor");
    control = se_le16(p + 2);
    if (!(control & SE_SELF_RELATIVE_BIT))
        return se_bad(why, why_size, 2, "not a self-relative security descriptor");
    dacl = se_le32(p + 16);
    if (!(control & SE_DACL_PRESENT_BIT) || dacl == 0)
        return STATUS_SUCCESS; /* a NULL DACL: no protection */
    if (dacl < 20 || dacl >= len)
        return se_bad(why, why_size, 16, "DACL offset outside the descriptor");
    return se_acl_binary(p + dacl, len - dacl, out, why, why_size);
}
