/*
 * notify.c - PnP notifications: IoRegisterPlugPlayNotification,
 * IoUnregisterPlugPlayNotification[Ex], IoReportTargetDeviceChange[Asynchronous], and the
 * queue that delivers interface arrivals and removals.
 *
 * Delivery. Interface changes are queued (in the order of the state changes, under the lock)
 * and delivered on a system worker thread, one event at a time, to the registrations of the
 * class, at PASSIVE_LEVEL, as Windows' PnP worker does. Target-device events run on the thread
 * that reports them: the PnP thread for the system events (pnp_notify_target, iface_hooks.c),
 * the caller for IoReportTargetDeviceChange, a worker for the asynchronous form.
 *
 * Lifetime. A registration holds a reference on its driver object (documented: the driver
 * cannot unload while registered). It is freed when it is unregistered and no delivery holds
 * it. IoUnregisterPlugPlayNotificationEx also waits for its callbacks running on other threads
 * (documented: none runs after it returns); IoUnregisterPlugPlayNotification does not wait
 * (documented: it cannot make that promise), but no callback starts after either returns.
 */
#include "pnp/pnp_private.h"

#include "ex/ex.h"
#include "io/io.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

static LIST_ENTRY regs = {&regs, &regs}; /* struct pnp_notify_reg, lock */

/* ---- the interface-change queue ------------------------------------------------------------ */

struct iface_event {
    LIST_ENTRY entry;
    GUID event, interface_class;
    UNICODE_STRING link; /* malloc'ed copy */
};
static LIST_ENTRY events = {&events, &events}; /* lock */
static BOOLEAN draining;                       /* a worker is delivering (lock) */

/* The live registrations for this class, referenced (lock held). */
static struct pnp_notify_reg **iface_regs(const GUID *cls, size_t *n)
{
    size_t count = 0;
    *n = 0;
    for (PLIST_ENTRY e = regs.Flink; e != &regs; e = e->Flink)
        count++;
    struct pnp_notify_reg **out = count ? malloc(count * sizeof *out) : NULL;
    for (PLIST_ENTRY e = regs.Flink; out != NULL && e != &regs; e = e->Flink) {
        struct pnp_notify_reg *r = CONTAINING_RECORD(e, struct pnp_notify_reg, entry);
        if (r->category == EventCategoryDeviceInterfaceChange &&
            IsEqualGUID(&r->interface_class, cls)) {
            r->refs++;
            out[(*n)++] = r;
        }
    }
    return out;
}

static void deliver(struct iface_event *ev)
{
    DEVICE_INTERFACE_CHANGE_NOTIFICATION n = {.Version = 1,
                                              .Size = sizeof n,
                                              .Event = ev->event,
                                              .InterfaceClassGuid = ev->interface_class,
                                              .SymbolicLinkName = &ev->link};
    size_t count;
    pnp_iface_lock();
    struct pnp_notify_reg **r = iface_regs(&ev->interface_class, &count);
    pnp_iface_unlock();
    for (size_t i = 0; i < count; i++) {
        pnp_notify_call(r[i], &n);
        pnp_notify_put(r[i]);
    }
    free(r);
}

static void drain(void *unused)
{
    (void)unused;
    for (;;) {
        pnp_iface_lock();
        if (IsListEmpty(&events)) {
            draining = FALSE;
            pnp_iface_unlock();
            return;
        }
        struct iface_event *ev =
            CONTAINING_RECORD(RemoveHeadList(&events), struct iface_event, entry);
        pnp_iface_unlock();
        deliver(ev);
        free(ev->link.Buffer);
        free(ev);
    }
}

void pnp_notify_interface(const GUID *event, const GUID *interface_class, PCUNICODE_STRING link)
{
    struct iface_event *ev = calloc(1, sizeof *ev);
    if (ev == NULL || (ev->link.Buffer = malloc(link->MaximumLength)) == NULL) {
        free(ev); /* out of memory: the notification is lost, the state change stands */
        return;
    }
    memcpy(ev->link.Buffer, link->Buffer, link->MaximumLength);
    ev->link.Length = link->Length;
    ev->link.MaximumLength = link->MaximumLength;
    ev->event = *event;
    ev->interface_class = *interface_class;
    InsertTailList(&events, &ev->entry);
    if (!draining) {
        draining = TRUE;
        ex_queue_work(drain, NULL);
    }
}

