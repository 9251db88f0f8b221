/*
 * elf.c - reading a driver module's imports from its ELF dynamic symbol table, before any of
 * its code runs (dlopen would run constructors and bind symbols we may not have).
 */
#include "ldr/ldr_private.h"

#include <elf.h>
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

static bool ldr_import_ok(const char *name)
{
    if (ldr_crt_name(name))
        return os_process_has_symbol(name);
    return os_runtime_exports(name);
}

static bool ldr_range_ok(size_t size, uint64_t off, uint64_t len)
{
    return off <= size && len <= size - off;
}

static void ldr_append(char *out, size_t size, const char *name)
{
    size_t used = strlen(out);
    if (used + strlen(name) + 2 < size)
        snprintf(out + used, size - used, "%s%s", used ? "\n" : "", name);
}

static int ldr_fail(char *out, size_t size, const char *why)
{
    snprintf(out, size, "%s", why);
    return -1;
}

static int ldr_scan_dynsym(const unsigned char *img, size_t size, const Elf64_Shdr *sym,
                           const Elf64_Shdr *str, char *missing, size_t missing_size)
{
    int count = 0;
    if (sym->sh_entsize != sizeof(Elf64_Sym) || !ldr_range_ok(size, sym->sh_offset, sym->sh_size) ||
        !ldr_range_ok(size, str->sh_offset, str->sh_size) || str->sh_size == 0 ||
        img[str->sh_offset + str->sh_size - 1] != 0)
        return ldr_fail(missing, missing_size, "corrupt dynamic symbol table");
    for (uint64_t i = 1; i < sym->sh_size / sizeof(Elf64_Sym); i++) {
        Elf64_Sym s;
        memcpy(&s, img + sym->sh_offset + i * sizeof(s), sizeof(s));
        if (s.st_shndx != SHN_UNDEF || ELF64_ST_BIND(s.st_info) != STB_GLOBAL)
            continue; /* defined here, or weak: a weak import may stay unresolved */
        if (s.st_name >= str->sh_size)
            return ldr_fail(missing, missing_size, "corrupt symbol name");
        const char *name = (const char *)img + str->sh_offset + s.st_name;
        if (name[0] == 0 || ldr_import_ok(name))
            continue;
        ldr_append(missing, missing_size, name);
        count++;
    }
    return count;
}

int ldr_check_imports(const void *image, size_t size, char *missing, size_t missing_size)
{
    const unsigned char *img = image;
    Elf64_Ehdr eh;
    missing[0] = 0;
    if (size < sizeof(eh) || memcmp(img, ELFMAG, SELFMAG) != 0)
        return ldr_fail(missing, missing_size, "not an ELF file");
    memcpy(&eh, img, sizeof(eh));
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64 || eh.e_type != ET_DYN)
        return ldr_fail(missing, missing_size, "not an x86-64 shared object (build it with drvcc)");
    if (eh.e_shentsize != sizeof(Elf64_Shdr) ||
        !ldr_range_ok(size, eh.e_shoff, (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr)))
        return ldr_fail(missing, missing_size, "corrupt section headers");
    for (unsigned i = 0; i < eh.e_shnum; i++) {
        Elf64_Shdr sh, str;
        memcpy(&sh, img + eh.e_shoff + (uint64_t)i * sizeof(sh), sizeof(sh));
        if (sh.sh_type != SHT_DYNSYM)
            continue;
        if (sh.sh_link >= eh.e_shnum)
            return ldr_fail(missing, missing_size, "corrupt section link");
        memcpy(&str, img + eh.e_shoff + (uint64_t)sh.sh_link * sizeof(str), sizeof(str));
        return ldr_scan_dynsym(img, size, &sh, &str, missing, missing_size);
    }
    return 0; /* no dynamic symbols: imports nothing */
}
