/* ldr_private.h - shared by the loader's own files. */
#ifndef DRVHOST_LDR_PRIVATE_H
#define DRVHOST_LDR_PRIVATE_H

#include "ldr/ldr.h"

#include "os/os.h"

/* True for the C library routines a driver may import from the C library itself (elf.c). */
bool ldr_crt_name(const char *name);

#endif
