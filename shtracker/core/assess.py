"""Assess one indicator as of a year: pick the points, measure, and label (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

from shtracker.core.model import Indicator, Quality, Report, Status, is_maintain_target
from shtracker.core.progress import Measures, Path, measure, trend_status
from shtracker.core.selection import YearReports, select_years


@dataclass(frozen=True, slots=True)
class Point:
    """A year and the value that counts for it, with where it came from."""

    year: int
    value: float
    quality: Quality
    source: str | None


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning attached to an assessment: a code for scripts, a sentence for people."""

    code: str
    message: str
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    """Everything known about one indicator as of one year."""

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

    @property
    def maintain(self) -> bool:
        """Return whether the baseline already met the target (methodology.md)."""
        return self.path is not None and self.path.maintain


def _point(report: Report) -> Point:
    return Point(report.year, report.value, report.quality, report.source)


def format_number(value: float) -> str:
    """Return a number for a sentence: thousands separators, no float noise."""
    return f"{value:,.10g}"


def _baseline(indicator: Indicator, years: list[YearReports]) -> tuple[Point | None, bool]:
    """Return the declared baseline, else the earliest usable actual (and say which)."""
    if indicator.baseline is not None:
        return _point(indicator.baseline), False
    for year in years:
        if year.used is not None:
            return _point(year.used), True
    return None, False


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


def _status(
    indicator: Indicator, path: Path, measures: Measures, target_report: Report | None
) -> Status:
    target = indicator.target
    if target_report is not None:
        met = target.is_met_by(target_report.value, indicator.direction)
        return Status.MET if met else Status.MISSED
    if target.is_met_by(path.value, indicator.direction):
        return Status.ACHIEVED
    if path.year <= path.base_year:
        return Status.INSUFFICIENT_DATA
    if path.maintain:
        return Status.REGRESSING  # a maintain target no longer met
    return trend_status(measures.pace_ratio)


#: What a status rests on while the target year's figure is pending.
_TREND_STATUSES = (Status.ON_TRACK, Status.BEHIND, Status.FAR_BEHIND, Status.REGRESSING)


def pending_basis(status: Status, maintain: bool) -> str:
    """Return what the status follows while the target year's figure is not in."""
    if status in _TREND_STATUSES and not maintain:
        return "the trend"
    if status is Status.INSUFFICIENT_DATA:
        return "the baseline alone"
    return "the latest figure"


def assess(indicator: Indicator, as_of: int) -> Assessment:
    """Return the assessment of `indicator` using only reports up to `as_of`."""
    if indicator.targets:
        raise ValueError("an indicator with period targets is assessed per period")
    years = select_years(indicator.actuals, as_of)
    baseline, from_actuals = _baseline(indicator, years)
    notices = conflict_notices(years)
    if baseline is None or baseline.year > as_of:
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
    if from_actuals:
        notices.append(
            Notice(
                "baseline_from_actuals",
                f"no baseline declared: the earliest usable report ({baseline.year}) serves",
                baseline.year,
            )
        )
    later = [y.used for y in years if y.used is not None and y.year > baseline.year]
    latest = _point(later[-1]) if later else baseline
    target = indicator.target
    target_report = next((y.used for y in years if y.year == target.year), None)
    path = Path(
        indicator.direction.sign,
        baseline.year,
        baseline.value,
        latest.year,
        latest.value,
        target.year,
        target.value,
        maintain=is_maintain_target(target, indicator.direction, baseline.value),
    )
    measures = measure(path)
    status = _status(indicator, path, measures, target_report)
    if as_of >= target.year and target_report is None:
        basis = pending_basis(status, path.maintain)
        notices.append(
            Notice(
                "target_year_pending",
                f"the {target.year} figure is not yet reported: the status follows {basis}",
                target.year,
            )
        )
    return Assessment(
        indicator,
        as_of,
        tuple(years),
        baseline,
        from_actuals,
        latest,
        path,
        measures,
        status,
        tuple(notices),
    )
