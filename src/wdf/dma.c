/*
 * dma.c - DMA enablers and common buffers (wdfdmaenabler.h, wdfcommonbuffer.h).
 *
 * drvhost has no DMA hardware: an enabler records the device's DMA description (profile,
 * maximum length, scatter/gather limit, the device's alignment) and holds the WDM adapters
 * IoGetDmaAdapter gives for it (src/io/dma.c, docs/dma.md: one, or one a direction for a duplex
 * profile), which WdfDmaEnablerWdmGetDmaAdapter returns. A common buffer is host memory the
 * driver and a simulated device share. Its "logical" address (what the driver programs into its
 * device) is the buffer's host virtual address: the simulated device of a test addresses host
 * memory directly, so there is no translation; a profile (or AddressWidthOverride) of 32 bits
 * or fewer gets its common buffers below 4 GiB (docs/wdf.md, "DMA"). A system-mode profile's
 * adapters (DMA version 3, a subordinate device: the simulated system DMA controller channel of
 * src/io/dma.c) come from WdfDmaEnablerConfigureSystemProfile. DMA transactions: see
 * "transactions" below.
 *
 * Lifetime: an enabler's parent is its device, a common buffer's its enabler (the pages); the
 * buffer's memory goes with the common buffer object, the adapters with the enabler. Nothing
 * here is shared after creation but the scatter/gather limit (atomic).
 */
#include <stdlib.h>
#include <string.h>

#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

struct wdf_dma_enabler {
    struct wdf_object obj;
    struct wdf_device *device;
    WDF_DMA_PROFILE profile;
    size_t maximum_length;
    size_t maximum_fragments; /* atomic; WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS at first */
    ULONG alignment;          /* the device's AlignmentRequirement when the enabler was made */
    ULONG flags;              /* WDF_DMA_ENABLER_CONFIG_FLAGS (KMDF 1.11; 0 before) */
    PDMA_ADAPTER adapter[2];  /* [read, write]: the same one unless the profile is duplex */
    BOOLEAN below_4g;         /* the device addresses 32 bits (or fewer) */
    BOOLEAN system;           /* a system-mode profile (adapters: ConfigureSystemProfile) */
    ULONG version;            /* the adapters' DMA version */
    ULONG registers[2];       /* the map registers IoGetDmaAdapter granted [read, write] */
};

struct wdf_common_buffer {
    struct wdf_object obj;
    void *memory; /* aligned as asked, inside block */
    void *block;  /* aligned_alloc's block, or os_pages_alloc's pages (below 4 GiB) */
    size_t pages; /* the pages' size; 0 for an aligned_alloc block */
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
    if ((c->Profile == WdfDmaProfileSystem || c->Profile == WdfDmaProfileSystemDuplex) &&
        c->Size > 72 && c->WdmDmaVersionOverride != 0 && c->WdmDmaVersionOverride != 3) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDmaEnablerCreate: a system-mode DMA profile needs DMA version "
                 "3, not %lu",
                 g->pub.DriverName, (unsigned long)c->WdmDmaVersionOverride);
        return STATUS_NOT_SUPPORTED;
    }
    return STATUS_SUCCESS;
}

static BOOLEAN wdf_dma_is_duplex(WDF_DMA_PROFILE p)
{
    return p == WdfDmaProfileScatterGatherDuplex || p == WdfDmaProfileScatterGather64Duplex ||
           p == WdfDmaProfileSystemDuplex;
}

static void wdf_dma_put_adapters(struct wdf_dma_enabler *e)
{
    for (int i = 0; i < 2; i++)
        if (e->adapter[i] != NULL && (i == 0 || e->adapter[1] != e->adapter[0]))
            e->adapter[i]->DmaOperations->PutDmaAdapter(e->adapter[i]);
    e->adapter[0] = e->adapter[1] = NULL;
}

static void wdf_dma_enabler_destroy(struct wdf_object *o)
{
    wdf_dma_put_adapters(CONTAINING_RECORD(o, struct wdf_dma_enabler, obj));
}

/* The enabler's WDM adapters: a bus master described by its profile, DMA version 2 unless the
 * driver asks for another (WdmDmaVersionOverride: 1 to 3; another is STATUS_NOT_SUPPORTED). */
static NTSTATUS wdf_dma_get_adapters(struct wdf_globals *g, struct wdf_dma_enabler *e,
                                     PWDF_DMA_ENABLER_CONFIG c)
{
    DEVICE_DESCRIPTION d;
    ULONG registers;
    RtlZeroMemory(&d, sizeof(d));
    d.Version = c->Size > 72 && c->WdmDmaVersionOverride != 0 ? c->WdmDmaVersionOverride
                                                              : DEVICE_DESCRIPTION_VERSION2;
    d.Master = TRUE;
    d.ScatterGather = e->profile != WdfDmaProfilePacket && e->profile != WdfDmaProfilePacket64;
    d.Dma32BitAddresses = TRUE;
    d.Dma64BitAddresses = e->profile == WdfDmaProfilePacket64 ||
                          e->profile == WdfDmaProfileScatterGather64 ||
                          e->profile == WdfDmaProfileScatterGather64Duplex;
    d.InterfaceType = InterfaceTypeUndefined;
    d.MaximumLength = c->MaximumLength > MAXULONG ? MAXULONG : (ULONG)c->MaximumLength;
    for (int i = 0; i < (wdf_dma_is_duplex(e->profile) ? 2 : 1); i++) {
        e->adapter[i] = d.Version <= DEVICE_DESCRIPTION_VERSION3
                            ? IoGetDmaAdapter(e->device->pdo, &d, &registers)
                            : NULL;
        if (e->adapter[i] == NULL) {
            rtl_diag(RTL_DIAG_ERROR, "wdf",
                     "driver '%s': WdfDmaEnablerCreate: no DMA adapter of version %lu",
                     g->pub.DriverName, (unsigned long)d.Version);
            return STATUS_NOT_SUPPORTED;
        }
        e->registers[i] = e->registers[1] = registers;
    }
    if (e->adapter[1] == NULL)
        e->adapter[1] = e->adapter[0];
    e->version = d.Version;
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
    if (Config->Size > 72)
        e->flags = Config->Flags;
    e->below_4g = Config->AddressWidthOverride != 0
                      ? Config->AddressWidthOverride <= 32
                      : Config->Profile == WdfDmaProfilePacket ||
                            Config->Profile == WdfDmaProfileScatterGather ||
                            Config->Profile == WdfDmaProfileScatterGatherDuplex;
    o->type_destroy = wdf_dma_enabler_destroy;
    e->system =
        Config->Profile == WdfDmaProfileSystem || Config->Profile == WdfDmaProfileSystemDuplex;
    e->version = DEVICE_DESCRIPTION_VERSION3;
    status = e->system ? STATUS_SUCCESS : wdf_dma_get_adapters(g, e, Config);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(o);
        return status;
    }
    *DmaEnablerHandle = (WDFDMAENABLER)e;
    return STATUS_SUCCESS;
}

