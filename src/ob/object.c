/*
 * object.c - object headers and reference counts.
 *
 * Layout: [struct ob_header][body]. The header is 32 bytes so the body keeps the 16-byte
 * alignment that DEVICE_OBJECT and IRP require. Live objects are kept on a list so that
 * ob_shutdown can report what leaked.
 */
#include "ob/ob_private.h"
#include "rtl/rtl.h"

#include "ex/ex.h"
#include "ke/ke.h"
#include "vf/vf.h"

#include <stdio.h>

#define OB_MAGIC 0x6a624f44u /* "DObj" */
#define OB_TAG   'jbOD'

struct ob_header {
    LIST_ENTRY link; /* all live objects, under ob_lock */
    volatile LONG_PTR refs;
    const struct ob_type *type;
    UNICODE_STRING name; /* set by ob_name_insert (the namespace owns the buffer) */
    uint32_t magic;
    uint32_t pad[3];
};
_Static_assert(sizeof(struct ob_header) % 16 == 0, "body alignment");

static os_mutex ob_lock;
static LIST_ENTRY ob_objects;

struct ob_type ob_type_device = {"Device", NULL};
struct ob_type ob_type_driver = {"Driver", NULL};
struct ob_type ob_type_file = {"File", NULL};
struct ob_type ob_type_event = {"Event", NULL};
static struct ob_type ob_type_semaphore = {"Semaphore", NULL};
struct ob_type ob_type_thread = {"Thread", NULL};
struct ob_type ob_type_process = {"Process", NULL};

/* The object-type pointers drivers pass to ObReferenceObjectByHandle. */
static POBJECT_TYPE ob_event_type = (POBJECT_TYPE)&ob_type_event;
static POBJECT_TYPE ob_semaphore_type = (POBJECT_TYPE)&ob_type_semaphore;
static POBJECT_TYPE ob_file_type = (POBJECT_TYPE)&ob_type_file;
static POBJECT_TYPE ob_thread_type = (POBJECT_TYPE)&ob_type_thread;
static POBJECT_TYPE ob_process_type = (POBJECT_TYPE)&ob_type_process;
static POBJECT_TYPE ob_device_type = (POBJECT_TYPE)&ob_type_device;
static POBJECT_TYPE ob_driver_type = (POBJECT_TYPE)&ob_type_driver;
POBJECT_TYPE *ExEventObjectType = &ob_event_type;
POBJECT_TYPE *ExSemaphoreObjectType = &ob_semaphore_type;
POBJECT_TYPE *IoFileObjectType = &ob_file_type;
POBJECT_TYPE *PsThreadType = &ob_thread_type;
POBJECT_TYPE *PsProcessType = &ob_process_type;
POBJECT_TYPE *IoDeviceObjectType = &ob_device_type;
POBJECT_TYPE *IoDriverObjectType = &ob_driver_type;

static struct ob_header *ob_header_of(const void *body)
{
    return (struct ob_header *)((char *)body - sizeof(struct ob_header));
}

/* A pointer that is not an object body is a driver bug: Windows would corrupt memory or fault;
 * drvhost stops with the bug check a bad object reference produces under Driver Verifier. */
static struct ob_header *ob_checked_header(const void *body, const char *what)
{
    struct ob_header *h = ob_header_of(body);
    if (body == NULL || h->magic != OB_MAGIC)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_NOT_AN_OBJECT,
                        (ULONG_PTR)body, 0, 0, "%s: %p is not an object", what, body);
    return h;
}

NTSTATUS ob_init(void)
{
    os_mutex_init(&ob_lock);
    InitializeListHead(&ob_objects);
    return STATUS_SUCCESS;
}

void *ob_create(const struct ob_type *type, size_t body_size)
{
    struct ob_header *h = ex_alloc(sizeof(*h) + body_size, OB_TAG);
    if (h == NULL)
        return NULL;
    h->refs = 1;
    h->type = type;
    h->magic = OB_MAGIC;
    os_mutex_lock(&ob_lock);
    InsertTailList(&ob_objects, &h->link);
    os_mutex_unlock(&ob_lock);
    return h + 1;
}

const struct ob_type *ob_type_of(const void *body)
{
    return ob_checked_header(body, "ob_type_of")->type;
}

