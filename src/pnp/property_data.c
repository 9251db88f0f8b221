/*
 * property_data.c - the unified device property model: IoGetDevicePropertyData and
 * IoSetDevicePropertyData (gkmdf).
 *
 * A property is a value of the device's registry store, as on Windows (where the PnP manager
 * keeps them under the device's Enum key): Enum\<instance>\Properties\{fmtid}\<pid, 4 hex
 * digits>, one value per locale named by the LCID (8 hex digits; LOCALE_NEUTRAL is
 * "00000000", treated as any other locale as Windows 8 does), whose registry type is
 * 0xFFFF0000 | DEVPROPTYPE. Every property persists (Windows 8 and later: as if
 * PLUGPLAY_PROPERTY_PERSISTENT were always given), with the registry's own saving.
 *
 * The device's registry properties (DEVPKEY_Device_DeviceDesc and the others of the
 * {a45c254e-...} set that IoGetDeviceProperty answers) are read through IoGetDeviceProperty
 * with their DEVPROPTYPE; drvhost refuses to change them (STATUS_ACCESS_DENIED: its PnP manager
 * owns them; Windows lets a few, such as FriendlyName, be written).
 */
#include "pnp/pnp_private.h"

#include "ob/ob.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROPERTY_REG_TYPE(type) (0xFFFF0000u | (type))

/* DEVPKEY_Device_* (devpkey.h): the set IoGetDeviceProperty's properties belong to. */
static const GUID device_fmtid = {
    0xa45c254e, 0xdf1c, 0x4efd, {0x80, 0x20, 0x67, 0xd1, 0x46, 0xa8, 0x50, 0xe0}};

struct system_property {
    DEVPROPID pid;
    DEVICE_REGISTRY_PROPERTY property;
    DEVPROPTYPE type;
};

/* pids from devpkey.h's DEVPKEY_Device_* definitions. */
static const struct system_property system_properties[] = {
    {2, DevicePropertyDeviceDescription, DEVPROP_TYPE_STRING},
    {3, DevicePropertyHardwareID, DEVPROP_TYPE_STRING_LIST},
    {4, DevicePropertyCompatibleIDs, DEVPROP_TYPE_STRING_LIST},
    {9, DevicePropertyClassName, DEVPROP_TYPE_STRING},
    {11, DevicePropertyDriverKeyName, DEVPROP_TYPE_STRING},
    {13, DevicePropertyManufacturer, DEVPROP_TYPE_STRING},
    {14, DevicePropertyFriendlyName, DEVPROP_TYPE_STRING},
    {15, DevicePropertyLocationInformation, DEVPROP_TYPE_STRING},
    {16, DevicePropertyPhysicalDeviceObjectName, DEVPROP_TYPE_STRING},
    {18, DevicePropertyUINumber, DEVPROP_TYPE_UINT32},
    {24, DevicePropertyEnumeratorName, DEVPROP_TYPE_STRING},
    {30, DevicePropertyAddress, DEVPROP_TYPE_UINT32},
};

static const struct system_property *system_property_of(const DEVPROPKEY *key)
{
    size_t i;
    if (memcmp(&key->fmtid, &device_fmtid, sizeof(GUID)) != 0)
        return NULL;
    for (i = 0; i < sizeof system_properties / sizeof system_properties[0]; i++)
        if (system_properties[i].pid == key->pid)
            return &system_properties[i];
    return NULL;
}

/* The size of one element of a fixed-size base type; 0 for the variable-size ones. */
static ULONG fixed_size(DEVPROPTYPE base)
{
    switch (base) {
    case DEVPROP_TYPE_SBYTE:
    case DEVPROP_TYPE_BYTE:
    case DEVPROP_TYPE_BOOLEAN:
        return 1;
    case DEVPROP_TYPE_INT16:
    case DEVPROP_TYPE_UINT16:
        return 2;
    case DEVPROP_TYPE_INT32:
    case DEVPROP_TYPE_UINT32:
    case DEVPROP_TYPE_FLOAT:
    case DEVPROP_TYPE_ERROR:
    case DEVPROP_TYPE_NTSTATUS:
    case DEVPROP_TYPE_DEVPROPTYPE:
        return 4;
    case DEVPROP_TYPE_INT64:
    case DEVPROP_TYPE_UINT64:
    case DEVPROP_TYPE_DOUBLE:
    case DEVPROP_TYPE_CURRENCY:
    case DEVPROP_TYPE_DATE:
    case DEVPROP_TYPE_FILETIME:
        return 8;
    case DEVPROP_TYPE_DECIMAL:
    case DEVPROP_TYPE_GUID:
        return 16;
    case DEVPROP_TYPE_DEVPROPKEY:
        return sizeof(DEVPROPKEY);
    default:
        return 0;
    }
}

static BOOLEAN is_string(DEVPROPTYPE base)
{
    return base == DEVPROP_TYPE_STRING || base == DEVPROP_TYPE_SECURITY_DESCRIPTOR_STRING ||
           base == DEVPROP_TYPE_STRING_INDIRECT;
}

