/*
 * wdfres.c - resource requirements lists through a framework bus and its child's stack
 * (drivers/wdfres.inf, scenarios/ioreslist*.scn):
 *
 *   wdfres     the bus driver of the root-enumerated WDFRES\BUS, whose one static child
 *              (WDFRES\CHILD) answers QUERY_RESOURCE_REQUIREMENTS with two logical
 *              configurations (EvtDeviceResourceRequirementsQuery) and QUERY_RESOURCES with one
 *              memory range (EvtDeviceResourcesQuery); and, the same module, the child's
 *              function driver, whose EvtDeviceFilterRemoveResourceRequirements drops one
 *              configuration and the port of the other, whose EvtDeviceFilterAddResource-
 *              Requirements adds an interrupt and a port, and whose EvtDeviceRemoveAddedResources
 *              takes the interrupt back out of the assigned resources;
 *   wdfresflt  (WDFRES_FILTER) an upper filter of the child, whose EvtDeviceFilterAddResource-
 *              Requirements prints the list the function driver returned.
 *
 * Each callback prints what it sees ("wdfres: Callback(...)") and the statuses of the routines'
 * failure cases (expected values: Microsoft's reference pages). A list prints as
 * {M<start>/<length> P<start>/<length> I<vector>} per logical configuration.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include <initguid.h>

#include "pnpirp.h"

#ifdef WDFRES_FILTER
#define NAME "wdfresflt"
#elif defined(WDFRES_FAIL)
#define NAME "wdfresfail"
#else
#define NAME "wdfres"
#endif

/* wdfresfail (WDFRES_FAIL): the same bus and function driver for WDFRES\FAILBUS, whose
 * EvtDeviceFilterAddResourceRequirements and EvtDeviceRemoveAddedResources fail after
 * changing their lists. */
#ifdef WDFRES_FAIL
#define CHILD_ID    L"WDFRES\\FAILCHILD"
#define FAIL_STATUS STATUS_DEVICE_CONFIGURATION_ERROR
#else
#define CHILD_ID    L"WDFRES\\CHILD"
#define FAIL_STATUS STATUS_SUCCESS
#endif

#define LOG(fmt, ...)                                                                              \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, NAME ": " fmt "\n", ##__VA_ARGS__)

#define IOCTL_RES_QUERY_RESOURCES                                                                  \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE00, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_RES_STALE_LIST CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE01, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_RES_STALE_CONFIG                                                                     \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0xE02, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* {7c2e5a10-4b3d-4e8f-9a61-2d5c0b7e3f18} */
DEFINE_GUID(GUID_WDFRES_CHILD_INTERFACE, 0x7c2e5a10, 0x4b3d, 0x4e8f, 0x9a, 0x61, 0x2d, 0x5c, 0x0b,
            0x7e, 0x3f, 0x18);

/* ---- descriptors and printing ---------------------------------------------------------------- */

static void Range(PIO_RESOURCE_DESCRIPTOR d, UCHAR type, ULONG64 start, ULONG length)
{
    RtlZeroMemory(d, sizeof(*d));
    d->Type = type;
    d->ShareDisposition = CmResourceShareDeviceExclusive;
    d->Flags = type == CmResourceTypePort ? CM_RESOURCE_PORT_IO : CM_RESOURCE_MEMORY_READ_WRITE;
    d->u.Memory.Length = length;
    d->u.Memory.Alignment = 1;
    d->u.Memory.MinimumAddress.QuadPart = (LONGLONG)start;
    d->u.Memory.MaximumAddress.QuadPart = (LONGLONG)(start + length - 1);
}

static void Irq(PIO_RESOURCE_DESCRIPTOR d, ULONG vector)
{
    RtlZeroMemory(d, sizeof(*d));
    d->Type = CmResourceTypeInterrupt;
    d->ShareDisposition = CmResourceShareDeviceExclusive;
    d->Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
    d->u.Interrupt.MinimumVector = vector;
    d->u.Interrupt.MaximumVector = vector;
}

