/*
 * test_zwdevice.c - ZwCreateFile of a device's name (docs/files.md, "Devices"): the device's
 * stack gets IRP_MJ_CREATE and the handle is to that file object, as the I/O manager opens a
 * device for a kernel-mode caller; names that are no device and objects that are not devices
 * fail. Through iotest.sys (\Device\IoTestLower, \Device\IoTestExclusive, \DosDevices\IoTest).
 */
#include <ntddk.h>

#include "harness.h"

static NTSTATUS open_name(PCWSTR name, HANDLE *h, IO_STATUS_BLOCK *iosb)
{
    UNICODE_STRING u;
    OBJECT_ATTRIBUTES oa;
    RtlInitUnicodeString(&u, name);
    InitializeObjectAttributes(&oa, &u, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    *h = NULL;
    iosb->Status = 0x12345678;
    iosb->Information = 0x55;
    return ZwCreateFile(h, GENERIC_READ | SYNCHRONIZE, &oa, iosb, NULL, FILE_ATTRIBUTE_NORMAL,
                        FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_OPEN, FILE_SYNCHRONOUS_IO_NONALERT,
                        NULL, 0);
}

/* The named device's file object (FileObject->DeviceObject is the device named, not the top of
 * its stack), FILE_OPENED in the status block. */
TEST(zwcreatefile_opens_a_device_by_name)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IoTestLower");
    IO_STATUS_BLOCK iosb;
    PFILE_OBJECT fo = NULL, other = NULL;
    PDEVICE_OBJECT top = NULL;
    HANDLE h;
    harness_load_driver("iotest");
    ok_status(open_name(L"\\Device\\IoTestLower", &h, &iosb), STATUS_SUCCESS);
    ok(iosb.Status == STATUS_SUCCESS && iosb.Information == FILE_OPENED, "iosb %#lx %lu",
       (unsigned long)iosb.Status, (unsigned long)iosb.Information);
    ok_status(ObReferenceObjectByHandle(h, 0, *IoFileObjectType, KernelMode, (PVOID *)&fo, NULL),
              STATUS_SUCCESS);
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &other, &top), STATUS_SUCCESS);
    ok(fo != NULL && other != NULL && fo->DeviceObject == other->DeviceObject,
       "not the named device's file object");
    /* Deviation (docs/files.md): Zw I/O works on sandbox files only. */
    {
        UCHAR buf[4];
        ok_status(ZwReadFile(h, NULL, NULL, NULL, &iosb, buf, sizeof(buf), NULL, NULL),
                  STATUS_NOT_SUPPORTED);
    }
    if (fo)
        ObDereferenceObject(fo);
    if (other)
        ObDereferenceObject(other);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}

/* Through a symbolic link in \??, as a device interface's name is. */
TEST(zwcreatefile_opens_a_device_through_a_link)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    harness_load_driver("iotest");
    ok_status(open_name(L"\\??\\IoTest", &h, &iosb), STATUS_SUCCESS);
    ok(iosb.Information == FILE_OPENED, "Information %lu", (unsigned long)iosb.Information);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}

/* The create's failure is the caller's: an exclusive device already open. */
TEST(zwcreatefile_device_failure_is_returned)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h, h2;
    harness_load_driver("iotest");
    ok_status(open_name(L"\\Device\\IoTestExclusive", &h, &iosb), STATUS_SUCCESS);
    ok_status(open_name(L"\\Device\\IoTestExclusive", &h2, &iosb), STATUS_ACCESS_DENIED);
    ok(iosb.Status == STATUS_ACCESS_DENIED && h2 == NULL, "iosb %#lx", (unsigned long)iosb.Status);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}

/* No such device: the sandbox's answer (docs/files.md); an object that is no device:
 * STATUS_OBJECT_TYPE_MISMATCH. */
TEST(zwcreatefile_names_that_are_no_device)
{
    IO_STATUS_BLOCK iosb;
    HANDLE h;
    harness_load_driver("iotest");
    ok_status(open_name(L"\\Device\\NoSuchDevice", &h, &iosb), STATUS_OBJECT_PATH_NOT_FOUND);
    ok_status(open_name(L"\\Driver\\iotest", &h, &iosb), STATUS_OBJECT_TYPE_MISMATCH);
    ok(h == NULL, "a handle for a failed open");
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
}
