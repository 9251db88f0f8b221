/*
 * property.c - a framework device's properties (gkmdf): WdfDeviceQueryProperty and
 * WdfDeviceAllocAndQueryProperty (IoGetDeviceProperty on the device's PDO), their
 * WDFDEVICE_INIT forms for function and filter drivers before WdfDeviceCreate
 * (WdfFdoInitQueryProperty, WdfFdoInitAllocAndQueryProperty, WdfFdoInitOpenRegistryKey), the
 * unified-model forms of KMDF 1.13 (the Ex routines and WdfDeviceAssignProperty, over
 * IoGetDevicePropertyData and IoSetDevicePropertyData), WdfFdoQueryForInterface and
 * WdfDeviceAssignMofResourceName.
 *
 * The PDO is the PnP manager's: a function or filter device's is the one it was added for; a
 * framework PDO is its own once its bus reported it (before that it has no device node and no
 * properties: STATUS_INVALID_DEVICE_REQUEST, as the pages say for "the device's drivers have
 * not yet reported the device's properties"); a control device has none.
 */
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

#define WDF_PROPERTY_TAG 'pDfW'

/* The PDO whose properties the device has, or NULL (see above). */
static PDEVICE_OBJECT wdf_property_pdo(struct wdf_device *dev)
{
    if (dev->pdo != NULL)
        return dev->pdo;
    /* A framework PDO: the PnP manager sets pnp_node when the bus reports it (read without
     * its lock: set once, and the device cannot go while its driver calls). */
    if (dev->pdo_part != NULL && ((struct io_device *)dev->wdm)->pnp_node != NULL)
        return dev->wdm;
    return NULL;
}

static struct wdf_device *wdf_property_device(struct wdf_globals *g, WDFDEVICE handle)
{
    return CONTAINING_RECORD(wdf_object_get(g, handle, WDF_TYPE_DEVICE), struct wdf_device, obj);
}

/* The PDO of an EvtDriverDeviceAdd init (a function or filter driver's), else NULL: a control
 * device's or a PDO's init (the pages: STATUS_INVALID_DEVICE_REQUEST). */
static PDEVICE_OBJECT wdf_init_pdo(PWDFDEVICE_INIT init)
{
    if (init->bus != NULL && init->bus->is_pdo)
        return NULL;
    return init->pdo;
}

/* One property of a PDO: a DEVICE_REGISTRY_PROPERTY (data NULL) or a unified-model key. */
struct wdf_prop_query {
    PDEVICE_OBJECT pdo;
    DEVICE_REGISTRY_PROPERTY property;
    PWDF_DEVICE_PROPERTY_DATA data;
    PDEVPROPTYPE type; /* with data: receives the property's type */
};

static NTSTATUS wdf_prop_read(const struct wdf_prop_query *q, ULONG length, PVOID buffer,
                              PULONG required)
{
    if (q->data == NULL)
        return IoGetDeviceProperty(q->pdo, q->property, length, buffer, required);
    return IoGetDevicePropertyData(q->pdo, q->data->PropertyKey, q->data->Lcid, q->data->Flags,
                                   length, buffer, required, q->type);
}

/* The property in a new memory object (parent: the attributes', else `fallback`), sized by a
 * first query; an empty property is STATUS_UNSUCCESSFUL (no zero-length memory object). */
static NTSTATUS wdf_alloc_property(struct wdf_globals *g, const struct wdf_prop_query *q,
                                   PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_object *fallback,
                                   const char *ddi, const void *caller, WDFMEMORY *out)
{
    struct wdf_object *parent;
    struct wdf_memory *m;
    ULONG length = 0;
    NTSTATUS status = wdf_prop_read(q, 0, NULL, &length);
    if (status != STATUS_BUFFER_TOO_SMALL)
        return NT_SUCCESS(status) ? STATUS_UNSUCCESSFUL : status;
    parent = wdf_parent_of(g, attributes, fallback, ddi, caller);
    status = wdf_memory_create_pool(g, attributes, parent, WDF_PROPERTY_TAG, length, caller, &m);
    if (!NT_SUCCESS(status))
        return status;
    status = wdf_prop_read(q, length, m->buffer, &length);
    if (!NT_SUCCESS(status)) {
        wdf_object_delete(&m->obj);
        return status;
    }
    *out = (WDFMEMORY)m;
    return STATUS_SUCCESS;
}

