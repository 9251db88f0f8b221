/*
 * wmitest.c - a driver handling WMI through the WMI library (wmilib.h), as the WDK documents
 * it: a WMILIB_CONTEXT with three blocks (data, event, methods), IRP_MJ_SYSTEM_CONTROL handed to
 * WmiSystemControl and each disposition handled, the DpWmiXxx routines answering through
 * WmiCompleteRequest. A second device registers a context with only the required routines.
 */
#include <ntddk.h>
#include <wmilib.h>

#include "wmitest.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WmiTestUnload;
DRIVER_DISPATCH WmiTestCreateClose, WmiTestControl, WmiTestSystemControl;

static const GUID g_DataGuid = WMITEST_GUID_DATA;
static const GUID g_EventGuid = WMITEST_GUID_EVENT;
static const GUID g_MethodGuid = WMITEST_GUID_METHOD;

static WMIGUIDREGINFO g_Guids[] = {
    {&g_DataGuid, 2, 0},
    {&g_EventGuid, 1, WMIREG_FLAG_EVENT_ONLY_GUID},
    {&g_MethodGuid, 1, WMIREG_FLAG_EXPENSIVE},
};

static UNICODE_STRING g_RegistryPath;
static PDEVICE_OBJECT g_Device, g_RoDevice;
static WMITEST_STATE g_State;
/* Block 0's instances: instance 0 is one ULONG, instance 1 three. */
static ULONG g_Inst0 = 0x11111111;
static ULONG g_Inst1[3] = {0x22222222, 0x33333333, 0x44444444};

WMI_QUERY_REGINFO_CALLBACK WmiTestQueryRegInfo;
WMI_QUERY_DATABLOCK_CALLBACK WmiTestQueryDataBlock;
WMI_SET_DATABLOCK_CALLBACK WmiTestSetDataBlock;
WMI_SET_DATAITEM_CALLBACK WmiTestSetDataItem;
WMI_EXECUTE_METHOD_CALLBACK WmiTestExecuteMethod;
WMI_FUNCTION_CONTROL_CALLBACK WmiTestFunctionControl;

static WMILIB_CONTEXT g_Wmi = {
    3,
    g_Guids,
    WmiTestQueryRegInfo,
    WmiTestQueryDataBlock,
    WmiTestSetDataBlock,
    WmiTestSetDataItem,
    WmiTestExecuteMethod,
    WmiTestFunctionControl,
};
static WMILIB_CONTEXT g_WmiRo = {
    3, g_Guids, WmiTestQueryRegInfo, WmiTestQueryDataBlock, NULL, NULL, NULL, NULL,
};

NTSTATUS WmiTestQueryRegInfo(PDEVICE_OBJECT DeviceObject, PULONG RegFlags,
                             PUNICODE_STRING InstanceName, PUNICODE_STRING *RegistryPath,
                             PUNICODE_STRING MofResourceName, PDEVICE_OBJECT *Pdo)
{
    static const WCHAR base[] = WMITEST_BASENAME;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Pdo);
    InterlockedIncrement((volatile LONG *)&g_State.RegInfoCalls); /* from WMI's worker */
    /* The library frees the base name with ExFreePool. */
    InstanceName->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(base), 'tIMW');
    if (InstanceName->Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlCopyMemory(InstanceName->Buffer, base, sizeof(base));
    InstanceName->Length = sizeof(base) - sizeof(WCHAR);
    InstanceName->MaximumLength = sizeof(base);
    *RegFlags = WMIREG_FLAG_INSTANCE_BASENAME;
    *RegistryPath = &g_RegistryPath;
    RtlInitUnicodeString(MofResourceName, WMITEST_MOF);
    return STATUS_SUCCESS;
}

NTSTATUS WmiTestQueryDataBlock(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                               ULONG InstanceIndex, ULONG InstanceCount, PULONG InstanceLengthArray,
                               ULONG BufferAvail, PUCHAR Buffer)
{
    ULONG need;
    g_State.Callbacks++;
    if (GuidIndex != 0)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_WMI_GUID_NOT_FOUND, 0, IO_NO_INCREMENT);
    /* All data: instance 0 padded to 8 bytes, then instance 1 (12 bytes). */
    need = InstanceCount == 2 ? 8 + sizeof(g_Inst1) : InstanceIndex == 0 ? 4 : sizeof(g_Inst1);
    if (BufferAvail < need)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_BUFFER_TOO_SMALL, need,
                                  IO_NO_INCREMENT);
    if (InstanceCount == 2) {
        RtlCopyMemory(Buffer, &g_Inst0, 4);
        RtlCopyMemory(Buffer + 8, g_Inst1, sizeof(g_Inst1));
        InstanceLengthArray[0] = 4;
        InstanceLengthArray[1] = sizeof(g_Inst1);
    } else {
        RtlCopyMemory(Buffer, InstanceIndex == 0 ? (PVOID)&g_Inst0 : (PVOID)g_Inst1, need);
        InstanceLengthArray[0] = need;
    }
    return WmiCompleteRequest(DeviceObject, Irp, STATUS_SUCCESS, need, IO_NO_INCREMENT);
}

