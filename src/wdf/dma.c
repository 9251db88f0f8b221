/*
 * dma.c - DMA enablers and common buffers (wdfdmaenabler.h, wdfcommonbuffer.h).
 *
 * drvhost has no DMA hardware and no WDM DMA (no IoGetDmaAdapter, no DMA_OPERATIONS): an
 * enabler records the device's DMA description (profile, maximum length, scatter/gather limit,
 * the device's alignment), and a common buffer is host memory the driver and a simulated device
 * share. Its "logical" address (what the driver programs into its device) is the buffer's host
 * virtual address: the simulated device of a test addresses host memory directly, so there is
 * no translation, and a 32-bit profile's address limit is not applied (docs/wdf.md, "DMA").
 * System-mode profiles (a system DMA controller) are STATUS_NOT_SUPPORTED; DMA transactions
 * and WdfDmaEnablerWdmGetDmaAdapter stay the framework's stand-ins.
 *
 * Lifetime: an enabler's parent is its device, a common buffer's its enabler (the pages); the
 * buffer's memory goes with the common buffer object. Nothing here is shared after creation
 * but the scatter/gather limit (atomic).
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

struct wdf_dma_enabler {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_DMA_PROFILE profile;
    size_t maximum_length;
    size_t maximum_fragments; /* atomic; WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS at first */
    ULONG alignment;          /* the device's AlignmentRequirement when the enabler was made */
};

struct wdf_common_buffer {
    struct wdf_object obj;
    void *memory; /* aligned_alloc's block */
    size_t length;
};

#define WDF_DMA_ENABLER_GET(g, h)                                                                  \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DMAENABLER), struct wdf_dma_enabler, obj)
#define WDF_COMMON_BUFFER_GET(g, h)                                                                \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_COMMONBUFFER), struct wdf_common_buffer, obj)

/* ---- enablers ------------------------------------------------------------------------------ */

static NTSTATUS wdf_dma_check_config(struct wdf_globals *g, PWDF_DMA_ENABLER_CONFIG c)
{
    /* KMDF 1.11 added Flags and WdmDmaVersionOverride (72 bytes before). */
    if (c->Size != wdf_versioned_size(g, sizeof(*c), 11, 72))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (c->Profile <= WdfDmaProfileInvalid || c->Profile > WdfDmaProfileSystemDuplex ||
        c->MaximumLength == 0)
        return STATUS_INVALID_PARAMETER;
    if (c->AddressWidthOverride != 0 &&
        (c->AddressWidthOverride < 24 || c->AddressWidthOverride > 63))
        return STATUS_INVALID_PARAMETER;
    if (c->Profile == WdfDmaProfileSystem || c->Profile == WdfDmaProfileSystemDuplex) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDmaEnablerCreate: a system-mode DMA profile needs a system "
                 "DMA controller, which drvhost does not have",
                 g->pub.DriverName);
        return STATUS_NOT_SUPPORTED;
    }
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDmaEnablerCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                 PWDF_DMA_ENABLER_CONFIG Config, PWDF_OBJECT_ATTRIBUTES Attributes,
                                 WDFDMAENABLER *DmaEnablerHandle)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev =
        CONTAINING_RECORD(wdf_object_get(g, Device, WDF_TYPE_DEVICE), struct wdf_device, obj);
    WDF_OBJECT_ATTRIBUTES attributes;
    struct wdf_dma_enabler *e;
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, Config);
    WDF_CHECK_NOT_NULL(g, DmaEnablerHandle);
    *DmaEnablerHandle = NULL;
    status = wdf_dma_check_config(g, Config);
    if (!NT_SUCCESS(status))
        return status;
    if (Attributes != NULL) { /* the device is the parent; ParentObject is ignored (the page) */
        attributes = *Attributes;
        attributes.ParentObject = NULL;
        Attributes = &attributes;
    }
    status = wdf_object_create(g, WDF_TYPE_DMAENABLER, sizeof(*e), Attributes, &dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    e = CONTAINING_RECORD(o, struct wdf_dma_enabler, obj);
    e->device = dev;
    e->profile = Config->Profile;
    e->maximum_length = Config->MaximumLength;
    e->maximum_fragments = WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS;
    e->alignment = dev->wdm->AlignmentRequirement;
    *DmaEnablerHandle = (WDFDMAENABLER)e;
    return STATUS_SUCCESS;
}

size_t imp_WdfDmaEnablerGetMaximumLength(PWDF_DRIVER_GLOBALS globals, WDFDMAENABLER DmaEnabler)
{
    return WDF_DMA_ENABLER_GET(wdf_globals_of(globals), DmaEnabler)->maximum_length;
}

size_t imp_WdfDmaEnablerGetMaximumScatterGatherElements(PWDF_DRIVER_GLOBALS globals,
                                                        WDFDMAENABLER DmaEnabler)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(wdf_globals_of(globals), DmaEnabler);
    return __atomic_load_n(&e->maximum_fragments, __ATOMIC_RELAXED);
}

