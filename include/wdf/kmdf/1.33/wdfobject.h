/*
 * wdfobject.h - framework objects: WDF_OBJECT_ATTRIBUTES, context types and their
 * declaration macros, and the WdfObject* routines.
 */
#ifndef _WDFOBJECT_H_
#define _WDFOBJECT_H_

typedef enum _WDF_EXECUTION_LEVEL {
    WdfExecutionLevelInvalid = 0x00,
    WdfExecutionLevelInheritFromParent,
    WdfExecutionLevelPassive,
    WdfExecutionLevelDispatch,
} WDF_EXECUTION_LEVEL;

typedef enum _WDF_SYNCHRONIZATION_SCOPE {
    WdfSynchronizationScopeInvalid = 0x00,
    WdfSynchronizationScopeInheritFromParent,
    WdfSynchronizationScopeDevice,
    WdfSynchronizationScopeQueue,
    WdfSynchronizationScopeNone,
} WDF_SYNCHRONIZATION_SCOPE;

typedef VOID EVT_WDF_OBJECT_CONTEXT_CLEANUP(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP *PFN_WDF_OBJECT_CONTEXT_CLEANUP;
typedef VOID EVT_WDF_OBJECT_CONTEXT_DESTROY(WDFOBJECT Object);
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY *PFN_WDF_OBJECT_CONTEXT_DESTROY;

typedef const struct _WDF_OBJECT_CONTEXT_TYPE_INFO *PCWDF_OBJECT_CONTEXT_TYPE_INFO;
typedef PCWDF_OBJECT_CONTEXT_TYPE_INFO(__cdecl *PFN_GET_UNIQUE_CONTEXT_TYPE)(VOID);

typedef struct _WDF_OBJECT_ATTRIBUTES {
    ULONG Size;
    PFN_WDF_OBJECT_CONTEXT_CLEANUP EvtCleanupCallback;
    PFN_WDF_OBJECT_CONTEXT_DESTROY EvtDestroyCallback;
    WDF_EXECUTION_LEVEL ExecutionLevel;
    WDF_SYNCHRONIZATION_SCOPE SynchronizationScope;
    WDFOBJECT ParentObject;
    size_t ContextSizeOverride;
    PCWDF_OBJECT_CONTEXT_TYPE_INFO ContextTypeInfo;
} WDF_OBJECT_ATTRIBUTES, *PWDF_OBJECT_ATTRIBUTES;

C_ASSERT(FIELD_OFFSET(WDF_OBJECT_ATTRIBUTES, ExecutionLevel) == 24);
C_ASSERT(FIELD_OFFSET(WDF_OBJECT_ATTRIBUTES, ParentObject) == 32);
C_ASSERT(sizeof(WDF_OBJECT_ATTRIBUTES) == 56);

FORCEINLINE VOID WDF_OBJECT_ATTRIBUTES_INIT(PWDF_OBJECT_ATTRIBUTES Attributes)
{
    RtlZeroMemory(Attributes, sizeof(WDF_OBJECT_ATTRIBUTES));
    Attributes->Size = sizeof(WDF_OBJECT_ATTRIBUTES);
    Attributes->SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
    Attributes->ExecutionLevel = WdfExecutionLevelInheritFromParent;
}

#define WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype)                          \
    (_attributes)->ContextTypeInfo = WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType

#define WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(_attributes, _contexttype)                         \
    WDF_OBJECT_ATTRIBUTES_INIT(_attributes);                                                       \
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(_attributes, _contexttype)

typedef struct _WDF_OBJECT_CONTEXT_TYPE_INFO {
    ULONG Size;
    PCHAR ContextName;
    size_t ContextSize;
    /* The type info all declarations of one context type share: the one the framework
     * compares (WDF_DECLARE_CONTEXT_TYPE points it at itself). */
    PCWDF_OBJECT_CONTEXT_TYPE_INFO UniqueType;
    PFN_GET_UNIQUE_CONTEXT_TYPE EvtDriverGetUniqueContextType;
} WDF_OBJECT_CONTEXT_TYPE_INFO, *PWDF_OBJECT_CONTEXT_TYPE_INFO;

C_ASSERT(FIELD_OFFSET(WDF_OBJECT_CONTEXT_TYPE_INFO, UniqueType) == 24);
C_ASSERT(sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO) == 40);

