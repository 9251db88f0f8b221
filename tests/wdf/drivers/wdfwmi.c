/*
 * wdfwmi.c - the framework WMI test driver (WDFWMI\FUNC, drivers/wdfwmi.inf). Its device
 * \Device\WdfWmiTest (link \DosDevices\WdfWmiTest) has three WMI blocks:
 *   {7e4c2a10-0001-...} a data block with two instances: 0 answers queries from its context
 *       (UseContextForQuery: 11111111 22222222), 1 has the four instance callbacks over 8 bytes
 *       of data (SetItem: item 1 or 2 is one ULONG; method 1 reverses the input, method 2 tells
 *       the size it needs);
 *   {7e4c2a10-0002-...} an event block (WdfWmiProviderEventOnly, one instance, created with its
 *       provider by WdfWmiInstanceCreate, EvtWmiProviderFunctionControl logged);
 *   {7e4c2a10-0003-...} a block whose only instance is never registered (WMI does not know it).
 * DriverEntry first checks the whdr headers' inline helpers (WDF_USB_*, WDF_DMA_*,
 * WDF_WMI_BUFFER_APPEND_STRING, WDF_READ/WRITE_REGISTER_*) and fails on a wrong value.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <usbdi.h>
#include <usbdlib.h>
#include <wdf.h>
#include <wdfusb.h>
#include <wdfminiport.h>

#include "wdfwmi.h"

#define LOG(fmt, ...)                                                                              \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "wdfwmi: " fmt "\n", ##__VA_ARGS__)

static const GUID DataGuid = {
    0x7e4c2a10, 0x0001, 0x4d5e, {0x8f, 0x21, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f}};
static const GUID EventGuid = {
    0x7e4c2a10, 0x0002, 0x4d5e, {0x8f, 0x21, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f}};
static const GUID HiddenGuid = {
    0x7e4c2a10, 0x0003, 0x4d5e, {0x8f, 0x21, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f}};

typedef struct _STATIC_DATA {
    ULONG A, B;
} STATIC_DATA;
WDF_DECLARE_CONTEXT_TYPE(STATIC_DATA);

typedef struct _DEVICE_DATA {
    WDFWMIINSTANCE Dynamic; /* the data block's instance 1 */
    WDFWMIINSTANCE Event;
    ULONG Data[2];
} DEVICE_DATA;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_DATA, GetData);

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            LOG("check failed: %s (line %d)", #cond, __LINE__);                                    \
            return STATUS_UNSUCCESSFUL;                                                            \
        }                                                                                          \
    } while (0)

/* ---- the headers' inline helpers (values from the reference pages and the USB spec) ---- */

