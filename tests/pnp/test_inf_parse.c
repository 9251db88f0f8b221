/*
 * test_inf_parse.c - the INF parser (src/pnp/inf_parse*.c), white-box through its object
 * library. Each rule of the INF reference the parser follows has a test here with the value
 * the documentation gives, and each malformed input its "FILE:LINE: problem" text.
 */
#include "harness.h"

#include "pnp/inf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wdm.h>

/* A small valid INF of our own: one manufacturer, two models, services, registry. */
static const char base_inf[] = "; a comment line\n"
                               "[Version]\n"
                               "Signature   = \"$Windows NT$\"\n"
                               "Class       = Sample\n"
                               "ClassGuid   = {78A1C341-4539-11d3-B88D-00C04FAD5171}\n"
                               "Provider    = %Prov%\n"
                               "DriverVer   = 07/04/2026,1.2.3.4\n"
                               "\n"
                               "[Manufacturer]\n"
                               "%Mfg% = Acme, NTamd64\n"
                               "\n"
                               "[Acme.NTamd64]\n"
                               "%Dev.Desc% = Dev_Install, ROOT\\ACMEDEV, *ACME0001, GEN\\ACME\n"
                               "%Dev2.Desc% = Dev2_Install, PCI\\VEN_1234&DEV_0002\n"
                               "\n"
                               "[Dev_Install.NT]\n"
                               "AddReg = Dev_SoftwareReg\n"
                               "\n"
                               "[Dev_Install.NT.HW]\n"
                               "AddReg = Dev_HwReg\n"
                               "\n"
                               "[Dev_Install.NT.Services]\n"
                               "AddService = acmedev, 0x00000002, Dev_Service\n"
                               "AddService = acmeflt, , Flt_Service\n"
                               "\n"
                               "[Dev2_Install]\n"
                               "FeatureScore = 0x80\n"
                               "\n"
                               "[Dev_Service]\n"
                               "DisplayName    = %Svc.Name%\n"
                               "ServiceType    = 1\n"
                               "StartType      = 3\n"
                               "ErrorControl   = 0x1\n"
                               "ServiceBinary  = %12%\\acmedev.sys\n"
                               "LoadOrderGroup = Extended Base\n"
                               "\n"
                               "[Flt_Service]\n"
                               "ServiceType    = 1\n"
                               "StartType      = 3\n"
                               "ErrorControl   = 1\n"
                               "ServiceBinary  = %13%\\acmeflt.sys\n"
                               "\n"
                               "[Dev_SoftwareReg]\n"
                               "HKR,,Mode,0x00010001,3\n"
                               "\n"
                               "[Dev_HwReg]\n"
                               "HKR,,UpperFilters,0x00010000,acmeflt\n"
                               "\n"
                               "[Strings]\n"
                               "Prov      = \"Acme Devices\"\n"
                               "Mfg       = \"Acme, Ltd.\"\n"
                               "Dev.Desc  = \"Acme Sample Device\"\n"
                               "Dev2.Desc = \"Acme Second Device\"\n"
                               "Svc.Name  = \"Acme Sample Service\"\n";

/* The minimal head of an INF for the small cases. */
#define HEAD "[Version]\nSignature=\"$Windows NT$\"\n"

static struct inf_file *parse_ok(const char *text, int line)
{
    struct inf_file *inf = NULL;
    struct inf_error err;
    NTSTATUS st = inf_parse(text, strlen(text), "test.inf", NULL, &inf, &err);
    ok(st == STATUS_SUCCESS, "line %d: parse failed 0x%x: %s\n", line, (unsigned)st, err.text);
    return inf;
}
#define PARSE(text) parse_ok(text, __LINE__)

/* Parses text that must fail with status and exactly the error text expect. */
static void parse_fails(const void *text, size_t size, NTSTATUS status, const char *expect,
                        int line)
{
    struct inf_file *inf = NULL;
    struct inf_error err;
    NTSTATUS st = inf_parse(text, size, "test.inf", NULL, &inf, &err);
    ok(st == status, "line %d: status 0x%x, expected 0x%x\n", line, (unsigned)st, (unsigned)status);
    ok(inf == NULL, "line %d: a failed parse returned an INF\n", line);
    ok(strcmp(err.text, expect) == 0, "line %d: error \"%s\", expected \"%s\"\n", line, err.text,
       expect);
    inf_free(inf);
}
#define FAILS(text, expect)                                                                        \
    parse_fails(text, strlen(text), STATUS_INVALID_PARAMETER, expect, __LINE__)

static const struct inf_line *line_of(const struct inf_file *inf, const char *section, size_t i)
{
    const struct inf_section *s = inf_section_find(inf, section);
    ok(s != NULL && i < s->nlines, "no line %zu in [%s]\n", i, section);
    return s != NULL && i < s->nlines ? &s->lines[i] : NULL;
}

static bool field_is(const struct inf_line *l, size_t i, const char *expect)
{
    return l != NULL && i < l->nfields && strcmp(l->fields[i], expect) == 0;
}

/* ---- [Version] ------------------------------------------------------------------------ */

TEST(version_fields)
{
    struct inf_file *inf = PARSE(base_inf);
    static const GUID guid = {
        0x78A1C341, 0x4539, 0x11d3, {0xB8, 0x8D, 0x00, 0xC0, 0x4F, 0xAD, 0x51, 0x71}};
    if (inf == NULL)
        return;
    ok(strcmp(inf->version.signature, "$Windows NT$") == 0, "signature %s\n",
       inf->version.signature);
    ok(strcmp(inf->version.class_name, "Sample") == 0, "class %s\n", inf->version.class_name);
    ok(inf->version.has_class_guid && memcmp(&inf->version.class_guid, &guid, 16) == 0,
       "class GUID\n");
    ok(strcmp(inf->version.provider, "Acme Devices") == 0, "provider %s\n", inf->version.provider);
    ok(inf->version.has_driver_ver && inf->version.month == 7 && inf->version.day == 4 &&
           inf->version.year == 2026,
       "date %u/%u/%u\n", inf->version.month, inf->version.day, inf->version.year);
    ok(inf->version.version == 0x0001000200030004ull, "version %llx\n",
       (unsigned long long)inf->version.version);
    inf_free(inf);
}

TEST(signature_chicago_any_case)
{
    struct inf_file *inf = PARSE("[version]\nsignature=\"$CHICAGO$\"\n");
    ok(inf != NULL && strcmp(inf->version.signature, "$CHICAGO$") == 0, "Chicago refused\n");
    inf_free(inf);
}

