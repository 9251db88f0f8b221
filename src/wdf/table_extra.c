/*
 * table_extra.c - small routines of the KMDF 1.33 function table that need no hardware: the
 * device object's characteristics and alignment, its name as a WDFSTRING, and
 * WdfRequestIsReserved. Each is what Microsoft's reference page says; none holds a lock.
 */
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

#define WDF_DEVICE_OF(g, h)                                                                        \
    CONTAINING_RECORD(wdf_object_get(g, h, WDF_TYPE_DEVICE), struct wdf_device, obj)

ULONG imp_WdfDeviceGetCharacteristics(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return WDF_DEVICE_OF(wdf_globals_of(globals), Device)->wdm->Characteristics;
}

/* Microsoft (WdfDeviceSetCharacteristics): replaces the device object's characteristics. */
VOID imp_WdfDeviceSetCharacteristics(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                     ULONG DeviceCharacteristics)
{
    WDF_DEVICE_OF(wdf_globals_of(globals), Device)->wdm->Characteristics = DeviceCharacteristics;
}

ULONG imp_WdfDeviceGetAlignmentRequirement(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device)
{
    return WDF_DEVICE_OF(wdf_globals_of(globals), Device)->wdm->AlignmentRequirement;
}

/* Microsoft (WdfDeviceSetAlignmentRequirement): the device object's AlignmentRequirement
 * (FILE_xxx_ALIGNMENT: a power of two minus one). */
VOID imp_WdfDeviceSetAlignmentRequirement(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                          ULONG AlignmentRequirement)
{
    WDF_DEVICE_OF(wdf_globals_of(globals), Device)->wdm->AlignmentRequirement =
        AlignmentRequirement;
}

/* Microsoft (WdfDeviceRetrieveDeviceName): the name WdfDeviceInitAssignName gave. A device
 * without one is STATUS_INVALID_DEVICE_REQUEST (drvhost's choice: the page names none). */
NTSTATUS imp_WdfDeviceRetrieveDeviceName(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                         WDFSTRING String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = WDF_DEVICE_OF(g, Device);
    struct wdf_string *s =
        CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    if (dev->name.Length == 0) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceRetrieveDeviceName: device %p has no name "
                 "(WdfDeviceInitAssignName)",
                 g->pub.DriverName, (void *)dev);
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return wdf_string_assign(s, dev->name.Buffer, dev->name.Length);
}

/* ---- KMDF 1.21 to 1.31 entries (w117) ---------------------------------------------------------
 */

/* Microsoft (WdfRequestGetRequestorProcessId, KMDF 1.21): the process that sent the request.
 * drvhost has one process, the host (src/io/init.c); a request whose IRP no thread sent (a
 * driver's IoAllocateIrp) has no requestor: 0. */
ULONG imp_WdfRequestGetRequestorProcessId(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    struct wdf_request *r =
        CONTAINING_RECORD(wdf_object_get(wdf_globals_of(globals), Request, WDF_TYPE_REQUEST),
                          struct wdf_request, obj);
    if (r->irp == NULL || IoGetRequestorProcess(r->irp) == NULL)
        return 0;
    return (ULONG)(ULONG_PTR)PsGetCurrentProcessId();
}

/* Microsoft (WdfFileObjectGetInitiatorProcessId, KMDF 1.21): the process a system component
 * opened the file on behalf of, zero if none. drvhost's opens are its clients' own: zero. */
ULONG imp_WdfFileObjectGetInitiatorProcessId(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject)
{
    wdf_object_get(wdf_globals_of(globals), FileObject, WDF_TYPE_FILE);
    return 0;
}

/* Microsoft (WdfDeviceSetDeviceInterfaceStateEx, KMDF 1.31): as WdfDeviceSetDeviceInterfaceState
 * once the device has started; from EvtDriverDeviceAdd (FALSE there) it says whether the
 * interface is enabled at the start, which is what the older routine does before the start. */
VOID imp_WdfDeviceSetDeviceInterfaceState(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                          const GUID *InterfaceClassGUID,
                                          PCUNICODE_STRING ReferenceString,
                                          BOOLEAN IsInterfaceEnabled);
VOID imp_WdfDeviceSetDeviceInterfaceStateEx(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                            const GUID *InterfaceClassGUID,
                                            PCUNICODE_STRING ReferenceString,
                                            BOOLEAN IsInterfaceEnabled)
{
    imp_WdfDeviceSetDeviceInterfaceState(globals, Device, InterfaceClassGUID, ReferenceString,
                                         IsInterfaceEnabled);
}

/* Microsoft (WdfPdoInitRemovePowerDependencyOnParent, KMDF 1.29): a PDO's init only. drvhost's
 * framework does not make a child's power transitions wait for its parent's, so there is no
 * dependency to remove: nothing changes (docs/wdf.md). */
VOID imp_WdfPdoInitRemovePowerDependencyOnParent(PWDF_DRIVER_GLOBALS globals,
                                                 PWDFDEVICE_INIT DeviceInit)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(g, DeviceInit, "WdfPdoInitRemovePowerDependencyOnParent",
                                        __builtin_return_address(0));
    if (init->bus == NULL || !init->bus->is_pdo)
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfPdoInitRemovePowerDependencyOnParent: %p is not a "
                 "WdfPdoInitAllocate init; ignored",
                 g->pub.DriverName, (void *)init);
}

/* Microsoft (WdfDeviceInitSetIoTypeEx, WDF_IO_TYPE_CONFIG; KMDF 1.13): for KMDF only
 * ReadWriteIoType counts (DeviceControlIoType and DirectTransferThreshold are UMDF's), so it is
 * WdfDeviceInitSetIoType's. A Size that is not the structure's is reported and the call ignored
 * (the size has not changed since KMDF 1.13). */
VOID imp_WdfDeviceInitSetIoType(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                WDF_DEVICE_IO_TYPE IoType);
VOID imp_WdfDeviceInitSetIoTypeEx(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                  PWDF_IO_TYPE_CONFIG IoTypeConfig)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    WDF_CHECK_NOT_NULL(g, IoTypeConfig);
    if (IoTypeConfig->Size != sizeof(WDF_IO_TYPE_CONFIG)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfDeviceInitSetIoTypeEx: WDF_IO_TYPE_CONFIG.Size %lu, not %lu "
                 "(WDF_IO_TYPE_CONFIG_INIT); ignored",
                 g->pub.DriverName, (unsigned long)IoTypeConfig->Size,
                 (unsigned long)sizeof(WDF_IO_TYPE_CONFIG));
        return;
    }
    imp_WdfDeviceInitSetIoType(globals, DeviceInit, IoTypeConfig->ReadWriteIoType);
}
