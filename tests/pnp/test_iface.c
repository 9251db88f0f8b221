/*
 * test_iface.c - device interfaces, PnP notifications, device properties and registry keys
 * (src/pnp/interface.c, notify.c, property.c, iface_hooks.c), white-box: there is no PnP
 * manager to enumerate devices yet, so the test makes the device nodes of ifacetest.sys's two
 * PDOs itself (make_node: what the manager's pnp_node_create records, and the Enum key values
 * its installer writes) and calls the manager's hooks (pnp_iface_node_removed,
 * pnp_notify_target) as the manager will. Everything else goes through the DDIs.
 *
 * Expected values are Windows' documented behaviour; the pages are named at each test
 * (MicrosoftDocs/windows-driver-docs-ddi, wdk-ddi-src/content/wdm/nf-wdm-<routine>.md).
 */
#include <wdm.h>

#include "drivers/ifacetest.h"
#include "harness.h"

#include "io/io.h"
#include "pnp/pnp_private.h"

#include <stdlib.h>
#include <string.h>

static const GUID GUID_A = {0x12345678, 0xabcd, 0x4ef0, {0x80, 1, 2, 3, 4, 5, 6, 7}};
static const GUID GUID_B = {
    0x9abcdef0, 0x1111, 0x2222, {0x33, 0x33, 0x44, 0x44, 0x55, 0x55, 0x66, 0x66}};
static const GUID GUID_C = {0x0badf00d, 0x1, 0x2, {3, 4, 5, 6, 7, 8, 9, 10}};
static const GUID GUID_CUSTOM = {0xc0ffee00, 0x5, 0x6, {7, 8, 9, 10, 11, 12, 13, 14}};

#define LINK_A0 L"\\??\\ROOT#IFTEST#0000#{12345678-abcd-4ef0-8001-020304050607}"
#define LINK_B0 L"\\??\\ROOT#IFTEST#0000#{9abcdef0-1111-2222-3333-444455556666}"
#define LINK_A1 L"\\??\\ROOT#IFTEST#0001#{12345678-abcd-4ef0-8001-020304050607}"
#define CLASSES "\\Registry\\Machine\\System\\CurrentControlSet\\Control\\DeviceClasses\\"
#define ENUM0   "\\Registry\\Machine\\System\\CurrentControlSet\\Enum\\ROOT\\IFTEST\\0000"
#define KEY_A0                                                                                     \
    CLASSES "{12345678-abcd-4ef0-8001-020304050607}\\##?#ROOT#IFTEST#0000#{12345678-abcd-4ef0-"    \
            "8001-020304050607}"

/* ---- the scaffold: ifacetest.sys's PDOs as device nodes ------------------------------------ */

struct env {
    drvhost_file *ctl;
    IFACETEST_INFO info;
    struct pnp_node *node[2];
};

static void refresh(struct env *e)
{
    drvhost_iosb iosb;
    ok_status(harness_ioctl(e->ctl, IOCTL_IFT_INFO, NULL, 0, &e->info, sizeof e->info, &iosb),
              STATUS_SUCCESS);
}

/* What the PnP manager records for a reported PDO (pnp_node_create). */
static struct pnp_node *make_node(PDEVICE_OBJECT pdo, const char *instance)
{
    struct pnp_node *n = calloc(1, sizeof *n);
    n->instance_id = strdup(instance);
    n->pdo = pdo;
    n->state = PNP_NODE_STARTED;
    ObReferenceObject(pdo);
    ((struct io_device *)pdo)->pnp_node = n;
    return n;
}

static void drop_node(struct pnp_node *n)
{
    pnp_iface_node_removed(n); /* as the manager does at removal */
    ((struct io_device *)n->pdo)->pnp_node = NULL;
    ObDereferenceObject(n->pdo);
    free(n->instance_id);
    free(n);
}

static void setup(struct env *e)
{
    e->ctl = harness_open_driver("ifacetest", "\\\\.\\IfaceTest");
    refresh(e);
    e->node[0] = make_node(e->info.Pdo[0], "ROOT\\IFTEST\\0000");
    e->node[1] = make_node(e->info.Pdo[1], "ROOT\\IFTEST\\0001");
}

static void teardown(struct env *e)
{
    drop_node(e->node[0]);
    drop_node(e->node[1]);
    drvhost_close(e->ctl);
    ok_status(drvhost_driver_unload("ifacetest"), STATUS_SUCCESS);
}

static BOOLEAN same(PCUNICODE_STRING s, PCWSTR expected)
{
    UNICODE_STRING x;
    RtlInitUnicodeString(&x, expected);
    return RtlEqualUnicodeString(s, &x, FALSE);
}

static size_t wlen(PCWSTR s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

static NTSTATUS open_key(const char *path, HANDLE *key)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    WCHAR w[512];
    size_t i = 0;
    for (; path[i] != 0 && i < 511; i++)
        w[i] = (WCHAR)path[i];
    w[i] = 0;
    RtlInitUnicodeString(&name, w);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    return ZwOpenKey(key, KEY_READ, &oa);
}

/* A REG_SZ value's text compared with expected; FALSE if absent. */
static BOOLEAN value_is(const char *key_path, PCWSTR value, PCWSTR expected)
{
    HANDLE key;
    union {
        KEY_VALUE_PARTIAL_INFORMATION info;
        UCHAR bytes[1024];
    } u;
    ULONG got;
    UNICODE_STRING name;
    if (!NT_SUCCESS(open_key(key_path, &key)))
        return FALSE;
    RtlInitUnicodeString(&name, value);
    NTSTATUS status = ZwQueryValueKey(key, &name, KeyValuePartialInformation, &u, sizeof u, &got);
    ZwClose(key);
    return NT_SUCCESS(status) && u.info.Type == REG_SZ &&
           u.info.DataLength == (wlen(expected) + 1) * sizeof(WCHAR) &&
           memcmp(u.info.Data, expected, u.info.DataLength) == 0;
}

static BOOLEAN key_exists(const char *path)
{
    HANDLE key;
    if (!NT_SUCCESS(open_key(path, &key)))
        return FALSE;
    ZwClose(key);
    return TRUE;
}

static NTSTATUS open_path(PCWSTR path)
{
    char utf8[256];
    size_t i = 0;
    for (; path[i] != 0 && i < 255; i++)
        utf8[i] = (char)path[i];
    utf8[i] = 0;
    drvhost_file *f = NULL;
    NTSTATUS status = drvhost_open(utf8, GENERIC_READ, &f);
    if (f != NULL)
        drvhost_close(f);
    return status;
}