TEST(driver_ver_without_version)
{
    struct inf_file *inf = PARSE(HEAD "DriverVer=12/31/2025\n");
    ok(inf != NULL && inf->version.year == 2025 && inf->version.version == 0, "DriverVer\n");
    inf_free(inf);
}

/* ---- lines ---------------------------------------------------------------------------- */

TEST(comments_and_blank_lines)
{
    struct inf_file *inf = PARSE(HEAD "[A]\n; only a comment\n\n   \nx = 1 ; trailing\n"
                                      "y = \"a;b\" ; the ; in quotes is text\n");
    const struct inf_section *s = inf ? inf_section_find(inf, "A") : NULL;
    ok(s != NULL && s->nlines == 2, "%zu entries\n", s ? s->nlines : 0);
    if (s != NULL && s->nlines == 2) {
        ok(strcmp(s->lines[0].key, "x") == 0 && field_is(&s->lines[0], 0, "1"), "x\n");
        ok(field_is(&s->lines[1], 0, "a;b"), "y = %s\n", s->lines[1].fields[0]);
        ok(s->lines[1].line == 8, "line %u\n", s->lines[1].line);
    }
    inf_free(inf);
}

TEST(line_continuation)
{
    struct inf_file *inf = PARSE(HEAD "[A]\n"
                                      "x = one,\\\n"
                                      "    two\n"
                                      "y = \"dir\\\"\\ ; comment after the continuation\n"
                                      ",file\n"
                                      "z = \"ends in \\\"\n"
                                      "w = 1\r\n");
    const struct inf_line *x = inf ? line_of(inf, "A", 0) : NULL;
    const struct inf_line *y = inf ? line_of(inf, "A", 1) : NULL;
    const struct inf_line *z = inf ? line_of(inf, "A", 2) : NULL;
    ok(x && x->nfields == 2 && field_is(x, 0, "one") && field_is(x, 1, "two"), "x\n");
    ok(x && x->line == 4, "x starts on line 4\n");
    ok(y && y->nfields == 2 && field_is(y, 0, "dir\\") && field_is(y, 1, "file"), "y\n");
    ok(z && z->nfields == 1 && field_is(z, 0, "ends in \\"), "a quoted \\ is no continuation\n");
    ok(inf && line_of(inf, "A", 3) && line_of(inf, "A", 3)->line == 9, "w on line 9\n");
    inf_free(inf);
}

TEST(quoting)
{
    struct inf_file *inf = PARSE(HEAD "[A]\n"
                                      "HKR,,Example,,\"Display an \"\"example\"\" string\"\n"
                                      "\"  spaced, kept  \" ,  trimmed   , \"\"\n");
    const struct inf_line *a = inf ? line_of(inf, "A", 0) : NULL;
    const struct inf_line *b = inf ? line_of(inf, "A", 1) : NULL;
    ok(a && field_is(a, 4, "Display an \"example\" string"), "doubled quote\n");
    ok(a && field_is(a, 1, "") && field_is(a, 3, "") && a->nfields == 5, "omitted fields\n");
    ok(b && field_is(b, 0, "  spaced, kept  ") && field_is(b, 1, "trimmed") && field_is(b, 2, "") &&
           b->nfields == 3,
       "quoted blanks and commas\n");
    inf_free(inf);
}

TEST(string_substitution)
{
    struct inf_file *inf = PARSE(HEAD "[A]\n"
                                      "%KEY% = %key%, \"in %Key% quotes\", 100%%\n"
                                      "HKR,,EventMessageFile,0x00020000,\"%%SystemRoot%%\\x.dll\"\n"
                                      "[strings]\n"
                                      "Key = \"Value, with comma\"\n"
                                      "Other = unquoted, with comma ; comment\n");
    const struct inf_line *a = inf ? line_of(inf, "A", 0) : NULL;
    const struct inf_line *b = inf ? line_of(inf, "A", 1) : NULL;
    const struct inf_line *o = inf ? line_of(inf, "Strings", 1) : NULL;
    ok(a && strcmp(a->key, "Value, with comma") == 0, "key %s\n", a ? a->key : "");
    ok(a && field_is(a, 0, "Value, with comma") && a->nfields == 3, "field\n");
    ok(a && field_is(a, 1, "in Value, with comma quotes"), "in quotes\n");
    ok(a && field_is(a, 2, "100%"), "%%%%\n");
    ok(b && field_is(b, 4, "%SystemRoot%\\x.dll"), "doc example: %s\n", b ? b->fields[4] : "");
    ok(o && field_is(o, 0, "unquoted, with comma"), "a [Strings] value keeps its commas\n");
    inf_free(inf);
}

TEST(dirids)
{
    struct inf_file *inf = PARSE(HEAD "[A]\nx = %10%, %11%\\a, %12%\\b.sys, %13%\\c.sys\n");
    const struct inf_line *a = inf ? line_of(inf, "A", 0) : NULL;
    ok(a && field_is(a, 0, "C:\\Windows"), "10\n");
    ok(a && field_is(a, 1, "C:\\Windows\\System32\\a"), "11\n");
    ok(a && field_is(a, 2, "C:\\Windows\\System32\\drivers\\b.sys"), "12\n");
    ok(a && field_is(a, 3, "C:\\Windows\\System32\\DriverStore\\FileRepository\\test.inf\\c.sys"),
       "13: %s\n", a && a->nfields > 3 ? a->fields[3] : "");
    inf_free(inf);
}

TEST(sections_case_insensitive_and_merged)
{
    struct inf_file *inf = PARSE(HEAD "[Sec]\na = 1\n[other]\n[SEC]\nb = 2\n[sec]\nc = 3\n");
    const struct inf_section *s = inf ? inf_section_find(inf, "sEc") : NULL;
    ok(s != NULL && s->nlines == 3, "merged %zu\n", s ? s->nlines : 0);
    ok(s && strcmp(s->lines[0].key, "a") == 0 && strcmp(s->lines[2].key, "c") == 0, "order\n");
    ok(s && s->line == 3, "first declared on line 3\n");
    ok(inf && inf->nsections == 3, "%zu sections\n", inf ? inf->nsections : 0);
    ok(inf && inf_line_find(s, "B") && strcmp(inf_line_find(s, "B")->fields[0], "2") == 0,
       "keys case-insensitive\n");
    inf_free(inf);
}

