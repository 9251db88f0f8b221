/* wsktest.h - control codes and records of the Winsock Kernel test driver (wsktest.sys). */
#ifndef WSKTEST_H
#define WSKTEST_H

#define WSKTEST_CODE(n) CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900 + (n), METHOD_BUFFERED, FILE_ANY_ACCESS)

/* in: WSKTEST_LISTEN_IN; out: WSKTEST_LISTEN_OUT. Opens a listening socket on 127.0.0.1 port 0
 * (::1 for AF_INET6) that echoes every connection it accepts until the peer disconnects. */
#define IOCTL_WSKTEST_LISTEN WSKTEST_CODE(0)
/* out: WSKTEST_RESULT of the last connection, once it was closed (waits up to 10 s). */
#define IOCTL_WSKTEST_RESULT WSKTEST_CODE(1)
/* Closes the listening socket; out: ULONG close status. */
#define IOCTL_WSKTEST_STOP WSKTEST_CODE(2)
/* out: WSKTEST_REGISTRATION: the registration routines' results. */
#define IOCTL_WSKTEST_REGISTRATION WSKTEST_CODE(3)
/* Creates and closes a socket; out: ULONG64 the closed socket's address. */
#define IOCTL_WSKTEST_CLOSED_SOCKET WSKTEST_CODE(4)
/* in: ULONG64 a socket address: closes it (again). */
#define IOCTL_WSKTEST_CLOSE WSKTEST_CODE(5)

/* in: WSKTEST_CONNECT_IN; out: WSKTEST_CONNECT_OUT. WskSocketConnect to 127.0.0.1:Port, sends
 * "ping", receives 4 bytes, disconnects gracefully, receives the peer's end, closes. */
#define IOCTL_WSKTEST_CONNECT WSKTEST_CODE(6)

/* in: WSKTEST_CANCEL_IN; out: WSKTEST_CANCEL_OUT. WskSocketConnect to 127.0.0.1:Port; with
 * WSKTEST_CANCEL_CONNECT, IoCancelIrp on that IRP after DelayUs; with WSKTEST_CANCEL_RECEIVE, a
 * WskReceive of 1 byte, IoCancelIrp on it after DelayUs and, if it was cancelled, a second
 * receive; then the socket is closed. */
#define IOCTL_WSKTEST_CANCEL WSKTEST_CODE(7)
/* IoCancelIrp on the pending WskAccept (WSKTEST_MODE_ACCEPT); out: ULONG what it returned. */
#define IOCTL_WSKTEST_CANCEL_ACCEPT WSKTEST_CODE(8)

#define WSKTEST_CANCEL_RECEIVE 0
#define WSKTEST_CANCEL_CONNECT 1
/* Two receives of 1 byte queued together; once the first completed (After, AfterInformation,
 * Data), IoCancelIrp on the second after DelayUs (CancelReturned, Status, Information). */
#define WSKTEST_CANCEL_SECOND 2
/* A WskSend of WSKTEST_BIG_SEND bytes the peer does not read yet, cancelled after DelayUs. */
#define WSKTEST_CANCEL_SEND 3
#define WSKTEST_BIG_SEND    (32u << 20)

typedef struct _WSKTEST_CANCEL_IN {
    USHORT Port; /* host order */
    ULONG What;
    ULONG DelayUs; /* between the call and IoCancelIrp */
} WSKTEST_CANCEL_IN;

typedef struct _WSKTEST_CANCEL_OUT {
    ULONG Connect;        /* WskSocketConnect's IRP (WSKTEST_CANCEL_RECEIVE) */
    ULONG CancelReturned; /* IoCancelIrp */
    ULONG Status;         /* the cancelled IRP's */
    ULONG64 Information;
    ULONG After; /* the second receive (WSKTEST_NOT_CALLED when not made) */
    ULONG64 AfterInformation;
    UCHAR Data; /* the byte received by either */
    ULONG Close;
} WSKTEST_CANCEL_OUT;

