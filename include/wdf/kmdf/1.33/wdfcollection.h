/*
 * wdfcollection.h - framework collection objects (docs/wdf.md).
 */
#ifndef _WDFCOLLECTION_H_
#define _WDFCOLLECTION_H_

typedef NTSTATUS (*PFN_WDFCOLLECTIONCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES,
                                            WDFCOLLECTION *);
FORCEINLINE NTSTATUS WdfCollectionCreate(PWDF_OBJECT_ATTRIBUTES CollectionAttributes,
                                         WDFCOLLECTION *Collection)
{
    return ((PFN_WDFCOLLECTIONCREATE)WdfFunctions[WdfCollectionCreateTableIndex])(
        WdfDriverGlobals, CollectionAttributes, Collection);
}

typedef ULONG (*PFN_WDFCOLLECTIONGETCOUNT)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION);
FORCEINLINE ULONG WdfCollectionGetCount(WDFCOLLECTION Collection)
{
    return ((PFN_WDFCOLLECTIONGETCOUNT)WdfFunctions[WdfCollectionGetCountTableIndex])(
        WdfDriverGlobals, Collection);
}

typedef NTSTATUS (*PFN_WDFCOLLECTIONADD)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION, WDFOBJECT);
FORCEINLINE NTSTATUS WdfCollectionAdd(WDFCOLLECTION Collection, WDFOBJECT Object)
{
    return ((PFN_WDFCOLLECTIONADD)WdfFunctions[WdfCollectionAddTableIndex])(WdfDriverGlobals,
                                                                            Collection, Object);
}

typedef VOID (*PFN_WDFCOLLECTIONREMOVE)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION, WDFOBJECT);
FORCEINLINE VOID WdfCollectionRemove(WDFCOLLECTION Collection, WDFOBJECT Item)
{
    ((PFN_WDFCOLLECTIONREMOVE)WdfFunctions[WdfCollectionRemoveTableIndex])(WdfDriverGlobals,
                                                                           Collection, Item);
}

typedef VOID (*PFN_WDFCOLLECTIONREMOVEITEM)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION, ULONG);
FORCEINLINE VOID WdfCollectionRemoveItem(WDFCOLLECTION Collection, ULONG Index)
{
    ((PFN_WDFCOLLECTIONREMOVEITEM)WdfFunctions[WdfCollectionRemoveItemTableIndex])(
        WdfDriverGlobals, Collection, Index);
}

typedef WDFOBJECT (*PFN_WDFCOLLECTIONGETITEM)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION, ULONG);
FORCEINLINE WDFOBJECT WdfCollectionGetItem(WDFCOLLECTION Collection, ULONG Index)
{
    return ((PFN_WDFCOLLECTIONGETITEM)WdfFunctions[WdfCollectionGetItemTableIndex])(
        WdfDriverGlobals, Collection, Index);
}

typedef WDFOBJECT (*PFN_WDFCOLLECTIONGETFIRSTITEM)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION);
FORCEINLINE WDFOBJECT WdfCollectionGetFirstItem(WDFCOLLECTION Collection)
{
    return ((PFN_WDFCOLLECTIONGETFIRSTITEM)WdfFunctions[WdfCollectionGetFirstItemTableIndex])(
        WdfDriverGlobals, Collection);
}

typedef WDFOBJECT (*PFN_WDFCOLLECTIONGETLASTITEM)(PWDF_DRIVER_GLOBALS, WDFCOLLECTION);
FORCEINLINE WDFOBJECT WdfCollectionGetLastItem(WDFCOLLECTION Collection)
{
    return ((PFN_WDFCOLLECTIONGETLASTITEM)WdfFunctions[WdfCollectionGetLastItemTableIndex])(
        WdfDriverGlobals, Collection);
}

#endif