TEST(section_name_with_quotes_and_semicolon)
{
    /* The reference's example: a section declared as [;; Std Mfg ]. */
    struct inf_file *inf = PARSE(HEAD "[;; Std Mfg ]\nx=1\n");
    ok(inf && inf_section_find(inf, ";; Std Mfg ") != NULL, "name kept exactly\n");
    inf_free(inf);
}

/* ---- encodings ------------------------------------------------------------------------ */

/* text as UTF-16LE with a BOM (the text is ASCII except the escapes handled here). */
static unsigned char *to_utf16(const char *text, size_t *size)
{
    size_t n = strlen(text);
    unsigned char *b = malloc(2 + 2 * n);
    b[0] = 0xFF, b[1] = 0xFE;
    for (size_t i = 0; i < n; i++)
        b[2 + 2 * i] = (unsigned char)text[i], b[3 + 2 * i] = 0;
    *size = 2 + 2 * n;
    return b;
}

TEST(utf16le_with_bom)
{
    size_t size;
    unsigned char *b = to_utf16(HEAD "[Strings]\nName=\"Caf?\"\n", &size);
    struct inf_file *inf = NULL;
    struct inf_error err;
    /* The '?' becomes U+00E9 and "C" a U+1F600 surrogate pair-free BMP check below. */
    size_t q = 2 + 2 * (strlen(HEAD "[Strings]\nName=\"Caf"));
    b[q] = 0xE9, b[q + 1] = 0x00;
    ok_status(inf_parse(b, size, "test.inf", NULL, &inf, &err), STATUS_SUCCESS);
    ok(inf && strcmp(inf_field(line_of(inf, "Strings", 0), 0), "Caf\xC3\xA9") == 0,
       "UTF-16 text decoded to UTF-8\n");
    inf_free(inf);
    free(b);
}

TEST(utf8_with_bom)
{
    const char text[] = "\xEF\xBB\xBF" HEAD "[Strings]\nName=\"Caf\xC3\xA9\"\n";
    struct inf_file *inf = PARSE(text);
    ok(inf && strcmp(inf_field(line_of(inf, "Strings", 0), 0), "Caf\xC3\xA9") == 0, "UTF-8\n");
    inf_free(inf);
}

/* ---- models --------------------------------------------------------------------------- */

/* The models section chosen for the [Manufacturer] entry decorations. */
static const char *chosen_models(const char *decorations, const struct inf_options *o)
{
    static char name[64];
    char text[1024];
    struct inf_file *inf = NULL;
    struct inf_error err;
    struct inf_models m;
    snprintf(text, sizeof(text),
             HEAD "[Manufacturer]\nM = Mod%s\n"
                  "[Mod]\nd=i,A\n[Mod.NT]\nd=i,A\n[Mod.NTx86]\nd=i,A\n[Mod.NTamd64]\nd=i,A\n"
                  "[Mod.NTamd64.6.1]\nd=i,A\n[Mod.NTamd64.10.0]\nd=i,A\n"
                  "[Mod.NTamd64.11.0]\nd=i,A\n[Mod.NTamd64.10.0...14393]\nd=i,A\n"
                  "[Mod.NTamd64.10.0...99999]\nd=i,A\n[Mod.NTamd64.10.0.3]\nd=i,A\n"
                  "[Mod.NTamd64.10.0.1]\nd=i,A\n[Mod.NTamd64...0x80]\nd=i,A\n"
                  "[Mod.NTamd64.6.1.1]\nd=i,A\n[i]\n",
             decorations);
    strcpy(name, "(error)");
    if (inf_parse(text, strlen(text), "m.inf", o, &inf, &err) == STATUS_SUCCESS &&
        inf_models_read(inf, &m, &err) == STATUS_SUCCESS)
        strcpy(name, m.n == 1 ? m.v[0].models_section : "(none)");
    inf_free(inf);
    return name;
}

TEST(manufacturer_decorations)
{
    struct inf_options win7 = {.os_major = 6, .os_minor = 1, .build = 7601};
    ok(strcmp(chosen_models(", NTamd64", NULL), "Mod.NTamd64") == 0, "NTamd64\n");
    ok(strcmp(chosen_models(", NTx86, NTamd64", NULL), "Mod.NTamd64") == 0, "x86 skipped\n");
    /* The highest version not above the system's (Windows 10.0 here). */
    ok(strcmp(chosen_models(", NTamd64, NTamd64.6.1, NTamd64.10.0", NULL), "Mod.NTamd64.10.0") == 0,
       "10.0 over 6.1\n");
    ok(strcmp(chosen_models(", NTamd64.6.1, NTamd64.11.0", NULL), "Mod.NTamd64.6.1") == 0,
       "11.0 is above 10.0: %s\n", chosen_models(", NTamd64.6.1, NTamd64.11.0", NULL));
    ok(strcmp(chosen_models(", NTamd64.6.1, NTamd64.10.0", &win7), "Mod.NTamd64.6.1") == 0,
       "on Windows 7\n");
    /* Build numbers count when the version is the system's: 14393 <= 19041 < 99999. */
    ok(strcmp(chosen_models(", NTamd64.10.0, NTamd64.10.0...14393", NULL),
              "Mod.NTamd64.10.0...14393") == 0,
       "build 14393\n");
    ok(strcmp(chosen_models(", NTamd64.10.0, NTamd64.10.0...99999", NULL), "Mod.NTamd64.10.0") == 0,
       "build 99999 is later than the system's\n");
    /* Product type: 1 (workstation) applies, 3 (server) does not. */
    ok(strcmp(chosen_models(", NTamd64.10.0.3, NTamd64.10.0.1", NULL), "Mod.NTamd64.10.0.1") == 0,
       "product type\n");
    /* A version takes precedence over product type and suite mask (the doc's NT.5 example). */
    ok(strcmp(chosen_models(", NTamd64...0x80, NTamd64.6.1.1", NULL), "Mod.NTamd64.6.1.1") == 0,
       "version first\n");
    ok(strcmp(chosen_models(", NTamd64...0x80", NULL), "(none)") == 0,
       "the datacenter suite is not the system's\n");
    /* On x64 an undecorated or plain NT models section is for x86 only. */
    ok(strcmp(chosen_models("", NULL), "(none)") == 0, "undecorated: %s\n",
       chosen_models("", NULL));
    ok(strcmp(chosen_models(", NT", NULL), "(none)") == 0, "NT\n");
    ok(strcmp(chosen_models(", ntAMD64", NULL), "Mod.NTamd64") == 0, "case-insensitive\n");
}

