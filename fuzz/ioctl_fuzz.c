/*
 * ioctl_fuzz.c - libFuzzer target: device controls against a driver through the real client
 * path (drvhost_io_start: access check, IRP build, METHOD_* buffering and probing, dispatch,
 * completion, copy-back), so the runtime's buffering code is fuzzed along with the driver.
 *
 * Set-up, once (LLVMFuzzerInitialize): the scenario named by $DRVHOST_FUZZ_SCENARIO is parsed
 * and its `service`, `reg set`, `load` and `open` commands run in order, up to its first `close`
 * or `unload` (a status other than the expected one stops the fuzzer); every handle stays open.
 * The control codes of all its `ioctl` lines form the code table the inputs pick from (a fuzzer
 * cannot guess a driver's 32-bit codes: an uninstrumented driver tells it nothing, and the
 * comparisons of one built with drvcc --fuzz give them away only after many inputs).
 * Other commands are ignored. Special pool (Driver Verifier's option 0x1, docs/verifier.md) is
 * on for every service the scenario adds: the fuzzer writes VerifyDriverLevel 0x1 in its service
 * key, and adds 0x1 to a VerifyDriverLevel the scenario's `reg set` lines write, so a driver's
 * overrun of its own pool block faults at the access instead of going unseen until the block is
 * freed, which for a block the driver keeps is only at its unload, with no input to blame.
 * $DRVHOST_FUZZ_SPECIAL_POOL=0 turns that off (the scenario's own values are then kept).
 * The first `close` or `unload` ends the set-up because the fuzzer
 * never closes or unloads: a scenario that reloads a driver or reopens a device would otherwise
 * fail its second `load` (STATUS_IMAGE_ALREADY_LOADED) or fuzz a handle it meant to close.
 *
 * An input (all fields little-endian; a short input reads zeros past its end):
 *   byte 0     bits 0-1: handle (modulo the handles opened); bit 2: IRP_MJ_INTERNAL_DEVICE_CONTROL;
 *              bit 3: raw code (bytes 1-4) instead of a table code (byte 1 modulo the table)
 *   bytes 1-4  code or table index
 *   bytes 5-6  output buffer size (0 = no buffer)
 *   byte 7     reserved
 *   bytes 8-   the input buffer, exactly as long as what is left
 * Buffers are exact-size heap blocks, so AddressSanitizer sees any access past them.
 *
 * Outcomes: a bug check calls the handler below, which prints the code and abort()s, so
 * libFuzzer saves the input as a crash (unless $DRVHOST_FUZZ_EXPECT_BUGCHECK names that code:
 * then the process exits 0, which is how a reproducer replays as a passing test). A request
 * still pending after $DRVHOST_FUZZ_PEND_MS (default 0: at once) is cancelled; one that is neither
 * completed nor cancelled within $DRVHOST_FUZZ_HANG_MS (default 5000) is reported as a hang
 * and abort()s. A dispatch routine that never returns is caught by libFuzzer's -timeout.
 * At exit the handles are closed and the runtime shut down: a leak fails the run with exit
 * status 1, whether it is pool a driver still holds at its unload (bug check 0xC4/0x62 there:
 * the handler exits 1 instead of aborting, the input is not to blame) or objects and devices
 * reported by drvhost_shutdown.
 */
#include "host/scenario.h"

#include <drvhost/drvhost.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define FUZZ_MAX_HANDLES    4
#define FUZZ_MAX_CODES      256
#define FUZZ_HEADER         8
#define FUZZ_STATUS_PENDING 0x103
#define FUZZ_STATUS_TIMEOUT 0x102

struct fuzz_code {
    uint32_t code;
    int internal;
};

static drvhost_file *fuzz_handles[FUZZ_MAX_HANDLES];
static unsigned fuzz_handle_count;
static struct fuzz_code fuzz_codes[FUZZ_MAX_CODES];
static unsigned fuzz_code_count;
static uint32_t fuzz_pend_ms = 0, fuzz_hang_ms = 5000;
static volatile int fuzz_tearing_down; /* set by fuzz_teardown: no input is to blame now */
static int fuzz_special_pool = 1;      /* $DRVHOST_FUZZ_SPECIAL_POOL, read before the set-up */

#define FUZZ_SERVICES_KEY        "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\"
#define FUZZ_VERIFY_VALUE        "VerifyDriverLevel"
#define FUZZ_VERIFY_SPECIAL_POOL 0x1u /* DRIVER_VERIFIER_SPECIAL_POOLING */

