/*
 * wdfiotarget.h - I/O targets: the device's default target (the next lower driver of its
 * stack), general (remote) targets opened by device object or by name, their states, the
 * formatting and synchronous send routines, sending a request (WdfRequestSend and its options,
 * completion routines) and driver-created requests (WdfRequestCreate, WdfRequestReuse).
 * Microsoft declares the request routines of this file in wdfrequest.h; drivers include wdf.h,
 * which includes both.
 */
#ifndef _WDFIOTARGET_H_
#define _WDFIOTARGET_H_

typedef enum _WDF_REQUEST_SEND_OPTIONS_FLAGS {
    WDF_REQUEST_SEND_OPTION_TIMEOUT = 0x00000001,
    WDF_REQUEST_SEND_OPTION_SYNCHRONOUS = 0x00000002,
    WDF_REQUEST_SEND_OPTION_IGNORE_TARGET_STATE = 0x00000004,
    WDF_REQUEST_SEND_OPTION_SEND_AND_FORGET = 0x00000008,
    WDF_REQUEST_SEND_OPTION_IMPERSONATE_CLIENT = 0x00000010,
    WDF_REQUEST_SEND_OPTION_IMPERSONATION_IGNORE_FAILURE = 0x00000020,
} WDF_REQUEST_SEND_OPTIONS_FLAGS;

typedef struct _WDF_REQUEST_SEND_OPTIONS {
    ULONG Size;
    ULONG Flags;
    LONGLONG Timeout;
} WDF_REQUEST_SEND_OPTIONS, *PWDF_REQUEST_SEND_OPTIONS;

FORCEINLINE VOID WDF_REQUEST_SEND_OPTIONS_INIT(PWDF_REQUEST_SEND_OPTIONS Options, ULONG Flags)
{
    RtlZeroMemory(Options, sizeof(WDF_REQUEST_SEND_OPTIONS));
    Options->Size = sizeof(WDF_REQUEST_SEND_OPTIONS);
    Options->Flags = Flags;
}

FORCEINLINE VOID WDF_REQUEST_SEND_OPTIONS_SET_TIMEOUT(PWDF_REQUEST_SEND_OPTIONS Options,
                                                      LONGLONG Timeout)
{
    Options->Flags |= WDF_REQUEST_SEND_OPTION_TIMEOUT;
    Options->Timeout = Timeout;
}

typedef struct _WDF_USB_REQUEST_COMPLETION_PARAMS *PWDF_USB_REQUEST_COMPLETION_PARAMS;

typedef struct _WDF_REQUEST_COMPLETION_PARAMS {
    ULONG Size;
    WDF_REQUEST_TYPE Type;
    IO_STATUS_BLOCK IoStatus;
    union {
        struct {
            WDFMEMORY Buffer;
            size_t Length;
            size_t Offset;
        } Write;
        struct {
            WDFMEMORY Buffer;
            size_t Length;
            size_t Offset;
        } Read;
        struct {
            ULONG IoControlCode;
            struct {
                WDFMEMORY Buffer;
                size_t Offset;
            } Input;
            struct {
                WDFMEMORY Buffer;
                size_t Offset;
                size_t Length;
            } Output;
        } Ioctl;
        struct {
            union {
                PVOID Ptr;
                ULONG_PTR Value;
            } Argument1;
            union {
                PVOID Ptr;
                ULONG_PTR Value;
            } Argument2;
            union {
                PVOID Ptr;
                ULONG_PTR Value;
            } Argument3;
            union {
                PVOID Ptr;
                ULONG_PTR Value;
            } Argument4;
        } Others;
        struct {
            PWDF_USB_REQUEST_COMPLETION_PARAMS Completion;
        } Usb;
    } Parameters;
} WDF_REQUEST_COMPLETION_PARAMS, *PWDF_REQUEST_COMPLETION_PARAMS;

FORCEINLINE VOID WDF_REQUEST_COMPLETION_PARAMS_INIT(PWDF_REQUEST_COMPLETION_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(WDF_REQUEST_COMPLETION_PARAMS));
    Params->Size = sizeof(WDF_REQUEST_COMPLETION_PARAMS);
    Params->Type = WdfRequestTypeNoFormat;
}

typedef VOID EVT_WDF_REQUEST_COMPLETION_ROUTINE(WDFREQUEST Request, WDFIOTARGET Target,
                                                PWDF_REQUEST_COMPLETION_PARAMS Params,
                                                WDFCONTEXT Context);
typedef EVT_WDF_REQUEST_COMPLETION_ROUTINE *PFN_WDF_REQUEST_COMPLETION_ROUTINE;