TEST(models_entries)
{
    struct inf_file *inf = PARSE(base_inf);
    struct inf_models m;
    struct inf_error err;
    if (inf == NULL)
        return;
    ok_status(inf_models_read(inf, &m, &err), STATUS_SUCCESS);
    ok(m.n == 2, "%zu models\n", m.n);
    if (m.n == 2) {
        ok(strcmp(m.v[0].description, "Acme Sample Device") == 0, "description\n");
        ok(strcmp(m.v[0].install, "Dev_Install") == 0, "install\n");
        ok(strcmp(m.v[0].hwid, "ROOT\\ACMEDEV") == 0, "hwid %s\n", m.v[0].hwid);
        ok(m.v[0].ncompatible == 2 && strcmp(m.v[0].compatible[0], "*ACME0001") == 0 &&
               strcmp(m.v[0].compatible[1], "GEN\\ACME") == 0,
           "compatible IDs\n");
        ok(strcmp(m.v[0].manufacturer, "Acme, Ltd.") == 0, "manufacturer\n");
        ok(strcmp(m.v[0].models_section, "Acme.NTamd64") == 0, "section\n");
        ok(m.v[1].ncompatible == 0 && m.v[0].line == 13 && m.v[1].line == 14, "lines\n");
    }
    inf_free(inf);
}

/* ---- ranking -------------------------------------------------------------------------- */

static const char rank_inf[] = HEAD "[Manufacturer]\nM = Mod, NTamd64\n"
                                    "[Mod.NTamd64]\n"
                                    "a = I, HW_A, CID_X, CID_Y\n"
                                    "b = I, HW_B, HW_A\n"
                                    "c = I, CID_1\n"
                                    "d = I, OTHER, CID_9, CID_2\n"
                                    "e = F, HW_E\n"
                                    "f = I, HW_E\n"
                                    "[I]\n[F]\nFeatureScore=0x10\n";

/* The description of the best model and its rank, "-" when none. */
static const char *best(const char *hwids, const char *cids, uint32_t *rank)
{
    static char out[16];
    const char *hw[8], *ci[8];
    char hbuf[128], cbuf[128];
    size_t nh = 0, nc = 0;
    struct inf_file *inf = NULL;
    struct inf_models m;
    struct inf_match match;
    struct inf_error err;
    strcpy(hbuf, hwids);
    strcpy(cbuf, cids);
    for (char *t = strtok(hbuf, " "); t; t = strtok(NULL, " "))
        hw[nh++] = t;
    for (char *t = strtok(cbuf, " "); t; t = strtok(NULL, " "))
        ci[nc++] = t;
    strcpy(out, "-");
    *rank = 0xFFFFFFFF;
    if (inf_parse(rank_inf, strlen(rank_inf), "r.inf", NULL, &inf, &err) == STATUS_SUCCESS &&
        inf_models_read(inf, &m, &err) == STATUS_SUCCESS &&
        inf_match_device(inf, &m, hw, nh, ci, nc, &match, &err) == STATUS_SUCCESS) {
        strcpy(out, match.model->description);
        *rank = match.rank;
    }
    inf_free(inf);
    return out;
}

TEST(driver_ranking)
{
    uint32_t r = 0;
    /* Device hardware ID on the INF hardware ID: 0x0000 + position in the device's list. */
    ok(strcmp(best("HW_A", "", &r), "a") == 0 && r == 0xFF0000, "hw-hw %x\n", r);
    ok(strcmp(best("NONE HW_B", "", &r), "b") == 0 && r == 0xFF0001, "position 1: %x\n", r);
    /* HW_A is model a's hardware ID and model b's compatible ID: the hardware ID match wins. */
    ok(strcmp(best("HW_A", "", &r), "a") == 0, "hardware ID before compatible ID\n");
    /* Earlier position in the device's list is better: HW_B (0) beats HW_A (1). */
    ok(strcmp(best("HW_B HW_A", "", &r), "b") == 0 && r == 0xFF0000, "earlier first %x\n", r);
    /* Device hardware ID on an INF compatible ID: 0x1000 + position. */
    ok(strcmp(best("X CID_X", "", &r), "a") == 0 && r == 0xFF1001, "hw-cid %x\n", r);
    /* Device compatible ID on the INF hardware ID: 0x2000 + position. */
    ok(strcmp(best("NOPE", "Z CID_1", &r), "c") == 0 && r == 0xFF2001, "cid-hw %x\n", r);
    /* Compatible on compatible: 0x3000 + device position + 0x100 * INF position. */
    ok(strcmp(best("NOPE", "Z Z2 CID_2", &r), "d") == 0 && r == 0xFF3102, "cid-cid %x\n", r);
    ok(strcmp(best("NOPE", "CID_Y", &r), "a") == 0 && r == 0xFF3100, "cid-cid k=1 %x\n", r);
    /* A hardware ID match beats a better-placed compatible one. */
    ok(strcmp(best("Q CID_1", "CID_X", &r), "c") == 0 && r == 0xFF0001, "%x\n", r);
    /* The feature score (FeatureScore=0x10 of [F]) ranks e before f for the same ID. */
    ok(strcmp(best("HW_E", "", &r), "e") == 0 && r == 0x100000, "feature score %x\n", r);
    /* IDs compare case-insensitively. */
    ok(strcmp(best("hw_a", "", &r), "a") == 0, "case\n");
    ok(strcmp(best("NOTHING", "NOTHING_EITHER", &r), "-") == 0, "no match\n");
}

/* Two models with the same rank: the first in file order wins. */
TEST(ranking_tie_first_in_file)
{
    struct inf_file *inf = PARSE(HEAD "[Manufacturer]\nM=Mod,NTamd64\n[Mod.NTamd64]\n"
                                      "first=I,SAME\nsecond=I,SAME\n[I]\n");
    struct inf_models m;
    struct inf_match match = {NULL, 0};
    struct inf_error err;
    const char *hw[] = {"SAME"};
    if (inf == NULL)
        return;
    ok_status(inf_models_read(inf, &m, &err), STATUS_SUCCESS);
    ok_status(inf_match_device(inf, &m, hw, 1, NULL, 0, &match, &err), STATUS_SUCCESS);
    ok(match.model && strcmp(match.model->description, "first") == 0, "tie\n");
    inf_free(inf);
}

