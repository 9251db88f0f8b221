"""drvcc_msvcfix.py - what MSVC accepts and GCC refuses, repaired at the places the compiler's own
errors point to, for drvcc under the Windows rules (drvcc_helper.py's msvcfix command).

drvcc compiles a source; when it fails with one of the errors below, the source is preprocessed
(gcc -E), a copy without line markers is compiled for its errors (whose lines and columns are
then those of the preprocessed text), each such error is repaired in the preprocessed text (one
line for one line), and the repaired text, line markers kept, is compiled: diagnostics still
name the original files and lines. Each repair is the narrowest form that makes MSVC's accepted
construct mean what MSVC makes it mean, and is named in a warning (file and line of the original
source). What a repair does not recognise stays the compiler's error.

  - C: the address of a cast, &((TYPE)x) (MSVC's cast on an lvalue, C4213): (TYPE *)&(x);
  - C: a field of an enumeration not yet defined (enum TAG x;): int, MSVC's type of every enum;
  - C: a function defined with pointer parameters of other types than its declaration's (C4028,
    "the type in the original declaration is used"): the body under a private name, the
    declared name an alias of it, keeping the declared type;
  - C: a variable declared volatile and defined without it: the definition takes the
    declaration's type (__typeof__);
  - C++: a goto that jumps over a scalar's initialization (MSVC's /Zc:gotoScope-, the default):
    T x = e; becomes T x; x = e; a const one with a constant initializer becomes static constexpr;
  - C++: a missing ';' before '}' in the body of a template (MSVC parses the body of a template
    only when it is instantiated): the ';' inserted;
  - C++: a member of a class template's explicit specialization defined without template<>
    (MSVC takes it as the specialization): template<> put before it;
  - a member of an anonymous struct/union declared again, with the same type, in another one of
    the same class (MSVC's C2658 outside /Za): the later declaration renamed, so that the name
    is the first one's (g++ and clang; gcc's C message does not locate the first).
"""

import re
import sys

MARKER_RE = re.compile(r'^[ \t]*#[ \t]*(?:line[ \t]+)?(\d+)[ \t]+"((?:\\.|[^"\\])*)"')
DIAG_RE = re.compile(r'^(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|note|warning): '
                     r'(?P<msg>.*)$')
CONTEXT_RE = re.compile(r'^(?P<path>.*?): In (?:member )?function ')
TOKEN_RE = re.compile(r'(?P<str>(?:L|u8|u|U)?"(?:\\.|[^"\\\n])*")|(?P<chr>(?:L|u8|u|U)?'
                      r"'(?:\\.|[^'\\\n])*')|(?P<id>[A-Za-z_$]\w*)|(?P<num>\.?\d[\w.]*)|"
                      r'(?P<line>^[ \t]*#[^\n]*)|(?P<ws>\s+)|'
                      r'(?P<op>::|->|<<=|>>=|\+\+|--|&&|\|\||<<|>>|[-+*/%&|^=!<>]=|.)', re.M)
Q = '[\'\u2018\u2019]'  # GCC quotes in the C locale and in UTF-8 ones


def read(path):
    with open(path, 'r', encoding='utf-8', errors='surrogateescape', newline='') as f:
        return f.read()


def write(path, text):
    with open(path, 'w', encoding='utf-8', errors='surrogateescape', newline='') as f:
        f.write(text)


def cmd_strip(args):
    """msvcfix strip IN.i OUT.i: the preprocessed text with its line markers blanked, so that the
    compiler's lines and columns are those of IN.i."""
    lines = read(args[0]).split('\n')
    write(args[1], '\n'.join('' if MARKER_RE.match(line) else line for line in lines))
    return 0


