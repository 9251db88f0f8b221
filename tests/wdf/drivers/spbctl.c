/*
 * spbctl.c - an I2C controller driver over SpbCx for test_wdf_spb.c (installed from
 * spbctl.inf). Its "bus" is memory: each target (by the I2C address of its connection
 * descriptor) has 256 registers and a register pointer; a write's first byte sets the pointer
 * and the rest are stored from there, a read returns bytes from the pointer on. A target at
 * SPBCTL_WIDE_FIRST..SPBCTL_WIDE_LAST takes a two-byte pointer instead, low byte first (as a
 * device with 16-bit register addresses does; its registers are still 256, so the pointer
 * counts modulo 256 and its high byte selects nothing). It records what
 * SpbCx gives it (the SPB parameters of each request, the connection, the contexts), which the
 * test reads with IOCTL_SPBCTL_STATS (an IOCTL SpbCx passes to EvtSpbControllerIoOther).
 * Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>
#include <reshub.h>
#include <SPBCx.h>

#include "spbctl.h"

#define BANKS 4

typedef struct _TARGET_CONTEXT {
    ULONG Address;
} TARGET_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(TARGET_CONTEXT, GetTargetContext)

typedef struct _REQUEST_CONTEXT {
    ULONG Seen;
} REQUEST_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(REQUEST_CONTEXT, GetRequestContext)

typedef struct _CONTROLLER_CONTEXT {
    UCHAR Registers[BANKS][256];
    USHORT Pointer[BANKS];
    SPBCTL_STATS Stats;
} CONTROLLER_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CONTROLLER_CONTEXT, GetControllerContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD OnDeviceAdd;
static EVT_SPB_TARGET_CONNECT OnConnect;
static EVT_SPB_TARGET_DISCONNECT OnDisconnect;
static EVT_SPB_CONTROLLER_READ OnRead;
static EVT_SPB_CONTROLLER_WRITE OnWrite;
static EVT_SPB_CONTROLLER_SEQUENCE OnSequence;
static EVT_SPB_CONTROLLER_LOCK OnLock;
static EVT_SPB_CONTROLLER_UNLOCK OnUnlock;
static EVT_SPB_CONTROLLER_OTHER OnOther;
static EVT_WDF_IO_IN_CALLER_CONTEXT OnInCallerContext;

/* The I2C address in an I2cSerialBus connection descriptor (after the common header: the
 * connection speed, a ULONG, then the address, a USHORT); MAXULONG if it is not one. */
static ULONG I2cAddress(SPBTARGET Target)
{
    SPB_CONNECTION_PARAMETERS p;
    PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER c;
    PPNP_SERIAL_BUS_DESCRIPTOR d;
    USHORT address;
    SPB_CONNECTION_PARAMETERS_INIT(&p);
    SpbTargetGetConnectionParameters(Target, &p);
    c = (PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER)p.ConnectionParameters;
    if (c == NULL || c->PropertiesLength < sizeof(PNP_SERIAL_BUS_DESCRIPTOR) + 6)
        return MAXULONG;
    d = (PPNP_SERIAL_BUS_DESCRIPTOR)c->ConnectionProperties;
    if (d->Tag != SERIAL_BUS_DESCRIPTOR || d->SerialBusType != SERIAL_BUS_I2C_DESCRIPTOR_TYPE)
        return MAXULONG;
    RtlCopyMemory(&address, c->ConnectionProperties + sizeof(PNP_SERIAL_BUS_DESCRIPTOR) + 4,
                  sizeof(address));
    return address;
}

static NTSTATUS OnConnect(WDFDEVICE Controller, SPBTARGET Target)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Controller);
    ULONG address = I2cAddress(Target);
    if (address == MAXULONG || SpbTargetGetFileObject(Target) == NULL)
        c->Stats.Mismatches++;
    if (address == SPBCTL_REFUSED_ADDRESS) {
        c->Stats.Refused++;
        return SPBCTL_REFUSED_STATUS;
    }
    GetTargetContext(Target)->Address = address;
    c->Stats.Connects++;
    return STATUS_SUCCESS;
}

static VOID OnDisconnect(WDFDEVICE Controller, SPBTARGET Target)
{
    UNREFERENCED_PARAMETER(Target);
    GetControllerContext(Controller)->Stats.Disconnects++;
}