/* Not documented: a string key defined twice keeps its first value (docs/inf.md). */
TEST(string_defined_twice_first_wins_deviation)
{
    struct inf_file *inf = PARSE(HEAD "[A]\nx=%S%\n[Strings]\nS=one\ns=two\n");
    ok(inf && field_is(line_of(inf, "A", 0), 0, "one"), "first value\n");
    inf_free(inf);
}

TEST(match_nothing_status)
{
    struct inf_file *inf = PARSE(rank_inf);
    struct inf_models m;
    struct inf_match match;
    struct inf_error err;
    const char *hw[] = {"UNKNOWN"};
    if (inf == NULL)
        return;
    ok_status(inf_models_read(inf, &m, &err), STATUS_SUCCESS);
    ok_status(inf_match_device(inf, &m, hw, 1, NULL, 0, &match, &err), STATUS_NOT_FOUND);
    ok(match.model == NULL, "model\n");
    inf_free(inf);
}

/* ---- install -------------------------------------------------------------------------- */

static bool install_of(struct inf_file *inf, size_t model, struct inf_install *in)
{
    struct inf_models m;
    struct inf_error err;
    if (inf == NULL || inf_models_read(inf, &m, &err) != STATUS_SUCCESS || m.n <= model)
        return false;
    NTSTATUS st = inf_install_read(inf, &m.v[model], in, &err);
    ok(st == STATUS_SUCCESS, "install: %s\n", err.text);
    return st == STATUS_SUCCESS;
}

TEST(install_services)
{
    struct inf_file *inf = PARSE(base_inf);
    struct inf_install in;
    if (!install_of(inf, 0, &in)) {
        inf_free(inf);
        return;
    }
    /* Dev_Install.NT exists, Dev_Install.NTamd64 does not: .NT is chosen. */
    ok(strcmp(in.section, "Dev_Install.NT") == 0, "section %s\n", in.section);
    ok(in.nservices == 2, "%zu services\n", in.nservices);
    ok(in.function == &in.services[0], "the associated service\n");
    if (in.nservices == 2) {
        const struct inf_service *s = &in.services[0];
        ok(strcmp(s->name, "acmedev") == 0 && s->flags == SPSVCINST_ASSOCSERVICE, "name\n");
        ok(s->service_type == 1 && s->start_type == 3 && s->error_control == 1, "numbers\n");
        ok(strcmp(s->binary, "C:\\Windows\\System32\\drivers\\acmedev.sys") == 0, "binary %s\n",
           s->binary);
        ok(strcmp(s->image_path, "\\SystemRoot\\System32\\drivers\\acmedev.sys") == 0,
           "image path %s\n", s->image_path);
        ok(strcmp(s->display_name, "Acme Sample Service") == 0, "display name\n");
        ok(strcmp(s->load_order_group, "Extended Base") == 0, "group\n");
        ok(strcmp(in.services[1].name, "acmeflt") == 0 && in.services[1].flags == 0, "filter\n");
        ok(strcmp(in.services[1].image_path,
                  "\\SystemRoot\\System32\\DriverStore\\FileRepository\\test.inf\\acmeflt.sys") ==
               0,
           "DIRID 13 %s\n", in.services[1].image_path);
    }
    ok(in.feature_score == 0xFF, "default feature score\n");
    inf_free(inf);
}

TEST(install_registry_hw_and_software)
{
    struct inf_file *inf = PARSE(base_inf);
    struct inf_install in;
    if (!install_of(inf, 0, &in)) {
        inf_free(inf);
        return;
    }
    ok(in.nregs == 2, "%zu regs\n", in.nregs);
    if (in.nregs == 2) {
        const struct inf_reg *a = &in.regs[0], *b = &in.regs[1];
        ok(a->origin == INF_ORIGIN_DDINSTALL && a->root == INF_HKR && a->type == REG_DWORD &&
               strcmp(a->name, "Mode") == 0 && a->size == 4 && a->data[0] == 3 && a->line == 44,
           "software key DWORD (line %u)\n", a->line);
        ok(b->origin == INF_ORIGIN_HW && b->type == REG_MULTI_SZ &&
               strcmp(b->name, "UpperFilters") == 0 && b->size == 8 &&
               memcmp(b->data, "acmeflt\0", 8) == 0,
           "hardware key UpperFilters\n");
    }
    inf_free(inf);
}

/* An INF whose one model installs [I] with the given extra sections. */
static struct inf_file *reg_inf(const char *entries)
{
    char text[2048];
    snprintf(text, sizeof(text),
             HEAD "[Manufacturer]\nM=Mod,NTamd64\n[Mod.NTamd64]\nd=I,HW\n[I]\nAddReg=R\n"
                  "DelReg=D\n[D]\nHKLM,Software\\Acme,Old\nHKR,,Filters,0x00018002,acme\n"
                  "[R]\n%s",
             entries);
    return parse_ok(text, __LINE__);
}

