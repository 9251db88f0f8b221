#!/bin/sh
# check_cxx_headers.sh CXX SOURCE_ROOT - the hardware-class headers that C++ drivers include
# (SpbTestTool: spb.h, reshub.h; the UCM, Acx and display samples: acpiioct.h, windef.h, ...;
# WFPSampler: ndis.h, fwpsk.h, fwpmk.h; the audio samples: portcls.h, stdunk.h, ks.h, ksmedia.h,
# ...)
# compile as C++ with the kernel C++ profile, alone and after
# <ntddk.h>, helpers included (RESHUB_USE_HELPER_ROUTINES); and EXTERN_C_START/EXTERN_C_END.
set -u
cxx=$1 root=$2
failed=0 count=0
flags="-std=gnu++17 -fshort-wchar -fms-extensions -fno-exceptions -fno-rtti -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1 -D_KERNEL_MODE=1 -Wall -Werror -Wno-unknown-pragmas -Wno-multichar -fsyntax-only"
for name in spb.h reshub.h gpio.h poclass.h batclass.h intsafe.h usbiodef.h prminterface.h acpitabl.h \
    acpiioct.h windef.h devpkey.h wsk.h wmidata.h hidpddi.h ntddndis.h ndis.h fwpsk.h fwpmk.h \
    ip2string.h unknown.h stdunk.h ks.h ksmedia.h portcls.h drmk.h ksdebug.h mmreg.h mmsystem.h; do
    for prefix in "#include <ntddk.h>" "#include <ntddk.h>
#include <initguid.h>"; do
        count=$((count + 1))
        if ! printf '%s\n#define RESHUB_USE_HELPER_ROUTINES\n#include <%s>\n' "$prefix" "$name" |
            $cxx $flags -isystem "$root/include/shared" -isystem "$root/include/km" \
                -isystem "$root/include" -x c++ - ; then
            echo "FAIL: <$name> does not compile as C++"
            failed=$((failed + 1))
        fi
    done
done
# EXTERN_C_START/EXTERN_C_END give C linkage in C++: redeclaring with extern "C" is then no
# conflict (it is an error after a C++-linkage declaration); in C they are empty.
count=$((count + 2))
if ! printf '#include <ntddk.h>\nEXTERN_C_START\nint ExternStartProbe(void);\nEXTERN_C_END\nextern "C" int ExternStartProbe(void);\n' |
    $cxx $flags -isystem "$root/include/shared" -isystem "$root/include/km" -isystem "$root/include" -x c++ -; then
    echo "FAIL: EXTERN_C_START does not open a C-linkage block in C++"
    failed=$((failed + 1))
fi
if ! printf '#include <ntddk.h>\nEXTERN_C_START\nint ExternStartProbe(void);\nEXTERN_C_END\n' |
    ${CC:-cc} -std=gnu11 -fshort-wchar -fms-extensions -D_AMD64_ -DAMD64 -D_WIN64 -DDRVHOST=1 -Wall -Werror \
        -Wno-multichar -fsyntax-only -isystem "$root/include/shared" -isystem "$root/include/km" \
        -isystem "$root/include" -x c -; then
    echo "FAIL: EXTERN_C_START is not empty in C"
    failed=$((failed + 1))
fi
# C++ compares GUIDs themselves (REFGUID is a reference, as with the WDK: spb/SkeletonI2C's
# IsEqualGUID(*SettingGuid, GUID_MONITOR_POWER_ON)); the C form with addresses is refused.
count=$((count + 2))
guids='#include <ntddk.h>
#include <devpropdef.h>
int Same(LPCGUID g, const DEVPROPKEY &k) { UNICODE_STRING s; RtlStringFromGUID(*g, &s);
  return IsEqualGUID(*g, GUID_MONITOR_POWER_ON) && InlineIsEqualGUID(GUID_MONITOR_POWER_ON, *g) &&
         IsEqualIID(*g, *g) && IsEqualDevPropKey(k, k); }'
if ! printf '%s\n' "$guids" | $cxx $flags -isystem "$root/include/shared" -isystem "$root/include/km" \
    -isystem "$root/include" -x c++ -; then
    echo "FAIL: IsEqualGUID does not take GUIDs in C++"
    failed=$((failed + 1))
fi
if printf '#include <ntddk.h>\nint P(LPCGUID g) { return IsEqualGUID(g, &GUID_MONITOR_POWER_ON); }\n' |
    $cxx $flags -isystem "$root/include/shared" -isystem "$root/include/km" -isystem "$root/include" \
        -x c++ - 2>/dev/null; then
    echo "FAIL: IsEqualGUID takes addresses in C++"
    failed=$((failed + 1))
fi
echo "$((count - failed)) passed, $failed failed"
[ "$failed" = 0 ]
