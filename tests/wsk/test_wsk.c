/*
 * test_wsk.c - Winsock Kernel over Linux sockets: wsktest.sys (drivers/wsktest.c) listens on
 * the loopback address through drvhost's WSK subsystem, the test connects with an ordinary
 * Linux socket and checks the echo and every status the driver recorded. Expected values are
 * the reference pages' (wdk-ddi-src/content/wsk); where they say only "other status codes",
 * the value drvhost chose is pinned and documented in docs/network.md.
 */
#include <wdm.h>

#include "harness.h"
#include "drivers/wsktest.h"

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <netinet/in.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define WIN_AF_INET  2
#define WIN_AF_INET6 23

static drvhost_file *open_wsktest(void)
{
    return harness_open_driver("wsktest", "\\\\.\\WskTest");
}

static WSKTEST_LISTEN_OUT listen_on(drvhost_file *f, ULONG family, ULONG mode)
{
    WSKTEST_LISTEN_IN in = {family, mode, 0};
    WSKTEST_LISTEN_OUT out;
    drvhost_iosb iosb;
    memset(&out, 0xEE, sizeof(out));
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_LISTEN, &in, sizeof(in), &out, sizeof(out), &iosb),
              STATUS_SUCCESS);
    return out;
}

static int connect_to(int family, USHORT port)
{
    int s = socket(family, SOCK_STREAM, 0);
    int rc;
    if (family == AF_INET) {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        rc = connect(s, (struct sockaddr *)&a, sizeof(a));
    } else {
        struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
        a.sin6_addr = in6addr_loopback;
        rc = connect(s, (struct sockaddr *)&a, sizeof(a));
    }
    ok(rc == 0, "connect to port %u failed\n", port);
    return s;
}

static USHORT local_port(int s)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    getsockname(s, (struct sockaddr *)&ss, &len);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port); /* same place for IPv6 */
}

/* Sends `size` bytes and reads them back. */
static void check_echo(int s, size_t size, unsigned char seed)
{
    static unsigned char out[20000], in[20000];
    size_t got = 0;
    for (size_t i = 0; i < size; i++)
        out[i] = (unsigned char)(seed + i * 7);
    ok(send(s, out, size, MSG_NOSIGNAL) == (ssize_t)size, "send of %zu bytes\n", size);
    while (got < size) {
        ssize_t n = read(s, in + got, size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    ok(got == size && memcmp(in, out, size) == 0, "echo of %zu bytes: got %zu\n", size, got);
}

static WSKTEST_RESULT result_of(drvhost_file *f)
{
    WSKTEST_RESULT r;
    drvhost_iosb iosb;
    memset(&r, 0, sizeof(r));
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_RESULT, NULL, 0, &r, sizeof(r), &iosb),
              STATUS_SUCCESS);
    return r;
}

static void stop(drvhost_file *f)
{
    ULONG status = 0;
    drvhost_iosb iosb;
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_STOP, NULL, 0, &status, sizeof(status), &iosb),
              STATUS_SUCCESS);
    ok_status((NTSTATUS)status, STATUS_SUCCESS);
}

static void check_listening(const WSKTEST_LISTEN_OUT *out, USHORT family)
{
    /* WskSocket, WskBind, WskGetLocalAddress: pending, then success in the IRP. */
    ok_status((NTSTATUS)out->SocketReturned, STATUS_PENDING);
    ok_status((NTSTATUS)out->SocketStatus, STATUS_SUCCESS);
    ok(out->SocketInfo != 0, "WskSocket's Information holds no socket\n");
    ok_status((NTSTATUS)out->EventStatus, STATUS_SUCCESS);
    ok_status((NTSTATUS)out->BindStatus, STATUS_SUCCESS);
    ok_status((NTSTATUS)out->AddressStatus, STATUS_SUCCESS);
    ok(out->Port != 0, "the listening socket got no port\n");
    ok(out->Family == family, "local address family %u, expected %u\n", out->Family, family);
}

