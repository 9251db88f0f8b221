/*
 * usbdlib.c - the USB client library routines that belong to the USB driver stack
 * (usbdlib.h): validating a configuration descriptor, the USBD handle and what it allocates,
 * the version and the capabilities of drvhost's simulated bus (docs/usb.md). The routines that
 * only walk descriptors are io's (src/io/usbd.c).
 *
 * A USBD handle is the client's registration with the stack (its pool tag: the one contract
 * version there is, 602, is checked and not kept); URBs it allocates come from nonpaged pool
 * with its tag and are freed by USBD_UrbFree.
 */
#include "usb/usb_private.h"

#include <usbdlib.h>

struct USBD_HANDLE__ {
    PDEVICE_OBJECT device, target;
    ULONG tag;
};

/* The problem's offset: where the descriptor that failed starts. */
static USBD_STATUS invalid(PUCHAR at, PUCHAR *offset)
{
    if (offset != NULL)
        *offset = at;
    return USBD_STATUS_INVALID_CONFIGURATION_DESCRIPTOR;
}

/* Level 1: the header; 2: every descriptor's bLength within the buffer, interface numbers below
 * bNumInterfaces, endpoint addresses; 3: also the specification's sizes, each interface's
 * endpoint count and interface numbers in order. */
NTKERNELAPI USBD_STATUS NTAPI
USBD_ValidateConfigurationDescriptor(PUSB_CONFIGURATION_DESCRIPTOR ConfigDesc, ULONG BufferLength,
                                     USHORT Level, PUCHAR *Offset, ULONG Tag)
{
    PUCHAR base = (PUCHAR)ConfigDesc, end, at;
    PUSB_INTERFACE_DESCRIPTOR ifc = NULL;
    ULONG endpoints = 0;
    int last_number = -1;
    (void)Tag;
    if (ConfigDesc == NULL || Level < 1 || Level > 3)
        return USBD_STATUS_INVALID_PARAMETER;
    if (BufferLength < sizeof(*ConfigDesc) || ConfigDesc->bLength < sizeof(*ConfigDesc) ||
        ConfigDesc->bDescriptorType != USB_CONFIGURATION_DESCRIPTOR_TYPE ||
        ConfigDesc->wTotalLength < sizeof(*ConfigDesc) || ConfigDesc->wTotalLength > BufferLength)
        return invalid(base, Offset);
    if (Level == 1)
        return USBD_STATUS_SUCCESS;
    end = base + ConfigDesc->wTotalLength;
    for (at = base + ConfigDesc->bLength; at < end; at += at[0]) {
        if (end - at < 2 || at[0] < 2 || at[0] > end - at)
            return invalid(at, Offset);
        if (at[1] == USB_INTERFACE_DESCRIPTOR_TYPE) {
            PUSB_INTERFACE_DESCRIPTOR i = (PUSB_INTERFACE_DESCRIPTOR)at;
            if (at[0] < sizeof(*i) || (Level == 3 && at[0] != sizeof(*i)) ||
                i->bInterfaceNumber >= ConfigDesc->bNumInterfaces)
                return invalid(at, Offset);
            if (Level == 3 && ((ifc != NULL && endpoints != ifc->bNumEndpoints) ||
                               (int)i->bInterfaceNumber < last_number))
                return invalid(at, Offset);
            ifc = i;
            endpoints = 0;
            last_number = i->bInterfaceNumber;
        } else if (at[1] == USB_ENDPOINT_DESCRIPTOR_TYPE) {
            PUSB_ENDPOINT_DESCRIPTOR e = (PUSB_ENDPOINT_DESCRIPTOR)at;
            if (at[0] < sizeof(*e) || (e->bEndpointAddress & 0x70) != 0 ||
                (e->bEndpointAddress & 0x0F) == 0)
                return invalid(at, Offset);
            endpoints++;
        }
    }
    if (Level == 3 && ifc != NULL && endpoints != ifc->bNumEndpoints)
        return invalid((PUCHAR)ifc, Offset);
    return USBD_STATUS_SUCCESS;
}

/* The simulated bus: USBDI of Windows 7 and later (0x600), USB 2.0. */
NTKERNELAPI VOID NTAPI USBD_GetUSBDIVersion(PUSBD_VERSION_INFORMATION VersionInformation)
{
    if (VersionInformation == NULL)
        return;
    VersionInformation->USBDI_Version = 0x600;
    VersionInformation->Supported_USB_Version = 0x200;
}

