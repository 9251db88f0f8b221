/*
 * wmilib.c - the WMI library (wmilib.h): WmiSystemControl, WmiCompleteRequest, WmiFireEvent.
 *
 * WmiSystemControl checks an IRP_MJ_SYSTEM_CONTROL request against the driver's WMILIB_CONTEXT
 * (its GUID list, instance counts, the callbacks it supplies) and calls the DpWmiXxx routine;
 * registration requests are answered here with the WMIREGINFO built from DpWmiQueryReginfo.
 * WmiCompleteRequest then finishes the WNODE in the request's buffer (data offsets and sizes,
 * a WNODE_TOO_SMALL when the driver says STATUS_BUFFER_TOO_SMALL) and completes the IRP.
 *
 * WmiCompleteRequest only has the device and the IRP, so WmiSystemControl leaves what it needs
 * in the WNODE itself before calling the driver: the data offset (DataBlockOffset) and, for
 * QUERY_ALL_DATA, the instance count; the driver's instance lengths are written in the
 * WNODE_ALL_DATA's own OffsetInstanceDataAndLength area and turned into (offset, length) pairs
 * in place.
 *
 * drvhost's choices where the pages name none: requests whose instance is not given by index
 * (no WNODE_FLAG_STATIC_INSTANCE_NAMES: dynamic instance names) are STATUS_WMI_INSTANCE_NOT_FOUND;
 * a buffer smaller than its WNODE is STATUS_BUFFER_TOO_SMALL, not completed; IrpForward and
 * IrpNotWmi return the IRP's status unchanged.
 */
#include "io/io_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#include <wmilib.h>

#define WMILIB_TAG 'bLiW'

static ULONG wmilib_align8(ULONG v)
{
    return (v + 7) & ~7u;
}

static BOOLEAN wmilib_is_wmi_minor(UCHAR minor)
{
    return minor <= IRP_MN_EXECUTE_METHOD || minor == IRP_MN_REGINFO_EX;
}

/* The smallest buffer a request's WNODE fits in. */
static ULONG wmilib_wnode_size(UCHAR minor)
{
    switch (minor) {
    case IRP_MN_QUERY_ALL_DATA:
        return FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength);
    case IRP_MN_QUERY_SINGLE_INSTANCE:
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
        return FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData);
    case IRP_MN_CHANGE_SINGLE_ITEM:
        return FIELD_OFFSET(WNODE_SINGLE_ITEM, VariableData);
    case IRP_MN_EXECUTE_METHOD:
        return FIELD_OFFSET(WNODE_METHOD_ITEM, VariableData);
    default:
        return sizeof(WNODE_HEADER);
    }
}

static NTSTATUS wmilib_find_guid(PWMILIB_CONTEXT ctx, const GUID *guid, ULONG *index)
{
    for (ULONG i = 0; i < ctx->GuidCount; i++) {
        if (ctx->GuidList[i].Guid != NULL && IsEqualGUID(ctx->GuidList[i].Guid, guid)) {
            *index = i;
            return STATUS_SUCCESS;
        }
    }
    return STATUS_WMI_GUID_NOT_FOUND;
}

/* The instance of a single-instance, single-item or method request: by index only. The
 * InstanceIndex member sits at the same offset in the three WNODEs. */
static NTSTATUS wmilib_instance(PWMILIB_CONTEXT ctx, ULONG guid_index, PWNODE_SINGLE_INSTANCE w,
                                ULONG *instance)
{
    if (!(w->WnodeHeader.Flags & WNODE_FLAG_STATIC_INSTANCE_NAMES) ||
        w->InstanceIndex >= ctx->GuidList[guid_index].InstanceCount)
        return STATUS_WMI_INSTANCE_NOT_FOUND;
    *instance = w->InstanceIndex;
    return STATUS_SUCCESS;
}

/* ---- registration ------------------------------------------------------------------------- */

/* Appends a counted string (USHORT byte length, then the characters) at *at; returns its
 * offset, or only advances *at when `base` is NULL (sizing). */
