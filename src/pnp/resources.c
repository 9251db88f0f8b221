/*
 * resources.c - the hardware resources of devices (docs/interrupts.md): what the host says a
 * device has (`resources HWID SPEC...`, drvhost_device_resources), the raw and translated
 * CM_RESOURCE_LISTs START_DEVICE carries for it, its device memory (MmMapIoSpace) and its
 * interrupts (`interrupt INSTANCE [INDEX]`, drvhost_device_interrupt).
 *
 * There is no arbiter: the host's resources are assigned as they are, to every device whose
 * first hardware ID they were given for (root-enumerated devices: `resources` before
 * `device`). Translation follows x64 Windows: memory and ports translate to themselves; an
 * interrupt line N (raw Level = Vector = N) becomes IDT vector 0x50 + N with DIRQL vector / 16,
 * affine to every processor.
 *
 * Lifetime: an entry is immutable once published and lives until shutdown (a later `resources`
 * for the same ID adds an entry that hides it), so START_DEVICE's lists and mapped device
 * memory need no lock; `entries_lock` guards the list's links.
 */
#include "pnp/pnp_private.h"

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define VECTOR_BASE   0x50u   /* IDT vector of interrupt line 0 */
#define MAX_LINE      0x7Fu   /* vector 0xCF: DIRQL 12, the highest device IRQL on x64 */
#define MAX_GPIO_ID   0xFFFFu /* a GpioInt connection ID drvhost can turn into a vector */
#define MAX_DESC      16u
#define IO_PORT_SPACE 0x10000ull /* ports 0-0xFFFF */

struct res_entry {
    struct res_entry *next;
    char *hwid;
    ULONG count;
    PCM_RESOURCE_LIST raw, translated; /* one full descriptor, `count` partial ones */
    unsigned char *memory[MAX_DESC];   /* a memory or port descriptor's registers, else NULL */
    struct pnp_uart *uart[MAX_DESC];   /* a port range's simulated 16550 (uart16550.c), else NULL */
};

static os_mutex entries_lock = OS_MUTEX_INIT;
static struct res_entry *entries; /* newest first */

static PCM_RESOURCE_LIST list_alloc(ULONG count)
{
    size_t size = sizeof(CM_RESOURCE_LIST) + count * sizeof(CM_PARTIAL_RESOURCE_DESCRIPTOR);
    PCM_RESOURCE_LIST l = calloc(1, size);
    if (l != NULL) {
        l->Count = 1;
        l->List[0].InterfaceType = Internal;
        l->List[0].PartialResourceList.Version = 1;
        l->List[0].PartialResourceList.Revision = 1;
        l->List[0].PartialResourceList.Count = count;
    }
    return l;
}

static void entry_free(struct res_entry *e)
{
    for (ULONG i = 0; i < MAX_DESC; i++) {
        free(e->memory[i]);
        pnp_uart_free(e->uart[i]);
    }
    free(e->raw);
    free(e->translated);
    free(e->hwid);
    free(e);
}

/* A GPIO interrupt (`gpioint:ID`, docs/gpio.md): the GpioInt connection ID's secondary vector,
 * which GpioClx serves (ke's secondary interrupts). Deviation: the DIRQL is the highest device
 * IRQL, whatever the controller's, so that its ISR may run the peripheral's at its own. */
static void gpio_interrupt(CM_PARTIAL_RESOURCE_DESCRIPTOR *raw, CM_PARTIAL_RESOURCE_DESCRIPTOR *tr,
                           ULONG id)
{
    raw->Flags |= CM_RESOURCE_INTERRUPT_SECONDARY_INTERRUPT;
    tr->Flags = raw->Flags;
    raw->u.Interrupt.Vector = KE_SECONDARY_VECTOR_BASE + id;
    tr->u.Interrupt.Vector = raw->u.Interrupt.Vector;
    tr->u.Interrupt.Level = (VECTOR_BASE + MAX_LINE) / 16;
}

/* "KIND:A[:B][:FLAG...]" into the raw and translated descriptors; -1 with a message. *uart: a
 * port range of 8 ports with the flag uart16550 (a simulated UART behind it). */
