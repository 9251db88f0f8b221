/*
 * mdl.c - memory descriptor lists.
 *
 * In user mode there is one address space: an MDL describes the caller's buffer, its "system
 * address" is the buffer itself, and the PFN array holds the page numbers of the virtual pages
 * (nothing reads them but drivers that inspect it). Locking marks the MDL; pages are resident.
 */
#include "io/io_private.h"
#include "vf/vf.h"

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
