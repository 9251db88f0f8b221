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

/* The driver's key routine `code` (drivers/wdfdevb.c, DevBKeys): opened, written ("Value"),
 * a non-volatile subkey created (`child`: its status), refused at DISPATCH_LEVEL
 * (STATUS_INVALID_DEVICE_REQUEST, as documented), opened again and read back; then the value is
 * at `path` in the registry. */
static void devb_check_keys(ULONG code, NTSTATUS child, PCWSTR path)
{
    drvhost_file *f = devb_open();
    WDFDEVB_KEYS keys;
    NTSTATUS status;
    ULONG value;
    if (f == NULL)
        return;
    memset(&keys, 0xFF, sizeof(keys));
    ok_status(harness_ioctl(f, code, NULL, 0, &keys, sizeof(keys), NULL), STATUS_SUCCESS);
    ok_status(keys.Open, STATUS_SUCCESS);
    ok_status(keys.Assign, STATUS_SUCCESS);
    ok_status(keys.Child, child);
    ok_status(keys.AtDispatch, STATUS_INVALID_DEVICE_REQUEST);
    ok_status(keys.Again, STATUS_SUCCESS);
    ok(keys.Value == WDFDEVB_KEY_VALUE, "read back 0x%lx\n", (unsigned long)keys.Value);
    value = devb_read_ulong(path, L"Value", &status);
    ok_status(status, STATUS_SUCCESS);
    ok(value == WDFDEVB_KEY_VALUE, "the key in the registry holds 0x%lx\n", (unsigned long)value);
    drvhost_close(f);
}

/* Microsoft (WdfDeviceOpenDevicemapKey): the subkey KeyName of HKLM\HARDWARE\DEVICEMAP, a
 * volatile key (so a non-volatile subkey of it is STATUS_CHILD_MUST_BE_VOLATILE). */
TEST(open_devicemap_key_opens_a_volatile_devicemap_subkey)
{
    devb_check_keys(IOCTL_DEVB_DEVICEMAP, STATUS_CHILD_MUST_BE_VOLATILE,
                    L"\\Registry\\Machine\\HARDWARE\\DEVICEMAP\\DrvhostDevB");
}

/* Microsoft (WdfDriverOpenPersistentStateRegistryKey, IoOpenDriverRegistryKey): a key of the
 * driver's for state written at run time, non-volatile (a non-volatile subkey is fine), the
 * same returns as WdfDriverOpenParametersRegistryKey. Its place is drvhost's choice: the
 * service key's "State". */
