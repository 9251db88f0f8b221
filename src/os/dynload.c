/* dynload.c - dlopen, symbol look-up, address-to-module mapping and backtraces. */
#include "os/os_private.h"

#include <dlfcn.h>
#include <execinfo.h>
#include <stdio.h>
#include <unistd.h>

/* RTLD_LOCAL: one driver's symbols never satisfy another's imports (each is its own image). */
void *os_module_open(const char *path, char *error, size_t error_size)
{
    void *module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (module == NULL && error != NULL && error_size > 0) {
        const char *text = dlerror();
        snprintf(error, error_size, "%s", text != NULL ? text : "dlopen failed");
    }
    return module;
}

void *os_module_symbol(void *module, const char *name)
{
    return dlsym(module, name);
}

void os_module_close(void *module)
{
    if (module != NULL)
        dlclose(module);
}

bool os_address_module(const void *address, void **base, const char **file)
{
    Dl_info info;
    if (address == NULL || dladdr(address, &info) == 0 || info.dli_fbase == NULL)
        return false;
    if (base != NULL)
        *base = info.dli_fbase;
    if (file != NULL)
        *file = info.dli_fname;
    return true;
}

int os_backtrace_frames(void **frames, int max)
{
    return max > 0 ? backtrace(frames, max) : 0;
}

/* backtrace_symbols_fd writes straight to the descriptor without malloc, so this is usable in
 * a bug check on a thread whose heap state is suspect. */
void os_backtrace(int skip)
{
    void *frames[64];
    int n = backtrace(frames, 64);
    skip += 1; /* this function */
    if (n > skip)
        backtrace_symbols_fd(frames + skip, n - skip, STDERR_FILENO);
}