/* NULL for a direction that is not one (the page). */
PDMA_ADAPTER imp_WdfDmaEnablerWdmGetDmaAdapter(PWDF_DRIVER_GLOBALS globals,
                                               WDFDMAENABLER DmaEnabler,
                                               WDF_DMA_DIRECTION DmaDirection)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(wdf_globals_of(globals), DmaEnabler);
    if (DmaDirection != WdfDmaDirectionReadFromDevice &&
        DmaDirection != WdfDmaDirectionWriteToDevice)
        return NULL;
    return e->adapter[DmaDirection == WdfDmaDirectionWriteToDevice];
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

/* A system DMA channel for the description: the descriptor's channel and request line
 * (DmaV3's, or Dma's channel for both), the enabler's length and address width. */
static void wdf_dma_system_description(struct wdf_dma_enabler *e, PWDF_DMA_SYSTEM_PROFILE_CONFIG c,
                                       PDEVICE_DESCRIPTION d)
{
    PCM_PARTIAL_RESOURCE_DESCRIPTOR r = c->DmaDescriptor;
    RtlZeroMemory(d, sizeof(*d));
    d->Version = DEVICE_DESCRIPTION_VERSION3;
    d->Master = FALSE;
    d->ScatterGather = TRUE;
    d->DemandMode = c->DemandMode;
    d->AutoInitialize = c->LoopedTransfer;
    d->Dma32BitAddresses = TRUE;
    d->Dma64BitAddresses = !e->below_4g;
    d->DmaAddressWidth = e->below_4g ? 32 : 64;
    d->DmaWidth = c->DmaWidth;
    d->DeviceAddress = c->DeviceAddress;
    d->InterfaceType = InterfaceTypeUndefined;
    d->MaximumLength = e->maximum_length > MAXULONG ? MAXULONG : (ULONG)e->maximum_length;
    d->DmaChannel = (r->Flags & CM_RESOURCE_DMA_V3) ? r->u.DmaV3.Channel : r->u.Dma.Channel;
    d->DmaRequestLine = (r->Flags & CM_RESOURCE_DMA_V3) ? r->u.DmaV3.RequestLine : d->DmaChannel;
}

/* A system profile's adapter (the direction's, for a duplex profile; both otherwise), replacing
 * one configured before. A bus-master profile: STATUS_INVALID_DEVICE_REQUEST (drvhost's; the
 * page names none); a descriptor that is not CmResourceTypeDma: STATUS_INVALID_PARAMETER. */
NTSTATUS imp_WdfDmaEnablerConfigureSystemProfile(PWDF_DRIVER_GLOBALS globals,
                                                 WDFDMAENABLER DmaEnabler,
                                                 PWDF_DMA_SYSTEM_PROFILE_CONFIG ProfileConfig,
                                                 WDF_DMA_DIRECTION ConfigDirection)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(g, DmaEnabler);
    BOOLEAN duplex = wdf_dma_is_duplex(e->profile);
    int i = ConfigDirection == WdfDmaDirectionWriteToDevice;
    DEVICE_DESCRIPTION d;
    PDMA_ADAPTER adapter;
    ULONG registers;
    if (ProfileConfig == NULL)
        return STATUS_INVALID_PARAMETER;
    if (ProfileConfig->Size != sizeof(*ProfileConfig))
        return STATUS_INFO_LENGTH_MISMATCH;
    if (ProfileConfig->DmaDescriptor == NULL ||
        (duplex && ConfigDirection != WdfDmaDirectionReadFromDevice &&
         ConfigDirection != WdfDmaDirectionWriteToDevice) ||
        ProfileConfig->DmaDescriptor->Type != CmResourceTypeDma)
        return STATUS_INVALID_PARAMETER;
    if (!e->system)
        return STATUS_INVALID_DEVICE_REQUEST;
    wdf_dma_system_description(e, ProfileConfig, &d);
    adapter = IoGetDmaAdapter(e->device->pdo, &d, &registers);
    if (adapter == NULL)
        return STATUS_NOT_SUPPORTED;
    if (!duplex)
        wdf_dma_put_adapters(e);
    else if (e->adapter[i] != NULL)
        e->adapter[i]->DmaOperations->PutDmaAdapter(e->adapter[i]);
    for (int k = 0; k < 2; k++)
        if (!duplex || k == i) {
            e->adapter[k] = adapter;
            e->registers[k] = registers;
        }
    return STATUS_SUCCESS;
}

/* ---- common buffers ------------------------------------------------------------------------ */

static void wdf_common_buffer_destroy(struct wdf_object *o)
{
    struct wdf_common_buffer *cb = CONTAINING_RECORD(o, struct wdf_common_buffer, obj);
    if (cb->pages != 0)
        os_pages_free(cb->block, cb->pages);
    else
        free(cb->block);
}

/* The buffer's memory: `rounded` bytes aligned to `align`; pages below 4 GiB for a device that
 * addresses 32 bits (os_pages_alloc: zeroed, page-aligned; more when align is above a page). */
static BOOLEAN wdf_common_buffer_alloc(struct wdf_common_buffer *cb, BOOLEAN below_4g, size_t align,
                                       size_t rounded)
{
    if (!below_4g) {
        cb->block = cb->memory = aligned_alloc(align, rounded);
        if (cb->memory != NULL)
            memset(cb->memory, 0, rounded);
        return cb->memory != NULL;
    }
    cb->pages = ROUND_TO_PAGES(rounded + (align > PAGE_SIZE ? align : 0));
    cb->block = os_pages_alloc(cb->pages, TRUE);
    if (cb->block == NULL) {
        cb->pages = 0;
        return FALSE;
    }
    cb->memory = (void *)(((ULONG_PTR)cb->block + align - 1) & ~(ULONG_PTR)(align - 1));
    return TRUE;
}

/* `alignment`: FILE_xxx_ALIGNMENT, one less than a power of two; word alignment at least. */
static NTSTATUS wdf_common_buffer_create(struct wdf_globals *g, WDFDMAENABLER DmaEnabler,
                                         size_t length, ULONG alignment,
                                         PWDF_OBJECT_ATTRIBUTES attributes, WDFCOMMONBUFFER *out,
                                         const char *ddi)
{
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(g, DmaEnabler);
    size_t align = (size_t)(alignment | 1u) + 1, rounded;
    struct wdf_common_buffer *cb;
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, out);
    *out = NULL;
    /* The enabler is the parent (the pages). */
    status = wdf_parent_refused(g, attributes, ddi);
    if (!NT_SUCCESS(status))
        return status;
    if (length == 0 || (align & (align - 1)) != 0)
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
    if (!wdf_common_buffer_alloc(cb, e->below_4g, align, rounded)) {
        wdf_object_delete(o);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
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
    return wdf_common_buffer_create(g, DmaEnabler, Length, alignment, Attributes, CommonBuffer,
                                    "WdfCommonBufferCreate");
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
                                    CommonBuffer, "WdfCommonBufferCreateWithConfig");
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