TEST(open_persistent_state_key_opens_the_services_state_key)
{
    devb_check_keys(IOCTL_DEVB_PERSISTENT, STATUS_SUCCESS,
                    L"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\wdfdevb\\State");
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

/* ---- guaranteed forward progress ----------------------------------------------------------------
 */

/* drvhost's low memory is its fault injection (src/os/os.h: drvhost_fault_arm, exported by
 * libdrvhost.so in builds other than Release, declared here as the runtime defines it):
 * framework request objects count as pool allocations with this tag (src/wdf/wdf_private.h,
 * WDF_REQUEST_FAULT_TAG: 'FxRq' as the pool prints it). On Windows, Driver Verifier's
 * low-resources simulation plays this part. */
#ifdef DEVB_FAULT_INJECTION
#define DEVB_REQUEST_TAG 0x71527846u
#define OS_INJECT_ALLOC  0
void drvhost_fault_arm(int kind, unsigned n, uint32_t tag);

static WDFDEVB_FP devb_fp(drvhost_file *f, ULONG code)
{
    WDFDEVB_FP fp;
    memset(&fp, 0xFF, sizeof(fp));
    ok_status(harness_ioctl(f, code, NULL, 0, &fp, sizeof(fp), NULL), STATUS_SUCCESS);
    return fp;
}

/* A write; returns the status and puts the queue's Information in *info. */
static NTSTATUS devb_write(drvhost_file *f, BOOLEAN low_memory, ULONG_PTR *info)
{
    static char buffer[4096];
    drvhost_iosb iosb;
    NTSTATUS status;
    memset(&iosb, 0, sizeof(iosb));
    if (low_memory)
        drvhost_fault_arm(OS_INJECT_ALLOC, 1, DEVB_REQUEST_TAG);
    status = harness_io(f, DRVHOST_OP_WRITE, 0, buffer, sizeof(buffer), NULL, 0, &iosb);
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    *info = iosb.information;
    return status;
}

/* Microsoft (WdfIoQueueAssignForwardProgressPolicy, EvtIoAllocateResourcesForReservedRequest):
 * the framework creates the reserved requests and calls the callback for each before the
 * assignment returns (each already WdfRequestIsReserved); an ordinary request gets
 * EvtIoAllocateRequestResources and is not reserved. */
TEST(forward_progress_reserves_requests_and_ordinary_ones_are_not_reserved)
{
    drvhost_file *f = devb_open();
    WDFDEVB_FP fp;
    ULONG_PTR info = 0xFFFF;
    if (f == NULL)
        return;
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok(fp.ReserveCalls == WDFDEVB_FP_WRITES, "%lu reserved requests\n",
       (unsigned long)fp.ReserveCalls);
    ok_status(devb_write(f, FALSE, &info), STATUS_SUCCESS);
    ok(info == 0, "an ordinary write: information 0x%lx\n", (unsigned long)info);
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok(fp.AllocateCalls == 1, "EvtIoAllocateRequestResources calls %lu\n",
       (unsigned long)fp.AllocateCalls);
    drvhost_close(f);
}

/* Microsoft: when the framework cannot create a request object, the default policy (always)
 * gives the IRP a reserved request, with the context its reservation callback set; after the
 * driver completes it, it is reused (three low-memory writes in a row with two reserved). */
TEST(forward_progress_uses_and_reuses_reserved_requests_in_low_memory)
{
    drvhost_file *f = devb_open();
    ULONG_PTR info[3] = {0, 0, 0};
    WDFDEVB_FP fp;
    if (f == NULL)
        return;
    for (int i = 0; i < 3; i++) {
        ok_status(devb_write(f, TRUE, &info[i]), STATUS_SUCCESS);
        ok((info[i] & (WDFDEVB_FP_RESERVED | WDFDEVB_FP_MARKER_OK)) ==
                   (WDFDEVB_FP_RESERVED | WDFDEVB_FP_MARKER_OK) &&
               (info[i] & 0xFF) >= 1 && (info[i] & 0xFF) <= WDFDEVB_FP_WRITES,
           "low-memory write %d: information 0x%lx\n", i, (unsigned long)info[i]);
    }
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok(fp.AllocateCalls == 0, "EvtIoAllocateRequestResources ran %lu times without a request\n",
       (unsigned long)fp.AllocateCalls);
    ok(fp.ReserveCalls == WDFDEVB_FP_WRITES, "reserved again: %lu\n",
       (unsigned long)fp.ReserveCalls);
    drvhost_close(f);
}

/* The same after many requests on this thread: low memory is honoured when the framework would
 * otherwise reuse a request object it keeps for the thread (src/wdf/object.c, the cache of
 * request objects: it served the write without asking for memory, so the simulated failure was
 * not seen). */
TEST(forward_progress_low_memory_after_many_requests_uses_a_reserved_request)
{
    drvhost_file *f = devb_open();
    ULONG_PTR info = 0;
    if (f == NULL)
        return;
    for (int i = 0; i < 64; i++)
        ok_status(devb_write(f, FALSE, &info), STATUS_SUCCESS);
    ok_status(devb_write(f, TRUE, &info), STATUS_SUCCESS);
    ok((info & (WDFDEVB_FP_RESERVED | WDFDEVB_FP_MARKER_OK)) ==
           (WDFDEVB_FP_RESERVED | WDFDEVB_FP_MARKER_OK),
       "a low-memory write after 64 others: information 0x%lx\n", (unsigned long)info);
    drvhost_close(f);
}

/* Microsoft (WdfRequestCreate): STATUS_INSUFFICIENT_RESOURCES when the system has not the
 * resources; the driver's own request object counts as low memory as the framework's do (armed
 * on the second: the first is the device control's own request). */
TEST(low_memory_fails_the_drivers_own_request_create)
{
    drvhost_file *f = devb_open();
    WDFDEVB_SENT s;
    ULONG value = 0x3333;
    if (f == NULL)
        return;
    memset(&s, 0xFF, sizeof(s));
    drvhost_fault_arm(OS_INJECT_ALLOC, 2, DEVB_REQUEST_TAG);
    ok_status(harness_ioctl(f, IOCTL_DEVB_SELF_ASYNC, &value, sizeof(value), &s, sizeof(s), NULL),
              STATUS_SUCCESS);
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    ok_status(s.Status, STATUS_INSUFFICIENT_RESOURCES);
    ok(s.Echo.Queue == WDFDEVB_NOT_CREATED, "the failed step: %lu (3: WdfRequestCreate)\n",
       (unsigned long)s.Echo.Queue);
    drvhost_close(f);
}

/* Microsoft (EvtIoAllocateRequestResources): when it fails, the framework deletes the new
 * request and follows the policy: a reserved request. */
TEST(forward_progress_failed_request_resources_use_a_reserved_request)
{
    drvhost_file *f = devb_open();
    ULONG_PTR info = 0;
    WDFDEVB_FP fp;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_DEVB_FP_FAIL, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(devb_write(f, FALSE, &info), STATUS_SUCCESS);
    ok((info & WDFDEVB_FP_RESERVED) && (info & WDFDEVB_FP_MARKER_OK),
       "after the failed allocation: information 0x%lx\n", (unsigned long)info);
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok(fp.AllocateCalls == 1, "EvtIoAllocateRequestResources calls %lu\n",
       (unsigned long)fp.AllocateCalls);
    drvhost_close(f);
}

/* Microsoft (WdfIoForwardProgressReservedPolicyUseExamine): the driver's
 * EvtIoWdmIrpForForwardProgress sees the IRP and decides: a reserved request (a one-byte read
 * here) or failure (any other read: STATUS_INSUFFICIENT_RESOURCES, drvhost's status). Without
 * low memory it is not called. */
TEST(forward_progress_examine_policy_asks_the_driver)
{
    drvhost_file *f = devb_open();
    drvhost_iosb iosb;
    char buffer[2];
    WDFDEVB_FP fp;
    if (f == NULL)
        return;
    memset(&iosb, 0, sizeof(iosb));
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, buffer, 2, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 0, "an ordinary read: information 0x%lx\n",
       (unsigned long)iosb.information);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, DEVB_REQUEST_TAG);
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, buffer, 1, &iosb), STATUS_SUCCESS);
    ok(iosb.information == WDFDEVB_FP_RESERVED, "a one-byte read in low memory: 0x%lx\n",
       (unsigned long)iosb.information);
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, DEVB_REQUEST_TAG);
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, buffer, 2, &iosb),
              STATUS_INSUFFICIENT_RESOURCES);
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok(fp.ExamineCalls == 2 && fp.ExamineMajor == IRP_MJ_READ, "examined %lu, major %lu\n",
       (unsigned long)fp.ExamineCalls, (unsigned long)fp.ExamineMajor);
    drvhost_close(f);
}

