/*
 * pcwtest.c - the performance counter test driver (tests/pcw/check_pcw_project.sh): a provider
 * of the two counter sets of pcwtest.man, through the header drvcc --project generates with the
 * project's Ctrpp item (pcwtestCounters.h, prefix Pt). DriverEntry checks PcwRegister's and
 * PcwCreateInstance's documented failures and fails to load if one differs; "Pcw Test Polled"
 * is served by a callback (its values fixed, so the consumer's view can be compared), "Pcw Test
 * Created" by three instances created here, the middle one closed again. IOCTLs on
 * \Device\PcwTest change the created instances' data and misuse the routines.
 */
#include <wdm.h>

typedef struct PT_SMALL {
    ULONG Pad;
    ULONG Reads;
    ULONG Writes;
} PT_SMALL;

typedef struct PT_BIG {
    ULONGLONG Bytes;
} PT_BIG;

typedef struct PT_CREATED {
    ULONG Count;
} PT_CREATED;

#include <pcwtestCounters.h>

#define IOCTL_PT_BUMP        CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PT_CLOSE_FIRST CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS)
#define IOCTL_PT_CLOSE_BAD   CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_BUFFERED, FILE_ANY_ACCESS)

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD PtUnload;
static DRIVER_DISPATCH PtCreateClose;
static DRIVER_DISPATCH PtControl;

static ULONG PtContext; /* its address is the callback context */
static PT_CREATED PtValues[3] = {{10}, {20}, {30}};
static PPCW_INSTANCE PtInstances[3];
static PDEVICE_OBJECT PtDevice;

#define CHECK(what, got, expected)                                                                 \
    do {                                                                                           \
        NTSTATUS got_ = (got);                                                                     \
        if (got_ != (expected)) {                                                                  \
            DbgPrint("pcwtest: %s: 0x%08X, expected 0x%08X\n", what, got_, expected);              \
            return STATUS_UNSUCCESSFUL;                                                            \
        }                                                                                          \
    } while (0)

static NTSTATUS PtCollect(PPCW_BUFFER Buffer)
{
    UNICODE_STRING alpha = RTL_CONSTANT_STRING(L"alpha"), beta = RTL_CONSTANT_STRING(L"beta");
    PT_SMALL small = {0, 11, 12};
    PT_BIG big = {0x100000005ull};
    PCW_DATA data[2];

    /* A block too small for a counter it holds (Writes: offset 8, 4 bytes, in 8 bytes). */
    data[0].Data = &small;
    data[0].Size = 8;
    data[1].Data = &big;
    data[1].Size = sizeof(big);
    CHECK("PcwAddInstance, block too small", PcwAddInstance(Buffer, &alpha, 7, 2, data),
          STATUS_INVALID_BUFFER_SIZE);
    CHECK("PtAddPolled alpha", PtAddPolled(Buffer, &alpha, 7, &small, &big), STATUS_SUCCESS);
    small.Reads = 21;
    small.Writes = 22;
    big.Bytes = 6;
    CHECK("PtAddPolled beta", PtAddPolled(Buffer, &beta, 9, &small, &big), STATUS_SUCCESS);
    return STATUS_SUCCESS;
}

static NTSTATUS NTAPI PtPolledCallback(PCW_CALLBACK_TYPE Type, PPCW_CALLBACK_INFORMATION Info,
                                       PVOID Context)
{
    UNICODE_STRING alpha = RTL_CONSTANT_STRING(L"alpha"), beta = RTL_CONSTANT_STRING(L"beta");
    if (Context != &PtContext)
        return STATUS_UNSUCCESSFUL;
    switch (Type) {
    case PcwCallbackEnumerateInstances:
        /* Names and ids only: no values. */
        CHECK("enumerate alpha",
              PtAddPolled(Info->EnumerateInstances.Buffer, &alpha, 7, NULL, NULL), STATUS_SUCCESS);
        CHECK("enumerate beta", PtAddPolled(Info->EnumerateInstances.Buffer, &beta, 9, NULL, NULL),
              STATUS_SUCCESS);
        return STATUS_SUCCESS;
    case PcwCallbackCollectData:
        return PtCollect(Info->CollectData.Buffer);
    default:
        return STATUS_SUCCESS;
    }
}

