/*
 * zw_notify.c - the Zw registry DDIs as drivers call them: with no RegistryCallback registered
 * (cm_cb_active() FALSE, one relaxed load) each is its cm_zw_* body in zw.c; with one, the
 * operation runs between the pre-notification and the post-notification of callback.c, as
 * Windows runs it (docs/registry.md, "Registry callbacks"):
 *
 *   ZwCreateKey     RegNtPreCreateKeyEx / RegNtPostCreateKeyEx (REG_CREATE_KEY_INFORMATION_V1)
 *   ZwOpenKey(Ex)   RegNtPreOpenKeyEx / RegNtPostOpenKeyEx (the same structure)
 *   ZwDeleteKey     RegNtPreDeleteKey / RegNtPostDeleteKey
 *   ZwFlushKey      RegNtPreFlushKey / RegNtPostFlushKey
 *   ZwQueryKey, ZwEnumerateKey, ZwSetValueKey, ZwQueryValueKey, ZwEnumerateValueKey,
 *   ZwDeleteValueKey: their RegNtPre and RegNtPost classes
 *   closing a key object (keyobj.c): RegNtPreKeyHandleClose / RegNtPostKeyHandleClose
 *
 * A handle that is not a key handle is refused by the operation itself, before any
 * notification, as on Windows (where the handle is resolved first).
 */
#include "cm/cm_zw.h"

#include "ob/ob.h"

/* The key object behind a handle, referenced (ob_dereference it); NULL if it is none. */
static struct cm_key_object *cm_cb_object(HANDLE handle)
{
    PVOID o = NULL;

    if (!handle ||
        !NT_SUCCESS(ObReferenceObjectByHandle(handle, 0, *CmKeyObjectType, KernelMode, &o, NULL)))
        return NULL;
    return o;
}

/* The operation on an open key, called with its handle and the pre-notification's structure
 * (so that it uses the arguments as the routines saw them). */
typedef NTSTATUS cm_cb_op(HANDLE handle, void *info);

/* Pre-notification, operation (unless blocked or bypassed), post-notification. */
static NTSTATUS cm_cb_run(HANDLE handle, struct cm_key_object *o, REG_NOTIFY_CLASS pre,
                          REG_NOTIFY_CLASS post, void *info, PVOID *call_ctx, PVOID *obj_ctx,
                          cm_cb_op *op)
{
    struct cm_cb_call call;
    NTSTATUS status = cm_cb_pre(&call, pre, info, call_ctx, obj_ctx, o);

    if (status == STATUS_CALLBACK_BYPASS)
        status = cm_cb_post(&call, post, o, info, STATUS_SUCCESS);
    else if (NT_SUCCESS(status))
        status = cm_cb_post(&call, post, o, info, op(handle, info));
    ob_dereference(o);
    return status;
}

/* ---- create and open -------------------------------------------------------------------- */

struct cm_cb_open {
    POBJECT_ATTRIBUTES oa;
    ULONG title_index;
    BOOLEAN create, ex;
};

static NTSTATUS cm_cb_do_open(PHANDLE handle, REG_CREATE_KEY_INFORMATION_V1 *info,
                              const struct cm_cb_open *how)
{
    if (how->create)
        return cm_zw_create_key(handle, info->DesiredAccess, how->oa, how->title_index, info->Class,
                                info->Options, info->Disposition);
    if (how->ex)
        return cm_zw_open_key_ex(handle, info->DesiredAccess, how->oa, info->Options);
    return cm_zw_open_key(handle, info->DesiredAccess, how->oa);
}

/* A routine that bypassed the create or open supplies the key object (ResultObject), the
 * granted access and the disposition: the caller's handle is made for that object. */
static NTSTATUS cm_cb_bypassed_open(PHANDLE handle, REG_CREATE_KEY_INFORMATION_V1 *info,
                                    PULONG disposition, ULONG disp)
{
    if (!*info->ResultObject)
        return STATUS_INVALID_PARAMETER;
    if (disposition)
        *disposition = disp;
    return ob_handle_create(*info->ResultObject, info->GrantedAccess, handle);
}

