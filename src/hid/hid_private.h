/*
 * hid_private.h - drvhost's HID class driver (docs/hid.md): the registration of a HID minidriver
 * (HidRegisterMinidriver), the FDO it owns in the minidriver's driver object, and the one HID
 * collection that FDO serves to clients.
 *
 * Layer: hid sits above io and pnp (it is a driver to them: it only uses DDIs); nothing calls it
 * but the minidriver (HidRegisterMinidriver) and the I/O manager (its dispatch routines).
 */
#ifndef DRVHOST_HID_HID_PRIVATE_H
#define DRVHOST_HID_HID_PRIVATE_H

#include <hidport.h>

/* Windows' default number of input reports a collection buffers
 * (IOCTL_GET_NUM_DEVICE_INPUT_BUFFERS). */
#define HID_RING_SIZE 32

/* One registered minidriver: what HidRegisterMinidriver took over in its driver object.
 * Lifetime: from registration to the driver's unload (hid_unload frees it). */
struct hid_minidriver {
    LIST_ENTRY link; /* hid_minidrivers, under hid_lock */
    PDRIVER_OBJECT driver;
    ULONG ext_size;
    BOOLEAN polled;
    PDRIVER_ADD_DEVICE add_device;
    PDRIVER_UNLOAD unload;
    PDRIVER_DISPATCH dispatch[IRP_MJ_MAXIMUM_FUNCTION + 1];
};

/* Report lengths of a report descriptor, as a collection's HIDP_CAPS gives them: the longest
 * report of each kind plus its report-ID byte (0 when there is no report of that kind). */
struct hid_lengths {
    ULONG input, output, feature;
    BOOLEAN uses_ids; /* the descriptor declares report IDs */
};

/* Parses a report descriptor's global and main items (docs/hid.md "Report descriptor").
 * STATUS_INVALID_PARAMETER for a truncated item or an unbalanced Pop. */
NTSTATUS hid_parse_lengths(const UCHAR *desc, ULONG size, struct hid_lengths *out);

#endif