static NTSTATUS register_iface(PDEVICE_OBJECT pdo, const GUID *g, PCWSTR ref, UNICODE_STRING *link)
{
    UNICODE_STRING r;
    if (ref != NULL)
        RtlInitUnicodeString(&r, ref);
    return IoRegisterDeviceInterface(pdo, g, ref != NULL ? &r : NULL, link);
}

/* The strings of a ZZ list, counted; the first copied out. */
static size_t zz_count(PCWSTR list, PCWSTR *first)
{
    size_t n = 0;
    *first = list;
    for (PCWSTR s = list; *s != 0; s += wlen(s) + 1)
        n++;
    return n;
}

/* ---- IoRegisterDeviceInterface (nf-wdm-ioregisterdeviceinterface.md) ------------------------ */

TEST(register_names_the_link_and_keys_as_windows)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link, again, with_ref;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok(same(&link, LINK_A0), "link %.*ls", link.Length / 2, link.Buffer);
    ok(link.Buffer[link.Length / 2] == 0 || link.MaximumLength >= link.Length,
       "a counted string the caller frees");
    /* Documented: an interface registered already gives its name and STATUS_OBJECT_NAME_EXISTS. */
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &again), STATUS_OBJECT_NAME_EXISTS);
    ok(RtlEqualUnicodeString(&link, &again, FALSE), "the same name again");
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, L"Ref1", &with_ref), STATUS_SUCCESS);
    ok(same(&with_ref, LINK_A0 L"\\Ref1"), "the reference string is a path component");
    ok(value_is(KEY_A0, L"DeviceInstance", L"ROOT\\IFTEST\\0000"), "DeviceInstance");
    ok(value_is(KEY_A0 "\\#", L"SymbolicLink",
                L"\\\\?\\ROOT#IFTEST#0000#{12345678-abcd-4ef0-8001-020304050607}"),
       "the # subkey's SymbolicLink");
    ok(key_exists(KEY_A0 "\\#Ref1"), "the #Ref1 subkey");
    RtlFreeUnicodeString(&link);
    RtlFreeUnicodeString(&again);
    RtlFreeUnicodeString(&with_ref);
    teardown(&e);
}

TEST(register_refuses_a_non_pdo_and_bad_reference_strings)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link = {0};
    ok_status(register_iface(e.info.Fdo, &GUID_A, NULL, &link), STATUS_INVALID_DEVICE_REQUEST);
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, L"a\\b", &link),
              STATUS_INVALID_DEVICE_REQUEST);
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, L"a/b", &link), STATUS_INVALID_DEVICE_REQUEST);
    ok(link.Buffer == NULL, "nothing returned");
    teardown(&e);
}

/* ---- IoSetDeviceInterfaceState (nf-wdm-iosetdeviceinterfacestate.md) ------------------------ */

TEST(enabled_interface_opens_at_the_top_of_the_pdo_stack)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link, ref;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, L"Ref1", &ref), STATUS_SUCCESS);
    ok_status(open_path(LINK_A0), STATUS_OBJECT_NAME_NOT_FOUND); /* registered, not enabled */
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(open_path(LINK_A0), STATUS_SUCCESS);
    refresh(&e);
    ok(e.info.LastCreate == e.info.Fdo, "the create went to the top of the stack (the FDO)");
    ok(e.info.LastFileName[0] == 0, "no file name without a reference string");
    ok_status(IoSetDeviceInterfaceState(&ref, TRUE), STATUS_SUCCESS);
    ok_status(open_path(LINK_A0 L"\\Ref1"), STATUS_SUCCESS);
    refresh(&e);
    ok(wlen(e.info.LastFileName) == 5 && memcmp(e.info.LastFileName, L"\\Ref1", 10) == 0,
       "the reference string reaches the driver as the file name");
    /* Documented: enabling twice is STATUS_OBJECT_NAME_EXISTS, disabling a disabled one
     * STATUS_OBJECT_NAME_NOT_FOUND. */
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_OBJECT_NAME_EXISTS);
    ok_status(IoSetDeviceInterfaceState(&link, FALSE), STATUS_SUCCESS);
    ok_status(open_path(LINK_A0 L"\\Ref1"), STATUS_SUCCESS); /* the other still holds the link */
    ok_status(IoSetDeviceInterfaceState(&ref, FALSE), STATUS_SUCCESS);
    ok_status(open_path(LINK_A0), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(IoSetDeviceInterfaceState(&link, FALSE), STATUS_OBJECT_NAME_NOT_FOUND);
    UNICODE_STRING unknown = RTL_CONSTANT_STRING(LINK_B0);
    ok_status(IoSetDeviceInterfaceState(&unknown, TRUE), STATUS_OBJECT_NAME_NOT_FOUND);
    RtlFreeUnicodeString(&link);
    RtlFreeUnicodeString(&ref);
    teardown(&e);
}

/* ---- IoGetDeviceInterfaces (nf-wdm-iogetdeviceinterfaces.md) -------------------------------- */

