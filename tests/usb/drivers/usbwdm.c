/*
 * usbwdm.c - a WDM function driver for a USB device (tests/usb/scenarios/wdm.scn) that talks
 * URBs to its PDO directly: at START_DEVICE it reads the device and configuration descriptors,
 * builds the select-configuration URB with USBD_CreateConfigurationRequestEx and keeps the
 * pipes. Reads and writes go to the first bulk IN and OUT pipes with the request's MDL, pending
 * until the device has data (cancelable); device controls (usbwdm.h) send one URB or internal
 * IOCTL each and return what came back, so the scenario checks every value. Public WDK headers
 * only.
 */
#include <ntddk.h>
#include <usb.h>
#include <usbdlib.h>
#include <usbioctl.h>

#include "usbwdm.h"

#define TAG 'bsUW'

typedef struct _EXT {
    PDEVICE_OBJECT Lower, Self;
    USBD_CONFIGURATION_HANDLE Config;
    USBD_PIPE_INFORMATION Pipes[16];
    ULONG NumPipes;
    USBD_STATUS LastUrbStatus;
    UCHAR ConfigValue;
    USBD_HANDLE Usbd;
    PUSB_CONFIGURATION_DESCRIPTOR Cd; /* kept from Configure until REMOVE_DEVICE */
} EXT;

static void Print(const char *fmt, ...)
{
    char line[160];
    va_list args;
    va_start(args, fmt);
    _vsnprintf(line, sizeof(line) - 1, fmt, args);
    va_end(args);
    line[sizeof(line) - 1] = 0;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "usbwdm: %s\n", line);
}

/* One internal IOCTL to the PDO, waited for. */
static NTSTATUS SendInternal(EXT *ext, ULONG code, PVOID arg1)
{
    KEVENT event;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    NTSTATUS status;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(code, ext->Lower, NULL, 0, NULL, 0, TRUE, &event, &iosb);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    IoGetNextIrpStackLocation(irp)->Parameters.Others.Argument1 = arg1;
    status = IoCallDriver(ext->Lower, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
        status = iosb.Status;
    }
    return status;
}

static NTSTATUS SendUrb(EXT *ext, PURB urb)
{
    NTSTATUS status = SendInternal(ext, IOCTL_INTERNAL_USB_SUBMIT_URB, urb);
    ext->LastUrbStatus = urb->UrbHeader.Status;
    return status;
}

static NTSTATUS GetDescriptor(EXT *ext, UCHAR type, UCHAR index, USHORT lang, PVOID buf, ULONG *len)
{
    URB urb;
    NTSTATUS status;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildGetDescriptorRequest(&urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST), type, index,
                                 lang, buf, NULL, *len, NULL);
    status = SendUrb(ext, &urb);
    *len = urb.UrbControlDescriptorRequest.TransferBufferLength;
    return status;
}

static void KeepPipes(EXT *ext, PUSBD_INTERFACE_INFORMATION info)
{
    for (ULONG p = 0; p < info->NumberOfPipes && ext->NumPipes < 16; p++)
        ext->Pipes[ext->NumPipes++] = info->Pipes[p];
}

