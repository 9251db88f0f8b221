/*
 * test_pnp_manager.c - the PnP manager through the embedding API: what installing a driver
 * package writes to the registry (as Windows keeps it: the Enum key, the class and software
 * keys, the service key), existing registry state honoured, the tree printout, and the API's
 * errors. The IRP orders are pinned by the scenarios (the scenarios folder).
 */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INF                           PNP_TEST_DIR "/drivers/pnptest.inf"
#define CCS                           "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet"
#define STATUS_SUCCESS_               0x00000000
#define STATUS_INVALID_PARAMETER_     ((int32_t)0xC000000D)
#define STATUS_NO_SUCH_DEVICE_        ((int32_t)0xC000000E)
#define STATUS_NOT_FOUND_             ((int32_t)0xC0000225)
#define STATUS_OBJECT_NAME_NOT_FOUND_ ((int32_t)0xC0000034)

/* The subtree at key exported as text (the .reg file is UTF-16LE: ASCII here). */
static char *export_text(const char *key)
{
    char path[512];
    const char *dir = harness_temp_dir("pnpreg");
    snprintf(path, sizeof path, "%s/x.reg", dir ? dir : "/tmp");
    ok_status(drvhost_reg_export(key, path), STATUS_SUCCESS_);
    FILE *f = fopen(path, "rb");
    char *text = calloc(1, 1 << 20);
    size_t n = 0;
    int c;
    while (f != NULL && text != NULL && (c = fgetc(f)) != EOF && n < (1 << 20) - 1)
        if (c != 0 && c < 0x80 && c != '\r')
            text[n++] = (char)c;
    if (f != NULL)
        fclose(f);
    return text;
}

static void expect_in(const char *text, const char *what)
{
    ok(text != NULL && strstr(text, what) != NULL, "the registry lacks %s\n", what);
}

static void install_and_create(const char *hwid, const char *instance, int32_t expected)
{
    char msg[512] = "", got[64] = "";
    ok_status(drvhost_pnp_install(INF, msg, sizeof msg), STATUS_SUCCESS_);
    ok_status(drvhost_device_create(hwid, NULL, 0, got, sizeof got), expected);
    ok(strcmp(got, instance) == 0, "instance %s, expected %s\n", got, instance);
}

TEST(install_writes_enum_key)
{
    install_and_create("PNPTEST\\GOOD", "ROOT\\PNPTEST\\0000", STATUS_SUCCESS_);
    char *t = export_text(CCS "\\Enum\\ROOT\\PNPTEST\\0000");
    expect_in(t, "\"Service\"=\"pnpfunc\"");
    expect_in(t, "\"ClassGUID\"=\"{6f1d7e8a-3b5c-4e2f-9a10-2c3d4e5f6a7b}\"");
    expect_in(t, "\"Class\"=\"PnpTest\"");
    expect_in(t, "\"Driver\"=\"{6f1d7e8a-3b5c-4e2f-9a10-2c3d4e5f6a7b}\\\\0000\"");
    expect_in(t, "\"DeviceDesc\"=\"PnP test device\"");
    expect_in(t, "\"Mfg\"=\"drvhost tests\"");
    expect_in(t, "\"ConfigFlags\"=dword:00000000");
    expect_in(t, "\"HardwareID\"=hex(7):50,00,4e,00,50,00,54,00,45,00,53,00,54,00,5c,00");
    /* DDInstall.HW's HKR is the hardware key, Enum\<instance>\Device Parameters */
    expect_in(t, "0000\\Device Parameters]\n\"HardwareSetting\"=\"hw\"");
    free(t);
}

TEST(install_writes_software_and_service_keys)
{
    install_and_create("PNPTEST\\GOOD", "ROOT\\PNPTEST\\0000", STATUS_SUCCESS_);
    char *t = export_text(CCS "\\Control\\Class\\{6f1d7e8a-3b5c-4e2f-9a10-2c3d4e5f6a7b}");
    expect_in(t, "{6f1d7e8a-3b5c-4e2f-9a10-2c3d4e5f6a7b}]\n\"Class\"=\"PnpTest\"");
    expect_in(t, "\"DriverDesc\"=\"PnP test device\"");
    expect_in(t, "\"InfPath\"=\"pnptest.inf\"");
    expect_in(t, "\"InfSection\"=\"Plain.NTamd64\"");
    expect_in(t, "\"ProviderName\"=\"drvhost tests\"");
    expect_in(t, "\"DriverVersion\"=\"1.2.3.4\"");
    expect_in(t, "\"MatchingDeviceId\"=\"pnptest\\\\good\"");
    expect_in(t, "\"SoftwareSetting\"=dword:00000007"); /* DDInstall's AddReg HKR */
    free(t);
    t = export_text(CCS "\\Services\\pnpfunc");
    expect_in(t, "\"Type\"=dword:00000001");
    expect_in(t, "\"Start\"=dword:00000003");
    expect_in(t, "\"ErrorControl\"=dword:00000001");
    expect_in(t, "pnpfunc.sys");
    free(t);
}

