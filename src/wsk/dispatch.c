/*
 * dispatch.c - the socket functions of the listening and connection-oriented socket dispatch
 * tables (WSK_PROVIDER_LISTEN_DISPATCH, WSK_PROVIDER_CONNECTION_DISPATCH).
 *
 * Every function that takes an IRP returns STATUS_PENDING and completes the IRP later from a
 * worker thread, also when the result is known at once (allowed: "the WSK subsystem could not
 * ... immediately"); a missing IRP is STATUS_INVALID_PARAMETER, returned. Not modelled, each
 * failing with STATUS_NOT_SUPPORTED: send and receive flags (the reference gives no values for
 * WSK_FLAG_WAITALL, WSK_FLAG_DRAIN, WSK_FLAG_NODELAY), conditional accept
 * (WskInspectComplete), receive and disconnect event callbacks (WskRelease), WskConnectEx,
 * WskSendEx, WskReceiveEx, and options other than IPV6_V6ONLY and SO_WSK_EVENT_CALLBACK.
 */
#include "wsk/wsk_private.h"

#include "rtl/rtl.h"

#include <string.h>

extern const NPIID NPI_WSK_INTERFACE_ID;

/* The socket of a dispatch call; the caller's address goes into the bug check of a bad one. */
#define wsk_of(socket) wsk_socket_check((socket), __builtin_return_address(0))

static NTSTATUS wsk_now(struct wsk_socket *s, PIRP irp, NTSTATUS status, ULONG_PTR info)
{
    return wsk_complete_later(s->client, irp, status, info);
}

/* SO_WSK_EVENT_CALLBACK: only WSK_EVENT_ACCEPT, on a listening socket. */
static NTSTATUS wsk_set_events(struct wsk_socket *s, SIZE_T size, PVOID input)
{
    const WSK_EVENT_CALLBACK_CONTROL *c = input;
    ULONG mask;
    if (c == NULL || size < sizeof(*c) || c->NpiId == NULL ||
        memcmp(c->NpiId, &NPI_WSK_INTERFACE_ID, sizeof(NPIID)) != 0)
        return STATUS_INVALID_PARAMETER;
    mask = c->EventMask & ~WSK_EVENT_DISABLE;
    if (mask != WSK_EVENT_ACCEPT || s->category != WSK_CAT_LISTEN)
        return STATUS_NOT_SUPPORTED;
    os_mutex_lock(&wsk_lock);
    if (c->EventMask & WSK_EVENT_DISABLE)
        s->events &= ~WSK_EVENT_ACCEPT;
    else
        s->events |= WSK_EVENT_ACCEPT;
    os_mutex_unlock(&wsk_lock);
    wsk_poll_wake();
    return STATUS_SUCCESS;
}

static NTSTATUS wsk_set_option(struct wsk_socket *s, ULONG code, ULONG level, SIZE_T size,
                               PVOID input)
{
    if (level == SOL_SOCKET && code == SO_WSK_EVENT_CALLBACK)
        return wsk_set_events(s, size, input);
    if (level == IPPROTO_IPV6 && code == IPV6_V6ONLY) {
        if (input == NULL || size < sizeof(ULONG))
            return STATUS_INVALID_PARAMETER;
        if (s->family != 6)
            return STATUS_INVALID_PARAMETER;
        return wsk_status(os_net_set_v6only(s->fd, *(const ULONG *)input != 0));
    }
    return STATUS_NOT_SUPPORTED;
}

static NTSTATUS WSKAPI wsk_control_socket(PWSK_SOCKET Socket, WSK_CONTROL_SOCKET_TYPE RequestType,
                                          ULONG ControlCode, ULONG Level, SIZE_T InputSize,
                                          PVOID InputBuffer, SIZE_T OutputSize, PVOID OutputBuffer,
                                          SIZE_T *OutputSizeReturned, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    NTSTATUS status = STATUS_NOT_SUPPORTED;
    (void)OutputSize;
    (void)OutputBuffer;
    if (OutputSizeReturned)
        *OutputSizeReturned = 0;
    if (RequestType == WskSetOption)
        status = wsk_set_option(s, ControlCode, Level, InputSize, InputBuffer);
    /* Event callbacks are enabled without an IRP; the other requests take one. */
    if (Irp == NULL)
        return status;
    return wsk_now(s, Irp, status, 0);
}

