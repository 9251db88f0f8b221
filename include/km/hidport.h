/*
 * hidport.h - the HID minidriver interface: registration with the HID class driver
 * (HID_MINIDRIVER_REGISTRATION, HidRegisterMinidriver), the class driver's device extension
 * (HID_DEVICE_EXTENSION), the descriptors and attributes a minidriver returns, and the internal
 * IOCTLs the class driver sends it. Names, values and layouts as documented; pinned by
 * tests/devclass (hid_layout).
 *
 * HidRegisterMinidriver registers with drvhost's HID class driver (src/hid, docs/hid.md);
 * HidNotifyPresence is marked DRVHOST_NOT_PROVIDED (a minidriver calling it stops at compile
 * time with that message, docs/compatibility.md).
 */
#ifndef __HIDPORT_H__
#define __HIDPORT_H__

#include <hidclass.h>
#include <wdm.h>

typedef struct _HID_MINIDRIVER_REGISTRATION {
    ULONG Revision; /* HID_REVISION */
    PDRIVER_OBJECT DriverObject;
    PUNICODE_STRING RegistryPath;
    ULONG DeviceExtensionSize;
    BOOLEAN DevicesArePolled;
    UCHAR Reserved[3];
} HID_MINIDRIVER_REGISTRATION, *PHID_MINIDRIVER_REGISTRATION;

/* The class driver's FDO extension; the minidriver's own part is MiniDeviceExtension. */
typedef struct _HID_DEVICE_EXTENSION {
    PDEVICE_OBJECT PhysicalDeviceObject;
    PDEVICE_OBJECT NextDeviceObject;
    PVOID MiniDeviceExtension;
} HID_DEVICE_EXTENSION, *PHID_DEVICE_EXTENSION;

typedef struct _HID_DEVICE_ATTRIBUTES {
    ULONG Size;
    USHORT VendorID;
    USHORT ProductID;
    USHORT VersionNumber;
    USHORT Reserved[11];
} HID_DEVICE_ATTRIBUTES, *PHID_DEVICE_ATTRIBUTES;

/* The HID descriptor as the HID specification lays it out: packed. */
#include <pshpack1.h>
typedef struct _HID_DESCRIPTOR {
    UCHAR bLength;
    UCHAR bDescriptorType;
    USHORT bcdHID;
    UCHAR bCountry;
    UCHAR bNumDescriptors;
    struct _HID_DESCRIPTOR_DESC_LIST {
        UCHAR bReportType;
        USHORT wReportLength;
    } DescriptorList[1];
} HID_DESCRIPTOR, *PHID_DESCRIPTOR;
#include <poppack.h>

#define HID_HID_DESCRIPTOR_TYPE      0x21
#define HID_REPORT_DESCRIPTOR_TYPE   0x22
#define HID_PHYSICAL_DESCRIPTOR_TYPE 0x23

/* IOCTL_HID_GET_STRING: the string's ID in the low word of Type3InputBuffer. */
#define HID_STRING_ID_IMANUFACTURER 14
#define HID_STRING_ID_IPRODUCT      15
#define HID_STRING_ID_ISERIALNUMBER 16

typedef VOID (*HID_SEND_IDLE_CALLBACK)(PVOID Context);

/* IOCTL_HID_SEND_IDLE_NOTIFICATION_REQUEST's input. */
typedef struct _HID_SUBMIT_IDLE_NOTIFICATION_CALLBACK_INFO {
    HID_SEND_IDLE_CALLBACK IdleCallback;
    PVOID IdleContext;
} HID_SUBMIT_IDLE_NOTIFICATION_CALLBACK_INFO, *PHID_SUBMIT_IDLE_NOTIFICATION_CALLBACK_INFO;

/* The lower edge: internal device controls the class driver sends a minidriver. */
#define IOCTL_HID_GET_DEVICE_DESCRIPTOR          HID_CTL_CODE(0)
#define IOCTL_HID_GET_REPORT_DESCRIPTOR          HID_CTL_CODE(1)
#define IOCTL_HID_READ_REPORT                    HID_CTL_CODE(2)
#define IOCTL_HID_WRITE_REPORT                   HID_CTL_CODE(3)
#define IOCTL_HID_GET_STRING                     HID_CTL_CODE(4)
#define IOCTL_HID_ACTIVATE_DEVICE                HID_CTL_CODE(7)
#define IOCTL_HID_DEACTIVATE_DEVICE              HID_CTL_CODE(8)
#define IOCTL_HID_GET_DEVICE_ATTRIBUTES          HID_CTL_CODE(9)
#define IOCTL_HID_SEND_IDLE_NOTIFICATION_REQUEST HID_CTL_CODE(10)
/* What a UMDF HID minidriver receives. */
#define IOCTL_UMDF_HID_SET_FEATURE         HID_CTL_CODE(20)
#define IOCTL_UMDF_HID_GET_FEATURE         HID_CTL_CODE(21)
#define IOCTL_UMDF_HID_SET_OUTPUT_REPORT   HID_CTL_CODE(22)
#define IOCTL_UMDF_HID_GET_INPUT_REPORT    HID_CTL_CODE(23)
#define IOCTL_UMDF_GET_PHYSICAL_DESCRIPTOR HID_CTL_CODE(24)

NTKERNELAPI NTSTATUS NTAPI
HidRegisterMinidriver(PHID_MINIDRIVER_REGISTRATION MinidriverRegistration);
NTSTATUS NTAPI HidNotifyPresence(PDEVICE_OBJECT DeviceObject,
                                 BOOLEAN IsPresent) DRVHOST_NOT_PROVIDED;

#endif
