/* init.c - I/O manager start-up and shutdown, the process object drivers can query, and the
 * configuration counts (IoGetConfigurationInformation). */
#include "io/io_private.h"

#include <ntddk.h>

#include "vf/vf.h"

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

/* The counts start at zero at every boot (drvhost_init): drvhost has no disks, serial or
 * parallel ports of its own. Version is the structure's size (Microsoft). Drivers update the
 * counts without a lock, at PASSIVE_LEVEL, as on Windows. */
static CONFIGURATION_INFORMATION io_configuration;

PCONFIGURATION_INFORMATION NTAPI IoGetConfigurationInformation(VOID)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetConfigurationInformation", NULL, NULL);
    return &io_configuration;
}

NTSTATUS io_init(void)
{
    RtlZeroMemory(&io_configuration, sizeof(io_configuration));
    io_configuration.Version = sizeof(io_configuration);
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
    io_boot_driver_shutdown();
}
