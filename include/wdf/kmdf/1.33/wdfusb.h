/*
 * wdfusb.h - the framework's USB I/O targets: USB device, interface and pipe objects, the
 * WDF_USB_* configurations and setup packets, continuous readers, completion parameters. A USB
 * client driver includes it after <usbdi.h> (and <usbdlib.h>) and <wdf.h>. Names, values and
 * x64 layouts as Microsoft documents them (pinned by tests/wdf/drivers/wdfhdr_layout.c).
 * drvhost has no USB stack: every WdfUsb* routine is the framework's stand-in, bug check
 * 0x10D naming it (docs/wdf.md, "The KMDF headers of whdr").
 */
#ifndef _WDFUSB_H_
#define _WDFUSB_H_

#include <wdf.h>
#include <usb.h>
#include <usbspec.h>

typedef enum _WDF_USB_REQUEST_TYPE {
    WdfUsbRequestTypeInvalid = 0,
    WdfUsbRequestTypeNoFormat,
    WdfUsbRequestTypeDeviceString,
    WdfUsbRequestTypeDeviceControlTransfer,
    WdfUsbRequestTypeDeviceUrb,
    WdfUsbRequestTypePipeWrite,
    WdfUsbRequestTypePipeRead,
    WdfUsbRequestTypePipeAbort,
    WdfUsbRequestTypePipeReset,
    WdfUsbRequestTypePipeUrb,
} WDF_USB_REQUEST_TYPE, *PWDF_USB_REQUEST_TYPE;

typedef enum _WDF_USB_BMREQUEST_DIRECTION {
    BmRequestHostToDevice = BMREQUEST_HOST_TO_DEVICE,
    BmRequestDeviceToHost = BMREQUEST_DEVICE_TO_HOST,
} WDF_USB_BMREQUEST_DIRECTION;

typedef enum _WDF_USB_BMREQUEST_TYPE {
    BmRequestStandard = BMREQUEST_STANDARD,
    BmRequestClass = BMREQUEST_CLASS,
    BmRequestVendor = BMREQUEST_VENDOR,
} WDF_USB_BMREQUEST_TYPE;

typedef enum _WDF_USB_BMREQUEST_RECIPIENT {
    BmRequestToDevice = BMREQUEST_TO_DEVICE,
    BmRequestToInterface = BMREQUEST_TO_INTERFACE,
    BmRequestToEndpoint = BMREQUEST_TO_ENDPOINT,
    BmRequestToOther = BMREQUEST_TO_OTHER,
} WDF_USB_BMREQUEST_RECIPIENT;

typedef enum _WDF_USB_PIPE_TYPE {
    WdfUsbPipeTypeInvalid = 0,
    WdfUsbPipeTypeControl,
    WdfUsbPipeTypeIsochronous,
    WdfUsbPipeTypeBulk,
    WdfUsbPipeTypeInterrupt,
} WDF_USB_PIPE_TYPE;

typedef enum _WdfUsbTargetDeviceSelectConfigType {
    WdfUsbTargetDeviceSelectConfigTypeInvalid = 0,
    WdfUsbTargetDeviceSelectConfigTypeDeconfig = 1,
    WdfUsbTargetDeviceSelectConfigTypeSingleInterface = 2,
    WdfUsbTargetDeviceSelectConfigTypeMultiInterface = 3,
    WdfUsbTargetDeviceSelectConfigTypeInterfacesPairs = 4,
    WdfUsbTargetDeviceSelectConfigTypeInterfacesDescriptor = 5,
    WdfUsbTargetDeviceSelectConfigTypeUrb = 6,
} WdfUsbTargetDeviceSelectConfigType;

typedef enum _WdfUsbTargetDeviceSelectSettingType {
    WdfUsbInterfaceSelectSettingTypeDescriptor = 0x10,
    WdfUsbInterfaceSelectSettingTypeSetting = 0x11,
    WdfUsbInterfaceSelectSettingTypeUrb = 0x12,
} WdfUsbTargetDeviceSelectSettingType;

typedef enum _WDF_USB_DEVICE_TRAITS {
    WDF_USB_DEVICE_TRAIT_SELF_POWERED = 0x00000001,
    WDF_USB_DEVICE_TRAIT_REMOTE_WAKE_CAPABLE = 0x00000002,
    WDF_USB_DEVICE_TRAIT_AT_HIGH_SPEED = 0x00000004,
} WDF_USB_DEVICE_TRAITS;

/* The 8-byte setup packet of a control transfer. */
typedef union _WDF_USB_CONTROL_SETUP_PACKET {
    struct {
        union {
            struct {
                BYTE Recipient : 2; /* WDF_USB_BMREQUEST_RECIPIENT */
                BYTE Reserved : 3;
                BYTE Type : 2; /* WDF_USB_BMREQUEST_TYPE */
                BYTE Dir : 1;  /* WDF_USB_BMREQUEST_DIRECTION */
            } Request;
            BYTE Byte;
        } bm;
        BYTE bRequest;
        union {
            struct {
                BYTE LowByte;
                BYTE HiByte;
            } Bytes;
            USHORT Value;
        } wValue;
        union {
            struct {
                BYTE LowByte;
                BYTE HiByte;
            } Bytes;
            USHORT Value;
        } wIndex;
        USHORT wLength;
    } Packet;
    struct {
        BYTE Bytes[8];
    } Generic;
} WDF_USB_CONTROL_SETUP_PACKET, *PWDF_USB_CONTROL_SETUP_PACKET;

C_ASSERT(sizeof(WDF_USB_CONTROL_SETUP_PACKET) == 8);

FORCEINLINE VOID WDF_USB_CONTROL_SETUP_PACKET_INIT(PWDF_USB_CONTROL_SETUP_PACKET Packet,
                                                   WDF_USB_BMREQUEST_DIRECTION Direction,
                                                   WDF_USB_BMREQUEST_RECIPIENT Recipient,
                                                   BYTE Request, USHORT Value, USHORT Index)
{
    RtlZeroMemory(Packet, sizeof(WDF_USB_CONTROL_SETUP_PACKET));
    Packet->Packet.bm.Request.Dir = (BYTE)Direction;
    Packet->Packet.bm.Request.Type = (BYTE)BmRequestStandard;
    Packet->Packet.bm.Request.Recipient = (BYTE)Recipient;
    Packet->Packet.bRequest = Request;
    Packet->Packet.wValue.Value = Value;
    Packet->Packet.wIndex.Value = Index;
}