static size_t Append(char *out, size_t size, size_t at, PIO_RESOURCE_DESCRIPTOR d)
{
    int n;
    if ((d->Option & IO_RESOURCE_ALTERNATIVE) && at + 1 < size)
        out[at++] = '~'; /* an alternative to the descriptor before it */
    if (d->Type == CmResourceTypeInterrupt)
        n = _snprintf(out + at, size - at, "I%lu", (unsigned long)d->u.Interrupt.MinimumVector);
    else
        n = _snprintf(out + at, size - at, "%c%llX/%lX", d->Type == CmResourceTypePort ? 'P' : 'M',
                      (unsigned long long)d->u.Memory.MinimumAddress.QuadPart,
                      (unsigned long)d->u.Memory.Length);
    return n > 0 && (size_t)n < size - at ? at + (size_t)n : at;
}

/* "{M.. P..}{..}" for the list. */
static void Describe(WDFIORESREQLIST List, char *out, size_t size)
{
    size_t at = 0;
    out[0] = 0;
    for (ULONG i = 0; i < WdfIoResourceRequirementsListGetCount(List) && at + 2 < size; i++) {
        WDFIORESLIST config = WdfIoResourceRequirementsListGetIoResList(List, i);
        out[at++] = '{';
        for (ULONG j = 0; j < WdfIoResourceListGetCount(config) && at + 2 < size; j++) {
            if (j > 0)
                out[at++] = ' ';
            at = Append(out, size, at, WdfIoResourceListGetDescriptor(config, j));
        }
        out[at++] = '}';
        out[at] = 0;
    }
}

/* "M.. P.. I.." for an assigned (raw) list, then the translated list's count. */
static void DescribeAssigned(WDFCMRESLIST Raw, WDFCMRESLIST Translated, char *out, size_t size)
{
    size_t at = 0;
    int n;
    out[0] = 0;
    for (ULONG i = 0; i < WdfCmResourceListGetCount(Raw); i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d = WdfCmResourceListGetDescriptor(Raw, i);
        if (d->Type == CmResourceTypeInterrupt)
            n = _snprintf(out + at, size - at, "I%lu ", (unsigned long)d->u.Interrupt.Vector);
        else
            n = _snprintf(
                out + at, size - at, "%c%llX/%lX ", d->Type == CmResourceTypePort ? 'P' : 'M',
                (unsigned long long)d->u.Memory.Start.QuadPart, (unsigned long)d->u.Memory.Length);
        if (n > 0 && (size_t)n < size - at)
            at += (size_t)n;
    }
    _snprintf(out + at, size - at, "translated %lu",
              (unsigned long)WdfCmResourceListGetCount(Translated));
}

#ifdef WDFRES_FILTER

/* ---- the upper filter -------------------------------------------------------------------- */

static NTSTATUS FilterAdd(WDFDEVICE Device, WDFIORESREQLIST List)
{
    char text[160];
    UNREFERENCED_PARAMETER(Device);
    Describe(List, text, sizeof(text));
    LOG("FilterAdd(%s)", text);
    return STATUS_SUCCESS;
}

/* The IRP as it leaves this stack for the PnP manager (the filter is its top): the list the
 * framework built, as a WDM driver reads it. */
static NTSTATUS FilterDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    PIO_RESOURCE_REQUIREMENTS_LIST list = (PIO_RESOURCE_REQUIREMENTS_LIST)Irp->IoStatus.Information;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    if (Irp->PendingReturned)
        IoMarkIrpPending(Irp);
    LOG("FILTER_RESOURCE_REQUIREMENTS(0x%08lX, size %lu, interface %d, bus %lu, slot %lu, "
        "alternatives %lu, descriptors %lu)",
        (unsigned long)Irp->IoStatus.Status, list != NULL ? (unsigned long)list->ListSize : 0ul,
        list != NULL ? (int)list->InterfaceType : -2,
        list != NULL ? (unsigned long)list->BusNumber : 0ul,
        list != NULL ? (unsigned long)list->SlotNumber : 0ul,
        list != NULL ? (unsigned long)list->AlternativeLists : 0ul,
        list != NULL ? (unsigned long)list->List[0].Count : 0ul);
    return STATUS_CONTINUE_COMPLETION;
}

