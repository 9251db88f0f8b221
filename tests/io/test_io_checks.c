/*
 * test_io_checks.c - I/O Verification's checks that docs/io.md lists, each provoked on purpose,
 * with the parameters the bug-check page of 0xC9 DRIVER_VERIFIER_IOMANAGER_VIOLATION defines:
 *
 *   0x06  IoCompleteRequest with STATUS_PENDING (or -1)   IRP status, IRP, 0
 *   0x07  IoCompleteRequest with a cancel routine set     cancel routine, IRP, 0
 *   0x0E  IoCompleteRequest above DISPATCH_LEVEL          current IRQL, IRP, 0
 *   0x201 IoDeleteDevice on a device still attached       caller's address, IRP (0), device
 *   0x202 IoDetachDevice with nothing attached            caller's address, IRP (0), device
 *   0x240 IoDeleteDevice twice                            caller's address, IRP (0), device
 *
 * (For the 0x2xx errors the page gives parameter 2 as the address in the driver's code where the
 * error was detected; it is not pinned here, the test does not know its own return address.)
 * The object manager's not-an-object check (0xC4 / 0x101) is here too. The test calls the DDIs
 * itself, on device objects it creates for iotest.sys's driver object.
 */
#include <wdm.h>

#include "harness.h"

static PIRP new_irp(void)
{
    PIRP irp = IoAllocateIrp(1, FALSE);
    ok(irp != NULL, "IoAllocateIrp failed\n");
    return irp;
}

TEST(completing_with_status_pending_is_0xC9_0x06)
{
    PIRP irp = new_irp();
    irp->IoStatus.Status = STATUS_PENDING;
    expect_bugcheck_params(0xC9, BUGCHECK_PALL, 0x06, (ULONG)STATUS_PENDING, irp, 0);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

TEST(completing_with_status_minus_one_is_0xC9_0x06)
{
    PIRP irp = new_irp();
    irp->IoStatus.Status = -1;
    expect_bugcheck_params(0xC9, BUGCHECK_PALL, 0x06, 0xFFFFFFFFu, irp, 0);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

static VOID NTAPI CancelRoutine(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    (void)DeviceObject;
    (void)Irp;
    ok(0, "the cancel routine ran\n");
}

TEST(completing_with_a_cancel_routine_set_is_0xC9_0x07)
{
    PIRP irp = new_irp();
    irp->IoStatus.Status = STATUS_SUCCESS;
    IoSetCancelRoutine(irp, CancelRoutine);
    expect_bugcheck_params(0xC9, BUGCHECK_PALL, 0x07, CancelRoutine, irp, 0);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

TEST(completing_above_dispatch_level_is_0xC9_0x0E)
{
    KIRQL old;
    PIRP irp = new_irp();
    irp->IoStatus.Status = STATUS_SUCCESS;
    KeRaiseIrql(HIGH_LEVEL, &old);
    expect_bugcheck_params(0xC9, BUGCHECK_PALL, 0x0E, HIGH_LEVEL, irp, 0);
    IoCompleteRequest(irp, IO_NO_INCREMENT);
}

/* ---- device objects --------------------------------------------------------------------- */

/* Loads iotest.sys and returns its driver object (through a file object on its lower device,
 * which *file keeps referenced). */
static PDRIVER_OBJECT iotest_driver(PFILE_OBJECT *file)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoTestLower");
    PDEVICE_OBJECT device = NULL;
    ok_status(drvhost_service_add("iotest", harness_driver_path("iotest")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("iotest"), STATUS_SUCCESS);
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, file, &device), STATUS_SUCCESS);
    return device != NULL ? device->DriverObject : NULL;
}

static PDEVICE_OBJECT new_device(PDRIVER_OBJECT driver, PCWSTR name)
{
    UNICODE_STRING u;
    PDEVICE_OBJECT device = NULL;
    if (name != NULL)
        RtlInitUnicodeString(&u, name);
    ok_status(IoCreateDevice(driver, 0, name != NULL ? &u : NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
                             &device),
              STATUS_SUCCESS);
    if (device != NULL)
        device->Flags &= ~DO_DEVICE_INITIALIZING;
    return device;
}

static void release_iotest(PFILE_OBJECT file)
{
    ObDereferenceObject(file);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}

TEST(deleting_a_device_still_attached_is_0xC9_0x201)
{
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    PDEVICE_OBJECT lower = new_device(driver, NULL), upper = new_device(driver, NULL);
    ok(IoAttachDeviceToDeviceStack(upper, lower) == lower, "attach\n");
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x201, 0, 0, upper);
    IoDeleteDevice(upper);
}