static int parse_one(char *word, CM_PARTIAL_RESOURCE_DESCRIPTOR *raw,
                     CM_PARTIAL_RESOURCE_DESCRIPTOR *tr, bool *uart, char *msg, size_t msg_size)
{
    char *save = NULL, *kind = strtok_r(word, ":", &save), *a = strtok_r(NULL, ":", &save);
    char *b = NULL, *end = NULL, *flag;
    unsigned long long va, vb = 0;
    if (kind == NULL || a == NULL)
        goto bad;
    va = strtoull(a, &end, 0);
    if (*end != '\0')
        goto bad;
    raw->ShareDisposition = CmResourceShareDeviceExclusive;
    if (strcasecmp(kind, "mem") == 0 || strcasecmp(kind, "port") == 0) {
        b = strtok_r(NULL, ":", &save);
        if (b == NULL || (vb = strtoull(b, &end, 0), *end != '\0') || vb == 0 || vb > 0x10000000u)
            goto bad;
        if ((kind[0] == 'p' || kind[0] == 'P') && (va > IO_PORT_SPACE || vb > IO_PORT_SPACE - va))
            goto bad; /* x86/x64 I/O space: 64 KiB of ports */
        raw->Type = kind[0] == 'm' || kind[0] == 'M' ? CmResourceTypeMemory : CmResourceTypePort;
        raw->Flags =
            raw->Type == CmResourceTypePort ? CM_RESOURCE_PORT_IO : CM_RESOURCE_MEMORY_READ_WRITE;
        raw->u.Generic.Start.QuadPart = (LONGLONG)va;
        raw->u.Generic.Length = (ULONG)vb;
        *tr = *raw;
        if ((flag = strtok_r(NULL, ":", &save)) == NULL)
            return 0;
        *uart = raw->Type == CmResourceTypePort && vb == 8 && strcasecmp(flag, "uart16550") == 0;
        if (*uart && strtok_r(NULL, ":", &save) == NULL)
            return 0;
        goto bad;
    }
    if (strcasecmp(kind, "i2c") == 0 || strcasecmp(kind, "spi") == 0 ||
        strcasecmp(kind, "uart") == 0 || strcasecmp(kind, "gpio") == 0) {
        if (strtok_r(NULL, ":", &save) != NULL)
            goto bad;
        /* A serial bus (I2C, SPI, UART) or GPIO I/O connection (the resource hub's ID,
         * pnp/reshub.c): no translation. */
        raw->Type = CmResourceTypeConnection;
        raw->Flags = 0;
        raw->u.Connection.Class = CM_RESOURCE_CONNECTION_CLASS_SERIAL;
        raw->u.Connection.Type = kind[0] == 'i' || kind[0] == 'I'
                                     ? CM_RESOURCE_CONNECTION_TYPE_SERIAL_I2C
                                     : CM_RESOURCE_CONNECTION_TYPE_SERIAL_SPI;
        if (kind[0] == 'u' || kind[0] == 'U')
            raw->u.Connection.Type = CM_RESOURCE_CONNECTION_TYPE_SERIAL_UART;
        if (kind[0] == 'g' || kind[0] == 'G') {
            raw->u.Connection.Class = CM_RESOURCE_CONNECTION_CLASS_GPIO;
            raw->u.Connection.Type = CM_RESOURCE_CONNECTION_TYPE_GPIO_IO;
        }
        raw->u.Connection.IdLowPart = (ULONG)va;
        raw->u.Connection.IdHighPart = (ULONG)(va >> 32);
        *tr = *raw;
        return 0;
    }
    bool gpio = strcasecmp(kind, "gpioint") == 0;
    if ((!gpio && strcasecmp(kind, "irq") != 0) || va > (gpio ? MAX_GPIO_ID : MAX_LINE))
        goto bad;
    raw->Type = CmResourceTypeInterrupt;
    raw->Flags = CM_RESOURCE_INTERRUPT_LEVEL_SENSITIVE;
    while ((flag = strtok_r(NULL, ":", &save)) != NULL) {
        if (strcasecmp(flag, "latched") == 0)
            raw->Flags = CM_RESOURCE_INTERRUPT_LATCHED;
        else if (strcasecmp(flag, "shared") == 0)
            raw->ShareDisposition = CmResourceShareShared;
        else
            goto bad;
    }
    raw->u.Interrupt.Level = (USHORT)va;
    raw->u.Interrupt.Vector = (ULONG)va;
    raw->u.Interrupt.Affinity = (KAFFINITY)-1;
    *tr = *raw;
    tr->u.Interrupt.Vector = VECTOR_BASE + (ULONG)va;
    tr->u.Interrupt.Level = (USHORT)(tr->u.Interrupt.Vector / 16);
    tr->u.Interrupt.Affinity = ((KAFFINITY)1 << ke_processor_count()) - 1;
    if (gpio)
        gpio_interrupt(raw, tr, (ULONG)va);
    return 0;
bad:
    snprintf(msg, msg_size,
             "bad resource '%s': expected mem:START:LENGTH, port:START:LENGTH[:uart16550] "
             "(LENGTH 8 for a UART), irq:LINE[:latched][:shared] (LINE 0-%u), i2c:ID, spi:ID, "
             "uart:ID, gpio:ID or gpioint:ID[:latched][:shared] (ID 0-%u)",
             kind ? kind : "", MAX_LINE, MAX_GPIO_ID);
    return -1;
}

