/*
 * wdftarget.c - a framework (KMDF) non-PnP driver that uses general I/O targets as a driver
 * written against the KMDF 1.33 documentation would: it opens the devices of wdftgtlow.sys
 * by name and by device object, sends reads, writes and ioctls synchronously and
 * asynchronously, with time-outs, stops, starts and purges its targets, and creates, reuses
 * and deletes its own requests. Each group of checks runs on IOCTL_T_RUN and reports how many
 * held; every expected value is the documented behaviour. Public headers only.
 */
#include <ntddk.h>
#include <wdf.h>
#include <initguid.h> /* the GUIDs below are defined here */

#include "wdftarget.h"

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL TgtDeviceControl;

typedef struct _REQ_CONTEXT {
    ULONG Tag;
} REQ_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(REQ_CONTEXT, ReqGetContext)

static WDFTARGET_RESULT *g_result;
static WDFDEVICE g_device;
static LONG g_destroys;

DECLARE_CONST_UNICODE_STRING(g_buf_name, L"\\Device\\WtLowBuf");
DECLARE_CONST_UNICODE_STRING(g_dir_name, L"\\Device\\WtLowDir");

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        g_result->Checks++;                                                                        \
        if (!(cond)) {                                                                             \
            g_result->Failed++;                                                                    \
            if (g_result->FirstLine == 0)                                                          \
                g_result->FirstLine = __LINE__;                                                    \
        }                                                                                          \
    } while (0)

/* An asynchronous send's outcome: the completion routine's view, and an event it sets. */
typedef struct _SENT {
    KEVENT Done;
    LONG Calls;
    NTSTATUS Status;
    ULONG_PTR Information;
    WDF_REQUEST_TYPE Type;
    WDFMEMORY Buffer;
    WDFIOTARGET Target;
} SENT;

static VOID TgtCompletion(WDFREQUEST Request, WDFIOTARGET Target,
                          PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    SENT *s = (SENT *)Context;
    UNREFERENCED_PARAMETER(Request);
    s->Status = Params->IoStatus.Status;
    s->Information = Params->IoStatus.Information;
    s->Type = Params->Type;
    s->Buffer = Params->Type == WdfRequestTypeRead ? Params->Parameters.Read.Buffer : NULL;
    s->Target = Target;
    InterlockedIncrement(&s->Calls);
    KeSetEvent(&s->Done, IO_NO_INCREMENT, FALSE);
}

static VOID SentInit(SENT *s)
{
    RtlZeroMemory(s, sizeof(*s));
    KeInitializeEvent(&s->Done, NotificationEvent, FALSE);
}

/* Whether the completion routine ran within `ms` milliseconds. */
static BOOLEAN SentWait(SENT *s, LONG ms)
{
    LARGE_INTEGER t;
    t.QuadPart = WDF_REL_TIMEOUT_IN_MS(ms);
    return KeWaitForSingleObject(&s->Done, Executive, KernelMode, FALSE, &t) == STATUS_SUCCESS;
}

static NTSTATUS OpenByName(PCUNICODE_STRING Name, WDFIOTARGET *Target)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    NTSTATUS status = WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, Target);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, Name, GENERIC_READ | GENERIC_WRITE);
    open.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
    status = WdfIoTargetOpen(*Target, &open);
    if (!NT_SUCCESS(status))
        WdfObjectDelete(*Target);
    return status;
}

static NTSTATUS LowInfo(WDFIOTARGET Target, LOW_INFO *Info)
{
    WDF_MEMORY_DESCRIPTOR out;
    RtlZeroMemory(Info, sizeof(*Info));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&out, Info, sizeof(*Info));
    return WdfIoTargetSendIoctlSynchronously(Target, NULL, IOCTL_LOW_INFO, NULL, &out, NULL, NULL);
}

/* ---- opening and closing ------------------------------------------------------------------- */

static VOID TgtOpen(VOID)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    DECLARE_CONST_UNICODE_STRING(missing, L"\\Device\\WtNoSuchDevice");
    WDFIOTARGET byname, existing, other;
    PFILE_OBJECT file;
    PDEVICE_OBJECT dir;
    LOW_INFO info;
    NTSTATUS status;

    /* Created: closed until opened; its device is the creator's. */
    CHECK(NT_SUCCESS(WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &byname)));
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetClosed);
    CHECK(WdfIoTargetGetDevice(byname) == g_device);
    CHECK(WdfIoTargetWdmGetTargetDeviceObject(byname) == NULL);

    /* A name nobody has: the open fails and the target stays closed. */
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &missing, GENERIC_READ);
    CHECK(open.Size == sizeof(open) && open.Type == WdfIoTargetOpenByName &&
          open.CreateDisposition == FILE_OPEN && open.CreateOptions == FILE_NON_DIRECTORY_FILE);
    CHECK(WdfIoTargetOpen(byname, &open) == STATUS_OBJECT_NAME_NOT_FOUND);
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetClosed);

    /* By name: the create IRP carries the DesiredAccess and ShareAccess. */
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &g_buf_name,
                                                FILE_READ_DATA | FILE_WRITE_DATA);
    open.ShareAccess = FILE_SHARE_READ;
    CHECK(NT_SUCCESS(WdfIoTargetOpen(byname, &open)));
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetStarted);
    file = WdfIoTargetWdmGetTargetFileObject(byname);
    CHECK(file != NULL);
    CHECK(WdfIoTargetWdmGetTargetFileHandle(byname) != NULL);
    CHECK(WdfIoTargetWdmGetTargetDeviceObject(byname) != NULL &&
          WdfIoTargetWdmGetTargetDeviceObject(byname) == IoGetRelatedDeviceObject(file));
    CHECK(WdfIoTargetWdmGetTargetPhysicalDevice(byname) == NULL); /* a legacy device */
    CHECK(NT_SUCCESS(LowInfo(byname, &info)));
    CHECK(info.Opens == 1);
    CHECK(info.LastAccess == (FILE_READ_DATA | FILE_WRITE_DATA));
    CHECK(info.LastShare == FILE_SHARE_READ);
    CHECK(info.LastFile == file); /* requests carry the target's file object */

    /* By device object (IoGetDeviceObjectPointer's): no file object or handle of its own. */
    status = IoGetDeviceObjectPointer((PUNICODE_STRING)&g_dir_name, FILE_READ_DATA, &file, &dir);
    CHECK(NT_SUCCESS(status));
    if (!NT_SUCCESS(status))
        return;
    CHECK(NT_SUCCESS(WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &existing)));
    WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(&open, dir);
    CHECK(open.Type == WdfIoTargetOpenUseExistingDevice && open.TargetDeviceObject == dir);
    CHECK(NT_SUCCESS(WdfIoTargetOpen(existing, &open)));
    CHECK(WdfIoTargetWdmGetTargetDeviceObject(existing) == dir);
    CHECK(WdfIoTargetWdmGetTargetFileObject(existing) == NULL);
    CHECK(WdfIoTargetWdmGetTargetFileHandle(existing) == NULL);
    CHECK(NT_SUCCESS(LowInfo(existing, &info)));
    CHECK(info.Opens == 1); /* IoGetDeviceObjectPointer's open only */
    CHECK(info.LastFile == NULL);

    /* Close: the file object goes (its close reaches the device); the target is closed. */
    WdfIoTargetClose(byname);
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetClosed);
    CHECK(WdfIoTargetWdmGetTargetDeviceObject(byname) == NULL);
    CHECK(NT_SUCCESS(OpenByName(&g_buf_name, &other)));
    CHECK(NT_SUCCESS(LowInfo(other, &info)));
    CHECK(info.Opens == 1); /* the other target's */
    CHECK(WdfIoTargetStart(byname) == STATUS_INVALID_DEVICE_STATE);

    /* Closed for query-remove, then reopened with the same parameters. */
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &g_buf_name, FILE_READ_DATA);
    open.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
    CHECK(NT_SUCCESS(WdfIoTargetOpen(byname, &open)));
    WdfIoTargetCloseForQueryRemove(byname);
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetClosedForQueryRemove);
    CHECK(WdfIoTargetWdmGetTargetFileObject(byname) == NULL);
    WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN(&open);
    CHECK(NT_SUCCESS(WdfIoTargetOpen(byname, &open)));
    CHECK(WdfIoTargetGetState(byname) == WdfIoTargetStarted);
    CHECK(NT_SUCCESS(LowInfo(other, &info)));
    CHECK(info.Opens == 2);

    /* Deleting a target closes it. */
    WdfObjectDelete(byname);
    CHECK(NT_SUCCESS(LowInfo(other, &info)));
    CHECK(info.Opens == 1);
    WdfObjectDelete(other);
    WdfObjectDelete(existing);
    ObDereferenceObject(file);
}