/* The peer's graceful disconnect: a receive of 0 bytes, then the echo disconnects and closes. */
static void check_graceful(const WSKTEST_RESULT *r, size_t echoed, USHORT remote_port)
{
    ok(r->Accepted == 1, "%u connections accepted\n", r->Accepted);
    ok(r->Echoed == echoed, "%llu bytes echoed, expected %zu\n", (unsigned long long)r->Echoed,
       echoed);
    ok(r->RemotePort == remote_port, "remote port %u, expected %u\n", r->RemotePort, remote_port);
    ok_status((NTSTATUS)r->LastReceive, STATUS_SUCCESS);
    ok(r->LastReceiveInfo == 0, "the last receive got %llu bytes\n",
       (unsigned long long)r->LastReceiveInfo);
    ok_status((NTSTATUS)r->DisconnectStatus, STATUS_SUCCESS);
    ok_status((NTSTATUS)r->CloseStatus, STATUS_SUCCESS);
    ok(r->PendingReturned == 1, "an IRP completed without PendingReturned\n");
}

static WSKTEST_RESULT echo_session(drvhost_file *f, int family, USHORT port)
{
    int s = connect_to(family, port);
    USHORT mine = local_port(s);
    char end;
    check_echo(s, 5, 1);
    check_echo(s, 12000, 2); /* more than the driver's 4096-byte buffer: several rounds */
    shutdown(s, SHUT_WR);
    ok(read(s, &end, 1) == 0, "the echo did not disconnect after the peer did\n");
    close(s);
    WSKTEST_RESULT r = result_of(f);
    check_graceful(&r, 12005, mine);
    return r;
}

/* A listening socket of the family and mode, `sessions` echo sessions, the socket closed. */
static WSKTEST_RESULT listen_and_echo(ULONG win_family, int family, ULONG mode, int sessions)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, win_family, mode);
    WSKTEST_RESULT r = {0};
    check_listening(&out, (USHORT)win_family);
    for (int i = 0; i < sessions; i++)
        r = echo_session(f, family, out.Port);
    stop(f);
    drvhost_close(f);
    return r;
}

TEST(listen_with_accept_event_echoes_ipv4)
{
    /* Two sessions: the listening socket goes on accepting. */
    listen_and_echo(WIN_AF_INET, AF_INET, WSKTEST_MODE_EVENT, 2);
}

TEST(listen_with_accept_event_echoes_ipv6)
{
    WSKTEST_RESULT r = listen_and_echo(WIN_AF_INET6, AF_INET6, WSKTEST_MODE_EVENT, 1);
    ok(r.RemoteFamily == WIN_AF_INET6, "remote family %u\n", r.RemoteFamily);
}

TEST(wsk_accept_takes_a_connection_with_its_addresses)
{
    WSKTEST_RESULT r = listen_and_echo(WIN_AF_INET, AF_INET, WSKTEST_MODE_ACCEPT, 1);
    ok_status((NTSTATUS)r.AcceptStatus, STATUS_SUCCESS);
    ok(r.RemoteFamily == WIN_AF_INET, "remote family %u\n", r.RemoteFamily);
}

TEST(static_event_callbacks_give_new_listening_sockets_the_accept_event)
{
    listen_and_echo(WIN_AF_INET, AF_INET, WSKTEST_MODE_STATIC, 1);
}

TEST(bad_address_family_fails_the_socket_irp)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, 12345, WSKTEST_MODE_EVENT);
    /* "Other status codes: an error occurred, the IRP is completed with failure status";
     * drvhost's failure for an address family it does not model is STATUS_INVALID_PARAMETER. */
    ok_status((NTSTATUS)out.SocketReturned, STATUS_PENDING);
    ok_status((NTSTATUS)out.SocketStatus, STATUS_INVALID_PARAMETER);
    ok(out.SocketInfo == 0, "a failed WskSocket returned a socket\n");
    drvhost_close(f);
}