int LLVMFuzzerInitialize(int *argc, char ***argv);

const char *__asan_default_options(void);

/* AddressSanitizer's quarantine is 16 MiB here instead of its 256 MiB default: every input
 * allocates its buffers (up to 64 KiB each) and the runtime's request blocks afresh, and while
 * a 256 MiB quarantine fills, every allocation is memory the process has never touched, a page
 * fault per page (most of the time, a 10x lower rate on a loaded machine: docs/fuzzing.md).
 * 16 MiB still holds thousands of inputs' freed blocks, and the driver's pool has its own
 * quarantine (src/ex/pool_track.c). $ASAN_OPTIONS overrides it. */
__attribute__((used, visibility("default"))) const char *__asan_default_options(void)
{
    return "quarantine_size_mb=16";
}
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_bugcheck(uint32_t code, const uint64_t params[4], void *context)
{
    const char *expect = getenv("DRVHOST_FUZZ_EXPECT_BUGCHECK");
    (void)context;
    fprintf(stderr, "ioctl_fuzz: bug check 0x%X (0x%llX, 0x%llX, 0x%llX, 0x%llX)\n", code,
            (unsigned long long)params[0], (unsigned long long)params[1],
            (unsigned long long)params[2], (unsigned long long)params[3]);
    /* No input is to blame for what the unload finds: pool a driver leaked (0xC4/0x62), or a
     * block it kept and overran, found when it frees the block (0x19: special pool was off). */
    if (fuzz_tearing_down)
        fprintf(stderr, "ioctl_fuzz: bug check at unload (the teardown, not an input): 0xC4/0x62 "
                        "pool a driver leaked, 0x19 a block it kept and overran\n");
    if (expect != NULL && strtoul(expect, NULL, 0) == code) {
        fprintf(stderr, "ioctl_fuzz: the expected bug check 0x%X happened\n", code);
        fflush(NULL);
        _exit(0);
    }
    if (fuzz_tearing_down) {
        fflush(NULL);
        _exit(1);
    }
    abort(); /* libFuzzer records the input as a crash */
}

static void fuzz_fail(const struct scn_script *s, const struct scn_cmd *c, const char *what,
                      int32_t status)
{
    char buf[80];
    fprintf(stderr, "ioctl_fuzz: %s:%u: %s: %s -> %s\n", s->filename, c->line, c->text, what,
            drvhost_status_format(status, buf, sizeof(buf)));
    exit(1);
}

static void fuzz_check(const struct scn_script *s, const struct scn_cmd *c, int32_t status)
{
    if (c->check_status ? status != c->status : status != 0)
        fuzz_fail(s, c, "unexpected status", status);
}

/* Special pool for a service the scenario adds: VerifyDriverLevel 0x1 in its key, written right
 * after the key is created so that a later `reg set` of the value goes through fuzz_reg_set. */
static void fuzz_special_pool_for(const struct scn_script *s, const struct scn_cmd *c)
{
    uint32_t level = FUZZ_VERIFY_SPECIAL_POOL;
    char key[sizeof(FUZZ_SERVICES_KEY) + 256];
    if (!fuzz_special_pool)
        return;
    snprintf(key, sizeof(key), "%s%s", FUZZ_SERVICES_KEY, c->name);
    int32_t status = drvhost_reg_set(key, FUZZ_VERIFY_VALUE, DRVHOST_REG_DWORD, &level, 4);
    if (status != 0)
        fuzz_fail(s, c, "setting " FUZZ_VERIFY_VALUE " 0x1 (special pool)", status);
}

/* A scenario's `reg set`: a REG_DWORD VerifyDriverLevel (drvhost reads it from service keys
 * only) keeps its other flags and gets 0x1 while special pool is on. */
static int32_t fuzz_reg_set(const struct scn_cmd *c)
{
    uint32_t level;
    if (fuzz_special_pool && c->reg_type == DRVHOST_REG_DWORD && c->data.size == 4 &&
        strcasecmp(c->value_name, FUZZ_VERIFY_VALUE) == 0) {
        memcpy(&level, c->data.data, 4);
        level |= FUZZ_VERIFY_SPECIAL_POOL;
        return drvhost_reg_set(c->str, c->value_name, c->reg_type, &level, 4);
    }
    return drvhost_reg_set(c->str, c->value_name, c->reg_type, c->data.data, c->data.size);
}