/* ---- transactions ------------------------------------------------------------------------- */

/*
 * A transaction is a buffer (an MDL chain, an offset into it, a length) split into transfers:
 * each transfer is at most the transaction's maximum length; its scatter/gather list has one
 * element per MDL piece it covers (an MDL's bytes are one host-contiguous range, so no page
 * splitting), and a packet profile's transfer stops at the end of an MDL (one element).
 * Element addresses are host virtual addresses, as for common buffers. Execute hands the first
 * transfer to EvtProgramDma at once (map registers never run short); each DmaCompleted[WithLength]
 * that leaves bytes hands the next one to EvtProgramDma before it returns FALSE.
 *
 * Locking: none; the driver makes a transaction's calls one at a time (Execute, then the
 * DmaCompleted of its DPC), as on Windows. Misuse of the state is 0x10D/0x8 (the bug-check
 * page: "an operation occurred on a DMA transaction object while it was not in the correct
 * state"). Lifetime: the parent is the enabler unless the attributes name one; the scatter/
 * gather list lives from Initialize to Release (or deletion).
 */
enum wdf_dma_state {
    WDF_DMA_CREATED,     /* created or released: Initialize may follow */
    WDF_DMA_INITIALIZED, /* Execute may follow (or Release) */
    WDF_DMA_EXECUTING,   /* a transfer is with the device */
    WDF_DMA_COMPLETED,   /* DmaCompleted returned TRUE: Release or delete */
};

struct wdf_dma_transaction {
    struct wdf_object obj;
    struct wdf_dma_enabler *enabler;
    enum wdf_dma_state state;
    BOOLEAN released; /* Release ran and nothing was initialized since */
    PFN_WDF_PROGRAM_DMA program;
    WDF_DMA_DIRECTION direction;
    PMDL mdl;              /* the chain's first MDL */
    size_t offset, length; /* where the transaction starts in the chain, its length */
    size_t maximum_length; /* of one transfer */
    size_t position;       /* bytes before the current transfer */
    size_t current;        /* the current transfer's length */
    size_t transferred;
    WDFCONTEXT context;
    WDFREQUEST request;
    BOOLEAN single_transfer, immediate, reserved;
    PSCATTER_GATHER_LIST sg;
    ULONG sg_capacity;
    /* DMA version 3 and system-mode DMA ("System-mode transactions" below). */
    PDMA_ADAPTER adapter; /* a version-3 enabler's, of the direction (Initialize) */
    PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE transfer_complete;
    PVOID transfer_complete_context;
    PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL configure;
    PVOID configure_context;
    ULONG device_offset;
    PVOID map_base;   /* the channel's map registers while the transaction holds it */
    BOOLEAN mapped;   /* a transfer mapped and not flushed yet */
    BOOLEAN deleting; /* no more callbacks */
    BOOLEAN stopped;  /* WdfDmaTransactionStopSystemTransfer: the next DmaCompleted ends it */
    int programming;  /* atomic: 1 while EvtProgramDma runs, 2 if the transfer ended then */
    DMA_COMPLETION_STATUS early_status;
    ULONGLONG wdm_context[DMA_TRANSFER_CONTEXT_SIZE_V1 / sizeof(ULONGLONG)];
};

#define WDF_DMA_TRANSACTION_GET(g, h)                                                              \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DMATRANSACTION), struct wdf_dma_transaction,   \
                      obj)

static const char *const wdf_dma_state_names[] = {"created", "initialized", "executing",
                                                  "completed"};

__attribute__((noreturn)) static void wdf_dma_bad_state(struct wdf_globals *g,
                                                        struct wdf_dma_transaction *t,
                                                        const char *ddi)
{
    wdf_violation(g, VF_10D_DMA_STATE, (ULONG_PTR)t, 0, 0,
                  "driver '%s': %s: DMA transaction %p is %s, not in a state that allows it",
                  g->pub.DriverName, ddi, (void *)t, wdf_dma_state_names[t->state]);
}

static BOOLEAN wdf_dma_is_packet(struct wdf_dma_enabler *e)
{
    return e->profile == WdfDmaProfilePacket || e->profile == WdfDmaProfilePacket64;
}

static void wdf_dma_system_stop(struct wdf_dma_transaction *t);

static void wdf_dma_transaction_destroy(struct wdf_object *o)
{
    struct wdf_dma_transaction *t = CONTAINING_RECORD(o, struct wdf_dma_transaction, obj);
    wdf_dma_system_stop(t); /* deleted while it holds a system channel */
    free(t->sg);
}

/* The transfer that starts `position` bytes into the transaction, `limit` bytes at most:
 * returns its length; *elements is its number of scatter/gather elements, written into `sg`
 * (if not NULL; its capacity is the chain's MDL count, which bounds any transfer's). */
static size_t wdf_dma_transfer(struct wdf_dma_transaction *t, size_t position, size_t limit,
                               PSCATTER_GATHER_LIST sg, ULONG *elements)
{
    size_t skip = t->offset + position, want = t->length - position, done = 0;
    PMDL m = t->mdl;
    ULONG n = 0;
    if (want > limit)
        want = limit;
    while (m != NULL && skip >= MmGetMdlByteCount(m)) {
        skip -= MmGetMdlByteCount(m);
        m = m->Next;
    }
    for (; m != NULL && want > 0; m = m->Next, skip = 0) {
        size_t piece = MmGetMdlByteCount(m) - skip;
        if (piece > want)
            piece = want;
        if (sg != NULL) {
            PUCHAR va = MmGetSystemAddressForMdlSafe(m, NormalPagePriority);
            sg->Elements[n].Address.QuadPart = (LONGLONG)(ULONG_PTR)(va + skip);
            sg->Elements[n].Length = (ULONG)piece;
            sg->Elements[n].Reserved = 0;
        }
        n++;
        done += piece;
        want -= piece;
        if (wdf_dma_is_packet(t->enabler))
            break; /* a packet device takes one contiguous range per transfer */
    }
    if (sg != NULL)
        sg->NumberOfElements = n;
    *elements = n;
    return done;
}

/* Whether every transfer fits the device: its fragment limit, a single transfer's length. */
static NTSTATUS wdf_dma_check_transfers(struct wdf_dma_transaction *t)
{
    size_t fragments = __atomic_load_n(&t->enabler->maximum_fragments, __ATOMIC_RELAXED),
           position = 0;
    ULONG n;
    if (t->single_transfer ||
        (t->enabler->flags & WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER)) {
        if (t->length > t->maximum_length)
            return STATUS_WDF_TOO_MANY_TRANSFERS;
        if (wdf_dma_transfer(t, 0, t->maximum_length, NULL, &n) < t->length)
            return STATUS_WDF_TOO_FRAGMENTED; /* a packet device over several MDLs */
    }
    while (position < t->length) {
        position += wdf_dma_transfer(t, position, t->maximum_length, NULL, &n);
        if (n > fragments)
            return STATUS_WDF_TOO_FRAGMENTED;
    }
    return STATUS_SUCCESS;
}

