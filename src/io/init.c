/* init.c - I/O manager start-up and shutdown, and the process object drivers can query. */
#include "io/io_private.h"

/* There is one process: the host. Drivers compare process pointers, pass them around and take
 * references on them (ObReferenceObject, ObReferenceObjectByPointer with *PsProcessType), but
 * never look inside (the structure is opaque in wdm.h): an object of the process type with an
 * empty body, created at boot and released at shutdown. */
static PEPROCESS io_system_process;

PEPROCESS NTAPI IoGetCurrentProcess(VOID)
{
    return io_system_process;
}

/* Every thread belongs to the one process; an IRP with no thread (IoAllocateIrp's) has no
 * requestor: NULL (Microsoft: IoGetRequestorProcess). */
PEPROCESS NTAPI IoGetRequestorProcess(PIRP Irp)
{
    return Irp->Tail.Overlay.Thread != NULL ? io_system_process : NULL;
}

NTSTATUS io_init(void)
{
    io_system_process = ob_create(&ob_type_process, 64);
    return io_system_process != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

void io_shutdown(void)
{
    if (io_system_process != NULL)
        ob_dereference(io_system_process);
    io_system_process = NULL;
    io_wmi_shutdown();
    io_errlog_shutdown();
    io_irp_quarantine_flush();
}
