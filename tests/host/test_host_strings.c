/*
 * test_host_strings.c - host strings are strict UTF-8 at every entry point: an overlong form, an
 * encoded surrogate or a code point above U+10FFFF is refused, never decoded into a character
 * that could alias another name (C1 9C was once read as '\', C0 80 as an embedded NUL).
 */
#include <wdm.h>

#include "harness.h"

static const char *const malformed[] = {
    "\xC0\x80",         /* overlong NUL */
    "\xC1\x9C",         /* overlong '\' */
    "\xE0\x80\xAF",     /* overlong '/' */
    "\xED\xA0\x80",     /* a UTF-16 surrogate encoded in UTF-8 */
    "\xF4\x90\x80\x80", /* above U+10FFFF */
    "\x80",             /* a continuation byte alone */
    "\xE2\x82",         /* a truncated sequence */
};

/* Object names (drvhost_open): STATUS_OBJECT_NAME_INVALID, and no handle. */
TEST(open_refuses_malformed_utf8)
{
    char path[64];
    harness_load_driver("fifo");
    for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
        drvhost_file *file = NULL;
        snprintf(path, sizeof(path), "\\\\.\\Fifo%s", malformed[i]);
        ok_status(drvhost_open(path, 0xC0000000u, &file), STATUS_OBJECT_NAME_INVALID);
        ok(file == NULL, "handle for case %zu", i);
    }
    /* A well-formed non-ASCII name is a name like any other: not found, not invalid. */
    drvhost_file *file = NULL;
    ok_status(drvhost_open("\\\\.\\Fifo\xC3\xA9", 0xC0000000u, &file),
              STATUS_OBJECT_NAME_NOT_FOUND);
    ok_status(drvhost_driver_unload("fifo"), STATUS_SUCCESS);
}

/* The registry host API: STATUS_INVALID_PARAMETER for a malformed key or value name. */
TEST(registry_refuses_malformed_utf8)
{
    static const DWORD one = 1;
    char key[96], name[32];
    for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
        snprintf(key, sizeof(key), "HKLM\\SOFTWARE\\T%s", malformed[i]);
        snprintf(name, sizeof(name), "v%s", malformed[i]);
        ok_status(drvhost_reg_set(key, "v", DRVHOST_REG_DWORD, &one, sizeof(one)),
                  STATUS_INVALID_PARAMETER);
        ok_status(drvhost_reg_set("HKLM\\SOFTWARE\\T", name, DRVHOST_REG_DWORD, &one, sizeof(one)),
                  STATUS_INVALID_PARAMETER);
    }
}
