/*
 * class.c - drvhost's HID class driver (docs/hid.md): HidRegisterMinidriver takes over the
 * minidriver's driver object (AddDevice, every dispatch routine, DriverUnload), creates the FDO
 * (its extension: HID_DEVICE_EXTENSION, the class driver's state, then the minidriver's part),
 * and serves the device's HID collection from that FDO.
 *
 * Requests reaching the FDO: create/close/cleanup, read, write and device control come from
 * clients and are the class driver's; PnP is the class driver's around the minidriver's (start
 * then descriptors; removal then detach and delete); everything else (power, internal device
 * control, system control) goes to the minidriver's own routine, as the class driver on Windows
 * passes its requests to the minidriver.
 *
 * Deviation (documented, pinned by hid_class): one collection per minidriver FDO, served by the
 * FDO itself through a GUID_DEVINTERFACE_HID interface of the device's PDO, where Windows makes
 * one PDO per top-level collection.
 */
#include "hid/hid_private.h"

#define HID_TAG 'dihH'

/* The FDO's extension. `pub` first: minidrivers cast DeviceExtension to HID_DEVICE_EXTENSION.
 * `lock` guards pump_on; the rest is written at start/stop on the PnP thread. */
struct hid_fdo {
    HID_DEVICE_EXTENSION pub;
    struct hid_minidriver *mini;
    PDEVICE_OBJECT self;
    KSPIN_LOCK lock;
    HID_DEVICE_ATTRIBUTES attrs;
    PUCHAR report_desc;
    ULONG report_desc_len;
    struct hid_lengths len;
    PHIDP_PREPARSED_DATA ppd; /* the collection's preparsed data (hidp.c), from start to stop */
    ULONG ppd_len;
    UNICODE_STRING iface;
    /* The read pump: one IOCTL_HID_READ_REPORT at a time, re-sent from a work item. */
    PIRP pump_irp;
    PUCHAR pump_buf;
    PIO_WORKITEM pump_item;
    BOOLEAN pump_on;
    KEVENT pump_idle;
    struct hid_queue queue; /* the input reports of each open (queue.c) */
    /* The device power state the class driver, the stack's power policy owner, last set: D0
     * from each start; written on the power path only (one set-power IRP at a time). */
    DEVICE_POWER_STATE dstate;
};

#define HID_FDO_SIZE ((sizeof(struct hid_fdo) + 15) & ~(size_t)15)

static KSPIN_LOCK hid_lock; /* hid_minidrivers */
static LIST_ENTRY hid_minidrivers = {&hid_minidrivers, &hid_minidrivers};

static struct hid_minidriver *hid_find(PDRIVER_OBJECT driver)
{
    struct hid_minidriver *found = NULL;
    KIRQL irql;
    KeAcquireSpinLock(&hid_lock, &irql);
    for (PLIST_ENTRY e = hid_minidrivers.Flink; e != &hid_minidrivers; e = e->Flink) {
        struct hid_minidriver *m = CONTAINING_RECORD(e, struct hid_minidriver, link);
        if (m->driver == driver)
            found = m;
    }
    KeReleaseSpinLock(&hid_lock, irql);
    return found;
}

/* ---- requests to the minidriver ---- */

/* A synchronous internal device control to the minidriver (PASSIVE_LEVEL): METHOD_NEITHER, so
 * the minidriver finds its buffer at Irp->UserBuffer, and the lengths the request's page gives
 * in InputBufferLength and OutputBufferLength. */
static NTSTATUS hid_mini_ioctl3(struct hid_fdo *f, ULONG code, PVOID type3, PVOID buffer,
                                ULONG in_length, ULONG out_length, ULONG_PTR *info)
{
    IO_STATUS_BLOCK iosb = {0};
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    PIRP irp = IoBuildDeviceIoControlRequest(code, f->self, NULL, 0, out_length ? buffer : NULL,
                                             out_length, TRUE, &done, &iosb);
    if (!irp)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->UserBuffer = buffer;
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);
    next->Parameters.DeviceIoControl.Type3InputBuffer = type3;
    next->Parameters.DeviceIoControl.InputBufferLength = in_length;
    NTSTATUS status = IoCallDriver(f->self, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
        status = iosb.Status;
    }
    if (info)
        *info = iosb.Information;
    return status;
}

