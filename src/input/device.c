/*
 * device.c - the simulated PS/2 device behind drvhost's port (struct ps2_model: the bytes it is
 * sent and the keyboard commands it carries out) and the port's keyboard requests that set or
 * report it: IOCTL_KEYBOARD_QUERY_TYPEMATIC, _SET_TYPEMATIC, _QUERY_INDICATORS,
 * _SET_INDICATORS and _QUERY_INDICATOR_TRANSLATION (ntddkbd.h; statuses as their reference
 * pages give them, docs/input.md "The port's answers").
 *
 * Locking: dev->lock guards dev->typematic, dev->indicators and dev->model; it is taken at any
 * IRQL up to DISPATCH_LEVEL (an isr hook's IsrWritePort runs there) and never held while a
 * driver's routine runs.
 */
#include "input/input_private.h"

#include <string.h>

/* i8042prt's typematic defaults (the range is the attributes' KeyRepeatMinimum/Maximum). */
#define PS2_RATE_DEFAULT  30
#define PS2_DELAY_DEFAULT 250

/* The keyboard commands whose argument is the next byte. */
#define PS2_CMD_SET_LEDS      0xED
#define PS2_CMD_SET_TYPEMATIC 0xF3

/* The repeat rate (in hundredths of a character a second) of a typematic byte's low five bits:
 * the period is (8 + bits 0-2) * 2^(bits 3-4) * 4.17 ms, from 30/s (0) down to 2/s (0x1F). */
static ULONG typematic_rate_x100(UCHAR code)
{
    ULONG period_x100us = ((8u + (code & 7u)) << ((code >> 3) & 3u)) * 417u; /* 10 us units */
    return 10000000u / period_x100us;
}

/* The typematic byte nearest to a rate and delay: delay 250, 500, 750 or 1000 ms in bits 5-6,
 * the rate code with the closest rate in bits 0-4 (the port's translation for the device). */
static UCHAR typematic_byte(USHORT rate, USHORT delay)
{
    ULONG want = rate * 100u, best = 0, best_diff = ~0u;
    for (ULONG code = 0; code < 32; code++) {
        ULONG have = typematic_rate_x100((UCHAR)code);
        ULONG diff = have > want ? have - want : want - have;
        if (diff < best_diff) {
            best = code;
            best_diff = diff;
        }
    }
    ULONG steps = (delay + 125u) / 250u; /* to the nearest quarter second */
    ULONG delay_code = steps == 0 ? 0 : steps > 4 ? 3 : steps - 1;
    return (UCHAR)(delay_code << 5 | best);
}

void ps2_model_write(struct ps2_dev *dev, UCHAR byte)
{
    struct ps2_model *m = &dev->model;
    KIRQL irql;
    KeAcquireSpinLock(&dev->lock, &irql);
    memmove(m->last, m->last + 1, sizeof m->last - 1);
    m->last[sizeof m->last - 1] = byte;
    m->written++;
    if (m->command == PS2_CMD_SET_LEDS)
        m->leds = byte & 7;
    else if (m->command == PS2_CMD_SET_TYPEMATIC)
        m->typematic = byte & 0x7F;
    /* A mouse's 0xF3 (set sample rate) takes an argument too; its rate is not modelled. */
    if (m->command != 0)
        m->command = 0;
    else if (!dev->mouse && (byte == PS2_CMD_SET_LEDS || byte == PS2_CMD_SET_TYPEMATIC))
        m->command = byte;
    KeReleaseSpinLock(&dev->lock, irql);
}

ULONG ps2_model_repeats(struct ps2_dev *dev, ULONG ms)
{
    KIRQL irql;
    KeAcquireSpinLock(&dev->lock, &irql);
    UCHAR code = dev->model.typematic;
    KeReleaseSpinLock(&dev->lock, irql);
    ULONG64 period_us = (ULONG64)((8u + (code & 7u)) << ((code >> 3) & 3u)) * 4170u;
    ULONG64 delay_us = (((code >> 5) & 3u) + 1u) * 250000u, held_us = (ULONG64)ms * 1000u;
    if (held_us <= delay_us)
        return 0;
    return (ULONG)((held_us - delay_us - 1) / period_us + 1);
}

void ps2_keyboard_defaults(struct ps2_dev *dev)
{
    dev->typematic.Rate = PS2_RATE_DEFAULT;
    dev->typematic.Delay = PS2_DELAY_DEFAULT;
    dev->model.typematic = dev->mouse ? 0 : typematic_byte(PS2_RATE_DEFAULT, PS2_DELAY_DEFAULT);
}

/* The unit a query names: no input (unit 0, as the pages say) or a KEYBOARD_UNIT_ID_PARAMETER.
 * The port serves one keyboard, unit 0. An input of one byte is neither (drvhost's choice:
 * STATUS_INVALID_PARAMETER). */
