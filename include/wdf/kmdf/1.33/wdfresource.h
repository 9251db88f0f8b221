/*
 * wdfresource.h - hardware resource lists (WDFCMRESLIST) as EvtDevicePrepareHardware and
 * EvtDeviceReleaseHardware receive them.
 */
#ifndef _WDFRESOURCE_H_
#define _WDFRESOURCE_H_

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

#endif