/* NUL-terminated WCHAR data: an even size, the last character 0. */
static BOOLEAN terminated(ULONG size, const void *data)
{
    WCHAR last;
    if (size < sizeof(WCHAR) || size % sizeof(WCHAR) != 0)
        return FALSE;
    memcpy(&last, (const char *)data + size - sizeof(WCHAR), sizeof last);
    return last == 0;
}

/* The DEVPROP_TYPE_* pages' rules: a known base type, ARRAY with fixed-size types, LIST with
 * strings, the data of the type's size (EMPTY and NULL: none). */
static BOOLEAN type_fits(DEVPROPTYPE type, ULONG size, const void *data)
{
    DEVPROPTYPE base = type & DEVPROP_MASK_TYPE, mod = type & DEVPROP_MASK_TYPEMOD;
    ULONG element = fixed_size(base);
    if ((type & ~(DEVPROP_MASK_TYPE | DEVPROP_MASK_TYPEMOD)) != 0 || base > MAX_DEVPROP_TYPE)
        return FALSE;
    switch (mod) {
    case 0:
        if (base == DEVPROP_TYPE_EMPTY || base == DEVPROP_TYPE_NULL)
            return size == 0;
        if (element != 0)
            return size == element;
        if (is_string(base))
            return terminated(size, data);
        return size > 0; /* DEVPROP_TYPE_SECURITY_DESCRIPTOR */
    case DEVPROP_TYPEMOD_ARRAY:
        return element != 0 && size > 0 && size % element == 0;
    case DEVPROP_TYPEMOD_LIST:
        return is_string(base) && terminated(size, data);
    default:
        return FALSE;
    }
}

/* <owner>\Properties\{fmtid}\<pid>, opened (or created) for the caller. The owner is the
 * key of a device (Enum\<instance>) or of a device interface instance (its DeviceClasses key),
 * relative to CurrentControlSet. */
