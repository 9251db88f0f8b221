/*
 * test_secure.c - IoCreateDeviceSecure and the security of device objects: the SDDL subset for
 * device objects (malformed strings are STATUS_INVALID_PARAMETER), the predefined
 * SDDL_DEVOBJ_* descriptors checked at user-mode opens against the client identity
 * (drvhost_client_identity), FILE_DEVICE_SECURE_OPEN, the class key's override and
 * IoValidateDeviceIoControlAccess. Expected values: the reference pages ("SDDL for Device
 * Objects", WdmlibIoCreateDeviceSecure, WdmlibIoValidateDeviceIoControlAccess).
 */
#include <wdm.h>

#include "drivers/secdev.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RW (GENERIC_READ | GENERIC_WRITE)

static drvhost_file *control;

static void load_secdev(void)
{
    harness_load_driver("secdev");
    ok_status(drvhost_open("\\Device\\SecControl", RW, &control), STATUS_SUCCESS);
}

static int32_t try_open(const char *path, uint32_t access)
{
    drvhost_file *f = NULL;
    int32_t status = drvhost_open(path, access, &f);
    if (f != NULL)
        drvhost_close(f);
    return status;
}

static void wcopy(WCHAR *dst, size_t cap, const char *src)
{
    size_t i = 0;
    for (; src[i] != 0 && i + 1 < cap; i++)
        dst[i] = (WCHAR)(unsigned char)src[i];
    dst[i] = 0;
}

/* IoCreateDeviceSecure in the driver; returns its status, *out what it made. */
static int32_t create_secure(const char *name, const char *sddl, const GUID *guid,
                             SECDEV_CREATED *out)
{
    SECDEV_CREATE in;
    SECDEV_CREATED res;
    memset(&in, 0, sizeof(in));
    wcopy(in.Name, 64, name);
    wcopy(in.Sddl, 200, sddl);
    in.SddlBytes = (USHORT)(strlen(sddl) * sizeof(WCHAR));
    in.Characteristics = FILE_DEVICE_SECURE_OPEN;
    if (guid != NULL) {
        in.UseGuid = TRUE;
        in.ClassGuid = *guid;
    }
    memset(&res, 0, sizeof(res));
    ok_status(harness_ioctl(control, IOCTL_SECDEV_CREATE, &in, sizeof(in), &res, sizeof(res), NULL),
              STATUS_SUCCESS);
    if (out != NULL)
        *out = res;
    return res.Status;
}

