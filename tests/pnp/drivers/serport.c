/*
 * serport.c - a small serial port function driver of ours for a PC16550D UART (drvhost's
 * simulated one, docs/uart.md): enough of the serial port interface (ntddser.h, "Serial Device
 * Control Requests") for a driver above it, such as the serial enumerator serenum, to run a
 * Plug and Play external COM device's enumeration, and for a client to read and write bytes.
 *
 * Receive: the ISR takes the bytes (received data, character time-out) into a ring and queues
 * a DPC that sets an event; reads wait on it, at PASSIVE_LEVEL in the dispatch routine, under
 * the SERIAL_TIMEOUTS rules (the immediate read, the "wait for the first byte" read with
 * ReadIntervalTimeout and ReadTotalTimeoutMultiplier MAXULONG, total and interval time-outs
 * ending in STATUS_TIMEOUT with the bytes read so far). Transmit: polled (THR empty), no write
 * time-outs. Device controls: baud rate (the divisor of the PC's 1.8432 MHz clock), line
 * control, DTR and RTS, modem status (the MSR), time-outs, purge, and the internal basic
 * settings (time-outs off, then restored). What it leaves out, a test driver's simplifications:
 * no wait masks, flow control, special characters, break, statistics or write time-outs; those
 * requests are STATUS_INVALID_DEVICE_REQUEST. One opener at a time (a serial port is
 * exclusive: STATUS_ACCESS_DENIED). Lifetime: the ring and settings live in the device
 * extension; the ring and `Data` are touched by the ISR and by readers under the interrupt's
 * lock (KeSynchronizeExecution). Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <ntddser.h>

#include "wdmframe.h"

#define SERPORT_LINK L"\\DosDevices\\SERPORT"
#define RING         4096
#define CLOCK_BAUD   115200 /* 1.8432 MHz / 16 */

enum {
    RBR = 0,
    IER = 1,
    IIR = 2,
    FCR = 2,
    LCR = 3,
    MCR = 4,
    LSR = 5,
    MSR = 6
};

typedef struct _EXT {
    WDM_FRAME Frame;
    PUCHAR Base;
    PKINTERRUPT Interrupt;
    KDPC Dpc;
    KEVENT Data; /* set (DPC) when bytes arrived */
    UCHAR Ring[RING];
    ULONG Head, Count; /* under the interrupt's lock */
    SERIAL_TIMEOUTS Timeouts;
    ULONG Baud;
    SERIAL_LINE_CONTROL Line;
    LONG Opens;
} EXT;

typedef struct _TAKE {
    EXT *Ext;
    PUCHAR To;
    ULONG Want, Got;
} TAKE;

static BOOLEAN Isr(PKINTERRUPT Interrupt, PVOID Context)
{
    EXT *e = Context;
    BOOLEAN mine = FALSE;
    UCHAR iir;
    UNREFERENCED_PARAMETER(Interrupt);
    while (((iir = READ_PORT_UCHAR(e->Base + IIR)) & 0x01) == 0) {
        mine = TRUE;
        switch (iir & 0x0E) {
        case 0x06: /* line status */
            (void)READ_PORT_UCHAR(e->Base + LSR);
            break;
        case 0x04: /* received data */
        case 0x0C: /* character time-out */
            while (READ_PORT_UCHAR(e->Base + LSR) & 0x01) {
                UCHAR b = READ_PORT_UCHAR(e->Base + RBR);
                if (e->Count < RING)
                    e->Ring[(e->Head + e->Count++) % RING] = b;
            }
            break;
        case 0x02: /* THR empty: reading IIR cleared it */
            break;
        default: /* modem status */
            (void)READ_PORT_UCHAR(e->Base + MSR);
            break;
        }
    }
    if (mine)
        KeInsertQueueDpc(&e->Dpc, NULL, NULL);
    return mine;
}

static VOID Dpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    EXT *e = Context;
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    KeSetEvent(&e->Data, IO_NO_INCREMENT, FALSE);
}

/* Under the interrupt's lock: moves what the ring holds (up to Want - Got bytes) out; clears
 * the event when the ring is empty, so a reader waits for the next bytes. */