/* The control: detached first, both deletions are fine, and so is detaching and deleting in
 * the order the documentation gives. */
TEST(deleting_a_device_after_detaching_it_is_fine)
{
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    PDEVICE_OBJECT lower = new_device(driver, NULL), upper = new_device(driver, NULL);
    ok(IoAttachDeviceToDeviceStack(upper, lower) == lower, "attach\n");
    ok(lower->AttachedDevice == upper, "AttachedDevice %p, expected %p\n",
       (void *)lower->AttachedDevice, (void *)upper);
    IoDetachDevice(lower);
    ok(lower->AttachedDevice == NULL, "AttachedDevice %p after IoDetachDevice\n",
       (void *)lower->AttachedDevice);
    IoDeleteDevice(upper);
    IoDeleteDevice(lower);
    release_iotest(file);
}

TEST(detaching_with_nothing_attached_is_0xC9_0x202)
{
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    PDEVICE_OBJECT lower = new_device(driver, NULL), upper = new_device(driver, NULL);
    ok(IoAttachDeviceToDeviceStack(upper, lower) == lower, "attach\n");
    IoDetachDevice(lower);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x202, 0, 0, lower);
    IoDetachDevice(lower); /* detached twice */
}

/* The device object is freed by the first IoDeleteDevice (nothing else references it): the
 * check must not depend on what freed memory holds. */
TEST(deleting_a_device_twice_is_0xC9_0x240)
{
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    PDEVICE_OBJECT device = new_device(driver, NULL);
    IoDeleteDevice(device);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x240, 0, 0, device);
    IoDeleteDevice(device);
}

/* A file object keeps the deleted device's memory: the second deletion is still recognised. */
TEST(deleting_an_open_device_twice_is_0xC9_0x240)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoChecksTwice");
    PFILE_OBJECT file = NULL, held = NULL;
    PDEVICE_OBJECT device, got = NULL;
    device = new_device(iotest_driver(&file), L"\\Device\\IoChecksTwice");
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &held, &got), STATUS_SUCCESS);
    ok(got == device, "IoGetDeviceObjectPointer gave %p, expected %p\n", (void *)got,
       (void *)device);
    IoDeleteDevice(device);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x240, 0, 0, device);
    IoDeleteDevice(device);
}

/* Device objects created and deleted in turn: whatever addresses the pool hands out again,
 * deleting a new device object once is never taken for a second deletion. */
TEST(deleting_many_devices_once_each_is_fine)
{
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    int created = 0;
    for (int i = 0; i < 3000; i++) {
        PDEVICE_OBJECT device = new_device(driver, NULL);
        if (device == NULL)
            break;
        created++;
        IoDeleteDevice(device);
    }
    ok(created == 3000, "created %d devices\n", created);
    release_iotest(file);
}

/* ---- objects ---------------------------------------------------------------------------- */

TEST(referencing_what_is_not_an_object_is_0xC4_0x101)
{
    static ULONG_PTR not_an_object[16]; /* zeros: no object header in front of the middle */
    PVOID pointer = &not_an_object[8];
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0x101, pointer, 0, 0);
    ObReferenceObject(pointer);
}

TEST(dereferencing_what_is_not_an_object_is_0xC4_0x101)
{
    static ULONG_PTR not_an_object[16];
    PVOID pointer = &not_an_object[8];
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P2, 0x101, pointer, 0, 0);
    ObDereferenceObject(pointer);
}
