/*
 * obcallback.c - object-manager callbacks: ObRegisterCallbacks, ObUnRegisterCallbacks,
 * ObGetFilterVersion, and the calls made when a handle to a thread or process object is created
 * (ob_cb_handle_begin/ob_cb_handle_end, from ob_handle_create).
 *
 * When they fire (docs/notify.md): every handle drvhost creates is a kernel handle
 * (KernelHandle = 1), through ob_handle_create; the thread handles of PsCreateSystemThread are
 * the thread handles drivers get. drvhost never creates a process handle (one process, no
 * ZwOpenProcess) and has no desktop objects, so process and desktop registrations are accepted
 * but never called; nor is handle duplication modelled (no OB_OPERATION_HANDLE_DUPLICATE call).
 * A pre-operation routine may remove the documented modifiable rights from DesiredAccess
 * (never add any): the handle gets what is left.
 *
 * Deviation: Windows refuses the registration (STATUS_ACCESS_DENIED) when the routines are not
 * in an image linked with /INTEGRITYCHECK and signed; drvhost has no code integrity and accepts
 * it.
 *
 * Locking: ob_cb_lock guards the list and the in-flight count; routines run without it.
 * ObUnRegisterCallbacks waits until no handle notification is in progress.
 */
#include "ob/ob_private.h"

#include <stdlib.h>

#include "rtl/rtl.h"
#include "vf/vf.h"

#define OB_CB_MAX_OPS 8 /* operation registrations per registration we accept */

/* The rights a pre-operation routine may remove (OB_PRE_CREATE_HANDLE_INFORMATION). */
#define OB_CB_THREAD_MODIFIABLE  0x07B3u /* TERMINATE, SUSPEND_RESUME, SET_CONTEXT, ... */
#define OB_CB_PROCESS_MODIFIABLE 0x0BEBu /* TERMINATE, CREATE_THREAD, VM_OPERATION, ... */

struct ob_cb_reg {
    struct ob_cb_reg *next; /* highest altitude first */
    double altitude;
    PVOID context;
    USHORT n;
    OB_OPERATION_REGISTRATION ops[OB_CB_MAX_OPS];
};

static struct ob_type ob_type_desktop = {"Desktop", NULL};
static POBJECT_TYPE ob_desktop_type = (POBJECT_TYPE)&ob_type_desktop;
POBJECT_TYPE *ExDesktopObjectType = &ob_desktop_type;

static os_mutex ob_cb_lock = OS_MUTEX_INIT;
static os_cond ob_cb_idle;
static BOOLEAN ob_cb_idle_ready;
static struct ob_cb_reg *ob_cb_list;
static int ob_cb_inflight;
static int ob_cb_count; /* registrations: 0 skips everything in ob_handle_create */

NTKERNELAPI USHORT NTAPI ObGetFilterVersion(VOID)
{
    return OB_FLT_REGISTRATION_VERSION;
}

/* The decimal altitude ("320000", "1000.5"); FALSE if it is none. */
static BOOLEAN ob_cb_altitude(PCUNICODE_STRING s, double *out)
{
    double v = 0, scale = 0;
    USHORT i, n = s->Buffer ? s->Length / sizeof(WCHAR) : 0;

    for (i = 0; i < n; i++) {
        WCHAR c = s->Buffer[i];
        if (c == L'.' && scale == 0)
            scale = 1;
        else if (c >= L'0' && c <= L'9')
            v = scale != 0 ? v + (c - L'0') * (scale /= 10) : v * 10 + (c - L'0');
        else
            return FALSE;
    }
    *out = v;
    return n != 0;
}

static BOOLEAN ob_cb_op_valid(const OB_OPERATION_REGISTRATION *op)
{
    POBJECT_TYPE t = op->ObjectType ? *op->ObjectType : NULL;

    if (t != *PsThreadType && t != *PsProcessType && t != *ExDesktopObjectType)
        return FALSE;
    if (!op->Operations ||
        (op->Operations & ~(OB_OPERATION_HANDLE_CREATE | OB_OPERATION_HANDLE_DUPLICATE)))
        return FALSE;
    return op->PreOperation || op->PostOperation;
}

