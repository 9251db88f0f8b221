/*
 * elf.c - checking a driver module before any of its code runs, from what the dynamic loader
 * itself uses: the program headers and the dynamic segment, never the section headers (a
 * module may strip or forge those).
 *
 * What the check guarantees: every symbol the dynamic loader binds for the module is a routine
 * drvhost exports (or one of the C library routines the WDK's kernel CRT offers too); the module
 * names no library to load (DT_NEEDED, filters, audit libraries, version needs) and has no code
 * that the loader would run by itself (constructors, destructors, IFUNC resolvers). So module
 * code runs only when drvhost calls it, and it can call only drvhost. What it does not
 * guarantee: a driver runs in the drvhost process with its rights and can read or write any of
 * its memory; drvhost is not a sandbox for malicious drivers (docs/io.md).
 *
 * The symbols checked are those the relocations reference (DT_RELA, DT_REL, DT_JMPREL): those
 * are exactly the ones the loader binds. A module must be linked with -Bsymbolic (drvcc does),
 * so that its references to its own definitions bind inside it and never to a same-named
 * routine of the process.
 *
 * One allowance, in the `fuzz` preset's runtime only (DRVHOST_FUZZ_MODULES): a module built
 * with `drvcc --fuzz` (SanitizerCoverage and AddressSanitizer) imports the sanitizers' routines
 * (__sanitizer_cov_*, __asan_*), which the fuzzer executable provides, and has their
 * constructors (DT_INIT_ARRAY: they register its coverage counters with libFuzzer and its
 * globals with ASan) and ASan's destructor (DT_FINI_ARRAY). Such a module is accepted when it
 * imports a sanitizer's registration routine; drvcc --fuzz refuses any constructor of the
 * driver's own (tools/drvcc.in), which this check cannot tell from the sanitizers' (they are
 * local functions). Elsewhere a module with sanitizer imports is refused with that reason.
 */
#include "ldr/ldr_private.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* C library routines a driver may call: the WDK's kernel CRT offers them too, and glibc's
 * implementations behave the same. Wide-character routines are not here: glibc's wchar_t is
 * 32 bits, a driver's is 16. */
static const char *const ldr_crt_allowed[] = {
    "memcpy",  "memmove",  "memset",  "memcmp",  "memchr",  "strlen",  "strnlen",
    "strcmp",  "strncmp",  "strcpy",  "strncpy", "strcat",  "strncat", "strchr",
    "strrchr", "strstr",   "strspn",  "strcspn", "strpbrk", "toupper", "tolower",
    "abs",     "labs",     "llabs",   "qsort",   "bsearch", "isdigit", "isalpha",
    "isspace", "isxdigit", "isupper", "islower", "isalnum", "isprint",
};

bool ldr_crt_name(const char *name)
{
    for (size_t i = 0; i < sizeof(ldr_crt_allowed) / sizeof(ldr_crt_allowed[0]); i++)
        if (strcmp(name, ldr_crt_allowed[i]) == 0)
            return true;
    return false;
}

/* The sanitizer runtime's entry points an instrumented module calls (`drvcc --fuzz`). */
static bool ldr_sanitizer_name(const char *name)
{
    return strncmp(name, "__sanitizer_cov_", 16) == 0 || strncmp(name, "__asan_", 7) == 0;
}

/* The routines with which the sanitizers' constructors register a module: a module importing
 * one was built with `drvcc --fuzz`, and its constructors are the sanitizers'. */
static bool ldr_sanitizer_registration(const char *name)
{
    return strcmp(name, "__sanitizer_cov_8bit_counters_init") == 0 ||
           strcmp(name, "__asan_init") == 0;
}

#ifdef DRVHOST_FUZZ_MODULES
#define LDR_FUZZ_MODULES 1
#else
#define LDR_FUZZ_MODULES 0
#endif

static bool ldr_import_ok(const char *name)
{
    if (LDR_FUZZ_MODULES && ldr_sanitizer_name(name))
        return os_process_has_symbol(name);
    if (ldr_crt_name(name))
        return os_process_has_symbol(name);
    return os_runtime_exports(name);
}

