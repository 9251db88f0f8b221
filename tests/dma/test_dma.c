/*
 * test_dma.c - WDM DMA adapters (IoGetDmaAdapter, DMA_OPERATIONS; docs/dma.md) through
 * dmatest.sys, which runs one scenario per device control and reports what it saw. Expected
 * values are the pages' (nf-wdm-iogetdmaadapter, the nc-wdm-p* callback pages, bug check 0xE6)
 * and drvhost's documented model: a logical address is the host address of the bytes.
 */
#include <wdm.h>

#include "drivers/dmatest.h"
#include "harness.h"

#include <string.h>

#define E6 0xE6

static DMATEST_IN desc(ULONG op, ULONG version, BOOLEAN sg, BOOLEAN dma64, ULONG max, ULONG arg)
{
    DMATEST_IN in;
    memset(&in, 0, sizeof(in));
    in.Op = op;
    in.Version = version;
    in.Master = TRUE;
    in.ScatterGather = sg;
    in.Dma32 = !dma64;
    in.Dma64 = dma64;
    in.MaximumLength = max;
    in.Arg = arg;
    return in;
}

static DMATEST_OUT run(DMATEST_IN in)
{
    static int loaded;
    drvhost_file *f = NULL;
    DMATEST_OUT out;
    memset(&out, 0xEE, sizeof(out));
    if (!loaded++)
        harness_load_driver("dmatest");
    if (!ok_status(drvhost_open("\\\\.\\DmaTest", 0xC0000000u, &f), STATUS_SUCCESS))
        return out;
    ok_status(harness_ioctl(f, IOCTL_DMATEST_RUN, &in, sizeof(in), &out, sizeof(out), NULL),
              STATUS_SUCCESS);
    drvhost_close(f);
    return out;
}

TEST(adapter_versions_and_tables)
{
    static const ULONG sizes[3] = {104, 104, 128};
    for (ULONG v = DEVICE_DESCRIPTION_VERSION; v <= DEVICE_DESCRIPTION_VERSION2; v++) {
        DMATEST_OUT o = run(desc(DMATEST_GET, v, TRUE, TRUE, 16 * PAGE_SIZE, 0));
        ok(o.V[0] == 1, "version %lu: no adapter\n", (unsigned long)v);
        ok(o.V[1] == 1, "version %lu: DMA_ADAPTER.Version %llu, the page says always 1\n",
           (unsigned long)v, (unsigned long long)o.V[1]);
        ok(o.V[2] == sizeof(DMA_ADAPTER), "Size %llu\n", (unsigned long long)o.V[2]);
        ok(o.V[3] == sizes[v], "version %lu: DMA_OPERATIONS.Size %llu\n", (unsigned long)v,
           (unsigned long long)o.V[3]);
        /* BYTES_TO_PAGES(MaximumLength) + 1: docs/dma.md */
        ok(o.V[4] == 17, "map registers %llu\n", (unsigned long long)o.V[4]);
        ok(o.V[5] == (v == 2) && o.V[6] == (v == 2) && o.V[7] == (v == 2),
           "version %lu: version-2 members %llu %llu %llu\n", (unsigned long)v,
           (unsigned long long)o.V[5], (unsigned long long)o.V[6], (unsigned long long)o.V[7]);
        ok(o.V[8] == 1, "GetDmaAlignment %llu\n", (unsigned long long)o.V[8]);
        ok(o.V[9] == 0, "ReadDmaCounter of a bus master %llu\n", (unsigned long long)o.V[9]);
        ok(o.V[10] == 1 && o.V[11] == 1, "members: v3 NULL %llu, v1 set %llu\n",
           (unsigned long long)o.V[10], (unsigned long long)o.V[11]);
    }
}

TEST(no_adapter_for_version_3_or_a_subordinate_device)
{
    DMATEST_IN in = desc(DMATEST_GET, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, PAGE_SIZE, 0);
    ok(run(in).V[0] == 0, "a version-3 adapter\n");
    in = desc(DMATEST_GET, DEVICE_DESCRIPTION_VERSION2, FALSE, FALSE, PAGE_SIZE, 0);
    in.Master = FALSE;
    ok(run(in).V[0] == 0, "a subordinate device's adapter (no system DMA controller)\n");
}

