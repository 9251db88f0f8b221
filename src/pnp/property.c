/*
 * property.c - a device's properties and registry keys: IoGetDeviceProperty and
 * IoOpenDeviceRegistryKey.
 *
 * Most properties are values of the device's hardware key, Enum\<instance>, which the
 * installer writes (Windows' names: DeviceDesc, HardwareID, CompatibleIDs, Class, ClassGUID,
 * Driver, Mfg, FriendlyName, LocationInformation, ContainerID); the others come from the device
 * node (its PDO's name, its instance ID, the capabilities its bus reported). A property the
 * device does not have is STATUS_OBJECT_NAME_NOT_FOUND, as Windows returns for a missing value.
 */
#include "pnp/pnp_private.h"

#include "ob/ob.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

/* Enum\<instance>, opened for reading. */
static NTSTATUS open_hardware_key(const struct pnp_node *node, HANDLE *key)
{
    char *path = pnp_reg_path("Enum\\%s", node->instance_id);
    if (path == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    NTSTATUS status = pnp_reg_open(NULL, path, PNP_REG_OPEN, KEY_READ, key, NULL);
    free(path);
    return status;
}

/* Copies a property out: ResultLength always, the data if it fits. */
static NTSTATUS give(const void *data, ULONG size, ULONG length, PVOID buffer, PULONG result)
{
    *result = size;
    if (length < size || (size > 0 && buffer == NULL))
        return STATUS_BUFFER_TOO_SMALL; /* documented: ResultLength is the size needed */
    if (size > 0)
        memcpy(buffer, data, size);
    return STATUS_SUCCESS;
}

static NTSTATUS give_ulong(ULONG v, ULONG length, PVOID buffer, PULONG result)
{
    return give(&v, sizeof v, length, buffer, result);
}

/* A UTF-8 string as a NUL-terminated WCHAR string. */
static NTSTATUS give_text(const char *text, ULONG length, PVOID buffer, PULONG result)
{
    UNICODE_STRING w;
    NTSTATUS status = ob_string_from_utf8(&w, text);
    if (!NT_SUCCESS(status))
        return status;
    status = give(w.Buffer, w.Length + sizeof(WCHAR), length, buffer, result);
    ob_string_free(&w);
    return status;
}

/* A value of the hardware key, of the type the property has. */
static NTSTATUS give_value(const struct pnp_node *node, const char *name, ULONG want_type,
                           ULONG length, PVOID buffer, PULONG result)
{
    HANDLE key;
    NTSTATUS status = open_hardware_key(node, &key);
    if (!NT_SUCCESS(status))
        return STATUS_OBJECT_NAME_NOT_FOUND;
    ULONG type, size;
    void *data = NULL;
    status = pnp_reg_query(key, name, &type, &data, &size);
    ZwClose(key);
    if (NT_SUCCESS(status))
        status = type == want_type ? give(data, size, length, buffer, result)
                                   : STATUS_OBJECT_NAME_NOT_FOUND; /* not a value we know */
    free(data);
    return status;
}

/* The enumerator: the instance ID's first component ("ROOT"). */
static NTSTATUS give_enumerator(const struct pnp_node *node, ULONG length, PVOID buffer,
                                PULONG result)
{
    char *e = strdup(node->instance_id);
    if (e == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    char *sep = strchr(e, '\\');
    if (sep != NULL)
        *sep = 0;
    NTSTATUS status = give_text(e, length, buffer, result);
    free(e);
    return status;
}

static NTSTATUS give_pdo_name(const struct pnp_node *node, ULONG length, PVOID buffer,
                              PULONG result)
{
    PCUNICODE_STRING name = ob_name_of(node->pdo);
    if (name == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND; /* Windows' PDOs are always named */
    WCHAR *w = malloc(name->Length + sizeof(WCHAR));
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(w, name->Buffer, name->Length);
    w[name->Length / sizeof(WCHAR)] = 0;
    NTSTATUS status = give(w, name->Length + sizeof(WCHAR), length, buffer, result);
    free(w);
    return status;
}

NTSTATUS pnp_instance_pdo_name(const char *instance, char **path)
{
    PDEVICE_OBJECT pdo;
    NTSTATUS status = pnp_device_pdo(instance, &pdo);
    *path = NULL;
    if (!NT_SUCCESS(status))
        return status;
    PCUNICODE_STRING name = ob_name_of(pdo); /* kept by the reference on pdo */
    if (name == NULL) {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    } else {
        size_t units = name->Length / sizeof(WCHAR), out = 0;
        *path = malloc(3 * units + 1);
        status = *path == NULL ? STATUS_INSUFFICIENT_RESOURCES
                 : rtl_utf16_to_utf8(name->Buffer, units, *path, &out) ? STATUS_SUCCESS
                                                                       : STATUS_OBJECT_NAME_INVALID;
    }
    ObDereferenceObject(pdo);
    if (!NT_SUCCESS(status)) {
        free(*path);
        *path = NULL;
    }
    return status;
}

/* From the capabilities the bus reported (IRP_MN_QUERY_CAPABILITIES): 0xFFFFFFFF when it gave
 * none, as documented for the address and the UI number. */
static NTSTATUS give_caps(const struct pnp_node *node, DEVICE_REGISTRY_PROPERTY p, ULONG length,
                          PVOID buffer, PULONG result)
{
    BOOLEAN known = node->caps.Size != 0;
    switch (p) {
    case DevicePropertyAddress:
        return give_ulong(known ? node->caps.Address : 0xFFFFFFFF, length, buffer, result);
    case DevicePropertyUINumber:
        return give_ulong(known ? node->caps.UINumber : 0xFFFFFFFF, length, buffer, result);
    default: /* DevicePropertyRemovalPolicy: a removable device may go at any time */
        return give_ulong(node->caps.Removable ? RemovalPolicyExpectSurpriseRemoval
                                               : RemovalPolicyExpectNoRemoval,
                          length, buffer, result);
    }
}

static NTSTATUS property(const struct pnp_node *node, DEVICE_REGISTRY_PROPERTY p, ULONG length,
                         PVOID buffer, PULONG result)
{
    switch (p) {
    case DevicePropertyDeviceDescription:
        return give_value(node, "DeviceDesc", REG_SZ, length, buffer, result);
    case DevicePropertyHardwareID:
        return give_value(node, "HardwareID", REG_MULTI_SZ, length, buffer, result);
    case DevicePropertyCompatibleIDs:
        return give_value(node, "CompatibleIDs", REG_MULTI_SZ, length, buffer, result);
    case DevicePropertyClassName:
        return give_value(node, "Class", REG_SZ, length, buffer, result);
    case DevicePropertyClassGuid:
        return give_value(node, "ClassGUID", REG_SZ, length, buffer, result);
    case DevicePropertyDriverKeyName:
        return give_value(node, "Driver", REG_SZ, length, buffer, result);
    case DevicePropertyManufacturer:
        return give_value(node, "Mfg", REG_SZ, length, buffer, result);
    case DevicePropertyFriendlyName:
        return give_value(node, "FriendlyName", REG_SZ, length, buffer, result);
    case DevicePropertyLocationInformation:
        return give_value(node, "LocationInformation", REG_SZ, length, buffer, result);
    case DevicePropertyContainerID:
        return give_value(node, "ContainerID", REG_SZ, length, buffer, result);
    case DevicePropertyPhysicalDeviceObjectName:
        return give_pdo_name(node, length, buffer, result);
    case DevicePropertyEnumeratorName:
        return give_enumerator(node, length, buffer, result);
    case DevicePropertyAddress:
    case DevicePropertyUINumber:
    case DevicePropertyRemovalPolicy:
        return give_caps(node, p, length, buffer, result);
    case DevicePropertyInstallState:
        return give_ulong(node->problem == CM_PROB_FAILED_INSTALL ? InstallStateFailedInstall
                                                                  : InstallStateInstalled,
                          length, buffer, result);
    case DevicePropertyBusTypeGuid:
    case DevicePropertyLegacyBusType:
    case DevicePropertyBusNumber:
    case DevicePropertyBootConfiguration:
    case DevicePropertyBootConfigurationTranslated:
    case DevicePropertyResourceRequirements:
    case DevicePropertyAllocatedResources:
        /* No bus information (root-enumerated devices have none) and no hardware resources
         * are recorded: the property is absent. */
        return STATUS_OBJECT_NAME_NOT_FOUND;
    default:
        return STATUS_INVALID_PARAMETER_2; /* documented: not a property this routine knows */
    }
}

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
                                               DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                               ULONG BufferLength, PVOID PropertyBuffer,
                                               PULONG ResultLength)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetDeviceProperty", DeviceObject,
                          __builtin_return_address(0));
    struct pnp_node *node = pnp_node_of_pdo_checked(DeviceObject, "IoGetDeviceProperty");
    if (ResultLength == NULL)
        return STATUS_INVALID_PARAMETER;
    *ResultLength = 0;
    return property(node, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

/* ---- IoOpenDeviceRegistryKey ------------------------------------------------------------ */

/* The driver (software) key's place, Control\Class\{GUID}\NNNN, from the hardware key's
 * Driver value (malloc'ed), or NULL if the device has none. */
static char *driver_key_name(const struct pnp_node *node)
{
    HANDLE key;
    if (!NT_SUCCESS(open_hardware_key(node, &key)))
        return NULL;
    char *driver = pnp_reg_query_sz(key, "Driver");
    ZwClose(key);
    return driver;
}

static char *regkey_path(const struct pnp_node *node, ULONG type)
{
    const char *profile = (type & PLUGPLAY_REGKEY_CURRENT_HWPROFILE)
                              ? "Hardware Profiles\\Current\\System\\CurrentControlSet\\"
                              : "";
    if (type & PLUGPLAY_REGKEY_DEVICE)
        return pnp_reg_path("%sEnum\\%s%s", profile, node->instance_id,
                            *profile ? "" : "\\Device Parameters");
    char *driver = driver_key_name(node);
    char *path = driver != NULL ? pnp_reg_path("%sControl\\Class\\%s", profile, driver) : NULL;
    free(driver);
    return path;
}

NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceRegistryKey(PDEVICE_OBJECT DeviceObject,
                                                   ULONG DevInstKeyType, ACCESS_MASK DesiredAccess,
                                                   PHANDLE DeviceRegKey)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoOpenDeviceRegistryKey", DeviceObject,
                          __builtin_return_address(0));
    struct pnp_node *node = DeviceObject != NULL ? pnp_node_of_pdo(DeviceObject) : NULL;
    if (node == NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* documented: not a valid PDO */
    ULONG which = DevInstKeyType & (PLUGPLAY_REGKEY_DEVICE | PLUGPLAY_REGKEY_DRIVER);
    if (DeviceRegKey == NULL ||
        (DevInstKeyType & ~(PLUGPLAY_REGKEY_DEVICE | PLUGPLAY_REGKEY_DRIVER |
                            PLUGPLAY_REGKEY_CURRENT_HWPROFILE)) != 0 ||
        (which != PLUGPLAY_REGKEY_DEVICE && which != PLUGPLAY_REGKEY_DRIVER))
        return STATUS_INVALID_PARAMETER; /* documented: an illegal set of flags */
    /* The device's own key must exist (the installer made it); what is below it is made on
     * demand, as Windows does for Device Parameters and the hardware-profile keys. */
    char *hw = pnp_reg_path("Enum\\%s", node->instance_id);
    BOOLEAN present = hw != NULL && pnp_reg_exists(hw);
    free(hw);
    if (!present)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    char *path = regkey_path(node, DevInstKeyType);
    if (path == NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND; /* no driver key: no driver installed */
    NTSTATUS status = pnp_reg_create_path(path, DesiredAccess, DeviceRegKey);
    free(path);
    return status;
}
