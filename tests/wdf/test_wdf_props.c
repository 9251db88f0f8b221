/*
 * test_wdf_props.c - a framework device's properties (WdfDeviceQueryProperty and its family,
 * the unified property model's Ex forms over IoGetDevicePropertyData/IoSetDevicePropertyData),
 * WdfFdoQueryForInterface, WdfDeviceAssignMofResourceName and the control devices' shutdown
 * notification (gkmdf). Drivers: drivers/wdfprops.c (wdfprops above the WDM lower filter
 * drivers/wdfpropslow.c, installed from drivers/wdfprops.inf; wdfpropsctl, two control
 * devices). Each expected value is what the reference pages say Windows does.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/wdfprops.h"

#define INF      WDF_TEST_DIR "/drivers/wdfprops.inf"
#define IFACE    WPR_IFACE_TEXT
#define HWID     "WDFPROPS\\DEV"
#define DESC     "Framework property test device"
#define INSTANCE "ROOT\\WDFPROPSTEST\\0000"

#define STATUS_SUCCESS_                ((int32_t)0x00000000)
#define STATUS_BUFFER_TOO_SMALL_       ((int32_t)0xC0000023)
#define STATUS_OBJECT_NAME_NOT_FOUND_  ((int32_t)0xC0000034)
#define STATUS_INVALID_PARAMETER_      ((int32_t)0xC000000D)
#define STATUS_INVALID_PARAMETER_2_    ((int32_t)0xC00000F0)
#define STATUS_INVALID_DEVICE_REQUEST_ ((int32_t)0xC0000010)
#define STATUS_NOT_SUPPORTED_          ((int32_t)0xC00000BB)
#define STATUS_ACCESS_DENIED_          ((int32_t)0xC0000022)

/* DEVICE_REGISTRY_PROPERTY (wdm.h) */
#define DevicePropertyDeviceDescription 0
#define DevicePropertyHardwareID        1
#define DevicePropertyBusNumber         14
#define DevicePropertyEnumeratorName    15
#define DevicePropertyFriendlyName      9
/* DEVPROPTYPE (devpropdef.h) */
#define DEVPROP_TYPE_UINT32      0x07
#define DEVPROP_TYPE_STRING      0x12
#define DEVPROP_TYPE_STRING_LIST 0x2012
#define DEVPROP_TYPE_BINARY      0x1003

/* The UTF-16 form of `text` followed by `nuls` NULs into out; returns its size in bytes. */
static unsigned utf16(const char *text, int nuls, unsigned char *out)
{
    unsigned n = 0;
    for (; *text; text++, n += 2)
        out[n] = (unsigned char)*text, out[n + 1] = 0;
    for (; nuls > 0; nuls--, n += 2)
        out[n] = out[n + 1] = 0;
    return n;
}

static drvhost_file *create_and_open(void)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f = NULL;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(HWID, NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok_status(drvhost_open_interface(IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

/* The driver answers in a buffer as large as its largest reply (struct wpr_init). */
static void ioctl(drvhost_file *f, uint32_t code, const void *in, size_t in_size, void *out,
                  size_t out_size)
{
    unsigned char reply[512];
    memset(reply, 0xCC, sizeof reply);
    ok_status(harness_ioctl(f, code, in, in_size, reply, sizeof reply, NULL), STATUS_SUCCESS_);
    memcpy(out, reply, out_size < sizeof reply ? out_size : sizeof reply);
}

static struct wpr_data query(drvhost_file *f, uint32_t code, unsigned property, unsigned length)
{
    struct wpr_query_in in = {property, length};
    struct wpr_data out;
    memset(&out, 0xCC, sizeof out);
    ioctl(f, code, &in, sizeof in, &out, sizeof out);
    return out;
}

static struct wpr_data query_ex(drvhost_file *f, uint32_t code, unsigned key, unsigned lcid,
                                unsigned length)
{
    struct wpr_queryex_in in = {key, lcid, length};
    struct wpr_data out;
    memset(&out, 0xCC, sizeof out);
    ioctl(f, code, &in, sizeof in, &out, sizeof out);
    return out;
}

static int32_t assign(drvhost_file *f, unsigned key, unsigned type, unsigned lcid, const void *data,
                      unsigned size)
{
    struct wpr_assign_in in = {key, type, size, lcid, data == NULL, {0}};
    int32_t status = -1;
    if (data != NULL)
        memcpy(in.data, data, size);
    ioctl(f, IOCTL_WPR_ASSIGN, &in, sizeof in, &status, sizeof status);
    return status;
}

TEST(init_routines_query_the_pdos_properties_before_device_create)
{
    unsigned char hwid[64];
    unsigned hwid_size = utf16(HWID, 2, hwid); /* REG_MULTI_SZ: one string and the list's end */
    struct wpr_init seen;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    memset(&seen, 0xCC, sizeof seen);
    ioctl(f, IOCTL_WPR_INIT, NULL, 0, &seen, sizeof seen);
    ok_status(seen.small_status, STATUS_BUFFER_TOO_SMALL_);
    ok(seen.small_length == hwid_size, "required %u, expected %u\n", seen.small_length, hwid_size);
    ok_status(seen.full_status, STATUS_SUCCESS_);
    ok(seen.full_length == hwid_size && memcmp(seen.hwid, hwid, hwid_size) == 0,
       "hardware IDs: %u bytes\n", seen.full_length);
    ok_status(seen.alloc_status, STATUS_SUCCESS_);
    ok(seen.alloc_size == (strlen(DESC) + 1) * 2, "description: %u bytes\n", seen.alloc_size);
    ok_status(seen.ex_status, STATUS_BUFFER_TOO_SMALL_);
    ok(seen.ex_length == hwid_size, "Ex required %u, expected %u\n", seen.ex_length, hwid_size);
    ok_status(seen.allocex_status, STATUS_SUCCESS_);
    ok(seen.allocex_type == DEVPROP_TYPE_STRING_LIST, "type 0x%x\n", seen.allocex_type);
    ok_status(seen.key_status, STATUS_SUCCESS_);
    ok_status(seen.bad_key_status, STATUS_INVALID_PARAMETER_);
}

TEST(query_property_too_small_gives_the_required_length_then_the_data)
{
    unsigned char hwid[64];
    unsigned hwid_size = utf16(HWID, 2, hwid);
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyHardwareID, 2);
    ok_status(d.status, STATUS_BUFFER_TOO_SMALL_);
    ok(d.length == hwid_size, "required %u, expected %u\n", d.length, hwid_size);
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyHardwareID, 0);
    ok_status(d.status, STATUS_BUFFER_TOO_SMALL_);
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyHardwareID, sizeof d.data);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.length == hwid_size && memcmp(d.data, hwid, hwid_size) == 0, "%u bytes\n", d.length);
}

