/*
 * keyobj.c - registry keys as kernel objects: the "Key" object type (CmKeyObjectType), key
 * handles, and the checks every registry DDI starts with.
 *
 * Lifetime: a handle holds an ob reference on a struct cm_key_object, which holds one cm_key
 * reference. ZwClose of the last handle (or ob's shutdown closing leaked handles) destroys the
 * object, whose close routine releases the key; a key deleted meanwhile is freed then.
 */
#include "cm/cm_zw.h"

#include "ke/ke.h"
#include "ob/ob.h"
#include "vf/vf.h"

static void cm_key_object_close(void *body)
{
    struct cm_key_object *o = body;

    if (o->key)
        cm_cb_key_closing(o);
    cm_key_release(o->key);
    o->key = NULL;
}

static struct ob_type cm_key_ob_type = {"Key", cm_key_object_close};
static POBJECT_TYPE cm_key_type = (POBJECT_TYPE)&cm_key_ob_type;
POBJECT_TYPE *CmKeyObjectType = &cm_key_type;

NTSTATUS cm_handle_create(struct cm_key *key, ACCESS_MASK access, HANDLE *handle)
{
    struct cm_key_object *o = ob_create(&cm_key_ob_type, sizeof(*o));
    NTSTATUS status;

    if (!o)
        return STATUS_INSUFFICIENT_RESOURCES;
    o->key = key;
    status = ob_handle_create(o, access, handle);
    if (!NT_SUCCESS(status))
        o->key = NULL; /* the caller keeps its reference */
    ob_dereference(o); /* the handle holds the object now (or nothing does) */
    return status;
}

NTSTATUS cm_handle_key(HANDLE handle, struct cm_key **key)
{
    struct cm_key_object *o;
    NTSTATUS status;

    status = ObReferenceObjectByHandle(handle, 0, *CmKeyObjectType, KernelMode, (PVOID *)&o, NULL);
    if (!NT_SUCCESS(status))
        return status;
    cm_key_reference(o->key);
    *key = o->key;
    ob_dereference(o);
    return STATUS_SUCCESS;
}

void cm_irql_check(const char *ddi)
{
    vf_check_zw_passive(ddi);
}

NTSTATUS cm_ustr(PCUNICODE_STRING s, const WCHAR **buf, size_t *chars)
{
    if (!s || (s->Length & 1) || (!s->Buffer && s->Length))
        return STATUS_INVALID_PARAMETER;
    *buf = s->Buffer;
    *chars = s->Length / sizeof(WCHAR);
    return STATUS_SUCCESS;
}

size_t cm_wcslen(const WCHAR *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}
