/*
 * test_wdf_devb.c - the self I/O target (WdfDeviceInitAllowSelfIoTarget, WdfDeviceGetSelfIoTarget,
 * WdfIoTargetSelfAssignDefaultIoQueue; KMDF 1.15), WdfDeviceOpenDevicemapKey (KMDF 1.15),
 * WdfDriverOpenPersistentStateRegistryKey (KMDF 1.25), and the reserved and internal routines
 * (WdfObjectQuery, WdfDriverRegisterTraceInfo, WdfWmiProviderGetTracingHandle,
 * WdfDriverErrorReportApiMissing); drivers/wdfdevb.c; docs/wdf.md, "The self I/O target" and
 * "Reserved and internal routines".
 */
#include <wdm.h>
#include <wdf.h>

#include "drivers/wdfdevb.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#define DEVB_PATH "\\\\.\\WdfDevB"

static drvhost_file *devb_open(void)
{
    return harness_open_driver("wdfdevb", DEVB_PATH);
}

static WDFDEVB_SENT devb_send(drvhost_file *f, ULONG code, ULONG value)
{
    WDFDEVB_SENT sent;
    memset(&sent, 0xFF, sizeof(sent));
    ok_status(harness_ioctl(f, code, &value, sizeof(value), &sent, sizeof(sent), NULL),
              STATUS_SUCCESS);
    return sent;
}

/* The device that called WdfDeviceInitAllowSelfIoTarget has a self target, started, whose device
 * is the device itself (its own device object, not the one below: a control device has no
 * default target); the device that did not has none (NULL). */
TEST(self_io_target_exists_only_when_allowed_and_is_the_device)
{
    drvhost_file *f = devb_open();
    WDFDEVB_INFO info;
    if (f == NULL)
        return;
    memset(&info, 0, sizeof(info));
    ok_status(harness_ioctl(f, IOCTL_DEVB_INFO, NULL, 0, &info, sizeof(info), NULL),
              STATUS_SUCCESS);
    ok(info.HasSelf == 1, "WdfDeviceGetSelfIoTarget of the allowing device is NULL\n");
    ok(info.OtherHasNone == 1, "a device that did not allow one has a self target\n");
    ok(info.SelfDevice == 1, "WdfIoTargetGetDevice(self) is not the device\n");
    ok(info.SelfDeviceObject == 1, "the self target's device object is not the device's\n");
    ok(info.SelfStarted == 1, "the self target is not started\n");
    ok(info.NotDefault == 1, "the self target is the default target\n");
    drvhost_close(f);
}

/* A request sent to the self target comes back to the driver's own queues: without an assigned
 * queue, the device's default queue answers it, with the sender's input, and the sender gets
 * the status and the bytes the queue completed it with (synchronous and asynchronous sends). */
TEST(requests_sent_to_the_self_target_reach_the_default_queue)
{
    drvhost_file *f = devb_open();
    WDFDEVB_SENT s;
    if (f == NULL)
        return;
    s = devb_send(f, IOCTL_DEVB_SELF_SYNC, 0x1234);
    ok_status(s.Status, STATUS_SUCCESS);
    ok(s.Bytes == sizeof(WDFDEVB_ECHO), "synchronous: %lu bytes\n", (unsigned long)s.Bytes);
    ok(s.Echo.Queue == WDFDEVB_DEFAULT_QUEUE && s.Echo.Value == 0x1234,
       "synchronous: queue %lu value 0x%lx\n", (unsigned long)s.Echo.Queue,
       (unsigned long)s.Echo.Value);
    ok(s.Echo.FromSelf == 1, "the echo's requestor mode is not the kernel's\n");
    s = devb_send(f, IOCTL_DEVB_SELF_ASYNC, 0x5678);
    ok_status(s.Status, STATUS_SUCCESS);
    ok(s.Bytes == sizeof(WDFDEVB_ECHO), "asynchronous: %lu bytes\n", (unsigned long)s.Bytes);
    ok(s.Echo.Queue == WDFDEVB_DEFAULT_QUEUE && s.Echo.Value == 0x5678,
       "asynchronous: queue %lu value 0x%lx\n", (unsigned long)s.Echo.Queue,
       (unsigned long)s.Echo.Value);
    drvhost_close(f);
}

/* WdfIoTargetSelfAssignDefaultIoQueue: a queue of another device is refused
 * (STATUS_INVALID_PARAMETER, drvhost's choice); the device's side queue is taken, and from then
 * on the self target's requests go to it while the client's still go to the default queue. */