FORCEINLINE VOID WDF_USB_CONTROL_SETUP_PACKET_INIT_CLASS(PWDF_USB_CONTROL_SETUP_PACKET Packet,
                                                         WDF_USB_BMREQUEST_DIRECTION Direction,
                                                         WDF_USB_BMREQUEST_RECIPIENT Recipient,
                                                         BYTE Request, USHORT Value, USHORT Index)
{
    WDF_USB_CONTROL_SETUP_PACKET_INIT(Packet, Direction, Recipient, Request, Value, Index);
    Packet->Packet.bm.Request.Type = (BYTE)BmRequestClass;
}

FORCEINLINE VOID WDF_USB_CONTROL_SETUP_PACKET_INIT_VENDOR(PWDF_USB_CONTROL_SETUP_PACKET Packet,
                                                          WDF_USB_BMREQUEST_DIRECTION Direction,
                                                          WDF_USB_BMREQUEST_RECIPIENT Recipient,
                                                          BYTE Request, USHORT Value, USHORT Index)
{
    WDF_USB_CONTROL_SETUP_PACKET_INIT(Packet, Direction, Recipient, Request, Value, Index);
    Packet->Packet.bm.Request.Type = (BYTE)BmRequestVendor;
}

/* SET_FEATURE (SetFeature TRUE) or CLEAR_FEATURE, host to device. */
FORCEINLINE VOID WDF_USB_CONTROL_SETUP_PACKET_INIT_FEATURE(
    PWDF_USB_CONTROL_SETUP_PACKET Packet, WDF_USB_BMREQUEST_RECIPIENT BmRequestRecipient,
    USHORT FeatureSelector, USHORT Index, BOOLEAN SetFeature)
{
    WDF_USB_CONTROL_SETUP_PACKET_INIT(
        Packet, BmRequestHostToDevice, BmRequestRecipient,
        (BYTE)(SetFeature ? USB_REQUEST_SET_FEATURE : USB_REQUEST_CLEAR_FEATURE), FeatureSelector,
        Index);
}

/* GET_STATUS, device to host: two bytes of status. */
FORCEINLINE VOID WDF_USB_CONTROL_SETUP_PACKET_INIT_GET_STATUS(
    PWDF_USB_CONTROL_SETUP_PACKET Packet, WDF_USB_BMREQUEST_RECIPIENT BmRequestRecipient,
    USHORT Index)
{
    WDF_USB_CONTROL_SETUP_PACKET_INIT(Packet, BmRequestDeviceToHost, BmRequestRecipient,
                                      USB_REQUEST_GET_STATUS, 0, Index);
    Packet->Packet.wLength = sizeof(USHORT);
}

/* What a request formatted for a USB target says when it comes back
 * (WDF_REQUEST_COMPLETION_PARAMS.Parameters.Usb.Completion). */
typedef struct _WDF_USB_REQUEST_COMPLETION_PARAMS {
    USBD_STATUS UsbdStatus;
    WDF_USB_REQUEST_TYPE Type;
    union {
        struct {
            WDFMEMORY Buffer;
            USHORT LangID;
            UCHAR StringIndex;
            UCHAR RequiredSize; /* in bytes */
        } DeviceString;
        struct {
            WDFMEMORY Buffer;
            WDF_USB_CONTROL_SETUP_PACKET SetupPacket;
            ULONG Length;
        } DeviceControlTransfer;
        struct {
            WDFMEMORY Buffer;
        } DeviceUrb;
        struct {
            WDFMEMORY Buffer;
            size_t Length;
            size_t Offset;
        } PipeWrite;
        struct {
            WDFMEMORY Buffer;
            size_t Length;
            size_t Offset;
        } PipeRead;
        struct {
            WDFMEMORY Buffer;
        } PipeUrb;
    } Parameters;
} WDF_USB_REQUEST_COMPLETION_PARAMS;

C_ASSERT(FIELD_OFFSET(WDF_USB_REQUEST_COMPLETION_PARAMS, Parameters) == 8);
C_ASSERT(sizeof(WDF_USB_REQUEST_COMPLETION_PARAMS) == 32);

typedef VOID EVT_WDF_USB_READER_COMPLETION_ROUTINE(WDFUSBPIPE Pipe, WDFMEMORY Buffer,
                                                   size_t NumBytesTransferred, WDFCONTEXT Context);
typedef EVT_WDF_USB_READER_COMPLETION_ROUTINE *PFN_WDF_USB_READER_COMPLETION_ROUTINE;

typedef BOOLEAN EVT_WDF_USB_READERS_FAILED(WDFUSBPIPE Pipe, NTSTATUS Status,
                                           USBD_STATUS UsbdStatus);
typedef EVT_WDF_USB_READERS_FAILED *PFN_WDF_USB_READERS_FAILED;

typedef struct _WDF_USB_CONTINUOUS_READER_CONFIG {
    ULONG Size;
    size_t TransferLength;
    size_t HeaderLength;
    size_t TrailerLength;
    UCHAR NumPendingReads; /* 0: the framework's default */
    PWDF_OBJECT_ATTRIBUTES BufferAttributes;
    PFN_WDF_USB_READER_COMPLETION_ROUTINE EvtUsbTargetPipeReadComplete;
    WDFCONTEXT EvtUsbTargetPipeReadCompleteContext;
    PFN_WDF_USB_READERS_FAILED EvtUsbTargetPipeReadersFailed;
} WDF_USB_CONTINUOUS_READER_CONFIG, *PWDF_USB_CONTINUOUS_READER_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_USB_CONTINUOUS_READER_CONFIG, NumPendingReads) == 32);
C_ASSERT(sizeof(WDF_USB_CONTINUOUS_READER_CONFIG) == 72);

FORCEINLINE VOID WDF_USB_CONTINUOUS_READER_CONFIG_INIT(
    PWDF_USB_CONTINUOUS_READER_CONFIG Config,
    PFN_WDF_USB_READER_COMPLETION_ROUTINE EvtUsbTargetPipeReadComplete,
    WDFCONTEXT EvtUsbTargetPipeReadCompleteContext, size_t TransferLength)
{
    RtlZeroMemory(Config, sizeof(WDF_USB_CONTINUOUS_READER_CONFIG));
    Config->Size = sizeof(WDF_USB_CONTINUOUS_READER_CONFIG);
    Config->EvtUsbTargetPipeReadComplete = EvtUsbTargetPipeReadComplete;
    Config->EvtUsbTargetPipeReadCompleteContext = EvtUsbTargetPipeReadCompleteContext;
    Config->TransferLength = TransferLength;
}

