/*
 * mdl.c - memory descriptor lists.
 *
 * In user mode there is one address space: an MDL describes the caller's buffer, its "system
 * address" is the buffer itself, and the PFN array holds the page numbers of the virtual pages
 * (nothing reads them but drivers that inspect it). Locking marks the MDL; pages are resident.
 */
#include "io/io_private.h"
#include "vf/vf.h"

#include <string.h>

#define IO_MDL_TAG ' ldM'

PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length, BOOLEAN SecondaryBuffer,
                         BOOLEAN ChargeQuota, PIRP Irp)
{
    PMDL mdl;
    (void)ChargeQuota;
    if (Length == 0 || Length > 0xFFFFFFFF - PAGE_SIZE)
        return NULL; /* Windows refuses lengths that span more than the MDL can describe */
    mdl = ex_alloc(MmSizeOfMdl(VirtualAddress, Length), IO_MDL_TAG);
    if (mdl == NULL)
        return NULL;
    MmInitializeMdl(mdl, VirtualAddress, Length);
    if (Irp != NULL) {
        if (!SecondaryBuffer) {
            Irp->MdlAddress = mdl;
        } else {
            PMDL *pp = &Irp->MdlAddress;
            while (*pp != NULL)
                pp = &(*pp)->Next;
            *pp = mdl;
        }
    }
    return mdl;
}

VOID NTAPI IoFreeMdl(PMDL Mdl)
{
    ex_free(Mdl);
}

static void io_mdl_fill_pfns(PMDL mdl)
{
    PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
    ULONG_PTR va = (ULONG_PTR)mdl->StartVa;
    size_t pages = ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(mdl), mdl->ByteCount);
    for (size_t i = 0; i < pages; i++)
        pfn[i] = (va >> PAGE_SHIFT) + i;
}

/* drvhost's physical address space is the host's virtual one (the PFNs above, docs/dma.md): a
 * device, played by the host or a test, reaches memory at the driver's own addresses. */
PHYSICAL_ADDRESS NTAPI MmGetPhysicalAddress(PVOID BaseAddress)
{
    PHYSICAL_ADDRESS pa;
    pa.QuadPart = (LONGLONG)(ULONG_PTR)BaseAddress;
    return pa;
}

VOID NTAPI MmProbeAndLockPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
                               LOCK_OPERATION Operation)
{
    (void)AccessMode;
    if (MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED)
        ke_bugcheck_msg(BUGCODE_PROCESS_HAS_LOCKED_PAGES, 0, (ULONG_PTR)MemoryDescriptorList, 0, 0,
                        "MmProbeAndLockPages on an MDL that is already locked");
    io_mdl_fill_pfns(MemoryDescriptorList);
    MemoryDescriptorList->MdlFlags |= MDL_PAGES_LOCKED;
    if (Operation != IoReadAccess)
        MemoryDescriptorList->MdlFlags |= MDL_WRITE_OPERATION;
}

VOID NTAPI MmUnlockPages(PMDL MemoryDescriptorList)
{
    if (!(MemoryDescriptorList->MdlFlags & MDL_PAGES_LOCKED))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_MDL_UNLOCK_NOT_LOCKED,
                        (ULONG_PTR)MemoryDescriptorList, 0, 0,
                        "MmUnlockPages on an MDL whose pages are not locked");
    MemoryDescriptorList->MdlFlags &=
        ~(MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA | MDL_WRITE_OPERATION);
    MemoryDescriptorList->MappedSystemVa = NULL;
}

VOID NTAPI MmBuildMdlForNonPagedPool(PMDL MemoryDescriptorList)
{
    io_mdl_fill_pfns(MemoryDescriptorList);
    MemoryDescriptorList->MappedSystemVa = MmGetMdlVirtualAddress(MemoryDescriptorList);
    MemoryDescriptorList->MdlFlags |= MDL_SOURCE_IS_NONPAGED_POOL;
}

