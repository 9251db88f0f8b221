/*
 * scenario_run.c - executes a parsed scenario (docs/scenario.md) through the embedding API.
 *
 * The caller has booted the runtime (drvhost_init). drvhost_run_scenario leaves it booted;
 * drvhost_run_scenario_and_shutdown (drvhost run) shuts it down as the last part of the end of
 * the run, so that a bug check from unloading the drivers the scenario left loaded is the
 * scenario's (an at-end expectation sees it) and is never lost. Every command prints one result
 * line; a failed expectation is reported and the run goes on. Handle names
 * and async tags were resolved to slot numbers by the parser, so the run keeps two arrays.
 *
 * Lifetime: the output buffer of an async request (and its input, when handle= wrote an event's
 * handle into a copy of it) belongs to its slot and is freed together with the request (after
 * `wait`, or at the end of the run once the request has finished). A request still pending at the
 * end after the time-out is leaked with its buffer (freeing it would block forever) and reported as
 * a failure.
 */
#include "scenario.h"

#include "ex/ex.h"
#include "host/host.h"
#include "os/os.h"
#include "po/po.h"
#include "se/se.h"
#include "trace/trace.h"
#include "wsk/wsk.h"

#include <drvhost/drvhost.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define STATUS_SUCCESS_VALUE 0
#define STATUS_TIMEOUT_VALUE 0x102
#define DUMP_BYTES           32
#define TEXT_MAX             100

struct req_slot {
    drvhost_request *req; /* NULL: not issued, or already waited for and freed */
    uint8_t *buf;
    size_t size;
    unsigned line;
    uint8_t *in; /* the input with an event's handle written in (handle=), or NULL */
};

/* The first bytes a handle's last synchronous read or ioctl returned (tcp-echo H@OFFSET). */
struct kept_out {
    uint8_t bytes[256];
    size_t size;
};

struct run {
    const struct scn_script *s;
    FILE *out;
    drvhost_file **files;  /* [handle_count]; NULL when not open */
    struct req_slot *reqs; /* [tag_count]; changed under reqs_lock (the watchdog reads them) */
    uint64_t *events;      /* [event_count]: the events' handles (0: not created, or closed) */
    os_mutex reqs_lock;
    drvhost_file **stray; /* [count]: opens expected to fail that succeeded, closed at the end */
    size_t strays;
    size_t commands;       /* commands run */
    size_t failed;         /* commands (and end-of-run checks) that failed */
    struct kept_out *kept; /* [handle_count]: each handle's last synchronous output */
};

/* The verdict of one command: "ok", or the failures and detail lines printed after it. */
struct verdict {
    int failed;
    char why[512];
    char detail[1024];
};

/* ---- output ------------------------------------------------------------------------------ */

static void vappend(char *buf, size_t size, const char *fmt, va_list ap)
{
    size_t len = strlen(buf);
    if (len + 1 < size)
        vsnprintf(buf + len, size - len, fmt, ap);
}

static void fail(struct verdict *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct verdict *v, const char *fmt, ...)
{
    va_list ap;
    size_t len = strlen(v->why);
    if (v->failed++ && len + 3 < sizeof v->why)
        memcpy(v->why + len, "; ", 3);
    va_start(ap, fmt);
    vappend(v->why, sizeof v->why, fmt, ap);
    va_end(ap);
}

