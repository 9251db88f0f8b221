/*
 * wdfrel.c - the framework device PnP-settings test driver (test_wdf_devpnp.c), built five ways:
 *   wdfrel      a function driver: each device has a device interface and a default queue whose
 *               device controls (wdfrel.h) call the removal-relations routines, send
 *               IRP_MN_QUERY_DEVICE_RELATIONS to its own stack, WdfDeviceSetStaticStopRemove,
 *               report the device object's power flags;
 *   wdfrel_np   the same, with WdfDeviceInitSetPowerNotPageable (WDFREL_POWER 1);
 *   wdfrel_in   with WdfDeviceInitSetPowerInrush (2);
 *   wdfrel_pg   with WdfDeviceInitSetPowerPageable (3);
 *   wdfrel_flt  an upper filter without queues that calls WdfDeviceInitSetPowerNotPageable (4):
 *               no effect, the filter takes the flags of the device below.
 * Public KMDF headers only: builds with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>

#include "pnpirp.h"
#include "wdfrel.h"

#ifndef WDFREL_POWER
#define WDFREL_POWER 0
#endif

#define WDFREL_MAX 8
static PDEVICE_OBJECT Pdos[WDFREL_MAX];
#if WDFREL_POWER != 4 /* the filter build counts no devices */
static LONG Devices;
#endif

typedef struct {
    ULONG Number;
    LONG VetoNextRemove;
    LONG VetoNextUsage;
    ULONG Log[6]; /* IOCTL_REL_LOG */
} REL_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(REL_CONTEXT, RelContext)

static ULONG NumberOf(PDEVICE_OBJECT pdo)
{
    ULONG i;
    for (i = 0; i < WDFREL_MAX; i++)
        if (Pdos[i] == pdo && pdo != NULL)
            return i;
    return 0xFF;
}

static LONG UsageSequence;

static VOID RelationsQuery(WDFDEVICE Device, DEVICE_RELATION_TYPE RelationType)
{
    RelContext(Device)->Log[0]++;
    RelContext(Device)->Log[1] = (ULONG)RelationType;
}

static NTSTATUS UsageNotification(WDFDEVICE Device, WDF_SPECIAL_FILE_TYPE NotificationType,
                                  BOOLEAN IsInNotificationPath)
{
    ULONG *log = RelContext(Device)->Log;
    log[2]++;
    log[3] = (ULONG)InterlockedIncrement(&UsageSequence);
    log[4] = (ULONG)NotificationType;
    log[5] = IsInNotificationPath;
    if (IsInNotificationPath && InterlockedExchange(&RelContext(Device)->VetoNextUsage, 0))
        return STATUS_UNSUCCESSFUL;
    return STATUS_SUCCESS;
}

/* A PnP IRP to the top of the device's stack (pnpirp.h). */
static NTSTATUS SendPnp(WDFDEVICE device, UCHAR minor, const IO_STACK_LOCATION *params,
                        ULONG_PTR *info)
{
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(WdfDeviceWdmGetPhysicalDevice(device));
    NTSTATUS status = PnpIrpSend(top, minor, params, info);
    ObDereferenceObject(top);
    return status;
}

/* IRP_MN_DEVICE_USAGE_NOTIFICATION to the top of the device's stack. */
static NTSTATUS SendUsage(WDFDEVICE device, ULONG type, ULONG in_path)
{
    IO_STACK_LOCATION params;
    ULONG_PTR info = 0;
    RtlZeroMemory(&params, sizeof(params));
    params.Parameters.UsageNotification.InPath = (BOOLEAN)in_path;
    params.Parameters.UsageNotification.Type = (DEVICE_USAGE_NOTIFICATION_TYPE)type;
    return SendPnp(device, IRP_MN_DEVICE_USAGE_NOTIFICATION, &params, &info);
}

static NTSTATUS QueryRemove(WDFDEVICE Device)
{
    if (InterlockedExchange(&RelContext(Device)->VetoNextRemove, 0))
        return STATUS_DEVICE_BUSY;
    return STATUS_SUCCESS;
}

