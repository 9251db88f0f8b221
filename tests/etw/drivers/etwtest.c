/*
 * etwtest.c - an ETW provider as the WDK documents one (EtwRegister in DriverEntry with an
 * enable callback, EtwWrite with EVENT_DATA_DESCRIPTORs, EtwUnregister in DriverUnload), for
 * tests/etw. Builds with the WDK.
 */
#include <ntddk.h>
#include <evntrace.h>

#include "etwtest.h"

DRIVER_INITIALIZE DriverEntry;
static DRIVER_UNLOAD EtwTestUnload;
static DRIVER_DISPATCH EtwTestOpenClose;
static DRIVER_DISPATCH EtwTestControl;

static const GUID ProviderGuid = ETWTEST_GUID_INIT;
static REGHANDLE Provider;
static ETWTEST_STATE State;
static ULONG ContextCookie = 0xC0FFEE;
static BOOLEAN Forget; /* a driver that forgets EtwUnregister (IOCTL_ETW_FORGET) */

static const EVENT_DESCRIPTOR StartEvent = {1, 0, 0, TRACE_LEVEL_INFORMATION, 1, 10, 0x1};
static const EVENT_DESCRIPTOR VerboseEvent = {2, 1, 0, TRACE_LEVEL_VERBOSE, 0, 10, 0x1};
static const EVENT_DESCRIPTOR Kw4Event = {3, 0, 0, TRACE_LEVEL_ERROR, 0, 11, 0x4};
static const EVENT_DESCRIPTOR TransferEvent = {4, 0, 0, TRACE_LEVEL_WARNING, 0, 12, 0x2};

static VOID NTAPI EtwTestEnable(LPCGUID SourceId, ULONG ControlCode, UCHAR Level,
                                ULONGLONG MatchAnyKeyword, ULONGLONG MatchAllKeyword,
                                PEVENT_FILTER_DESCRIPTOR FilterData, PVOID CallbackContext)
{
    UNREFERENCED_PARAMETER(MatchAllKeyword);
    UNREFERENCED_PARAMETER(FilterData);
    State.Callbacks++;
    State.LastCode = ControlCode;
    State.LastLevel = Level;
    State.LastAny = MatchAnyKeyword;
    State.SourceIdSet = SourceId != NULL;
    State.ContextRight = CallbackContext == &ContextCookie;
}

#define CHECK(c, cond)                                                                             \
    do {                                                                                           \
        (c)->Checks++;                                                                             \
        if (!(cond) && (c)->Failed++ < 8)                                                          \
            (c)->Lines[(c)->Failed - 1] = __LINE__;                                                \
    } while (0)

static VOID EtwTestWrite(VOID)
{
    EVENT_DATA_DESCRIPTOR data[6];
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\EtwTest");
    ULONG status = 0xC0000001;
    USHORT len = name.Length;
    UCHAR bytes[5] = {0xde, 0xad, 0xbe, 0xef, 0x01};
    CHAR ansi[] = "ansi text";
    ULONGLONG big = 0x1122334455667788ull;
    GUID activity = {0x11111111, 0x2222, 0x3333, {0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55}};
    GUID related = {0xaaaaaaaa, 0xbbbb, 0xcccc, {0xdd, 0xdd, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee}};
    WCHAR wide[] = L"wide text";

    EventDataDescCreate(&data[0], &len, sizeof(USHORT));
    EventDataDescCreate(&data[1], &status, sizeof(ULONG));
    EventDataDescCreate(&data[2], wide, sizeof(wide));
    EventDataDescCreate(&data[3], ansi, sizeof(ansi));
    EventDataDescCreate(&data[4], bytes, sizeof(bytes));
    EventDataDescCreate(&data[5], &big, sizeof(big));
    EtwWrite(Provider, &StartEvent, NULL, 6, data);
    EtwWrite(Provider, &VerboseEvent, NULL, 1, data);
    EtwWrite(Provider, &Kw4Event, NULL, 0, NULL);
    EtwWriteTransfer(Provider, &TransferEvent, &activity, &related, 1, &data[1]);
    EtwWriteEx(Provider, &TransferEvent, 0, 0, NULL, NULL, 1, &data[0]);
    EtwWriteString(Provider, TRACE_LEVEL_INFORMATION, 0x1, NULL, L"hello from EtwWriteString");
}

