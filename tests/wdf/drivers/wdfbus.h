/*
 * wdfbus.h - what the framework bus test drivers (wdfbus.c: the bus, wdfbusfn.c: the function
 * driver of its children) and their tests share: interface classes, device controls and the
 * child descriptions.
 */
#ifndef WDFBUS_H
#define WDFBUS_H

/* the bus FDO's interface {5b0d7e21-3c4a-4f18-9e62-0a7b1c2d3e41} */
static const GUID GUID_WDFBUS_INTERFACE = {
    0x5b0d7e21, 0x3c4a, 0x4f18, {0x9e, 0x62, 0x0a, 0x7b, 0x1c, 0x2d, 0x3e, 0x41}};
/* each child's function device {5b0d7e22-3c4a-4f18-9e62-0a7b1c2d3e41} */
static const GUID GUID_WDFBUS_CHILD_INTERFACE = {
    0x5b0d7e22, 0x3c4a, 0x4f18, {0x9e, 0x62, 0x0a, 0x7b, 0x1c, 0x2d, 0x3e, 0x41}};

#define WDFBUS_CTL(n) CTL_CODE(FILE_DEVICE_UNKNOWN, (n), METHOD_BUFFERED, FILE_ANY_ACCESS)
/* bus: in {serial, slot}: WdfChildListAddOrUpdateChildDescriptionAsPresent; out: its status */
#define IOCTL_BUS_PLUG WDFBUS_CTL(0xC00)
/* bus: in {serial}: WdfChildListUpdateChildDescriptionAsMissing; out: its status */
#define IOCTL_BUS_UNPLUG WDFBUS_CTL(0xC01)
/* bus: in {serial}: WdfChildListRequestChildEject; out: its BOOLEAN as a ULONG */
#define IOCTL_BUS_EJECT WDFBUS_CTL(0xC02)
/* bus: in {serial...}: a scan reporting exactly these children */
#define IOCTL_BUS_SCAN WDFBUS_CTL(0xC03)
/* bus: the static child found by iterating the static list, WdfPdoMarkMissing; out: status */
#define IOCTL_BUS_STATIC_MISSING WDFBUS_CTL(0xC04)
/* bus: the driver's own checks with child 1 present; out: {failed line (0: none), checks} */
#define IOCTL_BUS_CHECKS WDFBUS_CTL(0xC05)
/* bus: in {serial}: WdfPdoRequestEject on that child's PDO; out: 1 when found */
#define IOCTL_BUS_PDO_EJECT WDFBUS_CTL(0xC06)
/* bus: out: how many children the default list has (present, pending and missing) */
#define IOCTL_BUS_COUNT WDFBUS_CTL(0xC07)
/* bus: a scan that reports every child again (WdfChildListUpdateAllChildDescriptionsAsPresent) */
#define IOCTL_BUS_SCAN_ALL WDFBUS_CTL(0xC08)
/* bus: in {serial A, serial B, op}: op 0 WdfPdoAddEjectionRelationsPhysicalDevice (A's PDO,
 * B's PDO; B 0xFFFFFFFF: NULL), 1 WdfPdoRemoveEjectionRelationsPhysicalDevice, 2
 * WdfPdoClearEjectionRelationsDevices (A's), 3 WdfDeviceAddRemovalRelationsPhysicalDevice (A's
 * PDO, B's); out: the status (0 for the VOID ones) */
/* {5b0d7e23-3c4a-4f18-9e62-0a7b1c2d3e41}: a driver-defined interface the bus FDO exports
 * (WdfDeviceAddQueryInterface, Answer() 0xB05) and each child PDO sends to its parent's stack
 * (SendQueryToParentStack, no Interface of its own) */
static const GUID GUID_WDFBUS_QI = {
    0x5b0d7e23, 0x3c4a, 0x4f18, {0x9e, 0x62, 0x0a, 0x7b, 0x1c, 0x2d, 0x3e, 0x41}};
typedef struct {
    INTERFACE Header;
    ULONG (*Answer)(PVOID Context);
} WDFBUS_QI_INTERFACE;
#define IOCTL_BUS_EJECT_REL WDFBUS_CTL(0xC09)
/* bus: in {serial}: out: how many times that child's PDO entered D0 (its EvtDeviceD0Entry) */
#define IOCTL_BUS_D0_ENTRIES WDFBUS_CTL(0xC0A)
/* child function device: sent on to its PDO, whose queue answers "pdo N" (N: the serial,
 * 0 for the static child) */
#define IOCTL_CHILD_WHO WDFBUS_CTL(0xC10)
/* child function device: sent on to its PDO, which forwards it to the bus FDO's queue
 * (WdfRequestForwardToParentDeviceIoQueue), which answers "bus" */
#define IOCTL_CHILD_PARENT WDFBUS_CTL(0xC12)
/* child function device: WdfFdoQueryForInterface(GUID_WDFBUS_QI, Version 1); out {status,
 * Answer() or 0} */
#define IOCTL_CHILD_QI WDFBUS_CTL(0xC13)
/* bus: out: how many times the list called EvtChildListIdentificationDescriptionDuplicate */
#define IOCTL_BUS_ID_DUPLICATES WDFBUS_CTL(0xC0B)
/* bus: in {serial}: out: the WDF_POWER_DEVICE_STATE of that child's PDO's last D0Exit (0: none) */
#define IOCTL_BUS_LAST_D0_EXIT WDFBUS_CTL(0xC0C)
/* child function device: in {DEVICE_TEXT_TYPE, LCID}: IRP_MN_QUERY_DEVICE_TEXT sent to its
 * PDO; out: the text with its terminator (the request's status: the IRP's) */
#define IOCTL_CHILD_TEXT WDFBUS_CTL(0xC14)
/* child function device: IRP_MN_QUERY_BUS_INFORMATION sent to its PDO; out: the
 * PNP_BUS_INFORMATION (the request's status: the IRP's) */
#define IOCTL_CHILD_BUS_INFO WDFBUS_CTL(0xC15)
/* child function device: IRP_MN_QUERY_CAPABILITIES sent to its PDO; out {status, D1Latency,
 * Address, UINumber} */
#define IOCTL_CHILD_CAPS WDFBUS_CTL(0xC17)
/* child function device: sent on to its PDO, which calls WdfRequestForwardToParentDeviceIoQueue
 * wrongly (in {mode}: 0 its own queue, 1 options of a wrong Size, 2 options without
 * WDF_REQUEST_FORWARD_OPTION_SEND_AND_FORGET); out {the status} */
#define IOCTL_CHILD_PARENT_MISUSE WDFBUS_CTL(0xC16)
/* child function device: answers "fn" itself */
#define IOCTL_CHILD_FN WDFBUS_CTL(0xC11)

typedef struct _WDFBUS_ID {
    WDF_CHILD_IDENTIFICATION_DESCRIPTION_HEADER Header;
    ULONG Serial;
} WDFBUS_ID;

typedef struct _WDFBUS_ADDRESS {
    WDF_CHILD_ADDRESS_DESCRIPTION_HEADER Header;
    ULONG Slot;
} WDFBUS_ADDRESS;

#endif
