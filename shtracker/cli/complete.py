"""Shell completion of indicator ids: fast, silent, and never an error.

Every Tab press starts the program, so this composes the file without
validating it, and imports neither Rich nor the model builder.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, ScalarNode

from shtracker.datafile.locate import locate
from shtracker.datafile.reader import compose, read_text


def indicator_ids(option: str | None) -> list[str]:
    """Return the indicator ids of the data file in use, or none when it cannot be read."""
    try:
        path = locate(option).path
        text = read_text(path)  # the reader's checks: a FIFO or a device never blocks it
        root = compose(text, path)  # and its bounds: a huge file is refused, not composed
        for key, value in root.value if isinstance(root, MappingNode) else ():
            if isinstance(key, ScalarNode) and key.value == "indicators":
                nodes = value.value if isinstance(value, MappingNode) else []
                return [k.value for k, _ in nodes if isinstance(k, ScalarNode)]
    except Exception:  # a completion must never print a traceback
        return []
    return []


def matching_ids(option: str | None, incomplete: str) -> list[str]:
    """Return the ids that start with what has been typed."""
    return [i for i in indicator_ids(option) if i.startswith(incomplete)]
