/*
 * SPBCx.h - the simple peripheral bus framework extension (SpbCx) client interface: what an SPB
 * (I2C, SPI) controller driver configures and the callbacks SpbCx calls (Microsoft's names,
 * types, layouts, enum values and *_INIT helpers, as the spbcx reference and the SpbCx object
 * handle page document them). The transfer direction comes from spb.h.
 *
 * In the WDK the Spb* routines reach SpbCx through its function table (bound by
 * WdfVersionBindClass); drvhost's SpbCx is part of its framework (src/wdf/spbcx.c) and the
 * routines are exported by the runtime under their names (docs/wdf.md, "SPB controllers").
 *
 * SPB_REQUEST_PARAMETERS: its layout is on a retired reference page ("previous versions",
 * hh406209), which SPB_REQUEST_PARAMETERS_INIT's current page links to.
 */
#ifndef _SPBCX_H_
#define _SPBCX_H_

#include <wdf.h>
#include <spb.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An SPB request (derived from WDFREQUEST: WdfRequest* methods accept it) and a connection to a
 * target device on the bus. */
DECLARE_HANDLE(SPBREQUEST);
DECLARE_HANDLE(SPBTARGET);

typedef enum _SPB_REQUEST_TYPE {
    SpbRequestTypeUndefined = 0,
    SpbRequestTypeRead,
    SpbRequestTypeWrite,
    SpbRequestTypeSequence,
    SpbRequestTypeLockController,
    SpbRequestTypeUnlockController,
    SpbRequestTypeLockConnection,
    SpbRequestTypeUnlockConnection,
    SpbRequestTypeOther,
    SpbRequestTypeMax
} SPB_REQUEST_TYPE;

typedef enum _SPB_REQUEST_SEQUENCE_POSITION {
    SpbRequestSequencePositionInvalid = 0,
    SpbRequestSequencePositionSingle,
    SpbRequestSequencePositionFirst,
    SpbRequestSequencePositionContinue,
    SpbRequestSequencePositionLast,
    SpbRequestSequencePositionMax
} SPB_REQUEST_SEQUENCE_POSITION;

typedef NTSTATUS EVT_SPB_TARGET_CONNECT(WDFDEVICE Controller, SPBTARGET Target);
typedef EVT_SPB_TARGET_CONNECT *PFN_SPB_TARGET_CONNECT;
typedef VOID EVT_SPB_TARGET_DISCONNECT(WDFDEVICE Controller, SPBTARGET Target);
typedef EVT_SPB_TARGET_DISCONNECT *PFN_SPB_TARGET_DISCONNECT;
typedef VOID EVT_SPB_CONTROLLER_LOCK(WDFDEVICE Controller, SPBTARGET Target,
                                     SPBREQUEST LockRequest);
typedef EVT_SPB_CONTROLLER_LOCK *PFN_SPB_CONTROLLER_LOCK;
typedef VOID EVT_SPB_CONTROLLER_UNLOCK(WDFDEVICE Controller, SPBTARGET Target,
                                       SPBREQUEST UnlockRequest);
typedef EVT_SPB_CONTROLLER_UNLOCK *PFN_SPB_CONTROLLER_UNLOCK;
typedef VOID EVT_SPB_CONTROLLER_READ(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                                     size_t Length);
typedef EVT_SPB_CONTROLLER_READ *PFN_SPB_CONTROLLER_READ;
typedef VOID EVT_SPB_CONTROLLER_WRITE(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                                      size_t Length);
typedef EVT_SPB_CONTROLLER_WRITE *PFN_SPB_CONTROLLER_WRITE;
typedef VOID EVT_SPB_CONTROLLER_SEQUENCE(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                                         ULONG TransferCount);
typedef EVT_SPB_CONTROLLER_SEQUENCE *PFN_SPB_CONTROLLER_SEQUENCE;
typedef VOID EVT_SPB_CONTROLLER_OTHER(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                                      size_t OutputBufferLength, size_t InputBufferLength,
                                      ULONG IoControlCode);
typedef EVT_SPB_CONTROLLER_OTHER *PFN_SPB_CONTROLLER_OTHER;
/* SpbControllerSetIoOtherCallback's parameter type (the reference spells it _IO_OTHER). */
typedef EVT_SPB_CONTROLLER_OTHER *PFN_SPB_CONTROLLER_IO_OTHER;

/* SpbDeviceInitialize's configuration: Size versions it; the read, write and sequence callbacks
 * are required, the others may be NULL. */
typedef struct _SPB_CONTROLLER_CONFIG {
    ULONG Size;
    WDF_IO_QUEUE_DISPATCH_TYPE ControllerDispatchType; /* sequential or parallel, never manual */
    WDF_TRI_STATE PowerManaged;
    PFN_SPB_TARGET_CONNECT EvtSpbTargetConnect;
    PFN_SPB_TARGET_DISCONNECT EvtSpbTargetDisconnect;
    PFN_SPB_CONTROLLER_LOCK EvtSpbControllerLock;
    PFN_SPB_CONTROLLER_UNLOCK EvtSpbControllerUnlock;
    PFN_SPB_CONTROLLER_READ EvtSpbIoRead;
    PFN_SPB_CONTROLLER_WRITE EvtSpbIoWrite;
    PFN_SPB_CONTROLLER_SEQUENCE EvtSpbIoSequence;
} SPB_CONTROLLER_CONFIG, *PSPB_CONTROLLER_CONFIG;

