"""What the text alone tells before YAML composes it: how deep it may nest, how many values.

Composing is where a hostile file costs: PyYAML composes libyaml's events recursively
(libyaml 0.2.5 stops at 1,000 levels itself; older builds let it crash the process near
30,000) and builds a Python object per value (16 million values in a 32 MiB flow list
take 5 GB). These checks read the text in linear time and err on the side of caution:
a file that may nest deeply goes to the careful pure-Python loader, and one with more
value marks than `MAX_NODES` is refused. Brackets that never close ("see table [1" in a
note or a block scalar) keep a file on the fast loader.
"""

from __future__ import annotations

import re

#: Text that might nest deeper than this goes to the careful pure-Python loader.
FLOW_DEPTH_CHECKED = 64
#: Brackets that open and never close, counted as that many more levels.
STRAY_OPENINGS = 16
#: At most this many YAML values (a generated file of 10,000 indicators has about 1 million).
MAX_NODES = 2_000_000

# Compact nested block sequences ("- - - x") start a line, after its indentation.
_COMPACT_RUN = re.compile(rf"^[ \t]*(?:[-?:][ \t]+){{{FLOW_DEPTH_CHECKED}}}", re.MULTILINE)
#: How every such run starts; searching for this first is several times faster.
_COMPACT_PAIR = re.compile(r"[-?:][ \t]+[-?:][ \t]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# Quoted strings that open and close on one line where YAML starts a scalar, and
# comments: brackets in them are text, not structure.
QUOTED_OR_COMMENT = re.compile(
    r"""(?:^[ \t]*|(?<=[\[{,:])|(?<=[\[{,:?-][ \t]))"""
    r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')"""
    r"""|(?:^|(?<=[ \t]))#[^\n]*""",
    re.MULTILINE,
)
# In block context a bracket opens a flow collection only where a value starts: after
# the indentation, indicators (`- `, `? `, `: `), a key, and tags or anchors.
_PROPERTIES = r"(?:[!&][^ \t]*[ \t]+)*"
_INDICATORS = r"[ \t]*(?:---[ \t]+)?(?:[-?][ \t]+|:[ \t]*)*(?:[^ \t\[{].*?:[ \t]*)?" + _PROPERTIES
_OPENING = re.compile(_INDICATORS + r"[\[{]")
# A block scalar's `|` or `>` follows white space or starts the line: `k: :>` is plain.
_BLOCK_SCALAR = re.compile(_INDICATORS + r"(?<![^ \t])[|>][-+0-9]*[ \t]*\Z")
_LEAD = re.compile(r"[ \t]*(?:[-?][ \t]+)*")
# Inside a flow collection: quoted strings (which may span lines), comments and brackets.
_FLOW_TOKEN = re.compile(
    r"""(?<=[\[{,:?\s])(?:'(?:[^']|'')*'|"(?:[^"\\]|\\.)*")"""
    r"""|(?<=\s)#[^\n]*|(?P<bracket>[\[\]{}])""",
    re.DOTALL,
)
# Characters one of which stands before or in every YAML value (an upper bound).
_VALUE_MARKS = (",", ":", "\n", "- ", "-\t", "[", "{", "?")


def _brackets_nest_shallowly(text: str) -> bool:
    """Return whether the text's brackets nest within `FLOW_DEPTH_CHECKED` levels, counting
    up to `STRAY_OPENINGS` brackets that never close ("see table [1") as levels."""
    brackets = _NOT_BRACKET.sub("", text)
    for _ in range(FLOW_DEPTH_CHECKED):
        shorter = brackets.replace("[]", "").replace("{}", "")
        if shorter == brackets:  # what is left pairs up no more: stray, or crossed
            return brackets.count("[") + brackets.count("{") <= STRAY_OPENINGS
        brackets = shorter
    return not brackets


def _blanked(match: re.Match[str]) -> str:
    return "_" * len(match.group())


def _flow_end(body: str, start: int) -> tuple[int, int]:
    """Return where the flow collection opening at `start` ends (or the text does), and the
    deepest it nests; quoted strings (over lines too) and comments are skipped."""
    depth = deepest = 0
    for token in _FLOW_TOKEN.finditer(body, start):
        bracket = token.group("bracket")
        if bracket is None:
            continue
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
        if depth == 0:
            return token.end(), deepest
    return len(body), deepest


def max_flow_depth(body: str) -> int:
    """Return how deep flow collections may nest, skipping the text of block scalars and
    brackets inside plain scalars, quoted strings and comments (never an underestimate)."""
    deepest = 0
    parent = -1  # after a block scalar's header: the column its text must be right of
    text_indent = 0  # the indent of the block scalar's first line of text, once seen
    at, size = 0, len(body)
    while at < size:
        end = body.find("\n", at)
        end = size if end < 0 else end
        raw = body[at:end]
        content = raw.lstrip(" ")
        indent = len(raw) - len(content)
        if parent >= 0:
            if not content.strip() or (text_indent and indent >= text_indent):
                at = end + 1
                continue
            if not text_indent and indent > parent:
                text_indent = indent
                at = end + 1
                continue
            parent, text_indent = -1, 0
        if not any(c in raw for c in "[{|>"):
            at = end + 1
            continue
        line = QUOTED_OR_COMMENT.sub(_blanked, raw)  # the same length: offsets hold
        if (at == 0 or body[at - 1] == "\n") and _BLOCK_SCALAR.match(line):
            parent = _LEAD.match(line).end()  # type: ignore[union-attr]  # always matches
            at = end + 1
            continue
        opening = _OPENING.match(line)
        if opening is None:
            at = end + 1
            continue
        # The rest of the line after the collection is block context again (`[a]: [b]`).
        at, depth = _flow_end(body, at + opening.end() - 1)
        deepest = max(deepest, depth)
    return deepest


def may_nest_deeply(body: str) -> bool:
    """Return whether the text could nest deeper than libyaml can safely compose."""
    pair = _COMPACT_PAIR.search(body)
    if pair and _COMPACT_RUN.search(body, body.rfind("\n", 0, pair.start()) + 1):
        return True
    if _brackets_nest_shallowly(body):
        return False
    # A bracket inside a quoted string or a comment ("see [1") unbalances the count:
    # look again without them before taking the slow careful path.
    if _brackets_nest_shallowly(QUOTED_OR_COMMENT.sub("", body)):
        return False
    return max_flow_depth(body) > FLOW_DEPTH_CHECKED


def too_many_nodes(body: str) -> bool:
    """Return whether the text may hold more than `MAX_NODES` values."""
    marks = sum(body.count(mark) for mark in _VALUE_MARKS) + 1
    if marks <= MAX_NODES:
        return False
    if marks > 3 * MAX_NODES and "#" not in body:  # quoted text alone is not that long
        return True
    plain = QUOTED_OR_COMMENT.sub("", body)
    return sum(plain.count(mark) for mark in _VALUE_MARKS) + 1 > MAX_NODES
