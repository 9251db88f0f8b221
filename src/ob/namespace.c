/*
 * namespace.c - the object namespace: named objects and symbolic links, and the strings
 * helpers shared with the I/O manager.
 *
 * The namespace is a flat table of full names ("\Device\Fifo", "\??\FifoLink") under one mutex:
 * a driver creates a handful of names, and lookups happen at open time, not per request.
 * Directories are fixed: \Device, \Driver, \??, \Callback, \KernelObjects, \BaseNamedObjects,
 * \FileSystem. "\DosDevices" and "\GLOBAL??" are aliases of "\??", as on Windows.
 */
#include "ob/ob_private.h"

#include "ex/ex.h"
#include "rtl/rtl.h"

#include <string.h>

#define OB_NAME_TAG       'mNbO'
#define OB_MAX_LINK_DEPTH 8

struct ob_entry {
    LIST_ENTRY link;
    UNICODE_STRING name;   /* canonical: aliases of \?? rewritten */
    void *object;          /* a named object, or NULL for a symbolic link */
    UNICODE_STRING target; /* symbolic link target */
};

static os_mutex ns_lock;
static LIST_ENTRY ns_entries = {&ns_entries, &ns_entries};
static int ns_ready;

/* \Device\RESOURCE_HUB first: its connection links (pnp/reshub.c) are one level below it. */
static const char *const ns_directories[] = {
    "\\Device\\RESOURCE_HUB", "\\Device",     "\\Driver",          "\\??", "\\Callback",
    "\\KernelObjects",        "\\FileSystem", "\\BaseNamedObjects"};

static WCHAR ob_fold(WCHAR c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return (WCHAR)(c - 0x20);
    return c;
}

BOOLEAN ob_name_equal(const WCHAR *a, size_t a_len, const WCHAR *b, size_t b_len)
{
    if (a_len != b_len)
        return FALSE;
    for (size_t i = 0; i < a_len; i++)
        if (ob_fold(a[i]) != ob_fold(b[i]))
            return FALSE;
    return TRUE;
}

static BOOLEAN ob_prefix_ascii(const WCHAR *s, size_t len, const char *prefix, size_t *plen)
{
    size_t n = strlen(prefix);
    if (len < n)
        return FALSE;
    for (size_t i = 0; i < n; i++)
        if (ob_fold(s[i]) != ob_fold((WCHAR)(unsigned char)prefix[i]))
            return FALSE;
    if (len > n && s[n] != L'\\')
        return FALSE;
    *plen = n;
    return TRUE;
}