typedef struct SPB_CONNECTION_PARAMETERS {
    USHORT Size;
    PCWSTR ConnectionTag;
    PVOID ConnectionParameters;
} SPB_CONNECTION_PARAMETERS, *PSPB_CONNECTION_PARAMETERS;

typedef struct _SPB_TRANSFER_DESCRIPTOR {
    USHORT Size;
    SPB_TRANSFER_DIRECTION Direction;
    size_t TransferLength;
    ULONG DelayInUs; /* before this transfer starts */
} SPB_TRANSFER_DESCRIPTOR, *PSPB_TRANSFER_DESCRIPTOR;

/* What SpbRequestGetParameters writes (Size tells it the caller's version). */
typedef struct _SPB_REQUEST_PARAMETERS {
    USHORT Size;
    SPB_REQUEST_TYPE Type;
    SPB_REQUEST_SEQUENCE_POSITION Position;
    SPB_TRANSFER_DIRECTION PreviousTransferDirection;
    size_t Length;               /* bytes to transfer (a sequence: all its transfers) */
    ULONG SequenceTransferCount; /* transfers of an IOCTL_SPB_EXECUTE_SEQUENCE request */
} SPB_REQUEST_PARAMETERS, *PSPB_REQUEST_PARAMETERS;

/* Documented defaults: a sequential queue, power management left to the framework. */
FORCEINLINE VOID SPB_CONTROLLER_CONFIG_INIT(PSPB_CONTROLLER_CONFIG Config)
{
    RtlZeroMemory(Config, sizeof(*Config));
    Config->Size = sizeof(*Config);
    Config->ControllerDispatchType = WdfIoQueueDispatchSequential;
    Config->PowerManaged = WdfUseDefault;
}

FORCEINLINE VOID SPB_CONNECTION_PARAMETERS_INIT(PSPB_CONNECTION_PARAMETERS Parameters)
{
    RtlZeroMemory(Parameters, sizeof(*Parameters));
    Parameters->Size = sizeof(*Parameters);
}

FORCEINLINE VOID SPB_TRANSFER_DESCRIPTOR_INIT(PSPB_TRANSFER_DESCRIPTOR Descriptor)
{
    RtlZeroMemory(Descriptor, sizeof(*Descriptor));
    Descriptor->Size = sizeof(*Descriptor);
}

/* Before SpbRequestGetParameters, as its page requires. */
FORCEINLINE VOID SPB_REQUEST_PARAMETERS_INIT(PSPB_REQUEST_PARAMETERS Parameters)
{
    RtlZeroMemory(Parameters, sizeof(*Parameters));
    Parameters->Size = sizeof(*Parameters);
}

/* SpbCx's routines (src/wdf/spbcx.c). */
#define SPBCXAPI __attribute__((visibility("default")))
SPBCXAPI NTSTATUS SpbDeviceInitConfig(PWDFDEVICE_INIT DeviceInit);
SPBCXAPI NTSTATUS SpbDeviceInitialize(WDFDEVICE FxDevice, PSPB_CONTROLLER_CONFIG Config);
SPBCXAPI VOID SpbControllerSetIoOtherCallback(WDFDEVICE FxDevice,
                                              PFN_SPB_CONTROLLER_IO_OTHER EvtSpbControllerIoOther,
                                              PFN_WDF_IO_IN_CALLER_CONTEXT EvtIoInCallerContext);
SPBCXAPI VOID SpbControllerSetRequestAttributes(WDFDEVICE FxDevice,
                                                PWDF_OBJECT_ATTRIBUTES RequestAttributes);
SPBCXAPI VOID SpbControllerSetTargetAttributes(WDFDEVICE FxDevice,
                                               PWDF_OBJECT_ATTRIBUTES ObjectAttributes);
SPBCXAPI NTSTATUS SpbRequestCaptureIoOtherTransferList(SPBREQUEST SpbRequest);
SPBCXAPI VOID SpbRequestComplete(SPBREQUEST Request, NTSTATUS CompletionStatus);
SPBCXAPI WDFDEVICE SpbRequestGetController(SPBREQUEST SpbRequest);
SPBCXAPI VOID SpbRequestGetParameters(SPBREQUEST SpbRequest, SPB_REQUEST_PARAMETERS *Parameters);
SPBCXAPI SPBTARGET SpbRequestGetTarget(SPBREQUEST SpbRequest);
SPBCXAPI VOID SpbRequestGetTransferParameters(SPBREQUEST SpbRequest, ULONG Index,
                                              SPB_TRANSFER_DESCRIPTOR *TransferDescriptor,
                                              PMDL *TransferBuffer);
SPBCXAPI VOID SpbTargetGetConnectionParameters(SPBTARGET Target,
                                               SPB_CONNECTION_PARAMETERS *ConnectionParameters);
SPBCXAPI WDFFILEOBJECT SpbTargetGetFileObject(SPBTARGET Target);

#ifdef __cplusplus
}
#endif

#endif /* _SPBCX_H_ */
