#!/usr/bin/env python3
"""mutate.py - mutation testing of drvhost's runtime: does the test suite notice a broken src/?

Applies one mutation at a time at a randomly chosen site of the C files (.c and .h) under a
folder (seeded, so a run is reproducible), rebuilds only what that file feeds (class Build; for
a header, every object that includes it, then what those are linked into), runs the `dev`
suite until a test fails, most likely tests first and slow ones and the repository checks last
(class Tests), restores the file and the build, and prints each mutation with its verdict, then
the score:

    scripts/mutate.py                       # 100 mutations over src/, seed 1
    scripts/mutate.py --dir src/ke -n 30    # 30 over the kernel layer
    scripts/mutate.py --seed 7 --list       # the sites the seed picks, without running anything
    scripts/mutate.py --only src/ke/wait.c:88:negate   # one given mutation
    scripts/mutate.py --sites FILE          # the mutations listed in FILE (as --list prints)
    scripts/mutate.py --check-equivalent    # entries of the equivalent file that name no site

Operators (each a one-line or one-statement edit; the line count never changes):
    bugcheck   delete a bug-check call (ke_bugcheck, ke_bugcheck_msg, KeBugCheckEx)
    negate     negate the condition of a one-line `if (...)`
    status     replace `return STATUS_X;` (X not SUCCESS) by `return STATUS_SUCCESS;`
    assign     delete a one-line assignment statement
    early      return at once from a void function

Verdicts: caught (a test failed; the first failing tests are named), hang (a test program
outlived --test-timeout and was killed, whatever its TIMEOUT property: counted as caught),
survived (every test of the dev suite passed, the slow ones and the repository checks
included), no-build (the mutant does not compile: not counted, another site is drawn), unused
(a header no object of the build includes: not counted). Every
command runs in a session of its own, killed when it ends: no process outlives a mutant.

Mutations judged equivalent (they change no behaviour) are listed in docs/testing.md with the
reason and in scripts/mutate-equivalent.txt, which --exclude reads by default; they are not
drawn. An entry names its site by file, function, operator and line text, so edits elsewhere do
not move it; one whose line changed is stale, reported by every run and by
--check-equivalent (the test mutate_equivalent_current); --fix-equivalent updates line hints.

The score is caught / (caught + survived). The source tree is always restored, also on Ctrl-C.
"""
import argparse
import json
import os
import random
import re
import signal
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


