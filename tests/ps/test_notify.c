/*
 * test_notify.c - process, thread and image notifications (<ntddk.h>) and the object-manager
 * callbacks (ObRegisterCallbacks): registration limits and errors as documented, image load
 * notifications when a driver module loads (IMAGE_INFO of a kernel image), thread create and
 * exit notifications for PsCreateSystemThread threads, and the pre/post handle routines for the
 * thread handles drvhost creates (kernel handles; rights removed by a pre routine).
 */
#include <ntddk.h>

#include "harness.h"
#include "systhread.h"

static struct {
    int count;
    WCHAR name[256];
    HANDLE pid;
    IMAGE_INFO info;
} image;

static VOID NTAPI ImageRoutine(PUNICODE_STRING FullImageName, HANDLE ProcessId,
                               PIMAGE_INFO ImageInfo)
{
    USHORT i, n = FullImageName->Length / sizeof(WCHAR);
    image.count++;
    for (i = 0; i < n && i < 255; i++)
        image.name[i] = FullImageName->Buffer[i];
    image.name[i] = 0;
    image.pid = ProcessId;
    image.info = *ImageInfo;
}

static BOOLEAN ends_with(const WCHAR *s, const char *suffix)
{
    size_t n = 0, m = strlen(suffix);
    while (s[n])
        n++;
    if (n < m)
        return FALSE;
    for (size_t i = 0; i < m; i++)
        if (s[n - m + i] != (WCHAR)suffix[i])
            return FALSE;
    return TRUE;
}

/* A driver module's load: ProcessId 0, SystemModeImage 1, the 32-bit addressing mode value,
 * ImageBase/ImageSize = the module (DriverStart/DriverSize), the image's path. */
TEST(image_load_notification_for_a_driver)
{
    PDRIVER_OBJECT driver = NULL;
    PFILE_OBJECT file = NULL;
    PDEVICE_OBJECT device = NULL;
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\CsqTest");

    ok_status(PsSetLoadImageNotifyRoutine(ImageRoutine), STATUS_SUCCESS);
    ok_status(PsSetLoadImageNotifyRoutine(ImageRoutine), STATUS_INVALID_PARAMETER);
    harness_load_driver("csqtest");
    ok(image.count == 1, "%d notifications", image.count);
    ok(image.pid == NULL, "ProcessId %p", image.pid);
    ok(image.info.SystemModeImage == 1, "SystemModeImage %u", image.info.SystemModeImage);
    ok(image.info.ImageAddressingMode == IMAGE_ADDRESSING_MODE_32BIT, "addressing mode %u",
       image.info.ImageAddressingMode);
    ok(image.info.ExtendedInfoPresent == 0 && image.info.ImageSelector == 0 &&
           image.info.ImageSectionNumber == 0,
       "fields documented as zero");
    ok(ends_with(image.name, "csqtest.sys"), "FullImageName does not name the module");
    ok_status(IoGetDeviceObjectPointer(&name, FILE_READ_DATA, &file, &device), STATUS_SUCCESS);
    driver = device ? device->DriverObject : NULL;
    ok(driver && image.info.ImageBase == driver->DriverStart, "ImageBase %p", image.info.ImageBase);
    ok(driver && image.info.ImageSize == driver->DriverSize, "ImageSize %zu",
       (size_t)image.info.ImageSize);
    if (file)
        ObDereferenceObject(file);
    ok_status(PsRemoveLoadImageNotifyRoutine(ImageRoutine), STATUS_SUCCESS);
    ok_status(PsRemoveLoadImageNotifyRoutine(ImageRoutine), STATUS_PROCEDURE_NOT_FOUND);
    ok_status(drvhost_driver_unload("csqtest"), STATUS_SUCCESS);
}

TEST(image_routine_limits_and_flags)
{
    ok_status(PsSetLoadImageNotifyRoutineEx(ImageRoutine, 0x2), STATUS_INVALID_PARAMETER);
    ok_status(PsSetLoadImageNotifyRoutineEx(ImageRoutine, PS_IMAGE_NOTIFY_CONFLICTING_ARCHITECTURE),
              STATUS_SUCCESS);
    ok_status(PsRemoveLoadImageNotifyRoutine(ImageRoutine), STATUS_SUCCESS);
    ok_status(PsSetLoadImageNotifyRoutine(NULL), STATUS_INVALID_PARAMETER);
}

