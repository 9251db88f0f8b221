/*
 * interface.c - device interfaces: IoRegisterDeviceInterface, IoSetDeviceInterfaceState,
 * IoGetDeviceInterfaces, IoGetDeviceInterfaceAlias, IoOpenDeviceInterfaceRegistryKey.
 *
 * Names and registry layout as Windows keeps them. An instance of interface class {guid} on
 * device ROOT\SAMPLE\0000 with reference string "ref" is
 *   link      \??\ROOT#SAMPLE#0000#{guid}\ref   (no "\ref" without a reference string)
 *   registry  ...\Control\DeviceClasses\{guid}\##?#ROOT#SAMPLE#0000#{guid}   DeviceInstance
 *             ...\##?#ROOT#SAMPLE#0000#{guid}\#ref   SymbolicLink (\\?\ form), and the
 *             volatile subkey Control with Linked (REG_DWORD 1 while enabled)
 * The registry is the record of what is registered and enabled (IoGetDeviceInterfaces reads
 * it, so interfaces persist with --registry, disabled, as on Windows); the device's in-memory
 * records (struct pnp_iface) say which this run's drivers registered and enabled.
 *
 * The object-manager link is \??\ROOT#SAMPLE#0000#{guid} -> the PDO's name: opening the
 * interface reaches the PDO, the I/O manager sends the create to the top of its stack, and a
 * reference string is what follows the link (the file object's FileName, "\ref"), as on
 * Windows. Interfaces of one class and device that differ by reference string share the link;
 * it lives while one of them is enabled.
 */
#include "pnp/pnp_private.h"

#include "ex/ex.h"
#include "ob/ob.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define IFACE_TAG 'fIpP'

/* "ROOT\SAMPLE\0000" -> "ROOT#SAMPLE#0000" (malloc'ed). */
static char *mangle(const char *instance_id)
{
    char *m = strdup(instance_id);
    for (char *p = m; p != NULL && *p != 0; p++)
        if (*p == '\\')
            *p = '#';
    return m;
}

/* A UNICODE_STRING as UTF-8 (malloc'ed), NULL if it is not valid UTF-16 or memory is short. */
static char *utf8_of(PCUNICODE_STRING s)
{
    size_t n = s->Length / sizeof(WCHAR), len;
    char *out = malloc(3 * n + 1);
    if (out != NULL && !rtl_utf16_to_utf8(s->Buffer, n, out, &len)) {
        free(out);
        out = NULL;
    }
    return out;
}

