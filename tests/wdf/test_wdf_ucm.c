/*
 * test_wdf_ucm.c - UcmCx, the USB connector manager class extension (docs/usb.md, "UcmCx"),
 * under a Type-C connector driver of ours (drivers/ucmconn.c, installed from
 * drivers/ucmconn.inf). The test plays the hardware's side through the driver's IOCTLs (each
 * makes the driver call one UcmCx routine) and the system's side through the host API
 * (drvhost_ucm_connector_query: what UcmCx recorded; drvhost_ucm_set_data_role /
 * _power_role: a role swap UcmCx asks for). Expected values: the ucmmanager reference pages;
 * where they give no status, drvhost's documented choices.
 */
#include <wdm.h>

#include "drivers/ucmconn.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UCM_INF WDF_TEST_DIR "/drivers/ucmconn.inf"

/* UcmCx.h's values, as numbers (the test does not include the client header). */
enum {
    PARTNER_UFP = 1,
    PARTNER_DFP = 2,
    CURRENT_DEFAULT = 1,
    CURRENT_1500 = 2,
    CURRENT_3000 = 4,
    CHARGING_NOMINAL = 2,
    CHARGING_SLOW = 3,
    PD_SUCCEEDED = 3,
    ROLE_DFP = 1,
    ROLE_UFP = 2,
    POWER_SINK = 1,
    POWER_SOURCE = 2
};

static drvhost_file *conn;

static int setup(void)
{
    char msg[512] = "", instance[128];
    ok_status(drvhost_pnp_install(UCM_INF, msg, sizeof msg), STATUS_SUCCESS);
    if (!ok_status(drvhost_device_create(UCMCONN_HWID, NULL, 0, instance, sizeof instance),
                   STATUS_SUCCESS))
        return 0;
    return ok_status(drvhost_open("\\\\.\\UcmConn", 0xC0000000u, &conn), STATUS_SUCCESS);
}

static UCMCONN_STATS stats(void)
{
    UCMCONN_STATS s;
    memset(&s, 0xEE, sizeof s);
    ok_status(harness_ioctl(conn, IOCTL_UCMCONN_STATS, NULL, 0, &s, sizeof s, NULL),
              STATUS_SUCCESS);
    return s;
}

/* The status of the UcmCx routine the driver called for `call`. */
static int32_t call(UCMCONN_CALL c)
{
    LONG status = 0x12345678;
    ok_status(harness_ioctl(conn, IOCTL_UCMCONN_CALL, &c, sizeof c, &status, sizeof status, NULL),
              STATUS_SUCCESS);
    return status;
}

static int32_t op(ULONG o, ULONG connector, ULONG a, ULONG b, ULONG c)
{
    return call((UCMCONN_CALL){.Op = o, .Connector = connector, .A = a, .B = b, .C = c});
}

static drvhost_ucm_connector query(uint64_t id)
{
    drvhost_ucm_connector s;
    memset(&s, 0xEE, sizeof s);
    ok_status(drvhost_ucm_connector_query(id, &s), STATUS_SUCCESS);
    return s;
}

/* UcmInitializeDevice and UcmConnectorCreate: the configuration sizes, a second
 * initialization, a connector before it, an ID used twice (STATUS_INVALID_PARAMETER, the
 * page), a DRP connector without EvtSetDataRole (the page: it must have one), a parent other
 * than the device (the page allows NULL or the device). */
TEST(manager_and_connector_configurations_are_checked)
{
    UCMCONN_STATS s;
    drvhost_ucm_connector q;
    if (!setup())
        return;
    s = stats();
    ok_status(s.EarlyCreateStatus, STATUS_INVALID_DEVICE_STATE);
    ok_status(s.InitStatus[0], STATUS_INVALID_PARAMETER);
    ok_status(s.InitStatus[1], STATUS_SUCCESS);
    ok_status(s.InitStatus[2], STATUS_INVALID_DEVICE_STATE);
    ok_status(s.CreateStatus[0], STATUS_SUCCESS);
    ok_status(s.CreateStatus[1], STATUS_SUCCESS);
    for (int i = 2; i < 9; i++)
        ok(s.CreateStatus[i] == STATUS_INVALID_PARAMETER, "refused create %d: 0x%08X\n", i,
           (unsigned)s.CreateStatus[i]);
    q = query(UCMCONN_DRP);
    ok(q.attached == 0 && q.partner == 0 && q.source_caps_count == 0 && q.data_role == 0,
       "a new connector: attached %u partner %u\n", q.attached, q.partner);
    ok_status(drvhost_ucm_connector_query(5, &q), STATUS_NOT_FOUND);
    ok_status(drvhost_ucm_connector_query(10, &q), STATUS_NOT_FOUND);
    ok_status(drvhost_ucm_connector_query(UCMCONN_DRP, NULL), STATUS_INVALID_PARAMETER);
}

