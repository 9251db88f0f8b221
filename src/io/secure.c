/*
 * secure.c - IoCreateDeviceSecure (wdmsec.h) and the security of device objects: the descriptor
 * made from the driver's SDDL string or from its class key's override, kept on the device
 * object, checked at user-mode opens (io_open) and by IoValidateDeviceIoControlAccess.
 *
 * The class key: \Registry\Machine\System\CurrentControlSet\Control\Class\{GUID}\Properties may
 * hold Security (REG_BINARY, a self-relative descriptor), DeviceType, DeviceCharacteristics and
 * Exclusive (REG_DWORD), which replace the driver's arguments ("Setting Device Object Registry
 * Properties After Installation"). A malformed Security value is reported and the driver's SDDL
 * used (deviation: what Windows does with one is not documented).
 */
#include "io/io_private.h"

#include <wdmsec.h>

#include "rtl/rtl.h"
#include "se/se.h"

#include <stdio.h>
#include <string.h>

#define IO_CLASS_KEY L"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Class\\"

struct io_class_override {
    struct se_sd *sd; /* from Security, or NULL */
    BOOLEAN has_sd, has_type, has_chars, has_exclusive;
    ULONG type, chars, exclusive;
};

static HANDLE io_class_open(LPCGUID guid)
{
    WCHAR path[160];
    UNICODE_STRING g, name;
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    size_t n = sizeof(IO_CLASS_KEY) / sizeof(WCHAR) - 1;
    if (!NT_SUCCESS(RtlStringFromGUID(guid, &g)))
        return NULL;
    memcpy(path, IO_CLASS_KEY, n * sizeof(WCHAR));
    memcpy(path + n, g.Buffer, g.Length);
    n += g.Length / sizeof(WCHAR);
    RtlFreeUnicodeString(&g);
    memcpy(path + n, L"\\Properties", sizeof(L"\\Properties"));
    RtlInitUnicodeString(&name, path);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    if (!NT_SUCCESS(ZwOpenKey(&key, KEY_READ, &oa)))
        return NULL;
    return key;
}

/* The value's partial information (pool, ex_free), or NULL when absent. */
static KEY_VALUE_PARTIAL_INFORMATION *io_class_value(HANDLE key, PCWSTR value)
{
    UNICODE_STRING name;
    ULONG need = 0;
    KEY_VALUE_PARTIAL_INFORMATION *info;
    RtlInitUnicodeString(&name, value);
    if (ZwQueryValueKey(key, &name, KeyValuePartialInformation, NULL, 0, &need) !=
            STATUS_BUFFER_TOO_SMALL ||
        (info = ex_alloc(need, 'cSoI')) == NULL)
        return NULL;
    if (!NT_SUCCESS(ZwQueryValueKey(key, &name, KeyValuePartialInformation, info, need, &need))) {
        ex_free(info);
        return NULL;
    }
    return info;
}

static BOOLEAN io_class_dword(HANDLE key, PCWSTR value, ULONG *out)
{
    KEY_VALUE_PARTIAL_INFORMATION *info = io_class_value(key, value);
    BOOLEAN ok = info != NULL && info->Type == REG_DWORD && info->DataLength == sizeof(ULONG);
    if (ok)
        memcpy(out, info->Data, sizeof(ULONG));
    if (info != NULL)
        ex_free(info);
    return ok;
}

static void io_class_security(HANDLE key, LPCGUID guid, struct io_class_override *o)
{
    KEY_VALUE_PARTIAL_INFORMATION *info = io_class_value(key, L"Security");
    char why[128];
    if (info == NULL)
        return;
    if (info->Type == REG_BINARY &&
        NT_SUCCESS(se_sd_from_relative(info->Data, info->DataLength, &o->sd, why, sizeof(why))))
        o->has_sd = TRUE;
    else
        rtl_diag(RTL_DIAG_WARN, "io",
                 "class {%08lX-...}: Properties\\Security is not a valid self-relative security "
                 "descriptor (%s); the driver's SDDL is used",
                 (unsigned long)guid->Data1, info->Type == REG_BINARY ? why : "not REG_BINARY");
    ex_free(info);
}

static void io_class_read(LPCGUID guid, struct io_class_override *o)
{
    HANDLE key;
    memset(o, 0, sizeof(*o));
    if (guid == NULL || (key = io_class_open(guid)) == NULL)
        return;
    io_class_security(key, guid, o);
    o->has_type = io_class_dword(key, L"DeviceType", &o->type);
    o->has_chars = io_class_dword(key, L"DeviceCharacteristics", &o->chars);
    o->has_exclusive = io_class_dword(key, L"Exclusive", &o->exclusive);
    ZwClose(key);
}

