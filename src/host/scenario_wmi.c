/*
 * scenario_wmi.c - the `wmi` and `wmi-event` scenario commands: the WNODE a data consumer's
 * request carries, sent through WMI (io_wmi_request), and what the driver's answer says.
 *
 * The request buffers are laid out as WMI lays them for blocks with static instance names
 * (WNODE_FLAG_STATIC_INSTANCE_NAMES, the instance by index); the answer is checked against the
 * documented layouts (offsets and sizes inside the buffer) before its data is used: a
 * malformed answer is reported as such, never read past its buffer.
 */
#include "scenario.h"

#include "ex/ex.h"
#include "io/io.h"
#include "pnp/pnp.h"
#include "rtl/rtl.h"

#include <wmistr.h>

#include <stdlib.h>
#include <string.h>

static ULONG align8(ULONG v)
{
    return (v + 7) & ~7u;
}

/* The fixed part of the request's WNODE; 0 for the registration requests. */
static ULONG request_fixed(UCHAR minor)
{
    switch (minor) {
    case IRP_MN_QUERY_ALL_DATA:
        return align8(FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength));
    case IRP_MN_QUERY_SINGLE_INSTANCE:
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
        return align8(FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData));
    case IRP_MN_CHANGE_SINGLE_ITEM:
        return align8(FIELD_OFFSET(WNODE_SINGLE_ITEM, VariableData));
    case IRP_MN_EXECUTE_METHOD:
        return align8(FIELD_OFFSET(WNODE_METHOD_ITEM, VariableData));
    case IRP_MN_REGINFO:
    case IRP_MN_REGINFO_EX:
        return 0;
    default:
        return sizeof(WNODE_HEADER);
    }
}

/* Fills the request's WNODE in the zeroed buffer (size bytes, room for the fixed part and the
 * input data). */
static void build_request(const struct scn_cmd *cmd, UCHAR minor, UCHAR *buf, ULONG size)
{
    PWNODE_HEADER h = (PWNODE_HEADER)buf;
    ULONG fixed = request_fixed(minor), in = (ULONG)cmd->data.size;
    if (fixed == 0)
        return;
    memcpy(&h->Guid, cmd->wmi.guid, sizeof(GUID));
    h->BufferSize = size;
    switch (minor) {
    case IRP_MN_QUERY_ALL_DATA:
        h->Flags = WNODE_FLAG_ALL_DATA | WNODE_FLAG_STATIC_INSTANCE_NAMES;
        break;
    case IRP_MN_QUERY_SINGLE_INSTANCE:
    case IRP_MN_CHANGE_SINGLE_INSTANCE:
    case IRP_MN_EXECUTE_METHOD: {
        /* WNODE_METHOD_ITEM differs by MethodId before DataBlockOffset */
        PWNODE_SINGLE_INSTANCE w = (PWNODE_SINGLE_INSTANCE)buf;
        PWNODE_METHOD_ITEM m = (PWNODE_METHOD_ITEM)buf;
        h->Flags =
            (minor == IRP_MN_EXECUTE_METHOD ? WNODE_FLAG_METHOD_ITEM : WNODE_FLAG_SINGLE_INSTANCE) |
            WNODE_FLAG_STATIC_INSTANCE_NAMES;
        w->InstanceIndex = cmd->wmi.instance;
        if (minor == IRP_MN_EXECUTE_METHOD) {
            m->MethodId = cmd->wmi.id;
            m->DataBlockOffset = fixed;
            m->SizeDataBlock = in;
        } else {
            w->DataBlockOffset = fixed;
            w->SizeDataBlock = minor == IRP_MN_CHANGE_SINGLE_INSTANCE ? in : 0;
        }
        break;
    }
    case IRP_MN_CHANGE_SINGLE_ITEM: {
        PWNODE_SINGLE_ITEM w = (PWNODE_SINGLE_ITEM)buf;
        h->Flags = WNODE_FLAG_SINGLE_ITEM | WNODE_FLAG_STATIC_INSTANCE_NAMES;
        w->InstanceIndex = cmd->wmi.instance;
        w->ItemId = cmd->wmi.id;
        w->DataBlockOffset = fixed;
        w->SizeDataItem = in;
        break;
    }
    default:
        break;
    }
    /* A change or a method: the header's BufferSize is the input's size (WNODE_HEADER). */
    if (minor == IRP_MN_CHANGE_SINGLE_INSTANCE || minor == IRP_MN_CHANGE_SINGLE_ITEM ||
        minor == IRP_MN_EXECUTE_METHOD)
        h->BufferSize = fixed + in;
    if (in && minor != IRP_MN_QUERY_ALL_DATA && minor != IRP_MN_QUERY_SINGLE_INSTANCE)
        memcpy(buf + fixed, cmd->data.data, in);
}