/* A version-3 enabler's transaction gets the direction's adapter and a WDM transfer context
 * (WdfDmaTransactionWdmGetTransferContext); a system profile not configured for the direction
 * is STATUS_INVALID_DEVICE_REQUEST (drvhost's; the pages name none). */
static NTSTATUS wdf_dma_v3_initialize(struct wdf_globals *g, struct wdf_dma_transaction *t)
{
    struct wdf_dma_enabler *e = t->enabler;
    t->adapter = NULL;
    t->stopped = FALSE;
    if (e->version != DEVICE_DESCRIPTION_VERSION3)
        return STATUS_SUCCESS;
    t->adapter = e->adapter[t->direction == WdfDmaDirectionWriteToDevice];
    if (t->adapter == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': DMA transaction %p: WdfDmaEnablerConfigureSystemProfile did not "
                 "configure its direction",
                 g->pub.DriverName, (void *)t);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return t->adapter->DmaOperations->InitializeDmaTransferContext(t->adapter, t->wdm_context);
}

static NTSTATUS wdf_dma_initialize(struct wdf_globals *g, struct wdf_dma_transaction *t,
                                   PFN_WDF_PROGRAM_DMA program, WDF_DMA_DIRECTION direction,
                                   PMDL mdl, size_t offset, size_t length, const char *ddi)
{
    size_t available = 0;
    ULONG mdls = 0;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, program);
    WDF_CHECK_NOT_NULL(g, mdl);
    if (t->state != WDF_DMA_CREATED)
        wdf_dma_bad_state(g, t, ddi);
    if (direction != WdfDmaDirectionReadFromDevice && direction != WdfDmaDirectionWriteToDevice)
        return STATUS_INVALID_PARAMETER;
    for (PMDL m = mdl; m != NULL; m = m->Next, mdls++)
        available += MmGetMdlByteCount(m);
    if (length == 0 || offset >= available || length > available - offset)
        return STATUS_INVALID_PARAMETER;
    t->program = program;
    t->direction = direction;
    t->mdl = mdl;
    t->offset = offset;
    t->length = length;
    t->maximum_length = t->enabler->maximum_length;
    status = wdf_dma_check_transfers(t);
    if (!NT_SUCCESS(status))
        return status;
    status = wdf_dma_v3_initialize(g, t);
    if (!NT_SUCCESS(status))
        return status;
    t->sg = malloc(sizeof(*t->sg) + (size_t)mdls * sizeof(t->sg->Elements[0]));
    if (t->sg == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    t->sg_capacity = mdls;
    t->position = t->current = t->transferred = 0;
    t->released = FALSE;
    t->state = WDF_DMA_INITIALIZED;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDmaTransactionCreate(PWDF_DRIVER_GLOBALS globals, WDFDMAENABLER DmaEnabler,
                                     PWDF_OBJECT_ATTRIBUTES Attributes,
                                     WDFDMATRANSACTION *DmaTransaction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_enabler *e = WDF_DMA_ENABLER_GET(g, DmaEnabler);
    struct wdf_dma_transaction *t;
    struct wdf_object *o;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, DmaTransaction);
    *DmaTransaction = NULL;
    /* The enabler is the parent (the page). */
    status = wdf_parent_refused(g, Attributes, "WdfDmaTransactionCreate");
    if (!NT_SUCCESS(status))
        return status;
    status = wdf_object_create(g, WDF_TYPE_DMATRANSACTION, sizeof(*t), Attributes, &e->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    t = CONTAINING_RECORD(o, struct wdf_dma_transaction, obj);
    t->enabler = e;
    t->state = WDF_DMA_CREATED;
    o->type_destroy = wdf_dma_transaction_destroy;
    *DmaTransaction = (WDFDMATRANSACTION)t;
    return STATUS_SUCCESS;
}

NTSTATUS imp_WdfDmaTransactionInitialize(PWDF_DRIVER_GLOBALS globals,
                                         WDFDMATRANSACTION DmaTransaction,
                                         PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
                                         WDF_DMA_DIRECTION DmaDirection, PMDL Mdl,
                                         PVOID VirtualAddress, size_t Length)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    ULONG_PTR start, va;
    WDF_CHECK_NOT_NULL(g, Mdl);
    /* VirtualAddress lies in the first MDL: the transaction starts that far into it. */
    start = (ULONG_PTR)MmGetMdlVirtualAddress(Mdl);
    va = (ULONG_PTR)VirtualAddress;
    if (va < start || va - start >= MmGetMdlByteCount(Mdl))
        return STATUS_INVALID_PARAMETER;
    t->request = NULL;
    return wdf_dma_initialize(g, t, EvtProgramDmaFunction, DmaDirection, Mdl, va - start, Length,
                              "WdfDmaTransactionInitialize");
}

NTSTATUS imp_WdfDmaTransactionInitializeUsingOffset(PWDF_DRIVER_GLOBALS globals,
                                                    WDFDMATRANSACTION DmaTransaction,
                                                    PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
                                                    WDF_DMA_DIRECTION DmaDirection, PMDL Mdl,
                                                    size_t Offset, size_t Length)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    t->request = NULL;
    return wdf_dma_initialize(g, t, EvtProgramDmaFunction, DmaDirection, Mdl, Offset, Length,
                              "WdfDmaTransactionInitializeUsingOffset");
}

/* The request's buffer and the direction its type allows (the page): a read or a
 * METHOD_OUT_DIRECT device control is read from the device, a write or a METHOD_IN_DIRECT one
 * written to it; other requests are STATUS_INVALID_DEVICE_REQUEST, the other direction
 * STATUS_INVALID_PARAMETER. */
