/*
 * test_pool.c - ExAllocatePool*, ExFreePool*: alignment, zeroing, POOL_FLAGS validation, and
 * the bug checks Windows documents for misuse (BAD_POOL_CALLER 0xC2, BAD_POOL_HEADER 0x19,
 * DRIVER_VERIFIER_DETECTED_VIOLATION 0xC4, KMODE_EXCEPTION_NOT_HANDLED 0x1E).
 */
#include <wdm.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define TAG       'tseT'
#define HUGE_SIZE ((SIZE_T)1 << 50)

static int all_bytes(const void *p, SIZE_T n, unsigned char value)
{
    const unsigned char *b = p;
    for (SIZE_T i = 0; i < n; i++)
        if (b[i] != value)
            return 0;
    return 1;
}

TEST(alloc_free_with_tag)
{
    PUCHAR p = ExAllocatePoolWithTag(NonPagedPoolNx, 100, TAG);
    ok(p != NULL, "allocation failed\n");
    ok(((ULONG_PTR)p & 15) == 0, "%p is not 16-byte aligned\n", (void *)p);
    RtlFillMemory(p, 100, 0x5A);
    ExFreePoolWithTag(p, TAG);
    p = ExAllocatePoolWithTag(PagedPool, 1, TAG);
    ok(p != NULL, "paged allocation failed\n");
    ExFreePool(p);
}

TEST(alignment)
{
    PVOID big = ExAllocatePoolWithTag(NonPagedPoolNx, 2 * PAGE_SIZE + 5, TAG);
    PVOID cache = ExAllocatePoolWithTag(NonPagedPoolCacheAligned, 40, TAG);
    ok(big != NULL && ((ULONG_PTR)big & (PAGE_SIZE - 1)) == 0, "%p is not page-aligned\n", big);
    ok(cache != NULL && ((ULONG_PTR)cache & 63) == 0, "%p is not cache-aligned\n", cache);
    ExFreePoolWithTag(big, TAG);
    ExFreePoolWithTag(cache, TAG);
}

TEST(untagged_allocation)
{
    PVOID p = ExAllocatePool(NonPagedPool, 32);
    ok(p != NULL, "ExAllocatePool failed\n");
    ExFreePool(p);
    p = ExAllocatePool(PagedPool, 32);
    ExFreePoolWithTag(p, 'enoN'); /* untagged blocks carry the tag "None" */
}

/* Leaves freed pool blocks of `size` bytes full of 0xA5, enough of them to pass the freed-block
 * quarantine, so that the host allocator hands their memory out again: an allocation of that
 * size that is not zeroed then holds non-zero bytes (fresh pages would be zero anyway). */
static void dirty_pool(SIZE_T size)
{
    for (int i = 0; i < 3000; i++) {
        PVOID p = ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, size, TAG);
        if (p == NULL)
            break;
        RtlFillMemory(p, size, 0xA5);
        ExFreePoolWithTag(p, TAG);
    }
}

/* Runs `alloc` (an expression using the variable `size`) `rounds` times on dirty pool; returns
 * how many of its blocks were not all zero. */
#define COUNT_DIRTY(rounds, size, alloc)                                                           \
    ({                                                                                             \
        int dirty_ = 0;                                                                            \
        dirty_pool(size);                                                                          \
        for (int r_ = 0; r_ < (rounds); r_++) {                                                    \
            PUCHAR p_ = (alloc);                                                                   \
            ok(p_ != NULL, "allocation failed\n");                                                 \
            if (p_ == NULL)                                                                        \
                break;                                                                             \
            dirty_ += !all_bytes(p_, (size), 0);                                                   \
            RtlFillMemory(p_, (size), 0xA5);                                                       \
            ExFreePoolWithTag(p_, TAG);                                                            \
        }                                                                                          \
        dirty_;                                                                                    \
    })

/* The uninitialised forms do hand out dirty memory here: the check that makes the zeroing
 * tests below able to fail. */
TEST(dirty_pool_is_dirty)
{
    int dirty = COUNT_DIRTY(8, 300, ExAllocatePoolUninitialized(NonPagedPoolNx, 300, TAG));
    ok(dirty > 0, "no uninitialised block held old bytes: the zeroing tests prove nothing\n");
    dirty = COUNT_DIRTY(8, 512,
                        ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_UNINITIALIZED, 512, TAG));
    ok(dirty > 0, "no POOL_FLAG_UNINITIALIZED block held old bytes\n");
}