TEST(malformed_sddl_strings_are_invalid_parameter)
{
    static const char *const bad[] = {
        "",                            /* nothing */
        "D",                           /* no colon */
        "O:BAD:P(A;;GA;;;SY)",         /* an owner: not in the device-object subset */
        "D:P(A;;GA;;;SY",              /* unterminated entry */
        "D:P(D;;GA;;;SY)",             /* a deny entry */
        "D:P(A;CI;GA;;;SY)",           /* entry flags */
        "D:P(A;;;;;SY)",               /* no rights */
        "D:P(A;;XY;;;SY)",             /* unknown right */
        "D:P(A;;ga;;;SY)",             /* codes are capitals */
        "D:P(A;;GA;;;ZZ)",             /* unknown SID alias */
        "D:P(A;;GA;;;S-1-)",           /* SID without an authority */
        "D:P (A;;GA;;;SY)",            /* a blank */
        "D:P(A;;GA;;;SY)x",            /* trailing text */
        "D:P(A;;GA;;;SY)(A;;0x;;;BA)", /* hex without digits */
        "D:P(A;;GA;1234;;SY)",         /* an object type */
        "S:P(AU;SA;GA;;;WD)",          /* a SACL */
    };
    load_secdev();
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        harness_stderr_begin();
        int32_t status = create_secure("\\Device\\SecBad", bad[i], NULL, NULL);
        free(harness_stderr_end());
        ok(status == (int32_t)STATUS_INVALID_PARAMETER, "\"%s\": 0x%08X", bad[i], (unsigned)status);
    }
    ok_status(try_open("\\Device\\SecBad", GENERIC_READ), STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST(a_malformed_string_is_named_on_stderr)
{
    char *err;
    load_secdev();
    harness_stderr_begin();
    create_secure("\\Device\\SecBad", "D:P(A;;GA;;;XX)", NULL, NULL);
    err = harness_stderr_end();
    ok(strstr(err, "D:P(A;;GA;;;XX)") != NULL && strstr(err, "unknown SID") != NULL &&
           strstr(err, "character 13") != NULL,
       "stderr: %s", err);
    free(err);
}

TEST(well_formed_sddl_strings_create_the_device)
{
    static const char *const good[] = {
        "D:P",
        "D:P(A;;GA;;;SY)(A;;GA;;;BA)",
        "D:(A;;GRGW;;;WD)",
        "D:P(A;;0x1F01FF;;;S-1-5-32-544)",
        "D:P(A;;FAFR;;;BA)(A;;GR;;;UD)(A;;GRGX;;;RC)(A;;RCSDWDWO;;;AU)",
        "D:P(A;;GA;;;LS)(A;;GA;;;NS)(A;;GA;;;BU)(A;;GA;;;BG)(A;;GA;;;AN)(A;;GA;;;IU)(A;;GA;;;NU)",
    };
    load_secdev();
    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        char name[32];
        SECDEV_CREATED c;
        snprintf(name, sizeof(name), "\\Device\\SecGood%zu", i);
        ok_status(create_secure(name, good[i], NULL, &c), STATUS_SUCCESS);
        ok(c.DeviceType == FILE_DEVICE_UNKNOWN && (c.Characteristics & FILE_DEVICE_SECURE_OPEN),
           "\"%s\": type %lu characteristics 0x%lx", good[i], (unsigned long)c.DeviceType,
           (unsigned long)c.Characteristics);
    }
    /* S-1-5-32-544 is BA: the default identity (admin) opens it. */
    ok_status(try_open("\\Device\\SecGood3", RW), STATUS_SUCCESS);
}

TEST(the_default_identity_is_an_administrator)
{
    load_secdev();
    ok_status(try_open("\\Device\\SecAdmAll", RW), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecSysAll", GENERIC_READ), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecKernel", GENERIC_READ), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecWorldR", RW), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecWorldR", WRITE_DAC), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecControl", RW), STATUS_SUCCESS); /* IoCreateDevice's */
}

TEST(a_user_reads_what_the_world_may_read)
{
    load_secdev();
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecAdmAll", GENERIC_READ), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecWorldR", GENERIC_READ), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecWorldR", FILE_READ_DATA), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecWorldR", RW), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecWorldR", FILE_WRITE_DATA), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecWorldR", MAXIMUM_ALLOWED), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecAdmAll", MAXIMUM_ALLOWED), STATUS_ACCESS_DENIED);
}

