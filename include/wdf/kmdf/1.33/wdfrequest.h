/*
 * wdfrequest.h - framework request objects: WDF_REQUEST_PARAMETERS and the WdfRequest*
 * routines of drvhost's first framework slice.
 */
#ifndef _WDFREQUEST_H_
#define _WDFREQUEST_H_

typedef enum _WDF_REQUEST_TYPE {
    WdfRequestTypeCreate = IRP_MJ_CREATE,
    WdfRequestTypeCreateNamedPipe = IRP_MJ_CREATE_NAMED_PIPE,
    WdfRequestTypeClose = IRP_MJ_CLOSE,
    WdfRequestTypeRead = IRP_MJ_READ,
    WdfRequestTypeWrite = IRP_MJ_WRITE,
    WdfRequestTypeQueryInformation = IRP_MJ_QUERY_INFORMATION,
    WdfRequestTypeSetInformation = IRP_MJ_SET_INFORMATION,
    WdfRequestTypeQueryEA = IRP_MJ_QUERY_EA,
    WdfRequestTypeSetEA = IRP_MJ_SET_EA,
    WdfRequestTypeFlushBuffers = IRP_MJ_FLUSH_BUFFERS,
    WdfRequestTypeQueryVolumeInformation = IRP_MJ_QUERY_VOLUME_INFORMATION,
    WdfRequestTypeSetVolumeInformation = IRP_MJ_SET_VOLUME_INFORMATION,
    WdfRequestTypeDirectoryControl = IRP_MJ_DIRECTORY_CONTROL,
    WdfRequestTypeFileSystemControl = IRP_MJ_FILE_SYSTEM_CONTROL,
    WdfRequestTypeDeviceControl = IRP_MJ_DEVICE_CONTROL,
    WdfRequestTypeDeviceControlInternal = IRP_MJ_INTERNAL_DEVICE_CONTROL,
    WdfRequestTypeShutdown = IRP_MJ_SHUTDOWN,
    WdfRequestTypeLockControl = IRP_MJ_LOCK_CONTROL,
    WdfRequestTypeCleanup = IRP_MJ_CLEANUP,
    WdfRequestTypeCreateMailSlot = IRP_MJ_CREATE_MAILSLOT,
    WdfRequestTypeQuerySecurity = IRP_MJ_QUERY_SECURITY,
    WdfRequestTypeSetSecurity = IRP_MJ_SET_SECURITY,
    WdfRequestTypePower = IRP_MJ_POWER,
    WdfRequestTypeSystemControl = IRP_MJ_SYSTEM_CONTROL,
    WdfRequestTypeDeviceChange = IRP_MJ_DEVICE_CHANGE,
    WdfRequestTypeQueryQuota = IRP_MJ_QUERY_QUOTA,
    WdfRequestTypeSetQuota = IRP_MJ_SET_QUOTA,
    WdfRequestTypePnp = IRP_MJ_PNP,
    WdfRequestTypeOther,
    WdfRequestTypeUsb,
    WdfRequestTypeNoFormat = 0xFF,
    WdfRequestTypeMax,
} WDF_REQUEST_TYPE;

typedef struct _WDF_REQUEST_PARAMETERS {
    USHORT Size;
    UCHAR MinorFunction;
    WDF_REQUEST_TYPE Type;
    union {
        struct {
            PIO_SECURITY_CONTEXT SecurityContext;
            ULONG Options;
            USHORT POINTER_ALIGNMENT FileAttributes;
            USHORT ShareAccess;
            ULONG POINTER_ALIGNMENT EaLength;
        } Create;
        struct {
            size_t Length;
            ULONG POINTER_ALIGNMENT Key;
            LONGLONG DeviceOffset;
        } Read;
        struct {
            size_t Length;
            ULONG POINTER_ALIGNMENT Key;
            LONGLONG DeviceOffset;
        } Write;
        struct {
            size_t OutputBufferLength;
            size_t POINTER_ALIGNMENT InputBufferLength;
            ULONG POINTER_ALIGNMENT IoControlCode;
            PVOID Type3InputBuffer;
        } DeviceIoControl;
        struct {
            PVOID Arg1;
            PVOID Arg2;
            ULONG POINTER_ALIGNMENT IoControlCode;
            PVOID Arg4;
        } Others;
    } Parameters;
} WDF_REQUEST_PARAMETERS, *PWDF_REQUEST_PARAMETERS;

