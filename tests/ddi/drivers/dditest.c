/*
 * dditest.c - a driver exercising common DDIs from driver code: MmGetSystemRoutineAddress,
 * the error log, IoWMIRegistrationControl and the IRP_MJ_SYSTEM_CONTROL requests WMI sends,
 * and the string/arithmetic helpers. Written against the WDK documentation only; each check's
 * expected value is Windows' documented behaviour.
 */
#include <ntddk.h>

#include "dditest.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "dditest: line %d: %s\n",          \
                       __LINE__, #cond);                                                           \
            return DDITEST_FAILED(__LINE__);                                                       \
        }                                                                                          \
    } while (0)

/* The WDK's ntddk.h does not declare ZwQuerySystemInformation; drivers commonly declare it and
 * its class enumeration themselves, as here. That must keep compiling against drvhost. */
typedef enum _SYSTEM_INFORMATION_CLASS {
    SystemBasicInformation = 0
} SYSTEM_INFORMATION_CLASS;
NTSYSAPI NTSTATUS NTAPI ZwQuerySystemInformation(SYSTEM_INFORMATION_CLASS SystemInformationClass,
                                                 PVOID SystemInformation,
                                                 ULONG SystemInformationLength,
                                                 PULONG ReturnLength);

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD DdiTestUnload;
DRIVER_DISPATCH DdiTestCreateClose, DdiTestControl, DdiTestSystemControl;

static PDEVICE_OBJECT g_Device;
static KEVENT g_WmiEvent;
static DDITEST_WMI_RECORD g_Wmi;
static ULONG g_WmiMode;
static BOOLEAN g_TooSmallSent;
static volatile LONG g_Inside; /* a WMI request is in DdiTestSystemControl */

static NTSTATUS Complete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

static PVOID Routine(PCWSTR Name)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, Name);
    return MmGetSystemRoutineAddress(&u);
}

typedef VOID(NTAPI *PINIT_UNICODE_STRING)(PUNICODE_STRING, PCWSTR);
typedef size_t (*PWCSLEN)(const wchar_t *);

static NTSTATUS CheckSystemRoutines(void)
{
    PINIT_UNICODE_STRING init = (PINIT_UNICODE_STRING)Routine(L"RtlInitUnicodeString");
    PWCSLEN len = (PWCSLEN)Routine(L"wcslen");
    UNICODE_STRING u;
    CHECK(Routine(L"IofCompleteRequest") == (PVOID)IofCompleteRequest);
    CHECK(Routine(L"KeSetEvent") == (PVOID)KeSetEvent);
    CHECK(Routine(L"MmGetSystemRoutineAddress") == (PVOID)MmGetSystemRoutineAddress);
    CHECK(Routine(L"IoFileObjectType") == (PVOID)&IoFileObjectType); /* exported variables */
    CHECK(init != NULL);
    init(&u, L"abc");
    CHECK(u.Length == 6 && u.MaximumLength == 8);
    CHECK(len != NULL && len(L"four") == 4); /* the kernel CRT, 16-bit wchar_t */
    CHECK(Routine(L"memcpy") != NULL);
    /* Names that are not exported routines: NULL. */
    CHECK(Routine(L"NoSuchRoutineAnywhere") == NULL);
    CHECK(Routine(L"iofcompleterequest") == NULL); /* export names are case-sensitive */
    CHECK(Routine(L"IoStartPacket") == NULL);      /* declared, not provided */
    CHECK(Routine(L"printf") == NULL);             /* host C library: not the kernel's */
    CHECK(Routine(L"malloc") == NULL);
    CHECK(Routine(L"drvhost_init") == NULL); /* the host API is not a kernel routine */
    CHECK(Routine(L"") == NULL);
    CHECK(Routine(L"IofCompleteRequest\x00e9") == NULL);
    return STATUS_SUCCESS;
}

