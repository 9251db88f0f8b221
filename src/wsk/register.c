/*
 * register.c - a WSK application's attachment to drvhost's WSK subsystem: WskRegister,
 * WskCaptureProviderNPI, WskReleaseProviderNPI, WskQueryProviderCharacteristics, WskDeregister,
 * and the provider NPI's client-level functions (WSK_PROVIDER_DISPATCH).
 *
 * The provider NPI is always available (no network stack to wait for): a capture succeeds at
 * once whatever WaitTimeout says, until WskDeregister. The subsystem's version is 1.0; a client
 * dispatch of another major version gets STATUS_NOINTERFACE from the capture. Not modelled:
 * WskGetAddressInfo, WskFreeAddressInfo and WskGetNameInfo (name resolution) are stand-ins that
 * complete with STATUS_NOT_SUPPORTED and say so on stderr; WskControlClient knows only
 * WSK_SET_STATIC_EVENT_CALLBACKS (other codes: STATUS_NOT_SUPPORTED).
 */
#include "wsk/wsk_private.h"

#include "ex/ex.h"
#include "rtl/rtl.h"

#include <stdio.h>
#include <string.h>

#define WSK_VERSION MAKE_WSK_VERSION(1, 0)

/* {2227E803-8D8B-11D4-ABAD-009027719E09} */
NTKERNELAPI const NPIID NPI_WSK_INTERFACE_ID = {
    0x2227E803, 0x8D8B, 0x11D4, {0xAB, 0xAD, 0x00, 0x90, 0x27, 0x71, 0x9E, 0x09}};

static struct wsk_client *wsk_client_of(PWSK_REGISTRATION registration)
{
    return registration != NULL ? registration->ReservedRegistrationContext : NULL;
}

