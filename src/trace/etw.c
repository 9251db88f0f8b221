/*
 * etw.c - the ETW provider routines (wdm.h: EtwRegister ... EtwSetInformation). drvhost has no
 * ETW sessions: the trace settings (settings.c: `--trace NAME:LEVEL:KEYWORDS`, the scenario's
 * `trace`) play the session enabling a provider, NAME being the provider's GUID, the name its
 * traits give (EtwSetInformation EventProviderSetTraits) or the service name of the driver that
 * registered it. An enabled event is one line of the trace output, its data fields rendered.
 *
 * Lifetime: a REGHANDLE is the address of a struct trace_etw. Providers are never freed
 * before trace_shutdown (EtwUnregister clears `magic` and unlinks nothing), so a stale handle
 * is recognised (STATUS_INVALID_HANDLE) instead of read after free. The enabled state (level,
 * keywords) is read without a lock (relaxed atomics): EtwEventEnabled may be called at any
 * IRQL and on every event; the list is under trace_lock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wdm.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "trace/trace_private.h"

#define ETW_MAGIC 0x45747750u /* "PwtE" */

struct trace_etw {
    struct trace_etw *next; /* etw_providers; under trace_lock */
    volatile ULONG magic;   /* ETW_MAGIC while registered */
    GUID guid;
    char guid_text[40]; /* 8-4-4-4-12, capitals, no braces */
    char driver[64];    /* the registering module's service name, "" when none */
    char name[64];      /* from the provider traits, "" when none */
    PETWENABLECALLBACK callback;
    PVOID context;
    volatile UCHAR enabled;
    volatile UCHAR level;
    volatile ULONGLONG any; /* MatchAnyKeyword */
    BOOLEAN use_descriptor_type;
};

static struct trace_etw *etw_providers;
/* The session id the enable callbacks receive as SourceId (drvhost's one "session"). */
static const GUID etw_session = {
    0x64727668, 0x6f73, 0x7420, {0x74, 0x72, 0x61, 0x63, 0x65, 0x00, 0x00, 0x01}};
static __thread GUID etw_activity; /* the thread's activity id (EtwActivityIdControl) */

static struct trace_etw *etw_of(REGHANDLE h)
{
    struct trace_etw *p = (struct trace_etw *)(ULONG_PTR)h;
    if (p == NULL || __atomic_load_n(&p->magic, __ATOMIC_ACQUIRE) != ETW_MAGIC)
        return NULL;
    return p;
}

