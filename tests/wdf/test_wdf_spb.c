/*
 * test_wdf_spb.c - SpbCx, the SPB framework extension (docs/wdf.md, "SPB controllers: SpbCx"),
 * under an I2C controller driver of ours (drivers/spbctl.c, installed from drivers/spbctl.inf).
 * The test is the peripheral side: it declares resource hub connections to the controller
 * (drvhost_resource_hub_connection: an I2cSerialBus descriptor each), opens them by their
 * resource hub names as RESOURCE_HUB_CREATE_PATH_FROM_ID makes them, and sends reads, writes,
 * IOCTL_SPB_EXECUTE_SEQUENCE, the controller lock and the controller's own IOCTLs. Expected
 * values: the spbcx reference pages (SpbCx's behaviour) and the controller's memory bus.
 */
#include <wdm.h>
#include <reshub.h>
#include <spb.h>

#include "drivers/spbctl.h"
#include "harness.h"

#include <stdio.h>
#include <string.h>

#define SPB_INF WDF_TEST_DIR "/drivers/spbctl.inf"

enum {
    TYPE_READ = 1,
    TYPE_WRITE,
    TYPE_SEQUENCE,
    TYPE_LOCK,
    TYPE_UNLOCK,
    TYPE_OTHER = 8
};
enum {
    POS_SINGLE = 1,
    POS_FIRST,
    POS_CONTINUE,
    POS_LAST
};
enum {
    DIR_NONE,
    DIR_FROM,
    DIR_TO
};

static char controller[128]; /* its instance ID */

/* Connection `id` to the controller: an I2cSerialBus descriptor with that 7-bit address. */
static int32_t declare(ULONGLONG id, USHORT address)
{
    UCHAR d[sizeof(PNP_SERIAL_BUS_DESCRIPTOR) + 6] = {0};
    PNP_SERIAL_BUS_DESCRIPTOR h = {0};
    ULONG speed = 400000;
    h.Tag = SERIAL_BUS_DESCRIPTOR;
    h.Length = sizeof(d) - 3;
    h.RevisionId = SERIAL_BUS_DESCRIPTOR_REVISION;
    h.SerialBusType = SERIAL_BUS_I2C_DESCRIPTOR_TYPE;
    h.TypeSpecificRevisionId = 1;
    h.TypeDataLength = 6;
    memcpy(d, &h, sizeof(h));
    memcpy(d + sizeof(h), &speed, sizeof(speed));
    memcpy(d + sizeof(h) + 4, &address, sizeof(address));
    return drvhost_resource_hub_connection(id, controller, d, sizeof d);
}

/* The controller, and connections 1 (I2C address 0x10), 2 (0x11) and 3 (the refused one). */
static int setup(void)
{
    char msg[512] = "";
    ok_status(drvhost_pnp_install(SPB_INF, msg, sizeof msg), STATUS_SUCCESS);
    if (!ok_status(drvhost_device_create(SPBCTL_HWID, NULL, 0, controller, sizeof controller),
                   STATUS_SUCCESS))
        return 0;
    ok_status(declare(1, 0x10), STATUS_SUCCESS);
    ok_status(declare(2, 0x11), STATUS_SUCCESS);
    ok_status(declare(3, SPBCTL_REFUSED_ADDRESS), STATUS_SUCCESS);
    ok_status(drvhost_resource_hub_connection(1, controller, NULL, 0),
              STATUS_OBJECT_NAME_COLLISION);
    return 1;
}

static int32_t open_connection(ULONGLONG id, drvhost_file **f)
{
    char path[64];
    snprintf(path, sizeof path, "\\Device\\RESOURCE_HUB\\%016llX", (unsigned long long)id);
    *f = NULL;
    return drvhost_open(path, 0xC0000000u, f);
}

static drvhost_file *connect(ULONGLONG id)
{
    drvhost_file *f;
    ok_status(open_connection(id, &f), STATUS_SUCCESS);
    return f;
}

static SPBCTL_STATS stats(drvhost_file *f)
{
    SPBCTL_STATS s;
    memset(&s, 0xEE, sizeof s);
    ok_status(harness_ioctl(f, IOCTL_SPBCTL_STATS, NULL, 0, &s, sizeof s, NULL), STATUS_SUCCESS);
    return s;
}

