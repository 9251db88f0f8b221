/*
 * test_wdf_w117.c - WdfDeviceConfigureWdmIrpDispatchCallback / EvtDeviceWdmIrpDispatch and
 * WdfDeviceWdmDispatchIrp (KMDF 1.11), the SDDL of framework devices (WdfControlDeviceInitAllocate,
 * WdfDeviceInitAssignSDDLString) against the client identity, and KMDF 1.21 routines
 * (WdfRequestGetRequestorProcessId, WdfFileObjectGetInitiatorProcessId); drivers/wdfw117.c;
 * docs/wdf.md, "WDM IRP dispatch, device security, KMDF 1.17 to 1.33".
 */
#include <wdm.h>
#include <wdf.h>

#include "drivers/wdfw117.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define W117_PATH "\\\\.\\WdfW117"
#define RW        0xC0000000u /* GENERIC_READ | GENERIC_WRITE */

static drvhost_file *w117_open(void)
{
    return harness_open_driver("wdfw117", W117_PATH);
}

static WDFW117_RECORD w117_record(drvhost_file *f)
{
    WDFW117_RECORD r;
    memset(&r, 0xFF, sizeof(r));
    ok_status(harness_ioctl(f, IOCTL_W117_RECORD, NULL, 0, &r, sizeof(r), NULL), STATUS_SUCCESS);
    return r;
}

static int32_t w117_try_open(const char *path, uint32_t access)
{
    drvhost_file *f = NULL;
    int32_t status = drvhost_open(path, access, &f);
    if (f != NULL)
        drvhost_close(f);
    return status;
}

/* Microsoft (EVT_WDFDEVICE_WDM_IRP_DISPATCH, WdfDeviceWdmDispatchIrpToIoQueue,
 * WdfDeviceWdmDispatchIrp): every device control reaches the callback with its major, minor
 * and control code and the driver's context, after EvtDeviceWdmIrpPreprocess; the callback
 * sends it to the queue it chooses, hands it back for the default queue, or completes it. */
TEST(wdm_irp_dispatch_callback_chooses_the_queue)
{
    drvhost_file *f = w117_open();
    drvhost_iosb iosb;
    WDFW117_RECORD r;
    if (f == NULL)
        return;
    memset(&iosb, 0, sizeof(iosb));
    ok_status(harness_ioctl(f, IOCTL_W117_TO_SIDE, NULL, 0, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == WDFW117_INFO_SIDE, "to the side queue: information 0x%lx\n",
       (unsigned long)iosb.information);
    r = w117_record(f);
    ok(r.Dispatches == 1 && r.Preprocesses == 1, "dispatches %lu, preprocesses %lu\n",
       (unsigned long)r.Dispatches, (unsigned long)r.Preprocesses);
    ok(r.Major == IRP_MJ_DEVICE_CONTROL && r.Minor == 0 && r.Code == IOCTL_W117_TO_SIDE,
       "major %lu minor %lu code 0x%lx\n", (unsigned long)r.Major, (unsigned long)r.Minor,
       (unsigned long)r.Code);
    ok(r.ContextOk == 1, "DriverContext is the registered one\n");
    ok(r.PreprocessFirst == 1, "EvtDeviceWdmIrpPreprocess ran before EvtDeviceWdmIrpDispatch\n");

    ok_status(harness_ioctl(f, IOCTL_W117_DEFAULT, NULL, 0, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == WDFW117_INFO_DEFAULT, "handed back: information 0x%lx\n",
       (unsigned long)iosb.information);
    ok_status(harness_ioctl(f, IOCTL_W117_SELF, NULL, 0, NULL, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == WDFW117_INFO_SELF, "completed by the callback: information 0x%lx\n",
       (unsigned long)iosb.information);
    r = w117_record(f);
    ok(r.Dispatches == 3 && r.Code == IOCTL_W117_SELF, "dispatches %lu, last code 0x%lx\n",
       (unsigned long)r.Dispatches, (unsigned long)r.Code);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wdfw117"), STATUS_SUCCESS);
}

/* Microsoft (WdfDeviceConfigureWdmIrpDispatchCallback): the callback sees only the major
 * functions it was registered for (a read goes straight to the queue), and IRP_MJ_CREATE is
 * not one it can be registered for (STATUS_INVALID_PARAMETER, DriverEntry's check). */
TEST(wdm_irp_dispatch_callback_sees_only_its_major_functions)
{
    drvhost_file *f = w117_open();
    WDFW117_CHECKS checks = {0, 0};
    WDFW117_RECORD before, after;
    char buffer[4];
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_W117_CHECKS, NULL, 0, &checks, sizeof(checks), NULL),
              STATUS_SUCCESS);
    ok(checks.Bits == WDFW117_CHECK_ALL, "DriverEntry's checks 0x%lx, first failure at line %lu\n",
       (unsigned long)checks.Bits, (unsigned long)checks.FirstFailedLine);
    before = w117_record(f);
    ok_status(harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, buffer, sizeof(buffer), NULL),
              STATUS_SUCCESS);
    after = w117_record(f);
    ok(after.Reads == before.Reads + 1 && after.Dispatches == before.Dispatches,
       "read: reads %lu -> %lu, dispatches %lu -> %lu\n", (unsigned long)before.Reads,
       (unsigned long)after.Reads, (unsigned long)before.Dispatches,
       (unsigned long)after.Dispatches);
    drvhost_close(f);
}