TEST(a_property_the_device_lacks_and_an_unknown_one_fail)
{
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyFriendlyName, sizeof d.data);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyBusNumber, sizeof d.data);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
    d = query(f, IOCTL_WPR_QUERY, 0x999, sizeof d.data);
    ok_status(d.status, STATUS_INVALID_PARAMETER_2_);
    d = query(f, IOCTL_WPR_ALLOC, DevicePropertyFriendlyName, 0);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
}

TEST(alloc_and_query_property_gives_a_memory_object_of_the_propertys_size)
{
    unsigned char root[16], desc[80];
    unsigned root_size = utf16("ROOT", 1, root), desc_size = utf16(DESC, 1, desc);
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    d = query(f, IOCTL_WPR_ALLOC, DevicePropertyEnumeratorName, 0);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.length == root_size && memcmp(d.data, root, root_size) == 0, "enumerator: %u bytes\n",
       d.length);
    d = query(f, IOCTL_WPR_ALLOC, DevicePropertyDeviceDescription, 0);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.length == desc_size && memcmp(d.data, desc, desc_size) == 0, "%u bytes\n", d.length);
}

TEST(an_assigned_property_reads_back_with_its_type_and_size)
{
    uint32_t value = 0x12345678, got;
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, sizeof d.data);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_UINT32, 0, &value, 4), STATUS_SUCCESS_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, 0);
    ok_status(d.status, STATUS_BUFFER_TOO_SMALL_);
    ok(d.length == 4, "required %u\n", d.length);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, 4);
    ok_status(d.status, STATUS_SUCCESS_);
    memcpy(&got, d.data, 4);
    ok(d.length == 4 && d.type == DEVPROP_TYPE_UINT32 && got == value, "%u bytes, 0x%x, 0x%x\n",
       d.length, d.type, got);
    d = query_ex(f, IOCTL_WPR_ALLOCEX, WPR_KEY_CUSTOM, 0, 0);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.length == 4 && d.type == DEVPROP_TYPE_UINT32, "%u bytes, 0x%x\n", d.length, d.type);
    /* another locale has its own value */
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0x409, 4);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
}

TEST(assigning_null_data_deletes_the_property)
{
    unsigned char text[32];
    unsigned size = utf16("toast", 1, text);
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_STRING, 0, text, size), STATUS_SUCCESS_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, sizeof d.data);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.type == DEVPROP_TYPE_STRING && d.length == size && memcmp(d.data, text, size) == 0,
       "0x%x, %u bytes\n", d.type, d.length);
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_STRING, 0, NULL, 0), STATUS_SUCCESS_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, sizeof d.data);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_);
}