TEST(get_interfaces_lists_enabled_ones_or_all_and_filters_by_pdo)
{
    struct env e;
    setup(&e);
    UNICODE_STRING l0, l1;
    PZZWSTR list;
    PCWSTR first;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &l0), STATUS_SUCCESS);
    ok_status(register_iface(e.info.Pdo[1], &GUID_A, NULL, &l1), STATUS_SUCCESS);
    ok_status(IoGetDeviceInterfaces(&GUID_A, NULL, 0, &list), STATUS_SUCCESS);
    ok(zz_count(list, &first) == 0 && list[0] == 0, "none enabled: a single NUL (documented)");
    ExFreePool(list);
    ok_status(IoSetDeviceInterfaceState(&l1, TRUE), STATUS_SUCCESS);
    ok_status(IoGetDeviceInterfaces(&GUID_A, NULL, 0, &list), STATUS_SUCCESS);
    ok(zz_count(list, &first) == 1 && memcmp(first, LINK_A1, sizeof(LINK_A1)) == 0,
       "the enabled one: %ls", first);
    ExFreePool(list);
    ok_status(IoGetDeviceInterfaces(&GUID_A, NULL, DEVICE_INTERFACE_INCLUDE_NONACTIVE, &list),
              STATUS_SUCCESS);
    ok(zz_count(list, &first) == 2, "with DEVICE_INTERFACE_INCLUDE_NONACTIVE: both");
    ExFreePool(list);
    ok_status(
        IoGetDeviceInterfaces(&GUID_A, e.info.Pdo[0], DEVICE_INTERFACE_INCLUDE_NONACTIVE, &list),
        STATUS_SUCCESS);
    ok(zz_count(list, &first) == 1 && memcmp(first, LINK_A0, sizeof(LINK_A0)) == 0,
       "narrowed to the PDO's: %ls", first);
    ExFreePool(list);
    ok_status(IoGetDeviceInterfaces(&GUID_C, NULL, DEVICE_INTERFACE_INCLUDE_NONACTIVE, &list),
              STATUS_SUCCESS);
    ok(list[0] == 0, "a class nobody registered: empty");
    ExFreePool(list);
    ok_status(IoGetDeviceInterfaces(&GUID_A, e.info.Fdo, 0, &list), STATUS_INVALID_DEVICE_REQUEST);
    RtlFreeUnicodeString(&l0);
    RtlFreeUnicodeString(&l1);
    teardown(&e);
}

TEST(interface_path_gives_the_host_the_nth_enabled_interface)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link;
    char *path = NULL;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(pnp_interface_path(&GUID_A, 0, &path), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(pnp_interface_path(&GUID_A, 0, &path), STATUS_SUCCESS);
    ok(path != NULL &&
           strcmp(path, "\\??\\ROOT#IFTEST#0000#{12345678-abcd-4ef0-8001-020304050607}") == 0,
       "path %s", path ? path : "(null)");
    drvhost_file *f = NULL;
    ok_status(drvhost_open(path, GENERIC_READ, &f), STATUS_SUCCESS);
    if (f != NULL)
        drvhost_close(f);
    free(path);
    ok_status(pnp_interface_path(&GUID_A, 1, &path), STATUS_OBJECT_NAME_NOT_FOUND);
    RtlFreeUnicodeString(&link);
    teardown(&e);
}

/* ---- IoGetDeviceInterfaceAlias, IoOpenDeviceInterfaceRegistryKey ---------------------------- */

TEST(alias_is_the_same_device_and_reference_in_another_class)
{
    struct env e;
    setup(&e);
    UNICODE_STRING a, b, alias = {0};
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &a), STATUS_SUCCESS);
    ok_status(register_iface(e.info.Pdo[0], &GUID_B, NULL, &b), STATUS_SUCCESS);
    ok_status(IoGetDeviceInterfaceAlias(&a, &GUID_B, &alias), STATUS_SUCCESS);
    ok(RtlEqualUnicodeString(&alias, &b, TRUE), "the alias is B's link");
    RtlFreeUnicodeString(&alias);
    ok_status(IoGetDeviceInterfaceAlias(&a, &GUID_C, &alias), STATUS_OBJECT_NAME_NOT_FOUND);
    UNICODE_STRING junk = RTL_CONSTANT_STRING(L"\\Device\\IfaceTestPdo0");
    ok_status(IoGetDeviceInterfaceAlias(&junk, &GUID_B, &alias), STATUS_INVALID_HANDLE);
    RtlFreeUnicodeString(&a);
    RtlFreeUnicodeString(&b);
    teardown(&e);
}

TEST(interface_registry_key_is_the_instance_device_parameters)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link, name = RTL_CONSTANT_STRING(L"Resolution");
    HANDLE key;
    ULONG v = 42;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(IoOpenDeviceInterfaceRegistryKey(&link, KEY_ALL_ACCESS, &key), STATUS_SUCCESS);
    ok_status(ZwSetValueKey(key, &name, 0, REG_DWORD, &v, sizeof v), STATUS_SUCCESS);
    ZwClose(key);
    ok(key_exists(KEY_A0 "\\#\\Device Parameters"), "#\\Device Parameters holds it");
    UNICODE_STRING unknown = RTL_CONSTANT_STRING(LINK_B0);
    ok_status(IoOpenDeviceInterfaceRegistryKey(&unknown, KEY_READ, &key),
              STATUS_OBJECT_NAME_NOT_FOUND);
    UNICODE_STRING junk = RTL_CONSTANT_STRING(L"not a link");
    ok_status(IoOpenDeviceInterfaceRegistryKey(&junk, KEY_READ, &key), STATUS_INVALID_PARAMETER);
    RtlFreeUnicodeString(&link);
    teardown(&e);
}

/* ---- IoSetDeviceInterfacePropertyData, IoGetDeviceInterfacePropertyData
 * (nf-wdm-io*deviceinterfacepropertydata.md) */
static const DEVPROPKEY KEY_LEVEL = {{0x5eaf0001, 0x1, 0x2, {3, 4, 5, 6, 7, 8, 9, 10}}, 2};