/* IRP_MN_QUERY_DEVICE_RELATIONS of `type` to the top of the device's stack, as the PnP manager
 * sends it; the answer's references and structure are ours to release. `pre` (not 0xFFFFFFFF):
 * the IRP comes with a list of device `pre`'s PDO, as an upper filter's answer would. */
static NTSTATUS QueryRelations(WDFDEVICE Device, ULONG type, ULONG pre, ULONG *out, size_t room,
                               size_t *written)
{
    IO_STACK_LOCATION params;
    ULONG_PTR info = 0;
    NTSTATUS status;
    PDEVICE_RELATIONS rel;
    ULONG i;
    if (pre != 0xFFFFFFFF) {
        if (pre >= WDFREL_MAX || Pdos[pre] == NULL)
            return STATUS_INVALID_PARAMETER;
        rel = ExAllocatePoolWithTag(PagedPool, sizeof(DEVICE_RELATIONS), 'leRW');
        if (rel == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        rel->Count = 1;
        rel->Objects[0] = Pdos[pre];
        ObReferenceObject(Pdos[pre]);
        info = (ULONG_PTR)rel;
    }
    RtlZeroMemory(&params, sizeof(params));
    params.Parameters.QueryDeviceRelations.Type = (DEVICE_RELATION_TYPE)type;
    status = SendPnp(Device, IRP_MN_QUERY_DEVICE_RELATIONS, &params, &info);
    rel = NT_SUCCESS(status) ? (PDEVICE_RELATIONS)info : NULL;
    out[0] = (ULONG)status;
    out[1] = rel != NULL ? rel->Count : 0;
    *written = 2;
    for (i = 0; rel != NULL && i < rel->Count; i++) {
        if (*written < room)
            out[(*written)++] = NumberOf(rel->Objects[i]);
        ObDereferenceObject(rel->Objects[i]);
    }
    if (rel != NULL)
        ExFreePool(rel);
    return STATUS_SUCCESS;
}

static PDEVICE_OBJECT PdoNumbered(WDFREQUEST Request, NTSTATUS *status)
{
    ULONG *in;
    *status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&in, NULL);
    if (!NT_SUCCESS(*status))
        return NULL;
    if (*in >= WDFREL_MAX) {
        if (*in != 0xFFFFFFFF)
            *status = STATUS_INVALID_PARAMETER_1; /* the test's mistake, not the routine's */
        return NULL;
    }
    return Pdos[*in];
}

static NTSTATUS Relations(WDFDEVICE device, WDFREQUEST Request, ULONG IoControlCode)
{
    NTSTATUS status;
    PDEVICE_OBJECT pdo = PdoNumbered(Request, &status);
    if (!NT_SUCCESS(status))
        return status;
    if (IoControlCode == IOCTL_REL_ADD)
        return WdfDeviceAddRemovalRelationsPhysicalDevice(device, pdo);
    if (IoControlCode == IOCTL_REL_DEP_ADD)
        return WdfDeviceAddDependentUsageDeviceObject(device, pdo);
    if (IoControlCode == IOCTL_REL_DEP_REMOVE)
        WdfDeviceRemoveDependentUsageDeviceObject(device, pdo);
    else
        WdfDeviceRemoveRemovalRelationsPhysicalDevice(device, pdo);
    return STATUS_SUCCESS;
}

/* WdfDeviceRetrieveDeviceInterfaceString into a new string object, copied out. */
static NTSTATUS InterfaceName(WDFDEVICE device, WDFREQUEST Request, size_t *bytes)
{
    static const GUID other = {0x11111111, 0x2222, 0x3333, {4, 4, 4, 4, 4, 4, 4, 4}};
    DECLARE_CONST_UNICODE_STRING(reference, L"x");
    UNICODE_STRING name;
    WDFSTRING string;
    UCHAR *which;
    PVOID out;
    NTSTATUS status = WdfRequestRetrieveInputBuffer(Request, 1, (PVOID *)&which, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfStringCreate(NULL, WDF_NO_OBJECT_ATTRIBUTES, &string);
    if (!NT_SUCCESS(status))
        return status;
    status = WdfDeviceRetrieveDeviceInterfaceString(device,
                                                    *which == 1 ? &other : &GUID_WDFREL_INTERFACE,
                                                    *which == 2 ? &reference : NULL, string);
    if (NT_SUCCESS(status)) {
        WdfStringGetUnicodeString(string, &name);
        status = WdfRequestRetrieveOutputBuffer(Request, name.Length, &out, NULL);
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(out, name.Buffer, name.Length);
            *bytes = name.Length;
        }
    }
    WdfObjectDelete(string);
    return status;
}