/* A USB device or pipe object is an I/O target. */
FORCEINLINE WDFIOTARGET WdfUsbTargetDeviceGetIoTarget(WDFUSBDEVICE UsbDevice)
{
    return (WDFIOTARGET)UsbDevice;
}

FORCEINLINE WDFIOTARGET WdfUsbTargetPipeGetIoTarget(WDFUSBPIPE Pipe)
{
    return (WDFIOTARGET)Pipe;
}

typedef struct _WDF_USB_DEVICE_INFORMATION {
    ULONG Size;
    USBD_VERSION_INFORMATION UsbdVersionInformation;
    ULONG HcdPortCapabilities;
    ULONG Traits; /* WDF_USB_DEVICE_TRAITS */
} WDF_USB_DEVICE_INFORMATION, *PWDF_USB_DEVICE_INFORMATION;

C_ASSERT(sizeof(WDF_USB_DEVICE_INFORMATION) == 20);

FORCEINLINE VOID WDF_USB_DEVICE_INFORMATION_INIT(PWDF_USB_DEVICE_INFORMATION Udi)
{
    RtlZeroMemory(Udi, sizeof(WDF_USB_DEVICE_INFORMATION));
    Udi->Size = sizeof(WDF_USB_DEVICE_INFORMATION);
}

typedef struct _WDF_USB_INTERFACE_SETTING_PAIR {
    WDFUSBINTERFACE UsbInterface;
    UCHAR SettingIndex;
} WDF_USB_INTERFACE_SETTING_PAIR, *PWDF_USB_INTERFACE_SETTING_PAIR;

typedef struct _WDF_USB_DEVICE_SELECT_CONFIG_PARAMS {
    ULONG Size;
    WdfUsbTargetDeviceSelectConfigType Type;
    union {
        struct {
            PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor;
            PUSB_INTERFACE_DESCRIPTOR *InterfaceDescriptors;
            ULONG NumInterfaceDescriptors;
        } Descriptor;
        struct {
            PURB Urb;
        } Urb;
        struct {
            UCHAR NumberConfiguredPipes;
            WDFUSBINTERFACE ConfiguredUsbInterface;
        } SingleInterface;
        struct {
            UCHAR NumberInterfaces;
            PWDF_USB_INTERFACE_SETTING_PAIR Pairs;
            UCHAR NumberOfConfiguredInterfaces;
        } MultiInterface;
    } Types;
} WDF_USB_DEVICE_SELECT_CONFIG_PARAMS, *PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS;

C_ASSERT(FIELD_OFFSET(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS, Types) == 8);
C_ASSERT(sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS) == 32);

FORCEINLINE VOID WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_SINGLE_INTERFACE(
    PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS));
    Params->Size = sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
    Params->Type = WdfUsbTargetDeviceSelectConfigTypeSingleInterface;
}

/* With setting pairs: those settings; without: setting 0 of every interface. */
FORCEINLINE VOID WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_MULTIPLE_INTERFACES(
    PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params, UCHAR NumberInterfaces,
    PWDF_USB_INTERFACE_SETTING_PAIR SettingPairs)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS));
    Params->Size = sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
    if (SettingPairs != NULL && NumberInterfaces != 0) {
        Params->Type = WdfUsbTargetDeviceSelectConfigTypeInterfacesPairs;
        Params->Types.MultiInterface.NumberInterfaces = NumberInterfaces;
        Params->Types.MultiInterface.Pairs = SettingPairs;
    } else {
        Params->Type = WdfUsbTargetDeviceSelectConfigTypeMultiInterface;
    }
}

FORCEINLINE VOID WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_INTERFACES_DESCRIPTORS(
    PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params, PUSB_CONFIGURATION_DESCRIPTOR ConfigDescriptor,
    PUSB_INTERFACE_DESCRIPTOR *InterfaceDescriptors, ULONG NumInterfaceDescriptors)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS));
    Params->Size = sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
    Params->Type = WdfUsbTargetDeviceSelectConfigTypeInterfacesDescriptor;
    Params->Types.Descriptor.ConfigurationDescriptor = ConfigDescriptor;
    Params->Types.Descriptor.InterfaceDescriptors = InterfaceDescriptors;
    Params->Types.Descriptor.NumInterfaceDescriptors = NumInterfaceDescriptors;
}

FORCEINLINE VOID
WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_URB(PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params, PURB Urb)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS));
    Params->Size = sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
    Params->Type = WdfUsbTargetDeviceSelectConfigTypeUrb;
    Params->Types.Urb.Urb = Urb;
}

FORCEINLINE VOID
WDF_USB_DEVICE_SELECT_CONFIG_PARAMS_INIT_DECONFIG(PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS));
    Params->Size = sizeof(WDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
    Params->Type = WdfUsbTargetDeviceSelectConfigTypeDeconfig;
}

typedef struct _WDF_USB_INTERFACE_SELECT_SETTING_PARAMS {
    ULONG Size;
    WdfUsbTargetDeviceSelectSettingType Type;
    union {
        struct {
            PUSB_INTERFACE_DESCRIPTOR InterfaceDescriptor;
        } Descriptor;
        struct {
            UCHAR SettingIndex;
        } Interface;
        struct {
            PURB Urb;
        } Urb;
    } Types;
} WDF_USB_INTERFACE_SELECT_SETTING_PARAMS, *PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS;

C_ASSERT(sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS) == 16);

FORCEINLINE VOID WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_DESCRIPTOR(
    PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS Params, PUSB_INTERFACE_DESCRIPTOR Interface)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS));
    Params->Size = sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS);
    Params->Type = WdfUsbInterfaceSelectSettingTypeDescriptor;
    Params->Types.Descriptor.InterfaceDescriptor = Interface;
}

FORCEINLINE VOID WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_URB(
    PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS Params, PURB Urb)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS));
    Params->Size = sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS);
    Params->Type = WdfUsbInterfaceSelectSettingTypeUrb;
    Params->Types.Urb.Urb = Urb;
}

