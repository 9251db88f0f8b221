/*
 * pnpfunc.c - the PnP tests' function driver, and a small bus driver. What a device does
 * depends on its hardware ID (read from its PDO with IRP_MN_QUERY_ID in AddDevice):
 *   ...FAIL_ADD        AddDevice fails (STATUS_INSUFFICIENT_RESOURCES)
 *   ...FAIL_START      START_DEVICE fails (STATUS_DEVICE_NOT_READY)
 *   ...VETO_REMOVE     QUERY_REMOVE_DEVICE fails (STATUS_DEVICE_BUSY)
 *   ...VETO_STOP       QUERY_STOP_DEVICE fails (STATUS_DEVICE_BUSY)
 *   ...NO_CLEAR_INIT   AddDevice leaves DO_DEVICE_INITIALIZING set
 *   ...BUS             a bus: \\.\PnpTestBus takes IOCTL_PNPTEST_SET_CHILDREN (a ULONG n) and
 *                      reports children 0..n-1 (PDOs with hardware ID PNPTESTBUS\CHILD; child 7
 *                      answers a device ID with a space, which is illegal); IOCTL_PNPTEST_FAIL
 *                      reports the device failed (IoInvalidateDeviceState), IOCTL_PNPTEST_EJECT
 *                      asks for its ejection (IoRequestDeviceEject), IOCTL_PNPTEST_NOT_A_PDO
 *                      passes its FDO to IoInvalidateDeviceRelations (a bug check),
 *                      IOCTL_PNPTEST_EJECT_CHILD (a ULONG index) asks for that child's ejection
 * Every PnP IRP and AddDevice is printed (DbgPrintEx) for the scenarios to pin the order.
 *
 * WDM only: builds with the WDK.
 */
#include <ntddk.h>

#define IOCTL_PNPTEST_SET_CHILDREN                                                                 \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PNPTEST_FAIL  CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PNPTEST_EJECT CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PNPTEST_NOT_A_PDO                                                                    \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PNPTEST_EJECT_CHILD                                                                  \
    CTL_CODE(FILE_DEVICE_UNKNOWN, 0x804, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define MAX_CHILDREN 8
#define TAG          'tPnP'

#define LOG(...) DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "pnpfunc: " __VA_ARGS__)
#define LOG_FDO(ext, fmt, ...)                                                                     \
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "pnpfunc%s: " fmt,                         \
               ((ext)->flags & F_BUS) ? "(bus)" : "", __VA_ARGS__)

enum {
    F_FAIL_START = 1,
    F_VETO_REMOVE = 2,
    F_VETO_STOP = 4,
    F_BUS = 8
};

typedef struct _EXT {
    BOOLEAN is_pdo;
    ULONG flags;                /* FDO */
    PDEVICE_OBJECT lower, self; /* FDO */
    PDEVICE_OBJECT children[MAX_CHILDREN];
    BOOLEAN present[MAX_CHILDREN];
    ULONG index;           /* PDO: its number */
    BOOLEAN failed;        /* FDO: IOCTL_PNPTEST_FAIL was called */
    PDEVICE_OBJECT parent; /* PDO: the bus FDO */
    BOOLEAN named;
} EXT, *PEXT;

static UNICODE_STRING bus_name = RTL_CONSTANT_STRING(L"\\Device\\PnpTestBus");
static UNICODE_STRING bus_link = RTL_CONSTANT_STRING(L"\\??\\PnpTestBus");

/* ---- sending an IRP down and waiting ------------------------------------------------------ */

