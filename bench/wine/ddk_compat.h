/*
 * ddk_compat.h - force-included (-include) when bench/drivers/benchdrv.c is cross-compiled with
 * mingw-w64's DDK headers for the Wine comparison (scripts/bench-wine.sh). It pulls in the
 * same <ntddk.h> the driver includes (include guards make the driver's own #include a no-op)
 * and supplies the documented WDK names that mingw-w64's headers lack, so the driver source
 * builds unchanged. Not used by drvhost's own build.
 */
#ifndef BENCH_WINE_DDK_COMPAT_H
#define BENCH_WINE_DDK_COMPAT_H

#include <ntddk.h>

/* Pool type flag for no-execute allocations (Windows 8 and later; value from the WDK's
 * documentation of POOL_TYPE). mingw-w64 has NonPagedPoolNx but not this flag. */
#ifndef POOL_NX_ALLOCATION
#define POOL_NX_ALLOCATION 512
#endif

#endif
