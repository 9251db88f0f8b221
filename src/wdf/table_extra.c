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

/* Microsoft (WdfRequestIsReserved): TRUE only for a request the framework reserved for
 * forward progress; drvhost reserves none (WdfIoQueueAssignForwardProgressPolicy is not
 * implemented), so every request is an ordinary one. */
BOOLEAN imp_WdfRequestIsReserved(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request)
{
    wdf_object_get(wdf_globals_of(globals), Request, WDF_TYPE_REQUEST);
    return FALSE;
}
