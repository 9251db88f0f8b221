/*
 * version.c - PsGetVersion.
 *
 * drvhost reports Windows 10 version 2004 (10.0, build 19041), the oldest release whose
 * kernel interface the headers cover (push locks in wdm.h need 1809, the KMDF 1.33 framework
 * needs 2004), so a driver that checks the version takes its Windows 10 paths.
 */
#include "ps/ps.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

/* One version for the whole runtime: RtlGetVersion reports the same (src/rtl/rtl.h). */
#define PS_MAJOR_VERSION RTL_DRVHOST_MAJOR_VERSION
#define PS_MINOR_VERSION RTL_DRVHOST_MINOR_VERSION
#define PS_BUILD_NUMBER  RTL_DRVHOST_BUILD

/* Returns FALSE: a free (retail) build of the kernel, as every Windows 10 release is. There is
 * no service pack: CSDVersion, when given, receives an empty string (its buffer untouched but
 * NUL-terminated when there is room). */
NTKERNELAPI BOOLEAN NTAPI PsGetVersion(PULONG MajorVersion, PULONG MinorVersion, PULONG BuildNumber,
                                       PUNICODE_STRING CSDVersion)
{
    vf_check_ps_passive("PsGetVersion"); /* PASSIVE_LEVEL only: DDI compliance rule IrqlPsPassive */
    if (MajorVersion != NULL)
        *MajorVersion = PS_MAJOR_VERSION;
    if (MinorVersion != NULL)
        *MinorVersion = PS_MINOR_VERSION;
    if (BuildNumber != NULL)
        *BuildNumber = PS_BUILD_NUMBER;
    if (CSDVersion != NULL) {
        CSDVersion->Length = 0;
        if (CSDVersion->Buffer != NULL && CSDVersion->MaximumLength >= sizeof(WCHAR))
            CSDVersion->Buffer[0] = L'\0';
    }
    return FALSE;
}