typedef struct _WSKTEST_CONNECT_IN {
    USHORT Port; /* host order */
} WSKTEST_CONNECT_IN;

typedef struct _WSKTEST_CONNECT_OUT {
    ULONG Connect;      /* WskSocketConnect's IRP */
    ULONG RemoteStatus; /* WskGetRemoteAddress */
    USHORT RemotePort;  /* host order */
    ULONG Send;
    ULONG64 Sent;
    ULONG Receive;
    ULONG64 Received;
    UCHAR Data[4];
    ULONG Disconnect;
    ULONG ReceiveEnd; /* after the peer's disconnect */
    ULONG64 ReceivedEnd;
    ULONG Close;
} WSKTEST_CONNECT_OUT;

/* How the listening socket takes its connections. */
#define WSKTEST_MODE_EVENT  0 /* WSK_EVENT_ACCEPT enabled with SO_WSK_EVENT_CALLBACK */
#define WSKTEST_MODE_ACCEPT 1 /* WskAccept, one connection */
#define WSKTEST_MODE_STATIC 2 /* WSK_EVENT_ACCEPT enabled with WSK_SET_STATIC_EVENT_CALLBACKS */
#define WSKTEST_MODE_ABORT  3 /* as EVENT; after the first echo: abortive disconnect, receive */
#define WSKTEST_MODE_CLOSE  4 /* as EVENT; after the first echo: WskCloseSocket, no disconnect */

typedef struct _WSKTEST_LISTEN_IN {
    ULONG Family; /* AF_INET, AF_INET6 or anything else */
    ULONG Mode;
    USHORT Port; /* host order; 0: the system picks one */
} WSKTEST_LISTEN_IN;

typedef struct _WSKTEST_LISTEN_OUT {
    ULONG SocketReturned; /* what WskSocket returned */
    ULONG SocketStatus;   /* the IRP's final status */
    ULONG64 SocketInfo;   /* the IRP's Information */
    ULONG EventStatus;    /* enabling the accept event (STATUS_SUCCESS when not done) */
    ULONG BindStatus;
    ULONG AddressStatus; /* WskGetLocalAddress */
    USHORT Port;         /* host order */
    USHORT Family;       /* of the local address */
} WSKTEST_LISTEN_OUT;

#define WSKTEST_NOT_CALLED 0xFFFFFFFFu

typedef struct _WSKTEST_RESULT {
    ULONG Accepted;      /* connections accepted */
    ULONG64 Echoed;      /* bytes received and sent back */
    ULONG AcceptStatus;  /* WskAccept's IRP (WSKTEST_MODE_ACCEPT) */
    USHORT RemotePort;   /* host order, from the accept */
    USHORT RemoteFamily; /* of the remote address */
    ULONG LastReceive;   /* the status of the receive that ended the echo */
    ULONG64 LastReceiveInfo;
    ULONG AbortStatus;      /* WSKTEST_MODE_ABORT: the abortive WskDisconnect */
    ULONG AfterAbort;       /* WSKTEST_MODE_ABORT: the receive after it */
    ULONG DisconnectStatus; /* the graceful WskDisconnect after the peer's */
    ULONG CloseStatus;
    ULONG PendingReturned; /* every WSK IRP completed with PendingReturned */
} WSKTEST_RESULT;

typedef struct _WSKTEST_REGISTRATION {
    ULONG Register;
    ULONG Capture;
    ULONG ProviderVersion; /* the provider dispatch's Version */
    ULONG QueryStatus;
    USHORT Highest, Lowest;
    ULONG CaptureAfterDeregister;
    ULONG RegisterV2;
    ULONG CaptureV2;      /* a client dispatch of version 2.0 */
    ULONG ControlUnknown; /* WskControlClient with an unknown code, no IRP */
} WSKTEST_REGISTRATION;

#endif
