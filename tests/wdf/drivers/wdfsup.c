/*
 * wdfsup.c - a framework (KMDF) non-PnP driver that exercises the support objects as a driver
 * written against the KMDF 1.33 documentation would: memory objects (WdfMemoryCreate,
 * preallocated, copies, the request's buffers), lookaside lists, collections, strings and
 * registry keys. Each group of checks runs on IOCTL_S_RUN and reports how many checks held;
 * every expected value is the documented behaviour. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>

#include "wdfsup.h"

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL WdfSupDeviceControl;

typedef struct _TAG_CONTEXT {
    ULONG Tag;
} TAG_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(TAG_CONTEXT, TagGetContext)

static WDFSUP_RESULT *g_result;
static LONG g_cleanups, g_destroys;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        g_result->Checks++;                                                                        \
        if (!(cond)) {                                                                             \
            g_result->Failed++;                                                                    \
            if (g_result->FirstLine == 0)                                                          \
                g_result->FirstLine = __LINE__;                                                    \
        }                                                                                          \
    } while (0)

static VOID WdfSupCleanup(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement(&g_cleanups);
}

static VOID WdfSupDestroy(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement(&g_destroys);
}

/* Attributes that count the object's cleanup and destroy callbacks. */
static VOID WdfSupCounted(PWDF_OBJECT_ATTRIBUTES Attributes, WDFOBJECT Parent)
{
    WDF_OBJECT_ATTRIBUTES_INIT(Attributes);
    Attributes->EvtCleanupCallback = WdfSupCleanup;
    Attributes->EvtDestroyCallback = WdfSupDestroy;
    Attributes->ParentObject = Parent;
}

/* ---- memory objects ------------------------------------------------------------------------ */

static VOID WdfSupMemoryCreate(VOID)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT parent;
    WDFMEMORY memory = NULL, child;
    PVOID buffer = NULL;
    size_t size = 0;
    CHECK(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'pusW', 100, &memory,
                          &buffer) == STATUS_SUCCESS);
    CHECK(memory != NULL && buffer != NULL);
    CHECK(WdfMemoryGetBuffer(memory, &size) == buffer && size == 100);
    CHECK(WdfMemoryGetBuffer(memory, NULL) == buffer);
    RtlFillMemory(buffer, 100, 0xAB); /* all of it is usable */
    WdfObjectDelete(memory);
    /* Microsoft: a nonzero size; attributes with a wrong Size are refused. */
    memory = (WDFMEMORY)1;
    CHECK(WdfMemoryCreate(NULL, PagedPool, 0, 0, &memory, NULL) == STATUS_INVALID_PARAMETER);
    CHECK(memory == NULL);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.Size = sizeof(attributes) - 8;
    CHECK(WdfMemoryCreate(&attributes, PagedPool, 0, 8, &memory, NULL) ==
          STATUS_INFO_LENGTH_MISMATCH);
    /* The parent deletes its memory objects, and their buffers with them. */
    CHECK(WdfObjectCreate(WDF_NO_OBJECT_ATTRIBUTES, &parent) == STATUS_SUCCESS);
    WdfSupCounted(&attributes, parent);
    g_cleanups = g_destroys = 0;
    CHECK(WdfMemoryCreate(&attributes, PagedPool, 0, 16, &child, NULL) == STATUS_SUCCESS);
    WdfObjectDelete(parent);
    CHECK(g_cleanups == 1 && g_destroys == 1);
    /* A reference keeps the buffer after WdfObjectDelete; the last one frees it. */
    WdfSupCounted(&attributes, NULL);
    g_cleanups = g_destroys = 0;
    CHECK(WdfMemoryCreate(&attributes, NonPagedPoolNx, 0, 32, &memory, &buffer) == STATUS_SUCCESS);
    WdfObjectReference(memory);
    WdfObjectDelete(memory);
    CHECK(g_cleanups == 1 && g_destroys == 0);
    CHECK(WdfMemoryGetBuffer(memory, &size) == buffer && size == 32);
    RtlFillMemory(buffer, 32, 0x11);
    WdfObjectDereference(memory);
    CHECK(g_destroys == 1);
}

static VOID WdfSupMemoryPreallocated(VOID)
{
    UCHAR *mine = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 'pusW'), other[8];
    WDFMEMORY memory = NULL, pool;
    size_t size = 0;
    CHECK(mine != NULL);
    if (mine == NULL)
        return;
    CHECK(WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, mine, 64, &memory) ==
          STATUS_SUCCESS);
    CHECK(WdfMemoryGetBuffer(memory, &size) == mine && size == 64);
    CHECK(WdfMemoryAssignBuffer(memory, other, sizeof(other)) == STATUS_SUCCESS);
    CHECK(WdfMemoryGetBuffer(memory, &size) == other && size == sizeof(other));
    CHECK(WdfMemoryAssignBuffer(memory, NULL, 8) == STATUS_INVALID_PARAMETER);
    CHECK(WdfMemoryAssignBuffer(memory, other, 0) == STATUS_INVALID_PARAMETER);
    WdfObjectDelete(memory);
    /* Microsoft: the framework never frees a preallocated buffer: ours is still ours. */
    mine[63] = 1;
    ExFreePoolWithTag(mine, 'pusW');
    CHECK(WdfMemoryCreatePreallocated(NULL, NULL, 8, &memory) == STATUS_INVALID_PARAMETER);
    CHECK(WdfMemoryCreatePreallocated(NULL, other, 0, &memory) == STATUS_INVALID_PARAMETER);
    /* Only a preallocated memory object takes another buffer. */
    CHECK(WdfMemoryCreate(NULL, PagedPool, 0, 8, &pool, NULL) == STATUS_SUCCESS);
    CHECK(WdfMemoryAssignBuffer(pool, other, sizeof(other)) == STATUS_INVALID_PARAMETER);
    WdfObjectDelete(pool);
}

