/*
 * pnp_api.c - the embedding API's Plug and Play calls (drvhost.h): each runs one PnP action
 * and then waits until the PnP manager is idle, so that the work drivers queued meanwhile
 * (a bus reporting its children) is done when the call returns.
 */
#include "host/host.h"

#include "ex/ex.h"
#include "ke/ke.h"

#include "pnp/pnp.h"
#include "po/po.h"
#include "usb/usb.h"
#include "wdf/wdf.h"
#include "input/input.h"
#include "rtl/rtl.h"

#include <stdlib.h>
#include <string.h>

static int32_t settled(NTSTATUS status)
{
    pnp_wait_idle();
    return status;
}

void host_pnp_settle(void)
{
    if (host_booted())
        pnp_wait_idle();
}

/* DPCs queue work items and work items queue DPCs: flush both until a round finds nothing
 * more to do (a bounded number of rounds: a driver that requeues itself for ever is not
 * waited for beyond them). */
void host_settle(void)
{
    if (!host_booted())
        return;
    for (int round = 0; round < 64; round++) {
        uint64_t before = ke_dpc_runs() + ex_work_runs();
        KeFlushQueuedDpcs();
        ex_flush_work();
        pnp_wait_idle();
        if (ke_dpc_runs() + ex_work_runs() == before)
            break;
    }
}

int32_t drvhost_pnp_install(const char *inf_path, char *msg, size_t msg_size)
{
    char local[512];
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    NTSTATUS status =
        pnp_install_inf(inf_path, NULL, msg ? msg : local, msg ? msg_size : sizeof local);
    return settled(status);
}

int32_t drvhost_device_create(const char *hardware_id, const char *const *compatible,
                              size_t ncompatible, char *instance, size_t instance_size)
{
    char *id = NULL;
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    NTSTATUS status = pnp_device_create(hardware_id, compatible, ncompatible, &id);
    if (instance != NULL && instance_size > 0)
        snprintf(instance, instance_size, "%s", id ? id : "");
    free(id);
    return settled(status);
}

int32_t drvhost_device_action(const char *instance, int action)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (action < DRVHOST_DEVICE_REMOVE || action > DRVHOST_DEVICE_RESTART)
        return STATUS_INVALID_PARAMETER;
    /* The two enumerations list the actions in the same order. */
    return settled(pnp_device_action(instance, (enum pnp_action)action));
}

int32_t drvhost_device_resources(const char *hardware_id, const char *spec, char *msg,
                                 size_t msg_size)
{
    char dummy[8];
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (hardware_id == NULL || spec == NULL)
        return STATUS_INVALID_PARAMETER;
    if (msg == NULL || msg_size == 0) {
        msg = dummy;
        msg_size = sizeof dummy;
    }
    msg[0] = '\0';
    return pnp_resources_set(hardware_id, spec, msg, msg_size);
}

/* On the calling thread, as the device's interrupt would interrupt whatever runs there. */
int32_t drvhost_device_interrupt(const char *instance, unsigned index)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL)
        return STATUS_INVALID_PARAMETER;
    return pnp_device_interrupt(instance, index);
}

int32_t drvhost_resource_hub_connection(uint64_t id, const char *instance, const void *data,
                                        size_t size)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL || size > 0xFFFF)
        return STATUS_INVALID_PARAMETER;
    return pnp_reshub_connection_add(id, instance, data, (ULONG)size);
}

int32_t drvhost_ucm_connector_query(uint64_t connector_id, drvhost_ucm_connector *out)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (out == NULL)
        return STATUS_INVALID_PARAMETER;
    return wdf_ucm_connector_query(connector_id, out);
}

int32_t drvhost_ucm_set_data_role(uint64_t connector_id, uint32_t role)
{
    return host_booted() ? wdf_ucm_set_role(connector_id, FALSE, role) : STATUS_UNSUCCESSFUL;
}

int32_t drvhost_ucm_set_power_role(uint64_t connector_id, uint32_t role)
{
    return host_booted() ? wdf_ucm_set_role(connector_id, TRUE, role) : STATUS_UNSUCCESSFUL;
}

int32_t drvhost_pnp_rescan(void)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    return settled(pnp_rescan());
}

int32_t drvhost_pnp_tree(FILE *out)
{
    if (!host_booted() || out == NULL)
        return STATUS_UNSUCCESSFUL;
    pnp_wait_idle();
    pnp_tree_print(out);
    return STATUS_SUCCESS;
}

int32_t drvhost_system_sleep(void)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    return settled(po_system_sleep(PowerSystemSleeping3));
}

int32_t drvhost_system_wake(void)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    return settled(po_system_wake());
}

