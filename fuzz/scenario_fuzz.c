/*
 * scenario_fuzz.c - libFuzzer target for the scenario parser (src/host/scenario_parse*.c).
 *
 * Build (the parser is pure, no runtime needed apart from drvhost_status_parse):
 *   clang -std=gnu11 -fshort-wchar -g -fsanitize=fuzzer,address,undefined -Iinclude \
 *         fuzz/scenario_fuzz.c src/host/scenario_parse*.c <drvhost_status_parse> -o scenario_fuzz
 * Errors go to a null stream; a parsed script is walked so that every string and byte array
 * it points to is read.
 */
#include "host/scenario.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static size_t touch(const void *p, size_t n)
{
    const uint8_t *b = p;
    size_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += b[i];
    return sum;
}

static size_t touch_str(const char *s)
{
    return s ? touch(s, strlen(s) + 1) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null;
    struct scn_script *s = NULL;
    size_t sum = 0;
    if (!null)
        null = fopen("/dev/null", "w");
    if (scn_parse((const char *)data, size, "fuzz/dir/f.scn", &s, null) != 0)
        return 0;
    for (size_t i = 0; i < s->count; i++) {
        const struct scn_cmd *c = &s->cmds[i];
        sum += touch_str(c->text) + touch_str(c->name) + touch_str(c->str);
        sum += touch_str(c->value_name) + touch(c->data.data, c->data.size + (c->data.data != 0));
        sum += touch(c->out.data, c->out.size + (c->out.data != 0));
        if ((c->handle >= 0 && (size_t)c->handle >= s->handle_count) ||
            (c->tag >= 0 && (size_t)c->tag >= s->tag_count))
            __builtin_trap();
    }
    for (size_t i = 0; i < s->handle_count; i++)
        sum += touch_str(s->handle_names[i]);
    for (size_t i = 0; i < s->tag_count; i++)
        sum += touch_str(s->tag_names[i]);
    scn_script_free(s);
    return sum == (size_t)-1; /* keeps the reads */
}
