/*
 * setting.c - power setting callbacks: PoRegisterPowerSettingCallback,
 * PoUnregisterPowerSettingCallback, and the settings' values the host sets
 * (po_power_setting_set: the scenario's `power-setting GUID VALUE`, drvhost_po_power_setting).
 *
 * Every registration is called once at once with the setting's current value (the page: "the
 * power manager initializes the power setting of the driver by immediately calling the callback
 * routine"), then at each change the host makes. A setting the host never set has the value
 * ULONG 0 (drvhost's choice: Windows always has one, from the power scheme or the hardware).
 *
 * Locking: one mutex over the registrations and the values, held while the callbacks run, so
 * that a callback never runs after PoUnregisterPowerSettingCallback returned; a callback must
 * therefore not register or unregister (it would wait for itself). Callbacks run at
 * PASSIVE_LEVEL in the thread that registered or that changed the value.
 */
#include "po/po_private.h"

#include "os/os.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

#define PO_SETTING_MAX 256 /* bytes of one value */

struct po_setting_value {
    struct po_setting_value *next;
    GUID guid;
    ULONG length;
    UCHAR value[PO_SETTING_MAX];
};

struct po_setting_reg {
    struct po_setting_reg *next;
    GUID guid;
    PPOWER_SETTING_CALLBACK callback;
    PVOID context;
};

static os_mutex g_lock = OS_MUTEX_INIT;
static struct po_setting_value *g_values;
static struct po_setting_reg *g_regs;

static struct po_setting_value *po_setting_find(const GUID *guid)
{
    for (struct po_setting_value *v = g_values; v != NULL; v = v->next)
        if (memcmp(&v->guid, guid, sizeof(GUID)) == 0)
            return v;
    return NULL;
}

/* Calls one registration with the current value (lock held). */
static void po_setting_deliver(const struct po_setting_reg *r)
{
    const struct po_setting_value *v = po_setting_find(&r->guid);
    ULONG zero = 0;
    UCHAR copy[PO_SETTING_MAX]; /* the driver gets its own buffer, not the store */
    ULONG length = v != NULL ? v->length : sizeof(zero);
    memcpy(copy, v != NULL ? (const void *)v->value : (const void *)&zero, length);
    r->callback(&r->guid, copy, length, r->context);
}

NTSTATUS NTAPI PoRegisterPowerSettingCallback(PDEVICE_OBJECT DeviceObject, LPCGUID SettingGuid,
                                              PPOWER_SETTING_CALLBACK Callback, PVOID Context,
                                              PVOID *Handle)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "PoRegisterPowerSettingCallback", DeviceObject,
                          __builtin_return_address(0));
    if (SettingGuid == NULL || Callback == NULL || Handle == NULL) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoRegisterPowerSettingCallback: SettingGuid, Callback "
                 "and Handle are required");
        return STATUS_INVALID_PARAMETER;
    }
    struct po_setting_reg *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    r->guid = *SettingGuid;
    r->callback = Callback;
    r->context = Context;
    os_mutex_lock(&g_lock);
    r->next = g_regs;
    g_regs = r;
    *Handle = r; /* before the first call: the callback may be called before we return */
    po_setting_deliver(r);
    os_mutex_unlock(&g_lock);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI PoUnregisterPowerSettingCallback(PVOID Handle)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "PoUnregisterPowerSettingCallback", Handle,
                          __builtin_return_address(0));
    os_mutex_lock(&g_lock);
    struct po_setting_reg **p = &g_regs;
    while (*p != NULL && *p != Handle)
        p = &(*p)->next;
    struct po_setting_reg *r = *p;
    if (r != NULL)
        *p = r->next;
    os_mutex_unlock(&g_lock);
    if (r == NULL) {
        rtl_diag(RTL_DIAG_WARN, "po",
                 "PoUnregisterPowerSettingCallback: %p is not a registered "
                 "power setting callback",
                 Handle);
        return STATUS_INVALID_PARAMETER;
    }
    free(r);
    return STATUS_SUCCESS;
}

NTSTATUS po_power_setting_set(const GUID *guid, const void *value, ULONG length)
{
    if (guid == NULL || (value == NULL && length != 0) || length > PO_SETTING_MAX)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&g_lock);
    struct po_setting_value *v = po_setting_find(guid);
    if (v == NULL && (v = calloc(1, sizeof(*v))) != NULL) {
        v->guid = *guid;
        v->next = g_values;
        g_values = v;
    }
    if (v == NULL) {
        os_mutex_unlock(&g_lock);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (length != 0)
        memcpy(v->value, value, length);
    v->length = length;
    for (const struct po_setting_reg *r = g_regs; r != NULL; r = r->next)
        if (memcmp(&r->guid, guid, sizeof(GUID)) == 0)
            po_setting_deliver(r);
    os_mutex_unlock(&g_lock);
    return STATUS_SUCCESS;
}
