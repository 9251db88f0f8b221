/* ldr_private.h - shared by the loader's own files. */
#ifndef DRVHOST_LDR_PRIVATE_H
#define DRVHOST_LDR_PRIVATE_H

#include "ldr/ldr.h"

#include "os/os.h"

#endif
