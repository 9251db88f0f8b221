/*
 * cm_zw.h - private to src/cm: what the Zw* and Rtl*Registry* DDIs share (key handles, the
 * IRQL rule, string checks, information-class formatting). Not for other layers: they use
 * cm.h, or the DDIs themselves.
 */
#ifndef DRVHOST_CM_CM_ZW_H
#define DRVHOST_CM_CM_ZW_H

#include <wdm.h>

#include "cm/cm_private.h"

/* ---- key objects and handles (keyobj.c) ------------------------------------------------- */

/* The body of an ob object of type "Key": an open key. The object holds one cm_key
 * reference, released when its last ob reference goes (ZwClose of its last handle). */
struct cm_key_object {
    struct cm_key *key;
    /* Registry callbacks (callback.c, under its lock): the contexts routines attached with
     * CmSetCallbackObjectContext, and the name CmCallbackGetKeyObjectID returned (malloc'ed;
     * both freed when the object closes). */
    struct cm_cb_objctx *contexts;
    UNICODE_STRING name;
};

/* Creates a kernel handle for key. On success the handle's object has taken over the
 * caller's reference on key; on failure the caller still owns it. */
NTSTATUS cm_handle_create(struct cm_key *key, ACCESS_MASK access, HANDLE *handle);
/* The key behind a handle, with a new cm_key reference (release with cm_key_release).
 * STATUS_INVALID_HANDLE (not a handle), STATUS_OBJECT_TYPE_MISMATCH (not a key). */
NTSTATUS cm_handle_key(HANDLE handle, struct cm_key **key);
/* The registry DDIs run at PASSIVE_LEVEL only: above it, bug check 0xC4 with parameter 1
 * 0x2001F (the IrqlZwPassive DDI compliance rule; drvhost's verifier checks are always on). */
void cm_irql_check(const char *ddi);
/* Checks a counted UNICODE_STRING (NULL, odd Length, NULL Buffer with a Length:
 * STATUS_INVALID_PARAMETER) and returns it as pointer + characters. */
NTSTATUS cm_ustr(PCUNICODE_STRING s, const WCHAR **buf, size_t *chars);
/* Number of characters of a NUL-terminated WCHAR string (the runtime never uses wcslen). */
size_t cm_wcslen(const WCHAR *s);

/* ---- registry callbacks (callback.c, zw_notify.c) ------------------------------------------- */

/* Number of registered RegistryCallback routines. Zero (the usual case): the Zw routines send
 * no notification and pay one relaxed load. */
extern LONG cm_cb_count;
static inline BOOLEAN cm_cb_active(void)
{
    return __atomic_load_n(&cm_cb_count, __ATOMIC_RELAXED) != 0;
}

/* One operation's notifications: the routines snapshotted at its pre-notification, the
 * CallContext each left, the ObjectContext each had, and how many get a post-notification. */
struct cm_cb_call {
    int n, called;
    struct cm_cb *cbs[100];
    PVOID call_ctx[100];
    PVOID obj_ctx[100];
};
/* Sends the pre-notification cls with info (whose CallContext and ObjectContext fields are
 * call_ctx and obj_ctx, obj_ctx may be NULL) for object. Returns STATUS_SUCCESS (do the
 * operation, then cm_cb_post), a routine's failure status (return it; no cm_cb_post needed,
 * but calling it is harmless) or STATUS_CALLBACK_BYPASS (do not do the operation; call
 * cm_cb_post with STATUS_SUCCESS). */
NTSTATUS cm_cb_pre(struct cm_cb_call *call, REG_NOTIFY_CLASS cls, void *info, PVOID *call_ctx,
                   PVOID *obj_ctx, struct cm_key_object *object);
/* Sends the post-notification cls (REG_POST_OPERATION_INFORMATION) to the routines that are
 * owed one; returns the status for the caller (status, or what a routine substituted). */
NTSTATUS cm_cb_post(struct cm_cb_call *call, REG_NOTIFY_CLASS cls, struct cm_key_object *object,
                    void *pre_info, NTSTATUS status);
