"""Which reported value counts for each year.

See docs/methodology.md, "Which reported value counts".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shtracker.core.model import Quality, Report, exact

#: Two best-quality reports of one year conflict when they differ by more than this
#: share of the larger absolute value.
CONFLICT_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class YearReports:
    """Every report of one year, sorted into the one used and the rest."""

    year: int
    used: Report | None
    superseded: tuple[Report, ...]
    partial: tuple[Report, ...]
    conflicts: tuple[tuple[Report, Report], ...]

    @property
    def all(self) -> tuple[Report, ...]:
        """Return every report of the year, the used one first."""
        head = (self.used,) if self.used is not None else ()
        return head + self.superseded + self.partial


def reports_conflict(a: float, b: float) -> bool:
    """Return whether two values differ by more than 1% of the larger absolute value."""
    # In decimal: in binary floats 0.99 and 1.0 differ by more than 1% of 1.0.
    da, db = exact(a), exact(b)
    return abs(da - db) > exact(CONFLICT_SHARE) * max(abs(da), abs(db))


def select_year(year: int, reports: Iterable[Report]) -> YearReports:
    """Pick the last listed report of the best quality present; partial ones never count."""
    listed = list(reports)
    usable = [r for r in listed if r.quality is not Quality.PARTIAL]
    partial = tuple(r for r in listed if r.quality is Quality.PARTIAL)
    if not usable:
        return YearReports(year, None, (), partial, ())
    best = max(r.quality.rank for r in usable)
    top = [r for r in usable if r.quality.rank == best]
    used = top[-1]
    superseded = tuple(r for r in usable if r is not used)
    conflicts = tuple(
        (a, b)
        for i, a in enumerate(top)
        for b in top[i + 1 :]
        if reports_conflict(a.value, b.value)
    )
    return YearReports(year, used, superseded, partial, conflicts)


def select_years(reports: Iterable[Report], as_of: int | None = None) -> list[YearReports]:
    """Group reports by year (ascending), dropping years after `as_of`."""
    by_year: dict[int, list[Report]] = {}
    for report in reports:
        if as_of is None or report.year <= as_of:
            by_year.setdefault(report.year, []).append(report)
    return [select_year(year, by_year[year]) for year in sorted(by_year)]
