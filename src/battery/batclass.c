/*
 * batclass.c - drvhost's battery class driver (docs/battery.md), the part battc.sys plays for a
 * battery miniclass: BatteryClassInitializeDevice keeps the miniclass's routines and enables the
 * GUID_DEVICE_BATTERY interface of its PDO; BatteryClassIoctl answers the four battery IOCTLs
 * through those routines, keeping IOCTL_BATTERY_QUERY_TAG (no battery yet) and
 * IOCTL_BATTERY_QUERY_STATUS (the status still inside the caller's bounds) waiting until their
 * time-out, a BatteryClassStatusNotify or a cancel; BatteryClassUnload ends it all.
 *
 * Threads: BatteryClassIoctl runs on the caller's thread at PASSIVE_LEVEL (documented); the
 * waiting IRPs are re-examined by a work item (system worker thread) that a status
 * notification or the time-out timer queues, so BatteryClassStatusNotify may be called from
 * any thread, at IRQL <= DISPATCH_LEVEL, also from inside a miniclass routine.
 */
#include "battery/battery_private.h"

#include <poclass.h>

/* The waiting IRP's deadline (KeQueryInterruptTime units), 0 for none: DriverContext[0]. */
#define BAT_DEADLINE(irp) (*(LONGLONG *)&(irp)->Tail.Overlay.DriverContext[0])
/* The waiting IRP's number (bat_class.seq), to know whose bounds the miniclass has. */
#define BAT_SEQ(irp) (*(ULONG_PTR *)&(irp)->Tail.Overlay.DriverContext[1])

static IO_WORKITEM_ROUTINE bat_work;
static void bat_notify_for(struct bat_class *c, PIRP last);
static void bat_kick(struct bat_class *c);

void bat_serial_acquire(struct bat_class *c)
{
    KeWaitForSingleObject(&c->serial, Executive, KernelMode, FALSE, NULL);
}

void bat_serial_release(struct bat_class *c)
{
    KeSetEvent(&c->serial, IO_NO_INCREMENT, FALSE);
}

/* Completes a battery IOCTL. A miniclass routine's STATUS_NOT_SUPPORTED becomes
 * STATUS_INVALID_DEVICE_REQUEST (drvhost's): BatteryClassIoctl returning STATUS_NOT_SUPPORTED
 * tells the miniclass the IRP is not a battery IOCTL and still its own (documented), so the
 * miniclass would pass on or complete an IRP already completed. */
