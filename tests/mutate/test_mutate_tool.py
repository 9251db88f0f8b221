#!/usr/bin/env python3
"""test_mutate_tool.py - self-test of scripts/mutate.py on a tree of its own (a temporary CMake
project, `--root`), not on drvhost's: what it checks is the tool, and a run costs seconds.

hang: the project's one test program waits for a flag its main sets; the mutant deleting that
    assignment makes it (and a child it forked into a process group of its own) wait forever,
    and so does a grandchild, orphaned in a process group of its own, which holds the test's
    output open (ctest waits for it), while the test's TIMEOUT property is 600 s. The tool must
    report the mutant as a hang counted caught, within a bound of --test-timeout plus the
    build, and leave no process of the project behind.
equivalent: an entry of the equivalent file names its site by function and text: lines added
    above the site leave it excluded (moved, not stale); --fix-equivalent rewrites the line
    hint; an edit of the line itself makes it stale, reported by --check-equivalent (exit 1) and
    by a run (the site is drawn again); an old-form entry (PATH:LINE:OP) is reported and
    --fix-equivalent rewrites it in the new form.
header: a mutant of an inline function in a header (sign.h) is accepted by --sites, rebuilds
    the program including it (found by its recorded dependencies), is caught by that program's
    test, and the header, the program and the build tree are restored (ninja has nothing to
    do); a header nothing includes gives the verdict unused, not counted.

Usage: test_mutate_tool.py [REPOSITORY]   (exit 0 when every check passed)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
TOOL = os.path.join(REPO, "scripts", "mutate.py")
TEST_TIMEOUT = 3
FAILURES = []

CMAKELISTS = """cmake_minimum_required(VERSION 3.25)
project(mutate_selftest C)
enable_testing()
add_executable(spin src/spin.c)
add_test(NAME spin COMMAND spin)
set_tests_properties(spin PROPERTIES TIMEOUT 600)
add_executable(sign src/sign.c)
add_test(NAME sign COMMAND sign)
"""

PRESETS = """{
  "version": 6,
  "configurePresets": [{"name": "dev", "generator": "Ninja",
                        "binaryDir": "${sourceDir}/build/dev"}],
  "buildPresets": [{"name": "dev", "configurePreset": "dev"}],
  "testPresets": [{"name": "dev", "configurePreset": "dev"}]
}
"""

SPIN = """#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int ready;

static void wait_ready(void)
{
    while (!ready)
        usleep(1000);
}

int main(void)
{
    pid_t child;
    ready = 1;
    child = fork();
    if (child == 0) {
        setpgid(0, 0);
        if (fork() == 0)
            wait_ready();
        _exit(0);
    }
    wait_ready();
    waitpid(child, NULL, 0);
    return 0;
}
"""

# The header case: sign.c's test checks an inline function of sign.h; unused.h is included by
# nothing.
SIGN_H = """static inline int sign_of(int v)
{
    if (v < 0)
        return -1;
    return v > 0;
}
"""

SIGN = """#include "sign.h"