TEST(receive_after_peer_reset_fails_with_connection_reset)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_EVENT);
    struct linger l = {.l_onoff = 1, .l_linger = 0};
    int s = connect_to(AF_INET, out.Port);
    check_echo(s, 10, 4);
    setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
    close(s); /* a reset, not a graceful disconnect */
    WSKTEST_RESULT r = result_of(f);
    ok_status((NTSTATUS)r.LastReceive, STATUS_CONNECTION_RESET);
    ok(r.DisconnectStatus == WSKTEST_NOT_CALLED, "the echo disconnected a reset connection\n");
    ok_status((NTSTATUS)r.CloseStatus, STATUS_SUCCESS);
    stop(f);
    drvhost_close(f);
}

TEST(receive_after_abortive_disconnect_fails_and_peer_sees_reset)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_ABORT);
    int s = connect_to(AF_INET, out.Port);
    char end;
    check_echo(s, 10, 5);
    WSKTEST_RESULT r = result_of(f);
    ok_status((NTSTATUS)r.AbortStatus, STATUS_SUCCESS);
    /* "After an abortive disconnect, the application cannot receive any additional data". */
    ok_status((NTSTATUS)r.AfterAbort, STATUS_CONNECTION_ABORTED);
    ok_status((NTSTATUS)r.CloseStatus, STATUS_SUCCESS);
    ok(read(s, &end, 1) < 0, "the peer of an aborted connection read no error\n");
    close(s);
    stop(f);
    drvhost_close(f);
}

TEST(closing_a_connected_socket_resets_the_connection)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_CLOSE);
    int s = connect_to(AF_INET, out.Port);
    char end;
    check_echo(s, 10, 6);
    WSKTEST_RESULT r = result_of(f);
    ok_status((NTSTATUS)r.CloseStatus, STATUS_SUCCESS);
    /* "WskCloseSocket always performs an abortive disconnect of the socket unless the socket is
     * already fully disconnected in both directions." */
    errno = 0;
    ok(read(s, &end, 1) < 0 && errno == ECONNRESET, "the peer saw no reset (errno %d)\n", errno);
    close(s);
    stop(f);
    drvhost_close(f);
}

TEST(registration_routines)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_REGISTRATION r;
    drvhost_iosb iosb;
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_REGISTRATION, NULL, 0, &r, sizeof(r), &iosb),
              STATUS_SUCCESS);
    ok_status((NTSTATUS)r.Register, STATUS_SUCCESS);
    ok_status((NTSTATUS)r.Capture, STATUS_SUCCESS);
    ok(r.ProviderVersion == 0x0100, "provider dispatch version %#x\n", r.ProviderVersion);
    ok_status((NTSTATUS)r.ControlUnknown, STATUS_NOT_SUPPORTED);
    ok_status((NTSTATUS)r.QueryStatus, STATUS_SUCCESS);
    ok(r.Highest == 0x0100 && r.Lowest == 0x0100, "versions %#x..%#x\n", r.Lowest, r.Highest);
    /* "After WskDeregister is called, any further calls to WskCaptureProviderNPI will fail with
     * status code STATUS_DEVICE_NOT_READY". */
    ok_status((NTSTATUS)r.CaptureAfterDeregister, STATUS_DEVICE_NOT_READY);
    ok_status((NTSTATUS)r.RegisterV2, STATUS_SUCCESS);
    /* "The version requested by the WSK client is not supported by the WSK subsystem." */
    ok_status((NTSTATUS)r.CaptureV2, STATUS_NOINTERFACE);
    drvhost_close(f);
}

TEST(closing_a_socket_twice_is_bug_check_0x50)
{
    drvhost_file *f = open_wsktest();
    ULONG64 socket = 0;
    drvhost_iosb iosb;
    ok_status(
        harness_ioctl(f, IOCTL_WSKTEST_CLOSED_SOCKET, NULL, 0, &socket, sizeof(socket), &iosb),
        STATUS_SUCCESS);
    ok(socket != 0, "no socket was closed\n");
    /* The freed socket's address, a read, (the driver's call site: not known here), 0. */
    expect_bugcheck_params(0x50, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P4, socket, 0, 0, 0);
    harness_ioctl(f, IOCTL_WSKTEST_CLOSE, &socket, sizeof(socket), NULL, 0, &iosb);
}

