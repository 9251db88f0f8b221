/* ldr_private.h - shared by the loader's own files. */
#ifndef DRVHOST_LDR_PRIVATE_H
#define DRVHOST_LDR_PRIVATE_H

#include "ldr/ldr.h"

#include "os/os.h"

/* True for the C library routines a driver may import from the C library itself (elf.c). */
bool ldr_crt_name(const char *name);

/* ---- modules, for the loader only -------------------------------------------------------- */

/* The module an address belongs to, or NULL: used for pool accounting and bug-check reports. */
struct ldr_module *ldr_module_of(const void *address);
const char *ldr_module_name(const struct ldr_module *module);

/* Lists into `missing` (newline-separated, truncated to size) the undefined symbols of an ELF
 * module that drvhost does not export. Returns the count, or -1 if it is not an ELF x86-64
 * shared object or is refused (error text in `missing`). *instrumented: a module built with
 * `drvcc --fuzz` that the fuzz preset's runtime accepts (never unmapped: loader.c). */
int ldr_check_imports(const void *image, size_t size, bool *instrumented, char *missing,
                      size_t missing_size);

#endif