/* The simulated UARTs of the ranges flagged uart16550, each firing the entry's first interrupt
 * (none: a UART without interrupts, polled only). */
static int create_uarts(struct res_entry *e, const bool *uart)
{
    ULONG vector = 0;
    for (ULONG i = 0; i < e->count && vector == 0; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
            &e->translated->List[0].PartialResourceList.PartialDescriptors[i];
        if (d->Type == CmResourceTypeInterrupt)
            vector = d->u.Interrupt.Vector;
    }
    for (ULONG i = 0; i < e->count; i++)
        if (uart[i] && (e->uart[i] = pnp_uart_create(vector)) == NULL)
            return -1;
    return 0;
}

static int parse_spec(struct res_entry *e, const char *spec, char *msg, size_t msg_size)
{
    char *copy = strdup(spec), *save = NULL, *word;
    bool uart[MAX_DESC + 1] = {false};
    int rc = 0;
    if (copy == NULL)
        return -1;
    for (word = strtok_r(copy, " \t", &save); word != NULL && rc == 0;
         word = strtok_r(NULL, " \t", &save)) {
        ULONG i = e->count++;
        PCM_PARTIAL_RESOURCE_DESCRIPTOR raw =
            &e->raw->List[0].PartialResourceList.PartialDescriptors[i];
        PCM_PARTIAL_RESOURCE_DESCRIPTOR tr =
            &e->translated->List[0].PartialResourceList.PartialDescriptors[i];
        if (i >= MAX_DESC) {
            snprintf(msg, msg_size, "more than %u resources", MAX_DESC);
            rc = -1;
        } else {
            rc = parse_one(word, raw, tr, &uart[i], msg, msg_size);
        }
        if (rc == 0 && (raw->Type == CmResourceTypeMemory || raw->Type == CmResourceTypePort)) {
            e->memory[i] = calloc(1, raw->u.Generic.Length);
            rc = e->memory[i] != NULL ? 0 : -1;
        }
    }
    free(copy);
    e->raw->List[0].PartialResourceList.Count = e->count;
    e->translated->List[0].PartialResourceList.Count = e->count;
    return rc == 0 ? create_uarts(e, uart) : rc;
}

