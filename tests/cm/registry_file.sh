#!/bin/bash
# registry_file.sh DRVHOST [VALUES [KILLS]] - `drvhost run --registry FILE` end to end (issue 11):
#   1. a value name holding a newline is saved and the file loads again;
#   2. a final save that fails (file size limit) exits DRVHOST_EXIT_SAVE_FAILED (5) with a
#      message, and the previous file is unchanged;
#   3. a file in use by another process (its lock held) is refused with exit 2 and a message;
#   4. two runs started together on one file: each exits 0 or is refused (2, "in use"), never
#      anything else, and the file loads afterwards;
#   5. the kill loop: KILLS runs killed (SIGKILL), half at random moments, half while saving a
#      ~1 MB registry (VALUES values; the kill comes as the temporary file appears, or 1 ms
#      later); after each, the next run must load the file (an unloadable file exits 2), a run
#      that was not killed must have exited 0, and the killed runs' temporary files are removed
#      by the next run (it holds the lock, so they are stale).
# Kept to about 15 s on two cores (debug build); VALUES (default 20000) sizes the registry of
# steps 4 and 5 and KILLS (default 100) is the kill loop's length, both smaller for the
# sanitizer builds, whose runs start and save several times slower.
set -u
drvhost=$1
values=${2:-20000}
kills=${3:-100}
dir=$(mktemp -d "${TMPDIR:-/tmp}/drvhost-regfile-XXXXXX")
trap 'rm -rf "$dir"' EXIT
fail=0
bad() { echo "registry_file.sh: FAIL: $*"; fail=1; }
cd "$dir" || exit 1

# 1. A newline in a value name.
printf 'reg set HKLM\\SOFTWARE\\T "a\\nb" REG_DWORD 1\n' >nl.scn
"$drvhost" run --quiet --registry nl.reg nl.scn >/dev/null || bad "newline name: first run"
"$drvhost" run --quiet --registry nl.reg nl.scn >/dev/null 2>err || bad "newline name: reload ($(cat err))"

# 2. A failed final save.
printf 'reg set HKLM\\SOFTWARE\\Big Blob REG_BINARY hex:%s\n' "$(head -c 4000 /dev/zero | od -An -vtx1 | tr -d ' \n')" >big.scn
printf 'reg set HKLM\\SOFTWARE\\T x REG_DWORD 1\n' >small.scn
"$drvhost" run --quiet --registry fs.reg small.scn >/dev/null || bad "size limit: first run"
cp fs.reg fs.before
(trap '' XFSZ; ulimit -f 4; exec "$drvhost" run --quiet --registry fs.reg big.scn) >/dev/null 2>err
rc=$?
[ $rc -eq 5 ] || bad "a failed final save exited $rc, want 5"
grep -q "could not be saved to fs.reg" err || bad "no message for the failed save: $(cat err)"
grep -q "the previous file is unchanged" err || bad "message does not say the file is unchanged"
cmp -s fs.reg fs.before || bad "the previous file changed"
! ls | grep -q '^fs\.reg\.tmp-' || bad "the failed save left its temporary file: $(ls)"

# 3. The lock held by another process.
flock lk.reg.lock sleep 3 &
holder=$!
sleep 0.3
"$drvhost" run --quiet --registry lk.reg small.scn >/dev/null 2>err
rc=$?
[ $rc -eq 2 ] || bad "a file in use: exit $rc, want 2"
grep -q "in use by another drvhost process" err || bad "no 'in use' message: $(cat err)"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# A registry of VALUES values (20000: about 1 MB saved), so that saves take a while.
{
    echo 'Windows Registry Editor Version 5.00'
    echo '[HKEY_LOCAL_MACHINE\SOFTWARE\Load]'
    i=0
    while [ $i -lt "$values" ]; do
        printf '"value%d"=dword:%08x\n' $i $i
        i=$((i + 1))
    done
} >seed.reg

# 4. Two runs at once, 10 times.
cp seed.reg two.reg
refused=0
for round in 1 2 3 4 5 6 7 8 9 10; do
    "$drvhost" run --quiet --registry two.reg small.scn >/dev/null 2>err1 &
    a=$!
    "$drvhost" run --quiet --registry two.reg small.scn >/dev/null 2>err2 &
    b=$!
    wait $a; ra=$?
    wait $b; rb=$?
    for r in "$ra:err1" "$rb:err2"; do
        rc=${r%%:*}
        case $rc in
        0) ;;
        2) refused=$((refused + 1))
           grep -q "in use by another drvhost process" "${r#*:}" || bad "round $round: exit 2 without 'in use': $(cat "${r#*:}")" ;;
        *) bad "round $round: a concurrent run exited $rc: $(cat "${r#*:}")" ;;
        esac
    done
done
"$drvhost" run --quiet --registry two.reg small.scn >/dev/null 2>err || bad "after the concurrent runs the file does not load: $(cat err)"
echo "registry_file.sh: two runs at once: $refused of 20 refused as in use"

# 5. The kill loop.
cp seed.reg kill.reg
start=$(date +%s%N)
"$drvhost" run --quiet --registry kill.reg small.scn >/dev/null || bad "kill loop: a run without kill"
span=$((($(date +%s%N) - start) / 1000000)) # ms for one whole run
[ $span -gt 0 ] || span=1
killed=0
mid_save=0
for i in $(seq 1 "$kills"); do
    "$drvhost" run --quiet --registry kill.reg small.scn >/dev/null 2>err &
    pid=$!
    if ((i % 2)); then
        # Odd runs: at a random moment of the run (loading, running or saving).
        delay=$((RANDOM % (span + span / 5 + 1)))
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    else
        # Even runs: as soon as the save has created its temporary file, or 1 ms later.
        while kill -0 $pid 2>/dev/null && ! compgen -G 'kill.reg.tmp-*' >/dev/null; do
            :
        done
        ((i % 4)) && sleep 0.001
    fi
    kill -KILL $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    rc=$?
    # A temporary file left behind: this one was killed in the middle of its save (the next run
    # removes it).
    ls | grep -q '^kill\.reg\.tmp-' && mid_save=$((mid_save + 1))
    if [ $rc -ne 0 ] && [ $rc -ne 137 ]; then
        bad "kill loop run $i: exit $rc: $(cat err)"
        break
    fi
done
"$drvhost" run --quiet --registry kill.reg small.scn >/dev/null 2>err || bad "after the kill loop the file does not load: $(cat err)"
grep -q . kill.reg || bad "the registry file is empty"
leftover=$(ls | grep -c '^kill\.reg\.tmp-')
[ "$leftover" -eq 0 ] || bad "$leftover temporary files of killed runs were not removed at open"
echo "registry_file.sh: kill loop: $kills runs of ~${span} ms, $killed killed, $mid_save of them while saving"
[ $fail -eq 0 ] && echo "registry_file.sh: all checks passed"
exit $fail