static struct {
    int creates, exits;
    HANDLE created, exited, pid;
    HANDLE creator; /* the thread the create notification ran in */
} threads;

static VOID NTAPI ThreadRoutine(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    threads.pid = ProcessId;
    if (Create) {
        threads.creates++;
        threads.created = ThreadId;
        threads.creator = PsGetCurrentThreadId();
    } else {
        threads.exits++;
        threads.exited = PsGetCurrentThreadId();
    }
}

static int non_system_calls;
static VOID NTAPI NonSystemRoutine(HANDLE ProcessId, HANDLE ThreadId, BOOLEAN Create)
{
    (void)ProcessId, (void)ThreadId, (void)Create;
    non_system_calls++;
}

static VOID Nothing(PVOID Context)
{
    *(HANDLE *)Context = PsGetCurrentThreadId();
}

/* Create: in the creating thread, with the new thread's id; exit: in the exiting thread.
 * PsCreateThreadNotifyNonSystem routines are never called for system threads. */
TEST(thread_notifications_for_system_threads)
{
    HANDLE self = NULL;
    PKTHREAD t;

    ok_status(PsSetCreateThreadNotifyRoutine(ThreadRoutine), STATUS_SUCCESS);
    ok_status(
        PsSetCreateThreadNotifyRoutineEx(PsCreateThreadNotifyNonSystem, (PVOID)NonSystemRoutine),
        STATUS_SUCCESS);
    ok_status(PsSetCreateThreadNotifyRoutineEx((PSCREATETHREADNOTIFYTYPE)7, (PVOID)ThreadRoutine),
              STATUS_INVALID_PARAMETER);
    t = start_thread(Nothing, &self);
    join_thread(t);
    ok(threads.creates == 1 && threads.exits == 1, "creates %d exits %d", threads.creates,
       threads.exits);
    ok(threads.created == self, "created %p, thread %p", threads.created, self);
    ok(threads.exited == self, "exit ran in %p, thread %p", threads.exited, self);
    ok(threads.creator == PsGetCurrentThreadId(), "create ran in another thread");
    ok(threads.pid == PsGetCurrentProcessId(), "ProcessId %p", threads.pid);
    ok(non_system_calls == 0, "a NonSystem routine was called %d times", non_system_calls);
    ok_status(PsRemoveCreateThreadNotifyRoutine(ThreadRoutine), STATUS_SUCCESS);
    ok_status(PsRemoveCreateThreadNotifyRoutine(NonSystemRoutine), STATUS_SUCCESS);
    ok_status(PsRemoveCreateThreadNotifyRoutine(ThreadRoutine), STATUS_PROCEDURE_NOT_FOUND);
    t = start_thread(Nothing, &self);
    join_thread(t);
    ok(threads.creates == 1, "notified after the remove");
}

/* 64 routines at most: the 65th thread routine is STATUS_INSUFFICIENT_RESOURCES. The routines
 * are distinct addresses inside one array of code-less entries: never called (no thread is
 * created while they are registered). */
TEST(thread_routine_limit)
{
    static char slots[65];
    int i;

    for (i = 0; i < 64; i++)
        ok_status(PsSetCreateThreadNotifyRoutine((PCREATE_THREAD_NOTIFY_ROUTINE)&slots[i]),
                  STATUS_SUCCESS);
    ok_status(PsSetCreateThreadNotifyRoutine((PCREATE_THREAD_NOTIFY_ROUTINE)&slots[64]),
              STATUS_INSUFFICIENT_RESOURCES);
    for (i = 0; i < 64; i++)
        ok_status(PsRemoveCreateThreadNotifyRoutine((PCREATE_THREAD_NOTIFY_ROUTINE)&slots[i]),
                  STATUS_SUCCESS);
}

static int process_calls;
static VOID NTAPI ProcessRoutine(HANDLE ParentId, HANDLE ProcessId, BOOLEAN Create)
{
    (void)ParentId, (void)ProcessId, (void)Create;
    process_calls++;
}
static VOID NTAPI ProcessRoutineEx(PEPROCESS Process, HANDLE ProcessId,
                                   PPS_CREATE_NOTIFY_INFO CreateInfo)
{
    (void)Process, (void)ProcessId, (void)CreateInfo;
    process_calls++;
}

