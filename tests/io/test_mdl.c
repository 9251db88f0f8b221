/*
 * test_mdl.c - memory descriptor lists: IoAllocateMdl and the MDL macros, MmSizeOfMdl and
 * MmInitializeMdl, MmBuildMdlForNonPagedPool, locking (MmProbeAndLockPages, MmUnlockPages),
 * mapping (MmMapLockedPages[SpecifyCache], MmGetSystemAddressForMdl[Safe], MmUnmapLockedPages)
 * and partial MDLs (IoBuildPartialMdl, MmPrepareMdlForReuse). Expected values: the reference
 * pages and the MDL layout wdm.h gives.
 */
#include <wdm.h>

#include "harness.h"

#define TAG 'ldMT'

/* A buffer that starts 0x123 bytes into a page and spans three pages. */
static PUCHAR odd_buffer(PUCHAR *base, ULONG *len)
{
    *base = ExAllocatePool2(POOL_FLAG_NON_PAGED, 4 * PAGE_SIZE, TAG);
    *len = 2 * PAGE_SIZE;
    return *base + 0x123;
}

TEST(allocate_mdl_describes_the_buffer)
{
    PUCHAR base, buf;
    ULONG len;
    PMDL mdl;
    buf = odd_buffer(&base, &len);
    mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    ok(mdl != NULL, "IoAllocateMdl failed");
    ok(MmGetMdlVirtualAddress(mdl) == buf, "virtual address %p, not %p",
       MmGetMdlVirtualAddress(mdl), (void *)buf);
    ok(MmGetMdlByteCount(mdl) == len, "byte count %lu", (unsigned long)MmGetMdlByteCount(mdl));
    ok(MmGetMdlByteOffset(mdl) == 0x123, "byte offset %#lx",
       (unsigned long)MmGetMdlByteOffset(mdl));
    ok(MmGetMdlBaseVa(mdl) == PAGE_ALIGN(buf), "start %p", MmGetMdlBaseVa(mdl));
    ok(mdl->Next == NULL && (mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA)) == 0,
       "flags %#x", (unsigned)mdl->MdlFlags);
    /* 0x123 + 2 pages spans three pages: three PFN entries after the header. */
    ok(MmSizeOfMdl(buf, len) == sizeof(MDL) + 3 * sizeof(PFN_NUMBER), "MmSizeOfMdl %zu",
       (size_t)MmSizeOfMdl(buf, len));
    ok(mdl->Size == (CSHORT)MmSizeOfMdl(buf, len), "Size %d", mdl->Size);
    ok(MmGetMdlPfnArray(mdl) == (PPFN_NUMBER)(mdl + 1), "PFN array not after the header");
    IoFreeMdl(mdl);
    ok(IoAllocateMdl(buf, 0, FALSE, FALSE, NULL) == NULL, "zero-length MDL allocated");
    ExFreePoolWithTag(base, TAG);
}

/* With an IRP: the first MDL becomes Irp->MdlAddress, a secondary one is chained after it. */
TEST(allocate_mdl_chains_to_the_irp)
{
    UCHAR a[64], b[64];
    PIRP irp = IoAllocateIrp(1, FALSE);
    PMDL first = IoAllocateMdl(a, sizeof(a), FALSE, FALSE, irp);
    PMDL second = IoAllocateMdl(b, sizeof(b), TRUE, FALSE, irp);
    ok(irp->MdlAddress == first, "MdlAddress %p, not %p", (void *)irp->MdlAddress, (void *)first);
    ok(first->Next == second && second->Next == NULL, "secondary MDL not chained");
    irp->MdlAddress = NULL;
    IoFreeMdl(second);
    IoFreeMdl(first);
    IoFreeIrp(irp);
}

/* MmInitializeMdl on caller storage of MmSizeOfMdl bytes resets every field it owns. */
TEST(initialize_mdl_on_caller_storage)
{
    UCHAR buf[100];
    union {
        MDL mdl;
        UCHAR raw[sizeof(MDL) + 2 * sizeof(PFN_NUMBER)];
    } u;
    memset(&u, 0xFF, sizeof(u));
    MmInitializeMdl(&u.mdl, buf, sizeof(buf));
    ok(u.mdl.Next == NULL && u.mdl.MdlFlags == 0, "Next %p flags %#x", (void *)u.mdl.Next,
       (unsigned)u.mdl.MdlFlags);
    ok(MmGetMdlVirtualAddress(&u.mdl) == buf && MmGetMdlByteCount(&u.mdl) == sizeof(buf),
       "describes %p+%lu", MmGetMdlVirtualAddress(&u.mdl), (unsigned long)u.mdl.ByteCount);
    ok(u.mdl.Size == (CSHORT)MmSizeOfMdl(buf, sizeof(buf)), "Size %d", u.mdl.Size);
}

