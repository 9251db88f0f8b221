#!/bin/sh
# check_headers.sh CC SOURCE_ROOT - every public header compiles alone, as driver code includes
# it (driver profile: -fshort-wchar, the x64 macros, our headers as system headers), and again
# after <ntddk.h> (a second inclusion must be harmless).
set -u
cc=$1 root=$2
failed=0 count=0
flags="-std=gnu11 -fshort-wchar -fms-extensions -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1 -Wall -Werror -Wno-unknown-pragmas -Wno-multichar -fsyntax-only"
for h in "$root"/include/shared/*.h "$root"/include/km/*.h "$root"/include/drvhost/*.h; do
    name=$(basename "$h")
    for prefix in "" "#include <ntddk.h>"; do
        count=$((count + 1))
        if ! printf '%s\n#include <%s>\n' "$prefix" "$name" | $cc $flags -isystem "$root/include/shared" \
            -isystem "$root/include/km" -isystem "$root/include" -I "$root/include/drvhost" -x c - ; then
            echo "FAIL: <$name> does not compile${prefix:+ after <ntddk.h>}"
            failed=$((failed + 1))
        fi
    done
done
# The class-extension client headers (include/wdf/cx, subfolders included, as drivers name
# them: <UcmUcsi/1.0/UcmucsiCx.h>) need the framework's headers: a --kmdf compile.
kmdf="-isystem $root/include/wdf/kmdf/1.33 -isystem $root/include/wdf/cx"
for h in $(cd "$root/include/wdf/cx" && find . -name '*.h' | sed 's|^\./||' | sort); do
    for prefix in "" "#include <ntddk.h>"; do
        count=$((count + 1))
        if ! printf '%s\n#include <%s>\n' "$prefix" "$h" | $cc $flags -isystem "$root/include/shared" \
            -isystem "$root/include/km" -isystem "$root/include" $kmdf -x c - ; then
            echo "FAIL: <$h> does not compile${prefix:+ after <ntddk.h>}"
            failed=$((failed + 1))
        fi
    done
done
echo "$((count - failed)) passed, $failed failed"
[ "$failed" = 0 ]