def proc_table():
    """{pid: (ppid, session, starttime)} of the live processes (from /proc)."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name, encoding="utf-8", errors="replace") as f:
                data = f.read()
        except OSError:
            continue  # it ended meanwhile
        fields = data[data.rindex(")") + 2:].split()
        table[int(name)] = (int(fields[1]), int(fields[3]), int(fields[19]))
    return table


def argv_of(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return tuple(a.decode("utf-8", "replace") for a in f.read().split(b"\0")[:-1])
    except OSError:
        return ()


def kill_pids(pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def kill_session(sid):
    """SIGKILLs every process of session `sid` (a command run by run() and all it started, also
    those that left its process group), until none is left: a process forking meanwhile is
    caught by the next round."""
    for _ in range(50):
        pids = [pid for pid, (_, s, _) in proc_table().items() if s == sid]
        if not pids:
            return
        kill_pids(pids)
        time.sleep(0.05)


def in_subtree(table, pid, root):
    while pid in table and pid > 1:
        if pid == root:
            return True
        pid = table[pid][0]
    return False


def run(cmd, timeout, cwd=None, env=None, child_timeout=None, hangs=None):
    """(exit code, output) of cmd, run in a session of its own so that nothing it starts outlives
    it: when it ends, or after `timeout` seconds (code 124), every process left in the session
    is killed. `child_timeout` (ctest): a direct child of cmd (a test program) still running
    after that many seconds is killed with all it started, whatever the test's own TIMEOUT
    property says (ctest --timeout does not override that); its argv is appended to `hangs`."""
    p = subprocess.Popen(cmd, cwd=cwd or ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, errors="replace", env=env, start_new_session=True)
    deadline = time.time() + timeout
    seen, killed, chunks, timed_out = {}, set(), [], False
    try:
        while True:
            try:
                out, _ = p.communicate(timeout=0.5)
                chunks.append(out or "")
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.time()
            if p.poll() is not None or now > deadline:
                # cmd ended but something it started holds the output open, or time is up.
                timed_out = timed_out or (p.poll() is None)
                kill_session(p.pid)
                continue
            if child_timeout is None:
                continue
            table = proc_table()
            for pid, (ppid, _, start) in table.items():
                if ppid != p.pid or (pid, start) in killed:  # killed: a zombie until reaped
                    continue
                first = seen.setdefault((pid, start), now)
                if now - first > child_timeout:
                    killed.add((pid, start))
                    if hangs is not None:
                        hangs.append(argv_of(pid))
                    # The hung test and its descendants, and orphans in the session (their
                    # parent gone, they may hold the test's output open: ctest would wait).
                    kill_pids([q for q, (_, s, _) in table.items()
                               if s == p.pid and q != p.pid and
                               (in_subtree(table, q, pid) or not in_subtree(table, q, p.pid))])
    finally:
        if p.poll() is None:
            p.kill()
        kill_session(p.pid)
        p.wait()
    return (124 if timed_out else p.returncode), "".join(chunks)


def failed_tests(output):
    return re.findall(r"^\s*\d+ - (\S+) \(", output, re.M)


# The files sites are drawn from: the C sources, and the headers (the layers' internal headers
# hold static inline code, such as the framework's request hot path in src/wdf/wdf_private.h).
SOURCE_SUFFIXES = (".c", ".h")


def is_header(path):
    return path.endswith(".h")


def all_sites(folder, exclude):
    """(path, line index, operator) of every site of the .c and .h files under folder but those
    in `exclude`."""
    sites = []
    for base, _, files in os.walk(os.path.join(ROOT, folder)):
        for name in sorted(files):
            if not name.endswith(SOURCE_SUFFIXES):
                continue
            path = os.path.relpath(os.path.join(base, name), ROOT)
            _, found = sites_of(os.path.join(ROOT, path))
            sites += [(path, index, op) for index, op in found if (path, index, op) not in exclude]
    sites.sort()
    return sites


# Entries of the equivalent file. The old form, PATH:LINE:OP, names a line by its number, which
# any edit above it changes. The form written now adds the function and the line's text, which
# identify the site; the line number is kept as a hint (the nearest of two identical lines of a
# function) and for the reader:
#     src/wdf/queue.c:249:negate in lane_lock `if (spins < 64)` # reason
ENTRY_RE = re.compile(r"^(\S+):(\d+):(\w+)(?:\s+in\s+(\S+)\s+`(.*?)`)?\s*(#.*)?$")
DEFINITION = re.compile(r"([A-Za-z_]\w*)\s*\(")
ATTRIBUTES = {"__declspec", "__attribute__"}


def function_of(lines, index):
    """The function a line is in: the name in the definition above the nearest '{' alone on a
    line (clang-format's Allman braces: only a definition's brace is at column 0); '-' at file
    scope (a macro's body)."""
    for i in range(index, -1, -1):
        if lines[i].rstrip() == "{":
            for k in range(i - 1, max(i - 12, -1), -1):
                line = lines[k]
                if line[:1] and not line[:1].isspace() and line[:1] != ")":
                    names = [n for n in DEFINITION.findall(line) if n not in ATTRIBUTES]
                    return names[0] if names else "-"
            return "-"
    return "-"


def text_of(line):
    return " ".join(line.split())


def entry_of(path, lines, index, op):
    """The entry naming a site (without the reason)."""
    return "%s:%d:%s in %s `%s`" % (path, index + 1, op, function_of(lines, index),
                                    text_of(lines[index]))


class Entry:
    def __init__(self, number, raw):
        self.number, self.raw = number, raw  # its line in the equivalent file, and its text
        m = ENTRY_RE.match(raw)
        if not m:
            sys.exit("mutate: equivalent file line %d: '%s' is not PATH:LINE:OP [in FUNCTION "
                     "`TEXT`] [# reason]" % (number, raw))
        self.path, self.line, self.op, self.function, self.text, self.reason = m.groups()
        self.line = int(self.line)
        self.site = None  # (path, index, op) once resolved
        self.problem = None  # why it names no site, or names it by its line only


def resolve(entries):
    """Finds each entry's site in today's tree: the site of that file, function, operator and
    line text nearest the entry's line number; an old-form entry, the site at its line. Sets
    entry.site, or entry.problem (stale: no such site; line-only: old form)."""
    cache = {}
    for e in entries:
        if e.path not in cache:
            full = os.path.join(ROOT, e.path)
            cache[e.path] = sites_of(full) if os.path.exists(full) else ([], [])
        lines, found = cache[e.path]
        if e.function is None:
            if (e.line - 1, e.op) in found:
                e.site = (e.path, e.line - 1, e.op)
                e.problem = "line-only (old form: an edit above it makes it name another line)"
            else:
                e.problem = "stale: operator %s does not apply to line %d" % (e.op, e.line)
            continue
        text = text_of(e.text)
        matches = [i for i, op in found if op == e.op and text_of(lines[i]) == text and
                   function_of(lines, i) == e.function]
        if not matches:
            e.problem = "stale: no %s site in %s() with that text" % (e.op, e.function)
            continue
        index = min(matches, key=lambda i: abs(i + 1 - e.line))
        e.site = (e.path, index, e.op)


def read_entries(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f.read().split("\n"), 1):
            if raw.strip() and not raw.lstrip().startswith("#"):
                entries.append(Entry(number, raw.strip()))
    return entries


def check_equivalent(path, fix):
    """--check-equivalent: every entry names a site (exit 1 if not); --fix-equivalent also
    rewrites the file: old-form entries in the new form, line numbers where the sites are now.
    A stale entry is left for a person to re-judge (the line changed: is it still equivalent?)."""
    entries = read_entries(path)
    resolve(entries)
    name = os.path.relpath(path, ROOT)
    stale = moved = old = 0
    with open(path, encoding="utf-8") as f:
        rows = f.read().split("\n")
    for e in entries:
        if e.problem and e.problem.startswith("stale"):
            stale += 1
            print("%s:%d: %s: %s" % (name, e.number, e.problem, e.raw))
            continue
        wanted = entry_of(e.path, sites_of(os.path.join(ROOT, e.path))[0], e.site[1], e.op)
        if e.function is None:
            old += 1
        elif e.site[1] + 1 == e.line:
            continue
        moved += 1
        if not fix:
            print("%s:%d: %s: %s" % (name, e.number, e.problem or "moved to line %d (matched "
                                     "by its text)" % (e.site[1] + 1), e.raw))
        rows[e.number - 1] = wanted + (" " + e.reason if e.reason else "")
    if fix and moved:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(rows))
    print("mutate: %s: %d entries, %d stale, %d old-form, %d %s" %
          (name, len(entries), stale, old, moved,
           "rewritten" if fix else "to rewrite (--fix-equivalent)"))
    # A moved entry still names its site; a stale or old-form one does not, or not safely.
    return 1 if stale or (old and not fix) else 0


