/*
 * gpioclx.c - drvhost's GPIO framework extension (GpioClx, docs/gpio.md): a GPIO controller
 * driver (KMDF) registers its GPIO_CLIENT_REGISTRATION_PACKET (GPIO_CLX_RegisterClient), and
 * GpioClx takes over its device's PnP/power callbacks (the controller's prepare, query, start,
 * stop, release), its file objects (a client's GPIO I/O connection: CLIENT_ConnectIoPins at the
 * open, CLIENT_DisconnectIoPins at the close) and its default queue (IOCTL_GPIO_READ_PINS and
 * IOCTL_GPIO_WRITE_PINS through the controller's read and write callbacks).
 *
 * Part of the framework layer: GpioClx is a class extension of KMDF on Windows, and it uses the
 * framework's own routines (imp_WdfXxx) with the controller driver's globals, as the driver
 * itself would. A connection is opened through the resource hub (the name
 * RESOURCE_HUB_CREATE_PATH_FROM_ID makes for a GpioIo connection the host declared) or, drvhost's
 * own, on the controller with a file name that spells its pins and mode. GPIO interrupts
 * (a peripheral's `gpioint:ID` resource, the GpioInt connection ID's secondary vector): ke calls
 * gpx_secondary_connect/disconnect when the peripheral connects its ISR there (the controller's
 * CLIENT_EnableInterrupt/DisableInterrupt), and GpioClx's ISR on the controller's own interrupt
 * runs the peripheral's. Deviations (docs/gpio.md): no ACPI, interrupts only for memory-mapped
 * controllers, the bank interrupt lock a spin lock at the controller's DIRQL.
 */
#include <gpio.h>
#include <reshub.h>
#include <wdf/cx/gpioclx.h>

#include <stdlib.h>

#include <strings.h>

#include "ke/ke.h"
#include "pnp/pnp.h"
#include "rtl/rtl.h"
#include "vf/vf.h"
#include "wdf/wdf_private.h"

/* The framework routines GpioClx calls with the controller driver's globals (each defined in
 * its own file of src/wdf; declared where used, as bind.c declares them all alike). */
VOID imp_WdfDeviceInitSetPnpPowerEventCallbacks(PWDF_DRIVER_GLOBALS globals,
                                                PWDFDEVICE_INIT DeviceInit,
                                                PWDF_PNPPOWER_EVENT_CALLBACKS callbacks);
VOID imp_WdfDeviceInitSetFileObjectConfig(PWDF_DRIVER_GLOBALS globals, PWDFDEVICE_INIT DeviceInit,
                                          PWDF_FILEOBJECT_CONFIG FileObjectConfig,
                                          PWDF_OBJECT_ATTRIBUTES FileObjectAttributes);
NTSTATUS imp_WdfIoQueueCreate(PWDF_DRIVER_GLOBALS globals, WDFDEVICE Device,
                              PWDF_IO_QUEUE_CONFIG Config, PWDF_OBJECT_ATTRIBUTES QueueAttributes,
                              WDFQUEUE *Queue);
PUNICODE_STRING imp_WdfFileObjectGetFileName(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject);
WDFDEVICE imp_WdfFileObjectGetDevice(PWDF_DRIVER_GLOBALS globals, WDFFILEOBJECT FileObject);
WDFFILEOBJECT imp_WdfRequestGetFileObject(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request);
NTSTATUS imp_WdfRequestRetrieveInputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           size_t MinimumRequiredSize, PVOID *Buffer,
                                           size_t *Length);
NTSTATUS imp_WdfRequestRetrieveOutputBuffer(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                            size_t MinimumRequiredSize, PVOID *Buffer,
                                            size_t *Length);
VOID imp_WdfRequestComplete(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request, NTSTATUS Status);
VOID imp_WdfRequestGetParameters(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                 PWDF_REQUEST_PARAMETERS Parameters);
VOID imp_WdfRequestCompleteWithInformation(PWDF_DRIVER_GLOBALS globals, WDFREQUEST Request,
                                           NTSTATUS Status, ULONG_PTR Information);
ULONG imp_WdfCmResourceListGetCount(PWDF_DRIVER_GLOBALS globals, WDFCMRESLIST List);
PCM_PARTIAL_RESOURCE_DESCRIPTOR imp_WdfCmResourceListGetDescriptor(PWDF_DRIVER_GLOBALS globals,
                                                                   WDFCMRESLIST List, ULONG Index);

#define GPX_TAG   'xClG'
#define GPX_MAGIC 0x47504958u /* "GPIX" */
/* drvhost's limit on a connection's pins: its values travel as one 64-bit word inside. */
#define GPX_MAX_CONNECTION_PINS 64

/* One registered controller driver: a copy of its packet. Lifetime: GPIO_CLX_RegisterClient
 * to GPIO_CLX_UnregisterClient; the list is under gpx_lock. */
struct gpx_client {
    LIST_ENTRY link;
    struct wdf_driver *driver;
    GPIO_CLIENT_REGISTRATION_PACKET packet;
};

/* A bank's interrupt lock (GPIO_CLX_AcquireInterruptLock) and its pins whose interrupts
 * GpioClx enabled (under the lock). */
struct gpx_bank {
    KSPIN_LOCK lock;
    KIRQL irql; /* the holder's previous IRQL */
    ULONG64 enabled;
};

/* drvhost's limit on the GPIO interrupts of one controller enabled at a time. */
#define GPX_MAX_INTERRUPTS 64

/* A pin's interrupt GpioClx enabled for a peripheral: the secondary vector of its GpioInt
 * connection (0: a free slot) and what CLIENT_EnableInterrupt was given (CLIENT_UnmaskInterrupt
 * gets it again; the vendor data is not kept). Lifetime: from the first connection of an ISR at
 * the vector to the last disconnection; under the bank's lock. */
struct gpx_interrupt {
    ULONG vector;
    ULONG connections; /* ISRs connected at the vector (a shared interrupt has several) */
    GPIO_ENABLE_INTERRUPT_PARAMETERS enable;
};

/* GpioClx's device context; the controller driver's context (ControllerContextSize bytes)
 * follows it. Lifetime: the device's. `banks` exists from CLIENT_QueryControllerBasicInformation
 * (EvtDevicePrepareHardware) to EvtDeviceReleaseHardware. `io_lock` serialises the I/O
 * callbacks of a controller that is not memory-mapped. */
struct gpx_device {
    ULONG magic;
    struct gpx_client *client;
    struct wdf_device *device;
    CLIENT_CONTROLLER_BASIC_INFORMATION info;
    BOOLEAN prepared;
    BOOLEAN saved; /* the last CLIENT_StopController saved the hardware context */
    USHORT bank_count;
    struct gpx_bank *banks;
    KMUTEX io_lock;
    /* The controller's own interrupt (its first translated interrupt resource), connected
     * from D0 entry to D0 exit when it has the interrupt callbacks and is memory-mapped. The
     * device is in gpx_devices (under gpx_lock) from prepare to release. */
    LIST_ENTRY link;
    BOOLEAN has_interrupt;
    CM_PARTIAL_RESOURCE_DESCRIPTOR interrupt;
    PKINTERRUPT primary;
    struct gpx_interrupt interrupts[GPX_MAX_INTERRUPTS];
    __attribute__((aligned(MEMORY_ALLOCATION_ALIGNMENT))) unsigned char context[];
};

