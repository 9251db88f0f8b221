/*
 * test_wdf_devpnp.c - what a framework driver tells the framework about its device's place in
 * PnP (session 10, wdeva; drivers/wdfrel.c installed from drivers/wdfrel.inf on
 * root-enumerated devices): removal relations reported in IRP_MN_QUERY_DEVICE_RELATIONS and
 * acted on by the PnP manager, WdfDeviceSetStaticStopRemove, and the power-pageable settings of
 * the WDFDEVICE_INIT. Expected values: Microsoft's pages of each routine and of
 * IRP_MN_QUERY_DEVICE_RELATIONS; drvhost's choices are named where the pages name nothing.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define INF                          WDF_TEST_DIR "/drivers/wdfrel.inf"
#define IFACE                        "{5be0f6c4-2d71-4c3e-9a58-0e6b7d41c2a3}"
#define CTL(function)                ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_REL_WHO                CTL(0xC00)
#define IOCTL_REL_ADD                CTL(0xC01)
#define IOCTL_REL_REMOVE             CTL(0xC02)
#define IOCTL_REL_CLEAR              CTL(0xC03)
#define IOCTL_REL_QUERY              CTL(0xC04)
#define IOCTL_REL_STATIC             CTL(0xC05)
#define IOCTL_REL_FLAGS              CTL(0xC06)
#define IOCTL_REL_VETO               CTL(0xC07)
#define IOCTL_REL_PDO_ONLY           CTL(0xC08)
#define IOCTL_REL_IFACE_NAME         CTL(0xC09)
#define IOCTL_REL_QI_ADD             CTL(0xC0A)
#define IOCTL_REL_QI_QUERY           CTL(0xC0B)
#define IOCTL_REL_SPECIAL            CTL(0xC0C)
#define IOCTL_REL_DEP_ADD            CTL(0xC0D)
#define IOCTL_REL_DEP_REMOVE         CTL(0xC0E)
#define IOCTL_REL_USAGE              CTL(0xC0F)
#define IOCTL_REL_USAGE_VETO         CTL(0xC10)
#define IOCTL_REL_LOG                CTL(0xC11)
#define PAGING                       1u /* WdfSpecialFilePaging, DeviceUsageTypePaging */
#define HIBERNATION                  2u
#define STATUS_INFO_LENGTH_MISMATCH_ ((int32_t)0xC0000004)
#define WDFREL_INTERFACE_SIZE        40 /* INTERFACE (32 bytes) and one function pointer */

#define STATUS_SUCCESS_               0x00000000
#define STATUS_DEVICE_BUSY_           ((int32_t)0x80000011)
#define STATUS_INVALID_PARAMETER_     ((int32_t)0xC000000D)
#define STATUS_NOT_SUPPORTED_         ((int32_t)0xC00000BB)
#define STATUS_OBJECT_NAME_NOT_FOUND_ ((int32_t)0xC0000034)
#define RELATION_EJECTION             1u /* DEVICE_RELATION_TYPE: EjectionRelations */
#define RELATION_REMOVAL              3u /* RemovalRelations */
#define DO_POWER_PAGABLE_             0x00002000u
#define DO_POWER_INRUSH_              0x00004000u

static void create(const char *hwid, char *instance, size_t size)
{
    char msg[512] = "";
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(hwid, NULL, 0, instance, size), STATUS_SUCCESS_);
}

static int32_t ioctl_u32(drvhost_file *f, uint32_t code, uint32_t in)
{
    return harness_ioctl(f, code, &in, sizeof in, NULL, 0, NULL);
}

/* The enabled interface of the driver's device number `n` (IOCTL_REL_WHO), or NULL. */
static drvhost_file *open_number(uint32_t n)
{
    for (unsigned i = 0; i < 8; i++) {
        drvhost_file *f = NULL;
        uint32_t who = ~0u;
        if (drvhost_open_interface(IFACE, i, 0xC0000000u, &f) != STATUS_SUCCESS_)
            return NULL;
        if (harness_ioctl(f, IOCTL_REL_WHO, NULL, 0, &who, sizeof who, NULL) == STATUS_SUCCESS_ &&
            who == n)
            return f;
        drvhost_close(f);
    }
    return NULL;
}