/* ---- synchronous sends ----------------------------------------------------------------------- */

static BOOLEAN Pattern(const UCHAR *b, ULONG n, LONGLONG offset)
{
    ULONG i;
    for (i = 0; i < n; i++)
        if (b[i] != LOW_PATTERN(offset, i))
            return FALSE;
    return TRUE;
}

static VOID TgtSyncReadsWrites(WDFIOTARGET buf, WDFIOTARGET dir)
{
    WDF_MEMORY_DESCRIPTOR d;
    WDFMEMORY_OFFSET off;
    WDFMEMORY memory;
    UCHAR b[16], *m;
    ULONG_PTR n = 99;
    LONGLONG offset = 3;
    PMDL mdl;
    LOW_INFO info;

    /* A buffer, at a device offset. */
    RtlZeroMemory(b, sizeof(b));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, b, 10);
    CHECK(WdfIoTargetSendReadSynchronously(buf, NULL, &d, &offset, NULL, &n) == STATUS_SUCCESS);
    CHECK(n == 10 && Pattern(b, 10, 3) && b[10] == 0);
    /* The same on a direct-I/O device (the framework builds the MDL). */
    RtlZeroMemory(b, sizeof(b));
    CHECK(WdfIoTargetSendReadSynchronously(dir, NULL, &d, NULL, NULL, &n) == STATUS_SUCCESS);
    CHECK(n == 10 && Pattern(b, 10, 0));
    /* An MDL, on both devices. */
    mdl = IoAllocateMdl(b, sizeof(b), FALSE, FALSE, NULL);
    CHECK(mdl != NULL);
    if (mdl != NULL) {
        MmBuildMdlForNonPagedPool(mdl);
        WDF_MEMORY_DESCRIPTOR_INIT_MDL(&d, mdl, sizeof(b));
        offset = 7;
        CHECK(WdfIoTargetSendReadSynchronously(dir, NULL, &d, &offset, NULL, &n) == STATUS_SUCCESS);
        CHECK(n == sizeof(b) && Pattern(b, sizeof(b), 7));
        CHECK(WdfIoTargetSendReadSynchronously(buf, NULL, &d, NULL, NULL, &n) == STATUS_SUCCESS);
        CHECK(n == sizeof(b) && Pattern(b, sizeof(b), 0));
        IoFreeMdl(mdl);
    }
    /* A memory object with an offset and length inside it: only that part is read. */
    CHECK(NT_SUCCESS(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 32, &memory,
                                     (PVOID *)&m)));
    RtlZeroMemory(m, 32);
    off.BufferOffset = 4;
    off.BufferLength = 8;
    WDF_MEMORY_DESCRIPTOR_INIT_HANDLE(&d, memory, &off);
    CHECK(WdfIoTargetSendReadSynchronously(dir, NULL, &d, NULL, NULL, &n) == STATUS_SUCCESS);
    CHECK(n == 8 && m[3] == 0 && Pattern(m + 4, 8, 0) && m[12] == 0);
    off.BufferOffset = 30; /* past the end */
    CHECK(WdfIoTargetSendReadSynchronously(dir, NULL, &d, NULL, NULL, &n) ==
          STATUS_INVALID_PARAMETER);
    /* Writes: the device sees the bytes and the offset; BytesWritten. */
    off.BufferOffset = 0;
    off.BufferLength = 5;
    RtlCopyMemory(m, "hello", 5);
    offset = 40;
    CHECK(WdfIoTargetSendWriteSynchronously(buf, NULL, &d, &offset, NULL, &n) == STATUS_SUCCESS);
    CHECK(n == 5);
    CHECK(NT_SUCCESS(LowInfo(buf, &info)));
    CHECK(info.Written == 5 && RtlCompareMemory(info.Data, "hello", 5) == 5 &&
          info.LastOffset == 40);
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, "direct", 6);
    CHECK(WdfIoTargetSendWriteSynchronously(dir, NULL, &d, NULL, NULL, &n) == STATUS_SUCCESS);
    CHECK(NT_SUCCESS(LowInfo(dir, &info)));
    CHECK(n == 6 && info.Written == 6 && RtlCompareMemory(info.Data, "direct", 6) == 6);
    WdfObjectDelete(memory);
}