/* The descriptor requests: a buffer to fill, its size the output length, no input. */
static NTSTATUS hid_mini_ioctl(struct hid_fdo *f, ULONG code, PVOID buffer, ULONG length,
                               ULONG_PTR *info)
{
    return hid_mini_ioctl3(f, code, NULL, buffer, 0, length, info);
}

/* The report requests: a HID_XFER_PACKET at Irp->UserBuffer; the input length is its size, and
 * so is the output length of the two that read from the device (GET_FEATURE,
 * GET_INPUT_REPORT), while those that write to it have none (the "Minidriver handling" of the
 * IOCTL_HID_GET_FEATURE, IOCTL_HID_SET_FEATURE and IOCTL_HID_WRITE_REPORT pages). Minidrivers
 * check these: vhidmini2 fails a write whose input length is smaller than the packet. */
static NTSTATUS hid_mini_xfer(struct hid_fdo *f, ULONG code, PUCHAR report, ULONG length,
                              ULONG_PTR *info)
{
    HID_XFER_PACKET packet = {report, length, report[0]};
    BOOLEAN reads = code == IOCTL_HID_GET_FEATURE || code == IOCTL_HID_GET_INPUT_REPORT;
    return hid_mini_ioctl3(f, code, NULL, &packet, sizeof(packet), reads ? sizeof(packet) : 0,
                           info);
}

