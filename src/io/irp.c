/*
 * irp.c - IRP allocation, IoCallDriver and IoCompleteRequest.
 *
 * An IRP from IoAllocateIrp is [struct io_irp_private][IRP][IO_STACK_LOCATION x StackCount];
 * a client IRP (io_irp_alloc_client) has more after it, see io_private.h and below.
 * IRP.AllocationFlags carries IO_IRP_PRIVATE so that IRPs a driver placed in its own memory with
 * IoInitializeIrp (no private part) are told apart.
 *
 * Completion (IofCompleteRequest) walks the stack locations upwards exactly as the NT I/O
 * manager does: each location's completion routine runs if its SL_INVOKE_ON_* bits match,
 * with the device object of the location above (NULL at the top); a routine returning
 * STATUS_MORE_PROCESSING_REQUIRED stops the walk; PendingReturned is propagated. At the top,
 * the originator's completion runs: the host's callback for client requests, the threaded
 * completion (user IOSB, event, buffers) for IoBuild*Request IRPs. Deviation: Windows runs the
 * latter as an APC in the requesting thread; drvhost runs it in the completing thread.
 */
#include "io/io_private.h"
#include "os/os.h" /* DRVHOST_ASAN */
#include "vf/vf.h"

#include <stdlib.h>
#include <string.h>

#define IO_IRP_TAG         ' prI'
#define IO_IRP_QUARANTINE  64
#define IO_IRP_CACHE_MAX   16 /* released client blocks a thread keeps */
#define IO_IRP_CACHE_DELAY 4  /* released client blocks a thread does not reuse yet */

#ifdef DRVHOST_ASAN
#include <sanitizer/asan_interface.h>
#define IO_POISON(p, n)   ASAN_POISON_MEMORY_REGION((p), (n))
#define IO_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define IO_POISON(p, n)   ((void)(p), (void)(n))
#define IO_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

/*
 * Per-thread IRP state: the quarantine of freed IRPs and the cache of client IRP blocks.
 *
 * Freed IRPs keep their memory for a while with Type poisoned, so that a completion that comes
 * after the free is diagnosed as the double completion it is (bug check 0x44) instead of
 * touching freed memory. Each thread quarantines what it frees (IO_IRP_QUARANTINE IRPs), so
 * freeing takes no global lock.
 *
 * Client IRP blocks (io_irp_alloc_client) are not returned to the pool at all: a freed one,
 * Type poisoned, its host area and inline buffer filled and (under ASan) poisoned, goes to
 * the tail of the freeing thread's FIFO cache, and an allocation takes the head once more than
 * IO_IRP_CACHE_DELAY blocks wait there, so a freed client IRP stays poisoned for at least the
 * next IO_IRP_CACHE_DELAY requests of that thread (Windows' per-processor IRP lookaside lists
 * reuse IRPs at once). The block is re-initialised (IoInitializeIrp) on reuse, so the driver
 * always gets a fully initialised IRP. Beyond IO_IRP_CACHE_MAX blocks the oldest go back to
 * the pool.
 *
 * Lifetime and locking: a thread's `struct io_irp_thread` is touched only by that thread, with
 * no lock, except (a) by its TLS destructor at thread exit and (b) by io_irp_quarantine_flush
 * at drvhost_shutdown, which both hold io_irp_threads_lock (the list of every thread's state).
 * drvhost_shutdown runs when no I/O is in flight (it closes every handle and unloads every
 * driver first), so (b) does not race with the owner. (a) frees the IRPs and the structure;
 * (b) frees the IRPs and leaves the empty structure to its thread, so that no pool block
 * survives shutdown (no leak report, nothing for LSan). The structure itself is host memory
 * (calloc), not pool.
 */
struct io_irp_thread {
    LIST_ENTRY link;                                /* io_irp_threads, under io_irp_threads_lock */
    struct io_irp_private *cache[IO_IRP_CACHE_MAX]; /* FIFO ring of released client blocks */
    unsigned cache_head, cache_count;
    struct io_irp_private *quarantine[IO_IRP_QUARANTINE]; /* ring; NULL: empty slot */
    unsigned quarantine_next;
};