NTSTATUS ob_string_dup(UNICODE_STRING *dst, PCUNICODE_STRING src)
{
    dst->Buffer = ex_alloc((size_t)src->Length + sizeof(WCHAR), OB_NAME_TAG);
    if (dst->Buffer == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(dst->Buffer, src->Buffer, src->Length);
    dst->Length = src->Length;
    dst->MaximumLength = (USHORT)(src->Length + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

void ob_string_free(UNICODE_STRING *s)
{
    if (s->Buffer != NULL)
        ex_free(s->Buffer);
    s->Buffer = NULL;
    s->Length = s->MaximumLength = 0;
}

/* UTF-8 to UTF-16 for names given by the host (paths, service names). Invalid sequences are
 * rejected: names never contain them. */
/* Strict (rtl_utf8_to_utf16): an overlong form, an encoded surrogate or a code point above
 * U+10FFFF is STATUS_OBJECT_NAME_INVALID, so a host string cannot alias another object's name. */
NTSTATUS ob_string_from_utf8(UNICODE_STRING *dst, const char *utf8)
{
    size_t n = strlen(utf8), o = 0;
    WCHAR *w = ex_alloc((n + 1) * sizeof(WCHAR), OB_NAME_TAG);
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!rtl_utf8_to_utf16(utf8, n, w, &o) || o * sizeof(WCHAR) > UNICODE_STRING_MAX_BYTES) {
        ex_free(w);
        return STATUS_OBJECT_NAME_INVALID;
    }
    dst->Buffer = w;
    dst->Length = (USHORT)(o * sizeof(WCHAR));
    dst->MaximumLength = (USHORT)((o + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

const char *ob_string_to_utf8(PCUNICODE_STRING s, char *buf, size_t size)
{
    size_t o = 0, n = s->Length / sizeof(WCHAR);
    for (size_t i = 0; i < n && o + 4 < size; i++) {
        uint32_t c = s->Buffer[i];
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < n && s->Buffer[i + 1] >= 0xDC00 &&
            s->Buffer[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s->Buffer[++i] - 0xDC00);
        }
        if (c < 0x80) {
            buf[o++] = (char)c;
        } else if (c < 0x800) {
            buf[o++] = (char)(0xC0 | (c >> 6));
            buf[o++] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            buf[o++] = (char)(0xE0 | (c >> 12));
            buf[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            buf[o++] = (char)(0xF0 | (c >> 18));
            buf[o++] = (char)(0x80 | ((c >> 12) & 0x3F));
            buf[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            buf[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    if (size > 0)
        buf[o < size ? o : size - 1] = 0;
    return buf;
}

/* Rewrites "\DosDevices\X" and "\GLOBAL??\X" as "\??\X" into a new string. */
static NTSTATUS ns_canonical(PCUNICODE_STRING in, UNICODE_STRING *out)
{
    static const WCHAR qq[] = L"\\??";
    size_t n = in->Length / sizeof(WCHAR), plen;
    if (n == 0 || in->Buffer[0] != L'\\' || in->Length % sizeof(WCHAR) != 0)
        return STATUS_OBJECT_NAME_INVALID;
    if (ob_prefix_ascii(in->Buffer, n, "\\DosDevices", &plen) ||
        ob_prefix_ascii(in->Buffer, n, "\\GLOBAL??", &plen)) {
        UNICODE_STRING tail = {(USHORT)((n - plen) * sizeof(WCHAR)), 0, in->Buffer + plen};
        out->Buffer = ex_alloc(sizeof(qq) + tail.Length, OB_NAME_TAG);
        if (out->Buffer == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(out->Buffer, qq, sizeof(qq) - sizeof(WCHAR));
        memcpy(out->Buffer + 3, tail.Buffer, tail.Length);
        out->Length = (USHORT)(sizeof(qq) - sizeof(WCHAR) + tail.Length);
        out->MaximumLength = (USHORT)(out->Length + sizeof(WCHAR));
        return STATUS_SUCCESS;
    }
    return ob_string_dup(out, in);
}

/* A name to be created must be "\Dir\Leaf" with a known directory and a non-empty leaf
 * without further backslashes. */
static NTSTATUS ns_check_new_name(PCUNICODE_STRING name)
{
    size_t n = name->Length / sizeof(WCHAR), plen;
    for (size_t d = 0; d < sizeof(ns_directories) / sizeof(ns_directories[0]); d++) {
        if (!ob_prefix_ascii(name->Buffer, n, ns_directories[d], &plen))
            continue;
        if (plen + 1 >= n)
            return STATUS_OBJECT_NAME_INVALID;
        for (size_t i = plen + 1; i < n; i++)
            if (name->Buffer[i] == L'\\' || name->Buffer[i] == 0)
                return STATUS_OBJECT_NAME_INVALID;
        return STATUS_SUCCESS;
    }
    for (size_t i = 1; i < n; i++)
        if (name->Buffer[i] == L'\\')
            return STATUS_OBJECT_PATH_NOT_FOUND;
    return STATUS_OBJECT_NAME_INVALID;
}

static void ns_init_once(void)
{
    if (!ns_ready) {
        os_mutex_init(&ns_lock);
        ns_ready = 1;
    }
}

static struct ob_entry *ns_find_locked(const WCHAR *s, size_t n)
{
    for (LIST_ENTRY *e = ns_entries.Flink; e != &ns_entries; e = e->Flink) {
        struct ob_entry *x = CONTAINING_RECORD(e, struct ob_entry, link);
        if (ob_name_equal(x->name.Buffer, x->name.Length / sizeof(WCHAR), s, n))
            return x;
    }
    return NULL;
}

static NTSTATUS ns_insert(PCUNICODE_STRING name, void *object, PCUNICODE_STRING target,
                          struct ob_entry **out)
{
    struct ob_entry *x;
    NTSTATUS status;
    ns_init_once();
    x = ex_alloc(sizeof(*x), OB_NAME_TAG);
    if (x == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    status = ns_canonical(name, &x->name);
    if (NT_SUCCESS(status))
        status = ns_check_new_name(&x->name);
    if (NT_SUCCESS(status) && target != NULL)
        status = ob_string_dup(&x->target, target);
    if (!NT_SUCCESS(status))
        goto fail;
    x->object = object;
    os_mutex_lock(&ns_lock);
    if (ns_find_locked(x->name.Buffer, x->name.Length / sizeof(WCHAR)) != NULL) {
        os_mutex_unlock(&ns_lock);
        status = STATUS_OBJECT_NAME_COLLISION;
        goto fail;
    }
    InsertTailList(&ns_entries, &x->link);
    os_mutex_unlock(&ns_lock);
    *out = x;
    return STATUS_SUCCESS;
fail:
    ob_string_free(&x->name);
    ob_string_free(&x->target);
    ex_free(x);
    return status;
}

NTSTATUS ob_name_insert(void *body, PCUNICODE_STRING name)
{
    struct ob_entry *x;
    NTSTATUS status = ns_insert(name, body, NULL, &x);
    if (!NT_SUCCESS(status))
        return status;
    status = ob_string_dup(ob_name_slot(body), &x->name);
    if (!NT_SUCCESS(status))
        ob_name_remove(body);
    return status;
}

static void ns_entry_free(struct ob_entry *x)
{
    ob_string_free(&x->name);
    ob_string_free(&x->target);
    ex_free(x);
}

void ob_name_remove(void *body)
{
    struct ob_entry *found = NULL;
    ns_init_once();
    os_mutex_lock(&ns_lock);
    for (LIST_ENTRY *e = ns_entries.Flink; e != &ns_entries; e = e->Flink) {
        struct ob_entry *x = CONTAINING_RECORD(e, struct ob_entry, link);
        if (x->object == body) {
            RemoveEntryList(&x->link);
            found = x;
            break;
        }
    }
    os_mutex_unlock(&ns_lock);
    if (found != NULL)
        ns_entry_free(found);
    ob_string_free(ob_name_slot(body));
}

NTSTATUS ob_link_create(PCUNICODE_STRING link, PCUNICODE_STRING target)
{
    struct ob_entry *x;
    if (target == NULL || target->Length == 0)
        return STATUS_OBJECT_NAME_INVALID;
    return ns_insert(link, NULL, target, &x);
}

NTSTATUS ob_link_delete(PCUNICODE_STRING link)
{
    UNICODE_STRING canon;
    struct ob_entry *x;
    NTSTATUS status = ns_canonical(link, &canon);
    if (!NT_SUCCESS(status))
        return status;
    ns_init_once();
    os_mutex_lock(&ns_lock);
    x = ns_find_locked(canon.Buffer, canon.Length / sizeof(WCHAR));
    if (x != NULL && x->object == NULL)
        RemoveEntryList(&x->link);
    os_mutex_unlock(&ns_lock);
    ob_string_free(&canon);
    if (x == NULL || x->object != NULL)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    ns_entry_free(x);
    return STATUS_SUCCESS;
}

/* Finds the longest entry that names a prefix of s (ending at a component boundary). */
static struct ob_entry *ns_match_locked(const WCHAR *s, size_t n, size_t *matched)
{
    for (size_t len = n; len > 1; len--) {
        if (len < n && s[len] != L'\\')
            continue;
        struct ob_entry *x = ns_find_locked(s, len);
        if (x != NULL) {
            *matched = len;
            return x;
        }
    }
    return NULL;
}

/* Replaces the matched prefix by the link target: new = target + rest. */
static NTSTATUS ns_substitute(UNICODE_STRING *path, size_t matched, PCUNICODE_STRING target)
{
    size_t rest = path->Length - matched * sizeof(WCHAR);
    size_t total = target->Length + rest;
    WCHAR *buf;
    if (total > UNICODE_STRING_MAX_BYTES)
        return STATUS_NAME_TOO_LONG;
    buf = ex_alloc(total + sizeof(WCHAR), OB_NAME_TAG);
    if (buf == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    memcpy(buf, target->Buffer, target->Length);
    memcpy((char *)buf + target->Length, path->Buffer + matched, rest);
    ob_string_free(path);
    path->Buffer = buf;
    path->Length = (USHORT)total;
    path->MaximumLength = (USHORT)(total + sizeof(WCHAR));
    return STATUS_SUCCESS;
}

NTSTATUS ob_lookup(PCUNICODE_STRING path, void **body, UNICODE_STRING *remainder)
{
    UNICODE_STRING work;
    NTSTATUS status = ns_canonical(path, &work);
    size_t consumed_rest = 0;
    ns_init_once();
    for (int depth = 0; NT_SUCCESS(status); depth++) {
        size_t n = work.Length / sizeof(WCHAR), matched = 0;
        struct ob_entry *x;
        if (depth > OB_MAX_LINK_DEPTH) {
            status = STATUS_REPARSE_POINT_NOT_RESOLVED;
            break;
        }
        os_mutex_lock(&ns_lock);
        x = ns_match_locked(work.Buffer, n, &matched);
        if (x != NULL && x->object != NULL && !ob_try_reference(x->object))
            x = NULL; /* its last reference is going: the name is about to go too */
        if (x != NULL && x->object != NULL) {
            *body = x->object;
            consumed_rest = n - matched;
            os_mutex_unlock(&ns_lock);
            break;
        }
        if (x == NULL) {
            os_mutex_unlock(&ns_lock);
            status = ns_check_new_name(&work) == STATUS_OBJECT_PATH_NOT_FOUND
                         ? STATUS_OBJECT_PATH_NOT_FOUND
                         : STATUS_OBJECT_NAME_NOT_FOUND;
            break;
        }
        UNICODE_STRING target;
        status = ob_string_dup(&target, &x->target);
        os_mutex_unlock(&ns_lock);
        if (NT_SUCCESS(status))
            status = ns_substitute(&work, matched, &target);
        ob_string_free(&target);
    }
    if (NT_SUCCESS(status)) {
        /* The remainder is a view into the caller's path: the tail is unchanged by links. */
        size_t n = path->Length / sizeof(WCHAR);
        remainder->Buffer = path->Buffer + (n - consumed_rest);
        remainder->Length = remainder->MaximumLength = (USHORT)(consumed_rest * sizeof(WCHAR));
    }
    ob_string_free(&work);
    return status;
}

void ob_namespace_shutdown(void)
{
    if (!ns_ready)
        return;
    os_mutex_lock(&ns_lock);
    while (!IsListEmpty(&ns_entries))
        ns_entry_free(CONTAINING_RECORD(RemoveHeadList(&ns_entries), struct ob_entry, link));
    os_mutex_unlock(&ns_lock);
    os_mutex_destroy(&ns_lock);
    ns_ready = 0;
}
