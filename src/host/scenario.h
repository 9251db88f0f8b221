/*
 * scenario.h - the scenario language of `drvhost run` (see docs/scenario.md).
 *
 * scenario_parse.c turns the text of a scenario into a struct scn_script without touching the
 * runtime (apart from the pure table lookup drvhost_status_parse), and performs every static
 * check (handles used before `open`, async tags, defines) so that a malformed scenario is
 * rejected before anything runs. scenario_run.c executes a parsed script.
 */
#ifndef DRVHOST_HOST_SCENARIO_H
#define DRVHOST_HOST_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Parsing stops after this many errors. */
#define SCN_MAX_ERRORS 20
/* Largest DATA value, out= size or zero:/repeat: count accepted. */
#define SCN_MAX_DATA (64u * 1024 * 1024)
/* CTL_CODE(...) may nest inside CTL_CODE(...) this deep. */
#define SCN_MAX_NESTING 16
/* Largest scenario file accepted. */
#define SCN_MAX_FILE (16u * 1024 * 1024)
/* Default time-out of `wait` and of the final clean-up of requests still in flight. */
#define SCN_DEFAULT_TIMEOUT_MS 10000u

enum scn_kind {
    SCN_SERVICE,         /* service NAME IMAGE */
    SCN_REG_SET,         /* reg set KEY NAME TYPE DATA... */
    SCN_REG_IMPORT,      /* reg import FILE (a regedit .reg file) */
    SCN_LOAD,            /* load NAME */
    SCN_UNLOAD,          /* unload NAME */
    SCN_OPEN,            /* open H PATH */
    SCN_CLOSE,           /* close H */
    SCN_IOCTL,           /* ioctl H CODE */
    SCN_READ,            /* read H N */
    SCN_WRITE,           /* write H DATA */
    SCN_WAIT,            /* wait TAG */
    SCN_CANCEL,          /* cancel TAG */
    SCN_SLEEP,           /* sleep MS */
    SCN_ECHO,            /* echo TEXT... */
    SCN_EXPECT_BUGCHECK, /* expect-bugcheck CODE P1 [at-end] */
    SCN_INSTALL,         /* install FILE.inf */
    SCN_DEVICE,          /* device HWID [compatible=ID,...] */
    SCN_OPEN_INTERFACE,  /* open H {GUID} [N] */
    SCN_DEVICE_ACTION,   /* remove|unplug|disable|enable|restart INSTANCE (code: the action) */
    SCN_RESCAN,          /* rescan */
    SCN_SYSTEM_SLEEP,    /* sleep (no argument): the system sleeps (S3) */
    SCN_SYSTEM_WAKE,     /* wake */
    SCN_TREE,            /* tree */
    SCN_TRACE,           /* trace DRIVER [level=LEVEL] [flags=FLAGS] */
    SCN_WDFLOGDUMP,      /* wdflogdump DRIVER */
    SCN_WMI,             /* wmi DEVICE REQUEST [GUID] (code: the IRP_MN_ minor) */
    SCN_WMI_EVENT,       /* wmi-event DEVICE GUID */
    SCN_IDENTITY,        /* identity SPEC (drvhost_client_identity) */
    SCN_EVENT,           /* event E [manual|auto] (drvhost_event_create; code: 1 manual) */
    SCN_EVENT_WAIT,      /* event-wait E */
    SCN_EVENT_RESET,     /* event-reset E */
    SCN_EVENT_CLOSE,     /* event-close E */
    SCN_DEBUGGER,        /* debugger go|none (code: DRVHOST_DEBUGGER_*) */
    SCN_RESOURCES,       /* resources HWID SPEC... (str: the SPEC words joined) */
    SCN_INTERRUPT,       /* interrupt INSTANCE [INDEX] (code: INDEX) */
    SCN_USB_DEVICE,      /* usb-device FILE (str: the resolved FILE; docs/usb.md) */
    SCN_USB_IN,          /* usb-in INSTANCE ENDPOINT DATA (code: ENDPOINT) */
    SCN_POWER_SETTING,   /* power-setting GUID VALUE (wmi.guid; data: the value's bytes) */
    SCN_SETTLE,          /* settle: queued DPCs and work items have run (host_settle) */
    SCN_COUNTERS,        /* counters NAME [expect-instances=N] (wmi.count: N) */
    SCN_UART_IN,         /* uart-in PORT DATA (code: PORT; docs/uart.md) */
    SCN_UART_OUT,        /* uart-out PORT [expect-out=DATA] (code: PORT) */
    SCN_UART_LINES,      /* uart-lines PORT [cts] [dsr] [ri] [dcd] (code: PORT; p1: MSR bits) */
    SCN_UART_ANSWER,     /* uart-answer PORT DATA (code: PORT) */
    SCN_UART_BREAK,      /* uart-break PORT (code: PORT) */
    SCN_CONNECTION,      /* connection ID INSTANCE DATA (p1: ID; reshub, docs/wdf.md SpbCx) */
    SCN_PS2_DEVICE,      /* ps2-device keyboard|mouse (code: 1 mouse; docs/input.md) */
    SCN_PS2_IN,          /* ps2-in INSTANCE DATA */
    SCN_TCP_ECHO,        /* tcp-echo PORT DATA (code: PORT; docs/network.md) */
    SCN_UCM_ROLE,        /* ucm-role ID data|power ROLE (p1: ID; code: ROLE | SCN_UCM_POWER) */
    SCN_PS2_STATE,       /* ps2-state INSTANCE [expect-out=DATA] (docs/input.md) */
    SCN_PS2_HOLD,        /* ps2-hold INSTANCE MAKECODE MS (code: MAKECODE; p1: MS) */
};

/* ucm-role: the power role (else the data role), in code beside the role. */
#define SCN_UCM_POWER 0x80000000u

