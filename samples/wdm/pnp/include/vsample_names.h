/*
 * vsample_names.h - the names of PnP and power IRPs and of power states, as the PnP sample
 * drivers print them: irplog in its log, all three in their WPP traces ("START_DEVICE",
 * "SET_POWER", "S3", "D0"). Driver source, public headers only.
 */
#ifndef VSAMPLE_NAMES_H
#define VSAMPLE_NAMES_H

#include <wdm.h>

/* The IRP_MN_ name of a PnP IRP without its prefix; NULL for a code that has none. */
static __inline PCSTR VsPnpMinorName(UCHAR Minor)
{
    static PCSTR const names[] = {
        "START_DEVICE",                 /* 0x00 */
        "QUERY_REMOVE_DEVICE",          /* 0x01 */
        "REMOVE_DEVICE",                /* 0x02 */
        "CANCEL_REMOVE_DEVICE",         /* 0x03 */
        "STOP_DEVICE",                  /* 0x04 */
        "QUERY_STOP_DEVICE",            /* 0x05 */
        "CANCEL_STOP_DEVICE",           /* 0x06 */
        "QUERY_DEVICE_RELATIONS",       /* 0x07 */
        "QUERY_INTERFACE",              /* 0x08 */
        "QUERY_CAPABILITIES",           /* 0x09 */
        "QUERY_RESOURCES",              /* 0x0A */
        "QUERY_RESOURCE_REQUIREMENTS",  /* 0x0B */
        "QUERY_DEVICE_TEXT",            /* 0x0C */
        "FILTER_RESOURCE_REQUIREMENTS", /* 0x0D */
        NULL,                           /* 0x0E */
        "READ_CONFIG",                  /* 0x0F */
        "WRITE_CONFIG",                 /* 0x10 */
        "EJECT",                        /* 0x11 */
        "SET_LOCK",                     /* 0x12 */
        "QUERY_ID",                     /* 0x13 */
        "QUERY_PNP_DEVICE_STATE",       /* 0x14 */
        "QUERY_BUS_INFORMATION",        /* 0x15 */
        "DEVICE_USAGE_NOTIFICATION",    /* 0x16 */
        "SURPRISE_REMOVAL",             /* 0x17 */
        "QUERY_LEGACY_BUS_INFORMATION", /* 0x18 */
        "DEVICE_ENUMERATED",            /* 0x19 */
    };
    return Minor < RTL_NUMBER_OF(names) ? names[Minor] : NULL;
}

/* The IRP_MN_ name of a power IRP without its prefix. */
static __inline PCSTR VsPowerMinorName(UCHAR Minor)
{
    switch (Minor) {
    case IRP_MN_WAIT_WAKE:
        return "WAIT_WAKE";
    case IRP_MN_POWER_SEQUENCE:
        return "POWER_SEQUENCE";
    case IRP_MN_SET_POWER:
        return "SET_POWER";
    case IRP_MN_QUERY_POWER:
        return "QUERY_POWER";
    default:
        return "POWER ?";
    }
}

/* SYSTEM_POWER_STATE 1..6 are S0..S5; DEVICE_POWER_STATE 1..4 are D0..D3. */
static __inline PCSTR VsSystemStateName(SYSTEM_POWER_STATE State)
{
    static PCSTR const names[] = {"S?", "S0", "S1", "S2", "S3", "S4", "S5"};
    return (ULONG)State < RTL_NUMBER_OF(names) ? names[State] : "?";
}

static __inline PCSTR VsDeviceStateName(DEVICE_POWER_STATE State)
{
    static PCSTR const names[] = {"D?", "D0", "D1", "D2", "D3"};
    return (ULONG)State < RTL_NUMBER_OF(names) ? names[State] : "?";
}

/* The state a SET_POWER or QUERY_POWER IRP names ("S3", "D0"); NULL for the other IRPs. */
static __inline PCSTR VsPowerIrpState(PIO_STACK_LOCATION Sl)
{
    if (Sl->MinorFunction != IRP_MN_SET_POWER && Sl->MinorFunction != IRP_MN_QUERY_POWER)
        return NULL;
    return Sl->Parameters.Power.Type == SystemPowerState
               ? VsSystemStateName(Sl->Parameters.Power.State.SystemState)
               : VsDeviceStateName(Sl->Parameters.Power.State.DeviceState);
}

#endif
