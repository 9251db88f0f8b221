#!/bin/sh
# check_audio_com.sh DRVCC DRVHOST SOURCE_DIR - the kernel COM pieces of the audio headers at
# run time: audio_com.cpp, built by drvcc as kernel C++, loads and unloads; its DriverEntry
# fails (printing the check) unless DECLARE_STD_UNKNOWN, the IMP_ macros and stdunk.h's
# operators new and delete behave as documented in its header comment.
set -eu
drvcc=$1 drvhost=$2 src=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$drvcc" -o "$dir/audiocom.sys" "$src/audio_com.cpp"
printf 'service audiocom audiocom.sys\nload audiocom\nunload audiocom\n' > "$dir/audiocom.scn"
DRVHOST_DRIVER_PATH=$dir "$drvhost" run --quiet "$dir/audiocom.scn"
echo "audio kernel COM: ok"