TEST(unknown_description_version_is_0xE6_0x25)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x25, 4, 0, 0);
    run(desc(DMATEST_GET, 4, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(common_buffer_pages_and_logical_address)
{
    DMATEST_OUT o = run(desc(DMATEST_COMMON, 2, TRUE, TRUE, PAGE_SIZE, 100));
    ok(o.V[0] == 1, "no common buffer\n");
    ok(o.V[2] == o.V[1], "logical 0x%llx, virtual 0x%llx: the same (docs/dma.md)\n",
       (unsigned long long)o.V[2], (unsigned long long)o.V[1]);
    ok(o.V[3] == 0, "not page-aligned: at least a page is allocated\n");
    ok(o.V[4] == 1 && o.V[5] == 0xA5, "zeroed %llu, writable %llu\n", (unsigned long long)o.V[4],
       (unsigned long long)o.V[5]);
    o = run(desc(DMATEST_COMMON, 2, TRUE, FALSE, PAGE_SIZE, 3 * PAGE_SIZE + 1));
    ok(o.V[0] == 1 && o.V[2] == o.V[1], "32-bit device: no common buffer\n");
    ok(o.V[2] + 3 * PAGE_SIZE + 1 <= 0x100000000ull,
       "32-bit device: logical address 0x%llx is above 4 GiB\n", (unsigned long long)o.V[2]);
}

TEST(scatter_gather_list_of_an_mdl_chain)
{
    DMATEST_OUT o = run(desc(DMATEST_SG, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
    ULONG size =
        (ULONG)(FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) + 3 * sizeof(SCATTER_GATHER_ELEMENT));
    ok_status((NTSTATUS)o.V[0], STATUS_SUCCESS);
    ok(o.V[1] == size && o.V[2] == o.V[27], "Calculate: size %llu (%lu), registers %llu (%llu)\n",
       (unsigned long long)o.V[1], (unsigned long)size, (unsigned long long)o.V[2],
       (unsigned long long)o.V[27]);
    ok_status((NTSTATUS)o.V[3], STATUS_SUCCESS);
    /* Without an MDL, the most the buffer could need (Microsoft): an element and a map
     * register for each page it spans. */
    ok(o.V[28] >= size &&
           o.V[28] == FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) +
                          o.V[30] * sizeof(SCATTER_GATHER_ELEMENT) &&
           o.V[29] == o.V[30],
       "Calculate without an MDL: %llu bytes, %llu registers (%llu pages)\n",
       (unsigned long long)o.V[28], (unsigned long long)o.V[29], (unsigned long long)o.V[30]);
    ok_status((NTSTATUS)o.V[5], STATUS_SUCCESS);
    ok(o.V[6] == 3, "%llu elements\n", (unsigned long long)o.V[6]);
    ok(o.V[7] == o.V[15] && o.V[8] == 2 * PAGE_SIZE - 16, "element 1: 0x%llx %llu\n",
       (unsigned long long)o.V[7], (unsigned long long)o.V[8]);
    ok(o.V[9] == o.V[16] && o.V[10] == 100, "element 2: 0x%llx %llu\n", (unsigned long long)o.V[9],
       (unsigned long long)o.V[10]);
    ok(o.V[11] == o.V[17] && o.V[12] == 50, "element 3: 0x%llx %llu\n", (unsigned long long)o.V[11],
       (unsigned long long)o.V[12]);
    ok(o.V[13] == DISPATCH_LEVEL && o.V[14] == 1, "AdapterListControl at IRQL %llu, Irp %llu\n",
       (unsigned long long)o.V[13], (unsigned long long)o.V[14]);
    ok_status((NTSTATUS)o.V[18], STATUS_BUFFER_TOO_SMALL);
    ok(o.V[19] == 0, "AdapterListControl called for a buffer too small\n");
    ok_status((NTSTATUS)o.V[20], STATUS_SUCCESS);
    ok(o.V[21] == 1, "BuildScatterGatherList: the list is not in the driver's buffer\n");
    ok_status((NTSTATUS)o.V[22], STATUS_SUCCESS);
    ok(o.V[23] == 1, "BuildMdlFromScatterGatherList: not the original MDL (no copy is made)\n");
    ok_status((NTSTATUS)o.V[24], STATUS_INVALID_PARAMETER);
    ok_status((NTSTATUS)o.V[25], STATUS_BUFFER_TOO_SMALL);
    ok(o.V[26] == 2, "AdapterListControl calls %llu\n", (unsigned long long)o.V[26]);
}

TEST(scatter_gather_needing_more_map_registers_is_refused)
{
    /* 2 pages + 1: 3 map registers, and the chain needs at least 5. */
    DMATEST_OUT o = run(desc(DMATEST_SG, 2, TRUE, TRUE, 2 * PAGE_SIZE, 0));
    ok(o.V[4] == 3, "map registers %llu\n", (unsigned long long)o.V[4]);
    ok_status((NTSTATUS)o.V[0], STATUS_INSUFFICIENT_RESOURCES);
    ok_status((NTSTATUS)o.V[5], STATUS_INSUFFICIENT_RESOURCES);
    ok(o.V[26] == 0, "AdapterListControl called %llu times\n", (unsigned long long)o.V[26]);
}

TEST(adapter_channel_map_transfer_and_flush)
{
    /* Scatter/gather: MapTransfer maps up to the MDL's end (2 pages of the 3 asked). */
    DMATEST_OUT o = run(desc(DMATEST_CHANNEL, 1, TRUE, TRUE, 4 * PAGE_SIZE, 3 * PAGE_SIZE));
    ok_status((NTSTATUS)o.V[0], STATUS_INSUFFICIENT_RESOURCES);
    ok(o.V[1] == 0, "AdapterControl called for too many map registers\n");
    ok_status((NTSTATUS)o.V[10], STATUS_SUCCESS);
    ok(o.V[11] == 1 && o.V[5] == 1, "AdapterControl called %llu times\n",
       (unsigned long long)o.V[11]);
    ok(o.V[2] == DISPATCH_LEVEL && o.V[3] == 1 && o.V[4] == 1,
       "AdapterControl: IRQL %llu, base %llu, Irp is CurrentIrp %llu\n", (unsigned long long)o.V[2],
       (unsigned long long)o.V[3], (unsigned long long)o.V[4]);
    ok(o.V[6] == o.V[8], "logical 0x%llx, buffer 0x%llx\n", (unsigned long long)o.V[6],
       (unsigned long long)o.V[8]);
    ok(o.V[7] == 2 * PAGE_SIZE, "mapped %llu bytes\n", (unsigned long long)o.V[7]);
    ok(o.V[9] == 1, "FlushAdapterBuffers %llu\n", (unsigned long long)o.V[9]);
    /* Without scatter/gather the length is what was asked. */
    o = run(desc(DMATEST_CHANNEL, 1, FALSE, TRUE, 4 * PAGE_SIZE, 2 * PAGE_SIZE));
    ok(o.V[11] == 1 && o.V[6] == o.V[8] && o.V[7] == 2 * PAGE_SIZE,
       "no S/G: calls %llu, logical 0x%llx, length %llu\n", (unsigned long long)o.V[11],
       (unsigned long long)o.V[6], (unsigned long long)o.V[7]);
}

TEST(a_second_device_waits_for_the_adapter_channel)
{
    DMATEST_OUT o = run(desc(DMATEST_QUEUE, 2, TRUE, TRUE, PAGE_SIZE, 0));
    ok_status((NTSTATUS)o.V[0], STATUS_SUCCESS);
    ok(o.V[1] == 1 && o.V[7] == 1, "first AdapterControl %llu\n", (unsigned long long)o.V[1]);
    ok_status((NTSTATUS)o.V[2], STATUS_SUCCESS);
    ok(o.V[3] == 0, "the second device's AdapterControl ran while the channel was kept\n");
    ok(o.V[4] == 1 && o.V[6] == 1, "after FreeAdapterChannel: calls %llu, device %llu\n",
       (unsigned long long)o.V[4], (unsigned long long)o.V[6]);
    ok(o.V[5] == DISPATCH_LEVEL, "IRQL %llu\n", (unsigned long long)o.V[5]);
}

/* A list the device cannot take as it is gets one element, a copy (double buffering): below
 * 4 GiB for a 32-bit device; written from the buffer for a write to the device; copied back by
 * PutScatterGatherList after a read; BuildMdlFromScatterGatherList describes the copy, once. */
static void check_sg_copy(DMATEST_OUT o, BOOLEAN below_4g)
{
    ULONG length = (2 * PAGE_SIZE - 16) + 100 + 50;
    ok_status((NTSTATUS)o.V[0], STATUS_SUCCESS);
    ok(o.V[1] == 1 && o.V[3] == length, "%llu elements, the first of %llu bytes\n",
       (unsigned long long)o.V[1], (unsigned long long)o.V[3]);
    ok(o.V[5] == 1 && o.V[13] > 0x100000000ull, "not a copy (buffer 0x%llx)\n",
       (unsigned long long)o.V[13]);
    ok(!below_4g || o.V[2] + length <= 0x100000000ull, "copy at 0x%llx, above 4 GiB\n",
       (unsigned long long)o.V[2]);
    ok(o.V[4] == 1, "the copy does not hold the buffer's bytes\n");
    ok_status((NTSTATUS)o.V[6], STATUS_SUCCESS);
    ok(o.V[7] == 1 && o.V[8] == 1, "BuildMdlFromScatterGatherList: new %llu, of the copy %llu\n",
       (unsigned long long)o.V[7], (unsigned long long)o.V[8]);
    ok_status((NTSTATUS)o.V[9], STATUS_NONE_MAPPED);
    ok_status((NTSTATUS)o.V[10], STATUS_SUCCESS);
    ok(o.V[11] == 1, "the device's bytes reached the buffer before PutScatterGatherList\n");
    ok(o.V[12] == 1, "PutScatterGatherList did not copy the device's bytes back\n");
}

TEST(scatter_gather_double_buffer_for_a_32_bit_device)
{
    /* The test's pool is above 4 GiB (checked: V[13]). */
    check_sg_copy(run(desc(DMATEST_SG_COPY, 2, TRUE, FALSE, 4 * PAGE_SIZE, 0)), TRUE);
}

TEST(scatter_gather_double_buffer_for_a_chain_without_scatter_gather)
{
    check_sg_copy(run(desc(DMATEST_SG_COPY, 2, FALSE, TRUE, 4 * PAGE_SIZE, 0)), FALSE);
}

TEST(map_transfer_double_buffer_for_a_32_bit_device)
{
    DMATEST_OUT o = run(desc(DMATEST_MAP_COPY, 2, TRUE, FALSE, 4 * PAGE_SIZE, 2 * PAGE_SIZE));
    ok(o.V[11] == 1, "AdapterControl called %llu times\n", (unsigned long long)o.V[11]);
    ok(o.V[6] != o.V[8] && o.V[6] + o.V[7] <= 0x100000000ull,
       "write: logical 0x%llx for buffer 0x%llx\n", (unsigned long long)o.V[6],
       (unsigned long long)o.V[8]);
    ok(o.V[7] == 2 * PAGE_SIZE && o.V[12] == 1, "write: %llu bytes, copied %llu\n",
       (unsigned long long)o.V[7], (unsigned long long)o.V[12]);
    ok(o.V[9] == 1, "FlushAdapterBuffers %llu\n", (unsigned long long)o.V[9]);
    ok(o.V[15] + 2 * PAGE_SIZE <= 0x100000000ull, "read: logical 0x%llx\n",
       (unsigned long long)o.V[15]);
    ok(o.V[13] == 1, "read: the device's bytes reached the buffer before the flush\n");
    ok(o.V[14] == 1, "read: FlushAdapterBuffers did not copy the device's bytes back\n");
}

/* ---- bug checks (0xE6 DRIVER_VERIFIER_DMA_VIOLATION) -------------------------------------- */

TEST(get_scatter_gather_list_at_passive_is_0xE6_0x13)
{
    expect_bugcheck_params(E6, BUGCHECK_PALL, 0x13, 1, DISPATCH_LEVEL, PASSIVE_LEVEL);
    run(desc(DMATEST_SG_AT_PASSIVE, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(allocate_common_buffer_at_dispatch_is_0xE6_0x13)
{
    expect_bugcheck_params(E6, BUGCHECK_PALL, 0x13, 2, PASSIVE_LEVEL, DISPATCH_LEVEL);
    run(desc(DMATEST_COMMON_AT_DPC, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(put_adapter_with_a_common_buffer_is_0xE6_0x07)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P3, 0x07, 0, 1, 0);
    run(desc(DMATEST_PUT_WITH_COMMON, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(put_scatter_gather_list_twice_is_0xE6_0x06)
{
    expect_bugcheck_params(E6, BUGCHECK_PALL, 0x06, 1, 2, 0);
    run(desc(DMATEST_PUT_SG_TWICE, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(free_adapter_channel_not_allocated_is_0xE6_0x04)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x04, 1, 0, 0);
    run(desc(DMATEST_FREE_CHANNEL, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(map_transfer_outside_the_mdl_is_0xE6_0x1B)
{
    /* Parameters 2 and 3 are the driver's address and MDL, which the host does not know. */
    expect_bugcheck_p1(E6, 0x1B);
    run(desc(DMATEST_MAP_OUTSIDE, 2, TRUE, TRUE, 4 * PAGE_SIZE, 16));
}

TEST(free_map_registers_too_many_is_0xE6_0x05)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x05, 3, 0, 0);
    run(desc(DMATEST_FREE_EXTRA_REGS, 2, TRUE, TRUE, 4 * PAGE_SIZE, 3));
}

TEST(map_transfer_beyond_the_map_registers_is_0xE6_0x15)
{
    /* One register, two pages from byte 10: three needed. */
    expect_bugcheck_params(E6, BUGCHECK_PALL, 0x15, 3, 1, 0);
    run(desc(DMATEST_MAP_TOO_MUCH, 2, FALSE, TRUE, 4 * PAGE_SIZE, 2 * PAGE_SIZE));
}

TEST(free_common_buffer_twice_is_0xE6_0x03)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x03, 1, 0, 0);
    run(desc(DMATEST_COMMON_TWICE, 2, TRUE, TRUE, PAGE_SIZE, 64));
}

TEST(allocate_adapter_channel_while_holding_it_is_0xE6_0x0B)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x0B, 2, 0, 0);
    run(desc(DMATEST_CHANNEL_TWICE, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(put_adapter_with_map_registers_is_0xE6_0x09)
{
    /* Parameter 2 is the adapter, which the host does not know. */
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P3, 0x09, 0, 1, 0);
    run(desc(DMATEST_PUT_WITH_REGS, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(put_adapter_with_the_channel_is_0xE6_0x08)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P3, 0x08, 0, 1, 0);
    run(desc(DMATEST_PUT_WITH_CHANNEL, 2, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(put_adapter_with_a_list_is_0xE6_0x0A)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P3, 0x0A, 0, 1, 0);
    run(desc(DMATEST_PUT_WITH_LIST, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(list_of_an_unlocked_mdl_is_0xE6_0x0E)
{
    /* Parameter 2 is the driver's MDL. */
    expect_bugcheck_p1(E6, 0x0E);
    run(desc(DMATEST_UNLOCKED_MDL, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(map_transfer_of_zero_bytes_is_0xE6_0x21)
{
    expect_bugcheck_p1(E6, 0x21);
    run(desc(DMATEST_MAP_ZERO, 2, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(map_transfer_past_the_mdl_without_scatter_gather_is_0xE6_0x24)
{
    /* A 2-page MDL, 3 pages asked: a page not covered. */
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x24, PAGE_SIZE, 0, 0);
    run(desc(DMATEST_MAP_PAST_MDL, 2, FALSE, TRUE, 4 * PAGE_SIZE, 3 * PAGE_SIZE));
}

TEST(get_adapter_at_dispatch_is_0xA)
{
    /* PASSIVE_LEVEL (the page): the object (the PDO, NULL here) and the IRQL (docs/verifier.md). */
    expect_bugcheck_params(0xA, BUGCHECK_P1 | BUGCHECK_P2, 0, DISPATCH_LEVEL, 0, 0);
    run(desc(DMATEST_GET_AT_DPC, 2, TRUE, TRUE, PAGE_SIZE, 0));
}