/* What SpbCx says of the request, and whether its handles agree. */
static VOID Record(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Controller);
    SPB_REQUEST_PARAMETERS p;
    SPB_REQUEST_PARAMETERS_INIT(&p);
    SpbRequestGetParameters(Request, &p);
    if (SpbRequestGetController(Request) != Controller || SpbRequestGetTarget(Request) != Target ||
        SpbTargetGetFileObject(Target) != WdfRequestGetFileObject((WDFREQUEST)Request))
        c->Stats.Mismatches++;
    if (GetRequestContext(Request) == NULL)
        c->Stats.NoRequestContext++;
    c->Stats.Type = p.Type;
    c->Stats.Position = p.Position;
    c->Stats.Previous = p.PreviousTransferDirection;
    c->Stats.Count = p.SequenceTransferCount;
    c->Stats.Length = (ULONG)p.Length;
    c->Stats.Address = GetTargetContext(Target)->Address;
    if (c->Stats.HistoryCount < SPBCTL_HISTORY)
        c->Stats.History[c->Stats.HistoryCount++] =
            SPBCTL_ENTRY(p.Type, p.Position, p.PreviousTransferDirection);
}

static BOOLEAN IsWide(ULONG Address)
{
    return Address >= SPBCTL_WIDE_FIRST && Address <= SPBCTL_WIDE_LAST;
}

/* One transfer of the request on the memory bus; returns the bytes moved. */
static size_t Move(CONTROLLER_CONTEXT *c, ULONG Address, SPBREQUEST Request, ULONG Index)
{
    SPB_TRANSFER_DESCRIPTOR d;
    PMDL mdl = NULL;
    size_t moved = 0;
    ULONG bank = Address % BANKS;
    size_t pointerBytes = IsWide(Address) ? 2 : 1;
    USHORT *pointer = &c->Pointer[bank];
    SPB_TRANSFER_DESCRIPTOR_INIT(&d);
    SpbRequestGetTransferParameters(Request, Index, &d, &mdl);
    for (; mdl != NULL; mdl = mdl->Next) {
        PUCHAR p = (PUCHAR)MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
        ULONG i, n = MmGetMdlByteCount(mdl);
        for (i = 0; p != NULL && i < n; i++, moved++) {
            if (d.Direction == SpbTransferDirectionFromDevice)
                p[i] = c->Registers[bank][(*pointer)++ % 256];
            else if (moved == 0)
                *pointer = p[i];
            else if (moved < pointerBytes)
                *pointer |= (USHORT)(p[i] << 8);
            else
                c->Registers[bank][(*pointer)++ % 256] = p[i];
        }
    }
    return moved == d.TransferLength ? moved : 0;
}

static VOID Transfer(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request, ULONG Count)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Controller);
    size_t total = 0;
    ULONG i;
    Record(Controller, Target, Request);
    c->Stats.TransferCalls++;
    for (i = 0; i < Count; i++)
        total += Move(c, GetTargetContext(Target)->Address, Request, i);
    WdfRequestSetInformation((WDFREQUEST)Request, total);
    SpbRequestComplete(Request, STATUS_SUCCESS);
}

static VOID OnRead(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Length);
    Transfer(Controller, Target, Request, 1);
}

static VOID OnWrite(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request, size_t Length)
{
    UNREFERENCED_PARAMETER(Length);
    Transfer(Controller, Target, Request, 1);
}

static VOID OnSequence(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                       ULONG TransferCount)
{
    Transfer(Controller, Target, Request, TransferCount);
}

/* The target at SPBCTL_BUSY_ADDRESS cannot be locked (the controller says it is busy). */
static VOID OnLock(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST LockRequest)
{
    Record(Controller, Target, LockRequest);
    SpbRequestComplete(LockRequest, GetTargetContext(Target)->Address == SPBCTL_BUSY_ADDRESS
                                        ? STATUS_DEVICE_BUSY
                                        : STATUS_SUCCESS);
}

static VOID OnUnlock(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST UnlockRequest)
{
    Record(Controller, Target, UnlockRequest);
    SpbRequestComplete(UnlockRequest, STATUS_SUCCESS);
}

/* Full duplex on the memory bus: transfer 1 (from the device) receives transfer 0's bytes
 * (to the device) in reverse order. */
static NTSTATUS Duplex(SPBREQUEST Request, size_t *Information)
{
    SPB_TRANSFER_DESCRIPTOR w, r;
    PMDL wm = NULL, rm = NULL;
    PUCHAR wp, rp;
    size_t i;
    SPB_TRANSFER_DESCRIPTOR_INIT(&w);
    SPB_TRANSFER_DESCRIPTOR_INIT(&r);
    SpbRequestGetTransferParameters(Request, 0, &w, &wm);
    SpbRequestGetTransferParameters(Request, 1, &r, &rm);
    if (w.Direction != SpbTransferDirectionToDevice ||
        r.Direction != SpbTransferDirectionFromDevice || w.TransferLength != r.TransferLength)
        return STATUS_INVALID_PARAMETER;
    wp = (PUCHAR)MmGetSystemAddressForMdlSafe(wm, NormalPagePriority);
    rp = (PUCHAR)MmGetSystemAddressForMdlSafe(rm, NormalPagePriority);
    for (i = 0; i < w.TransferLength; i++)
        rp[i] = wp[w.TransferLength - 1 - i];
    *Information = w.TransferLength + r.TransferLength;
    return STATUS_SUCCESS;
}

