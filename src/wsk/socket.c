/*
 * socket.c - WSK socket objects: creation over a Linux TCP socket, the live list every provider
 * call checks its socket against, references, closing, and the conversions between Windows
 * socket addresses and statuses and the platform layer's.
 *
 * Deviation: a call on a socket that was already closed (WskCloseSocket twice, a send after
 * close) reads freed memory on Windows, whose outcome is undefined; drvhost finds the socket
 * missing from its live list and reports bug check 0x50 PAGE_FAULT_IN_NONPAGED_AREA (the
 * socket's address, a read, the caller's address, 0), what a read of freed pool ends in.
 */
#include "wsk/wsk_private.h"

#include "ex/ex.h"
#include "ke/ke.h"

#include <string.h>

#define WSK_BUGCHECK_PAGE_FAULT 0x50

os_mutex wsk_lock = OS_MUTEX_INIT;
static LIST_ENTRY wsk_live = {&wsk_live, &wsk_live};

PLIST_ENTRY wsk_live_list(void)
{
    return &wsk_live;
}

/* A new socket of the client over the Linux socket fd (wsk_lock held). */
struct wsk_socket *wsk_socket_new_locked(struct wsk_client *client, enum wsk_category category,
                                         int fd, int family)
{
    struct wsk_socket *s = ex_alloc(sizeof(*s), WSK_TAG);
    if (s == NULL)
        return NULL;
    memset(s, 0, sizeof(*s));
    s->pub.Dispatch = category == WSK_CAT_LISTEN ? (const VOID *)&wsk_listen_dispatch
                                                 : (const VOID *)&wsk_connection_dispatch;
    s->client = client;
    s->category = category;
    s->fd = fd;
    s->family = family;
    s->refs = 1;
    InitializeListHead(&s->in_q);
    InitializeListHead(&s->out_q);
    InsertTailList(&wsk_live, &s->live);
    client->sockets++;
    return s;
}

struct wsk_socket *wsk_socket_new(struct wsk_client *client, enum wsk_category category, int fd,
                                  int family)
{
    struct wsk_socket *s;
    os_mutex_lock(&wsk_lock);
    s = wsk_socket_new_locked(client, category, fd, family);
    os_mutex_unlock(&wsk_lock);
    return s;
}

/* The socket behind an application's PWSK_SOCKET, or the bug check a freed one earns. */
struct wsk_socket *wsk_socket_check(PWSK_SOCKET socket, const void *caller)
{
    os_mutex_lock(&wsk_lock);
    for (PLIST_ENTRY e = wsk_live.Flink; e != &wsk_live; e = e->Flink) {
        struct wsk_socket *s = CONTAINING_RECORD(e, struct wsk_socket, live);
        if (&s->pub == socket) {
            os_mutex_unlock(&wsk_lock);
            return s;
        }
    }
    os_mutex_unlock(&wsk_lock);
    ke_bugcheck_msg(WSK_BUGCHECK_PAGE_FAULT, (ULONG_PTR)socket, 0, (ULONG_PTR)caller, 0,
                    "a WSK socket function was called on socket %p, which is not open (closed "
                    "already, or never created by WskSocket, WskSocketConnect or an accept)",
                    (void *)socket);
}

/* Closes the Linux socket (wsk_lock held): abortively for a connection not disconnected in
 * both directions, as WskCloseSocket does. */
void wsk_socket_close_fd(struct wsk_socket *s)
{
    if (s->fd < 0)
        return;
    /* The poll thread's poll() keeps the Linux socket alive until it returns (it holds the
     * file); a closed listening socket must refuse connections from the close's completion
     * on (session 14: tcp_echo.scn saw a connection accepted after WskCloseSocket, 1 run in
     * 20). */
    if (s->category == WSK_CAT_LISTEN)
        os_net_stop_listening(s->fd);
    os_net_close(s->fd, s->category == WSK_CAT_CONNECTION && !(s->sent_fin && s->got_eof));
    s->fd = -1;
}

/* Takes the socket out of the live list and cancels its pending operations (wsk_lock held). */
void wsk_socket_unlink(struct wsk_socket *s)
{
    s->closed = TRUE;
    RemoveEntryList(&s->live);
    wsk_cancel_queue(&s->in_q);
    wsk_cancel_queue(&s->out_q);
}

void wsk_socket_release(struct wsk_socket *s)
{
    LONG left;
    os_mutex_lock(&wsk_lock);
    left = --s->refs;
    if (left == 0)
        wsk_socket_close_fd(s);
    os_mutex_unlock(&wsk_lock);
    if (left == 0)
        ex_free(s);
}