TEST(interface_properties_are_set_read_and_deleted_per_instance)
{
    struct env e;
    setup(&e);
    UNICODE_STRING link, alias_link;
    ULONG v = 0x1234, got = 0, required = 0;
    DEVPROPTYPE type = 0;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, L"other", &alias_link), STATUS_SUCCESS);
    ok_status(IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0, sizeof got,
                                               &got, &required, &type),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(IoSetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL,
                                               PLUGPLAY_PROPERTY_PERSISTENT, DEVPROP_TYPE_UINT32,
                                               sizeof v, &v),
              STATUS_SUCCESS);
    ok(key_exists(KEY_A0 "\\#\\Properties"), "the value is under the instance's key");
    /* Too small: STATUS_BUFFER_TOO_SMALL and the size needed. */
    ok_status(IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0, 2, &got,
                                               &required, &type),
              STATUS_BUFFER_TOO_SMALL);
    ok(required == sizeof v, "required %lu\n", (unsigned long)required);
    ok_status(IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0, sizeof got,
                                               &got, &required, &type),
              STATUS_SUCCESS);
    ok(got == v && type == DEVPROP_TYPE_UINT32 && required == sizeof v, "got %lx type %lx\n",
       (unsigned long)got, (unsigned long)type);
    /* Another instance (reference string) of the same device and class has its own. */
    ok_status(IoGetDeviceInterfacePropertyData(&alias_link, &KEY_LEVEL, LOCALE_NEUTRAL, 0,
                                               sizeof got, &got, &required, &type),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* A type whose size does not match, reserved flags. */
    ok_status(IoSetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0,
                                               DEVPROP_TYPE_UINT32, 2, &v),
              STATUS_INVALID_PARAMETER);
    ok_status(IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 1, sizeof got,
                                               &got, &required, &type),
              STATUS_INVALID_PARAMETER);
    /* NULL Data deletes it. */
    ok_status(IoSetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0,
                                               DEVPROP_TYPE_UINT32, 0, NULL),
              STATUS_SUCCESS);
    ok_status(IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0, sizeof got,
                                               &got, &required, &type),
              STATUS_OBJECT_NAME_NOT_FOUND);
    /* A link never registered, and a string that is no link. */
    UNICODE_STRING unknown = RTL_CONSTANT_STRING(LINK_B0);
    ok_status(IoSetDeviceInterfacePropertyData(&unknown, &KEY_LEVEL, LOCALE_NEUTRAL, 0,
                                               DEVPROP_TYPE_UINT32, sizeof v, &v),
              STATUS_OBJECT_NAME_NOT_FOUND);
    UNICODE_STRING junk = RTL_CONSTANT_STRING(L"not a link");
    ok_status(IoGetDeviceInterfacePropertyData(&junk, &KEY_LEVEL, LOCALE_NEUTRAL, 0, sizeof got,
                                               &got, &required, &type),
              STATUS_INVALID_PARAMETER);
    RtlFreeUnicodeString(&link);
    RtlFreeUnicodeString(&alias_link);
    teardown(&e);
}

TEST(interface_property_above_passive_bugchecks)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(LINK_A0);
    ULONG got, required;
    DEVPROPTYPE type;
    KIRQL old;
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, &link, APC_LEVEL, 0, 0);
    KeRaiseIrql(APC_LEVEL, &old);
    IoGetDeviceInterfacePropertyData(&link, &KEY_LEVEL, LOCALE_NEUTRAL, 0, sizeof got, &got,
                                     &required, &type);
}

/* ---- interface notifications (nf-wdm-ioregisterplugplaynotification.md) --------------------- */

static struct record {
    KEVENT event; /* set by each call */
    volatile LONG calls;
    USHORT version, size;
    GUID what, cls;
    WCHAR link[128];
    KIRQL irql;
    PVOID thread;
    KEVENT release; /* a blocking callback waits for it */
    BOOLEAN block;
    NTSTATUS answer;
} rec[2];

static NTSTATUS iface_callback(PVOID notification, PVOID context)
{
    struct record *r = context;
    PDEVICE_INTERFACE_CHANGE_NOTIFICATION n = notification;
    r->version = n->Version;
    r->size = n->Size;
    r->what = n->Event;
    r->cls = n->InterfaceClassGuid;
    USHORT len = n->SymbolicLinkName->Length / sizeof(WCHAR);
    len = len < 127 ? len : 127;
    memcpy(r->link, n->SymbolicLinkName->Buffer, len * sizeof(WCHAR));
    r->link[len] = 0;
    r->irql = KeGetCurrentIrql();
    r->thread = KeGetCurrentThread();
    InterlockedIncrement(&r->calls);
    KeSetEvent(&r->event, IO_NO_INCREMENT, FALSE);
    if (r->block)
        KeWaitForSingleObject(&r->release, Executive, KernelMode, FALSE, NULL);
    return r->answer;
}

static void records_init(void)
{
    memset(rec, 0, sizeof rec);
    for (int i = 0; i < 2; i++) {
        KeInitializeEvent(&rec[i].event, SynchronizationEvent, FALSE);
        KeInitializeEvent(&rec[i].release, NotificationEvent, FALSE);
    }
}

static NTSTATUS wait_call(struct record *r, LONG ms)
{
    LARGE_INTEGER t = {.QuadPart = -10000LL * ms};
    return KeWaitForSingleObject(&r->event, Executive, KernelMode, FALSE, &t);
}

TEST(arrival_and_removal_reach_the_class_registrations_on_a_system_thread)
{
    struct env e;
    setup(&e);
    records_init();
    UNICODE_STRING link;
    PVOID entry = NULL, other = NULL;
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, (PVOID)&GUID_A,
                                             e.info.Driver, iface_callback, &rec[0], &entry),
              STATUS_SUCCESS);
    ok(rec[0].calls == 0, "nothing enabled: no call at registration");
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(wait_call(&rec[0], 5000), STATUS_SUCCESS);
    ok(rec[0].version == 1 && rec[0].size == sizeof(DEVICE_INTERFACE_CHANGE_NOTIFICATION),
       "version %u size %u", rec[0].version, rec[0].size);
    ok(IsEqualGUID(&rec[0].what, &GUID_DEVICE_INTERFACE_ARRIVAL), "arrival");
    ok(IsEqualGUID(&rec[0].cls, &GUID_A), "its class");
    ok(memcmp(rec[0].link, LINK_A0, sizeof(LINK_A0)) == 0, "its link %ls", rec[0].link);
    ok(rec[0].irql == PASSIVE_LEVEL, "at PASSIVE_LEVEL");
    ok(rec[0].thread != KeGetCurrentThread(), "on a system thread, not the caller's");
    ok_status(IoSetDeviceInterfaceState(&link, FALSE), STATUS_SUCCESS);
    ok_status(wait_call(&rec[0], 5000), STATUS_SUCCESS);
    ok(IsEqualGUID(&rec[0].what, &GUID_DEVICE_INTERFACE_REMOVAL), "removal");
    /* Unregistered: the next arrival reaches the later registration only (delivered in order,
     * so once the other has it the first would have had it too). */
    ok_status(IoUnregisterPlugPlayNotification(entry), STATUS_SUCCESS);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, (PVOID)&GUID_A,
                                             e.info.Driver, iface_callback, &rec[1], &other),
              STATUS_SUCCESS);
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(wait_call(&rec[1], 5000), STATUS_SUCCESS);
    ok(rec[0].calls == 2 && rec[1].calls == 1, "calls %ld %ld", (long)rec[0].calls,
       (long)rec[1].calls);
    ok_status(IoUnregisterPlugPlayNotificationEx(other), STATUS_SUCCESS);
    /* The manager removes the node: it disables what the driver left enabled. */
    drop_node(e.node[0]);
    e.node[0] = make_node(e.info.Pdo[0], "ROOT\\IFTEST\\0000");
    ok_status(open_path(LINK_A0), STATUS_OBJECT_NAME_NOT_FOUND);
    RtlFreeUnicodeString(&link);
    teardown(&e);
}

