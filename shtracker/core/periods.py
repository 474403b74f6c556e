"""Periods (docs/periods.md): which one is in force, and an indicator as seen in one of them.

Each (indicator, period) pair is assessed exactly as a one-period file would be:
`indicator_in_period` returns the indicator with that period's target and
baseline, and `assess()` does the rest. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from shtracker.core.assess import Assessment, Notice, Point, assess, conflict_notices
from shtracker.core.errors import UsageError, unknown
from shtracker.core.model import (
    Indicator,
    Period,
    PeriodTarget,
    Plan,
    Report,
    Series,
    Status,
    Target,
)
from shtracker.core.selection import YearReports, select_years

#: The id of the one period of a file that declares none.
IMPLICIT_ID = "plan"


def implicit_period(plan: Plan) -> Period:
    """Return the one period of a file without `periods`: the plan's own years."""
    return Period(IMPLICIT_ID, plan.name, plan.baseline_year, plan.target_year, plan.source, True)


def periods_of(plan: Plan) -> tuple[Period, ...]:
    """Return the declared periods in file order, or the implicit one."""
    return plan.periods or (implicit_period(plan),)


def find_period(plan: Plan, ident: str) -> Period:
    """Return the declared period `ident` (`--period`), refusing an unknown one."""
    if not plan.periods:
        raise UsageError(f"--period {ident}: this file declares no periods")
    for period in plan.periods:
        if period.id == ident:
            return period
    raise UsageError(f"--period: {unknown('period', ident, [p.id for p in plan.periods])}")


def _length(period: Period) -> int:
    return period.target_year - (period.baseline_year or period.target_year)


def period_in_force(periods: Sequence[Period], as_of: int) -> Period:
    """Return the period `status` shows by default as of a year.

    The one with `baseline_year < as_of <= target_year`, the longest if several (the
    five-year plan over the annual targets); when none is, the last to have ended;
    before any has begun, the first to begin. Ties go to the period declared first.
    """
    running = [p for p in periods if (p.baseline_year or 0) < as_of <= p.target_year]
    if running:
        return max(running, key=_length)  # max keeps the first of equals
    ended = [p for p in periods if p.target_year < as_of]
    if ended:
        return max(ended, key=lambda p: (p.target_year, _length(p)))
    return min(periods, key=lambda p: (p.baseline_year or p.target_year, -_length(p)))


def target_in(indicator: Indicator, period: Period) -> PeriodTarget | None:
    """Return the indicator's target in a period (None when it has none there)."""
    if period.implicit:
        return PeriodTarget(period.id, indicator.target, indicator.baseline)
    return next((t for t in indicator.targets if t.period == period.id), None)


def levels_start_at_base_year(indicator: Indicator, target: Target) -> bool:
    """Return whether the assessed series starts at the baseline year without its figure.

    target-kinds.md: a flow's running total is 0 there, a rate's index 100 (a declared
    rate of that year is shown, not used), and an every-year target judges only the years
    after it. None of them takes that year's report as its starting level.
    """
    return indicator.series is not Series.STOCK or target.each_year


def period_baseline(
    indicator: Indicator,
    period: Period,
    own: Report | None,
    as_of: int,
    *,
    from_reports: bool = True,
) -> Report | None:
    """Return the baseline of an indicator in a period, by the rules of periods.md.

    In order: the target's own baseline; the declared baseline when its year is the
    period's baseline year; the usable report of that year (reports after `as_of` ignored),
    unless `from_reports` is false (levels_start_at_base_year).
    """
    if own is not None:
        return own
    declared = indicator.baseline
    if declared is not None and declared.year == period.baseline_year:
        return declared
    if not from_reports:
        return None
    for year in select_years(indicator.actuals, as_of):
        if year.year == period.baseline_year:
            return year.used
    return None