NTSTATUS pnp_resources_set(const char *hardware_id, const char *spec, char *msg, size_t msg_size)
{
    struct res_entry *e = calloc(1, sizeof *e);
    if (e == NULL || (e->hwid = strdup(hardware_id)) == NULL ||
        (e->raw = list_alloc(MAX_DESC)) == NULL || (e->translated = list_alloc(MAX_DESC)) == NULL) {
        if (e != NULL)
            entry_free(e);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    if (parse_spec(e, spec, msg, msg_size) < 0) {
        entry_free(e);
        return STATUS_INVALID_PARAMETER;
    }
    os_mutex_lock(&entries_lock);
    e->next = entries;
    entries = e;
    os_mutex_unlock(&entries_lock);
    return STATUS_SUCCESS;
}

static struct res_entry *entry_for(const char *hardware_id)
{
    struct res_entry *e;
    os_mutex_lock(&entries_lock);
    for (e = entries; e != NULL && strcasecmp(e->hwid, hardware_id) != 0; e = e->next)
        ;
    os_mutex_unlock(&entries_lock);
    return e;
}

static struct res_entry *entry_of(struct pnp_node *node)
{
    return node->hardware_ids != NULL && node->hardware_ids[0] != NULL
               ? entry_for(node->hardware_ids[0])
               : NULL;
}

bool pnp_resources_of(struct pnp_node *node, PCM_RESOURCE_LIST *raw, PCM_RESOURCE_LIST *translated)
{
    struct res_entry *e = entry_of(node);
    if (e == NULL)
        return false;
    *raw = e->raw;
    *translated = e->translated;
    return true;
}

/* The translated descriptor of the node's index-th interrupt (line-based), or NULL. */
const CM_PARTIAL_RESOURCE_DESCRIPTOR *pnp_resources_interrupt(struct pnp_node *node, unsigned index)
{
    struct res_entry *e = entry_of(node);
    for (ULONG i = 0; e != NULL && i < e->count; i++) {
        PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
            &e->translated->List[0].PartialResourceList.PartialDescriptors[i];
        if (d->Type == CmResourceTypeInterrupt && index-- == 0)
            return d;
    }
    return NULL;
}

void pnp_resources_free(void)
{
    os_mutex_lock(&entries_lock);
    while (entries != NULL) {
        struct res_entry *e = entries;
        entries = e->next;
        entry_free(e);
    }
    os_mutex_unlock(&entries_lock);
}

/* STATUS_SUCCESS when an ISR claimed it, STATUS_UNSUCCESSFUL when none did (a spurious
 * interrupt), STATUS_DEVICE_NOT_CONNECTED when no ISR is connected, STATUS_NOT_FOUND when the
 * device has no such interrupt. */
NTSTATUS pnp_device_interrupt(const char *instance, unsigned index)
{
    const CM_PARTIAL_RESOURCE_DESCRIPTOR *d = NULL;
    struct pnp_node *node;
    int claimed;
    pnp_tree_lock();
    node = pnp_node_find(instance);
    if (node != NULL)
        d = pnp_resources_interrupt(node, index);
    pnp_tree_unlock();
    if (node == NULL)
        return STATUS_NO_SUCH_DEVICE;
    if (d == NULL)
        return STATUS_NOT_FOUND;
    if (d->Flags & CM_RESOURCE_INTERRUPT_SECONDARY_INTERRUPT)
        return STATUS_NOT_SUPPORTED; /* a GPIO pin's: its controller interrupts (docs/gpio.md) */
    claimed = ke_interrupt_fire(d->u.Interrupt.Vector);
    return claimed < 0 ? STATUS_DEVICE_NOT_CONNECTED
           : claimed   ? STATUS_SUCCESS
                       : STATUS_UNSUCCESSFUL;
}

/* ---- device memory ------------------------------------------------------------------------ */

/* The registers of a range of type `type` (memory or port) that some device was given, behind
 * [at, at + bytes), or NULL; *uart (may be NULL) the range's simulated UART, if it has one.
 * Caller holds entries_lock. An entry, its registers and its UART live until shutdown
 * (pnp_resources_free), so a mapping stays valid. */
static unsigned char *device_range(UCHAR type, ULONGLONG at, SIZE_T bytes, struct pnp_uart **uart,
                                   unsigned *offset)
{
    for (struct res_entry *e = entries; e != NULL; e = e->next)
        for (ULONG i = 0; i < e->count; i++) {
            PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
                &e->translated->List[0].PartialResourceList.PartialDescriptors[i];
            ULONGLONG start = (ULONGLONG)d->u.Generic.Start.QuadPart;
            if (d->Type == type && at >= start && bytes <= d->u.Generic.Length &&
                at - start <= d->u.Generic.Length - bytes) {
                if (uart != NULL) {
                    *uart = e->uart[i];
                    *offset = (unsigned)(at - start);
                }
                return e->memory[i] + (at - start);
            }
        }
    return NULL;
}

static unsigned char *device_registers(UCHAR type, ULONGLONG at, SIZE_T bytes)
{
    return device_range(type, at, bytes, NULL, NULL);
}

/* The device memory behind [address, address + bytes), or NULL. */
static void *device_memory(PHYSICAL_ADDRESS address, SIZE_T bytes)
{
    os_mutex_lock(&entries_lock);
    void *found = device_registers(CmResourceTypeMemory, (ULONGLONG)address.QuadPart, bytes);
    os_mutex_unlock(&entries_lock);
    return found;
}

/* Deviation: only a device's memory ranges can be mapped (their memory is plain zeroed host
 * memory, the same for every mapping); anything else is NULL, as a failed mapping. */
PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
                         MEMORY_CACHING_TYPE CacheType)
{
    (void)CacheType;
    vf_check_irql_at_most(DISPATCH_LEVEL, "MmMapIoSpace", NULL, __builtin_return_address(0));
    if (NumberOfBytes == 0)
        return NULL;
    return device_memory(PhysicalAddress, NumberOfBytes);
}