/* STATUS_INVALID_PARAMETER for what the documentation calls invalid, with a message. */
static NTSTATUS ob_cb_check(POB_CALLBACK_REGISTRATION r, PVOID *handle, double *altitude)
{
    const char *problem = NULL;
    USHORT i;

    if (!r || !handle)
        problem = "NULL registration or handle";
    else if (r->Version != OB_FLT_REGISTRATION_VERSION)
        problem = "Version is not OB_FLT_REGISTRATION_VERSION";
    else if (!r->OperationRegistrationCount || !r->OperationRegistration)
        problem = "no operation registration";
    else if (r->OperationRegistrationCount > OB_CB_MAX_OPS)
        problem = "more operation registrations than drvhost accepts (8)";
    else if (!ob_cb_altitude(&r->Altitude, altitude))
        problem = "the altitude is not a decimal number";
    for (i = 0; !problem && i < r->OperationRegistrationCount; i++)
        if (!ob_cb_op_valid(&r->OperationRegistration[i]))
            problem = "an operation registration has another object type than PsProcessType, "
                      "PsThreadType or ExDesktopObjectType, no or unknown operations, or no "
                      "routine";
    if (!problem)
        return STATUS_SUCCESS;
    rtl_diag(RTL_DIAG_ERROR, "ob", "ObRegisterCallbacks: %s", problem);
    return STATUS_INVALID_PARAMETER;
}

