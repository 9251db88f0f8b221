#!/usr/bin/env bash
# demo.sh - builds drvhost (release preset) and runs the sample drivers' demo scenarios.
set -euo pipefail

root=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$root"
scripts/deps.sh

cmake --preset release
cmake --build --preset release

# The FIFO sample (a legacy WDM driver: DriverEntry creates its device), then the PnP samples (a
# bus driver, its children's function driver and an upper filter, installed from their INF
# files: AddDevice, PnP and power IRPs).
for scenario in samples/wdm/fifo/demo.scn samples/wdm/pnp/demo.scn; do
    if [[ ! -f $scenario ]]; then
        echo "demo.sh: $scenario does not exist" >&2
        exit 1
    fi
    echo "+ build/release/bin/drvhost run $scenario"
    build/release/bin/drvhost run "$scenario"
done
