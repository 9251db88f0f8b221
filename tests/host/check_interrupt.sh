#!/bin/sh
# check_interrupt.sh DRVHOST SIGNAL STATUS - `drvhost run --registry r.reg` interrupted by SIGNAL
# (INT or TERM) while a request is outstanding: it reports what was outstanding, saves the
# registry file and exits with STATUS (128 + the signal's number).
set -eu
drvhost=$1 sig=$2 want=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/int.scn" <<'EOF'
reg set HKLM\SOFTWARE\DrvhostInterrupt Saved REG_DWORD 7
service hang hang.sys
load hang
open h \\.\Hang
ioctl h CTL_CODE(FILE_DEVICE_UNKNOWN, 0x900, METHOD_BUFFERED, FILE_ANY_ACCESS)
EOF
"$drvhost" run --timeout 60000 --registry "$work/r.reg" "$work/int.scn" > "$work/out" 2>&1 &
pid=$!
# Until the ioctl is running (its line is printed only when it ends, so wait for the open's).
i=0
until grep -q '^4: open h' "$work/out"; do
    i=$((i + 1))
    [ $i -lt 200 ] || { echo "the scenario did not get to its ioctl" >&2; cat "$work/out"; exit 1; }
    sleep 0.05
done
sleep 0.2
kill -s "$sig" $pid
status=0
wait $pid || status=$?
cat "$work/out"
[ "$status" = "$want" ] || { echo "exit status $status, expected $want" >&2; exit 1; }
grep -q "^drvhost: interrupted by SIG$sig" "$work/out"
grep -q "running: .*int.scn:5: ioctl h CTL_CODE" "$work/out"
grep -q "state: the dispatch routine returned STATUS_PENDING" "$work/out"
# The registry file holds what the run set (UTF-16LE: compare without the NUL bytes).
tr -d '\000' < "$work/r.reg" | grep -q '"Saved"=dword:00000007'
echo "interrupt by SIG$sig: ok"
