/*
 * handle.c - the kernel handle table (ZwClose, ObReferenceObjectByHandle).
 *
 * Kernel handles on Windows have the high bit set; drvhost's are (index + 1) * 4 with bit 31
 * set and sign-extended, so they look like kernel handles to a driver that checks. Each entry
 * holds one reference on its object.
 */
#include "ob/ob_private.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "vf/vf.h"

#include <string.h>

#define OB_HANDLE_TAG  'dHbO'
#define OB_HANDLE_BIAS 0xFFFFFFFF80000000ull

struct ob_handle_entry {
    void *object;
    ACCESS_MASK access;
};

static os_mutex ht_lock = OS_MUTEX_INIT;
static struct ob_handle_entry *ht_entries;
static size_t ht_capacity;

static HANDLE ht_encode(size_t index)
{
    return (HANDLE)(uintptr_t)(OB_HANDLE_BIAS | ((index + 1) * 4));
}

static BOOLEAN ht_decode(HANDLE h, size_t *index)
{
    uint64_t v = (uint64_t)(uintptr_t)h;
    if ((v & OB_HANDLE_BIAS) != OB_HANDLE_BIAS || (v & 3) != 0)
        return FALSE;
    v &= ~OB_HANDLE_BIAS;
    if (v == 0)
        return FALSE;
    *index = (size_t)(v / 4 - 1);
    return TRUE;
}

static NTSTATUS ht_grow_locked(void)
{
    size_t cap = ht_capacity ? ht_capacity * 2 : 64;
    struct ob_handle_entry *n = ex_alloc(cap * sizeof(*n), OB_HANDLE_TAG);
    if (n == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (ht_entries != NULL) {
        memcpy(n, ht_entries, ht_capacity * sizeof(*n));
        ex_free(ht_entries);
    }
    ht_entries = n;
    ht_capacity = cap;
    return STATUS_SUCCESS;
}

NTSTATUS ob_handle_create(void *body, ACCESS_MASK access, HANDLE *handle)
{
    NTSTATUS status = STATUS_SUCCESS;
    struct ob_cb_call call;
    size_t i;
    ob_cb_handle_create(body, &access, &call);
    os_mutex_lock(&ht_lock);
    for (i = 0; i < ht_capacity && ht_entries[i].object != NULL; i++)
        ;
    if (i == ht_capacity)
        status = ht_grow_locked();
    if (NT_SUCCESS(status)) {
        ob_reference(body);
        ht_entries[i].object = body;
        ht_entries[i].access = access;
        *handle = ht_encode(i);
    }
    os_mutex_unlock(&ht_lock);
    ob_cb_handle_created(body, access, status, &call);
    return status;
}

/* ZwClose requires PASSIVE_LEVEL like the other Zw routines (DDI compliance rule IrqlZwPassive:
 * 0xC4/0x2001F, current IRQL). */
NTSTATUS NTAPI ZwClose(HANDLE Handle)
{
    size_t i;
    void *object = NULL;
    vf_check_zw_passive("ZwClose");
    os_mutex_lock(&ht_lock);
    if (ht_decode(Handle, &i) && i < ht_capacity) {
        object = ht_entries[i].object;
        ht_entries[i].object = NULL;
    }
    os_mutex_unlock(&ht_lock);
    if (object == NULL)
        return STATUS_INVALID_HANDLE;
    ob_dereference(object);
    return STATUS_SUCCESS;
}

/* UserMode callers get only what the handle was granted, as documented; KernelMode callers are
 * not access-checked. Deviation: generic rights are not mapped through an object type's
 * GenericMapping (drvhost's object types have none); a handle granted GENERIC_ALL or
 * MAXIMUM_ALLOWED grants everything, other generic bits only themselves. */
static BOOLEAN ob_access_granted(ACCESS_MASK granted, ACCESS_MASK desired)
{
    if (granted & (GENERIC_ALL | MAXIMUM_ALLOWED))
        return TRUE;
    return (desired & ~granted) == 0;
}

NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess,
                                         POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
                                         PVOID *Object,
                                         POBJECT_HANDLE_INFORMATION HandleInformation)
{
    NTSTATUS status = STATUS_INVALID_HANDLE;
    size_t i;
    os_mutex_lock(&ht_lock);
    if (ht_decode(Handle, &i) && i < ht_capacity && ht_entries[i].object != NULL) {
        struct ob_handle_entry *e = &ht_entries[i];
        if (ObjectType != NULL && (POBJECT_TYPE)ob_type_of(e->object) != ObjectType) {
            status = STATUS_OBJECT_TYPE_MISMATCH;
        } else if (AccessMode == UserMode && !ob_access_granted(e->access, DesiredAccess)) {
            status = STATUS_ACCESS_DENIED;
        } else {
            ob_reference(e->object);
            *Object = e->object;
            if (HandleInformation != NULL) {
                HandleInformation->GrantedAccess = e->access;
                HandleInformation->HandleAttributes = 0;
            }
            status = STATUS_SUCCESS;
        }
    }
    os_mutex_unlock(&ht_lock);
    return status;
}

NTSTATUS NTAPI ObReferenceObjectByHandleWithTag(HANDLE Handle, ACCESS_MASK DesiredAccess,
                                                POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode,
                                                ULONG Tag, PVOID *Object,
                                                POBJECT_HANDLE_INFORMATION HandleInformation)
{
    (void)Tag;
    return ObReferenceObjectByHandle(Handle, DesiredAccess, ObjectType, AccessMode, Object,
                                     HandleInformation);
}

/* Handles still open at shutdown are closed (their objects are then reported as leaks if
 * nothing else releases them). */
void ob_handle_shutdown(void)
{
    os_mutex_lock(&ht_lock);
    for (size_t i = 0; i < ht_capacity; i++) {
        void *object = ht_entries[i].object;
        ht_entries[i].object = NULL;
        if (object != NULL) {
            os_mutex_unlock(&ht_lock);
            ob_dereference(object);
            os_mutex_lock(&ht_lock);
        }
    }
    ex_free(ht_entries);
    ht_entries = NULL;
    ht_capacity = 0;
    os_mutex_unlock(&ht_lock);
}
