/*
 * test_wdf.c - the framework's first slice through framework drivers: a non-PnP driver with a
 * control device and a default queue (drivers/wdfctl.c, sequential; wdfctl_par, parallel),
 * the object model run inside the driver, the framework's violations (bug check 0x10D with
 * the parameter 1 of Microsoft's bug-check page), and binding (WdfVersionBind).
 */
#include <wdm.h>
#include <wdf.h>
#include <wdfldr.h>

#include "drivers/wdfctl.h"
#include "harness.h"

#include <string.h>

static int32_t wdfctl_ioctl(drvhost_file *f, uint32_t code, const void *in, size_t in_size,
                            void *out, size_t out_size, drvhost_iosb *iosb)
{
    return harness_ioctl(f, code, in, in_size, out, out_size, iosb);
}

static WDFCTL_COUNTERS wdfctl_counters(drvhost_file *f)
{
    WDFCTL_COUNTERS c;
    memset(&c, 0xFF, sizeof(c));
    ok_status(wdfctl_ioctl(f, IOCTL_W_COUNTERS, NULL, 0, &c, sizeof(c), NULL), STATUS_SUCCESS);
    return c;
}

TEST(control_device_serves_ioctl_read_write)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    char out[32] = {0};
    drvhost_iosb iosb;
    if (f == NULL)
        return;
    ok_status(wdfctl_ioctl(f, IOCTL_W_ECHO, "hello", 5, out, sizeof(out), &iosb), STATUS_SUCCESS);
    ok(iosb.information == 5 && memcmp(out, "hello", 5) == 0, "echo: %llu '%s'\n",
       (unsigned long long)iosb.information, out);
    memset(out, 0, sizeof(out));
    ok_status(wdfctl_ioctl(f, IOCTL_W_ECHO_DIRECT, "direct", 6, out, 6, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 6 && memcmp(out, "direct", 6) == 0, "echo direct: '%s'\n", out);
    memset(out, 0, sizeof(out));
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, out, 5, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 5 && memcmp(out, "abcde", 5) == 0, "read: '%s'\n", out);
    ok_status(harness_io(f, DRVHOST_OP_WRITE, 0, "12345678", 8, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 8, "write: information %llu\n", (unsigned long long)iosb.information);
    ok_status(wdfctl_ioctl(f, IOCTL_W_UNHANDLED, NULL, 0, NULL, 0, NULL),
              STATUS_INVALID_DEVICE_REQUEST);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfctl"), STATUS_SUCCESS);
}

/* Microsoft (WDF_IO_QUEUE_CONFIG): without AllowZeroLengthRequests the framework completes
 * zero-length reads and writes with STATUS_SUCCESS itself; a request type the queue has no
 * handler for (and no EvtIoDefault) is STATUS_INVALID_DEVICE_REQUEST. */
TEST(framework_completes_zero_length_and_unhandled_requests)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    drvhost_iosb iosb;
    char byte;
    WDFCTL_COUNTERS before, after;
    if (f == NULL)
        return;
    before = wdfctl_counters(f);
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, &byte, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 0, "zero-length read: information %llu\n",
       (unsigned long long)iosb.information);
    ok_status(harness_io(f, DRVHOST_OP_WRITE, 0, &byte, 0, NULL, 0, &iosb), STATUS_SUCCESS);
    ok_status(harness_io(f, DRVHOST_OP_INTERNAL_IOCTL, IOCTL_W_ECHO, "x", 1, &byte, 1, &iosb),
              STATUS_INVALID_DEVICE_REQUEST);
    after = wdfctl_counters(f);
    ok(after.Reads == before.Reads && after.Writes == before.Writes,
       "the driver saw %lu reads, %lu writes\n", (unsigned long)(after.Reads - before.Reads),
       (unsigned long)(after.Writes - before.Writes));
    ok(after.Ioctls == before.Ioctls + 1, "ioctls %lu -> %lu\n", (unsigned long)before.Ioctls,
       (unsigned long)after.Ioctls);
    drvhost_close(f);
}

static WDFCTL_RETRIEVE_OUT wdfctl_retrieve(drvhost_file *f, ULONG output, ULONG minimum,
                                           size_t in_size, size_t out_size)
{
    struct {
        WDFCTL_RETRIEVE_IN in;
        char pad[8];
    } in = {{output, minimum}, {0}};
    WDFCTL_RETRIEVE_OUT out[2] = {{-1, 0xFFFFFFFF}, {0, 0}};
    drvhost_iosb iosb;
    int32_t status = wdfctl_ioctl(f, IOCTL_W_RETRIEVE, &in, in_size, out, out_size, &iosb);
    if (out_size < sizeof(out[0]))
        out[0].Status = status;
    return out[0];
}

