/*
 * uarttest.c - a WDM function driver that lets a scenario drive a 16550 UART's registers
 * (scenarios/uart.scn, the simulated UART of docs/uart.md). At START_DEVICE it takes the
 * device's port range and connects its interrupt line-based. Two device controls:
 *
 *   IOCTL_UARTTEST_PROGRAM  input: triples (op, register, value); op 'w' writes the value to
 *                           the register, 'r' reads the register into the next output byte.
 *                           The program runs under the interrupt's lock (KeSynchronizeExecution),
 *                           so the ISR does not run in the middle of it.
 *   IOCTL_UARTTEST_LOG      output: what the ISR saw since the last call: for each interrupt,
 *                           every IIR value read until IIR said "none pending" (bit 0), each
 *                           followed by what it serviced: the received bytes (RDA, time-out),
 *                           LSR (line status) or MSR (modem status); 0xEE closes an
 *                           interrupt.
 *
 * Public WDK headers only; what it checks is the data sheet's register behaviour.
 */
#include "wdmframe.h"

#define UARTTEST_LINK L"\\DosDevices\\UartTest"
#define IOCTL_UARTTEST_PROGRAM                                                                     \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE10, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_UARTTEST_LOG CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE11, METHOD_BUFFERED, FILE_ANY_ACCESS)

#define LOG_SIZE 256

typedef struct _EXT {
    WDM_FRAME Frame; /* first: wdmframe.h */
    PKINTERRUPT Interrupt;
    PUCHAR Base;
    UCHAR Log[LOG_SIZE];
    ULONG LogLength;
} EXT;

typedef struct _PROGRAM {
    EXT *Ext;
    const UCHAR *Ops;
    ULONG OpCount;
    PUCHAR Out;
    ULONG OutSize, OutLength;
    BOOLEAN Bad;
} PROGRAM;

static void LogByte(EXT *ext, UCHAR b)
{
    if (ext->LogLength < LOG_SIZE)
        ext->Log[ext->LogLength++] = b;
}

/* Services one source as a 16550 driver does; IIR bits 3-1 name it. */
static void Service(EXT *ext, UCHAR iir)
{
    int n = 0;
    switch (iir & 0x0E) {
    case 0x04: /* received data available */
    case 0x0C: /* character time-out */
        while ((READ_PORT_UCHAR(ext->Base + 5) & 0x01) && n++ < 32)
            LogByte(ext, READ_PORT_UCHAR(ext->Base));
        break;
    case 0x06: /* receiver line status */
        LogByte(ext, READ_PORT_UCHAR(ext->Base + 5));
        break;
    case 0x00: /* modem status */
        LogByte(ext, READ_PORT_UCHAR(ext->Base + 6));
        break;
    default: /* 0x02: THR empty, cleared by the IIR read itself */
        break;
    }
}

static BOOLEAN UartIsr(PKINTERRUPT Interrupt, PVOID Context)
{
    EXT *ext = Context;
    UCHAR iir = READ_PORT_UCHAR(ext->Base + 2);
    int rounds = 0;
    UNREFERENCED_PARAMETER(Interrupt);
    if (iir & 0x01)
        return FALSE; /* not ours */
    while (!(iir & 0x01) && rounds++ < 16) {
        LogByte(ext, iir);
        Service(ext, iir);
        iir = READ_PORT_UCHAR(ext->Base + 2);
    }
    LogByte(ext, iir);
    LogByte(ext, 0xEE);
    return TRUE;
}

static BOOLEAN RunProgram(PVOID Context)
{
    PROGRAM *p = Context;
    for (ULONG i = 0; i < p->OpCount; i++) {
        const UCHAR *op = p->Ops + 3 * i;
        PUCHAR reg = p->Ext->Base + (op[1] & 7);
        if (op[0] == 'w') {
            WRITE_PORT_UCHAR(reg, op[2]);
        } else if (op[0] == 'r' && p->OutLength < p->OutSize) {
            p->Out[p->OutLength++] = READ_PORT_UCHAR(reg);
        } else {
            p->Bad = TRUE;
            return FALSE;
        }
    }
    return TRUE;
}

static BOOLEAN TakeLog(PVOID Context)
{
    PIRP irp = Context;
    EXT *ext = IoGetCurrentIrpStackLocation(irp)->DeviceObject->DeviceExtension;
    ULONG size = IoGetCurrentIrpStackLocation(irp)->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = ext->LogLength < size ? ext->LogLength : size;
    RtlCopyMemory(irp->AssociatedIrp.SystemBuffer, ext->Log, n);
    irp->IoStatus.Information = n;
    ext->LogLength = 0;
    return TRUE;
}

static NTSTATUS GetLog(EXT *ext, PIRP Irp)
{
    KeSynchronizeExecution(ext->Interrupt, TakeLog, Irp);
    return STATUS_SUCCESS;
}

static NTSTATUS Program(EXT *ext, PIRP Irp, PIO_STACK_LOCATION sp)
{
    PROGRAM p;
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    if (in == 0 || in % 3 != 0)
        return STATUS_INVALID_PARAMETER;
    RtlZeroMemory(&p, sizeof(p));
    p.Ext = ext;
    p.Ops = Irp->AssociatedIrp.SystemBuffer;
    p.OpCount = in / 3;
    /* METHOD_BUFFERED: the input is copied out before the output overwrites the buffer. */
    p.Out = ExAllocatePool2(POOL_FLAG_NON_PAGED, 256, 'tUrU');
    if (p.Out == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    p.OutSize = sp->Parameters.DeviceIoControl.OutputBufferLength < 256
                    ? sp->Parameters.DeviceIoControl.OutputBufferLength
                    : 256;
    KeSynchronizeExecution(ext->Interrupt, RunProgram, &p);
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, p.Out, p.OutLength);
    Irp->IoStatus.Information = p.OutLength;
    ExFreePoolWithTag(p.Out, 'tUrU');
    return p.Bad ? STATUS_INVALID_PARAMETER : STATUS_SUCCESS;
}

static NTSTATUS Start(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    if (ext->Base == NULL)
        ext->Base = WdmFramePortBase(Irp);
    if (ext->Base == NULL)
        return STATUS_DEVICE_CONFIGURATION_ERROR;
    return WdmFrameConnect(&ext->Frame, UartIsr, ext, &ext->Interrupt);
}

static VOID Cleanup(PDEVICE_OBJECT Device)
{
    EXT *ext = Device->DeviceExtension;
    WdmFrameDisconnect(&ext->Interrupt);
}

static NTSTATUS DispatchPnp(PDEVICE_OBJECT Device, PIRP Irp)
{
    return WdmFramePnp(Device, Irp, Start, Cleanup, UARTTEST_LINK);
}

static NTSTATUS DispatchIoctl(PDEVICE_OBJECT Device, PIRP Irp)
{
    EXT *ext = Device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    Irp->IoStatus.Information = 0;
    if (ext->Interrupt == NULL)
        status = STATUS_DEVICE_NOT_READY;
    else if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_UARTTEST_PROGRAM)
        status = Program(ext, Irp, sp);
    else if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_UARTTEST_LOG)
        status = GetLog(ext, Irp);
    Irp->IoStatus.Status = status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS AddDevice(PDRIVER_OBJECT Driver, PDEVICE_OBJECT Pdo)
{
    return WdmFrameAddDevice(Driver, Pdo, sizeof(EXT), L"\\Device\\UartTest", UARTTEST_LINK);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    WdmFrameInit(DriverObject, AddDevice, DispatchPnp, DispatchIoctl);
    return STATUS_SUCCESS;
}
