/*
 * device.c - driver and device objects, symbolic links, device stacks.
 *
 * Locking: device stacks (AttachedDevice / attached_to) and a driver's device list are changed
 * under io_stack_lock; Windows uses the I/O database lock the same way.
 */
#include "io/io_private.h"
#include "rtl/rtl.h"
#include "se/se.h"
#include "vf/vf.h"

#include <stdio.h>
#include <string.h>

#define IO_DEVICE_TAG 'veDI'

static os_mutex io_stack_lock = OS_MUTEX_INIT;
static volatile LONG io_autoname_counter;

/* The device objects IoDeleteDevice was called for, so that a second call is recognised as
 * such (0xC9 / 0x240) without reading the object, whose memory may be freed by then. The last
 * IO_DELETED_KEPT deletions are kept (a ring; under io_stack_lock); IoCreateDevice drops an
 * address it hands out again. Deviation: a device deleted more than IO_DELETED_KEPT deletions
 * ago is not recognised. */
#define IO_DELETED_KEPT 1024
static PDEVICE_OBJECT io_deleted[IO_DELETED_KEPT];
static unsigned io_deleted_next;

static BOOLEAN io_deleted_find_locked(PDEVICE_OBJECT dev, BOOLEAN forget)
{
    for (unsigned i = 0; i < IO_DELETED_KEPT; i++)
        if (io_deleted[i] == dev) {
            if (forget)
                io_deleted[i] = NULL;
            return TRUE;
        }
    return FALSE;
}

struct io_device_extension_ {
    CSHORT Type;
    USHORT Size;
    PDEVICE_OBJECT DeviceObject;
};

/* ---- drivers ----------------------------------------------------------------------------- */

static NTSTATUS io_driver_names(struct io_driver *d, const char *service)
{
    char buf[512];
    UNICODE_STRING name;
    NTSTATUS status;
    snprintf(buf, sizeof(buf), "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\%s",
             service);
    status = ob_string_from_utf8(&d->registry_path, buf);
    if (NT_SUCCESS(status))
        status = ob_string_from_utf8(&d->extension.ServiceKeyName, service);
    if (!NT_SUCCESS(status))
        return status;
    snprintf(buf, sizeof(buf), "\\Driver\\%s", service);
    status = ob_string_from_utf8(&name, buf);
    if (!NT_SUCCESS(status))
        return status;
    status = ob_name_insert(d, &name);
    ob_string_free(&name);
    if (NT_SUCCESS(status))
        d->object.DriverName = *ob_name_of(d);
    return status;
}

BOOLEAN io_driver_claim_unload(struct io_driver *driver, BOOLEAN only_if_unreferenced)
{
    if (!__atomic_load_n(&driver->unload_pending, __ATOMIC_ACQUIRE))
        return FALSE;
    if (only_if_unreferenced && io_driver_has_open_files(driver))
        return FALSE;
    return __atomic_exchange_n(&driver->unload_pending, 0, __ATOMIC_ACQ_REL) != 0;
}

static void io_driver_close(void *body)
{
    struct io_driver *d = body;
    ob_string_free(&d->registry_path);
    ob_string_free(&d->extension.ServiceKeyName);
    if (d->release_module != NULL)
        d->release_module(d->module);
}

BOOLEAN io_driver_has_open_files(struct io_driver *driver)
{
    BOOLEAN open = FALSE;
    os_mutex_lock(&io_stack_lock);
    for (PDEVICE_OBJECT dev = driver->object.DeviceObject; dev != NULL && !open;
         dev = dev->NextDevice)
        open = __atomic_load_n(&dev->ReferenceCount, __ATOMIC_ACQUIRE) > 0;
    os_mutex_unlock(&io_stack_lock);
    return open;
}

