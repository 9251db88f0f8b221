/*
 * ucmconn.c - a USB Type-C connector driver for test_wdf_ucm.c, a UcmCx client as the "USB
 * Type-C connector driver" guide describes: UcmInitializeDevice in EvtDriverDeviceAdd, its
 * connectors created in EvtDevicePrepareHardware, role swap callbacks that report their
 * outcome with UcmConnectorDataDirectionChanged / PowerDirectionChanged. Its IOCTLs make it
 * call one UcmCx routine each. Public headers only: it could be built with the WDK.
 */
#include <ntddk.h>
#include <wdf.h>
#include <UcmCx.h>

#include "ucmconn.h"

typedef struct _CONNECTOR_CONTEXT {
    ULONGLONG Id;
    WDFDEVICE Device;
} CONNECTOR_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(CONNECTOR_CONTEXT, GetConnectorContext)

typedef struct _DEVICE_CONTEXT {
    UCMCONNECTOR Connectors[3]; /* [UCMCONN_DRP], [UCMCONN_UFP] */
    BOOLEAN Refuse;
    ULONG DataRole, PowerRole; /* the roles before a swap (a refused swap reports them) */
    UCMCONN_STATS Stats;
} DEVICE_CONTEXT;
WDF_DECLARE_CONTEXT_TYPE_WITH_NAME(DEVICE_CONTEXT, GetDeviceContext)

DRIVER_INITIALIZE DriverEntry;
static EVT_WDF_DRIVER_DEVICE_ADD OnDeviceAdd;
static EVT_WDF_DEVICE_PREPARE_HARDWARE OnPrepareHardware;
static EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL OnDeviceControl;
static EVT_UCM_CONNECTOR_SET_DATA_ROLE OnSetDataRole;
static EVT_UCM_CONNECTOR_SET_POWER_ROLE OnSetPowerRole;

static WDFDEVICE DeviceOf(UCMCONNECTOR Connector)
{
    return GetConnectorContext(Connector)->Device;
}

/* UcmCx asks for a role: the swap is done (or refused) and reported at once, with the
 * Direction Changed routine of that role. */
static DEVICE_CONTEXT *SwapAsked(UCMCONNECTOR Connector)
{
    DEVICE_CONTEXT *d = GetDeviceContext(DeviceOf(Connector));
    if (Connector != d->Connectors[UCMCONN_DRP] ||
        GetConnectorContext(Connector)->Id != UCMCONN_DRP)
        d->Stats.Mismatches++;
    return d;
}

static NTSTATUS OnSetDataRole(UCMCONNECTOR Connector, UCM_DATA_ROLE DataRole)
{
    DEVICE_CONTEXT *d = SwapAsked(Connector);
    d->Stats.DataRoleCalls++;
    d->Stats.LastDataRole = DataRole;
    if (!d->Refuse)
        d->DataRole = DataRole;
    d->Stats.LastReportStatus =
        UcmConnectorDataDirectionChanged(Connector, !d->Refuse, (UCM_DATA_ROLE)d->DataRole);
    return STATUS_SUCCESS;
}

static NTSTATUS OnSetPowerRole(UCMCONNECTOR Connector, UCM_POWER_ROLE PowerRole)
{
    DEVICE_CONTEXT *d = SwapAsked(Connector);
    d->Stats.PowerRoleCalls++;
    d->Stats.LastPowerRole = PowerRole;
    if (!d->Refuse)
        d->PowerRole = PowerRole;
    d->Stats.LastReportStatus =
        UcmConnectorPowerDirectionChanged(Connector, !d->Refuse, (UCM_POWER_ROLE)d->PowerRole);
    return STATUS_SUCCESS;
}

/* A connector with its context; typec and pd may be NULL. */
static NTSTATUS Create(WDFDEVICE Device, PUCM_CONNECTOR_CONFIG Config, UCMCONNECTOR *Connector)
{
    WDF_OBJECT_ATTRIBUTES a;
    NTSTATUS status;
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, CONNECTOR_CONTEXT);
    status = UcmConnectorCreate(Device, Config, &a, Connector);
    if (NT_SUCCESS(status)) {
        GetConnectorContext(*Connector)->Id = Config->ConnectorId;
        GetConnectorContext(*Connector)->Device = Device;
    }
    return status;
}

