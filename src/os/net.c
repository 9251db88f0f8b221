/*
 * net.c - TCP sockets and readiness for the Winsock Kernel provider (src/wsk): thin wrappers
 * over the Linux socket calls. Every socket is non-blocking, so no call here waits; waiting is
 * os_net_poll's, in the provider's poll thread. Errors are reduced to os_net_status values, which
 * the provider turns into NTSTATUS.
 */
#include "os/os_private.h"

#include <errno.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

_Static_assert(sizeof(struct os_iov) == sizeof(struct iovec), "os_iov mirrors struct iovec");
_Static_assert(offsetof(struct os_iov, len) == offsetof(struct iovec, iov_len), "os_iov layout");

static enum os_net_status os_net_from_errno(int error)
{
    switch (error) {
    case 0:
        return OS_NET_OK;
    case EAGAIN:
    case EINPROGRESS:
    case EINTR:
        return OS_NET_AGAIN;
    case ECONNRESET:
    case EPIPE:
        return OS_NET_RESET;
    case ECONNABORTED:
        return OS_NET_ABORTED;
    case ECONNREFUSED:
        return OS_NET_REFUSED;
    case EADDRINUSE:
        return OS_NET_IN_USE;
    case EADDRNOTAVAIL:
        return OS_NET_NO_ADDRESS;
    case ENETUNREACH:
    case EHOSTUNREACH:
        return OS_NET_UNREACHABLE;
    case ENOTCONN:
        return OS_NET_NOT_CONNECTED;
    case ENOMEM:
    case ENOBUFS:
    case EMFILE:
    case ENFILE:
        return OS_NET_NO_MEMORY;
    case EACCES:
    case EPERM:
        return OS_NET_DENIED;
    case EINVAL:
    case EAFNOSUPPORT:
    case EISCONN:
        return OS_NET_INVALID;
    case ETIMEDOUT:
        return OS_NET_TIMEOUT;
    default:
        return OS_NET_ERROR;
    }
}

static enum os_net_status os_net_result(int rc)
{
    return rc < 0 ? os_net_from_errno(errno) : OS_NET_OK;
}

static socklen_t os_net_to_linux(const struct os_net_addr *a, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof(*ss));
    if (a->family == 4) {
        struct sockaddr_in *in = (struct sockaddr_in *)ss;
        in->sin_family = AF_INET;
        in->sin_port = a->port;
        memcpy(&in->sin_addr, a->addr, 4);
        return sizeof(*in);
    }
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = a->port;
    in6->sin6_flowinfo = a->flowinfo;
    in6->sin6_scope_id = a->scope;
    memcpy(&in6->sin6_addr, a->addr, 16);
    return sizeof(*in6);
}

static void os_net_from_linux(const struct sockaddr_storage *ss, struct os_net_addr *a)
{
    memset(a, 0, sizeof(*a));
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)ss;
        a->family = 4;
        a->port = in->sin_port;
        memcpy(a->addr, &in->sin_addr, 4);
        return;
    }
    const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ss;
    a->family = 6;
    a->port = in6->sin6_port;
    a->flowinfo = in6->sin6_flowinfo;
    a->scope = in6->sin6_scope_id;
    memcpy(a->addr, &in6->sin6_addr, 16);
}

enum os_net_status os_net_socket(int family, int *fd)
{
    int s = socket(family == 6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                   IPPROTO_TCP);
    if (s < 0)
        return os_net_from_errno(errno);
    *fd = s;
    return OS_NET_OK;
}

enum os_net_status os_net_bind(int fd, const struct os_net_addr *addr)
{
    struct sockaddr_storage ss;
    socklen_t len = os_net_to_linux(addr, &ss);
    return os_net_result(bind(fd, (struct sockaddr *)&ss, len));
}

enum os_net_status os_net_listen(int fd)
{
    return os_net_result(listen(fd, SOMAXCONN));
}

enum os_net_status os_net_accept(int fd, int *conn)
{
    int s = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (s < 0)
        return os_net_from_errno(errno);
    *conn = s;
    return OS_NET_OK;
}

enum os_net_status os_net_connect(int fd, const struct os_net_addr *addr)
{
    struct sockaddr_storage ss;
    socklen_t len = os_net_to_linux(addr, &ss);
    return os_net_result(connect(fd, (struct sockaddr *)&ss, len));
}

enum os_net_status os_net_connect_result(int fd)
{
    int error = 0;
    socklen_t len = sizeof(error);
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) < 0)
        return os_net_from_errno(errno);
    return os_net_from_errno(error);
}

enum os_net_status os_net_name(int fd, bool peer, struct os_net_addr *addr)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int rc = peer ? getpeername(fd, (struct sockaddr *)&ss, &len)
                  : getsockname(fd, (struct sockaddr *)&ss, &len);
    if (rc < 0)
        return os_net_from_errno(errno);
    os_net_from_linux(&ss, addr);
    return OS_NET_OK;
}

enum os_net_status os_net_set_v6only(int fd, bool on)
{
    int value = on;
    return os_net_result(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &value, sizeof(value)));
}

enum os_net_status os_net_send(int fd, const struct os_iov *iov, int count, size_t *done)
{
    struct msghdr m = {.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)count};
    ssize_t n = sendmsg(fd, &m, MSG_NOSIGNAL);
    if (n < 0)
        return os_net_from_errno(errno);
    *done = (size_t)n;
    return OS_NET_OK;
}