static NTSTATUS CheckUsbHelpers(void)
{
    WDF_USB_CONTROL_SETUP_PACKET p;
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS sel;
    WDF_USB_INTERFACE_SETTING_PAIR pairs[2] = {{NULL, 0}, {NULL, 1}};
    WDF_USB_CONTROL_SETUP_PACKET_INIT_VENDOR(&p, BmRequestDeviceToHost, BmRequestToDevice, 0xD4,
                                             0x1234, 0x0002);
    CHECK(p.Generic.Bytes[0] == 0xC0 && p.Generic.Bytes[1] == 0xD4);
    CHECK(p.Generic.Bytes[2] == 0x34 && p.Generic.Bytes[3] == 0x12 && p.Generic.Bytes[4] == 2);
    WDF_USB_CONTROL_SETUP_PACKET_INIT_CLASS(&p, BmRequestHostToDevice, BmRequestToInterface, 9, 0,
                                            1);
    CHECK(p.Packet.bm.Byte == 0x21);
    WDF_USB_CONTROL_SETUP_PACKET_INIT_FEATURE(&p, BmRequestToEndpoint, 0, 0x81, FALSE);
    CHECK(p.Packet.bm.Byte == 0x02 && p.Packet.bRequest == USB_REQUEST_CLEAR_FEATURE);
    WDF_USB_CONTROL_SETUP_PACKET_INIT_GET_STATUS(&p, BmRequestToDevice, 0);
    CHECK(p.Packet.bm.Byte == 0x80 && p.Packet.bRequest == 0 && p.Packet.wLength == 2);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_MULTIPLE_INTERFACES(&sel, 0, NULL);
    CHECK(sel.Size == sizeof(sel) && sel.Type == WdfUsbTargetDeviceSelectConfigTypeMultiInterface);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_MULTIPLE_INTERFACES(&sel, 2, pairs);
    CHECK(sel.Type == WdfUsbTargetDeviceSelectConfigTypeInterfacesPairs &&
          sel.Types.MultiInterface.Pairs == pairs);
    CHECK(WDF_USB_PIPE_DIRECTION_IN(0x81) && WDF_USB_PIPE_DIRECTION_OUT(0x02));
    CHECK(WdfUsbTargetDeviceGetIoTarget((WDFUSBDEVICE)&sel) == (WDFIOTARGET)&sel);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckUsbInits(void)
{
    WDF_USB_CONTROL_SETUP_PACKET p;
    WDF_USB_CONTINUOUS_READER_CONFIG rc;
    WDF_USB_DEVICE_CREATE_CONFIG cc;
    WDF_USB_DEVICE_INFORMATION info;
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS sel;
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS set;
    WDF_USB_PIPE_INFORMATION pipe;
    USB_INTERFACE_DESCRIPTOR iface;
    PUSB_INTERFACE_DESCRIPTOR list[1] = {&iface};
    URB urb;
    WDF_USB_CONTROL_SETUP_PACKET_INIT(&p, BmRequestDeviceToHost, BmRequestToDevice,
                                      USB_REQUEST_GET_DESCRIPTOR, 0x0100, 0);
    CHECK(p.Packet.bm.Byte == 0x80 && p.Packet.bRequest == 6 && p.Packet.wValue.Bytes.HiByte == 1);
    WDF_USB_CONTINUOUS_READER_CONFIG_INIT(&rc, NULL, &p, 64);
    CHECK(rc.Size == 72 && rc.TransferLength == 64 &&
          rc.EvtUsbTargetPipeReadCompleteContext == &p && rc.NumPendingReads == 0);
    WDF_USB_DEVICE_CREATE_CONFIG_INIT(&cc, USBD_CLIENT_CONTRACT_VERSION_602);
    CHECK(cc.Size == 8 && cc.USBDClientContractVersion == 0x602);
    WDF_USB_DEVICE_INFORMATION_INIT(&info);
    CHECK(info.Size == 20 && info.Traits == 0);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_DECONFIG(&sel);
    CHECK(sel.Type == WdfUsbTargetDeviceSelectConfigTypeDeconfig);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_SINGLE_INTERFACE(&sel);
    CHECK(sel.Size == 32 && sel.Type == WdfUsbTargetDeviceSelectConfigTypeSingleInterface);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_INTERFACES_DESCRIPTORS(&sel, NULL, list, 1);
    CHECK(sel.Type == WdfUsbTargetDeviceSelectConfigTypeInterfacesDescriptor &&
          sel.Types.Descriptor.InterfaceDescriptors == list &&
          sel.Types.Descriptor.NumInterfaceDescriptors == 1);
    WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_URB(&sel, &urb);
    CHECK(sel.Type == WdfUsbTargetDeviceSelectConfigTypeUrb && sel.Types.Urb.Urb == &urb);
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_DESCRIPTOR(&set, &iface);
    CHECK(set.Size == 16 && set.Type == WdfUsbInterfaceSelectSettingTypeDescriptor);
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_SETTING(&set, 3);
    CHECK(set.Type == WdfUsbInterfaceSelectSettingTypeSetting &&
          set.Types.Interface.SettingIndex == 3);
    WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_URB(&set, &urb);
    CHECK(set.Type == WdfUsbInterfaceSelectSettingTypeUrb && set.Types.Urb.Urb == &urb);
    WDF_USB_PIPE_INFORMATION_INIT(&pipe);
    CHECK(pipe.Size == 20 && pipe.PipeType == WdfUsbPipeTypeInvalid);
    CHECK(WdfUsbTargetPipeGetIoTarget((WDFUSBPIPE)&pipe) == (WDFIOTARGET)&pipe);
    return STATUS_SUCCESS;
}

/* A register read or written once per element, in order, at its width. */
static NTSTATUS CheckRegisters(void)
{
    UCHAR r8 = 0, b8[3] = {1, 2, 3};
    USHORT r16 = 0, b16[2] = {0, 0};
    ULONG r32 = 7, b32[2] = {0, 0};
    ULONG64 r64 = 0, b64[2] = {5, 6};
    WDF_WRITE_REGISTER_UCHAR(NULL, &r8, 0xA5);
    CHECK(WDF_READ_REGISTER_UCHAR(NULL, &r8) == 0xA5);
    WDF_WRITE_REGISTER_BUFFER_UCHAR(NULL, &r8, b8, 3);
    WDF_READ_REGISTER_BUFFER_UCHAR(NULL, &r8, b8, 2);
    CHECK(r8 == 3 && b8[0] == 3 && b8[1] == 3);
    WDF_WRITE_REGISTER_USHORT(NULL, &r16, 0xBEEF);
    CHECK(WDF_READ_REGISTER_USHORT(NULL, &r16) == 0xBEEF);
    WDF_READ_REGISTER_BUFFER_USHORT(NULL, &r16, b16, 2);
    WDF_WRITE_REGISTER_BUFFER_USHORT(NULL, &r16, (PUSHORT) "\1\0\2\0", 2);
    CHECK(b16[0] == 0xBEEF && b16[1] == 0xBEEF && r16 == 2);
    WDF_READ_REGISTER_BUFFER_ULONG(NULL, &r32, b32, 2);
    CHECK(b32[0] == 7 && b32[1] == 7);
    WDF_WRITE_REGISTER_ULONG64(NULL, &r64, 0x1122334455667788ull);
    CHECK(WDF_READ_REGISTER_ULONG64(NULL, &r64) == 0x1122334455667788ull);
    WDF_WRITE_REGISTER_BUFFER_ULONG64(NULL, &r64, b64, 2);
    WDF_READ_REGISTER_BUFFER_ULONG64(NULL, &r64, b64, 1);
    CHECK(r64 == 6 && b64[0] == 6);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckQueryInterfaceAndAssert(void)
{
    static const GUID type = {
        0x7e4c2a10, 0x00ff, 0x4d5e, {0x8f, 0x21, 0x3a, 0x4b, 0x5c, 0x6d, 0x7e, 0x8f}};
    WDF_QUERY_INTERFACE_CONFIG qc;
    WDF_DMA_SYSTEM_PROFILE_CONFIG sp;
    CM_PARTIAL_RESOURCE_DESCRIPTOR channel = {0};
    PHYSICAL_ADDRESS address;
    INTERFACE iface = {sizeof(INTERFACE), 1, NULL, WdfDeviceInterfaceReferenceNoOp,
                       WdfDeviceInterfaceDereferenceNoOp};
    WDFCASSERT(sizeof(WDF_QUERY_INTERFACE_CONFIG) == 48);
    WDFVERIFY(iface.Size == sizeof(INTERFACE)); /* true: nothing printed, no break */
    VERIFY_IS_IRQL_PASSIVE_LEVEL();
    iface.InterfaceReference(iface.Context);
    iface.InterfaceDereference(iface.Context);
    CHECK(iface.Size == sizeof(INTERFACE) && iface.Version == 1);
    WDF_QUERY_INTERFACE_CONFIG_INIT(&qc, &iface, &type, NULL);
    CHECK(qc.Size == 48 && qc.Interface == &iface && qc.InterfaceType == &type &&
          !qc.SendQueryToParentStack && !qc.ImportInterface);
    address.QuadPart = 0xFE000040;
    WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(&sp, address, Width32Bits, &channel);
    CHECK(sp.Size == 32 && sp.DeviceAddress.QuadPart == 0xFE000040 && sp.DmaWidth == Width32Bits &&
          sp.DmaDescriptor == &channel && !sp.DemandMode);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckOtherHelpers(void)
{
    WDF_DMA_ENABLER_CONFIG dma;
    WDF_COMMON_BUFFER_CONFIG cb;
    WCHAR text[] = L"ab";
    UNICODE_STRING s = {4, 6, text};
    UCHAR buffer[8] = {0};
    ULONG needed = 0, reg[2] = {0, 0};
    WDF_DMA_ENABLER_CONFIG_INIT(&dma, WdfDmaProfileScatterGather64, 4096);
    CHECK(dma.Size == 80 && dma.Profile == WdfDmaProfileScatterGather64 &&
          dma.MaximumLength == 4096);
    WDF_COMMON_BUFFER_CONFIG_INIT(&cb, 15); /* FILE_OCTA_ALIGNMENT */
    CHECK(cb.Size == 8 && cb.AlignmentRequirement == 15);
    CHECK(WDF_WMI_BUFFER_APPEND_STRING(buffer, 5, &s, &needed) == STATUS_BUFFER_TOO_SMALL &&
          needed == 6);
    CHECK(WDF_WMI_BUFFER_APPEND_STRING(buffer, 8, &s, &needed) == STATUS_SUCCESS && needed == 6);
    CHECK(buffer[0] == 4 && buffer[1] == 0 && buffer[2] == 'a' && buffer[4] == 'b');
    WDF_WRITE_REGISTER_ULONG(NULL, &reg[1], 0xCAFE);
    CHECK(reg[1] == 0xCAFE && WDF_READ_REGISTER_ULONG(NULL, &reg[1]) == 0xCAFE);
    WDF_WRITE_REGISTER_BUFFER_ULONG(NULL, &reg[0], (PULONG) "\1\0\0\0\2\0\0\0", 2);
    CHECK(reg[0] == 2); /* one register, written twice */
    return STATUS_SUCCESS;
}

/* ---- WMI callbacks ---- */

static NTSTATUS QueryInstance(WDFWMIINSTANCE Instance, ULONG OutBufferSize, PVOID OutBuffer,
                              PULONG BufferUsed)
{
    DEVICE_DATA *d = GetData(WdfWmiInstanceGetDevice(Instance));
    *BufferUsed = sizeof(d->Data);
    if (OutBufferSize < sizeof(d->Data))
        return STATUS_BUFFER_TOO_SMALL;
    RtlCopyMemory(OutBuffer, d->Data, sizeof(d->Data));
    return STATUS_SUCCESS;
}

static NTSTATUS SetInstance(WDFWMIINSTANCE Instance, ULONG InBufferSize, PVOID InBuffer)
{
    DEVICE_DATA *d = GetData(WdfWmiInstanceGetDevice(Instance));
    if (InBufferSize != sizeof(d->Data))
        return STATUS_INFO_LENGTH_MISMATCH;
    RtlCopyMemory(d->Data, InBuffer, sizeof(d->Data));
    return STATUS_SUCCESS;
}

static NTSTATUS SetItem(WDFWMIINSTANCE Instance, ULONG DataItemId, ULONG InBufferSize,
                        PVOID InBuffer)
{
    DEVICE_DATA *d = GetData(WdfWmiInstanceGetDevice(Instance));
    if (DataItemId < 1 || DataItemId > 2)
        return STATUS_WMI_ITEMID_NOT_FOUND;
    if (InBufferSize != sizeof(ULONG))
        return STATUS_INFO_LENGTH_MISMATCH;
    d->Data[DataItemId - 1] = *(PULONG)InBuffer;
    return STATUS_SUCCESS;
}

static NTSTATUS ExecuteMethod(WDFWMIINSTANCE Instance, ULONG MethodId, ULONG InBufferSize,
                              ULONG OutBufferSize, PVOID Buffer, PULONG BufferUsed)
{
    PUCHAR b = Buffer;
    UNREFERENCED_PARAMETER(Instance);
    if (MethodId == 2) { /* needs 100 bytes */
        *BufferUsed = 100;
        return OutBufferSize < 100 ? STATUS_BUFFER_TOO_SMALL : STATUS_SUCCESS;
    }
    if (MethodId != 1)
        return STATUS_WMI_ITEMID_NOT_FOUND;
    if (OutBufferSize < InBufferSize) {
        *BufferUsed = InBufferSize;
        return STATUS_BUFFER_TOO_SMALL;
    }
    for (ULONG i = 0; i < InBufferSize / 2; i++) {
        UCHAR t = b[i];
        b[i] = b[InBufferSize - 1 - i];
        b[InBufferSize - 1 - i] = t;
    }
    *BufferUsed = InBufferSize;
    return STATUS_SUCCESS;
}

static NTSTATUS FunctionControl(WDFWMIPROVIDER Provider, WDF_WMI_PROVIDER_CONTROL Control,
                                BOOLEAN Enable)
{
    LOG("FunctionControl(%s, %d) enabled now %d",
        Control == WdfWmiEventControl ? "events" : "collection", Enable,
        WdfWmiProviderIsEnabled(Provider, Control));
    return STATUS_SUCCESS;
}

/* ---- creating the blocks ---- */

/* Microsoft (WdfWmiProviderCreate, WdfWmiInstanceCreate): the device is a provider's parent,
 * the provider an instance's, so ParentObject must be NULL; Framework Object Creation Errors:
 * STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED. Nothing is created: the data block's provider is
 * created afterwards without STATUS_OBJECT_NAME_EXISTS. */
static NTSTATUS CheckParentRefused(WDFDEVICE Device)
{
    WDF_WMI_PROVIDER_CONFIG pc;
    WDF_WMI_INSTANCE_CONFIG ic;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFWMIPROVIDER provider = (WDFWMIPROVIDER)(ULONG_PTR)1;
    WDFWMIINSTANCE instance = (WDFWMIINSTANCE)(ULONG_PTR)1;
    WDF_WMI_PROVIDER_CONFIG_INIT(&pc, &DataGuid);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    CHECK(WdfWmiProviderCreate(Device, &pc, &attributes, &provider) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          provider == NULL);
    /* an instance that would create its provider */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&ic, &pc);
    CHECK(WdfWmiInstanceCreate(Device, &ic, &attributes, &instance) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          instance == NULL);
    return STATUS_SUCCESS;
}

static NTSTATUS CreateDataBlock(WDFDEVICE Device, DEVICE_DATA *d)
{
    WDF_WMI_PROVIDER_CONFIG pc;
    WDF_WMI_INSTANCE_CONFIG ic;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFWMIPROVIDER provider, again;
    WDFWMIINSTANCE fixed;
    NTSTATUS status;
    status = CheckParentRefused(Device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_WMI_PROVIDER_CONFIG_INIT(&pc, &DataGuid);
    pc.Size = sizeof(pc) - 1;
    CHECK(WdfWmiProviderCreate(Device, &pc, WDF_NO_OBJECT_ATTRIBUTES, &provider) ==
          STATUS_INFO_LENGTH_MISMATCH);
    pc.Size = sizeof(pc);
    status = WdfWmiProviderCreate(Device, &pc, WDF_NO_OBJECT_ATTRIBUTES, &provider);
    if (!NT_SUCCESS(status))
        return status;
    CHECK(WdfWmiProviderCreate(Device, &pc, WDF_NO_OBJECT_ATTRIBUTES, &again) ==
          STATUS_OBJECT_NAME_EXISTS);
    CHECK(WdfWmiProviderGetDevice(provider) == Device);
    /* instance 0: read-only, from its context; a set callback with it is invalid */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&ic, provider);
    ic.UseContextForQuery = TRUE;
    ic.EvtWmiInstanceSetInstance = SetInstance;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, STATIC_DATA);
    CHECK(WdfWmiInstanceCreate(Device, &ic, &attributes, &fixed) == STATUS_INVALID_PARAMETER);
    ic.EvtWmiInstanceSetInstance = NULL;
    attributes.ParentObject = provider; /* the provider is the parent already (the page) */
    fixed = (WDFWMIINSTANCE)(ULONG_PTR)1;
    CHECK(WdfWmiInstanceCreate(NULL, &ic, &attributes, &fixed) ==
              STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED &&
          fixed == NULL);
    attributes.ParentObject = NULL;
    status = WdfWmiInstanceCreate(NULL, &ic, &attributes, &fixed); /* Device not used */
    if (!NT_SUCCESS(status))
        return status;
    WdfObjectGet_STATIC_DATA(fixed)->A = 0x11111111;
    WdfObjectGet_STATIC_DATA(fixed)->B = 0x22222222;
    CHECK(WdfWmiInstanceGetProvider(fixed) == provider && WdfWmiInstanceGetDevice(fixed) == Device);
    status = WdfWmiInstanceRegister(fixed);
    if (!NT_SUCCESS(status))
        return status;
    CHECK(WdfWmiInstanceRegister(fixed) == STATUS_INVALID_DEVICE_REQUEST);
    /* Microsoft: a tracing handle only for a WdfWmiProviderTracing provider; this is none */
    CHECK(WdfWmiProviderGetTracingHandle(provider) == 0);
    /* instance 1: the callbacks, registered at creation */
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER(&ic, provider);
    ic.Register = TRUE;
    ic.EvtWmiInstanceQueryInstance = QueryInstance;
    ic.EvtWmiInstanceSetInstance = SetInstance;
    ic.EvtWmiInstanceSetItem = SetItem;
    ic.EvtWmiInstanceExecuteMethod = ExecuteMethod;
    d->Data[0] = 0x33333333;
    d->Data[1] = 0x44444444;
    return WdfWmiInstanceCreate(Device, &ic, WDF_NO_OBJECT_ATTRIBUTES, &d->Dynamic);
}

static NTSTATUS CreateOtherBlocks(WDFDEVICE Device, DEVICE_DATA *d)
{
    WDF_WMI_PROVIDER_CONFIG pc;
    WDF_WMI_INSTANCE_CONFIG ic;
    WDFWMIINSTANCE hidden;
    NTSTATUS status;
    WDF_WMI_PROVIDER_CONFIG_INIT(&pc, &EventGuid);
    pc.Flags = WdfWmiProviderEventOnly;
    pc.EvtWmiProviderFunctionControl = FunctionControl;
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&ic, &pc);
    ic.Register = TRUE;
    status = WdfWmiInstanceCreate(Device, &ic, WDF_NO_OBJECT_ATTRIBUTES, &d->Event);
    if (!NT_SUCCESS(status))
        return status;
    CHECK(WdfWmiProviderIsEnabled(WdfWmiInstanceGetProvider(d->Event), WdfWmiEventControl) ==
          FALSE);
    WDF_WMI_PROVIDER_CONFIG_INIT(&pc, &HiddenGuid);
    WDF_WMI_INSTANCE_CONFIG_INIT_PROVIDER_CONFIG(&ic, &pc);
    ic.EvtWmiInstanceQueryInstance = QueryInstance;
    status = WdfWmiInstanceCreate(Device, &ic, WDF_NO_OBJECT_ATTRIBUTES, &hidden);
    if (NT_SUCCESS(status)) /* not registered: WMI cannot fire its events */
        CHECK(WdfWmiInstanceFireEvent(hidden, 0, NULL) == STATUS_UNSUCCESSFUL);
    return status;
}

