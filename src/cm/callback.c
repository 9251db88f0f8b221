/*
 * callback.c - registry filtering: CmRegisterCallback(Ex), CmUnRegisterCallback, the key-object
 * routines a RegistryCallback calls (CmCallbackGetKeyObjectID(Ex), CmSetCallbackObjectContext,
 * CmGetCallbackVersion), and the engine that sends pre- and post-notifications (cm_cb_pre,
 * cm_cb_post; the Zw routines that send them are in zw_notify.c).
 *
 * Order: the routines registered with CmRegisterCallback (no altitude) come first, in the order
 * they registered ("inserted near the top of the stack"); then the others from the highest
 * altitude to the lowest. A pre-notification goes down that list until a routine fails (the
 * operation is not done; nobody gets a post-notification; the caller gets that status) or
 * returns STATUS_CALLBACK_BYPASS (the operation is not done; the caller gets STATUS_SUCCESS;
 * the routines above it get their post-notification). Post-notifications go up the list from
 * the lowest routine that got the pre-notification (the stack unwinding, as a filter stack
 * completes); a post routine that returns STATUS_CALLBACK_BYPASS replaces the status the caller
 * gets with the ReturnStatus it wrote.
 *
 * Locking and lifetime: cm_cb_lock (a leaf mutex, never held while a routine runs) guards the
 * list, each registration's in-flight count and the object contexts. A notification snapshots
 * the list under the lock, taking an in-flight count on each registration it will call, and
 * drops each count when that routine is done with the operation (after its post-notification,
 * or when it was not called). CmUnRegisterCallback unlinks the registration, then waits until
 * its in-flight count is zero (cm_cb_idle), as Windows waits for the routine's calls in
 * progress, so the driver may unload after it returns. cm_cb_count is the number of
 * registrations: the Zw routines read it (relaxed) and skip everything here when it is zero.
 */
#include "cm/cm_zw.h"

#include <stdlib.h>

#include "ob/ob.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

/* Windows allows 100 registry callbacks (CmRegisterCallbackEx fails beyond); drvhost the same,
 * with STATUS_INSUFFICIENT_RESOURCES. It also sizes a notification's snapshot. */
#define CM_CB_MAX 100

struct cm_cb {
    struct cm_cb *next; /* the list, in calling order */
    PEX_CALLBACK_FUNCTION fn;
    PVOID context;
    LONGLONG cookie;
    BOOLEAN legacy;  /* CmRegisterCallback: no altitude, above the others */
    double altitude; /* CmRegisterCallbackEx's, parsed */
    LONG inflight;   /* notifications that will still call it (under cm_cb_lock) */
};

/* A context a routine attached to a key object (CmSetCallbackObjectContext). */
struct cm_cb_objctx {
    struct cm_cb_objctx *next;     /* the object's contexts */
    struct cm_cb_objctx *all_next; /* every context (for CmUnRegisterCallback) */
    struct cm_cb_objctx **all_prev;
    struct cm_key_object *object;
    struct cm_cb *cb;
    PVOID context;
};

static os_mutex cm_cb_lock = OS_MUTEX_INIT;
static os_cond cm_cb_idle; /* initialised by the first registration (under the lock) */
static BOOLEAN cm_cb_idle_ready;
static struct cm_cb *cm_cb_list;
static struct cm_cb_objctx *cm_cb_contexts;
static LONGLONG cm_cb_next_cookie = 0x100;
LONG cm_cb_count;

/* ---- registration ---------------------------------------------------------------------- */

/* An altitude is a decimal number, digits with at most one '.' ("320000", "385100.5"). The
 * documentation gives no status for a malformed one; drvhost refuses it with
 * STATUS_INVALID_PARAMETER and a message. */