enum os_net_status os_net_recv(int fd, const struct os_iov *iov, int count, size_t *done)
{
    struct msghdr m = {.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)count};
    ssize_t n = recvmsg(fd, &m, 0);
    if (n < 0)
        return os_net_from_errno(errno);
    *done = (size_t)n;
    return OS_NET_OK;
}

enum os_net_status os_net_shutdown_send(int fd)
{
    return os_net_result(shutdown(fd, SHUT_WR));
}

/* A zero linger time makes the reset happen; connecting to AF_UNSPEC drops the connection
 * without closing the descriptor (Linux resets a TCP connection that is disconnected so). */
enum os_net_status os_net_abort(int fd)
{
    struct linger l = {.l_onoff = 1, .l_linger = 0};
    struct sockaddr unspec = {.sa_family = AF_UNSPEC};
    (void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    return os_net_result(connect(fd, &unspec, sizeof(unspec)));
}

void os_net_close(int fd, bool abortive)
{
    if (abortive) {
        struct linger l = {.l_onoff = 1, .l_linger = 0};
        (void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    }
    close(fd);
}

void os_net_stop_listening(int fd)
{
    (void)shutdown(fd, SHUT_RDWR);
}

int os_net_poll(struct os_poll_entry *entries, unsigned count, int timeout_ms)
{
    struct pollfd stack[64], *p = count <= 64 ? stack : calloc(count, sizeof(*p));
    int n;
    if (p == NULL)
        return -1;
    for (unsigned i = 0; i < count; i++) {
        p[i].fd = entries[i].fd;
        p[i].events = (short)(((entries[i].want & OS_POLL_IN) ? POLLIN : 0) |
                              ((entries[i].want & OS_POLL_OUT) ? POLLOUT : 0));
        p[i].revents = 0;
    }
    n = poll(p, count, timeout_ms);
    for (unsigned i = 0; i < count; i++) {
        short r = p[i].revents;
        entries[i].got = (short)(((r & (POLLIN | POLLHUP)) ? OS_POLL_IN : 0) |
                                 ((r & POLLOUT) ? OS_POLL_OUT : 0) |
                                 ((r & (POLLERR | POLLNVAL)) ? OS_POLL_ERR : 0));
    }
    if (p != stack)
        free(p);
    return n < 0 && errno == EINTR ? 0 : n;
}

int os_wake_create(void)
{
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void os_wake_signal(int fd)
{
    uint64_t one = 1;
    (void)!write(fd, &one, sizeof(one));
}

void os_wake_drain(int fd)
{
    uint64_t value;
    (void)!read(fd, &value, sizeof(value));
}

void os_wake_close(int fd)
{
    close(fd);
}

/* Waits until fd is ready for `events` or the deadline passed. */
static enum os_net_status os_net_wait(int fd, short events, uint64_t deadline_ns)
{
    struct pollfd p = {.fd = fd, .events = events};
    uint64_t now = os_monotonic_ns();
    int ms = now >= deadline_ns ? 0 : (int)((deadline_ns - now) / 1000000u) + 1;
    int n = poll(&p, 1, ms);
    if (n < 0)
        return os_net_from_errno(errno);
    return n == 0 ? OS_NET_TIMEOUT : OS_NET_OK;
}

static enum os_net_status os_net_dial(uint16_t port, int *fd, uint64_t deadline_ns)
{
    struct os_net_addr a = {.family = 4, .port = htons(port), .addr = {127, 0, 0, 1}};
    for (;;) {
        enum os_net_status st = os_net_socket(4, fd);
        if (st != OS_NET_OK)
            return st;
        st = os_net_connect(*fd, &a);
        if (st == OS_NET_AGAIN) {
            st = os_net_wait(*fd, POLLOUT, deadline_ns);
            if (st == OS_NET_OK)
                st = os_net_connect_result(*fd);
        }
        if (st == OS_NET_OK)
            return st;
        close(*fd);
        *fd = -1;
        if (st != OS_NET_REFUSED || os_monotonic_ns() >= deadline_ns)
            return st;
        os_sleep_ns(10 * 1000 * 1000); /* the listener may not be up yet */
    }
}

enum os_net_status os_net_exchange(uint16_t port, const void *data, size_t size, void *in,
                                   size_t cap, size_t *got, uint64_t deadline_ns)
{
    enum os_net_status st;
    size_t sent = 0;
    int fd = -1;
    *got = 0;
    st = os_net_dial(port, &fd, deadline_ns);
    while (st == OS_NET_OK && sent < size) {
        ssize_t n = send(fd, (const char *)data + sent, size - sent, MSG_NOSIGNAL);
        if (n >= 0)
            sent += (size_t)n;
        else if ((st = os_net_from_errno(errno)) == OS_NET_AGAIN)
            st = os_net_wait(fd, POLLOUT, deadline_ns);
    }
    if (st == OS_NET_OK)
        st = os_net_shutdown_send(fd);
    while (st == OS_NET_OK && *got < cap) {
        ssize_t n = recv(fd, (char *)in + *got, cap - *got, 0);
        if (n == 0)
            break; /* the peer closed */
        if (n > 0)
            *got += (size_t)n;
        else if ((st = os_net_from_errno(errno)) == OS_NET_AGAIN)
            st = os_net_wait(fd, POLLIN, deadline_ns);
    }
    if (fd >= 0)
        close(fd);
    return st;
}