PVOID NTAPI MmMapLockedPagesSpecifyCache(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode,
                                         MEMORY_CACHING_TYPE CacheType, PVOID RequestedAddress,
                                         ULONG BugCheckOnFailure, ULONG Priority)
{
    PMDL mdl = MemoryDescriptorList;
    (void)CacheType;
    (void)RequestedAddress;
    (void)BugCheckOnFailure;
    (void)Priority;
    if (!(mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_SOURCE_IS_NONPAGED_POOL | MDL_PARTIAL)))
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_MDL_MAP_NOT_LOCKED,
                        (ULONG_PTR)mdl, 0, 0,
                        "MmMapLockedPagesSpecifyCache on an MDL that is neither locked nor built "
                        "for nonpaged pool");
    if (AccessMode == UserMode)
        return MmGetMdlVirtualAddress(mdl); /* one address space: the user view is the same */
    mdl->MappedSystemVa = MmGetMdlVirtualAddress(mdl);
    mdl->MdlFlags |= MDL_MAPPED_TO_SYSTEM_VA;
    /* A partial MDL of an unmapped source gets a mapping of its own, which MmPrepareMdlForReuse
     * releases; one of a mapped source uses the source's mapping. */
    if ((mdl->MdlFlags & (MDL_PARTIAL | MDL_PARENT_MAPPED_SYSTEM_VA)) == MDL_PARTIAL)
        mdl->MdlFlags |= MDL_PARTIAL_HAS_BEEN_MAPPED;
    return mdl->MappedSystemVa;
}

PVOID NTAPI MmMapLockedPages(PMDL MemoryDescriptorList, KPROCESSOR_MODE AccessMode)
{
    return MmMapLockedPagesSpecifyCache(MemoryDescriptorList, AccessMode, MmCached, NULL, TRUE,
                                        NormalPagePriority);
}

VOID NTAPI MmUnmapLockedPages(PVOID BaseAddress, PMDL MemoryDescriptorList)
{
    (void)BaseAddress;
    MemoryDescriptorList->MdlFlags &= ~(MDL_MAPPED_TO_SYSTEM_VA | MDL_PARTIAL_HAS_BEEN_MAPPED);
}

VOID NTAPI IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl, PVOID VirtualAddress, ULONG Length)
{
    if (Length == 0)
        Length = SourceMdl->ByteCount -
                 (ULONG)((char *)VirtualAddress - (char *)MmGetMdlVirtualAddress(SourceMdl));
    MmInitializeMdl(TargetMdl, VirtualAddress, Length);
    io_mdl_fill_pfns(TargetMdl);
    TargetMdl->MdlFlags = MDL_PARTIAL | (SourceMdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL);
    if (SourceMdl->MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL)) {
        TargetMdl->MappedSystemVa = VirtualAddress;
        TargetMdl->MdlFlags |= MDL_PARENT_MAPPED_SYSTEM_VA;
    }
}

/* Releases the MDL chain of an IRP the I/O manager built (unlock, then free). */
void io_irp_release_mdls(PIRP irp)
{
    PMDL mdl = irp->MdlAddress;
    irp->MdlAddress = NULL;
    while (mdl != NULL) {
        PMDL next = mdl->Next;
        if (mdl->MdlFlags & MDL_PAGES_LOCKED)
            MmUnlockPages(mdl);
        IoFreeMdl(mdl);
        mdl = next;
    }
}

void *io_alloc_buffer(size_t size)
{
    return ex_alloc(size ? size : 1, 'fuBI');
}

void io_free_buffer(void *p)
{
    if (p != NULL)
        ex_free(p);
}

/* ---- MmAllocatePagesForMdl[Ex] / MmFreePagesFromMdl --------------------------------------------
 * The pages are whole host pages (os_pages_alloc), below 4 GiB when HighAddress asks for it; as
 * the PFNs are the virtual pages (above), an allocation is one contiguous run, so the range and
 * contiguity requests are met or the call returns NULL (never a partial MDL). The MDL is the
 * caller's pool block (freed by ExFreePool after MmFreePagesFromMdl, as documented), locked, not
 * mapped. The live allocations are kept in a list under a lock so that MmFreePagesFromMdl knows
 * them: another MDL there is bug check 0xC4/0x16 (a bad parameter to a memory routine). */
struct io_page_run {
    struct io_page_run *next;
    PMDL mdl;
    void *pages;
    size_t size;
};

static os_mutex io_page_runs_lock = OS_MUTEX_INIT;
static struct io_page_run *io_page_runs;

static BOOLEAN io_pages_in_range(void *pages, size_t size, PHYSICAL_ADDRESS low,
                                 PHYSICAL_ADDRESS high)
{
    ULONGLONG first = (ULONGLONG)(ULONG_PTR)pages, last = first + size - 1;
    return first >= (ULONGLONG)low.QuadPart && last <= (ULONGLONG)high.QuadPart;
}