static os_mutex io_irp_threads_lock = OS_MUTEX_INIT;
static LIST_ENTRY io_irp_threads = {&io_irp_threads, &io_irp_threads};
static os_once io_irp_key_once = OS_ONCE_INIT;
static os_tls_key io_irp_key;
static BOOLEAN io_irp_key_ok;
/* initial-exec: libdrvhost.so is linked into the program, never dlopen'ed, and the default
 * model for a shared library costs a __tls_get_addr call per access. */
static __thread struct io_irp_thread *io_irp_tls __attribute__((tls_model("initial-exec")));

static void io_client_block_unpoison(struct io_irp_private *p);

/* Returns a block's memory to the pool (its ASan poisoning lifted first: ex_free reads it). */
static void io_irp_block_free(struct io_irp_private *p)
{
    if (p->kind == IO_IRP_CLIENT)
        io_client_block_unpoison(p);
    ex_free(p);
}

/* Frees what a thread's state holds (io_irp_threads_lock held). */
static void io_irp_thread_drain(struct io_irp_thread *t)
{
    for (; t->cache_count > 0; t->cache_count--) {
        io_irp_block_free(t->cache[t->cache_head]);
        t->cache_head = (t->cache_head + 1) % IO_IRP_CACHE_MAX;
    }
    t->cache_head = 0;
    for (size_t i = 0; i < IO_IRP_QUARANTINE; i++) {
        if (t->quarantine[i] != NULL)
            io_irp_block_free(t->quarantine[i]);
        t->quarantine[i] = NULL;
    }
}

/* TLS destructor: the thread is leaving. */
static void io_irp_thread_exit(void *arg)
{
    struct io_irp_thread *t = arg;
    io_irp_tls = NULL;
    os_mutex_lock(&io_irp_threads_lock);
    RemoveEntryList(&t->link);
    io_irp_thread_drain(t);
    os_mutex_unlock(&io_irp_threads_lock);
    free(t);
}

static void io_irp_key_create(void)
{
    io_irp_key_ok = os_tls_key_create(&io_irp_key, io_irp_thread_exit) == 0;
}

/* The calling thread's state, created at its first IRP; NULL if the host is out of memory
 * (the caller then goes without cache and quarantine). */
static struct io_irp_thread *io_irp_thread(void)
{
    struct io_irp_thread *t = io_irp_tls;
    if (__builtin_expect(t != NULL, 1))
        return t;
    os_run_once(&io_irp_key_once, io_irp_key_create);
    if (!io_irp_key_ok || (t = calloc(1, sizeof(*t))) == NULL)
        return NULL;
    os_mutex_lock(&io_irp_threads_lock);
    InsertTailList(&io_irp_threads, &t->link);
    os_mutex_unlock(&io_irp_threads_lock);
    os_tls_set(&io_irp_key, t);
    io_irp_tls = t;
    return t;
}

void io_irp_quarantine_flush(void)
{
    os_mutex_lock(&io_irp_threads_lock);
    for (PLIST_ENTRY e = io_irp_threads.Flink; e != &io_irp_threads; e = e->Flink)
        io_irp_thread_drain(CONTAINING_RECORD(e, struct io_irp_thread, link));
    os_mutex_unlock(&io_irp_threads_lock);
}

struct io_irp_private *io_irp_private_of(PIRP irp)
{
    if (!(irp->AllocationFlags & IO_IRP_PRIVATE))
        return NULL;
    return CONTAINING_RECORD(irp, struct io_irp_private, irp);
}

VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize)
{
    memset(Irp, 0, PacketSize);
    Irp->Type = IO_TYPE_IRP;
    Irp->Size = PacketSize;
    Irp->StackCount = StackSize;
    Irp->CurrentLocation = (CHAR)(StackSize + 1);
    Irp->ApcEnvironment = 0;
    InitializeListHead(&Irp->ThreadListEntry);
    Irp->Tail.Overlay.CurrentStackLocation = (PIO_STACK_LOCATION)(Irp + 1) + StackSize;
}

static PIRP io_irp_alloc(CCHAR StackSize)
{
    USHORT size = IoSizeOfIrp(StackSize);
    struct io_irp_private *p;
    if (StackSize < 1)
        StackSize = 1; /* Windows allocates at least one location */
    size = IoSizeOfIrp(StackSize);
    p = ex_alloc(sizeof(*p) + size, IO_IRP_TAG);
    if (p == NULL)
        return NULL;
    IoInitializeIrp(&p->irp, size, StackSize);
    p->irp.AllocationFlags = IO_IRP_PRIVATE;
    return &p->irp;
}

PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota)
{
    PIRP irp = io_irp_alloc(StackSize);
    if (irp != NULL)
        irp->Tail.Overlay.Thread = NULL;
    if (irp != NULL && ChargeQuota)
        irp->AllocationFlags |= IRP_QUOTA_CHARGED;
    return irp;
}

PIRP NTAPI IoAllocateIrpEx(PDEVICE_OBJECT DeviceObject, CCHAR StackSize, BOOLEAN ChargeQuota)
{
    (void)DeviceObject;
    return IoAllocateIrp(StackSize, ChargeQuota);
}

PIRP io_irp_alloc_hosted(CCHAR stack_size, io_irp_done done, void *context)
{
    PIRP irp = io_irp_alloc(stack_size);
    if (irp != NULL) {
        struct io_irp_private *p = io_irp_private_of(irp);
        p->done = done;
        p->done_context = context;
    }
    return irp;
}

/* ---- client IRP blocks (io_irp_alloc_client; the layout is in io_private.h) ------------- */

static size_t io_client_irp_bytes(CCHAR room)
{
    return ((size_t)IoSizeOfIrp(room) + 15) & ~(size_t)15;
}

static size_t io_client_block_size(CCHAR room)
{
    return offsetof(struct io_irp_private, irp) + io_client_irp_bytes(room) + IO_IRP_HOST_AREA +
           IO_IRP_INLINE_BUFFER + IO_IRP_GUARD_SIZE;
}

static void io_client_block_unpoison(struct io_irp_private *p)
{
    IO_UNPOISON(p, io_client_block_size(p->stack_room));
}

/* A new block (zeroed by ex_alloc) with room for `room` stack locations. Its inline buffer
 * stays poisoned (ASan) except while handed out as a SystemBuffer. */
static struct io_irp_private *io_client_block_new(CCHAR room)
{
    struct io_irp_private *p = ex_alloc(io_client_block_size(room), IO_IRP_TAG);
    if (p == NULL)
        return NULL;
    p->kind = IO_IRP_CLIENT;
    p->stack_room = room;
    p->host_area = (UCHAR *)&p->irp + io_client_irp_bytes(room);
    p->inline_buf = (UCHAR *)p->host_area + IO_IRP_HOST_AREA;
    IO_POISON(p->inline_buf, IO_IRP_INLINE_BUFFER + IO_IRP_GUARD_SIZE);
    return p;
}

/* Zeroes a reused block's host area with 16-byte stores: on every client request, and a
 * constant-size memset here compiles to `rep stosq`, whose start-up cost on x86 was ~40 % of
 * drvhost_io_start's own time (perf). The area is 16-byte aligned (io_client_irp_bytes). */
static inline void io_zero_host_area(void *area)
{
    typedef unsigned long long io_v16 __attribute__((vector_size(16), may_alias));
    io_v16 *v = area;
    _Static_assert(IO_IRP_HOST_AREA % (4 * sizeof(io_v16)) == 0, "whole 64-byte steps");
    for (size_t i = 0; i < IO_IRP_HOST_AREA / sizeof(io_v16); i += 4) {
        v[i] = (io_v16){0, 0};
        v[i + 1] = (io_v16){0, 0};
        v[i + 2] = (io_v16){0, 0};
        v[i + 3] = (io_v16){0, 0};
    }
}

/* The oldest block of the thread's cache once more than IO_IRP_CACHE_DELAY wait, else a new
 * one. Stacks deeper than IO_IRP_CACHE_STACK get a block of their own (not cached). */
static struct io_irp_private *io_client_block_get(CCHAR n)
{
    struct io_irp_thread *t;
    struct io_irp_private *p;
    if (n > IO_IRP_CACHE_STACK)
        return io_client_block_new(n);
    t = io_irp_thread();
    if (t == NULL || t->cache_count <= IO_IRP_CACHE_DELAY)
        return io_client_block_new(IO_IRP_CACHE_STACK);
    p = t->cache[t->cache_head];
    t->cache_head = (t->cache_head + 1) % IO_IRP_CACHE_MAX;
    t->cache_count--;
    IO_UNPOISON(p->host_area, IO_IRP_HOST_AREA);
    io_zero_host_area(p->host_area);
    return p;
}

