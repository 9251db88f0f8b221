/*
 * hidkfilt.c - a KMDF HID driver for the HID class driver's tests (tests/hid, docs/hid.md), in
 * the arrangement "Creating WDF HID minidrivers" documents: a lower filter (it calls
 * WdfFdoInitSetFilter) under the pass-through minidriver that registers with the class driver
 * (drvhost's inbox mshidkmdf.sys, inbox/mshidkmdf), answering the class driver's internal
 * device controls that the pass-through driver hands down. Written against the public WDK
 * headers only. A vendor-defined device with report IDs:
 *
 *   report 1: input 2 bytes, output 2 bytes; report 2: feature 3 bytes.
 *
 * On HIDTEST\MOUSE it is a mouse instead (MouseDescriptor: no report IDs, a one-byte feature
 * report holding a tail-light button), for the firefly sample's scenario.
 *
 * An output report (IOCTL_HID_WRITE_REPORT or IOCTL_HID_SET_OUTPUT_REPORT) comes back as the
 * next input report, its two bytes swapped; IOCTL_HID_READ_REPORT waits in a manual queue until
 * one is there. Each HID_XFER_PACKET request must come with the lengths its page gives
 * (input: the packet's size; output: the packet's size for the gets), else
 * STATUS_BUFFER_TOO_SMALL. A feature report set is returned by the next get;
 * IOCTL_HID_GET_INPUT_REPORT answers 01 5a a5; IOCTL_HID_GET_STRING knows the product string,
 * IOCTL_HID_GET_INDEXED_STRING string 5. A report of another ID is STATUS_INVALID_PARAMETER. D0
 * entry and exit print a line with the WDF_POWER_DEVICE_STATE
 * ("hidkfilt: D0Exit to state 4", WdfPowerDeviceD3), so a scenario sees power reach the filter
 * through the pass-through driver.
 */
#include <ntddk.h>
#include <wdf.h>

#include <hidport.h>

#define KFILT_PENDING 8 /* output reports kept while no read waits */

typedef struct _KFILT_CONTEXT {
    WDFQUEUE Reads; /* manual: IOCTL_HID_READ_REPORT requests waiting */
    WDFSPINLOCK Lock;
    UCHAR Pending[KFILT_PENDING][3];
    ULONG PendingHead, PendingCount;
    UCHAR Feature[3];
    BOOLEAN Mouse; /* HIDTEST\MOUSE: the mouse-like descriptor */
} KFILT_CONTEXT, *PKFILT_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(KFILT_CONTEXT, KfiltGetContext)

static const UCHAR ReportDescriptor[] = {
    0x06, 0x00, 0xFF, /* Usage Page (vendor 0xFF00) */
    0x09, 0x01,       /* Usage (1) */
    0xA1, 0x01,       /* Collection (Application) */
    0x15, 0x00,       /*   Logical Minimum (0) */
    0x26, 0xFF, 0x00, /*   Logical Maximum (255) */
    0x75, 0x08,       /*   Report Size (8) */
    0x85, 0x01,       /*   Report ID (1) */
    0x95, 0x02,       /*   Report Count (2) */
    0x09, 0x02,       /*   Usage (2) */
    0x81, 0x02,       /*   Input (Data, Variable, Absolute) */
    0x09, 0x03,       /*   Usage (3) */
    0x91, 0x02,       /*   Output (Data, Variable, Absolute) */
    0x85, 0x02,       /*   Report ID (2) */
    0x95, 0x03,       /*   Report Count (3) */
    0x09, 0x04,       /*   Usage (4) */
    0xB1, 0x02,       /*   Feature (Data, Variable, Absolute) */
    0xC0,             /* End Collection */
};

/* HIDTEST\MOUSE: a three-button mouse without report IDs (input: buttons, X, Y) whose feature
 * report is one button of page 0xFF, usage 2, and padding: a tail light, as the firefly
 * sample's mice have (tests/samples/hid/firefly). */
