/*
 * io.c - I/O Verification (bug check 0xC9): what the checks of vf.h do on a violation, and
 * the checks made after a dispatch routine returned. Parameter 1 is the violation
 * (VF_C9_*); the others as the table in bugcodes.c says, deviations included.
 */
#include "vf/vf_private.h"

#include <drvhost/drvhost.h>

void vf_io_bad_completion(PIRP irp, PDRIVER_CANCEL cancel_routine)
{
    NTSTATUS status = irp->IoStatus.Status;
    if (status == STATUS_PENDING || status == -1)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_COMPLETE_PENDING,
                        (ULONG_PTR)(ULONG)status, (ULONG_PTR)irp, 0,
                        "IoCompleteRequest with status STATUS_PENDING");
    if (cancel_routine != NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION,
                        VF_C9_COMPLETE_CANCEL_ROUTINE_SET, (ULONG_PTR)cancel_routine,
                        (ULONG_PTR)irp, 0,
                        "IoCompleteRequest while the IRP's cancel routine is still set");
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_COMPLETE_ABOVE_DISPATCH,
                    ke_irql(), (ULONG_PTR)irp, 0, "IoCompleteRequest above DISPATCH_LEVEL");
}

void vf_io_not_completed(const void *dispatch, PIRP irp, PDEVICE_OBJECT device, NTSTATUS returned)
{
    const char *name = drvhost_status_name(returned);
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_NOT_COMPLETED_NOR_PENDING,
                    (ULONG_PTR)dispatch, (ULONG_PTR)irp, (ULONG_PTR)device,
                    "the dispatch routine returned %s without completing the IRP or returning "
                    "STATUS_PENDING",
                    name != NULL ? name : "a status");
}

void vf_io_status_mismatch(const void *dispatch, PIRP irp, PDEVICE_OBJECT device, NTSTATUS returned,
                           NTSTATUS completed)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_STATUS_MISMATCH,
                    (ULONG_PTR)dispatch, (ULONG_PTR)irp, (ULONG_PTR)device,
                    "the dispatch routine returned 0x%08X but completed the IRP with 0x%08X",
                    (unsigned)returned, (unsigned)completed);
}

void vf_io_free_not_an_irp(PIRP irp)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_FREE_NOT_AN_IRP,
                    (ULONG_PTR)irp, 0, 0,
                    "IoFreeIrp on an IRP that IoAllocateIrp did not allocate");
}

void vf_io_delete_device_twice(PDEVICE_OBJECT device, ULONG_PTR caller)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_DELETE_DEVICE_TWICE, caller,
                    0, (ULONG_PTR)device, "IoDeleteDevice called twice for device %p",
                    (void *)device);
}

void vf_io_delete_attached_device(PDEVICE_OBJECT device, PDEVICE_OBJECT lower, ULONG_PTR caller)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_DELETE_ATTACHED_DEVICE,
                    caller, 0, (ULONG_PTR)device,
                    "IoDeleteDevice: device %p is still attached to %p (call IoDetachDevice "
                    "first)",
                    (void *)device, (void *)lower);
}

void vf_io_detach_nothing(PDEVICE_OBJECT device, ULONG_PTR caller)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_DETACH_NOTHING_ATTACHED,
                    caller, 0, (ULONG_PTR)device,
                    "IoDetachDevice: nothing is attached to device %p", (void *)device);
}
