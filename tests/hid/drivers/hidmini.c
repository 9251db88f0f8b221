/*
 * hidmini.c - a WDM HID minidriver for the HID class driver's tests (tests/hid, docs/hid.md).
 * Written against the public WDK headers only: it registers with HidRegisterMinidriver, lets
 * the class driver create its FDO, passes PnP and power down, and answers the class driver's
 * internal device controls for a tiny vendor-defined device without report IDs:
 *
 *   input report 2 bytes, output report 2 bytes, feature report 3 bytes.
 *
 * An output report (IOCTL_HID_WRITE_REPORT) comes back as the next input report, its two bytes
 * swapped; IOCTL_HID_READ_REPORT waits (cancelable) until one is there. A feature report set is
 * returned by the next get; IOCTL_HID_GET_INPUT_REPORT answers 11 22; IOCTL_HID_GET_STRING
 * knows a manufacturer and a product string. On HIDTEST\BADDESC the
 * HID descriptor request fails; on HIDTEST\SHORTDESC the report descriptor comes back one byte
 * short; on HIDTEST\TRUNCDESC the HID descriptor and the report descriptor both leave out the
 * last two bytes, so the last item (a Feature) lacks its data. DriverEntry checks
 * HidRegisterMinidriver's failure cases (a wrong revision, as documented; no AddDevice and a second
 * registration, drvhost's) and prints the results ("hidmini: ...").
 */
#include <wdm.h>

#include <hidport.h>

#define MINI_QUEUE 64

typedef struct _MINI_EXTENSION {
    KSPIN_LOCK Lock;
    LIST_ENTRY Reads;           /* IOCTL_HID_READ_REPORT IRPs waiting */
    UCHAR Queue[MINI_QUEUE][2]; /* input reports not read yet */
    ULONG QueueHead, QueueCount;
    UCHAR Feature[3];
    BOOLEAN BadDescriptor;   /* HIDTEST\BADDESC */
    BOOLEAN ShortDescriptor; /* HIDTEST\SHORTDESC */
    BOOLEAN TruncDescriptor; /* HIDTEST\TRUNCDESC */
} MINI_EXTENSION, *PMINI_EXTENSION;

static const UCHAR ReportDescriptor[] = {
    0x06, 0x00, 0xFF, /* Usage Page (vendor 0xFF00) */
    0x09, 0x01,       /* Usage (1) */
    0xA1, 0x01,       /* Collection (Application) */
    0x15, 0x00,       /*   Logical Minimum (0) */
    0x26, 0xFF, 0x00, /*   Logical Maximum (255) */
    0x75, 0x08,       /*   Report Size (8) */
    0x95, 0x02,       /*   Report Count (2) */
    0x09, 0x02,       /*   Usage (2) */
    0x81, 0x02,       /*   Input (Data, Variable, Absolute) */
    0x09, 0x03,       /*   Usage (3) */
    0x91, 0x02,       /*   Output (Data, Variable, Absolute) */
    0x95, 0x03,       /*   Report Count (3) */
    0x09, 0x04,       /*   Usage (4) */
    0xB1, 0x02,       /*   Feature (Data, Variable, Absolute) */
    0xC0,             /* End Collection */
};

DRIVER_INITIALIZE DriverEntry;
static DRIVER_ADD_DEVICE MiniAddDevice;
static DRIVER_DISPATCH MiniPassDown;
static DRIVER_DISPATCH MiniInternalIoctl;
static DRIVER_CANCEL MiniCancelRead;
static DRIVER_UNLOAD MiniUnload;

/* Error level, so that the scenario's default debug filter shows the lines. */
#define MiniPrint(...) DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "hidmini: " __VA_ARGS__)

static PMINI_EXTENSION MiniExt(PDEVICE_OBJECT DeviceObject)
{
    return ((PHID_DEVICE_EXTENSION)DeviceObject->DeviceExtension)->MiniDeviceExtension;
}