PCUNICODE_STRING ob_name_of(const void *body)
{
    struct ob_header *h = ob_header_of(body);
    return h->name.Buffer != NULL ? &h->name : NULL;
}

/* The namespace stores the name in the header; ob_name_set is its private accessor. */
UNICODE_STRING *ob_name_slot(void *body)
{
    return &ob_header_of(body)->name;
}

LONG_PTR ob_reference(void *body)
{
    struct ob_header *h = ob_checked_header(body, "ObReferenceObject");
    LONG_PTR n = __atomic_add_fetch(&h->refs, 1, __ATOMIC_ACQ_REL);
    if (n <= 1)
        ke_bugcheck_msg(BUGCODE_REFERENCE_BY_POINTER, (ULONG_PTR)h->type, (ULONG_PTR)body,
                        (ULONG_PTR)n, 0, "reference to a %s object that was already freed",
                        h->type->name);
    return n;
}

/* A reference unless the object is already on its way out (count 0): for lookups that may
 * race with the last dereference of a named object whose name goes in its close routine. */
BOOLEAN ob_try_reference(void *body)
{
    struct ob_header *h = ob_checked_header(body, "ob_try_reference");
    LONG_PTR n = __atomic_load_n(&h->refs, __ATOMIC_ACQUIRE);
    while (n > 0)
        if (__atomic_compare_exchange_n(&h->refs, &n, n + 1, FALSE, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE))
            return TRUE;
    return FALSE;
}

static void ob_destroy(struct ob_header *h)
{
    if (h->type->close != NULL)
        h->type->close(h + 1);
    os_mutex_lock(&ob_lock);
    RemoveEntryList(&h->link);
    os_mutex_unlock(&ob_lock);
    h->magic = 0;
    ex_free(h);
}

LONG_PTR ob_dereference(void *body)
{
    struct ob_header *h = ob_checked_header(body, "ObDereferenceObject");
    LONG_PTR n = __atomic_sub_fetch(&h->refs, 1, __ATOMIC_ACQ_REL);
    if (n < 0)
        ke_bugcheck_msg(BUGCODE_REFERENCE_BY_POINTER, (ULONG_PTR)h->type, (ULONG_PTR)body,
                        (ULONG_PTR)n, 0, "%s object dereferenced more often than referenced",
                        h->type->name);
    if (n == 0)
        ob_destroy(h);
    return n;
}

LONG_PTR FASTCALL ObfReferenceObject(PVOID Object)
{
    return ob_reference(Object);
}

LONG_PTR FASTCALL ObfDereferenceObject(PVOID Object)
{
    return ob_dereference(Object);
}

NTSTATUS NTAPI ObReferenceObjectByPointer(PVOID Object, ACCESS_MASK DesiredAccess,
                                          POBJECT_TYPE ObjectType, KPROCESSOR_MODE AccessMode)
{
    (void)DesiredAccess;
    (void)AccessMode;
    if (ObjectType != NULL && (POBJECT_TYPE)ob_type_of(Object) != ObjectType)
        return STATUS_OBJECT_TYPE_MISMATCH;
    ob_reference(Object);
    return STATUS_SUCCESS;
}

VOID NTAPI ObMakeTemporaryObject(PVOID Object)
{
    (void)ob_checked_header(Object, "ObMakeTemporaryObject");
}

size_t ob_shutdown(void)
{
    size_t leaked = 0;
    ob_handle_shutdown();
    ob_callback_shutdown();
    ob_namespace_shutdown();
    os_mutex_lock(&ob_lock);
    while (!IsListEmpty(&ob_objects)) {
        struct ob_header *h =
            CONTAINING_RECORD(RemoveHeadList(&ob_objects), struct ob_header, link);
        char name[256];
        rtl_diag(RTL_DIAG_ERROR, "ob", "object leak: %s object %p%s%s, %ld reference(s)",
                 h->type->name, (void *)(h + 1), h->name.Buffer ? " " : "",
                 h->name.Buffer ? ob_string_to_utf8(&h->name, name, sizeof(name)) : "",
                 (long)h->refs);
        leaked++;
        h->magic = 0;
        ob_string_free(&h->name);
        ex_free(h);
    }
    os_mutex_unlock(&ob_lock);
    os_mutex_destroy(&ob_lock);
    return leaked;
}
