/*
 * buffers.c - how the I/O manager presents a requester's buffers to a driver, for reads and
 * writes (by the device's DO_BUFFERED_IO / DO_DIRECT_IO flags) and for device controls (by the
 * transfer method in the control code), and how it finishes them at completion.
 *
 *   buffered:  SystemBuffer = pool copy of max(input, output) (client IRPs: up to
 *              IO_IRP_INLINE_BUFFER bytes inline in the IRP's block, guarded the same way); output
 * copied back, Information bytes, unless the status is an error (NT_ERROR). direct: reads/writes:
 * MdlAddress describes the buffer; ioctls: input is buffered in SystemBuffer, output is described
 * by MdlAddress (IN_DIRECT: read access, OUT_DIRECT: write access). neither:   Type3InputBuffer /
 * UserBuffer are the requester's own pointers.
 */
#include "io/io_private.h"

#include <string.h>

static NTSTATUS io_attach_mdl(PIRP irp, PVOID buffer, ULONG length, LOCK_OPERATION op)
{
    PMDL mdl = IoAllocateMdl(buffer, length, FALSE, FALSE, irp);
    if (mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmProbeAndLockPages(mdl, irp->RequestorMode, op);
    return STATUS_SUCCESS;
}

static NTSTATUS io_buffer_system(PIRP irp, const void *input, ULONG in_len, ULONG total)
{
    UCHAR *buf;
    if (total == 0)
        return STATUS_SUCCESS;
    /* A client IRP carries a small buffer inline (no pool operation); zeroed past the input
     * like a pool block. */
    buf = io_irp_inline_buffer(irp, total);
    if (buf != NULL)
        memset(buf + in_len, 0, total - in_len);
    else if ((buf = io_alloc_buffer(total)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->AssociatedIrp.SystemBuffer = buf;
    if (in_len > 0)
        memcpy(buf, input, in_len);
    irp->Flags |= IRP_BUFFERED_IO | IRP_DEALLOCATE_BUFFER;
    return STATUS_SUCCESS;
}

NTSTATUS io_setup_ioctl(PIRP irp, ULONG code, PVOID input, ULONG in_len, PVOID output,
                        ULONG out_len)
{
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
    NTSTATUS status = STATUS_SUCCESS;
    sp->Parameters.DeviceIoControl.IoControlCode = code;
    sp->Parameters.DeviceIoControl.InputBufferLength = in_len;
    sp->Parameters.DeviceIoControl.OutputBufferLength = out_len;
    irp->UserBuffer = output;
    switch (METHOD_FROM_CTL_CODE(code)) {
    case METHOD_BUFFERED:
        status = io_buffer_system(irp, input, in_len, in_len > out_len ? in_len : out_len);
        if (NT_SUCCESS(status) && out_len > 0)
            irp->Flags |= IRP_INPUT_OPERATION;
        break;
    case METHOD_IN_DIRECT:
    case METHOD_OUT_DIRECT:
        status = io_buffer_system(irp, input, in_len, in_len);
        if (NT_SUCCESS(status) && out_len > 0)
            status = io_attach_mdl(irp, output, out_len,
                                   METHOD_FROM_CTL_CODE(code) == METHOD_IN_DIRECT ? IoReadAccess
                                                                                  : IoWriteAccess);
        break;
    default:
        sp->Parameters.DeviceIoControl.Type3InputBuffer = input;
        break;
    }
    return status;
}

NTSTATUS io_setup_read_write(PIRP irp, PDEVICE_OBJECT device, UCHAR major, PVOID buffer,
                             ULONG length)
{
    PIO_STACK_LOCATION sp = IoGetNextIrpStackLocation(irp);
    NTSTATUS status = STATUS_SUCCESS;
    sp->Parameters.Read.Length = length; /* Read and Write share the layout */
    irp->UserBuffer = buffer;
    if (length == 0)
        return STATUS_SUCCESS;
    if (device->Flags & DO_BUFFERED_IO) {
        status = io_buffer_system(irp, major == IRP_MJ_WRITE ? buffer : NULL,
                                  major == IRP_MJ_WRITE ? length : 0, length);
        if (NT_SUCCESS(status) && major == IRP_MJ_READ)
            irp->Flags |= IRP_INPUT_OPERATION;
    } else if (device->Flags & DO_DIRECT_IO) {
        status =
            io_attach_mdl(irp, buffer, length, major == IRP_MJ_READ ? IoWriteAccess : IoReadAccess);
    }
    return status;
}

/* Copies buffered output back and releases what io_setup_* attached. Returns FALSE when the
 * driver reported more output than the requester's buffer holds (nothing past it is copied). */
BOOLEAN io_finish_buffers(PIRP irp, ULONG out_capacity)
{
    BOOLEAN fits = TRUE;
    if ((irp->Flags & IRP_INPUT_OPERATION) && (irp->Flags & IRP_BUFFERED_IO) &&
        !NT_ERROR(irp->IoStatus.Status)) {
        ULONG_PTR n = irp->IoStatus.Information;
        if (n > out_capacity) {
            fits = FALSE;
            n = out_capacity;
        }
        if (n > 0)
            memcpy(irp->UserBuffer, irp->AssociatedIrp.SystemBuffer, n);
    }
    if (irp->Flags & IRP_DEALLOCATE_BUFFER) {
        if (!io_irp_inline_finish(irp, irp->AssociatedIrp.SystemBuffer))
            io_free_buffer(irp->AssociatedIrp.SystemBuffer);
        irp->AssociatedIrp.SystemBuffer = NULL;
        irp->Flags &= ~(IRP_DEALLOCATE_BUFFER | IRP_BUFFERED_IO);
    }
    io_irp_release_mdls(irp);
    return fits;
}
