"""Read a data file safely and compose it into YAML nodes, with line numbers.

Every failure is a `DataError` naming `file:line:column`; nothing here writes.
"""

from __future__ import annotations

import os
import re
import stat

import yaml
from yaml.nodes import Node

from shtracker.core.errors import DataError, Problem
from shtracker.core.model import Plan
from shtracker.datafile.builder import PlanBuilder

try:
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

#: Files larger than this are refused before reading (a 10,000-indicator file is ~12 MB).
MAX_BYTES = 32 * 1024 * 1024
BOM = "\ufeff"

# libyaml composes recursively in C and crashes the process near 30,000 levels.
# Text that could nest deeper than this goes to the pure-Python composer, which
# raises RecursionError instead.
_FLOW_DEPTH_CHECKED = 64
_COMPACT_RUN = re.compile(r"(?:[-?:][ \t]+){64}")
#: How every such run starts; searching for this first is five times faster.
_COMPACT_PAIR = re.compile(r"[-?:][ \t]+[-?:][ \t]")
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# Quoted strings that open and close on one line where YAML starts a scalar, and
# comments: brackets in them are text, not structure.
_QUOTED_OR_COMMENT = re.compile(
    r"""(?:^[ \t]*|(?<=[\[{,])|(?<=[\[{,:?-][ \t]))"""
    r"""(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')"""
    r"""|(?:^|(?<=[ \t]))#[^\n]*""",
    re.MULTILINE,
)


def read_text(path: str) -> str:
    """Return the text of a UTF-8 file, line endings kept; refuse anything else."""
    if not path:
        raise DataError([Problem("''", "an empty path names no data file")])
    return decode(read_bytes(path, path), path)


def regular_file(path: str, real: str) -> os.stat_result:
    """Return the status of a regular file within the size limit; refuse anything else.

    `path` is the name shown in messages, `real` the one opened (symlinks resolved).
    """
    try:
        info = os.stat(real)
    except OSError as exc:
        raise DataError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError([Problem(path, "is a directory, not a data file")])
    if not stat.S_ISREG(info.st_mode):
        raise DataError([Problem(path, "is not a regular file")])
    refuse_large(path, info.st_size)
    return info


def read_bytes(path: str, real: str) -> bytes:
    """Return the bytes of a regular file, never more than the size limit allows."""
    regular_file(path, real)
    try:
        with open(real, "rb") as handle:
            refuse_large(path, os.fstat(handle.fileno()).st_size)
            data = handle.read(MAX_BYTES + 1)  # never more, even if it grows meanwhile
    except OSError as exc:
        raise DataError([Problem(path, f"cannot read: {exc.strerror or exc}")]) from None
    refuse_large(path, len(data))  # it grew while being read
    return data


def refuse_large(path: str, size: int) -> None:
    """Refuse a file of more than `MAX_BYTES`, before reading it."""
    if size > MAX_BYTES:
        shown = f"{size / 2**20:.1f} MiB"
        raise DataError([Problem(path, f"is {shown}; the limit is {MAX_BYTES // 2**20} MiB")])


def decode(data: bytes, path: str) -> str:
    """Return bytes decoded as strict UTF-8, or a `DataError` at the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8"
        raise DataError([Problem(path, message, line, column)]) from None


def _brackets_nest_shallowly(text: str) -> bool:
    """Return whether the text's brackets pair up within `_FLOW_DEPTH_CHECKED` levels."""
    brackets = _NOT_BRACKET.sub("", text)
    for _ in range(_FLOW_DEPTH_CHECKED):
        if not brackets:
            return True
        shorter = brackets.replace("[]", "").replace("{}", "")
        if shorter == brackets:
            return False  # unbalanced
        brackets = shorter
    return not brackets


def _may_nest_deeply(text: str) -> bool:
    """Return whether the text could nest deeper than libyaml can safely compose."""
    pair = _COMPACT_PAIR.search(text)
    if pair and _COMPACT_RUN.search(text, pair.start()):
        return True
    if _brackets_nest_shallowly(text):
        return False
    # A bracket inside a quoted string or a comment ("see [1") unbalances the count:
    # look again without them before taking the slow careful path.
    return not _brackets_nest_shallowly(_QUOTED_OR_COMMENT.sub("", text))