static NTSTATUS MiniComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS MiniAddDevice(PDRIVER_OBJECT DriverObject, PDEVICE_OBJECT FunctionalDeviceObject)
{
    PHID_DEVICE_EXTENSION hid = FunctionalDeviceObject->DeviceExtension;
    PMINI_EXTENSION ext = hid->MiniDeviceExtension;
    WCHAR id[64];
    ULONG length = 0;
    UNREFERENCED_PARAMETER(DriverObject);
    KeInitializeSpinLock(&ext->Lock);
    InitializeListHead(&ext->Reads);
    if (NT_SUCCESS(IoGetDeviceProperty(hid->PhysicalDeviceObject, DevicePropertyHardwareID,
                                       sizeof(id), id, &length)) &&
        length >= 16) {
        ext->BadDescriptor = id[8] == L'B';
        ext->ShortDescriptor = id[8] == L'S';
        ext->TruncDescriptor = id[8] == L'T';
    }
    MiniPrint("AddDevice next %s, extension %s\n", hid->NextDeviceObject ? "attached" : "missing",
              hid->MiniDeviceExtension ? "given" : "missing");
    FunctionalDeviceObject->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static NTSTATUS MiniPassDown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    if (sp->MajorFunction == IRP_MJ_PNP)
        MiniPrint("pnp 0x%x\n", sp->MinorFunction);
    if (sp->MajorFunction == IRP_MJ_POWER)
        PoStartNextPowerIrp(Irp);
    IoCopyCurrentIrpStackLocationToNext(Irp);
    return IoCallDriver(((PHID_DEVICE_EXTENSION)DeviceObject->DeviceExtension)->NextDeviceObject,
                        Irp);
}

static VOID MiniCancelRead(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PMINI_EXTENSION ext = MiniExt(DeviceObject);
    KIRQL irql;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeAcquireSpinLock(&ext->Lock, &irql);
    RemoveEntryList(&Irp->Tail.Overlay.ListEntry);
    InitializeListHead(&Irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&ext->Lock, irql);
    MiniComplete(Irp, STATUS_CANCELLED, 0);
}

/* Under ext->Lock: a waiting read that is not being cancelled. */
static PIRP MiniTakeRead(PMINI_EXTENSION ext)
{
    while (!IsListEmpty(&ext->Reads)) {
        PLIST_ENTRY e = RemoveHeadList(&ext->Reads);
        PIRP irp = CONTAINING_RECORD(e, IRP, Tail.Overlay.ListEntry);
        InitializeListHead(e);
        if (IoSetCancelRoutine(irp, NULL))
            return irp;
    }
    return NULL;
}

static NTSTATUS MiniReadReport(PMINI_EXTENSION ext, PIRP Irp, ULONG Length)
{
    KIRQL irql;
    if (Length < 2)
        return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    KeAcquireSpinLock(&ext->Lock, &irql);
    if (ext->QueueCount) {
        PUCHAR report = ext->Queue[ext->QueueHead];
        ((PUCHAR)Irp->UserBuffer)[0] = report[0];
        ((PUCHAR)Irp->UserBuffer)[1] = report[1];
        ext->QueueHead = (ext->QueueHead + 1) % MINI_QUEUE;
        ext->QueueCount--;
        KeReleaseSpinLock(&ext->Lock, irql);
        return MiniComplete(Irp, STATUS_SUCCESS, 2);
    }
    IoMarkIrpPending(Irp);
    IoSetCancelRoutine(Irp, MiniCancelRead);
    if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL)) {
        KeReleaseSpinLock(&ext->Lock, irql);
        MiniComplete(Irp, STATUS_CANCELLED, 0);
        return STATUS_PENDING;
    }
    InsertTailList(&ext->Reads, &Irp->Tail.Overlay.ListEntry);
    KeReleaseSpinLock(&ext->Lock, irql);
    return STATUS_PENDING;
}

