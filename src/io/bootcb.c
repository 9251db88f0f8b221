/*
 * bootcb.c - boot driver callbacks (ntddk.h): IoRegisterBootDriverCallback,
 * IoUnregisterBootDriverCallback, and the deliveries the loader asks for (io_boot_driver_image
 * before a boot-start driver's entry point, io_boot_driver_unloading before a driver's unload
 * routine).
 *
 * drvhost has no boot loader: every driver is loaded after drvhost_init, on the host's request.
 * Its model of the boot-start phase (docs/notify.md, "Boot driver callbacks"):
 *  - a driver whose service key has Start = 0 (SERVICE_BOOT_START) is a boot-start driver.
 *    When the loader loads one, each registered callback first gets, once per registration,
 *    BdCbStatusUpdate with BdCbStatusPrepareForDependencyLoad and then
 *    BdCbStatusPrepareForDriverLoad (drvhost modules have no dependent DLLs: there is never a
 *    dependency image), then BdCbInitializeImage for the driver, before its DriverEntry;
 *  - the image information: ImageName the module's host path, RegistryPath the service key,
 *    ImageFlags 0; no certificate (CertificatePublisher and CertificateIssuer empty, as for an
 *    unsigned image), no Authenticode hash (ImageHash NULL, length 0): the modules are ELF
 *    objects that carry neither;
 *  - Windows' default boot policy: a driver that a callback classifies
 *    BdCbClassificationKnownBadImage is not initialised (its DriverEntry is not called; the load
 *    fails with STATUS_DRIVER_BLOCKED, drvhost's choice of status); KnownBadImageBootCritical,
 *    KnownGood and Unknown are initialised;
 *  - the phase ends, for a registration, when the driver that registered it unloads: its
 *    callback gets BdCbStatusPrepareForUnload before the driver's unload routine runs (which
 *    unregisters it), preceded by the two prepare updates if no boot-start driver loaded.
 * A registration left behind by an unloaded driver points into code that is gone: the next
 * delivery to it is bug check 0xCE DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS, as on
 * Windows when the kernel calls into an unloaded image.
 *
 * Locking: io_bootcb_lock guards the list and the in-flight counts. Callbacks are called
 * without it, on a snapshot whose registrations are held by their in-flight count;
 * IoUnregisterBootDriverCallback waits until no delivery to its registration is in progress,
 * so the driver may unload once it returns (a callback must not unregister itself).
 */
#include "io/io_private.h"

#include <ntddk.h>

#include "ke/ke.h"
#include "rtl/rtl.h"
#include "vf/vf.h"

#include <stdlib.h>

struct io_bootcb {
    struct io_bootcb *next;
    PBOOT_DRIVER_CALLBACK_FUNCTION routine;
    PVOID context;
    int inflight;
    /* Both set once, atomically: loads are serialised by the loader, but a deferred unload (at
     * the close of a driver's last handle) may deliver PrepareForUnload meanwhile. */
    BOOLEAN prepared; /* the two prepare status updates were delivered (or are being) */
    BOOLEAN stale;    /* the driver that registered it unloaded without unregistering */
};

static os_mutex io_bootcb_lock = OS_MUTEX_INIT;
static os_cond io_bootcb_idle;
static BOOLEAN io_bootcb_idle_ready;
static struct io_bootcb *io_bootcbs;

NTKERNELAPI PVOID NTAPI
IoRegisterBootDriverCallback(PBOOT_DRIVER_CALLBACK_FUNCTION CallbackFunction, PVOID CallbackContext)
{
    struct io_bootcb *r;
    if (CallbackFunction == NULL)
        return NULL;
    r = calloc(1, sizeof(*r));
    if (r == NULL)
        return NULL;
    r->routine = CallbackFunction;
    r->context = CallbackContext;
    os_mutex_lock(&io_bootcb_lock);
    if (!io_bootcb_idle_ready) {
        os_cond_init(&io_bootcb_idle);
        io_bootcb_idle_ready = TRUE;
    }
    r->next = io_bootcbs;
    io_bootcbs = r;
    os_mutex_unlock(&io_bootcb_lock);
    return r;
}

NTKERNELAPI VOID NTAPI IoUnregisterBootDriverCallback(PVOID CallbackHandle)
{
    struct io_bootcb **p;
    os_mutex_lock(&io_bootcb_lock);
    for (p = &io_bootcbs; *p != NULL && *p != CallbackHandle; p = &(*p)->next)
        ;
    if (*p == NULL) {
        os_mutex_unlock(&io_bootcb_lock);
        /* Windows documents no failure (the routine returns nothing): a handle it never
         * returned is the driver's bug, named here rather than ignored silently. */
        rtl_diag(RTL_DIAG_ERROR, "io",
                 "IoUnregisterBootDriverCallback: %p is not a registration of "
                 "IoRegisterBootDriverCallback (ignored)",
                 CallbackHandle);
        return;
    }
    *p = (*p)->next;
    while (((struct io_bootcb *)CallbackHandle)->inflight)
        os_cond_wait(&io_bootcb_idle, &io_bootcb_lock);
    os_mutex_unlock(&io_bootcb_lock);
    free(CallbackHandle);
}