FORCEINLINE VOID WDF_USB_INTERFACE_SELECT_SETTING_PARAMS_INIT_SETTING(
    PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS Params, UCHAR SettingIndex)
{
    RtlZeroMemory(Params, sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS));
    Params->Size = sizeof(WDF_USB_INTERFACE_SELECT_SETTING_PARAMS);
    Params->Type = WdfUsbInterfaceSelectSettingTypeSetting;
    Params->Types.Interface.SettingIndex = SettingIndex;
}

typedef struct _WDF_USB_PIPE_INFORMATION {
    ULONG Size;
    ULONG MaximumPacketSize;
    UCHAR EndpointAddress;
    UCHAR Interval;
    UCHAR SettingIndex;
    WDF_USB_PIPE_TYPE PipeType;
    ULONG MaximumTransferSize;
} WDF_USB_PIPE_INFORMATION, *PWDF_USB_PIPE_INFORMATION;

C_ASSERT(FIELD_OFFSET(WDF_USB_PIPE_INFORMATION, PipeType) == 12);
C_ASSERT(sizeof(WDF_USB_PIPE_INFORMATION) == 20);

FORCEINLINE VOID WDF_USB_PIPE_INFORMATION_INIT(PWDF_USB_PIPE_INFORMATION Info)
{
    RtlZeroMemory(Info, sizeof(WDF_USB_PIPE_INFORMATION));
    Info->Size = sizeof(WDF_USB_PIPE_INFORMATION);
}

FORCEINLINE BOOLEAN WDF_USB_PIPE_DIRECTION_IN(UCHAR EndpointAddress)
{
    return (EndpointAddress & USB_ENDPOINT_DIRECTION_MASK) ? TRUE : FALSE;
}

FORCEINLINE BOOLEAN WDF_USB_PIPE_DIRECTION_OUT(UCHAR EndpointAddress)
{
    return (EndpointAddress & USB_ENDPOINT_DIRECTION_MASK) ? FALSE : TRUE;
}

#if KMDF_VERSION_MINOR >= 11
typedef struct _WDF_USB_DEVICE_CREATE_CONFIG {
    ULONG Size;
    ULONG USBDClientContractVersion;
} WDF_USB_DEVICE_CREATE_CONFIG, *PWDF_USB_DEVICE_CREATE_CONFIG;

FORCEINLINE VOID WDF_USB_DEVICE_CREATE_CONFIG_INIT(PWDF_USB_DEVICE_CREATE_CONFIG Config,
                                                   ULONG USBDClientContractVersion)
{
    RtlZeroMemory(Config, sizeof(WDF_USB_DEVICE_CREATE_CONFIG));
    Config->Size = sizeof(WDF_USB_DEVICE_CREATE_CONFIG);
    Config->USBDClientContractVersion = USBDClientContractVersion;
}
#endif

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICECREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                 PWDF_OBJECT_ATTRIBUTES, WDFUSBDEVICE *);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES Attributes,
                                              WDFUSBDEVICE *UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICECREATE)WdfFunctions[WdfUsbTargetDeviceCreateTableIndex])(
        WdfDriverGlobals, Device, Attributes, UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICERETRIEVEINFORMATION)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                              PWDF_USB_DEVICE_INFORMATION);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceRetrieveInformation(WDFUSBDEVICE UsbDevice,
                                                           PWDF_USB_DEVICE_INFORMATION Information)
{
    return ((PFN_WDFUSBTARGETDEVICERETRIEVEINFORMATION)
                WdfFunctions[WdfUsbTargetDeviceRetrieveInformationTableIndex])(
        WdfDriverGlobals, UsbDevice, Information);
}

typedef VOID (*PFN_WDFUSBTARGETDEVICEGETDEVICEDESCRIPTOR)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                          PUSB_DEVICE_DESCRIPTOR);
FORCEINLINE VOID WdfUsbTargetDeviceGetDeviceDescriptor(WDFUSBDEVICE UsbDevice,
                                                       PUSB_DEVICE_DESCRIPTOR UsbDeviceDescriptor)
{
    ((PFN_WDFUSBTARGETDEVICEGETDEVICEDESCRIPTOR)
         WdfFunctions[WdfUsbTargetDeviceGetDeviceDescriptorTableIndex])(WdfDriverGlobals, UsbDevice,
                                                                        UsbDeviceDescriptor);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICERETRIEVECONFIGDESCRIPTOR)(PWDF_DRIVER_GLOBALS,
                                                                   WDFUSBDEVICE, PVOID, PUSHORT);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceRetrieveConfigDescriptor(WDFUSBDEVICE UsbDevice,
                                                                PVOID ConfigDescriptor,
                                                                PUSHORT ConfigDescriptorLength)
{
    return ((PFN_WDFUSBTARGETDEVICERETRIEVECONFIGDESCRIPTOR)
                WdfFunctions[WdfUsbTargetDeviceRetrieveConfigDescriptorTableIndex])(
        WdfDriverGlobals, UsbDevice, ConfigDescriptor, ConfigDescriptorLength);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEQUERYSTRING)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE, WDFREQUEST,
                                                      PWDF_REQUEST_SEND_OPTIONS, PUSHORT, PUSHORT,
                                                      UCHAR, USHORT);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceQueryString(WDFUSBDEVICE UsbDevice, WDFREQUEST Request,
                                                   PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                   PUSHORT String, PUSHORT NumCharacters,
                                                   UCHAR StringIndex, USHORT LangID)
{
    return (
        (PFN_WDFUSBTARGETDEVICEQUERYSTRING)WdfFunctions[WdfUsbTargetDeviceQueryStringTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, RequestOptions, String, NumCharacters, StringIndex,
        LangID);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEALLOCANDQUERYSTRING)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                              PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *,
                                                              PUSHORT, UCHAR, USHORT);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceAllocAndQueryString(
    WDFUSBDEVICE UsbDevice, PWDF_OBJECT_ATTRIBUTES StringMemoryAttributes, WDFMEMORY *StringMemory,
    PUSHORT NumCharacters, UCHAR StringIndex, USHORT LangID)
{
    return ((PFN_WDFUSBTARGETDEVICEALLOCANDQUERYSTRING)
                WdfFunctions[WdfUsbTargetDeviceAllocAndQueryStringTableIndex])(
        WdfDriverGlobals, UsbDevice, StringMemoryAttributes, StringMemory, NumCharacters,
        StringIndex, LangID);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORSTRING)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                                 WDFREQUEST, WDFMEMORY,
                                                                 PWDFMEMORY_OFFSET, UCHAR, USHORT);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceFormatRequestForString(WDFUSBDEVICE UsbDevice,
                                                              WDFREQUEST Request, WDFMEMORY Memory,
                                                              PWDFMEMORY_OFFSET Offset,
                                                              UCHAR StringIndex, USHORT LangID)
{
    return ((PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORSTRING)
                WdfFunctions[WdfUsbTargetDeviceFormatRequestForStringTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, Memory, Offset, StringIndex, LangID);
}

typedef UCHAR (*PFN_WDFUSBTARGETDEVICEGETNUMINTERFACES)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE);
FORCEINLINE UCHAR WdfUsbTargetDeviceGetNumInterfaces(WDFUSBDEVICE UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICEGETNUMINTERFACES)
                WdfFunctions[WdfUsbTargetDeviceGetNumInterfacesTableIndex])(WdfDriverGlobals,
                                                                            UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICESELECTCONFIG)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                       PWDF_OBJECT_ATTRIBUTES,
                                                       PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceSelectConfig(WDFUSBDEVICE UsbDevice,
                                                    PWDF_OBJECT_ATTRIBUTES PipeAttributes,
                                                    PWDF_USB_DEVICE_SELECT_CONFIG_PARAMS Params)
{
    return (
        (PFN_WDFUSBTARGETDEVICESELECTCONFIG)WdfFunctions[WdfUsbTargetDeviceSelectConfigTableIndex])(
        WdfDriverGlobals, UsbDevice, PipeAttributes, Params);
}