typedef WDFIOTARGET (*PFN_WDFDEVICEGETIOTARGET)(PWDF_DRIVER_GLOBALS, WDFDEVICE);
FORCEINLINE WDFIOTARGET WdfDeviceGetIoTarget(WDFDEVICE Device)
{
    return ((PFN_WDFDEVICEGETIOTARGET)WdfFunctions[WdfDeviceGetIoTargetTableIndex])(
        WdfDriverGlobals, Device);
}

typedef PDEVICE_OBJECT (*PFN_WDFIOTARGETWDMGETTARGETDEVICEOBJECT)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE PDEVICE_OBJECT WdfIoTargetWdmGetTargetDeviceObject(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETWDMGETTARGETDEVICEOBJECT)
                WdfFunctions[WdfIoTargetWdmGetTargetDeviceObjectTableIndex])(WdfDriverGlobals,
                                                                             IoTarget);
}

typedef VOID (*PFN_WDFREQUESTFORMATREQUESTUSINGCURRENTTYPE)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE VOID WdfRequestFormatRequestUsingCurrentType(WDFREQUEST Request)
{
    ((PFN_WDFREQUESTFORMATREQUESTUSINGCURRENTTYPE)
         WdfFunctions[WdfRequestFormatRequestUsingCurrentTypeTableIndex])(WdfDriverGlobals,
                                                                          Request);
}

typedef BOOLEAN (*PFN_WDFREQUESTSEND)(PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFIOTARGET,
                                      PWDF_REQUEST_SEND_OPTIONS);
FORCEINLINE BOOLEAN WdfRequestSend(WDFREQUEST Request, WDFIOTARGET Target,
                                   PWDF_REQUEST_SEND_OPTIONS Options)
{
    return ((PFN_WDFREQUESTSEND)WdfFunctions[WdfRequestSendTableIndex])(WdfDriverGlobals, Request,
                                                                        Target, Options);
}

typedef VOID (*PFN_WDFREQUESTSETCOMPLETIONROUTINE)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                   PFN_WDF_REQUEST_COMPLETION_ROUTINE, WDFCONTEXT);
FORCEINLINE VOID WdfRequestSetCompletionRoutine(
    WDFREQUEST Request, PFN_WDF_REQUEST_COMPLETION_ROUTINE CompletionRoutine,
    WDFCONTEXT CompletionContext)
{
    ((PFN_WDFREQUESTSETCOMPLETIONROUTINE)WdfFunctions[WdfRequestSetCompletionRoutineTableIndex])(
        WdfDriverGlobals, Request, CompletionRoutine, CompletionContext);
}

typedef VOID (*PFN_WDFREQUESTGETCOMPLETIONPARAMS)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                  PWDF_REQUEST_COMPLETION_PARAMS);
FORCEINLINE VOID WdfRequestGetCompletionParams(WDFREQUEST Request,
                                               PWDF_REQUEST_COMPLETION_PARAMS Params)
{
    ((PFN_WDFREQUESTGETCOMPLETIONPARAMS)WdfFunctions[WdfRequestGetCompletionParamsTableIndex])(
        WdfDriverGlobals, Request, Params);
}

/* ---- general I/O targets (src/wdf/iotarget.c): remote targets, states, synchronous sends ---- */

typedef enum _WDF_IO_TARGET_STATE {
    WdfIoTargetStateUndefined = 0,
    WdfIoTargetStarted,
    WdfIoTargetStopped,
    WdfIoTargetClosedForQueryRemove,
    WdfIoTargetClosed,
    WdfIoTargetDeleted,
    WdfIoTargetPurged,
} WDF_IO_TARGET_STATE, *PWDF_IO_TARGET_STATE;

typedef enum _WDF_IO_TARGET_SENT_IO_ACTION {
    WdfIoTargetSentIoUndefined = 0,
    WdfIoTargetCancelSentIo,
    WdfIoTargetWaitForSentIoToComplete,
    WdfIoTargetLeaveSentIoPending,
} WDF_IO_TARGET_SENT_IO_ACTION;

typedef enum _WDF_IO_TARGET_PURGE_IO_ACTION {
    WdfIoTargetPurgeIoUndefined = 0,
    WdfIoTargetPurgeIoAndWait,
    WdfIoTargetPurgeIo,
} WDF_IO_TARGET_PURGE_IO_ACTION;

typedef enum _WDF_IO_TARGET_OPEN_TYPE {
    WdfIoTargetOpenUndefined = 0,
    WdfIoTargetOpenUseExistingDevice = 1,
    WdfIoTargetOpenByName = 2,
    WdfIoTargetOpenReopen = 3,
    WdfIoTargetOpenLocalTargetByFile = 4,
} WDF_IO_TARGET_OPEN_TYPE;