static VOID WdfSupMemoryCopy(VOID)
{
    UCHAR data[16], out[16];
    WDFMEMORY memory;
    PUCHAR buffer;
    ULONG i;
    for (i = 0; i < sizeof(data); i++)
        data[i] = (UCHAR)(i + 1);
    CHECK(WdfMemoryCreate(NULL, NonPagedPoolNx, 0, 16, &memory, (PVOID *)&buffer) ==
          STATUS_SUCCESS);
    RtlZeroMemory(buffer, 16);
    CHECK(WdfMemoryCopyFromBuffer(memory, 4, data, 12) == STATUS_SUCCESS);
    CHECK(buffer[3] == 0 && buffer[4] == 1 && buffer[15] == 12);
    /* Microsoft: an offset past the buffer is STATUS_INVALID_BUFFER_SIZE, too many bytes from
     * it STATUS_BUFFER_TOO_SMALL. */
    CHECK(WdfMemoryCopyFromBuffer(memory, 16, data, 1) == STATUS_INVALID_BUFFER_SIZE);
    CHECK(WdfMemoryCopyFromBuffer(memory, 5, data, 12) == STATUS_BUFFER_TOO_SMALL);
    CHECK(WdfMemoryCopyFromBuffer(memory, 0, data, 17) == STATUS_BUFFER_TOO_SMALL);
    RtlZeroMemory(out, sizeof(out));
    CHECK(WdfMemoryCopyToBuffer(memory, 4, out, 12) == STATUS_SUCCESS);
    CHECK(RtlCompareMemory(out, data, 12) == 12);
    /* Microsoft: WdfMemoryCopyToBuffer's offset or count too large: STATUS_BUFFER_TOO_SMALL. */
    CHECK(WdfMemoryCopyToBuffer(memory, 16, out, 1) == STATUS_BUFFER_TOO_SMALL);
    CHECK(WdfMemoryCopyToBuffer(memory, 1, out, 16) == STATUS_BUFFER_TOO_SMALL);
    CHECK(WdfMemoryCopyToBuffer(memory, 0, out, 16) == STATUS_SUCCESS);
    WdfObjectDelete(memory);
}

/* ---- lookaside lists ----------------------------------------------------------------------- */

static VOID WdfSupLookaside(VOID)
{
    WDF_OBJECT_ATTRIBUTES memory_attributes, attributes;
    WDFLOOKASIDE list = NULL, list2;
    WDFMEMORY a = NULL, b = NULL, c = NULL;
    PVOID first;
    size_t size = 0;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&memory_attributes, TAG_CONTEXT);
    memory_attributes.EvtDestroyCallback = WdfSupDestroy;
    CHECK(WdfLookasideListCreate(WDF_NO_OBJECT_ATTRIBUTES, 48, NonPagedPoolNx, &memory_attributes,
                                 'lusW', &list) == STATUS_SUCCESS);
    CHECK(WdfMemoryCreateFromLookaside(list, &a) == STATUS_SUCCESS);
    CHECK(WdfMemoryCreateFromLookaside(list, &b) == STATUS_SUCCESS);
    first = WdfMemoryGetBuffer(a, &size);
    CHECK(first != NULL && size == 48 && WdfMemoryGetBuffer(b, NULL) != first);
    RtlFillMemory(first, 48, 0x5A);
    /* The memory attributes given to the list are each memory object's. */
    CHECK(TagGetContext(a) != NULL && TagGetContext(a)->Tag == 0);
    /* Deleting a memory object gives its buffer back to the list: the next one gets it. */
    g_destroys = 0;
    WdfObjectDelete(a);
    CHECK(g_destroys == 1);
    CHECK(WdfMemoryCreateFromLookaside(list, &c) == STATUS_SUCCESS);
    CHECK(WdfMemoryGetBuffer(c, NULL) == first);
    /* Only WdfMemoryCreatePreallocated's objects take another buffer. */
    CHECK(WdfMemoryAssignBuffer(c, &size, sizeof(size)) == STATUS_INVALID_PARAMETER);
    /* Deleting the list deletes what the driver still has from it. */
    g_destroys = 0;
    WdfObjectDelete(list);
    CHECK(g_destroys == 2);
    /* The documented failure cases. */
    list = (WDFLOOKASIDE)1;
    CHECK(WdfLookasideListCreate(NULL, 0, NonPagedPoolNx, NULL, 0, &list) ==
          STATUS_INVALID_PARAMETER);
    CHECK(list == NULL);
    CHECK(WdfLookasideListCreate(NULL, 16, (POOL_TYPE)0x7777, NULL, 0, &list) ==
          STATUS_INVALID_PARAMETER);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.Size = 4;
    CHECK(WdfLookasideListCreate(&attributes, 16, PagedPool, NULL, 0, &list) ==
          STATUS_INFO_LENGTH_MISMATCH);
    /* A paged list, default tag, parent an object: deleting the parent deletes the list. */
    CHECK(WdfObjectCreate(NULL, (WDFOBJECT *)&a) == STATUS_SUCCESS);
    WdfSupCounted(&attributes, (WDFOBJECT)a);
    g_cleanups = g_destroys = 0;
    CHECK(WdfLookasideListCreate(&attributes, 4000, PagedPool, NULL, 0, &list2) == STATUS_SUCCESS);
    CHECK(WdfMemoryCreateFromLookaside(list2, &b) == STATUS_SUCCESS);
    CHECK(WdfMemoryGetBuffer(b, &size) != NULL && size == 4000);
    WdfObjectDelete((WDFOBJECT)a);
    CHECK(g_cleanups == 1 && g_destroys == 1);
}