static void detail(struct verdict *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void detail(struct verdict *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vappend(v->detail, sizeof v->detail, fmt, ap);
    va_end(ap);
}

static const char *status_text(int32_t status, char buf[16])
{
    const char *name = drvhost_status_name(status);
    if (name)
        return name;
    snprintf(buf, 16, "0x%08X", (unsigned)status);
    return buf;
}

/* "LINE: TEXT -> RESULT ok" or "... FAILED: why", then the detail lines. */
static void report(struct run *r, const struct scn_cmd *cmd, const char *result,
                   const struct verdict *v)
{
    int cut = strlen(cmd->text) > TEXT_MAX;
    fprintf(r->out, "%u: %.*s%s -> %s %s%s\n", cmd->line, TEXT_MAX, cmd->text, cut ? "..." : "",
            result, v->failed ? "FAILED: " : "ok", v->failed ? v->why : "");
    fputs(v->detail, r->out);
    if (v->failed)
        r->failed++;
}

static void check_status(const struct scn_cmd *cmd, int32_t status, struct verdict *v)
{
    char a[16], b[16];
    if (!cmd->check_status || status == cmd->status ||
        (cmd->has_status_alt && status == cmd->status_alt))
        return;
    if (cmd->has_status_alt)
        fail(v, "expected %s or %s", status_text(cmd->status, a), status_text(cmd->status_alt, b));
    else
        fail(v, "expected %s", status_text(cmd->status, a));
}

/* Reports a status-only command. */
static void report_status(struct run *r, const struct scn_cmd *cmd, int32_t status)
{
    struct verdict v = {0};
    char buf[16];
    check_status(cmd, status, &v);
    report(r, cmd, status_text(status, buf), &v);
}

/* ---- byte comparison --------------------------------------------------------------------- */

static void dump(struct verdict *v, const char *label, const uint8_t *p, size_t size, size_t from)
{
    size_t end = size - from > DUMP_BYTES ? from + DUMP_BYTES : size;
    detail(v, "    %s (%zu bytes)", label, size);
    if (from)
        detail(v, " from offset %zu", from);
    detail(v, ":");
    for (size_t i = from; i < end; i++)
        detail(v, " %02x", p[i]);
    detail(v, "%s\n", end < size ? " ..." : "");
}

static void check_bytes(const struct scn_cmd *cmd, const uint8_t *buf, size_t buf_size,
                        uint64_t info, struct verdict *v)
{
    size_t n = info < buf_size ? (size_t)info : buf_size, diff = 0, from;
    const struct scn_bytes *want = &cmd->out;
    if (info > buf_size) {
        fail(v, "Information %llu exceeds the output buffer (%zu bytes)", (unsigned long long)info,
             buf_size);
        return;
    }
    while (diff < n && diff < want->size && buf[diff] == want->data[diff])
        diff++;
    if (n == want->size && diff == n)
        return;
    if (n != want->size)
        fail(v, "expected %zu output bytes, got %zu (Information)", want->size, n);
    else
        fail(v, "output differs at offset %zu", diff);
    from = diff >= 8 ? (diff - 8) & ~(size_t)7 : 0;
    dump(v, "expected", want->data, want->size, from < want->size ? from : 0);
    dump(v, "actual  ", buf, n, from < n ? from : 0);
}

/* Checks a finished request against the expectations of cmd (sync line or wait line). */
static void report_io(struct run *r, const struct scn_cmd *cmd, int32_t status,
                      const drvhost_iosb *iosb, const uint8_t *buf, size_t size)
{
    struct verdict v = {0};
    char st[16], result[64];
    check_status(cmd, status, &v);
    if (cmd->check_info && iosb->information != cmd->info)
        fail(&v, "expected info=%llu", (unsigned long long)cmd->info);
    if (cmd->check_out)
        check_bytes(cmd, buf, size, iosb->information, &v);
    snprintf(result, sizeof result, "%s info=%llu", status_text(status, st),
             (unsigned long long)iosb->information);
    report(r, cmd, result, &v);
}

/* ---- commands ---------------------------------------------------------------------------- */

/* uart-out PORT: the bytes the UART transmitted since the last uart-out, and its set-up. */
static void run_uart_out(struct run *r, const struct scn_cmd *cmd)
{
    static uint8_t wire[64 * 1024]; /* the UART keeps at most this much; the runner is serial */
    struct verdict v = {0};
    unsigned setup[5] = {0};
    size_t taken = 0;
    char st[16], result[128];
    int32_t status = drvhost_uart_output(cmd->code, wire, sizeof wire, &taken, setup);
    check_status(cmd, status, &v);
    if (status >= 0 && cmd->check_out)
        check_bytes(cmd, wire, sizeof wire, taken, &v);
    if (status >= 0 && cmd->uart.check_divisor && setup[0] != cmd->uart.divisor)
        fail(&v, "expected divisor=%u", (unsigned)cmd->uart.divisor);
    if (status >= 0 && cmd->uart.check_lcr && setup[1] != cmd->uart.lcr)
        fail(&v, "expected lcr=0x%02x", (unsigned)cmd->uart.lcr);
    snprintf(result, sizeof result,
             "%s %zu bytes divisor=%u lcr=0x%02x mcr=0x%02x ier=0x%02x fcr=0x%02x",
             status_text(status, st), taken, setup[0], setup[1], setup[2], setup[3], setup[4]);
    report(r, cmd, result, &v);
}

/* ps2-state INSTANCE: the simulated PS/2 device's state bytes (docs/input.md). */
static void run_ps2_state(struct run *r, const struct scn_cmd *cmd)
{
    uint8_t state[DRVHOST_PS2_STATE_SIZE] = {0};
    struct verdict v = {0};
    char st[16], result[96];
    int32_t status = drvhost_ps2_state(cmd->name, state);
    check_status(cmd, status, &v);
    if (status >= 0 && cmd->check_out)
        check_bytes(cmd, state, sizeof state, sizeof state, &v);
    snprintf(result, sizeof result, "%s sent=%u leds=0x%02x typematic=0x%02x",
             status_text(status, st),
             (unsigned)(state[0] | state[1] << 8 | state[2] << 16 | (unsigned)state[3] << 24),
             state[4], state[5]);
    report(r, cmd, result, &v);
}

/* tcp-echo PORT DATA: sends DATA to 127.0.0.1:PORT, ends the sending side, reads the answer
 * until the peer closes (docs/network.md); gives up (STATUS_IO_TIMEOUT) after three quarters of
 * the line's time-out, inside the watchdog's. */
static void run_tcp_echo(struct run *r, const struct scn_cmd *cmd)
{
    static uint8_t answer[64 * 1024];
    uint32_t ms = (cmd->hang_ms ? cmd->hang_ms : host_watch_default_timeout()) / 4 * 3;
    struct verdict v = {0};
    size_t got = 0;
    char st[16], result[64];
    uint32_t port = cmd->code;
    int32_t status;
    if (cmd->handle >= 0) { /* H@OFFSET: a port the driver reported */
        const struct kept_out *k = &r->kept[cmd->handle];
        size_t at = (size_t)cmd->offset;
        port = at + 2 <= k->size ? (uint32_t)(k->bytes[at] | k->bytes[at + 1] << 8) : 0;
        if (port == 0) {
            fail(&v, "no port at offset %zu of the handle's last output (%zu bytes)", at, k->size);
            report(r, cmd, "not run", &v);
            return;
        }
    }
    status = wsk_status(os_net_exchange((uint16_t)port, cmd->data.data, cmd->data.size, answer,
                                        sizeof answer, &got,
                                        os_monotonic_ns() + (uint64_t)ms * 1000000u));
    check_status(cmd, status, &v);
    if (status >= 0 && cmd->check_out)
        check_bytes(cmd, answer, sizeof answer, got, &v);
    snprintf(result, sizeof result, "%s %zu bytes", status_text(status, st), got);
    report(r, cmd, result, &v);
}

/* An open expected to fail leaves its handle name free for a later open; when it succeeds after
 * all, the handle is kept aside and closed at the end of the run. */
static void finish_open(struct run *r, const struct scn_cmd *cmd, int32_t status,
                        drvhost_file *file)
{
    int expected_failure = cmd->check_status && cmd->status < 0;
    r->files[cmd->handle] = status >= 0 && !expected_failure ? file : NULL;
    if (status >= 0 && expected_failure)
        r->stray[r->strays++] = file;
    report_status(r, cmd, status);
}

static void run_open(struct run *r, const struct scn_cmd *cmd)
{
    drvhost_file *file = NULL;
    char *path = NULL;
    int32_t status = host_device_path(cmd->str, &path); /* `@INSTANCE`: its PDO's name */
    if (status >= 0)
        status = drvhost_open(path, cmd->access, &file);
    free(path);
    finish_open(r, cmd, status, file);
}

/* A handle whose open failed at run time: the command cannot run, which is a failure. */
static drvhost_file *need_file(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    drvhost_file *file = r->files[cmd->handle];
    if (file)
        return file;
    fail(&v, "handle '%s' is not open (its open failed)", r->s->handle_names[cmd->handle]);
    report(r, cmd, "not run", &v);
    return NULL;
}

static void run_close(struct run *r, const struct scn_cmd *cmd)
{
    drvhost_file *file = need_file(r, cmd);
    if (!file)
        return;
    r->files[cmd->handle] = NULL;
    report_status(r, cmd, drvhost_close(file));
}

static void io_desc(const struct scn_cmd *cmd, drvhost_io_desc *d, uint8_t *buf)
{
    memset(d, 0, sizeof *d);
    d->op = cmd->kind == SCN_READ    ? DRVHOST_OP_READ
            : cmd->kind == SCN_WRITE ? DRVHOST_OP_WRITE
            : cmd->internal          ? DRVHOST_OP_INTERNAL_IOCTL
                                     : DRVHOST_OP_IOCTL;
    d->code = cmd->code;
    d->input = cmd->data.size ? cmd->data.data : NULL;
    d->input_size = cmd->data.size;
    d->output = buf;
    d->output_size = buf ? cmd->out_size : 0;
    d->offset = cmd->offset;
}

static void run_async(struct run *r, const struct scn_cmd *cmd, drvhost_file *file, uint8_t *buf,
                      uint8_t *in)
{
    struct req_slot *slot = &r->reqs[cmd->tag];
    drvhost_io_desc d;
    drvhost_request *req = NULL;
    int32_t status;
    io_desc(cmd, &d, buf);
    if (in)
        d.input = in;
    status = drvhost_io_start(file, &d, &req);
    os_mutex_lock(&r->reqs_lock);
    *slot = (struct req_slot){req, buf, cmd->out_size, cmd->line, in};
    os_mutex_unlock(&r->reqs_lock);
    if (!req) {
        free(buf);
        free(in);
    }
    report_status(r, cmd, status);
}

/* handle=E@OFFSET: a copy of the input with event E's handle (8 bytes, little-endian, as a
 * HANDLE field of an x64 structure) at OFFSET. NULL when out of memory. */
static uint8_t *input_with_handle(struct run *r, const struct scn_cmd *cmd)
{
    uint64_t h = r->events[cmd->event];
    uint8_t *in = malloc(cmd->data.size);
    if (!in)
        return NULL;
    memcpy(in, cmd->data.data, cmd->data.size);
    for (int i = 0; i < 8; i++)
        in[cmd->event_offset + (size_t)i] = (uint8_t)(h >> (8 * i));
    return in;
}

/* drvhost_io, with the watchdog told when the dispatch routine returned STATUS_PENDING, so that
 * a hang report tells a request the driver is still dispatching from one it pended. */
static int32_t run_sync_io(drvhost_file *file, const drvhost_io_desc *d, drvhost_iosb *iosb)
{
    drvhost_request *req = NULL;
    int32_t status = drvhost_io_start(file, d, &req);
    if (req == NULL) {
        *iosb = (drvhost_iosb){status, 0};
        return status;
    }
    host_watch_pending(req);
    status = drvhost_request_wait(req, UINT32_MAX, iosb);
    host_watch_pending(NULL);
    drvhost_request_free(req);
    return status;
}

static void keep_output(struct kept_out *k, int32_t status, const drvhost_iosb *iosb,
                        const uint8_t *buf, size_t size)
{
    k->size = 0;
    if (status < 0 || buf == NULL)
        return;
    k->size = iosb->information < size ? (size_t)iosb->information : size;
    if (k->size > sizeof k->bytes)
        k->size = sizeof k->bytes;
    memcpy(k->bytes, buf, k->size);
}

static void run_io(struct run *r, const struct scn_cmd *cmd)
{
    drvhost_file *file = need_file(r, cmd);
    uint8_t *buf = NULL;
    drvhost_io_desc d;
    drvhost_iosb iosb = {0, 0};
    int32_t status;
    uint8_t *in = NULL;
    if (!file)
        return;
    if ((cmd->out_size && !(buf = calloc(1, cmd->out_size))) ||
        (cmd->event >= 0 && !(in = input_with_handle(r, cmd)))) {
        struct verdict v = {0};
        fail(&v, "out of memory for the request's buffers");
        report(r, cmd, "not run", &v);
        free(buf);
        return;
    }
    /* out-init=: what the program put in its output buffer before the call (the parser made
     * the buffer at least that large) */
    if (cmd->out_init.size)
        memcpy(buf, cmd->out_init.data, cmd->out_init.size);
    if (cmd->async) {
        run_async(r, cmd, file, buf, in);
        return;
    }
    io_desc(cmd, &d, buf);
    if (in)
        d.input = in;
    status = run_sync_io(file, &d, &iosb);
    report_io(r, cmd, status, &iosb, buf, cmd->out_size);
    keep_output(&r->kept[cmd->handle], status, &iosb, buf, cmd->out_size);
    free(buf);
    free(in);
}

static void free_request(struct run *r, struct req_slot *slot)
{
    struct req_slot gone = *slot;
    os_mutex_lock(&r->reqs_lock);
    *slot = (struct req_slot){0};
    os_mutex_unlock(&r->reqs_lock);
    drvhost_request_free(gone.req);
    free(gone.buf);
    free(gone.in);
}

static void run_wait(struct run *r, const struct scn_cmd *cmd)
{
    struct req_slot *slot = &r->reqs[cmd->tag];
    drvhost_iosb iosb = {0, 0};
    struct verdict v = {0};
    int32_t status;
    if (!slot->req) {
        fail(&v, "request '%s' was not issued", r->s->tag_names[cmd->tag]);
        report(r, cmd, "not run", &v);
        return;
    }
    status = drvhost_request_wait(slot->req, cmd->ms, &iosb);
    if (status == STATUS_TIMEOUT_VALUE) {
        /* Still pending: kept for the final clean-up. */
        fail(&v, "timed out after %u ms", cmd->ms);
        report(r, cmd, "STATUS_PENDING", &v);
        return;
    }
    report_io(r, cmd, status, &iosb, slot->buf, slot->size);
    free_request(r, slot);
}

static void run_cancel(struct run *r, const struct scn_cmd *cmd)
{
    struct req_slot *slot = &r->reqs[cmd->tag];
    struct verdict v = {0};
    int called;
    if (!slot->req) {
        fail(&v, "request '%s' was not issued", r->s->tag_names[cmd->tag]);
        report(r, cmd, "not run", &v);
        return;
    }
    called = drvhost_request_cancel(slot->req);
    if (cmd->expect_cancelled >= 0 && called != cmd->expect_cancelled)
        fail(&v, "expected expect-cancelled=%s", cmd->expect_cancelled ? "yes" : "no");
    report(r, cmd, called ? "cancel routine called" : "no cancel routine called", &v);
}

/* event, event-wait, event-reset, event-close: the client's own event objects. */
static void run_event(struct run *r, const struct scn_cmd *cmd)
{
    uint64_t *h = &r->events[cmd->event];
    int32_t status;
    switch (cmd->kind) {
    case SCN_EVENT:
        status = drvhost_event_create((int)cmd->code, h);
        break;
    case SCN_EVENT_WAIT:
        status = drvhost_event_wait(*h, cmd->ms);
        break;
    case SCN_EVENT_RESET:
        status = drvhost_event_reset(*h);
        break;
    default:
        status = drvhost_event_close(*h);
        *h = 0;
        break;
    }
    report_status(r, cmd, status);
}

static void run_sleep(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    os_sleep_ns((uint64_t)cmd->ms * 1000000u);
    report(r, cmd, "slept", &v);
}

static void run_settle(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    host_settle();
    report(r, cmd, "settled", &v);
}

/* ---- Plug and Play ----------------------------------------------------------------------- */

/* open H {GUID} [N]: like open H PATH (the same handle rules). */
static void run_open_interface(struct run *r, const struct scn_cmd *cmd)
{
    drvhost_file *file = NULL;
    int32_t status = drvhost_open_interface(cmd->str, cmd->code, cmd->access, &file);
    finish_open(r, cmd, status, file);
}

/* install: a malformed package's "FILE:LINE: problem" is the detail line. */
static void run_install(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    char msg[512] = "", buf[16];
    int32_t status = drvhost_pnp_install(cmd->str, msg, sizeof msg);
    check_status(cmd, status, &v);
    if (status < 0 && msg[0])
        detail(&v, "    %s\n", msg);
    report(r, cmd, status_text(status, buf), &v);
}

/* device: "STATUS INSTANCE" (the instance ID even when the device could not start). */
static void run_device(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    char instance[256] = "", buf[16], result[300], *copy = NULL;
    const char *ids[64];
    size_t n = 0;
    if (cmd->value_name != NULL && (copy = strdup(cmd->value_name)) != NULL)
        for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && n < 64;
             t = strtok_r(NULL, ",", &save))
            ids[n++] = t;
    int32_t status = drvhost_device_create(cmd->name, ids, n, instance, sizeof instance);
    free(copy);
    check_status(cmd, status, &v);
    snprintf(result, sizeof result, "%s %s", status_text(status, buf),
             instance[0] ? instance : "-");
    report(r, cmd, result, &v);
}