/* The parts of a module the check reads, located through its program headers. */
struct elf_view {
    const unsigned char *img;
    size_t size;
    Elf64_Phdr load[16]; /* PT_LOAD segments, to map addresses to file offsets */
    unsigned loads;
    uint64_t dyn_off, dyn_count;
    uint64_t symtab, strtab, strsz, syment;
    uint64_t rel[3][2]; /* DT_RELA, DT_REL, DT_JMPREL: address, size */
    int jmprel_is_rela;
    bool symbolic;
    bool init_array, fini_array; /* DT_INIT_ARRAY, DT_FINI_ARRAY: the sanitizers' at most */
    const char *sanitizer;       /* a sanitizer routine it imports (points into img), or NULL */
    bool registers;              /* it imports a sanitizer registration routine */
    char *missing;
    size_t missing_size;
};

static bool elf_range_ok(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

static int elf_fail(struct elf_view *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int elf_fail(struct elf_view *v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->missing, v->missing_size, fmt, ap);
    va_end(ap);
    return -1;
}

/* Is name already one of the newline-separated names in v->missing? */
static bool elf_listed(const struct elf_view *v, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = v->missing; *p;) {
        size_t len = strcspn(p, "\n");
        if (len == n && memcmp(p, name, n) == 0)
            return true;
        p += len + (p[len] == '\n');
    }
    return false;
}

static void elf_append(struct elf_view *v, const char *name)
{
    size_t used = strlen(v->missing);
    if (used + strlen(name) + 2 < v->missing_size)
        snprintf(v->missing + used, v->missing_size - used, "%s%s", used ? "\n" : "", name);
}

/* The file offset of [addr, addr+len) inside one PT_LOAD segment's file image; false if none. */
static bool elf_map(const struct elf_view *v, uint64_t addr, uint64_t len, uint64_t *off)
{
    for (unsigned i = 0; i < v->loads; i++) {
        const Elf64_Phdr *p = &v->load[i];
        if (addr >= p->p_vaddr && addr - p->p_vaddr <= p->p_filesz &&
            len <= p->p_filesz - (addr - p->p_vaddr)) {
            *off = p->p_offset + (addr - p->p_vaddr);
            return elf_range_ok(v->size, *off, len);
        }
    }
    return false;
}

/* What a file that is not a loadable x86-64 module is, for the refusal message. */
static int elf_header(struct elf_view *v, Elf64_Ehdr *eh)
{
    if (v->size >= 2 && v->img[0] == 'M' && v->img[1] == 'Z')
        return elf_fail(v, "a Windows PE image: drvhost loads driver modules built from source "
                           "with drvcc, not .sys files built by the WDK");
    if (v->size < SELFMAG || memcmp(v->img, ELFMAG, SELFMAG) != 0)
        return elf_fail(v, "not an ELF file (build the driver with drvcc)");
    if (v->size < sizeof(*eh) || v->img[EI_CLASS] != ELFCLASS64)
        return elf_fail(v, "a 32-bit ELF file: drvhost loads x86-64 modules (build it with drvcc)");
    memcpy(eh, v->img, sizeof(*eh));
    if (eh->e_machine != EM_X86_64)
        return elf_fail(v, "an ELF file for another architecture (e_machine %u), not x86-64",
                        (unsigned)eh->e_machine);
    if (eh->e_type == ET_EXEC || eh->e_type == ET_REL)
        return elf_fail(v, "an ELF %s, not a shared object (build it with drvcc)",
                        eh->e_type == ET_EXEC ? "executable" : "object file");
    if (eh->e_type != ET_DYN)
        return elf_fail(v, "an ELF file of type %u, not a shared object", (unsigned)eh->e_type);
    if (eh->e_phentsize != sizeof(Elf64_Phdr) ||
        !elf_range_ok(v->size, eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr)))
        return elf_fail(v, "corrupt program headers");
    return 0;
}

static int elf_segments(struct elf_view *v, const Elf64_Ehdr *eh)
{
    bool dynamic = false;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr p;
        memcpy(&p, v->img + eh->e_phoff + (uint64_t)i * sizeof(p), sizeof(p));
        if (p.p_type == PT_LOAD) {
            if (v->loads == sizeof(v->load) / sizeof(v->load[0]) ||
                !elf_range_ok(v->size, p.p_offset, p.p_filesz))
                return elf_fail(v, "corrupt loadable segments");
            v->load[v->loads++] = p;
        } else if (p.p_type == PT_DYNAMIC) {
            if (dynamic || !elf_range_ok(v->size, p.p_offset, p.p_filesz))
                return elf_fail(v, "corrupt dynamic segment");
            dynamic = true;
            v->dyn_off = p.p_offset;
            v->dyn_count = p.p_filesz / sizeof(Elf64_Dyn);
        }
    }
    if (!dynamic)
        return elf_fail(v, "no dynamic segment: not a shared object built by drvcc");
    return 0;
}

