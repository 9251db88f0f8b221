/*
 * test_callback.c - registry filtering through <wdm.h>: CmRegisterCallback(Ex),
 * CmUnRegisterCallback, the pre- and post-notifications of the Zw registry routines (blocking,
 * STATUS_CALLBACK_BYPASS, the altitude order), the key-object routines (CmCallbackGetKeyObjectID
 * (Ex), CmSetCallbackObjectContext and its cleanup) and unregistering while a routine runs.
 * Expected values are what the documentation of RegistryCallback and REG_NOTIFY_CLASS says.
 */
#include <wdm.h>

#include "harness.h"
#include "systhread.h"

#define BASE L"\\Registry\\Machine\\Software\\DrvhostCallbackTest"

/* What a routine saw: the classes in order, and a copy of some arguments. */
typedef struct {
    int count;
    REG_NOTIFY_CLASS classes[64];
    char who[64];
    char tag;                     /* this routine's letter, for the order tests */
    char *order;                  /* shared order string (may be NULL) */
    NTSTATUS pre_result;          /* returned for every pre-notification of block_class */
    REG_NOTIFY_CLASS block_class; /* MaxRegNtNotifyClass: none */
    NTSTATUS post_substitute;     /* if not 0: post of post_class returns BYPASS with this */
    REG_NOTIFY_CLASS post_class;
    PVOID pre_info;                      /* the last pre structure seen */
    REG_POST_OPERATION_INFORMATION post; /* the last post structure seen */
    REG_CREATE_KEY_INFORMATION_V1 create;
    WCHAR value_name[32];
    ULONG type, data_size;
    PVOID object_context;  /* ObjectContext of the last pre-notification with one */
    PVOID cleanup_context; /* RegNtCallbackObjectContextCleanup's ObjectContext */
    LARGE_INTEGER cookie;
    BOOLEAN attach_context; /* in post open/create: CmSetCallbackObjectContext */
    PVOID cleanup_object;
    WCHAR key_name[128]; /* CmCallbackGetKeyObjectIDEx of the post create's object */
    ULONG_PTR key_id;
    BOOLEAN id_name_ok;        /* pre query value: CmCallbackGetKeyObjectID agreed */
    KEVENT *entered, *release; /* set/waited in pre set value, when not NULL */
} RECORD;

static BOOLEAN is_post(REG_NOTIFY_CLASS c)
{
    switch (c) {
    case RegNtPostCreateKeyEx:
    case RegNtPostOpenKeyEx:
    case RegNtPostSetValueKey:
    case RegNtPostDeleteValueKey:
    case RegNtPostQueryValueKey:
    case RegNtPostEnumerateValueKey:
    case RegNtPostQueryKey:
    case RegNtPostEnumerateKey:
    case RegNtPostDeleteKey:
    case RegNtPostFlushKey:
    case RegNtPostKeyHandleClose:
        return TRUE;
    default:
        return FALSE;
    }
}

static void copy_name(WCHAR *dst, size_t cap, PCUNICODE_STRING s)
{
    size_t n = s ? s->Length / sizeof(WCHAR) : 0, i;
    if (n >= cap)
        n = cap - 1;
    for (i = 0; i < n; i++)
        dst[i] = s->Buffer[i];
    dst[n] = 0;
}

/* Registry names compare case-insensitively (Windows spells the roots \REGISTRY\MACHINE). */
static BOOLEAN wcs_equal(const WCHAR *a, const WCHAR *b)
{
    UNICODE_STRING ua, ub;
    RtlInitUnicodeString(&ua, a);
    RtlInitUnicodeString(&ub, b);
    return RtlEqualUnicodeString(&ua, &ub, TRUE);
}

static void record_post(RECORD *r, REG_NOTIFY_CLASS c, PREG_POST_OPERATION_INFORMATION p)
{
    PCUNICODE_STRING name = NULL;

    r->post = *p;
    if ((c == RegNtPostCreateKeyEx || c == RegNtPostOpenKeyEx) && p->Object &&
        NT_SUCCESS(p->Status)) {
        ok_status(CmCallbackGetKeyObjectIDEx(&r->cookie, p->Object, &r->key_id, &name, 0),
                  STATUS_SUCCESS);
        copy_name(r->key_name, 128, name);
        CmCallbackReleaseKeyObjectIDEx(name);
        if (r->attach_context)
            ok_status(CmSetCallbackObjectContext(p->Object, &r->cookie, r, NULL), STATUS_SUCCESS);
    }
}

