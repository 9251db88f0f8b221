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

#endif