int main(void)
{
    return sign_of(-4) == -1 && sign_of(0) == 0 && sign_of(9) == 1 ? 0 : 1;
}
"""

UNUSED_H = """static inline int unused_of(int v)
{
    if (v < 0)
        return 1;
    return 0;
}
"""


def check(what, ok, detail=""):
    print("%s: %s%s" % ("ok" if ok else "FAILED", what, "" if ok else "\n" + detail))
    if not ok:
        FAILURES.append(what)


def tool(root, *args):
    p = subprocess.run([sys.executable, TOOL, "--root", root] + list(args), text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr


def line_of(path, text):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f.read().split("\n")].index(text) + 1


def leftovers(root):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink("/proc/%s/exe" % pid).startswith(root + os.sep):
                found.append(pid)
        except OSError:
            pass
    return found


def test_hang(root):
    source = os.path.join(root, "src", "spin.c")
    site = "src/spin.c:%d:assign" % line_of(source, "ready = 1;")
    began = time.time()
    code, out, err = tool(root, "--only", site, "--confirm", "", "--exclude", "",
                          "--test-timeout", str(TEST_TIMEOUT), "--suite-timeout", "300")
    took = time.time() - began
    check("the deadlocking mutant is reported as a hang", re.search(
        r"\] %s: hang \(spin \(killed after %d s\)\)" % (re.escape(site), TEST_TIMEOUT), out) is not None,
        out + err)
    check("a hang counts as caught", "1 caught (1 of them hangs), 0 survived" in out and
          code == 0, out + err)
    # The bound: the time-out plus a build and a link of one file on a loaded machine, far
    # below the test's own 600 s.
    check("within the bound (%.0f s)" % took, took < TEST_TIMEOUT + 120, out + err)
    time.sleep(0.5)
    check("no process left behind", not leftovers(root), str(leftovers(root)))
    with open(source, encoding="utf-8") as f:
        check("the source is restored", f.read() == SPIN)


def test_equivalent(root):
    source = os.path.join(root, "src", "spin.c")
    equivalent = os.path.join(root, "equivalent.txt")
    line = line_of(source, "child = fork();")
    entry = "src/spin.c:%d:assign in main `child = fork();` # the test's reason" % line

    def write(text):
        with open(equivalent, "w", encoding="utf-8") as f:
            f.write("# a comment\n" + text + "\n")

    def listed():
        return tool(root, "--list", "-n", "100", "--exclude", equivalent)

    write(entry)
    code, out, _ = listed()
    check("a new-form entry excludes its site", code == 0 and ":%d:assign" % line not in out and
          "src/spin.c:%d:assign" % line_of(source, "ready = 1;") in out, out)
    check("--check-equivalent accepts it", tool(root, "--check-equivalent", "--exclude",
                                                equivalent)[0] == 0)

    with open(source, "w", encoding="utf-8") as f:
        f.write("/* three lines\n * added above\n */\n" + SPIN)
    code, out, err = listed()
    check("lines added above: still excluded, nothing reported",
          ":%d:assign" % (line + 3) not in out and "stale" not in err, out + err)
    code, out, _ = tool(root, "--check-equivalent", "--exclude", equivalent)
    check("--check-equivalent reports the move, exit 0",
          code == 0 and "moved to line %d" % (line + 3) in out, out)
    code, out, _ = tool(root, "--fix-equivalent", "--exclude", equivalent)
    with open(equivalent, encoding="utf-8") as f:
        fixed = f.read()
    check("--fix-equivalent rewrites the hint, keeps the reason and comments",
          code == 0 and fixed == "# a comment\n" + entry.replace(":%d:" % line, ":%d:" %
                                                                   (line + 3)) + "\n", fixed)

    with open(source, "w", encoding="utf-8") as f:
        f.write(SPIN.replace("child = fork();", "child = (pid_t)fork();"))
    code, out, _ = tool(root, "--check-equivalent", "--exclude", equivalent)
    check("an edited line: the entry is stale, exit 1",
          code == 1 and "stale: no assign site in main() with that text" in out, out)
    code, out, err = listed()
    check("a run reports the stale entry and draws the site again",
          "equivalent.txt:2: stale" in err and ":%d:assign" % line in out, out + err)

    with open(source, "w", encoding="utf-8") as f:
        f.write(SPIN)
    write("src/spin.c:%d:assign # old form" % line)
    code, out, _ = tool(root, "--check-equivalent", "--exclude", equivalent)
    check("an old-form entry is reported line-only, exit 1", code == 1 and "line-only" in out, out)
    code, out, _ = tool(root, "--fix-equivalent", "--exclude", equivalent)
    with open(equivalent, encoding="utf-8") as f:
        fixed = f.read()
    check("--fix-equivalent rewrites it in the new form", code == 0 and fixed ==
          "# a comment\nsrc/spin.c:%d:assign in main `child = fork();` # old form\n" % line, fixed)
    write("src/spin.c:%d:negate # no such site" % line)
    code, out, _ = tool(root, "--check-equivalent", "--exclude", equivalent)
    check("an old-form entry whose operator does not apply is stale", code == 1 and
          "stale: operator negate does not apply to line %d" % line in out, out)


def test_header(root):
    header = os.path.join(root, "src", "sign.h")
    program = os.path.join(root, "build", "dev", "sign")
    site = "src/sign.h:%d:negate" % line_of(header, "if (v < 0)")
    code, out, _ = tool(root, "--list", "-n", "100", "--exclude", "")
    check("--list draws the sites of headers", site in out, out)
    with open(program, "rb") as f:
        built = (f.read(), os.stat(program).st_mtime_ns)
    sites = os.path.join(root, "sites.txt")
    with open(sites, "w", encoding="utf-8") as f:
        f.write("mutate: src, seed 1, 2 sites\n%s\n" % site)
    code, out, err = tool(root, "--sites", sites, "--confirm", "", "--exclude", "", "-v")
    # The program including the header is rebuilt (the mutant is caught by its test) ...
    check("a header mutant is caught by the test of its includer",
          re.search(r"\] %s: caught \(sign\)" % re.escape(site), out) is not None and code == 0,
          out + err)
    # ... and the build put back as it was: the program's bytes and time, nothing to rebuild.
    with open(program, "rb") as f:
        check("the program is restored", (f.read(), os.stat(program).st_mtime_ns) == built)
    check("the build tree is restored", "was not restored exactly" not in out, out)
    p = subprocess.run(["ninja", "-C", os.path.join(root, "build", "dev"), "-n"], text=True,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check("nothing left to rebuild", "no work to do" in p.stdout, p.stdout)
    with open(header, encoding="utf-8") as f:
        check("the header is restored", f.read() == SIGN_H)
    unused = "src/unused.h:%d:negate" % line_of(os.path.join(root, "src", "unused.h"),
                                                 "if (v < 0)")
    code, out, err = tool(root, "--only", unused, "--confirm", "", "--exclude", "")
    check("a header nothing includes: unused, not counted",
          "%s: unused" % unused in out and "0 caught, 0 survived" in out, out + err)


def main():
    root = tempfile.mkdtemp(prefix="mutate-selftest-")
    try:
        os.mkdir(os.path.join(root, "src"))
        for name, text in (("CMakeLists.txt", CMAKELISTS), ("CMakePresets.json", PRESETS),
                           ("src/spin.c", SPIN), ("src/sign.h", SIGN_H), ("src/sign.c", SIGN),
                           ("src/unused.h", UNUSED_H)):
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(text)
        p = subprocess.run(["cmake", "--preset", "dev"], cwd=root, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            sys.exit("test_mutate_tool: the project does not configure:\n" + p.stdout)
        test_hang(root)
        test_header(root)
        test_equivalent(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("test_mutate_tool: %s" % ("%d failed: %s" % (len(FAILURES), ", ".join(FAILURES))
                                   if FAILURES else "all passed"))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
