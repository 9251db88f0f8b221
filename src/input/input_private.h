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

#endif
