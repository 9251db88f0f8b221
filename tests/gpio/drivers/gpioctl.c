/*
 * gpioctl.c - a GPIO controller driver of our own, a client of GpioClx (gpioclx.h): 40 pins in
 * banks of 32 (the second bank has 8), whose levels live in the device context; a pin written
 * through an output connection reads back through an input connection. Built twice: gpioctl
 * (CLIENT_ReadGpioPins / CLIENT_WriteGpioPins, a controller that is not memory-mapped) and,
 * with GPIOCTL_MASKS, gpioctlm (the *UsingMask callbacks, a memory-mapped controller). Every
 * callback and every GpioClx result is printed (DbgPrint) for the scenarios' expect-output
 * (a connect with its pull configuration, debounce, drive strength and vendor data length, a
 * disconnect with its PreserveConfiguration flag).
 *
 * gpioctlm also has the six interrupt callbacks: a pin's interrupt is enabled, masked and
 * cleared in the context; an edge (rising for active-high, falling for active-low, either for
 * active-both) written to an enabled edge pin latches its status, an enabled level pin is
 * active while its level is the active one; CLIENT_QueryActiveInterrupts reports the enabled,
 * unmasked active pins. A scenario drives a pin by writing it through an output connection,
 * then fires the controller's interrupt (`interrupt`).
 *
 * Failure knobs: CLIENT_ConnectIoPins and CLIENT_EnableInterrupt fail with
 * STATUS_IO_DEVICE_ERROR for pin 39 (bank 1, pin 7); CLIENT_QueryActiveInterrupts reports pin
 * 38 (bank 1, pin 6) active whether enabled or not (GpioClx must ignore it); a port resource fails
 * CLIENT_PrepareController, two interrupt resources make
 * CLIENT_QueryControllerBasicInformation report 0 pins per bank; in gpioctlm, connecting pin 38
 * takes the interrupt lock of bank 5, which does not exist; the device GPIOCTL\NOPOST is created
 * without GPIO_CLX_ProcessAddDevicePostDeviceCreate. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>
#include <gpioclx.h>

#ifdef GPIOCTL_MASKS
#define NAME "gpioctlm"
#else
#define NAME "gpioctl"
#endif
#define Print(...)    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, NAME ": " __VA_ARGS__)
#define TOTAL_PINS    40
#define PINS_PER_BANK 32

typedef struct _CONTROLLER {
    ULONG64 Levels[2]; /* bank 0, bank 1 */
    BOOLEAN BadInformation;
    /* the interrupt registers, per bank (gpioctlm) */
    ULONG64 Enabled[2], Masked[2], Edge[2], Low[2], Both[2], Status[2];
} CONTROLLER, *PCONTROLLER;

static GPIO_CLIENT_PREPARE_CONTROLLER PrepareController;
static GPIO_CLIENT_RELEASE_CONTROLLER ReleaseController;
static GPIO_CLIENT_START_CONTROLLER StartController;
static GPIO_CLIENT_STOP_CONTROLLER StopController;
static GPIO_CLIENT_QUERY_CONTROLLER_BASIC_INFORMATION QueryInformation;
static GPIO_CLIENT_CONNECT_IO_PINS ConnectIoPins;
static GPIO_CLIENT_DISCONNECT_IO_PINS DisconnectIoPins;
static EVT_WDF_DRIVER_DEVICE_ADD DeviceAdd;
static EVT_WDF_DRIVER_UNLOAD DriverUnload;

static void PrintPins(const char *what, PGPIO_CONNECT_IO_PINS_PARAMETERS c,
                      PGPIO_DISCONNECT_IO_PINS_PARAMETERS d)
{
    BANK_ID bank = c != NULL ? c->BankId : d->BankId;
    PPIN_NUMBER table = c != NULL ? c->PinNumberTable : d->PinNumberTable;
    ULONG count = c != NULL ? c->PinCount : d->PinCount;
    int mode = c != NULL ? c->ConnectMode : d->DisconnectMode;
    char text[128];
    size_t at = 0;
    text[0] = 0;
    for (ULONG i = 0; i < count && at + 8 < sizeof(text); i++)
        at += (size_t)_snprintf(text + at, sizeof(text) - at, i ? ",%u" : "%u", table[i]);
    if (c != NULL)
        Print("%s bank %u pins %s mode %d pull %u debounce %u drive %u vendor %lu\n", what, bank,
              text, mode, c->PullConfiguration, c->DebounceTimeout, c->DriveStrength,
              (unsigned long)(c->VendorData != NULL ? c->VendorDataLength : 0));
    else
        Print("%s bank %u pins %s mode %d preserve %u\n", what, bank, text, mode,
              (unsigned)d->DisconnectFlags.PreserveConfiguration);
}

