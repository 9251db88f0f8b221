/*
 * port.c - drvhost's PS/2 port driver (\Driver\i8042prt): plugging a simulated keyboard or
 * mouse in (its PDO handed to the PnP manager), the PDO's dispatch routines, which answer the
 * port's internal device controls (connect, disconnect, the i8042 hook, the attributes; the
 * keyboard's settings in device.c), the routines the hook request carries, and input packets
 * arriving from the scenario (ps2-in records, ps2-hold keys).
 *
 * Deviation (docs/input.md): on Windows i8042prt is the function driver over an ACPI PDO; here
 * the port's part is played by the PDO itself (as drvhost's USB hub answers URBs), so the
 * device's installed driver (a filter such as kbfiltr) sits directly above the port.
 */
#include "input/input_private.h"

#include "io/io.h"
#include "os/os.h"
#include "pnp/pnp.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static os_mutex port_lock = OS_MUTEX_INIT; /* port_driver, devices (the list) */
static struct io_driver *port_driver;
static struct ps2_dev *devices;

static struct ps2_dev *dev_of(PDEVICE_OBJECT pdo)
{
    return *(struct ps2_dev **)pdo->DeviceExtension;
}

static NTSTATUS NTAPI port_dispatch_pnp(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    struct ps2_dev *dev = dev_of(pdo);
    KIRQL irql;
    if (sp->MinorFunction == IRP_MN_SURPRISE_REMOVAL || sp->MinorFunction == IRP_MN_REMOVE_DEVICE) {
        KeAcquireSpinLock(&dev->lock, &irql);
        dev->gone = true;
        if (sp->MinorFunction == IRP_MN_REMOVE_DEVICE)
            dev->pdo = NULL; /* the root's routine may delete it now */
        KeReleaseSpinLock(&dev->lock, irql);
    }
    return pnp_root_driver()->MajorFunction[IRP_MJ_PNP](pdo, irp);
}

/* IOCTL_INTERNAL_KEYBOARD_CONNECT / _MOUSE_CONNECT: one connection, as i8042prt allows. */
static NTSTATUS port_connect(struct ps2_dev *dev, PIO_STACK_LOCATION sp)
{
    PCONNECT_DATA data = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    NTSTATUS status = STATUS_SUCCESS;
    KIRQL irql;
    if (data == NULL || sp->Parameters.DeviceIoControl.InputBufferLength < sizeof(CONNECT_DATA))
        return STATUS_INVALID_PARAMETER;
    KeAcquireSpinLock(&dev->lock, &irql);
    if (dev->connect.ClassService != NULL)
        status = STATUS_SHARING_VIOLATION;
    else
        dev->connect = *data;
    KeReleaseSpinLock(&dev->lock, irql);
    return status;
}

/* IOCTL_KEYBOARD_QUERY_ATTRIBUTES: an enhanced 101-key keyboard (type 4) with the typematic
 * ranges the documentation gives (2 to 30 characters a second, 250 to 1000 ms of delay). */
static ULONG port_keyboard_attributes(PVOID out)
{
    KEYBOARD_ATTRIBUTES a = {0};
    a.KeyboardIdentifier.Type = 4;
    a.KeyboardMode = 1;
    a.NumberOfFunctionKeys = 12;
    a.NumberOfIndicators = 3;
    a.NumberOfKeysTotal = 101;
    a.InputDataQueueLength = PS2_QUEUE_RECORDS * sizeof(KEYBOARD_INPUT_DATA); /* bytes */
    a.KeyRepeatMinimum.Rate = 2;
    a.KeyRepeatMinimum.Delay = 250;
    a.KeyRepeatMaximum.Rate = 30;
    a.KeyRepeatMaximum.Delay = 1000;
    memcpy(out, &a, sizeof a);
    return sizeof a;
}

/* IOCTL_MOUSE_QUERY_ATTRIBUTES: a three-button i8042 mouse sampling at 100 reports a second. */
static ULONG port_mouse_attributes(PVOID out)
{
    MOUSE_ATTRIBUTES a = {0};
    a.MouseIdentifier = MOUSE_I8042_HARDWARE;
    a.NumberOfButtons = 3;
    a.SampleRate = 100;
    a.InputDataQueueLength = PS2_QUEUE_RECORDS * sizeof(MOUSE_INPUT_DATA); /* bytes */
    memcpy(out, &a, sizeof a);
    return sizeof a;
}

