#!/usr/bin/env bash
# demo.sh - builds drvhost (release preset) and runs the FIFO sample driver's scenario.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
scripts/deps.sh

cmake --preset release
cmake --build --preset release

scenario=samples/wdm/fifo/demo.scn
if [[ ! -f $scenario ]]; then
    echo "demo.sh: $scenario does not exist (the FIFO sample is not in this tree yet)" >&2
    exit 1
fi
echo "+ build/release/bin/drvhost run $scenario"
exec build/release/bin/drvhost run "$scenario"