/* ---- registering ------------------------------------------------------------------------- */

/* The callbacks for the interfaces of the class enabled now (documented for
 * PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES), on the registering thread. */
static void tell_existing(struct pnp_notify_reg *reg)
{
    PZZWSTR list = pnp_iface_enabled_list(&reg->interface_class);
    UNICODE_STRING link;
    for (PWSTR s = list; s != NULL && *s != 0; s += link.Length / sizeof(WCHAR) + 1) {
        RtlInitUnicodeString(&link, s);
        DEVICE_INTERFACE_CHANGE_NOTIFICATION n = {.Version = 1,
                                                  .Size = sizeof n,
                                                  .Event = GUID_DEVICE_INTERFACE_ARRIVAL,
                                                  .InterfaceClassGuid = reg->interface_class,
                                                  .SymbolicLinkName = &link};
        pnp_notify_call(reg, &n);
    }
    if (list != NULL)
        ExFreePool(list);
}

/* Checks the category's data; for a target-device registration finds the device's node. */
static NTSTATUS check_category(IO_NOTIFICATION_EVENT_CATEGORY category, ULONG flags, PVOID data,
                               struct pnp_node **node)
{
    *node = NULL;
    if (flags & ~PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES)
        return STATUS_INVALID_PARAMETER;
    if (flags != 0 && category != EventCategoryDeviceInterfaceChange)
        return STATUS_INVALID_PARAMETER; /* documented: only valid with that category */
    switch (category) {
    case EventCategoryDeviceInterfaceChange:
        return data != NULL ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    case EventCategoryHardwareProfileChange:
    case EventCategoryKernelSoftRestart:
        return STATUS_SUCCESS; /* accepted; these events never happen here */
    case EventCategoryTargetDeviceChange: {
        PFILE_OBJECT file = data;
        if (file == NULL || file->DeviceObject == NULL)
            return STATUS_INVALID_PARAMETER;
        *node = pnp_node_of(file->DeviceObject);
        /* A device outside the PnP tree has no target-device events (Windows asks the stack
         * for its PDO with TargetDeviceRelation, which such a stack fails). */
        return *node != NULL ? STATUS_SUCCESS : STATUS_INVALID_DEVICE_REQUEST;
    }
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

NTKERNELAPI NTSTATUS NTAPI IoRegisterPlugPlayNotification(
    IO_NOTIFICATION_EVENT_CATEGORY EventCategory, ULONG EventCategoryFlags, PVOID EventCategoryData,
    PDRIVER_OBJECT DriverObject, PDRIVER_NOTIFICATION_CALLBACK_ROUTINE CallbackRoutine,
    PVOID Context, PVOID *NotificationEntry)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoRegisterPlugPlayNotification", DriverObject,
                          __builtin_return_address(0));
    struct pnp_node *node;
    NTSTATUS status = check_category(EventCategory, EventCategoryFlags, EventCategoryData, &node);
    if (NT_SUCCESS(status) &&
        (DriverObject == NULL || CallbackRoutine == NULL || NotificationEntry == NULL))
        status = STATUS_INVALID_PARAMETER;
    struct pnp_notify_reg *reg = NT_SUCCESS(status) ? calloc(1, sizeof *reg) : NULL;
    struct pnp_iface_dev *dev = NULL; /* a target registration's device: reg joins its list */
    if (NT_SUCCESS(status) && reg == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status))
        return status;
    reg->magic = PNP_NOTIFY_MAGIC;
    reg->category = EventCategory;
    if (EventCategory == EventCategoryDeviceInterfaceChange)
        reg->interface_class = *(const GUID *)EventCategoryData;
    reg->driver = DriverObject;
    reg->callback = CallbackRoutine;
    reg->context = Context;
    reg->refs = 1;
    InitializeListHead(&reg->target_entry);
    ObReferenceObject(DriverObject);
    pnp_iface_lock();
    if (node != NULL && (dev = pnp_iface_dev_get(node)) == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(status)) {
        reg->file = node != NULL ? EventCategoryData : NULL;
        if (dev != NULL)
            InsertTailList(&dev->targets, &reg->target_entry);
        InsertTailList(&regs, &reg->entry);
    }
    pnp_iface_unlock();
    if (!NT_SUCCESS(status)) {
        pnp_notify_put(reg);
        return status;
    }
    *NotificationEntry = reg;
    if (EventCategoryFlags & PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES)
        tell_existing(reg);
    return STATUS_SUCCESS;
}