class Build:
    """Rebuilds only what the mutated file feeds, and puts the unmutated build back by copying.

    `ninja -t query` gives the objects compiled from a source (the runtime's, and those of the
    test programs and object libraries that compile it themselves) and what each object is
    linked into (libdrvhost.so, the internal archive and the white-box programs linking that
    archive, a test program). A header is no input of a build statement: its objects are those
    whose recorded dependencies include it (includers()), every one of them recompiled for each
    of its mutants. Programs that load libdrvhost.so need no relink: they load the mutant
    library at run time. Before a mutant the file, those objects and those linked files are
    copied aside with their times; afterwards they are copied back, times included, so ninja
    sees the tree as built and the next mutant compiles only its own objects."""

    def __init__(self, preset):
        self.dir = os.path.join(ROOT, "build", preset)
        self.outputs = {}
        self.touched = set()
        self.deps = None  # {header's real path: [objects whose recorded deps include it]}

    def ninja(self, args, timeout=1200):
        return run(["ninja", "-C", self.dir] + args, timeout)

    def outputs_of(self, source):
        if source not in self.outputs:
            if is_header(source):
                objects = self.includers(source)
            else:
                code, out = self.ninja(["-t", "query", os.path.join(ROOT, source)], 60)
                objects = re.findall(r"^    (\S+)$", out, re.M) if code == 0 else []
            linked, pending = [], list(objects)
            while pending:  # an archive (libdrvhost_internal.a) feeds the programs linking it
                code, out = self.ninja(["-t", "query", pending.pop()], 60)
                tail = out.split("outputs:", 1)[1] if "outputs:" in out else ""
                for l in (l.strip() for l in tail.splitlines() if l.strip()):
                    if l not in linked:
                        linked.append(l)
                        if l.endswith(".a"):
                            pending.append(l)
            self.outputs[source] = objects + sorted(set(linked) - set(objects))
        self.touched |= set(self.outputs[source])
        return self.outputs[source]

    def includers(self, header):
        """The objects whose recorded dependencies (`ninja -t deps`, what the compiler reported
        at their last build) include `header`, directly or through another header. A header is
        no input of a build statement, so `ninja -t query` names nothing for it. The deps log is
        read once: the tool builds the whole tree before the first mutant, so every object has
        its dependencies recorded, and a mutant changes no #include."""
        if self.deps is None:
            code, out = self.ninja(["-t", "deps"], 120)
            if code != 0:
                sys.exit("mutate: ninja -t deps failed in %s:\n%s" % (self.dir, out[-2000:]))
            self.deps, target, real = {}, None, {}
            for line in out.splitlines():
                if not line.strip():
                    continue
                if not line[0].isspace():  # "OBJECT: #deps N, deps mtime T (VALID)"
                    target = line.split(": #deps", 1)[0]
                    continue
                dep = line.strip()
                if dep not in real:  # a few thousand distinct files, each resolved once
                    real[dep] = os.path.realpath(os.path.join(self.dir, dep))
                self.deps.setdefault(real[dep], []).append(target)
        return sorted(set(self.deps.get(os.path.realpath(os.path.join(ROOT, header)), [])))

    def clean(self, targets):
        """Builds targets; True if there was nothing to do."""
        code, out = self.ninja(targets, 1200)
        return code == 0 and "no work to do" in out

    def save(self, files):
        saved = {}
        for f in files:
            full = os.path.join(self.dir, f)
            if os.path.exists(full):
                with open(full, "rb") as h:
                    saved[full] = (h.read(), os.stat(full))
        return saved

    @staticmethod
    def restore(saved):
        for full, (data, st) in saved.items():
            tmp = full + ".mutate-tmp"
            with open(tmp, "wb") as h:
                h.write(data)
            os.chmod(tmp, st.st_mode & 0o7777)
            os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
            os.replace(tmp, full)  # a running program keeps the mutant's inode


