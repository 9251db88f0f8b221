/*
 * ps2filt.c - a WDM keyboard and mouse upper filter (tests/input/scenarios: keyboard.scn,
 * mouse.scn) that does what kbfiltr and moufiltr do, in the open: it hooks the class driver's
 * connect request (keeps the class's CONNECT_DATA, puts its own service callback in), hooks the
 * port's i8042 request (its isr hook and, for a keyboard, its initialization routine) and counts
 * what it sees (IOCTL_PS2FILT_STATE). Its service callback changes the key A (make code 0x1E) into
 * B (0x30) so a scenario can tell that the records went through it; its isr hook swallows F1 (0x3B)
 * and a mouse's right-button-down record, and uses the port's routines from the hook request:
 * F2 (0x3C) lights caps lock through IsrWritePort (0xED 0x04), F3 (0x3D) is consumed and queued
 * as F4 (0x3E) with QueueKeyboardPacket, F5 (0x3F) queues an F6 (0x40) before going on itself; a
 * mouse's middle-button-down is consumed and queued with LastX 77, its left-button-up sets the
 * mouse's sample rate (0xF3 0x64). It sends the port an i8042 write-buffer request while the
 * class's connect request goes through it (before the hook request: the port is not ready) and
 * one for each IOCTL_PS2FILT_WRITE_BUFFER. Public WDK headers only.
 */
#include <ntddk.h>
#include <kbdmou.h>
#include <ntdd8042.h>

#include "ps2filt.h"

typedef struct _EXT {
    PDEVICE_OBJECT Lower, Self;
    CONNECT_DATA Upper; /* the class's */
    BOOLEAN Mouse;
    PVOID UpperIsrContext;
    PI8042_ISR_WRITE_PORT IsrWritePort; /* the port's routines, from the hook request */
    PI8042_QUEUE_PACKET QueuePacket;
    PVOID CallContext;
    PS2FILT_STATE State;
    NTSTATUS EarlyWrite; /* IOCTL_PS2FILT_EARLY_WRITE */
} EXT;

static VOID FilterCallback(PDEVICE_OBJECT Device, PVOID Start, PVOID End, PULONG Consumed)
{
    EXT *ext = Device->DeviceExtension;
    ULONG size = ext->Mouse ? sizeof(MOUSE_INPUT_DATA) : sizeof(KEYBOARD_INPUT_DATA);
    PUCHAR r;
    ext->State.Callbacks++;
    ext->State.CallbackIrql = KeGetCurrentIrql();
    for (r = Start; r < (PUCHAR)End; r += size) {
        ext->State.Records++;
        if (!ext->Mouse && ((PKEYBOARD_INPUT_DATA)r)->MakeCode == 0x1E)
            ((PKEYBOARD_INPUT_DATA)r)->MakeCode = 0x30;
    }
    ((PSERVICE_CALLBACK_ROUTINE)ext->Upper.ClassService)(ext->Upper.ClassDeviceObject, Start, End,
                                                         Consumed);
    ext->State.UpperConsumed = *Consumed;
}

static BOOLEAN KeyboardIsr(PVOID Context, PKEYBOARD_INPUT_DATA Input, POUTPUT_PACKET Output,
                           UCHAR StatusByte, PUCHAR DataByte, PBOOLEAN Continue,
                           PKEYBOARD_SCAN_STATE ScanState)
{
    EXT *ext = Context;
    UNREFERENCED_PARAMETER(Output);
    UNREFERENCED_PARAMETER(ScanState);
    ext->State.IsrCalls++;
    ext->State.LastStatusByte = StatusByte;
    ext->State.LastDataByte = *DataByte;
    if (Input->MakeCode == 0x3B)
        *Continue = FALSE; /* swallowed: the filter would report it itself */
    if (Input->MakeCode == 0x3C) {
        ext->IsrWritePort(ext->CallContext, 0xED); /* set LEDs: caps lock */
        ext->IsrWritePort(ext->CallContext, 0x04);
    }
    if (Input->MakeCode == 0x3D) { /* reported by the filter itself, as F4 */
        Input->MakeCode = 0x3E;
        ext->QueuePacket(ext->CallContext);
        *Continue = FALSE;
    }
    if (Input->MakeCode == 0x3F) { /* an F6 first, then the port goes on with F5 */
        Input->MakeCode = 0x40;
        ext->QueuePacket(ext->CallContext);
        Input->MakeCode = 0x3F;
    }
    return TRUE;
}

