#!/usr/bin/env python3
"""check_doc_tests.py - every test that docs/*.md names as pinning a behaviour exists.

The pages name tests in brackets: `[test_name]`, `[executable: test, test]` or `[a, b; c]`, where
each name is a TEST() of tests/ or a CTest test (an executable `<area>_<file stem>` of
tests/<area>/test_*.c, or a test added by name in a CMakeLists.txt). A name that is neither means
a renamed or deleted test left a claim of the documentation without its test: the check prints
each one with its page and line, and fails.

Usage: check_doc_tests.py SOURCE_DIR
"""
import glob
import os
import re
import sys


def known_names(root):
    names = set()
    for path in glob.glob(os.path.join(root, "tests", "**", "*.c"), recursive=True):
        with open(path, encoding="utf-8", errors="replace") as f:
            names.update(re.findall(r"^TEST\((\w+)\)", f.read(), re.M))
    for path in glob.glob(os.path.join(root, "tests", "*", "test_*.c")):
        folder = os.path.dirname(path)
        cmake = os.path.join(folder, "CMakeLists.txt")
        with open(cmake, encoding="utf-8") as f:
            if "drvhost_add_test_dir(" not in f.read():
                continue  # the folder names its tests itself
        names.add(os.path.basename(folder) + "_" + os.path.basename(path)[:-2])
    for path in glob.glob(os.path.join(root, "**", "CMakeLists.txt"), recursive=True):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        names.update(re.findall(r"\bNAME\s+(\w+)", text))
        names.update(re.findall(r"drvhost_add_(?:scenario_)?test\(\s*(\w+)", text))
        # foreach(_t a b c) drvhost_add_test(prefix_${_t} ...): prefix_a, prefix_b, prefix_c
        for items, prefix in re.findall(
                r"foreach\(\s*_t\s+([\w ]+)\)\s*drvhost_add_test\((\w*)\$\{_t\}", text):
            names.update(prefix + item for item in items.split())
    return names


# A bracket that names tests: lower-case words with underscores, separated by , ; : or spaces,
# not a Markdown link (no "(" right after it).
BRACKET = re.compile(r"\[([a-z0-9_][a-z0-9_ ,;:\n.]*)\](?!\()")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
# Words in brackets that are not test names (C identifiers the pages show in brackets).
NOT_TESTS = {"io_irp_private", "ob_header"}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    names = known_names(root)
    missing = []
    for page in sorted(glob.glob(os.path.join(root, "docs", "*.md"))):
        with open(page, encoding="utf-8") as f:
            text = f.read()
        for m in BRACKET.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            for word in re.split(r"[\s,;:]+", m.group(1)):
                if NAME.match(word) and word not in NOT_TESTS and word not in names:
                    missing.append("%s:%d: [%s] names no test" % (os.path.relpath(page, root),
                                                                  line, word))
    for problem in missing:
        print(problem)
    print("check_doc_tests: %d test names in docs/ that no test has" % len(missing))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
