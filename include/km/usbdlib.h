/*
 * usbdlib.h - the USBD library of a USB client driver: the UsbBuildXxxRequest macros that fill
 * URBs, the size macros, and the USBD_ routines. drvhost has no USB stack: the routines that
 * only parse descriptors are implemented (usbd.c); those that need the USB driver stack
 * (USBD_CreateHandle, USBD_QueryUsbCapability, the URB allocators) are not provided, so a
 * driver using them fails to build with a message naming the routine. Pinned by tests/devclass.
 */
#ifndef __USBDLIB_H__
#define __USBDLIB_H__

#include <usbdi.h>
#include <wdm.h>

typedef struct _USBD_INTERFACE_LIST_ENTRY {
    PUSB_INTERFACE_DESCRIPTOR InterfaceDescriptor;
    PUSBD_INTERFACE_INFORMATION Interface;
} USBD_INTERFACE_LIST_ENTRY, *PUSBD_INTERFACE_LIST_ENTRY;

typedef struct USBD_HANDLE__ *USBD_HANDLE;

#define GET_SELECT_CONFIGURATION_REQUEST_SIZE(totalInterfaces, totalPipes)                         \
    (sizeof(struct _URB_SELECT_CONFIGURATION) +                                                    \
     ((totalInterfaces)-1) * sizeof(USBD_INTERFACE_INFORMATION) +                                  \
     ((totalPipes) - (totalInterfaces)) * sizeof(USBD_PIPE_INFORMATION))
#define GET_SELECT_INTERFACE_REQUEST_SIZE(totalPipes)                                              \
    (sizeof(struct _URB_SELECT_INTERFACE) + ((totalPipes)-1) * sizeof(USBD_PIPE_INFORMATION))
#define GET_USBD_INTERFACE_SIZE(numEndpoints)                                                      \
    (sizeof(USBD_INTERFACE_INFORMATION) + sizeof(USBD_PIPE_INFORMATION) * (numEndpoints) -         \
     sizeof(USBD_PIPE_INFORMATION))
#define GET_ISO_URB_SIZE(n)                                                                        \
    (sizeof(struct _URB_ISOCH_TRANSFER) + sizeof(USBD_ISO_PACKET_DESCRIPTOR) * (n))

#define UsbBuildInterruptOrBulkTransferRequest(urb, length, pipeHandle, transferBuffer,            \
                                               transferBufferMDL, transferBufferLength,            \
                                               transferFlags, link)                                \
    do {                                                                                           \
        (urb)->UrbHeader.Function = URB_FUNCTION_BULK_OR_INTERRUPT_TRANSFER;                       \
        (urb)->UrbHeader.Length = (length);                                                        \
        (urb)->UrbBulkOrInterruptTransfer.PipeHandle = (pipeHandle);                               \
        (urb)->UrbBulkOrInterruptTransfer.TransferBufferLength = (transferBufferLength);           \
        (urb)->UrbBulkOrInterruptTransfer.TransferBufferMDL = (transferBufferMDL);                 \
        (urb)->UrbBulkOrInterruptTransfer.TransferBuffer = (transferBuffer);                       \
        (urb)->UrbBulkOrInterruptTransfer.TransferFlags = (transferFlags);                         \
        (urb)->UrbBulkOrInterruptTransfer.UrbLink = (link);                                        \
    } while (0)

#define UsbBuildGetDescriptorRequest(urb, length, descriptorType, descriptorIndex, languageId,     \
                                     transferBuffer, transferBufferMDL, transferBufferLength,      \
                                     link)                                                         \
    do {                                                                                           \
        (urb)->UrbHeader.Function = URB_FUNCTION_GET_DESCRIPTOR_FROM_DEVICE;                       \
        (urb)->UrbHeader.Length = (length);                                                        \
        (urb)->UrbControlDescriptorRequest.TransferBufferLength = (transferBufferLength);          \
        (urb)->UrbControlDescriptorRequest.TransferBufferMDL = (transferBufferMDL);                \
        (urb)->UrbControlDescriptorRequest.TransferBuffer = (transferBuffer);                      \
        (urb)->UrbControlDescriptorRequest.DescriptorType = (descriptorType);                      \
        (urb)->UrbControlDescriptorRequest.Index = (descriptorIndex);                              \
        (urb)->UrbControlDescriptorRequest.LanguageId = (languageId);                              \
        (urb)->UrbControlDescriptorRequest.UrbLink = (link);                                       \
    } while (0)