static void answer_error(struct scn_wmi_answer *a, const char *what)
{
    if (a->error[0] == 0)
        snprintf(a->error, sizeof a->error, "malformed answer: %s", what);
}

/* Is [offset, offset + length) inside the answer's n bytes? */
static int inside(ULONG offset, ULONG length, uint64_t n)
{
    return (uint64_t)offset + length <= n;
}

/* The data of every instance of a WNODE_ALL_DATA, concatenated. */
static void read_all_data(const UCHAR *buf, uint64_t n, struct scn_wmi_answer *a)
{
    const WNODE_ALL_DATA *w = (const WNODE_ALL_DATA *)buf;
    ULONG count = w->InstanceCount, fixed = w->WnodeHeader.Flags & WNODE_FLAG_FIXED_INSTANCE_SIZE;
    a->has_count = 1;
    a->count = count;
    if (!fixed && !inside(FIELD_OFFSET(WNODE_ALL_DATA, OffsetInstanceDataAndLength),
                          count * (ULONG)sizeof(OFFSETINSTANCEDATAANDLENGTH), n))
        return answer_error(a, "the instance table lies outside the buffer");
    a->data = malloc(n ? n : 1);
    for (ULONG i = 0; a->data != NULL && i < count; i++) {
        ULONG off = fixed ? w->DataBlockOffset + i * align8(w->FixedInstanceSize)
                          : w->OffsetInstanceDataAndLength[i].OffsetInstanceData;
        ULONG len =
            fixed ? w->FixedInstanceSize : w->OffsetInstanceDataAndLength[i].LengthInstanceData;
        if (!inside(off, len, n) || a->size + len > n)
            return answer_error(a, "an instance's data lies outside the buffer");
        memcpy(a->data + a->size, buf + off, len);
        a->size += len;
    }
    snprintf(a->summary, sizeof a->summary, " instances=%u bytes=%zu", count, a->size);
}

/* The data block of a WNODE_SINGLE_INSTANCE or WNODE_METHOD_ITEM answer. */
static void read_block(const UCHAR *buf, uint64_t n, ULONG offset, ULONG size,
                       struct scn_wmi_answer *a)
{
    if (!inside(offset, size, n))
        return answer_error(a, "the data block lies outside the buffer");
    a->data = malloc(size ? size : 1);
    if (a->data != NULL) {
        memcpy(a->data, buf + offset, size);
        a->size = size;
    }
    snprintf(a->summary, sizeof a->summary, " bytes=%u", size);
}

