/*
 * test_runner.c - the scenario runner through the embedding API: what it leaves behind when it
 * returns (nothing: every handle it opened is closed, even one whose open was expected to fail).
 */
#include <wdm.h>

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* Runs the scenario text (written to a temporary folder), checks its exit status and returns
 * what it printed (malloc'ed; NULL if it could not be written). */
static char *run_text(const char *text, int expected_exit)
{
    char *out = NULL;
    size_t size = 0;
    FILE *to;
    const char *path = write_scenario(text);
    int rc;
    if (!path)
        return NULL;
    to = open_memstream(&out, &size);
    rc = drvhost_run_scenario(path, to, stderr);
    fclose(to);
    ok(rc == expected_exit, "exit status %d, expected %d", rc, expected_exit);
    return out;
}

/* The open on line 3 was expected to fail and succeeded: its handle is still closed when the run
 * ends, so the unload it deferred has run by then and the driver loads again. */
TEST(unexpectedly_successful_open_is_closed_at_the_end)
{
    char *out = run_text("service fifo fifo.sys\n"
                         "load fifo\n"
                         "open h \\\\.\\Fifo expect=STATUS_OBJECT_NAME_NOT_FOUND\n"
                         "open h \\\\.\\Fifo\n"
                         "close h\n"
                         "unload fifo\n",
                         DRVHOST_EXIT_EXPECTATION);
    if (!out)
        return;
    ok(strstr(out, "3: open h \\\\.\\Fifo expect=STATUS_OBJECT_NAME_NOT_FOUND -> STATUS_SUCCESS "
                   "FAILED") != NULL,
       "output: %s", out);
    ok(strstr(out, "t.scn: 6 commands, 1 failed\n") != NULL, "summary: %s", out);
    ok_status(drvhost_driver_load("fifo"), STATUS_SUCCESS);
    free(out);
}

/* The watchdog of a second boot in one process: a host that shuts down and boots again (with a
 * time-out both times) still has its hangs ended with status 4 and the report. Run in a child
 * process, which the watchdog ends; the test's own runtime is shut down first so that the child
 * has no runtime thread, and booted again for the harness afterwards. */
static int boot_twice_and_hang(const char *scenario)
{
    drvhost_options o = {.quiet = 1, .timeout_ms = 10000};
    if (drvhost_init(&o) != 0 || drvhost_shutdown() != 0 || drvhost_init(&o) != 0)
        return 90;
    drvhost_run_scenario(scenario, stdout, stderr);
    return 91; /* not reached when the watchdog ends the hang */
}

TEST(watchdog_ends_a_hang_after_a_second_boot)
{
    const char *path = write_scenario("service hang hang.sys\n"
                                      "load hang\n"
                                      "open h \\\\.\\Hang\n"
                                      "ioctl h 0x00222400 timeout=200\n");
    drvhost_options o = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    int status = -1, waited = 0;
    pid_t pid, done = 0;
    if (!path)
        return;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null",
                           O_WRONLY); /* the run and its hang report are not this test's output */
        dup2(devnull, 1);
        dup2(devnull, 2);
        _exit(boot_twice_and_hang(path));
    }
    ok(pid > 0, "fork");
    while (pid > 0 && (done = waitpid(pid, &status, WNOHANG)) == 0 && waited++ < 1000)
        usleep(10000); /* 10 s at most: without a watchdog the child hangs for ever */
    if (pid > 0 && done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    ok(done == pid && WIFEXITED(status) && WEXITSTATUS(status) == DRVHOST_EXIT_HANG,
       "the child %s (status 0x%x), expected exit status %d from the watchdog",
       done == pid ? "ended" : "hung and was killed", status, DRVHOST_EXIT_HANG);
    ok_status(drvhost_init(&o), STATUS_SUCCESS); /* the harness shuts it down */
}

/* The threads of this process (/proc/self/task), -1 when they cannot be counted. */
static int thread_count(void)
{
    char line[64];
    int n = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (f != NULL && fgets(line, sizeof(line), f) != NULL)
        if (sscanf(line, "Threads: %d", &n) == 1)
            break;
    if (f != NULL)
        fclose(f);
    return n;
}

/* A shutdown leaves no runtime thread behind: a boot with a time-out (the watchdog), then its
 * shutdown, end with the threads the process had before. */
