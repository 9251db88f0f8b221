#!/bin/sh
# check_drvmc.sh SOURCE_ROOT - tools/drvmc, the message compiler: manifest errors named by file
# and line (exit status 1, no header written), the header without -km (constants and
# descriptors, no logging code), command-line errors (exit status 2).
set -eu
root=$1
drvmc=$root/tools/drvmc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_drvmc: $*" >&2
    exit 1
}
G='{11111111-2222-3333-4444-555555555555}'

# manifest: a provider whose body (stdin) starts on line 4 of bad.man.
manifest() {
    printf '%s\n' '<instrumentationManifest xmlns="http://schemas.microsoft.com/win/2004/08/events">' \
        '<instrumentation><events>' "<provider name=\"P\" guid=\"$G\" symbol=\"P_GUID\">"
    cat
    printf '%s\n' '</provider>' '</events></instrumentation>' '</instrumentationManifest>'
}
expect_error() { # expect_error EXPECTED ("LINE: error: ..."; the provider body on stdin)
    manifest > "$work/bad.man"
    rm -f "$work/bad.h"
    status=0
    python3 "$drvmc" -km -h "$work/bad.h" "$work/bad.man" 2> "$work/bad.err" || status=$?
    [ "$status" = 1 ] || { cat "$work/bad.err" >&2; fail "exit status $status, not 1, for: $1"; }
    grep -qF -- "drvmc: $work/bad.man:$1" "$work/bad.err" || { cat "$work/bad.err" >&2; fail "no error $1"; }
    [ ! -e "$work/bad.h" ] || fail "a header written despite: $1"
}

expect_error '5: error: template T: data item X: unknown inType win:Int128' <<'XML'
<templates><template tid="T">
<data name="X" inType="win:Int128"/>
</template></templates>
XML
expect_error '4: error: template T: data item S: inType win:SID is not supported by drvmc' <<'XML'
<templates><template tid="T"><data name="S" inType="win:SID"/></template></templates>
XML
expect_error '7: error: template T: data item A defined twice' <<'XML'
<templates>
<template tid="T">
<data name="A" inType="win:UInt32"/>
<data name="A" inType="win:UInt8"/>
</template>
</templates>
XML
expect_error '5: error: event value 1 version 0 already used by the event on line 4' <<'XML'
<events><event value="1" symbol="E1"/>
<event value="1" symbol="E2"/></events>
XML
expect_error '4: error: event E1: template Missing is not defined' <<'XML'
<events><event value="1" symbol="E1" template="Missing"/></events>
XML
expect_error '4: error: keyword K: mask 0x3 must have exactly one bit set' <<'XML'
<keywords><keyword name="K" mask="0x3"/></keywords>
XML
expect_error '4: error: keyword K: mask 0x1000000000000 is in the high 16 bits, reserved for Microsoft' <<'XML'
<keywords><keyword name="K" mask="0x1000000000000"/></keywords>
XML
expect_error '5: error: event E: keyword Nope is not defined' <<'XML'
<keywords><keyword name="K" mask="0x2"/></keywords>
<events><event value="1" symbol="E" keywords="K Nope"/></events>
XML
expect_error '4: error: level L: value 5 is outside 16..255' <<'XML'
<levels><level name="L" value="5"/></levels>
XML
expect_error '4: error: opcode O: value 240 is outside 10..239' <<'XML'
<opcodes><opcode name="O" value="240"/></opcodes>
XML
expect_error '4: error: event E: level win:Loud is not defined' <<'XML'
<events><event value="1" symbol="E" level="win:Loud"/></events>
XML
expect_error '4: error: event E: channel Ops is not defined' <<'XML'
<events><event value="1" symbol="E" channel="Ops"/></events>
XML
expect_error '4: error: importChannel Other/Admin: drvmc knows only the channels of winmeta.xml' <<'XML'
<channels><importChannel chid="c" name="Other/Admin"/></channels>
XML
expect_error '4: error: channel C: type "Verbose" is not Admin, Operational, Analytic or Debug' <<'XML'
<channels><channel chid="c" name="C" type="Verbose"/></channels>
XML
expect_error '5: error: template T: data item B: length="N" names no earlier data item' <<'XML'
<templates><template tid="T">
<data name="B" inType="win:Binary" length="N"/>
<data name="N" inType="win:UInt32"/>
</template></templates>
XML
expect_error '5: error: template T: data item B: length item S is a win:UnicodeString, not an integer of at most 32 bits' <<'XML'
<templates><template tid="T"><data name="S" inType="win:UnicodeString"/>
<data name="B" inType="win:Binary" length="S"/>
</template></templates>
XML
expect_error '4: error: template T: data item B: win:Binary needs a length' <<'XML'
<templates><template tid="T"><data name="B" inType="win:Binary"/></template></templates>
XML
expect_error '4: error: template T: data item S: arrays (count) of win:UnicodeString are not supported by drvmc' <<'XML'
<templates><template tid="T"><data name="S" inType="win:UnicodeString" count="2"/></template></templates>
XML
expect_error '5: error: symbol E already defined on line 4' <<'XML'
<events><event value="1" symbol="E"/>
<event value="2" symbol="E"/></events>
XML
expect_error '4: error: event: value 70000 is outside 0..65535' <<'XML'
<events><event value="70000" symbol="E"/></events>
XML
expect_error '4: error: event: value="1e3" is not a number' <<'XML'
<events><event value="1e3" symbol="E"/></events>
XML
expect_error '5: error: not well-formed XML: mismatched tag' <<'XML'
<events><event value="1" symbol="E">
</events>
XML
# The provider itself: its GUID.
printf '%s\n' '<instrumentationManifest><instrumentation><events>' '<provider name="P" guid="{1234}"/>' \
    '</events></instrumentation></instrumentationManifest>' > "$work/bad.man"