static NTSTATUS WSKAPI wsk_close_socket(PWSK_SOCKET Socket, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    struct wsk_op *op;
    NTSTATUS taken = wsk_irp_take(Irp);
    if (taken != STATUS_PENDING)
        return taken;
    op = wsk_op_new(s->client, s, WSK_OP_CLOSE, Irp);
    os_mutex_lock(&wsk_lock);
    wsk_socket_unlink(s); /* pending IRPs complete with STATUS_CANCELLED */
    os_mutex_unlock(&wsk_lock);
    if (op == NULL) {
        /* No memory for the deferred completion: closed and completed here. */
        os_mutex_lock(&wsk_lock);
        wsk_socket_close_fd(s);
        s->client->sockets--;
        os_cond_broadcast(&s->client->idle);
        os_mutex_unlock(&wsk_lock);
        wsk_socket_release(s);
        Irp->IoStatus.Status = STATUS_SUCCESS;
        Irp->IoStatus.Information = 0;
        IoCompleteRequest(Irp, IO_NO_INCREMENT);
        return STATUS_PENDING;
    }
    wsk_poll_wake(); /* the poll thread stops watching the socket */
    wsk_op_finish(op, STATUS_SUCCESS, 0);
    return STATUS_PENDING;
}

/* WskBind: a listening socket starts listening at once (accept events or WskAccept). */
static NTSTATUS WSKAPI wsk_bind(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, ULONG Flags, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    struct os_net_addr a;
    NTSTATUS status;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    status = Flags != 0 ? STATUS_INVALID_PARAMETER : wsk_addr_in(LocalAddress, s->family, &a);
    if (NT_SUCCESS(status) && s->bound)
        status = STATUS_INVALID_DEVICE_STATE;
    if (NT_SUCCESS(status))
        status = wsk_status(os_net_bind(s->fd, &a));
    if (NT_SUCCESS(status) && s->category == WSK_CAT_LISTEN)
        status = wsk_status(os_net_listen(s->fd));
    if (NT_SUCCESS(status)) {
        s->bound = TRUE;
        wsk_poll_wake(); /* accept events may be on already */
    }
    return wsk_now(s, Irp, status, 0);
}

