/*
 * ucmcx.c - the USB connector manager class extension (UcmCx): what a Type-C connector driver
 * gets from UcmInitializeDevice and UcmConnectorCreate, and where its reports go (docs/usb.md,
 * "UcmCx"), built on the framework's own objects as a class extension is.
 *
 * UcmInitializeDevice gives the WDFDEVICE UcmCx's context (the manager); UcmConnectorCreate
 * makes a UCMCONNECTOR, a framework object child of that device, keeping copies of the
 * connector's Type-C and PD configurations. The driver's reports (attach and detach, current
 * advertisement, charging state, PD capabilities and contract, data and power roles) are kept
 * in the connector's state, written to the driver's in-flight recorder, and read by the host
 * (drvhost_ucm_connector_query). The host plays the system asking for a role swap
 * (drvhost_ucm_set_data_role / _power_role): UcmCx calls the driver's
 * EVT_UCM_CONNECTOR_SET_DATA_ROLE or SET_POWER_ROLE, and the driver reports the outcome with
 * UcmConnectorDataDirectionChanged / PowerDirectionChanged.
 *
 * Locking: ucmcx_lock guards the list of live connectors and every connector's state; no lock
 * is held while driver code runs. Lifetime: the manager lives with its device; a connector
 * with its object (the device deletes it, or the driver does), and leaves the list when it
 * is destroyed.
 *
 * Deviations (docs/usb.md): UcmCx's own policy is absent (no USB role switch or charger
 * notifications, no swap ever asked but by the host); the failures the pages do not give
 * (a report that needs a partner before an attach, a second UcmInitializeDevice, PD reports on
 * a connector without PD) are statuses of drvhost's choice, listed there.
 */
#include <string.h>

#include "rtl/rtl.h"
#include "wdf/wdf.h"
#include "wdf/wdf_private.h"

#include <UcmCx.h>

NTSTATUS imp_WdfObjectAllocateContext(PWDF_DRIVER_GLOBALS, WDFOBJECT, PWDF_OBJECT_ATTRIBUTES,
                                      PVOID *);
PVOID imp_WdfObjectGetTypedContextWorker(PWDF_DRIVER_GLOBALS, WDFOBJECT,
                                         PCWDF_OBJECT_CONTEXT_TYPE_INFO);

/* A Power Delivery message carries at most seven data objects (the USB PD specification). */
#define UCMCX_MAX_PDOS 7

/* The manager: a context of the WDFDEVICE (UcmInitializeDevice). */
struct ucmcx_manager {
    struct wdf_globals *g;
    struct wdf_device *dev;
};

struct ucmcx_connector {
    struct wdf_object obj;
    struct ucmcx_manager *mgr;
    ULONGLONG id;
    BOOLEAN has_typec, has_pd; /* the configurations given (IsSupported) */
    UCM_CONNECTOR_TYPEC_CONFIG typec;
    UCM_CONNECTOR_PD_CONFIG pd;
    LIST_ENTRY link;             /* in ucmcx_connectors; under ucmcx_lock */
    drvhost_ucm_connector state; /* under ucmcx_lock */
};

static os_mutex ucmcx_lock = OS_MUTEX_INIT;
static LIST_ENTRY ucmcx_connectors = {&ucmcx_connectors, &ucmcx_connectors};

static const WDF_OBJECT_CONTEXT_TYPE_INFO ucmcx_manager_type = {
    sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), (PCHAR) "UcmCx manager", sizeof(struct ucmcx_manager),
    &ucmcx_manager_type, NULL};

/* ---- look-ups ------------------------------------------------------------------------------ */

static struct wdf_device *ucmcx_device_get(WDFDEVICE handle, const char *ddi)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)handle, WDF_TYPE_DEVICE, ddi,
                                             __builtin_return_address(0));
    return CONTAINING_RECORD(o, struct wdf_device, obj);
}

static struct ucmcx_manager *ucmcx_manager_of(struct wdf_device *dev)
{
    return imp_WdfObjectGetTypedContextWorker(&dev->obj.owner->pub, (WDFOBJECT)dev,
                                              &ucmcx_manager_type);
}

