/*
 * ob.h - the object manager: object headers with reference counts, the namespace (\Device,
 * \Driver, \?? with symbolic links), and the kernel handle table.
 *
 * Every object the runtime hands out by pointer and lets drivers reference (device, driver and
 * file objects) is allocated by ob_create with an ob_header in front of its body. The body
 * pointer is what drivers see; ObfReferenceObject finds the header just before it.
 */
#ifndef DRVHOST_OB_H
#define DRVHOST_OB_H

#include <wdm.h>

#include "os/os.h"

struct ob_type {
    const char *name;          /* "Device", "Driver", "File", ... (reports) */
    void (*close)(void *body); /* last reference dropped: release what the body holds */
};

extern struct ob_type ob_type_device, ob_type_driver, ob_type_file, ob_type_event, ob_type_thread;
/* The process object type (the I/O manager creates PsGetCurrentProcess's object; object.c). */
extern struct ob_type ob_type_process;

NTSTATUS ob_init(void);
/* Reports (stderr) and frees objects still alive; returns how many there were. */
size_t ob_shutdown(void);

/* Allocates a zeroed object with one reference. NULL on failure. */
void *ob_create(const struct ob_type *type, size_t body_size);
const struct ob_type *ob_type_of(const void *body);
LONG_PTR ob_reference(void *body);
LONG_PTR ob_dereference(void *body);

/* ---- the namespace: names are full NT paths, compared case-insensitively --------------- */

/* Gives an object a name ("\Device\Fifo"). STATUS_OBJECT_NAME_COLLISION if taken,
 * STATUS_OBJECT_NAME_INVALID if malformed, STATUS_OBJECT_PATH_NOT_FOUND if the directory
 * does not exist. The namespace does not hold a reference (a device's name goes away with
 * IoDeleteDevice, as on Windows). */
NTSTATUS ob_name_insert(void *body, PCUNICODE_STRING name);
void ob_name_remove(void *body);
/* The object's name, or NULL. */
PCUNICODE_STRING ob_name_of(const void *body);

NTSTATUS ob_link_create(PCUNICODE_STRING link, PCUNICODE_STRING target);
NTSTATUS ob_link_delete(PCUNICODE_STRING link);

/* Looks a path up, following symbolic links ("\??\X", "\DosDevices\X", "\GLOBAL??\X").
 * The longest name that matches a prefix of the path (at a component boundary) is the object;
 * what follows it ("\rest") is returned in *remainder (a view into `path`, may be empty).
 * Returns a referenced object, or STATUS_OBJECT_NAME_NOT_FOUND / _PATH_NOT_FOUND. */
NTSTATUS ob_lookup(PCUNICODE_STRING path, void **body, UNICODE_STRING *remainder);

/* ---- handles --------------------------------------------------------------------------- */

/* Creates a kernel handle that holds a reference of its own. */
NTSTATUS ob_handle_create(void *body, ACCESS_MASK access, HANDLE *handle);

/* ---- helpers shared with the layers above -------------------------------------------- */

/* Copies a UNICODE_STRING into a new NUL-terminated pool buffer; dst->Buffer NULL on failure. */
NTSTATUS ob_string_dup(UNICODE_STRING *dst, PCUNICODE_STRING src);
/* Builds a UNICODE_STRING from UTF-8 (pool buffer, NUL-terminated). */
NTSTATUS ob_string_from_utf8(UNICODE_STRING *dst, const char *utf8);
/* Writes a UNICODE_STRING as UTF-8 into buf (truncating), returns buf. */
const char *ob_string_to_utf8(PCUNICODE_STRING s, char *buf, size_t size);
void ob_string_free(UNICODE_STRING *s);

#endif