/* ---- collections --------------------------------------------------------------------------- */

static VOID WdfSupCollection(VOID)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFCOLLECTION collection = NULL;
    WDFOBJECT o[3];
    ULONG i;
    CHECK(WdfCollectionCreate(WDF_NO_OBJECT_ATTRIBUTES, &collection) == STATUS_SUCCESS);
    CHECK(WdfCollectionGetCount(collection) == 0);
    CHECK(WdfCollectionGetFirstItem(collection) == NULL);
    CHECK(WdfCollectionGetLastItem(collection) == NULL);
    CHECK(WdfCollectionGetItem(collection, 0) == NULL);
    g_cleanups = g_destroys = 0;
    for (i = 0; i < 3; i++) {
        WdfSupCounted(&attributes, NULL);
        CHECK(WdfObjectCreate(&attributes, &o[i]) == STATUS_SUCCESS);
        CHECK(WdfCollectionAdd(collection, o[i]) == STATUS_SUCCESS);
    }
    CHECK(WdfCollectionGetCount(collection) == 3);
    CHECK(WdfCollectionGetItem(collection, 0) == o[0] &&
          WdfCollectionGetItem(collection, 1) == o[1] &&
          WdfCollectionGetItem(collection, 2) == o[2]);
    CHECK(WdfCollectionGetItem(collection, 3) == NULL);
    CHECK(WdfCollectionGetFirstItem(collection) == o[0]);
    CHECK(WdfCollectionGetLastItem(collection) == o[2]);
    /* Removing item i makes item i + 1 item i. */
    WdfCollectionRemoveItem(collection, 0);
    CHECK(WdfCollectionGetCount(collection) == 2 && WdfCollectionGetItem(collection, 0) == o[1]);
    CHECK(WdfCollectionAdd(collection, o[0]) == STATUS_SUCCESS);
    CHECK(WdfCollectionGetLastItem(collection) == o[0]);
    WdfCollectionRemove(collection, o[2]);
    CHECK(WdfCollectionGetCount(collection) == 2 && WdfCollectionGetItem(collection, 1) == o[0]);
    /* Not in the collection (drvhost: an error line): nothing changes. */
    WdfCollectionRemoveItem(collection, 7);
    WdfCollectionRemove(collection, o[2]);
    CHECK(WdfCollectionGetCount(collection) == 2);
    /* The collection holds a reference: an object deleted while in it is cleaned up, but
     * destroyed only when the collection lets it go. */
    WdfObjectDelete(o[1]);
    CHECK(g_cleanups == 1 && g_destroys == 0);
    CHECK(WdfCollectionGetFirstItem(collection) == o[1]);
    WdfCollectionRemove(collection, o[1]);
    CHECK(g_destroys == 1);
    CHECK(WdfCollectionAdd(collection, o[2]) == STATUS_SUCCESS);
    WdfObjectDelete(o[2]);
    CHECK(g_cleanups == 2 && g_destroys == 1);
    /* Deleting the collection drops its references and deletes only itself: o[0] lives on,
     * o[2] (deleted) is destroyed now. */
    WdfObjectDelete(collection);
    CHECK(g_cleanups == 2 && g_destroys == 2);
    WdfObjectDelete(o[0]);
    CHECK(g_cleanups == 3 && g_destroys == 3);
    /* A collection of collections; a collection deleted with its parent. */
    CHECK(WdfObjectCreate(NULL, &o[0]) == STATUS_SUCCESS);
    WdfSupCounted(&attributes, o[0]);
    g_cleanups = g_destroys = 0;
    CHECK(WdfCollectionCreate(&attributes, &collection) == STATUS_SUCCESS);
    CHECK(WdfCollectionCreate(NULL, (WDFCOLLECTION *)&o[1]) == STATUS_SUCCESS);
    CHECK(WdfCollectionAdd(collection, o[1]) == STATUS_SUCCESS);
    WdfObjectDelete(o[0]);
    CHECK(g_cleanups == 1 && g_destroys == 1);
    CHECK(WdfCollectionGetCount((WDFCOLLECTION)o[1]) == 0); /* still there: only released */
    WdfObjectDelete(o[1]);
}

