/*
 * prm.c - the Platform Runtime Mechanism direct-call interface (prminterface.h):
 * ExGetPrmInterface and the four routines its PRM_INTERFACE points to.
 *
 * drvhost plays a machine whose firmware publishes no PRM module (no PRMT table): the
 * interface exists, as on Windows 11 24H2, but no handler GUID names anything
 * (docs/notify.md, "Platform Runtime Mechanism"):
 *  - ExGetPrmInterface(1, out) fills the structure (Version 1 and the four routines);
 *  - QueryHandler answers STATUS_SUCCESS with *Found FALSE for every GUID;
 *  - LockModule, UnlockModule and InvokeHandler fail with STATUS_NOT_FOUND (no module holds
 *    the handler; the handler is never run, so *EfiStatus is left as it was).
 * Windows documents the failures only as "an appropriate error code": the statuses below
 * (STATUS_NOT_FOUND for an unknown handler, STATUS_INVALID_PARAMETER for a NULL pointer, a
 * Reserved that is not zero or an unknown Version) are drvhost's choice.
 *
 * No state: nothing to lock.
 */
#include "ex/ex_private.h"

#include <prminterface.h>

#include "vf/vf.h"

#define EX_PRM_VERSION 1

static NTSTATUS NTAPI ex_prm_unlock_module(LPGUID HandlerGuid)
{
    return HandlerGuid == NULL ? STATUS_INVALID_PARAMETER : STATUS_NOT_FOUND;
}

static NTSTATUS NTAPI ex_prm_lock_module(LPGUID HandlerGuid)
{
    return HandlerGuid == NULL ? STATUS_INVALID_PARAMETER : STATUS_NOT_FOUND;
}

static NTSTATUS NTAPI ex_prm_invoke_handler(LPGUID HandlerGuid, PVOID ParameterBuffer,
                                            ULONG Reserved, PULONG64 EfiStatus)
{
    UNREFERENCED_PARAMETER(ParameterBuffer); /* a handler's buffer; there is no handler */
    if (HandlerGuid == NULL || EfiStatus == NULL || Reserved != 0)
        return STATUS_INVALID_PARAMETER;
    return STATUS_NOT_FOUND;
}

static NTSTATUS NTAPI ex_prm_query_handler(LPGUID HandlerGuid, PBOOLEAN Found)
{
    if (HandlerGuid == NULL || Found == NULL)
        return STATUS_INVALID_PARAMETER;
    *Found = FALSE;
    return STATUS_SUCCESS;
}

/* PASSIVE_LEVEL only, as documented (the four routines may run at any IRQL). */
NTKERNELAPI NTSTATUS NTAPI ExGetPrmInterface(ULONG Version, PPRM_INTERFACE InterfaceOut)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "ExGetPrmInterface", InterfaceOut,
                          __builtin_return_address(0));
    if (InterfaceOut == NULL || Version != EX_PRM_VERSION)
        return STATUS_INVALID_PARAMETER;
    InterfaceOut->Version = EX_PRM_VERSION;
    InterfaceOut->UnlockModule = ex_prm_unlock_module;
    InterfaceOut->LockModule = ex_prm_lock_module;
    InterfaceOut->InvokeHandler = ex_prm_invoke_handler;
    InterfaceOut->QueryHandler = ex_prm_query_handler;
    return STATUS_SUCCESS;
}