TEST(closing_the_listening_socket_cancels_a_pending_accept)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_ACCEPT);
    check_listening(&out, WIN_AF_INET);
    stop(f); /* "causes the WSK subsystem to cancel and complete all pending IRPs" */
    WSKTEST_RESULT r = result_of(f);
    ok_status((NTSTATUS)r.AcceptStatus, STATUS_CANCELLED);
    ok(r.Accepted == 0, "%u connections accepted\n", r.Accepted);
    ok(r.PendingReturned == 1, "an IRP completed without PendingReturned\n");
    drvhost_close(f);
}

struct peer {
    int listener;
    char got[8];
    ssize_t got_len, end;
};

/* The far end of the driver's connection: reads "ping", answers "pong", reads the end. */
static void *peer_main(void *arg)
{
    struct peer *p = arg;
    int s = accept(p->listener, NULL, NULL);
    p->got_len = read(s, p->got, 4);
    send(s, "pong", 4, MSG_NOSIGNAL);
    p->end = read(s, p->got + 4, 4); /* 0: the driver's graceful disconnect */
    shutdown(s, SHUT_WR);
    close(s);
    return NULL;
}

static int loopback_listener(USHORT *port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 && listen(s, 1) == 0, "listener\n");
    *port = local_port(s);
    return s;
}

static WSKTEST_CONNECT_OUT connect_from_driver(drvhost_file *f, USHORT port)
{
    WSKTEST_CONNECT_IN in = {port};
    WSKTEST_CONNECT_OUT out;
    drvhost_iosb iosb;
    memset(&out, 0xEE, sizeof(out));
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_CONNECT, &in, sizeof(in), &out, sizeof(out), &iosb),
              STATUS_SUCCESS);
    return out;
}

TEST(wsk_socket_connect_sends_receives_and_disconnects)
{
    drvhost_file *f = open_wsktest();
    struct peer p = {0};
    pthread_t t;
    USHORT port;
    p.listener = loopback_listener(&port);
    pthread_create(&t, NULL, peer_main, &p);
    WSKTEST_CONNECT_OUT out = connect_from_driver(f, port);
    pthread_join(t, NULL);
    close(p.listener);
    ok_status((NTSTATUS)out.Connect, STATUS_SUCCESS);
    ok_status((NTSTATUS)out.RemoteStatus, STATUS_SUCCESS);
    ok(out.RemotePort == port, "remote port %u, expected %u\n", out.RemotePort, port);
    ok_status((NTSTATUS)out.Send, STATUS_SUCCESS);
    ok(out.Sent == 4, "sent %llu bytes\n", (unsigned long long)out.Sent);
    ok(p.got_len == 4 && memcmp(p.got, "ping", 4) == 0, "the peer read %zd bytes\n", p.got_len);
    ok_status((NTSTATUS)out.Receive, STATUS_SUCCESS);
    ok(out.Received == 4 && memcmp(out.Data, "pong", 4) == 0, "received %llu bytes\n",
       (unsigned long long)out.Received);
    ok_status((NTSTATUS)out.Disconnect, STATUS_SUCCESS);
    ok(p.end == 0, "the peer did not see the graceful disconnect (%zd)\n", p.end);
    ok_status((NTSTATUS)out.ReceiveEnd, STATUS_SUCCESS);
    ok(out.ReceivedEnd == 0, "the receive after the peer's end got %llu bytes\n",
       (unsigned long long)out.ReceivedEnd);
    ok_status((NTSTATUS)out.Close, STATUS_SUCCESS);
    drvhost_close(f);
}

TEST(wsk_socket_connect_to_a_closed_port_is_refused)
{
    drvhost_file *f = open_wsktest();
    USHORT port;
    int s = loopback_listener(&port);
    close(s); /* nothing listens there now */
    WSKTEST_CONNECT_OUT out = connect_from_driver(f, port);
    ok_status((NTSTATUS)out.Connect, STATUS_CONNECTION_REFUSED);
    drvhost_close(f);
}