VOID imp_WdfDmaEnablerSetMaximumScatterGatherElements(PWDF_DRIVER_GLOBALS globals,
                                                      WDFDMAENABLER DmaEnabler,
                                                      size_t MaximumFragments)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(wdf_globals_of(globals), DmaEnabler);
    __atomic_store_n(&e->maximum_fragments, MaximumFragments, __ATOMIC_RELAXED);
}

/* The operating system's limit for one transfer: drvhost has map registers without limit, so
 * it is the enabler's maximum length; 0 for a direction that is not one (the page). */
size_t imp_WdfDmaEnablerGetFragmentLength(PWDF_DRIVER_GLOBALS globals, WDFDMAENABLER DmaEnabler,
                                          WDF_DMA_DIRECTION DmaDirection)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(wdf_globals_of(globals), DmaEnabler);
    if (DmaDirection != WdfDmaDirectionReadFromDevice &&
        DmaDirection != WdfDmaDirectionWriteToDevice)
        return 0;
    return e->maximum_length;
}

/* ---- common buffers ------------------------------------------------------------------------ */

static void wdf_common_buffer_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct wdf_common_buffer, obj)->memory);
}

/* `alignment`: FILE_xxx_ALIGNMENT, one less than a power of two; word alignment at least. */
static NTSTATUS wdf_common_buffer_create(struct wdf_globals *g, WDFDMAENABLER DmaEnabler,
                                         size_t length, ULONG alignment,
                                         PWDF_OBJECT_ATTRIBUTES attributes, WDFCOMMONBUFFER *out)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(g, DmaEnabler);
    size_t align = (size_t)(alignment | 1u) + 1, rounded;
    struct wdf_common_buffer *cb;
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, out);
    *out = NULL;
    if (length == 0 || (align & (align - 1)) != 0 ||
        (attributes != NULL && attributes->ParentObject != NULL))
        return STATUS_INVALID_PARAMETER;
    if (align < sizeof(void *))
        align = sizeof(void *); /* aligned_alloc's smallest useful alignment */
    rounded = (length + align - 1) & ~(align - 1);
    if (rounded < length)
        return STATUS_INVALID_PARAMETER;
    status = wdf_object_create(g, WDF_TYPE_COMMONBUFFER, sizeof(*cb), attributes, &e->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    cb = CONTAINING_RECORD(o, struct wdf_common_buffer, obj);
    cb->memory = aligned_alloc(align, rounded);
    if (cb->memory == NULL) {
        wdf_object_delete(o);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    memset(cb->memory, 0, rounded);
    cb->length = length;
    o->type_destroy = wdf_common_buffer_destroy;
    *out = (WDFCOMMONBUFFER)cb;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfCommonBufferCreate(PWDF_DRIVER_GLOBALS globals, WDFDMAENABLER DmaEnabler,
                                   size_t Length, PWDF_OBJECT_ATTRIBUTES Attributes,
                                   WDFCOMMONBUFFER *CommonBuffer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    ULONG alignment = WDF_DMA_ENABLER_GET(g, DmaEnabler)->alignment;
    return wdf_common_buffer_create(g, DmaEnabler, Length, alignment, Attributes, CommonBuffer);
}

NTSTATUS imp_WdfCommonBufferCreateWithConfig(PWDF_DRIVER_GLOBALS globals, WDFDMAENABLER DmaEnabler,
                                             size_t Length, PWDF_COMMON_BUFFER_CONFIG Config,
                                             PWDF_OBJECT_ATTRIBUTES Attributes,
                                             WDFCOMMONBUFFER *CommonBuffer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    WDF_CHECK_NOT_NULL(g, Config);
    if (Config->Size != sizeof(*Config))
        return STATUS_INFO_LENGTH_MISMATCH;
    return wdf_common_buffer_create(g, DmaEnabler, Length, Config->AlignmentRequirement, Attributes,
                                    CommonBuffer);
}

PVOID imp_WdfCommonBufferGetAlignedVirtualAddress(PWDF_DRIVER_GLOBALS globals,
                                                  WDFCOMMONBUFFER CommonBuffer)
{
    return WDF_COMMON_BUFFER_GET(wdf_globals_of(globals), CommonBuffer)->memory;
}

/* The device's view of the buffer: its host virtual address (see the file comment). */
PHYSICAL_ADDRESS imp_WdfCommonBufferGetAlignedLogicalAddress(PWDF_DRIVER_GLOBALS globals,
                                                             WDFCOMMONBUFFER CommonBuffer)
{
    PHYSICAL_ADDRESS a;
    a.QuadPart =
        (LONGLONG)(ULONG_PTR)WDF_COMMON_BUFFER_GET(wdf_globals_of(globals), CommonBuffer)->memory;
    return a;
}

size_t imp_WdfCommonBufferGetLength(PWDF_DRIVER_GLOBALS globals, WDFCOMMONBUFFER CommonBuffer)
{
    return WDF_COMMON_BUFFER_GET(wdf_globals_of(globals), CommonBuffer)->length;
}
