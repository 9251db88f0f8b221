#!/usr/bin/env python3
"""drvcc_helper.py - the parts of drvcc that need a real parser (python3 standard library only).

    drvcc_helper.py project PROJECT.vcxproj CONFIGURATION PLATFORM INCLUDE_ROOT
        Reads an MSBuild driver project and prints shell assignments for drvcc (proj_*
        variables, every value single-quoted). Warnings (settings not understood, toolchain
        steps drvhost does not run) go to stderr as "PROJECT:LINE: warning: ...".

    drvcc_helper.py includes SOURCE BUILD_DIR [-I DIR | -isystem DIR]...
        Windows include rules (docs/building.md, "Windows include rules"): resolves every
        #include line of SOURCE, and of the project headers it reaches, case-insensitively and
        with backslashes as separators, searching as the Microsoft compiler does (the including
        file's folder, then the folders of the files that include it, then INCLUDE_DIRs). A file
        whose include lines GCC would resolve differently is copied into BUILD_DIR with those
        lines rewritten to absolute paths (one line for one line) and a leading #line naming the
        original, so diagnostics keep the original file and line numbers; the MSVC-only
        spellings with an exact GCC form are rewritten in those copies too (msvc_rewrite: i64
        and i32 suffixes, L#x, the comma before __VA_ARGS__, a non-static __inline function's
        linkage). Prints the file to compile (SOURCE
        itself when nothing needed rewriting), then "function-names" when a file it read puts
        __FUNCTION__ beside a string literal (see funcnames). The user's tree is never written.

    drvcc_helper.py msvc [--clang] [--rewritten] SOURCE [-I DIR | -isystem DIR]...
        After a failed compile: looks in SOURCE and the project headers it reaches (found as
        `includes` finds them; drvhost's own headers are not read) for the MSVC-only spellings
        no header can give GCC: the integer suffixes i8/i16/i32/i64 (ui.., I64, UI64) and wide
        stringizing L#x in a macro, __FUNCTION__ beside a literal, __FUNCSIG__, __FUNCDNAME__
        (with --rewritten, only what the Windows rules' rewrite leaves; with --clang, no
        integer suffix: clang's -fms-extensions accepts them). Prints "FILE:LINE: error: ..." for each, exit status 1 if
        any (then the compiler's own messages are beside the point), else 0.

    drvcc_helper.py funcnames PREPROCESSED
        MSVC's __FUNCTION__ is a string literal: in a preprocessed source (gcc -E), every
        __FUNCTION__ beside a string literal inside a function body becomes the enclosing
        function's name as a literal, so that "Entering " __FUNCTION__ concatenates as with
        MSVC (`includes` prints "function-names" after the file when a file it reads needs it).

    drvcc_helper.py msvcfix strip PREPROCESSED OUT | msvcfix apply PREPROCESSED ERRORS
        What MSVC accepts and GCC refuses, repaired in a preprocessed source at the places the
        compiler's errors (ERRORS: the compile of the copy `strip` writes without line markers)
        point to: tools/drvcc_msvcfix.py.

    drvcc_helper.py ctors OBJECT SOURCE
        A C++ object with global constructors or destructors (.init_array, .fini_array: dynamic
        initialization of namespace-scope objects): prints "SOURCE: error: ..." naming the
        constructors and destructors its initialization calls and the objects it names
        (objdump -dr -C; $DRVCC_OBJDUMP), exit status 1.

Exit status 2 with "drvcc: FILE:LINE: error: ..." for a project drvcc cannot build.
"""
import glob
import hashlib
import os
import re
import sys
import xml.parsers.expat

sys.dont_write_bytecode = True  # nothing written beside the installed helper
import drvcc_mof  # noqa: E402  the MOF steps (MofComp, Wmimofck): beside this file
import drvcc_mc  # noqa: E402  the message compiler step (MessageCompile): tools/drvmc
import drvcc_ctrpp  # noqa: E402  the counter manifest step (Ctrpp): tools/drvctrpp
import drvcc_msvcfix  # noqa: E402  MSVC constructs repaired where the errors point

# --- errors and warnings --------------------------------------------------------------------


class ProjectError(Exception):
    pass


def warn(where, message):
    sys.stderr.write('drvcc: %s: warning: %s\n' % (where, message))


def shq(word):
    return "'" + word.replace("'", "'\\''") + "'"


# --- a small element tree with line numbers (expat: the parser under xml.etree) -------------


class Node:
    def __init__(self, tag, attrs, line, path):
        self.tag, self.attrs, self.line, self.path = tag, attrs, line, path
        self.children, self.text = [], ''

    def where(self):
        return '%s:%d' % (self.path, self.line)


def parse_xml(path):
    parser = xml.parsers.expat.ParserCreate(namespace_separator='}')
    root_holder, stack = [], []

    def start(name, attrs):
        node = Node(name.split('}')[-1], attrs, parser.CurrentLineNumber, path)
        if stack:
            stack[-1].children.append(node)
        else:
            root_holder.append(node)
        stack.append(node)

    def end(_name):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].text += data

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = chars
    try:
        with open(path, 'rb') as f:
            parser.ParseFile(f)
    except xml.parsers.expat.ExpatError as e:
        raise ProjectError('%s:%d: error: not a well-formed project file: %s' %
                           (path, e.lineno, xml.parsers.expat.ErrorString(e.code)))
    except OSError as e:
        raise ProjectError('%s: error: %s' % (path, e.strerror))
    return root_holder[0]


# --- MSBuild evaluation (the subset driver projects use) ------------------------------------

# WDK and Visual Studio properties: the WDK's header folders map to drvhost's headers; the
# toolchain's own folders have no counterpart (empty, silently: the WDK's props set them).
WDK_HEADER_PROPS = {
    'DDK_INC_PATH': 'km', 'KM_IncludePath': 'km', 'WDK_INC_PATH': 'km', 'CRT_INC_PATH': 'km',
    'SDK_INC_PATH': 'shared', 'UM_IncludePath': 'shared', 'KIT_SHARED_INC_PATH': 'shared',
    'KIT_SHARED_IncludePath': 'shared', 'KIT_SHARED_INC_PATH_WDK': 'shared', 'WindowsSdkDir_IncludePath': 'shared',
    'KMDF_INC_PATH': 'wdf/kmdf', 'UCM_INC_PATH': 'wdf/cx',
}
# The version folders under them: drvhost's KMDF headers are 1.33's; its UcmCx.h has no version
# folder. Projects name WPP scan files there ($(KMDF_INC_PATH)\$(KMDF_VER_PATH)\wdftraceenums.h).
WDK_VERSION_PROPS = {'KMDF_VER_PATH': '1.33', 'UCM_VER_PATH': '.'}
TOOLCHAIN_PROPS = {
    'VCTargetsPath', 'UserRootDir', 'IntDir', 'OutDir', 'TargetPath', 'TargetDir', 'TargetExt',
    'IncludePath', 'LibraryPath', 'ExecutablePath', 'DDK_LIB_PATH', 'SDK_LIB_PATH',
    'KMDF_LIB_PATH', 'UMDF_LIB_PATH', 'DDK_PLATFORM', 'WindowsSdkDir', 'WDKContentRoot',
    'VC_IncludePath', 'WindowsSDK_IncludePath', 'NETFXKitsDir',
    'UMDF_INC_PATH', 'MSBuildExtensionsPath', 'ExcludePath', 'ReferencePath', 'SourcePath',
    'ExternalIncludePath', 'LibraryWPath', 'Inf2CatWindowsVersionList', 'WDKBuildFolder',
}
# Project properties drvcc reads, and those that only steer steps drvhost has no counterpart
# for (signing, packaging, .inf stamping, code analysis): known, so not warned about.
IGNORED_PROPS = {
    'ProjectGuid', 'RootNamespace', 'SampleGuid', 'TemplateGuid', 'TargetVersion',
    'DriverTargetPlatform', 'PlatformToolset', 'DebuggerFlavor', 'SupportsPackaging',
    'RequiresPackageProject', 'EnableInf2cat', 'Inf2CatUseLocalTime', 'MinimumVisualStudioVersion',
    'TargetFrameworkVersion', 'WindowsTargetPlatformVersion', 'ConversionToolVersion',
    'RunCodeAnalysis', 'TimeStampServer', 'SkipPackageVerification', 'ALLOW_DATE_TIME',
    'Driver_SpectreMitigation', 'EnableKASAN', 'BUILD_ALT_DIR', 'KMDF_MINIMUM_VERSION_REQUIRED',
    'ProjectName', 'UseDebugLibraries', 'ConfigurationType', 'DriverType', 'TargetName',
    'TARGETNAME', 'KMDF_VERSION_MAJOR', 'KMDF_VERSION_MINOR', 'Configuration', 'Platform',
    'NTDDI_VERSION', 'UMDF_VERSION_MAJOR', 'UMDF_VERSION_MINOR',
} | TOOLCHAIN_PROPS
# ClCompile metadata: what drvcc uses, and what has no meaning for GCC builds of a driver
# module (MSVC code generation, warning levels, PDBs, precompiled headers).
CL_USED = {'AdditionalIncludeDirectories', 'PreprocessorDefinitions', 'ExcludedFromBuild',
           'CompileAs'}