/* Attach, current advertisement, charging, PD capabilities and contract, roles: UcmCx keeps
 * each report (the host sees it) and the driver's in-flight recorder shows it; a detach ends
 * the partner's state. */
TEST(reports_are_recorded_and_visible_to_the_host)
{
    UCMCONN_CALL caps = {.Op = UCMCONN_SOURCE_CAPS,
                         .Connector = UCMCONN_DRP,
                         .Count = 2,
                         .Pdos = {0x0801912C, 0x0002D0C8}};
    drvhost_ucm_connector q;
    char *text = NULL;
    size_t size = 0;
    FILE *out;
    if (!setup())
        return;
    ok_status(call(caps), STATUS_SUCCESS);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_DRP, PARTNER_UFP, CURRENT_1500, CHARGING_NOMINAL),
              STATUS_SUCCESS);
    q = query(UCMCONN_DRP);
    ok(q.attached == 1 && q.partner == PARTNER_UFP && q.current_ad == CURRENT_1500 &&
           q.charging == CHARGING_NOMINAL,
       "attach: %u partner %u current %u charging %u\n", q.attached, q.partner, q.current_ad,
       q.charging);
    ok(q.source_caps_count == 2 && q.source_caps[0] == 0x0801912C && q.source_caps[1] == 0x0002D0C8,
       "source caps %u: %08X %08X\n", q.source_caps_count, q.source_caps[0], q.source_caps[1]);
    ok_status(op(UCMCONN_CURRENT_AD, UCMCONN_DRP, CURRENT_3000, 0, 0), STATUS_SUCCESS);
    ok_status(op(UCMCONN_CHARGING, UCMCONN_DRP, CHARGING_SLOW, 0, 0), STATUS_SUCCESS);
    q = query(UCMCONN_DRP);
    ok(q.current_ad == CURRENT_3000 && q.charging == CHARGING_SLOW, "current %u charging %u\n",
       q.current_ad, q.charging);
    caps.Op = UCMCONN_PARTNER_CAPS;
    caps.Count = 1;
    caps.Pdos[0] = 0x2601912C;
    ok_status(call(caps), STATUS_SUCCESS);
    ok_status(op(UCMCONN_PD_STATE, UCMCONN_DRP, PD_SUCCEEDED, 0x1304B12C, CHARGING_NOMINAL),
              STATUS_SUCCESS);
    ok_status(op(UCMCONN_DATA_DIR, UCMCONN_DRP, TRUE, ROLE_UFP, 0), STATUS_SUCCESS);
    ok_status(op(UCMCONN_POWER_DIR, UCMCONN_DRP, FALSE, POWER_SINK, 0), STATUS_SUCCESS);
    q = query(UCMCONN_DRP);
    ok(q.current_ad == CURRENT_3000 && q.partner_caps_count == 1 &&
           q.partner_caps[0] == 0x2601912C && q.pd_conn_state == PD_SUCCEEDED &&
           q.rdo == 0x1304B12C && q.charging == CHARGING_NOMINAL,
       "current %u caps %u %08X PD %u RDO %08X charging %u\n", q.current_ad, q.partner_caps_count,
       q.partner_caps[0], q.pd_conn_state, q.rdo, q.charging);
    ok(q.data_role == ROLE_UFP && !q.data_swap_failed && q.power_role == POWER_SINK &&
           q.power_swap_failed,
       "roles %u/%u, failed %u/%u\n", q.data_role, q.power_role, q.data_swap_failed,
       q.power_swap_failed);
    ok_status(op(UCMCONN_DETACH, UCMCONN_DRP, 0, 0, 0), STATUS_SUCCESS);
    q = query(UCMCONN_DRP);
    ok(q.attached == 0 && q.partner == 0 && q.pd_conn_state == 0 && q.partner_caps_count == 0 &&
           q.rdo == 0 && q.source_caps_count == 2,
       "detached: %u partner %u PD %u caps %u/%u\n", q.attached, q.partner, q.pd_conn_state,
       q.partner_caps_count, q.source_caps_count);
    out = open_memstream(&text, &size);
    drvhost_recorder_dump("ucmconn", out);
    fclose(out);
    ok(text != NULL && strstr(text, "UcmCx: connector 1: attach, partner 1") != NULL &&
           strstr(text, "UcmCx: connector 1: PD connection state 3") != NULL &&
           strstr(text, "UcmCx: connector 1: detach") != NULL,
       "the recorder:\n%s\n", text != NULL ? text : "(none)");
    free(text);
}