PIRP io_irp_alloc_client(CCHAR stack_size, io_irp_done done, void **host)
{
    CCHAR n = stack_size < 1 ? 1 : stack_size; /* Windows allocates at least one location */
    struct io_irp_private *p = io_client_block_get(n);
    if (p == NULL)
        return NULL;
    IoInitializeIrp(&p->irp, IoSizeOfIrp(n), n);
    p->irp.AllocationFlags = IO_IRP_PRIVATE;
    p->done = done;
    p->done_context = p->host_area;
    p->out_capacity = 0;
    p->inline_len = 0;
    *host = p->host_area;
    return &p->irp;
}

/* A freed client block (Type already poisoned) joins the tail of the freeing thread's cache
 * (not necessarily the allocating thread's: blocks are interchangeable). */
static void io_client_release(struct io_irp_private *p)
{
    struct io_irp_thread *t = io_irp_thread();
    IO_POISON(p->host_area, IO_IRP_HOST_AREA);
    /* A driver that swapped SystemBuffer left the inline one unfinished. */
    IO_POISON(p->inline_buf, IO_IRP_INLINE_BUFFER + IO_IRP_GUARD_SIZE);
    p->inline_len = 0;
    if (t == NULL) {
        io_irp_block_free(p);
        return;
    }
    if (t->cache_count == IO_IRP_CACHE_MAX) {
        io_irp_block_free(t->cache[t->cache_head]);
        t->cache_head = (t->cache_head + 1) % IO_IRP_CACHE_MAX;
        t->cache_count--;
    }
    t->cache[(t->cache_head + t->cache_count) % IO_IRP_CACHE_MAX] = p;
    t->cache_count++;
}

UCHAR *io_irp_inline_buffer(PIRP irp, ULONG total)
{
    struct io_irp_private *p = io_irp_private_of(irp);
    UCHAR *buf;
    if (p == NULL || p->kind != IO_IRP_CLIENT || total > IO_IRP_INLINE_BUFFER || p->inline_len != 0)
        return NULL;
    buf = p->inline_buf;
    IO_UNPOISON(buf, total + IO_IRP_GUARD_SIZE);
    /* As for a pool block: an overrun into the guard is bug check 0x19 at completion (in
     * every build), one past the guard is reported by ASan where it happens (the rest of the
     * inline buffer stays poisoned). */
    memset(buf + total, IO_IRP_GUARD_BYTE, IO_IRP_GUARD_SIZE);
    p->inline_len = (USHORT)total;
    return buf;
}

BOOLEAN io_irp_inline_finish(PIRP irp, void *buffer)
{
    struct io_irp_private *p = io_irp_private_of(irp);
    UCHAR *g;
    if (p == NULL || p->kind != IO_IRP_CLIENT || buffer == NULL || buffer != p->inline_buf ||
        p->inline_len == 0)
        return FALSE;
    g = p->inline_buf + p->inline_len;
    {
        ULONG64 want = 0x0101010101010101ULL * IO_IRP_GUARD_BYTE, lo, hi;
        _Static_assert(IO_IRP_GUARD_SIZE == 16, "two words of guard");
        memcpy(&lo, g, 8);
        memcpy(&hi, g + 8, 8);
        if (lo != want || hi != want)
            ke_bugcheck_msg(BUGCODE_BAD_POOL_HEADER, 0x21, (ULONG_PTR)buffer, p->inline_len, lo,
                            "the %u-byte system buffer %p of IRP %p was overrun",
                            (unsigned)p->inline_len, buffer, (void *)irp);
    }
    /* The buffer stops belonging to the driver: make a late use of it visible. */
    memset(p->inline_buf, IO_IRP_FREED_FILL, p->inline_len);
    IO_POISON(p->inline_buf, IO_IRP_INLINE_BUFFER + IO_IRP_GUARD_SIZE);
    p->inline_len = 0;
    return TRUE;
}

/* The calling thread's quarantine takes a freed plain IRP (see above). */
static void io_irp_quarantine(struct io_irp_private *p)
{
    struct io_irp_thread *t = io_irp_thread();
    struct io_irp_private *old = p;
    if (t != NULL) {
        old = t->quarantine[t->quarantine_next];
        t->quarantine[t->quarantine_next] = p;
        t->quarantine_next = (t->quarantine_next + 1) % IO_IRP_QUARANTINE;
    }
    if (old != NULL)
        io_irp_block_free(old);
}