PVOID NTAPI MmMapIoSpaceEx(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes, ULONG Protect)
{
    (void)Protect;
    vf_check_irql_at_most(DISPATCH_LEVEL, "MmMapIoSpaceEx", NULL, __builtin_return_address(0));
    if (NumberOfBytes == 0)
        return NULL;
    return device_memory(PhysicalAddress, NumberOfBytes);
}

VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes)
{
    (void)BaseAddress;
    (void)NumberOfBytes;
    vf_check_irql_at_most(DISPATCH_LEVEL, "MmUnmapIoSpace", NULL, __builtin_return_address(0));
}

/* ---- I/O ports ---------------------------------------------------------------------------- */

/* READ_PORT_xxx / WRITE_PORT_xxx (docs/interrupts.md "I/O ports"): a port range some device was
 * given (`resources ... port:START:LENGTH`) is a set of byte registers that hold what was last
 * written, like device memory; a port no device was given reads as all ones and ignores writes,
 * as an unclaimed port does on a PC's bus. Each access takes entries_lock, so a multi-byte
 * access is never torn by another processor's access to the same port. Callable at any IRQL,
 * as the HAL's routines are. Deviation: the x64 WDK compiles these inline to IN/OUT
 * instructions; here they are exported routines a driver imports. */
static void port_access(PUCHAR port, void *value, size_t width, bool write)
{
    struct pnp_uart *uart = NULL;
    unsigned offset = 0;
    os_mutex_lock(&entries_lock);
    unsigned char *reg = device_range(CmResourceTypePort, (ULONG_PTR)port, width, &uart, &offset);
    if (uart != NULL) {
        os_mutex_unlock(&entries_lock);    /* the UART has its own lock; it outlives the access */
        for (size_t i = 0; i < width; i++) /* a byte-wide device: the bus splits a wider access */
            pnp_uart_access(uart, offset + (unsigned)i, (UCHAR *)value + i, write);
        return;
    }
    if (reg != NULL && write)
        memcpy(reg, value, width);
    else if (reg != NULL)
        memcpy(value, reg, width);
    else if (!write)
        memset(value, 0xFF, width);
    os_mutex_unlock(&entries_lock);
}

#define PORT_ROUTINES(suffix, type)                                                                \
    type NTAPI READ_PORT_##suffix(type *Port)                                                      \
    {                                                                                              \
        type v;                                                                                    \
        port_access((PUCHAR)Port, &v, sizeof v, false);                                            \
        return v;                                                                                  \
    }                                                                                              \
    VOID NTAPI WRITE_PORT_##suffix(type *Port, type Value)                                         \
    {                                                                                              \
        port_access((PUCHAR)Port, &Value, sizeof Value, true);                                     \
    }                                                                                              \
    VOID NTAPI READ_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count)                    \
    {                                                                                              \
        for (ULONG i = 0; i < Count; i++)                                                          \
            port_access((PUCHAR)Port, &Buffer[i], sizeof *Buffer, false);                          \
    }                                                                                              \
    VOID NTAPI WRITE_PORT_BUFFER_##suffix(type *Port, type *Buffer, ULONG Count)                   \
    {                                                                                              \
        for (ULONG i = 0; i < Count; i++)                                                          \
            port_access((PUCHAR)Port, &Buffer[i], sizeof *Buffer, true);                           \
    }
PORT_ROUTINES(UCHAR, UCHAR)
PORT_ROUTINES(USHORT, USHORT)
PORT_ROUTINES(ULONG, ULONG)
#undef PORT_ROUTINES

/* ---- ioreslist: resources from the filtered requirements --------------------------------- */

/* One descriptor of the requirements as a `resources` word (its lowest range); 0: a type
 * drvhost does not assign. */