static struct ucmcx_connector *ucmcx_connector_get(UCMCONNECTOR handle, const char *ddi)
{
    struct wdf_object *o = wdf_object_get_in(NULL, (WDFOBJECT)handle, WDF_TYPE_UCMCONNECTOR, ddi,
                                             __builtin_return_address(0));
    return CONTAINING_RECORD(o, struct ucmcx_connector, obj);
}

/* The connector of that ID among the live ones (mgr NULL: of any manager); under ucmcx_lock. */
static struct ucmcx_connector *ucmcx_find_locked(struct ucmcx_manager *mgr, ULONGLONG id)
{
    for (LIST_ENTRY *e = ucmcx_connectors.Flink; e != &ucmcx_connectors; e = e->Flink) {
        struct ucmcx_connector *c = CONTAINING_RECORD(e, struct ucmcx_connector, link);
        if (c->id == id && (mgr == NULL || c->mgr == mgr))
            return c;
    }
    return NULL;
}

static struct trace_driver *ucmcx_recorder(struct ucmcx_connector *c)
{
    return c->mgr->g->recorder;
}

/* ---- UcmInitializeDevice ------------------------------------------------------------------- */

NTSTATUS UcmInitializeDevice(WDFDEVICE WdfDevice, PUCM_MANAGER_CONFIG Config)
{
    struct wdf_device *dev = ucmcx_device_get(WdfDevice, "UcmInitializeDevice");
    struct wdf_globals *g = dev->obj.owner;
    struct ucmcx_manager *mgr;
    WDF_OBJECT_ATTRIBUTES a;
    NTSTATUS status;
    if (Config == NULL)
        wdf_violation_null(g, "UcmInitializeDevice", "Config", __builtin_return_address(0));
    if (Config->Size != sizeof(UCM_MANAGER_CONFIG)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': UcmInitializeDevice: UCM_MANAGER_CONFIG Size %lu, not %zu",
                 g->pub.DriverName, (unsigned long)Config->Size, sizeof(UCM_MANAGER_CONFIG));
        return STATUS_INVALID_PARAMETER;
    }
    if (ucmcx_manager_of(dev) != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': UcmInitializeDevice called twice on %p",
                 g->pub.DriverName, (void *)WdfDevice);
        return STATUS_INVALID_DEVICE_STATE;
    }
    WDF_OBJECT_ATTRIBUTES_INIT(&a);
    a.ContextTypeInfo = &ucmcx_manager_type;
    status = imp_WdfObjectAllocateContext(&g->pub, (WDFOBJECT)WdfDevice, &a, (PVOID *)&mgr);
    if (!NT_SUCCESS(status))
        return status;
    mgr->g = g;
    mgr->dev = dev;
    trace_recorder_event(g->recorder, "UcmCx: device %p: initialized", (uintptr_t)dev, 0, 0);
    return STATUS_SUCCESS;
}

/* ---- UcmConnectorCreate -------------------------------------------------------------------- */

/* UCM_CONNECTOR_CONFIG's rules (its pages and UcmConnectorCreate's remarks); NULL: accepted. */
static const char *ucmcx_config_refused(const UCM_CONNECTOR_CONFIG *c)
{
    if (c->Size != sizeof(UCM_CONNECTOR_CONFIG))
        return "its Size is not sizeof(UCM_CONNECTOR_CONFIG)";
    if (c->TypeCConfig == NULL)
        return "TypeCConfig is NULL";
    if (c->TypeCConfig->Size != sizeof(UCM_CONNECTOR_TYPEC_CONFIG))
        return "TypeCConfig->Size is not sizeof(UCM_CONNECTOR_TYPEC_CONFIG)";
    if (c->PdConfig != NULL && c->PdConfig->Size != sizeof(UCM_CONNECTOR_PD_CONFIG))
        return "PdConfig->Size is not sizeof(UCM_CONNECTOR_PD_CONFIG)";
    if ((c->TypeCConfig->SupportedOperatingModes & UcmTypeCOperatingModeDrp) != 0 &&
        c->TypeCConfig->EvtSetDataRole == NULL)
        return "a dual-role (DRP) connector without EvtSetDataRole";
    return NULL;
}

static void ucmcx_connector_destroy(struct wdf_object *o)
{
    struct ucmcx_connector *c = CONTAINING_RECORD(o, struct ucmcx_connector, obj);
    os_mutex_lock(&ucmcx_lock);
    RemoveEntryList(&c->link);
    os_mutex_unlock(&ucmcx_lock);
}