static NTSTATUS NTAPI hid_signal(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
    UNREFERENCED_PARAMETER(dev);
    UNREFERENCED_PARAMETER(irp);
    KeSetEvent((PKEVENT)context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Hands an IRP of the FDO to the minidriver's routine and waits until it completes: one extra
 * stack location (the FDO's StackSize has it) carries the class driver's completion routine. */
static NTSTATUS hid_mini_sync(struct hid_fdo *f, PIRP irp)
{
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, hid_signal, &done, TRUE, TRUE, TRUE);
    IoSetNextIrpStackLocation(irp);
    IoGetCurrentIrpStackLocation(irp)->DeviceObject = f->self;
    UCHAR major = IoGetCurrentIrpStackLocation(irp)->MajorFunction;
    if (f->mini->dispatch[major](f->self, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    return irp->IoStatus.Status;
}

/* ---- input reports (queue.c keeps them per open) ---- */

/* A report from the minidriver. A device without report IDs sends reports without the ID byte;
 * the clients see a zero in front. */
static void hid_deliver(struct hid_fdo *f, const UCHAR *data, ULONG size)
{
    ULONG skip = f->len.uses_ids ? 0 : 1;
    PUCHAR report = ExAllocatePool2(POOL_FLAG_NON_PAGED, size + skip, HID_TAG);
    if (!report)
        return;
    report[0] = 0;
    RtlCopyMemory(report + skip, data, size);
    hid_queue_deliver(&f->queue, report, size + skip);
    ExFreePoolWithTag(report, HID_TAG);
}

static NTSTATUS hid_read(struct hid_fdo *f, PIRP irp)
{
    ULONG length = IoGetCurrentIrpStackLocation(irp)->Parameters.Read.Length;
    if (f->len.input == 0)
        return hid_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (length < f->len.input)
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    return hid_queue_read(irp);
}

/* ---- the read pump (IOCTL_HID_READ_REPORT, ping-pong) ---- */

static NTSTATUS NTAPI hid_pump_done(PDEVICE_OBJECT dev, PIRP irp, PVOID context);

static void hid_pump_send(struct hid_fdo *f)
{
    PIRP irp = f->pump_irp;
    KIRQL irql;
    /* Reused under the lock: a stop after this sees pump_on FALSE too late to skip the send,
     * but its IoCancelIrp then marks this IRP, which the minidriver honours. */
    KeAcquireSpinLock(&f->lock, &irql);
    BOOLEAN on = f->pump_on;
    if (on)
        IoReuseIrp(irp, STATUS_SUCCESS);
    KeReleaseSpinLock(&f->lock, irql);
    if (!on) {
        KeSetEvent(&f->pump_idle, IO_NO_INCREMENT, FALSE);
        return;
    }
    PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(irp);
    next->MajorFunction = IRP_MJ_INTERNAL_DEVICE_CONTROL;
    next->Parameters.DeviceIoControl.IoControlCode = IOCTL_HID_READ_REPORT;
    next->Parameters.DeviceIoControl.OutputBufferLength = f->len.input;
    irp->UserBuffer = f->pump_buf;
    IoSetCompletionRoutine(irp, hid_pump_done, f, TRUE, TRUE, TRUE);
    IoCallDriver(f->self, irp);
}

static VOID NTAPI hid_pump_work(PDEVICE_OBJECT dev, PVOID context)
{
    UNREFERENCED_PARAMETER(dev);
    hid_pump_send(context);
}

/* Any IRQL. The next read is sent from a work item, so a minidriver completing at once does not
 * recurse. An error stops the pump (deviation: Windows retries after some errors). */
static NTSTATUS NTAPI hid_pump_done(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
    struct hid_fdo *f = context;
    KIRQL irql;
    UNREFERENCED_PARAMETER(dev);
    BOOLEAN ok = NT_SUCCESS(irp->IoStatus.Status);
    if (ok)
        hid_deliver(f, f->pump_buf, (ULONG)min(irp->IoStatus.Information, (ULONG_PTR)f->len.input));
    KeAcquireSpinLock(&f->lock, &irql);
    BOOLEAN again = ok && f->pump_on;
    if (!again)
        f->pump_on = FALSE;
    KeReleaseSpinLock(&f->lock, irql);
    if (again)
        IoQueueWorkItem(f->pump_item, hid_pump_work, DelayedWorkQueue, f);
    else
        KeSetEvent(&f->pump_idle, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS hid_pump_start(struct hid_fdo *f)
{
    if (f->len.input == 0)
        return STATUS_SUCCESS; /* no input report: nothing to read */
    f->pump_irp = IoAllocateIrp(f->self->StackSize, FALSE);
    f->pump_buf = ExAllocatePool2(POOL_FLAG_NON_PAGED, f->len.input, HID_TAG);
    f->pump_item = IoAllocateWorkItem(f->self);
    if (!f->pump_irp || !f->pump_buf || !f->pump_item)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeClearEvent(&f->pump_idle);
    f->pump_on = TRUE;
    hid_pump_send(f);
    return STATUS_SUCCESS;
}

/* Stops the pump: cancels the read the minidriver holds and waits for its completion. */
static void hid_pump_stop(struct hid_fdo *f)
{
    KIRQL irql;
    KeAcquireSpinLock(&f->lock, &irql);
    BOOLEAN running = f->pump_on;
    f->pump_on = FALSE;
    KeReleaseSpinLock(&f->lock, irql);
    if (f->pump_irp) {
        if (running)
            IoCancelIrp(f->pump_irp);
        KeWaitForSingleObject(&f->pump_idle, Executive, KernelMode, FALSE, NULL);
        IoFreeIrp(f->pump_irp);
    }
    if (f->pump_item)
        IoFreeWorkItem(f->pump_item);
    if (f->pump_buf)
        ExFreePoolWithTag(f->pump_buf, HID_TAG);
    f->pump_irp = NULL;
    f->pump_item = NULL;
    f->pump_buf = NULL;
}

/* ---- the collection's device controls ---- */

static NTSTATUS hid_collection_info(struct hid_fdo *f, PIRP irp, ULONG out_len)
{
    PHID_COLLECTION_INFORMATION info = irp->AssociatedIrp.SystemBuffer;
    if (out_len < sizeof(*info))
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    RtlZeroMemory(info, sizeof(*info));
    info->DescriptorSize = f->ppd_len;
    info->Polled = f->mini->polled;
    info->VendorID = f->attrs.VendorID;
    info->ProductID = f->attrs.ProductID;
    info->VersionNumber = f->attrs.VersionNumber;
    return hid_complete(irp, STATUS_SUCCESS, sizeof(*info));
}

static NTSTATUS hid_collection_descriptor(struct hid_fdo *f, PIRP irp, ULONG out_len)
{
    if (out_len < f->ppd_len)
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    RtlCopyMemory(irp->UserBuffer, f->ppd, f->ppd_len);
    return hid_complete(irp, STATUS_SUCCESS, f->ppd_len);
}

/* GET_FEATURE, GET_INPUT_REPORT (the report returned in the output buffer, its MDL) and
 * SET_FEATURE, SET_OUTPUT_REPORT (the report in the input buffer): byte 0 is the report ID or
 * zero; the buffer must hold the longest report of that kind. */
static NTSTATUS hid_report_ioctl(struct hid_fdo *f, PIRP irp, ULONG code)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    BOOLEAN get = code == IOCTL_HID_GET_FEATURE || code == IOCTL_HID_GET_INPUT_REPORT;
    BOOLEAN feature = code == IOCTL_HID_GET_FEATURE || code == IOCTL_HID_SET_FEATURE;
    ULONG need = feature ? f->len.feature : get ? f->len.input : f->len.output;
    ULONG length = get ? sp->Parameters.DeviceIoControl.OutputBufferLength
                       : sp->Parameters.DeviceIoControl.InputBufferLength;
    PUCHAR buffer =
        get ? (irp->MdlAddress ? MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority)
                               : NULL)
            : irp->AssociatedIrp.SystemBuffer;
    ULONG_PTR info = 0;
    if (need == 0)
        return hid_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (length < need || !buffer)
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    /* The minidriver receives the same codes, its report in a HID_XFER_PACKET. */
    NTSTATUS status = hid_mini_xfer(f, code, buffer, length, &info);
    return hid_complete(irp, status, get && NT_SUCCESS(status) ? info : 0);
}

/* The manufacturer, product and serial-number strings: IOCTL_HID_GET_STRING to the minidriver,
 * the string's ID in the low word of Type3InputBuffer and the language in the high word
 * (drvhost: always 0x0409, English (United States), where Windows uses the system's), the
 * caller's buffer at Irp->UserBuffer. IOCTL_HID_GET_INDEXED_STRING likewise with the string's
 * index, the caller's buffer as the IRP's MDL (that request is not METHOD_NEITHER for the
 * minidriver; IoBuildDeviceIoControlRequest makes the MDL for METHOD_OUT_DIRECT). */
static NTSTATUS hid_string_ioctl(struct hid_fdo *f, PIRP irp, ULONG code, ULONG id)
{
    ULONG length = IoGetCurrentIrpStackLocation(irp)->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID buffer =
        irp->MdlAddress ? MmGetSystemAddressForMdlSafe(irp->MdlAddress, NormalPagePriority) : NULL;
    ULONG_PTR info = 0;
    if (!buffer)
        return hid_complete(irp, STATUS_INVALID_USER_BUFFER, 0);
    NTSTATUS status = hid_mini_ioctl3(f, code, (PVOID)(ULONG_PTR)(id | 0x04090000), buffer,
                                      sizeof(ULONG), length, &info);
    return hid_complete(irp, status, NT_SUCCESS(status) ? info : 0);
}

/* HidD_GetIndexedString: the string's index, a ULONG, in the input buffer (shorter:
 * STATUS_INVALID_BUFFER_SIZE, drvhost's choice; the page only says it must hold one); its low
 * word goes to the minidriver. */
static NTSTATUS hid_indexed_string_ioctl(struct hid_fdo *f, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG) ||
        !irp->AssociatedIrp.SystemBuffer)
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    ULONG index = *(PULONG)irp->AssociatedIrp.SystemBuffer & 0xFFFF;
    return hid_string_ioctl(f, irp, IOCTL_HID_GET_INDEXED_STRING, index);
}

static NTSTATUS hid_ioctl(struct hid_fdo *f, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    ULONG out_len = sp->Parameters.DeviceIoControl.OutputBufferLength;
    switch (code) {
    case IOCTL_HID_GET_COLLECTION_INFORMATION:
        return hid_collection_info(f, irp, out_len);
    case IOCTL_HID_GET_COLLECTION_DESCRIPTOR:
        return hid_collection_descriptor(f, irp, out_len);
    case IOCTL_HID_FLUSH_QUEUE:
        hid_queue_flush(sp->FileObject);
        return hid_complete(irp, STATUS_SUCCESS, 0);
    case IOCTL_GET_NUM_DEVICE_INPUT_BUFFERS:
        if (out_len < sizeof(ULONG))
            return hid_complete(irp, STATUS_BUFFER_TOO_SMALL, 0);
        *(PULONG)irp->AssociatedIrp.SystemBuffer = HID_RING_SIZE;
        return hid_complete(irp, STATUS_SUCCESS, sizeof(ULONG));
    case IOCTL_HID_GET_MANUFACTURER_STRING:
        return hid_string_ioctl(f, irp, IOCTL_HID_GET_STRING, HID_STRING_ID_IMANUFACTURER);
    case IOCTL_HID_GET_PRODUCT_STRING:
        return hid_string_ioctl(f, irp, IOCTL_HID_GET_STRING, HID_STRING_ID_IPRODUCT);
    case IOCTL_HID_GET_SERIALNUMBER_STRING:
        return hid_string_ioctl(f, irp, IOCTL_HID_GET_STRING, HID_STRING_ID_ISERIALNUMBER);
    case IOCTL_HID_GET_INDEXED_STRING:
        return hid_indexed_string_ioctl(f, irp);
    case IOCTL_HID_GET_FEATURE:
    case IOCTL_HID_SET_FEATURE:
    case IOCTL_HID_GET_INPUT_REPORT:
    case IOCTL_HID_SET_OUTPUT_REPORT:
        return hid_report_ioctl(f, irp, code);
    default:
        return hid_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

/* A client's write: one output report (byte 0 its ID or zero) as IOCTL_HID_WRITE_REPORT. */
static NTSTATUS hid_write(struct hid_fdo *f, PIRP irp)
{
    ULONG length = IoGetCurrentIrpStackLocation(irp)->Parameters.Write.Length;
    ULONG_PTR info = 0;
    if (f->len.output == 0)
        return hid_complete(irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    if (length != f->len.output)
        return hid_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    NTSTATUS status =
        hid_mini_xfer(f, IOCTL_HID_WRITE_REPORT, irp->AssociatedIrp.SystemBuffer, length, &info);
    return hid_complete(irp, status, NT_SUCCESS(status) ? length : 0);
}

/* ---- start and stop ---- */

/* After the minidriver started: its descriptors, then the collection. */
static NTSTATUS hid_query(struct hid_fdo *f)
{
    HID_DESCRIPTOR desc = {0};
    ULONG_PTR info = 0;
    NTSTATUS status =
        hid_mini_ioctl(f, IOCTL_HID_GET_DEVICE_DESCRIPTOR, &desc, sizeof(desc), &info);
    if (!NT_SUCCESS(status))
        return status;
    if (info < sizeof(desc) || desc.bNumDescriptors < 1 ||
        desc.DescriptorList[0].bReportType != HID_REPORT_DESCRIPTOR_TYPE ||
        desc.DescriptorList[0].wReportLength == 0)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    RtlZeroMemory(&f->attrs, sizeof(f->attrs));
    f->attrs.Size = sizeof(f->attrs);
    status = hid_mini_ioctl(f, IOCTL_HID_GET_DEVICE_ATTRIBUTES, &f->attrs, sizeof(f->attrs), NULL);
    if (!NT_SUCCESS(status))
        return status;
    f->report_desc_len = desc.DescriptorList[0].wReportLength;
    f->report_desc = ExAllocatePool2(POOL_FLAG_NON_PAGED, f->report_desc_len, HID_TAG);
    if (!f->report_desc)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = hid_mini_ioctl(f, IOCTL_HID_GET_REPORT_DESCRIPTOR, f->report_desc, f->report_desc_len,
                            &info);
    if (!NT_SUCCESS(status))
        return status;
    if (info != f->report_desc_len)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    return hidp_build_preparsed(f->report_desc, f->report_desc_len, &f->ppd, &f->ppd_len, &f->len);
}

static NTSTATUS hid_start(struct hid_fdo *f)
{
    NTSTATUS status = hid_query(f);
    f->dstate = PowerDeviceD0; /* a started device is in D0 */
    if (NT_SUCCESS(status))
        status = hid_pump_start(f);
    if (NT_SUCCESS(status) && !f->iface.Buffer)
        status = IoRegisterDeviceInterface(f->pub.PhysicalDeviceObject, &GUID_DEVINTERFACE_HID,
                                           NULL, &f->iface);
    if (NT_SUCCESS(status))
        status = IoSetDeviceInterfaceState(&f->iface, TRUE);
    return status;
}

/* Stop, surprise removal, removal, a failed start: no client I/O from here on. */
static void hid_stop(struct hid_fdo *f)
{
    if (f->iface.Buffer)
        IoSetDeviceInterfaceState(&f->iface, FALSE);
    hid_pump_stop(f);
    hid_queue_stop(&f->queue, STATUS_DEVICE_NOT_CONNECTED);
    if (f->report_desc)
        ExFreePoolWithTag(f->report_desc, HID_TAG);
    f->report_desc = NULL;
    f->report_desc_len = 0;
    if (f->ppd)
        ExFreePool(f->ppd);
    f->ppd = NULL;
    f->ppd_len = 0;
    RtlZeroMemory(&f->len, sizeof(f->len));
}

static NTSTATUS hid_pnp(struct hid_fdo *f, PIRP irp)
{
    UCHAR minor = IoGetCurrentIrpStackLocation(irp)->MinorFunction;
    PDRIVER_DISPATCH mini = f->mini->dispatch[IRP_MJ_PNP];
    NTSTATUS status;
    switch (minor) {
    case IRP_MN_START_DEVICE:
        status = hid_mini_sync(f, irp);
        if (NT_SUCCESS(status)) {
            status = hid_start(f);
            if (!NT_SUCCESS(status))
                hid_stop(f);
        }
        return hid_complete(irp, status, 0);
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
        hid_stop(f);
        return mini(f->self, irp);
    case IRP_MN_REMOVE_DEVICE: {
        /* The minidriver passes the removal down; the class driver detaches and deletes the
         * FDO, as the minidriver must not (docs: "Minidrivers and the HID class driver"). */
        PDEVICE_OBJECT next = f->pub.NextDeviceObject;
        hid_stop(f);
        status = mini(f->self, irp);
        if (f->iface.Buffer)
            RtlFreeUnicodeString(&f->iface);
        IoDetachDevice(next);
        IoDeleteDevice(f->self);
        return status;
    }
    default:
        return mini(f->self, irp);
    }
}

/* ---- power: the class driver owns the stack's power policy ---- */

/* The device IRP is done: the system IRP, held since its way back up, completes (with the
 * status it had: a system set-power IRP must not fail, whatever the device did). */
static VOID NTAPI hid_device_power_done(PDEVICE_OBJECT dev, UCHAR minor, POWER_STATE state,
                                        PVOID context, PIO_STATUS_BLOCK iosb)
{
    PIRP sirp = context;
    struct hid_fdo *f = IoGetCurrentIrpStackLocation(sirp)->DeviceObject->DeviceExtension;
    UNREFERENCED_PARAMETER(dev);
    UNREFERENCED_PARAMETER(minor);
    if (NT_SUCCESS(iosb->Status))
        f->dstate = state.DeviceState;
    PoStartNextPowerIrp(sirp);
    IoCompleteRequest(sirp, IO_NO_INCREMENT);
}

/* A system set-power IRP on its way back up (the stack below has it): as the policy owner, the
 * class driver asks for the device state that goes with it, D0 for S0 and D3 for any sleeping
 * state (deviation: Windows takes the state from the device's capabilities, DeviceState[]),
 * and holds the system IRP until the device IRP is done. */
static NTSTATUS NTAPI hid_system_power_done(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
    struct hid_fdo *f = context;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    POWER_STATE d;
    UNREFERENCED_PARAMETER(dev);
    d.DeviceState = sp->Parameters.Power.State.SystemState == PowerSystemWorking ? PowerDeviceD0
                                                                                 : PowerDeviceD3;
    if (NT_SUCCESS(irp->IoStatus.Status) && d.DeviceState != f->dstate &&
        NT_SUCCESS(PoRequestPowerIrp(f->pub.PhysicalDeviceObject, IRP_MN_SET_POWER, d,
                                     hid_device_power_done, irp, NULL)))
        return STATUS_MORE_PROCESSING_REQUIRED;
    PoStartNextPowerIrp(irp);
    return STATUS_CONTINUE_COMPLETION;
}

/* Power IRPs go to the minidriver's routine (which passes them down); a system set-power IRP
 * through one more stack location (the FDO's StackSize has it) carrying the completion routine
 * that requests the device IRP. */
static NTSTATUS hid_power(struct hid_fdo *f, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    if (sp->MinorFunction != IRP_MN_SET_POWER || sp->Parameters.Power.Type != SystemPowerState)
        return f->mini->dispatch[IRP_MJ_POWER](f->self, irp);
    IoMarkIrpPending(irp);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, hid_system_power_done, f, TRUE, TRUE, TRUE);
    IoSetNextIrpStackLocation(irp);
    IoGetCurrentIrpStackLocation(irp)->DeviceObject = f->self;
    f->mini->dispatch[IRP_MJ_POWER](f->self, irp);
    return STATUS_PENDING;
}

/* ---- the driver object's routines, taken over from the minidriver ---- */

static NTSTATUS NTAPI hid_dispatch(PDEVICE_OBJECT dev, PIRP irp)
{
    struct hid_fdo *f = dev->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    switch (sp->MajorFunction) {
    case IRP_MJ_CREATE:
        return hid_complete(irp, hid_queue_open(&f->queue, sp->FileObject), 0);
    case IRP_MJ_CLOSE:
        hid_queue_close(sp->FileObject);
        return hid_complete(irp, STATUS_SUCCESS, 0);
    case IRP_MJ_CLEANUP:
        hid_queue_cleanup(sp->FileObject);
        return hid_complete(irp, STATUS_SUCCESS, 0);
    case IRP_MJ_READ:
        return hid_read(f, irp);
    case IRP_MJ_WRITE:
        return hid_write(f, irp);
    case IRP_MJ_DEVICE_CONTROL:
        return hid_ioctl(f, irp);
    case IRP_MJ_PNP:
        return hid_pnp(f, irp);
    case IRP_MJ_POWER:
        return hid_power(f, irp);
    default:
        return f->mini->dispatch[sp->MajorFunction](dev, irp);
    }
}

/* The PnP manager calls this for the minidriver's devices: the class driver creates and attaches
 * the FDO, then calls the minidriver's AddDevice with it. */
static NTSTATUS NTAPI hid_add_device(PDRIVER_OBJECT driver, PDEVICE_OBJECT pdo)
{
    struct hid_minidriver *m = hid_find(driver);
    PDEVICE_OBJECT fdo;
    if (!m)
        return STATUS_NO_SUCH_DEVICE;
    NTSTATUS status = IoCreateDevice(driver, (ULONG)HID_FDO_SIZE + m->ext_size, NULL,
                                     FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN, FALSE, &fdo);
    if (!NT_SUCCESS(status))
        return status;
    struct hid_fdo *f = fdo->DeviceExtension;
    f->pub.PhysicalDeviceObject = pdo;
    f->pub.MiniDeviceExtension = (PUCHAR)f + HID_FDO_SIZE;
    f->mini = m;
    f->self = fdo;
    KeInitializeSpinLock(&f->lock);
    KeInitializeEvent(&f->pump_idle, NotificationEvent, TRUE);
    hid_queue_init(&f->queue);
    f->pub.NextDeviceObject = IoAttachDeviceToDeviceStack(fdo, pdo);
    if (!f->pub.NextDeviceObject) {
        IoDeleteDevice(fdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    fdo->StackSize++; /* the location hid_mini_sync adds for its completion routine */
    fdo->Flags |= DO_BUFFERED_IO | DO_POWER_PAGABLE;
    status = m->add_device(driver, fdo);
    if (!NT_SUCCESS(status)) {
        IoDetachDevice(f->pub.NextDeviceObject);
        IoDeleteDevice(fdo);
        return status;
    }
    fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID NTAPI hid_unload(PDRIVER_OBJECT driver)
{
    struct hid_minidriver *m = hid_find(driver);
    KIRQL irql;
    if (!m)
        return;
    if (m->unload)
        m->unload(driver);
    KeAcquireSpinLock(&hid_lock, &irql);
    RemoveEntryList(&m->link);
    KeReleaseSpinLock(&hid_lock, irql);
    ExFreePoolWithTag(m, HID_TAG);
}

NTSTATUS NTAPI HidRegisterMinidriver(PHID_MINIDRIVER_REGISTRATION MinidriverRegistration)
{
    PHID_MINIDRIVER_REGISTRATION r = MinidriverRegistration;
    KIRQL irql;
    if (r->Revision != HID_REVISION)
        return STATUS_REVISION_MISMATCH;
    if (!r->DriverObject || !r->DriverObject->DriverExtension->AddDevice)
        return STATUS_INVALID_PARAMETER; /* drvhost: nothing to call (docs/hid.md) */
    if (hid_find(r->DriverObject))
        return STATUS_OBJECT_NAME_COLLISION; /* drvhost: registered twice (docs/hid.md) */
    struct hid_minidriver *m = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*m), HID_TAG);
    if (!m)
        return STATUS_INSUFFICIENT_RESOURCES;
    PDRIVER_OBJECT driver = r->DriverObject;
    m->driver = driver;
    m->ext_size = r->DeviceExtensionSize;
    m->polled = r->DevicesArePolled;
    m->add_device = driver->DriverExtension->AddDevice;
    m->unload = driver->DriverUnload;
    for (ULONG i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++) {
        m->dispatch[i] = driver->MajorFunction[i];
        driver->MajorFunction[i] = hid_dispatch;
    }
    driver->DriverExtension->AddDevice = hid_add_device;
    driver->DriverUnload = hid_unload;
    KeAcquireSpinLock(&hid_lock, &irql);
    InsertTailList(&hid_minidrivers, &m->link);
    KeReleaseSpinLock(&hid_lock, irql);
    return STATUS_SUCCESS;
}