# Tests that read the source tree as text (its formatting, headers, symbols, build files, the
# manifest against the tests, the equivalent file against the sites) rather than run it: a
# mutant they alone notice (a deleted line changes the formatting) has not been caught by a test
# of behaviour, so they are not run; nor is this tool's self-test, which runs no part of src/.
SOURCE_CHECKS = {"format_check", "headers_internal", "posix_only_in_os", "ddi_manifest",
                 "decls_exported", "tests_build_from_internal_library", "internal_link_one_copy",
                 "ddi_decls_check_detects_missing", "ddi_tested", "docs_named_tests_exist",
                 "headers_compile_alone", "vf_bugcode_constants", "mutate_equivalent_current",
                 "mutate_tool_selftest"}
# Layers whose tests are not named after the layer.
LAYER_TESTS = {"ldr": "io_test_loader", "host": ("host_", "scenario_"), "os": ("host_", "seh_")}


class Tests:
    """The dev suite in the order most likely to fail first for a given file.

    The order: tests that caught earlier mutants of the same file, then of the same layer
    (src/<layer>/), then tests named after the file (dpc.c: ke_test_timers_dpcs) or the layer
    (<layer>_..., or LAYER_TESTS), then tests that caught any
    mutant, then the rest by their last run time, shortest first. Tests that check the source
    tree (label `repo`: formatting, manifest, headers, POSIX symbols) and slow ones (over
    `slow` seconds last time) come last: they run only for a mutant nothing else caught, so a
    survivor has passed the whole suite, except SOURCE_CHECKS, which read the tree as text and
    are never run. What caught what is learned in
    build/<preset>/mutate-cache.json (not part of the tree; delete it to start afresh)."""

    def __init__(self, preset, slow):
        self.preset = preset
        self.cache_path = os.path.join(ROOT, "build", preset, "mutate-cache.json")
        code, out = run(["ctest", "--preset", preset, "--show-only=json-v1"], 120)
        if code != 0:
            sys.exit("mutate: ctest --show-only failed:\n" + out)
        data = json.loads(out[out.index("{"):])
        self.names, self.late = [], set()
        self.commands = {}  # a test program's argv -> its test, to name a hung one
        self.hangs = []  # the tests of the last run() that outlived --test-timeout
        for t in data.get("tests", []):
            if t.get("command"):
                self.commands[tuple(t["command"])] = t["name"]
            labels = []
            for prop in t.get("properties", []):
                if prop.get("name") == "LABELS":
                    labels = prop.get("value", [])
            if t["name"] in SOURCE_CHECKS:
                continue
            self.names.append(t["name"])
            if "repo" in labels:
                self.late.add(t["name"])
        self.cost = {}
        cost_file = os.path.join(ROOT, "build", preset, "Testing", "Temporary", "CTestCostData.txt")
        if os.path.exists(cost_file):
            with open(cost_file, encoding="utf-8") as f:
                for line in f:
                    parts = line.split()
                    if len(parts) == 3:
                        try:
                            self.cost[parts[0]] = float(parts[2])
                        except ValueError:
                            pass
        self.late |= {n for n in self.names if self.cost.get(n, 0.0) > slow}
        try:
            with open(self.cache_path, encoding="utf-8") as f:
                self.cache = json.load(f)
        except (OSError, ValueError):
            self.cache = {}

    @staticmethod
    def layer(path):
        parts = path.split(os.sep)
        return parts[1] if len(parts) > 2 else parts[0]

    def order(self, path):
        by_file = self.cache.get("file", {}).get(path, {})
        by_layer = self.cache.get("layer", {}).get(self.layer(path), {})
        anywhere = self.cache.get("all", {})
        prefix = LAYER_TESTS.get(self.layer(path), self.layer(path) + "_")
        stem = os.path.splitext(os.path.basename(path))[0]

        def key(name):
            return (name in self.late, -by_file.get(name, 0), -by_layer.get(name, 0),
                    stem not in name, not name.startswith(prefix), -anywhere.get(name, 0),
                    self.cost.get(name, 1.0), name)
        return sorted(self.names, key=key)

    def learn(self, path, names):
        for name in names:
            for table, key in (("file", path), ("layer", self.layer(path))):
                counts = self.cache.setdefault(table, {}).setdefault(key, {})
                counts[name] = counts.get(name, 0) + 1
            counts = self.cache.setdefault("all", {})
            counts[name] = counts.get(name, 0) + 1
        try:
            with open(self.cache_path + ".tmp", "w", encoding="utf-8") as f:
                json.dump(self.cache, f, indent=0, sort_keys=True)
            os.replace(self.cache_path + ".tmp", self.cache_path)
        except OSError:
            pass

    def batches(self, path):
        """The ordered tests cut in growing batches: one ctest run each, stopping at a failure."""
        ordered = self.order(path)
        early = [n for n in ordered if n not in self.late]
        late = [n for n in ordered if n in self.late]
        cuts, out, i = [2, 6, 16], [], 0
        for size in cuts:
            if i < len(early):
                out.append(early[i:i + size])
                i += size
        if i < len(early):
            out.append(early[i:])
        if late:
            out.append(late)
        return out

    def run(self, path, args, preset=None, limit=None):
        """Failed test names for the mutant in the build tree of `preset` (the suite's own by
        default); [] when all passed. `limit`: only the first `limit` tests of the order that
        are not late (the confirmation under a sanitizer, class Confirm)."""
        batches = self.batches(path)
        if limit is not None:
            early = [n for b in batches for n in b if n not in self.late]
            batches = [early[:limit]] if early else []
        cleared = set()  # slow tests that failed once and passed again (fails_again)
        self.hangs = []
        while batches:
            batch = [n for n in batches.pop(0) if n not in cleared]
            if not batch:
                continue
            regex = "^(%s)$" % "|".join(re.escape(n) for n in batch)
            # A harness TEST gets --harness-timeout instead of its 30 s: under load a timing
            # test (cm_store's creation_is_not_quadratic) outlived 30 s, a false catch.
            env = dict(os.environ, DRVHOST_TEST_TIMEOUT=str(args.harness_timeout))
            code, out = self.ctest(preset, ["-j", str(args.jobs), "--stop-on-failure", "-R",
                                            regex], args, env)
            if args.verbose:
                print("      ctest %s%s: %s" % ("[%s] " % preset if preset else "", " ".join(batch),
                                              "failed" if code else "passed"))
            if code != 0:
                names = failed_tests(out) or ["the suite failed"]
                if code == 124:
                    self.hangs.append("the ctest run (over --suite-timeout)")
                if preset is None and names and all(n in self.late for n in names) and \
                        not self.fails_again(names, preset, args):
                    if args.verbose:
                        print("      %s failed once, passed again: not a catch" % ", ".join(names))
                    cleared |= set(names)
                    self.hangs = []  # nor a hang: the slow test ends alone
                    batches.insert(0, batch)  # --stop-on-failure skipped the rest of it
                    continue
                if preset is None:
                    self.learn(path, [n for n in names if n in self.names])
                return names
        return []

    def fails_again(self, names, preset, args):
        """A slow test (the registry kill loop, the hang time-outs, the drvcc installs) that
        failed under load is run once more, alone: a catch only if it fails again."""
        env = dict(os.environ, DRVHOST_TEST_TIMEOUT=str(args.harness_timeout))
        regex = "^(%s)$" % "|".join(re.escape(n) for n in names)
        code, _ = self.ctest(preset, ["-j", "1", "-R", regex], args, env)
        return code != 0

    def ctest(self, preset, options, args, env):
        """One ctest run. --timeout bounds only the tests without a TIMEOUT property (most have
        600 s), so run() also kills a test program still running after --test-timeout: a mutant
        that deadlocks costs that long, not 600 s, and is a catch reported as a hang (self.hangs,
        with the tests ctest itself timed out)."""
        hung = []
        code, out = run(["ctest", "--preset", preset or self.preset, "--timeout",
                         str(args.test_timeout)] + options + args.ctest, args.suite_timeout,
                        env=env, child_timeout=args.test_timeout, hangs=hung)
        self.hangs += ["%s (killed after %d s)" % (self.commands.get(argv, " ".join(argv)),
                                                   args.test_timeout) for argv in hung]
        self.hangs += ["%s (ctest time-out)" % n
                       for n in re.findall(r"^\s*\d+ - (\S+) \(Timeout\)", out, re.M)]
        return code, out


