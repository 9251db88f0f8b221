/* module.c - module address ranges and whole-file reads for the loader. */
#include "os/os_private.h"

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

struct range_query {
    uintptr_t load_base;
    uintptr_t lo, hi;
    bool found;
};

static int range_cb(struct dl_phdr_info *info, size_t size, void *data)
{
    struct range_query *q = data;
    (void)size;
    if (info->dlpi_addr != q->load_base)
        return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!q->found || lo < q->lo)
            q->lo = lo;
        if (!q->found || hi > q->hi)
            q->hi = hi;
        q->found = true;
    }
    return q->found;
}

bool os_module_range(void *module, uintptr_t *base, size_t *size)
{
    struct link_map *map;
    struct range_query q = {0};
    if (dlinfo(module, RTLD_DI_LINKMAP, &map) != 0)
        return false;
    q.load_base = map->l_addr;
    dl_iterate_phdr(range_cb, &q);
    if (!q.found)
        return false;
    *base = q.lo;
    *size = q.hi - q.lo;
    return true;
}

static void *runtime_handle(void)
{
    static void *handle;
    Dl_info info;
    if (handle == NULL && dladdr((void *)runtime_handle, &info) && info.dli_fname != NULL)
        handle = dlopen(info.dli_fname, RTLD_NOLOAD | RTLD_LAZY);
    return handle;
}

void *os_runtime_symbol(const char *name)
{
    void *h = runtime_handle(), *sym;
    Dl_info mine, theirs;
    if (h == NULL || (sym = dlsym(h, name)) == NULL)
        return NULL;
    if (!dladdr((void *)runtime_handle, &mine) || !dladdr(sym, &theirs) ||
        mine.dli_fbase != theirs.dli_fbase)
        return NULL;
    return sym;
}

bool os_runtime_exports(const char *name)
{
    return os_runtime_symbol(name) != NULL;
}

void *os_process_symbol(const char *name)
{
    return dlsym(RTLD_DEFAULT, name);
}

bool os_process_has_symbol(const char *name)
{
    return os_process_symbol(name) != NULL;
}
