/*
 * io.h - the I/O manager: driver, device and file objects, IRPs and their completion,
 * cancellation, MDLs, work items, and the client request path used by the host.
 *
 * Private state lives in wrapper structs that begin with the public object:
 *   struct io_driver { DRIVER_OBJECT }, struct io_device { DEVICE_OBJECT }, struct io_file
 *   { FILE_OBJECT }; IRPs allocated by IoAllocateIrp have a struct io_irp_private in front.
 */
#ifndef DRVHOST_IO_H
#define DRVHOST_IO_H

#include <wdm.h>

#include "os/os.h"

NTSTATUS io_init(void);
void io_shutdown(void);
/* gkmdf (shutdown.c): IRP_MJ_SHUTDOWN to every device registered for shutdown notification
 * (drvhost_shutdown, before the power manager's shutdown). */
void io_shutdown_notify(void);

/* ---- drivers ----------------------------------------------------------------------------- */

struct io_driver {
    DRIVER_OBJECT object;
    DRIVER_EXTENSION extension;
    UNICODE_STRING registry_path;
    void *module; /* the loader's module (opaque here) */
    /* Called when the driver object is freed: every device object holds a reference on its
     * driver object, so the image stays mapped while anything can still reach its code, as
     * Windows keeps a driver image until its last device object is gone. */
    void (*release_module)(void *module);
    /* Unload requested while files were open: Windows defers DriverUnload until the last
     * handle to the driver's devices is closed; io_file_close then calls deferred_unload. */
    volatile LONG unload_pending;
    void (*deferred_unload)(void *module);
};

/* Claims a pending unload (once): TRUE if the caller must now run it. */
BOOLEAN io_driver_claim_unload(struct io_driver *driver, BOOLEAN only_if_unreferenced);

/* Creates \Driver\<service> with every MajorFunction set to the invalid-request handler. */
NTSTATUS io_driver_create(const char *service, struct io_driver **driver);
/* Clears DO_DEVICE_INITIALIZING on the devices created during DriverEntry (as Windows does
 * for legacy drivers). */
void io_driver_ready_devices(struct io_driver *driver);
/* Deletes the device objects the driver left (after io_driver_report_devices), then drops the
 * driver object. */
void io_driver_destroy(struct io_driver *driver);
/* Called (any thread, no lock held) when the last file object open on a device is closed
 * (NULL: nobody). The PnP manager sends a surprise-removed device its REMOVE_DEVICE then. */
void io_set_last_close_hook(void (*hook)(PDEVICE_OBJECT device));
/* Prints one "device leak" line per device object the driver still has (at its unload) and
 * returns how many. */
size_t io_driver_report_devices(struct io_driver *driver);

/* ---- devices ----------------------------------------------------------------------------- */

struct io_device {
    DEVICE_OBJECT object;
    struct io_device_extension_ *devobj_ext; /* DeviceObjectExtension */
    PDEVICE_OBJECT attached_to;              /* the device below in the stack */
    BOOLEAN delete_pending;
    volatile LONG opens; /* open file objects (DO_EXCLUSIVE) */
    /* The device node of a PDO (struct pnp_node, src/pnp), set and cleared by the PnP manager
     * under its tree lock; NULL for every other device object. io never reads it. */
    void *pnp_node;
    /* The power manager's state of this device object (src/po; io never reads them): the
     * DEVICE_POWER_STATE PoSetPowerState recorded last (0: none yet), and on a PDO the
     * POWER_ACTION of the system power IRP under way on its stack (0: none). */
    volatile LONG po_device_state;
    volatile LONG po_system_action;
    /* IoCreateDeviceSecure's descriptor (struct se_sd, src/se), freed with the device object;
     * NULL for IoCreateDevice's devices: their opens are not checked (secure.c). */
    struct se_sd *security;
};

/* ---- files ------------------------------------------------------------------------------- */

struct io_file {
    FILE_OBJECT object;
    ACCESS_MASK access;
    BOOLEAN cleaned_up;
    BOOLEAN opened;           /* IRP_MJ_CREATE succeeded: close sends IRP_MJ_CLOSE */
    struct io_hostfile *host; /* a file of the sandbox folder (ZwCreateFile, zwfile.c) */
};

/* Opens a device by path with IRP_MJ_CREATE. The file object comes back with one reference. */
NTSTATUS io_open(PCUNICODE_STRING path, ACCESS_MASK access, KPROCESSOR_MODE mode,
                 struct io_file **file);
/* io_open with the create IRP's share access, disposition, options and attributes as given
 * (WdfIoTargetOpen by name); NULL: io_open's (share read and write, FILE_OPEN). */
struct io_create_params {
    ULONG share, disposition, options, attributes;
};
NTSTATUS io_open_with(PCUNICODE_STRING path, ACCESS_MASK access,
                      const struct io_create_params *params, KPROCESSOR_MODE mode,
                      struct io_file **file);
