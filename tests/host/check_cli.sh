#!/bin/sh
# check_cli.sh DRVHOST - the command line: every mistake is named, then the usage; --version and
# --help; scenarios that are not files (a folder, /dev/zero) are refused with the reason.
set -u
drvhost=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
# expect STATUS PATTERN ARGS...: the exit status and a line of the output (fixed string).
expect() {
    want=$1 pattern=$2
    shift 2
    status=0
    "$drvhost" "$@" > "$work/out" 2>&1 || status=$?
    if [ "$status" != "$want" ] || ! grep -qF -- "$pattern" "$work/out"; then
        echo "FAILED: drvhost $*: exit $status (want $want), output lacks '$pattern':" >&2
        cat "$work/out" >&2
        failed=1
    fi
}
printf 'echo hello\n' > "$work/ok.scn"
printf 'service nope nope.sys\n' > "$work/missing.scn"
expect 2 "drvhost: unknown option '--bogus'" --bogus
expect 2 "usage: drvhost run [OPTIONS] SCENARIO" --bogus
expect 2 "drvhost: unknown option '--bogus'" run --bogus "$work/ok.scn"
expect 2 "drvhost: unknown command 'frobnicate'" frobnicate
expect 2 "drvhost: no command given"
expect 2 "drvhost: run: no scenario file given" run
expect 2 "more than one scenario ('b.scn')" run a.scn b.scn
expect 2 "--processors: 'x' is not a number from 1 to 64" run --processors x "$work/ok.scn"
expect 2 "--processors: '0' is not a number from 1 to 64" run --processors 0 "$work/ok.scn"
expect 2 "--processors: '65' is not a number from 1 to 64" run --processors=65 "$work/ok.scn"
expect 2 "--processors: '4x' is not a number from 1 to 64" run --processors 4x "$work/ok.scn"
expect 2 "option '--processors' needs a value" run --processors
expect 2 "--timeout: '-5' is not a number of milliseconds" run --timeout -5 "$work/ok.scn"
expect 0 "ok.scn: 1 commands, 0 failed" run --processors 64 --timeout=50 "$work/ok.scn"
# A sleep longer than the hang time-out is on purpose: its own time is added to the watchdog's.
printf 'sleep 300\n' > "$work/sleep.scn"
expect 0 "sleep.scn: 1 commands, 0 failed" run --timeout=100 "$work/sleep.scn"
expect 0 "drvhost 0." --version
expect 0 "--processors N" --help
expect 0 "--timeout MS" --help
expect 0 "4 a request or the" --help
expect 2 "cannot read scenario '$work': Is a directory" run "$work"
expect 2 "cannot read scenario '/dev/zero': larger than 16 MiB" run /dev/zero
expect 2 "cannot read scenario '$work/none.scn': No such file or directory" run "$work/none.scn"
# --quiet hides the runtime's notes (a deferred unload), never its errors.
printf 'service fifo fifo.sys\nload fifo\nopen h \\\\.\\Fifo\nunload fifo\nclose h\n' > "$work/note.scn"
expect 0 "drvhost: driver 'fifo' has open handles: DriverUnload runs when the last one closes" \
    run "$work/note.scn"
"$drvhost" run --quiet "$work/note.scn" > "$work/out" 2>&1
if grep -q "has open handles" "$work/out"; then
    echo "FAILED: --quiet still shows the note:" >&2
    cat "$work/out" >&2
    failed=1
fi
expect 1 "drvhost: service 'nope': driver image 'nope.sys' not found" run --quiet "$work/missing.scn"
# DbgPrint/KdPrint output is filtered as Windows filters it: fifo's KdPrint (DEFAULT component,
# INFO level) shows only with --debug-print all, or when the registry's Debug Print Filter key
# opens the DEFAULT mask (0x8 = the INFO bit), which drvhost reads before each driver load.
expect 2 "--debug-print: 'some' is neither 'all' nor 'filtered'" run --debug-print some "$work/ok.scn"
expect 2 "option '--debug-print' needs a value" run --debug-print
expect 0 "--debug-print all|filtered" --help
printf 'service fifo fifo.sys\nload fifo\nunload fifo\n' > "$work/print.scn"
expect 0 "fifo: DriverEntry" run --debug-print all "$work/print.scn"
expect 0 "fifo: DriverEntry" run --debug-print=all --debug-print filtered --debug-print all "$work/print.scn"
for option in "" "--debug-print=filtered"; do
    "$drvhost" run $option "$work/print.scn" > "$work/out" 2>&1
    if grep -q "fifo: DriverEntry" "$work/out"; then
        echo "FAILED: drvhost run $option shows a DEFAULT/INFO KdPrint:" >&2
        cat "$work/out" >&2
        failed=1
    fi
done
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Debug Print Filter]\n"DEFAULT"=dword:00000008\n' > "$work/filter.reg"
expect 0 "fifo: DriverEntry" run --registry "$work/filter.reg" "$work/print.scn"
[ $failed = 0 ] && echo "cli: ok"
exit $failed