TEST(self_assign_default_io_queue_routes_the_self_targets_requests)
{
    drvhost_file *f = devb_open();
    NTSTATUS status[2] = {0, 0};
    WDFDEVB_SENT s;
    WDFDEVB_ECHO echo;
    ULONG value = 9;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_DEVB_ASSIGN, NULL, 0, status, sizeof(status), NULL),
              STATUS_SUCCESS);
    ok_status(status[0], STATUS_INVALID_PARAMETER);
    ok_status(status[1], STATUS_SUCCESS);
    s = devb_send(f, IOCTL_DEVB_SELF_SYNC, 0x1111);
    ok_status(s.Status, STATUS_SUCCESS);
    ok(s.Echo.Queue == WDFDEVB_SIDE_QUEUE && s.Echo.Value == 0x1111,
       "synchronous: queue %lu value 0x%lx\n", (unsigned long)s.Echo.Queue,
       (unsigned long)s.Echo.Value);
    s = devb_send(f, IOCTL_DEVB_SELF_ASYNC, 0x2222);
    ok_status(s.Status, STATUS_SUCCESS);
    ok(s.Echo.Queue == WDFDEVB_SIDE_QUEUE && s.Echo.Value == 0x2222,
       "asynchronous: queue %lu value 0x%lx\n", (unsigned long)s.Echo.Queue,
       (unsigned long)s.Echo.Value);
    memset(&echo, 0, sizeof(echo));
    ok_status(harness_ioctl(f, IOCTL_DEVB_ECHO, &value, sizeof(value), &echo, sizeof(echo), NULL),
              STATUS_SUCCESS);
    ok(echo.Queue == WDFDEVB_DEFAULT_QUEUE && echo.Value == 9 && echo.FromSelf == 0,
       "the client's request: queue %lu value %lu from self %lu\n", (unsigned long)echo.Queue,
       (unsigned long)echo.Value, (unsigned long)echo.FromSelf);
    drvhost_close(f);
}

/* An I/O target that is not a self target (WdfIoTargetCreate's) is a bad handle for
 * WdfIoTargetSelfAssignDefaultIoQueue: bug check 0x10D WDF_VIOLATION, parameter 1 0x5 (invalid
 * handle), parameter 2 the handle (not known to the test: not checked). */
TEST(self_assign_with_a_target_that_is_not_a_self_target_is_wdf_violation)
{
    drvhost_file *f = devb_open();
    if (f == NULL)
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x5, 0, 0, 0);
    harness_ioctl(f, IOCTL_DEVB_BAD_ASSIGN, NULL, 0, NULL, 0, NULL);
}

/* ---- registry keys ----------------------------------------------------------------------------
 */

static ULONG devb_read_ulong(PCWSTR path, PCWSTR value_name, NTSTATUS *status)
{
    UNICODE_STRING name, value;
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 8];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    ULONG length = 0, result = 0;
    RtlInitUnicodeString(&name, path);
    RtlInitUnicodeString(&value, value_name);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    *status = ZwOpenKey(&key, KEY_READ, &oa);
    if (!NT_SUCCESS(*status))
        return 0;
    *status =
        ZwQueryValueKey(key, &value, KeyValuePartialInformation, info, sizeof(buffer), &length);
    if (NT_SUCCESS(*status) && info->Type == REG_DWORD && info->DataLength == sizeof(ULONG))
        memcpy(&result, info->Data, sizeof(result));
    ZwClose(key);
    return result;
}

static WDFDEVB_KEYS devb_keys(drvhost_file *f, ULONG code)
{
    WDFDEVB_KEYS keys;
    memset(&keys, 0xFF, sizeof(keys));
    ok_status(harness_ioctl(f, code, NULL, 0, &keys, sizeof(keys), NULL), STATUS_SUCCESS);
    return keys;
}

/* Microsoft (WdfDeviceOpenDevicemapKey): the subkey KeyName of HKLM\HARDWARE\DEVICEMAP, a
 * volatile key (so a non-volatile subkey of it is STATUS_CHILD_MUST_BE_VOLATILE); not at
 * PASSIVE_LEVEL: STATUS_INVALID_DEVICE_REQUEST. */
