"""The indentation and style a file already uses for reports, copied for new lines.

An indicator's own reports decide first; the file's other reports fill in what
they do not show. The scan of the whole file is a `FileLayout`, made once per
composed tree, so a batch of many reports does not rescan the file per report.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Entry = tuple[Node, Node]


@dataclass(frozen=True, slots=True)
class Layout:
    """Indent offsets the file already uses, copied for new lines."""

    step: int = 2  # a year key's column minus its `actuals:` key's column
    dash: int = 2  # a list's dash column minus its year key's column
    item: int = 2  # a mapping item's column minus its dash column
    field: int = 2  # a block mapping report's column minus its year key's column
    block: bool = False  # reports with fields are block mappings, not flow `{...}`


def entry(node: Node, key: str) -> Entry | None:
    """Return the key and value nodes of `key` in a mapping node, if there."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k, v
    return None


def is_block(node: Node) -> bool:
    """Return whether a node is a block (not flow) collection."""
    return isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style


def _reports(actuals: Node) -> Iterator[Node]:
    for _, value in actuals.value if isinstance(actuals, MappingNode) else ():
        yield from value.value if isinstance(value, SequenceNode) else (value,)


@dataclass(frozen=True, slots=True)
class Offsets:
    """What some `actuals:` entries show: the first offset of each kind, and their style."""

    found: dict[str, int]
    block: bool | None  # None: no report with fields among them


def scan(actuals: Iterable[Entry]) -> Offsets:
    """Return the first offsets the entries show, in order, and the style of the first
    entries that hold reports with fields (block when most of those are)."""
    found: dict[str, int] = {}
    block: bool | None = None
    for key, node in actuals:
        for year, value in node.value if is_block(node) else ():
            col = year.start_mark.column
            found.setdefault("step", col - key.start_mark.column)
            if is_block(value) and isinstance(value, SequenceNode):
                found.setdefault("dash", value.start_mark.column - col)
                for item in value.value:
                    if is_block(item):
                        found.setdefault("item", item.start_mark.column - value.start_mark.column)
            elif is_block(value):
                found.setdefault("field", value.start_mark.column - col)
        mappings = [n for n in _reports(node) if isinstance(n, MappingNode)]
        if block is None and mappings:
            block = 2 * sum(1 for n in mappings if not n.flow_style) > len(mappings)
    return Offsets(found, block)


@dataclass(frozen=True, slots=True)
class FileLayout:
    """One composed file's indicators by id, and the offsets all their reports show."""

    indicators: dict[str, Entry]
    offsets: Offsets

    @classmethod
    def of(cls, root: Node | None) -> FileLayout:
        """Return the layout of a composed file (scanned once)."""
        listed = entry(root, "indicators") if root is not None else None
        mapping = listed[1] if listed and isinstance(listed[1], MappingNode) else None
        nodes: list[Entry] = list(mapping.value) if mapping else []
        indicators: dict[str, Entry] = {
            str(k.value): (k, v) for k, v in nodes if isinstance(k, ScalarNode)
        }
        # Only a block `indicators:` mapping lends its reports' layout (as written by people).
        shown = nodes if mapping is not None and is_block(mapping) else []
        every = (found for _, node in shown if (found := entry(node, "actuals")))
        return cls(indicators, scan(every))

    def layout(self, own: Entry | None, fallback_step: int) -> Layout:
        """Return the layout for an indicator: its own reports first, then the file's."""
        mine = scan([own] if own else [])
        found = {**self.offsets.found, **mine.found}
        step = found.get("step", fallback_step if fallback_step > 0 else 2)
        block = mine.block if mine.block is not None else bool(self.offsets.block)
        return Layout(
            step=step,
            dash=found.get("dash", step),
            item=found.get("item", 2),
            field=found.get("field", step),
            block=block,
        )
