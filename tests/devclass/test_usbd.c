/*
 * test_usbd.c - the USBD library routines that read descriptors (usbdlib.h), on a
 * configuration descriptor laid out as a device returns it. Expected values: the usbdlib.h
 * reference pages.
 */
#include <ntddk.h>
#include <usbdlib.h>

#include "harness.h"

/* A configuration: interface 0 (vendor class) with two bulk endpoints and a class-specific
 * descriptor, its alternate setting 1 without endpoints, interface 1 (HID) with an interrupt
 * endpoint. 62 bytes. */
static const UCHAR config[] = {
    9,    USB_CONFIGURATION_DESCRIPTOR_TYPE,
    62,   0,
    2,    1,
    0,    0x80,
    50, /* offset 0 */
    9,    USB_INTERFACE_DESCRIPTOR_TYPE,
    0,    0,
    2,    0xFF,
    0,    0,
    0, /* 9: if 0 alt 0 */
    7,    USB_ENDPOINT_DESCRIPTOR_TYPE,
    0x81, 2,
    0x00, 0x02,
    0, /* 18 */
    7,    USB_ENDPOINT_DESCRIPTOR_TYPE,
    0x02, 2,
    0x00, 0x02,
    0, /* 25 */
    5,    0x24,
    1,    2,
    3, /* 32: class-specific */
    9,    USB_INTERFACE_DESCRIPTOR_TYPE,
    0,    1,
    0,    0xFF,
    0,    0,
    0, /* 37: if 0 alt 1 */
    9,    USB_INTERFACE_DESCRIPTOR_TYPE,
    1,    0,
    1,    3,
    1,    1,
    0, /* 46: if 1 alt 0 */
    7,    USB_ENDPOINT_DESCRIPTOR_TYPE,
    0x83, 3,
    0x08, 0x00,
    10, /* 55 */
};

static PUSB_CONFIGURATION_DESCRIPTOR cfg(void)
{
    return (PUSB_CONFIGURATION_DESCRIPTOR)config;
}

static LONG_PTR at(const void *p)
{
    return p ? (const UCHAR *)p - config : -1;
}

TEST(parse_configuration_descriptor_by_criteria)
{
    ok(sizeof(config) == 62, "the test's descriptor\n");
    ok(at(USBD_ParseConfigurationDescriptorEx(cfg(), cfg(), 0, 0, -1, -1, -1)) == 9,
       "if 0 alt 0\n");
    ok(at(USBD_ParseConfigurationDescriptorEx(cfg(), cfg(), 0, 1, -1, -1, -1)) == 37, "alt 1\n");
    ok(at(USBD_ParseConfigurationDescriptorEx(cfg(), cfg(), -1, -1, 3, -1, -1)) == 46, "HID\n");
    ok(at(USBD_ParseConfigurationDescriptorEx(cfg(), cfg(), -1, -1, 0xFF, -1, 1)) == -1,
       "no vendor interface with protocol 1\n");
    ok(at(USBD_ParseConfigurationDescriptorEx(cfg(), (PUCHAR)config + 18, -1, -1, -1, -1, -1)) ==
           37,
       "the search starts at StartPosition\n");
    ok(at(USBD_ParseConfigurationDescriptor(cfg(), 1, 0)) == 46, "the older form\n");
    ok(at(USBD_ParseConfigurationDescriptor(cfg(), 2, 0)) == -1, "no interface 2\n");
}

TEST(parse_descriptors_by_type)
{
    ok(at(USBD_ParseDescriptors(cfg(), 62, cfg(), USB_ENDPOINT_DESCRIPTOR_TYPE)) == 18, "first\n");
    ok(at(USBD_ParseDescriptors(cfg(), 62, (PUCHAR)config + 25, USB_ENDPOINT_DESCRIPTOR_TYPE)) ==
           25,
       "from StartPosition\n");
    ok(at(USBD_ParseDescriptors(cfg(), 62, cfg(), 0x24)) == 32, "class-specific\n");
    ok(at(USBD_ParseDescriptors(cfg(), 62, cfg(), USB_DEVICE_DESCRIPTOR_TYPE)) == -1, "none\n");
    ok(at(USBD_ParseDescriptors(cfg(), 50, (PUCHAR)config + 47, USB_ENDPOINT_DESCRIPTOR_TYPE)) ==
           -1,
       "TotalLength bounds the search\n");
}