/* A device control without buffers. */
static int32_t control(drvhost_file *f, uint32_t code)
{
    return harness_ioctl(f, code, NULL, 0, NULL, 0, NULL);
}

static int32_t write_bytes(drvhost_file *f, const void *data, size_t size, drvhost_iosb *iosb)
{
    return harness_io(f, DRVHOST_OP_WRITE, 0, data, size, NULL, 0, iosb);
}

static int32_t read_bytes(drvhost_file *f, void *data, size_t size, drvhost_iosb *iosb)
{
    return harness_io(f, DRVHOST_OP_READ, 0, NULL, 0, data, size, iosb);
}

typedef SPB_TRANSFER_LIST_AND_ENTRIES(2) TWO_TRANSFERS;

/* A list of two simple transfers: `to` (to the device), then `from` (from the device). */
static void two_transfers(TWO_TRANSFERS *seq, const void *to, ULONG to_size, void *from,
                          ULONG from_size)
{
    memset(seq, 0, sizeof(*seq));
    seq->List.Size = sizeof(SPB_TRANSFER_LIST);
    seq->List.TransferCount = 2;
    seq->List.Transfers[0] =
        SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionToDevice, 0, (PVOID)to, to_size);
    seq->ExtraTransfers[0] =
        SPB_TRANSFER_LIST_ENTRY_INIT_SIMPLE(SpbTransferDirectionFromDevice, 0, from, from_size);
}

/* SPB_CONTROLLER_CONFIG's rules, the connection's descriptor at EvtSpbTargetConnect, its
 * exclusive access, a refused connection, an undeclared one, EvtSpbTargetDisconnect. */
TEST(controller_config_rules_and_target_connections)
{
    drvhost_file *a, *b, *f;
    SPBCTL_STATS s;
    if (!setup() || (a = connect(1)) == NULL)
        return;
    s = stats(a);
    ok(s.InitStatus[0] == STATUS_INVALID_PARAMETER && s.InitStatus[1] == STATUS_INVALID_PARAMETER &&
           s.InitStatus[2] == STATUS_INVALID_PARAMETER,
       "SpbDeviceInitialize without a read callback 0x%08X, manual 0x%08X, bad size 0x%08X\n",
       (unsigned)s.InitStatus[0], (unsigned)s.InitStatus[1], (unsigned)s.InitStatus[2]);
    ok(s.Connects == 1 && s.Address == 0x10 && s.Mismatches == 0, "%lu connects, address 0x%lx\n",
       (unsigned long)s.Connects, (unsigned long)s.Address);
    ok_status(open_connection(1, &f), STATUS_SHARING_VIOLATION);
    ok_status(open_connection(3, &f), SPBCTL_REFUSED_STATUS);
    ok_status(open_connection(9, &f), STATUS_OBJECT_NAME_NOT_FOUND);
    b = connect(2);
    if (b == NULL)
        return;
    s = stats(b);
    ok(s.Connects == 2 && s.Refused == 1 && s.Disconnects == 0 && s.Address == 0x11,
       "%lu connects, %lu refused, %lu disconnects, address 0x%lx\n", (unsigned long)s.Connects,
       (unsigned long)s.Refused, (unsigned long)s.Disconnects, (unsigned long)s.Address);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    s = stats(b);
    ok(s.Disconnects == 1, "%lu disconnects\n", (unsigned long)s.Disconnects);
    a = connect(1); /* free again */
    if (a != NULL)
        drvhost_close(a);
    drvhost_close(b);
}

/* Reads and writes are single transfers of the request's buffer; a sequence is one request of
 * its transfers, in order; each target is its own device on the bus. */