typedef NTSTATUS EVT_WDF_IO_TARGET_QUERY_REMOVE(WDFIOTARGET IoTarget);
typedef EVT_WDF_IO_TARGET_QUERY_REMOVE *PFN_WDF_IO_TARGET_QUERY_REMOVE;
typedef VOID EVT_WDF_IO_TARGET_REMOVE_CANCELED(WDFIOTARGET IoTarget);
typedef EVT_WDF_IO_TARGET_REMOVE_CANCELED *PFN_WDF_IO_TARGET_REMOVE_CANCELED;
typedef VOID EVT_WDF_IO_TARGET_REMOVE_COMPLETE(WDFIOTARGET IoTarget);
typedef EVT_WDF_IO_TARGET_REMOVE_COMPLETE *PFN_WDF_IO_TARGET_REMOVE_COMPLETE;

typedef struct _WDF_IO_TARGET_OPEN_PARAMS {
    ULONG Size;
    WDF_IO_TARGET_OPEN_TYPE Type;
    PFN_WDF_IO_TARGET_QUERY_REMOVE EvtIoTargetQueryRemove;
    PFN_WDF_IO_TARGET_REMOVE_CANCELED EvtIoTargetRemoveCanceled;
    PFN_WDF_IO_TARGET_REMOVE_COMPLETE EvtIoTargetRemoveComplete;
    PDEVICE_OBJECT TargetDeviceObject;
    PFILE_OBJECT TargetFileObject;
    UNICODE_STRING TargetDeviceName;
    ACCESS_MASK DesiredAccess;
    ULONG ShareAccess;
    ULONG FileAttributes;
    ULONG CreateDisposition;
    ULONG CreateOptions;
    PVOID EaBuffer;
    ULONG EaBufferLength;
    PLONGLONG AllocationSize;
    ULONG FileInformation;
    UNICODE_STRING FileName;
} WDF_IO_TARGET_OPEN_PARAMS, *PWDF_IO_TARGET_OPEN_PARAMS;

FORCEINLINE VOID WDF_IO_TARGET_OPEN_PARAMS_INIT_EXISTING_DEVICE(PWDF_IO_TARGET_OPEN_PARAMS Params,
                                                                PDEVICE_OBJECT DeviceObject)
{
    RtlZeroMemory(Params, sizeof(WDF_IO_TARGET_OPEN_PARAMS));
    Params->Size = sizeof(WDF_IO_TARGET_OPEN_PARAMS);
    Params->Type = WdfIoTargetOpenUseExistingDevice;
    Params->TargetDeviceObject = DeviceObject;
}

/* KMDF: Size, Type, TargetDeviceName, DesiredAccess and CreateOptions (the reference page). */
FORCEINLINE VOID WDF_IO_TARGET_OPEN_PARAMS_INIT_CREATE_BY_NAME(PWDF_IO_TARGET_OPEN_PARAMS Params,
                                                               PCUNICODE_STRING TargetDeviceName,
                                                               ACCESS_MASK DesiredAccess)
{
    RtlZeroMemory(Params, sizeof(WDF_IO_TARGET_OPEN_PARAMS));
    Params->Size = sizeof(WDF_IO_TARGET_OPEN_PARAMS);
    Params->Type = WdfIoTargetOpenByName;
    Params->TargetDeviceName = *TargetDeviceName;
    Params->DesiredAccess = DesiredAccess;
    Params->CreateOptions = FILE_NON_DIRECTORY_FILE;
}

/* ... and CreateDisposition FILE_OPEN. */
FORCEINLINE VOID WDF_IO_TARGET_OPEN_PARAMS_INIT_OPEN_BY_NAME(PWDF_IO_TARGET_OPEN_PARAMS Params,
                                                             PCUNICODE_STRING TargetDeviceName,
                                                             ACCESS_MASK DesiredAccess)
{
    WDF_IO_TARGET_OPEN_PARAMS_INIT_CREATE_BY_NAME(Params, TargetDeviceName, DesiredAccess);
    Params->CreateDisposition = FILE_OPEN;
}

FORCEINLINE VOID WDF_IO_TARGET_OPEN_PARAMS_INIT_REOPEN(PWDF_IO_TARGET_OPEN_PARAMS Params)
{
    RtlZeroMemory(Params, sizeof(WDF_IO_TARGET_OPEN_PARAMS));
    Params->Size = sizeof(WDF_IO_TARGET_OPEN_PARAMS);
    Params->Type = WdfIoTargetOpenReopen;
}

