/* Local.h - included as "local.h" (another letter case than on disk). */
#ifndef PROJTEST_LOCAL_H
#define PROJTEST_LOCAL_H
#include "..\inc\projshared.h"

#ifdef __cplusplus
extern "C" {
#endif
/* helper.cpp: a C++ object built with placement new over a pool buffer. */
ULONG ProjCppValue(ULONG Seed);
/* Legacy.C: C compiled from an upper-case .C file. */
ULONG ProjLegacyTwice(ULONG Value);
#ifdef __cplusplus
}
#endif

#endif
