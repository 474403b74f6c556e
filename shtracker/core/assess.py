"""Assess one indicator as of a year: pick the points, measure, and label (no I/O).

The forms of target-kinds.md reach the level engine of methodology.md through
core.series (the levels: reports, a chained index, running totals; the start after a
break) and core.each_year (every year judged on its own).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shtracker.core.each_year import Judged, each_year_status, judge_years
from shtracker.core.model import Indicator, Series, Status, is_maintain_target
from shtracker.core.progress import Measures, Path, measure, trend_status
from shtracker.core.selection import YearReports, select_years
from shtracker.core.series import (
    Levels,
    Point,
    after_break,
    last_break,
    level_series,
    point_of,
)

__all__ = [
    "Assessment",
    "Notice",
    "Point",
    "assess",
    "conflict_notices",
    "format_number",
    "pending_basis",
]


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning attached to an assessment: a code for scripts, a sentence for people."""

    code: str
    message: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything known about one indicator as of one year.

    `baseline` is the start of the level series (a stock's declared baseline or earliest
    report, a rate index's 100, a flow total's 0); `start` is where the measures begin,
    later than it after a series break. `levels` are the values assessed, year by year.
    """

    indicator: Indicator
    as_of: int
    years: tuple[YearReports, ...]
    baseline: Point | None
    baseline_from_actuals: bool
    latest: Point | None
    path: Path | None
    measures: Measures | None
    status: Status
    notices: tuple[Notice, ...]
    start: Point | None = None
    levels: tuple[Point, ...] = ()
    series_break: int | None = None
    judged: tuple[Judged, ...] | None = None  # an every-year target's judged years

    @property
    def maintain(self) -> bool:
        """Return whether the baseline already met the target (docs/methodology.md)."""
        return self.path is not None and self.path.maintain


def format_number(value: float) -> str:
    """Return a number for a sentence: thousands separators, no float noise."""
    return f"{value:,.10g}"


def conflict_notices(years: list[YearReports]) -> list[Notice]:
    """Return a `conflict` warning for every year whose best reports disagree."""
    notices = []
    for year in years:
        for a, b in year.conflicts:
            message = (
                f"{year.year}: reports differ by more than 1%: "
                f"{format_number(a.value)} ({a.source or 'no source'}) vs "
                f"{format_number(b.value)} ({b.source or 'no source'})"
            )
            notices.append(Notice("conflict", message, year.year))
    return notices


def _series_notices(indicator: Indicator, levels: Levels) -> list[Notice]:
    """Say where a baseline came from and where a chain stopped."""
    notices = []
    if levels.from_actuals and levels.baseline is not None:
        year = levels.baseline.year
        message = f"no baseline declared: the earliest usable report ({year}) serves"
        notices.append(Notice("baseline_from_actuals", message, year))
    if levels.stopped_at is not None:
        what = "rate" if indicator.series is Series.RATE else "figure"
        chain = "index" if indicator.series is Series.RATE else "running total"
        left_out = ", ".join(str(y) for y in levels.left_out)
        message = (
            f"no usable {what} for {levels.stopped_at}: the {chain} stops there, "
            f"so {left_out} {'is' if len(levels.left_out) == 1 else 'are'} not used"
        )
        notices.append(Notice("series_gap", message, levels.stopped_at))
    return notices


#: What a status rests on while the target year's figure is pending.
_TREND_STATUSES = (Status.ON_TRACK, Status.BEHIND, Status.FAR_BEHIND, Status.REGRESSING)


def pending_basis(status: Status, maintain: bool) -> str:
    """Return what the status follows while the target year's figure is not in."""
    if status in _TREND_STATUSES and not maintain:
        return "the trend"
    if status is Status.INSUFFICIENT_DATA:
        return "the baseline alone"
    return "the latest figure"


def _pending(
    indicator: Indicator,
    as_of: int,
    target_point: Point | None,
    basis: str,
    left_out: tuple[int, ...] = (),
) -> list[Notice]:
    year = indicator.target.year
    if as_of < year or target_point is not None:
        return []
    why = "reported but after the gap" if year in left_out else "not yet reported"
    message = f"the {year} figure is {why}: the status follows {basis}"
    return [Notice("target_year_pending", message, year)]


