"""Shell completion of ids, groups and fixed words: fast, silent, and never an error.

Every Tab press starts the program, so this composes the file without
validating it, and imports neither Rich nor the model builder.
"""

from __future__ import annotations

from collections.abc import Sequence

from yaml.nodes import MappingNode, Node, ScalarNode

from shtracker.datafile.locate import locate
from shtracker.datafile.reader import MAX_BYTES, compose


def _top_nodes(option: str | None, name: str) -> list[tuple[ScalarNode, Node]]:
    """Return the key and value nodes of one top-level mapping of the file in use
    (`indicators`, `periods`); none when it cannot be read."""
    try:
        path = locate(option).path
        with open(path, "rb") as handle:
            text = handle.read(MAX_BYTES).decode("utf-8")
        root = compose(text, path)
        for key, value in root.value if isinstance(root, MappingNode) else ():
            if isinstance(key, ScalarNode) and key.value == name:
                nodes = value.value if isinstance(value, MappingNode) else []
                return [(k, v) for k, v in nodes if isinstance(k, ScalarNode)]
    except Exception:  # a completion must never print a traceback
        return []
    return []


def _indicator_nodes(option: str | None) -> list[tuple[ScalarNode, Node]]:
    return _top_nodes(option, "indicators")


def indicator_ids(option: str | None) -> list[str]:
    """Return the indicator ids of the data file in use, or none when it cannot be read."""
    return [key.value for key, _ in _indicator_nodes(option)]


def matching_periods(option: str | None, incomplete: str) -> list[str]:
    """Return the period ids of the file in use that start with what has been typed."""
    return [k.value for k, _ in _top_nodes(option, "periods") if k.value.startswith(incomplete)]


def group_names(option: str | None) -> list[str]:
    """Return the groups of the data file in use, each in its first spelling."""
    first: dict[str, str] = {}
    for _, value in _indicator_nodes(option):
        for key, node in value.value if isinstance(value, MappingNode) else ():
            if key.value == "group" and isinstance(node, ScalarNode) and node.value:
                first.setdefault(node.value.casefold(), node.value)
    return list(first.values())


def matching_ids(option: str | None, incomplete: str) -> list[str]:
    """Return the ids that start with what has been typed."""
    return [i for i in indicator_ids(option) if i.startswith(incomplete)]


def matching_words(words: Sequence[str], incomplete: str) -> list[str]:
    """Return the words that complete the last item of a comma-separated list, any case."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + w for w in words if w.startswith(last.lower().replace("-", "_"))]


def matching_groups(option: str | None, incomplete: str) -> list[str]:
    """Return the groups that complete the last item of a comma-separated list."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    groups = group_names(option)
    return [prefix + g for g in groups if g.casefold().startswith(last.casefold())]