/* ---- driver-created requests (src/wdf/request_create.c); Microsoft: in wdfrequest.h ---- */

typedef enum _WDF_REQUEST_REUSE_FLAGS {
    WDF_REQUEST_REUSE_NO_FLAGS = 0x00000000,
    WDF_REQUEST_REUSE_SET_NEW_IRP = 0x00000001,
} WDF_REQUEST_REUSE_FLAGS;

typedef struct _WDF_REQUEST_REUSE_PARAMS {
    ULONG Size;
    ULONG Flags;
    NTSTATUS Status;
    PIRP NewIrp;
} WDF_REQUEST_REUSE_PARAMS, *PWDF_REQUEST_REUSE_PARAMS;

FORCEINLINE VOID WDF_REQUEST_REUSE_PARAMS_INIT(PWDF_REQUEST_REUSE_PARAMS Params, ULONG Flags,
                                               NTSTATUS Status)
{
    RtlZeroMemory(Params, sizeof(WDF_REQUEST_REUSE_PARAMS));
    Params->Size = sizeof(WDF_REQUEST_REUSE_PARAMS);
    Params->Flags = Flags;
    Params->Status = Status;
}

FORCEINLINE VOID WDF_REQUEST_REUSE_PARAMS_SET_NEW_IRP(PWDF_REQUEST_REUSE_PARAMS Params, PIRP NewIrp)
{
    Params->Flags |= WDF_REQUEST_REUSE_SET_NEW_IRP;
    Params->NewIrp = NewIrp;
}

typedef NTSTATUS (*PFN_WDFIOTARGETCREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_OBJECT_ATTRIBUTES,
                                          WDFIOTARGET *);
FORCEINLINE NTSTATUS WdfIoTargetCreate(WDFDEVICE Device, PWDF_OBJECT_ATTRIBUTES IoTargetAttributes,
                                       WDFIOTARGET *IoTarget)
{
    return ((PFN_WDFIOTARGETCREATE)WdfFunctions[WdfIoTargetCreateTableIndex])(
        WdfDriverGlobals, Device, IoTargetAttributes, IoTarget);
}

typedef NTSTATUS (*PFN_WDFIOTARGETOPEN)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                        PWDF_IO_TARGET_OPEN_PARAMS);
FORCEINLINE NTSTATUS WdfIoTargetOpen(WDFIOTARGET IoTarget, PWDF_IO_TARGET_OPEN_PARAMS OpenParams)
{
    return ((PFN_WDFIOTARGETOPEN)WdfFunctions[WdfIoTargetOpenTableIndex])(WdfDriverGlobals,
                                                                          IoTarget, OpenParams);
}

typedef VOID (*PFN_WDFIOTARGETCLOSEFORQUERYREMOVE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE VOID WdfIoTargetCloseForQueryRemove(WDFIOTARGET IoTarget)
{
    ((PFN_WDFIOTARGETCLOSEFORQUERYREMOVE)WdfFunctions[WdfIoTargetCloseForQueryRemoveTableIndex])(
        WdfDriverGlobals, IoTarget);
}

typedef VOID (*PFN_WDFIOTARGETCLOSE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE VOID WdfIoTargetClose(WDFIOTARGET IoTarget)
{
    ((PFN_WDFIOTARGETCLOSE)WdfFunctions[WdfIoTargetCloseTableIndex])(WdfDriverGlobals, IoTarget);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSTART)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE NTSTATUS WdfIoTargetStart(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETSTART)WdfFunctions[WdfIoTargetStartTableIndex])(WdfDriverGlobals,
                                                                            IoTarget);
}

typedef VOID (*PFN_WDFIOTARGETSTOP)(PWDF_DRIVER_GLOBALS, WDFIOTARGET, WDF_IO_TARGET_SENT_IO_ACTION);
FORCEINLINE VOID WdfIoTargetStop(WDFIOTARGET IoTarget, WDF_IO_TARGET_SENT_IO_ACTION Action)
{
    ((PFN_WDFIOTARGETSTOP)WdfFunctions[WdfIoTargetStopTableIndex])(WdfDriverGlobals, IoTarget,
                                                                   Action);
}

typedef WDF_IO_TARGET_STATE (*PFN_WDFIOTARGETGETSTATE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE WDF_IO_TARGET_STATE WdfIoTargetGetState(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETGETSTATE)WdfFunctions[WdfIoTargetGetStateTableIndex])(WdfDriverGlobals,
                                                                                  IoTarget);
}