TEST(shutdown_leaves_no_runtime_thread)
{
    drvhost_options quiet = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    drvhost_options o = quiet;
    int before;
    o.timeout_ms = 10000;
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    before = thread_count();
    ok(before > 0, "the process's threads counted (%d)", before);
    ok_status(drvhost_init(&o), STATUS_SUCCESS);
    ok(thread_count() > before, "the watchdog runs while booted (%d threads, %d before)",
       thread_count(), before);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok(thread_count() == before, "%d threads after the shutdown, %d before the boot",
       thread_count(), before);
    ok_status(drvhost_init(&quiet), STATUS_SUCCESS); /* the harness shuts it down */
}

/* A shutdown empties the object namespace: a symbolic link left by one boot is not there in
 * the next (each boot is a fresh system). */
TEST(shutdown_empties_the_object_namespace)
{
    drvhost_options quiet = {.quiet = getenv("DRVHOST_TEST_VERBOSE") == NULL};
    UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\RunnerStaleLink");
    UNICODE_STRING target = RTL_CONSTANT_STRING(L"\\Device\\RunnerNowhere");
    ok_status(IoCreateSymbolicLink(&link, &target), STATUS_SUCCESS);
    ok_status(drvhost_shutdown(), STATUS_SUCCESS);
    ok_status(drvhost_init(&quiet), STATUS_SUCCESS);
    ok_status(IoDeleteSymbolicLink(&link), STATUS_OBJECT_NAME_NOT_FOUND);
}

/* A command that fails two expectations names both, in order, separated by "; ". */
TEST(two_failed_expectations_are_both_named)
{
    char *out = run_text("service fifo fifo.sys\n"
                         "load fifo\n"
                         "open h \\\\.\\Fifo\n"
                         "write h \"abc\" expect=STATUS_UNSUCCESSFUL expect-info=9\n"
                         "close h\n"
                         "unload fifo\n",
                         DRVHOST_EXIT_EXPECTATION);
    if (!out)
        return;
    ok(strstr(out, "-> STATUS_SUCCESS info=3 FAILED: expected STATUS_UNSUCCESSFUL; expected "
                   "info=9\n") != NULL,
       "output: %s", out);
    free(out);
}

/* `reg import FILE`: a relative FILE is found in the scenario's folder (docs/scenario.md), here
 * a temporary folder, not the current one; the imported value is in the registry afterwards. */
TEST(reg_import_relative_to_the_scenario_folder)
{
    char *out = NULL, reg[700];
    size_t size = 0;
    FILE *to, *f;
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES oa;
    HANDLE key = NULL;
    struct {
        KEY_VALUE_PARTIAL_INFORMATION info;
        UCHAR more[16];
    } value;
    ULONG got = 0;
    const char *path = write_scenario("reg import imported.reg\n");
    if (!path)
        return;
    snprintf(reg, sizeof(reg), "%.*s/imported.reg", (int)(strrchr(path, '/') - path), path);
    f = fopen(reg, "w");
    ok(f && fputs("Windows Registry Editor Version 5.00\n\n"
                  "[HKEY_LOCAL_MACHINE\\SOFTWARE\\DrvhostRunnerImport]\n"
                  "\"Depth\"=dword:00000011\n",
                  f) >= 0,
       "write %s", reg);
    if (f)
        fclose(f);
    to = open_memstream(&out, &size);
    ok(drvhost_run_scenario(path, to, stderr) == DRVHOST_EXIT_OK, "exit status 0");
    fclose(to);
    ok(strstr(out, "1: reg import imported.reg -> STATUS_SUCCESS ok\n") != NULL, "output: %s", out);
    free(out);
    RtlInitUnicodeString(&name, L"\\Registry\\Machine\\SOFTWARE\\DrvhostRunnerImport");
    InitializeObjectAttributes(&oa, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
    ok_status(ZwOpenKey(&key, KEY_READ, &oa), STATUS_SUCCESS);
    RtlInitUnicodeString(&name, L"Depth");
    ok_status(ZwQueryValueKey(key, &name, KeyValuePartialInformation, &value, sizeof(value), &got),
              STATUS_SUCCESS);
    ok(value.info.Type == REG_DWORD && *(ULONG *)value.info.Data == 0x11, "type %lu\n",
       (unsigned long)value.info.Type);
    if (key)
        ZwClose(key);
}