static void guid_text(const GUID *g, char out[40])
{
    snprintf(out, 40, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* WMIREGINFO: the GUID count, and one detail line per block. */
static void read_reginfo(const UCHAR *buf, uint64_t n, struct scn_wmi_answer *a)
{
    const WMIREGINFOW *r = (const WMIREGINFOW *)buf;
    size_t len = 0;
    if (n < sizeof(WMIREGINFOW) || !inside(sizeof(WMIREGINFOW), r->GuidCount * 32u, n))
        return answer_error(a, "the WMIREGGUID array lies outside the buffer");
    a->has_count = 1;
    a->count = r->GuidCount;
    snprintf(a->summary, sizeof a->summary, " guids=%u", r->GuidCount);
    for (ULONG i = 0; i < r->GuidCount && len < sizeof a->detail; i++) {
        char g[40];
        guid_text(&r->WmiRegGuid[i].Guid, g);
        len += (size_t)snprintf(
            a->detail + len, sizeof a->detail - len, "    %s flags=0x%08X instances=%u\n", g,
            (unsigned)r->WmiRegGuid[i].Flags, (unsigned)r->WmiRegGuid[i].InstanceCount);
    }
}

/* The driver's answer, by its WNODE's flags. */
static void read_answer(UCHAR minor, const UCHAR *buf, uint64_t n, struct scn_wmi_answer *a)
{
    const WNODE_HEADER *h = (const WNODE_HEADER *)buf;
    if (minor == IRP_MN_REGINFO || minor == IRP_MN_REGINFO_EX)
        return read_reginfo(buf, n, a);
    if (n >= sizeof(WNODE_TOO_SMALL) && (h->Flags & WNODE_FLAG_TOO_SMALL)) {
        a->too_small = 1;
        a->size_needed = ((const WNODE_TOO_SMALL *)buf)->SizeNeeded;
        snprintf(a->summary, sizeof a->summary, " too-small=%u", a->size_needed);
        return;
    }
    if (minor == IRP_MN_QUERY_ALL_DATA)
        return n >= sizeof(WNODE_ALL_DATA) ? read_all_data(buf, n, a)
                                           : answer_error(a, "shorter than a WNODE_ALL_DATA");
    if (minor == IRP_MN_QUERY_SINGLE_INSTANCE && n >= 64)
        return read_block(buf, n, ((const WNODE_SINGLE_INSTANCE *)buf)->DataBlockOffset,
                          ((const WNODE_SINGLE_INSTANCE *)buf)->SizeDataBlock, a);
    if (minor == IRP_MN_EXECUTE_METHOD && n >= FIELD_OFFSET(WNODE_METHOD_ITEM, VariableData))
        return read_block(buf, n, ((const WNODE_METHOD_ITEM *)buf)->DataBlockOffset,
                          ((const WNODE_METHOD_ITEM *)buf)->SizeDataBlock, a);
    if (minor == IRP_MN_QUERY_SINGLE_INSTANCE || minor == IRP_MN_EXECUTE_METHOD)
        answer_error(a, "shorter than its WNODE");
}

/* The device a `wmi` line names: a device object's name (\Device\X), or a PnP device's instance
 * ID (ROOT\SAMPLE\0000, or @ROOT\SAMPLE\0000 as `open` takes it), whose stack's registered device
 * answers, as WMI names a PnP device's blocks after its PDO's instance whichever driver of the
 * stack registered them. Referenced. */
static NTSTATUS wmi_device(const struct scn_cmd *cmd, PDEVICE_OBJECT *device)
{
    *device = NULL;
    if (cmd->str[0] != '\\') { /* `@INSTANCE`, as `open` writes it, or the bare instance ID */
        PDEVICE_OBJECT pdo;
        NTSTATUS status = pnp_device_pdo(cmd->str + (cmd->str[0] == '@'), &pdo);
        if (!NT_SUCCESS(status))
            return status;
        *device = io_wmi_provider_in_stack(pdo);
        ObDereferenceObject(pdo);
        return *device != NULL ? STATUS_SUCCESS : STATUS_WMI_GUID_NOT_FOUND;
    }
    WCHAR w[512];
    UNICODE_STRING name;
    size_t len = strlen(cmd->str), out = 0;
    if (len + 1 > sizeof w / sizeof w[0] || !rtl_utf8_to_utf16(cmd->str, len, w, &out))
        return STATUS_OBJECT_NAME_INVALID;
    name.Buffer = w;
    name.Length = name.MaximumLength = (USHORT)(out * sizeof(WCHAR));
    return io_wmi_device_by_name(&name, device);
}

static void wmi_event(const struct scn_cmd *cmd, PDEVICE_OBJECT device, struct scn_wmi_answer *a)
{
    void *event = NULL;
    ULONG size = 0;
    a->status = io_wmi_take_event_of(device, (const GUID *)cmd->wmi.guid, &event, &size);
    if (a->status < 0)
        return;
    const WNODE_SINGLE_INSTANCE *e = event;
    a->info = size;
    if (size >= FIELD_OFFSET(WNODE_SINGLE_INSTANCE, VariableData) &&
        (e->WnodeHeader.Flags & WNODE_FLAG_SINGLE_INSTANCE)) {
        a->has_instance = 1;
        a->instance = e->InstanceIndex;
        read_block(event, size, e->DataBlockOffset, e->SizeDataBlock, a);
    }
    ex_free(event);
}

static void wmi_request(const struct scn_cmd *cmd, PDEVICE_OBJECT device, struct scn_wmi_answer *a)
{
    UCHAR minor = (UCHAR)cmd->code;
    ULONG need = request_fixed(minor) + (ULONG)cmd->data.size;
    ULONG size = cmd->out_size > need ? (ULONG)cmd->out_size : need;
    UCHAR *buf = calloc(1, size ? size : 1);
    if (buf == NULL) {
        a->status = STATUS_INSUFFICIENT_RESOURCES;
        return;
    }
    build_request(cmd, minor, buf, size);
    ULONG_PTR info = 0;
    a->status = io_wmi_request(device, minor, buf, size, &info);
    a->info = info;
    if (a->status >= 0 && info > size)
        answer_error(a, "Information exceeds the buffer");
    else if (a->status >= 0)
        read_answer(minor, buf, info, a);
    free(buf);
}

void scn_wmi_run(const struct scn_cmd *cmd, struct scn_wmi_answer *a)
{
    PDEVICE_OBJECT device;
    memset(a, 0, sizeof *a);
    a->status = wmi_device(cmd, &device);
    if (a->status < 0)
        return;
    if (cmd->kind == SCN_WMI_EVENT)
        wmi_event(cmd, device, a);
    else
        wmi_request(cmd, device, a);
    ObDereferenceObject(device);
}

void scn_wmi_answer_free(struct scn_wmi_answer *a)
{
    free(a->data);
    a->data = NULL;
}
