/* wdk_subset_kmdf.c - wdfdevice.h's power framework callback types, as a KMDF driver declares
 * its callbacks with them: a function defined with the documented signature must have the
 * typedef's type (this module failing to build is the test failing). */
#include <ntddk.h>
#include <wdf.h>

EVT_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE SampleEvtPostPoFxRegister;
EVT_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE SampleEvtPrePoFxUnregister;

/* Documented: NTSTATUS (WDFDEVICE Device, POHANDLE PoHandle); a failure fails the start. */
NTSTATUS SampleEvtPostPoFxRegister(WDFDEVICE Device, POHANDLE PoHandle)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PoHandle);
    return STATUS_SUCCESS;
}

/* Documented: void (WDFDEVICE Device, POHANDLE PoHandle). */
VOID SampleEvtPrePoFxUnregister(WDFDEVICE Device, POHANDLE PoHandle)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(PoHandle);
}

C_ASSERT(__builtin_types_compatible_p(PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE,
                                      NTSTATUS (*)(WDFDEVICE, POHANDLE)));
C_ASSERT(__builtin_types_compatible_p(PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE,
                                      VOID (*)(WDFDEVICE, POHANDLE)));

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    PFN_WDFDEVICE_WDM_POST_PO_FX_REGISTER_DEVICE post = SampleEvtPostPoFxRegister;
    PFN_WDFDEVICE_WDM_PRE_PO_FX_UNREGISTER_DEVICE pre = SampleEvtPrePoFxUnregister;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    return post != NULL && pre != NULL ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