TEST(zeroing_inlines)
{
    ok(COUNT_DIRTY(8, 300, ExAllocatePoolZero(NonPagedPoolNx, 300, TAG)) == 0,
       "ExAllocatePoolZero did not zero\n");
    ok(COUNT_DIRTY(8, 300,
                   ExAllocatePoolWithTag((POOL_TYPE)(NonPagedPoolNx | POOL_ZERO_ALLOCATION), 300,
                                         TAG)) == 0,
       "POOL_ZERO_ALLOCATION did not zero\n");
    ok(COUNT_DIRTY(8, 300,
                   ExAllocatePoolPriorityZero(NonPagedPoolNx, 300, TAG, NormalPoolPriority)) == 0,
       "ExAllocatePoolPriorityZero did not zero\n");
    ok(COUNT_DIRTY(8, 300, ExAllocatePoolQuotaZero(PagedPool, 300, TAG)) == 0,
       "ExAllocatePoolQuotaZero did not zero\n");
}

/* ExAllocatePool2 zeroes the block unless POOL_FLAG_UNINITIALIZED is given. */
TEST(pool2_zeroed_unless_uninitialized)
{
    ok(COUNT_DIRTY(8, 512, ExAllocatePool2(POOL_FLAG_NON_PAGED, 512, TAG)) == 0,
       "ExAllocatePool2 memory is not zeroed\n");
    ok(COUNT_DIRTY(8, 512, ExAllocatePool2(POOL_FLAG_PAGED, 512, TAG)) == 0,
       "ExAllocatePool2 paged memory is not zeroed\n");
    ok(COUNT_DIRTY(8, 512, ExAllocatePool3(POOL_FLAG_NON_PAGED, 512, TAG, NULL, 0)) == 0,
       "ExAllocatePool3 memory is not zeroed\n");
}

TEST(pool2_flag_validation)
{
    PVOID p;
    ok(ExAllocatePool2(0, 16, TAG) == NULL, "no pool type accepted\n");
    ok(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_PAGED, 16, TAG) == NULL,
       "two pool types accepted\n");
    ok(ExAllocatePool2(POOL_FLAG_NON_PAGED, 16, 0) == NULL, "tag 0 accepted\n");
    ok(ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RESERVED1, 16, TAG) == NULL,
       "reserved required flag accepted\n");
    ok(ExAllocatePool2(POOL_FLAG_NON_PAGED | 0x00100000ULL, 16, TAG) == NULL,
       "unknown required flag accepted\n");
    /* Unknown optional flags are ignored. */
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED | (1ULL << 40), 16, TAG);
    ok(p != NULL, "unknown optional flag refused\n");
    ExFreePoolWithTag(p, TAG);
    p = ExAllocatePool2(POOL_FLAG_NON_PAGED_EXECUTE | POOL_FLAG_CACHE_ALIGNED | POOL_FLAG_USE_QUOTA,
                        16, TAG);
    ok(p != NULL && ((ULONG_PTR)p & 63) == 0, "cache-aligned executable allocation: %p\n", p);
    ExFreePoolWithTag(p, TAG);
}

TEST(pool2_failure_returns_null)
{
    ok(ExAllocatePool2(POOL_FLAG_NON_PAGED, HUGE_SIZE, TAG) == NULL, "huge allocation succeeded\n");
    ok(ExAllocatePoolWithTag(NonPagedPoolNx, HUGE_SIZE, TAG) == NULL,
       "huge allocation succeeded\n");
    ok(ExAllocatePoolWithQuotaTag((POOL_TYPE)(PagedPool | POOL_QUOTA_FAIL_INSTEAD_OF_RAISE),
                                  HUGE_SIZE, TAG) == NULL,
       "huge quota allocation succeeded\n");
}

TEST(pool2_raise_on_failure)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_INSUFFICIENT_RESOURCES); /* the raise is unhandled */
    ExAllocatePool2(POOL_FLAG_NON_PAGED | POOL_FLAG_RAISE_ON_FAILURE, HUGE_SIZE, TAG);
}

TEST(quota_raises_by_default)
{
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_INSUFFICIENT_RESOURCES);
    ExAllocatePoolWithQuotaTag(PagedPool, HUGE_SIZE, TAG);
}