static ULONG wmilib_put_string(UCHAR *base, ULONG *at, PCUNICODE_STRING s)
{
    ULONG offset = *at;
    if (base != NULL) {
        USHORT len = s->Length;
        memcpy(base + offset, &len, sizeof len);
        if (len)
            memcpy(base + offset + sizeof len, s->Buffer, len);
    }
    *at += sizeof(USHORT) + s->Length;
    return offset;
}

struct wmilib_reg {
    ULONG flags;
    UNICODE_STRING instance_name; /* freed by the library (the driver allocated it) */
    PUNICODE_STRING registry_path;
    UNICODE_STRING mof_name;
    PDEVICE_OBJECT pdo;
};

static BOOLEAN wmilib_uses_basename(PWMILIB_CONTEXT ctx, const struct wmilib_reg *r, ULONG i)
{
    ULONG flags = ctx->GuidList[i].Flags | r->flags;
    return (flags & WMIREG_FLAG_INSTANCE_BASENAME) && !(flags & WMIREG_FLAG_INSTANCE_PDO);
}

/* Lays the WMIREGINFO out (buffer NULL: only its size) and returns its size. */
static ULONG wmilib_build_reginfo(PWMILIB_CONTEXT ctx, const struct wmilib_reg *r, UCHAR *buffer)
{
    static const UNICODE_STRING empty = {0, 0, NULL};
    PWMIREGINFOW info = (PWMIREGINFOW)buffer;
    ULONG at = sizeof(WMIREGINFOW) + ctx->GuidCount * sizeof(WMIREGGUIDW);
    ULONG path = wmilib_put_string(buffer, &at, r->registry_path ? r->registry_path : &empty);
    ULONG mof = r->mof_name.Length ? wmilib_put_string(buffer, &at, &r->mof_name) : 0;
    ULONG base = 0;
    for (ULONG i = 0; i < ctx->GuidCount && base == 0; i++)
        if (wmilib_uses_basename(ctx, r, i))
            base = wmilib_put_string(buffer, &at, &r->instance_name);
    if (info == NULL)
        return at;
    info->BufferSize = at;
    info->NextWmiRegInfo = 0;
    info->RegistryPath = path;
    info->MofResourceName = mof;
    info->GuidCount = ctx->GuidCount;
    for (ULONG i = 0; i < ctx->GuidCount; i++) {
        PWMIREGGUIDW g = &info->WmiRegGuid[i];
        memset(g, 0, sizeof *g);
        g->Guid = *ctx->GuidList[i].Guid;
        g->Flags = ctx->GuidList[i].Flags | r->flags;
        g->InstanceCount = ctx->GuidList[i].InstanceCount;
        if (g->Flags & WMIREG_FLAG_INSTANCE_PDO)
            g->Pdo = (ULONG_PTR)r->pdo;
        else if (g->Flags & WMIREG_FLAG_INSTANCE_BASENAME)
            g->BaseNameOffset = base;
    }
    return at;
}

/* IRP_MN_REGINFO(_EX): DpWmiQueryReginfo, then the WMIREGINFO in the request's buffer, or the
 * size it needs in its first ULONG with STATUS_BUFFER_TOO_SMALL (WMI asks again). */