/* Process routines register (twice: STATUS_INVALID_PARAMETER; 64 at most) and are never called:
 * drvhost models no process creation. */
TEST(process_routines_register_and_are_never_called)
{
    ok_status(PsSetCreateProcessNotifyRoutine(ProcessRoutine, FALSE), STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutine(ProcessRoutine, FALSE), STATUS_INVALID_PARAMETER);
    ok_status(PsSetCreateProcessNotifyRoutineEx(ProcessRoutineEx, FALSE), STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutineEx2(PsCreateProcessNotifySubsystems,
                                                 (PVOID)ProcessRoutineEx, FALSE),
              STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutineEx2((PSCREATEPROCESSNOTIFYTYPE)1,
                                                 (PVOID)ProcessRoutineEx, FALSE),
              STATUS_INVALID_PARAMETER);
    harness_load_driver("csqtest");
    ok_status(drvhost_driver_unload("csqtest"), STATUS_SUCCESS);
    ok(process_calls == 0, "%d process notifications", process_calls);
    ok_status(PsSetCreateProcessNotifyRoutine(ProcessRoutine, TRUE), STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutine(ProcessRoutine, TRUE), STATUS_PROCEDURE_NOT_FOUND);
    ok_status(PsSetCreateProcessNotifyRoutineEx(ProcessRoutineEx, TRUE), STATUS_SUCCESS);
    ok_status(PsSetCreateProcessNotifyRoutineEx2(PsCreateProcessNotifySubsystems,
                                                 (PVOID)ProcessRoutineEx, TRUE),
              STATUS_SUCCESS);
    ok(PsGetThreadProcessId(PsGetCurrentThread()) == PsGetCurrentProcessId(), "thread's process");
    ok(PsGetProcessId(PsGetCurrentProcess()) == PsGetCurrentProcessId(), "process id");
}

/* ---- ObRegisterCallbacks ---------------------------------------------------------------- */

static struct {
    int pre, post;
    ULONG kernel;
    ACCESS_MASK original, granted;
    PVOID object, post_object;
    POBJECT_TYPE type;
    PVOID context, call_context;
    NTSTATUS status;
} ob;

static OB_PREOP_CALLBACK_STATUS NTAPI PreHandle(PVOID Context, POB_PRE_OPERATION_INFORMATION Info)
{
    ob.pre++;
    ob.context = Context;
    ob.kernel = Info->KernelHandle;
    ob.object = Info->Object;
    ob.type = Info->ObjectType;
    ob.original = Info->Parameters->CreateHandleInformation.OriginalDesiredAccess;
    /* Remove THREAD_TERMINATE (modifiable); try to remove SYNCHRONIZE (not modifiable). */
    Info->Parameters->CreateHandleInformation.DesiredAccess &= ~(0x0001 | SYNCHRONIZE);
    Info->CallContext = (PVOID)0x5150;
    return OB_PREOP_SUCCESS;
}

static VOID NTAPI PostHandle(PVOID Context, POB_POST_OPERATION_INFORMATION Info)
{
    (void)Context;
    ob.post++;
    ob.granted = Info->Parameters->CreateHandleInformation.GrantedAccess;
    ob.call_context = Info->CallContext;
    ob.post_object = Info->Object;
    ob.status = Info->ReturnStatus;
}

static OB_CALLBACK_REGISTRATION registration(OB_OPERATION_REGISTRATION *op, const WCHAR *altitude)
{
    OB_CALLBACK_REGISTRATION r = {OB_FLT_REGISTRATION_VERSION, 1, {0}, (PVOID)0xC0DE, op};
    RtlInitUnicodeString(&r.Altitude, altitude);
    return r;
}

static VOID Wait(PVOID Context)
{
    KeWaitForSingleObject(Context, Executive, KernelMode, FALSE, NULL);
}

/* The thread handle PsCreateSystemThread makes: pre routine (kernel handle, the object, the
 * requested rights), the modifiable rights it removes are not granted, the others are; post
 * routine with the granted rights and the CallContext of the pre routine. */