/* Microsoft (WdfIoForwardProgressReservedPolicyPagingIO): in low memory, an IRP that is not a
 * paging operation is failed (the device controls' queue: STATUS_INSUFFICIENT_RESOURCES); a
 * queue without a policy (\Device\WdfDevB2's) fails it too, and answers once memory is back. */
TEST(forward_progress_paging_io_policy_and_no_policy_fail_in_low_memory)
{
    drvhost_file *f = devb_open(), *other = NULL;
    WDFDEVB_FP fp;
    WDFDEVB_ECHO echo;
    ULONG value = 3;
    if (f == NULL)
        return;
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok_status(fp.PagingIo, STATUS_SUCCESS);
    ok(fp.InitsOk == 1, "the _INIT functions' values\n");
    drvhost_fault_arm(OS_INJECT_ALLOC, 1, DEVB_REQUEST_TAG);
    ok_status(harness_ioctl(f, IOCTL_DEVB_FP_INFO, NULL, 0, &fp, sizeof(fp), NULL),
              STATUS_INSUFFICIENT_RESOURCES);
    ok_status(drvhost_open("\\Device\\WdfDevB2", 0xC0000000u, &other), STATUS_SUCCESS);
    if (other != NULL) {
        drvhost_fault_arm(OS_INJECT_ALLOC, 1, DEVB_REQUEST_TAG);
        ok_status(
            harness_ioctl(other, IOCTL_DEVB_ECHO, &value, sizeof(value), &echo, sizeof(echo), NULL),
            STATUS_INSUFFICIENT_RESOURCES);
        ok_status(
            harness_ioctl(other, IOCTL_DEVB_ECHO, &value, sizeof(value), &echo, sizeof(echo), NULL),
            STATUS_SUCCESS);
        drvhost_close(other);
    }
    drvhost_fault_arm(OS_INJECT_ALLOC, 0, 0);
    drvhost_close(f);
}

/* Microsoft (WdfIoQueueAssignForwardProgressPolicy): a wrong Size is
 * STATUS_INFO_LENGTH_MISMATCH, no requests STATUS_INVALID_PARAMETER, a failing
 * EvtIoAllocateResourcesForReservedRequest its own status (the requests made are deleted:
 * their cleanup runs); a second policy for a queue is refused (drvhost:
 * STATUS_INVALID_DEVICE_REQUEST); the reserved requests are deleted with their queue, their
 * EvtCleanupCallback called then. */
TEST(forward_progress_assignment_failures_and_deletion_with_the_queue)
{
    drvhost_file *f = devb_open();
    WDFDEVB_FP fp;
    if (f == NULL)
        return;
    fp = devb_fp(f, IOCTL_DEVB_FP_INFO);
    ok_status(fp.BadSize, STATUS_INFO_LENGTH_MISMATCH);
    ok_status(fp.NoRequests, STATUS_INVALID_PARAMETER);
    ok_status(fp.Refused, STATUS_DEVICE_NOT_READY);
    ok_status(fp.Again, STATUS_SUCCESS);
    ok_status(fp.Second, STATUS_INVALID_DEVICE_REQUEST);
    ok(fp.CheckReserveCalls == WDFDEVB_FP_CHECKS && fp.ReservedCleanups == 0,
       "after the assignment: %lu reserved, %lu cleaned up\n", (unsigned long)fp.CheckReserveCalls,
       (unsigned long)fp.ReservedCleanups);
    fp = devb_fp(f, IOCTL_DEVB_FP_DELETE);
    ok(fp.ReservedCleanups == WDFDEVB_FP_CHECKS, "deleting the queue cleaned up %lu of %d\n",
       (unsigned long)fp.ReservedCleanups, WDFDEVB_FP_CHECKS);
    drvhost_close(f);
}
#endif /* DEVB_FAULT_INJECTION */