/* A UTF-8 string into a UNICODE_STRING allocated for the caller (RtlFreeUnicodeString). */
static NTSTATUS unicode_for(const char *text, PUNICODE_STRING out, const void *caller)
{
    size_t n = strlen(text), len;
    if (n >= 0x7FFF)
        return STATUS_NAME_TOO_LONG;
    WCHAR *w = rtl_alloc((n + 1) * sizeof(WCHAR), IFACE_TAG, caller);
    if (w == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (!rtl_utf8_to_utf16(text, n, w, &len)) {
        ExFreePool(w);
        return STATUS_OBJECT_NAME_INVALID;
    }
    out->Buffer = w;
    out->Length = (USHORT)(len * sizeof(WCHAR));
    out->MaximumLength = (USHORT)((len + 1) * sizeof(WCHAR));
    return STATUS_SUCCESS;
}

/* ---- the parts of a link name ----------------------------------------------------------- */

struct link_parts {
    char *base;         /* "ROOT#SAMPLE#0000" (malloc'ed) */
    GUID guid;          /* the class in the name */
    char guid_text[39]; /* as written in the name */
    char *ref;          /* "" or the reference string (points into base's block) */
};

/* Splits \??\<instance#>#{guid}[\ref] (also \\?\...). FALSE if it is not such a name. */
static BOOLEAN link_parse(PCUNICODE_STRING link, struct link_parts *p)
{
    char *s = link != NULL && link->Buffer != NULL ? utf8_of(link) : NULL;
    if (s == NULL)
        return FALSE;
    if (strncmp(s, "\\??\\", 4) != 0 && strncmp(s, "\\\\?\\", 4) != 0) {
        free(s);
        return FALSE;
    }
    memmove(s, s + 4, strlen(s + 4) + 1);
    char *slash = strchr(s, '\\');
    p->ref = slash != NULL ? slash + 1 : s + strlen(s);
    if (slash != NULL)
        *slash = 0;
    size_t n = strlen(s);
    UNICODE_STRING g;
    WCHAR w[39];
    size_t wl;
    if (n < 40 || s[n - 39] != '#' || strchr(p->ref, '\\') != NULL ||
        !rtl_utf8_to_utf16(s + n - 38, 38, w, &wl)) {
        free(s);
        return FALSE;
    }
    RtlInitUnicodeString(&g, w);
    if (!NT_SUCCESS(RtlGUIDFromString(&g, &p->guid))) {
        free(s);
        return FALSE;
    }
    memcpy(p->guid_text, s + n - 38, 39);
    s[n - 39] = 0;
    p->base = s;
    return TRUE;
}

/* The registry key of the instance (DeviceClasses\{guid}\##?#<base>#{guid}\#<ref>), for the
 * class `cls` (the link's own, or an alias's). */
static char *ref_key_tail(const char *base, const GUID *cls, const char *ref)
{
    char g[39], *tail = NULL;
    pnp_guid_text(cls, g);
    if (asprintf(&tail, "Control\\DeviceClasses\\%s\\##?#%s#%s\\#%s", g, base, g, ref) < 0)
        return NULL;
    return tail;
}

/* The same, as a full registry path. */
static char *ref_key_path(const char *base, const GUID *cls, const char *ref)
{
    char *tail = ref_key_tail(base, cls, ref);
    char *path = tail != NULL ? pnp_reg_path("%s", tail) : NULL;
    free(tail);
    return path;
}

/* ---- IoRegisterDeviceInterface -------------------------------------------------------------- */

static BOOLEAN ref_string_valid(PCUNICODE_STRING ref)
{
    for (USHORT i = 0; ref != NULL && i < ref->Length / sizeof(WCHAR); i++)
        if (ref->Buffer[i] == L'\\' || ref->Buffer[i] == L'/' || ref->Buffer[i] == 0)
            return FALSE;
    return TRUE;
}

/* Writes the instance's keys; *existed: the reference key was there already (registered in an
 * earlier run, kept with --registry). */
static NTSTATUS iface_write_registry(const char *instance_id, const char *base, const GUID *cls,
                                     const char *ref, BOOLEAN *existed)
{
    char g[39];
    pnp_guid_text(cls, g);
    char *inst_path = pnp_reg_path("Control\\DeviceClasses\\%s\\##?#%s#%s", g, base, g);
    char *ref_path = ref_key_path(base, cls, ref);
    char *user_link = NULL;
    HANDLE inst = NULL, rk = NULL;
    BOOLEAN created = FALSE;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    if (inst_path == NULL || ref_path == NULL ||
        asprintf(&user_link, "\\\\?\\%s#%s%s%s", base, g, *ref ? "\\" : "", ref) < 0)
        goto out;
    status = pnp_reg_create_path(inst_path, KEY_ALL_ACCESS, &inst); /* DeviceClasses too */
    if (NT_SUCCESS(status))
        status = pnp_reg_set_sz(inst, "DeviceInstance", instance_id);
    if (NT_SUCCESS(status))
        status = pnp_reg_open(NULL, ref_path, PNP_REG_CREATE, KEY_ALL_ACCESS, &rk, &created);
    if (NT_SUCCESS(status))
        status = pnp_reg_set_sz(rk, "SymbolicLink", user_link);
    *existed = !created;
out:
    if (inst != NULL)
        ZwClose(inst);
    if (rk != NULL)
        ZwClose(rk);
    free(user_link);
    free(ref_path);
    free(inst_path);
    return status;
}

static struct pnp_iface *iface_find(struct pnp_iface_dev *dev, PCUNICODE_STRING link)
{
    for (PLIST_ENTRY e = dev->ifaces.Flink; e != &dev->ifaces; e = e->Flink) {
        struct pnp_iface *i = CONTAINING_RECORD(e, struct pnp_iface, entry);
        if (RtlEqualUnicodeString(&i->link, link, TRUE))
            return i;
    }
    return NULL;
}

/* The record of a new instance (its link "\??\<base>#{guid}[\ref]"). */
static struct pnp_iface *iface_new(const char *base, const GUID *cls, const char *ref)
{
    char g[39], *text = NULL;
    struct pnp_iface *i = calloc(1, sizeof *i);
    if (i == NULL || asprintf(&text, "\\??\\%s#%s%s%s", base, pnp_guid_text(cls, g),
                              *ref ? "\\" : "", ref) < 0) {
        free(i);
        return NULL;
    }
    size_t n = strlen(text), len;
    i->link.Buffer = malloc((n + 1) * sizeof(WCHAR));
    i->ref_key = ref_key_path(base, cls, ref);
    if (i->link.Buffer == NULL || i->ref_key == NULL ||
        !rtl_utf8_to_utf16(text, n, i->link.Buffer, &len)) {
        free(i->link.Buffer);
        free(i->ref_key);
        free(i);
        free(text);
        return NULL;
    }
    free(text);
    i->link.Length = (USHORT)(len * sizeof(WCHAR));
    i->link.MaximumLength = (USHORT)((len + 1) * sizeof(WCHAR));
    i->interface_class = *cls;
    return i;
}

static NTSTATUS register_locked(struct pnp_node *node, const GUID *cls, const char *ref,
                                PUNICODE_STRING link, const void *caller)
{
    struct pnp_iface_dev *dev = pnp_iface_dev_get(node);
    char *base = mangle(node->instance_id);
    struct pnp_iface *probe = base != NULL ? iface_new(base, cls, ref) : NULL;
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    if (dev == NULL || probe == NULL)
        goto out;
    struct pnp_iface *known = iface_find(dev, &probe->link);
    BOOLEAN existed = known != NULL;
    if (known == NULL) {
        status = iface_write_registry(node->instance_id, base, cls, ref, &existed);
        if (!NT_SUCCESS(status))
            goto out;
        InsertTailList(&dev->ifaces, &probe->entry);
        known = probe;
        probe = NULL;
    }
    char *text = utf8_of(&known->link);
    status = text != NULL ? unicode_for(text, link, caller) : STATUS_INSUFFICIENT_RESOURCES;
    free(text);
    if (NT_SUCCESS(status) && existed)
        status = STATUS_OBJECT_NAME_EXISTS; /* documented: already registered */
out:
    if (probe != NULL) {
        free(probe->link.Buffer);
        free(probe->ref_key);
        free(probe);
    }
    free(base);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
                                                     const GUID *InterfaceClassGuid,
                                                     PUNICODE_STRING ReferenceString,
                                                     PUNICODE_STRING SymbolicLinkName)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoRegisterDeviceInterface", PhysicalDeviceObject, caller);
    struct pnp_node *node =
        PhysicalDeviceObject != NULL ? pnp_node_of_pdo(PhysicalDeviceObject) : NULL;
    if (node == NULL || InterfaceClassGuid == NULL || !ref_string_valid(ReferenceString))
        return STATUS_INVALID_DEVICE_REQUEST; /* documented: not a PDO, or a bad character */
    if (SymbolicLinkName == NULL)
        return STATUS_INVALID_PARAMETER;
    char *ref = ReferenceString != NULL ? utf8_of(ReferenceString) : strdup("");
    if (ref == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    pnp_iface_lock();
    NTSTATUS status = register_locked(node, InterfaceClassGuid, ref, SymbolicLinkName, caller);
    pnp_iface_unlock();
    free(ref);
    return status;
}

/* ---- IoSetDeviceInterfaceState ------------------------------------------------------------ */

/* The record of a link among every present device's, or NULL. Caller holds the lock. */
static struct pnp_iface *iface_lookup(PCUNICODE_STRING link, struct pnp_iface_dev **owner)
{
    if (link == NULL || link->Buffer == NULL)
        return NULL;
    for (struct pnp_iface_dev *dev = pnp_iface_dev_next(NULL); dev != NULL;
         dev = pnp_iface_dev_next(dev)) {
        struct pnp_iface *found = iface_find(dev, link);
        if (found != NULL) {
            *owner = dev;
            return found;
        }
    }
    return NULL;
}

/* Another enabled instance of the same class on the device shares the object-manager link. */
static BOOLEAN link_shared(struct pnp_iface_dev *dev, struct pnp_iface *self)
{
    for (PLIST_ENTRY e = dev->ifaces.Flink; e != &dev->ifaces; e = e->Flink) {
        struct pnp_iface *i = CONTAINING_RECORD(e, struct pnp_iface, entry);
        if (i != self && i->enabled && IsEqualGUID(&i->interface_class, &self->interface_class))
            return TRUE;
    }
    return FALSE;
}

/* The link's object-manager name: the instance's link without its "\ref". */
static UNICODE_STRING link_base(const struct pnp_iface *i)
{
    UNICODE_STRING b = i->link;
    USHORT n = b.Length / sizeof(WCHAR);
    for (USHORT k = 4; k < n; k++) /* after "\??\" */
        if (b.Buffer[k] == L'\\') {
            b.Length = k * sizeof(WCHAR);
            break;
        }
    b.MaximumLength = b.Length;
    return b;
}

static NTSTATUS set_linked(const struct pnp_iface *i, ULONG linked)
{
    HANDLE rk, ctl;
    NTSTATUS status = pnp_reg_open(NULL, i->ref_key, PNP_REG_OPEN, KEY_ALL_ACCESS, &rk, NULL);
    if (!NT_SUCCESS(status))
        return status;
    status = pnp_reg_open(rk, "Control", PNP_REG_CREATE_VOLATILE, KEY_ALL_ACCESS, &ctl, NULL);
    if (NT_SUCCESS(status)) {
        status = pnp_reg_set(ctl, "Linked", REG_DWORD, &linked, sizeof linked);
        ZwClose(ctl);
    }
    ZwClose(rk);
    return status;
}

static NTSTATUS enable_locked(struct pnp_iface_dev *dev, struct pnp_iface *i)
{
    if (i->enabled)
        return STATUS_OBJECT_NAME_EXISTS; /* documented: already enabled */
    if (!link_shared(dev, i)) {
        PCUNICODE_STRING target = ob_name_of(dev->node->pdo);
        UNICODE_STRING base = link_base(i);
        if (target == NULL)
            return STATUS_INVALID_DEVICE_REQUEST; /* an unnamed PDO: nothing to link to */
        NTSTATUS status = ob_link_create(&base, target);
        if (!NT_SUCCESS(status))
            return status;
    }
    i->enabled = TRUE;
    set_linked(i, 1);
    pnp_notify_interface(&GUID_DEVICE_INTERFACE_ARRIVAL, &i->interface_class, &i->link);
    return STATUS_SUCCESS;
}

static NTSTATUS disable_locked(struct pnp_iface_dev *dev, struct pnp_iface *i)
{
    if (!i->enabled)
        return STATUS_OBJECT_NAME_NOT_FOUND; /* documented: not enabled */
    i->enabled = FALSE;
    if (!link_shared(dev, i)) {
        UNICODE_STRING base = link_base(i);
        ob_link_delete(&base);
    }
    set_linked(i, 0);
    pnp_notify_interface(&GUID_DEVICE_INTERFACE_REMOVAL, &i->interface_class, &i->link);
    return STATUS_SUCCESS;
}

NTKERNELAPI NTSTATUS NTAPI IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName,
                                                     BOOLEAN Enable)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoSetDeviceInterfaceState", SymbolicLinkName,
                          __builtin_return_address(0));
    struct pnp_iface_dev *dev = NULL;
    pnp_iface_lock();
    struct pnp_iface *i = iface_lookup(SymbolicLinkName, &dev);
    NTSTATUS status = i == NULL ? STATUS_OBJECT_NAME_NOT_FOUND
                      : Enable  ? enable_locked(dev, i)
                                : disable_locked(dev, i);
    pnp_iface_unlock();
    return status;
}

