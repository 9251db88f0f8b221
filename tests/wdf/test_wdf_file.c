/*
 * test_wdf_file.c - framework file objects (EvtDeviceFileCreate, EvtFileCleanup, EvtFileClose,
 * WDFFILEOBJECT contexts and routines, exclusive devices), EvtDeviceWdmIrpPreprocess, and
 * framework drivers built for KMDF 1.9 and 1.15 (drivers/wdffile.c; docs/wdf.md); the file
 * objects' synchronization scope and execution level (drivers/wdffsync.c).
 */
#include <wdm.h>
#include <wdf.h>
#include <wdfldr.h>

#include "drivers/wdffile.h"
#include "drivers/wdffsync.h"
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define RW 0xC0000000u

static WDFFILE_LOG wdffile_log(drvhost_file *f)
{
    WDFFILE_LOG log;
    memset(&log, 0, sizeof(log));
    ok_status(harness_ioctl(f, IOCTL_F_LOG, NULL, 0, &log, sizeof(log), NULL), STATUS_SUCCESS);
    log.Events[log.Count < sizeof(log.Events) ? log.Count : sizeof(log.Events) - 1] = '\0';
    return log;
}

static WDFFILE_WHOAMI wdffile_whoami(drvhost_file *f)
{
    WDFFILE_WHOAMI who;
    memset(&who, 0xFF, sizeof(who));
    ok_status(harness_ioctl(f, IOCTL_F_WHOAMI, NULL, 0, &who, sizeof(who), NULL), STATUS_SUCCESS);
    return who;
}

static drvhost_file *wdffile_open(const char *path, int32_t expected)
{
    drvhost_file *f = NULL;
    ok_status(drvhost_open(path, RW, &f), expected);
    return f;
}

/* Microsoft (Framework File Objects): EvtDeviceFileCreate for each open, with a new
 * WDFFILEOBJECT whose context is per handle; EvtFileCleanup then EvtFileClose when the handle
 * closes, then the object is deleted (its EvtCleanupCallback). */
TEST(each_open_gets_a_file_object_and_callbacks_in_order)
{
    drvhost_file *a = harness_open_driver("wdffile", "\\\\.\\WdfFile");
    drvhost_file *b;
    WDFFILE_WHOAMI wa, wb;
    if (a == NULL)
        return;
    b = wdffile_open("\\\\.\\WdfFile", STATUS_SUCCESS);
    wa = wdffile_whoami(a);
    wb = wdffile_whoami(b);
    ok(wa.Id == 1 && wb.Id == 2, "per-handle contexts: %lu %lu\n", (unsigned long)wa.Id,
       (unsigned long)wb.Id);
    ok(wa.Checks == WDFFILE_WHO_ALL, "file object routines at create: 0x%lx\n",
       (unsigned long)wa.Checks);
    ok_status(drvhost_close(b), STATUS_SUCCESS);
    ok(strcmp(wdffile_log(a).Events, "C1C2U2L2D2") == 0, "log '%s'\n", wdffile_log(a).Events);
    ok(wdffile_whoami(a).Id == 1, "the first handle keeps its file object\n");
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("wdffile"), STATUS_SUCCESS);
}

/* Microsoft (EvtDeviceFileCreate): the driver completes the create request; a failure status
 * reaches the opener, and the file object goes without EvtFileCleanup / EvtFileClose. The file
 * name is WdfFileObjectGetFileName's. */
TEST(a_failed_create_reaches_the_opener_and_leaves_no_file_object)
{
    drvhost_file *a = harness_open_driver("wdffile", "\\\\.\\WdfFile");
    drvhost_file *b;
    if (a == NULL)
        return;
    b = wdffile_open("\\\\.\\WdfFile\\fail", STATUS_ACCESS_DENIED);
    ok(b == NULL, "no handle\n");
    ok(strcmp(wdffile_log(a).Events, "C1C2D2") == 0, "log '%s'\n", wdffile_log(a).Events);
    b = wdffile_open("\\\\.\\WdfFile\\abc", STATUS_SUCCESS);
    if (b != NULL) {
        WDFFILE_WHOAMI w = wdffile_whoami(b);
        ok(w.Id == 3 && memcmp(w.Name, L"\\abc", 5 * sizeof(WCHAR)) == 0, "id %lu, name\n",
           (unsigned long)w.Id);
        drvhost_close(b);
    }
    drvhost_close(a);
    ok_status(drvhost_driver_unload("wdffile"), STATUS_SUCCESS);
}