/* Device `n`, or NULL with a failed check. */
static drvhost_file *must_open(uint32_t n)
{
    drvhost_file *f = open_number(n);
    ok(f != NULL, "device %u not found\n", n);
    return f;
}

/* A new device of WDFREL\DEV, the driver's first: opened (NULL with a failed check). */
static drvhost_file *one_device(char instance[64])
{
    create("WDFREL\\DEV", instance, 64);
    return must_open(0);
}

/* The device's answer to a query of `type` sent to the top of its stack: out[0] the status,
 * out[1] the count, then the numbers listed. */
static void query(drvhost_file *f, uint32_t type, uint32_t out[8])
{
    memset(out, 0xEE, 8 * sizeof(uint32_t));
    ok_status(
        harness_ioctl(f, IOCTL_REL_QUERY, &type, sizeof type, out, 8 * sizeof(uint32_t), NULL),
        STATUS_SUCCESS_);
}

static char *tree_text(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    ok_status(drvhost_pnp_tree(f), STATUS_SUCCESS_);
    fclose(f);
    return text;
}

/* The device's line in the tree shows `state`. */
static void expect_state(const char *instance, const char *state)
{
    char *t = tree_text(), want[128];
    snprintf(want, sizeof want, "%s %s ", instance, state);
    ok(t != NULL && strstr(t, want) != NULL, "expected '%s' in the tree:\n%s", want,
       t != NULL ? t : "");
    free(t);
}

static void three_devices(char instance[3][64])
{
    for (int i = 0; i < 3; i++)
        create("WDFREL\\DEV", instance[i], 64);
}

/* Three devices, the first two opened (FALSE with a failed check: nothing open). */
static int three_devices_two_open(char instance[3][64], drvhost_file **f, drvhost_file **g)
{
    three_devices(instance);
    *f = must_open(0);
    *g = must_open(1);
    if (*f != NULL && *g != NULL)
        return 1;
    if (*f != NULL)
        drvhost_close(*f);
    if (*g != NULL)
        drvhost_close(*g);
    return 0;
}

/* Microsoft (WdfDeviceAddRemovalRelationsPhysicalDevice, Remove..., Clear...; the IRP's
 * "RemovalRelations Request"): the framework answers with the PDOs the driver listed, each
 * once; NULL is STATUS_INVALID_PARAMETER; without relations the IRP passes untouched (the root
 * bus completes it with the status it came with). Ejection relations are a PDO's only. */
