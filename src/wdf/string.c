/*
 * string.c - framework string objects (WDFSTRING): a UNICODE_STRING the framework owns (a
 * copy, NUL-terminated; MaximumLength counts the terminator). WdfRegistryQueryString and
 * QueryMultiString fill them (registry.c).
 */
#include <stdlib.h>
#include <string.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "wdf/wdf_private.h"

static void wdf_string_destroy(struct wdf_object *o)
{
    free(CONTAINING_RECORD(o, struct wdf_string, obj)->string.Buffer);
}

NTSTATUS wdf_string_assign(struct wdf_string *s, const WCHAR *chars, size_t bytes)
{
    WCHAR *copy;
    bytes &= ~(size_t)1;
    if (bytes > MAXUSHORT - sizeof(WCHAR))
        return STATUS_INVALID_PARAMETER;
    copy = calloc(1, bytes + sizeof(WCHAR));
    if (copy == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (bytes != 0)
        memcpy(copy, chars, bytes);
    free(s->string.Buffer);
    s->string.Buffer = copy;
    s->string.Length = (USHORT)bytes;
    s->string.MaximumLength = (USHORT)(bytes + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS wdf_string_create(struct wdf_globals *g, PCUNICODE_STRING source,
                           PWDF_OBJECT_ATTRIBUTES attributes, struct wdf_string **out)
{
    struct wdf_object *parent =
        wdf_parent_of(g, attributes, g->driver != NULL ? &g->driver->obj : NULL, "WdfStringCreate",
                      __builtin_return_address(0));
    struct wdf_object *o;
    NTSTATUS status;
    if (source != NULL && (source->Length > source->MaximumLength || (source->Length & 1) ||
                           (source->Length != 0 && source->Buffer == NULL))) {
        rtl_diag(RTL_DIAG_ERROR, "wdf",
                 "driver '%s': WdfStringCreate: the UNICODE_STRING is malformed (Length %u, "
                 "MaximumLength %u)",
                 g->pub.DriverName, source->Length, source->MaximumLength);
        return STATUS_INVALID_PARAMETER;
    }
    status =
        wdf_object_create(g, WDF_TYPE_STRING, sizeof(struct wdf_string), attributes, parent, &o);
    if (!NT_SUCCESS(status))
        return status;
    *out = CONTAINING_RECORD(o, struct wdf_string, obj);
    o->type_destroy = wdf_string_destroy;
    status = wdf_string_assign(*out, source != NULL ? source->Buffer : NULL,
                               source != NULL ? source->Length : 0);
    if (!NT_SUCCESS(status))
        wdf_object_delete(o);
    return status;
}

NTSTATUS imp_WdfStringCreate(PWDF_DRIVER_GLOBALS globals, PCUNICODE_STRING UnicodeString,
                             PWDF_OBJECT_ATTRIBUTES StringAttributes, WDFSTRING *String)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_string *s;
    NTSTATUS status;
    WDF_CHECK_NOT_NULL(g, String);
    *String = NULL;
    if (KeGetCurrentIrql() != PASSIVE_LEVEL)
        return STATUS_INVALID_DEVICE_REQUEST; /* Microsoft: PASSIVE_LEVEL only */
    status = wdf_string_create(g, UnicodeString, StringAttributes, &s);
    if (NT_SUCCESS(status))
        *String = (WDFSTRING)&s->obj;
    return status;
}

VOID imp_WdfStringGetUnicodeString(PWDF_DRIVER_GLOBALS globals, WDFSTRING String,
                                   PUNICODE_STRING UnicodeString)
{
    struct wdf_globals *g = wdf_globals_of(globals);
    struct wdf_string *s =
        CONTAINING_RECORD(wdf_object_get(g, String, WDF_TYPE_STRING), struct wdf_string, obj);
    WDF_CHECK_NOT_NULL(g, UnicodeString);
    *UnicodeString = s->string;
}
