/*
 * wdmintr.c - a WDM function driver for a device with hardware resources (scenarios/
 * interrupt.scn): at START_DEVICE, once the bus below completed it, it prints the translated
 * resources, maps the memory range (MmMapIoSpace) and connects its two interrupts: the first
 * with IoConnectInterruptEx(CONNECT_MESSAGE_BASED), which falls back to line-based when the
 * device has no message-signaled interrupts, the second with IoConnectInterrupt from the
 * resource (its ISR claims only every other interrupt). It reads and writes its ports. A device
 * control runs KeSynchronizeExecution and KeAcquireInterruptSpinLock. At REMOVE_DEVICE it
 * disconnects both. Everything it sees is printed ("wdmintr: ...") for the scenario's expect-output
 * lines. Public WDK headers only.
 */
#include "wdmframe.h"

#define WDMINTR_LINK       L"\\DosDevices\\WdmIntr"
#define IOCTL_WDMINTR_SYNC CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE00, METHOD_BUFFERED, FILE_ANY_ACCESS)

typedef struct _EXT {
    WDM_FRAME Frame; /* first: wdmframe.h */
    PKINTERRUPT Line, Second;
    volatile ULONG *Registers;
    ULONG RegistersLength;
    LONG SecondCount;
} EXT;

static void Print(const char *fmt, ...)
{
    char line[160];
    va_list args;
    va_start(args, fmt);
    _vsnprintf(line, sizeof(line) - 1, fmt, args);
    va_end(args);
    line[sizeof(line) - 1] = 0;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "wdmintr: %s\n", line);
}

static BOOLEAN LineIsr(PKINTERRUPT Interrupt, PVOID Context)
{
    EXT *ext = Context;
    UNREFERENCED_PARAMETER(Interrupt);
    Print("LineIsr irql=%u register=0x%x", (unsigned)KeGetCurrentIrql(),
          (unsigned)READ_REGISTER_ULONG((volatile ULONG *)ext->Registers));
    return TRUE;
}

/* Claims every other interrupt: the others are not its device's (a shared line). */
static BOOLEAN SecondIsr(PKINTERRUPT Interrupt, PVOID Context)
{
    EXT *ext = Context;
    LONG n = InterlockedIncrement(&ext->SecondCount);
    UNREFERENCED_PARAMETER(Interrupt);
    Print("SecondIsr irql=%u n=%d", (unsigned)KeGetCurrentIrql(), (int)n);
    return (n & 1) != 0;
}

static BOOLEAN SyncRoutine(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    Print("Synchronized irql=%u", (unsigned)KeGetCurrentIrql());
    return TRUE;
}