/* ---- cancellation: "Using IRPs with Winsock Kernel Functions" lets the application cancel an
 * IRP it passed with IoCancelIrp; the operation then completes with STATUS_CANCELLED. */

struct sender {
    int listener;
    unsigned delay_ms; /* before the byte */
};

/* The far end: accepts, sends one byte after delay_ms, reads until the driver closes. */
static void *sender_main(void *arg)
{
    struct sender *p = arg;
    int s = accept(p->listener, NULL, NULL);
    char sink[16];
    usleep(p->delay_ms * 1000);
    send(s, "x", 1, MSG_NOSIGNAL);
    while (read(s, sink, sizeof(sink)) > 0)
        ;
    close(s);
    return NULL;
}

static WSKTEST_CANCEL_OUT cancel_in_driver(drvhost_file *f, USHORT port, ULONG what, ULONG us)
{
    WSKTEST_CANCEL_IN in = {port, what, us};
    WSKTEST_CANCEL_OUT out;
    drvhost_iosb iosb;
    memset(&out, 0xEE, sizeof(out));
    ok_status(harness_ioctl(f, IOCTL_WSKTEST_CANCEL, &in, sizeof(in), &out, sizeof(out), &iosb),
              STATUS_SUCCESS);
    return out;
}

/* One receive cancelled `us` microseconds after it was issued, the byte sent after `delay_ms`.
 * Returns TRUE when the cancel won. */
static int cancel_receive_once(drvhost_file *f, unsigned delay_ms, ULONG us)
{
    struct sender p = {0, delay_ms};
    pthread_t t;
    USHORT port;
    p.listener = loopback_listener(&port);
    pthread_create(&t, NULL, sender_main, &p);
    WSKTEST_CANCEL_OUT out = cancel_in_driver(f, port, WSKTEST_CANCEL_RECEIVE, us);
    pthread_join(t, NULL);
    close(p.listener);
    ok_status((NTSTATUS)out.Connect, STATUS_SUCCESS);
    /* IoCancelIrp found the cancel routine: the IRP completes with STATUS_CANCELLED. */
    if (out.CancelReturned)
        ok_status((NTSTATUS)out.Status, STATUS_CANCELLED);
    if ((NTSTATUS)out.Status == STATUS_CANCELLED) {
        ok(out.Information == 0, "a cancelled receive got %llu bytes\n",
           (unsigned long long)out.Information);
        /* Nothing was taken from the stream: the next receive gets the byte. */
        ok_status((NTSTATUS)out.After, STATUS_SUCCESS);
        ok(out.AfterInformation == 1, "the receive after the cancel got %llu bytes\n",
           (unsigned long long)out.AfterInformation);
    } else {
        ok_status((NTSTATUS)out.Status, STATUS_SUCCESS);
        ok(out.Information == 1, "received %llu bytes\n", (unsigned long long)out.Information);
        ok(out.After == WSKTEST_NOT_CALLED, "a second receive was made\n");
    }
    ok(out.Data == 'x', "received %#x, expected 'x'\n", out.Data);
    ok_status((NTSTATUS)out.Close, STATUS_SUCCESS);
    return (NTSTATUS)out.Status == STATUS_CANCELLED;
}

TEST(cancelling_a_pending_receive_completes_it_with_status_cancelled)
{
    drvhost_file *f = open_wsktest();
    /* The byte comes 200 ms later: the receive is pending when IoCancelIrp runs. */
    ok(cancel_receive_once(f, 200, 0), "the pending receive was not cancelled\n");
    drvhost_close(f);
}