/* The connector object, a child of the device (the page: the parent is WdfDevice). */
static NTSTATUS ucmcx_connector_make(struct ucmcx_manager *mgr, const UCM_CONNECTOR_CONFIG *cfg,
                                     PWDF_OBJECT_ATTRIBUTES attributes,
                                     struct ucmcx_connector **out)
{
    WDF_OBJECT_ATTRIBUTES a;
    struct wdf_object *o;
    struct ucmcx_connector *c;
    NTSTATUS status;
    if (attributes != WDF_NO_OBJECT_ATTRIBUTES) {
        if (attributes->ParentObject != NULL && attributes->ParentObject != (WDFOBJECT)mgr->dev)
            return STATUS_INVALID_PARAMETER;
        a = *attributes;
        a.ParentObject = NULL;
    }
    status =
        wdf_object_create(mgr->g, WDF_TYPE_UCMCONNECTOR, sizeof(*c),
                          attributes != WDF_NO_OBJECT_ATTRIBUTES ? &a : NULL, &mgr->dev->obj, &o);
    if (!NT_SUCCESS(status))
        return status;
    c = CONTAINING_RECORD(o, struct ucmcx_connector, obj);
    c->mgr = mgr;
    c->id = cfg->ConnectorId;
    c->typec = *cfg->TypeCConfig;
    c->has_typec = cfg->TypeCConfig->IsSupported;
    if (cfg->PdConfig != NULL)
        c->pd = *cfg->PdConfig;
    c->has_pd = cfg->PdConfig != NULL && cfg->PdConfig->IsSupported;
    InitializeListHead(&c->link);
    o->type_destroy = ucmcx_connector_destroy;
    *out = c;
    return STATUS_SUCCESS;
}

NTSTATUS UcmConnectorCreate(WDFDEVICE WdfDevice, PUCM_CONNECTOR_CONFIG Config,
                            PWDF_OBJECT_ATTRIBUTES Attributes, UCMCONNECTOR *Connector)
{
    struct wdf_device *dev = ucmcx_device_get(WdfDevice, "UcmConnectorCreate");
    struct wdf_globals *g = dev->obj.owner;
    struct ucmcx_manager *mgr = ucmcx_manager_of(dev);
    struct ucmcx_connector *c;
    const char *why;
    NTSTATUS status;
    if (Config == NULL)
        wdf_violation_null(g, "UcmConnectorCreate", "Config", __builtin_return_address(0));
    if (Connector == NULL)
        wdf_violation_null(g, "UcmConnectorCreate", "Connector", __builtin_return_address(0));
    *Connector = NULL;
    if (mgr == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': UcmConnectorCreate on %p before UcmInitializeDevice",
                 g->pub.DriverName, (void *)WdfDevice);
        return STATUS_INVALID_DEVICE_STATE;
    }
    why = ucmcx_config_refused(Config);
    if (why != NULL) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': UcmConnectorCreate: UCM_CONNECTOR_CONFIG refused: %s",
                 g->pub.DriverName, why);
        return STATUS_INVALID_PARAMETER;
    }
    status = ucmcx_connector_make(mgr, Config, Attributes, &c);
    if (!NT_SUCCESS(status))
        return status;
    os_mutex_lock(&ucmcx_lock);
    if (ucmcx_find_locked(mgr, Config->ConnectorId) == NULL) {
        InsertTailList(&ucmcx_connectors, &c->link);
        status = STATUS_SUCCESS;
    } else {
        status = STATUS_INVALID_PARAMETER; /* the page: an identifier already in use */
    }
    os_mutex_unlock(&ucmcx_lock);
    if (!NT_SUCCESS(status)) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': UcmConnectorCreate: connector ID %llu is already in use",
                 g->pub.DriverName, (unsigned long long)Config->ConnectorId);
        wdf_object_delete(&c->obj);
        return status;
    }
    trace_recorder_event(g->recorder, "UcmCx: connector %llu created (%p)", Config->ConnectorId,
                         (uintptr_t)c, 0);
    *Connector = (UCMCONNECTOR)c;
    return STATUS_SUCCESS;
}

