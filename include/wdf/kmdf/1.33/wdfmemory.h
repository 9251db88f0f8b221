/*
 * wdfmemory.h - framework memory objects (declared; not implemented yet: each routine is the
 * framework's bug check 0x10D naming it, see docs/wdf.md).
 */
#ifndef _WDFMEMORY_H_
#define _WDFMEMORY_H_

typedef struct _WDFMEMORY_OFFSET {
    size_t BufferOffset;
    size_t BufferLength;
} WDFMEMORY_OFFSET, *PWDFMEMORY_OFFSET;

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

#endif