static NTSTATUS CheckErrorLogLimits(PDEVICE_OBJECT Device)
{
    PVOID e;
    CHECK(ERROR_LOG_MAXIMUM_SIZE == 240 && sizeof(IO_ERROR_LOG_PACKET) == 48);
    e = IoAllocateErrorLogEntry(Device, ERROR_LOG_MAXIMUM_SIZE);
    CHECK(e != NULL);
    CHECK(RtlCompareMemory(e, "\0\0\0\0\0\0\0\0", 8) == 8); /* zeroed */
    IoFreeErrorLogEntry(e);
    CHECK(IoAllocateErrorLogEntry(Device, ERROR_LOG_MAXIMUM_SIZE + 1) == NULL);
    CHECK(IoAllocateErrorLogEntry(Device, 255) == NULL);
    e = IoAllocateErrorLogEntry(Device->DriverObject, sizeof(IO_ERROR_LOG_PACKET));
    CHECK(e != NULL);
    IoFreeErrorLogEntry(e);
    e = IoAllocateErrorLogEntry(Device, sizeof(IO_ERROR_LOG_PACKET));
    CHECK(e != NULL);
    {
        KIRQL old;
        KeRaiseIrql(DISPATCH_LEVEL, &old); /* all three are callable at DISPATCH_LEVEL */
        IoFreeErrorLogEntry(e);
        e = IoAllocateErrorLogEntry(Device, sizeof(IO_ERROR_LOG_PACKET));
        if (e != NULL)
            IoWriteErrorLogEntry(e);
        KeLowerIrql(old);
    }
    CHECK(e != NULL);
    return STATUS_SUCCESS;
}

static NTSTATUS WriteErrorLog(PDEVICE_OBJECT Device, BOOLEAN Twice)
{
    static const WCHAR str[] = L"disk0";
    UCHAR size = (UCHAR)(sizeof(IO_ERROR_LOG_PACKET) + sizeof(ULONG) + sizeof(str));
    PIO_ERROR_LOG_PACKET p = IoAllocateErrorLogEntry(Device, size);
    CHECK(p != NULL);
    p->ErrorCode = (NTSTATUS)0xC0040001L;
    p->FinalStatus = STATUS_DEVICE_NOT_READY;
    p->UniqueErrorValue = 0x1234;
    p->MajorFunctionCode = IRP_MJ_DEVICE_CONTROL;
    p->DumpDataSize = 2 * sizeof(ULONG);
    p->DumpData[0] = 0xAABBCCDD;
    p->DumpData[1] = 0x11223344;
    p->NumberOfStrings = 1;
    p->StringOffset = (USHORT)(sizeof(IO_ERROR_LOG_PACKET) + sizeof(ULONG));
    RtlCopyMemory((PUCHAR)p + p->StringOffset, str, sizeof(str));
    IoWriteErrorLogEntry(p);
    if (Twice)
        IoWriteErrorLogEntry(p); /* already written (and freed): a driver bug */
    return STATUS_SUCCESS;
}

static NTSTATUS CheckMisc(void)
{
    WCHAR wbuf[4];
    CHAR abuf[3];
    UNICODE_STRING u;
    ANSI_STRING a;
    RtlInitEmptyUnicodeString(&u, wbuf, sizeof(wbuf));
    CHECK(u.Length == 0 && u.MaximumLength == sizeof(wbuf) && u.Buffer == wbuf);
    RtlInitEmptyAnsiString(&a, abuf, sizeof(abuf));
    CHECK(a.Length == 0 && a.MaximumLength == 3 && a.Buffer == abuf);
    CHECK(NT_SUCCESS(RtlAppendUnicodeToString(&u, L"ab")) && u.Length == 4);
    CHECK(RtlUpperChar('q') == 'Q' && RtlUpperChar('Q') == 'Q' && RtlUpperChar('5') == '5');
    CHECK(RtlUpcaseUnicodeChar(L'z') == L'Z' && RtlDowncaseUnicodeChar(L'Z') == L'z');
    CHECK(Int32x32To64(-3, 0x7FFFFFFF) == -0x17FFFFFFDLL);
    CHECK(UInt32x32To64(0xFFFFFFFFu, 0xFFFFFFFFu) == 0xFFFFFFFE00000001ULL);
    {
        ULONG64 info[8];
        ULONG length = 0;
        CHECK(ZwQuerySystemInformation(SystemBasicInformation, info, sizeof(info), &length) ==
              STATUS_SUCCESS);
        CHECK(length == 64 && ((CCHAR *)info)[56] >= 1); /* NumberOfProcessors */
    }
    return STATUS_SUCCESS;
}