TEST(removal_relations_answer_the_query_and_follow_the_routines)
{
    char instance[3][64];
    uint32_t out[8];
    drvhost_file *f;
    three_devices(instance);
    f = must_open(0);
    if (f == NULL)
        return;
    query(f, RELATION_REMOVAL, out);
    ok((int32_t)out[0] == STATUS_NOT_SUPPORTED_ && out[1] == 0, "empty: 0x%08X, %u\n", out[0],
       out[1]);
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 2), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 0xFFFFFFFFu), STATUS_INVALID_PARAMETER_);
    query(f, RELATION_REMOVAL, out);
    ok(out[0] == 0 && out[1] == 2 && ((out[2] == 1 && out[3] == 2) || (out[2] == 2 && out[3] == 1)),
       "1 and 2: 0x%08X, %u: %u %u\n", out[0], out[1], out[2], out[3]);
    query(f, RELATION_EJECTION, out); /* a function device reports no ejection relations */
    ok((int32_t)out[0] == STATUS_NOT_SUPPORTED_ && out[1] == 0, "ejection: 0x%08X, %u\n", out[0],
       out[1]);
    ok_status(ioctl_u32(f, IOCTL_REL_REMOVE, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_REMOVE, 1), STATUS_SUCCESS_); /* not listed: nothing */
    query(f, RELATION_REMOVAL, out);
    ok(out[0] == 0 && out[1] == 1 && out[2] == 2, "2 alone: 0x%08X, %u: %u\n", out[0], out[1],
       out[2]);
    ok_status(harness_ioctl(f, IOCTL_REL_CLEAR, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    query(f, RELATION_REMOVAL, out);
    ok((int32_t)out[0] == STATUS_NOT_SUPPORTED_ && out[1] == 0, "cleared: 0x%08X, %u\n", out[0],
       out[1]);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}

/* Microsoft ("RemovalRelations Request", "Handling an IRP_MN_QUERY_REMOVE_DEVICE Request"): the
 * PnP manager queries the relations before it removes the device's drivers and removes theirs
 * too. drvhost's simplification (docs/pnp.md): the relation's node stays, removed, and starts
 * again when enabled. */
TEST(removing_a_device_removes_its_removal_relations)
{
    char instance[3][64];
    drvhost_file *f, *g;
    three_devices(instance);
    f = must_open(0);
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 1), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok(open_number(0) == NULL, "device 0 still has its interface\n");
    ok(open_number(1) == NULL, "its removal relation, device 1, still has its interface\n");
    expect_state(instance[1], "removed"); /* the deviation: its node stays */
    g = open_number(2);
    ok(g != NULL, "device 2, not related, was removed\n");
    if (g != NULL)
        drvhost_close(g);
    ok_status(drvhost_device_action(instance[1], DRVHOST_DEVICE_ENABLE), STATUS_SUCCESS_);
    g = open_number(3); /* its driver's fourth device */
    ok(g != NULL, "device 1 did not start again when enabled\n");
    if (g != NULL)
        drvhost_close(g);
}

/* Microsoft: a relation is queried for removal with the device; its veto keeps both. */
TEST(a_removal_relation_vetoing_keeps_the_device)
{
    char instance[3][64];
    drvhost_file *f, *g;
    if (!three_devices_two_open(instance, &f, &g))
        return;
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 1), STATUS_SUCCESS_);
    ok_status(harness_ioctl(g, IOCTL_REL_VETO, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_close(g), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE), STATUS_DEVICE_BUSY_);
    f = open_number(0);
    g = open_number(1);
    ok(f != NULL && g != NULL, "a vetoed removal removed a device\n");
    expect_state(instance[0], "started"); /* CANCEL_REMOVE_DEVICE to both */
    expect_state(instance[1], "started");
    if (f != NULL)
        drvhost_close(f);
    if (g != NULL)
        drvhost_close(g);
    /* the veto was for one query: the removal goes through now, the relation with it */
    ok_status(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok(open_number(1) == NULL, "device 1 stayed\n");
}

/* Microsoft (WdfDeviceSetStaticStopRemove; "Handling Requests to Stop a Device"): while a FALSE
 * is not matched by a TRUE the device can be neither stopped nor removed. The refusal's status
 * is drvhost's choice (STATUS_DEVICE_BUSY); the check is that it fails. */
