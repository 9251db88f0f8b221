/*
 * pages.c - whole pages for DMA common buffers (src/io/dma.c): anonymous mappings, zeroed and
 * page-aligned, optionally below 4 GiB for a device that addresses only 32 bits (on x86-64 the
 * kernel's MAP_32BIT area, the first 2 GiB; elsewhere a hint, checked), and reserved address
 * space whose pages are made accessible one by one (the verifier's special pool).
 */
#include "os/os_private.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define OS_4G ((uintptr_t)1 << 32)

void *os_pages_alloc(size_t size, bool below_4g)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
    void *hint = NULL, *p;
    if (size == 0)
        return NULL;
    if (below_4g) {
#ifdef MAP_32BIT
        flags |= MAP_32BIT;
#else
        hint = (void *)(uintptr_t)0x40000000u;
#endif
    }
    p = mmap(hint, size, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (below_4g && (uintptr_t)p + size > OS_4G) {
        munmap(p, size);
        return NULL;
    }
    return p;
}

void os_pages_free(void *p, size_t size)
{
    if (p != NULL)
        munmap(p, size);
}

void *os_pages_reserve(size_t size)
{
    void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

bool os_pages_protect(void *p, size_t size, bool writable)
{
    if (writable)
        return mprotect(p, size, PROT_READ | PROT_WRITE) == 0;
    /* No-access first, so that no thread writes between the discard and the protection. */
    if (mprotect(p, size, PROT_NONE) != 0)
        return false;
    return madvise(p, size, MADV_DONTNEED) == 0;
}

size_t os_page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}