/* A create the driver completes later (from a DPC) leaves the opener waiting until then. */
TEST(a_create_completed_later_opens_then)
{
    drvhost_file *a = harness_open_driver("wdffile", "\\\\.\\WdfFile");
    drvhost_file *b;
    if (a == NULL)
        return;
    b = wdffile_open("\\\\.\\WdfFile\\pend", STATUS_SUCCESS);
    if (b != NULL) {
        ok(wdffile_whoami(b).Id == 2, "the pended create's file object\n");
        drvhost_close(b);
    }
    ok(strcmp(wdffile_log(a).Events, "C1C2U2L2D2") == 0, "log '%s'\n", wdffile_log(a).Events);
    drvhost_close(a);
    ok_status(drvhost_driver_unload("wdffile"), STATUS_SUCCESS);
}

/* Microsoft (WDF_FILEOBJECT_CONFIG): without EvtDeviceFileCreate the framework opens the file
 * itself; WdfFileObjectWdfCannotUseFsContexts still finds the object of a request.
 * WdfDeviceInitSetExclusive: a second open is refused. */
TEST(exclusive_device_without_create_callback)
{
    drvhost_file *a = harness_open_driver("wdffile_excl", "\\\\.\\WdfFileX");
    drvhost_file *b;
    WDFFILE_WHOAMI w;
    if (a == NULL)
        return;
    b = wdffile_open("\\\\.\\WdfFileX", STATUS_ACCESS_DENIED);
    ok(b == NULL, "no second handle\n");
    w = wdffile_whoami(a);
    ok(w.Id == 0, "no EvtDeviceFileCreate ran: id %lu\n", (unsigned long)w.Id);
    ok(strcmp(wdffile_log(a).Events, "") == 0, "log '%s'\n", wdffile_log(a).Events);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    a = wdffile_open("\\\\.\\WdfFileX", STATUS_SUCCESS);
    if (a != NULL) {
        /* the first handle's cleanup, close and deletion (id 0: no create callback set it) */
        ok(strcmp(wdffile_log(a).Events, "U0L0D0") == 0, "log '%s'\n", wdffile_log(a).Events);
        drvhost_close(a);
    }
    ok_status(drvhost_driver_unload("wdffile_excl"), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestGetFileObject): NULL when the driver did not ask for file objects. */
TEST(no_file_object_config_no_file_objects)
{
    drvhost_file *a = harness_open_driver("wdffile_none", "\\\\.\\WdfFileN");
    WDFFILE_WHOAMI w;
    if (a == NULL)
        return;
    w = wdffile_whoami(a);
    ok(w.Id == 0 && w.Checks == 0, "no file object: id %lu checks 0x%lx\n", (unsigned long)w.Id,
       (unsigned long)w.Checks);
    drvhost_close(a);
    ok_status(drvhost_driver_unload("wdffile_none"), STATUS_SUCCESS);
}

static WDFFILE_INFO wdffile_info(drvhost_file *f)
{
    WDFFILE_INFO info;
    memset(&info, 0xFF, sizeof(info));
    ok_status(harness_ioctl(f, IOCTL_F_INFO, NULL, 0, &info, sizeof(info), NULL), STATUS_SUCCESS);
    return info;
}

/* Microsoft (WdfDeviceInitAssignWdmIrpPreprocessCallback): the callback sees every IRP of its
 * major function first; it completes one itself, or gives it back to the framework with
 * WdfDeviceWdmDispatchPreprocessedIrp. */
TEST(preprocess_callback_sees_device_controls_first)
{
    drvhost_file *a = harness_open_driver("wdffile", "\\\\.\\WdfFile");
    drvhost_iosb iosb;
    WDFFILE_INFO before, after;
    if (a == NULL)
        return;
    before = wdffile_info(a);
    ok(before.AssignChecks == WDFFILE_ASSIGN_ALL, "assign: checks 0x%lx\n",
       (unsigned long)before.AssignChecks);
    ok_status(harness_ioctl(a, IOCTL_F_RAW, NULL, 0, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 42, "completed by the preprocess callback: %llu\n",
       (unsigned long long)iosb.information);
    after = wdffile_info(a);
    ok(after.Preprocessed == before.Preprocessed + 2, "preprocessed %lu -> %lu\n",
       (unsigned long)before.Preprocessed, (unsigned long)after.Preprocessed);
    drvhost_close(a);
    ok_status(drvhost_driver_unload("wdffile"), STATUS_SUCCESS);
}

/* KMDF versions: the same driver built for 1.9 and 1.15 binds, runs its file objects and its
 * queue (a 1.9 WDF_IO_QUEUE_CONFIG has no Driver member: 88 bytes). */
static void wdffile_version(const char *service, const char *path, ULONG minor, ULONG qsize)
{
    drvhost_file *a = harness_open_driver(service, path);
    WDFFILE_INFO info;
    if (a == NULL)
        return;
    info = wdffile_info(a);
    ok(info.KmdfMinor == minor && info.QueueConfigSize == qsize && info.Available == 1,
       "%s: minor %lu, queue config %lu, available %lu\n", service, (unsigned long)info.KmdfMinor,
       (unsigned long)info.QueueConfigSize, (unsigned long)info.Available);
    ok(wdffile_whoami(a).Id == 1, "%s: file object\n", service);
    drvhost_close(a);
    ok_status(drvhost_driver_unload(service), STATUS_SUCCESS);
}

TEST(drivers_built_for_kmdf_1_9_1_15_and_1_33_run)
{
    wdffile_version("wdffile_v9", "\\\\.\\WdfFile9", 9, 88);
    wdffile_version("wdffile_v15", "\\\\.\\WdfFile15", 15, 96);
    wdffile_version("wdffile", "\\\\.\\WdfFile", 33, 96);
}

static WDFFILE_USER wdffile_user(drvhost_file *f, uint32_t code, size_t in_size)
{
    WDFFILE_USER u;
    char in[8] = "abcdefg";
    drvhost_iosb iosb;
    memset(&u, 0xFF, sizeof(u));
    ok_status(harness_ioctl(f, code, in_size != 0 ? in : NULL, in_size, &u, sizeof(u), &iosb),
              STATUS_SUCCESS);
    return u;
}

/* Microsoft (WdfRequestRetrieveUnsafeUserInputBuffer / OutputBuffer): outside
 * EvtIoInCallerContext, and for buffered or direct I/O, STATUS_INVALID_DEVICE_REQUEST.
 * WdfRequestRetrieveInputWdmMdl / OutputWdmMdl: an MDL for buffered and direct I/O (direct: the
 * IRP's), STATUS_BUFFER_TOO_SMALL for an empty buffer. WdfRequestGetRequestorMode: UserMode
 * for a request from an application. */
TEST(request_wdm_views_mdls_and_unsafe_buffers)
{
    drvhost_file *a = harness_open_driver("wdffile", "\\\\.\\WdfFile");
    WDFFILE_USER u;
    if (a == NULL)
        return;
    u = wdffile_user(a, IOCTL_F_USER, 7);
    ok_status(u.UnsafeIn, STATUS_INVALID_DEVICE_REQUEST);
    ok_status(u.UnsafeOut, STATUS_INVALID_DEVICE_REQUEST);
    ok_status(u.InMdl, STATUS_SUCCESS);
    ok_status(u.OutMdl, STATUS_SUCCESS);
    ok(u.Mode == UserMode, "requestor mode %lu\n", (unsigned long)u.Mode);
    ok(u.Checks == (WDFFILE_USER_IN_MDL | WDFFILE_USER_OUT_MDL), "buffered: checks 0x%lx\n",
       (unsigned long)u.Checks);
    u = wdffile_user(a, IOCTL_F_USER_D, 7);
    ok_status(u.OutMdl, STATUS_SUCCESS);
    ok(u.Checks == (WDFFILE_USER_IN_MDL | WDFFILE_USER_OUT_MDL | WDFFILE_USER_IRP_MDL),
       "direct: checks 0x%lx\n", (unsigned long)u.Checks);
    u = wdffile_user(a, IOCTL_F_USER, 0);
    ok_status(u.EmptyMdl, STATUS_BUFFER_TOO_SMALL);
    drvhost_close(a);
    ok_status(drvhost_driver_unload("wdffile"), STATUS_SUCCESS);
}

/* WdfVersionBind: a module binds with the function count of its KMDF version (1.9: 396, 1.11:
 * 432, 1.13: 438, 1.15 and 1.17: 444, 1.19: 446, 1.21: 448, 1.23: 451, 1.25 and 1.27: 453,
 * 1.29: 454, 1.31 and 1.33: 458); another count, or a version outside 1.9..1.33, is
 * STATUS_REVISION_MISMATCH. */
TEST(bind_takes_each_version_with_its_function_count)
{
    static const struct {
        ULONG minor, count;
        int32_t status;
    } cases[] = {
        {9, 396, STATUS_SUCCESS},
        {10, 396, STATUS_SUCCESS},
        {11, 432, STATUS_SUCCESS},
        {13, 438, STATUS_SUCCESS},
        {15, 444, STATUS_SUCCESS},
        {17, 444, STATUS_SUCCESS},
        {19, 446, STATUS_SUCCESS},
        {21, 448, STATUS_SUCCESS},
        {23, 451, STATUS_SUCCESS},
        {25, 453, STATUS_SUCCESS},
        {27, 453, STATUS_SUCCESS},
        {29, 454, STATUS_SUCCESS},
        {31, 458, STATUS_SUCCESS},
        {33, 458, STATUS_SUCCESS},
        {9, 444, STATUS_REVISION_MISMATCH},
        {11, 396, STATUS_REVISION_MISMATCH},
        {25, 444, STATUS_REVISION_MISMATCH},
        {33, 444, STATUS_REVISION_MISMATCH},
        {8, 396, STATUS_REVISION_MISMATCH},
        {34, 458, STATUS_REVISION_MISMATCH},
    };
    size_t i;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        DRIVER_OBJECT driver;
        const WDFFUNC *table = NULL;
        WDF_BIND_INFO info = {sizeof(WDF_BIND_INFO),
                              (PWCHAR)L"KmdfLibrary",
                              {1, cases[i].minor, 0},
                              cases[i].count,
                              &table,
                              NULL};
        PWDF_DRIVER_GLOBALS globals = NULL;
        memset(&driver, 0, sizeof(driver));
        ok_status(WdfVersionBind(&driver, NULL, &info, &globals), cases[i].status);
        if (globals != NULL)
            ok_status(WdfVersionUnbind(NULL, &info, globals), STATUS_SUCCESS);
    }
}

/* ---- the file objects' synchronization (drivers/wdffsync.c) -------------------------------- */

static drvhost_file *fsync_open(int mode)
{
    char service[16], device[32];
    snprintf(service, sizeof(service), "wdffsync%d", mode);
    snprintf(device, sizeof(device), "\\\\.\\WdfFsync%d", mode);
    return harness_open_driver(service, device);
}

/* Microsoft (WdfDeviceInitSetFileObjectConfig): file objects inherit their device's scope and
 * level; when these are not None and passive, the file objects' attributes must opt out, else
 * WdfDeviceCreate fails (the page names no status: drvhost's is
 * STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL). The page asks for None and Passive; Microsoft's
 * serial sample opts out with None alone (case 2), which Windows accepts. A device at None, or at
 * passive level, needs nothing; a device without file objects neither. WDF_SYNCHRONIZATION_SCOPE:
 * file objects take no scope but None (STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
 * WDF_EXECUTION_LEVEL: they take a level; Framework Object Creation Errors: a wrong Size is
 * STATUS_INFO_LENGTH_MISMATCH (of the attributes; of the WDF_FILEOBJECT_CONFIG:
 * WdfDeviceInitSetFileObjectConfig returns nothing, WdfDeviceCreate fails, drvhost's choice); a
 * FileObjectClass that is no class (WdfFileObjectCanBeOptional alone) STATUS_INVALID_PARAMETER
 * (drvhost's choice). */
TEST(device_create_applies_the_file_objects_scope_and_level_rules)
{
    static const int32_t expected[WDFFSYNC_RULES_COUNT] = {
        STATUS_SUCCESS,
        STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL,
        STATUS_SUCCESS,
        STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL,
        STATUS_SUCCESS,
        STATUS_SUCCESS,
        STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL,
        STATUS_SUCCESS,
        STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID,
        STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID,
        STATUS_SUCCESS,
        STATUS_INFO_LENGTH_MISMATCH,
        STATUS_SUCCESS,
        STATUS_WDF_INCOMPATIBLE_EXECUTION_LEVEL,
        STATUS_INFO_LENGTH_MISMATCH,
        STATUS_INVALID_PARAMETER,
    };
    drvhost_file *f = fsync_open(0);
    WDFFSYNC_RULES r;
    if (f == NULL)
        return;
    memset(&r, 0xEE, sizeof(r));
    ok_status(harness_ioctl(f, IOCTL_FS_RULES, NULL, 0, &r, sizeof(r), NULL), STATUS_SUCCESS);
    for (int i = 0; i < WDFFSYNC_RULES_COUNT; i++)
        ok(r.Status[i] == expected[i], "case %d: WdfDeviceCreate 0x%08lx, expected 0x%08lx\n", i,
           (unsigned long)(uint32_t)r.Status[i], (unsigned long)(uint32_t)expected[i]);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wdffsync0"), STATUS_SUCCESS);
}

struct fsync_client {
    drvhost_file *file;
    int mode;
};

static void *fsync_slow(void *arg)
{
    struct fsync_client *c = arg;
    for (int i = 0; i < 8; i++)
        harness_ioctl(c->file, IOCTL_FS_SLOW, NULL, 0, NULL, 0, NULL);
    return NULL;
}

static void *fsync_opens(void *arg)
{
    struct fsync_client *c = arg;
    char device[32];
    snprintf(device, sizeof(device), "\\\\.\\WdfFsync%d", c->mode);
    for (int i = 0; i < 8; i++) {
        drvhost_file *f = NULL;
        if (drvhost_open(device, RW, &f) == STATUS_SUCCESS)
            drvhost_close(f);
    }
    return NULL;
}

/* One thread sends 20 ms device controls to the device's parallel queue while another opens
 * and closes handles (20 ms file callbacks): how many callbacks ran at once. */
static WDFFSYNC_STATS fsync_race(int mode)
{
    WDFFSYNC_STATS s;
    struct fsync_client c = {fsync_open(mode), mode};
    pthread_t t[2];
    memset(&s, 0xFF, sizeof(s));
    if (c.file == NULL)
        return s;
    pthread_create(&t[0], NULL, fsync_slow, &c);
    pthread_create(&t[1], NULL, fsync_opens, &c);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    ok_status(harness_ioctl(c.file, IOCTL_FS_STATS, NULL, 0, &s, sizeof(s), NULL), STATUS_SUCCESS);
    /* the test's own open, then 8 opens of create, cleanup and close */
    ok(s.FileCalls == 1 + 8 * 3 && s.IoCalls == 8, "mode %d: %lu file calls, %lu I/O calls\n", mode,
       (unsigned long)s.FileCalls, (unsigned long)s.IoCalls);
    ok(s.MaxIrql == PASSIVE_LEVEL, "mode %d: a file callback at IRQL %lu\n", mode,
       (unsigned long)s.MaxIrql);
    drvhost_close(c.file);
    return s;
}

/* Microsoft (Using Automatic Synchronization, WDF_SYNCHRONIZATION_SCOPE): under scope Device
 * the framework takes the device's lock around all file object callbacks as around its queues'
 * (its table), at PASSIVE_LEVEL with WdfExecutionLevelPassive: a queue callback and a file
 * callback never run at once. */
TEST(scope_device_serialises_file_callbacks_with_queue_callbacks)
{
    WDFFSYNC_STATS s = fsync_race(1);
    ok(s.MaxBusy == 1, "%lu callbacks at once\n", (unsigned long)s.MaxBusy);
    ok_status(drvhost_driver_unload("wdffsync1"), STATUS_SUCCESS);
}

/* WdfDeviceInitSetFileObjectConfig: file objects whose attributes say
 * WdfSynchronizationScopeNone are out of the device's synchronization: their callbacks run
 * while a queue callback holds the device's lock (the probe sees both at once). */
TEST(file_objects_with_scope_none_run_beside_queue_callbacks)
{
    WDFFSYNC_STATS s = fsync_race(2);
    ok(s.MaxBusy == 2, "at most %lu callbacks at once\n", (unsigned long)s.MaxBusy);
    ok_status(drvhost_driver_unload("wdffsync2"), STATUS_SUCCESS);
}

/* A create a driver sends at DISPATCH_LEVEL (from a DPC, without a WDM file object, as
 * Framework File Objects says a driver may): the file objects' callbacks are passive-level
 * ones (Using Automatic Synchronization: "the framework calls these callback functions at
 * IRQL = PASSIVE_LEVEL"; EvtDeviceFileCreate's page: PASSIVE_LEVEL), so the framework calls
 * EvtDeviceFileCreate on another thread at PASSIVE_LEVEL, once the device's lock is free;
 * its status reaches the sender. */
static void fsync_sent_at_dispatch(int mode)
{
    drvhost_file *f = fsync_open(mode);
    WDFFSYNC_SENT sent;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_FS_SEND, NULL, 0, NULL, 0, NULL), STATUS_SUCCESS);
    for (int i = 0; i < 200; i++) {
        memset(&sent, 0xEE, sizeof(sent));
        ok_status(harness_ioctl(f, IOCTL_FS_SENT, NULL, 0, &sent, sizeof(sent), NULL),
                  STATUS_SUCCESS);
        if (sent.Done == 1)
            break;
        usleep(10 * 1000);
    }
    ok(sent.Done == 1 && sent.Status == STATUS_ACCESS_DENIED, "mode %d: done %ld status 0x%08lx\n",
       mode, (long)sent.Done, (unsigned long)(uint32_t)sent.Status);
    ok(sent.SendIrql == DISPATCH_LEVEL, "mode %d: sent at IRQL %ld\n", mode, (long)sent.SendIrql);
    ok(sent.CreateIrql == PASSIVE_LEVEL && sent.OtherThread == 1,
       "mode %d: EvtDeviceFileCreate at IRQL %ld, on another thread %ld\n", mode,
       (long)sent.CreateIrql, (long)sent.OtherThread);
    drvhost_close(f);
}

