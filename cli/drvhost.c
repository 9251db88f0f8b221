/*
 * drvhost.c - the command line. Thin: everything is in the runtime (src/host).
 *
 *   drvhost run [--quiet] [--processors N] [--registry FILE] SCENARIO
 *       runs a scenario; exit status DRVHOST_EXIT_*. --registry loads FILE (a .reg file) as the
 *       registry if it exists and saves the registry there at exit and on ZwFlushKey.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drvhost/drvhost.h>

static void usage(FILE *to)
{
    fprintf(to, "usage: drvhost run [--quiet] [--processors N] [--registry FILE] SCENARIO\n"
                "\n"
                "Runs a scenario file: loads Windows driver modules built with drvcc and drives\n"
                "them with open, read, write, ioctl and close requests (see docs/scenario.md).\n"
                "Exit status: 0 every expectation held, 1 one failed, 2 malformed scenario,\n"
                "3 a driver bug-checked.\n"
                "\n"
                "--registry FILE  the registry file (.reg, regedit format): loaded at start if it\n"
                "                 exists, saved at exit and on ZwFlushKey (atomically).\n");
}

static int run(int argc, char **argv)
{
    drvhost_options options = {0};
    const char *file = NULL, *registry = NULL;
    int status;
    int32_t down;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0)
            options.quiet = 1;
        else if (strcmp(argv[i], "--processors") == 0 && i + 1 < argc)
            options.processors = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--registry") == 0 && i + 1 < argc)
            registry = argv[++i];
        else if (argv[i][0] != '-' && file == NULL)
            file = argv[i];
        else {
            usage(stderr);
            return DRVHOST_EXIT_MALFORMED;
        }
    }
    if (file == NULL) {
        usage(stderr);
        return DRVHOST_EXIT_MALFORMED;
    }
    if (drvhost_init(&options) != 0) {
        fprintf(stderr, "drvhost: the runtime failed to start\n");
        return DRVHOST_EXIT_MALFORMED;
    }
    if (registry != NULL && drvhost_registry_open(registry) != 0) {
        fprintf(stderr, "drvhost: cannot use %s as the registry file\n", registry);
        drvhost_shutdown();
        return DRVHOST_EXIT_MALFORMED;
    }
    status = drvhost_run_scenario(file, stdout, stderr);
    down = drvhost_shutdown();
    if (down == DRVHOST_STATUS_REGISTRY_IO_FAILED &&
        (status == DRVHOST_EXIT_OK || status == DRVHOST_EXIT_EXPECTATION))
        status = DRVHOST_EXIT_SAVE_FAILED; /* the reason was printed */
    else if (down != 0 && status == DRVHOST_EXIT_OK)
        status = DRVHOST_EXIT_EXPECTATION; /* leaks were reported */
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return DRVHOST_EXIT_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return run(argc, argv);
    usage(stderr);
    return DRVHOST_EXIT_MALFORMED;
}