TEST(raise_status)
{
    /* Not STATUS_ACCESS_VIOLATION: a fault (segfault) would bug-check 0x1E with that too. */
    expect_bugcheck_p1(0x1E, (ULONG)STATUS_INVALID_PARAMETER);
    ExRaiseStatus(STATUS_INVALID_PARAMETER);
}

typedef struct _POOL_EXT_PARAM {
    ULONG64 TypeAndFlags; /* Type: bits 0-7, Optional: bit 8 */
    ULONG64 Value;
} POOL_EXT_PARAM;

TEST(pool3_extended_parameters)
{
    POOL_EXT_PARAM priority = {1, NormalPoolPriority}, bogus = {0x7F, 0},
                   optional = {0x7F | 0x100, 0};
    PVOID p =
        ExAllocatePool3(POOL_FLAG_NON_PAGED, 48, TAG, (PCPOOL_EXTENDED_PARAMETER)&priority, 1);
    ok(p != NULL, "priority parameter refused\n");
    ExFreePoolWithTag(p, TAG);
    ok(ExAllocatePool3(POOL_FLAG_NON_PAGED, 48, TAG, (PCPOOL_EXTENDED_PARAMETER)&bogus, 1) == NULL,
       "unknown required parameter accepted\n");
    p = ExAllocatePool3(POOL_FLAG_NON_PAGED, 48, TAG, (PCPOOL_EXTENDED_PARAMETER)&optional, 1);
    ok(p != NULL, "unknown optional parameter refused\n");
    ExFreePoolWithTag(p, TAG);
    p = ExAllocatePool3(POOL_FLAG_PAGED, 48, TAG, NULL, 0);
    ok(p != NULL, "no extended parameters refused\n");
    ExFreePool(p);
}

TEST(nonpaged_at_dispatch)
{
    KIRQL old;
    PVOID p;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    ok(p != NULL, "nonpaged allocation at DISPATCH_LEVEL failed\n");
    ExFreePoolWithTag(p, TAG);
    KeLowerIrql(old);
}

TEST(paged_alloc_at_dispatch)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC2, 0x08); /* BAD_POOL_CALLER */
    ExAllocatePoolWithTag(PagedPool, 64, TAG);
}

TEST(pool2_paged_at_dispatch)
{
    KIRQL old;
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC2, 0x08); /* BAD_POOL_CALLER: paged pool above APC_LEVEL */
    ExAllocatePool2(POOL_FLAG_PAGED, 64, TAG);
}

TEST(paged_free_at_dispatch)
{
    KIRQL old;
    PVOID p = ExAllocatePoolWithTag(PagedPool, 64, TAG);
    KeRaiseIrql(DISPATCH_LEVEL, &old);
    expect_bugcheck_p1(0xC2, 0x09); /* BAD_POOL_CALLER */
    ExFreePoolWithTag(p, TAG);
}

TEST(alloc_above_dispatch)
{
    KIRQL old;
    KeRaiseIrql(HIGH_LEVEL, &old);
    expect_bugcheck_p1(0xC2, 0x08); /* BAD_POOL_CALLER: allocation above DISPATCH_LEVEL */
    ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
}

TEST(wrong_tag)
{
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    expect_bugcheck_p1(0xC2, 0x0A); /* BAD_POOL_CALLER */
    ExFreePoolWithTag(p, 'gnrW');
}

TEST(double_free)
{
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    ExFreePoolWithTag(p, TAG);
    expect_bugcheck_p1(0xC2, 0x07); /* BAD_POOL_CALLER */
    ExFreePoolWithTag(p, TAG);
}

/* The freed-pool quarantine keeps the most recent frees after older ones have left it: a block
 * freed after thousands of others is still known as freed. */
TEST(double_free_after_many_frees)
{
    enum {
        MANY = 2000
    };
    static PVOID blocks[MANY];
    for (int i = 0; i < MANY; i++)
        blocks[i] = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    for (int i = 0; i < MANY; i++)
        ExFreePoolWithTag(blocks[i], TAG);
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    ExFreePoolWithTag(p, TAG);
    expect_bugcheck_p1(0xC2, 0x07); /* BAD_POOL_CALLER: freed twice */
    ExFreePoolWithTag(p, TAG);
}

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif
#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#endif

