/*
 * prminterface.h - the direct-call interface to Platform Runtime Mechanism (PRM) handlers:
 * firmware routines a driver invokes by GUID through the pointers ExGetPrmInterface returns
 * (Microsoft's names and layouts).
 *
 * drvhost plays a machine whose firmware publishes no PRM module: ExGetPrmInterface(1) gives
 * the interface, QueryHandler finds no handler, and LockModule, UnlockModule and InvokeHandler
 * fail with STATUS_NOT_FOUND (docs/notify.md, "Platform Runtime Mechanism").
 */
#ifndef _PRMINTERFACE_H_
#define _PRMINTERFACE_H_

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A handler in a PRM module (firmware code). */
typedef NTSTATUS PRM_HANDLER_ROUTINE(PVOID ParameterBuffer, PVOID ContextBuffer);
typedef PRM_HANDLER_ROUTINE *PPRM_HANDLER_ROUTINE;

/* Reserved must be 0; EfiStatus receives the handler's EFI status. */
typedef NTSTATUS PRM_INVOKE_HANDLER(LPGUID HandlerGuid, PVOID ParameterBuffer, ULONG Reserved,
                                    PULONG64 EfiStatus);
typedef PRM_INVOKE_HANDLER *PPRM_INVOKE_HANDLER;
typedef NTSTATUS PRM_QUERY_HANDLER(LPGUID HandlerGuid, PBOOLEAN Found);
typedef PRM_QUERY_HANDLER *PPRM_QUERY_HANDLER;
/* Keep / release the module of a handler across a series of invocations. */
typedef NTSTATUS PRM_LOCK_MODULE(LPGUID HandlerGuid);
typedef PRM_LOCK_MODULE *PPRM_LOCK_MODULE;
typedef NTSTATUS PRM_UNLOCK_MODULE(LPGUID HandlerGuid);
typedef PRM_UNLOCK_MODULE *PPRM_UNLOCK_MODULE;

typedef struct _PRM_INTERFACE {
    ULONG Version;
    PPRM_UNLOCK_MODULE UnlockModule;
    PPRM_LOCK_MODULE LockModule;
    PPRM_INVOKE_HANDLER InvokeHandler;
    PPRM_QUERY_HANDLER QueryHandler;
} PRM_INTERFACE, *PPRM_INTERFACE;

/* Version 1: Windows 11, version 24H2. */
NTKERNELAPI NTSTATUS NTAPI ExGetPrmInterface(ULONG Version, PPRM_INTERFACE InterfaceOut);

#ifdef __cplusplus
}
#endif

#endif
