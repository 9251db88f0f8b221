/*
 * test_wmilib.c - the WMI library (WmiSystemControl, WmiCompleteRequest, WmiFireEvent) and
 * IoWMIWriteEvent through wmitest.sys. The WMI requests are built here as WMI builds them
 * (IRP_MJ_SYSTEM_CONTROL, ProviderId the device, a WNODE in Parameters.WMI.Buffer) and sent
 * with IoCallDriver; the expected layouts are those of the wmistr.h and wmilib.h pages.
 */
#include <ntddk.h>
#include <wmilib.h>

#include "driver/wmitest.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const GUID data_guid = WMITEST_GUID_DATA, event_guid = WMITEST_GUID_EVENT,
                  method_guid = WMITEST_GUID_METHOD;

static WMITEST_STATE state(drvhost_file *f)
{
    WMITEST_STATE s = {0};
    ok_status(harness_ioctl(f, IOCTL_WMITEST_STATE, NULL, 0, &s, sizeof s, NULL), STATUS_SUCCESS);
    return s;
}

/* WMI's own REGINFO requests after the driver registers its two devices come from a system
 * worker, at any time (as on Windows): the tests wait until both have stored their disposition
 * before they send their own (waiting for DpWmiQueryReginfo alone raced under ThreadSanitizer). */
static void wait_registration(drvhost_file *f)
{
    for (int i = 0; i < 500 && state(f).RegInfoDone < 2; i++) {
        LARGE_INTEGER ms = {.QuadPart = -10000};
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
    }
}

static drvhost_file *open_wmitest(void)
{
    drvhost_file *f = harness_open_driver("wmitest", "\\\\.\\WmiTest");
    if (f != NULL)
        wait_registration(f);
    return f;
}