static NTSTATUS bat_complete(PIRP irp, NTSTATUS status, ULONG_PTR info)
{
    if (status == STATUS_NOT_SUPPORTED)
        status = STATUS_INVALID_DEVICE_REQUEST;
    irp->IoStatus.Status = status;
    irp->IoStatus.Information = NT_SUCCESS(status) ? info : 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

/* ---- the cancel-safe queue of waiting IRPs (csq callbacks; `lock` held by the csq) ---------- */

static struct bat_class *bat_of_csq(PIO_CSQ csq)
{
    return CONTAINING_RECORD(csq, struct bat_class, csq);
}

static VOID bat_csq_insert(PIO_CSQ csq, PIRP irp)
{
    InsertTailList(&bat_of_csq(csq)->queue, &irp->Tail.Overlay.ListEntry);
}

static VOID bat_csq_remove(PIO_CSQ csq, PIRP irp)
{
    UNREFERENCED_PARAMETER(csq);
    RemoveEntryList(&irp->Tail.Overlay.ListEntry);
}

static PIRP bat_csq_peek(PIO_CSQ csq, PIRP irp, PVOID peek)
{
    struct bat_class *c = bat_of_csq(csq);
    PLIST_ENTRY next = irp ? irp->Tail.Overlay.ListEntry.Flink : c->queue.Flink;
    UNREFERENCED_PARAMETER(peek);
    return next == &c->queue ? NULL : CONTAINING_RECORD(next, IRP, Tail.Overlay.ListEntry);
}

static VOID bat_csq_lock(PIO_CSQ csq, PKIRQL irql)
{
    KeAcquireSpinLock(&bat_of_csq(csq)->lock, irql);
}

static VOID bat_csq_unlock(PIO_CSQ csq, KIRQL irql)
{
    KeReleaseSpinLock(&bat_of_csq(csq)->lock, irql);
}

/* A cancelled waiter: completed, then a pass tells the miniclass the bounds still wanted (or
 * disables its notification). The csq's lock is not held here. */
static VOID bat_csq_cancelled(PIO_CSQ csq, PIRP irp)
{
    bat_complete(irp, STATUS_CANCELLED, 0);
    bat_kick(bat_of_csq(csq));
}

/* ---- the work item and the time-out timer ------------------------------------------------- */

/* Queues the work item (or asks the running one for another pass). Any IRQL <= DISPATCH. */
static void bat_kick(struct bat_class *c)
{
    KIRQL irql;
    BOOLEAN queue = FALSE;
    KeAcquireSpinLock(&c->lock, &irql);
    if (c->unloading) {
        /* BatteryClassUnload completes what waits */
    } else if (c->work_queued) {
        c->work_again = TRUE;
    } else {
        c->work_queued = queue = TRUE;
        KeClearEvent(&c->work_idle);
    }
    KeReleaseSpinLock(&c->lock, irql);
    if (queue)
        IoQueueWorkItem(c->work, bat_work, DelayedWorkQueue, c);
}

static VOID bat_timer_dpc(PKDPC dpc, PVOID context, PVOID arg1, PVOID arg2)
{
    struct bat_class *c = context;
    UNREFERENCED_PARAMETER(dpc);
    UNREFERENCED_PARAMETER(arg1);
    UNREFERENCED_PARAMETER(arg2);
    KeAcquireSpinLockAtDpcLevel(&c->lock);
    c->timer_at = 0;
    KeReleaseSpinLockFromDpcLevel(&c->lock);
    bat_kick(c);
}

/* Sets the timer for `deadline` unless it is already due earlier. */
static void bat_arm(struct bat_class *c, LONGLONG deadline)
{
    KIRQL irql;
    KeAcquireSpinLock(&c->lock, &irql);
    if (!c->unloading && deadline != 0 && (c->timer_at == 0 || deadline < c->timer_at)) {
        LONGLONG wait = deadline - (LONGLONG)KeQueryInterruptTime();
        LARGE_INTEGER due;
        due.QuadPart = -(wait > 0 ? wait : 1);
        c->timer_at = deadline;
        KeSetTimer(&c->timer, due, &c->dpc);
    }
    KeReleaseSpinLock(&c->lock, irql);
}

/* A time-out in milliseconds from now as a deadline; 0 (none) for -1, "wait forever". */
static LONGLONG bat_deadline(ULONG timeout_ms)
{
    if (timeout_ms == MAXULONG)
        return 0;
    return (LONGLONG)KeQueryInterruptTime() + (LONGLONG)timeout_ms * 10000 + 1;
}

static BOOLEAN bat_expired(PIRP irp)
{
    LONGLONG at = BAT_DEADLINE(irp);
    return at != 0 && (LONGLONG)KeQueryInterruptTime() >= at;
}

/* ---- the IOCTLs ----------------------------------------------------------------------------- */

/* IOCTL_BATTERY_QUERY_TAG: the status the IRP was completed with, or STATUS_PENDING when it
 * waits on (not completed). */
static NTSTATUS bat_try_tag(struct bat_class *c, PIRP irp, BOOLEAN may_wait)
{
    PULONG out = irp->AssociatedIrp.SystemBuffer;
    ULONG tag = BATTERY_TAG_INVALID;
    NTSTATUS status = c->mp.QueryTag(c->mp.Context, &tag);
    if (NT_SUCCESS(status) && tag == BATTERY_TAG_INVALID)
        status = STATUS_NO_SUCH_DEVICE; /* a miniclass may not give the invalid tag */
    if (status == STATUS_NO_SUCH_DEVICE && may_wait && !bat_expired(irp))
        return STATUS_PENDING;
    *out = NT_SUCCESS(status) ? tag : BATTERY_TAG_INVALID;
    return bat_complete(irp, status, sizeof(ULONG));
}

/* The caller's condition is met: the power state differs, or the capacity left its bounds. */
static BOOLEAN bat_status_changed(const BATTERY_WAIT_STATUS *w, const BATTERY_STATUS *s)
{
    return s->PowerState != w->PowerState || s->Capacity < w->LowCapacity ||
           s->Capacity > w->HighCapacity;
}

/* IOCTL_BATTERY_QUERY_STATUS: as bat_try_tag. The input (BATTERY_WAIT_STATUS) is read before
 * the output overwrites the same system buffer. */
static NTSTATUS bat_try_status(struct bat_class *c, PIRP irp, BOOLEAN may_wait)
{
    BATTERY_WAIT_STATUS w = *(PBATTERY_WAIT_STATUS)irp->AssociatedIrp.SystemBuffer;
    BATTERY_STATUS s;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    RtlZeroMemory(&s, sizeof(s));
    if (w.BatteryTag != BATTERY_TAG_INVALID)
        status = c->mp.QueryStatus(c->mp.Context, w.BatteryTag, &s);
    if (NT_SUCCESS(status) && may_wait && w.Timeout != 0 && !bat_status_changed(&w, &s) &&
        !bat_expired(irp))
        return STATUS_PENDING;
    if (NT_SUCCESS(status))
        RtlCopyMemory(irp->AssociatedIrp.SystemBuffer, &s, sizeof(s));
    return bat_complete(irp, status, sizeof(s));
}

static NTSTATUS bat_query_information(struct bat_class *c, PIRP irp, PIO_STACK_LOCATION sp)
{
    BATTERY_QUERY_INFORMATION q;
    ULONG returned = 0;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    ULONG out_len = sp->Parameters.DeviceIoControl.OutputBufferLength;
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(q))
        return bat_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    q = *(PBATTERY_QUERY_INFORMATION)irp->AssociatedIrp.SystemBuffer;
    if (q.BatteryTag != BATTERY_TAG_INVALID) {
        bat_serial_acquire(c);
        status =
            c->mp.QueryInformation(c->mp.Context, q.BatteryTag, q.InformationLevel, (LONG)q.AtRate,
                                   irp->AssociatedIrp.SystemBuffer, out_len, &returned);
        bat_serial_release(c);
    }
    return bat_complete(irp, status, returned < out_len ? returned : out_len);
}