static int requirement_word(const IO_RESOURCE_DESCRIPTOR *d, char *out, size_t size)
{
    switch (d->Type) {
    case CmResourceTypeMemory:
    case CmResourceTypePort:
        return snprintf(out, size, "%s:0x%llx:0x%lx ",
                        d->Type == CmResourceTypeMemory ? "mem" : "port",
                        (unsigned long long)d->u.Memory.MinimumAddress.QuadPart,
                        (unsigned long)d->u.Memory.Length);
    case CmResourceTypeInterrupt:
        return snprintf(out, size, "irq:%lu%s%s ", (unsigned long)d->u.Interrupt.MinimumVector,
                        d->Flags & CM_RESOURCE_INTERRUPT_LATCHED ? ":latched" : "",
                        d->ShareDisposition == CmResourceShareShared ? ":shared" : "");
    default:
        return 0;
    }
}

void pnp_resources_from_requirements(struct pnp_node *node,
                                     const IO_RESOURCE_REQUIREMENTS_LIST *list)
{
    char spec[MAX_DESC * 48 + 1] = "", msg[160] = "";
    size_t at = 0;
    const IO_RESOURCE_LIST *alt;
    if (list == NULL || list->AlternativeLists == 0 || entry_of(node) != NULL ||
        node->hardware_ids == NULL || node->hardware_ids[0] == NULL)
        return;
    alt = list->List;
    for (ULONG i = 0; i < alt->Count; i++) {
        const IO_RESOURCE_DESCRIPTOR *d = &alt->Descriptors[i];
        int n;
        if (d->Option & IO_RESOURCE_ALTERNATIVE) /* the preferred range before it is taken */
            continue;
        n = requirement_word(d, spec + at, sizeof spec - at);
        if (n <= 0 || (size_t)n >= sizeof spec - at) {
            rtl_diag(RTL_DIAG_WARN, "pnp", "%s: requirement %lu (type %u) is not assigned",
                     node->instance_id, (unsigned long)i, (unsigned)d->Type);
            continue;
        }
        at += (size_t)n;
    }
    if (at > 0 && !NT_SUCCESS(pnp_resources_set(node->hardware_ids[0], spec, msg, sizeof msg)))
        rtl_diag(RTL_DIAG_WARN, "pnp", "%s: its resource requirements cannot be assigned: %s",
                 node->instance_id, msg);
}

/* ---- the simulated UARTs' wires (uart16550.c) --------------------------------------------- */

/* The UART of the port range starting at `port` (the newest such declaration), or NULL. */
static struct pnp_uart *uart_at(ULONG port)
{
    struct pnp_uart *found = NULL;
    os_mutex_lock(&entries_lock);
    for (struct res_entry *e = entries; e != NULL && found == NULL; e = e->next)
        for (ULONG i = 0; i < e->count && found == NULL; i++) {
            PCM_PARTIAL_RESOURCE_DESCRIPTOR d =
                &e->translated->List[0].PartialResourceList.PartialDescriptors[i];
            if (e->uart[i] != NULL && (ULONGLONG)d->u.Port.Start.QuadPart == port)
                found = e->uart[i];
        }
    os_mutex_unlock(&entries_lock);
    return found;
}

NTSTATUS pnp_uart_input(ULONG port, const void *data, size_t size)
{
    struct pnp_uart *u = uart_at(port);
    if (u == NULL)
        return STATUS_NOT_FOUND;
    pnp_uart_wire_in(u, data, size);
    return STATUS_SUCCESS;
}

NTSTATUS pnp_uart_lines(ULONG port, UCHAR msr_bits)
{
    struct pnp_uart *u = uart_at(port);
    if (u == NULL)
        return STATUS_NOT_FOUND;
    pnp_uart_wire_lines(u, msr_bits);
    return STATUS_SUCCESS;
}

NTSTATUS pnp_uart_break(ULONG port)
{
    struct pnp_uart *u = uart_at(port);
    if (u == NULL)
        return STATUS_NOT_FOUND;
    pnp_uart_wire_break(u);
    return STATUS_SUCCESS;
}

NTSTATUS pnp_uart_answer(ULONG port, const void *data, size_t size)
{
    struct pnp_uart *u = uart_at(port);
    if (u == NULL)
        return STATUS_NOT_FOUND;
    return pnp_uart_wire_answer(u, data, size) ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

NTSTATUS pnp_uart_output(ULONG port, void *buffer, size_t size, size_t *taken,
                         struct pnp_uart_state *state)
{
    struct pnp_uart *u = uart_at(port);
    if (u == NULL)
        return STATUS_NOT_FOUND;
    *taken = pnp_uart_wire_out(u, buffer, size, state);
    return STATUS_SUCCESS;
}