/* usb-device FILE, ps2-device KIND: "STATUS INSTANCE" as `device`; a malformed FILE's problem
 * follows. */
static void run_plug_device(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    char instance[256] = "", msg[512] = "", buf[16], result[300];
    int32_t status =
        cmd->kind == SCN_PS2_DEVICE
            ? drvhost_ps2_device_create((int)cmd->code, instance, sizeof instance)
            : drvhost_usb_device_create(cmd->str, instance, sizeof instance, msg, sizeof msg);
    check_status(cmd, status, &v);
    if (status < 0 && msg[0])
        detail(&v, "    %s\n", msg);
    snprintf(result, sizeof result, "%s %s", status_text(status, buf),
             instance[0] ? instance : "-");
    report(r, cmd, result, &v);
}

/* resources HWID SPEC...: a bad SPEC's problem follows the status. */
static void run_resources(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    char msg[256] = "", buf[16];
    int32_t status = drvhost_device_resources(cmd->name, cmd->str, msg, sizeof msg);
    check_status(cmd, status, &v);
    if (msg[0] != '\0')
        detail(&v, "    %s\n", msg);
    report(r, cmd, status_text(status, buf), &v);
}

static int32_t run_pnp(const struct scn_cmd *cmd)
{
    switch (cmd->kind) {
    case SCN_DEVICE_ACTION:
        return drvhost_device_action(cmd->name, (int)cmd->code);
    case SCN_RESCAN:
        return drvhost_pnp_rescan();
    case SCN_SYSTEM_SLEEP:
        return drvhost_system_sleep();
    default:
        return drvhost_system_wake();
    }
}