static NTSTATUS NTAPI SignalDone(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    UNREFERENCED_PARAMETER(device);
    UNREFERENCED_PARAMETER(irp);
    KeSetEvent((PKEVENT)context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static NTSTATUS ForwardAndWait(PDEVICE_OBJECT lower, PIRP irp)
{
    KEVENT done;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    IoCopyCurrentIrpStackLocationToNext(irp);
    IoSetCompletionRoutine(irp, SignalDone, &done, TRUE, TRUE, TRUE);
    if (IoCallDriver(lower, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    return irp->IoStatus.Status;
}

/* The PDO's hardware IDs (MULTI_SZ), read for the behaviour flags. */
static ULONG FlagsOf(PDEVICE_OBJECT pdo)
{
    KEVENT done;
    IO_STATUS_BLOCK iosb;
    ULONG flags = 0;
    PIRP irp;
    PIO_STACK_LOCATION sp;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    irp = IoBuildSynchronousFsdRequest(IRP_MJ_PNP, pdo, NULL, 0, NULL, &done, &iosb);
    if (irp == NULL)
        return 0;
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    sp = IoGetNextIrpStackLocation(irp);
    sp->MinorFunction = IRP_MN_QUERY_ID;
    sp->Parameters.QueryId.IdType = BusQueryHardwareIDs;
    if (IoCallDriver(pdo, irp) == STATUS_PENDING)
        KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, NULL);
    if (NT_SUCCESS(iosb.Status) && iosb.Information != 0) {
        PWCHAR ids = (PWCHAR)iosb.Information, p;
        for (p = ids; *p; p++) {
            if (wcsncmp(p, L"FAIL_START", 10) == 0)
                flags |= F_FAIL_START;
            if (wcsncmp(p, L"VETO_REMOVE", 11) == 0)
                flags |= F_VETO_REMOVE;
            if (wcsncmp(p, L"VETO_STOP", 9) == 0)
                flags |= F_VETO_STOP;
            if (wcsncmp(p, L"BUS", 3) == 0 && p[3] == 0)
                flags |= F_BUS;
            if (wcsncmp(p, L"FAIL_ADD", 8) == 0)
                flags |= 0x100;
            if (wcsncmp(p, L"NO_CLEAR_INIT", 13) == 0)
                flags |= 0x200;
        }
        ExFreePool(ids);
    }
    return flags;
}

/* ---- the bus's children ------------------------------------------------------------------- */

static PWCHAR PoolString(const WCHAR *s, SIZE_T chars) /* chars includes the terminators */
{
    PWCHAR p = (PWCHAR)ExAllocatePool2(POOL_FLAG_PAGED, chars * sizeof(WCHAR), TAG);
    if (p != NULL)
        RtlCopyMemory(p, s, chars * sizeof(WCHAR));
    return p;
}

static NTSTATUS ChildQueryId(PEXT ext, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    WCHAR buf[16];
    PWCHAR out;
    switch (sp->Parameters.QueryId.IdType) {
    case BusQueryDeviceID:
        out = ext->index == 7 ? PoolString(L"PNPTESTBUS\\BAD CHILD", 21)
                              : PoolString(L"PNPTESTBUS\\CHILD", 17);
        break;
    case BusQueryHardwareIDs:
        out = PoolString(L"PNPTESTBUS\\CHILD\0", 18);
        break;
    case BusQueryInstanceID:
        buf[0] = (WCHAR)(L'0' + ext->index);
        buf[1] = 0;
        out = PoolString(buf, 2);
        break;
    default:
        return irp->IoStatus.Status;
    }
    if (out == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    irp->IoStatus.Information = (ULONG_PTR)out;
    return STATUS_SUCCESS;
}

static NTSTATUS ChildPnpStatus(PDEVICE_OBJECT device, PIRP irp)
{
    PEXT ext = (PEXT)device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    PEXT bus = (PEXT)ext->parent->DeviceExtension;
    PDEVICE_RELATIONS rel;
    switch (sp->MinorFunction) {
    case IRP_MN_START_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_CANCEL_REMOVE_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
    case IRP_MN_QUERY_CAPABILITIES:
        return STATUS_SUCCESS;
    case IRP_MN_REMOVE_DEVICE:
        if (!bus->present[ext->index]) { /* gone from the bus: the PDO goes */
            bus->children[ext->index] = NULL;
            IoDeleteDevice(device);
        }
        return STATUS_SUCCESS;
    case IRP_MN_QUERY_ID:
        return ChildQueryId(ext, irp);
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        if (sp->Parameters.QueryDeviceRelations.Type != TargetDeviceRelation)
            return irp->IoStatus.Status;
        rel = (PDEVICE_RELATIONS)ExAllocatePool2(POOL_FLAG_PAGED, sizeof(*rel), TAG);
        if (rel == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        rel->Count = 1;
        rel->Objects[0] = device;
        ObReferenceObject(device);
        irp->IoStatus.Information = (ULONG_PTR)rel;
        return STATUS_SUCCESS;
    default:
        return irp->IoStatus.Status;
    }
}

/* The resource IRPs and the start, as the child's bus driver sees them: whether a driver is
 * attached above yet, and the list in IoStatus.Information and in the parameters. */
static void ChildLog(PDEVICE_OBJECT device, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    static const char *const names[] = {"START_DEVICE", "QUERY_RESOURCE_REQUIREMENTS",
                                        "FILTER_RESOURCE_REQUIREMENTS"};
    int which = sp->MinorFunction == IRP_MN_START_DEVICE                   ? 0
                : sp->MinorFunction == IRP_MN_QUERY_RESOURCE_REQUIREMENTS  ? 1
                : sp->MinorFunction == IRP_MN_FILTER_RESOURCE_REQUIREMENTS ? 2
                                                                           : -1;
    if (which < 0)
        return;
    DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL,
               "pnpfunc(child): %s attached=%d info=%p list=%p status=0x%08X\n", names[which],
               device->AttachedDevice != NULL, (void *)irp->IoStatus.Information,
               which == 2
                   ? (void *)sp->Parameters.FilterResourceRequirements.IoResourceRequirementList
                   : NULL,
               (unsigned)irp->IoStatus.Status);
}

static NTSTATUS ChildPnp(PDEVICE_OBJECT device, PIRP irp)
{
    NTSTATUS status;
    ChildLog(device, irp);
    status = ChildPnpStatus(device, irp);
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS ReportChildren(PEXT ext, PIRP irp)
{
    ULONG n = 0, i, k = 0;
    PDEVICE_RELATIONS rel;
    for (i = 0; i < MAX_CHILDREN; i++)
        n += ext->present[i] ? 1 : 0;
    rel = (PDEVICE_RELATIONS)ExAllocatePool2(
        POOL_FLAG_PAGED, FIELD_OFFSET(DEVICE_RELATIONS, Objects) + (n + 1) * sizeof(PVOID), TAG);
    if (rel == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (i = 0; i < MAX_CHILDREN; i++)
        if (ext->present[i]) {
            rel->Objects[k++] = ext->children[i];
            ObReferenceObject(ext->children[i]);
        }
    rel->Count = k;
    irp->IoStatus.Information = (ULONG_PTR)rel;
    return STATUS_SUCCESS;
}

static NTSTATUS SetChildren(PDEVICE_OBJECT fdo, ULONG n)
{
    PEXT ext = (PEXT)fdo->DeviceExtension;
    ULONG i;
    if (n > MAX_CHILDREN)
        return STATUS_INVALID_PARAMETER;
    for (i = 0; i < MAX_CHILDREN; i++) {
        if (i < n && ext->children[i] == NULL) {
            PDEVICE_OBJECT pdo;
            PEXT c;
            NTSTATUS status =
                IoCreateDevice(fdo->DriverObject, sizeof(EXT), NULL, FILE_DEVICE_UNKNOWN,
                               FILE_AUTOGENERATED_DEVICE_NAME, FALSE, &pdo);
            if (!NT_SUCCESS(status))
                return status;
            c = (PEXT)pdo->DeviceExtension;
            c->is_pdo = TRUE;
            c->index = i;
            c->parent = fdo;
            pdo->Flags &= ~DO_DEVICE_INITIALIZING;
            ext->children[i] = pdo;
        }
        ext->present[i] = i < n && ext->children[i] != NULL;
    }
    IoInvalidateDeviceRelations(ext->self, BusRelations); /* self: the bus's own PDO */
    return STATUS_SUCCESS;
}

/* ---- the function driver ------------------------------------------------------------------- */

static void RemoveFdo(PDEVICE_OBJECT device, PEXT ext)
{
    ULONG i;
    for (i = 0; i < MAX_CHILDREN; i++)
        if (ext->children[i] != NULL) { /* children were removed first: their PDOs go now */
            ext->present[i] = FALSE;
            IoDeleteDevice(ext->children[i]);
            ext->children[i] = NULL;
        }
    if (ext->named)
        IoDeleteSymbolicLink(&bus_link);
    IoDetachDevice(ext->lower);
    IoDeleteDevice(device);
}

static NTSTATUS FdoPnp(PDEVICE_OBJECT device, PIRP irp)
{
    PEXT ext = (PEXT)device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    UCHAR minor = sp->MinorFunction;
    NTSTATUS status;
    LOG_FDO(ext, "IRP_MN 0x%02X\n", minor);
    switch (minor) {
    case IRP_MN_START_DEVICE:
        status = ForwardAndWait(ext->lower, irp);
        if (NT_SUCCESS(status) && (ext->flags & F_FAIL_START))
            status = STATUS_DEVICE_NOT_READY;
        irp->IoStatus.Status = status;
        IoCompleteRequest(irp, IO_NO_INCREMENT);
        return status;
    case IRP_MN_QUERY_REMOVE_DEVICE:
    case IRP_MN_QUERY_STOP_DEVICE:
        if (ext->flags & (minor == IRP_MN_QUERY_REMOVE_DEVICE ? F_VETO_REMOVE : F_VETO_STOP)) {
            irp->IoStatus.Status = STATUS_DEVICE_BUSY;
            IoCompleteRequest(irp, IO_NO_INCREMENT);
            return STATUS_DEVICE_BUSY;
        }
        irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_CANCEL_REMOVE_DEVICE:
    case IRP_MN_CANCEL_STOP_DEVICE:
    case IRP_MN_STOP_DEVICE:
    case IRP_MN_SURPRISE_REMOVAL:
        irp->IoStatus.Status = STATUS_SUCCESS;
        break;
    case IRP_MN_REMOVE_DEVICE:
        irp->IoStatus.Status = STATUS_SUCCESS;
        IoSkipCurrentIrpStackLocation(irp);
        status = IoCallDriver(ext->lower, irp);
        RemoveFdo(device, ext);
        return status;
    case IRP_MN_QUERY_PNP_DEVICE_STATE:
        if (ext->failed) {
            irp->IoStatus.Information |= PNP_DEVICE_FAILED;
            irp->IoStatus.Status = STATUS_SUCCESS;
        }
        break;
    case IRP_MN_QUERY_DEVICE_RELATIONS:
        if ((ext->flags & F_BUS) && sp->Parameters.QueryDeviceRelations.Type == BusRelations) {
            status = ReportChildren(ext, irp);
            irp->IoStatus.Status = status;
            if (!NT_SUCCESS(status)) {
                IoCompleteRequest(irp, IO_NO_INCREMENT);
                return status;
            }
        }
        break;
    default:
        break;
    }
    IoSkipCurrentIrpStackLocation(irp);
    return IoCallDriver(ext->lower, irp);
}

static NTSTATUS NTAPI DispatchPnp(PDEVICE_OBJECT device, PIRP irp)
{
    return ((PEXT)device->DeviceExtension)->is_pdo ? ChildPnp(device, irp) : FdoPnp(device, irp);
}

static NTSTATUS NTAPI DispatchPower(PDEVICE_OBJECT device, PIRP irp)
{
    PEXT ext = (PEXT)device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = irp->IoStatus.Status;
    if (!ext->is_pdo) {
        IoSkipCurrentIrpStackLocation(irp);
        return IoCallDriver(ext->lower, irp);
    }
    if (sp->MinorFunction == IRP_MN_SET_POWER || sp->MinorFunction == IRP_MN_QUERY_POWER)
        status = STATUS_SUCCESS;
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS Complete(PIRP irp, NTSTATUS status)
{
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS NTAPI DispatchCreateClose(PDEVICE_OBJECT device, PIRP irp)
{
    UNREFERENCED_PARAMETER(device);
    return Complete(irp, STATUS_SUCCESS);
}

/* IoRequestDeviceEject for the child of that index (reported or not: a child removed while
 * its bus still reports it keeps its PDO). */
static NTSTATUS EjectChild(PEXT ext, PIO_STACK_LOCATION sp, PIRP irp)
{
    ULONG i;
    if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG))
        return STATUS_INVALID_PARAMETER;
    i = *(PULONG)irp->AssociatedIrp.SystemBuffer;
    if (i >= MAX_CHILDREN || ext->children[i] == NULL)
        return STATUS_INVALID_PARAMETER;
    IoRequestDeviceEject(ext->children[i]);
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI DispatchIoctl(PDEVICE_OBJECT device, PIRP irp)
{
    PEXT ext = (PEXT)device->DeviceExtension;
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    if (ext->is_pdo || !(ext->flags & F_BUS))
        return Complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    switch (code) {
    case IOCTL_PNPTEST_FAIL:
        ext->failed = TRUE;
        IoInvalidateDeviceState(ext->self);
        return Complete(irp, STATUS_SUCCESS);
    case IOCTL_PNPTEST_EJECT:
        IoRequestDeviceEject(ext->self);
        return Complete(irp, STATUS_SUCCESS);
    case IOCTL_PNPTEST_NOT_A_PDO:
        IoInvalidateDeviceRelations(device, BusRelations); /* an FDO: bug check 0xCA */
        return Complete(irp, STATUS_SUCCESS);
    case IOCTL_PNPTEST_EJECT_CHILD:
        return Complete(irp, EjectChild(ext, sp, irp));
    case IOCTL_PNPTEST_SET_CHILDREN:
        if (sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(ULONG))
            return Complete(irp, STATUS_INVALID_PARAMETER);
        return Complete(irp, SetChildren(device, *(PULONG)irp->AssociatedIrp.SystemBuffer));
    default:
        return Complete(irp, STATUS_INVALID_DEVICE_REQUEST);
    }
}

static NTSTATUS NTAPI AddDevice(PDRIVER_OBJECT driver, PDEVICE_OBJECT pdo)
{
    PDEVICE_OBJECT fdo;
    PEXT ext;
    ULONG flags = FlagsOf(pdo);
    NTSTATUS status;
    LOG("AddDevice%s\n", (flags & F_BUS) ? " (bus)" : "");
    if (flags & 0x100)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = IoCreateDevice(driver, sizeof(EXT), (flags & F_BUS) ? &bus_name : NULL,
                            FILE_DEVICE_UNKNOWN, 0, FALSE, &fdo);
    if (!NT_SUCCESS(status))
        return status;
    ext = (PEXT)fdo->DeviceExtension;
    ext->flags = flags;
    ext->self = pdo;
    ext->lower = IoAttachDeviceToDeviceStack(fdo, pdo);
    if (ext->lower == NULL) {
        IoDeleteDevice(fdo);
        return STATUS_NO_SUCH_DEVICE;
    }
    if (flags & F_BUS)
        ext->named = NT_SUCCESS(IoCreateSymbolicLink(&bus_link, &bus_name));
    fdo->Flags |= DO_BUFFERED_IO;
    if (!(flags & 0x200))
        fdo->Flags &= ~DO_DEVICE_INITIALIZING;
    return STATUS_SUCCESS;
}

static VOID NTAPI Unload(PDRIVER_OBJECT driver)
{
    UNREFERENCED_PARAMETER(driver);
    LOG("DriverUnload\n");
}

NTSTATUS NTAPI DriverEntry(PDRIVER_OBJECT driver, PUNICODE_STRING path)
{
    UNREFERENCED_PARAMETER(path);
    driver->MajorFunction[IRP_MJ_CREATE] = DispatchCreateClose;
    driver->MajorFunction[IRP_MJ_CLOSE] = DispatchCreateClose;
    driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DispatchIoctl;
    driver->MajorFunction[IRP_MJ_PNP] = DispatchPnp;
    driver->MajorFunction[IRP_MJ_POWER] = DispatchPower;
    driver->DriverExtension->AddDevice = AddDevice;
    driver->DriverUnload = Unload;
    return STATUS_SUCCESS;
}