typedef WDFDEVICE (*PFN_WDFIOTARGETGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE WDFDEVICE WdfIoTargetGetDevice(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETGETDEVICE)WdfFunctions[WdfIoTargetGetDeviceTableIndex])(
        WdfDriverGlobals, IoTarget);
}

typedef PDEVICE_OBJECT (*PFN_WDFIOTARGETWDMGETTARGETPHYSICALDEVICE)(PWDF_DRIVER_GLOBALS,
                                                                    WDFIOTARGET);
FORCEINLINE PDEVICE_OBJECT WdfIoTargetWdmGetTargetPhysicalDevice(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETWDMGETTARGETPHYSICALDEVICE)
                WdfFunctions[WdfIoTargetWdmGetTargetPhysicalDeviceTableIndex])(WdfDriverGlobals,
                                                                               IoTarget);
}

typedef PFILE_OBJECT (*PFN_WDFIOTARGETWDMGETTARGETFILEOBJECT)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE PFILE_OBJECT WdfIoTargetWdmGetTargetFileObject(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETWDMGETTARGETFILEOBJECT)
                WdfFunctions[WdfIoTargetWdmGetTargetFileObjectTableIndex])(WdfDriverGlobals,
                                                                           IoTarget);
}

typedef HANDLE (*PFN_WDFIOTARGETWDMGETTARGETFILEHANDLE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET);
FORCEINLINE HANDLE WdfIoTargetWdmGetTargetFileHandle(WDFIOTARGET IoTarget)
{
    return ((PFN_WDFIOTARGETWDMGETTARGETFILEHANDLE)
                WdfFunctions[WdfIoTargetWdmGetTargetFileHandleTableIndex])(WdfDriverGlobals,
                                                                           IoTarget);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSENDREADSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                         WDFREQUEST, PWDF_MEMORY_DESCRIPTOR,
                                                         PLONGLONG, PWDF_REQUEST_SEND_OPTIONS,
                                                         PULONG_PTR);
FORCEINLINE NTSTATUS WdfIoTargetSendReadSynchronously(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                      PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                                      PLONGLONG DeviceOffset,
                                                      PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                      PULONG_PTR BytesRead)
{
    return ((PFN_WDFIOTARGETSENDREADSYNCHRONOUSLY)
                WdfFunctions[WdfIoTargetSendReadSynchronouslyTableIndex])(
        WdfDriverGlobals, IoTarget, Request, OutputBuffer, DeviceOffset, RequestOptions, BytesRead);
}

typedef NTSTATUS (*PFN_WDFIOTARGETFORMATREQUESTFORREAD)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                        WDFREQUEST, WDFMEMORY, PWDFMEMORY_OFFSET,
                                                        PLONGLONG);
FORCEINLINE NTSTATUS WdfIoTargetFormatRequestForRead(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                     WDFMEMORY OutputBuffer,
                                                     PWDFMEMORY_OFFSET OutputBufferOffset,
                                                     PLONGLONG DeviceOffset)
{
    return ((PFN_WDFIOTARGETFORMATREQUESTFORREAD)
                WdfFunctions[WdfIoTargetFormatRequestForReadTableIndex])(
        WdfDriverGlobals, IoTarget, Request, OutputBuffer, OutputBufferOffset, DeviceOffset);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSENDWRITESYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                          WDFREQUEST, PWDF_MEMORY_DESCRIPTOR,
                                                          PLONGLONG, PWDF_REQUEST_SEND_OPTIONS,
                                                          PULONG_PTR);
FORCEINLINE NTSTATUS WdfIoTargetSendWriteSynchronously(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                       PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                                       PLONGLONG DeviceOffset,
                                                       PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                       PULONG_PTR BytesWritten)
{
    return ((PFN_WDFIOTARGETSENDWRITESYNCHRONOUSLY)
                WdfFunctions[WdfIoTargetSendWriteSynchronouslyTableIndex])(
        WdfDriverGlobals, IoTarget, Request, InputBuffer, DeviceOffset, RequestOptions,
        BytesWritten);
}

typedef NTSTATUS (*PFN_WDFIOTARGETFORMATREQUESTFORWRITE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                         WDFREQUEST, WDFMEMORY, PWDFMEMORY_OFFSET,
                                                         PLONGLONG);
FORCEINLINE NTSTATUS WdfIoTargetFormatRequestForWrite(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                      WDFMEMORY InputBuffer,
                                                      PWDFMEMORY_OFFSET InputBufferOffset,
                                                      PLONGLONG DeviceOffset)
{
    return ((PFN_WDFIOTARGETFORMATREQUESTFORWRITE)
                WdfFunctions[WdfIoTargetFormatRequestForWriteTableIndex])(
        WdfDriverGlobals, IoTarget, Request, InputBuffer, InputBufferOffset, DeviceOffset);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSENDIOCTLSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                          WDFREQUEST, ULONG, PWDF_MEMORY_DESCRIPTOR,
                                                          PWDF_MEMORY_DESCRIPTOR,
                                                          PWDF_REQUEST_SEND_OPTIONS, PULONG_PTR);