/* The callback sees a device control of a device that has no other reason to look at an IRP
 * before its queue (no preprocess callback, remove lock or in-caller-context callback): the
 * framework's dispatch of such devices goes straight to the queue otherwise (session 15,
 * docs/wdf.md "Device detours in one byte"); IOCTL_W117_SELF is completed by the callback
 * itself, IOCTL_W117_DEFAULT handed back to the default queue. */
TEST(wdm_irp_dispatch_callback_alone_sees_its_device_controls)
{
    drvhost_file *f = w117_open(), *plain = NULL;
    drvhost_iosb iosb;
    WDFW117_RECORD r;
    if (f == NULL)
        return;
    ok_status(drvhost_open("\\\\.\\WdfW117Plain", RW, &plain), STATUS_SUCCESS);
    if (plain != NULL) {
        memset(&iosb, 0, sizeof(iosb));
        ok_status(harness_ioctl(plain, IOCTL_W117_SELF, NULL, 0, NULL, 0, &iosb), STATUS_SUCCESS);
        ok(iosb.information == WDFW117_INFO_SELF, "completed by the callback: information 0x%lx\n",
           (unsigned long)iosb.information);
        memset(&iosb, 0, sizeof(iosb));
        ok_status(harness_ioctl(plain, IOCTL_W117_DEFAULT, NULL, 0, NULL, 0, &iosb),
                  STATUS_SUCCESS);
        ok(iosb.information == WDFW117_INFO_DEFAULT, "handed to the queue: information 0x%lx\n",
           (unsigned long)iosb.information);
        drvhost_close(plain);
    }
    r = w117_record(f);
    ok(r.Dispatches == 2 && r.Preprocesses == 0 && r.ContextOk == 1,
       "dispatches %lu, preprocesses %lu, context %lu\n", (unsigned long)r.Dispatches,
       (unsigned long)r.Preprocesses, (unsigned long)r.ContextOk);
    drvhost_close(f);
}

/* WdfDeviceWdmDispatchIrp with a DispatchContext that is not the framework's: drvhost reports
 * it and completes the IRP with STATUS_INVALID_PARAMETER (docs/wdf.md). */
TEST(wdm_dispatch_irp_with_a_foreign_dispatch_context_fails_the_irp)
{
    drvhost_file *f = w117_open();
    if (f == NULL)
        return;
    harness_stderr_begin();
    ok_status(harness_ioctl(f, IOCTL_W117_BADCTX, NULL, 0, NULL, 0, NULL),
              STATUS_INVALID_PARAMETER);
    char *err = harness_stderr_end();
    ok(err != NULL && strstr(err, "DispatchContext") != NULL, "the report names the context: %s\n",
       err != NULL ? err : "(none)");
    free(err);
    drvhost_close(f);
}

/* Microsoft (WdfControlDeviceInitAllocate, WdfDeviceInitAssignSDDLString, IoCreateDeviceSecure):
 * the control device's SDDL string is its descriptor: an open the client identity is not
 * granted is STATUS_ACCESS_DENIED from the I/O manager. SDDL_DEVOBJ_SYS_ALL_ADM_ALL lets an
 * administrator (the default identity) and the system in, not a user. */