static VOID TgtSyncIoctls(WDFIOTARGET buf)
{
    WDF_MEMORY_DESCRIPTOR in, out;
    WDF_REQUEST_SEND_OPTIONS options;
    WDFMEMORY inm, outm;
    UCHAR o[16], *im, *om;
    ULONG_PTR n = 0;
    LOW_INFO info;

    /* METHOD_BUFFERED: the output comes back to the driver's buffer; BytesReturned. */
    RtlZeroMemory(o, sizeof(o));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, "echo!", 5);
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&out, o, sizeof(o));
    CHECK(WdfIoTargetSendIoctlSynchronously(buf, NULL, IOCTL_LOW_ECHO, &in, &out, NULL, &n) ==
          STATUS_SUCCESS);
    CHECK(n == 5 && RtlCompareMemory(o, "echo!", 5) == 5 && o[5] == 0);
    /* METHOD_OUT_DIRECT with memory objects. */
    CHECK(NT_SUCCESS(
        WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 8, &inm, (PVOID *)&im)));
    CHECK(NT_SUCCESS(
        WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 8, &outm, (PVOID *)&om)));
    RtlCopyMemory(im, "12345678", 8);
    RtlZeroMemory(om, 8);
    WDF_MEMORY_DESCRIPTOR_INIT_HANDLE(&in, inm, NULL);
    WDF_MEMORY_DESCRIPTOR_INIT_HANDLE(&out, outm, NULL);
    CHECK(WdfIoTargetSendIoctlSynchronously(buf, NULL, IOCTL_LOW_ECHO_DIR, &in, &out, NULL, &n) ==
          STATUS_SUCCESS);
    CHECK(n == 8 && RtlCompareMemory(om, "12345678", 8) == 8);
    /* An internal device control, METHOD_NEITHER. */
    RtlZeroMemory(o, sizeof(o));
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, "inside", 6);
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&out, o, sizeof(o));
    CHECK(WdfIoTargetSendInternalIoctlSynchronously(buf, NULL, IOCTL_LOW_INTERNAL, &in, &out, NULL,
                                                    &n) == STATUS_SUCCESS);
    CHECK(n == 6 && RtlCompareMemory(o, "inside", 6) == 6);
    /* An internal device control with "other" arguments: buffers, then memory objects
     * through a request formatted for it (its completion parameters name them). */
    {
        WDF_MEMORY_DESCRIPTOR a1, a2, a4;
        WDF_REQUEST_COMPLETION_PARAMS params;
        WDF_REQUEST_SEND_OPTIONS sync;
        WDFREQUEST r;
        ULONG v4 = 0;
        UCHAR dst[4] = {0};
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&a1, "abcd", 4);
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&a2, dst, 4);
        WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&a4, &v4, sizeof(v4));
        CHECK(WdfIoTargetSendInternalIoctlOthersSynchronously(buf, NULL, IOCTL_LOW_OTHERS, &a1, &a2,
                                                              &a4, NULL, &n) == STATUS_SUCCESS);
        CHECK(n == 4 && RtlCompareMemory(dst, "abcd", 4) == 4 && v4 == 0xABCD);
        RtlZeroMemory(om, 8);
        CHECK(NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, buf, &r)));
        CHECK(NT_SUCCESS(WdfIoTargetFormatRequestForInternalIoctlOthers(
            buf, r, IOCTL_LOW_OTHERS, inm, NULL, outm, NULL, outm, NULL)));
        WDF_REQUEST_SEND_OPTIONS_INIT(&sync, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
        CHECK(WdfRequestSend(r, buf, &sync));
        WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
        WdfRequestGetCompletionParams(r, &params);
        CHECK(params.Type == WdfRequestTypeDeviceControlInternal &&
              params.IoStatus.Status == STATUS_SUCCESS && params.IoStatus.Information == 4);
        CHECK(params.Parameters.Others.Argument1.Ptr == im &&
              params.Parameters.Others.Argument2.Ptr == om &&
              params.Parameters.Others.Argument3.Value == IOCTL_LOW_OTHERS);
        CHECK(*(ULONG *)om == 0xABCD); /* argument 4 is the same memory as argument 2 */
        WdfObjectDelete(r);
    }
    /* The target's status comes back as it is. */
    CHECK(WdfIoTargetSendIoctlSynchronously(buf, NULL, 0x222003, NULL, NULL, NULL, &n) ==
          STATUS_INVALID_DEVICE_REQUEST);
    /* A time-out: the request is canceled at the target, STATUS_IO_TIMEOUT. */
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(20));
    CHECK(WdfIoTargetSendIoctlSynchronously(buf, NULL, IOCTL_LOW_HOLD, NULL, NULL, &options, &n) ==
          STATUS_IO_TIMEOUT);
    CHECK(NT_SUCCESS(LowInfo(buf, &info)));
    CHECK(info.Canceled == 1);
    /* A wrong options Size. */
    options.Size = sizeof(options) - 4;
    CHECK(WdfIoTargetSendIoctlSynchronously(buf, NULL, IOCTL_LOW_ECHO, NULL, NULL, &options, &n) ==
          STATUS_INFO_LENGTH_MISMATCH);
    WdfObjectDelete(inm);
    WdfObjectDelete(outm);
}

static VOID TgtSync(VOID)
{
    WDFIOTARGET buf, dir;
    CHECK(NT_SUCCESS(OpenByName(&g_buf_name, &buf)));
    CHECK(NT_SUCCESS(OpenByName(&g_dir_name, &dir)));
    if (g_result->Failed)
        return;
    TgtSyncReadsWrites(buf, dir);
    TgtSyncIoctls(buf);
    WdfObjectDelete(buf);
    WdfObjectDelete(dir);
}

/* ---- states ------------------------------------------------------------------------------ */

/* A created request formatted for a read of `memory`, sent asynchronously. */
static BOOLEAN SendRead(WDFIOTARGET Target, WDFREQUEST Request, WDFMEMORY Memory, SENT *s,
                        ULONG Flags)
{
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    WdfRequestReuse(Request, &reuse);
    SentInit(s);
    if (!NT_SUCCESS(WdfIoTargetFormatRequestForRead(Target, Request, Memory, NULL, NULL)))
        return FALSE;
    WdfRequestSetCompletionRoutine(Request, TgtCompletion, s);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, Flags);
    return WdfRequestSend(Request, Target, &options);
}

/* A created request formatted for the ioctl `Code` (no buffers), sent asynchronously. */
static BOOLEAN SendCode(WDFIOTARGET Target, WDFREQUEST Request, ULONG Code, SENT *s)
{
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    WdfRequestReuse(Request, &reuse);
    SentInit(s);
    if (!NT_SUCCESS(
            WdfIoTargetFormatRequestForIoctl(Target, Request, Code, NULL, NULL, NULL, NULL)))
        return FALSE;
    WdfRequestSetCompletionRoutine(Request, TgtCompletion, s);
    return WdfRequestSend(Request, Target, WDF_NO_SEND_OPTIONS);
}

