/*
 * usbkmdf.c - a KMDF function driver for the FX2-like device (tests/usb/scenarios/kmdf.scn)
 * on the framework's USB targets: EvtDevicePrepareHardware creates the USB device, reads its
 * descriptors, selects its configuration (single interface), finds its pipes and configures a
 * continuous reader on the interrupt pipe (started in D0Entry, stopped in D0Exit); reads and
 * writes are formatted for the bulk pipes and sent (their completion parameters checked);
 * device controls run one WdfUsb routine each. What it sees goes to a log the scenario reads
 * back (IOCTL_USBKMDF_LOG), so every value is checked there. Public KMDF headers only.
 */
#include <ntddk.h>
#include <wdf.h>
#include <usb.h>
#include <usbdlib.h>
#include <wdfusb.h>

#include "usbkmdf.h"

typedef struct _CTX {
    WDFUSBDEVICE Usb;
    WDFUSBINTERFACE Interface;
    WDFUSBPIPE IntIn, BulkIn, BulkOut;
    WDFQUEUE SwitchQueue; /* IOCTL_USBKMDF_WAIT_SWITCH requests wait here */
    LONG Reads;           /* continuous reader completions */
    char Log[1024];
    size_t LogLength;
    WDFSPINLOCK LogLock;
} CTX;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CTX, GetCtx)

static void Log(CTX *ctx, const char *fmt, ...)
{
    char item[128];
    va_list args;
    va_start(args, fmt);
    _vsnprintf(item, sizeof(item) - 1, fmt, args);
    va_end(args);
    item[sizeof(item) - 1] = 0;
    WdfSpinLockAcquire(ctx->LogLock);
    for (size_t i = 0; item[i] != 0 && ctx->LogLength + 2 < sizeof(ctx->Log); i++)
        ctx->Log[ctx->LogLength++] = item[i];
    ctx->Log[ctx->LogLength++] = ' ';
    WdfSpinLockRelease(ctx->LogLock);
}

/* ---- the continuous reader ---------------------------------------------------------------- */

static VOID SwitchRead(WDFUSBPIPE Pipe, WDFMEMORY Buffer, size_t Length, WDFCONTEXT Context)
{
    CTX *ctx = Context;
    UCHAR value = *(PUCHAR)WdfMemoryGetBuffer(Buffer, NULL);
    WDFREQUEST request;
    UNREFERENCED_PARAMETER(Pipe);
    InterlockedIncrement(&ctx->Reads);
    Log(ctx, "switch=%02x/%u", value, (unsigned)Length);
    if (NT_SUCCESS(WdfIoQueueRetrieveNextRequest(ctx->SwitchQueue, &request))) {
        PVOID out;
        if (NT_SUCCESS(WdfRequestRetrieveOutputBuffer(request, 1, &out, NULL))) {
            *(PUCHAR)out = value;
            WdfRequestCompleteWithInformation(request, STATUS_SUCCESS, 1);
        } else {
            WdfRequestComplete(request, STATUS_BUFFER_TOO_SMALL);
        }
    }
}

static BOOLEAN ReadersFailed(WDFUSBPIPE Pipe, NTSTATUS Status, USBD_STATUS UsbdStatus)
{
    CTX *ctx = GetCtx(WdfIoTargetGetDevice(WdfUsbTargetPipeGetIoTarget(Pipe)));
    Log(ctx, "readers-failed=%08x/%08x", (unsigned)Status, (unsigned)UsbdStatus);
    return TRUE; /* read again */
}

/* ---- start ------------------------------------------------------------------------------- */

static void FindPipes(CTX *ctx)
{
    UCHAR n = WdfUsbInterfaceGetNumConfiguredPipes(ctx->Interface);
    ctx->IntIn = ctx->BulkIn = ctx->BulkOut = NULL;
    for (UCHAR i = 0; i < n; i++) {
        WDF_USB_PIPE_INFORMATION info;
        WDFUSBPIPE pipe;
        WDF_USB_PIPE_INFORMATION_INIT(&info);
        pipe = WdfUsbInterfaceGetConfiguredPipe(ctx->Interface, i, &info);
        Log(ctx, "pipe%u=%02x/%d/%u/%d%d", (unsigned)i, info.EndpointAddress, (int)info.PipeType,
            (unsigned)info.MaximumPacketSize, WdfUsbTargetPipeIsInEndpoint(pipe),
            WdfUsbTargetPipeIsOutEndpoint(pipe));
        if (WdfUsbTargetPipeGetType(pipe) == WdfUsbPipeTypeInterrupt)
            ctx->IntIn = pipe;
        else if (WdfUsbTargetPipeIsInEndpoint(pipe))
            ctx->BulkIn = pipe;
        else
            ctx->BulkOut = pipe;
    }
    if (WdfUsbInterfaceGetConfiguredPipe(ctx->Interface, n, NULL) != NULL)
        Log(ctx, "FAIL:pipe-past-end");
}