TEST(cancelling_a_receive_the_provider_already_tried_completes_it)
{
    drvhost_file *f = open_wsktest();
    struct sender p = {0, 50};
    pthread_t t;
    USHORT port;
    p.listener = loopback_listener(&port);
    pthread_create(&t, NULL, sender_main, &p);
    /* The byte completes the first receive; the second, tried in the same pass, found nothing
     * and waits again: it must still be cancelable. */
    WSKTEST_CANCEL_OUT out = cancel_in_driver(f, port, WSKTEST_CANCEL_SECOND, 20 * 1000);
    pthread_join(t, NULL);
    close(p.listener);
    ok_status((NTSTATUS)out.Connect, STATUS_SUCCESS);
    ok_status((NTSTATUS)out.After, STATUS_SUCCESS);
    ok(out.AfterInformation == 1 && out.Data == 'x', "the first receive got %llu bytes (%#x)\n",
       (unsigned long long)out.AfterInformation, out.Data);
    ok(out.CancelReturned == 1, "IoCancelIrp returned %u\n", out.CancelReturned);
    ok_status((NTSTATUS)out.Status, STATUS_CANCELLED);
    ok(out.Information == 0, "the cancelled receive got %llu bytes\n",
       (unsigned long long)out.Information);
    ok_status((NTSTATUS)out.Close, STATUS_SUCCESS);
    drvhost_close(f);
}

TEST(cancelling_a_send_that_waits_keeps_the_part_sent)
{
    drvhost_file *f = open_wsktest();
    struct sender p = {0, 500}; /* reads only after 0.5 s */
    pthread_t t;
    USHORT port;
    p.listener = loopback_listener(&port);
    pthread_create(&t, NULL, sender_main, &p);
    WSKTEST_CANCEL_OUT out = cancel_in_driver(f, port, WSKTEST_CANCEL_SEND, 100 * 1000);
    pthread_join(t, NULL);
    close(p.listener);
    ok_status((NTSTATUS)out.Connect, STATUS_SUCCESS);
    ok(out.CancelReturned == 1, "IoCancelIrp returned %u\n", out.CancelReturned);
    ok_status((NTSTATUS)out.Status, STATUS_CANCELLED);
    /* drvhost's choice (docs/network.md): Information is what went before the cancel. */
    ok(out.Information > 0 && out.Information < WSKTEST_BIG_SEND, "%llu bytes sent\n",
       (unsigned long long)out.Information);
    ok_status((NTSTATUS)out.Close, STATUS_SUCCESS);
    drvhost_close(f);
}

TEST(cancel_racing_with_a_receive_completes_the_irp_once)
{
    drvhost_file *f = open_wsktest();
    int cancelled = 0, runs = 60;
    /* The byte is sent at once; the cancel comes 0 to ~300 us after the call: either outcome,
     * never both, never a lost byte. */
    for (int i = 0; i < runs; i++)
        cancelled += cancel_receive_once(f, 0, (ULONG)(i * 37 % 300));
    trace("%d of %d receives cancelled\n", cancelled, runs);
    drvhost_close(f);
}

TEST(cancelling_a_pending_connect_completes_it_with_status_cancelled)
{
    drvhost_file *f = open_wsktest();
    USHORT port;
    int s = loopback_listener(&port), fill[4];
    /* A listener that never accepts and whose queue is full leaves a connect pending (Linux
     * drops the SYN). */
    listen(s, 0);
    for (int i = 0; i < 4; i++) {
        fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connect(fill[i], (struct sockaddr *)&a, sizeof(a));
    }
    usleep(50 * 1000);
    WSKTEST_CANCEL_OUT out = cancel_in_driver(f, port, WSKTEST_CANCEL_CONNECT, 100 * 1000);
    ok(out.CancelReturned == 1, "IoCancelIrp returned %u\n", out.CancelReturned);
    ok_status((NTSTATUS)out.Status, STATUS_CANCELLED);
    ok(out.Information == 0, "a cancelled WskSocketConnect returned socket %#llx\n",
       (unsigned long long)out.Information);
    ok(out.Close == WSKTEST_NOT_CALLED, "a socket was closed\n");
    for (int i = 0; i < 4; i++)
        close(fill[i]);
    close(s);
    drvhost_close(f); /* the unload's WskDeregister waits for every socket: none left over */
}