TEST(addreg_types)
{
    struct inf_file *inf = reg_inf("HKR,,Sz,,\"text\"\n"
                                   "HKR,Sub\\Key,Multi,0x00010000,one,two\n"
                                   "HKLM,System\\X,Dw,0x00010001,0x12345678\n"
                                   "HKR,,Bin,0x00000001,1,0A,ff\n"
                                   "HKR,,Exp,0x00020000,\"%%SystemRoot%%\\x\"\n"
                                   "HKR,,App,0x00010008,three\n"
                                   "HKR,,None,0x00020001\n"
                                   "HKR,,Custom,0x00380001,1,2\n"
                                   "HKCU,Key,,0x00000010\n"
                                   "HKR,,Gone,0x00000004\n"
                                   "HKR,,Dec,0x10001,42\n");
    struct inf_install in;
    if (!install_of(inf, 0, &in) || !ok(in.nregs == 13, "%zu regs\n", in.nregs)) {
        inf_free(inf);
        return;
    }
    const struct inf_reg *r = in.regs;
    ok(r[0].root == INF_HKR && r[0].type == REG_SZ && r[0].size == 4 &&
           memcmp(r[0].data, "text", 4) == 0 && r[0].has_data && !r[0].del,
       "REG_SZ\n");
    ok(strcmp(r[1].subkey, "Sub\\Key") == 0 && r[1].type == REG_MULTI_SZ && r[1].size == 8 &&
           memcmp(r[1].data, "one\0two\0", 8) == 0,
       "REG_MULTI_SZ\n");
    ok(r[2].root == INF_HKLM && r[2].type == REG_DWORD && r[2].size == 4 &&
           memcmp(r[2].data, "\x78\x56\x34\x12", 4) == 0,
       "REG_DWORD little-endian\n");
    ok(r[3].type == REG_BINARY && r[3].size == 3 && memcmp(r[3].data, "\x01\x0A\xFF", 3) == 0,
       "REG_BINARY\n");
    ok(r[4].type == REG_EXPAND_SZ && strcmp((const char *)r[4].data, "%SystemRoot%\\x") == 0,
       "REG_EXPAND_SZ %s\n", (const char *)r[4].data);
    ok(r[5].type == REG_MULTI_SZ && (r[5].flags & FLG_ADDREG_APPEND), "append\n");
    ok(r[6].type == REG_NONE && !r[6].has_data, "REG_NONE\n");
    ok(r[7].type == 0x38 && r[7].size == 2, "a new type in the high word: %x\n", r[7].type);
    ok(r[8].root == INF_HKCU && r[8].name == NULL && strcmp(r[8].subkey, "Key") == 0,
       "FLG_ADDREG_KEYONLY\n");
    ok(r[9].del && strcmp(r[9].name, "Gone") == 0, "FLG_ADDREG_DELVAL\n");
    ok(r[10].type == REG_DWORD && r[10].data[0] == 42, "decimal DWORD\n");
    ok(r[11].del && r[11].root == INF_HKLM && strcmp(r[11].name, "Old") == 0 &&
           strcmp(r[11].section, "D") == 0,
       "DelReg value\n");
    ok(r[12].del && r[12].flags == FLG_DELREG_MULTI_SZ_DELSTRING && r[12].size == 4 &&
           memcmp(r[12].data, "acme", 4) == 0,
       "DelReg string of a REG_MULTI_SZ\n");
    inf_free(inf);
}

TEST(install_section_decoration_order)
{
    struct inf_file *inf = PARSE(HEAD "[I]\n[I.NT]\n[I.NTamd64]\n[J]\n[J.nt]\n[K]\n[L.NTx86]\n");
    if (inf == NULL)
        return;
    ok(strcmp(inf_install_section_name(inf, "I"), "I.NTamd64") == 0, "NTamd64 first\n");
    ok(strcmp(inf_install_section_name(inf, "j"), "J.nt") == 0, "then .NT\n");
    ok(strcmp(inf_install_section_name(inf, "K"), "K") == 0, "then undecorated\n");
    ok(inf_install_section_name(inf, "L") == NULL, "NTx86 is not for x64\n");
    inf_free(inf);
}

TEST(null_driver_and_feature_score)
{
    struct inf_file *inf = PARSE(HEAD "[Manufacturer]\nM=Mod,NTamd64\n[Mod.NTamd64]\nd=I,HW\n"
                                      "[I]\nFeatureScore=0x80\n[I.Services]\nAddService = ,2\n");
    struct inf_install in;
    if (install_of(inf, 0, &in)) {
        ok(in.nservices == 1 && in.function && *in.function->name == '\0', "NULL driver\n");
        ok(in.feature_score == 0x80, "feature score %x\n", in.feature_score);
    }
    inf_free(inf);
}

/* The install of the one model of text must fail with status and the text. */
static void install_fails(const char *text, NTSTATUS status, const char *expect, int line)
{
    struct inf_file *inf = parse_ok(text, line);
    struct inf_models m;
    struct inf_install in;
    struct inf_error err = {{0}, 0};
    NTSTATUS st = STATUS_SUCCESS;
    if (inf != NULL && (st = inf_models_read(inf, &m, &err)) == STATUS_SUCCESS && m.n > 0)
        st = inf_install_read(inf, &m.v[0], &in, &err);
    ok(st == status, "line %d: status 0x%x\n", line, (unsigned)st);
    ok(strcmp(err.text, expect) == 0, "line %d: \"%s\", expected \"%s\"\n", line, err.text, expect);
    inf_free(inf);
}
#define INSTALL_FAILS(text, expect) install_fails(text, STATUS_INVALID_PARAMETER, expect, __LINE__)
#define MODEL                       HEAD "[Manufacturer]\nM=Mod,NTamd64\n[Mod.NTamd64]\nd=I,HW\n"

TEST(include_needs_refused)
{
    install_fails(MODEL "[I]\nInclude=machine.inf\nNeeds=PCI_DRV\n", STATUS_NOT_SUPPORTED,
                  "test.inf:8: Include= is not supported (drvhost installs from one INF file; "
                  "copy the needed sections into it)",
                  __LINE__);
    install_fails(MODEL "[I]\n[I.Services]\nNeeds=PCI_DRV.Services\n", STATUS_NOT_SUPPORTED,
                  "test.inf:9: Needs= is not supported (drvhost installs from one INF file; "
                  "copy the needed sections into it)",
                  __LINE__);
}

/* ---- malformed input ------------------------------------------------------------------ */

TEST(error_unterminated_quote)
{
    FAILS(HEAD "[A]\nx = \"open\n", "test.inf:4: an unterminated quoted string");
}

TEST(error_section_without_bracket)
{
    FAILS(HEAD "[A\nx=1\n", "test.inf:3: a section line without ']'");
    FAILS(HEAD "[A] junk\n", "test.inf:3: text after the section name's ']'");
    FAILS(HEAD "[]\n", "test.inf:3: an empty section name");
}

TEST(error_missing_version)
{
    FAILS("[Strings]\nx=1\n", "test.inf: no [Version] section (every INF needs one)");
    FAILS("[Version]\nClass=X\n", "test.inf:1: [Version] has no Signature entry");
}

TEST(error_bad_signature)
{
    FAILS("[Version]\nSignature=\"$Windows 95$\"\n",
          "test.inf:2: Signature \"$Windows 95$\" is neither \"$Windows NT$\" nor \"$Chicago$\"");
    FAILS("[Version]\nSignature=Windows NT\n",
          "test.inf:2: Signature \"Windows NT\" is neither \"$Windows NT$\" nor \"$Chicago$\"");
}

