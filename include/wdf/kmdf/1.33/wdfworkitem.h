/*
 * wdfworkitem.h - framework work items: WDF_WORKITEM_CONFIG and the WdfWorkItem* routines.
 */
#ifndef _WDFWORKITEM_H_
#define _WDFWORKITEM_H_

typedef VOID EVT_WDF_WORKITEM(WDFWORKITEM WorkItem);
typedef EVT_WDF_WORKITEM *PFN_WDF_WORKITEM;

typedef struct _WDF_WORKITEM_CONFIG {
    ULONG Size;
    PFN_WDF_WORKITEM EvtWorkItemFunc;
    BOOLEAN AutomaticSerialization;
} WDF_WORKITEM_CONFIG, *PWDF_WORKITEM_CONFIG;

C_ASSERT(sizeof(WDF_WORKITEM_CONFIG) == 24);

FORCEINLINE VOID WDF_WORKITEM_CONFIG_INIT(PWDF_WORKITEM_CONFIG Config,
                                          PFN_WDF_WORKITEM EvtWorkItemFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_WORKITEM_CONFIG));
    Config->Size = sizeof(WDF_WORKITEM_CONFIG);
    Config->EvtWorkItemFunc = EvtWorkItemFunc;
    Config->AutomaticSerialization = TRUE;
}

typedef NTSTATUS (*PFN_WDFWORKITEMCREATE)(PWDF_DRIVER_GLOBALS, PWDF_WORKITEM_CONFIG,
                                          PWDF_OBJECT_ATTRIBUTES, WDFWORKITEM *);
FORCEINLINE NTSTATUS WdfWorkItemCreate(PWDF_WORKITEM_CONFIG Config,
                                       PWDF_OBJECT_ATTRIBUTES Attributes, WDFWORKITEM *WorkItem)
{
    return ((PFN_WDFWORKITEMCREATE)WdfFunctions[WdfWorkItemCreateTableIndex])(
        WdfDriverGlobals, Config, Attributes, WorkItem);
}

typedef VOID (*PFN_WDFWORKITEMENQUEUE)(PWDF_DRIVER_GLOBALS, WDFWORKITEM);
FORCEINLINE VOID WdfWorkItemEnqueue(WDFWORKITEM WorkItem)
{
    ((PFN_WDFWORKITEMENQUEUE)WdfFunctions[WdfWorkItemEnqueueTableIndex])(WdfDriverGlobals,
                                                                         WorkItem);
}

typedef WDFOBJECT (*PFN_WDFWORKITEMGETPARENTOBJECT)(PWDF_DRIVER_GLOBALS, WDFWORKITEM);
FORCEINLINE WDFOBJECT WdfWorkItemGetParentObject(WDFWORKITEM WorkItem)
{
    return ((PFN_WDFWORKITEMGETPARENTOBJECT)WdfFunctions[WdfWorkItemGetParentObjectTableIndex])(
        WdfDriverGlobals, WorkItem);
}

typedef VOID (*PFN_WDFWORKITEMFLUSH)(PWDF_DRIVER_GLOBALS, WDFWORKITEM);
FORCEINLINE VOID WdfWorkItemFlush(WDFWORKITEM WorkItem)
{
    ((PFN_WDFWORKITEMFLUSH)WdfFunctions[WdfWorkItemFlushTableIndex])(WdfDriverGlobals, WorkItem);
}

#endif
