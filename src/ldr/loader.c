/*
 * loader.c - loading a driver module and calling its entry point, as the NT loader and I/O
 * manager do: \Driver\<service> is created, DriverEntry(DriverObject, RegistryPath) runs at
 * PASSIVE_LEVEL, devices created there are made ready; a failing DriverEntry unloads the module
 * without DriverUnload. Unload calls DriverUnload, reports leaked pool and devices, and closes.
 *
 * Locking: ldr_lock protects the module list; loads and unloads are serialised by ldr_op_lock
 * (Windows serialises driver loads too) and driver code never runs under ldr_lock.
 */
#include "ldr/ldr_private.h"

#include "cm/cm.h"
#include "ex/ex.h"
#include "io/io.h"
#include "ke/ke.h"
#include "ps/ps.h"
#include "rtl/rtl.h"
#include "trace/trace.h"
#include "vf/vf.h"

#include <drvhost/drvhost.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Larger driver modules are refused (the largest shipping drivers are a few MiB). */
#define LDR_MAX_IMAGE (256u << 20)

struct ldr_module {
    struct ldr_module *next;
    char *service;
    char *path;
    void *handle;
    uintptr_t base;
    size_t size;
    struct io_driver *driver;
    /* The descriptor the module was mapped through (/proc/self/fd/N), open while the module
     * is: the dynamic loader knows a module by that name, so a later module opened through a
     * reused descriptor number would be taken for this one (0: none). */
    int fd;
    /* Built with `drvcc --fuzz` (fuzz preset only): never unmapped, see ldr_keep. */
    bool instrumented;
    /* Driver Verifier options: the service key's VerifyDriverLevel, read before DriverEntry
     * (written once, before the driver's code runs; read by the pool's lookup). */
    ULONG verify_level;
};

/* The mappings of instrumented modules, kept until the process exits. Their constructors
 * registered their coverage counters and PC tables with libFuzzer, which keeps the pointers
 * and reads the counters after every input, and has no way to unregister them: unmapping the
 * module would leave it reading freed memory. So an unloaded instrumented module (DriverUnload
 * ran, its driver object is gone, nothing calls it) stays mapped, with the descriptor it was
 * mapped through (a later module opened through that descriptor number would otherwise be
 * taken for it). Deviation: its image stays in the address space after the unload. Under
 * ldr_lock; the list only grows. */
struct ldr_kept {
    struct ldr_kept *next;
    void *handle;
    int fd;
};
static struct ldr_kept *ldr_kept_list;

/* Pool verification at unload (Driver Verifier's pool tracking, always on here). */

static os_mutex ldr_lock = OS_MUTEX_INIT;
/* Device objects drivers left at their unload since boot (ldr_shutdown returns it). */
static size_t ldr_leaked_devices;
static os_mutex ldr_op_lock = OS_MUTEX_INIT;
static struct ldr_module *ldr_modules;

struct ldr_module *ldr_module_of(const void *address)
{
    struct ldr_module *m;
    uintptr_t a = (uintptr_t)address;
    os_mutex_lock(&ldr_lock);
    for (m = ldr_modules; m != NULL; m = m->next)
        if (a >= m->base && a - m->base < m->size)
            break;
    os_mutex_unlock(&ldr_lock);
    return m;
}

const char *ldr_module_name(const struct ldr_module *module)
{
    return module->service;
}

static const char *ldr_namer(const void *address)
{
    struct ldr_module *m = ldr_module_of(address);
    return m ? m->service : NULL;
}

static void *ldr_owner(const void *address)
{
    return ldr_module_of(address);
}

static ULONG ldr_verify_flags(void *owner)
{
    return ((struct ldr_module *)owner)->verify_level;
}

NTSTATUS ldr_init(void)
{
    ke_set_address_namer(ldr_namer);
    ex_set_owner_lookup(ldr_owner);
    ex_set_verify_lookup(ldr_verify_flags);
    return STATUS_SUCCESS;
}

static struct ldr_module *ldr_find(const char *service)
{
    struct ldr_module *m;
    os_mutex_lock(&ldr_lock);
    for (m = ldr_modules; m != NULL && strcasecmp(m->service, service) != 0; m = m->next)
        ;
    os_mutex_unlock(&ldr_lock);
    return m;
}

