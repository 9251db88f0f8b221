/*
 * battery_private.h - drvhost's battery class driver (docs/battery.md): the class handle a
 * battery miniclass gets from BatteryClassInitializeDevice, the waiting IOCTL_BATTERY_QUERY_TAG
 * and IOCTL_BATTERY_QUERY_STATUS requests it keeps, and its WMI data blocks.
 *
 * Layer: battery sits above io and pnp (it is a library of the miniclass driver, as battc.sys
 * is on Windows: it only uses DDIs); nothing calls it but the miniclass.
 */
#ifndef DRVHOST_BATTERY_BATTERY_PRIVATE_H
#define DRVHOST_BATTERY_BATTERY_PRIVATE_H

#include <wdm.h>

#include <batclass.h>
#include <wmilib.h>

#define BAT_TAG 'tabH'
/* The WMI data blocks the class answers for the miniclass (wmi.c). */
#define BAT_WMI_GUIDS 5

/* One battery device: the class handle (ClassData). Lifetime: BatteryClassInitializeDevice to
 * BatteryClassUnload. `lock` guards the fields marked (L); `serial` (a synchronization event
 * used as a passive-level lock) is held around every call into the miniclass, so that its
 * routines are called one at a time, as the battery class driver serialises them. */
struct bat_class {
    BATTERY_MINIPORT_INFO_V1_1 mp; /* the miniclass's routines; Fdo NULL for version 1.0 */
    KEVENT serial;
    KSPIN_LOCK lock;
    IO_CSQ csq;        /* waiting QUERY_TAG and QUERY_STATUS IRPs */
    LIST_ENTRY queue;  /* (L) the csq's IRPs, through Tail.Overlay.ListEntry */
    KTIMER timer;      /* the earliest time-out of a waiting IRP */
    KDPC dpc;          /* timer expiry: runs the work item */
    LONGLONG timer_at; /* (L) interrupt time the timer is set for; 0 none */
    PIO_WORKITEM work; /* re-queries the miniclass for the waiting IRPs */
    BOOLEAN work_queued, work_again, unloading; /* (L) */
    KEVENT work_idle;     /* signalled while no work item is queued or running */
    BOOLEAN notify_set;   /* SetStatusNotify called, DisableStatusNotify not yet (serial) */
    ULONG_PTR notify_seq; /* the waiting IRP whose bounds the miniclass has (serial) */
    ULONG_PTR seq;        /* numbers the waiting IRPs (serial) */
    UNICODE_STRING iface; /* the GUID_DEVICE_BATTERY interface of the PDO */
    WMIGUIDREGINFO wmi[BAT_WMI_GUIDS];
};

/* Calls into the miniclass, under `serial`. */
void bat_serial_acquire(struct bat_class *c);
void bat_serial_release(struct bat_class *c);

/* The class's WMI GUID list (wmi.c), filled in at initialisation. */
void bat_wmi_init(struct bat_class *c);

#endif
