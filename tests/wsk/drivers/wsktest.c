/*
 * wsktest.c - a Winsock Kernel application (a WDM driver) for drvhost's WSK tests: it registers
 * with the WSK subsystem, opens a listening TCP socket on the loopback address at a port the
 * system picks, and echoes each connection it accepts (receive, send back, again) until the
 * peer disconnects, recording every status. Its requests use one IRP of its own each, reused,
 * with completion routines that chain the next request, as "Using IRPs with Winsock Kernel
 * Functions" describes. Written against the WDK documentation only.
 */
#include <ntddk.h>
#include <wsk.h>

#include "wsktest.h"

#define WSKTEST_BUFFER 4096

typedef struct _WSKTEST_CONN {
    PWSK_SOCKET Socket;
    PIRP Irp;
    PMDL Mdl;
    ULONG Mode;
    BOOLEAN Aborted;
    UCHAR Buffer[WSKTEST_BUFFER];
} WSKTEST_CONN;

static WSK_REGISTRATION g_Reg, g_RegStatic;
static PDEVICE_OBJECT g_Device;
static PWSK_SOCKET g_Listen;
static WSKTEST_CONN g_Conn;
static WSKTEST_RESULT g_Result;
static KEVENT g_Done;
static SOCKADDR_IN6 g_AcceptLocal, g_AcceptRemote;
static const WSK_PROVIDER_BASIC_DISPATCH *g_ClosedDispatch; /* kept past the close, on purpose */

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD WskTestUnload;
DRIVER_DISPATCH WskTestCreateClose, WskTestDeviceControl;
IO_COMPLETION_ROUTINE WskTestSyncDone, WskTestReceiveDone, WskTestSendDone, WskTestAbortDone,
    WskTestDisconnectDone, WskTestCloseDone, WskTestAcceptDone;

static const WSK_CLIENT_DISPATCH g_ClientDispatch = {MAKE_WSK_VERSION(1, 0), 0, NULL};
static const WSK_CLIENT_DISPATCH g_ClientDispatchV2 = {MAKE_WSK_VERSION(2, 0), 0, NULL};

static NTSTATUS WSKAPI
WskTestAcceptEvent(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress,
                   PSOCKADDR RemoteAddress, PWSK_SOCKET AcceptSocket, PVOID *AcceptSocketContext,
                   const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch);

static const WSK_CLIENT_LISTEN_DISPATCH g_ListenDispatch = {WskTestAcceptEvent, NULL, NULL};

static USHORT PortOf(const SOCKADDR *Address)
{
    USHORT be = ((const SOCKADDR_IN *)Address)->sin_port; /* same place in SOCKADDR_IN6 */
    return (USHORT)((be >> 8) | (be << 8));
}

/* ---- synchronous calls (DeviceIoControl and unload, PASSIVE_LEVEL) ------------------------ */