static NTSTATUS wdf_dma_request_buffer(struct wdf_request *r, WDF_DMA_DIRECTION direction,
                                       PMDL *mdl)
{
    PIO_STACK_LOCATION s = IoGetCurrentIrpStackLocation(r->irp);
    WDF_DMA_DIRECTION allowed;
    switch (s->MajorFunction) {
    case IRP_MJ_READ:
        allowed = WdfDmaDirectionReadFromDevice;
        break;
    case IRP_MJ_WRITE:
        allowed = WdfDmaDirectionWriteToDevice;
        break;
    case IRP_MJ_DEVICE_CONTROL:
    case IRP_MJ_INTERNAL_DEVICE_CONTROL:
        switch (METHOD_FROM_CTL_CODE(s->Parameters.DeviceIoControl.IoControlCode)) {
        case METHOD_OUT_DIRECT:
            allowed = WdfDmaDirectionReadFromDevice;
            break;
        case METHOD_IN_DIRECT:
            allowed = WdfDmaDirectionWriteToDevice;
            break;
        default:
            return STATUS_INVALID_DEVICE_REQUEST;
        }
        break;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (direction != allowed)
        return STATUS_INVALID_PARAMETER;
    /* A write's data is its input buffer; a direct device control's MDL is its output one. */
    return wdf_request_mdl(r, s->MajorFunction == IRP_MJ_WRITE, mdl);
}

NTSTATUS imp_WdfDmaTransactionInitializeUsingRequest(PWDF_DRIVER_GLOBALS globals,
                                                     WDFDMATRANSACTION DmaTransaction,
                                                     WDFREQUEST Request,
                                                     PFN_WDF_PROGRAM_DMA EvtProgramDmaFunction,
                                                     WDF_DMA_DIRECTION DmaDirection)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(g, Request, WDF_TYPE_REQUEST), struct wdf_request, obj);
    PMDL mdl = NULL;
    NTSTATUS status;
    if (t->state != WDF_DMA_CREATED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionInitializeUsingRequest");
    status = wdf_dma_request_buffer(r, DmaDirection, &mdl);
    if (!NT_SUCCESS(status))
        return status;
    status = wdf_dma_initialize(g, t, EvtProgramDmaFunction, DmaDirection, mdl, 0,
                                MmGetMdlByteCount(mdl), "WdfDmaTransactionInitializeUsingRequest");
    t->request = NT_SUCCESS(status) ? Request : NULL;
    return status;
}

static void wdf_dma_system_program(struct wdf_dma_transaction *t);

/* Hands the transfer at t->position to the driver's EvtProgramDma (its return value is
 * ignored, as the page says the framework does). */
static void wdf_dma_program(struct wdf_dma_transaction *t)
{
    ULONG n;
    if (t->enabler->system) {
        wdf_dma_system_program(t);
        return;
    }
    t->current = wdf_dma_transfer(t, t->position, t->maximum_length, t->sg, &n);
    (void)t->program((WDFDMATRANSACTION)t, (WDFDEVICE)t->enabler->device, t->context, t->direction,
                     t->sg);
}

static NTSTATUS wdf_dma_system_execute(struct wdf_dma_transaction *t);

NTSTATUS imp_WdfDmaTransactionExecute(PWDF_DRIVER_GLOBALS globals, WDFDMATRANSACTION DmaTransaction,
                                      WDFCONTEXT Context)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    NTSTATUS status;
    if (t->state == WDF_DMA_CREATED)
        return STATUS_INVALID_DEVICE_REQUEST; /* not initialized (the page) */
    if (t->state != WDF_DMA_INITIALIZED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionExecute"); /* "only once" (the page) */
    status = wdf_dma_check_transfers(t); /* WdfDmaTransactionSetMaximumLength may have run */
    if (!NT_SUCCESS(status))
        return status;
    t->context = Context;
    t->state = WDF_DMA_EXECUTING; /* before the callback: it may complete the transaction */
    if (t->enabler->system)
        return wdf_dma_system_execute(t);
    wdf_dma_program(t);
    return STATUS_SUCCESS;
}

static void wdf_dma_system_flush(struct wdf_dma_transaction *t);
static void wdf_dma_system_release(struct wdf_dma_transaction *t);

/* The end of the current transfer, `length` bytes of it done (`final`: no more transfers,
 * WdfDmaTransactionDmaCompletedFinal). TRUE when the transaction is over. */
static BOOLEAN wdf_dma_completed(struct wdf_globals *g, WDFDMATRANSACTION handle, size_t length,
                                 BOOLEAN final, NTSTATUS *status, const char *ddi)
{
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, handle);
    WDF_CHECK_NOT_NULL(g, status);
    if (t->state != WDF_DMA_EXECUTING)
        wdf_dma_bad_state(g, t, ddi);
    if (length > t->current) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': %s: %zu bytes transferred of a %zu-byte transfer (transaction %p)",
                 g->pub.DriverName, ddi, length, t->current, (void *)t);
        *status = STATUS_INVALID_PARAMETER;
        return FALSE;
    }
    t->transferred += length;
    wdf_dma_system_flush(t);
    if (t->stopped) { /* StopSystemTransfer: over, TRUE only if the callback told the driver */
        t->state = WDF_DMA_COMPLETED;
        wdf_dma_system_release(t);
        *status = STATUS_CANCELLED;
        return t->transfer_complete != NULL;
    }
    t->position += length;
    if (final || t->position >= t->length) {
        t->state = WDF_DMA_COMPLETED;
        wdf_dma_system_release(t);
        *status = STATUS_SUCCESS;
        return TRUE;
    }
    if (t->single_transfer ||
        (t->enabler->flags & WDF_DMA_ENABLER_CONFIG_REQUIRE_SINGLE_TRANSFER)) {
        t->state = WDF_DMA_COMPLETED; /* the device fell short of the single transfer */
        wdf_dma_system_release(t);
        *status = STATUS_WDF_TOO_MANY_TRANSFERS;
        return TRUE;
    }
    *status = STATUS_MORE_PROCESSING_REQUIRED;
    wdf_dma_program(t);
    return FALSE;
}

BOOLEAN imp_WdfDmaTransactionDmaCompleted(PWDF_DRIVER_GLOBALS globals,
                                          WDFDMATRANSACTION DmaTransaction, NTSTATUS *Status)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    return wdf_dma_completed(g, DmaTransaction, WDF_DMA_TRANSACTION_GET(g, DmaTransaction)->current,
                             FALSE, Status, "WdfDmaTransactionDmaCompleted");
}

BOOLEAN imp_WdfDmaTransactionDmaCompletedWithLength(PWDF_DRIVER_GLOBALS globals,
                                                    WDFDMATRANSACTION DmaTransaction,
                                                    size_t TransferredLength, NTSTATUS *Status)
{
    return wdf_dma_completed(wdf_globals_of(globals), DmaTransaction, TransferredLength, FALSE,
                             Status, "WdfDmaTransactionDmaCompletedWithLength");
}

BOOLEAN imp_WdfDmaTransactionDmaCompletedFinal(PWDF_DRIVER_GLOBALS globals,
                                               WDFDMATRANSACTION DmaTransaction,
                                               size_t FinalTransferredLength, NTSTATUS *Status)
{
    return wdf_dma_completed(wdf_globals_of(globals), DmaTransaction, FinalTransferredLength, TRUE,
                             Status, "WdfDmaTransactionDmaCompletedFinal");
}

/* Back to "created": the scatter/gather list and the per-transaction settings go (the
 * SetSingleTransferRequirement page: they reset on Release). Releasing a transaction whose
 * transfer is with the device is 0x10D/0x8; a second Release STATUS_INVALID_DEVICE_STATE. */