FORCEINLINE NTSTATUS WdfIoTargetSendIoctlSynchronously(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                       ULONG IoctlCode,
                                                       PWDF_MEMORY_DESCRIPTOR InputBuffer,
                                                       PWDF_MEMORY_DESCRIPTOR OutputBuffer,
                                                       PWDF_REQUEST_SEND_OPTIONS RequestOptions,
                                                       PULONG_PTR BytesReturned)
{
    return ((PFN_WDFIOTARGETSENDIOCTLSYNCHRONOUSLY)
                WdfFunctions[WdfIoTargetSendIoctlSynchronouslyTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, InputBuffer, OutputBuffer, RequestOptions,
        BytesReturned);
}

typedef NTSTATUS (*PFN_WDFIOTARGETFORMATREQUESTFORIOCTL)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                         WDFREQUEST, ULONG, WDFMEMORY,
                                                         PWDFMEMORY_OFFSET, WDFMEMORY,
                                                         PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfIoTargetFormatRequestForIoctl(WDFIOTARGET IoTarget, WDFREQUEST Request,
                                                      ULONG IoctlCode, WDFMEMORY InputBuffer,
                                                      PWDFMEMORY_OFFSET InputBufferOffset,
                                                      WDFMEMORY OutputBuffer,
                                                      PWDFMEMORY_OFFSET OutputBufferOffset)
{
    return ((PFN_WDFIOTARGETFORMATREQUESTFORIOCTL)
                WdfFunctions[WdfIoTargetFormatRequestForIoctlTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, InputBuffer, InputBufferOffset,
        OutputBuffer, OutputBufferOffset);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSENDINTERNALIOCTLSYNCHRONOUSLY)(
    PWDF_DRIVER_GLOBALS, WDFIOTARGET, WDFREQUEST, ULONG, PWDF_MEMORY_DESCRIPTOR,
    PWDF_MEMORY_DESCRIPTOR, PWDF_REQUEST_SEND_OPTIONS, PULONG_PTR);
FORCEINLINE NTSTATUS WdfIoTargetSendInternalIoctlSynchronously(
    WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode, PWDF_MEMORY_DESCRIPTOR InputBuffer,
    PWDF_MEMORY_DESCRIPTOR OutputBuffer, PWDF_REQUEST_SEND_OPTIONS RequestOptions,
    PULONG_PTR BytesReturned)
{
    return ((PFN_WDFIOTARGETSENDINTERNALIOCTLSYNCHRONOUSLY)
                WdfFunctions[WdfIoTargetSendInternalIoctlSynchronouslyTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, InputBuffer, OutputBuffer, RequestOptions,
        BytesReturned);
}

typedef NTSTATUS (*PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTL)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                                 WDFREQUEST, ULONG, WDFMEMORY,
                                                                 PWDFMEMORY_OFFSET, WDFMEMORY,
                                                                 PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfIoTargetFormatRequestForInternalIoctl(WDFIOTARGET IoTarget,
                                                              WDFREQUEST Request, ULONG IoctlCode,
                                                              WDFMEMORY InputBuffer,
                                                              PWDFMEMORY_OFFSET InputBufferOffset,
                                                              WDFMEMORY OutputBuffer,
                                                              PWDFMEMORY_OFFSET OutputBufferOffset)
{
    return ((PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTL)
                WdfFunctions[WdfIoTargetFormatRequestForInternalIoctlTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, InputBuffer, InputBufferOffset,
        OutputBuffer, OutputBufferOffset);
}

typedef NTSTATUS (*PFN_WDFIOTARGETSENDINTERNALIOCTLOTHERSSYNCHRONOUSLY)(
    PWDF_DRIVER_GLOBALS, WDFIOTARGET, WDFREQUEST, ULONG, PWDF_MEMORY_DESCRIPTOR,
    PWDF_MEMORY_DESCRIPTOR, PWDF_MEMORY_DESCRIPTOR, PWDF_REQUEST_SEND_OPTIONS, PULONG_PTR);
FORCEINLINE NTSTATUS WdfIoTargetSendInternalIoctlOthersSynchronously(
    WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode, PWDF_MEMORY_DESCRIPTOR OtherArg1,
    PWDF_MEMORY_DESCRIPTOR OtherArg2, PWDF_MEMORY_DESCRIPTOR OtherArg4,
    PWDF_REQUEST_SEND_OPTIONS RequestOptions, PULONG_PTR BytesReturned)
{
    return ((PFN_WDFIOTARGETSENDINTERNALIOCTLOTHERSSYNCHRONOUSLY)
                WdfFunctions[WdfIoTargetSendInternalIoctlOthersSynchronouslyTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, OtherArg1, OtherArg2, OtherArg4,
        RequestOptions, BytesReturned);
}

typedef NTSTATUS (*PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTLOTHERS)(
    PWDF_DRIVER_GLOBALS, WDFIOTARGET, WDFREQUEST, ULONG, WDFMEMORY, PWDFMEMORY_OFFSET, WDFMEMORY,
    PWDFMEMORY_OFFSET, WDFMEMORY, PWDFMEMORY_OFFSET);
FORCEINLINE NTSTATUS WdfIoTargetFormatRequestForInternalIoctlOthers(
    WDFIOTARGET IoTarget, WDFREQUEST Request, ULONG IoctlCode, WDFMEMORY OtherArg1,
    PWDFMEMORY_OFFSET OtherArg1Offset, WDFMEMORY OtherArg2, PWDFMEMORY_OFFSET OtherArg2Offset,
    WDFMEMORY OtherArg4, PWDFMEMORY_OFFSET OtherArg4Offset)
{
    return ((PFN_WDFIOTARGETFORMATREQUESTFORINTERNALIOCTLOTHERS)
                WdfFunctions[WdfIoTargetFormatRequestForInternalIoctlOthersTableIndex])(
        WdfDriverGlobals, IoTarget, Request, IoctlCode, OtherArg1, OtherArg1Offset, OtherArg2,
        OtherArg2Offset, OtherArg4, OtherArg4Offset);
}

typedef NTSTATUS (*PFN_WDFREQUESTCREATE)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES, WDFIOTARGET,
                                         WDFREQUEST *);
FORCEINLINE NTSTATUS WdfRequestCreate(PWDF_OBJECT_ATTRIBUTES RequestAttributes,
                                      WDFIOTARGET IoTarget, WDFREQUEST *Request)
{
    return ((PFN_WDFREQUESTCREATE)WdfFunctions[WdfRequestCreateTableIndex])(
        WdfDriverGlobals, RequestAttributes, IoTarget, Request);
}

typedef NTSTATUS (*PFN_WDFREQUESTCREATEFROMIRP)(PWDF_DRIVER_GLOBALS, PWDF_OBJECT_ATTRIBUTES, PIRP,
                                                BOOLEAN, WDFREQUEST *);
FORCEINLINE NTSTATUS WdfRequestCreateFromIrp(PWDF_OBJECT_ATTRIBUTES RequestAttributes, PIRP Irp,
                                             BOOLEAN RequestFreesIrp, WDFREQUEST *Request)
{
    return ((PFN_WDFREQUESTCREATEFROMIRP)WdfFunctions[WdfRequestCreateFromIrpTableIndex])(
        WdfDriverGlobals, RequestAttributes, Irp, RequestFreesIrp, Request);
}

typedef NTSTATUS (*PFN_WDFREQUESTREUSE)(PWDF_DRIVER_GLOBALS, WDFREQUEST, PWDF_REQUEST_REUSE_PARAMS);
FORCEINLINE NTSTATUS WdfRequestReuse(WDFREQUEST Request, PWDF_REQUEST_REUSE_PARAMS ReuseParams)
{
    return ((PFN_WDFREQUESTREUSE)WdfFunctions[WdfRequestReuseTableIndex])(WdfDriverGlobals, Request,
                                                                          ReuseParams);
}

typedef NTSTATUS (*PFN_WDFREQUESTCHANGETARGET)(PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFIOTARGET);
FORCEINLINE NTSTATUS WdfRequestChangeTarget(WDFREQUEST Request, WDFIOTARGET IoTarget)
{
    return ((PFN_WDFREQUESTCHANGETARGET)WdfFunctions[WdfRequestChangeTargetTableIndex])(
        WdfDriverGlobals, Request, IoTarget);
}

typedef VOID (*PFN_WDFREQUESTWDMFORMATUSINGSTACKLOCATION)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                          PIO_STACK_LOCATION);
FORCEINLINE VOID WdfRequestWdmFormatUsingStackLocation(WDFREQUEST Request, PIO_STACK_LOCATION Stack)
{
    ((PFN_WDFREQUESTWDMFORMATUSINGSTACKLOCATION)
         WdfFunctions[WdfRequestWdmFormatUsingStackLocationTableIndex])(WdfDriverGlobals, Request,
                                                                        Stack);
}

typedef BOOLEAN (*PFN_WDFREQUESTCANCELSENTREQUEST)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE BOOLEAN WdfRequestCancelSentRequest(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTCANCELSENTREQUEST)WdfFunctions[WdfRequestCancelSentRequestTableIndex])(
        WdfDriverGlobals, Request);
}

typedef NTSTATUS (*PFN_WDFREQUESTALLOCATETIMER)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE NTSTATUS WdfRequestAllocateTimer(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTALLOCATETIMER)WdfFunctions[WdfRequestAllocateTimerTableIndex])(
        WdfDriverGlobals, Request);
}