NTSTATUS WskTestSyncDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    if (!Irp->PendingReturned)
        g_Result.PendingReturned = 0;
    KeSetEvent((PKEVENT)Context, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

typedef struct _WSKTEST_SYNC {
    PIRP Irp;
    KEVENT Event;
} WSKTEST_SYNC;

static BOOLEAN SyncBegin(WSKTEST_SYNC *Sync)
{
    Sync->Irp = IoAllocateIrp(1, FALSE);
    if (Sync->Irp == NULL)
        return FALSE;
    KeInitializeEvent(&Sync->Event, NotificationEvent, FALSE);
    IoSetCompletionRoutine(Sync->Irp, WskTestSyncDone, &Sync->Event, TRUE, TRUE, TRUE);
    return TRUE;
}

/* Waits for the IRP; the status the call returned must be STATUS_PENDING or the IRP's. */
static NTSTATUS SyncEnd(WSKTEST_SYNC *Sync, NTSTATUS Returned)
{
    NTSTATUS status;
    KeWaitForSingleObject(&Sync->Event, Executive, KernelMode, FALSE, NULL);
    status = Sync->Irp->IoStatus.Status;
    if (Returned != STATUS_PENDING && Returned != status)
        status = STATUS_INTERNAL_ERROR;
    return status;
}

/* Dispatch: the socket's table, read by the caller while the socket is open. */
static NTSTATUS SyncCloseWith(const WSK_PROVIDER_BASIC_DISPATCH *Dispatch, PWSK_SOCKET Socket)
{
    WSKTEST_SYNC sync;
    NTSTATUS status;
    if (!SyncBegin(&sync))
        return STATUS_INSUFFICIENT_RESOURCES;
    status = Dispatch->WskCloseSocket(Socket, sync.Irp);
    status = SyncEnd(&sync, status);
    IoFreeIrp(sync.Irp);
    return status;
}

static NTSTATUS SyncClose(PWSK_SOCKET Socket)
{
    return SyncCloseWith(Socket->Dispatch, Socket);
}

/* ---- the echo, chained from completion routines --------------------------------------------- */

static const WSK_PROVIDER_CONNECTION_DISPATCH *ConnDispatch(void)
{
    return (const WSK_PROVIDER_CONNECTION_DISPATCH *)g_Conn.Socket->Dispatch;
}

static void Rearm(PIO_COMPLETION_ROUTINE Routine)
{
    IoReuseIrp(g_Conn.Irp, STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(g_Conn.Irp, Routine, NULL, TRUE, TRUE, TRUE);
}

static void StartReceive(void)
{
    WSK_BUF buf = {g_Conn.Mdl, 0, WSKTEST_BUFFER};
    Rearm(WskTestReceiveDone);
    ConnDispatch()->WskReceive(g_Conn.Socket, &buf, 0, g_Conn.Irp);
}

static void StartClose(void)
{
    Rearm(WskTestCloseDone);
    ConnDispatch()->WskCloseSocket(g_Conn.Socket, g_Conn.Irp);
}

static void CheckPending(PIRP Irp)
{
    if (!Irp->PendingReturned)
        g_Result.PendingReturned = 0;
}

NTSTATUS WskTestReceiveDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    NTSTATUS status = Irp->IoStatus.Status;
    ULONG_PTR got = Irp->IoStatus.Information;
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    if (g_Conn.Aborted) {
        g_Result.AfterAbort = (ULONG)status;
        StartClose();
    } else if (NT_SUCCESS(status) && got != 0) {
        WSK_BUF buf = {g_Conn.Mdl, 0, got};
        g_Result.Echoed += got;
        Rearm(WskTestSendDone);
        ConnDispatch()->WskSend(g_Conn.Socket, &buf, 0, g_Conn.Irp);
    } else {
        g_Result.LastReceive = (ULONG)status;
        g_Result.LastReceiveInfo = got;
        if (NT_SUCCESS(status)) { /* the peer disconnected gracefully: so does the echo */
            Rearm(WskTestDisconnectDone);
            ConnDispatch()->WskDisconnect(g_Conn.Socket, NULL, 0, g_Conn.Irp);
        } else {
            StartClose();
        }
    }
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS WskTestSendDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    if (!NT_SUCCESS(Irp->IoStatus.Status) || g_Conn.Mode == WSKTEST_MODE_CLOSE) {
        StartClose();
    } else if (g_Conn.Mode == WSKTEST_MODE_ABORT) {
        Rearm(WskTestAbortDone);
        ConnDispatch()->WskDisconnect(g_Conn.Socket, NULL, WSK_FLAG_ABORTIVE, g_Conn.Irp);
    } else {
        StartReceive();
    }
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS WskTestAbortDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    g_Result.AbortStatus = (ULONG)Irp->IoStatus.Status;
    g_Conn.Aborted = TRUE;
    StartReceive();
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS WskTestDisconnectDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    g_Result.DisconnectStatus = (ULONG)Irp->IoStatus.Status;
    StartClose();
    return STATUS_MORE_PROCESSING_REQUIRED;
}

NTSTATUS WskTestCloseDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    g_Result.CloseStatus = (ULONG)Irp->IoStatus.Status;
    KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

static void Accepted(PWSK_SOCKET Socket, const SOCKADDR *Remote)
{
    g_Conn.Socket = Socket;
    g_Conn.Aborted = FALSE;
    g_Result.Accepted++;
    g_Result.RemotePort = PortOf(Remote);
    g_Result.RemoteFamily = Remote->sa_family;
    StartReceive();
}

static NTSTATUS WSKAPI
WskTestAcceptEvent(PVOID SocketContext, ULONG Flags, PSOCKADDR LocalAddress,
                   PSOCKADDR RemoteAddress, PWSK_SOCKET AcceptSocket, PVOID *AcceptSocketContext,
                   const WSK_CLIENT_CONNECTION_DISPATCH **AcceptSocketDispatch)
{
    UNREFERENCED_PARAMETER(Flags);
    UNREFERENCED_PARAMETER(LocalAddress);
    if (SocketContext != &g_Conn || AcceptSocket == NULL || g_Conn.Socket != NULL)
        return STATUS_REQUEST_NOT_ACCEPTED; /* one connection at a time */
    *AcceptSocketContext = NULL;
    *AcceptSocketDispatch = NULL;
    Accepted(AcceptSocket, RemoteAddress);
    return STATUS_SUCCESS;
}

NTSTATUS WskTestAcceptDone(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    UNREFERENCED_PARAMETER(Context);
    CheckPending(Irp);
    g_Result.AcceptStatus = (ULONG)Irp->IoStatus.Status;
    if (NT_SUCCESS(Irp->IoStatus.Status))
        Accepted((PWSK_SOCKET)Irp->IoStatus.Information, (const SOCKADDR *)&g_AcceptRemote);
    else
        KeSetEvent(&g_Done, IO_NO_INCREMENT, FALSE);
    return STATUS_MORE_PROCESSING_REQUIRED;
}

/* ---- the listening socket ------------------------------------------------------------------ */

static void ResetResult(ULONG Mode)
{
    RtlZeroMemory(&g_Result, sizeof(g_Result));
    g_Result.AcceptStatus = g_Result.LastReceive = g_Result.AbortStatus = WSKTEST_NOT_CALLED;
    g_Result.AfterAbort = g_Result.DisconnectStatus = g_Result.CloseStatus = WSKTEST_NOT_CALLED;
    g_Result.PendingReturned = 1;
    g_Conn.Socket = NULL;
    g_Conn.Mode = Mode;
    KeClearEvent(&g_Done);
}

static NTSTATUS ListenSocket(PWSK_PROVIDER_NPI Npi, const WSKTEST_LISTEN_IN *In,
                             WSKTEST_LISTEN_OUT *Out)
{
    WSKTEST_SYNC sync;
    NTSTATUS status;
    if (!SyncBegin(&sync))
        return STATUS_INSUFFICIENT_RESOURCES;
    status = Npi->Dispatch->WskSocket(Npi->Client, (ADDRESS_FAMILY)In->Family, SOCK_STREAM,
                                      IPPROTO_TCP, WSK_FLAG_LISTEN_SOCKET, &g_Conn,
                                      &g_ListenDispatch, NULL, NULL, NULL, sync.Irp);
    Out->SocketReturned = (ULONG)status;
    Out->SocketStatus = (ULONG)SyncEnd(&sync, status);
    Out->SocketInfo = sync.Irp->IoStatus.Information;
    if (NT_SUCCESS(sync.Irp->IoStatus.Status))
        g_Listen = (PWSK_SOCKET)sync.Irp->IoStatus.Information;
    IoFreeIrp(sync.Irp);
    return STATUS_SUCCESS;
}

static NTSTATUS EnableAcceptEvent(void)
{
    WSK_EVENT_CALLBACK_CONTROL control = {&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT};
    const WSK_PROVIDER_LISTEN_DISPATCH *d = g_Listen->Dispatch;
    return d->WskControlSocket(g_Listen, WskSetOption, SO_WSK_EVENT_CALLBACK, SOL_SOCKET,
                               sizeof(control), &control, 0, NULL, NULL, NULL);
}

static void BindAndName(ULONG Family, USHORT Port, WSKTEST_LISTEN_OUT *Out)
{
    const WSK_PROVIDER_LISTEN_DISPATCH *d = g_Listen->Dispatch;
    SOCKADDR_IN6 local = {0}, name = {0};
    WSKTEST_SYNC sync;
    local.sin6_port = (USHORT)((Port >> 8) | (Port << 8)); /* same place in SOCKADDR_IN */
    if (Family == AF_INET) {
        SOCKADDR_IN *in = (SOCKADDR_IN *)&local;
        in->sin_family = AF_INET;
        in->sin_addr.S_un.S_addr = 0x0100007F; /* 127.0.0.1 in network order */
    } else {
        local.sin6_family = AF_INET6;
        local.sin6_addr.u.Byte[15] = 1; /* ::1 */
    }
    if (!SyncBegin(&sync))
        return;
    Out->BindStatus = (ULONG)SyncEnd(&sync, d->WskBind(g_Listen, (PSOCKADDR)&local, 0, sync.Irp));
    KeClearEvent(&sync.Event);
    IoReuseIrp(sync.Irp, STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(sync.Irp, WskTestSyncDone, &sync.Event, TRUE, TRUE, TRUE);
    Out->AddressStatus =
        (ULONG)SyncEnd(&sync, d->WskGetLocalAddress(g_Listen, (PSOCKADDR)&name, sync.Irp));
    Out->Port = PortOf((PSOCKADDR)&name);
    Out->Family = name.sin6_family;
    IoFreeIrp(sync.Irp);
}

static void StartAccept(void)
{
    const WSK_PROVIDER_LISTEN_DISPATCH *d = g_Listen->Dispatch;
    IoReuseIrp(g_Conn.Irp, STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(g_Conn.Irp, WskTestAcceptDone, NULL, TRUE, TRUE, TRUE);
    d->WskAccept(g_Listen, 0, NULL, NULL, (PSOCKADDR)&g_AcceptLocal, (PSOCKADDR)&g_AcceptRemote,
                 g_Conn.Irp);
}

static NTSTATUS Listen(const WSKTEST_LISTEN_IN *In, WSKTEST_LISTEN_OUT *Out)
{
    PWSK_REGISTRATION reg = In->Mode == WSKTEST_MODE_STATIC ? &g_RegStatic : &g_Reg;
    WSK_PROVIDER_NPI npi;
    NTSTATUS status;
    if (g_Listen != NULL)
        return STATUS_DEVICE_BUSY;
    RtlZeroMemory(Out, sizeof(*Out));
    ResetResult(In->Mode);
    status = WskCaptureProviderNPI(reg, WSK_INFINITE_WAIT, &npi);
    if (!NT_SUCCESS(status))
        return status;
    status = ListenSocket(&npi, In, Out);
    WskReleaseProviderNPI(reg);
    if (!NT_SUCCESS(status) || g_Listen == NULL)
        return status;
    if (In->Mode == WSKTEST_MODE_EVENT || In->Mode == WSKTEST_MODE_ABORT ||
        In->Mode == WSKTEST_MODE_CLOSE)
        Out->EventStatus = (ULONG)EnableAcceptEvent();
    BindAndName(In->Family, In->Port, Out);
    if (In->Mode == WSKTEST_MODE_ACCEPT && NT_SUCCESS((NTSTATUS)Out->BindStatus))
        StartAccept();
    return STATUS_SUCCESS;
}

/* ---- registration -------------------------------------------------------------------------- */

static void Registration(WSKTEST_REGISTRATION *Out)
{
    WSK_REGISTRATION reg;
    WSK_CLIENT_NPI client = {NULL, &g_ClientDispatch};
    WSK_PROVIDER_NPI npi = {0};
    WSK_PROVIDER_CHARACTERISTICS ch = {0};
    RtlZeroMemory(Out, sizeof(*Out));
    Out->Register = (ULONG)WskRegister(&client, &reg);
    Out->Capture = (ULONG)WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &npi);
    if (NT_SUCCESS((NTSTATUS)Out->Capture)) {
        Out->ProviderVersion = npi.Dispatch->Version;
        Out->ControlUnknown =
            (ULONG)npi.Dispatch->WskControlClient(npi.Client, 0x7777, 0, NULL, 0, NULL, NULL, NULL);
        WskReleaseProviderNPI(&reg);
    }
    Out->QueryStatus = (ULONG)WskQueryProviderCharacteristics(&reg, &ch);
    Out->Highest = ch.HighestVersion;
    Out->Lowest = ch.LowestVersion;
    WskDeregister(&reg);
    Out->CaptureAfterDeregister = (ULONG)WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &npi);
    client.Dispatch = &g_ClientDispatchV2;
    Out->RegisterV2 = (ULONG)WskRegister(&client, &reg);
    Out->CaptureV2 = (ULONG)WskCaptureProviderNPI(&reg, WSK_NO_WAIT, &npi);
    if (NT_SUCCESS((NTSTATUS)Out->CaptureV2))
        WskReleaseProviderNPI(&reg);
    WskDeregister(&reg);
}

/* A socket created and closed: its address, for a second close. */
static NTSTATUS ClosedSocket(ULONG64 *Out)
{
    WSKTEST_LISTEN_IN in = {AF_INET, WSKTEST_MODE_EVENT, 0};
    WSKTEST_LISTEN_OUT out;
    WSK_PROVIDER_NPI npi;
    NTSTATUS status = WskCaptureProviderNPI(&g_Reg, WSK_NO_WAIT, &npi);
    PWSK_SOCKET socket;
    if (!NT_SUCCESS(status))
        return status;
    status = ListenSocket(&npi, &in, &out);
    WskReleaseProviderNPI(&g_Reg);
    if (!NT_SUCCESS(status) || g_Listen == NULL)
        return NT_SUCCESS(status) ? (NTSTATUS)out.SocketStatus : status;
    socket = g_Listen;
    g_Listen = NULL;
    g_ClosedDispatch = socket->Dispatch;
    *Out = (ULONG64)(ULONG_PTR)socket;
    return SyncClose(socket);
}

/* ---- an outgoing connection ----------------------------------------------------------------- */

/* One synchronous call on a connection socket: Call issues it with the IRP. */
#define SYNC_CALL(sync, result, call)                                                              \
    do {                                                                                           \
        KeClearEvent(&(sync)->Event);                                                              \
        IoReuseIrp((sync)->Irp, STATUS_UNSUCCESSFUL);                                              \
        IoSetCompletionRoutine((sync)->Irp, WskTestSyncDone, &(sync)->Event, TRUE, TRUE, TRUE);    \
        (result) = (ULONG)SyncEnd((sync), (call));                                                 \
    } while (0)

static void Exchange(WSKTEST_SYNC *Sync, PWSK_SOCKET Socket, WSKTEST_CONNECT_OUT *Out)
{
    const WSK_PROVIDER_CONNECTION_DISPATCH *d = Socket->Dispatch;
    static UCHAR data[4];
    PMDL mdl = IoAllocateMdl(data, sizeof(data), FALSE, FALSE, NULL);
    WSK_BUF buf = {mdl, 0, sizeof(data)};
    SOCKADDR_IN remote = {0};
    if (mdl == NULL)
        return;
    MmBuildMdlForNonPagedPool(mdl);
    SYNC_CALL(Sync, Out->RemoteStatus,
              d->WskGetRemoteAddress(Socket, (PSOCKADDR)&remote, Sync->Irp));
    Out->RemotePort = PortOf((PSOCKADDR)&remote);
    RtlCopyMemory(data, "ping", 4);
    SYNC_CALL(Sync, Out->Send, d->WskSend(Socket, &buf, 0, Sync->Irp));
    Out->Sent = Sync->Irp->IoStatus.Information;
    RtlZeroMemory(data, sizeof(data));
    SYNC_CALL(Sync, Out->Receive, d->WskReceive(Socket, &buf, 0, Sync->Irp));
    Out->Received = Sync->Irp->IoStatus.Information;
    RtlCopyMemory(Out->Data, data, sizeof(data));
    SYNC_CALL(Sync, Out->Disconnect, d->WskDisconnect(Socket, NULL, 0, Sync->Irp));
    SYNC_CALL(Sync, Out->ReceiveEnd, d->WskReceive(Socket, &buf, 0, Sync->Irp));
    Out->ReceivedEnd = Sync->Irp->IoStatus.Information;
    SYNC_CALL(Sync, Out->Close, d->WskCloseSocket(Socket, Sync->Irp));
    IoFreeMdl(mdl);
}

/* The loopback addresses of a WskSocketConnect to Port, the provider NPI captured (released by
 * the caller) and an IRP. */
static NTSTATUS BeginConnect(USHORT Port, SOCKADDR_IN *Local, SOCKADDR_IN *Remote,
                             WSK_PROVIDER_NPI *Npi, WSKTEST_SYNC *Sync)
{
    NTSTATUS status;
    RtlZeroMemory(Local, sizeof(*Local));
    RtlZeroMemory(Remote, sizeof(*Remote));
    Local->sin_family = Remote->sin_family = AF_INET;
    Local->sin_addr.S_un.S_addr = Remote->sin_addr.S_un.S_addr = 0x0100007F;
    Remote->sin_port = (USHORT)((Port >> 8) | (Port << 8));
    status = WskCaptureProviderNPI(&g_Reg, WSK_INFINITE_WAIT, Npi);
    if (!NT_SUCCESS(status))
        return status;
    if (!SyncBegin(Sync)) {
        WskReleaseProviderNPI(&g_Reg);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS Connect(USHORT Port, WSKTEST_CONNECT_OUT *Out)
{
    SOCKADDR_IN local, remote;
    WSK_PROVIDER_NPI npi;
    WSKTEST_SYNC sync;
    NTSTATUS status;
    RtlZeroMemory(Out, sizeof(*Out));
    status = BeginConnect(Port, &local, &remote, &npi, &sync);
    if (!NT_SUCCESS(status))
        return status;
    Out->Connect =
        (ULONG)SyncEnd(&sync, npi.Dispatch->WskSocketConnect(
                                  npi.Client, SOCK_STREAM, IPPROTO_TCP, (PSOCKADDR)&local,
                                  (PSOCKADDR)&remote, 0, NULL, NULL, NULL, NULL, NULL, sync.Irp));
    WskReleaseProviderNPI(&g_Reg);
    if (NT_SUCCESS((NTSTATUS)Out->Connect))
        Exchange(&sync, (PWSK_SOCKET)sync.Irp->IoStatus.Information, Out);
    IoFreeIrp(sync.Irp);
    return STATUS_SUCCESS;
}

/* ---- cancellation ------------------------------------------------------------------------- */

static void Pause(ULONG Us)
{
    if (Us != 0)
        KeStallExecutionProcessor(Us);
}

/* Cancels the request the IRP carries after DelayUs and waits for it; the IRP's outcome. */
static void CancelAfter(WSKTEST_SYNC *Sync, NTSTATUS Returned, ULONG DelayUs,
                        WSKTEST_CANCEL_OUT *Out)
{
    Pause(DelayUs);
    Out->CancelReturned = IoCancelIrp(Sync->Irp);
    Out->Status = (ULONG)SyncEnd(Sync, Returned);
    Out->Information = Sync->Irp->IoStatus.Information;
}

static void CancelReceive(WSKTEST_SYNC *Sync, PWSK_SOCKET Socket, ULONG DelayUs,
                          WSKTEST_CANCEL_OUT *Out)
{
    const WSK_PROVIDER_CONNECTION_DISPATCH *d = Socket->Dispatch;
    static UCHAR data[1];
    PMDL mdl = IoAllocateMdl(data, sizeof(data), FALSE, FALSE, NULL);
    WSK_BUF buf = {mdl, 0, sizeof(data)};
    NTSTATUS returned;
    if (mdl == NULL)
        return;
    MmBuildMdlForNonPagedPool(mdl);
    data[0] = 0;
    KeClearEvent(&Sync->Event);
    IoReuseIrp(Sync->Irp, STATUS_UNSUCCESSFUL);
    IoSetCompletionRoutine(Sync->Irp, WskTestSyncDone, &Sync->Event, TRUE, TRUE, TRUE);
    returned = d->WskReceive(Socket, &buf, 0, Sync->Irp);
    CancelAfter(Sync, returned, DelayUs, Out);
    if (Out->Status == (ULONG)STATUS_CANCELLED) { /* the byte must still be there */
        SYNC_CALL(Sync, Out->After, d->WskReceive(Socket, &buf, 0, Sync->Irp));
        Out->AfterInformation = Sync->Irp->IoStatus.Information;
    }
    Out->Data = data[0];
    SYNC_CALL(Sync, Out->Close, d->WskCloseSocket(Socket, Sync->Irp));
    IoFreeMdl(mdl);
}

/* The second of two queued receives: the provider looked at it after the first took the data. */
static void CancelSecond(WSKTEST_SYNC *Sync, PWSK_SOCKET Socket, ULONG DelayUs,
                         WSKTEST_CANCEL_OUT *Out)
{
    const WSK_PROVIDER_CONNECTION_DISPATCH *d = Socket->Dispatch;
    static UCHAR data[2];
    PMDL first = IoAllocateMdl(data, 1, FALSE, FALSE, NULL);
    PMDL second = IoAllocateMdl(data + 1, 1, FALSE, FALSE, NULL);
    WSK_BUF buf1 = {first, 0, 1}, buf2 = {second, 0, 1};
    WSKTEST_SYNC other;
    NTSTATUS returned1, returned2;
    if (first != NULL && second != NULL && SyncBegin(&other)) {
        MmBuildMdlForNonPagedPool(first);
        MmBuildMdlForNonPagedPool(second);
        data[0] = data[1] = 0;
        KeClearEvent(&Sync->Event);
        IoReuseIrp(Sync->Irp, STATUS_UNSUCCESSFUL);
        IoSetCompletionRoutine(Sync->Irp, WskTestSyncDone, &Sync->Event, TRUE, TRUE, TRUE);
        returned1 = d->WskReceive(Socket, &buf1, 0, Sync->Irp);
        returned2 = d->WskReceive(Socket, &buf2, 0, other.Irp);
        Out->After = (ULONG)SyncEnd(Sync, returned1);
        Out->AfterInformation = Sync->Irp->IoStatus.Information;
        CancelAfter(&other, returned2, DelayUs, Out);
        Out->Data = data[0];
        IoFreeIrp(other.Irp);
    }
    SYNC_CALL(Sync, Out->Close, d->WskCloseSocket(Socket, Sync->Irp));
    if (first != NULL)
        IoFreeMdl(first);
    if (second != NULL)
        IoFreeMdl(second);
}

/* A send larger than the loopback connection's buffers: it waits for the peer to read. */
static void CancelSend(WSKTEST_SYNC *Sync, PWSK_SOCKET Socket, ULONG DelayUs,
                       WSKTEST_CANCEL_OUT *Out)
{
    const WSK_PROVIDER_CONNECTION_DISPATCH *d = Socket->Dispatch;
    PVOID big = ExAllocatePoolWithTag(NonPagedPool, WSKTEST_BIG_SEND, 'tksW');
    PMDL mdl = big == NULL ? NULL : IoAllocateMdl(big, WSKTEST_BIG_SEND, FALSE, FALSE, NULL);
    WSK_BUF buf = {mdl, 0, WSKTEST_BIG_SEND};
    if (mdl != NULL) {
        RtlFillMemory(big, WSKTEST_BIG_SEND, 'y');
        MmBuildMdlForNonPagedPool(mdl);
        KeClearEvent(&Sync->Event);
        IoReuseIrp(Sync->Irp, STATUS_UNSUCCESSFUL);
        IoSetCompletionRoutine(Sync->Irp, WskTestSyncDone, &Sync->Event, TRUE, TRUE, TRUE);
        CancelAfter(Sync, d->WskSend(Socket, &buf, 0, Sync->Irp), DelayUs, Out);
        IoFreeMdl(mdl);
    }
    SYNC_CALL(Sync, Out->Close, d->WskCloseSocket(Socket, Sync->Irp));
    if (big != NULL)
        ExFreePoolWithTag(big, 'tksW');
}

static NTSTATUS Cancel(const WSKTEST_CANCEL_IN *In, WSKTEST_CANCEL_OUT *Out)
{
    SOCKADDR_IN local, remote;
    WSK_PROVIDER_NPI npi;
    WSKTEST_SYNC sync;
    NTSTATUS status, returned;
    RtlZeroMemory(Out, sizeof(*Out));
    Out->After = Out->Connect = Out->Close = WSKTEST_NOT_CALLED;
    status = BeginConnect(In->Port, &local, &remote, &npi, &sync);
    if (!NT_SUCCESS(status))
        return status;
    returned = npi.Dispatch->WskSocketConnect(npi.Client, SOCK_STREAM, IPPROTO_TCP,
                                              (PSOCKADDR)&local, (PSOCKADDR)&remote, 0, NULL, NULL,
                                              NULL, NULL, NULL, sync.Irp);
    if (In->What == WSKTEST_CANCEL_CONNECT)
        CancelAfter(&sync, returned, In->DelayUs, Out);
    else
        Out->Connect = (ULONG)SyncEnd(&sync, returned);
    WskReleaseProviderNPI(&g_Reg);
    if (NT_SUCCESS(sync.Irp->IoStatus.Status)) {
        PWSK_SOCKET socket = (PWSK_SOCKET)sync.Irp->IoStatus.Information;
        if (In->What == WSKTEST_CANCEL_RECEIVE)
            CancelReceive(&sync, socket, In->DelayUs, Out);
        else if (In->What == WSKTEST_CANCEL_SECOND)
            CancelSecond(&sync, socket, In->DelayUs, Out);
        else if (In->What == WSKTEST_CANCEL_SEND)
            CancelSend(&sync, socket, In->DelayUs, Out);
        else
            Out->Close = (ULONG)SyncClose(socket);
    }
    IoFreeIrp(sync.Irp);
    return STATUS_SUCCESS;
}

/* ---- dispatch ------------------------------------------------------------------------------ */

NTSTATUS WskTestCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

static NTSTATUS Control(ULONG Code, PVOID Buffer, ULONG InLength, ULONG OutLength,
                        ULONG_PTR *Information)
{
    LARGE_INTEGER timeout;
    WSKTEST_LISTEN_IN in;
    WSKTEST_CANCEL_IN cancel;
    NTSTATUS status;
    switch (Code) {
    case IOCTL_WSKTEST_LISTEN:
        if (InLength < sizeof(WSKTEST_LISTEN_IN) || OutLength < sizeof(WSKTEST_LISTEN_OUT))
            return STATUS_BUFFER_TOO_SMALL;
        in = *(const WSKTEST_LISTEN_IN *)Buffer; /* the output overwrites the same buffer */
        status = Listen(&in, (WSKTEST_LISTEN_OUT *)Buffer);
        *Information = sizeof(WSKTEST_LISTEN_OUT);
        return status;
    case IOCTL_WSKTEST_RESULT:
        if (OutLength < sizeof(WSKTEST_RESULT))
            return STATUS_BUFFER_TOO_SMALL;
        timeout.QuadPart = -10 * 1000 * 1000 * 10LL; /* 10 s */
        status = KeWaitForSingleObject(&g_Done, Executive, KernelMode, FALSE, &timeout);
        if (status == STATUS_TIMEOUT)
            return STATUS_IO_TIMEOUT;
        RtlCopyMemory(Buffer, &g_Result, sizeof(g_Result));
        ResetResult(g_Conn.Mode); /* for the next connection */
        *Information = sizeof(WSKTEST_RESULT);
        return STATUS_SUCCESS;
    case IOCTL_WSKTEST_STOP:
        if (OutLength < sizeof(ULONG) || g_Listen == NULL)
            return STATUS_INVALID_DEVICE_REQUEST;
        *(ULONG *)Buffer = (ULONG)SyncClose(g_Listen);
        g_Listen = NULL;
        *Information = sizeof(ULONG);
        return STATUS_SUCCESS;
    case IOCTL_WSKTEST_REGISTRATION:
        if (OutLength < sizeof(WSKTEST_REGISTRATION))
            return STATUS_BUFFER_TOO_SMALL;
        Registration((WSKTEST_REGISTRATION *)Buffer);
        *Information = sizeof(WSKTEST_REGISTRATION);
        return STATUS_SUCCESS;
    case IOCTL_WSKTEST_CLOSED_SOCKET:
        if (OutLength < sizeof(ULONG64))
            return STATUS_BUFFER_TOO_SMALL;
        *Information = sizeof(ULONG64);
        return ClosedSocket((ULONG64 *)Buffer);
    case IOCTL_WSKTEST_CONNECT:
        if (InLength < sizeof(WSKTEST_CONNECT_IN) || OutLength < sizeof(WSKTEST_CONNECT_OUT))
            return STATUS_BUFFER_TOO_SMALL;
        *Information = sizeof(WSKTEST_CONNECT_OUT);
        return Connect(((const WSKTEST_CONNECT_IN *)Buffer)->Port, (WSKTEST_CONNECT_OUT *)Buffer);
    case IOCTL_WSKTEST_CANCEL:
        if (InLength < sizeof(WSKTEST_CANCEL_IN) || OutLength < sizeof(WSKTEST_CANCEL_OUT))
            return STATUS_BUFFER_TOO_SMALL;
        *Information = sizeof(WSKTEST_CANCEL_OUT);
        cancel = *(const WSKTEST_CANCEL_IN *)Buffer; /* the output overwrites the same buffer */
        return Cancel(&cancel, (WSKTEST_CANCEL_OUT *)Buffer);
    case IOCTL_WSKTEST_CANCEL_ACCEPT:
        if (OutLength < sizeof(ULONG) || g_Listen == NULL || g_Conn.Mode != WSKTEST_MODE_ACCEPT)
            return STATUS_INVALID_DEVICE_REQUEST;
        *(ULONG *)Buffer = IoCancelIrp(g_Conn.Irp);
        *Information = sizeof(ULONG);
        return STATUS_SUCCESS;
    case IOCTL_WSKTEST_CLOSE:
        if (InLength < sizeof(ULONG64))
            return STATUS_BUFFER_TOO_SMALL;
        if (g_ClosedDispatch == NULL)
            return STATUS_INVALID_DEVICE_STATE;
        return SyncCloseWith(g_ClosedDispatch, (PWSK_SOCKET)(ULONG_PTR) * (ULONG64 *)Buffer);
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

NTSTATUS WskTestDeviceControl(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(Irp);
    ULONG_PTR info = 0;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DeviceObject);
    status = Control(sp->Parameters.DeviceIoControl.IoControlCode, Irp->AssociatedIrp.SystemBuffer,
                     sp->Parameters.DeviceIoControl.InputBufferLength,
                     sp->Parameters.DeviceIoControl.OutputBufferLength, &info);
    Irp->IoStatus.Status = status;
    Irp->IoStatus.Information = NT_SUCCESS(status) ? info : 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return status;
}

VOID WskTestUnload(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WskTest");
    UNREFERENCED_PARAMETER(DriverObject);
    if (g_Listen != NULL)
        SyncClose(g_Listen);
    WskDeregister(&g_Reg); /* returns once every socket is closed */
    WskDeregister(&g_RegStatic);
    IoFreeMdl(g_Conn.Mdl);
    IoFreeIrp(g_Conn.Irp);
    IoDeleteSymbolicLink(&link);
    IoDeleteDevice(g_Device);
}

/* A second registration whose listening sockets have the accept event from their creation. */
static NTSTATUS RegisterStatic(void)
{
    WSK_CLIENT_NPI client = {NULL, &g_ClientDispatch};
    WSK_EVENT_CALLBACK_CONTROL control = {&NPI_WSK_INTERFACE_ID, WSK_EVENT_ACCEPT};
    WSK_PROVIDER_NPI npi;
    NTSTATUS status = WskRegister(&client, &g_RegStatic);
    if (!NT_SUCCESS(status))
        return status;
    status = WskCaptureProviderNPI(&g_RegStatic, WSK_INFINITE_WAIT, &npi);
    if (NT_SUCCESS(status)) {
        status = npi.Dispatch->WskControlClient(npi.Client, WSK_SET_STATIC_EVENT_CALLBACKS,
                                                sizeof(control), &control, 0, NULL, NULL, NULL);
        WskReleaseProviderNPI(&g_RegStatic);
    }
    if (!NT_SUCCESS(status))
        WskDeregister(&g_RegStatic);
    return status;
}

static NTSTATUS Setup(PDRIVER_OBJECT DriverObject)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\WskTest");
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\WskTest");
    NTSTATUS status;
    g_Conn.Irp = IoAllocateIrp(1, FALSE);
    g_Conn.Mdl = IoAllocateMdl(g_Conn.Buffer, WSKTEST_BUFFER, FALSE, FALSE, NULL);
    if (g_Conn.Irp == NULL || g_Conn.Mdl == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    MmBuildMdlForNonPagedPool(g_Conn.Mdl);
    status = IoCreateDevice(DriverObject, 0, &name, FILE_DEVICE_UNKNOWN, 0, FALSE, &g_Device);
    if (!NT_SUCCESS(status))
        return status;
    g_Device->Flags |= DO_BUFFERED_IO;
    status = IoCreateSymbolicLink(&link, &name);
    if (!NT_SUCCESS(status))
        IoDeleteDevice(g_Device);
    return status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WSK_CLIENT_NPI client = {NULL, &g_ClientDispatch};
    NTSTATUS status;
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&g_Done, NotificationEvent, FALSE);
    DriverObject->MajorFunction[IRP_MJ_CREATE] = WskTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = WskTestCreateClose;
    DriverObject->MajorFunction[IRP_MJ_DEVICE_CONTROL] = WskTestDeviceControl;
    DriverObject->DriverUnload = WskTestUnload;
    status = WskRegister(&client, &g_Reg);
    if (!NT_SUCCESS(status))
        return status;
    status = RegisterStatic();
    if (NT_SUCCESS(status))
        status = Setup(DriverObject);
    if (!NT_SUCCESS(status)) {
        if (g_Conn.Mdl != NULL)
            IoFreeMdl(g_Conn.Mdl);
        if (g_Conn.Irp != NULL)
            IoFreeIrp(g_Conn.Irp);
        WskDeregister(&g_RegStatic);
        WskDeregister(&g_Reg);
    }
    return status;
}