TEST(static_stop_remove_refuses_stop_and_removal_until_matched)
{
    char instance[64];
    uint8_t no = 0, yes = 1;
    drvhost_file *f;
    f = one_device(instance);
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_REL_STATIC, &no, 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(harness_ioctl(f, IOCTL_REL_STATIC, &no, 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(harness_ioctl(f, IOCTL_REL_STATIC, &yes, 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok(drvhost_device_action(instance, DRVHOST_DEVICE_RESTART) < 0, "stopped\n");
    ok(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE) < 0, "removed\n");
    f = open_number(0);
    ok(f != NULL, "the device does not serve I/O after the refusals\n");
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_REL_STATIC, &yes, 1, NULL, 0, NULL), STATUS_SUCCESS_);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_RESTART), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

/* The device object's flags (own, top of the stack) of the only device of `hwid`. */
static void expect_flags(const char *hwid, uint32_t own, uint32_t top)
{
    char instance[64];
    uint32_t out[2] = {~0u, ~0u};
    drvhost_file *f;
    create(hwid, instance, sizeof instance);
    f = open_number(0);
    ok(f != NULL, "%s: no device\n", hwid);
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_REL_FLAGS, NULL, 0, out, sizeof out, NULL), STATUS_SUCCESS_);
    ok(out[0] == own && out[1] == top, "%s: flags 0x%X, top 0x%X; expected 0x%X, 0x%X\n", hwid,
       out[0], out[1], own, top);
    drvhost_close(f);
    ok_status(drvhost_device_action(instance, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

/* Microsoft (WdfDeviceInitSetPowerPageable, NotPageable, Inrush): a function driver's device is
 * power-pageable by default; NotPageable clears it; Inrush sets DO_POWER_INRUSH and makes the
 * device non-pageable; a filter's call has no effect: it takes the setting of the driver below. */
TEST(power_flags_follow_the_init_settings)
{
    expect_flags("WDFREL\\DEV", DO_POWER_PAGABLE_, DO_POWER_PAGABLE_);
    expect_flags("WDFREL\\NOTPAGE", 0, 0);
    expect_flags("WDFREL\\PAGE", DO_POWER_PAGABLE_, DO_POWER_PAGABLE_);
    expect_flags("WDFREL\\INRUSH", DO_POWER_INRUSH_, DO_POWER_INRUSH_);
    expect_flags("WDFREL\\INRUSHFILTERED", DO_POWER_INRUSH_, DO_POWER_INRUSH_);
}

/* Microsoft (WdfPdoAddEjectionRelationsPhysicalDevice: "a handle to a framework device object"
 * of a PDO): another device is the framework's bug check 0x10D, parameter 1 0x5 (invalid
 * handle). */
TEST(ejection_relations_of_a_function_device_are_wdf_violation)
{
    char instance[64];
    drvhost_file *f;
    f = one_device(instance);
    if (f == NULL)
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1, 0x5, 0, 0, 0);
    harness_ioctl(f, IOCTL_REL_PDO_ONLY, NULL, 0, NULL, 0, NULL);
}

/* Microsoft (WdfDeviceRetrieveDeviceInterfaceString): the symbolic link name the system gave
 * the interface (drvhost's form: \??\ + the instance ID with '#' for '\' + '#' + the class);
 * a class or reference string the driver did not create: STATUS_OBJECT_NAME_NOT_FOUND. */
TEST(the_interface_string_is_its_symbolic_link_name)
{
    char instance[64], want[160], got[160];
    uint16_t name[160];
    drvhost_iosb iosb = {0};
    uint8_t which = 0;
    drvhost_file *f;
    f = one_device(instance);
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_REL_IFACE_NAME, &which, 1, name, sizeof name, &iosb),
              STATUS_SUCCESS_);
    memset(got, 0, sizeof got);
    for (size_t i = 0; i < iosb.information / 2 && i < sizeof got - 1; i++)
        got[i] = (char)name[i];
    snprintf(want, sizeof want, "\\??\\%s#%s", instance, IFACE);
    for (char *p = want + 4; *p != 0; p++)
        if (*p == '\\')
            *p = '#';
    ok(strcasecmp(got, want) == 0, "name '%s', expected '%s'\n", got, want);
    which = 1;
    ok_status(harness_ioctl(f, IOCTL_REL_IFACE_NAME, &which, 1, name, sizeof name, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND_);
    which = 2;
    ok_status(harness_ioctl(f, IOCTL_REL_IFACE_NAME, &which, 1, name, sizeof name, NULL),
              STATUS_OBJECT_NAME_NOT_FOUND_);
    drvhost_close(f);
}

/* The answer to IRP_MN_QUERY_INTERFACE for class `which` (1 one-way, 2 two-way, 3 none). */
static void qi(drvhost_file *f, uint32_t which, uint32_t size, uint32_t version, uint32_t specific,
               uint32_t out[5])
{
    uint32_t in[4] = {which, size, version, specific};
    memset(out, 0xEE, 5 * sizeof(uint32_t));
    ok_status(harness_ioctl(f, IOCTL_REL_QI_QUERY, in, sizeof in, out, 5 * sizeof(uint32_t), NULL),
              STATUS_SUCCESS_);
}

