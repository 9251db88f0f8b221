/*
 * potest.c - the power manager's test driver (potest.h): a bus driver's PDO, a function
 * driver's FDO that owns its stack's power policy (system IRP -> device IRP: S0 -> D0, any
 * sleeping state -> D3, requested with PoRequestPowerIrp from the system set-power IRP's
 * IoCompletion routine, the system IRP completed from the device IRP's PowerCompletion), and an
 * upper filter, as "Handling IRP_MN_SET_POWER for System Power States" and "Sending
 * IRP_MN_QUERY_POWER or IRP_MN_SET_POWER for Device Power States" describe. Every power IRP
 * each device sees is logged into the test's struct potest_log. Misbehaviours on request
 * (POTEST_* flags) for the verifier's checks.
 */
#include <wdm.h>

#include "potest.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD PoTestUnload;
static DRIVER_DISPATCH PoTestCreateClose;
static DRIVER_DISPATCH PoTestControl;
static DRIVER_DISPATCH PoTestPower;
static IO_COMPLETION_ROUTINE PoTestSystemSetDone;
static IO_COMPLETION_ROUTINE PoTestDeviceUpDone;
static REQUEST_POWER_COMPLETE PoTestDeviceIrpDone;
static DRIVER_CANCEL PoTestWaitWakeCancel;

#define POTEST_STACKS 16

struct potest_ext {
    UCHAR role; /* enum potest_where: F, D, P; 0 for the control device */
    ULONG stack;
    ULONG flags;
    LONG status;
    PDEVICE_OBJECT lower; /* the device below (NULL for the PDO) */
    PDEVICE_OBJECT pdo;
    PIRP wait_wake; /* the PDO's pending IRP_MN_WAIT_WAKE (under the cancel spin lock) */
};

static PDEVICE_OBJECT g_Control;
static struct potest_log *g_Log;
static PDEVICE_OBJECT g_Stacks[POTEST_STACKS][3]; /* pdo, fdo, filter */
static ULONG g_StackCount;

static struct potest_ext *Ext(PDEVICE_OBJECT Device)
{
    return (struct potest_ext *)Device->DeviceExtension;
}

static struct potest_entry *PoTestLog(struct potest_ext *ext, UCHAR where, PIO_STACK_LOCATION sp)
{
    LONG i;
    struct potest_entry *e;
    if (g_Log == NULL)
        return NULL;
    i = InterlockedIncrement(&g_Log->n) - 1;
    if (i >= POTEST_LOG_MAX)
        return NULL;
    e = &g_Log->e[i];
    e->stack = ext->stack;
    e->where = where;
    e->irql = KeGetCurrentIrql();
    if (sp != NULL) {
        e->minor = sp->MinorFunction;
        if (sp->MinorFunction == IRP_MN_WAIT_WAKE) {
            e->state = sp->Parameters.WaitWake.PowerState;
        } else {
            e->type = (UCHAR)sp->Parameters.Power.Type;
            e->state = sp->Parameters.Power.State.SystemState;
            e->action = sp->Parameters.Power.ShutdownType;
            e->context = sp->Parameters.Power.SystemPowerStateContext.ContextAsUlong;
        }
    }
    return e;
}

static NTSTATUS PoTestComplete(PIRP Irp, NTSTATUS Status)
{
    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS PoTestPassDown(struct potest_ext *ext, PIRP Irp)
{
    PoStartNextPowerIrp(Irp);
    IoSkipCurrentIrpStackLocation(Irp);
    return PoCallDriver(ext->lower, Irp);
}

/* ---- the filter ---------------------------------------------------------------------------- */

static NTSTATUS PoTestFilterPower(struct potest_ext *ext, PIRP Irp, PIO_STACK_LOCATION sp)
{
    PoTestLog(ext, POTEST_AT_FILTER, sp);
    if (ext->flags & POTEST_FILTER_COMPLETE) {
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, ext->status);
    }
    return PoTestPassDown(ext, Irp);
}