static BOOLEAN SendHold(WDFIOTARGET Target, WDFREQUEST Request, SENT *s)
{
    return SendCode(Target, Request, IOCTL_LOW_HOLD, s);
}

static VOID TgtStates(VOID)
{
    WDF_MEMORY_DESCRIPTOR d;
    WDF_REQUEST_SEND_OPTIONS options;
    WDFIOTARGET t;
    WDFREQUEST r;
    WDFMEMORY memory;
    UCHAR b[4], *m;
    ULONG_PTR n;
    SENT s;

    CHECK(NT_SUCCESS(OpenByName(&g_buf_name, &t)));
    CHECK(NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r)));
    CHECK(NT_SUCCESS(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 6, &memory,
                                     (PVOID *)&m)));
    if (g_result->Failed)
        return;
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, b, sizeof(b));

    /* Stopped: a request waits in the target (a synchronous one times out there)... */
    WdfIoTargetStop(t, WdfIoTargetLeaveSentIoPending);
    CHECK(WdfIoTargetGetState(t) == WdfIoTargetStopped);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
    WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(20));
    CHECK(WdfIoTargetSendReadSynchronously(t, NULL, &d, NULL, &options, &n) == STATUS_IO_TIMEOUT);
    CHECK(SendRead(t, r, memory, &s, 0));
    CHECK(!SentWait(&s, 20));
    /* ... unless it ignores the target's state ... */
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE);
    CHECK(WdfIoTargetSendReadSynchronously(t, NULL, &d, NULL, &options, &n) == STATUS_SUCCESS);
    /* ... and goes to the device when the target starts. */
    CHECK(WdfIoTargetStart(t) == STATUS_SUCCESS);
    CHECK(WdfIoTargetGetState(t) == WdfIoTargetStarted);
    CHECK(SentWait(&s, 5000) && s.Calls == 1);
    CHECK(s.Status == STATUS_SUCCESS && s.Information == 6 && s.Type == WdfRequestTypeRead &&
          s.Buffer == memory && s.Target == t && Pattern(m, 6, 0));
    CHECK(WdfRequestGetStatus(r) == STATUS_SUCCESS);

    /* Purged: what waits is canceled, new requests fail (STATUS_INVALID_DEVICE_STATE). */
    WdfIoTargetStop(t, WdfIoTargetWaitForSentIoToComplete);
    CHECK(SendRead(t, r, memory, &s, 0));
    WdfIoTargetPurge(t, WdfIoTargetPurgeIoAndWait);
    CHECK(WdfIoTargetGetState(t) == WdfIoTargetPurged);
    CHECK(SentWait(&s, 5000) && s.Status == STATUS_CANCELLED);
    CHECK(WdfIoTargetSendReadSynchronously(t, NULL, &d, NULL, NULL, &n) ==
          STATUS_INVALID_DEVICE_STATE);
    CHECK(!SendRead(t, r, memory, &s, 0));
    CHECK(WdfRequestGetStatus(r) == STATUS_INVALID_DEVICE_STATE && s.Calls == 0);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE);
    CHECK(WdfIoTargetSendReadSynchronously(t, NULL, &d, NULL, &options, &n) == STATUS_SUCCESS);
    CHECK(WdfIoTargetStart(t) == STATUS_SUCCESS);

    /* Stop with WdfIoTargetCancelSentIo cancels what the device holds, before it returns. */
    CHECK(SendHold(t, r, &s));
    CHECK(!SentWait(&s, 10));
    WdfIoTargetStop(t, WdfIoTargetCancelSentIo);
    CHECK(s.Calls == 1 && s.Status == STATUS_CANCELLED);
    CHECK(WdfIoTargetStart(t) == STATUS_SUCCESS);

    /* An asynchronous send with a time-out: canceled at the device, STATUS_IO_TIMEOUT; one
     * waiting in a stopped target times out there. A time-out of 0 is none. */
    {
        WDF_REQUEST_REUSE_PARAMS reuse;
        WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
        WdfRequestReuse(r, &reuse);
        SentInit(&s);
        CHECK(NT_SUCCESS(
            WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_LOW_HOLD, NULL, NULL, NULL, NULL)));
        WdfRequestSetCompletionRoutine(r, TgtCompletion, &s);
        WDF_REQUEST_SEND_OPTIONS_INIT(&options, 0);
        WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(&options, WDF_REL_TIMEOUT_IN_MS(20));
        CHECK(WdfRequestSend(r, t, &options));
        CHECK(SentWait(&s, 5000) && s.Status == STATUS_IO_TIMEOUT);
        CHECK(WdfRequestGetStatus(r) == STATUS_IO_TIMEOUT);
        WdfIoTargetStop(t, WdfIoTargetLeaveSentIoPending);
        WdfRequestReuse(r, &reuse);
        SentInit(&s);
        CHECK(NT_SUCCESS(WdfIoTargetFormatRequestForRead(t, r, memory, NULL, NULL)));
        WdfRequestSetCompletionRoutine(r, TgtCompletion, &s);
        CHECK(WdfRequestSend(r, t, &options));
        CHECK(SentWait(&s, 5000) && s.Status == STATUS_IO_TIMEOUT);
        CHECK(WdfIoTargetStart(t) == STATUS_SUCCESS);
        CHECK(s.Calls == 1);
        CHECK(SendRead(t, r, memory, &s, WDF_REQUEST_SEND_OPTION_TIMEOUT)); /* Timeout 0 */
        CHECK(SentWait(&s, 5000) && s.Status == STATUS_SUCCESS);
    }

    /* WdfRequestCancelSentRequest. */
    CHECK(SendHold(t, r, &s));
    CHECK(WdfRequestCancelSentRequest(r));
    CHECK(SentWait(&s, 5000) && s.Status == STATUS_CANCELLED);
    CHECK(!WdfRequestCancelSentRequest(r)); /* not sent any more */

    /* Closed: sends fail, a start too. */
    WdfIoTargetClose(t);
    CHECK(WdfIoTargetGetState(t) == WdfIoTargetClosed);
    CHECK(WdfIoTargetSendReadSynchronously(t, NULL, &d, NULL, NULL, &n) ==
          STATUS_INVALID_DEVICE_STATE);
    CHECK(WdfIoTargetStart(t) == STATUS_INVALID_DEVICE_STATE);
    WdfObjectDelete(r);
    WdfObjectDelete(memory);
    WdfObjectDelete(t);
}

