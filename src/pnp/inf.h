/*
 * inf.h - the INF parser (src/pnp/inf_parse*.c): an INF file read into sections of lines, the
 * [Version] facts, the models that match a device (ranked as Windows ranks drivers) and the
 * typed directives of an install section (AddService, AddReg, DelReg). Groundwork for the PnP
 * manager (issue 13), which will write the registry from these records; nothing here touches
 * the registry or any runtime state.
 *
 * Pure: inf_parse() works on bytes in memory and touches no runtime state (the fuzzer and the
 * tests reach these hidden functions through drvhost_rt_internal). inf_load() (inf_load.c)
 * reads a file through src/os first.
 *
 * Memory: every string and array of a parsed INF lives in its arena, freed by inf_free(); the
 * records returned by inf_models_read() and inf_install_read() live there too (they are valid
 * until inf_free()).
 *
 * Text is kept as UTF-8 (the file is UTF-16LE with a BOM, UTF-8 with or without a BOM, or
 * ASCII); the installer converts to WCHAR when it writes the registry. Names (sections,
 * directives, string keys, IDs) compare case-insensitively in ASCII only (Windows folds all
 * of Unicode: a deviation for non-ASCII names).
 *
 * Errors: every function that can fail fills a struct inf_error with one line
 * "FILE:LINE: problem" ("FILE: problem" when it concerns the whole file, such as a missing
 * [Version]) and returns a failure status; the caller prints it (rtl_diag) or shows
 * it to the user. Malformed input is never a crash.
 */
#ifndef DRVHOST_PNP_INF_H
#define DRVHOST_PNP_INF_H

#include <ntdef.h>
#include <ntstatus.h>
#include <guiddef.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The INF limit of one field, before and after substitution, in characters, NUL included. */
#define INF_FIELD_MAX 4096
/* The longest section name (Windows 2000 and later). */
#define INF_SECTION_NAME_MAX 255

struct inf_error {
    char text[512]; /* "FILE:LINE: problem" (LINE 0 when the problem is the whole file) */
    unsigned line;
};

/* One entry of a section: `key = field, field, ...` or `field, field, ...` (key NULL). Fields
 * are unquoted ("" inside quotes is one quote) and substituted (%strkey%, %dirid%, %% -> %);
 * an omitted field is "". line is the first physical line of the entry. */
struct inf_line {
    const char *key;
    const char **fields;
    size_t nfields;
    unsigned line;
};

/* A section; sections of the same name (case-insensitive) are merged in file order. */
struct inf_section {
    const char *name;
    struct inf_line *lines;
    size_t nlines, cap;
    unsigned line; /* the first [name] line */
};

struct inf_version {
    const char *signature; /* "$Windows NT$" or "$Chicago$" as written */
    const char *class_name;
    const char *provider;
    GUID class_guid;
    bool has_class_guid;
    bool has_driver_ver;
    uint16_t month, day, year;
    uint64_t version; /* w.x.y.z as four 16-bit parts, w in the top bits */
};

/* The platform the INF is read for: x64 Windows (the NTamd64 decorations apply). */
struct inf_options {
    unsigned os_major, os_minor, build; /* 10, 0, 19041 when 0 */
    unsigned product_type;              /* VER_NT_WORKSTATION (1) when 0 */
    unsigned suite_mask;                /* of the running system; VER_SUITE_SINGLEUSERTS if 0 */
    const char *driver_store;           /* what DIRID 13 stands for (see inf_parse) */
};

struct inf_block;

struct inf_file {
    const char *name; /* as given to inf_parse: the FILE of every error */
    struct inf_section *sections;
    size_t nsections, cap;
    struct inf_version version;
    struct inf_options options;
    struct inf_block *arena;
};

/* Parses an INF held in memory. name is used in error texts. options may be NULL (x64 Windows
 * 10.0.19041 workstation; DIRID 13 is "C:\Windows\System32\DriverStore\FileRepository\<base
 * name of the INF>"). Checks the text and [Version]; undefined %strkey% tokens anywhere but in
 * [Strings] are errors. STATUS_SUCCESS, STATUS_INVALID_PARAMETER (malformed; *err says where),
 * STATUS_NO_MEMORY. */