/* PcwRegister's documented refusals (STATUS_INVALID_PARAMETER_2), and Flags ignored below
 * PCW_VERSION_2. */
static NTSTATUS PtCheckRegister(void)
{
    PCW_REGISTRATION_INFORMATION info;
    PPCW_REGISTRATION reg = NULL;
    UNICODE_STRING odd = RTL_CONSTANT_STRING(L"odd");

    PtInitRegistrationInformationPolled(NULL, NULL, &info);
    info.Version = 0x300;
    CHECK("PcwRegister, version 0x300", PcwRegister(&reg, &info), STATUS_INVALID_PARAMETER_2);
    info.Version = PCW_VERSION_2;
    info.Flags = (PCW_REGISTRATION_FLAGS)2;
    CHECK("PcwRegister, flags 2", PcwRegister(&reg, &info), STATUS_INVALID_PARAMETER_2);
    info.Version = PCW_VERSION_1;
    CHECK("PcwRegister, version 1, flags 2", PcwRegister(&reg, &info), STATUS_SUCCESS);
    PcwUnregister(reg);
    info.Flags = PcwRegistrationNone;
    odd.Length = 3;
    info.Name = &odd;
    CHECK("PcwRegister, odd name length", PcwRegister(&reg, &info), STATUS_INVALID_PARAMETER_2);
    odd.Length = 0;
    CHECK("PcwRegister, empty name", PcwRegister(&reg, &info), STATUS_INVALID_PARAMETER_2);
    return STATUS_SUCCESS;
}

/* PcwCreateInstance's refusals, then three instances, the middle one closed. */
static NTSTATUS PtCheckCreate(void)
{
    UNICODE_STRING names[3] = {RTL_CONSTANT_STRING(L"first"), RTL_CONSTANT_STRING(L"second"),
                               RTL_CONSTANT_STRING(L"third")};
    PPCW_INSTANCE inst;
    PCW_DATA data;

    CHECK("PcwCreateInstance, no block",
          PcwCreateInstance(&inst, PtPcwTestCreated, &names[0], 0, NULL),
          STATUS_INVALID_PARAMETER_4);
    data.Data = &PtValues[0];
    data.Size = 2;
    CHECK("PcwCreateInstance, block too small",
          PcwCreateInstance(&inst, PtPcwTestCreated, &names[0], 1, &data),
          STATUS_INVALID_BUFFER_SIZE);
    for (int i = 0; i < 3; i++)
        CHECK("PtCreatePcwTestCreated",
              PtCreatePcwTestCreated(&PtInstances[i], &names[i], &PtValues[i]), STATUS_SUCCESS);
    PtClosePcwTestCreated(PtInstances[1]);
    PtInstances[1] = NULL;
    return STATUS_SUCCESS;
}

static NTSTATUS PtCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS PtControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION stack = IoGetCurrentIrpStackLocation(Irp);
    static ULONG bogus[16];
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (stack->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_PT_BUMP: /* the data block is read at each collection */
        PtValues[0].Count += 5;
        break;
    case IOCTL_PT_CLOSE_FIRST:
        PtClosePcwTestCreated(PtInstances[0]);
        PtInstances[0] = NULL;
        break;
    case IOCTL_PT_CLOSE_BAD: /* not an instance */
        PcwCloseInstance((PPCW_INSTANCE)bogus);
        break;
    }
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static VOID PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    /* The instances still open are closed with their registration. */
    PtUnregisterPcwTestCreated();
    PtUnregisterPolled();
    IoDeleteDevice(PtDevice);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\PcwTest");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);

    if ((status = PtCheckRegister()) != STATUS_SUCCESS)
        return status;
    CHECK("PtRegisterPolled", PtRegisterPolled(PtPolledCallback, &PtContext), STATUS_SUCCESS);
    CHECK("PtRegisterPcwTestCreated", PtRegisterPcwTestCreated(NULL, NULL), STATUS_SUCCESS);
    if ((status = PtCheckCreate()) != STATUS_SUCCESS)
        return status;
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &PtDevice);
    if (!NT_SUCCESS(status))
        return status;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = PtCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = PtCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PtControl;
    DriverObject->DriverUnload = PtUnload;
    return STATUS_SUCCESS;
}