/* A file object's GPIO I/O connection (count 0: the controller opened without one).
 * Controller-relative pin numbers, in the order the opener named them. */
struct gpx_connection {
    GPIO_CONNECT_IO_PINS_MODE mode;
    USHORT count;
    PIN_NUMBER pins[GPX_MAX_CONNECTION_PINS];
    /* From a GpioIo descriptor (resource hub connections; 0 for drvhost's names). `vendor`
     * points into the hub's properties and is valid only while the open connects the pins. */
    BOOLEAN preserve; /* IoRestrictionNoneAndPreserve: the close preserves the configuration */
    UCHAR pull;
    USHORT debounce, drive;
    PVOID vendor;
    ULONG vendor_length;
};

static const WDF_OBJECT_CONTEXT_TYPE_INFO gpx_device_type = {
    sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), "GpioClx device", sizeof(struct gpx_device),
    &gpx_device_type, NULL};
static const WDF_OBJECT_CONTEXT_TYPE_INFO gpx_connection_type = {
    sizeof(WDF_OBJECT_CONTEXT_TYPE_INFO), "GpioClx connection", sizeof(struct gpx_connection),
    &gpx_connection_type, NULL};

static KSPIN_LOCK gpx_lock;
static LIST_ENTRY gpx_clients = {&gpx_clients, &gpx_clients};
static LIST_ENTRY gpx_devices = {&gpx_devices, &gpx_devices};
static const struct ke_secondary_controller gpx_secondary;

/* ---- registration --------------------------------------------------------------------------- */

/* The client of `driver` (NULL: not registered). */
static struct gpx_client *gpx_client_find(struct wdf_driver *driver)
{
    struct gpx_client *found = NULL;
    KIRQL irql;
    KeAcquireSpinLock(&gpx_lock, &irql);
    for (PLIST_ENTRY e = gpx_clients.Flink; e != &gpx_clients; e = e->Flink) {
        struct gpx_client *c = CONTAINING_RECORD(e, struct gpx_client, link);
        if (c->driver == driver) {
            found = c;
            break;
        }
    }
    KeReleaseSpinLock(&gpx_lock, irql);
    return found;
}

static struct wdf_driver *gpx_driver_of(WDFDRIVER Driver)
{
    return (struct wdf_driver *)wdf_object_get(NULL, Driver, WDF_TYPE_DRIVER);
}

/* "Optional and Required GPIO Callback Functions": the five controller callbacks always; the
 * connect and disconnect pair together, and then a read or a write callback; the interrupt
 * callbacks all or none. */
static BOOLEAN gpx_packet_valid(const GPIO_CLIENT_REGISTRATION_PACKET *p)
{
    if (p->Version != GPIO_CLIENT_VERSION || p->Size < sizeof(*p) || p->Flags != 0)
        return FALSE;
    if (!p->CLIENT_PrepareController || !p->CLIENT_QueryControllerBasicInformation ||
        !p->CLIENT_StartController || !p->CLIENT_StopController || !p->CLIENT_ReleaseController)
        return FALSE;
    if (!p->CLIENT_ConnectIoPins != !p->CLIENT_DisconnectIoPins)
        return FALSE;
    if (p->CLIENT_ConnectIoPins && !p->CLIENT_ReadGpioPins && !p->CLIENT_WriteGpioPins)
        return FALSE;
    int interrupts = !!p->CLIENT_EnableInterrupt + !!p->CLIENT_DisableInterrupt +
                     !!p->CLIENT_MaskInterrupts + !!p->CLIENT_UnmaskInterrupt +
                     !!p->CLIENT_QueryActiveInterrupts + !!p->CLIENT_ClearActiveInterrupts;
    return interrupts == 0 || interrupts == 6;
}

