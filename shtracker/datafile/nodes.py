"""Checks on YAML nodes that report every problem with its line and column.

Walks composed nodes and never constructs arbitrary objects, so tags and
aliases cannot run code or explode.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from shtracker.core.errors import DataError, Problem, did_you_mean, unknown

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
NUMBER_PATTERN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
YEAR_PATTERN = re.compile(r"[1-9][0-9]{3}\Z")  # 0777 is octal to YAML 1.1
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
LEADING_ZERO = re.compile(r"[-+]?0[0-9]")  # 010 is octal to YAML 1.1
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"

Fields = dict[str, Node]


#: Numbers are kept within this magnitude (and 0 or at least its inverse), so that no
#: difference, ratio or percentage of two of them leaves the range of a float.
MAX_MAGNITUDE = 1e300


def parse_number(text: str) -> float | None:
    """Return a plain decimal number (`4.5`, `-12`, `17012`), or None for anything else
    (and for a number whose size is 1e300 or more, or below 1e-300 but not zero)."""
    if not is_decimal(text):
        return None
    try:
        value: float = int(text) if "." not in text else float(text)
        size = abs(float(value))
    except (ValueError, OverflowError):
        return None
    if size >= MAX_MAGNITUDE or 0 < size < 1 / MAX_MAGNITUDE or (size == 0 and _tiny(text)):
        return None
    return value


def _tiny(text: str) -> bool:
    """Return whether a decimal that reads as 0.0 has a non-zero digit (it underflowed)."""
    return any(c in "123456789" for c in text)


def is_decimal(text: str) -> bool:
    """Return whether text is written as a plain decimal number (however large)."""
    return bool(NUMBER_PATTERN.match(text)) and not LEADING_ZERO.match(text)


def is_date(text: str) -> bool:
    """Return whether text is an ISO date that exists (2025-01-31, not 2025-02-30)."""
    if not DATE_PATTERN.match(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def shorten(text: str, limit: int = 60) -> str:
    """Return user text fit for a one-line message: line breaks escaped, long text cut."""
    flat = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return flat if len(flat) <= limit else flat[:limit] + "..."


def describe(node: Node) -> str:
    """Return a scalar's text (shortened), or what kind of collection the node is."""
    if isinstance(node, ScalarNode):
        return shorten(str(node.value))
    return "a list" if isinstance(node, SequenceNode) else "a mapping"


def _hint(key: str) -> str:
    """Return the likely cause of an unknown key that is three digits: `{value: 1,000}`."""
    if len(key) == 3 and key.isdigit():
        return " (a thousands separator? write 1000, not 1,000: in {...} a comma splits fields)"
    return ""