/* MmBuildMdlForNonPagedPool: the MDL says its source is nonpaged pool and its system address
 * is the buffer; the PFN array is filled; MmGetSystemAddressForMdlSafe maps nothing new. */
TEST(build_mdl_for_nonpaged_pool)
{
    PUCHAR base, buf;
    ULONG len;
    PMDL mdl;
    buf = odd_buffer(&base, &len);
    mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    MmGetMdlPfnArray(mdl)[0] = 0;
    MmBuildMdlForNonPagedPool(mdl);
    ok(mdl->MdlFlags & MDL_SOURCE_IS_NONPAGED_POOL, "flags %#x", (unsigned)mdl->MdlFlags);
    ok(mdl->MappedSystemVa == buf, "MappedSystemVa %p", mdl->MappedSystemVa);
    ok(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) == buf, "system address");
    ok(MmGetSystemAddressForMdl(mdl) == buf, "system address (old macro)");
    ok(MmGetMdlPfnArray(mdl)[0] != 0, "PFN array not filled");
    ok(!(mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA), "nonpaged pool is not mapped again");
    IoFreeMdl(mdl);
    ExFreePoolWithTag(base, TAG);
}

/* MmGetPhysicalAddress agrees with the PFN arrays: an address's page number is its MDL's PFN and
 * the offset in the page is kept (Windows: the physical address of a nonpaged address). */
TEST(physical_address_agrees_with_the_pfn_array)
{
    PUCHAR base, buf;
    ULONG len;
    PMDL mdl;
    buf = odd_buffer(&base, &len);
    mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    MmBuildMdlForNonPagedPool(mdl);
    PHYSICAL_ADDRESS pa = MmGetPhysicalAddress(buf);
    ok((ULONGLONG)pa.QuadPart >> PAGE_SHIFT == MmGetMdlPfnArray(mdl)[0], "page %llx, PFN %llx",
       (unsigned long long)pa.QuadPart >> PAGE_SHIFT, (unsigned long long)MmGetMdlPfnArray(mdl)[0]);
    ok(BYTE_OFFSET(pa.QuadPart) == BYTE_OFFSET(buf), "offset in the page %llx",
       (unsigned long long)pa.QuadPart);
    ok(MmGetPhysicalAddress(buf + PAGE_SIZE).QuadPart == pa.QuadPart + PAGE_SIZE,
       "the next page of the buffer");
    IoFreeMdl(mdl);
    ExFreePoolWithTag(base, TAG);
}

/* Lock, map (both forms), unmap, unlock; the mapping reaches the same bytes. */
TEST(probe_lock_map_unmap_unlock)
{
    PUCHAR base, buf, va;
    ULONG len;
    PMDL mdl;
    buf = odd_buffer(&base, &len);
    RtlFillMemory(buf, len, 0x3C);
    mdl = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    MmProbeAndLockPages(mdl, KernelMode, IoWriteAccess);
    ok(mdl->MdlFlags & MDL_PAGES_LOCKED, "not locked: flags %#x", (unsigned)mdl->MdlFlags);
    ok(mdl->MdlFlags & MDL_WRITE_OPERATION, "write access not recorded");
    va = MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
    ok(va != NULL && (mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA) && mdl->MappedSystemVa == va,
       "mapping %p flags %#x", (void *)va, (unsigned)mdl->MdlFlags);
    ok(va != NULL && va[0] == 0x3C && va[len - 1] == 0x3C, "mapping does not show the buffer");
    if (va != NULL)
        va[7] = 0x77;
    ok(buf[7] == 0x77, "write through the mapping not seen in the buffer");
    ok(MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority) == va, "second mapping");
    MmUnmapLockedPages(va, mdl);
    ok(!(mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA), "still mapped: flags %#x",
       (unsigned)mdl->MdlFlags);
    va = MmMapLockedPages(mdl, KernelMode);
    ok(va != NULL && va[7] == 0x77 && (mdl->MdlFlags & MDL_MAPPED_TO_SYSTEM_VA),
       "MmMapLockedPages: %p", (void *)va);
    MmUnmapLockedPages(va, mdl);
    MmUnlockPages(mdl);
    ok(!(mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_MAPPED_TO_SYSTEM_VA)), "flags after unlock %#x",
       (unsigned)mdl->MdlFlags);
    MmProbeAndLockPages(mdl, KernelMode, IoReadAccess);
    ok((mdl->MdlFlags & (MDL_PAGES_LOCKED | MDL_WRITE_OPERATION)) == MDL_PAGES_LOCKED,
       "read access: flags %#x", (unsigned)mdl->MdlFlags);
    MmUnlockPages(mdl);
    IoFreeMdl(mdl);
    ExFreePoolWithTag(base, TAG);
}

