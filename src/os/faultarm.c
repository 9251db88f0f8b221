/*
 * faultarm.c - drvhost_fault_arm, the one exported entry of fault injection (faultinject.c;
 * builds other than Release only). A file of its own so that a white-box test, which takes
 * faultinject.c's hidden functions from the internal archive, does not also get a copy of this
 * exported one: it must arm the runtime's own state, in libdrvhost.so.
 */
#include "os/os_private.h"

#ifdef DRVHOST_FAULT_INJECTION

void drvhost_fault_arm(enum os_inject_kind kind, unsigned n, uint32_t tag)
{
    os_inject_arm(kind, n, tag);
}

#endif