NTSTATUS inf_parse(const void *data, size_t size, const char *name,
                   const struct inf_options *options, struct inf_file **out, struct inf_error *err);
/* Reads the file at path (through src/os) and parses it; the file's errors are
 * STATUS_OBJECT_NAME_NOT_FOUND and the like, with "FILE:0: ..." in *err. Runtime only. */
NTSTATUS inf_load(const char *path, const struct inf_options *options, struct inf_file **out,
                  struct inf_error *err);
void inf_free(struct inf_file *inf);

/* The section of that name (case-insensitive), or NULL. */
const struct inf_section *inf_section_find(const struct inf_file *inf, const char *name);
/* Field i of line, "" when the line has fewer. */
const char *inf_field(const struct inf_line *line, size_t i);
/* The first entry of section whose key is key (case-insensitive), or NULL. */
const struct inf_line *inf_line_find(const struct inf_section *section, const char *key);

/* ---- models and driver matching (inf_parse_models.c) ---------------------------------- */

/* One entry of a models section: description = install-section, hardware ID, compatible IDs. */
struct inf_model {
    const char *description;
    const char *install; /* the DDInstall section as named (undecorated) */
    const char *hwid;    /* "" when the entry has none */
    const char **compatible;
    size_t ncompatible;
    const char *manufacturer;
    const char *models_section; /* the decorated name that was chosen */
    unsigned line;
};

struct inf_models {
    struct inf_model *v;
    size_t n;
};

/* Every model entry of the models sections that apply to the platform: for each
 * [Manufacturer] entry, the models section with the best TargetOSVersion decoration (x64: only
 * NTamd64 ones apply; an undecorated name or a plain .NT is for x86 since Windows Server 2003
 * SP1). A decorated section named but absent, or a malformed entry, is an error. */
NTSTATUS inf_models_read(const struct inf_file *inf, struct inf_models *out, struct inf_error *err);

struct inf_match {
    const struct inf_model *model; /* NULL when nothing matched */
    uint32_t rank;                 /* 0x00GGTHHH: feature score and identifier score */
};

/* The best model for a device with these hardware and compatible IDs (most specific first),
 * ranked as Windows ranks drivers: the identifier score (hardware ID match 0x0000 + position,
 * device hardware ID on an INF compatible ID 0x1000 + position, device compatible ID on the
 * INF hardware ID 0x2000 + position, compatible on compatible 0x3000 + position + 0x100 * INF
 * position) plus the feature score (FeatureScore of the DDInstall section, 0xFF by default) in
 * bits 16-23; the lowest rank wins, the first in file order on a tie. STATUS_NOT_FOUND with
 * match->model NULL when nothing matches. */
NTSTATUS inf_match_device(const struct inf_file *inf, const struct inf_models *models,
                          const char *const *hwids, size_t nhwids, const char *const *cids,
                          size_t ncids, struct inf_match *match, struct inf_error *err);

/* ---- install sections (inf_parse_install.c) -------------------------------------------- */

enum inf_root {
    INF_HKR, /* relative: the key of the section that names the AddReg (see inf_reg.origin) */
    INF_HKCR,
    INF_HKCU,
    INF_HKLM,
    INF_HKU,
};

/* Where an AddReg/DelReg directive was named, which decides what HKR means. */
enum inf_reg_origin {
    INF_ORIGIN_DDINSTALL, /* the driver's software key (Control\Class\{GUID}\NNNN) */
    INF_ORIGIN_HW,        /* the device's hardware key (Enum\...\Device Parameters) */
    INF_ORIGIN_SERVICE,   /* the service's key (Services\NAME) */
};

