/*
 * excallback.c - callback objects (ExCreateCallback, ExRegisterCallback, ExUnregisterCallback,
 * ExNotifyCallback). They are executive routines, but a callback object is a named object of
 * the object manager (\Callback\...), so they live in this layer.
 *
 * A callback object holds its registrations in registration order. ExNotifyCallback calls them
 * in that order at the caller's IRQL without holding the object's lock while a routine runs;
 * each registration counts the notifications running it (`busy`), and ExUnregisterCallback
 * waits until that count is 0 before it frees the registration (so a routine is never called
 * after ExUnregisterCallback returned). A routine must not unregister itself (it would wait for
 * itself, as on Windows).
 *
 * Lifetime: ExCreateCallback returns a referenced object; each registration holds a reference
 * too; the object and its name go at the last ObDereferenceObject. The system callback objects
 * (\Callback\PowerState, \Callback\SetSystemTime, \Callback\ProcessorAdd) are created at the
 * first ExCreateCallback and held by the runtime until ob_shutdown.
 *
 * Deviations (docs/compatibility.md): OBJ_PERMANENT is accepted but does not keep a driver's
 * object alive after its last reference; drvhost never notifies the system objects.
 *
 * Locking: cb_lock serialises creation (lookup, create, name) and guards every object's
 * registration list and the `busy` counts; cb_idle is broadcast when a `busy` count drops.
 */
#include "ob/ob_private.h"
#include "rtl/rtl.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "vf/vf.h"

#define CB_TAG 'bCbO'

struct ob_callback {
    LIST_ENTRY regs; /* struct cb_registration, registration order */
    ULONG count;
    BOOLEAN allow_multiple;
};

struct cb_registration {
    LIST_ENTRY link;
    struct ob_callback *object;
    PCALLBACK_FUNCTION function;
    PVOID context;
    ULONG busy;           /* notifications running the routine */
    BOOLEAN unregistered; /* ExUnregisterCallback began: no new calls */
    uint32_t magic;
};
#define CB_REG_MAGIC 0x52624343u /* "CCbR" */

static void cb_close(void *body);
static struct ob_type ob_type_callback = {"Callback", cb_close};
static os_mutex cb_lock = OS_MUTEX_INIT;
static os_cond cb_idle;
static BOOLEAN cb_started;

static const char *const cb_system_names[] = {"\\Callback\\PowerState", "\\Callback\\SetSystemTime",
                                              "\\Callback\\ProcessorAdd"};
#define CB_SYSTEM_COUNT (sizeof(cb_system_names) / sizeof(cb_system_names[0]))
static struct ob_callback *cb_system[CB_SYSTEM_COUNT];

static void cb_close(void *body)
{
    ob_name_remove(body);
}

static struct ob_callback *cb_checked(PVOID object, const char *ddi)
{
    if (object == NULL || ob_type_of(object) != &ob_type_callback)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_NOT_AN_OBJECT,
                        (ULONG_PTR)object, 0, 0, "%s: %p is not a callback object", ddi, object);
    return object;
}

