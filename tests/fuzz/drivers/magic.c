/*
 * magic.c - a legacy WDM driver whose one bug only a coverage-guided fuzzer finds: its
 * IOCTL_MAGIC_CHECK handler crashes the system (KeBugCheckEx, MANUALLY_INITIATED_CRASH) when its
 * METHOD_BUFFERED input starts with an 8-byte key, compared one byte at a time. Without coverage
 * feedback from the driver's own code the fuzzer has to guess 64 bits at once; with it (drvcc
 * --fuzz) each further byte that matches is a new edge, kept in the corpus, and the key is
 * found a byte at a time.
 *
 * It also checks that every load starts from a fresh image: a driver's global data is
 * initialised at each load on Windows, so DriverEntry fails if it finds its load counter set.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>

#include "magic.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD MagicUnload;
DRIVER_DISPATCH MagicCreateClose, MagicDeviceControl;

static PDEVICE_OBJECT g_Device;
static ULONG g_Loads;            /* zero in a fresh image */
static volatile ULONG g_Matched; /* the longest part of the key seen */

static NTSTATUS MagicComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS MagicCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return MagicComplete(Irp, STATUS_SUCCESS, 0);
}

/* How many leading bytes of In match the key (MAGIC_KEY), one comparison each: a fuzzer with
 * coverage feedback sees every further byte as a new edge. The volatile stores between the
 * comparisons keep the compiler from merging them into one wide comparison. */
static ULONG MagicMatched(const UCHAR *In)
{
    static const UCHAR key[MAGIC_KEY_LENGTH + 1] = MAGIC_KEY;
    if (In[0] != key[0])
        return 0;
    g_Matched = 1;
    if (In[1] != key[1])
        return 1;
    g_Matched = 2;
    if (In[2] != key[2])
        return 2;
    g_Matched = 3;
    if (In[3] != key[3])
        return 3;
    g_Matched = 4;
    if (In[4] != key[4])
        return 4;
    g_Matched = 5;
    if (In[5] != key[5])
        return 5;
    g_Matched = 6;
    if (In[6] != key[6])
        return 6;
    g_Matched = 7;
    return In[7] != key[7] ? 7 : 8;
}

/* STATUS_BUFFER_TOO_SMALL below 8 bytes, else STATUS_SUCCESS however much of the key leads the
 * input (so what the I/O manager does after the dispatch routine is the same: only the driver's
 * own coverage tells the inputs apart); the bug when all of it does. */
static NTSTATUS MagicCheck(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG matched;
    if (inLen < MAGIC_KEY_LENGTH)
        return MagicComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    matched = MagicMatched(Irp->AssociatedIrp.SystemBuffer);
    if (matched == MAGIC_KEY_LENGTH) /* THE BUG */
        KeBugCheckEx(MAGIC_BUGCHECK, matched, inLen, 0, 0);
    return MagicComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS MagicDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    if (sp->Parameters.DeviceIoControl.IoControlCode == IOCTL_MAGIC_CHECK)
        return MagicCheck(Irp, sp);
    return MagicComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
}

VOID MagicUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;
    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&link, L"\\DosDevices\\Magic");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    if (g_Loads++ != 0)
        return STATUS_UNSUCCESSFUL; /* the global data of an earlier load */
    RtlInitUnicodeString(&name, L"\\Device\\Magic");
    RtlInitUnicodeString(&link, L"\\DosDevices\\Magic");
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                            FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    g_Device->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = MagicCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = MagicCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = MagicDeviceControl;
    DriverObject->DriverUnload = MagicUnload;
    return STATUS_SUCCESS;
}