/* ---- the function driver: the stack's power policy owner ---------------------------------- */

VOID PoTestDeviceIrpDone(PDEVICE_OBJECT DeviceObject, UCHAR MinorFunction, POWER_STATE PowerState,
                         PVOID Context, PIO_STATUS_BLOCK IoStatus)
{
    PIRP sirp = Context;
    struct potest_ext *ext = Ext(IoGetCurrentIrpStackLocation(sirp)->DeviceObject);
    struct potest_entry *e = PoTestLog(ext, POTEST_AT_DIRP_DONE, NULL);
    if (e != NULL) {
        e->minor = MinorFunction;
        e->type = DevicePowerState;
        e->state = PowerState.DeviceState;
        e->status = IoStatus->Status;
        e->previous = DeviceObject == ext->pdo; /* the device the IRP was requested for */
    }
    /* The system IRP succeeds whatever the device IRP did: it cannot be failed. */
    sirp->IoStatus.Status = STATUS_SUCCESS;
    PoStartNextPowerIrp(sirp);
    IoCompleteRequest(sirp, IO_NO_INCREMENT);
}

NTSTATUS PoTestSystemSetDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    struct potest_ext *ext = Ext(DeviceObject);
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    POWER_STATE d;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Context);
    PoTestLog(ext, POTEST_AT_SIRP_DONE, sp);
    d.DeviceState = sp->Parameters.Power.State.SystemState == PowerSystemWorking ? PowerDeviceD0
                                                                                 : PowerDeviceD3;
    status = PoRequestPowerIrp(ext->pdo, IRP_MN_SET_POWER, d, PoTestDeviceIrpDone, Irp, NULL);
    if (status != STATUS_PENDING) {
        PoStartNextPowerIrp(Irp);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        return STATUS_CONTINUE_COMPLETION;
    }
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS PoTestDeviceUpDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    POWER_STATE d0;
    UNREFERENCED_PARAMETER(Context);
    if (Irp->PendingReturned)
        IoMarkIrpPending(Irp);
    d0.DeviceState = PowerDeviceD0; /* after the bus driver powered the device up */
    PoSetPowerState(DeviceObject, DevicePowerState, d0);
    PoStartNextPowerIrp(Irp);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS PoTestFdoSetPower(struct potest_ext *ext, PDEVICE_OBJECT Device, PIRP Irp,
                                  PIO_STACK_LOCATION sp)
{
    struct potest_entry *e = PoTestLog(ext, POTEST_AT_FDO, sp);
    if (ext->flags & POTEST_HANG_SET) {
        IoMarkIrpPending(Irp); /* and never completed: the power manager's watchdog */
        return STATUS_PENDING;
    }
    if (sp->Parameters.Power.Type == SystemPowerState) {
        IoMarkIrpPending(Irp);
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, PoTestSystemSetDone, NULL, TRUE, TRUE, TRUE);
        PoCallDriver(ext->lower, Irp);
        return STATUS_PENDING;
    }
    if (sp->Parameters.Power.State.DeviceState == PowerDeviceD0) {
        IoCopyCurrentIrpStackLocationToNext(Irp);
        IoSetCompletionRoutine(Irp, PoTestDeviceUpDone, NULL, TRUE, TRUE, TRUE);
        return PoCallDriver(ext->lower, Irp);
    }
    /* Powering down: tell the power manager before the device leaves D0. */
    if (e != NULL)
        e->previous =
            PoSetPowerState(Device, DevicePowerState, sp->Parameters.Power.State).DeviceState;
    return PoTestPassDown(ext, Irp);
}

static NTSTATUS PoTestFdoPower(struct potest_ext *ext, PDEVICE_OBJECT Device, PIRP Irp,
                               PIO_STACK_LOCATION sp)
{
    if (sp->MinorFunction == IRP_MN_SET_POWER)
        return PoTestFdoSetPower(ext, Device, Irp, sp);
    PoTestLog(ext, POTEST_AT_FDO, sp);
    if (sp->MinorFunction == IRP_MN_QUERY_POWER && sp->Parameters.Power.Type == SystemPowerState &&
        (ext->flags & POTEST_VETO_QUERY)) {
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, STATUS_DEVICE_BUSY);
    }
    return PoTestPassDown(ext, Irp);
}