static NTSTATUS wmilib_reginfo(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                               PIO_STACK_LOCATION sp)
{
    struct wmilib_reg r = {0};
    ULONG size;
    NTSTATUS status;
    if (ctx->QueryWmiRegInfo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = ctx->QueryWmiRegInfo(device, &r.flags, &r.instance_name, &r.registry_path, &r.mof_name,
                                  &r.pdo);
    if (NT_SUCCESS(status)) {
        size = wmilib_build_reginfo(ctx, &r, NULL);
        if (size <= sp->Parameters.WMI.BufferSize) {
            wmilib_build_reginfo(ctx, &r, sp->Parameters.WMI.Buffer);
            irp->IoStatus.Information = size;
        } else if (sp->Parameters.WMI.BufferSize >= sizeof(ULONG)) {
            *(ULONG *)sp->Parameters.WMI.Buffer = size;
            irp->IoStatus.Information = sizeof(ULONG);
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            status = STATUS_BUFFER_TOO_SMALL;
        }
    }
    /* "WMI frees the string with ExFreePool" (DpWmiQueryReginfo). */
    if (r.instance_name.Buffer != NULL)
        ExFreePool(r.instance_name.Buffer);
    return status;
}

/* ---- the data requests --------------------------------------------------------------------- */

static NTSTATUS wmilib_query_all(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                 PIO_STACK_LOCATION sp, ULONG gi)
{
    PWNODE_ALL_DATA w = sp->Parameters.WMI.Buffer;
    ULONG size = sp->Parameters.WMI.BufferSize;
    ULONG count = ctx->GuidList[gi].InstanceCount;
    ULONG offset = wmilib_align8(FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength) +
                                 count * sizeof(OFFSETINSTANCEDATAANDLENGTH));
    ULONG avail = size > offset ? size - offset : 0;
    w->DataBlockOffset = offset; /* for WmiCompleteRequest */
    w->InstanceCount = count;
    return ctx->QueryWmiDataBlock(device, irp, gi, 0, count,
                                  avail ? (PULONG)w->OffsetInstanceDataAndLength : NULL, avail,
                                  avail ? (PUCHAR)w + offset : NULL);
}

/* Does data of data_size bytes at offset lie inside the request's buffer? */
static BOOLEAN wmilib_data_fits(ULONG buffer_size, ULONG offset, ULONG data_size)
{
    return offset <= buffer_size && data_size <= buffer_size - offset;
}

static NTSTATUS wmilib_query_single(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                    BOOLEAN *called, PIO_STACK_LOCATION sp, ULONG gi,
                                    ULONG instance)
{
    PWNODE_SINGLE_INSTANCE w = sp->Parameters.WMI.Buffer;
    ULONG size = sp->Parameters.WMI.BufferSize;
    if (!wmilib_data_fits(size, w->DataBlockOffset, 0))
        return STATUS_INVALID_PARAMETER;
    ULONG avail = size - w->DataBlockOffset;
    *called = TRUE;
    return ctx->QueryWmiDataBlock(device, irp, gi, instance, 1, avail ? &w->SizeDataBlock : NULL,
                                  avail, avail ? (PUCHAR)w + w->DataBlockOffset : NULL);
}

static NTSTATUS wmilib_change_single(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                     BOOLEAN *called, PIO_STACK_LOCATION sp, ULONG gi,
                                     ULONG instance)
{
    PWNODE_SINGLE_INSTANCE w = sp->Parameters.WMI.Buffer;
    if (ctx->SetWmiDataBlock == NULL)
        return STATUS_WMI_READ_ONLY;
    if (!wmilib_data_fits(sp->Parameters.WMI.BufferSize, w->DataBlockOffset, w->SizeDataBlock))
        return STATUS_INVALID_PARAMETER;
    *called = TRUE;
    return ctx->SetWmiDataBlock(device, irp, gi, instance, w->SizeDataBlock,
                                (PUCHAR)w + w->DataBlockOffset);
}

static NTSTATUS wmilib_change_item(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                   BOOLEAN *called, PIO_STACK_LOCATION sp, ULONG gi, ULONG instance)
{
    PWNODE_SINGLE_ITEM w = sp->Parameters.WMI.Buffer;
    if (ctx->SetWmiDataItem == NULL)
        return STATUS_WMI_READ_ONLY;
    if (!wmilib_data_fits(sp->Parameters.WMI.BufferSize, w->DataBlockOffset, w->SizeDataItem))
        return STATUS_INVALID_PARAMETER;
    *called = TRUE;
    return ctx->SetWmiDataItem(device, irp, gi, instance, w->ItemId, w->SizeDataItem,
                               (PUCHAR)w + w->DataBlockOffset);
}