python3 "$drvmc" "$work/bad.man" 2> "$work/bad.err" && fail "a bad provider GUID passed"
grep -qF "drvmc: $work/bad.man:2: error: provider P: guid \"{1234}\" is not a {GUID}" "$work/bad.err" ||
    { cat "$work/bad.err" >&2; fail "no error for the provider GUID"; }

# Without -km: the GUID, constants and descriptors; no registration or logging code. Numbers
# in decimal (leading zeros allowed) or hexadecimal.
manifest > "$work/good.man" <<'XML'
<keywords><keyword name="K" mask="0x4" symbol="KW"/></keywords>
<events><event value="09" version="0x2" symbol="E" keywords="K" level="win:Error"/></events>
XML
python3 "$drvmc" -h "$work/good.h" "$work/good.man" || fail "good.man failed"
grep -qF 'DRVMC_GLOBAL const GUID P_GUID = {0x11111111, 0x2222, 0x3333, {0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55}};' "$work/good.h" ||
    { cat "$work/good.h" >&2; fail "no provider GUID"; }
grep -qF 'DRVMC_GLOBAL const EVENT_DESCRIPTOR E = {0x9, 0x2, 0x0, 0x2, 0x0, 0x0, 0x4ULL};' "$work/good.h" ||
    { cat "$work/good.h" >&2; fail "no descriptor"; }
grep -qF '#define KW 0x4' "$work/good.h" || fail "no keyword constant"
! grep -q 'EventWrite\|EventRegister\|REGHANDLE' "$work/good.h" || fail "logging code without -km"
python3 "$drvmc" -km -h "$work/good.h" "$work/good.man" || fail "good.man -km failed"
grep -q '#define EventWriteE(Activity)' "$work/good.h" || fail "no EventWriteE with -km"
# The register, unregister and enabled entry points are macros (#ifndef-able), as the WDK's
# kernel-mode ETW guide shows mc -km's header defining them; -P drops a prefix of the event symbols
# whatever its case (the MC.exe page).
grep -q '^#ifndef EventRegisterP$' "$work/good.h" && grep -q '^#define EventRegisterP() ' "$work/good.h" ||
    { cat "$work/good.h" >&2; fail "EventRegisterP is not a macro"; }
grep -q '^#define EventUnregisterP() ' "$work/good.h" || fail "EventUnregisterP is not a macro"
grep -q '^#define EventEnabledE() ' "$work/good.h" || fail "EventEnabledE is not a macro"
manifest > "$work/prefix.man" <<'XML'
<events><event value="1" symbol="PrinterConnection"/></events>
XML
python3 "$drvmc" -km -P printer -h "$work/prefix.h" "$work/prefix.man" || fail "prefix.man -P failed"
grep -q '#define EventWriteConnection(Activity)' "$work/prefix.h" ||
    { cat "$work/prefix.h" >&2; fail "-P printer did not remove Printer"; }

