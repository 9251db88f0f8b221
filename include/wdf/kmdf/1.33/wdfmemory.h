/*
 * wdfmemory.h - framework memory objects and lookaside lists (docs/wdf.md).
 */
#ifndef _WDFMEMORY_H_
#define _WDFMEMORY_H_

typedef struct _WDFMEMORY_OFFSET {
    size_t BufferOffset;
    size_t BufferLength;
} WDFMEMORY_OFFSET, *PWDFMEMORY_OFFSET;

/* WDF_MEMORY_DESCRIPTOR: a buffer given to the I/O target routines as a pointer, an MDL or a
 * framework memory object (with an optional offset and length inside it). */
typedef enum _WDF_MEMORY_DESCRIPTOR_TYPE {
    WdfMemoryDescriptorTypeInvalid = 0,
    WdfMemoryDescriptorTypeBuffer,
    WdfMemoryDescriptorTypeMdl,
    WdfMemoryDescriptorTypeHandle,
} WDF_MEMORY_DESCRIPTOR_TYPE;

typedef struct _WDF_MEMORY_DESCRIPTOR {
    WDF_MEMORY_DESCRIPTOR_TYPE Type;
    union {
        struct {
            PVOID Buffer;
            ULONG Length;
        } BufferType;
        struct {
            PMDL Mdl;
            ULONG BufferLength;
        } MdlType;
        struct {
            WDFMEMORY Memory;
            PWDFMEMORY_OFFSET Offsets;
        } HandleType;
    } u;
} WDF_MEMORY_DESCRIPTOR, *PWDF_MEMORY_DESCRIPTOR;

FORCEINLINE VOID WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(PWDF_MEMORY_DESCRIPTOR Descriptor, PVOID Buffer,
                                                   ULONG BufferLength)
{
    RtlZeroMemory(Descriptor, sizeof(WDF_MEMORY_DESCRIPTOR));
    Descriptor->Type = WdfMemoryDescriptorTypeBuffer;
    Descriptor->u.BufferType.Buffer = Buffer;
    Descriptor->u.BufferType.Length = BufferLength;
}

FORCEINLINE VOID WDF_MEMORY_DESCRIPTOR_INIT_HANDLE(PWDF_MEMORY_DESCRIPTOR Descriptor,
                                                   WDFMEMORY Memory, PWDFMEMORY_OFFSET Offsets)
{
    RtlZeroMemory(Descriptor, sizeof(WDF_MEMORY_DESCRIPTOR));
    Descriptor->Type = WdfMemoryDescriptorTypeHandle;
    Descriptor->u.HandleType.Memory = Memory;
    Descriptor->u.HandleType.Offsets = Offsets;
}

FORCEINLINE VOID WDF_MEMORY_DESCRIPTOR_INIT_MDL(PWDF_MEMORY_DESCRIPTOR Descriptor, PMDL Mdl,
                                                ULONG BufferLength)
{
    RtlZeroMemory(Descriptor, sizeof(WDF_MEMORY_DESCRIPTOR));
    Descriptor->Type = WdfMemoryDescriptorTypeMdl;
    Descriptor->u.MdlType.Mdl = Mdl;
    Descriptor->u.MdlType.BufferLength = BufferLength;
}

typedef NTSTATUS (*PFN_WDFMEMORYCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES, POOL_TYPE,
                                        ULONG, size_t, WDFMEMORY *, PVOID *);
FORCEINLINE NTSTATUS WdfMemoryCreate(PWDF_OBJECT_ATTRIBUTES Attributes, POOL_TYPE PoolType,
                                     ULONG PoolTag, size_t BufferSize, WDFMEMORY *Memory,
                                     PVOID *Buffer)
{
    return ((PFN_WDFMEMORYCREATE)WdfFunctions[WdfMemoryCreateTableIndex])(
        WdfDriverGlobals, Attributes, PoolType, PoolTag, BufferSize, Memory, Buffer);
}

typedef PVOID (*PFN_WDFMEMORYGETBUFFER)(PWDF_DRIVER_GLOBALS, WDFMEMORY, size_t *);
FORCEINLINE PVOID WdfMemoryGetBuffer(WDFMEMORY Memory, size_t *BufferSize)
{
    return ((PFN_WDFMEMORYGETBUFFER)WdfFunctions[WdfMemoryGetBufferTableIndex])(WdfDriverGlobals,
                                                                                Memory, BufferSize);
}

