/* se_private.h - shared between the security layer's own files (not for other layers). */
#ifndef DRVHOST_SE_PRIVATE_H
#define DRVHOST_SE_PRIVATE_H

#include "se/se.h"

/* FILE_GENERIC_* / FILE_ALL_ACCESS for the generic bits of mask (the I/O manager's mapping). */
ACCESS_MASK se_map_generic(ACCESS_MASK mask);
/* Parses one SID (alias or S-1-...) at s[*pos...], advancing *pos past it. */
BOOLEAN se_sid_parse(const WCHAR *s, size_t len, size_t *pos, struct se_sid *sid);
/* TRUE if s[pos...] (len WCHARs in all) begins with the ASCII text lit. */
BOOLEAN se_match(const WCHAR *s, size_t len, size_t pos, const char *lit);
/* A decimal (or 0x hex) number of at most max at s[*pos], advancing *pos past it. */
BOOLEAN se_number(const WCHAR *s, size_t len, size_t *pos, ULONGLONG max, ULONGLONG *v);

#endif