static NTSTATUS PrepareController(WDFDEVICE Device, PVOID Context, WDFCMRESLIST ResourcesRaw,
                                  WDFCMRESLIST ResourcesTranslated)
{
    PCONTROLLER c = Context;
    ULONG count = WdfCmResourceListGetCount(ResourcesTranslated);
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(ResourcesRaw);
    Print("prepare, %lu resources\n", count);
    ULONG interrupts = 0;
    c->Levels[0] = 0xA5A5A5A5;
    c->Levels[1] = 0x5A;
    for (ULONG i = 0; i < count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = WdfCmResourceListGetDescriptor(ResourcesTranslated, i);
        if (d->Type == CmResourceTypePort)
            return STATUS_DEVICE_CONFIGURATION_ERROR;
        if (d->Type == CmResourceTypeInterrupt)
            interrupts++;
    }
    c->BadInformation = interrupts >= 2;
    return STATUS_SUCCESS;
}

static NTSTATUS ReleaseController(WDFDEVICE Device, PVOID Context)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(Context);
    Print("release\n");
    return STATUS_SUCCESS;
}

static NTSTATUS StartController(PVOID Context, BOOLEAN RestoreContext,
                                WDF_POWER_DEVICE_STATE PreviousPowerState)
{
#ifdef GPIOCTL_MASKS
    GPIO_CLX_AcquireInterruptLock(Context, 1);
    Print("interrupt lock held at IRQL %u\n", KeGetCurrentIrql());
    GPIO_CLX_ReleaseInterruptLock(Context, 1);
#else
    UNREFERENCED_PARAMETER(Context);
#endif
    Print("start, restore %u, previous %d\n", RestoreContext, PreviousPowerState);
    return STATUS_SUCCESS;
}

static NTSTATUS StopController(PVOID Context, BOOLEAN SaveContext,
                               WDF_POWER_DEVICE_STATE TargetState)
{
    UNREFERENCED_PARAMETER(Context);
    Print("stop, save %u, target %d\n", SaveContext, TargetState);
    return STATUS_SUCCESS;
}

static NTSTATUS QueryInformation(PVOID Context, PCLIENT_CONTROLLER_BASIC_INFORMATION Information)
{
    PCONTROLLER c = Context;
    Print("query\n");
    Information->Version = GPIO_CONTROLLER_BASIC_INFORMATION_VERSION;
    Information->Size = sizeof(*Information);
    Information->TotalPins = TOTAL_PINS;
    Information->NumberOfPinsPerBank = c->BadInformation ? 0 : PINS_PER_BANK;
#ifdef GPIOCTL_MASKS
    Information->Flags.MemoryMappedController = 1;
    Information->Flags.FormatIoRequestsAsMasks = 1;
#endif
    return STATUS_SUCCESS;
}

static NTSTATUS ConnectIoPins(PVOID Context, PGPIO_CONNECT_IO_PINS_PARAMETERS Parameters)
{
    PrintPins("connect", Parameters, NULL);
    for (USHORT i = 0; i < Parameters->PinCount; i++) {
        if (Parameters->BankId == 1 && Parameters->PinNumberTable[i] == 7)
            return STATUS_IO_DEVICE_ERROR;
#ifdef GPIOCTL_MASKS
        if (Parameters->BankId == 1 && Parameters->PinNumberTable[i] == 6)
            GPIO_CLX_AcquireInterruptLock(Context, 5);
#endif
    }
    UNREFERENCED_PARAMETER(Context);
    return STATUS_SUCCESS;
}

static NTSTATUS DisconnectIoPins(PVOID Context, PGPIO_DISCONNECT_IO_PINS_PARAMETERS Parameters)
{
    UNREFERENCED_PARAMETER(Context);
    PrintPins("disconnect", NULL, Parameters);
    return STATUS_SUCCESS;
}