static NTSTATUS NTAPI done(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    (void)device;
    (void)irp;
    KeSetEvent(context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* One WMI request to the named device; provider 0: the device itself. */
static NTSTATUS send(PCWSTR name, UCHAR minor, ULONG_PTR provider, void *buffer, ULONG size,
                     ULONG_PTR *information)
{
    UNICODE_STRING u;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    KEVENT event;
    RtlInitUnicodeString(&u, name);
    NTSTATUS status = IoGetDeviceObjectPointer(&u, FILE_READ_DATA, &file, &device);
    if (!NT_SUCCESS(status))
        return status;
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    sp->MajorFunction = IRP_MJ_SYSTEM_CONTROL;
    sp->MinorFunction = minor;
    sp->Parameters.WMI.ProviderId = provider ? provider : (ULONG_PTR)device;
    sp->Parameters.WMI.DataPath = buffer;
    sp->Parameters.WMI.BufferSize = size;
    sp->Parameters.WMI.Buffer = buffer;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    IoSetCompletionRoutine(irp, done, &event, TRUE, TRUE, TRUE);
    if (IoCallDriver(device, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    status = irp->IoStatus.Status;
    if (information)
        *information = irp->IoStatus.Information;
    IoFreeIrp(irp);
    ObDereferenceObject(file);
    return status;
}

/* A request buffer holding a WNODE of `minor` for `guid` (static instance names). */
static void *wnode(ULONG size, const GUID *guid, ULONG flags)
{
    PWNODE_HEADER h = calloc(1, size);
    h->BufferSize = size;
    h->Guid = *guid;
    h->Flags = flags | WNODE_FLAG_STATIC_INSTANCE_NAMES;
    return h;
}

/* A counted string of a WMIREGINFO equals `want`. */
static int counted_is(const UCHAR *base, ULONG offset, PCWSTR want)
{
    USHORT len;
    memcpy(&len, base + offset, sizeof len);
    return len == wcslen(want) * sizeof(WCHAR) && memcmp(base + offset + 2, want, len) == 0;
}

TEST(reginfo_ex_layout)
{
    drvhost_file *f = open_wmitest();
    UCHAR *buf = calloc(1, 4096);
    ULONG_PTR info = 0;
    ok_status(send(WMITEST_DEVICE, IRP_MN_REGINFO_EX, 0, buf, 4096, &info), STATUS_SUCCESS);
    PWMIREGINFOW r = (PWMIREGINFOW)buf;
    ok(state(f).Disposition == IrpNotCompleted, "registration: IrpNotCompleted\n");
    ok(r->GuidCount == 3 && r->NextWmiRegInfo == 0, "GuidCount %u\n", r->GuidCount);
    ok(info == r->BufferSize && r->BufferSize > sizeof(*r) + 3 * sizeof(WMIREGGUIDW),
       "Information %lu, BufferSize %u\n", (unsigned long)info, r->BufferSize);
    ok(IsEqualGUID(&r->WmiRegGuid[0].Guid, &data_guid) &&
           IsEqualGUID(&r->WmiRegGuid[2].Guid, &method_guid),
       "the GUIDs in the driver's order\n");
    /* Each block's flags OR-ed with the RegFlags of DpWmiQueryReginfo. */
    ok(r->WmiRegGuid[0].Flags == WMIREG_FLAG_INSTANCE_BASENAME, "flags 0x%x\n",
       r->WmiRegGuid[0].Flags);
    ok(r->WmiRegGuid[1].Flags == (WMIREG_FLAG_INSTANCE_BASENAME | WMIREG_FLAG_EVENT_ONLY_GUID),
       "flags 0x%x\n", r->WmiRegGuid[1].Flags);
    ok(r->WmiRegGuid[0].InstanceCount == 2 && r->WmiRegGuid[2].InstanceCount == 1,
       "instance counts\n");
    ok(counted_is(buf, r->WmiRegGuid[0].BaseNameOffset, WMITEST_BASENAME), "base name\n");
    ok(r->WmiRegGuid[2].BaseNameOffset == r->WmiRegGuid[0].BaseNameOffset, "one base name\n");
    ok(counted_is(buf, r->MofResourceName, WMITEST_MOF), "MOF resource name\n");
    ok(counted_is(buf, r->RegistryPath,
                  L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wmitest"),
       "registry path\n");
    free(buf);
    drvhost_close(f);
}

TEST(reginfo_too_small_asks_for_the_size)
{
    drvhost_file *f = open_wmitest();
    UCHAR *buf = calloc(1, 4096);
    ULONG_PTR info = 0;
    ULONG small[4] = {0};
    ok_status(send(WMITEST_DEVICE, IRP_MN_REGINFO, 0, buf, 4096, &info), STATUS_SUCCESS);
    ok_status(send(WMITEST_DEVICE, IRP_MN_REGINFO, 0, small, sizeof small, &info),
              STATUS_BUFFER_TOO_SMALL);
    ok(small[0] == ((PWMIREGINFOW)buf)->BufferSize && info == sizeof(ULONG),
       "needed %u (whole %u), Information %lu\n", small[0], ((PWMIREGINFOW)buf)->BufferSize,
       (unsigned long)info);
    free(buf);
    drvhost_close(f);
}

TEST(query_all_data_offsets_are_8_aligned)
{
    drvhost_file *f = open_wmitest();
    ULONG before = state(f).Callbacks;
    PWNODE_ALL_DATA w = wnode(256, &data_guid, WNODE_FLAG_ALL_DATA);
    ULONG_PTR info = 0;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_ALL_DATA, 0, w, 256, &info), STATUS_SUCCESS);
    WMITEST_STATE s = state(f);
    ok(s.Disposition == IrpProcessed && s.Callbacks == before + 1, "DpWmiQueryDataBlock ran\n");
    /* 60 + 2 pairs = 76, data from 80: instance 0 (4 bytes) at 80, instance 1 at 88. */
    ok(w->InstanceCount == 2 && w->DataBlockOffset == 80, "count %u, offset %u\n", w->InstanceCount,
       w->DataBlockOffset);
    /* OffsetInstanceDataAndLength[1] is a trailing array inside a union: read through a
     * pointer, as a driver walks InstanceCount entries, since clang's -Warray-bounds does not take
     * an array in a union for a trailing one and rejects the constant index 1. */
    const OFFSETINSTANCEDATAANDLENGTH *inst = w->OffsetInstanceDataAndLength;
    ok(inst[0].OffsetInstanceData == 80 && inst[0].LengthInstanceData == 4, "instance 0: %u, %u\n",
       inst[0].OffsetInstanceData, inst[0].LengthInstanceData);
    ok(inst[1].OffsetInstanceData == 88 && inst[1].LengthInstanceData == 12, "instance 1: %u, %u\n",
       inst[1].OffsetInstanceData, inst[1].LengthInstanceData);
    ok(w->WnodeHeader.BufferSize == 100 && info == 100, "BufferSize %u, Information %lu\n",
       w->WnodeHeader.BufferSize, (unsigned long)info);
    ok(*(ULONG *)((UCHAR *)w + 88) == 0x22222222, "instance 1's data\n");
    ok(w->WnodeHeader.TimeStamp.QuadPart != 0, "time stamp\n");
    free(w);
    drvhost_close(f);
}

TEST(query_all_data_too_small_is_wnode_too_small)
{
    drvhost_file *f = open_wmitest();
    PWNODE_ALL_DATA w = wnode(88, &data_guid, WNODE_FLAG_ALL_DATA);
    ULONG_PTR info = 0;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_ALL_DATA, 0, w, 88, &info), STATUS_SUCCESS);
    PWNODE_TOO_SMALL t = (PWNODE_TOO_SMALL)w;
    ok(t->WnodeHeader.Flags & WNODE_FLAG_TOO_SMALL, "WNODE_FLAG_TOO_SMALL\n");
    ok(t->SizeNeeded == 100 && t->WnodeHeader.BufferSize == sizeof(WNODE_TOO_SMALL) &&
           info == sizeof(WNODE_TOO_SMALL),
       "SizeNeeded %u, BufferSize %u, Information %lu\n", t->SizeNeeded, t->WnodeHeader.BufferSize,
       (unsigned long)info);
    free(w);
    drvhost_close(f);
}

TEST(single_instance_query_and_change)
{
    drvhost_file *f = open_wmitest();
    PWNODE_SINGLE_INSTANCE w = wnode(128, &data_guid, WNODE_FLAG_SINGLE_INSTANCE);
    ULONG value = 0xCAFEF00D;
    ULONG_PTR info = 0;
    w->InstanceIndex = 0;
    w->DataBlockOffset = 64;
    w->SizeDataBlock = 4;
    memcpy(w->VariableData, &value, 4);
    w->WnodeHeader.BufferSize = 68;
    ok_status(send(WMITEST_DEVICE, IRP_MN_CHANGE_SINGLE_INSTANCE, 0, w, 128, &info),
              STATUS_SUCCESS);
    memset(w->VariableData, 0, 4);
    w->SizeDataBlock = 0;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0, w, 128, &info), STATUS_SUCCESS);
    ok(w->SizeDataBlock == 4 && w->WnodeHeader.BufferSize == 68 && info == 68,
       "size %u, BufferSize %u, Information %lu\n", w->SizeDataBlock, w->WnodeHeader.BufferSize,
       (unsigned long)info);
    ok(memcmp(w->VariableData, &value, 4) == 0, "the value set\n");
    free(w);
    drvhost_close(f);
}

