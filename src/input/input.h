/*
 * input.h - drvhost's simulated PS/2 keyboard and mouse (docs/input.md): a device plugged in as
 * a PDO of drvhost's port driver (\Driver\i8042prt, the i8042 port's role), with drvhost's
 * class driver (\Driver\kbdclass, \Driver\mouclass) attached on top of its stack once it has
 * started, so that a keyboard or mouse filter (kbfiltr, moufiltr) installed as the device's
 * driver sits between the two as on Windows.
 *
 * Layer: input sits above pnp and io (it is a driver to them: it only uses DDIs and
 * pnp_device_create_pdo); the host calls it; nothing below calls it.
 */
#ifndef DRVHOST_INPUT_INPUT_H
#define DRVHOST_INPUT_INPUT_H

#include <wdm.h>

#include <stdbool.h>
#include <stddef.h>

/* Plugs in a PS/2 keyboard (hardware ID ACPI\PNP0303) or mouse (ACPI\PNP0F13), starts it as
 * pnp_device_create does, then attaches the class driver on top and connects it (docs/input.md
 * "The start sequence"). *instance (malloc'ed) is its instance ID. */
NTSTATUS ps2_device_plug(bool mouse, char **instance);

/* Input packets arrive at the port of the device (instance ID): `size` bytes of
 * KEYBOARD_INPUT_DATA or MOUSE_INPUT_DATA records, each passed through the isr hook and then to
 * the connected service callback. STATUS_NO_SUCH_DEVICE, STATUS_INVALID_PARAMETER (not whole
 * records), STATUS_DEVICE_NOT_CONNECTED (removed), STATUS_DEVICE_NOT_READY (not connected). */
NTSTATUS ps2_device_input(const char *instance, const void *data, size_t size);

/* A key of the keyboard (instance ID) held down for `ms` milliseconds: its make code, repeated
 * as the device's typematic byte says (the first repeat after its delay, then one each period,
 * while held), then its break (KEY_BREAK), each record through the isr hook and to the
 * service callback as ps2_device_input's. Virtual time: the records arrive at once.
 * STATUS_INVALID_DEVICE_REQUEST for a mouse; else as ps2_device_input. */
NTSTATUS ps2_device_hold(const char *instance, USHORT make_code, ULONG ms);

/* The state of the device behind the port (docs/input.md "The device"): PS2_STATE_SIZE bytes,
 * [0..3] the bytes it was sent (a ULONG), [4] its LEDs (bit 0 scroll, 1 num, 2 caps lock), [5]
 * its typematic byte, [6] how many of [8..15] hold bytes, [7] 0, [8..15] the last bytes sent,
 * oldest first (right-aligned: the unused ones lead, zero). STATUS_NO_SUCH_DEVICE. */
#define PS2_STATE_SIZE 16
NTSTATUS ps2_device_state(const char *instance, UCHAR state[PS2_STATE_SIZE]);

/* After pnp_shutdown: frees every device and the drivers. */
void input_shutdown(void);

#endif