TEST(a_framework_control_device_has_its_sddl_descriptor)
{
    harness_load_driver("wdfw117");
    ok_status(w117_try_open(W117_PATH, RW), STATUS_SUCCESS);
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(w117_try_open(W117_PATH, 0x80000000u), STATUS_ACCESS_DENIED);
    ok_status(w117_try_open("\\Device\\WdfW117", RW), STATUS_ACCESS_DENIED);
    ok_status(drvhost_client_identity("system"), STATUS_SUCCESS);
    ok_status(w117_try_open(W117_PATH, RW), STATUS_SUCCESS);
}

/* Microsoft (WdfControlDeviceInitAllocate): SDDLString is required; NULL is the framework's
 * bug check 0x10D, parameter 1 0x4 (a NULL parameter) (wdfw117_null.sys). */
TEST(a_control_device_without_an_sddl_string_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x4);
    harness_load_driver("wdfw117_null");
}

/* WdfDeviceInitAssignSDDLString replaces the allocation's string (system only) with one that
 * also lets everyone (WD) read: a user opens for reading, not for writing. */
TEST(assign_sddl_string_replaces_the_control_devices_string)
{
    harness_load_driver("wdfw117");
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(w117_try_open("\\Device\\WdfW117World", 0x80000000u), STATUS_SUCCESS);
    ok_status(w117_try_open("\\Device\\WdfW117World", RW), STATUS_ACCESS_DENIED);
    ok_status(drvhost_client_identity("admin"), STATUS_SUCCESS);
    ok_status(w117_try_open("\\Device\\WdfW117World", RW), STATUS_SUCCESS);
}

/* Microsoft (WdfRequestGetRequestorProcessId, WdfFileObjectGetInitiatorProcessId; KMDF 1.21):
 * the process that sent the request (drvhost: the host process); no initiator process for an
 * open the client made itself: zero. */
TEST(requestor_process_id_is_the_clients_and_no_initiator)
{
    drvhost_file *f = w117_open();
    ULONG pids[2] = {0, 0xFFFF};
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_W117_PIDS, NULL, 0, pids, sizeof(pids), NULL), STATUS_SUCCESS);
    ok(pids[0] == (ULONG)getpid(), "requestor %lu, the process is %lu\n", (unsigned long)pids[0],
       (unsigned long)getpid());
    ok(pids[1] == 0, "initiator %lu\n", (unsigned long)pids[1]);
    drvhost_close(f);
}

/* ---- the class key's override (WdfDeviceInitSetDeviceClass) ------------------------------------
 */

static HANDLE w117_create_key(HANDLE root, PCWSTR path)
{
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    RtlInitUnicodeString(&name, path);
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, root, NULL);
    ok_status(ZwCreateKey(&key, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL), STATUS_SUCCESS);
    return key;
}

/* Properties\Security of WDFW117_CLASS: a self-relative descriptor (SE_DACL_PRESENT |
 * SE_SELF_RELATIVE) whose DACL has one access-allowed entry, GENERIC_ALL for BUILTIN\Users
 * (S-1-5-32-545). */
static void w117_class_security_users_all(void)
{
    UCHAR sd[20 + 8 + 8 + 16];
    HANDLE c =
        w117_create_key(NULL, L"\\Registry\\Machine\\System\\CurrentControlSet\\Control\\Class");
    HANDLE g = w117_create_key(c, L"{5EC0DE52-0117-4ABC-9A01-020304050607}");
    HANDLE p = w117_create_key(g, L"Properties");
    UNICODE_STRING value;
    ULONG u;
    memset(sd, 0, sizeof(sd));
    sd[0] = 1;  /* Revision */
    u = 0x8004; /* Control: SE_SELF_RELATIVE | SE_DACL_PRESENT */
    memcpy(sd + 2, &u, 2);
    u = 20; /* Dacl offset; no owner, group or SACL */
    memcpy(sd + 16, &u, 4);
    sd[20] = 2;     /* ACL: AclRevision */
    u = 8 + 8 + 16; /* AclSize */
    memcpy(sd + 22, &u, 2);
    sd[24] = 1; /* AceCount */
    sd[28] = 0; /* ACCESS_ALLOWED_ACE_TYPE */
    u = 8 + 16; /* AceSize */
    memcpy(sd + 30, &u, 2);
    u = 0x10000000; /* GENERIC_ALL */
    memcpy(sd + 32, &u, 4);
    sd[36] = 1; /* SID: revision 1, 2 sub-authorities, NT authority (5) */
    sd[37] = 2;
    sd[43] = 5;
    u = 32;
    memcpy(sd + 44, &u, 4);
    u = 545;
    memcpy(sd + 48, &u, 4);
    RtlInitUnicodeString(&value, L"Security");
    ok_status(ZwSetValueKey(p, &value, 0, REG_BINARY, sd, sizeof(sd)), STATUS_SUCCESS);
    ZwClose(p);
    ZwClose(g);
    ZwClose(c);
}

