/*
 * events.c - the framework's own events in each driver's in-flight recorder (docs/tracing.md,
 * issue 15), beside the per-request ones of queue.c and request.c: the PnP and power IRPs a
 * device's framework receives and the transitions they cause, and the contract violations it
 * reports as bug check 0x10D.
 *
 * PnP and power events are raw entries (trace_recorder_event: stores only, formatted when the
 * log is read), so each format below is a string literal with integer or %p arguments. A
 * violation ends the run: it is formatted once, for the recorder and the report alike.
 */
#include <stdarg.h>
#include <stdio.h>

#include "ke/ke.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

static struct trace_driver *wdf_event_recorder(struct wdf_device *dev)
{
    return dev->obj.owner != NULL ? dev->obj.owner->recorder : NULL;
}

/* One literal per PnP minor function (the recorder keeps the format's address). */
static const char *const wdf_pnp_formats[] = {
    [IRP_MN_START_DEVICE] = "device %p: IRP_MN_START_DEVICE",
    [IRP_MN_QUERY_REMOVE_DEVICE] = "device %p: IRP_MN_QUERY_REMOVE_DEVICE",
    [IRP_MN_REMOVE_DEVICE] = "device %p: IRP_MN_REMOVE_DEVICE",
    [IRP_MN_CANCEL_REMOVE_DEVICE] = "device %p: IRP_MN_CANCEL_REMOVE_DEVICE",
    [IRP_MN_STOP_DEVICE] = "device %p: IRP_MN_STOP_DEVICE",
    [IRP_MN_QUERY_STOP_DEVICE] = "device %p: IRP_MN_QUERY_STOP_DEVICE",
    [IRP_MN_CANCEL_STOP_DEVICE] = "device %p: IRP_MN_CANCEL_STOP_DEVICE",
    [IRP_MN_QUERY_DEVICE_RELATIONS] = "device %p: IRP_MN_QUERY_DEVICE_RELATIONS",
    [IRP_MN_QUERY_INTERFACE] = "device %p: IRP_MN_QUERY_INTERFACE",
    [IRP_MN_QUERY_CAPABILITIES] = "device %p: IRP_MN_QUERY_CAPABILITIES",
    [IRP_MN_QUERY_RESOURCES] = "device %p: IRP_MN_QUERY_RESOURCES",
    [IRP_MN_QUERY_RESOURCE_REQUIREMENTS] = "device %p: IRP_MN_QUERY_RESOURCE_REQUIREMENTS",
    [IRP_MN_QUERY_DEVICE_TEXT] = "device %p: IRP_MN_QUERY_DEVICE_TEXT",
    [IRP_MN_FILTER_RESOURCE_REQUIREMENTS] = "device %p: IRP_MN_FILTER_RESOURCE_REQUIREMENTS",
    [IRP_MN_EJECT] = "device %p: IRP_MN_EJECT",
    [IRP_MN_QUERY_ID] = "device %p: IRP_MN_QUERY_ID",
    [IRP_MN_QUERY_PNP_DEVICE_STATE] = "device %p: IRP_MN_QUERY_PNP_DEVICE_STATE",
    [IRP_MN_QUERY_BUS_INFORMATION] = "device %p: IRP_MN_QUERY_BUS_INFORMATION",
    [IRP_MN_DEVICE_USAGE_NOTIFICATION] = "device %p: IRP_MN_DEVICE_USAGE_NOTIFICATION",
    [IRP_MN_SURPRISE_REMOVAL] = "device %p: IRP_MN_SURPRISE_REMOVAL",
    [IRP_MN_DEVICE_ENUMERATED] = "device %p: IRP_MN_DEVICE_ENUMERATED",
};

void wdf_event_pnp_irp(struct wdf_device *dev, UCHAR minor)
{
    const char *fmt = minor < ARRAYSIZE(wdf_pnp_formats) ? wdf_pnp_formats[minor] : NULL;
    if (fmt == NULL)
        trace_recorder_event(wdf_event_recorder(dev), "device %p: PnP IRP minor 0x%x",
                             (uintptr_t)dev, minor, 0);
    else
        trace_recorder_event(wdf_event_recorder(dev), fmt, (uintptr_t)dev, 0, 0);
}

/* Power states as Windows numbers them: PowerSystemWorking (1) is S0, PowerDeviceD0 (1) D0. */
void wdf_event_power_irp(struct wdf_device *dev, PIO_STACK_LOCATION s)
{
    struct trace_driver *rec = wdf_event_recorder(dev);
    BOOLEAN set = s->MinorFunction == IRP_MN_SET_POWER;
    BOOLEAN system = s->Parameters.Power.Type == SystemPowerState;
    uint64_t state = system ? (uint64_t)s->Parameters.Power.State.SystemState - 1
                            : (uint64_t)s->Parameters.Power.State.DeviceState - 1;
    if (!set && s->MinorFunction != IRP_MN_QUERY_POWER)
        trace_recorder_event(rec, "device %p: power IRP minor 0x%x", (uintptr_t)dev,
                             s->MinorFunction, 0);
    else if (system)
        trace_recorder_event(
            rec, set ? "device %p: IRP_MN_SET_POWER S%u" : "device %p: IRP_MN_QUERY_POWER S%u",
            (uintptr_t)dev, state, 0);
    else
        trace_recorder_event(
            rec, set ? "device %p: IRP_MN_SET_POWER D%u" : "device %p: IRP_MN_QUERY_POWER D%u",
            (uintptr_t)dev, state, 0);
}

/* other: the WDF_POWER_DEVICE_STATE the device came from (entered) or goes to (left). */
void wdf_event_d0(struct wdf_device *dev, BOOLEAN entered, WDF_POWER_DEVICE_STATE other)
{
    trace_recorder_event(wdf_event_recorder(dev),
                         entered ? "device %p: in D0 (from WDF_POWER_DEVICE_STATE %u)"
                                 : "device %p: out of D0 (to WDF_POWER_DEVICE_STATE %u)",
                         (uintptr_t)dev, (uint64_t)other, 0);
}

/* fmt: a string literal naming the device with one %p ("device %p: started"). */
void wdf_event_pnp_state(struct wdf_device *dev, const char *fmt)
{
    trace_recorder_event(wdf_event_recorder(dev), fmt, (uintptr_t)dev, 0, 0);
}

void wdf_violation_in(const char *function, struct wdf_globals *g, ULONG_PTR p1, ULONG_PTR p2,
                      ULONG_PTR p3, ULONG_PTR p4, const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    if (g != NULL)
        trace_recorder_log(g->driver_object, "WDF_VIOLATION 0x%lx: %s", (unsigned long)p1, message);
    ke_bugcheck_msg_in(function, BUGCODE_WDF_VIOLATION, p1, p2, p3, p4, "%s", message);
}
