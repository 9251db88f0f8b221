/* io_private.h - shared between the I/O manager's own files (not for other layers). */
#ifndef DRVHOST_IO_PRIVATE_H
#define DRVHOST_IO_PRIVATE_H

#include "io/io.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "ob/ob.h"

/* IRP.AllocationFlags bit marking an IRP with a private part (Windows' own bits are 0x01 to
 * 0x08 and 0x40; this one is unused by Windows). */
#define IO_IRP_PRIVATE 0x80

struct io_irp_private {
    io_irp_done done; /* host completion, or NULL */
    void *done_context;
    ULONG out_capacity; /* IoBuild*Request: the requester's output buffer size */
    ULONG pad[3];
    IRP irp; /* followed by the stack locations */
};
_Static_assert(sizeof(struct io_irp_private) % 16 == 0, "IRP alignment");

struct io_irp_private *io_irp_private_of(PIRP irp);
/* The I/O manager's completion of IRPs built by IoBuild*Request (and stray driver IRPs). */
void io_threaded_completion(PIRP irp);
void io_irp_quarantine_flush(void);

#endif