WPP_USED = {'WppEnabled', 'WppScanConfigurationData', 'WppRecorderEnabled', 'WppKernelMode',
            'WppTraceFunction', 'WppModuleName', 'WppPreprocessorDefinitions',
            'WppGenerateUsingTemplateFile', 'WppAddControlGuid', 'WppSearchString',
            'WppAdditionalOptions', 'WppAlternateConfigurationFile', 'WppDllMacro',
            'WppMinimalRebuildFromTracking', 'WppEnableOutputDirectory', 'WppOutputDirectory'}
CL_IGNORED = {
    'WarningLevel', 'TreatWarningAsError', 'DisableSpecificWarnings', 'ExceptionHandling',
    'BasicRuntimeChecks', 'DebugInformationFormat', 'ErrorReporting', 'FavorSizeOrSpeed',
    'ForceConformanceInForLoopScope', 'InlineFunctionExpansion', 'IntrinsicFunctions',
    'MinimalRebuild', 'OmitDefaultLibName', 'OmitFramePointers', 'Optimization',
    'PrecompiledHeader', 'PrecompiledHeaderFile', 'PreCompiledHeader', 'PreCompiledHeaderFile',
    'PreCompiledHeaderOutputFile', 'PrecompiledHeaderOutputFile', 'PreprocessKeepComments',
    'PreprocessSuppressLineNumbers', 'PreprocessToFile', 'RemoveUnreferencedCodeData',
    'RuntimeLibrary', 'ShowIncludes', 'SmallerTypeCheck', 'SupportJustMyCode',
    'SuppressStartupBanner', 'UseFullPaths', 'WholeProgramOptimization',
    'EnableFiberSafeOptimizations', 'TreatWChar_tAsBuiltInType', 'IgnoreStandardIncludePath',
    'LanguageStandard', 'SDLCheck', 'ConformanceMode', 'BufferSecurityCheck',
    'ControlFlowGuard', 'SpectreMitigation', 'MultiProcessorCompilation', 'FunctionLevelLinking',
}
# Item kinds of the WDK build that drvhost does not run (resources, .inf stamping, signing,
# message and MOF compilers, packaging): known, named once in a warning when they produce
# something the driver compiles against (a header), silent otherwise.
ITEMS_SILENT = {'ProjectConfiguration', 'ClInclude', 'None', 'Inf', 'FilesToPackage',
                'ResourceCompile', 'DriverSign', 'Midl', 'Lib',
                'BuildMacro', 'GenerateBmf', 'Text', 'Image', 'Manifest', 'PackageFiles',
                'OtherWpp'}
ITEMS_GENERATING = {'MessageCompile': 'mc.exe (message compiler)', 'Wmimofck': 'wmimofck',
                    'MofComp': 'mofcomp',
                    'MASM': 'the assembler (MASM)'}
SOURCE_SUFFIXES = ('.c', '.cpp', '.cc', '.cxx')
# Link metadata: what drvcc uses (AdditionalDependencies: the StaticLibrary projects of the tree
# it names), and what has no meaning for a drvhost module (debug information, CET marking).
LINK_USED = {'AdditionalDependencies'}
LINK_IGNORED = {'GenerateDebugInformation', 'CETCompat', 'SuppressStartupBanner'}
# The WDK's kernel-mode libraries: drvhost's runtime provides (or refuses by name, at load) what
# they export, so naming them needs nothing; the user-mode SDK's are not among them.
WDK_LIBS = {
    'ntoskrnl.lib', 'hal.lib', 'wdmsec.lib', 'bufferoverflowk.lib', 'bufferoverflowfastfailk.lib',
    'ntstrsafe.lib', 'wmilib.lib', 'wdf01000.lib', 'wdfldr.lib', 'wdfdriverentry.lib',
    'ksecdd.lib', 'cng.lib', 'netio.lib', 'ndis.lib', 'fltmgr.lib', 'storport.lib', 'usbd.lib',
    'usbdex.lib', 'wpprecorder.lib', 'libcntpr.lib', 'rtlver.lib', 'wdmguid.lib', 'ksguid.lib',
    'uuid.lib', 'hidclass.lib', 'hidparse.lib', 'ks.lib', 'portcls.lib', 'stdunk.lib',
    'classpnp.lib', 'fwpkclnt.lib', 'sdport.lib', 'smclib.lib', 'battc.lib', 'mpio.lib',
    'wdfpofx.lib', 'ntdll.lib', 'int64.lib', 'exsup.lib', 'scsiport.lib', 'videoprt.lib',
    'spbcxstubs.lib', 'msgpioclxstub.lib', 'acxstub.lib', 'ufxstub.lib', 'sxbase.lib',
    'displib.lib', 'sdbus.lib', 'wificxtlvgenparse.lib', 'tlvgeneratorparser.lib', 'bthecho.lib',
    'pepcommon.lib',
}


def wdk_library(base):
    """A WDK library: one of WDK_LIBS, or a class extension's stub library (xxxcxstub.lib,
    xxxclxstub.lib: the routines the extension gives its clients)."""
    low = base.lower()
    return low in WDK_LIBS or re.match(r'.*(cx|clx)stubs?\.lib$', low) is not None


