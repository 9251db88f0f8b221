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
# files: AddDevice, PnP and power IRPs). Each traces with WPP (its trace.h): the trace lines
# (stderr, between the scenario's results) show the FIFO's messages, the bus's ioctls and the
# function driver's power policy.
for scenario in samples/wdm/fifo/demo.scn samples/wdm/pnp/demo.scn; do
    if [[ ! -f $scenario ]]; then
        echo "demo.sh: $scenario does not exist" >&2
        exit 1
    fi
done
echo "+ build/release/bin/drvhost run --trace fifo:INFORMATION:all samples/wdm/fifo/demo.scn"
build/release/bin/drvhost run --trace fifo:INFORMATION:all samples/wdm/fifo/demo.scn
echo "+ build/release/bin/drvhost run --trace 'vbus:INFORMATION:TRACE_DRIVER|TRACE_IOCTL'" \
    "--trace vchild:INFORMATION:TRACE_POWER samples/wdm/pnp/demo.scn"
build/release/bin/drvhost run --trace 'vbus:INFORMATION:TRACE_DRIVER|TRACE_IOCTL' \
    --trace vchild:INFORMATION:TRACE_POWER samples/wdm/pnp/demo.scn

# A framework (KMDF) driver with a control device: the benchmark's (bench/drivers/benchkmdf.c).
echo "+ build/release/bin/drvhost run bench/drivers/benchkmdf.scn"
build/release/bin/drvhost run bench/drivers/benchkmdf.scn

# The FIFO sample's framework (KMDF) port (samples/kmdf/fifo: a non-PnP driver with three
# control devices, queues, a lookaside list, a timer, a work item and a DPC), also named
# fifo.sys, in its own folder: the WDM sample's demo scenario, unchanged, passes on it.
# Its WPP trace (its own trace.h and control GUID) as the WDM sample's.
echo "+ DRVHOST_DRIVER_PATH=build/release/drivers/kmdf build/release/bin/drvhost run" \
    "--trace fifo:INFORMATION:all samples/wdm/fifo/demo.scn"
DRVHOST_DRIVER_PATH=build/release/drivers/kmdf build/release/bin/drvhost run \
    --trace fifo:INFORMATION:all samples/wdm/fifo/demo.scn