TEST(errors_found_by_the_library_leave_the_irp_to_the_driver)
{
    drvhost_file *f = open_wmitest();
    static const GUID unknown = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
    PWNODE_SINGLE_INSTANCE w = wnode(128, &unknown, WNODE_FLAG_SINGLE_INSTANCE);
    ULONG before = state(f).Callbacks;
    w->DataBlockOffset = 64;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0, w, 128, NULL),
              STATUS_WMI_GUID_NOT_FOUND);
    ok(state(f).Disposition == IrpNotCompleted, "IrpNotCompleted\n");
    w->WnodeHeader.Guid = data_guid;
    w->InstanceIndex = 2; /* 2 instances */
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0, w, 128, NULL),
              STATUS_WMI_INSTANCE_NOT_FOUND);
    w->InstanceIndex = 0;
    w->WnodeHeader.Flags &= ~WNODE_FLAG_STATIC_INSTANCE_NAMES; /* a dynamic name */
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0, w, 128, NULL),
              STATUS_WMI_INSTANCE_NOT_FOUND);
    w->WnodeHeader.Flags |= WNODE_FLAG_STATIC_INSTANCE_NAMES;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0, w, 40, NULL),
              STATUS_BUFFER_TOO_SMALL); /* smaller than its WNODE */
    ok(state(f).Callbacks == before, "no DpWmiXxx routine ran\n");
    free(w);
    drvhost_close(f);
}