TEST(writes_reads_and_sequences_reach_the_controller)
{
    static const UCHAR data[] = {5, 'a', 'b', 'c'}, reg = 5;
    UCHAR in[3] = {0}, other[3] = {1, 1, 1};
    TWO_TRANSFERS seq;
    drvhost_iosb iosb = {0};
    drvhost_file *a, *b;
    SPBCTL_STATS s;
    if (!setup() || (a = connect(1)) == NULL || (b = connect(2)) == NULL)
        return;
    ok_status(write_bytes(a, data, sizeof data, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 4, "wrote %llu\n", (unsigned long long)iosb.information);
    s = stats(a);
    ok(s.Type == TYPE_WRITE && s.Position == POS_SINGLE && s.Previous == DIR_NONE &&
           s.Length == 4 && s.Count == 0,
       "type %lu position %lu previous %lu length %lu count %lu\n", (unsigned long)s.Type,
       (unsigned long)s.Position, (unsigned long)s.Previous, (unsigned long)s.Length,
       (unsigned long)s.Count);
    ok_status(write_bytes(a, &reg, 1, NULL), STATUS_SUCCESS);
    ok_status(read_bytes(a, in, sizeof in, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 3 && memcmp(in, "abc", 3) == 0, "read %llu '%.3s'\n",
       (unsigned long long)iosb.information, in);
    s = stats(a);
    ok(s.Type == TYPE_READ && s.Position == POS_SINGLE && s.Length == 3 && s.Address == 0x10,
       "type %lu position %lu length %lu address 0x%lx\n", (unsigned long)s.Type,
       (unsigned long)s.Position, (unsigned long)s.Length, (unsigned long)s.Address);
    /* the register read as a sequence: write the register number, read from it */
    memset(in, 0, sizeof in);
    two_transfers(&seq, (PVOID)&reg, 1, in, sizeof in);
    ok_status(harness_ioctl(a, IOCTL_SPB_EXECUTE_SEQUENCE, &seq, sizeof seq, NULL, 0, &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == 4 && memcmp(in, "abc", 3) == 0, "sequence %llu '%.3s'\n",
       (unsigned long long)iosb.information, in);
    s = stats(a);
    ok(s.Type == TYPE_SEQUENCE && s.Position == POS_SINGLE && s.Count == 2 && s.Length == 4,
       "type %lu position %lu count %lu length %lu\n", (unsigned long)s.Type,
       (unsigned long)s.Position, (unsigned long)s.Count, (unsigned long)s.Length);
    /* the read into a list of two buffers (SPB_TRANSFER_BUFFER_FORMAT List): an MDL chain */
    {
        UCHAR first = 0, rest[2] = {0};
        SPB_TRANSFER_BUFFER_LIST_ENTRY parts[2] = {{&first, 1}, {rest, 2}};
        seq.ExtraTransfers[0] =
            SPB_TRANSFER_LIST_ENTRY_INIT_BUFFER_LIST(SpbTransferDirectionFromDevice, 0, parts, 2);
        ok_status(harness_ioctl(a, IOCTL_SPB_EXECUTE_SEQUENCE, &seq, sizeof seq, NULL, 0, &iosb),
                  STATUS_SUCCESS);
        ok(iosb.information == 4 && first == 'a' && rest[0] == 'b' && rest[1] == 'c',
           "list sequence %llu '%c%c%c'\n", (unsigned long long)iosb.information, first, rest[0],
           rest[1]);
        ok(stats(a).Length == 4, "length %lu\n", (unsigned long)stats(a).Length);
    }
    /* target 2 is another device: its registers are still zero */
    ok_status(write_bytes(b, &reg, 1, NULL), STATUS_SUCCESS);
    ok_status(read_bytes(b, other, sizeof other, NULL), STATUS_SUCCESS);
    ok(other[0] == 0 && other[1] == 0 && other[2] == 0, "target 2 read %02x%02x%02x\n", other[0],
       other[1], other[2]);
    s = stats(b);
    ok(s.Mismatches == 0 && s.NoRequestContext == 0, "%lu mismatches, %lu without context\n",
       (unsigned long)s.Mismatches, (unsigned long)s.NoRequestContext);
    drvhost_close(b);
    drvhost_close(a);
}

/* The sequence a client makes with IOCTL_SPB_LOCK_CONTROLLER: positions First, Continue, Last
 * with the previous transfer's direction; another target's request waits for the unlock. */
TEST(a_locked_sequence_has_positions_and_holds_other_targets)
{
    static const UCHAR data[] = {7, 'x'}, reg = 7, other_data[] = {9, 'y'};
    const ULONG expected[] = {
        SPBCTL_ENTRY(TYPE_LOCK, POS_FIRST, DIR_NONE),
        SPBCTL_ENTRY(TYPE_WRITE, POS_FIRST, DIR_NONE),
        SPBCTL_ENTRY(TYPE_WRITE, POS_CONTINUE, DIR_TO),
        SPBCTL_ENTRY(TYPE_READ, POS_CONTINUE, DIR_TO),
        SPBCTL_ENTRY(TYPE_UNLOCK, POS_LAST, DIR_FROM),
        SPBCTL_ENTRY(TYPE_WRITE, POS_SINGLE, DIR_NONE),
    };
    drvhost_io_desc desc = {DRVHOST_OP_WRITE, 0, other_data, sizeof other_data, NULL, 0, 0};
    drvhost_request *held = NULL;
    drvhost_iosb iosb = {0};
    UCHAR in = 0;
    drvhost_file *a, *b;
    SPBCTL_STATS s;
    if (!setup() || (a = connect(1)) == NULL || (b = connect(2)) == NULL)
        return;
    ok_status(control(a, IOCTL_SPB_UNLOCK_CONTROLLER), STATUS_INVALID_DEVICE_REQUEST);
    ok_status(control(a, IOCTL_SPBCTL_RESET), STATUS_SUCCESS);
    ok_status(control(a, IOCTL_SPB_LOCK_CONTROLLER), STATUS_SUCCESS);
    ok_status(write_bytes(a, data, sizeof data, NULL), STATUS_SUCCESS);
    ok_status(drvhost_io_start(b, &desc, &held), STATUS_PENDING);
    ok_status(drvhost_request_wait(held, 100, NULL), STATUS_TIMEOUT);
    ok_status(write_bytes(a, &reg, 1, NULL), STATUS_SUCCESS);
    ok_status(read_bytes(a, &in, 1, NULL), STATUS_SUCCESS);
    ok(in == 'x', "read 0x%02x\n", in);
    ok_status(control(a, IOCTL_SPB_UNLOCK_CONTROLLER), STATUS_SUCCESS);
    ok_status(drvhost_request_wait(held, 5000, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 2, "the held write moved %llu\n", (unsigned long long)iosb.information);
    drvhost_request_free(held);
    s = stats(a);
    ok(s.HistoryCount == 6 && memcmp(s.History, expected, sizeof expected) == 0,
       "%lu requests: %03lx %03lx %03lx %03lx %03lx %03lx\n", (unsigned long)s.HistoryCount,
       (unsigned long)s.History[0], (unsigned long)s.History[1], (unsigned long)s.History[2],
       (unsigned long)s.History[3], (unsigned long)s.History[4], (unsigned long)s.History[5]);
    /* a connection lock is not modelled (docs/wdf.md) */
    ok_status(control(a, IOCTL_SPB_LOCK_CONNECTION), STATUS_NOT_SUPPORTED);
    drvhost_close(b);
    drvhost_close(a);
}

/* A lock the controller fails (EvtSpbControllerLock completes it with an error) is not held:
 * the other targets' requests go on. */
TEST(a_lock_the_controller_fails_is_not_held)
{
    static const UCHAR data[] = {9, 'z'};
    drvhost_file *a, *b;
    if (!setup() || (a = connect(1)) == NULL || (b = connect(2)) == NULL)
        return;
    ok_status(control(b, IOCTL_SPB_LOCK_CONTROLLER), STATUS_DEVICE_BUSY);
    ok_status(write_bytes(a, data, sizeof data, NULL), STATUS_SUCCESS);
    ok_status(control(b, IOCTL_SPB_UNLOCK_CONTROLLER), STATUS_INVALID_DEVICE_REQUEST);
    drvhost_close(b);
    drvhost_close(a);
}

/* A target closed while it holds the controller lock releases it. */
TEST(closing_the_lock_holder_releases_the_other_targets)
{
    static const UCHAR data[] = {9, 'y'};
    drvhost_io_desc desc = {DRVHOST_OP_WRITE, 0, data, sizeof data, NULL, 0, 0};
    drvhost_request *held = NULL;
    drvhost_file *a, *b;
    if (!setup() || (a = connect(1)) == NULL || (b = connect(2)) == NULL)
        return;
    ok_status(control(a, IOCTL_SPB_LOCK_CONTROLLER), STATUS_SUCCESS);
    ok_status(drvhost_io_start(b, &desc, &held), STATUS_PENDING);
    ok_status(drvhost_request_wait(held, 100, NULL), STATUS_TIMEOUT);
    ok_status(drvhost_close(a), STATUS_SUCCESS);
    ok_status(drvhost_request_wait(held, 5000, NULL), STATUS_SUCCESS);
    drvhost_request_free(held);
    drvhost_close(b);
}

static int32_t sequence_of(drvhost_file *f, const void *list, size_t size)
{
    return harness_ioctl(f, IOCTL_SPB_EXECUTE_SEQUENCE, list, size, NULL, 0, NULL);
}

/* Malformed transfer lists are refused by SpbCx (STATUS_INVALID_PARAMETER) before the
 * controller sees them; a zero-length write does not reach it either. */
TEST(malformed_sequences_are_refused_before_the_controller)
{
    UCHAR buf[4] = {0};
    TWO_TRANSFERS seq;
    drvhost_iosb iosb = {0};
    drvhost_file *a;
    ULONG calls;
    if (!setup() || (a = connect(1)) == NULL)
        return;
    calls = stats(a).TransferCalls;
    two_transfers(&seq, buf, 1, buf, 4);
    seq.List.Size = sizeof(SPB_TRANSFER_LIST) + 1;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_INVALID_PARAMETER);
    seq.List.Size = sizeof(SPB_TRANSFER_LIST);
    ok_status(sequence_of(a, &seq, sizeof(SPB_TRANSFER_LIST)), STATUS_INVALID_PARAMETER);
    ok_status(sequence_of(a, &seq, 8), STATUS_INVALID_PARAMETER);
    seq.List.TransferCount = 0;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_INVALID_PARAMETER);
    seq.List.TransferCount = 2;
    seq.ExtraTransfers[0].Direction = SpbTransferDirectionNone;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_INVALID_PARAMETER);
    seq.ExtraTransfers[0].Direction = SpbTransferDirectionFromDevice;
    seq.ExtraTransfers[0].Buffer.Simple.Buffer = NULL;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_INVALID_PARAMETER);
    seq.ExtraTransfers[0].Buffer.Simple.Buffer = buf;
    seq.ExtraTransfers[0].Buffer.Format = SpbTransferBufferFormatInvalid;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_INVALID_PARAMETER);
    ok_status(sequence_of(a, NULL, 0), STATUS_INVALID_PARAMETER);
    ok_status(write_bytes(a, buf, 0, &iosb), STATUS_SUCCESS);
    ok(iosb.information == 0, "%llu\n", (unsigned long long)iosb.information);
    ok(stats(a).TransferCalls == calls, "the controller saw a refused request\n");
    /* the list format, made right, goes through */
    seq.ExtraTransfers[0].Buffer.Format = SpbTransferBufferFormatSimple;
    ok_status(sequence_of(a, &seq, sizeof seq), STATUS_SUCCESS);
    ok(stats(a).TransferCalls == calls + 1, "the good sequence did not reach the controller\n");
    drvhost_close(a);
}

