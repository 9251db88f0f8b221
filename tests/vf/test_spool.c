/*
 * test_spool.c - Driver Verifier's special pool (VerifyDriverLevel with
 * DRIVER_VERIFIER_SPECIAL_POOLING, 0x1, in the driver's service key): an access beyond the end
 * of a block faults at the access (0xD6 from the driver, 0xCD from the runtime), an access to
 * a freed block too (0xD5, 0xCC), whatever the IRQL and inside __try; the bytes after the
 * block on its page are checked at the free (0xC1, 0x24); a second free is 0xC1, 0x20; normal
 * use works and the pool tracking (leak at unload) still sees the blocks. Without the option,
 * an overrun is found at the free (0x19/0x21) as before.
 */
#include <wdm.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/vfspool.h"
#include "harness.h"

#define SPECIAL_POOLING 0x1 /* DRIVER_VERIFIER_SPECIAL_POOLING */

#define BUGCODE_C1 0xC1 /* SPECIAL_POOL_DETECTED_MEMORY_CORRUPTION */
#define BUGCODE_CC 0xCC /* PAGE_FAULT_IN_FREED_SPECIAL_POOL */
#define BUGCODE_CD 0xCD /* PAGE_FAULT_BEYOND_END_OF_ALLOCATION */
#define BUGCODE_D5 0xD5 /* DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL */
#define BUGCODE_D6 0xD6 /* DRIVER_PAGE_FAULT_BEYOND_END_OF_ALLOCATED_POOL */
/* Parameters 1, 2 and 4 of the page-fault codes: the address, 0 read / 1 write, reserved. */
#define FAULT_PARAMS (BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P4)

/* Loads vfspool with VerifyDriverLevel = level (none when level is (ULONG)-1) and opens it. */
static drvhost_file *sp_open(ULONG level)
{
    drvhost_file *f = NULL;
    ok_status(drvhost_service_add("vfspool", harness_driver_path("vfspool")), STATUS_SUCCESS);
    if (level != (ULONG)-1)
        ok(drvhost_reg_set("HKLM\\SYSTEM\\CurrentControlSet\\Services\\vfspool",
                           "VerifyDriverLevel", DRVHOST_REG_DWORD, &level, sizeof(level)) == 0,
           "VerifyDriverLevel not written\n");
    ok_status(drvhost_driver_load("vfspool"), STATUS_SUCCESS);
    ok_status(drvhost_open("\\\\.\\VfSpool", 0xC0000000u, &f), STATUS_SUCCESS);
    return f;
}

static NTSTATUS sp_call(drvhost_file *f, ULONG code, ULONG64 value, ULONG64 *out)
{
    ULONG64 ignored;
    return harness_ioctl(f, code, &value, sizeof(value), out ? out : &ignored, sizeof(ignored),
                         NULL);
}

static ULONG64 sp_alloc(drvhost_file *f, ULONG64 size)
{
    ULONG64 address = 0;
    ok_status(sp_call(f, IOCTL_VFSP_ALLOC, size, &address), STATUS_SUCCESS);
    ok(address != 0, "no block\n");
    return address;
}

static void sp_close_unload(drvhost_file *f)
{
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("vfspool"), STATUS_SUCCESS);
}

/* Special pool on, a block of `size` bytes (freed first when `freed`); the driver runs `ioctl`
 * on byte `offset` of it (a length from the start for IOCTL_VFSP_COMPARE), which must stop
 * with `code` and parameters (the block + offset, `write`, -, 0). For the runtime's
 * RtlCompareMemory only parameter 1 is checked, in [block + offset, block + offset + 16). */