TEST(include_existing_interfaces_calls_back_before_registration_returns)
{
    struct env e;
    setup(&e);
    records_init();
    UNICODE_STRING link;
    PVOID entry, watcher;
    /* The arrival queued by the enable is delivered (to a registration made before it) before
     * the one under test registers: otherwise the documented double call (queued arrival and
     * existing interface) could come from two threads at once. */
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, (PVOID)&GUID_A,
                                             e.info.Driver, iface_callback, &rec[1], &watcher),
              STATUS_SUCCESS);
    ok_status(register_iface(e.info.Pdo[1], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(wait_call(&rec[1], 5000), STATUS_SUCCESS);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange,
                                             PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES,
                                             (PVOID)&GUID_A, e.info.Driver, iface_callback, &rec[0],
                                             &entry),
              STATUS_SUCCESS);
    ok(rec[0].calls == 1 && IsEqualGUID(&rec[0].what, &GUID_DEVICE_INTERFACE_ARRIVAL) &&
           memcmp(rec[0].link, LINK_A1, sizeof(LINK_A1)) == 0,
       "the enabled interface was announced (calls %ld)", (long)rec[0].calls);
    ok(rec[0].thread == KeGetCurrentThread(), "on the registering thread");
    ok_status(IoUnregisterPlugPlayNotificationEx(entry), STATUS_SUCCESS);
    ok_status(IoUnregisterPlugPlayNotificationEx(watcher), STATUS_SUCCESS);
    RtlFreeUnicodeString(&link);
    teardown(&e);
}

TEST(registration_refuses_bad_categories_and_flags)
{
    struct env e;
    setup(&e);
    records_init();
    PVOID entry = NULL;
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, NULL,
                                             e.info.Driver, iface_callback, &rec[0], &entry),
              STATUS_INVALID_PARAMETER);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryHardwareProfileChange,
                                             PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES,
                                             NULL, e.info.Driver, iface_callback, &rec[0], &entry),
              STATUS_INVALID_PARAMETER);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryReserved, 0, NULL, e.info.Driver,
                                             iface_callback, &rec[0], &entry),
              STATUS_INVALID_PARAMETER);
    ok(entry == NULL, "no entry for a refused registration");
    ok_status(IoRegisterPlugPlayNotification(EventCategoryHardwareProfileChange, 0, NULL,
                                             e.info.Driver, iface_callback, &rec[0], &entry),
              STATUS_SUCCESS);
    ok_status(IoUnregisterPlugPlayNotification(entry), STATUS_SUCCESS);
    ok_status(IoUnregisterPlugPlayNotification(entry), STATUS_INVALID_PARAMETER);
    ok_status(IoUnregisterPlugPlayNotificationEx(&e), STATUS_INVALID_PARAMETER);
    teardown(&e);
}

/* ---- IoUnregisterPlugPlayNotification[Ex] (nf-wdm-iounregisterplugplaynotificationex.md) --- */

struct unreg {
    PVOID entry;
    BOOLEAN ex;
    KEVENT done;
};

static VOID unregister_thread(PVOID p)
{
    struct unreg *u = p;
    NTSTATUS s = u->ex ? IoUnregisterPlugPlayNotificationEx(u->entry)
                       : IoUnregisterPlugPlayNotification(u->entry);
    ok_status(s, STATUS_SUCCESS);
    KeSetEvent(&u->done, IO_NO_INCREMENT, FALSE);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* A callback is running (blocked); another thread unregisters. Returns whether the unregister
 * returned while the callback still ran. */
static BOOLEAN unregister_during_callback(struct env *e, BOOLEAN ex)
{
    records_init();
    rec[0].block = TRUE;
    UNICODE_STRING link;
    struct unreg u = {.ex = ex};
    KeInitializeEvent(&u.done, NotificationEvent, FALSE);
    NTSTATUS s = register_iface(e->info.Pdo[0], &GUID_A, NULL, &link);
    ok(NT_SUCCESS(s), "registered: %x", (unsigned)s);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, (PVOID)&GUID_A,
                                             e->info.Driver, iface_callback, &rec[0], &u.entry),
              STATUS_SUCCESS);
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    ok_status(wait_call(&rec[0], 5000), STATUS_SUCCESS); /* it runs, blocked */
    /* A system thread of its own (not systhread.h: its PsThreadType, exported data, would be
     * copied into this program, which links the internal library). */
    HANDLE h;
    PVOID thread = NULL;
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, unregister_thread, &u),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, NULL, KernelMode, &thread, NULL),
              STATUS_SUCCESS);
    ZwClose(h);
    LARGE_INTEGER wait = {.QuadPart = -10000LL * 300};
    BOOLEAN early =
        KeWaitForSingleObject(&u.done, Executive, KernelMode, FALSE, &wait) == STATUS_SUCCESS;
    KeSetEvent(&rec[0].release, IO_NO_INCREMENT, FALSE);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(thread);
    ok_status(IoSetDeviceInterfaceState(&link, FALSE), STATUS_SUCCESS);
    RtlFreeUnicodeString(&link);
    return early;
}

TEST(unregister_ex_waits_for_a_running_callback)
{
    struct env e;
    setup(&e);
    /* Documented: after IoUnregisterPlugPlayNotificationEx returns no callback runs. */
    ok(!unregister_during_callback(&e, TRUE), "Ex returned while its callback still ran");
    teardown(&e);
}

TEST(unregister_returns_while_a_callback_runs)
{
    struct env e;
    setup(&e);
    /* Documented: IoUnregisterPlugPlayNotification cannot promise that; drvhost lets the
     * running callback finish without waiting. */
    ok(unregister_during_callback(&e, FALSE), "the non-Ex form waited for the callback");
    teardown(&e);
}

static NTSTATUS unregister_self(PVOID notification, PVOID context)
{
    UNREFERENCED_PARAMETER(notification);
    struct unreg *u = context;
    ok_status(IoUnregisterPlugPlayNotificationEx(u->entry), STATUS_SUCCESS);
    KeSetEvent(&u->done, IO_NO_INCREMENT, FALSE);
    return STATUS_SUCCESS;
}

