/*
 * se.h - the security layer: the security descriptors IoCreateDeviceSecure gives device
 * objects (SDDL for device objects, or a self-relative descriptor from a class key), the
 * identity drvhost's clients open devices with, and the access check between the two.
 *
 * A descriptor is kept parsed: its discretionary ACL as a list of access-allowed entries (the
 * only kind the device-object subset of SDDL has). Generic rights are mapped with the file
 * object type's mapping when the descriptor is made, as Windows maps them when it assigns one.
 */
#ifndef DRVHOST_SE_H
#define DRVHOST_SE_H

#include <wdm.h>

#define SE_SID_MAX_SUB 15 /* SID_MAX_SUB_AUTHORITIES */

struct se_sid {
    UCHAR count;         /* sub-authorities */
    ULONGLONG authority; /* the 48-bit identifier authority */
    ULONG sub[SE_SID_MAX_SUB];
};

struct se_ace {
    ACCESS_MASK mask; /* generic rights already mapped */
    struct se_sid sid;
};

struct se_sd {
    BOOLEAN protected_dacl; /* "D:P" */
    ULONG count;
    struct se_ace ace[]; /* count entries; none: the empty DACL, which grants nothing */
};

/* Parses `len` WCHARs of SDDL in the device-object subset: "D:" or "D:P", then "(A;;RIGHTS;;;SID)"
 * entries; RIGHTS two-letter codes (GA GR GW GX, RC SD WD WO, FA FR FW FX) or 0xHEX; SID an
 * alias (SY BA BU ...) or S-1-... On error STATUS_INVALID_PARAMETER and a description of the
 * problem and its position in `why`. The descriptor is pool (se_sd_free). */
NTSTATUS se_sd_from_sddl(const WCHAR *s, size_t len, struct se_sd **out, char *why,
                         size_t why_size);
/* Parses a self-relative SECURITY_DESCRIPTOR (what a class key's Security value holds). Only
 * its DACL is read; access-allowed entries only (anything else: STATUS_INVALID_PARAMETER with
 * the reason in `why`). A descriptor without a DACL (SE_DACL_PRESENT clear) is NULL in *out:
 * no security, everything granted. */
NTSTATUS se_sd_from_relative(const void *buf, ULONG len, struct se_sd **out, char *why,
                             size_t why_size);
void se_sd_free(struct se_sd *sd);

/* The access check of a user-mode open: what `sd` grants the client identity (the rights of the
 * entries whose SID the identity holds) must cover `desired` (generic rights mapped;
 * MAXIMUM_ALLOWED: whatever is granted, at least one right). STATUS_SUCCESS and the rights
 * granted in *granted, or STATUS_ACCESS_DENIED. NULL sd: no security, all granted. */
NTSTATUS se_access_check(const struct se_sd *sd, ACCESS_MASK desired, ACCESS_MASK *granted);

/* The client identity (token.c): "admin" (the default), "user", "system", or a list of SIDs
 * joined by ',' (aliases or S-1-...). STATUS_INVALID_PARAMETER for anything else. */
NTSTATUS se_identity_set(const char *spec);
/* TRUE if se_identity_set would accept spec (nothing changes). */
BOOLEAN se_identity_valid(const char *spec);
/* Back to the default identity (drvhost_shutdown). */
void se_identity_reset(void);

#endif