/* ---- the bus driver's PDO ------------------------------------------------------------------ */

VOID PoTestWaitWakeCancel(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    struct potest_ext *ext = Ext(DeviceObject);
    ext->wait_wake = NULL;
    IoReleaseCancelSpinLock(Irp->CancelIrql);
    PoStartNextPowerIrp(Irp);
    PoTestComplete(Irp, STATUS_CANCELLED);
}

static NTSTATUS PoTestPdoWaitWake(struct potest_ext *ext, PIRP Irp)
{
    KIRQL irql;
    IoAcquireCancelSpinLock(&irql);
    if (Irp->Cancel) {
        IoReleaseCancelSpinLock(irql);
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, STATUS_CANCELLED);
    }
    IoMarkIrpPending(Irp);
    IoSetCancelRoutine(Irp, PoTestWaitWakeCancel);
    ext->wait_wake = Irp;
    IoReleaseCancelSpinLock(irql);
    return STATUS_PENDING; /* until the device signals wake, or the IRP is cancelled */
}

static NTSTATUS PoTestPdoPower(struct potest_ext *ext, PDEVICE_OBJECT Device, PIRP Irp,
                               PIO_STACK_LOCATION sp)
{
    struct potest_entry *e = PoTestLog(ext, POTEST_AT_PDO, sp);
    switch (sp->MinorFunction) {
    case IRP_MN_WAIT_WAKE:
        return PoTestPdoWaitWake(ext, Irp);
    case IRP_MN_SET_POWER:
        if (sp->Parameters.Power.Type == DevicePowerState) {
            POWER_STATE prev =
                PoSetPowerState(Device, DevicePowerState, sp->Parameters.Power.State);
            if (e != NULL)
                e->previous = prev.DeviceState;
        } else if (ext->flags & POTEST_PDO_FAIL_SET) {
            PoStartNextPowerIrp(Irp);
            return PoTestComplete(Irp, STATUS_UNSUCCESSFUL);
        }
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, STATUS_SUCCESS);
    case IRP_MN_QUERY_POWER:
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, STATUS_SUCCESS);
    default: /* not handled: completed with the status it has */
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, Irp->IoStatus.Status);
    }
}

NTSTATUS PoTestPower(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    struct potest_ext *ext = Ext(DeviceObject);
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    switch (ext->role) {
    case POTEST_AT_FILTER:
        return PoTestFilterPower(ext, Irp, sp);
    case POTEST_AT_FDO:
        return PoTestFdoPower(ext, DeviceObject, Irp, sp);
    case POTEST_AT_PDO:
        return PoTestPdoPower(ext, DeviceObject, Irp, sp);
    default:
        PoStartNextPowerIrp(Irp);
        return PoTestComplete(Irp, STATUS_INVALID_DEVICE_REQUEST);
    }
}

/* ---- building and tearing down stacks ------------------------------------------------------ */

static NTSTATUS PoTestNewDevice(UCHAR role, const struct potest_build_in *in, PDEVICE_OBJECT pdo,
                                PDEVICE_OBJECT *out)
{
    PDEVICE_OBJECT dev;
    struct potest_ext *ext;
    POWER_STATE d0;
    NTSTATUS status = IoCreateDevice(g_Control->DriverObject, sizeof(*ext), NULL,
                                     FILE_DEVICE_UNKNOWN, 0, FALSE, &dev);
    if (!NT_SUCCESS(status))
        return status;
    ext = Ext(dev);
    ext->role = role;
    ext->stack = in->id;
    ext->flags = in->flags;
    ext->status = in->status;
    ext->pdo = pdo != NULL ? pdo : dev;
    if (pdo != NULL)
        ext->lower = IoAttachDeviceToDeviceStack(dev, pdo);
    if (in->flags & POTEST_PAGABLE)
        dev->Flags |= DO_POWER_PAGABLE;
    dev->Flags &= ~DO_DEVICE_INITIALIZING;
    d0.DeviceState = PowerDeviceD0; /* as a driver does at IRP_MN_START_DEVICE */
    PoSetPowerState(dev, DevicePowerState, d0);
    *out = dev;
    return STATUS_SUCCESS;
}