static void fuzz_add_code(uint32_t code, int internal)
{
    for (unsigned i = 0; i < fuzz_code_count; i++)
        if (fuzz_codes[i].code == code && fuzz_codes[i].internal == internal)
            return;
    if (fuzz_code_count < FUZZ_MAX_CODES)
        fuzz_codes[fuzz_code_count++] = (struct fuzz_code){code, internal};
}

/* Runs one command of the scenario: set-up commands while `*in_setup`, which the first `close`
 * or `unload` clears; ioctl codes are collected from the whole script. */
static void fuzz_setup_cmd(const struct scn_script *s, const struct scn_cmd *c, int *in_setup)
{
    drvhost_file *f = NULL;
    int32_t status;
    if (c->kind == SCN_CLOSE || c->kind == SCN_UNLOAD)
        *in_setup = 0;
    if (!*in_setup && c->kind != SCN_IOCTL)
        return;
    switch (c->kind) {
    case SCN_SERVICE:
        status = drvhost_service_add_at(c->name, c->str, s->dir);
        fuzz_check(s, c, status);
        if (status == 0)
            fuzz_special_pool_for(s, c);
        break;
    case SCN_REG_SET:
        fuzz_check(s, c, fuzz_reg_set(c));
        break;
    case SCN_LOAD:
        fuzz_check(s, c, drvhost_driver_load(c->name));
        break;
    case SCN_OPEN:
        status = drvhost_open(c->str, c->access, &f);
        fuzz_check(s, c, status);
        if (status == 0 && fuzz_handle_count < FUZZ_MAX_HANDLES)
            fuzz_handles[fuzz_handle_count++] = f;
        break;
    case SCN_IOCTL:
        fuzz_add_code(c->code, c->internal);
        break;
    default: /* I/O, waits: not part of the set-up */
        break;
    }
}

static char *fuzz_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long n;
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || (text = malloc((size_t)n + 1)) == NULL ||
        fread(text, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "ioctl_fuzz: cannot read %s\n", path);
        exit(1);
    }
    fclose(f);
    text[n] = '\0';
    *size = (size_t)n;
    return text;
}

/* At exit (libFuzzer's time budget, the end of a replay): handles closed, drivers unloaded;
 * pool or objects a driver leaked make the exit status 1. */
static void fuzz_teardown(void)
{
    fuzz_tearing_down = 1;
    for (unsigned i = 0; i < fuzz_handle_count; i++)
        drvhost_close(fuzz_handles[i]);
    fuzz_handle_count = 0;
    if (drvhost_shutdown() != 0) {
        fprintf(stderr, "ioctl_fuzz: drvhost_shutdown reported leaks (see above)\n");
        fflush(NULL);
        _exit(1);
    }
}

static void fuzz_setup(const char *path)
{
    drvhost_options options = {.processors = 0, .quiet = getenv("DRVHOST_FUZZ_VERBOSE") == NULL};
    struct scn_script *script;
    size_t size;
    char *text = fuzz_read_file(path, &size);
    if (scn_parse(text, size, path, &script, stderr) != 0)
        exit(1);
    free(text);
    if (drvhost_init(&options) != 0) {
        fprintf(stderr, "ioctl_fuzz: drvhost_init failed\n");
        exit(1);
    }
    drvhost_set_bugcheck_handler(fuzz_bugcheck, NULL);
    int in_setup = 1;
    for (size_t i = 0; i < script->count; i++)
        fuzz_setup_cmd(script, &script->cmds[i], &in_setup);
    scn_script_free(script);
    atexit(fuzz_teardown);
    if (fuzz_handle_count == 0) {
        fprintf(stderr, "ioctl_fuzz: %s opens no handle: nothing to fuzz\n", path);
        exit(1);
    }
    /* scripts/fuzz.sh takes this line as the sign that the set-up finished. */
    fprintf(stderr,
            "ioctl_fuzz: %s: %u handle(s), %u control code(s) in the table, special pool %s\n",
            path, fuzz_handle_count, fuzz_code_count,
            fuzz_special_pool ? "on (DRVHOST_FUZZ_SPECIAL_POOL=0: off)" : "off");
}

static uint32_t fuzz_env_ms(const char *name, uint32_t fallback)
{
    const char *s = getenv(name);
    return s != NULL && *s != '\0' ? (uint32_t)strtoul(s, NULL, 0) : fallback;
}

