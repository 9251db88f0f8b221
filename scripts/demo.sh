#!/usr/bin/env bash
# demo.sh - builds drvhost (release preset) and runs the sample drivers' demo scenarios: the
# WDM samples, then framework (KMDF) drivers with control devices: the benchmark's, and the
# FIFO sample's port.
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

# A framework (KMDF) driver with a control device: the benchmark's (bench/drivers/benchkmdf.c).
echo "+ build/release/bin/drvhost run bench/drivers/benchkmdf.scn"
build/release/bin/drvhost run bench/drivers/benchkmdf.scn

# The FIFO sample's framework (KMDF) port (samples/kmdf/fifo: a non-PnP driver with three
# control devices, queues, a lookaside list, a timer, a work item and a DPC), also named
# fifo.sys, in its own folder: the WDM sample's demo scenario, unchanged, passes on it.
echo "+ DRVHOST_DRIVER_PATH=build/release/drivers/kmdf build/release/bin/drvhost run samples/wdm/fifo/demo.scn"
DRVHOST_DRIVER_PATH=build/release/drivers/kmdf build/release/bin/drvhost run samples/wdm/fifo/demo.scn
