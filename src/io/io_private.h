/* io_private.h - shared between the I/O manager's own files (not for other layers). */
#ifndef DRVHOST_IO_PRIVATE_H
#define DRVHOST_IO_PRIVATE_H

#include "io/io.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "ob/ob.h"

#include <wmistr.h>

/* IRP.AllocationFlags bit marking an IRP with a private part (Windows' own bits are 0x01 to
 * 0x08 and 0x40; this one is unused by Windows). */
#define IO_IRP_PRIVATE 0x80

/* What kind of block an IRP with a private part lives in (io_irp_private.kind). */
enum io_irp_kind {
    IO_IRP_PLAIN = 0, /* IoAllocateIrp, IoBuild*Request, the runtime's own: quarantined at free */
    IO_IRP_CLIENT = 1 /* io_irp_alloc_client: host area and inline system buffer, see irp.c */
};

struct io_irp_private {
    io_irp_done done; /* host completion, or NULL */
    void *done_context;
    ULONG out_capacity; /* IoBuild*Request: the requester's output buffer size */
    UCHAR kind;         /* enum io_irp_kind; fixed for the life of the block */
    CCHAR stack_room;   /* IO_IRP_CLIENT: stack locations the block has room for */
    USHORT inline_len;  /* IO_IRP_CLIENT: bytes of inline_buf handed out as SystemBuffer */
    void *host_area;    /* IO_IRP_CLIENT: IO_IRP_HOST_AREA bytes for the caller's request */
    UCHAR *inline_buf;  /* IO_IRP_CLIENT: IO_IRP_INLINE_BUFFER bytes + IO_IRP_GUARD_SIZE */
    ULONG64 reserved;   /* keeps the IRP 16-byte aligned */
    IRP irp;            /* followed by the stack locations */
};
_Static_assert(sizeof(struct io_irp_private) % 16 == 0 &&
                   offsetof(struct io_irp_private, irp) % 16 == 0,
               "IRP alignment");

/* Client IRP blocks (irp.c): [io_irp_private][IRP][stack x stack_room][host area][inline
 * system buffer][guard]. A buffered transfer of up to IO_IRP_INLINE_BUFFER bytes uses the
 * inline buffer instead of a pool block; the guard bytes right after the bytes handed out are
 * checked at completion (overrun: bug check 0x19 / 0x21, as the pool does). */
#define IO_IRP_CACHE_STACK   8
#define IO_IRP_INLINE_BUFFER 256
#define IO_IRP_GUARD_SIZE    16
#define IO_IRP_GUARD_BYTE    0xA7
#define IO_IRP_FREED_FILL    0xDD

/* The inline system buffer of a client IRP for `total` bytes, or NULL when the IRP has none or
 * the transfer is larger (buffers.c then allocates pool). Writes the guard after the bytes. */
UCHAR *io_irp_inline_buffer(PIRP irp, ULONG total);
/* TRUE if `buffer` is the IRP's inline system buffer; checks its guard (bug check on an
 * overrun). */
BOOLEAN io_irp_inline_finish(PIRP irp, void *buffer);

struct io_irp_private *io_irp_private_of(PIRP irp);
/* The I/O manager's completion of IRPs built by IoBuild*Request (and stray driver IRPs). */
void io_threaded_completion(PIRP irp);
/* drvhost_shutdown: returns every thread's cached and quarantined IRPs to the pool. */
void io_irp_quarantine_flush(void);

/* Releases error log entries neither written nor freed, reporting each (errlog.c). */
void io_errlog_shutdown(void);
/* Releases WMI registrations left at shutdown, reporting each (wmi.c). */
void io_wmi_shutdown(void);
/* WMI events (wmi_event.c). The largest event accepted (drvhost's limit; Windows reads its
 * own from the registry): a larger one is STATUS_BUFFER_OVERFLOW. */
#define IO_WMI_EVENT_MAX 65536
/* Keeps a copy of the event `wnode` (BufferSize bytes) raised for `device` (NULL: take the
 * provider from the WNODE) until a consumer takes it (io_wmi_take_event, io.h). */
NTSTATUS io_wmi_store_event(PDEVICE_OBJECT device, const WNODE_HEADER *wnode);
void io_wmi_events_shutdown(void);
/* Takes the oldest event of that provider and GUID: an ex_alloc'd copy (the WNODE, *size bytes)
 * the caller frees with ex_free. STATUS_NOT_FOUND when there is none. */
NTSTATUS io_wmi_take_event(ULONG provider, const GUID *guid, void **wnode, ULONG *size);
/* The registered, unblocked devices whose last REGINFO reply lists `guid` (wmi.c): up to `max`
 * of them, each referenced, in devices[]; returns how many there are (devices may be NULL). */
ULONG io_wmi_providers_of(const GUID *guid, PDEVICE_OBJECT *devices, ULONG max);
/* One WMI data request (DataPath = guid) to a registered device's stack, waited for;
 * STATUS_WMI_GUID_NOT_FOUND when the device is no longer registered or is blocked. */
NTSTATUS io_wmi_send_to(PDEVICE_OBJECT device, UCHAR minor, const GUID *guid, void *buffer,
                        ULONG size, ULONG_PTR *information);
/* Hands a copy of the event to the notification callbacks set on data block objects of its
 * GUID (wmi_consumer.c), from a system worker. */
void io_wmi_notify(const WNODE_HEADER *wnode);

/* A zeroed file object with one reference (file.c); its close routine is the I/O manager's. */
struct io_file *io_file_new(void);
/* Releases a sandbox file's descriptor and state when its file object goes (zwfile.c). */
void io_hostfile_close(struct io_file *file);

/* ---- devices and IRPs, for the I/O manager's own files --------------------------------- */

/* TRUE if a device of the driver has open file objects (handles). */
BOOLEAN io_driver_has_open_files(struct io_driver *driver);

static inline struct io_device *io_device_of(PDEVICE_OBJECT d)
{
    return (struct io_device *)d;
}

/* Allocates an IRP (like IoAllocateIrp) that calls `done` at the end of completion instead of
 * the I/O manager's own completion. The IRP stays valid until io_irp_free. */
PIRP io_irp_alloc_hosted(CCHAR stack_size, io_irp_done done, void *context);

/* Buffered I/O helpers: allocate a system buffer and release IRP resources at completion. */
void *io_alloc_buffer(size_t size);
void io_free_buffer(void *p);
void io_irp_release_mdls(PIRP irp);

/* The access check of an open of dev (secure.c): STATUS_ACCESS_DENIED when the device's
 * descriptor does not grant `access` to the client identity (user-mode opens only). */
NTSTATUS io_secure_open_check(PDEVICE_OBJECT dev, PCUNICODE_STRING rest, ACCESS_MASK access,
                              KPROCESSOR_MODE mode);

/* The default dispatch routine: completes with STATUS_INVALID_DEVICE_REQUEST. */
NTSTATUS io_invalid_request(PDEVICE_OBJECT device, PIRP irp);

/* Sends an IRP the runtime built to the top of a device's stack and waits for it (PASSIVE). */
NTSTATUS io_call_and_wait(PDEVICE_OBJECT device, PIRP irp, IO_STATUS_BLOCK *iosb);

/* gkmdf (shutdown.c): IoDeleteDevice forgets a device registered for shutdown notification. */
void io_shutdown_device_deleted(PDEVICE_OBJECT device);

/* Frees the boot driver callback registrations left at shutdown (bootcb.c, from io_shutdown). */
void io_boot_driver_shutdown(void);

#endif
