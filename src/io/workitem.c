/*
 * workitem.c - I/O work items (IoAllocateWorkItem, IoQueueWorkItem[Ex]) on the system worker
 * threads. The device (or driver) object stays referenced while the item is queued, so that
 * the driver cannot be unloaded under it, as Windows guarantees.
 */
#include "io/io_private.h"
#include "vf/vf.h"

#include <string.h>

struct _IO_WORKITEM {
    PVOID io_object;
    PIO_WORKITEM_ROUTINE routine;
    PIO_WORKITEM_ROUTINE_EX routine_ex;
    PVOID context;
    volatile LONG queued;
    BOOLEAN allocated; /* IoAllocateWorkItem (vs IoInitializeWorkItem on driver memory) */
};

ULONG NTAPI IoSizeofWorkItem(VOID)
{
    return sizeof(struct _IO_WORKITEM);
}

VOID NTAPI IoInitializeWorkItem(PVOID IoObject, PIO_WORKITEM IoWorkItem)
{
    memset(IoWorkItem, 0, sizeof(*IoWorkItem));
    IoWorkItem->io_object = IoObject;
}

VOID NTAPI IoUninitializeWorkItem(PIO_WORKITEM IoWorkItem)
{
    if (IoWorkItem->queued)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_WORK_ITEM_UNINIT_QUEUED,
                        (ULONG_PTR)IoWorkItem, 0, 0,
                        "IoUninitializeWorkItem on a work item that is still queued");
}

PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
    PIO_WORKITEM item = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(*item), 'tiWI');
    if (item == NULL)
        return NULL;
    IoInitializeWorkItem(DeviceObject, item);
    item->allocated = TRUE;
    return item;
}

VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
    IoUninitializeWorkItem(IoWorkItem);
    ExFreePoolWithTag(IoWorkItem, 'tiWI');
}

static void io_workitem_run(void *context)
{
    PIO_WORKITEM item = context;
    PVOID object = item->io_object;
    PIO_WORKITEM_ROUTINE routine = item->routine;
    PIO_WORKITEM_ROUTINE_EX routine_ex = item->routine_ex;
    PVOID ctx = item->context;
    /* The item may be freed or requeued by its own routine: clear the flag first. */
    __atomic_store_n(&item->queued, 0, __ATOMIC_RELEASE);
    if (routine_ex != NULL)
        routine_ex(object, ctx, item);
    else
        routine((PDEVICE_OBJECT)object, ctx);
    /* Before the dereference, which may unload the driver whose routine just ran. */
    ex_work_check_return(routine_ex != NULL ? (PVOID)routine_ex : (PVOID)routine, ctx, item);
    ObDereferenceObject(object);
}

static void io_workitem_queue(PIO_WORKITEM item, PIO_WORKITEM_ROUTINE routine,
                              PIO_WORKITEM_ROUTINE_EX routine_ex, PVOID context)
{
    if (__atomic_exchange_n(&item->queued, 1, __ATOMIC_ACQ_REL))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_WORK_ITEM_QUEUED_TWICE,
                        (ULONG_PTR)item, 0, 0,
                        "IoQueueWorkItem on a work item that is already queued");
    item->routine = routine;
    item->routine_ex = routine_ex;
    item->context = context;
    ObReferenceObject(item->io_object);
    ex_queue_work(io_workitem_run, item);
}

VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine,
                           WORK_QUEUE_TYPE QueueType, PVOID Context)
{
    (void)QueueType;
    io_workitem_queue(IoWorkItem, WorkerRoutine, NULL, Context);
}

VOID NTAPI IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
                             WORK_QUEUE_TYPE QueueType, PVOID Context)
{
    (void)QueueType;
    io_workitem_queue(IoWorkItem, NULL, WorkerRoutine, Context);
}
