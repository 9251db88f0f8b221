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

TEST(a_subordinate_device_needs_version_3)
{
    DMATEST_IN in = desc(DMATEST_GET, DEVICE_DESCRIPTION_VERSION2, FALSE, FALSE, PAGE_SIZE, 0);
    in.Master = FALSE;
    ok(run(in).V[0] == 0, "a version-2 subordinate device's adapter (docs/dma.md)\n");
    in.Version = DEVICE_DESCRIPTION_VERSION3;
    ok(run(in).V[0] == 1, "no version-3 system DMA adapter\n");
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

/* ---- version 3 ------------------------------------------------------------------------------ */

static DMATEST_IN system_desc(ULONG op, ULONG max)
{
    DMATEST_IN in = desc(op, DEVICE_DESCRIPTION_VERSION3, TRUE, FALSE, max, 0);
    in.Master = FALSE;
    return in;
}

/* The chain of dmatest3.c: 2 pages from byte 100 of a block, then 100 bytes. */
#define CHAIN_BYTES (2 * PAGE_SIZE + 100)

TEST(version_3_table_information_and_contexts)
{
    DMATEST_OUT o =
        run(desc(DMATEST_V3_INFO, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, 4 * PAGE_SIZE, 0));
    ok(o.V[0] == 1, "no version-3 adapter\n");
    /* Through CancelMappedTransfer (docs/dma.md): FIELD_OFFSET(AllocateDomainCommonBuffer). */
    ok(o.V[1] == 232 && o.V[2] == 1 && o.V[3] == 1, "Size %llu, members %llu, later ones %llu\n",
       (unsigned long long)o.V[1], (unsigned long long)o.V[2], (unsigned long long)o.V[3]);
    ok_status((NTSTATUS)o.V[4], STATUS_SUCCESS);
    ok(o.V[5] == 0 && o.V[6] == 5 && o.V[7] == 64 && o.V[8] == 1 && o.V[9] == 0,
       "bus master V1: counter %llu, S/G limit %llu, width %llu, unit %llu, flags %llu\n",
       (unsigned long long)o.V[5], (unsigned long long)o.V[6], (unsigned long long)o.V[7],
       (unsigned long long)o.V[8], (unsigned long long)o.V[9]);
    ok_status((NTSTATUS)o.V[10], STATUS_NOT_SUPPORTED);   /* DMA_ADAPTER_INFO version 2 */
    ok_status((NTSTATUS)o.V[11], STATUS_NOT_IMPLEMENTED); /* no custom function */
    ok_status((NTSTATUS)o.V[12], STATUS_INVALID_PARAMETER);
    ok_status((NTSTATUS)o.V[13], STATUS_SUCCESS);
    ok_status((NTSTATUS)o.V[14], STATUS_SUCCESS);
    ok(o.V[15] == o.V[18] && o.V[16] == 2 &&
           o.V[17] ==
               FIELD_OFFSET(SCATTER_GATHER_LIST, Elements) + 2 * sizeof(SCATTER_GATHER_ELEMENT),
       "transfer info V1: registers %llu (%llu), elements %llu, list %llu\n",
       (unsigned long long)o.V[15], (unsigned long long)o.V[18], (unsigned long long)o.V[16],
       (unsigned long long)o.V[17]);
    ok_status((NTSTATUS)o.V[19], STATUS_SUCCESS);
    ok(o.V[20] == 1 && o.V[21] == o.V[22], "V2 from the second MDL: %llu elements, %llu pages\n",
       (unsigned long long)o.V[20], (unsigned long long)o.V[21]);
    ok_status((NTSTATUS)o.V[23], STATUS_NOT_SUPPORTED);     /* DMA_TRANSFER_INFO version 3 */
    ok_status((NTSTATUS)o.V[24], STATUS_INVALID_PARAMETER); /* Length 0 */
    ok_status((NTSTATUS)o.V[25], STATUS_INVALID_PARAMETER); /* Offset N */
    ok_status((NTSTATUS)o.V[26], STATUS_INVALID_PARAMETER); /* Length N - Offset + 1 */
    ok(o.V[27] == 0, "ReadDmaCounter %llu\n", (unsigned long long)o.V[27]);
    /* A system DMA channel: its counter can be read; 32-bit, as described. */
    o = run(system_desc(DMATEST_V3_INFO, 2 * PAGE_SIZE));
    ok(o.V[0] == 1 && o.V[6] == 3, "system adapter %llu, S/G limit %llu (the map registers)\n",
       (unsigned long long)o.V[0], (unsigned long long)o.V[6]);
    ok(o.V[5] == 1 && o.V[7] == 32, "system V1: counter %llu, width %llu\n",
       (unsigned long long)o.V[5], (unsigned long long)o.V[7]);
}

TEST(allocate_common_buffer_ex_below_the_maximum_address)
{
    DMATEST_OUT o =
        run(desc(DMATEST_V3_COMMON, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, PAGE_SIZE, 0));
    ok(o.V[1] != 0 && o.V[2] == o.V[1] && o.V[2] + 2 * PAGE_SIZE <= 0x100000000ull,
       "MaximumAddress 4 GiB - 1: virtual 0x%llx, logical 0x%llx\n", (unsigned long long)o.V[1],
       (unsigned long long)o.V[2]);
    ok(o.V[3] == 1, "a buffer below 0x1000\n");
    ok(o.V[4] == 1, "no MaximumAddress: no buffer\n");
}

TEST(allocate_adapter_channel_ex_cancel_and_map_transfer_ex)
{
    /* 4 pages: 5 map registers. */
    DMATEST_OUT o =
        run(desc(DMATEST_V3_CHANNEL, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, 4 * PAGE_SIZE, 0));
    for (int i = 1; i <= 4; i++)
        ok_status((NTSTATUS)o.V[i], STATUS_INVALID_PARAMETER);
    ok_status((NTSTATUS)o.V[5], STATUS_INSUFFICIENT_RESOURCES); /* more registers than granted */
    ok(o.V[6] == 0, "AdapterControl called for a refused request\n");
    ok_status((NTSTATUS)o.V[7], STATUS_SUCCESS); /* synchronous, no routine */
    ok(o.V[8] == 1, "no MapRegisterBase\n");
    ok_status((NTSTATUS)o.V[9], STATUS_INSUFFICIENT_RESOURCES); /* synchronous, channel held */
    ok(o.V[10] == 0, "AdapterControl of a synchronous request that failed\n");
    ok_status((NTSTATUS)o.V[11], STATUS_SUCCESS); /* waits */
    ok(o.V[12] == 0 && o.V[13] == 1, "waiting request: routine %llu, cancelled %llu\n",
       (unsigned long long)o.V[12], (unsigned long long)o.V[13]);
    ok_status((NTSTATUS)o.V[38], STATUS_CANCELLED); /* its context asking again */
    ok_status((NTSTATUS)o.V[14], STATUS_SUCCESS);
    ok(o.V[15] == CHAIN_BYTES - 50 && o.V[16] == 2 && o.V[17] == 1 && o.V[18] == 1,
       "MapTransferEx: %llu bytes, %llu elements, first %llu, second %llu\n",
       (unsigned long long)o.V[15], (unsigned long long)o.V[16], (unsigned long long)o.V[17],
       (unsigned long long)o.V[18]);
    ok_status((NTSTATUS)o.V[19], STATUS_SUCCESS);
    ok_status((NTSTATUS)o.V[20], STATUS_INVALID_PARAMETER); /* a bus master without a list */
    ok_status((NTSTATUS)o.V[21], STATUS_INVALID_PARAMETER); /* room for no element */
    ok_status((NTSTATUS)o.V[22], STATUS_INVALID_PARAMETER); /* a bus master's completion */
    ok_status((NTSTATUS)o.V[23], STATUS_INVALID_PARAMETER); /* Offset N */
    ok_status((NTSTATUS)o.V[24], STATUS_SUCCESS);
    ok(o.V[25] == 2 * PAGE_SIZE, "one element's room: %llu bytes mapped\n",
       (unsigned long long)o.V[25]);
    ok(o.V[27] == 0, "CancelAdapterChannel of a granted request: TRUE\n");
    ok_status((NTSTATUS)o.V[37], STATUS_INSUFFICIENT_RESOURCES); /* KeepObject freed nothing */
    ok(o.V[28] == 0, "the cancelled request's AdapterControl ran\n");
    ok_status((NTSTATUS)o.V[29], STATUS_SUCCESS);
    ok(o.V[30] == 1 && o.V[31] == DISPATCH_LEVEL && o.V[32] == 1,
       "AdapterControl: calls %llu, IRQL %llu, base %llu\n", (unsigned long long)o.V[30],
       (unsigned long long)o.V[31], (unsigned long long)o.V[32]);
    ok(o.V[33] == 1, "CancelAdapterChannel before the request: FALSE\n");
    ok_status((NTSTATUS)o.V[34], STATUS_CANCELLED);
    ok(o.V[35] == 1, "a request cancelled beforehand ran its routine\n");
    ok_status((NTSTATUS)o.V[36], STATUS_SUCCESS); /* DeallocateObjectKeepRegisters freed it */
}

TEST(get_and_build_scatter_gather_list_ex)
{
    DMATEST_OUT o =
        run(desc(DMATEST_V3_LISTS, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, 4 * PAGE_SIZE, 0));
    ok_status((NTSTATUS)o.V[1], STATUS_SUCCESS);
    ok(o.V[2] == 1 && o.V[3] == 2 && o.V[4] == 1 && o.V[5] == 1,
       "synchronous list: %llu, %llu elements, first %llu, second %llu\n",
       (unsigned long long)o.V[2], (unsigned long long)o.V[3], (unsigned long long)o.V[4],
       (unsigned long long)o.V[5]);
    ok_status((NTSTATUS)o.V[6], STATUS_INVALID_PARAMETER); /* no routine, not synchronous */
    ok_status((NTSTATUS)o.V[7], STATUS_INVALID_PARAMETER); /* no routine, no list pointer */
    ok_status((NTSTATUS)o.V[8], STATUS_SUCCESS);
    ok(o.V[9] == 1 && o.V[10] == DISPATCH_LEVEL, "AdapterListControl: %llu calls, IRQL %llu\n",
       (unsigned long long)o.V[9], (unsigned long long)o.V[10]);
    ok_status((NTSTATUS)o.V[11], STATUS_SUCCESS);
    ok(o.V[12] == 1, "BuildScatterGatherListEx: the list is not the driver's buffer\n");
    ok_status((NTSTATUS)o.V[13], STATUS_BUFFER_TOO_SMALL);
    ok_status((NTSTATUS)o.V[14], STATUS_CANCELLED);
    ok(o.V[15] == 1, "AdapterListControl calls %llu\n", (unsigned long long)o.V[15]);
    ok_status((NTSTATUS)o.V[16], STATUS_INVALID_PARAMETER); /* a bus master's completion */
    ok(o.V[17] == 1, "FreeAdapterObject with nothing held\n");
}

TEST(system_dma_transfers_through_the_controller)
{
    DMATEST_OUT o = run(system_desc(DMATEST_V3_SYSTEM, 2 * PAGE_SIZE));
    ok(o.V[0] == 1 && o.V[1] == 1, "system adapter %llu, counter %llu\n",
       (unsigned long long)o.V[0], (unsigned long long)o.V[1]);
    ok_status((NTSTATUS)o.V[2], STATUS_SUCCESS);
    ok(o.V[3] == 1, "AdapterControl calls %llu\n", (unsigned long long)o.V[3]);
    ok_status((NTSTATUS)o.V[4], STATUS_SUCCESS);
    ok(o.V[5] == PAGE_SIZE + 200, "write: %llu bytes mapped\n", (unsigned long long)o.V[5]);
    ok_status((NTSTATUS)o.V[6], STATUS_SUCCESS); /* the completion came */
    ok(o.V[7] == DmaComplete && o.V[8] == DISPATCH_LEVEL && o.V[9] == 1,
       "write completion: status %llu, IRQL %llu, device and context %llu\n",
       (unsigned long long)o.V[7], (unsigned long long)o.V[8], (unsigned long long)o.V[9]);
    ok_status((NTSTATUS)o.V[10], STATUS_SUCCESS);
    ok_status((NTSTATUS)o.V[12], STATUS_SUCCESS);
    ok(o.V[11] == DmaComplete && o.V[13] == 1, "read back: status %llu, the bytes %llu\n",
       (unsigned long long)o.V[11], (unsigned long long)o.V[13]);
    ok(o.V[14] == DmaError, "read of an empty FIFO: status %llu\n", (unsigned long long)o.V[14]);
    /* CancelMappedTransfer of a transfer still queued: the routine gets DmaCancelled. */
    ok(o.V[15] == 1, "the DPC queue was not held\n");
    ok_status((NTSTATUS)o.V[16], STATUS_SUCCESS);
    ok(o.V[17] == 100, "ReadDmaCounter of the queued transfer %llu\n", (unsigned long long)o.V[17]);
    ok_status((NTSTATUS)o.V[18], STATUS_SUCCESS);
    ok(o.V[19] == DmaCancelled && o.V[20] == 1, "cancel: status %llu, completions %llu\n",
       (unsigned long long)o.V[19], (unsigned long long)o.V[20]);
    ok_status((NTSTATUS)o.V[21], STATUS_SUCCESS);
    ok_status((NTSTATUS)o.V[22], STATUS_CANCELLED); /* no further transfer on the context */
    ok_status((NTSTATUS)o.V[23], STATUS_SUCCESS);
    ok(o.V[24] == DmaError, "the cancelled write reached the FIFO (read: %llu)\n",
       (unsigned long long)o.V[24]);
    ok_status((NTSTATUS)o.V[25], STATUS_NOT_IMPLEMENTED);
    ok_status((NTSTATUS)o.V[26], STATUS_NOT_SUPPORTED); /* lists are for bus masters */
}

TEST(map_transfer_ex_twice_without_flush_is_0xE6_0x00_3)
{
    /* drvhost's subcode (docs/dma.md): parameter 2 = 3, parameter 3 the map register base. */
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x00, 3, 0, 0);
    run(desc(DMATEST_V3_MAP_TWICE, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, 4 * PAGE_SIZE, 0));
}

TEST(allocate_adapter_channel_ex_with_a_context_holding_it_is_0xE6_0x0B)
{
    expect_bugcheck_params(E6, BUGCHECK_P1 | BUGCHECK_P2, 0x0B, 2, 0, 0);
    run(desc(DMATEST_V3_CHANNEL_TWICE, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(map_transfer_ex_of_zero_bytes_is_0xE6_0x21)
{
    expect_bugcheck_p1(E6, 0x21);
    run(desc(DMATEST_V3_MAP_ZERO, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, PAGE_SIZE, 0));
}

TEST(allocate_adapter_channel_ex_at_passive_is_0xE6_0x13)
{
    expect_bugcheck_params(E6, BUGCHECK_PALL, 0x13, 1, DISPATCH_LEVEL, PASSIVE_LEVEL);
    run(desc(DMATEST_V3_AT_PASSIVE, DEVICE_DESCRIPTION_VERSION3, TRUE, TRUE, PAGE_SIZE, 0));
}
