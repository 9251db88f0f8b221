#!/bin/sh
# check-format.sh [SOURCE_ROOT] - the format_check test: every C file of the tree is formatted as
# .clang-format says, by clang-format 14 (the version scripts/deps.sh installs on Debian 12; other
# versions format some constructs differently). Lists the files that deviate; `clang-format -i
# FILE` fixes one. include/shared/ntstatus.h is generated (src/rtl/gen_ntstatus.sh) and left out.
set -eu
root=${1:-$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)}
cd "$root"
cf=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$cf" ]; then
    echo "check-format: clang-format is not installed (scripts/deps.sh installs it)" >&2
    exit 1
fi
major=$("$cf" --version | sed -n 's/.*version \([0-9]*\).*/\1/p')
if [ "$major" != 14 ]; then
    echo "check-format: $cf is version $major; the tree is formatted with clang-format 14" >&2
    exit 1
fi
if [ -d .git ] || git rev-parse --git-dir > /dev/null 2>&1; then
    files=$(git ls-files '*.c' '*.h')
else
    files=$(find . -name '*.[ch]' -not -path './build/*' | sed 's|^\./||')
fi
files=$(printf '%s\n' $files | grep -vx 'include/shared/ntstatus.h')
# One clang-format run for all files: it names each deviating file in its warnings.
bad=$("$cf" --dry-run -Werror $files 2>&1 | sed -n 's/^\([^:]*\.[ch]\):[0-9]*:[0-9]*: .*/\1/p' | sort -u)
if [ -n "$bad" ]; then
    for f in $bad; do
        echo "check-format: $f is not formatted (clang-format -i $f)"
    done
    exit 1
fi
echo "check-format: every file is formatted"
