#!/usr/bin/env python3
"""mutate.py - mutation testing of drvhost's runtime: does the test suite notice a broken src/?

Applies one mutation at a time at a randomly chosen site of the C files under a folder (seeded,
so a run is reproducible), rebuilds the `dev` preset incrementally, runs the test suite, restores
the file, and prints each mutation with its verdict, then the score:

    scripts/mutate.py                       # 100 mutations over src/, seed 1
    scripts/mutate.py --dir src/ke -n 30    # 30 over the kernel layer
    scripts/mutate.py --seed 7 --list       # the sites the seed picks, without running anything
    scripts/mutate.py --only src/ke/wait.c:88:negate   # one given mutation

Operators (each a one-line or one-statement edit; the line count never changes):
    bugcheck   delete a bug-check call (ke_bugcheck, ke_bugcheck_msg, KeBugCheckEx)
    negate     negate the condition of a one-line `if (...)`
    status     replace `return STATUS_X;` (X not SUCCESS) by `return STATUS_SUCCESS;`
    assign     delete a one-line assignment statement
    early      return at once from a void function

Verdicts: caught (a test failed; the first failing tests are named), survived (every test
passed), no-build (the mutant does not compile: not counted, another site is drawn). Mutations
judged equivalent (they change no behaviour) are listed in docs/testing.md with the reason and
given to --exclude (a file of `path:line:operator` lines); they are not counted.

The score is caught / (caught + survived). The source tree is always restored, also on Ctrl-C.
"""
import argparse
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OPERATORS = ("bugcheck", "negate", "status", "assign", "early")
BUGCHECK_RE = re.compile(r"^\s*(ke_bugcheck_msg|ke_bugcheck|KeBugCheckEx)\s*\(")
IF_RE = re.compile(r"^(\s*(?:\}\s*else\s+)?if\s*)\((.*)\)(\s*(?:\{|return\b.*|[^;]*;)?)\s*$")
STATUS_RE = re.compile(r"^(\s*return\s+)(STATUS_(?!SUCCESS\b)[A-Z0-9_]+)\s*;\s*$")
ASSIGN_RE = re.compile(r"^\s*[A-Za-z_][\w.\->\[\]]*\s*(=|\|=|&=|\+=|-=|\^=)\s*[^=].*;\s*$")
VOID_FN_RE = re.compile(r"^(?:static\s+)?(?:inline\s+)?(?:VOID|void)\s+\**\s*[A-Za-z_]\w*\s*\(")


def balanced(text):
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def statement_end(lines, start):
    """Index of the line that ends the statement starting at `start` (parens balanced, ';')."""
    depth = 0
    for i in range(start, min(start + 12, len(lines))):
        code = lines[i].split("//")[0]
        depth += code.count("(") - code.count(")")
        if depth <= 0 and code.rstrip().endswith(";"):
            return i
    return None


