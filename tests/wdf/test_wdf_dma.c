/*
 * test_wdf_dma.c - DMA transactions through a framework driver (drivers/wdfdma.c): scatter/
 * gather and packet transfers split by the maximum length, partial, final and single
 * transfers, the documented errors (checked on the driver's side), request-based
 * transactions whose "device" (a DPC of the driver) moves the bytes through the scatter/
 * gather lists it was given, cancellation, and the misuse the framework reports (bug check
 * 0x10D/0x8: a DMA transaction not in the state the routine needs).
 */
#include <wdm.h>

#include "drivers/wdfdma.h"
#include "harness.h"

#include <string.h>

#define WDFDMA_SERVICE    "wdfdma"
#define WDFDMA_DEVICE     "\\\\.\\WdfDma"
#define STATUS_CANCELLED_ ((int32_t)0xC0000120)

static void wdfdma_run(ULONG group)
{
    drvhost_file *f = harness_open_driver(WDFDMA_SERVICE, WDFDMA_DEVICE);
    WDFDMA_RESULT r;
    memset(&r, 0, sizeof(r));
    r.Failed = 1;
    if (f == NULL)
        return;
    ok_status(harness_ioctl(f, IOCTL_DMA_RUN, &group, sizeof(group), &r, sizeof(r), NULL),
              STATUS_SUCCESS);
    ok(r.Failed == 0 && r.Checks > 0,
       "group %lu: %lu of %lu checks failed, the first at wdfdma.c:%lu\n", (unsigned long)group,
       (unsigned long)r.Failed, (unsigned long)r.Checks, (unsigned long)r.FirstLine);
    drvhost_close(f);
}

static WDFDMA_LOG wdfdma_log(drvhost_file *f)
{
    WDFDMA_LOG log;
    memset(&log, 0, sizeof(log));
    ok_status(harness_ioctl(f, IOCTL_DMA_LOG, NULL, 0, &log, sizeof(log), NULL), STATUS_SUCCESS);
    return log;
}

/* An MDL chain, 8500 bytes from 1000 bytes in, transfers of 4096: elements across MDLs, the
 * callback's device and context, the bytes transferred, a released transaction reused. */
TEST(scatter_gather_transaction_split_into_transfers)
{
    wdfdma_run(WDFDMA_GROUP_SCATTER_GATHER);
}

TEST(packet_transaction_one_element_a_transfer)
{
    wdfdma_run(WDFDMA_GROUP_PACKET);
}

/* DmaCompletedWithLength moves the next transfer, DmaCompletedFinal ends it short, a single
 * transfer cut short is STATUS_WDF_TOO_MANY_TRANSFERS, fragment limits. */
TEST(partial_final_and_single_transfers)
{
    wdfdma_run(WDFDMA_GROUP_LENGTHS);
}

TEST(transaction_documented_errors)
{
    wdfdma_run(WDFDMA_GROUP_ERRORS);
}

/* WdfDmaEnablerWdmGetDmaAdapter: an adapter for both directions of a simplex enabler, one a
 * direction of a duplex one, NULL for a bad direction; no version-3 enabler (docs/dma.md). */
TEST(enabler_wdm_adapters)
{
    wdfdma_run(WDFDMA_GROUP_ADAPTERS);
}

/* A METHOD_OUT_DIRECT request of 10000 bytes through the packet enabler (4096 a transfer):
 * three transfers, each programmed from the previous DmaCompleted; the device's bytes land in
 * the caller's buffer and the request completes with the bytes transferred. */