#define LDR_CTORS_REFUSED                                                                          \
    "has constructors (DT_INIT/DT_INIT_ARRAY): module code would run before DriverEntry"
#define LDR_DTORS_REFUSED                                                                          \
    "has destructors (DT_FINI/DT_FINI_ARRAY): module code would run after DriverUnload"

/* A dynamic tag that would make the loader load another file or run module code by itself
 * (DT_INIT_ARRAY and DT_FINI_ARRAY: elf_code_at_load, once the imports are known). */
static const char *elf_forbidden_tag(const Elf64_Dyn *d)
{
    switch (d->d_tag) {
    case DT_NEEDED:
        return "needs a shared library (DT_NEEDED): a driver module links no library; build it "
               "with drvcc";
    case DT_AUXILIARY:
    case DT_FILTER:
        return "is a filter library (DT_AUXILIARY/DT_FILTER)";
    case DT_AUDIT:
    case DT_DEPAUDIT:
        return "names an audit library (DT_AUDIT)";
    case DT_VERNEED:
        return "needs versioned symbols of a library (DT_VERNEED)";
    case DT_INIT:
    case DT_PREINIT_ARRAY:
        return LDR_CTORS_REFUSED;
    case DT_FINI:
        return LDR_DTORS_REFUSED;
    default:
        return NULL;
    }
}

static void elf_note_tag(struct elf_view *v, const Elf64_Dyn *d)
{
    switch (d->d_tag) {
    case DT_SYMTAB:
        v->symtab = d->d_un.d_ptr;
        break;
    case DT_STRTAB:
        v->strtab = d->d_un.d_ptr;
        break;
    case DT_STRSZ:
        v->strsz = d->d_un.d_val;
        break;
    case DT_SYMENT:
        v->syment = d->d_un.d_val;
        break;
    case DT_RELA:
        v->rel[0][0] = d->d_un.d_ptr;
        break;
    case DT_RELASZ:
        v->rel[0][1] = d->d_un.d_val;
        break;
    case DT_REL:
        v->rel[1][0] = d->d_un.d_ptr;
        break;
    case DT_RELSZ:
        v->rel[1][1] = d->d_un.d_val;
        break;
    case DT_JMPREL:
        v->rel[2][0] = d->d_un.d_ptr;
        break;
    case DT_PLTRELSZ:
        v->rel[2][1] = d->d_un.d_val;
        break;
    case DT_PLTREL:
        v->jmprel_is_rela = d->d_un.d_val == DT_RELA;
        break;
    case DT_SYMBOLIC:
        v->symbolic = true;
        break;
    case DT_INIT_ARRAY:
        v->init_array = true;
        break;
    case DT_FINI_ARRAY:
        v->fini_array = true;
        break;
    case DT_FLAGS:
        v->symbolic |= (d->d_un.d_val & DF_SYMBOLIC) != 0;
        break;
    default:
        break;
    }
}

static int elf_dynamic(struct elf_view *v)
{
    for (uint64_t i = 0; i < v->dyn_count; i++) {
        Elf64_Dyn d;
        memcpy(&d, v->img + v->dyn_off + i * sizeof(d), sizeof(d));
        if (d.d_tag == DT_NULL)
            break;
        const char *why = elf_forbidden_tag(&d);
        if (why != NULL)
            return elf_fail(v, "refused: the module %s", why);
        elf_note_tag(v, &d);
    }
    if (!v->symbolic)
        return elf_fail(v, "refused: not linked with -Bsymbolic (build it with drvcc)");
    return 0;
}

