/*
 * test_infs.c - the INF files of the PnP samples parse, match their devices and install what
 * they mean to (services, the function driver, irplog as an upper filter), read by drvhost's
 * INF parser (src/pnp/inf.h, white-box) as the PnP manager's `install` will read them. The
 * expected values are what the INF reference says these files mean on x64 Windows.
 */
#include "harness.h"

#include "pnp/inf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wdm.h>

/* Reads and parses samples/wdm/pnp/<rel> (named by its file name, as Windows names the driver
 * store folder of DIRID 13). NULL after a failed check. */
static struct inf_file *load_inf(const char *rel, const char *name)
{
    static char data[1 << 16];
    struct inf_file *inf = NULL;
    struct inf_error err;
    char path[1024];
    size_t n = 0;
    FILE *f;
    NTSTATUS st;

    snprintf(path, sizeof(path), "%s/%s", PNP_SAMPLES_DIR, rel);
    if ((f = fopen(path, "rb")) != NULL) {
        n = fread(data, 1, sizeof(data), f);
        fclose(f);
    }
    if (!ok(n > 0 && n < sizeof(data), "cannot read %s\n", path))
        return NULL;
    st = inf_parse(data, n, name, NULL, &inf, &err);
    ok(st == STATUS_SUCCESS, "%s: 0x%x: %s\n", name, (unsigned)st, err.text);
    return inf;
}

/* The model chosen for a device with one hardware ID and one compatible ID (cid may be NULL). */
static const struct inf_model *match(struct inf_file *inf, const char *hwid, const char *cid,
                                     uint32_t *rank, NTSTATUS *status)
{
    static struct inf_models models;
    struct inf_match m = {0};
    struct inf_error err;
    NTSTATUS st = inf_models_read(inf, &models, &err);

    ok(st == STATUS_SUCCESS, "models: %s\n", err.text);
    *status = inf_match_device(inf, &models, &hwid, 1, &cid, cid ? 1 : 0, &m, &err);
    *rank = m.rank;
    return m.model;
}

/* Matches a device with the INF's own hardware ID (rank 0x00FF0000: hardware ID on the INF's
 * hardware ID, first in the device's list, default feature score) and reads its install. */
static bool install_for(struct inf_file *inf, const char *hwid, const char *cid,
                        struct inf_install *in)
{
    struct inf_error err;
    uint32_t rank;
    NTSTATUS st;
    const struct inf_model *model = match(inf, hwid, cid, &rank, &st);

    ok(st == STATUS_SUCCESS && model != NULL && rank == 0x00FF0000, "%s: rank 0x%x\n", hwid, rank);
    if (model == NULL)
        return false;
    st = inf_install_read(inf, model, in, &err);
    ok(st == STATUS_SUCCESS, "install: %s\n", err.text);
    return st == STATUS_SUCCESS;
}

static bool service_is(const struct inf_service *s, const char *name, uint32_t flags,
                       const char *image)
{
    return s != NULL && strcmp(s->name, name) == 0 && s->flags == flags && s->service_type == 1 &&
           s->start_type == 3 && s->error_control == 1 && strcmp(s->image_path, image) == 0;
}

TEST(vbus_inf_installs_the_bus_driver_on_root_vbus)
{
    static const GUID system = {
        0x4d36e97d, 0xe325, 0x11ce, {0xbf, 0xc1, 0x08, 0x00, 0x2b, 0xe1, 0x03, 0x18}};
    struct inf_file *inf = load_inf("vbus/vbus.inf", "vbus.inf");
    struct inf_install in;

    if (inf == NULL)
        return;
    ok(strcmp(inf->version.class_name, "System") == 0, "class %s\n", inf->version.class_name);
    ok(inf->version.has_class_guid && memcmp(&inf->version.class_guid, &system, 16) == 0,
       "the System class GUID\n");
    if (!install_for(inf, "ROOT\\VBUS", NULL, &in))
        goto out;
    ok(strcmp(in.section, "VBus_Device.NT") == 0, "section %s\n", in.section);
    ok(in.nservices == 1 && in.function == &in.services[0], "%zu services\n", in.nservices);
    ok(service_is(in.function, "vbus", SPSVCINST_ASSOCSERVICE,
                  "\\SystemRoot\\System32\\DriverStore\\FileRepository\\vbus.inf\\vbus.sys"),
       "the vbus service\n");
    ok(in.nregs == 0, "%zu registry entries\n", in.nregs);
out:
    inf_free(inf);
}