/* SpbControllerSetIoOtherCallback: the controller's IOCTLs go to its EvtIoInCallerContext
 * (which captures a transfer list with SpbRequestCaptureIoOtherTransferList) and then to
 * EvtSpbControllerIoOther, with SpbCx's other parameters; a malformed list fails the capture. */
TEST(other_ioctls_capture_transfer_lists_in_the_caller_context)
{
    UCHAR out[4] = {0};
    TWO_TRANSFERS seq;
    drvhost_iosb iosb = {0};
    drvhost_file *a;
    SPBCTL_STATS s;
    ULONG in_caller;
    if (!setup() || (a = connect(1)) == NULL)
        return;
    in_caller = stats(a).InCaller;
    two_transfers(&seq, (PVOID) "abcd", 4, out, 4);
    ok_status(harness_ioctl(a, IOCTL_SPBCTL_DUPLEX, &seq, sizeof seq, NULL, 0, &iosb),
              STATUS_SUCCESS);
    ok(iosb.information == 8 && memcmp(out, "dcba", 4) == 0, "duplex %llu '%.4s'\n",
       (unsigned long long)iosb.information, out);
    s = stats(a);
    ok(s.Type == TYPE_OTHER && s.Position == POS_SINGLE && s.Length == 8,
       "type %lu position %lu length %lu\n", (unsigned long)s.Type, (unsigned long)s.Position,
       (unsigned long)s.Length);
    ok(s.InCaller == in_caller + 2, "in-caller %lu then %lu\n", (unsigned long)in_caller,
       (unsigned long)s.InCaller);
    seq.List.TransferCount = 0;
    ok_status(harness_ioctl(a, IOCTL_SPBCTL_DUPLEX, &seq, sizeof seq, NULL, 0, NULL),
              STATUS_INVALID_PARAMETER);
    ok_status(control(a, SPBCTL_CODE(0x20)), STATUS_NOT_SUPPORTED);
    s = stats(a);
    ok(s.Mismatches == 0 && s.NoRequestContext == 0, "%lu mismatches, %lu without context\n",
       (unsigned long)s.Mismatches, (unsigned long)s.NoRequestContext);
    drvhost_close(a);
}