/* The documented errors of the transfer routines, before the bulk IN pipe may take any
 * length. */
static void CheckErrors(CTX *ctx)
{
    WDFMEMORY memory;
    WDFREQUEST request;
    WDF_MEMORY_DESCRIPTOR d;
    UCHAR buffer[8];
    NTSTATUS status;
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, buffer, sizeof(buffer));
    status = WdfUsbTargetPipeReadSynchronously(ctx->BulkIn, NULL, NULL, &d, NULL);
    Log(ctx, "short-read=%08x", (unsigned)status); /* not whole packets */
    status = WdfUsbTargetPipeReadSynchronously(ctx->BulkOut, NULL, NULL, &d, NULL);
    Log(ctx, "read-out-pipe=%08x", (unsigned)status);
    status = WdfUsbTargetPipeWriteSynchronously(ctx->BulkIn, NULL, NULL, &d, NULL);
    Log(ctx, "write-in-pipe=%08x", (unsigned)status);
    if (NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES,
                                    WdfUsbTargetDeviceGetIoTarget(ctx->Usb), &request))) {
        if (NT_SUCCESS(WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, buffer, sizeof(buffer),
                                                   &memory))) {
            status = WdfUsbTargetPipeFormatRequestForRead(ctx->BulkOut, request, memory, NULL);
            Log(ctx, "format-read-out-pipe=%08x", (unsigned)status);
            WdfObjectDelete(memory);
        }
        WdfObjectDelete(request);
    }
    WdfUsbTargetPipeSetNoMaximumPacketSizeCheck(ctx->BulkIn);
}

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    CTX *ctx = GetCtx(Device);
    WDF_USB_DEVICE_CREATE_CONFIG create;
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS select;
    WDF_USB_DEVICE_INFORMATION info;
    WDF_USB_CONTINUOUS_READER_CONFIG reader;
    USB_DEVICE_DESCRIPTOR dd;
    USB_INTERFACE_DESCRIPTOR id;
    USHORT length = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Raw);
    UNREFERENCED_PARAMETER(Translated);
    if (ctx->Usb != NULL)
        return STATUS_SUCCESS;
    WDF_USB_DEVICE_CREATE_CONFIG_INIT(&create, USBD_CLIENT_CONTRACT_VERSION_602);
    status = WdfUsbTargetDeviceCreateWithParameters(Device, &create, WDF_NO_OBJECT_ATTRIBUTES,
                                                    &ctx->Usb);
    if (!NT_SUCCESS(status))
        return status;
    WdfUsbTargetDeviceGetDeviceDescriptor(ctx->Usb, &dd);
    Log(ctx, "vid=%04x pid=%04x", dd.idVendor, dd.idProduct);
    status = WdfUsbTargetDeviceRetrieveConfigDescriptor(ctx->Usb, NULL, &length);
    Log(ctx, "config=%08x/%u", (unsigned)status, (unsigned)length);
    WDF_USB_DEVICE_INFORMATION_INIT(&info);
    status = WdfUsbTargetDeviceRetrieveInformation(ctx->Usb, &info);
    Log(ctx, "traits=%x", (unsigned)info.Traits);
    Log(ctx, "interfaces=%u", WdfUsbTargetDeviceGetNumInterfaces(ctx->Usb));
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_SINGLE_INTERFACE(&select);
    status = WdfUsbTargetDeviceSelectConfig(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, &select);
    if (!NT_SUCCESS(status))
        return status;
    ctx->Interface = select.Types.SingleInterface.ConfiguredUsbInterface;
    Log(ctx, "selected=%u settings=%u", select.Types.SingleInterface.NumberConfiguredPipes,
        WdfUsbInterfaceGetNumSettings(ctx->Interface));
    WdfUsbInterfaceGetDescriptor(ctx->Interface, 1, &id);
    Log(ctx, "alt1=%u/%u", id.bAlternateSetting, id.bNumEndpoints);
    if (WdfUsbTargetDeviceGetInterface(ctx->Usb, 0) != ctx->Interface ||
        WdfUsbTargetDeviceGetInterface(ctx->Usb, 1) != NULL ||
        WdfUsbTargetDeviceWdmGetConfigurationHandle(ctx->Usb) == NULL)
        Log(ctx, "FAIL:interface");
    FindPipes(ctx);
    if (ctx->IntIn == NULL || ctx->BulkIn == NULL || ctx->BulkOut == NULL)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    CheckErrors(ctx);
    WDF_USB_CONTINUOUS_READER_CONFIG_INIT(&reader, SwitchRead, ctx, 2);
    status = WdfUsbTargetPipeConfigContinuousReader(ctx->BulkOut, &reader);
    Log(ctx, "reader-out-pipe=%08x", (unsigned)status);
    WDF_USB_CONTINUOUS_READER_CONFIG_INIT(&reader, SwitchRead, ctx, 1);
    reader.EvtUsbTargetPipeReadersFailed = ReadersFailed;
    status = WdfUsbTargetPipeConfigContinuousReader(ctx->IntIn, &reader);
    Log(ctx, "reader=%08x", (unsigned)status);
    return status;
}