PDRIVER_OBJECT ldr_driver_object(const char *service)
{
    struct ldr_module *m = ldr_find(service);
    return m != NULL && m->driver != NULL ? &m->driver->object : NULL;
}

/* ---- finding and checking the image -------------------------------------------------- */

static bool ldr_dir_listed(char *const dirs[], size_t n, const char *dir)
{
    char *abs = os_path_absolute(dir);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++) {
        char *other = os_path_absolute(dirs[i]);
        found = abs && other && strcmp(abs, other) == 0;
        free(other);
    }
    free(abs);
    return found;
}

/* The folders searched for a relative image that is not found as given: DRVHOST_DRIVER_PATH
 * (colon-separated), then the runtime's own driver folder (<libdir>/drvhost/drivers when
 * installed, <build>/drivers in a build tree), where the samples' modules are. */
static size_t ldr_search_dirs(char *dirs[], size_t max)
{
    const char *env = getenv("DRVHOST_DRIVER_PATH");
    char *rt = os_runtime_dir(), buf[4096];
    size_t n = 0;
    for (const char *p = env ? env : ""; *p && n < max;) {
        size_t len = strcspn(p, ":");
        if (len > 0 && len < sizeof(buf))
            dirs[n++] = strndup(p, len);
        p += len + (p[len] == ':');
    }
    if (rt != NULL) {
        static const char *const rel[] = {"/drvhost/drivers", "/../drivers"};
        for (size_t i = 0; i < 2 && n < max; i++) {
            snprintf(buf, sizeof(buf), "%s%s", rt, rel[i]);
            char *dir = os_path_exists(buf) ? os_path_absolute(buf) : NULL;
            if (dir != NULL && !ldr_dir_listed(dirs, n, dir))
                dirs[n++] = dir;
            else
                free(dir);
        }
        free(rt);
    }
    return n;
}

static void ldr_note_tried(char *tried, size_t size, const char *path)
{
    size_t used = strlen(tried);
    snprintf(tried + used, size - used, "%s%s", used ? ", " : "", path);
}

/* A path the dynamic loader takes as a path, never as a name to search for. */
static char *ldr_as_path(const char *path)
{
    char *out;
    if (strchr(path, '/') != NULL)
        return strdup(path);
    if (asprintf(&out, "./%s", path) < 0)
        return NULL;
    return out;
}

/* dir/name (or name alone without dir) into buf; false if it does not fit (never cut short). */
static bool ldr_join(char *buf, size_t size, const char *dir, const char *name)
{
    int n = dir != NULL ? snprintf(buf, size, "%s/%s", dir, name) : snprintf(buf, size, "%s", name);
    return n >= 0 && (size_t)n < size;
}

/* Where IMAGE is: an absolute IMAGE as given; a relative one in `base` (the current folder if
 * NULL), else its file name in each search folder. *resolved is malloc'ed; the paths tried go
 * to `tried`. */
static NTSTATUS ldr_find_image(const char *image, const char *base_dir, char **resolved,
                               char *tried, size_t size)
{
    char *dirs[16], candidate[4096];
    const char *base = strrchr(image, '/');
    size_t n;
    tried[0] = 0;
    *resolved = NULL;
    if (image[0] == 0)
        return STATUS_OBJECT_NAME_INVALID;
    if (!ldr_join(candidate, sizeof(candidate),
                  image[0] != '/' && base_dir != NULL && base_dir[0] != 0 ? base_dir : NULL, image))
        return STATUS_NAME_TOO_LONG;
    ldr_note_tried(tried, size, candidate);
    if (os_path_exists(candidate) || image[0] == '/') {
        *resolved = os_path_exists(candidate) ? ldr_as_path(candidate) : NULL;
        return *resolved ? STATUS_SUCCESS : STATUS_OBJECT_NAME_NOT_FOUND;
    }
    base = base ? base + 1 : image;
    n = ldr_search_dirs(dirs, 16);
    for (size_t i = 0; i < n; i++) {
        if (*resolved == NULL && ldr_join(candidate, sizeof(candidate), dirs[i], base)) {
            ldr_note_tried(tried, size, candidate);
            if (os_path_exists(candidate))
                *resolved = strdup(candidate);
        }
        free(dirs[i]);
    }
    return *resolved ? STATUS_SUCCESS : STATUS_OBJECT_NAME_NOT_FOUND;
}

