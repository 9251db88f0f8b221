/*
 * debugger.c - drvhost_debugger: whether a kernel debugger is attached (ke/bugcheck.c acts on
 * it at each break instruction).
 */
#include "host/host.h"

#include "ke/ke.h"

int32_t drvhost_debugger(int mode)
{
    if (mode != DRVHOST_DEBUGGER_NONE && mode != DRVHOST_DEBUGGER_GO)
        return STATUS_INVALID_PARAMETER;
    ke_debugger_set(mode);
    return STATUS_SUCCESS;
}
