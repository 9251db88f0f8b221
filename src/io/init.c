/* init.c - I/O manager start-up and shutdown, and the process object drivers can query. */
#include "io/io_private.h"

/* There is one process: the host. Drivers compare process pointers and pass them around but
 * never look inside (the structure is opaque in wdm.h). */
static struct {
    LONG64 placeholder[8];
} io_system_process;

PEPROCESS NTAPI IoGetCurrentProcess(VOID)
{
    return (PEPROCESS)&io_system_process;
}

PEPROCESS NTAPI IoGetRequestorProcess(PIRP Irp)
{
    (void)Irp;
    return (PEPROCESS)&io_system_process;
}

NTSTATUS io_init(void)
{
    return STATUS_SUCCESS;
}

void io_shutdown(void)
{
    io_wmi_shutdown();
    io_errlog_shutdown();
    io_irp_quarantine_flush();
}
