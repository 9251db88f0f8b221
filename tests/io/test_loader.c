/*
 * test_loader.c - loading and unloading driver modules: a failing DriverEntry, a module that
 * imports routines drvhost lacks, a missing image, a driver without DriverUnload.
 */
#include <stdio.h>
#include <stdlib.h>

#include <wdm.h>

#include "harness.h"

TEST(load_and_unload_twice)
{
    ok_status(drvhost_service_add("fifo", harness_driver_path("fifo")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("fifo"), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("fifo"), STATUS_IMAGE_ALREADY_LOADED);
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("fifo"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("fifo"), STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST(failing_driver_entry_is_reported_and_unloaded)
{
    ok_status(drvhost_service_add("failentry", harness_driver_path("failentry")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("failentry"), STATUS_INSUFFICIENT_RESOURCES);
    /* The module is gone: it loads (and fails) again rather than "already loaded". */
    ok_status(drvhost_driver_load("failentry"), STATUS_INSUFFICIENT_RESOURCES);
}

TEST(missing_ddi_refuses_the_module)
{
    ok_status(drvhost_service_add("missingddi", harness_driver_path("missingddi")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("missingddi"), STATUS_PROCEDURE_NOT_FOUND);
}

/* drvhost_service_add checks the image exists, so the mistake is reported where it is made. */
TEST(missing_image_and_unknown_service)
{
    ok_status(drvhost_service_add("ghost", "/nonexistent/ghost.sys"), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_service_add("ghost", "ghost-nowhere.sys"), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_service_add("ghost", ""), STATUS_OBJECT_NAME_INVALID);
    ok_status(drvhost_driver_load("ghost"), STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_driver_load("never-registered"), STATUS_OBJECT_NAME_NOT_FOUND);
}

TEST(not_a_driver_module)
{
    ok_status(drvhost_service_add("notelf", __FILE__), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("notelf"), STATUS_INVALID_IMAGE_FORMAT);
}

TEST(driver_without_unload_cannot_be_unloaded)
{
    ok_status(drvhost_service_add("nounload", harness_driver_path("nounload")), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("nounload"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("nounload"), STATUS_INVALID_DEVICE_REQUEST);
}

/* A relative image is looked up in each folder of DRVHOST_DRIVER_PATH (colon-separated; empty
 * entries are skipped) before the runtime's own driver folder, which has no "pathonly.sys". */
TEST(relative_image_found_through_drvhost_driver_path)
{
    const char *dir = harness_temp_dir("drvpath");
    char copy[4096], path[4200];
    FILE *in = fopen(harness_driver_path("fifo"), "rb"), *out;
    size_t n;

    if (!ok(dir != NULL && in != NULL, "set-up\n"))
        return;
    snprintf(copy, sizeof(copy), "%s/pathonly.sys", dir);
    out = fopen(copy, "wb");
    if (!ok(out != NULL, "cannot write %s\n", copy))
        return;
    while ((n = fread(path, 1, sizeof(path), in)) > 0)
        fwrite(path, 1, n, out);
    fclose(in);
    fclose(out);
    ok_status(drvhost_service_add("pathonly", "pathonly.sys"), STATUS_OBJECT_NAME_NOT_FOUND);
    snprintf(path, sizeof(path), "::/nonexistent-folder:%s:", dir);
    setenv("DRVHOST_DRIVER_PATH", path, 1);
    ok_status(drvhost_service_add("pathonly", "pathonly.sys"), STATUS_SUCCESS);
    ok_status(drvhost_driver_load("pathonly"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("pathonly"), STATUS_SUCCESS);
}
