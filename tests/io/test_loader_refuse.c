/*
 * test_loader_refuse.c - what the loader refuses, and what it says: modules that would run code
 * before DriverEntry or bind routines drvhost does not offer (found from the dynamic segment,
 * whatever the section headers say), files that are not driver modules (each named for what it
 * is), and images that are not where the service says.
 */
#include <wdm.h>

#include "harness.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs fn(a, b) with stderr captured; returns what it wrote (malloc'ed). */
static char *captured(int32_t (*fn)(const char *, const char *), const char *a, const char *b,
                      int32_t *status)
{
    harness_stderr_begin();
    *status = fn(a, b);
    return harness_stderr_end();
}

static int32_t load(const char *service, const char *unused)
{
    (void)unused;
    return drvhost_driver_load(service);
}

static int32_t add(const char *service, const char *image)
{
    return drvhost_service_add(service, image);
}

/* Loads image as a new service; checks the status and that the message holds `says`. */
static void expect_refused(const char *image, int32_t expected, const char *says)
{
    int32_t status;
    char *text;
    ok_status(drvhost_service_add("victim", image), STATUS_SUCCESS);
    text = captured(load, "victim", NULL, &status);
    ok_status(status, expected);
    ok(strstr(text, says) != NULL, "%s: message lacks '%s': %s", image, says, text);
    ok(strstr(text, "hostile module ran") == NULL, "module code ran");
    free(text);
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    ok(f && fwrite(data, 1, size, f) == size, "write %s", path);
    if (f)
        fclose(f);
}

TEST(module_that_needs_libc_is_refused)
{
    expect_refused(harness_driver_path("hostile_libc"), STATUS_INVALID_IMAGE_FORMAT,
                   "needs a shared library (DT_NEEDED)");
}

TEST(module_with_a_constructor_is_refused)
{
    expect_refused(harness_driver_path("hostile_ctor"), STATUS_INVALID_IMAGE_FORMAT,
                   "has constructors");
}

TEST(module_not_linked_symbolic_is_refused)
{
    expect_refused(harness_driver_path("hostile_nosym"), STATUS_INVALID_IMAGE_FORMAT, "-Bsymbolic");
}

TEST(module_importing_a_libc_routine_names_it)
{
    expect_refused(harness_driver_path("hostile_plain"), STATUS_PROCEDURE_NOT_FOUND, "  system\n");
}

/* The section headers are not what the dynamic loader uses: without them the import of
 * system() is still found, from the dynamic segment. */
TEST(zeroed_section_headers_do_not_hide_imports)
{
    const char *dir = harness_temp_dir("loader");
    char path[512];
    size_t size = 0;
    unsigned char *image = NULL;
    FILE *f = fopen(harness_driver_path("hostile_plain"), "rb");
    Elf64_Ehdr eh;
    if (!ok(f != NULL && dir != NULL, "open hostile_plain.sys"))
        return;
    image = malloc(1 << 20);
    size = fread(image, 1, 1 << 20, f);
    fclose(f);
    memcpy(&eh, image, sizeof(eh));
    eh.e_shoff = 0;
    eh.e_shnum = 0;
    eh.e_shstrndx = 0;
    memcpy(image, &eh, sizeof(eh));
    snprintf(path, sizeof(path), "%s/forged.sys", dir);
    write_file(path, image, size);
    free(image);
    expect_refused(path, STATUS_PROCEDURE_NOT_FOUND, "  system\n");
}

/* Files that are not driver modules are named for what they are. */
TEST(non_modules_say_what_they_are)
{
    static const struct {
        const char *name;
        unsigned char bytes[64];
        size_t size;
        const char *says;
    } files[] = {
        {"pe.sys", {'M', 'Z', 0x90, 0}, 64, "a Windows PE image"},
        {"text.sys", "just some text", 15, "not an ELF file"},
        {"empty.sys", {0}, 0, "not an ELF file"},
        {"elf32.sys", {0x7F, 'E', 'L', 'F', ELFCLASS32, ELFDATA2LSB, 1}, 64, "32-bit ELF"},
        /* ELF64, e_type ET_DYN (3), e_machine EM_AARCH64 (183) */
        {"arm64.sys",
         {0x7F, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, 1, [16] = 3, [18] = 183},
         64,
         "another architecture"},
        {"object.sys",
         {0x7F, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, 1, [16] = ET_REL, [18] = EM_X86_64},
         64,
         "object file"},
    };
    const char *dir = harness_temp_dir("loader");
    char path[512];
    for (size_t i = 0; dir && i < sizeof(files) / sizeof(files[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
        write_file(path, files[i].bytes, files[i].size);
        expect_refused(path, STATUS_INVALID_IMAGE_FORMAT, files[i].says);
    }
    expect_refused(dir, STATUS_INVALID_IMAGE_FORMAT, "Is a directory");
}

/* A missing image is reported by drvhost_service_add, with the paths it tried. */
TEST(missing_image_lists_the_paths_tried)
{
    int32_t status;
    char *text = captured(add, "ghost", "ghost-nowhere.sys", &status);
    ok_status(status, STATUS_OBJECT_NAME_NOT_FOUND);
    ok(strstr(text, "'ghost-nowhere.sys' not found (No such file or directory); tried: "
                    "ghost-nowhere.sys, ") != NULL,
       "message: %s", text);
    ok(strstr(text, "/drivers/ghost-nowhere.sys") != NULL, "search folder listed: %s", text);
    free(text);
    text = captured(add, "ghost", "/nowhere/ghost.sys", &status);
    ok_status(status, STATUS_OBJECT_NAME_NOT_FOUND);
    ok(strstr(text, "tried: /nowhere/ghost.sys\n") != NULL, "absolute: only itself: %s", text);
    free(text);
}

/* A relative image is found in base_dir, by a path: never through the library search path. */
TEST(relative_image_in_base_dir)
{
    const char *dir = harness_temp_dir("loader");
    char path[512], cmd[1200];
    if (!dir)
        return;
    snprintf(path, sizeof(path), "%s/hello.sys", dir);
    snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", harness_driver_path("fifo"), path);
    ok(system(cmd) == 0, "%s", cmd);
    ok_status(drvhost_service_add_at("hello", "hello.sys", dir), STATUS_SUCCESS);
    ok_status(drvhost_service_add_at("nope", "hello.sys", "/nonexistent"),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_driver_load("hello"), STATUS_SUCCESS);
    ok_status(drvhost_driver_unload("hello"), STATUS_SUCCESS);
}

/* Paths longer than the limits are errors, never cut short to a shorter path that may exist. */
TEST(overlong_paths_are_errors)
{
    size_t n = 40000;
    char *path = malloc(n + 16);
    drvhost_file *file = (drvhost_file *)1;
    if (!ok(path != NULL, "memory"))
        return;
    /* An image path beyond PATH_MAX. */
    memset(path, 'a', 5000);
    strcpy(path + 5000, ".sys");
    ok_status(drvhost_service_add("long", path), STATUS_NAME_TOO_LONG);
    /* A device path beyond what a UNICODE_STRING holds (32,767 characters). */
    strcpy(path, "\\\\.\\Fifo\\");
    memset(path + 9, 'x', n);
    path[9 + n] = 0;
    ok_status(drvhost_open(path, 0xC0000000u, &file), STATUS_OBJECT_NAME_INVALID);
    ok(file == NULL, "no handle");
    free(path);
}