/* ---- IoGetDeviceInterfaces -------------------------------------------------------------- */

struct zz {
    WCHAR *buf;
    size_t len, cap; /* in WCHARs */
    BOOLEAN failed;
};

static void zz_add(struct zz *z, const char *text)
{
    size_t n = strlen(text), got;
    if (z->failed)
        return;
    if (z->len + n + 2 > z->cap) {
        size_t cap = 2 * (z->len + n + 2);
        WCHAR *b = realloc(z->buf, cap * sizeof(WCHAR));
        if (b == NULL) {
            z->failed = TRUE;
            return;
        }
        z->buf = b;
        z->cap = cap;
    }
    if (!rtl_utf8_to_utf16(text, n, z->buf + z->len, &got))
        return; /* a key name that is not UTF-8 cannot come from a link we made */
    z->len += got + 1;
}

static BOOLEAN ref_key_linked(HANDLE inst, const char *ref_key_name)
{
    char *path = NULL;
    HANDLE ctl;
    ULONG type, size;
    void *data = NULL;
    BOOLEAN linked = FALSE;
    if (asprintf(&path, "%s\\Control", ref_key_name) < 0)
        return FALSE;
    if (NT_SUCCESS(pnp_reg_open(inst, path, PNP_REG_OPEN, KEY_READ, &ctl, NULL))) {
        if (NT_SUCCESS(pnp_reg_query(ctl, "Linked", &type, &data, &size)))
            linked = type == REG_DWORD && size == sizeof(ULONG) && *(ULONG *)data == 1;
        free(data);
        ZwClose(ctl);
    }
    free(path);
    return linked;
}