class Project:
    def __init__(self, path, configuration, platform, include_root):
        self.path = os.path.abspath(path)
        self.dir = os.path.dirname(self.path)
        self.include_root = include_root
        name = os.path.splitext(os.path.basename(self.path))[0]
        self.props = {
            'Configuration': configuration, 'Platform': platform,
            'MSBuildProjectDirectory': self.dir, 'MSBuildProjectName': name,
            'MSBuildProjectFile': os.path.basename(self.path), 'ProjectName': name,
            'ProjectDir': self.dir + '/', 'SolutionDir': self.solution_dir() + '/',
            'TargetName': name,
        }
        self.cl = {}  # ClCompile item definition metadata: name -> (value, where)
        self.sources = []  # (path, [extra flags])
        self.excluded = set()
        self.items = {}  # kind -> [include value]
        self.warned = set()
        self.link = {}  # Link item definition metadata: name -> (value, where)
        self.references = []  # ProjectReference items: (project path, where)

    def solution_dir(self):
        d = self.dir
        while True:
            try:
                if any(f.lower().endswith('.sln') for f in os.listdir(d)):
                    return d
            except OSError:
                break
            up = os.path.dirname(d)
            if up == d:
                break
            d = up
        return self.dir

    def warn_once(self, where, message):
        if message not in self.warned:
            self.warned.add(message)
            warn(where, message)

    # $(Name) expansion. %(Name) stays for the metadata step.
    def expand(self, value, node, this_dir):
        def prop(m):
            name = m.group(1)
            if name == 'MSBuildThisFileDirectory':
                return this_dir + '/'
            if name in self.props:
                return self.props[name]
            if name in WDK_HEADER_PROPS:
                return os.path.join(self.include_root, WDK_HEADER_PROPS[name])
            if name in WDK_VERSION_PROPS:
                return WDK_VERSION_PROPS[name]
            if name not in TOOLCHAIN_PROPS:
                self.warn_once(node.where(), 'unknown property $(%s): taken as empty' % name)
            return ''

        if '$([' in value:
            self.warn_once(node.where(), 'MSBuild property functions are not evaluated: %s' %
                           value.strip())
        return re.sub(r'\$\(([A-Za-z_][A-Za-z0-9_.]*)\)', prop, value)

    # Conditions: '..'=='..', !=, and, or, parentheses, Exists('..'), !Exists('..').
    def condition(self, node, this_dir):
        cond = node.attrs.get('Condition')
        if cond is None:
            return True
        text = self.expand(cond, node, this_dir)
        # Item metadata in a metadata's condition (%(ClCompile.Name) or %(Name)): the value the
        # item definitions gave it so far, else empty (MSBuild's value for unset metadata).
        text = re.sub(r'%\((?:ClCompile\.)?([A-Za-z_][A-Za-z0-9_]*)\)',
                      lambda m: self.cl.get(m.group(1), ('', ''))[0], text)
        tokens = re.findall(r"'[^']*'|==|!=|\(|\)|!|[A-Za-z_]+|\S", text)
        pos = [0]

        def peek():
            return tokens[pos[0]] if pos[0] < len(tokens) else None

        def take():
            pos[0] += 1
            return tokens[pos[0] - 1]

        def operand():
            t = take()
            if t == '(':
                v = disjunction()
                if take() != ')':
                    raise ValueError
                return v
            if t == '!':
                return not operand()
            if t.lower() in ('exists', 'hastrailingslash'):
                if take() != '(':
                    raise ValueError
                arg = take()
                if take() != ')':
                    raise ValueError
                p = winpath(arg.strip("'"), this_dir)
                if t.lower() == 'exists':
                    return os.path.exists(p)
                return arg.strip("'").endswith(('/', '\\'))
            if t.lower() in ('true', 'false'):
                return t.lower() == 'true'
            if t.startswith("'"):
                left = t[1:-1]
                op = peek()
                if op in ('==', '!='):
                    take()
                    right = take()
                    if not right.startswith("'"):
                        raise ValueError
                    same = left.strip().lower() == right[1:-1].strip().lower()
                    return same if op == '==' else not same
                return left.lower() == 'true'
            raise ValueError

        def conjunction():
            v = operand()
            while peek() and peek().lower() == 'and':
                take()
                v = operand() and v
            return v

        def disjunction():
            v = conjunction()
            while peek() and peek().lower() == 'or':
                take()
                v = conjunction() or v
            return v

        try:
            v = disjunction()
            if pos[0] != len(tokens):
                raise ValueError
            return v
        except (ValueError, IndexError):
            self.warn_once(node.where(), 'condition not understood, taken as false: %s' % cond)
            return False

    def evaluate(self, root, this_dir, depth=0):
        for group in root.children:
            if not self.condition(group, this_dir):
                continue
            if group.tag == 'PropertyGroup':
                for p in group.children:
                    if self.condition(p, this_dir):
                        self.property(p, this_dir)
            elif group.tag == 'ItemDefinitionGroup':
                for item in group.children:
                    if self.condition(item, this_dir):
                        self.item_definition(item, this_dir)
            elif group.tag == 'ItemGroup':
                for item in group.children:
                    if self.condition(item, this_dir):
                        self.item(item, this_dir)
            elif group.tag in ('Import', 'ImportGroup'):
                imports = [group] if group.tag == 'Import' else group.children
                for imp in imports:
                    if imp is group or self.condition(imp, this_dir):
                        self.import_(imp, this_dir, depth)
            elif group.tag in ('Target', 'UsingTask', 'ProjectExtensions', 'Choose'):
                self.warn_once(group.where(), '<%s> is not evaluated (drvcc runs no MSBuild '
                               'targets)' % group.tag)
            else:
                self.warn_once(group.where(), 'unknown element <%s> ignored' % group.tag)

    def import_(self, imp, this_dir, depth):
        raw = imp.attrs.get('Project', '')
        if re.match(r'\s*\$\((VCTargetsPath|UserRootDir)\)', raw):
            return  # the toolchain's own props and targets: drvcc is the toolchain
        path = winpath(self.expand(raw, imp, this_dir), this_dir)
        if depth < 8 and os.path.isfile(path):
            self.evaluate(parse_xml(path), os.path.dirname(path), depth + 1)
        else:
            self.warn_once(imp.where(), 'import %s not found: not evaluated' % raw)

    def property(self, p, this_dir):
        value = self.expand(p.text, p, this_dir).strip()
        if p.tag in ('Configuration', 'Platform'):
            return  # global properties (the configuration built): MSBuild keeps them
        self.props[p.tag] = value
        if p.tag.startswith('Wpp'):
            self.cl[p.tag] = (value, p.where())
        elif p.tag not in IGNORED_PROPS:
            self.warn_once(p.where(), 'project setting %s=%s not understood: ignored' %
                           (p.tag, value))

    def metadata(self, m, previous, this_dir):
        value = self.expand(m.text, m, this_dir)
        return re.sub(r'%\(' + m.tag + r'\)', lambda _: previous, value)

    def item_definition(self, item, this_dir):
        if item.tag == 'MessageCompile':
            drvcc_mc.item_definition(self, item, this_dir)  # tools/drvmc
            return
        if item.tag == 'Ctrpp':
            drvcc_ctrpp.item_definition(self, item, this_dir)  # tools/drvctrpp
            return
        if item.tag == 'Link':
            self.link_definition(item, this_dir)
            return
        if item.tag != 'ClCompile':
            if item.tag not in ITEMS_SILENT and item.tag not in ITEMS_GENERATING:
                self.warn_once(item.where(), 'settings for <%s> not understood: ignored' %
                               item.tag)
            return
        for m in item.children:
            if not self.condition(m, this_dir):
                continue
            previous = self.cl.get(m.tag, ('', ''))[0]
            self.cl[m.tag] = (self.metadata(m, previous, this_dir), m.where())

    def link_definition(self, item, this_dir):
        for m in item.children:
            if not self.condition(m, this_dir):
                continue
            previous = self.link.get(m.tag, ('', ''))[0]
            self.link[m.tag] = (self.metadata(m, previous, this_dir), m.where())

    def item(self, item, this_dir):
        kind = item.tag
        if kind == 'ProjectReference':
            self.references.append((winpath(self.expand(item.attrs.get('Include', ''), item,
                                                        this_dir), this_dir), item.where()))
            return
        include = self.item_references(self.expand(item.attrs.get('Include', ''), item,
                                                   this_dir), item)
        if kind != 'ClCompile' and item.attrs.get('Exclude'):
            # Exclude="@(MessageCompile)": the items already of that kind are not added again.
            gone = {v.lower() for v in split_list(self.item_references(
                self.expand(item.attrs['Exclude'], item, this_dir), item))}
            include = ';'.join(v for v in split_list(include) if v.lower() not in gone)
        if not include.strip():
            return  # an item list that is empty (an @(...) of no items)
        self.items.setdefault(kind, []).append(include)
        if kind in ('MofComp', 'Wmimofck'):
            drvcc_mof.item(self, item, include, this_dir, winpath, split_list)  # tools/drvmof
            return
        if kind == 'MessageCompile':
            drvcc_mc.item(self, item, include, this_dir, winpath, split_list)  # tools/drvmc
            return
        if kind == 'Ctrpp':
            drvcc_ctrpp.item(self, item, include, this_dir, winpath, split_list)  # tools/drvctrpp
            return
        if kind in ITEMS_GENERATING:
            self.warn_once(item.where(), '<%s Include="%s">: drvhost does not run %s; a file it '
                           'would generate must exist' % (kind, include, ITEMS_GENERATING[kind]))
            return
        if kind != 'ClCompile':
            if kind not in ITEMS_SILENT:
                self.warn_once(item.where(), 'items <%s> not understood: ignored' % kind)
            return
        exclude = set()
        for pattern in split_list(self.expand(item.attrs.get('Exclude', ''), item, this_dir)):
            exclude.update(expand_glob(pattern, this_dir))
        flags, skip = [], False
        for m in item.children:
            if not self.condition(m, this_dir):
                continue
            value = self.metadata(m, '', this_dir)
            if m.tag == 'ExcludedFromBuild':
                skip = value.strip().lower() == 'true'
            elif m.tag == 'AdditionalIncludeDirectories':
                base = self.cl.get(m.tag, ('', ''))[0]
                flags += include_flags(re.sub(r'%\(AdditionalIncludeDirectories\)', lambda _: base,
                                              self.expand(m.text, m, this_dir)), this_dir)
            elif m.tag == 'PreprocessorDefinitions':
                flags += define_flags(value)
            elif m.tag.startswith('Wpp'):
                self.cl[m.tag] = (value, m.where())
            elif m.tag not in CL_IGNORED:
                self.warn_once(m.where(), 'per-file setting %s of %s not understood: ignored' %
                               (m.tag, include))
        for pattern in split_list(include):
            for path in expand_glob(pattern, this_dir):
                if path in exclude:
                    continue
                if skip:
                    self.excluded.add(path)
                elif not path.lower().endswith(SOURCE_SUFFIXES):
                    self.warn_once(item.where(), '%s: not a C or C++ source: not compiled' %
                                   pattern)
                else:
                    self.sources.append((path, flags))

    def item_references(self, value, node):
        """@(Kind) in an item's Include or Exclude: the items of that kind so far, joined with
        ';' (MSBuild's item list; a kind with no items is empty). A transform @(Kind->'...')
        or a custom separator @(Kind, '...') is not evaluated: named in a warning, empty."""
        def ref(m):
            if m.group(2):
                self.warn_once(node.where(), 'item transform %s not evaluated: taken as empty' %
                               m.group(0))
                return ''
            return ';'.join(self.items.get(m.group(1), []))
        return re.sub(r"@\(\s*([A-Za-z_][\w.]*)\s*((?:->|,)(?:'[^']*'|[^)'])*)?\)", ref, value)

    # The result, as shell assignments for drvcc.
    def emit(self):
        cfg = '%s|%s' % (self.props['Configuration'], self.props['Platform'])
        ctype = self.props.get('ConfigurationType', '')
        if ctype.lower() != 'driver':
            raise ProjectError('%s: error: ConfigurationType is "%s" for %s, not Driver: not a '
                               'kernel-mode driver project' % (self.path, ctype, cfg))
        dtype = self.props.get('DriverType', 'WDM') or 'WDM'
        kmdf = dtype.upper() == 'KMDF' or bool(self.props.get('KMDF_VERSION_MAJOR'))
        if dtype.upper() not in ('WDM', 'KMDF'):
            warn(self.path, 'DriverType %s: built as a WDM-model driver' % dtype)
        if self.props.get('UMDF_VERSION_MAJOR'):
            raise ProjectError('%s: error: a UMDF (user-mode) driver: drvhost runs kernel-mode '
                               'drivers' % self.path)
        if kmdf:
            major = self.props.get('KMDF_VERSION_MAJOR', '1') or '1'
            minor = self.props.get('KMDF_VERSION_MINOR', '') or '33'
            if (int_or(major), int_or(minor)) > (1, 33):
                warn(self.path, 'KMDF %s.%s requested: drvhost provides KMDF 1.33' %
                     (major, minor))
        cflags = self.compile_flags()
        wpp = self.wpp_options()
        sources = self.checked_sources(cfg)
        libraries = self.libraries()
        out = ['proj_kmdf=%d' % kmdf, 'proj_target=%s' % shq(self.props.get('TargetName') or
                                                            self.props['MSBuildProjectName']),
               'proj_cflags=%s' % shq(' '.join(shq(f) for f in cflags)),
               'proj_wpp=%s' % shq(' '.join(shq(w) for w in wpp))] + \
            drvcc_mof.emit(self, shq, ProjectError) + drvcc_mc.emit(self, shq, ProjectError) + \
            drvcc_ctrpp.emit(self, shq, ProjectError)
        # A StaticLibrary project's sources: compiled with that project's settings alone
        # (proj_own_N=1: not the driver project's), linked into the module.
        # Its WPP settings too (proj_wpp_N): its own scan file and trace functions.
        every = [(p, f, 0, wpp) for p, f in sources]
        for lib in libraries:
            own, lib_wpp = lib.compile_flags(), lib.wpp_options()
            every += [(p, own + f, 1, lib_wpp) for p, f in lib.checked_sources(cfg)]
        out.append('proj_source_count=%d' % len(every))
        for i, (path, flags, own, source_wpp) in enumerate(every, 1):
            out.append('proj_source_%d=%s' % (i, shq(path)))
            out.append('proj_flags_%d=%s' % (i, shq(' '.join(shq(f) for f in flags))))
            out.append('proj_own_%d=%d' % (i, own))
            out.append('proj_wpp_%d=%s' % (i, shq(' '.join(shq(w) for w in source_wpp))))
        return '\n'.join(out) + '\n'

    def compile_flags(self):
        """The project-wide compiler flags (warnings for ClCompile settings not understood)."""
        cflags = []
        if self.props.get('UseDebugLibraries', '').lower() == 'true':
            cflags.append('-DDBG=1')  # the WDK's debug configurations define DBG=1
        ntddi = self.props.get('NTDDI_VERSION')
        if ntddi:
            cflags.append('-DNTDDI_VERSION=' + ntddi)
        dirs = self.cl.get('AdditionalIncludeDirectories', ('', ''))[0]
        cflags += include_flags(dirs, self.dir)
        # The VC++ Directories (IncludePath, ExternalIncludePath): searched after the
        # compiler's /I folders, as cl.exe searches the INCLUDE folders it is given.
        for name in ('IncludePath', 'ExternalIncludePath'):
            cflags += include_flags(self.props.get(name, ''), self.dir)
        cflags += define_flags(self.cl.get('PreprocessorDefinitions', ('', ''))[0])
        # Last: the project folder. Sources of other folders (..\x.c) include the project's
        # precompiled header ("precomp.h"), which cl.exe takes from the .pch built there.
        cflags += ['-I', self.dir]
        for name, (value, where) in sorted(self.cl.items()):
            if name not in CL_USED and name not in CL_IGNORED and not name.startswith('Wpp'):
                warn(where, 'compiler setting %s=%s not understood: ignored' % (name,
                                                                                  value.strip()))
            if name == 'CompileAs' and value.strip() not in ('', 'Default'):
                warn(where, 'CompileAs=%s not honoured: the file suffix decides' % value.strip())
        return cflags

    def checked_sources(self, cfg):
        sources = [(p, f) for p, f in self.sources if p not in self.excluded]
        if not sources:
            raise ProjectError('%s: error: no ClCompile sources for %s' % (self.path, cfg))
        missing = [p for p, _ in sources if not os.path.isfile(p)]
        if missing:
            raise ProjectError('%s: error: source %s does not exist' % (self.path, missing[0]))
        return sources

    # --- static libraries: ProjectReference items and Link AdditionalDependencies ----------

    def libraries(self, seen=None):
        """The StaticLibrary projects this project links (and those they reference), each
        evaluated for the same configuration; warnings name every Link setting not used."""
        seen = {self.path} if seen is None else seen
        found = []

        def add(lib):
            if lib.path not in seen:
                seen.add(lib.path)
                found.append(lib)
                found.extend(lib.libraries(seen))

        for path, where in self.references:
            lib = self.load_reference(path, where)
            if lib is not None:
                add(lib)
        value, where = self.link.get('AdditionalDependencies', ('', ''))
        for name in split_list(value):
            if '%(' in name:
                continue
            # A project of the tree first: a solution may build its own hal.lib.
            lib = self.library_project(name)
            if lib is None and wdk_library(name.replace('\\', '/').rsplit('/', 1)[-1]):
                continue
            if lib is None:
                warn(where, 'library %s: not a WDK library nor the output of a StaticLibrary '
                     'project of the tree: not linked' % name)
            else:
                add(lib)
        for name, (value, where) in sorted(self.link.items()):
            if name not in LINK_USED and name not in LINK_IGNORED and value.strip():
                warn(where, 'linker setting %s=%s not understood: ignored' % (name,
                                                                             value.strip()))
        return found

    def sibling(self, path):
        """The project at path, evaluated for this project's configuration."""
        other = Project(path, self.props['Configuration'], self.props['Platform'],
                        self.include_root)
        other.evaluate(parse_xml(other.path), other.dir)
        return other

    def load_reference(self, path, where):
        if not os.path.isfile(path):
            raise ProjectError('%s: error: referenced project %s does not exist' % (where, path))
        other = self.sibling(path)
        ctype = other.props.get('ConfigurationType', '')
        if ctype.lower() != 'staticlibrary':
            return None  # a build-order reference (a package, another driver): nothing to link
        other.check_configuration(where)
        return other

    def library_project(self, name):
        """The StaticLibrary project of the tree whose output is the library name: a project of
        the library's folder or of a folder above it (the output folder, $(IntDir), is taken as
        empty), up to the first folder that holds this project too, whose TargetName is the
        library's name."""
        path = winpath(name, self.dir)
        stem = os.path.splitext(os.path.basename(path))[0].lower()
        d = os.path.dirname(path)
        while True:
            for f in sorted(listdir(d) or []):
                if not f.lower().endswith('.vcxproj'):
                    continue
                full = os.path.join(d, f)
                if full == self.path or not mentions(full, 'StaticLibrary'):
                    continue
                other = self.sibling(full)
                target = (other.props.get('TargetName') or other.props['MSBuildProjectName'])
                if (other.props.get('ConfigurationType', '').lower() == 'staticlibrary' and
                        target.lower() == stem):
                    other.check_configuration(self.link['AdditionalDependencies'][1])
                    return other
            if d == '/' or (self.dir + '/').startswith(d.rstrip('/') + '/'):
                return None  # the folder shared with this project: the tree's top for it
            d = os.path.dirname(d)

    def check_configuration(self, where):
        configs = ['%s|%s' % (c, p) for c, p in re.findall(
            r'(\w+)\|(\w+)', ' '.join(self.items.get('ProjectConfiguration', [])))]
        wanted = '%s|x64' % self.props['Configuration']
        if configs and wanted.lower() not in (c.lower() for c in configs):
            raise ProjectError('%s: error: the library project %s has no configuration %s (it '
                               'has %s)' % (where, self.path, wanted, ', '.join(configs)))

    def wpp_options(self):
        """The project's WPP settings as drvcc's --wpp options (the TraceWPP task's inputs).
        The control block needs none: the .tmh expands WPP_CONTROL_GUIDS wherever the sources
        define it, as the WDK's does."""
        enabled = self.cl.get('WppEnabled', ('', ''))[0].strip().lower() == 'true'
        if not enabled:
            return []
        opts = ['--wpp']
        value, where = self.cl.get('WppScanConfigurationData', ('', ''))
        if value.strip():
            opts += self.wpp_file('--wpp-scan=', value.strip(), where)
        value, where = self.cl.get('WppAdditionalConfigurationFile', ('', ''))
        for f in split_list(value):
            opts += self.wpp_file('--wpp-config=', f, where)
        # TraceWPP runs in the project folder, its configuration folder by default (-cfgdir:),
        # and reads a localwpp.ini there besides defaultwpp.ini: the WDK samples that need one
        # (a DEFINE_CPLX_TYPE for %!HEXDUMP!) ship it without naming it in the project.
        local = find_case_insensitive(os.path.join(self.dir, 'localwpp.ini'))
        if local and os.path.isfile(local) and '--wpp-config=' + local not in opts:
            opts.append('--wpp-config=' + local)
        if self.cl.get('WppRecorderEnabled', ('', ''))[0].strip().lower() == 'true':
            opts.append('--wpp-recorder')
        funcs = self.cl.get('WppTraceFunction', ('', ''))[0].strip()
        if funcs:
            opts.append('--wpp-func=' + funcs)
        for d in split_list(self.cl.get('WppPreprocessorDefinitions', ('', ''))[0]):
            if '%(' not in d:
                opts.append('--wpp-define=' + d)
        ctl = self.cl.get('WppAddControlGuid', ('', ''))[0].strip().strip('{}')
        if ctl:
            opts.append('--wpp-ctl=' + ctl)
        value, where = self.cl.get('WppAdditionalOptions', ('', ''))
        opts += self.wpp_command_line(value, where)
        return opts

    def wpp_file(self, option, value, where):
        path = winpath(value, self.dir)
        if not os.path.isfile(path):
            self.warn_once(where, 'WPP file %s not found: not read (a WDK header drvhost does '
                           'not have?)' % value)
            return []
        return [option + path]

    # TraceWPP's own options, as a project's WppAdditionalOptions gives them.
    WPP_SILENT = ('-km', '-um', '-dll', '-p:', '-gen:', '-gen{', '-odir:', '-cfgdir:', '-I',
                  '-ext:', '-preserveext:', '-noshrieks', '-argbase:', '-lookfor:', '-v')

    def wpp_command_line(self, value, where):
        opts = []
        words = re.findall(r'(?:"[^"]*"|[^\s"])+', value.replace('\\\n', ' '))
        for w in words:
            w = w.replace('"', '')
            if w in ('\\', '') or w.startswith('%('):
                continue
            if w.startswith('-scan:'):
                opts += self.wpp_file('--wpp-scan=', w[6:], where)
            elif w.startswith('-ini:'):
                opts += self.wpp_file('--wpp-config=', w[5:], where)
            elif w.startswith('-func:'):
                opts.append('--wpp-func=' + w[6:])
            elif w.startswith('-ctl:'):
                opts.append('--wpp-ctl=' + w[5:].strip('{}'))
            elif w.startswith('-D') and len(w) > 2:
                opts.append('--wpp-define=' + w[2:])
            elif not w.startswith(self.WPP_SILENT):
                self.warn_once(where, 'WPP option %s not understood: ignored' % w)
        return opts