/* A key object's close routine: handle-close notifications, then the context cleanups. */
void cm_cb_object_gone(struct cm_key_object *o);
/* zw_notify.c: the key object is closing (keyobj.c): handle-close notifications, contexts. */
void cm_cb_key_closing(struct cm_key_object *o);

/* ---- the Zw registry routines' bodies (zw.c), without notifications ------------------------ */
/* The DDIs (zw_notify.c) call these directly, or between the notifications. Same parameters
 * and results as the DDI of the same name. */
NTSTATUS cm_zw_create_key(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                          POBJECT_ATTRIBUTES ObjectAttributes, ULONG TitleIndex,
                          PUNICODE_STRING Class, ULONG CreateOptions, PULONG Disposition);
NTSTATUS cm_zw_open_key_ex(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                           POBJECT_ATTRIBUTES ObjectAttributes, ULONG OpenOptions);
NTSTATUS cm_zw_open_key(PHANDLE KeyHandle, ACCESS_MASK DesiredAccess,
                        POBJECT_ATTRIBUTES ObjectAttributes);
NTSTATUS cm_zw_delete_key(HANDLE KeyHandle);
NTSTATUS cm_zw_flush_key(HANDLE KeyHandle);
NTSTATUS cm_zw_query_key(HANDLE KeyHandle, KEY_INFORMATION_CLASS KeyInformationClass,
                         PVOID KeyInformation, ULONG Length, PULONG ResultLength);
NTSTATUS cm_zw_enumerate_key(HANDLE KeyHandle, ULONG Index,
                             KEY_INFORMATION_CLASS KeyInformationClass, PVOID KeyInformation,
                             ULONG Length, PULONG ResultLength);
NTSTATUS cm_zw_set_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName, ULONG TitleIndex,
                             ULONG Type, PVOID Data, ULONG DataSize);
NTSTATUS cm_zw_query_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName,
                               KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                               PVOID KeyValueInformation, ULONG Length, PULONG ResultLength);
NTSTATUS cm_zw_enumerate_value_key(HANDLE KeyHandle, ULONG Index,
                                   KEY_VALUE_INFORMATION_CLASS KeyValueInformationClass,
                                   PVOID KeyValueInformation, ULONG Length, PULONG ResultLength);
NTSTATUS cm_zw_delete_value_key(HANDLE KeyHandle, PUNICODE_STRING ValueName);

/* ---- information classes (zw_info.c) ---------------------------------------------------- */

/* Formats a value for ZwQueryValueKey/ZwEnumerateValueKey: STATUS_BUFFER_TOO_SMALL (nothing
 * written) below the fixed part, STATUS_BUFFER_OVERFLOW (fixed part and what fits written)
 * below the whole, STATUS_INVALID_PARAMETER for an unknown class. *result = whole size. */
NTSTATUS cm_value_info_format(const WCHAR *name, size_t name_chars, ULONG type, const void *data,
                              ULONG size, KEY_VALUE_INFORMATION_CLASS cls, PVOID out, ULONG len,
                              PULONG result);
/* Formats key information for ZwQueryKey (enumerating FALSE) or ZwEnumerateKey (TRUE: only
 * the basic, node and full classes). The same buffer rules as values. */
NTSTATUS cm_key_info_format(struct cm_key *key, KEY_INFORMATION_CLASS cls, BOOLEAN enumerating,
                            PVOID out, ULONG len, PULONG result);
/* Reads a whole value (name given) into a malloc'ed buffer. */
NTSTATUS cm_value_read(struct cm_key *key, const WCHAR *name, size_t name_chars, ULONG *type,
                       void **data, ULONG *size);
/* Reads the value at index: name (malloc'ed, NUL-terminated) and data (malloc'ed). */
NTSTATUS cm_value_read_at(struct cm_key *key, ULONG index, WCHAR **name, size_t *name_chars,
                          ULONG *type, void **data, ULONG *size);

#endif