#define WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) _WDF_##_contexttype##_TYPE_INFO
#define WDF_TYPE_NAME_POINTER_TYPE(_contexttype) WDF_POINTER_TYPE_##_contexttype
#define WDF_GET_CONTEXT_TYPE_INFO(_contexttype)  (&WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype))

#define WDF_DECLARE_TYPE_AND_GLOBALS(_contexttype, _UniqueType, _GetUniqueType)                    \
    typedef _contexttype *WDF_TYPE_NAME_POINTER_TYPE(_contexttype);                                \
    WDF_DRVHOST_CXX_EXTERN DECLSPEC_SELECTANY const WDF_OBJECT_CONTEXT_TYPE_INFO                   \
    WDF_TYPE_NAME_TO_TYPE_INFO(_contexttype) = {sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO),              \
                                                (PCHAR) #_contexttype, sizeof(_contexttype),       \
                                                _UniqueType, _GetUniqueType}

#define WDF_DECLARE_CASTING_FUNCTION(_contexttype, _castingfunction)                               \
    __drv_aliasesMem FORCEINLINE WDF_TYPE_NAME_POINTER_TYPE(_contexttype)                          \
        _castingfunction(WDFOBJECT Handle)                                                         \
    {                                                                                              \
        return (WDF_TYPE_NAME_POINTER_TYPE(_contexttype))WdfObjectGetTypedContextWorker(           \
            Handle, WDF_GET_CONTEXT_TYPE_INFO(_contexttype)->UniqueType);                          \
    }

#define WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, _castingfunction)                         \
    WDF_DECLARE_TYPE_AND_GLOBALS(_contexttype, WDF_GET_CONTEXT_TYPE_INFO(_contexttype), NULL);     \
    WDF_DECLARE_CASTING_FUNCTION(_contexttype, _castingfunction)

#define WDF_DECLARE_CONTEXT_TYPE(_contexttype)                                                     \
    WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(_contexttype, WdfObjectGet_##_contexttype)

#define WdfObjectGetTypedContext(handle, type)                                                     \
    ((WDF_TYPE_NAME_POINTER_TYPE(type))WdfObjectGetTypedContextWorker(                             \
        (WDFOBJECT)handle, WDF_GET_CONTEXT_TYPE_INFO(type)->UniqueType))

/* ---- routines ------------------------------------------------------------------------------ */

typedef PVOID (*PFN_WDFOBJECTGETTYPEDCONTEXTWORKER)(PWDF_DRIVER_GLOBALS, WDFOBJECT,
                                                    PCWDF_OBJECT_CONTEXT_TYPE_INFO);
FORCEINLINE PVOID WdfObjectGetTypedContextWorker(WDFOBJECT Handle,
                                                 PCWDF_OBJECT_CONTEXT_TYPE_INFO TypeInfo)
{
    return (
        (PFN_WDFOBJECTGETTYPEDCONTEXTWORKER)WdfFunctions[WdfObjectGetTypedContextWorkerTableIndex])(
        WdfDriverGlobals, Handle, TypeInfo);
}

typedef NTSTATUS (*PFN_WDFOBJECTALLOCATECONTEXT)(PWDF_DRIVER_GLOBALS, WDFOBJECT,
                                                 PWDF_OBJECT_ATTRIBUTES, PVOID *);
FORCEINLINE NTSTATUS WdfObjectAllocateContext(WDFOBJECT Handle,
                                              PWDF_OBJECT_ATTRIBUTES ContextAttributes,
                                              PVOID *Context)
{
    return ((PFN_WDFOBJECTALLOCATECONTEXT)WdfFunctions[WdfObjectAllocateContextTableIndex])(
        WdfDriverGlobals, Handle, ContextAttributes, Context);
}

typedef WDFOBJECT (*PFN_WDFOBJECTCONTEXTGETOBJECT)(PWDF_DRIVER_GLOBALS, PVOID);
FORCEINLINE WDFOBJECT WdfObjectContextGetObject(PVOID ContextPointer)
{
    return ((PFN_WDFOBJECTCONTEXTGETOBJECT)WdfFunctions[WdfObjectContextGetObjectTableIndex])(
        WdfDriverGlobals, ContextPointer);
}

typedef VOID (*PFN_WDFOBJECTREFERENCEACTUAL)(PWDF_DRIVER_GLOBALS, WDFOBJECT, PVOID, LONG, PCHAR);
FORCEINLINE VOID WdfObjectReferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCHAR File)
{
    ((PFN_WDFOBJECTREFERENCEACTUAL)WdfFunctions[WdfObjectReferenceActualTableIndex])(
        WdfDriverGlobals, Handle, Tag, Line, File);
}