/* ---- what the framework does not wait for; cancels that meet ----------------------------------
 */

static NTSTATUS LowIoctl(WDFIOTARGET Target, ULONG Code, ULONG_PTR *Information)
{
    return WdfIoTargetSendIoctlSynchronously(Target, NULL, Code, NULL, NULL, NULL, Information);
}

static KSTART_ROUTINE TgtCancelThread;
static VOID TgtCancelThread(PVOID Context)
{
    WdfRequestCancelSentRequest((WDFREQUEST)Context);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* Whether a system thread ended within `ms` milliseconds; its handle is closed. */
static BOOLEAN ThreadEnded(HANDLE Handle, LONG ms)
{
    PVOID thread;
    LARGE_INTEGER t;
    NTSTATUS status =
        ObReferenceObjectByHandle(Handle, SYNCHRONIZE, NULL, KernelMode, &thread, NULL);
    ZwClose(Handle);
    if (!NT_SUCCESS(status))
        return FALSE;
    t.QuadPart = WDF_REL_TIMEOUT_IN_MS(ms);
    status = KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, &t);
    ObDereferenceObject(thread);
    return status == STATUS_SUCCESS;
}

/* Two threads cancel one sent request; the device completes it on the first, inside that
 * thread's IoCancelIrp, after the second's cancel has returned: both come back. */
static VOID TgtCancelsMeet(WDFIOTARGET t, WDFREQUEST r)
{
    HANDLE thread;
    SENT s;
    CHECK(SendCode(t, r, IOCTL_LOW_STALL, &s));
    if (!NT_SUCCESS(PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL,
                                         TgtCancelThread, r))) {
        CHECK(FALSE);
        return;
    }
    CHECK(LowIoctl(t, IOCTL_LOW_WAIT_CANCEL, NULL) == STATUS_SUCCESS); /* the first is inside */
    WdfRequestCancelSentRequest(r); /* the IRP is canceled already: IoCancelIrp finds no routine */
    CHECK(LowIoctl(t, IOCTL_LOW_PROCEED, NULL) == STATUS_SUCCESS);
    CHECK(SentWait(&s, 5000) && s.Calls == 1 && s.Status == STATUS_CANCELLED);
    CHECK(ThreadEnded(thread, 5000));
}

static VOID TgtLater(VOID)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    WDFIOTARGET t, unopened;
    WDFREQUEST r;
    ULONG_PTR n = 0;
    SENT s;

    /* A reopen reuses the last open's parameters: a target never opened has none, so the open
     * fails and the target stays closed. */
    CHECK(NT_SUCCESS(WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &unopened)));
    WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN(&open);
    CHECK(!NT_SUCCESS(WdfIoTargetOpen(unopened, &open)));
    CHECK(WdfIoTargetGetState(unopened) == WdfIoTargetClosed);
    WdfObjectDelete(unopened);

    CHECK(NT_SUCCESS(OpenByName(&g_buf_name, &t)));
    CHECK(NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r)));
    if (g_result->Failed)
        return;

    /* WdfIoTargetPurgeIo cancels the sent request and returns without waiting for it: the
     * device completes the canceled IRP only when told to (PurgeIoAndWait would wait). */
    CHECK(SendCode(t, r, IOCTL_LOW_LATCH, &s));
    WdfIoTargetPurge(t, WdfIoTargetPurgeIo);
    CHECK(WdfIoTargetGetState(t) == WdfIoTargetPurged);
    CHECK(s.Calls == 0);
    CHECK(WdfIoTargetStart(t) == STATUS_SUCCESS);
    CHECK(LowIoctl(t, IOCTL_LOW_RELEASE, &n) == STATUS_SUCCESS && n == 1);
    CHECK(SentWait(&s, 5000) && s.Calls == 1 && s.Status == STATUS_CANCELLED);

    TgtCancelsMeet(t, r);
    WdfObjectDelete(r);
    WdfObjectDelete(t);
}

/* Run while the system is out of memory for the next IRP (test_wdf_target.c makes it so): the
 * request WdfRequestCreate would allocate cannot be, STATUS_INSUFFICIENT_RESOURCES; the next
 * create works. */
static VOID TgtNoIrp(VOID)
{
    WDFREQUEST r;
    CHECK(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, NULL, &r) == STATUS_INSUFFICIENT_RESOURCES);
    CHECK(NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, NULL, &r)));
    if (!g_result->Failed)
        WdfObjectDelete(r);
}

/* ---- driver-created requests --------------------------------------------------------------- */

static VOID TgtDestroyed(WDFOBJECT Object)
{
    UNREFERENCED_PARAMETER(Object);
    InterlockedIncrement(&g_destroys);
}

