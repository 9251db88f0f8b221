#!/bin/sh
# check_not_provided.sh DRVCC DRVHOST - a driver that calls a routine drvhost declares but does
# not provide (DRVHOST_NOT_PROVIDED, ntdef.h) compiles, with a warning naming the routine, and
# `drvhost run` refuses to load it, naming the routine: as Windows refuses a driver importing a
# routine its kernel does not export (STATUS_PROCEDURE_NOT_FOUND).
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_not_provided: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
cat > "$work/np.c" <<'C'
#include <ntddk.h>
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    if (!MmIsAddressValid(DriverObject))
        return STATUS_UNSUCCESSFUL;
    IoStartNextPacket(DriverObject->DeviceObject, FALSE);
    return STATUS_SUCCESS;
}
C
printf 'service np np.sys\nload np\n' > "$work/np.scn"
cd "$work"
"$drvcc" -o np.sys np.c 2> cc.err || { cat cc.err >&2; fail "np.c did not compile"; }
expect cc.err "MmIsAddressValid.*drvhost does not provide this routine: the loader refuses"
expect cc.err "IoStartNextPacket.*drvhost does not provide this routine"
status=0
"$drvhost" run np.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load np -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "imports 2 routine(s) that drvhost does not implement"
expect err.txt "^  IoStartNextPacket"
expect err.txt "^  MmIsAddressValid"
echo "not provided: ok"