/* drvhost's own check (Driver Verifier's special pool does the like): a freed block stays in
 * the quarantine poisoned for AddressSanitizer, so a driver's use after free is reported there;
 * without a sanitizer its bytes are 0xDD, visible in the driver's data. */
TEST(freed_block_is_poisoned_or_filled)
{
    PUCHAR p = ExAllocatePool2(POOL_FLAG_NON_PAGED, 48, TAG);
    ok(p != NULL, "allocation\n");
    ExFreePoolWithTag(p, TAG);
#ifdef TEST_ASAN
    ok(__asan_address_is_poisoned(p) && __asan_address_is_poisoned(p + 47),
       "the freed block is poisoned\n");
#else
    ok(all_bytes(p, 48, 0xDD), "the freed block is filled with 0xDD\n");
#endif
}

static KEVENT race_go;
static PVOID race_block;

static VOID NTAPI RaceFree(PVOID context)
{
    UNREFERENCED_PARAMETER(context);
    KeWaitForSingleObject(&race_go, Executive, KernelMode, FALSE, NULL);
    ExFreePoolWithTag(race_block, TAG);
    PsTerminateSystemThread(STATUS_SUCCESS);
}

/* Two threads free one block at once: one free succeeds, the other is the double free (which
 * thread loses does not matter; the first bug check ends the test). */
TEST(concurrent_double_free)
{
    HANDLE h;
    PVOID thread;
    race_block = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    KeInitializeEvent(&race_go, NotificationEvent, FALSE);
    ok_status(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, RaceFree, NULL),
              STATUS_SUCCESS);
    ok_status(ObReferenceObjectByHandle(h, SYNCHRONIZE, *PsThreadType, KernelMode, &thread, NULL),
              STATUS_SUCCESS);
    ZwClose(h);
    expect_bugcheck_p1(0xC2, 0x07); /* BAD_POOL_CALLER: freed twice */
    KeSetEvent(&race_go, IO_NO_INCREMENT, FALSE);
    ExFreePoolWithTag(race_block, TAG);
    KeWaitForSingleObject(thread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(thread);
}

TEST(free_stack_address)
{
    __attribute__((aligned(16))) char local[64];
    expect_bugcheck_p1(0xC2, 0x46); /* BAD_POOL_CALLER: not a pool address */
    ExFreePool(local);
}

TEST(free_interior_pointer)
{
    PUCHAR p = ExAllocatePoolWithTag(NonPagedPoolNx, 64, TAG);
    expect_bugcheck_p1(0xC2, 0x46);
    ExFreePool(p + 16);
}

TEST(overrun_detected_at_free)
{
    PUCHAR p = ExAllocatePoolWithTag(NonPagedPoolNx, 40, TAG);
    p[40] = 0x11;                   /* one byte past the end */
    expect_bugcheck_p1(0x19, 0x21); /* BAD_POOL_HEADER */
    ExFreePoolWithTag(p, TAG);
}

/* ---- a one-byte overrun at any address ------------------------------------------------ */

/* The guard after a block is derived from the block's address; whatever the address, it must
 * not be a byte a one-byte overrun is likely to write (the NUL of a string one byte too long,
 * 0xFF), or the free sees nothing. Each block is overrun and freed in a child process of its
 * own (the bug check ends it); the child's bug-check handler sends the code and parameters
 * back through a pipe. */
enum {
    GUARD_BLOCKS = 1024, /* at most: until every value of address bits 8-15 is among them */
    GUARD_BLOCK_SIZE = 24,
};

static void send_bugcheck(uint32_t code, const uint64_t params[4], void *context)
{
    uint64_t record[5] = {code, params[0], params[1], params[2], params[3]};
    ssize_t n = write((int)(intptr_t)context, record, sizeof(record));
    _exit(n == (ssize_t)sizeof(record) ? DRVHOST_EXIT_BUGCHECK : 97);
}

/* Writes `value` one byte past `block` and frees it in a child; *record receives the bug
 * check (code, parameters 1 to 4). FALSE when the child made none. */