def _status(
    indicator: Indicator, path: Path, measures: Measures, at_target: Point | None
) -> Status:
    target = indicator.target
    if at_target is not None:
        met = target.is_met_by(at_target.value, indicator.direction)
        return Status.MET if met else Status.MISSED
    if target.is_met_by(path.value, indicator.direction):
        return Status.ACHIEVED
    if path.year <= path.base_year:
        return Status.INSUFFICIENT_DATA
    if path.maintain:
        return Status.REGRESSING  # a maintain target no longer met
    return trend_status(measures.pace_ratio)


def _each_year(base: Assessment, years: list[YearReports]) -> Assessment:
    """Return the assessment of an every-year target: each year judged, no path."""
    i = base.indicator
    judged = judge_years(i, years)
    reported = tuple(point_of(y.used) for y in years if y.used is not None)
    baseline = point_of(i.baseline) if i.baseline is not None else None
    if baseline is None and not reported:
        return base  # no data
    at_target = next((p for p in reported if p.year == i.target.year), None)
    latest = next((p for p in reversed(reported) if judged and p.year == judged[-1].year), None)
    return replace(
        base,
        baseline=baseline,
        latest=latest,
        levels=reported,
        status=each_year_status(judged, i.target.year),
        notices=base.notices + tuple(_pending(i, base.as_of, at_target, "the years judged")),
        judged=judged,
    )


def _break_notice(year: int, start: Point | None) -> Notice:
    since = (
        f"the assessment starts from {format_number(start.value)} ({start.year})"
        if start
        else ("no usable figure follows it")
    )
    return Notice("series_break", f"series break in {year}: {since}", year)


def _level(base: Assessment, years: list[YearReports], levels: Levels) -> Assessment:
    """Return the assessment of a level target (after any break): measures and status."""
    i, as_of = base.indicator, base.as_of
    broken = last_break(years)
    comparable = after_break(i, levels, years, broken)
    notices = list(base.notices)
    if broken is not None and levels.baseline is not None and broken < levels.baseline.year:
        broken = None  # before the baseline: the series assessed is already comparable
    if broken is not None:
        notices.append(_break_notice(broken, comparable.baseline if comparable else None))
    if comparable is None or comparable.baseline is None:
        status = Status.INSUFFICIENT_DATA
        return replace(base, status=status, notices=tuple(notices), series_break=broken)
    start = comparable.baseline
    latest = comparable.points[-1] if comparable.points else start
    at_target = next((p for p in levels.all if p.year == i.target.year), None)
    t = i.target
    path = Path(
        i.direction.sign,
        start.year,
        start.value,
        latest.year,
        latest.value,
        t.year,
        t.value,
        maintain=is_maintain_target(t, i.direction, start.value),
    )
    measures = measure(path)
    status = _status(i, path, measures, at_target)
    basis = pending_basis(status, path.maintain)
    notices += _pending(i, as_of, at_target, basis, levels.left_out)
    return replace(
        base,
        start=start,
        latest=latest,
        path=path,
        measures=measures,
        status=status,
        notices=tuple(notices),
        series_break=broken,
    )


def _empty(
    indicator: Indicator, as_of: int, years: list[YearReports], notices: list[Notice]
) -> Assessment:
    """Return an assessment with nothing measured yet: no data until a step finds some."""
    return Assessment(
        indicator,
        as_of,
        tuple(years),
        None,
        False,
        None,
        None,
        None,
        Status.NO_DATA,
        tuple(notices),
    )


def assess(indicator: Indicator, as_of: int) -> Assessment:
    """Return the assessment of `indicator` using only reports up to `as_of`."""
    if indicator.targets:
        raise ValueError("an indicator with period targets is assessed per period")
    years = select_years(indicator.actuals, as_of)
    base = _empty(indicator, as_of, years, conflict_notices(years))
    if indicator.target.each_year:
        return _each_year(base, years)
    levels = level_series(indicator, years)
    baseline = levels.baseline
    if baseline is None or baseline.year > as_of:
        return base
    base = replace(
        base,
        baseline=baseline,
        baseline_from_actuals=levels.from_actuals,
        notices=base.notices + tuple(_series_notices(indicator, levels)),
        levels=levels.all,
        start=baseline,
    )
    return _level(base, years, levels)