TEST(error_bad_version_values)
{
    FAILS(HEAD "ClassGuid={78A1C341-4539-11d3-B88D-00C04FAD517}\n",
          "test.inf:3: ClassGuid \"{78A1C341-4539-11d3-B88D-00C04FAD517}\" is not a GUID "
          "{nnnnnnnn-nnnn-nnnn-nnnn-nnnnnnnnnnnn}");
    FAILS(HEAD "DriverVer=13/01/2026,1.0.0.0\n",
          "test.inf:3: DriverVer \"13/01/2026,1.0.0.0\" is not mm/dd/yyyy[,w.x.y.z]");
    FAILS(HEAD "DriverVer=01/01/2026,1.0.70000.0\n",
          "test.inf:3: DriverVer \"01/01/2026,1.0.70000.0\" is not mm/dd/yyyy[,w.x.y.z]");
}

TEST(error_undefined_token)
{
    FAILS(HEAD "[A]\nx = %Nowhere%\n[Strings]\nSomewhere=1\n",
          "test.inf:4: %Nowhere% is not defined in [Strings]");
    FAILS(HEAD "[A]\nx = 50%\n", "test.inf:4: a lone % in \"50%\" (write %% for a literal %)");
    FAILS(HEAD "[A]\nx = %99%\\a\n",
          "test.inf:4: %99%: DIRID 99 is not supported (10, 11, 12 and 13 are)");
}

TEST(error_embedded_nul)
{
    static const char text[] = HEAD "[A]\nx = a\0b\n";
    size_t size;
    unsigned char *b = to_utf16(HEAD "[A]\nx = ab\n", &size);
    parse_fails(text, sizeof(text) - 1, STATUS_INVALID_PARAMETER,
                "test.inf:4: an embedded NUL character", __LINE__);
    b[size - 6] = 0; /* the 'a' */
    parse_fails(b, size, STATUS_INVALID_PARAMETER,
                "test.inf:4: an embedded NUL character in the UTF-16 text", __LINE__);
    free(b);
}

TEST(error_bad_encoding)
{
    FAILS(HEAD "[A]\nx = caf\xE9\n",
          "test.inf:4: text that is not UTF-8 (an INF without a byte-order mark is read as UTF-8; "
          "save it as UTF-16LE with a BOM)");
    parse_fails("\xFF\xFE\x5B", 3, STATUS_INVALID_PARAMETER,
                "test.inf: UTF-16 text with an odd number of bytes", __LINE__);
    parse_fails("\xFF\xFE\x00\xD8\x41\x00", 6, STATUS_INVALID_PARAMETER,
                "test.inf:1: an unpaired surrogate in the UTF-16 text", __LINE__);
}

TEST(error_overlong)
{
    size_t n = 5000;
    char *text = malloc(n + 64);
    strcpy(text, HEAD "[A]\nx = ");
    size_t at = strlen(text);
    memset(text + at, 'a', 4095);
    strcpy(text + at + 4095, "\n");
    struct inf_file *inf = PARSE(text); /* 4095 characters: the limit */
    inf_free(inf);
    strcpy(text + at + 4095, "a\n");
    FAILS(text, "test.inf:4: a field longer than 4095 characters (the INF limit, NUL included, "
                "is 4096)");
    /* After substitution. */
    memcpy(text + at, "%S%%S%", 6);
    strcpy(text + at + 6, "\n[Strings]\nS=\"");
    size_t s = strlen(text);
    memset(text + s, 'b', 2100);
    strcpy(text + s + 2100, "\"\n");
    FAILS(text, "test.inf:4: a field longer than 4095 characters after string substitution");
    /* A section name of 256 characters. */
    memset(text, 'n', 256);
    memcpy(text, HEAD "[", strlen(HEAD "["));
    strcpy(text + strlen(HEAD "[") + 256, "]\n");
    FAILS(text, "test.inf:3: a section name longer than 255 characters");
    free(text);
}

TEST(error_entry_outside_section)
{
    FAILS("x = 1\n" HEAD, "test.inf:1: an entry before the first [section] line");
}

TEST(error_models)
{
    struct inf_file *inf = PARSE(HEAD "[Manufacturer]\nM = Mod, NTamd64.10.0\n");
    struct inf_models m;
    struct inf_error err;
    if (inf != NULL) {
        ok_status(inf_models_read(inf, &m, &err), STATUS_INVALID_PARAMETER);
        ok(strcmp(err.text, "test.inf:4: models section [Mod.NTamd64.10.0] is named but absent") ==
               0,
           "%s\n", err.text);
    }
    inf_free(inf);
    inf = PARSE(HEAD "[Manufacturer]\nM = Mod, NTamd64.x\n");
    if (inf != NULL) {
        ok_status(inf_models_read(inf, &m, &err), STATUS_INVALID_PARAMETER);
        ok(strcmp(err.text, "test.inf:4: \"NTamd64.x\" is not a TargetOSVersion decoration "
                            "(nt[arch][.major[.minor[.type[.suite[.build]]]]])") == 0,
           "%s\n", err.text);
    }
    inf_free(inf);
    inf = PARSE(HEAD "[Manufacturer]\nM = Mod, NTamd64\n[Mod.NTamd64]\njust-an-id\n");
    if (inf != NULL) {
        ok_status(inf_models_read(inf, &m, &err), STATUS_INVALID_PARAMETER);
        ok(strcmp(err.text, "test.inf:6: a models entry is description = install-section"
                            "[, hardware-id[, compatible-id...]]") == 0,
           "%s\n", err.text);
    }
    inf_free(inf);
}

TEST(error_install_section_absent)
{
    INSTALL_FAILS(MODEL "[Other]\n", "test.inf:6: install section [I] is named but absent");
    INSTALL_FAILS(MODEL "[I]\nAddReg=Missing\n",
                  "test.inf:8: add-registry section [Missing] is named but absent");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,2,NoSuch\n",
                  "test.inf:9: service-install section [NoSuch] is named but absent");
}

