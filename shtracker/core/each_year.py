"""Every-year targets ("keep it about 6% every year"): each year judged on its own.

target-kinds.md: each year `b < y <= T` with a usable figure is judged with the target's
kind and tolerance; there is no distance to cover, so no progress, pace or path.
"""

from __future__ import annotations

from dataclasses import dataclass

from shtracker.core.model import Indicator, Status
from shtracker.core.selection import YearReports


@dataclass(frozen=True, slots=True)
class Judged:
    """One year of an every-year target: its value and whether it met the target."""

    year: int
    value: float
    met: bool


def judge_years(indicator: Indicator, years: list[YearReports]) -> tuple[Judged, ...]:
    """Return every year after the baseline year, up to the target year, that has a figure."""
    target, start = indicator.target, indicator.start_year
    return tuple(
        Judged(y.year, y.used.value, target.is_met_by(y.used.value, indicator.direction))
        for y in years
        if y.used is not None and (start is None or start < y.year) and y.year <= target.year
    )


def each_year_status(judged: tuple[Judged, ...], target_year: int) -> Status:
    """Return the status of an every-year target; the first rule that applies wins."""
    if not judged:
        return Status.INSUFFICIENT_DATA
    every = all(j.met for j in judged)
    if judged[-1].year == target_year:
        return Status.MET if every else Status.MISSED
    if every:
        return Status.ACHIEVED
    if not judged[-1].met:
        return Status.REGRESSING
    return Status.BEHIND