static NTSTATUS FilterPreprocess(WDFDEVICE Device, PIRP Irp)
{
    PIO_RESOURCE_REQUIREMENTS_LIST list = (PIO_RESOURCE_REQUIREMENTS_LIST)Irp->IoStatus.Information;
    /* On the way down, a bus number in the list (the bus set none): the lists the framework
     * builds from the drivers' WDFIORESREQLISTs below must keep it. */
    if (list != NULL)
        list->BusNumber = 2;
    IoCopyCurrentIrpStackLocationToNext(Irp);
    IoSetCompletionRoutine(Irp, FilterDone, NULL, TRUE, TRUE, TRUE);
    return WdfDeviceWdmDispatchPreprocessedIrp(Device, Irp);
}

static NTSTATUS FilterAddIgnored(WDFDEVICE Device, WDFIORESREQLIST List)
{
    UNREFERENCED_PARAMETER(Device);
    UNREFERENCED_PARAMETER(List);
    LOG("FilterAddIgnored: the callbacks of a wrong Size were taken");
    return STATUS_SUCCESS;
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_FDO_EVENT_CALLBACKS fdo, wrong;
    WDFDEVICE device;
    UCHAR minor = IRP_MN_FILTER_RESOURCE_REQUIREMENTS;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WdfFdoInitSetFilter(DeviceInit);
    status = WdfDeviceInitAssignWdmIrpPreprocessCallback(DeviceInit, FilterPreprocess, IRP_MJ_PNP,
                                                         &minor, 1);
    if (!NT_SUCCESS(status))
        return status;
    WDF_FDO_EVENT_CALLBACKS_INIT(&fdo);
    fdo.EvtDeviceFilterAddResourceRequirements = FilterAdd;
    WdfFdoInitSetEventCallbacks(DeviceInit, &fdo);
    WDF_FDO_EVENT_CALLBACKS_INIT(&wrong); /* a wrong Size: ignored (drvhost), fdo's stay */
    wrong.Size = sizeof(wrong) - sizeof(PVOID);
    wrong.EvtDeviceFilterAddResourceRequirements = FilterAddIgnored;
    WdfFdoInitSetEventCallbacks(DeviceInit, &wrong);
    return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
}

#else

/* The child's PDO gets what the drivers above left for the bus (the added interrupt is gone);
 * its function driver, the whole assigned lists. */
static NTSTATUS Prepare(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    char text[160];
    DescribeAssigned(Raw, Translated, text, sizeof(text));
    LOG("%sPrepareHardware(%s)", WdfDeviceWdmGetAttachedDevice(Device) == NULL ? "Pdo" : "Fdo",
        text);
    return STATUS_SUCCESS;
}

/* ---- the child PDO (bus driver) ------------------------------------------------------------ */

/* Microsoft (WdfIoResourceRequirementsList*, WdfIoResourceListCreate): two configurations,
 * the second inserted in front of the first; the failure cases' statuses printed. */