/* ---- driver-defined interfaces ---- */

static LONG References;

static VOID Reference(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    InterlockedIncrement(&References);
}

static VOID Dereference(PVOID Context)
{
    UNREFERENCED_PARAMETER(Context);
    InterlockedDecrement(&References);
}

static ULONG Get(PVOID Context)
{
    return (ULONG)(ULONG_PTR)Context;
}

static NTSTATUS TwoWay(WDFDEVICE Device, LPGUID InterfaceType, PINTERFACE ExposedInterface,
                       PVOID ExposedInterfaceSpecificData)
{
    WDFREL_INTERFACE *i = (WDFREL_INTERFACE *)ExposedInterface;
    UNREFERENCED_PARAMETER(Device);
    if (!IsEqualGUID(InterfaceType, &GUID_WDFREL_TWOWAY) || ExposedInterfaceSpecificData == NULL)
        return STATUS_INVALID_PARAMETER;
    i->Header.Size = sizeof(*i);
    i->Header.Version = 1;
    i->Header.Context = (PVOID)(ULONG_PTR) * (ULONG *)ExposedInterfaceSpecificData;
    i->Header.InterfaceReference = Reference;
    i->Header.InterfaceDereference = Dereference;
    i->Get = Get;
    return STATUS_SUCCESS;
}

static NTSTATUS AddInterface(WDFDEVICE device, ULONG mode)
{
    WDFREL_INTERFACE local;
    WDF_QUERY_INTERFACE_CONFIG config;
    NTSTATUS status;
    RtlZeroMemory(&local, sizeof(local));
    local.Header.Size = sizeof(local);
    local.Header.Version = 1;
    local.Header.Context = (PVOID)(ULONG_PTR)(100 + RelContext(device)->Number);
    local.Header.InterfaceReference = Reference;
    local.Header.InterfaceDereference = Dereference;
    local.Get = Get;
    WDF_QUERY_INTERFACE_CONFIG_INIT(&config, (PINTERFACE)&local, &GUID_WDFREL_ONEWAY, NULL);
    if (mode == 1) {
        WDF_QUERY_INTERFACE_CONFIG_INIT(&config, NULL, &GUID_WDFREL_TWOWAY, TwoWay);
        config.ImportInterface = TRUE;
    } else if (mode == 2) {
        config.Size -= 1;
    } else if (mode == 3) {
        config.Interface = NULL;
    } else if (mode == 4) {
        config.ImportInterface = TRUE;
    } else if (mode == 5) {
        config.InterfaceType = NULL;
    }
    status = WdfDeviceAddQueryInterface(device, &config);
    RtlFillMemory(&local, sizeof(local), 0xA5); /* the framework keeps its own copy */
    return status;
}

/* IRP_MN_QUERY_INTERFACE to the top of the device's stack, as WdfFdoQueryForInterface's
 * callers' stacks receive it. */