static NTSTATUS WSKAPI wsk_accept(PWSK_SOCKET ListenSocket, ULONG Flags, PVOID AcceptSocketContext,
                                  const WSK_CLIENT_CONNECTION_DISPATCH *AcceptSocketDispatch,
                                  PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(ListenSocket);
    struct wsk_op *op;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    if (Flags != 0 || !s->bound)
        return wsk_now(s, Irp, Flags != 0 ? STATUS_INVALID_PARAMETER : STATUS_INVALID_DEVICE_STATE,
                       0);
    op = wsk_op_new(s->client, s, WSK_OP_ACCEPT, Irp);
    if (op == NULL)
        return wsk_now(s, Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    op->accept_context = AcceptSocketContext;
    op->accept_dispatch = AcceptSocketDispatch;
    op->local_out = LocalAddress;
    op->remote_out = RemoteAddress;
    return wsk_op_queue(op, &s->in_q);
}

static NTSTATUS WSKAPI wsk_inspect_complete(PWSK_SOCKET ListenSocket, PWSK_INSPECT_ID InspectID,
                                            WSK_INSPECT_ACTION Action, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(ListenSocket);
    (void)InspectID;
    (void)Action;
    if (Irp == NULL)
        return STATUS_NOT_SUPPORTED;
    return wsk_now(s, Irp, STATUS_NOT_SUPPORTED, 0);
}

static NTSTATUS wsk_name(PWSK_SOCKET Socket, BOOLEAN peer, PSOCKADDR Address, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    struct os_net_addr a;
    union wsk_sockaddr out;
    NTSTATUS status;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    status = Address == NULL ? STATUS_INVALID_PARAMETER : wsk_status(os_net_name(s->fd, peer, &a));
    if (NT_SUCCESS(status)) {
        wsk_addr_out(&a, &out);
        memcpy(Address, &out, a.family == 4 ? sizeof(SOCKADDR_IN) : sizeof(SOCKADDR_IN6));
    }
    return wsk_now(s, Irp, status, 0);
}

static NTSTATUS WSKAPI wsk_get_local_address(PWSK_SOCKET Socket, PSOCKADDR LocalAddress, PIRP Irp)
{
    return wsk_name(Socket, FALSE, LocalAddress, Irp);
}

static NTSTATUS WSKAPI wsk_get_remote_address(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PIRP Irp)
{
    return wsk_name(Socket, TRUE, RemoteAddress, Irp);
}

/* Starts a connect; the poll thread finishes it when the socket turns writable. */
NTSTATUS wsk_connect_start(struct wsk_socket *s, PSOCKADDR RemoteAddress, PIRP Irp,
                           BOOLEAN socket_connect)
{
    struct os_net_addr a;
    struct wsk_op *op;
    enum os_net_status st;
    NTSTATUS status = wsk_addr_in(RemoteAddress, s->family, &a);
    if (!NT_SUCCESS(status))
        return status;
    st = os_net_connect(s->fd, &a);
    if (st != OS_NET_OK && st != OS_NET_AGAIN)
        return wsk_status(st);
    op = wsk_op_new(s->client, s, WSK_OP_CONNECT, Irp);
    if (op == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    op->socket_connect = socket_connect;
    return wsk_op_queue(op, &s->out_q);
}

static NTSTATUS WSKAPI wsk_connect(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, ULONG Flags,
                                   PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    NTSTATUS status;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    status = Flags != 0  ? STATUS_INVALID_PARAMETER
             : !s->bound ? STATUS_INVALID_DEVICE_STATE
                         : wsk_connect_start(s, RemoteAddress, Irp, FALSE);
    return status == STATUS_PENDING ? status : wsk_now(s, Irp, status, 0);
}

static NTSTATUS wsk_transfer(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp,
                             enum wsk_op_kind kind)
{
    struct wsk_socket *s = wsk_of(Socket);
    struct wsk_op *op;
    NTSTATUS status;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    if (kind == WSK_OP_DISCONNECT ? (Flags & ~WSK_FLAG_ABORTIVE) != 0 : Flags != 0)
        return wsk_now(s, Irp, STATUS_NOT_SUPPORTED, 0);
    op = wsk_op_new(s->client, s, kind, Irp);
    if (op == NULL)
        return wsk_now(s, Irp, STATUS_INSUFFICIENT_RESOURCES, 0);
    status = Buffer != NULL              ? wsk_op_buffer(op, Buffer)
             : kind == WSK_OP_DISCONNECT ? STATUS_SUCCESS
                                         : STATUS_INVALID_PARAMETER;
    os_mutex_lock(&wsk_lock);
    if (NT_SUCCESS(status) && s->aborted && kind != WSK_OP_DISCONNECT)
        status = STATUS_CONNECTION_ABORTED;
    os_mutex_unlock(&wsk_lock);
    if (!NT_SUCCESS(status)) {
        wsk_irp_take(Irp);
        wsk_op_finish(op, status, 0);
        return STATUS_PENDING;
    }
    return wsk_op_queue(op, kind == WSK_OP_RECEIVE ? &s->in_q : &s->out_q);
}

static NTSTATUS WSKAPI wsk_send(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp)
{
    return wsk_transfer(Socket, Buffer, Flags, Irp, WSK_OP_SEND);
}

static NTSTATUS WSKAPI wsk_receive(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp)
{
    return wsk_transfer(Socket, Buffer, Flags, Irp, WSK_OP_RECEIVE);
}

/* Abortive: the connection is reset at once; pending sends end with STATUS_CANCELLED.
 * Deviation (the reference gives no status): pending and later receives and sends fail with
 * STATUS_CONNECTION_ABORTED, the connection having been aborted on this side. */
static NTSTATUS wsk_abort(struct wsk_socket *s, PWSK_BUF Buffer, PIRP Irp)
{
    NTSTATUS status = STATUS_SUCCESS;
    if (Buffer != NULL)
        return wsk_now(s, Irp, STATUS_INVALID_PARAMETER, 0);
    os_mutex_lock(&wsk_lock);
    wsk_cancel_queue(&s->out_q);
    wsk_end_queue(&s->in_q, STATUS_CONNECTION_ABORTED);
    if (!s->aborted)
        status = wsk_status(os_net_abort(s->fd));
    s->aborted = s->sent_fin = s->got_eof = TRUE;
    os_mutex_unlock(&wsk_lock);
    return wsk_now(s, Irp, status, 0);
}

static NTSTATUS WSKAPI wsk_disconnect(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags, PIRP Irp)
{
    if (Irp != NULL && (Flags & WSK_FLAG_ABORTIVE))
        return wsk_abort(wsk_of(Socket), Buffer, Irp);
    return wsk_transfer(Socket, Buffer, Flags, Irp, WSK_OP_DISCONNECT);
}

static NTSTATUS WSKAPI wsk_release(PWSK_SOCKET Socket, PWSK_DATA_INDICATION DataIndication)
{
    (void)wsk_of(Socket);
    (void)DataIndication;
    return STATUS_NOT_SUPPORTED; /* no receive events, so no indication to give back */
}

static NTSTATUS WSKAPI wsk_connect_ex(PWSK_SOCKET Socket, PSOCKADDR RemoteAddress, PWSK_BUF Buffer,
                                      ULONG Flags, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    (void)RemoteAddress;
    (void)Buffer;
    (void)Flags;
    return Irp == NULL ? STATUS_INVALID_PARAMETER : wsk_now(s, Irp, STATUS_NOT_SUPPORTED, 0);
}

static NTSTATUS WSKAPI wsk_send_ex(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                   ULONG ControlInfoLength, PCMSGHDR ControlInfo, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    (void)Buffer;
    (void)Flags;
    (void)ControlInfoLength;
    (void)ControlInfo;
    return Irp == NULL ? STATUS_INVALID_PARAMETER : wsk_now(s, Irp, STATUS_NOT_SUPPORTED, 0);
}

static NTSTATUS WSKAPI wsk_receive_ex(PWSK_SOCKET Socket, PWSK_BUF Buffer, ULONG Flags,
                                      PULONG ControlInfoLength, PCMSGHDR ControlInfo,
                                      PULONG ControlFlags, PIRP Irp)
{
    struct wsk_socket *s = wsk_of(Socket);
    (void)Buffer;
    (void)Flags;
    (void)ControlInfoLength;
    (void)ControlInfo;
    (void)ControlFlags;
    return Irp == NULL ? STATUS_INVALID_PARAMETER : wsk_now(s, Irp, STATUS_NOT_SUPPORTED, 0);
}

const WSK_PROVIDER_LISTEN_DISPATCH wsk_listen_dispatch = {
    .WskControlSocket = wsk_control_socket,
    .WskCloseSocket = wsk_close_socket,
    .WskBind = wsk_bind,
    .WskAccept = wsk_accept,
    .WskInspectComplete = wsk_inspect_complete,
    .WskGetLocalAddress = wsk_get_local_address,
};

const WSK_PROVIDER_CONNECTION_DISPATCH wsk_connection_dispatch = {
    .WskControlSocket = wsk_control_socket,
    .WskCloseSocket = wsk_close_socket,
    .WskBind = wsk_bind,
    .WskConnect = wsk_connect,
    .WskGetLocalAddress = wsk_get_local_address,
    .WskGetRemoteAddress = wsk_get_remote_address,
    .WskSend = wsk_send,
    .WskReceive = wsk_receive,
    .WskDisconnect = wsk_disconnect,
    .WskRelease = wsk_release,
    .WskConnectEx = wsk_connect_ex,
    .WskSendEx = wsk_send_ex,
    .WskReceiveEx = wsk_receive_ex,
};
