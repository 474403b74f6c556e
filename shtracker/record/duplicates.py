"""Whether a report is already in a file: what makes `record` (and an import) idempotent.

Two reports are the same when their year, value, quality, source and note are; the
`reported` date is when a figure was seen, not a different figure.
"""

from __future__ import annotations

from collections.abc import Iterable

from shtracker.core.model import Report


def same_report(a: Report, b: Report) -> bool:
    """Return whether two reports give the same figure from the same place."""
    return (a.year, a.value, a.quality, a.source, a.note) == (
        b.year,
        b.value,
        b.quality,
        b.source,
        b.note,
    )


def already_recorded(actuals: Iterable[Report], new: Report, replace: bool = False) -> bool:
    """Return whether recording `new` would change nothing: the same report is already there
    (with `replace`, it is the year's only report)."""
    year = [r for r in actuals if r.year == new.year]
    if replace:
        return len(year) == 1 and same_report(year[0], new)
    return any(same_report(r, new) for r in year)


def revised_report(actuals: Iterable[Report], new: Report) -> Report | None:
    """Return the year's last report of the same quality that `new` revises, if any."""
    return next(
        (r for r in reversed(tuple(actuals)) if r.year == new.year and r.quality is new.quality),
        None,
    )


def repeated_reports(actuals: Iterable[Report]) -> list[Report]:
    """Return each report listed again after the same report, in file order."""
    seen: list[Report] = []
    repeated = []
    for report in actuals:
        if any(same_report(report, s) for s in seen):
            repeated.append(report)
        else:
            seen.append(report)
    return repeated
