#!/bin/sh
# check_guidlib.sh DRVCC DRVHOST - the GUID library (docs/building.md "The GUID library"): a driver
# that names a GUID of the headers without defining INITGUID links and loads, as with the WDK's
# uuid.lib/wdmguid.lib, and sees Microsoft's value; a source of the same module that defines
# GUIDs itself (INITGUID) links beside it; nothing of the library is exported from the module.
# The HAL's data export KdComPortInUse resolves too and points to NULL (the debugger uses no
# COM port). DriverEntry checks the values; the scenario's load fails if one is wrong.
set -eu
drvcc=$1 drvhost=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_guidlib: $*" >&2
    exit 1
}
unset DRVHOST_DRIVER_PATH
cat > "$work/uses.c" <<'C'
#include <ntddk.h>
#include <ntddser.h>
#include <wdmguid.h>
extern PUCHAR *KdComPortInUse; /* as serial drivers declare it: no header does */
NTSTATUS OwnGuidsOk(void);
DRIVER_INITIALIZE DriverEntry;
NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    /* {86E0D1E0-8089-11D0-9CE4-08003E301F73} and {496B8280-6F25-11D0-BEAF-08002BE2092F} */
    static const GUID comport = {0x86E0D1E0, 0x8089, 0x11D0,
                                 {0x9C, 0xE4, 0x08, 0x00, 0x3E, 0x30, 0x1F, 0x73}};
    static const GUID bus_standard = {0x496B8280, 0x6F25, 0x11D0,
                                      {0xBE, 0xAF, 0x08, 0x00, 0x2B, 0xE2, 0x09, 0x2F}};
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    if (!IsEqualGUID(&GUID_DEVINTERFACE_COMPORT, &comport))
        return STATUS_OBJECT_TYPE_MISMATCH;
    if (!IsEqualGUID(&GUID_BUS_INTERFACE_STANDARD, &bus_standard))
        return STATUS_OBJECT_NAME_INVALID;
    if (KdComPortInUse == NULL || *KdComPortInUse != NULL)
        return STATUS_DEVICE_BUSY;
    return OwnGuidsOk();
}
C
cat > "$work/own.c" <<'C'
#include <ntddk.h>
#include <initguid.h>
#include <wdmguid.h>
DEFINE_GUID(MY_OWN_GUID, 0x11111111, 0x2222, 0x3333, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB);
NTSTATUS OwnGuidsOk(void)
{
    return MY_OWN_GUID.Data1 == 0x11111111 && GUID_BUS_INTERFACE_STANDARD.Data1 == 0x496B8280
               ? STATUS_SUCCESS
               : STATUS_UNSUCCESSFUL;
}
C
printf 'service g g.sys\nload g\n' > "$work/g.scn"
cd "$work"
"$drvcc" -o g.sys uses.c own.c 2> cc.err || { cat cc.err >&2; fail "the driver did not link"; }
nm -D --defined-only g.sys > exports.txt
if grep -q "GUID_DEVINTERFACE_COMPORT" exports.txt; then
    fail "the GUID library's GUID_DEVINTERFACE_COMPORT is exported from the module"
fi
nm g.sys | grep -q " [rRdD] GUID_DEVINTERFACE_COMPORT$" || fail "GUID_DEVINTERFACE_COMPORT not defined in the module"
"$drvhost" run g.scn > out.txt 2> err.txt || { cat out.txt err.txt >&2; fail "the driver did not load"; }
grep -q "load g -> STATUS_SUCCESS ok" out.txt || { cat out.txt err.txt >&2; fail "DriverEntry failed"; }
echo "guid library: ok"