NTSTATUS WmiTestSetDataBlock(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                             ULONG InstanceIndex, ULONG BufferSize, PUCHAR Buffer)
{
    ULONG size = InstanceIndex == 0 ? 4 : sizeof(g_Inst1);
    NTSTATUS status = STATUS_WMI_READ_ONLY;
    g_State.Callbacks++;
    if (GuidIndex == 0 && BufferSize != size) {
        status = STATUS_INFO_LENGTH_MISMATCH;
    } else if (GuidIndex == 0) {
        RtlCopyMemory(InstanceIndex == 0 ? (PVOID)&g_Inst0 : (PVOID)g_Inst1, Buffer, size);
        status = STATUS_SUCCESS;
    }
    return WmiCompleteRequest(DeviceObject, Irp, status, 0, IO_NO_INCREMENT);
}

/* Item N of an instance is its N-th ULONG (from 1). */
NTSTATUS WmiTestSetDataItem(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                            ULONG InstanceIndex, ULONG DataItemId, ULONG BufferSize, PUCHAR Buffer)
{
    PULONG items = InstanceIndex == 0 ? &g_Inst0 : g_Inst1;
    ULONG count = InstanceIndex == 0 ? 1 : 3;
    NTSTATUS status = STATUS_SUCCESS;
    g_State.Callbacks++;
    if (GuidIndex != 0)
        status = STATUS_WMI_READ_ONLY;
    else if (DataItemId == 0 || DataItemId > count)
        status = STATUS_WMI_ITEMID_NOT_FOUND;
    else if (BufferSize != sizeof(ULONG))
        status = STATUS_INFO_LENGTH_MISMATCH;
    else
        RtlCopyMemory(&items[DataItemId - 1], Buffer, sizeof(ULONG));
    return WmiCompleteRequest(DeviceObject, Irp, status, 0, IO_NO_INCREMENT);
}

/* Method 1 of block 2: the input bytes reversed. */
NTSTATUS WmiTestExecuteMethod(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                              ULONG InstanceIndex, ULONG MethodId, ULONG InBufferSize,
                              ULONG OutBufferSize, PUCHAR Buffer)
{
    UNREFERENCED_PARAMETER(InstanceIndex);
    g_State.Callbacks++;
    if (GuidIndex == 2 && MethodId == 9) /* deregisters the device from within the request */
        return WmiCompleteRequest(DeviceObject, Irp,
                                  IoWMIRegistrationControl(DeviceObject, WMIREG_ACTION_DEREGISTER),
                                  0, IO_NO_INCREMENT);
    if (GuidIndex != 2 || MethodId != 1)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_WMI_ITEMID_NOT_FOUND, 0,
                                  IO_NO_INCREMENT);
    if (OutBufferSize < InBufferSize)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_BUFFER_TOO_SMALL, InBufferSize,
                                  IO_NO_INCREMENT);
    for (ULONG i = 0; i < InBufferSize / 2; i++) {
        UCHAR t = Buffer[i];
        Buffer[i] = Buffer[InBufferSize - 1 - i];
        Buffer[InBufferSize - 1 - i] = t;
    }
    return WmiCompleteRequest(DeviceObject, Irp, STATUS_SUCCESS, InBufferSize, IO_NO_INCREMENT);
}

NTSTATUS WmiTestFunctionControl(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                                WMIENABLEDISABLECONTROL Function, BOOLEAN Enable)
{
    UNREFERENCED_PARAMETER(GuidIndex);
    g_State.Callbacks++;
    if (Function == WmiEventControl)
        g_State.EventsEnabled += Enable ? 1 : -1;
    else
        g_State.CollectionEnabled += Enable ? 1 : -1;
    return WmiCompleteRequest(DeviceObject, Irp, STATUS_SUCCESS, 0, IO_NO_INCREMENT);
}

/* Each disposition as the WmiSystemControl page says; both devices are the lowest driver. */
NTSTATUS WmiTestSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    SYSCTL_IRP_DISPOSITION disposition = (SYSCTL_IRP_DISPOSITION)-1;
    UCHAR minor = IoGetCurrentIrpStackLocation(Irp)->MinorFunction;
    NTSTATUS status = WmiSystemControl(DeviceObject == g_RoDevice ? &g_WmiRo : &g_Wmi, DeviceObject,
                                       Irp, &disposition);
    /* WMI's own REGINFO after registering runs on a system worker while a test may send its own
     * request: the store is atomic, and the tests wait for RegInfoDone before they send. */
    InterlockedExchange((volatile LONG *)&g_State.Disposition, (LONG)disposition);
    if (minor == IRP_MN_REGINFO || minor == IRP_MN_REGINFO_EX)
        InterlockedIncrement((volatile LONG *)&g_State.RegInfoDone);
    switch (disposition) {
    case IrpProcessed:
        break;
    case IrpNotCompleted:
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        break;
    default: /* IrpNotWmi, IrpForward: nobody below; complete with the IRP's status */
        status = Irp->IoStatus.Status;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        break;
    }
    return status;
}