def int_or(text, default=0):
    try:
        return int(text)
    except ValueError:
        return default


def mentions(path, word):
    """Whether the file's text names word (a cheap test before evaluating a project)."""
    try:
        with open(path, 'rb') as f:
            return word.lower().encode() in f.read().lower()
    except OSError:
        return False


def split_list(value):
    return [v.strip() for v in value.split(';') if v.strip()]


def winpath(path, base):
    """A Windows path (backslashes, relative to base) as a Linux path, the letter case of each
    existing component found on disk."""
    path = path.strip().replace('\\', '/')
    if not os.path.isabs(path):
        path = os.path.join(base, path)
    return find_case_insensitive(os.path.normpath(path)) or os.path.normpath(path)


_listdir_cache = {}


def listdir(d):
    if d not in _listdir_cache:
        try:
            _listdir_cache[d] = os.listdir(d)
        except OSError:
            _listdir_cache[d] = None
    return _listdir_cache[d]


def find_case_insensitive(path):
    """path as it is spelled on disk, matching each component without regard to letter case as
    Windows does; None when there is no such file."""
    if os.path.exists(path):
        return path
    parts = path.split('/')
    cur = '/' if path.startswith('/') else '.'
    for part in parts:
        if part in ('', '.'):
            continue
        if part == '..':
            cur = os.path.dirname(cur)
            continue
        names = listdir(cur)
        if names is None:
            return None
        if part in names:
            cur = os.path.join(cur, part)
            continue
        lower = part.lower()
        match = sorted(n for n in names if n.lower() == lower)
        if not match:
            return None
        cur = os.path.join(cur, match[0])
    return cur