NTSTATUS io_driver_create(const char *service, struct io_driver **driver)
{
    static struct ob_type *type = &ob_type_driver;
    struct io_driver *d;
    NTSTATUS status;
    type->close = io_driver_close;
    d = ob_create(type, sizeof(*d));
    if (d == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    d->object.Type = IO_TYPE_DRIVER;
    d->object.Size = sizeof(DRIVER_OBJECT);
    d->object.Flags = DRVO_LEGACY_DRIVER;
    d->object.DriverExtension = &d->extension;
    d->extension.DriverObject = &d->object;
    for (int i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
        d->object.MajorFunction[i] = io_invalid_request;
    status = io_driver_names(d, service);
    if (!NT_SUCCESS(status)) {
        ob_name_remove(d);
        ob_dereference(d);
        return status;
    }
    *driver = d;
    return STATUS_SUCCESS;
}

void io_driver_ready_devices(struct io_driver *driver)
{
    os_mutex_lock(&io_stack_lock);
    for (PDEVICE_OBJECT dev = driver->object.DeviceObject; dev != NULL; dev = dev->NextDevice)
        dev->Flags &= ~DO_DEVICE_INITIALIZING;
    os_mutex_unlock(&io_stack_lock);
}

size_t io_driver_report_devices(struct io_driver *driver)
{
    char service[128], name[256];
    size_t n = 0;
    ob_string_to_utf8(&driver->extension.ServiceKeyName, service, sizeof(service));
    for (PDEVICE_OBJECT dev = driver->object.DeviceObject; dev != NULL; dev = dev->NextDevice) {
        PCUNICODE_STRING dev_name = ob_name_of(dev);
        rtl_diag(RTL_DIAG_ERROR, "io",
                 "device leak: driver '%s' unloads with device object %p %s still present", service,
                 (void *)dev,
                 dev_name ? ob_string_to_utf8(dev_name, name, sizeof(name)) : "(unnamed)");
        n++;
    }
    return n;
}

void io_driver_destroy(struct io_driver *driver)
{
    while (driver->object.DeviceObject != NULL)
        IoDeleteDevice(driver->object.DeviceObject);
    ob_name_remove(driver);
    ob_dereference(driver);
}

/* ---- devices ----------------------------------------------------------------------------- */

static void io_device_close(void *body)
{
    struct io_device *d = body;
    if (d->devobj_ext != NULL)
        ex_free(d->devobj_ext);
    se_sd_free(d->security);
    ob_dereference(d->object.DriverObject);
}

static NTSTATUS io_device_autoname(UNICODE_STRING *name)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "\\Device\\%08x",
             (unsigned)__atomic_add_fetch(&io_autoname_counter, 1, __ATOMIC_RELAXED));
    return ob_string_from_utf8(name, buf);
}

static NTSTATUS io_device_name(struct io_device *d, PUNICODE_STRING DeviceName,
                               ULONG characteristics)
{
    UNICODE_STRING autoname = {0};
    NTSTATUS status;
    if (characteristics & FILE_AUTOGENERATED_DEVICE_NAME) {
        status = io_device_autoname(&autoname);
        if (!NT_SUCCESS(status))
            return status;
        DeviceName = &autoname;
    }
    if (DeviceName == NULL)
        return STATUS_SUCCESS;
    status = ob_name_insert(d, DeviceName);
    if (NT_SUCCESS(status))
        d->object.Flags |= DO_DEVICE_HAS_NAME;
    ob_string_free(&autoname);
    return status;
}