TEST(a_create_sent_at_dispatch_level_reaches_the_driver_at_passive_level)
{
    fsync_sent_at_dispatch(1); /* under the device's passive lock */
    ok_status(drvhost_driver_unload("wdffsync1"), STATUS_SUCCESS);
    fsync_sent_at_dispatch(2); /* WdfExecutionLevelPassive, no lock */
    ok_status(drvhost_driver_unload("wdffsync2"), STATUS_SUCCESS);
}

/* SpbDeviceInitConfig gives SpbCx the device's file objects (it handles the creates and closes
 * of its targets: EvtSpbTargetConnect's page); a WdfDeviceInitSetFileObjectConfig on the same
 * init, after or before, would take them from one of the two. The pages say nothing of it:
 * drvhost reports it, 0x10D with its parameter 1 0x1003 (parameter 3: 0 the driver's call
 * came second, 1 SpbCx's). */
TEST(file_object_config_after_spb_device_init_config_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x1003, 0, 0, 0);
    harness_load_driver("wdffsync3");
    ok(0, "the driver loaded\n");
}

TEST(spb_device_init_config_after_file_object_config_is_wdf_violation)
{
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x1003, 0, 1, 0);
    harness_load_driver("wdffsync4");
    ok(0, "the driver loaded\n");
}

