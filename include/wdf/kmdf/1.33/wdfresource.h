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

/* ---- resource requirements lists (WDFIORESREQLIST) and their logical configurations
 * (WDFIORESLIST): EvtDeviceResourceRequirementsQuery, EvtDeviceFilter*ResourceRequirements ---- */

#define WDF_IORES_CALL(name, ret, types, ...)                                                      \
    ((ret(*) types)WdfFunctions[name##TableIndex])(WdfDriverGlobals, __VA_ARGS__)

FORCEINLINE VOID WdfIoResourceRequirementsListSetSlotNumber(WDFIORESREQLIST RequirementsList,
                                                            ULONG SlotNumber)
{
    WDF_IORES_CALL(WdfIoResourceRequirementsListSetSlotNumber, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, ULONG), RequirementsList, SlotNumber);
}

FORCEINLINE VOID WdfIoResourceRequirementsListSetInterfaceType(WDFIORESREQLIST RequirementsList,
                                                               INTERFACE_TYPE InterfaceType)
{
    WDF_IORES_CALL(WdfIoResourceRequirementsListSetInterfaceType, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, INTERFACE_TYPE), RequirementsList,
                   InterfaceType);
}

FORCEINLINE NTSTATUS WdfIoResourceRequirementsListAppendIoResList(WDFIORESREQLIST RequirementsList,
                                                                  WDFIORESLIST IoResList)
{
    return WDF_IORES_CALL(WdfIoResourceRequirementsListAppendIoResList, NTSTATUS,
                          (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, WDFIORESLIST), RequirementsList,
                          IoResList);
}

FORCEINLINE NTSTATUS WdfIoResourceRequirementsListInsertIoResList(WDFIORESREQLIST RequirementsList,
                                                                  WDFIORESLIST IoResList,
                                                                  ULONG Index)
{
    return WDF_IORES_CALL(WdfIoResourceRequirementsListInsertIoResList, NTSTATUS,
                          (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, WDFIORESLIST, ULONG),
                          RequirementsList, IoResList, Index);
}

FORCEINLINE ULONG WdfIoResourceRequirementsListGetCount(WDFIORESREQLIST RequirementsList)
{
    return WDF_IORES_CALL(WdfIoResourceRequirementsListGetCount, ULONG,
                          (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST), RequirementsList);
}

FORCEINLINE WDFIORESLIST WdfIoResourceRequirementsListGetIoResList(WDFIORESREQLIST RequirementsList,
                                                                   ULONG Index)
{
    return WDF_IORES_CALL(WdfIoResourceRequirementsListGetIoResList, WDFIORESLIST,
                          (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, ULONG), RequirementsList, Index);
}

FORCEINLINE VOID WdfIoResourceRequirementsListRemove(WDFIORESREQLIST RequirementsList, ULONG Index)
{
    WDF_IORES_CALL(WdfIoResourceRequirementsListRemove, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, ULONG), RequirementsList, Index);
}

FORCEINLINE VOID WdfIoResourceRequirementsListRemoveByIoResList(WDFIORESREQLIST RequirementsList,
                                                                WDFIORESLIST IoResList)
{
    WDF_IORES_CALL(WdfIoResourceRequirementsListRemoveByIoResList, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, WDFIORESLIST), RequirementsList,
                   IoResList);
}

FORCEINLINE NTSTATUS WdfIoResourceListCreate(WDFIORESREQLIST RequirementsList,
                                             PWDF_OBJECT_ATTRIBUTES Attributes,
                                             WDFIORESLIST *ResourceList)
{
    return WDF_IORES_CALL(
        WdfIoResourceListCreate, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFIORESREQLIST, PWDF_OBJECT_ATTRIBUTES, WDFIORESLIST *),
        RequirementsList, Attributes, ResourceList);
}

FORCEINLINE NTSTATUS WdfIoResourceListAppendDescriptor(WDFIORESLIST ResourceList,
                                                       PIO_RESOURCE_DESCRIPTOR Descriptor)
{
    return WDF_IORES_CALL(WdfIoResourceListAppendDescriptor, NTSTATUS,
                          (PWDF_DRIVER_GLOBALS, WDFIORESLIST, PIO_RESOURCE_DESCRIPTOR),
                          ResourceList, Descriptor);
}

FORCEINLINE NTSTATUS WdfIoResourceListInsertDescriptor(WDFIORESLIST ResourceList,
                                                       PIO_RESOURCE_DESCRIPTOR Descriptor,
                                                       ULONG Index)
{
    return WDF_IORES_CALL(WdfIoResourceListInsertDescriptor, NTSTATUS,
                          (PWDF_DRIVER_GLOBALS, WDFIORESLIST, PIO_RESOURCE_DESCRIPTOR, ULONG),
                          ResourceList, Descriptor, Index);
}

FORCEINLINE VOID WdfIoResourceListUpdateDescriptor(WDFIORESLIST ResourceList,
                                                   PIO_RESOURCE_DESCRIPTOR Descriptor, ULONG Index)
{
    WDF_IORES_CALL(WdfIoResourceListUpdateDescriptor, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESLIST, PIO_RESOURCE_DESCRIPTOR, ULONG),
                   ResourceList, Descriptor, Index);
}

FORCEINLINE ULONG WdfIoResourceListGetCount(WDFIORESLIST ResourceList)
{
    return WDF_IORES_CALL(WdfIoResourceListGetCount, ULONG, (PWDF_DRIVER_GLOBALS, WDFIORESLIST),
                          ResourceList);
}

FORCEINLINE PIO_RESOURCE_DESCRIPTOR WdfIoResourceListGetDescriptor(WDFIORESLIST ResourceList,
                                                                   ULONG Index)
{
    return WDF_IORES_CALL(WdfIoResourceListGetDescriptor, PIO_RESOURCE_DESCRIPTOR,
                          (PWDF_DRIVER_GLOBALS, WDFIORESLIST, ULONG), ResourceList, Index);
}

FORCEINLINE VOID WdfIoResourceListRemove(WDFIORESLIST ResourceList, ULONG Index)
{
    WDF_IORES_CALL(WdfIoResourceListRemove, VOID, (PWDF_DRIVER_GLOBALS, WDFIORESLIST, ULONG),
                   ResourceList, Index);
}

FORCEINLINE VOID WdfIoResourceListRemoveByDescriptor(WDFIORESLIST ResourceList,
                                                     PIO_RESOURCE_DESCRIPTOR Descriptor)
{
    WDF_IORES_CALL(WdfIoResourceListRemoveByDescriptor, VOID,
                   (PWDF_DRIVER_GLOBALS, WDFIORESLIST, PIO_RESOURCE_DESCRIPTOR), ResourceList,
                   Descriptor);
}

#endif
