/*
 * serport.c - a small serial port function driver of ours for a PC16550D UART (drvhost's
 * simulated one, docs/uart.md): enough of the serial port interface (ntddser.h, "Serial Device
 * Control Requests") for a driver above it, such as the serial enumerator serenum, to run a
 * Plug and Play external COM device's enumeration, and for a client to read and write bytes.
 *
 * Receive: the ISR takes the bytes (received data, character time-out) into a ring and queues
 * a DPC that moves them into the pending read; a read pends until its bytes came or its time-out
 * (a timer) ends it, under the SERIAL_TIMEOUTS rules (the immediate read, the "first byte" read
 * with ReadIntervalTimeout and ReadTotalTimeoutMultiplier MAXULONG, total time-outs ending in
 * STATUS_TIMEOUT with the bytes read so far); it can be cancelled, and the cleanup cancels it.
 * Transmit: polled (THR empty), no write
 * time-outs. Device controls: baud rate (the divisor of the PC's 1.8432 MHz clock), line
 * control, DTR and RTS, modem status (the MSR), time-outs, purge, and the internal basic
 * settings (time-outs off, then restored). What it leaves out, a test driver's simplifications:
 * no wait masks, flow control, special characters, break, statistics or write time-outs; those
 * requests are STATUS_INVALID_DEVICE_REQUEST; no interval time-outs; one pending read at a
 * time. One opener at a time (a serial port is exclusive: STATUS_ACCESS_DENIED). Lifetime and
 * locking: the ring and settings live in the device extension; the ring is the ISR's and is
 * emptied under the interrupt's lock (KeSynchronizeExecution); the pending read is under
 * `Lock` and its cancel routine. Public headers only: it could be built with the WDK.
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
    /* The pending read (one at a time), under `Lock`: its buffer, length, bytes so far, and
     * whether it ends at its first byte. `Timer` ends it at its total time-out. */
    KSPIN_LOCK Lock;
    PIRP Pending;
    PUCHAR To;
    ULONG Length, Got;
    BOOLEAN First;
    LONGLONG Deadline; /* its total time-out's end (system time), 0: none */
    KTIMER Timer;
    KDPC TimerDpc;
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

/* Under the interrupt's lock: moves what the ring holds (up to Want - Got bytes) out. */
static BOOLEAN Take(PVOID Context)
{
    TAKE *t = Context;
    EXT *e = t->Ext;
    while (e->Count > 0 && t->Got < t->Want) {
        t->To[t->Got++] = e->Ring[e->Head];
        e->Head = (e->Head + 1) % RING;
        e->Count--;
    }
    return TRUE;
}

static BOOLEAN Purge(PVOID Context)
{
    EXT *e = Context;
    e->Head = e->Count = 0;
    WRITE_PORT_UCHAR(e->Base + FCR, 0x03); /* FIFOs on, receive FIFO reset */
    return TRUE;
}

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

/* Takes the bytes that arrived into the pending read and completes it when it is done (all its
 * bytes, or its first byte in that mode) or when `TimedOut` (STATUS_TIMEOUT, the bytes so far).
 * From the receive DPC, the time-out DPC and the read's own dispatch; a read whose cancel
 * routine already ran is the cancel routine's to complete. */
static VOID Finish(EXT *e, BOOLEAN TimedOut)
{
    KIRQL irql;
    PIRP irp = NULL;
    BOOLEAN done = FALSE;
    ULONG got = 0;
    KeAcquireSpinLock(&e->Lock, &irql);
    if (TimedOut) { /* a time-out DPC of an earlier read may run late: the deadline decides */
        LARGE_INTEGER now;
        KeQuerySystemTime(&now);
        TimedOut = e->Deadline != 0 && now.QuadPart >= e->Deadline;
    }
    if (e->Pending != NULL && e->Interrupt != NULL) {
        TAKE take = {e, e->To, e->Length, e->Got};
        KeSynchronizeExecution(e->Interrupt, Take, &take);
        e->Got = got = take.Got;
        done = got == e->Length || (e->First && got > 0);
        if ((done || TimedOut) && IoSetCancelRoutine(e->Pending, NULL) != NULL) {
            irp = e->Pending;
            e->Pending = NULL;
        }
    }
    KeReleaseSpinLock(&e->Lock, irql);
    if (irp == NULL)
        return;
    KeCancelTimer(&e->Timer);
    Complete(irp, done ? STATUS_SUCCESS : STATUS_TIMEOUT, got);
}

static VOID ReceiveDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    Finish(Context, FALSE);
}

static VOID TimeoutDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
    UNREFERENCED_PARAMETER(Dpc);
    UNREFERENCED_PARAMETER(Arg1);
    UNREFERENCED_PARAMETER(Arg2);
    Finish(Context, TRUE);
}

/* The pending read's end by IoCancelIrp (or the cleanup): STATUS_CANCELLED with the bytes
 * read so far. */
