"""drvcc_mof.py - the WDK's MOF steps of a driver project, for drvcc --project (drvcc_helper.py).

A project's <MofComp Include="x.mof"> compiles the MOF into a binary MOF (CreateBinaryMofFile,
default %(Filename).bmf) and <Wmimofck Include="x.bmf"> checks it and, with HeaderOutputFile,
writes a C header (GenerateStructureDefinitionsForMethodParameters: -m,
GenerateStructureDefinitionsForDatablocks: -u). drvcc runs tools/drvmof for each Wmimofck item on
the MOF source the MofComp item names (drvhost writes no binary MOF) and puts the header in the
build's intermediate folder, which is on the include path as the WDK's $(IntDir) is: only the
header's file name counts. A Wmimofck item without HeaderOutputFile only checks the MOF.
"""
import os
import re

# Metadata that steers outputs no driver source compiles against (test scripts, HTML, the
# hex dump of the .bmf, the tool's folder, tracking): known, not warned about.
MOFCOMP_KNOWN = {'CreateBinaryMofFile', 'WMISyntaxCheck', 'AutoRecover',
                 'MinimalRebuildFromTracking', 'ToolPath', 'TrackerLogDirectory',
                 'SuppressStartupBanner'}
WMIMOFCK_KNOWN = {'HeaderOutputFile', 'GenerateStructureDefinitionsForMethodParameters',
                  'GenerateStructureDefinitionsForDatablocks', 'VBScriptTestOutputFile',
                  'HexdumpOutputFile', 'HtmlOutputDirectory', 'HtmlUIOutputDirectory', 'ToolPath',
                  'MinimalRebuildFromTracking', 'TrackerLogDirectory', 'SuppressStartupBanner'}


class MofState:
    def __init__(self):
        self.sources = {}  # binary MOF file name (lower case) -> (MOF path, where)
        self.runs = []  # (binary MOF file name, header file name or '', [flags], where)


def state(project):
    if not hasattr(project, 'mof_state'):
        project.mof_state = MofState()
    return project.mof_state


def file_name(value):
    """The file name of a WDK output path (".\\$(IntDir)\\x.h", quoted or not)."""
    return os.path.basename(value.strip().strip('"').replace('\\', '/'))


def item(project, node, include, this_dir, winpath, split_list):
    """One <MofComp> or <Wmimofck> item of the project."""
    st = state(project)
    known = MOFCOMP_KNOWN if node.tag == 'MofComp' else WMIMOFCK_KNOWN
    meta = {}
    for m in node.children:
        if not project.condition(m, this_dir):
            continue
        meta[m.tag] = (project.metadata(m, '', this_dir).strip(), m.where())
        if m.tag not in known:
            project.warn_once(m.where(), '<%s> setting %s not understood: ignored' %
                              (node.tag, m.tag))
    for one in split_list(include):
        if node.tag == 'MofComp':
            source = winpath(one, this_dir)
            bmf = meta.get('CreateBinaryMofFile', ('', ''))[0] or \
                os.path.splitext(file_name(one))[0] + '.bmf'
            st.sources[file_name(bmf).lower()] = (source, node.where())
            continue
        flags = []
        if meta.get('GenerateStructureDefinitionsForMethodParameters', ('',))[0].lower() == 'true':
            flags.append('-m')
        if meta.get('GenerateStructureDefinitionsForDatablocks', ('',))[0].lower() == 'true':
            flags.append('-u')
        header = file_name(meta.get('HeaderOutputFile', ('', ''))[0])
        st.runs.append((file_name(one).lower(), header, flags, node.where()))


def emit(project, shq, error):
    """Shell assignments: proj_mof_count and, per Wmimofck item, proj_mof_N (drvmof's
    arguments, the header named relative to the intermediate folder)."""
    st = state(project)
    out = []
    for bmf, header, flags, where in st.runs:
        if bmf not in st.sources:
            raise error('%s: error: <Wmimofck Include="%s">: no <MofComp> item creates it '
                        '(CreateBinaryMofFile)' % (where, bmf))
        source, mof_where = st.sources[bmf]
        if not os.path.isfile(source):
            raise error('%s: error: MOF file %s does not exist' % (mof_where, source))
        if header and not re.fullmatch(r'[^/]+\.[A-Za-z0-9]+', header):
            raise error('%s: error: HeaderOutputFile %s is not a file name' % (where, header))
        args = (['-h', header] if header else []) + flags + [source]
        out.append('proj_mof_%d=%s' % (len(out) + 1, shq(' '.join(shq(a) for a in args))))
    return ['proj_mof_count=%d' % len(out)] + out