def expand_glob(pattern, base):
    path = pattern.replace('\\', '/')
    if not os.path.isabs(path):
        path = os.path.join(base, path)
    path = os.path.normpath(path)
    if any(c in path for c in '*?'):
        return sorted(glob.glob(path.replace('**', '*'), recursive=True))
    return [find_case_insensitive(path) or path]


def include_flags(value, base):
    flags = []
    for d in split_list(value):
        if '%(' in d:
            continue
        flags += ['-I', winpath(d, base)]
    return flags


def define_flags(value):
    flags = []
    for d in split_list(value):
        if '%(' in d:
            continue
        if not re.match(r'[A-Za-z_][A-Za-z0-9_]*(=|$)', d):
            warn('PreprocessorDefinitions', '"%s" is not a macro name: ignored' % d)
            continue
        flags.append('-D' + d)
    return flags


def cmd_project(args):
    path, configuration, platform, include_root = args
    if platform.lower() not in ('x64', 'amd64'):
        raise ProjectError('%s: error: platform %s: drvhost models the x64 kernel (--config '
                           'NAME|x64)' % (path, platform))
    project = Project(path, configuration, 'x64', include_root)
    project.evaluate(parse_xml(project.path), project.dir)
    configs = ['%s|%s' % (c, p) for c, p in re.findall(r'(\w+)\|(\w+)',
                                                        ' '.join(project.items.get(
                                                            'ProjectConfiguration', [])))]
    wanted = '%s|x64' % configuration
    if configs and wanted.lower() not in (c.lower() for c in configs):
        raise ProjectError('%s: error: no configuration %s (the project has %s)' %
                           (path, wanted, ', '.join(configs)))
    sys.stdout.write(project.emit())


# --- Windows include rules -------------------------------------------------------------------

INCLUDE_RE = re.compile(r'^(\s*#\s*include\s*)([<"])([^>"]*)([>"])(.*)$')