static NTSTATUS CreateUfp(WDFDEVICE Device, ULONGLONG Id, UCMCONNECTOR *Connector)
{
    UCM_CONNECTOR_CONFIG c;
    UCM_CONNECTOR_TYPEC_CONFIG t;
    UCM_CONNECTOR_CONFIG_INIT(&c, Id);
    UCM_CONNECTOR_TYPEC_CONFIG_INIT(&t, UcmTypeCOperatingModeUfp, UcmTypeCCurrentDefaultUsb);
    t.IsSupported = TRUE;
    c.TypeCConfig = &t;
    return Create(Device, &c, Connector);
}

/* The refused configurations, one rule each (UCMCONN_STATS.CreateStatus[2..8]). */
static VOID CreateRefused(WDFDEVICE Device, LONG *Status)
{
    UCM_CONNECTOR_CONFIG c;
    UCM_CONNECTOR_TYPEC_CONFIG t;
    UCM_CONNECTOR_PD_CONFIG p;
    WDF_OBJECT_ATTRIBUTES a;
    UCMCONNECTOR connector;
    UCM_CONNECTOR_TYPEC_CONFIG_INIT(&t, UcmTypeCOperatingModeUfp, UcmTypeCCurrentDefaultUsb);
    t.IsSupported = TRUE;
    UCM_CONNECTOR_CONFIG_INIT(&c, UCMCONN_DRP);
    c.TypeCConfig = &t;
    Status[0] = Create(Device, &c, &connector);
    UCM_CONNECTOR_CONFIG_INIT(&c, 10);
    c.TypeCConfig = &t;
    c.Size -= 8;
    Status[1] = Create(Device, &c, &connector);
    UCM_CONNECTOR_CONFIG_INIT(&c, 11);
    c.TypeCConfig = &t;
    t.Size += 4;
    Status[2] = Create(Device, &c, &connector);
    t.Size -= 4;
    UCM_CONNECTOR_PD_CONFIG_INIT(&p, UcmPowerRoleSink);
    p.Size = 4;
    c.PdConfig = &p;
    Status[3] = Create(Device, &c, &connector);
    c.PdConfig = NULL;
    t.SupportedOperatingModes = UcmTypeCOperatingModeDrp;
    Status[4] = Create(Device, &c, &connector);
    c.TypeCConfig = NULL;
    Status[5] = Create(Device, &c, &connector);
    t.SupportedOperatingModes = UcmTypeCOperatingModeUfp;
    c.TypeCConfig = &t;
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ParentObject = WdfGetDriver();
    Status[6] = UcmConnectorCreate(Device, &c, &a, &connector);
}

/* The guide's place for the connectors: EvtDevicePrepareHardware (UcmConnectorCreate's page). */
static NTSTATUS OnPrepareHardware(WDFDEVICE Device, WDFCMRESLIST Raw, WDFCMRESLIST Translated)
{
    DEVICE_CONTEXT *d = GetDeviceContext(Device);
    UCM_CONNECTOR_CONFIG c;
    UCM_CONNECTOR_TYPEC_CONFIG t;
    UCM_CONNECTOR_PD_CONFIG p;
    UNREFERENCED_PARAMETER(Raw);
    UNREFERENCED_PARAMETER(Translated);
    if (d->Connectors[UCMCONN_DRP] != NULL)
        return STATUS_SUCCESS;
    UCM_CONNECTOR_CONFIG_INIT(&c, UCMCONN_DRP);
    UCM_CONNECTOR_TYPEC_CONFIG_INIT(&t, UcmTypeCOperatingModeDrp,
                                    UcmTypeCCurrentDefaultUsb | UcmTypeCCurrent1500mA |
                                        UcmTypeCCurrent3000mA);
    t.IsSupported = TRUE;
    t.EvtSetDataRole = OnSetDataRole;
    UCM_CONNECTOR_PD_CONFIG_INIT(&p, UcmPowerRoleSink | UcmPowerRoleSource);
    p.EvtSetPowerRole = OnSetPowerRole;
    c.TypeCConfig = &t;
    c.PdConfig = &p;
    d->Stats.CreateStatus[0] = Create(Device, &c, &d->Connectors[UCMCONN_DRP]);
    d->Stats.CreateStatus[1] = CreateUfp(Device, UCMCONN_UFP, &d->Connectors[UCMCONN_UFP]);
    CreateRefused(Device, &d->Stats.CreateStatus[2]);
    d->DataRole = UcmDataRoleDfp;
    d->PowerRole = UcmPowerRoleSource;
    return STATUS_SUCCESS;
}