NTSTATUS WSKAPI WskRegister(PWSK_CLIENT_NPI WskClientNpi, PWSK_REGISTRATION WskRegistration)
{
    struct wsk_client *c;
    if (WskClientNpi == NULL || WskClientNpi->Dispatch == NULL || WskRegistration == NULL)
        return STATUS_INVALID_PARAMETER;
    c = ex_alloc(sizeof(*c), WSK_TAG);
    if (c == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memset(c, 0, sizeof(*c));
    c->npi = *WskClientNpi;
    os_cond_init(&c->idle);
    memset(WskRegistration, 0, sizeof(*WskRegistration));
    WskRegistration->ReservedRegistrationContext = c;
    return STATUS_SUCCESS;
}

static const WSK_PROVIDER_DISPATCH wsk_provider_dispatch;

NTSTATUS WSKAPI WskCaptureProviderNPI(PWSK_REGISTRATION WskRegistration, ULONG WaitTimeout,
                                      PWSK_PROVIDER_NPI WskProviderNpi)
{
    struct wsk_client *c = wsk_client_of(WskRegistration);
    NTSTATUS status = STATUS_SUCCESS;
    (void)WaitTimeout;
    if (WskRegistration == NULL || WskProviderNpi == NULL)
        return STATUS_INVALID_PARAMETER;
    if (c == NULL)
        return STATUS_DEVICE_NOT_READY; /* deregistered (WskDeregister cleared the block) */
    if (WSK_MAJOR_VERSION(c->npi.Dispatch->Version) != WSK_MAJOR_VERSION(WSK_VERSION))
        return STATUS_NOINTERFACE;
    os_mutex_lock(&wsk_lock);
    if (c->deregistering)
        status = STATUS_DEVICE_NOT_READY;
    else
        c->captures++;
    os_mutex_unlock(&wsk_lock);
    if (NT_SUCCESS(status)) {
        WskProviderNpi->Client = c;
        WskProviderNpi->Dispatch = &wsk_provider_dispatch;
    }
    return status;
}

VOID WSKAPI WskReleaseProviderNPI(PWSK_REGISTRATION WskRegistration)
{
    struct wsk_client *c = wsk_client_of(WskRegistration);
    if (c == NULL)
        return;
    os_mutex_lock(&wsk_lock);
    if (c->captures != 0)
        c->captures--;
    os_cond_broadcast(&c->idle);
    os_mutex_unlock(&wsk_lock);
}

NTSTATUS WSKAPI WskQueryProviderCharacteristics(
    PWSK_REGISTRATION WskRegistration, PWSK_PROVIDER_CHARACTERISTICS WskProviderCharacteristics)
{
    if (wsk_client_of(WskRegistration) == NULL || WskProviderCharacteristics == NULL)
        return STATUS_INVALID_PARAMETER;
    WskProviderCharacteristics->HighestVersion = WSK_VERSION;
    WskProviderCharacteristics->LowestVersion = WSK_VERSION;
    return STATUS_SUCCESS;
}

/* Waits until every capture is released, every socket closed and every IRP completed. */
VOID WSKAPI WskDeregister(PWSK_REGISTRATION WskRegistration)
{
    struct wsk_client *c = wsk_client_of(WskRegistration);
    if (c == NULL)
        return;
    os_mutex_lock(&wsk_lock);
    c->deregistering = TRUE;
    while (c->captures != 0 || c->sockets != 0 || c->busy != 0)
        os_cond_wait(&c->idle, &wsk_lock);
    os_mutex_unlock(&wsk_lock);
    WskRegistration->ReservedRegistrationContext = NULL;
    os_cond_destroy(&c->idle);
    ex_free(c);
}

static NTSTATUS WSKAPI wsk_socket(PWSK_CLIENT Client, ADDRESS_FAMILY AddressFamily,
                                  USHORT SocketType, ULONG Protocol, ULONG Flags,
                                  PVOID SocketContext, const VOID *Dispatch,
                                  PEPROCESS OwningProcess, PETHREAD OwningThread,
                                  PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp)
{
    struct wsk_client *c = Client;
    struct wsk_socket *s = NULL;
    NTSTATUS status;
    (void)OwningProcess;
    (void)OwningThread;
    (void)SecurityDescriptor;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    if (Flags != WSK_FLAG_LISTEN_SOCKET && Flags != WSK_FLAG_CONNECTION_SOCKET)
        return wsk_complete_later(c, Irp, STATUS_NOT_SUPPORTED, 0);
    status = wsk_socket_create(
        c, AddressFamily, SocketType, Protocol,
        Flags == WSK_FLAG_LISTEN_SOCKET ? WSK_CAT_LISTEN : WSK_CAT_CONNECTION, &s);
    if (NT_SUCCESS(status)) { /* the poll thread may look at the socket already */
        os_mutex_lock(&wsk_lock);
        s->context = SocketContext;
        s->client_dispatch = Dispatch;
        if (Flags == WSK_FLAG_LISTEN_SOCKET)
            s->events = c->static_events & WSK_EVENT_ACCEPT;
        os_mutex_unlock(&wsk_lock);
    }
    return wsk_complete_later(c, Irp, status, NT_SUCCESS(status) ? (ULONG_PTR)&s->pub : 0);
}

static NTSTATUS WSKAPI wsk_socket_connect(PWSK_CLIENT Client, USHORT SocketType, ULONG Protocol,
                                          PSOCKADDR LocalAddress, PSOCKADDR RemoteAddress,
                                          ULONG Flags, PVOID SocketContext,
                                          const WSK_CLIENT_CONNECTION_DISPATCH *Dispatch,
                                          PEPROCESS OwningProcess, PETHREAD OwningThread,
                                          PSECURITY_DESCRIPTOR SecurityDescriptor, PIRP Irp)
{
    struct wsk_client *c = Client;
    struct wsk_socket *s = NULL;
    struct os_net_addr local;
    NTSTATUS status;
    (void)OwningProcess;
    (void)OwningThread;
    (void)SecurityDescriptor;
    if (Irp == NULL)
        return STATUS_INVALID_PARAMETER;
    status = Flags != 0 || LocalAddress == NULL ? STATUS_INVALID_PARAMETER
                                                : wsk_addr_in(LocalAddress, 0, &local);
    if (NT_SUCCESS(status))
        status = wsk_socket_create(c, LocalAddress->sa_family, SocketType, Protocol,
                                   WSK_CAT_CONNECTION, &s);
    if (NT_SUCCESS(status)) {
        os_mutex_lock(&wsk_lock);
        s->context = SocketContext;
        s->client_dispatch = Dispatch;
        os_mutex_unlock(&wsk_lock);
        status = wsk_status(os_net_bind(s->fd, &local));
        s->bound = NT_SUCCESS(status);
        if (NT_SUCCESS(status))
            status = wsk_connect_start(s, RemoteAddress, Irp, TRUE);
        if (status == STATUS_PENDING)
            return status;
        wsk_socket_drop(s);
    }
    return wsk_complete_later(c, Irp, status, 0);
}

static NTSTATUS wsk_static_events(struct wsk_client *c, SIZE_T size, PVOID input)
{
    const WSK_EVENT_CALLBACK_CONTROL *ctl = input;
    if (ctl == NULL || size < sizeof(*ctl) || ctl->NpiId == NULL ||
        memcmp(ctl->NpiId, &NPI_WSK_INTERFACE_ID, sizeof(NPIID)) != 0)
        return STATUS_INVALID_PARAMETER;
    if ((ctl->EventMask & ~WSK_EVENT_ACCEPT) != 0)
        return STATUS_NOT_SUPPORTED; /* only accept events are modelled */
    os_mutex_lock(&wsk_lock);
    c->static_events = ctl->EventMask;
    os_mutex_unlock(&wsk_lock);
    return STATUS_SUCCESS;
}

static NTSTATUS WSKAPI wsk_control_client(PWSK_CLIENT Client, ULONG ControlCode, SIZE_T InputSize,
                                          PVOID InputBuffer, SIZE_T OutputSize, PVOID OutputBuffer,
                                          SIZE_T *OutputSizeReturned, PIRP Irp)
{
    struct wsk_client *c = Client;
    NTSTATUS status = STATUS_NOT_SUPPORTED;
    (void)OutputSize;
    (void)OutputBuffer;
    if (OutputSizeReturned)
        *OutputSizeReturned = 0;
    if (ControlCode == WSK_SET_STATIC_EVENT_CALLBACKS)
        status = wsk_static_events(c, InputSize, InputBuffer);
    return Irp == NULL ? status : wsk_complete_later(c, Irp, status, 0);
}

static void wsk_not_provided(const char *name)
{
    char text[160];
    int n = snprintf(text, sizeof(text),
                     "drvhost: WSK %s is not provided (no name resolution): STATUS_NOT_SUPPORTED\n",
                     name);
    os_write_stderr(text, (size_t)n);
}

static NTSTATUS WSKAPI wsk_get_address_info(PWSK_CLIENT Client, PUNICODE_STRING NodeName,
                                            PUNICODE_STRING ServiceName, ULONG NameSpace,
                                            GUID *Provider, PADDRINFOEXW Hints,
                                            PADDRINFOEXW *Result, PEPROCESS OwningProcess,
                                            PETHREAD OwningThread, PIRP Irp)
{
    (void)NodeName;
    (void)ServiceName;
    (void)NameSpace;
    (void)Provider;
    (void)Hints;
    (void)OwningProcess;
    (void)OwningThread;
    wsk_not_provided("WskGetAddressInfo");
    if (Result)
        *Result = NULL;
    return Irp == NULL ? STATUS_INVALID_PARAMETER
                       : wsk_complete_later(Client, Irp, STATUS_NOT_SUPPORTED, 0);
}

static VOID WSKAPI wsk_free_address_info(PWSK_CLIENT Client, PADDRINFOEXW AddrInfo)
{
    (void)Client;
    (void)AddrInfo;
    wsk_not_provided("WskFreeAddressInfo");
}

static NTSTATUS WSKAPI wsk_get_name_info(PWSK_CLIENT Client, PSOCKADDR SockAddr,
                                         ULONG SockAddrLength, PUNICODE_STRING NodeName,
                                         PUNICODE_STRING ServiceName, ULONG Flags,
                                         PEPROCESS OwningProcess, PETHREAD OwningThread, PIRP Irp)
{
    (void)SockAddr;
    (void)SockAddrLength;
    (void)NodeName;
    (void)ServiceName;
    (void)Flags;
    (void)OwningProcess;
    (void)OwningThread;
    wsk_not_provided("WskGetNameInfo");
    return Irp == NULL ? STATUS_INVALID_PARAMETER
                       : wsk_complete_later(Client, Irp, STATUS_NOT_SUPPORTED, 0);
}

static const WSK_PROVIDER_DISPATCH wsk_provider_dispatch = {
    .Version = WSK_VERSION,
    .WskSocket = wsk_socket,
    .WskSocketConnect = wsk_socket_connect,
    .WskControlClient = wsk_control_client,
    .WskGetAddressInfo = wsk_get_address_info,
    .WskFreeAddressInfo = wsk_free_address_info,
    .WskGetNameInfo = wsk_get_name_info,
};