class Source:
    """The preprocessed text, its tokens and where each of its lines comes from."""

    def __init__(self, text):
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer('\n', text)]
        self.tokens = [(m.lastgroup, m.group(), m.start()) for m in TOKEN_RE.finditer(text)
                       if m.lastgroup not in ('ws', 'line')]
        self.origins, where = [], ('?', 0)
        for line in text.split('\n'):
            m = MARKER_RE.match(line)
            self.origins.append(where)
            where = (m.group(2), int(m.group(1))) if m else (where[0], where[1] + 1)

    def offset(self, line, col):
        return self.starts[line - 1] + col - 1 if 0 < line <= len(self.starts) else -1

    def origin(self, offset):
        line = len([s for s in self.starts if s <= offset])
        return '%s:%d' % self.origins[line - 1]

    def token_at(self, offset):
        """Index of the first token at or after offset."""
        for i, tok in enumerate(self.tokens):
            if tok[2] >= offset:
                return i
        return len(self.tokens)

    def matching(self, i):
        """Index of the token closing the bracket at token i."""
        opening, depth = self.tokens[i][1], 0
        closing = {'(': ')', '[': ']', '{': '}'}[opening]
        for j in range(i, len(self.tokens)):
            depth += self.tokens[j][1] == opening
            depth -= self.tokens[j][1] == closing
            if depth == 0:
                return j
        return None

    def span(self, i, j):
        """The text of tokens i..j."""
        return self.text[self.tokens[i][2]:self.tokens[j][2] + len(self.tokens[j][1])]


def is_type_name(tokens):
    """Whether these tokens can be a cast's type name (identifiers, *, qualifiers)."""
    return bool(tokens) and all(k == 'id' or t == '*' for k, t, _ in tokens) and \
        tokens[0][1] not in ('sizeof', 'return')


def postfix_end(src, i):
    """Index of the last token of the postfix expression starting at token i (after any number
    of indirections *), or None."""
    toks = src.tokens
    if i >= len(toks):
        return None
    if toks[i][1] == '*':  # an indirection: (TYPE)*p
        return postfix_end(src, i + 1)
    if toks[i][1] == '(':
        j = src.matching(i)
    elif toks[i][0] == 'id':
        j = i
    else:
        return None
    while j is not None and j + 1 < len(toks):
        nxt = toks[j + 1][1]
        if nxt in ('(', '['):
            j = src.matching(j + 1)
        elif nxt in ('->', '.') and j + 2 < len(toks) and toks[j + 2][0] == 'id':
            j += 2
        else:
            break
    return j


def cast_parts(src, s, e):
    """(TYPE, OPERAND) when tokens s..e are a cast of a postfix expression, (TYPE)x, in any
    number of parentheses; else None."""
    toks = src.tokens
    while s < e and toks[s][1] == '(' and src.matching(s) == e:
        s, e = s + 1, e - 1
    if toks[s][1] != '(':
        return None
    type_end = src.matching(s)
    if type_end is None or not is_type_name(toks[s + 1:type_end]) or \
            postfix_end(src, type_end + 1) != e:
        return None
    return src.span(s + 1, type_end - 1), src.span(type_end + 1, e)


def operand_forward(src, i):
    """Index of the last token of the unary operand starting at token i (a cast's too)."""
    toks = src.tokens
    if i < len(toks) and toks[i][1] == '(':
        close = src.matching(i)
        if close is not None and is_type_name(toks[i + 1:close]):
            return postfix_end(src, close + 1)
    return postfix_end(src, i)


def operand_backward(src, k):
    """Index of the first token of the operand that ends before token k (an assignment's or
    a postfix ++'s left operand)."""
    toks, j, depth = src.tokens, k - 1, 0
    while j >= 0:
        kind, t, _ = toks[j]
        if t in (')', ']'):
            depth += 1
        elif t in ('(', '['):
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and not ((kind in ('id', 'num') and t != 'return') or t in ('->', '.') or
                                 (t == '*' and j > 0 and toks[j - 1][1] in (')', '*'))):
            break
        j -= 1
    return j + 1


def cast_lvalue(src, s, e, address):
    """The edit making the cast at tokens s..e the lvalue MSVC makes it: the object reinterpreted
    as TYPE, *(TYPE *)&(x) (address: the & at token s - 1 taken too, giving (TYPE *)&(x))."""
    parts = cast_parts(src, s, e)
    if e is None or parts is None:
        return None
    type_text, operand = parts
    # __typeof__((TYPE)0): an error, not a silent misreading, when TYPE is not a type
    pointer = '(__typeof__((%s)0) *)&(%s)' % (type_text, operand)
    start = src.tokens[s - 1 if address else s][2]
    end = src.tokens[e][2] + len(src.tokens[e][1])
    message = 'a cast as an lvalue (MSVC\'s C4213: the object %s seen as %s)%s' % (
        ' '.join(operand.split()), ' '.join(type_text.split()),
        ': its address taken' if address else '')
    return [(start, end, '(%s)' % pointer if address else '(*%s)' % pointer)], message