/* ---- DMA enablers and common buffers (no device: the values the pages give) ---- */

static NTSTATUS CheckDma(WDFDEVICE Device)
{
    WDF_DMA_ENABLER_CONFIG dc;
    WDF_COMMON_BUFFER_CONFIG cc;
    WDFDMAENABLER enabler;
    WDFCOMMONBUFFER small, paged;
    PUCHAR va;
    WDF_DMA_ENABLER_CONFIG_INIT(&dc, WdfDmaProfileScatterGather64, 65536);
    dc.Size -= 1;
    CHECK(WdfDmaEnablerCreate(Device, &dc, WDF_NO_OBJECT_ATTRIBUTES, &enabler) ==
          STATUS_INFO_LENGTH_MISMATCH);
    WDF_DMA_ENABLER_CONFIG_INIT(&dc, WdfDmaProfileSystem, 65536); /* adapters: configured later */
    CHECK(NT_SUCCESS(WdfDmaEnablerCreate(Device, &dc, WDF_NO_OBJECT_ATTRIBUTES, &enabler)));
    CHECK(WdfDmaEnablerWdmGetDmaAdapter(enabler, WdfDmaDirectionReadFromDevice) == NULL);
    WdfObjectDelete(enabler);
    WdfDeviceSetAlignmentRequirement(Device, 7); /* FILE_QUAD_ALIGNMENT */
    WDF_DMA_ENABLER_CONFIG_INIT(&dc, WdfDmaProfileScatterGather64, 65536);
    CHECK(NT_SUCCESS(WdfDmaEnablerCreate(Device, &dc, WDF_NO_OBJECT_ATTRIBUTES, &enabler)));
    CHECK(WdfDmaEnablerGetMaximumLength(enabler) == 65536);
    CHECK(WdfDmaEnablerGetMaximumScatterGatherElements(enabler) ==
          WDF_DMA_ENABLER_UNLIMITED_FRAGMENTS);
    WdfDmaEnablerSetMaximumScatterGatherElements(enabler, 16);
    CHECK(WdfDmaEnablerGetMaximumScatterGatherElements(enabler) == 16);
    CHECK(WdfDmaEnablerGetFragmentLength(enabler, WdfDmaDirectionWriteToDevice) == 65536);
    CHECK(WdfDmaEnablerGetFragmentLength(enabler, (WDF_DMA_DIRECTION)5) == 0);
    CHECK(WdfCommonBufferCreate(enabler, 0, WDF_NO_OBJECT_ATTRIBUTES, &small) ==
          STATUS_INVALID_PARAMETER);
    CHECK(NT_SUCCESS(WdfCommonBufferCreate(enabler, 100, WDF_NO_OBJECT_ATTRIBUTES, &small)));
    va = WdfCommonBufferGetAlignedVirtualAddress(small);
    CHECK(va != NULL && ((ULONG_PTR)va & 7) == 0);
    CHECK(WdfCommonBufferGetLength(small) == 100);
    CHECK(WdfCommonBufferGetAlignedLogicalAddress(small).QuadPart != 0);
    va[99] = 0x5A; /* the whole length is the driver's */
    WDF_COMMON_BUFFER_CONFIG_INIT(&cc, 4095);
    CHECK(NT_SUCCESS(
        WdfCommonBufferCreateWithConfig(enabler, 8192, &cc, WDF_NO_OBJECT_ATTRIBUTES, &paged)));
    CHECK(((ULONG_PTR)WdfCommonBufferGetAlignedVirtualAddress(paged) & 4095) == 0);
    WdfObjectDelete(enabler); /* its common buffers go with it */
    return STATUS_SUCCESS;
}

