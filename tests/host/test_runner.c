/*
 * test_runner.c - the scenario runner through the embedding API: what it leaves behind when it
 * returns (nothing: every handle it opened is closed, even one whose open was expected to fail).
 */
#include <wdm.h>

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *write_scenario(const char *text)
{
    static char path[600];
    const char *dir = harness_temp_dir("runner");
    FILE *f;
    if (!dir)
        return NULL;
    snprintf(path, sizeof(path), "%s/t.scn", dir);
    f = fopen(path, "w");
    ok(f && fputs(text, f) >= 0, "write %s", path);
    if (f)
        fclose(f);
    return path;
}

/* The open on line 3 was expected to fail and succeeded: its handle is still closed when the run
 * ends, so the unload it deferred has run by then and the driver loads again. */
TEST(unexpectedly_successful_open_is_closed_at_the_end)
{
    char *out = NULL;
    size_t size = 0;
    FILE *to;
    const char *path = write_scenario("service fifo fifo.sys\n"
                                      "load fifo\n"
                                      "open h \\\\.\\Fifo expect=STATUS_OBJECT_NAME_NOT_FOUND\n"
                                      "open h \\\\.\\Fifo\n"
                                      "close h\n"
                                      "unload fifo\n");
    if (!path)
        return;
    to = open_memstream(&out, &size);
    ok(drvhost_run_scenario(path, to, stderr) == DRVHOST_EXIT_EXPECTATION, "exit status 1");
    fclose(to);
    ok(strstr(out, "3: open h \\\\.\\Fifo expect=STATUS_OBJECT_NAME_NOT_FOUND -> STATUS_SUCCESS "
                   "FAILED") != NULL,
       "output: %s", out);
    ok(strstr(out, "t.scn: 6 commands, 1 failed\n") != NULL, "summary: %s", out);
    ok_status(drvhost_driver_load("fifo"), STATUS_SUCCESS);
    free(out);
}