void io_irp_free(PIRP irp)
{
    struct io_irp_private *p = io_irp_private_of(irp);
    if (p == NULL)
        vf_io_free_not_an_irp(irp);
    irp->Type = 0; /* a later IoCompleteRequest / IoCallDriver / IoFreeIrp: bug check 0x44 */
    if (p->kind == IO_IRP_CLIENT && p->stack_room == IO_IRP_CACHE_STACK)
        io_client_release(p);
    else
        io_irp_quarantine(p);
}

VOID NTAPI IoFreeIrp(PIRP Irp)
{
    if (Irp->Type != IO_TYPE_IRP)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoFreeIrp on an IRP that was already freed");
    io_irp_free(Irp);
}

VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus)
{
    UCHAR flags = Irp->AllocationFlags;
    struct io_irp_private *p = io_irp_private_of(Irp);
    IoInitializeIrp(Irp, Irp->Size, Irp->StackCount);
    Irp->AllocationFlags = flags;
    Irp->IoStatus.Status = Iostatus;
    if (p != NULL)
        p->out_capacity = 0; /* done, kind and the block's layout belong to the block */
}

NTSTATUS FASTCALL IofCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION sp;
    PDRIVER_OBJECT driver;
    if (Irp->Type != IO_TYPE_IRP)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCallDriver with an IRP that was already completed and freed");
    Irp->CurrentLocation--;
    if (Irp->CurrentLocation <= 0)
        ke_bugcheck_msg(BUGCODE_NO_MORE_IRP_STACK_LOCATIONS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCallDriver: the IRP has no stack location left for device %p",
                        (void *)DeviceObject);
    sp = --Irp->Tail.Overlay.CurrentStackLocation;
    sp->DeviceObject = DeviceObject;
    driver = DeviceObject->DriverObject;
    ke_current_thread()->dispatch_routine = (const void *)driver->MajorFunction[sp->MajorFunction];
    return driver->MajorFunction[sp->MajorFunction](DeviceObject, Irp);
}

static BOOLEAN io_should_invoke(PIRP irp, UCHAR control)
{
    BOOLEAN cancel = __atomic_load_n(&irp->Cancel, __ATOMIC_ACQUIRE);
    if (NT_SUCCESS(irp->IoStatus.Status))
        return (control & SL_INVOKE_ON_SUCCESS) != 0 || (cancel && (control & SL_INVOKE_ON_CANCEL));
    return (control & SL_INVOKE_ON_ERROR) != 0 || (cancel && (control & SL_INVOKE_ON_CANCEL));
}

/* Clears the fields of a location the completion walk has left, as Windows does, so that a
 * driver reading a stale location sees zeros. */
static void io_clear_location(PIO_STACK_LOCATION sp)
{
    sp->MinorFunction = 0;
    sp->Flags = 0;
    sp->Control = 0;
    memset(&sp->Parameters, 0, sizeof(sp->Parameters));
    sp->FileObject = NULL;
    sp->CompletionRoutine = NULL;
    sp->Context = NULL;
}

/* Walks the stack upwards; returns FALSE when a completion routine took the IRP back. */
static BOOLEAN io_complete_stack(PIRP irp)
{
    while (irp->CurrentLocation <= irp->StackCount) {
        PIO_STACK_LOCATION sp = IoGetCurrentIrpStackLocation(irp);
        PIO_COMPLETION_ROUTINE routine = sp->CompletionRoutine;
        PVOID context = sp->Context;
        UCHAR control = sp->Control;
        IoSkipCurrentIrpStackLocation(irp);
        irp->PendingReturned = (control & SL_PENDING_RETURNED) != 0;
        if (routine != NULL && io_should_invoke(irp, control)) {
            PDEVICE_OBJECT above = irp->CurrentLocation == irp->StackCount + 1
                                       ? NULL
                                       : IoGetCurrentIrpStackLocation(irp)->DeviceObject;
            io_clear_location(sp);
            if (routine(above, irp, context) == STATUS_MORE_PROCESSING_REQUIRED)
                return FALSE;
        } else {
            if (irp->PendingReturned && irp->CurrentLocation <= irp->StackCount)
                IoMarkIrpPending(irp);
            io_clear_location(sp);
        }
    }
    return TRUE;
}