static NTSTATUS D0Entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE PreviousState)
{
    CTX *ctx = GetCtx(Device);
    UNREFERENCED_PARAMETER(PreviousState);
    Log(ctx, "D0Entry");
    return ctx->IntIn != NULL ? WdfIoTargetStart(WdfUsbTargetPipeGetIoTarget(ctx->IntIn))
                              : STATUS_SUCCESS;
}

static NTSTATUS D0Exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE TargetState)
{
    CTX *ctx = GetCtx(Device);
    UNREFERENCED_PARAMETER(TargetState);
    if (ctx->IntIn != NULL)
        WdfIoTargetStop(WdfUsbTargetPipeGetIoTarget(ctx->IntIn), WdfIoTargetCancelSentIo);
    return STATUS_SUCCESS;
}

/* ---- reads and writes: formatted for the bulk pipes and sent ------------------------------ */

static VOID TransferDone(WDFREQUEST Request, WDFIOTARGET Target,
                         PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    PWDF_USB_REQUEST_COMPLETION_PARAMS usb = Params->Parameters.Usb.Completion;
    NTSTATUS status = Params->IoStatus.Status;
    size_t length = 0;
    UNREFERENCED_PARAMETER(Target);
    UNREFERENCED_PARAMETER(Context);
    if (Params->Type != WdfRequestTypeUsb || usb == NULL)
        status = STATUS_INTERNAL_ERROR; /* the completion parameters must say USB */
    else if (NT_SUCCESS(status))
        length = usb->Type == WdfUsbRequestTypePipeRead ? usb->Parameters.PipeRead.Length
                                                        : usb->Parameters.PipeWrite.Length;
    WdfRequestCompleteWithInformation(Request, status, length);
}

static void Transfer(WDFQUEUE Queue, WDFREQUEST Request, BOOLEAN in)
{
    CTX *ctx = GetCtx(WdfIoQueueGetDevice(Queue));
    WDFMEMORY memory;
    NTSTATUS status = in ? WdfRequestRetrieveOutputMemory(Request, &memory)
                         : WdfRequestRetrieveInputMemory(Request, &memory);
    if (NT_SUCCESS(status))
        status = in ? WdfUsbTargetPipeFormatRequestForRead(ctx->BulkIn, Request, memory, NULL)
                    : WdfUsbTargetPipeFormatRequestForWrite(ctx->BulkOut, Request, memory, NULL);
    if (NT_SUCCESS(status)) {
        WdfRequestSetCompletionRoutine(Request, TransferDone, NULL);
        if (WdfRequestSend(Request, WdfUsbTargetPipeGetIoTarget(in ? ctx->BulkIn : ctx->BulkOut),
                           WDF_NO_SEND_OPTIONS))
            return;
        status = WdfRequestGetStatus(Request);
    }
    WdfRequestComplete(Request, status);
}

static VOID IoRead(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Length);
    Transfer(Queue, Request, TRUE);
}

static VOID IoWrite(WDFQUEUE Queue, WDFREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Length);
    Transfer(Queue, Request, FALSE);
}

/* ---- device controls ----------------------------------------------------------------------- */