static NTSTATUS wmilib_execute(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                               BOOLEAN *called, PIO_STACK_LOCATION sp, ULONG gi, ULONG instance)
{
    PWNODE_METHOD_ITEM w = sp->Parameters.WMI.Buffer;
    ULONG size = sp->Parameters.WMI.BufferSize;
    if (ctx->ExecuteWmiMethod == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    if (!wmilib_data_fits(size, w->DataBlockOffset, w->SizeDataBlock))
        return STATUS_INVALID_PARAMETER;
    *called = TRUE;
    return ctx->ExecuteWmiMethod(device, irp, gi, instance, w->MethodId, w->SizeDataBlock,
                                 size - w->DataBlockOffset, (PUCHAR)w + w->DataBlockOffset);
}

static NTSTATUS wmilib_function_control(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                        UCHAR minor, ULONG gi, BOOLEAN *called)
{
    WMIENABLEDISABLECONTROL function =
        minor <= IRP_MN_DISABLE_EVENTS ? WmiEventControl : WmiDataBlockControl;
    BOOLEAN enable = minor == IRP_MN_ENABLE_EVENTS || minor == IRP_MN_ENABLE_COLLECTION;
    if (ctx->WmiFunctionControl == NULL)
        return STATUS_SUCCESS; /* as documented for a driver without the routine */
    *called = TRUE;
    return ctx->WmiFunctionControl(device, irp, gi, function, enable);
}

/* A data request with its GUID found: the instance, then the driver's routine. *called says
 * whether a DpWmiXxx routine ran (IrpProcessed) or the library answered (IrpNotCompleted). */
static NTSTATUS wmilib_dispatch(PWMILIB_CONTEXT ctx, PDEVICE_OBJECT device, PIRP irp,
                                PIO_STACK_LOCATION sp, ULONG gi, BOOLEAN *called)
{
    UCHAR minor = sp->MinorFunction;
    ULONG instance = 0;
    NTSTATUS status;
    if (minor >= IRP_MN_ENABLE_EVENTS && minor <= IRP_MN_DISABLE_COLLECTION)
        return wmilib_function_control(ctx, device, irp, minor, gi, called);
    if (minor == IRP_MN_QUERY_ALL_DATA) {
        *called = TRUE;
        return wmilib_query_all(ctx, device, irp, sp, gi);
    }
    status = wmilib_instance(ctx, gi, sp->Parameters.WMI.Buffer, &instance);
    if (!NT_SUCCESS(status))
        return status;
    switch (minor) {
    case IRP_MN_QUERY_SINGLE_INSTANCE:
        return wmilib_query_single(ctx, device, irp, called, sp, gi, instance);
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
        return wmilib_change_single(ctx, device, irp, called, sp, gi, instance);
    case IRP_MN_CHANGE_SINGLE_ITEM:
        return wmilib_change_item(ctx, device, irp, called, sp, gi, instance);
    default:
        return wmilib_execute(ctx, device, irp, called, sp, gi, instance);
    }
}

NTKERNELAPI NTSTATUS NTAPI WmiSystemControl(PWMILIB_CONTEXT WmiLibInfo, PDEVICE_OBJECT DeviceObject,
                                            PIRP Irp, PSYSCTL_IRP_DISPOSITION IrpDisposition)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UCHAR minor = sp->MinorFunction;
    BOOLEAN called = FALSE;
    ULONG gi = 0;
    NTSTATUS status;
    vf_check_irql_at_most(PASSIVE_LEVEL, "WmiSystemControl", DeviceObject, NULL);
    if (sp->MajorFunction != IRP_MJ_SYSTEM_CONTROL || !wmilib_is_wmi_minor(minor)) {
        *IrpDisposition = IrpNotWmi;
        return Irp->IoStatus.Status;
    }
    if ((PDEVICE_OBJECT)sp->Parameters.WMI.ProviderId != DeviceObject) {
        *IrpDisposition = IrpForward;
        return Irp->IoStatus.Status;
    }
    if (minor == IRP_MN_REGINFO || minor == IRP_MN_REGINFO_EX) {
        status = wmilib_reginfo(WmiLibInfo, DeviceObject, Irp, sp);
    } else if (sp->Parameters.WMI.Buffer == NULL ||
               sp->Parameters.WMI.BufferSize < wmilib_wnode_size(minor)) {
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        status =
            wmilib_find_guid(WmiLibInfo, &((PWNODE_HEADER)sp->Parameters.WMI.Buffer)->Guid, &gi);
        if (NT_SUCCESS(status))
            status = wmilib_dispatch(WmiLibInfo, DeviceObject, Irp, sp, gi, &called);
    }
    if (called) {
        *IrpDisposition = IrpProcessed;
        return status;
    }
    /* Answered or refused here: the driver completes the IRP with this status. */
    Irp->IoStatus.Status = status;
    if (minor != IRP_MN_REGINFO && minor != IRP_MN_REGINFO_EX)
        Irp->IoStatus.Information = 0;
    *IrpDisposition = IrpNotCompleted;
    return status;
}