static NTSTATUS NTAPI no_fo_done(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    (void)DeviceObject;
    (void)Irp;
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* Sends `major` (create, cleanup or close) to `device` as a kernel component that built its own
 * IRP may: no WDM file object in the stack location. Returns the IRP's status. */
static NTSTATUS send_without_file_object(PDEVICE_OBJECT device, UCHAR major)
{
    KEVENT done;
    IO_SECURITY_CONTEXT security = {0};
    PIRP irp = IoAllocateIrp(device->StackSize, FALSE);
    NTSTATUS status;
    if (irp == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    KeInitializeEvent(&done, NotificationEvent, FALSE);
    PIO_STACK_LOCATION sl = IoGetNextIrpStackLocation(irp);
    sl->MajorFunction = major;
    sl->FileObject = NULL;
    if (major == IRP_MJ_CREATE) {
        security.DesiredAccess = FILE_READ_DATA;
        sl->Parameters.Create.SecurityContext = &security;
    }
    irp->IoStatus.Status = STATUS_NOT_SUPPORTED;
    IoSetCompletionRoutine(irp, no_fo_done, &done, TRUE, TRUE, TRUE);
    IoCallDriver(device, irp);
    LARGE_INTEGER timeout = {.QuadPart = -50000000};
    status = KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, &timeout);
    if (status == STATUS_SUCCESS)
        status = irp->IoStatus.Status;
    IoFreeIrp(irp);
    return status;
}

/* The device object named `name`, referenced (the handle IoGetDeviceObjectPointer opened is
 * closed, so an exclusive device is free again). */
static PDEVICE_OBJECT device_named(PCWSTR name)
{
    UNICODE_STRING u;
    PFILE_OBJECT fo = NULL;
    PDEVICE_OBJECT device = NULL;
    RtlInitUnicodeString(&u, name);
    ok_status(IoGetDeviceObjectPointer(&u, FILE_READ_DATA, &fo, &device), STATUS_SUCCESS);
    if (device != NULL) {
        ObReferenceObject(device);
        ObDereferenceObject(fo);
    }
    return device;
}

/* Microsoft (Framework File Objects): a create without a WDM file object typically gets no
 * framework file object: EvtDeviceFileCreate gets NULL (wdffile.sys logs "C0"; with a
 * framework file object it would log the object's id). */
static void create_without_a_wdm_file_object(const char *service, const char *path, PCWSTR name)
{
    drvhost_file *a = harness_open_driver(service, path);
    if (a == NULL)
        return;
    PDEVICE_OBJECT device = device_named(name);
    WDFFILE_LOG before = wdffile_log(a);
    ok_status(send_without_file_object(device, IRP_MJ_CREATE), STATUS_SUCCESS);
    WDFFILE_LOG after = wdffile_log(a);
    ok(after.Count == before.Count + 2 && strcmp(after.Events + before.Count, "C0") == 0,
       "log '%s' then '%s'\n", before.Events, after.Events);
    ObDereferenceObject(device);
    drvhost_close(a);
    ok_status(drvhost_driver_unload(service), STATUS_SUCCESS);
}

TEST(a_create_without_a_wdm_file_object_gets_no_framework_file_object)
{
    create_without_a_wdm_file_object("wdffile", "\\\\.\\WdfFile", L"\\Device\\WdfFile");
    /* WdfFileObjectWdfCannotUseFsContexts on a device that is not exclusive: none either */
    create_without_a_wdm_file_object("wdffile_nofs", "\\\\.\\WdfFileC", L"\\Device\\WdfFileC");
}

/* ...except on an exclusive device whose class is WdfFileObjectWdfCannotUseFsContexts (the
 * same page): the framework creates one. wdffile_excl.sys has no EvtDeviceFileCreate; the
 * object shows when a cleanup and close without a WDM file object end it (drvhost's reading:
 * an exclusive device has one file object at a time): EvtFileCleanup, EvtFileClose, its
 * deletion, "U0L0D0". */
TEST(an_exclusive_device_gets_a_file_object_without_a_wdm_one)
{
    drvhost_file *a = harness_open_driver("wdffile_excl", "\\\\.\\WdfFileX");
    if (a == NULL)
        return;
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    PDEVICE_OBJECT device = device_named(L"\\Device\\WdfFileX");
    ok_status(send_without_file_object(device, IRP_MJ_CREATE), STATUS_SUCCESS);
    ok_status(send_without_file_object(device, IRP_MJ_CLEANUP), STATUS_SUCCESS);
    ok_status(send_without_file_object(device, IRP_MJ_CLOSE), STATUS_SUCCESS);
    ObDereferenceObject(device);
    a = wdffile_open("\\\\.\\WdfFileX", STATUS_SUCCESS);
    if (a != NULL) {
        /* the first handle's end, the device_named handle's end, then the object above */
        WDFFILE_LOG log = wdffile_log(a);
        ok(strcmp(log.Events, "U0L0D0U0L0D0U0L0D0") == 0, "log '%s'\n", log.Events);
        drvhost_close(a);
    }
    ok_status(drvhost_driver_unload("wdffile_excl"), STATUS_SUCCESS);
}
