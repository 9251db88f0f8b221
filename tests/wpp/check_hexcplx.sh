#!/bin/sh
# check_hexcplx.sh DRVCC DRVHOST SRCDIR - a DEFINE_CPLX_TYPE of the driver's configuration
# (localwpp.ini) redefines a default extended format: %!HEXDUMP! then takes the driver's own
# xstr_t, marshalled by its WPP_LOGHEXDUMP (a length pair, then the bytes), as the WDK samples
# general/ioctl and pcidrv write it; the bytes reach the trace output.
set -eu
drvcc=$1 drvhost=$2 dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$drvcc" --wpp-config "$dir/hexcplx/localwpp.ini" --wpp-func 'Hexdump((LEVEL,FLAGS,MSG,...))' \
    -o "$work/hex.sys" "$dir/hexcplx/hex.c"
printf 'service hex hex.sys\ntrace hex level=ERROR flags=all\nload hex\nunload hex\n' > "$work/hex.scn"
"$drvhost" run "$work/hex.scn" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
grep -q 'HexGuid HEX_ALL ERROR DriverEntry: data de ad be ef 01$' "$work/out" || { cat "$work/out"; exit 1; }
echo "ok"