/* The instances under one DeviceClasses\{guid}\##?#... key. */
static void collect_instance(HANDLE cls, const char *inst_name, const char *instance_filter,
                             BOOLEAN all, struct zz *z)
{
    HANDLE inst;
    if (strncmp(inst_name, "##?#", 4) != 0 ||
        !NT_SUCCESS(pnp_reg_open(cls, inst_name, PNP_REG_OPEN, KEY_READ, &inst, NULL)))
        return;
    char *owner = pnp_reg_query_sz(inst, "DeviceInstance");
    if (instance_filter == NULL || (owner != NULL && strcasecmp(owner, instance_filter) == 0)) {
        char name[1024], *link = NULL;
        for (ULONG k = 0; NT_SUCCESS(pnp_reg_subkey(inst, k, name, sizeof name)); k++) {
            if (name[0] != '#' || !(all || ref_key_linked(inst, name)))
                continue;
            if (asprintf(&link, "\\??\\%s%s%s", inst_name + 4, name[1] ? "\\" : "", name + 1) < 0) {
                z->failed = TRUE;
                break;
            }
            zz_add(z, link);
            free(link);
        }
    }
    free(owner);
    ZwClose(inst);
}

static NTSTATUS collect(const GUID *cls_guid, const char *instance_filter, BOOLEAN all,
                        struct zz *z)
{
    char g[39];
    char *path = pnp_reg_path("Control\\DeviceClasses\\%s", pnp_guid_text(cls_guid, g));
    HANDLE cls;
    if (path == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    if (NT_SUCCESS(pnp_reg_open(NULL, path, PNP_REG_OPEN, KEY_READ, &cls, NULL))) {
        char name[1024];
        for (ULONG k = 0; NT_SUCCESS(pnp_reg_subkey(cls, k, name, sizeof name)); k++)
            collect_instance(cls, name, instance_filter, all, z);
        ZwClose(cls);
    }
    free(path);
    return z->failed ? STATUS_INSUFFICIENT_RESOURCES : STATUS_SUCCESS;
}

/* The list as the caller gets it: paged pool charged to `caller`, freed with ExFreePool. */
static PZZWSTR zz_finish(struct zz *z, const void *caller)
{
    WCHAR *out = ex_alloc_for((z->len + 1) * sizeof(WCHAR), IFACE_TAG, caller);
    if (out != NULL) {
        if (z->len > 0)
            memcpy(out, z->buf, z->len * sizeof(WCHAR));
        out[z->len] = 0; /* an empty list is a single NUL (documented) */
    }
    free(z->buf);
    return out;
}

PZZWSTR pnp_iface_enabled_list(const GUID *interface_class)
{
    struct zz z = {0};
    if (!NT_SUCCESS(collect(interface_class, NULL, FALSE, &z))) {
        free(z.buf);
        return NULL;
    }
    return zz_finish(&z, NULL);
}

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfaces(const GUID *InterfaceClassGuid,
                                                 PDEVICE_OBJECT PhysicalDeviceObject, ULONG Flags,
                                                 PZZWSTR *SymbolicLinkList)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetDeviceInterfaces", PhysicalDeviceObject, caller);
    struct pnp_node *node = NULL;
    if (PhysicalDeviceObject != NULL && (node = pnp_node_of_pdo(PhysicalDeviceObject)) == NULL)
        return STATUS_INVALID_DEVICE_REQUEST; /* documented: not a PDO */
    if (InterfaceClassGuid == NULL || SymbolicLinkList == NULL)
        return STATUS_INVALID_PARAMETER;
    struct zz z = {0};
    NTSTATUS status = collect(InterfaceClassGuid, node != NULL ? node->instance_id : NULL,
                              (Flags & DEVICE_INTERFACE_INCLUDE_NONACTIVE) != 0, &z);
    if (!NT_SUCCESS(status)) {
        free(z.buf);
        return status;
    }
    *SymbolicLinkList = zz_finish(&z, caller);
    return *SymbolicLinkList != NULL ? STATUS_SUCCESS : STATUS_INSUFFICIENT_RESOURCES;
}