NTKERNELAPI NTSTATUS NTAPI USBD_CreateHandle(PDEVICE_OBJECT DeviceObject,
                                             PDEVICE_OBJECT TargetDeviceObject,
                                             ULONG USBDClientContractVersion, ULONG PoolTag,
                                             USBD_HANDLE *USBDHandle)
{
    USBD_HANDLE h;
    /* Microsoft: STATUS_INVALID_LEVEL above PASSIVE_LEVEL; STATUS_INVALID_PARAMETER for a NULL
     * object or handle pointer, a contract other than USBD_CLIENT_CONTRACT_VERSION_602, or a
     * zero pool tag. */
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_LEVEL;
    if (USBDHandle == NULL || DeviceObject == NULL || TargetDeviceObject == NULL ||
        USBDClientContractVersion != USBD_CLIENT_CONTRACT_VERSION_602 || PoolTag == 0)
        return STATUS_INVALID_PARAMETER;
    *USBDHandle = NULL;
    h = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*h), PoolTag);
    if (h == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    h->device = DeviceObject;
    h->target = TargetDeviceObject;
    h->tag = PoolTag;
    *USBDHandle = h;
    return STATUS_SUCCESS;
}

NTKERNELAPI VOID NTAPI USBD_CloseHandle(USBD_HANDLE USBDHandle)
{
    if (USBDHandle != NULL)
        ExFreePool(USBDHandle);
}

/* Deviation: the simulated bus has none of the documented capabilities. */
NTKERNELAPI NTSTATUS NTAPI USBD_QueryUsbCapability(USBD_HANDLE USBDHandle,
                                                   const GUID *CapabilityType,
                                                   ULONG OutputBufferLength, PUCHAR OutputBuffer,
                                                   PULONG ResultLength)
{
    (void)OutputBufferLength;
    (void)OutputBuffer;
    if (ResultLength != NULL)
        *ResultLength = 0;
    if (USBDHandle == NULL || CapabilityType == NULL)
        return STATUS_INVALID_PARAMETER;
    return STATUS_NOT_SUPPORTED;
}

NTKERNELAPI NTSTATUS NTAPI USBD_UrbAllocate(USBD_HANDLE USBDHandle, PURB *Urb)
{
    if (USBDHandle == NULL || Urb == NULL)
        return STATUS_INVALID_PARAMETER;
    *Urb = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(URB), USBDHandle->tag);
    return *Urb != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

NTKERNELAPI VOID NTAPI USBD_UrbFree(USBD_HANDLE USBDHandle, PURB Urb)
{
    (void)USBDHandle;
    if (Urb != NULL)
        ExFreePool(Urb);
}

NTKERNELAPI NTSTATUS NTAPI USBD_SelectConfigUrbAllocateAndBuild(
    USBD_HANDLE USBDHandle, PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor,
    PUSBD_INTERFACE_LIST_ENTRY InterfaceList, PURB *Urb)
{
    if (USBDHandle == NULL || Urb == NULL || InterfaceList == NULL)
        return STATUS_INVALID_PARAMETER;
    *Urb = ConfigurationDescriptor != NULL
               ? USBD_CreateConfigurationRequestEx(ConfigurationDescriptor, InterfaceList)
               : ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(struct _URB_SELECT_CONFIGURATION),
                                 USBDHandle->tag);
    if (*Urb == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (ConfigurationDescriptor == NULL) /* the URB that unconfigures the device */
        UsbBuildSelectConfigurationRequest(*Urb, sizeof(struct _URB_SELECT_CONFIGURATION), NULL);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI USBD_SelectInterfaceUrbAllocateAndBuild(
    USBD_HANDLE USBDHandle, USBD_CONFIGURATION_HANDLE ConfigurationHandle,
    PUSBD_INTERFACE_LIST_ENTRY InterfaceListEntry, PURB *Urb)
{
    PUSB_INTERFACE_DESCRIPTOR d;
    PUSBD_INTERFACE_INFORMATION info;
    ULONG size;
    if (USBDHandle == NULL || Urb == NULL || InterfaceListEntry == NULL ||
        InterfaceListEntry->InterfaceDescriptor == NULL)
        return STATUS_INVALID_PARAMETER;
    d = InterfaceListEntry->InterfaceDescriptor;
    size = (ULONG)GET_SELECT_INTERFACE_REQUEST_SIZE(d->bNumEndpoints);
    *Urb = ExAllocatePool2(POOL_FLAG_NON_PAGED, size, USBDHandle->tag);
    if (*Urb == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    UsbBuildSelectInterfaceRequest(*Urb, (USHORT)size, ConfigurationHandle, d->bInterfaceNumber,
                                   d->bAlternateSetting);
    info = &(*Urb)->UrbSelectInterface.Interface;
    info->Length = (USHORT)GET_USBD_INTERFACE_SIZE(d->bNumEndpoints);
    info->NumberOfPipes = d->bNumEndpoints;
    for (ULONG p = 0; p < d->bNumEndpoints; p++)
        info->Pipes[p].MaximumTransferSize = USBD_DEFAULT_MAXIMUM_TRANSFER_SIZE;
    InterfaceListEntry->Interface = info;
    return STATUS_SUCCESS;
}