/* WdfRequestRetrieveInputBuffer / OutputBuffer (Microsoft's pages): the length of the
 * buffer; STATUS_BUFFER_TOO_SMALL when it is shorter than the minimum, or empty. */
TEST(retrieve_buffer_lengths_and_too_small)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    WDFCTL_RETRIEVE_OUT r;
    if (f == NULL)
        return;
    r = wdfctl_retrieve(f, 0, 8, 16, 8);
    ok_status(r.Status, STATUS_SUCCESS);
    ok(r.Length == 16, "input length %lu\n", (unsigned long)r.Length);
    r = wdfctl_retrieve(f, 0, 17, 16, 8);
    ok_status(r.Status, STATUS_BUFFER_TOO_SMALL);
    r = wdfctl_retrieve(f, 1, 16, 8, 16);
    ok_status(r.Status, STATUS_SUCCESS);
    ok(r.Length == 16, "output length %lu\n", (unsigned long)r.Length);
    r = wdfctl_retrieve(f, 1, 17, 8, 16);
    ok_status(r.Status, STATUS_BUFFER_TOO_SMALL);
    r = wdfctl_retrieve(f, 1, 0, 8, 0); /* no output buffer at all */
    ok_status(r.Status, STATUS_BUFFER_TOO_SMALL);
    drvhost_close(f);
}

static WDFCTL_DRIVER_INFO wdfctl_info(drvhost_file *f)
{
    WDFCTL_DRIVER_INFO info;
    memset(&info, 0, sizeof(info));
    ok_status(wdfctl_ioctl(f, IOCTL_W_DRIVER_INFO, NULL, 0, &info, sizeof(info), NULL),
              STATUS_SUCCESS);
    return info;
}

TEST(driver_object_registry_path_globals_and_versions)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    WDFCTL_DRIVER_INFO info;
    static const WCHAR expected[] = L"wdfctl";
    if (f == NULL)
        return;
    info = wdfctl_info(f);
    ok(memcmp(info.RegistryPathTail, expected, sizeof(expected)) == 0,
       "WdfDriverGetRegistryPath does not end in the service name\n");
    ok(strcmp(info.DriverName, "wdfctl") == 0, "DriverName '%s'\n", info.DriverName);
    /* Microsoft (WDF_DRIVER_CONFIG.DriverPoolTag): zero means the first four characters of
     * the service name. */
    ok(info.DriverTag == ('w' | 'd' << 8 | 'f' << 16 | (ULONG)'c' << 24), "DriverTag %#lx\n",
       (unsigned long)info.DriverTag);
    ok(info.DriverFlags == WdfDriverInitNonPnpDriver, "DriverFlags %#lx\n",
       (unsigned long)info.DriverFlags);
    ok(info.Checks == WDFCTL_INFO_ALL, "checks %#lx (missing %#lx)\n", (unsigned long)info.Checks,
       (unsigned long)(WDFCTL_INFO_ALL & ~info.Checks));
    drvhost_close(f);
}

/* The WDFDEVICE_INIT settings reach the WDM device object: defaults (FILE_DEVICE_UNKNOWN,
 * FILE_DEVICE_SECURE_OPEN, buffered I/O) in wdfctl; device type, characteristics ORed in,
 * direct I/O and exclusive in wdfctl_par. WdfControlFinishInitializing cleared
 * DO_DEVICE_INITIALIZING. */
TEST(device_init_settings_reach_the_device_object)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl"), *second;
    WDFCTL_DRIVER_INFO info;
    char out[4] = {0};
    drvhost_iosb iosb;
    if (f == NULL)
        return;
    info = wdfctl_info(f);
    ok(info.DeviceType == FILE_DEVICE_UNKNOWN, "device type %#lx\n",
       (unsigned long)info.DeviceType);
    ok(info.Characteristics == FILE_DEVICE_SECURE_OPEN, "characteristics %#lx\n",
       (unsigned long)info.Characteristics);
    ok((info.DeviceFlags &
        (DO_BUFFERED_IO | DO_DIRECT_IO | DO_DEVICE_INITIALIZING | DO_EXCLUSIVE)) == DO_BUFFERED_IO,
       "flags %#lx\n", (unsigned long)info.DeviceFlags);
    ok_status(drvhost_open("\\\\.\\WdfCtl", 0xC0000000u, &second), STATUS_SUCCESS);
    drvhost_close(second);
    drvhost_close(f);
    f = harness_open_driver("wdfctl_par", "\\\\.\\WdfCtlPar");
    if (f == NULL)
        return;
    info = wdfctl_info(f);
    ok(info.DeviceType == 0x8000, "device type %#lx\n", (unsigned long)info.DeviceType);
    ok(info.Characteristics == (FILE_DEVICE_SECURE_OPEN | FILE_REMOTE_DEVICE),
       "characteristics %#lx\n", (unsigned long)info.Characteristics);
    ok((info.DeviceFlags & (DO_BUFFERED_IO | DO_DIRECT_IO | DO_DEVICE_INITIALIZING |
                            DO_EXCLUSIVE)) == (DO_DIRECT_IO | DO_EXCLUSIVE),
       "flags %#lx\n", (unsigned long)info.DeviceFlags);
    ok_status(drvhost_open("\\\\.\\WdfCtlPar", 0xC0000000u, &second), STATUS_ACCESS_DENIED);
    /* Direct I/O: the read buffer through the IRP's MDL. */
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, out, 3, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 3 && memcmp(out, "abc", 3) == 0, "direct read '%s'\n", out);
    drvhost_close(f);
}