static BOOLEAN overrun_in_child(PUCHAR block, UCHAR value, uint64_t record[5])
{
    int fds[2], status = 0;
    ssize_t n = 0;
    pid_t pid;
    if (pipe(fds) != 0)
        return FALSE;
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2); /* the bug-check report, 512 times */
        close(fds[0]);
        drvhost_set_bugcheck_handler(send_bugcheck, (void *)(intptr_t)fds[1]);
        block[GUARD_BLOCK_SIZE] = value;
        ExFreePoolWithTag(block, TAG);
        _exit(0); /* the free found nothing */
    }
    close(fds[1]);
    if (pid > 0)
        n = read(fds[0], record, 5 * sizeof(uint64_t));
    close(fds[0]);
    if (pid > 0)
        waitpid(pid, &status, 0);
    return n == (ssize_t)(5 * sizeof(uint64_t));
}

/* Every block overrun by `value` is 0x19 BAD_POOL_HEADER at its free: 0x21, the block, its
 * size, and the guard bytes found (the first one `value`). */
static void overrun_every_block_with(UCHAR value)
{
    static PUCHAR blocks[GUARD_BLOCKS];
    BOOLEAN seen[256] = {0};
    int missed = 0, count = 0, values = 0;
    /* The old guard was 0 for one value of the header address's bits 8-15: blocks until each
     * value is some block's (the host allocator's spacing differs under each sanitizer: gcc's
     * ThreadSanitizer packs 24-byte blocks 128 bytes apart). */
    while (count < GUARD_BLOCKS && values < 256) {
        PUCHAR b = ExAllocatePoolWithTag(NonPagedPoolNx, GUARD_BLOCK_SIZE, TAG);
        if (b == NULL)
            break;
        blocks[count++] = b;
        if (!seen[((ULONG_PTR)b >> 8) & 0xFF]) {
            seen[((ULONG_PTR)b >> 8) & 0xFF] = TRUE;
            values++;
        }
    }
    ok(values == 256, "%d blocks cover %d values of address bits 8-15 only\n", count, values);
    for (int i = 0; i < count; i++) {
        uint64_t r[5] = {0};
        BOOLEAN found = overrun_in_child(blocks[i], value, r);
        if (!found || r[0] != 0x19 || r[1] != 0x21 || r[2] != (ULONG_PTR)blocks[i] ||
            r[3] != GUARD_BLOCK_SIZE || (r[4] & 0xFF) != value)
            missed++;
        if (missed == 1 && (!found || r[0] != 0x19))
            trace("block %p: %s 0x%llx\n", (void *)blocks[i], found ? "bug check" : "no bug check",
                  (unsigned long long)r[0]);
    }
    ok(missed == 0, "%d of %d blocks overrun by 0x%02x: no 0x19 (0x21, block, size, guard)\n",
       missed, count, value);
    for (int i = 0; i < count; i++)
        ExFreePoolWithTag(blocks[i], TAG);
}

TEST(nul_overrun_detected_at_any_address)
{
    overrun_every_block_with(0x00);
}

TEST(ff_overrun_detected_at_any_address)
{
    overrun_every_block_with(0xFF);
}

TEST(underrun_detected_at_free)
{
    PUCHAR p = ExAllocatePoolWithTag(NonPagedPoolNx, 40, TAG);
    p[-1] ^= 0x5A;                  /* the last byte of the pool header in front of the block */
    expect_bugcheck_p1(0xC2, 0x01); /* BAD_POOL_CALLER: pool header corrupted */
    ExFreePoolWithTag(p, TAG);
}

TEST(zero_size)
{
    expect_bugcheck_p1(0xC4, 0x00); /* Driver Verifier 0x00: zero-byte allocation */
    ExAllocatePoolWithTag(NonPagedPoolNx, 0, TAG);
}

TEST(tag_zero)
{
    expect_bugcheck_p1(0xC2, 0x9B); /* BAD_POOL_CALLER */
    ExAllocatePoolWithTag(NonPagedPoolNx, 16, 0);
}

TEST(protected_tag)
{
    ULONG tag = TAG | 0x80000000UL; /* PROTECTED_POOL */
    PVOID p = ExAllocatePoolWithTag(NonPagedPoolNx, 16, tag);
    ExFreePoolWithTag(p, tag);
    p = ExAllocatePoolWithTag(NonPagedPoolNx, 16, tag);
    expect_bugcheck_p1(0xC2, 0x0A); /* protected blocks need ExFreePoolWithTag with their tag */
    ExFreePool(p);
}