static NTSTATUS Vendor(CTX *ctx, BOOLEAN in, PUCHAR buf, size_t inlen, size_t outlen,
                       ULONG_PTR *info)
{
    WDF_USB_CONTROL_SETUP_PACKET setup;
    WDF_MEMORY_DESCRIPTOR d;
    ULONG done = 0;
    NTSTATUS status;
    UCHAR request;
    if (inlen < 1)
        return STATUS_INVALID_PARAMETER;
    request = buf[0];
    WDF_USB_CONTROL_SETUP_PACKET_INIT_VENDOR(&setup,
                                             in ? BmRequestDeviceToHost : BmRequestHostToDevice,
                                             BmRequestToDevice, request, 0, 0);
    if (in)
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, buf, (ULONG)outlen);
    else
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, buf + 1, (ULONG)(inlen - 1));
    status = WdfUsbTargetDeviceSendControlTransferSynchronously(ctx->Usb, WDF_NO_HANDLE, NULL,
                                                                &setup, &d, &done);
    *info = in ? done : 0;
    return status;
}

static WDFUSBPIPE PipeOf(CTX *ctx, PUCHAR buf, size_t inlen)
{
    if (inlen < 1)
        return NULL;
    return buf[0] == 0x81   ? ctx->IntIn
           : buf[0] == 0x88 ? ctx->BulkIn
           : buf[0] == 0x06 ? ctx->BulkOut
                            : NULL;
}

static NTSTATUS Sync(CTX *ctx, ULONG code, PUCHAR buf, size_t inlen, size_t outlen, ULONG_PTR *info)
{
    WDF_MEMORY_DESCRIPTOR d;
    ULONG done = 0;
    NTSTATUS status;
    static UCHAR big[512];
    if (code == IOCTL_USBKMDF_WRITE_SYNC) {
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, buf, (ULONG)inlen);
        return WdfUsbTargetPipeWriteSynchronously(ctx->BulkOut, NULL, NULL, &d, &done);
    }
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, big, sizeof(big));
    status = WdfUsbTargetPipeReadSynchronously(ctx->BulkIn, NULL, NULL, &d, &done);
    if (NT_SUCCESS(status)) {
        if (done > outlen)
            return STATUS_BUFFER_TOO_SMALL;
        RtlCopyMemory(buf, big, done);
        *info = done;
    }
    return status;
}

static NTSTATUS String(CTX *ctx, PUCHAR buf, size_t inlen, size_t outlen, ULONG_PTR *info)
{
    WDFMEMORY memory;
    USHORT chars = 0, few = 3;
    WCHAR three[3];
    NTSTATUS status;
    if (inlen < 1)
        return STATUS_INVALID_PARAMETER;
    status = WdfUsbTargetDeviceQueryString(ctx->Usb, NULL, NULL, three, &few, buf[0], 0x0409);
    Log(ctx, "string-short=%08x/%u", (unsigned)status, (unsigned)few);
    status = WdfUsbTargetDeviceAllocAndQueryString(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, &memory,
                                                   &chars, buf[0], 0x0409);
    if (!NT_SUCCESS(status))
        return status;
    if (chars * sizeof(WCHAR) > outlen) {
        status = STATUS_BUFFER_TOO_SMALL;
    } else {
        RtlCopyMemory(buf, WdfMemoryGetBuffer(memory, NULL), chars * sizeof(WCHAR));
        *info = chars * sizeof(WCHAR);
    }
    WdfObjectDelete(memory);
    return status;
}

static NTSTATUS Port(CTX *ctx)
{
    ULONG first = 0, second = 0;
    LARGE_INTEGER delay;
    NTSTATUS status = WdfUsbTargetDeviceRetrieveCurrentFrameNumber(ctx->Usb, &first);
    delay.QuadPart = -3 * 10000;
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    if (NT_SUCCESS(status))
        status = WdfUsbTargetDeviceRetrieveCurrentFrameNumber(ctx->Usb, &second);
    Log(ctx, "frames-rose=%d", second >= first + 2);
    Log(ctx, "connected=%08x", (unsigned)WdfUsbTargetDeviceIsConnectedSynchronous(ctx->Usb));
    Log(ctx, "reset=%08x", (unsigned)WdfUsbTargetDeviceResetPortSynchronously(ctx->Usb));
    Log(ctx, "cycle=%08x", (unsigned)WdfUsbTargetDeviceCyclePortSynchronously(ctx->Usb));
    return status;
}

/* A formatted request sent synchronously; its status. */
static NTSTATUS SendSync(WDFREQUEST request, WDFIOTARGET target)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    if (!WdfRequestSend(request, target, &options))
        return WdfRequestGetStatus(request);
    return WdfRequestGetStatus(request);
}

/* A capability the simulated bus does not have (none of them). */
static const GUID SomeCapability = {0x6e1b3c53, 0x8d0f, 0x4f6a, {1, 2, 3, 4, 5, 6, 7, 8}};

/* WdfUsbTargetDeviceCreateIsochUrb: a URB of 3 packets (its memory GET_ISO_URB_SIZE(3) bytes,
 * zeroed, Urb its buffer; the memory a child of the USB device), and 0 packets refused. */