TEST(request_parameters_irp_and_information)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    ULONG checks = 0;
    char in[5] = "abcd";
    drvhost_iosb iosb;
    if (f == NULL)
        return;
    ok_status(wdfctl_ioctl(f, IOCTL_W_PARAMS, in, sizeof(in), &checks, sizeof(checks), &iosb),
              STATUS_SUCCESS);
    ok(checks == WDFCTL_PARAMS_ALL, "checks %#lx\n", (unsigned long)checks);
    ok(iosb.information == 8, "WdfRequestComplete kept the information set: %llu\n",
       (unsigned long long)iosb.information);
    drvhost_close(f);
}

static int wdfctl_index(const WDFCTL_LOG *log, ULONG event)
{
    for (ULONG i = 0; i < log->Count; i++)
        if (log->Events[i] == event)
            return (int)i;
    return -1;
}

/* The documented order: a deleted object's children are cleaned up before it, an object's
 * cleanup comes before its destroy, which waits for its last reference; children are
 * destroyed before their parent. */
TEST(object_cleanup_and_destroy_order)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    WDFCTL_LOG log;
    int cp, cc, cg, dp, dc, dg, mark;
    if (f == NULL)
        return;
    memset(&log, 0, sizeof(log));
    ok_status(wdfctl_ioctl(f, IOCTL_W_OBJECTS, NULL, 0, &log, sizeof(log), NULL), STATUS_SUCCESS);
    ok(log.Checks == WDFCTL_OBJ_ALL, "checks %#lx (missing %#lx)\n", (unsigned long)log.Checks,
       (unsigned long)(WDFCTL_OBJ_ALL & ~log.Checks));
    ok(log.Count == 8, "%lu events\n", (unsigned long)log.Count);
    cp = wdfctl_index(&log, WDFCTL_EV_CLEANUP_PARENT);
    cc = wdfctl_index(&log, WDFCTL_EV_CLEANUP_CHILD);
    cg = wdfctl_index(&log, WDFCTL_EV_CLEANUP_GRAND);
    dp = wdfctl_index(&log, WDFCTL_EV_DESTROY_PARENT);
    dc = wdfctl_index(&log, WDFCTL_EV_DESTROY_CHILD);
    dg = wdfctl_index(&log, WDFCTL_EV_DESTROY_GRAND);
    mark = wdfctl_index(&log, WDFCTL_EV_DEREFERENCED);
    ok(cg >= 0 && cg < cc && cc < cp, "cleanup: grandchild %d, child %d, parent %d\n", cg, cc, cp);
    ok(dg > cg && dc > cc && dp > cp, "each destroy after its cleanup\n");
    ok(dg < dc && dc < dp, "destroy: grandchild %d, child %d, parent %d\n", dg, dc, dp);
    ok(dg > cp && dc > cp, "every cleanup of the tree (parent's %d) before any destroy (%d, %d)\n",
       cp, dg, dc);
    ok(mark >= 0 && mark < dp && cp < mark,
       "the parent is destroyed when the driver's reference goes (%d), not when deleted (%d)\n", dp,
       cp);
    ok(wdfctl_index(&log, WDFCTL_EV_CLEANUP_EXTRA) > cc,
       "the allocated context's cleanup runs with the child's\n");
    drvhost_close(f);
}

/* A pended request, then an echo. Sequential: the echo is presented only when the pended
 * request (completed by the driver's 100 ms timer) is done. Parallel: the echo is presented at
 * once, while the pended request waits (released by IOCTL_W_RELEASE afterwards). The checks
 * are orders and counts, not times: a loaded machine may stall this thread past the 100 ms
 * (the sequential echo's wait then finds it done, which is right when the pended request is
 * done too). */