static BOOLEAN Take(PVOID Context)
{
    TAKE *t = Context;
    EXT *e = t->Ext;
    while (e->Count > 0 && t->Got < t->Want) {
        t->To[t->Got++] = e->Ring[e->Head];
        e->Head = (e->Head + 1) % RING;
        e->Count--;
    }
    if (e->Count == 0)
        KeClearEvent(&e->Data);
    return TRUE;
}

static BOOLEAN Purge(PVOID Context)
{
    EXT *e = Context;
    e->Head = e->Count = 0;
    WRITE_PORT_UCHAR(e->Base + FCR, 0x03); /* FIFOs on, receive FIFO reset */
    KeClearEvent(&e->Data);
    return TRUE;
}

/* Waits for bytes until the relative time-out (ms; MAXULONG: none) passes: FALSE at its end. */
static BOOLEAN WaitData(EXT *e, ULONG Ms)
{
    LARGE_INTEGER due;
    due.QuadPart = -(LONGLONG)Ms * 10000;
    return KeWaitForSingleObject(&e->Data, Executive, KernelMode, FALSE,
                                 Ms == MAXULONG ? NULL : &due) == STATUS_SUCCESS;
}

static ULONG Now(VOID)
{
    LARGE_INTEGER t;
    KeQuerySystemTime(&t);
    return (ULONG)(t.QuadPart / 10000);
}

/* The read under SERIAL_TIMEOUTS' rules; STATUS_TIMEOUT when a time-out ended it short. */
static NTSTATUS Read(EXT *e, PUCHAR To, ULONG Length, ULONG_PTR *Information)
{
    SERIAL_TIMEOUTS *t = &e->Timeouts;
    TAKE take = {e, To, Length, 0};
    BOOLEAN first = t->ReadIntervalTimeout == MAXULONG &&
                    t->ReadTotalTimeoutMultiplier == MAXULONG && t->ReadTotalTimeoutConstant &&
                    t->ReadTotalTimeoutConstant != MAXULONG;
    BOOLEAN immediate = t->ReadIntervalTimeout == MAXULONG && !t->ReadTotalTimeoutMultiplier &&
                        !t->ReadTotalTimeoutConstant;
    ULONG total = first ? t->ReadTotalTimeoutConstant
                        : t->ReadTotalTimeoutMultiplier * Length + t->ReadTotalTimeoutConstant;
    BOOLEAN timed = first || total != 0;
    ULONG start = Now();
    KeSynchronizeExecution(e->Interrupt, Take, &take);
    while (take.Got < Length && !immediate && !(first && take.Got > 0)) {
        ULONG wait = MAXULONG, spent = Now() - start;
        if (timed)
            wait = spent >= total ? 0 : total - spent;
        if (!first && take.Got > 0 && t->ReadIntervalTimeout && t->ReadIntervalTimeout < wait)
            wait = t->ReadIntervalTimeout;
        if (wait == 0 || !WaitData(e, wait)) {
            KeSynchronizeExecution(e->Interrupt, Take, &take);
            break;
        }
        KeSynchronizeExecution(e->Interrupt, Take, &take);
    }
    *Information = take.Got;
    return take.Got < Length && !immediate && !(first && take.Got > 0) ? STATUS_TIMEOUT
                                                                       : STATUS_SUCCESS;
}

/* A register sequence the ISR must not see half done (DLAB set, MCR read and written): run
 * under the interrupt's lock once it is connected. */
typedef struct _REGS {
    EXT *Ext;
    USHORT Divisor;
    UCHAR Lcr, Set, Clear;
    const UCHAR *From;
    ULONG Length;
} REGS;

static BOOLEAN SyncLine(PVOID Context)
{
    REGS *r = Context;
    WRITE_PORT_UCHAR(r->Ext->Base + LCR, (UCHAR)(r->Lcr | 0x80));
    WRITE_PORT_UCHAR(r->Ext->Base + 0, (UCHAR)r->Divisor);
    WRITE_PORT_UCHAR(r->Ext->Base + 1, (UCHAR)(r->Divisor >> 8));
    WRITE_PORT_UCHAR(r->Ext->Base + LCR, r->Lcr);
    return TRUE;
}