static NTSTATUS ChildRequirements(WDFDEVICE Device, WDFIORESREQLIST List)
{
    IO_RESOURCE_DESCRIPTOR d;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDFIORESLIST first, second, spare, other = NULL;
    NTSTATUS dup, bounds, parent;
    ULONG empty = WdfIoResourceRequirementsListGetCount(List);
    char text[160];
    WdfIoResourceRequirementsListSetInterfaceType(List, PCIBus);
    WdfIoResourceRequirementsListSetSlotNumber(List, 3);
    if (!NT_SUCCESS(WdfIoResourceListCreate(List, WDF_NO_OBJECT_ATTRIBUTES, &first)) ||
        !NT_SUCCESS(WdfIoResourceListCreate(List, WDF_NO_OBJECT_ATTRIBUTES, &second)) ||
        !NT_SUCCESS(WdfIoResourceListCreate(List, WDF_NO_OBJECT_ATTRIBUTES, &spare)))
        return STATUS_INSUFFICIENT_RESOURCES;
    Range(&d, CmResourceTypeMemory, 0xFEC00000, 0x1000);
    WdfIoResourceListAppendDescriptor(first, &d);
    Range(&d, CmResourceTypePort, 0x300, 8); /* reused: the routine copies it */
    WdfIoResourceListAppendDescriptor(first, &d);
    Range(&d, CmResourceTypeMemory, 0xFED00000, 0x2000);
    WdfIoResourceListAppendDescriptor(second, &d);
    WdfIoResourceRequirementsListAppendIoResList(List, first);
    WdfIoResourceRequirementsListInsertIoResList(List, second, 0);
    dup = WdfIoResourceRequirementsListAppendIoResList(List, first);
    bounds = WdfIoResourceRequirementsListInsertIoResList(List, spare, 3);
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ParentObject = Device;
    parent = WdfIoResourceListCreate(List, &attributes, &other);
    Describe(List, text, sizeof(text));
    LOG("RequirementsQuery(empty %lu, %s, second first %d, past end NULL %d, dup 0x%08lX, bounds "
        "0x%08lX, parent 0x%08lX NULL %d)",
        (unsigned long)empty, text, WdfIoResourceRequirementsListGetIoResList(List, 0) == second,
        WdfIoResourceRequirementsListGetIoResList(List, 2) == NULL, (unsigned long)dup,
        (unsigned long)bounds, (unsigned long)parent, other == NULL);
    return STATUS_SUCCESS;
}

/* Microsoft (WdfCmResourceListAppendDescriptor): the PDO's list may be filled. */
static NTSTATUS ChildResources(WDFDEVICE Device, WDFCMRESLIST Resources)
{
    CM_PARTIAL_RESOURCE_DESCRIPTOR d;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Device);
    RtlZeroMemory(&d, sizeof(d));
    d.Type = CmResourceTypeMemory;
    d.u.Memory.Start.QuadPart = 0xFEC00000;
    d.u.Memory.Length = 0x1000;
    status = WdfCmResourceListAppendDescriptor(Resources, &d);
    LOG("ResourcesQuery(append 0x%08lX, count %lu)", (unsigned long)status,
        (unsigned long)WdfCmResourceListGetCount(Resources));
    return status;
}

static NTSTATUS ChildCreate(WDFDEVICE Bus)
{
    DECLARE_CONST_UNICODE_STRING(id, CHILD_ID);
    DECLARE_CONST_UNICODE_STRING(instance, L"0");
    DECLARE_CONST_UNICODE_STRING(text, L"Framework resources child");
    DECLARE_CONST_UNICODE_STRING(location, L"Slot 3");
    WDF_PDO_EVENT_CALLBACKS pdo;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    PWDFDEVICE_INIT init = WdfPdoInitAllocate(Bus);
    WDFDEVICE child;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfPdoInitAssignDeviceID(init, &id);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAssignInstanceID(init, &instance);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAddHardwareID(init, &id);
    if (NT_SUCCESS(status))
        status = WdfPdoInitAddDeviceText(init, &text, &location, 0x409);
    if (NT_SUCCESS(status)) {
        WdfPdoInitSetDefaultLocale(init, 0x409);
        WDF_PDO_EVENT_CALLBACKS_INIT(&pdo);
        pdo.EvtDeviceResourceRequirementsQuery = ChildRequirements;
        pdo.EvtDeviceResourcesQuery = ChildResources;
        WdfPdoInitSetEventCallbacks(init, &pdo);
        WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
        pnp.EvtDevicePrepareHardware = Prepare;
        WdfDeviceInitSetPnpPowerEventCallbacks(init, &pnp);
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &child);
    }
    if (init != NULL) {
        WdfDeviceInitFree(init);
        return status;
    }
    return WdfFdoAddStaticChild(Bus, child);
}

static WDFIORESREQLIST SavedList; /* a list kept past its callback: a stale handle */
static WDFIORESLIST SavedConfig;