static VOID TgtRequests(WDFREQUEST Received)
{
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDF_REQUEST_SEND_OPTIONS options;
    WDF_MEMORY_DESCRIPTOR d;
    IO_STACK_LOCATION stack;
    WDFIOTARGET t;
    WDFREQUEST r, r2;
    UCHAR b[8];
    ULONG_PTR n;
    PIRP irp;

    CHECK(NT_SUCCESS(OpenByName(&g_buf_name, &t)));
    if (g_result->Failed)
        return;
    /* With a context and a parent: no queue, no file object; deleted with WdfObjectDelete. */
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&attributes, REQ_CONTEXT);
    attributes.ParentObject = t;
    attributes.EvtDestroyCallback = TgtDestroyed;
    CHECK(NT_SUCCESS(WdfRequestCreate(&attributes, t, &r)));
    ReqGetContext(r)->Tag = 0x7A7A;
    CHECK(WdfRequestGetIoQueue(r) == NULL);
    CHECK(WdfRequestGetFileObject(r) == NULL);
    CHECK(NT_SUCCESS(WdfRequestAllocateTimer(r)));
    /* Sent synchronously through the send routine, then reused with a status. */
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&d, b, sizeof(b));
    CHECK(WdfIoTargetSendReadSynchronously(t, r, &d, NULL, NULL, &n) == STATUS_SUCCESS);
    CHECK(n == sizeof(b) && WdfRequestGetStatus(r) == STATUS_SUCCESS);
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_PENDING);
    CHECK(reuse.Size == sizeof(reuse));
    CHECK(WdfRequestReuse(r, &reuse) == STATUS_SUCCESS);
    CHECK(WdfRequestGetStatus(r) == STATUS_PENDING);
    /* Formatted with a stack location of the driver's, sent synchronously. */
    RtlZeroMemory(&stack, sizeof(stack));
    stack.MajorFunction = IRP_MJ_DEVICE_CONTROL;
    stack.Parameters.DeviceIoControl.IoControlCode = IOCTL_LOW_INFO;
    stack.FileObject = WdfIoTargetWdmGetTargetFileObject(t);
    WdfRequestWdmFormatUsingStackLocation(r, &stack);
    WDF_REQUEST_SEND_OPTIONS_INIT(&options, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    CHECK(WdfRequestSend(r, t, &options));
    CHECK(WdfRequestGetStatus(r) == STATUS_BUFFER_TOO_SMALL); /* no output buffer */
    CHECK(NT_SUCCESS(WdfRequestChangeTarget(r, t)));
    CHECK(ReqGetContext(r)->Tag == 0x7A7A);
    /* A request the framework delivered cannot be reused. */
    CHECK(WdfRequestReuse(Received, &reuse) == STATUS_INVALID_DEVICE_REQUEST);
    g_destroys = 0;
    WdfObjectDelete(r);
    CHECK(g_destroys == 1);

    /* The parent's deletion deletes the request. */
    CHECK(NT_SUCCESS(WdfRequestCreate(&attributes, t, &r)));
    /* From an IRP of the driver's with one location: nothing left for the target. */
    irp = IoAllocateIrp(1, FALSE);
    CHECK(irp != NULL);
    if (irp != NULL) {
        IoSetNextIrpStackLocation(irp);
        CHECK(NT_SUCCESS(WdfRequestCreateFromIrp(WDF_NO_OBJECT_ATTRIBUTES, irp, TRUE, &r2)));
        CHECK(WdfRequestChangeTarget(r2, t) == STATUS_REQUEST_NOT_ACCEPTED);
        CHECK(WdfIoTargetFormatRequestForRead(t, r2, NULL, NULL, NULL) ==
              STATUS_REQUEST_NOT_ACCEPTED);
        /* A new IRP (the driver's), with room. */
        irp = IoAllocateIrp(4, FALSE);
        IoSetNextIrpStackLocation(irp);
        WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
        WDF_REQUEST_REUSE_PARAMS_SET_NEW_IRP(&reuse, irp);
        CHECK(WdfRequestReuse(r2, &reuse) == STATUS_SUCCESS);
        CHECK(WdfRequestWdmGetIrp(r2) == irp);
        CHECK(NT_SUCCESS(WdfRequestChangeTarget(r2, t)));
        CHECK(WdfIoTargetSendReadSynchronously(t, r2, &d, NULL, NULL, &n) == STATUS_SUCCESS);
        /* Reused again, on the driver's IRP: its I/O status block gets the reuse's status. */
        WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_NOT_SUPPORTED);
        CHECK(WdfRequestReuse(r2, &reuse) == STATUS_SUCCESS);
        CHECK(irp->IoStatus.Status == STATUS_NOT_SUPPORTED && irp->IoStatus.Information == 0);
        CHECK(WdfRequestGetStatus(r2) == STATUS_NOT_SUPPORTED);
        WdfObjectDelete(r2);
        IoFreeIrp(irp); /* the driver's: SET_NEW_IRP does not give it to the request */
    }
    g_destroys = 0;
    WdfObjectDelete(t);
    CHECK(g_destroys == 1);
}

/* Formatted writes and internal device controls of memory objects, sent through WdfRequestSend;
 * a target opened with CREATE_BY_NAME (a device ignores the disposition). */
static VOID TgtFormats(VOID)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    WDF_REQUEST_SEND_OPTIONS sync;
    WDF_REQUEST_COMPLETION_PARAMS params;
    WDF_REQUEST_REUSE_PARAMS reuse;
    WDFMEMORY_OFFSET off = {2, 4};
    WDFIOTARGET t;
    WDFREQUEST r;
    WDFMEMORY memory, out;
    UCHAR *m, *o;
    LOW_INFO info;
    LONGLONG offset = 9;
    CHECK(NT_SUCCESS(WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &t)));
    WDF_IO_TARGET_OPEN_PARAMS_INIT_CREATE_BY_NAME(&open, &g_buf_name, FILE_WRITE_DATA);
    CHECK(open.Type == WdfIoTargetOpenByName && open.CreateDisposition == 0 &&
          open.CreateOptions == FILE_NON_DIRECTORY_FILE && open.DesiredAccess == FILE_WRITE_DATA);
    CHECK(NT_SUCCESS(WdfIoTargetOpen(t, &open)));
    CHECK(NT_SUCCESS(WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r)));
    CHECK(NT_SUCCESS(WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 8, &memory,
                                     (PVOID *)&m)));
    CHECK(NT_SUCCESS(
        WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 8, &out, (PVOID *)&o)));
    if (g_result->Failed)
        return;
    RtlCopyMemory(m, "abcdefgh", 8);
    WDF_REQUEST_SEND_OPTIONS_INIT(&sync, WDF_REQUEST_SEND_OPTION_SYNCHRONOUS);
    /* A write of bytes 2..5 at device offset 9. */
    CHECK(NT_SUCCESS(WdfIoTargetFormatRequestForWrite(t, r, memory, &off, &offset)));
    CHECK(WdfRequestSend(r, t, &sync));
    WDF_REQUEST_COMPLETION_PARAMS_INIT(&params);
    WdfRequestGetCompletionParams(r, &params);
    CHECK(params.Type == WdfRequestTypeWrite && params.IoStatus.Status == STATUS_SUCCESS &&
          params.Parameters.Write.Buffer == memory && params.Parameters.Write.Offset == 2 &&
          params.Parameters.Write.Length == 4);
    CHECK(NT_SUCCESS(LowInfo(t, &info)));
    CHECK(info.Written == 4 && RtlCompareMemory(info.Data, "cdef", 4) == 4 && info.LastOffset == 9);
    /* An internal device control (METHOD_NEITHER) from one memory object to another. */
    WDF_REQUEST_REUSE_PARAMS_INIT(&reuse, WDF_REQUEST_REUSE_NO_FLAGS, STATUS_SUCCESS);
    CHECK(WdfRequestReuse(r, &reuse) == STATUS_SUCCESS);
    RtlZeroMemory(o, 8);
    CHECK(NT_SUCCESS(WdfIoTargetFormatRequestForInternalIoctl(t, r, IOCTL_LOW_INTERNAL, memory,
                                                              NULL, out, NULL)));
    CHECK(WdfRequestSend(r, t, &sync));
    WdfRequestGetCompletionParams(r, &params);
    CHECK(params.Type == WdfRequestTypeDeviceControlInternal &&
          params.Parameters.Ioctl.IoControlCode == IOCTL_LOW_INTERNAL &&
          params.Parameters.Ioctl.Input.Buffer == memory &&
          params.Parameters.Ioctl.Output.Buffer == out &&
          params.Parameters.Ioctl.Output.Length == 8);
    CHECK(RtlCompareMemory(o, "abcdefgh", 8) == 8);
    WdfObjectDelete(r);
    WdfObjectDelete(memory);
    WdfObjectDelete(out);
    WdfObjectDelete(t);
}