class IncludeRewriter:
    def __init__(self, build_dir, include_dirs, system_dirs):
        self.build_dir = build_dir
        self.system_dirs = [os.path.abspath(d) for d in system_dirs]
        self.include_dirs = [os.path.abspath(d) for d in include_dirs] + self.system_dirs
        self.done = {}  # original path -> path to include (the copy, or itself)
        self.active = set()
        self.function_names = []  # files with __FUNCTION__ beside a string literal

    def gcc_finds(self, spelled, quoted, includers):
        """What GCC finds for this spelling from the file at includers[-1] (quote: that file's
        folder first; then the -I folders)."""
        dirs = ([os.path.dirname(includers[-1])] if quoted else []) + self.include_dirs
        for d in dirs:
            p = os.path.join(d, spelled)
            if os.path.isfile(p):
                return os.path.normpath(p)
        return None

    def windows_finds(self, spelled, quoted, includers):
        """What the Microsoft compiler finds: backslashes are separators, letter case does not
        matter; quoted includes search the including file's folder, then the folders of the
        files that included it (innermost first), then the include folders."""
        name = spelled.replace('\\', '/')
        if os.path.isabs(name):
            return find_case_insensitive(os.path.normpath(name))
        dirs = ([os.path.dirname(f) for f in reversed(includers)] if quoted else [])
        for d in dirs + self.include_dirs:
            p = find_case_insensitive(os.path.normpath(os.path.join(d, name)))
            if p and os.path.isfile(p):
                return p
        return None

    def process(self, path, includers):
        path = os.path.normpath(os.path.abspath(path))
        if path in self.done:
            return self.done[path]
        if path in self.active:
            return path  # an include cycle: the header's guard ends it
        self.active.add(path)
        chain = includers + [path]
        try:
            with open(path, 'r', encoding='utf-8', errors='surrogateescape', newline='') as f:
                lines = f.readlines()
        except OSError:
            self.active.discard(path)
            return path
        rewritten, changed = [], False
        for line in lines:
            m = INCLUDE_RE.match(line.rstrip('\r\n'))
            if not m:
                rewritten.append((line, None))
                continue
            spelled, quoted = m.group(3), m.group(2) == '"'
            target = self.windows_finds(spelled, quoted, chain)
            if target is None:
                rewritten.append((line, None))
                continue
            use = self.process(target, chain) if not self.is_system(target) else target
            if self.gcc_finds(spelled, quoted, chain) != use:
                changed = True
            rewritten.append((line, (m, use)))
        self.active.discard(path)
        # MSVC-only spellings with a sound GCC equivalent are rewritten in the copy too.
        fixed = msvc_rewrite([line for line, _ in rewritten])
        if self.function_names is not None and function_literal(fixed):
            self.function_names.append(path)
        if fixed != [line for line, _ in rewritten]:
            changed = True
            rewritten = [(new, hit if new == old else None)
                         for new, (old, hit) in zip(fixed, rewritten)]
        if not changed:
            self.done[path] = path
            return path
        # The copy lives elsewhere: every include it can resolve becomes absolute.
        digest = hashlib.sha1(path.encode('utf-8', 'surrogateescape')).hexdigest()[:12]
        copy = os.path.join(self.build_dir, digest + '-' + os.path.basename(path))
        if rewritten and rewritten[0][0].startswith('\ufeff'):
            # The compiler skips a byte-order mark at a file's start only, not after the #line.
            rewritten[0] = (rewritten[0][0][1:], rewritten[0][1])
        with open(copy, 'w', encoding='utf-8', errors='surrogateescape', newline='') as out:
            if any(MSVC_INLINE_MACRO + '(weak ' in line for line in fixed):
                out.write(MSVC_INLINE_PROLOGUE)
            out.write('#line 1 "%s"\n' % path.replace('\\', '\\\\').replace('"', '\\"'))
            for line, hit in rewritten:
                if hit is None:
                    out.write(line)
                    continue
                m, use = hit
                eol = line[len(line.rstrip('\r\n')):]
                out.write('%s"%s"%s%s' % (m.group(1), use, m.group(5), eol))
        self.done[path] = copy
        return copy

    def is_system(self, path):
        """drvhost's own headers: their include lines are right; one spelled in another case
        by the driver is included by its absolute path, never copied."""
        return any(path.startswith(d + '/') for d in self.system_dirs)


def cmd_includes(args):
    source, build_dir, rest = args[0], args[1], args[2:]
    include_dirs, system_dirs = [], []
    while rest:
        if len(rest) < 2 or rest[0] not in ('-I', '-isystem'):
            raise ProjectError('includes: expected -I DIR or -isystem DIR, not %s' % rest[0])
        (include_dirs if rest[0] == '-I' else system_dirs).append(rest[1])
        rest = rest[2:]
    os.makedirs(build_dir, exist_ok=True)
    rewriter = IncludeRewriter(build_dir, include_dirs, system_dirs)
    print(rewriter.process(source, []))
    if rewriter.function_names:
        print('function-names')  # drvcc preprocesses, then runs `funcnames` on the output


# --- MSVC-only spellings ---------------------------------------------------------------------

MSVC_SUFFIX_RE = re.compile(r'(?<![\w.])((?:0[xX][0-9a-fA-F]+|[0-9]+))([uU]?[iI](?:8|16|32|64))(?!\w)')
MSVC_WIDEN_RE = re.compile(r'(?<!\w)L[ \t]*#(?!#)[ \t]*([A-Za-z_]\w*)')
DEFINE_RE = re.compile(r'^\s*#\s*define\s+([A-Za-z_]\w*)')


def code_only(lines):
    """The lines with comments, string and character literals blanked (same lengths), so that
    the scanners see only code; a comment may span lines."""
    out, in_comment = [], False
    for line in lines:
        res, i, n = [], 0, len(line)
        while i < n:
            c = line[i]
            if in_comment:
                end = line.find('*/', i)
                if end < 0:
                    res.append(' ' * (n - i))
                    i = n
                else:
                    res.append(' ' * (end + 2 - i))
                    i, in_comment = end + 2, False
            elif line.startswith('//', i):
                res.append(' ' * (n - i))
                i = n
            elif line.startswith('/*', i):
                in_comment = True
            elif c in '"\'':
                j = i + 1
                while j < n and line[j] != c:
                    j += 2 if line[j] == '\\' else 1
                res.append(c + ' ' * (min(j, n) - i - 1) + (c if j < n else ''))
                i = j + 1
            else:
                res.append(c)
                i += 1
        out.append(''.join(res))
    return out


def suffix_fix(number, suffix, in_if):
    """GCC's spelling of an MSVC sized-integer literal (number + suffix), or None when there is
    no exact one. i64/ui64 (any letter case) are __int64 / unsigned __int64 and i32/ui32 int /
    unsigned int, whatever the value: a hex value beyond the signed range is negative there, so
    it becomes a cast of the unsigned constant (in #if, where casts are not allowed and every
    value is intmax_t or uintmax_t, the plain constant). i8 and i16 are left alone."""
    unsigned = suffix[0] in 'uU'
    bits = int(suffix.lstrip('uU')[1:])
    if bits not in (32, 64):
        return None
    low = number.lower()
    value = int(low, 16) if low.startswith('0x') else int(low, 8) if low.startswith('0') and \
        len(low) > 1 else int(low)
    if value >= 1 << bits:
        return None
    wide = 'LL' if bits == 64 else ''
    if unsigned:
        return number + 'U' + wide
    if value < 1 << (bits - 1) or in_if:
        return number + wide
    return '((%s)%sU%s)' % ('long long' if bits == 64 else 'int', number, wide)


def msvc_rewrite(lines):
    """The lines (ends kept) with the MSVC-only spellings that have an exact GCC equivalent
    rewritten in place, one line for one line: sized-integer suffixes in code, #if lines and
    macro bodies (suffix_fix); wide stringizing L#x in a macro body (also on its continuation
    lines) as L ## #x, which pastes L onto the stringized argument; a comma before __VA_ARGS__
    in a macro body as , ## __VA_ARGS__ (dropped with an empty argument list, as MSVC does); a
    string literal pasted onto what follows it in a macro body ("%S: " ## str) without the ##
    (MSVC leaves the two tokens side by side, so two literals concatenate; GCC refuses a paste
    that makes no single token); a file-scope function definition that is __inline or inline
    without static or extern as MSVC's C gives it (external_inline_edits). Comments and literals
    are never touched."""
    out, directive, comma_before = [], None, False
    inline_edits = external_inline_edits(code_only(lines))
    for line, code in zip(lines, code_only(lines)):
        start = 0
        if directive is None and code.lstrip().startswith('#'):
            d = DEFINE_RE.match(code)
            directive = 'define' if d else 'if' if re.match(r'\s*#\s*(el)?if', code) else 'other'
            start = d.end() if d else 0
        edits = []
        if directive == 'define':
            edits += [(m.start(), m.end(), 'L ## #' + m.group(1))
                      for m in MSVC_WIDEN_RE.finditer(code, start)]
            edits += [(m.start(), m.end(), ', ## __VA_ARGS__')
                      for m in VA_COMMA_RE.finditer(code, start)]
            edits += string_paste_edits(code, start)
            va = VA_ARGS_FIRST_RE.match(code)
            if comma_before and va:  # the comma ended the continued line before
                edits.append((va.start(1), va.start(1), '## '))
        if directive != 'other':
            for m in MSVC_SUFFIX_RE.finditer(code):
                fix = suffix_fix(m.group(1), m.group(2), directive == 'if')
                if fix is not None:
                    edits.append((m.start(), m.end(), fix))
        edits += inline_edits.get(len(out), [])
        for begin, end, text in sorted(edits, reverse=True):
            line = line[:begin] + text + line[end:]
        out.append(line)
        comma_before = directive == 'define' and COMMA_CONTINUED_RE.search(code) is not None
        if not code.rstrip('\r\n').endswith('\\'):
            directive, comma_before = None, False
    return out