static NTSTATUS port_attributes(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp)
{
    ULONG need = dev->mouse ? sizeof(MOUSE_ATTRIBUTES) : sizeof(KEYBOARD_ATTRIBUTES);
    if (sp->Parameters.DeviceIoControl.OutputBufferLength < need)
        return STATUS_BUFFER_TOO_SMALL;
    irp->IoStatus.Information = dev->mouse
                                    ? port_mouse_attributes(irp->AssociatedIrp.SystemBuffer)
                                    : port_keyboard_attributes(irp->AssociatedIrp.SystemBuffer);
    return STATUS_SUCCESS;
}

/* IOCTL_INTERNAL_I8042_KEYBOARD_WRITE_BUFFER / _MOUSE_WRITE_BUFFER: the bytes go to the device
 * in order. The pages ask for more than one byte; the device is not ready until the hook request
 * has been through the stack (where i8042prt has set up the device's interrupt). */
static NTSTATUS port_write_buffer(struct ps2_dev *dev, PIO_STACK_LOCATION sp)
{
    PUCHAR data = sp->Parameters.DeviceIoControl.Type3InputBuffer;
    ULONG size = sp->Parameters.DeviceIoControl.InputBufferLength;
    KIRQL irql;
    if (data == NULL || size < 2)
        return STATUS_INVALID_PARAMETER;
    KeAcquireSpinLock(&dev->lock, &irql);
    bool ready = dev->hooked && !dev->gone;
    KeReleaseSpinLock(&dev->lock, irql);
    if (!ready)
        return STATUS_DEVICE_NOT_READY;
    for (ULONG i = 0; i < size; i++)
        ps2_model_write(dev, data[i]);
    return STATUS_SUCCESS;
}

static NTSTATUS port_internal(struct ps2_dev *dev, PIRP irp, PIO_STACK_LOCATION sp)
{
    ULONG code = sp->Parameters.DeviceIoControl.IoControlCode;
    if (code == (dev->mouse ? IOCTL_INTERNAL_MOUSE_CONNECT : IOCTL_INTERNAL_KEYBOARD_CONNECT))
        return port_connect(dev, sp);
    /* As the disconnect pages say: a PnP device goes through the PnP manager instead. */
    if (code == (dev->mouse ? IOCTL_INTERNAL_MOUSE_DISCONNECT : IOCTL_INTERNAL_KEYBOARD_DISCONNECT))
        return STATUS_NOT_IMPLEMENTED;
    /* The hook request is the port's own (sent to the top of the stack by ps2_hook): it ends
     * here, its buffer filled in by the filters it went through. */
    if (code == (dev->mouse ? IOCTL_INTERNAL_I8042_HOOK_MOUSE : IOCTL_INTERNAL_I8042_HOOK_KEYBOARD))
        return STATUS_SUCCESS;
    if (code == (dev->mouse ? IOCTL_MOUSE_QUERY_ATTRIBUTES : IOCTL_KEYBOARD_QUERY_ATTRIBUTES))
        return port_attributes(dev, irp, sp);
    if (code == (dev->mouse ? IOCTL_INTERNAL_I8042_MOUSE_WRITE_BUFFER
                            : IOCTL_INTERNAL_I8042_KEYBOARD_WRITE_BUFFER))
        return port_write_buffer(dev, sp);
    if (code == IOCTL_INTERNAL_I8042_CONTROLLER_WRITE_BUFFER)
        return STATUS_NOT_SUPPORTED; /* as its page says, at either device */
    /* _ENABLE and _DISABLE fall through to STATUS_INVALID_DEVICE_REQUEST: kbdclass and mouclass
     * send them only to a port that is not Plug and Play, and no page documents what i8042prt
     * answers (docs/input.md "Not done"). */
    if (!dev->mouse)
        return ps2_keyboard_request(dev, irp, sp);
    return STATUS_INVALID_DEVICE_REQUEST;
}

static NTSTATUS NTAPI port_dispatch_internal(PDEVICE_OBJECT pdo, PIRP irp)
{
    PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
    NTSTATUS status = port_internal(dev_of(pdo), irp, sp);
    irp->IoStatus.Status = status;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return status;
}

