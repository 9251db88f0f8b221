/*
 * scenario_parse_private.h - shared by the scenario parser's files (scenario_parse*.c): the parse
 * context, tokens, and the routines one file uses from another (scnp_ prefix).
 *
 * Pure: no runtime state is touched (drvhost_status_parse is a table lookup). Each line is cut
 * into tokens (a token runs to the next blank outside quotes and CTL_CODE(...)), the first token
 * picks the command, the following ones are positional arguments up to the command's maximum or
 * the first `key=value` option. A line with an error is dropped and parsing goes on with the
 * next line so that every error is reported; the static checks (handles, tags, defines) follow
 * the text in order, like the run will.
 */
#ifndef DRVHOST_HOST_SCENARIO_PARSE_PRIVATE_H
#define DRVHOST_HOST_SCENARIO_PARSE_PRIVATE_H

#include "scenario.h"

#include <drvhost/drvhost.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS           256
#define ARENA_BLOCK          16384
#define STATUS_TIMEOUT_VALUE 0x102

struct scn_block {
    struct scn_block *next;
    size_t used, cap;
    max_align_t mem[];
};

/* A view of part of a line; col is the 1-based column of s[0]. */
struct tok {
    const char *s;
    size_t n;
    unsigned col;
};

struct def {
    const char *name;
    uint64_t value;
};

/* Static state of a handle name or an async tag. */
struct slot {
    const char *name;
    int open;      /* handle: open now; tag: issued and not yet waited for */
    unsigned line; /* line of the last open/close (handle) or issue/wait (tag) */
};

struct slots {
    struct slot *v;
    size_t n, cap;
};

struct pctx {
    const char *file;
    FILE *err;
    int errors;
    unsigned line;
    struct scn_script *s;
    size_t cmd_cap;
    struct def *defs;
    size_t ndefs, def_cap;
    struct slots handles, tags, events;
    unsigned bugcheck_line;
    unsigned end_col;    /* column just after the last token of the line */
    unsigned depth;      /* CTL_CODE nesting of the number being parsed */
    unsigned handle_col; /* column of the line's handle= option (its checks come later) */
};

/* scenario_parse_text.c */
void *scnp_arena_alloc(struct pctx *c, size_t n);
const char *scnp_arena_strndup(struct pctx *c, const char *s, size_t n);
uint8_t *scnp_bytes_alloc(struct pctx *c, size_t size, struct scn_bytes *out);
int scnp_decode_name(struct pctx *c, struct tok t, const char *what, int allow_empty,
                     const char **out);
int scnp_decode_quoted(struct pctx *c, struct tok t, struct scn_bytes *out);
int scnp_decode_string(struct pctx *c, struct tok t, struct scn_bytes *out);
int scnp_grow(struct pctx *c, void **v, size_t *cap, size_t n, size_t elem);
int scnp_hexval(char ch);
int scnp_is_ident(struct tok t);
/* Reports "FILE:LINE:COL: error: ..." (up to SCN_MAX_ERRORS) and returns -1. */
int scnp_perr(struct pctx *c, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t scnp_put16(uint8_t *d, size_t n, unsigned v);
int scnp_to_utf16(struct pctx *c, struct tok t, int terminate, struct scn_bytes *out);
int scnp_tok_is(struct tok t, const char *word);
int scnp_tok_starts(struct tok t, const char *prefix);
struct tok scnp_tok_sub(struct tok t, size_t from);
int scnp_tokenize(struct pctx *c, const char *s, size_t n, struct tok *t);
int scnp_utf16_encode(struct pctx *c, unsigned col, struct scn_bytes in, int terminate, uint8_t *d,
                      size_t *len);

/* scenario_parse_value.c */
const struct def *scnp_find_def(struct pctx *c, struct tok t);
int scnp_parse_data(struct pctx *c, struct tok t, struct scn_bytes *out);
int scnp_parse_number(struct pctx *c, struct tok t, uint64_t *out);
int scnp_parse_size(struct pctx *c, struct tok t, size_t *out);
int scnp_parse_status(struct pctx *c, struct tok t, int *check, int32_t *status);
int scnp_parse_u32(struct pctx *c, struct tok t, const char *what, uint32_t *out);

/* scenario_parse_check.c */
int scnp_handle_open(struct pctx *c, struct tok t, struct scn_cmd *cmd);
int scnp_handle_use(struct pctx *c, struct tok t, struct scn_cmd *cmd);
int scnp_tag_issue(struct pctx *c, struct tok t, struct scn_cmd *cmd);
int scnp_tag_use(struct pctx *c, struct tok t, struct scn_cmd *cmd);
int scnp_event_create(struct pctx *c, struct tok t, struct scn_cmd *cmd);
int scnp_event_use(struct pctx *c, struct tok t, struct scn_cmd *cmd);

/* scenario_parse_cmd.c */
void scnp_parse_line(struct pctx *c, const char *s, size_t n);

#endif
