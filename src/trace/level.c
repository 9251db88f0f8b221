/*
 * level.c - trace level names (the scenario parser's only use of this layer: a file of its own,
 * so that programs linking the parser from the internal library do not pull the runtime).
 */
#include <stdlib.h>
#include <strings.h>

#include "trace/trace.h"

int trace_level_parse(const char *text)
{
    static const char *const names[] = {"NONE",    "CRITICAL",    "ERROR",
                                        "WARNING", "INFORMATION", "VERBOSE"};
    char *end;
    long v;
    int i;

    if (strncasecmp(text, "TRACE_LEVEL_", 12) == 0)
        text += 12;
    for (i = 0; i < 6; i++)
        if (strcasecmp(text, names[i]) == 0)
            return i;
    if (strcasecmp(text, "FATAL") == 0)
        return 1;
    if (strcasecmp(text, "INFO") == 0)
        return 4;
    v = strtol(text, &end, 0);
    return *text != 0 && *end == 0 && v >= 0 && v <= 255 ? (int)v : -1;
}