NTSTATUS imp_WdfDmaTransactionRelease(PWDF_DRIVER_GLOBALS globals, WDFDMATRANSACTION DmaTransaction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    if (t->state == WDF_DMA_EXECUTING)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionRelease");
    if (t->state == WDF_DMA_CREATED)
        return t->released ? STATUS_INVALID_DEVICE_STATE : STATUS_SUCCESS;
    free(t->sg);
    t->sg = NULL;
    t->sg_capacity = 0;
    t->request = NULL;
    t->single_transfer = t->immediate = t->reserved = FALSE;
    t->transfer_complete = NULL; /* the Set*Callback pages: Release clears them */
    t->configure = NULL;
    t->state = WDF_DMA_CREATED;
    t->released = TRUE;
    return STATUS_SUCCESS;
}

size_t imp_WdfDmaTransactionGetBytesTransferred(PWDF_DRIVER_GLOBALS globals,
                                                WDFDMATRANSACTION DmaTransaction)
{
    return WDF_DMA_TRANSACTION_GET(wdf_globals_of(globals), DmaTransaction)->transferred;
}

size_t imp_WdfDmaTransactionGetCurrentDmaTransferLength(PWDF_DRIVER_GLOBALS globals,
                                                        WDFDMATRANSACTION DmaTransaction)
{
    return WDF_DMA_TRANSACTION_GET(wdf_globals_of(globals), DmaTransaction)->current;
}

WDFDEVICE imp_WdfDmaTransactionGetDevice(PWDF_DRIVER_GLOBALS globals,
                                         WDFDMATRANSACTION DmaTransaction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    return (WDFDEVICE)WDF_DMA_TRANSACTION_GET(g, DmaTransaction)->enabler->device;
}

/* NULL unless InitializeUsingRequest made the transaction (the page). */
WDFREQUEST imp_WdfDmaTransactionGetRequest(PWDF_DRIVER_GLOBALS globals,
                                           WDFDMATRANSACTION DmaTransaction)
{
    return WDF_DMA_TRANSACTION_GET(wdf_globals_of(globals), DmaTransaction)->request;
}

/* Only below the enabler's maximum, only on an initialized transaction not yet executing
 * (the page: "must initialize the DMA transaction before"); a larger value is ignored. */
VOID imp_WdfDmaTransactionSetMaximumLength(PWDF_DRIVER_GLOBALS globals,
                                           WDFDMATRANSACTION DmaTransaction, size_t MaximumLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    if (t->state != WDF_DMA_INITIALIZED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionSetMaximumLength");
    if (MaximumLength != 0 && MaximumLength < t->enabler->maximum_length)
        t->maximum_length = MaximumLength;
}

/* Before Initialize, after Create or Release (the page); reset by Release. */
VOID imp_WdfDmaTransactionSetSingleTransferRequirement(PWDF_DRIVER_GLOBALS globals,
                                                       WDFDMATRANSACTION DmaTransaction,
                                                       BOOLEAN RequireSingleTransfer)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    if (t->state != WDF_DMA_CREATED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionSetSingleTransferRequirement");
    t->single_transfer = RequireSingleTransfer;
}

/* drvhost never lacks map registers, so Execute never waits: the setting changes nothing. */
VOID imp_WdfDmaTransactionSetImmediateExecution(PWDF_DRIVER_GLOBALS globals,
                                                WDFDMATRANSACTION DmaTransaction,
                                                BOOLEAN UseImmediateExecution)
{
    WDF_DMA_TRANSACTION_GET(wdf_globals_of(globals), DmaTransaction)->immediate =
        UseImmediateExecution;
}

static BOOLEAN wdf_dma_system_cancel(struct wdf_dma_transaction *t);

/* A bus master's Execute hands the first transfer to EvtProgramDma before it returns, so there
 * is never a moment "after Execute, before the framework started the allocation" when cancelling
 * could succeed: FALSE, as the page says for a transaction being processed or not executed yet.
 * A system transaction waiting for the adapter channel is cancelled: TRUE, back to initialized
 * (no callback; the driver releases or executes it again). */
BOOLEAN imp_WdfDmaTransactionCancel(PWDF_DRIVER_GLOBALS globals, WDFDMATRANSACTION DmaTransaction)
{
    return wdf_dma_system_cancel(WDF_DMA_TRANSACTION_GET(wdf_globals_of(globals), DmaTransaction));
}

/* Map registers one a page of each MDL piece (the page, before DMA version 3), elements one an
 * MDL piece (host-contiguous), for the whole initialized transaction. */
VOID imp_WdfDmaTransactionGetTransferInfo(PWDF_DRIVER_GLOBALS globals,
                                          WDFDMATRANSACTION DmaTransaction, ULONG *MapRegisterCount,
                                          ULONG *ScatterGatherElementCount)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    size_t skip, want;
    ULONG pages = 0, elements = 0;
    PMDL m;
    if (t->state != WDF_DMA_INITIALIZED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionGetTransferInfo");
    skip = t->offset;
    want = t->length;
    for (m = t->mdl; m != NULL && want > 0; m = m->Next) {
        size_t piece;
        if (skip >= MmGetMdlByteCount(m)) {
            skip -= MmGetMdlByteCount(m);
            continue;
        }
        piece = MmGetMdlByteCount(m) - skip;
        if (piece > want)
            piece = want;
        pages +=
            (ULONG)ADDRESS_AND_SIZE_TO_SPAN_PAGES((PUCHAR)MmGetMdlVirtualAddress(m) + skip, piece);
        elements++;
        want -= piece;
        skip = 0;
    }
    if (MapRegisterCount != NULL)
        *MapRegisterCount = pages;
    if (ScatterGatherElementCount != NULL)
        *ScatterGatherElementCount = elements;
}

/* Packet and system profiles only (the pages); the resources are always there, so
 * EvtReserveDma runs before this returns. */
NTSTATUS imp_WdfDmaTransactionAllocateResources(PWDF_DRIVER_GLOBALS globals,
                                                WDFDMATRANSACTION DmaTransaction,
                                                WDF_DMA_DIRECTION DmaDirection,
                                                ULONG RequiredMapRegisters,
                                                PFN_WDF_RESERVE_DMA EvtReserveDmaFunction,
                                                PVOID EvtReserveDmaContext)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    (void)RequiredMapRegisters;
    WDF_CHECK_NOT_NULL(g, EvtReserveDmaFunction);
    if (DmaDirection != WdfDmaDirectionReadFromDevice &&
        DmaDirection != WdfDmaDirectionWriteToDevice)
        return STATUS_INVALID_PARAMETER;
    if (!wdf_dma_is_packet(t->enabler))
        return STATUS_INVALID_DEVICE_REQUEST; /* scatter/gather cannot reserve (the page) */
    if (t->reserved || t->state == WDF_DMA_EXECUTING)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionAllocateResources");
    t->reserved = TRUE;
    EvtReserveDmaFunction(DmaTransaction, EvtReserveDmaContext);
    return STATUS_SUCCESS;
}