static NTSTATUS query_unit(PIRP irp, PIO_STACK_LOCATION sp)
{
    ULONG in = sp->Parameters.DeviceIoControl.InputBufferLength;
    if (in == 0)
        return STATUS_SUCCESS;
    if (in < sizeof(KEYBOARD_UNIT_ID_PARAMETER) ||
        ((PKEYBOARD_UNIT_ID_PARAMETER)irp->AssociatedIrp.SystemBuffer)->UnitId != 0)
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* A query's checks: the output holds `need` bytes, then the unit. */
static NTSTATUS query_check(PIRP irp, PIO_STACK_LOCATION sp, ULONG need)
{
    if (sp->Parameters.DeviceIoControl.OutputBufferLength < need)
        return STATUS_BUFFER_TOO_SMALL;
    return query_unit(irp, sp);
}

/* A set request's checks: the input holds `need` bytes, its first USHORT (UnitId) names 0. */
static NTSTATUS set_check(PIRP irp, PIO_STACK_LOCATION sp, ULONG need)
{
    if (sp->Parameters.DeviceIoControl.InputBufferLength < need)
        return STATUS_BUFFER_TOO_SMALL;
    if (*(PUSHORT)irp->AssociatedIrp.SystemBuffer != 0)
        return STATUS_INVALID_PARAMETER;
    return STATUS_SUCCESS;
}

/* A query answered with the setting kept at `kept` (its UnitId is 0: a set request names no
 * other unit). */
static NTSTATUS query_kept(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp, const void *kept,
                           ULONG size)
{
    UCHAR copy[sizeof(KEYBOARD_TYPEMATIC_PARAMETERS)];
    KIRQL irql;
    NTSTATUS status = query_check(irp, sp, size);
    if (!NT_SUCCESS(status))
        return status;
    KeAcquireSpinLock(&dev->lock, &irql);
    memcpy(copy, kept, size);
    KeReleaseSpinLock(&dev->lock, irql);
    memcpy(irp->AssociatedIrp.SystemBuffer, copy, size);
    irp->IoStatus.Information = size;
    return STATUS_SUCCESS;
}

/* The argument the device gets with a new setting's command: the nearest typematic byte, or
 * the LEDs (the flags' low three bits: scroll, num and caps lock, in the same places as the PS/2
 * byte's; the flags are kept whole, and a query returns them). */
static UCHAR command_argument(UCHAR command, const void *setting)
{
    if (command == PS2_CMD_SET_TYPEMATIC) {
        const KEYBOARD_TYPEMATIC_PARAMETERS *t = setting;
        return typematic_byte(t->Rate, t->Delay);
    }
    return (UCHAR)(((const KEYBOARD_INDICATOR_PARAMETERS *)setting)->LedFlags & 7);
}

/* A set request: the setting kept at `kept` as given (the pages document no range check), then
 * sent to the device as `command` and its argument. */
static NTSTATUS set_kept(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp, void *kept,
                         ULONG size, UCHAR command)
{
    KIRQL irql;
    NTSTATUS status = set_check(irp, sp, size);
    if (!NT_SUCCESS(status))
        return status;
    KeAcquireSpinLock(&dev->lock, &irql);
    memcpy(kept, irp->AssociatedIrp.SystemBuffer, size);
    KeReleaseSpinLock(&dev->lock, irql);
    ps2_model_write(dev, command);
    ps2_model_write(dev, command_argument(command, irp->AssociatedIrp.SystemBuffer));
    return STATUS_SUCCESS;
}

/* The keys that toggle the indicators, by their make codes: caps lock (0x3A), num lock (0x45),
 * scroll lock (0x46). Information: the translation data's bytes (the count and three entries). */
static NTSTATUS query_translation(PIRP irp, PIO_STACK_LOCATION sp)
{
    static const INDICATOR_LIST keys[3] = {
        {0x3A, KEYBOARD_CAPS_LOCK_ON},
        {0x45, KEYBOARD_NUM_LOCK_ON},
        {0x46, KEYBOARD_SCROLL_LOCK_ON},
    };
    ULONG size = FIELD_OFFSET(KEYBOARD_INDICATOR_TRANSLATION, IndicatorList) + sizeof keys;
    NTSTATUS status = query_check(irp, sp, size);
    if (!NT_SUCCESS(status))
        return status;
    PKEYBOARD_INDICATOR_TRANSLATION out = irp->AssociatedIrp.SystemBuffer;
    out->NumberOfIndicatorKeys = 3;
    memcpy(out->IndicatorList, keys, sizeof keys);
    irp->IoStatus.Information = size;
    return STATUS_SUCCESS;
}

NTSTATUS ps2_keyboard_request(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp)
{
    switch (sp->Parameters.DeviceIoControl.IoControlCode) {
    case IOCTL_KEYBOARD_QUERY_TYPEMATIC:
        return query_kept(dev, irp, sp, &dev->typematic, sizeof dev->typematic);
    case IOCTL_KEYBOARD_SET_TYPEMATIC:
        return set_kept(dev, irp, sp, &dev->typematic, sizeof dev->typematic,
                        PS2_CMD_SET_TYPEMATIC);
    case IOCTL_KEYBOARD_QUERY_INDICATORS:
        return query_kept(dev, irp, sp, &dev->indicators, sizeof dev->indicators);
    case IOCTL_KEYBOARD_SET_INDICATORS:
        return set_kept(dev, irp, sp, &dev->indicators, sizeof dev->indicators, PS2_CMD_SET_LEDS);
    case IOCTL_KEYBOARD_QUERY_INDICATOR_TRANSLATION:
        return query_translation(irp, sp);
    }
    return STATUS_INVALID_DEVICE_REQUEST;
}
