/*
 * ddi.c - the power manager's routines a driver calls while it handles a power IRP:
 * PoCallDriver, PoStartNextPowerIrp, PoSetPowerState (Windows Vista and later semantics).
 */
#include "po/po_private.h"

#include "io/io.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

/* Since Windows Vista PoCallDriver is IoCallDriver (its page): no queueing of power IRPs per
 * device, no inrush serialisation. What it checks is the IRQL the target allows: PASSIVE_LEVEL
 * for a DO_POWER_PAGABLE device, DISPATCH_LEVEL otherwise (0xC9 / 0x23A). */
NTSTATUS NTAPI PoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    KIRQL irql = KeGetCurrentIrql();
    KIRQL max = (DeviceObject->Flags & DO_POWER_PAGABLE) != 0 ? PASSIVE_LEVEL : DISPATCH_LEVEL;
    if (irql > max)
        vf_po_call_bad_irql(Irp, DeviceObject, __builtin_return_address(0));
    return IoCallDriver(DeviceObject, Irp);
}

/* A no-op since Windows Vista (its page). drvhost still checks what the page requires of the
 * call: IRQL <= DISPATCH_LEVEL (0xA), and an IRP whose current stack location is the caller's
 * IRP_MJ_POWER one (0xC9 / 0x200), so a driver written for both worlds calls it right. */
VOID NTAPI PoStartNextPowerIrp(PIRP Irp)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "PoStartNextPowerIrp", Irp, __builtin_return_address(0));
    if (Irp->Type != IO_TYPE_IRP || Irp->CurrentLocation < 1 ||
        Irp->CurrentLocation > Irp->StackCount ||
        Irp->Tail.Overlay.CurrentStackLocation->MajorFunction != IRP_MJ_POWER)
        vf_po_start_next_not_power(Irp, __builtin_return_address(0));
}

/* The state is kept in the device object (struct io_device), as Windows keeps it in the
 * device object's extension; a device no driver has set is PowerDeviceUnspecified. */
POWER_STATE NTAPI PoSetPowerState(PDEVICE_OBJECT DeviceObject, POWER_STATE_TYPE Type,
                                  POWER_STATE State)
{
    struct io_device *d = (struct io_device *)DeviceObject;
    POWER_STATE previous;
    KIRQL max =
        Type == DevicePowerState && State.DeviceState == PowerDeviceD0 ? DISPATCH_LEVEL : APC_LEVEL;
    vf_check_irql_at_most(max, "PoSetPowerState", DeviceObject, __builtin_return_address(0));
    if (Type != DevicePowerState || State.DeviceState < PowerDeviceD0 ||
        State.DeviceState > PowerDeviceD3) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoSetPowerState(%p): %s %d is not a device power state (Type must be "
                 "DevicePowerState, State D0-D3); nothing recorded",
                 (void *)DeviceObject,
                 Type == DevicePowerState ? "DevicePowerState" : "SystemPowerState",
                 (int)State.DeviceState);
        return State;
    }
    previous.DeviceState = (DEVICE_POWER_STATE)__atomic_exchange_n(
        &d->po_device_state, (LONG)State.DeviceState, __ATOMIC_ACQ_REL);
    return previous;
}
