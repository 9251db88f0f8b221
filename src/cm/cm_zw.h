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