static NTSTATUS QueryInterface(WDFDEVICE device, const ULONG *in, ULONG *out)
{
    WDFREL_INTERFACE got;
    ULONG specific = in[3];
    ULONG_PTR info = 0;
    NTSTATUS status;
    IO_STACK_LOCATION params;
    RtlZeroMemory(&got, sizeof(got));
    RtlZeroMemory(&params, sizeof(params));
    params.Parameters.QueryInterface.InterfaceType = in[0] == 1   ? &GUID_WDFREL_ONEWAY
                                                     : in[0] == 2 ? &GUID_WDFREL_TWOWAY
                                                                  : &GUID_WDFREL_NONE;
    params.Parameters.QueryInterface.Size = (USHORT)in[1];
    params.Parameters.QueryInterface.Version = (USHORT)in[2];
    params.Parameters.QueryInterface.Interface = (PINTERFACE)&got;
    params.Parameters.QueryInterface.InterfaceSpecificData = &specific;
    status = SendPnp(device, IRP_MN_QUERY_INTERFACE, &params, &info);
    out[0] = (ULONG)status;
    out[1] = NT_SUCCESS(status) && got.Get != NULL ? got.Get(got.Header.Context) : 0;
    out[2] = (ULONG)References;
    out[3] = got.Header.Size;
    out[4] = got.Header.Version;
    if (NT_SUCCESS(status) && got.Header.InterfaceDereference != NULL)
        got.Header.InterfaceDereference(got.Header.Context);
    return STATUS_SUCCESS;
}

static VOID Ioctl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputLength, size_t InputLength,
                  ULONG IoControlCode)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    ULONG *out = NULL;
    BOOLEAN *flag;
    size_t written = 0;
    NTSTATUS status = STATUS_SUCCESS;
    UNREFERENCED_PARAMETER(InputLength);
    if (OutputLength >= sizeof(ULONG))
        WdfRequestRetrieveOutputBuffer(Request, sizeof(ULONG), (PVOID *)&out, NULL);
    switch (IoControlCode) {
    case IOCTL_REL_WHO:
        if (out == NULL)
            status = STATUS_BUFFER_TOO_SMALL;
        else
            out[written++] = RelContext(device)->Number;
        break;
    case IOCTL_REL_ADD:
    case IOCTL_REL_REMOVE:
    case IOCTL_REL_DEP_ADD:
    case IOCTL_REL_DEP_REMOVE:
        status = Relations(device, Request, IoControlCode);
        break;
    case IOCTL_REL_CLEAR:
        WdfDeviceClearRemovalRelationsDevices(device);
        break;
    case IOCTL_REL_QUERY: {
        ULONG *type;
        size_t inSize = 0;
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&type, &inSize);
        if (NT_SUCCESS(status) && (out == NULL || OutputLength < 2 * sizeof(ULONG)))
            status = STATUS_BUFFER_TOO_SMALL;
        if (NT_SUCCESS(status))
            status =
                QueryRelations(device, type[0], inSize >= 2 * sizeof(ULONG) ? type[1] : 0xFFFFFFFF,
                               out, OutputLength / sizeof(ULONG), &written);
        break;
    }
    case IOCTL_REL_STATIC:
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(BOOLEAN), (PVOID *)&flag, NULL);
        if (NT_SUCCESS(status))
            WdfDeviceSetStaticStopRemove(device, *flag);
        break;
    case IOCTL_REL_FLAGS: {
        PDEVICE_OBJECT top = IoGetAttachedDeviceReference(WdfDeviceWdmGetPhysicalDevice(device));
        if (out == NULL || OutputLength < 2 * sizeof(ULONG)) {
            status = STATUS_BUFFER_TOO_SMALL;
        } else {
            out[written++] =
                WdfDeviceWdmGetDeviceObject(device)->Flags & (DO_POWER_PAGABLE | DO_POWER_INRUSH);
            out[written++] = top->Flags & (DO_POWER_PAGABLE | DO_POWER_INRUSH);
        }
        ObDereferenceObject(top);
        break;
    }
    case IOCTL_REL_VETO:
        InterlockedExchange(&RelContext(device)->VetoNextRemove, 1);
        break;
    case IOCTL_REL_IFACE_NAME: {
        size_t bytes = 0;
        status = InterfaceName(device, Request, &bytes);
        WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? bytes : 0);
        return;
    }
    case IOCTL_REL_QI_ADD: {
        ULONG *mode;
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&mode, NULL);
        if (NT_SUCCESS(status))
            status = AddInterface(device, *mode);
        break;
    }
    case IOCTL_REL_QI_QUERY: {
        ULONG *in;
        status = WdfRequestRetrieveInputBuffer(Request, 4 * sizeof(ULONG), (PVOID *)&in, NULL);
        if (NT_SUCCESS(status) && (out == NULL || OutputLength < 5 * sizeof(ULONG)))
            status = STATUS_BUFFER_TOO_SMALL;
        if (NT_SUCCESS(status)) {
            status = QueryInterface(device, in, out);
            written = 5;
        }
        break;
    }
    case IOCTL_REL_SPECIAL:
    case IOCTL_REL_USAGE: {
        ULONG *in;
        status = WdfRequestRetrieveInputBuffer(Request, 2 * sizeof(ULONG), (PVOID *)&in, NULL);
        if (NT_SUCCESS(status) && IoControlCode == IOCTL_REL_SPECIAL)
            WdfDeviceSetSpecialFileSupport(device, (WDF_SPECIAL_FILE_TYPE)in[0], (BOOLEAN)in[1]);
        else if (NT_SUCCESS(status) && out == NULL)
            status = STATUS_BUFFER_TOO_SMALL;
        else if (NT_SUCCESS(status))
            out[written++] = (ULONG)SendUsage(device, in[0], in[1]);
        break;
    }
    case IOCTL_REL_USAGE_VETO:
        InterlockedExchange(&RelContext(device)->VetoNextUsage, 1);
        break;
    case IOCTL_REL_LOG:
        if (out == NULL || OutputLength < sizeof(RelContext(device)->Log))
            status = STATUS_BUFFER_TOO_SMALL;
        else
            for (written = 0; written < 6; written++)
                out[written] = RelContext(device)->Log[written];
        break;
    case IOCTL_REL_PDO_ONLY:
        status = WdfPdoAddEjectionRelationsPhysicalDevice(device, Pdos[0]);
        break;
    default:
        status = STATUS_INVALID_DEVICE_REQUEST;
    }
    WdfRequestCompleteWithInformation(Request, status,
                                      NT_SUCCESS(status) ? written * sizeof(ULONG) : 0);
}