/* Microsoft (WdfDeviceAddQueryInterface, WDF_QUERY_INTERFACE_CONFIG): a wrong Size is
 * STATUS_INFO_LENGTH_MISMATCH; a one-way interface without Interface, a two-way one without
 * callback, no InterfaceType: STATUS_INVALID_PARAMETER. The framework answers
 * IRP_MN_QUERY_INTERFACE from its copy of the interface (the driver's was temporary) when the
 * GUID, size and version match, calls the interface's InterfaceReference (WDM's rule), hands a
 * two-way interface to the callback (which reads the requester's specific data); an interface
 * nobody exports passes down (STATUS_NOT_SUPPORTED from the root bus). A rejected size or
 * version is STATUS_INVALID_PARAMETER (drvhost's choice; the check is that it fails). */
TEST(query_interfaces_are_answered_from_the_framework_s_copy)
{
    char instance[64];
    uint32_t out[5];
    drvhost_file *f;
    f = one_device(instance);
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 2), STATUS_INFO_LENGTH_MISMATCH_);
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 3), STATUS_INVALID_PARAMETER_);
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 4), STATUS_INVALID_PARAMETER_);
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 5), STATUS_INVALID_PARAMETER_);
    qi(f, 1, WDFREL_INTERFACE_SIZE, 1, 0, out); /* not added yet */
    ok((int32_t)out[0] == STATUS_NOT_SUPPORTED_, "before: 0x%08X\n", out[0]);
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 0), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_QI_ADD, 1), STATUS_SUCCESS_);
    qi(f, 1, WDFREL_INTERFACE_SIZE, 1, 0, out);
    ok(out[0] == 0 && out[1] == 100 && out[2] == 1 && out[3] == WDFREL_INTERFACE_SIZE &&
           out[4] == 1,
       "one-way: 0x%08X, Get %u, references %u, Size %u, Version %u\n", out[0], out[1], out[2],
       out[3], out[4]);
    qi(f, 1, WDFREL_INTERFACE_SIZE, 2, 0, out);
    ok((int32_t)out[0] < 0 && out[2] == 0, "another version: 0x%08X, references %u\n", out[0],
       out[2]);
    qi(f, 1, WDFREL_INTERFACE_SIZE - 8, 1, 0, out);
    ok((int32_t)out[0] < 0, "another size: 0x%08X\n", out[0]);
    qi(f, 2, WDFREL_INTERFACE_SIZE, 1, 7, out);
    ok(out[0] == 0 && out[1] == 7 && out[2] == 1, "two-way: 0x%08X, Get %u, references %u\n",
       out[0], out[1], out[2]);
    qi(f, 3, WDFREL_INTERFACE_SIZE, 1, 0, out);
    ok((int32_t)out[0] == STATUS_NOT_SUPPORTED_, "nobody's: 0x%08X\n", out[0]);
    drvhost_close(f);
}

static void special(drvhost_file *f, uint32_t type, uint32_t supported)
{
    uint32_t in[2] = {type, supported};
    ok_status(harness_ioctl(f, IOCTL_REL_SPECIAL, in, sizeof in, NULL, 0, NULL), STATUS_SUCCESS_);
}

/* The status of IRP_MN_DEVICE_USAGE_NOTIFICATION sent to the top of the device's stack. */
static int32_t usage(drvhost_file *f, uint32_t type, uint32_t in_path)
{
    uint32_t in[2] = {type, in_path}, out = 0xEEEEEEEEu;
    ok_status(harness_ioctl(f, IOCTL_REL_USAGE, in, sizeof in, &out, sizeof out, NULL),
              STATUS_SUCCESS_);
    return (int32_t)out;
}