static NTSTATUS io_sddl_parse(PCUNICODE_STRING sddl, struct se_sd **sd)
{
    char why[160];
    NTSTATUS status;
    if (sddl == NULL || sddl->Buffer == NULL || sddl->Length == 0) {
        rtl_diag(RTL_DIAG_WARN, "io", "IoCreateDeviceSecure: no SDDL string");
        return STATUS_INVALID_PARAMETER;
    }
    size_t len = sddl->Length / sizeof(WCHAR);
    status = se_sd_from_sddl(sddl->Buffer, len, sd, why, sizeof(why));
    if (status == STATUS_INVALID_PARAMETER) {
        char text[3 * 128 + 1];
        size_t n;
        if (len > 128 || !rtl_utf16_to_utf8(sddl->Buffer, len, text, &n))
            strcpy(text, "(long or not UTF-16)");
        rtl_diag(RTL_DIAG_WARN, "io", "IoCreateDeviceSecure: bad SDDL string \"%s\": %s", text,
                 why);
    }
    return status;
}

NTSTATUS NTAPI IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
                                    PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
                                    ULONG DeviceCharacteristics, BOOLEAN Exclusive,
                                    PCUNICODE_STRING DefaultSDDLString, LPCGUID DeviceClassGuid,
                                    PDEVICE_OBJECT *DeviceObject)
{
    struct io_class_override o;
    struct se_sd *sd = NULL;
    NTSTATUS status;
    *DeviceObject = NULL;
    if (DeviceName == NULL && !(DeviceCharacteristics & FILE_AUTOGENERATED_DEVICE_NAME))
        return STATUS_INVALID_PARAMETER; /* a secure device is a named one */
    status = io_sddl_parse(DefaultSDDLString, &sd);
    if (!NT_SUCCESS(status))
        return status;
    io_class_read(DeviceClassGuid, &o);
    if (o.has_sd) {
        se_sd_free(sd);
        sd = o.sd;
    }
    status = IoCreateDevice(DriverObject, DeviceExtensionSize, DeviceName,
                            o.has_type ? o.type : DeviceType,
                            o.has_chars ? o.chars : DeviceCharacteristics,
                            o.has_exclusive ? o.exclusive != 0 : Exclusive, DeviceObject);
    if (!NT_SUCCESS(status)) {
        se_sd_free(sd);
        return status;
    }
    io_device_of(*DeviceObject)->security = sd;
    return STATUS_SUCCESS;
}

NTSTATUS io_secure_open_check(PDEVICE_OBJECT dev, PCUNICODE_STRING rest, ACCESS_MASK access,
                              KPROCESSOR_MODE mode)
{
    struct io_device *d = io_device_of(dev);
    ACCESS_MASK granted;
    if (mode == KernelMode || d->security == NULL)
        return STATUS_SUCCESS;
    /* An open of a name inside the device's namespace is the driver's to check, unless the
     * device asked the I/O manager to apply its descriptor there too. */
    if (rest->Length != 0 && !(dev->Characteristics & FILE_DEVICE_SECURE_OPEN))
        return STATUS_SUCCESS;
    return se_access_check(d->security, access, &granted);
}

NTSTATUS NTAPI IoValidateDeviceIoControlAccess(PIRP Irp, ULONG RequiredAccess)
{
    PIO_STACK_LOCATION sp;
    ACCESS_MASK want = 0, granted;
    PDEVICE_OBJECT dev;
    if (Irp == NULL || (RequiredAccess & ~(ULONG)(FILE_READ_ACCESS | FILE_WRITE_ACCESS)) != 0)
        return STATUS_INVALID_PARAMETER;
    sp = IoGetCurrentIrpStackLocation(Irp);
    if (sp->MajorFunction != IRP_MJ_DEVICE_CONTROL &&
        sp->MajorFunction != IRP_MJ_FILE_SYSTEM_CONTROL)
        return STATUS_INVALID_PARAMETER;
    if (Irp->RequestorMode == KernelMode)
        return STATUS_SUCCESS;
    dev = sp->FileObject != NULL ? sp->FileObject->DeviceObject : sp->DeviceObject;
    if (RequiredAccess & FILE_READ_ACCESS)
        want |= FILE_READ_DATA;
    if (RequiredAccess & FILE_WRITE_ACCESS)
        want |= FILE_WRITE_DATA;
    return se_access_check(io_device_of(dev)->security, want, &granted);
}