#define UsbBuildGetStatusRequest(urb, op, index, transferBuffer, transferBufferMDL, link)          \
    do {                                                                                           \
        (urb)->UrbHeader.Function = (op);                                                          \
        (urb)->UrbHeader.Length = sizeof(struct _URB_CONTROL_GET_STATUS_REQUEST);                  \
        (urb)->UrbControlGetStatusRequest.TransferBufferLength = sizeof(USHORT);                   \
        (urb)->UrbControlGetStatusRequest.TransferBufferMDL = (transferBufferMDL);                 \
        (urb)->UrbControlGetStatusRequest.TransferBuffer = (transferBuffer);                       \
        (urb)->UrbControlGetStatusRequest.Index = (index);                                         \
        (urb)->UrbControlGetStatusRequest.UrbLink = (link);                                        \
    } while (0)

#define UsbBuildFeatureRequest(urb, op, featureSelector, index, link)                              \
    do {                                                                                           \
        (urb)->UrbHeader.Function = (op);                                                          \
        (urb)->UrbHeader.Length = sizeof(struct _URB_CONTROL_FEATURE_REQUEST);                     \
        (urb)->UrbControlFeatureRequest.FeatureSelector = (featureSelector);                       \
        (urb)->UrbControlFeatureRequest.Index = (index);                                           \
        (urb)->UrbControlFeatureRequest.UrbLink = (link);                                          \
    } while (0)

#define UsbBuildSelectConfigurationRequest(urb, length, configurationDescriptor)                   \
    do {                                                                                           \
        (urb)->UrbHeader.Function = URB_FUNCTION_SELECT_CONFIGURATION;                             \
        (urb)->UrbHeader.Length = (length);                                                        \
        (urb)->UrbSelectConfiguration.ConfigurationDescriptor = (configurationDescriptor);         \
    } while (0)

#define UsbBuildSelectInterfaceRequest(urb, length, configurationHandle, interfaceNumber,          \
                                       alternateSetting)                                           \
    do {                                                                                           \
        (urb)->UrbHeader.Function = URB_FUNCTION_SELECT_INTERFACE;                                 \
        (urb)->UrbHeader.Length = (length);                                                        \
        (urb)->UrbSelectInterface.Interface.AlternateSetting = (alternateSetting);                 \
        (urb)->UrbSelectInterface.Interface.InterfaceNumber = (interfaceNumber);                   \
        (urb)->UrbSelectInterface.Interface.Length =                                               \
            (USHORT)((length) - sizeof(struct _URB_HEADER) - sizeof(USBD_CONFIGURATION_HANDLE));   \
        (urb)->UrbSelectInterface.ConfigurationHandle = (configurationHandle);                     \
    } while (0)

#define UsbBuildVendorRequest(urb, cmd, length, transferFlags, reservedBits, request, value,       \
                              index, transferBuffer, transferBufferMDL, transferBufferLength,      \
                              link)                                                                \
    do {                                                                                           \
        (urb)->UrbHeader.Function = (cmd);                                                         \
        (urb)->UrbHeader.Length = (length);                                                        \
        (urb)->UrbControlVendorClassRequest.TransferBufferLength = (transferBufferLength);         \
        (urb)->UrbControlVendorClassRequest.TransferBufferMDL = (transferBufferMDL);               \
        (urb)->UrbControlVendorClassRequest.TransferBuffer = (transferBuffer);                     \
        (urb)->UrbControlVendorClassRequest.RequestTypeReservedBits = (reservedBits);              \
        (urb)->UrbControlVendorClassRequest.Request = (request);                                   \
        (urb)->UrbControlVendorClassRequest.Value = (value);                                       \
        (urb)->UrbControlVendorClassRequest.Index = (index);                                       \
        (urb)->UrbControlVendorClassRequest.TransferFlags = (transferFlags);                       \
        (urb)->UrbControlVendorClassRequest.UrbLink = (link);                                      \
    } while (0)

/* Descriptor parsing (implemented: usbd.c). */
NTKERNELAPI PUSB_COMMON_DESCRIPTOR NTAPI USBD_ParseDescriptors(PVOID DescriptorBuffer,
                                                               ULONG TotalLength,
                                                               PVOID StartPosition,
                                                               LONG DescriptorType);
NTKERNELAPI PUSB_INTERFACE_DESCRIPTOR NTAPI USBD_ParseConfigurationDescriptorEx(
    PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor, PVOID StartPosition,
    LONG InterfaceNumber, LONG AlternateSetting, LONG InterfaceClass, LONG InterfaceSubClass,
    LONG InterfaceProtocol);
NTKERNELAPI PUSB_INTERFACE_DESCRIPTOR NTAPI
USBD_ParseConfigurationDescriptor(PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor,
                                  UCHAR InterfaceNumber, UCHAR AlternateSetting);
NTKERNELAPI ULONG NTAPI USBD_GetInterfaceLength(PUSB_INTERFACE_DESCRIPTOR InterfaceDescriptor,
                                                PUCHAR BufferEnd);