static void wdfctl_pend_then_echo(const char *service, const char *path, int parallel)
{
    drvhost_file *f = harness_open_driver(service, path);
    uint32_t forever = 600000; /* ms: only IOCTL_W_RELEASE completes it in time */
    drvhost_io_desc pend = {DRVHOST_OP_IOCTL, IOCTL_W_PEND, NULL, 0, NULL, 0, 0};
    drvhost_io_desc echo = {DRVHOST_OP_IOCTL, IOCTL_W_ECHO, "hi", 2, NULL, 0, 0};
    drvhost_request *r1 = NULL, *r2 = NULL;
    char out[2];
    drvhost_iosb iosb;
    if (f == NULL)
        return;
    if (parallel) {
        pend.input = &forever;
        pend.input_size = sizeof(forever);
    }
    echo.output = out;
    echo.output_size = sizeof(out);
    /* The framework returns STATUS_PENDING for every request it queues (as KMDF does). */
    ok_status(drvhost_io_start(f, &pend, &r1), STATUS_PENDING);
    ok_status(drvhost_io_start(f, &echo, &r2), STATUS_PENDING);
    if (parallel) {
        /* The parallel queue presents the echo at once: done while the first still waits. */
        ok_status(drvhost_request_wait(r2, 5000, &iosb), STATUS_SUCCESS);
        ok_status(drvhost_request_wait(r1, 0, NULL), STATUS_TIMEOUT);
        ok_status(wdfctl_ioctl(f, IOCTL_W_RELEASE, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    } else {
        /* The sequential queue presents the echo only when the pended request completes. */
        int echo_done = drvhost_request_wait(r2, 20, NULL) == STATUS_SUCCESS;
        ok(!echo_done || drvhost_request_wait(r1, 0, NULL) == STATUS_SUCCESS,
           "the echo completed before the pended request\n");
    }
    ok_status(drvhost_request_wait(r1, 5000, NULL), STATUS_SUCCESS);
    ok_status(drvhost_request_wait(r2, 5000, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 2, "echo information %llu\n", (unsigned long long)iosb.information);
    drvhost_request_free(r1);
    drvhost_request_free(r2);
    ok(wdfctl_counters(f).MaxBusy == (parallel ? 2u : 1u), "requests presented at once\n");
    drvhost_close(f);
}

TEST(sequential_queue_presents_one_request_at_a_time)
{
    wdfctl_pend_then_echo("wdfctl", "\\\\.\\WdfCtl", 0);
}

TEST(parallel_queue_presents_requests_at_once)
{
    wdfctl_pend_then_echo("wdfctl_par", "\\\\.\\WdfCtlPar", 1);
}

/* Each framework module binds separately and keeps its own WdfDriverGlobals. */
TEST(two_framework_drivers_keep_their_own_globals)
{
    drvhost_file *a = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    drvhost_file *b = harness_open_driver("wdfctl_par", "\\\\.\\WdfCtlPar");
    if (a == NULL || b == NULL)
        return;
    ok(strcmp(wdfctl_info(a).DriverName, "wdfctl") == 0, "first driver's globals\n");
    ok(strcmp(wdfctl_info(b).DriverName, "wdfctl_par") == 0, "second driver's globals\n");
    ok(wdfctl_info(b).Checks == WDFCTL_INFO_ALL, "second driver's objects\n");
    drvhost_close(a);
    drvhost_close(b);
}

/* Unloading runs EvtDriverUnload and deletes the driver's objects: the control device and its
 * link go; the module can be loaded (bound) again. */
TEST(unload_deletes_the_control_device_and_rebinds)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    if (f == NULL)
        return;
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdfctl"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\\\.\\WdfCtl", 0xC0000000u, &f), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_driver_load("wdfctl"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\\\.\\WdfCtl", 0xC0000000u, &f), STATUS_SUCCESS);
    ok(strcmp(wdfctl_info(f).DriverName, "wdfctl") == 0, "bound again\n");
    drvhost_close(f);
}

static void wdfctl_misuse(ULONG what)
{
    drvhost_file *f = harness_open_driver("wdfctl", "\\\\.\\WdfCtl");
    if (f != NULL)
        wdfctl_ioctl(f, IOCTL_W_MISUSE, &what, sizeof(what), NULL, 0, NULL);
    ok(0, "misuse %lu returned\n", (unsigned long)what);
}

TEST(completing_a_request_twice_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfctl_misuse(WDFCTL_MISUSE_COMPLETE_TWICE);
}

TEST(a_garbage_handle_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P2, 0x5, 0x12345670, 0, 0);
    wdfctl_misuse(WDFCTL_MISUSE_BAD_HANDLE);
}

TEST(a_handle_of_the_wrong_type_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfctl_misuse(WDFCTL_MISUSE_WRONG_TYPE);
}

TEST(a_deleted_handle_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x5);
    wdfctl_misuse(WDFCTL_MISUSE_USE_DELETED);
}

