/*
 * poll.c - the WSK provider's poll thread: waits (poll) until a socket with queued operations is
 * ready, then runs the head operation's non-blocking socket call and hands the finished
 * operation to a worker thread (op.c). Listening sockets with accept events enabled are polled
 * all the time; each connection they accept becomes an accept event callback.
 *
 * Locking: the thread holds wsk_lock except while it is in poll(). For that time it holds a
 * reference on every socket it polls, so none is freed under it; a socket closed meanwhile has
 * its Linux socket closed and is skipped. Started with the first socket, stopped by
 * wsk_shutdown; a wake descriptor (eventfd) interrupts poll() when work is queued.
 */
#include "wsk/wsk_private.h"

#include "ex/ex.h"

#include <string.h>

/* How long accept events wait after an accept that failed (EMFILE and the like). */
#define WSK_ACCEPT_RETRY_NS (100 * 1000 * 1000ull)

static os_thread wsk_poll_thread;
static int wsk_wake_fd = -1;
static BOOLEAN wsk_poll_started, wsk_poll_stop;

static void wsk_poll_start(void);

/* Starts the poll thread with the first operation; wakes it so that it polls the new one. */
void wsk_poll_wake(void)
{
    int fd;
    os_mutex_lock(&wsk_lock);
    if (!wsk_poll_started)
        wsk_poll_start();
    fd = wsk_wake_fd;
    os_mutex_unlock(&wsk_lock);
    if (fd >= 0)
        os_wake_signal(fd);
}

static struct wsk_socket *wsk_head(PLIST_ENTRY queue)
{
    return IsListEmpty(queue) ? NULL : CONTAINING_RECORD(queue->Flink, struct wsk_op, link)->sock;
}

static struct wsk_op *wsk_head_op(PLIST_ENTRY queue)
{
    return IsListEmpty(queue) ? NULL : CONTAINING_RECORD(queue->Flink, struct wsk_op, link);
}

/* The head operation, claimed from cancellation (op.c): NULL when the queue is empty. One being
 * cancelled is skipped (its cancel routine completes it). */
static struct wsk_op *wsk_claim_head(PLIST_ENTRY queue)
{
    struct wsk_op *op;
    while ((op = wsk_head_op(queue)) != NULL && !wsk_op_claim(op))
        ;
    return op;
}

static void wsk_done(struct wsk_op *op, NTSTATUS status, ULONG_PTR info)
{
    RemoveEntryList(&op->link);
    wsk_op_finish(op, status, info);
}

/* Accepts one connection into a new connection socket; NULL with *status when none. */
static struct wsk_socket *wsk_accept_one(struct wsk_socket *s, struct wsk_op *op,
                                         enum os_net_status *status)
{
    struct os_net_addr local, remote;
    struct wsk_socket *acc;
    int fd = -1;
    *status = os_net_accept(s->fd, &fd);
    if (*status != OS_NET_OK)
        return NULL;
    os_net_name(fd, FALSE, &local);
    os_net_name(fd, TRUE, &remote);
    wsk_addr_out(&local, &op->local);
    wsk_addr_out(&remote, &op->remote);
    acc = wsk_socket_new_locked(s->client, WSK_CAT_CONNECTION, fd, s->family);
    if (acc == NULL) {
        os_net_close(fd, TRUE);
        *status = OS_NET_NO_MEMORY;
    }
    return acc;
}

static void wsk_service_accept(struct wsk_socket *s)
{
    enum os_net_status st = OS_NET_OK;
    struct wsk_op *op;
    while ((op = wsk_claim_head(&s->in_q)) != NULL) {
        struct wsk_socket *acc = wsk_accept_one(s, op, &st);
        if (st == OS_NET_AGAIN) {
            if (wsk_op_rearm(op))
                return;
            continue; /* cancelled meanwhile */
        }
        if (acc == NULL) {
            wsk_done(op, wsk_status(st), 0);
            continue;
        }
        acc->context = op->accept_context;
        acc->client_dispatch = op->accept_dispatch;
        if (op->local_out)
            memcpy(op->local_out, &op->local, sizeof(op->local));
        if (op->remote_out)
            memcpy(op->remote_out, &op->remote, sizeof(op->remote));
        wsk_done(op, STATUS_SUCCESS, (ULONG_PTR)&acc->pub);
    }
    /* No WskAccept waiting: with accept events on, each new connection is offered by a call. */
    while ((s->events & WSK_EVENT_ACCEPT) && st == OS_NET_OK) {
        struct wsk_op *ev = wsk_op_new_locked(s->client, s, WSK_OP_ACCEPT_EVENT, NULL);
        if (ev == NULL)
            return;
        ev->accepted = wsk_accept_one(s, ev, &st);
        if (ev->accepted == NULL) {
            s->client->busy--;
            ex_free(ev);
            if (st != OS_NET_AGAIN) /* the connection stays queued: retry later */
                s->accept_retry_ns = os_monotonic_ns() + WSK_ACCEPT_RETRY_NS;
            return;
        }
        s->refs++; /* released after the callback */
        /* session 14: the accepted socket too: the driver may close it (on any thread) as soon
         * as its WskAcceptEvent accepted it, before the event stores its context (op.c) */
        ev->accepted->refs++;
        wsk_op_finish(ev, STATUS_SUCCESS, 0);
    }
}