static VOID IsochUrbs(CTX *ctx)
{
    WDFMEMORY memory = NULL;
    PURB urb = NULL;
    size_t size = 0;
    ULONG nonzero = 0;
    PUCHAR bytes;
    NTSTATUS status =
        WdfUsbTargetDeviceCreateIsochUrb(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, 3, &memory, &urb);
    if (NT_SUCCESS(status)) {
        bytes = WdfMemoryGetBuffer(memory, &size);
        for (size_t i = 0; i < size; i++)
            nonzero += bytes[i] != 0;
        Log(ctx, "isoch-urb=%08x/%u/%u/%u/%u", (unsigned)status, (unsigned)size,
            (unsigned)(size == GET_ISO_URB_SIZE(3)), (unsigned)((PUCHAR)urb == bytes),
            (unsigned)nonzero);
        WdfObjectDelete(memory);
    } else {
        Log(ctx, "isoch-urb=%08x", (unsigned)status);
    }
    memory = (WDFMEMORY)(ULONG_PTR)1;
    status = WdfUsbTargetDeviceCreateIsochUrb(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, 0, &memory, NULL);
    Log(ctx, "isoch-none=%08x/%u", (unsigned)status, (unsigned)(memory == NULL));
}

/* A URB of WdfUsbTargetDeviceCreateUrb formatted for the device; a string request; the
 * capabilities; a cycle-port request. */
static NTSTATUS UrbAndString(CTX *ctx, WDFDEVICE device)
{
    WDF_REQUEST_COMPLETION_PARAMS params;
    WDF_REQUEST_REUSE_PARAMS reuse;
    USB_DEVICE_DESCRIPTOR dd;
    WDFMEMORY urbMemory, text;
    WDFREQUEST request;
    WCHAR chars[8];
    PURB urb;
    ULONG got = 1;
    NTSTATUS status = WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES,
                                       WdfUsbTargetDeviceGetIoTarget(ctx->Usb), &request);
    UNREFERENCED_PARAMETER(device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    status = WdfUsbTargetDeviceCreateUrb(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, &urbMemory, &urb);
    if (NT_SUCCESS(status)) {
        UsbBuildGetDescriptorRequest(urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST),
                                     USB_DEVICE_DESCRIPTOR_TYPE, 0, 0, &dd, NULL, sizeof(dd), NULL);
        status = WdfUsbTargetDeviceFormatRequestForUrb(ctx->Usb, request, urbMemory, NULL);
        if (NT_SUCCESS(status))
            status = SendSync(request, WdfUsbTargetDeviceGetIoTarget(ctx->Usb));
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(request, &params);
        Log(ctx, "formatted-urb=%08x/%d/%04x", (unsigned)status,
            params.Parameters.Usb.Completion != NULL ? (int)params.Parameters.Usb.Completion->Type
                                                     : -1,
            dd.idVendor);
        WdfObjectDelete(urbMemory);
    }
    WdfRequestReuse(request, &reuse);
    status = WdfUsbTargetDeviceCreateUrb(ctx->Usb, WDF_NO_OBJECT_ATTRIBUTES, &urbMemory, &urb);
    if (NT_SUCCESS(status)) { /* a bulk OUT URB formatted for the pipe: "fmt!" looped back */
        static UCHAR fmt[4] = {'f', 'm', 't', '!'};
        UsbBuildInterruptOrBulkTransferRequest(urb, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER),
                                               WdfUsbTargetPipeWdmGetPipeHandle(ctx->BulkOut), fmt,
                                               NULL, sizeof(fmt), 0, NULL);
        status = WdfUsbTargetPipeFormatRequestForUrb(ctx->BulkOut, request, urbMemory, NULL);
        if (NT_SUCCESS(status))
            status = SendSync(request, WdfUsbTargetPipeGetIoTarget(ctx->BulkOut));
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(request, &params);
        Log(ctx, "formatted-pipe-urb=%08x/%d", (unsigned)status,
            params.Parameters.Usb.Completion != NULL ? (int)params.Parameters.Usb.Completion->Type
                                                     : -1);
        WdfObjectDelete(urbMemory);
    }
    WdfRequestReuse(request, &reuse);
    IsochUrbs(ctx);
    status = WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, chars, sizeof(chars), &text);
    if (NT_SUCCESS(status)) {
        status = WdfUsbTargetDeviceFormatRequestForString(ctx->Usb, request, text, NULL, 1, 0x0409);
        if (NT_SUCCESS(status))
            status = SendSync(request, WdfUsbTargetDeviceGetIoTarget(ctx->Usb));
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(request, &params);
        Log(ctx, "formatted-string=%08x/%u/%c", (unsigned)status,
            params.Parameters.Usb.Completion != NULL
                ? (unsigned)params.Parameters.Usb.Completion->Parameters.DeviceString.RequiredSize
                : 99u,
            (char)chars[1]);
        WdfObjectDelete(text);
    }
    WdfRequestReuse(request, &reuse);
    status = WdfUsbTargetDeviceFormatRequestForCyclePort(ctx->Usb, request);
    if (NT_SUCCESS(status))
        status = SendSync(request, WdfUsbTargetDeviceGetIoTarget(ctx->Usb));
    Log(ctx, "formatted-cycle=%08x", (unsigned)status);
    WdfObjectDelete(request);
    status = WdfUsbTargetDeviceQueryUsbCapability(ctx->Usb, &SomeCapability, 0, NULL, &got);
    Log(ctx, "capability=%08x/%u", (unsigned)status, (unsigned)got);
    return STATUS_SUCCESS;
}

