/*
 * errlog.c - the error log: IoAllocateErrorLogEntry, IoWriteErrorLogEntry, IoFreeErrorLogEntry.
 *
 * There is no event log service: a written entry is printed as one block of text on the
 * diagnostics channel (stderr, silenced by drvhost_options.quiet) and freed. Each entry carries
 * a private header in front of the packet: the referenced device or driver object and the size
 * the driver asked for (the strings are read within it). Live entries are on a list
 * (io_errlog_lock), so a pointer that is not one, or an entry written or freed twice, is found
 * without reading freed memory: bug check 0xC4 (0x101). Entries neither written nor freed are
 * reported and released at shutdown (io_errlog_shutdown).
 */
#include "io/io_private.h"

#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define IO_ERRLOG_TAG 'gLrE'

struct io_errlog {
    LIST_ENTRY link;  /* io_errlog_live, under io_errlog_lock */
    UCHAR size;       /* EntrySize */
    void *object;     /* device or driver object, referenced while the entry lives */
    char source[200]; /* its names, taken at allocation (a device's go with IoDeleteDevice) */
    IO_ERROR_LOG_PACKET packet[];
};

static void io_errlog_source(void *object, char *out, size_t size);

static os_mutex io_errlog_lock = OS_MUTEX_INIT;
static LIST_ENTRY io_errlog_live = {&io_errlog_live, &io_errlog_live};

static void io_errlog_irql(const char *ddi)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, ddi, NULL, NULL);
}

NTKERNELAPI PVOID NTAPI IoAllocateErrorLogEntry(PVOID IoObject, UCHAR EntrySize)
{
    struct io_errlog *e;
    const struct ob_type *type;
    io_errlog_irql("IoAllocateErrorLogEntry");
    /* The reference: EntrySize cannot exceed ERROR_LOG_MAXIMUM_SIZE; NULL when no entry can be
     * allocated. An entry smaller than the packet header could not be filled in either. */
    if (IoObject == NULL || EntrySize > ERROR_LOG_MAXIMUM_SIZE ||
        EntrySize < FIELD_OFFSET(IO_ERROR_LOG_PACKET, DumpData))
        return NULL;
    type = ob_type_of(IoObject);
    if (type != &ob_type_device && type != &ob_type_driver)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_NOT_AN_OBJECT,
                        (ULONG_PTR)IoObject, 0, 0,
                        "IoAllocateErrorLogEntry: %p is a %s object, not a device or "
                        "driver object",
                        IoObject, type->name);
    e = ex_alloc(sizeof(*e) + (EntrySize > sizeof(IO_ERROR_LOG_PACKET)
                                   ? EntrySize
                                   : sizeof(IO_ERROR_LOG_PACKET)),
                 IO_ERRLOG_TAG);
    if (e == NULL)
        return NULL;
    e->size = EntrySize;
    e->object = IoObject;
    io_errlog_source(IoObject, e->source, sizeof(e->source));
    ob_reference(IoObject);
    os_mutex_lock(&io_errlog_lock);
    InsertTailList(&io_errlog_live, &e->link);
    os_mutex_unlock(&io_errlog_lock);
    return e->packet;
}

/* Takes the entry off the live list (the caller then owns it). */
static struct io_errlog *io_errlog_of(PVOID entry, const char *ddi)
{
    struct io_errlog *found = NULL;
    os_mutex_lock(&io_errlog_lock);
    for (PLIST_ENTRY l = io_errlog_live.Flink; l != &io_errlog_live; l = l->Flink) {
        struct io_errlog *e = CONTAINING_RECORD(l, struct io_errlog, link);
        if (e->packet == entry) {
            RemoveEntryList(l);
            found = e;
            break;
        }
    }
    os_mutex_unlock(&io_errlog_lock);
    if (found == NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_NOT_AN_OBJECT,
                        (ULONG_PTR)entry, 0, 0,
                        "%s: %p is not an error log entry from IoAllocateErrorLogEntry (or it "
                        "was already written or freed)",
                        ddi, entry);
    return found;
}

static void io_errlog_release(struct io_errlog *e)
{
    ob_dereference(e->object);
    ex_free(e);
}

void io_errlog_shutdown(void)
{
    os_mutex_lock(&io_errlog_lock);
    while (!IsListEmpty(&io_errlog_live)) {
        struct io_errlog *e =
            CONTAINING_RECORD(RemoveHeadList(&io_errlog_live), struct io_errlog, link);
        rtl_diag(RTL_DIAG_ERROR, "io", "error log entry %p from %s was neither written nor freed",
                 (void *)e->packet, e->source);
        io_errlog_release(e);
    }
    os_mutex_unlock(&io_errlog_lock);
}

