/*
 * wdfregistry.h - framework registry-key objects (docs/wdf.md).
 */
#ifndef _WDFREGISTRY_H_
#define _WDFREGISTRY_H_

typedef NTSTATUS (*PFN_WDFREGISTRYOPENKEY)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                           ACCESS_MASK, PWDF_OBJECT_ATTRIBUTES, WDFKEY *);
FORCEINLINE NTSTATUS WdfRegistryOpenKey(WDFKEY ParentKey, PCUNICODE_STRING KeyName,
                                        ACCESS_MASK DesiredAccess,
                                        PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return ((PFN_WDFREGISTRYOPENKEY)WdfFunctions[WdfRegistryOpenKeyTableIndex])(
        WdfDriverGlobals, ParentKey, KeyName, DesiredAccess, KeyAttributes, Key);
}

typedef NTSTATUS (*PFN_WDFREGISTRYCREATEKEY)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                             ACCESS_MASK, ULONG, PULONG, PWDF_OBJECT_ATTRIBUTES,
                                             WDFKEY *);
FORCEINLINE NTSTATUS WdfRegistryCreateKey(WDFKEY ParentKey, PCUNICODE_STRING KeyName,
                                          ACCESS_MASK DesiredAccess, ULONG CreateOptions,
                                          PULONG CreateDisposition,
                                          PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    return ((PFN_WDFREGISTRYCREATEKEY)WdfFunctions[WdfRegistryCreateKeyTableIndex])(
        WdfDriverGlobals, ParentKey, KeyName, DesiredAccess, CreateOptions, CreateDisposition,
        KeyAttributes, Key);
}

typedef VOID (*PFN_WDFREGISTRYCLOSE)(PWDF_DRIVER_GLOBALS, WDFKEY);
FORCEINLINE VOID WdfRegistryClose(WDFKEY Key)
{
    ((PFN_WDFREGISTRYCLOSE)WdfFunctions[WdfRegistryCloseTableIndex])(WdfDriverGlobals, Key);
}

typedef HANDLE (*PFN_WDFREGISTRYWDMGETHANDLE)(PWDF_DRIVER_GLOBALS, WDFKEY);
FORCEINLINE HANDLE WdfRegistryWdmGetHandle(WDFKEY Key)
{
    return ((PFN_WDFREGISTRYWDMGETHANDLE)WdfFunctions[WdfRegistryWdmGetHandleTableIndex])(
        WdfDriverGlobals, Key);
}

typedef NTSTATUS (*PFN_WDFREGISTRYREMOVEKEY)(PWDF_DRIVER_GLOBALS, WDFKEY);
FORCEINLINE NTSTATUS WdfRegistryRemoveKey(WDFKEY Key)
{
    return ((PFN_WDFREGISTRYREMOVEKEY)WdfFunctions[WdfRegistryRemoveKeyTableIndex])(
        WdfDriverGlobals, Key);
}

typedef NTSTATUS (*PFN_WDFREGISTRYREMOVEVALUE)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfRegistryRemoveValue(WDFKEY Key, PCUNICODE_STRING ValueName)
{
    return ((PFN_WDFREGISTRYREMOVEVALUE)WdfFunctions[WdfRegistryRemoveValueTableIndex])(
        WdfDriverGlobals, Key, ValueName);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYVALUE)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING, ULONG,
                                              PVOID, PULONG, PULONG);
FORCEINLINE NTSTATUS WdfRegistryQueryValue(WDFKEY Key, PCUNICODE_STRING ValueName,
                                           ULONG ValueLength, PVOID Value,
                                           PULONG ValueLengthQueried, PULONG ValueType)
{
    return ((PFN_WDFREGISTRYQUERYVALUE)WdfFunctions[WdfRegistryQueryValueTableIndex])(
        WdfDriverGlobals, Key, ValueName, ValueLength, Value, ValueLengthQueried, ValueType);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYMEMORY)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                               POOL_TYPE, PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *,
                                               PULONG);
FORCEINLINE NTSTATUS WdfRegistryQueryMemory(WDFKEY Key, PCUNICODE_STRING ValueName,
                                            POOL_TYPE PoolType,
                                            PWDF_OBJECT_ATTRIBUTES MemoryAttributes,
                                            WDFMEMORY *Memory, PULONG ValueType)
{
    return ((PFN_WDFREGISTRYQUERYMEMORY)WdfFunctions[WdfRegistryQueryMemoryTableIndex])(
        WdfDriverGlobals, Key, ValueName, PoolType, MemoryAttributes, Memory, ValueType);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYMULTISTRING)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                                    PWDF_OBJECT_ATTRIBUTES, WDFCOLLECTION);