# MSVC's C: a function defined __inline (or inline) without static or extern has external
# linkage and each object that defines it gets a COMDAT copy, of which the linker keeps one. C99
# (GCC, clang) makes it an inline definition that no object emits (an undefined symbol when a
# call is not inlined), or, with a non-inline declaration in the same file, an external
# definition in every object that includes it (a multiple definition). The rewrite makes it an
# external definition (extern inline: still inlinable) whose symbol is weak (#pragma weak, as an
# attribute weak is ignored on inline functions), so the link keeps one copy. The macros live in
# the copy's prologue (MSVC_INLINE_PROLOGUE): a header the rewrite copies may be read before any
# drvhost header, and C++ (whose inline functions are COMDAT already) gets nothing from it.
MSVC_INLINE_MACRO = '__DRVHOST_MSVC_INLINE'
MSVC_INLINE_EXTERN = '__DRVHOST_MSVC_EXTERN'
MSVC_INLINE_PROLOGUE = ('#ifndef %(m)s\n#ifdef __cplusplus\n#define %(m)s(weak_name)\n'
                        '#define %(e)s\n#else\n#define %(m)s(weak_name) _Pragma(#weak_name)\n'
                        '#define %(e)s extern\n#endif\n#endif\n'
                        % {'m': MSVC_INLINE_MACRO, 'e': MSVC_INLINE_EXTERN})
TOKEN_RE = re.compile(r'[A-Za-z_]\w*|[^\s\ufeff]')  # a byte-order mark is no token


def code_tokens(code):
    """(line index, column, token) of the code outside preprocessor directives (and their
    continuation lines): the tokens the C parser sees, whatever the conditionals select."""
    directive = False
    for number, line in enumerate(code):
        directive = directive or line.lstrip().startswith('#')
        if not directive:
            for m in TOKEN_RE.finditer(line):
                yield number, m.start(), m.group(0)
        directive = directive and line.rstrip('\r\n').endswith('\\')


def external_inline_edits(code):
    """{line index: [(begin, end, text)]}: at the start of each file-scope function definition
    whose declaration specifiers (outside parentheses) say __inline or inline and none of static,
    extern, typedef, the macro call naming it weak. Braces of extern "C" { } are not a scope; a
    declaration whose name is not the identifier before its last parameter list is left alone."""
    edits, scopes, decl, parens = {}, [], [], 0
    for number, column, token in code_tokens(code):
        if scopes and scopes[-1] == 'block':
            if token in '{}':
                scopes.append('block') if token == '{' else scopes.pop()
            continue
        if token == '}':
            if scopes:
                scopes.pop()
            decl, parens = [], 0
            continue
        parens += {'(': 1, ')': -1}.get(token, 0)
        if token == ';' and parens == 0:
            decl = []
        elif token == '{' and parens == 0:
            words = [t for _, _, t in decl]
            if words[-3:] == ['extern', '"', '"']:
                scopes.append('linkage')
            else:
                scopes.append('block')
                external_inline_edit(decl, edits)
            decl = []
        else:
            decl.append((number, column, token))
    return edits


def external_inline_edit(decl, edits):
    """Adds the edit for one declaration ending before a '{' when it is a non-static inline
    function definition (see external_inline_edits)."""
    if not decl or decl[-1][2] != ')':
        return
    depth, top = 0, {}
    for index in range(len(decl) - 1, -1, -1):
        depth += {')': 1, '(': -1}.get(decl[index][2], 0)
        if depth == 0:
            break
    for number, column, token in decl[:index]:
        depth += {'(': 1, ')': -1}.get(token, 0)
        if depth == 0:
            top.setdefault(token, (number, column))
    name = decl[index - 1][2] if index > 0 else ''
    keyword = top.get('__inline') or top.get('inline')
    if not keyword or top.keys() & {'static', 'extern', 'typedef'} or \
            not re.match(r'[A-Za-z_]\w*$', name):
        return
    # The pragma before the whole declaration (a macro of the driver's may come before the
    # specifiers without a semicolon: WDF_DECLARE_CONTEXT_TYPE_WITH_NAME), extern beside inline.
    number, column, _ = decl[0]
    pragma = '%s(weak %s) ' % (MSVC_INLINE_MACRO, name)
    if (number, column) == keyword:
        pragma += MSVC_INLINE_EXTERN + ' '  # one edit: the pragma first
    else:
        edits.setdefault(keyword[0], []).append((keyword[1], keyword[1], MSVC_INLINE_EXTERN + ' '))
    edits.setdefault(number, []).append((column, column, pragma))


def string_paste_edits(code, start):
    """The ## after each string literal of a macro body's code (literals blanked: quotes kept),
    as (begin, end, ' ') edits. Only a literal on the left: L ## "x" is a valid paste."""
    edits = []
    for lit in re.finditer(r'"[^"\n]*"', code[start:]):
        m = STRING_PASTE_RE.match(code, start + lit.end())
        if m:
            edits.append((m.start(), m.end(), ' '))
    return edits


STRING_PASTE_RE = re.compile(r'[ \t]*##(?!#)')
# A continued macro line ending in a comma, and the next one starting with __VA_ARGS__.
COMMA_CONTINUED_RE = re.compile(r'(?<!#),[ \t]*\\[ \t]*\r?\n?$')
VA_ARGS_FIRST_RE = re.compile(r'[ \t]*(__VA_ARGS__)\b')
# MSVC drops the comma before an empty __VA_ARGS__ (its traditional preprocessor; the WDK's
# default); GCC and clang do that for the GNU spelling , ## __VA_ARGS__.
VA_COMMA_RE = re.compile(r'(?<!#),[ \t]*__VA_ARGS__\b')
FUNCTION_LITERAL_RE = re.compile(r'"[\s\\]*__FUNCTION__\b|\b__FUNCTION__[\s\\]*(?:L|u8|u|U)?"')


def function_literal(lines):
    """Whether the code of these lines puts __FUNCTION__ beside a string literal (MSVC's
    __FUNCTION__ is a literal and concatenates; GCC's is a variable)."""
    return FUNCTION_LITERAL_RE.search(''.join(code_only(lines))) is not None


def msvc_scan(path, lines, rewritten=False):
    """The MSVC-only spellings of one file, as error lines; with rewritten (the Windows rules:
    msvc_rewrite and funcnames ran), only those the rewrite leaves: i8/i16 suffixes, values out
    of range, __FUNCSIG__ and __FUNCDNAME__."""
    errors, directive, macro = [], None, None
    hint = ' (drvcc --windows-includes or --project rewrites it)'
    code = code_only(lines)
    for number, line in enumerate(code, 1):
        start = 0
        if directive is None and line.lstrip().startswith('#'):
            d = DEFINE_RE.match(line)
            directive = 'define' if d else 'if' if re.match(r'\s*#\s*(el)?if', line) else 'other'
            macro, start = (d.group(1), d.end()) if d else (None, 0)
        if directive == 'define' and not rewritten:
            for m in MSVC_WIDEN_RE.finditer(line, start):
                errors.append('%s:%d: error: MSVC-only wide stringizing "L#%s" in macro %s: GCC '
                              'makes it the identifier L and a narrow string; write L ## #%s%s'
                              % (path, number, m.group(1), macro, m.group(1), hint))
        if directive != 'other':
            for m in MSVC_SUFFIX_RE.finditer(line):
                if not rewritten or suffix_fix(m.group(1), m.group(2), directive == 'if') is None:
                    errors.append(suffix_error(path, number, m, directive == 'if', hint))
        for m in re.finditer(r'\b__FUNC(SIG|DNAME)__\b', line):
            errors.append('%s:%d: error: MSVC-only __FUNC%s__ (the function\'s %s): GCC has no '
                          'such name and drvcc does not provide it; use __FUNCTION__' %
                          (path, number, m.group(1), 'signature' if m.group(1) == 'SIG' else
                           'decorated name'))
        if FUNCTION_LITERAL_RE.search(line) and not rewritten:
            errors.append('%s:%d: error: MSVC-only __FUNCTION__ beside a string literal (MSVC\'s '
                          'is a literal and concatenates, GCC\'s is a variable)%s' %
                          (path, number, hint))
        if not line.rstrip('\r\n').endswith('\\'):
            directive = None
    return errors


def suffix_error(path, number, m, in_if, hint):
    suffix = m.group(2)
    fix = suffix_fix(m.group(1), suffix, in_if)
    if fix is None:
        unsigned = suffix[0] in 'uU'
        bits = suffix.lstrip('uU')[1:]
        what = 'cast instead: (%s%s)%s' % ('unsigned ' if unsigned else 'signed ',
                                          'char' if bits == '8' else 'short', m.group(1)) \
            if bits in ('8', '16') else 'the value does not fit in %s bits' % bits
        hint = ''
    else:
        what = 'write ' + fix
    return ('%s:%d: error: MSVC-only integer suffix "%s" in %s%s (GCC has no such suffix): %s%s'
            % (path, number, suffix, m.group(1), suffix, what, hint))