NTSTATUS ldr_resolve_image(const char *service, const char *image, const char *base_dir,
                           char **resolved)
{
    char tried[4096];
    NTSTATUS status = ldr_find_image(image, base_dir, resolved, tried, sizeof(tried));
    if (status == STATUS_OBJECT_NAME_NOT_FOUND)
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': driver image '%s' not found (%s); tried: %s",
                 service, image, os_error_text(ENOENT), tried);
    else if (status == STATUS_NAME_TOO_LONG)
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': the driver image's path is too long",
                 service);
    else if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': empty driver image name", service);
    return status;
}

static NTSTATUS ldr_check_imports_of(const char *service, const char *path, void *image,
                                     size_t size, bool *instrumented)
{
    char missing[4096];
    int n = ldr_check_imports(image, size, instrumented, missing, sizeof(missing));
    if (n < 0) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': '%s' is not a driver module: %s", service,
                 path, missing);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (n > 0) {
        /* One message, the names one per line below it, indented. */
        char list[4096 + 512];
        size_t used = 0;
        for (char *line = strtok(missing, "\n"); line && used < sizeof(list);
             line = strtok(NULL, "\n"))
            used += (size_t)snprintf(list + used, sizeof(list) - used, "\n  %s", line);
        rtl_diag(RTL_DIAG_ERROR, "ldr",
                 "service '%s': '%s' imports %d routine(s) that drvhost does not implement:%s",
                 service, path, n, list);
        return STATUS_PROCEDURE_NOT_FOUND;
    }
    return STATUS_SUCCESS;
}

/* A module that cannot be opened or read: the one errno mapping, opening a file (a missing image
 * is STATUS_OBJECT_NAME_NOT_FOUND); what it has no status for is not a loadable image. */
static NTSTATUS ldr_status_of_errno(int error)
{
    return rtl_status_from_errno(error, OS_ERRNO_OPEN, STATUS_INVALID_IMAGE_FORMAT);
}

/* Reads and checks the module open as fd; its image stays in *image (to free) when the check
 * passed. */
static NTSTATUS ldr_check_fd(struct ldr_module *m, int fd, void **image, size_t *size)
{
    const char *service = m->service, *path = m->path;
    int kind = os_file_kind(fd), error;
    NTSTATUS status;
    *image = NULL;
    *size = 0;
    if (kind == OS_FILE_REGULAR)
        error = os_file_read_fd(fd, LDR_MAX_IMAGE, image, size);
    else
        error = kind < 0 ? -kind : kind == OS_FILE_DIRECTORY ? EISDIR : ENOEXEC;
    if (error != 0) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': cannot read driver image '%s': %s", service,
                 path, error == ENOEXEC ? "not a regular file" : os_error_text(error));
        return ldr_status_of_errno(error);
    }
    status = ldr_check_imports_of(service, path, *image, *size, &m->instrumented);
    if (!NT_SUCCESS(status)) {
        free(*image);
        *image = NULL;
    }
    return status;
}

static bool ldr_is_kept(void *handle)
{
    bool kept = false;
    os_mutex_lock(&ldr_lock);
    for (struct ldr_kept *k = ldr_kept_list; k != NULL && !kept; k = k->next)
        kept = k->handle == handle;
    os_mutex_unlock(&ldr_lock);
    return kept;
}

/* An instrumented module loaded again while its earlier image is kept mapped (ldr_kept_list):
 * the dynamic loader knows the file and hands back the old mapping, whose globals hold what
 * the earlier driver left. The module is mapped afresh from a copy of its checked image in a
 * memory file instead (its constructors register the new copy's counters). Returns the
 * descriptor the module is now mapped through: the copy's, or fd when nothing changed. */
static int ldr_map_fresh(struct ldr_module *m, int fd, const void *image, size_t size)
{
    const char *base = strrchr(m->path, '/');
    char error[512];
    int copy;
    if (m->handle == NULL || !m->instrumented || !ldr_is_kept(m->handle))
        return fd;
    os_module_close(m->handle); /* the reference this load took: the kept one stays */
    m->handle = NULL;
    copy = os_file_memory_copy(base != NULL ? base + 1 : m->path, image, size);
    if (copy < 0) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': cannot copy '%s' to map it again: %s",
                 m->service, m->path, os_error_text(-copy));
        return fd;
    }
    os_file_close(fd);
    m->handle = os_module_open_fd(copy, error, sizeof(error));
    if (m->handle == NULL)
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': cannot load the copy of '%s': %s",
                 m->service, m->path, error);
    return copy;
}