def fix_cast_lvalue(src, offset):
    """A cast where an lvalue is needed: after &, before an assignment operator or ++/--
    (gcc points to the operator), or at the cast itself (clang)."""
    toks = src.tokens
    k = src.token_at(offset)
    if k >= len(toks) or toks[k][2] != offset:
        return None
    if toks[k][1] == '&':
        return cast_lvalue(src, k + 1, operand_forward(src, k + 1), True)
    if toks[k][1] == '(':
        return cast_lvalue(src, k, operand_forward(src, k), False)
    if toks[k][1] in ('++', '--') or toks[k][1].endswith('='):
        return cast_lvalue(src, operand_backward(src, k), k - 1, False)
    return None


def fix_enum_field(src, offset):
    """A field of an enumeration not defined yet: MSVC gives every enum the type int."""
    m = re.search(r'\benum\s+([A-Za-z_]\w*)\s+$', src.text[max(0, offset - 300):offset])
    if not m:
        return None
    start = max(0, offset - 300) + m.start()
    message = 'a field of enum %s, not yet defined: int, MSVC\'s type of an enum' % m.group(1)
    return [(start, start + len(m.group().rstrip()), 'int')], message


def split_function_type(text):
    """'long int(struct S *, void *)' -> ('long int', ['struct S *', 'void *'])."""
    m = re.match(r'^(.*?)\((.*)\)$', text.strip())
    if not m:
        return None
    params, depth, cur = [], 0, ''
    for ch in m.group(2):
        depth += ch in '(<['
        depth -= ch in ')>]'
        if ch == ',' and depth == 0:
            params.append(cur.strip())
            cur = ''
        else:
            cur += ch
    params.append(cur.strip())
    return m.group(1).strip(), params


def c4028_compatible(have, previous):
    """The same return type and parameter count; every differing parameter a pointer on both
    sides (the same ABI: MSVC warns C4028 and keeps the declaration's type)."""
    a, b = split_function_type(have), split_function_type(previous)
    if not a or not b or a[0] != b[0] or len(a[1]) != len(b[1]) or a == b:
        return False
    return all(x == y or (x.endswith('*') and y.endswith('*')) for x, y in zip(a[1], b[1]))


def fix_c4028(src, offset, name):
    """A function definition whose pointer parameters differ from its declaration's: its body
    under the name __drvhost_c4028_NAME, NAME an alias of it (the declared type kept)."""
    toks = src.tokens
    i = src.token_at(offset)
    if i + 1 >= len(toks) or toks[i][1] != name or toks[i + 1][1] != '(':
        return None
    close = src.matching(i + 1)
    if close is None or close + 1 >= len(toks) or toks[close + 1][1] != '{':
        return None
    body_end = src.matching(close + 1)
    if body_end is None:
        return None
    private = '__drvhost_c4028_' + name
    alias = ' __typeof__(%s) %s __attribute__((alias("%s")));' % (name, name, private)
    end = toks[body_end][2] + 1
    message = ('%s defined with other pointer parameter types than its declaration\'s (MSVC '
               'C4028): the declaration\'s type kept' % name)
    return [(offset, offset + len(name), private), (end, end, alias)], message


def statement_bounds(src, i):
    """Token indexes of the first and last (the ';') tokens of the statement holding token i."""
    start = i
    while start > 0 and src.tokens[start - 1][1] not in (';', '{', '}', ':'):
        start -= 1
    end, depth = i, 0
    while end < len(src.tokens):
        t = src.tokens[end][1]
        depth += t in ('(', '[', '{')
        depth -= t in (')', ']', '}')
        if depth < 0:
            return None
        if t == ';' and depth == 0:
            return start, end
        end += 1
    return None