/* An output report: its two data bytes (after the report ID byte) swapped become input. */
static NTSTATUS MiniWriteReport(PMINI_EXTENSION ext, PIRP Irp)
{
    PHID_XFER_PACKET packet = Irp->UserBuffer;
    UCHAR report[2];
    KIRQL irql;
    if (!packet || packet->reportBufferLen < 3 || packet->reportId != 0)
        return MiniComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    report[0] = packet->reportBuffer[2];
    report[1] = packet->reportBuffer[1];
    KeAcquireSpinLock(&ext->Lock, &irql);
    PIRP read = MiniTakeRead(ext);
    if (!read && ext->QueueCount < MINI_QUEUE) {
        PUCHAR slot = ext->Queue[(ext->QueueHead + ext->QueueCount++) % MINI_QUEUE];
        slot[0] = report[0];
        slot[1] = report[1];
    }
    KeReleaseSpinLock(&ext->Lock, irql);
    if (read) {
        ((PUCHAR)read->UserBuffer)[0] = report[0];
        ((PUCHAR)read->UserBuffer)[1] = report[1];
        MiniComplete(read, STATUS_SUCCESS, 2);
    }
    return MiniComplete(Irp, STATUS_SUCCESS, packet->reportBufferLen);
}

static NTSTATUS MiniFeature(PMINI_EXTENSION ext, PIRP Irp, BOOLEAN Get)
{
    PHID_XFER_PACKET packet = Irp->UserBuffer;
    if (!packet || packet->reportBufferLen < 4 || packet->reportId != 0)
        return MiniComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    if (Get)
        RtlCopyMemory(packet->reportBuffer + 1, ext->Feature, 3);
    else
        RtlCopyMemory(ext->Feature, packet->reportBuffer + 1, 3);
    return MiniComplete(Irp, STATUS_SUCCESS, 4);
}

static NTSTATUS MiniGetInputReport(PIRP Irp)
{
    PHID_XFER_PACKET packet = Irp->UserBuffer;
    if (!packet || packet->reportBufferLen < 3)
        return MiniComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    packet->reportBuffer[1] = 0x11;
    packet->reportBuffer[2] = 0x22;
    return MiniComplete(Irp, STATUS_SUCCESS, 3);
}

static NTSTATUS MiniHidDescriptor(PMINI_EXTENSION ext, PIRP Irp, ULONG Length)
{
    PHID_DESCRIPTOR desc = Irp->UserBuffer;
    if (ext->BadDescriptor)
        return MiniComplete(Irp, STATUS_DEVICE_DATA_ERROR, 0);
    if (Length < sizeof(HID_DESCRIPTOR))
        return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlZeroMemory(desc, sizeof(*desc));
    desc->bLength = sizeof(HID_DESCRIPTOR);
    desc->bDescriptorType = HID_HID_DESCRIPTOR_TYPE;
    desc->bcdHID = 0x0111;
    desc->bNumDescriptors = 1;
    desc->DescriptorList[0].bReportType = HID_REPORT_DESCRIPTOR_TYPE;
    /* HIDTEST\TRUNCDESC: without its last two bytes, the last item (Feature) lacks its data */
    desc->DescriptorList[0].wReportLength =
        sizeof(ReportDescriptor) - (ext->TruncDescriptor ? 2 : 0);
    return MiniComplete(Irp, STATUS_SUCCESS, sizeof(HID_DESCRIPTOR));
}

static NTSTATUS MiniAttributes(PIRP Irp, ULONG Length)
{
    PHID_DEVICE_ATTRIBUTES attrs = Irp->UserBuffer;
    if (Length < sizeof(HID_DEVICE_ATTRIBUTES))
        return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlZeroMemory(attrs, sizeof(*attrs));
    attrs->Size = sizeof(*attrs);
    attrs->VendorID = 0x1234;
    attrs->ProductID = 0x5678;
    attrs->VersionNumber = 0x0101;
    return MiniComplete(Irp, STATUS_SUCCESS, sizeof(*attrs));
}