TEST(system_opens_sys_all_but_nobody_opens_kernel_only)
{
    load_secdev();
    ok_status(drvhost_client_identity("system"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecSysAll", RW), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecKernel", GENERIC_READ), STATUS_ACCESS_DENIED);
    ok_status(drvhost_client_identity("S-1-5-18,WD"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecSysAll", RW), STATUS_SUCCESS);
    ok_status(drvhost_client_identity("WD"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecSysAll", RW), STATUS_ACCESS_DENIED);
}

TEST(a_bad_identity_is_invalid_parameter_and_changes_nothing)
{
    static const char *const bad[] = {"", "root", "BA,", ",BA", "BA,,WD", "S-1-x", "ba"};
    load_secdev();
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        ok(drvhost_client_identity(bad[i]) == (int32_t)STATUS_INVALID_PARAMETER, "\"%s\"", bad[i]);
    ok(drvhost_client_identity(NULL) == (int32_t)STATUS_INVALID_PARAMETER, "NULL");
    ok_status(try_open("\\Device\\SecAdmAll", GENERIC_READ), STATUS_ACCESS_DENIED); /* still user */
}

/* Without FILE_DEVICE_SECURE_OPEN, a name inside the device's namespace is the driver's to
 * check; with it, the device's descriptor applies there too. */
TEST(secure_open_covers_the_device_namespace)
{
    load_secdev();
    ok_status(try_open("\\Device\\SecSysAll", GENERIC_READ), STATUS_ACCESS_DENIED);
    ok_status(try_open("\\Device\\SecSysAll\\file", GENERIC_READ), STATUS_SUCCESS);
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecAdmAll\\file", GENERIC_READ), STATUS_ACCESS_DENIED);
}

TEST(kernel_mode_opens_are_not_checked)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\SecKernel");
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT device = NULL;
    load_secdev();
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device), STATUS_SUCCESS);
    if (file != NULL)
        ObDereferenceObject(file);
}

/* ---- the class key's override ------------------------------------------------------------ */

static const GUID test_class = {
    0x5ec0de51, 0x1234, 0x4abc, {0x9a, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07}};

static HANDLE create_key(HANDLE root, PCWSTR path)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    RtlInitUnicodeString(&name, path);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    ok_status(ZwCreateKey(&key, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL), STATUS_SUCCESS);
    return key;
}

/* \...\Control\Class\{5EC0DE51-...}\Properties, created level by level. */
static HANDLE class_properties(void)
{
    HANDLE c = create_key(NULL, L"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Class");
    HANDLE g = create_key(c, L"{5EC0DE51-1234-4ABC-9A01-020304050607}");
    HANDLE p = create_key(g, L"Properties");
    ZwClose(c);
    ZwClose(g);
    return p;
}

static void set_value(HANDLE key, PCWSTR value, ULONG type, const void *data, ULONG size)
{
    UNICODE_STRING name;
    RtlInitUnicodeString(&name, value);
    ok_status(ZwSetValueKey(key, &name, 0, type, (PVOID)data, size), STATUS_SUCCESS);
}

/* A self-relative descriptor whose DACL allows GENERIC_ALL to Everyone (S-1-1-0). */
static const UCHAR world_all_sd[] = {
    1, 0, 0x04, 0x80, 0, 0, 0, 0,    0, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, /* header: DACL at 20 */
    2, 0, 28,   0,    1, 0, 0, 0,                                         /* ACL: 28 bytes, 1 ACE */
    0, 0, 20,   0,    0, 0, 0, 0x10,                                      /* allowed, GENERIC_ALL */
    1, 1, 0,    0,    0, 0, 0, 1,    0, 0, 0, 0,                          /* S-1-1-0 */
};

