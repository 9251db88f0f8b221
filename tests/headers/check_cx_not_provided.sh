#!/bin/sh
# check_cx_not_provided.sh DRVCC DRVHOST - a class-extension client (a KMDF driver, `drvcc
# --kmdf` finding <gpioclx.h> in include/wdf/cx) that calls the extension's routines compiles,
# a warning naming each, and `drvhost run` refuses to load it, naming them: drvhost has no class
# extensions, and Windows refuses a driver whose imports cannot be resolved.
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_cx_not_provided: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
cat > "$work/cx.c" <<'C'
#include <ntddk.h>
#include <wdf.h>
#include <gpioclx.h>
#include <TrustedRuntimeClx.h>
#include <ufxclient.h>
#define PEP_KERNEL_INFORMATION_VERSION PEP_KERNEL_INFORMATION_V3
#include <pepfx.h>
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    GPIO_CLIENT_REGISTRATION_PACKET packet = {0};
    UNREFERENCED_PARAMETER(DriverObject);
    packet.Size = sizeof(packet);
    if (!NT_SUCCESS(GPIO_CLX_RegisterClient(WdfGetDriver(), &packet, RegistryPath)))
        return STATUS_UNSUCCESSFUL;
    if (packet.Flags) { /* never: the imports alone must refuse the module */
        TrSecureDeviceLogMessage(NULL, 0, "%d\n", 1);
        UfxDeviceNotifyAttach(NULL);
        PoFxRegisterPlugin(NULL, NULL);
    }
    return GPIO_CLX_UnregisterClient(WdfGetDriver());
}
C
printf 'service cx cx.sys\nload cx\n' > "$work/cx.scn"
cd "$work"
"$drvcc" --kmdf -o cx.sys cx.c 2> cc.err || { cat cc.err >&2; fail "cx.c did not compile"; }
expect cc.err "GPIO_CLX_RegisterClient.*drvhost does not provide this routine: the loader refuses"
expect cc.err "GPIO_CLX_UnregisterClient.*drvhost does not provide this routine"
expect cc.err "TrSecureDeviceLogMessage.*drvhost does not provide this routine"
expect cc.err "UfxDeviceNotifyAttach.*drvhost does not provide this routine"
expect cc.err "PoFxRegisterPlugin.*drvhost does not provide this routine"
status=0
"$drvhost" run cx.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load cx -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "imports 5 routine(s) that drvhost does not implement"
expect err.txt "^  GPIO_CLX_RegisterClient"
expect err.txt "^  GPIO_CLX_UnregisterClient"
expect err.txt "^  TrSecureDeviceLogMessage"
expect err.txt "^  UfxDeviceNotifyAttach"
expect err.txt "^  PoFxRegisterPlugin"
echo "class-extension routines not provided: ok"