/* tree: the result line, then the tree (docs/pnp.md). */
static void run_tree(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    report(r, cmd, "printed", &v);
    drvhost_pnp_tree(r->out);
}

/* trace: the settings apply at once, or when the driver calls WPP_INIT_TRACING. */
static void run_trace(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    char err[256];
    if (trace_set(cmd->name, cmd->code, cmd->str, err, sizeof err) < 0)
        fail(&v, "%s", err);
    report(r, cmd, "set", &v);
}

/* identity: the client identity of the opens that follow (validated when parsed). */
static void run_identity(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    NTSTATUS status = se_identity_set(cmd->name);
    if (!NT_SUCCESS(status))
        fail(&v, "identity '%s' refused: 0x%08X", cmd->name, (unsigned)status);
    report(r, cmd, "set", &v);
}

/* counters: a counter set's instances and values as a consumer collects them (ex/pcw.c), one
 * line each after the result line. */
static void run_counters(struct run *r, const struct scn_cmd *cmd)
{
    static char text[16384]; /* the scenario runs one command at a time */
    struct ex_pcw_text out = {text, sizeof text, 0};
    struct verdict v = {0};
    char err[256], result[32];
    int n;
    text[0] = 0;
    n = ex_pcw_collect(cmd->name, &out, err, sizeof err);
    if (n < 0)
        fail(&v, "%s", err);
    else if (cmd->wmi.check_count && (unsigned)n != cmd->wmi.count)
        fail(&v, "expected %u instances", cmd->wmi.count);
    snprintf(result, sizeof result, "%d instances", n < 0 ? 0 : n);
    report(r, cmd, result, &v);
    fputs(text, r->out);
}