TEST(vchild_inf_installs_the_function_driver_and_irplog_as_upper_filter)
{
    struct inf_file *inf = load_inf("vchild/vchild.inf", "vchild.inf");
    struct inf_install in;

    if (inf == NULL)
        return;
    ok(strcmp(inf->version.class_name, "VSample") == 0, "class %s\n", inf->version.class_name);
    /* The IDs vbus gives a child: hardware ID VBUS\VCHILD, compatible ID VBUS\VSAMPLE. */
    if (!install_for(inf, "VBUS\\VCHILD", "VBUS\\VSAMPLE", &in))
        goto out;
    ok(in.nservices == 2 && in.function == &in.services[0], "%zu services\n", in.nservices);
    if (in.nservices == 2) {
        ok(service_is(
               &in.services[0], "vchild", SPSVCINST_ASSOCSERVICE,
               "\\SystemRoot\\System32\\DriverStore\\FileRepository\\vchild.inf\\vchild.sys"),
           "the vchild service\n");
        ok(service_is(
               &in.services[1], "irplog", 0,
               "\\SystemRoot\\System32\\DriverStore\\FileRepository\\vchild.inf\\irplog.sys"),
           "the irplog service\n");
    }
    /* UpperFilters = irplog (REG_MULTI_SZ) in the device's hardware key (.HW, HKR). */
    ok(in.nregs == 1, "%zu registry entries\n", in.nregs);
    if (in.nregs == 1) {
        const struct inf_reg *r = &in.regs[0];
        ok(r->root == INF_HKR && r->origin == INF_ORIGIN_HW && strcmp(r->subkey, "") == 0,
           "where: root %d origin %d subkey %s\n", r->root, r->origin, r->subkey);
        ok(r->name && strcmp(r->name, "UpperFilters") == 0 && r->type == REG_MULTI_SZ && !r->del,
           "value\n");
        ok(r->has_data && r->size == 7 && memcmp(r->data, "irplog\0", 7) == 0, "data\n");
    }
out:
    inf_free(inf);
}

TEST(vchild_inf_matches_by_compatible_id_and_refuses_other_devices)
{
    struct inf_file *inf = load_inf("vchild/vchild.inf", "vchild.inf");
    const struct inf_model *model;
    uint32_t rank;
    NTSTATUS st;

    if (inf == NULL)
        return;
    /* Device compatible ID on an INF compatible ID: 0x3000 + 0 + 0x100 * 0. */
    model = match(inf, "VBUS\\VCHILD_V2", "VBUS\\VSAMPLE", &rank, &st);
    ok(st == STATUS_SUCCESS && model != NULL && rank == 0x00FF3000, "rank 0x%x\n", rank);
    model = match(inf, "ROOT\\VBUS", NULL, &rank, &st);
    ok(st == STATUS_NOT_FOUND && model == NULL, "ROOT\\VBUS matched: 0x%x\n", (unsigned)st);
    inf_free(inf);
}

TEST(irplog_inf_installs_a_class_upper_filter)
{
    struct inf_file *inf = load_inf("irplog/irplog.inf", "irplog.inf");
    struct inf_model model = {.description = "", .install = "DefaultInstall", .hwid = ""};
    struct inf_install in;
    struct inf_error err;
    NTSTATUS st;

    if (inf == NULL)
        return;
    ok(strcmp(inf_install_section_name(inf, "DefaultInstall"), "DefaultInstall.NTamd64") == 0,
       "the x64 DefaultInstall section\n");
    st = inf_install_read(inf, &model, &in, &err);
    ok(st == STATUS_SUCCESS, "install: %s\n", err.text);
    if (st != STATUS_SUCCESS)
        goto out;
    ok(in.nservices == 1 && in.function == NULL, "%zu services\n", in.nservices);
    ok(service_is(&in.services[0], "irplog", 0,
                  "\\SystemRoot\\System32\\DriverStore\\FileRepository\\irplog.inf\\irplog.sys"),
       "the irplog service\n");
    ok(in.nregs == 1, "%zu registry entries\n", in.nregs);
    if (in.nregs == 1) {
        const struct inf_reg *r = &in.regs[0];
        ok(r->root == INF_HKLM && strcmp(r->subkey, "System\\CurrentControlSet\\Control\\Class\\"
                                                    "{5f21cd3d-ed38-43bf-aa8f-a0727e506a0b}") == 0,
           "key %s\n", r->subkey);
        ok(r->name && strcmp(r->name, "UpperFilters") == 0 && r->type == REG_MULTI_SZ &&
               (r->flags & FLG_ADDREG_APPEND),
           "an UpperFilters entry appended\n");
        ok(r->has_data && r->size == 7 && memcmp(r->data, "irplog\0", 7) == 0, "data\n");
    }
out:
    inf_free(inf);
}