static NTSTATUS cm_cb_parse_altitude(PCUNICODE_STRING s, double *out)
{
    double value = 0, scale = 0;
    USHORT i, n = s && s->Buffer ? s->Length / sizeof(WCHAR) : 0;

    for (i = 0; i < n; i++) {
        WCHAR c = s->Buffer[i];
        if (c == L'.' && scale == 0) {
            scale = 1;
        } else if (c >= L'0' && c <= L'9') {
            if (scale != 0)
                value += (c - L'0') * (scale /= 10);
            else
                value = value * 10 + (c - L'0');
        } else {
            break;
        }
    }
    if (n == 0 || i != n) {
        rtl_diag(RTL_DIAG_ERROR, "cm",
                 "CmRegisterCallbackEx: the altitude is not a decimal number (digits, at most "
                 "one '.')");
        return STATUS_INVALID_PARAMETER;
    }
    *out = value;
    return STATUS_SUCCESS;
}

/* TRUE if a goes before b in calling order. */
static BOOLEAN cm_cb_before(const struct cm_cb *a, const struct cm_cb *b)
{
    if (a->legacy != b->legacy)
        return a->legacy;
    if (a->legacy)
        return a->cookie < b->cookie;
    return a->altitude > b->altitude;
}

static NTSTATUS cm_cb_insert(struct cm_cb *cb)
{
    struct cm_cb **p;
    LONG n = 0;

    for (p = &cm_cb_list; *p; p = &(*p)->next, n++)
        if (!cb->legacy && !(*p)->legacy && (*p)->altitude == cb->altitude)
            return STATUS_FLT_INSTANCE_ALTITUDE_COLLISION;
    if (n >= CM_CB_MAX)
        return STATUS_INSUFFICIENT_RESOURCES;
    for (p = &cm_cb_list; *p && cm_cb_before(*p, cb); p = &(*p)->next)
        ;
    cb->cookie = cm_cb_next_cookie++;
    cb->next = *p;
    *p = cb;
    __atomic_store_n(&cm_cb_count, n + 1, __ATOMIC_RELAXED);
    return STATUS_SUCCESS;
}