/* Manufacturer "drvhost", product "hidmini", no serial number; English (United States) only. */
static NTSTATUS MiniString(PIRP Irp, ULONG Length)
{
    ULONG_PTR which =
        (ULONG_PTR)IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.Type3InputBuffer;
    PCWSTR text = (which & 0xFFFF) == HID_STRING_ID_IMANUFACTURER ? L"drvhost"
                  : (which & 0xFFFF) == HID_STRING_ID_IPRODUCT    ? L"hidmini"
                                                                  : NULL;
    if (!text || (which >> 16) != 0x0409)
        return MiniComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    if (Length < 8 * sizeof(WCHAR))
        return MiniComplete(Irp, STATUS_INVALID_BUFFER_SIZE, 0);
    RtlCopyMemory(Irp->UserBuffer, text, 8 * sizeof(WCHAR));
    return MiniComplete(Irp, STATUS_SUCCESS, 8 * sizeof(WCHAR));
}

static NTSTATUS MiniInternalIoctl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PMINI_EXTENSION ext = MiniExt(DeviceObject);
    ULONG length = sp->Parameters.DeviceIoControl.OutputBufferLength;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_HID_GET_DEVICE_DESCRIPTOR:
        return MiniHidDescriptor(ext, Irp, length);
    case IOCTL_HID_GET_DEVICE_ATTRIBUTES:
        return MiniAttributes(Irp, length);
    case IOCTL_HID_GET_REPORT_DESCRIPTOR:
        if (length < sizeof(ReportDescriptor))
            return MiniComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        RtlCopyMemory(Irp->UserBuffer, ReportDescriptor, sizeof(ReportDescriptor));
        return MiniComplete(Irp, STATUS_SUCCESS,
                            sizeof(ReportDescriptor) - (ext->ShortDescriptor ? 1 : 0) -
                                (ext->TruncDescriptor ? 2 : 0));
    case IOCTL_HID_READ_REPORT:
        return MiniReadReport(ext, Irp, length);
    case IOCTL_HID_WRITE_REPORT:
    case IOCTL_HID_SET_OUTPUT_REPORT:
        return MiniWriteReport(ext, Irp);
    case IOCTL_HID_GET_FEATURE:
        return MiniFeature(ext, Irp, TRUE);
    case IOCTL_HID_SET_FEATURE:
        return MiniFeature(ext, Irp, FALSE);
    case IOCTL_HID_GET_INPUT_REPORT:
        return MiniGetInputReport(Irp);
    case IOCTL_HID_GET_STRING:
        return MiniString(Irp, length);
    default:
        return MiniComplete(Irp, STATUS_NOT_SUPPORTED, 0);
    }
}

static VOID MiniUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    MiniPrint("unload\n");
}

/* HidRegisterMinidriver's documented failure, then the registration. */
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    HID_MINIDRIVER_REGISTRATION reg;
    NTSTATUS status;
    for (ULONG i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        DriverObject->MajorFunction[i] = MiniPassDown;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = MiniInternalIoctl;
    DriverObject->DriverExtension->AddDevice = MiniAddDevice;
    DriverObject->DriverUnload = MiniUnload;
    RtlZeroMemory(&reg, sizeof(reg));
    reg.Revision = HID_REVISION + 1;
    reg.DriverObject = DriverObject;
    reg.RegistryPath = RegistryPath;
    reg.DeviceExtensionSize = sizeof(MINI_EXTENSION);
    reg.DevicesArePolled = FALSE;
    MiniPrint("revision 2 0x%08x\n", HidRegisterMinidriver(&reg));
    MiniPrint("dispatch kept %s\n",
              DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] == MiniInternalIoctl
                  ? "yes"
                  : "no");
    reg.Revision = HID_REVISION;
    DriverObject->DriverExtension->AddDevice = NULL;
    MiniPrint("no AddDevice 0x%08x\n", HidRegisterMinidriver(&reg));
    DriverObject->DriverExtension->AddDevice = MiniAddDevice;
    status = HidRegisterMinidriver(&reg);
    MiniPrint("register 0x%08x, dispatch taken %s\n", status,
              DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] != MiniInternalIoctl &&
                      DriverObject->DriverExtension->AddDevice != MiniAddDevice
                  ? "yes"
                  : "no");
    if (NT_SUCCESS(status))
        MiniPrint("register twice 0x%08x\n", HidRegisterMinidriver(&reg));
    return status;
}