C_ASSERT(FIELD_OFFSET(WDF_REQUEST_PARAMETERS, Type) == 4);
C_ASSERT(FIELD_OFFSET(WDF_REQUEST_PARAMETERS, Parameters) == 8);
C_ASSERT(sizeof(WDF_REQUEST_PARAMETERS) == 40);

FORCEINLINE VOID WDF_REQUEST_PARAMETERS_INIT(PWDF_REQUEST_PARAMETERS Parameters)
{
    RtlZeroMemory(Parameters, sizeof(WDF_REQUEST_PARAMETERS));
    Parameters->Size = sizeof(WDF_REQUEST_PARAMETERS);
}

/* EvtIoStop's ActionFlags (Microsoft: WDF_REQUEST_STOP_ACTION_FLAGS). */
typedef enum _WDF_REQUEST_STOP_ACTION_FLAGS {
    WdfRequestStopActionInvalid = 0,
    WdfRequestStopActionSuspend = 0x01,
    WdfRequestStopActionPurge = 0x2,
    WdfRequestStopRequestCancelable = 0x10000000,
} WDF_REQUEST_STOP_ACTION_FLAGS;

typedef VOID EVT_WDF_REQUEST_CANCEL(WDFREQUEST Request);
typedef EVT_WDF_REQUEST_CANCEL *PFN_WDF_REQUEST_CANCEL;

/* ---- routines ------------------------------------------------------------------------------ */

typedef VOID (*PFN_WDFREQUESTCOMPLETE)(PWDF_DRIVER_GLOBALS, WDFREQUEST, NTSTATUS);
FORCEINLINE VOID WdfRequestComplete(WDFREQUEST Request, NTSTATUS Status)
{
    ((PFN_WDFREQUESTCOMPLETE)WdfFunctions[WdfRequestCompleteTableIndex])(WdfDriverGlobals, Request,
                                                                         Status);
}

typedef VOID (*PFN_WDFREQUESTCOMPLETEWITHINFORMATION)(PWDF_DRIVER_GLOBALS, WDFREQUEST, NTSTATUS,
                                                      ULONG_PTR);
FORCEINLINE VOID WdfRequestCompleteWithInformation(WDFREQUEST Request, NTSTATUS Status,
                                                   ULONG_PTR Information)
{
    ((PFN_WDFREQUESTCOMPLETEWITHINFORMATION)
         WdfFunctions[WdfRequestCompleteWithInformationTableIndex])(WdfDriverGlobals, Request,
                                                                    Status, Information);
}

typedef VOID (*PFN_WDFREQUESTSETINFORMATION)(PWDF_DRIVER_GLOBALS, WDFREQUEST, ULONG_PTR);
FORCEINLINE VOID WdfRequestSetInformation(WDFREQUEST Request, ULONG_PTR Information)
{
    ((PFN_WDFREQUESTSETINFORMATION)WdfFunctions[WdfRequestSetInformationTableIndex])(
        WdfDriverGlobals, Request, Information);
}

typedef ULONG_PTR (*PFN_WDFREQUESTGETINFORMATION)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE ULONG_PTR WdfRequestGetInformation(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETINFORMATION)WdfFunctions[WdfRequestGetInformationTableIndex])(
        WdfDriverGlobals, Request);
}