NTKERNELAPI PURB NTAPI
USBD_CreateConfigurationRequestEx(PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor,
                                  PUSBD_INTERFACE_LIST_ENTRY InterfaceList);

/* whdr: USBDClientContractVersion of USBD_CreateHandle and WDF_USB_DEVICE_CREATE_CONFIG. */
#define USBD_CLIENT_CONTRACT_VERSION_INVALID 0xFFFFFFFF
#define USBD_CLIENT_CONTRACT_VERSION_602     0x602

/* The routines of the USB driver stack's client library (src/usb/usbdlib.c, docs/usb.md). */
NTKERNELAPI USBD_STATUS NTAPI
USBD_ValidateConfigurationDescriptor(PUSB_CONFIGURATION_DESCRIPTOR ConfigDesc, ULONG BufferLength,
                                     USHORT Level, PUCHAR *Offset, ULONG Tag);
NTKERNELAPI VOID NTAPI USBD_GetUSBDIVersion(PUSBD_VERSION_INFORMATION VersionInformation);
NTKERNELAPI NTSTATUS NTAPI USBD_CreateHandle(PDEVICE_OBJECT DeviceObject,
                                             PDEVICE_OBJECT TargetDeviceObject,
                                             ULONG USBDClientContractVersion, ULONG PoolTag,
                                             USBD_HANDLE *USBDHandle);
NTKERNELAPI VOID NTAPI USBD_CloseHandle(USBD_HANDLE USBDHandle);
NTKERNELAPI NTSTATUS NTAPI USBD_QueryUsbCapability(USBD_HANDLE USBDHandle,
                                                   const GUID *CapabilityType,
                                                   ULONG OutputBufferLength, PUCHAR OutputBuffer,
                                                   PULONG ResultLength);
NTKERNELAPI NTSTATUS NTAPI USBD_UrbAllocate(USBD_HANDLE USBDHandle, PURB *Urb);
NTKERNELAPI VOID NTAPI USBD_UrbFree(USBD_HANDLE USBDHandle, PURB Urb);
NTKERNELAPI NTSTATUS NTAPI USBD_SelectConfigUrbAllocateAndBuild(
    USBD_HANDLE USBDHandle, PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor,
    PUSBD_INTERFACE_LIST_ENTRY InterfaceList, PURB *Urb);
NTKERNELAPI NTSTATUS NTAPI USBD_SelectInterfaceUrbAllocateAndBuild(
    USBD_HANDLE USBDHandle, USBD_CONFIGURATION_HANDLE ConfigurationHandle,
    PUSBD_INTERFACE_LIST_ENTRY InterfaceListEntry, PURB *Urb);

/* The capabilities USBD_QueryUsbCapability and WdfUsbTargetDeviceQueryUsbCapability take (their
 * CapabilityType): Microsoft's names and values. */
DEFINE_GUID(GUID_USB_CAPABILITY_CHAINED_MDLS, 0xf5ceeb23, 0xad90, 0x458c, 0x97, 0x9a, 0xd5, 0x9b,
            0x3a, 0xd6, 0x88, 0x4f);
DEFINE_GUID(GUID_USB_CAPABILITY_STATIC_STREAMS, 0x09051e1f, 0x0dc9, 0x4e6b, 0x8b, 0x12, 0x96, 0x0c,
            0xbd, 0x81, 0xaa, 0x8f);
DEFINE_GUID(GUID_USB_CAPABILITY_SELECTIVE_SUSPEND, 0x755c630d, 0xc8a0, 0x4765, 0x94, 0x6f, 0x90,
            0xcc, 0x70, 0x38, 0x56, 0xa4);
DEFINE_GUID(GUID_USB_CAPABILITY_FUNCTION_SUSPEND, 0xf4563183, 0xd66e, 0x42bd, 0xbd, 0x53, 0x1a,
            0xc7, 0xb0, 0x4c, 0xd5, 0x9d);
DEFINE_GUID(GUID_USB_CAPABILITY_HIGH_BANDWIDTH_ISOCH, 0x9c8a8a27, 0x15f9, 0x42e3, 0xa3, 0x56, 0xcd,
            0xa6, 0xae, 0x97, 0xa8, 0xc8);
DEFINE_GUID(GUID_USB_CAPABILITY_DEVICE_CONNECTION_HIGH_SPEED_COMPATIBLE, 0x81a885a6, 0xf239, 0x42a2,
            0x83, 0x97, 0xa5, 0xd9, 0x5b, 0xea, 0x69, 0x53);
DEFINE_GUID(GUID_USB_CAPABILITY_DEVICE_CONNECTION_SUPER_SPEED_COMPATIBLE, 0x8a2f776c, 0x9bd0,
            0x4f29, 0x97, 0x71, 0xc7, 0xa3, 0x88, 0x46, 0xd4, 0xc7);

#endif