TEST(error_wrong_value_types)
{
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,2,S\n[S]\nServiceType=1\n"
                        "StartType=demand\nErrorControl=1\nServiceBinary=%12%\\s.sys\n",
                  "test.inf:12: StartType \"demand\" is not a number");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,2,S\n[S]\nServiceType=1\n"
                        "StartType=7\nErrorControl=1\nServiceBinary=%12%\\s.sys\n",
                  "test.inf:12: StartType 7 is out of range (0-4)");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,2,S\n[S]\nServiceType=1\n"
                        "StartType=3\nErrorControl=1\n",
                  "test.inf:9: service-install section [S] has no ServiceBinary entry");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,2,S\n[S]\nStartType=3\n",
                  "test.inf:9: service-install section [S] has no ServiceType entry");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=svc,x,S\n",
                  "test.inf:9: AddService flags \"x\" are not a number");
    INSTALL_FAILS(MODEL "[I]\n[I.Services]\nAddService=,2\nAddService=,2\n",
                  "test.inf:10: a second associated service (SPSVCINST_ASSOCSERVICE); line 9 has "
                  "one");
    INSTALL_FAILS(MODEL "[I]\nAddReg=R\n[R]\nHKR,,V,0x00010001,many\n",
                  "test.inf:10: a REG_DWORD value (flags 0x00010001) is one number, decimal or "
                  "0x hexadecimal, not \"many\"");
    INSTALL_FAILS(MODEL "[I]\nAddReg=R\n[R]\nHKR,,V,0x00000001,1,GG\n",
                  "test.inf:10: binary data \"GG\" (value 2) is not a hexadecimal byte");
    INSTALL_FAILS(MODEL "[I]\nAddReg=R\n[R]\nHKX,,V\n",
                  "test.inf:10: registry root \"HKX\" is not HKR, HKCR, HKCU, HKLM or HKU");
    INSTALL_FAILS(MODEL "[I]\nAddReg=R\n[R]\nHKR,,V,0x00000008,a\n",
                  "test.inf:10: FLG_ADDREG_APPEND (0x8) is valid only with "
                  "FLG_ADDREG_TYPE_MULTI_SZ");
    INSTALL_FAILS(MODEL "[I]\nAddReg=R\n[R]\nHKR,,V,0x00030000,a\n",
                  "test.inf:10: registry flags 0x00030000 name no value type (FLG_ADDREG_TYPE_*)");
    INSTALL_FAILS(MODEL "[I]\nFeatureScore=0x100\n",
                  "test.inf:8: FeatureScore \"0x100\" is not a byte (0x00-0xFF)");
}

/* A section named 66,000 times over: the install stops at 65,536 registry entries. */
TEST(error_too_many_registry_entries)
{
    size_t n = 66000, at;
    char *text = malloc(n * 2 + 256);
    strcpy(text, MODEL "[R]\nHKR,,V,,x\n[I]\nAddReg=R");
    at = strlen(text);
    for (size_t i = 1; i < n; i++)
        memcpy(text + at, ",R", 2), at += 2;
    strcpy(text + at, "\n");
    INSTALL_FAILS(text, "test.inf:8: more than 65536 registry entries in one install");
    free(text);
}

/* Every prefix of the sample INF parses or fails cleanly (never a crash; asan checks). */
TEST(every_prefix_is_safe)
{
    size_t n = strlen(base_inf), good = 0;
    for (size_t i = 0; i <= n; i++) {
        struct inf_file *inf = NULL;
        struct inf_error err;
        if (inf_parse(base_inf, i, "p.inf", NULL, &inf, &err) == STATUS_SUCCESS) {
            good++;
            ok(inf != NULL, "prefix %zu\n", i);
        } else {
            ok(inf == NULL && strncmp(err.text, "p.inf", 5) == 0, "prefix %zu: %s\n", i, err.text);
        }
        inf_free(inf);
    }
    ok(good > 0, "no prefix parsed\n");
}

/* How long a typical INF takes to parse, models, match and install: thread CPU time, printed
 * with DRVHOST_TEST_VERBOSE=1. */
TEST(parse_time)
{
    const char *hw[] = {"ROOT\\ACMEDEV"};
    int64_t t0 = 0;
    struct timespec a, b;
    const int rounds = 500;
    int failed = 0;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a);
    for (int i = 0; i < rounds; i++) {
        struct inf_file *inf = NULL;
        struct inf_error err;
        struct inf_models m;
        struct inf_match match;
        struct inf_install in;
        failed +=
            !(inf_parse(base_inf, strlen(base_inf), "t.inf", NULL, &inf, &err) == STATUS_SUCCESS &&
              inf_models_read(inf, &m, &err) == STATUS_SUCCESS &&
              inf_match_device(inf, &m, hw, 1, NULL, 0, &match, &err) == STATUS_SUCCESS &&
              inf_install_read(inf, match.model, &in, &err) == STATUS_SUCCESS);
        inf_free(inf);
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b);
    ok(failed == 0, "%d of %d rounds failed\n", failed, rounds);
    t0 = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    trace("parse+models+match+install of a %zu-byte INF: %.1f us\n", strlen(base_inf),
          (double)t0 / rounds / 1000.0);
}

/* The valid seeds of fuzz/corpus/inf, read from the file, each through to its install. */
TEST(valid_seeds_install)
{
    static const struct {
        const char *file, *hwid, *service;
        size_t nservices;
    } seeds[] = {{"function.inf", "*WIDGET0", "widget", 1},
                 {"filter_bus.inf", "TOYBUS\\CHILD", "toychild", 2},
                 {"utf16.inf", "ROOT\\TOYBUS", "toybus", 1},
                 {"null_driver.inf", "ROOT\\NULLDEV", "", 1}};
    for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
        char path[1024], *data = malloc(1 << 16);
        FILE *f;
        size_t n = 0;
        struct inf_file *inf = NULL;
        struct inf_error err = {{0}, 0};
        struct inf_models m;
        struct inf_match match = {NULL, 0};
        struct inf_install in = {0};
        snprintf(path, sizeof(path), "%s/%s", INF_SEED_DIR, seeds[i].file);
        if ((f = fopen(path, "rb")) != NULL) {
            n = fread(data, 1, 1 << 16, f);
            fclose(f);
        }
        ok(n > 0, "cannot read %s\n", path);
        bool good =
            inf_parse(data, n, seeds[i].file, NULL, &inf, &err) == STATUS_SUCCESS &&
            inf_models_read(inf, &m, &err) == STATUS_SUCCESS &&
            inf_match_device(inf, &m, &seeds[i].hwid, 1, NULL, 0, &match, &err) == STATUS_SUCCESS &&
            inf_install_read(inf, match.model, &in, &err) == STATUS_SUCCESS;
        ok(good, "%s: %s\n", seeds[i].file, err.text);
        ok(!good || (in.nservices == seeds[i].nservices && in.function != NULL &&
                     strcmp(in.function->name, seeds[i].service) == 0),
           "%s: services\n", seeds[i].file);
        inf_free(inf);
        free(data);
    }
}
