"""The level series an indicator is assessed on, as target-kinds.md builds it.

A stock series is its reports; a rate series chains yearly rates into an index
(100 at the baseline year); a flow series sums yearly amounts into a running total
(0 at the baseline year). A year without a usable report stops a chain. A series
break moves the start of the assessment to the first level at or after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from shtracker.core.model import Indicator, Quality, Report, Series
from shtracker.core.selection import YearReports
from shtracker.core.target_kinds import SERIES_START, accumulate, chain


@dataclass(frozen=True, slots=True)
class Point:
    """A year and the value that counts for it, with where it came from."""

    year: int
    value: float
    quality: Quality
    source: str | None


@dataclass(frozen=True, slots=True)
class Levels:
    """The levels of one indicator up to as-of: the baseline, then each later usable year."""

    baseline: Point | None
    from_actuals: bool  # a stock series without a declared baseline: its earliest report
    points: tuple[Point, ...]  # after the baseline, ascending
    stopped_at: int | None = None  # a chain's first missing year, when later years are left out
    left_out: tuple[int, ...] = ()

    @property
    def all(self) -> tuple[Point, ...]:
        """Return the baseline (when known) and every later level."""
        return ((self.baseline,) if self.baseline is not None else ()) + self.points


def point_of(report: Report) -> Point:
    """Return a report as a point."""
    return Point(report.year, report.value, report.quality, report.source)


def _weakest(a: Quality, b: Quality) -> Quality:
    return a if a.rank <= b.rank else b


def stock_levels(indicator: Indicator, years: list[YearReports]) -> Levels:
    """Return the reports as levels, from the declared baseline or else the earliest report."""
    used = [y.used for y in years if y.used is not None]
    if indicator.baseline is not None:
        baseline, from_actuals = point_of(indicator.baseline), False
    elif used:
        baseline, from_actuals = point_of(used[0]), True
    else:
        return Levels(None, False, ())
    later = tuple(point_of(r) for r in used if r.year > baseline.year)
    return Levels(baseline, from_actuals, later)


def chained_levels(
    indicator: Indicator, years: list[YearReports], step: Callable[[Decimal, float], Decimal]
) -> Levels:
    """Return a chain from the start level at the baseline year, one step per year in turn.

    The first year without a usable report stops the chain: later years are left out.
    """
    start_year = indicator.start_year
    if start_year is None:
        return Levels(None, False, ())
    start = SERIES_START[indicator.series]
    used = {y.year: y.used for y in years if y.used is not None and y.year > start_year}
    level, quality, points = Decimal(repr(start)), Quality.FINAL, []
    year = start_year + 1
    while (report := used.get(year)) is not None:
        level = step(level, report.value)
        quality = _weakest(quality, report.quality)  # a level is as good as its weakest link
        points.append(Point(year, float(level), quality, report.source))
        year += 1
    left_out = tuple(y for y in sorted(used) if y > year)
    baseline = Point(start_year, start, Quality.FINAL, None)
    return Levels(baseline, False, tuple(points), year if left_out else None, left_out)


def level_series(indicator: Indicator, years: list[YearReports]) -> Levels:
    """Return the levels the indicator is assessed on, as its `series` says."""
    if indicator.series is Series.RATE:
        return chained_levels(indicator, years, chain)
    if indicator.series is Series.FLOW:
        return chained_levels(indicator, years, accumulate)
    return stock_levels(indicator, years)


def last_break(years: list[YearReports]) -> int | None:
    """Return the last year a report marks as a series break, if any."""
    marked = [y.year for y in years if any(r.series_break for r in y.all)]
    return marked[-1] if marked else None


def after_break(
    indicator: Indicator, levels: Levels, years: list[YearReports], year: int | None
) -> Levels | None:
    """Return the levels from the first one at or after a break year (the effective start).

    Unchanged when there is no break or it lies before the baseline; None when no
    usable level follows the break.
    """
    start = levels.baseline
    if year is None or start is None or year < start.year:
        return levels
    if year == start.year:
        # A stock's declared baseline may be on the old definition: the break year's own
        # report starts the comparable series. A chain starts at that year anyway.
        here = next((y.used for y in years if y.year == year), None)
        if indicator.series is not Series.STOCK or levels.from_actuals or here is None:
            return levels
        return replace(levels, baseline=point_of(here))
    comparable = [p for p in levels.points if p.year >= year]
    if not comparable:
        return None
    return replace(levels, baseline=comparable[0], points=tuple(comparable[1:]))