static void wsk_service_receive(struct wsk_socket *s)
{
    struct wsk_op *op;
    while ((op = wsk_claim_head(&s->in_q)) != NULL) {
        size_t n = 0;
        enum os_net_status st = os_net_recv(s->fd, op->iov, op->iov_count, &n);
        if (st == OS_NET_AGAIN) {
            if (wsk_op_rearm(op))
                return;
            continue; /* cancelled meanwhile */
        }
        if (st == OS_NET_OK && n == 0 && op->length != 0)
            s->got_eof = TRUE; /* the peer's graceful disconnect: a receive of 0 bytes */
        wsk_done(op, wsk_status(st), st == OS_NET_OK ? n : 0);
    }
}

/* Sends what is left of the operation's buffer; TRUE when all of it went. */
static BOOLEAN wsk_send_some(struct wsk_socket *s, struct wsk_op *op, enum os_net_status *st)
{
    while (op->done < op->length) {
        size_t n = 0;
        *st = os_net_send(s->fd, op->iov, op->iov_count, &n);
        if (*st != OS_NET_OK)
            return FALSE;
        op->done += n;
        while (n != 0 && op->iov_count != 0) { /* drop what went from the front */
            size_t take = n < op->iov[0].len ? n : op->iov[0].len;
            op->iov[0].base = (char *)op->iov[0].base + take;
            op->iov[0].len -= take;
            n -= take;
            if (op->iov[0].len == 0) {
                memmove(op->iov, op->iov + 1, sizeof(*op->iov) * (size_t)--op->iov_count);
            }
        }
    }
    *st = OS_NET_OK;
    return TRUE;
}

static void wsk_service_out(struct wsk_socket *s)
{
    struct wsk_op *op;
    while ((op = wsk_claim_head(&s->out_q)) != NULL) {
        enum os_net_status st = OS_NET_OK;
        if (op->kind == WSK_OP_CONNECT) {
            st = os_net_connect_result(s->fd);
            wsk_done(op, wsk_status(st),
                     op->socket_connect && st == OS_NET_OK ? (ULONG_PTR)&s->pub : 0);
            continue;
        }
        if (!wsk_send_some(s, op, &st)) {
            if (st == OS_NET_AGAIN) {
                if (wsk_op_rearm(op))
                    return;
                continue; /* cancelled meanwhile */
            }
            wsk_done(op, wsk_status(st), op->done);
            continue;
        }
        if (op->kind == WSK_OP_DISCONNECT) {
            st = os_net_shutdown_send(s->fd);
            s->sent_fin = st == OS_NET_OK;
        }
        wsk_done(op, wsk_status(st), op->kind == WSK_OP_SEND ? op->done : 0);
    }
}

/* Runs what the readiness `got` allows on the socket (wsk_lock held). */
void wsk_service(struct wsk_socket *s, short got)
{
    if (s->closed || s->fd < 0)
        return;
    if (got & (OS_POLL_IN | OS_POLL_ERR)) {
        if (s->category == WSK_CAT_LISTEN)
            wsk_service_accept(s);
        else
            wsk_service_receive(s);
    }
    if (got & (OS_POLL_OUT | OS_POLL_ERR))
        wsk_service_out(s);
}

struct wsk_poll_set {
    struct os_poll_entry *entries;
    struct wsk_socket **socks;
    unsigned count, capacity;
};