/* The routines the other controls leave out: interface queries, URBs the driver builds,
 * formatted control, abort and reset requests, a second USB device object. */
static NTSTATUS More(CTX *ctx, WDFDEVICE device)
{
    WDF_USB_PIPE_INFORMATION info;
    WDF_USB_CONTROL_SETUP_PACKET setup;
    WDF_REQUEST_COMPLETION_PARAMS params;
    USB_DEVICE_DESCRIPTOR dd;
    WDFUSBDEVICE second;
    WDFREQUEST request;
    WDFMEMORY memory;
    UCHAR byte = 0, data[4] = {'u', 'r', 'b', '!'};
    URB urb;
    NTSTATUS status;
    Log(ctx, "number=%u endpoints=%u/%u", WdfUsbInterfaceGetInterfaceNumber(ctx->Interface),
        WdfUsbInterfaceGetNumEndpoints(ctx->Interface, 0),
        WdfUsbInterfaceGetNumEndpoints(ctx->Interface, 1));
    WDF_USB_PIPE_INFORMATION_INIT(&info);
    WdfUsbInterfaceGetEndpointInformation(ctx->Interface, 1, 0, &info);
    Log(ctx, "alt1-ep0=%02x/%d/%u/%u", info.EndpointAddress, (int)info.PipeType,
        (unsigned)info.MaximumPacketSize, info.SettingIndex);
    WDF_USB_PIPE_INFORMATION_INIT(&info);
    WdfUsbTargetPipeGetInformation(ctx->BulkIn, &info);
    Log(ctx, "bulk-in=%02x/%u", info.EndpointAddress, (unsigned)info.MaximumPacketSize);
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildGetDescriptorRequest(&urb, sizeof(struct _URB_CONTROL_DESCRIPTOR_REQUEST),
                                 USB_DEVICE_DESCRIPTOR_TYPE, 0, 0, &dd, NULL, sizeof(dd), NULL);
    status = WdfUsbTargetDeviceSendUrbSynchronously(ctx->Usb, NULL, NULL, &urb);
    Log(ctx, "device-urb=%08x/%u/%04x", (unsigned)status,
        (unsigned)urb.UrbControlDescriptorRequest.TransferBufferLength, dd.idProduct);
    RtlZeroMemory(&urb, sizeof(urb));
    UsbBuildInterruptOrBulkTransferRequest(&urb, sizeof(struct _URB_BULK_OR_INTERRUPT_TRANSFER),
                                           WdfUsbTargetPipeWdmGetPipeHandle(ctx->BulkOut), data,
                                           NULL, sizeof(data), 0, NULL);
    status = WdfUsbTargetPipeSendUrbSynchronously(ctx->BulkOut, NULL, NULL, &urb);
    Log(ctx, "pipe-urb=%08x/%08x", (unsigned)status, (unsigned)urb.UrbHeader.Status);
    status = WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, WdfUsbTargetDeviceGetIoTarget(ctx->Usb),
                              &request);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfMemoryCreatePreallocated(WDF_NO_OBJECT_ATTRIBUTES, &byte, 1, &memory);
    if (NT_SUCCESS(status)) {
        WDF_USB_CONTROL_SETUP_PACKET_INIT_VENDOR(&setup, BmRequestDeviceToHost, BmRequestToDevice,
                                                 0xD6, 0, 0);
        status = WdfUsbTargetDeviceFormatRequestForControlTransfer(ctx->Usb, request, &setup,
                                                                   memory, NULL);
        if (NT_SUCCESS(status))
            status = SendSync(request, WdfUsbTargetDeviceGetIoTarget(ctx->Usb));
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(request, &params);
        Log(ctx, "formatted-control=%08x/%d/%u/%02x", (unsigned)status, (int)params.Type,
            params.Parameters.Usb.Completion != NULL
                ? (unsigned)
                      params.Parameters.Usb.Completion->Parameters.DeviceControlTransfer.Length
                : 99u,
            byte);
        WdfObjectDelete(memory);
    }
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    WdfRequestReuse(request, &reuse);
    status = WdfUsbTargetPipeFormatRequestForAbort(ctx->BulkIn, request);
    if (NT_SUCCESS(status))
        status = SendSync(request, WdfUsbTargetPipeGetIoTarget(ctx->BulkIn));
    Log(ctx, "formatted-abort=%08x", (unsigned)status);
    WdfRequestReuse(request, &reuse);
    status = WdfUsbTargetPipeFormatRequestForReset(ctx->BulkIn, request);
    if (NT_SUCCESS(status))
        status = SendSync(request, WdfUsbTargetPipeGetIoTarget(ctx->BulkIn));
    Log(ctx, "formatted-reset=%08x", (unsigned)status);
    WdfObjectDelete(request);
    status = UrbAndString(ctx, device);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfUsbTargetDeviceCreate(device, WDF_NO_OBJECT_ATTRIBUTES, &second);
    Log(ctx, "second=%08x/%u", (unsigned)status,
        NT_SUCCESS(status) ? WdfUsbTargetDeviceGetNumInterfaces(second) : 0);
    if (NT_SUCCESS(status)) {
        PURB none = NULL;
        status = WdfUsbTargetDeviceCreateUrb(second, WDF_NO_OBJECT_ATTRIBUTES, &memory, &none);
        Log(ctx, "urb-without-contract=%08x", (unsigned)status);
        status =
            WdfUsbTargetDeviceCreateIsochUrb(second, WDF_NO_OBJECT_ATTRIBUTES, 1, &memory, &none);
        Log(ctx, "isoch-without-contract=%08x", (unsigned)status);
        WdfObjectDelete(second);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS SelectAlt(CTX *ctx, PUCHAR buf, size_t inlen, size_t outlen, ULONG_PTR *info)
{
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS p;
    NTSTATUS status;
    if (inlen < 1 || outlen < 2)
        return STATUS_INVALID_PARAMETER;
    WdfIoTargetStop(WdfUsbTargetPipeGetIoTarget(ctx->IntIn), WdfIoTargetCancelSentIo);
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_SETTING(&p, buf[0]);
    status = WdfUsbInterfaceSelectSetting(ctx->Interface, WDF_NO_OBJECT_ATTRIBUTES, &p);
    if (!NT_SUCCESS(status))
        return status;
    FindPipes(ctx);
    WdfUsbTargetPipeSetNoMaximumPacketSizeCheck(ctx->BulkIn);
    buf[0] = WdfUsbInterfaceGetNumConfiguredPipes(ctx->Interface);
    buf[1] = WdfUsbInterfaceGetConfiguredSettingIndex(ctx->Interface);
    *info = 2;
    return STATUS_SUCCESS;
}

/* The USB device's I/O target stopped, then started again: the states of the interrupt and
 * bulk IN pipes' targets after each (WDF_IO_TARGET_STATE values, one byte each). The OSR
 * USB-FX2 switch bus sample (usb/kmdf_enumswitches) starts only the device's target in its
 * EvtDeviceD0Entry and its interrupt pipe's continuous reader runs (docs/wdf.md). */
static NTSTATUS Targets(CTX *ctx, PUCHAR buf, size_t OutputBufferLength, ULONG_PTR *info)
{
    WDFIOTARGET device = WdfUsbTargetDeviceGetIoTarget(ctx->Usb);
    NTSTATUS status;
    if (OutputBufferLength < 4)
        return STATUS_BUFFER_TOO_SMALL;
    WdfIoTargetStop(device, WdfIoTargetLeaveSentIoPending);
    buf[0] = (UCHAR)WdfIoTargetGetState(WdfUsbTargetPipeGetIoTarget(ctx->IntIn));
    buf[1] = (UCHAR)WdfIoTargetGetState(WdfUsbTargetPipeGetIoTarget(ctx->BulkIn));
    status = WdfIoTargetStart(device);
    buf[2] = (UCHAR)WdfIoTargetGetState(WdfUsbTargetPipeGetIoTarget(ctx->IntIn));
    buf[3] = (UCHAR)WdfIoTargetGetState(WdfUsbTargetPipeGetIoTarget(ctx->BulkIn));
    *info = 4;
    return status;
}

static VOID IoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    CTX *ctx = GetCtx(WdfIoQueueGetDevice(Queue));
    PUCHAR buf = NULL;
    ULONG_PTR info = 0;
    NTSTATUS status = STATUS_SUCCESS;
    WDFUSBPIPE pipe;
    size_t size = InputBufferLength > OutputBufferLength ? InputBufferLength : OutputBufferLength;
    if (size > 0)
        status = InputBufferLength > 0
                     ? WdfRequestRetrieveInputBuffer(Request, 0, (PVOID *)&buf, NULL)
                     : WdfRequestRetrieveOutputBuffer(Request, 0, (PVOID *)&buf, NULL);
    if (!NT_SUCCESS(status)) {
        WdfRequestComplete(Request, status);
        return;
    }
    switch (IoControlCode) {
    case IOCTL_USBKMDF_LOG:
        WdfSpinLockAcquire(ctx->LogLock);
        info = ctx->LogLength < OutputBufferLength ? ctx->LogLength : OutputBufferLength;
        RtlCopyMemory(buf, ctx->Log, info);
        ctx->LogLength = 0;
        WdfSpinLockRelease(ctx->LogLock);
        break;
    case IOCTL_USBKMDF_VENDOR_IN:
    case IOCTL_USBKMDF_VENDOR_OUT:
        status = Vendor(ctx, IoControlCode == IOCTL_USBKMDF_VENDOR_IN, buf, InputBufferLength,
                        OutputBufferLength, &info);
        break;
    case IOCTL_USBKMDF_WAIT_SWITCH:
        status = WdfRequestForwardToIoQueue(Request, ctx->SwitchQueue);
        if (NT_SUCCESS(status))
            return;
        break;
    case IOCTL_USBKMDF_ABORT:
    case IOCTL_USBKMDF_RESET:
        pipe = PipeOf(ctx, buf, InputBufferLength);
        if (pipe == NULL)
            status = STATUS_INVALID_PARAMETER;
        else if (IoControlCode == IOCTL_USBKMDF_ABORT)
            status = WdfUsbTargetPipeAbortSynchronously(pipe, WDF_NO_HANDLE, NULL);
        else
            status = WdfUsbTargetPipeResetSynchronously(pipe, WDF_NO_HANDLE, NULL);
        break;
    case IOCTL_USBKMDF_WRITE_SYNC:
    case IOCTL_USBKMDF_READ_SYNC:
        status = Sync(ctx, IoControlCode, buf, InputBufferLength, OutputBufferLength, &info);
        break;
    case IOCTL_USBKMDF_STRING:
        status = String(ctx, buf, InputBufferLength, OutputBufferLength, &info);
        break;
    case IOCTL_USBKMDF_PORT:
        status = Port(ctx);
        break;
    case IOCTL_USBKMDF_SELECT_ALT:
        status = SelectAlt(ctx, buf, InputBufferLength, OutputBufferLength, &info);
        break;
    case IOCTL_USBKMDF_MORE:
        status = More(ctx, WdfIoQueueGetDevice(Queue));
        break;
    case IOCTL_USBKMDF_TARGETS:
        status = Targets(ctx, buf, OutputBufferLength, &info);
        break;
    case IOCTL_USBKMDF_MISUSE: /* a USB device handle where a pipe is expected: 0x10D */
        WdfUsbTargetPipeIsInEndpoint((WDFUSBPIPE)ctx->Usb);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }
    WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? info : 0);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue;
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\UsbKmdf");
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\UsbKmdf");
    WDFDEVICE device;
    CTX *ctx;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    pnp.EvtDeviceD0Entry = D0Entry;
    pnp.EvtDeviceD0Exit = D0Exit;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WdfDeviceInitSetIoType(DeviceInit, WdfDeviceIoBuffered);
    status = WdfDeviceInitAssignName(DeviceInit, &name);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CTX);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    ctx = GetCtx(device);
    status = WdfSpinLockCreate(WDF_NO_OBJECT_ATTRIBUTES, &ctx->LogLock);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(device, &link);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchParallel);
    queue.EvtIoRead = IoRead;
    queue.EvtIoWrite = IoWrite;
    queue.EvtIoDeviceControl = IoDeviceControl;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    WDF_IO_QUEUE_CONFIG_INIT(&queue, WdfIoQueueDispatchManual);
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, &ctx->SwitchQueue);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