/* A byte string. data is always followed by one extra NUL byte (not counted in size), so a
 * string without embedded NULs can be used as a C string. */
struct scn_bytes {
    uint8_t *data;
    size_t size;
};

/* One command. Fields not used by a kind are zero (or -1 for the indices). */
struct scn_cmd {
    enum scn_kind kind;
    unsigned line;
    const char *text; /* the command as written, without comment and outer blanks */

    const char *name;       /* service name (service, load, unload), handle name or tag */
    const char *str;        /* service: IMAGE; reg import: resolved FILE; open: PATH; reg set: KEY;
                               echo: text; trace: FLAGS */
    const char *value_name; /* reg set: value name ("" is the default value); device: the
                               compatible IDs, comma-separated (NULL: none) */
    uint32_t reg_type;      /* reg set: DRVHOST_REG_* */
    struct scn_bytes data;  /* reg set: value bytes; write: DATA; ioctl: in= */
    struct scn_bytes out_init; /* ioctl out-init=: the output buffer's first bytes */

    int handle; /* open/close/ioctl/read/write: handle slot, 0..handle_count-1; else -1 */
    int tag;    /* async=, wait, cancel: request slot, 0..tag_count-1; else -1 */
    int async;  /* ioctl/read/write: issued with drvhost_io_start (tag names the slot) */
    int event;  /* event commands: event slot, 0..event_count-1; ioctl/write handle=: the event
                   whose handle goes into the input; else -1 */
    size_t event_offset; /* ioctl/write handle=E@OFFSET: where the 8-byte handle goes in data */

    uint32_t code;    /* ioctl: control code; expect-bugcheck: bug-check code; open {GUID}: the
                         interface's index; device actions: DRVHOST_DEVICE_*; trace: LEVEL */
    uint64_t p1;      /* expect-bugcheck: parameter 1 */
    int p1_address;   /* expect-bugcheck: P1 was `address` (any pointer, >= 0x10000) */
    int at_end;       /* expect-bugcheck at-end: from the end of the run, not from its steps */
    int internal;     /* ioctl: IRP_MJ_INTERNAL_DEVICE_CONTROL */
    uint32_t access;  /* open: access mask */
    size_t out_size;  /* ioctl/read: output buffer size */
    int64_t offset;   /* read/write: ByteOffset */
    uint32_t ms;      /* sleep: duration; wait: time-out */
    uint32_t hang_ms; /* timeout= of any other command: a hang after this long (0: the run's) */

    /* Expectations. Defaults are already applied by the parser. */
    int check_status; /* 0: any status accepted */
    int32_t status;
    int has_status_alt; /* wait expect=A|B: B is accepted too */
    int32_t status_alt;
    int check_info;
    uint64_t info;
    int check_out;
    struct scn_bytes out; /* expected output bytes (Information must equal out.size) */
    int expect_cancelled; /* cancel: -1 no check, 0 or 1 */

    /* wmi, wmi-event (str: the device's name; code: the minor; data: in=; out_size: out=) */
    struct {
        uint8_t guid[16]; /* the GUID as stored in memory (GUID layout) */
        int has_guid;
        uint32_t instance; /* instance=: the instance index (wmi-event: expected) */
        int check_instance;
        uint32_t id; /* item= or method= */
        int check_too_small;
        uint32_t too_small; /* expect-too-small=: WNODE_TOO_SMALL.SizeNeeded */
        int check_count;
        uint32_t count; /* expect-instances= (query-all) or expect-guids= (reginfo) */
    } wmi;

    /* uart-out: expect-divisor=, expect-lcr= (the UART's divisor latch and LCR) */
    struct {
        int check_divisor, check_lcr;
        uint32_t divisor, lcr;
    } uart;
};

struct scn_block; /* private: the arena holding every string and byte array of a script */

struct scn_script {
    const char *filename;
    const char *dir; /* the scenario's folder ("." when its path names none): relative IMAGEs */
    struct scn_cmd *cmds;
    size_t count;
    size_t handle_count;       /* distinct handle names */
    size_t tag_count;          /* distinct async tags */
    size_t event_count;        /* distinct event names */
    const char **handle_names; /* [handle_count] */
    const char **tag_names;    /* [tag_count] */
    const char **event_names;  /* [event_count] */
    struct scn_block *blocks;
};

/* Parses a scenario. filename is used in messages (FILE:LINE:COL: error: ...) and to resolve
 * relative IMAGE paths. Returns 0 and *out, or -1 after printing every error (up to
 * SCN_MAX_ERRORS) to err. */
int scn_parse(const char *text, size_t len, const char *filename, struct scn_script **out,
              FILE *err);
void scn_script_free(struct scn_script *script);

/* What a `wmi` / `wmi-event` command got (scenario_wmi.c). */
struct scn_wmi_answer {
    int32_t status;
    uint64_t info;
    char summary[96];  /* appended to the result: " instances=2 bytes=16", " too-small=96" */
    char detail[1024]; /* reginfo: one line per block */
    char error[160];   /* a malformed answer (a failure) */
    int too_small;     /* the answer is a WNODE_TOO_SMALL */
    uint32_t size_needed;
    int has_count; /* query-all: InstanceCount; reginfo: GuidCount */
    uint32_t count;
    int has_instance; /* wmi-event: the event's InstanceIndex */
    uint32_t instance;
    uint8_t *data; /* the data returned (malloc'd; query-all: every instance's, concatenated) */
    size_t size;
};
/* Runs a wmi or wmi-event command (the runtime is booted). */
void scn_wmi_run(const struct scn_cmd *cmd, struct scn_wmi_answer *a);
void scn_wmi_answer_free(struct scn_wmi_answer *a);

#endif
