/* ntddk.h - wdm.h plus the routines the WDK reserves for non-WDM (legacy) drivers. */
#ifndef _NTDDK_
#define _NTDDK_

#include <wdm.h>

#endif