static VOID OnOther(WDFDEVICE Controller, SPBTARGET Target, SPBREQUEST Request,
                    size_t OutputBufferLength, size_t InputBufferLength, ULONG IoControlCode)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Controller);
    NTSTATUS status = STATUS_SUCCESS;
    size_t information = 0;
    PVOID out;
    SPB_TRANSFER_DESCRIPTOR d;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    switch (IoControlCode) {
    case IOCTL_SPBCTL_STATS: /* Address: the asking target's */
        c->Stats.Address = GetTargetContext(Target)->Address;
        status =
            WdfRequestRetrieveOutputBuffer((WDFREQUEST)Request, sizeof(SPBCTL_STATS), &out, NULL);
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(out, &c->Stats, sizeof(SPBCTL_STATS));
            information = sizeof(SPBCTL_STATS);
        }
        break;
    case IOCTL_SPBCTL_RESET:
        c->Stats.HistoryCount = 0;
        break;
    case IOCTL_SPBCTL_DUPLEX:
        Record(Controller, Target, Request);
        c->Stats.TransferCalls++;
        status = Duplex(Request, &information);
        break;
    case IOCTL_SPBCTL_NOCAPTURE:
        Record(Controller, Target, Request);
        break;
    case IOCTL_SPBCTL_MISUSE: /* a read's only transfer is index 0 */
        SPB_TRANSFER_DESCRIPTOR_INIT(&d);
        SpbRequestGetTransferParameters(Request, 1, &d, NULL);
        break;
    default:
        status = STATUS_NOT_SUPPORTED;
        break;
    }
    WdfRequestSetInformation((WDFREQUEST)Request, information);
    SpbRequestComplete(Request, status);
}

/* Other IOCTLs only (SpbCx's page): the transfer list of IOCTL_SPBCTL_DUPLEX is captured here,
 * in the client's context, then the request goes to SpbCx's queue. */
static VOID OnInCallerContext(WDFDEVICE Device, WDFREQUEST Request)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Device);
    WDF_REQUEST_PARAMETERS p;
    NTSTATUS status = STATUS_SUCCESS;
    c->Stats.InCaller++;
    if (GetRequestContext(Request) == NULL)
        c->Stats.NoRequestContext++;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    WdfRequestGetParameters(Request, &p);
    if (p.Parameters.DeviceIoControl.IoControlCode == IOCTL_SPBCTL_DUPLEX)
        status = SpbRequestCaptureIoOtherTransferList((SPBREQUEST)Request);
    if (NT_SUCCESS(status))
        status = WdfDeviceEnqueueRequest(Device, Request);
    if (!NT_SUCCESS(status))
        WdfRequestComplete(Request, status);
}

/* SPB_CONTROLLER_CONFIG's rules first (each refused), then the real configuration. */
static NTSTATUS Initialize(WDFDEVICE Device)
{
    CONTROLLER_CONTEXT *c = GetControllerContext(Device);
    SPB_CONTROLLER_CONFIG config;
    WDF_OBJECT_ATTRIBUTES a;
    NTSTATUS status;
    SPB_CONTROLLER_CONFIG_INIT(&config);
    config.EvtSpbTargetConnect = OnConnect;
    config.EvtSpbTargetDisconnect = OnDisconnect;
    config.EvtSpbControllerLock = OnLock;
    config.EvtSpbControllerUnlock = OnUnlock;
    config.EvtSpbIoWrite = OnWrite;
    config.EvtSpbIoSequence = OnSequence;
    c->Stats.InitStatus[0] = SpbDeviceInitialize(Device, &config);
    config.EvtSpbIoRead = OnRead;
    config.ControllerDispatchType = WdfIoQueueDispatchManual;
    c->Stats.InitStatus[1] = SpbDeviceInitialize(Device, &config);
    config.ControllerDispatchType = WdfIoQueueDispatchSequential;
    config.Size = sizeof(config) - 8;
    c->Stats.InitStatus[2] = SpbDeviceInitialize(Device, &config);
    config.Size = sizeof(config);
    status = SpbDeviceInitialize(Device, &config);
    if (!NT_SUCCESS(status))
        return status;
    SpbControllerSetIoOtherCallback(Device, OnOther, OnInCallerContext);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, TARGET_CONTEXT);
    SpbControllerSetTargetAttributes(Device, &a);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, REQUEST_CONTEXT);
    SpbControllerSetRequestAttributes(Device, &a);
    return STATUS_SUCCESS;
}

static NTSTATUS OnDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    status = SpbDeviceInitConfig(DeviceInit);
    if (!NT_SUCCESS(status))
        return status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, CONTROLLER_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &a, &device);
    if (!NT_SUCCESS(status))
        return status;
    return Initialize(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, OnDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