/* wdflogdump: the driver's in-flight recorder, after the result line. */
static void run_wdflogdump(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    fflush(r->out);
    if (!trace_recorder_exists(cmd->name)) {
        fail(&v, "driver '%s' has no in-flight recorder", cmd->name);
        report(r, cmd, "none", &v);
        return;
    }
    report(r, cmd, "printed", &v);
    trace_recorder_dump(cmd->name, r->out);
}

/* wmi, wmi-event: the status, Information and what the WNODE says (scenario_wmi.c). */
static void run_wmi(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    struct scn_wmi_answer a;
    char st[16], result[160];
    scn_wmi_run(cmd, &a);
    check_status(cmd, a.status, &v);
    if (a.error[0])
        fail(&v, "%s", a.error);
    if (cmd->wmi.check_too_small && (!a.too_small || a.size_needed != cmd->wmi.too_small))
        fail(&v, "expected a WNODE_TOO_SMALL with SizeNeeded %u", cmd->wmi.too_small);
    if (cmd->wmi.check_count && (!a.has_count || a.count != cmd->wmi.count))
        fail(&v, "expected %u %s", cmd->wmi.count, cmd->code == 0 ? "instances" : "GUIDs");
    if (cmd->kind == SCN_WMI_EVENT && cmd->wmi.check_instance &&
        (!a.has_instance || a.instance != cmd->wmi.instance))
        fail(&v, "expected instance %u", cmd->wmi.instance);
    if (cmd->check_out)
        check_bytes(cmd, a.data, a.size, a.size, &v);
    detail(&v, "%s", a.detail);
    snprintf(result, sizeof result, "%s info=%llu%s", status_text(a.status, st),
             (unsigned long long)a.info, a.summary);
    report(r, cmd, result, &v);
    scn_wmi_answer_free(&a);
}

/* ---- expect-bugcheck --------------------------------------------------------------------- */

/* Global because the handler can run on any thread, even after the run returned. The fields are
 * written by the runner's thread before armed is set; armed, phase and step are read by the
 * handler on whatever thread bug-checked, hence atomic. The phase only moves forward: a bug check
 * that begins on another thread (a DPC, a work item) just as the last step ends is charged to
 * the end of the scenario, never one of the end to the steps. */
enum {
    EXPECT_IN_STEPS,
    EXPECT_AT_END
};
static struct {
    FILE *out;
    uint32_t code;
    uint64_t p1;
    int p1_address;
    int at_end; /* at-end: the bug check must come from the end of the run, not from a step */
    unsigned line;
    int armed;
    int phase;     /* EXPECT_IN_STEPS until the last step ended, then EXPECT_AT_END */
    unsigned step; /* the line of the step running */
    int shutdown;  /* the end of the run has reached the runtime's shutdown (named, same phase) */
} bugcheck_expect;

static int bugcheck_expected(uint32_t code, uint64_t p1)
{
    if (code != bugcheck_expect.code)
        return 0;
    return bugcheck_expect.p1_address ? p1 >= 0x10000 : p1 == bugcheck_expect.p1;
}

/* Where the expected bug check must come from: the steps, or the end of the run (at-end). */
static int expected_phase(void)
{
    return bugcheck_expect.at_end ? EXPECT_AT_END : EXPECT_IN_STEPS;
}

/* "LINE: expect-bugcheck CODE [at-end] -> bug check CODE (P1, ...) [WHERE] ok|FAILED[: WHY]".
 * WHERE is named when the bug check came from the end of the run or from the wrong place. */
static void print_bugcheck_verdict(uint32_t code, uint64_t p1, int phase, int ok)
{
    int placed = phase == expected_phase();
    char where[64] = "";
    if (phase == EXPECT_AT_END)
        snprintf(where, sizeof where, " at the end of the scenario%s",
                 __atomic_load_n(&bugcheck_expect.shutdown, __ATOMIC_SEQ_CST) ? " (shutdown)" : "");
    else if (!placed)
        snprintf(where, sizeof where, " in the step on line %u",
                 __atomic_load_n(&bugcheck_expect.step, __ATOMIC_SEQ_CST));
    fprintf(bugcheck_expect.out, "%u: expect-bugcheck 0x%X%s -> bug check 0x%X (0x%llX, ...)%s %s",
            bugcheck_expect.line, bugcheck_expect.code, bugcheck_expect.at_end ? " at-end" : "",
            code, (unsigned long long)p1, where, ok ? "ok" : "FAILED");
    if (!placed)
        fputs(bugcheck_expect.at_end
                  ? ": expected from the end of the scenario, after its last step"
                  : ": expected from the scenario's steps (at-end: from its end)",
              bugcheck_expect.out);
    fputc('\n', bugcheck_expect.out);
}