TEST(the_class_key_security_overrides_the_sddl)
{
    HANDLE props;
    SECDEV_CREATED c;
    load_secdev();
    ok_status(create_secure("\\Device\\SecClassBefore", "D:P", &test_class, NULL), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecClassBefore", GENERIC_READ), STATUS_ACCESS_DENIED);
    props = class_properties();
    set_value(props, L"Security", REG_BINARY, world_all_sd, sizeof(world_all_sd));
    ok_status(create_secure("\\Device\\SecClassAfter", "D:P", &test_class, &c), STATUS_SUCCESS);
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecClassAfter", RW), STATUS_SUCCESS);
    /* Without the GUID the driver's string applies. */
    ok_status(create_secure("\\Device\\SecClassNone", "D:P", NULL, NULL), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecClassNone", GENERIC_READ), STATUS_ACCESS_DENIED);
    ZwClose(props);
}

TEST(the_class_key_overrides_type_characteristics_and_exclusive)
{
    HANDLE props;
    SECDEV_CREATED c;
    ULONG type = FILE_DEVICE_SERIAL_PORT, chars = FILE_DEVICE_SECURE_OPEN | FILE_REMOTE_DEVICE,
          exclusive = 1;
    drvhost_file *f = NULL;
    load_secdev();
    props = class_properties();
    set_value(props, L"DeviceType", REG_DWORD, &type, sizeof(type));
    set_value(props, L"DeviceCharacteristics", REG_DWORD, &chars, sizeof(chars));
    set_value(props, L"Exclusive", REG_DWORD, &exclusive, sizeof(exclusive));
    ok_status(create_secure("\\Device\\SecClassProps", "D:P(A;;GA;;;BA)", &test_class, &c),
              STATUS_SUCCESS);
    ok(c.DeviceType == FILE_DEVICE_SERIAL_PORT, "type %lu", (unsigned long)c.DeviceType);
    ok(c.Characteristics == (FILE_DEVICE_SECURE_OPEN | FILE_REMOTE_DEVICE), "characteristics 0x%lx",
       (unsigned long)c.Characteristics);
    ok(c.Flags & DO_EXCLUSIVE, "flags 0x%lx", (unsigned long)c.Flags);
    ok_status(drvhost_open("\\Device\\SecClassProps", RW, &f), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecClassProps", RW), STATUS_ACCESS_DENIED); /* exclusive */
    if (f != NULL)
        drvhost_close(f);
    ZwClose(props);
}

TEST(a_malformed_class_security_value_is_reported_and_ignored)
{
    static const UCHAR junk[] = {1, 0, 0x04, 0x80, 0, 0, 0,   0, 0, 0,
                                 0, 0, 0,    0,    0, 0, 200, 0, 0, 0};
    HANDLE props;
    char *err;
    load_secdev();
    props = class_properties();
    set_value(props, L"Security", REG_BINARY, junk, sizeof(junk));
    harness_stderr_begin();
    ok_status(create_secure("\\Device\\SecClassJunk", "D:P(A;;GA;;;BA)", &test_class, NULL),
              STATUS_SUCCESS);
    err = harness_stderr_end();
    ok(strstr(err, "Properties\\Security") != NULL, "stderr: %s", err);
    free(err);
    ok_status(try_open("\\Device\\SecClassJunk", RW), STATUS_SUCCESS);
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(try_open("\\Device\\SecClassJunk", RW), STATUS_ACCESS_DENIED);
    ZwClose(props);
}

/* ---- IoValidateDeviceIoControlAccess ----------------------------------------------------- */

static int32_t validate(drvhost_file *f, ULONG required)
{
    LONG result = 0x7fffffff;
    ok_status(harness_ioctl(f, IOCTL_SECDEV_VALIDATE, &required, sizeof(required), &result,
                            sizeof(result), NULL),
              STATUS_SUCCESS);
    return result;
}

TEST(validate_device_io_control_access_checks_the_sender)
{
    drvhost_file *f = NULL;
    char buf[4];
    load_secdev();
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\Device\\SecWorldR", GENERIC_READ, &f), STATUS_SUCCESS);
    ok_status(validate(f, FILE_READ_ACCESS), STATUS_SUCCESS);
    ok_status(validate(f, FILE_WRITE_ACCESS), STATUS_ACCESS_DENIED);
    ok_status(validate(f, FILE_READ_ACCESS | FILE_WRITE_ACCESS), STATUS_ACCESS_DENIED);
    ok_status(drvhost_client_identity("admin"), STATUS_SUCCESS);
    ok_status(validate(f, FILE_READ_ACCESS | FILE_WRITE_ACCESS), STATUS_SUCCESS);
    /* Not a device control: STATUS_INVALID_PARAMETER (the driver completes the read with it). */
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, buf, sizeof(buf), NULL),
              STATUS_INVALID_PARAMETER);
    drvhost_close(f);
    /* A device without a descriptor (IoCreateDevice): nothing to deny. */
    ok_status(drvhost_client_identity("WD"), STATUS_SUCCESS);
    ok_status(validate(control, FILE_READ_ACCESS | FILE_WRITE_ACCESS), STATUS_SUCCESS);
}