#if KMDF_VERSION_MINOR >= 11
typedef VOID (*PFN_WDFIOTARGETPURGE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                     WDF_IO_TARGET_PURGE_IO_ACTION);
FORCEINLINE VOID WdfIoTargetPurge(WDFIOTARGET IoTarget, WDF_IO_TARGET_PURGE_IO_ACTION Action)
{
    ((PFN_WDFIOTARGETPURGE)WdfFunctions[WdfIoTargetPurgeTableIndex])(WdfDriverGlobals, IoTarget,
                                                                     Action);
}
#endif

typedef NTSTATUS (*PFN_WDFIOTARGETQUERYTARGETPROPERTY)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                       DEVICE_REGISTRY_PROPERTY, ULONG, PVOID,
                                                       PULONG);
FORCEINLINE NTSTATUS WdfIoTargetQueryTargetProperty(WDFIOTARGET IoTarget,
                                                    DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                                    ULONG BufferLength, PVOID PropertyBuffer,
                                                    PULONG ResultLength)
{
    return (
        (PFN_WDFIOTARGETQUERYTARGETPROPERTY)WdfFunctions[WdfIoTargetQueryTargetPropertyTableIndex])(
        WdfDriverGlobals, IoTarget, DeviceProperty, BufferLength, PropertyBuffer, ResultLength);
}