/* Opens the image once: the descriptor that was checked is the one the dynamic loader maps. */
static NTSTATUS ldr_open_module(struct ldr_module *m, PDRIVER_INITIALIZE *entry)
{
    char error[512];
    int fd = os_file_open_read(m->path);
    void *image;
    size_t size;
    NTSTATUS status;
    if (fd < 0) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': cannot open driver image '%s': %s",
                 m->service, m->path, os_error_text(-fd));
        return ldr_status_of_errno(-fd);
    }
    status = ldr_check_fd(m, fd, &image, &size);
    if (NT_SUCCESS(status)) {
        m->handle = os_module_open_fd(fd, error, sizeof(error));
        if (m->handle == NULL)
            rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': cannot load '%s': %s", m->service,
                     m->path, error);
        fd = ldr_map_fresh(m, fd, image, size);
        if (m->handle == NULL)
            status = STATUS_INVALID_IMAGE_FORMAT;
        free(image);
    }
    if (m->handle != NULL)
        m->fd = fd + 1; /* kept open until ldr_module_free */
    else
        os_file_close(fd);
    if (!NT_SUCCESS(status))
        return status;
    /* A framework driver's entry point is the framework's FxDriverEntry (linked in by
     * `drvcc --kmdf`), which calls the driver's DriverEntry, as on Windows. */
    *entry = (PDRIVER_INITIALIZE)os_module_symbol(m->handle, "FxDriverEntry");
    if (*entry == NULL)
        *entry = (PDRIVER_INITIALIZE)os_module_symbol(m->handle, "DriverEntry");
    if (*entry == NULL) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "service '%s': '%s' has no DriverEntry", m->service,
                 m->path);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (!os_module_range(m->handle, &m->base, &m->size))
        return STATUS_INVALID_IMAGE_FORMAT;
    return STATUS_SUCCESS;
}

/* Keeps an instrumented module's mapping and descriptor (ldr_kept_list); false if it has none
 * or is not instrumented, or (no memory) to close it after all. */
static bool ldr_keep(struct ldr_module *m)
{
    struct ldr_kept *k = m->instrumented && m->handle != NULL ? malloc(sizeof(*k)) : NULL;
    if (k == NULL)
        return false;
    k->handle = m->handle;
    k->fd = m->fd - 1;
    os_mutex_lock(&ldr_lock);
    k->next = ldr_kept_list;
    ldr_kept_list = k;
    os_mutex_unlock(&ldr_lock);
    return true;
}

static void ldr_module_free(struct ldr_module *m)
{
    if (ldr_keep(m)) {
        m->handle = NULL;
        m->fd = 0;
    }
    if (m->handle != NULL)
        os_module_close(m->handle);
    if (m->fd > 0)
        os_file_close(m->fd - 1);
    free(m->service);
    free(m->path);
    free(m);
}

static void ldr_list_remove(struct ldr_module *m)
{
    os_mutex_lock(&ldr_lock);
    for (struct ldr_module **pp = &ldr_modules; *pp; pp = &(*pp)->next)
        if (*pp == m) {
            *pp = m->next;
            break;
        }
    os_mutex_unlock(&ldr_lock);
}

/* The driver's image name as a counted string, for parameter 2 of 0xC4/0x62 ("name of the
 * driver"). Static: only the first bug check runs. Non-ASCII bytes become '?'. */
static PUNICODE_STRING ldr_image_name(const struct ldr_module *m)
{
    static WCHAR buffer[128];
    static UNICODE_STRING name;
    const char *base = strrchr(m->path, '/');
    size_t n = 0;
    for (base = base ? base + 1 : m->path; base[n] != '\0' && n < 127; n++)
        buffer[n] = (unsigned char)base[n] < 0x80 ? (WCHAR)base[n] : L'?';
    name.Buffer = buffer;
    name.Length = (USHORT)(n * sizeof(WCHAR));
    name.MaximumLength = sizeof(buffer);
    return &name;
}

/* A driver unloading (or failing DriverEntry) while it still holds pool: Driver Verifier's
 * DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4, 0x62 (name of the driver, reserved, number of
 * allocations not freed), after the list of those allocations (tag, size, call site). */