static NTSTATUS port_start(void)
{
    NTSTATUS status = STATUS_SUCCESS;
    os_mutex_lock(&port_lock);
    if (port_driver == NULL)
        status = pnp_bus_driver_create("i8042prt", port_dispatch_pnp, port_dispatch_internal,
                                       &port_driver);
    os_mutex_unlock(&port_lock);
    return status;
}

/* ---- the i8042 hook ------------------------------------------------------------------------ */

/* The routines the port gives the hooks (CallContext: the port's device object, as the pages
 * say; the initialization routine's SynchContext: the struct ps2_dev). A byte written reaches the
 * device model (device.c); reads answer ACK (0xFA), as a device answers each byte it accepts (the
 * model sends no ACK of its own into the input: deviation, docs/input.md). */
static VOID ps2_isr_write_port(PVOID context, UCHAR value)
{
    ps2_model_write(dev_of(context), value);
}

/* Queues a copy of the record the running isr hook was given (as it is now: the hook may have
 * filled it in); ps2_deliver hands it to the service callback once the hook has returned, as the
 * port's DPC does. Called outside an isr hook (which the page forbids) or past PS2_QUEUED_MAX
 * packets for one record, it queues nothing. */
static VOID ps2_queue_packet(PVOID context)
{
    struct ps2_dev *dev = dev_of(context);
    if (dev->isr_record != NULL && dev->nqueued < PS2_QUEUED_MAX)
        memcpy(dev->queued[dev->nqueued++], dev->isr_record, ps2_record_size(dev));
}

static NTSTATUS ps2_synch_read(PVOID context, PUCHAR value, BOOLEAN wait_for_ack)
{
    (void)context;
    (void)wait_for_ack;
    *value = 0xFA;
    return STATUS_SUCCESS;
}

static NTSTATUS ps2_synch_write(PVOID context, UCHAR value, BOOLEAN wait_for_ack)
{
    (void)wait_for_ack;
    ps2_model_write(context, value);
    return STATUS_SUCCESS;
}

/* Sends IOCTL_INTERNAL_I8042_HOOK_KEYBOARD/_MOUSE to the top of the stack (the filters fill in
 * their routines on its way down), then runs the keyboard's initialization routine as the port
 * does when it initialises the keyboard. */
static NTSTATUS ps2_hook(struct ps2_dev *dev)
{
    INTERNAL_I8042_HOOK_KEYBOARD kh = {0};
    INTERNAL_I8042_HOOK_MOUSE mh = {0};
    PDEVICE_OBJECT top = IoGetAttachedDeviceReference(dev->pdo);
    NTSTATUS status;
    BOOLEAN translation = FALSE;
    kh.IsrWritePort = mh.IsrWritePort = ps2_isr_write_port;
    kh.QueueKeyboardPacket = mh.QueueMousePacket = ps2_queue_packet;
    kh.CallContext = mh.CallContext = dev->pdo;
    if (dev->mouse)
        status =
            input_internal_ioctl(top, IOCTL_INTERNAL_I8042_HOOK_MOUSE, &mh, sizeof mh, NULL, 0);
    else
        status =
            input_internal_ioctl(top, IOCTL_INTERNAL_I8042_HOOK_KEYBOARD, &kh, sizeof kh, NULL, 0);
    ObDereferenceObject(top);
    if (!NT_SUCCESS(status))
        return status;
    KIRQL irql;
    KeAcquireSpinLock(&dev->lock, &irql);
    dev->khook = kh;
    dev->mhook = mh;
    dev->hooked = true;
    KeReleaseSpinLock(&dev->lock, irql);
    if (!dev->mouse && kh.InitializationRoutine != NULL)
        status = kh.InitializationRoutine(kh.Context, dev, ps2_synch_read, ps2_synch_write,
                                          &translation);
    return status;
}

/* ---- plugging in ----------------------------------------------------------------------------- */