static VOID EtwTestState(ETWTEST_STATE *Out)
{
    *Out = State;
    Out->EnabledInfo = EtwEventEnabled(Provider, &StartEvent);
    Out->EnabledVerbose = EtwEventEnabled(Provider, &VerboseEvent);
    Out->EnabledKw4 = EtwProviderEnabled(Provider, TRACE_LEVEL_INFORMATION, 0x4);
    Out->EnabledKw0 = EtwProviderEnabled(Provider, TRACE_LEVEL_INFORMATION, 0);
}

static VOID EtwTestActivity(ETWTEST_CHECKS *c)
{
    GUID zero = {0}, a, b, got;
    RtlZeroMemory(c, sizeof(*c));
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_ID, &got) == STATUS_SUCCESS);
    CHECK(c, RtlCompareMemory(&got, &zero, sizeof(GUID)) == sizeof(GUID)); /* none yet */
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_CREATE_ID, &a) == STATUS_SUCCESS);
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_CREATE_ID, &b) == STATUS_SUCCESS);
    CHECK(c, RtlCompareMemory(&a, &b, sizeof(GUID)) != sizeof(GUID)); /* unique */
    CHECK(c, RtlCompareMemory(&a, &zero, sizeof(GUID)) != sizeof(GUID));
    EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_ID, &got);
    CHECK(c, RtlCompareMemory(&got, &zero, sizeof(GUID)) == sizeof(GUID)); /* CREATE sets nothing */
    got = a;
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_SET_ID, &got) == STATUS_SUCCESS);
    EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_ID, &got);
    CHECK(c, RtlCompareMemory(&got, &a, sizeof(GUID)) == sizeof(GUID));
    got = b;
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_SET_ID, &got) == STATUS_SUCCESS);
    CHECK(c, RtlCompareMemory(&got, &a, sizeof(GUID)) == sizeof(GUID)); /* the old one back */
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_CREATE_SET_ID, &got) == STATUS_SUCCESS);
    CHECK(c, RtlCompareMemory(&got, &b, sizeof(GUID)) == sizeof(GUID));
    EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_ID, &got);
    CHECK(c, RtlCompareMemory(&got, &b, sizeof(GUID)) != sizeof(GUID));
    CHECK(c, EtwActivityIdControl(99, &got) == STATUS_INVALID_PARAMETER);
    CHECK(c, EtwActivityIdControl(EVENT_ACTIVITY_CTRL_GET_ID, NULL) == STATUS_INVALID_PARAMETER);
    got = zero;
    EtwActivityIdControl(EVENT_ACTIVITY_CTRL_SET_ID, &got);
}