typedef VOID (*PFN_WDFREQUESTGETPARAMETERS)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                            PWDF_REQUEST_PARAMETERS);
FORCEINLINE VOID WdfRequestGetParameters(WDFREQUEST Request, PWDF_REQUEST_PARAMETERS Parameters)
{
    ((PFN_WDFREQUESTGETPARAMETERS)WdfFunctions[WdfRequestGetParametersTableIndex])(
        WdfDriverGlobals, Request, Parameters);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEINPUTBUFFER)(PWDF_DRIVER_GLOBALS, WDFREQUEST, size_t,
                                                      PVOID *, size_t *);
FORCEINLINE NTSTATUS WdfRequestRetrieveInputBuffer(WDFREQUEST Request, size_t MinimumRequiredLength,
                                                   PVOID *Buffer, size_t *Length)
{
    return (
        (PFN_WDFREQUESTRETRIEVEINPUTBUFFER)WdfFunctions[WdfRequestRetrieveInputBufferTableIndex])(
        WdfDriverGlobals, Request, MinimumRequiredLength, Buffer, Length);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEOUTPUTBUFFER)(PWDF_DRIVER_GLOBALS, WDFREQUEST, size_t,
                                                       PVOID *, size_t *);
FORCEINLINE NTSTATUS WdfRequestRetrieveOutputBuffer(WDFREQUEST Request, size_t MinimumRequiredSize,
                                                    PVOID *Buffer, size_t *Length)
{
    return (
        (PFN_WDFREQUESTRETRIEVEOUTPUTBUFFER)WdfFunctions[WdfRequestRetrieveOutputBufferTableIndex])(
        WdfDriverGlobals, Request, MinimumRequiredSize, Buffer, Length);
}

typedef PIRP (*PFN_WDFREQUESTWDMGETIRP)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE PIRP WdfRequestWdmGetIrp(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTWDMGETIRP)WdfFunctions[WdfRequestWdmGetIrpTableIndex])(WdfDriverGlobals,
                                                                                  Request);
}

typedef WDFQUEUE (*PFN_WDFREQUESTGETIOQUEUE)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE WDFQUEUE WdfRequestGetIoQueue(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETIOQUEUE)WdfFunctions[WdfRequestGetIoQueueTableIndex])(
        WdfDriverGlobals, Request);
}

/* wsup: the request's buffers as memory objects (src/wdf/memory.c) */
typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEINPUTMEMORY)(PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfRequestRetrieveInputMemory(WDFREQUEST Request, WDFMEMORY *Memory)
{
    return (
        (PFN_WDFREQUESTRETRIEVEINPUTMEMORY)WdfFunctions[WdfRequestRetrieveInputMemoryTableIndex])(
        WdfDriverGlobals, Request, Memory);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEOUTPUTMEMORY)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                       WDFMEMORY *);
FORCEINLINE NTSTATUS WdfRequestRetrieveOutputMemory(WDFREQUEST Request, WDFMEMORY *Memory)
{
    return (
        (PFN_WDFREQUESTRETRIEVEOUTPUTMEMORY)WdfFunctions[WdfRequestRetrieveOutputMemoryTableIndex])(
        WdfDriverGlobals, Request, Memory);
}

typedef NTSTATUS (*PFN_WDFREQUESTGETSTATUS)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE NTSTATUS WdfRequestGetStatus(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETSTATUS)WdfFunctions[WdfRequestGetStatusTableIndex])(WdfDriverGlobals,
                                                                                  Request);
}

typedef VOID (*PFN_WDFREQUESTMARKCANCELABLE)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                             PFN_WDF_REQUEST_CANCEL);
FORCEINLINE VOID WdfRequestMarkCancelable(WDFREQUEST Request,
                                          PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
    ((PFN_WDFREQUESTMARKCANCELABLE)WdfFunctions[WdfRequestMarkCancelableTableIndex])(
        WdfDriverGlobals, Request, EvtRequestCancel);
}