/* ---- completion ------------------------------------------------------------------------------ */

/* STATUS_BUFFER_TOO_SMALL from the driver: the WNODE becomes a WNODE_TOO_SMALL naming the whole
 * size the answer needs (the WNODE up to its data, and the driver's BufferUsed). */
static NTSTATUS wmilib_too_small(PIRP irp, PIO_STACK_LOCATION sp, ULONG data_offset,
                                 ULONG buffer_used)
{
    PWNODE_TOO_SMALL w = sp->Parameters.WMI.Buffer;
    if (w == NULL || sp->Parameters.WMI.BufferSize < sizeof(WNODE_TOO_SMALL)) {
        irp->IoStatus.Information = 0;
        return STATUS_BUFFER_TOO_SMALL;
    }
    w->WnodeHeader.BufferSize = sizeof(WNODE_TOO_SMALL);
    w->WnodeHeader.Flags |= WNODE_FLAG_TOO_SMALL;
    w->SizeNeeded = data_offset + buffer_used;
    irp->IoStatus.Information = sizeof(WNODE_TOO_SMALL);
    return STATUS_SUCCESS;
}

/* QUERY_ALL_DATA: the driver's instance lengths (ULONGs at the start of the pairs area) become
 * (offset, length) pairs, each instance starting 8-byte aligned. Walked from the last, so each
 * length is read before the pair written over it. */
static void wmilib_all_data_pairs(PWNODE_ALL_DATA w)
{
    PULONG lengths = (PULONG)w->OffsetInstanceDataAndLength;
    ULONG total = 0;
    for (ULONG i = 0; i < w->InstanceCount; i++)
        total += wmilib_align8(lengths[i]);
    for (ULONG i = w->InstanceCount; i-- > 0;) {
        ULONG length = lengths[i];
        total -= wmilib_align8(length);
        w->OffsetInstanceDataAndLength[i].OffsetInstanceData = w->DataBlockOffset + total;
        w->OffsetInstanceDataAndLength[i].LengthInstanceData = length;
    }
}

/* A successful answer: sizes in the WNODE and Information. */
static void wmilib_finish(PIRP irp, PIO_STACK_LOCATION sp, ULONG buffer_used)
{
    PWNODE_HEADER h = sp->Parameters.WMI.Buffer;
    ULONG offset;
    switch (sp->MinorFunction) {
    case IRP_MN_QUERY_ALL_DATA:
        offset = ((PWNODE_ALL_DATA)h)->DataBlockOffset;
        if (sp->Parameters.WMI.BufferSize > offset)
            wmilib_all_data_pairs((PWNODE_ALL_DATA)h);
        break;
    case IRP_MN_QUERY_SINGLE_INSTANCE:
    case IRP_MN_EXECUTE_METHOD: /* WNODE_METHOD_ITEM's DataBlockOffset/SizeDataBlock */
        offset = sp->MinorFunction == IRP_MN_EXECUTE_METHOD
                     ? ((PWNODE_METHOD_ITEM)h)->DataBlockOffset
                     : ((PWNODE_SINGLE_INSTANCE)h)->DataBlockOffset;
        if (sp->MinorFunction == IRP_MN_EXECUTE_METHOD)
            ((PWNODE_METHOD_ITEM)h)->SizeDataBlock = buffer_used;
        else
            ((PWNODE_SINGLE_INSTANCE)h)->SizeDataBlock = buffer_used;
        break;
    default: /* changes and enable/disable return no data */
        irp->IoStatus.Information = 0;
        return;
    }
    h->BufferSize = offset + buffer_used;
    KeQuerySystemTime(&h->TimeStamp);
    irp->IoStatus.Information = h->BufferSize;
}

