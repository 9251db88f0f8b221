/*
 * wdmsec.h - secure device objects: IoCreateDeviceSecure (WdmlibIoCreateDeviceSecure), the
 * predefined SDDL strings for device objects (SDDL_DEVOBJ_*), IoValidateDeviceIoControlAccess.
 *
 * In the WDK these come from Wdmsec.lib; drvhost's runtime exports them. The SDDL strings are
 * the values the reference ("SDDL for Device Objects") gives; INF_SUPPLIED, ADM_RX,
 * WORLD_RW_RES_R and WORLD_RWX_RES_RWX, which the page does not list, have the WDK header's. See
 * docs/io.md, "Device security", for what drvhost checks with them.
 */
#ifndef _WDMSEC_H_
#define _WDMSEC_H_

#include <wdm.h>

#ifdef __cplusplus
extern "C" {
#endif

NTKERNELAPI NTSTATUS NTAPI IoCreateDeviceSecure(
    PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize, PUNICODE_STRING DeviceName,
    DEVICE_TYPE DeviceType, ULONG DeviceCharacteristics, BOOLEAN Exclusive,
    PCUNICODE_STRING DefaultSDDLString, LPCGUID DeviceClassGuid, PDEVICE_OBJECT *DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoValidateDeviceIoControlAccess(PIRP Irp, ULONG RequiredAccess);

#define WdmlibIoCreateDeviceSecure            IoCreateDeviceSecure
#define WdmlibIoValidateDeviceIoControlAccess IoValidateDeviceIoControlAccess
#define WdmlibRtlInitUnicodeStringEx          RtlInitUnicodeStringEx

/* static: each translation unit that includes the header has its own copy, as a header-defined
 * constant must be to link more than once. */
#define DRVHOST_SDDL_DEVOBJ(_var, _text)                                                           \
    static const WCHAR _var##_drvhost_text[] = _text;                                              \
    static const UNICODE_STRING _var __attribute__((unused)) = {                                   \
        sizeof(_text) - sizeof(WCHAR), sizeof(_text), (PWCH)_var##_drvhost_text}

DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_KERNEL_ONLY, L"D:P");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_INF_SUPPLIED, L"D:P");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL, L"D:P(A;;GA;;;SY)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_ALL, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_RX, L"D:P(A;;GA;;;SY)(A;;GRGX;;;BA)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R,
                    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R_RES_R,
                    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)(A;;GR;;;RC)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R,
                    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)");
DRVHOST_SDDL_DEVOBJ(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX,
                    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)");

#ifdef __cplusplus
}
#endif

#endif