static NTSTATUS PoTestBuild(const struct potest_build_in *in, struct potest_build_out *out)
{
    PDEVICE_OBJECT *s;
    NTSTATUS status;
    if (g_StackCount == POTEST_STACKS)
        return STATUS_INSUFFICIENT_RESOURCES;
    s = g_Stacks[g_StackCount];
    status = PoTestNewDevice(POTEST_AT_PDO, in, NULL, &s[0]);
    if (NT_SUCCESS(status))
        status = PoTestNewDevice(POTEST_AT_FDO, in, s[0], &s[1]);
    if (NT_SUCCESS(status) && (in->flags & POTEST_FILTER))
        status = PoTestNewDevice(POTEST_AT_FILTER, in, s[0], &s[2]);
    g_StackCount++; /* torn down at unload, complete or not */
    out->pdo = (ULONG64)(ULONG_PTR)s[0];
    out->fdo = (ULONG64)(ULONG_PTR)s[1];
    out->filter = (ULONG64)(ULONG_PTR)s[2];
    return status;
}

static VOID PoTestTeardown(VOID)
{
    for (ULONG i = 0; i < g_StackCount; i++)
        for (int r = 2; r >= 0; r--) {
            PDEVICE_OBJECT dev = g_Stacks[i][r];
            if (dev == NULL)
                continue;
            if (Ext(dev)->lower != NULL)
                IoDetachDevice(Ext(dev)->lower);
            IoDeleteDevice(dev);
            g_Stacks[i][r] = NULL;
        }
    g_StackCount = 0;
}

/* ---- the control device -------------------------------------------------------------------- */

NTSTATUS PoTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Information = 0;
    return PoTestComplete(Irp, STATUS_SUCCESS);
}

NTSTATUS PoTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in_len = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out_len = sp->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    Irp->IoStatus.Information = 0;
    if (DeviceObject != g_Control)
        return PoTestComplete(Irp, status);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_POTEST_SET_LOG:
        if (in_len < sizeof(ULONG64))
            return PoTestComplete(Irp, STATUS_BUFFER_TOO_SMALL);
        g_Log = (struct potest_log *)(ULONG_PTR) * (ULONG64 *)buf;
        status = STATUS_SUCCESS;
        break;
    case IOCTL_POTEST_BUILD:
        if (in_len < sizeof(struct potest_build_in) || out_len < sizeof(struct potest_build_out))
            return PoTestComplete(Irp, STATUS_BUFFER_TOO_SMALL);
        {
            struct potest_build_in in = *(struct potest_build_in *)buf;
            status = PoTestBuild(&in, buf);
        }
        Irp->IoStatus.Information = sizeof(struct potest_build_out);
        break;
    }
    return PoTestComplete(Irp, status);
}

VOID PoTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(POTEST_LINK);
    UNREFERENCED_PARAMETER(DriverObject);
    PoTestTeardown();
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Control);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(POTEST_DEVICE);
    UNICODE_STRING link = RTL_CONSTANT_STRING(POTEST_LINK);
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, sizeof(struct potest_ext), &name, FILE_DEVICE_UNKNOWN, 0,
                            FALSE, &g_Control);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Control);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = PoTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = PoTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PoTestControl;
    DriverObject->MajorFunction[IRP_MJ_POWER] = PoTestPower;
    DriverObject->DriverUnload = PoTestUnload;
    return STATUS_SUCCESS;
}
