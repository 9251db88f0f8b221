/*
 * wdfdpc.h - framework DPC objects: WDF_DPC_CONFIG and the WdfDpc* routines.
 */
#ifndef _WDFDPC_H_
#define _WDFDPC_H_

typedef VOID EVT_WDF_DPC(WDFDPC Dpc);
typedef EVT_WDF_DPC *PFN_WDF_DPC;

typedef struct _WDF_DPC_CONFIG {
    ULONG Size;
    PFN_WDF_DPC EvtDpcFunc;
    BOOLEAN AutomaticSerialization;
} WDF_DPC_CONFIG, *PWDF_DPC_CONFIG;

C_ASSERT(sizeof(WDF_DPC_CONFIG) == 24);

FORCEINLINE VOID WDF_DPC_CONFIG_INIT(PWDF_DPC_CONFIG Config, PFN_WDF_DPC EvtDpcFunc)
{
    RtlZeroMemory(Config, sizeof(WDF_DPC_CONFIG));
    Config->Size = sizeof(WDF_DPC_CONFIG);
    Config->EvtDpcFunc = EvtDpcFunc;
    Config->AutomaticSerialization = TRUE;
}

typedef NTSTATUS (*PFN_WDFDPCCREATE)(PWDF_DRIVER_GLOBALS, PWDF_DPC_CONFIG, PWDF_OBJECT_ATTRIBUTES,
                                     WDFDPC *);
FORCEINLINE NTSTATUS WdfDpcCreate(PWDF_DPC_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes,
                                  WDFDPC *Dpc)
{
    return ((PFN_WDFDPCCREATE)WdfFunctions[WdfDpcCreateTableIndex])(WdfDriverGlobals, Config,
                                                                    Attributes, Dpc);
}

typedef BOOLEAN (*PFN_WDFDPCENQUEUE)(PWDF_DRIVER_GLOBALS, WDFDPC);
FORCEINLINE BOOLEAN WdfDpcEnqueue(WDFDPC Dpc)
{
    return ((PFN_WDFDPCENQUEUE)WdfFunctions[WdfDpcEnqueueTableIndex])(WdfDriverGlobals, Dpc);
}

typedef BOOLEAN (*PFN_WDFDPCCANCEL)(PWDF_DRIVER_GLOBALS, WDFDPC, BOOLEAN);
FORCEINLINE BOOLEAN WdfDpcCancel(WDFDPC Dpc, BOOLEAN Wait)
{
    return ((PFN_WDFDPCCANCEL)WdfFunctions[WdfDpcCancelTableIndex])(WdfDriverGlobals, Dpc, Wait);
}

typedef WDFOBJECT (*PFN_WDFDPCGETPARENTOBJECT)(PWDF_DRIVER_GLOBALS, WDFDPC);
FORCEINLINE WDFOBJECT WdfDpcGetParentObject(WDFDPC Dpc)
{
    return ((PFN_WDFDPCGETPARENTOBJECT)WdfFunctions[WdfDpcGetParentObjectTableIndex])(
        WdfDriverGlobals, Dpc);
}

typedef PKDPC (*PFN_WDFDPCWDMGETDPC)(PWDF_DRIVER_GLOBALS, WDFDPC);
FORCEINLINE PKDPC WdfDpcWdmGetDpc(WDFDPC Dpc)
{
    return ((PFN_WDFDPCWDMGETDPC)WdfFunctions[WdfDpcWdmGetDpcTableIndex])(WdfDriverGlobals, Dpc);
}

#endif
