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
#include <hidpi.h>

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

/* The input reports of a collection: one queue per open file object, as on Windows (each open
 * gets every report). `lock` guards `opens` and every open's ring and pending list. */
struct hid_queue {
    KSPIN_LOCK lock;
    LIST_ENTRY opens;
};

/* One open of the collection (FileObject->FsContext), from IRP_MJ_CREATE to IRP_MJ_CLOSE. */
struct hid_open {
    LIST_ENTRY link; /* hid_queue.opens */
    struct hid_queue *queue;
    PUCHAR ring[HID_RING_SIZE]; /* reports not read yet, oldest at head */
    ULONG ring_len[HID_RING_SIZE];
    ULONG head, count;
    LIST_ENTRY pending; /* reads waiting for a report */
};

/* Completes an IRP with that status and information; returns the status. */
NTSTATUS hid_complete(PIRP irp, NTSTATUS status, ULONG_PTR info);

void hid_queue_init(struct hid_queue *q);
/* IRP_MJ_CREATE and IRP_MJ_CLOSE of the collection. */
NTSTATUS hid_queue_open(struct hid_queue *q, PFILE_OBJECT file);
void hid_queue_close(PFILE_OBJECT file);
/* A report (its report-ID byte first) from the minidriver, to every open; any IRQL <= DISPATCH. */
void hid_queue_deliver(struct hid_queue *q, const UCHAR *report, ULONG length);
/* IRP_MJ_READ whose length was checked: completes it or leaves it pending; returns its status. */
NTSTATUS hid_queue_read(PIRP irp);
/* IRP_MJ_CLEANUP: the file's waiting reads complete with STATUS_CANCELLED. */
void hid_queue_cleanup(PFILE_OBJECT file);
/* IOCTL_HID_FLUSH_QUEUE: the file's buffered reports are dropped. */
void hid_queue_flush(PFILE_OBJECT file);
/* Stop and removal: every waiting read completes with `status`, every ring empties. */
void hid_queue_stop(struct hid_queue *q, NTSTATUS status);

/* Report lengths of a report descriptor, as a collection's HIDP_CAPS gives them: the longest
 * report of each kind plus its report-ID byte (0 when there is no report of that kind). */
struct hid_lengths {
    ULONG input, output, feature;
    BOOLEAN uses_ids; /* the descriptor declares report IDs */
};

/* Parses a report descriptor (src/hid/hidp.c, the one parser of the class driver and of the
 * HidP_* routines) into drvhost's preparsed data for its first top-level collection, a
 * non-paged pool block of *size bytes the caller frees (ExFreePool), and the report lengths of
 * every report of the descriptor (docs/hid.md "Report descriptor"). The statuses of
 * HidP_GetCollectionDescription: STATUS_BUFFER_TOO_SMALL a truncated item,
 * STATUS_NO_DATA_DETECTED no collection, HIDP_STATUS_INVALID_REPORT_TYPE a report ID of 0,
 * STATUS_COULD_NOT_INTERPRET an unbalanced Pop or End Collection or more than the parser's
 * limits. */
NTSTATUS hidp_build_preparsed(const UCHAR *desc, ULONG size, PHIDP_PREPARSED_DATA *out,
                              ULONG *size_out, struct hid_lengths *lengths);

#endif