TEST(unlock_of_unlocked_pages)
{
    UCHAR buf[32];
    PMDL mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    expect_bugcheck_p1(0xC4, 0x7D);
    MmUnlockPages(mdl);
}

TEST(map_of_unlocked_pages)
{
    UCHAR buf[32];
    PMDL mdl = IoAllocateMdl(buf, sizeof(buf), FALSE, FALSE, NULL);
    expect_bugcheck_p1(0xC4, 0x81);
    MmMapLockedPagesSpecifyCache(mdl, KernelMode, MmCached, NULL, FALSE, NormalPagePriority);
}

/* A partial MDL describes a subrange; Length 0 takes the rest of the source. From a mapped (or
 * nonpaged) source it uses the source's mapping; from a locked, unmapped source
 * MmGetSystemAddressForMdlSafe maps it, and MmPrepareMdlForReuse releases that mapping. */
TEST(partial_mdl)
{
    PUCHAR base, buf;
    ULONG len;
    PMDL src, part;
    buf = odd_buffer(&base, &len);
    src = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    part = IoAllocateMdl(buf, len, FALSE, FALSE, NULL);
    MmProbeAndLockPages(src, KernelMode, IoWriteAccess);

    IoBuildPartialMdl(src, part, buf + 0x1000, 0x200);
    ok(MmGetMdlVirtualAddress(part) == buf + 0x1000 && MmGetMdlByteCount(part) == 0x200,
       "partial describes %p+%#lx", MmGetMdlVirtualAddress(part),
       (unsigned long)MmGetMdlByteCount(part));
    ok(MmGetMdlByteOffset(part) == 0x123, "byte offset %#lx", (unsigned long)part->ByteOffset);
    ok(part->MdlFlags & MDL_PARTIAL, "not marked partial: %#x", (unsigned)part->MdlFlags);
    ok(MmGetSystemAddressForMdlSafe(part, NormalPagePriority) == buf + 0x1000,
       "partial mapping is not the subrange");
    ok(part->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED, "mapping not recorded: flags %#x",
       (unsigned)part->MdlFlags);
    MmPrepareMdlForReuse(part);
    ok(!(part->MdlFlags & (MDL_PARTIAL_HAS_BEEN_MAPPED | MDL_MAPPED_TO_SYSTEM_VA)),
       "MmPrepareMdlForReuse left the mapping: flags %#x", (unsigned)part->MdlFlags);

    IoBuildPartialMdl(src, part, buf + 0x10, 0);
    ok(MmGetMdlByteCount(part) == len - 0x10, "Length 0: byte count %#lx, not %#lx",
       (unsigned long)part->ByteCount, (unsigned long)(len - 0x10));

    MmGetSystemAddressForMdlSafe(src, NormalPagePriority);
    IoBuildPartialMdl(src, part, buf + 0x20, 0x40);
    ok(part->MappedSystemVa == buf + 0x20 &&
           MmGetSystemAddressForMdlSafe(part, NormalPagePriority) == buf + 0x20,
       "partial of a mapped source does not use its mapping");
    ok(!(part->MdlFlags & MDL_PARTIAL_HAS_BEEN_MAPPED), "mapped again: flags %#x",
       (unsigned)part->MdlFlags);
    IoFreeMdl(part);
    MmUnlockPages(src);
    IoFreeMdl(src);
    ExFreePoolWithTag(base, TAG);
}