TEST(ob_callbacks_for_thread_handles)
{
    OB_OPERATION_REGISTRATION op = {PsThreadType, OB_OPERATION_HANDLE_CREATE, PreHandle,
                                    PostHandle};
    OB_CALLBACK_REGISTRATION r = registration(&op, L"321000");
    PVOID handle = NULL, thread = NULL;
    OBJECT_HANDLE_INFORMATION hi;
    HANDLE h = NULL;
    KEVENT go;

    ok(ObGetFilterVersion() == OB_FLT_REGISTRATION_VERSION, "filter version %#x",
       ObGetFilterVersion());
    ok_status(ObRegisterCallbacks(&r, &handle), STATUS_SUCCESS);
    KeInitializeEvent(&go, NotificationEvent, FALSE);
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Wait, &go),
              STATUS_SUCCESS);
    ok(ob.pre == 1 && ob.post == 1, "pre %d post %d", ob.pre, ob.post);
    ok(ob.kernel == 1, "KernelHandle %lu", (unsigned long)ob.kernel);
    ok(ob.type == *PsThreadType, "ObjectType");
    ok(ob.context == (PVOID)0xC0DE, "RegistrationContext");
    ok(ob.original == THREAD_ALL_ACCESS, "OriginalDesiredAccess %#lx", (unsigned long)ob.original);
    ok(ob.granted == (THREAD_ALL_ACCESS & ~0x0001), "GrantedAccess %#lx",
       (unsigned long)ob.granted);
    ok(ob.call_context == (PVOID)0x5150 && ob.status == STATUS_SUCCESS, "post CallContext/status");
    ok_status(ObReferenceObjectByHandle(h, 0, *PsThreadType, KernelMode, &thread, &hi),
              STATUS_SUCCESS);
    ok(hi.GrantedAccess == (THREAD_ALL_ACCESS & ~0x0001), "handle access %#lx",
       (unsigned long)hi.GrantedAccess);
    ok(ob.object == thread && ob.post_object == thread, "Object");
    ok_status(ZwClose(h), STATUS_SUCCESS);
    KeSetEvent(&go, 0, FALSE);
    ok_status(KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    ObDereferenceObject(thread);
    ObUnRegisterCallbacks(handle);
    ob.pre = 0;
    join_thread(start_thread(Wait, &go));
    ok(ob.pre == 0, "called after ObUnRegisterCallbacks");
}

/* Registration errors as documented: version, count, object type, operations, altitude taken. */
TEST(ob_register_callbacks_validation)
{
    OB_OPERATION_REGISTRATION op = {PsProcessType, OB_OPERATION_HANDLE_CREATE, PreHandle, NULL};
    OB_OPERATION_REGISTRATION bad_type = {IoFileObjectType, OB_OPERATION_HANDLE_CREATE, PreHandle,
                                          NULL};
    OB_OPERATION_REGISTRATION no_op = {PsProcessType, 0, PreHandle, NULL};
    OB_CALLBACK_REGISTRATION r = registration(&op, L"321000");
    PVOID h1 = NULL, h2 = NULL;

    r.Version = 0x0200;
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_INVALID_PARAMETER);
    r = registration(&op, L"321000");
    r.OperationRegistrationCount = 0;
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_INVALID_PARAMETER);
    r = registration(&bad_type, L"321000");
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_INVALID_PARAMETER);
    r = registration(&no_op, L"321000");
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_INVALID_PARAMETER);
    r = registration(&op, L"321000");
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_SUCCESS);
    ok_status(ObRegisterCallbacks(&r, &h2), STATUS_FLT_INSTANCE_ALTITUDE_COLLISION);
    ObUnRegisterCallbacks(h1);
    ok_status(ObRegisterCallbacks(&r, &h2), STATUS_SUCCESS);
    ObUnRegisterCallbacks(h2);
    /* Desktop objects: a valid registration (never called: drvhost has no desktops). */
    op.ObjectType = ExDesktopObjectType;
    r = registration(&op, L"321000");
    ok_status(ObRegisterCallbacks(&r, &h1), STATUS_SUCCESS);
    ObUnRegisterCallbacks(h1);
}