static void io_device_init(struct io_device *d, PDRIVER_OBJECT driver, ULONG ext_size,
                           DEVICE_TYPE type, ULONG characteristics, BOOLEAN exclusive)
{
    PDEVICE_OBJECT o = &d->object;
    o->Type = IO_TYPE_DEVICE;
    o->Size = (USHORT)(sizeof(DEVICE_OBJECT) + ext_size);
    o->DriverObject = driver;
    o->Flags = DO_DEVICE_INITIALIZING | (exclusive ? DO_EXCLUSIVE : 0);
    o->Characteristics = characteristics & ~FILE_AUTOGENERATED_DEVICE_NAME;
    o->DeviceExtension = ext_size ? (char *)d + ALIGN_UP_BY(sizeof(*d), 16) : NULL;
    o->DeviceType = type;
    o->StackSize = 1;
    o->AlignmentRequirement = 0; /* FILE_BYTE_ALIGNMENT */
    if (type == FILE_DEVICE_DISK || type == FILE_DEVICE_CD_ROM || type == FILE_DEVICE_VIRTUAL_DISK)
        o->SectorSize = 512;
    KeInitializeEvent(&o->DeviceLock, SynchronizationEvent, TRUE);
    o->DeviceQueue.Type = 20; /* DeviceQueueObject */
    o->DeviceQueue.Size = sizeof(KDEVICE_QUEUE);
    InitializeListHead(&o->DeviceQueue.DeviceListHead);
    o->DeviceObjectExtension = (struct _DEVOBJ_EXTENSION *)d->devobj_ext;
    d->devobj_ext->Type = IO_TYPE_DEVICE_OBJECT_EXTENSION;
    d->devobj_ext->Size = sizeof(*d->devobj_ext);
    d->devobj_ext->DeviceObject = o;
}

NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
                              PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
                              ULONG DeviceCharacteristics, BOOLEAN Exclusive,
                              PDEVICE_OBJECT *DeviceObject)
{
    static struct ob_type *type = &ob_type_device;
    struct io_device *d;
    NTSTATUS status;
    *DeviceObject = NULL;
    type->close = io_device_close;
    d = ob_create(type, ALIGN_UP_BY(sizeof(*d), 16) + DeviceExtensionSize);
    if (d == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    d->object.DriverObject = DriverObject;
    ob_reference(DriverObject); /* released when the device object is freed */
    d->devobj_ext = ex_alloc(sizeof(*d->devobj_ext), IO_DEVICE_TAG);
    if (d->devobj_ext == NULL) {
        ob_dereference(d);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    io_device_init(d, DriverObject, DeviceExtensionSize, DeviceType, DeviceCharacteristics,
                   Exclusive);
    status = io_device_name(d, DeviceName, DeviceCharacteristics);
    if (!NT_SUCCESS(status)) {
        ob_dereference(d);
        return status;
    }
    os_mutex_lock(&io_stack_lock);
    io_deleted_find_locked(&d->object, TRUE); /* the address of a freed device, reused */
    d->object.NextDevice = DriverObject->DeviceObject;
    DriverObject->DeviceObject = &d->object;
    os_mutex_unlock(&io_stack_lock);
    *DeviceObject = &d->object;
    return STATUS_SUCCESS;
}

static void io_unlink_device_locked(PDEVICE_OBJECT dev)
{
    PDEVICE_OBJECT *pp = &dev->DriverObject->DeviceObject;
    while (*pp != NULL && *pp != dev)
        pp = &(*pp)->NextDevice;
    if (*pp == dev)
        *pp = dev->NextDevice;
    dev->NextDevice = NULL;
}

/* I/O Verification's 0x2xx errors: parameter 2 is the address in the driver's code where the
 * error was detected (the caller's return address), 3 the IRP (none here), 4 the device. */
VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
    struct io_device *d = io_device_of(DeviceObject);
    ULONG_PTR caller = (ULONG_PTR)__builtin_return_address(0);
    BOOLEAN deleted;
    os_mutex_lock(&io_stack_lock);
    deleted = io_deleted_find_locked(DeviceObject, FALSE);
    os_mutex_unlock(&io_stack_lock);
    if (deleted)
        vf_io_delete_device_twice(DeviceObject, caller);
    if (d->attached_to != NULL)
        vf_io_delete_attached_device(DeviceObject, d->attached_to, caller);
    io_shutdown_device_deleted(DeviceObject); /* gkmdf: as Windows, for DO_SHUTDOWN_REGISTERED */
    os_mutex_lock(&io_stack_lock);
    io_deleted[io_deleted_next++ % IO_DELETED_KEPT] = DeviceObject;
    d->delete_pending = TRUE;
    io_unlink_device_locked(DeviceObject);
    os_mutex_unlock(&io_stack_lock);
    ob_name_remove(d);
    /* The creation reference goes; open file objects keep the memory until they close. */
    ob_dereference(d);
}

/* ---- symbolic links ---------------------------------------------------------------------- */

NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName)
{
    return ob_link_create(SymbolicLinkName, DeviceName);
}