/* SpbRequestGetTransferParameters past the request's transfers: drvhost's 0x10D with its own
 * parameter 1 (0x1003), the request and the index refused. */
TEST(a_transfer_index_beyond_the_request_is_wdf_violation)
{
    drvhost_file *a;
    if (!setup() || (a = connect(1)) == NULL)
        return;
    expect_bugcheck_params(0x10D, BUGCHECK_P1 | BUGCHECK_P3 | BUGCHECK_P4, 0x1003, 0, 1, 0);
    control(a, IOCTL_SPBCTL_MISUSE);
    ok(0, "the misuse returned\n");
}

/* A peripheral driver (drivers/spbclient.c) finds its connection among its resources
 * (`i2c:ID`: CmResourceTypeConnection, serial, I2C), opens the resource hub path
 * RESOURCE_HUB_CREATE_PATH_FROM_ID makes (a 64-bit ID here), writes and reads a register with a
 * sequence; a second open of the connection is refused; a write after WdfIoTargetClose fails
 * in the framework (STATUS_INVALID_DEVICE_STATE) without reaching SpbCx. */
TEST(a_peripheral_driver_opens_its_connection_and_reads_a_register)
{
    char msg[256] = "", instance[128] = "";
    SPBCLIENT_RESULT r;
    drvhost_iosb iosb = {0};
    drvhost_file *c, *a;
    if (!setup())
        return;
    ok_status(declare(0x700000004ull, 0x12), STATUS_SUCCESS);
    ok_status(drvhost_device_resources(SPBCLIENT_HWID, "i2c:", msg, sizeof msg),
              STATUS_INVALID_PARAMETER);
    ok_status(drvhost_device_resources(SPBCLIENT_HWID, "spi:1:2", msg, sizeof msg),
              STATUS_INVALID_PARAMETER);
    ok_status(drvhost_device_resources(SPBCLIENT_HWID, "i2c:0x700000004", msg, sizeof msg),
              STATUS_SUCCESS);
    ok_status(drvhost_device_create(SPBCLIENT_HWID, NULL, 0, instance, sizeof instance),
              STATUS_SUCCESS);
    if (!ok_status(drvhost_open("\\\\.\\SpbClient", 0xC0000000u, &c), STATUS_SUCCESS))
        return;
    memset(&r, 0xEE, sizeof r);
    ok_status(harness_ioctl(c, IOCTL_SPBCLIENT_RUN, NULL, 0, &r, sizeof r, &iosb), STATUS_SUCCESS);
    ok(r.IdLowPart == 4 && r.IdHighPart == 7, "connection %lx:%lx\n", (unsigned long)r.IdHighPart,
       (unsigned long)r.IdLowPart);
    ok(r.OpenStatus == STATUS_SUCCESS && r.SecondOpenStatus == STATUS_SHARING_VIOLATION,
       "open 0x%08X, again 0x%08X\n", (unsigned)r.OpenStatus, (unsigned)r.SecondOpenStatus);
    ok(r.WriteStatus == STATUS_SUCCESS && r.SequenceStatus == STATUS_SUCCESS &&
           r.SequenceInformation == 3 && r.ReadBack[0] == 'h' && r.ReadBack[1] == 'i',
       "write 0x%08X, sequence 0x%08X (%lu) '%c%c'\n", (unsigned)r.WriteStatus,
       (unsigned)r.SequenceStatus, (unsigned long)r.SequenceInformation, r.ReadBack[0],
       r.ReadBack[1]);
    ok(r.ClosedWriteStatus == STATUS_INVALID_DEVICE_STATE, "after close 0x%08X\n",
       (unsigned)r.ClosedWriteStatus);
    drvhost_close(c);
    if ((a = connect(1)) != NULL) {
        SPBCTL_STATS s = stats(a);
        ok(s.Connects == 2 && s.Disconnects == 1 && s.Mismatches == 0,
           "%lu connects, %lu disconnects\n", (unsigned long)s.Connects,
           (unsigned long)s.Disconnects);
        drvhost_close(a);
    }
}