def cmd_msvc(args):
    # --clang: the compiler accepts the sized-integer suffixes itself (clang's -fms-extensions)
    clang = args[0] == '--clang'
    args = args[clang:]
    rewritten = args[0] == '--rewritten'
    source, rest = args[rewritten], args[rewritten + 1:]
    include_dirs, system_dirs = [], []
    while len(rest) >= 2 and rest[0] in ('-I', '-isystem'):
        (include_dirs if rest[0] == '-I' else system_dirs).append(rest[1])
        rest = rest[2:]
    finder = IncludeRewriter(None, include_dirs, system_dirs)
    todo, seen, errors = [(os.path.abspath(source), [])], set(), []
    while todo:
        path, includers = todo.pop(0)
        if path in seen or finder.is_system(path):
            continue
        seen.add(path)
        try:
            with open(path, 'r', encoding='utf-8', errors='surrogateescape') as f:
                lines = f.read().split('\n')
        except OSError:
            continue
        shown = os.path.relpath(path) if not os.path.relpath(path).startswith('..') else path
        errors += [e for e in msvc_scan(shown, lines, rewritten)
                   if not (clang and 'MSVC-only integer suffix' in e)]
        for line in lines:
            m = INCLUDE_RE.match(line.rstrip('\r'))
            if m:
                target = finder.windows_finds(m.group(3), m.group(2) == '"', includers + [path])
                if target:
                    todo.append((os.path.abspath(target), includers + [path]))
    for e in errors:
        print(e)
    return 1 if errors else 0


# --- __FUNCTION__ as a literal (on the preprocessed source) -----------------------------------

PP_TOKEN_RE = re.compile(r'(?P<str>(?:L|u8|u|U)?"(?:\\.|[^"\\\n])*")|(?P<chr>(?:L|u8|u|U)?'
                         r"'(?:\\.|[^'\\\n])*')|(?P<id>[A-Za-z_$]\w*)|(?P<num>\.?\d[\w.]*)|"
                         r'(?P<line>^[ \t]*#[^\n]*)|(?P<ws>\s+)|(?P<op>::|->|.)', re.M)
NOT_FUNCTIONS = {'__attribute__', '__declspec', '_Alignas', 'alignas', '__pragma', 'sizeof',
                 'decltype', '__typeof__', 'typeof', '_Static_assert', 'static_assert',
                 '__asm__', 'asm', '__asm'}


def function_at_brace(pending):
    """The name of the function whose body the { after these tokens opens, None when it opens
    something else (a struct, an initializer, a namespace): the identifier before the first (
    at the outer level (attributes and declspecs skipped), qualified by a preceding A::B::."""
    depth, tokens = 0, [t for t in pending if t[0] != 'ws']
    if any(t[1] == '=' for t in tokens) or not tokens or tokens[-1][1] in (',', '='):
        return None
    for i, (kind, text) in enumerate(tokens):
        if text == '(':
            if depth == 0 and i > 0 and tokens[i - 1][0] == 'id' and \
                    tokens[i - 1][1] not in NOT_FUNCTIONS:
                name, k = tokens[i - 1][1], i - 2
                while k >= 1 and tokens[k][1] == '::' and tokens[k - 1][0] == 'id':
                    name, k = tokens[k - 1][1] + '::' + name, k - 2
                return name
            depth += 1
        elif text == ')':
            depth -= 1
    return None


def scope_name(pending):
    """The name a { opens as a scope that qualifies C++ function names (namespace N, class C,
    struct S), else ''."""
    tokens = [t[1] for t in pending if t[0] not in ('ws', 'line')]
    for i, t in enumerate(tokens[:-1]):
        if t in ('namespace', 'class', 'struct', 'union') and re.match(r'[A-Za-z_]', tokens[i + 1]):
            return tokens[i + 1] if tokens[i + 1] not in NOT_FUNCTIONS else ''
    return ''


def cmd_funcnames(args):
    """Preprocessed source: every __FUNCTION__ beside a string literal inside a function body
    becomes the literal MSVC gives, the function's undecorated name ("DriverEntry"; in C++ with
    its classes and namespaces, "ns::Class::Method"), so that the literals concatenate. Other
    uses stay GCC's __FUNCTION__, which has the same value."""
    path = args[0]
    with open(path, 'r', encoding='utf-8', errors='surrogateescape', newline='') as f:
        text = f.read()
    tokens = [(m.lastgroup, m.group(), m.start()) for m in PP_TOKEN_RE.finditer(text)]
    scopes, pending, function, depth = [], [], None, 0  # scopes: (name or None, is function)
    where = {}  # index of an __FUNCTION__ token -> function name
    for index, (kind, tok, _) in enumerate(tokens):
        if kind in ('ws', 'line'):
            continue
        if function is not None:
            depth += tok == '{'
            depth -= tok == '}'
            if tok == '__FUNCTION__':
                where[index] = function
            if depth == 0:
                function, pending = None, []
            continue
        if tok == '{':
            name = function_at_brace(pending)
            if name is not None:
                outer = [n for n, _ in scopes if n]
                function, depth = '::'.join(outer + [name]), 1
            else:
                scopes.append((scope_name(pending), False))
            pending = []
        elif tok == '}':
            if scopes:
                scopes.pop()
            pending = []
        elif tok == ';':
            pending = []
        else:
            pending.append((kind, tok))
    edits = []
    for index, name in where.items():
        near = [t for t in tokens[index - 1::-1] if t[0] not in ('ws', 'line')][:1] + \
            [t for t in tokens[index + 1:] if t[0] not in ('ws', 'line')][:1]
        if any(t[0] == 'str' for t in near):
            edits.append((tokens[index][2], '"%s"' % name))
    for start, literal in sorted(edits, reverse=True):
        text = text[:start] + literal + text[start + len('__FUNCTION__'):]
    with open(path, 'w', encoding='utf-8', errors='surrogateescape', newline='') as f:
        f.write(text)
    return 0


# --- C++ global constructors ----------------------------------------------------------------

INIT_FUNC_RE = re.compile(r'^[0-9a-f]+ <(__static_initialization_and_destruction_\d+|'
                          r'_GLOBAL__sub_[ID]_[^>]*)')
RELOC_RE = re.compile(r'\sR_X86_64_\w+\s+(.+?)(?:[-+]0x[0-9a-f]+)?$')


def cmd_ctors(args):
    import subprocess
    obj, source = args[0], args[1]
    called, objects, local = [], [], False
    try:
        text = subprocess.run([os.environ.get('DRVCC_OBJDUMP', 'objdump'), '-dr', '-C',
                               '--no-show-raw-insn', obj], capture_output=True, text=True,
                              check=False).stdout
    except OSError:
        text = ''
    inside = False
    for line in text.split('\n'):
        if INIT_FUNC_RE.match(line):
            inside = True
            continue
        if re.match(r'^[0-9a-f]+ <', line):
            inside = False
        m = RELOC_RE.search(line) if inside else None
        if not m:
            continue
        name = m.group(1)
        if name.startswith('.'):
            local = True  # a file-local object, addressed through its section
        elif '(' in name:
            if (('::~' in name or '::' in name) and name not in called and
                    not name.startswith('__static_initialization')):
                called.append(name)
        elif (name not in objects and not name.startswith('_GLOBAL_') and
              not name.startswith(('__asan_', '__sancov_', '__sanitizer_'))):
            objects.append(name)  # (drvcc --fuzz: the sanitizers' own names left out)
    what = []
    if called:
        what.append('it calls ' + ', '.join(called))
    if objects:
        what.append('objects ' + ', '.join(objects) + (' and file-local ones' if local else ''))
    elif local:
        what.append('file-local objects')
    print('%s: error: global or namespace-scope objects need code run at load or unload (C++ '
          'dynamic initialization%s): a kernel driver has no C runtime to run global '
          'constructors and destructors (the WDK runs none either), and drvhost refuses a '
          'module that has them; give them constant initializers (constexpr, POD) or construct '
          'them in DriverEntry' % (source, ': ' + '; '.join(what) if what else ''))
    return 1


def main(argv):
    commands = {'ctors': (cmd_ctors, 2), 'project': (cmd_project, 4), 'includes': (cmd_includes, 2), 'msvc': (cmd_msvc, 1),
                'funcnames': (cmd_funcnames, 1), 'msvcfix': (drvcc_msvcfix.main, 3)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 < commands[argv[1]][1]:
        sys.stderr.write(__doc__)
        return 2
    try:
        return commands[argv[1]][0](argv[2:]) or 0
    except ProjectError as e:
        sys.stderr.write('drvcc: %s\n' % e)
        return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