static PMDL io_pages_for_mdl(PHYSICAL_ADDRESS low, PHYSICAL_ADDRESS high, SIZE_T total, ULONG flags,
                             const void *caller)
{
    size_t size = ROUND_TO_PAGES(total);
    struct io_page_run *run;
    void *pages;
    PMDL mdl;
    if (total == 0 || total > 0xFFFFFFFFull - PAGE_SIZE ||
        (ULONGLONG)high.QuadPart < (ULONGLONG)low.QuadPart)
        return NULL; /* Microsoft: at most 4 GiB - PAGE_SIZE in one call */
    pages = os_pages_alloc(size, (ULONGLONG)high.QuadPart < 0x100000000ull);
    if (pages == NULL)
        return NULL;
    if (!io_pages_in_range(pages, size, low, high)) {
        os_pages_free(pages, size); /* no pages in the range: NULL, as documented */
        return NULL;
    }
    if (!(flags & MM_DONT_ZERO_ALLOCATION))
        memset(pages, 0, size);
    mdl = ex_alloc_for(MmSizeOfMdl(pages, size), IO_MDL_TAG, caller);
    run = ex_alloc(sizeof(*run), IO_MDL_TAG);
    if (mdl == NULL || run == NULL) {
        ex_free(mdl);
        ex_free(run);
        os_pages_free(pages, size);
        return NULL;
    }
    MmInitializeMdl(mdl, pages, size);
    io_mdl_fill_pfns(mdl);
    mdl->MdlFlags |= MDL_PAGES_LOCKED;
    *run = (struct io_page_run){.mdl = mdl, .pages = pages, .size = size};
    os_mutex_lock(&io_page_runs_lock);
    run->next = io_page_runs;
    io_page_runs = run;
    os_mutex_unlock(&io_page_runs_lock);
    return mdl;
}

PMDL NTAPI MmAllocatePagesForMdlEx(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress,
                                   PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes,
                                   MEMORY_CACHING_TYPE CacheType, ULONG Flags)
{
    (void)CacheType;
    vf_check_irql_at_most(DISPATCH_LEVEL, "MmAllocatePagesForMdlEx", NULL,
                          __builtin_return_address(0));
    if (SkipBytes.QuadPart % PAGE_SIZE != 0)
        return NULL; /* Microsoft: a multiple of the page size */
    return io_pages_for_mdl(LowAddress, HighAddress, TotalBytes, Flags,
                            __builtin_return_address(0));
}

PMDL NTAPI MmAllocatePagesForMdl(PHYSICAL_ADDRESS LowAddress, PHYSICAL_ADDRESS HighAddress,
                                 PHYSICAL_ADDRESS SkipBytes, SIZE_T TotalBytes)
{
    vf_check_irql_at_most(APC_LEVEL, "MmAllocatePagesForMdl", NULL, __builtin_return_address(0));
    if (SkipBytes.QuadPart % PAGE_SIZE != 0)
        return NULL;
    return io_pages_for_mdl(LowAddress, HighAddress, TotalBytes, 0, __builtin_return_address(0));
}

VOID NTAPI MmFreePagesFromMdl(PMDL MemoryDescriptorList)
{
    struct io_page_run **pp, *run = NULL;
    vf_check_irql_at_most(DISPATCH_LEVEL, "MmFreePagesFromMdl", MemoryDescriptorList,
                          __builtin_return_address(0));
    os_mutex_lock(&io_page_runs_lock);
    for (pp = &io_page_runs; *pp != NULL; pp = &(*pp)->next) {
        if ((*pp)->mdl == MemoryDescriptorList) {
            run = *pp;
            *pp = run->next;
            break;
        }
    }
    os_mutex_unlock(&io_page_runs_lock);
    if (run == NULL)
        ke_bugcheck_msg(BUGCODE_DRIVER_VERIFIER_DETECTED_VIOLATION, VF_C4_BAD_MEMORY_PARAMETER, 0,
                        (ULONG_PTR)MemoryDescriptorList, 0,
                        "MmFreePagesFromMdl on an MDL MmAllocatePagesForMdl[Ex] did not return "
                        "(or one already freed)");
    os_pages_free(run->pages, run->size);
    /* The MDL stays the caller's (ExFreePool); it describes no pages any more. */
    MemoryDescriptorList->MdlFlags &= ~(MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA);
    MemoryDescriptorList->ByteCount = 0;
    ex_free(run);
}
