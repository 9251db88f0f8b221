/*
 * status.c - names for NTSTATUS values, built from the same list as ntstatus.h.
 *
 * Tables are constant and sorted at compile time by src/rtl/ntstatus.def's order, so every
 * function here is thread-safe without locks.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <drvhost/drvhost.h>

#include "rtl/rtl_private.h"

struct status_entry {
    uint32_t value;
    const char *name;
};

/* Canonical names only, in ascending unsigned order (binary-searched). */
static const struct status_entry status_names[] = {
#define X(name, value) {value##u, #name},
#define XA(name, value)
#include "ntstatus.def"
#undef X
#undef XA
};

/* Every name, aliases included (STATUS_WAIT_0), for the parser. */
static const struct status_entry status_all[] = {
#define X(name, value)  {value##u, #name},
#define XA(name, value) {value##u, #name},
#include "ntstatus.def"
#undef X
#undef XA
};

const char *rtl_status_name(NTSTATUS status)
{
    uint32_t v = (uint32_t)status;
    size_t lo = 0, hi = sizeof(status_names) / sizeof(status_names[0]);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (status_names[mid].value == v)
            return status_names[mid].name;
        if (status_names[mid].value < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

DRVHOST_API const char *drvhost_status_name(int32_t status)
{
    return rtl_status_name((NTSTATUS)status);
}

DRVHOST_API const char *drvhost_status_format(int32_t status, char *buf, size_t size)
{
    const char *name = rtl_status_name((NTSTATUS)status);

    if (buf == NULL || size == 0)
        return buf;
    if (name != NULL)
        snprintf(buf, size, "%s (0x%08X)", name, (unsigned)status);
    else
        snprintf(buf, size, "0x%08X", (unsigned)status);
    return buf;
}

/* "0x" followed by 1 to 8 hex digits and nothing else. */
static int parse_hex(const char *text, int32_t *status)
{
    uint32_t v = 0;
    size_t digits = 0;
    const char *p = text + 2;

    for (; *p != '\0'; p++, digits++) {
        unsigned d;
        if (*p >= '0' && *p <= '9')
            d = (unsigned)(*p - '0');
        else if (*p >= 'a' && *p <= 'f')
            d = (unsigned)(*p - 'a' + 10);
        else if (*p >= 'A' && *p <= 'F')
            d = (unsigned)(*p - 'A' + 10);
        else
            return -1;
        if (digits == 8)
            return -1;
        v = (v << 4) | d;
    }
    if (digits == 0)
        return -1;
    *status = (int32_t)v;
    return 0;
}

DRVHOST_API int drvhost_status_parse(const char *text, int32_t *status)
{
    size_t i, n = sizeof(status_all) / sizeof(status_all[0]);

    if (text == NULL || status == NULL)
        return -1;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        return parse_hex(text, status);
    /* Exact spelling first; a case-insensitive match is accepted as a convenience. */
    for (i = 0; i < n; i++) {
        if (strcmp(text, status_all[i].name) == 0) {
            *status = (int32_t)status_all[i].value;
            return 0;
        }
    }
    for (i = 0; i < n; i++) {
        if (strcasecmp(text, status_all[i].name) == 0) {
            *status = (int32_t)status_all[i].value;
            return 0;
        }
    }
    return -1;
}
