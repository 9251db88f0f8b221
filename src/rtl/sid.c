/*
 * sid.c - the security identifier routines of ntifs.h: RtlValidSid, RtlLengthSid, RtlCopySid.
 *
 * A SID is a revision byte, a sub-authority count, a six-byte authority and that many 32-bit
 * relative identifiers (SID in ntifs_decl.h). The routines neither allocate nor lock; the caller
 * owns both buffers. Windows runs them at IRQL <= APC_LEVEL; like the other pure Rtl routines of
 * drvhost they do not check the IRQL (nothing in them could fail at a raised one).
 */
#include <string.h>

#include <ntifs.h>

#include "rtl/rtl_private.h"

/* The header before the relative identifiers: revision, count, authority. */
#define RTL_SID_HEADER_SIZE FIELD_OFFSET(SID, SubAuthority)

/* The revision SID_REVISION is the only one Windows knows, and a SID holds at most
 * SID_MAX_SUB_AUTHORITIES relative identifiers. Deviation: a NULL SID is FALSE here (the page
 * does not say; Windows reads through the pointer). */
NTSYSAPI BOOLEAN NTAPI RtlValidSid(PSID Sid)
{
    const SID *sid = Sid;

    if (sid == NULL)
        return FALSE;
    return sid->Revision == SID_REVISION && sid->SubAuthorityCount <= SID_MAX_SUB_AUTHORITIES;
}

/* The page leaves the result for an invalid SID undefined: drvhost computes it from the count
 * as for a valid one. */
NTSYSAPI ULONG NTAPI RtlLengthSid(PSID Sid)
{
    const SID *sid = Sid;

    return (ULONG)(RTL_SID_HEADER_SIZE + sid->SubAuthorityCount * sizeof(ULONG));
}

/* Copies RtlLengthSid(SourceSid) bytes; a shorter destination is STATUS_BUFFER_TOO_SMALL and
 * receives nothing. */
NTSYSAPI NTSTATUS NTAPI RtlCopySid(ULONG DestinationSidLength, PSID DestinationSid, PSID SourceSid)
{
    ULONG length = RtlLengthSid(SourceSid);

    if (DestinationSidLength < length)
        return STATUS_BUFFER_TOO_SMALL;
    memmove(DestinationSid, SourceSid, length);
    return STATUS_SUCCESS;
}
