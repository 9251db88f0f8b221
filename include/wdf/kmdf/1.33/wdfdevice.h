/*
 * wdfdevice.h - framework device objects: the WDFDEVICE_INIT calls, WdfDeviceCreate and the
 * device routines of drvhost's first framework slice (docs/wdf.md lists them).
 */
#ifndef _WDFDEVICE_H_
#define _WDFDEVICE_H_

typedef enum _WDF_DEVICE_IO_TYPE {
    WdfDeviceIoUndefined = 0,
    WdfDeviceIoNeither,
    WdfDeviceIoBuffered,
    WdfDeviceIoDirect,
    WdfDeviceIoBufferedOrDirect = 4,
    WdfDeviceIoMaximum,
} WDF_DEVICE_IO_TYPE, *PWDF_DEVICE_IO_TYPE;

typedef VOID (*PFN_WDFDEVICEINITFREE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT);
FORCEINLINE VOID WdfDeviceInitFree(PWDFDEVICE_INIT DeviceInit)
{
    ((PFN_WDFDEVICEINITFREE)WdfFunctions[WdfDeviceInitFreeTableIndex])(WdfDriverGlobals,
                                                                       DeviceInit);
}

typedef VOID (*PFN_WDFDEVICEINITSETIOTYPE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                           WDF_DEVICE_IO_TYPE);
FORCEINLINE VOID WdfDeviceInitSetIoType(PWDFDEVICE_INIT DeviceInit, WDF_DEVICE_IO_TYPE IoType)
{
    ((PFN_WDFDEVICEINITSETIOTYPE)WdfFunctions[WdfDeviceInitSetIoTypeTableIndex])(
        WdfDriverGlobals, DeviceInit, IoType);
}

typedef VOID (*PFN_WDFDEVICEINITSETEXCLUSIVE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, BOOLEAN);
FORCEINLINE VOID WdfDeviceInitSetExclusive(PWDFDEVICE_INIT DeviceInit, BOOLEAN IsExclusive)
{
    ((PFN_WDFDEVICEINITSETEXCLUSIVE)WdfFunctions[WdfDeviceInitSetExclusiveTableIndex])(
        WdfDriverGlobals, DeviceInit, IsExclusive);
}

typedef VOID (*PFN_WDFDEVICEINITSETDEVICETYPE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, DEVICE_TYPE);
FORCEINLINE VOID WdfDeviceInitSetDeviceType(PWDFDEVICE_INIT DeviceInit, DEVICE_TYPE DeviceType)
{
    ((PFN_WDFDEVICEINITSETDEVICETYPE)WdfFunctions[WdfDeviceInitSetDeviceTypeTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceType);
}

typedef VOID (*PFN_WDFDEVICEINITSETCHARACTERISTICS)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT, ULONG,
                                                    BOOLEAN);
FORCEINLINE VOID WdfDeviceInitSetCharacteristics(PWDFDEVICE_INIT DeviceInit,
                                                 ULONG DeviceCharacteristics, BOOLEAN OrInValues)
{
    ((PFN_WDFDEVICEINITSETCHARACTERISTICS)WdfFunctions[WdfDeviceInitSetCharacteristicsTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceCharacteristics, OrInValues);
}

typedef NTSTATUS (*PFN_WDFDEVICEINITASSIGNNAME)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceInitAssignName(PWDFDEVICE_INIT DeviceInit,
                                             PCUNICODE_STRING DeviceName)
{
    return ((PFN_WDFDEVICEINITASSIGNNAME)WdfFunctions[WdfDeviceInitAssignNameTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceName);
}

typedef NTSTATUS (*PFN_WDFDEVICECREATE)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT *,
                                        PWDF_OBJECT_ATTRIBUTES, WDFDEVICE *);
FORCEINLINE NTSTATUS WdfDeviceCreate(PWDFDEVICE_INIT *DeviceInit,
                                     PWDF_OBJECT_ATTRIBUTES DeviceAttributes, WDFDEVICE *Device)
{
    return ((PFN_WDFDEVICECREATE)WdfFunctions[WdfDeviceCreateTableIndex])(
        WdfDriverGlobals, DeviceInit, DeviceAttributes, Device);
}

typedef NTSTATUS (*PFN_WDFDEVICECREATESYMBOLICLINK)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                    PCUNICODE_STRING);
FORCEINLINE NTSTATUS WdfDeviceCreateSymbolicLink(WDFDEVICE Device,
                                                 PCUNICODE_STRING SymbolicLinkName)
{
    return ((PFN_WDFDEVICECREATESYMBOLICLINK)WdfFunctions[WdfDeviceCreateSymbolicLinkTableIndex])(
        WdfDriverGlobals, Device, SymbolicLinkName);
}

typedef WDFQUEUE (*PFN_WDFDEVICEGETDEFAULTQUEUE)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFQUEUE WdfDeviceGetDefaultQueue(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDEFAULTQUEUE)WdfFunctions[WdfDeviceGetDefaultQueueTableIndex])(
        WdfDriverGlobals, Device);
}

typedef PDEVICE_OBJECT (*PFN_WDFDEVICEWDMGETDEVICEOBJECT)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE PDEVICE_OBJECT WdfDeviceWdmGetDeviceObject(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEWDMGETDEVICEOBJECT)WdfFunctions[WdfDeviceWdmGetDeviceObjectTableIndex])(
        WdfDriverGlobals, Device);
}

typedef WDFDEVICE (*PFN_WDFWDMDEVICEGETWDFDEVICEHANDLE)(PWDF_DRIVER_GLOBALS, PDEVICE_OBJECT);
FORCEINLINE WDFDEVICE WdfWdmDeviceGetWdfDeviceHandle(PDEVICE_OBJECT DeviceObject)
{
    return (
        (PFN_WDFWDMDEVICEGETWDFDEVICEHANDLE)WdfFunctions[WdfWdmDeviceGetWdfDeviceHandleTableIndex])(
        WdfDriverGlobals, DeviceObject);
}

typedef WDFDRIVER (*PFN_WDFDEVICEGETDRIVER)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFDRIVER WdfDeviceGetDriver(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETDRIVER)WdfFunctions[WdfDeviceGetDriverTableIndex])(WdfDriverGlobals,
                                                                                Device);
}

#endif
