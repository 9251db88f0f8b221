/*
 * wdfio.h - framework I/O queues: WDF_IO_QUEUE_CONFIG, the queue callbacks, WdfIoQueueCreate.
 */
#ifndef _WDFIO_H_
#define _WDFIO_H_

typedef enum _WDF_IO_QUEUE_DISPATCH_TYPE {
    WdfIoQueueDispatchInvalid = 0,
    WdfIoQueueDispatchSequential,
    WdfIoQueueDispatchParallel,
    WdfIoQueueDispatchManual,
    WdfIoQueueDispatchMax,
} WDF_IO_QUEUE_DISPATCH_TYPE;

typedef VOID EVT_WDF_IO_QUEUE_IO_DEFAULT(WDFQUEUE Queue, WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_DEFAULT *PFN_WDF_IO_QUEUE_IO_DEFAULT;
typedef VOID EVT_WDF_IO_QUEUE_IO_STOP(WDFQUEUE Queue, WDFREQUEST Request, ULONG ActionFlags);
typedef EVT_WDF_IO_QUEUE_IO_STOP *PFN_WDF_IO_QUEUE_IO_STOP;
typedef VOID EVT_WDF_IO_QUEUE_IO_RESUME(WDFQUEUE Queue, WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_RESUME *PFN_WDF_IO_QUEUE_IO_RESUME;
typedef VOID EVT_WDF_IO_QUEUE_IO_READ(WDFQUEUE Queue, WDFREQUEST Request, size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_READ *PFN_WDF_IO_QUEUE_IO_READ;
typedef VOID EVT_WDF_IO_QUEUE_IO_WRITE(WDFQUEUE Queue, WDFREQUEST Request, size_t Length);
typedef EVT_WDF_IO_QUEUE_IO_WRITE *PFN_WDF_IO_QUEUE_IO_WRITE;
typedef VOID EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL(WDFQUEUE Queue, WDFREQUEST Request,
                                                size_t OutputBufferLength, size_t InputBufferLength,
                                                ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL;
typedef VOID EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL(WDFQUEUE Queue, WDFREQUEST Request,
                                                         size_t OutputBufferLength,
                                                         size_t InputBufferLength,
                                                         ULONG IoControlCode);
typedef EVT_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL *PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL;
typedef VOID EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE(WDFQUEUE Queue, WDFREQUEST Request);
typedef EVT_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE *PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE;
typedef VOID EVT_WDF_IO_QUEUE_STATE(WDFQUEUE Queue, WDFCONTEXT Context);
typedef EVT_WDF_IO_QUEUE_STATE *PFN_WDF_IO_QUEUE_STATE;

/* The role types for a queue's object callbacks (the EvtCleanupCallback and EvtDestroyCallback
 * pages). */
typedef EVT_WDF_OBJECT_CONTEXT_CLEANUP EVT_WDF_IO_QUEUE_CONTEXT_CLEANUP_CALLBACK;
typedef EVT_WDF_OBJECT_CONTEXT_DESTROY EVT_WDF_IO_QUEUE_CONTEXT_DESTROY_CALLBACK;

typedef struct _WDF_IO_QUEUE_CONFIG {
    ULONG Size;
    WDF_IO_QUEUE_DISPATCH_TYPE DispatchType;
    WDF_TRI_STATE PowerManaged;
    BOOLEAN AllowZeroLengthRequests;
    BOOLEAN DefaultQueue;
    PFN_WDF_IO_QUEUE_IO_DEFAULT EvtIoDefault;
    PFN_WDF_IO_QUEUE_IO_READ EvtIoRead;
    PFN_WDF_IO_QUEUE_IO_WRITE EvtIoWrite;
    PFN_WDF_IO_QUEUE_IO_DEVICE_CONTROL EvtIoDeviceControl;
    PFN_WDF_IO_QUEUE_IO_INTERNAL_DEVICE_CONTROL EvtIoInternalDeviceControl;
    PFN_WDF_IO_QUEUE_IO_STOP EvtIoStop;
    PFN_WDF_IO_QUEUE_IO_RESUME EvtIoResume;
    PFN_WDF_IO_QUEUE_IO_CANCELED_ON_QUEUE EvtIoCanceledOnQueue;
    union {
        struct {
            ULONG NumberOfPresentedRequests;
        } Parallel;
    } Settings;
#if KMDF_VERSION_MINOR >= 11
    WDFDRIVER Driver; /* Microsoft: available in KMDF 1.11 and later */
#endif
} WDF_IO_QUEUE_CONFIG, *PWDF_IO_QUEUE_CONFIG;

C_ASSERT(FIELD_OFFSET(WDF_IO_QUEUE_CONFIG, EvtIoDefault) == 16);
C_ASSERT(FIELD_OFFSET(WDF_IO_QUEUE_CONFIG, Settings) == 80);
C_ASSERT(sizeof(WDF_IO_QUEUE_CONFIG) == (KMDF_VERSION_MINOR >= 11 ? 96 : 88));

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT(PWDF_IO_QUEUE_CONFIG Config,
                                          WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    RtlZeroMemory(Config, sizeof(WDF_IO_QUEUE_CONFIG));
    Config->Size = sizeof(WDF_IO_QUEUE_CONFIG);
    Config->PowerManaged = WdfUseDefault;
    Config->DispatchType = DispatchType;
    if (Config->DispatchType == WdfIoQueueDispatchParallel)
        Config->Settings.Parallel.NumberOfPresentedRequests = (ULONG)-1;
}

FORCEINLINE VOID WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(PWDF_IO_QUEUE_CONFIG Config,
                                                        WDF_IO_QUEUE_DISPATCH_TYPE DispatchType)
{
    WDF_IO_QUEUE_CONFIG_INIT(Config, DispatchType);
    Config->DefaultQueue = TRUE;
}

struct _WDF_REQUEST_PARAMETERS;

/* ---- queue states (Microsoft: WDF_IO_QUEUE_STATE, bit masks) --------------------------------- */

typedef enum _WDF_IO_QUEUE_STATE {
    WdfIoQueueAcceptRequests = 0x01,
    WdfIoQueueDispatchRequests = 0x02,
    WdfIoQueueNoRequests = 0x04,
    WdfIoQueueDriverNoRequests = 0x08,
    WdfIoQueuePnpHeld = 0x10,
} WDF_IO_QUEUE_STATE;

/* Idle: nothing in the queue, nothing with the driver. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_IDLE(WDF_IO_QUEUE_STATE State)
{
    return (State & WdfIoQueueNoRequests) && (State & WdfIoQueueDriverNoRequests) ? TRUE : FALSE;
}

/* Ready: accepting and delivering. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_READY(WDF_IO_QUEUE_STATE State)
{
    return (State & WdfIoQueueDispatchRequests) && (State & WdfIoQueueAcceptRequests) ? TRUE
                                                                                      : FALSE;
}

/* Stopped: accepting, not delivering, nothing with the driver. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_STOPPED(WDF_IO_QUEUE_STATE State)
{
    return !(State & WdfIoQueueDispatchRequests) && (State & WdfIoQueueAcceptRequests) &&
                   (State & WdfIoQueueDriverNoRequests)
               ? TRUE
               : FALSE;
}

/* Drained: not accepting, everything that was queued delivered and completed. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_DRAINED(WDF_IO_QUEUE_STATE State)
{
    return !(State & WdfIoQueueAcceptRequests) && (State & WdfIoQueueDispatchRequests) &&
                   (State & WdfIoQueueNoRequests) && (State & WdfIoQueueDriverNoRequests)
               ? TRUE
               : FALSE;
}

/* Purged: not accepting, nothing queued, nothing with the driver. */
FORCEINLINE BOOLEAN WDF_IO_QUEUE_PURGED(WDF_IO_QUEUE_STATE State)
{
    return !(State & WdfIoQueueAcceptRequests) && (State & WdfIoQueueNoRequests) &&
                   (State & WdfIoQueueDriverNoRequests)
               ? TRUE
               : FALSE;
}

/* ---- routines ------------------------------------------------------------------------------ */

typedef NTSTATUS (*PFN_WDFIOQUEUECREATE)(PWDF_DRIVER_GLOBALS, WDFDEVICE, PWDF_IO_QUEUE_CONFIG,
                                         PWDF_OBJECT_ATTRIBUTES, WDFQUEUE *);
FORCEINLINE NTSTATUS WdfIoQueueCreate(WDFDEVICE Device, PWDF_IO_QUEUE_CONFIG Config,
                                      PWDF_OBJECT_ATTRIBUTES QueueAttributes, WDFQUEUE *Queue)
{
    return ((PFN_WDFIOQUEUECREATE)WdfFunctions[WdfIoQueueCreateTableIndex])(
        WdfDriverGlobals, Device, Config, QueueAttributes, Queue);
}

typedef WDFDEVICE (*PFN_WDFIOQUEUEGETDEVICE)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE WDFDEVICE WdfIoQueueGetDevice(WDFQUEUE Queue)
{
    return ((PFN_WDFIOQUEUEGETDEVICE)WdfFunctions[WdfIoQueueGetDeviceTableIndex])(WdfDriverGlobals,
                                                                                  Queue);
}

typedef WDF_IO_QUEUE_STATE (*PFN_WDFIOQUEUEGETSTATE)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PULONG, PULONG);
FORCEINLINE WDF_IO_QUEUE_STATE WdfIoQueueGetState(WDFQUEUE Queue, PULONG QueueRequests,
                                                  PULONG DriverRequests)
{
    return ((PFN_WDFIOQUEUEGETSTATE)WdfFunctions[WdfIoQueueGetStateTableIndex])(
        WdfDriverGlobals, Queue, QueueRequests, DriverRequests);
}

typedef VOID (*PFN_WDFIOQUEUESTART)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE VOID WdfIoQueueStart(WDFQUEUE Queue)
{
    ((PFN_WDFIOQUEUESTART)WdfFunctions[WdfIoQueueStartTableIndex])(WdfDriverGlobals, Queue);
}

typedef VOID (*PFN_WDFIOQUEUESTOP)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                   WDFCONTEXT);
FORCEINLINE VOID WdfIoQueueStop(WDFQUEUE Queue, PFN_WDF_IO_QUEUE_STATE StopComplete,
                                WDFCONTEXT Context)
{
    ((PFN_WDFIOQUEUESTOP)WdfFunctions[WdfIoQueueStopTableIndex])(WdfDriverGlobals, Queue,
                                                                 StopComplete, Context);
}

typedef VOID (*PFN_WDFIOQUEUESTOPSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE VOID WdfIoQueueStopSynchronously(WDFQUEUE Queue)
{
    ((PFN_WDFIOQUEUESTOPSYNCHRONOUSLY)WdfFunctions[WdfIoQueueStopSynchronouslyTableIndex])(
        WdfDriverGlobals, Queue);
}

typedef NTSTATUS (*PFN_WDFIOQUEUERETRIEVENEXTREQUEST)(PWDF_DRIVER_GLOBALS, WDFQUEUE, WDFREQUEST *);
FORCEINLINE NTSTATUS WdfIoQueueRetrieveNextRequest(WDFQUEUE Queue, WDFREQUEST *OutRequest)
{
    return (
        (PFN_WDFIOQUEUERETRIEVENEXTREQUEST)WdfFunctions[WdfIoQueueRetrieveNextRequestTableIndex])(
        WdfDriverGlobals, Queue, OutRequest);
}

typedef NTSTATUS (*PFN_WDFIOQUEUERETRIEVEREQUESTBYFILEOBJECT)(PWDF_DRIVER_GLOBALS, WDFQUEUE,
                                                              WDFFILEOBJECT, WDFREQUEST *);
FORCEINLINE NTSTATUS WdfIoQueueRetrieveRequestByFileObject(WDFQUEUE Queue, WDFFILEOBJECT FileObject,
                                                           WDFREQUEST *OutRequest)
{
    return ((PFN_WDFIOQUEUERETRIEVEREQUESTBYFILEOBJECT)
                WdfFunctions[WdfIoQueueRetrieveRequestByFileObjectTableIndex])(
        WdfDriverGlobals, Queue, FileObject, OutRequest);
}

typedef NTSTATUS (*PFN_WDFIOQUEUEFINDREQUEST)(PWDF_DRIVER_GLOBALS, WDFQUEUE, WDFREQUEST,
                                              WDFFILEOBJECT, struct _WDF_REQUEST_PARAMETERS *,
                                              WDFREQUEST *);
FORCEINLINE NTSTATUS WdfIoQueueFindRequest(WDFQUEUE Queue, WDFREQUEST FoundRequest,
                                           WDFFILEOBJECT FileObject,
                                           struct _WDF_REQUEST_PARAMETERS *Parameters,
                                           WDFREQUEST *OutRequest)
{
    return ((PFN_WDFIOQUEUEFINDREQUEST)WdfFunctions[WdfIoQueueFindRequestTableIndex])(
        WdfDriverGlobals, Queue, FoundRequest, FileObject, Parameters, OutRequest);
}

typedef NTSTATUS (*PFN_WDFIOQUEUERETRIEVEFOUNDREQUEST)(PWDF_DRIVER_GLOBALS, WDFQUEUE, WDFREQUEST,
                                                       WDFREQUEST *);
FORCEINLINE NTSTATUS WdfIoQueueRetrieveFoundRequest(WDFQUEUE Queue, WDFREQUEST FoundRequest,
                                                    WDFREQUEST *OutRequest)
{
    return (
        (PFN_WDFIOQUEUERETRIEVEFOUNDREQUEST)WdfFunctions[WdfIoQueueRetrieveFoundRequestTableIndex])(
        WdfDriverGlobals, Queue, FoundRequest, OutRequest);
}

typedef VOID (*PFN_WDFIOQUEUEDRAINSYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE VOID WdfIoQueueDrainSynchronously(WDFQUEUE Queue)
{
    ((PFN_WDFIOQUEUEDRAINSYNCHRONOUSLY)WdfFunctions[WdfIoQueueDrainSynchronouslyTableIndex])(
        WdfDriverGlobals, Queue);
}

typedef VOID (*PFN_WDFIOQUEUEDRAIN)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                    WDFCONTEXT);
FORCEINLINE VOID WdfIoQueueDrain(WDFQUEUE Queue, PFN_WDF_IO_QUEUE_STATE DrainComplete,
                                 WDFCONTEXT Context)
{
    ((PFN_WDFIOQUEUEDRAIN)WdfFunctions[WdfIoQueueDrainTableIndex])(WdfDriverGlobals, Queue,
                                                                   DrainComplete, Context);
}

typedef VOID (*PFN_WDFIOQUEUEPURGESYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE VOID WdfIoQueuePurgeSynchronously(WDFQUEUE Queue)
{
    ((PFN_WDFIOQUEUEPURGESYNCHRONOUSLY)WdfFunctions[WdfIoQueuePurgeSynchronouslyTableIndex])(
        WdfDriverGlobals, Queue);
}

typedef VOID (*PFN_WDFIOQUEUEPURGE)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                    WDFCONTEXT);
FORCEINLINE VOID WdfIoQueuePurge(WDFQUEUE Queue, PFN_WDF_IO_QUEUE_STATE PurgeComplete,
                                 WDFCONTEXT Context)
{
    ((PFN_WDFIOQUEUEPURGE)WdfFunctions[WdfIoQueuePurgeTableIndex])(WdfDriverGlobals, Queue,
                                                                   PurgeComplete, Context);
}

typedef NTSTATUS (*PFN_WDFIOQUEUEREADYNOTIFY)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                              WDFCONTEXT);
FORCEINLINE NTSTATUS WdfIoQueueReadyNotify(WDFQUEUE Queue, PFN_WDF_IO_QUEUE_STATE QueueReady,
                                           WDFCONTEXT Context)
{
    return ((PFN_WDFIOQUEUEREADYNOTIFY)WdfFunctions[WdfIoQueueReadyNotifyTableIndex])(
        WdfDriverGlobals, Queue, QueueReady, Context);
}

#if KMDF_VERSION_MINOR >= 11 /* Microsoft: minimum KMDF version 1.11 */
typedef VOID (*PFN_WDFIOQUEUESTOPANDPURGE)(PWDF_DRIVER_GLOBALS, WDFQUEUE, PFN_WDF_IO_QUEUE_STATE,
                                           WDFCONTEXT);
FORCEINLINE VOID WdfIoQueueStopAndPurge(WDFQUEUE Queue, PFN_WDF_IO_QUEUE_STATE StopAndPurgeComplete,
                                        WDFCONTEXT Context)
{
    ((PFN_WDFIOQUEUESTOPANDPURGE)WdfFunctions[WdfIoQueueStopAndPurgeTableIndex])(
        WdfDriverGlobals, Queue, StopAndPurgeComplete, Context);
}

typedef VOID (*PFN_WDFIOQUEUESTOPANDPURGESYNCHRONOUSLY)(PWDF_DRIVER_GLOBALS, WDFQUEUE);
FORCEINLINE VOID WdfIoQueueStopAndPurgeSynchronously(WDFQUEUE Queue)
{
    ((PFN_WDFIOQUEUESTOPANDPURGESYNCHRONOUSLY)
         WdfFunctions[WdfIoQueueStopAndPurgeSynchronouslyTableIndex])(WdfDriverGlobals, Queue);
}
#endif

/* ---- wdevb: guaranteed forward progress (KMDF 1.9; src/wdf/forward_progress.c) ---------- */

typedef enum _WDF_IO_FORWARD_PROGRESS_ACTION {
    WdfIoForwardProgressActionInvalid = 0x0,
    WdfIoForwardProgressActionFailRequest,
    WdfIoForwardProgressActionUseReservedRequest
} WDF_IO_FORWARD_PROGRESS_ACTION;

typedef enum _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY {
    WdfIoForwardProgressInvalidPolicy = 0x0,
    WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest,
    WdfIoForwardProgressReservedPolicyUseExamine,
    WdfIoForwardProgressReservedPolicyPagingIO
} WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY;

typedef NTSTATUS EVT_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST(WDFQUEUE Queue,
                                                                    WDFREQUEST Request);
typedef EVT_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST
    *PFN_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST;
typedef NTSTATUS EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES(WDFQUEUE Queue, WDFREQUEST Request);
typedef EVT_WDF_IO_ALLOCATE_REQUEST_RESOURCES *PFN_WDF_IO_ALLOCATE_REQUEST_RESOURCES;
typedef WDF_IO_FORWARD_PROGRESS_ACTION EVT_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS(WDFQUEUE Queue,
                                                                               PIRP Irp);
typedef EVT_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS *PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS;

typedef struct _WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS {
    union {
        struct {
            PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS EvtIoWdmIrpForForwardProgress;
        } ExaminePolicy;
    } Policy;
} WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS;

typedef struct _WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY {
    ULONG Size;
    ULONG TotalForwardProgressRequests;
    WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY ForwardProgressReservedPolicy;
    WDF_IO_FORWARD_PROGRESS_RESERVED_POLICY_SETTINGS ForwardProgressReservePolicySettings;
    PFN_WDF_IO_ALLOCATE_RESOURCES_FOR_RESERVED_REQUEST EvtIoAllocateResourcesForReservedRequest;
    PFN_WDF_IO_ALLOCATE_REQUEST_RESOURCES EvtIoAllocateRequestResources;
} WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY, *PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY;
C_ASSERT(sizeof(WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY) == 40);

FORCEINLINE VOID WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_DEFAULT_INIT(
    PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY Policy, ULONG TotalForwardProgressRequests)
{
    RtlZeroMemory(Policy, sizeof(*Policy));
    Policy->Size = sizeof(*Policy);
    Policy->TotalForwardProgressRequests = TotalForwardProgressRequests;
    Policy->ForwardProgressReservedPolicy =
        WdfIoForwardProgressReservedPolicyAlwaysUseReservedRequest;
}

FORCEINLINE VOID WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_EXAMINE_INIT(
    PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY Policy, ULONG TotalForwardProgressRequests,
    PFN_WDF_IO_WDM_IRP_FOR_FORWARD_PROGRESS EvtIoWdmIrpForForwardProgress)
{
    RtlZeroMemory(Policy, sizeof(*Policy));
    Policy->Size = sizeof(*Policy);
    Policy->TotalForwardProgressRequests = TotalForwardProgressRequests;
    Policy->ForwardProgressReservedPolicy = WdfIoForwardProgressReservedPolicyUseExamine;
    Policy->ForwardProgressReservePolicySettings.Policy.ExaminePolicy
        .EvtIoWdmIrpForForwardProgress = EvtIoWdmIrpForForwardProgress;
}

/* The reference page says this sets the policy to UseExamine; the routine is the paging I/O
 * one (its name, WdfIoForwardProgressReservedPolicyPagingIO): PagingIO (docs/wdf.md). */
FORCEINLINE VOID WDF_IO_QUEUE_FORWARD_PROGRESS_POLICY_PAGINGIO_INIT(
    PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY Policy, ULONG TotalForwardProgressRequests)
{
    RtlZeroMemory(Policy, sizeof(*Policy));
    Policy->Size = sizeof(*Policy);
    Policy->TotalForwardProgressRequests = TotalForwardProgressRequests;
    Policy->ForwardProgressReservedPolicy = WdfIoForwardProgressReservedPolicyPagingIO;
}

typedef NTSTATUS (*PFN_WDFIOQUEUEASSIGNFORWARDPROGRESSPOLICY)(
    PWDF_DRIVER_GLOBALS, WDFQUEUE, PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY);
FORCEINLINE NTSTATUS WdfIoQueueAssignForwardProgressPolicy(
    WDFQUEUE Queue, PWDF_IO_QUEUE_FORWARD_PROGRESS_POLICY ForwardProgressPolicy)
{
    return ((PFN_WDFIOQUEUEASSIGNFORWARDPROGRESSPOLICY)
                WdfFunctions[WdfIoQueueAssignForwardProgressPolicyTableIndex])(
        WdfDriverGlobals, Queue, ForwardProgressPolicy);
}

#endif