static NTSTATUS DeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDFDEVICE device;
    UNREFERENCED_PARAMETER(Driver);
#if WDFREL_POWER == 1 || WDFREL_POWER == 4
    WdfDeviceInitSetPowerNotPageable(DeviceInit);
#elif WDFREL_POWER == 2
    WdfDeviceInitSetPowerInrush(DeviceInit);
#elif WDFREL_POWER == 3
    WdfDeviceInitSetPowerPageable(DeviceInit);
#endif
#if WDFREL_POWER == 0 /* changes nothing drvhost shows: both orders are its order */
    WdfDeviceInitSetReleaseHardwareOrderOnFailure(DeviceInit,
                                                  WdfReleaseHardwareOrderOnFailureAfterDescendants);
#endif
#if WDFREL_POWER == 4
    WdfFdoInitSetFilter(DeviceInit);
    return WdfDeviceCreate(&DeviceInit, WDF_NO_OBJECT_ATTRIBUTES, &device);
#else
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_IO_QUEUE_CONFIG queue;
    NTSTATUS status;
    LONG number;
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDeviceQueryRemove = QueryRemove;
    pnp.EvtDeviceRelationsQuery = RelationsQuery;
    pnp.EvtDeviceUsageNotificationEx = UsageNotification;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, REL_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &attributes, &device);
    if (!NT_SUCCESS(status))
        return status;
    number = InterlockedIncrement(&Devices) - 1;
    if (number >= WDFREL_MAX)
        return STATUS_INSUFFICIENT_RESOURCES;
    RelContext(device)->Number = (ULONG)number;
    Pdos[number] = WdfDeviceWdmGetPhysicalDevice(device);
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue, WdfIoQueueDispatchSequential);
    queue.EvtIoDeviceControl = Ioctl;
    status = WdfIoQueueCreate(device, &queue, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
    if (!NT_SUCCESS(status))
        return status;
    return WdfDeviceCreateDeviceInterface(device, &GUID_WDFREL_INTERFACE, NULL);
#endif
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, DeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