/* What needs a partner is refused before an attach and after a detach; PD reports on a
 * connector without PD; malformed parameters (drvhost's statuses, docs/usb.md). */
TEST(reports_before_an_attach_and_malformed_ones_are_refused)
{
    UCMCONN_CALL caps = {.Op = UCMCONN_PARTNER_CAPS, .Connector = UCMCONN_DRP, .Count = 1};
    drvhost_ucm_connector q;
    if (!setup())
        return;
    ok_status(op(UCMCONN_DETACH, UCMCONN_DRP, 0, 0, 0), STATUS_INVALID_DEVICE_STATE);
    ok_status(op(UCMCONN_CURRENT_AD, UCMCONN_DRP, CURRENT_3000, 0, 0), STATUS_INVALID_DEVICE_STATE);
    ok_status(op(UCMCONN_CHARGING, UCMCONN_DRP, CHARGING_SLOW, 0, 0), STATUS_INVALID_DEVICE_STATE);
    ok_status(op(UCMCONN_PD_STATE, UCMCONN_DRP, PD_SUCCEEDED, 1, 0), STATUS_INVALID_DEVICE_STATE);
    ok_status(call(caps), STATUS_INVALID_DEVICE_STATE);
    q = query(UCMCONN_DRP);
    ok(q.current_ad == 0 && q.charging == 0 && q.pd_conn_state == 0 && q.partner_caps_count == 0,
       "nothing kept: %u %u %u %u\n", q.current_ad, q.charging, q.pd_conn_state,
       q.partner_caps_count);
    /* The attach's parameters, a second attach, the PD reports on the UFP connector. */
    ok_status(
        call((UCMCONN_CALL){.Op = UCMCONN_ATTACH, .Connector = UCMCONN_DRP, .A = 1, .Size = 8}),
        STATUS_INVALID_PARAMETER);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_DRP, PARTNER_DFP, 0, 0), STATUS_SUCCESS);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_DRP, PARTNER_DFP, 0, 0), STATUS_INVALID_DEVICE_STATE);
    ok_status(
        call((UCMCONN_CALL){.Op = UCMCONN_PD_STATE, .Connector = UCMCONN_DRP, .A = 3, .Size = 4}),
        STATUS_INVALID_PARAMETER);
    caps.Count = 0;
    ok_status(call(caps), STATUS_INVALID_PARAMETER);
    caps.Count = 8;
    ok_status(call(caps), STATUS_INVALID_PARAMETER);
    caps.Count = 7;
    ok_status(call(caps), STATUS_SUCCESS);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_UFP, PARTNER_DFP, 0, 0), STATUS_SUCCESS);
    caps.Connector = UCMCONN_UFP;
    caps.Count = 1;
    ok_status(call(caps), STATUS_NOT_SUPPORTED);
    caps.Op = UCMCONN_SOURCE_CAPS;
    ok_status(call(caps), STATUS_NOT_SUPPORTED);
    ok_status(op(UCMCONN_PD_STATE, UCMCONN_UFP, PD_SUCCEEDED, 1, 0), STATUS_NOT_SUPPORTED);
    ok_status(op(UCMCONN_DATA_DIR, UCMCONN_DRP, TRUE, 0, 0), STATUS_INVALID_PARAMETER);
    ok_status(op(UCMCONN_DATA_DIR, UCMCONN_DRP, TRUE, 3, 0), STATUS_INVALID_PARAMETER);
    ok_status(op(UCMCONN_POWER_DIR, UCMCONN_DRP, TRUE, 3, 0), STATUS_INVALID_PARAMETER);
    q = query(UCMCONN_DRP);
    ok(q.partner_caps_count == 7 && q.data_role == 0 && q.power_role == 0, "caps %u roles %u/%u\n",
       q.partner_caps_count, q.data_role, q.power_role);
}

/* A role swap UcmCx asks for reaches the driver's EVT_UCM_CONNECTOR_SET_DATA_ROLE or
 * SET_POWER_ROLE, whose report (UcmConnectorDataDirectionChanged / PowerDirectionChanged)
 * UcmCx keeps; a refused swap is reported with Success FALSE and the role unchanged. */
