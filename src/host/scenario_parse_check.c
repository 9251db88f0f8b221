/*
 * scenario_parse_check.c - the static checks that follow the text in order, as the run will:
 * handle names opened before use and not reopened while open, async tags issued once and waited
 * for at most once, events created before use.
 */
#include "scenario_parse_private.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- static checks: handles and tags ----------------------------------------------------- */

static int slot_find(struct slots *v, struct tok t)
{
    for (size_t i = 0; i < v->n; i++)
        if (scnp_tok_is(t, v->v[i].name))
            return (int)i;
    return -1;
}

static int slot_add(struct pctx *c, struct slots *v, struct tok t)
{
    const char *name;
    if (scnp_grow(c, (void **)&v->v, &v->cap, v->n, sizeof *v->v) < 0)
        return -1;
    name = scnp_arena_strndup(c, t.s, t.n);
    if (!name)
        return -1;
    v->v[v->n] = (struct slot){name, 0, 0};
    return (int)v->n++;
}

static int check_ident(struct pctx *c, struct tok t, const char *what)
{
    if (!scnp_is_ident(t))
        return scnp_perr(c, t.col, "bad %s name '%.*s' (letters, digits, '_' and '-')", what,
                         (int)t.n, t.s);
    return 0;
}

/* `open H`: H must not be open already. */
int scnp_handle_open(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int h;
    if (check_ident(c, t, "handle") < 0)
        return -1;
    h = slot_find(&c->handles, t);
    if (h >= 0 && c->handles.v[h].open)
        return scnp_perr(c, t.col, "handle '%.*s' is already open (line %u)", (int)t.n, t.s,
                         c->handles.v[h].line);
    if (h < 0 && (h = slot_add(c, &c->handles, t)) < 0)
        return -1;
    /* An open expected to fail leaves the name closed. */
    c->handles.v[h].open = !cmd->check_status || cmd->status >= 0;
    c->handles.v[h].line = c->line;
    cmd->handle = h;
    return 0;
}

int scnp_handle_use(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int h = slot_find(&c->handles, t);
    if (h < 0)
        return scnp_perr(c, t.col, "undefined handle '%.*s' (no 'open %.*s' before)", (int)t.n, t.s,
                         (int)t.n, t.s);
    if (!c->handles.v[h].open)
        return scnp_perr(c, t.col, "handle '%.*s' is not open (closed or failed open on line %u)",
                         (int)t.n, t.s, c->handles.v[h].line);
    cmd->handle = h;
    if (cmd->kind == SCN_CLOSE) {
        c->handles.v[h].open = 0;
        c->handles.v[h].line = c->line;
    }
    return 0;
}

int scnp_tag_issue(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k;
    if (check_ident(c, t, "async tag") < 0)
        return -1;
    k = slot_find(&c->tags, t);
    if (k >= 0)
        return scnp_perr(c, t.col, "duplicate async tag '%.*s' (first used on line %u)", (int)t.n,
                         t.s, c->tags.v[k].line);
    if ((k = slot_add(c, &c->tags, t)) < 0)
        return -1;
    c->tags.v[k].open = 1;
    c->tags.v[k].line = c->line;
    cmd->tag = k;
    cmd->async = 1;
    return 0;
}

/* `wait TAG` / `cancel TAG`: the request must have been issued and not yet waited for. */
int scnp_tag_use(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k = slot_find(&c->tags, t);
    if (k < 0)
        return scnp_perr(c, t.col, "unknown async tag '%.*s' (no async=%.*s before)", (int)t.n, t.s,
                         (int)t.n, t.s);
    if (!c->tags.v[k].open)
        return scnp_perr(c, t.col, "request '%.*s' was already waited for on line %u", (int)t.n,
                         t.s, c->tags.v[k].line);
    cmd->tag = k;
    if (cmd->kind == SCN_WAIT) {
        c->tags.v[k].open = 0;
        c->tags.v[k].line = c->line;
    }
    return 0;
}

/* `event E`: E must not name an event that is still open. */
int scnp_event_create(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k;
    if (check_ident(c, t, "event") < 0)
        return -1;
    k = slot_find(&c->events, t);
    if (k >= 0 && c->events.v[k].open)
        return scnp_perr(c, t.col, "event '%.*s' already exists (line %u)", (int)t.n, t.s,
                         c->events.v[k].line);
    if (k < 0 && (k = slot_add(c, &c->events, t)) < 0)
        return -1;
    c->events.v[k].open = 1;
    c->events.v[k].line = c->line;
    cmd->event = k;
    return 0;
}

/* event-wait, event-reset, event-close E and handle=E@OFFSET: E must exist and be open. */
int scnp_event_use(struct pctx *c, struct tok t, struct scn_cmd *cmd)
{
    int k = slot_find(&c->events, t);
    if (k < 0)
        return scnp_perr(c, t.col, "undefined event '%.*s' (no 'event %.*s' before)", (int)t.n, t.s,
                         (int)t.n, t.s);
    if (!c->events.v[k].open)
        return scnp_perr(c, t.col, "event '%.*s' was closed on line %u", (int)t.n, t.s,
                         c->events.v[k].line);
    cmd->event = k;
    if (cmd->kind == SCN_EVENT_CLOSE) {
        c->events.v[k].open = 0;
        c->events.v[k].line = c->line;
    }
    return 0;
}