static void sp_expect_fault(ULONG64 size, BOOLEAN freed, ULONG ioctl, ULONG64 offset, ULONG code,
                            ULONG64 write)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, size);
    if (freed)
        ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    if (ioctl == IOCTL_VFSP_COMPARE)
        expect_bugcheck_p1_in(code, p + offset, p + offset + 16);
    else
        expect_bugcheck_params(code, FAULT_PARAMS, p + offset, write, 0, 0);
    sp_call(f, ioctl, ioctl == IOCTL_VFSP_COMPARE ? offset + 8 : offset, NULL);
    ok(0, "the access returned\n");
}

/* ---- beyond the end: at the access ------------------------------------------------------- */

TEST(spool_write_one_past_the_end_is_d6)
{
    sp_expect_fault(32, FALSE, IOCTL_VFSP_WRITE, 32, BUGCODE_D6, 1);
}

TEST(spool_last_byte_is_writable)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    sp_alloc(f, 32);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, 31, NULL), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    sp_close_unload(f);
}

TEST(spool_read_past_the_end_is_d6)
{
    sp_expect_fault(48, FALSE, IOCTL_VFSP_READ, 48, BUGCODE_D6, 0);
}

/* At DISPATCH_LEVEL a fault is otherwise 0xD1: the special pool's code comes first. */
TEST(spool_write_past_the_end_at_dispatch_is_d6)
{
    sp_expect_fault(64, FALSE, IOCTL_VFSP_WRITE_RAISED, 64, BUGCODE_D6, 1);
}

/* Documented: "cannot be protected by a try - except handler". */
TEST(spool_write_past_the_end_inside_try_is_d6)
{
    sp_expect_fault(16, FALSE, IOCTL_VFSP_WRITE_IN_TRY, 16, BUGCODE_D6, 1);
}

/* The runtime's RtlCompareMemory reads beyond the block: the system's code, 0xCD. */
TEST(spool_runtime_read_past_the_end_is_cd)
{
    sp_expect_fault(32, FALSE, IOCTL_VFSP_COMPARE, 32, BUGCODE_CD, 0);
}

/* ---- freed blocks ------------------------------------------------------------------------- */

TEST(spool_read_after_free_is_d5)
{
    sp_expect_fault(24, TRUE, IOCTL_VFSP_READ, 4, BUGCODE_D5, 0);
}

TEST(spool_write_after_free_is_d5)
{
    sp_expect_fault(24, TRUE, IOCTL_VFSP_WRITE, 0, BUGCODE_D5, 1);
}

TEST(spool_runtime_read_after_free_is_cc)
{
    sp_expect_fault(24, TRUE, IOCTL_VFSP_COMPARE, 0, BUGCODE_CC, 0);
}

/* Windows' "free pool which was not allocated": 0xC1 with parameter 4 = 0x20. */
TEST(spool_second_free_is_c1_20)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, 24);
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    expect_bugcheck_params(BUGCODE_C1, BUGCHECK_PALL, p, 0, 0, 0x20);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the second free returned\n");
}

/* ---- the slack bytes: at the free ---------------------------------------------------------- */

/* 20 bytes end 12 bytes before the page end (16-byte alignment): writing there does not fault,
 * the free finds it. */
TEST(spool_slack_overwrite_is_c1_24_at_free)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, 20);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, 25, NULL), STATUS_SUCCESS);
    expect_bugcheck_params(BUGCODE_C1, BUGCHECK_PALL, p, p + 25, 0, 0x24);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the free returned\n");
}

/* Before the block on its page: the byte right before the data is the header's last word
 * (0xC2/0x01, as without special pool); further down, the page's fill (0xC1, 0x23). The offset
 * wraps: the driver indexes its block with a negative number. */
TEST(spool_write_before_the_header_is_c1_23_at_free)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, 100);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, (ULONG64)-200, NULL), STATUS_SUCCESS);
    expect_bugcheck_params(BUGCODE_C1, BUGCHECK_PALL, p, p - 200, 0, 0x23);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the free returned\n");
}

TEST(spool_write_into_the_header_is_c2_01_at_free)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    sp_alloc(f, 100);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, (ULONG64)-1, NULL), STATUS_SUCCESS);
    expect_bugcheck_p1(0xC2, 0x01);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the free returned\n");
}

