/*
 * test_bootcb.c - boot driver callbacks (IoRegisterBootDriverCallback,
 * IoUnregisterBootDriverCallback): what a boot-start driver's load reports (the status updates
 * first, then BDCB_IMAGE_INFORMATION before its DriverEntry), Windows' default boot policy for
 * a known bad image, the end of the phase at the registering driver's unload
 * (BdCbStatusPrepareForUnload), and the bug check for a registration left by an unloaded
 * driver. drvhost's model of the boot phase: docs/notify.md, "Boot driver callbacks".
 */
#include <ntddk.h>

#include "harness.h"

#include <string.h>

#define SERVICES "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"

/* elamtest's event codes (drivers/elamtest.c). */
#define ELAMTEST_STATUS      0x100
#define ELAMTEST_IMAGE       0x200
#define ELAMTEST_BAD_CONTEXT 0x300

#define MAX_EVENTS 16

struct event {
    BDCB_CALLBACK_TYPE type;
    BDCB_STATUS_UPDATE_TYPE status;
    BDCB_IMAGE_INFORMATION image;
    char name[260];
    char path[160];
    BOOLEAN driver_ran; /* the boot-start driver's device existed at the callback */
};

static struct {
    int n;
    PVOID context;
    BOOLEAN context_ok;
    BDCB_CLASSIFICATION answer;
    struct event e[MAX_EVENTS];
} seen;

static int marker;

/* The string as ANSI, NUL-terminated (empty when it does not fit). */
static void to_ansi(char *to, USHORT cap, PCUNICODE_STRING s)
{
    ANSI_STRING a = {0, cap, to};
    to[0] = 0;
    if (NT_SUCCESS(RtlUnicodeStringToAnsiString(&a, s, FALSE)) && a.Length < cap)
        to[a.Length] = 0;
}

static BOOLEAN device_exists(PCWSTR name)
{
    UNICODE_STRING u;
    PFILE_OBJECT file;
    PDEVICE_OBJECT device;
    RtlInitUnicodeString(&u, name);
    if (!NT_SUCCESS(IoGetDeviceObjectPointer(&u, FILE_READ_ATTRIBUTES, &file, &device)))
        return FALSE;
    ObDereferenceObject(file);
    return TRUE;
}

static VOID Callback(PVOID Context, BDCB_CALLBACK_TYPE Type, PBDCB_IMAGE_INFORMATION Info)
{
    struct event *e;
    if (seen.n == MAX_EVENTS)
        return;
    e = &seen.e[seen.n++];
    seen.context_ok = seen.context_ok && Context == &marker;
    e->type = Type;
    if (Type == BdCbStatusUpdate) {
        e->status = ((PBDCB_STATUS_UPDATE_CONTEXT)Info)->StatusType;
        return;
    }
    e->image = *Info;
    to_ansi(e->name, sizeof(e->name), &Info->ImageName);
    to_ansi(e->path, sizeof(e->path), &Info->RegistryPath);
    e->driver_ran = device_exists(L"\\Device\\IoTestLower");
    Info->Classification = seen.answer;
}

static PVOID register_callback(void)
{
    PVOID handle;
    seen.n = 0;
    seen.context_ok = TRUE;
    handle = IoRegisterBootDriverCallback(Callback, &marker);
    ok(handle != NULL, "IoRegisterBootDriverCallback failed");
    return handle;
}

/* Registers `service` with its test module and, when boot is set, makes it a boot-start
 * driver (Start = 0, SERVICE_BOOT_START). */
static void add_service(const char *service, BOOLEAN boot)
{
    char key[160];
    ULONG start = 0;
    ok_status(drvhost_service_add(service, harness_driver_path(service)), STATUS_SUCCESS);
    snprintf(key, sizeof(key), SERVICES "%s", service);
    if (boot)
        ok_status(drvhost_reg_set(key, "Start", DRVHOST_REG_DWORD, &start, sizeof(start)),
                  STATUS_SUCCESS);
}

TEST(register_without_a_callback_returns_null)
{
    ok(IoRegisterBootDriverCallback(NULL, &marker) == NULL, "a registration without a routine");
}

/* The first boot-start driver: PrepareForDependencyLoad, PrepareForDriverLoad (no dependency
 * DLL in between), then the image, before its DriverEntry: unknown on entry, not a dependency,
 * no code-integrity failure, its image and service key, unsigned (empty certificate strings),
 * no hash or thumbprint; the context given at registration. */
