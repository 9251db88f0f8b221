/*
 * planted.c - a legacy WDM driver with planted bugs for the ioctl fuzzer to find: its
 * IOCTL_PLANTED_FILL handler overruns its METHOD_BUFFERED output buffer (SystemBuffer) by 16
 * bytes for exactly one input length (13). Everything else it does is correct, so the fuzzer
 * has to find that one length (tests/fuzz/planted.scn).
 *
 * The second bug only a coverage-guided fuzzer finds: IOCTL_PLANTED_KEY crashes the system
 * (KeBugCheckEx, MANUALLY_INITIATED_CRASH) when its input starts with an 8-byte key, compared
 * one byte at a time. Without coverage feedback from the driver's own code the fuzzer has to
 * guess 64 bits at once; with it (drvcc --fuzz) each further byte that matches is a new edge
 * (tests/fuzz/planted_key.scn, check_coverage.sh). DriverEntry also checks that every load
 * starts from a fresh image: a driver's global data is initialised at each load on Windows.
 *
 * Written against the WDK documentation only; it builds unchanged with the real WDK.
 */
#include <ntddk.h>

#include "planted.h"

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PlantedUnload;
DRIVER_DISPATCH PlantedCreateClose, PlantedDeviceControl;

static PDEVICE_OBJECT g_Device;
static ULONG g_Loads;            /* zero in a fresh image */
static volatile ULONG g_Matched; /* the longest part of the key seen */
static PCHAR g_Name;             /* PLANTED_NAME_MAX bytes of pool, DriverEntry to DriverUnload */

#define PLANTED_TAG 'tnlP'

static NTSTATUS PlantedComplete(PIRP Irp, NTSTATUS Status, ULONG_PTR Information)
{
    Irp->IoStatus.Status = Status;
    Irp->IoStatus.Information = Information;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}

NTSTATUS PlantedCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    return PlantedComplete(Irp, STATUS_SUCCESS, 0);
}

static NTSTATUS PlantedFill(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG outLen = Sp->Parameters.DeviceIoControl.OutputBufferLength;
    ULONG n = outLen;
    if (outLen == 0)
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    if (inLen == PLANTED_BAD_INPUT)
        n = outLen + 16; /* THE PLANTED BUG: writes past the end of SystemBuffer */
    RtlFillMemory(Irp->AssociatedIrp.SystemBuffer, n, 0xAB);
    return PlantedComplete(Irp, STATUS_SUCCESS, outLen);
}

static NTSTATUS PlantedSum(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    PUCHAR in = Irp->AssociatedIrp.SystemBuffer;
    ULONG sum = 0;
    if (Sp->Parameters.DeviceIoControl.OutputBufferLength < sizeof(ULONG))
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    for (ULONG i = 0; i < inLen; i++)
        sum += in[i];
    *(PULONG)Irp->AssociatedIrp.SystemBuffer = sum;
    return PlantedComplete(Irp, STATUS_SUCCESS, sizeof(ULONG));
}

/* How many leading bytes of In match the key (PLANTED_KEY), one comparison each: a fuzzer with
 * coverage feedback sees every further byte as a new edge. The volatile stores between the
 * comparisons keep the compiler from merging them into one wide comparison. */
static ULONG PlantedKeyMatched(const UCHAR *In)
{
    static const UCHAR key[PLANTED_KEY_LENGTH + 1] = PLANTED_KEY;
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
static NTSTATUS PlantedKey(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG matched;
    if (inLen < PLANTED_KEY_LENGTH)
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    matched = PlantedKeyMatched(Irp->AssociatedIrp.SystemBuffer);
    if (matched == PLANTED_KEY_LENGTH) /* THE BUG */
        KeBugCheckEx(PLANTED_KEY_BUGCHECK, matched, inLen, 0, 0);
    return PlantedComplete(Irp, STATUS_SUCCESS, 0);
}

/* The same bug behind one 64-bit comparison: without coverage of the driver nothing tells the
 * fuzzer it came closer; with it, the comparison's operands are a hint it can copy into an
 * input, if the table of recent comparisons still holds them (docs/fuzzing.md). */
static NTSTATUS PlantedKey64(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    ULONG64 value;
    if (inLen < sizeof(value))
        return PlantedComplete(Irp, STATUS_BUFFER_TOO_SMALL, 0);
    RtlCopyMemory(&value, Irp->AssociatedIrp.SystemBuffer, sizeof(value));
    if (value == PLANTED_KEY64) /* THE BUG */
        KeBugCheckEx(PLANTED_KEY_BUGCHECK, sizeof(value), inLen, 64, 0);
    return PlantedComplete(Irp, STATUS_SUCCESS, 0);
}

/* Keeps the input as the device's name. The bound check lets an input of PLANTED_NAME_MAX
 * bytes through, and its terminator then lands one byte past g_Name (THE BUG). Runs at
 * PASSIVE_LEVEL in the caller's thread; the fuzzer sends one request at a time. */
static NTSTATUS PlantedName(PIRP Irp, PIO_STACK_LOCATION Sp)
{
    ULONG inLen = Sp->Parameters.DeviceIoControl.InputBufferLength;
    if (inLen > PLANTED_NAME_MAX)
        return PlantedComplete(Irp, STATUS_INVALID_PARAMETER, 0);
    RtlCopyMemory(g_Name, Irp->AssociatedIrp.SystemBuffer, inLen);
    g_Name[inLen] = '\0';
    return PlantedComplete(Irp, STATUS_SUCCESS, 0);
}

NTSTATUS PlantedDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    UNREFERENCED_PARAMETER(DeviceObject);
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_PLANTED_FILL:
        return PlantedFill(Irp, sp);
    case IOCTL_PLANTED_SUM:
        return PlantedSum(Irp, sp);
    case IOCTL_PLANTED_KEY:
        return PlantedKey(Irp, sp);
    case IOCTL_PLANTED_KEY64:
        return PlantedKey64(Irp, sp);
    case IOCTL_PLANTED_NAME:
        return PlantedName(Irp, sp);
    default:
        return PlantedComplete(Irp, STATUS_INVALID_DEVICE_REQUEST, 0);
    }
}

VOID PlantedUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link;
    UNREFERENCED_PARAMETER(DriverObject);
    RtlInitUnicodeString(&link, L"\\DosDevices\\Planted");
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
    ExFreePoolWithTag(g_Name, PLANTED_TAG);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name, link;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    if (g_Loads++ != 0)
        return STATUS_UNSUCCESSFUL; /* the global data of an earlier load */
    g_Name = ExAllocatePool2(POOL_FLAG_NON_PAGED, PLANTED_NAME_MAX, PLANTED_TAG);
    if (g_Name == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    RtlInitUnicodeString(&name, L"\\Device\\Planted");
    RtlInitUnicodeString(&link, L"\\DosDevices\\Planted");
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                            FALSE, &g_Device);
    if (!NT_SUCCESS(status)) {
        ExFreePoolWithTag(g_Name, PLANTED_TAG);
        return status;
    }
    g_Device->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        ExFreePoolWithTag(g_Name, PLANTED_TAG);
        return status;
    }
    DriverObject->MajorFunction[IRP_MJ_CREATE] = PlantedCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = PlantedCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = PlantedDeviceControl;
    DriverObject->DriverUnload = PlantedUnload;
    return STATUS_SUCCESS;
}
