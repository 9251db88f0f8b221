/*
 * test_sid.c - RtlValidSid, RtlLengthSid and RtlCopySid (ntifs.h) on the SIDs Windows gives
 * drivers: LocalSystem (S-1-5-18), the Administrators alias (S-1-5-32-544), the world SID
 * (S-1-1-0) and one with SID_MAX_SUB_AUTHORITIES relative identifiers; an unknown revision and
 * too many relative identifiers are invalid; a short destination is STATUS_BUFFER_TOO_SMALL.
 */
#include <string.h>

#include <ntifs.h>

#include "harness.h"

/* A SID with room for every relative identifier. */
typedef struct {
    UCHAR Revision;
    UCHAR SubAuthorityCount;
    SID_IDENTIFIER_AUTHORITY IdentifierAuthority;
    ULONG SubAuthority[SID_MAX_SUB_AUTHORITIES + 1];
} BIG_SID;

static BIG_SID make_sid(UCHAR count, UCHAR authority)
{
    BIG_SID sid;
    UCHAR i;

    memset(&sid, 0, sizeof(sid));
    sid.Revision = SID_REVISION;
    sid.SubAuthorityCount = count;
    sid.IdentifierAuthority.Value[5] = authority;
    for (i = 0; i < count && i <= SID_MAX_SUB_AUTHORITIES; i++)
        sid.SubAuthority[i] = 18u + i;
    return sid;
}

TEST(valid_sids)
{
    static const SID system = {
        SID_REVISION, 1, {SECURITY_NT_AUTHORITY}, {SECURITY_LOCAL_SYSTEM_RID}};
    BIG_SID admins = make_sid(2, 5), world = make_sid(1, 1), longest = make_sid(15, 5);

    ok(SID_MAX_SUB_AUTHORITIES == 15, "SID_MAX_SUB_AUTHORITIES %d\n", SID_MAX_SUB_AUTHORITIES);
    ok(RtlValidSid((PSID)&system), "S-1-5-18\n");
    ok(RtlValidSid(&admins) && RtlValidSid(&world), "S-1-5-18-19, S-1-1-18\n");
    ok(RtlValidSid(&longest), "15 relative identifiers\n");
    ok(RtlLengthSid((PSID)&system) == 12, "S-1-5-18: %u\n", RtlLengthSid((PSID)&system));
    ok(RtlLengthSid(&admins) == 16, "two: %u\n", RtlLengthSid(&admins));
    ok(RtlLengthSid(&longest) == 68, "fifteen: %u\n", RtlLengthSid(&longest));
}

TEST(invalid_sids)
{
    BIG_SID sid = make_sid(1, 5);

    sid.Revision = 2;
    ok(!RtlValidSid(&sid), "revision 2\n");
    sid.Revision = 0;
    ok(!RtlValidSid(&sid), "revision 0\n");
    sid = make_sid(16, 5);
    ok(!RtlValidSid(&sid), "16 relative identifiers\n");
    ok(!RtlValidSid(NULL), "NULL (drvhost's deviation: FALSE)\n");
}

TEST(copy)
{
    BIG_SID source = make_sid(3, 5), dest;
    ULONG length = RtlLengthSid(&source);

    ok(length == 20, "length %u\n", length);
    memset(&dest, 0xCC, sizeof(dest));
    ok(RtlCopySid(length - 1, &dest, &source) == STATUS_BUFFER_TOO_SMALL, "short buffer\n");
    ok(dest.Revision == 0xCC, "nothing written to a short buffer\n");
    ok(RtlCopySid(length, &dest, &source) == STATUS_SUCCESS, "exact buffer\n");
    ok(memcmp(&dest, &source, length) == 0, "copied\n");
    ok(((UCHAR *)&dest)[length] == 0xCC, "not a byte past the SID\n");
    ok(RtlValidSid(&dest) && RtlLengthSid(&dest) == length, "the copy is the same SID\n");
    memset(&dest, 0, sizeof(dest));
    ok(RtlCopySid(sizeof(dest), &dest, &source) == STATUS_SUCCESS && dest.SubAuthority[2] == 20,
       "larger buffer\n");
}
