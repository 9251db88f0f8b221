/*
 * test_wdf_support.c - the framework's support objects through a framework driver
 * (drivers/wdfsup.c): memory objects, lookaside lists, collections, strings, registry keys,
 * the request's buffers as memory objects, and the misuse the framework reports (bug check
 * 0x10D with the parameter 1 of Microsoft's bug-check page). The driver runs each group of
 * checks on its side (expected values: the documentation) and reports how many held.
 */
#include <wdm.h>

#include "drivers/wdfsup.h"
#include "harness.h"

#include <string.h>

#define WDFSUP_SERVICE "wdfsup"
#define WDFSUP_DEVICE  "\\\\.\\WdfSup"
#define WDFSUP_PARAMETERS                                                                          \
    L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wdfsup\\Parameters"

static WDFSUP_RESULT wdfsup_run(ULONG group)
{
    drvhost_file *f = harness_open_driver(WDFSUP_SERVICE, WDFSUP_DEVICE);
    WDFSUP_RESULT r;
    memset(&r, 0, sizeof(r));
    r.Failed = 1;
    if (f == NULL)
        return r;
    ok_status(harness_ioctl(f, IOCTL_S_RUN, &group, sizeof(group), &r, sizeof(r), NULL),
              STATUS_SUCCESS);
    ok(r.Failed == 0 && r.Checks > 0,
       "group %lu: %lu of %lu checks failed, the first at wdfsup.c:%lu\n", (unsigned long)group,
       (unsigned long)r.Failed, (unsigned long)r.Checks, (unsigned long)r.FirstLine);
    drvhost_close(f);
    return r;
}

/* WdfMemoryCreate (sizes, parents, references keep the buffer), WdfMemoryCreatePreallocated
 * and WdfMemoryAssignBuffer (the driver's buffer is never freed), CopyTo/FromBuffer offsets. */
TEST(memory_objects_create_preallocate_and_copy)
{
    wdfsup_run(WDFSUP_GROUP_MEMORY);
    ok_status(drvhost_driver_unload(WDFSUP_SERVICE), STATUS_SUCCESS);
}

/* Microsoft (Framework Object Creation Errors): the WDF_OBJECT_ATTRIBUTES errors of object
 * creation (WdfObjectCreate, WdfCollectionCreate, WdfMemoryCreate, WdfSpinLockCreate): a level
 * or scope out of range, a named context of size 0, a bad ContextSizeOverride. */
TEST(object_creation_refuses_invalid_attributes)
{
    wdfsup_run(WDFSUP_GROUP_ATTRIBUTES);
}

/* A deleted memory object's buffer goes back to its list: the next one gets the same buffer;
 * deleting the list deletes what the driver still has from it. */
TEST(lookaside_memory_returns_to_the_list)
{
    wdfsup_run(WDFSUP_GROUP_LOOKASIDE);
}

/* Order, removal shifting the indices, the collection's references on its items. */
TEST(collection_order_and_references)
{
    wdfsup_run(WDFSUP_GROUP_COLLECTION);
}

TEST(string_objects_copy_and_passive_level)
{
    wdfsup_run(WDFSUP_GROUP_STRING);
}

static HANDLE open_parameters(void)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE h = NULL;
    RtlInitUnicodeString(&name, WDFSUP_PARAMETERS);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenKey(&h, KEY_READ, &oa), STATUS_SUCCESS);
    return h;
}

static void query(HANDLE h, const WCHAR *value, ULONG *type, void *data, ULONG size)
{
    UNICODE_STRING name;
    UCHAR buf[256];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buf;
    ULONG result = 0;
    RtlInitUnicodeString(&name, value);
    ok_status(ZwQueryValueKey(h, &name, KeyValuePartialInformation, buf, sizeof(buf), &result),
              STATUS_SUCCESS);
    *type = info->Type;
    memcpy(data, info->Data, info->DataLength < size ? info->DataLength : size);
}

/* The registry group against the host registry: a value the host wrote is read by the driver
 * through WdfDriverOpenParametersRegistryKey, and what the driver assigned is read back here. */
TEST(registry_values_written_then_read_back)
{
    uint32_t from_host = 42;
    WDFSUP_RESULT r;
    HANDLE h;
    ULONG type = 0, dword = 0;
    WCHAR text[32];
    ok_status(drvhost_reg_set("HKLM\\SYSTEM\\CurrentControlSet\\Services\\wdfsup\\Parameters",
                              "FromHost", DRVHOST_REG_DWORD, &from_host, sizeof(from_host)),
              STATUS_SUCCESS);
    r = wdfsup_run(WDFSUP_GROUP_REGISTRY);
    ok(r.FromHost == 42, "the driver read FromHost = %lu\n", (unsigned long)r.FromHost);
    h = open_parameters();
    if (h == NULL)
        return;
    query(h, L"LeftULong", &type, &dword, sizeof(dword));
    ok(type == REG_DWORD && dword == WDFSUP_LEFT_ULONG, "LeftULong: type %lu value %#lx\n",
       (unsigned long)type, (unsigned long)dword);
    memset(text, 0, sizeof(text));
    query(h, L"LeftString", &type, text, sizeof(text) - sizeof(WCHAR));
    ok(type == REG_SZ && memcmp(text, WDFSUP_LEFT_STRING, sizeof(WDFSUP_LEFT_STRING)) == 0,
       "LeftString: type %lu\n", (unsigned long)type);
    ZwClose(h);
}

/* WdfRequestRetrieveInputMemory / OutputMemory: memory objects over the request's buffers;
 * an empty input buffer is STATUS_BUFFER_TOO_SMALL. */
TEST(request_memory_objects_echo)
{
    drvhost_file *f = harness_open_driver(WDFSUP_SERVICE, WDFSUP_DEVICE);
    char out[32] = {0};
    drvhost_iosb iosb;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_S_ECHO, "memory", 6, out, sizeof(out), &iosb), STATUS_SUCCESS);
    ok(iosb.information == 6 && memcmp(out, "memory", 6) == 0, "echo: %llu '%s'\n",
       (unsigned long long)iosb.information, out);
    ok_status(harness_ioctl(f, IOCTL_S_ECHO, NULL, 0, out, sizeof(out), NULL),
              STATUS_BUFFER_TOO_SMALL);
    ok_status(harness_ioctl(f, IOCTL_S_ECHO, "x", 1, NULL, 0, NULL), STATUS_BUFFER_TOO_SMALL);
    drvhost_close(f);
}

static void wdfsup_misuse(ULONG what)
{
    drvhost_file *f = harness_open_driver(WDFSUP_SERVICE, WDFSUP_DEVICE);
    if (f != NULL)
        harness_ioctl(f, IOCTL_S_MISUSE, &what, sizeof(what), NULL, 0, NULL);
    ok(0, "misuse %lu returned\n", (unsigned long)what);
}

TEST(memory_routine_on_a_collection_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfsup_misuse(WDFSUP_MISUSE_WRONG_TYPE);
}

TEST(memory_create_without_a_handle_location_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x4);
    wdfsup_misuse(WDFSUP_MISUSE_NULL_MEMORY);
}

TEST(a_deleted_collection_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfsup_misuse(WDFSUP_MISUSE_DELETED_HANDLE);
}

TEST(lookaside_routine_on_a_memory_object_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfsup_misuse(WDFSUP_MISUSE_LOOKASIDE_TYPE);
}
