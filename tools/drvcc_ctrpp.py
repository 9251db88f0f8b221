"""drvcc_ctrpp.py - the WDK's ctrpp step of a driver project, for drvcc --project.

A project's <Ctrpp Include="x.man"> item runs ctrpp.exe on a performance counter manifest (the
WDK's Ctrpp task: AddPrefix -prefix, HeaderFileNameForProvider -o). drvcc runs tools/drvctrpp for
each manifest and puts the provider header in the build's intermediate folder, which is on the
include path as the WDK's $(IntDir) is: only the header's file name counts (%(Filename) is the
manifest's base name; the default is %(Filename).h). The counter-id header and the resource
script (HeaderFileNameForCounter, ResourceFileName) are not written (docs/building.md, "Counter
manifests: drvctrpp"). Item definitions give every item their metadata, as MSBuild does.
"""
import os

import drvcc_mc

# Metadata of the Ctrpp task that steers nothing a kernel-mode driver compiles against.
CTRPP_KNOWN = {'AddPrefix', 'HeaderFileNameForProvider', 'HeaderFileNameForCounter',
               'GenerateResourceSourceFile', 'ResourceFileName', 'FileType', 'MemoryRoutines',
               'NotificationCallback', 'BackwardCompatibility', 'AdditionalOptions',
               'TrackerLogDirectory', 'MinimalRebuildFromTracking', 'ToolPath'}


class CtrppState:
    def __init__(self):
        self.defaults = {}
        self.runs = []  # (manifest path, Include as written, own metadata, where)


def state(project):
    if not hasattr(project, 'ctrpp_state'):
        project.ctrpp_state = CtrppState()
    return project.ctrpp_state


def read_metadata(project, node, this_dir, meta):
    drvcc_mc.read_item_metadata(project, node, this_dir, meta, CTRPP_KNOWN, 'Ctrpp')


def item_definition(project, node, this_dir):
    """<ItemDefinitionGroup><Ctrpp>: defaults for every Ctrpp item."""
    read_metadata(project, node, this_dir, state(project).defaults)


def item(project, node, include, this_dir, winpath, split_list):
    """One <Ctrpp> item: a counter manifest. Its own metadata is kept; the item definitions'
    are merged at emit, since MSBuild reads every item definition before any item."""
    own = {}
    read_metadata(project, node, this_dir, own)
    for one in split_list(include):
        state(project).runs.append((winpath(one, this_dir), one, own, node.where()))


def arguments(st, one, own):
    """drvctrpp's arguments and the header's file name for one manifest."""
    meta = dict(st.defaults)
    meta.update(own)
    base = os.path.splitext(os.path.basename(one.replace('\\', '/')))[0]
    header = meta.get('HeaderFileNameForProvider', ('', ''))[0] or '%(Filename).h'
    header = os.path.basename(header.replace('%(Filename)', base).replace('\\', '/'))
    prefix = meta.get('AddPrefix', ('', ''))[0]
    return (['-prefix', prefix] if prefix else []), header


def emit(project, shq, error):
    """Shell assignments: proj_ctrpp_count and, per manifest, proj_ctrpp_N (drvctrpp's
    arguments, the header named relative to the intermediate folder)."""
    out, st = [], state(project)
    for source, one, own, where in st.runs:
        args, header = arguments(st, one, own)
        drvcc_mc.check_run(source, header, where, error)
        words = args + ['-o', header, source]
        out.append('proj_ctrpp_%d=%s' % (len(out) + 1, shq(' '.join(shq(a) for a in words))))
    return ['proj_ctrpp_count=%d' % len(out)] + out