static NTSTATUS bat_set_information(struct bat_class *c, PIRP irp, PIO_STACK_LOCATION sp)
{
    ULONG in_len = sp->Parameters.DeviceIoControl.InputBufferLength;
    PBATTERY_SET_INFORMATION set = irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status = STATUS_NO_SUCH_DEVICE;
    if (in_len < FIELD_OFFSET(BATTERY_SET_INFORMATION, Buffer))
        return bat_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    if (set->BatteryTag != BATTERY_TAG_INVALID) {
        /* Levels without data (BatteryCharge, BatteryDischarge) get no buffer. */
        PVOID data = in_len > FIELD_OFFSET(BATTERY_SET_INFORMATION, Buffer) ? set->Buffer : NULL;
        bat_serial_acquire(c);
        status = c->mp.SetInformation(c->mp.Context, set->BatteryTag, set->InformationLevel, data);
        bat_serial_release(c);
    }
    return bat_complete(irp, status, 0);
}

/* QUERY_TAG and QUERY_STATUS: answered now, or queued to wait (STATUS_PENDING). */
static NTSTATUS bat_waitable(struct bat_class *c, PIRP irp, PIO_STACK_LOCATION sp, BOOLEAN tag)
{
    ULONG in_len = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out_len = sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG in_need = tag ? sizeof(ULONG) : sizeof(BATTERY_WAIT_STATUS);
    ULONG out_need = tag ? sizeof(ULONG) : sizeof(BATTERY_STATUS);
    NTSTATUS status;
    ULONG timeout;
    if (in_len < in_need)
        return bat_complete(irp, STATUS_INVALID_BUFFER_SIZE, 0);
    if (out_len < out_need)
        return bat_complete(irp, STATUS_BUFFER_TOO_SMALL, 0);
    timeout = tag ? *(PULONG)irp->AssociatedIrp.SystemBuffer
                  : ((PBATTERY_WAIT_STATUS)irp->AssociatedIrp.SystemBuffer)->Timeout;
    BAT_DEADLINE(irp) = bat_deadline(timeout);
    bat_serial_acquire(c);
    status = tag ? bat_try_tag(c, irp, timeout != 0) : bat_try_status(c, irp, TRUE);
    if (status == STATUS_PENDING) {
        BAT_SEQ(irp) = ++c->seq;
        if (!tag)
            bat_notify_for(c, irp); /* the newest waiter's bounds */
        IoCsqInsertIrp(&c->csq, irp, NULL);
        bat_arm(c, BAT_DEADLINE(irp));
    }
    bat_serial_release(c);
    return status; /* completed with it, or STATUS_PENDING */
}

/* ---- re-examining the waiting IRPs (work item, PASSIVE_LEVEL) ------------------------------ */

/* Tells the miniclass what to notify about: the bounds of the newest waiting status request
 * (`last`, NULL when none waits; the miniclass has one BATTERY_NOTIFY), once per request; with
 * no status request waiting any more, DisableStatusNotify. Under serial. */