typedef VOID (*PFN_WDFOBJECTDEREFERENCEACTUAL)(PWDF_DRIVER_GLOBALS, WDFOBJECT, PVOID, LONG, PCHAR);
FORCEINLINE VOID WdfObjectDereferenceActual(WDFOBJECT Handle, PVOID Tag, LONG Line, PCHAR File)
{
    ((PFN_WDFOBJECTDEREFERENCEACTUAL)WdfFunctions[WdfObjectDereferenceActualTableIndex])(
        WdfDriverGlobals, Handle, Tag, Line, File);
}

#define WdfObjectReference(Handle) WdfObjectReferenceWithTag(Handle, NULL)
#define WdfObjectReferenceWithTag(Handle, Tag)                                                     \
    WdfObjectReferenceActual(Handle, Tag, __LINE__, (PCHAR)__FILE__)
#define WdfObjectDereference(Handle) WdfObjectDereferenceWithTag(Handle, NULL)
#define WdfObjectDereferenceWithTag(Handle, Tag)                                                   \
    WdfObjectDereferenceActual(Handle, Tag, __LINE__, (PCHAR)__FILE__)

typedef NTSTATUS (*PFN_WDFOBJECTCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES, WDFOBJECT *);
FORCEINLINE NTSTATUS WdfObjectCreate(PWDF_OBJECT_ATTRIBUTES Attributes, WDFOBJECT *Object)
{
    return ((PFN_WDFOBJECTCREATE)WdfFunctions[WdfObjectCreateTableIndex])(WdfDriverGlobals,
                                                                          Attributes, Object);
}

typedef VOID (*PFN_WDFOBJECTDELETE)(PWDF_DRIVER_GLOBALS, WDFOBJECT);
FORCEINLINE VOID WdfObjectDelete(WDFOBJECT Object)
{
    ((PFN_WDFOBJECTDELETE)WdfFunctions[WdfObjectDeleteTableIndex])(WdfDriverGlobals, Object);
}

typedef VOID (*PFN_WDFOBJECTACQUIRELOCK)(PWDF_DRIVER_GLOBALS, WDFOBJECT);
FORCEINLINE VOID WdfObjectAcquireLock(WDFOBJECT Object)
{
    ((PFN_WDFOBJECTACQUIRELOCK)WdfFunctions[WdfObjectAcquireLockTableIndex])(WdfDriverGlobals,
                                                                             Object);
}

typedef VOID (*PFN_WDFOBJECTRELEASELOCK)(PWDF_DRIVER_GLOBALS, WDFOBJECT);
FORCEINLINE VOID WdfObjectReleaseLock(WDFOBJECT Object)
{
    ((PFN_WDFOBJECTRELEASELOCK)WdfFunctions[WdfObjectReleaseLockTableIndex])(WdfDriverGlobals,
                                                                             Object);
}

/* Microsoft: "not implemented" (src/wdf/reserved.c). */
typedef NTSTATUS (*PFN_WDFOBJECTQUERY)(PWDF_DRIVER_GLOBALS, WDFOBJECT, CONST GUID *, ULONG, PVOID);
FORCEINLINE NTSTATUS WdfObjectQuery(WDFOBJECT Object, CONST GUID *Guid, ULONG QueryBufferLength,
                                    PVOID QueryBuffer)
{
    return ((PFN_WDFOBJECTQUERY)WdfFunctions[WdfObjectQueryTableIndex])(
        WdfDriverGlobals, Object, Guid, QueryBufferLength, QueryBuffer);
}

#endif
