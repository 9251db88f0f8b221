/*
 * build.c - IRPs that drivers build for other drivers: IoBuildDeviceIoControlRequest,
 * IoBuildSynchronousFsdRequest, IoBuildAsynchronousFsdRequest, and the I/O manager's
 * completion of such IRPs when they come back up to the top.
 */
#include "io/io_private.h"

static PIRP io_build_irp(PDEVICE_OBJECT device, UCHAR major, PIO_STATUS_BLOCK iosb, PKEVENT event)
{
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    if (irp == NULL)
        return NULL;
    irp->RequestorMode = KernelMode;
    irp->UserIosb = iosb;
    irp->UserEvent = event;
    irp->Tail.Overlay.Thread = (PETHREAD)KeGetCurrentThread();
    IoGetNextIrpStackLocation(irp)->MajorFunction = major;
    return irp;
}

static PIRP io_build_fail(PIRP irp)
{
    io_finish_buffers(irp, 0);
    io_irp_free(irp);
    return NULL;
}

PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode, PDEVICE_OBJECT DeviceObject,
                                         PVOID InputBuffer, ULONG InputBufferLength,
                                         PVOID OutputBuffer, ULONG OutputBufferLength,
                                         BOOLEAN InternalDeviceIoControl, PKEVENT Event,
                                         PIO_STATUS_BLOCK IoStatusBlock)
{
    PIRP irp = io_build_irp(DeviceObject,
                            InternalDeviceIoControl ? IRP_MJ_INTERNAL_DEVICE_CONTROL
                                                    : IRP_MJ_DEVICE_CONTROL,
                            IoStatusBlock, Event);
    if (irp == NULL)
        return NULL;
    io_irp_private_of(irp)->out_capacity = OutputBufferLength;
    if (!NT_SUCCESS(io_setup_ioctl(irp, IoControlCode, InputBuffer, InputBufferLength, OutputBuffer,
                                   OutputBufferLength)))
        return io_build_fail(irp);
    return irp;
}

static PIRP io_build_fsd(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject, PVOID Buffer,
                         ULONG Length, PLARGE_INTEGER StartingOffset, PKEVENT Event,
                         PIO_STATUS_BLOCK IoStatusBlock)
{
    PIRP irp = io_build_irp(DeviceObject, (UCHAR)MajorFunction, IoStatusBlock, Event);
    PIO_STACK_LOCATION sp;
    if (irp == NULL)
        return NULL;
    if (MajorFunction != IRP_MJ_READ && MajorFunction != IRP_MJ_WRITE)
        return irp; /* flush, shutdown, PnP and power carry no buffer */
    io_irp_private_of(irp)->out_capacity = Length;
    if (!NT_SUCCESS(io_setup_read_write(irp, DeviceObject, (UCHAR)MajorFunction, Buffer, Length)))
        return io_build_fail(irp);
    sp = IoGetNextIrpStackLocation(irp);
    if (StartingOffset != NULL)
        sp->Parameters.Read.ByteOffset = *StartingOffset;
    return irp;
}

PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject,
                                        PVOID Buffer, ULONG Length, PLARGE_INTEGER StartingOffset,
                                        PKEVENT Event, PIO_STATUS_BLOCK IoStatusBlock)
{
    return io_build_fsd(MajorFunction, DeviceObject, Buffer, Length, StartingOffset, Event,
                        IoStatusBlock);
}

/* An asynchronous FSD request is the caller's to free, from its completion routine (which
 * returns STATUS_MORE_PROCESSING_REQUIRED), as the documentation requires. */
PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction, PDEVICE_OBJECT DeviceObject,
                                         PVOID Buffer, ULONG Length, PLARGE_INTEGER StartingOffset,
                                         PIO_STATUS_BLOCK IoStatusBlock)
{
    /* Associated with the calling thread, as the synchronous form (Microsoft:
     * IoGetRequestorProcess); the caller frees it from its completion routine. */
    return io_build_fsd(MajorFunction, DeviceObject, Buffer, Length, StartingOffset, NULL,
                        IoStatusBlock);
}

/* The end of completion for IRPs without a host callback: finish buffers, report the status
 * to the requester's IOSB, signal its event, and free the IRP if the I/O manager owns it. */
void io_threaded_completion(PIRP irp)
{
    struct io_irp_private *p = io_irp_private_of(irp);
    PKEVENT event = irp->UserEvent;
    io_finish_buffers(irp, p != NULL ? p->out_capacity : 0);
    if (irp->UserIosb != NULL)
        *irp->UserIosb = irp->IoStatus;
    if (p != NULL)
        io_irp_free(irp);
    if (event != NULL)
        KeSetEvent(event, IO_NO_INCREMENT, FALSE);
}
