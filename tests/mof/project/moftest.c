/*
 * moftest.c - the driver of the MOF test project (moftest.vcxproj): its WMI blocks are laid out
 * by MofTestData.h, the header the project's Wmimofck item generates from moftest.mof (drvcc
 * --project runs drvmof for it). Spelled in another letter case than the generated file, and
 * included with angle brackets, as WDK samples include theirs from $(IntDir).
 */
#include <ntddk.h>
#include <wmilib.h>
#include <initguid.h>

#include <MofTestData.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MofTestUnload;
DRIVER_DISPATCH MofTestSystemControl, MofTestCreateClose;
WMI_QUERY_REGINFO_CALLBACK MofTestQueryRegInfo;
WMI_QUERY_DATABLOCK_CALLBACK MofTestQueryDataBlock;
WMI_EXECUTE_METHOD_CALLBACK MofTestExecuteMethod;

/* The generated layout: what a WMI consumer on Windows reads. */
C_ASSERT(FIELD_OFFSET(MofTest_Block, Count) == 4 && FIELD_OFFSET(MofTest_Block, Mask) == 8);
C_ASSERT(MofTest_Block_SIZE == 16 && MofTest_Block_Count_ID == 2);
C_ASSERT(AddPair == 7 && AddPair_IN_SIZE == 8 && AddPair_OUT_SIZE == 8);

static WMIGUIDREGINFO g_Guids[] = {
    {&MofTest_Block_GUID, 1, 0},
    {&MofTest_Calc_GUID, 1, 0},
};
static PDEVICE_OBJECT g_Device;
static UNICODE_STRING g_RegistryPath;
static ULONG g_Calls;
static WMILIB_CONTEXT g_Wmi = {
    2, g_Guids, MofTestQueryRegInfo, MofTestQueryDataBlock, NULL, NULL, MofTestExecuteMethod, NULL,
};

NTSTATUS MofTestQueryRegInfo(PDEVICE_OBJECT DeviceObject, PULONG RegFlags,
                             PUNICODE_STRING InstanceName, PUNICODE_STRING *RegistryPath,
                             PUNICODE_STRING MofResourceName, PDEVICE_OBJECT *Pdo)
{
    static const WCHAR base[] = L"MofTest";
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Pdo);
    /* The library frees the base name with ExFreePool. */
    InstanceName->Buffer = ExAllocatePoolWithTag(NonPagedPoolNx, sizeof(base), 'tFOM');
    if (InstanceName->Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlCopyMemory(InstanceName->Buffer, base, sizeof(base));
    InstanceName->Length = sizeof(base) - sizeof(WCHAR);
    InstanceName->MaximumLength = sizeof(base);
    *RegFlags = WMIREG_FLAG_INSTANCE_BASENAME;
    *RegistryPath = &g_RegistryPath;
    /* The resource the WDK links the binary MOF into (MofResource MOFDATA moftest.bmf). */
    RtlInitUnicodeString(MofResourceName, L"MofResource");
    return STATUS_SUCCESS;
}

NTSTATUS MofTestQueryDataBlock(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                               ULONG InstanceIndex, ULONG InstanceCount, PULONG InstanceLengthArray,
                               ULONG BufferAvail, PUCHAR Buffer)
{
    ULONG need = GuidIndex == 0 ? MofTest_Block_SIZE : MofTest_Calc_SIZE;
    UNREFERENCED_PARAMETER(InstanceIndex);
    UNREFERENCED_PARAMETER(InstanceCount);
    if (BufferAvail < need)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_BUFFER_TOO_SMALL, need,
                                  IO_NO_INCREMENT);
    if (GuidIndex == 0) {
        PMofTest_Block block = (PMofTest_Block)Buffer;
        RtlZeroMemory(block, MofTest_Block_SIZE);
        block->Kind = 0xA5;
        block->Count = 0x01020304;
        block->Mask = 0x1122334455667788ULL;
    } else {
        ((PMofTest_Calc)Buffer)->Calls = g_Calls;
    }
    InstanceLengthArray[0] = need;
    return WmiCompleteRequest(DeviceObject, Irp, STATUS_SUCCESS, need, IO_NO_INCREMENT);
}

/* AddPair: the generated parameter structures, in and out in the same buffer. */
NTSTATUS MofTestExecuteMethod(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG GuidIndex,
                              ULONG InstanceIndex, ULONG MethodId, ULONG InBufferSize,
                              ULONG OutBufferSize, PUCHAR Buffer)
{
    ULONGLONG sum;
    UNREFERENCED_PARAMETER(InstanceIndex);
    if (GuidIndex != 1 || MethodId != AddPair)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_WMI_ITEMID_NOT_FOUND, 0,
                                  IO_NO_INCREMENT);
    if (InBufferSize < AddPair_IN_SIZE)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_INVALID_PARAMETER, 0, IO_NO_INCREMENT);
    if (OutBufferSize < AddPair_OUT_SIZE)
        return WmiCompleteRequest(DeviceObject, Irp, STATUS_BUFFER_TOO_SMALL, AddPair_OUT_SIZE,
                                  IO_NO_INCREMENT);
    sum = (ULONGLONG)((PAddPair_IN)Buffer)->X + ((PAddPair_IN)Buffer)->Y;
    ((PAddPair_OUT)Buffer)->Sum = sum;
    g_Calls++;
    return WmiCompleteRequest(DeviceObject, Irp, STATUS_SUCCESS, AddPair_OUT_SIZE, IO_NO_INCREMENT);
}

NTSTATUS MofTestSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    SYSCTL_IRP_DISPOSITION disposition;
    NTSTATUS status = WmiSystemControl(&g_Wmi, DeviceObject, Irp, &disposition);
    if (disposition == IrpProcessed)
        return status;
    if (disposition != IrpNotCompleted)
        status = Irp->IoStatus.Status; /* IrpNotWmi, IrpForward: nobody below */
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

NTSTATUS MofTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

VOID MofTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    IoWMIRegistrationControl(g_Device, WMIREG_ACTION_DEREGISTER);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name;
    NTSTATUS status;
    g_RegistryPath = *RegistryPath;
    RtlInitUnicodeString(&name, L"\\Device\\MofTest");
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = MofTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = MofTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = MofTestSystemControl;
    DriverObject->DriverUnload = MofTestUnload;
    g_Device->Flags &= ~DO_DEVICE_INITIALIZING;
    status = IoWMIRegistrationControl(g_Device, WMIREG_ACTION_REGISTER);
    if (!NT_SUCCESS(status))
        IoDeleteDevice(g_Device);
    return status;
}