/* ---- the reports --------------------------------------------------------------------------- */

/* What a report may need of the connector (drvhost's statuses: the pages give none). */
enum ucmcx_need {
    UCMCX_ANY = 0,
    UCMCX_PARTNER = 1, /* an attached partner: STATUS_INVALID_DEVICE_STATE */
    UCMCX_PD = 2,      /* a PD-capable connector: STATUS_NOT_SUPPORTED */
};

/* Takes ucmcx_lock and checks what the report needs; on failure the lock is released. */
static NTSTATUS ucmcx_report_begin(struct ucmcx_connector *c, int need, const char *ddi)
{
    os_mutex_lock(&ucmcx_lock);
    if ((need & UCMCX_PD) != 0 && !c->has_pd) {
        os_mutex_unlock(&ucmcx_lock);
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: connector %llu does not support PD",
                 c->mgr->g->pub.DriverName, ddi, (unsigned long long)c->id);
        return STATUS_NOT_SUPPORTED;
    }
    if ((need & UCMCX_PARTNER) != 0 && !c->state.attached) {
        os_mutex_unlock(&ucmcx_lock);
        rtl_diag(RTL_DIAG_ERROR, "wdf", "driver '%s': %s: no partner attached to connector %llu",
                 c->mgr->g->pub.DriverName, ddi, (unsigned long long)c->id);
        return STATUS_INVALID_DEVICE_STATE;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS ucmcx_report_end(struct ucmcx_connector *c, const char *what, uint64_t value)
{
    os_mutex_unlock(&ucmcx_lock);
    trace_recorder_event(ucmcx_recorder(c), what, c->id, value, 0);
    return STATUS_SUCCESS;
}

NTSTATUS UcmConnectorTypeCAttach(UCMCONNECTOR Connector, PUCM_CONNECTOR_TYPEC_ATTACH_PARAMS Params)
{
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, "UcmConnectorTypeCAttach");
    NTSTATUS status;
    if (Params == NULL)
        wdf_violation_null(c->mgr->g, "UcmConnectorTypeCAttach", "Params",
                           __builtin_return_address(0));
    if (Params->Size != sizeof(UCM_CONNECTOR_TYPEC_ATTACH_PARAMS))
        return STATUS_INVALID_PARAMETER;
    status = ucmcx_report_begin(c, UCMCX_ANY, "UcmConnectorTypeCAttach");
    if (!NT_SUCCESS(status))
        return status;
    if (c->state.attached) {
        os_mutex_unlock(&ucmcx_lock);
        return STATUS_INVALID_DEVICE_STATE; /* drvhost's: a detach comes first */
    }
    c->state.attached = 1;
    c->state.partner = Params->PortPartnerType;
    c->state.current_ad = Params->CurrentAdvertisement;
    c->state.charging = Params->ChargingState;
    return ucmcx_report_end(c, "UcmCx: connector %llu: attach, partner %llu",
                            Params->PortPartnerType);
}

/* A detach ends what the partner brought: its capabilities and the PD contract. */
NTSTATUS UcmConnectorTypeCDetach(UCMCONNECTOR Connector)
{
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, "UcmConnectorTypeCDetach");
    NTSTATUS status = ucmcx_report_begin(c, UCMCX_PARTNER, "UcmConnectorTypeCDetach");
    if (!NT_SUCCESS(status))
        return status;
    c->state.attached = 0;
    c->state.partner = UcmTypeCPartnerInvalid;
    c->state.current_ad = UcmTypeCCurrentInvalid;
    c->state.charging = UcmChargingStateInvalid;
    c->state.pd_conn_state = UcmPdConnStateInvalid;
    c->state.rdo = 0;
    c->state.partner_caps_count = 0;
    return ucmcx_report_end(c, "UcmCx: connector %llu: detach", 0);
}

NTSTATUS UcmConnectorTypeCCurrentAdChanged(UCMCONNECTOR Connector,
                                           UCM_TYPEC_CURRENT CurrentAdvertisement)
{
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, "UcmConnectorTypeCCurrentAdChanged");
    NTSTATUS status = ucmcx_report_begin(c, UCMCX_PARTNER, "UcmConnectorTypeCCurrentAdChanged");
    if (!NT_SUCCESS(status))
        return status;
    c->state.current_ad = CurrentAdvertisement;
    return ucmcx_report_end(c, "UcmCx: connector %llu: current advertisement %llu",
                            CurrentAdvertisement);
}

