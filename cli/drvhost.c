/*
 * drvhost.c - the command line. Thin: everything is in the runtime (src/host).
 *
 *   drvhost run [OPTIONS] SCENARIO      runs a scenario; exit status DRVHOST_EXIT_*
 *   drvhost --help | --version
 *
 * Options take their value as the next argument or after '=' (--timeout=500).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drvhost/drvhost.h>

static void usage(FILE *to)
{
    fprintf(
        to,
        "usage: drvhost run [OPTIONS] SCENARIO\n"
        "       drvhost --help | --version\n"
        "\n"
        "Runs a scenario file: loads Windows driver modules built with drvcc and drives them\n"
        "with open, read, write, ioctl and close requests (see docs/scenario.md). A relative\n"
        "driver image is looked up in the scenario's folder, then in DRVHOST_DRIVER_PATH,\n"
        "then in drvhost's own driver folder.\n"
        "\n"
        "Options:\n"
        "  --quiet            do not show the drivers' DbgPrint/KdPrint output\n"
        "  --debug-print all|filtered\n"
        "                     all: show every DbgPrint/DbgPrintEx/KdPrint message;\n"
        "                     filtered (default): as Windows, only DPFLTR_ERROR_LEVEL ones\n"
        "                     unless the registry's Debug Print Filter key or\n"
        "                     DbgSetDebugFilterState opens a component's mask\n"
        "  --trace DRIVER:LEVEL:FLAGS\n"
        "                     show a driver's WPP trace messages up to LEVEL (ERROR,\n"
        "                     WARNING, INFORMATION, VERBOSE or a number) for FLAGS (its\n"
        "                     WPP_DEFINE_BIT names joined by '|', a mask, or 'all');\n"
        "                     may be repeated (docs/tracing.md)\n"
        "  --trace-file FILE  trace messages, and DbgPrint output, go to FILE, not stderr\n"
        "  --processors N     emulate N processors (1 to 64; default: the host's cores),\n"
        "                     each with its DPC thread\n"
        "  --registry FILE    the registry file (.reg, regedit format): loaded at start if it\n"
        "                     exists, saved at exit and on ZwFlushKey (atomically)\n"
        "  --root DIR         the folder drivers' files live in (\\??\\C:\\x is DIR/C/x,\n"
        "                     \\SystemRoot\\x is DIR/Windows/x), made if missing and kept;\n"
        "                     default: a fresh folder removed at exit (docs/files.md)\n"
        "  --timeout MS       a command that takes longer than MS milliseconds is a hang\n"
        "                     (default %u; a command's timeout= overrides it): the report\n"
        "                     names the command, the request and its IRP's state, and shows\n"
        "                     every thread's stack\n"
        "  --help             this text\n"
        "  --version          the version of drvhost\n"
        "\n"
        "Exit status: 0 every expectation held, 1 one failed (or a driver left devices), 2 bad\n"
        "command line or malformed scenario, 3 a driver bug-checked (pool leaked at unload\n"
        "is 0xC4/0x62), 4 a request or the driver hung, 130/143 interrupted by SIGINT or\n"
        "SIGTERM (what was outstanding is reported, the registry file saved).\n",
        DRVHOST_DEFAULT_TIMEOUT_MS);
}

static int bad_usage(const char *fmt, const char *what)
{
    fprintf(stderr, "drvhost: ");
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\nusage: drvhost run [OPTIONS] SCENARIO\n"
                    "       drvhost --help | --version\n"
                    "('drvhost --help' explains the options)\n");
    return DRVHOST_EXIT_MALFORMED;
}

/* A whole decimal number in [min, max]. */
static int parse_uint(const char *text, unsigned long min, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v;
    if (text[0] < '0' || text[0] > '9')
        return -1;
    errno = 0;
    v = strtoul(text, &end, 10);
    if (errno != 0 || *end != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

struct run_args {
    drvhost_options options;
    const char *file, *registry;
};

/* --name VALUE or --name=VALUE: the value, or NULL (and i unchanged) if arg is not --name. */
static const char *option_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return NULL;
    if (argv[*i][n] == '=')
        return argv[*i] + n + 1;
    if (argv[*i][n] != 0)
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

static int parse_value_option(int argc, char **argv, int *i, struct run_args *a, int *handled)
{
    unsigned long v;
    int missing = 0;
    const char *value;
    *handled = 1;
    if ((value = option_value(argc, argv, i, "--processors", &missing)) != NULL) {
        if (parse_uint(value, 1, 64, &v) < 0)
            return bad_usage("--processors: '%s' is not a number from 1 to 64", value);
        a->options.processors = (unsigned)v;
    } else if (!missing && (value = option_value(argc, argv, i, "--timeout", &missing)) != NULL) {
        if (parse_uint(value, 1, 86400000ul, &v) < 0)
            return bad_usage("--timeout: '%s' is not a number of milliseconds from 1 to 86400000",
                             value);
        a->options.timeout_ms = (uint32_t)v;
    } else if (!missing && (value = option_value(argc, argv, i, "--registry", &missing)) != NULL) {
        a->registry = value;
    } else if (!missing && (value = option_value(argc, argv, i, "--root", &missing)) != NULL) {
        a->options.file_root = value;
    } else if (!missing &&
               (value = option_value(argc, argv, i, "--debug-print", &missing)) != NULL) {
        if (strcmp(value, "all") == 0)
            a->options.debug_print = DRVHOST_DEBUG_PRINT_ALL;
        else if (strcmp(value, "filtered") == 0)
            a->options.debug_print = DRVHOST_DEBUG_PRINT_FILTERED;
        else
            return bad_usage("--debug-print: '%s' is neither 'all' nor 'filtered'", value);
    } else if (!missing &&
               (value = option_value(argc, argv, i, "--trace-file", &missing)) != NULL) {
        if (drvhost_trace_file(value) != 0)
            return bad_usage("--trace-file: cannot create '%s'", value);
    } else if (!missing && (value = option_value(argc, argv, i, "--trace", &missing)) != NULL) {
        char err[256];
        if (drvhost_trace_set(value, err, sizeof err) != 0)
            return bad_usage("--trace: %s", err);
    } else if (missing) {
        return bad_usage("option '%s' needs a value", argv[*i]);
    } else {
        *handled = 0;
    }
    return 0;
}

static int parse_run_args(int argc, char **argv, struct run_args *a)
{
    a->options.timeout_ms = DRVHOST_DEFAULT_TIMEOUT_MS;
    a->options.catch_signals = 1;
    for (int i = 2; i < argc; i++) {
        int handled, rc;
        if (strcmp(argv[i], "--quiet") == 0) {
            a->options.quiet = 1;
            continue;
        }
        if ((rc = parse_value_option(argc, argv, &i, a, &handled)) != 0)
            return rc;
        if (handled)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != 0)
            return bad_usage("unknown option '%s'", argv[i]);
        if (a->file != NULL)
            return bad_usage("more than one scenario ('%s')", argv[i]);
        a->file = argv[i];
    }
    if (a->file == NULL)
        return bad_usage("%s", "run: no scenario file given");
    return 0;
}

static int run(int argc, char **argv)
{
    struct run_args a = {0};
    int status = parse_run_args(argc, argv, &a);
    if (status != 0)
        return status;
    if (drvhost_init(&a.options) != 0) {
        fprintf(stderr, "drvhost: the runtime failed to start\n");
        return DRVHOST_EXIT_MALFORMED;
    }
    if (a.registry != NULL && drvhost_registry_open(a.registry) != 0) {
        fprintf(stderr, "drvhost: cannot use %s as the registry file\n", a.registry);
        drvhost_shutdown();
        return DRVHOST_EXIT_MALFORMED;
    }
    /* The shutdown is the last part of the scenario's end: its unload checks are the
     * scenario's (docs/scenario.md, "End of the run"). */
    return drvhost_run_scenario_and_shutdown(a.file, stdout, stderr);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return bad_usage("%s", "no command given");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return DRVHOST_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("drvhost %s\n", drvhost_version());
        return DRVHOST_EXIT_OK;
    }
    if (strcmp(argv[1], "run") == 0)
        return run(argc, argv);
    if (argv[1][0] == '-')
        return bad_usage("unknown option '%s'", argv[1]);
    return bad_usage("unknown command '%s'", argv[1]);
}