static NTSTATUS ob_cb_insert(struct ob_cb_reg *reg)
{
    struct ob_cb_reg **p;

    for (p = &ob_cb_list; *p; p = &(*p)->next)
        if ((*p)->altitude == reg->altitude)
            return STATUS_FLT_INSTANCE_ALTITUDE_COLLISION;
    for (p = &ob_cb_list; *p && (*p)->altitude > reg->altitude; p = &(*p)->next)
        ;
    reg->next = *p;
    *p = reg;
    __atomic_add_fetch(&ob_cb_count, 1, __ATOMIC_RELAXED);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI ObRegisterCallbacks(POB_CALLBACK_REGISTRATION CallbackRegistration,
                                               PVOID *RegistrationHandle)
{
    struct ob_cb_reg *reg;
    double altitude = 0;
    NTSTATUS status;

    vf_check_irql_at_most(PASSIVE_LEVEL, "ObRegisterCallbacks", NULL, __builtin_return_address(0));
    status = ob_cb_check(CallbackRegistration, RegistrationHandle, &altitude);
    if (!NT_SUCCESS(status))
        return status;
    reg = calloc(1, sizeof(*reg));
    if (!reg)
        return STATUS_INSUFFICIENT_RESOURCES;
    reg->altitude = altitude;
    reg->context = CallbackRegistration->RegistrationContext;
    reg->n = CallbackRegistration->OperationRegistrationCount;
    memcpy(reg->ops, CallbackRegistration->OperationRegistration, sizeof(reg->ops[0]) * reg->n);
    os_mutex_lock(&ob_cb_lock);
    if (!ob_cb_idle_ready) {
        os_cond_init(&ob_cb_idle);
        ob_cb_idle_ready = TRUE;
    }
    status = ob_cb_insert(reg);
    os_mutex_unlock(&ob_cb_lock);
    if (!NT_SUCCESS(status)) {
        free(reg);
        return status;
    }
    *RegistrationHandle = reg;
    return STATUS_SUCCESS;
}

/* An unknown handle is a driver bug Windows does not report; drvhost names it and ignores it. */
NTKERNELAPI VOID NTAPI ObUnRegisterCallbacks(PVOID RegistrationHandle)
{
    struct ob_cb_reg **p;

    vf_check_irql_at_most(PASSIVE_LEVEL, "ObUnRegisterCallbacks", NULL,
                          __builtin_return_address(0));
    os_mutex_lock(&ob_cb_lock);
    for (p = &ob_cb_list; *p && *p != RegistrationHandle; p = &(*p)->next)
        ;
    if (!*p) {
        os_mutex_unlock(&ob_cb_lock);
        rtl_diag(RTL_DIAG_ERROR, "ob", "ObUnRegisterCallbacks: %p is not a registration",
                 RegistrationHandle);
        return;
    }
    *p = (*p)->next;
    __atomic_sub_fetch(&ob_cb_count, 1, __ATOMIC_RELAXED);
    while (ob_cb_inflight)
        os_cond_wait(&ob_cb_idle, &ob_cb_lock);
    os_mutex_unlock(&ob_cb_lock);
    free(RegistrationHandle);
}

/* ---- handle creation -------------------------------------------------------------------- */

/* The registrations' operations that apply (in altitude order), snapshotted with the
 * in-flight count taken. Registrations do not go away while it is held. */
static int ob_cb_snapshot(POBJECT_TYPE type, const OB_OPERATION_REGISTRATION **ops, PVOID *ctx,
                          int max)
{
    struct ob_cb_reg *r;
    int n = 0, i;

    os_mutex_lock(&ob_cb_lock);
    for (r = ob_cb_list; r; r = r->next)
        for (i = 0; i < r->n && n < max; i++)
            if (*r->ops[i].ObjectType == type &&
                (r->ops[i].Operations & OB_OPERATION_HANDLE_CREATE)) {
                ops[n] = &r->ops[i];
                ctx[n++] = r->context;
            }
    if (n)
        ob_cb_inflight++;
    os_mutex_unlock(&ob_cb_lock);
    return n;
}

void ob_cb_handle_create(void *body, ACCESS_MASK *access, struct ob_cb_call *call)
{
    const struct ob_type *t = ob_type_of(body);
    OB_PRE_OPERATION_PARAMETERS params;
    OB_PRE_OPERATION_INFORMATION info;
    ACCESS_MASK modifiable;
    int i;

    call->n = 0;
    if (!__atomic_load_n(&ob_cb_count, __ATOMIC_RELAXED) ||
        (t != &ob_type_thread && t != &ob_type_process))
        return;
    call->type = (POBJECT_TYPE)t;
    call->n = ob_cb_snapshot(call->type, call->ops, call->ctx, OB_CB_CALL_MAX);
    modifiable = t == &ob_type_thread ? OB_CB_THREAD_MODIFIABLE : OB_CB_PROCESS_MODIFIABLE;
    for (i = 0; i < call->n; i++) {
        if (!call->ops[i]->PreOperation)
            continue;
        params.CreateHandleInformation = (OB_PRE_CREATE_HANDLE_INFORMATION){*access, *access};
        info = (OB_PRE_OPERATION_INFORMATION){
            OB_OPERATION_HANDLE_CREATE, {.Flags = 1}, body, call->type, NULL, &params};
        call->ops[i]->PreOperation(call->ctx[i], &info);
        call->call_ctx[i] = info.CallContext;
        /* Only the modifiable rights can go; nothing can be added. */
        *access &= params.CreateHandleInformation.DesiredAccess | ~modifiable;
    }
}

void ob_cb_handle_created(void *body, ACCESS_MASK granted, NTSTATUS status, struct ob_cb_call *call)
{
    OB_POST_OPERATION_PARAMETERS params;
    OB_POST_OPERATION_INFORMATION info;
    int i;

    if (!call->n)
        return;
    for (i = 0; i < call->n; i++) {
        if (!call->ops[i]->PostOperation)
            continue;
        params.CreateHandleInformation.GrantedAccess = NT_SUCCESS(status) ? granted : 0;
        info = (OB_POST_OPERATION_INFORMATION){
            OB_OPERATION_HANDLE_CREATE, {.Flags = 1}, body,   call->type,
            call->call_ctx[i],          status,       &params};
        call->ops[i]->PostOperation(call->ctx[i], &info);
    }
    os_mutex_lock(&ob_cb_lock);
    if (--ob_cb_inflight == 0)
        os_cond_broadcast(&ob_cb_idle);
    os_mutex_unlock(&ob_cb_lock);
}
