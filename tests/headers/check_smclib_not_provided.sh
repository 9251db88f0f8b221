#!/bin/sh
# check_smclib_not_provided.sh DRVCC DRVHOST - a smart card reader driver (WDM) that calls the
# smart card driver library compiles against <smclib.h>, a warning naming each library routine,
# and `drvhost run` refuses to load it, naming them: drvhost has no smclib.sys, and Windows
# refuses a driver whose imports cannot be resolved (STATUS_PROCEDURE_NOT_FOUND).
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_smclib_not_provided: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
cat > "$work/reader.c" <<'C'
#include <ntddk.h>
#include <smclib.h>
static SMARTCARD_EXTENSION extension;
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NTSTATUS status;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    extension.Version = SMCLIB_VERSION;
    status = SmartcardInitialize(&extension);
    if (NT_SUCCESS(status))
        SmartcardExit(&extension);
    return status;
}
C
printf 'service reader reader.sys\nload reader\n' > "$work/reader.scn"
cd "$work"
"$drvcc" -o reader.sys reader.c 2> cc.err || { cat cc.err >&2; fail "reader.c did not compile"; }
expect cc.err "SmartcardInitialize.*drvhost does not provide this routine: the loader refuses"
expect cc.err "SmartcardExit.*drvhost does not provide this routine"
status=0
"$drvhost" run reader.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load reader -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "imports 2 routine(s) that drvhost does not implement"
expect err.txt "^  SmartcardInitialize"
expect err.txt "^  SmartcardExit"
echo "smart card library routines not provided: ok"