/* -use_value_profile=1 unless the command line sets it: libFuzzer then also keeps inputs that
 * bring a comparison's operands closer (bit by bit), which is what finds a driver's magic values
 * compared a byte at a time, and which with the runtime's comparisons left uninstrumented
 * (cmake/Fuzz.cmake) costs no rate the measurements could see (docs/fuzzing.md, "The
 * comparison table"). libFuzzer parses its flags from the argv LLVMFuzzerInitialize leaves; the
 * replay main (fuzz/replay_main.c) takes every argument as a file, so only the libFuzzer build
 * adds it. */
static void fuzz_default_flags(int *argc, char ***argv)
{
#ifdef DRVHOST_LIBFUZZER
    static char value_profile[] = "-use_value_profile=1";
    char **args;
    for (int i = 1; i < *argc; i++)
        if (strncmp((*argv)[i], "-use_value_profile=", 19) == 0)
            return;
    args = calloc((size_t)*argc + 2, sizeof(*args)); /* kept: libFuzzer holds the pointers */
    if (args == NULL)
        return;
    args[0] = (*argv)[0];
    args[1] = value_profile;
    for (int i = 1; i < *argc; i++)
        args[i + 1] = (*argv)[i];
    *argv = args;
    (*argc)++;
#else
    (void)argc;
    (void)argv;
#endif
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *scenario = getenv("DRVHOST_FUZZ_SCENARIO");
    fuzz_default_flags(argc, argv);
    if (scenario == NULL || *scenario == '\0') {
        fprintf(stderr, "ioctl_fuzz: set DRVHOST_FUZZ_SCENARIO to the scenario file whose set-up "
                        "(service, reg set, load, open) to run\n");
        exit(1);
    }
    fuzz_pend_ms = fuzz_env_ms("DRVHOST_FUZZ_PEND_MS", fuzz_pend_ms);
    fuzz_hang_ms = fuzz_env_ms("DRVHOST_FUZZ_HANG_MS", fuzz_hang_ms);
    fuzz_special_pool = fuzz_env_ms("DRVHOST_FUZZ_SPECIAL_POOL", 1) != 0;
    fuzz_setup(scenario);
    return 0;
}

/* Waits for a pended request, cancelling it when it takes too long. */
static void fuzz_wait(drvhost_request *r, uint32_t code)
{
    if (drvhost_request_wait(r, fuzz_pend_ms, NULL) != FUZZ_STATUS_TIMEOUT)
        return;
    drvhost_request_cancel(r);
    if (drvhost_request_wait(r, fuzz_hang_ms, NULL) == FUZZ_STATUS_TIMEOUT) {
        fprintf(stderr,
                "ioctl_fuzz: hang: ioctl 0x%08X pended, was cancelled, and was neither "
                "completed nor cancelled within %u ms\n",
                code, fuzz_hang_ms);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t h[FUZZ_HEADER] = {0};
    size_t in_size = size > FUZZ_HEADER ? size - FUZZ_HEADER : 0;
    drvhost_io_desc d = {.op = DRVHOST_OP_IOCTL};
    drvhost_request *r = NULL;
    uint8_t *in = NULL, *out = NULL;
    int32_t status;
    memcpy(h, data, size < FUZZ_HEADER ? size : FUZZ_HEADER);
    if ((h[0] & 8) || fuzz_code_count == 0) {
        d.code = (uint32_t)h[1] | (uint32_t)h[2] << 8 | (uint32_t)h[3] << 16 | (uint32_t)h[4] << 24;
        d.op = (h[0] & 4) ? DRVHOST_OP_INTERNAL_IOCTL : DRVHOST_OP_IOCTL;
    } else {
        const struct fuzz_code *c = &fuzz_codes[h[1] % fuzz_code_count];
        d.code = c->code;
        d.op = c->internal || (h[0] & 4) ? DRVHOST_OP_INTERNAL_IOCTL : DRVHOST_OP_IOCTL;
    }
    d.output_size = (size_t)h[5] | (size_t)h[6] << 8;
    d.input_size = in_size;
    if (in_size > 0) {
        in = malloc(in_size);
        memcpy(in, data + FUZZ_HEADER, in_size);
    }
    if (d.output_size > 0)
        out = malloc(d.output_size);
    d.input = in;
    d.output = out;
    status = drvhost_io_start(fuzz_handles[(h[0] & 3u) % fuzz_handle_count], &d, &r);
    if (r != NULL) {
        if (status == FUZZ_STATUS_PENDING)
            fuzz_wait(r, d.code);
        drvhost_request_free(r);
    }
    free(in);
    free(out);
    return 0;
}