static NTSTATUS unregister(PVOID entry, BOOLEAN wait)
{
    struct pnp_notify_reg *reg = NULL;
    pnp_iface_lock();
    for (PLIST_ENTRY e = regs.Flink; e != &regs && reg == NULL; e = e->Flink)
        if (CONTAINING_RECORD(e, struct pnp_notify_reg, entry) == entry)
            reg = entry;
    if (reg == NULL) {
        pnp_iface_unlock();
        return STATUS_INVALID_PARAMETER; /* not a registration (or unregistered already) */
    }
    reg->dead = TRUE;
    reg->magic = 0;
    RemoveEntryList(&reg->entry);
    RemoveEntryList(&reg->target_entry);
    InitializeListHead(&reg->target_entry);
    if (wait)
        pnp_notify_wait_idle(reg);
    pnp_iface_unlock();
    pnp_notify_put(reg);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotification(PVOID NotificationEntry)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoUnregisterPlugPlayNotification", NotificationEntry,
                          __builtin_return_address(0));
    return unregister(NotificationEntry, FALSE);
}

NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotificationEx(PVOID NotificationEntry)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoUnregisterPlugPlayNotificationEx", NotificationEntry,
                          __builtin_return_address(0));
    return unregister(NotificationEntry, TRUE);
}

/* ---- custom target-device events ------------------------------------------------------------ */

static BOOLEAN system_event(const GUID *g)
{
    static const GUID *const system[] = {
        &GUID_HWPROFILE_QUERY_CHANGE,         &GUID_HWPROFILE_CHANGE_CANCELLED,
        &GUID_HWPROFILE_CHANGE_COMPLETE,      &GUID_DEVICE_INTERFACE_ARRIVAL,
        &GUID_DEVICE_INTERFACE_REMOVAL,       &GUID_TARGET_DEVICE_QUERY_REMOVE,
        &GUID_TARGET_DEVICE_REMOVE_CANCELLED, &GUID_TARGET_DEVICE_REMOVE_COMPLETE,
    };
    for (size_t i = 0; i < sizeof system / sizeof system[0]; i++)
        if (IsEqualGUID(g, system[i]))
            return TRUE;
    return FALSE;
}

/* The node of a PDO, or the documented bug check 0xCA (PNP_DETECTED_FATAL_ERROR, 0x2 invalid
 * PDO: the device object and its driver) for anything else. */
struct pnp_node *pnp_node_of_pdo_checked(PDEVICE_OBJECT pdo, const char *ddi)
{
    struct pnp_node *node = pdo != NULL ? pnp_node_of_pdo(pdo) : NULL;
    if (node == NULL)
        ke_bugcheck_msg(BUGCODE_PNP_DETECTED_FATAL_ERROR, VF_CA_INVALID_PDO, (ULONG_PTR)pdo,
                        (ULONG_PTR)(pdo != NULL ? pdo->DriverObject : NULL), 0,
                        "%s: device object %p is not a PDO of the device tree", ddi, (void *)pdo);
    return node;
}

static NTSTATUS check_custom(PVOID notification)
{
    PTARGET_DEVICE_CUSTOM_NOTIFICATION n = notification;
    if (n == NULL || n->Size < FIELD_OFFSET(TARGET_DEVICE_CUSTOM_NOTIFICATION, CustomDataBuffer))
        return STATUS_INVALID_PARAMETER;
    if (system_event(&n->Event))
        return STATUS_INVALID_DEVICE_REQUEST; /* documented: only for custom events */
    if (n->FileObject != NULL)
        return STATUS_INVALID_PARAMETER; /* documented: FileObject must be NULL */
    return STATUS_SUCCESS;
}

