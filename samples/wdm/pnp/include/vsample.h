/*
 * vsample.h - the interface of the PnP sample drivers (vbus, vchild, irplog), shared with
 * their clients (the scenarios of samples/wdm/pnp and any user-mode program).
 *
 * vbus   a root-enumerated bus driver. Its FDO exposes the device interface
 *        GUID_DEVINTERFACE_VBUS; IOCTL_VBUS_PLUG/UNPLUG/EJECT make child devices appear and go.
 *        A child's IDs: device ID VBUS\VCHILD, hardware IDs VBUS\VCHILD, compatible ID
 *        VBUS\VSAMPLE, instance ID its serial number in decimal (UniqueID is set, so the
 *        instance path is VBUS\VCHILD\<serial>).
 * vchild the function driver of those children: a byte FIFO per device behind the interface
 *        GUID_DEVINTERFACE_VCHILD (reads wait for writes).
 * irplog an upper filter over vchild that logs the PnP and power IRPs it sees; the log is read
 *        with IOCTL_IRPLOG_READ on a child's handle or on \\.\IrpLog.
 *
 * Define INITGUID (or include <initguid.h>) in one source file to instantiate the GUIDs.
 */
#ifndef VSAMPLE_H
#define VSAMPLE_H

#include <guiddef.h>

/* {3c7a3e2e-b178-4b04-8e28-94e19cedac2b}: the interface of the bus FDO. */
DEFINE_GUID(GUID_DEVINTERFACE_VBUS, 0x3c7a3e2e, 0xb178, 0x4b04, 0x8e, 0x28, 0x94, 0xe1, 0x9c, 0xed,
            0xac, 0x2b);
/* {14bdcb40-1347-4fb0-88a7-3b15b370697d}: the interface of each child (registered by vchild). */
DEFINE_GUID(GUID_DEVINTERFACE_VCHILD, 0x14bdcb40, 0x1347, 0x4fb0, 0x88, 0xa7, 0x3b, 0x15, 0xb3,
            0x70, 0x69, 0x7d);
/* {9ab25c69-bcff-49d0-bb3e-f67b55afee94}: the bus type vbus reports (QUERY_BUS_INFORMATION). */
DEFINE_GUID(GUID_BUS_TYPE_VBUS, 0x9ab25c69, 0xbcff, 0x49d0, 0xbb, 0x3e, 0xf6, 0x7b, 0x55, 0xaf,
            0xee, 0x94);

#define VBUS_DEVICE_ID     L"VBUS\\VCHILD"
#define VBUS_COMPATIBLE_ID L"VBUS\\VSAMPLE"

/* ---- vbus: on a handle opened through GUID_DEVINTERFACE_VBUS ---------------------------- */

/* Input VBUS_PLUG: plugs Count children with the serial numbers SerialNo .. SerialNo+Count-1
 * (serial 0 is invalid; a serial in use, plugged in or unplugged and not yet removed, is
 * STATUS_INVALID_PARAMETER and nothing is plugged), then reports them with
 * IoInvalidateDeviceRelations(BusRelations). */
#define IOCTL_VBUS_PLUG CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_WRITE_ACCESS)
/* Input ULONG serial: the child is gone (surprise removal: it leaves the next BusRelations).
 * STATUS_NO_SUCH_DEVICE when no child has that serial. */
#define IOCTL_VBUS_UNPLUG CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_WRITE_ACCESS)
/* Input ULONG serial: the eject button (IoRequestDeviceEject: an orderly removal, then
 * IRP_MN_EJECT, after which the child is gone). */
#define IOCTL_VBUS_EJECT CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_WRITE_ACCESS)
/* Output ULONG: how many children are plugged in. */
#define IOCTL_VBUS_COUNT CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_BUFFERED, FILE_READ_ACCESS)

typedef struct _VBUS_PLUG {
    ULONG SerialNo;
    ULONG Count;
} VBUS_PLUG, *PVBUS_PLUG;

/* ---- vchild: on a handle opened through GUID_DEVINTERFACE_VCHILD ------------------------ */

/* Output VCHILD_INFO. */
#define IOCTL_VCHILD_GET_INFO                                                                      \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x810, METHOD_BUFFERED, FILE_READ_ACCESS)

typedef struct _VCHILD_INFO {
    ULONG SerialNo;     /* the child's address on the bus (DevicePropertyAddress) */
    ULONG DevicePower;  /* DEVICE_POWER_STATE: 1 = D0 ... 4 = D3 */
    ULONG PendingReads; /* reads waiting for data */
    ULONG BytesQueued;  /* bytes written and not read yet */
} VCHILD_INFO, *PVCHILD_INFO;

/* The bytes a child holds; a write that does not fit is STATUS_DEVICE_BUSY. */
#define VCHILD_FIFO_SIZE 256

/* ---- irplog: answered by the filter itself, on a child's handle or on \\.\IrpLog -------- */

/* Output: text, one line per IRP ("START_DEVICE\n", "SET_POWER S3\n"); reading empties the log.
 * READ returns the entries whose order Windows documents: AddDevice (ADD_DEVICE), START,
 * QUERY_STOP, STOP, CANCEL_STOP, QUERY_REMOVE, REMOVE, CANCEL_REMOVE, SURPRISE_REMOVAL, EJECT,
 * and every power IRP; READ_ALL returns every entry (the queries too: QUERY_ID DeviceID,
 * QUERY_CAPABILITIES, QUERY_DEVICE_RELATIONS BusRelations, ...). An output buffer too small
 * for the text is STATUS_BUFFER_TOO_SMALL and the log is kept. */
#define IOCTL_IRPLOG_READ     CTL_CODE(FILE_DEVICE_UNKNOWN, 0x820, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_IRPLOG_READ_ALL CTL_CODE(FILE_DEVICE_UNKNOWN, 0x821, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define IRPLOG_DEVICE_NAME L"\\Device\\IrpLog"
#define IRPLOG_LINK_NAME   L"\\DosDevices\\IrpLog"

#endif
