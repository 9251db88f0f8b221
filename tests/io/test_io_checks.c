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

#include <stdlib.h>
#include <string.h>

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
    /* FILE_OBJECT: Type is 5 (IO_TYPE_FILE) for a file object, Size its size (documented). */
    ok(*file != NULL && (*file)->Type == IO_TYPE_FILE && (*file)->Size == sizeof(FILE_OBJECT),
       "file object type %d size %d\n", *file ? (*file)->Type : -1, *file ? (*file)->Size : -1);
    /* wdm.h's Type and Size headers: IO_TYPE_DEVICE / IO_TYPE_DRIVER and the driver object's
     * size, as the I/O manager sets them. */
    ok(device != NULL && device->Type == IO_TYPE_DEVICE, "device object type %d\n",
       device ? device->Type : -1);
    ok(device != NULL && device->DriverObject->Type == IO_TYPE_DRIVER &&
           device->DriverObject->Size == sizeof(DRIVER_OBJECT),
       "driver object type %d size %d\n", device ? device->DriverObject->Type : -1,
       device ? device->DriverObject->Size : -1);
    return device != NULL ? device->DriverObject : NULL;
}

static PDEVICE_OBJECT new_device(PDRIVER_OBJECT driver, PCWSTR name)
{
    UNICODE_STRING u;
    PDEVICE_OBJECT device = NULL;
    if (name != NULL)
        RtlInitUnicodeString(&u, name);
    ok_status(
        IoCreateDevice(driver, 0, name != NULL ? &u : NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device),
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

/* Two new devices of iotest.sys's driver, upper attached over lower. */
static void stack_of_two(PFILE_OBJECT *file, PDEVICE_OBJECT *lower, PDEVICE_OBJECT *upper)
{
    PDRIVER_OBJECT driver = iotest_driver(file);
    *lower = new_device(driver, NULL);
    *upper = new_device(driver, NULL);
    ok(IoAttachDeviceToDeviceStack(*upper, *lower) == *lower, "attach\n");
}

TEST(deleting_a_device_still_attached_is_0xC9_0x201)
{
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT lower, upper;
    stack_of_two(&file, &lower, &upper);
    expect_bugcheck_params(0xC9, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x201, 0, 0, upper);
    IoDeleteDevice(upper);
}

/* The control: detached first, both deletions are fine, and so is detaching and deleting in
 * the order the documentation gives. */
TEST(deleting_a_device_after_detaching_it_is_fine)
{
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT lower, upper;
    stack_of_two(&file, &lower, &upper);
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
    PDEVICE_OBJECT lower, upper;
    stack_of_two(&file, &lower, &upper);
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

/* ---- device initialisation ---------------------------------------------------------------- */

/* The I/O manager clears DO_DEVICE_INITIALIZING on the devices created during DriverEntry
 * (iotest.sys does not clear it itself). */
TEST(devices_created_in_driver_entry_are_initialised)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoTestUpper");
    PFILE_OBJECT file = NULL, upper_file = NULL;
    PDEVICE_OBJECT upper = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    ok(driver != NULL, "no driver object\n");
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &upper_file, &upper), STATUS_SUCCESS);
    for (PDEVICE_OBJECT d = driver != NULL ? driver->DeviceObject : NULL; d; d = d->NextDevice)
        ok(!(d->Flags & DO_DEVICE_INITIALIZING), "device %p still initialising\n", (void *)d);
    if (upper_file != NULL)
        ObDereferenceObject(upper_file);
    release_iotest(file);
}

/* Opening a device that is still DO_DEVICE_INITIALIZING is STATUS_NO_SUCH_DEVICE; once the
 * driver clears the flag, it opens. */
TEST(opening_an_initialising_device_is_no_such_device)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoChecksInit");
    PFILE_OBJECT file = NULL;
    PDRIVER_OBJECT driver = iotest_driver(&file);
    PDEVICE_OBJECT device = NULL;
    drvhost_file *client = NULL;
    ok_status(IoCreateDevice(driver, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &device),
              STATUS_SUCCESS);
    ok(device != NULL && (device->Flags & DO_DEVICE_INITIALIZING),
       "a new device object is DO_DEVICE_INITIALIZING\n");
    ok_status(drvhost_open("\\Device\\IoChecksInit", GENERIC_READ, &client), STATUS_NO_SUCH_DEVICE);
    ok(client == NULL, "a handle for a failed open\n");
    device->Flags &= ~DO_DEVICE_INITIALIZING;
    ok_status(drvhost_open("\\Device\\IoChecksInit", GENERIC_READ, &client), STATUS_SUCCESS);
    drvhost_close(client);
    IoDeleteDevice(device);
    release_iotest(file);
}

/* ---- completion ----------------------------------------------------------------------------- */

#define IOCTL_T_COMPLETE CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* docs/io.md's deviation: a driver completing with Information larger than the output buffer
 * (iotest.sys's IOCTL_T_COMPLETE gives 7) gets only what fits copied back, with a message naming
 * both sizes; Windows would copy 7 bytes and overrun the caller's buffer. */
TEST(information_larger_than_the_output_buffer_copies_what_fits)
{
    PFILE_OBJECT file = NULL;
    drvhost_file *client = NULL;
    unsigned char out[16];
    drvhost_iosb iosb;
    drvhost_io_desc d = {
        .op = DRVHOST_OP_IOCTL, .code = IOCTL_T_COMPLETE, .output = out, .output_size = 4};
    char *said;
    iotest_driver(&file);
    ok_status(drvhost_open("\\\\.\\IoTest", GENERIC_READ | GENERIC_WRITE, &client), STATUS_SUCCESS);
    memset(out, 0x5A, sizeof(out));
    harness_stderr_begin();
    ok_status(drvhost_io(client, &d, &iosb), STATUS_SUCCESS);
    said = harness_stderr_end();
    ok(iosb.information == 7, "information %llu\n", (unsigned long long)iosb.information);
    for (size_t i = 4; i < sizeof(out); i++)
        ok(out[i] == 0x5A, "byte %zu beyond the 4-byte buffer was written (%02x)\n", i, out[i]);
    ok(said != NULL && strstr(said, "Information 7, larger than the 4-byte output buffer") != NULL,
       "message: %s\n", said != NULL ? said : "(none)");
    free(said);
    drvhost_close(client);
    release_iotest(file);
}

/* ---- IoGetInitialStack ---------------------------------------------------------------------- */

/* The base of the calling thread's stack: above every local of the caller, within a stack's
 * reach of it (drvhost threads have stacks of at most some megabytes). */
TEST(io_get_initial_stack_is_above_the_callers_locals)
{
    volatile int local = 0;
    ULONG_PTR base = (ULONG_PTR)IoGetInitialStack();
    ok(base > (ULONG_PTR)&local, "base %p not above a local at %p", (void *)base, (void *)&local);
    ok(base - (ULONG_PTR)&local < 64u * 1024 * 1024, "base %p is %lu bytes above a local",
       (void *)base, (unsigned long)(base - (ULONG_PTR)&local));
    ok(IoGetInitialStack() == (PVOID)base, "a second call gives the same base");
}

/* IRQL <= APC_LEVEL (IrqlIoApcLte): at DISPATCH_LEVEL, bug check 0xA, parameter 2 the IRQL. */
TEST(io_get_initial_stack_at_dispatch_is_0xA)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0, DISPATCH_LEVEL, 0, 0);
    IoGetInitialStack();
}