static BOOLEAN MouseIsr(PVOID Context, PMOUSE_INPUT_DATA Input, POUTPUT_PACKET Output,
                        UCHAR StatusByte, PUCHAR DataByte, PBOOLEAN Continue, PMOUSE_STATE State,
                        PMOUSE_RESET_SUBSTATE Reset)
{
    EXT *ext = Context;
    UNREFERENCED_PARAMETER(Output);
    UNREFERENCED_PARAMETER(State);
    UNREFERENCED_PARAMETER(Reset);
    ext->State.IsrCalls++;
    ext->State.LastStatusByte = StatusByte;
    ext->State.LastDataByte = *DataByte;
    if (Input->ButtonFlags == MOUSE_RIGHT_BUTTON_DOWN)
        *Continue = FALSE;
    if (Input->ButtonFlags == MOUSE_MIDDLE_BUTTON_DOWN) { /* reported by the filter itself */
        Input->LastX = 77;
        ext->QueuePacket(ext->CallContext);
        *Continue = FALSE;
    }
    if (Input->ButtonFlags == MOUSE_LEFT_BUTTON_UP) {
        ext->IsrWritePort(ext->CallContext, 0xF3); /* set the sample rate: 100 a second */
        ext->IsrWritePort(ext->CallContext, 100);
    }
    return TRUE;
}

static NTSTATUS KeyboardInit(PVOID Context, PVOID SynchContext, PI8042_SYNCH_READ_PORT ReadPort,
                             PI8042_SYNCH_WRITE_PORT WritePort, PBOOLEAN TurnTranslationOn)
{
    EXT *ext = Context;
    UCHAR value = 0;
    NTSTATUS status = WritePort(SynchContext, 0xF4, TRUE); /* enable scanning */
    if (NT_SUCCESS(status))
        status = ReadPort(SynchContext, &value, FALSE);
    ext->State.InitCalls++;
    ext->State.InitReadByte = value;
    *TurnTranslationOn = TRUE;
    return status;
}

static NTSTATUS PassDown(EXT *ext, PIRP Irp)
{
    IoSkipCurrentIrpStackLocation(Irp);
    return IoCallDriver(ext->Lower, Irp);
}

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* Sends an internal device control to the port and waits for it (PASSIVE_LEVEL). */
static NTSTATUS SendDown(EXT *ext, ULONG Code, PVOID In, ULONG Length)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb;
    PIRP irp;
    NTSTATUS status;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp = IoBuildDeviceIoControlRequest(Code, ext->Lower, In, Length, NULL, 0, TRUE, &done, &iosb);
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = IoCallDriver(ext->Lower, irp);
    if (status == STATUS_PENDING) {
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
        status = iosb.Status;
    }
    return status;
}

static NTSTATUS ConnectAgain(EXT *ext, ULONG Length)
{
    CONNECT_DATA data = {ext->Self, (PVOID)FilterCallback};
    return SendDown(ext,
                    ext->Mouse ? IOCTL_INTERNAL_MOUSE_CONNECT : IOCTL_INTERNAL_KEYBOARD_CONNECT,
                    &data, Length);
}

static NTSTATUS WriteBuffer(EXT *ext, PVOID Bytes, ULONG Length)
{
    return SendDown(ext,
                    ext->Mouse ? IOCTL_INTERNAL_I8042_MOUSE_WRITE_BUFFER
                               : IOCTL_INTERNAL_I8042_KEYBOARD_WRITE_BUFFER,
                    Bytes, Length);
}

static void HookKeyboard(EXT *ext, PINTERNAL_I8042_HOOK_KEYBOARD hook)
{
    ext->State.Hooks++;
    ext->State.HookHadPortRoutines = hook->IsrWritePort != NULL &&
                                     hook->QueueKeyboardPacket != NULL && hook->CallContext != NULL;
    ext->UpperIsrContext = hook->Context;
    ext->IsrWritePort = hook->IsrWritePort;
    ext->QueuePacket = hook->QueueKeyboardPacket;
    ext->CallContext = hook->CallContext;
    hook->Context = ext;
    hook->IsrRoutine = KeyboardIsr;
    hook->InitializationRoutine = KeyboardInit;
}

static void HookMouse(EXT *ext, PINTERNAL_I8042_HOOK_MOUSE hook)
{
    ext->State.Hooks++;
    ext->State.HookHadPortRoutines =
        hook->IsrWritePort != NULL && hook->QueueMousePacket != NULL && hook->CallContext != NULL;
    ext->UpperIsrContext = hook->Context;
    ext->IsrWritePort = hook->IsrWritePort;
    ext->QueuePacket = hook->QueueMousePacket;
    ext->CallContext = hook->CallContext;
    hook->Context = ext;
    hook->IsrRoutine = MouseIsr;
}