static void bat_notify_for(struct bat_class *c, PIRP last)
{
    BATTERY_NOTIFY n;
    PBATTERY_WAIT_STATUS w;
    if (last == NULL) {
        if (c->notify_set)
            c->mp.DisableStatusNotify(c->mp.Context);
        c->notify_set = FALSE;
        c->notify_seq = 0;
        return;
    }
    if (c->notify_set && BAT_SEQ(last) == c->notify_seq)
        return;
    w = last->AssociatedIrp.SystemBuffer;
    n.PowerState = w->PowerState;
    n.LowCapacity = w->LowCapacity;
    n.HighCapacity = w->HighCapacity;
    c->mp.SetStatusNotify(c->mp.Context, w->BatteryTag, &n);
    c->notify_set = TRUE;
    c->notify_seq = BAT_SEQ(last);
}

/* One pass: every waiting IRP is asked for again; those still waiting go back to the queue. */
static void bat_pass(struct bat_class *c)
{
    LIST_ENTRY waiting;
    LONGLONG next = 0;
    PIRP irp, last = NULL;
    InitializeListHead(&waiting);
    bat_serial_acquire(c);
    while ((irp = IoCsqRemoveNextIrp(&c->csq, NULL)) != NULL) {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
        BOOLEAN tag = sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_BATTERY_QUERY_TAG;
        if ((tag ? bat_try_tag(c, irp, TRUE) : bat_try_status(c, irp, TRUE)) != STATUS_PENDING)
            continue;
        InsertTailList(&waiting, &irp->Tail.Overlay.ListEntry);
        if (!tag && (last == NULL || BAT_SEQ(irp) > BAT_SEQ(last)))
            last = irp;
    }
    bat_notify_for(c, last);
    /* Back in their order, under serial so that a new waiter queues after them. */
    while (!IsListEmpty(&waiting)) {
        irp = CONTAINING_RECORD(RemoveHeadList(&waiting), IRP, Tail.Overlay.ListEntry);
        if (BAT_DEADLINE(irp) != 0 && (next == 0 || BAT_DEADLINE(irp) < next))
            next = BAT_DEADLINE(irp);
        IoCsqInsertIrp(&c->csq, irp, NULL); /* a cancel meanwhile completes it there */
    }
    bat_serial_release(c);
    bat_arm(c, next);
}

static VOID bat_work(PDEVICE_OBJECT device, PVOID context)
{
    struct bat_class *c = context;
    KIRQL irql;
    BOOLEAN again;
    UNREFERENCED_PARAMETER(device);
    do {
        bat_pass(c);
        KeAcquireSpinLock(&c->lock, &irql);
        again = c->work_again && !c->unloading;
        c->work_again = FALSE;
        c->work_queued = again;
        /* Signalled under the lock, so that a bat_kick cannot queue a new pass between the
         * decision and the signal. BatteryClassUnload, woken by it, takes this lock (through
         * the csq) before it frees the class: the release below is the last touch of `c`. */
        if (!again)
            KeSetEvent(&c->work_idle, IO_NO_INCREMENT, FALSE);
        KeReleaseSpinLock(&c->lock, irql);
    } while (again);
}

/* ---- the exported routines ------------------------------------------------------------------ */

/* The miniclass information as version 1.1 (version 1.0 has no Fdo; 1.2's peak-power members
 * are not used). STATUS_REVISION_MISMATCH and STATUS_INVALID_PARAMETER are drvhost's. */
