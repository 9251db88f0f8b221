/*
 * wdfminiport.h - framework miniport drivers (a port driver owns the dispatch table; the
 * miniport uses the framework for the rest): WdfDeviceMiniportCreate, WdfDriverMiniportUnload.
 * A miniport includes it after <wdf.h>.
 */
#ifndef _WDFMINIPORT_H_
#define _WDFMINIPORT_H_

#include <wdf.h>

typedef NTSTATUS (*PFN_WDFDEVICEMINIPORTCREATE)(PWDF_DRIVER_GLOBALS, WDFDRIVER,
                                                PWDF_OBJECT_ATTRIBUTES, PDEVICE_OBJECT,
                                                PDEVICE_OBJECT, PDEVICE_OBJECT, WDFDEVICE *);
FORCEINLINE NTSTATUS WdfDeviceMiniportCreate(WDFDRIVER Driver, PWDF_OBJECT_ATTRIBUTES Attributes,
                                             PDEVICE_OBJECT DeviceObject,
                                             PDEVICE_OBJECT AttachedDeviceObject,
                                             PDEVICE_OBJECT Pdo, WDFDEVICE *Device)
{
    return ((PFN_WDFDEVICEMINIPORTCREATE)WdfFunctions[WdfDeviceMiniportCreateTableIndex])(
        WdfDriverGlobals, Driver, Attributes, DeviceObject, AttachedDeviceObject, Pdo, Device);
}

typedef VOID (*PFN_WDFDRIVERMINIPORTUNLOAD)(PWDF_DRIVER_GLOBALS, WDFDRIVER);
FORCEINLINE VOID WdfDriverMiniportUnload(WDFDRIVER Driver)
{
    ((PFN_WDFDRIVERMINIPORTUNLOAD)WdfFunctions[WdfDriverMiniportUnloadTableIndex])(WdfDriverGlobals,
                                                                                   Driver);
}

#endif