/* ---- normal use ----------------------------------------------------------------------------- */

TEST(spool_block_ends_at_its_page_end_and_works)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, 100), p2;
    ok(p % 16 == 0, "block %#llx not 16-byte aligned\n", (unsigned long long)p);
    ok((p + 112) % PAGE_SIZE == 0, "block %#llx of 100 bytes does not end at a page end\n",
       (unsigned long long)p);
    ok_status(sp_call(f, IOCTL_VFSP_USE, 100, NULL), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    p2 = sp_alloc(f, PAGE_SIZE - 16); /* the largest block one page holds: two pages */
    ok(p2 % PAGE_SIZE == 16, "block %#llx\n", (unsigned long long)p2);
    ok_status(sp_call(f, IOCTL_VFSP_USE, PAGE_SIZE - 16, NULL), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    sp_close_unload(f);
}

/* A block of a page or more comes from the ordinary pool (page-aligned as documented). */
TEST(spool_page_sized_block_is_ordinary_pool)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 p = sp_alloc(f, PAGE_SIZE);
    ok(p % PAGE_SIZE == 0, "block %#llx\n", (unsigned long long)p);
    ok_status(sp_call(f, IOCTL_VFSP_USE, PAGE_SIZE, NULL), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, PAGE_SIZE, NULL), STATUS_SUCCESS); /* no fault */
    expect_bugcheck_p1(0x19, 0x21);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the free returned\n");
}

/* ---- the end of the special pool's address space (test-only: a span of 32 pages) ---------- */

/* DRVHOST_SPECIAL_POOL_PAGES (docs/verifier.md, test-only): the special pool uses 32 pages of
 * its span, 16 blocks of 32 bytes (a page and the guard page each), and keeps 32 / 16 = 2
 * freed ranges in quarantine. Read at the first special allocation of the process. */
#define SMALL_SPAN_BLOCKS 16

static drvhost_file *sp_open_small_span(void)
{
    ok(setenv("DRVHOST_SPECIAL_POOL_PAGES", "32", 1) == 0, "setenv\n");
    return sp_open(SPECIAL_POOLING);
}

/* A special block of 32 bytes ends at its page's end (an ordinary one rarely does). */
static BOOLEAN sp_is_special(ULONG64 p)
{
    return (p + 32) % PAGE_SIZE == 0;
}

/* Keeps `n` blocks of 32 bytes in the driver; returns how many of them are special. */
static int sp_keep_blocks(drvhost_file *f, int n)
{
    ULONG64 p = 0;
    int special = 0;
    for (int i = 0; i < n; i++) {
        ok_status(sp_call(f, IOCTL_VFSP_KEEP, 32, &p), STATUS_SUCCESS);
        special += sp_is_special(p);
    }
    return special;
}

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

/* When the span is full of live blocks, the next block comes from the ordinary pool (its byte
 * past the end reads without a fault), and stderr says so once, naming the driver; once blocks
 * are freed (more than the quarantine), special blocks come back. */