NTSTATUS WmiTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

/* kind 0: a plain WNODE_EVENT_ITEM; 1: WNODE_FLAG_TRACED_GUID; 2: larger than WMI takes. */
static NTSTATUS WriteEvent(ULONG kind)
{
    ULONG size = kind == 2 ? 0x100000 : sizeof(WNODE_EVENT_ITEM) + 4;
    PWNODE_EVENT_ITEM w = ExAllocatePoolWithTag(NonPagedPoolNx, size, 'vEMW');
    NTSTATUS status;
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlZeroMemory(w, sizeof(*w));
    w->WnodeHeader.BufferSize = size;
    w->WnodeHeader.ProviderId = IoWMIDeviceObjectToProviderId(g_Device);
    w->WnodeHeader.Guid = g_EventGuid;
    w->WnodeHeader.Flags = WNODE_FLAG_EVENT_ITEM | (kind == 1 ? WNODE_FLAG_TRACED_GUID : 0);
    RtlFillMemory(w + 1, 4, 0xAB);
    status = IoWMIWriteEvent(w);
    if (!NT_SUCCESS(status))
        ExFreePoolWithTag(w, 'vEMW'); /* freed by WMI only on success */
    return status;
}

NTSTATUS WmiTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    ULONG_PTR info = 0;
    PULONG data;
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_WMITEST_STATE:
        status = out < sizeof(g_State) ? STATUS_BUFFER_TOO_SMALL : STATUS_SUCCESS;
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(buf, &g_State, sizeof(g_State));
            info = sizeof(g_State);
        }
        break;
    case IOCTL_WMITEST_FIRE:
        if (in < sizeof(ULONG)) {
            status = STATUS_INVALID_PARAMETER;
            break;
        }
        /* WMI frees the event data. */
        data = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(ULONG), 'dEMW');
        status = STATUS_INSUFFICIENT_RESOURCES;
        if (data != NULL) {
            *data = *(PULONG)buf;
            status = WmiFireEvent(DeviceObject, &g_EventGuid, 0, sizeof(ULONG), data);
        }
        break;
    case IOCTL_WMITEST_WRITE:
        if (in >= sizeof(ULONG) && out >= sizeof(NTSTATUS)) {
            *(NTSTATUS *)buf = WriteEvent(*(PULONG)buf);
            info = sizeof(NTSTATUS);
            status = STATUS_SUCCESS;
        }
        break;
    }
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = info;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

VOID WmiTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;
    UNREFERENCED_PARAMETER(DriverObject);
    IoWMIRegistrationControl(g_Device, WMIREG_ACTION_DEREGISTER);
    IoWMIRegistrationControl(g_RoDevice, WMIREG_ACTION_DEREGISTER);
    RtlInitUnicodeString(&link, L"\\DosDevices\\WmiTest");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_RoDevice);
    IoDeleteDevice(g_Device);
    ExFreePoolWithTag(g_RegistryPath.Buffer, 'pRMW');
}

static NTSTATUS CreateDevice(PDRIVER_OBJECT DriverObject, PCWSTR Name, PDEVICE_OBJECT *Device)
{
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, Name);
    return IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING link, target;
    NTSTATUS status;
    g_RegistryPath.Buffer = ExAllocatePoolWithTag(PagedPool, RegistryPath->Length, 'pRMW');
    if (g_RegistryPath.Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    g_RegistryPath.MaximumLength = RegistryPath->Length;
    RtlCopyUnicodeString(&g_RegistryPath, RegistryPath);
    status = CreateDevice(DriverObject, WMITEST_DEVICE, &g_Device);
    if (NT_SUCCESS(status)) {
        status = CreateDevice(DriverObject, WMITEST_RO_DEVICE, &g_RoDevice);
        if (!NT_SUCCESS(status))
            IoDeleteDevice(g_Device);
    }
    if (!NT_SUCCESS(status)) {
        ExFreePoolWithTag(g_RegistryPath.Buffer, 'pRMW');
        return status;
    }
    RtlInitUnicodeString(&link, L"\\DosDevices\\WmiTest");
    RtlInitUnicodeString(&target, WMITEST_DEVICE);
    IoCreateSymbolicLink(&link, &target);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = WmiTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = WmiTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WmiTestControl;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = WmiTestSystemControl;
    DriverObject->DriverUnload = WmiTestUnload;
    IoWMIRegistrationControl(g_Device, WMIREG_ACTION_REGISTER);
    IoWMIRegistrationControl(g_RoDevice, WMIREG_ACTION_REGISTER);
    return STATUS_SUCCESS;
}
