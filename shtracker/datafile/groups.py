"""Groups as people write them: `Core` and `core` are one group, shown as first spelled."""

from __future__ import annotations

from dataclasses import replace

from shtracker.core.errors import Problem
from shtracker.core.model import Indicator


def one_spelling_per_group(
    indicators: list[Indicator], path: str
) -> tuple[list[Indicator], list[Problem]]:
    """Return the indicators with each group spelled as it first was, and a note per change.

    Groups are matched regardless of case: `Core` and `core` are one group.
    """
    first: dict[str, Indicator] = {}
    unified, notes = [], []
    for indicator in indicators:
        group = indicator.group
        if group is None:
            unified.append(indicator)
            continue
        owner = first.setdefault(group.casefold(), indicator)
        if owner.group != group:
            unified.append(replace(indicator, group=owner.group))
            notes.append(
                Problem(
                    path,
                    f"indicator '{indicator.id}' group '{group}' is spelled "
                    f"'{owner.group}' for '{owner.id}' (line {owner.line}): "
                    f"shown as one group, '{owner.group}'",
                    indicator.line,
                    1,
                )
            )
        else:
            unified.append(indicator)
    return unified, notes