static BOOLEAN wsk_poll_add(struct wsk_poll_set *set, int fd, short want, struct wsk_socket *s)
{
    if (set->count == set->capacity) {
        unsigned cap = set->capacity ? set->capacity * 2 : 16;
        struct os_poll_entry *e = ex_alloc(sizeof(*e) * cap, WSK_TAG);
        struct wsk_socket **k = ex_alloc(sizeof(*k) * cap, WSK_TAG);
        if (e == NULL || k == NULL) {
            ex_free(e);
            ex_free(k);
            return FALSE;
        }
        if (set->count) {
            memcpy(e, set->entries, sizeof(*e) * set->count);
            memcpy(k, set->socks, sizeof(*k) * set->count);
        }
        ex_free(set->entries);
        ex_free(set->socks);
        set->entries = e;
        set->socks = k;
        set->capacity = cap;
    }
    set->entries[set->count] = (struct os_poll_entry){.fd = fd, .want = want};
    set->socks[set->count++] = s;
    return TRUE;
}

/* Whether to poll a listening socket for accept events now; else shortens *timeout_ms to the end
 * of its back-off. */
static BOOLEAN wsk_accept_due(struct wsk_socket *s, uint64_t now, int *timeout_ms)
{
    int left;
    if (!(s->events & WSK_EVENT_ACCEPT))
        return FALSE;
    if (now >= s->accept_retry_ns)
        return TRUE;
    left = (int)((s->accept_retry_ns - now) / 1000000u) + 1;
    if (*timeout_ms < 0 || left < *timeout_ms)
        *timeout_ms = left;
    return FALSE;
}

/* Every live socket with something to wait for, referenced, and the poll's time-out (wsk_lock
 * held). */
static void wsk_poll_build(struct wsk_poll_set *set, int *timeout_ms)
{
    PLIST_ENTRY live = wsk_live_list();
    uint64_t now = os_monotonic_ns();
    *timeout_ms = -1;
    set->count = 0;
    wsk_poll_add(set, wsk_wake_fd, OS_POLL_IN, NULL);
    for (PLIST_ENTRY e = live->Flink; e != live; e = e->Flink) {
        struct wsk_socket *s = CONTAINING_RECORD(e, struct wsk_socket, live);
        short want = 0;
        if (s->fd < 0)
            continue;
        if (wsk_head(&s->in_q) || wsk_accept_due(s, now, timeout_ms))
            want |= OS_POLL_IN;
        if (wsk_head(&s->out_q))
            want |= OS_POLL_OUT;
        if (want && wsk_poll_add(set, s->fd, want, s))
            s->refs++;
    }
}

static void *wsk_poll_main(void *arg)
{
    struct wsk_poll_set set = {0};
    int timeout_ms;
    (void)arg;
    os_mutex_lock(&wsk_lock);
    while (!wsk_poll_stop) {
        wsk_poll_build(&set, &timeout_ms);
        os_mutex_unlock(&wsk_lock);
        os_net_poll(set.entries, set.count, timeout_ms);
        if (set.entries[0].got)
            os_wake_drain(wsk_wake_fd);
        os_mutex_lock(&wsk_lock);
        for (unsigned i = 1; i < set.count; i++)
            if (set.entries[i].got)
                wsk_service(set.socks[i], set.entries[i].got);
        for (unsigned i = 1; i < set.count; i++) {
            os_mutex_unlock(&wsk_lock);
            wsk_socket_release(set.socks[i]);
            os_mutex_lock(&wsk_lock);
        }
    }
    os_mutex_unlock(&wsk_lock);
    ex_free(set.entries);
    ex_free(set.socks);
    return NULL;
}

/* wsk_lock held. */
static void wsk_poll_start(void)
{
    wsk_wake_fd = os_wake_create();
    if (wsk_wake_fd < 0)
        return;
    if (os_thread_create(&wsk_poll_thread, wsk_poll_main, NULL, "wsk-poll") != 0) {
        os_wake_close(wsk_wake_fd);
        wsk_wake_fd = -1;
        return;
    }
    wsk_poll_started = TRUE;
}

void wsk_shutdown(void)
{
    os_mutex_lock(&wsk_lock);
    if (!wsk_poll_started) {
        os_mutex_unlock(&wsk_lock);
        return;
    }
    wsk_poll_stop = TRUE;
    os_mutex_unlock(&wsk_lock);
    os_wake_signal(wsk_wake_fd);
    os_thread_join(&wsk_poll_thread);
    os_wake_close(wsk_wake_fd);
    wsk_wake_fd = -1;
    os_mutex_lock(&wsk_lock);
    wsk_poll_started = FALSE;
    wsk_poll_stop = FALSE;
    os_mutex_unlock(&wsk_lock);
}