#ifdef GPIOCTL_MASKS
static NTSTATUS ReadPinsMask(PVOID Context, PGPIO_READ_PINS_MASK_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    Print("read mask bank %u at IRQL %u\n", Parameters->BankId, KeGetCurrentIrql());
    *Parameters->PinValues = c->Levels[Parameters->BankId];
    return STATUS_SUCCESS;
}

/* The edges a write makes latch the status of the enabled edge pins they trigger. */
static void LatchEdges(PCONTROLLER c, BANK_ID Bank, ULONG64 Old)
{
    ULONG64 rising = c->Levels[Bank] & ~Old, falling = Old & ~c->Levels[Bank];
    ULONG64 hit = (rising & ~c->Low[Bank] & ~c->Both[Bank]) | (falling & c->Low[Bank]) |
                  ((rising | falling) & c->Both[Bank]);
    c->Status[Bank] |= hit & c->Enabled[Bank] & c->Edge[Bank];
}

static NTSTATUS WritePinsMask(PVOID Context, PGPIO_WRITE_PINS_MASK_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    ULONG64 old = c->Levels[Parameters->BankId];
    Print("write mask bank %u set 0x%llx clear 0x%llx\n", Parameters->BankId, Parameters->SetMask,
          Parameters->ClearMask);
    c->Levels[Parameters->BankId] |= Parameters->SetMask;
    c->Levels[Parameters->BankId] &= ~Parameters->ClearMask;
    LatchEdges(c, Parameters->BankId, old);
    return STATUS_SUCCESS;
}

static NTSTATUS EnableInterrupt(PVOID Context, PGPIO_ENABLE_INTERRUPT_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    BANK_ID b = Parameters->BankId;
    ULONG64 bit = 1ull << Parameters->PinNumber;
    Print("enable bank %u pin %u mode %d polarity %d pull %u debounce %u at IRQL %u\n", b,
          Parameters->PinNumber, Parameters->InterruptMode, Parameters->Polarity,
          Parameters->PullConfiguration, Parameters->DebounceTimeout, KeGetCurrentIrql());
    if (b == 1 && Parameters->PinNumber == 7)
        return STATUS_IO_DEVICE_ERROR;
    c->Enabled[b] |= bit;
    c->Masked[b] &= ~bit; /* "GPIO Interrupt Masks": enabled unmasked */
    c->Status[b] &= ~bit;
    c->Edge[b] = Parameters->InterruptMode == Latched ? c->Edge[b] | bit : c->Edge[b] & ~bit;
    c->Low[b] = Parameters->Polarity == InterruptActiveLow ? c->Low[b] | bit : c->Low[b] & ~bit;
    c->Both[b] = Parameters->Polarity == InterruptActiveBoth ? c->Both[b] | bit : c->Both[b] & ~bit;
    return STATUS_SUCCESS;
}

static NTSTATUS DisableInterrupt(PVOID Context, PGPIO_DISABLE_INTERRUPT_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    Print("disable bank %u pin %u at IRQL %u\n", Parameters->BankId, Parameters->PinNumber,
          KeGetCurrentIrql());
    c->Enabled[Parameters->BankId] &= ~(1ull << Parameters->PinNumber);
    return STATUS_SUCCESS;
}

static NTSTATUS MaskInterrupts(PVOID Context, PGPIO_MASK_INTERRUPT_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    Print("mask bank %u pins 0x%llx\n", Parameters->BankId, Parameters->PinMask);
    c->Masked[Parameters->BankId] |= Parameters->PinMask;
    Parameters->FailedMask = 0;
    return STATUS_SUCCESS;
}

static NTSTATUS UnmaskInterrupt(PVOID Context, PGPIO_ENABLE_INTERRUPT_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    Print("unmask bank %u pin %u mode %d polarity %d\n", Parameters->BankId, Parameters->PinNumber,
          Parameters->InterruptMode, Parameters->Polarity);
    c->Masked[Parameters->BankId] &= ~(1ull << Parameters->PinNumber);
    return STATUS_SUCCESS;
}