typedef USBD_CONFIGURATION_HANDLE (*PFN_WDFUSBTARGETDEVICEWDMGETCONFIGURATIONHANDLE)(
    PWDF_DRIVER_GLOBALS, WDFUSBDEVICE);
FORCEINLINE USBD_CONFIGURATION_HANDLE
WdfUsbTargetDeviceWdmGetConfigurationHandle(WDFUSBDEVICE UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICEWDMGETCONFIGURATIONHANDLE)
                WdfFunctions[WdfUsbTargetDeviceWdmGetConfigurationHandleTableIndex])(
        WdfDriverGlobals, UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICERETRIEVECURRENTFRAMENUMBER)(PWDF_DRIVER_GLOBALS,
                                                                     WDFUSBDEVICE, PULONG);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceRetrieveCurrentFrameNumber(WDFUSBDEVICE UsbDevice,
                                                                  PULONG CurrentFrameNumber)
{
    return ((PFN_WDFUSBTARGETDEVICERETRIEVECURRENTFRAMENUMBER)
                WdfFunctions[WdfUsbTargetDeviceRetrieveCurrentFrameNumberTableIndex])(
        WdfDriverGlobals, UsbDevice, CurrentFrameNumber);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICESENDCONTROLTRANSFERSYNCHRONOUSLY)(
    PWDF_DRIVER_GLOBALS, WDFUSBDEVICE, WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS,
    PWDF_USB_CONTROL_SETUP_PACKET, PWDF_MEMORY_DESCRIPTOR, PULONG);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceSendControlTransferSynchronously(
    WDFUSBDEVICE UsbDevice, WDFREQUEST Request, PWDF_REQUEST_SEND_OPTIONS RequestOptions,
    PWDF_USB_CONTROL_SETUP_PACKET SetupPacket, PWDF_MEMORY_DESCRIPTOR MemoryDescriptor,
    PULONG BytesTransferred)
{
    return ((PFN_WDFUSBTARGETDEVICESENDCONTROLTRANSFERSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetDeviceSendControlTransferSynchronouslyTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, RequestOptions, SetupPacket, MemoryDescriptor,
        BytesTransferred);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCONTROLTRANSFER)(
    PWDF_DRIVER_GLOBALS, WDFUSBDEVICE, WDFREQUEST, PWDF_USB_CONTROL_SETUP_PACKET, WDFMEMORY,
    PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceFormatRequestForControlTransfer(
    WDFUSBDEVICE UsbDevice, WDFREQUEST Request, PWDF_USB_CONTROL_SETUP_PACKET SetupPacket,
    WDFMEMORY TransferMemory, PWDFMEMORY_OFFSET TransferOffset)
{
    return ((PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCONTROLTRANSFER)
                WdfFunctions[WdfUsbTargetDeviceFormatRequestForControlTransferTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, SetupPacket, TransferMemory, TransferOffset);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEISCONNECTEDSYNCHRONOUS)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceIsConnectedSynchronous(WDFUSBDEVICE UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICEISCONNECTEDSYNCHRONOUS)
                WdfFunctions[WdfUsbTargetDeviceIsConnectedSynchronousTableIndex])(WdfDriverGlobals,
                                                                                  UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICERESETPORTSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceResetPortSynchronously(WDFUSBDEVICE UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICERESETPORTSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetDeviceResetPortSynchronouslyTableIndex])(WdfDriverGlobals,
                                                                                  UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICECYCLEPORTSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceCyclePortSynchronously(WDFUSBDEVICE UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICECYCLEPORTSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetDeviceCyclePortSynchronouslyTableIndex])(WdfDriverGlobals,
                                                                                  UsbDevice);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCYCLEPORT)(PWDF_DRIVER_GLOBALS,
                                                                    WDFUSBDEVICE, WDFREQUEST);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceFormatRequestForCyclePort(WDFUSBDEVICE UsbDevice,
                                                                 WDFREQUEST Request)
{
    return ((PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORCYCLEPORT)
                WdfFunctions[WdfUsbTargetDeviceFormatRequestForCyclePortTableIndex])(
        WdfDriverGlobals, UsbDevice, Request);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICESENDURBSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                               WDFREQUEST,
                                                               PWDF_REQUEST_SEND_OPTIONS, PURB);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceSendUrbSynchronously(
    WDFUSBDEVICE UsbDevice, WDFREQUEST Request, PWDF_REQUEST_SEND_OPTIONS RequestOptions, PURB Urb)
{
    return ((PFN_WDFUSBTARGETDEVICESENDURBSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetDeviceSendUrbSynchronouslyTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, RequestOptions, Urb);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORURB)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                              WDFREQUEST, WDFMEMORY,
                                                              PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceFormatRequestForUrb(WDFUSBDEVICE UsbDevice,
                                                           WDFREQUEST Request, WDFMEMORY UrbMemory,
                                                           PWDFMEMORY_OFFSET UrbMemoryOffset)
{
    return ((PFN_WDFUSBTARGETDEVICEFORMATREQUESTFORURB)
                WdfFunctions[WdfUsbTargetDeviceFormatRequestForUrbTableIndex])(
        WdfDriverGlobals, UsbDevice, Request, UrbMemory, UrbMemoryOffset);
}

typedef VOID (*PFN_WDFUSBTARGETPIPEGETINFORMATION)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                   PWDF_USB_PIPE_INFORMATION);
FORCEINLINE VOID WdfUsbTargetPipeGetInformation(WDFUSBPIPE Pipe,
                                                PWDF_USB_PIPE_INFORMATION PipeInformation)
{
    ((PFN_WDFUSBTARGETPIPEGETINFORMATION)WdfFunctions[WdfUsbTargetPipeGetInformationTableIndex])(
        WdfDriverGlobals, Pipe, PipeInformation);
}

typedef BOOLEAN (*PFN_WDFUSBTARGETPIPEISINENDPOINT)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE);
FORCEINLINE BOOLEAN WdfUsbTargetPipeIsInEndpoint(WDFUSBPIPE Pipe)
{
    return ((PFN_WDFUSBTARGETPIPEISINENDPOINT)WdfFunctions[WdfUsbTargetPipeIsInEndpointTableIndex])(
        WdfDriverGlobals, Pipe);
}