static NTSTATUS open_property_key(const char *owner, const DEVPROPKEY *key, BOOLEAN create,
                                  HANDLE *out)
{
    char guid[39];
    char *path = pnp_reg_path("%s\\Properties\\%s\\%04X", owner, pnp_guid_text(&key->fmtid, guid),
                              (unsigned)key->pid);
    NTSTATUS status;
    if (path == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = create ? pnp_reg_create_path(path, KEY_ALL_ACCESS, out)
                    : pnp_reg_open(NULL, path, PNP_REG_OPEN, KEY_READ, out, NULL);
    free(path);
    return status;
}

static void locale_name(LCID lcid, char name[9])
{
    snprintf(name, 9, "%08X", (unsigned)lcid);
}

/* A registry property (IoGetDeviceProperty's) under its DEVPROPTYPE. */
static NTSTATUS get_system(PDEVICE_OBJECT pdo, const struct system_property *p, ULONG size,
                           PVOID data, PULONG required, PDEVPROPTYPE type)
{
    NTSTATUS status = IoGetDeviceProperty(pdo, p->property, size, data, required);
    if (NT_SUCCESS(status) || status == STATUS_BUFFER_TOO_SMALL)
        *type = p->type;
    return status;
}

static NTSTATUS get_stored(const char *owner, const DEVPROPKEY *key, LCID lcid, ULONG size,
                           PVOID data, PULONG required, PDEVPROPTYPE type)
{
    HANDLE k;
    char name[9];
    ULONG reg_type, stored_size;
    void *stored = NULL;
    NTSTATUS status = open_property_key(owner, key, FALSE, &k);
    if (!NT_SUCCESS(status))
        return STATUS_OBJECT_NAME_NOT_FOUND;
    locale_name(lcid, name);
    status = pnp_reg_query(k, name, &reg_type, &stored, &stored_size);
    ZwClose(k);
    if (!NT_SUCCESS(status) || (reg_type & 0xFFFF0000u) != 0xFFFF0000u) {
        free(stored);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    *required = stored_size;
    *type = reg_type & 0xFFFFu;
    if (size < stored_size || (stored_size > 0 && data == NULL))
        status = STATUS_BUFFER_TOO_SMALL; /* documented: *RequiredSize is the size needed */
    else if (stored_size > 0)
        memcpy(data, stored, stored_size);
    free(stored);
    return status;
}

/* Enum\<instance>, the owner of a device's properties (malloc'ed; NULL without memory). */
static char *device_owner(const struct pnp_node *node)
{
    char *owner = NULL;
    if (asprintf(&owner, "Enum\\%s", node->instance_id) < 0)
        return NULL;
    return owner;
}

NTKERNELAPI NTSTATUS NTAPI IoGetDevicePropertyData(PDEVICE_OBJECT Pdo,
                                                   const DEVPROPKEY *PropertyKey, LCID Lcid,
                                                   ULONG Flags, ULONG Size, PVOID Data,
                                                   PULONG RequiredSize, PDEVPROPTYPE Type)
{
    const struct system_property *system;
    struct pnp_node *node;
    vf_check_irql_at_most(APC_LEVEL, "IoGetDevicePropertyData", Pdo, __builtin_return_address(0));
    node = pnp_node_of_pdo_checked(Pdo, "IoGetDevicePropertyData");
    /* Flags is reserved (0): drvhost refuses another value rather than ignore it. */
    if (PropertyKey == NULL || RequiredSize == NULL || Type == NULL || Flags != 0)
        return STATUS_INVALID_PARAMETER;
    *RequiredSize = 0;
    *Type = DEVPROP_TYPE_EMPTY;
    system = system_property_of(PropertyKey);
    if (system != NULL)
        return get_system(Pdo, system, Size, Data, RequiredSize, Type);
    char *owner = device_owner(node);
    if (owner == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = get_stored(owner, PropertyKey, Lcid, Size, Data, RequiredSize, Type);
    free(owner);
    return status;
}

static NTSTATUS delete_stored(const char *owner, const DEVPROPKEY *key, LCID lcid)
{
    HANDLE k;
    char name[9];
    UNICODE_STRING w;
    NTSTATUS status = open_property_key(owner, key, FALSE, &k);
    if (!NT_SUCCESS(status))
        return STATUS_SUCCESS; /* nothing to delete */
    locale_name(lcid, name);
    status = ob_string_from_utf8(&w, name);
    if (NT_SUCCESS(status)) {
        ZwDeleteValueKey(k, &w);
        ob_string_free(&w);
    }
    ZwClose(k);
    return status;
}

/* Stores (or, with NULL data, deletes: documented) the value of one locale. */
static NTSTATUS set_stored(const char *owner, const DEVPROPKEY *key, LCID lcid, DEVPROPTYPE type,
                           ULONG size, PVOID data)
{
    HANDLE k;
    char name[9];
    if (data == NULL)
        return delete_stored(owner, key, lcid);
    if (!type_fits(type, size, data))
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = open_property_key(owner, key, TRUE, &k);
    if (!NT_SUCCESS(status))
        return status;
    locale_name(lcid, name);
    status = pnp_reg_set(k, name, PROPERTY_REG_TYPE(type), data, size);
    ZwClose(k);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI IoSetDevicePropertyData(PDEVICE_OBJECT Pdo,
                                                   const DEVPROPKEY *PropertyKey, LCID Lcid,
                                                   ULONG Flags, DEVPROPTYPE Type, ULONG Size,
                                                   PVOID Data)
{
    struct pnp_node *node;
    vf_check_irql_at_most(APC_LEVEL, "IoSetDevicePropertyData", Pdo, __builtin_return_address(0));
    node = pnp_node_of_pdo_checked(Pdo, "IoSetDevicePropertyData");
    if (PropertyKey == NULL || (Flags & ~PLUGPLAY_PROPERTY_PERSISTENT) != 0)
        return STATUS_INVALID_PARAMETER;
    if (system_property_of(PropertyKey) != NULL)
        return STATUS_ACCESS_DENIED; /* drvhost's choice: the PnP manager's own properties */
    char *owner = device_owner(node);
    if (owner == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = set_stored(owner, PropertyKey, Lcid, Type, Size, Data);
    free(owner);
    return status;
}

/* ---- device interface properties -------------------------------------------------------- */
/* Stored the same way under the interface instance's key (DeviceClasses\{class}\##?#...\#ref,
 * where Windows keeps them too). Only properties a driver set are there: the system's
 * DEVPKEY_DeviceInterface_* values are not answered (docs/pnp-interfaces.md). */

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfacePropertyData(PUNICODE_STRING SymbolicLinkName,
                                                            const DEVPROPKEY *PropertyKey,
                                                            LCID Lcid, ULONG Flags, ULONG Size,
                                                            PVOID Data, PULONG RequiredSize,
                                                            PDEVPROPTYPE Type)
{
    char *owner;
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetDeviceInterfacePropertyData", SymbolicLinkName,
                          __builtin_return_address(0));
    if (PropertyKey == NULL || RequiredSize == NULL || Type == NULL || Flags != 0)
        return STATUS_INVALID_PARAMETER;
    *RequiredSize = 0;
    *Type = DEVPROP_TYPE_EMPTY;
    NTSTATUS status = pnp_iface_key_tail(SymbolicLinkName, &owner);
    if (!NT_SUCCESS(status))
        return status;
    status = get_stored(owner, PropertyKey, Lcid, Size, Data, RequiredSize, Type);
    free(owner);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI IoSetDeviceInterfacePropertyData(PUNICODE_STRING SymbolicLinkName,
                                                            const DEVPROPKEY *PropertyKey,
                                                            LCID Lcid, ULONG Flags,
                                                            DEVPROPTYPE Type, ULONG Size,
                                                            PVOID Data)
{
    char *owner;
    vf_check_irql_at_most(APC_LEVEL, "IoSetDeviceInterfacePropertyData", SymbolicLinkName,
                          __builtin_return_address(0));
    if (PropertyKey == NULL || (Flags & ~PLUGPLAY_PROPERTY_PERSISTENT) != 0)
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = pnp_iface_key_tail(SymbolicLinkName, &owner);
    if (!NT_SUCCESS(status))
        return status;
    status = set_stored(owner, PropertyKey, Lcid, Type, Size, Data);
    free(owner);
    return status;
}