/* MmAllocatePagesForMdlEx: whole zeroed pages (the MDL says how many bytes it got), locked,
 * mapped by MmGetSystemAddressForMdlSafe; freed by MmFreePagesFromMdl, then the MDL by
 * ExFreePool (a leak of either fails the test at shutdown). */
TEST(pages_for_mdl_are_zeroed_locked_and_freed_in_two_steps)
{
    PHYSICAL_ADDRESS low = {.QuadPart = 0}, high = {.QuadPart = -1}, skip = {.QuadPart = 0};
    PMDL mdl = MmAllocatePagesForMdlEx(low, high, skip, 3 * PAGE_SIZE + 100, MmCached, 0);
    PUCHAR va;
    ULONG zero = 1;
    ok(mdl != NULL, "MmAllocatePagesForMdlEx");
    ok(MmGetMdlByteCount(mdl) >= 3 * PAGE_SIZE + 100 && MmGetMdlByteCount(mdl) % PAGE_SIZE == 0,
       "byte count %lu", (unsigned long)MmGetMdlByteCount(mdl));
    ok(mdl->MdlFlags & MDL_PAGES_LOCKED, "flags %#x", (unsigned)mdl->MdlFlags);
    va = MmGetSystemAddressForMdlSafe(mdl, NormalPagePriority);
    ok(va != NULL, "mapped");
    for (ULONG i = 0; i < MmGetMdlByteCount(mdl); i++)
        zero &= va[i] == 0;
    ok(zero, "the pages are zeroed");
    va[4 * PAGE_SIZE - 1] = 0x5A; /* the last byte is writable */
    ok((ULONGLONG)MmGetPhysicalAddress(va + PAGE_SIZE).QuadPart >> PAGE_SHIFT ==
           MmGetMdlPfnArray(mdl)[1],
       "the PFN array describes the pages");
    MmUnmapLockedPages(va, mdl);
    MmFreePagesFromMdl(mdl);
    ExFreePool(mdl);
}

TEST(pages_for_mdl_respect_the_range_and_the_skip_rule)
{
    PHYSICAL_ADDRESS low = {.QuadPart = 0}, high4g = {.QuadPart = 0xFFFFFFFF};
    PHYSICAL_ADDRESS nowhere = {.QuadPart = 0x7FFFFFFFFFFF0000}, top = {.QuadPart = -1};
    PHYSICAL_ADDRESS skip = {.QuadPart = 0}, odd = {.QuadPart = 100};
    PMDL mdl = MmAllocatePagesForMdl(low, high4g, skip, 2 * PAGE_SIZE);
    ok(mdl != NULL, "below 4 GiB");
    if (mdl != NULL) {
        PPFN_NUMBER pfn = MmGetMdlPfnArray(mdl);
        ok(pfn[0] < (0x100000000ull >> PAGE_SHIFT) && pfn[1] < (0x100000000ull >> PAGE_SHIFT),
           "PFNs %llx %llx", (unsigned long long)pfn[0], (unsigned long long)pfn[1]);
        MmFreePagesFromMdl(mdl);
        ExFreePool(mdl);
    }
    ok(MmAllocatePagesForMdl(nowhere, top, skip, PAGE_SIZE) == NULL, "no pages in the range: NULL");
    ok(MmAllocatePagesForMdl(low, top, odd, PAGE_SIZE) == NULL,
       "SkipBytes not a multiple of the page size: NULL");
    ok(MmAllocatePagesForMdlEx(low, top, skip, 0, MmCached, 0) == NULL, "no bytes: NULL");
}

/* An MDL MmAllocatePagesForMdl did not return: 0xC4/0x16 (a bad parameter to a memory routine),
 * parameter 3 the MDL. */
TEST(freeing_pages_of_another_mdl_is_a_verifier_bug_check)
{
    static UCHAR buffer[64];
    PMDL mdl = IoAllocateMdl(buffer, sizeof(buffer), FALSE, FALSE, NULL);
    MmBuildMdlForNonPagedPool(mdl);
    expect_bugcheck_params(0xC4, BUGCHECK_P1 | BUGCHECK_P3, 0x16, 0, (ULONG_PTR)mdl, 0);
    MmFreePagesFromMdl(mdl);
}
