/*
 * wdfprops.h - what the property, interface and shutdown test drivers (drivers/wdfprops.c,
 * drivers/wdfpropslow.c) and test_wdf_props.c share: I/O control codes and their buffers.
 */
#ifndef WDFPROPS_H
#define WDFPROPS_H

/* The function device's interface {5e0c9d34-1a7b-4c2e-9f60-3b8d2e71a4c5}. */
#define WPR_IFACE_TEXT "{5e0c9d34-1a7b-4c2e-9f60-3b8d2e71a4c5}"
/* The lower filter's interface (IRP_MN_QUERY_INTERFACE) {9a41e6b2-7c3d-4f85-a1e0-62b5c8d94f13}. */
#define WPR_LOWER_GUID_INIT                                                                        \
    {                                                                                              \
        0x9a41e6b2, 0x7c3d, 0x4f85,                                                                \
        {                                                                                          \
            0xa1, 0xe0, 0x62, 0xb5, 0xc8, 0xd9, 0x4f, 0x13                                         \
        }                                                                                          \
    }
#define WPR_LOWER_VERSION 3
#define WPR_LOWER_MAGIC   0x4C4F5752u

#define WPR_CTL(function)  ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_WPR_INIT     WPR_CTL(0xC00)                      /* out: struct wpr_init */
#define IOCTL_WPR_QUERY    WPR_CTL(0xC01) /* in: struct wpr_query_in; out: struct wpr_data */
#define IOCTL_WPR_ALLOC    WPR_CTL(0xC02) /* in: struct wpr_query_in; out: struct wpr_data */
#define IOCTL_WPR_ASSIGN   WPR_CTL(0xC03) /* in: struct wpr_assign_in; out: LONG status */
#define IOCTL_WPR_QUERYEX  WPR_CTL(0xC04) /* in: struct wpr_queryex_in; out: struct wpr_data */
#define IOCTL_WPR_ALLOCEX  WPR_CTL(0xC05) /* in: struct wpr_queryex_in; out: struct wpr_data */
#define IOCTL_WPR_QI       WPR_CTL(0xC06) /* in: ULONG which; out: struct wpr_data */
#define IOCTL_WPR_HANDLE   WPR_CTL(0xC07) /* out: the WDFDEVICE (ULONG64) */
#define IOCTL_WPR_DISPATCH WPR_CTL(0xC08) /* WdfDeviceQueryProperty at DISPATCH_LEVEL */
#define IOCTL_WPR_MOF      WPR_CTL(0xC09) /* out: LONG status[2] (two assignments) */
#define IOCTL_WPR_DELETE   WPR_CTL(0xC0A) /* control driver: deletes the WdfDeviceShutdown device */

/* IOCTL_WPR_QI's cases. */
#define WPR_QI_LOWER   0 /* the lower filter's interface */
#define WPR_QI_UNKNOWN 1 /* an interface nobody provides */
#define WPR_QI_NULL    2 /* Interface NULL */

/* IOCTL_WPR_QUERYEX's keys. */
#define WPR_KEY_CUSTOM   0 /* the driver's own {c3f1...},2 */
#define WPR_KEY_HWIDS    1 /* DEVPKEY_Device_HardwareIds */
#define WPR_KEY_BAD_SIZE 2 /* the custom key in a WDF_DEVICE_PROPERTY_DATA of the wrong Size */

struct wpr_query_in {
    unsigned int property; /* DEVICE_REGISTRY_PROPERTY */
    unsigned int length;   /* the buffer given (at most sizeof data) */
};

struct wpr_queryex_in {
    unsigned int key; /* WPR_KEY_* */
    unsigned int lcid;
    unsigned int length;
};

struct wpr_assign_in {
    unsigned int key; /* WPR_KEY_* */
    unsigned int type;
    unsigned int size;
    unsigned int lcid;
    unsigned int null_data; /* nonzero: Data NULL (delete) */
    unsigned char data[64];
};

struct wpr_data {
    int status;
    unsigned int length; /* ResultLength / RequiredSize / the memory's size */
    unsigned int type;   /* DEVPROPTYPE (Ex forms) */
    unsigned char data[256];
};

/* What EvtDriverDeviceAdd saw through the WDFDEVICE_INIT routines. */
struct wpr_init {
    int small_status; /* WdfFdoInitQueryProperty(HardwareID) with 4 bytes */
    unsigned int small_length;
    int full_status; /* ... with 256 bytes */
    unsigned int full_length;
    unsigned char hwid[256];
    int alloc_status; /* WdfFdoInitAllocAndQueryProperty(DeviceDescription) */
    unsigned int alloc_size;
    int ex_status; /* WdfFdoInitQueryPropertyEx(DEVPKEY_Device_HardwareIds) */
    unsigned int ex_type;
    unsigned int ex_length;
    int allocex_status; /* WdfFdoInitAllocAndQueryPropertyEx(DEVPKEY_Device_HardwareIds) */
    unsigned int allocex_type;
    int key_status;     /* WdfFdoInitOpenRegistryKey(PLUGPLAY_REGKEY_DEVICE) */
    int bad_key_status; /* ... with flags 0x100 */
};

#endif