static void ldr_verify_pool(struct ldr_module *m)
{
    size_t blocks = ex_pool_report_leaks(m, m->service);
    /* The routine that ran last: DriverUnload, or DriverEntry when it failed. */
    PDRIVER_OBJECT d = m->driver != NULL ? &m->driver->object : NULL;
    const void *routine = d == NULL                        ? NULL
                          : d->Flags & DRVO_UNLOAD_INVOKED ? (const void *)d->DriverUnload
                                                           : (const void *)d->DriverInit;
    if (blocks != 0)
        ke_bugcheck_routine(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_POOL_LEAK_AT_UNLOAD,
                            (ULONG_PTR)ldr_image_name(m), 0, blocks, routine,
                            "driver '%s' is unloading without freeing %zu pool allocation%s "
                            "(listed above)",
                            m->service, blocks, blocks == 1 ? "" : "s");
}

/* Releases what a driver left behind. The module itself is closed when its driver object is
 * freed (ldr_release_module), which waits for the last device object. `unloading`: the driver
 * is unloaded (DriverUnload ran, or DriverEntry failed), so what it still holds is a leak:
 * devices are reported and counted (Windows keeps the driver object while they exist, with no
 * bug check; drvhost deletes them and fails the run), pool is bug check 0xC4/0x62. FALSE: a
 * driver without DriverUnload at shutdown, which Windows never unloads, so nothing it holds is
 * a leak. */
static void ldr_teardown(struct ldr_module *m, BOOLEAN unloading)
{
    if (unloading) { /* still listed: the bug-check report names the driver */
        size_t devices = m->driver != NULL ? io_driver_report_devices(m->driver) : 0;
        __atomic_add_fetch(&ldr_leaked_devices, devices, __ATOMIC_RELAXED);
        ldr_verify_pool(m);
    }
    ldr_list_remove(m);
    io_boot_driver_unloaded((const void *)m->base, m->size);
    ex_pool_release_owner(m);
    if (m->driver != NULL)
        trace_driver_gone(&m->driver->object); /* its control block is in the module */
    if (m->driver != NULL)
        io_driver_destroy(m->driver); /* may free m through ldr_release_module */
    else
        ldr_module_free(m);
}

static void ldr_release_module(void *module)
{
    ldr_module_free(module);
}

/* Windows runs DriverEntry and DriverUnload of a driver loaded or unloaded on request
 * (NtLoadDriver, NtUnloadDriver) in a system worker thread's work item, so one that returns
 * above PASSIVE_LEVEL is WORKER_THREAD_RETURNED_AT_BAD_IRQL 0xE1. drvhost calls them in the
 * requesting thread, with no work item: parameter 1 is the driver's routine (Windows: the
 * I/O manager's work routine), 2 the IRQL, 3 the driver object (the work item's parameter),
 * 4 zero (no work item). The report names the driver and the routine. */
static void ldr_check_return(struct ldr_module *m, const void *routine, const char *what)
{
    KIRQL irql = ke_irql();
    if (irql != PASSIVE_LEVEL)
        ke_bugcheck_routine(BUGCODE_WORKER_THREAD_RETURNED_AT_BAD_IRQL, (ULONG_PTR)routine, irql,
                            (ULONG_PTR)&m->driver->object, 0, routine,
                            "%s of '%s' returned at IRQL %u", what, m->service, irql);
}

/* The module's host path as UTF-16 in *name (*buf to free, NULL when the fallback is used):
 * drvhost has no \SystemRoot; a path that is not valid UTF-8 is given as its file name's
 * ASCII form. */
static void ldr_host_path_name(const struct ldr_module *m, UNICODE_STRING *name, WCHAR **buf)
{
    size_t len = strlen(m->path), n = 0;
    *buf = malloc((len + 1) * sizeof(WCHAR));
    if (*buf == NULL || !rtl_utf8_to_utf16(m->path, len, *buf, &n) || n * 2 > MAXUSHORT) {
        free(*buf);
        *buf = NULL;
        *name = *ldr_image_name(m);
        return;
    }
    name->Buffer = *buf;
    name->Length = (USHORT)(n * sizeof(WCHAR));
    name->MaximumLength = name->Length;
}

/* The load-image notify routines (PsSetLoadImageNotifyRoutine) hear of the module once it is
 * mapped, before its entry point runs, as Windows notifies a driver image. FullImageName is
 * the module's host path (ldr_host_path_name). */