static NTSTATUS Attach(UCMCONNECTOR Connector, const UCMCONN_CALL *call)
{
    UCM_CONNECTOR_TYPEC_ATTACH_PARAMS p;
    UCM_CONNECTOR_TYPEC_ATTACH_PARAMS_INIT(&p, (UCM_TYPEC_PARTNER)call->A);
    p.CurrentAdvertisement = (UCM_TYPEC_CURRENT)call->B;
    p.ChargingState = (UCM_CHARGING_STATE)call->C;
    if (call->Size != 0)
        p.Size = call->Size;
    return UcmConnectorTypeCAttach(Connector, &p);
}

static NTSTATUS PdState(UCMCONNECTOR Connector, const UCMCONN_CALL *call)
{
    UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS p;
    UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS_INIT(&p, (UCM_PD_CONN_STATE)call->A);
    UCM_PD_REQUEST_DATA_OBJECT_INIT_ULONG(&p.Rdo, call->B);
    p.ChargingState = (UCM_CHARGING_STATE)call->C;
    if (call->Size != 0)
        p.Size = call->Size;
    return UcmConnectorPdConnectionStateChanged(Connector, &p);
}

static NTSTATUS Caps(UCMCONNECTOR Connector, const UCMCONN_CALL *call)
{
    UCM_PD_POWER_DATA_OBJECT pdos[8];
    ULONG i;
    for (i = 0; i < 8; i++)
        UCM_PD_POWER_DATA_OBJECT_INIT_ULONG(&pdos[i], call->Pdos[i]);
    if (call->Op == UCMCONN_SOURCE_CAPS)
        return UcmConnectorPdSourceCaps(Connector, pdos, (UCHAR)call->Count);
    return UcmConnectorPdPartnerSourceCaps(Connector, pdos, (UCHAR)call->Count);
}

static NTSTATUS Lifetime(WDFDEVICE Device, DEVICE_CONTEXT *d, const UCMCONN_CALL *call)
{
    UCMCONNECTOR connector;
    NTSTATUS status;
    if (call->Op == UCMCONN_DELETE) {
        WdfObjectDelete(d->Connectors[call->Connector]);
        d->Connectors[call->Connector] = NULL;
        return STATUS_SUCCESS;
    }
    status = CreateUfp(Device, call->A, &connector);
    if (NT_SUCCESS(status))
        d->Connectors[UCMCONN_UFP] = connector;
    return status;
}