TEST(a_callback_may_unregister_itself_with_ex)
{
    struct env e;
    setup(&e);
    struct unreg u = {0};
    UNICODE_STRING link;
    KeInitializeEvent(&u.done, NotificationEvent, FALSE);
    ok_status(register_iface(e.info.Pdo[0], &GUID_A, NULL, &link), STATUS_SUCCESS);
    ok_status(IoRegisterPlugPlayNotification(EventCategoryDeviceInterfaceChange, 0, (PVOID)&GUID_A,
                                             e.info.Driver, unregister_self, &u, &u.entry),
              STATUS_SUCCESS);
    ok_status(IoSetDeviceInterfaceState(&link, TRUE), STATUS_SUCCESS);
    LARGE_INTEGER wait = {.QuadPart = -10000LL * 5000};
    ok_status(KeWaitForSingleObject(&u.done, Executive, KernelMode, FALSE, &wait), STATUS_SUCCESS);
    RtlFreeUnicodeString(&link);
    teardown(&e);
}

/* ---- target-device events (nf-wdm-ioreporttargetdevicechange[asynchronous].md) ------------- */

static struct target_record {
    LONG calls;
    GUID events[4];
    PFILE_OBJECT file;
    USHORT size;
    UCHAR data[4];
    NTSTATUS answer;
} trec[2];

static NTSTATUS target_callback(PVOID notification, PVOID context)
{
    struct target_record *r = context;
    PTARGET_DEVICE_CUSTOM_NOTIFICATION n = notification; /* the removal form is its prefix */
    if (r->calls < 4)
        r->events[r->calls] = n->Event;
    r->calls++;
    r->file = n->FileObject;
    r->size = n->Size;
    if (n->Size >= FIELD_OFFSET(TARGET_DEVICE_CUSTOM_NOTIFICATION, CustomDataBuffer) + 4)
        memcpy(r->data, n->CustomDataBuffer, 4);
    return r->answer;
}

/* A file object on the first PDO's stack, as a driver gets one (IoGetDeviceObjectPointer). */
static PFILE_OBJECT open_pdo0(void)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\IfaceTestPdo0");
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT top;
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &top), STATUS_SUCCESS);
    return file;
}

/* A custom notification with 4 bytes of data. */
union custom_buf {
    TARGET_DEVICE_CUSTOM_NOTIFICATION n;
    UCHAR bytes[sizeof(TARGET_DEVICE_CUSTOM_NOTIFICATION) + 8];
};

/* A target-device registration on the file, recording into r. */
static PVOID watch_target(struct env *e, PFILE_OBJECT file, struct target_record *r)
{
    PVOID entry = NULL;
    ok_status(IoRegisterPlugPlayNotification(EventCategoryTargetDeviceChange, 0, file,
                                             e->info.Driver, target_callback, r, &entry),
              STATUS_SUCCESS);
    return entry;
}

static void custom_init(PTARGET_DEVICE_CUSTOM_NOTIFICATION n, const GUID *event)
{
    memset(n, 0, sizeof *n + 8);
    n->Version = 1;
    n->Size = (USHORT)(FIELD_OFFSET(TARGET_DEVICE_CUSTOM_NOTIFICATION, CustomDataBuffer) + 4);
    n->Event = *event;
    n->NameBufferOffset = -1;
    memcpy(n->CustomDataBuffer, "\x01\x02\x03\x04", 4);
}

TEST(custom_event_reaches_the_target_registrations_with_their_file)
{
    struct env e;
    setup(&e);
    memset(trec, 0, sizeof trec);
    PFILE_OBJECT file = open_pdo0();
    PVOID entry;
    union custom_buf u;
    entry = watch_target(&e, file, &trec[0]);
    custom_init(&u.n, &GUID_CUSTOM);
    ok_status(IoReportTargetDeviceChange(e.info.Pdo[0], &u.n), STATUS_SUCCESS);
    ok(trec[0].calls == 1 && IsEqualGUID(&trec[0].events[0], &GUID_CUSTOM),
       "the custom event, synchronously");
    ok(trec[0].file == file, "FileObject filled in with the registrant's file (documented)");
    ok(trec[0].size == u.n.Size && memcmp(trec[0].data, "\x01\x02\x03\x04", 4) == 0, "its data");
    ok(u.n.FileObject == NULL, "the caller's structure is not changed");
    /* Documented refusals: a system event, a FileObject set by the caller. */
    custom_init(&u.n, &GUID_TARGET_DEVICE_QUERY_REMOVE);
    ok_status(IoReportTargetDeviceChange(e.info.Pdo[0], &u.n), STATUS_INVALID_DEVICE_REQUEST);
    custom_init(&u.n, &GUID_DEVICE_INTERFACE_ARRIVAL);
    ok_status(IoReportTargetDeviceChange(e.info.Pdo[0], &u.n), STATUS_INVALID_DEVICE_REQUEST);
    custom_init(&u.n, &GUID_CUSTOM);
    u.n.FileObject = file;
    ok_status(IoReportTargetDeviceChange(e.info.Pdo[0], &u.n), STATUS_INVALID_PARAMETER);
    ok(trec[0].calls == 1, "refused reports call nobody");
    /* Another device's events are not this registration's. */
    custom_init(&u.n, &GUID_CUSTOM);
    ok_status(IoReportTargetDeviceChange(e.info.Pdo[1], &u.n), STATUS_SUCCESS);
    ok(trec[0].calls == 1, "not told of the other device");
    ok_status(IoUnregisterPlugPlayNotification(entry), STATUS_SUCCESS);
    ObDereferenceObject(file);
    teardown(&e);
}

static KEVENT async_done;
static VOID async_complete(PVOID context)
{
    *(KIRQL *)context = KeGetCurrentIrql();
    KeSetEvent(&async_done, IO_NO_INCREMENT, FALSE);
}

