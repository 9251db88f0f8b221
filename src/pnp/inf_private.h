/*
 * inf_private.h - shared by the INF parser's files (inf_parse*.c): the arena, errors, names and
 * numbers. Pure: no runtime state, no system calls (the fuzzer links these files alone).
 */
#ifndef DRVHOST_PNP_INF_PRIVATE_H
#define DRVHOST_PNP_INF_PRIVATE_H

#include "pnp/inf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct inf_block {
    struct inf_block *next;
    size_t used, cap;
    max_align_t mem[];
};

/* Arena memory of inf (zeroed); NULL when out of memory. */
void *inf_alloc(struct inf_file *inf, size_t n);
char *inf_strndup(struct inf_file *inf, const char *s, size_t n);
/* Grows *v (n elements of size each, *cap allocated) by one in the arena; NULL on no memory. */
void *inf_grow(struct inf_file *inf, void **v, size_t n, size_t *cap, size_t size);

/* Fills err with "FILE:LINE: text" ("FILE: text" when line is 0); returns
 * STATUS_INVALID_PARAMETER. */
NTSTATUS inf_fail(struct inf_error *err, const char *file, unsigned line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
NTSTATUS inf_no_memory(struct inf_error *err, const char *file);

/* ASCII case-insensitive equality (names, keys, IDs). */
bool inf_name_eq(const char *a, const char *b);
bool inf_name_eqn(const char *a, const char *b, size_t n);
/* A number as INF files write them: decimal, or hexadecimal with 0x; the whole string. */
bool inf_parse_u32(const char *s, uint32_t *out);

#endif
