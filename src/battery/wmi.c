/*
 * wmi.c - the battery class driver's WMI part (docs/battery.md "WMI"): BatteryClassSystemControl
 * is WmiSystemControl with the class's data blocks registered for a miniclass that has none of
 * its own, and BatteryClassQueryWmiDataBlock answers those blocks through the miniclass's
 * routines (the current tag, then its status or information).
 *
 * Blocks answered: BATTERY_STATUS_WMI_GUID, BATTERY_RUNTIME_WMI_GUID,
 * BATTERY_TEMPERATURE_WMI_GUID, BATTERY_FULL_CHARGED_CAPACITY_WMI_GUID,
 * BATTERY_CYCLE_COUNT_WMI_GUID. Not done (docs/battery.md): BATTERY_STATIC_DATA_WMI_GUID and the
 * two events (status change, tag change), which drvhost neither registers nor fires.
 */
#include "battery/battery_private.h"

#include <poclass.h>

static const GUID *const bat_wmi_guids[BAT_WMI_GUIDS] = {
    &BATTERY_STATUS_WMI_GUID,      &BATTERY_RUNTIME_WMI_GUID,
    &BATTERY_TEMPERATURE_WMI_GUID, &BATTERY_FULL_CHARGED_CAPACITY_WMI_GUID,
    &BATTERY_CYCLE_COUNT_WMI_GUID,
};

void bat_wmi_init(struct bat_class *c)
{
    for (ULONG i = 0; i < BAT_WMI_GUIDS; i++) {
        c->wmi[i].Guid = bat_wmi_guids[i];
        c->wmi[i].InstanceCount = 1;
        c->wmi[i].Flags = 0;
    }
}

NTSTATUS BATTERYCLASSAPI BatteryClassSystemControl(PVOID ClassData, PVOID WmiLibContext,
                                                   PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                                   PVOID Disposition)
{
    struct bat_class *c = ClassData;
    PWMILIB_CONTEXT wmi = WmiLibContext;
    /* The class's blocks go into the miniclass's context when it registers none of its own
     * (deviation: a miniclass with GUIDs of its own keeps only those). */
    if (wmi->GuidCount == 0 && wmi->GuidList == NULL) {
        wmi->GuidCount = BAT_WMI_GUIDS;
        wmi->GuidList = c->wmi;
    }
    return WmiSystemControl(wmi, DeviceObject, Irp, Disposition);
}

/* The battery's current tag, or STATUS_NO_SUCH_DEVICE. Under serial. */
static NTSTATUS bat_wmi_tag(struct bat_class *c, PULONG tag)
{
    NTSTATUS status = c->mp.QueryTag(c->mp.Context, tag);
    if (NT_SUCCESS(status) && *tag == BATTERY_TAG_INVALID)
        status = STATUS_NO_SUCH_DEVICE;
    return status;
}

static NTSTATUS bat_wmi_info(struct bat_class *c, ULONG tag, BATTERY_QUERY_INFORMATION_LEVEL lv,
                             PVOID out, ULONG size)
{
    ULONG returned = 0;
    RtlZeroMemory(out, size);
    return c->mp.QueryInformation(c->mp.Context, tag, lv, 0, out, size, &returned);
}

/* BATTERY_WMI_STATUS from BATTERY_STATUS: a positive rate is the charge rate, a negative one the
 * discharge rate (drvhost's reading; BATTERY_UNKNOWN_RATE gives 0 for both). */
static NTSTATUS bat_wmi_status(struct bat_class *c, ULONG tag, PBATTERY_WMI_STATUS out)
{
    BATTERY_STATUS s;
    NTSTATUS status = c->mp.QueryStatus(c->mp.Context, tag, &s);
    if (!NT_SUCCESS(status))
        return status;
    out->RemainingCapacity = s.Capacity;
    out->ChargeRate = s.Rate != (LONG)BATTERY_UNKNOWN_RATE && s.Rate > 0 ? s.Rate : 0;
    out->DischargeRate = s.Rate != (LONG)BATTERY_UNKNOWN_RATE && s.Rate < 0 ? -s.Rate : 0;
    out->Voltage = s.Voltage;
    out->PowerOnline = (s.PowerState & BATTERY_POWER_ON_LINE) != 0;
    out->Charging = (s.PowerState & BATTERY_CHARGING) != 0;
    out->Discharging = (s.PowerState & BATTERY_DISCHARGING) != 0;
    out->Critical = (s.PowerState & BATTERY_CRITICAL) != 0;
    return STATUS_SUCCESS;
}

/* Fills one block (its Tag first) into `buf`, whose size is at least 32 bytes. */
static NTSTATUS bat_wmi_fill(struct bat_class *c, ULONG index, ULONG tag, PUCHAR buf, PULONG size)
{
    BATTERY_INFORMATION bi;
    NTSTATUS status;
    PULONG two = (PULONG)buf; /* the four blocks of two ULONGs: Tag, value */
    *size = index == 0 ? sizeof(BATTERY_WMI_STATUS) : 2 * sizeof(ULONG);
    RtlZeroMemory(buf, *size);
    two[0] = tag;
    switch (index) {
    case 0:
        return bat_wmi_status(c, tag, (PBATTERY_WMI_STATUS)buf);
    case 1:
        return bat_wmi_info(c, tag, BatteryEstimatedTime, &two[1], sizeof(ULONG));
    case 2:
        return bat_wmi_info(c, tag, BatteryTemperature, &two[1], sizeof(ULONG));
    default:
        status = bat_wmi_info(c, tag, BatteryInformation, &bi, sizeof(bi));
        two[1] = index == 3 ? bi.FullChargedCapacity : bi.CycleCount;
        return status;
    }
}

NTSTATUS BATTERYCLASSAPI BatteryClassQueryWmiDataBlock(PVOID ClassData, PDEVICE_OBJECT DeviceObject,
                                                       PIRP Irp, ULONG GuidIndex,
                                                       PULONG InstanceLengthArray,
                                                       ULONG OutBufferSize, PUCHAR Buffer)
{
    struct bat_class *c = ClassData;
    UCHAR block[32];
    ULONG size = 0, tag = BATTERY_TAG_INVALID;
    NTSTATUS status;
    if (GuidIndex >= BAT_WMI_GUIDS)
        return STATUS_WMI_GUID_NOT_FOUND; /* the miniclass's own: it completes the IRP */
    bat_serial_acquire(c);
    status = bat_wmi_tag(c, &tag);
    if (NT_SUCCESS(status))
        status = bat_wmi_fill(c, GuidIndex, tag, block, &size);
    bat_serial_release(c);
    if (NT_SUCCESS(status) && (InstanceLengthArray == NULL || OutBufferSize < size))
        status = STATUS_BUFFER_TOO_SMALL;
    if (NT_SUCCESS(status)) {
        RtlCopyMemory(Buffer, block, size);
        InstanceLengthArray[0] = size;
    }
    /* The size needed goes with STATUS_BUFFER_TOO_SMALL (WNODE_TOO_SMALL). */
    if (!NT_SUCCESS(status) && status != STATUS_BUFFER_TOO_SMALL)
        size = 0;
    return WmiCompleteRequest(DeviceObject, Irp, status, size, IO_NO_INCREMENT);
}