TEST(asynchronous_report_delivers_then_calls_back)
{
    struct env e;
    setup(&e);
    memset(trec, 0, sizeof trec);
    KeInitializeEvent(&async_done, NotificationEvent, FALSE);
    PFILE_OBJECT file = open_pdo0();
    PVOID entry;
    KIRQL irql = HIGH_LEVEL;
    union custom_buf u;
    entry = watch_target(&e, file, &trec[0]);
    custom_init(&u.n, &GUID_CUSTOM);
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old); /* documented: callable at DISPATCH_LEVEL */
    NTSTATUS s = IoReportTargetDeviceChangeAsynchronous(e.info.Pdo[0], &u.n, async_complete, &irql);
    KeLowerIrql(old);
    ok_status(s, STATUS_PENDING);
    memset(&u, 0xEE, sizeof u); /* documented: the caller may free it on return */
    LARGE_INTEGER wait = {.QuadPart = -10000LL * 5000};
    ok_status(KeWaitForSingleObject(&async_done, Executive, KernelMode, FALSE, &wait),
              STATUS_SUCCESS);
    ok(trec[0].calls == 1 && IsEqualGUID(&trec[0].events[0], &GUID_CUSTOM) &&
           memcmp(trec[0].data, "\x01\x02\x03\x04", 4) == 0,
       "delivered from the copy before the completion callback");
    ok(irql == PASSIVE_LEVEL, "completion callback at PASSIVE_LEVEL");
    custom_init(&u.n, &GUID_TARGET_DEVICE_REMOVE_COMPLETE);
    ok_status(IoReportTargetDeviceChangeAsynchronous(e.info.Pdo[0], &u.n, NULL, NULL),
              STATUS_INVALID_DEVICE_REQUEST);
    ok_status(IoUnregisterPlugPlayNotificationEx(entry), STATUS_SUCCESS);
    ObDereferenceObject(file);
    teardown(&e);
}

TEST(query_remove_veto_is_returned_and_cancelled)
{
    struct env e;
    setup(&e);
    memset(trec, 0, sizeof trec);
    PFILE_OBJECT file = open_pdo0();
    PVOID entry[2];
    for (int i = 0; i < 2; i++)
        entry[i] = watch_target(&e, file, &trec[i]);
    trec[1].answer = STATUS_DEVICE_BUSY;
    ok_status(pnp_notify_target(e.node[0], &GUID_TARGET_DEVICE_QUERY_REMOVE), STATUS_DEVICE_BUSY);
    ok(trec[0].calls == 2 && IsEqualGUID(&trec[0].events[0], &GUID_TARGET_DEVICE_QUERY_REMOVE) &&
           IsEqualGUID(&trec[0].events[1], &GUID_TARGET_DEVICE_REMOVE_CANCELLED),
       "the first agreed, then heard the cancel (calls %ld)", (long)trec[0].calls);
    ok(trec[1].calls == 2 && IsEqualGUID(&trec[1].events[1], &GUID_TARGET_DEVICE_REMOVE_CANCELLED),
       "the one that refused is told too");
    ok(trec[0].size == sizeof(TARGET_DEVICE_REMOVAL_NOTIFICATION) && trec[0].file == file,
       "a TARGET_DEVICE_REMOVAL_NOTIFICATION with the file");
    trec[1].answer = STATUS_SUCCESS;
    ok_status(pnp_notify_target(e.node[0], &GUID_TARGET_DEVICE_QUERY_REMOVE), STATUS_SUCCESS);
    trec[0].answer = STATUS_UNSUCCESSFUL; /* only a query can be refused */
    ok_status(pnp_notify_target(e.node[0], &GUID_TARGET_DEVICE_REMOVE_COMPLETE), STATUS_SUCCESS);
    ok(trec[0].calls == 4 && trec[1].calls == 4 &&
           IsEqualGUID(&trec[1].events[3], &GUID_TARGET_DEVICE_REMOVE_COMPLETE),
       "everyone hears the removal (calls %ld %ld)", (long)trec[0].calls, (long)trec[1].calls);
    /* The node goes; the registrations stay until the driver unregisters them. */
    drop_node(e.node[0]);
    e.node[0] = make_node(e.info.Pdo[0], "ROOT\\IFTEST\\0000");
    ok_status(pnp_notify_target(e.node[0], &GUID_TARGET_DEVICE_REMOVE_COMPLETE), STATUS_SUCCESS);
    ok(trec[0].calls == 4, "detached from the removed node");
    ok_status(IoUnregisterPlugPlayNotification(entry[0]), STATUS_SUCCESS);
    ok_status(IoUnregisterPlugPlayNotificationEx(entry[1]), STATUS_SUCCESS);
    ObDereferenceObject(file);
    teardown(&e);
}

TEST(report_target_change_on_a_non_pdo_is_bug_check_0xca)
{
    struct env e;
    setup(&e);
    union custom_buf u;
    custom_init(&u.n, &GUID_CUSTOM);
    /* 0xCA PNP_DETECTED_FATAL_ERROR, 0x2 invalid PDO: the device object, its driver. */
    expect_bugcheck_params(0xCA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0x2,
                           (ULONG_PTR)e.info.Fdo, (ULONG_PTR)e.info.Driver, 0);
    IoReportTargetDeviceChange(e.info.Fdo, &u.n);
}

/* ---- IoGetDeviceProperty (nf-wdm-iogetdeviceproperty.md) ------------------------------------ */

static void write_enum_values(void)
{
    static const WCHAR desc[] = L"Interface test device";
    static const WCHAR hwids[] = L"ROOT\\IFTEST\0IFTEST\0";
    static const WCHAR cls[] = L"{4d36e97d-e325-11ce-bfc1-08002be10318}";
    static const WCHAR drv[] = L"{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000";
    static const WCHAR mfg[] = L"drvhost";
    ok_status(drvhost_reg_set(ENUM0, "DeviceDesc", DRVHOST_REG_SZ, desc, sizeof desc),
              STATUS_SUCCESS);
    ok_status(drvhost_reg_set(ENUM0, "HardwareID", DRVHOST_REG_MULTI_SZ, hwids, sizeof hwids),
              STATUS_SUCCESS);
    ok_status(drvhost_reg_set(ENUM0, "ClassGUID", DRVHOST_REG_SZ, cls, sizeof cls), STATUS_SUCCESS);
    ok_status(drvhost_reg_set(ENUM0, "Driver", DRVHOST_REG_SZ, drv, sizeof drv), STATUS_SUCCESS);
    ok_status(drvhost_reg_set(ENUM0, "Mfg", DRVHOST_REG_SZ, mfg, sizeof mfg), STATUS_SUCCESS);
}