/* ---- aliases and the interface's own key ------------------------------------------------ */

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfaceAlias(PUNICODE_STRING SymbolicLinkName,
                                                     const GUID *AliasInterfaceClassGuid,
                                                     PUNICODE_STRING AliasSymbolicLinkName)
{
    const void *caller = __builtin_return_address(0);
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoGetDeviceInterfaceAlias", SymbolicLinkName, caller);
    struct link_parts p;
    if (AliasInterfaceClassGuid == NULL || AliasSymbolicLinkName == NULL ||
        !link_parse(SymbolicLinkName, &p))
        return STATUS_INVALID_HANDLE; /* documented: an invalid name or class */
    char *own = ref_key_path(p.base, &p.guid, p.ref);
    char *alias = ref_key_path(p.base, AliasInterfaceClassGuid, p.ref);
    char g[39], *text = NULL;
    NTSTATUS status = STATUS_OBJECT_NAME_NOT_FOUND; /* documented: no such alias */
    if (own == NULL || alias == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    else if (pnp_reg_exists(own) && pnp_reg_exists(alias) &&
             asprintf(&text, "\\??\\%s#%s%s%s", p.base, pnp_guid_text(AliasInterfaceClassGuid, g),
                      *p.ref ? "\\" : "", p.ref) >= 0)
        status = unicode_for(text, AliasSymbolicLinkName, caller);
    free(text);
    free(own);
    free(alias);
    free(p.base);
    return status;
}

NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceInterfaceRegistryKey(PUNICODE_STRING SymbolicLinkName,
                                                            ACCESS_MASK DesiredAccess,
                                                            PHANDLE DeviceInterfaceKey)
{
    vf_check_irql_at_most(PASSIVE_LEVEL, "IoOpenDeviceInterfaceRegistryKey", SymbolicLinkName,
                          __builtin_return_address(0));
    struct link_parts p;
    if (DeviceInterfaceKey == NULL || !link_parse(SymbolicLinkName, &p))
        return STATUS_INVALID_PARAMETER; /* documented: an error in the name */
    char *path = ref_key_path(p.base, &p.guid, p.ref);
    HANDLE rk;
    NTSTATUS status = path == NULL
                          ? STATUS_INSUFFICIENT_RESOURCES
                          : pnp_reg_open(NULL, path, PNP_REG_OPEN, KEY_ALL_ACCESS, &rk, NULL);
    if (NT_SUCCESS(status)) {
        /* The instance's nonvolatile "Device Parameters" subkey, made on first use. */
        status = pnp_reg_open(rk, "Device Parameters", PNP_REG_CREATE, DesiredAccess,
                              DeviceInterfaceKey, NULL);
        ZwClose(rk);
    } else if (status == STATUS_OBJECT_PATH_NOT_FOUND) {
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    }
    free(path);
    free(p.base);
    return status;
}

/* The key of a registered interface instance, relative to CurrentControlSet (malloc'ed), for
 * its property store (property_data.c). */
NTSTATUS pnp_iface_key_tail(PCUNICODE_STRING link, char **tail)
{
    struct link_parts p;
    *tail = NULL;
    if (!link_parse(link, &p))
        return STATUS_INVALID_PARAMETER;
    char *path = ref_key_path(p.base, &p.guid, p.ref);
    NTSTATUS status = STATUS_INSUFFICIENT_RESOURCES;
    if (path != NULL && !pnp_reg_exists(path))
        status = STATUS_OBJECT_NAME_NOT_FOUND;
    else if (path != NULL && (*tail = ref_key_tail(p.base, &p.guid, p.ref)) != NULL)
        status = STATUS_SUCCESS;
    free(path);
    free(p.base);
    return status;
}
