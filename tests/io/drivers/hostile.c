/* hostile.c - modules the loader must refuse, one per HOSTILE_* variant (tests/io/CMakeLists.txt
 * builds each outside the driver profile on purpose). None of them may run a line of its code:
 * each DriverEntry would report it by calling a C library routine drvhost does not offer. */
#include <stdlib.h>

typedef long NTSTATUS;

#ifdef HOSTILE_CONSTRUCTOR
/* A constructor would run inside dlopen, before DriverEntry. */
__attribute__((constructor)) static void hostile_constructor(void)
{
    abort();
}
#endif

NTSTATUS DriverEntry(void *driver, void *path)
{
    (void)driver;
    (void)path;
    /* system() is what a module with forged section headers hoped to reach. */
    return system("echo hostile module ran") == 0 ? 0 : 0;
}
