/*
 * wsk_private.h - state shared by the files of the Winsock Kernel provider (src/wsk only).
 *
 * One lock (wsk_lock) guards every client, socket and pending operation. A provider routine
 * checks its arguments, queues an operation and returns STATUS_PENDING; the poll thread
 * (poll.c) runs the non-blocking socket call when Linux reports the socket ready; a system
 * worker thread (ex_queue_work) completes the IRP or makes the event callback, so that the
 * application's completion routines and callbacks never run inside the poll thread or under
 * wsk_lock.
 */
#ifndef DRVHOST_WSK_PRIVATE_H
#define DRVHOST_WSK_PRIVATE_H

#include <wsk.h>

#include "os/os.h"
#include "wsk/wsk.h"

#define WSK_TAG 'ksWD'

/* A registration (WskRegister): WSK_REGISTRATION.ReservedRegistrationContext points here. */
struct wsk_client {
    WSK_CLIENT_NPI npi;
    ULONG captures;      /* WskCaptureProviderNPI calls not yet released */
    ULONG sockets;       /* sockets whose close has not completed */
    ULONG busy;          /* operations whose IRP or callback has not finished */
    ULONG static_events; /* WSK_SET_STATIC_EVENT_CALLBACKS */
    BOOLEAN deregistering;
    os_cond idle; /* broadcast when a counter above drops */
};

enum wsk_category {
    WSK_CAT_LISTEN,
    WSK_CAT_CONNECTION
};

/* A socket. The application's PWSK_SOCKET is &pub. Alive (in wsk_live) from creation until
 * WskCloseSocket; freed when the last reference (creation, the poll thread's, an accept event's)
 * is dropped, which closes the Linux socket. */
struct wsk_socket {
    WSK_SOCKET pub;
    LIST_ENTRY live;
    struct wsk_client *client;
    enum wsk_category category;
    int fd;
    int family; /* 4 or 6 */
    PVOID context;
    const VOID *client_dispatch;
    ULONG events;    /* enabled event callbacks: WSK_EVENT_ACCEPT only */
    ULONG callbacks; /* event callbacks running */
    LONG refs;
    BOOLEAN closed, bound, sent_fin, got_eof, aborted;
    LIST_ENTRY in_q;  /* accepts or receives, in order */
    LIST_ENTRY out_q; /* connect, sends and graceful disconnects, in order */
    /* Accept events: after an accept that failed for want of resources (EMFILE, ENFILE, ENOMEM)
     * the socket is not polled for them until this time (os_monotonic_ns), or the poll thread
     * would spin on a connection it cannot take. */
    uint64_t accept_retry_ns;
};

enum wsk_op_kind {
    WSK_OP_DONE, /* nothing to wait for: completes from a worker */
    WSK_OP_ACCEPT,
    WSK_OP_CONNECT,
    WSK_OP_SEND,
    WSK_OP_RECEIVE,
    WSK_OP_DISCONNECT,
    WSK_OP_ACCEPT_EVENT, /* no IRP: calls the listening socket's WskAcceptEvent */
    WSK_OP_CLOSE
};

union wsk_sockaddr {
    SOCKADDR sa;
    SOCKADDR_IN in;
    SOCKADDR_IN6 in6;
};

struct wsk_op {
    LIST_ENTRY link;
    enum wsk_op_kind kind;
    struct wsk_client *client;
    struct wsk_socket *sock;
    PIRP irp;
    NTSTATUS status;
    ULONG_PTR info;
    struct os_iov *iov; /* send and receive: the WSK_BUF's pieces, consumed as data moves */
    int iov_count;
    size_t length, done;
    BOOLEAN socket_connect; /* WskSocketConnect: the socket is the result */
    /* WskAccept and accept events */
    PVOID accept_context;
    const WSK_CLIENT_CONNECTION_DISPATCH *accept_dispatch;
    PSOCKADDR local_out, remote_out;
    struct wsk_socket *accepted;
    union wsk_sockaddr local, remote;
};

extern os_mutex wsk_lock;
extern const WSK_PROVIDER_LISTEN_DISPATCH wsk_listen_dispatch;
extern const WSK_PROVIDER_CONNECTION_DISPATCH wsk_connection_dispatch;

/* socket.c */
PLIST_ENTRY wsk_live_list(void);
struct wsk_socket *wsk_socket_new_locked(struct wsk_client *client, enum wsk_category category,
                                         int fd, int family);
struct wsk_socket *wsk_socket_new(struct wsk_client *client, enum wsk_category category, int fd,
                                  int family);
struct wsk_socket *wsk_socket_check(PWSK_SOCKET socket, const void *caller);
void wsk_socket_release(struct wsk_socket *s);
void wsk_socket_drop(struct wsk_socket *s);
void wsk_socket_close_fd(struct wsk_socket *s);
void wsk_socket_unlink(struct wsk_socket *s);
NTSTATUS wsk_addr_in(const SOCKADDR *sa, int family, struct os_net_addr *out);
void wsk_addr_out(const struct os_net_addr *a, union wsk_sockaddr *out);
NTSTATUS wsk_socket_create(struct wsk_client *client, ADDRESS_FAMILY family, USHORT type,
                           ULONG protocol, enum wsk_category category, struct wsk_socket **out);

/* op.c */
struct wsk_op *wsk_op_new_locked(struct wsk_client *client, struct wsk_socket *s,
                                 enum wsk_op_kind kind, PIRP irp);
NTSTATUS wsk_irp_take(PIRP irp);
struct wsk_op *wsk_op_new(struct wsk_client *client, struct wsk_socket *s, enum wsk_op_kind kind,
                          PIRP irp);
NTSTATUS wsk_complete_later(struct wsk_client *client, PIRP irp, NTSTATUS status, ULONG_PTR info);
void wsk_op_finish(struct wsk_op *op, NTSTATUS status, ULONG_PTR info);
NTSTATUS wsk_op_buffer(struct wsk_op *op, const WSK_BUF *buf);
NTSTATUS wsk_op_queue(struct wsk_op *op, PLIST_ENTRY queue);
void wsk_cancel_queue(PLIST_ENTRY queue);
BOOLEAN wsk_op_claim(struct wsk_op *op);
BOOLEAN wsk_op_rearm(struct wsk_op *op);
void wsk_op_end(struct wsk_op *op, NTSTATUS status, ULONG_PTR info);
void wsk_end_queue(PLIST_ENTRY queue, NTSTATUS status);

/* dispatch.c */
NTSTATUS wsk_connect_start(struct wsk_socket *s, PSOCKADDR RemoteAddress, PIRP Irp,
                           BOOLEAN socket_connect);

/* poll.c */
void wsk_poll_wake(void);
void wsk_service(struct wsk_socket *s, short got);

#endif
