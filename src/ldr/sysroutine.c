/*
 * sysroutine.c - MmGetSystemRoutineAddress: the address of a routine (or variable) the
 * "kernel" exports, looked up among what a driver module may import: libdrvhost.so's own
 * exported DDIs, the kernel CRT under its drvhost_crt_ label, and the short list of C library
 * routines the loader accepts (elf.c). Nothing else of the process is reachable by name.
 */
#include "ldr/ldr_private.h"

#include "ke/ke.h"
#include "vf/vf.h"

#include <string.h>

#define LDR_CRT_PREFIX "drvhost_crt_"

/* The name in ASCII; FALSE if it is not a plain identifier (no export has another name). */
static BOOLEAN ldr_routine_name(PCUNICODE_STRING u, char *out, size_t size)
{
    size_t n = u->Length / sizeof(WCHAR);
    if (u->Buffer == NULL || n == 0 || n + sizeof(LDR_CRT_PREFIX) > size)
        return FALSE;
    for (size_t i = 0; i < n; i++) {
        WCHAR c = u->Buffer[i];
        if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
              (c >= 'a' && c <= 'z')))
            return FALSE;
        out[i] = (char)c;
    }
    out[n] = 0;
    return TRUE;
}

static void *ldr_system_routine(const char *name)
{
    char crt[128];
    /* The host embedding API and the CRT labels are drvhost's, not Windows' names. */
    if (strncmp(name, "drvhost_", 8) == 0)
        return NULL;
    if (ldr_crt_name(name))
        return os_process_symbol(name);
    memcpy(crt, LDR_CRT_PREFIX, sizeof(LDR_CRT_PREFIX) - 1);
    strcpy(crt + sizeof(LDR_CRT_PREFIX) - 1, name);
    void *address = os_runtime_symbol(crt);
    return address != NULL ? address : os_runtime_symbol(name);
}

NTKERNELAPI PVOID NTAPI MmGetSystemRoutineAddress(PUNICODE_STRING SystemRoutineName)
{
    char name[128];
    vf_check_irql_at_most(PASSIVE_LEVEL, "MmGetSystemRoutineAddress", NULL, NULL);
    if (SystemRoutineName == NULL || !ldr_routine_name(SystemRoutineName, name, sizeof(name)))
        return NULL;
    return ldr_system_routine(name);
}
