/*
 * wdfchildlist.h - dynamic enumeration: child lists of a bus driver's FDO, the child
 * identification and address descriptions, iteration and retrieval (Microsoft: "Dynamic
 * Enumeration", the wdfchildlist reference pages).
 */
#ifndef _WDFCHILDLIST_H_
#define _WDFCHILDLIST_H_

typedef enum _WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS {
    WdfChildListRetrieveDeviceUndefined = 0,
    WdfChildListRetrieveDeviceSuccess,
    WdfChildListRetrieveDeviceNotYetCreated,
    WdfChildListRetrieveDeviceNoSuchDevice,
} WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS, *PWDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS;

typedef enum _WDF_RETRIEVE_CHILD_FLAGS {
    WdfRetrieveUnspecified = 0x0000,
    WdfRetrievePresentChildren = 0x0001,
    WdfRetrieveMissingChildren = 0x0002,
    WdfRetrievePendingChildren = 0x0004,
    WdfRetrieveAddedChildren = (WdfRetrievePresentChildren | WdfRetrievePendingChildren),
    WdfRetrieveAllChildren =
        (WdfRetrievePresentChildren | WdfRetrievePendingChildren | WdfRetrieveMissingChildren),
} WDF_RETRIEVE_CHILD_FLAGS;

typedef struct _WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER {
    ULONG IdentificationDescriptionSize;
} WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER, *PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER;

FORCEINLINE VOID WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER_INIT(
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Header, ULONG IdentificationDescriptionSize)
{
    RtlZeroMemory(Header, IdentificationDescriptionSize);
    Header->IdentificationDescriptionSize = IdentificationDescriptionSize;
}

typedef struct _WDF_CHILD_ADDRESS_DESCRIPTION_HEADER {
    ULONG AddressDescriptionSize;
} WDF_CHILD_ADDRESS_DESCRIPTION_HEADER, *PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER;

FORCEINLINE VOID WDF_CHILD_ADDRESS_DESCRIPTION_HEADER_INIT(
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER Header, ULONG AddressDescriptionSize)
{
    RtlZeroMemory(Header, AddressDescriptionSize);
    Header->AddressDescriptionSize = AddressDescriptionSize;
}

typedef NTSTATUS EVT_WDF_CHILD_LIST_CREATE_DEVICE(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    PWDFDEVICE_INIT ChildInit);
typedef EVT_WDF_CHILD_LIST_CREATE_DEVICE *PFN_WDF_CHILD_LIST_CREATE_DEVICE;
typedef VOID EVT_WDF_CHILD_LIST_SCAN_FOR_CHILDREN(WDFCHILDLIST ChildList);
typedef EVT_WDF_CHILD_LIST_SCAN_FOR_CHILDREN *PFN_WDF_CHILD_LIST_SCAN_FOR_CHILDREN;
typedef VOID EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY(
    WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER SourceIdentificationDescription,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER DestinationIdentificationDescription);
typedef EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY
    *PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY;
typedef NTSTATUS EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE(
    WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER SourceIdentificationDescription,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER DestinationIdentificationDescription);
typedef EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE
    *PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE;
typedef BOOLEAN EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE(
    WDFCHILDLIST ChildList,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER FirstIdentificationDescription,
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER SecondIdentificationDescription);
typedef EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE
    *PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE;
typedef VOID EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription);
typedef EVT_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP
    *PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP;
typedef VOID EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY(
    WDFCHILDLIST ChildList, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER SourceAddressDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER DestinationAddressDescription);
typedef EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY *PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY;
typedef NTSTATUS EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE(
    WDFCHILDLIST ChildList, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER SourceAddressDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER DestinationAddressDescription);
typedef EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE
    *PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE;
typedef VOID EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP(
    WDFCHILDLIST ChildList, PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription);
typedef EVT_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP
    *PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP;
typedef BOOLEAN EVT_WDF_CHILD_LIST_DEVICE_REENUMERATED(
    WDFCHILDLIST ChildList, WDFDEVICE OldDevice,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER OldAddressDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER NewAddressDescription);
typedef EVT_WDF_CHILD_LIST_DEVICE_REENUMERATED *PFN_WDF_CHILD_LIST_DEVICE_REENUMERATED;