TEST(boot_start_driver_reported_before_its_entry)
{
    PVOID handle = register_callback();
    struct event *img = &seen.e[2];
    add_service("iotest", TRUE);
    ok_status(drvhost_driver_load("iotest"), STATUS_SUCCESS);
    ok(seen.n == 3, "%d events", seen.n);
    ok(seen.e[0].type == BdCbStatusUpdate && seen.e[0].status == BdCbStatusPrepareForDependencyLoad,
       "first: type %d status %d", seen.e[0].type, seen.e[0].status);
    ok(seen.e[1].type == BdCbStatusUpdate && seen.e[1].status == BdCbStatusPrepareForDriverLoad,
       "second: type %d status %d", seen.e[1].type, seen.e[1].status);
    ok(img->type == BdCbInitializeImage, "third: type %d", img->type);
    ok(!img->driver_ran, "the callback ran after DriverEntry");
    ok(img->image.Classification == BdCbClassificationUnknownImage, "classification on entry %d",
       img->image.Classification);
    ok(img->image.ImageFlags == 0, "ImageFlags %#x", img->image.ImageFlags);
    ok(strstr(img->name, "/iotest.sys") != NULL, "ImageName %s", img->name);
    ok(strcmp(img->path, SERVICES "iotest") == 0, "RegistryPath %s", img->path);
    ok(img->image.CertificatePublisher.Length == 0 && img->image.CertificateIssuer.Length == 0,
       "certificate strings of an unsigned image are empty");
    ok(img->image.ImageHash == NULL && img->image.ImageHashLength == 0, "image hash");
    ok(img->image.CertificateThumbprint == NULL && img->image.CertificateThumbprintLength == 0,
       "thumbprint");
    ok(seen.context_ok, "the context given at registration");
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
    IoUnregisterBootDriverCallback(handle);
}

/* The status updates come once per registration: a second boot-start driver is one image. */
TEST(second_boot_start_driver_is_one_image)
{
    PVOID handle = register_callback();
    add_service("iotest", TRUE);
    add_service("nounload", TRUE);
    ok_status(drvhost_driver_load("iotest"), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("nounload"), STATUS_SUCCESS);
    ok(seen.n == 4, "%d events", seen.n);
    ok(seen.e[3].type == BdCbInitializeImage && strstr(seen.e[3].name, "/nounload.sys") != NULL,
       "fourth: type %d", seen.e[3].type);
    ok_status(drvhost_driver_unload("iotest"), STATUS_SUCCESS);
    IoUnregisterBootDriverCallback(handle);
}

/* A demand-start driver (Start 3, drvhost_service_add's) is not a boot-start driver. */
TEST(demand_start_driver_not_reported)
{
    PVOID handle = register_callback();
    add_service("nounload", FALSE);
    ok_status(drvhost_driver_load("nounload"), STATUS_SUCCESS);
    ok(seen.n == 0, "%d events", seen.n);
    IoUnregisterBootDriverCallback(handle);
}

/* The default boot policy: a known bad image is not initialised (DriverEntry never runs:
 * failentry's own failure would be STATUS_INSUFFICIENT_RESOURCES). */
TEST(known_bad_image_not_initialised)
{
    PVOID handle = register_callback();
    seen.answer = BdCbClassificationKnownBadImage;
    add_service("failentry", TRUE);
    ok_status(drvhost_driver_load("failentry"), STATUS_DRIVER_BLOCKED);
    ok(seen.n == 3, "%d events", seen.n);
    ok(!device_exists(L"\\Device\\FailEntry"), "device left behind");
    IoUnregisterBootDriverCallback(handle);
}

/* Known bad but boot critical, known good and unknown images are initialised. */
TEST(bad_but_critical_image_initialised)
{
    PVOID handle = register_callback();
    seen.answer = BdCbClassificationKnownBadImageBootCritical;
    add_service("failentry", TRUE);
    ok_status(drvhost_driver_load("failentry"), STATUS_INSUFFICIENT_RESOURCES);
    seen.answer = BdCbClassificationKnownGoodImage;
    ok_status(drvhost_driver_load("failentry"), STATUS_INSUFFICIENT_RESOURCES);
    ok(seen.n == 4, "%d events", seen.n);
    IoUnregisterBootDriverCallback(handle);
}

TEST(unregistered_callback_not_called)
{
    PVOID handle = register_callback();
    IoUnregisterBootDriverCallback(handle);
    add_service("nounload", TRUE);
    ok_status(drvhost_driver_load("nounload"), STATUS_SUCCESS);
    ok(seen.n == 0, "%d events", seen.n);
}