static VOID CancelRead(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    KIRQL irql;
    ULONG got;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    KeAcquireSpinLock(&e->Lock, &irql);
    if (e->Pending == Irp)
        e->Pending = NULL;
    got = e->Got;
    KeReleaseSpinLock(&e->Lock, irql);
    KeCancelTimer(&e->Timer);
    Complete(Irp, STATUS_CANCELLED, got);
}

/* The read under SERIAL_TIMEOUTS' rules: at once with what has arrived (ReadIntervalTimeout
 * MAXULONG, the others 0); at the first byte or STATUS_TIMEOUT after ReadTotalTimeoutConstant
 * (ReadIntervalTimeout and ReadTotalTimeoutMultiplier MAXULONG); else when all its bytes came,
 * or STATUS_TIMEOUT with the bytes so far after the total time-out (multiplier x length +
 * constant; none when both are 0). Deviation (a test driver's): ReadIntervalTimeout is not
 * applied otherwise; one read pends at a time (another: STATUS_DEVICE_BUSY). */
static NTSTATUS Read(EXT *e, PIRP Irp, PUCHAR To, ULONG Length)
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
    LARGE_INTEGER due;
    KIRQL irql;
    KeSynchronizeExecution(e->Interrupt, Take, &take);
    if (take.Got == Length || immediate || (first && take.Got > 0))
        return Complete(Irp, STATUS_SUCCESS, take.Got);
    KeAcquireSpinLock(&e->Lock, &irql);
    if (e->Pending != NULL) {
        KeReleaseSpinLock(&e->Lock, irql);
        return Complete(Irp, STATUS_DEVICE_BUSY, 0);
    }
    e->Pending = Irp;
    e->To = To;
    e->Length = Length;
    e->Got = take.Got;
    e->First = first;
    e->Deadline = 0;
    if (first || total != 0) {
        KeQuerySystemTime(&due);
        e->Deadline = due.QuadPart + (LONGLONG)total * 10000;
    }
    IoMarkIrpPending(Irp);
    IoSetCancelRoutine(Irp, CancelRead);
    if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL) != NULL) {
        e->Pending = NULL;
        KeReleaseSpinLock(&e->Lock, irql);
        Complete(Irp, STATUS_CANCELLED, take.Got);
        return STATUS_PENDING;
    }
    KeReleaseSpinLock(&e->Lock, irql);
    if (e->Deadline != 0) {
        due.QuadPart = -(LONGLONG)total * 10000;
        KeSetTimer(&e->Timer, due, &e->TimerDpc);
    }
    Finish(e, FALSE); /* bytes that came since the first take */
    return STATUS_PENDING;
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

static NTSTATUS DispatchReadWrite(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG length =
        sp->MajorFunction == IRP_MJ_READ ? sp->Parameters.Read.Length : sp->Parameters.Write.Length;
    PUCHAR buffer = length ? IrpBuffer(Device, Irp) : NULL;
    if (e->Interrupt == NULL)
        return Complete(Irp, STATUS_DEVICE_NOT_READY, 0);
    if (length && buffer == NULL)
        return Complete(Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    if (sp->MajorFunction == IRP_MJ_READ)
        return Read(e, Irp, buffer, length);
    Write(e, buffer, length);
    return Complete(Irp, STATUS_SUCCESS, length);
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

/* The cleanup ends the pending read as a cancel would. */
static VOID CancelPending(PDEVICE_OBJECT Device)
{
    EXT *e = Device->DeviceExtension;
    KIRQL irql;
    PIRP irp = NULL;
    ULONG got = 0;
    KeAcquireSpinLock(&e->Lock, &irql);
    if (e->Pending != NULL && IoSetCancelRoutine(e->Pending, NULL) != NULL) {
        irp = e->Pending;
        got = e->Got;
        e->Pending = NULL;
    }
    KeReleaseSpinLock(&e->Lock, irql);
    if (irp == NULL)
        return;
    KeCancelTimer(&e->Timer);
    Complete(irp, STATUS_CANCELLED, got);
}

/* The open turns the UART on: FIFOs, the receive, line and modem interrupts, OUT2 (the PC's
 * interrupt gate); the close turns it off and drops DTR and RTS. */
static NTSTATUS DispatchCreateClose(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *e = Device->DeviceExtension;
    UCHAR major = IoGetCurrentIrpStackLocation(Irp)->MajorFunction;
    if (major == IRP_MJ_CLEANUP) {
        CancelPending(Device);
        return Complete(Irp, STATUS_SUCCESS, 0);
    }
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
    CancelPending(Device); /* a read still pending at the removal */
    WRITE_PORT_UCHAR(e->Base + IER, 0);
    KeCancelTimer(&e->Timer);
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
    KeInitializeDpc(&e->Dpc, ReceiveDpc, e);
    KeInitializeSpinLock(&e->Lock);
    KeInitializeTimer(&e->Timer);
    KeInitializeDpc(&e->TimerDpc, TimeoutDpc, e);
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
