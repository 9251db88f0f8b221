/*
 * pcw.c - kernel-mode performance counter providers (wdm.h: PcwRegister, PcwUnregister,
 * PcwCreateInstance, PcwCloseInstance, PcwAddInstance). A registration is a counter set's name,
 * a copy of its counter descriptors and the provider's optional callback; its instances are
 * those PcwCreateInstance made (their data blocks read when a consumer collects) and those the
 * callback adds to a consumer buffer with PcwAddInstance during a collection.
 *
 * drvhost has no consumers (PERFLIB, perfmon): the host collects a counter set by name
 * (ex_pcw_collect; the scenario's `counters NAME`), calling every registration of that name
 * as Windows does: EnumerateInstances and CollectData with an all-counters, all-instances mask.
 *
 * Locking and lifetime: pcw_lock guards the registration list and the instance lists, and is
 * held across a collection, callbacks included, so PcwUnregister waits for a collection in
 * progress to finish (the documented guarantee that a callback does not run after
 * PcwUnregister returns). Deviation: a callback that itself registers, unregisters, creates or
 * closes deadlocks (the mutex is not recursive). PcwAddInstance touches only its buffer, which
 * belongs to the collecting thread. Handles are the addresses of the structures below, freed by
 * PcwUnregister / PcwCloseInstance; a stale handle is recognised by its magic only while the
 * memory is not reused (as on Windows, using one is the driver's bug).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wdm.h>

#include "ex/ex.h"
#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#define PCW_REG_MAGIC  0x52776350u /* "PcwR" */
#define PCW_INST_MAGIC 0x49776350u /* "PcwI" */
#define PCW_NAME_MAX   256         /* UTF-8 bytes kept of a name (for lookup and printing) */

struct _PCW_INSTANCE {
    ULONG magic;
    struct _PCW_INSTANCE *next; /* the registration's instances; under pcw_lock */
    struct _PCW_REGISTRATION *reg;
    char name[PCW_NAME_MAX];
    ULONG id; /* assigned: unique within the registration */
    ULONG count;
    PCW_DATA data[]; /* the provider's blocks, read at each collection */
};

struct _PCW_REGISTRATION {
    ULONG magic;
    struct _PCW_REGISTRATION *next; /* pcw_list; under pcw_lock */
    char name[PCW_NAME_MAX];
    char driver[64]; /* the registering module's service name */
    PPCW_CALLBACK callback;
    PVOID context;
    struct _PCW_INSTANCE *instances;
    ULONG next_id; /* the id of the next instance PcwCreateInstance makes */
    ULONG counter_count;
    USHORT blocks; /* 1 + the largest StructIndex: the data blocks an instance must give */
    PCW_COUNTER_DESCRIPTOR counters[];
};

/* One instance a collection found, its values in counter order. */
struct pcw_row {
    struct pcw_row *next;
    char name[PCW_NAME_MAX];
    ULONG id;
    ULONGLONG values[];
};

struct _PCW_BUFFER {
    ULONG magic;
    BOOLEAN collect; /* CollectData: values are read; EnumerateInstances: names and ids only */
    struct _PCW_REGISTRATION *reg;
    struct pcw_row *rows, **tail;
    NTSTATUS status; /* STATUS_NO_MEMORY when a row could not be kept */
};
#define PCW_BUF_MAGIC 0x42776350u /* "PcwB" */

static os_mutex pcw_lock = OS_MUTEX_INIT;
static struct _PCW_REGISTRATION *pcw_list;

/* A UNICODE_STRING as UTF-8 (cut at PCW_NAME_MAX - 1 bytes; unpaired surrogates become '?'). */
static void pcw_name_utf8(PCUNICODE_STRING s, char *out)
{
    size_t n = s->Length / sizeof(WCHAR), pos = 0, used = 0;
    char one[4];
    while (pos < n) {
        long cp = rtl_utf16_decode(s->Buffer, n, &pos);
        size_t k = rtl_utf8_encode(cp < 0 ? '?' : (unsigned long)cp, one);
        if (used + k >= PCW_NAME_MAX)
            break;
        memcpy(out + used, one, k);
        used += k;
    }
    out[used] = 0;
}