/* Every interface in its setting 0, as most function drivers configure their device. */
static NTSTATUS Configure(EXT *ext)
{
    USB_CONFIGURATION_DESCRIPTOR head;
    PUSB_CONFIGURATION_DESCRIPTOR cd;
    USBD_INTERFACE_LIST_ENTRY list[9];
    ULONG len = sizeof(head), n = 0;
    PURB urb;
    NTSTATUS status = GetDescriptor(ext, USB_CONFIGURATION_DESCRIPTOR_TYPE, 0, 0, &head, &len);
    if (!NT_SUCCESS(status))
        return status;
    cd = ExAllocatePool2(POOL_FLAG_NON_PAGED, head.wTotalLength, TAG);
    if (cd == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    len = head.wTotalLength;
    status = GetDescriptor(ext, USB_CONFIGURATION_DESCRIPTOR_TYPE, 0, 0, cd, &len);
    Print("configuration descriptor %u bytes, %u interfaces", (unsigned)len,
          (unsigned)cd->bNumInterfaces);
    for (LONG i = 0; NT_SUCCESS(status) && i < cd->bNumInterfaces && n < 8; i++) {
        list[n].InterfaceDescriptor = USBD_ParseConfigurationDescriptorEx(cd, cd, i, 0, -1, -1, -1);
        list[n].Interface = NULL;
        if (list[n].InterfaceDescriptor != NULL)
            n++;
    }
    list[n].InterfaceDescriptor = NULL;
    urb = NULL;
    if (NT_SUCCESS(status))
        status = USBD_SelectConfigUrbAllocateAndBuild(ext->Usbd, cd, list, &urb);
    if (urb != NULL) {
        status = SendUrb(ext, urb);
        ext->Config = urb->UrbSelectConfiguration.ConfigurationHandle;
        ext->NumPipes = 0;
        for (ULONG i = 0; NT_SUCCESS(status) && i < n; i++)
            KeepPipes(ext, list[i].Interface);
        Print("select configuration 0x%08x, %u pipes", (unsigned)status, (unsigned)ext->NumPipes);
        USBD_UrbFree(ext->Usbd, urb);
    } else if (NT_SUCCESS(status)) {
        status = STATUS_INSUFFICIENT_RESOURCES;
    }
    if (ext->Cd != NULL)
        ExFreePoolWithTag(ext->Cd, TAG);
    ext->Cd = cd;
    return status;
}

static PUSBD_PIPE_INFORMATION FindPipe(EXT *ext, UCHAR address)
{
    for (ULONG i = 0; i < ext->NumPipes; i++)
        if (ext->Pipes[i].EndpointAddress == address)
            return &ext->Pipes[i];
    return NULL;
}

static PUSBD_PIPE_INFORMATION FirstBulk(EXT *ext, BOOLEAN in)
{
    for (ULONG i = 0; i < ext->NumPipes; i++)
        if (ext->Pipes[i].PipeType == UsbdPipeTypeBulk &&
            (USB_ENDPOINT_DIRECTION_IN(ext->Pipes[i].EndpointAddress) != 0) == in)
            return &ext->Pipes[i];
    return NULL;
}

/* ---- transfers with the caller's IRP ----------------------------------------------------- */

static NTSTATUS TransferDone(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
    PURB urb = context;
    ((EXT *)dev->DeviceExtension)->LastUrbStatus = urb->UrbHeader.Status;
    if (irp->PendingReturned)
        IoMarkIrpPending(irp);
    irp->IoStatus.Information =
        NT_SUCCESS(irp->IoStatus.Status) ? urb->UrbBulkOrInterruptTransfer.TransferBufferLength : 0;
    ExFreePoolWithTag(urb, TAG);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS Transfer(EXT *ext, PIRP irp, PUSBD_PIPE_INFORMATION pipe, PVOID buf, PMDL mdl,
                         ULONG length, BOOLEAN in)
{
    PURB urb;
    PIO_STACK_LOCATION next;
    if (pipe == NULL) {
        irp->IoStatus.Status = STATUS_INVALID_DEVICE_STATE;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return STATUS_INVALID_DEVICE_STATE;
    }
    urb = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER), TAG);
    if (urb == NULL) {
        irp->IoStatus.Status = STATUS_INSUFFICIENT_RESOURCES;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    UsbBuildInterruptOrBulkTransferRequest(
        urb, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER), pipe->PipeHandle, buf, mdl, length,
        (in ? USBD_TRANSFER_DIRECTION_IN : USBD_TRANSFER_DIRECTION_OUT) | USBD_SHORT_TRANSFER_OK,
        NULL);
    next = IoGetNextIrpStackLocation(irp);
    next->MajorFunction = IRP_MJ_INTERNAL_DEVICE_CONTROL;
    next->Parameters.DeviceIoControl.IoControlCode = IOCTL_INTERNAL_USB_SUBMIT_URB;
    next->Parameters.Others.Argument1 = urb;
    IoSetCompletionRoutine(irp, TransferDone, urb, TRUE, TRUE, TRUE);
    return IoCallDriver(ext->Lower, irp);
}