static NTSTATUS bat_take_info(PBATTERY_MINIPORT_INFO info, BATTERY_MINIPORT_INFO_V1_1 *mp)
{
    if (info->MajorVersion != BATTERY_CLASS_MAJOR_VERSION ||
        info->MinorVersion > BATTERY_CLASS_MINOR_VERSION_2)
        return STATUS_REVISION_MISMATCH;
    RtlZeroMemory(mp, sizeof(*mp));
    RtlCopyMemory(mp, info, sizeof(BATTERY_MINIPORT_INFO));
    if (info->MinorVersion >= BATTERY_CLASS_MINOR_VERSION_1)
        mp->Fdo = ((PBATTERY_MINIPORT_INFO_V1_1)info)->Fdo;
    if (info->MinorVersion >= BATTERY_CLASS_MINOR_VERSION_2)
        ((PBATTERY_MINIPORT_INFO_V1_2)info)->ClassDriverCapabilities.AsUlong = 0;
    if (!mp->QueryTag || !mp->QueryInformation || !mp->SetInformation || !mp->QueryStatus ||
        !mp->SetStatusNotify || !mp->DisableStatusNotify || !mp->Pdo)
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

static void bat_init_class(struct bat_class *c)
{
    KeInitializeEvent(&c->serial, SynchronizationEvent, TRUE);
    KeInitializeSpinLock(&c->lock);
    InitializeListHead(&c->queue);
    IoCsqInitialize(&c->csq, bat_csq_insert, bat_csq_remove, bat_csq_peek, bat_csq_lock,
                    bat_csq_unlock, bat_csq_cancelled);
    KeInitializeTimer(&c->timer);
    KeInitializeDpc(&c->dpc, bat_timer_dpc, c);
    KeInitializeEvent(&c->work_idle, NotificationEvent, TRUE);
    bat_wmi_init(c);
}

NTSTATUS BATTERYCLASSAPI BatteryClassInitializeDevice(PBATTERY_MINIPORT_INFO MiniportInfo,
                                                      PVOID *ClassData)
{
    struct bat_class *c;
    NTSTATUS status;
    if (!MiniportInfo || !ClassData)
        return STATUS_INVALID_PARAMETER;
    c = ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(*c), BAT_TAG);
    if (!c)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = bat_take_info(MiniportInfo, &c->mp);
    if (!NT_SUCCESS(status))
        goto free;
    bat_init_class(c);
    c->work = IoAllocateWorkItem(c->mp.Fdo ? c->mp.Fdo : c->mp.Pdo);
    status = c->work ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status))
        goto free;
    status = IoRegisterDeviceInterface(c->mp.Pdo, &GUID_DEVICE_BATTERY, NULL, &c->iface);
    if (NT_SUCCESS(status))
        status = IoSetDeviceInterfaceState(&c->iface, TRUE);
    if (!NT_SUCCESS(status))
        goto free_work;
    *ClassData = c;
    return STATUS_SUCCESS;
free_work:
    RtlFreeUnicodeString(&c->iface);
    IoFreeWorkItem(c->work);
free:
    ExFreePoolWithTag(c, BAT_TAG);
    return status;
}

NTSTATUS BATTERYCLASSAPI BatteryClassIoctl(PVOID ClassData, PIRP Irp)
{
    struct bat_class *c = ClassData;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    if (sp->MajorFunction != IRP_MJ_DEVICE_CONTROL)
        return STATUS_NOT_SUPPORTED;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_BATTERY_QUERY_TAG:
        return bat_waitable(c, Irp, sp, TRUE);
    case IOCTL_BATTERY_QUERY_STATUS:
        return bat_waitable(c, Irp, sp, FALSE);
    case IOCTL_BATTERY_QUERY_INFORMATION:
        return bat_query_information(c, Irp, sp);
    case IOCTL_BATTERY_SET_INFORMATION:
        return bat_set_information(c, Irp, sp);
    default:
        return STATUS_NOT_SUPPORTED; /* not ours: the miniclass passes it on */
    }
}

NTSTATUS BATTERYCLASSAPI BatteryClassStatusNotify(PVOID ClassData)
{
    bat_kick(ClassData);
    return STATUS_SUCCESS;
}

/* The waiting IRPs complete with STATUS_NO_SUCH_DEVICE (the battery is gone, as a client sees a
 * removed battery), the interface is disabled, and the handle is freed. */
NTSTATUS BATTERYCLASSAPI BatteryClassUnload(PVOID ClassData)
{
    struct bat_class *c = ClassData;
    KIRQL irql;
    PIRP irp;
    KeAcquireSpinLock(&c->lock, &irql);
    c->unloading = TRUE;
    KeReleaseSpinLock(&c->lock, irql);
    KeCancelTimer(&c->timer);
    KeFlushQueuedDpcs();
    KeWaitForSingleObject(&c->work_idle, Executive, KernelMode, FALSE, NULL);
    while ((irp = IoCsqRemoveNextIrp(&c->csq, NULL)) != NULL)
        bat_complete(irp, STATUS_NO_SUCH_DEVICE, 0);
    if (c->notify_set)
        c->mp.DisableStatusNotify(c->mp.Context);
    IoSetDeviceInterfaceState(&c->iface, FALSE);
    RtlFreeUnicodeString(&c->iface);
    IoFreeWorkItem(c->work);
    ExFreePoolWithTag(c, BAT_TAG);
    return STATUS_SUCCESS;
}