typedef BOOLEAN (*PFN_WDFUSBTARGETPIPEISOUTENDPOINT)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE);
FORCEINLINE BOOLEAN WdfUsbTargetPipeIsOutEndpoint(WDFUSBPIPE Pipe)
{
    return (
        (PFN_WDFUSBTARGETPIPEISOUTENDPOINT)WdfFunctions[WdfUsbTargetPipeIsOutEndpointTableIndex])(
        WdfDriverGlobals, Pipe);
}

typedef WDF_USB_PIPE_TYPE (*PFN_WDFUSBTARGETPIPEGETTYPE)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE);
FORCEINLINE WDF_USB_PIPE_TYPE WdfUsbTargetPipeGetType(WDFUSBPIPE Pipe)
{
    return ((PFN_WDFUSBTARGETPIPEGETTYPE)WdfFunctions[WdfUsbTargetPipeGetTypeTableIndex])(
        WdfDriverGlobals, Pipe);
}

typedef VOID (*PFN_WDFUSBTARGETPIPESETNOMAXIMUMPACKETSIZECHECK)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE);
FORCEINLINE VOID WdfUsbTargetPipeSetNoMaximumPacketSizeCheck(WDFUSBPIPE Pipe)
{
    ((PFN_WDFUSBTARGETPIPESETNOMAXIMUMPACKETSIZECHECK)
         WdfFunctions[WdfUsbTargetPipeSetNoMaximumPacketSizeCheckTableIndex])(WdfDriverGlobals,
                                                                              Pipe);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEWRITESYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                           WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS,
                                                           PWDF_MEMORY_DESCRIPTOR, PULONG);
FORCEINLINE NTSTATUS WdfUsbTargetPipeWriteSynchronously(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                        PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                        PWDF_MEMORY_DESCRIPTOR MemoryDescriptor,
                                                        PULONG BytesWritten)
{
    return ((PFN_WDFUSBTARGETPIPEWRITESYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetPipeWriteSynchronouslyTableIndex])(
        WdfDriverGlobals, Pipe, Request, RequestOptions, MemoryDescriptor, BytesWritten);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEFORMATREQUESTFORWRITE)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                              WDFREQUEST, WDFMEMORY,
                                                              PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfUsbTargetPipeFormatRequestForWrite(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                           WDFMEMORY WriteMemory,
                                                           PWDFMEMORY_OFFSET WriteOffset)
{
    return ((PFN_WDFUSBTARGETPIPEFORMATREQUESTFORWRITE)
                WdfFunctions[WdfUsbTargetPipeFormatRequestForWriteTableIndex])(
        WdfDriverGlobals, Pipe, Request, WriteMemory, WriteOffset);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEREADSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                          WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS,
                                                          PWDF_MEMORY_DESCRIPTOR, PULONG);
FORCEINLINE NTSTATUS WdfUsbTargetPipeReadSynchronously(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                       PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                       PWDF_MEMORY_DESCRIPTOR MemoryDescriptor,
                                                       PULONG BytesRead)
{
    return ((PFN_WDFUSBTARGETPIPEREADSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetPipeReadSynchronouslyTableIndex])(
        WdfDriverGlobals, Pipe, Request, RequestOptions, MemoryDescriptor, BytesRead);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEFORMATREQUESTFORREAD)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                             WDFREQUEST, WDFMEMORY,
                                                             PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfUsbTargetPipeFormatRequestForRead(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                          WDFMEMORY ReadMemory,
                                                          PWDFMEMORY_OFFSET ReadOffset)
{
    return ((PFN_WDFUSBTARGETPIPEFORMATREQUESTFORREAD)
                WdfFunctions[WdfUsbTargetPipeFormatRequestForReadTableIndex])(
        WdfDriverGlobals, Pipe, Request, ReadMemory, ReadOffset);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPECONFIGCONTINUOUSREADER)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                               PWDF_USB_CONTINUOUS_READER_CONFIG);
FORCEINLINE NTSTATUS
WdfUsbTargetPipeConfigContinuousReader(WDFUSBPIPE Pipe, PWDF_USB_CONTINUOUS_READER_CONFIG Config)
{
    return ((PFN_WDFUSBTARGETPIPECONFIGCONTINUOUSREADER)
                WdfFunctions[WdfUsbTargetPipeConfigContinuousReaderTableIndex])(WdfDriverGlobals,
                                                                                Pipe, Config);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEABORTSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                           WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS);
FORCEINLINE NTSTATUS WdfUsbTargetPipeAbortSynchronously(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                        PWDF_REQUEST_SEND_OPTIONS RequestOptions)
{
    return ((PFN_WDFUSBTARGETPIPEABORTSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetPipeAbortSynchronouslyTableIndex])(
        WdfDriverGlobals, Pipe, Request, RequestOptions);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEFORMATREQUESTFORABORT)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                              WDFREQUEST);