/* ---- I/O ---- */

static VOID IoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    DEVICE_DATA *d = GetData(WdfIoQueueGetDevice(Queue));
    PVOID in = NULL, out = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR info = 0;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    if (InputBufferLength != 0)
        (void)WdfRequestRetrieveInputBuffer(Request, 1, &in, NULL);
    switch (IoControlCode) {
    case IOCTL_WW_FIRE:
        status = WdfWmiInstanceFireEvent(d->Event, (ULONG)InputBufferLength, in);
        break;
    case IOCTL_WW_ENABLED:
        status = WdfRequestRetrieveOutputBuffer(Request, 2, &out, NULL);
        if (NT_SUCCESS(status)) {
            WDFWMIPROVIDER p = WdfWmiInstanceGetProvider(d->Event);
            ((PBOOLEAN)out)[0] = WdfWmiProviderIsEnabled(p, WdfWmiEventControl);
            ((PBOOLEAN)out)[1] = WdfWmiProviderIsEnabled(p, WdfWmiInstanceControl);
            info = 2;
        }
        break;
    case IOCTL_WW_REGISTER:
        if (in != NULL && *(PUCHAR)in != 0)
            status = WdfWmiInstanceRegister(d->Dynamic);
        else
            WdfWmiInstanceDeregister(d->Dynamic);
        break;
    case IOCTL_WW_BREAK:
        WdfVerifierDbgBreakPoint();
        LOG("continued after WdfVerifierDbgBreakPoint");
        break;
    case IOCTL_WW_DMA:
        status = CheckDma(WdfIoQueueGetDevice(Queue));
        break;
    case IOCTL_WW_BUGCHECK:
        WdfVerifierKeBugCheck(0xE2, 0x5A5A, 1, 2, 3);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    WdfRequestCompleteWithInformation(Request, status, info);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfWmiTest");
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\WdfWmiTest");
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG qc;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    status = WdfDeviceInitAssignName(DeviceInit, &name);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, DEVICE_DATA);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreateSymbolicLink(device, &link);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&qc, WdfIoQueueDispatchSequential);
    qc.EvtIoDeviceControl = IoDeviceControl;
    if (NT_SUCCESS(status))
        status = WdfIoQueueCreate(device, &qc, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (NT_SUCCESS(status))
        status = CreateDataBlock(device, GetData(device));
    if (NT_SUCCESS(status))
        status = CreateOtherBlocks(device, GetData(device));
    LOG("DeviceAdd -> 0x%08X", (unsigned)status);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    NTSTATUS status = CheckUsbHelpers();
    if (NT_SUCCESS(status))
        status = CheckOtherHelpers();
    if (NT_SUCCESS(status))
        status = CheckUsbInits();
    if (NT_SUCCESS(status))
        status = CheckRegisters();
    if (NT_SUCCESS(status))
        status = CheckQueryInterfaceAndAssert();
    if (!NT_SUCCESS(status))
        return status;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