static NTSTATUS cm_cb_open_key(PHANDLE handle, ACCESS_MASK access, const struct cm_cb_open *how,
                               PUNICODE_STRING cls, ULONG options, PULONG disposition)
{
    POBJECT_ATTRIBUTES oa = how->oa;
    struct cm_key_object *root = NULL, *result_o;
    PVOID result = NULL;
    ULONG disp = 0;
    REG_CREATE_KEY_INFORMATION_V1 info = {0};
    struct cm_cb_call call;
    NTSTATUS status;

    if (!handle || !oa || oa->Length != sizeof(*oa) ||
        (oa->RootDirectory && !(root = cm_cb_object(oa->RootDirectory))))
        return cm_cb_do_open(handle,
                             &(REG_CREATE_KEY_INFORMATION_V1){.DesiredAccess = access,
                                                              .Class = cls,
                                                              .Options = options,
                                                              .Disposition = disposition},
                             how);
    info.CompleteName = oa->ObjectName;
    info.RootObject = root;
    info.Options = options;
    info.Class = cls;
    info.SecurityDescriptor = oa->SecurityDescriptor;
    info.SecurityQualityOfService = oa->SecurityQualityOfService;
    info.DesiredAccess = access;
    info.Disposition = &disp;
    info.ResultObject = &result;
    info.Version = 1;
    info.RemainingName = oa->ObjectName;
    info.Wow64Flags = access & KEY_WOW64_RES;
    info.Attributes = oa->Attributes;
    info.CheckAccessMode = KernelMode;
    status = cm_cb_pre(&call, how->create ? RegNtPreCreateKeyEx : RegNtPreOpenKeyEx, &info,
                       &info.CallContext, &info.RootObjectContext, root);
    if (status == STATUS_CALLBACK_BYPASS) {
        status = cm_cb_bypassed_open(handle, &info, disposition, disp);
        result_o = NT_SUCCESS(status) ? result : NULL;
    } else if (NT_SUCCESS(status)) {
        info.Disposition = disposition;
        status = cm_cb_do_open(handle, &info, how);
        result_o = NT_SUCCESS(status) ? cm_cb_object(*handle) : NULL;
        if (result_o)
            ob_dereference(result_o); /* the handle keeps it alive until the post is done */
    } else {
        result_o = NULL;
    }
    if (NT_SUCCESS(status) || call.called) {
        NTSTATUS done = status;
        status = cm_cb_post(&call, how->create ? RegNtPostCreateKeyEx : RegNtPostOpenKeyEx,
                            result_o, &info, status);
        if (NT_SUCCESS(done) && !NT_SUCCESS(status))
            ZwClose(*handle); /* a post routine failed the open: no handle for the caller */
    }
    if (root)
        ob_dereference(root);
    return status;
}

NTSYSAPI NTSTATUS NTAPI ZwCreateKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                                    POBJECT_ATTRIBUTES ObjectAttributes, ULONG TitleIndex,
                                    PUNICODE_STRING Class, ULONG CreateOptions, PULONG Disposition)
{
    struct cm_cb_open how = {ObjectAttributes, TitleIndex, TRUE, FALSE};

    cm_irql_check("ZwCreateKey");
    if (!cm_cb_active())
        return cm_zw_create_key(KeyHandle, DesiredAccess, ObjectAttributes, TitleIndex, Class,
                                CreateOptions, Disposition);
    return cm_cb_open_key(KeyHandle, DesiredAccess, &how, Class, CreateOptions, Disposition);
}

NTSYSAPI NTSTATUS NTAPI ZwOpenKeyEx(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                                    POBJECT_ATTRIBUTES ObjectAttributes, ULONG OpenOptions)
{
    struct cm_cb_open how = {ObjectAttributes, 0, FALSE, TRUE};

    cm_irql_check("ZwOpenKeyEx");
    if (!cm_cb_active())
        return cm_zw_open_key_ex(KeyHandle, DesiredAccess, ObjectAttributes, OpenOptions);
    return cm_cb_open_key(KeyHandle, DesiredAccess, &how, NULL, OpenOptions, NULL);
}

NTSYSAPI NTSTATUS NTAPI ZwOpenKey(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                                  POBJECT_ATTRIBUTES ObjectAttributes)
{
    struct cm_cb_open how = {ObjectAttributes, 0, FALSE, FALSE};

    cm_irql_check("ZwOpenKey");
    if (!cm_cb_active())
        return cm_zw_open_key(KeyHandle, DesiredAccess, ObjectAttributes);
    return cm_cb_open_key(KeyHandle, DesiredAccess, &how, NULL, 0, NULL);
}