static void ldr_notify_image(const struct ldr_module *m)
{
    UNICODE_STRING name;
    WCHAR *buf;
    ldr_host_path_name(m, &name, &buf);
    ps_notify_image_load(&name, (void *)m->base, m->size);
    free(buf);
}

/* Calls fn for each REG_DWORD value of the driver's service key. */
static NTSTATUS ldr_service_dwords(const struct ldr_module *m,
                                   void (*fn)(const char *name, ULONG value, void *ctx), void *ctx)
{
    static const char services[] = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\";
    char key[sizeof(services) + 256];
    if (strlen(m->service) > 255)
        return STATUS_OBJECT_NAME_NOT_FOUND;
    snprintf(key, sizeof(key), "%s%s", services, m->service);
    return cm_key_dword_values(key, fn, ctx);
}

static void ldr_start_value(const char *name, ULONG value, void *ctx)
{
    if (strcasecmp(name, "Start") == 0)
        *(ULONG *)ctx = value;
}

static void ldr_verify_value(const char *name, ULONG value, void *ctx)
{
    if (strcasecmp(name, "VerifyDriverLevel") == 0)
        *(ULONG *)ctx = value;
}

/* The driver's Driver Verifier options: VerifyDriverLevel (REG_DWORD) in its service key, 0
 * (none of the optional checks) when absent. Deviation: Windows keeps one VerifyDriverLevel
 * for the drivers VerifyDrivers names, under Session Manager\Memory Management, read at boot;
 * drvhost reads one per driver at its load (docs/verifier.md). */
static void ldr_read_verify_level(struct ldr_module *m)
{
    ULONG level = 0;
    if (NT_SUCCESS(ldr_service_dwords(m, ldr_verify_value, &level)))
        m->verify_level = level;
}

/* A boot-start driver (service Start = SERVICE_BOOT_START, 0) is reported to the boot driver
 * callbacks before its entry point (io/bootcb.c has drvhost's model of the boot phase). FALSE
 * if one classified it known bad: Windows' default boot policy does not initialise it. */
static BOOLEAN ldr_boot_driver_allowed(const struct ldr_module *m)
{
    ULONG start = 3; /* SERVICE_DEMAND_START, when the value is missing */
    UNICODE_STRING name;
    WCHAR *buf;
    BOOLEAN allowed;
    if (!NT_SUCCESS(ldr_service_dwords(m, ldr_start_value, &start)) ||
        start != 0 /* SERVICE_BOOT_START */)
        return TRUE;
    ldr_host_path_name(m, &name, &buf);
    allowed = io_boot_driver_image(&name, &m->driver->registry_path);
    free(buf);
    return allowed;
}

static NTSTATUS ldr_call_entry(struct ldr_module *m, PDRIVER_INITIALIZE entry)
{
    NTSTATUS status;
    char text[96];
    m->driver->object.DriverInit = entry;
    m->driver->object.DriverStart = (PVOID)m->base;
    m->driver->object.DriverSize = (ULONG)m->size;
    ldr_read_verify_level(m);
    ldr_notify_image(m);
    if (!ldr_boot_driver_allowed(m)) {
        rtl_diag(RTL_DIAG_ERROR, "ldr",
                 "boot-start driver '%s' not initialised: a boot driver callback classified "
                 "it known bad (BdCbClassificationKnownBadImage)",
                 m->service);
        return STATUS_DRIVER_BLOCKED;
    }
    status = entry(&m->driver->object, &m->driver->registry_path);
    ldr_check_return(m, (const void *)entry, "DriverEntry");
    if (!NT_SUCCESS(status))
        rtl_diag(RTL_DIAG_ERROR, "ldr", "DriverEntry of '%s' failed: %s", m->service,
                 drvhost_status_format(status, text, sizeof(text)));
    return status;
}

