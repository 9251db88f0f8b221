/*
 * input_private.h - the simulated PS/2 device (port.c: the port driver's PDO) and the class
 * driver above it (class.c).
 *
 * Lifetime: a struct ps2_dev lives from ps2_device_plug to input_shutdown (its PDO and the class
 * device are deleted at REMOVE_DEVICE before that; the extensions only point at it). Locking:
 * dev->lock (a spin lock: the service callback runs at DISPATCH_LEVEL) guards connect, hook,
 * gone; it is never held while a driver's routine runs.
 */
#ifndef DRVHOST_INPUT_INPUT_PRIVATE_H
#define DRVHOST_INPUT_INPUT_PRIVATE_H

#include "input/input.h"

#include <kbdmou.h>
#include <ntdd8042.h>

/* The records the port's (and the class's) input queue holds (ours: i8042prt's own length is a
 * registry setting). */
#define PS2_QUEUE_RECORDS 100

/* The packets an isr hook can queue for one record it is given (ours: on Windows the ISR queues
 * one packet per completed scan code or mouse packet). */
#define PS2_QUEUED_MAX 4

/* What the simulated keyboard or mouse has been sent (bytes written by the port's routines, by
 * an isr hook's IsrWritePort or the initialization routine's WritePort) and the keyboard
 * commands it carried out: 0xED (set LEDs) and 0xF3 (set typematic rate and delay) take the next
 * byte as their argument. Read by ps2-state (drvhost_ps2_state, docs/input.md). */
struct ps2_model {
    ULONG written;   /* bytes received */
    UCHAR last[8];   /* the last ones, oldest first */
    UCHAR leds;      /* the LEDs lit: bit 0 scroll, 1 num, 2 caps lock */
    UCHAR typematic; /* the typematic byte: bits 0-4 rate, 5-6 delay */
    UCHAR command;   /* 0xED or 0xF3 while waiting for its argument, else 0 */
};

struct ps2_dev {
    struct ps2_dev *next;
    bool mouse;
    char *instance;
    KSPIN_LOCK lock;
    PDEVICE_OBJECT pdo;
    PDEVICE_OBJECT class_device; /* the class driver's device on top of the stack */
    CONNECT_DATA connect;        /* what reached the port: the filter's callback, or the class's */
    INTERNAL_I8042_HOOK_KEYBOARD khook; /* after the hook request went through the stack */
    INTERNAL_I8042_HOOK_MOUSE mhook;
    bool hooked;
    bool gone;
    /* The port's keyboard settings (IOCTL_KEYBOARD_SET_TYPEMATIC / _SET_INDICATORS; dev->lock). */
    KEYBOARD_TYPEMATIC_PARAMETERS typematic;
    KEYBOARD_INDICATOR_PARAMETERS indicators;
    struct ps2_model model; /* the device behind the port (dev->lock) */
    /* While the isr hook runs (isr_lock, held as the interrupt's lock is on Windows): the record
     * it is given, and the ones it queued with QueueKeyboardPacket / QueueMousePacket. */
    KSPIN_LOCK isr_lock;
    PVOID isr_record;
    UCHAR queued[PS2_QUEUED_MAX][sizeof(MOUSE_INPUT_DATA)];
    ULONG nqueued;
};

/* The size of one input record of the device's kind. */
static inline size_t ps2_record_size(const struct ps2_dev *dev)
{
    return dev->mouse ? sizeof(MOUSE_INPUT_DATA) : sizeof(KEYBOARD_INPUT_DATA);
}

/* class.c: attaches the class device on top of the started stack of dev->pdo, connects it
 * (IOCTL_INTERNAL_*_CONNECT down the stack) and asks the attributes. */
NTSTATUS input_class_attach(struct ps2_dev *dev);
/* Sends an internal device control to `target` and waits for it (PASSIVE_LEVEL). */
NTSTATUS input_internal_ioctl(PDEVICE_OBJECT target, ULONG code, PVOID in, ULONG in_len, PVOID out,
                              ULONG out_len);
void input_class_shutdown(void);

/* device.c: the device model and the port's keyboard requests. */
/* One byte reaches the device (dev->lock not held; taken inside). */
void ps2_model_write(struct ps2_dev *dev, UCHAR byte);
/* How many repeats the device sends for a key held `ms` milliseconds (its typematic byte's delay
 * and period; repeats at delay + k * period, before the release). */
ULONG ps2_model_repeats(struct ps2_dev *dev, ULONG ms);
/* The port's defaults (typematic 30/s after 250 ms, no indicators), the model agreeing. */
void ps2_keyboard_defaults(struct ps2_dev *dev);
/* IOCTL_KEYBOARD_QUERY/SET_TYPEMATIC, _QUERY/SET_INDICATORS, _QUERY_INDICATOR_TRANSLATION:
 * STATUS_INVALID_DEVICE_REQUEST for any other code. */
NTSTATUS ps2_keyboard_request(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp);

#endif