/* With a scatter/gather enabler "a verifier bug check" (the page): 0x10D/0x8 here. */
VOID imp_WdfDmaTransactionFreeResources(PWDF_DRIVER_GLOBALS globals,
                                        WDFDMATRANSACTION DmaTransaction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    if (!wdf_dma_is_packet(t->enabler) || !t->reserved)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionFreeResources");
    t->reserved = FALSE;
}

/* ---- system-mode transactions -------------------------------------------------------------- */

/*
 * A system profile's transaction (DMA version 3; the simulated system DMA controller of
 * src/io/dma.c). Execute asks for the adapter channel with the transaction's WDM transfer
 * context (AllocateAdapterChannelEx: a channel another transaction holds is waited for, and the
 * AdapterControl routine, wdf_dma_system_granted, runs when it is free). For each transfer:
 * EvtDmaTransactionConfigureDmaChannel (if set; FALSE stops it before EvtProgramDma), MapTransferEx
 * (at the offset of WdfDmaTransactionSetDeviceAddressOffset), EvtProgramDma. The controller moves
 * the bytes; its completion (a DPC, DISPATCH_LEVEL) calls EvtDmaTransactionDmaTransferComplete
 * (if set), from which the driver calls DmaCompleted*, which flushes (FlushAdapterBuffersEx) and
 * maps the next transfer, or, at the end, calls EvtDmaTransactionConfigureDmaChannel with no MDL
 * and frees the channel (FreeAdapterObject). A completion that comes while EvtProgramDma still
 * runs is delivered when it returns (`programming`), so the driver's callbacks of one transfer
 * never overlap. Deleting a transaction that holds or waits for the channel cancels its transfer
 * (no callback) and frees the channel.
 */
static DMA_COMPLETION_ROUTINE wdf_dma_system_done;
static DRIVER_CONTROL wdf_dma_system_granted;

static PDMA_OPERATIONS wdf_dma_ops(struct wdf_dma_transaction *t)
{
    return t->adapter->DmaOperations;
}

static void wdf_dma_transfer_complete(struct wdf_dma_transaction *t, DMA_COMPLETION_STATUS status)
{
    if (t->transfer_complete != NULL && !t->deleting)
        t->transfer_complete((WDFDMATRANSACTION)t, (WDFDEVICE)t->enabler->device,
                             t->transfer_complete_context, t->direction, status);
}

static VOID wdf_dma_system_done(PDMA_ADAPTER DmaAdapter, PDEVICE_OBJECT DeviceObject,
                                PVOID CompletionContext, DMA_COMPLETION_STATUS Status)
{
    struct wdf_dma_transaction *t = CompletionContext;
    int programming = 1;
    (void)DmaAdapter;
    (void)DeviceObject;
    __atomic_store_n(&t->early_status, Status, __ATOMIC_RELAXED);
    if (__atomic_compare_exchange_n(&t->programming, &programming, 2, FALSE, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return; /* EvtProgramDma still runs: delivered when it returns */
    wdf_dma_transfer_complete(t, Status);
}

/* The transfer at t->position: configure the channel, map it, program the device. */
static void wdf_dma_system_program(struct wdf_dma_transaction *t)
{
    struct wdf_dma_enabler *e = t->enabler;
    size_t offset = t->offset + t->position;
    ULONG n, length;
    NTSTATUS status;
    KIRQL old;
    t->current = wdf_dma_transfer(t, t->position, t->maximum_length, NULL, &n);
    if (t->configure != NULL && !t->configure((WDFDMATRANSACTION)t, (WDFDEVICE)e->device,
                                              t->configure_context, t->mdl, offset, t->current))
        return; /* stopped (the driver ends it with DmaCompletedFinal, the page) */
    if (t->state != WDF_DMA_EXECUTING)
        return;
    length = (ULONG)t->current;
    __atomic_store_n(&t->programming, 1, __ATOMIC_RELEASE);
    status = wdf_dma_ops(t)->MapTransferEx(
        t->adapter, t->mdl, t->map_base, offset, t->device_offset, &length,
        t->direction == WdfDmaDirectionWriteToDevice, t->sg,
        (ULONG)(FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) +
                (size_t)t->sg_capacity * sizeof(SCATTER_GATHER_ELEMENT)),
        wdf_dma_system_done, t);
    if (!NT_SUCCESS(status)) {
        __atomic_store_n(&t->programming, 0, __ATOMIC_RELEASE);
        rtl_diag(RTL_DIAG_ERROR, "wdf", "DMA transaction %p: MapTransferEx: 0x%08X", (void *)t,
                 (unsigned)status);
        wdf_dma_transfer_complete(t, DmaError);
        return;
    }
    t->mapped = TRUE;
    t->current = length;
    (void)t->program((WDFDMATRANSACTION)t, (WDFDEVICE)e->device, t->context, t->direction, t->sg);
    if (__atomic_exchange_n(&t->programming, 0, __ATOMIC_ACQ_REL) == 2) {
        KeRaiseIrql(DISPATCH_LEVEL, &old); /* where the controller's completion runs */
        wdf_dma_transfer_complete(t, __atomic_load_n(&t->early_status, __ATOMIC_RELAXED));
        KeLowerIrql(old);
    }
}

/* The channel is the transaction's: its first transfer starts (DISPATCH_LEVEL). */
static IO_ALLOCATION_ACTION wdf_dma_system_granted(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                                   PVOID MapRegisterBase, PVOID Context)
{
    struct wdf_dma_transaction *t = Context;
    (void)DeviceObject;
    (void)Irp;
    t->map_base = MapRegisterBase;
    wdf_dma_program(t);
    return KeepObject; /* until the last DmaCompleted (FreeAdapterObject) */
}

static NTSTATUS wdf_dma_system_execute(struct wdf_dma_transaction *t)
{
    struct wdf_dma_enabler *e = t->enabler;
    int i = t->direction == WdfDmaDirectionWriteToDevice;
    NTSTATUS status;
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    status = wdf_dma_ops(t)->AllocateAdapterChannelEx(t->adapter, e->device->wdm, t->wdm_context,
                                                      e->registers[i], 0, wdf_dma_system_granted, t,
                                                      NULL);
    KeLowerIrql(old);
    if (!NT_SUCCESS(status))
        t->state = WDF_DMA_INITIALIZED;
    return status;
}

/* DmaCompleted*: the transfer's data leaves the controller's buffers. */
static void wdf_dma_system_flush(struct wdf_dma_transaction *t)
{
    if (!t->enabler->system || !t->mapped)
        return;
    t->mapped = FALSE;
    (void)wdf_dma_ops(t)->FlushAdapterBuffersEx(t->adapter, t->mdl, t->map_base,
                                                t->offset + t->position, (ULONG)t->current,
                                                t->direction == WdfDmaDirectionWriteToDevice);
}

/* The transaction is over: the channel goes (the configure callback sees no MDL first). */
static void wdf_dma_system_release(struct wdf_dma_transaction *t)
{
    if (!t->enabler->system || t->map_base == NULL)
        return;
    if (t->configure != NULL && !t->deleting)
        (void)t->configure((WDFDMATRANSACTION)t, (WDFDEVICE)t->enabler->device,
                           t->configure_context, NULL, 0, 0);
    t->map_base = NULL;
    wdf_dma_ops(t)->FreeAdapterObject(t->adapter, DeallocateObject);
}

static BOOLEAN wdf_dma_system_cancel(struct wdf_dma_transaction *t)
{
    if (!t->enabler->system || t->state != WDF_DMA_EXECUTING || t->map_base != NULL)
        return FALSE;
    if (!wdf_dma_ops(t)->CancelAdapterChannel(t->adapter, t->enabler->device->wdm, t->wdm_context))
        return FALSE; /* granted meanwhile: EvtProgramDma runs or ran */
    t->state = WDF_DMA_INITIALIZED;
    return t->adapter->DmaOperations->InitializeDmaTransferContext(t->adapter, t->wdm_context) ==
           STATUS_SUCCESS;
}

/* Deleted while executing: a waiting request is cancelled, a mapped transfer cancelled and
 * flushed, the channel freed; no callback runs. */
static void wdf_dma_system_stop(struct wdf_dma_transaction *t)
{
    if (!t->enabler->system || t->state != WDF_DMA_EXECUTING || t->adapter == NULL)
        return;
    t->deleting = TRUE;
    if (t->map_base == NULL) {
        (void)wdf_dma_ops(t)->CancelAdapterChannel(t->adapter, t->enabler->device->wdm,
                                                   t->wdm_context);
        return;
    }
    if (t->mapped)
        (void)wdf_dma_ops(t)->CancelMappedTransfer(t->adapter, t->wdm_context);
    wdf_dma_system_flush(t);
    wdf_dma_system_release(t);
}

/* A system profile's transaction (the pages: "must be used with" one); otherwise 0x10D/0x8. */
static struct wdf_dma_transaction *wdf_dma_system_of(struct wdf_globals *g,
                                                     WDFDMATRANSACTION handle, const char *ddi)
{
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, handle);
    if (!t->enabler->system)
        wdf_violation(g, VF_10D_DMA_STATE, (ULONG_PTR)t, 0, 0,
                      "driver '%s': %s: DMA transaction %p does not belong to a system-mode "
                      "DMA enabler",
                      g->pub.DriverName, ddi, (void *)t);
    return t;
}