typedef NTSTATUS (*PFN_WDFREQUESTMARKCANCELABLEEX)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                   PFN_WDF_REQUEST_CANCEL);
FORCEINLINE NTSTATUS WdfRequestMarkCancelableEx(WDFREQUEST Request,
                                                PFN_WDF_REQUEST_CANCEL EvtRequestCancel)
{
    return ((PFN_WDFREQUESTMARKCANCELABLEEX)WdfFunctions[WdfRequestMarkCancelableExTableIndex])(
        WdfDriverGlobals, Request, EvtRequestCancel);
}

typedef NTSTATUS (*PFN_WDFREQUESTUNMARKCANCELABLE)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE NTSTATUS WdfRequestUnmarkCancelable(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTUNMARKCANCELABLE)WdfFunctions[WdfRequestUnmarkCancelableTableIndex])(
        WdfDriverGlobals, Request);
}

typedef BOOLEAN (*PFN_WDFREQUESTISCANCELED)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE BOOLEAN WdfRequestIsCanceled(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTISCANCELED)WdfFunctions[WdfRequestIsCanceledTableIndex])(
        WdfDriverGlobals, Request);
}

typedef BOOLEAN (*PFN_WDFREQUESTISFROM32BITPROCESS)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE BOOLEAN WdfRequestIsFrom32BitProcess(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTISFROM32BITPROCESS)WdfFunctions[WdfRequestIsFrom32BitProcessTableIndex])(
        WdfDriverGlobals, Request);
}

typedef BOOLEAN (*PFN_WDFREQUESTISRESERVED)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE BOOLEAN WdfRequestIsReserved(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTISRESERVED)WdfFunctions[WdfRequestIsReservedTableIndex])(
        WdfDriverGlobals, Request);
}

typedef VOID (*PFN_WDFREQUESTCOMPLETEWITHPRIORITYBOOST)(PWDF_DRIVER_GLOBALS, WDFREQUEST, NTSTATUS,
                                                        CCHAR);
FORCEINLINE VOID WdfRequestCompleteWithPriorityBoost(WDFREQUEST Request, NTSTATUS Status,
                                                     CCHAR PriorityBoost)
{
    ((PFN_WDFREQUESTCOMPLETEWITHPRIORITYBOOST)
         WdfFunctions[WdfRequestCompleteWithPriorityBoostTableIndex])(WdfDriverGlobals, Request,
                                                                      Status, PriorityBoost);
}

typedef KPROCESSOR_MODE (*PFN_WDFREQUESTGETREQUESTORMODE)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE KPROCESSOR_MODE WdfRequestGetRequestorMode(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETREQUESTORMODE)WdfFunctions[WdfRequestGetRequestorModeTableIndex])(
        WdfDriverGlobals, Request);
}

typedef NTSTATUS (*PFN_WDFREQUESTFORWARDTOIOQUEUE)(PWDF_DRIVER_GLOBALS, WDFREQUEST, WDFQUEUE);
FORCEINLINE NTSTATUS WdfRequestForwardToIoQueue(WDFREQUEST Request, WDFQUEUE DestinationQueue)
{
    return ((PFN_WDFREQUESTFORWARDTOIOQUEUE)WdfFunctions[WdfRequestForwardToIoQueueTableIndex])(
        WdfDriverGlobals, Request, DestinationQueue);
}

typedef NTSTATUS (*PFN_WDFREQUESTREQUEUE)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE NTSTATUS WdfRequestRequeue(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTREQUEUE)WdfFunctions[WdfRequestRequeueTableIndex])(WdfDriverGlobals,
                                                                              Request);
}

typedef VOID (*PFN_WDFREQUESTSTOPACKNOWLEDGE)(PWDF_DRIVER_GLOBALS, WDFREQUEST, BOOLEAN);
FORCEINLINE VOID WdfRequestStopAcknowledge(WDFREQUEST Request, BOOLEAN Requeue)
{
    ((PFN_WDFREQUESTSTOPACKNOWLEDGE)WdfFunctions[WdfRequestStopAcknowledgeTableIndex])(
        WdfDriverGlobals, Request, Requeue);
}