int32_t host_device_path(const char *text, char **out)
{
    *out = NULL;
    if (text == NULL || text[0] != '@') {
        *out = text != NULL ? strdup(text) : NULL;
        return text == NULL || *out != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    }
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    /* `@INSTANCE|\\REST`: the PDO's name, then REST as the file name (a GPIO connection's
     * pins, docs/gpio.md); `|` is in no instance ID. */
    const char *bar = strchr(text, '|');
    char *instance = strndup(text + 1, bar != NULL ? (size_t)(bar - text - 1) : strlen(text + 1));
    if (instance == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    pnp_wait_idle();
    int32_t status = pnp_instance_pdo_name(instance, out);
    free(instance);
    if (NT_SUCCESS(status) && bar != NULL) {
        char *joined = malloc(strlen(*out) + strlen(bar + 1) + 1);
        if (joined != NULL)
            strcat(strcpy(joined, *out), bar + 1);
        free(*out);
        *out = joined;
        status = joined != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
    }
    return status;
}

int32_t drvhost_open_interface(const char *guid, unsigned index, uint32_t access,
                               drvhost_file **file)
{
    WCHAR w[40];
    size_t n = 0;
    GUID g;
    UNICODE_STRING text;
    char *path = NULL;
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (guid == NULL || strlen(guid) != 38 || !rtl_utf8_to_utf16(guid, 38, w, &n))
        return STATUS_INVALID_PARAMETER;
    text.Buffer = w;
    text.Length = text.MaximumLength = (USHORT)(n * sizeof(WCHAR));
    if (!NT_SUCCESS(RtlGUIDFromString(&text, &g)))
        return STATUS_INVALID_PARAMETER;
    pnp_wait_idle();
    NTSTATUS status = pnp_interface_path(&g, index, &path);
    if (NT_SUCCESS(status))
        status = drvhost_open(path, access, file);
    free(path);
    return status;
}

int32_t drvhost_usb_device_create(const char *path, char *instance, size_t instance_size, char *msg,
                                  size_t msg_size)
{
    char *id = NULL, local[8];
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (path == NULL)
        return STATUS_INVALID_PARAMETER;
    if (msg == NULL || msg_size == 0) {
        msg = local;
        msg_size = sizeof local;
    }
    msg[0] = '\0';
    NTSTATUS status = usb_device_plug(path, &id, msg, msg_size);
    if (instance != NULL && instance_size > 0)
        snprintf(instance, instance_size, "%s", id ? id : "");
    free(id);
    return settled(status);
}

int32_t drvhost_usb_input(const char *instance, unsigned address, const void *data, size_t size)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL || (data == NULL && size > 0))
        return STATUS_INVALID_PARAMETER;
    return settled(usb_device_input(instance, address, data, size));
}

int32_t drvhost_uart_input(unsigned port, const void *data, size_t size)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (data == NULL && size > 0)
        return STATUS_INVALID_PARAMETER;
    return settled(pnp_uart_input(port, data, size));
}

int32_t drvhost_uart_lines(unsigned port, unsigned lines)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (lines & ~0xF0u)
        return STATUS_INVALID_PARAMETER;
    return settled(pnp_uart_lines(port, (UCHAR)lines));
}

int32_t drvhost_uart_break(unsigned port)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    return settled(pnp_uart_break(port));
}

int32_t drvhost_uart_answer(unsigned port, const void *data, size_t size)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (data == NULL && size > 0)
        return STATUS_INVALID_PARAMETER;
    return pnp_uart_answer(port, data, size);
}

int32_t drvhost_uart_output(unsigned port, void *buffer, size_t size, size_t *taken,
                            unsigned setup[5])
{
    struct pnp_uart_state state;
    NTSTATUS status;
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if ((buffer == NULL && size > 0) || taken == NULL)
        return STATUS_INVALID_PARAMETER;
    status = settled(pnp_uart_output(port, buffer, size, taken, &state));
    if (NT_SUCCESS(status) && setup != NULL) {
        setup[0] = state.divisor;
        setup[1] = state.lcr;
        setup[2] = state.mcr;
        setup[3] = state.ier;
        setup[4] = state.fcr;
    }
    return status;
}

int32_t drvhost_ps2_device_create(int mouse, char *instance, size_t instance_size)
{
    char *id = NULL;
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    NTSTATUS status = ps2_device_plug(mouse != 0, &id);
    if (instance != NULL && instance_size > 0)
        snprintf(instance, instance_size, "%s", id ? id : "");
    free(id);
    return settled(status);
}

int32_t drvhost_ps2_input(const char *instance, const void *data, size_t size)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL || (data == NULL && size > 0))
        return STATUS_INVALID_PARAMETER;
    return settled(ps2_device_input(instance, data, size));
}

int32_t drvhost_ps2_hold(const char *instance, unsigned make_code, unsigned ms)
{
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL || make_code > 0xFFFF)
        return STATUS_INVALID_PARAMETER;
    return settled(ps2_device_hold(instance, (USHORT)make_code, ms));
}

int32_t drvhost_ps2_state(const char *instance, uint8_t state[DRVHOST_PS2_STATE_SIZE])
{
    _Static_assert(DRVHOST_PS2_STATE_SIZE == PS2_STATE_SIZE, "one layout");
    if (!host_booted())
        return STATUS_UNSUCCESSFUL;
    if (instance == NULL || state == NULL)
        return STATUS_INVALID_PARAMETER;
    return settled(ps2_device_state(instance, state));
}