/* ---- the child's function driver --------------------------------------------------------------
 */

/* On the way down (Microsoft: "Modifying a Resource Requirements List"): the memory-only
 * configuration goes (by handle), then the port of the other (by a copy, byte for byte). */
static NTSTATUS FilterRemove(WDFDEVICE Device, WDFIORESREQLIST List)
{
    IO_RESOURCE_DESCRIPTOR port;
    char before[160], after[160];
    UNREFERENCED_PARAMETER(Device);
    Describe(List, before, sizeof(before));
    WdfIoResourceRequirementsListRemoveByIoResList(
        List, WdfIoResourceRequirementsListGetIoResList(List, 0));
    Range(&port, CmResourceTypePort, 0x300, 8);
    WdfIoResourceListRemoveByDescriptor(WdfIoResourceRequirementsListGetIoResList(List, 0), &port);
    Describe(List, after, sizeof(after));
    LOG("FilterRemove(%s -> %s)", before, after);
    return STATUS_SUCCESS;
}

/* On the way up: what the bus left after FilterRemove, then an interrupt appended, a port
 * inserted in front and updated, a third configuration appended and removed again; the
 * failure cases' statuses and results printed. */
static NTSTATUS FilterAdd(WDFDEVICE Device, WDFIORESREQLIST List)
{
    IO_RESOURCE_DESCRIPTOR d;
    WDFIORESLIST config = WdfIoResourceRequirementsListGetIoResList(List, 0), extra;
    NTSTATUS bounds;
    char before[160], after[160];
    UNREFERENCED_PARAMETER(Device);
    Describe(List, before, sizeof(before));
    Irq(&d, 7);
    d.Option = IO_RESOURCE_PREFERRED;
    WdfIoResourceListAppendDescriptor(config, &d);
    Irq(&d, 9);
    d.Option = IO_RESOURCE_ALTERNATIVE; /* line 9 if 7 were taken: not assigned */
    WdfIoResourceListAppendDescriptor(config, &d);
    Range(&d, CmResourceTypePort, 0x300, 8);
    WdfIoResourceListInsertDescriptor(config, &d, 0);
    bounds = WdfIoResourceListInsertDescriptor(config, &d, 5);
    Range(&d, CmResourceTypePort, 0x310, 4);
    WdfIoResourceListUpdateDescriptor(config, &d, 0);
    WdfIoResourceListUpdateDescriptor(config, &d, 4); /* no such descriptor: nothing */
    WdfIoResourceListRemove(config, 4);               /* nothing either */
    Range(&d, CmResourceTypeMemory, 0x1000, 1);
    WdfIoResourceListRemoveByDescriptor(config, &d); /* matches none: nothing */
    if (NT_SUCCESS(WdfIoResourceListCreate(List, WDF_NO_OBJECT_ATTRIBUTES, &extra))) {
        WdfIoResourceListAppendDescriptor(extra, &d);
        WdfIoResourceRequirementsListAppendIoResList(List, extra);
        WdfIoResourceRequirementsListRemove(List, 2); /* just past the end: nothing */
        LOG("FilterAdd(configurations %lu)",
            (unsigned long)WdfIoResourceRequirementsListGetCount(List));
        WdfIoResourceRequirementsListRemove(List, 1);
    }
    Describe(List, after, sizeof(after));
    LOG("FilterAdd(%s -> %s, bounds 0x%08lX, past end NULL %d %d)", before, after,
        (unsigned long)bounds, WdfIoResourceListGetDescriptor(config, 4) == NULL,
        WdfIoResourceRequirementsListGetIoResList(List, 1) == NULL); /* the one removed */
    SavedList = List;
    SavedConfig = config;
    return FAIL_STATUS;
}