/* The source capabilities, the connector's own (partner FALSE) or its partner's. Inlined, so
 * that a violation names the driver's call as the caller. */
static inline __attribute__((always_inline)) NTSTATUS ucmcx_caps(UCMCONNECTOR Connector,
                                                                 UCM_PD_POWER_DATA_OBJECT Pdos[],
                                                                 UCHAR PdoCount, BOOLEAN partner,
                                                                 const char *ddi)
{
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, ddi);
    NTSTATUS status;
    if (Pdos == NULL)
        wdf_violation_null(c->mgr->g, ddi, "Pdos", __builtin_return_address(0));
    if (PdoCount == 0 || PdoCount > UCMCX_MAX_PDOS)
        return STATUS_INVALID_PARAMETER;
    status = ucmcx_report_begin(c, UCMCX_PD | (partner ? UCMCX_PARTNER : 0), ddi);
    if (!NT_SUCCESS(status))
        return status;
    for (UCHAR i = 0; i < PdoCount; i++)
        (partner ? c->state.partner_caps : c->state.source_caps)[i] = Pdos[i].Ul;
    *(partner ? &c->state.partner_caps_count : &c->state.source_caps_count) = PdoCount;
    return ucmcx_report_end(c,
                            partner ? "UcmCx: connector %llu: partner source caps, %llu PDOs"
                                    : "UcmCx: connector %llu: source caps, %llu PDOs",
                            PdoCount);
}

NTSTATUS UcmConnectorPdSourceCaps(UCMCONNECTOR Connector, UCM_PD_POWER_DATA_OBJECT Pdos[],
                                  UCHAR PdoCount)
{
    return ucmcx_caps(Connector, Pdos, PdoCount, FALSE, "UcmConnectorPdSourceCaps");
}

NTSTATUS UcmConnectorPdPartnerSourceCaps(UCMCONNECTOR Connector, UCM_PD_POWER_DATA_OBJECT Pdos[],
                                         UCHAR PdoCount)
{
    return ucmcx_caps(Connector, Pdos, PdoCount, TRUE, "UcmConnectorPdPartnerSourceCaps");
}

NTSTATUS UcmConnectorPdConnectionStateChanged(UCMCONNECTOR Connector,
                                              PUCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS Params)
{
    const char *ddi = "UcmConnectorPdConnectionStateChanged";
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, ddi);
    NTSTATUS status;
    if (Params == NULL)
        wdf_violation_null(c->mgr->g, ddi, "Params", __builtin_return_address(0));
    if (Params->Size != sizeof(UCM_CONNECTOR_PD_CONN_STATE_CHANGED_PARAMS))
        return STATUS_INVALID_PARAMETER;
    status = ucmcx_report_begin(c, UCMCX_PD | UCMCX_PARTNER, ddi);
    if (!NT_SUCCESS(status))
        return status;
    c->state.pd_conn_state = Params->PdConnState;
    c->state.rdo = Params->Rdo.Ul;
    c->state.charging = Params->ChargingState;
    return ucmcx_report_end(c, "UcmCx: connector %llu: PD connection state %llu",
                            Params->PdConnState);
}

NTSTATUS UcmConnectorChargingStateChanged(UCMCONNECTOR Connector, UCM_CHARGING_STATE ChargingState)
{
    const char *ddi = "UcmConnectorChargingStateChanged";
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, ddi);
    NTSTATUS status = ucmcx_report_begin(c, UCMCX_PARTNER, ddi);
    if (!NT_SUCCESS(status))
        return status;
    c->state.charging = ChargingState;
    return ucmcx_report_end(c, "UcmCx: connector %llu: charging state %llu", ChargingState);
}

/* A role report, after a swap UcmCx asked for or one the driver or partner made (the pages'
 * remarks): the role is kept, and whether the report said the swap failed. Inlined (above). */