TEST(many_blocks)
{
    static PVOID blocks[5000];
    for (int i = 0; i < 5000; i++) {
        blocks[i] =
            ExAllocatePoolWithTag(i & 1 ? PagedPool : NonPagedPoolNx, (SIZE_T)(i % 200) + 1, TAG);
        ok(blocks[i] != NULL, "allocation %d failed\n", i);
        *(volatile UCHAR *)blocks[i] = (UCHAR)i;
    }
    for (int i = 4999; i >= 0; i -= 2)
        ExFreePoolWithTag(blocks[i], TAG);
    for (int i = 0; i < 5000; i += 2)
        ExFreePool(blocks[i]);
}

/* ExAllocatePoolWithTagPriority: a tagged block like ExAllocatePoolWithTag's at every priority
 * (freeing it with another tag is BAD_POOL_CALLER 0x0A); NULL, no raise, when it cannot be had. */
TEST(alloc_with_tag_priority)
{
    static const EX_POOL_PRIORITY prio[] = {LowPoolPriority, NormalPoolPriority, HighPoolPriority,
                                            NormalPoolPrioritySpecialPoolOverrun};
    for (unsigned i = 0; i < sizeof(prio) / sizeof(prio[0]); i++) {
        PUCHAR p = ExAllocatePoolWithTagPriority(NonPagedPoolNx, 100, TAG, prio[i]);
        ok(p != NULL && ((ULONG_PTR)p & 15) == 0, "priority %d: %p\n", (int)prio[i], (void *)p);
        if (p != NULL) {
            RtlFillMemory(p, 100, 0x5A);
            ExFreePoolWithTag(p, TAG);
        }
    }
    ok(ExAllocatePoolWithTagPriority(PagedPool, HUGE_SIZE, TAG, HighPoolPriority) == NULL,
       "huge allocation succeeded\n");
    PVOID p = ExAllocatePoolWithTagPriority(NonPagedPoolNx, 16, TAG, NormalPoolPriority);
    expect_bugcheck_p1(0xC2, 0x0A);
    ExFreePoolWithTag(p, 'gorW');
}

/* The uninitialised and quota inlines: usable blocks carrying the caller's tag; the quota forms
 * fail with NULL instead of raising. */
TEST(uninitialized_and_quota_inlines)
{
    PUCHAR p = ExAllocatePoolUninitialized(PagedPool, 64, TAG);
    ok(p != NULL, "ExAllocatePoolUninitialized failed\n");
    RtlFillMemory(p, 64, 1);
    ExFreePoolWithTag(p, TAG);
    p = ExAllocatePoolQuotaUninitialized(NonPagedPoolNx, 64, TAG);
    ok(p != NULL, "ExAllocatePoolQuotaUninitialized failed\n");
    RtlFillMemory(p, 64, 1);
    ExFreePoolWithTag(p, TAG);
    ok(ExAllocatePoolQuotaUninitialized(PagedPool, HUGE_SIZE, TAG) == NULL,
       "huge quota allocation did not fail with NULL\n");
    ok(ExAllocatePoolQuotaZero(PagedPool, HUGE_SIZE, TAG) == NULL,
       "huge zeroed quota allocation did not fail with NULL\n");
    ok(ExAllocatePoolPriorityZero(PagedPool, HUGE_SIZE, TAG, LowPoolPriority) == NULL,
       "huge zeroed priority allocation succeeded\n");
}

TEST(uninitialized_carries_the_tag)
{
    PVOID p = ExAllocatePoolUninitialized(NonPagedPoolNx, 32, TAG);
    expect_bugcheck_p1(0xC2, 0x0A);
    ExFreePoolWithTag(p, 'gorW');
}

/* ExInitializeDriverRuntime(DrvRtPoolNxOptIn): NonPagedPool requests afterwards get
 * no-execute pool; in user mode pool is never executable, so the observable effect is that
 * they still succeed. */
TEST(driver_runtime_nx_opt_in)
{
    ExInitializeDriverRuntime(DrvRtPoolNxOptIn);
    PVOID p = ExAllocatePoolWithTag(NonPagedPool, 32, TAG);
    ok(p != NULL, "NonPagedPool allocation after the opt-in failed\n");
    ExFreePoolWithTag(p, TAG);
}