TEST(spool_exhausted_says_so_once_and_falls_back)
{
    drvhost_file *f = sp_open_small_span();
    ULONG64 p = 0, byte = 0;
    int special;
    char *err;
    harness_stderr_begin();
    special = sp_keep_blocks(f, SMALL_SPAN_BLOCKS);
    ok_status(sp_call(f, IOCTL_VFSP_KEEP, 32, &p), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_READ, 32, &byte), STATUS_SUCCESS); /* no 0xD6: ordinary */
    ok_status(sp_call(f, IOCTL_VFSP_KEEP, 32, &p), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_READ, 32, &byte), STATUS_SUCCESS);
    err = harness_stderr_end();
    ok(special == SMALL_SPAN_BLOCKS, "%d of %d blocks special\n", special, SMALL_SPAN_BLOCKS);
    ok(strstr(err, "drvhost: special pool: exhausted") != NULL &&
           strstr(err, "driver 'vfspool'") != NULL && strstr(err, "ordinary pool") != NULL,
       "no diagnostic naming the driver: [%s]\n", err);
    ok(count_of(err, "special pool:") == 1, "said %d times: [%s]\n", count_of(err, "special pool:"),
       err);
    free(err);
    ok_status(sp_call(f, IOCTL_VFSP_FREE_KEPT, 0, NULL), STATUS_SUCCESS);
    ok_status(sp_call(f, IOCTL_VFSP_KEEP, 32, &p), STATUS_SUCCESS);
    ok(sp_is_special(p), "after the frees, block %#llx is not special\n", (unsigned long long)p);
    ok_status(sp_call(f, IOCTL_VFSP_FREE_KEPT, 0, NULL), STATUS_SUCCESS);
    sp_close_unload(f);
}

/* Freed ranges are reused once more than the quarantine (2 here) wait: 40 blocks allocated and
 * freed one after the other in a span of 16 are all special, zeroed and working, never at the
 * address of one of the last 2 freed; a use after free of the last one is still 0xD5. */
TEST(spool_freed_pages_reused_after_quarantine)
{
    enum {
        ROUNDS = 40
    };
    drvhost_file *f = sp_open_small_span();
    ULONG64 p[ROUNDS] = {0};
    int special = 0, distinct = 0, too_soon = 0;
    for (int i = 0; i < ROUNDS; i++) {
        p[i] = sp_alloc(f, 32);
        special += sp_is_special(p[i]);
        ok_status(sp_call(f, IOCTL_VFSP_USE, 32, NULL), STATUS_SUCCESS); /* zeroed, works */
        ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
        too_soon += (i >= 1 && p[i] == p[i - 1]) || (i >= 2 && p[i] == p[i - 2]);
    }
    for (int i = 0; i < ROUNDS; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= p[j] == p[i];
        distinct += !seen;
    }
    ok(special == ROUNDS, "%d of %d blocks special\n", special, ROUNDS);
    ok(distinct <= SMALL_SPAN_BLOCKS, "%d addresses for %d blocks: no reuse\n", distinct, ROUNDS);
    ok(too_soon == 0, "%d blocks at an address freed within the quarantine\n", too_soon);
    expect_bugcheck_params(BUGCODE_D5, FAULT_PARAMS, p[ROUNDS - 1], 0, 0, 0);
    sp_call(f, IOCTL_VFSP_READ, 0, NULL);
    ok(0, "the read returned\n");
}

/* A freed range is not reused while in quarantine: with 14 of the 16 ranges kept live and the
 * other 2 freed, the next block comes from the ordinary pool rather than take one of them. */
TEST(spool_quarantined_pages_not_reused)
{
    drvhost_file *f = sp_open_small_span();
    ULONG64 byte = 0;
    int special;
    char *err;
    harness_stderr_begin();
    special = sp_keep_blocks(f, SMALL_SPAN_BLOCKS - 2);
    for (int i = 0; i < 2; i++) {
        special += sp_is_special(sp_alloc(f, 32));
        ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    }
    sp_alloc(f, 32);
    ok_status(sp_call(f, IOCTL_VFSP_READ, 32, &byte), STATUS_SUCCESS); /* no 0xD6: ordinary */
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    err = harness_stderr_end();
    ok(special == SMALL_SPAN_BLOCKS, "%d of %d blocks special\n", special, SMALL_SPAN_BLOCKS);
    ok(strstr(err, "drvhost: special pool: exhausted") != NULL, "no diagnostic: [%s]\n", err);
    free(err);
    ok_status(sp_call(f, IOCTL_VFSP_FREE_KEPT, 0, NULL), STATUS_SUCCESS);
    sp_close_unload(f);
}