/* ---- elamtest: the registering driver's own unload ---------------------------------------- */

/* Reads a value of elamtest's service key (the events it recorded, its callback's address). */
static ULONG read_value(const WCHAR *value, void *out, ULONG cap)
{
    UNICODE_STRING key = RTL_CONSTANT_STRING(L"" SERVICES "elamtest"), name;
    OBJECT_ATTRIBUTES oa;
    HANDLE h;
    UCHAR buffer[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 256];
    PKEY_VALUE_PARTIAL_INFORMATION info = (PKEY_VALUE_PARTIAL_INFORMATION)buffer;
    ULONG length = 0;
    NTSTATUS status;
    InitializeObjectAttributes(&oa, &key, OBJ_KERNEL_HANDLE | OBJ_CASE_INSENSITIVE, NULL, NULL);
    if (!NT_SUCCESS(ZwOpenKey(&h, KEY_READ, &oa)))
        return 0;
    RtlInitUnicodeString(&name, value);
    status = ZwQueryValueKey(h, &name, KeyValuePartialInformation, info, sizeof(buffer), &length);
    ZwClose(h);
    if (!NT_SUCCESS(status) || info->DataLength > cap)
        return 0;
    memcpy(out, info->Data, info->DataLength);
    return info->DataLength;
}

/* The phase ends at the registering driver's unload: BdCbStatusPrepareForUnload reaches its
 * callback before its unload routine unregisters it, after the boot-start driver's image. */
TEST(prepare_for_unload_before_the_unload_routine)
{
    ULONG events[16], n;
    add_service("elamtest", FALSE);
    ok_status(drvhost_driver_load("elamtest"), STATUS_SUCCESS);
    add_service("nounload", TRUE);
    ok_status(drvhost_driver_load("nounload"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("elamtest"), STATUS_SUCCESS);
    n = read_value(L"Events", events, sizeof(events)) / sizeof(ULONG);
    ok(n == 4, "%lu events", (unsigned long)n);
    ok(n == 4 && events[0] == ELAMTEST_STATUS + BdCbStatusPrepareForDependencyLoad &&
           events[1] == ELAMTEST_STATUS + BdCbStatusPrepareForDriverLoad &&
           events[2] == ELAMTEST_IMAGE + BdCbClassificationUnknownImage &&
           events[3] == ELAMTEST_STATUS + BdCbStatusPrepareForUnload,
       "events %#lx %#lx %#lx %#lx", (unsigned long)events[0], (unsigned long)events[1],
       (unsigned long)events[2], (unsigned long)events[3]);
}

/* No boot-start driver loaded: the phase still has its three status updates. */
TEST(prepare_updates_without_a_boot_start_driver)
{
    ULONG events[16], n;
    add_service("elamtest", FALSE);
    ok_status(drvhost_driver_load("elamtest"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("elamtest"), STATUS_SUCCESS);
    n = read_value(L"Events", events, sizeof(events)) / sizeof(ULONG);
    ok(n == 3 && events[0] == ELAMTEST_STATUS + BdCbStatusPrepareForDependencyLoad &&
           events[1] == ELAMTEST_STATUS + BdCbStatusPrepareForDriverLoad &&
           events[2] == ELAMTEST_STATUS + BdCbStatusPrepareForUnload,
       "%lu events", (unsigned long)n);
}

/* A driver that unloads without IoUnregisterBootDriverCallback: the next boot-start driver's
 * load calls into its unloaded code, 0xCE (the callback, a read, no known instruction, 0). */
TEST(registration_left_by_an_unloaded_driver_bugchecks)
{
    ULONG keep = 1;
    ULONGLONG callback = 0;
    add_service("elamtest", FALSE);
    ok_status(drvhost_reg_set(SERVICES "elamtest", "KeepRegistration", DRVHOST_REG_DWORD, &keep,
                              sizeof(keep)),
              STATUS_SUCCESS);
    ok_status(drvhost_driver_load("elamtest"), STATUS_SUCCESS);
    ok(read_value(L"Callback", &callback, sizeof(callback)) == sizeof(callback), "no address");
    ok_status(drvhost_driver_unload("elamtest"), STATUS_SUCCESS);
    add_service("nounload", TRUE);
    expect_bugcheck_params(0xCE, BUGCHECK_PALL, callback, 0, 0, 0);
    drvhost_driver_load("nounload");
}
