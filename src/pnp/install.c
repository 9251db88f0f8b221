/*
 * install.c - the driver store and installing a driver on a device, as SetupAPI and the PnP
 * manager do on Windows: a package (an INF and the folder it came from) is staged; a device is
 * matched to the best model of every staged package (hardware IDs, then compatible IDs, ranked
 * by inf_match_device; on equal ranks the package staged first wins: Windows compares driver
 * dates and versions there, a deviation); installing writes the service keys (AddService), the
 * device's Enum key, its class key and its software key (Control\Class\{GUID}\NNNN) with the
 * INF's AddReg/DelReg.
 *
 * The driver store is the folder an INF was installed from (DIRID 13): a ServiceBinary's file
 * name is looked up there first (then where ldr looks for drivers), and ImagePath holds the
 * absolute path found (Windows writes \SystemRoot\System32\drivers\x.sys after copying it).
 *
 * Threads: the store is read and changed on the PnP thread only (pnp_install_inf queues its
 * work there), so it needs no lock.
 */
#include "pnp/inf.h"
#include "pnp/pnp_private.h"

#include "ldr/ldr.h"
#include "os/os.h"
#include "rtl/rtl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct package {
    char *path, *dir; /* absolute */
    struct inf_file *inf;
    struct inf_models models;
};

static struct package *store;
static size_t nstore;