/* ---- device routines that need the request types (Microsoft declares them in wdfdevice.h,
 * which wdf.h includes before this header) ---------------------------------------------- */

typedef VOID EVT_WDF_IO_IN_CALLER_CONTEXT(WDFDEVICE Device, WDFREQUEST Request);
typedef EVT_WDF_IO_IN_CALLER_CONTEXT *PFN_WDF_IO_IN_CALLER_CONTEXT;

typedef NTSTATUS (*PFN_WDFDEVICECONFIGUREREQUESTDISPATCHING)(PWDF_DRIVER_GLOBALS, WDFDEVICE,
                                                             WDFQUEUE, WDF_REQUEST_TYPE);
FORCEINLINE NTSTATUS WdfDeviceConfigureRequestDispatching(WDFDEVICE Device, WDFQUEUE Queue,
                                                          WDF_REQUEST_TYPE RequestType)
{
    return ((PFN_WDFDEVICECONFIGUREREQUESTDISPATCHING)
                WdfFunctions[WdfDeviceConfigureRequestDispatchingTableIndex])(
        WdfDriverGlobals, Device, Queue, RequestType);
}

typedef VOID (*PFN_WDFDEVICEINITSETIOINCALLERCONTEXTCALLBACK)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                              PFN_WDF_IO_IN_CALLER_CONTEXT);
FORCEINLINE VOID WdfDeviceInitSetIoInCallerContextCallback(
    PWDFDEVICE_INIT DeviceInit, PFN_WDF_IO_IN_CALLER_CONTEXT EvtIoInCallerContext)
{
    ((PFN_WDFDEVICEINITSETIOINCALLERCONTEXTCALLBACK)
         WdfFunctions[WdfDeviceInitSetIoInCallerContextCallbackTableIndex])(
        WdfDriverGlobals, DeviceInit, EvtIoInCallerContext);
}

typedef NTSTATUS (*PFN_WDFDEVICEENQUEUEREQUEST)(PWDF_DRIVER_GLOBALS, WDFDEVICE, WDFREQUEST);
FORCEINLINE NTSTATUS WdfDeviceEnqueueRequest(WDFDEVICE Device, WDFREQUEST Request)
{
    return ((PFN_WDFDEVICEENQUEUEREQUEST)WdfFunctions[WdfDeviceEnqueueRequestTableIndex])(
        WdfDriverGlobals, Device, Request);
}

typedef VOID (*PFN_WDFDEVICEINITSETREQUESTATTRIBUTES)(PWDF_DRIVER_GLOBALS, PWDFDEVICE_INIT,
                                                      PWDF_OBJECT_ATTRIBUTES);
FORCEINLINE VOID WdfDeviceInitSetRequestAttributes(PWDFDEVICE_INIT DeviceInit,
                                                   PWDF_OBJECT_ATTRIBUTES RequestAttributes)
{
    ((PFN_WDFDEVICEINITSETREQUESTATTRIBUTES)
         WdfFunctions[WdfDeviceInitSetRequestAttributesTableIndex])(WdfDriverGlobals, DeviceInit,
                                                                    RequestAttributes);
}

/* ---- file objects and user buffers (docs/wdf.md, "File objects") ---------------------------- */

typedef WDFFILEOBJECT (*PFN_WDFREQUESTGETFILEOBJECT)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE WDFFILEOBJECT WdfRequestGetFileObject(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETFILEOBJECT)WdfFunctions[WdfRequestGetFileObjectTableIndex])(
        WdfDriverGlobals, Request);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEINPUTWDMMDL)(PWDF_DRIVER_GLOBALS, WDFREQUEST, PMDL *);