static void record_pre(RECORD *r, REG_NOTIFY_CLASS c, PVOID info)
{
    r->pre_info = info;
    if (c == RegNtPreCreateKeyEx || c == RegNtPreOpenKeyEx)
        r->create = *(PREG_CREATE_KEY_INFORMATION_V1)info;
    if (c == RegNtPreSetValueKey) {
        PREG_SET_VALUE_KEY_INFORMATION s = info;
        copy_name(r->value_name, 32, s->ValueName);
        r->type = s->Type;
        r->data_size = s->DataSize;
        if (s->ObjectContext)
            r->object_context = s->ObjectContext;
        if (r->entered) {
            KeSetEvent(r->entered, 0, FALSE);
            KeWaitForSingleObject(r->release, Executive, KernelMode, FALSE, NULL);
        }
    }
    if (c == RegNtPreQueryValueKey) {
        PREG_QUERY_VALUE_KEY_INFORMATION q = info;
        PCUNICODE_STRING name = NULL;
        ULONG_PTR id = 0;
        WCHAR copy[128];
        if (q->ObjectContext)
            r->object_context = q->ObjectContext;
        /* The non-Ex form: the same ID and name; the name stays the system's. */
        if (NT_SUCCESS(CmCallbackGetKeyObjectID(&r->cookie, q->Object, &id, &name)) && name) {
            copy_name(copy, 128, name);
            r->id_name_ok = id == r->key_id && wcs_equal(copy, r->key_name);
        }
    }
}

static NTSTATUS NTAPI Callback(PVOID Context, PVOID Argument1, PVOID Argument2)
{
    RECORD *r = Context;
    REG_NOTIFY_CLASS c = (REG_NOTIFY_CLASS)(ULONG_PTR)Argument1;

    if (r->count < 64)
        r->classes[r->count++] = c;
    if (r->order && c != RegNtCallbackObjectContextCleanup) {
        size_t n = strlen(r->order);
        r->order[n] = is_post(c) ? (char)(r->tag - 'A' + 'a') : r->tag;
        r->order[n + 1] = 0;
    }
    if (c == RegNtCallbackObjectContextCleanup) {
        r->cleanup_context = ((PREG_CALLBACK_CONTEXT_CLEANUP_INFORMATION)Argument2)->ObjectContext;
        r->cleanup_object = ((PREG_CALLBACK_CONTEXT_CLEANUP_INFORMATION)Argument2)->Object;
        return STATUS_SUCCESS;
    }
    if (is_post(c)) {
        record_post(r, c, Argument2);
        if (r->post_substitute && c == r->post_class) {
            ((PREG_POST_OPERATION_INFORMATION)Argument2)->ReturnStatus = r->post_substitute;
            return STATUS_CALLBACK_BYPASS;
        }
        return STATUS_SUCCESS;
    }
    record_pre(r, c, Argument2);
    return c == r->block_class ? r->pre_result : STATUS_SUCCESS;
}

static UNICODE_STRING ustr(const WCHAR *s)
{
    UNICODE_STRING u;
    RtlInitUnicodeString(&u, s);
    return u;
}

static NTSTATUS create_key(HANDLE *h, const WCHAR *name, ULONG *disp)
{
    UNICODE_STRING u = ustr(name);
    OBJECT_ATTRIBUTES oa;
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    return ZwCreateKey(h, KEY_ALL_ACCESS, &oa, 0, NULL, REG_OPTION_VOLATILE, disp);
}

static NTSTATUS set_dword(HANDLE h, const WCHAR *name, ULONG v)
{
    UNICODE_STRING u = ustr(name);
    return ZwSetValueKey(h, &u, 0, REG_DWORD, &v, sizeof(v));
}

static NTSTATUS query_dword(HANDLE h, const WCHAR *name, ULONG *v)
{
    UNICODE_STRING u = ustr(name);
    UCHAR buf[sizeof(KEY_VALUE_PARTIAL_INFORMATION) + 8];
    PKEY_VALUE_PARTIAL_INFORMATION p = (PVOID)buf;
    ULONG len = 0;
    NTSTATUS status = ZwQueryValueKey(h, &u, KeyValuePartialInformation, buf, sizeof(buf), &len);
    if (NT_SUCCESS(status))
        *v = *(ULONG *)p->Data;
    return status;
}

static void init_record(RECORD *r, char tag, char *order)
{
    RtlZeroMemory(r, sizeof(*r));
    r->tag = tag;
    r->order = order;
    r->block_class = MaxRegNtNotifyClass;
}