/* ---- object attributes --------------------------------------------------------------------- */

/* A context type with a name and a size of 0 (WDF_DECLARE_CONTEXT_TYPE never makes one). */
static const WDF_OBJECT_CONTEXT_TYPE_INFO g_empty_type = {sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO),
                                                          "EMPTY_CONTEXT", 0, &g_empty_type, NULL};

/* Counted attributes of a general object, spoiled as `how` says (0: valid). */
static VOID WdfSupSpoiled(PWDF_OBJECT_ATTRIBUTES Attributes, ULONG how)
{
    WdfSupCounted(Attributes, NULL);
    switch (how) {
    case 1: /* zeroed fields: WDF_OBJECT_ATTRIBUTES_INIT skipped */
        Attributes->ExecutionLevel = WdfExecutionLevelInvalid;
        break;
    case 2:
        Attributes->ExecutionLevel = (WDF_EXECUTION_LEVEL)(WdfExecutionLevelDispatch + 1);
        break;
    case 3:
        Attributes->ExecutionLevel = (WDF_EXECUTION_LEVEL)-1;
        break;
    case 4:
        Attributes->SynchronizationScope = WdfSynchronizationScopeInvalid;
        break;
    case 5:
        Attributes->SynchronizationScope =
            (WDF_SYNCHRONIZATION_SCOPE)(WdfSynchronizationScopeNone + 1);
        break;
    case 6:
        Attributes->ContextTypeInfo = &g_empty_type;
        break;
    case 7: /* an override without a type */
        Attributes->ContextSizeOverride = 64;
        break;
    case 8: /* an override smaller than the type */
        WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(Attributes, TAG_CONTEXT);
        Attributes->ContextSizeOverride = sizeof(TAG_CONTEXT) - 1;
        break;
    }
}

#define WDFSUP_SPOILED 8

/* Microsoft (Framework Object Creation Errors): STATUS_WDF_OBJECT_ATTRIBUTES_INVALID for an
 * ExecutionLevel or SynchronizationScope out of its range, a context name with a size of 0, a
 * ContextSizeOverride without a context type or smaller than its ContextSize; the object is
 * not created (no cleanup callback ever runs). The rules of a valid value the object type does
 * not take stay (STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID / _EXECUTION_LEVEL_INVALID). */
