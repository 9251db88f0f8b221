/*
 * wdfiotarget.h - I/O targets: the device's default target (the next lower driver of its
 * stack) and sending a request to it (WdfRequestSend and its options, completion routines).
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

#endif