static NTSTATUS DispatchReadWrite(PDEVICE_OBJECT dev, PIRP irp)
{
    EXT *ext = dev->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    BOOLEAN in = sp->MajorFunction == IRP_MJ_READ;
    ULONG length = in ? sp->Parameters.Read.Length : sp->Parameters.Write.Length;
    return Transfer(ext, irp, FirstBulk(ext, in), NULL, irp->MdlAddress, length, in);
}

/* ---- device controls ---------------------------------------------------------------------- */

static NTSTATUS Vendor(EXT *ext, PUCHAR in, ULONG inlen, PUCHAR out, ULONG outlen, ULONG *info)
{
    URB urb;
    BOOLEAN dirin;
    NTSTATUS status;
    if (inlen < 6)
        return STATUS_INVALID_PARAMETER;
    dirin = in[0] != 0;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildVendorRequest(
        &urb, URB_FUNCTION_VENDOR_DEVICE, sizeof(struct _URB_CONTROL_VENDOR_OR_CLASS_REQUEST),
        dirin ? USBD_TRANSFER_DIRECTION_IN | USBD_SHORT_TRANSFER_OK : 0, 0, in[1],
        (USHORT)(in[2] | in[3] << 8), (USHORT)(in[4] | in[5] << 8),
        dirin ? (PVOID)out : (PVOID)(in + 6), NULL, dirin ? outlen : inlen - 6, NULL);
    status = SendUrb(ext, &urb);
    *info = dirin ? urb.UrbControlVendorClassRequest.TransferBufferLength : 0;
    return status;
}

static NTSTATUS Control(EXT *ext, PUCHAR in, ULONG inlen, PUCHAR out, ULONG outlen, ULONG *info)
{
    URB urb;
    NTSTATUS status;
    BOOLEAN dirin;
    if (inlen < 8)
        return STATUS_INVALID_PARAMETER;
    dirin = (in[0] & 0x80) != 0;
    RtlZeroMemory(&urb, sizeof(urb));
    urb.UrbHeader.Function = URB_FUNCTION_CONTROL_TRANSFER_EX;
    urb.UrbHeader.Length = sizeof(struct _URB_CONTROL_TRANSFER_EX);
    urb.UrbControlTransferEx.TransferFlags =
        USBD_DEFAULT_PIPE_TRANSFER | (dirin ? USBD_TRANSFER_DIRECTION_IN : 0);
    urb.UrbControlTransferEx.TransferBuffer = dirin ? (PVOID)out : (PVOID)(in + 8);
    urb.UrbControlTransferEx.TransferBufferLength = dirin ? outlen : inlen - 8;
    urb.UrbControlTransferEx.Timeout = 5000;
    RtlCopyMemory(urb.UrbControlTransferEx.SetupPacket, in, 8);
    status = SendUrb(ext, &urb);
    *info = dirin ? urb.UrbControlTransferEx.TransferBufferLength : 0;
    return status;
}

static NTSTATUS PipeRequest(EXT *ext, USHORT function, PUCHAR in, ULONG inlen)
{
    URB urb;
    PUSBD_PIPE_INFORMATION pipe = inlen >= 1 ? FindPipe(ext, in[0]) : NULL;
    if (pipe == NULL)
        return STATUS_INVALID_PARAMETER;
    RtlZeroMemory(&urb, sizeof(urb));
    urb.UrbHeader.Function = function;
    urb.UrbHeader.Length = sizeof(struct _URB_PIPE_REQUEST);
    urb.UrbPipeRequest.PipeHandle = pipe->PipeHandle;
    return SendUrb(ext, &urb);
}

