/*
 * po.c - the power rules of I/O Verification (bug check 0xC9, the 0x2xx errors on power IRPs)
 * and the power manager's time-out (0x9F DRIVER_POWER_STATE_FAILURE). The parameters follow
 * the table in bugcodes.c: for the 0x2xx errors the address in the driver that called, the
 * IRP, the device object.
 *
 * "Passed down" is read from the IRP itself: IoCallDriver writes the lower driver's device
 * object into the stack location below the caller's, and the completion walk does not clear
 * that field. IoCopyCurrentIrpStackLocationToNext copies the caller's own device object there,
 * so a copied location not yet sent is not taken for a forwarded one; locations of the caller's
 * own device are looked through (vf_po_passed_down).
 */
#include "vf/vf_private.h"

#include <drvhost/drvhost.h>

/* The first location below the caller's that holds another device object decides. Locations
 * holding the caller's own device in between are that device handing the IRP to another of its
 * routines through a location of its own (the HID class driver to its minidriver, both on the
 * FDO, docs/hid.md), or a copy not sent yet, which the next location, NULL or the lowest,
 * leaves unforwarded. */
static BOOLEAN vf_po_passed_down(PIRP irp, PIO_STACK_LOCATION sp)
{
    PIO_STACK_LOCATION below = sp - 1;
    for (CCHAR n = (CCHAR)(irp->CurrentLocation - 1); n >= 1; n--, below--) {
        if (below->DeviceObject != sp->DeviceObject)
            return below->DeviceObject != NULL;
    }
    return FALSE; /* the lowest location: nothing below to pass it to */
}

static BOOLEAN vf_po_known_minor(UCHAR minor)
{
    return minor == IRP_MN_WAIT_WAKE || minor == IRP_MN_POWER_SEQUENCE ||
           minor == IRP_MN_SET_POWER || minor == IRP_MN_QUERY_POWER;
}

__attribute__((noreturn)) static void vf_po_raise(ULONG_PTR subcode, PIRP irp, PDEVICE_OBJECT dev,
                                                  const void *caller, const char *what)
{
    PIO_STACK_LOCATION sp = irp->Tail.Overlay.CurrentStackLocation;
    const char *name = drvhost_status_name(irp->IoStatus.Status);
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, subcode, (ULONG_PTR)caller,
                    (ULONG_PTR)irp, (ULONG_PTR)dev,
                    "IoCompleteRequest: device %p %s (IRP_MJ_POWER, minor 0x%02X, status %s)",
                    (void *)dev, what, sp->MinorFunction, name != NULL ? name : "?");
}

void vf_po_completion(PIRP irp, PDEVICE_OBJECT below, const void *caller)
{
    PIO_STACK_LOCATION sp = irp->Tail.Overlay.CurrentStackLocation;
    PDEVICE_OBJECT dev = sp->DeviceObject;
    NTSTATUS status = irp->IoStatus.Status;
    if (dev != NULL && below != NULL && !vf_po_passed_down(irp, sp)) {
        if (!vf_po_known_minor(sp->MinorFunction))
            vf_po_raise(VF_C9_POWER_UNKNOWN_COMPLETED, irp, dev, caller,
                        "completed a power IRP it does not know instead of passing it down");
        if (status == STATUS_NOT_SUPPORTED)
            vf_po_raise(VF_C9_POWER_NOT_SUPPORTED, irp, dev, caller,
                        "completed a power IRP with STATUS_NOT_SUPPORTED instead of passing it "
                        "down (only the PDO may)");
        if (NT_SUCCESS(status))
            vf_po_raise(VF_C9_POWER_SUCCESS_COMPLETED, irp, dev, caller,
                        "completed a power IRP successfully instead of passing it down");
    }
    if (sp->MinorFunction == IRP_MN_SET_POWER && sp->Parameters.Power.Type == SystemPowerState &&
        !NT_SUCCESS(status))
        vf_po_raise(VF_C9_FAILED_UNFAILABLE, irp, dev, caller,
                    "failed a system set-power IRP (a driver cannot fail it)");
}

void vf_po_call_bad_irql(PIRP irp, PDEVICE_OBJECT device, const void *caller)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_FORWARDED_AT_BAD_IRQL,
                    (ULONG_PTR)caller, (ULONG_PTR)irp, (ULONG_PTR)device,
                    "PoCallDriver at IRQL %u to device %p (%s)", (unsigned)ke_irql(),
                    (void *)device,
                    (device->Flags & DO_POWER_PAGABLE) != 0 ? "DO_POWER_PAGABLE: PASSIVE_LEVEL only"
                                                            : "DISPATCH_LEVEL at most");
}

void vf_po_start_next_not_power(PIRP irp, const void *caller)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_IOMANAGER_VIOLATION, VF_C9_UNKNOWN, (ULONG_PTR)caller,
                    (ULONG_PTR)irp, 0,
                    "PoStartNextPowerIrp: IRP %p has no current IRP_MJ_POWER stack location",
                    (void *)irp);
}

void vf_po_irp_blocked(PDEVICE_OBJECT pdo, PDEVICE_OBJECT holder, PIRP irp, unsigned ms)
{
    ke_bugcheck_msg(BUGCODE_DRIVER_POWER_STATE_FAILURE, VF_9F_IRP_BLOCKED, (ULONG_PTR)pdo,
                    (ULONG_PTR)holder, (ULONG_PTR)irp,
                    "power IRP %p not completed after %u ms: held by device %p (PDO %p)",
                    (void *)irp, ms, (void *)holder, (void *)pdo);
}
