"""drvcc_mc.py - the WDK's message compiler step of a driver project, for drvcc --project.

A project's <MessageCompile Include="x.man"> item runs mc.exe on an ETW instrumentation manifest
(the WDK's MessageCompiler task: GenerateKernelModeLoggingMacros -km, GeneratedFilesBaseName -z,
HeaderExtension -e, PrefixMacroName -p, RemoveCharsFromSymbolName -P; HeaderFilePath with
GeneratedHeaderPath -h). drvcc runs tools/drvmc for each manifest and puts the header in the
build's intermediate folder, which is on the include path as the WDK's $(IntDir) is: only the
header's file name counts. The message resources (.rc, .bin: RCFilePath) are not written
(docs/building.md, "ETW manifests: drvmc"). A <MessageCompile Include="x.mc"> item is a message
text file: drvmc writes the header of its message codes the same way. Item definitions
(<ItemDefinitionGroup> <MessageCompile>) give every item their metadata, as MSBuild does.
"""
import os
import re

# Metadata of the MessageCompiler task that steers nothing a driver compiles against (resource
# paths, baselines, message-table options, C# classes, verbosity): known, not warned about.
MC_KNOWN = {'GenerateKernelModeLoggingMacros', 'GenerateUserModeLoggingMacros', 'HeaderFilePath',
            'GeneratedHeaderPath', 'RCFilePath', 'GeneratedRCAndMessagesPath',
            'GeneratedFilesBaseName', 'UseBaseNameOfInput', 'WinmetaPath', 'EventmanPath',
            'GenerateMofFile', 'GenerateMOFFile', 'HeaderExtension', 'PrefixMacroName',
            'RemoveCharsFromSymbolName', 'ANSIInputFile', 'ANSIMessageInBinFile',
            'UnicodeInputFile', 'UnicodeMessageInBinFile', 'EnableDebugOutputPath',
            'DebugOutputPath', 'EnableCallOutMacro', 'GenerateBaselineResource',
            'BaselineResourcePath', 'ValdateAgainstBaselineResource', 'BaselinePath',
            'GenerateOLE2Header', 'MaximumMessageLength', 'SetCustomerbit',
            'TerminateMessageWithNull', 'UseDecimalValues', 'Verbose', 'AdditionalOptions',
            'MinimalRebuildFromTracking', 'TrackerLogDirectory', 'ToolPath',
            'SuppressStartupBanner', 'GenerateC#LoggingClass', 'GenerateC#StaticLoggingClass'}


class McState:
    def __init__(self):
        self.defaults = {}  # item definition metadata: name -> (value, where)
        self.runs = []  # (manifest path, [drvmc arguments], where)


def state(project):
    if not hasattr(project, 'mc_state'):
        project.mc_state = McState()
    return project.mc_state


def is_true(meta, name):
    return meta.get(name, ('',))[0].strip().lower() == 'true'


def read_item_metadata(project, node, this_dir, meta, known, kind):
    """The metadata of an item or item definition of a generator step into meta (name ->
    (value, where)); names not in known are named in a warning."""
    for m in node.children:
        if not project.condition(m, this_dir):
            continue
        previous = meta.get(m.tag, ('', ''))[0]
        meta[m.tag] = (project.metadata(m, previous, this_dir).strip(), m.where())
        if m.tag not in known:
            project.warn_once(m.where(), '<%s> setting %s not understood: ignored' %
                              (kind, m.tag))


def read_metadata(project, node, this_dir, meta):
    read_item_metadata(project, node, this_dir, meta, MC_KNOWN, 'MessageCompile')


def item_definition(project, node, this_dir):
    """<ItemDefinitionGroup><MessageCompile>: defaults for every MessageCompile item."""
    read_metadata(project, node, this_dir, state(project).defaults)


def item(project, node, include, this_dir, winpath, split_list):
    """One <MessageCompile> item: an ETW manifest, or a message text file (.mc: the header of its
    message codes; SetCustomerbit is mc's -c, UseDecimalValues its -d)."""
    st = state(project)
    meta = dict(st.defaults)
    read_metadata(project, node, this_dir, meta)
    for one in split_list(include):
        args = []
        if one.lower().endswith('.mc'):
            args += ['-c'] if is_true(meta, 'SetCustomerbit') else []
            args += ['-d'] if is_true(meta, 'UseDecimalValues') else []
        elif is_true(meta, 'GenerateKernelModeLoggingMacros'):
            args.append('-km')
        else:
            project.warn_once(node.where(), '<MessageCompile Include="%s">: without '
                              'GenerateKernelModeLoggingMacros mc.exe writes user-mode logging '
                              'code; drvmc writes the header without logging code' % one)
        base = meta.get('GeneratedFilesBaseName', ('', ''))[0] or \
            os.path.splitext(os.path.basename(one.replace('\\', '/')))[0]
        ext = meta.get('HeaderExtension', ('', ''))[0].lstrip('.') or 'h'
        header = base + '.' + ext
        for name, flag in (('PrefixMacroName', '-p'), ('RemoveCharsFromSymbolName', '-P')):
            value = meta.get(name, ('', ''))[0]
            if value:
                args += [flag, value]
        st.runs.append((winpath(one, this_dir), header, args, node.where()))


def check_run(source, header, where, error):
    """A generator's manifest exists and its header is a plain file name (of the intermediate
    folder)."""
    if not os.path.isfile(source):
        raise error('%s: error: manifest %s does not exist' % (where, source))
    if not re.fullmatch(r'[^/\\]+\.[A-Za-z0-9]{1,3}', header):
        raise error('%s: error: generated header %s is not a file name' % (where, header))


def emit(project, shq, error):
    """Shell assignments: proj_mc_count and, per manifest, proj_mc_N (drvmc's arguments, the
    header named relative to the intermediate folder)."""
    out = []
    for source, header, args, where in state(project).runs:
        check_run(source, header, where, error)
        words = args + ['-h', header, source]
        out.append('proj_mc_%d=%s' % (len(out) + 1, shq(' '.join(shq(a) for a in words))))
    return ['proj_mc_count=%d' % len(out)] + out