/* The Set* routines of system-mode DMA: a system profile's transaction, initialized and not
 * executing; otherwise 0x10D/0x8. */
static struct wdf_dma_transaction *wdf_dma_system_setting(struct wdf_globals *g,
                                                          WDFDMATRANSACTION handle, const char *ddi)
{
    struct wdf_dma_transaction *t = wdf_dma_system_of(g, handle, ddi);
    if (t->state != WDF_DMA_INITIALIZED)
        wdf_dma_bad_state(g, t, ddi);
    return t;
}

VOID imp_WdfDmaTransactionSetTransferCompleteCallback(
    PWDF_DRIVER_GLOBALS globals, WDFDMATRANSACTION DmaTransaction,
    PFN_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE DmaCompletionRoutine, PVOID DmaCompletionContext)
{
    struct wdf_dma_transaction *t = wdf_dma_system_setting(
        wdf_globals_of(globals), DmaTransaction, "WdfDmaTransactionSetTransferCompleteCallback");
    t->transfer_complete = DmaCompletionRoutine;
    t->transfer_complete_context = DmaCompletionContext;
}

VOID imp_WdfDmaTransactionSetChannelConfigurationCallback(
    PWDF_DRIVER_GLOBALS globals, WDFDMATRANSACTION DmaTransaction,
    PFN_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL ConfigureRoutine, PVOID ConfigureContext)
{
    struct wdf_dma_transaction *t =
        wdf_dma_system_setting(wdf_globals_of(globals), DmaTransaction,
                               "WdfDmaTransactionSetChannelConfigurationCallback");
    t->configure = ConfigureRoutine;
    t->configure_context = ConfigureContext;
}

/* Passed to MapTransferEx as the offset of the device's register from the profile's
 * DeviceAddress; kept until the next call (Release does not reset it: the page names none). */
VOID imp_WdfDmaTransactionSetDeviceAddressOffset(PWDF_DRIVER_GLOBALS globals,
                                                 WDFDMATRANSACTION DmaTransaction, ULONG Offset)
{
    struct wdf_dma_transaction *t = wdf_dma_system_setting(
        wdf_globals_of(globals), DmaTransaction, "WdfDmaTransactionSetDeviceAddressOffset");
    t->device_offset = Offset;
}

/* The transaction's WDM DMA transfer context (DMA_TRANSFER_CONTEXT_SIZE_V1 bytes, initialized
 * for the direction's adapter by Initialize*). Not initialized: 0x10D/0x8; an enabler that is
 * not of DMA version 3 has none: NULL, with an error (drvhost's; the page only says it "must be
 * used" with one). */
PVOID imp_WdfDmaTransactionWdmGetTransferContext(PWDF_DRIVER_GLOBALS globals,
                                                 WDFDMATRANSACTION DmaTransaction)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_dma_transaction *t = WDF_DMA_TRANSACTION_GET(g, DmaTransaction);
    if (t->state == WDF_DMA_CREATED)
        wdf_dma_bad_state(g, t, "WdfDmaTransactionWdmGetTransferContext");
    if (t->adapter == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDmaTransactionWdmGetTransferContext: the enabler of DMA "
                 "transaction %p is not of DMA version 3 (WdmDmaVersionOverride)",
                 g->pub.DriverName, (void *)t);
        return NULL;
    }
    return t->wdm_context;
}

/* Stops the transfer the controller has (CancelMappedTransfer): a queued one ends with
 * DmaCancelled for the transfer-complete callback. The transaction ends at the next DmaCompleted*
 * with STATUS_CANCELLED (drvhost's), which returns FALSE when there is no callback (the page) and
 * TRUE otherwise. A transaction not executing, or without the channel yet: nothing to stop. */
VOID imp_WdfDmaTransactionStopSystemTransfer(PWDF_DRIVER_GLOBALS globals,
                                             WDFDMATRANSACTION DmaTransaction)
{
    struct wdf_dma_transaction *t = wdf_dma_system_of(wdf_globals_of(globals), DmaTransaction,
                                                      "WdfDmaTransactionStopSystemTransfer");
    if (t->state != WDF_DMA_EXECUTING || t->map_base == NULL)
        return;
    t->stopped = TRUE;
    if (t->mapped)
        (void)wdf_dma_ops(t)->CancelMappedTransfer(t->adapter, t->wdm_context);
}