static NTSTATUS cm_cb_register(PEX_CALLBACK_FUNCTION fn, PCUNICODE_STRING altitude, PVOID context,
                               PLARGE_INTEGER cookie)
{
    struct cm_cb *cb;
    NTSTATUS status;

    vf_check_irql_at_most(APC_LEVEL, "CmRegisterCallbackEx", NULL, __builtin_return_address(0));
    if (!fn || !cookie)
        return STATUS_INVALID_PARAMETER;
    cb = calloc(1, sizeof(*cb));
    if (!cb)
        return STATUS_INSUFFICIENT_RESOURCES;
    cb->fn = fn;
    cb->context = context;
    cb->legacy = altitude == NULL;
    status = altitude ? cm_cb_parse_altitude(altitude, &cb->altitude) : STATUS_SUCCESS;
    if (NT_SUCCESS(status)) {
        os_mutex_lock(&cm_cb_lock);
        if (!cm_cb_idle_ready) {
            os_cond_init(&cm_cb_idle);
            cm_cb_idle_ready = TRUE;
        }
        status = cm_cb_insert(cb);
        if (NT_SUCCESS(status))
            cookie->QuadPart = cb->cookie;
        os_mutex_unlock(&cm_cb_lock);
    }
    if (!NT_SUCCESS(status))
        free(cb);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI CmRegisterCallback(PEX_CALLBACK_FUNCTION Function, PVOID Context,
                                              PLARGE_INTEGER Cookie)
{
    return cm_cb_register(Function, NULL, Context, Cookie);
}

/* Driver and Reserved are not used: a driver's registrations are not tied to its unload (a
 * driver that unloads with one still registered is a bug on Windows too). */
NTKERNELAPI NTSTATUS NTAPI CmRegisterCallbackEx(PEX_CALLBACK_FUNCTION Function,
                                                PCUNICODE_STRING Altitude, PVOID Driver,
                                                PVOID Context, PLARGE_INTEGER Cookie,
                                                PVOID Reserved)
{
    (void)Driver;
    (void)Reserved;
    if (!Altitude)
        return STATUS_INVALID_PARAMETER;
    return cm_cb_register(Function, Altitude, Context, Cookie);
}

static struct cm_cb *cm_cb_find(LONGLONG cookie)
{
    struct cm_cb *cb;

    for (cb = cm_cb_list; cb && cb->cookie != cookie; cb = cb->next)
        ;
    return cb;
}

/* Sends RegNtCallbackObjectContextCleanup for one context (no lock held) and frees it. */
static void cm_cb_cleanup_context(struct cm_cb_objctx *c)
{
    REG_CALLBACK_CONTEXT_CLEANUP_INFORMATION info = {c->object, c->context, NULL};

    c->cb->fn(c->cb->context, (PVOID)(ULONG_PTR)RegNtCallbackObjectContextCleanup, &info);
    free(c);
}

/* Unlinks a context from both lists (cm_cb_lock held). */
static void cm_cb_unlink_context(struct cm_cb_objctx *c)
{
    struct cm_cb_objctx **p;

    for (p = &c->object->contexts; *p != c; p = &(*p)->next)
        ;
    *p = c->next;
    *c->all_prev = c->all_next;
    if (c->all_next)
        c->all_next->all_prev = c->all_prev;
}

/* The contexts cb attached, unlinked into a private list (cm_cb_lock held). */
static struct cm_cb_objctx *cm_cb_take_contexts(struct cm_cb *cb)
{
    struct cm_cb_objctx *c = cm_cb_contexts, *next, *taken = NULL;

    for (; c; c = next) {
        next = c->all_next;
        if (c->cb == cb) {
            cm_cb_unlink_context(c);
            c->next = taken;
            taken = c;
        }
    }
    return taken;
}

/* Unregistering waits for the routine's calls in progress, then sends the context cleanup of
 * each object it attached a context to, as Windows does. STATUS_INVALID_PARAMETER for a cookie
 * that is not registered. */
NTKERNELAPI NTSTATUS NTAPI CmUnRegisterCallback(LARGE_INTEGER Cookie)
{
    struct cm_cb *cb, **p;
    struct cm_cb_objctx *taken, *next;

    vf_check_irql_at_most(APC_LEVEL, "CmUnRegisterCallback", NULL, __builtin_return_address(0));
    os_mutex_lock(&cm_cb_lock);
    cb = cm_cb_find(Cookie.QuadPart);
    if (!cb) {
        os_mutex_unlock(&cm_cb_lock);
        return STATUS_INVALID_PARAMETER;
    }
    for (p = &cm_cb_list; *p != cb; p = &(*p)->next)
        ;
    *p = cb->next;
    __atomic_sub_fetch(&cm_cb_count, 1, __ATOMIC_RELAXED);
    while (cb->inflight)
        os_cond_wait(&cm_cb_idle, &cm_cb_lock);
    taken = cm_cb_take_contexts(cb);
    os_mutex_unlock(&cm_cb_lock);
    for (; taken; taken = next) {
        next = taken->next;
        cm_cb_cleanup_context(taken);
    }
    free(cb);
    return STATUS_SUCCESS;
}

/* Windows 8 and later report 1.2 (1.0 on Vista, 1.1 on Windows 7). */
NTKERNELAPI VOID NTAPI CmGetCallbackVersion(PULONG Major, PULONG Minor)
{
    if (Major)
        *Major = 1;
    if (Minor)
        *Minor = 2;
}

/* ---- object contexts -------------------------------------------------------------------- */

static struct cm_cb_objctx *cm_cb_context_of(struct cm_key_object *o, struct cm_cb *cb)
{
    struct cm_cb_objctx *c;

    for (c = o ? o->contexts : NULL; c && c->cb != cb; c = c->next)
        ;
    return c;
}

NTKERNELAPI NTSTATUS NTAPI CmSetCallbackObjectContext(PVOID Object, PLARGE_INTEGER Cookie,
                                                      PVOID NewContext, PVOID *OldContext)
{
    struct cm_key_object *o = Object;
    struct cm_cb_objctx *c, *fresh = calloc(1, sizeof(*fresh));
    struct cm_cb *cb;
    NTSTATUS status = STATUS_SUCCESS;

    if (!fresh)
        return STATUS_INSUFFICIENT_RESOURCES;
    os_mutex_lock(&cm_cb_lock);
    cb = Cookie && o ? cm_cb_find(Cookie->QuadPart) : NULL;
    c = cm_cb_context_of(o, cb);
    if (!cb) {
        status = STATUS_INVALID_PARAMETER;
    } else if (c) {
        if (OldContext)
            *OldContext = c->context;
        c->context = NewContext;
    } else {
        if (OldContext)
            *OldContext = NULL;
        *fresh =
            (struct cm_cb_objctx){o->contexts, cm_cb_contexts, &cm_cb_contexts, o, cb, NewContext};
        if (cm_cb_contexts)
            cm_cb_contexts->all_prev = &fresh->all_next;
        cm_cb_contexts = fresh;
        o->contexts = fresh;
        fresh = NULL;
    }
    os_mutex_unlock(&cm_cb_lock);
    free(fresh);
    return status;
}

/* The key object is going away (its close routine): every context attached to it is cleaned
 * up. Called with no lock held; the object has no handle left, so nobody attaches more. */
void cm_cb_object_gone(struct cm_key_object *o)
{
    struct cm_cb_objctx *c, *next;

    os_mutex_lock(&cm_cb_lock);
    c = o->contexts;
    for (next = c; next; next = next->next) {
        *next->all_prev = next->all_next;
        if (next->all_next)
            next->all_next->all_prev = next->all_prev;
    }
    o->contexts = NULL;
    os_mutex_unlock(&cm_cb_lock);
    for (; c; c = next) {
        next = c->next;
        cm_cb_cleanup_context(c);
    }
    free(o->name.Buffer);
    o->name.Buffer = NULL;
}

/* ---- key object identity ---------------------------------------------------------------- */

/* The key's full name as a UNICODE_STRING whose Buffer is malloc'ed. */
static NTSTATUS cm_cb_key_name(struct cm_key *key, UNICODE_STRING *out)
{
    size_t len = 0;
    WCHAR *buf;
    NTSTATUS status = cm_key_name(key, TRUE, NULL, 0, &len);

    if (!NT_SUCCESS(status) && status != STATUS_BUFFER_OVERFLOW)
        return status;
    if (len * sizeof(WCHAR) > MAXUSHORT)
        return STATUS_NAME_TOO_LONG;
    buf = malloc((len + 1) * sizeof(WCHAR));
    if (!buf)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = cm_key_name(key, TRUE, buf, len, &len);
    if (!NT_SUCCESS(status)) {
        free(buf);
        return status;
    }
    buf[len] = 0;
    out->Buffer = buf;
    out->Length = (USHORT)(len * sizeof(WCHAR));
    out->MaximumLength = (USHORT)((len + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* ObjectID is the same for every object of one key (the key itself), as Windows gives the
 * key's control block. The name is kept in the object until it closes. */
NTKERNELAPI NTSTATUS NTAPI CmCallbackGetKeyObjectID(PLARGE_INTEGER Cookie, PVOID Object,
                                                    PULONG_PTR ObjectID,
                                                    PCUNICODE_STRING *ObjectName)
{
    struct cm_key_object *o = Object;
    UNICODE_STRING name = {0};
    NTSTATUS status = STATUS_SUCCESS;

    if (!Cookie || !o || (!ObjectID && !ObjectName))
        return STATUS_INVALID_PARAMETER;
    if (ObjectID)
        *ObjectID = (ULONG_PTR)o->key;
    if (!ObjectName)
        return STATUS_SUCCESS;
    os_mutex_lock(&cm_cb_lock);
    if (!o->name.Buffer) {
        status = cm_cb_key_name(o->key, &name);
        if (NT_SUCCESS(status))
            o->name = name;
    }
    *ObjectName = &o->name;
    os_mutex_unlock(&cm_cb_lock);
    return status;
}

/* Flags must be 0. The name is the caller's until CmCallbackReleaseKeyObjectIDEx. */
NTKERNELAPI NTSTATUS NTAPI CmCallbackGetKeyObjectIDEx(PLARGE_INTEGER Cookie, PVOID Object,
                                                      PULONG_PTR ObjectID,
                                                      PCUNICODE_STRING *ObjectName, ULONG Flags)
{
    struct cm_key_object *o = Object;
    UNICODE_STRING *name;
    NTSTATUS status;

    if (!Cookie || !o || Flags || (!ObjectID && !ObjectName))
        return STATUS_INVALID_PARAMETER;
    if (ObjectID)
        *ObjectID = (ULONG_PTR)o->key;
    if (!ObjectName)
        return STATUS_SUCCESS;
    name = calloc(1, sizeof(*name));
    if (!name)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = cm_cb_key_name(o->key, name);
    if (!NT_SUCCESS(status)) {
        free(name);
        return status;
    }
    *ObjectName = name;
    return STATUS_SUCCESS;
}

NTKERNELAPI VOID NTAPI CmCallbackReleaseKeyObjectIDEx(PCUNICODE_STRING ObjectName)
{
    if (ObjectName)
        free(ObjectName->Buffer);
    free((void *)ObjectName);
}

/* ---- notifications ---------------------------------------------------------------------- */

/* Drops the in-flight count of call->cbs[from..to). */
static void cm_cb_release(struct cm_cb_call *call, int from, int to)
{
    int i;

    if (from >= to)
        return;
    os_mutex_lock(&cm_cb_lock);
    for (i = from; i < to; i++)
        if (--call->cbs[i]->inflight == 0)
            os_cond_broadcast(&cm_cb_idle);
    os_mutex_unlock(&cm_cb_lock);
}

/* Snapshots the list (in-flight counts taken) and the object contexts of its routines. */
static void cm_cb_snapshot(struct cm_cb_call *call, struct cm_key_object *o)
{
    struct cm_cb *cb;
    struct cm_cb_objctx *c;

    os_mutex_lock(&cm_cb_lock);
    for (cb = cm_cb_list; cb && call->n < CM_CB_MAX; cb = cb->next) {
        cb->inflight++;
        c = cm_cb_context_of(o, cb);
        call->obj_ctx[call->n] = c ? c->context : NULL;
        call->cbs[call->n++] = cb;
    }
    os_mutex_unlock(&cm_cb_lock);
}

NTSTATUS cm_cb_pre(struct cm_cb_call *call, REG_NOTIFY_CLASS cls, void *info, PVOID *call_ctx,
                   PVOID *obj_ctx, struct cm_key_object *object)
{
    NTSTATUS status = STATUS_SUCCESS;
    int i;

    call->n = 0;
    call->called = 0;
    cm_cb_snapshot(call, object);
    for (i = 0; i < call->n; i++) {
        *call_ctx = NULL;
        if (obj_ctx)
            *obj_ctx = call->obj_ctx[i];
        status = call->cbs[i]->fn(call->cbs[i]->context, (PVOID)(ULONG_PTR)cls, info);
        call->call_ctx[i] = *call_ctx;
        if (!NT_SUCCESS(status) || status == STATUS_CALLBACK_BYPASS)
            break;
        status = STATUS_SUCCESS;
    }
    /* Who gets a post-notification: everyone above a bypassing routine, nobody if one failed. */
    call->called = status == STATUS_CALLBACK_BYPASS ? i : NT_SUCCESS(status) ? call->n : 0;
    cm_cb_release(call, call->called, call->n);
    return status;
}

NTSTATUS cm_cb_post(struct cm_cb_call *call, REG_NOTIFY_CLASS cls, struct cm_key_object *object,
                    void *pre_info, NTSTATUS status)
{
    REG_POST_OPERATION_INFORMATION post;
    int i;

    for (i = call->called - 1; i >= 0; i--) {
        post = (REG_POST_OPERATION_INFORMATION){
            object, status, pre_info, status, call->call_ctx[i], call->obj_ctx[i], NULL};
        if (call->cbs[i]->fn(call->cbs[i]->context, (PVOID)(ULONG_PTR)cls, &post) ==
            STATUS_CALLBACK_BYPASS)
            status = post.ReturnStatus;
    }
    cm_cb_release(call, 0, call->called);
    call->called = 0;
    return status;
}