static NTSTATUS SelectAlt(EXT *ext, PUCHAR in, ULONG inlen)
{
    ULONG size = GET_SELECT_INTERFACE_REQUEST_SIZE(16);
    PURB urb;
    NTSTATUS status;
    USBD_INTERFACE_LIST_ENTRY entry;
    if (inlen < 2)
        return STATUS_INVALID_PARAMETER;
    /* A setting the descriptor has: the URB from the USBD library. */
    entry.InterfaceDescriptor =
        ext->Cd != NULL
            ? USBD_ParseConfigurationDescriptorEx(ext->Cd, ext->Cd, in[0], in[1], -1, -1, -1)
            : NULL;
    if (entry.InterfaceDescriptor != NULL) {
        status = USBD_SelectInterfaceUrbAllocateAndBuild(ext->Usbd, ext->Config, &entry, &urb);
        if (!NT_SUCCESS(status))
            return status;
        status = SendUrb(ext, urb);
        if (NT_SUCCESS(status)) {
            ext->NumPipes = 0;
            KeepPipes(ext, entry.Interface);
        }
        USBD_UrbFree(ext->Usbd, urb);
        return status;
    }
    /* One it has not: a URB of the driver's own, for the stack to refuse. */
    urb = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, TAG);
    if (urb == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    UsbBuildSelectInterfaceRequest(urb, (USHORT)size, ext->Config, in[0], in[1]);
    urb->UrbSelectInterface.Interface.Length = (USHORT)GET_USBD_INTERFACE_SIZE(16);
    status = SendUrb(ext, urb);
    if (NT_SUCCESS(status)) {
        ext->NumPipes = 0;
        KeepPipes(ext, &urb->UrbSelectInterface.Interface);
    }
    ExFreePoolWithTag(urb, TAG);
    return status;
}

static NTSTATUS Frame(EXT *ext, PUCHAR out, ULONG outlen, ULONG *info)
{
    URB urb;
    ULONG first;
    LARGE_INTEGER delay;
    NTSTATUS status;
    if (outlen < 1)
        return STATUS_BUFFER_TOO_SMALL;
    RtlZeroMemory(&urb, sizeof(urb));
    urb.UrbHeader.Function = URB_FUNCTION_GET_CURRENT_FRAME_NUMBER;
    urb.UrbHeader.Length = sizeof(struct _URB_GET_CURRENT_FRAME_NUMBER);
    status = SendUrb(ext, &urb);
    first = urb.UrbGetCurrentFrameNumber.FrameNumber;
    delay.QuadPart = -3 * 10000; /* 3 ms: at least two frames */
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    if (NT_SUCCESS(status))
        status = SendUrb(ext, &urb);
    out[0] = urb.UrbGetCurrentFrameNumber.FrameNumber >= first + 2;
    *info = 1;
    return status;
}

static NTSTATUS BadPipe(EXT *ext)
{
    URB urb;
    UCHAR byte = 0;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildInterruptOrBulkTransferRequest(&urb, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER),
                                           (USBD_PIPE_HANDLE)&urb, &byte, NULL, 1, 0, NULL);
    return SendUrb(ext, &urb);
}

static NTSTATUS BadUrb(EXT *ext, PUCHAR in, ULONG inlen)
{
    URB urb;
    if (inlen < 2)
        return STATUS_INVALID_PARAMETER;
    RtlZeroMemory(&urb, sizeof(urb));
    urb.UrbHeader.Function = (USHORT)(in[0] | in[1] << 8);
    urb.UrbHeader.Length = sizeof(struct _URB_HEADER);
    return SendUrb(ext, &urb);
}

static NTSTATUS Unconfigure(EXT *ext)
{
    URB urb;
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildSelectConfigurationRequest(&urb, sizeof(struct _URB_SELECT_CONFIGURATION), NULL);
    /* The pipes are kept: the scenario checks that their handles are stale now. */
    return SendUrb(ext, &urb);
}

/* The USBD library: a URB it allocates, the validation of a good and of a broken
 * configuration descriptor, the version and a capability; printed for the scenario. */
