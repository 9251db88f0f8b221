#!/bin/sh
# check_first_use.sh DRVCC DRVHOST SOURCE_ROOT - what a new user does first: a folder holding a
# driver of their own and its scenario; `drvcc -o hello.sys hello.c` and `drvhost run hello.scn`
# there, with bare file names, no DRVHOST_DRIVER_PATH, the scenario named every way a shell
# allows; and a different module of the same name on LD_LIBRARY_PATH that must never be loaded.
set -eu
drvcc=$1 drvhost=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset DRVHOST_DRIVER_PATH
mkdir "$work/hello" "$work/evil"
# "Their own driver": the FIFO sample under another name, so nothing but the scenario's folder
# can provide hello.sys (with its WPP trace header, which drvcc scans: --wpp-scan trace.h).
cp "$root/samples/wdm/fifo/fifo.c" "$root/samples/wdm/fifo/fifo.h" "$root/samples/wdm/fifo/trace.h" \
    "$work/hello/"
mv "$work/hello/fifo.c" "$work/hello/hello.c"
cat > "$work/hello/hello.scn" <<'EOF'
service hello hello.sys
load hello
open h \\.\Fifo
write h "abc" expect-info=3
read h 3 expect-out="abc"
close h
unload hello
EOF
# The impostor: a module named hello.sys whose DriverEntry fails.
printf '#include <ntddk.h>\nDRIVER_INITIALIZE DriverEntry;\nNTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r)\n{\n    UNREFERENCED_PARAMETER(d);\n    UNREFERENCED_PARAMETER(r);\n    return STATUS_UNSUCCESSFUL;\n}\n' > "$work/evil/evil.c"
(cd "$work/evil" && "$drvcc" -o hello.sys evil.c)
cd "$work/hello"
"$drvcc" -o hello.sys --wpp-scan trace.h hello.c
for scenario in hello.scn ./hello.scn "$work/hello/hello.scn"; do
    echo "+ drvhost run $scenario (in hello/)"
    LD_LIBRARY_PATH=$work/evil "$drvhost" run --quiet "$scenario"
done
cd "$work"
echo "+ drvhost run hello/hello.scn (in its parent)"
LD_LIBRARY_PATH=$work/evil "$drvhost" run --quiet hello/hello.scn
# A missing module is reported on the service line, with the paths tried, and nothing loads.
rm "$work/hello/hello.sys"
cd "$work/hello"
status=0
"$drvhost" run hello.scn > out.txt 2> err.txt || status=$?
cat out.txt err.txt
[ "$status" = 1 ] || { echo "missing module: exit status $status, expected 1" >&2; exit 1; }
grep -q "^1: service hello hello.sys -> STATUS_OBJECT_NAME_NOT_FOUND FAILED" out.txt
grep -q "driver image 'hello.sys' not found (No such file or directory); tried: ./hello.sys" err.txt
echo "first use: ok"
