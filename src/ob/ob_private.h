/* ob_private.h - shared between the object manager's own files (not for other layers). */
#ifndef DRVHOST_OB_PRIVATE_H
#define DRVHOST_OB_PRIVATE_H

#include "ob/ob.h"

/* Takes a reference unless the count already reached zero (the object is being closed). */
BOOLEAN ob_try_reference(void *body);

/* Case-insensitive comparison of counted UTF-16 strings (ASCII and Latin-1 folding). */
BOOLEAN ob_name_equal(const WCHAR *a, size_t a_len, const WCHAR *b, size_t b_len);

/* Where the object's name is kept (namespace.c). */
UNICODE_STRING *ob_name_slot(void *body);
/* Shutdown steps of ob_shutdown. */
void ob_namespace_shutdown(void);
void ob_handle_shutdown(void);
/* Releases the system callback objects (excallback.c). */
void ob_callback_shutdown(void);

/* ObRegisterCallbacks routines around the creation of a handle (obcallback.c). */
#define OB_CB_CALL_MAX 32
struct ob_cb_call {
    int n; /* 0: no routine applies, nothing else is set */
    POBJECT_TYPE type;
    const OB_OPERATION_REGISTRATION *ops[OB_CB_CALL_MAX];
    PVOID ctx[OB_CB_CALL_MAX];
    PVOID call_ctx[OB_CB_CALL_MAX];
};
/* Before a handle to body is made: the pre-operation routines (thread and process objects
 * only; one relaxed load when nothing is registered) may reduce *access. No lock held. */
void ob_cb_handle_create(void *body, ACCESS_MASK *access, struct ob_cb_call *call);
/* After: the post-operation routines, with the handle's status and granted access. */
void ob_cb_handle_created(void *body, ACCESS_MASK granted, NTSTATUS status,
                          struct ob_cb_call *call);

#endif