/* WMI's requests: recorded, answered as g_WmiMode says, and signalled to IOCTL_D_WMI_WAIT. */
NTSTATUS DdiTestSystemControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS status = STATUS_SUCCESS;
    ULONG_PTR info = 8;
    ULONG i;
    InterlockedExchange(&g_Inside, 1);
    i = g_Wmi.Count++;
    if (i == 0)
        g_Wmi.AllFromProvider = TRUE;
    if (sp->Parameters.WMI.ProviderId != (ULONG_PTR)DeviceObject)
        g_Wmi.AllFromProvider = FALSE;
    if (KeGetCurrentIrql() > g_Wmi.MaxIrql)
        g_Wmi.MaxIrql = KeGetCurrentIrql();
    if (i < DDITEST_WMI_HISTORY) {
        g_Wmi.Minor[i] = sp->MinorFunction;
        g_Wmi.DataPath[i] = (ULONG_PTR)sp->Parameters.WMI.DataPath;
        g_Wmi.BufferSize[i] = sp->Parameters.WMI.BufferSize;
    }
    if (g_WmiMode == DDITEST_WMI_REJECT_EX && sp->MinorFunction == IRP_MN_REGINFO_EX) {
        status = STATUS_INVALID_DEVICE_REQUEST, info = 0;
    } else if (g_WmiMode == DDITEST_WMI_TOO_SMALL && !g_TooSmallSent) {
        g_TooSmallSent = TRUE;
        *(PULONG)sp->Parameters.WMI.Buffer = 8192; /* the size WMI must retry with */
        status = STATUS_BUFFER_TOO_SMALL, info = sizeof(ULONG);
    } else {
        RtlZeroMemory(sp->Parameters.WMI.Buffer, 8); /* a (minimal) WMIREGINFO */
    }
    if (g_WmiMode == DDITEST_WMI_SELF_DEREG)
        g_Wmi.SelfStatus = IoWMIRegistrationControl(DeviceObject, WMIREG_ACTION_DEREGISTER);
    KeSetEvent(&g_WmiEvent, IO_NO_INCREMENT, FALSE);
    if (g_WmiMode == DDITEST_WMI_SLOW) {
        LARGE_INTEGER delay;
        delay.QuadPart = -3000000LL; /* 300 ms */
        KeDelayExecutionThread(KernelMode, FALSE, &delay);
    }
    InterlockedExchange(&g_Inside, 0);
    return Complete(Irp, status, info);
}

static NTSTATUS WmiWait(PIRP Irp, ULONG in)
{
    DDITEST_WMI_WAIT w = {1, 5000};
    LARGE_INTEGER timeout;
    if (in >= sizeof(w))
        RtlCopyMemory(&w, Irp->AssociatedIrp.SystemBuffer, sizeof(w));
    timeout.QuadPart = -10000LL * w.TimeoutMs;
    while (g_Wmi.Count < w.Count)
        if (KeWaitForSingleObject(&g_WmiEvent, Executive, KernelMode, FALSE, &timeout) !=
            STATUS_SUCCESS)
            return Complete(Irp, STATUS_IO_TIMEOUT, 0);
    RtlCopyMemory(Irp->AssociatedIrp.SystemBuffer, &g_Wmi, sizeof(g_Wmi));
    return Complete(Irp, STATUS_SUCCESS, sizeof(g_Wmi));
}