static VOID EtwTestErrors(ETWTEST_CHECKS *c)
{
    EVENT_DATA_DESCRIPTOR data[MAX_EVENT_DATA_DESCRIPTORS + 1];
    REGHANDLE h = 0;
    BOOLEAN yes = TRUE;
    EVENT_DESCRIPTOR desc;
    RtlZeroMemory(c, sizeof(*c));
    RtlZeroMemory(data, sizeof(data));
    CHECK(c, EtwWrite(0, &StartEvent, NULL, 0, NULL) == STATUS_INVALID_HANDLE);
    CHECK(c, EtwWriteString(0, 4, 0, NULL, L"x") == STATUS_INVALID_HANDLE);
    CHECK(c, EtwUnregister(0) == STATUS_INVALID_HANDLE);
    CHECK(c, !EtwEventEnabled(0, &StartEvent));
    CHECK(c, EtwRegister(NULL, NULL, NULL, &h) == STATUS_INVALID_PARAMETER);
    CHECK(c, EtwWrite(Provider, &StartEvent, NULL, MAX_EVENT_DATA_DESCRIPTORS + 1, data) ==
                 STATUS_INVALID_PARAMETER);
    CHECK(c, EtwSetInformation(Provider, EventProviderUseDescriptorType, &yes, sizeof(yes)) ==
                 STATUS_SUCCESS);
    CHECK(c, EtwSetInformation(Provider, MaxEventInfo, NULL, 0) == STATUS_NOT_SUPPORTED);
    CHECK(c, EtwSetInformation(0, EventProviderUseDescriptorType, &yes, sizeof(yes)) ==
                 STATUS_INVALID_HANDLE);
    /* A second registration of the same GUID, unregistered: its handle is dead after. */
    CHECK(c, EtwRegister(&ProviderGuid, NULL, NULL, &h) == STATUS_SUCCESS && h != 0);
    CHECK(c, EtwUnregister(h) == STATUS_SUCCESS);
    CHECK(c, EtwUnregister(h) == STATUS_INVALID_HANDLE);
    CHECK(c, EtwWrite(h, &StartEvent, NULL, 0, NULL) == STATUS_INVALID_HANDLE);
    yes = FALSE;
    EtwSetInformation(Provider, EventProviderUseDescriptorType, &yes, sizeof(yes));
    /* The descriptor helpers; a level-0, keyword-0 event passes any enabled provider. */
    EventDescCreate(&desc, 5, 2, 0, TRACE_LEVEL_ERROR, 7, 3, 0x1);
    CHECK(c, desc.Id == 5 && desc.Version == 2 && desc.Channel == 0 &&
                 desc.Level == TRACE_LEVEL_ERROR && desc.Task == 7 && desc.Opcode == 3 &&
                 desc.Keyword == 0x1);
    CHECK(c, EtwEventEnabled(Provider, &desc));
    EventDescZero(&desc);
    CHECK(c, desc.Id == 0 && desc.Level == 0 && desc.Task == 0 && desc.Keyword == 0);
    CHECK(c, EtwEventEnabled(Provider, &desc));
}

static VOID EtwTestTraits(VOID)
{
    /* USHORT size, the name, NUL (no traits after it). */
    static const UCHAR traits[] = {2 + 22, 0,   'D', 'r', 'v', 'h', 'o', 's', 't', '-', 'T', 'e',
                                   's',    't', '-', 'P', 'r', 'o', 'v', 'i', 'd', 'e', 'r', 0};
    EtwSetInformation(Provider, EventProviderSetTraits, (PVOID)traits, sizeof(traits));
}

static NTSTATUS EtwTestComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static NTSTATUS EtwTestOpenClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return EtwTestComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS EtwTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG out = sp->Parameters.DeviceIoControl.OutputBufferLength;
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_ETW_WRITE:
        EtwTestWrite();
        return EtwTestComplete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_ETW_STATE:
        if (out < sizeof(ETWTEST_STATE))
            return EtwTestComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        EtwTestState(buf);
        return EtwTestComplete(Irp, STATUS_SUCCESS, sizeof(ETWTEST_STATE));
    case IOCTL_ETW_ACTIVITY:
    case IOCTL_ETW_ERRORS:
        if (out < sizeof(ETWTEST_CHECKS))
            return EtwTestComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_ETW_ACTIVITY)
            EtwTestActivity(buf);
        else
            EtwTestErrors(buf);
        return EtwTestComplete(Irp, STATUS_SUCCESS, sizeof(ETWTEST_CHECKS));
    case IOCTL_ETW_TRAITS:
        EtwTestTraits();
        return EtwTestComplete(Irp, STATUS_SUCCESS, 0);
    case IOCTL_ETW_FORGET:
        Forget = TRUE;
        return EtwTestComplete(Irp, STATUS_SUCCESS, 0);
    default:
        return EtwTestComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

static VOID EtwTestUnload(PDRIVER_OBJECT Driver)
{
    if (!Forget)
        EtwUnregister(Provider);
    IoDeleteDevice(Driver->DeviceObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT Driver, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\EtwTest");
    PDEVICE_OBJECT device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(Driver, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    if (!NT_SUCCESS(status))
        return status;
    status = EtwRegister(&ProviderGuid, EtwTestEnable, &ContextCookie, &Provider);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(device);
        return status;
    }
    Driver->DriverUnload = EtwTestUnload;
    Driver->MajorFunction[IRP_MJ_CREATE] = EtwTestOpenClose;
    Driver->MajorFunction[IRP_MJ_CLOSE] = EtwTestOpenClose;
    Driver->MajorFunction[IRP_MJ_DEVICE_CONTROL] = EtwTestControl;
    return STATUS_SUCCESS;
}