def fix_crossed_init(src, offset):
    """A declaration T x = e; a goto jumps over (MSVC allows it: x is then uninitialized):
    T x; x = e; or, const with a constant initializer, static constexpr T x = e;."""
    toks = src.tokens
    i = src.token_at(offset)
    if i + 1 >= len(toks) or toks[i][0] != 'id' or toks[i + 1][1] != '=':
        return None
    bounds = statement_bounds(src, i)
    if bounds is None:
        return None
    start, end = bounds
    specifiers = [t[1] for t in toks[start:i]]
    init = toks[i + 2:end]
    if not specifiers or not init or init[0][1] == '{' or \
            any(t in ('&', '&&', 'auto', 'static', 'extern', 'thread_local', ',', '[', '(')
                for t in specifiers):
        return None
    depth = 0
    for _, t, _ in init:
        depth += t in ('(', '[', '{')
        depth -= t in (')', ']', '}')
        if t == ',' and depth == 0:
            return None
    name = toks[i][1]
    if 'const' in specifiers or 'constexpr' in specifiers:
        at = toks[start][2]
        edit = (at, at, 'static constexpr ' if 'constexpr' not in specifiers else 'static ')
        message = ('the initialization of %s, which a goto jumps over (MSVC\'s /Zc:gotoScope-): '
                   'static constexpr, its value a constant' % name)
        return [edit], message
    equal = toks[i + 1][2]
    message = ('the initialization of %s, which a goto jumps over (MSVC\'s /Zc:gotoScope-): '
               'an assignment after the declaration' % name)
    return [(equal, equal + 1, '; %s =' % name)], message


def in_template(src, offset):
    """Whether offset is inside the body of a template (a { whose head begins with template)."""
    stack = []
    for index, (_, tok, pos) in enumerate(src.tokens):
        if pos >= offset:
            break
        if tok == '{':
            stack.append(index)
        elif tok == '}' and stack:
            stack.pop()
    for index in stack:
        head = index
        while head > 0 and src.tokens[head - 1][1] not in (';', '{', '}'):
            head -= 1
        if src.tokens[head][1] == 'template':
            return True
    return False


def fix_template_semicolon(src, offset, before_brace):
    """gcc's expected ';' before '}' (at the }) or clang's after a return statement (where the
    ';' belongs), inside a template's body."""
    if offset >= len(src.text) or (before_brace and src.text[offset] != '}') or \
            not in_template(src, offset):
        return None
    message = ('a \';\' missing in a template\'s body, which MSVC parses only when the template '
               'is instantiated: inserted')
    return [(offset, offset, ';')], message


def fix_member_specialization(src, offset):
    """A member of a class template's specialization defined without template<> (MSVC takes
    RET CLASS<ARGS>::NAME(...) {...} as the explicit specialization it is): template<> put
    before the declaration."""
    i = src.token_at(offset)
    while i > 0 and src.tokens[i - 1][1] not in (';', '{', '}'):
        i -= 1
    if i >= len(src.tokens) or src.tokens[i][1] == 'template':
        return None
    at = src.tokens[i][2]
    message = 'a member of a template specialization defined without template<>: added'
    return [(at, at, 'template<> ')], message


def enclosing_brace(src, i):
    """Index of the innermost '{' enclosing token i, or None."""
    depth = 0
    for j in range(i - 1, -1, -1):
        t = src.tokens[j][1]
        depth += t == '}'
        if t == '{':
            if depth == 0:
                return j
            depth -= 1
    return None


def in_anonymous_aggregate(src, i):
    """Whether token i is a member of an anonymous struct or union: `struct {` ... `};`."""
    brace = enclosing_brace(src, i)
    if brace is None or brace == 0 or src.tokens[brace - 1][1] not in ('struct', 'union'):
        return False
    close = src.matching(brace)
    return close is not None and close + 1 < len(src.tokens) and src.tokens[close + 1][1] == ';'


def member_type(src, i):
    """The type tokens of the member declared by name token i: a single declarator whose
    specifiers are identifiers and `*`, ending at `;` or a bit-field's `:` (its width is not part
    of its type); else None."""
    bounds = statement_bounds(src, i)
    if bounds is None or bounds[0] == i or src.tokens[i + 1][1] not in (';', ':'):
        return None
    specifiers = src.tokens[bounds[0]:i]
    if any(k != 'id' and t != '*' for k, t, _ in specifiers):
        return None
    return [t for _, t, _ in specifiers]


def fix_anonymous_redeclaration(src, offset, name, following):
    """A member of an anonymous struct/union declared again, with the same type, in another
    anonymous struct/union of the same class (WFPSampler's IP_HEADER_V4: `UINT8 typeOfService;`
    in a union and `UINT8 typeOfService : 6;` in a struct inside it). MSVC accepts it outside
    /Za (C2658 is given for different types only); the later declaration is renamed
    __drvhost_c2658_N_NAME (its storage and bit width kept), so that NAME is the first one."""
    if not following or following[0][2] != 'note':
        return None
    i = src.token_at(offset)
    first_offset = src.offset(following[0][0], following[0][1])
    first = src.token_at(first_offset)
    if i >= len(src.tokens) or first >= len(src.tokens) or src.tokens[i][1] != name or \
            src.tokens[first][1] != name or src.tokens[first][2] != first_offset:
        return None
    if not in_anonymous_aggregate(src, i) or not in_anonymous_aggregate(src, first):
        return None
    kind = member_type(src, i)
    if kind is None or kind != member_type(src, first):
        return None
    message = ('member %s declared again, with the same type, in an anonymous struct/union (MSVC '
               'accepts it, C2658 outside /Za): the first declaration keeps the name' % name)
    return [(offset, offset + len(name), '__drvhost_c2658_%d_%s' % (offset, name))], message


