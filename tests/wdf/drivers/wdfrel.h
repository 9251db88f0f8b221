/*
 * wdfrel.h - what the framework device PnP-settings test driver (wdfrel.c) and its test
 * (test_wdf_devpnp.c) share: the interface class and the device controls.
 */
#ifndef WDFREL_H
#define WDFREL_H

/* {5be0f6c4-2d71-4c3e-9a58-0e6b7d41c2a3} */
static const GUID GUID_WDFREL_INTERFACE = {
    0x5be0f6c4, 0x2d71, 0x4c3e, {0x9a, 0x58, 0x0e, 0x6b, 0x7d, 0x41, 0xc2, 0xa3}};

#define WDFREL_CTL(f) CTL_CODE(FILE_DEVICE_UNKNOWN, (f), METHOD_BUFFERED, FILE_ANY_ACCESS)
/* out ULONG: the device's number (the order the driver's devices were created in, from 0) */
#define IOCTL_REL_WHO WDFREL_CTL(0xC00)
/* in ULONG: a device number (0xFFFFFFFF: a NULL PDO); WdfDeviceAddRemovalRelationsPhysicalDevice
 * with that device's PDO; the request's status is the routine's */
#define IOCTL_REL_ADD WDFREL_CTL(0xC01)
/* in ULONG: WdfDeviceRemoveRemovalRelationsPhysicalDevice with that device's PDO */
#define IOCTL_REL_REMOVE WDFREL_CTL(0xC02)
/* WdfDeviceClearRemovalRelationsDevices */
#define IOCTL_REL_CLEAR WDFREL_CTL(0xC03)
/* in ULONG: a DEVICE_RELATION_TYPE [, a device number]; the driver sends
 * IRP_MN_QUERY_DEVICE_RELATIONS of that type to the top of its own stack (with a list of that
 * device's PDO already in it, as an upper filter answers, when a number is given); out ULONG[]: the
 * IRP's status, the count, then the device number of each PDO listed (0xFF: not one of the
 * driver's) */
#define IOCTL_REL_QUERY WDFREL_CTL(0xC04)
/* in BOOLEAN: WdfDeviceSetStaticStopRemove(device, it) */
#define IOCTL_REL_STATIC WDFREL_CTL(0xC05)
/* out ULONG[2]: DO_POWER_PAGABLE | DO_POWER_INRUSH of the device's object, then of the top of
 * its stack */
#define IOCTL_REL_FLAGS WDFREL_CTL(0xC06)
/* the next EvtDeviceQueryRemove of this device vetoes */
#define IOCTL_REL_VETO WDFREL_CTL(0xC07)
/* WdfPdoAddEjectionRelationsPhysicalDevice on this function device (not a PDO): 0x10D */
#define IOCTL_REL_PDO_ONLY WDFREL_CTL(0xC08)
/* in UCHAR: 0 the interface (no reference string), 1 another class, 2 the class with a
 * reference string it was not created with; WdfDeviceRetrieveDeviceInterfaceString: the
 * request's status is the routine's, out: the name's characters */
#define IOCTL_REL_IFACE_NAME WDFREL_CTL(0xC09)
/* {0f4c9e21-7a3b-4d58-b6e0-2c91a7d5e310}: the one-way interface (IOCTL_REL_QI_ADD 0) */
static const GUID GUID_WDFREL_ONEWAY = {
    0x0f4c9e21, 0x7a3b, 0x4d58, {0xb6, 0xe0, 0x2c, 0x91, 0xa7, 0xd5, 0xe3, 0x10}};
/* {0f4c9e22-7a3b-4d58-b6e0-2c91a7d5e310}: the two-way interface (IOCTL_REL_QI_ADD 1) */
static const GUID GUID_WDFREL_TWOWAY = {
    0x0f4c9e22, 0x7a3b, 0x4d58, {0xb6, 0xe0, 0x2c, 0x91, 0xa7, 0xd5, 0xe3, 0x10}};
/* {0f4c9e23-7a3b-4d58-b6e0-2c91a7d5e310}: never added */
static const GUID GUID_WDFREL_NONE = {
    0x0f4c9e23, 0x7a3b, 0x4d58, {0xb6, 0xe0, 0x2c, 0x91, 0xa7, 0xd5, 0xe3, 0x10}};

/* The interface both hand out: Get returns the Context. */
typedef struct {
    INTERFACE Header;
    ULONG (*Get)(PVOID Context);
} WDFREL_INTERFACE;

/* in ULONG: 0 adds the one-way interface (Version 1, Context 100 + the device number) from a
 * temporary copy; 1 the two-way one (ImportInterface, no Interface, a callback that sets the
 * Context to the requester's ULONG specific data); 2 a config of a wrong Size; 3 a one-way
 * config without Interface; 4 a two-way config without callback; 5 no InterfaceType. The
 * request's status is WdfDeviceAddQueryInterface's. */
#define IOCTL_REL_QI_ADD WDFREL_CTL(0xC0A)
/* in ULONG[4]: the class (1 one-way, 2 two-way, 3 none), Size, Version, specific data; the
 * driver sends IRP_MN_QUERY_INTERFACE to the top of its stack; out ULONG[5]: the status, Get()
 * (0 if failed), the references held (after the query, before our dereference), the returned
 * Header's Size and Version */
#define IOCTL_REL_QI_QUERY WDFREL_CTL(0xC0B)
/* in ULONG[2]: WdfDeviceSetSpecialFileSupport(device, [0], [1]) */
#define IOCTL_REL_SPECIAL WDFREL_CTL(0xC0C)
/* in ULONG: a device number; WdfDeviceAddDependentUsageDeviceObject with its PDO (0xFFFFFFFF:
 * NULL); the request's status is the routine's */
#define IOCTL_REL_DEP_ADD WDFREL_CTL(0xC0D)
/* in ULONG: WdfDeviceRemoveDependentUsageDeviceObject with that device's PDO */
#define IOCTL_REL_DEP_REMOVE WDFREL_CTL(0xC0E)
/* in ULONG[2]: type, InPath; the driver sends IRP_MN_DEVICE_USAGE_NOTIFICATION to the top of its
 * stack; out ULONG: the IRP's status */
#define IOCTL_REL_USAGE WDFREL_CTL(0xC0F)
/* the device's next EvtDeviceUsageNotificationEx with InPath TRUE fails */
#define IOCTL_REL_USAGE_VETO WDFREL_CTL(0xC10)
/* out ULONG[6]: EvtDeviceRelationsQuery calls and the last type; EvtDeviceUsageNotificationEx
 * calls, the last one's place in the driver's sequence of such calls, its type and InPath */
#define IOCTL_REL_LOG WDFREL_CTL(0xC11)

#endif