static NTSTATUS QueryActive(PVOID Context, PGPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    BANK_ID b = Parameters->BankId;
    ULONG64 level =
        c->Enabled[b] & ~c->Edge[b] & ((c->Levels[b] & ~c->Low[b]) | (~c->Levels[b] & c->Low[b]));
    Parameters->ActiveMask = (c->Status[b] | level) & ~c->Masked[b] & Parameters->EnabledMask;
    if (b == 1)
        Parameters->ActiveMask |= 1ull << 6; /* a knob: pin 38 says active, enabled or not */
    Print("query active bank %u enabled 0x%llx active 0x%llx at IRQL %u\n", b,
          Parameters->EnabledMask, Parameters->ActiveMask, KeGetCurrentIrql());
    return STATUS_SUCCESS;
}

static NTSTATUS ClearActive(PVOID Context, PGPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    Print("clear bank %u pins 0x%llx\n", Parameters->BankId, Parameters->ClearActiveMask);
    c->Status[Parameters->BankId] &= ~Parameters->ClearActiveMask;
    Parameters->FailedClearMask = 0;
    return STATUS_SUCCESS;
}
#else
static NTSTATUS ReadPins(PVOID Context, PGPIO_READ_PINS_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    PUCHAR out = Parameters->Buffer;
    Print("read bank %u, %lu pins, at IRQL %u\n", Parameters->BankId, Parameters->PinCount,
          KeGetCurrentIrql());
    for (ULONG i = 0; i < Parameters->PinCount; i++)
        if ((c->Levels[Parameters->BankId] >> Parameters->PinNumberTable[i]) & 1)
            out[i / 8] |= (UCHAR)(1u << (i % 8));
    return STATUS_SUCCESS;
}

static NTSTATUS WritePins(PVOID Context, PGPIO_WRITE_PINS_PARAMETERS Parameters)
{
    PCONTROLLER c = Context;
    PUCHAR in = Parameters->Buffer;
    Print("write bank %u, %lu pins, first byte 0x%02x\n", Parameters->BankId, Parameters->PinCount,
          in[0]);
    for (ULONG i = 0; i < Parameters->PinCount; i++) {
        ULONG64 bit = 1ull << Parameters->PinNumberTable[i];
        if ((in[i / 8] >> (i % 8)) & 1)
            c->Levels[Parameters->BankId] |= bit;
        else
            c->Levels[Parameters->BankId] &= ~bit;
    }
    return STATUS_SUCCESS;
}
#endif

static void FillPacket(PGPIO_CLIENT_REGISTRATION_PACKET p)
{
    RtlZeroMemory(p, sizeof(*p));
    p->Version = GPIO_CLIENT_VERSION;
    p->Size = sizeof(*p);
    p->ControllerContextSize = sizeof(CONTROLLER);
    p->CLIENT_PrepareController = PrepareController;
    p->CLIENT_ReleaseController = ReleaseController;
    p->CLIENT_StartController = StartController;
    p->CLIENT_StopController = StopController;
    p->CLIENT_QueryControllerBasicInformation = QueryInformation;
    p->CLIENT_ConnectIoPins = ConnectIoPins;
    p->CLIENT_DisconnectIoPins = DisconnectIoPins;
#ifdef GPIOCTL_MASKS
    p->CLIENT_ReadGpioPinsUsingMask = ReadPinsMask;
    p->CLIENT_WriteGpioPinsUsingMask = WritePinsMask;
    p->CLIENT_EnableInterrupt = EnableInterrupt;
    p->CLIENT_DisableInterrupt = DisableInterrupt;
    p->CLIENT_MaskInterrupts = MaskInterrupts;
    p->CLIENT_UnmaskInterrupt = UnmaskInterrupt;
    p->CLIENT_QueryActiveInterrupts = QueryActive;
    p->CLIENT_ClearActiveInterrupts = ClearActive;
#else
    p->CLIENT_ReadGpioPins = ReadPins;
    p->CLIENT_WriteGpioPins = WritePins;
#endif
}

