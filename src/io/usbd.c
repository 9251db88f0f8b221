/*
 * usbd.c - the routines of the USBD library (usbdlib.h) that only read descriptors a driver
 * already holds: USBD_ParseDescriptors, USBD_ParseConfigurationDescriptor(Ex),
 * USBD_GetInterfaceLength, USBD_CreateConfigurationRequestEx. The routines of the USB stack's
 * client library are src/usb's (usbdlib.c, the simulated bus: docs/usb.md).
 *
 * Every walk trusts only the lengths inside the buffer it was given: a descriptor whose
 * bLength is 0 or runs past the end stops it (NULL / the length so far), never a read past it.
 */
#include "io/io_private.h"

#include "vf/vf.h"

#include <usbdlib.h>

#define USBD_TAG 'DBSU'

/* The descriptor after `d` inside [.., end), or NULL when d's bLength cannot be walked. */
static PUSB_COMMON_DESCRIPTOR usbd_next(PUSB_COMMON_DESCRIPTOR d, PUCHAR end)
{
    PUCHAR p = (PUCHAR)d;
    if (end - p < (LONG_PTR)sizeof(*d) || d->bLength < sizeof(*d) || d->bLength > end - p)
        return NULL;
    return (PUSB_COMMON_DESCRIPTOR)(p + d->bLength);
}

/* Is a whole descriptor (at least its common header and its bLength) inside the buffer? */
static BOOLEAN usbd_whole(PUSB_COMMON_DESCRIPTOR d, PUCHAR end)
{
    PUCHAR p = (PUCHAR)d;
    return end - p >= (LONG_PTR)sizeof(*d) && d->bLength >= sizeof(*d) && d->bLength <= end - p;
}

NTKERNELAPI PUSB_COMMON_DESCRIPTOR NTAPI USBD_ParseDescriptors(PVOID DescriptorBuffer,
                                                               ULONG TotalLength,
                                                               PVOID StartPosition,
                                                               LONG DescriptorType)
{
    PUCHAR end = (PUCHAR)DescriptorBuffer + TotalLength;
    PUSB_COMMON_DESCRIPTOR d = StartPosition;
    if ((PUCHAR)d < (PUCHAR)DescriptorBuffer)
        return NULL;
    for (; d != NULL && usbd_whole(d, end); d = usbd_next(d, end))
        if (d->bDescriptorType == DescriptorType)
            return d;
    return NULL;
}

/* -1 in a criterion: any value. */
static BOOLEAN usbd_matches(PUSB_INTERFACE_DESCRIPTOR i, LONG number, LONG alternate, LONG cls,
                            LONG subclass, LONG protocol)
{
    return (number == -1 || i->bInterfaceNumber == number) &&
           (alternate == -1 || i->bAlternateSetting == alternate) &&
           (cls == -1 || i->bInterfaceClass == cls) &&
           (subclass == -1 || i->bInterfaceSubClass == subclass) &&
           (protocol == -1 || i->bInterfaceProtocol == protocol);
}

NTKERNELAPI PUSB_INTERFACE_DESCRIPTOR NTAPI USBD_ParseConfigurationDescriptorEx(
    PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor, PVOID StartPosition,
    LONG InterfaceNumber, LONG AlternateSetting, LONG InterfaceClass, LONG InterfaceSubClass,
    LONG InterfaceProtocol)
{
    PUCHAR start = StartPosition;
    PUCHAR end = (PUCHAR)ConfigurationDescriptor + ConfigurationDescriptor->wTotalLength;
    while (start != NULL && start < end) {
        PUSB_INTERFACE_DESCRIPTOR i = (PUSB_INTERFACE_DESCRIPTOR)USBD_ParseDescriptors(
            ConfigurationDescriptor, ConfigurationDescriptor->wTotalLength, start,
            USB_INTERFACE_DESCRIPTOR_TYPE);
        if (i == NULL)
            return NULL;
        if (i->bLength >= sizeof(*i) &&
            usbd_matches(i, InterfaceNumber, AlternateSetting, InterfaceClass, InterfaceSubClass,
                         InterfaceProtocol))
            return i;
        start = (PUCHAR)usbd_next((PUSB_COMMON_DESCRIPTOR)i, end);
    }
    return NULL;
}