TEST(parse_stops_at_a_corrupt_length)
{
    UCHAR bad[sizeof(config)];
    memcpy(bad, config, sizeof bad);
    bad[18] = 0; /* the first endpoint's bLength: the walk cannot go on */
    ok(USBD_ParseDescriptors(bad, sizeof bad, bad, USB_INTERFACE_DESCRIPTOR_TYPE) ==
           (PVOID)(bad + 9),
       "before the corrupt one\n");
    ok(USBD_ParseDescriptors(bad, sizeof bad, bad + 10, USB_INTERFACE_DESCRIPTOR_TYPE) == NULL,
       "not past it\n");
    bad[18] = 200; /* runs past the buffer */
    ok(USBD_ParseDescriptors(bad, sizeof bad, bad + 18, USB_ENDPOINT_DESCRIPTOR_TYPE) == NULL,
       "a descriptor past the end is not returned\n");
}

TEST(interface_length_up_to_the_next_interface)
{
    PUSB_INTERFACE_DESCRIPTOR i0 = (PUSB_INTERFACE_DESCRIPTOR)(config + 9);
    ok(USBD_GetInterfaceLength(i0, (PUCHAR)config + 62) == 28, "interface, 2 endpoints, class\n");
    ok(USBD_GetInterfaceLength(i0, (PUCHAR)config + 25) == 16, "BufferEnd stops it\n");
    ok(USBD_GetInterfaceLength((PUSB_INTERFACE_DESCRIPTOR)(config + 46), (PUCHAR)config + 62) == 16,
       "the last interface\n");
}

TEST(configuration_request_from_an_interface_list)
{
    USBD_INTERFACE_LIST_ENTRY list[3] = {{(PUSB_INTERFACE_DESCRIPTOR)(config + 9), NULL},
                                         {(PUSB_INTERFACE_DESCRIPTOR)(config + 46), NULL},
                                         {NULL, NULL}};
    PURB urb = USBD_CreateConfigurationRequestEx(cfg(), list);
    ok(urb != NULL, "URB allocated\n");
    if (urb == NULL)
        return;
    ok(urb->UrbHeader.Function == URB_FUNCTION_SELECT_CONFIGURATION &&
           urb->UrbHeader.Length == GET_SELECT_CONFIGURATION_REQUEST_SIZE(2, 3),
       "function %u, length %u\n", urb->UrbHeader.Function, urb->UrbHeader.Length);
    ok(urb->UrbSelectConfiguration.ConfigurationDescriptor == cfg(), "the descriptor\n");
    ok(list[0].Interface == &urb->UrbSelectConfiguration.Interface, "first interface in the URB\n");
    ok(list[0].Interface->Length == GET_USBD_INTERFACE_SIZE(2) &&
           list[0].Interface->NumberOfPipes == 2 && list[0].Interface->InterfaceNumber == 0,
       "interface 0: length %u, pipes %u\n", list[0].Interface->Length,
       list[0].Interface->NumberOfPipes);
    ok(list[0].Interface->Pipes[1].MaximumTransferSize == USBD_DEFAULT_MAXIMUM_TRANSFER_SIZE,
       "pipes' maximum transfer size\n");
    ok((PUCHAR)list[1].Interface == (PUCHAR)list[0].Interface + GET_USBD_INTERFACE_SIZE(2) &&
           list[1].Interface->InterfaceNumber == 1 && list[1].Interface->NumberOfPipes == 1,
       "interface 1 follows\n");
    ExFreePool(urb); /* the driver frees it */
}