/* Met only by the expected code and parameter 1 from the expected place; the process ends here
 * either way. Disarmed (before the line, after the run), it does what the default handler does. */
static void bugcheck_handler(uint32_t code, const uint64_t params[4], void *context)
{
    int phase = __atomic_load_n(&bugcheck_expect.phase, __ATOMIC_SEQ_CST);
    int armed = __atomic_load_n(&bugcheck_expect.armed, __ATOMIC_SEQ_CST);
    int ok = armed && bugcheck_expected(code, params[0]) && phase == expected_phase();
    (void)context;
    if (armed)
        print_bugcheck_verdict(code, params[0], phase, ok);
    fflush(bugcheck_expect.out);
    fflush(stderr);
    _Exit(ok ? DRVHOST_EXIT_OK : DRVHOST_EXIT_BUGCHECK);
}

static void run_expect_bugcheck(struct run *r, const struct scn_cmd *cmd)
{
    struct verdict v = {0};
    bugcheck_expect.out = r->out;
    bugcheck_expect.code = cmd->code;
    bugcheck_expect.p1 = cmd->p1;
    bugcheck_expect.p1_address = cmd->p1_address;
    bugcheck_expect.at_end = cmd->at_end;
    bugcheck_expect.line = cmd->line;
    __atomic_store_n(&bugcheck_expect.armed, 1, __ATOMIC_SEQ_CST);
    drvhost_set_bugcheck_handler(bugcheck_handler, NULL);
    report(r, cmd, cmd->at_end ? "armed for the end of the scenario" : "armed", &v);
    fflush(r->out);
}

/* Reached the end without the expected bug check. The handler stays installed (the embedding
 * API cannot restore the previous one) but behaves like the default one once disarmed. */
static void finish_expect_bugcheck(struct run *r)
{
    if (!__atomic_exchange_n(&bugcheck_expect.armed, 0, __ATOMIC_SEQ_CST))
        return;
    fprintf(r->out, "%u: expect-bugcheck 0x%X%s -> no bug check FAILED\n", bugcheck_expect.line,
            bugcheck_expect.code, bugcheck_expect.at_end ? " at-end" : "");
    r->failed++;
}

/* ---- the run ----------------------------------------------------------------------------- */

static int32_t run_setup(const struct scn_cmd *cmd, const char *script_dir)
{
    switch (cmd->kind) {
    case SCN_SERVICE:
        return host_service_add(cmd->name, cmd->str, script_dir);
    case SCN_REG_SET:
        return drvhost_reg_set(cmd->str, cmd->value_name, cmd->reg_type, cmd->data.data,
                               cmd->data.size);
    case SCN_REG_IMPORT:
        return drvhost_reg_import(cmd->str);
    case SCN_LOAD:
        return drvhost_driver_load(cmd->name);
    default:
        return drvhost_driver_unload(cmd->name);
    }
}

static void run_command(struct run *r, const struct scn_cmd *cmd)
{
    switch (cmd->kind) {
    case SCN_SERVICE:
    case SCN_REG_SET:
    case SCN_REG_IMPORT:
    case SCN_LOAD:
    case SCN_UNLOAD:
        report_status(r, cmd, run_setup(cmd, r->s->dir));
        break;
    case SCN_OPEN:
        run_open(r, cmd);
        break;
    case SCN_CLOSE:
        run_close(r, cmd);
        break;
    case SCN_IOCTL:
    case SCN_READ:
    case SCN_WRITE:
        run_io(r, cmd);
        break;
    case SCN_WAIT:
        run_wait(r, cmd);
        break;
    case SCN_CANCEL:
        run_cancel(r, cmd);
        break;
    case SCN_SLEEP:
        run_sleep(r, cmd);
        break;
    case SCN_SETTLE:
        run_settle(r, cmd);
        break;
    case SCN_ECHO:
        fprintf(r->out, "%s\n", cmd->str);
        break;
    case SCN_EXPECT_BUGCHECK:
        run_expect_bugcheck(r, cmd);
        break;
    case SCN_OPEN_INTERFACE:
        run_open_interface(r, cmd);
        break;
    case SCN_INSTALL:
        run_install(r, cmd);
        break;
    case SCN_DEVICE:
        run_device(r, cmd);
        break;
    case SCN_USB_DEVICE:
    case SCN_PS2_DEVICE:
        run_plug_device(r, cmd);
        break;
    case SCN_PS2_IN:
        report_status(r, cmd, drvhost_ps2_input(cmd->name, cmd->data.data, cmd->data.size));
        break;
    case SCN_PS2_STATE:
        run_ps2_state(r, cmd);
        break;
    case SCN_PS2_HOLD:
        report_status(r, cmd, drvhost_ps2_hold(cmd->name, cmd->code, (unsigned)cmd->p1));
        break;
    case SCN_USB_IN:
        report_status(r, cmd,
                      drvhost_usb_input(cmd->name, cmd->code, cmd->data.data, cmd->data.size));
        break;
    case SCN_TCP_ECHO:
        run_tcp_echo(r, cmd);
        break;
    case SCN_UART_IN:
        report_status(r, cmd, drvhost_uart_input(cmd->code, cmd->data.data, cmd->data.size));
        break;
    case SCN_UART_LINES:
        report_status(r, cmd, drvhost_uart_lines(cmd->code, (unsigned)cmd->p1));
        break;
    case SCN_UART_BREAK:
        report_status(r, cmd, drvhost_uart_break(cmd->code));
        break;
    case SCN_UART_ANSWER:
        report_status(r, cmd, drvhost_uart_answer(cmd->code, cmd->data.data, cmd->data.size));
        break;
    case SCN_UART_OUT:
        run_uart_out(r, cmd);
        break;
    case SCN_DEVICE_ACTION:
    case SCN_RESCAN:
    case SCN_SYSTEM_SLEEP:
    case SCN_SYSTEM_WAKE:
        report_status(r, cmd, run_pnp(cmd));
        break;
    case SCN_TREE:
        run_tree(r, cmd);
        break;
    case SCN_TRACE:
        run_trace(r, cmd);
        break;
    case SCN_WDFLOGDUMP:
        run_wdflogdump(r, cmd);
        break;
    case SCN_COUNTERS:
        run_counters(r, cmd);
        break;
    case SCN_WMI:
    case SCN_WMI_EVENT:
        run_wmi(r, cmd);
        break;
    case SCN_POWER_SETTING:
        report_status(r, cmd,
                      po_power_setting_set((const GUID *)cmd->wmi.guid, cmd->data.data,
                                           (ULONG)cmd->data.size));
        break;
    case SCN_IDENTITY:
        run_identity(r, cmd);
        break;
    case SCN_EVENT:
    case SCN_EVENT_WAIT:
    case SCN_EVENT_RESET:
    case SCN_EVENT_CLOSE:
        run_event(r, cmd);
        break;
    case SCN_DEBUGGER:
        report_status(r, cmd, drvhost_debugger((int)cmd->code));
        break;
    case SCN_RESOURCES:
        run_resources(r, cmd);
        break;
    case SCN_INTERRUPT:
        report_status(r, cmd, drvhost_device_interrupt(cmd->name, cmd->code));
        break;
    case SCN_CONNECTION:
        report_status(
            r, cmd,
            drvhost_resource_hub_connection(cmd->p1, cmd->name, cmd->data.data, cmd->data.size));
        break;
    case SCN_UCM_ROLE:
        report_status(r, cmd,
                      (cmd->code & SCN_UCM_POWER)
                          ? drvhost_ucm_set_power_role(cmd->p1, cmd->code & ~SCN_UCM_POWER)
                          : drvhost_ucm_set_data_role(cmd->p1, cmd->code));
        break;
    }
    /* Each result line goes out before the next command runs, so that it precedes the driver's
     * debug output and a bug-check report on a shared terminal or log. */
    fflush(r->out);
}