TEST(data_that_does_not_fit_its_devproptype_is_invalid_parameter)
{
    unsigned char text[32], bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    unsigned size = utf16("toast", 0, text); /* not NUL-terminated */
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_UINT32, 0, bytes, 3),
              STATUS_INVALID_PARAMETER_);
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_STRING, 0, text, size),
              STATUS_INVALID_PARAMETER_);
    ok_status(assign(f, WPR_KEY_CUSTOM, 0x1A, 0, bytes, 4), STATUS_INVALID_PARAMETER_);
    ok_status(assign(f, WPR_KEY_CUSTOM, 0x2007 /* a LIST of UINT32 */, 0, bytes, 8),
              STATUS_INVALID_PARAMETER_);
    ok_status(assign(f, WPR_KEY_BAD_SIZE, DEVPROP_TYPE_BINARY, 0, bytes, 8),
              STATUS_INVALID_PARAMETER_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, sizeof d.data);
    ok_status(d.status, STATUS_OBJECT_NAME_NOT_FOUND_); /* nothing was stored */
    ok_status(assign(f, WPR_KEY_CUSTOM, DEVPROP_TYPE_BINARY, 0, bytes, 8), STATUS_SUCCESS_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_BAD_SIZE, 0, sizeof d.data);
    ok_status(d.status, STATUS_INVALID_PARAMETER_);
}

TEST(the_devices_registry_properties_read_through_the_unified_model)
{
    unsigned char hwid[64];
    unsigned hwid_size = utf16(HWID, 2, hwid);
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_HWIDS, 0, sizeof d.data);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.type == DEVPROP_TYPE_STRING_LIST && d.length == hwid_size &&
           memcmp(d.data, hwid, hwid_size) == 0,
       "0x%x, %u bytes\n", d.type, d.length);
    ok_status(assign(f, WPR_KEY_HWIDS, DEVPROP_TYPE_STRING_LIST, 0, hwid, hwid_size),
              STATUS_ACCESS_DENIED_);
}

TEST(fdo_query_for_interface_gets_the_lower_filters_interface)
{
    unsigned which = WPR_QI_LOWER;
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ioctl(f, IOCTL_WPR_QI, &which, sizeof which, &d, sizeof d);
    ok_status(d.status, STATUS_SUCCESS_);
    ok(d.length == WPR_LOWER_MAGIC && d.type == WPR_LOWER_VERSION, "magic 0x%x, version %u\n",
       d.length, d.type);
    /* The lower filter bug-checks at the removal if its reference was not given back. */
    ok_status(drvhost_close(f), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
}

TEST(fdo_query_for_an_interface_nobody_provides_fails)
{
    unsigned which = WPR_QI_UNKNOWN;
    struct wpr_data d;
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ioctl(f, IOCTL_WPR_QI, &which, sizeof which, &d, sizeof d);
    ok_status(d.status, STATUS_NOT_SUPPORTED_);
    which = WPR_QI_NULL;
    ioctl(f, IOCTL_WPR_QI, &which, sizeof which, &d, sizeof d);
    ok_status(d.status, STATUS_INVALID_PARAMETER_);
}

TEST(the_mof_resource_name_is_assigned_once)
{
    int32_t status[2];
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ioctl(f, IOCTL_WPR_MOF, NULL, 0, status, sizeof status);
    ok_status(status[0], STATUS_SUCCESS_);
    ok_status(status[1], STATUS_INVALID_DEVICE_REQUEST_);
}

/* Microsoft: PASSIVE_LEVEL; above it the IRQL check's bug check names the device. */
TEST(query_property_at_dispatch_level_is_irql_not_less_or_equal)
{
    uint64_t handle[1] = {0};
    drvhost_file *f = create_and_open();
    if (f == NULL)
        return;
    ioctl(f, IOCTL_WPR_HANDLE, NULL, 0, handle, sizeof handle);
    expect_bugcheck_p1(0xA, handle[0]);
    ioctl(f, IOCTL_WPR_DISPATCH, NULL, 0, NULL, 0);
}

/* A control device has no PDO, so no properties. drvhost's "system shutdown" is
 * drvhost_shutdown: the ordinary notification (1), then the last-chance one (2), which
 * bug-checks 0xE2 with the sequence 0x12, after the body (the harness's shutdown). */
TEST(control_devices_get_their_shutdown_notifications_ordinary_first)
{
    struct wpr_data d;
    drvhost_file *f = harness_open_driver("wdfpropsctl", "\\\\.\\WprShut");
    if (f == NULL)
        return;
    d = query(f, IOCTL_WPR_QUERY, DevicePropertyHardwareID, sizeof d.data);
    ok_status(d.status, STATUS_INVALID_DEVICE_REQUEST_);
    d = query_ex(f, IOCTL_WPR_QUERYEX, WPR_KEY_CUSTOM, 0, sizeof d.data);
    ok_status(d.status, STATUS_INVALID_DEVICE_REQUEST_);
    expect_bugcheck_p1(0xE2, 0x12);
    expect_bugcheck_at_shutdown();
}

TEST(a_deleted_control_device_gets_no_shutdown_notification)
{
    char out[512];
    drvhost_file *f = harness_open_driver("wdfpropsctl", "\\\\.\\WprLast");
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_WPR_DELETE, NULL, 0, out, sizeof out, NULL),
              STATUS_INVALID_PARAMETER_); /* the driver's reply to a request without output */
    expect_bugcheck_p1(0xE2, 0x2);        /* only the other device's notification, at shutdown */
    expect_bugcheck_at_shutdown();
}