typedef struct _WDF_CHILD_RETRIEVE_INFO {
    ULONG Size;
    PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription;
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription;
    WDF_CHILD_LIST_RETRIEVE_DEVICE_STATUS Status;
    PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE
    EvtChildListIdentificationDescriptionCompare;
} WDF_CHILD_RETRIEVE_INFO, *PWDF_CHILD_RETRIEVE_INFO;

FORCEINLINE VOID
WDF_CHILD_RETRIEVE_INFO_INIT(PWDF_CHILD_RETRIEVE_INFO Info,
                             PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    RtlZeroMemory(Info, sizeof(WDF_CHILD_RETRIEVE_INFO));
    Info->Size = sizeof(WDF_CHILD_RETRIEVE_INFO);
    Info->IdentificationDescription = IdentificationDescription;
}

typedef struct _WDF_CHILD_LIST_CONFIG {
    ULONG Size;
    ULONG IdentificationDescriptionSize;
    ULONG AddressDescriptionSize;
    PFN_WDF_CHILD_LIST_CREATE_DEVICE EvtChildListCreateDevice;
    PFN_WDF_CHILD_LIST_SCAN_FOR_CHILDREN EvtChildListScanForChildren;
    PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COPY EvtChildListIdentificationDescriptionCopy;
    PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_DUPLICATE
    EvtChildListIdentificationDescriptionDuplicate;
    PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_CLEANUP
    EvtChildListIdentificationDescriptionCleanup;
    PFN_WDF_CHILD_LIST_IDENTIFICATION_DESCRIPTION_COMPARE
    EvtChildListIdentificationDescriptionCompare;
    PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_COPY EvtChildListAddressDescriptionCopy;
    PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_DUPLICATE EvtChildListAddressDescriptionDuplicate;
    PFN_WDF_CHILD_LIST_ADDRESS_DESCRIPTION_CLEANUP EvtChildListAddressDescriptionCleanup;
    PFN_WDF_CHILD_LIST_DEVICE_REENUMERATED EvtChildListDeviceReenumerated;
} WDF_CHILD_LIST_CONFIG, *PWDF_CHILD_LIST_CONFIG;

FORCEINLINE VOID
WDF_CHILD_LIST_CONFIG_INIT(PWDF_CHILD_LIST_CONFIG Config, ULONG IdentificationDescriptionSize,
                           PFN_WDF_CHILD_LIST_CREATE_DEVICE EvtChildListCreateDevice)
{
    RtlZeroMemory(Config, sizeof(WDF_CHILD_LIST_CONFIG));
    Config->Size = sizeof(WDF_CHILD_LIST_CONFIG);
    Config->IdentificationDescriptionSize = IdentificationDescriptionSize;
    Config->EvtChildListCreateDevice = EvtChildListCreateDevice;
}

typedef struct _WDF_CHILD_LIST_ITERATOR {
    ULONG Size;
    ULONG Flags;
    PVOID Reserved[4];
} WDF_CHILD_LIST_ITERATOR, *PWDF_CHILD_LIST_ITERATOR;

FORCEINLINE VOID WDF_CHILD_LIST_ITERATOR_INIT(PWDF_CHILD_LIST_ITERATOR Iterator, ULONG Flags)
{
    RtlZeroMemory(Iterator, sizeof(WDF_CHILD_LIST_ITERATOR));
    Iterator->Size = sizeof(WDF_CHILD_LIST_ITERATOR);
    Iterator->Flags = Flags;
}

