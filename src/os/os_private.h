/* os_private.h - shared between src/os's own files (not for other layers). */
#ifndef DRVHOST_OS_PRIVATE_H
#define DRVHOST_OS_PRIVATE_H

#include "os/os.h"

/* Threads (os.c). */
void os_thread_detach(os_thread *t);
void os_tls_key_delete(os_tls_key *key);

/* Dynamic loading of a module by path (dynload.c). */
void *os_module_open(const char *path, char *error, size_t error_size);

/* Saved files (savefile.c): path with symlinks at its last component followed (malloc'ed); the
 * target need not exist. 0 or an errno value. */
int os_file_resolve(const char *path, char **resolved);

#ifdef DRVHOST_FAULT_INJECTION
/* Fault injection (faultinject.c): drvhost_fault_arm's hidden body (os.h). */
void os_inject_arm(enum os_inject_kind kind, unsigned n, uint32_t tag);
#endif

#endif