/* The device's log: relations calls, last type; usage calls, sequence, type, InPath. */
static void log_of(drvhost_file *f, uint32_t log[6])
{
    memset(log, 0xEE, 6 * sizeof(uint32_t));
    ok_status(harness_ioctl(f, IOCTL_REL_LOG, NULL, 0, log, 6 * sizeof(uint32_t), NULL),
              STATUS_SUCCESS_);
}

/* Microsoft (EvtDeviceRelationsQuery): the framework calls it when the PnP manager queries the
 * device's relations, here removal relations, before the device's list is reported. */
TEST(relations_queries_call_evt_device_relations_query)
{
    char instance[64];
    uint32_t out[8], log[6];
    drvhost_file *f;
    f = one_device(instance);
    if (f == NULL)
        return;
    log_of(f, log);
    ok(log[0] == 0, "called before any query: %u\n", log[0]);
    query(f, RELATION_REMOVAL, out);
    log_of(f, log);
    ok(log[0] == 1 && log[1] == RELATION_REMOVAL, "after a query: %u calls, type %u\n", log[0],
       log[1]);
    drvhost_close(f);
}

/* Microsoft ("Supporting Special Files", WdfDeviceSetSpecialFileSupport,
 * WdfDeviceAddDependentUsageDeviceObject, EvtDeviceUsageNotificationEx): support is off until
 * the driver turns it on (the notification fails, the callback is not called: the status is
 * drvhost's choice, STATUS_NOT_SUPPORTED); the devices a device depends on are notified before
 * it; while a special file is on the device it can be neither stopped nor removed; a NULL
 * dependent device is STATUS_INVALID_PARAMETER. */
