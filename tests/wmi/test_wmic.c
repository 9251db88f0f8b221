/*
 * test_wmic.c - the WMI consumer routines (IoWMIOpenBlock, IoWMIQueryAllData,
 * IoWMISetNotificationCallback) against the providers of wmitest.sys: \Device\WmiTest and
 * \Device\WmiTestRO both register the three blocks of wmitest.h. The expected values are those
 * of the wdm.h and wmistr.h pages: a chain of WNODE_ALL_DATA (Linkage to the next, 0 in the
 * last), STATUS_BUFFER_TOO_SMALL with the size needed, STATUS_WMI_GUID_NOT_FOUND for a query of
 * a GUID no provider registered (an event block opens before its provider: the toaster monitor
 * sample relies on it).
 */
#include <ntddk.h>
#include <wmistr.h>

#include "driver/wmitest.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

static const GUID data_guid = WMITEST_GUID_DATA, event_guid = WMITEST_GUID_EVENT;
static const GUID unknown_guid = {
    0x6d8f3a10, 0x00ff, 0x4a5b, {0x9c, 0x1d, 0x2e, 0x3f, 0x40, 0x51, 0x62, 0x73}};

/* The size of one WNODE_ALL_DATA reply of block 0: the header and its two-entry
 * OFFSETINSTANCEDATAANDLENGTH array, then the data (instance 0 padded to 8 bytes, then 12);
 * WMI's own providers align the data, so the size is taken from the reply. */

/* WMI learns a provider's blocks from the REGINFO reply its worker asks for after the driver
 * registers, at any time (as on Windows): opening the block is retried until both providers'
 * replies are in (a bounded wait, 5 s). */
static PVOID open_block(const GUID *guid, ULONG access)
{
    PVOID block = NULL;
    for (int i = 0; i < 5000; i++) {
        NTSTATUS status = IoWMIOpenBlock(guid, access, &block);
        if (status != STATUS_WMI_GUID_NOT_FOUND) {
            ok_status(status, STATUS_SUCCESS);
            ULONG size = 0;
            /* both providers registered: the probe asks for two replies' room */
            if (!(access & WMIGUID_QUERY) || !NT_SUCCESS(status))
                return block;
            if (IoWMIQueryAllData(block, &size, NULL) == STATUS_BUFFER_TOO_SMALL && size > 150)
                return block;
            ObDereferenceObject(block);
            block = NULL;
        }
        LARGE_INTEGER ms = {.QuadPart = -10000};
        KeDelayExecutionThread(KernelMode, FALSE, &ms);
    }
    ok(0, "the block was never registered\n");
    return NULL;
}

static drvhost_file *load_wmitest(void)
{
    return harness_open_driver("wmitest", "\\\\.\\WmiTest");
}

