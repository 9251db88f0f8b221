/*
 * netioddk.h - the network module registrar's (NMR) definitions a network programming interface
 * (NPI) client names: the NPI identifier (Microsoft's names; netiodef.h's NPIID).
 *
 * drvhost subset: NPIID only. drvhost has no NMR; NmrRegisterClient and the other registration
 * routines are not declared.
 */
#ifndef _NETIODDK_
#define _NETIODDK_

#include <ntdef.h>
#include <guiddef.h>

typedef GUID NPIID;
typedef CONST NPIID *PNPIID;

#endif /* _NETIODDK_ */
