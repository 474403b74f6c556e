"""Sparklines: a series in one line of block characters, for tables (no Rich)."""

from __future__ import annotations

from collections.abc import Sequence

from shtracker.core.assess import Assessment
from shtracker.core.model import Series

BLOCKS = "▁▂▃▄▅▆▇█"
#: A year without a usable figure.
GAP = " "


def sparkline(values: Sequence[float | None]) -> str:
    """Return one block per value, scaled from the lowest to the highest; a blank for None."""
    known = [v for v in values if v is not None]
    if not known:
        return GAP * len(values)
    low, high = min(known), max(known)
    top = len(BLOCKS) - 1
    if high == low:
        return "".join(GAP if v is None else BLOCKS[top // 2] for v in values)
    return "".join(
        GAP if v is None else BLOCKS[round((v - low) / (high - low) * top)] for v in values
    )


def yearly_values(a: Assessment) -> list[float | None]:
    """Return the value that counts for each year from the baseline to the latest point.

    A rate or flow series shows the levels assessed (its index or running total), an
    every-year target the figures judged.
    """
    if a.latest is None:
        return []
    if a.indicator.series is not Series.STOCK or a.judged is not None:
        used = {p.year: p.value for p in a.levels}
        first = min(used)
    elif a.baseline is not None:
        used = {y.year: y.used.value for y in a.years if y.used is not None}
        used[a.baseline.year] = a.baseline.value
        first = a.baseline.year
    else:
        return []
    return [used.get(year) for year in range(first, a.latest.year + 1)]


def trend(a: Assessment, width: int) -> str:
    """Return the sparkline of the latest `width` years, or '' with fewer than two values."""
    values = yearly_values(a)[-width:] if width > 0 else []
    return sparkline(values) if sum(v is not None for v in values) >= 2 else ""