static ULONG wmilib_data_offset(PIO_STACK_LOCATION sp)
{
    PVOID w = sp->Parameters.WMI.Buffer;
    switch (sp->MinorFunction) {
    case IRP_MN_QUERY_ALL_DATA:
        return ((PWNODE_ALL_DATA)w)->DataBlockOffset;
    case IRP_MN_QUERY_SINGLE_INSTANCE:
        return ((PWNODE_SINGLE_INSTANCE)w)->DataBlockOffset;
    case IRP_MN_EXECUTE_METHOD:
        return ((PWNODE_METHOD_ITEM)w)->DataBlockOffset;
    default:
        return wmilib_wnode_size(sp->MinorFunction);
    }
}

NTKERNELAPI NTSTATUS NTAPI WmiCompleteRequest(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                              NTSTATUS Status, ULONG BufferUsed,
                                              CCHAR PriorityBoost)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = Status;
    (void)DeviceObject;
    vf_check_irql_at_most(DISPATCH_LEVEL, "WmiCompleteRequest", DeviceObject, NULL);
    if (Status == STATUS_BUFFER_TOO_SMALL)
        status = wmilib_too_small(Irp, sp, wmilib_data_offset(sp), BufferUsed);
    else if (NT_SUCCESS(Status))
        wmilib_finish(Irp, sp, BufferUsed);
    else
        Irp->IoStatus.Information = 0;
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, PriorityBoost);
    return status;
}

/* ---- events -------------------------------------------------------------------------------- */

/* The event as WMI builds it (a WNODE_SINGLE_INSTANCE with the data), handed to the
 * runtime's WMI (wmi_event.c), which keeps its own copy. */
NTKERNELAPI NTSTATUS NTAPI WmiFireEvent(PDEVICE_OBJECT DeviceObject, LPCGUID Guid,
                                        ULONG InstanceIndex, ULONG EventDataSize, PVOID EventData)
{
    ULONG offset = wmilib_align8(FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData));
    PWNODE_SINGLE_INSTANCE w = NULL;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    vf_check_irql_at_most(DISPATCH_LEVEL, "WmiFireEvent", DeviceObject, NULL);
    if (EventDataSize <= IO_WMI_EVENT_MAX - offset)
        w = ex_alloc(offset + EventDataSize, WMILIB_TAG);
    else
        status = STATUS_BUFFER_OVERFLOW; /* what IoWMIWriteEvent answers for it */
    if (w != NULL) {
        w->WnodeHeader.BufferSize = offset + EventDataSize;
        w->WnodeHeader.ProviderId = IoWMIDeviceObjectToProviderId(DeviceObject);
        w->WnodeHeader.Guid = *Guid;
        w->WnodeHeader.Flags =
            WNODE_FLAG_SINGLE_INSTANCE | WNODE_FLAG_EVENT_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES;
        KeQuerySystemTime(&w->WnodeHeader.TimeStamp);
        w->InstanceIndex = InstanceIndex;
        w->DataBlockOffset = offset;
        w->SizeDataBlock = EventDataSize;
        if (EventDataSize)
            memcpy((PUCHAR)w + offset, EventData, EventDataSize);
        status = io_wmi_store_event(DeviceObject, &w->WnodeHeader);
        ex_free(w);
    }
    /* "WMI frees the buffer without further intervention by the driver." */
    if (EventData != NULL)
        ExFreePool(EventData);
    return status;
}