/* Each target registration of the node gets its own copy, FileObject set to its file. */
static void deliver_custom(struct pnp_node *node, PTARGET_DEVICE_CUSTOM_NOTIFICATION n)
{
    size_t count = 0;
    pnp_iface_lock();
    struct pnp_iface_dev *dev = node->interfaces;
    for (PLIST_ENTRY e = dev ? dev->targets.Flink : NULL; e != NULL && e != &dev->targets;
         e = e->Flink)
        count++;
    struct pnp_notify_reg **r = count ? malloc(count * sizeof *r) : NULL;
    size_t got = 0;
    for (PLIST_ENTRY e = r ? dev->targets.Flink : NULL; e != NULL && e != &dev->targets;
         e = e->Flink) {
        r[got] = CONTAINING_RECORD(e, struct pnp_notify_reg, target_entry);
        r[got++]->refs++;
    }
    pnp_iface_unlock();
    PTARGET_DEVICE_CUSTOM_NOTIFICATION copy = malloc(n->Size);
    for (size_t i = 0; i < got; i++) {
        if (copy != NULL) {
            memcpy(copy, n, n->Size);
            copy->FileObject = r[i]->file;
            pnp_notify_call(r[i], copy);
        }
        pnp_notify_put(r[i]);
    }
    free(copy);
    free(r);
}

NTKERNELAPI NTSTATUS NTAPI IoReportTargetDeviceChange(PDEVICE_OBJECT PhysicalDeviceObject,
                                                      PVOID NotificationStructure)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoReportTargetDeviceChange", PhysicalDeviceObject,
                          __builtin_return_address(0));
    struct pnp_node *node =
        pnp_node_of_pdo_checked(PhysicalDeviceObject, "IoReportTargetDeviceChange");
    NTSTATUS status = check_custom(NotificationStructure);
    if (NT_SUCCESS(status))
        deliver_custom(node, NotificationStructure);
    return status;
}

struct async_report {
    PDEVICE_OBJECT pdo; /* referenced */
    PDEVICE_CHANGE_COMPLETE_CALLBACK callback;
    PVOID context;
    TARGET_DEVICE_CUSTOM_NOTIFICATION n; /* variable length: the caller's Size */
};

static void async_deliver(void *p)
{
    struct async_report *a = p;
    struct pnp_node *node = pnp_node_of_pdo(a->pdo);
    if (node != NULL) /* the device may have gone meanwhile: nobody left to tell */
        deliver_custom(node, &a->n);
    if (a->callback != NULL)
        a->callback(a->context);
    ObDereferenceObject(a->pdo);
    free(a);
}

NTKERNELAPI NTSTATUS NTAPI IoReportTargetDeviceChangeAsynchronous(
    PDEVICE_OBJECT PhysicalDeviceObject, PVOID NotificationStructure,
    PDEVICE_CHANGE_COMPLETE_CALLBACK Callback, PVOID Context)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "IoReportTargetDeviceChangeAsynchronous",
                          PhysicalDeviceObject, __builtin_return_address(0));
    pnp_node_of_pdo_checked(PhysicalDeviceObject, "IoReportTargetDeviceChangeAsynchronous");
    NTSTATUS status = check_custom(NotificationStructure);
    if (!NT_SUCCESS(status))
        return status;
    PTARGET_DEVICE_CUSTOM_NOTIFICATION n = NotificationStructure;
    /* A shallow copy (documented): the caller may free its structure on return. */
    struct async_report *a =
        malloc(FIELD_OFFSET(struct async_report, n) + (n->Size > sizeof *n ? n->Size : sizeof *n));
    if (a == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    a->pdo = PhysicalDeviceObject;
    a->callback = Callback;
    a->context = Context;
    memcpy(&a->n, n, n->Size);
    ObReferenceObject(PhysicalDeviceObject);
    ex_queue_work(async_deliver, a);
    return STATUS_PENDING; /* queued; Windows returns the same for an accepted report */
}