/* ---- operations on an open key ---------------------------------------------------------- */

static NTSTATUS cm_cb_do_delete_key(HANDLE h, void *info)
{
    (void)info;
    return cm_zw_delete_key(h);
}

NTSYSAPI NTSTATUS NTAPI ZwDeleteKey(HANDLE KeyHandle)
{
    struct cm_key_object *o;
    REG_DELETE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwDeleteKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_delete_key(KeyHandle);
    info.Object = o;
    return cm_cb_run(KeyHandle, o, RegNtPreDeleteKey, RegNtPostDeleteKey, &info, &info.CallContext,
                     &info.ObjectContext, cm_cb_do_delete_key);
}

static NTSTATUS cm_cb_do_flush_key(HANDLE h, void *info)
{
    (void)info;
    return cm_zw_flush_key(h);
}

NTSYSAPI NTSTATUS NTAPI ZwFlushKey(HANDLE KeyHandle)
{
    struct cm_key_object *o;
    REG_FLUSH_KEY_INFORMATION info = {0};

    cm_irql_check("ZwFlushKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_flush_key(KeyHandle);
    info.Object = o;
    return cm_cb_run(KeyHandle, o, RegNtPreFlushKey, RegNtPostFlushKey, &info, &info.CallContext,
                     &info.ObjectContext, cm_cb_do_flush_key);
}

static NTSTATUS cm_cb_do_query_key(HANDLE h, void *p)
{
    REG_QUERY_KEY_INFORMATION *i = p;
    return cm_zw_query_key(h, i->KeyInformationClass, i->KeyInformation, i->Length,
                           i->ResultLength);
}

NTSYSAPI NTSTATUS NTAPI ZwQueryKey(HANDLE KeyHandle, KEY_INFORMATION_CLASS KeyInformationClass,
                                   PVOID KeyInformation, ULONG Length, PULONG ResultLength)
{
    struct cm_key_object *o;
    REG_QUERY_KEY_INFORMATION info = {0};

    cm_irql_check("ZwQueryKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_query_key(KeyHandle, KeyInformationClass, KeyInformation, Length,
                               ResultLength);
    info = (REG_QUERY_KEY_INFORMATION){
        o, KeyInformationClass, KeyInformation, Length, ResultLength, NULL, NULL, NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreQueryKey, RegNtPostQueryKey, &info, &info.CallContext,
                     &info.ObjectContext, cm_cb_do_query_key);
}

static NTSTATUS cm_cb_do_enumerate_key(HANDLE h, void *p)
{
    REG_ENUMERATE_KEY_INFORMATION *i = p;
    return cm_zw_enumerate_key(h, i->Index, i->KeyInformationClass, i->KeyInformation, i->Length,
                               i->ResultLength);
}

NTSYSAPI NTSTATUS NTAPI ZwEnumerateKey(HANDLE KeyHandle, ULONG Index,
                                       KEY_INFORMATION_CLASS KeyInformationClass,
                                       PVOID KeyInformation, ULONG Length, PULONG ResultLength)
{
    struct cm_key_object *o;
    REG_ENUMERATE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwEnumerateKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_enumerate_key(KeyHandle, Index, KeyInformationClass, KeyInformation, Length,
                                   ResultLength);
    info = (REG_ENUMERATE_KEY_INFORMATION){
        o, Index, KeyInformationClass, KeyInformation, Length, ResultLength, NULL, NULL, NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreEnumerateKey, RegNtPostEnumerateKey, &info,
                     &info.CallContext, &info.ObjectContext, cm_cb_do_enumerate_key);
}

static NTSTATUS cm_cb_do_set_value(HANDLE h, void *p)
{
    REG_SET_VALUE_KEY_INFORMATION *i = p;
    return cm_zw_set_value_key(h, i->ValueName, i->TitleIndex, i->Type, i->Data, i->DataSize);
}

NTSYSAPI NTSTATUS NTAPI ZwSetValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName, ULONG TitleIndex,
                                      ULONG Type, PVOID Data, ULONG DataSize)
{
    struct cm_key_object *o;
    REG_SET_VALUE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwSetValueKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_set_value_key(KeyHandle, ValueName, TitleIndex, Type, Data, DataSize);
    info = (REG_SET_VALUE_KEY_INFORMATION){o,        ValueName, TitleIndex, Type, Data,
                                           DataSize, NULL,      NULL,       NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreSetValueKey, RegNtPostSetValueKey, &info,
                     &info.CallContext, &info.ObjectContext, cm_cb_do_set_value);
}

