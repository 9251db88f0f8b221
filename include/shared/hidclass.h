/*
 * hidclass.h - the HID class driver's interface: the device interface class, the control-code
 * macros (FILE_DEVICE_KEYBOARD with each transfer method), the IOCTLs of its upper edge and the
 * structures they carry (HID_COLLECTION_INFORMATION, HID_DRIVER_CONFIG, HID_XFER_PACKET).
 * Names, values and layouts as documented; pinned by tests/devclass (hid_layout). drvhost's
 * HID class driver (src/hid, docs/hid.md) serves these IOCTLs.
 */
#ifndef __HIDCLASS_H__
#define __HIDCLASS_H__

#include <devioctl.h>
#include <guiddef.h>
#include <ntdef.h>

DEFINE_GUID(GUID_DEVINTERFACE_HID, 0x4D1E55B2, 0xF16F, 0x11CF, 0x88, 0xCB, 0x00, 0x11, 0x11, 0x00,
            0x00, 0x30);
#define GUID_CLASS_INPUT     GUID_DEVINTERFACE_HID
#define GUID_CLASS_INPUT_STR "4D1E55B2-F16F-11CF-88CB-001111000030"

#define HID_REVISION 0x00000001

#define HID_CTL_CODE(id) CTL_CODE(FILE_DEVICE_KEYBOARD, (id), METHOD_NEITHER, FILE_ANY_ACCESS)
#define HID_BUFFER_CTL_CODE(id)                                                                    \
    CTL_CODE(FILE_DEVICE_KEYBOARD, (id), METHOD_BUFFERED, FILE_ANY_ACCESS)
#define HID_IN_CTL_CODE(id) CTL_CODE(FILE_DEVICE_KEYBOARD, (id), METHOD_IN_DIRECT, FILE_ANY_ACCESS)
#define HID_OUT_CTL_CODE(id)                                                                       \
    CTL_CODE(FILE_DEVICE_KEYBOARD, (id), METHOD_OUT_DIRECT, FILE_ANY_ACCESS)

/* The upper edge: what HID clients send the class driver. */
#define IOCTL_HID_GET_DRIVER_CONFIG          HID_BUFFER_CTL_CODE(100)
#define IOCTL_HID_SET_DRIVER_CONFIG          HID_BUFFER_CTL_CODE(101)
#define IOCTL_HID_GET_POLL_FREQUENCY_MSEC    HID_BUFFER_CTL_CODE(102)
#define IOCTL_HID_SET_POLL_FREQUENCY_MSEC    HID_BUFFER_CTL_CODE(103)
#define IOCTL_GET_NUM_DEVICE_INPUT_BUFFERS   HID_BUFFER_CTL_CODE(104)
#define IOCTL_SET_NUM_DEVICE_INPUT_BUFFERS   HID_BUFFER_CTL_CODE(105)
#define IOCTL_HID_GET_COLLECTION_INFORMATION HID_BUFFER_CTL_CODE(106)
#define IOCTL_HID_ENABLE_WAKE_ON_SX          HID_BUFFER_CTL_CODE(107)
#define IOCTL_HID_SET_S0_IDLE_TIMEOUT        HID_BUFFER_CTL_CODE(108)
#define IOCTL_HID_GET_COLLECTION_DESCRIPTOR  HID_CTL_CODE(100)
#define IOCTL_HID_FLUSH_QUEUE                HID_CTL_CODE(101)
#define IOCTL_HID_SET_FEATURE                HID_IN_CTL_CODE(100)
#define IOCTL_HID_SET_OUTPUT_REPORT          HID_IN_CTL_CODE(101)
#define IOCTL_HID_GET_FEATURE                HID_OUT_CTL_CODE(100)
#define IOCTL_GET_PHYSICAL_DESCRIPTOR        HID_OUT_CTL_CODE(102)
#define IOCTL_HID_GET_HARDWARE_ID            HID_OUT_CTL_CODE(103)
#define IOCTL_HID_GET_INPUT_REPORT           HID_OUT_CTL_CODE(104)
#define IOCTL_HID_GET_OUTPUT_REPORT          HID_OUT_CTL_CODE(105)
#define IOCTL_HID_GET_MANUFACTURER_STRING    HID_OUT_CTL_CODE(110)
#define IOCTL_HID_GET_PRODUCT_STRING         HID_OUT_CTL_CODE(111)
#define IOCTL_HID_GET_SERIALNUMBER_STRING    HID_OUT_CTL_CODE(112)
#define IOCTL_HID_GET_INDEXED_STRING         HID_OUT_CTL_CODE(120)
#define IOCTL_HID_GET_MS_GENRE_DESCRIPTOR    HID_OUT_CTL_CODE(121)

/* IOCTL_HID_GET_COLLECTION_INFORMATION's answer. */
typedef struct _HID_COLLECTION_INFORMATION {
    ULONG DescriptorSize;
    BOOLEAN Polled;
    UCHAR Reserved1[1];
    USHORT VendorID;
    USHORT ProductID;
    USHORT VersionNumber;
} HID_COLLECTION_INFORMATION, *PHID_COLLECTION_INFORMATION;

typedef struct _HID_DRIVER_CONFIG {
    ULONG Size;
    ULONG RingBufferSize;
} HID_DRIVER_CONFIG, *PHID_DRIVER_CONFIG;

/* The report a minidriver's IOCTL_HID_GET/SET_FEATURE, _GET_INPUT_REPORT, _SET_OUTPUT_REPORT and
 * IOCTL_HID_WRITE_REPORT carry. */
typedef struct _HID_XFER_PACKET {
    PUCHAR reportBuffer;
    ULONG reportBufferLen;
    UCHAR reportId;
} HID_XFER_PACKET, *PHID_XFER_PACKET;

#endif