static struct ps2_dev *ps2_create_pdo(bool mouse, NTSTATUS *status)
{
    struct ps2_dev *dev = calloc(1, sizeof *dev);
    PDEVICE_OBJECT pdo;
    *status = STATUS_INSUFFICIENT_RESOURCES;
    if (dev == NULL)
        return NULL;
    dev->mouse = mouse;
    KeInitializeSpinLock(&dev->lock);
    KeInitializeSpinLock(&dev->isr_lock);
    ps2_keyboard_defaults(dev);
    if (!NT_SUCCESS(*status = port_start()) ||
        !NT_SUCCESS(*status = IoCreateDevice(&port_driver->object, sizeof(dev), NULL,
                                             FILE_DEVICE_8042_PORT, FILE_AUTOGENERATED_DEVICE_NAME,
                                             FALSE, &pdo))) {
        free(dev);
        return NULL;
    }
    *(struct ps2_dev **)pdo->DeviceExtension = dev;
    pdo->Flags &= ~DO_DEVICE_INITIALIZING;
    dev->pdo = pdo;
    os_mutex_lock(&port_lock);
    dev->next = devices;
    devices = dev;
    os_mutex_unlock(&port_lock);
    return dev;
}

NTSTATUS ps2_device_plug(bool mouse, char **instance)
{
    NTSTATUS status;
    struct ps2_dev *dev = ps2_create_pdo(mouse, &status);
    /* The IDs ACPI reports for a PS/2 keyboard and mouse, so an INF matches as on Windows. */
    const char *compat[1] = {mouse ? "*PNP0F13" : "*PNP0303"};
    *instance = NULL;
    if (dev == NULL)
        return status;
    status = pnp_device_create_pdo(mouse ? "ACPI\\PNP0F13" : "ACPI\\PNP0303", compat, 1, dev->pdo,
                                   instance);
    if (*instance != NULL)
        dev->instance = strdup(*instance);
    if (NT_SUCCESS(status))
        status = input_class_attach(dev);
    if (NT_SUCCESS(status))
        status = ps2_hook(dev);
    return status;
}

/* ---- input -------------------------------------------------------------------------------- */

static struct ps2_dev *ps2_find(const char *instance)
{
    struct ps2_dev *found = NULL;
    os_mutex_lock(&port_lock);
    for (struct ps2_dev *d = devices; d != NULL && found == NULL; d = d->next)
        if (d->instance != NULL && strcasecmp(d->instance, instance) == 0)
            found = d;
    os_mutex_unlock(&port_lock);
    return found;
}

/* The isr hook runs once per record (Windows: once per byte the device sends), with the status
 * byte of a full output buffer (0x01; a mouse's: 0x21, the auxiliary device's) and the make
 * code's low byte as the data byte (a mouse's: 0). FALSE: the hook consumed the record (it
 * returned FALSE or cleared ContinueProcessing), which is not queued. */
static bool ps2_isr_hook(struct ps2_dev *dev, void *record)
{
    OUTPUT_PACKET out = {0};
    BOOLEAN cont = TRUE, ret = TRUE;
    if (dev->mouse && dev->mhook.IsrRoutine != NULL) {
        MOUSE_STATE state = MouseIdle;
        MOUSE_RESET_SUBSTATE reset = ExpectingReset;
        UCHAR byte = 0; /* records are injected whole: there is no packet byte */
        ret = dev->mhook.IsrRoutine(dev->mhook.Context, record, &out, 0x21, &byte, &cont, &state,
                                    &reset);
    } else if (!dev->mouse && dev->khook.IsrRoutine != NULL) {
        KEYBOARD_SCAN_STATE scan = Normal;
        UCHAR byte = (UCHAR)((PKEYBOARD_INPUT_DATA)record)->MakeCode;
        ret = dev->khook.IsrRoutine(dev->khook.Context, record, &out, 0x01, &byte, &cont, &scan);
    }
    return ret && cont;
}

static void ps2_service(const CONNECT_DATA *connect, UCHAR *record, size_t size)
{
    ULONG consumed = 0;
    ((PSERVICE_CALLBACK_ROUTINE)connect->ClassService)(connect->ClassDeviceObject, record,
                                                       record + size, &consumed);
}

/* One record through the hook (under isr_lock, as the ISR runs under its interrupt's lock),
 * then, at DISPATCH_LEVEL (where the port's DPC calls it on Windows), the packets the hook
 * queued and the record itself unless the hook consumed it, each to the connected callback. */