def sites_of(path):
    """Every (line index, operator) of a file where an operator applies."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found = []
    in_comment = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if in_comment:
            in_comment = "*/" not in stripped
            continue
        if stripped.startswith("/*"):
            in_comment = "*/" not in stripped
            continue
        if stripped.startswith(("//", "#", "*")):
            continue
        if BUGCHECK_RE.match(line) and statement_end(lines, i) is not None:
            found.append((i, "bugcheck"))
        m = IF_RE.match(line)
        if m and balanced(m.group(2)) and "(" not in m.group(3):
            found.append((i, "negate"))
        if STATUS_RE.match(line):
            found.append((i, "status"))
        if ASSIGN_RE.match(line) and not stripped.startswith(("return", "for", "if", "while")):
            if i > 0 and not lines[i - 1].rstrip().endswith((",", "(", "=", "&&", "||")):
                found.append((i, "assign"))
        if VOID_FN_RE.match(line) and not line.rstrip().endswith(";"):
            j = i
            while j < len(lines) and lines[j].strip() != "{" and j < i + 6:
                j += 1
            if j < len(lines) and lines[j].strip() == "{" and j + 1 < len(lines):
                found.append((j, "early"))
    return lines, found


def mutate(lines, index, op):
    out = list(lines)
    line = lines[index]
    indent = line[: len(line) - len(line.lstrip())]
    if op == "bugcheck":
        end = statement_end(lines, index)
        out[index] = indent + "(void)0; /* mutant: bug check deleted */"
        for k in range(index + 1, end + 1):
            out[k] = ""
    elif op == "negate":
        m = IF_RE.match(line)
        out[index] = "%s(!(%s))%s" % (m.group(1), m.group(2), m.group(3))
    elif op == "status":
        m = STATUS_RE.match(line)
        out[index] = m.group(1) + "STATUS_SUCCESS; /* mutant: was %s */" % m.group(2)
    elif op == "assign":
        out[index] = indent + "; /* mutant: assignment deleted */"
    elif op == "early":
        out[index] = line + " return; /* mutant: early return */"
    return out


def run(cmd, timeout):
    try:
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=timeout)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        return 124, (e.stdout or "") if isinstance(e.stdout, str) else ""


def failed_tests(output):
    names = re.findall(r"^\s*\d+ - (\S+) \(", output, re.M)
    return names[:3]


def all_sites(folder, exclude):
    sites = []
    for base, _, files in os.walk(os.path.join(ROOT, folder)):
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.relpath(os.path.join(base, name), ROOT)
            _, found = sites_of(os.path.join(ROOT, path))
            for index, op in found:
                key = "%s:%d:%s" % (path, index + 1, op)
                if key not in exclude:
                    sites.append((path, index, op))
    sites.sort()
    return sites


def try_mutant(path, index, op, args):
    """Applies, rebuilds, tests, restores. Returns (verdict, detail)."""
    full = os.path.join(ROOT, path)
    with open(full, encoding="utf-8") as f:
        original = f.read()
    lines = original.split("\n")
    try:
        with open(full, "w", encoding="utf-8") as f:
            f.write("\n".join(mutate(lines, index, op)))
        code, out = run(["cmake", "--build", "--preset", args.preset], 600)
        if code != 0:
            return "no-build", ""
        code, out = run(["ctest", "--preset", args.preset, "-j", str(args.jobs),
                         "--stop-on-failure", "--timeout", str(args.test_timeout)] + args.ctest,
                        args.suite_timeout)
        if code == 0:
            return "survived", ""
        return "caught", ", ".join(failed_tests(out)) or "the suite failed"
    finally:
        with open(full, "w", encoding="utf-8") as f:
            f.write(original)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default="src", help="folder whose .c files are mutated (src)")
    ap.add_argument("-n", "--count", type=int, default=100, help="mutations to judge (100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--preset", default="dev")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--test-timeout", type=int, default=120, help="per test (s)")
    ap.add_argument("--suite-timeout", type=int, default=900, help="per suite run (s)")
    ap.add_argument("--exclude", help="file of path:line:operator lines judged equivalent")
    ap.add_argument("--list", action="store_true", help="print the drawn sites and stop")
    ap.add_argument("--only", help="one mutation, path:line:operator")
    ap.add_argument("ctest", nargs="*", help="extra ctest arguments (after --)")
    args = ap.parse_args()

    exclude = set()
    if args.exclude:
        with open(args.exclude, encoding="utf-8") as f:
            exclude = {l.split("#")[0].strip() for l in f if l.split("#")[0].strip()}
    if args.only:
        path, line, op = args.only.rsplit(":", 2)
        draws = [(path, int(line) - 1, op)]
    else:
        sites = all_sites(args.dir, exclude)
        if not sites:
            sys.exit("mutate: no mutation site under %s" % args.dir)
        random.Random(args.seed).shuffle(sites)
        draws = sites
    print("mutate: %s, seed %d, %d sites" % (args.dir, args.seed, len(draws)), flush=True)
    if args.list:
        for path, index, op in draws[: args.count]:
            print("%s:%d:%s" % (path, index + 1, op))
        return 0

    if run(["cmake", "--build", "--preset", args.preset], 1200)[0] != 0:
        sys.exit("mutate: the unmutated tree does not build")
    caught = survived = 0
    survivors = []
    started = time.time()
    for path, index, op in draws:
        if caught + survived >= args.count:
            break
        verdict, detail = try_mutant(path, index, op, args)
        if verdict == "no-build":
            print("      %s:%d:%s: no-build (not counted)" % (path, index + 1, op), flush=True)
            continue
        if verdict == "caught":
            caught += 1
        else:
            survived += 1
            survivors.append("%s:%d:%s" % (path, index + 1, op))
        print("[%3d] %s:%d:%s: %s%s" % (caught + survived, path, index + 1, op, verdict,
                                         " (" + detail + ")" if detail else ""), flush=True)
    run(["cmake", "--build", "--preset", args.preset], 1200)  # the restored tree
    total = caught + survived
    if survivors:
        print("survived:")
        for s in survivors:
            print("  " + s)
    print("mutate: %d caught, %d survived: score %.1f %% (%d s)" %
          (caught, survived, 100.0 * caught / total if total else 0.0, time.time() - started))
    return 0 if total and caught * 10 >= total * 9 else 1


if __name__ == "__main__":
    sys.exit(main())