static NTSTATUS UsbdLib(EXT *ext)
{
    UCHAR cd[64];
    ULONG len = sizeof(cd);
    PUCHAR offset = NULL;
    USBD_VERSION_INFORMATION version;
    ULONG got = 1;
    PURB urb = NULL;
    static const GUID capability = {0x6e1b3c54, 0x8d0f, 0x4f6a, {1, 2, 3, 4, 5, 6, 7, 8}};
    NTSTATUS status = USBD_UrbAllocate(ext->Usbd, &urb);
    if (!NT_SUCCESS(status))
        return status;
    UsbBuildGetDescriptorRequest(urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST),
                                 USB_CONFIGURATION_DESCRIPTOR_TYPE, 0, 0, cd, NULL, len, NULL);
    status = SendUrb(ext, urb);
    len = urb->UrbControlDescriptorRequest.TransferBufferLength;
    USBD_UrbFree(ext->Usbd, urb);
    if (!NT_SUCCESS(status))
        return status;
    Print("validate level 3: 0x%08x",
          (unsigned)USBD_ValidateConfigurationDescriptor((PUSB_CONFIGURATION_DESCRIPTOR)cd, len, 3,
                                                         &offset, 'tseT'));
    status = USBD_ValidateConfigurationDescriptor((PUSB_CONFIGURATION_DESCRIPTOR)cd, 40, 1, &offset,
                                                  'tseT');
    Print("validate short buffer: 0x%08x offset %d", (unsigned)status, (int)(offset - cd));
    cd[9 + 9 + 2] = 0x80; /* the first endpoint's address: IN endpoint 0 */
    status = USBD_ValidateConfigurationDescriptor((PUSB_CONFIGURATION_DESCRIPTOR)cd, len, 2,
                                                  &offset, 'tseT');
    Print("validate bad endpoint: 0x%08x offset %d", (unsigned)status, (int)(offset - cd));
    USBD_GetUSBDIVersion(&version);
    Print("usbdi 0x%x usb 0x%x", (unsigned)version.USBDI_Version,
          (unsigned)version.Supported_USB_Version);
    status = USBD_QueryUsbCapability(ext->Usbd, &capability, 0, NULL, &got);
    Print("capability 0x%08x %u", (unsigned)status, (unsigned)got);
    return STATUS_SUCCESS;
}