/* Four client threads allocate and free blocks at once in the small span, so that freed ranges
 * are reused concurrently with other frees: every block is special, zeroed and works. */
enum {
    CHURN_THREADS = 4,
    CHURN_ROUNDS = 3000
};

struct churn {
    drvhost_file *f;
    NTSTATUS status;
    ULONG64 special;
};

static void *churn_thread(void *context)
{
    struct churn *c = context;
    c->status = sp_call(c->f, IOCTL_VFSP_CHURN, CHURN_ROUNDS, &c->special);
    return NULL;
}

TEST(spool_reuse_under_concurrent_frees)
{
    drvhost_file *f = sp_open_small_span();
    struct churn c[CHURN_THREADS];
    pthread_t t[CHURN_THREADS];
    for (int i = 0; i < CHURN_THREADS; i++) {
        c[i] = (struct churn){.f = f, .status = -1};
        ok(pthread_create(&t[i], NULL, churn_thread, &c[i]) == 0, "pthread_create\n");
    }
    for (int i = 0; i < CHURN_THREADS; i++) {
        pthread_join(t[i], NULL);
        ok_status(c[i].status, STATUS_SUCCESS);
        ok(c[i].special == CHURN_ROUNDS, "thread %d: %llu of %d blocks special\n", i,
           (unsigned long long)c[i].special, CHURN_ROUNDS);
    }
    sp_close_unload(f);
}

#ifdef VF_FAULT_INJECTION
/* drvhost's fault injection (src/os/os.h; exported by libdrvhost.so, not a public header):
 * OS_INJECT_ALLOC is 0. Builds other than Release only (CMakeLists.txt defines the macro). */
void drvhost_fault_arm(int kind, unsigned n, uint32_t tag);

/* An injected allocation failure reaches special blocks too: ExAllocatePool2 returns NULL. */
TEST(spool_injected_failure_fails_the_allocation)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    ULONG64 address = 1;
    drvhost_fault_arm(0, 1, VFSP_TAG);
    ok_status(sp_call(f, IOCTL_VFSP_ALLOC, 32, &address), STATUS_INSUFFICIENT_RESOURCES);
    sp_alloc(f, 32); /* once only */
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    sp_close_unload(f);
}
#endif

/* The pool tracking still counts special blocks: a leak at unload is 0xC4/0x62. */
TEST(spool_leak_at_unload_is_c4_62)
{
    drvhost_file *f = sp_open(SPECIAL_POOLING);
    sp_alloc(f, 40);
    ok_status(drvhost_close(f), STATUS_SUCCESS);
    expect_bugcheck_p1(0xC4, 0x62);
    drvhost_driver_unload("vfspool");
    ok(0, "the unload returned\n");
}

/* ---- option off: today's pool ---------------------------------------------------------------- */

TEST(spool_off_overrun_found_at_free_19_21)
{
    drvhost_file *f = sp_open((ULONG)-1);
    ULONG64 p = sp_alloc(f, 32);
    ok_status(sp_call(f, IOCTL_VFSP_WRITE, 32, NULL), STATUS_SUCCESS);
    expect_bugcheck_params(0x19, BUGCHECK_P1 | BUGCHECK_P2 | BUGCHECK_P3, 0x21, p, 32, 0);
    sp_call(f, IOCTL_VFSP_FREE, 0, NULL);
    ok(0, "the free returned\n");
}

/* Other VerifyDriverLevel flags without 0x1 leave the ordinary pool too. */
TEST(spool_other_flags_leave_ordinary_pool)
{
    drvhost_file *f = sp_open(0x2);
    ULONG64 p = sp_alloc(f, 32);
    ok_status(sp_call(f, IOCTL_VFSP_READ, 40, NULL), STATUS_SUCCESS); /* the guard: no fault */
    ok_status(sp_call(f, IOCTL_VFSP_FREE, 0, NULL), STATUS_SUCCESS);
    (void)p;
    sp_close_unload(f);
}