/* The provider's own close of a socket the application never saw or refused. */
void wsk_socket_drop(struct wsk_socket *s)
{
    os_mutex_lock(&wsk_lock);
    if (!s->closed) {
        wsk_socket_unlink(s);
        wsk_socket_close_fd(s);
        s->client->sockets--;
        os_cond_broadcast(&s->client->idle);
    }
    os_mutex_unlock(&wsk_lock);
    wsk_socket_release(s);
}

NTSTATUS wsk_status(enum os_net_status status)
{
    static const NTSTATUS map[] = {
        [OS_NET_OK] = STATUS_SUCCESS,
        [OS_NET_AGAIN] = STATUS_PENDING,
        [OS_NET_RESET] = STATUS_CONNECTION_RESET,
        [OS_NET_ABORTED] = STATUS_CONNECTION_ABORTED,
        [OS_NET_REFUSED] = STATUS_CONNECTION_REFUSED,
        [OS_NET_IN_USE] = STATUS_ADDRESS_ALREADY_EXISTS,
        [OS_NET_NO_ADDRESS] = STATUS_INVALID_ADDRESS_COMPONENT,
        [OS_NET_UNREACHABLE] = STATUS_NETWORK_UNREACHABLE,
        [OS_NET_NOT_CONNECTED] = STATUS_INVALID_CONNECTION,
        [OS_NET_NO_MEMORY] = STATUS_INSUFFICIENT_RESOURCES,
        [OS_NET_DENIED] = STATUS_ACCESS_DENIED,
        [OS_NET_INVALID] = STATUS_INVALID_PARAMETER,
        [OS_NET_TIMEOUT] = STATUS_IO_TIMEOUT,
        [OS_NET_ERROR] = STATUS_UNSUCCESSFUL,
    };
    return (unsigned)status < sizeof(map) / sizeof(map[0]) ? map[status] : STATUS_UNSUCCESSFUL;
}

/* A Windows SOCKADDR_IN or SOCKADDR_IN6 of the socket's family (0: either). */
NTSTATUS wsk_addr_in(const SOCKADDR *sa, int family, struct os_net_addr *out)
{
    memset(out, 0, sizeof(*out));
    if (sa == NULL)
        return STATUS_INVALID_PARAMETER;
    if (sa->sa_family == AF_INET && family != 6) {
        const SOCKADDR_IN *in = (const SOCKADDR_IN *)sa;
        out->family = 4;
        out->port = in->sin_port;
        memcpy(out->addr, &in->sin_addr, 4);
        return STATUS_SUCCESS;
    }
    if (sa->sa_family == AF_INET6 && family != 4) {
        const SOCKADDR_IN6 *in6 = (const SOCKADDR_IN6 *)sa;
        out->family = 6;
        out->port = in6->sin6_port;
        out->flowinfo = in6->sin6_flowinfo;
        out->scope = in6->sin6_scope_id;
        memcpy(out->addr, &in6->sin6_addr, 16);
        return STATUS_SUCCESS;
    }
    return STATUS_INVALID_PARAMETER;
}

void wsk_addr_out(const struct os_net_addr *a, union wsk_sockaddr *out)
{
    memset(out, 0, sizeof(*out));
    if (a->family == 4) {
        out->in.sin_family = AF_INET;
        out->in.sin_port = a->port;
        memcpy(&out->in.sin_addr, a->addr, 4);
        return;
    }
    out->in6.sin6_family = AF_INET6;
    out->in6.sin6_port = a->port;
    out->in6.sin6_flowinfo = a->flowinfo;
    out->in6.sin6_scope_id = a->scope;
    memcpy(&out->in6.sin6_addr, a->addr, 16);
}

/* Deviation: only TCP over IPv4 and IPv6 is modelled. Another address family fails with
 * STATUS_INVALID_PARAMETER, another socket type or protocol with STATUS_NOT_SUPPORTED (the
 * reference gives no status for either: "other status codes"). */
NTSTATUS wsk_socket_create(struct wsk_client *client, ADDRESS_FAMILY family, USHORT type,
                           ULONG protocol, enum wsk_category category, struct wsk_socket **out)
{
    int fd = -1, fam = family == AF_INET ? 4 : family == AF_INET6 ? 6 : 0;
    enum os_net_status st;
    if (fam == 0)
        return STATUS_INVALID_PARAMETER;
    if (type != SOCK_STREAM || (protocol != IPPROTO_TCP && protocol != 0))
        return STATUS_NOT_SUPPORTED;
    st = os_net_socket(fam, &fd);
    if (st != OS_NET_OK)
        return wsk_status(st);
    *out = wsk_socket_new(client, category, fd, fam);
    if (*out == NULL) {
        os_net_close(fd, FALSE);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    return STATUS_SUCCESS;
}