FORCEINLINE NTSTATUS WdfRegistryQueryMultiString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                                 PWDF_OBJECT_ATTRIBUTES StringsAttributes,
                                                 WDFCOLLECTION Collection)
{
    return ((PFN_WDFREGISTRYQUERYMULTISTRING)WdfFunctions[WdfRegistryQueryMultiStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, StringsAttributes, Collection);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYUNICODESTRING)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                                      PUSHORT, PUNICODE_STRING);
FORCEINLINE NTSTATUS WdfRegistryQueryUnicodeString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                                   PUSHORT ValueByteLength, PUNICODE_STRING Value)
{
    return (
        (PFN_WDFREGISTRYQUERYUNICODESTRING)WdfFunctions[WdfRegistryQueryUnicodeStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, ValueByteLength, Value);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYSTRING)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                               WDFSTRING);
FORCEINLINE NTSTATUS WdfRegistryQueryString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                            WDFSTRING String)
{
    return ((PFN_WDFREGISTRYQUERYSTRING)WdfFunctions[WdfRegistryQueryStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, String);
}

typedef NTSTATUS (*PFN_WDFREGISTRYQUERYULONG)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                              PULONG);
FORCEINLINE NTSTATUS WdfRegistryQueryULong(WDFKEY Key, PCUNICODE_STRING ValueName, PULONG Value)
{
    return ((PFN_WDFREGISTRYQUERYULONG)WdfFunctions[WdfRegistryQueryULongTableIndex])(
        WdfDriverGlobals, Key, ValueName, Value);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNVALUE)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING, ULONG,
                                               ULONG, PVOID);
FORCEINLINE NTSTATUS WdfRegistryAssignValue(WDFKEY Key, PCUNICODE_STRING ValueName, ULONG ValueType,
                                            ULONG ValueLength, PVOID Value)
{
    return ((PFN_WDFREGISTRYASSIGNVALUE)WdfFunctions[WdfRegistryAssignValueTableIndex])(
        WdfDriverGlobals, Key, ValueName, ValueType, ValueLength, Value);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNMEMORY)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                                ULONG, WDFMEMORY, PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfRegistryAssignMemory(WDFKEY Key, PCUNICODE_STRING ValueName,
                                             ULONG ValueType, WDFMEMORY Memory,
                                             PWDFMEMORY_OFFSET MemoryOffsets)
{
    return ((PFN_WDFREGISTRYASSIGNMEMORY)WdfFunctions[WdfRegistryAssignMemoryTableIndex])(
        WdfDriverGlobals, Key, ValueName, ValueType, Memory, MemoryOffsets);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNMULTISTRING)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                                     WDFCOLLECTION);
FORCEINLINE NTSTATUS WdfRegistryAssignMultiString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                                  WDFCOLLECTION StringsCollection)
{
    return ((PFN_WDFREGISTRYASSIGNMULTISTRING)WdfFunctions[WdfRegistryAssignMultiStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, StringsCollection);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNUNICODESTRING)(PWDF_DRIVER_GLOBALS, WDFKEY,
                                                       PCUNICODE_STRING, PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfRegistryAssignUnicodeString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                                    PCUNICODE_STRING Value)
{
    return (
        (PFN_WDFREGISTRYASSIGNUNICODESTRING)WdfFunctions[WdfRegistryAssignUnicodeStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, Value);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNSTRING)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                                WDFSTRING);
FORCEINLINE NTSTATUS WdfRegistryAssignString(WDFKEY Key, PCUNICODE_STRING ValueName,
                                             WDFSTRING String)
{
    return ((PFN_WDFREGISTRYASSIGNSTRING)WdfFunctions[WdfRegistryAssignStringTableIndex])(
        WdfDriverGlobals, Key, ValueName, String);
}

typedef NTSTATUS (*PFN_WDFREGISTRYASSIGNULONG)(PWDF_DRIVER_GLOBALS, WDFKEY, PCUNICODE_STRING,
                                               ULONG);
FORCEINLINE NTSTATUS WdfRegistryAssignULong(WDFKEY Key, PCUNICODE_STRING ValueName, ULONG Value)
{
    return ((PFN_WDFREGISTRYASSIGNULONG)WdfFunctions[WdfRegistryAssignULongTableIndex])(
        WdfDriverGlobals, Key, ValueName, Value);
}

#endif