static void etw_guid_text(const GUID *g, char *buf, size_t size)
{
    snprintf(buf, size, "%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* The setting for p (under trace_lock); TRUE and its level and keywords if there is one. */
static BOOLEAN etw_setting(const struct trace_etw *p, unsigned *level, ULONGLONG *any)
{
    return trace_setting_lookup(p->guid_text, p->name, p->driver, level, any);
}

/* Re-reads p's setting and calls its enable callback when the state changed (not under
 * trace_lock: the callback is driver code). */
static void etw_refresh(struct trace_etw *p)
{
    unsigned level = 0;
    ULONGLONG any = 0;
    BOOLEAN on, was;
    os_mutex_lock(&trace_lock);
    on = etw_setting(p, &level, &any);
    was = p->enabled;
    __atomic_store_n(&p->level, (UCHAR)level, __ATOMIC_RELAXED);
    __atomic_store_n(&p->any, any, __ATOMIC_RELAXED);
    __atomic_store_n(&p->enabled, on, __ATOMIC_RELEASE);
    os_mutex_unlock(&trace_lock);
    if (p->callback != NULL && (on || was))
        p->callback(&etw_session,
                    on ? EVENT_CONTROL_CODE_ENABLE_PROVIDER : EVENT_CONTROL_CODE_DISABLE_PROVIDER,
                    (UCHAR)level, any, 0, NULL, p->context);
}

void trace_etw_refresh_all(void)
{
    struct trace_etw *p;
    os_mutex_lock(&trace_lock);
    p = etw_providers;
    os_mutex_unlock(&trace_lock);
    /* Providers are never unlinked before shutdown: the list can be walked after the lock. */
    for (; p != NULL; p = __atomic_load_n(&p->next, __ATOMIC_ACQUIRE))
        if (etw_of((REGHANDLE)(ULONG_PTR)p) != NULL)
            etw_refresh(p);
}

void trace_etw_driver_gone(const char *driver)
{
    struct trace_etw *p;
    os_mutex_lock(&trace_lock);
    for (p = etw_providers; p != NULL; p = p->next)
        if (p->magic == ETW_MAGIC && strcasecmp(p->driver, driver) == 0) {
            rtl_diag(RTL_DIAG_WARN, "trace",
                     "driver %s unloaded without EtwUnregister of provider {%s}: unregistered now",
                     driver, p->guid_text);
            __atomic_store_n(&p->enabled, 0, __ATOMIC_RELAXED);
            __atomic_store_n(&p->magic, 0, __ATOMIC_RELEASE);
        }
    os_mutex_unlock(&trace_lock);
}

void trace_etw_shutdown(void)
{
    os_mutex_lock(&trace_lock);
    while (etw_providers != NULL) {
        struct trace_etw *p = etw_providers;
        etw_providers = p->next;
        free(p);
    }
    os_mutex_unlock(&trace_lock);
}

NTSTATUS NTAPI EtwRegister(LPCGUID ProviderId, PETWENABLECALLBACK EnableCallback,
                           PVOID CallbackContext, PREGHANDLE RegHandle)
{
    const char *driver = ke_address_name(__builtin_return_address(0));
    struct trace_etw *p;
    if (ProviderId == NULL || RegHandle == NULL)
        return STATUS_INVALID_PARAMETER;
    *RegHandle = 0;
    if ((p = calloc(1, sizeof(*p))) == NULL)
        return STATUS_NO_MEMORY;
    p->guid = *ProviderId;
    etw_guid_text(ProviderId, p->guid_text, sizeof(p->guid_text));
    snprintf(p->driver, sizeof(p->driver), "%s", driver != NULL ? driver : "");
    p->callback = EnableCallback;
    p->context = CallbackContext;
    p->magic = ETW_MAGIC;
    os_mutex_lock(&trace_lock);
    p->next = etw_providers;
    __atomic_store_n(&etw_providers, p, __ATOMIC_RELEASE);
    os_mutex_unlock(&trace_lock);
    *RegHandle = (REGHANDLE)(ULONG_PTR)p;
    /* A provider some session already enables hears of it during registration, as on
     * Windows. */
    etw_refresh(p);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI EtwUnregister(REGHANDLE RegHandle)
{
    struct trace_etw *p = etw_of(RegHandle);
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    __atomic_store_n(&p->enabled, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&p->magic, 0, __ATOMIC_RELEASE);
    return STATUS_SUCCESS;
}

static BOOLEAN etw_passes(const struct trace_etw *p, UCHAR level, ULONGLONG keyword)
{
    ULONGLONG any = __atomic_load_n(&p->any, __ATOMIC_RELAXED);
    if (!__atomic_load_n(&p->enabled, __ATOMIC_ACQUIRE))
        return FALSE;
    if (level != 0 && level > __atomic_load_n(&p->level, __ATOMIC_RELAXED))
        return FALSE;
    return keyword == 0 || any == 0 || (keyword & any) != 0;
}

BOOLEAN NTAPI EtwProviderEnabled(REGHANDLE RegHandle, UCHAR Level, ULONGLONG Keyword)
{
    struct trace_etw *p = etw_of(RegHandle);
    return p != NULL && etw_passes(p, Level, Keyword);
}

BOOLEAN NTAPI EtwEventEnabled(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor)
{
    struct trace_etw *p = etw_of(RegHandle);
    return p != NULL && EventDescriptor != NULL &&
           etw_passes(p, EventDescriptor->Level, EventDescriptor->Keyword);
}

/* ---- rendering ------------------------------------------------------------------------------ */

static BOOLEAN etw_printable(unsigned c)
{
    return c >= 0x20 && c < 0x7F && c != '"';
}

/* A NUL-terminated UTF-16 string of printable ASCII filling the field exactly. */
static BOOLEAN etw_is_wstring(const UCHAR *d, ULONG size)
{
    ULONG n = size / 2;
    if (size < 4 || size % 2 || d[size - 1] != 0 || d[size - 2] != 0)
        return FALSE;
    for (ULONG i = 0; i + 1 < n; i++)
        if (d[2 * i + 1] != 0 || !etw_printable(d[2 * i]))
            return FALSE;
    return TRUE;
}

static BOOLEAN etw_is_string(const UCHAR *d, ULONG size)
{
    if (size < 2 || d[size - 1] != 0)
        return FALSE;
    for (ULONG i = 0; i + 1 < size; i++)
        if (!etw_printable(d[i]))
            return FALSE;
    return TRUE;
}

/* One data field: 1, 2, 4 or 8 bytes are an integer (hex and decimal); else a NUL-terminated
 * string of printable ASCII, UTF-16 (L"...") or 8-bit ("..."); else the bytes (32 at most). */
static size_t etw_field(char *buf, size_t size, size_t at, const UCHAR *d, ULONG n)
{
    ULONGLONG v = 0;
    if (d == NULL && n != 0)
        return rtl_appendf(buf, at, size, " (null %lu bytes)", (unsigned long)n);
    if (n == 1 || n == 2 || n == 4 || n == 8) {
        memcpy(&v, d, n);
        return rtl_appendf(buf, at, size, " 0x%llX(%llu)", v, v);
    }
    if (etw_is_wstring(d, n)) {
        at = rtl_appendf(buf, at, size, " L\"");
        for (ULONG i = 0; i + 1 < n / 2; i++)
            at = rtl_appendf(buf, at, size, "%c", d[2 * i]);
        return rtl_appendf(buf, at, size, "\"");
    }
    if (etw_is_string(d, n))
        return rtl_appendf(buf, at, size, " \"%s\"", (const char *)d);
    at = rtl_appendf(buf, at, size, " [%lu]", (unsigned long)n);
    for (ULONG i = 0; i < n && i < 32; i++)
        at = rtl_appendf(buf, at, size, " %02x", d[i]);
    return n > 32 ? rtl_appendf(buf, at, size, " ...") : at;
}

static size_t etw_head(char *buf, size_t size, const struct trace_etw *p, const char *what,
                       UCHAR level, ULONGLONG keyword)
{
    const char *lv = trace_level_name(level);
    size_t at = rtl_appendf(buf, 0, size, "%s ETW %s %s", p->driver[0] ? p->driver : "-",
                            p->name[0] ? p->name : p->guid_text, what);
    if (lv != NULL)
        at = rtl_appendf(buf, at, size, " %s", lv);
    else
        at = rtl_appendf(buf, at, size, " level=%u", level);
    return rtl_appendf(buf, at, size, " keyword=0x%llX", keyword);
}

static size_t etw_activity_text(char *buf, size_t size, size_t at, const char *label, LPCGUID id)
{
    char g[40];
    static const GUID zero;
    if (id == NULL || memcmp(id, &zero, sizeof(zero)) == 0)
        return at;
    etw_guid_text(id, g, sizeof(g));
    return rtl_appendf(buf, at, size, " %s={%s}", label, g);
}

static NTSTATUS etw_write(struct trace_etw *p, PCEVENT_DESCRIPTOR e, LPCGUID activity,
                          LPCGUID related, ULONG count, PEVENT_DATA_DESCRIPTOR data)
{
    char line[1024], what[80];
    size_t at;
    if (e == NULL || (count != 0 && data == NULL))
        return STATUS_INVALID_PARAMETER;
    if (count > MAX_EVENT_DATA_DESCRIPTORS)
        return STATUS_INVALID_PARAMETER;
    if (!etw_passes(p, e->Level, e->Keyword))
        return STATUS_SUCCESS; /* no session wants it: not logged, as on Windows */
    snprintf(what, sizeof(what), "id=%u version=%u task=%u opcode=%u channel=%u", e->Id, e->Version,
             e->Task, e->Opcode, e->Channel);
    at = etw_head(line, sizeof(line), p, what, e->Level, e->Keyword);
    at = etw_activity_text(line, sizeof(line), at, "activity", activity ? activity : &etw_activity);
    at = etw_activity_text(line, sizeof(line), at, "related", related);
    at = rtl_appendf(line, at, sizeof(line), ":");
    for (ULONG i = 0; i < count; i++) {
        if (p->use_descriptor_type && data[i].Type != EVENT_DATA_DESCRIPTOR_TYPE_NONE)
            continue; /* TraceLogging metadata, not a field */
        at = etw_field(line, sizeof(line), at, (const UCHAR *)(ULONG_PTR)data[i].Ptr, data[i].Size);
    }
    if (at >= sizeof(line) - 1)
        memcpy(line + sizeof(line) - 4, "...", 4); /* cut */
    trace_sink_line(line);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI EtwWrite(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor, LPCGUID ActivityId,
                        ULONG UserDataCount, PEVENT_DATA_DESCRIPTOR UserData)
{
    struct trace_etw *p = etw_of(RegHandle);
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    return etw_write(p, EventDescriptor, ActivityId, NULL, UserDataCount, UserData);
}

NTSTATUS NTAPI EtwWriteTransfer(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor,
                                LPCGUID ActivityId, LPCGUID RelatedActivityId, ULONG UserDataCount,
                                PEVENT_DATA_DESCRIPTOR UserData)
{
    struct trace_etw *p = etw_of(RegHandle);
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    return etw_write(p, EventDescriptor, ActivityId, RelatedActivityId, UserDataCount, UserData);
}

/* Filter and Flags select sessions; drvhost has one, so they change nothing. */
NTSTATUS NTAPI EtwWriteEx(REGHANDLE RegHandle, PCEVENT_DESCRIPTOR EventDescriptor, ULONG64 Filter,
                          ULONG Flags, LPCGUID ActivityId, LPCGUID RelatedActivityId,
                          ULONG UserDataCount, PEVENT_DATA_DESCRIPTOR UserData)
{
    struct trace_etw *p = etw_of(RegHandle);
    (void)Filter;
    (void)Flags;
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    return etw_write(p, EventDescriptor, ActivityId, RelatedActivityId, UserDataCount, UserData);
}

NTSTATUS NTAPI EtwWriteString(REGHANDLE RegHandle, UCHAR Level, ULONGLONG Keyword,
                              LPCGUID ActivityId, PCWSTR String)
{
    struct trace_etw *p = etw_of(RegHandle);
    char line[1024];
    size_t at;
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    if (String == NULL)
        return STATUS_INVALID_PARAMETER;
    if (!etw_passes(p, Level, Keyword))
        return STATUS_SUCCESS;
    at = etw_head(line, sizeof(line), p, "string", Level, Keyword);
    at = etw_activity_text(line, sizeof(line), at, "activity",
                           ActivityId ? ActivityId : &etw_activity);
    at = rtl_appendf(line, at, sizeof(line), ": ");
    for (size_t i = 0; String[i] != 0 && at + 8 < sizeof(line); i++)
        at = String[i] < 0x80 ? rtl_appendf(line, at, sizeof(line), "%c", (char)String[i])
                              : rtl_appendf(line, at, sizeof(line), "\\u%04X", String[i]);
    trace_sink_line(line);
    return STATUS_SUCCESS;
}

/* A new activity id: random (version 4 layout), never zero. */
static void etw_new_id(GUID *g)
{
    static volatile ULONGLONG counter;
    ULONGLONG n = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    ULONGLONG t = os_monotonic_ns();
    memcpy(g, &t, 8);
    memcpy(g->Data4, &n, 8);
    g->Data3 = (USHORT)((g->Data3 & 0x0FFF) | 0x4000);
}

NTSTATUS NTAPI EtwActivityIdControl(ULONG ControlCode, LPGUID ActivityId)
{
    GUID old = etw_activity;
    if (ActivityId == NULL)
        return STATUS_INVALID_PARAMETER;
    switch (ControlCode) {
    case EVENT_ACTIVITY_CTRL_GET_ID:
        *ActivityId = old;
        return STATUS_SUCCESS;
    case EVENT_ACTIVITY_CTRL_SET_ID:
        etw_activity = *ActivityId;
        return STATUS_SUCCESS;
    case EVENT_ACTIVITY_CTRL_CREATE_ID:
        etw_new_id(ActivityId);
        return STATUS_SUCCESS;
    case EVENT_ACTIVITY_CTRL_GET_SET_ID:
        etw_activity = *ActivityId;
        *ActivityId = old;
        return STATUS_SUCCESS;
    case EVENT_ACTIVITY_CTRL_CREATE_SET_ID:
        etw_new_id(&etw_activity);
        *ActivityId = old;
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

/* EventProviderSetTraits: USHORT total size, the provider's name (UTF-8, NUL-terminated), then
 * the traits (not read). */
static NTSTATUS etw_set_traits(struct trace_etw *p, const UCHAR *d, ULONG len)
{
    USHORT total;
    const UCHAR *end;
    if (d == NULL || len < 3)
        return STATUS_INVALID_PARAMETER;
    memcpy(&total, d, 2);
    if (total > len || total < 3 || (end = memchr(d + 2, 0, total - 2u)) == NULL)
        return STATUS_INVALID_PARAMETER;
    os_mutex_lock(&trace_lock);
    snprintf(p->name, sizeof(p->name), "%.*s", (int)(end - (d + 2)), (const char *)d + 2);
    os_mutex_unlock(&trace_lock);
    etw_refresh(p); /* a setting may name the provider */
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI EtwSetInformation(REGHANDLE RegHandle, EVENT_INFO_CLASS InformationClass,
                                 PVOID EventInformation, ULONG InformationLength)
{
    struct trace_etw *p = etw_of(RegHandle);
    if (p == NULL)
        return STATUS_INVALID_HANDLE;
    switch (InformationClass) {
    case EventProviderSetTraits:
        return etw_set_traits(p, EventInformation, InformationLength);
    case EventProviderUseDescriptorType:
        if (EventInformation == NULL || InformationLength != sizeof(BOOLEAN))
            return STATUS_INVALID_PARAMETER;
        p->use_descriptor_type = *(BOOLEAN *)EventInformation != 0;
        return STATUS_SUCCESS;
    case EventProviderBinaryTrackInfo:
        return STATUS_SUCCESS; /* the image path for symbol decoding: nothing to record */
    default:
        return STATUS_NOT_SUPPORTED;
    }
}