def fix_volatile_definition(src, offset, name):
    """A variable declared volatile and defined without it (fastfat's `__volatile extern PMDL
    FatReserveMdl;` and `PMDL FatReserveMdl = NULL;`): the definition takes the declaration's
    type, `__typeof__(NAME) NAME`. Only for a single declarator whose specifiers are type names
    and `*` (no storage class), followed by its initializer or its `;`."""
    toks = src.tokens
    i = src.token_at(offset)
    if i + 1 >= len(toks) or toks[i][1] != name or toks[i + 1][1] not in ('=', ';'):
        return None
    bounds = statement_bounds(src, i)
    if bounds is None or bounds[0] == i:
        return None
    start = bounds[0]
    if any(t[0] != 'id' and t[1] != '*' or t[1] in STORAGE_WORDS for t in toks[start:i]):
        return None
    first = toks[start][2]
    message = ('%s defined without the volatile of its declaration (MSVC accepts it): the '
               'declaration\'s type kept' % name)
    return [(first, toks[i][2] + len(name), '__typeof__(%s) %s' % (name, name))], message


STORAGE_WORDS = ('static', 'extern', 'register', 'typedef', '__thread', '_Thread_local',
                 '__declspec', '__attribute__', 'auto')


VOLATILE_WORDS = ('volatile', '__volatile', '__volatile__')


def declared_volatile(src, note):
    """The previous declaration a note points to: its specifiers (before the name) hold volatile
    and no const."""
    if note[2] != 'note':
        return False
    offset = src.offset(note[0], note[1])
    i = src.token_at(offset)
    bounds = statement_bounds(src, i) if offset >= 0 and i < len(src.tokens) else None
    if bounds is None:
        return False
    words = [t[1] for t in src.tokens[bounds[0]:i]]
    return any(w in VOLATILE_WORDS for w in words) and not any(
        w in ('const', '__const', '__const__') for w in words)


def qualifier_conflict(src, offset, msg, following):
    """gcc's "conflicting type qualifiers" or clang's "redefinition ... with a different type",
    the next note pointing to the previous declaration: repaired only when that declaration adds
    volatile (not const: an object MSVC may place in read-only memory)."""
    m = re.match(r'conflicting type qualifiers for %s(\w+)%s$' % (Q, Q), msg)
    if not m:
        # clang: 'T' vs 'volatile T' (each perhaps with its aka), nothing else differing.
        m = re.match(r"redefinition of '(\w+)' with a different type: '([^']*)'.* vs '([^']*)'",
                     msg)
        if not m or m.group(3).replace('volatile', '').split() != m.group(2).split():
            return None
    if not following or not declared_volatile(src, following[0]):
        return None
    return fix_volatile_definition(src, offset, m.group(1))


def diagnostics(path):
    """The errors and notes of a compile: (line, col, kind, message, context)."""
    out, context = [], ''
    for line in read(path).split('\n'):
        if CONTEXT_RE.match(line):
            context = line
            continue
        m = DIAG_RE.match(line)
        if m:
            out.append((int(m.group('line')), int(m.group('col')), m.group('kind'),
                        m.group('msg').strip(), context))
    return out