TEST(cancelling_a_pending_accept_completes_it_and_the_socket_stays_open)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_ACCEPT);
    ULONG returned = 0xEE;
    drvhost_iosb iosb;
    check_listening(&out, WIN_AF_INET);
    ok_status(
        harness_ioctl(f, IOCTL_WSKTEST_CANCEL_ACCEPT, NULL, 0, &returned, sizeof(returned), &iosb),
        STATUS_SUCCESS);
    ok(returned == 1, "IoCancelIrp returned %u\n", returned);
    WSKTEST_RESULT r = result_of(f);
    ok_status((NTSTATUS)r.AcceptStatus, STATUS_CANCELLED);
    ok(r.Accepted == 0, "%u connections accepted\n", r.Accepted);
    ok(r.PendingReturned == 1, "an IRP completed without PendingReturned\n");
    close(connect_to(AF_INET, out.Port)); /* still listening */
    stop(f);
    drvhost_close(f);
}

/* The provider's poll thread's /proc stat file, found by the thread's name; -1 when not found. */
static int poll_thread_stat(void)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int fd = -1;
    while (d != NULL && fd < 0 && (e = readdir(d)) != NULL) {
        char path[300], comm[32] = "";
        FILE *fp;
        snprintf(path, sizeof(path), "/proc/self/task/%s/comm", e->d_name);
        if ((fp = fopen(path, "r")) == NULL)
            continue;
        if (fgets(comm, sizeof(comm), fp) != NULL && strncmp(comm, "wsk-poll", 8) == 0) {
            snprintf(path, sizeof(path), "/proc/self/task/%s/stat", e->d_name);
            fd = open(path, O_RDONLY);
        }
        fclose(fp);
    }
    if (d != NULL)
        closedir(d);
    return fd;
}

/* The thread's CPU time so far (user and system, clock ticks); -1 on failure. */
static long thread_ticks(int fd)
{
    char stat[1024];
    unsigned long ut = 0, st = 0;
    ssize_t n = fd < 0 ? -1 : pread(fd, stat, sizeof(stat) - 1, 0);
    char *end;
    if (n <= 0)
        return -1;
    stat[n] = 0;
    end = strrchr(stat, ')');
    if (end == NULL ||
        sscanf(end + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return -1;
    return (long)(ut + st);
}

TEST(accept_event_out_of_descriptors_backs_off_then_takes_the_connection)
{
    drvhost_file *f = open_wsktest();
    WSKTEST_LISTEN_OUT out = listen_on(f, WIN_AF_INET, WSKTEST_MODE_EVENT);
    struct rlimit old, low;
    long before, after;
    int s, next, poll_stat = poll_thread_stat(); /* the thread runs: the socket is polled */
    check_listening(&out, WIN_AF_INET);
    s = socket(AF_INET, SOCK_STREAM, 0);
    next = dup(0); /* the lowest free descriptor: an accept would get it */
    close(next);
    getrlimit(RLIMIT_NOFILE, &old);
    low = old;
    low.rlim_cur = (rlim_t)next; /* the provider's accept fails with EMFILE */
    ok(setrlimit(RLIMIT_NOFILE, &low) == 0, "setrlimit: %s\n", strerror(errno));
    before = thread_ticks(poll_stat);
    {
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(out.Port)};
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ok(connect(s, (struct sockaddr *)&a, sizeof(a)) == 0, "connect: %s\n", strerror(errno));
    }
    usleep(500 * 1000);
    after = thread_ticks(poll_stat);
    ok(before >= 0 && after >= 0, "no wsk-poll thread\n");
    /* Spinning on the pending connection would take the whole half second (about 50 ticks). */
    ok(after - before < 10, "the poll thread used %ld ticks in 0.5 s\n", after - before);
    setrlimit(RLIMIT_NOFILE, &old);
    close(poll_stat);
    /* With descriptors again, the connection queued all along is taken and echoed. */
    check_echo(s, 5, 7);
    shutdown(s, SHUT_WR);
    close(s);
    WSKTEST_RESULT r = result_of(f);
    ok(r.Accepted == 1, "%u connections accepted\n", r.Accepted);
    ok_status((NTSTATUS)r.CloseStatus, STATUS_SUCCESS);
    stop(f);
    drvhost_close(f);
}
