/*
 * drvhost.c - the command line. Thin: everything is in the runtime (src/host).
 *
 *   drvhost run [--quiet] [--processors N] FILE    runs a scenario; exit status DRVHOST_EXIT_*
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drvhost/drvhost.h>

static void usage(FILE *to)
{
    fprintf(to, "usage: drvhost run [--quiet] [--processors N] SCENARIO\n"
                "\n"
                "Runs a scenario file: loads Windows driver modules built with drvcc and drives\n"
                "them with open, read, write, ioctl and close requests (see docs/scenario.md).\n"
                "Exit status: 0 every expectation held, 1 one failed, 2 malformed scenario,\n"
                "3 a driver bug-checked.\n");
}

static int run(int argc, char **argv)
{
    drvhost_options options = {0};
    const char *file = NULL;
    int status;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0)
            options.quiet = 1;
        else if (strcmp(argv[i], "--processors") == 0 && i + 1 < argc)
            options.processors = (unsigned)strtoul(argv[++i], NULL, 10);
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
    status = drvhost_run_scenario(file, stdout, stderr);
    if (drvhost_shutdown() != 0 && status == DRVHOST_EXIT_OK)
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