/* Sends IRP_MJ_CLEANUP (the handle is closed). IRP_MJ_CLOSE follows when the last reference to
 * the file object goes. */
void io_cleanup(struct io_file *file);

/* The folder ZwCreateFile's \??\C:\ and \SystemRoot\ live in (zwfile.c). NULL: a fresh folder
 * per boot, made at first use and removed by io_files_shutdown; a caller's folder is kept. */
NTSTATUS io_files_init(const char *root);
/* After the object manager closed every handle. */
void io_files_shutdown(void);

/* ---- IRPs -------------------------------------------------------------------------------- */

/* Called once the IRP has travelled back up its whole stack (no completion routine stopped it).
 * Runs in the completing thread, at its IRQL (<= DISPATCH_LEVEL). */
typedef void (*io_irp_done)(PIRP irp, void *context);

/* Allocates a client IRP (the host's drvhost_io path): like io_irp_alloc_hosted (io_private.h),
 * plus
 * IO_IRP_HOST_AREA zeroed bytes for the caller's request state (*host, also the `done`
 * context), valid until io_irp_free, and an inline system buffer for small buffered transfers.
 * Taken from the calling thread's cache when it can be: no pool operation and no global lock
 * on the common path (irp.c). */
#define IO_IRP_HOST_AREA 192
PIRP io_irp_alloc_client(CCHAR stack_size, io_irp_done done, void **host);
/* Frees an IRP: poisoned and kept in a quarantine for a while, so that a late second
 * completion is caught (bug check 0x44) instead of touching freed memory. */
void io_irp_free(PIRP irp);

/* The top of `device`'s stack for a request. The caller holds a reference on `device`. Without
 * anything attached (read with an atomic load, no lock) that is `device` itself and no
 * reference is taken (*referenced FALSE); otherwise IoGetAttachedDeviceReference. */
PDEVICE_OBJECT io_request_top(PDEVICE_OBJECT device, BOOLEAN *referenced);

/* Describe a requester's buffers in an IRP (the next stack location's parameters too) and
 * finish them at completion; see buffers.c. io_finish_buffers returns FALSE when the driver's
 * Information exceeded out_capacity. */
NTSTATUS io_setup_ioctl(PIRP irp, ULONG code, PVOID input, ULONG in_len, PVOID output,
                        ULONG out_len);
NTSTATUS io_setup_read_write(PIRP irp, PDEVICE_OBJECT device, UCHAR major, PVOID buffer,
                             ULONG length);
BOOLEAN io_finish_buffers(PIRP irp, ULONG out_capacity);

/* ---- WMI, as a data consumer sees it (the host's `wmi` scenario commands) ----------------- */

/* The device object of that name (\Device\X), referenced; STATUS_OBJECT_NAME_NOT_FOUND for a
 * name that is no device. */
NTSTATUS io_wmi_device_by_name(PCUNICODE_STRING name, PDEVICE_OBJECT *device);
/* The device of the PDO's stack registered with WMI (the top-most), referenced; NULL: none. */
PDEVICE_OBJECT io_wmi_provider_in_stack(PDEVICE_OBJECT pdo);
/* Sends IRP_MJ_SYSTEM_CONTROL / `minor` with the WNODE `buffer` (size bytes, read and written
 * by the driver) to the top of the device's stack, ProviderId = that device, and waits.
 * A device not registered with IoWMIRegistrationControl (or blocked) is
 * STATUS_WMI_GUID_NOT_FOUND. The caller holds a reference on the device. */
NTSTATUS io_wmi_request(PDEVICE_OBJECT device, UCHAR minor, void *buffer, ULONG size,
                        ULONG_PTR *information);
/* Takes the oldest event the device raised with that GUID (WmiFireEvent, IoWMIWriteEvent):
 * *wnode is a copy, freed with ex_free. STATUS_NOT_FOUND: none. */
NTSTATUS io_wmi_take_event_of(PDEVICE_OBJECT device, const GUID *guid, void **wnode, ULONG *size);

/* ---- boot driver callbacks (bootcb.c; the model: docs/notify.md) --------------------------- */

/* For the loader, before the entry point of a boot-start driver (service Start 0): each
 * registered callback hears of the image (BdCbInitializeImage, after the two prepare status
 * updates the first time). FALSE if one classified it BdCbClassificationKnownBadImage: the
 * default boot policy does not initialise it. Loads are serialised by the caller. */
BOOLEAN io_boot_driver_image(PCUNICODE_STRING image_name, PCUNICODE_STRING registry_path);
/* Before a driver's unload routine: the callbacks whose code lies in [base, base + size) get
 * BdCbStatusPrepareForUnload. */
void io_boot_driver_unloading(const void *base, size_t size);
/* After it: registrations still in that range are stale (their next delivery bug-checks). */
void io_boot_driver_unloaded(const void *base, size_t size);

#endif