class Checker:
    """Collects the problems of one file while building its model."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, node: Node, message: str) -> None:
        """Record a problem at `node`."""
        mark = node.start_mark
        self.problems.append(Problem(self.path, message, mark.line + 1, mark.column + 1))

    def plain(self, node: Node) -> bool:
        """Return False (and say why) for a node with a tag, an anchor, or an alias."""
        index = node.start_mark.index
        if index < len(self.text) and self.text[index] in "!&*":
            what = "tags" if self.text[index] == "!" else "anchors and aliases"
            self.fail(node, f"{what} are not allowed in a data file")
            return False
        return True

    def mapping(self, node: Node, keys: tuple[str, ...], what: str) -> Fields | None:
        """Return a mapping's fields by name; report unknown and duplicate keys."""
        if not self.plain(node):
            return None
        if not isinstance(node, MappingNode):
            self.fail(node, f"{what} must be a mapping of keys to values")
            return None
        fields: Fields = {}
        plain = self.text_keys(node.value, f"a key in {what} must be plain text")
        for key, value in self.first_keys(
            plain,
            lambda name, line: f"duplicate key '{shorten(name)}' in {what} (also on line {line})",
        ):
            name = key.value
            if name not in keys:
                self.fail(key, unknown("key", shorten(name), keys, f"in {what}") + _hint(name))
            else:
                fields[name] = value
        return fields

    def text_keys(
        self, pairs: Iterable[tuple[Node, Node]], message: str
    ) -> Iterator[tuple[ScalarNode, Node]]:
        """Yield the pairs whose key is plain text; report the others with `message`."""
        for key, value in pairs:
            if self.plain(key) and isinstance(key, ScalarNode):
                yield key, value
            else:
                self.fail(key, message)

    def first_keys(
        self, pairs: Iterable[tuple[ScalarNode, Node]], duplicate: Callable[[str, int], str]
    ) -> Iterator[tuple[ScalarNode, Node]]:
        """Yield each key's first pair; report a repeated key as `duplicate(key, first line)`."""
        lines: dict[str, int] = {}
        for key, value in pairs:
            if key.value in lines:
                self.fail(key, duplicate(key.value, lines[key.value]))
                continue
            lines[key.value] = key.start_mark.line + 1
            yield key, value

    def require(self, node: Node, fields: Fields, name: str, what: str) -> Node | None:
        """Return a required field, or report that it is missing."""
        if name not in fields:
            self.fail(node, f"{what} is missing required field '{name}'")
            return None
        return fields[name]

    def text_of(self, node: Node | None, what: str) -> str | None:
        """Return a scalar's text, or report a non-text or empty value."""
        if node is None or not self.plain(node):
            return None
        if not isinstance(node, ScalarNode) or node.tag == _NULL_TAG or not node.value.strip():
            self.fail(node, f"{what} must be text")
            return None
        return str(node.value)

    def number(self, node: Node | None, what: str) -> float | None:
        """Return a finite plain decimal number, or report what was found instead."""
        if node is None or not self.plain(node):
            return None
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS:
            value = parse_number(node.value)
            if value is not None:
                return value
        shown = describe(node)
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS and is_decimal(node.value):
            self.fail(node, f"{what} is out of range (its size must be below 1e300): {shown}")
            return None
        quoted = isinstance(node, ScalarNode) and node.style in ("'", '"')
        hint = " (remove the quotes)" if quoted and parse_number(node.value) is not None else ""
        message = f"{what} must be a plain decimal number like 4.5 or 26000, not '{shown}'"
        self.fail(node, message + hint)
        return None

    def year(self, node: Node | None, what: str) -> int | None:
        """Return a four-digit unquoted year, or report what was found instead."""
        if node is None or not self.plain(node):
            return None
        if isinstance(node, ScalarNode) and node.tag == _INT_TAG and YEAR_PATTERN.match(node.value):
            return int(node.value)
        shown = describe(node)
        quoted = isinstance(node, ScalarNode) and node.style in ("'", '"')
        hint = " (remove the quotes)" if quoted and YEAR_PATTERN.match(node.value) else ""
        self.fail(node, f"{what} must be a year like 2025, not '{shown}'{hint}")
        return None

    def flag(self, node: Node, what: str) -> bool | None:
        """Return `true` or `false` as written (not yes/no/on/off), or report the word."""
        if not self.plain(node):
            return None
        word = str(node.value) if isinstance(node, ScalarNode) else ""
        if isinstance(node, ScalarNode) and node.tag == _BOOL_TAG and word in ("true", "false"):
            return word == "true"
        self.fail(node, f"{what} must be true or false, not '{describe(node)}'")
        return None

    def choice(self, node: Node | None, choices: tuple[str, ...], what: str) -> str | None:
        """Return one of `choices`, or report the word with a suggestion."""
        word = self.text_of(node, what)
        if word is None or node is None:
            return None
        if word not in choices:
            listed = ", ".join(choices)
            hint = did_you_mean(word, choices)
            self.fail(node, f"{what} must be one of {listed}, not '{shorten(word)}'{hint}")
            return None
        return word

    def optional_text(self, fields: Fields, name: str, what: str) -> str | None:
        """Return an optional text field, reporting it when it is not text."""
        node = fields.get(name)
        return None if node is None else self.text_of(node, f"{what} {name}")

    def items(self, node: Node, what: str) -> Iterator[tuple[Node, Node]]:
        """Yield a mapping's key and value nodes, reporting a non-mapping once."""
        if self.plain(node):
            if isinstance(node, MappingNode):
                yield from node.value
            else:
                self.fail(node, f"{what} must be a mapping")

    def sequence_or_one(self, node: Node) -> list[Node]:
        """Return the items of a list, or the node itself when it is not a list."""
        if isinstance(node, SequenceNode) and self.plain(node):
            return list(node.value)
        return [node]

    def raise_problems(self) -> None:
        """Raise every problem found, in file order."""
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: (p.line or 0, p.column or 0))
            unique = list(dict.fromkeys(ordered))
            raise DataError(unique)