/* Microsoft (EvtDeviceRemoveAddedResources): the interrupt FilterAdd added leaves both lists. */
static NTSTATUS RemoveAdded(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    char text[160];
    UNREFERENCED_PARAMETER(Device);
    DescribeAssigned(Raw, Translated, text, sizeof(text));
    for (ULONG i = WdfCmResourceListGetCount(Raw); i-- > 0;)
        if (WdfCmResourceListGetDescriptor(Raw, i)->Type == CmResourceTypeInterrupt) {
            WdfCmResourceListRemove(Raw, i);
            WdfCmResourceListRemove(Translated, i);
        }
    LOG("RemoveAddedResources(%s -> %lu,%lu)", text, (unsigned long)WdfCmResourceListGetCount(Raw),
        (unsigned long)WdfCmResourceListGetCount(Translated));
    return FAIL_STATUS;
}

/* IRP_MN_QUERY_RESOURCES to the PDO, as the PnP manager would send it. */
static NTSTATUS QueryResources(WDFDEVICE Device)
{
    IO_STACK_LOCATION params;
    ULONG_PTR info = 0;
    PCM_RESOURCE_LIST list;
    NTSTATUS status;
    RtlZeroMemory(&params, sizeof(params));
    status =
        PnpIrpSend(WdfDeviceWdmGetPhysicalDevice(Device), IRP_MN_QUERY_RESOURCES, &params, &info);
    list = (PCM_RESOURCE_LIST)info;
    LOG("QUERY_RESOURCES(0x%08lX, lists %lu, descriptors %lu, start 0x%llX)", (unsigned long)status,
        list != NULL ? (unsigned long)list->Count : 0ul,
        list != NULL ? (unsigned long)list->List[0].PartialResourceList.Count : 0ul,
        list != NULL ? (unsigned long long)list->List[0]
                           .PartialResourceList.PartialDescriptors[0]
                           .u.Memory.Start.QuadPart
                     : 0ull);
    if (list != NULL)
        ExFreePool(list);
    return status;
}

static VOID FdoIoDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength,
                               size_t InputLength, ULONG IoControlCode)
{
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    UNREFERENCED_PARAMETER(OutputLength);
    UNREFERENCED_PARAMETER(InputLength);
    if (IoControlCode == IOCTL_RES_QUERY_RESOURCES)
        status = QueryResources(WdfIoQueueGetDevice(Queue));
    else if (IoControlCode == IOCTL_RES_STALE_LIST) /* deleted after FilterAdd: 0x10D */
        LOG("stale list %lu", (unsigned long)WdfIoResourceRequirementsListGetCount(SavedList));
    else if (IoControlCode == IOCTL_RES_STALE_CONFIG)
        LOG("stale configuration %lu", (unsigned long)WdfIoResourceListGetCount(SavedConfig));
    WdfRequestComplete(Request, status);
}

static NTSTATUS FdoAdd(PWDFDEVICE_INIT DeviceInit)
{
    WDF_FDO_EVENT_CALLBACKS fdo;
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_IO_QUEUE_CONFIG queue;
    WDFDEVICE device;
    NTSTATUS status;
    WDF_FDO_EVENT_CALLBACKS_INIT(&fdo);
    fdo.EvtDeviceFilterRemoveResourceRequirements = FilterRemove;
    fdo.EvtDeviceFilterAddResourceRequirements = FilterAdd;
    fdo.EvtDeviceRemoveAddedResources = RemoveAdded;
    WdfFdoInitSetEventCallbacks(DeviceInit, &fdo);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = Prepare;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchSequential);
    queue.EvtIoDeviceControl = FdoIoDeviceControl;
    status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return WdfDeviceCreateDeviceInterface(device, &GUID_WDFRES_CHILD_INTERFACE, NULL);
}

/* ---- the bus FDO ----------------------------------------------------------------------------- */

/* The bus's own PDO is the root enumerator's; the child's is this driver's. */
static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE bus;
    NTSTATUS status;
    if (WdfFdoInitWdmGetPhysicalDevice(DeviceInit)->DriverObject ==
        WdfDriverWdmGetDriverObject(Driver))
        return FdoAdd(DeviceInit);
    status = WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &bus);
    return NT_SUCCESS(status) ? ChildCreate(bus) : status;
}

#endif

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