#: The careful path refuses nesting deeper than this as it composes (a data file
#: needs about 7 levels). PyYAML's scanner slows down with every open flow level,
#: so waiting for a RecursionError took most of a second.
MAX_DEPTH = 100


class _DepthLimitedLoader(yaml.SafeLoader):
    """The pure-Python safe loader, stopping at `MAX_DEPTH` levels of nesting."""

    depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise RecursionError(f"nested deeper than {MAX_DEPTH} levels")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _at(body: str, index: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset."""
    index = max(0, min(index, len(body)))
    return body.count("\n", 0, index) + 1, index - (body.rfind("\n", 0, index) + 1) + 1


def _unreadable(body: str, path: str, exc: yaml.reader.ReaderError) -> Problem:
    """Return the problem of a character YAML refuses, at its place in the text."""
    # libyaml gives a byte offset and PyYAML a character offset: find the character.
    char = exc.character if isinstance(exc.character, str) else chr(exc.character)
    line, column = _at(body, body.find(char))
    message = f"not valid YAML: the character U+{ord(char):04X} is not allowed in a YAML file"
    return Problem(path, message, line, column)


def _tab_near(body: str, line: int, column: int) -> bool:
    """Return whether the line of a YAML error has a tab at or before its column."""
    text = body.split("\n", line)[line - 1] if line <= body.count("\n") + 1 else ""
    return "\t" in text[:column]


def compose(text: str, path: str) -> Node | None:
    """Return the YAML node tree of `text` (None when it holds no document)."""
    body = text[1:] if text.startswith(BOM) else text
    loader_class = _DepthLimitedLoader if _may_nest_deeply(body) else _FastLoader
    loader: yaml.SafeLoader | yaml.CSafeLoader | None = None
    try:
        loader = loader_class(body)  # PyYAML's reader already checks the characters here
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(m for m in (exc.context, exc.problem) if m) or "not valid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _tab_near(body, line, column):
            message = f"a tab character: YAML indents with spaces only ({message})"
        raise DataError([Problem(path, f"not valid YAML: {message}", line, column)]) from None
    except yaml.reader.ReaderError as exc:
        raise DataError([_unreadable(body, path, exc)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Problem(path, f"not valid YAML: {exc}", 1, 1)]) from None
    except UnicodeEncodeError as exc:  # a lone surrogate: only in text not read from a file
        line, column = _at(body, exc.start)
        raise DataError([Problem(path, "not UTF-8 text", line, column)]) from None
    except RecursionError:
        # Where the pure-Python reader had got to: the depth was exceeded about there.
        line = loader.get_mark().line + 1 if isinstance(loader, yaml.SafeLoader) else 1
        problem = Problem(path, "nested too deeply to be a data file", line, 1)
        raise DataError([problem]) from None
    finally:
        if loader is not None:
            loader.dispose()


def parse_with_nodes(text: str, path: str) -> tuple[Node | None, Plan]:
    """Return the composed nodes and the plan of a text (`record` edits by the nodes)."""
    if not text.strip(BOM + " \t\r\n"):
        raise DataError([Problem(path, "the file is empty", 1, 1)])
    root = compose(text, path)
    body = text[1:] if text.startswith(BOM) else text
    builder = PlanBuilder(body, path)
    plan = builder.plan(root)
    builder.raise_problems()
    if plan is None:  # pragma: no cover - every None comes with a problem
        raise DataError([Problem(path, "not a data file", 1, 1)])
    return root, plan


def parse_plan(text: str, path: str) -> Plan:
    """Return the plan a data file's text describes, or a `DataError` with every problem."""
    return parse_with_nodes(text, path)[1]


def load_plan(path: str) -> Plan:
    """Return the plan in the file at `path`."""
    return parse_plan(read_text(path), path)
