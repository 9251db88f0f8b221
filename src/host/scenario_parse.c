/*
 * scenario_parse.c - scenario text -> struct scn_script (docs/scenario.md is the reference): the
 * entry points; scenario_parse_private.h describes the parser and its parts.
 */
#include "scenario_parse_private.h"

#include <stdlib.h>
#include <string.h>

/* ---- entry points ------------------------------------------------------------------------ */

static int export_names(struct pctx *c, struct slots *v, const char ***out)
{
    const char **names = scnp_arena_alloc(c, (v->n + 1) * sizeof *names);
    if (!names)
        return -1;
    for (size_t i = 0; i < v->n; i++)
        names[i] = v->v[i].name;
    *out = names;
    return 0;
}

void scn_script_free(struct scn_script *script)
{
    struct scn_block *b, *next;
    if (!script)
        return;
    free(script->cmds);
    for (b = script->blocks; b; b = next) {
        next = b->next;
        free(b);
    }
    free(script);
}

static void parse_text(struct pctx *c, const char *text, size_t len)
{
    size_t pos = 0;
    while (pos < len && c->errors < SCN_MAX_ERRORS) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *nul = memchr(text + pos, 0, end - pos);
        c->line++;
        if (nul)
            scnp_perr(c, (unsigned)(nul - text - pos) + 1, "NUL byte in scenario text");
        else
            scnp_parse_line(c, text + pos, end - pos);
        pos = end + 1;
    }
}

int scn_parse(const char *text, size_t len, const char *filename, struct scn_script **out,
              FILE *err)
{
    struct pctx c = {.file = filename, .err = err};
    const char *slash;
    *out = NULL;
    c.s = calloc(1, sizeof *c.s);
    if (!c.s) {
        fprintf(err, "%s: error: out of memory\n", filename);
        return -1;
    }
    slash = strrchr(filename, '/');
    c.s->filename = scnp_arena_strndup(&c, filename, strlen(filename));
    /* "/x.scn" is in "/"; "x.scn" in "." */
    c.s->dir =
        slash ? scnp_arena_strndup(&c, filename, slash == filename ? 1 : (size_t)(slash - filename))
              : ".";
    if (c.s->filename && c.s->dir)
        parse_text(&c, text, len);
    if (!c.errors) {
        c.s->handle_count = c.handles.n;
        c.s->tag_count = c.tags.n;
        c.s->event_count = c.events.n;
        if (export_names(&c, &c.handles, &c.s->handle_names) == 0 &&
            export_names(&c, &c.tags, &c.s->tag_names) == 0)
            export_names(&c, &c.events, &c.s->event_names);
    }
    free(c.defs);
    free(c.handles.v);
    free(c.tags.v);
    free(c.events.v);
    if (c.errors) {
        scn_script_free(c.s);
        return -1;
    }
    *out = c.s;
    return 0;
}