FORCEINLINE NTSTATUS WdfUsbTargetPipeFormatRequestForAbort(WDFUSBPIPE Pipe, WDFREQUEST Request)
{
    return ((PFN_WDFUSBTARGETPIPEFORMATREQUESTFORABORT)
                WdfFunctions[WdfUsbTargetPipeFormatRequestForAbortTableIndex])(WdfDriverGlobals,
                                                                               Pipe, Request);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPERESETSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                           WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS);
FORCEINLINE NTSTATUS WdfUsbTargetPipeResetSynchronously(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                        PWDF_REQUEST_SEND_OPTIONS RequestOptions)
{
    return ((PFN_WDFUSBTARGETPIPERESETSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetPipeResetSynchronouslyTableIndex])(
        WdfDriverGlobals, Pipe, Request, RequestOptions);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEFORMATREQUESTFORRESET)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                              WDFREQUEST);
FORCEINLINE NTSTATUS WdfUsbTargetPipeFormatRequestForReset(WDFUSBPIPE Pipe, WDFREQUEST Request)
{
    return ((PFN_WDFUSBTARGETPIPEFORMATREQUESTFORRESET)
                WdfFunctions[WdfUsbTargetPipeFormatRequestForResetTableIndex])(WdfDriverGlobals,
                                                                               Pipe, Request);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPESENDURBSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                             WDFREQUEST, PWDF_REQUEST_SEND_OPTIONS,
                                                             PURB);
FORCEINLINE NTSTATUS WdfUsbTargetPipeSendUrbSynchronously(WDFUSBPIPE Pipe, WDFREQUEST Request,
                                                          PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                          PURB Urb)
{
    return ((PFN_WDFUSBTARGETPIPESENDURBSYNCHRONOUSLY)
                WdfFunctions[WdfUsbTargetPipeSendUrbSynchronouslyTableIndex])(
        WdfDriverGlobals, Pipe, Request, RequestOptions, Urb);
}

typedef NTSTATUS (*PFN_WDFUSBTARGETPIPEFORMATREQUESTFORURB)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE,
                                                            WDFREQUEST, WDFMEMORY,
                                                            PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfUsbTargetPipeFormatRequestForUrb(WDFUSBPIPE PIPE, WDFREQUEST Request,
                                                         WDFMEMORY UrbMemory,
                                                         PWDFMEMORY_OFFSET UrbMemoryOffset)
{
    return ((PFN_WDFUSBTARGETPIPEFORMATREQUESTFORURB)
                WdfFunctions[WdfUsbTargetPipeFormatRequestForUrbTableIndex])(
        WdfDriverGlobals, PIPE, Request, UrbMemory, UrbMemoryOffset);
}

typedef BYTE (*PFN_WDFUSBINTERFACEGETINTERFACENUMBER)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE);
FORCEINLINE BYTE WdfUsbInterfaceGetInterfaceNumber(WDFUSBINTERFACE UsbInterface)
{
    return ((PFN_WDFUSBINTERFACEGETINTERFACENUMBER)
                WdfFunctions[WdfUsbInterfaceGetInterfaceNumberTableIndex])(WdfDriverGlobals,
                                                                           UsbInterface);
}

typedef BYTE (*PFN_WDFUSBINTERFACEGETNUMENDPOINTS)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE, UCHAR);
FORCEINLINE BYTE WdfUsbInterfaceGetNumEndpoints(WDFUSBINTERFACE UsbInterface, UCHAR SettingIndex)
{
    return (
        (PFN_WDFUSBINTERFACEGETNUMENDPOINTS)WdfFunctions[WdfUsbInterfaceGetNumEndpointsTableIndex])(
        WdfDriverGlobals, UsbInterface, SettingIndex);
}

typedef VOID (*PFN_WDFUSBINTERFACEGETDESCRIPTOR)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE, UCHAR,
                                                 PUSB_INTERFACE_DESCRIPTOR);
FORCEINLINE VOID WdfUsbInterfaceGetDescriptor(WDFUSBINTERFACE UsbInterface, UCHAR SettingIndex,
                                              PUSB_INTERFACE_DESCRIPTOR InterfaceDescriptor)
{
    ((PFN_WDFUSBINTERFACEGETDESCRIPTOR)WdfFunctions[WdfUsbInterfaceGetDescriptorTableIndex])(
        WdfDriverGlobals, UsbInterface, SettingIndex, InterfaceDescriptor);
}

typedef BYTE (*PFN_WDFUSBINTERFACEGETNUMSETTINGS)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE);
FORCEINLINE BYTE WdfUsbInterfaceGetNumSettings(WDFUSBINTERFACE UsbInterface)
{
    return (
        (PFN_WDFUSBINTERFACEGETNUMSETTINGS)WdfFunctions[WdfUsbInterfaceGetNumSettingsTableIndex])(
        WdfDriverGlobals, UsbInterface);
}

typedef NTSTATUS (*PFN_WDFUSBINTERFACESELECTSETTING)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE,
                                                     PWDF_OBJECT_ATTRIBUTES,
                                                     PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS);
FORCEINLINE NTSTATUS WdfUsbInterfaceSelectSetting(WDFUSBINTERFACE UsbInterface,
                                                  PWDF_OBJECT_ATTRIBUTES PipesAttributes,
                                                  PWDF_USB_INTERFACE_SELECT_SETTING_PARAMS Params)
{
    return ((PFN_WDFUSBINTERFACESELECTSETTING)WdfFunctions[WdfUsbInterfaceSelectSettingTableIndex])(
        WdfDriverGlobals, UsbInterface, PipesAttributes, Params);
}

typedef VOID (*PFN_WDFUSBINTERFACEGETENDPOINTINFORMATION)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE,
                                                          UCHAR, UCHAR, PWDF_USB_PIPE_INFORMATION);
FORCEINLINE VOID WdfUsbInterfaceGetEndpointInformation(WDFUSBINTERFACE UsbInterface,
                                                       UCHAR SettingIndex, UCHAR EndpointIndex,
                                                       PWDF_USB_PIPE_INFORMATION EndpointInfo)
{
    ((PFN_WDFUSBINTERFACEGETENDPOINTINFORMATION)
         WdfFunctions[WdfUsbInterfaceGetEndpointInformationTableIndex])(
        WdfDriverGlobals, UsbInterface, SettingIndex, EndpointIndex, EndpointInfo);
}