static NTSTATUS DeviceControl(EXT *ext, PIRP irp, ULONG code, PUCHAR buf, ULONG inlen, ULONG outlen,
                              ULONG *info)
{
    ULONG len = outlen, port = 0;
    NTSTATUS status;
    switch (code) {
    case IOCTL_USBWDM_DESCRIPTOR:
        if (inlen < 4)
            return STATUS_INVALID_PARAMETER;
        status = GetDescriptor(ext, buf[0], buf[1], (USHORT)(buf[2] | buf[3] << 8), buf, &len);
        *info = len;
        return status;
    case IOCTL_USBWDM_PIPES:
        for (ULONG i = 0; i < ext->NumPipes && *info + 4 <= outlen; i++) {
            buf[(*info)++] = ext->Pipes[i].EndpointAddress;
            buf[(*info)++] = (UCHAR)ext->Pipes[i].PipeType;
            buf[(*info)++] = (UCHAR)ext->Pipes[i].MaximumPacketSize;
            buf[(*info)++] = (UCHAR)(ext->Pipes[i].MaximumPacketSize >> 8);
        }
        return STATUS_SUCCESS;
    case IOCTL_USBWDM_VENDOR:
        return Vendor(ext, buf, inlen, buf, outlen, info);
    case IOCTL_USBWDM_CONTROL:
        return Control(ext, buf, inlen, buf, outlen, info);
    case IOCTL_USBWDM_ABORT:
        return PipeRequest(ext, URB_FUNCTION_ABORT_PIPE, buf, inlen);
    case IOCTL_USBWDM_RESET:
        return PipeRequest(ext, URB_FUNCTION_SYNC_RESET_PIPE_AND_CLEAR_STALL, buf, inlen);
    case IOCTL_USBWDM_FRAME:
        return Frame(ext, buf, outlen, info);
    case IOCTL_USBWDM_PORT_STATUS:
        if (outlen < 4)
            return STATUS_BUFFER_TOO_SMALL;
        status = SendInternal(ext, IOCTL_INTERNAL_USB_GET_PORT_STATUS, &port);
        RtlCopyMemory(buf, &port, 4);
        *info = 4;
        return status;
    case IOCTL_USBWDM_URB_STATUS:
        if (outlen < 4)
            return STATUS_BUFFER_TOO_SMALL;
        RtlCopyMemory(buf, &ext->LastUrbStatus, 4);
        *info = 4;
        return STATUS_SUCCESS;
    case IOCTL_USBWDM_BAD_PIPE:
        return BadPipe(ext);
    case IOCTL_USBWDM_ALT:
        return SelectAlt(ext, buf, inlen);
    case IOCTL_USBWDM_UNCONFIGURE:
        return Unconfigure(ext);
    case IOCTL_USBWDM_BAD_URB:
        return BadUrb(ext, buf, inlen);
    case IOCTL_USBWDM_USBD_LIB:
        return UsbdLib(ext);
    case IOCTL_USBWDM_CYCLE:
        return SendInternal(ext, IOCTL_INTERNAL_USB_CYCLE_PORT, NULL);
    default:
        UNREFERENCED_PARAMETER(irp);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

static NTSTATUS DispatchDeviceControl(PDEVICE_OBJECT dev, PIRP irp)
{
    EXT *ext = dev->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode, info = 0;
    NTSTATUS status;
    if (code == IOCTL_USBWDM_READ_INT) /* pending until the device has data */
        return Transfer(ext, irp, FindPipe(ext, 0x81), irp->AssociatedIrp.SystemBuffer, NULL,
                        sp->Parameters.DeviceIoControl.OutputBufferLength, TRUE);
    status = DeviceControl(ext, irp, code, irp->AssociatedIrp.SystemBuffer,
                           sp->Parameters.DeviceIoControl.InputBufferLength,
                           sp->Parameters.DeviceIoControl.OutputBufferLength, &info);
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = NT_SUCCESS(status) ? info : 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS DispatchCreateClose(PDEVICE_OBJECT dev, PIRP irp)
{
    UNREFERENCED_PARAMETER(dev);
    irp->IoStatus.Status = STATUS_SUCCESS;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

/* ---- PnP ---------------------------------------------------------------------------------- */

static NTSTATUS Started(EXT *ext)
{
    USB_DEVICE_DESCRIPTOR dd;
    ULONG len = sizeof(dd);
    NTSTATUS status = GetDescriptor(ext, USB_DEVICE_DESCRIPTOR_TYPE, 0, 0, &dd, &len);
    if (!NT_SUCCESS(status))
        return status;
    Print("device VID_%04X PID_%04X, %u configuration(s), %u bytes", (unsigned)dd.idVendor,
          (unsigned)dd.idProduct, (unsigned)dd.bNumConfigurations, (unsigned)len);
    return Configure(ext);
}

static NTSTATUS Signal(PDEVICE_OBJECT dev, PIRP irp, PVOID context)
{
    UNREFERENCED_PARAMETER(dev);
    UNREFERENCED_PARAMETER(irp);
    KeSetEvent((PKEVENT)context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* The IRP to the bus below, waited for (START_DEVICE goes down first). */
static NTSTATUS ForwardAndWait(EXT *ext, PIRP irp)
{
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, Signal, &event, TRUE, TRUE, TRUE);
    if (IoCallDriver(ext->Lower, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&event, Executive, KernelMode, FALSE, NULL);
    return irp->IoStatus.Status;
}

static NTSTATUS DispatchPnp(PDEVICE_OBJECT dev, PIRP irp)
{
    EXT *ext = dev->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status;
    switch (sp->MinorFunction) {
    case IRP_MN_START_DEVICE:
        status = ForwardAndWait(ext, irp);
        if (NT_SUCCESS(status))
            status = Started(ext);
        irp->IoStatus.Status = status;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;
    case IRP_MN_REMOVE_DEVICE:
        Print("remove");
        irp->IoStatus.Status = STATUS_SUCCESS;
        IoSkipCurrentIrpStackLocation(irp);
        status = IoCallDriver(ext->Lower, irp);
        USBD_CloseHandle(ext->Usbd);
        if (ext->Cd != NULL)
            ExFreePoolWithTag(ext->Cd, TAG);
        IoDetachDevice(ext->Lower);
        IoDeleteSymbolicLink(&(UNICODE_STRING)RTL_CONSTANT_STRING(L"\\DosDevices\\UsbWdm"));
        IoDeleteDevice(dev);
        return status;
    case IRP_MN_SURPRISE_REMOVAL:
        Print("surprise removal");
        /* fall through */
    default:
        if (sp->MinorFunction == IRP_MN_QUERY_REMOVE_DEVICE ||
            sp->MinorFunction == IRP_MN_SURPRISE_REMOVAL)
            irp->IoStatus.Status = STATUS_SUCCESS;
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(ext->Lower, irp);
    }
}

static NTSTATUS DispatchPower(PDEVICE_OBJECT dev, PIRP irp)
{
    EXT *ext = dev->DeviceExtension;
    IoSkipCurrentIrpStackLocation(irp);
    return PoCallDriver(ext->Lower, irp);
}

/* USBD_CreateHandle's documented refusals: STATUS_INVALID_PARAMETER for a contract other than
 * USBD_CLIENT_CONTRACT_VERSION_602, a zero pool tag, a NULL device object or handle pointer;
 * STATUS_INVALID_LEVEL above PASSIVE_LEVEL. */
static BOOLEAN UsbdHandleRefusals(PDEVICE_OBJECT dev, PDEVICE_OBJECT lower)
{
    USBD_HANDLE h;
    KIRQL old;
    NTSTATUS raised;
    if (USBD_CreateHandle(dev, lower, USBD_CLIENT_CONTRACT_VERSION_INVALID, TAG, &h) !=
            STATUS_INVALID_PARAMETER ||
        USBD_CreateHandle(dev, lower, USBD_CLIENT_CONTRACT_VERSION_602, 0, &h) !=
            STATUS_INVALID_PARAMETER ||
        USBD_CreateHandle(NULL, lower, USBD_CLIENT_CONTRACT_VERSION_602, TAG, &h) !=
            STATUS_INVALID_PARAMETER ||
        USBD_CreateHandle(dev, lower, USBD_CLIENT_CONTRACT_VERSION_602, TAG, NULL) !=
            STATUS_INVALID_PARAMETER)
        return FALSE;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    raised = USBD_CreateHandle(dev, lower, USBD_CLIENT_CONTRACT_VERSION_602, TAG, &h);
    KeLowerIrql(old);
    return raised == STATUS_INVALID_LEVEL;
}

static NTSTATUS AddDevice(PDRIVER_OBJECT driver, PDEVICE_OBJECT pdo)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\UsbWdm");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\UsbWdm");
    PDEVICE_OBJECT dev;
    EXT *ext;
    NTSTATUS status =
        IoCreateDevice(driver, sizeof(EXT), &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
    if (!NT_SUCCESS(status))
        return status;
    ext = dev->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = dev;
    ext->Lower = IoAttachDeviceToDeviceStack(dev, pdo);
    status = UsbdHandleRefusals(dev, ext->Lower) ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
    if (NT_SUCCESS(status))
        status =
            USBD_CreateHandle(dev, ext->Lower, USBD_CLIENT_CONTRACT_VERSION_602, TAG, &ext->Usbd);
    if (!NT_SUCCESS(status)) {
        IoDetachDevice(ext->Lower);
        IoDeleteDevice(dev);
        return status;
    }
    IoCreateSymbolicLink(&link, &name);
    dev->Flags |= DO_DIRECT_IO | DO_POWER_PAGABLE;
    dev->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID Unload(PDRIVER_OBJECT driver)
{
    UNREFERENCED_PARAMETER(driver);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    UNREFERENCED_PARAMETER(path);
    driver->MajorFunction[IRP_MJ_CREATE] = DispatchCreateClose;
    driver->MajorFunction[IRP_MJ_CLOSE] = DispatchCreateClose;
    driver->MajorFunction[IRP_MJ_READ] = DispatchReadWrite;
    driver->MajorFunction[IRP_MJ_WRITE] = DispatchReadWrite;
    driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchDeviceControl;
    driver->MajorFunction[IRP_MJ_PNP] = DispatchPnp;
    driver->MajorFunction[IRP_MJ_POWER] = DispatchPower;
    driver->DriverExtension->AddDevice = AddDevice;
    driver->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