NTKERNELAPI PUSB_INTERFACE_DESCRIPTOR NTAPI
USBD_ParseConfigurationDescriptor(PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor,
                                  UCHAR InterfaceNumber, UCHAR AlternateSetting)
{
    return USBD_ParseConfigurationDescriptorEx(ConfigurationDescriptor, ConfigurationDescriptor,
                                               InterfaceNumber, AlternateSetting, -1, -1, -1);
}

/* The interface descriptor and what follows it up to the next interface descriptor or
 * BufferEnd. */
NTKERNELAPI ULONG NTAPI USBD_GetInterfaceLength(PUSB_INTERFACE_DESCRIPTOR InterfaceDescriptor,
                                                PUCHAR BufferEnd)
{
    PUSB_COMMON_DESCRIPTOR d = (PUSB_COMMON_DESCRIPTOR)InterfaceDescriptor;
    ULONG length = 0;
    vf_check_irql_at_most(PASSIVE_LEVEL, "USBD_GetInterfaceLength", InterfaceDescriptor, NULL);
    while (d != NULL && usbd_whole(d, BufferEnd) &&
           (length == 0 || d->bDescriptorType != USB_INTERFACE_DESCRIPTOR_TYPE)) {
        length += d->bLength;
        d = usbd_next(d, BufferEnd);
    }
    return length;
}

/* Lays out one USBD_INTERFACE_INFORMATION for the interface descriptor; returns its size. */
static ULONG usbd_put_interface(PUSBD_INTERFACE_INFORMATION info, PUSB_INTERFACE_DESCRIPTOR i)
{
    ULONG size = (ULONG)GET_USBD_INTERFACE_SIZE(i->bNumEndpoints);
    info->Length = (USHORT)size;
    info->InterfaceNumber = i->bInterfaceNumber;
    info->AlternateSetting = i->bAlternateSetting;
    info->NumberOfPipes = i->bNumEndpoints;
    for (ULONG p = 0; p < i->bNumEndpoints; p++) {
        info->Pipes[p].MaximumTransferSize = USBD_DEFAULT_MAXIMUM_TRANSFER_SIZE;
        info->Pipes[p].PipeFlags = 0;
    }
    return size;
}

NTKERNELAPI PURB NTAPI USBD_CreateConfigurationRequestEx(
    PUSB_CONFIGURATION_DESCRIPTOR ConfigurationDescriptor, PUSBD_INTERFACE_LIST_ENTRY InterfaceList)
{
    ULONG size = sizeof(struct _URB_SELECT_CONFIGURATION) - sizeof(USBD_INTERFACE_INFORMATION);
    PURB urb;
    PUCHAR at;
    vf_check_irql_at_most(DISPATCH_LEVEL, "USBD_CreateConfigurationRequestEx",
                          ConfigurationDescriptor, NULL);
    for (PUSBD_INTERFACE_LIST_ENTRY e = InterfaceList; e->InterfaceDescriptor != NULL; e++)
        size += GET_USBD_INTERFACE_SIZE(e->InterfaceDescriptor->bNumEndpoints);
    if (size < sizeof(struct _URB_SELECT_CONFIGURATION))
        size = sizeof(struct _URB_SELECT_CONFIGURATION);
    urb = ExAllocatePoolWithTag(NonPagedPoolNx, size, USBD_TAG);
    if (urb == NULL)
        return NULL;
    RtlZeroMemory(urb, size);
    urb->UrbHeader.Function = URB_FUNCTION_SELECT_CONFIGURATION;
    urb->UrbHeader.Length = (USHORT)size;
    urb->UrbSelectConfiguration.ConfigurationDescriptor = ConfigurationDescriptor;
    at = (PUCHAR)&urb->UrbSelectConfiguration.Interface;
    for (PUSBD_INTERFACE_LIST_ENTRY e = InterfaceList; e->InterfaceDescriptor != NULL; e++) {
        e->Interface = (PUSBD_INTERFACE_INFORMATION)at;
        at += usbd_put_interface(e->Interface, e->InterfaceDescriptor);
    }
    return urb;
}