TEST(device_properties_come_from_the_hardware_key_and_the_node)
{
    struct env e;
    setup(&e);
    write_enum_values();
    WCHAR buf[128];
    ULONG got = 0, v = 0;
    PDEVICE_OBJECT pdo = e.info.Pdo[0];
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyDeviceDescription, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(got == sizeof(L"Interface test device") && memcmp(buf, L"Interface test device", got) == 0,
       "description (%lu bytes)", (unsigned long)got);
    /* Documented: too small a buffer gives STATUS_BUFFER_TOO_SMALL and the size needed. */
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyDeviceDescription, 4, buf, &got),
              STATUS_BUFFER_TOO_SMALL);
    ok(got == sizeof(L"Interface test device"), "ResultLength %lu", (unsigned long)got);
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyHardwareID, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(got == sizeof(L"ROOT\\IFTEST\0IFTEST\0") && memcmp(buf, L"ROOT\\IFTEST\0IFTEST\0", got) == 0,
       "hardware IDs as REG_MULTI_SZ");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyClassGuid, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(memcmp(buf, L"{4d36e97d-e325-11ce-bfc1-08002be10318}", got) == 0, "class GUID text");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyDriverKeyName, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(memcmp(buf, L"{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000", got) == 0, "driver key");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyManufacturer, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(memcmp(buf, L"drvhost", got) == 0, "manufacturer");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyFriendlyName, sizeof buf, buf, &got),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(
        IoGetDeviceProperty(pdo, DevicePropertyPhysicalDeviceObjectName, sizeof buf, buf, &got),
        STATUS_SUCCESS);
    ok(got == sizeof(L"\\Device\\IfaceTestPdo0") &&
           memcmp(buf, L"\\Device\\IfaceTestPdo0", got) == 0,
       "the PDO's name");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyEnumeratorName, sizeof buf, buf, &got),
              STATUS_SUCCESS);
    ok(got == sizeof(L"ROOT") && memcmp(buf, L"ROOT", got) == 0, "enumerator ROOT");
    /* Documented: 0xFFFFFFFF when the bus gave no address or UI number. */
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyAddress, sizeof v, &v, &got), STATUS_SUCCESS);
    ok(v == 0xFFFFFFFF && got == sizeof v, "address %lx", (unsigned long)v);
    e.node[0]->caps.Size = sizeof(DEVICE_CAPABILITIES);
    e.node[0]->caps.UINumber = 3;
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyUINumber, sizeof v, &v, &got), STATUS_SUCCESS);
    ok(v == 3, "UI number from the capabilities: %lu", (unsigned long)v);
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyInstallState, sizeof v, &v, &got),
              STATUS_SUCCESS);
    ok(v == InstallStateInstalled, "installed");
    ok_status(IoGetDeviceProperty(pdo, DevicePropertyRemovalPolicy, sizeof v, &v, &got),
              STATUS_SUCCESS);
    ok(v == RemovalPolicyExpectNoRemoval, "not removable: no removal expected");
    ok_status(IoGetDeviceProperty(pdo, (DEVICE_REGISTRY_PROPERTY)0x17, sizeof buf, buf, &got),
              STATUS_INVALID_PARAMETER_2);
    ok_status(
        IoGetDeviceProperty(e.info.Pdo[1], DevicePropertyDeviceDescription, sizeof buf, buf, &got),
        STATUS_OBJECT_NAME_NOT_FOUND); /* no hardware key written for it */
    teardown(&e);
}

TEST(device_property_of_a_non_pdo_is_bug_check_0xca)
{
    struct env e;
    setup(&e);
    WCHAR buf[16];
    ULONG got;
    expect_bugcheck_params(0xCA, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0x2,
                           (ULONG_PTR)e.info.Fdo, (ULONG_PTR)e.info.Driver, 0);
    IoGetDeviceProperty(e.info.Fdo, DevicePropertyDeviceDescription, sizeof buf, buf, &got);
}

/* ---- IoOpenDeviceRegistryKey (nf-wdm-ioopendeviceregistrykey.md) ---------------------------- */

TEST(device_registry_keys_are_device_parameters_and_the_driver_key)
{
    struct env e;
    setup(&e);
    write_enum_values();
    HANDLE key;
    PDEVICE_OBJECT pdo = e.info.Pdo[0];
    ok_status(IoOpenDeviceRegistryKey(pdo, PLUGPLAY_REGKEY_DEVICE, KEY_ALL_ACCESS, &key),
              STATUS_SUCCESS);
    ZwClose(key);
    ok(key_exists(ENUM0 "\\Device Parameters"), "Enum\\<instance>\\Device Parameters made");
    ok_status(IoOpenDeviceRegistryKey(pdo, PLUGPLAY_REGKEY_DRIVER, KEY_ALL_ACCESS, &key),
              STATUS_SUCCESS);
    ZwClose(key);
    ok(key_exists("\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Class\\"
                  "{4d36e97d-e325-11ce-bfc1-08002be10318}\\0000"),
       "the software key named by Driver");
    ok_status(IoOpenDeviceRegistryKey(
                  pdo, PLUGPLAY_REGKEY_DEVICE | PLUGPLAY_REGKEY_CURRENT_HWPROFILE, KEY_READ, &key),
              STATUS_SUCCESS);
    ZwClose(key);
    ok(key_exists("\\Registry\\Machine\\System\\CurrentControlSet\\Hardware Profiles\\Current\\"
                  "System\\CurrentControlSet\\Enum\\ROOT\\IFTEST\\0000"),
       "the hardware-profile key");
    /* Documented errors: an illegal set of flags, a device object that is not a PDO. */
    ok_status(IoOpenDeviceRegistryKey(pdo, PLUGPLAY_REGKEY_DEVICE | PLUGPLAY_REGKEY_DRIVER,
                                      KEY_READ, &key),
              STATUS_INVALID_PARAMETER);
    ok_status(IoOpenDeviceRegistryKey(pdo, PLUGPLAY_REGKEY_CURRENT_HWPROFILE, KEY_READ, &key),
              STATUS_INVALID_PARAMETER);
    ok_status(IoOpenDeviceRegistryKey(e.info.Fdo, PLUGPLAY_REGKEY_DEVICE, KEY_READ, &key),
              STATUS_INVALID_DEVICE_REQUEST);
    /* A device without a hardware key (nothing installed) has neither. */
    ok_status(IoOpenDeviceRegistryKey(e.info.Pdo[1], PLUGPLAY_REGKEY_DRIVER, KEY_READ, &key),
              STATUS_OBJECT_NAME_NOT_FOUND);
    teardown(&e);
}