/* Checks the symbol a relocation binds. Returns 1 if it is missing, 0 if fine, -1 refused. */
static int elf_check_symbol(struct elf_view *v, uint64_t index)
{
    uint64_t sym_off, str_off;
    Elf64_Sym s;
    if (v->syment != sizeof(Elf64_Sym) ||
        !elf_map(v, v->symtab + index * sizeof(Elf64_Sym), sizeof(Elf64_Sym), &sym_off))
        return elf_fail(v, "corrupt dynamic symbol table");
    memcpy(&s, v->img + sym_off, sizeof(s));
    if (ELF64_ST_TYPE(s.st_info) == STT_GNU_IFUNC)
        return elf_fail(v, "refused: the module has an IFUNC symbol (its resolver would run "
                           "before DriverEntry)");
    if (s.st_shndx != SHN_UNDEF)
        return 0; /* defined here: -Bsymbolic binds it inside the module */
    if (s.st_name >= v->strsz || !elf_map(v, v->strtab, v->strsz, &str_off) ||
        memchr(v->img + str_off + s.st_name, 0, v->strsz - s.st_name) == NULL)
        return elf_fail(v, "corrupt dynamic string table");
    const char *name = (const char *)v->img + str_off + s.st_name;
    if (ldr_sanitizer_name(name)) {
        v->sanitizer = v->sanitizer ? v->sanitizer : name;
        v->registers |= ldr_sanitizer_registration(name);
    }
    if (name[0] == 0 || ldr_import_ok(name) || elf_listed(v, name))
        return 0; /* fine, or already counted (a PLT and a GOT slot may bind one name) */
    elf_append(v, name);
    return 1;
}

static int elf_relocations(struct elf_view *v, int which, int *missing)
{
    bool rela = which == 0 || (which == 2 && v->jmprel_is_rela);
    uint64_t entsize = rela ? sizeof(Elf64_Rela) : sizeof(Elf64_Rel), off;
    if (v->rel[which][1] == 0)
        return 0;
    if (!elf_map(v, v->rel[which][0], v->rel[which][1], &off) || v->rel[which][1] % entsize)
        return elf_fail(v, "corrupt relocation table");
    for (uint64_t at = off; at < off + v->rel[which][1]; at += entsize) {
        Elf64_Rela r = {0};
        memcpy(&r, v->img + at, entsize);
        if (ELF64_R_TYPE(r.r_info) == R_X86_64_IRELATIVE)
            return elf_fail(v, "refused: the module has an IRELATIVE relocation (an IFUNC "
                               "resolver would run before DriverEntry)");
        if (ELF64_R_SYM(r.r_info) == 0)
            continue;
        int n = elf_check_symbol(v, ELF64_R_SYM(r.r_info));
        if (n < 0)
            return -1;
        *missing += n;
    }
    return 0;
}

/* Code the dynamic loader would run by itself: refused, except an instrumented module's
 * sanitizer constructors and destructor in the fuzz preset's runtime (see the top). Elsewhere an
 * instrumented module is refused for what it is, before its imports are listed as missing. */
static int elf_code_at_load(struct elf_view *v)
{
    if (v->sanitizer != NULL && !LDR_FUZZ_MODULES)
        return elf_fail(v,
                        "refused: the module is instrumented for fuzzing (built with drvcc "
                        "--fuzz: it imports %s); only the runtime of the `fuzz` preset "
                        "loads it (docs/fuzzing.md)",
                        v->sanitizer);
    if (LDR_FUZZ_MODULES && v->registers)
        return 0;
    if (v->init_array)
        return elf_fail(v, "refused: the module " LDR_CTORS_REFUSED);
    if (v->fini_array)
        return elf_fail(v, "refused: the module " LDR_DTORS_REFUSED);
    return 0;
}

int ldr_check_imports(const void *image, size_t size, bool *instrumented, char *missing,
                      size_t missing_size)
{
    struct elf_view v = {
        .img = image, .size = size, .missing = missing, .missing_size = missing_size};
    Elf64_Ehdr eh;
    int count = 0;
    missing[0] = 0;
    *instrumented = false;
    if (elf_header(&v, &eh) < 0 || elf_segments(&v, &eh) < 0 || elf_dynamic(&v) < 0)
        return -1;
    for (int which = 0; which < 3; which++)
        if (elf_relocations(&v, which, &count) < 0)
            return -1;
    if (elf_code_at_load(&v) < 0)
        return -1;
    *instrumented = v.registers;
    return count;
}