NTSTATUS NTAPI IoCreateUnprotectedSymbolicLink(PUNICODE_STRING SymbolicLinkName,
                                               PUNICODE_STRING DeviceName)
{
    return ob_link_create(SymbolicLinkName, DeviceName);
}

NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
    return ob_link_delete(SymbolicLinkName);
}

/* ---- device stacks ----------------------------------------------------------------------- */

static PDEVICE_OBJECT io_top_locked(PDEVICE_OBJECT dev)
{
    while (dev->AttachedDevice != NULL)
        dev = dev->AttachedDevice;
    return dev;
}

PDEVICE_OBJECT NTAPI IoGetAttachedDevice(PDEVICE_OBJECT DeviceObject)
{
    PDEVICE_OBJECT top;
    os_mutex_lock(&io_stack_lock);
    top = io_top_locked(DeviceObject);
    os_mutex_unlock(&io_stack_lock);
    return top;
}

PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(PDEVICE_OBJECT DeviceObject)
{
    PDEVICE_OBJECT top;
    os_mutex_lock(&io_stack_lock);
    top = io_top_locked(DeviceObject);
    ob_reference(top);
    os_mutex_unlock(&io_stack_lock);
    return top;
}

/* The client path's look-up of the stack top, on every request. Most devices have nothing
 * attached: one atomic load tells, and the caller's own reference on `device` (its file
 * object's) keeps it alive, so neither io_stack_lock nor the device's reference count (a
 * cache line every thread using the device would write) is touched. With filters attached,
 * the top could be detached and deleted at any moment, so it is looked up and referenced
 * under the lock. An attachment racing with the load may or may not be seen by this request,
 * as on Windows. */
PDEVICE_OBJECT io_request_top(PDEVICE_OBJECT device, BOOLEAN *referenced)
{
    if (__atomic_load_n(&device->AttachedDevice, __ATOMIC_ACQUIRE) == NULL) {
        *referenced = FALSE;
        return device;
    }
    *referenced = TRUE;
    return IoGetAttachedDeviceReference(device);
}

PDEVICE_OBJECT NTAPI IoGetLowerDeviceObject(PDEVICE_OBJECT DeviceObject)
{
    PDEVICE_OBJECT lower;
    os_mutex_lock(&io_stack_lock);
    lower = io_device_of(DeviceObject)->attached_to;
    if (lower != NULL)
        ob_reference(lower);
    os_mutex_unlock(&io_stack_lock);
    return lower;
}

NTSTATUS NTAPI IoAttachDeviceToDeviceStackSafe(PDEVICE_OBJECT SourceDevice,
                                               PDEVICE_OBJECT TargetDevice,
                                               PDEVICE_OBJECT *AttachedToDeviceObject)
{
    PDEVICE_OBJECT top;
    os_mutex_lock(&io_stack_lock);
    top = io_top_locked(TargetDevice);
    if (io_device_of(top)->delete_pending) {
        os_mutex_unlock(&io_stack_lock);
        *AttachedToDeviceObject = NULL;
        return STATUS_NO_SUCH_DEVICE;
    }
    /* Windows sets the out parameter before the stack is visible, so that a completion routine
     * of the new device never sees it unset; we hold the lock, which has the same effect. */
    *AttachedToDeviceObject = top;
    /* Release: io_request_top reads AttachedDevice without the lock. */
    __atomic_store_n(&top->AttachedDevice, SourceDevice, __ATOMIC_RELEASE);
    io_device_of(SourceDevice)->attached_to = top;
    /* The device below stays in memory while something is attached to it, as on Windows: a
     * lower filter deletes its device at REMOVE_DEVICE before the driver above detaches from
     * it (IoDetachDevice drops this reference). */
    ob_reference(top);
    SourceDevice->StackSize = (CCHAR)(top->StackSize + 1);
    SourceDevice->AlignmentRequirement = top->AlignmentRequirement;
    SourceDevice->SectorSize = top->SectorSize;
    os_mutex_unlock(&io_stack_lock);
    return STATUS_SUCCESS;
}

PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice,
                                                 PDEVICE_OBJECT TargetDevice)
{
    PDEVICE_OBJECT lower;
    return NT_SUCCESS(IoAttachDeviceToDeviceStackSafe(SourceDevice, TargetDevice, &lower)) ? lower
                                                                                           : NULL;
}

VOID NTAPI IoDetachDevice(PDEVICE_OBJECT TargetDevice)
{
    PDEVICE_OBJECT upper;
    os_mutex_lock(&io_stack_lock);
    upper = TargetDevice->AttachedDevice;
    if (upper == NULL) {
        os_mutex_unlock(&io_stack_lock);
        vf_io_detach_nothing(TargetDevice, (ULONG_PTR)__builtin_return_address(0));
    }
    __atomic_store_n(&TargetDevice->AttachedDevice, NULL, __ATOMIC_RELEASE);
    io_device_of(upper)->attached_to = NULL;
    os_mutex_unlock(&io_stack_lock);
    ob_dereference(TargetDevice); /* taken by the attach */
}

PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(PFILE_OBJECT FileObject)
{
    return IoGetAttachedDevice(FileObject->DeviceObject);
}

BOOLEAN NTAPI IoIsWdmVersionAvailable(UCHAR MajorVersion, UCHAR MinorVersion)
{
    return MajorVersion < WDM_MAJORVERSION ||
           (MajorVersion == WDM_MAJORVERSION && MinorVersion <= WDM_MINORVERSION);
}

NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName, ACCESS_MASK DesiredAccess,
                                        PFILE_OBJECT *FileObject, PDEVICE_OBJECT *DeviceObject)
{
    struct io_file *file;
    NTSTATUS status = io_open(ObjectName, DesiredAccess, KernelMode, &file);
    if (!NT_SUCCESS(status))
        return status;
    *FileObject = &file->object;
    *DeviceObject = IoGetRelatedDeviceObject(&file->object);
    return STATUS_SUCCESS;
}

/* IoOpenDriverRegistryKey: a subkey of the driver's service key, created (non-volatile, as the
 * page says of these keys) when missing: Parameters (what an INF's service-install AddReg
 * provisions under HKR\Parameters), and for the two state keys, whose place Microsoft does
 * not document (drivers must not depend on it), drvhost's choice: State (as the framework's
 * WdfDriverOpenPersistentStateRegistryKey) and SharedState. Deviation: the Parameters key is
 * not made read-only ("immutable"): the access asked for is granted. */
NTKERNELAPI NTSTATUS NTAPI IoOpenDriverRegistryKey(PDRIVER_OBJECT DriverObject,
                                                   DRIVER_REGKEY_TYPE RegKeyType,
                                                   ACCESS_MASK DesiredAccess, ULONG Flags,
                                                   PHANDLE DriverRegKey)
{
    static const char *const subkeys[] = {"Parameters", "State", "SharedState"};
    char service[256], path[512];
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    NTSTATUS status;
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoOpenDriverRegistryKey", NULL,
                          __builtin_return_address(0));
    if (DriverObject == NULL || DriverRegKey == NULL || Flags != 0 ||
        (ULONG)RegKeyType >= sizeof(subkeys) / sizeof(subkeys[0]))
        return STATUS_INVALID_PARAMETER;
    *DriverRegKey = NULL;
    ob_string_to_utf8(&DriverObject->DriverExtension->ServiceKeyName, service, sizeof(service));
    if (service[0] == 0)
        return STATUS_INVALID_PARAMETER; /* not a driver object of a loaded service */
    snprintf(path, sizeof(path), "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\%s\\%s",
             service, subkeys[RegKeyType]);
    status = ob_string_from_utf8(&name, path);
    if (!NT_SUCCESS(status))
        return status;
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    status = ZwCreateKey(DriverRegKey, DesiredAccess, &oa, 0, NULL, REG_OPTION_NON_VOLATILE, NULL);
    ob_string_free(&name);
    return status;
}
