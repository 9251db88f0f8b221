/*
 * test_wdf_bus.c - framework bus drivers through the embedding API: the bus driver of
 * drivers/wdfbus.c on a root-enumerated device and the function driver of its children
 * (drivers/wdfbusfn.c), both installed from drivers/wdfbus.inf. The host's view: the children
 * the bus reports (its static child, the dynamic children the host plugs) appear in the tree
 * with their function driver on top, serve I/O (the child's PDO queue answers requests its
 * function driver sends down), and go when unplugged, ejected, left out of a scan, or marked
 * missing, and with the bus; misuse is WDF_VIOLATION. The callback orders: scenarios/bus.scn.
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF                      WDF_TEST_DIR "/drivers/wdfbus.inf"
#define BUS_IFACE                "{5b0d7e21-3c4a-4f18-9e62-0a7b1c2d3e41}"
#define CHILD_IFACE              "{5b0d7e22-3c4a-4f18-9e62-0a7b1c2d3e41}"
#define BUS_INSTANCE             "ROOT\\WDFBUSTEST\\0000"
#define PREFIX                   "2&73b4236c&0&" /* the bus's ParentIdPrefix (docs/pnp.md) */
#define CTL(function)            ((0x22u << 16) | ((function) << 2)) /* FILE_DEVICE_UNKNOWN, buffered */
#define IOCTL_BUS_PLUG           CTL(0xC00)
#define IOCTL_BUS_UNPLUG         CTL(0xC01)
#define IOCTL_BUS_EJECT          CTL(0xC02)
#define IOCTL_BUS_SCAN           CTL(0xC03)
#define IOCTL_BUS_STATIC_MISSING CTL(0xC04)
#define IOCTL_BUS_CHECKS         CTL(0xC05)
#define IOCTL_BUS_PDO_EJECT      CTL(0xC06)
#define IOCTL_BUS_COUNT          CTL(0xC07)
#define IOCTL_BUS_SCAN_ALL       CTL(0xC08)
#define IOCTL_BUS_EJECT_REL      CTL(0xC09)
#define IOCTL_BUS_D0_ENTRIES     CTL(0xC0A)
#define IOCTL_CHILD_WHO          CTL(0xC10)
#define IOCTL_CHILD_FN           CTL(0xC11)
#define IOCTL_CHILD_PARENT       CTL(0xC12)
#define IOCTL_CHILD_QI           CTL(0xC13)

#define STATUS_SUCCESS_                0x00000000
#define STATUS_OBJECT_NAME_EXISTS_     0x40000000
#define STATUS_NO_SUCH_DEVICE_         ((int32_t)0xC000000E)
#define STATUS_INVALID_DEVICE_REQUEST_ ((int32_t)0xC0000010)