static NTSTATUS DispatchInternal(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PVOID in = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_INTERNAL_KEYBOARD_CONNECT:
    case IOCTL_INTERNAL_MOUSE_CONNECT:
        ext->Mouse = sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_INTERNAL_MOUSE_CONNECT;
        ext->Upper = *(PCONNECT_DATA)in;
        ((PCONNECT_DATA)in)->ClassDeviceObject = Device;
        ((PCONNECT_DATA)in)->ClassService = (PVOID)FilterCallback;
        ext->State.Connects++;
        {
            UCHAR enable[2] = {0xF4, 0xF4};
            ext->EarlyWrite = WriteBuffer(ext, enable, sizeof enable);
        }
        break;
    case IOCTL_INTERNAL_I8042_HOOK_KEYBOARD:
        HookKeyboard(ext, in);
        break;
    case IOCTL_INTERNAL_I8042_HOOK_MOUSE:
        HookMouse(ext, in);
        break;
    case IOCTL_PS2FILT_STATE:
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(PS2FILT_STATE))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &ext->State, sizeof(PS2FILT_STATE));
        return Complete(Irp, STATUS_SUCCESS, sizeof(PS2FILT_STATE));
    case IOCTL_PS2FILT_CONNECT_AGAIN:
        return Complete(Irp, ConnectAgain(ext, sizeof(CONNECT_DATA)), 0);
    case IOCTL_PS2FILT_CONNECT_SHORT:
        return Complete(Irp, ConnectAgain(ext, sizeof(CONNECT_DATA) - 1), 0);
    case IOCTL_PS2FILT_WRITE_BUFFER:
        return Complete(Irp,
                        WriteBuffer(ext,
                                    sp->Parameters.DeviceIoControl.InputBufferLength
                                        ? Irp->AssociatedIrp.SystemBuffer
                                        : NULL,
                                    sp->Parameters.DeviceIoControl.InputBufferLength),
                        0);
    case IOCTL_PS2FILT_EARLY_WRITE:
        if (sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        *(PULONG)Irp->AssociatedIrp.SystemBuffer = (ULONG)ext->EarlyWrite;
        return Complete(Irp, STATUS_SUCCESS, sizeof(ULONG));
    case IOCTL_PS2FILT_QUEUE_OUTSIDE:
        ext->QueuePacket(ext->CallContext); /* not from the isr hook: the page forbids it */
        return Complete(Irp, STATUS_SUCCESS, 0);
    }
    return PassDown(ext, Irp);
}

static NTSTATUS DispatchPassDown(PDEVICE_OBJECT Device, PIRP Irp)
{
    return PassDown(Device->DeviceExtension, Irp);
}

static NTSTATUS DispatchPower(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(ext->Lower, Irp);
}

static NTSTATUS DispatchPnp(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    PDEVICE_OBJECT lower = ext->Lower;
    NTSTATUS status;
    if (IoGetCurrentIrpStackLocation(Irp)->MinorFunction != IRP_MN_REMOVE_DEVICE)
        return PassDown(ext, Irp);
    status = PassDown(ext, Irp);
    IoDetachDevice(lower);
    IoDeleteDevice(Device);
    return status;
}

static NTSTATUS AddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo)
{
    PDEVICE_OBJECT device;
    EXT *ext;
    NTSTATUS status =
        IoCreateDevice(Driver, sizeof(EXT), NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    ext = device->DeviceExtension;
    RtlZeroMemory(ext, sizeof(*ext));
    ext->Self = device;
    ext->Lower = IoAttachDeviceToDeviceStack(device, Pdo);
    if (ext->Lower == NULL) {
        IoDeleteDevice(device);
        return STATUS_NO_SUCH_DEVICE;
    }
    device->Flags |= ext->Lower->Flags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_POWER_PAGABLE);
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID Unload(PDRIVER_OBJECT Driver)
{
    UNREFERENCED_PARAMETER(Driver);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING RegistryPath)
{
    ULONG i;
    UNREFERENCED_PARAMETER(RegistryPath);
    for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        Driver->MajorFunction[i] = DispatchPassDown;
    Driver->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = DispatchInternal;
    Driver->MajorFunction[IRP_MJ_PNP] = DispatchPnp;
    Driver->MajorFunction[IRP_MJ_POWER] = DispatchPower;
    Driver->DriverExtension->AddDevice = AddDevice;
    Driver->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