typedef NTSTATUS (*PFN_WDFIOTARGETALLOCANDQUERYTARGETPROPERTY)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                               DEVICE_REGISTRY_PROPERTY, POOL_TYPE,
                                                               PWDF_OBJECT_ATTRIBUTES, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfIoTargetAllocAndQueryTargetProperty(
    WDFIOTARGET IoTarget, DEVICE_REGISTRY_PROPERTY DeviceProperty, POOL_TYPE PoolType,
    PWDF_OBJECT_ATTRIBUTES PropertyMemoryAttributes, WDFMEMORY *PropertyMemory)
{
    return ((PFN_WDFIOTARGETALLOCANDQUERYTARGETPROPERTY)
                WdfFunctions[WdfIoTargetAllocAndQueryTargetPropertyTableIndex])(
        WdfDriverGlobals, IoTarget, DeviceProperty, PoolType, PropertyMemoryAttributes,
        PropertyMemory);
}

typedef NTSTATUS (*PFN_WDFIOTARGETQUERYFORINTERFACE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET, LPCGUID,
                                                     PINTERFACE, USHORT, USHORT, PVOID);
FORCEINLINE NTSTATUS WdfIoTargetQueryForInterface(WDFIOTARGET IoTarget, LPCGUID InterfaceType,
                                                  PINTERFACE Interface, USHORT Size, USHORT Version,
                                                  PVOID InterfaceSpecificData)
{
    return ((PFN_WDFIOTARGETQUERYFORINTERFACE)WdfFunctions[WdfIoTargetQueryForInterfaceTableIndex])(
        WdfDriverGlobals, IoTarget, InterfaceType, Interface, Size, Version, InterfaceSpecificData);
}

#if KMDF_VERSION_MINOR >= 15 /* Microsoft: minimum KMDF version 1.15 */
typedef NTSTATUS (*PFN_WDFIOTARGETSELFASSIGNDEFAULTIOQUEUE)(PWDF_DRIVER_GLOBALS, WDFIOTARGET,
                                                            WDFQUEUE);
FORCEINLINE NTSTATUS WdfIoTargetSelfAssignDefaultIoQueue(WDFIOTARGET IoTarget, WDFQUEUE Queue)
{
    return ((PFN_WDFIOTARGETSELFASSIGNDEFAULTIOQUEUE)
                WdfFunctions[WdfIoTargetSelfAssignDefaultIoQueueTableIndex])(WdfDriverGlobals,
                                                                             IoTarget, Queue);
}
#endif

#endif