/* Under cb_lock: a new named callback object with one reference. */
static NTSTATUS cb_create_locked(PCUNICODE_STRING name, BOOLEAN allow_multiple,
                                 struct ob_callback **out)
{
    struct ob_callback *cb = ob_create(&ob_type_callback, sizeof(*cb));
    if (cb == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    InitializeListHead(&cb->regs);
    cb->allow_multiple = allow_multiple;
    NTSTATUS status = ob_name_insert(cb, name);
    if (!NT_SUCCESS(status)) {
        ob_dereference(cb);
        return status;
    }
    *out = cb;
    return STATUS_SUCCESS;
}

/* Under cb_lock, once: the callback objects the system provides (the runtime holds them). */
static void cb_start_locked(void)
{
    if (cb_started)
        return;
    cb_started = TRUE;
    os_cond_init(&cb_idle);
    for (size_t i = 0; i < CB_SYSTEM_COUNT; i++) {
        UNICODE_STRING name;
        if (!NT_SUCCESS(ob_string_from_utf8(&name, cb_system_names[i])))
            continue;
        if (!NT_SUCCESS(cb_create_locked(&name, TRUE, &cb_system[i])))
            cb_system[i] = NULL;
        ob_string_free(&name);
    }
}

void ob_callback_shutdown(void)
{
    os_mutex_lock(&cb_lock);
    for (size_t i = 0; i < CB_SYSTEM_COUNT; i++) {
        if (cb_system[i] != NULL)
            ob_dereference(cb_system[i]);
        cb_system[i] = NULL;
    }
    if (cb_started)
        os_cond_destroy(&cb_idle);
    cb_started = FALSE;
    os_mutex_unlock(&cb_lock);
}

/* Under cb_lock: opens an existing object by name (referenced). */
static NTSTATUS cb_open_locked(PCUNICODE_STRING name, struct ob_callback **out)
{
    void *body;
    UNICODE_STRING rest;
    NTSTATUS status = ob_lookup(name, &body, &rest);
    if (!NT_SUCCESS(status))
        return status;
    if (rest.Length != 0 || ob_type_of(body) != &ob_type_callback) {
        ob_dereference(body);
        return rest.Length != 0 ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_OBJECT_TYPE_MISMATCH;
    }
    *out = body;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI ExCreateCallback(PCALLBACK_OBJECT *CallbackObject,
                                POBJECT_ATTRIBUTES ObjectAttributes, BOOLEAN Create,
                                BOOLEAN AllowMultipleCallbacks)
{
    vf_check_irql_at_most(APC_LEVEL, "ExCreateCallback", CallbackObject,
                          __builtin_return_address(0));
    /* Unnamed callback objects are not permitted: STATUS_UNSUCCESSFUL (the page). */
    if (ObjectAttributes == NULL || ObjectAttributes->ObjectName == NULL ||
        ObjectAttributes->ObjectName->Length == 0)
        return STATUS_UNSUCCESSFUL;
    struct ob_callback *cb = NULL;
    os_mutex_lock(&cb_lock);
    cb_start_locked();
    NTSTATUS status = cb_open_locked(ObjectAttributes->ObjectName, &cb);
    if (status == STATUS_OBJECT_NAME_NOT_FOUND && Create)
        status = cb_create_locked(ObjectAttributes->ObjectName, AllowMultipleCallbacks, &cb);
    os_mutex_unlock(&cb_lock);
    if (NT_SUCCESS(status))
        *CallbackObject = (PCALLBACK_OBJECT)cb;
    return status;
}

PVOID NTAPI ExRegisterCallback(PCALLBACK_OBJECT CallbackObject, PCALLBACK_FUNCTION CallbackFunction,
                               PVOID CallbackContext)
{
    vf_check_irql_at_most(APC_LEVEL, "ExRegisterCallback", CallbackObject,
                          __builtin_return_address(0));
    struct ob_callback *cb = cb_checked(CallbackObject, "ExRegisterCallback");
    struct cb_registration *r = ex_alloc(sizeof(*r), CB_TAG);
    if (r == NULL)
        return NULL;
    r->object = cb;
    r->function = CallbackFunction;
    r->context = CallbackContext;
    r->magic = CB_REG_MAGIC;
    os_mutex_lock(&cb_lock);
    /* One routine only unless the creator allowed more: NULL (the page). */
    if (!cb->allow_multiple && cb->count != 0) {
        os_mutex_unlock(&cb_lock);
        ex_free(r);
        return NULL;
    }
    ob_reference(cb);
    InsertTailList(&cb->regs, &r->link);
    cb->count++;
    os_mutex_unlock(&cb_lock);
    return r;
}

VOID NTAPI ExUnregisterCallback(PVOID CbRegistration)
{
    vf_check_irql_at_most(APC_LEVEL, "ExUnregisterCallback", CbRegistration,
                          __builtin_return_address(0));
    struct cb_registration *r = CbRegistration;
    if (r == NULL || r->magic != CB_REG_MAGIC || r->unregistered)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_NOT_AN_OBJECT,
                        (ULONG_PTR)CbRegistration, 0, 0,
                        "ExUnregisterCallback: %p is not a callback registration", CbRegistration);
    struct ob_callback *cb = r->object;
    os_mutex_lock(&cb_lock);
    r->unregistered = TRUE;
    while (r->busy != 0)
        os_cond_wait(&cb_idle, &cb_lock);
    RemoveEntryList(&r->link);
    cb->count--;
    os_mutex_unlock(&cb_lock);
    r->magic = 0;
    ex_free(r);
    ob_dereference(cb);
}

VOID NTAPI ExNotifyCallback(PVOID CallbackObject, PVOID Argument1, PVOID Argument2)
{
    vf_check_irql_at_most(DISPATCH_LEVEL, "ExNotifyCallback", CallbackObject,
                          __builtin_return_address(0));
    struct ob_callback *cb = cb_checked(CallbackObject, "ExNotifyCallback");
    os_mutex_lock(&cb_lock);
    /* A registration stays linked while busy, so its Flink is valid after the call. */
    for (PLIST_ENTRY e = cb->regs.Flink; e != &cb->regs; e = e->Flink) {
        struct cb_registration *r = CONTAINING_RECORD(e, struct cb_registration, link);
        if (r->unregistered)
            continue;
        r->busy++;
        os_mutex_unlock(&cb_lock);
        r->function(r->context, Argument1, Argument2);
        os_mutex_lock(&cb_lock);
        if (--r->busy == 0 && r->unregistered)
            os_cond_broadcast(&cb_idle);
    }
    os_mutex_unlock(&cb_lock);
}