TEST(open_block_unknown_guid)
{
    drvhost_file *f = load_wmitest();
    PVOID block = (PVOID)1;
    ok_status(IoWMIOpenBlock(&unknown_guid, WMIGUID_QUERY, &block), STATUS_WMI_GUID_NOT_FOUND);
    ok(block == NULL, "no object: %p\n", block);
    ok_status(IoWMIOpenBlock(NULL, WMIGUID_QUERY, &block), STATUS_INVALID_PARAMETER);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

TEST(query_all_data_chains_every_provider)
{
    drvhost_file *f = load_wmitest();
    PVOID block = open_block(&data_guid, WMIGUID_QUERY);
    ULONG size = 4096;
    PUCHAR buf = calloc(1, size);
    ok_status(IoWMIQueryAllData(block, &size, buf), STATUS_SUCCESS);
    PWNODE_ALL_DATA first = (PWNODE_ALL_DATA)buf;
    ok(first->WnodeHeader.Linkage != 0 && first->WnodeHeader.Linkage % 8 == 0, "first Linkage %u\n",
       first->WnodeHeader.Linkage);
    PWNODE_ALL_DATA second = (PWNODE_ALL_DATA)(buf + first->WnodeHeader.Linkage);
    ok(second->WnodeHeader.Linkage == 0, "the last Linkage is 0: %u\n",
       second->WnodeHeader.Linkage);
    ok(size == first->WnodeHeader.Linkage + second->WnodeHeader.BufferSize, "size %u\n", size);
    ULONG providers[2] = {first->WnodeHeader.ProviderId, second->WnodeHeader.ProviderId};
    ok(providers[0] != providers[1], "two providers: %x %x\n", providers[0], providers[1]);
    for (PWNODE_ALL_DATA w = first; w != NULL; w = w == first ? second : NULL) {
        ok(IsEqualGUID(&w->WnodeHeader.Guid, &data_guid), "the block's GUID\n");
        ok(w->InstanceCount == 2, "instances %u\n", w->InstanceCount);
        ok(!(w->WnodeHeader.Flags & WNODE_FLAG_FIXED_INSTANCE_SIZE), "flags %x\n",
           w->WnodeHeader.Flags);
        PUCHAR base = (PUCHAR)w;
        POFFSETINSTANCEDATAANDLENGTH o = w->OffsetInstanceDataAndLength;
        ok(o[0].LengthInstanceData == 4 && o[1].LengthInstanceData == 12, "lengths %u %u\n",
           o[0].LengthInstanceData, o[1].LengthInstanceData);
        ok(*(ULONG *)(base + o[0].OffsetInstanceData) == 0x11111111, "instance 0\n");
        ok(((ULONG *)(base + o[1].OffsetInstanceData))[2] == 0x44444444, "instance 1\n");
    }
    free(buf);
    ObDereferenceObject(block);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

TEST(query_all_data_too_small_returns_the_size)
{
    drvhost_file *f = load_wmitest();
    PVOID block = open_block(&data_guid, WMIGUID_QUERY);
    ULONG size = 4096, needed;
    PUCHAR buf = calloc(1, size);
    ok_status(IoWMIQueryAllData(block, &size, buf), STATUS_SUCCESS);
    needed = size;
    size = needed - 1;
    memset(buf, 0xCC, 16);
    ok_status(IoWMIQueryAllData(block, &size, buf), STATUS_BUFFER_TOO_SMALL);
    ok(size == needed, "needed %u, told %u\n", needed, size);
    size = 0;
    ok_status(IoWMIQueryAllData(block, &size, NULL), STATUS_BUFFER_TOO_SMALL);
    ok(size == needed, "probe: needed %u, told %u\n", needed, size);
    size = needed;
    ok_status(IoWMIQueryAllData(block, &size, buf), STATUS_SUCCESS);
    free(buf);
    ObDereferenceObject(block);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

TEST(access_rights_are_checked)
{
    drvhost_file *f = load_wmitest();
    PVOID block = open_block(&data_guid, WMIGUID_NOTIFICATION);
    ULONG size = 4096;
    UCHAR buf[64];
    size = sizeof buf;
    ok_status(IoWMIQueryAllData(block, &size, buf), STATUS_ACCESS_DENIED);
    ObDereferenceObject(block);
    block = open_block(&data_guid, WMIGUID_QUERY);
    ok_status(IoWMISetNotificationCallback(block, (WMI_NOTIFICATION_CALLBACK)1, NULL),
              STATUS_ACCESS_DENIED);
    ObDereferenceObject(block);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

struct seen {
    KEVENT done;
    ULONG calls, value;
    GUID guid;
    ULONG flags;
};

static VOID NTAPI on_event(PVOID Wnode, PVOID Context)
{
    struct seen *s = Context;
    PWNODE_SINGLE_INSTANCE w = Wnode;
    s->guid = w->WnodeHeader.Guid;
    s->flags = w->WnodeHeader.Flags;
    s->value = *(ULONG *)((PUCHAR)w + w->DataBlockOffset);
    s->calls++;
    KeSetEvent(&s->done, IO_NO_INCREMENT, FALSE);
}

/* An event block opened (and its callback set) before any provider of the GUID is there: the
 * callback gets the events of the provider that registers later (the toaster monitor sample's
 * pattern). A query of a GUID nobody provides still fails (open_block_unknown_guid). */
TEST(notification_open_before_the_provider)
{
    struct seen s = {0};
    PVOID block = (PVOID)1;
    KeInitializeEvent(&s.done, NotificationEvent, FALSE);
    ok_status(IoWMIOpenBlock(&unknown_guid, WMIGUID_NOTIFICATION, &block), STATUS_SUCCESS);
    ok(block != NULL && block != (PVOID)1, "an object: %p\n", block);
    ObDereferenceObject(block);
    ok_status(IoWMIOpenBlock(&event_guid, WMIGUID_NOTIFICATION | SYNCHRONIZE, &block),
              STATUS_SUCCESS);
    ok_status(IoWMISetNotificationCallback(block, on_event, &s), STATUS_SUCCESS);
    drvhost_file *f = load_wmitest();
    ULONG value = 0x5eed1e55;
    ok_status(harness_ioctl(f, IOCTL_WMITEST_FIRE, &value, 4, NULL, 0, NULL), STATUS_SUCCESS);
    LARGE_INTEGER timeout = {.QuadPart = -50000000};
    ok_status(KeWaitForSingleObject(&s.done, Executive, KernelMode, FALSE, &timeout),
              STATUS_SUCCESS);
    ok(s.calls == 1 && s.value == 0x5eed1e55, "calls %u, data %x\n", s.calls, s.value);
    ObDereferenceObject(block);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

TEST(notification_callback_gets_the_event)
{
    drvhost_file *f = load_wmitest();
    struct seen s = {0};
    KeInitializeEvent(&s.done, NotificationEvent, FALSE);
    PVOID block = open_block(&event_guid, WMIGUID_NOTIFICATION | SYNCHRONIZE);
    ok_status(IoWMISetNotificationCallback(block, on_event, &s), STATUS_SUCCESS);
    ULONG value = 0xdeadbeef;
    /* WmiFireEvent: a WNODE_SINGLE_INSTANCE event of block 1, instance 0 */
    ok_status(harness_ioctl(f, IOCTL_WMITEST_FIRE, &value, 4, NULL, 0, NULL), STATUS_SUCCESS);
    LARGE_INTEGER timeout = {.QuadPart = -50000000};
    ok_status(KeWaitForSingleObject(&s.done, Executive, KernelMode, FALSE, &timeout),
              STATUS_SUCCESS);
    ok(s.calls == 1, "calls %u\n", s.calls);
    ok(IsEqualGUID(&s.guid, &event_guid), "the event's GUID\n");
    ok(s.flags & WNODE_FLAG_EVENT_ITEM, "flags %x\n", s.flags);
    ok(s.value == 0xdeadbeef, "data %x\n", s.value);
    /* Closed: no more callbacks (the close waits for any in flight). */
    ObDereferenceObject(block);
    KeClearEvent(&s.done);
    ok_status(harness_ioctl(f, IOCTL_WMITEST_FIRE, &value, 4, NULL, 0, NULL), STATUS_SUCCESS);
    ok(s.calls == 1, "after close: calls %u\n", s.calls);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

/* Two events of one subscription delivered at once, by the two system workers (the second
 * event is raised while the first one's callback runs). Event 1's callback is "A", event 2's
 * is "B". Session 15: the subscription kept a single `sender` thread, which B's delivery
 * overwrote; a close from B's callback took itself for the only caller and did not wait for
 * A's callback (which could then run in an unloaded driver), and a close from A's callback
 * after B's had returned waited for itself for ever. */
struct race {
    PVOID block;
    KEVENT a_in, b_in, b_done, a_go, b_closed, a_closed;
    volatile LONG a_done, a_done_at_close, b_close;
};

static struct race race;

static void race_init(BOOLEAN b_closes)
{
    memset(&race, 0, sizeof race);
    KeInitializeEvent(&race.a_in, NotificationEvent, FALSE);
    KeInitializeEvent(&race.b_in, NotificationEvent, FALSE);
    KeInitializeEvent(&race.b_done, NotificationEvent, FALSE);
    KeInitializeEvent(&race.a_go, NotificationEvent, FALSE);
    KeInitializeEvent(&race.b_closed, NotificationEvent, FALSE);
    KeInitializeEvent(&race.a_closed, NotificationEvent, FALSE);
    race.b_close = b_closes;
}

static NTSTATUS race_wait(KEVENT *event, LONGLONG ms)
{
    LARGE_INTEGER timeout = {.QuadPart = -10000 * ms};
    return KeWaitForSingleObject(event, Executive, KernelMode, FALSE, &timeout);
}

static VOID NTAPI on_race_event(PVOID Wnode, PVOID Context)
{
    PWNODE_SINGLE_INSTANCE w = Wnode;
    ULONG which = *(ULONG *)((PUCHAR)w + w->DataBlockOffset);
    (void)Context;
    if (which == 1) {
        KeSetEvent(&race.a_in, IO_NO_INCREMENT, FALSE);
        if (race.b_close) {
            /* Stays in the callback while B closes: a close that waits for this callback
             * lets the wait time out; one that does not signals b_closed first. */
            race_wait(&race.b_in, 5000);
            race_wait(&race.b_closed, 500);
            InterlockedExchange(&race.a_done, 1);
        } else {
            race_wait(&race.a_go, 5000);
            ObDereferenceObject(race.block);
            KeSetEvent(&race.a_closed, IO_NO_INCREMENT, FALSE);
        }
    } else {
        KeSetEvent(&race.b_in, IO_NO_INCREMENT, FALSE);
        if (race.b_close) {
            ObDereferenceObject(race.block);
            InterlockedExchange(&race.a_done_at_close, race.a_done);
            KeSetEvent(&race.b_closed, IO_NO_INCREMENT, FALSE);
        }
        KeSetEvent(&race.b_done, IO_NO_INCREMENT, FALSE);
    }
}

/* Raises event 1, waits until its callback runs, raises event 2. */
static void race_fire(drvhost_file *f)
{
    ULONG value = 1;
    race.block = open_block(&event_guid, WMIGUID_NOTIFICATION | SYNCHRONIZE);
    ok_status(IoWMISetNotificationCallback(race.block, on_race_event, NULL), STATUS_SUCCESS);
    ok_status(harness_ioctl(f, IOCTL_WMITEST_FIRE, &value, 4, NULL, 0, NULL), STATUS_SUCCESS);
    ok_status(race_wait(&race.a_in, 5000), STATUS_SUCCESS);
    value = 2;
    ok_status(harness_ioctl(f, IOCTL_WMITEST_FIRE, &value, 4, NULL, 0, NULL), STATUS_SUCCESS);
}

/* The documented rule: once the object is closed no callback runs, so a driver may unload.
 * Closing from within a callback cannot wait for that callback, but waits for the others. */
TEST(notification_close_in_callback_waits_for_another_threads_callback)
{
    drvhost_file *f = load_wmitest();
    race_init(TRUE);
    race_fire(f);
    ok_status(race_wait(&race.b_done, 5000), STATUS_SUCCESS);
    ok(race.a_done_at_close == 1, "B's close returned while A's callback ran\n");
    ok(race.a_done == 1, "A's callback returned\n");
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

TEST(notification_close_in_callback_after_another_threads_callback_returns)
{
    drvhost_file *f = load_wmitest();
    race_init(FALSE);
    race_fire(f);
    ok_status(race_wait(&race.b_done, 5000), STATUS_SUCCESS);
    /* B's delivery is over (its worker may still be leaving it): A closes the object. */
    LARGE_INTEGER ms = {.QuadPart = -10000 * 50};
    KeDelayExecutionThread(KernelMode, FALSE, &ms);
    KeSetEvent(&race.a_go, IO_NO_INCREMENT, FALSE);
    ok_status(race_wait(&race.a_closed, 5000), STATUS_SUCCESS);
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}

static KEVENT blocker_go, blocker_in;

static VOID NTAPI blocker(PVOID Parameter)
{
    (void)Parameter;
    KeSetEvent(&blocker_in, IO_NO_INCREMENT, FALSE);
    race_wait(&blocker_go, 10000);
}

/* A delivery queued before the close but not yet begun (every system worker is busy: one
 * with a work item that waits, one in A's callback) gives no callback once the close
 * returned: the documented promise that lets a driver unload after closing. */
TEST(notification_close_skips_deliveries_not_yet_begun)
{
    static WORK_QUEUE_ITEM item;
    drvhost_file *f = load_wmitest();
    race_init(FALSE);
    KeInitializeEvent(&blocker_go, NotificationEvent, FALSE);
    KeInitializeEvent(&blocker_in, NotificationEvent, FALSE);
    ExInitializeWorkItem(&item, blocker, NULL);
    ExQueueWorkItem(&item, DelayedWorkQueue);
    ok_status(race_wait(&blocker_in, 5000), STATUS_SUCCESS);
    race_fire(f);
    KeSetEvent(&race.a_go, IO_NO_INCREMENT, FALSE);
    ok_status(race_wait(&race.a_closed, 5000), STATUS_SUCCESS);
    KeSetEvent(&blocker_go, IO_NO_INCREMENT, FALSE);
    LARGE_INTEGER ms = {.QuadPart = -10000 * 200};
    KeDelayExecutionThread(KernelMode, FALSE, &ms);
    ok(race_wait(&race.b_in, 0) == STATUS_TIMEOUT, "B's callback ran after the close\n");
    drvhost_close(f);
    ok_status(drvhost_driver_unload("wmitest"), STATUS_SUCCESS);
}