/* FLG_ADDREG_* (setupapi.h values, as the INF AddReg directive documents them). */
#define FLG_ADDREG_BINVALUETYPE       0x00000001
#define FLG_ADDREG_NOCLOBBER          0x00000002
#define FLG_ADDREG_DELVAL             0x00000004
#define FLG_ADDREG_APPEND             0x00000008
#define FLG_ADDREG_KEYONLY            0x00000010
#define FLG_ADDREG_OVERWRITEONLY      0x00000020
#define FLG_ADDREG_64BITKEY           0x00001000
#define FLG_ADDREG_KEYONLY_COMMON     0x00002000
#define FLG_ADDREG_32BITKEY           0x00004000
#define FLG_ADDREG_DELREG_BIT         0x00008000
#define FLG_ADDREG_TYPE_SZ            0x00000000
#define FLG_ADDREG_TYPE_MULTI_SZ      0x00010000
#define FLG_ADDREG_TYPE_EXPAND_SZ     0x00020000
#define FLG_ADDREG_TYPE_BINARY        0x00000001
#define FLG_ADDREG_TYPE_DWORD         0x00010001
#define FLG_ADDREG_TYPE_NONE          0x00020001
#define FLG_DELREG_MULTI_SZ_DELSTRING 0x00018002

/* One AddReg or DelReg entry, decoded. data: REG_SZ/REG_EXPAND_SZ a UTF-8 string (size its
 * length, NUL not counted); REG_MULTI_SZ strings each followed by a NUL (size counts them all,
 * not the final empty string); REG_DWORD 4 bytes little-endian; REG_BINARY and other binary
 * types the bytes. has_data is false when the entry gives no value (a key, or a value whose
 * data is empty of its type). */
struct inf_reg {
    enum inf_root root;
    enum inf_reg_origin origin;
    const char *subkey; /* "" for the root itself */
    const char *name;   /* NULL: no value name given (the default value, or the key only) */
    uint32_t flags;     /* as written */
    uint32_t type;      /* REG_SZ, REG_DWORD, ...: decoded from flags */
    const uint8_t *data;
    size_t size;
    bool has_data;
    bool del; /* a DelReg entry (or AddReg with FLG_ADDREG_DELVAL) */
    const char *section;
    unsigned line;
};

/* One AddService directive with its service-install section. image_path is ServiceBinary as
 * Windows writes ImagePath: a path under C:\Windows becomes \SystemRoot\... */
struct inf_service {
    const char *name; /* "" for the NULL driver (AddService = ,2) */
    uint32_t flags;   /* SPSVCINST_* */
    const char *install_section;
    const char *display_name, *description;
    uint32_t service_type, start_type, error_control;
    const char *binary;     /* ServiceBinary after substitution (C:\Windows\...) */
    const char *image_path; /* \SystemRoot\... */
    const char *load_order_group;
    const char *start_name;
    const char **dependencies;
    size_t ndependencies;
    struct inf_reg *regs; /* the service-install section's AddReg/DelReg (origin SERVICE) */
    size_t nregs;
    unsigned line;
};

#define SPSVCINST_TAGTOFRONT   0x00000001
#define SPSVCINST_ASSOCSERVICE 0x00000002

/* What installing a model does: the DDInstall section chosen for x64 (name.NTamd64, else
 * name.NT, else name), its .Services and .HW sections and every directive the PnP manager
 * needs, decoded. CopyFiles and other file or UI directives are ignored (drvhost runs drivers
 * from where they are); Include= and Needs= are refused with STATUS_NOT_SUPPORTED. */
struct inf_install {
    const char *section;   /* the decorated DDInstall name that was chosen */
    uint8_t feature_score; /* 0xFF unless FeatureScore= says otherwise */
    struct inf_reg *regs;  /* DDInstall's AddReg/DelReg then .HW's, in order */
    size_t nregs;
    struct inf_service *services;
    size_t nservices;
    const struct inf_service *function; /* the one with SPSVCINST_ASSOCSERVICE, or NULL */
};

/* Decodes the install of model->install. A DDInstall section that is named but absent (the
 * error names the models entry's line), a missing service-install section or required entry
 * (ServiceType, StartType, ErrorControl, ServiceBinary), a value of the wrong type, more than
 * one associated service: errors naming the line. */
NTSTATUS inf_install_read(const struct inf_file *inf, const struct inf_model *model,
                          struct inf_install *out, struct inf_error *err);

/* The name of a DDInstall section as Windows picks it for x64: the first of name.NTamd64,
 * name.NT and name that exists (in the arena of inf), or NULL. */
const char *inf_install_section_name(const struct inf_file *inf, const char *install);

#endif