/* Microsoft (WdfDeviceInitSetDeviceClass, IoCreateDeviceSecure): without a class key the
 * driver's SDDL_DEVOBJ_KERNEL_ONLY stands (no user-mode open, even an administrator's)... */
TEST(a_device_class_without_a_class_key_keeps_the_drivers_sddl)
{
    harness_load_driver("wdfw117");
    ok_status(w117_try_open("\\Device\\WdfW117Class", 0x80000000u), STATUS_ACCESS_DENIED);
}

/* ...and the class key's Properties\Security replaces it: a user opens for reading and writing. */
TEST(the_class_keys_security_overrides_a_framework_devices_sddl)
{
    w117_class_security_users_all();
    harness_load_driver("wdfw117");
    ok_status(drvhost_client_identity("user"), STATUS_SUCCESS);
    ok_status(w117_try_open("\\Device\\WdfW117Class", RW), STATUS_SUCCESS);
}

/* ---- KMDF 1.29 and 1.31 routines --------------------------------------------------------------
 */

/* WdfPdoInitRemovePowerDependencyOnParent takes a PDO's init (Microsoft: the bus driver calls it
 * when it creates the PDO); drvhost reports another init and ignores the call, the device is
 * created as usual (wdfw117.c calls it on its control device's init). */
TEST(remove_power_dependency_on_a_control_devices_init_is_reported_and_ignored)
{
    drvhost_file *f;
    char *err;
    harness_stderr_begin();
    f = w117_open();
    err = harness_stderr_end();
    ok(err != NULL && strstr(err, "WdfPdoInitRemovePowerDependencyOnParent") != NULL &&
           strstr(err, "not a WdfPdoInitAllocate init") != NULL,
       "the report: %s\n", err != NULL ? err : "(none)");
    free(err);
    if (f != NULL)
        drvhost_close(f);
}

#define W117_PNP_INF   WDF_TEST_DIR "/drivers/wdfpnp.inf"
#define W117_PNP_IFACE "{8d3c1a52-6e4f-4b7a-9c21-5f0e3d2b1a90}" /* drivers/wdfpnp.h */
#define W117_WP_IFACE  CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB06, METHOD_BUFFERED, FILE_ANY_ACCESS)

/* Microsoft (WdfDeviceSetDeviceInterfaceStateEx, KMDF 1.31): on a started device it is
 * WdfDeviceSetDeviceInterfaceState: the interface is disabled, then enabled again (wdfpnp.sys's
 * IOCTL_WP_IFACE with 2: Ex(FALSE), 3: Ex(TRUE)). */
TEST(set_device_interface_state_ex_disables_and_enables_a_started_devices_interface)
{
    char msg[512] = "", instance[64] = "";
    drvhost_file *f = NULL, *g = NULL;
    ok_status(drvhost_pnp_install(W117_PNP_INF, msg, sizeof msg), STATUS_SUCCESS);
    ok_status(drvhost_device_create("WDFPNP\\FUNC", NULL, 0, instance, sizeof instance),
              STATUS_SUCCESS);
    ok_status(drvhost_open_interface(W117_PNP_IFACE, 0, RW, &f), STATUS_SUCCESS);
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, W117_WP_IFACE, "\2", 1, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(drvhost_open_interface(W117_PNP_IFACE, 0, RW, &g), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(harness_ioctl(f, W117_WP_IFACE, "\3", 1, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(drvhost_open_interface(W117_PNP_IFACE, 0, RW, &g), STATUS_SUCCESS);
    if (g != NULL)
        drvhost_close(g);
    drvhost_close(f);
}