VOID FASTCALL IofCompleteRequest(PIRP Irp, CCHAR PriorityBoost)
{
    struct io_irp_private *p;
    (void)PriorityBoost;
    if (Irp->Type != IO_TYPE_IRP || Irp->CurrentLocation > Irp->StackCount + 1)
        ke_bugcheck_msg(BUGCODE_MULTIPLE_IRP_COMPLETE_REQUESTS, (ULONG_PTR)Irp, 0, 0, 0,
                        "IoCompleteRequest: IRP %p was already completed", (void *)Irp);
    /* I/O Verification (0xC9). IoCancelIrp may exchange the cancel routine on another thread
     * at the same moment: read it once, atomically. */
    vf_io_check_completion(Irp, __atomic_load_n(&Irp->CancelRoutine, __ATOMIC_ACQUIRE));
    if (vf_po_applies(Irp)) { /* the power rules (0xC9) */
        PDEVICE_OBJECT dev = Irp->Tail.Overlay.CurrentStackLocation->DeviceObject;
        vf_po_completion(Irp, dev != NULL ? io_device_of(dev)->attached_to : NULL,
                         __builtin_return_address(0));
    }
    if (!io_complete_stack(Irp))
        return;
    /* The walk ended above the top location: the IRP now belongs to its originator. */
    Irp->CurrentLocation = (CHAR)(Irp->StackCount + 2);
    p = io_irp_private_of(Irp);
    if (p != NULL && p->done != NULL) {
        p->done(Irp, p->done_context);
        return;
    }
    io_threaded_completion(Irp);
}

NTSTATUS io_invalid_request(PDEVICE_OBJECT device, PIRP irp)
{
    (void)device;
    irp->IoStatus.Status = STATUS_INVALID_DEVICE_REQUEST;
    irp->IoStatus.Information = 0;
    IoCompleteRequest(irp, IO_NO_INCREMENT);
    return STATUS_INVALID_DEVICE_REQUEST;
}

/* ---- IoSetCompletionRoutineEx: the device object stays referenced until the routine ran --- */

struct io_completion_ex {
    PIO_COMPLETION_ROUTINE routine;
    PVOID context;
    PDEVICE_OBJECT device;
    UCHAR control; /* the caller's SL_INVOKE_ON_* choice */
};

/* The thunk is invoked in every case so that it can always drop the device reference and free
 * its context; it applies the caller's choice itself. */
static NTSTATUS io_completion_ex_thunk(PDEVICE_OBJECT device, PIRP irp, PVOID context)
{
    struct io_completion_ex c = *(struct io_completion_ex *)context;
    NTSTATUS status = STATUS_SUCCESS;
    ex_free(context);
    if (io_should_invoke(irp, c.control)) {
        status = c.routine(device, irp, c.context);
    } else if (irp->PendingReturned && irp->CurrentLocation <= irp->StackCount) {
        IoMarkIrpPending(irp);
    }
    ObDereferenceObject(c.device);
    return status;
}

NTSTATUS NTAPI IoSetCompletionRoutineEx(PDEVICE_OBJECT DeviceObject, PIRP Irp,
                                        PIO_COMPLETION_ROUTINE CompletionRoutine, PVOID Context,
                                        BOOLEAN InvokeOnSuccess, BOOLEAN InvokeOnError,
                                        BOOLEAN InvokeOnCancel)
{
    struct io_completion_ex *c = ex_alloc(sizeof(*c), 'xEoC');
    if (c == NULL)
        return STATUS_INSUFFICIENT_RESOURCES;
    c->routine = CompletionRoutine;
    c->context = Context;
    c->device = DeviceObject;
    c->control = (UCHAR)((InvokeOnSuccess ? SL_INVOKE_ON_SUCCESS : 0) |
                         (InvokeOnError ? SL_INVOKE_ON_ERROR : 0) |
                         (InvokeOnCancel ? SL_INVOKE_ON_CANCEL : 0));
    ObReferenceObject(DeviceObject);
    IoSetCompletionRoutine(Irp, io_completion_ex_thunk, c, TRUE, TRUE, TRUE);
    return STATUS_SUCCESS;
}