static void ps2_deliver(struct ps2_dev *dev, const CONNECT_DATA *connect, const UCHAR *bytes)
{
    UCHAR record[sizeof(MOUSE_INPUT_DATA)], queued[PS2_QUEUED_MAX][sizeof(MOUSE_INPUT_DATA)];
    size_t size = ps2_record_size(dev);
    KIRQL irql;
    memcpy(record, bytes, size);
    KeAcquireSpinLock(&dev->isr_lock, &irql);
    dev->isr_record = record;
    dev->nqueued = 0;
    bool pass = ps2_isr_hook(dev, record);
    ULONG nqueued = dev->nqueued;
    memcpy(queued, dev->queued, sizeof queued);
    dev->isr_record = NULL;
    KeReleaseSpinLockFromDpcLevel(&dev->isr_lock);
    for (ULONG i = 0; i < nqueued; i++)
        ps2_service(connect, queued[i], size);
    if (pass)
        ps2_service(connect, record, size);
    KeLowerIrql(irql);
}

/* The connection input goes to: STATUS_DEVICE_NOT_CONNECTED once the device is gone,
 * STATUS_DEVICE_NOT_READY while no class is connected. */
static NTSTATUS ps2_connection(struct ps2_dev *dev, CONNECT_DATA *connect)
{
    KIRQL irql;
    KeAcquireSpinLock(&dev->lock, &irql);
    bool gone = dev->gone;
    *connect = dev->connect;
    KeReleaseSpinLock(&dev->lock, irql);
    if (gone)
        return STATUS_DEVICE_NOT_CONNECTED;
    if (connect->ClassService == NULL)
        return STATUS_DEVICE_NOT_READY;
    return STATUS_SUCCESS;
}

NTSTATUS ps2_device_input(const char *instance, const void *data, size_t size)
{
    struct ps2_dev *dev = ps2_find(instance);
    CONNECT_DATA connect;
    if (dev == NULL)
        return STATUS_NO_SUCH_DEVICE;
    if (size == 0 || size % ps2_record_size(dev) != 0)
        return STATUS_INVALID_PARAMETER;
    NTSTATUS status = ps2_connection(dev, &connect);
    if (!NT_SUCCESS(status))
        return status;
    for (size_t off = 0; off < size; off += ps2_record_size(dev))
        ps2_deliver(dev, &connect, (const UCHAR *)data + off);
    return STATUS_SUCCESS;
}

NTSTATUS ps2_device_hold(const char *instance, USHORT make_code, ULONG ms)
{
    struct ps2_dev *dev = ps2_find(instance);
    KEYBOARD_INPUT_DATA key = {0};
    CONNECT_DATA connect;
    if (dev == NULL)
        return STATUS_NO_SUCH_DEVICE;
    if (dev->mouse)
        return STATUS_INVALID_DEVICE_REQUEST;
    NTSTATUS status = ps2_connection(dev, &connect);
    if (!NT_SUCCESS(status))
        return status;
    ULONG repeats = ps2_model_repeats(dev, ms);
    key.MakeCode = make_code;
    for (ULONG i = 0; i <= repeats; i++) /* the press, then its repeats */
        ps2_deliver(dev, &connect, (const UCHAR *)&key);
    key.Flags = KEY_BREAK;
    ps2_deliver(dev, &connect, (const UCHAR *)&key);
    return STATUS_SUCCESS;
}

NTSTATUS ps2_device_state(const char *instance, UCHAR state[PS2_STATE_SIZE])
{
    struct ps2_dev *dev = ps2_find(instance);
    struct ps2_model m;
    KIRQL irql;
    if (dev == NULL)
        return STATUS_NO_SUCH_DEVICE;
    KeAcquireSpinLock(&dev->lock, &irql);
    m = dev->model;
    KeReleaseSpinLock(&dev->lock, irql);
    memset(state, 0, PS2_STATE_SIZE);
    memcpy(state, &m.written, sizeof m.written); /* little-endian, as on x64 */
    state[4] = m.leds;
    state[5] = m.typematic;
    state[6] = (UCHAR)(m.written < sizeof m.last ? m.written : sizeof m.last);
    memcpy(state + 8, m.last, sizeof m.last);
    return STATUS_SUCCESS;
}

void input_shutdown(void)
{
    os_mutex_lock(&port_lock);
    struct ps2_dev *list = devices;
    struct io_driver *drv = port_driver;
    devices = NULL;
    port_driver = NULL;
    os_mutex_unlock(&port_lock);
    while (list != NULL) {
        struct ps2_dev *next = list->next;
        free(list->instance);
        free(list);
        list = next;
    }
    input_class_shutdown();
    if (drv != NULL)
        io_driver_destroy(drv);
}