typedef NTSTATUS (*PFN_WDFMEMORYCREATEPREALLOCATED)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES,
                                                    PVOID, size_t, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfMemoryCreatePreallocated(PWDF_OBJECT_ATTRIBUTES Attributes, PVOID Buffer,
                                                 size_t BufferSize, WDFMEMORY *Memory)
{
    return ((PFN_WDFMEMORYCREATEPREALLOCATED)WdfFunctions[WdfMemoryCreatePreallocatedTableIndex])(
        WdfDriverGlobals, Attributes, Buffer, BufferSize, Memory);
}

typedef NTSTATUS (*PFN_WDFMEMORYASSIGNBUFFER)(PWDF_DRIVER_GLOBALS, WDFMEMORY, PVOID, size_t);
FORCEINLINE NTSTATUS WdfMemoryAssignBuffer(WDFMEMORY Memory, PVOID Buffer, size_t BufferSize)
{
    return ((PFN_WDFMEMORYASSIGNBUFFER)WdfFunctions[WdfMemoryAssignBufferTableIndex])(
        WdfDriverGlobals, Memory, Buffer, BufferSize);
}

typedef NTSTATUS (*PFN_WDFMEMORYCOPYTOBUFFER)(PWDF_DRIVER_GLOBALS, WDFMEMORY, size_t, PVOID,
                                              size_t);
FORCEINLINE NTSTATUS WdfMemoryCopyToBuffer(WDFMEMORY SourceMemory, size_t SourceOffset,
                                           PVOID Buffer, size_t NumBytesToCopyTo)
{
    return ((PFN_WDFMEMORYCOPYTOBUFFER)WdfFunctions[WdfMemoryCopyToBufferTableIndex])(
        WdfDriverGlobals, SourceMemory, SourceOffset, Buffer, NumBytesToCopyTo);
}

typedef NTSTATUS (*PFN_WDFMEMORYCOPYFROMBUFFER)(PWDF_DRIVER_GLOBALS, WDFMEMORY, size_t, PVOID,
                                                size_t);
FORCEINLINE NTSTATUS WdfMemoryCopyFromBuffer(WDFMEMORY DestinationMemory, size_t DestinationOffset,
                                             PVOID Buffer, size_t NumBytesToCopyFrom)
{
    return ((PFN_WDFMEMORYCOPYFROMBUFFER)WdfFunctions[WdfMemoryCopyFromBufferTableIndex])(
        WdfDriverGlobals, DestinationMemory, DestinationOffset, Buffer, NumBytesToCopyFrom);
}

typedef NTSTATUS (*PFN_WDFLOOKASIDELISTCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES, size_t,
                                               POOL_TYPE, PWDF_OBJECT_ATTRIBUTES, ULONG,
                                               WDFLOOKASIDE *);
FORCEINLINE NTSTATUS WdfLookasideListCreate(PWDF_OBJECT_ATTRIBUTES LookasideAttributes,
                                            size_t BufferSize, POOL_TYPE PoolType,
                                            PWDF_OBJECT_ATTRIBUTES MemoryAttributes, ULONG PoolTag,
                                            WDFLOOKASIDE *Lookaside)
{
    return ((PFN_WDFLOOKASIDELISTCREATE)WdfFunctions[WdfLookasideListCreateTableIndex])(
        WdfDriverGlobals, LookasideAttributes, BufferSize, PoolType, MemoryAttributes, PoolTag,
        Lookaside);
}

typedef NTSTATUS (*PFN_WDFMEMORYCREATEFROMLOOKASIDE)(PWDF_DRIVER_GLOBALS, WDFLOOKASIDE,
                                                     WDFMEMORY *);
FORCEINLINE NTSTATUS WdfMemoryCreateFromLookaside(WDFLOOKASIDE Lookaside, WDFMEMORY *Memory)
{
    return ((PFN_WDFMEMORYCREATEFROMLOOKASIDE)WdfFunctions[WdfMemoryCreateFromLookasideTableIndex])(
        WdfDriverGlobals, Lookaside, Memory);
}

#endif
