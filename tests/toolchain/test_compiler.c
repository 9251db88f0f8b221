/*
 * test_compiler.c - which compiler built this tree, and whether the runtime knows its sanitizers
 * (tests/toolchain/CMakeLists.txt says what is expected and why).
 *
 * A compiler leaves its name in the .comment section of every object it compiles ("GCC: (Debian
 * 12.2.0-14) 12.2.0", "Debian clang version 14.0.6"), and the linker keeps the section: so the
 * runtime's and a driver module's compiler are read from their files, not assumed. GCC's name
 * may also come from the C library's start files or libgcc, linked into every program and
 * module, so a GCC build is recognised by the absence of clang's name.
 */
#include <elf.h>
#include <limits.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "harness.h"
#include "os/os.h" /* DRVHOST_ASAN, DRVHOST_TSAN: what the runtime's sources see */

static const char *const expected = TOOLCHAIN_EXPECT_CLANG ? "clang" : "gcc";

/* The .comment strings of an ELF file, each followed by '\n'; NULL if the file cannot be read
 * or has none. The caller frees it. */
static char *elf_comment(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = NULL;
    unsigned char *image = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size > (long)sizeof(Elf64_Ehdr) && fseek(f, 0, SEEK_SET) == 0 &&
        (image = malloc((size_t)size)) != NULL &&
        fread(image, 1, (size_t)size, f) == (size_t)size) {
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
        const Elf64_Shdr *sh = (const Elf64_Shdr *)(image + eh->e_shoff);
        if (memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_shstrndx < eh->e_shnum &&
            eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) <= (size_t)size) {
            const char *names = (const char *)image + sh[eh->e_shstrndx].sh_offset;
            for (unsigned i = 0; i < eh->e_shnum && !text; i++) {
                if (strcmp(names + sh[i].sh_name, ".comment") != 0 ||
                    sh[i].sh_offset + sh[i].sh_size > (size_t)size)
                    continue;
                text = calloc(1, sh[i].sh_size + 1);
                for (size_t at = 0; text && at < sh[i].sh_size; at++) {
                    char c = (char)image[sh[i].sh_offset + at];
                    text[at] = c ? c : '\n';
                }
            }
        }
    }
    free(image);
    fclose(f);
    return text;
}

/* ok() that the file at PATH was compiled by the expected compiler; WHAT names it. */
static void check_built_by(const char *what, const char *path)
{
    char *comment = elf_comment(path);
    if (!ok(comment != NULL, "%s (%s): no .comment section read\n", what, path))
        return;
    int clang = strstr(comment, "clang version") != NULL;
    ok(clang == TOOLCHAIN_EXPECT_CLANG, "%s (%s): built by %s, expected %s; its .comment:\n%s",
       what, path, clang ? "clang" : "gcc", expected, comment);
    free(comment);
}

TEST(test_program_compiler)
{
#ifdef __clang__
    const int clang = 1;
#else
    const int clang = 0;
#endif
    /* The line scripts/test.sh shows in each preset's summary. */
    printf("toolchain: %s %s\n", clang ? "clang" : "gcc", __VERSION__);
    fflush(stdout); /* the test runs in a child of the harness */
    ok(clang == TOOLCHAIN_EXPECT_CLANG, "this test program: built by %s (%s), expected %s\n",
       clang ? "clang" : "gcc", __VERSION__, expected);
}

static int find_runtime(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    const char *name = info->dlpi_name;
    size_t n = strlen(name);
    if (n >= 13 && strcmp(name + n - 13, "libdrvhost.so") == 0) {
        snprintf(data, PATH_MAX, "%s", name);
        return 1;
    }
    return 0;
}

TEST(runtime_compiler)
{
    static char path[PATH_MAX];
    if (ok(dl_iterate_phdr(find_runtime, path) == 1, "libdrvhost.so is loaded\n"))
        check_built_by("libdrvhost.so", path);
}

TEST(driver_module_compiler)
{
    check_built_by("a test driver module (drvhost_add_driver)",
                   harness_driver_path("toolchain_probe"));
}

#if TOOLCHAIN_CHECK_DRVCC
/* drvcc with the test's environment (the preset's DRVCC_CC): the compiler a user of that
 * compiler gets for a driver. */
TEST(drvcc_module_compiler)
{
    const char *dir = harness_temp_dir("toolchain");
    char command[3 * PATH_MAX], module[PATH_MAX];
    if (!dir)
        return;
    snprintf(module, sizeof module, "%s/probe.sys", dir);
    snprintf(command, sizeof command, "'%s' -o '%s' '%s'", TOOLCHAIN_DRVCC, module,
             TOOLCHAIN_PROBE_SOURCE);
    int status = system(command);
    if (ok(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "%s: status %#x (DRVCC_CC=%s)\n", command, status,
           getenv("DRVCC_CC") ? getenv("DRVCC_CC") : "(unset)"))
        check_built_by("a module built by drvcc", module);
}
#endif

/* The runtime's sanitizer-specific code (the pool's quarantine, SEH's __asan_handle_no_return,
 * the trace recorder's TSan annotations) is compiled in on DRVHOST_ASAN and DRVHOST_TSAN: under
 * clang, which defines neither __SANITIZE_ADDRESS__ nor __SANITIZE_THREAD__, it silently was not
 * until session 13. */
TEST(sanitizer_macros_match_the_build)
{
#ifdef DRVHOST_ASAN
    const int asan = 1;
#else
    const int asan = 0;
#endif
#ifdef DRVHOST_TSAN
    const int tsan = 1;
#else
    const int tsan = 0;
#endif
    ok(asan == TOOLCHAIN_EXPECT_ASAN, "DRVHOST_ASAN %s, the build %s AddressSanitizer\n",
       asan ? "defined" : "undefined", TOOLCHAIN_EXPECT_ASAN ? "has" : "has no");
    ok(tsan == TOOLCHAIN_EXPECT_TSAN, "DRVHOST_TSAN %s, the build %s ThreadSanitizer\n",
       tsan ? "defined" : "undefined", TOOLCHAIN_EXPECT_TSAN ? "has" : "has no");
}