/* "\Device\X (driver \Driver\Y)" or "driver \Driver\Y". */
static void io_errlog_source(void *object, char *out, size_t size)
{
    char a[128] = "", b[128] = "";
    if (ob_type_of(object) == &ob_type_driver) {
        ob_string_to_utf8(&((PDRIVER_OBJECT)object)->DriverName, a, sizeof(a));
        snprintf(out, size, "driver %s", a);
        return;
    }
    PDEVICE_OBJECT dev = object;
    PCUNICODE_STRING name = ob_name_of(dev);
    if (name != NULL)
        ob_string_to_utf8(name, a, sizeof(a));
    ob_string_to_utf8(&dev->DriverObject->DriverName, b, sizeof(b));
    snprintf(out, size, "%s%s (driver %s)", name != NULL ? "" : "unnamed device ", a, b);
}

/* Dump data words that lie within the entry the driver allocated. */
static size_t io_errlog_dump(const struct io_errlog *e, char *text, size_t used, size_t size)
{
    const IO_ERROR_LOG_PACKET *p = e->packet;
    size_t room = e->size - FIELD_OFFSET(IO_ERROR_LOG_PACKET, DumpData);
    size_t words = p->DumpDataSize / sizeof(ULONG);
    if (words * sizeof(ULONG) > room)
        words = room / sizeof(ULONG);
    used = rtl_appendf(text, used, size, "  DumpData (%u bytes):", p->DumpDataSize);
    for (size_t i = 0; i < words; i++)
        used = rtl_appendf(text, used, size, " 0x%08X", p->DumpData[i]);
    return rtl_appendf(text, used, size, "\n");
}

/* Insertion strings: NumberOfStrings NUL-terminated UTF-16 strings at StringOffset, read only
 * within the entry. */
static size_t io_errlog_strings(const struct io_errlog *e, char *text, size_t used, size_t size)
{
    const IO_ERROR_LOG_PACKET *p = e->packet;
    size_t at = p->StringOffset;
    for (USHORT i = 0; i < p->NumberOfStrings && at + sizeof(WCHAR) <= e->size; i++) {
        const WCHAR *s = (const WCHAR *)((const char *)p + at);
        size_t n = 0;
        char utf8[256];
        while (at + (n + 1) * sizeof(WCHAR) <= e->size && s[n] != 0)
            n++;
        UNICODE_STRING u = {(USHORT)(n * sizeof(WCHAR)), (USHORT)(n * sizeof(WCHAR)), (PWCH)s};
        used = rtl_appendf(text, used, size, "  String %u: \"%s\"\n", i + 1,
                           ob_string_to_utf8(&u, utf8, sizeof(utf8)));
        at += (n + 1) * sizeof(WCHAR);
    }
    return used;
}

static void io_errlog_print(const struct io_errlog *e)
{
    const IO_ERROR_LOG_PACKET *p = e->packet;
    char text[2048], final[80];
    const char *name = rtl_status_name(p->FinalStatus);
    size_t used = 0;
    snprintf(final, sizeof(final), "%s%s0x%08X%s", name ? name : "", name ? " (" : "",
             (ULONG)p->FinalStatus, name ? ")" : "");
    used = rtl_appendf(text, used, sizeof(text),
                       "drvhost: error log entry from %s\n"
                       "  ErrorCode 0x%08X, FinalStatus %s, UniqueErrorValue 0x%08X\n"
                       "  MajorFunctionCode 0x%02X, RetryCount %u, SequenceNumber %u, "
                       "IoControlCode 0x%08X, DeviceOffset 0x%llX, EventCategory %u\n",
                       e->source, (ULONG)p->ErrorCode, final, p->UniqueErrorValue,
                       p->MajorFunctionCode, p->RetryCount, p->SequenceNumber, p->IoControlCode,
                       (unsigned long long)p->DeviceOffset.QuadPart, p->EventCategory);
    used = io_errlog_dump(e, text, used, sizeof(text));
    used = io_errlog_strings(e, text, used, sizeof(text));
    if (!rtl_dbg_quiet())
        os_write_stderr(text, used);
}

NTKERNELAPI VOID NTAPI IoWriteErrorLogEntry(PVOID ElEntry)
{
    struct io_errlog *e;
    io_errlog_irql("IoWriteErrorLogEntry");
    e = io_errlog_of(ElEntry, "IoWriteErrorLogEntry");
    io_errlog_print(e);
    io_errlog_release(e);
}

NTKERNELAPI VOID NTAPI IoFreeErrorLogEntry(PVOID ElEntry)
{
    io_errlog_irql("IoFreeErrorLogEntry");
    io_errlog_release(io_errlog_of(ElEntry, "IoFreeErrorLogEntry"));
}