TEST(special_files_notify_dependents_first_and_keep_the_device)
{
    char instance[3][64];
    uint32_t log0[6], log1[6];
    drvhost_file *f, *g;
    if (!three_devices_two_open(instance, &f, &g))
        return;
    ok(usage(f, PAGING, 1) == STATUS_NOT_SUPPORTED_, "unsupported paging file accepted\n");
    log_of(f, log0);
    ok(log0[2] == 0, "callback called for an unsupported type\n");
    special(f, PAGING, 1);
    special(g, PAGING, 1);
    ok_status(ioctl_u32(f, IOCTL_REL_DEP_ADD, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f, IOCTL_REL_DEP_ADD, 0xFFFFFFFFu), STATUS_INVALID_PARAMETER_);
    ok(usage(f, HIBERNATION, 1) == STATUS_NOT_SUPPORTED_, "hibernation file accepted\n");
    ok(usage(f, PAGING, 1) == STATUS_SUCCESS_, "paging file refused\n");
    log_of(f, log0);
    log_of(g, log1);
    ok(log0[2] == 1 && log0[4] == PAGING && log0[5] == 1 && log1[2] == 1 && log1[5] == 1 &&
           log1[3] < log0[3],
       "device 0: %u calls (seq %u, type %u, in %u); its dependent: %u calls (seq %u, in %u)\n",
       log0[2], log0[3], log0[4], log0[5], log1[2], log1[3], log1[5]);
    drvhost_close(f);
    drvhost_close(g);
    ok(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE) < 0,
       "removed with a paging file on it\n");
    ok(drvhost_device_action(instance[0], DRVHOST_DEVICE_RESTART) < 0,
       "stopped with a paging file on it\n");
    f = open_number(0);
    if (f == NULL) {
        ok(0, "device 0 gone\n");
        return;
    }
    ok(usage(f, PAGING, 0) == STATUS_SUCCESS_, "leaving the path failed\n");
    drvhost_close(f);
    g = open_number(1);
    if (g != NULL) {
        log_of(g, log1);
        ok(log1[2] == 2 && log1[5] == 0, "the dependent was not told: %u calls, in %u\n", log1[2],
           log1[5]);
        drvhost_close(g);
    }
    ok_status(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

/* Microsoft (EvtDeviceUsageNotificationEx): a failure is propagated to the stacks notified
 * earlier (they leave the path again) and fails the notification; a dependent removed with
 * WdfDeviceRemoveDependentUsageDeviceObject is no longer told. */
TEST(a_failing_dependent_takes_the_others_out_of_the_path)
{
    char instance[3][64];
    uint32_t log[3][6];
    drvhost_file *f[3];
    three_devices(instance);
    for (uint32_t i = 0; i < 3; i++) {
        f[i] = must_open(i);
        if (f[i] == NULL)
            return;
        special(f[i], PAGING, 1);
    }
    ok_status(ioctl_u32(f[0], IOCTL_REL_DEP_ADD, 1), STATUS_SUCCESS_);
    ok_status(ioctl_u32(f[0], IOCTL_REL_DEP_ADD, 2), STATUS_SUCCESS_);
    ok_status(harness_ioctl(f[2], IOCTL_REL_USAGE_VETO, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    ok(usage(f[0], PAGING, 1) < 0, "a dependent's failure did not fail the notification\n");
    for (int i = 0; i < 3; i++)
        log_of(f[i], log[i]);
    ok(log[0][2] == 0, "device 0's callback called: %u\n", log[0][2]);
    ok(log[1][2] == 2 && log[1][5] == 0, "device 1 not taken out: %u calls, in %u\n", log[1][2],
       log[1][5]);
    ok(log[2][2] == 1, "device 2: %u calls\n", log[2][2]);
    ok_status(ioctl_u32(f[0], IOCTL_REL_DEP_REMOVE, 2), STATUS_SUCCESS_);
    ok(usage(f[0], PAGING, 1) == STATUS_SUCCESS_, "without device 2: refused\n");
    log_of(f[2], log[2]);
    ok(log[2][2] == 1, "device 2 told after its removal from the list: %u calls\n", log[2][2]);
    ok(usage(f[0], PAGING, 0) == STATUS_SUCCESS_, "leaving the path failed\n");
    /* the device's own callback fails: its dependent leaves the path again, no file counted */
    ok_status(harness_ioctl(f[0], IOCTL_REL_USAGE_VETO, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    ok(usage(f[0], PAGING, 1) < 0, "the device's failure did not fail the notification\n");
    log_of(f[1], log[1]);
    ok(log[1][5] == 0, "device 1 left in the path after device 0 failed\n");
    for (int i = 0; i < 3; i++)
        drvhost_close(f[i]);
    ok_status(drvhost_device_action(instance[0], DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

/* Microsoft (IRP_MN_QUERY_DEVICE_RELATIONS, RemovalRelations: "a function or filter driver
 * adds to the relations a driver above it reported"): a removal-relations query that reaches the
 * framework with a list already in it keeps that list and adds the device's own relations. */
TEST(removal_relations_are_added_to_a_list_from_above)
{
    char instance[3][64];
    uint32_t out[8], in[2] = {RELATION_REMOVAL, 2};
    drvhost_file *f;
    three_devices(instance);
    f = must_open(0);
    if (f == NULL)
        return;
    ok_status(ioctl_u32(f, IOCTL_REL_ADD, 1), STATUS_SUCCESS_);
    memset(out, 0xEE, sizeof out);
    ok_status(harness_ioctl(f, IOCTL_REL_QUERY, in, sizeof in, out, sizeof out, NULL),
              STATUS_SUCCESS_);
    ok(out[0] == 0 && out[1] == 2 && out[2] == 2 && out[3] == 1,
       "2 from above, then 1: 0x%08X, %u: %u %u\n", out[0], out[1], out[2], out[3]);
    ok_status(harness_ioctl(f, IOCTL_REL_CLEAR, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS_);
    memset(out, 0xEE, sizeof out); /* no relations of its own: the list from above unchanged */
    ok_status(harness_ioctl(f, IOCTL_REL_QUERY, in, sizeof in, out, sizeof out, NULL),
              STATUS_SUCCESS_);
    ok(out[0] == 0 && out[1] == 1 && out[2] == 2, "2 alone: 0x%08X, %u: %u\n", out[0], out[1],
       out[2]);
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
}