#define WDF_CHILDLIST_CALL(Name, Ret, Params, ...)                                                 \
    ((Ret(*) Params)WdfFunctions[Name##TableIndex])(WdfDriverGlobals, __VA_ARGS__)

FORCEINLINE NTSTATUS WdfChildListCreate(WDFDEVICE Device, PWDF_CHILD_LIST_CONFIG Config,
                                        PWDF_OBJECT_ATTRIBUTES ChildListAttributes,
                                        WDFCHILDLIST *ChildList)
{
    return WDF_CHILDLIST_CALL(WdfChildListCreate, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_CHILD_LIST_CONFIG,
                               PWDF_OBJECT_ATTRIBUTES, WDFCHILDLIST *),
                              Device, Config, ChildListAttributes, ChildList);
}

FORCEINLINE WDFDEVICE WdfChildListGetDevice(WDFCHILDLIST ChildList)
{
    return WDF_CHILDLIST_CALL(WdfChildListGetDevice, WDFDEVICE, (PWDF_DRIVER_GLOBALS, WDFCHILDLIST),
                              ChildList);
}

FORCEINLINE WDFDEVICE WdfChildListRetrievePdo(WDFCHILDLIST ChildList,
                                              PWDF_CHILD_RETRIEVE_INFO RetrieveInfo)
{
    return WDF_CHILDLIST_CALL(WdfChildListRetrievePdo, WDFDEVICE,
                              (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_RETRIEVE_INFO),
                              ChildList, RetrieveInfo);
}

FORCEINLINE NTSTATUS WdfChildListRetrieveAddressDescription(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    return WDF_CHILDLIST_CALL(WdfChildListRetrieveAddressDescription, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFCHILDLIST,
                               PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
                               PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER),
                              ChildList, IdentificationDescription, AddressDescription);
}

FORCEINLINE VOID WdfChildListBeginScan(WDFCHILDLIST ChildList)
{
    WDF_CHILDLIST_CALL(WdfChildListBeginScan, VOID, (PWDF_DRIVER_GLOBALS, WDFCHILDLIST), ChildList);
}

FORCEINLINE VOID WdfChildListEndScan(WDFCHILDLIST ChildList)
{
    WDF_CHILDLIST_CALL(WdfChildListEndScan, VOID, (PWDF_DRIVER_GLOBALS, WDFCHILDLIST), ChildList);
}

FORCEINLINE VOID WdfChildListBeginIteration(WDFCHILDLIST ChildList,
                                            PWDF_CHILD_LIST_ITERATOR Iterator)
{
    WDF_CHILDLIST_CALL(WdfChildListBeginIteration, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_LIST_ITERATOR), ChildList,
                       Iterator);
}

FORCEINLINE NTSTATUS WdfChildListRetrieveNextDevice(WDFCHILDLIST ChildList,
                                                    PWDF_CHILD_LIST_ITERATOR Iterator,
                                                    WDFDEVICE *Device,
                                                    PWDF_CHILD_RETRIEVE_INFO Info)
{
    return WDF_CHILDLIST_CALL(WdfChildListRetrieveNextDevice, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_LIST_ITERATOR,
                               WDFDEVICE *, PWDF_CHILD_RETRIEVE_INFO),
                              ChildList, Iterator, Device, Info);
}

FORCEINLINE VOID WdfChildListEndIteration(WDFCHILDLIST ChildList, PWDF_CHILD_LIST_ITERATOR Iterator)
{
    WDF_CHILDLIST_CALL(WdfChildListEndIteration, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_LIST_ITERATOR), ChildList,
                       Iterator);
}

FORCEINLINE NTSTATUS WdfChildListAddOrUpdateChildDescriptionAsPresent(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription,
    PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER AddressDescription)
{
    return WDF_CHILDLIST_CALL(WdfChildListAddOrUpdateChildDescriptionAsPresent, NTSTATUS,
                              (PWDF_DRIVER_GLOBALS, WDFCHILDLIST,
                               PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER,
                               PWDF_CHILD_ADDRESS_DESCRIPTION_HEADER),
                              ChildList, IdentificationDescription, AddressDescription);
}

FORCEINLINE NTSTATUS WdfChildListUpdateChildDescriptionAsMissing(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    return WDF_CHILDLIST_CALL(
        WdfChildListUpdateChildDescriptionAsMissing, NTSTATUS,
        (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER),
        ChildList, IdentificationDescription);
}

FORCEINLINE VOID WdfChildListUpdateAllChildDescriptionsAsPresent(WDFCHILDLIST ChildList)
{
    WDF_CHILDLIST_CALL(WdfChildListUpdateAllChildDescriptionsAsPresent, VOID,
                       (PWDF_DRIVER_GLOBALS, WDFCHILDLIST), ChildList);
}

FORCEINLINE BOOLEAN WdfChildListRequestChildEject(
    WDFCHILDLIST ChildList, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER IdentificationDescription)
{
    return WDF_CHILDLIST_CALL(
        WdfChildListRequestChildEject, BOOLEAN,
        (PWDF_DRIVER_GLOBALS, WDFCHILDLIST, PWDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER),
        ChildList, IdentificationDescription);
}

#endif