/* ---- forwarding a request the queue delivered, with its own memory -------------------------- */

static VOID TgtForwarded(WDFREQUEST Request, WDFIOTARGET Target,
                         PWDF_REQUEST_COMPLETION_PARAMS Params, WDFCONTEXT Context)
{
    UNREFERENCED_PARAMETER(Context);
    WdfRequestCompleteWithInformation(Request, Params->IoStatus.Status,
                                      Params->IoStatus.Information);
    WdfObjectDelete(Target);
}

static VOID TgtForward(WDFREQUEST Request)
{
    WDFMEMORY in, out;
    WDFIOTARGET t;
    NTSTATUS status = OpenByName(&g_buf_name, &t);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveInputMemory(Request, &in);
    if (NT_SUCCESS(status))
        status = WdfRequestRetrieveOutputMemory(Request, &out);
    if (NT_SUCCESS(status))
        status = WdfIoTargetFormatRequestForIoctl(t, Request, IOCTL_LOW_ECHO, in, NULL, out, NULL);
    if (NT_SUCCESS(status)) {
        WdfRequestSetCompletionRoutine(Request, TgtForwarded, NULL);
        if (WdfRequestSend(Request, t, WDF_NO_SEND_OPTIONS))
            return;
        status = WdfRequestGetStatus(Request);
    }
    WdfRequestComplete(Request, status);
}

/* ---- a target on a PnP device: properties, interfaces, removal ----------------------------- */

/* wdfpnp.sys's device interface class (tests/wdf/drivers/wdfpnp.c). */
DEFINE_GUID(GUID_WDFPNP_IFACE, 0x8d3c1a52, 0x6e4f, 0x4b7a, 0x9c, 0x21, 0x5f, 0x0e, 0x3d, 0x2b, 0x1a,
            0x90);
DEFINE_GUID(GUID_NOBODY_PROVIDES, 0x1b2c3d4e, 0x0001, 0x0002, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            0x09, 0x0a);

static WDFIOTARGET g_pnp_target;
static ULONG g_pnp_mode;
static WDFTARGET_PNP g_pnp;

static NTSTATUS PnpQueryRemove(WDFIOTARGET IoTarget)
{
    g_pnp.QueryRemove++;
    if (g_pnp_mode == WDFTARGET_PNP_VETO)
        return STATUS_UNSUCCESSFUL;
    WdfIoTargetCloseForQueryRemove(IoTarget);
    return STATUS_SUCCESS;
}

static VOID PnpRemoveCanceled(WDFIOTARGET IoTarget)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    g_pnp.RemoveCanceled++;
    WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN(&open);
    WdfIoTargetOpen(IoTarget, &open);
}

static VOID PnpRemoveComplete(WDFIOTARGET IoTarget)
{
    g_pnp.RemoveComplete++;
    WdfIoTargetClose(IoTarget);
}

static VOID TgtPnpChecks(WDFIOTARGET t)
{
    WCHAR ids[64];
    ULONG length = 0, again = 0;
    WDFMEMORY memory;
    size_t size = 0;
    PVOID buffer;
    INTERFACE iface;
    CHECK(WdfIoTargetWdmGetTargetPhysicalDevice(t) != NULL);
    CHECK(WdfIoTargetQueryTargetProperty(t, DevicePropertyHardwareID, 0, NULL, &length) ==
          STATUS_BUFFER_TOO_SMALL);
    CHECK(length > 0 && length <= sizeof(ids));
    CHECK(WdfIoTargetQueryTargetProperty(t, DevicePropertyHardwareID, sizeof(ids), ids, &again) ==
          STATUS_SUCCESS);
    CHECK(again == length && RtlCompareMemory(ids, L"WDFPNP\\FUNC", 22) == 22);
    CHECK(NT_SUCCESS(WdfIoTargetAllocAndQueryTargetProperty(
        t, DevicePropertyHardwareID, NonPagedPoolNx, WDF_NO_OBJECT_ATTRIBUTES, &memory)));
    buffer = WdfMemoryGetBuffer(memory, &size);
    CHECK(size == length && RtlCompareMemory(buffer, ids, length) == length);
    WdfObjectDelete(memory);
    RtlZeroMemory(&iface, sizeof(iface));
    CHECK(WdfIoTargetQueryForInterface(t, &GUID_NOBODY_PROVIDES, &iface, sizeof(iface), 1, NULL) ==
          STATUS_NOT_SUPPORTED);
}

static VOID TgtPnpOpen(ULONG Mode)
{
    WDF_IO_TARGET_OPEN_PARAMS open;
    UNICODE_STRING name;
    PWSTR links = NULL;
    NTSTATUS status;
    g_pnp_mode = Mode;
    RtlZeroMemory(&g_pnp, sizeof(g_pnp));
    status = IoGetDeviceInterfaces(&GUID_WDFPNP_IFACE, NULL, 0, &links);
    CHECK(NT_SUCCESS(status) && links != NULL && links[0] != 0);
    if (!NT_SUCCESS(status))
        return;
    RtlInitUnicodeString(&name, links);
    CHECK(NT_SUCCESS(WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, &g_pnp_target)));
    WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(&open, &name, GENERIC_READ | GENERIC_WRITE);
    open.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
    if (Mode != WDFTARGET_PNP_DEFAULTS) {
        open.EvtIoTargetQueryRemove = PnpQueryRemove;
        open.EvtIoTargetRemoveCanceled = PnpRemoveCanceled;
        open.EvtIoTargetRemoveComplete = PnpRemoveComplete;
    }
    status = WdfIoTargetOpen(g_pnp_target, &open);
    ExFreePool(links);
    CHECK(NT_SUCCESS(status));
    if (NT_SUCCESS(status))
        TgtPnpChecks(g_pnp_target);
}

/* wdfpnp's echo (IOCTL_WP_ECHO: CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00, METHOD_BUFFERED, ...)). */
static VOID TgtPnpState(WDFTARGET_PNP *Out)
{
    WDF_MEMORY_DESCRIPTOR in, out;
    UCHAR o[8];
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&in, "pnp", 3);
    WDF_MEMORY_DESCRIPTOR_INIT_BUFFER(&out, o, sizeof(o));
    *Out = g_pnp;
    Out->State = WdfIoTargetGetState(g_pnp_target);
    Out->Echo = WdfIoTargetSendIoctlSynchronously(
        g_pnp_target, NULL, CTL_CODE(FILE_DEVICE_UNKNOWN, 0xB00, METHOD_BUFFERED, FILE_ANY_ACCESS),
        &in, &out, NULL, NULL);
}

