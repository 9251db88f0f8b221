#!/bin/sh
# check_audio_not_provided.sh DRVCC DRVHOST SOURCE_DIR - a port-class audio adapter driver in
# C++ (audio_miniport.cpp: a WaveRT miniport and stream on CUnknown, the portcls.h interfaces
# through the IMP_ macros, a filter descriptor) compiles with the kernel C++ profile, a warning
# naming each PortCls routine it calls, and `drvhost run` refuses to load it, naming the PortCls
# routines, stdunk.lib's CUnknown members and IID_IPortClsNotifications (declared, its value
# undocumented, not defined); with audio_engine_node.cpp linked in (the audio engine node
# interfaces through their IMP_ macros, a bthhfpddi.h client), also the three engine node
# interface identifiers, bthhfpddi.h's drvhost_bthhfpddi_codes_undocumented, its interface GUID
# and BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT (values and body undocumented); with
# audio_sideband.cpp (a USB sideband audio client), sidebandaudio.h's
# drvhost_sidebandaudio_codes_undocumented and usbsidebandaudio.h's interface GUID and USB audio
# parameter set (values undocumented): drvhost runs no audio port class driver, and Windows
# refuses a driver whose imports cannot be resolved.
set -eu
drvcc=$1 drvhost=$2 src=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "check_audio_not_provided: $*" >&2
    exit 1
}
expect() { # expect FILE PATTERN
    grep -q -- "$2" "$1" || { cat "$1" >&2; fail "no \"$2\" in $(basename "$1")"; }
}
unset DRVHOST_DRIVER_PATH
printf 'service audio audio.sys\nload audio\n' > "$work/audio.scn"
cd "$work"
"$drvcc" -o audio.sys "$src/audio_miniport.cpp" "$src/audio_engine_node.cpp" \
    "$src/audio_sideband.cpp" 2> cc.err ||
    { cat cc.err >&2; fail "audio_miniport.cpp, audio_engine_node.cpp or audio_sideband.cpp did not compile"; }
for routine in PcInitializeAdapterDriver PcAddAdapterDevice PcRegisterSubdevice \
    BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT; do
    expect cc.err "$routine.*drvhost does not provide this routine: the loader refuses"
done
status=0
"$drvhost" run audio.scn > out.txt 2> err.txt || status=$?
[ "$status" = 1 ] || { cat out.txt err.txt >&2; fail "drvhost run: exit status $status, expected 1"; }
expect out.txt "load audio -> STATUS_PROCEDURE_NOT_FOUND FAILED"
expect err.txt "routine(s) that drvhost does not implement"
for routine in PcInitializeAdapterDriver PcAddAdapterDevice PcRegisterSubdevice \
    _ZN8CUnknownC2EP8IUnknown _ZN8CUnknownD2Ev _ZN8CUnknown19NonDelegatingAddRefEv \
    IID_IPortClsNotifications IID_IMiniportAudioEngineNode IID_IMiniportStreamAudioEngineNode \
    IID_IMiniportStreamAudioEngineNode2 drvhost_bthhfpddi_codes_undocumented \
    GUID_DEVINTERFACE_BLUETOOTH_HFP_SCO_HCIBYPASS BTHHFP_AUDIO_DEVICE_CAPABILTIES_INIT \
    drvhost_sidebandaudio_codes_undocumented GUID_DEVINTERFACE_USB_SIDEBAND_AUDIO_HS_HCIBYPASS \
    SIDEBANDAUDIO_PARAMS_SET_USBAUDIO; do
    expect err.txt "^  $routine\$"
done
echo "port-class audio routines not provided: ok"