/* Filter lists of .HW AddReg land on the Enum key itself, where the stack is built from. */
TEST(filters_on_enum_key)
{
    install_and_create("PNPTEST\\FILTERED", "ROOT\\PNPTEST\\0000", STATUS_SUCCESS_);
    char *t = export_text(CCS "\\Enum\\ROOT\\PNPTEST\\0000");
    expect_in(t, "0000]\n\"HardwareID\"");
    expect_in(t, "\"UpperFilters\"=hex(7):70,00,6e,00,70,00,66,00,69,00,6c,00,74,00,00,00,00,00");
    expect_in(t, "\"LowerFilters\"=hex(7):70,00,6e,00,70,00,6c,00,6f,00,77,00,00,00,00,00");
    ok(t != NULL && strstr(strstr(t, "Device Parameters") ? strstr(t, "Device Parameters") : t,
                           "UpperFilters") == NULL,
       "UpperFilters written to Device Parameters\n");
    free(t);
}

/* An Enum key that already names its driver (an earlier install, --registry) is used as it
 * is: no package needed. */
TEST(existing_registry_honoured)
{
    static const uint8_t service[] = {'p', 0, 'n', 0, 'p', 0, 'f', 0, 'u', 0, 'n', 0, 'c', 0, 0, 0};
    static const uint8_t driver[] = {'x', 0, 0, 0};
    char got[64] = "";
    ok_status(drvhost_service_add("pnpfunc", harness_driver_path("pnpfunc")), STATUS_SUCCESS_);
    ok_status(drvhost_reg_set(CCS "\\Enum\\ROOT\\UNKNOWN\\0000", "Service", DRVHOST_REG_SZ, service,
                              sizeof service),
              STATUS_SUCCESS_);
    ok_status(drvhost_reg_set(CCS "\\Enum\\ROOT\\UNKNOWN\\0000", "Driver", DRVHOST_REG_SZ, driver,
                              sizeof driver),
              STATUS_SUCCESS_);
    ok_status(drvhost_device_create("PNPTEST\\GOOD", NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok(strcmp(got, "ROOT\\UNKNOWN\\0000") == 0, "instance %s\n", got);
}

TEST(tree_printout)
{
    char *text = NULL;
    size_t size = 0;
    install_and_create("PNPTEST\\GOOD", "ROOT\\PNPTEST\\0000", STATUS_SUCCESS_);
    install_and_create("NOTHING\\MATCHES", "ROOT\\UNKNOWN\\0000", STATUS_NOT_FOUND_);
    FILE *f = open_memstream(&text, &size);
    ok_status(drvhost_pnp_tree(f), STATUS_SUCCESS_);
    fclose(f);
    ok(strcmp(text,
              "HTREE\\ROOT\\0 started stack: PnpManager\n"
              "  ROOT\\PNPTEST\\0000 started stack: pnpfunc > PnpManager\n"
              "  ROOT\\UNKNOWN\\0000 failed problem=28 status=0xC0000225 stack: PnpManager\n") == 0,
       "tree:\n%s", text);
    free(text);
}

TEST(api_errors)
{
    char msg[512] = "";
    ok_status(drvhost_device_action("ROOT\\NONE\\0000", DRVHOST_DEVICE_REMOVE),
              STATUS_NO_SUCH_DEVICE_);
    ok_status(drvhost_device_action("HTREE\\ROOT\\0", DRVHOST_DEVICE_REMOVE),
              STATUS_NO_SUCH_DEVICE_);
    ok_status(drvhost_device_action("ROOT\\NONE\\0000", 99), STATUS_INVALID_PARAMETER_);
    ok_status(drvhost_device_action(NULL, DRVHOST_DEVICE_REMOVE), STATUS_INVALID_PARAMETER_);
    ok_status(drvhost_device_create(NULL, NULL, 0, NULL, 0), STATUS_INVALID_PARAMETER_);
    ok_status(drvhost_device_create("", NULL, 0, NULL, 0), STATUS_INVALID_PARAMETER_);
    ok_status(drvhost_pnp_install(PNP_TEST_DIR "/drivers/absent.inf", msg, sizeof msg),
              STATUS_OBJECT_NAME_NOT_FOUND_);
    ok(strstr(msg, "absent.inf") != NULL, "message: %s\n", msg);
    ok_status(drvhost_pnp_install(PNP_TEST_DIR "/drivers/malformed.inf", msg, sizeof msg),
              STATUS_INVALID_PARAMETER_);
    ok(strstr(msg, "malformed.inf:7:") != NULL, "message: %s\n", msg);
}

/* A removed device's Enum key stays (as a phantom's does on Windows): its number is not given
 * to a device with other IDs, and the same device gets it back. */
TEST(enum_key_kept_for_its_device)
{
    char got[64] = "";
    install_and_create("PNPTEST\\GOOD", "ROOT\\PNPTEST\\0000", STATUS_SUCCESS_);
    ok_status(drvhost_device_action("ROOT\\PNPTEST\\0000", DRVHOST_DEVICE_REMOVE), STATUS_SUCCESS_);
    ok_status(drvhost_device_create("PNPTEST\\FILTERED", NULL, 0, got, sizeof got),
              STATUS_SUCCESS_);
    ok(strcmp(got, "ROOT\\PNPTEST\\0001") == 0, "instance %s\n", got);
    ok_status(drvhost_device_create("PNPTEST\\GOOD", NULL, 0, got, sizeof got), STATUS_SUCCESS_);
    ok(strcmp(got, "ROOT\\PNPTEST\\0000") == 0, "instance %s\n", got);
}
