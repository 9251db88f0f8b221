/*
 * stub_po.c - a stand-in for the PnP manager's pnp_run_exclusive until s5-pnp's PnP thread is
 * merged (the lead deletes this file then): runs fn in the caller's thread. The power manager's
 * tests call it from one thread at a time, so nothing else changes the tree meanwhile.
 */
#include "pnp/pnp.h"

NTSTATUS pnp_run_exclusive(NTSTATUS (*fn)(void *context), void *context)
{
    return fn(context);
}