static inline __attribute__((always_inline)) NTSTATUS ucmcx_direction(UCMCONNECTOR Connector,
                                                                      BOOLEAN power,
                                                                      BOOLEAN Success, ULONG role,
                                                                      const char *ddi)
{
    struct ucmcx_connector *c = ucmcx_connector_get(Connector, ddi);
    ULONG first = power ? UcmPowerRoleSink : UcmDataRoleDfp;
    ULONG second = power ? UcmPowerRoleSource : UcmDataRoleUfp;
    NTSTATUS status;
    if (role != first && role != second)
        return STATUS_INVALID_PARAMETER;
    status = ucmcx_report_begin(c, UCMCX_ANY, ddi);
    if (!NT_SUCCESS(status))
        return status;
    *(power ? &c->state.power_role : &c->state.data_role) = role;
    *(power ? &c->state.power_swap_failed : &c->state.data_swap_failed) = !Success;
    return ucmcx_report_end(c,
                            power ? "UcmCx: connector %llu: power role %llu"
                                  : "UcmCx: connector %llu: data role %llu",
                            role);
}

NTSTATUS UcmConnectorDataDirectionChanged(UCMCONNECTOR Connector, BOOLEAN Success,
                                          UCM_DATA_ROLE CurrentDataRole)
{
    return ucmcx_direction(Connector, FALSE, Success, CurrentDataRole,
                           "UcmConnectorDataDirectionChanged");
}

NTSTATUS UcmConnectorPowerDirectionChanged(UCMCONNECTOR Connector, BOOLEAN Success,
                                           UCM_POWER_ROLE CurrentPowerRole)
{
    return ucmcx_direction(Connector, TRUE, Success, CurrentPowerRole,
                           "UcmConnectorPowerDirectionChanged");
}

/* ---- the host's side ----------------------------------------------------------------------- */

NTSTATUS wdf_ucm_connector_query(ULONGLONG id, drvhost_ucm_connector *out)
{
    struct ucmcx_connector *c;
    os_mutex_lock(&ucmcx_lock);
    c = ucmcx_find_locked(NULL, id);
    if (c != NULL)
        *out = c->state;
    os_mutex_unlock(&ucmcx_lock);
    return c != NULL ? STATUS_SUCCESS : STATUS_NOT_FOUND;
}

/* Which callback a swap to `role` calls, or why none (under ucmcx_lock). A power role must be
 * one the PD configuration supports; a data role needs a dual-role connector's callback. */
static NTSTATUS ucmcx_swap_refused(struct ucmcx_connector *c, BOOLEAN power, ULONG role)
{
    if (!c->state.attached)
        return STATUS_INVALID_DEVICE_STATE;
    if (power && (!c->has_pd || c->pd.EvtSetPowerRole == NULL))
        return STATUS_NOT_SUPPORTED;
    if (!power && c->typec.EvtSetDataRole == NULL)
        return STATUS_NOT_SUPPORTED;
    if (power && ((role != UcmPowerRoleSink && role != UcmPowerRoleSource) ||
                  (c->pd.SupportedPowerRoles & role) == 0))
        return STATUS_INVALID_PARAMETER;
    if (!power && role != UcmDataRoleDfp && role != UcmDataRoleUfp)
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* The driver's callback runs without the lock; a reference keeps the connector meanwhile. */
NTSTATUS wdf_ucm_set_role(ULONGLONG id, BOOLEAN power, ULONG role)
{
    struct ucmcx_connector *c;
    NTSTATUS status;
    os_mutex_lock(&ucmcx_lock);
    c = ucmcx_find_locked(NULL, id);
    status = c != NULL ? ucmcx_swap_refused(c, power, role) : STATUS_NOT_FOUND;
    if (NT_SUCCESS(status))
        wdf_object_reference(&c->obj);
    os_mutex_unlock(&ucmcx_lock);
    if (!NT_SUCCESS(status))
        return status;
    trace_recorder_event(ucmcx_recorder(c),
                         power ? "UcmCx: connector %llu: power role %llu asked"
                               : "UcmCx: connector %llu: data role %llu asked",
                         id, role, 0);
    status = power ? c->pd.EvtSetPowerRole((UCMCONNECTOR)c, (UCM_POWER_ROLE)role)
                   : c->typec.EvtSetDataRole((UCMCONNECTOR)c, (UCM_DATA_ROLE)role);
    wdf_object_release(&c->obj);
    return status;
}