/* ---- the watchdog's view --------------------------------------------------------------- */

/* The hang time-out of a command: its own timeout=, else the run's; a command that waits or
 * sleeps on purpose gets that time on top. 0: not watched (no watchdog in this host). */
static uint32_t run_timeout(const struct scn_cmd *cmd)
{
    uint32_t base = cmd->hang_ms ? cmd->hang_ms : host_watch_default_timeout();
    if (base == 0 || cmd->kind == SCN_EXPECT_BUGCHECK)
        return 0;
    if (cmd->kind == SCN_WAIT || cmd->kind == SCN_SLEEP || cmd->kind == SCN_EVENT_WAIT)
        return cmd->ms > UINT32_MAX - base ? UINT32_MAX : cmd->ms + base;
    return base;
}

static void run_activity(struct run *r, const struct scn_cmd *cmd, struct host_activity *a)
{
    int io = cmd->kind == SCN_IOCTL || cmd->kind == SCN_READ || cmd->kind == SCN_WRITE;
    drvhost_io_desc d;
    *a = (struct host_activity){.file = r->s->filename,
                                .line = cmd->line,
                                .text = cmd->text,
                                .op = -1,
                                .timeout_ms = run_timeout(cmd)};
    if (io && cmd->handle >= 0) {
        io_desc(cmd, &d, NULL);
        a->handle = r->files[cmd->handle];
        a->op = (int)d.op;
        a->code = cmd->code;
    }
}

/* The async requests not waited for yet, for the hang and interrupt reports (watchdog thread). */
static void run_outstanding(void *context, FILE *to)
{
    struct run *r = context;
    char state[300];
    os_mutex_lock(&r->reqs_lock);
    for (size_t k = 0; k < r->s->tag_count; k++) {
        struct req_slot *slot = &r->reqs[k];
        if (slot->req == NULL)
            continue;
        host_request_state(slot->req, state, sizeof(state));
        fprintf(to, "    request '%s' (line %u): %s\n", r->s->tag_names[k], slot->line, state);
    }
    os_mutex_unlock(&r->reqs_lock);
}

/* Closes the handles still open first (cleanup lets drivers complete what they queued), then
 * waits for and frees the requests nobody waited for. */
static void run_cleanup(struct run *r)
{
    char buf[16];
    struct host_activity end = {.file = r->s->filename,
                                .line = 0,
                                .text = "end of the scenario: closing its handles",
                                .op = -1,
                                .timeout_ms = host_watch_default_timeout()};
    host_watch_begin(&end);
    for (size_t k = 0; k < r->strays; k++)
        drvhost_close(r->stray[k]);
    for (size_t h = 0; h < r->s->handle_count; h++) {
        int32_t status;
        if (!r->files[h])
            continue;
        status = drvhost_close(r->files[h]);
        r->files[h] = NULL;
        if (status != STATUS_SUCCESS_VALUE)
            fprintf(r->out, "end: close %s -> %s (ignored)\n", r->s->handle_names[h],
                    status_text(status, buf));
    }
    host_watch_end();
    end.text = "end of the scenario: waiting for its requests";
    if (end.timeout_ms)
        end.timeout_ms += SCN_DEFAULT_TIMEOUT_MS;
    host_watch_begin(&end);
    for (size_t k = 0; k < r->s->tag_count; k++) {
        struct req_slot *slot = &r->reqs[k];
        if (!slot->req)
            continue;
        if (drvhost_request_wait(slot->req, SCN_DEFAULT_TIMEOUT_MS, NULL) == STATUS_TIMEOUT_VALUE) {
            fprintf(r->out, "end: request '%s' (line %u) still pending after %u ms FAILED\n",
                    r->s->tag_names[k], slot->line, SCN_DEFAULT_TIMEOUT_MS);
            r->failed++;
            continue; /* leaked with its buffer: freeing it would block */
        }
        free_request(r, slot);
    }
    host_watch_end();
    for (size_t e = 0; e < r->s->event_count; e++)
        if (r->events[e])
            drvhost_event_close(r->events[e]); /* as process exit closes its handles */
}