static drvhost_file *bus_create(const char *hwid)
{
    char msg[512] = "", got[64] = "";
    drvhost_file *f = NULL;
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(hwid, NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok(strcmp(got, BUS_INSTANCE) == 0, "instance %s\n", got);
    ok_status(drvhost_open_interface(BUS_IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

/* Waits until the PnP manager has done what the driver asked (drvhost_pnp_tree waits for it
 * to be idle, as scenarios do after each command). */
static void settle(void)
{
    FILE *null = fopen("/dev/null", "w");
    ok_status(drvhost_pnp_tree(null), STATUS_SUCCESS_);
    fclose(null);
}

/* A bus control taking ULONGs; returns the ULONG the driver answers, once the PnP manager
 * has handled the relations the driver invalidated. */
static uint32_t bus_ctl(drvhost_file *bus, uint32_t code, const uint32_t *in, size_t n)
{
    uint32_t out = 0xFFFFFFFFu;
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(bus, code, in, n * sizeof(*in), &out, sizeof out, &iosb),
              STATUS_SUCCESS_);
    settle();
    return out;
}

static uint32_t plug(drvhost_file *bus, uint32_t serial)
{
    uint32_t in[2] = {serial, 10 + serial};
    return bus_ctl(bus, IOCTL_BUS_PLUG, in, 2);
}

static char *tree_text(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    ok_status(drvhost_pnp_tree(f), STATUS_SUCCESS_);
    fclose(f);
    return text;
}

/* Whether the tree has the line "<indent><instance> <rest...>" starting with `line`. */
static int tree_has(const char *line)
{
    char *text = tree_text();
    int found = text != NULL && strstr(text, line) != NULL;
    free(text);
    return found;
}

#define CHILD(n)     "    WDFBUS\\CHILD\\" PREFIX #n " started stack: wdfbusfn > wdfbus\n"
#define STATIC_CHILD "    WDFBUS\\STATIC\\" PREFIX "0 started stack: wdfbusfn > wdfbus\n"

/* One of the child function devices' interfaces (their order is the interface manager's)
 * must answer IOCTL_CHILD_WHO with `expected` (from the PDO's queue) and IOCTL_CHILD_FN with
 * "fn" (the function driver itself). */
static void expect_who(const char *expected)
{
    int found = 0;
    for (unsigned index = 0; index < 8 && !found; index++) {
        drvhost_file *f = NULL;
        char out[8] = {0};
        drvhost_iosb iosb = {0};
        if (drvhost_open_interface(CHILD_IFACE, index, 0xC0000000u, &f) != STATUS_SUCCESS_)
            break;
        ok_status(harness_ioctl(f, IOCTL_CHILD_WHO, NULL, 0, out, sizeof out, &iosb),
                  STATUS_SUCCESS_);
        found =
            iosb.information == strlen(expected) && memcmp(out, expected, strlen(expected)) == 0;
        if (found) {
            ok_status(harness_ioctl(f, IOCTL_CHILD_FN, NULL, 0, out, sizeof out, &iosb),
                      STATUS_SUCCESS_);
            ok(iosb.information == 2 && memcmp(out, "fn", 2) == 0, "the function driver answers\n");
            ok_status(harness_ioctl(f, IOCTL_CHILD_PARENT, NULL, 0, out, sizeof out, &iosb),
                      STATUS_SUCCESS_);
            ok(iosb.information == 3 && memcmp(out, "bus", 3) == 0,
               "the PDO forwarded the request to the bus FDO's queue\n");
        }
        ok_status(drvhost_close(f), STATUS_SUCCESS_);
    }
    ok(found, "a child answers '%s'\n", expected);
}

TEST(static_child_is_enumerated_and_serves_io_through_its_pdo)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(tree_has(STATIC_CHILD), "the static child is started with its function driver\n");
    expect_who("pdo 0");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(plugged_children_are_created_and_a_known_one_is_name_exists)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(plug(bus, 1) == STATUS_SUCCESS_, "plug 1\n");
    ok(plug(bus, 2) == STATUS_SUCCESS_, "plug 2\n");
    ok(tree_has(CHILD(1)) && tree_has(CHILD(2)), "children 1 and 2 started\n");
    uint32_t again = plug(bus, 1);
    ok(again == STATUS_OBJECT_NAME_EXISTS_, "plugging 1 again: 0x%08X\n", again);
    expect_who("pdo 1");
    expect_who("pdo 2");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(driver_checks_of_child_list_and_pdo_routines_hold)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t out[2] = {0xFFFFFFFFu, 0};
    drvhost_iosb iosb = {0};
    plug(bus, 1);
    ok_status(harness_ioctl(bus, IOCTL_BUS_CHECKS, NULL, 0, out, sizeof out, &iosb),
              STATUS_SUCCESS_);
    ok(out[0] == 0 && out[1] == 23, "first failed check at wdfbus.c:%u; %u checks made\n", out[0],
       out[1]);
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(an_unplugged_child_is_surprise_removed_and_its_description_goes)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t one = 1;
    plug(bus, 1);
    ok(tree_has(CHILD(1)), "child 1 started\n");
    ok(bus_ctl(bus, IOCTL_BUS_UNPLUG, &one, 1) == STATUS_SUCCESS_, "unplug 1\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "1"), "child 1 gone from the tree\n");
    ok(bus_ctl(bus, IOCTL_BUS_UNPLUG, &one, 1) == (uint32_t)STATUS_NO_SUCH_DEVICE_,
       "no present child 1 left\n");
    ok(bus_ctl(bus, IOCTL_BUS_COUNT, NULL, 0) == 0, "its description went with its PDO\n");
    ok(plug(bus, 1) == STATUS_SUCCESS_ && tree_has(CHILD(1)), "plugged again: a new child\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(ejected_children_are_removed_for_good)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t serial = 2;
    plug(bus, 2);
    plug(bus, 3);
    ok(bus_ctl(bus, IOCTL_BUS_EJECT, &serial, 1) == 1, "WdfChildListRequestChildEject\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "2"), "child 2 ejected\n");
    serial = 3;
    ok(bus_ctl(bus, IOCTL_BUS_PDO_EJECT, &serial, 1) == 1, "WdfPdoRequestEject\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "3"), "child 3 ejected\n");
    ok(bus_ctl(bus, IOCTL_BUS_EJECT, &serial, 1) == 0, "no child 3 left to eject\n");
    ok(bus_ctl(bus, IOCTL_BUS_COUNT, NULL, 0) == 0, "their descriptions went with their PDOs\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(a_scan_leaves_out_the_children_it_does_not_report)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t both[2] = {4, 5}, one[1] = {5};
    bus_ctl(bus, IOCTL_BUS_SCAN, both, 2);
    ok(tree_has(CHILD(4)) && tree_has(CHILD(5)), "the scan reported 4 and 5\n");
    bus_ctl(bus, IOCTL_BUS_SCAN, one, 1);
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "4") && tree_has(CHILD(5)), "4 left out: removed\n");
    bus_ctl(bus, IOCTL_BUS_SCAN_ALL, NULL, 0);
    ok(tree_has(CHILD(5)) && bus_ctl(bus, IOCTL_BUS_COUNT, NULL, 0) == 1,
       "a scan with WdfChildListUpdateAllChildDescriptionsAsPresent keeps 5\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(a_static_child_marked_missing_is_removed)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(bus_ctl(bus, IOCTL_BUS_STATIC_MISSING, NULL, 0) == STATUS_SUCCESS_, "WdfPdoMarkMissing\n");
    ok(!tree_has("WDFBUS\\STATIC"), "the static child is gone\n");
    ok(bus_ctl(bus, IOCTL_BUS_STATIC_MISSING, NULL, 0) == 0xC0000225u, /* STATUS_NOT_FOUND */
       "the static list no longer has it\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(a_failing_create_device_leaves_the_child_out)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(plug(bus, 7) == STATUS_SUCCESS_, "plug 7 (its EvtChildListCreateDevice fails)\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "7"), "child 7 is not reported\n");
    ok(plug(bus, 7) == STATUS_SUCCESS_, "its description was dropped: a new one\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Child 8's EvtChildListCreateDevice reports it missing before its WdfDeviceCreate (as another
 * thread of the bus driver may while the framework creates the PDO): the PDO it then creates
 * stands for a child no longer on the bus, so it is not reported, and the description goes
 * with it (Microsoft: WdfChildListUpdateChildDescriptionAsMissing). */
TEST(a_child_reported_missing_while_its_pdo_is_created_is_not_reported)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(plug(bus, 8) == STATUS_SUCCESS_, "plug 8 (missing during its EvtChildListCreateDevice)\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "8"), "child 8 is not in the tree\n");
    ok(bus_ctl(bus, IOCTL_BUS_COUNT, NULL, 0) == 0, "its description went with its PDO\n");
    ok(plug(bus, 1) == STATUS_SUCCESS_ && tree_has(CHILD(1)), "the bus still reports others\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Child `serial` (a raw PDO) plugged: it starts alone, its tree line `line`. */
static void raw_child_starts(uint32_t serial, const char *line)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    ok(plug(bus, serial) == STATUS_SUCCESS_, "plug %u (WdfPdoInitAssignRawDevice)\n", serial);
    ok(tree_has(line), "the raw PDO %u is started alone\n", serial);
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

TEST(a_raw_child_starts_without_a_function_driver)
{
    raw_child_starts(9, "    WDFBUS\\RAW\\" PREFIX "9 started stack: wdfbus\n");
}

/* DEVICE_CAPABILITIES.RawDeviceOK: the bus driver drives a raw device when there is no
 * function driver; no package matching its IDs is no failure (kmdf_enumswitches' switch PDOs).
 * Its driver owns its power policy: WdfDeviceAssignS0IdleSettings succeeds on it (ChildCreate
 * fails the PDO otherwise). */
TEST(a_raw_child_without_any_package_starts_and_owns_its_power_policy)
{
    raw_child_starts(6, "    WDFBUS\\RAWALONE\\" PREFIX "6 started stack: wdfbus\n");
}

TEST(removing_the_bus_removes_its_children)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    char *text;
    plug(bus, 1);
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
    ok_status(drvhost_device_action(BUS_INSTANCE, DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    text = tree_text();
    ok(text != NULL && strstr(text, "WDFBUS") == NULL, "no bus, no children:\n%s", text);
    free(text);
}

TEST(pdo_routine_on_an_fdo_init_is_wdf_violation)
{
    char msg[512] = "", got[64] = "";
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    expect_bugcheck_p1(0x10D, 0x5);
    drvhost_device_create("WDFBUS\\BAD1", NULL, 0, got, sizeof got);
}

TEST(pdo_get_parent_of_an_fdo_is_wdf_violation)
{
    char msg[512] = "", got[64] = "";
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    expect_bugcheck_p1(0x10D, 0x5);
    drvhost_device_create("WDFBUS\\BAD2", NULL, 0, got, sizeof got);
}

/* Microsoft (WdfPdoAddEjectionRelationsPhysicalDevice; IRP_MN_QUERY_DEVICE_RELATIONS,
 * "EjectionRelations Request"): the PDO reports the devices ejected with it; the PnP manager
 * removes them (IRP_MN_REMOVE_DEVICE, not IRP_MN_EJECT) when it ejects the PDO. A NULL PDO is
 * STATUS_INVALID_PARAMETER. A relation its bus still reports is started again by the next
 * enumeration (drvhost's simplification keeps its node: docs/pnp.md). A relation removed from
 * the list takes nothing with it (wdeva). */
TEST(an_ejected_child_takes_its_ejection_relations)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t rel[3] = {1, 2, 0}, null_rel[3] = {1, 0xFFFFFFFFu, 0}, serial = 1;
    plug(bus, 1);
    plug(bus, 2);
    plug(bus, 3);
    ok(bus_ctl(bus, IOCTL_BUS_EJECT_REL, null_rel, 3) == 0xC000000Du, "NULL accepted\n");
    ok(bus_ctl(bus, IOCTL_BUS_EJECT_REL, rel, 3) == 0, "adding 2 to 1's ejection relations\n");
    rel[1] = 3;
    ok(bus_ctl(bus, IOCTL_BUS_EJECT_REL, rel, 3) == 0, "adding 3\n");
    rel[2] = 1; /* and taken out again */
    ok(bus_ctl(bus, IOCTL_BUS_EJECT_REL, rel, 3) == 0, "removing 3\n");
    ok(bus_ctl(bus, IOCTL_BUS_PDO_EJECT, &serial, 1) == 1, "WdfPdoRequestEject\n");
    ok(!tree_has("WDFBUS\\CHILD\\" PREFIX "1"), "child 1 ejected\n");
    /* child 2's stack was removed; still on the bus, it is started again by the enumeration
     * that follows the eject: its PDO entered D0 twice; child 3's once */
    serial = 2;
    ok(bus_ctl(bus, IOCTL_BUS_D0_ENTRIES, &serial, 1) == 2, "child 2, its relation, not removed\n");
    serial = 3;
    ok(bus_ctl(bus, IOCTL_BUS_D0_ENTRIES, &serial, 1) == 1,
       "child 3, no longer a relation, removed\n");
    ok(tree_has(CHILD(2)) && tree_has(CHILD(3)), "children 2 and 3 are started\n");
    ok(bus_ctl(bus, IOCTL_BUS_COUNT, NULL, 0) == 2, "2 and 3 are still on the bus\n");
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (WDF_QUERY_INTERFACE_CONFIG.SendQueryToParentStack): a PDO's interface with it set
 * sends the query to the top of the parent device's stack, whose answer the requester gets;
 * the PDO gives no Interface of its own. Here the child's function driver asks
 * (WdfFdoQueryForInterface) and the bus FDO's copy answers (wdeva). */
TEST(a_child_s_query_interface_is_answered_by_its_parent_stack)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT"), *f = NULL;
    uint32_t out[2] = {~0u, ~0u};
    plug(bus, 1);
    ok_status(drvhost_open_interface(CHILD_IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    if (f != NULL) {
        ok_status(harness_ioctl(f, IOCTL_CHILD_QI, NULL, 0, out, sizeof out, NULL),
                  STATUS_SUCCESS_);
        ok(out[0] == 0 && out[1] == 0xB05, "the query: 0x%08X, answer 0x%X\n", out[0], out[1]);
        drvhost_close(f);
    }
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* The PDO's own removal relations (WdfDeviceAddRemovalRelationsPhysicalDevice on a framework
 * PDO, answered at the bottom of its stack): removing child 1 removes child 2 too; still on the
 * bus, child 2 starts again at the next enumeration (wdeva; docs/pnp.md). */
TEST(a_removed_child_takes_its_removal_relations)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t rel[3] = {1, 2, 3}, serial = 2;
    plug(bus, 1);
    plug(bus, 2);
    ok(bus_ctl(bus, IOCTL_BUS_EJECT_REL, rel, 3) == 0, "adding 2 to 1's removal relations\n");
    ok_status(drvhost_device_action("WDFBUS\\CHILD\\" PREFIX "1", DRVHOST_DEVICE_REMOVE),
              STATUS_SUCCESS_);
    ok(tree_has("    WDFBUS\\CHILD\\" PREFIX "2 removed"), "child 2, its relation, not removed\n");
    ok_status(drvhost_pnp_rescan(), STATUS_SUCCESS_);
    ok(tree_has(CHILD(2)), "child 2 not started again\n");
    ok(bus_ctl(bus, IOCTL_BUS_D0_ENTRIES, &serial, 1) == 2, "child 2 entered D0 %u times\n",
       bus_ctl(bus, IOCTL_BUS_D0_ENTRIES, &serial, 1));
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

#define IOCTL_BUS_ID_DUPLICATES   CTL(0xC0B)
#define IOCTL_BUS_LAST_D0_EXIT    CTL(0xC0C)
#define IOCTL_CHILD_TEXT          CTL(0xC14)
#define IOCTL_CHILD_BUS_INFO      CTL(0xC15)
#define IOCTL_CHILD_PARENT_MISUSE CTL(0xC16)
#define IOCTL_CHILD_CAPS          CTL(0xC17)

/* Child 1 plugged; its function device opened (NULL with a failed check). */
static drvhost_file *child_one(drvhost_file *bus)
{
    drvhost_file *f = NULL;
    plug(bus, 1);
    ok_status(drvhost_open_interface(CHILD_IFACE, 0, 0xC0000000u, &f), STATUS_SUCCESS_);
    return f;
}

/* The child PDO's answer to IRP_MN_QUERY_DEVICE_TEXT of `type` (0 description, 1 location)
 * and `locale` is `expected`. */
static void expect_text(drvhost_file *f, uint32_t type, uint32_t locale, const char *expected)
{
    uint32_t in[2] = {type, locale};
    uint16_t out[32] = {0};
    char got[32] = "";
    drvhost_iosb iosb = {0};
    ok_status(harness_ioctl(f, IOCTL_CHILD_TEXT, in, sizeof in, out, sizeof out, &iosb),
              STATUS_SUCCESS_);
    for (size_t i = 0; i + 1 < sizeof got && out[i] != 0; i++)
        got[i] = (char)out[i];
    ok(strcmp(got, expected) == 0 && iosb.information == (strlen(expected) + 1) * 2,
       "text %u of locale 0x%X: '%s' (%u bytes), expected '%s'\n", type, locale, got,
       (unsigned)iosb.information, expected);
}

/* Microsoft (WdfPdoInitAddDeviceText, WdfPdoInitSetDefaultLocale): the PDO answers
 * IRP_MN_QUERY_DEVICE_TEXT with the text of the asked locale, and with the default locale's
 * text for a locale it has none of. wdfbus adds 0x409 and 0x407, 0x409 the default. */
TEST(a_child_answers_device_text_in_the_asked_locale_else_the_default)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT"), *f = child_one(bus);
    if (f != NULL) {
        expect_text(f, 0, 0x407, "Kind des Busses");
        expect_text(f, 0, 0x409, "Framework bus child");
        expect_text(f, 0, 0x40C, "Framework bus child"); /* French: none, the default's */
        expect_text(f, 1, 0x407, "Slot");
        drvhost_close(f);
    }
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (WdfDeviceSetBusInformationForChildren): the framework answers its children's
 * IRP_MN_QUERY_BUS_INFORMATION with what the bus driver set: the bus interface's GUID, PNPBus
 * (15), bus number 7. */
TEST(a_child_answers_bus_information_with_what_the_bus_set)
{
    static const uint8_t guid[16] = {0x21, 0x7e, 0x0d, 0x5b, 0x4a, 0x3c, 0x18, 0x4f,
                                     0x9e, 0x62, 0x0a, 0x7b, 0x1c, 0x2d, 0x3e, 0x41};
    drvhost_file *bus = bus_create("WDFBUS\\ROOT"), *f = child_one(bus);
    uint32_t out[6];
    drvhost_iosb iosb = {0};
    memset(out, 0xEE, sizeof out);
    if (f != NULL) {
        ok_status(harness_ioctl(f, IOCTL_CHILD_BUS_INFO, NULL, 0, out, sizeof out, &iosb),
                  STATUS_SUCCESS_);
        ok(iosb.information == 24 && memcmp(out, guid, 16) == 0 && out[4] == 15 && out[5] == 7,
           "bus information: %u bytes, type %u, number %u\n", (unsigned)iosb.information, out[4],
           out[5]);
        drvhost_close(f);
    }
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (EvtChildListIdentificationDescriptionDuplicate): the framework keeps its own copy
 * of a reported description, made by the driver's callback when it has one. */
TEST(a_reported_child_s_description_is_copied_by_the_driver_s_callback)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t before = bus_ctl(bus, IOCTL_BUS_ID_DUPLICATES, NULL, 0);
    plug(bus, 1);
    ok(bus_ctl(bus, IOCTL_BUS_ID_DUPLICATES, NULL, 0) > before,
       "EvtChildListIdentificationDescriptionDuplicate not called (%u before)\n", before);
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (WdfRequestForwardToParentDeviceIoQueue): a queue that is not the parent device's
 * is STATUS_INVALID_DEVICE_REQUEST, options of a wrong Size STATUS_INFO_LENGTH_MISMATCH, a
 * member of an invalid value STATUS_INVALID_PARAMETER; the request stays the driver's. */
TEST(forwarding_to_the_parent_refuses_what_the_page_lists)
{
    static const uint32_t expected[3] = {0xC0000010u, 0xC0000004u, 0xC000000Du};
    drvhost_file *bus = bus_create("WDFBUS\\ROOT"), *f = child_one(bus);
    for (uint32_t mode = 0; mode < 3 && f != NULL; mode++) {
        uint32_t out = 0;
        ok_status(
            harness_ioctl(f, IOCTL_CHILD_PARENT_MISUSE, &mode, sizeof mode, &out, sizeof out, NULL),
            STATUS_SUCCESS_);
        ok(out == expected[mode], "mode %u: 0x%08X, expected 0x%08X\n", mode, out, expected[mode]);
    }
    if (f != NULL)
        drvhost_close(f);
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (DEVICE_CAPABILITIES.DeviceState; WdfDeviceSetPowerCapabilities): the function
 * driver, the power policy owner, sets no power capabilities: in S3 its device goes to the
 * D-state the PDO reported for S3 (wdfbus: D2, WdfPowerDeviceD2 = 3), not to D3. */
TEST(a_child_sleeps_in_the_d_state_its_pdo_reported_for_s3)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT");
    uint32_t serial = 1;
    plug(bus, 1);
    ok_status(drvhost_system_sleep(), STATUS_SUCCESS_);
    ok_status(drvhost_system_wake(), STATUS_SUCCESS_);
    ok(bus_ctl(bus, IOCTL_BUS_LAST_D0_EXIT, &serial, 1) == 3, "child 1 left D0 for %u\n",
       bus_ctl(bus, IOCTL_BUS_LAST_D0_EXIT, &serial, 1));
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}

/* Microsoft (WdfDeviceSetPnpCapabilities, WdfDeviceSetPowerCapabilities on a PDO): the PDO
 * answers IRP_MN_QUERY_CAPABILITIES with what its driver set: wdfbus gives child N Address and
 * UINumber N and D1Latency 150. */
TEST(a_child_answers_the_capabilities_its_bus_driver_set)
{
    drvhost_file *bus = bus_create("WDFBUS\\ROOT"), *f = child_one(bus);
    uint32_t out[4] = {~0u, ~0u, ~0u, ~0u};
    if (f != NULL) {
        ok_status(harness_ioctl(f, IOCTL_CHILD_CAPS, NULL, 0, out, sizeof out, NULL),
                  STATUS_SUCCESS_);
        ok(out[0] == 0 && out[1] == 150 && out[2] == 1 && out[3] == 1,
           "status 0x%08X, D1Latency %u, Address %u, UINumber %u\n", out[0], out[1], out[2],
           out[3]);
        drvhost_close(f);
    }
    ok_status(drvhost_close(bus), STATUS_SUCCESS_);
}