static VOID WdfSupAttributes(VOID)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT o;
    WDFCOLLECTION collection;
    WDFMEMORY memory;
    WDFSPINLOCK lock;
    ULONG how;
    g_cleanups = g_destroys = 0;
    for (how = 1; how <= WDFSUP_SPOILED; how++) {
        WdfSupSpoiled(&attributes, how);
        CHECK(WdfObjectCreate(&attributes, &o) == STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
        WdfSupSpoiled(&attributes, how);
        CHECK(WdfCollectionCreate(&attributes, &collection) ==
              STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
        WdfSupSpoiled(&attributes, how);
        CHECK(WdfMemoryCreate(&attributes, NonPagedPoolNx, 0, 8, &memory, NULL) ==
              STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
        WdfSupSpoiled(&attributes, how);
        CHECK(WdfSpinLockCreate(&attributes, &lock) == STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    }
    CHECK(g_cleanups == 0 && g_destroys == 0);
    /* Valid: an override equal to the type's size, the same type without one. */
    WdfSupSpoiled(&attributes, 0);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(&attributes, TAG_CONTEXT);
    attributes.ContextSizeOverride = sizeof(TAG_CONTEXT);
    CHECK(WdfObjectCreate(&attributes, &o) == STATUS_SUCCESS && TagGetContext(o) != NULL);
    WdfObjectDelete(o);
    WdfSupSpoiled(&attributes, 0);
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    attributes.SynchronizationScope = WdfSynchronizationScopeNone;
    CHECK(WdfObjectCreate(&attributes, &o) == STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
    attributes.SynchronizationScope = WdfSynchronizationScopeInheritFromParent;
    CHECK(WdfObjectCreate(&attributes, &o) == STATUS_SUCCESS);
    WdfObjectDelete(o);
    CHECK(g_cleanups == 2 && g_destroys == 2);
    CHECK(WdfCollectionCreate(&attributes, &collection) == STATUS_WDF_EXECUTION_LEVEL_INVALID);
    /* WdfObjectAllocateContext creates no object: STATUS_INVALID_PARAMETER (its page). */
    CHECK(WdfObjectCreate(NULL, &o) == STATUS_SUCCESS);
    WdfSupSpoiled(&attributes, 8);
    CHECK(WdfObjectAllocateContext(o, &attributes, NULL) == STATUS_INVALID_PARAMETER);
    WdfSupSpoiled(&attributes, 4);
    WDF_OBJECT_ATTRIBUTES_SET_CONTEXT_TYPE(&attributes, TAG_CONTEXT);
    CHECK(WdfObjectAllocateContext(o, &attributes, NULL) == STATUS_INVALID_PARAMETER);
    CHECK(TagGetContext(o) == NULL);
    WdfObjectDelete(o);
}

/* ---- strings ------------------------------------------------------------------------------- */

static BOOLEAN WdfSupStringIs(WDFSTRING String, PCWSTR Expected)
{
    UNICODE_STRING value, expected;
    WdfStringGetUnicodeString(String, &value);
    RtlInitUnicodeString(&expected, Expected);
    return RtlEqualUnicodeString(&value, &expected, FALSE);
}

static VOID WdfSupString(VOID)
{
    DECLARE_CONST_UNICODE_STRING(text, L"framework");
    UNICODE_STRING value, bad;
    WDFSTRING string = NULL, empty = NULL;
    KIRQL irql;
    CHECK(WdfStringCreate(&text, WDF_NO_OBJECT_ATTRIBUTES, &string) == STATUS_SUCCESS);
    CHECK(WdfSupStringIs(string, L"framework"));
    WdfStringGetUnicodeString(string, &value);
    CHECK(value.Buffer != text.Buffer); /* a copy */
    CHECK(WdfStringCreate(NULL, NULL, &empty) == STATUS_SUCCESS);
    WdfStringGetUnicodeString(empty, &value);
    CHECK(value.Length == 0);
    WdfObjectDelete(empty);
    bad.Buffer = (PWCH)text.Buffer;
    bad.Length = 8;
    bad.MaximumLength = 4;
    CHECK(WdfStringCreate(&bad, NULL, &empty) == STATUS_INVALID_PARAMETER);
    /* Microsoft: PASSIVE_LEVEL only. */
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    CHECK(WdfStringCreate(&text, NULL, &empty) == STATUS_INVALID_DEVICE_REQUEST);
    KeLowerIrql(irql);
    WdfObjectDelete(string);
}

/* ---- registry keys ------------------------------------------------------------------------- */

static VOID WdfSupRegistryValues(WDFKEY key)
{
    DECLARE_CONST_UNICODE_STRING(dword, L"Dword");
    DECLARE_CONST_UNICODE_STRING(binary, L"Binary");
    DECLARE_CONST_UNICODE_STRING(missing, L"Missing");
    DECLARE_CONST_UNICODE_STRING(empty, L"Empty");
    UCHAR bytes[5] = {1, 2, 3, 4, 5}, got[8];
    ULONG value = 0, length = 0, type = 0;
    WDFMEMORY memory;
    WDFMEMORY_OFFSET offsets;
    size_t size = 0;
    PUCHAR p;
    CHECK(WdfRegistryAssignULong(key, &dword, 0x1234) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(key, &dword, &value) == STATUS_SUCCESS && value == 0x1234);
    CHECK(WdfRegistryAssignValue(key, &binary, REG_BINARY, sizeof(bytes), bytes) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(key, &binary, &value) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(WdfRegistryQueryULong(key, &missing, &value) == STATUS_OBJECT_NAME_NOT_FOUND);
    /* Microsoft: a short buffer is STATUS_BUFFER_OVERFLOW with the whole length. */
    RtlZeroMemory(got, sizeof(got));
    CHECK(WdfRegistryQueryValue(key, &binary, 2, got, &length, &type) == STATUS_BUFFER_OVERFLOW);
    CHECK(length == 5 && type == REG_BINARY);
    length = 0;
    CHECK(WdfRegistryQueryValue(key, &binary, 0, NULL, &length, NULL) == STATUS_BUFFER_OVERFLOW);
    CHECK(length == 5);
    CHECK(WdfRegistryQueryValue(key, &binary, sizeof(got), got, &length, &type) == STATUS_SUCCESS);
    CHECK(length == 5 && RtlCompareMemory(got, bytes, 5) == 5);
    CHECK(WdfRegistryQueryValue(key, &missing, sizeof(got), got, NULL, NULL) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    /* Memory: the whole value, or a part of a memory object's buffer. */
    CHECK(WdfRegistryQueryMemory(key, &binary, PagedPool, NULL, &memory, &type) == STATUS_SUCCESS);
    p = WdfMemoryGetBuffer(memory, &size);
    CHECK(size == 5 && type == REG_BINARY && p[0] == 1 && p[4] == 5);
    offsets.BufferOffset = 1;
    offsets.BufferLength = 3;
    CHECK(WdfRegistryAssignMemory(key, &binary, REG_BINARY, memory, &offsets) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryValue(key, &binary, sizeof(got), got, &length, NULL) == STATUS_SUCCESS);
    CHECK(length == 3 && got[0] == 2 && got[2] == 4);
    offsets.BufferOffset = 4;
    offsets.BufferLength = 2;
    CHECK(WdfRegistryAssignMemory(key, &binary, REG_BINARY, memory, &offsets) ==
          STATUS_INTEGER_OVERFLOW);
    WdfObjectDelete(memory);
    CHECK(WdfRegistryAssignValue(key, &empty, REG_BINARY, 0, NULL) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryMemory(key, &empty, PagedPool, NULL, &memory, NULL) ==
          STATUS_RESOURCE_DATA_NOT_FOUND);
    CHECK(WdfRegistryRemoveValue(key, &dword) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(key, &dword, &value) == STATUS_OBJECT_NAME_NOT_FOUND);
}

static VOID WdfSupRegistryStrings(WDFKEY key)
{
    DECLARE_CONST_UNICODE_STRING(sz, L"Sz");
    DECLARE_CONST_UNICODE_STRING(multi, L"Multi");
    DECLARE_CONST_UNICODE_STRING(dword, L"Dword2");
    DECLARE_CONST_UNICODE_STRING(a, L"a");
    DECLARE_CONST_UNICODE_STRING(bc, L"bc");
    UNICODE_STRING hello, value;
    WCHAR small[2], big[16];
    USHORT bytes = 0;
    WDFSTRING string, sa, sbc;
    WDFCOLLECTION strings, read;
    WDFOBJECT first;
    hello.Buffer = L"helloXXX";
    hello.Length = 10; /* not NUL-terminated: the framework adds one */
    hello.MaximumLength = 16;
    CHECK(WdfRegistryAssignUnicodeString(key, &sz, &hello) == STATUS_SUCCESS);
    value.Buffer = small;
    value.Length = 0;
    value.MaximumLength = sizeof(small);
    CHECK(WdfRegistryQueryUnicodeString(key, &sz, &bytes, &value) == STATUS_BUFFER_OVERFLOW);
    CHECK(bytes == 12); /* with the terminating NUL */
    value.Buffer = big;
    value.MaximumLength = sizeof(big);
    CHECK(WdfRegistryQueryUnicodeString(key, &sz, NULL, &value) == STATUS_SUCCESS);
    CHECK(value.Length == 10 && RtlCompareMemory(big, L"hello", 10) == 10);
    CHECK(WdfStringCreate(NULL, NULL, &string) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryString(key, &sz, string) == STATUS_SUCCESS);
    CHECK(WdfSupStringIs(string, L"hello"));
    CHECK(WdfRegistryAssignULong(key, &dword, 1) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryString(key, &dword, string) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(WdfRegistryQueryUnicodeString(key, &dword, &bytes, NULL) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(WdfRegistryAssignString(key, &dword, string) == STATUS_SUCCESS); /* now a REG_SZ */
    CHECK(WdfRegistryQueryString(key, &dword, string) == STATUS_SUCCESS);
    CHECK(WdfSupStringIs(string, L"hello"));
    /* Multi-strings: a collection of string objects each way; new ones are appended. */
    CHECK(WdfCollectionCreate(NULL, &strings) == STATUS_SUCCESS);
    CHECK(WdfRegistryAssignMultiString(key, &multi, strings) == STATUS_INVALID_PARAMETER);
    CHECK(WdfStringCreate(&a, NULL, &sa) == STATUS_SUCCESS);
    CHECK(WdfStringCreate(&bc, NULL, &sbc) == STATUS_SUCCESS);
    WdfCollectionAdd(strings, sa);
    WdfCollectionAdd(strings, sbc);
    CHECK(WdfRegistryAssignMultiString(key, &multi, strings) == STATUS_SUCCESS);
    CHECK(WdfCollectionCreate(NULL, &read) == STATUS_SUCCESS);
    CHECK(WdfObjectCreate(NULL, &first) == STATUS_SUCCESS);
    WdfCollectionAdd(read, first);
    CHECK(WdfRegistryQueryMultiString(key, &multi, NULL, read) == STATUS_SUCCESS);
    CHECK(WdfCollectionGetCount(read) == 3 && WdfCollectionGetFirstItem(read) == first);
    CHECK(WdfSupStringIs((WDFSTRING)WdfCollectionGetItem(read, 1), L"a"));
    CHECK(WdfSupStringIs((WDFSTRING)WdfCollectionGetItem(read, 2), L"bc"));
    CHECK(WdfRegistryQueryMultiString(key, &sz, NULL, read) == STATUS_OBJECT_TYPE_MISMATCH);
    CHECK(WdfCollectionGetCount(read) == 3);
    /* Only string objects make a multi-string. */
    WdfCollectionAdd(strings, first);
    CHECK(WdfRegistryAssignMultiString(key, &multi, strings) == STATUS_INVALID_PARAMETER);
    WdfObjectDelete((WDFOBJECT)WdfCollectionGetItem(read, 1));
    WdfObjectDelete((WDFOBJECT)WdfCollectionGetItem(read, 2));
    WdfObjectDelete(read);
    WdfObjectDelete(strings);
    WdfObjectDelete(first);
    WdfObjectDelete(sa);
    WdfObjectDelete(sbc);
    WdfObjectDelete(string);
}

static VOID WdfSupRegistryKeys(WDFKEY parameters)
{
    DECLARE_CONST_UNICODE_STRING(sub, L"Sub");
    DECLARE_CONST_UNICODE_STRING(nothere, L"NotThere");
    DECLARE_CONST_UNICODE_STRING(v, L"V");
    UNICODE_STRING name;
    WDFKEY key = NULL, again = NULL;
    ULONG disposition = 0, value = 0, result = 0;
    UCHAR info[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 8];
    HANDLE handle;
    PVOID object;
    NTSTATUS status;
    CHECK(WdfRegistryCreateKey(parameters, &sub, KEY_ALL_ACCESS, REG_OPTION_NON_VOLATILE,
                               &disposition, NULL, &key) == STATUS_SUCCESS);
    CHECK(disposition == REG_CREATED_NEW_KEY);
    CHECK(WdfRegistryAssignULong(key, &v, 77) == STATUS_SUCCESS);
    WdfRegistryClose(key);
    CHECK(WdfRegistryCreateKey(parameters, &sub, KEY_ALL_ACCESS, REG_OPTION_NON_VOLATILE,
                               &disposition, NULL, &key) == STATUS_SUCCESS);
    CHECK(disposition == REG_OPENED_EXISTING_KEY);
    CHECK(WdfRegistryOpenKey(parameters, &sub, KEY_READ, NULL, &again) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(again, &v, &value) == STATUS_SUCCESS && value == 77);
    /* The WDM handle works with the Zw routines. */
    RtlInitUnicodeString(&name, L"V");
    CHECK(ZwQueryValueKey(WdfRegistryWdmGetHandle(again), &name, KeyValuePartialInformation, info,
                          sizeof(info), &result) == STATUS_SUCCESS);
    CHECK(((PKEY_VALUE_PARTIAL_INFORMATION)info)->Type == REG_DWORD);
    handle = WdfRegistryWdmGetHandle(again);
    WdfRegistryClose(again);
    /* The key object's WDM handle is closed with it. */
    status = ObReferenceObjectByHandle(handle, KEY_READ, NULL, KernelMode, &object, NULL);
    CHECK(status == STATUS_INVALID_HANDLE);
    if (NT_SUCCESS(status))
        ObDereferenceObject(object);
    CHECK(WdfRegistryOpenKey(parameters, &nothere, KEY_READ, NULL, &again) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(again == NULL);
    CHECK(WdfRegistryRemoveValue(key, &v) == STATUS_SUCCESS);
    CHECK(WdfRegistryRemoveKey(key) == STATUS_SUCCESS); /* the object goes with the key */
    CHECK(WdfRegistryOpenKey(parameters, &sub, KEY_READ, NULL, &again) ==
          STATUS_OBJECT_NAME_NOT_FOUND);
}

static VOID WdfSupRegistry(WDFDRIVER driver)
{
    DECLARE_CONST_UNICODE_STRING(from_host, L"FromHost");
    DECLARE_CONST_UNICODE_STRING(left_ulong, L"LeftULong");
    DECLARE_CONST_UNICODE_STRING(left_string, L"LeftString");
    DECLARE_CONST_UNICODE_STRING(full, L"\\Registry\\Machine\\Software\\WdfSupTest");
    WDFKEY parameters = NULL, key = NULL;
    UNICODE_STRING left;
    ULONG value = 0;
    KIRQL irql;
    CHECK(WdfDriverOpenParametersRegistryKey(driver, KEY_READ | KEY_WRITE, NULL, &parameters) ==
          STATUS_SUCCESS);
    if (parameters == NULL)
        return;
    CHECK(WdfRegistryQueryULong(parameters, &from_host, &g_result->FromHost) == STATUS_SUCCESS);
    WdfSupRegistryValues(parameters);
    WdfSupRegistryStrings(parameters);
    WdfSupRegistryKeys(parameters);
    /* Microsoft: PASSIVE_LEVEL only. */
    KeRaiseIrql(DISPATCH_LEVEL, &irql);
    CHECK(WdfRegistryQueryULong(parameters, &from_host, &value) == STATUS_INVALID_DEVICE_REQUEST);
    KeLowerIrql(irql);
    /* What the host reads back. */
    RtlInitUnicodeString(&left, WDFSUP_LEFT_STRING);
    CHECK(WdfRegistryAssignULong(parameters, &left_ulong, WDFSUP_LEFT_ULONG) == STATUS_SUCCESS);
    CHECK(WdfRegistryAssignUnicodeString(parameters, &left_string, &left) == STATUS_SUCCESS);
    WdfRegistryClose(parameters);
    /* A key's access is not checked: the framework's routines work through the Zw routines,
     * which run with PreviousMode KernelMode, and a kernel-mode caller's access is always
     * allowed (Microsoft: ObReferenceObjectByHandle). The reference pages' STATUS_ACCESS_DENIED
     * is UMDF's; Microsoft's fakemodem sample queries a key opened with STANDARD_RIGHTS_ALL. */
    CHECK(WdfDriverOpenParametersRegistryKey(driver, KEY_READ, NULL, &parameters) ==
          STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(parameters, &left_ulong, &value) == STATUS_SUCCESS);
    CHECK(WdfRegistryAssignULong(parameters, &left_ulong, 1) == STATUS_SUCCESS);
    CHECK(WdfRegistryRemoveValue(parameters, &left_ulong) == STATUS_SUCCESS);
    WdfRegistryClose(parameters);
    CHECK(WdfDriverOpenParametersRegistryKey(driver, STANDARD_RIGHTS_ALL, NULL, &parameters) ==
          STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(parameters, &left_ulong, &value) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(WdfRegistryAssignULong(parameters, &left_ulong, WDFSUP_LEFT_ULONG) == STATUS_SUCCESS);
    CHECK(WdfRegistryQueryULong(parameters, &left_ulong, &value) == STATUS_SUCCESS);
    CHECK(value == WDFSUP_LEFT_ULONG);
    WdfRegistryClose(parameters);
    /* A full path without a parent key. */
    CHECK(WdfRegistryCreateKey(NULL, &full, KEY_ALL_ACCESS, REG_OPTION_VOLATILE, NULL, NULL,
                               &key) == STATUS_SUCCESS);
    if (key != NULL)
        WdfRegistryClose(key);
    /* Removed through a handle opened for reading only: not access-checked either. */
    key = NULL;
    CHECK(WdfRegistryOpenKey(NULL, &full, KEY_READ, NULL, &key) == STATUS_SUCCESS);
    if (key != NULL)
        CHECK(WdfRegistryRemoveKey(key) == STATUS_SUCCESS);
    CHECK(WdfRegistryOpenKey(NULL, &full, KEY_READ, NULL, &key) == STATUS_OBJECT_NAME_NOT_FOUND);
}

/* ---- requests: the request's buffers as memory objects ------------------------------------ */

static VOID WdfSupEcho(WDFREQUEST Request, size_t InputLength)
{
    WDFMEMORY in, out;
    UCHAR data[64];
    size_t in_size = 0, out_size = 0;
    NTSTATUS status = WdfRequestRetrieveInputMemory(Request, &in);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputMemory(Request, &out);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    WdfMemoryGetBuffer(in, &in_size);
    WdfMemoryGetBuffer(out, &out_size);
    if (in_size != InputLength || in_size > sizeof(data) || out_size < in_size) {
        WdfRequestComplete(Request, STATUS_INVALID_BUFFER_SIZE);
        return;
    }
    status = WdfMemoryCopyToBuffer(in, 0, data, in_size);
    if (NT_SUCCESS(status))
        status = WdfMemoryCopyFromBuffer(out, 0, data, in_size);
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? in_size : 0);
}

/* ---- misuse -------------------------------------------------------------------------------- */

static VOID WdfSupMisuse(ULONG What)
{
    WDFCOLLECTION collection = NULL;
    WDFMEMORY memory = NULL;
    WdfCollectionCreate(NULL, &collection);
    switch (What) {
    case WDFSUP_MISUSE_WRONG_TYPE:
        WdfMemoryGetBuffer((WDFMEMORY)collection, NULL);
        break;
    case WDFSUP_MISUSE_NULL_MEMORY:
        WdfMemoryCreate(NULL, PagedPool, 0, 8, NULL, NULL);
        break;
    case WDFSUP_MISUSE_DELETED_HANDLE:
        WdfObjectDelete(collection);
        WdfCollectionGetCount(collection);
        break;
    case WDFSUP_MISUSE_LOOKASIDE_TYPE:
        WdfMemoryCreate(NULL, PagedPool, 0, 8, &memory, NULL);
        WdfMemoryCreateFromLookaside((WDFLOOKASIDE)memory, &memory);
        break;
    }
}

/* ---- the device ---------------------------------------------------------------------------- */

static VOID WdfSupDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                                size_t InputBufferLength, ULONG IoControlCode)
{
    PULONG group;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    if (IoControlCode == IOCTL_S_ECHO) {
        WdfSupEcho(Request, InputBufferLength);
        return;
    }
    status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&group, NULL);
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_S_MISUSE)
        WdfSupMisuse(*group);
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_S_RUN) {
        ULONG which = *group;
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(WDFSUP_RESULT), (PVOID *)&g_result,
                                                NULL);
        if (NT_SUCCESS(status)) {
            RtlZeroMemory(g_result, sizeof(*g_result));
            switch (which) {
            case WDFSUP_GROUP_MEMORY:
                WdfSupMemoryCreate();
                WdfSupMemoryPreallocated();
                WdfSupMemoryCopy();
                break;
            case WDFSUP_GROUP_LOOKASIDE:
                WdfSupLookaside();
                break;
            case WDFSUP_GROUP_COLLECTION:
                WdfSupCollection();
                break;
            case WDFSUP_GROUP_STRING:
                WdfSupString();
                break;
            case WDFSUP_GROUP_REGISTRY:
                WdfSupRegistry(WdfGetDriver());
                break;
            case WDFSUP_GROUP_ATTRIBUTES:
                WdfSupAttributes();
                break;
            default:
                status = STATUS_INVALID_PARAMETER;
            }
            WdfRequestCompleteWithInformation(Request, status, sizeof(WDFSUP_RESULT));
            return;
        }
    }
    WdfRequestComplete(Request, NT_SUCCESS(status) ? STATUS_INVALID_DEVICE_REQUEST : status);
}

static NTSTATUS WdfSupCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfSup");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfSup");
    WDF_IO_QUEUE_CONFIG queue_config;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    WDFDEVICE device;
    WDFQUEUE queue;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    status = WdfDeviceCreateSymbolicLink(device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WdfIoQueueDispatchSequential);
    queue_config.EvtIoDeviceControl = WdfSupDeviceControl;
    status = WdfIoQueueCreate(device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(device);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return WdfSupCreateDevice(driver);
}