/* The packets GPIO_CLX_RegisterClient refuses, each printed with its status. */
static void RegisterRefused(WDFDRIVER Driver, PUNICODE_STRING RegistryPath)
{
    GPIO_CLIENT_REGISTRATION_PACKET p;
    FillPacket(&p);
    Print("null driver 0x%08x, null packet 0x%08x, null path 0x%08x\n",
          GPIO_CLX_RegisterClient(NULL, &p, RegistryPath),
          GPIO_CLX_RegisterClient(Driver, NULL, RegistryPath),
          GPIO_CLX_RegisterClient(Driver, &p, NULL));
    p.Version = 2;
    Print("version 2 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    FillPacket(&p);
    p.Size -= 8;
    Print("short 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    FillPacket(&p);
    p.CLIENT_StopController = NULL;
    Print("no stop 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    FillPacket(&p);
    p.CLIENT_DisconnectIoPins = NULL;
    Print("no disconnect 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    FillPacket(&p);
    p.CLIENT_ReadGpioPins = NULL;
    p.CLIENT_WriteGpioPins = NULL;
    Print("no read or write 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    FillPacket(&p);
    p.CLIENT_EnableInterrupt = (PGPIO_CLIENT_ENABLE_INTERRUPT)ConnectIoPins;
    p.CLIENT_DisableInterrupt = NULL; /* gpioctlm: five of the six */
    Print("one interrupt callback 0x%08x\n", GPIO_CLX_RegisterClient(Driver, &p, RegistryPath));
    Print("unregister unregistered 0x%08x\n", GPIO_CLX_UnregisterClient(Driver));
}

/* GPIO_CLX_ProcessAddDevicePre/PostDeviceCreate while the driver is not registered (it
 * unregisters for the call, then registers again): STATUS_INVALID_PARAMETER, as documented. */
static NTSTATUS Unregistered(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit, WDFDEVICE Device)
{
    GPIO_CLIENT_REGISTRATION_PACKET p;
    WDF_OBJECT_ATTRIBUTES attributes;
    UNICODE_STRING path;
    NTSTATUS status = GPIO_CLX_UnregisterClient(Driver);
    if (!NT_SUCCESS(status))
        return status;
    if (DeviceInit != NULL)
        status = GPIO_CLX_ProcessAddDevicePreDeviceCreate(Driver, DeviceInit, &attributes);
    else
        status = GPIO_CLX_ProcessAddDevicePostDeviceCreate(Driver, Device);
    Print("%s unregistered 0x%08x\n", DeviceInit != NULL ? "pre-create" : "post-create", status);
    FillPacket(&p);
    RtlInitUnicodeString(&path, WdfDriverGetRegistryPath(Driver));
    return GPIO_CLX_RegisterClient(Driver, &p, &path);
}

/* TRUE for the device GPIOCTL\NOPOST, whose AddDevice leaves out the post-create call. */
static BOOLEAN NoPost(PWDFDEVICE_INIT DeviceInit)
{
    static const WCHAR id[] = L"GPIOCTL\\NOPOST";
    WCHAR ids[64] = {0};
    ULONG length = 0;
    NTSTATUS status = WdfFdoInitQueryProperty(DeviceInit, DevicePropertyHardwareID,
                                              sizeof(ids) - sizeof(WCHAR), ids, &length);
    return NT_SUCCESS(status) && RtlCompareMemory(ids, id, sizeof(id)) == sizeof(id);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFDEVICE device;
    BOOLEAN no_post = NoPost(DeviceInit);
    NTSTATUS status = Unregistered(Driver, DeviceInit, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = GPIO_CLX_ProcessAddDevicePreDeviceCreate(Driver, DeviceInit, &attributes);
    Print("pre-create 0x%08x\n", status);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    if (no_post)
        return STATUS_SUCCESS; /* its start is GpioClx's bug check */
    status = Unregistered(Driver, NULL, device);
    if (!NT_SUCCESS(status))
        return status;
    status = GPIO_CLX_ProcessAddDevicePostDeviceCreate(Driver, device);
    Print("post-create 0x%08x\n", status);
    return status;
}

static VOID DriverUnload(WDFDRIVER Driver)
{
    NTSTATUS first = GPIO_CLX_UnregisterClient(Driver);
    Print("unregister 0x%08x, again 0x%08x\n", first, GPIO_CLX_UnregisterClient(Driver));
}

DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    GPIO_CLIENT_REGISTRATION_PACKET p;
    WDFDRIVER driver;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    config.EvtDriverUnload = DriverUnload;
    NTSTATUS status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    RegisterRefused(driver, RegistryPath);
    FillPacket(&p);
    status = GPIO_CLX_RegisterClient(driver, &p, RegistryPath);
    Print("register 0x%08x, twice 0x%08x\n", status,
          GPIO_CLX_RegisterClient(driver, &p, RegistryPath));
    return status;
}