static NTSTATUS cm_cb_do_query_value(HANDLE h, void *p)
{
    REG_QUERY_VALUE_KEY_INFORMATION *i = p;
    return cm_zw_query_value_key(h, i->ValueName, i->KeyValueInformationClass,
                                 i->KeyValueInformation, i->Length, i->ResultLength);
}

NTSYSAPI NTSTATUS NTAPI ZwQueryValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                                        KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                                        PVOID KeyValueInformation, ULONG Length,
                                        PULONG ResultLength)
{
    struct cm_key_object *o;
    REG_QUERY_VALUE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwQueryValueKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_query_value_key(KeyHandle, ValueName, KeyValueInformationClass,
                                     KeyValueInformation, Length, ResultLength);
    info = (REG_QUERY_VALUE_KEY_INFORMATION){
        o,    ValueName, KeyValueInformationClass, KeyValueInformation, Length, ResultLength, NULL,
        NULL, NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreQueryValueKey, RegNtPostQueryValueKey, &info,
                     &info.CallContext, &info.ObjectContext, cm_cb_do_query_value);
}

static NTSTATUS cm_cb_do_enumerate_value(HANDLE h, void *p)
{
    REG_ENUMERATE_VALUE_KEY_INFORMATION *i = p;
    return cm_zw_enumerate_value_key(h, i->Index, i->KeyValueInformationClass,
                                     i->KeyValueInformation, i->Length, i->ResultLength);
}

NTSYSAPI NTSTATUS NTAPI ZwEnumerateValueKey(HANDLE KeyHandle, ULONG Index,
                                            KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                                            PVOID KeyValueInformation, ULONG Length,
                                            PULONG ResultLength)
{
    struct cm_key_object *o;
    REG_ENUMERATE_VALUE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwEnumerateValueKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_enumerate_value_key(KeyHandle, Index, KeyValueInformationClass,
                                         KeyValueInformation, Length, ResultLength);
    info = (REG_ENUMERATE_VALUE_KEY_INFORMATION){
        o,    Index, KeyValueInformationClass, KeyValueInformation, Length, ResultLength, NULL,
        NULL, NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreEnumerateValueKey, RegNtPostEnumerateValueKey, &info,
                     &info.CallContext, &info.ObjectContext, cm_cb_do_enumerate_value);
}

static NTSTATUS cm_cb_do_delete_value(HANDLE h, void *p)
{
    REG_DELETE_VALUE_KEY_INFORMATION *i = p;
    return cm_zw_delete_value_key(h, i->ValueName);
}

NTSYSAPI NTSTATUS NTAPI ZwDeleteValueKey(HANDLE KeyHandle, PUNICODE_STRING ValueName)
{
    struct cm_key_object *o;
    REG_DELETE_VALUE_KEY_INFORMATION info = {0};

    cm_irql_check("ZwDeleteValueKey");
    if (!cm_cb_active() || !(o = cm_cb_object(KeyHandle)))
        return cm_zw_delete_value_key(KeyHandle, ValueName);
    info = (REG_DELETE_VALUE_KEY_INFORMATION){o, ValueName, NULL, NULL, NULL};
    return cm_cb_run(KeyHandle, o, RegNtPreDeleteValueKey, RegNtPostDeleteValueKey, &info,
                     &info.CallContext, &info.ObjectContext, cm_cb_do_delete_value);
}

/* ---- closing ------------------------------------------------------------------------------ */

/* The key object's last handle is gone (its close routine). Closing cannot be blocked: the
 * routines' statuses are ignored, as Windows ignores them. */
void cm_cb_key_closing(struct cm_key_object *o)
{
    REG_KEY_HANDLE_CLOSE_INFORMATION info = {o, NULL, NULL, NULL};
    struct cm_cb_call call;

    if (cm_cb_active()) {
        cm_cb_pre(&call, RegNtPreKeyHandleClose, &info, &info.CallContext, &info.ObjectContext, o);
        cm_cb_post(&call, RegNtPostKeyHandleClose, o, &info, STATUS_SUCCESS);
    }
    if (o->contexts || o->name.Buffer)
        cm_cb_object_gone(o);
}