/* ---- misuse -------------------------------------------------------------------------------- */

static VOID TgtMisuse(ULONG What)
{
    WDFIOTARGET t = NULL;
    WDFREQUEST r;
    WDFMEMORY memory;
    IO_STACK_LOCATION stack;
    PIRP irp;
    OpenByName(&g_buf_name, &t);
    switch (What) {
    case WDFTARGET_MISUSE_SENT_TWICE:
        WdfRequestCreate(WDF_NO_OBJECT_ATTRIBUTES, t, &r);
        WdfIoTargetFormatRequestForIoctl(t, r, IOCTL_LOW_HOLD, NULL, NULL, NULL, NULL);
        WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS);
        WdfRequestSend(r, t, WDF_NO_SEND_OPTIONS);
        break;
    case WDFTARGET_MISUSE_NULL_OUT:
        WdfIoTargetCreate(g_device, WDF_NO_OBJECT_ATTRIBUTES, NULL);
        break;
    case WDFTARGET_MISUSE_WRONG_TYPE:
        WdfMemoryCreate(WDF_NO_OBJECT_ATTRIBUTES, NonPagedPoolNx, 'tgtW', 8, &memory, NULL);
        WdfIoTargetStart((WDFIOTARGET)memory);
        break;
    case WDFTARGET_MISUSE_NO_LOCATION:
        irp = IoAllocateIrp(1, FALSE);
        IoSetNextIrpStackLocation(irp);
        WdfRequestCreateFromIrp(WDF_NO_OBJECT_ATTRIBUTES, irp, TRUE, &r);
        RtlZeroMemory(&stack, sizeof(stack));
        stack.MajorFunction = IRP_MJ_READ;
        WdfRequestWdmFormatUsingStackLocation(r, &stack);
        break;
    }
}

/* ---- the device --------------------------------------------------------------------------- */

static VOID TgtDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                             size_t InputBufferLength, ULONG IoControlCode)
{
    WDFTARGET_RESULT *result;
    ULONG *what;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Queue);
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_T_FORWARD) {
        TgtForward(Request);
        return;
    }
    if (IoControlCode == IOCTL_T_PNP_STATE) {
        WDFTARGET_PNP *pnp;
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*pnp), (PVOID *)&pnp, NULL);
        if (NT_SUCCESS(status))
            TgtPnpState(pnp);
        WdfRequestCompleteWithInformation(Request, status, NT_SUCCESS(status) ? sizeof(*pnp) : 0);
        return;
    }
    status = WdfRequestRetrieveInputBuffer(Request, sizeof(ULONG), (PVOID *)&what, NULL);
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_T_MISUSE) {
        TgtMisuse(*what);
        WdfRequestComplete(Request, STATUS_UNSUCCESSFUL);
        return;
    }
    if (NT_SUCCESS(status) && (IoControlCode == IOCTL_T_RUN || IoControlCode == IOCTL_T_PNP_OPEN))
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(*result), (PVOID *)&result, NULL);
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_T_PNP_OPEN) {
        ULONG mode = *what; /* the same system buffer as the result */
        RtlZeroMemory(result, sizeof(*result));
        g_result = result;
        TgtPnpOpen(mode);
        WdfRequestCompleteWithInformation(Request, status, sizeof(*result));
        return;
    }
    if (NT_SUCCESS(status) && IoControlCode == IOCTL_T_RUN) {
        ULONG group = *what;
        RtlZeroMemory(result, sizeof(*result));
        g_result = result;
        switch (group) {
        case WDFTARGET_GROUP_OPEN:
            TgtOpen();
            break;
        case WDFTARGET_GROUP_SYNC:
            TgtSync();
            break;
        case WDFTARGET_GROUP_STATES:
            TgtStates();
            break;
        case WDFTARGET_GROUP_REQUESTS:
            TgtRequests(Request);
            TgtFormats();
            break;
        case WDFTARGET_GROUP_LATER:
            TgtLater();
            break;
        case WDFTARGET_GROUP_NO_IRP:
            TgtNoIrp();
            break;
        default:
            status = STATUS_INVALID_PARAMETER;
        }
        WdfRequestCompleteWithInformation(Request, status, sizeof(*result));
        return;
    }
    WdfRequestComplete(Request, NT_SUCCESS(status) ? STATUS_INVALID_DEVICE_REQUEST : status);
}

static NTSTATUS TgtCreateDevice(WDFDRIVER Driver)
{
    DECLARE_CONST_UNICODE_STRING(sddl, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;WD)");
    DECLARE_CONST_UNICODE_STRING(name, L"\\Device\\WdfTarget");
    DECLARE_CONST_UNICODE_STRING(link, L"\\??\\WdfTarget");
    WDF_IO_QUEUE_CONFIG queue_config;
    PWDFDEVICE_INIT init = WdfControlDeviceInitAllocate(Driver, &sddl);
    WDFQUEUE queue;
    NTSTATUS status;
    if (init == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = WdfDeviceInitAssignName(init, &name);
    if (NT_SUCCESS(status))
        status = WdfDeviceCreate(&init, WDF_NO_OBJECT_ATTRIBUTES, &g_device);
    if (!NT_SUCCESS(status)) {
        WdfDeviceInitFree(init);
        return status;
    }
    /* Requests the queue delivers are forwarded to wdftgtlow's devices (one location each):
     * the I/O manager sizes their IRPs from this device object. */
    WdfDeviceWdmGetDeviceObject(g_device)->StackSize = 2;
    status = WdfDeviceCreateSymbolicLink(g_device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&queue_config, WdfIoQueueDispatchParallel);
    queue_config.EvtIoDeviceControl = TgtDeviceControl;
    status = WdfIoQueueCreate(g_device, &queue_config, WDF_NO_OBJECT_ATTRIBUTES, &queue);
    if (!NT_SUCCESS(status))
        return status;
    WdfControlFinishInitializing(g_device);
    return STATUS_SUCCESS;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDFDRIVER driver;
    NTSTATUS status;
    WDF_DRIVER_CONFIG_INIT(&config, WDF_NO_EVENT_CALLBACK);
    config.DriverInitFlags |= WdfDriverInitNonPnpDriver;
    status =
        WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config, &driver);
    if (!NT_SUCCESS(status))
        return status;
    return TgtCreateDevice(driver);
}