TEST(role_swaps_reach_the_driver_callbacks)
{
    drvhost_ucm_connector q;
    UCMCONN_STATS s;
    if (!setup())
        return;
    ok_status(drvhost_ucm_set_data_role(UCMCONN_DRP, ROLE_UFP), STATUS_INVALID_DEVICE_STATE);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_DRP, PARTNER_UFP, CURRENT_DEFAULT, 0), STATUS_SUCCESS);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_UFP, PARTNER_DFP, CURRENT_DEFAULT, 0), STATUS_SUCCESS);
    ok_status(drvhost_ucm_set_data_role(UCMCONN_DRP, ROLE_UFP), STATUS_SUCCESS);
    ok_status(drvhost_ucm_set_power_role(UCMCONN_DRP, POWER_SINK), STATUS_SUCCESS);
    s = stats();
    ok(s.DataRoleCalls == 1 && s.LastDataRole == ROLE_UFP && s.PowerRoleCalls == 1 &&
           s.LastPowerRole == POWER_SINK && s.LastReportStatus == STATUS_SUCCESS &&
           s.Mismatches == 0,
       "calls %lu/%lu roles %lu/%lu report 0x%08X mismatches %lu\n", (unsigned long)s.DataRoleCalls,
       (unsigned long)s.PowerRoleCalls, (unsigned long)s.LastDataRole,
       (unsigned long)s.LastPowerRole, (unsigned)s.LastReportStatus, (unsigned long)s.Mismatches);
    q = query(UCMCONN_DRP);
    ok(q.data_role == ROLE_UFP && q.power_role == POWER_SINK && !q.data_swap_failed &&
           !q.power_swap_failed,
       "roles %u/%u failed %u/%u\n", q.data_role, q.power_role, q.data_swap_failed,
       q.power_swap_failed);
    ok_status(op(UCMCONN_REFUSE, UCMCONN_DRP, 1, 0, 0), STATUS_SUCCESS);
    ok_status(drvhost_ucm_set_data_role(UCMCONN_DRP, ROLE_DFP), STATUS_SUCCESS);
    q = query(UCMCONN_DRP);
    ok(q.data_role == ROLE_UFP && q.data_swap_failed, "refused: role %u failed %u\n", q.data_role,
       q.data_swap_failed);
    /* What cannot be asked: no callback, no such role, no such connector. */
    ok_status(drvhost_ucm_set_data_role(UCMCONN_UFP, ROLE_DFP), STATUS_NOT_SUPPORTED);
    ok_status(drvhost_ucm_set_power_role(UCMCONN_UFP, POWER_SOURCE), STATUS_NOT_SUPPORTED);
    ok_status(drvhost_ucm_set_data_role(UCMCONN_DRP, 3), STATUS_INVALID_PARAMETER);
    ok_status(drvhost_ucm_set_power_role(UCMCONN_DRP, 3), STATUS_INVALID_PARAMETER);
    ok_status(drvhost_ucm_set_data_role(99, ROLE_DFP), STATUS_NOT_FOUND);
    s = stats();
    ok(s.DataRoleCalls == 2 && s.PowerRoleCalls == 1, "calls %lu/%lu\n",
       (unsigned long)s.DataRoleCalls, (unsigned long)s.PowerRoleCalls);
}

/* A deleted connector is gone (the host no longer finds it) and its ID is free again. */
TEST(a_deleted_connector_frees_its_id)
{
    drvhost_ucm_connector q;
    if (!setup())
        return;
    ok_status(op(UCMCONN_CREATE, 0, UCMCONN_DRP, 0, 0), STATUS_INVALID_PARAMETER);
    ok_status(op(UCMCONN_DELETE, UCMCONN_UFP, 0, 0, 0), STATUS_SUCCESS);
    ok_status(drvhost_ucm_connector_query(UCMCONN_UFP, &q), STATUS_NOT_FOUND);
    ok_status(op(UCMCONN_CREATE, 0, UCMCONN_UFP, 0, 0), STATUS_SUCCESS);
    ok_status(drvhost_ucm_connector_query(UCMCONN_UFP, &q), STATUS_SUCCESS);
    ok_status(op(UCMCONN_ATTACH, UCMCONN_UFP, PARTNER_DFP, 0, 0), STATUS_SUCCESS);
}

/* A NULL Params to UcmConnectorTypeCAttach: 0x10D WDF_VIOLATION, a NULL parameter (0x4). */
TEST(a_null_attach_params_is_wdf_violation)
{
    if (!setup())
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1, 0x4, 0, 0, 0);
    op(UCMCONN_NULL_PARAMS, UCMCONN_DRP, 0, 0, 0);
    ok(0, "the attach returned\n");
}