/* ---- DEVICE_REGISTRY_PROPERTY: the device's, and its init's --------------------------------- */

NTSTATUS imp_WdfDeviceQueryProperty(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                    DEVICE_REGISTRY_PROPERTY DeviceProperty, ULONG BufferLength,
                                    PVOID PropertyBuffer, PULONG ResultLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    PDEVICE_OBJECT pdo;
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfDeviceQueryProperty", Device,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, ResultLength);
    *ResultLength = 0;
    pdo = wdf_property_pdo(dev);
    if (pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return IoGetDeviceProperty(pdo, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

NTSTATUS imp_WdfDeviceAllocAndQueryProperty(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                            DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                            POOL_TYPE PoolType,
                                            PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes,
                                            WDFMEMORY *PropertyMemory)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    PDEVICE_OBJECT pdo;
    (void)PoolType; /* the framework's memory objects come from one pool */
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfDeviceAllocAndQueryProperty", Device,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, PropertyMemory);
    *PropertyMemory = NULL;
    pdo = wdf_property_pdo(dev);
    if (pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    struct wdf_prop_query q = {.pdo = pdo, .property = DeviceProperty};
    return wdf_alloc_property(g, &q, PropertyMemoryAttributes, &dev->obj,
                              "WdfDeviceAllocAndQueryProperty", __builtin_return_address(0),
                              PropertyMemory);
}

NTSTATUS imp_WdfFdoInitQueryProperty(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                     DEVICE_REGISTRY_PROPERTY DeviceProperty, ULONG BufferLength,
                                     PVOID PropertyBuffer, PULONG ResultLength)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init =
        wdf_init_get(g, DeviceInit, "WdfFdoInitQueryProperty", __builtin_return_address(0));
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoInitQueryProperty", DeviceInit,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, ResultLength);
    *ResultLength = 0;
    if (wdf_init_pdo(init) == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return IoGetDeviceProperty(init->pdo, DeviceProperty, BufferLength, PropertyBuffer,
                               ResultLength);
}

/* The memory's parent, without attributes naming one: the driver (Microsoft: the framework
 * driver object, as the device does not exist yet). */
NTSTATUS imp_WdfFdoInitAllocAndQueryProperty(PWDF_DRIVER_GLOBALS globals,
                                             PWDFDEVICE_INIT DeviceInit,
                                             DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                             POOL_TYPE PoolType,
                                             PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes,
                                             WDFMEMORY *PropertyMemory)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init =
        wdf_init_get(g, DeviceInit, "WdfFdoInitAllocAndQueryProperty", __builtin_return_address(0));
    (void)PoolType;
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoInitAllocAndQueryProperty", DeviceInit,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, PropertyMemory);
    *PropertyMemory = NULL;
    if (wdf_init_pdo(init) == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    struct wdf_prop_query q = {.pdo = init->pdo, .property = DeviceProperty};
    return wdf_alloc_property(g, &q, PropertyMemoryAttributes, &init->driver->obj,
                              "WdfFdoInitAllocAndQueryProperty", __builtin_return_address(0),
                              PropertyMemory);
}

/* As WdfDeviceOpenRegistryKey (device.c), on the init's PDO. */
NTSTATUS imp_WdfFdoInitOpenRegistryKey(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                       ULONG DeviceInstanceKeyType, ACCESS_MASK DesiredAccess,
                                       PWDF_OBJECT_ATTRIBUTES KeyAttributes, WDFKEY *Key)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init =
        wdf_init_get(g, DeviceInit, "WdfFdoInitOpenRegistryKey", __builtin_return_address(0));
    HANDLE handle;
    NTSTATUS status;
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoInitOpenRegistryKey", DeviceInit,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, Key);
    *Key = NULL;
    if (wdf_init_pdo(init) == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    status = IoOpenDeviceRegistryKey(init->pdo, DeviceInstanceKeyType, DesiredAccess, &handle);
    if (!NT_SUCCESS(status))
        return status;
    return wdf_key_wrap(g, handle, DesiredAccess, KeyAttributes, "WdfFdoInitOpenRegistryKey",
                        __builtin_return_address(0), Key);
}

/* ---- the unified property model (KMDF 1.13) ------------------------------------------------- */

/* The pages: an invalid WDF_DEVICE_PROPERTY_DATA is STATUS_INVALID_PARAMETER. */
static BOOLEAN wdf_property_data_valid(struct wdf_globals *g, PWDF_DEVICE_PROPERTY_DATA data,
                                       const char *ddi)
{
    if (data != NULL && data->Size == sizeof(*data) && data->PropertyKey != NULL)
        return TRUE;
    rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: %s", g->pub.DriverName, ddi,
             data == NULL                  ? "DeviceProperty is NULL"
             : data->Size != sizeof(*data) ? "WDF_DEVICE_PROPERTY_DATA.Size is not its size"
                                           : "WDF_DEVICE_PROPERTY_DATA.PropertyKey is NULL");
    return FALSE;
}

static NTSTATUS wdf_query_ex(struct wdf_globals *g, PDEVICE_OBJECT pdo,
                             PWDF_DEVICE_PROPERTY_DATA data, ULONG length, PVOID buffer,
                             PULONG required, PDEVPROPTYPE type, const char *ddi)
{
    WDF_CHECK_NOT_NULL(g, required);
    WDF_CHECK_NOT_NULL(g, type);
    *required = 0;
    if (!wdf_property_data_valid(g, data, ddi))
        return STATUS_INVALID_PARAMETER;
    if (pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return IoGetDevicePropertyData(pdo, data->PropertyKey, data->Lcid, data->Flags, length, buffer,
                                   required, type);
}

static NTSTATUS wdf_alloc_ex(struct wdf_globals *g, PDEVICE_OBJECT pdo,
                             PWDF_DEVICE_PROPERTY_DATA data, PWDF_OBJECT_ATTRIBUTES attributes,
                             struct wdf_object *fallback, WDFMEMORY *out, PDEVPROPTYPE type,
                             const char *ddi, const void *caller)
{
    struct wdf_prop_query q = {.pdo = pdo, .data = data, .type = type};
    WDF_CHECK_NOT_NULL(g, out);
    WDF_CHECK_NOT_NULL(g, type);
    *out = NULL;
    if (!wdf_property_data_valid(g, data, ddi))
        return STATUS_INVALID_PARAMETER;
    if (pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return wdf_alloc_property(g, &q, attributes, fallback, ddi, caller, out);
}

NTSTATUS imp_WdfDeviceQueryPropertyEx(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                      PWDF_DEVICE_PROPERTY_DATA DeviceProperty, ULONG BufferLength,
                                      PVOID PropertyBuffer, PULONG RequiredSize, PDEVPROPTYPE Type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    vf_check_irql_at_most(APC_LEVEL, "WdfDeviceQueryPropertyEx", Device,
                          __builtin_return_address(0));
    return wdf_query_ex(g, wdf_property_pdo(dev), DeviceProperty, BufferLength, PropertyBuffer,
                        RequiredSize, Type, "WdfDeviceQueryPropertyEx");
}

NTSTATUS imp_WdfDeviceAllocAndQueryPropertyEx(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                              PWDF_DEVICE_PROPERTY_DATA DeviceProperty,
                                              POOL_TYPE PoolType,
                                              PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes,
                                              WDFMEMORY *PropertyMemory, PDEVPROPTYPE Type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    (void)PoolType;
    vf_check_irql_at_most(APC_LEVEL, "WdfDeviceAllocAndQueryPropertyEx", Device,
                          __builtin_return_address(0));
    return wdf_alloc_ex(g, wdf_property_pdo(dev), DeviceProperty, PropertyMemoryAttributes,
                        &dev->obj, PropertyMemory, Type, "WdfDeviceAllocAndQueryPropertyEx",
                        __builtin_return_address(0));
}

NTSTATUS imp_WdfFdoInitQueryPropertyEx(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                       PWDF_DEVICE_PROPERTY_DATA DeviceProperty, ULONG BufferLength,
                                       PVOID PropertyBuffer, PULONG ResultLength, PDEVPROPTYPE Type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init =
        wdf_init_get(g, DeviceInit, "WdfFdoInitQueryPropertyEx", __builtin_return_address(0));
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoInitQueryPropertyEx", DeviceInit,
                          __builtin_return_address(0));
    return wdf_query_ex(g, wdf_init_pdo(init), DeviceProperty, BufferLength, PropertyBuffer,
                        ResultLength, Type, "WdfFdoInitQueryPropertyEx");
}

NTSTATUS imp_WdfFdoInitAllocAndQueryPropertyEx(PWDF_DRIVER_GLOBALS globals,
                                               PWDFDEVICE_INIT DeviceInit,
                                               PWDF_DEVICE_PROPERTY_DATA DeviceProperty,
                                               POOL_TYPE PoolType,
                                               PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes,
                                               WDFMEMORY *PropertyMemory, PDEVPROPTYPE Type)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    PWDFDEVICE_INIT init = wdf_init_get(g, DeviceInit, "WdfFdoInitAllocAndQueryPropertyEx",
                                        __builtin_return_address(0));
    (void)PoolType;
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoInitAllocAndQueryPropertyEx", DeviceInit,
                          __builtin_return_address(0));
    return wdf_alloc_ex(g, wdf_init_pdo(init), DeviceProperty, PropertyMemoryAttributes,
                        &init->driver->obj, PropertyMemory, Type,
                        "WdfFdoInitAllocAndQueryPropertyEx", __builtin_return_address(0));
}

NTSTATUS imp_WdfDeviceAssignProperty(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                     PWDF_DEVICE_PROPERTY_DATA DeviceProperty, DEVPROPTYPE Type,
                                     ULONG Size, PVOID Data)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    PDEVICE_OBJECT pdo;
    vf_check_irql_at_most(APC_LEVEL, "WdfDeviceAssignProperty", Device,
                          __builtin_return_address(0));
    if (!wdf_property_data_valid(g, DeviceProperty, "WdfDeviceAssignProperty"))
        return STATUS_INVALID_PARAMETER;
    pdo = wdf_property_pdo(dev);
    if (pdo == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    return IoSetDevicePropertyData(pdo, DeviceProperty->PropertyKey, DeviceProperty->Lcid,
                                   DeviceProperty->Flags, Type, Size, Data);
}

/* ---- the stack's interfaces, the MOF resource ------------------------------------------------ */

/* Microsoft: an interface of a driver of the same stack: the query goes down the stack from
 * the device (to the device below it), synchronously. */
NTSTATUS imp_WdfFdoQueryForInterface(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Fdo,
                                     LPCGUID InterfaceType, PINTERFACE Interface, USHORT Size,
                                     USHORT Version, PVOID InterfaceSpecificData)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Fdo);
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfFdoQueryForInterface", Fdo,
                          __builtin_return_address(0));
    if (InterfaceType == NULL || Interface == NULL || dev->lower == NULL)
        return STATUS_INVALID_PARAMETER; /* documented: NULL parameters, not an FDO */
    return wdf_query_interface_irp(dev->lower, NULL, InterfaceType, Interface, Size, Version,
                                   InterfaceSpecificData);
}

/* Microsoft: the name of the MOF resource in the driver's image that WMI reads the device's
 * classes from. drvhost's WMI has no MOF compiler in the loop (the `wmi` scenario command names
 * blocks by GUID), so the name is only kept, for the device's lifetime, and reported. */
NTSTATUS imp_WdfDeviceAssignMofResourceName(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                                            PCUNICODE_STRING MofResourceName)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_device *dev = wdf_property_device(g, Device);
    vf_check_irql_at_most(PASSIVE_LEVEL, "WdfDeviceAssignMofResourceName", Device,
                          __builtin_return_address(0));
    WDF_CHECK_NOT_NULL(g, MofResourceName);
    return wdf_mof_name_assign(g, dev, MofResourceName);
}