void pnp_store_free(void)
{
    for (size_t i = 0; i < nstore; i++) {
        inf_free(store[i].inf);
        free(store[i].path);
        free(store[i].dir);
    }
    free(store);
    store = NULL;
    nstore = 0;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* ---- staging ------------------------------------------------------------------------------ */

/* Every model's install must decode: a package that cannot install is refused at staging. */
static NTSTATUS check_models(struct package *p, struct inf_error *err)
{
    for (size_t i = 0; i < p->models.n; i++) {
        struct inf_install inst;
        NTSTATUS status = inf_install_read(p->inf, &p->models.v[i], &inst, err);
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

static NTSTATUS stage(const char *path, struct package *p, struct inf_error *err)
{
    char *slash;
    struct inf_options options = {0};
    if ((p->path = os_path_absolute(path)) == NULL || (p->dir = strdup(p->path)) == NULL) {
        snprintf(err->text, sizeof err->text, "%s: cannot resolve the path", path);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    if ((slash = strrchr(p->dir, '/')) != NULL)
        *slash = 0;
    options.driver_store = p->dir;
    NTSTATUS status = inf_load(p->path, &options, &p->inf, err);
    if (NT_SUCCESS(status))
        status = inf_models_read(p->inf, &p->models, err);
    if (NT_SUCCESS(status))
        status = check_models(p, err);
    return status;
}

struct install_request {
    const char *path;
    char *msg;
    size_t msg_size;
};

static void find_uninstalled(struct pnp_node *n, struct pnp_node **out, size_t *k, size_t max)
{
    for (; n != NULL; n = n->sibling) {
        if (n->problem == CM_PROB_FAILED_INSTALL && *k < max)
            out[(*k)++] = n;
        find_uninstalled(n->child, out, k, max);
    }
}

/* Devices that had no driver get one from the new package (pnputil /add-driver /install).
 * The tree changes only on this thread, so it is walked without the lock; starting one
 * device adds nodes (its children) but frees none. */
static void install_waiting_devices(void)
{
    struct pnp_node *todo[256];
    size_t k = 0;
    find_uninstalled(pnp_root(), todo, &k, 256);
    for (size_t i = 0; i < k; i++) {
        todo[i]->problem = 0;
        todo[i]->state = PNP_NODE_UNINITIALIZED;
        pnp_node_start(todo[i]);
    }
}

static NTSTATUS install_action(void *context)
{
    struct install_request *r = context;
    struct inf_error err = {{0}, 0};
    struct package p = {0};
    struct package *grown;
    NTSTATUS status = stage(r->path, &p, &err);
    if (NT_SUCCESS(status) && (grown = realloc(store, (nstore + 1) * sizeof *store)) == NULL)
        status = STATUS_INSUFFICIENT_RESOURCES;
    if (!NT_SUCCESS(status)) {
        snprintf(r->msg, r->msg_size, "%s", err.text[0] ? err.text : "out of memory");
        inf_free(p.inf);
        free(p.path);
        free(p.dir);
        return status;
    }
    store = grown;
    store[nstore++] = p;
    install_waiting_devices();
    return STATUS_SUCCESS;
}

NTSTATUS pnp_install_inf(const char *path, const char *base_dir, char *msg, size_t msg_size)
{
    char *full = NULL;
    if (msg_size > 0)
        msg[0] = 0;
    if (path == NULL)
        return STATUS_INVALID_PARAMETER;
    if (path[0] != '/' && base_dir != NULL && (full = join_path(base_dir, path)) == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    struct install_request r = {full ? full : path, msg, msg_size};
    NTSTATUS status = pnp_queue(install_action, &r, true);
    free(full);
    return status;
}

/* ---- matching ----------------------------------------------------------------------------- */

static size_t count(char **ids)
{
    size_t n = 0;
    while (ids != NULL && ids[n] != NULL)
        n++;
    return n;
}

/* The best model over the store for these IDs, or NULL. */
static struct package *best_match(char **hwids, char **cids, struct inf_match *best)
{
    struct package *found = NULL;
    for (size_t i = 0; i < nstore; i++) {
        struct inf_match m = {0};
        struct inf_error err;
        NTSTATUS status =
            inf_match_device(store[i].inf, &store[i].models, (const char *const *)hwids,
                             count(hwids), (const char *const *)cids, count(cids), &m, &err);
        if (NT_SUCCESS(status) && m.model != NULL && (found == NULL || m.rank < best->rank)) {
            *best = m;
            found = &store[i];
        }
    }
    return found;
}

char *pnp_match_class(char **hwids, char **cids)
{
    struct inf_match m;
    struct package *p = best_match(hwids, cids, &m);
    if (p == NULL || p->inf->version.class_name == NULL || !p->inf->version.class_name[0])
        return NULL;
    return strdup(p->inf->version.class_name);
}

/* ---- writing the registry ----------------------------------------------------------------- */

char *pnp_enum_key_path(const struct pnp_node *node)
{
    size_t n = sizeof(PNP_REG_CCS "\\Enum\\") + strlen(node->instance_id);
    char *p = malloc(n);
    if (p != NULL)
        snprintf(p, n, "%s\\Enum\\%s", PNP_REG_CCS, node->instance_id);
    return p;
}

static void guid_text(const GUID *g, char *out, size_t size)
{
    snprintf(out, size, "{%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x}", (unsigned)g->Data1,
             g->Data2, g->Data3, g->Data4[0], g->Data4[1], g->Data4[2], g->Data4[3], g->Data4[4],
             g->Data4[5], g->Data4[6], g->Data4[7]);
}

/* REG_SZ-family data of an inf_reg (UTF-8, strings NUL-separated for MULTI_SZ) as UTF-16. */
static NTSTATUS set_reg_value(HANDLE key, const struct inf_reg *r)
{
    if (r->type == REG_SZ || r->type == REG_EXPAND_SZ || r->type == REG_MULTI_SZ) {
        const char *list[64];
        size_t n = 0, at = 0;
        char *copy = malloc(r->size + 1);
        if (copy == NULL)
            return STATUS_INSUFFICIENT_RESOURCES;
        memcpy(copy, r->has_data ? (const char *)r->data : "", r->has_data ? r->size : 0);
        copy[r->has_data ? r->size : 0] = 0;
        if (r->type != REG_MULTI_SZ)
            list[n++] = copy;
        while (r->type == REG_MULTI_SZ && r->has_data && at < r->size && n < 64) {
            list[n++] = copy + at;
            at += strlen(copy + at) + 1;
        }
        NTSTATUS status = r->type == REG_MULTI_SZ ? pnp_key_set_multi(key, r->name, list, n)
                                                  : pnp_key_set_sz(key, r->name, list[0]);
        if (NT_SUCCESS(status) && r->type == REG_EXPAND_SZ) /* same text, the type kept */
            status = pnp_key_set_sz(key, r->name, list[0]);
        free(copy);
        return status;
    }
    return pnp_key_set(key, r->name, r->type, r->has_data ? r->data : NULL,
                       r->has_data ? r->size : 0);
}

static bool value_exists(HANDLE key, const char *name)
{
    char **list = NULL;
    NTSTATUS status = pnp_key_get_multi(key, name, &list);
    pnp_ids_free(list);
    return status != STATUS_OBJECT_NAME_NOT_FOUND;
}

/* One AddReg/DelReg entry under base (the key HKR stands for). */
static NTSTATUS apply_reg(HANDLE base, const struct inf_reg *r)
{
    HANDLE key = base;
    NTSTATUS status = STATUS_SUCCESS;
    if (r->subkey[0] != 0) {
        status = pnp_key_open_sub(base, r->subkey, !r->del, &key);
        if (!NT_SUCCESS(status))
            return r->del ? STATUS_SUCCESS : status; /* deleting what is not there */
    }
    if (r->del && r->name == NULL && r->subkey[0] != 0)
        status = ZwDeleteKey(key);
    else if (r->del)
        pnp_key_delete_value(key, r->name);
    else if ((r->flags & FLG_ADDREG_KEYONLY) || (r->name == NULL && !r->has_data))
        ; /* the key only */
    else if (!(r->flags & FLG_ADDREG_NOCLOBBER) || !value_exists(key, r->name))
        status = set_reg_value(key, r);
    if (key != base)
        pnp_key_close(key);
    return status;
}

static bool is_filter_value(const struct inf_reg *r)
{
    return r->subkey[0] == 0 && r->name != NULL &&
           (strcasecmp(r->name, "UpperFilters") == 0 || strcasecmp(r->name, "LowerFilters") == 0);
}

/* The AddReg/DelReg of the install: DDInstall's HKR is the software key, .HW's the device's
 * hardware key (Enum\<instance>\Device Parameters), except the filter lists, which Windows
 * reads on the Enum key itself. Other roots: HKLM only (others are reported and skipped). */
static NTSTATUS apply_regs(const struct inf_install *inst, HANDLE soft, HANDLE enum_key,
                           HANDLE params)
{
    for (size_t i = 0; i < inst->nregs; i++) {
        const struct inf_reg *r = &inst->regs[i];
        HANDLE base = r->origin == INF_ORIGIN_DDINSTALL ? soft
                      : is_filter_value(r)              ? enum_key
                                                        : params;
        HANDLE hklm = NULL;
        if (r->root == INF_HKLM) {
            if (!NT_SUCCESS(pnp_key_open("\\Registry\\Machine", false, &hklm)))
                continue;
            base = hklm;
        } else if (r->root != INF_HKR) {
            rtl_diag(RTL_DIAG_WARN, "pnp", "%s:%u: only HKR and HKLM are written (skipped)",
                     r->section, r->line);
            continue;
        }
        NTSTATUS status = apply_reg(base, r);
        pnp_key_close(hklm);
        if (!NT_SUCCESS(status))
            return status;
    }
    return STATUS_SUCCESS;
}

static char *service_image(const struct package *p, const struct inf_service *svc)
{
    const char *name = svc->binary, *s;
    char *resolved = NULL, *absolute;
    if ((s = strrchr(name, '\\')) != NULL)
        name = s + 1;
    if ((s = strrchr(name, '/')) != NULL)
        name = s + 1;
    if (!NT_SUCCESS(ldr_resolve_image(svc->name, name, p->dir, &resolved)))
        return strdup(svc->image_path); /* loading reports it (CM_PROB_DRIVER_FAILED_LOAD) */
    absolute = os_path_absolute(resolved);
    free(resolved);
    return absolute;
}

static NTSTATUS write_service(const struct package *p, const struct inf_service *svc)
{
    char path[512];
    HANDLE key;
    char *image = service_image(p, svc);
    if (image == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    snprintf(path, sizeof path, "%s\\Services\\%s", PNP_REG_CCS, svc->name);
    NTSTATUS status = pnp_key_open(path, true, &key);
    if (NT_SUCCESS(status)) {
        pnp_key_set_sz(key, "ImagePath", image);
        pnp_key_set_dword(key, "Type", svc->service_type);
        pnp_key_set_dword(key, "Start", svc->start_type);
        status = pnp_key_set_dword(key, "ErrorControl", svc->error_control);
        if (svc->display_name != NULL && svc->display_name[0])
            pnp_key_set_sz(key, "DisplayName", svc->display_name);
        for (size_t i = 0; NT_SUCCESS(status) && i < svc->nregs; i++)
            status = apply_reg(key, &svc->regs[i]);
        pnp_key_close(key);
    }
    free(image);
    return status;
}

/* Control\Class\{GUID} (Class) and a new NNNN software key under it. */
static NTSTATUS create_software_key(const struct package *p, const char *guid, char *driver,
                                    size_t size, HANDLE *soft)
{
    char path[256];
    HANDLE cls;
    snprintf(path, sizeof path, "%s\\Control\\Class\\%s", PNP_REG_CCS, guid);
    NTSTATUS status = pnp_key_open(path, true, &cls);
    if (!NT_SUCCESS(status))
        return status;
    if (p->inf->version.class_name != NULL)
        pnp_key_set_sz(cls, "Class", p->inf->version.class_name);
    for (unsigned i = 0; i < 10000; i++) {
        char sub[8], full[300];
        snprintf(sub, sizeof sub, "%04u", i);
        snprintf(full, sizeof full, "%s\\%s", path, sub);
        if (pnp_key_exists(full))
            continue;
        snprintf(driver, size, "%s\\%s", guid, sub);
        status = pnp_key_open_sub(cls, sub, true, soft);
        break;
    }
    pnp_key_close(cls);
    return status;
}

static void write_software_values(HANDLE soft, const struct package *p, const struct inf_model *m,
                                  const struct inf_install *inst)
{
    const struct inf_version *v = &p->inf->version;
    const char *file = strrchr(p->path, '/') ? strrchr(p->path, '/') + 1 : p->path;
    char version[64];
    pnp_key_set_sz(soft, "DriverDesc", m->description);
    pnp_key_set_sz(soft, "InfPath", file);
    pnp_key_set_sz(soft, "InfSection", inst->section);
    pnp_key_set_sz(soft, "ProviderName", v->provider ? v->provider : "");
    if (v->has_driver_ver) {
        snprintf(version, sizeof version, "%u.%u.%u.%u", (unsigned)(v->version >> 48),
                 (unsigned)(v->version >> 32) & 0xFFFF, (unsigned)(v->version >> 16) & 0xFFFF,
                 (unsigned)v->version & 0xFFFF);
        pnp_key_set_sz(soft, "DriverVersion", version);
        snprintf(version, sizeof version, "%u-%u-%u", v->month, v->day, v->year);
        pnp_key_set_sz(soft, "DriverDate", version);
    }
    char *id = strdup(m->hwid); /* Windows keeps it in lower case */
    for (char *c = id; c != NULL && *c; c++)
        *c = (char)tolower((unsigned char)*c);
    if (id != NULL)
        pnp_key_set_sz(soft, "MatchingDeviceId", id);
    free(id);
}

static void write_enum_values(HANDLE key, const struct package *p, const struct inf_model *m,
                              const struct inf_install *inst, const char *guid, const char *driver)
{
    if (inst->function != NULL && inst->function->name[0])
        pnp_key_set_sz(key, "Service", inst->function->name);
    pnp_key_set_sz(key, "ClassGUID", guid);
    if (p->inf->version.class_name != NULL)
        pnp_key_set_sz(key, "Class", p->inf->version.class_name);
    pnp_key_set_sz(key, "Driver", driver);
    pnp_key_set_sz(key, "DeviceDesc", m->description);
    pnp_key_set_sz(key, "Mfg", m->manufacturer ? m->manufacturer : "");
    pnp_key_set_dword(key, "ConfigFlags", 0);
}

static NTSTATUS write_install(struct pnp_node *node, const struct package *p,
                              const struct inf_model *m, const struct inf_install *inst,
                              HANDLE enum_key)
{
    char guid[40] = "{00000000-0000-0000-0000-000000000000}", driver[64];
    HANDLE soft = NULL, params = NULL;
    NTSTATUS status = STATUS_SUCCESS;
    if (p->inf->version.has_class_guid)
        guid_text(&p->inf->version.class_guid, guid, sizeof guid);
    for (size_t i = 0; NT_SUCCESS(status) && i < inst->nservices; i++)
        if (inst->services[i].name[0])
            status = write_service(p, &inst->services[i]);
    if (NT_SUCCESS(status))
        status = create_software_key(p, guid, driver, sizeof driver, &soft);
    if (NT_SUCCESS(status))
        status = pnp_key_open_sub(enum_key, "Device Parameters", true, &params);
    if (NT_SUCCESS(status)) {
        write_software_values(soft, p, m, inst);
        write_enum_values(enum_key, p, m, inst, guid, driver);
        status = apply_regs(inst, soft, enum_key, params);
    }
    pnp_key_close(soft);
    pnp_key_close(params);
    if (NT_SUCCESS(status)) {
        free(node->class_guid);
        node->class_guid = strdup(guid);
        if (node->description == NULL)
            node->description = strdup(m->description);
    }
    return status;
}

/* The device's reported IDs on its Enum key (written on every enumeration, as Windows does). */
static void write_ids(HANDLE key, struct pnp_node *node)
{
    if (count(node->hardware_ids) > 0)
        pnp_key_set_multi(key, "HardwareID", (const char *const *)node->hardware_ids,
                          count(node->hardware_ids));
    if (count(node->compatible_ids) > 0)
        pnp_key_set_multi(key, "CompatibleIDs", (const char *const *)node->compatible_ids,
                          count(node->compatible_ids));
}

/* An Enum key that already names a driver (an earlier install, --registry): kept. */
static bool use_existing(struct pnp_node *node, HANDLE key)
{
    char *service = NULL, *driver = NULL;
    if (!NT_SUCCESS(pnp_key_get_sz(key, "Driver", &driver)))
        return false;
    free(driver);
    free(node->service);
    node->service = NULL;
    if (NT_SUCCESS(pnp_key_get_sz(key, "Service", &service)))
        node->service = service;
    free(node->class_guid);
    node->class_guid = NULL;
    pnp_key_get_sz(key, "ClassGUID", &node->class_guid);
    return true;
}

NTSTATUS pnp_install_node(struct pnp_node *node)
{
    HANDLE key;
    char *path = pnp_enum_key_path(node);
    struct inf_match m;
    struct inf_install inst;
    struct inf_error err;
    NTSTATUS status = path ? pnp_key_open(path, true, &key) : STATUS_INSUFFICIENT_RESOURCES;
    free(path);
    if (!NT_SUCCESS(status))
        return status;
    write_ids(key, node);
    if (use_existing(node, key)) {
        pnp_key_close(key);
        return STATUS_SUCCESS;
    }
    struct package *p = best_match(node->hardware_ids, node->compatible_ids, &m);
    status = p != NULL ? inf_install_read(p->inf, m.model, &inst, &err) : STATUS_NOT_FOUND;
    if (NT_SUCCESS(status))
        status = write_install(node, p, m.model, &inst, key);
    if (NT_SUCCESS(status) && inst.function != NULL && inst.function->name[0])
        node->service = strdup(inst.function->name);
    pnp_key_close(key);
    return status;
}