typedef WDFUSBINTERFACE (*PFN_WDFUSBTARGETDEVICEGETINTERFACE)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                              UCHAR);
FORCEINLINE WDFUSBINTERFACE WdfUsbTargetDeviceGetInterface(WDFUSBDEVICE UsbDevice,
                                                           UCHAR InterfaceIndex)
{
    return (
        (PFN_WDFUSBTARGETDEVICEGETINTERFACE)WdfFunctions[WdfUsbTargetDeviceGetInterfaceTableIndex])(
        WdfDriverGlobals, UsbDevice, InterfaceIndex);
}

typedef BYTE (*PFN_WDFUSBINTERFACEGETCONFIGUREDSETTINGINDEX)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE);
FORCEINLINE BYTE WdfUsbInterfaceGetConfiguredSettingIndex(WDFUSBINTERFACE Interface)
{
    return ((PFN_WDFUSBINTERFACEGETCONFIGUREDSETTINGINDEX)
                WdfFunctions[WdfUsbInterfaceGetConfiguredSettingIndexTableIndex])(WdfDriverGlobals,
                                                                                  Interface);
}

typedef BYTE (*PFN_WDFUSBINTERFACEGETNUMCONFIGUREDPIPES)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE);
FORCEINLINE BYTE WdfUsbInterfaceGetNumConfiguredPipes(WDFUSBINTERFACE UsbInterface)
{
    return ((PFN_WDFUSBINTERFACEGETNUMCONFIGUREDPIPES)
                WdfFunctions[WdfUsbInterfaceGetNumConfiguredPipesTableIndex])(WdfDriverGlobals,
                                                                              UsbInterface);
}

typedef WDFUSBPIPE (*PFN_WDFUSBINTERFACEGETCONFIGUREDPIPE)(PWDF_DRIVER_GLOBALS, WDFUSBINTERFACE,
                                                           UCHAR, PWDF_USB_PIPE_INFORMATION);
FORCEINLINE WDFUSBPIPE WdfUsbInterfaceGetConfiguredPipe(WDFUSBINTERFACE UsbInterface,
                                                        UCHAR PipeIndex,
                                                        PWDF_USB_PIPE_INFORMATION PipeInfo)
{
    return ((PFN_WDFUSBINTERFACEGETCONFIGUREDPIPE)
                WdfFunctions[WdfUsbInterfaceGetConfiguredPipeTableIndex])(
        WdfDriverGlobals, UsbInterface, PipeIndex, PipeInfo);
}

typedef USBD_PIPE_HANDLE (*PFN_WDFUSBTARGETPIPEWDMGETPIPEHANDLE)(PWDF_DRIVER_GLOBALS, WDFUSBPIPE);
FORCEINLINE USBD_PIPE_HANDLE WdfUsbTargetPipeWdmGetPipeHandle(WDFUSBPIPE UsbPipe)
{
    return ((PFN_WDFUSBTARGETPIPEWDMGETPIPEHANDLE)
                WdfFunctions[WdfUsbTargetPipeWdmGetPipeHandleTableIndex])(WdfDriverGlobals,
                                                                          UsbPipe);
}

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICECREATEWITHPARAMETERS)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                               PWDF_USB_DEVICE_CREATE_CONFIG,
                                                               PWDF_OBJECT_ATTRIBUTES,
                                                               WDFUSBDEVICE *);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceCreateWithParameters(WDFDEVICE Device,
                                                            PWDF_USB_DEVICE_CREATE_CONFIG Config,
                                                            PWDF_OBJECT_ATTRIBUTES Attributes,
                                                            WDFUSBDEVICE *UsbDevice)
{
    return ((PFN_WDFUSBTARGETDEVICECREATEWITHPARAMETERS)
                WdfFunctions[WdfUsbTargetDeviceCreateWithParametersTableIndex])(
        WdfDriverGlobals, Device, Config, Attributes, UsbDevice);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICEQUERYUSBCAPABILITY)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                             CONST GUID *, ULONG, PVOID, PULONG);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceQueryUsbCapability(WDFUSBDEVICE UsbDevice,
                                                          CONST GUID *CapabilityType,
                                                          ULONG CapabilityBufferLength,
                                                          PVOID CapabilityBuffer,
                                                          PULONG ResultLength)
{
    return ((PFN_WDFUSBTARGETDEVICEQUERYUSBCAPABILITY)
                WdfFunctions[WdfUsbTargetDeviceQueryUsbCapabilityTableIndex])(
        WdfDriverGlobals, UsbDevice, CapabilityType, CapabilityBufferLength, CapabilityBuffer,
        ResultLength);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICECREATEURB)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                    PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *, PURB *);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceCreateUrb(WDFUSBDEVICE UsbDevice,
                                                 PWDF_OBJECT_ATTRIBUTES Attributes,
                                                 WDFMEMORY *UrbMemory, PURB *Urb)
{
    return ((PFN_WDFUSBTARGETDEVICECREATEURB)WdfFunctions[WdfUsbTargetDeviceCreateUrbTableIndex])(
        WdfDriverGlobals, UsbDevice, Attributes, UrbMemory, Urb);
}
#endif

#if KMDF_VERSION_MINOR >= 11
typedef NTSTATUS (*PFN_WDFUSBTARGETDEVICECREATEISOCHURB)(PWDF_DRIVER_GLOBALS, WDFUSBDEVICE,
                                                         PWDF_OBJECT_ATTRIBUTES, ULONG, WDFMEMORY *,
                                                         PURB *);
FORCEINLINE NTSTATUS WdfUsbTargetDeviceCreateIsochUrb(WDFUSBDEVICE UsbDevice,
                                                      PWDF_OBJECT_ATTRIBUTES Attributes,
                                                      ULONG NumberOfIsochPackets,
                                                      WDFMEMORY *UrbMemory, PURB *Urb)
{
    return ((PFN_WDFUSBTARGETDEVICECREATEISOCHURB)
                WdfFunctions[WdfUsbTargetDeviceCreateIsochUrbTableIndex])(
        WdfDriverGlobals, UsbDevice, Attributes, NumberOfIsochPackets, UrbMemory, Urb);
}
#endif

#endif