static NTSTATUS register_at(RECORD *r, const WCHAR *altitude)
{
    UNICODE_STRING a = ustr(altitude);
    return CmRegisterCallbackEx(Callback, &a, (PVOID)0x1, r, &r->cookie, NULL);
}

/* A set value gets its pre-notification (the arguments as the caller gave them) and its
 * post-notification (the operation's status, PreInformation = the pre structure). */
TEST(set_value_sends_pre_and_post)
{
    RECORD r;
    HANDLE h = NULL;
    ULONG v = 0;

    init_record(&r, 'A', NULL);
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    ok_status(set_dword(h, L"Answer", 42), STATUS_SUCCESS);
    ok(r.count == 2, "%d notifications", r.count);
    ok(r.classes[0] == RegNtPreSetValueKey, "first class %d", r.classes[0]);
    ok(r.classes[1] == RegNtPostSetValueKey, "second class %d", r.classes[1]);
    ok(wcs_equal(r.value_name, L"Answer"), "value name");
    ok(r.type == REG_DWORD && r.data_size == 4, "type %lu size %lu", (unsigned long)r.type,
       (unsigned long)r.data_size);
    ok(r.post.Status == STATUS_SUCCESS && r.post.ReturnStatus == STATUS_SUCCESS, "post status");
    ok(r.post.PreInformation == r.pre_info, "PreInformation is not the pre structure");
    ok(r.post.Object != NULL, "post Object NULL");
    ok_status(query_dword(h, L"Answer", &v), STATUS_SUCCESS);
    ok(v == 42, "value %lu", (unsigned long)v);
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
    r.count = 0;
    ok_status(set_dword(h, L"Answer", 43), STATUS_SUCCESS);
    ok(r.count == 0, "notified after unregistering");
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* A failing pre-notification blocks the operation: the caller gets the routine's status, the
 * registry is unchanged, no post-notification; lower routines are not called. */
TEST(failing_pre_notification_blocks_the_operation)
{
    RECORD hi, lo;
    HANDLE h = NULL;
    ULONG v = 0;

    init_record(&hi, 'A', NULL);
    init_record(&lo, 'B', NULL);
    hi.block_class = RegNtPreSetValueKey;
    hi.pre_result = STATUS_ACCESS_DENIED;
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(register_at(&hi, L"400000"), STATUS_SUCCESS);
    ok_status(register_at(&lo, L"300000"), STATUS_SUCCESS);
    ok_status(set_dword(h, L"Blocked", 1), STATUS_ACCESS_DENIED);
    ok(hi.count == 1 && hi.classes[0] == RegNtPreSetValueKey, "high: %d notifications", hi.count);
    ok(lo.count == 0, "the lower routine was called (%d)", lo.count);
    ok_status(query_dword(h, L"Blocked", &v), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(CmUnRegisterCallback(hi.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(lo.cookie), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* STATUS_CALLBACK_BYPASS: the operation is not done, the caller gets STATUS_SUCCESS, the routines
 * above get their post-notification, the bypassing one and those below get none. */
TEST(bypass_skips_the_operation_and_returns_success)
{
    RECORD hi, mid, lo;
    char order[64] = "";
    HANDLE h = NULL;
    ULONG v = 0;

    init_record(&hi, 'A', order);
    init_record(&mid, 'B', order);
    init_record(&lo, 'C', order);
    mid.block_class = RegNtPreSetValueKey;
    mid.pre_result = STATUS_CALLBACK_BYPASS;
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(register_at(&hi, L"400000"), STATUS_SUCCESS);
    ok_status(register_at(&mid, L"300000"), STATUS_SUCCESS);
    ok_status(register_at(&lo, L"200000"), STATUS_SUCCESS);
    ok_status(set_dword(h, L"Bypassed", 1), STATUS_SUCCESS);
    ok(strcmp(order, "ABa") == 0, "order %s", order);
    ok(hi.post.Status == STATUS_SUCCESS, "post status %#lx", (unsigned long)hi.post.Status);
    ok_status(query_dword(h, L"Bypassed", &v), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(CmUnRegisterCallback(hi.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(mid.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(lo.cookie), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* Highest altitude first; CmRegisterCallback routines above every altitude, in their order of
 * registration; post-notifications in the opposite order. An altitude taken twice:
 * STATUS_FLT_INSTANCE_ALTITUDE_COLLISION. */
TEST(altitude_order_and_collision)
{
    RECORD a, b, c, d, dup;
    char order[64] = "";
    HANDLE h = NULL;

    init_record(&a, 'A', order);
    init_record(&b, 'B', order);
    init_record(&c, 'C', order);
    init_record(&d, 'D', order);
    init_record(&dup, 'X', order);
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(register_at(&c, L"1000"), STATUS_SUCCESS);
    ok_status(register_at(&b, L"2000.5"), STATUS_SUCCESS);
    ok_status(CmRegisterCallback(Callback, &a, &a.cookie), STATUS_SUCCESS);
    ok_status(register_at(&d, L"999"), STATUS_SUCCESS);
    ok_status(register_at(&dup, L"2000.50"), STATUS_FLT_INSTANCE_ALTITUDE_COLLISION);
    ok_status(set_dword(h, L"Order", 1), STATUS_SUCCESS);
    ok(strcmp(order, "ABCDdcba") == 0, "order %s", order);
    ok_status(CmUnRegisterCallback(a.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(b.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(c.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(d.cookie), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(d.cookie), STATUS_INVALID_PARAMETER);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* ZwCreateKey: RegNtPreCreateKeyEx with a REG_CREATE_KEY_INFORMATION_V1 (Version 1, the name,
 * the options and access); RegNtPostCreateKeyEx with the new key object, whose name
 * CmCallbackGetKeyObjectIDEx gives. */
TEST(create_key_notifications)
{
    RECORD r;
    HANDLE h = NULL;
    ULONG disp = 0;

    init_record(&r, 'A', NULL);
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    ok_status(create_key(&h, BASE, &disp), STATUS_SUCCESS);
    ok(disp == REG_CREATED_NEW_KEY, "disposition %lu", (unsigned long)disp);
    ok(r.classes[0] == RegNtPreCreateKeyEx, "class %d", r.classes[0]);
    ok(r.classes[1] == RegNtPostCreateKeyEx, "class %d", r.classes[1]);
    ok(r.create.Version == 1, "Version %lu", (unsigned long)r.create.Version);
    ok(r.create.Options == REG_OPTION_VOLATILE, "Options %#lx", (unsigned long)r.create.Options);
    ok(r.create.DesiredAccess == KEY_ALL_ACCESS, "DesiredAccess %#lx",
       (unsigned long)r.create.DesiredAccess);
    ok(r.post.Object != NULL && r.post.Status == STATUS_SUCCESS, "post object/status");
    ok(wcs_equal(r.key_name, BASE), "CmCallbackGetKeyObjectIDEx gave another name");
    ok(r.key_id != 0, "ObjectID 0");
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok(r.classes[r.count - 2] == RegNtPreKeyHandleClose, "close class %d", r.classes[r.count - 2]);
    ok(r.classes[r.count - 1] == RegNtPostKeyHandleClose, "close class %d", r.classes[r.count - 1]);
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
}

/* A failing pre-create blocks the open: the caller gets the status and no handle. */
TEST(blocked_open_returns_the_status)
{
    RECORD r;
    HANDLE h = NULL, h2 = (HANDLE)0x1234;
    UNICODE_STRING u = ustr(BASE);
    OBJECT_ATTRIBUTES oa;

    init_record(&r, 'A', NULL);
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    r.block_class = RegNtPreOpenKeyEx;
    r.pre_result = STATUS_ACCESS_DENIED;
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    InitializeObjectAttributes(&oa, &u, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenKey(&h2, KEY_READ, &oa), STATUS_ACCESS_DENIED);
    ok(h2 == (HANDLE)0x1234, "handle written");
    ok(r.count == 1, "%d notifications", r.count);
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* A post routine that returns STATUS_CALLBACK_BYPASS replaces the caller's status with the
 * ReturnStatus it wrote. */
TEST(post_bypass_substitutes_the_status)
{
    RECORD r;
    HANDLE h = NULL;
    ULONG v = 0;

    init_record(&r, 'A', NULL);
    r.post_class = RegNtPostQueryValueKey;
    r.post_substitute = STATUS_OBJECT_NAME_NOT_FOUND;
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(set_dword(h, L"Hidden", 7), STATUS_SUCCESS);
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    ok_status(query_dword(h, L"Hidden", &v), STATUS_OBJECT_NAME_NOT_FOUND);
    ok(r.post.Status == STATUS_SUCCESS, "the query itself succeeded");
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
    ok_status(query_dword(h, L"Hidden", &v), STATUS_SUCCESS);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

/* A context attached with CmSetCallbackObjectContext comes back as ObjectContext in later
 * notifications on that object and is cleaned up (RegNtCallbackObjectContextCleanup) when the
 * object closes. */
TEST(object_context_and_cleanup)
{
    RECORD r;
    HANDLE h = NULL;
    ULONG v = 0;

    init_record(&r, 'A', NULL);
    r.attach_context = TRUE;
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(set_dword(h, L"Ctx", 1), STATUS_SUCCESS);
    ok(r.object_context == &r, "ObjectContext %p", r.object_context);
    ok_status(query_dword(h, L"Ctx", &v), STATUS_SUCCESS);
    ok(r.id_name_ok, "CmCallbackGetKeyObjectID: the name or ID differs from the Ex form's");
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok(r.cleanup_context == NULL, "cleaned up before the close");
    ok_status(ZwClose(h), STATUS_SUCCESS);
    ok(r.cleanup_context == &r, "cleanup context %p", r.cleanup_context);
    ok(r.classes[r.count - 1] == RegNtCallbackObjectContextCleanup, "last class %d",
       r.classes[r.count - 1]);
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
}

/* Unregistering cleans up the contexts the routine attached to objects still open. */
TEST(unregister_cleans_up_contexts)
{
    RECORD r;
    HANDLE h = NULL;

    init_record(&r, 'A', NULL);
    r.attach_context = TRUE;
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    ok_status(create_key(&h, BASE, NULL), STATUS_SUCCESS);
    ok_status(CmUnRegisterCallback(r.cookie), STATUS_SUCCESS);
    ok(r.cleanup_context == &r, "cleanup context %p", r.cleanup_context);
    ok_status(ZwDeleteKey(h), STATUS_SUCCESS);
    ok_status(ZwClose(h), STATUS_SUCCESS);
}

typedef struct {
    HANDLE key;
    LARGE_INTEGER cookie;
    KEVENT done;
} WORK;

static VOID SetValueThread(PVOID Context)
{
    WORK *w = Context;
    ok_status(set_dword(w->key, L"Slow", 1), STATUS_SUCCESS);
}

static VOID UnregisterThread(PVOID Context)
{
    WORK *w = Context;
    ok_status(CmUnRegisterCallback(w->cookie), STATUS_SUCCESS);
    KeSetEvent(&w->done, 0, FALSE);
}

/* CmUnRegisterCallback returns only when the routine's calls in progress are over. */
TEST(unregister_waits_for_calls_in_progress)
{
    RECORD r;
    KEVENT entered, release;
    WORK w;
    PKTHREAD setter, unreg;
    LARGE_INTEGER timeout = {.QuadPart = -10000LL * 100};

    init_record(&r, 'A', NULL);
    KeInitializeEvent(&entered, NotificationEvent, FALSE);
    KeInitializeEvent(&release, NotificationEvent, FALSE);
    KeInitializeEvent(&w.done, NotificationEvent, FALSE);
    r.entered = &entered;
    r.release = &release;
    ok_status(create_key(&w.key, BASE, NULL), STATUS_SUCCESS);
    ok_status(register_at(&r, L"320000"), STATUS_SUCCESS);
    w.cookie = r.cookie;
    setter = start_thread(SetValueThread, &w);
    ok_status(KeWaitForSingleObject(&entered, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    unreg = start_thread(UnregisterThread, &w);
    ok_status(KeWaitForSingleObject(&w.done, Executive, KernelMode, FALSE, &timeout),
              STATUS_TIMEOUT);
    KeSetEvent(&release, 0, FALSE);
    ok_status(KeWaitForSingleObject(&w.done, Executive, KernelMode, FALSE, NULL), STATUS_SUCCESS);
    join_thread(setter);
    join_thread(unreg);
    ok(r.classes[r.count - 1] == RegNtPostSetValueKey, "the post-notification was not sent");
    ok_status(ZwDeleteKey(w.key), STATUS_SUCCESS);
    ok_status(ZwClose(w.key), STATUS_SUCCESS);
}

TEST(version_and_bad_arguments)
{
    ULONG major = 0, minor = 0;
    LARGE_INTEGER cookie = {.QuadPart = 12345};
    RECORD r;
    UNICODE_STRING bad = ustr(L"12a");

    CmGetCallbackVersion(&major, &minor);
    ok(major == 1 && minor == 2, "version %lu.%lu", (unsigned long)major, (unsigned long)minor);
    ok_status(CmUnRegisterCallback(cookie), STATUS_INVALID_PARAMETER);
    init_record(&r, 'A', NULL);
    ok_status(CmRegisterCallbackEx(Callback, &bad, NULL, &r, &r.cookie, NULL),
              STATUS_INVALID_PARAMETER);
    ok_status(CmRegisterCallbackEx(NULL, &bad, NULL, &r, &r.cookie, NULL),
              STATUS_INVALID_PARAMETER);
}