static const UCHAR MouseDescriptor[] = {
    0x05, 0x01, /* Usage Page (Generic Desktop) */
    0x09, 0x02, /* Usage (Mouse) */
    0xA1, 0x01, /* Collection (Application) */
    0x09, 0x01, /*   Usage (Pointer) */
    0xA1, 0x00, /*   Collection (Physical) */
    0x05, 0x09, /*     Usage Page (Button) */
    0x19, 0x01, /*     Usage Minimum (1) */
    0x29, 0x03, /*     Usage Maximum (3) */
    0x15, 0x00, /*     Logical Minimum (0) */
    0x25, 0x01, /*     Logical Maximum (1) */
    0x75, 0x01, /*     Report Size (1) */
    0x95, 0x03, /*     Report Count (3) */
    0x81, 0x02, /*     Input (Data, Variable, Absolute) */
    0x75, 0x05, /*     Report Size (5) */
    0x95, 0x01, /*     Report Count (1) */
    0x81, 0x03, /*     Input (Constant) */
    0x05, 0x01, /*     Usage Page (Generic Desktop) */
    0x09, 0x30, /*     Usage (X) */
    0x09, 0x31, /*     Usage (Y) */
    0x15, 0x81, /*     Logical Minimum (-127) */
    0x25, 0x7F, /*     Logical Maximum (127) */
    0x75, 0x08, /*     Report Size (8) */
    0x95, 0x02, /*     Report Count (2) */
    0x81, 0x06, /*     Input (Data, Variable, Relative) */
    0xC0,       /*   End Collection */
    0x05, 0xFF, /*   Usage Page (0xFF) */
    0x09, 0x02, /*   Usage (2) */
    0x15, 0x00, /*   Logical Minimum (0) */
    0x25, 0x01, /*   Logical Maximum (1) */
    0x75, 0x01, /*   Report Size (1) */
    0x95, 0x01, /*   Report Count (1) */
    0xB1, 0x02, /*   Feature (Data, Variable, Absolute) */
    0x75, 0x07, /*   Report Size (7) */
    0xB1, 0x03, /*   Feature (Constant) */
    0xC0,       /* End Collection */
};

static const WCHAR Product[] = L"kfilt";
static const WCHAR Indexed[] = L"kfilt string 5";

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD KfiltDeviceAdd;
static EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL KfiltInternalIoctl;
static EVT_WDF_DEVICE_D0_ENTRY KfiltD0Entry;
static EVT_WDF_DEVICE_D0_EXIT KfiltD0Exit;

/* Error level, so that the scenario's default debug filter shows the lines. */
#define KfiltPrint(...)                                                                            \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "hidkfilt: " __VA_ARGS__)

/* The class driver's requests are METHOD_NEITHER: the buffer at Irp->UserBuffer, its size in
 * OutputBufferLength (hidport.h's IOCTL_HID_* pages). */
static PVOID KfiltUserBuffer(WDFREQUEST Request, size_t *Length)
{
    WDF_REQUEST_PARAMETERS params;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    *Length = params.Parameters.DeviceIoControl.OutputBufferLength;
    return WdfRequestWdmGetIrp(Request)->UserBuffer;
}