/* Runs the steps; when the last one has ended, an expected bug check must come from the end of
 * the run instead (at-end), and a plain expectation can no longer be met. */
static void run_commands(struct run *r)
{
    struct host_activity a;
    __atomic_store_n(&bugcheck_expect.phase, EXPECT_IN_STEPS, __ATOMIC_SEQ_CST);
    for (size_t i = 0; i < r->s->count; i++) {
        __atomic_store_n(&bugcheck_expect.step, r->s->cmds[i].line, __ATOMIC_SEQ_CST);
        run_activity(r, &r->s->cmds[i], &a);
        host_watch_begin(&a);
        run_command(r, &r->s->cmds[i]);
        host_pnp_settle();
        host_watch_end();
        r->commands++;
    }
    __atomic_store_n(&bugcheck_expect.phase, EXPECT_AT_END, __ATOMIC_SEQ_CST);
}

/* The last part of the end of the run (drvhost run): the runtime's shutdown, which closes what
 * is still open and unloads the drivers still loaded (DriverUnload, the pool leak check 0xC4/0x62
 * and the other unload checks). A bug check there is in the phase EXPECT_AT_END, still armed.
 * Returns drvhost_shutdown's status. */
static int32_t run_shutdown(void)
{
    int32_t down;
    __atomic_store_n(&bugcheck_expect.shutdown, 1, __ATOMIC_SEQ_CST);
    down = drvhost_shutdown();
    __atomic_store_n(&bugcheck_expect.shutdown, 0, __ATOMIC_SEQ_CST);
    return down;
}

/* The run's exit status with the shutdown's result: a registry file not saved is status 5
 * (unless something worse happened), leaks reported at shutdown (devices, objects) fail a run
 * that otherwise passed. */
static int with_shutdown_status(int status, int32_t down)
{
    if (down == DRVHOST_STATUS_REGISTRY_IO_FAILED &&
        (status == DRVHOST_EXIT_OK || status == DRVHOST_EXIT_EXPECTATION))
        return DRVHOST_EXIT_SAVE_FAILED; /* the reason was printed */
    if (down != 0 && status == DRVHOST_EXIT_OK)
        return DRVHOST_EXIT_EXPECTATION; /* the leaks were reported */
    return status;
}

/* A scenario that cannot run: status 2 whatever the shutdown (if asked for) reports. */
static int malformed(int shutdown)
{
    if (shutdown)
        drvhost_shutdown();
    return DRVHOST_EXIT_MALFORMED;
}

static int run_script(const struct scn_script *s, FILE *out, FILE *err, int shutdown)
{
    int32_t down = 0;
    struct run r = {.s = s, .out = out};
    r.files = calloc(s->handle_count + 1, sizeof *r.files);
    r.reqs = calloc(s->tag_count + 1, sizeof *r.reqs);
    r.stray = calloc(s->count + 1, sizeof *r.stray);
    r.events = calloc(s->event_count + 1, sizeof *r.events);
    r.kept = calloc(s->handle_count + 1, sizeof *r.kept);
    if (!r.files || !r.reqs || !r.stray || !r.events || !r.kept) {
        fprintf(err, "%s: error: out of memory\n", s->filename);
        free(r.files);
        free(r.reqs);
        free(r.stray);
        free(r.events);
        free(r.kept);
        return malformed(shutdown);
    }
    os_mutex_init(&r.reqs_lock);
    host_watch_set_outstanding(run_outstanding, &r);
    run_commands(&r);
    run_cleanup(&r);
    host_watch_set_outstanding(NULL, NULL);
    if (shutdown)
        down = run_shutdown();
    finish_expect_bugcheck(&r);
    fprintf(out, "%s: %zu commands, %zu failed\n", s->filename, r.commands, r.failed);
    fflush(out);
    os_mutex_destroy(&r.reqs_lock);
    free(r.files);
    free(r.reqs);
    free(r.stray);
    free(r.events);
    free(r.kept);
    return with_shutdown_status(r.failed ? DRVHOST_EXIT_EXPECTATION : DRVHOST_EXIT_OK, down);
}

/* shutdown: the run ends with drvhost_shutdown (also when the scenario cannot be read). */
static int run_file(const char *path, FILE *out, FILE *err, int shutdown)
{
    struct scn_script *script;
    size_t len = 0;
    void *text = NULL;
    int error = os_file_read(path, SCN_MAX_FILE, &text, &len), rc;
    if (error != 0) {
        fprintf(err, "drvhost: cannot read scenario '%s': %s\n", path,
                error == EFBIG ? "larger than 16 MiB (is it a scenario?)" : os_error_text(error));
        return malformed(shutdown);
    }
    rc = scn_parse(text, len, path, &script, err);
    free(text);
    if (rc < 0)
        return malformed(shutdown);
    rc = run_script(script, out, err, shutdown);
    scn_script_free(script);
    return rc;
}

DRVHOST_API int drvhost_run_scenario(const char *path, FILE *out, FILE *err)
{
    return run_file(path, out, err, 0);
}

DRVHOST_API int drvhost_run_scenario_and_shutdown(const char *path, FILE *out, FILE *err)
{
    return run_file(path, out, err, 1);
}
