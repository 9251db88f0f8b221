/*
 * wdffileobject.h - framework file objects (WDFFILEOBJECT): one per file a framework device
 * opens when its WDF_FILEOBJECT_CONFIG asks for them (wdfdevice.h), and the WdfFileObject*
 * routines.
 */
#ifndef _WDFFILEOBJECT_H_
#define _WDFFILEOBJECT_H_

typedef PUNICODE_STRING (*PFN_WDFFILEOBJECTGETFILENAME)(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
FORCEINLINE PUNICODE_STRING WdfFileObjectGetFileName(WDFFILEOBJECT FileObject)
{
    return ((PFN_WDFFILEOBJECTGETFILENAME)WdfFunctions[WdfFileObjectGetFileNameTableIndex])(
        WdfDriverGlobals, FileObject);
}

typedef ULONG (*PFN_WDFFILEOBJECTGETFLAGS)(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
FORCEINLINE ULONG WdfFileObjectGetFlags(WDFFILEOBJECT FileObject)
{
    return ((PFN_WDFFILEOBJECTGETFLAGS)WdfFunctions[WdfFileObjectGetFlagsTableIndex])(
        WdfDriverGlobals, FileObject);
}

typedef WDFDEVICE (*PFN_WDFFILEOBJECTGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
FORCEINLINE WDFDEVICE WdfFileObjectGetDevice(WDFFILEOBJECT FileObject)
{
    return ((PFN_WDFFILEOBJECTGETDEVICE)WdfFunctions[WdfFileObjectGetDeviceTableIndex])(
        WdfDriverGlobals, FileObject);
}

typedef PFILE_OBJECT (*PFN_WDFFILEOBJECTWDMGETFILEOBJECT)(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
FORCEINLINE PFILE_OBJECT WdfFileObjectWdmGetFileObject(WDFFILEOBJECT FileObject)
{
    return (
        (PFN_WDFFILEOBJECTWDMGETFILEOBJECT)WdfFunctions[WdfFileObjectWdmGetFileObjectTableIndex])(
        WdfDriverGlobals, FileObject);
}

#if KMDF_VERSION_MINOR >= 21 /* Microsoft: minimum KMDF version 1.21 */
typedef ULONG (*PFN_WDFFILEOBJECTGETINITIATORPROCESSID)(PWDF_DRIVER_GLOBALS, WDFFILEOBJECT);
FORCEINLINE ULONG WdfFileObjectGetInitiatorProcessId(WDFFILEOBJECT FileObject)
{
    return ((PFN_WDFFILEOBJECTGETINITIATORPROCESSID)
                WdfFunctions[WdfFileObjectGetInitiatorProcessIdTableIndex])(WdfDriverGlobals,
                                                                            FileObject);
}
#endif

#endif