TEST(other_provider_is_forwarded_other_minor_is_not_wmi)
{
    drvhost_file *f = open_wmitest();
    PWNODE_SINGLE_INSTANCE w = wnode(128, &data_guid, WNODE_FLAG_SINGLE_INSTANCE);
    ULONG before = state(f).Callbacks;
    w->DataBlockOffset = 64;
    ok_status(send(WMITEST_DEVICE, IRP_MN_QUERY_SINGLE_INSTANCE, 0x1000, w, 128, NULL),
              STATUS_NOT_SUPPORTED);
    ok(state(f).Disposition == IrpForward, "IrpForward\n");
    ok_status(send(WMITEST_DEVICE, 0x0A, 0, w, 128, NULL), STATUS_NOT_SUPPORTED);
    ok(state(f).Disposition == IrpNotWmi, "IrpNotWmi\n");
    ok(state(f).Callbacks == before, "no DpWmiXxx routine ran\n");
    free(w);
    drvhost_close(f);
}

TEST(missing_optional_routines_answer_as_documented)
{
    drvhost_file *f = open_wmitest();
    PWNODE_SINGLE_INSTANCE w = wnode(128, &data_guid, WNODE_FLAG_SINGLE_INSTANCE);
    PWNODE_METHOD_ITEM m = wnode(128, &method_guid, WNODE_FLAG_METHOD_ITEM);
    PWNODE_HEADER h = wnode(sizeof(WNODE_HEADER), &event_guid, 0);
    ULONG before = state(f).Callbacks;
    w->DataBlockOffset = 64;
    w->SizeDataBlock = 4;
    m->DataBlockOffset = 72;
    m->MethodId = 1;
    ok_status(send(WMITEST_RO_DEVICE, IRP_MN_CHANGE_SINGLE_INSTANCE, 0, w, 128, NULL),
              STATUS_WMI_READ_ONLY);
    ok(state(f).Disposition == IrpNotCompleted, "IrpNotCompleted\n");
    ok_status(send(WMITEST_RO_DEVICE, IRP_MN_CHANGE_SINGLE_ITEM, 0, w, 128, NULL),
              STATUS_WMI_READ_ONLY);
    ok_status(send(WMITEST_RO_DEVICE, IRP_MN_EXECUTE_METHOD, 0, m, 128, NULL),
              STATUS_INVALID_DEVICE_REQUEST);
    ok_status(send(WMITEST_RO_DEVICE, IRP_MN_ENABLE_EVENTS, 0, h, sizeof(*h), NULL),
              STATUS_SUCCESS);
    ok(state(f).Callbacks == before, "no DpWmiXxx routine ran\n");
    free(w);
    free(m);
    free(h);
    drvhost_close(f);
}

TEST(enable_and_disable_reach_the_function_control)
{
    drvhost_file *f = open_wmitest();
    PWNODE_HEADER h = wnode(sizeof(WNODE_HEADER), &event_guid, 0);
    ok_status(send(WMITEST_DEVICE, IRP_MN_ENABLE_EVENTS, 0, h, sizeof(*h), NULL), STATUS_SUCCESS);
    ok_status(send(WMITEST_DEVICE, IRP_MN_ENABLE_COLLECTION, 0, h, sizeof(*h), NULL),
              STATUS_SUCCESS);
    WMITEST_STATE s = state(f);
    ok(s.EventsEnabled == 1 && s.CollectionEnabled == 1 && s.Disposition == IrpProcessed,
       "events %u, collection %u\n", s.EventsEnabled, s.CollectionEnabled);
    ok_status(send(WMITEST_DEVICE, IRP_MN_DISABLE_EVENTS, 0, h, sizeof(*h), NULL), STATUS_SUCCESS);
    ok(state(f).EventsEnabled == 0, "disabled\n");
    free(h);
    drvhost_close(f);
}

TEST(io_wmi_write_event_statuses)
{
    drvhost_file *f = open_wmitest();
    NTSTATUS result = 0;
    ULONG kind = 1; /* WNODE_FLAG_TRACED_GUID: no logger session */
    ok_status(harness_ioctl(f, IOCTL_WMITEST_WRITE, &kind, 4, &result, 4, NULL), STATUS_SUCCESS);
    ok_status(result, STATUS_UNSUCCESSFUL);
    kind = 2; /* 1 MiB */
    ok_status(harness_ioctl(f, IOCTL_WMITEST_WRITE, &kind, 4, &result, 4, NULL), STATUS_SUCCESS);
    ok_status(result, STATUS_BUFFER_OVERFLOW);
    kind = 0; /* delivered: WMI frees the driver's buffer (else a pool leak at unload) */
    ok_status(harness_ioctl(f, IOCTL_WMITEST_WRITE, &kind, 4, &result, 4, NULL), STATUS_SUCCESS);
    ok_status(result, STATUS_SUCCESS);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}