static BOOLEAN SyncMcr(PVOID Context)
{
    REGS *r = Context;
    PUCHAR mcr = r->Ext->Base + MCR;
    WRITE_PORT_UCHAR(mcr, (UCHAR)((READ_PORT_UCHAR(mcr) | r->Set) & ~r->Clear));
    return TRUE;
}

/* Transmit, polled: each byte once THR is empty. */
static BOOLEAN SyncWrite(PVOID Context)
{
    REGS *r = Context;
    for (ULONG i = 0; i < r->Length; i++) {
        while (!(READ_PORT_UCHAR(r->Ext->Base + LSR) & 0x20))
            ;
        WRITE_PORT_UCHAR(r->Ext->Base + RBR, r->From[i]);
    }
    return TRUE;
}

static VOID Sync(EXT *e, PKSYNCHRONIZE_ROUTINE Routine, REGS *r)
{
    r->Ext = e;
    if (e->Interrupt != NULL)
        KeSynchronizeExecution(e->Interrupt, Routine, r);
    else
        Routine(r);
}

static VOID Write(EXT *e, const UCHAR *From, ULONG Length)
{
    REGS r = {0};
    r.From = From;
    r.Length = Length;
    Sync(e, SyncWrite, &r);
}

static PUCHAR IrpBuffer(PDEVICE_OBJECT Device, PIRP Irp)
{
    if (Irp->MdlAddress != NULL)
        return MmGetSystemAddressForMdlSafe(Irp->MdlAddress, NormalPagePriority);
    return (Device->Flags & DO_BUFFERED_IO) ? Irp->AssociatedIrp.SystemBuffer : Irp->UserBuffer;
}

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS DispatchReadWrite(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG length =
        sp->MajorFunction == IRP_MJ_READ ? sp->Parameters.Read.Length : sp->Parameters.Write.Length;
    PUCHAR buffer = length ? IrpBuffer(Device, Irp) : NULL;
    ULONG_PTR information = length;
    NTSTATUS status = STATUS_SUCCESS;
    if (e->Interrupt == NULL)
        return Complete(Irp, STATUS_DEVICE_NOT_READY, 0);
    if (length && buffer == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    if (sp->MajorFunction == IRP_MJ_READ)
        status = Read(e, buffer, length, &information);
    else
        Write(e, buffer, length);
    return Complete(Irp, status, information);
}

/* LCR's bits for the line control; FALSE when a value is not one the UART has. */
static BOOLEAN LineBits(const SERIAL_LINE_CONTROL *l, UCHAR *Lcr)
{
    static const UCHAR parity[] = {0x00, 0x08, 0x18, 0x28, 0x38};
    if (l->WordLength < 5 || l->WordLength > 8 || l->Parity > SPACE_PARITY ||
        l->StopBits > STOP_BITS_2)
        return FALSE;
    *Lcr =
        (UCHAR)((l->WordLength - 5) | (l->StopBits != STOP_BIT_1 ? 0x04 : 0) | parity[l->Parity]);
    return TRUE;
}

static VOID SetLine(EXT *e, ULONG Baud, UCHAR Lcr)
{
    REGS r = {0};
    r.Divisor = (USHORT)(CLOCK_BAUD / Baud);
    r.Lcr = Lcr;
    Sync(e, SyncLine, &r);
}

static VOID SetMcr(EXT *e, UCHAR Set, UCHAR Clear)
{
    REGS r = {0};
    r.Set = Set;
    r.Clear = Clear;
    Sync(e, SyncMcr, &r);
}

/* The serial device controls on `in` / `out` (the system buffer), as sized by the caller. */
static NTSTATUS Control(EXT *e, ULONG Code, PVOID Buffer, ULONG InLength, ULONG OutLength,
                        ULONG_PTR *Information)
{
    UCHAR lcr;
    switch (Code) {
    case IOCTL_SERIAL_SET_BAUD_RATE: {
        ULONG baud = InLength >= sizeof(SERIAL_BAUD_RATE) ? *(PULONG)Buffer : 0;
        if (baud == 0 || baud > CLOCK_BAUD || CLOCK_BAUD % baud != 0)
            return STATUS_INVALID_PARAMETER;
        e->Baud = baud;
        LineBits(&e->Line, &lcr);
        SetLine(e, baud, lcr);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_SET_LINE_CONTROL:
        if (InLength < sizeof(SERIAL_LINE_CONTROL) || !LineBits((PSERIAL_LINE_CONTROL)Buffer, &lcr))
            return STATUS_INVALID_PARAMETER;
        e->Line = *(PSERIAL_LINE_CONTROL)Buffer;
        SetLine(e, e->Baud, lcr);
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_SET_DTR:
    case IOCTL_SERIAL_CLR_DTR:
    case IOCTL_SERIAL_SET_RTS:
    case IOCTL_SERIAL_CLR_RTS: {
        UCHAR bit = Code == IOCTL_SERIAL_SET_DTR || Code == IOCTL_SERIAL_CLR_DTR ? 0x01 : 0x02;
        BOOLEAN on = Code == IOCTL_SERIAL_SET_DTR || Code == IOCTL_SERIAL_SET_RTS;
        SetMcr(e, on ? bit : 0, on ? 0 : bit);
        return STATUS_SUCCESS;
    }
    case IOCTL_SERIAL_GET_MODEMSTATUS:
        if (OutLength < sizeof(ULONG))
            return STATUS_BUFFER_TOO_SMALL;
        *(PULONG)Buffer = READ_PORT_UCHAR(e->Base + MSR);
        *Information = sizeof(ULONG);
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_SET_TIMEOUTS:
        if (InLength < sizeof(SERIAL_TIMEOUTS))
            return STATUS_BUFFER_TOO_SMALL;
        e->Timeouts = *(PSERIAL_TIMEOUTS)Buffer;
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_GET_TIMEOUTS:
        if (OutLength < sizeof(SERIAL_TIMEOUTS))
            return STATUS_BUFFER_TOO_SMALL;
        *(PSERIAL_TIMEOUTS)Buffer = e->Timeouts;
        *Information = sizeof(SERIAL_TIMEOUTS);
        return STATUS_SUCCESS;
    case IOCTL_SERIAL_PURGE:
        if (InLength < sizeof(ULONG))
            return STATUS_BUFFER_TOO_SMALL;
        if (*(PULONG)Buffer & SERIAL_PURGE_RXCLEAR)
            KeSynchronizeExecution(e->Interrupt, Purge, e);
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

/* The internal basic settings: time-outs off (the old ones returned), and their restore. */
static NTSTATUS InternalControl(EXT *e, ULONG Code, PVOID Buffer, ULONG InLength, ULONG OutLength,
                                ULONG_PTR *Information)
{
    PSERIAL_BASIC_SETTINGS b = Buffer;
    if (Code == IOCTL_SERIAL_INTERNAL_BASIC_SETTINGS) {
        if (OutLength < sizeof(*b))
            return STATUS_BUFFER_TOO_SMALL;
        RtlZeroMemory(b, sizeof(*b));
        b->Timeouts = e->Timeouts;
        RtlZeroMemory(&e->Timeouts, sizeof(e->Timeouts));
        *Information = sizeof(*b);
        return STATUS_SUCCESS;
    }
    if (Code == IOCTL_SERIAL_INTERNAL_RESTORE_SETTINGS) {
        if (InLength < sizeof(*b))
            return STATUS_BUFFER_TOO_SMALL;
        e->Timeouts = b->Timeouts;
        return STATUS_SUCCESS;
    }
    return STATUS_INVALID_DEVICE_REQUEST;
}

static NTSTATUS DispatchControl(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG_PTR information = 0;
    NTSTATUS status;
    if (e->Interrupt == NULL)
        return Complete(Irp, STATUS_DEVICE_NOT_READY, 0);
    if (sp->MajorFunction == IRP_MJ_INTERNAL_DEVICE_CONTROL)
        status = InternalControl(e, code, Irp->AssociatedIrp.SystemBuffer, in, out, &information);
    else
        status = Control(e, code, Irp->AssociatedIrp.SystemBuffer, in, out, &information);
    return Complete(Irp, status, information);
}

/* The open turns the UART on: FIFOs, the receive, line and modem interrupts, OUT2 (the PC's
 * interrupt gate); the close turns it off and drops DTR and RTS. */
static NTSTATUS DispatchCreateClose(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    UCHAR major = IoGetCurrentIrpStackLocation(Irp)->MajorFunction;
    if (major == IRP_MJ_CLEANUP)
        return Complete(Irp, STATUS_SUCCESS, 0);
    if (major == IRP_MJ_CLOSE) {
        if (e->Interrupt != NULL) {
            WRITE_PORT_UCHAR(e->Base + IER, 0);
            WRITE_PORT_UCHAR(e->Base + MCR, 0);
        }
        InterlockedDecrement(&e->Opens);
        return Complete(Irp, STATUS_SUCCESS, 0);
    }
    if (e->Interrupt == NULL)
        return Complete(Irp, STATUS_DEVICE_NOT_READY, 0);
    if (InterlockedIncrement(&e->Opens) != 1) {
        InterlockedDecrement(&e->Opens);
        return Complete(Irp, STATUS_ACCESS_DENIED, 0);
    }
    KeSynchronizeExecution(e->Interrupt, Purge, e);
    WRITE_PORT_UCHAR(e->Base + MCR, 0x08);
    WRITE_PORT_UCHAR(e->Base + IER, 0x0D);
    return Complete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS DispatchPower(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(e->Frame.Lower, Irp);
}

static NTSTATUS Start(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    UCHAR lcr;
    if (e->Base == NULL)
        e->Base = WdmFramePortBase(Irp);
    if (e->Base == NULL)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    /* 9600 8N1, no time-outs: a port as serial.sys leaves it before anyone sets it. */
    e->Baud = 9600;
    e->Line.WordLength = 8;
    LineBits(&e->Line, &lcr);
    SetLine(e, e->Baud, lcr);
    return WdmFrameConnect(&e->Frame, Isr, e, &e->Interrupt);
}

static VOID Cleanup(PDEVICE_OBJECT Device)
{
    EXT *e = Device->DeviceExtension;
    if (e->Interrupt == NULL)
        return;
    WRITE_PORT_UCHAR(e->Base + IER, 0);
    WdmFrameDisconnect(&e->Interrupt);
    KeFlushQueuedDpcs();
}

static NTSTATUS DispatchPnp(PDEVICE_OBJECT Device, PIRP Irp)
{
    return WdmFramePnp(Device, Irp, Start, Cleanup, SERPORT_LINK);
}

/* Buffered I/O, set before an upper filter attaches (serenum takes its I/O style from the
 * device below it). */
static NTSTATUS AddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo)
{
    NTSTATUS status =
        WdmFrameAddDevice(Driver, Pdo, sizeof(EXT), L"\\Device\\SerPort0", SERPORT_LINK);
    PDEVICE_OBJECT top;
    EXT *e;
    if (!NT_SUCCESS(status))
        return status;
    top = IoGetAttachedDeviceReference(Pdo);
    top->Flags |= DO_BUFFERED_IO;
    e = top->DeviceExtension;
    KeInitializeDpc(&e->Dpc, Dpc, e);
    KeInitializeEvent(&e->Data, NotificationEvent, FALSE);
    ObDereferenceObject(top);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    WdmFrameInit(DriverObject, AddDevice, DispatchPnp, DispatchControl);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DispatchCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLEANUP] = DispatchCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DispatchCreateClose;
    DriverObject->MajorFunction[IRP_MJ_READ] = DispatchReadWrite;
    DriverObject->MajorFunction[IRP_MJ_WRITE] = DispatchReadWrite;
    DriverObject->MajorFunction[IRP_MJ_INTERNAL_DEVICE_CONTROL] = DispatchControl;
    DriverObject->MajorFunction[IRP_MJ_POWER] = DispatchPower;
    return STATUS_SUCCESS;
}