def indicator_in_period(indicator: Indicator, period: Period, as_of: int) -> Indicator | None:
    """Return the indicator as a one-period file would hold it (None: no target there).

    Its baseline is None when the period's baseline year has no figure yet (or, for a
    rate, flow or every-year series, when none is declared for that year); its series
    starts at the period's baseline year.
    """
    if period.implicit:
        return indicator
    target = target_in(indicator, period)
    if target is None:
        return None
    from_reports = not levels_start_at_base_year(indicator, target.target)
    baseline = period_baseline(indicator, period, target.baseline, as_of, from_reports=from_reports)
    return replace(
        indicator,
        target=target.target,
        baseline=baseline,
        targets=(),
        base_year=period.baseline_year,
    )


def assess_in_period(indicator: Indicator, period: Period, as_of: int) -> Assessment | None:
    """Return the assessment of an indicator in one period (None: no target there)."""
    view = indicator_in_period(indicator, period, as_of)
    if view is None:
        return None
    starts_without_figure = levels_start_at_base_year(view, view.target)
    if view.baseline is None and not period.implicit and not starts_without_figure:
        return _assess_without_baseline(view, period, as_of)
    return assess(view, as_of)


def assess_every_period(indicator: Indicator, plan: Plan, as_of: int) -> list[Assessment]:
    """Return the indicator's assessment in each period it has a target in, in file order."""
    found = (assess_in_period(indicator, p, as_of) for p in periods_of(plan))
    return [a for a in found if a is not None]


def periods_with_target(indicator: Indicator, plan: Plan) -> list[Period]:
    """Return the periods the indicator has a target in, in file order."""
    return [p for p in periods_of(plan) if target_in(indicator, p) is not None]


def assess_in_force(indicator: Indicator, periods: Sequence[Period], as_of: int) -> Assessment:
    """Return the assessment in the period in force among those the indicator has a target in.

    `periods` are the declared ones: none means the plan's implicit period.
    """
    if not periods:
        return assess(indicator, as_of)
    mine = [p for p in periods if target_in(indicator, p) is not None]
    period = period_in_force(mine, as_of)
    found = assess_in_period(indicator, period, as_of)
    if found is None:  # pragma: no cover - the period was chosen among those with a target
        raise AssertionError(period.id)
    return found


def _status_without_baseline(
    view: Indicator, years: Sequence[YearReports], latest: Point | None, target: Report | None
) -> Status:
    """Return the first rule of methodology.md that applies without a baseline."""
    if not any(y.used is not None for y in years):
        return Status.NO_DATA
    if target is not None:
        return Status.MET if view.target.is_met_by(target.value, view.direction) else Status.MISSED
    if latest is not None and view.target.is_met_by(latest.value, view.direction):
        return Status.ACHIEVED
    return Status.INSUFFICIENT_DATA


def _assess_without_baseline(view: Indicator, period: Period, as_of: int) -> Assessment:
    """Assess a period whose baseline year has no figure yet.

    The rules that need no baseline still apply, in methodology.md's order: no data
    at all; met or missed on the target year's figure; achieved when the latest figure
    of the period already meets the target. Otherwise insufficient data: progress
    cannot be measured without a starting point. This is our reading of periods.md.
    """
    years = select_years(view.actuals, as_of)
    notices = conflict_notices(years)
    base_year = period.baseline_year or 0
    notices.append(
        Notice(
            "baseline_pending",
            f"the {base_year} figure, the baseline of the {period.name}, is not reported yet: "
            "no progress can be measured in this period",
            base_year,
        )
    )
    later = [y.used for y in years if y.used is not None and y.year > base_year]
    latest = (
        Point(later[-1].year, later[-1].value, later[-1].quality, later[-1].source)
        if later
        else None
    )
    target = view.target
    target_report = next((y.used for y in years if y.year == target.year), None)
    status = _status_without_baseline(view, years, latest, target_report)
    if as_of >= target.year and target_report is None:
        notices.append(
            Notice(
                "target_year_pending",
                f"the {target.year} figure is not yet reported: the status follows the latest "
                "figure",
                target.year,
            )
        )
    return Assessment(
        view, as_of, tuple(years), None, False, latest, None, None, status, tuple(notices)
    )