TEST(request_read_transaction_completes_its_request)
{
    drvhost_file *f = harness_open_driver(WDFDMA_SERVICE, WDFDMA_DEVICE);
    static unsigned char buffer[10000];
    drvhost_iosb iosb;
    WDFDMA_LOG log;
    size_t i, bad = 0;
    if (f == NULL)
        return;
    memset(buffer, 0xEE, sizeof(buffer));
    ok_status(harness_ioctl(f, IOCTL_DMA_READ, NULL, 0, buffer, sizeof(buffer), &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == sizeof(buffer), "information %llu\n",
       (unsigned long long)iosb.information);
    for (i = 0; i < sizeof(buffer); i++)
        bad += buffer[i] != (unsigned char)(i * 7);
    ok(bad == 0, "%zu bytes differ from the device's pattern\n", bad);
    log = wdfdma_log(f);
    ok(strcmp(log.Events, "PPFPFT") == 0, "events %s\n", log.Events);
    ok(log.ProgramCount == 3 && log.Programs[0][0] == 4096 && log.Programs[1][0] == 4096 &&
           log.Programs[2][0] == 1808 && log.Programs[0][1] == 1,
       "transfers: %lu (%lu, %lu, %lu)\n", (unsigned long)log.ProgramCount,
       (unsigned long)log.Programs[0][0], (unsigned long)log.Programs[1][0],
       (unsigned long)log.Programs[2][0]);
    ok(log.Status == 0 && log.Transferred == sizeof(buffer) && log.RequestMatched,
       "status %#lx transferred %lu request %lu\n", (unsigned long)log.Status,
       (unsigned long)log.Transferred, (unsigned long)log.RequestMatched);
    drvhost_close(f);
}

/* METHOD_IN_DIRECT: the device reads the caller's bytes through the transfers' lists. */
TEST(request_write_transaction_device_reads_the_buffer)
{
    drvhost_file *f = harness_open_driver(WDFDMA_SERVICE, WDFDMA_DEVICE);
    static unsigned char buffer[5000];
    drvhost_iosb iosb;
    WDFDMA_LOG log;
    unsigned long sum = 0;
    size_t i;
    if (f == NULL)
        return;
    for (i = 0; i < sizeof(buffer); i++) {
        buffer[i] = (unsigned char)(i * 13 + 1);
        sum += buffer[i];
    }
    ok_status(harness_ioctl(f, IOCTL_DMA_WRITE, NULL, 0, buffer, sizeof(buffer), &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == sizeof(buffer), "information %llu\n",
       (unsigned long long)iosb.information);
    log = wdfdma_log(f);
    ok(log.WriteSum == sum, "the device read bytes summing to %lu, not %lu\n",
       (unsigned long)log.WriteSum, sum);
    ok(strcmp(log.Events, "PPFT") == 0, "events %s\n", log.Events);
    drvhost_close(f);
}

/* A transfer the device never finishes: the request's cancellation ends it (the transaction
 * can no longer be cancelled: WdfDmaTransactionCancel is FALSE once EvtProgramDma ran). */
TEST(request_transaction_cancelled_while_the_device_holds_it)
{
    drvhost_file *f = harness_open_driver(WDFDMA_SERVICE, WDFDMA_DEVICE);
    static unsigned char buffer[100];
    drvhost_io_desc desc;
    drvhost_request *request = NULL;
    drvhost_iosb iosb;
    WDFDMA_LOG log;
    if (f == NULL)
        return;
    memset(&desc, 0, sizeof(desc));
    desc.op = DRVHOST_OP_IOCTL;
    desc.code = IOCTL_DMA_HANG;
    desc.output = buffer;
    desc.output_size = sizeof(buffer);
    ok_status(drvhost_io_start(f, &desc, &request), STATUS_PENDING);
    ok(drvhost_request_cancel(request) == 1, "no cancel routine ran\n");
    ok_status(drvhost_request_wait(request, UINT32_MAX, &iosb), STATUS_CANCELLED_);
    drvhost_request_free(request);
    log = wdfdma_log(f);
    ok(strcmp(log.Events, "PX") == 0, "events %s\n", log.Events);
    drvhost_close(f);
}

/* DMA version 3 (WdmDmaVersionOverride 3): the adapter's version-3 table, a transaction's WDM
 * transfer context working with AllocateAdapterChannelEx; none for a version-2 enabler. */
TEST(version_3_enabler_and_wdm_transfer_context)
{
    wdfdma_run(WDFDMA_GROUP_VERSION3);
}

/* A system profile: ConfigureSystemProfile's errors and adapter, transactions through the
 * simulated system DMA controller (transfer-complete and channel-configuration callbacks, the
 * device address offset), read back, a configure callback that stops, a waiting transaction
 * deleted. */
TEST(system_profile_transactions_through_the_controller)
{
    wdfdma_run(WDFDMA_GROUP_SYSTEM);
}

static void wdfdma_misuse(ULONG what)
{
    drvhost_file *f = harness_open_driver(WDFDMA_SERVICE, WDFDMA_DEVICE);
    if (f != NULL)
        harness_ioctl(f, IOCTL_DMA_MISUSE, &what, sizeof(what), NULL, 0, NULL);
    ok(0, "misuse %lu returned\n", (unsigned long)what);
}

TEST(completing_a_transaction_not_executing_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x8);
    wdfdma_misuse(WDFDMA_MISUSE_COMPLETE_NOT_EXECUTING);
}

TEST(releasing_a_transaction_in_flight_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x8);
    wdfdma_misuse(WDFDMA_MISUSE_RELEASE_EXECUTING);
}

TEST(executing_a_transaction_twice_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x8);
    wdfdma_misuse(WDFDMA_MISUSE_EXECUTE_TWICE);
}

TEST(system_dma_setting_on_a_bus_master_transaction_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x8);
    wdfdma_misuse(WDFDMA_MISUSE_SYSTEM_SETTING);
}

TEST(wdm_transfer_context_of_a_transaction_not_initialized_is_wdf_violation)
{
    expect_bugcheck_p1(0x10D, 0x8);
    wdfdma_misuse(WDFDMA_MISUSE_CONTEXT_NOT_INITIALIZED);
}