static NTSTATUS Control(PDEVICE_OBJECT DeviceObject, PIRP Irp, ULONG code, ULONG in, ULONG out)
{
    PVOID buf = Irp->AssociatedIrp.SystemBuffer;
    KIRQL old;
    switch (code) {
    case IOCTL_D_SYSTEM_ROUTINES:
        return Complete(Irp, CheckSystemRoutines(), 0);
    case IOCTL_D_ERRLOG_LIMITS:
        return Complete(Irp, CheckErrorLogLimits(DeviceObject), 0);
    case IOCTL_D_ERRLOG_WRITE:
        return Complete(Irp, WriteErrorLog(DeviceObject, FALSE), 0);
    case IOCTL_D_ERRLOG_TWICE:
        return Complete(Irp, WriteErrorLog(DeviceObject, TRUE), 0);
    case IOCTL_D_ERRLOG_HIGH:
        KeRaiseIrql(HIGH_LEVEL, &old);
        IoAllocateErrorLogEntry(DeviceObject, sizeof(IO_ERROR_LOG_PACKET));
        KeLowerIrql(old);
        return Complete(Irp, STATUS_UNSUCCESSFUL, 0);
    case IOCTL_D_MISC:
        return Complete(Irp, CheckMisc(), 0);
    case IOCTL_D_ERRLOG_FORGET:
        return Complete(Irp,
                        IoAllocateErrorLogEntry(DeviceObject, sizeof(IO_ERROR_LOG_PACKET)) != NULL
                            ? STATUS_SUCCESS
                            : STATUS_INSUFFICIENT_RESOURCES,
                        0);
    case IOCTL_D_WMI_CONTROL: {
        DDITEST_WMI_CONTROL c;
        if (in < sizeof(ULONG) || out < sizeof(c))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        c.Status = IoWMIRegistrationControl(DeviceObject, *(PULONG)buf);
        c.InsideAfter = g_Inside;
        RtlCopyMemory(buf, &c, sizeof(c));
        return Complete(Irp, STATUS_SUCCESS, sizeof(c));
    }
    case IOCTL_D_WMI_WAIT:
        if (out < sizeof(DDITEST_WMI_RECORD))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        return WmiWait(Irp, in);
    case IOCTL_D_WMI_MODE:
        if (in < sizeof(ULONG))
            return Complete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
        g_WmiMode = *(PULONG)buf;
        return Complete(Irp, STATUS_SUCCESS, 0);
    default:
        return Complete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

NTSTATUS DdiTestControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    return Control(DeviceObject, Irp, sp->Parameters.DeviceIoControl.IoControlCode,
                   sp->Parameters.DeviceIoControl.InputBufferLength,
                   sp->Parameters.DeviceIoControl.OutputBufferLength);
}

NTSTATUS DdiTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return Complete(Irp, STATUS_SUCCESS, 0);
}

VOID DdiTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\DdiTest");
    UNREFERENCED_PARAMETER(DriverObject);
    /* No WMIREG_ACTION_DEREGISTER on purpose: test_ddi's last WMI test checks that a
     * registration left behind is released at shutdown. */
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\DdiTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\??\\DdiTest");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&g_WmiEvent, SynchronizationEvent, FALSE);
    g_Wmi.SelfStatus = (LONG)0xE0001234; /* not a status IoWMIRegistrationControl returns */
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    g_Device->Flags |= DO_BUFFERED_IO;
    DriverObject->MajorFunction[IRP_MJ_CREATE] = DdiTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = DdiTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = DdiTestControl;
    DriverObject->MajorFunction[IRP_MJ_SYSTEM_CONTROL] = DdiTestSystemControl;
    DriverObject->DriverUnload = DdiTestUnload;
    return STATUS_SUCCESS;
}