# Message text files (.mc): the codes are severity << 30 | customer << 29 | facility << 16 | id
# (Microsoft, "Message Text Files"); an empty MessageId is the facility's last plus one, +N adds;
# Severity and Facility carry over; ';' lines are copied in place; -c sets the customer bit, -d
# writes decimal; MessageIdTypedef casts.
cat > "$work/msg.mc" <<'MC'
;#ifndef MSG_H
MessageIdTypedef=NTSTATUS
SeverityNames=(Success=0x0:STATUS_SEVERITY_SUCCESS
               Warning=0x2:STATUS_SEVERITY_WARNING Error=0x3)
FacilityNames=(Io=0x4:FACILITY_IO_ERROR_CODE Mine=0x12)
MessageId=0x0010 Facility=Io Severity=Warning SymbolicName=MSG_FIRST
Language=English
The first message, %2.
.
MessageId= SymbolicName=MSG_NEXT
Language=English
Next.
.
MessageIdTypedef=ULONG
MessageId=+4 Facility=Mine Severity=Error SymbolicName=MSG_OTHER
Language=English
In another facility.
.
;#endif
MC
python3 "$drvmc" -h "$work/msg.h" "$work/msg.mc" || fail "msg.mc failed"
grep -q '^#define MSG_FIRST ((NTSTATUS)0x80040010L)$' "$work/msg.h" || { cat "$work/msg.h" >&2; fail "MSG_FIRST"; }
grep -q '^#define MSG_NEXT ((NTSTATUS)0x80040011L)$' "$work/msg.h" || fail "MSG_NEXT: the last id plus one"
grep -q '^#define MSG_OTHER ((ULONG)0xC0120004L)$' "$work/msg.h" || fail "MSG_OTHER: +4 in a new facility"
grep -q '^#define FACILITY_IO_ERROR_CODE 0x4$' "$work/msg.h" || fail "the facility symbol"
grep -q '^#define STATUS_SEVERITY_WARNING 0x2$' "$work/msg.h" || fail "the severity symbol"
[ "$(sed -n '$p' "$work/msg.h")" = '#endif' ] || fail "the last ';' line is not last"
grep -q '^// The first message, %2.$' "$work/msg.h" || fail "the message text comment"
printf '#include <ntdef.h>\n#include "msg.h"\n_Static_assert(MSG_NEXT == (NTSTATUS)0x80040011, "");\n' > "$work/use.c"
gcc -fsyntax-only -fshort-wchar -fms-extensions -I"$root/include/shared" -I"$root/include/km" \
    -I"$work" "$work/use.c" || fail "the header does not compile"
python3 "$drvmc" -c -d -h "$work/msgcd.h" "$work/msg.mc" || fail "msg.mc -c -d failed"
grep -q '^#define MSG_FIRST ((NTSTATUS)2684616720L)$' "$work/msgcd.h" || { cat "$work/msgcd.h" >&2; fail "-c -d"; }
expect_mc_error() { # expect_mc_error "LINE: error: ..." (the file on stdin)
    cat > "$work/bad.mc"
    rm -f "$work/bad.h"
    status=0
    python3 "$drvmc" -h "$work/bad.h" "$work/bad.mc" 2> "$work/bad.err" || status=$?
    [ "$status" = 1 ] || fail "exit status $status, not 1, for: $1"
    grep -qF -- "drvmc: $work/bad.mc:$1" "$work/bad.err" || { cat "$work/bad.err" >&2; fail "no error $1"; }
    [ ! -e "$work/bad.h" ] || fail "a header written despite: $1"
}
printf 'MessageId=1\nSeverity=Fatal\n' | expect_mc_error "2: error: Severity=Fatal is not one of SeverityNames"
printf 'MessageId=1 SymbolicName=A\nLanguage=English\nno end\n' |
    expect_mc_error "3: error: the message text is not ended by a line holding a single period"
printf 'MessageId=0x10000 SymbolicName=A\nLanguage=English\nx\n.\n' |
    expect_mc_error "1: error: MessageId: 0x10000 is not a number of 16 bits"
printf 'Bogus=1\n' | expect_mc_error "1: error: unknown keyword Bogus"
printf 'Severity=Error\n' | expect_mc_error "1: error: Severity= outside a message definition"

# Command-line errors.
status=0
python3 "$drvmc" -x "$work/good.man" 2> /dev/null || status=$?
[ "$status" = 2 ] || fail "an unknown option: exit status $status"
status=0
python3 "$drvmc" -p 1bad "$work/good.man" 2> /dev/null || status=$?
[ "$status" = 2 ] || fail "-p 1bad: exit status $status"
echo "check_drvmc: ok"
