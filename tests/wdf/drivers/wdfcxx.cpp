/* wdfcxx.cpp - DriverEntry of the C++ KMDF test driver (wdfcxx.h): a non-PnP driver that
 * creates an object with a CXX_CONTEXT, writes the context here and reads it back through the
 * other source file; DriverEntry fails if they disagree, so the module fails to load. */
#include "wdfcxx.h"

EXTERN_C DRIVER_INITIALIZE DriverEntry;

EXTERN_C NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFOBJECT object;
    NTSTATUS status;

    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status = WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                             WDF_NO_HANDLE);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, CXX_CONTEXT);
    status = WdfObjectCreate(&attributes, &object);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    CxxGetContext(object)->Value = 0x1234;
    status = CxxReadValue(object) == 0x1234 ? STATUS_SUCCESS : STATUS_OBJECT_TYPE_MISMATCH;
    WdfObjectDelete(object);
    return status;
}