def confirm(path, args, confirm_build, tests):
    """A survivor of the suite's preset, built into the confirmation preset's tree (the mutated
    source is still in place) and run against the first --confirm-tests tests of the same order
    (the ones nearest the file); failed test names, or [] (also when it does not build there)."""
    targets = confirm_build.outputs_of(path)
    saved = confirm_build.save(targets)
    try:
        code, _ = confirm_build.ninja(["-j", str(args.jobs)] + targets, 900)
        if code != 0:
            return []
        return tests.run(path, args, preset=args.confirm, limit=args.confirm_tests)
    finally:
        confirm_build.restore(saved)


def try_mutant(path, index, op, args, build, tests, confirm_build=None):
    """Applies, rebuilds, tests, restores. Returns (verdict, detail)."""
    full = os.path.join(ROOT, path)
    st = os.stat(full)
    with open(full, encoding="utf-8") as f:
        original = f.read()
    lines = original.split("\n")
    targets = build.outputs_of(path)
    if not targets and is_header(path):
        return "unused", ""  # no object includes it: the mutant would change nothing built
    saved = build.save(targets)
    try:
        with open(full, "w", encoding="utf-8") as f:
            f.write("\n".join(mutate(lines, index, op)))
        began = time.time()
        code, out = build.ninja(["-j", str(args.jobs)] + targets, 600)
        if code != 0:
            return "no-build", ""
        built = time.time()
        failed = tests.run(path, args)
        if args.verbose:
            print("      build %.1f s, tests %.1f s" % (built - began, time.time() - built))
        if failed and tests.hangs:
            return "hang", ", ".join(tests.hangs[:3])
        if failed:
            return "caught", ", ".join(failed[:3])
        if confirm_build is not None:
            failed = confirm(path, args, confirm_build, tests)
            if failed and tests.hangs:
                return "hang", "%s: %s" % (args.confirm, ", ".join(tests.hangs[:3]))
            if failed:
                return "caught", "%s: %s" % (args.confirm, ", ".join(failed[:3]))
        return "survived", ""
    finally:
        with open(full, "w", encoding="utf-8") as f:
            f.write(original)
        os.utime(full, ns=(st.st_atime_ns, st.st_mtime_ns))
        build.restore(saved)


