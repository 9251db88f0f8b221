/*
 * wdfresource.h - hardware resource lists (WDFCMRESLIST) as EvtDevicePrepareHardware and
 * EvtDeviceReleaseHardware receive them.
 */
#ifndef _WDFRESOURCE_H_
#define _WDFRESOURCE_H_

/* WdfCmResourceListInsertDescriptor's Index: after the last descriptor. */
#define WDF_INSERT_AT_END ((ULONG)-1)

typedef ULONG (*PFN_WDFCMRESOURCELISTGETCOUNT)(PWDF_DRIVER_GLOBALS, WDFCMRESLIST);
FORCEINLINE ULONG WdfCmResourceListGetCount(WDFCMRESLIST List)
{
    return ((PFN_WDFCMRESOURCELISTGETCOUNT)WdfFunctions[WdfCmResourceListGetCountTableIndex])(
        WdfDriverGlobals, List);
}

typedef PCM_PARTIAL_RESOURCE_DESCRIPTOR (*PFN_WDFCMRESOURCELISTGETDESCRIPTOR)(PWDF_DRIVER_GLOBALS,
                                                                              WDFCMRESLIST, ULONG);
FORCEINLINE PCM_PARTIAL_RESOURCE_DESCRIPTOR WdfCmResourceListGetDescriptor(WDFCMRESLIST List,
                                                                           ULONG Index)
{
    return (
        (PFN_WDFCMRESOURCELISTGETDESCRIPTOR)WdfFunctions[WdfCmResourceListGetDescriptorTableIndex])(
        WdfDriverGlobals, List, Index);
}

typedef NTSTATUS (*PFN_WDFCMRESOURCELISTAPPENDDESCRIPTOR)(PWDF_DRIVER_GLOBALS, WDFCMRESLIST,
                                                          PCM_PARTIAL_RESOURCE_DESCRIPTOR);
FORCEINLINE NTSTATUS WdfCmResourceListAppendDescriptor(WDFCMRESLIST List,
                                                       PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor)
{
    return ((PFN_WDFCMRESOURCELISTAPPENDDESCRIPTOR)
                WdfFunctions[WdfCmResourceListAppendDescriptorTableIndex])(WdfDriverGlobals, List,
                                                                           Descriptor);
}

typedef NTSTATUS (*PFN_WDFCMRESOURCELISTINSERTDESCRIPTOR)(PWDF_DRIVER_GLOBALS, WDFCMRESLIST,
                                                          PCM_PARTIAL_RESOURCE_DESCRIPTOR, ULONG);
FORCEINLINE NTSTATUS WdfCmResourceListInsertDescriptor(WDFCMRESLIST List,
                                                       PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor,
                                                       ULONG Index)
{
    return ((PFN_WDFCMRESOURCELISTINSERTDESCRIPTOR)
                WdfFunctions[WdfCmResourceListInsertDescriptorTableIndex])(WdfDriverGlobals, List,
                                                                           Descriptor, Index);
}

typedef VOID (*PFN_WDFCMRESOURCELISTREMOVE)(PWDF_DRIVER_GLOBALS, WDFCMRESLIST, ULONG);
FORCEINLINE VOID WdfCmResourceListRemove(WDFCMRESLIST List, ULONG Index)
{
    ((PFN_WDFCMRESOURCELISTREMOVE)WdfFunctions[WdfCmResourceListRemoveTableIndex])(WdfDriverGlobals,
                                                                                   List, Index);
}

typedef VOID (*PFN_WDFCMRESOURCELISTREMOVEBYDESCRIPTOR)(PWDF_DRIVER_GLOBALS, WDFCMRESLIST,
                                                        PCM_PARTIAL_RESOURCE_DESCRIPTOR);
FORCEINLINE VOID WdfCmResourceListRemoveByDescriptor(WDFCMRESLIST List,
                                                     PCM_PARTIAL_RESOURCE_DESCRIPTOR Descriptor)
{
    ((PFN_WDFCMRESOURCELISTREMOVEBYDESCRIPTOR)
         WdfFunctions[WdfCmResourceListRemoveByDescriptorTableIndex])(WdfDriverGlobals, List,
                                                                      Descriptor);
}

#endif