static BOOLEAN pcw_name_valid(PCUNICODE_STRING s)
{
    return s != NULL && (s->Length == 0 || s->Buffer != NULL) && s->Length % 2 == 0 &&
           s->Length <= s->MaximumLength;
}

/* The registration's rules on the blocks of an instance (PcwCreateInstance, PcwAddInstance):
 * every StructIndex names a block (else STATUS_INVALID_PARAMETER_4), every counter lies in its
 * block (else STATUS_INVALID_BUFFER_SIZE). */
static NTSTATUS pcw_check_blocks(const struct _PCW_REGISTRATION *reg, ULONG count,
                                 const PCW_DATA *data)
{
    if (count < reg->blocks || (count > 0 && data == NULL))
        return STATUS_INVALID_PARAMETER_4;
    for (ULONG i = 0; i < reg->counter_count; i++) {
        const PCW_COUNTER_DESCRIPTOR *c = &reg->counters[i];
        if ((ULONG)c->Offset + c->Size > data[c->StructIndex].Size)
            return STATUS_INVALID_BUFFER_SIZE;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS pcw_check_info(const PCW_REGISTRATION_INFORMATION *info)
{
    if (info == NULL || (info->Version != PCW_VERSION_1 && info->Version != PCW_VERSION_2))
        return STATUS_INVALID_PARAMETER_2;
    if (info->Version >= PCW_VERSION_2 && (info->Flags & ~PcwRegistrationSiloNeutral) != 0)
        return STATUS_INVALID_PARAMETER_2;
    /* The counter set's name must not be NULL or blank (the structure's documentation). */
    if (!pcw_name_valid(info->Name) || info->Name->Length == 0)
        return STATUS_INVALID_PARAMETER_2;
    if (info->CounterCount > 0 && info->Counters == NULL)
        return STATUS_INVALID_PARAMETER_2;
    if (info->CounterCount >
        (0x7fffffffu - sizeof(struct _PCW_REGISTRATION)) / sizeof(PCW_COUNTER_DESCRIPTOR))
        return STATUS_INTEGER_OVERFLOW;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI PcwRegister(PPCW_REGISTRATION *Registration, PPCW_REGISTRATION_INFORMATION Info)
{
    const char *driver = ke_address_name(__builtin_return_address(0));
    struct _PCW_REGISTRATION *reg;
    NTSTATUS status;
    vf_check_irql_at_most(APC_LEVEL, "PcwRegister", Info, __builtin_return_address(0));
    if ((status = pcw_check_info(Info)) != STATUS_SUCCESS)
        return status;
    reg = calloc(1, sizeof(*reg) + Info->CounterCount * sizeof(PCW_COUNTER_DESCRIPTOR));
    if (reg == NULL)
        return STATUS_NO_MEMORY;
    /* Every argument is captured: the caller's descriptors and name may be on its stack. */
    memcpy(reg->counters, Info->Counters, Info->CounterCount * sizeof(PCW_COUNTER_DESCRIPTOR));
    reg->counter_count = Info->CounterCount;
    for (ULONG i = 0; i < Info->CounterCount; i++)
        if (reg->counters[i].StructIndex + 1u > reg->blocks)
            reg->blocks = (USHORT)(reg->counters[i].StructIndex + 1u);
    pcw_name_utf8(Info->Name, reg->name);
    snprintf(reg->driver, sizeof(reg->driver), "%s", driver != NULL ? driver : "");
    reg->callback = Info->Callback;
    reg->context = Info->CallbackContext;
    reg->magic = PCW_REG_MAGIC;
    os_mutex_lock(&pcw_lock);
    reg->next = pcw_list;
    pcw_list = reg;
    os_mutex_unlock(&pcw_lock);
    *Registration = reg;
    return STATUS_SUCCESS;
}

/* A handle the PCW routines did not hand out: Windows reads through it and faults; drvhost
 * reports the access fault at once, 0x1E KMODE_EXCEPTION_NOT_HANDLED (STATUS_ACCESS_VIOLATION,
 * the caller, 0, the handle), naming the routine. */
__attribute__((noreturn)) static void pcw_bad_handle(const char *ddi, const void *handle,
                                                     const void *caller)
{
    ke_bugcheck_msg(BUGCODE_KMODE_EXCEPTION_NOT_HANDLED, (ULONG_PTR)(ULONG)STATUS_ACCESS_VIOLATION,
                    (ULONG_PTR)caller, 0, (ULONG_PTR)handle,
                    "%s: %p is not a handle the PCW routines returned", ddi, handle);
}

/* A registration handle, or a bug check: using a handle PcwRegister did not return is the
 * driver's bug (Windows dereferences it). */
static struct _PCW_REGISTRATION *pcw_reg_of(PPCW_REGISTRATION r, const char *ddi,
                                            const void *caller)
{
    if (r == NULL || r->magic != PCW_REG_MAGIC)
        pcw_bad_handle(ddi, r, caller);
    return r;
}

VOID NTAPI PcwUnregister(PPCW_REGISTRATION Registration)
{
    struct _PCW_REGISTRATION *reg, **at;
    vf_check_irql_at_most(APC_LEVEL, "PcwUnregister", Registration, __builtin_return_address(0));
    reg = pcw_reg_of(Registration, "PcwUnregister", __builtin_return_address(0));
    os_mutex_lock(&pcw_lock);
    for (at = &pcw_list; *at != NULL && *at != reg; at = &(*at)->next)
        ;
    if (*at != NULL)
        *at = reg->next;
    /* Instances still open go with their registration. */
    while (reg->instances != NULL) {
        struct _PCW_INSTANCE *inst = reg->instances;
        reg->instances = inst->next;
        inst->magic = 0;
        free(inst);
    }
    reg->magic = 0;
    os_mutex_unlock(&pcw_lock);
    free(reg);
}

NTSTATUS NTAPI PcwCreateInstance(PPCW_INSTANCE *Instance, PPCW_REGISTRATION Registration,
                                 PCUNICODE_STRING Name, ULONG Count, PPCW_DATA Data)
{
    struct _PCW_REGISTRATION *reg;
    struct _PCW_INSTANCE *inst, **at;
    NTSTATUS status;
    vf_check_irql_at_most(APC_LEVEL, "PcwCreateInstance", Registration,
                          __builtin_return_address(0));
    reg = pcw_reg_of(Registration, "PcwCreateInstance", __builtin_return_address(0));
    if (!pcw_name_valid(Name))
        return STATUS_INVALID_PARAMETER_3;
    if (Count > (0x7fffffffu - sizeof(*inst)) / sizeof(PCW_DATA))
        return STATUS_INTEGER_OVERFLOW;
    if ((status = pcw_check_blocks(reg, Count, Data)) != STATUS_SUCCESS)
        return status;
    if ((inst = calloc(1, sizeof(*inst) + Count * sizeof(PCW_DATA))) == NULL)
        return STATUS_NO_MEMORY;
    memcpy(inst->data, Data, Count * sizeof(PCW_DATA));
    inst->count = Count;
    inst->reg = reg;
    pcw_name_utf8(Name, inst->name);
    inst->magic = PCW_INST_MAGIC;
    os_mutex_lock(&pcw_lock);
    inst->id = reg->next_id++;
    for (at = &reg->instances; *at != NULL; at = &(*at)->next)
        ; /* appended: a collection lists instances in the order they were created */
    *at = inst;
    os_mutex_unlock(&pcw_lock);
    *Instance = inst;
    return STATUS_SUCCESS;
}

VOID NTAPI PcwCloseInstance(PPCW_INSTANCE Instance)
{
    struct _PCW_INSTANCE **at;
    vf_check_irql_at_most(APC_LEVEL, "PcwCloseInstance", Instance, __builtin_return_address(0));
    if (Instance == NULL || Instance->magic != PCW_INST_MAGIC)
        pcw_bad_handle("PcwCloseInstance", Instance, __builtin_return_address(0));
    os_mutex_lock(&pcw_lock);
    for (at = &Instance->reg->instances; *at != NULL && *at != Instance; at = &(*at)->next)
        ;
    if (*at != NULL)
        *at = Instance->next;
    Instance->magic = 0;
    os_mutex_unlock(&pcw_lock);
    free(Instance);
}

/* One value of a counter from its block (4 or 8 bytes; other sizes: their bytes, little
 * endian, up to 8). */
static ULONGLONG pcw_value(const PCW_COUNTER_DESCRIPTOR *c, const PCW_DATA *data)
{
    ULONGLONG v = 0;
    const UCHAR *p = (const UCHAR *)data[c->StructIndex].Data + c->Offset;
    memcpy(&v, p, c->Size < sizeof(v) ? c->Size : sizeof(v));
    return v;
}

/* Appends a row (name, id, the values when collecting) to a collection's buffer. */
static NTSTATUS pcw_buffer_add(struct _PCW_BUFFER *b, const char *name, ULONG id,
                               const PCW_DATA *data)
{
    const struct _PCW_REGISTRATION *reg = b->reg;
    struct pcw_row *row = calloc(1, sizeof(*row) + reg->counter_count * sizeof(ULONGLONG));
    if (row == NULL)
        return b->status = STATUS_NO_MEMORY;
    snprintf(row->name, sizeof(row->name), "%s", name);
    row->id = id;
    for (ULONG i = 0; b->collect && i < reg->counter_count; i++)
        row->values[i] = pcw_value(&reg->counters[i], data);
    *b->tail = row;
    b->tail = &row->next;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI PcwAddInstance(PPCW_BUFFER Buffer, PCUNICODE_STRING Name, ULONG Id, ULONG Count,
                              PPCW_DATA Data)
{
    char name[PCW_NAME_MAX];
    NTSTATUS status;
    vf_check_irql_at_most(APC_LEVEL, "PcwAddInstance", Buffer, __builtin_return_address(0));
    if (Buffer == NULL || Buffer->magic != PCW_BUF_MAGIC)
        pcw_bad_handle("PcwAddInstance", Buffer, __builtin_return_address(0));
    if (!pcw_name_valid(Name))
        return STATUS_INVALID_PARAMETER_2;
    /* An enumeration records the name and id only: the data blocks are not read (the
     * ctrpp helpers pass NULL values then). */
    if (Buffer->collect) {
        if ((status = pcw_check_blocks(Buffer->reg, Count, Data)) != STATUS_SUCCESS)
            return status;
        for (ULONG i = 0; i < Buffer->reg->blocks; i++)
            if (Data[i].Data == NULL)
                return STATUS_INVALID_PARAMETER_5;
    }
    pcw_name_utf8(Name, name);
    return pcw_buffer_add(Buffer, name, Id, Data);
}

static void pcw_rows_free(struct pcw_row *row)
{
    while (row != NULL) {
        struct pcw_row *next = row->next;
        free(row);
        row = next;
    }
}

/* Calls the provider's callback for one request with an all-counters, all-instances mask. */
static NTSTATUS pcw_call(struct _PCW_REGISTRATION *reg, PCW_CALLBACK_TYPE type,
                         struct _PCW_BUFFER *b)
{
    static const UNICODE_STRING any = RTL_CONSTANT_STRING(L"*");
    PCW_CALLBACK_INFORMATION info;
    PCW_MASK_INFORMATION *mask =
        type == PcwCallbackCollectData ? &info.CollectData : &info.EnumerateInstances;
    memset(&info, 0, sizeof(info));
    mask->CounterMask = ~0ull;
    mask->InstanceMask = &any;
    mask->InstanceId = PCW_ANY_INSTANCE_ID;
    mask->CollectMultiple = TRUE;
    mask->Buffer = b;
    b->collect = type == PcwCallbackCollectData;
    return reg->callback(type, &info, reg->context);
}

/* Appends the rows to out (a full buffer is cut); returns the new length. */
static size_t pcw_print_rows(const struct _PCW_REGISTRATION *reg, const struct pcw_row *row,
                             struct ex_pcw_text *out)
{
    size_t at = out->used;
    for (; row != NULL; row = row->next) {
        at = rtl_appendf(out->text, at, out->size, "  \"%s\" id=%lu:", row->name,
                         (unsigned long)row->id);
        for (ULONG i = 0; i < reg->counter_count; i++)
            at = rtl_appendf(out->text, at, out->size, " %u=%llu", reg->counters[i].Id,
                             (unsigned long long)row->values[i]);
        at = rtl_appendf(out->text, at, out->size, "\n");
    }
    return out->used = at;
}

/* One registration's instances: those created, then the callback's (CollectData). The
 * enumeration is made first, as a consumer does before collecting, and its status checked. */
static int pcw_collect_one(struct _PCW_REGISTRATION *reg, struct ex_pcw_text *out, char *err,
                           size_t errsize)
{
    struct _PCW_BUFFER b = {PCW_BUF_MAGIC, FALSE, reg, NULL, NULL, STATUS_SUCCESS};
    NTSTATUS status = STATUS_SUCCESS;
    int n = 0;
    b.tail = &b.rows;
    for (struct _PCW_INSTANCE *i = reg->instances; i != NULL; i = i->next) {
        b.collect = TRUE;
        pcw_buffer_add(&b, i->name, i->id, i->data);
    }
    if (reg->callback != NULL) {
        struct _PCW_BUFFER e = {PCW_BUF_MAGIC, FALSE, reg, NULL, NULL, STATUS_SUCCESS};
        e.tail = &e.rows;
        status = pcw_call(reg, PcwCallbackEnumerateInstances, &e);
        pcw_rows_free(e.rows);
        if (NT_SUCCESS(status))
            status = pcw_call(reg, PcwCallbackCollectData, &b);
    }
    if (!NT_SUCCESS(status) || !NT_SUCCESS(b.status))
        snprintf(err, errsize, "the provider of '%s' (%s) failed: 0x%08X", reg->name,
                 reg->driver[0] ? reg->driver : "-",
                 (unsigned)(NT_SUCCESS(status) ? b.status : status));
    else
        pcw_print_rows(reg, b.rows, out);
    for (const struct pcw_row *r = b.rows; r != NULL; r = r->next)
        n++;
    pcw_rows_free(b.rows);
    return err[0] ? -1 : n;
}

int ex_pcw_collect(const char *name, struct ex_pcw_text *out, char *err, size_t errsize)
{
    int total = 0, found = 0;
    err[0] = 0;
    os_mutex_lock(&pcw_lock);
    for (struct _PCW_REGISTRATION *reg = pcw_list; reg != NULL && !err[0]; reg = reg->next) {
        if (strcasecmp(reg->name, name) != 0)
            continue;
        found = 1;
        if (reg->callback != NULL && ke_address_name((const void *)reg->callback) == NULL) {
            snprintf(err, errsize, "'%s': its provider's driver (%s) is gone", name,
                     reg->driver[0] ? reg->driver : "-");
            break;
        }
        int n = pcw_collect_one(reg, out, err, errsize);
        total += n > 0 ? n : 0;
    }
    os_mutex_unlock(&pcw_lock);
    if (!found && !err[0])
        snprintf(err, errsize, "no counter set '%s' is registered", name);
    return err[0] ? -1 : total;
}