def repairs(src, diags):
    """The repairs these diagnostics locate: a list of (edits, message, offset)."""
    found = []
    for n, (line, col, kind, msg, _) in enumerate(diags):
        if kind != 'error':
            continue
        offset = src.offset(line, col)
        if offset < 0:
            continue
        result = None
        if re.match(r'lvalue required as (unary %s&%s|left|increment|decrement) operand|'
                    r'cannot take the address of an rvalue|assignment to cast is illegal' % (Q, Q),
                    msg):
            result = fix_cast_lvalue(src, offset)
        elif re.match(r'field %s\w+%s has incomplete type$|field has incomplete type '
                      r'%senum \w+%s$' % (Q, Q, Q, Q), msg):
            result = fix_enum_field(src, offset)
        elif re.match(r'conflicting types for %s(\w+)%s; have ' % (Q, Q), msg):
            result = conflicting(src, offset, msg, diags[n + 1:n + 2])
        elif re.match(r'conflicting type qualifiers for |redefinition of .* with a different '
                      r'type: ', msg):
            result = qualifier_conflict(src, offset, msg, diags[n + 1:n + 2])
        elif re.match(r'jump to label %s|cannot jump from this goto statement to its label' % Q,
                      msg):
            found.extend(crossed(src, diags[n + 1:]))
        elif re.match(r'expected %s;%s before %s}%s token' % (Q, Q, Q, Q), msg):
            result = fix_template_semicolon(src, offset, True)
        elif re.match(r'specializing member .* requires %stemplate<>%s syntax|template '
                      r'specialization requires %stemplate<>%s' % (Q, Q, Q, Q), msg):
            result = fix_member_specialization(src, offset)
        elif re.match(r'expected %s;%s after return statement' % (Q, Q), msg):
            result = fix_template_semicolon(src, offset, False)
        elif redeclared(msg):
            result = fix_anonymous_redeclaration(src, offset, redeclared(msg), diags[n + 1:n + 2])
        if result:
            found.append(result + (offset,))
    return found


def redeclared(msg):
    """The member name of g++'s or clang's error for a member of an anonymous struct/union
    declared again, or None."""
    m = re.match(r'%s[^\'\u2018\u2019]*::<unnamed (?:struct|union)>::(\w+)%s conflicts with a '
                 r'previous declaration$' % (Q, Q), msg) or \
        re.match(r'member of anonymous (?:struct|union) redeclares %s(\w+)%s$' % (Q, Q), msg)
    return m.group(1) if m else None


TYPE_RE = r'%s([^\'\u2018\u2019]*)%s(?: \{aka %s([^\'\u2018\u2019]*)%s\})?$' % (Q, Q, Q, Q)


def conflicting(src, offset, msg, following):
    """gcc's conflicting types for a definition, with the previous declaration's type in the
    next note: the types compared with their typedefs resolved (gcc's aka)."""
    m = re.match(r'conflicting types for %s(\w+)%s; have ' % (Q, Q) + TYPE_RE, msg)
    if not m or not following:
        return None
    note = re.match(r'previous declaration of %s\w+%s with type ' % (Q, Q) + TYPE_RE,
                    following[0][3])
    if not note or not c4028_compatible(m.group(3) or m.group(2), note.group(2) or note.group(1)):
        return None
    return fix_c4028(src, offset, m.group(1))


def crossed(src, notes):
    """The notes after a jump to a label: every crossed initialization repairable, or none."""
    found = []
    for line, col, kind, msg, _ in notes:
        if kind != 'note':
            break
        if re.match(r'from here', msg):
            continue
        if not re.match(r'crosses initialization of|jump bypasses variable initialization', msg):
            return []
        offset = src.offset(line, col)
        result = fix_crossed_init(src, offset)
        if not result:
            return []
        found.append(result + (offset,))
    return found


def cmd_apply(args):
    """msvcfix apply IN.i ERRORS: repairs IN.i where ERRORS (the compile of its stripped copy)
    point to MSVC's constructs; a warning for each, naming the original file and line. Exit 0
    when something was repaired, 1 when nothing was."""
    src = Source(read(args[0]))
    edits, seen = [], set()
    for found_edits, message, offset in repairs(src, diagnostics(args[1])):
        if offset in seen:
            continue
        seen.add(offset)
        sys.stderr.write('%s: warning: %s (drvcc\'s MSVC repair)\n' % (src.origin(offset),
                                                                         message))
        edits.extend(found_edits)
    if not edits:
        return 1
    text = src.text
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        lost = text[start:end].count('\n')  # one line for one line
        text = text[:start] + replacement + '\n' * lost + text[end:]
    write(args[0], text)
    return 0


def main(args):
    if args and args[0] == 'strip' and len(args) == 3:
        return cmd_strip(args[1:])
    if args and args[0] == 'apply' and len(args) == 3:
        return cmd_apply(args[1:])
    sys.stderr.write('usage: msvcfix strip IN.i OUT.i | msvcfix apply IN.i ERRORS\n')
    return 2