NTSTATUS GPIO_CLX_RegisterClient(WDFDRIVER Driver,
                                 PGPIO_CLIENT_REGISTRATION_PACKET RegistrationPacket,
                                 PUNICODE_STRING RegistryPath)
{
    if (Driver == NULL || RegistrationPacket == NULL || RegistryPath == NULL)
        return STATUS_INVALID_PARAMETER;
    struct wdf_driver *driver = gpx_driver_of(Driver);
    if (!gpx_packet_valid(RegistrationPacket))
        return STATUS_GPIO_INVALID_REGISTRATION_PACKET;
    if (gpx_client_find(driver) != NULL)
        return STATUS_OBJECT_NAME_COLLISION; /* drvhost's: a second packet would replace the first
                                              */
    struct gpx_client *c = ExAllocatePoolZero(NonPagedPoolNx, sizeof(*c), GPX_TAG);
    if (c == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    c->driver = driver;
    c->packet = *RegistrationPacket;
    ke_interrupt_set_secondary(&gpx_secondary); /* GpioClx serves the GPIO interrupts */
    KIRQL irql;
    KeAcquireSpinLock(&gpx_lock, &irql);
    InsertTailList(&gpx_clients, &c->link);
    KeReleaseSpinLock(&gpx_lock, irql);
    return STATUS_SUCCESS;
}

NTSTATUS GPIO_CLX_UnregisterClient(WDFDRIVER Driver)
{
    if (Driver == NULL)
        return STATUS_INVALID_PARAMETER;
    struct gpx_client *c = gpx_client_find(gpx_driver_of(Driver));
    if (c == NULL)
        return STATUS_INVALID_PARAMETER;
    KIRQL irql;
    KeAcquireSpinLock(&gpx_lock, &irql);
    RemoveEntryList(&c->link);
    KeReleaseSpinLock(&gpx_lock, irql);
    ExFreePoolWithTag(c, GPX_TAG);
    return STATUS_SUCCESS;
}

/* ---- the device's context ------------------------------------------------------------------- */

static void *gpx_context_of(struct wdf_object *o, PCWDF_OBJECT_CONTEXT_TYPE_INFO type)
{
    for (struct wdf_context *c = o->contexts; c != NULL; c = c->next)
        if (c->type == type)
            return c->data;
    return NULL;
}

/* GpioClx's context of a device whose callbacks are GpioClx's; a device Pre prepared but
 * GPIO_CLX_ProcessAddDevicePostDeviceCreate never saw is the driver's contract violation. */
static struct gpx_device *gpx_device_of(WDFDEVICE Device)
{
    struct gpx_device *d =
        gpx_context_of(wdf_object_get(NULL, Device, WDF_TYPE_DEVICE), &gpx_device_type);
    if (d == NULL || d->magic != GPX_MAGIC)
        wdf_violation(NULL, VF_10D_BAD_HANDLE, (ULONG_PTR)Device, 0, 0,
                      "GpioClx device %p: GPIO_CLX_ProcessAddDevicePostDeviceCreate was not "
                      "called for it",
                      (void *)Device);
    return d;
}

/* The GpioClx device whose controller context is `Context` (a callback's parameter handed
 * back); anything else is a contract violation. */
static struct gpx_device *gpx_device_of_context(PVOID Context)
{
    struct gpx_device *d =
        Context != NULL ? CONTAINING_RECORD(Context, struct gpx_device, context) : NULL;
    if (d == NULL || d->magic != GPX_MAGIC)
        wdf_violation(NULL, VF_10D_BAD_HANDLE, (ULONG_PTR)Context, 0, 0,
                      "%p is not the controller context GpioClx passed to the controller driver",
                      Context);
    return d;
}

/* ---- the controller's PnP and power (EvtDevicePrepareHardware ... ReleaseHardware) ---------- */

static BOOLEAN gpx_info_valid(const CLIENT_CONTROLLER_BASIC_INFORMATION *i)
{
    return i->Version == GPIO_CONTROLLER_BASIC_INFORMATION_VERSION && i->Size >= sizeof(*i) &&
           i->TotalPins != 0 && i->NumberOfPinsPerBank != 0 && i->NumberOfPinsPerBank <= 64;
}

static NTSTATUS gpx_banks_make(struct gpx_device *d)
{
    d->bank_count = (USHORT)((d->info.TotalPins + d->info.NumberOfPinsPerBank - 1) /
                             d->info.NumberOfPinsPerBank);
    d->banks = ExAllocatePoolZero(NonPagedPoolNx, d->bank_count * sizeof(*d->banks), GPX_TAG);
    if (d->banks == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (USHORT b = 0; b < d->bank_count; b++)
        KeInitializeSpinLock(&d->banks[b].lock);
    return STATUS_SUCCESS;
}

/* The controller's own interrupt: its first translated interrupt resource that is not itself
 * a GPIO interrupt. */
static void gpx_find_interrupt(struct gpx_device *d, WDFCMRESLIST translated)
{
    PWDF_DRIVER_GLOBALS g = &d->device->obj.owner->pub;
    ULONG count = imp_WdfCmResourceListGetCount(g, translated);
    d->has_interrupt = FALSE;
    for (ULONG i = 0; i < count && !d->has_interrupt; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR r = imp_WdfCmResourceListGetDescriptor(g, translated, i);
        if (r->Type == CmResourceTypeInterrupt &&
            !(r->Flags & CM_RESOURCE_INTERRUPT_SECONDARY_INTERRUPT)) {
            d->interrupt = *r;
            d->has_interrupt = TRUE;
        }
    }
}

/* A prepared controller is in gpx_devices, where a GpioInt connection finds it. */
static void gpx_devices_update(struct gpx_device *d, BOOLEAN add)
{
    KIRQL irql;
    KeAcquireSpinLock(&gpx_lock, &irql);
    if (add)
        InsertTailList(&gpx_devices, &d->link);
    else
        RemoveEntryList(&d->link);
    KeReleaseSpinLock(&gpx_lock, irql);
}

static BOOLEAN gpx_serves_interrupts(const struct gpx_device *d)
{
    return d->client->packet.CLIENT_EnableInterrupt != NULL && d->info.Flags.MemoryMappedController;
}

/* The IRQL of the bank interrupt lock: the DIRQL of the interrupt GpioClx connects for the
 * controller, else DISPATCH_LEVEL (drvhost's: no interrupt to synchronise with). */
static KIRQL gpx_lock_irql(const struct gpx_device *d)
{
    return d->has_interrupt && gpx_serves_interrupts(d) ? (KIRQL)d->interrupt.u.Interrupt.Level
                                                        : DISPATCH_LEVEL;
}

static BOOLEAN gpx_isr(PKINTERRUPT interrupt, PVOID context);

/* GpioClx's ISR on the controller's interrupt, at its DIRQL (a memory-mapped controller's;
 * another's would run at PASSIVE_LEVEL: not done, docs/gpio.md). */
static NTSTATUS gpx_primary_connect(struct gpx_device *d)
{
    if (!d->has_interrupt || !gpx_serves_interrupts(d))
        return STATUS_SUCCESS;
    struct ke_interrupt_params p = {
        .isr = gpx_isr,
        .context = d,
        .vector = d->interrupt.u.Interrupt.Vector,
        .irql = gpx_lock_irql(d),
        .sync_irql = gpx_lock_irql(d),
        .mode = (d->interrupt.Flags & CM_RESOURCE_INTERRUPT_LATCHED) ? Latched : LevelSensitive,
        .share = d->interrupt.ShareDisposition == CmResourceShareShared,
        .affinity = d->interrupt.u.Interrupt.Affinity,
    };
    return ke_interrupt_connect(&p, &d->primary);
}

/* CLIENT_PrepareController, then CLIENT_QueryControllerBasicInformation (the attributes that
 * say how GpioClx calls the controller); information GpioClx cannot use fails the start with
 * STATUS_GPIO_CLIENT_INFORMATION_INVALID (drvhost's choice of status) after the release. */
static NTSTATUS gpx_prepare_hardware(WDFDEVICE Device, WDFCMRESLIST raw, WDFCMRESLIST translated)
{
    struct gpx_device *d = gpx_device_of(Device);
    const GPIO_CLIENT_REGISTRATION_PACKET *p = &d->client->packet;
    NTSTATUS status = p->CLIENT_PrepareController(Device, d->context, raw, translated);
    if (!NT_SUCCESS(status))
        return status;
    RtlZeroMemory(&d->info, sizeof(d->info));
    status = p->CLIENT_QueryControllerBasicInformation(d->context, &d->info);
    if (NT_SUCCESS(status) && !gpx_info_valid(&d->info))
        status = STATUS_GPIO_CLIENT_INFORMATION_INVALID;
    if (NT_SUCCESS(status))
        status = gpx_banks_make(d);
    if (!NT_SUCCESS(status)) {
        p->CLIENT_ReleaseController(Device, d->context);
        return status;
    }
    d->prepared = TRUE;
    gpx_find_interrupt(d, translated);
    gpx_devices_update(d, TRUE);
    return STATUS_SUCCESS;
}

static NTSTATUS gpx_release_hardware(WDFDEVICE Device, WDFCMRESLIST translated)
{
    struct gpx_device *d = gpx_device_of(Device);
    (void)translated;
    if (!d->prepared) /* the prepare failed: the controller was released there */
        return STATUS_SUCCESS;
    d->prepared = FALSE;
    gpx_devices_update(d, FALSE);
    NTSTATUS status = d->client->packet.CLIENT_ReleaseController(Device, d->context);
    ExFreePoolWithTag(d->banks, GPX_TAG);
    d->banks = NULL;
    d->bank_count = 0;
    return status;
}

/* RestoreContext: TRUE when the previous CLIENT_StopController was asked to save it. */
static NTSTATUS gpx_d0_entry(WDFDEVICE Device, WDF_POWER_DEVICE_STATE previous)
{
    struct gpx_device *d = gpx_device_of(Device);
    BOOLEAN restore = d->saved;
    d->saved = FALSE;
    NTSTATUS status = d->client->packet.CLIENT_StartController(d->context, restore, previous);
    if (NT_SUCCESS(status))
        status = gpx_primary_connect(d);
    return status;
}

/* SaveContext: TRUE unless the device is leaving for good (D3Final: stop or removal). */
static NTSTATUS gpx_d0_exit(WDFDEVICE Device, WDF_POWER_DEVICE_STATE target)
{
    struct gpx_device *d = gpx_device_of(Device);
    BOOLEAN save = target != WdfPowerDeviceD3Final;
    if (d->primary != NULL) {
        ke_interrupt_disconnect(d->primary);
        d->primary = NULL;
    }
    NTSTATUS status = d->client->packet.CLIENT_StopController(d->context, save, target);
    d->saved = save && NT_SUCCESS(status);
    return status;
}

/* ---- GPIO I/O connections (the device's file objects) --------------------------------------- */

/* Parses "\MODE\P1,P2,..." (MODE "in" or "out", case-insensitive; decimal controller-relative
 * pin numbers) into *conn: drvhost's stand-in for the GpioIo descriptor the resource hub would
 * give (docs/gpio.md). An empty name: no connection. */
static NTSTATUS gpx_parse_name(PCUNICODE_STRING name, struct gpx_connection *conn)
{
    char text[512];
    size_t n = name != NULL ? name->Length / sizeof(WCHAR) : 0, used = 0;
    RtlZeroMemory(conn, sizeof(*conn));
    if (n == 0)
        return STATUS_SUCCESS;
    if (n >= sizeof(text) || !rtl_utf16_to_utf8(name->Buffer, n, text, &used) ||
        used >= sizeof(text))
        return STATUS_OBJECT_NAME_INVALID;
    text[used] = '\0';
    const char *s = text;
    if (strncasecmp(s, "\\in\\", 4) == 0)
        conn->mode = ConnectModeInput, s += 4;
    else if (strncasecmp(s, "\\out\\", 5) == 0)
        conn->mode = ConnectModeOutput, s += 5;
    else
        return STATUS_OBJECT_NAME_INVALID;
    for (;;) {
        ULONG v = 0;
        const char *start = s;
        while (*s >= '0' && *s <= '9' && v <= 0xFFFF)
            v = v * 10 + (ULONG)(*s++ - '0');
        if (s == start || v > 0xFFFF || conn->count == GPX_MAX_CONNECTION_PINS)
            return STATUS_OBJECT_NAME_INVALID;
        conn->pins[conn->count++] = (PIN_NUMBER)v;
        if (*s == '\0')
            return STATUS_SUCCESS;
        if (*s++ != ',')
            return STATUS_OBJECT_NAME_INVALID;
    }
}

/* ACPI's GpioIo descriptor: Interrupt and IO Flags bits 1-0 are the IoRestriction
 * (GPIO_PIN_IORESTRICTION_TYPE's values). */
#define GPX_IO_RESTRICTION(flags) ((flags)&0x3u)
#define GPX_RESTRICT_INPUT        1u
#define GPX_RESTRICT_OUTPUT       2u
#define GPX_RESTRICT_PRESERVE     3u

/* The mode of a resource hub connection: the opener's access chooses it ("GPIO-Based Hardware
 * Resources": opened for reads, the pins are inputs; for writes, outputs; drvhost's choice for
 * both: output), and the descriptor's IoRestriction may forbid it (STATUS_ACCESS_DENIED,
 * drvhost's status: the page names none). Generic rights count as well as the file rights they
 * map to. No read or write access: STATUS_ACCESS_DENIED. */
static NTSTATUS gpx_hub_mode(USHORT io_flags, ACCESS_MASK access, struct gpx_connection *conn)
{
    BOOLEAN write = (access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA)) != 0;
    BOOLEAN read = (access & (GENERIC_READ | GENERIC_ALL | FILE_READ_DATA)) != 0;
    ULONG restriction = GPX_IO_RESTRICTION(io_flags);
    if (!write && !read)
        return STATUS_ACCESS_DENIED;
    if ((write && restriction == GPX_RESTRICT_INPUT) ||
        (!write && restriction == GPX_RESTRICT_OUTPUT))
        return STATUS_ACCESS_DENIED;
    conn->mode = write ? ConnectModeOutput : ConnectModeInput;
    conn->preserve = restriction == GPX_RESTRICT_PRESERVE;
    return STATUS_SUCCESS;
}

static NTSTATUS gpx_read_descriptor(const UCHAR *data, ULONG size, UCHAR type, USHORT *flags,
                                    struct gpx_connection *conn);

/* A GpioIo connection descriptor (ACPI's GPIO Connection Descriptor, connection type I/O) into
 * *conn: the pin table runs from PinTableOffset to ResourceSourceOffset (the controller's name
 * follows it), offsets from the descriptor's start. Anything else, or a table outside the
 * descriptor, empty or longer than 64 pins: STATUS_INVALID_PARAMETER (drvhost's). */
static NTSTATUS gpx_parse_descriptor(const UCHAR *data, ULONG size, ACCESS_MASK access,
                                     struct gpx_connection *conn)
{
    USHORT flags = 0;
    NTSTATUS status =
        gpx_read_descriptor(data, size, PNP_GPIO_IRQ_DESCRIPTOR_TYPE_IO, &flags, conn);
    return NT_SUCCESS(status) ? gpx_hub_mode(flags, access, conn) : status;
}

/* The descriptor's pins and settings into *conn (GpioIo and GpioInt alike: `type`), its
 * Interrupt and IO Flags into *flags. */
static NTSTATUS gpx_read_descriptor(const UCHAR *data, ULONG size, UCHAR type, USHORT *flags,
                                    struct gpx_connection *conn)
{
    PNP_GPIO_INTERRUPT_IO_DESCRIPTOR d;
    RtlZeroMemory(conn, sizeof(*conn));
    if (size < sizeof(d))
        return STATUS_INVALID_PARAMETER;
    memcpy(&d, data, sizeof(d));
    ULONG first = d.PinTableOffset, end = d.ResourceSourceOffset;
    if (d.Tag != GPIO_INTERRUPT_IO_DESCRIPTOR || d.DescriptorType != type || first < sizeof(d) ||
        end <= first || end > size || (end - first) % sizeof(USHORT) != 0 ||
        (end - first) / sizeof(USHORT) > GPX_MAX_CONNECTION_PINS)
        return STATUS_INVALID_PARAMETER;
    conn->count = (USHORT)((end - first) / sizeof(USHORT));
    for (USHORT i = 0; i < conn->count; i++)
        memcpy(&conn->pins[i], data + first + i * sizeof(USHORT), sizeof(USHORT));
    conn->pull = d.PinConfiguration;
    conn->debounce = d.DebounceTimeout;
    conn->drive = d.DriveStrength;
    if (d.VendorDataLength != 0 && (ULONG)d.VendorDataOffset + d.VendorDataLength <= size) {
        conn->vendor = (PVOID)(data + d.VendorDataOffset);
        conn->vendor_length = d.VendorDataLength;
    }
    *flags = d.InterruptIoFlags;
    return STATUS_SUCCESS;
}

/* The create's connection: a resource hub ID ("\<16 hex digits>") with its GpioIo descriptor
 * (*properties: the hub's buffer, the caller frees it), else drvhost's "\MODE\PINS". */
static NTSTATUS gpx_open_connection(PWDF_DRIVER_GLOBALS g, WDFREQUEST request, WDFFILEOBJECT file,
                                    struct gpx_connection *conn, PVOID *properties)
{
    PUNICODE_STRING name = imp_WdfFileObjectGetFileName(g, file);
    PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER hub;
    WDF_REQUEST_PARAMETERS p;
    LARGE_INTEGER id;
    NTSTATUS status = wdf_reshub_connection(name, &id, properties);
    if (status == STATUS_OBJECT_NAME_INVALID)
        return gpx_parse_name(name, conn);
    if (!NT_SUCCESS(status))
        return status;
    WDF_REQUEST_PARAMETERS_INIT(&p);
    imp_WdfRequestGetParameters(g, request, &p);
    hub = *properties;
    return gpx_parse_descriptor(hub->ConnectionProperties, hub->PropertiesLength,
                                p.Parameters.Create.SecurityContext != NULL
                                    ? p.Parameters.Create.SecurityContext->DesiredAccess
                                    : 0,
                                conn);
}

/* The connection's pins of `bank`, bank-relative, in connection order; their connection
 * indexes in `index` (may be NULL). */
static USHORT gpx_bank_pins(const struct gpx_device *d, const struct gpx_connection *conn,
                            BANK_ID bank, PIN_NUMBER *table, USHORT *index)
{
    USHORT n = 0, per = d->info.NumberOfPinsPerBank;
    for (USHORT i = 0; i < conn->count; i++)
        if (conn->pins[i] / per == bank) {
            table[n] = (PIN_NUMBER)(conn->pins[i] % per);
            if (index != NULL)
                index[n] = i;
            n++;
        }
    return n;
}

/* One bank's part of a connection: `count` pins (bank-relative, in connection order). */
typedef NTSTATUS gpx_bank_fn(struct gpx_device *d, const struct gpx_connection *conn, BANK_ID bank,
                             PIN_NUMBER *table, USHORT count);

/* Calls `fn` for each bank below `upto` that holds pins of the connection, in bank order; the
 * first failure ends the walk, its bank in *failed. */
static NTSTATUS gpx_each_bank(struct gpx_device *d, const struct gpx_connection *conn, BANK_ID upto,
                              gpx_bank_fn *fn, BANK_ID *failed)
{
    PIN_NUMBER table[GPX_MAX_CONNECTION_PINS];
    for (BANK_ID b = 0; b < upto; b++) {
        USHORT count = gpx_bank_pins(d, conn, b, table, NULL);
        NTSTATUS status = count != 0 ? fn(d, conn, b, table, count) : STATUS_SUCCESS;
        if (!NT_SUCCESS(status)) {
            *failed = b;
            return status;
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS gpx_disconnect_bank(struct gpx_device *d, const struct gpx_connection *conn,
                                    BANK_ID bank, PIN_NUMBER *table, USHORT count)
{
    GPIO_DISCONNECT_IO_PINS_PARAMETERS p = {0};
    p.BankId = bank;
    p.PinNumberTable = table;
    p.PinCount = count;
    p.DisconnectMode = conn->mode;
    p.DisconnectFlags.PreserveConfiguration = conn->preserve;
    d->client->packet.CLIENT_DisconnectIoPins(d->context, &p);
    return STATUS_SUCCESS; /* the close goes on whatever the controller says */
}

static NTSTATUS gpx_connect_bank(struct gpx_device *d, const struct gpx_connection *conn,
                                 BANK_ID bank, PIN_NUMBER *table, USHORT count)
{
    GPIO_CONNECT_IO_PINS_PARAMETERS p = {0};
    p.BankId = bank;
    p.PinNumberTable = table;
    p.PinCount = count;
    p.ConnectMode = conn->mode;
    p.PullConfiguration = conn->pull; /* GPIO_PIN_PULL_CONFIGURATION_DEFAULT when named */
    p.DebounceTimeout = conn->debounce;
    p.DriveStrength = conn->drive;
    p.VendorData = conn->vendor;
    p.VendorDataLength = conn->vendor_length;
    return d->client->packet.CLIENT_ConnectIoPins(d->context, &p);
}

/* CLIENT_DisconnectIoPins for the banks below `upto` that hold pins of the connection. */
static void gpx_disconnect(struct gpx_device *d, const struct gpx_connection *conn, BANK_ID upto)
{
    BANK_ID unused;
    gpx_each_bank(d, conn, upto, gpx_disconnect_bank, &unused);
}

/* CLIENT_ConnectIoPins once per bank that holds pins of the connection; a failure disconnects
 * the banks already connected and is the open's status. */
static NTSTATUS gpx_connect(struct gpx_device *d, const struct gpx_connection *conn)
{
    BANK_ID failed = 0;
    for (USHORT i = 0; i < conn->count; i++)
        if (conn->pins[i] >= d->info.TotalPins)
            return STATUS_INVALID_PARAMETER;
    if (d->client->packet.CLIENT_ConnectIoPins == NULL)
        return STATUS_NOT_SUPPORTED; /* a controller without I/O pins */
    NTSTATUS status = gpx_each_bank(d, conn, d->bank_count, gpx_connect_bank, &failed);
    if (!NT_SUCCESS(status))
        gpx_disconnect(d, conn, failed);
    return status;
}

static struct gpx_connection *gpx_connection_of(WDFFILEOBJECT file)
{
    return gpx_context_of(wdf_object_get(NULL, file, WDF_TYPE_FILE), &gpx_connection_type);
}

static void gpx_file_create(WDFDEVICE Device, WDFREQUEST Request, WDFFILEOBJECT FileObject)
{
    struct gpx_device *d = gpx_device_of(Device);
    PWDF_DRIVER_GLOBALS g = &d->device->obj.owner->pub;
    struct gpx_connection *conn = gpx_connection_of(FileObject);
    PVOID properties = NULL;
    NTSTATUS status = gpx_open_connection(g, Request, FileObject, conn, &properties);
    if (NT_SUCCESS(status) && conn->count != 0)
        status = gpx_connect(d, conn);
    conn->vendor = NULL; /* it points into the hub's properties */
    conn->vendor_length = 0;
    free(properties);
    if (!NT_SUCCESS(status))
        conn->count = 0; /* nothing to disconnect at the close */
    imp_WdfRequestComplete(g, Request, status);
}

static void gpx_file_close(WDFFILEOBJECT FileObject)
{
    struct gpx_connection *conn = gpx_connection_of(FileObject);
    struct wdf_object *o = wdf_object_get(NULL, FileObject, WDF_TYPE_FILE);
    struct gpx_device *d = gpx_device_of(imp_WdfFileObjectGetDevice(&o->owner->pub, FileObject));
    if (conn->count != 0)
        gpx_disconnect(d, conn, d->bank_count);
}

/* ---- IOCTL_GPIO_READ_PINS and IOCTL_GPIO_WRITE_PINS ----------------------------------------- */

/* The I/O callbacks' serialisation: a memory-mapped controller's run under the bank's lock (at
 * DISPATCH_LEVEL; Windows: DIRQL, under the interrupt lock), another's under the device's
 * mutex (a KMUTEX: the callbacks stay at PASSIVE_LEVEL, as documented). */
static void gpx_io_begin(struct gpx_device *d, BANK_ID bank)
{
    if (d->info.Flags.MemoryMappedController)
        GPIO_CLX_AcquireInterruptLock(d->context, bank);
    else
        KeWaitForSingleObject(&d->io_lock, Executive, KernelMode, FALSE, NULL);
}

static void gpx_io_end(struct gpx_device *d, BANK_ID bank)
{
    if (d->info.Flags.MemoryMappedController)
        GPIO_CLX_ReleaseInterruptLock(d->context, bank);
    else
        KeReleaseMutex(&d->io_lock, FALSE);
}

/* Reads one bank's pins of the connection into `out` (bit i: the connection's pin i). */
static NTSTATUS gpx_read_bank(struct gpx_device *d, const struct gpx_connection *conn, BANK_ID bank,
                              UCHAR *out)
{
    PIN_NUMBER table[GPX_MAX_CONNECTION_PINS];
    USHORT index[GPX_MAX_CONNECTION_PINS];
    USHORT n = gpx_bank_pins(d, conn, bank, table, index);
    ULONG64 values = 0;
    NTSTATUS status;
    if (n == 0)
        return STATUS_SUCCESS;
    gpx_io_begin(d, bank);
    if (d->info.Flags.FormatIoRequestsAsMasks) {
        GPIO_READ_PINS_MASK_PARAMETERS p = {0};
        p.BankId = bank;
        p.PinValues = &values;
        status = d->client->packet.CLIENT_ReadGpioPinsUsingMask(d->context, &p);
    } else {
        UCHAR bits[GPX_MAX_CONNECTION_PINS / 8] = {0};
        GPIO_READ_PINS_PARAMETERS p = {0};
        p.BankId = bank;
        p.PinNumberTable = table;
        p.PinCount = n;
        p.Buffer = bits;
        status = d->client->packet.CLIENT_ReadGpioPins(d->context, &p);
        for (USHORT i = 0; i < n; i++) /* bit i of the table: pin table[i] */
            values |= (ULONG64)((bits[i / 8] >> (i % 8)) & 1) << table[i];
    }
    gpx_io_end(d, bank);
    for (USHORT i = 0; NT_SUCCESS(status) && i < n; i++)
        if ((values >> table[i]) & 1)
            out[index[i] / 8] |= (UCHAR)(1u << (index[i] % 8));
    return status;
}

/* Writes one bank's pins of the connection from `in` (bit i: the connection's pin i). */
static NTSTATUS gpx_write_bank(struct gpx_device *d, const struct gpx_connection *conn,
                               BANK_ID bank, const UCHAR *in)
{
    PIN_NUMBER table[GPX_MAX_CONNECTION_PINS];
    USHORT index[GPX_MAX_CONNECTION_PINS];
    USHORT n = gpx_bank_pins(d, conn, bank, table, index);
    NTSTATUS status;
    if (n == 0)
        return STATUS_SUCCESS;
    gpx_io_begin(d, bank);
    if (d->info.Flags.FormatIoRequestsAsMasks) {
        GPIO_WRITE_PINS_MASK_PARAMETERS p = {0};
        p.BankId = bank;
        for (USHORT i = 0; i < n; i++) {
            ULONG64 bit = 1ull << table[i];
            if ((in[index[i] / 8] >> (index[i] % 8)) & 1)
                p.SetMask |= bit;
            else
                p.ClearMask |= bit;
        }
        status = d->client->packet.CLIENT_WriteGpioPinsUsingMask(d->context, &p);
    } else {
        UCHAR bits[GPX_MAX_CONNECTION_PINS / 8] = {0};
        for (USHORT i = 0; i < n; i++)
            bits[i / 8] |= (UCHAR)(((in[index[i] / 8] >> (index[i] % 8)) & 1) << (i % 8));
        GPIO_WRITE_PINS_PARAMETERS p = {0};
        p.BankId = bank;
        p.PinNumberTable = table;
        p.PinCount = n;
        p.Buffer = bits;
        status = d->client->packet.CLIENT_WriteGpioPins(d->context, &p);
    }
    gpx_io_end(d, bank);
    return status;
}

/* One read or write of the whole connection, bank by bank. */
static NTSTATUS gpx_pins_io(struct gpx_device *d, const struct gpx_connection *conn, BOOLEAN write,
                            UCHAR *buffer)
{
    BOOLEAN can = write ? d->client->packet.CLIENT_WriteGpioPins != NULL
                        : d->client->packet.CLIENT_ReadGpioPins != NULL;
    if (!can)
        return STATUS_NOT_SUPPORTED;
    for (BANK_ID b = 0; b < d->bank_count; b++) {
        NTSTATUS status =
            write ? gpx_write_bank(d, conn, b, buffer) : gpx_read_bank(d, conn, b, buffer);
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS gpx_pins_request(struct gpx_device *d, WDFREQUEST Request, BOOLEAN write,
                                 size_t *information)
{
    PWDF_DRIVER_GLOBALS g = &d->device->obj.owner->pub;
    WDFFILEOBJECT file = imp_WdfRequestGetFileObject(g, Request);
    struct gpx_connection *conn = file != NULL ? gpx_connection_of(file) : NULL;
    if (conn == NULL || conn->count == 0)
        return STATUS_INVALID_DEVICE_REQUEST; /* drvhost's: no connection on this handle */
    if (conn->mode != (write ? ConnectModeOutput : ConnectModeInput))
        return STATUS_GPIO_OPERATION_DENIED;
    size_t need = (conn->count + 7u) / 8u, length = 0;
    PVOID buffer = NULL;
    NTSTATUS status = write
                          ? imp_WdfRequestRetrieveInputBuffer(g, Request, need, &buffer, &length)
                          : imp_WdfRequestRetrieveOutputBuffer(g, Request, need, &buffer, &length);
    if (!NT_SUCCESS(status))
        return status; /* STATUS_BUFFER_TOO_SMALL */
    if (!write)
        RtlZeroMemory(buffer, need);
    status = gpx_pins_io(d, conn, write, buffer);
    *information = NT_SUCCESS(status) ? need : 0;
    return status;
}

static void gpx_io_control(WDFQUEUE Queue, WDFREQUEST Request, size_t OutputBufferLength,
                           size_t InputBufferLength, ULONG IoControlCode)
{
    struct wdf_queue *q = (struct wdf_queue *)wdf_object_get(NULL, Queue, WDF_TYPE_QUEUE);
    struct gpx_device *d = gpx_device_of((WDFDEVICE)q->device);
    size_t information = 0;
    NTSTATUS status;
    (void)OutputBufferLength, (void)InputBufferLength;
    if (IoControlCode == IOCTL_GPIO_READ_PINS || IoControlCode == IOCTL_GPIO_WRITE_PINS)
        status = gpx_pins_request(d, Request, IoControlCode == IOCTL_GPIO_WRITE_PINS, &information);
    else
        status = STATUS_INVALID_DEVICE_REQUEST; /* not done: docs/gpio.md */
    imp_WdfRequestCompleteWithInformation(&q->obj.owner->pub, Request, status, information);
}

/* ---- AddDevice ------------------------------------------------------------------------------ */

static void gpx_device_init(PWDF_DRIVER_GLOBALS g, PWDFDEVICE_INIT DeviceInit)
{
    WDF_PNPPOWER_EVENT_CALLBACKS pnp;
    WDF_PNPPOWER_EVENT_CALLBACKS_INIT(&pnp);
    pnp.EvtDevicePrepareHardware = gpx_prepare_hardware;
    pnp.EvtDeviceReleaseHardware = gpx_release_hardware;
    pnp.EvtDeviceD0Entry = gpx_d0_entry;
    pnp.EvtDeviceD0Exit = gpx_d0_exit;
    imp_WdfDeviceInitSetPnpPowerEventCallbacks(g, DeviceInit, &pnp);
    WDF_FILEOBJECT_CONFIG files;
    WDF_FILEOBJECT_CONFIG_INIT(&files, gpx_file_create, gpx_file_close, WDF_NO_EVENT_CALLBACK);
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ContextTypeInfo = &gpx_connection_type;
    imp_WdfDeviceInitSetFileObjectConfig(g, DeviceInit, &files, &attributes);
}

NTSTATUS GPIO_CLX_ProcessAddDevicePreDeviceCreate(WDFDRIVER Driver, PWDFDEVICE_INIT DeviceInit,
                                                  PWDF_OBJECT_ATTRIBUTES FdoAttributes)
{
    if (Driver == NULL || DeviceInit == NULL || FdoAttributes == NULL)
        return STATUS_INVALID_PARAMETER;
    struct wdf_driver *driver = gpx_driver_of(Driver);
    struct gpx_client *c = gpx_client_find(driver);
    if (c == NULL)
        return STATUS_INVALID_PARAMETER; /* documented: not a registered client */
    gpx_device_init(&driver->obj.owner->pub, DeviceInit);
    WDF_OBJECT_ATTRIBUTES_INIT(FdoAttributes);
    FdoAttributes->ContextTypeInfo = &gpx_device_type;
    FdoAttributes->ContextSizeOverride =
        FIELD_OFFSET(struct gpx_device, context) + c->packet.ControllerContextSize;
    return STATUS_SUCCESS;
}

NTSTATUS GPIO_CLX_ProcessAddDevicePostDeviceCreate(WDFDRIVER Driver, WDFDEVICE Device)
{
    if (Driver == NULL || Device == NULL)
        return STATUS_INVALID_PARAMETER;
    struct wdf_driver *driver = gpx_driver_of(Driver);
    struct gpx_client *c = gpx_client_find(driver);
    struct wdf_device *dev = (struct wdf_device *)wdf_object_get(NULL, Device, WDF_TYPE_DEVICE);
    struct gpx_device *d = gpx_context_of(&dev->obj, &gpx_device_type);
    if (c == NULL || d == NULL) /* not registered, or a device without GpioClx's attributes */
        return STATUS_INVALID_PARAMETER;
    d->magic = GPX_MAGIC;
    d->client = c;
    d->device = dev;
    KeInitializeMutex(&d->io_lock, 0);
    /* Passive execution: a pin request sent at DISPATCH_LEVEL still reaches a controller that
     * is not memory-mapped at PASSIVE_LEVEL, as its callbacks expect. */
    WDF_IO_QUEUE_CONFIG config;
    WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(&config, WdfIoQueueDispatchParallel);
    config.EvtIoDeviceControl = gpx_io_control;
    WDF_OBJECT_ATTRIBUTES attributes;
    WDF_OBJECT_ATTRIBUTES_INIT(&attributes);
    attributes.ExecutionLevel = WdfExecutionLevelPassive;
    return imp_WdfIoQueueCreate(&driver->obj.owner->pub, Device, &config, &attributes, NULL);
}

/* ---- the bank interrupt lock ---------------------------------------------------------------- */

static struct gpx_bank *gpx_bank_of(PVOID Context, BANK_ID BankId)
{
    struct gpx_device *d = gpx_device_of_context(Context);
    if (BankId >= d->bank_count)
        wdf_violation(NULL, VF_10D_BAD_HANDLE, (ULONG_PTR)Context, BankId, d->bank_count,
                      "bank %u of a GPIO controller with %u banks", BankId, d->bank_count);
    return &d->banks[BankId];
}

/* Raises to the lock's IRQL (gpx_lock_irql) and takes the bank's lock, which GpioClx's ISR
 * holds while it calls the controller. */
VOID GPIO_CLX_AcquireInterruptLock(PVOID Context, BANK_ID BankId)
{
    struct gpx_bank *b = gpx_bank_of(Context, BankId);
    KIRQL irql;
    KeRaiseIrql(gpx_lock_irql(gpx_device_of_context(Context)), &irql);
    ke_spin_acquire(&b->lock, __builtin_return_address(0));
    b->irql = irql;
}

VOID GPIO_CLX_ReleaseInterruptLock(PVOID Context, BANK_ID BankId)
{
    struct gpx_bank *b = gpx_bank_of(Context, BankId);
    KIRQL irql = b->irql;
    ke_spin_release(&b->lock, __builtin_return_address(0));
    KeLowerIrql(irql);
}

/* ---- GPIO interrupts (a peripheral's GpioInt connection; docs/gpio.md) ---------------------- */

/* ACPI's GpioInt descriptor: Interrupt and IO Flags bit 0 the mode (1: edge), bits 2-1 the
 * polarity (0 active high, 1 active low, 2 both). */
#define GPX_INT_EDGE(flags)     ((flags)&0x1u)
#define GPX_INT_POLARITY(flags) (((flags) >> 1) & 0x3u)

/* The prepared controller whose PDO is `pdo` (NULL: none). */
static struct gpx_device *gpx_device_of_pdo(PDEVICE_OBJECT pdo)
{
    struct gpx_device *found = NULL;
    KIRQL irql;
    KeAcquireSpinLock(&gpx_lock, &irql);
    for (PLIST_ENTRY e = gpx_devices.Flink; e != &gpx_devices && found == NULL; e = e->Flink) {
        struct gpx_device *d = CONTAINING_RECORD(e, struct gpx_device, link);
        if (d->device->pdo == pdo)
            found = d;
    }
    KeReleaseSpinLock(&gpx_lock, irql);
    return found;
}

/* The GpioInt connection `id`: its controller and the enable parameters of its pin (a
 * controller-relative pin number in PinNumber; no vendor data: *conn's points into the
 * properties, freed here). One pin per connection (drvhost's; ACPI allows a list). */
static NTSTATUS gpx_int_connection(LARGE_INTEGER id, struct gpx_device **out,
                                   GPIO_ENABLE_INTERRUPT_PARAMETERS *e)
{
    PRH_QUERY_CONNECTION_PROPERTIES_OUTPUT_BUFFER hub = NULL;
    PDEVICE_OBJECT pdo = NULL;
    struct gpx_connection conn;
    USHORT flags = 0;
    ULONG size = 0;
    NTSTATUS status = pnp_reshub_properties(id, (PVOID *)&hub, &size);
    if (NT_SUCCESS(status))
        status = gpx_read_descriptor(hub->ConnectionProperties, hub->PropertiesLength,
                                     PNP_GPIO_IRQ_DESCRIPTOR_TYPE_INTERRUPT, &flags, &conn);
    free(hub);
    if (NT_SUCCESS(status) && (conn.count != 1 || GPX_INT_POLARITY(flags) > 2))
        status = STATUS_INVALID_PARAMETER;
    if (NT_SUCCESS(status))
        status = pnp_reshub_controller(id, &pdo);
    if (!NT_SUCCESS(status))
        return status;
    *out = gpx_device_of_pdo(pdo);
    ObDereferenceObject(pdo);
    RtlZeroMemory(e, sizeof(*e));
    e->PinNumber = conn.pins[0];
    e->InterruptMode = GPX_INT_EDGE(flags) ? Latched : LevelSensitive;
    e->Polarity = (KINTERRUPT_POLARITY)(InterruptActiveHigh + GPX_INT_POLARITY(flags));
    e->PullConfiguration = conn.pull;
    e->DebounceTimeout = conn.debounce;
    return *out != NULL ? STATUS_SUCCESS : STATUS_DEVICE_NOT_READY; /* not started */
}

/* The slot of `vector`, else (free) a free one; NULL when neither. Under the bank lock. */
static struct gpx_interrupt *gpx_slot(struct gpx_device *d, ULONG vector, BOOLEAN free_one)
{
    for (ULONG i = 0; i < GPX_MAX_INTERRUPTS; i++)
        if (d->interrupts[i].vector == (free_one ? 0 : vector))
            return &d->interrupts[i];
    return NULL;
}

/* The slot enabled for a bank's pin (NULL: none). Under the bank lock. */
static struct gpx_interrupt *gpx_slot_of_pin(struct gpx_device *d, BANK_ID bank, PIN_NUMBER pin)
{
    for (ULONG i = 0; i < GPX_MAX_INTERRUPTS; i++) {
        struct gpx_interrupt *s = &d->interrupts[i];
        if (s->vector != 0 && s->enable.BankId == bank && s->enable.PinNumber == pin)
            return s;
    }
    return NULL;
}

/* CLIENT_EnableInterrupt under the bank lock for the first ISR at the vector; another ISR of
 * the same (shared) connection only counts. */
static NTSTATUS gpx_enable(struct gpx_device *d, ULONG vector, GPIO_ENABLE_INTERRUPT_PARAMETERS *e)
{
    struct gpx_bank *b = &d->banks[e->BankId];
    NTSTATUS status = STATUS_SUCCESS;
    GPIO_CLX_AcquireInterruptLock(d->context, e->BankId);
    struct gpx_interrupt *s = gpx_slot(d, vector, FALSE);
    if (s == NULL && (b->enabled >> e->PinNumber) & 1)
        status = STATUS_SHARING_VIOLATION; /* drvhost's: another connection has the pin */
    else if (s == NULL && (s = gpx_slot(d, 0, TRUE)) == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    else if (s->vector == 0)
        status = d->client->packet.CLIENT_EnableInterrupt(d->context, e);
    if (NT_SUCCESS(status)) {
        s->vector = vector;
        s->enable = *e;
        s->connections++;
        b->enabled |= 1ull << e->PinNumber;
    }
    GPIO_CLX_ReleaseInterruptLock(d->context, e->BankId);
    return status;
}

static NTSTATUS gpx_secondary_connect(const struct ke_interrupt_params *p)
{
    LARGE_INTEGER id = {.QuadPart = p->vector - KE_SECONDARY_VECTOR_BASE};
    GPIO_ENABLE_INTERRUPT_PARAMETERS e;
    struct gpx_device *d = NULL;
    NTSTATUS status = gpx_int_connection(id, &d, &e);
    if (!NT_SUCCESS(status))
        return status;
    if (!gpx_serves_interrupts(d) || p->passive)
        return STATUS_NOT_SUPPORTED; /* not done: passive-level GPIO interrupts */
    if (e.PinNumber >= d->info.TotalPins)
        return STATUS_INVALID_PARAMETER;
    e.BankId = (BANK_ID)(e.PinNumber / d->info.NumberOfPinsPerBank);
    e.PinNumber = (PIN_NUMBER)(e.PinNumber % d->info.NumberOfPinsPerBank);
    return gpx_enable(d, p->vector, &e);
}

/* The last ISR at the vector gone: CLIENT_DisableInterrupt under the bank lock. */
static void gpx_secondary_disconnect(const struct ke_interrupt_params *p)
{
    LARGE_INTEGER id = {.QuadPart = p->vector - KE_SECONDARY_VECTOR_BASE};
    GPIO_ENABLE_INTERRUPT_PARAMETERS e;
    struct gpx_device *d = NULL;
    if (!NT_SUCCESS(gpx_int_connection(id, &d, &e)))
        return;
    for (BANK_ID bank = 0; bank < d->bank_count; bank++) {
        GPIO_CLX_AcquireInterruptLock(d->context, bank);
        struct gpx_interrupt *s = gpx_slot(d, p->vector, FALSE);
        if (s != NULL && s->enable.BankId == bank && --s->connections == 0) {
            GPIO_DISABLE_INTERRUPT_PARAMETERS dp = {0};
            dp.BankId = bank;
            dp.PinNumber = s->enable.PinNumber;
            d->client->packet.CLIENT_DisableInterrupt(d->context, &dp);
            d->banks[bank].enabled &= ~(1ull << s->enable.PinNumber);
            RtlZeroMemory(s, sizeof(*s));
        }
        GPIO_CLX_ReleaseInterruptLock(d->context, bank);
    }
}

static const struct ke_secondary_controller gpx_secondary = {gpx_secondary_connect,
                                                             gpx_secondary_disconnect};

/* One active pin: an edge interrupt is cleared before the peripheral's ISR runs (an edge
 * during it is kept), a level one is masked while it runs and unmasked after ("GPIO Interrupt
 * Masks"). The ISR's thread holds ke's dispatch, so the slot's interrupt stays connected. */
static void gpx_service(struct gpx_device *d, BANK_ID bank, PIN_NUMBER pin)
{
    const GPIO_CLIENT_REGISTRATION_PACKET *p = &d->client->packet;
    struct gpx_bank *b = &d->banks[bank];
    ke_spin_acquire(&b->lock, (void *)gpx_service);
    struct gpx_interrupt *s = gpx_slot_of_pin(d, bank, pin);
    if (s == NULL) { /* disabled since the query: the peripheral is disconnecting */
        ke_spin_release(&b->lock, (void *)gpx_service);
        return;
    }
    GPIO_ENABLE_INTERRUPT_PARAMETERS e = s->enable;
    ULONG vector = s->vector;
    if (e.InterruptMode == Latched) {
        GPIO_CLEAR_ACTIVE_INTERRUPTS_PARAMETERS c = {bank, 1ull << pin, 0};
        p->CLIENT_ClearActiveInterrupts(d->context, &c);
    } else {
        GPIO_MASK_INTERRUPT_PARAMETERS m = {bank, 1ull << pin, 0};
        p->CLIENT_MaskInterrupts(d->context, &m);
    }
    ke_spin_release(&b->lock, (void *)gpx_service);
    ke_interrupt_fire_secondary(vector);
    if (e.InterruptMode == LevelSensitive) {
        ke_spin_acquire(&b->lock, (void *)gpx_service);
        p->CLIENT_UnmaskInterrupt(d->context, &e);
        ke_spin_release(&b->lock, (void *)gpx_service);
    }
}

/* CLIENT_QueryActiveInterrupts for a bank with enabled pins, then each active enabled pin. */
static BOOLEAN gpx_isr_bank(struct gpx_device *d, BANK_ID bank)
{
    struct gpx_bank *b = &d->banks[bank];
    GPIO_QUERY_ACTIVE_INTERRUPTS_PARAMETERS q = {bank, 0, 0};
    ULONG64 active = 0;
    ke_spin_acquire(&b->lock, (void *)gpx_isr_bank);
    q.EnabledMask = b->enabled;
    if (b->enabled != 0 &&
        NT_SUCCESS(d->client->packet.CLIENT_QueryActiveInterrupts(d->context, &q)))
        active = q.ActiveMask & b->enabled;
    ke_spin_release(&b->lock, (void *)gpx_isr_bank);
    for (PIN_NUMBER pin = 0; pin < 64; pin++)
        if ((active >> pin) & 1)
            gpx_service(d, bank, pin);
    return active != 0;
}

/* The controller's interrupt: claimed when a bank had an active enabled pin. */
static BOOLEAN gpx_isr(PKINTERRUPT interrupt, PVOID context)
{
    struct gpx_device *d = context;
    BOOLEAN claimed = FALSE;
    (void)interrupt;
    for (BANK_ID bank = 0; bank < d->bank_count; bank++)
        claimed |= gpx_isr_bank(d, bank);
    return claimed;
}