static NTSTATUS ldr_prepare(const char *service, struct ldr_module **out, PDRIVER_INITIALIZE *entry)
{
    char *image = NULL;
    struct ldr_module *m;
    NTSTATUS status = cm_service_image_path(service, &image);
    if (!NT_SUCCESS(status)) {
        rtl_diag(RTL_DIAG_ERROR, "ldr", "no service named '%s'", service);
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    m = calloc(1, sizeof(*m));
    if (m == NULL || (m->service = strdup(service)) == NULL) {
        free(image);
        free(m);
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    status = ldr_resolve_image(service, image, NULL, &m->path);
    free(image);
    if (NT_SUCCESS(status))
        status = ldr_open_module(m, entry);
    if (NT_SUCCESS(status))
        status = io_driver_create(service, &m->driver);
    if (!NT_SUCCESS(status)) {
        ldr_module_free(m);
        return status;
    }
    m->driver->module = m;
    m->driver->release_module = ldr_release_module;
    *out = m;
    return STATUS_SUCCESS;
}

NTSTATUS ldr_load(const char *service)
{
    struct ldr_module *m;
    PDRIVER_INITIALIZE entry;
    NTSTATUS status;
    os_mutex_lock(&ldr_op_lock);
    if (ldr_find(service) != NULL) {
        os_mutex_unlock(&ldr_op_lock);
        return STATUS_IMAGE_ALREADY_LOADED;
    }
    status = ldr_prepare(service, &m, &entry);
    if (NT_SUCCESS(status)) {
        os_mutex_lock(&ldr_lock);
        m->next = ldr_modules;
        ldr_modules = m;
        os_mutex_unlock(&ldr_lock);
        status = ldr_call_entry(m, entry);
        if (NT_SUCCESS(status))
            io_driver_ready_devices(m->driver);
        else
            ldr_teardown(m, TRUE);
    }
    os_mutex_unlock(&ldr_op_lock);
    return status;
}

/* DriverUnload, then what the driver left behind. Not under ldr_op_lock when deferred: it runs
 * from the close of the last handle, possibly inside another driver's code. */
static void ldr_run_unload(void *module)
{
    struct ldr_module *m = module;
    m->driver->object.Flags |= DRVO_UNLOAD_INVOKED;
    ke_dpc_wait_running(); /* the DPC that completed the last request has returned (dpc.c) */
    io_boot_driver_unloading((const void *)m->base, m->size);
    m->driver->object.DriverUnload(&m->driver->object);
    ldr_check_return(m, (const void *)m->driver->object.DriverUnload, "DriverUnload");
    /* Work items and DPCs the driver queued must not run after its code is gone. */
    KeFlushQueuedDpcs();
    ex_flush_work();
    ldr_teardown(m, TRUE);
}

static NTSTATUS ldr_unload_module(struct ldr_module *m)
{
    if (m->driver->object.DriverUnload == NULL)
        return STATUS_INVALID_DEVICE_REQUEST;
    m->driver->deferred_unload = ldr_run_unload;
    __atomic_store_n(&m->driver->unload_pending, 1, __ATOMIC_RELEASE);
    if (io_driver_claim_unload(m->driver, TRUE)) {
        ldr_run_unload(m);
    } else if (__atomic_load_n(&m->driver->unload_pending, __ATOMIC_ACQUIRE)) {
        rtl_diag(RTL_DIAG_NOTE, "ldr",
                 "driver '%s' has open handles: DriverUnload runs when the last one "
                 "closes",
                 m->service);
    }
    return STATUS_SUCCESS;
}

NTSTATUS ldr_unload(const char *service)
{
    struct ldr_module *m;
    NTSTATUS status = STATUS_OBJECT_NAME_NOT_FOUND;
    os_mutex_lock(&ldr_op_lock);
    m = ldr_find(service);
    if (m != NULL)
        status = ldr_unload_module(m);
    os_mutex_unlock(&ldr_op_lock);
    return status;
}

size_t ldr_shutdown(void)
{
    size_t leaks;
    os_mutex_lock(&ldr_op_lock);
    while (ldr_modules != NULL) {
        struct ldr_module *m = ldr_modules;
        if (m->driver->object.DriverUnload == NULL) {
            rtl_diag(RTL_DIAG_NOTE, "ldr",
                     "driver '%s' has no DriverUnload: released at shutdown (%zu pool "
                     "allocation(s) still held; not a leak: Windows never unloads it)",
                     m->service, ex_pool_owner_count(m));
            ldr_teardown(m, FALSE);
        } else if (m->driver->unload_pending == 0 || io_driver_claim_unload(m->driver, FALSE)) {
            /* Handles still open at shutdown (held by other drivers) do not defer it now. */
            m->driver->deferred_unload = ldr_run_unload;
            ldr_run_unload(m);
        }
    }
    os_mutex_unlock(&ldr_op_lock);
    leaks = __atomic_exchange_n(&ldr_leaked_devices, 0, __ATOMIC_RELAXED);
    return leaks;
}