static NTSTATUS Call(WDFDEVICE Device, const UCMCONN_CALL *call)
{
    DEVICE_CONTEXT *d = GetDeviceContext(Device);
    UCMCONNECTOR c = call->Connector < 3 ? d->Connectors[call->Connector] : NULL;
    switch (call->Op) {
    case UCMCONN_ATTACH:
        return Attach(c, call);
    case UCMCONN_DETACH:
        return UcmConnectorTypeCDetach(c);
    case UCMCONN_CURRENT_AD:
        return UcmConnectorTypeCCurrentAdChanged(c, (UCM_TYPEC_CURRENT)call->A);
    case UCMCONN_SOURCE_CAPS:
    case UCMCONN_PARTNER_CAPS:
        return Caps(c, call);
    case UCMCONN_PD_STATE:
        return PdState(c, call);
    case UCMCONN_CHARGING:
        return UcmConnectorChargingStateChanged(c, (UCM_CHARGING_STATE)call->A);
    case UCMCONN_DATA_DIR:
        return UcmConnectorDataDirectionChanged(c, (BOOLEAN)call->A, (UCM_DATA_ROLE)call->B);
    case UCMCONN_POWER_DIR:
        return UcmConnectorPowerDirectionChanged(c, (BOOLEAN)call->A, (UCM_POWER_ROLE)call->B);
    case UCMCONN_DELETE:
    case UCMCONN_CREATE:
        return Lifetime(Device, d, call);
    case UCMCONN_REFUSE:
        d->Refuse = call->A != 0;
        return STATUS_SUCCESS;
    case UCMCONN_NULL_PARAMS:
        return UcmConnectorTypeCAttach(c, NULL);
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

static VOID OnDeviceControl(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                            size_t InputBufferLength, ULONG IoControlCode)
{
    WDFDEVICE device = WdfIoQueueGetDevice(Queue);
    UCMCONN_CALL *call;
    PVOID out;
    NTSTATUS status = STATUS_INVALID_DEVICE_REQUEST;
    size_t information = 0;
    UNREFERENCED_PARAMETER(OutputBufferLength);
    UNREFERENCED_PARAMETER(InputBufferLength);
    if (IoControlCode == IOCTL_UCMCONN_STATS) {
        status = WdfRequestRetrieveOutputBuffer(Request, sizeof(UCMCONN_STATS), &out, NULL);
        if (NT_SUCCESS(status)) {
            RtlCopyMemory(out, &GetDeviceContext(device)->Stats, sizeof(UCMCONN_STATS));
            information = sizeof(UCMCONN_STATS);
        }
    } else if (IoControlCode == IOCTL_UCMCONN_CALL) {
        status = WdfRequestRetrieveInputBuffer(Request, sizeof(*call), (PVOID *)&call, NULL);
        if (NT_SUCCESS(status))
            status = WdfRequestRetrieveOutputBuffer(Request, sizeof(LONG), &out, NULL);
        if (NT_SUCCESS(status)) {
            *(LONG *)out = Call(device, call);
            information = sizeof(LONG);
        }
    }
    WdfRequestCompleteWithInformation(Request, status, information);
}

/* UcmInitializeDevice in EvtDriverDeviceAdd (its page); the failures around it recorded. */
static NTSTATUS Initialize(WDFDEVICE Device)
{
    DEVICE_CONTEXT *d = GetDeviceContext(Device);
    UCM_MANAGER_CONFIG m;
    UCM_CONNECTOR_CONFIG c;
    UCM_CONNECTOR_TYPEC_CONFIG t;
    UCMCONNECTOR connector;
    UCM_CONNECTOR_CONFIG_INIT(&c, 5);
    UCM_CONNECTOR_TYPEC_CONFIG_INIT(&t, UcmTypeCOperatingModeUfp, UcmTypeCCurrentDefaultUsb);
    c.TypeCConfig = &t;
    d->Stats.EarlyCreateStatus =
        UcmConnectorCreate(Device, &c, WDF_NO_OBJECT_ATTRIBUTES, &connector);
    UCM_MANAGER_CONFIG_INIT(&m);
    m.Size += 4;
    d->Stats.InitStatus[0] = UcmInitializeDevice(Device, &m);
    UCM_MANAGER_CONFIG_INIT(&m);
    d->Stats.InitStatus[1] = UcmInitializeDevice(Device, &m);
    d->Stats.InitStatus[2] = UcmInitializeDevice(Device, &m);
    return d->Stats.InitStatus[1];
}

/* The device's I/O: one sequential queue for the test's IOCTLs, reached by \\.\UcmConn. */
static NTSTATUS CreateIo(WDFDEVICE Device)
{
    DECLARE_CONST_UNICODE_STRING(link, L"\\DosDevices\\UcmConn");
    WDF_IO_QUEUE_CONFIG q;
    NTSTATUS status = WdfDeviceCreateSymbolicLink(Device, &link);
    if (!NT_SUCCESS(status))
        return status;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&q, WdfIoQueueDispatchSequential);
    q.EvtIoDeviceControl = OnDeviceControl;
    return WdfIoQueueCreate(Device, &q, WDF_NO_OBJECT_ATTRIBUTES, WDF_NO_HANDLE);
}

static NTSTATUS OnDeviceAdd(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_OBJECT_ATTRIBUTES a;
    WDFDEVICE device;
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Driver);
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = OnPrepareHardware;
    WdfDeviceInitSetPnpPowerEventCallbacks(DeviceInit, &pnp);
    WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(&a, DEVICE_CONTEXT);
    status = WdfDeviceCreate(&DeviceInit, &a, &device);
    if (NT_SUCCESS(status))
        status = Initialize(device);
    return NT_SUCCESS(status) ? CreateIo(device) : status;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    WDF_DRIVER_CONFIG config;
    WDF_DRIVER_CONFIG_INIT(&config, OnDeviceAdd);
    return WdfDriverCreate(DriverObject, RegistryPath, WDF_NO_OBJECT_ATTRIBUTES, &config,
                           WDF_NO_HANDLE);
}