def read_keys(path):
    """The keys of a --sites file (what --list prints, PATH:LINE:OP)."""
    with open(path, encoding="utf-8") as f:
        return [l.split("#")[0].strip() for l in f if l.split("#")[0].strip()]


def interrupted(signum, frame):
    raise KeyboardInterrupt  # try_mutant's finally restores the file and the build


def excluded(path):
    """The sites the equivalent file names in today's tree; its stale and old-form entries are
    reported (a stale entry excludes nothing: the site it named changed and must be re-judged)."""
    entries = read_entries(path)
    resolve(entries)
    problems = [e for e in entries if e.problem]
    for e in problems:
        print("mutate: %s:%d: %s: %s" % (os.path.relpath(path, ROOT), e.number, e.problem, e.raw),
              file=sys.stderr)
    if problems:
        print("mutate: %d entries of %s name no site or name it by line only: see "
              "--check-equivalent" % (len(problems), os.path.relpath(path, ROOT)), file=sys.stderr)
    return {e.site for e in entries if e.site}


def main():
    global ROOT
    # SIGTERM (and SIGINT, which a shell ignores in a background job) restore the tree too.
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default="src",
                    help="folder whose .c and .h files are mutated (src)")
    ap.add_argument("-n", "--count", type=int, default=100, help="mutations to judge (100)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--preset", default="dev")
    ap.add_argument("--confirm", default="asan",
                    help="preset a survivor of --preset is re-run under before it is declared "
                         "survived (asan: leaks, overruns; '' for none)")
    ap.add_argument("--confirm-tests", type=int, default=24,
                    help="how many tests of the survivor's order the confirmation runs (24)")
    ap.add_argument("--jobs", type=int, default=2)
    # 180: the slowest test program takes about 10 s on average (CTestCostData), and a harness
    # TEST that hangs is ended by the harness at --harness-timeout (120), naming the TEST.
    ap.add_argument("--test-timeout", type=int, default=180,
                    help="per test program (s): one still running then is killed, with what it "
                         "started, whatever its TIMEOUT property, and the mutant is a hang (180)")
    ap.add_argument("--harness-timeout", type=int, default=120,
                    help="per harness TEST (DRVHOST_TEST_TIMEOUT, s; the suite's own is 30)")
    ap.add_argument("--suite-timeout", type=int, default=900, help="per ctest run (s)")
    ap.add_argument("--slow", type=float, default=5.0,
                    help="tests that took longer than this (s) last time run last (5)")
    ap.add_argument("--exclude", default=None,
                    help="file of mutations judged equivalent, PATH:LINE:OP in FUNCTION `TEXT` "
                         "(scripts/mutate-equivalent.txt; '' for none)")
    ap.add_argument("--check-equivalent", action="store_true",
                    help="report the --exclude entries that name no site (stale), name it by "
                         "line only (old form) or whose site moved; exit 1 if stale or old form")
    ap.add_argument("--fix-equivalent", action="store_true",
                    help="as --check-equivalent, and rewrite old-form and moved entries")
    ap.add_argument("--root", default=ROOT,
                    help="the source tree (the repository; another for the tool's self-test)")
    ap.add_argument("-v", "--verbose", action="store_true", help="times and ctest batches")
    ap.add_argument("--list", action="store_true", help="print the drawn sites and stop")
    ap.add_argument("--only", help="one mutation, path:line:operator")
    ap.add_argument("--sites", help="a file of path:line:operator lines (as --list prints) to run")
    ap.add_argument("ctest", nargs="*", help="extra ctest arguments (after --)")
    args = ap.parse_args()
    ROOT = os.path.abspath(args.root)
    if args.exclude is None:
        args.exclude = os.path.join(ROOT, "scripts", "mutate-equivalent.txt")
    if args.check_equivalent or args.fix_equivalent:
        return check_equivalent(args.exclude, args.fix_equivalent)

    exclude = set()
    if args.exclude and os.path.exists(args.exclude):
        exclude = excluded(args.exclude)
    if args.only or args.sites:
        keys = [args.only] if args.only else [k for k in read_keys(args.sites)
                                              if not k.startswith("mutate:")]
        draws = []
        for key in keys:
            path, line, op = key.rsplit(":", 2)
            if (int(line) - 1, op) not in sites_of(os.path.join(ROOT, path))[1]:
                sys.exit("mutate: %s: the operator does not apply to that line in today's "
                         "tree (--list shows the sites)" % key)
            draws.append((path, int(line) - 1, op))
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
    build = Build(args.preset)
    tests = Tests(args.preset, args.slow)
    confirm_build = None
    if args.confirm and args.confirm != args.preset:
        if run(["cmake", "--preset", args.confirm], 600)[0] != 0 or \
                run(["cmake", "--build", "--preset", args.confirm], 3600)[0] != 0:
            sys.exit("mutate: the unmutated tree does not build with preset %s" % args.confirm)
        confirm_build = Build(args.confirm)
    caught = survived = hangs = 0
    survivors = []
    started = time.time()
    for path, index, op in draws:
        if caught + survived >= args.count:
            break
        began = time.time()
        verdict, detail = try_mutant(path, index, op, args, build, tests, confirm_build)
        took = time.time() - began
        if verdict == "no-build":
            print("      %s:%d:%s: no-build (not counted)" % (path, index + 1, op), flush=True)
            continue
        if verdict == "unused":
            print("      %s:%d:%s: unused (no object of the build includes the header; not "
                  "counted)" % (path, index + 1, op), flush=True)
            continue
        if verdict in ("caught", "hang"):  # a hang is a catch: the suite noticed
            caught += 1
            hangs += verdict == "hang"
        else:
            survived += 1
            survivors.append("%s:%d:%s" % (path, index + 1, op))
        print("[%3d] %s:%d:%s: %s%s [%.0f s]" % (caught + survived, path, index + 1, op, verdict,
                                                " (" + detail + ")" if detail else "", took),
              flush=True)
    for b in (build, confirm_build):  # the copies put back left nothing to rebuild
        if b is not None and not b.clean(sorted(b.touched)):
            print("mutate: the build tree %s was not restored exactly; it was rebuilt" % b.dir,
                  flush=True)
    total = caught + survived
    if survivors:
        print("survived:")
        for s in survivors:
            print("  " + s)
    print("mutate: %d caught%s, %d survived: score %.1f %% (%d s)" %
          (caught, " (%d of them hangs)" % hangs if hangs else "", survived,
           100.0 * caught / total if total else 0.0, time.time() - started))
    return 0 if total and caught * 10 >= total * 9 else 1


if __name__ == "__main__":
    sys.exit(main())