static NTSTATUS Connect(PDEVICE_OBJECT Pdo, EXT *ext, PCM_PARTIAL_RESOURCE_DESCRIPTOR second)
{
    IO_CONNECT_INTERRUPT_PARAMETERS p;
    NTSTATUS status;
    RtlZeroMemory(&p, sizeof(p));
    p.Version = CONNECT_MESSAGE_BASED;
    p.MessageBased.PhysicalDeviceObject = Pdo;
    p.MessageBased.ConnectionContext.InterruptObject = &ext->Line;
    p.MessageBased.MessageServiceRoutine = NULL; /* never called: no messages assigned */
    p.MessageBased.ServiceContext = ext;
    p.MessageBased.FallBackServiceRoutine = LineIsr;
    status = IoConnectInterruptEx(&p);
    Print("IoConnectInterruptEx status=0x%08x version=%u", (unsigned)status, (unsigned)p.Version);
    if (!NT_SUCCESS(status) || second == NULL)
        return status;
    status = IoConnectInterrupt(
        &ext->Second, SecondIsr, ext, NULL, second->u.Interrupt.Vector,
        (KIRQL)second->u.Interrupt.Level, (KIRQL)second->u.Interrupt.Level,
        (second->Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive,
        second->ShareDisposition == CmResourceShareShared, second->u.Interrupt.Affinity, FALSE);
    Print("IoConnectInterrupt status=0x%08x", (unsigned)status);
    return status;
}

/* The device's port range (docs/interrupts.md "I/O ports"): each width reads back what was
 * written, little-endian across a port's bytes; the buffer forms repeat one port; a port outside
 * the range, or an access running past its end, reads all ones and drops writes. */
static void Ports(ULONG_PTR base, ULONG length)
{
    UCHAR bytes[3] = {1, 2, 3}, got[2] = {0, 0};
    ULONG outside;
    WRITE_PORT_UCHAR((PUCHAR)base, 0x5A);
    WRITE_PORT_USHORT((PUSHORT)(base + 2), 0x1234);
    WRITE_PORT_ULONG((PULONG)(base + 4), 0xCAFEF00D);
    Print("ports uchar=0x%x ushort=0x%x bytes=0x%x,0x%x ulong=0x%x",
          (unsigned)READ_PORT_UCHAR((PUCHAR)base), (unsigned)READ_PORT_USHORT((PUSHORT)(base + 2)),
          (unsigned)READ_PORT_UCHAR((PUCHAR)(base + 2)),
          (unsigned)READ_PORT_UCHAR((PUCHAR)(base + 3)),
          (unsigned)READ_PORT_ULONG((PULONG)(base + 4)));
    WRITE_PORT_BUFFER_UCHAR((PUCHAR)(base + 1), bytes, 3);
    READ_PORT_BUFFER_UCHAR((PUCHAR)(base + 1), got, 2);
    WRITE_PORT_UCHAR((PUCHAR)(base + length), 0x11);
    outside = READ_PORT_UCHAR((PUCHAR)(base + length));
    Print("ports buffer=%u,%u outside=0x%x straddling=0x%x", got[0], got[1], (unsigned)outside,
          (unsigned)READ_PORT_ULONG((PULONG)(base + length - 2)));
    {
        USHORT w[2] = {0x1111, 0x2222}, rw[2] = {0, 0};
        ULONG l[2] = {0x33333333, 0x44444444}, rl[2] = {0, 0};
        WRITE_PORT_BUFFER_USHORT((PUSHORT)(base + 2), w, 2);
        READ_PORT_BUFFER_USHORT((PUSHORT)(base + 2), rw, 2);
        WRITE_PORT_BUFFER_ULONG((PULONG)(base + 4), l, 2);
        READ_PORT_BUFFER_ULONG((PULONG)(base + 4), rl, 2);
        Print("ports wide buffers=0x%x,0x%x 0x%x,0x%x", (unsigned)rw[0], (unsigned)rw[1],
              (unsigned)rl[0], (unsigned)rl[1]);
    }
}

static NTSTATUS Start(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    PCM_RESOURCE_LIST list = sp->Parameters.StartDevice.AllocatedResourcesTranslated;
    PCM_PARTIAL_RESOURCE_DESCRIPTOR second = NULL;
    ULONG interrupts = 0, count;
    if (list == NULL || list->Count == 0)
        return STATUS_SUCCESS;
    count = list->List[0].PartialResourceList.Count;
    Print("START_DEVICE %u translated resources", (unsigned)count);
    for (ULONG i = 0; i < count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
            &list->List[0].PartialResourceList.PartialDescriptors[i];
        if (d->Type == CmResourceTypeMemory) {
            ext->Registers = MmMapIoSpace(d->u.Memory.Start, d->u.Memory.Length, MmNonCached);
            ext->RegistersLength = d->u.Memory.Length;
            WRITE_REGISTER_ULONG((volatile ULONG *)ext->Registers, 0xBEEF);
            Print("memory 0x%llx+0x%x mapped=%d", (unsigned long long)d->u.Memory.Start.QuadPart,
                  (unsigned)d->u.Memory.Length, ext->Registers != NULL);
        } else if (d->Type == CmResourceTypePort) {
            Print("port 0x%llx+%u", (unsigned long long)d->u.Port.Start.QuadPart,
                  (unsigned)d->u.Port.Length);
            Ports((ULONG_PTR)d->u.Port.Start.QuadPart, d->u.Port.Length);
        } else if (d->Type == CmResourceTypeInterrupt) {
            Print("interrupt vector=0x%x level=%u latched=%d shared=%d",
                  (unsigned)d->u.Interrupt.Vector, (unsigned)d->u.Interrupt.Level,
                  (d->Flags & CM_RESOURCE_INTERRUPT_LATCHED) != 0,
                  d->ShareDisposition == CmResourceShareShared);
            if (interrupts++ == 1)
                second = d;
        }
    }
    return Connect(ext->Frame.Pdo, ext, second);
}

/* REMOVE_DEVICE: the interrupts disconnected and the memory unmapped before the frame detaches
 * and deletes the device. */
static VOID Cleanup(PDEVICE_OBJECT Device)
{
    EXT *ext = Device->DeviceExtension;
    IO_DISCONNECT_INTERRUPT_PARAMETERS p;
    if (ext->Line != NULL) {
        RtlZeroMemory(&p, sizeof(p));
        p.Version = CONNECT_LINE_BASED; /* what IoConnectInterruptEx left */
        p.ConnectionContext.InterruptObject = ext->Line;
        IoDisconnectInterruptEx(&p);
    }
    if (ext->Second != NULL)
        IoDisconnectInterrupt(ext->Second);
    if (ext->Registers != NULL)
        MmUnmapIoSpace((PVOID)ext->Registers, ext->RegistersLength);
    Print("REMOVE_DEVICE disconnected");
}

static NTSTATUS DispatchPnp(PDEVICE_OBJECT Device, PIRP Irp)
{
    return WdmFramePnp(Device, Irp, Start, Cleanup, WDMINTR_LINK);
}

static NTSTATUS DispatchIoctl(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    if (IoGetCurrentIrpStackLocation(Irp)->Parameters.DeviceIoControl.IoControlCode ==
            IOCTL_WDMINTR_SYNC &&
        ext->Line != NULL) {
        KIRQL old;
        KeSynchronizeExecution(ext->Line, SyncRoutine, NULL);
        old = KeAcquireInterruptSpinLock(ext->Second);
        Print("InterruptSpinLock irql=%u", (unsigned)KeGetCurrentIrql());
        KeReleaseInterruptSpinLock(ext->Second, old);
        Print("Released irql=%u", (unsigned)KeGetCurrentIrql());
        status = STATUS_SUCCESS;
    }
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS AddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo)
{
    return WdmFrameAddDevice(Driver, Pdo, sizeof(EXT), L"\\Device\\WdmIntr", WDMINTR_LINK);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    WdmFrameInit(DriverObject, AddDevice, DispatchPnp, DispatchIoctl);
    return STATUS_SUCCESS;
}