FORCEINLINE NTSTATUS WdfRequestRetrieveInputWdmMdl(WDFREQUEST Request, PMDL *Mdl)
{
    return (
        (PFN_WDFREQUESTRETRIEVEINPUTWDMMDL)WdfFunctions[WdfRequestRetrieveInputWdmMdlTableIndex])(
        WdfDriverGlobals, Request, Mdl);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEOUTPUTWDMMDL)(PWDF_DRIVER_GLOBALS, WDFREQUEST, PMDL *);
FORCEINLINE NTSTATUS WdfRequestRetrieveOutputWdmMdl(WDFREQUEST Request, PMDL *Mdl)
{
    return (
        (PFN_WDFREQUESTRETRIEVEOUTPUTWDMMDL)WdfFunctions[WdfRequestRetrieveOutputWdmMdlTableIndex])(
        WdfDriverGlobals, Request, Mdl);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEUNSAFEUSERINPUTBUFFER)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                                size_t, PVOID *, size_t *);
FORCEINLINE NTSTATUS WdfRequestRetrieveUnsafeUserInputBuffer(WDFREQUEST Request,
                                                             size_t MinimumRequiredLength,
                                                             PVOID *InputBuffer, size_t *Length)
{
    return ((PFN_WDFREQUESTRETRIEVEUNSAFEUSERINPUTBUFFER)
                WdfFunctions[WdfRequestRetrieveUnsafeUserInputBufferTableIndex])(
        WdfDriverGlobals, Request, MinimumRequiredLength, InputBuffer, Length);
}

typedef NTSTATUS (*PFN_WDFREQUESTRETRIEVEUNSAFEUSEROUTPUTBUFFER)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                                 size_t, PVOID *, size_t *);
FORCEINLINE NTSTATUS WdfRequestRetrieveUnsafeUserOutputBuffer(WDFREQUEST Request,
                                                              size_t MinimumRequiredLength,
                                                              PVOID *OutputBuffer, size_t *Length)
{
    return ((PFN_WDFREQUESTRETRIEVEUNSAFEUSEROUTPUTBUFFER)
                WdfFunctions[WdfRequestRetrieveUnsafeUserOutputBufferTableIndex])(
        WdfDriverGlobals, Request, MinimumRequiredLength, OutputBuffer, Length);
}

typedef NTSTATUS (*PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORREAD)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                                PVOID, size_t, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfRequestProbeAndLockUserBufferForRead(WDFREQUEST Request, PVOID Buffer,
                                                             size_t Length, WDFMEMORY *MemoryObject)
{
    return ((PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORREAD)
                WdfFunctions[WdfRequestProbeAndLockUserBufferForReadTableIndex])(
        WdfDriverGlobals, Request, Buffer, Length, MemoryObject);
}

typedef NTSTATUS (*PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORWRITE)(PWDF_DRIVER_GLOBALS, WDFREQUEST,
                                                                 PVOID, size_t, WDFMEMORY *);
FORCEINLINE NTSTATUS WdfRequestProbeAndLockUserBufferForWrite(WDFREQUEST Request, PVOID Buffer,
                                                              size_t Length,
                                                              WDFMEMORY *MemoryObject)
{
    return ((PFN_WDFREQUESTPROBEANDLOCKUSERBUFFERFORWRITE)
                WdfFunctions[WdfRequestProbeAndLockUserBufferForWriteTableIndex])(
        WdfDriverGlobals, Request, Buffer, Length, MemoryObject);
}

#if KMDF_VERSION_MINOR >= 21 /* Microsoft: minimum KMDF version 1.21 */
typedef ULONG (*PFN_WDFREQUESTGETREQUESTORPROCESSID)(PWDF_DRIVER_GLOBALS, WDFREQUEST);
FORCEINLINE ULONG WdfRequestGetRequestorProcessId(WDFREQUEST Request)
{
    return ((PFN_WDFREQUESTGETREQUESTORPROCESSID)
                WdfFunctions[WdfRequestGetRequestorProcessIdTableIndex])(WdfDriverGlobals, Request);
}
#endif

#endif