TEST(a_null_required_parameter_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x4);
    wdfctl_misuse(WDFCTL_MISUSE_NULL_BUFFER);
}

TEST(dereferencing_away_a_live_object_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x7);
    wdfctl_misuse(WDFCTL_MISUSE_DEREF_DELETE);
}

/* drvhost's own: a framework routine it does not implement reports itself (parameter 2: its
 * WDFFUNCENUM index). */
TEST(an_unimplemented_framework_routine_reports_itself)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P2, 0x1000, WdfGetTriageInfoTableIndex, 0,
                           0);
    wdfctl_misuse(WDFCTL_MISUSE_NOT_PROVIDED);
}

/* WdfVersionBind refuses a module built for another framework version or table size. */
TEST(bind_checks_the_version_and_table_size)
{
    DRIVER_OBJECT driver;
    const WDFFUNC *table = NULL;
    WDF_BIND_INFO info = {sizeof(WDF_BIND_INFO),
                          (PWCHAR)L"KmdfLibrary",
                          {1, 35, 0},
                          WdfFunctionTableNumEntries,
                          &table,
                          NULL};
    PWDF_DRIVER_GLOBALS globals = NULL;
    memset(&driver, 0, sizeof(driver));
    ok_status(WdfVersionBind(&driver, NULL, &info, &globals), STATUS_REVISION_MISMATCH);
    info.Version.Minor = 33;
    info.FuncCount = 400;
    ok_status(WdfVersionBind(&driver, NULL, &info, &globals), STATUS_REVISION_MISMATCH);
    info.FuncCount = WdfFunctionTableNumEntries;
    info.Size = 8;
    ok_status(WdfVersionBind(&driver, NULL, &info, &globals), STATUS_INVALID_PARAMETER);
    ok(table == NULL && globals == NULL, "nothing bound\n");
    info.Size = sizeof(info);
    ok_status(WdfVersionBind(&driver, NULL, &info, &globals), STATUS_SUCCESS);
    ok(table != NULL && globals != NULL && globals->Driver == NULL, "bound\n");
    ok_status(WdfVersionUnbind(NULL, &info, globals), STATUS_SUCCESS);
    ok(table == NULL, "the table pointer is cleared at unbind\n");
}

static void wdfbad_load(const char *service, int32_t expected)
{
    ok_status(drvhost_service_add(service, harness_driver_path(service)), STATUS_SUCCESS);
    ok_status(drvhost_driver_load(service), expected);
}

/* Microsoft (WdfDriverCreate): a structure whose Size is wrong is STATUS_INFO_LENGTH_MISMATCH. */
TEST(driver_create_checks_the_config_size)
{
    wdfbad_load("wdfbad1", STATUS_INFO_LENGTH_MISMATCH);
}

/* Microsoft (WDF_DRIVER_INIT_FLAGS): a non-PnP driver must not supply EvtDriverDeviceAdd. */
TEST(driver_create_refuses_device_add_for_non_pnp_drivers)
{
    wdfbad_load("wdfbad2", STATUS_INVALID_PARAMETER);
}

/* Microsoft (WdfIoQueueCreate): STATUS_WDF_NO_CALLBACK. */
TEST(queue_create_needs_a_request_handler)
{
    wdfbad_load("wdfbad3", STATUS_WDF_NO_CALLBACK);
}

/* Microsoft (WdfIoQueueCreate): a second default queue is STATUS_UNSUCCESSFUL. */
TEST(queue_create_refuses_a_second_default_queue)
{
    wdfbad_load("wdfbad6", STATUS_UNSUCCESSFUL);
}

/* DriverEntry failing after WdfDriverCreate: the framework deletes what the driver created (its
 * control device goes) and does not call EvtDriverUnload (its EvtDriverUnload bug-checks). */
TEST(failed_driver_entry_deletes_objects_without_evt_driver_unload)
{
    drvhost_file *f;
    wdfbad_load("wdfbad5", STATUS_UNSUCCESSFUL);
    ok_status(drvhost_open("\\Device\\WdfBad", 0xC0000000u, &f), STATUS_OBJECT_NAME_NOT_FOUND);
}
