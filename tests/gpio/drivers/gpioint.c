/*
 * gpioint.c - a peripheral driver whose interrupts are GPIO interrupts ("GPIO-based
 * interrupts": the driver sees an ordinary interrupt resource and connects it as any other;
 * the GPIO controller's GpioClx serves it). Its EvtDriverDeviceAdd creates two framework
 * interrupts, which the framework gives the device's interrupt resources in creation order;
 * their ISRs print the IRQL they run at and claim the interrupt, and queue their DPC. The
 * enable and disable callbacks and the resources' flags are printed too, for the scenarios'
 * expect-output. Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#define Print(...) DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "gpioint: " __VA_ARGS__)

typedef struct _INT_CONTEXT {
    ULONG Index;
} INT_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(INT_CONTEXT, GetIntContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD DeviceAdd;
static EVT_WDF_DEVICE_PREPARE_HARDWARE PrepareHardware;
static EVT_WDF_INTERRUPT_ISR Isr;
static EVT_WDF_INTERRUPT_DPC Dpc;
static EVT_WDF_INTERRUPT_ENABLE Enable;
static EVT_WDF_INTERRUPT_DISABLE Disable;

static NTSTATUS PrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    ULONG i;
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Raw);
    for (i = 0; i < WdfCmResourceListGetCount(Translated); i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = WdfCmResourceListGetDescriptor(Translated, i);
        if (d->Type == CmResourceTypeInterrupt)
            Print("interrupt resource flags 0x%x secondary %u\n", d->Flags,
                  (d->Flags & CM_RESOURCE_INTERRUPT_SECONDARY_INTERRUPT) != 0);
    }
    return STATUS_SUCCESS;
}

static BOOLEAN Isr(WDFINTERRUPT Interrupt, ULONG MessageID)
{
    UNREFERENCED_PARAMETER(MessageID);
    Print("isr %lu at IRQL %u\n", GetIntContext(Interrupt)->Index, KeGetCurrentIrql());
    WdfInterruptQueueDpcForIsr(Interrupt);
    return TRUE;
}

static VOID Dpc(WDFINTERRUPT Interrupt, WDFOBJECT Device)
{
    UNREFERENCED_PARAMETER(Device);
    Print("dpc %lu\n", GetIntContext(Interrupt)->Index);
}

static NTSTATUS Enable(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Print("enable %lu\n", GetIntContext(Interrupt)->Index);
    return STATUS_SUCCESS;
}

static NTSTATUS Disable(WDFINTERRUPT Interrupt, WDFDEVICE Device)
{
    UNREFERENCED_PARAMETER(Device);
    Print("disable %lu\n", GetIntContext(Interrupt)->Index);
    return STATUS_SUCCESS;
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDFDEVICE device;
    NTSTATUS status;
    ULONG i;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = PrepareHardware;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    for (i = 0; NT_SUCCESS(status) && i < 2; i++) {
        WDF_INTERRUPT_CONFIG config;
        WDF_OBJECT_ATTRIBUTES attributes;
        WDFINTERRUPT interrupt;
        WDF_INTERRUPT_CONFIG_INIT(&config, Isr, Dpc);
        config.EvtInterruptEnable = Enable;
        config.EvtInterruptDisable = Disable;
        WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, INT_CONTEXT);
        status = WdfInterruptCreate(device, &config, &attributes, &interrupt);
        if (NT_SUCCESS(status))
            GetIntContext(interrupt)->Index = i;
    }
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