static NTSTATUS KfiltCopyOut(WDFREQUEST Request, const VOID *Data, size_t Size, ULONG_PTR *Info)
{
    size_t length;
    PVOID buffer = KfiltUserBuffer(Request, &length);
    if (buffer == NULL || length < Size)
        return STATUS_INVALID_BUFFER_SIZE;
    RtlCopyMemory(buffer, Data, Size);
    *Info = Size;
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltReportDescriptor(PKFILT_CONTEXT Ctx, WDFREQUEST Request, ULONG_PTR *Info)
{
    if (Ctx->Mouse)
        return KfiltCopyOut(Request, MouseDescriptor, sizeof(MouseDescriptor), Info);
    return KfiltCopyOut(Request, ReportDescriptor, sizeof(ReportDescriptor), Info);
}

static NTSTATUS KfiltDeviceDescriptor(PKFILT_CONTEXT Ctx, WDFREQUEST Request, ULONG_PTR *Info)
{
    HID_DESCRIPTOR desc;
    RtlZeroMemory(&desc, sizeof(desc));
    desc.bLength = sizeof(desc);
    desc.bDescriptorType = 0x21;
    desc.bcdHID = 0x0111;
    desc.bNumDescriptors = 1;
    desc.DescriptorList[0].bReportType = 0x22;
    desc.DescriptorList[0].wReportLength =
        Ctx->Mouse ? sizeof(MouseDescriptor) : sizeof(ReportDescriptor);
    return KfiltCopyOut(Request, &desc, sizeof(desc), Info);
}

static NTSTATUS KfiltAttributes(WDFREQUEST Request, ULONG_PTR *Info)
{
    HID_DEVICE_ATTRIBUTES attrs;
    RtlZeroMemory(&attrs, sizeof(attrs));
    attrs.Size = sizeof(attrs);
    attrs.VendorID = 0x1209;
    attrs.ProductID = 0x0002;
    attrs.VersionNumber = 0x0103;
    return KfiltCopyOut(Request, &attrs, sizeof(attrs), Info);
}

/* Completes a waiting read with the oldest kept report, if both are there. */
static VOID KfiltServeRead(PKFILT_CONTEXT Ctx)
{
    WDFREQUEST read = NULL;
    UCHAR report[3];
    WdfSpinLockAcquire(Ctx->Lock);
    if (Ctx->PendingCount > 0 && NT_SUCCESS(WdfIoQueueRetrieveNextRequest(Ctx->Reads, &read))) {
        RtlCopyMemory(report, Ctx->Pending[Ctx->PendingHead], sizeof(report));
        Ctx->PendingHead = (Ctx->PendingHead + 1) % KFILT_PENDING;
        Ctx->PendingCount--;
    }
    WdfSpinLockRelease(Ctx->Lock);
    if (read != NULL) {
        ULONG_PTR info = 0;
        NTSTATUS status = KfiltCopyOut(read, report, sizeof(report), &info);
        WdfRequestCompleteWithInformation(read, status, info);
    }
}

/* An output report of ID 1 comes back as an input report, its bytes swapped. */
static NTSTATUS KfiltOutput(PKFILT_CONTEXT Ctx, PHID_XFER_PACKET Packet)
{
    if (Packet->reportId != 1)
        return STATUS_INVALID_PARAMETER;
    if (Packet->reportBufferLen < 3)
        return STATUS_INVALID_BUFFER_SIZE;
    WdfSpinLockAcquire(Ctx->Lock);
    if (Ctx->PendingCount < KFILT_PENDING) {
        PUCHAR slot = Ctx->Pending[(Ctx->PendingHead + Ctx->PendingCount) % KFILT_PENDING];
        slot[0] = 1;
        slot[1] = Packet->reportBuffer[2];
        slot[2] = Packet->reportBuffer[1];
        Ctx->PendingCount++;
    }
    WdfSpinLockRelease(Ctx->Lock);
    KfiltServeRead(Ctx);
    return STATUS_SUCCESS;
}

/* The mouse's feature report: no report ID (byte 0 zero), one byte. */
static NTSTATUS KfiltMouseFeature(PKFILT_CONTEXT Ctx, PHID_XFER_PACKET Packet, BOOLEAN Get,
                                  ULONG_PTR *Info)
{
    if (Packet->reportId != 0)
        return STATUS_INVALID_PARAMETER;
    if (Packet->reportBufferLen < 2)
        return STATUS_INVALID_BUFFER_SIZE;
    if (Get) {
        Packet->reportBuffer[1] = Ctx->Feature[0];
        *Info = 2;
    } else {
        Ctx->Feature[0] = Packet->reportBuffer[1];
    }
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltGetFeature(PKFILT_CONTEXT Ctx, PHID_XFER_PACKET Packet, ULONG_PTR *Info)
{
    if (Ctx->Mouse)
        return KfiltMouseFeature(Ctx, Packet, TRUE, Info);
    if (Packet->reportId != 2)
        return STATUS_INVALID_PARAMETER;
    if (Packet->reportBufferLen < 4)
        return STATUS_INVALID_BUFFER_SIZE;
    Packet->reportBuffer[0] = 2;
    RtlCopyMemory(Packet->reportBuffer + 1, Ctx->Feature, sizeof(Ctx->Feature));
    *Info = 4;
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltSetFeature(PKFILT_CONTEXT Ctx, PHID_XFER_PACKET Packet)
{
    ULONG_PTR info;
    if (Ctx->Mouse)
        return KfiltMouseFeature(Ctx, Packet, FALSE, &info);
    if (Packet->reportId != 2)
        return STATUS_INVALID_PARAMETER;
    if (Packet->reportBufferLen < 4)
        return STATUS_INVALID_BUFFER_SIZE;
    RtlCopyMemory(Ctx->Feature, Packet->reportBuffer + 1, sizeof(Ctx->Feature));
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltGetInput(PHID_XFER_PACKET Packet, ULONG_PTR *Info)
{
    if (Packet->reportId != 1)
        return STATUS_INVALID_PARAMETER;
    if (Packet->reportBufferLen < 3)
        return STATUS_INVALID_BUFFER_SIZE;
    Packet->reportBuffer[1] = 0x5a;
    Packet->reportBuffer[2] = 0xa5;
    *Info = 3;
    return STATUS_SUCCESS;
}

/* The string's index in the low word of Type3InputBuffer (IOCTL_HID_GET_STRING's page). */
static NTSTATUS KfiltString(WDFREQUEST Request, ULONG_PTR *Info)
{
    WDF_REQUEST_PARAMETERS params;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    ULONG id = (ULONG)(ULONG_PTR)params.Parameters.DeviceIoControl.Type3InputBuffer & 0xFFFF;
    if (id != HID_STRING_ID_IPRODUCT)
        return STATUS_INVALID_PARAMETER;
    return KfiltCopyOut(Request, Product, sizeof(Product), Info);
}

/* IOCTL_HID_GET_INDEXED_STRING: the index in the low word of Type3InputBuffer, an input length
 * of a ULONG at least, the buffer the request's MDL (its page: not METHOD_NEITHER), which the
 * framework gives as the output buffer. Only string 5 exists. */
static NTSTATUS KfiltIndexedString(WDFREQUEST Request, ULONG_PTR *Info)
{
    WDF_REQUEST_PARAMETERS params;
    PVOID buffer;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    ULONG index = (ULONG)(ULONG_PTR)params.Parameters.DeviceIoControl.Type3InputBuffer & 0xFFFF;
    if (params.Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG))
        return STATUS_BUFFER_TOO_SMALL;
    if (index != 5)
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = WdfRequestRetrieveOutputBuffer(Request, sizeof(Indexed), &buffer, NULL);
    if (!NT_SUCCESS(status))
        return status;
    RtlCopyMemory(buffer, Indexed, sizeof(Indexed));
    *Info = sizeof(Indexed);
    return STATUS_SUCCESS;
}

/* The packet-carrying requests: a HID_XFER_PACKET at Irp->UserBuffer. */
static NTSTATUS KfiltXfer(PKFILT_CONTEXT Ctx, WDFREQUEST Request, ULONG Code, ULONG_PTR *Info)
{
    WDF_REQUEST_PARAMETERS params;
    size_t length;
    PHID_XFER_PACKET packet = KfiltUserBuffer(Request, &length);
    BOOLEAN reads = Code == IOCTL_HID_GET_FEATURE || Code == IOCTL_HID_GET_INPUT_REPORT;
    WDF_REQUEST_PARAMETERS_INIT(&params);
    WdfRequestGetParameters(Request, &params);
    /* The documented lengths: the input length is the packet's size, and the output length
     * too for the requests that read from the device (the pages' "Minidriver handling"). */
    if (packet == NULL || params.Parameters.DeviceIoControl.InputBufferLength < sizeof(*packet) ||
        (reads && length < sizeof(*packet)))
        return STATUS_BUFFER_TOO_SMALL;
    switch (Code) {
    case IOCTL_HID_WRITE_REPORT:
    case IOCTL_HID_SET_OUTPUT_REPORT:
        return KfiltOutput(Ctx, packet);
    case IOCTL_HID_GET_FEATURE:
        return KfiltGetFeature(Ctx, packet, Info);
    case IOCTL_HID_SET_FEATURE:
        return KfiltSetFeature(Ctx, packet);
    default:
        return KfiltGetInput(packet, Info);
    }
}

static VOID KfiltInternalIoctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                               size_t InputBufferLength, ULONG IoControlCode)
{
    PKFILT_CONTEXT ctx = KfiltGetContext(WdfIoQueueGetDevice(Queue));
    ULONG_PTR info = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_HID_GET_DEVICE_DESCRIPTOR:
        status = KfiltDeviceDescriptor(ctx, Request, &info);
        break;
    case IOCTL_HID_GET_DEVICE_ATTRIBUTES:
        status = KfiltAttributes(Request, &info);
        break;
    case IOCTL_HID_GET_REPORT_DESCRIPTOR:
        status = KfiltReportDescriptor(ctx, Request, &info);
        break;
    case IOCTL_HID_READ_REPORT:
        status = WdfRequestForwardToIoQueue(Request, ctx->Reads);
        if (NT_SUCCESS(status)) {
            KfiltServeRead(ctx);
            return;
        }
        break;
    case IOCTL_HID_WRITE_REPORT:
    case IOCTL_HID_SET_OUTPUT_REPORT:
    case IOCTL_HID_GET_FEATURE:
    case IOCTL_HID_SET_FEATURE:
    case IOCTL_HID_GET_INPUT_REPORT:
        status = KfiltXfer(ctx, Request, IoControlCode, &info);
        break;
    case IOCTL_HID_GET_STRING:
        status = KfiltString(Request, &info);
        break;
    case IOCTL_HID_GET_INDEXED_STRING:
        status = KfiltIndexedString(Request, &info);
        break;
    default:
        status = STATUS_NOT_SUPPORTED;
        break;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

static NTSTATUS KfiltD0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    UNREFERENCED_PARAMETER(Device);
    KfiltPrint("D0Entry from state %d\n", (int)PreviousState);
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltD0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Device);
    KfiltPrint("D0Exit to state %d\n", (int)TargetState);
    return STATUS_SUCCESS;
}

static NTSTATUS KfiltQueues(WDFDEVICE Device, PKFILT_CONTEXT Ctx)
{
    WDF_IO_QUEUE_CONFIG config;
    WDFQUEUE queue;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoInternalDeviceControl = KfiltInternalIoctl;
    NTSTATUS status = WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT(&config, WdfIoQueueDispatchManual);
    return WdfIoQueueCreate(Device, &config, WDF_NO_OBJECT_ATTRIBUTES, &Ctx->Reads);
}

/* The device's first hardware ID is HIDTEST\MOUSE. */
static BOOLEAN KfiltIsMouse(WDFDEVICE Device)
{
    static const WCHAR mouse[] = L"HIDTEST\\MOUSE";
    WCHAR ids[64];
    ULONG length = 0;
    RtlZeroMemory(ids, sizeof(ids));
    if (!NT_SUCCESS(WdfDeviceQueryProperty(Device, DevicePropertyHardwareID, sizeof(ids) - 2, ids,
                                           &length)))
        return FALSE;
    return RtlCompareMemory(ids, mouse, sizeof(mouse)) == sizeof(mouse);
}

static NTSTATUS KfiltDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    UNREFERENCED_PARAMETER(Driver);

    /* Below the pass-through minidriver, as the guide requires. */
    WdfFdoInitSetFilter(DeviceInit);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceD0Entry = KfiltD0Entry;
    pnp.EvtDeviceD0Exit = KfiltD0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, KFILT_CONTEXT);
    NTSTATUS status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    PKFILT_CONTEXT ctx = KfiltGetContext(device);
    ctx->Mouse = KfiltIsMouse(device);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = device;
    status = WdfSpinLockCreate(&attributes, &ctx->Lock);
    if (!NT_SUCCESS(status))
        return status;
    return KfiltQueues(device, ctx);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, KfiltDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