/* The registrations now listed, each held by its in-flight count; *n of them (NULL if none or
 * out of memory: nothing is delivered then). */
static struct io_bootcb **io_bootcb_begin(size_t *n)
{
    struct io_bootcb *r, **copy = NULL;
    size_t count = 0, i = 0;
    os_mutex_lock(&io_bootcb_lock);
    for (r = io_bootcbs; r != NULL; r = r->next)
        count++;
    if (count != 0)
        copy = malloc(count * sizeof(*copy));
    for (r = io_bootcbs; copy != NULL && r != NULL; r = r->next) {
        r->inflight++;
        copy[i++] = r;
    }
    os_mutex_unlock(&io_bootcb_lock);
    *n = i;
    return copy;
}

static void io_bootcb_end(struct io_bootcb **copy, size_t n)
{
    os_mutex_lock(&io_bootcb_lock);
    for (size_t i = 0; i < n; i++)
        copy[i]->inflight--;
    if (n != 0)
        os_cond_broadcast(&io_bootcb_idle);
    os_mutex_unlock(&io_bootcb_lock);
    free(copy);
}

/* Calls one registration; its code must still be loaded. Parameter 1 of 0xCE is the address
 * referenced (the callback), 2 zero (a read: the fetch of its code), 3 zero (the referencing
 * instruction is the runtime's), 4 reserved. */
static void io_bootcb_call(struct io_bootcb *r, BDCB_CALLBACK_TYPE type, PVOID info)
{
    if (__atomic_load_n(&r->stale, __ATOMIC_ACQUIRE))
        ke_bugcheck_msg(BUGCODE_DRIVER_UNLOADED_WITHOUT_CANCELLING_PENDING_OPERATIONS,
                        (ULONG_PTR)r->routine, 0, 0, 0,
                        "a boot driver callback (%p) of a driver that unloaded without "
                        "IoUnregisterBootDriverCallback",
                        (void *)r->routine);
    r->routine(r->context, type, (PBDCB_IMAGE_INFORMATION)info);
}

static void io_bootcb_status(struct io_bootcb *r, BDCB_STATUS_UPDATE_TYPE what)
{
    BDCB_STATUS_UPDATE_CONTEXT update = {.StatusType = what};
    io_bootcb_call(r, BdCbStatusUpdate, &update);
}

static void io_bootcb_prepare(struct io_bootcb *r)
{
    if (__atomic_exchange_n(&r->prepared, TRUE, __ATOMIC_ACQ_REL))
        return;
    io_bootcb_status(r, BdCbStatusPrepareForDependencyLoad);
    io_bootcb_status(r, BdCbStatusPrepareForDriverLoad);
}

BOOLEAN io_boot_driver_image(PCUNICODE_STRING image_name, PCUNICODE_STRING registry_path)
{
    size_t n;
    struct io_bootcb **regs = io_bootcb_begin(&n);
    BOOLEAN allowed = TRUE;
    for (size_t i = 0; i < n; i++) {
        /* A fresh structure for each callback: one callback's answer is not the next one's
         * starting point. */
        BDCB_IMAGE_INFORMATION info = {.Classification = BdCbClassificationUnknownImage};
        info.ImageName = *image_name;
        info.RegistryPath = *registry_path;
        io_bootcb_prepare(regs[i]);
        io_bootcb_call(regs[i], BdCbInitializeImage, &info);
        if (info.Classification == BdCbClassificationKnownBadImage)
            allowed = FALSE;
    }
    io_bootcb_end(regs, n);
    return allowed;
}

void io_boot_driver_unloading(const void *base, size_t size)
{
    size_t n;
    struct io_bootcb **regs = io_bootcb_begin(&n);
    for (size_t i = 0; i < n; i++) {
        uintptr_t a = (uintptr_t)regs[i]->routine;
        if (__atomic_load_n(&regs[i]->stale, __ATOMIC_ACQUIRE) || a < (uintptr_t)base ||
            a - (uintptr_t)base >= size)
            continue;
        io_bootcb_prepare(regs[i]);
        io_bootcb_status(regs[i], BdCbStatusPrepareForUnload);
    }
    io_bootcb_end(regs, n);
}

void io_boot_driver_unloaded(const void *base, size_t size)
{
    struct io_bootcb *r;
    os_mutex_lock(&io_bootcb_lock);
    for (r = io_bootcbs; r != NULL; r = r->next) {
        uintptr_t a = (uintptr_t)r->routine;
        if (a >= (uintptr_t)base && a - (uintptr_t)base < size)
            __atomic_store_n(&r->stale, TRUE, __ATOMIC_RELEASE);
    }
    os_mutex_unlock(&io_bootcb_lock);
}

/* At shutdown (io_shutdown): registrations never unregistered are freed; their drivers'
 * unload was reported already. */
void io_boot_driver_shutdown(void)
{
    os_mutex_lock(&io_bootcb_lock);
    while (io_bootcbs != NULL) {
        struct io_bootcb *r = io_bootcbs;
        io_bootcbs = r->next;
        free(r);
    }
    os_mutex_unlock(&io_bootcb_lock);
}