TEST(open_devicemap_key_opens_a_volatile_devicemap_subkey)
{
    drvhost_file *f = devb_open();
    WDFDEVB_KEYS keys;
    NTSTATUS status;
    ULONG value;
    if (f == NULL)
        return;
    keys = devb_keys(f, IOCTL_DEVB_DEVICEMAP);
    ok_status(keys.Open, STATUS_SUCCESS);
    ok_status(keys.Assign, STATUS_SUCCESS);
    ok_status(keys.Child, STATUS_CHILD_MUST_BE_VOLATILE);
    ok_status(keys.AtDispatch, STATUS_INVALID_DEVICE_REQUEST);
    ok_status(keys.Again, STATUS_SUCCESS);
    ok(keys.Value == WDFDEVB_KEY_VALUE, "read back 0x%lx\n", (unsigned long)keys.Value);
    value = devb_read_ulong(L"\\Registry\\Machine\\HARDWARE\\DEVICEMAP\\DrvhostDevB", L"Value",
                            &status);
    ok_status(status, STATUS_SUCCESS);
    ok(value == WDFDEVB_KEY_VALUE, "the DEVICEMAP key holds 0x%lx\n", (unsigned long)value);
    drvhost_close(f);
}

/* Microsoft (WdfDriverOpenPersistentStateRegistryKey, IoOpenDriverRegistryKey): a key of the
 * driver's for state written at run time, non-volatile (a non-volatile subkey is fine), the
 * same as WdfDriverOpenParametersRegistryKey otherwise (not at PASSIVE_LEVEL:
 * STATUS_INVALID_DEVICE_REQUEST). Its place is drvhost's choice: the service key's "State". */
TEST(open_persistent_state_key_opens_the_services_state_key)
{
    drvhost_file *f = devb_open();
    WDFDEVB_KEYS keys;
    NTSTATUS status;
    ULONG value;
    if (f == NULL)
        return;
    keys = devb_keys(f, IOCTL_DEVB_PERSISTENT);
    ok_status(keys.Open, STATUS_SUCCESS);
    ok_status(keys.Assign, STATUS_SUCCESS);
    ok_status(keys.Child, STATUS_SUCCESS);
    ok_status(keys.AtDispatch, STATUS_INVALID_DEVICE_REQUEST);
    ok_status(keys.Again, STATUS_SUCCESS);
    ok(keys.Value == WDFDEVB_KEY_VALUE, "read back 0x%lx\n", (unsigned long)keys.Value);
    value = devb_read_ulong(L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wdfdevb"
                            L"\\State",
                            L"Value", &status);
    ok_status(status, STATUS_SUCCESS);
    ok(value == WDFDEVB_KEY_VALUE, "the State key holds 0x%lx\n", (unsigned long)value);
    drvhost_close(f);
}

/* ---- reserved and internal routines -----------------------------------------------------------
 */

/* Microsoft: WdfObjectQuery "is not implemented", WdfDriverRegisterTraceInfo "is reserved for
 * internal use only": STATUS_NOT_IMPLEMENTED (drvhost's choice: no documented value), and the
 * query buffer is left alone. */
TEST(object_query_and_register_trace_info_are_not_implemented)
{
    drvhost_file *f = devb_open();
    WDFDEVB_RESERVED r;
    if (f == NULL)
        return;
    memset(&r, 0xFF, sizeof(r));
    harness_stderr_begin();
    ok_status(harness_ioctl(f, IOCTL_DEVB_RESERVED, NULL, 0, &r, sizeof(r), NULL), STATUS_SUCCESS);
    free(harness_stderr_end());
    ok_status(r.ObjectQuery, STATUS_NOT_IMPLEMENTED);
    ok_status(r.RegisterTraceInfo, STATUS_NOT_IMPLEMENTED);
    ok(r.QueryBufferUntouched == 1, "WdfObjectQuery wrote to the buffer\n");
    drvhost_close(f);
}

/* Microsoft (WdfWmiProviderGetTracingHandle): a handle that is not a WMI provider's is a bug
 * check: 0x10D, parameter 1 0x5. */
TEST(get_tracing_handle_of_a_device_is_wdf_violation)
{
    drvhost_file *f = devb_open();
    if (f == NULL)
        return;
    expect_bugcheck_p1(0x10D, 0x5);
    harness_ioctl(f, IOCTL_DEVB_BAD_TRACING, NULL, 0, NULL, 0, NULL);
}

/* WdfDriverErrorReportApiMissing ("for internal use only"): the framework's report of an API a
 * framework extension does not have is drvhost's report of a routine it does not provide: bug
 * check 0x10D, parameter 1 0x1000, 2 the API index, 4 DoesApiReturnNtstatus. */
TEST(error_report_api_missing_is_the_unimplemented_routine_report)
{
    drvhost_file *f = devb_open();
    if (f == NULL)
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P4, 0x1000,
                           WDFDEVB_MISSING_INDEX, 0, 1);
    harness_ioctl(f, IOCTL_DEVB_API_MISSING, NULL, 0, NULL, 0, NULL);
}
